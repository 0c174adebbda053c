//! What a caller asks for: the debt, the terms, and how the plan is sized.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar::{BusinessDayRule, Calendar, HolidayCalendar};
use crate::debt::Debt;
use crate::error::Result;
use crate::frequency::Frequency;
use crate::money::{Money, Rounding};
use crate::rate::AnnualRate;
use crate::schedule::days::{BrokenPeriod, InterestBasis};
use crate::schedule::generate::{self, Arithmetic};
use crate::schedule::rate_changes::RateChange;
use crate::schedule::stages::Stage;
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

/// When in its period an instalment is paid: at its end (the usual loan, and today's default) or at
/// its start (an *annuity-due*, *terme à échoir*: rents, leases, some consumer loans).
///
/// With [`InstalmentTiming::Start`] the first instalment falls on the first due date, which is the day
/// the plan starts, so it carries no interest; every later instalment pays the interest of the
/// period before it. An annuity is then `P·r / ((1 + r)·(1 − (1 + r)^−n))`, the ordinary one
/// divided by `1 + r`: what spreadsheets' `PMT(rate, n, pv, 0, 1)` and numpy-financial's
/// `pmt(rate, n, pv, when='begin')` give. Without interest both timings give the same plan.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// // PMT(8%, 10, 10000, 0, 1) = -1,379.90: ten yearly payments, the first on the day of the loan.
/// let debt = Debt::single(Claim::new("LOAN", "10000.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::YEARLY, Sizing::Count(10))
///     .interest(Interest::Annuity("8%".parse()?))
///     .timing(InstalmentTiming::Start)
///     .generate()?;
/// assert_eq!(plan.instalments()[0].amount().to_string(), "1379.90 EUR");
/// assert!(plan.instalments()[0].interest().is_zero());
/// assert_eq!(InstalmentTiming::default(), InstalmentTiming::End);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum InstalmentTiming {
    /// At the end of each period (*terme échu*): every instalment pays the interest of its period.
    #[default]
    End,
    /// At the start of each period (*terme à échoir*): the first instalment pays no interest.
    Start,
}

impl InstalmentTiming {
    #[cfg(feature = "serde")]
    fn is_end(&self) -> bool {
        *self == InstalmentTiming::End
    }
}

/// How the interest of a plan is computed, as loan engines (Apache Fineract's "interest method")
/// name it.
///
/// - [`InterestMethod::DecliningBalance`] (the default): each period's interest is the periodic
///   rate times the balance still owed, as described in [`Interest`].
/// - [`InterestMethod::Flat`]: the interest is the annual rate times the original amount financed
///   for the whole term (`P × rate × n × period`, rounded once with the plan's rounding), and it is
///   spread evenly over the instalments (each the same share in minor units rounded down, the
///   last one taking the few units left), which are level. Usual for small consumer and
///   microfinance loans; it costs more than the declining balance at the same nominal rate.
///   Flat interest is stated with [`Interest::Annuity`] (level instalments); an equal-principal
///   plan is refused.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// // 1,200.00 at 10 % flat over 12 months: 120.00 of interest, 110.00 a month.
/// let debt = Debt::single(Claim::new("LOAN", "1200.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(12))
///     .interest(Interest::Annuity("10%".parse()?))
///     .interest_method(InterestMethod::Flat)
///     .generate()?;
/// assert_eq!(plan.totals().interest().to_string(), "120.00 EUR");
/// assert!(plan.instalments().iter().all(|i| i.amount().to_string() == "110.00 EUR"));
/// assert!(plan.instalments().iter().all(|i| i.interest().to_string() == "10.00 EUR"));
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum InterestMethod {
    /// Interest on the balance still owed, period by period.
    #[default]
    DecliningBalance,
    /// Interest on the original amount for the whole term, spread evenly.
    Flat,
}

impl InterestMethod {
    #[cfg(feature = "serde")]
    fn is_declining(&self) -> bool {
        *self == InterestMethod::DecliningBalance
    }
}

