//! Schedules: the dated instalments that repay a debt, how they are generated, and why.
//!
//! A [`PlanRequest`] describes the debt and the terms; [`PlanRequest::generate`] returns a
//! [`Schedule`]: its [`Instalment`]s (each split into principal, interest and fees, with the balance
//! after it), its [`Totals`], and a [`Derivation`] that says which rule produced the count and the
//! amounts, in data and in words.

mod annuity;
mod batch;
mod days;
mod derivation;
mod divisors;
mod exact;
mod generate;
mod grace;
mod ledger;
mod rate_changes;
mod request;
mod stages;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::{Currency, Money};

pub use batch::generate_batch;
pub use days::{BrokenPeriod, InterestBasis, YearDays};
pub use derivation::Derivation;
pub use exact::ExactTotals;
pub use rate_changes::{AppliedRateChange, RateChange};
pub use request::{
    Balancing, Balloon, CapacityShape, DownPayment, DownPaymentRounding, InstalmentTiming,
    Interest, InterestMethod, PlanRequest, Remainder, Sizing, MAX_INSTALMENTS,
};
pub use stages::Stage;

/// Whether an instalment is the down payment or a regular instalment.
///
/// ```
/// use echeancier::InstalmentKind;
///
/// assert_ne!(InstalmentKind::DownPayment, InstalmentKind::Regular);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum InstalmentKind {
    /// Paid when the plan is signed; numbered 0.
    DownPayment,
    /// One of the instalments numbered from 1.
    Regular,
}

/// One dated amount of a schedule (*échéance*), split into what it repays.
///
/// `amount = principal + interest + fees`, and `balance_after` is what remains to be repaid of
/// principal and fees after it.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(2))
///     .interest(Interest::Annuity("12%".parse()?))
///     .generate()?;
/// let first = &plan.instalments()[0];
/// assert_eq!(first.number(), 1);
/// assert_eq!(first.amount().to_string(), "507.51 EUR");
/// assert_eq!(first.interest().to_string(), "10.00 EUR");
/// assert_eq!(first.principal().to_string(), "497.51 EUR");
/// assert_eq!(first.balance_after().to_string(), "502.49 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising checks the instalment on its own (one currency, nothing negative, an amount
/// greater than zero that principal + interest + fees add up to, number 0 exactly for a down
/// payment); a [`Schedule`] read from JSON checks the rows together.
#[derive(Clone, Copy)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "InstalmentRepr", into = "InstalmentRepr")
)]
pub struct Instalment {
    number: u32,
    kind: InstalmentKind,
    due_date: NaiveDate,
    parts: Parts,
}

/// The five amounts of an instalment: amount, principal, interest, fees and balance after.
///
/// Generation builds rows in whole minor units (see `ledger`); keeping those integers, and making
/// each `Money` when it is asked for, spares building five `Decimal`s per row. The accessors give
/// the very `Money` (to the bit) that `Money::from_minor` gives for them.
#[derive(Clone, Copy)]
enum Parts {
    /// Counts of minor units of `currency`.
    Minor {
        currency: Currency,
        amount: i64,
        principal: i64,
        interest: i64,
        fees: i64,
        balance_after: i64,
    },
    /// Any amounts: a down payment, rows computed with `Decimal`, instalments read from outside.
    Money {
        amount: Money,
        principal: Money,
        interest: Money,
        fees: Money,
        balance_after: Money,
    },
}

/// Equal when every field is, as if the five amounts were `Money` fields.
impl PartialEq for Instalment {
    fn eq(&self, other: &Instalment) -> bool {
        self.number == other.number
            && self.kind == other.kind
            && self.due_date == other.due_date
            && self.amount() == other.amount()
            && self.principal() == other.principal()
            && self.interest() == other.interest()
            && self.fees() == other.fees()
            && self.balance_after() == other.balance_after()
    }
}

impl Eq for Instalment {}

/// Hashes the fields in order, the amounts as `Money`: consistent with `PartialEq`.
impl core::hash::Hash for Instalment {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.number.hash(state);
        self.kind.hash(state);
        self.due_date.hash(state);
        self.amount().hash(state);
        self.principal().hash(state);
        self.interest().hash(state);
        self.fees().hash(state);
        self.balance_after().hash(state);
    }
}

