//! Why a schedule looks the way it does: the inputs and the rule that produced the count and amounts.

use core::fmt;

use crate::day_count::{DayCount, YearFraction};
use crate::frequency::Frequency;
use crate::language::{self, Language};
use crate::money::{Money, Rounding};
use crate::percent::Percent;
use crate::rate::AnnualRate;
use crate::schedule::days::{BrokenPeriod, InterestBasis};
use crate::schedule::rate_changes::AppliedRateChange;
use crate::schedule::request::{
    Balancing, CapacityShape, DownPaymentRounding, InstalmentTiming, Interest, InterestMethod,
    Remainder, Sizing,
};
use crate::schedule::stages::Stage;

/// How a schedule was derived, so that a tool can explain it.
///
/// The fields are data (for a tool that writes its own sentences); [`Derivation::explain`] writes a
/// short explanation from them in English or French, and `Display` the English one.
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
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_default"))]
    pub(crate) timing: InstalmentTiming,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_default"))]
    pub(crate) interest_method: InterestMethod,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_default"))]
    pub(crate) balancing: Balancing,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_default"))]
    pub(crate) down_payment_rounding: DownPaymentRounding,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) balloon: Option<Money>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_default"))]
    pub(crate) principal_grace: u32,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_default"))]
    pub(crate) interest_free_grace: u32,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_default"))]
    pub(crate) deferred_interest_grace: u32,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub(crate) stages: Vec<Stage>,
    /// Interest on actual days, a broken first period, rate changes (boxed: most plans have none).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) interest_terms: Option<Box<InterestTerms>>,
}

/// What a derivation records of the interest basis, the first period and the rate changes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub(crate) struct InterestTerms {
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) basis: InterestBasis,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) interest_from: Option<chrono::NaiveDate>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_default"))]
    pub(crate) broken_period: BrokenPeriod,
    /// The first period on actual days: its start, its due date and its year fraction.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) first_period: Option<(chrono::NaiveDate, chrono::NaiveDate, YearFraction)>,
    /// The first instalment of an annuity that takes the broken period's interest.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) first_instalment: Option<Money>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub(crate) rate_changes: Vec<AppliedRateChange>,
}