/// How the regular amount of a plan sized by count (or end date) is chosen among the amounts on
/// the rounding step.
///
/// - [`Balancing::Rounded`] (today's rule, the default): the exact level amount rounded with the
///   plan's [`Rounding`] (rounded down instead when that would repay everything before the last
///   instalment); the last instalment takes whatever is left, which can differ from the others by
///   up to `n` steps' worth of rounding.
/// - [`Balancing::ClosestLast`]: of the exact amount rounded down and rounded up (at most one step
///   apart), the one whose last instalment comes closest to the regular one, as loan engines'
///   "EMI adjustment" does (only the amount moves, within one step). On a tie the plan's rounding
///   decides. The dates and the count never change.
///
/// Example: 1,000.00 in 7 monthly instalments on whole euros. The exact amount is 142.857…;
/// rounded half-up it is 143.00 and the last instalment 142.00 (1.00 less); rounded down, 142.00
/// and a last one of 148.00. `Rounded` keeps 143.00; `ClosestLast` also picks 143.00 (1.00 away
/// rather than 6.00). With 4,850.00 in 12 instalments on tens, half-up gives 400.00 and a last one
/// of 450.00 (50.00 away), up gives 410.00 and a last one of 340.00 (70.00 away): 400.00 again.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let debt = Debt::single(Claim::new("F-1", "1000.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(), Frequency::MONTHLY, Sizing::Count(6))
///     .step("1.00 EUR".parse()?)
///     .rounding(Rounding::Down)
///     .balancing(Balancing::ClosestLast)
///     .generate()?;
/// // Down alone: 166.00 and a last one of 170.00; up: 167.00 and a last one of 165.00.
/// assert_eq!(plan.instalments()[0].amount().to_string(), "167.00 EUR");
/// assert_eq!(plan.instalments()[5].amount().to_string(), "165.00 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Balancing {
    /// The exact amount rounded with the plan's rounding.
    #[default]
    Rounded,
    /// The amount within one step that brings the last instalment closest to the others.
    ClosestLast,
}

impl Balancing {
    #[cfg(feature = "serde")]
    fn is_rounded(&self) -> bool {
        *self == Balancing::Rounded
    }
}

/// How a down payment is rounded: to the minor unit (the default) or to the plan's
/// [step](PlanRequest::step), with the plan's rounding, the difference flowing into the regular
/// instalments.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate; use rust_decimal::Decimal;
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let debt = Debt::single(Claim::new("F-1", "4853.27 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, d(2, 5), Frequency::MONTHLY, Sizing::Count(12))
///     .down_payment(DownPayment::percent(Decimal::from(10), d(1, 5)).rounding(DownPaymentRounding::Step))
///     .step("10.00 EUR".parse()?)
///     .generate()?;
/// // 10 % is 485.327, on tens of euros 490.00; 4,363.27 is left for the instalments.
/// assert_eq!(plan.instalments()[0].amount().to_string(), "490.00 EUR");
/// assert_eq!(plan.derivation().financed().to_string(), "4363.27 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DownPaymentRounding {
    /// To the currency's minor unit.
    #[default]
    MinorUnit,
    /// To a multiple of the plan's step.
    Step,
}

impl DownPaymentRounding {
    #[cfg(feature = "serde")]
    fn is_minor_unit(&self) -> bool {
        *self == DownPaymentRounding::MinorUnit
    }
}

/// A last instalment larger than the others (a *balloon*, *paiement ballon*): part of the amount
/// financed is left to the last instalment, and the regular instalments repay the rest.
///
/// The regular amount repays the amount financed less the present value of the balloon: for an
/// annuity `(P − B·(1 + r)^−n) · r / (1 − (1 + r)^−n)` (the balloon discounted one period less when
/// instalments are paid at the start of each period), without interest or for equal principal
/// parts `(P − B) / n`, flat `(P − B + I) / n`; the last instalment settles the balance, the
/// balloon and its rounding difference. As a share, it is a percentage of the amount financed
/// (after any down payment), rounded to the minor unit with the plan's rounding. A plan with a
/// balloon is sized by count or end date, with the remainder on the last instalment.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// // 20,000.00 at 6 % over 36 months with 5,000.00 left to the last instalment.
/// let debt = Debt::single(Claim::new("CAR", "20000.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(36))
///     .interest(Interest::Annuity("6%".parse()?))
///     .balloon(Balloon::Amount("5000.00 EUR".parse()?))
///     .generate()?;
/// assert_eq!(plan.instalments()[0].amount().to_string(), "481.33 EUR");
/// assert_eq!(plan.instalments()[35].amount().to_string(), "5481.30 EUR");
/// assert_eq!(plan.derivation().balloon().map(|m| m.to_string()).as_deref(), Some("5000.00 EUR"));
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Balloon {
    /// This amount is left to the last instalment.
    Amount(Money),
    /// This percentage of the amount financed (0 < percent < 100) is left to the last instalment.
    Percent(#[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))] Decimal),
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
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "DownPaymentRounding::is_minor_unit")
    )]
    rounding: DownPaymentRounding,
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
            rounding: DownPaymentRounding::MinorUnit,
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
            rounding: DownPaymentRounding::MinorUnit,
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

    /// Rounds the down payment to the minor unit (the default) or to the plan's step, with the
    /// plan's rounding; see [`DownPaymentRounding`]. A down payment that rounds to nothing is
    /// refused ([`Error::NotPositive`](crate::Error::NotPositive)).
    ///
    /// ```
    /// use echeancier::{DownPayment, DownPaymentRounding};
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let d = DownPayment::percent(Decimal::from(10), NaiveDate::from_ymd_opt(2027, 1, 5).unwrap())
    ///     .rounding(DownPaymentRounding::Step);
    /// assert_eq!(d.rounding_rule(), DownPaymentRounding::Step);
    /// ```
    pub fn rounding(mut self, rounding: DownPaymentRounding) -> DownPayment {
        self.rounding = rounding;
        self
    }

    /// How it is rounded (see [`DownPayment::rounding`]).
    ///
    /// ```
    /// use echeancier::{DownPayment, DownPaymentRounding};
    /// use chrono::NaiveDate;
    ///
    /// let d = DownPayment::amount("100.00 EUR".parse()?, NaiveDate::from_ymd_opt(2027, 1, 5).unwrap());
    /// assert_eq!(d.rounding_rule(), DownPaymentRounding::MinorUnit);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn rounding_rule(&self) -> DownPaymentRounding {
        self.rounding
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
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "InstalmentTiming::is_end")
    )]
    pub(crate) timing: InstalmentTiming,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "InterestMethod::is_declining")
    )]
    pub(crate) interest_method: InterestMethod,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Balancing::is_rounded")
    )]
    pub(crate) balancing: Balancing,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) balloon: Option<Balloon>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_zero"))]
    pub(crate) principal_grace: u32,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_zero"))]
    pub(crate) interest_free_grace: u32,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_zero"))]
    pub(crate) deferred_interest_grace: u32,
    // Interest on the days of each period and rate changes (`days.rs`, `rate_changes.rs`).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "InterestBasis::is_periodic")
    )]
    pub(crate) interest_basis: InterestBasis,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) interest_from: Option<NaiveDate>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "BrokenPeriod::is_level")
    )]
    pub(crate) broken_period: BrokenPeriod,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub(crate) stages: Vec<Stage>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub(crate) rate_changes: Vec<RateChange>,
}