/// The fields by name, the amounts as `Money`.
impl core::fmt::Debug for Instalment {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Instalment")
            .field("number", &self.number)
            .field("kind", &self.kind)
            .field("due_date", &self.due_date)
            .field("amount", &self.amount())
            .field("principal", &self.principal())
            .field("interest", &self.interest())
            .field("fees", &self.fees())
            .field("balance_after", &self.balance_after())
            .finish()
    }
}

/// An instalment as it is written: every amount a `Money`.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct InstalmentRepr {
    number: u32,
    kind: InstalmentKind,
    due_date: NaiveDate,
    amount: Money,
    principal: Money,
    interest: Money,
    fees: Money,
    balance_after: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<InstalmentRepr> for Instalment {
    type Error = Error;

    fn try_from(r: InstalmentRepr) -> Result<Instalment> {
        let instalment = Instalment {
            number: r.number,
            kind: r.kind,
            due_date: r.due_date,
            parts: Parts::Money {
                amount: r.amount,
                principal: r.principal,
                interest: r.interest,
                fees: r.fees,
                balance_after: r.balance_after,
            },
        };
        instalment.check()?;
        Ok(instalment)
    }
}

#[cfg(feature = "serde")]
impl From<Instalment> for InstalmentRepr {
    fn from(i: Instalment) -> InstalmentRepr {
        InstalmentRepr {
            number: i.number,
            kind: i.kind,
            due_date: i.due_date,
            amount: i.amount(),
            principal: i.principal(),
            interest: i.interest(),
            fees: i.fees(),
            balance_after: i.balance_after(),
        }
    }
}

impl Instalment {
    /// The number: 0 for a down payment, then 1, 2, …
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "10.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::WEEKLY, Sizing::Count(2)).generate()?;
    /// assert_eq!(plan.instalments()[1].number(), 2);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn number(&self) -> u32 {
        self.number
    }

    /// Down payment or regular instalment.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "10.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::WEEKLY, Sizing::Count(2)).generate()?;
    /// assert_eq!(plan.instalments()[0].kind(), InstalmentKind::Regular);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn kind(&self) -> InstalmentKind {
        self.kind
    }

    /// The due date, after any business-day adjustment.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "10.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::WEEKLY, Sizing::Count(2)).generate()?;
    /// assert_eq!(plan.instalments()[1].due_date().to_string(), "2027-01-08");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn due_date(&self) -> NaiveDate {
        self.due_date
    }

    /// The amount due.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "10.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::WEEKLY, Sizing::Count(2)).generate()?;
    /// assert_eq!(plan.instalments()[1].amount().to_string(), "5.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(&self) -> Money {
        match self.parts {
            Parts::Minor {
                currency, amount, ..
            } => Money::of_minor(amount, currency),
            Parts::Money { amount, .. } => amount,
        }
    }

    /// The part that repays claims.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "10.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::WEEKLY, Sizing::Count(2)).generate()?;
    /// assert_eq!(plan.instalments()[1].principal().to_string(), "5.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn principal(&self) -> Money {
        match self.parts {
            Parts::Minor {
                currency,
                principal,
                ..
            } => Money::of_minor(principal, currency),
            Parts::Money { principal, .. } => principal,
        }
    }

    /// The interest of the period.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "10.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::WEEKLY, Sizing::Count(2)).generate()?;
    /// assert!(plan.instalments()[1].interest().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest(&self) -> Money {
        match self.parts {
            Parts::Minor {
                currency, interest, ..
            } => Money::of_minor(interest, currency),
            Parts::Money { interest, .. } => interest,
        }
    }

    /// The part that repays fees. Fees are repaid before claims (costs first, as payments are
    /// allocated under French law, Code civil 1343-1).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "100.00 EUR".parse()?)?).with_fee(Fee::new("frais", "40.00 EUR".parse()?)?)?;
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// assert_eq!(plan.instalments()[0].fees().to_string(), "40.00 EUR");
    /// assert_eq!(plan.instalments()[0].principal().to_string(), "30.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn fees(&self) -> Money {
        match self.parts {
            Parts::Minor { currency, fees, .. } => Money::of_minor(fees, currency),
            Parts::Money { fees, .. } => fees,
        }
    }

    /// Principal and fees still to repay after this instalment.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "10.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::WEEKLY, Sizing::Count(2)).generate()?;
    /// assert_eq!(plan.instalments()[0].balance_after().to_string(), "5.00 EUR");
    /// assert!(plan.instalments()[1].balance_after().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn balance_after(&self) -> Money {
        match self.parts {
            Parts::Minor {
                currency,
                balance_after,
                ..
            } => Money::of_minor(balance_after, currency),
            Parts::Money { balance_after, .. } => balance_after,
        }
    }
}

