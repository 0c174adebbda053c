//! Why a schedule looks the way it does: the inputs and the rule that produced the count and amounts.

use core::fmt;

use crate::frequency::Frequency;
use crate::money::{Money, Rounding};
use crate::schedule::request::{CapacityShape, Interest, Remainder, Sizing};

/// How a schedule was derived, so that a tool can explain it.
///
/// The fields are data (for a tool that writes its own sentences); `Display` writes a short English
/// explanation from them.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let debt = Debt::single(Claim::new("F-1", "4850.00 EUR".parse()?)?);
/// let sizing = Sizing::Capacity { capacity: "400.00 EUR".parse()?, shape: CapacityShape::FullCapacity };
/// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(), Frequency::MONTHLY, sizing).generate()?;
/// let why = plan.derivation();
/// assert_eq!(why.count(), 13);
/// assert_eq!(why.regular_amount().to_string(), "400.00 EUR");
/// assert_eq!(why.remainder_amount().map(|m| m.to_string()).as_deref(), Some("50.00 EUR"));
/// assert_eq!(
///     why.to_string(),
///     "4850.00 EUR to repay, without interest.\n\
///      Sized by a capacity of 400.00 EUR per month: 12 instalments of 400.00 EUR repay 4800.00 EUR, \
///      less than 4850.00 EUR, so 13 instalments are needed.\n\
///      Instalments 1 to 12: 400.00 EUR; instalment 13 settles the balance: 50.00 EUR."
/// );
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising checks one currency, a total due, step and count greater than zero and the amount
/// financed (total due less down payment); that it explains its schedule is checked when a
/// [`Schedule`](crate::Schedule) is read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "DerivationRepr"))]
pub struct Derivation {
    pub(crate) total_due: Money,
    pub(crate) down_payment: Option<Money>,
    pub(crate) financed: Money,
    pub(crate) frequency: Frequency,
    pub(crate) interest: Interest,
    pub(crate) sizing: Sizing,
    pub(crate) shape: Option<CapacityShape>,
    pub(crate) count: u32,
    pub(crate) regular_amount: Money,
    pub(crate) regular_rounding: Rounding,
    pub(crate) step: Money,
    pub(crate) remainder: Remainder,
    pub(crate) remainder_amount: Option<Money>,
    pub(crate) limit: Option<u32>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) day_of_month: Option<u32>,
}

