//! What a caller asks for: the debt, the terms, and how the plan is sized.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar::{BusinessDayRule, Calendar, HolidayCalendar};
use crate::debt::Debt;
use crate::error::Result;
use crate::frequency::Frequency;
use crate::money::{Money, Rounding};
use crate::rate::AnnualRate;
use crate::schedule::generate::{self, Arithmetic};
use crate::schedule::Schedule;

/// The most instalments a plan may have, whatever the request says: 100 years of monthly payments.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let debt = Debt::single(Claim::new("F", "100000.00 EUR".parse()?)?);
/// let request = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::WEEKLY, Sizing::Count(MAX_INSTALMENTS + 1));
/// assert!(matches!(request.generate(), Err(Error::InvalidCount { max: MAX_INSTALMENTS, .. })));
/// # Ok::<(), echeancier::Error>(())
/// ```
pub const MAX_INSTALMENTS: u32 = 1200;

/// How the number and amount of the instalments are found. Exactly one rule sizes a plan.
///
/// ```
/// use echeancier::{CapacityShape, Sizing};
///
/// let by_count = Sizing::Count(12);
/// let by_capacity = Sizing::Capacity { capacity: "400.00 EUR".parse()?, shape: CapacityShape::default() };
/// assert_ne!(by_count, by_capacity);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Sizing {
    /// This many instalments (after any down payment), as level as the rounding step allows.
    Count(u32),
    /// Instalments of this amount, as many as needed; the last one settles the balance and is
    /// smaller or equal. Not available for equal-principal plans, whose instalments decline.
    Amount(Money),
    /// The fewest instalments that never ask more than `capacity` per period, in the given shape.
    Capacity {
        /// What the debtor can pay per period.
        capacity: Money,
        /// Instalments at the full capacity, or level over the same count.
        shape: CapacityShape,
    },
    /// As many instalments as fall due on or before this date (business-day adjustment included).
    EndDate(NaiveDate),
}

/// The shape of a plan sized by capacity. Both use the same, fewest possible, number of instalments.
///
/// ```
/// use echeancier::CapacityShape;
///
/// assert_eq!(CapacityShape::default(), CapacityShape::FullCapacity);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum CapacityShape {
    /// Every instalment at the capacity (rounded down to the step), and a smaller last one.
    #[default]
    FullCapacity,
    /// Level instalments over that count, never above the capacity, the remainder one no larger than
    /// the others. Where the step makes that impossible, the plan falls back to the full-capacity
    /// shape and its derivation says so.
    Level,
}

/// Whether and how interest is charged on the balance.
///
/// Interest accrues on the whole balance being repaid (claims and fees), one period at a time, at the
/// [periodic rate](AnnualRate::periodic) of the plan's frequency, and is rounded once per instalment.
///
/// ```
/// use echeancier::Interest;
///
/// let annuity = Interest::Annuity("5%".parse()?);
/// assert_eq!(Interest::default(), Interest::None);
/// assert_ne!(annuity, Interest::EqualPrincipal("5%".parse()?));
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Interest {
    /// No interest: the usual case for overdue invoices.
    #[default]
    None,
    /// Equal instalments (an annuity, as for a classic loan): the interest part falls and the
    /// principal part grows.
    Annuity(AnnualRate),
    /// Equal principal parts plus the interest of the period: instalments decline.
    EqualPrincipal(AnnualRate),
}

impl Interest {
    /// The annual rate, if any.
    ///
    /// ```
    /// use echeancier::{AnnualRate, Interest};
    ///
    /// assert_eq!(Interest::None.rate(), None);
    /// let r: AnnualRate = "3%".parse()?;
    /// assert_eq!(Interest::Annuity(r).rate(), Some(r));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn rate(&self) -> Option<AnnualRate> {
        match self {
            Interest::None => None,
            Interest::Annuity(r) | Interest::EqualPrincipal(r) => Some(*r),
        }
    }
}

/// Which instalment absorbs the difference left by rounding the regular amount.
///
/// ```
/// use echeancier::Remainder;
///
/// assert_eq!(Remainder::default(), Remainder::Last);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Remainder {
    /// The last instalment.
    #[default]
    Last,
    /// The first instalment (plans without interest only, where the order does not change what is
    /// owed).
    First,
}