/// What a schedule adds up to.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let debt = Debt::single(Claim::new("L", "10000.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(36))
///     .interest(Interest::Annuity("5%".parse()?))
///     .generate()?;
/// let totals = plan.totals();
/// assert_eq!(totals.amount().to_string(), "10789.54 EUR");
/// assert_eq!(totals.principal().to_string(), "10000.00 EUR");
/// assert_eq!(totals.interest().to_string(), "789.54 EUR");
/// assert!(totals.fees().is_zero());
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising checks one currency, nothing negative and amount = principal + interest + fees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TotalsRepr"))]
pub struct Totals {
    amount: Money,
    principal: Money,
    interest: Money,
    fees: Money,
}

impl Totals {
    /// The totals of `instalments`, summed as integers in minor units when every part is a
    /// non-negative amount of `currency` small enough (below 2^80 minor units) for the sums to be
    /// exact, which gives the very `Decimal`s [`Totals::of_decimal`] gives; by that otherwise.
    fn of(currency: Currency, instalments: &[Instalment]) -> Result<Totals> {
        const LIMIT: i128 = 1 << 80;
        let units = currency.minor_units();
        let minor = |part: Money| {
            let amount = part.amount();
            let mantissa = amount.mantissa();
            let exact = part.currency() == currency
                && amount.scale() == units
                && !amount.is_sign_negative()
                && mantissa < LIMIT;
            exact.then_some(mantissa)
        };
        let (mut amount, mut principal, mut interest, mut fees) = (0i128, 0i128, 0i128, 0i128);
        for i in instalments {
            let (Some(a), Some(p), Some(r), Some(f)) = (
                minor(i.amount()),
                minor(i.principal()),
                minor(i.interest()),
                minor(i.fees()),
            ) else {
                return Totals::of_decimal(currency, instalments);
            };
            // A generated schedule has at most 1,201 instalments below 2^80 each, so every sum
            // stays below 2^91; one read from outside could have more.
            let (Some(a), Some(p), Some(r), Some(f)) = (
                amount.checked_add(a),
                principal.checked_add(p),
                interest.checked_add(r),
                fees.checked_add(f),
            ) else {
                return Totals::of_decimal(currency, instalments);
            };
            (amount, principal, interest, fees) = (a, p, r, f);
        }
        Ok(Totals {
            amount: Money::from_minor_i128(amount, currency)?,
            principal: Money::from_minor_i128(principal, currency)?,
            interest: Money::from_minor_i128(interest, currency)?,
            fees: Money::from_minor_i128(fees, currency)?,
        })
    }

    /// The totals of `instalments` summed with `Money` arithmetic.
    fn of_decimal(currency: Currency, instalments: &[Instalment]) -> Result<Totals> {
        let sum =
            |part: fn(&Instalment) -> Money| Money::sum(currency, instalments.iter().map(part));
        Ok(Totals {
            amount: sum(Instalment::amount)?,
            principal: sum(Instalment::principal)?,
            interest: sum(Instalment::interest)?,
            fees: sum(Instalment::fees)?,
        })
    }