impl Derivation {
    /// The day of the month the due dates were asked to fall on
    /// ([`PlanRequest::day_of_month`](crate::PlanRequest::day_of_month)), if it was.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 2, 28).unwrap(), Frequency::MONTHLY, Sizing::Count(3))
    ///     .day_of_month(31).generate()?;
    /// assert_eq!(plan.derivation().day_of_month(), Some(31));
    /// assert_eq!(plan.instalments()[1].due_date().to_string(), "2027-03-31");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn day_of_month(&self) -> Option<u32> {
        self.day_of_month
    }

    /// What the plan repays: claims plus fees.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.derivation().total_due().to_string(), "90.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn total_due(&self) -> Money {
        self.total_due
    }

    /// The down payment, if any.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate; use rust_decimal::Decimal;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, d(2, 1), Frequency::MONTHLY, Sizing::Count(3))
    ///     .down_payment(DownPayment::percent(Decimal::from(10), d(1, 1)))
    ///     .generate()?;
    /// assert_eq!(plan.derivation().down_payment().map(|m| m.to_string()).as_deref(), Some("9.00 EUR"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn down_payment(&self) -> Option<Money> {
        self.down_payment
    }

    /// What the instalments repay after the down payment (before interest).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.derivation().financed().to_string(), "90.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn financed(&self) -> Money {
        self.financed
    }

    /// The frequency of the instalments.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::WEEKLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.derivation().frequency(), Frequency::WEEKLY);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    /// The interest method.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.derivation().interest(), Interest::None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest(&self) -> Interest {
        self.interest
    }

    /// The sizing rule asked for.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.derivation().sizing(), Sizing::Count(3));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn sizing(&self) -> Sizing {
        self.sizing
    }

    /// For a plan sized by capacity, the shape it has: the one asked for, or
    /// [`CapacityShape::FullCapacity`] when level instalments were not possible on the step. `None`
    /// for plans sized otherwise and for equal-principal plans, whose instalments decline by nature.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "1000.00 EUR".parse()?)?);
    /// let sizing = Sizing::Capacity { capacity: "300.00 EUR".parse()?, shape: CapacityShape::Level };
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, sizing).generate()?;
    /// assert_eq!(plan.derivation().shape(), Some(CapacityShape::Level));
    /// assert_eq!(plan.instalments()[0].amount().to_string(), "250.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn shape(&self) -> Option<CapacityShape> {
        self.shape
    }

    /// The number of instalments, the down payment aside.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.derivation().count(), 3);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn count(&self) -> u32 {
        self.count
    }

    /// The regular instalment (for an equal-principal plan, the regular principal part).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.derivation().regular_amount().to_string(), "33.33 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn regular_amount(&self) -> Money {
        self.regular_amount
    }

    /// How the regular amount was rounded to the step: the plan's rounding; [`Rounding::Up`] for a
    /// level plan sized by capacity; [`Rounding::Down`] when the plan's rounding would have repaid
    /// everything before the last instalment.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.derivation().regular_rounding(), Rounding::HalfUp);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn regular_rounding(&self) -> Rounding {
        self.regular_rounding
    }

    /// The rounding step of the regular amount (the minor unit unless asked otherwise).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.derivation().step().to_string(), "0.01 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn step(&self) -> Money {
        self.step
    }

    /// Which instalment absorbs the rounding difference.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.derivation().remainder(), Remainder::Last);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn remainder(&self) -> Remainder {
        self.remainder
    }

    /// The amount of the remainder instalment, when it differs from the regular one.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.derivation().remainder_amount(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn remainder_amount(&self) -> Option<Money> {
        self.remainder_amount
    }

    /// The largest number of instalments the request allowed, when it set a limit.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3))
    ///     .max_instalments(24)
    ///     .generate()?;
    /// assert_eq!(plan.derivation().limit(), Some(24));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn limit(&self) -> Option<u32> {
        self.limit
    }

    fn remainder_number(&self) -> u32 {
        match self.remainder {
            Remainder::First => 1,
            Remainder::Last => self.count,
        }
    }
}