/// A payment made when the plan is signed, before the first instalment.
///
/// ```
/// use echeancier::DownPayment;
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
///
/// let signed = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
/// let fixed = DownPayment::amount("500.00 EUR".parse()?, signed);
/// let share = DownPayment::percent(Decimal::from(10), signed);
/// assert_eq!(fixed.date(), signed);
/// assert_ne!(fixed, share);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DownPayment {
    #[cfg_attr(feature = "serde", serde(flatten))]
    size: DownPaymentSize,
    date: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub(crate) enum DownPaymentSize {
    Amount(Money),
    Percent(#[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))] Decimal),
}

impl DownPayment {
    /// A down payment of a fixed amount, due on `date`.
    ///
    /// ```
    /// use echeancier::DownPayment;
    /// use chrono::NaiveDate;
    ///
    /// let d = DownPayment::amount("250.00 EUR".parse()?, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    /// assert_eq!(d.date().to_string(), "2026-12-01");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(amount: Money, date: NaiveDate) -> DownPayment {
        DownPayment {
            size: DownPaymentSize::Amount(amount),
            date,
        }
    }

    /// A down payment of `percent` % of the total due (0 < percent < 100), rounded to the minor unit
    /// with the plan's rounding, due on `date`.
    ///
    /// ```
    /// use echeancier::DownPayment;
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let d = DownPayment::percent(Decimal::from(20), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    /// assert_eq!(d.date().to_string(), "2026-12-01");
    /// ```
    pub fn percent(percent: Decimal, date: NaiveDate) -> DownPayment {
        DownPayment {
            size: DownPaymentSize::Percent(percent),
            date,
        }
    }

    /// The date it is due.
    ///
    /// ```
    /// use echeancier::DownPayment;
    /// use chrono::NaiveDate;
    ///
    /// let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    /// assert_eq!(DownPayment::amount("1.00 EUR".parse()?, day).date(), day);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    pub(crate) fn size(&self) -> DownPaymentSize {
        self.size
    }
}

/// A request for a schedule: the debt, the terms, the sizing rule and the options, built by value
/// and checked when [`generate`](PlanRequest::generate)d.
///
/// ```
/// use echeancier::{Claim, Debt, Frequency, Interest, PlanRequest, Sizing};
/// use chrono::NaiveDate;
///
/// let debt = Debt::single(Claim::new("LOAN-1", "10000.00 EUR".parse()?)?);
/// let first_due = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
/// let plan = PlanRequest::new(debt, first_due, Frequency::MONTHLY, Sizing::Count(36))
///     .interest(Interest::Annuity("5%".parse()?))
///     .generate()?;
/// assert_eq!(plan.instalments()[0].amount().to_string(), "299.71 EUR");
/// assert_eq!(plan.instalments()[35].amount().to_string(), "299.69 EUR");
/// assert_eq!(plan.totals().interest().to_string(), "789.54 EUR");
/// assert_eq!(plan.instalments()[1].due_date().to_string(), "2027-02-28");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PlanRequest {
    pub(crate) debt: Debt,
    pub(crate) first_due: NaiveDate,
    pub(crate) frequency: Frequency,
    pub(crate) sizing: Sizing,
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) interest: Interest,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) down_payment: Option<DownPayment>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) minimum_instalment: Option<Money>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) max_instalments: Option<u32>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) max_duration_months: Option<u32>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) step: Option<Money>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) remainder: Remainder,
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) rounding: Rounding,
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) business_days: BusinessDayRule,
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) calendar: HolidayCalendar,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) day_of_month: Option<u32>,
}