    /// Everything the debtor pays, down payment included.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "10.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::WEEKLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.totals().amount().to_string(), "10.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// The claims repaid.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "10.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::WEEKLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.totals().principal().to_string(), "10.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn principal(&self) -> Money {
        self.principal
    }

    /// The interest charged.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "10.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::WEEKLY, Sizing::Count(3)).generate()?;
    /// assert!(plan.totals().interest().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest(&self) -> Money {
        self.interest
    }

    /// The fees repaid.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "10.00 EUR".parse()?)?).with_fee(Fee::new("frais", "1.00 EUR".parse()?)?)?;
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::WEEKLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.totals().fees().to_string(), "1.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn fees(&self) -> Money {
        self.fees
    }
}

/// A generated payment plan: dated instalments, their totals and how they were derived.
///
/// A schedule always satisfies the invariants of the crate: instalments add up to principal +
/// interest + fees; every amount is a whole number of minor units and no instalment is zero or
/// negative; due dates strictly increase; the balance after the last instalment is exactly zero.
/// Deserialising checks them again, so a schedule read from JSON is as sound as a generated one.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let debt = Debt::single(Claim::new("F-1", "4850.00 EUR".parse()?)?);
/// let sizing = Sizing::Capacity { capacity: "400.00 EUR".parse()?, shape: CapacityShape::FullCapacity };
/// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(), Frequency::MONTHLY, sizing).generate()?;
/// assert_eq!(plan.instalments().len(), 13);
/// assert_eq!(plan.last_due_date().map(|d| d.to_string()).as_deref(), Some("2028-01-05"));
/// assert_eq!(plan.instalments()[12].amount().to_string(), "50.00 EUR");
/// println!("{}", plan.derivation());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ScheduleRepr", into = "ScheduleRepr")
)]
pub struct Schedule {
    currency: Currency,
    instalments: Vec<Instalment>,
    totals: Totals,
    derivation: Derivation,
}

impl Schedule {
    fn from_parts(
        currency: Currency,
        instalments: Vec<Instalment>,
        totals: Totals,
        derivation: Derivation,
    ) -> Schedule {
        Schedule {
            currency,
            instalments,
            totals,
            derivation,
        }
    }