/// True for an option left at its default, which the JSON of a derivation leaves out.
#[cfg(feature = "serde")]
fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Derivation {
    /// When in its period each instalment is paid ([`PlanRequest::timing`](crate::PlanRequest::timing)).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3))
    ///     .interest(Interest::Annuity("6%".parse()?))
    ///     .timing(InstalmentTiming::Start)
    ///     .generate()?;
    /// assert_eq!(plan.derivation().timing(), InstalmentTiming::Start);
    /// assert!(plan.derivation().to_string().contains("start of each period"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn timing(&self) -> InstalmentTiming {
        self.timing
    }

    /// How interest was computed ([`PlanRequest::interest_method`](crate::PlanRequest::interest_method)).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3))
    ///     .generate()?;
    /// assert_eq!(plan.derivation().interest_method(), InterestMethod::DecliningBalance);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest_method(&self) -> InterestMethod {
        self.interest_method
    }

    /// How the regular amount was chosen on the step ([`PlanRequest::balancing`](crate::PlanRequest::balancing)).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3))
    ///     .generate()?;
    /// assert_eq!(plan.derivation().balancing(), Balancing::Rounded);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn balancing(&self) -> Balancing {
        self.balancing
    }

    /// How the down payment was rounded ([`DownPayment::rounding`](crate::DownPayment::rounding)).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3))
    ///     .generate()?;
    /// assert_eq!(plan.derivation().down_payment_rounding(), DownPaymentRounding::MinorUnit);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn down_payment_rounding(&self) -> DownPaymentRounding {
        self.down_payment_rounding
    }

    /// The part of the amount financed left to the last instalment
    /// ([`PlanRequest::balloon`](crate::PlanRequest::balloon)), as an amount.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate; use rust_decimal::Decimal;
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3))
    ///     .balloon(Balloon::Percent(Decimal::from(40)))
    ///     .generate()?;
    /// assert_eq!(plan.derivation().balloon().map(|m| m.to_string()).as_deref(), Some("400.00 EUR"));
    /// assert_eq!(plan.instalments()[2].amount().to_string(), "600.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn balloon(&self) -> Option<Money> {
        self.balloon
    }

    /// How many leading instalments pay only interest
    /// ([`PlanRequest::principal_grace`](crate::PlanRequest::principal_grace)).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(4))
    ///     .interest(Interest::Annuity("12%".parse()?))
    ///     .principal_grace(1)
    ///     .generate()?;
    /// assert_eq!(plan.derivation().principal_grace(), 1);
    /// assert_eq!(plan.instalments()[0].amount().to_string(), "10.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn principal_grace(&self) -> u32 {
        self.principal_grace
    }

    /// How many leading instalments carry no interest
    /// ([`PlanRequest::interest_free_grace`](crate::PlanRequest::interest_free_grace)).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(4))
    ///     .interest(Interest::Annuity("12%".parse()?))
    ///     .interest_free_grace(1)
    ///     .generate()?;
    /// assert_eq!(plan.derivation().interest_free_grace(), 1);
    /// assert!(plan.instalments()[0].interest().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest_free_grace(&self) -> u32 {
        self.interest_free_grace
    }

    /// How many leading instalments leave the interest of their period to the instalment after
    /// them ([`PlanRequest::deferred_interest_grace`](crate::PlanRequest::deferred_interest_grace)).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(4))
    ///     .interest(Interest::Annuity("12%".parse()?))
    ///     .deferred_interest_grace(1)
    ///     .generate()?;
    /// assert_eq!(plan.derivation().deferred_interest_grace(), 1);
    /// assert!(plan.instalments()[0].interest().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn deferred_interest_grace(&self) -> u32 {
        self.deferred_interest_grace
    }

    /// The stages of a stepped plan ([`PlanRequest::stages`](crate::PlanRequest::stages)), empty
    /// for any other plan.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(4))
    ///     .stages([Stage::new(2, "100.00 EUR".parse()?)])
    ///     .generate()?;
    /// assert_eq!(plan.derivation().stages(), [Stage::new(2, "100.00 EUR".parse()?)]);
    /// assert_eq!(plan.instalments()[2].amount().to_string(), "400.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    /// What each period's interest was counted on
    /// ([`PlanRequest::interest_basis`](crate::PlanRequest::interest_basis)).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(4))
    ///     .interest(Interest::Annuity("12%".parse()?))
    ///     .interest_basis(InterestBasis::ActualDays(DayCount::Actual360))
    ///     .generate()?;
    /// assert_eq!(plan.derivation().interest_basis(), InterestBasis::ActualDays(DayCount::Actual360));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest_basis(&self) -> InterestBasis {
        self.interest_terms
            .as_deref()
            .map_or(InterestBasis::Periodic, |t| t.basis)
    }

    /// The day interest started to run, when the request gave one
    /// ([`PlanRequest::interest_from`](crate::PlanRequest::interest_from)).
    ///
    /// See [`PlanRequest::interest_from`](crate::PlanRequest::interest_from) for an example.
    pub fn interest_from(&self) -> Option<chrono::NaiveDate> {
        self.interest_terms.as_deref().and_then(|t| t.interest_from)
    }

    /// How the instalments treated a first period that is not regular
    /// ([`PlanRequest::broken_period`](crate::PlanRequest::broken_period)).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(4))
    ///     .generate()?;
    /// assert_eq!(plan.derivation().broken_period(), BrokenPeriod::Level);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn broken_period(&self) -> BrokenPeriod {
        self.interest_terms
            .as_deref()
            .map_or(BrokenPeriod::Level, |t| t.broken_period)
    }

    /// The rate changes as the plan applied them
    /// ([`PlanRequest::rate_change`](crate::PlanRequest::rate_change)), in date order.
    ///
    /// See [`RateChange`](crate::RateChange) for an example.
    pub fn rate_changes(&self) -> &[AppliedRateChange] {
        self.interest_terms
            .as_deref()
            .map_or(&[], |t| t.rate_changes.as_slice())
    }

    /// How many leading instalments the stages hold.
    pub(crate) fn staged(&self) -> u32 {
        self.stages
            .iter()
            .fold(0u32, |n, s| n.saturating_add(s.count()))
    }

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