#[cfg(feature = "serde")]
fn is_zero(n: &u32) -> bool {
    *n == 0
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
            timing: InstalmentTiming::End,
            interest_method: InterestMethod::DecliningBalance,
            balancing: Balancing::Rounded,
            balloon: None,
            principal_grace: 0,
            interest_free_grace: 0,
            deferred_interest_grace: 0,
            stages: Vec::new(),
            interest_basis: InterestBasis::Periodic,
            interest_from: None,
            broken_period: BrokenPeriod::Level,
            rate_changes: Vec::new(),
        }
    }

    /// The first `periods` instalments pay only the interest of their period (a *principal grace*,
    /// *différé d'amortissement partiel*, Apache Fineract's "grace on principal payment"); the
    /// instalments after them repay the balance as the plan's interest method says, over the
    /// periods left. The count of a plan includes its grace periods. A plan with principal grace
    /// charges interest on the declining balance, paid at the end of each period. It does not
    /// combine with an [`interest_free_grace`](PlanRequest::interest_free_grace) or a
    /// [`deferred_interest_grace`](PlanRequest::deferred_interest_grace) (a period of both would
    /// pay nothing), nor with [`stages`](PlanRequest::stages).
    ///
    /// # Errors
    ///
    /// [`generate`](PlanRequest::generate) fails with
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a plan without interest (its grace
    /// instalments would be zero), with flat interest or instalments at the start of each period,
    /// or sized by count or end date with no instalment left after the grace.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// // 12,000.00 at 6 %: 3 months of interest only (60.00), then 9 instalments of 1,366.89.
    /// let debt = Debt::single(Claim::new("L", "12000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(12))
    ///     .interest(Interest::Annuity("6%".parse()?))
    ///     .principal_grace(3)
    ///     .generate()?;
    /// assert_eq!(plan.instalments()[0].amount().to_string(), "60.00 EUR");
    /// assert!(plan.instalments()[2].principal().is_zero());
    /// assert_eq!(plan.instalments()[3].amount().to_string(), "1366.89 EUR");
    /// assert_eq!(plan.derivation().principal_grace(), 3);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn principal_grace(mut self, periods: u32) -> PlanRequest {
        self.principal_grace = periods;
        self
    }

    /// The first `periods` instalments carry no interest: none accrues in their periods (an
    /// *interest-free grace*, *franchise d'intérêts*, Apache Fineract's "grace on interest
    /// charged"). They repay principal: a level plan's instalments all keep one amount, found so
    /// that the periods after the grace amortise what is left. The count of a plan includes them.
    ///
    /// It combines with [`deferred_interest_grace`](PlanRequest::deferred_interest_grace) (the
    /// periods of both accrue nothing; deferred periods after the interest-free ones accrue
    /// interest paid later) but not with a
    /// [`principal_grace`](PlanRequest::principal_grace): a period of both would pay nothing, and a
    /// plan has no empty instalment (start the plan later instead).
    ///
    /// # Errors
    ///
    /// [`generate`](PlanRequest::generate) fails with
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a plan without interest on the
    /// declining balance paid at the end of each period, with a principal grace, or sized by count
    /// or end date with no instalment after the grace.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// // 12,000.00 at 6 % over 12 months, the first 3 interest-free: 12 instalments of 1,018.76,
    /// // A = P / (3 + (1 − 1.005^−9) / 0.005) = 1,018.7567.
    /// let debt = Debt::single(Claim::new("L", "12000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(12))
    ///     .interest(Interest::Annuity("6%".parse()?))
    ///     .interest_free_grace(3)
    ///     .generate()?;
    /// assert!(plan.instalments()[..3].iter().all(|i| i.interest().is_zero()));
    /// assert_eq!(plan.instalments()[0].amount().to_string(), "1018.76 EUR");
    /// assert_eq!(plan.instalments()[3].interest().to_string(), "44.72 EUR"); // 6 % / 12 × 8,943.72
    /// assert_eq!(plan.derivation().interest_free_grace(), 3);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest_free_grace(mut self, periods: u32) -> PlanRequest {
        self.interest_free_grace = periods;
        self
    }

    /// The first `periods` instalments pay no interest: the interest of their periods (the
    /// periodic rate on the balance of each, never on interest) is paid by the first instalment
    /// after them, on top of its own (a *deferred-interest grace*, *intérêts différés*, Apache
    /// Fineract's "grace on interest payment", which collects it that way). They repay principal:
    /// a level plan's instalments all keep one amount. The count of a plan includes them.
    ///
    /// Combined with [`interest_free_grace`](PlanRequest::interest_free_grace), only the deferred
    /// periods after the interest-free ones accrue interest: with 2 interest-free and 4 deferred
    /// periods, periods 3 and 4 accrue interest that instalment 5 pays. It does not combine with a
    /// [`principal_grace`](PlanRequest::principal_grace) (a period of both would pay nothing).
    ///
    /// # Errors
    ///
    /// As [`interest_free_grace`](PlanRequest::interest_free_grace); generation also fails with
    /// [`Error::BelowPeriodicInterest`](crate::Error::BelowPeriodicInterest) when the instalment
    /// after the grace cannot pay the deferred interest and its own.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// // 12,000.00 at 6 % over 12 months, the interest of the first 3 paid with the 4th.
    /// let debt = Debt::single(Claim::new("L", "12000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(12))
    ///     .interest(Interest::Annuity("6%".parse()?))
    ///     .deferred_interest_grace(3)
    ///     .generate()?;
    /// assert!(plan.instalments()[..3].iter().all(|i| i.interest().is_zero()));
    /// // 60.00 + 54.84 + 49.67 deferred, and 44.51 for its own period.
    /// assert_eq!(plan.instalments()[3].interest().to_string(), "209.02 EUR");
    /// assert_eq!(plan.instalments()[0].amount().to_string(), "1032.65 EUR");
    /// assert_eq!(plan.instalments()[3].amount(), plan.instalments()[0].amount());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn deferred_interest_grace(mut self, periods: u32) -> PlanRequest {
        self.deferred_interest_grace = periods;
        self
    }

    /// A stepped plan (*paliers*): the first instalments have the amounts of these stages, in
    /// order (3 × 100.00, or 6 × 150.00 then 6 × 250.00), interest accruing on the balance as
    /// usual (each stage instalment pays its period's interest, the rest repays principal); the
    /// instalments after them are sized by the plan's rule to repay what is left. A count or an
    /// end date includes the stages' instalments; an amount or a capacity sizes the instalments
    /// after them (a capacity no stage may exceed). A level plan's instalments after the stages
    /// repay the balance the exact schedule has after them: the annuity of the periods left on
    /// `P·(1 + r)^K − Σ a_k·(1 + r)^(K − k)`. A [`Balloon`] is left to the last instalment as
    /// without stages.
    ///
    /// # Errors
    ///
    /// [`generate`](PlanRequest::generate) fails with
    /// [`Error::Unsupported`](crate::Error::Unsupported) with flat interest, instalments at the
    /// start of each period, the remainder on the first instalment, a grace, a stage above the
    /// capacity, stages that leave no instalment to the sizing or repay the whole debt;
    /// [`Error::BelowPeriodicInterest`](crate::Error::BelowPeriodicInterest) for a stage that does
    /// not cover its period's interest; [`Error::InvalidCount`](crate::Error::InvalidCount) for a
    /// stage of no instalment.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// // 5,000.00 at 6 % over 12 months: 3 × 100.00, then 9 level instalments.
    /// let debt = Debt::single(Claim::new("L", "5000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(12))
    ///     .interest(Interest::Annuity("6%".parse()?))
    ///     .stages([Stage::new(3, "100.00 EUR".parse()?)])
    ///     .generate()?;
    /// assert!(plan.instalments()[..3].iter().all(|i| i.amount().to_string() == "100.00 EUR"));
    /// assert_eq!(plan.instalments()[0].interest().to_string(), "25.00 EUR");
    /// assert_eq!(plan.instalments()[3].amount(), plan.derivation().regular_amount());
    /// assert_eq!(plan.instalments()[11].balance_after().to_string(), "0.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn stages(mut self, stages: impl IntoIterator<Item = Stage>) -> PlanRequest {
        self.stages = stages.into_iter().collect();
        self
    }

    /// Leaves part of the amount financed to the last instalment; see [`Balloon`].
    ///
    /// # Errors
    ///
    /// [`generate`](PlanRequest::generate) fails with
    /// [`Error::BalloonTooLarge`](crate::Error::BalloonTooLarge) for a balloon not smaller than the
    /// amount financed, [`Error::InvalidPercent`](crate::Error::InvalidPercent) for a share outside
    /// 0 to 100, and [`Error::Unsupported`](crate::Error::Unsupported) for a plan sized otherwise
    /// than by count or end date, or with the remainder on the first instalment.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate; use rust_decimal::Decimal;
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(4))
    ///     .balloon(Balloon::Percent(Decimal::from(50)))
    ///     .generate()?;
    /// let amounts: Vec<String> = plan.instalments().iter().map(|i| i.amount().to_string()).collect();
    /// assert_eq!(amounts, ["150.00 EUR", "150.00 EUR", "150.00 EUR", "750.00 EUR"]);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn balloon(mut self, balloon: Balloon) -> PlanRequest {
        self.balloon = Some(balloon);
        self
    }

    /// Instalments at the end of each period (the default) or at its start (an annuity-due); see
    /// [`InstalmentTiming`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// // PMT(8%/12, 10, 10000, 0, 1) = -1,030.16
    /// let debt = Debt::single(Claim::new("L", "10000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(10))
    ///     .interest(Interest::Annuity("8%".parse()?))
    ///     .timing(InstalmentTiming::Start)
    ///     .generate()?;
    /// assert_eq!(plan.instalments()[0].amount().to_string(), "1030.16 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn timing(mut self, timing: InstalmentTiming) -> PlanRequest {
        self.timing = timing;
        self
    }

    /// Interest on the declining balance (the default) or flat on the original amount; see
    /// [`InterestMethod`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let request = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(12))
    ///     .interest(Interest::Annuity("12%".parse()?));
    /// let declining = request.clone().generate()?;
    /// let flat = request.interest_method(InterestMethod::Flat).generate()?;
    /// assert_eq!(declining.totals().interest().to_string(), "66.19 EUR");
    /// assert_eq!(flat.totals().interest().to_string(), "120.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest_method(mut self, method: InterestMethod) -> PlanRequest {
        self.interest_method = method;
        self
    }

    /// How the regular amount is chosen on the step (default: [`Balancing::Rounded`], the exact
    /// amount rounded with the plan's rounding); see [`Balancing`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(), Frequency::MONTHLY, Sizing::Count(6))
    ///     .step("1.00 EUR".parse()?)
    ///     .balancing(Balancing::ClosestLast)
    ///     .generate()?;
    /// assert_eq!(plan.derivation().balancing(), Balancing::ClosestLast);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn balancing(mut self, balancing: Balancing) -> PlanRequest {
        self.balancing = balancing;
        self
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