impl PlanRequest {
    /// A plan for `debt`, the first instalment due on `first_due`, then every `frequency`, sized by
    /// `sizing`; no interest, no down payment, cent rounding half-up, dates unadjusted.
    ///
    /// ```
    /// use echeancier::{Claim, Debt, Frequency, PlanRequest, Sizing};
    /// use chrono::NaiveDate;
    ///
    /// let debt = Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(), Frequency::MONTHLY, Sizing::Count(3))
    ///     .generate()?;
    /// let amounts: Vec<String> = plan.instalments().iter().map(|i| i.amount().to_string()).collect();
    /// assert_eq!(amounts, ["33.33 EUR", "33.33 EUR", "33.34 EUR"]);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(
        debt: Debt,
        first_due: NaiveDate,
        frequency: Frequency,
        sizing: Sizing,
    ) -> PlanRequest {
        PlanRequest {
            debt,
            first_due,
            frequency,
            sizing,
            interest: Interest::None,
            down_payment: None,
            minimum_instalment: None,
            max_instalments: None,
            max_duration_months: None,
            step: None,
            remainder: Remainder::Last,
            rounding: Rounding::HalfUp,
            business_days: BusinessDayRule::Unadjusted,
            calendar: HolidayCalendar::WeekendsOnly,
            day_of_month: None,
        }
    }

    /// Charges interest (default: none).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "15000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(60))
    ///     .interest(Interest::Annuity("8%".parse()?))
    ///     .generate()?;
    /// assert_eq!(plan.instalments()[0].amount().to_string(), "304.15 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest(mut self, interest: Interest) -> PlanRequest {
        self.interest = interest;
        self
    }

    /// Asks for a down payment before the first instalment. Its date must come before the first
    /// (adjusted) due date.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let debt = Debt::single(Claim::new("F-1", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, d(2, 1), Frequency::MONTHLY, Sizing::Count(4))
    ///     .down_payment(DownPayment::amount("200.00 EUR".parse()?, d(1, 10)))
    ///     .generate()?;
    /// assert_eq!(plan.instalments().len(), 5);
    /// assert_eq!(plan.instalments()[0].amount().to_string(), "200.00 EUR");
    /// assert_eq!(plan.instalments()[1].amount().to_string(), "200.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn down_payment(mut self, down_payment: DownPayment) -> PlanRequest {
        self.down_payment = Some(down_payment);
        self
    }

    /// Refuses plans whose regular instalments would be below `minimum` (the remainder instalment
    /// may be smaller).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?);
    /// let request = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(12))
    ///     .minimum_instalment("50.00 EUR".parse()?);
    /// assert!(matches!(request.generate(), Err(Error::BelowMinimumInstalment { .. })));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn minimum_instalment(mut self, minimum: Money) -> PlanRequest {
        self.minimum_instalment = Some(minimum);
        self
    }

    /// Refuses plans with more than `count` instalments (the down payment aside). Without it the
    /// bound is [`MAX_INSTALMENTS`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "9000.00 EUR".parse()?)?);
    /// let sizing = Sizing::Capacity { capacity: "120.00 EUR".parse()?, shape: CapacityShape::FullCapacity };
    /// let err = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, sizing)
    ///     .max_instalments(24)
    ///     .generate()
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "120.00 EUR per period cannot repay 9000.00 EUR within 24 instalments; at least 375.00 EUR per period is needed"
    /// );
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn max_instalments(mut self, count: u32) -> PlanRequest {
        self.max_instalments = Some(count);
        self
    }

    /// Refuses plans whose last instalment falls more than `months` months after the plan's start:
    /// the down payment date if there is one, otherwise one period before the first due date (so that
    /// 24 monthly instalments fit in 24 months).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "2400.00 EUR".parse()?)?);
    /// let first = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    /// let ok = PlanRequest::new(debt.clone(), first, Frequency::MONTHLY, Sizing::Count(24)).max_duration_months(24);
    /// assert!(ok.generate().is_ok());
    /// let too_long = PlanRequest::new(debt, first, Frequency::MONTHLY, Sizing::Count(25)).max_duration_months(24);
    /// assert!(too_long.generate().is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn max_duration_months(mut self, months: u32) -> PlanRequest {
        self.max_duration_months = Some(months);
        self
    }

    /// Rounds computed instalment amounts to a multiple of `step` (e.g. whole euros) instead of the
    /// minor unit; the [`Remainder`] instalment takes up the difference. For equal-principal plans the
    /// step applies to the principal parts. An explicit [`Sizing::Amount`] is used as given.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "4850.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(), Frequency::MONTHLY, Sizing::Count(12))
    ///     .step("10.00 EUR".parse()?)
    ///     .generate()?;
    /// assert_eq!(plan.instalments()[0].amount().to_string(), "400.00 EUR");
    /// assert_eq!(plan.instalments()[11].amount().to_string(), "450.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn step(mut self, step: Money) -> PlanRequest {
        self.step = Some(step);
        self
    }

    /// Places the rounding difference on the first or the last instalment (default: last).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(), Frequency::MONTHLY, Sizing::Count(3))
    ///     .remainder(Remainder::First)
    ///     .generate()?;
    /// assert_eq!(plan.instalments()[0].amount().to_string(), "33.34 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn remainder(mut self, remainder: Remainder) -> PlanRequest {
        self.remainder = remainder;
        self
    }

    /// The rounding of interest, percentages and regular amounts (default: [`Rounding::HalfUp`]).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(), Frequency::MONTHLY, Sizing::Count(6))
    ///     .rounding(Rounding::Up)
    ///     .generate()?;
    /// assert_eq!(plan.instalments()[0].amount().to_string(), "16.67 EUR");
    /// assert_eq!(plan.instalments()[5].amount().to_string(), "16.65 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn rounding(mut self, rounding: Rounding) -> PlanRequest {
        self.rounding = rounding;
        self
    }

    /// Month-based due dates fall on `day` (1 to 31) of each month, or on the last day of a
    /// shorter month, while the first due date is that date in its month. Without it, the day is
    /// the first due date's own: a plan that starts on 30 June stays on the 30th, one that should
    /// stay on the 31st says so here. Adjustments use it to keep a plan's day of the month.
    ///
    /// # Errors
    ///
    /// [`generate`](PlanRequest::generate) fails with
    /// [`Error::InvalidDays`](crate::Error::InvalidDays) for a day outside 1 to 31, a first due
    /// date that is not that day of its month (or its last day), or a frequency counted in days.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let debt = Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt.clone(), d(6, 30), Frequency::MONTHLY, Sizing::Count(3))
    ///     .day_of_month(31)
    ///     .generate()?;
    /// let dates: Vec<_> = plan.instalments().iter().map(|i| i.due_date()).collect();
    /// assert_eq!(dates, [d(6, 30), d(7, 31), d(8, 31)]);
    /// let wrong = PlanRequest::new(debt, d(6, 15), Frequency::MONTHLY, Sizing::Count(3)).day_of_month(31);
    /// assert!(matches!(wrong.generate(), Err(Error::InvalidDays { days: 31, .. })));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn day_of_month(mut self, day: u32) -> PlanRequest {
        self.day_of_month = Some(day);
        self
    }

    /// Moves due dates that are not business days of `calendar` by `rule`. A plan keeps its anchor:
    /// only each date's adjustment changes, never the dates after it.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?);
    /// // 1 May 2027 is a Saturday and a French public holiday
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 4, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3))
    ///     .business_days(BusinessDayRule::Following, HolidayCalendar::France)
    ///     .generate()?;
    /// assert_eq!(plan.instalments()[1].due_date().to_string(), "2027-05-03");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn business_days(
        mut self,
        rule: BusinessDayRule,
        calendar: HolidayCalendar,
    ) -> PlanRequest {
        self.business_days = rule;
        self.calendar = calendar;
        self
    }

    /// The debt the plan repays.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?);
    /// let request = PlanRequest::new(debt.clone(), NaiveDate::from_ymd_opt(2027, 4, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3));
    /// assert_eq!(request.debt(), &debt);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn debt(&self) -> &Debt {
        &self.debt
    }

    /// Computes the schedule, adjusting dates with the request's built-in calendar.
    ///
    /// # Errors
    ///
    /// Any request that cannot be honoured, with the numbers that show why: an empty debt
    /// ([`Error::EmptyDebt`](crate::Error::EmptyDebt)); amounts in another currency; a zero count or
    /// more than the limits ([`Error::InvalidCount`](crate::Error::InvalidCount)); a capacity or amount
    /// that does not cover the interest of a period
    /// ([`Error::BelowPeriodicInterest`](crate::Error::BelowPeriodicInterest)) or cannot repay within
    /// the limits, with the amount that would
    /// ([`Error::CapacityTooLow`](crate::Error::CapacityTooLow)); a regular instalment below the
    /// minimum; a down payment not smaller than the debt or not before the first due date; dates out
    /// of range; a remainder on the first instalment of an interest-bearing plan
    /// ([`Error::Unsupported`](crate::Error::Unsupported)).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "8000.00 EUR".parse()?)?);
    /// let sizing = Sizing::Capacity { capacity: "150.00 EUR".parse()?, shape: CapacityShape::FullCapacity };
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, sizing)
    ///     .interest(Interest::Annuity("7%".parse()?))
    ///     .generate()?;
    /// assert_eq!(plan.instalments().len(), 65);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn generate(&self) -> Result<Schedule> {
        generate::generate(self, &self.calendar, Arithmetic::Fastest)
    }

    /// Computes the schedule, adjusting dates with a caller's calendar instead of the built-in one.
    ///
    /// # Errors
    ///
    /// As [`generate`](PlanRequest::generate), plus
    /// [`Error::NoBusinessDay`](crate::Error::NoBusinessDay) for a calendar without business days.
    ///
    /// ```
    /// # use echeancier::*; use chrono::{Datelike, NaiveDate, Weekday};
    /// struct Fridays;
    /// impl Calendar for Fridays {
    ///     fn is_business_day(&self, d: NaiveDate) -> bool { d.weekday() == Weekday::Fri }
    /// }
    /// let debt = Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 4, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3))
    ///     .business_days(BusinessDayRule::Following, HolidayCalendar::WeekendsOnly)
    ///     .generate_with_calendar(&Fridays)?;
    /// assert!(plan.instalments().iter().all(|i| i.due_date().weekday() == Weekday::Fri));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn generate_with_calendar(&self, calendar: &dyn Calendar) -> Result<Schedule> {
        generate::generate(self, calendar, Arithmetic::Fastest)
    }

    /// Computes the schedule as [`generate`](PlanRequest::generate) does, with `Decimal` arithmetic
    /// throughout instead of whole minor units in integers where those give the same result. The
    /// result is identical, only slower: this is the reference the fast path is tested against, not
    /// part of the stable API.
    ///
    /// # Errors
    ///
    /// As [`generate`](PlanRequest::generate).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "10000.00 EUR".parse()?)?);
    /// let request = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(36))
    ///     .interest(Interest::Annuity("5%".parse()?));
    /// assert_eq!(request.generate_reference()?, request.generate()?);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    #[doc(hidden)]
    pub fn generate_reference(&self) -> Result<Schedule> {
        generate::generate(self, &self.calendar, Arithmetic::DecimalOnly)
    }
}