impl Derivation {
    /// How the count and the amounts were found, in plain words, in English or in French (with
    /// French number formatting and typography). The English text is what `Display` writes.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "4850.00 EUR".parse()?)?);
    /// let sizing = Sizing::Capacity { capacity: "400.00 EUR".parse()?, shape: CapacityShape::FullCapacity };
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(), Frequency::MONTHLY, sizing).generate()?;
    /// assert_eq!(plan.derivation().explain(Language::English), plan.derivation().to_string());
    /// assert_eq!(
    ///     plan.derivation().explain(Language::French),
    ///     "4 850,00 EUR à rembourser, sans intérêts.\n\
    ///      Calcul sur une capacité de 400,00 EUR par mois : 12 échéances de 400,00 EUR remboursent \
    ///      4 800,00 EUR, moins que 4 850,00 EUR, il faut donc 13 échéances.\n\
    ///      Échéances 1 à 12 : 400,00 EUR ; l'échéance 13 solde le reste : 50,00 EUR."
    /// );
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn explain(&self, language: Language) -> String {
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_explanation(&mut text, language);
        text
    }

    fn write_explanation(&self, f: &mut impl fmt::Write, lang: Language) -> fmt::Result {
        let fr = lang == Language::French;
        let (money, rate, date) = (
            |m| money_in(m, lang),
            |r| rate_in(r, lang),
            |d| date_in(d, lang),
        );
        let period = self.frequency.period_name();
        let per = language::per_period(self.frequency, lang);
        let n = self.count;
        let count = |n: u32| match (n, fr) {
            (1, false) => "1 instalment".to_owned(),
            (n, false) => format!("{n} instalments"),
            (1, true) => "1 échéance".to_owned(),
            (n, true) => format!("{n} échéances"),
        };

        // What is repaid, and how interest is charged.
        if fr {
            write!(f, "{} à rembourser", money(self.total_due))?;
        } else {
            write!(f, "{} to repay", money(self.total_due))?;
        }
        if let Some(down) = self.down_payment {
            let on_step = self.down_payment_rounding == DownPaymentRounding::Step;
            match (fr, on_step) {
                (false, false) => write!(
                    f,
                    ", {} of it as a down payment, leaving {}",
                    money(down),
                    money(self.financed)
                )?,
                (false, true) => write!(
                    f,
                    ", {} of it as a down payment (rounded to steps of {}), leaving {}",
                    money(down),
                    money(self.step),
                    money(self.financed)
                )?,
                (true, false) => write!(
                    f,
                    ", dont {} d'acompte, reste {}",
                    money(down),
                    money(self.financed)
                )?,
                (true, true) => write!(
                    f,
                    ", dont {} d'acompte (arrondi au pas de {}), reste {}",
                    money(down),
                    money(self.step),
                    money(self.financed)
                )?,
            }
        }
        let flat = self.interest_method == InterestMethod::Flat;
        match (self.interest, flat, fr) {
            (Interest::None, _, false) => writeln!(f, ", without interest.")?,
            (Interest::None, _, true) => writeln!(f, ", sans intérêts.")?,
            (Interest::Annuity(r) | Interest::EqualPrincipal(r), true, false) => writeln!(
                f,
                ", with flat interest at {} a year on the amount financed for the whole term, \
                 spread evenly over equal instalments.",
                rate(r)
            )?,
            (Interest::Annuity(r) | Interest::EqualPrincipal(r), true, true) => writeln!(
                f,
                ", avec des intérêts fixes de {} l'an sur le montant financé pour toute la durée, \
                 répartis également sur des échéances constantes.",
                rate(r)
            )?,
            (Interest::Annuity(r), false, false) => writeln!(
                f,
                ", with interest at {} a year in equal instalments.",
                rate(r)
            )?,
            (Interest::Annuity(r), false, true) => writeln!(
                f,
                ", avec intérêts au taux annuel de {}, par échéances constantes.",
                rate(r)
            )?,
            (Interest::EqualPrincipal(r), false, false) => writeln!(
                f,
                ", with interest at {} a year on equal principal parts.",
                rate(r)
            )?,
            (Interest::EqualPrincipal(r), false, true) => writeln!(
                f,
                ", avec intérêts au taux annuel de {}, par parts de capital égales.",
                rate(r)
            )?,
        }
        let charged = self.interest.rate().is_some_and(|r| !r.is_zero());
        if charged && !flat && self.timing == InstalmentTiming::Start {
            if fr {
                writeln!(
                    f,
                    "Les échéances sont payées en début de période (terme à échoir) : la première \
                     ne porte pas d'intérêts."
                )?;
            } else {
                writeln!(
                    f,
                    "Instalments are paid at the start of each period (annuity-due): the first \
                     carries no interest."
                )?;
            }
        }
        if charged {
            self.write_interest_basis(f, lang)?;
        }

        let grace = self.principal_grace;
        if grace > 0 {
            match (fr, grace) {
                (false, 1) => writeln!(
                    f,
                    "Instalment 1 pays only the interest of its period (principal grace)."
                )?,
                (false, g) => writeln!(
                    f,
                    "Instalments 1 to {g} pay only the interest of their period (principal grace)."
                )?,
                (true, 1) => writeln!(
                    f,
                    "L'échéance 1 ne paie que les intérêts de sa période (différé d'amortissement)."
                )?,
                (true, g) => writeln!(
                    f,
                    "Les échéances 1 à {g} ne paient que les intérêts de leur période (différé \
                     d'amortissement)."
                )?,
            }
        }

        self.write_interest_grace(f, fr)?;
        self.write_stages(f, lang)?;

        // How many instalments, and why; the limit, if any, goes in the same sentence.
        let mut first = match (self.sizing, fr) {
            (Sizing::Count(_), false) => match n {
                1 => "1 instalment was asked for".to_owned(),
                n => format!("{n} instalments were asked for"),
            },
            (Sizing::Count(_), true) => match n {
                1 => "1 échéance a été demandée".to_owned(),
                n => format!("{n} échéances ont été demandées"),
            },
            (Sizing::EndDate(end), false) => format!(
                "{} fall{} due by {}",
                count(n),
                if n == 1 { "s" } else { "" },
                date(end)
            ),
            (Sizing::EndDate(end), true) => format!(
                "{} {} au plus tard le {}",
                count(n),
                if n == 1 { "échoit" } else { "échoient" },
                date(end)
            ),
            (Sizing::Amount(amount), false) => format!(
                "Instalments of {} per {period}: {} {} needed",
                money(amount),
                count(n),
                if n == 1 { "is" } else { "are" }
            ),
            (Sizing::Amount(amount), true) => format!(
                "Échéances de {} {per} : {} {}",
                money(amount),
                count(n),
                if n == 1 {
                    "suffit"
                } else {
                    "sont nécessaires"
                }
            ),
            (Sizing::Capacity { capacity, .. }, _) => {
                let why = match (self.interest, n.checked_sub(1), self.shape) {
                    (Interest::None, Some(fewer @ 1..), Some(CapacityShape::FullCapacity)) => {
                        match self.regular_amount.checked_mul_int(i64::from(fewer)) {
                            Ok(covered) if fr => format!(
                                "{} de {} rembourse{} {}, moins que {}, il faut donc {}",
                                count(fewer),
                                money(self.regular_amount),
                                if fewer == 1 { "" } else { "nt" },
                                money(covered),
                                money(self.financed),
                                count(n)
                            ),
                            Ok(covered) => format!(
                                "{} of {} repay{} {}, less than {}, so {} {} needed",
                                count(fewer),
                                money(self.regular_amount),
                                if fewer == 1 { "s" } else { "" },
                                money(covered),
                                money(self.financed),
                                count(n),
                                if n == 1 { "is" } else { "are" }
                            ),
                            Err(_) if fr => format!("il faut {}", count(n)),
                            Err(_) => {
                                format!("{} {} needed", count(n), if n == 1 { "is" } else { "are" })
                            }
                        }
                    }
                    _ if n == 1 && fr => {
                        "1 échéance ne demande jamais plus que la capacité".to_owned()
                    }
                    _ if n == 1 => "1 instalment never asks more than the capacity".to_owned(),
                    _ if fr => format!(
                        "{} est le plus petit nombre d'échéances qui ne demandent jamais plus que \
                         la capacité",
                        n
                    ),
                    _ => format!(
                        "{} are the fewest that never ask more than the capacity",
                        count(n)
                    ),
                };
                if fr {
                    format!(
                        "Calcul sur une capacité de {} {per} : {why}",
                        money(capacity)
                    )
                } else {
                    format!(
                        "Sized by a capacity of {} per {period}: {why}",
                        money(capacity)
                    )
                }
            }
        };
        if let Some(limit) = self.limit {
            if fr {
                first.push_str(&format!(
                    " (au plus {limit} autorisée{})",
                    if limit == 1 { "" } else { "s" }
                ));
            } else {
                first.push_str(&format!(" (at most {limit} allowed)"));
            }
        }
        write!(f, "{first}.")?;
        if let Sizing::Capacity { shape, .. } = self.sizing {
            let asked_level = shape == CapacityShape::Level;
            if asked_level && self.shape.is_none() {
                if fr {
                    write!(
                        f,
                        " Les échéances à parts de capital égales décroissent par nature : la forme \
                         constante ne s'applique pas."
                    )?;
                } else {
                    write!(
                        f,
                        " Equal-principal instalments decline by nature, so the level shape does not apply."
                    )?;
                }
            }
            if asked_level && self.shape == Some(CapacityShape::FullCapacity) {
                if fr {
                    write!(
                        f,
                        " Des échéances constantes ne sont pas possibles par pas de {} : les \
                         échéances sont à la pleine capacité.",
                        money(self.step)
                    )?;
                } else {
                    write!(
                        f,
                        " Level instalments are not possible in steps of {}, so instalments are at the full capacity.",
                        money(self.step)
                    )?;
                }
            }
        }
        writeln!(f)?;

        // The amounts.
        let what = match (self.interest, fr) {
            (Interest::EqualPrincipal(_), false) => "principal part of ",
            (Interest::EqualPrincipal(_), true) => "part de capital de ",
            _ => "",
        };
        let regular = money(self.regular_amount);
        let r = self.remainder_number();
        let (one, many, to, sep) = if fr {
            ("Échéance", "Échéances", "à", " :")
        } else {
            ("Instalment", "Instalments", "to", ":")
        };
        // The first instalment that repays principal, after any grace, or the first after the
        // stages.
        let mut first = grace.saturating_add(self.staged()).saturating_add(1);
        let first_amount = self
            .interest_terms
            .as_deref()
            .and_then(|t| t.first_instalment)
            .filter(|_| n > 1);
        if let Some(amount) = first_amount {
            // It takes the broken period's interest: the level amount starts with instalment 2.
            write!(f, "{one} 1{sep} {}. ", money(amount))?;
            first = 2;
        }
        let changes = self.rate_changes();
        let recomputed = matches!(self.interest, Interest::Annuity(_)) && !changes.is_empty();
        if recomputed {
            self.write_recomputed(f, lang, first)?;
        }
        match self.remainder_amount {
            _ if recomputed => {}
            None if first == n => write!(f, "{one} {n}{sep} {what}{regular}.")?,
            None => write!(f, "{many} {first} {to} {n}{sep} {what}{regular}.")?,
            Some(rest) => {
                let (from, last) = if r == 1 {
                    (2, n)
                } else {
                    (first, n.saturating_sub(1))
                };
                let head = match from.cmp(&last) {
                    core::cmp::Ordering::Equal => {
                        Some(format!("{one} {from}{sep} {what}{regular}"))
                    }
                    core::cmp::Ordering::Less => {
                        Some(format!("{many} {from} {to} {last}{sep} {what}{regular}"))
                    }
                    core::cmp::Ordering::Greater => None,
                };
                let rest = money(rest);
                match (head, fr) {
                    (Some(head), true) => {
                        write!(f, "{head} ; l'échéance {r} solde le reste : {what}{rest}.")?
                    }
                    (Some(head), false) => write!(
                        f,
                        "{head}; instalment {r} settles the balance: {what}{rest}."
                    )?,
                    (None, true) => write!(f, "L'échéance {r} solde le reste : {what}{rest}.")?,
                    (None, false) => {
                        write!(f, "Instalment {r} settles the balance: {what}{rest}.")?
                    }
                }
            }
        }
        if !recomputed {
            // Equal principal parts stay: only their interest changes.
            for c in changes {
                let a = c.first_instalment;
                if fr {
                    write!(
                        f,
                        " À partir du {}, le taux est de {} (échéances {a} à {n}, périodes à \
                         partir du {}).",
                        date(c.date),
                        rate(c.rate),
                        date(c.period_start)
                    )?;
                } else {
                    write!(
                        f,
                        " From {} the rate is {} (instalments {a} to {n}, periods from {}).",
                        date(c.date),
                        rate(c.rate),
                        date(c.period_start)
                    )?;
                }
            }
        }
        if let Some(balloon) = self.balloon {
            if fr {
                write!(
                    f,
                    " L'échéance {n} comprend un paiement ballon de {} laissé à la fin.",
                    money(balloon)
                )?;
            } else {
                write!(
                    f,
                    " Instalment {n} includes a balloon of {} left to the end.",
                    money(balloon)
                )?;
            }
        }
        if self.balancing == Balancing::ClosestLast && n > 1 {
            let up = self.regular_rounding == Rounding::Up;
            match (fr, up) {
                (false, _) => write!(
                    f,
                    " The regular amount is the exact one rounded {} to the step: of the two \
                     amounts on the step around it, the one that brings instalment {r} closest \
                     to the others.",
                    if up { "up" } else { "down" }
                )?,
                (true, _) => write!(
                    f,
                    " Le montant régulier est le montant exact arrondi au pas {} : des deux \
                     montants du pas qui l'encadrent, celui qui rapproche le plus l'échéance {r} \
                     des autres.",
                    if up { "supérieur" } else { "inférieur" }
                )?,
            }
        }
        Ok(())
    }
}