impl fmt::Display for Derivation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let period = self.frequency.period_name();
        write!(f, "{} to repay", self.total_due)?;
        if let Some(down) = self.down_payment {
            write!(
                f,
                ", {down} of it as a down payment, leaving {}",
                self.financed
            )?;
        }
        match self.interest {
            Interest::None => writeln!(f, ", without interest.")?,
            Interest::Annuity(rate) => {
                writeln!(f, ", with interest at {rate} a year in equal instalments.")?
            }
            Interest::EqualPrincipal(rate) => writeln!(
                f,
                ", with interest at {rate} a year on equal principal parts."
            )?,
        }
        let n = self.count;
        let count = |n: u32| match n {
            1 => "1 instalment".to_owned(),
            n => format!("{n} instalments"),
        };
        let (is, are) = if n == 1 {
            ("is", "was")
        } else {
            ("are", "were")
        };
        // The first sentence says how many instalments there are; the limit, if any, goes in it.
        let mut first = match self.sizing {
            Sizing::Count(_) => format!("{} {are} asked for", count(n)),
            Sizing::EndDate(end) => format!(
                "{} fall{} due by {end}",
                count(n),
                if n == 1 { "s" } else { "" }
            ),
            Sizing::Amount(amount) => {
                format!(
                    "Instalments of {amount} per {period}: {} {is} needed",
                    count(n)
                )
            }
            Sizing::Capacity { capacity, .. } => {
                let why = match (self.interest, n.checked_sub(1), self.shape) {
                    (Interest::None, Some(fewer @ 1..), Some(CapacityShape::FullCapacity)) => {
                        match self.regular_amount.checked_mul_int(i64::from(fewer)) {
                            Ok(covered) => format!(
                                "{} of {} repay{} {covered}, less than {}, so {} {is} needed",
                                count(fewer),
                                self.regular_amount,
                                if fewer == 1 { "s" } else { "" },
                                self.financed,
                                count(n)
                            ),
                            Err(_) => format!("{} {is} needed", count(n)),
                        }
                    }
                    _ if n == 1 => "1 instalment never asks more than the capacity".to_owned(),
                    _ => format!(
                        "{} are the fewest that never ask more than the capacity",
                        count(n)
                    ),
                };
                format!("Sized by a capacity of {capacity} per {period}: {why}")
            }
        };
        if let Some(limit) = self.limit {
            first.push_str(&format!(" (at most {limit} allowed)"));
        }
        write!(f, "{first}.")?;
        if let Sizing::Capacity { shape, .. } = self.sizing {
            let asked_level = shape == CapacityShape::Level;
            if asked_level && self.shape.is_none() {
                write!(
                    f,
                    " Equal-principal instalments decline by nature, so the level shape does not apply."
                )?;
            }
            if asked_level && self.shape == Some(CapacityShape::FullCapacity) {
                write!(
                    f,
                    " Level instalments are not possible in steps of {}, so instalments are at the full capacity.",
                    self.step
                )?;
            }
        }
        writeln!(f)?;
        let what = match self.interest {
            Interest::EqualPrincipal(_) => "principal part of ",
            _ => "",
        };
        let r = self.remainder_number();
        match (self.remainder_amount, n) {
            (None, 1) => write!(f, "Instalment 1: {what}{}.", self.regular_amount),
            (None, _) => write!(f, "Instalments 1 to {n}: {what}{}.", self.regular_amount),
            (Some(rest), _) => {
                let (from, to) = if r == 1 {
                    (2, n)
                } else {
                    (1, n.saturating_sub(1))
                };
                let regular = if from == to {
                    format!("Instalment {from}: {what}{}", self.regular_amount)
                } else {
                    format!("Instalments {from} to {to}: {what}{}", self.regular_amount)
                };
                write!(
                    f,
                    "{regular}; instalment {r} settles the balance: {what}{rest}."
                )
            }
        }
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(Derivation as DerivationRepr {
    total_due: Money,
    down_payment: Option<Money>,
    financed: Money,
    frequency: Frequency,
    interest: Interest,
    sizing: Sizing,
    shape: Option<CapacityShape>,
    count: u32,
    regular_amount: Money,
    regular_rounding: Rounding,
    step: Money,
    remainder: Remainder,
    remainder_amount: Option<Money>,
    limit: Option<u32>,
    #[serde(default)]
    day_of_month: Option<u32>,
});

#[cfg(feature = "serde")]
impl Derivation {
    /// One currency; a total due, step and count greater than zero; the amount financed the total
    /// due less the down payment. That the derivation explains its schedule is checked with the
    /// schedule.
    fn check(&self) -> crate::error::Result<()> {
        let fail = |reason: String| {
            Err(crate::error::Error::InvalidSchedule {
                reason: format!("the derivation: {reason}"),
            })
        };
        let parts = [
            Some(self.financed),
            Some(self.regular_amount),
            Some(self.step),
        ];
        for part in parts
            .into_iter()
            .chain([self.down_payment, self.remainder_amount])
            .flatten()
        {
            self.total_due.same_currency(part)?;
            if part.is_negative() {
                return fail(format!("negative amount {part}"));
            }
        }
        if !self.total_due.is_positive() || !self.step.is_positive() || self.count == 0 {
            return fail(format!(
                "total due {}, step {} and count {} must be greater than zero",
                self.total_due, self.step, self.count
            ));
        }
        let financed = match self.down_payment {
            Some(down) => self.total_due.checked_sub(down)?,
            None => self.total_due,
        };
        if financed != self.financed {
            return fail(format!(
                "financed {} is not the total due less the down payment, {financed}",
                self.financed
            ));
        }
        Ok(())
    }
}