    /// The currency of every amount.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "1000 JPY".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.currency(), Currency::JPY);
    /// assert_eq!(plan.instalments()[2].amount().to_string(), "334 JPY");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The instalments in date order, the down payment (if any) first.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert!(plan.instalments().iter().all(|i| i.amount().to_string() == "30.00 EUR"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn instalments(&self) -> &[Instalment] {
        &self.instalments
    }

    /// The totals.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.totals().amount().to_string(), "90.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    /// How the count and amounts were found, as data and (through `Display`) in words.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.derivation().count(), 3);
    /// assert!(plan.derivation().to_string().contains("3 instalments"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn derivation(&self) -> &Derivation {
        &self.derivation
    }

    /// The date of the last instalment.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "90.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// assert_eq!(plan.last_due_date(), NaiveDate::from_ymd_opt(2027, 2, 28));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn last_due_date(&self) -> Option<NaiveDate> {
        self.instalments.last().map(Instalment::due_date)
    }

    /// Checks every schedule invariant; used when a schedule comes from outside, and by
    /// [`crate::invariants::schedule`].
    pub(crate) fn validate(&self) -> Result<()> {
        let fail = |reason: String| Err(Error::InvalidSchedule { reason });
        let Some(first) = self.instalments.first() else {
            return fail("a schedule has at least one instalment".to_owned());
        };
        let mut balance = first
            .balance_after()
            .checked_add(first.principal())?
            .checked_add(first.fees())?;
        let mut previous: Option<&Instalment> = None;
        for (index, i) in self.instalments.iter().enumerate() {
            for part in [
                i.amount(),
                i.principal(),
                i.interest(),
                i.fees(),
                i.balance_after(),
            ] {
                self.currency.minor_unit().same_currency(part)?;
                if part.is_negative() {
                    return fail(format!(
                        "instalment {} has a negative amount {part}",
                        i.number
                    ));
                }
            }
            if !i.amount().is_positive() {
                return fail(format!("instalment {} is zero", i.number));
            }
            if i.principal()
                .checked_add(i.interest())?
                .checked_add(i.fees())?
                != i.amount()
            {
                return fail(format!(
                    "the parts of instalment {} do not add up to {}",
                    i.number,
                    i.amount()
                ));
            }
            balance = balance.checked_sub(i.principal())?.checked_sub(i.fees())?;
            if balance != i.balance_after() {
                return fail(format!(
                    "the balance after instalment {} should be {balance}",
                    i.number
                ));
            }
            let expected_number = match (i.kind, previous) {
                (InstalmentKind::DownPayment, None) => 0,
                (InstalmentKind::Regular, None) => 1,
                (InstalmentKind::Regular, Some(p)) => p.number.saturating_add(1),
                (InstalmentKind::DownPayment, Some(_)) => {
                    return fail(format!(
                        "the down payment is not first (position {})",
                        index.saturating_add(1)
                    ))
                }
            };
            if i.number != expected_number {
                return fail(format!(
                    "instalment numbered {} should be {expected_number}",
                    i.number
                ));
            }
            if let Some(p) = previous {
                if i.due_date <= p.due_date {
                    return fail(format!(
                        "instalment {} is not due after instalment {}",
                        i.number, p.number
                    ));
                }
            }
            previous = Some(i);
        }
        if !balance.is_zero() {
            return fail(format!(
                "the balance after the last instalment is {balance}, not zero"
            ));
        }
        if Totals::of(self.currency, &self.instalments)? != self.totals {
            return fail("the totals do not match the instalments".to_owned());
        }
        let regular = self
            .instalments
            .iter()
            .filter(|i| i.kind == InstalmentKind::Regular)
            .count();
        if u32::try_from(regular).ok() != Some(self.derivation.count()) {
            return fail(format!(
                "the derivation counts {} instalments, the schedule has {regular}",
                self.derivation.count()
            ));
        }
        // The derivation explains the instalments: its amounts must be the schedule's.
        let why = &self.derivation;
        let amounts = [why.total_due, why.financed, why.regular_amount, why.step];
        for part in amounts
            .into_iter()
            .chain(why.down_payment)
            .chain(why.remainder_amount)
        {
            self.currency.minor_unit().same_currency(part)?;
        }
        let repaid = self.totals.principal.checked_add(self.totals.fees)?;
        if why.total_due != repaid {
            return fail(format!(
                "the derivation's total due {} is not the {repaid} the instalments repay",
                why.total_due
            ));
        }
        let down_payment = self
            .instalments
            .iter()
            .find(|i| i.kind == InstalmentKind::DownPayment)
            .map(|i| i.amount());
        let financed = match down_payment {
            Some(down) => repaid.checked_sub(down)?,
            None => repaid,
        };
        if why.down_payment != down_payment || why.financed != financed {
            return fail("the derivation's down payment does not match the schedule's".to_owned());
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ScheduleRepr {
    currency: Currency,
    instalments: Vec<Instalment>,
    totals: Totals,
    derivation: Derivation,
}

#[cfg(feature = "serde")]
impl TryFrom<ScheduleRepr> for Schedule {
    type Error = Error;

    fn try_from(r: ScheduleRepr) -> Result<Schedule> {
        let schedule = Schedule {
            currency: r.currency,
            instalments: r.instalments,
            totals: r.totals,
            derivation: r.derivation,
        };
        schedule.validate()?;
        Ok(schedule)
    }
}

#[cfg(feature = "serde")]
impl From<Schedule> for ScheduleRepr {
    fn from(s: Schedule) -> ScheduleRepr {
        ScheduleRepr {
            currency: s.currency,
            instalments: s.instalments,
            totals: s.totals,
            derivation: s.derivation,
        }
    }
}

#[cfg(feature = "serde")]
impl Instalment {
    /// One currency, nothing negative, an amount greater than zero that its parts add up to, and
    /// the number its kind gives (0 for a down payment, from 1 for a regular instalment).
    fn check(&self) -> Result<()> {
        let fail = |reason: String| {
            Err(Error::InvalidSchedule {
                reason: format!("instalment {}: {reason}", self.number),
            })
        };
        let amount = self.amount();
        for part in [
            self.principal(),
            self.interest(),
            self.fees(),
            self.balance_after(),
        ] {
            amount.same_currency(part)?;
            if part.is_negative() {
                return fail(format!("negative amount {part}"));
            }
        }
        if !amount.is_positive() {
            return fail(format!("amount {amount} is not greater than zero"));
        }
        let parts = self
            .principal()
            .checked_add(self.interest())?
            .checked_add(self.fees())?;
        if parts != amount {
            return fail(format!(
                "amount {amount} is not principal + interest + fees = {parts}"
            ));
        }
        match (self.kind, self.number) {
            (InstalmentKind::DownPayment, 0) => Ok(()),
            (InstalmentKind::Regular, n) if n > 0 => Ok(()),
            (kind, n) => fail(format!("a {kind:?} instalment cannot be numbered {n}")),
        }
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(Totals as TotalsRepr {
    amount: Money,
    principal: Money,
    interest: Money,
    fees: Money,
});

#[cfg(feature = "serde")]
impl Totals {
    /// One currency, nothing negative, and amount = principal + interest + fees.
    fn check(&self) -> Result<()> {
        for part in [self.principal, self.interest, self.fees] {
            self.amount.same_currency(part)?;
            if part.is_negative() {
                return Err(Error::InvalidSchedule {
                    reason: format!("the totals have a negative amount {part}"),
                });
            }
        }
        let parts = self
            .principal
            .checked_add(self.interest)?
            .checked_add(self.fees)?;
        if parts != self.amount {
            return Err(Error::InvalidSchedule {
                reason: format!(
                    "the total amount {} is not principal + interest + fees = {parts}",
                    self.amount
                ),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::hash::{Hash, Hasher};

    fn hash_of(instalment: &Instalment) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        instalment.hash(&mut hasher);
        hasher.finish()
    }

    /// Instalment 2 of 100.00 (80.00 of principal, 15.00 of interest, 5.00 of fees), 400.00 left,
    /// in whole cents as generation keeps it, and the same figures as `Money`.
    fn both_forms(minor: [i64; 5]) -> (Instalment, Instalment) {
        let due_date = NaiveDate::from_ymd_opt(2027, 2, 15).unwrap();
        let money = |cents| Money::from_minor(cents, Currency::EUR).unwrap();
        let [amount, principal, interest, fees, balance_after] = minor;
        let counts = Instalment {
            number: 2,
            kind: InstalmentKind::Regular,
            due_date,
            parts: Parts::Minor {
                currency: Currency::EUR,
                amount,
                principal,
                interest,
                fees,
                balance_after,
            },
        };
        let amounts = Instalment {
            parts: Parts::Money {
                amount: money(amount),
                principal: money(principal),
                interest: money(interest),
                fees: money(fees),
                balance_after: money(balance_after),
            },
            ..counts
        };
        (counts, amounts)
    }

    /// Two instalments are equal when every figure is, whichever form generation kept them in, and
    /// differ (in value and in hash) when any one of them differs; their debug form names each.
    #[test]
    fn instalments_differing_in_any_one_figure_differ() {
        let figures = [10_000, 8_000, 1_500, 500, 40_000];
        let (counts, amounts) = both_forms(figures);
        assert_eq!(counts, amounts);
        assert_eq!(hash_of(&counts), hash_of(&amounts));
        let mut others = Vec::new();
        for k in 0..figures.len() {
            let mut changed = figures;
            changed[k] += 1;
            let (counts_changed, amounts_changed) = both_forms(changed);
            others.extend([counts_changed, amounts_changed]);
        }
        others.push(Instalment {
            number: 3,
            ..counts
        });
        others.push(Instalment {
            kind: InstalmentKind::DownPayment,
            ..counts
        });
        others.push(Instalment {
            due_date: NaiveDate::from_ymd_opt(2027, 2, 16).unwrap(),
            ..counts
        });
        for other in &others {
            assert_ne!(*other, counts, "{other:?}");
            assert_ne!(*other, amounts, "{other:?}");
            assert_ne!(hash_of(other), hash_of(&counts), "{other:?}");
        }
        let shown = format!("{counts:?}");
        assert_eq!(shown, format!("{amounts:?}"));
        assert_eq!(
            shown,
            "Instalment { number: 2, kind: Regular, due_date: 2027-02-15, amount: 100.00 EUR, \
             principal: 80.00 EUR, interest: 15.00 EUR, fees: 5.00 EUR, \
             balance_after: 400.00 EUR }"
        );
    }

    /// 1,000.00 with 100.00 down, the rest in 3 monthly instalments, as JSON.
    #[cfg(feature = "serde")]
    fn with_down_payment() -> serde_json::Value {
        let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
        let debt =
            crate::Debt::single(crate::Claim::new("F-1", "1000.00 EUR".parse().unwrap()).unwrap());
        let plan = PlanRequest::new(debt, d(2, 1), crate::Frequency::MONTHLY, Sizing::Count(3))
            .down_payment(DownPayment::amount("100.00 EUR".parse().unwrap(), d(1, 15)))
            .generate()
            .unwrap();
        serde_json::to_value(&plan).unwrap()
    }

    #[cfg(feature = "serde")]
    fn eur(amount: &str) -> serde_json::Value {
        serde_json::to_value(amount.parse::<Money>().unwrap()).unwrap()
    }

    /// An instalment read alone is checked as one in a schedule: parts that add up to an amount
    /// above zero, nothing negative, one currency, and a number its kind allows.
    #[cfg(feature = "serde")]
    #[test]
    fn an_instalment_read_alone_is_checked() {
        let plan = with_down_payment();
        let down = &plan["instalments"][0];
        let regular = &plan["instalments"][1];
        for instalment in [down, regular] {
            assert!(serde_json::from_value::<Instalment>(instalment.clone()).is_ok());
        }
        let refused = |instalment: &serde_json::Value, field: &str, value: serde_json::Value| {
            crate::contract::refused::<Instalment>(instalment, |j| j[field] = value)
        };
        let err = refused(regular, "interest", eur("0.01 EUR"));
        assert!(err.contains("is not principal + interest + fees"), "{err}");
        let err = refused(regular, "balance_after", eur("-1.00 EUR"));
        assert!(err.contains("negative amount -1.00 EUR"), "{err}");
        let err = refused(
            regular,
            "fees",
            serde_json::json!({"amount": "0", "currency": "USD"}),
        );
        assert!(err.contains("USD"), "{err}");
        let mut nothing = regular.clone();
        for field in ["amount", "principal", "interest", "fees"] {
            nothing[field] = eur("0.00 EUR");
        }
        let err = crate::contract::refused::<Instalment>(&nothing, |_| {});
        assert!(err.contains("is not greater than zero"), "{err}");
        let err = refused(regular, "number", serde_json::json!(0));
        assert!(
            err.contains("a Regular instalment cannot be numbered 0"),
            "{err}"
        );
        let err = refused(down, "number", serde_json::json!(1));
        assert!(
            err.contains("a DownPayment instalment cannot be numbered 1"),
            "{err}"
        );
    }

    /// Totals read alone: nothing negative, one currency, and the amount the sum of its parts.
    #[cfg(feature = "serde")]
    #[test]
    fn totals_read_alone_are_checked() {
        let totals = with_down_payment()["totals"].clone();
        assert_eq!(totals["amount"], eur("1000.00 EUR"));
        assert!(serde_json::from_value::<Totals>(totals.clone()).is_ok());
        let err = crate::contract::refused::<Totals>(&totals, |j| j["fees"] = eur("1.00 EUR"));
        assert!(
            err.contains("is not principal + interest + fees = 1001.00 EUR"),
            "{err}"
        );
        let err = crate::contract::refused::<Totals>(&totals, |j| {
            j["interest"] = eur("-1.00 EUR");
            j["principal"] = eur("1001.00 EUR");
        });
        assert!(err.contains("negative amount -1.00 EUR"), "{err}");
        let err = crate::contract::refused::<Totals>(&totals, |j| {
            j["fees"] = serde_json::json!({"amount": "0", "currency": "JPY"});
        });
        assert!(err.contains("JPY"), "{err}");
    }
}