impl Derivation {
    /// One sentence per stage of a stepped plan.
    fn write_stages(&self, f: &mut impl fmt::Write, lang: Language) -> fmt::Result {
        let fr = lang == Language::French;
        let mut first: u32 = 1;
        for (number, stage) in (1u32..).zip(&self.stages) {
            let last = first.saturating_add(stage.count()).saturating_sub(1);
            // English keeps the plain `Money` display, as the rest of the explanation.
            let amount = match lang {
                Language::French => language::money(stage.amount(), lang),
                _ => stage.amount().to_string(),
            };
            match (fr, first == last) {
                (false, true) => writeln!(f, "Stage {number}: instalment {first}, {amount}.")?,
                (false, false) => writeln!(
                    f,
                    "Stage {number}: instalments {first} to {last}, {amount} each."
                )?,
                (true, true) => writeln!(f, "Palier {number} : échéance {first}, {amount}.")?,
                (true, false) => writeln!(
                    f,
                    "Palier {number} : échéances {first} à {last}, {amount} chacune."
                )?,
            }
            first = last.saturating_add(1);
        }
        if !self.stages.is_empty() {
            let rest = first;
            if fr {
                writeln!(
                    f,
                    "Les échéances à partir de la {rest}e remboursent ce que les paliers laissent."
                )?;
            } else {
                writeln!(
                    f,
                    "The instalments from instalment {rest} on repay what the stages leave."
                )?;
            }
        }
        Ok(())
    }

    /// The sentence of an interest-free or deferred-interest grace, if any.
    fn write_interest_grace(&self, f: &mut impl fmt::Write, fr: bool) -> fmt::Result {
        let (free, deferred) = (self.interest_free_grace, self.deferred_interest_grace);
        let rows = |g: u32| match (g, fr) {
            (1, false) => "Instalment 1".to_owned(),
            (1, true) => "L'échéance 1".to_owned(),
            (g, false) => format!("Instalments 1 to {g}"),
            (g, true) => format!("Les échéances 1 à {g}"),
        };
        if free > 0 {
            match (fr, free) {
                (false, 1) => {
                    writeln!(f, "{} carries no interest (interest-free grace).", rows(1))?
                }
                (false, g) => writeln!(f, "{} carry no interest (interest-free grace).", rows(g))?,
                (true, 1) => writeln!(
                    f,
                    "{} ne porte pas d'intérêts (franchise d'intérêts).",
                    rows(1)
                )?,
                (true, g) => writeln!(
                    f,
                    "{} ne portent pas d'intérêts (franchise d'intérêts).",
                    rows(g)
                )?,
            }
        }
        if deferred > free {
            let next = deferred.saturating_add(1);
            match (fr, deferred) {
                (false, 1) => writeln!(
                    f,
                    "{} pays no interest: the interest of its period is paid with instalment \
                     {next} (deferred interest).",
                    rows(1)
                )?,
                (false, g) => writeln!(
                    f,
                    "{} pay no interest: the interest of their periods is paid with instalment \
                     {next} (deferred interest).",
                    rows(g)
                )?,
                (true, 1) => writeln!(
                    f,
                    "{} ne paie pas d'intérêts : ceux de sa période sont payés avec l'échéance \
                     {next} (intérêts différés).",
                    rows(1)
                )?,
                (true, g) => writeln!(
                    f,
                    "{} ne paient pas d'intérêts : ceux de leurs périodes sont payés avec \
                     l'échéance {next} (intérêts différés).",
                    rows(g)
                )?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for Derivation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_explanation(f, Language::English)
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
    #[serde(default)]
    timing: InstalmentTiming,
    #[serde(default)]
    interest_method: InterestMethod,
    #[serde(default)]
    balancing: Balancing,
    #[serde(default)]
    down_payment_rounding: DownPaymentRounding,
    #[serde(default)]
    balloon: Option<Money>,
    #[serde(default)]
    principal_grace: u32,
    #[serde(default)]
    interest_free_grace: u32,
    #[serde(default)]
    deferred_interest_grace: u32,
    #[serde(default)]
    stages: Vec<Stage>,
    interest_terms: Option<Box<InterestTerms>>,
});

#[cfg(feature = "serde")]
impl Derivation {
    /// One currency; a total due, step and count greater than zero; stages of at least one
    /// instalment of an amount greater than zero; the amount financed the total due less the down
    /// payment. That the derivation explains its schedule is checked with the
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
            .chain([self.down_payment, self.remainder_amount, self.balloon])
            .flatten()
        {
            self.total_due.same_currency(part)?;
            if part.is_negative() {
                return fail(format!("negative amount {part}"));
            }
        }
        for stage in &self.stages {
            self.total_due.same_currency(stage.amount())?;
            if !stage.amount().is_positive() || stage.count() == 0 {
                return fail(format!(
                    "a stage of {} × {} is empty",
                    stage.count(),
                    stage.amount()
                ));
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
        // Rate changes take effect from the second instalment on, each later than the one before.
        let mut after = 1;
        for change in self.rate_changes() {
            if change.first_instalment <= after || change.first_instalment > self.count {
                return fail(format!(
                    "the rate change of {} takes effect at instalment {}, not after instalment \
                     {after} and within the {} instalments",
                    change.date, change.first_instalment, self.count
                ));
            }
            after = change.first_instalment;
            if let Some(amount) = change.instalment {
                self.total_due.same_currency(amount)?;
                if amount.is_negative() {
                    return fail(format!("negative amount {amount}"));
                }
            }
        }
        Ok(())
    }
}

/// The explanation of interest on the days of each period and of rate changes.
impl Derivation {
    /// The interest basis and the first period, when not the periodic basis.
    fn write_interest_basis(&self, f: &mut impl fmt::Write, lang: Language) -> fmt::Result {
        let fr = lang == Language::French;
        let Some(terms) = self.interest_terms.as_deref() else {
            return Ok(());
        };
        let date = |d: chrono::NaiveDate| match lang {
            Language::French => language::date(d, lang),
            _ => d.to_string(),
        };
        match terms.basis {
            InterestBasis::Periodic => {}
            InterestBasis::FixedYear(year) => {
                let days = self.frequency.days_count().unwrap_or(0);
                let year = year.days();
                if fr {
                    writeln!(
                        f,
                        "Chaque période de {days} jours compte pour {days}/{year} du taux annuel."
                    )?;
                } else {
                    writeln!(
                        f,
                        "Each period of {days} days counts {days}/{year} of the yearly rate."
                    )?;
                }
            }
            InterestBasis::ActualDays(day_count) => {
                if fr {
                    writeln!(
                        f,
                        "Les intérêts courent sur les jours réels de chaque période, base {} ; \
                         l'échéance est calculée sur des périodes régulières.",
                        day_count_name(day_count, lang)
                    )?;
                } else {
                    writeln!(
                        f,
                        "Interest runs on the actual days of each period, {}; the instalment is \
                         computed on regular periods.",
                        day_count_name(day_count, lang)
                    )?;
                }
            }
        }
        if let (Some(_), Some((start, end, fraction))) = (terms.interest_from, terms.first_period) {
            let first = self.principal_grace == 0 && self.count > 1;
            match (fr, terms.broken_period, first) {
                (false, BrokenPeriod::FirstInstalment, true) => writeln!(
                    f,
                    "The first period runs from {} to {} ({fraction} of a year): instalment 1 \
                     pays its interest beside the principal part of a regular period.",
                    date(start),
                    date(end)
                )?,
                (false, _, _) => writeln!(
                    f,
                    "The first period runs from {} to {} ({fraction} of a year): instalment 1 \
                     pays its interest, the last instalment settles the balance.",
                    date(start),
                    date(end)
                )?,
                (true, BrokenPeriod::FirstInstalment, true) => writeln!(
                    f,
                    "La première période court du {} au {} ({fraction} d'année) : l'échéance 1 \
                     en paie les intérêts avec la part de capital d'une période régulière.",
                    date(start),
                    date(end)
                )?,
                (true, _, _) => writeln!(
                    f,
                    "La première période court du {} au {} ({fraction} d'année) : l'échéance 1 \
                     en paie les intérêts, la dernière échéance solde le reste.",
                    date(start),
                    date(end)
                )?,
            }
        }
        Ok(())
    }

    /// The amounts of an annuity whose instalment was recomputed at rate changes.
    fn write_recomputed(&self, f: &mut impl fmt::Write, lang: Language, first: u32) -> fmt::Result {
        let fr = lang == Language::French;
        let (money, rate, date) = (
            |m| money_in(m, lang),
            |r| rate_in(r, lang),
            |d| date_in(d, lang),
        );
        let range = |a: u32, b: u32| match (a.cmp(&b), fr) {
            (core::cmp::Ordering::Less, false) => format!("instalments {a} to {b}"),
            (core::cmp::Ordering::Less, true) => format!("échéances {a} à {b}"),
            (_, false) => format!("instalment {a}"),
            (_, true) => format!("échéance {a}"),
        };
        let n = self.count;
        let changes = self.rate_changes();
        let head_last = changes
            .first()
            .map_or(n, |c| c.first_instalment.saturating_sub(1));
        let head = range(first, head_last);
        let mut chars = head.chars();
        let head = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default();
        let sep = if fr { " :" } else { ":" };
        write!(f, "{head}{sep} {}.", money(self.regular_amount))?;
        let last_regular = if self.remainder_amount.is_some() {
            n.saturating_sub(1)
        } else {
            n
        };
        for (i, c) in changes.iter().enumerate() {
            let a = c.first_instalment;
            let b = changes
                .get(i.saturating_add(1))
                .map_or(last_regular, |next| next.first_instalment.saturating_sub(1));
            let amount = c.instalment.map(money).unwrap_or_default();
            let rows = if a <= b {
                format!(" ({})", range(a, b))
            } else {
                String::new()
            };
            // A change dated within a period applies from the next one: say which.
            let from = match (c.period_start == c.date, fr) {
                (true, _) => String::new(),
                (false, false) => format!(" (for the periods from {})", date(c.period_start)),
                (false, true) => {
                    format!(" (pour les périodes à partir du {})", date(c.period_start))
                }
            };
            if fr {
                write!(
                    f,
                    " À partir du {}, le taux est de {}{from} et l'échéance devient {amount}{rows}.",
                    date(c.date),
                    rate(c.rate)
                )?;
            } else {
                write!(
                    f,
                    " From {} the rate is {}{from} and the instalment becomes {amount}{rows}.",
                    date(c.date),
                    rate(c.rate)
                )?;
            }
        }
        if let Some(rest) = self.remainder_amount {
            if fr {
                write!(f, " L'échéance {n} solde le reste : {}.", money(rest))?;
            } else {
                write!(f, " Instalment {n} settles the balance: {}.", money(rest))?;
            }
        }
        Ok(())
    }
}

/// A day count's name in explanations.
fn day_count_name(day_count: DayCount, lang: Language) -> &'static str {
    match (day_count, lang) {
        (DayCount::Actual365, Language::French) => "exact/365",
        (DayCount::Actual365, _) => "actual/365",
        (DayCount::Actual360, Language::French) => "exact/360",
        (DayCount::Actual360, _) => "actual/360",
        (DayCount::ActualActualIsda, Language::French) => "exact/exact (ISDA)",
        (DayCount::ActualActualIsda, _) => "actual/actual (ISDA)",
        (DayCount::Thirty360, _) => "30E/360",
    }
}

/// An amount as the explanations write it: English keeps the plain `Money` display it always had;
/// French groups thousands.
fn money_in(m: Money, lang: Language) -> String {
    match lang {
        Language::French => language::money(m, lang),
        _ => m.to_string(),
    }
}

/// A rate as the explanations write it (`6%`, `6 %`).
fn rate_in(r: AnnualRate, lang: Language) -> String {
    match (lang, Percent::new(r.percent())) {
        (Language::French, Ok(p)) => language::percent(p, lang),
        _ => r.to_string(),
    }
}

/// A date as the explanations write it.
fn date_in(d: chrono::NaiveDate, lang: Language) -> String {
    match lang {
        Language::French => language::date(d, lang),
        _ => d.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Claim, Debt, Frequency, PlanRequest};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn request(amount: &str, sizing: Sizing) -> PlanRequest {
        let debt = Debt::single(Claim::new("F-1", amount.parse().unwrap()).unwrap());
        PlanRequest::new(debt, d(2027, 1, 31), Frequency::MONTHLY, sizing)
    }

    /// Sized by a capacity without interest, the explanation says why the count is what it is,
    /// in French and in English, and in the singular for one instalment.
    #[test]
    fn a_plan_sized_by_capacity_explains_its_count() {
        let explained = |amount: &str| {
            let sizing = Sizing::Capacity {
                capacity: "400.00 EUR".parse().unwrap(),
                shape: CapacityShape::FullCapacity,
            };
            let plan = request(amount, sizing).generate().unwrap();
            let why = plan.derivation();
            let line = |language| {
                why.explain(language)
                    .lines()
                    .nth(1)
                    .unwrap_or("")
                    .to_owned()
            };
            (line(Language::French), line(Language::English))
        };
        let cases = [
            (
                "1000.00 EUR",
                "Calcul sur une capacité de 400,00 EUR par mois : 2 échéances de 400,00 EUR \
                 remboursent 800,00 EUR, moins que 1 000,00 EUR, il faut donc 3 échéances.",
                "Sized by a capacity of 400.00 EUR per month: 2 instalments of 400.00 EUR repay \
                 800.00 EUR, less than 1000.00 EUR, so 3 instalments are needed.",
            ),
            (
                "700.00 EUR",
                "Calcul sur une capacité de 400,00 EUR par mois : 1 échéance de 400,00 EUR \
                 rembourse 400,00 EUR, moins que 700,00 EUR, il faut donc 2 échéances.",
                "Sized by a capacity of 400.00 EUR per month: 1 instalment of 400.00 EUR repays \
                 400.00 EUR, less than 700.00 EUR, so 2 instalments are needed.",
            ),
            (
                "300.00 EUR",
                "Calcul sur une capacité de 400,00 EUR par mois : 1 échéance ne demande jamais \
                 plus que la capacité.",
                "Sized by a capacity of 400.00 EUR per month: 1 instalment never asks more than \
                 the capacity.",
            ),
        ];
        for (amount, fr, en) in cases {
            assert_eq!(
                explained(amount),
                (fr.to_owned(), en.to_owned()),
                "{amount}"
            );
        }
    }

    /// One instalment taking the broken period's interest (1,000.00 at 12 % from 30 November
    /// 2026 to 31 January 2027, 62 days: 20.38) is explained as that one instalment, with no
    /// range of level instalments after it.
    #[test]
    fn a_single_instalment_with_the_broken_period_s_interest_is_named_once() {
        let plan = request("1000.00 EUR", Sizing::Count(1))
            .interest(Interest::Annuity("12%".parse().unwrap()))
            .interest_basis(InterestBasis::ActualDays(crate::DayCount::Actual365))
            .interest_from(d(2026, 11, 30))
            .broken_period(BrokenPeriod::FirstInstalment)
            .generate()
            .unwrap();
        let last = |language| {
            plan.derivation()
                .explain(language)
                .lines()
                .last()
                .map(str::to_owned)
        };
        assert_eq!(
            last(Language::English).as_deref(),
            Some("Instalment 1: 1020.38 EUR.")
        );
        assert_eq!(
            last(Language::French).as_deref(),
            Some("Échéance 1 : 1 020,38 EUR.")
        );
        // Its first period's interest is simply its own: no regular principal part beside it.
        let english = plan.derivation().explain(Language::English);
        assert!(
            english.contains(
                "The first period runs from 2026-11-30 to 2027-01-31 (62/365 of a year): \
                 instalment 1 pays its interest, the last instalment settles the balance."
            ),
            "{english}"
        );
    }

    /// The rounding to the closest last instalment is explained where there are instalments to
    /// bring it close to, not on a plan of one.
    #[test]
    fn the_closest_last_rounding_is_explained_with_more_than_one_instalment() {
        let explained = |n| {
            request("1000.00 EUR", Sizing::Count(n))
                .step("10.00 EUR".parse().unwrap())
                .balancing(Balancing::ClosestLast)
                .generate()
                .unwrap()
                .derivation()
                .explain(Language::English)
        };
        let three = explained(3);
        assert!(
            three.contains("brings instalment 3 closest to the others"),
            "{three}"
        );
        let one = explained(1);
        assert!(!one.contains("closest"), "{one}");
    }

    /// A derivation read from JSON has a total due, a step and a count above zero.
    #[cfg(feature = "serde")]
    #[test]
    fn a_derivation_read_alone_needs_a_total_a_step_and_a_count() {
        let plan = request("1000.00 EUR", Sizing::Count(3)).generate().unwrap();
        let json = serde_json::to_value(plan.derivation()).unwrap();
        assert!(serde_json::from_value::<Derivation>(json.clone()).is_ok());
        let zero = serde_json::to_value("0.00 EUR".parse::<Money>().unwrap()).unwrap();
        for (field, value) in [
            ("total_due", zero.clone()),
            ("step", zero),
            ("count", serde_json::json!(0)),
        ] {
            let err = crate::contract::refused::<Derivation>(&json, |j| j[field] = value);
            assert!(err.contains("must be greater than zero"), "{field}: {err}");
        }
    }

    /// The derivation names the options the plan was made with, the defaults and the others.
    #[test]
    fn the_derivation_names_the_options_of_its_request() {
        let plan = request("1000.00 EUR", Sizing::Count(3)).generate().unwrap();
        let why = plan.derivation();
        assert_eq!(why.balancing(), Balancing::Rounded);
        assert_eq!(why.down_payment_rounding(), DownPaymentRounding::MinorUnit);
        assert_eq!((why.interest_from(), why.day_of_month()), (None, None));
        let plan = request("1000.00 EUR", Sizing::Count(3))
            .step("10.00 EUR".parse().unwrap())
            .balancing(Balancing::ClosestLast)
            .down_payment(
                crate::DownPayment::percent(rust_decimal::Decimal::from(15), d(2027, 1, 5))
                    .rounding(DownPaymentRounding::Step),
            )
            .day_of_month(31)
            .generate()
            .unwrap();
        let why = plan.derivation();
        assert_eq!(why.balancing(), Balancing::ClosestLast);
        assert_eq!(why.down_payment_rounding(), DownPaymentRounding::Step);
        assert_eq!(why.day_of_month(), Some(31));
        let plan = request("1000.00 EUR", Sizing::Count(3))
            .interest(Interest::Annuity("12%".parse().unwrap()))
            .interest_basis(InterestBasis::ActualDays(crate::DayCount::Actual360))
            .interest_from(d(2026, 12, 20))
            .generate()
            .unwrap();
        assert_eq!(plan.derivation().interest_from(), Some(d(2026, 12, 20)));
    }
}
