//! The versions of one agreement and the operations that add a version.

use chrono::{Datelike, NaiveDate};

use crate::adjust::outstanding::{Line, Outstanding};
use crate::adjust::record::{AdjustmentDetails, AdjustmentRecord};
use crate::adjust::{
    Lapse, PenaltyCharge, PostponeMode, Postponement, Prepayment, PrepaymentMode, Reschedule,
    Settlement, Treatment,
};
use crate::debt::{Claim, Debt, Fee};
use crate::discount::{ConditionalWaiver, SettlementOffer};
use crate::error::{Error, Result};
use crate::frequency::Frequency;
use crate::money::{Currency, Money, Rounding};
use crate::payment::{ChargeKind, Payment};
use crate::schedule::{
    Balloon, CapacityShape, DownPayment, Instalment, InstalmentKind, Interest, InterestBasis,
    PlanRequest, RateChange, Schedule, Sizing,
};
use crate::statement::{Segment, Statement, StatementOptions};

/// Where a plan stands.
///
/// ```
/// use echeancier::PlanStatus;
///
/// assert_eq!(PlanStatus::Lapsed.to_string(), "lapsed");
/// assert!(PlanStatus::Active.is_open());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PlanStatus {
    /// Instalments are still to be paid; it can be adjusted.
    Active,
    /// Every instalment was paid, and every charge added after signature.
    ///
    /// Late-payment penalties do not keep a plan open: one whose instalments are paid reads
    /// completed while its statement still shows the penalties unpaid
    /// ([`Statement::penalties_outstanding`](crate::Statement::penalties_outstanding), counted in
    /// [`Statement::total_outstanding`](crate::Statement::total_outstanding)). That is what lets a
    /// [`ConditionalWaiver`](crate::ConditionalWaiver) waive them once the plan is completed
    /// ([`WaiverCondition::PlanCompleted`](crate::WaiverCondition::PlanCompleted)). A later
    /// payment still pays them; a completed plan is no longer adjusted.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// // Penalties at 10 % a year, paid after the principal.
    /// let options = StatementOptions::new(AllocationPolicy::principal_first())
    ///     .with_penalties(PenaltyPolicy::new(PenaltyRate::fixed("10%".parse()?)));
    /// let mut account = Account::new(plan, d(1, 5), options)?;
    /// // The three instalments paid late, in one payment.
    /// account.pay(Payment::new("VIR-1", d(6, 30), "300.00 EUR".parse()?)?)?;
    /// assert_eq!(account.status(d(7, 1))?, PlanStatus::Completed);
    /// let s = account.statement(d(7, 1))?;
    /// assert_eq!(s.penalties_outstanding().to_string(), "9.94 EUR");
    /// assert_eq!(s.total_outstanding()?.to_string(), "9.94 EUR");
    /// account.pay(Payment::new("VIR-2", d(7, 1), "9.94 EUR".parse()?)?)?;
    /// assert!(account.statement(d(7, 1))?.total_outstanding()?.is_zero());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Completed,
    /// Closed by a settlement.
    Settled,
    /// Lapsed (*déchéance du terme*): the remaining balance is due at once.
    Lapsed,
}

impl PlanStatus {
    /// Whether the plan can still be adjusted.
    ///
    /// ```
    /// use echeancier::PlanStatus;
    ///
    /// assert!(!PlanStatus::Settled.is_open());
    /// ```
    pub fn is_open(&self) -> bool {
        matches!(self, PlanStatus::Active)
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            PlanStatus::Active => "active",
            PlanStatus::Completed => "completed",
            PlanStatus::Settled => "settled",
            PlanStatus::Lapsed => "lapsed",
        }
    }
}

impl core::fmt::Display for PlanStatus {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// An instalment of an earlier version kept in the history as it was: it had fallen due by the
/// adjustment, or something had been paid on it.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let debt = Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
/// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
/// account.pay(Payment::new("VIR-1", d(1, 31), "60.00 EUR".parse()?)?)?;
/// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
/// let kept = &account.history().current().kept()[0];
/// assert_eq!((kept.version(), kept.instalment().number()), (1, 1));
/// assert_eq!(kept.paid().to_string(), "60.00 EUR");
/// assert_eq!(kept.carried().to_string(), "40.00 EUR"); // joined the new schedule
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising checks the version (from 1) and that what was paid and carried is not negative and
/// together not more than the instalment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "KeptInstalmentRepr"))]
pub struct KeptInstalment {
    version: u32,
    instalment: Instalment,
    paid: Money,
    carried: Money,
}

impl KeptInstalment {
    /// The version it belonged to.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
    /// let history = account.history();
    /// assert_eq!(history.current().kept()[0].version(), 1);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The instalment, unchanged.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let first = plan.instalments()[0];
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
    /// let history = account.history();
    /// assert_eq!(history.current().kept()[0].instalment(), &first);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn instalment(&self) -> &Instalment {
        &self.instalment
    }

    /// What was paid on it by the adjustment.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
    /// let history = account.history();
    /// assert!(history.current().kept()[0].paid().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn paid(&self) -> Money {
        self.paid
    }

    /// Its unpaid fees and principal (and interest, once due), carried into the outstanding amount.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
    /// let history = account.history();
    /// assert_eq!(history.current().kept()[0].carried().to_string(), "100.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn carried(&self) -> Money {
        self.carried
    }
}

/// One version of an agreement: the schedule in force from a date, the instalments kept from
/// earlier versions, and the record of the adjustment that made it (none for the first).
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let debt = Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
/// let history = PlanHistory::new(plan, d(1, 5));
/// let v1 = history.current();
/// assert_eq!((v1.number(), v1.effective(), v1.status()), (1, d(1, 5), PlanStatus::Active));
/// assert!(v1.record().is_none() && v1.kept().is_empty());
/// assert_eq!(v1.schedule().map(|s| s.instalments().len()), Some(12));
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// A version does not carry the payments its adjustment was computed with, so deserialising
/// re-checks what a version always is (the plan as signed without record, a later one with the
/// record of its adjustment on its effective date, an active version with a schedule, the record's
/// outstanding amount after and new interest those of the schedule) and rejects JSON that breaks
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PlanVersionRepr"))]
pub struct PlanVersion {
    number: u32,
    effective: NaiveDate,
    status: PlanStatus,
    schedule: Option<Schedule>,
    kept: Vec<KeptInstalment>,
    record: Option<AdjustmentRecord>,
}

impl PlanVersion {
    /// Its number: 1 for the plan as signed, then 2, 3, …
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
    /// let history = account.history();
    /// assert_eq!(history.current().number(), 2);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The date it took effect.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
    /// let history = account.history();
    /// assert_eq!(history.current().effective(), d(2, 10));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn effective(&self) -> NaiveDate {
        self.effective
    }

    /// Its status when it was made (a plan whose instalments are all paid is reported
    /// [`PlanStatus::Completed`] by [`PlanHistory::status_on`]).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// assert_eq!(PlanHistory::new(plan, d(1, 5)).current().status(), PlanStatus::Active);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn status(&self) -> PlanStatus {
        self.status
    }

    /// The schedule in force; none once settled or completed by a prepayment. Payments are
    /// allocated to its instalment numbers.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
    /// let history = account.history();
    /// // 1200.00 over 10: the first due date after 10 February is 28 February.
    /// let schedule = history.current().schedule().ok_or(Error::EmptyDebt)?;
    /// assert_eq!(schedule.instalments()[0].due_date(), d(2, 28));
    /// assert_eq!(schedule.instalments()[0].amount().to_string(), "120.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn schedule(&self) -> Option<&Schedule> {
        self.schedule.as_ref()
    }

    /// The instalments of earlier versions kept as they were, oldest first.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(3, 10), Reschedule::new(Sizing::Count(10)))?;
    /// let history = account.history();
    /// assert_eq!(history.current().kept().len(), 2); // 31 January and 28 February had fallen due
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn kept(&self) -> &[KeptInstalment] {
        &self.kept
    }

    /// The record of the adjustment that made it; none for the plan as signed.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// assert!(PlanHistory::new(plan, d(1, 5)).current().record().is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn record(&self) -> Option<&AdjustmentRecord> {
        self.record.as_ref()
    }
}

/// The history of one agreement: every version, the plan as signed first, the one in force last.
///
/// Adjustments never change a version: each returns a new history with one more version. Each
/// reads a [`Statement`] of the version in force as of its effective date (the one allocation of
/// the payments), and fails with [`Error::PlanClosed`] on a plan completed, settled or lapsed. An
/// [`Account`](crate::Account) keeps the payments and the history together and does this for you.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let debt = Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
/// let paid: Vec<Payment> = plan.instalments()[..3].iter()
///     .map(|i| Payment::new(format!("VIR-{}", i.number()), i.due_date(), i.amount()))
///     .collect::<Result<_>>()?;
/// let history = PlanHistory::new(plan.clone(), d(1, 5));
/// let at = Statement::new(&plan, &paid, &StatementOptions::default(), d(4, 5))?;
/// let sizing = Sizing::Capacity { capacity: "75.00 EUR".parse()?, shape: CapacityShape::FullCapacity };
/// let history = history.reschedule(&at, Reschedule::new(sizing).by("j.martin"))?;
/// // 900.00 left: 12 instalments of 75.00 from 30 April.
/// let v2 = history.current();
/// assert_eq!(v2.schedule().map(|s| s.instalments().len()), Some(12));
/// assert_eq!(v2.kept().len(), 3);
/// assert_eq!(history.versions().count(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialising re-checks the history (versions numbered 1, 2, 3, … in date order, each earlier
/// one active when replaced, one currency, each version keeping what the one before kept) and
/// rejects JSON that breaks it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PlanHistoryRepr"))]
pub struct PlanHistory {
    currency: Currency,
    earlier: Vec<PlanVersion>,
    current: PlanVersion,
}

/// What the adjustment computed, before it becomes a version.
struct Outcome {
    status: PlanStatus,
    schedule: Option<Schedule>,
    details: AdjustmentDetails,
    capitalised: Money,
    waived: Money,
    paid: Money,
    penalties_waived: Money,
}

impl Outcome {
    /// A new schedule in force with nothing capitalised, waived or paid; the operations that do
    /// capitalise, waive or take a payment set those fields on top.
    fn new(
        status: PlanStatus,
        schedule: Option<Schedule>,
        details: AdjustmentDetails,
        zero: Money,
    ) -> Outcome {
        Outcome {
            status,
            schedule,
            details,
            capitalised: zero,
            waived: zero,
            paid: zero,
            penalties_waived: zero,
        }
    }
}

/// The terms of a new schedule over what remains.
struct Terms {
    first_due: NaiveDate,
    frequency: Frequency,
    sizing: Sizing,
    interest: Interest,
    /// The plan's rate changes still to come, each from the start of its first period.
    rate_changes: Vec<RateChange>,
    /// The plan's day count for interest.
    interest_basis: InterestBasis,
    rounding: Rounding,
    /// The day of the month the plan keeps, if it has one.
    day_of_month: Option<u32>,
    /// The balloon still to come, left to the new version's last instalment when it is less than
    /// what that version finances (see [`balloon_left`]).
    balloon: Option<Money>,
}

/// The balloon still to come of `schedule` (postponements and prepayments keep it; a
/// reschedule's terms replace it): the plan's, while its last instalment is not yet due, at most
/// what is unpaid of that instalment.
fn balloon_left(schedule: &Schedule, lines: &[Line]) -> Result<Option<Money>> {
    let Some(balloon) = schedule.derivation().balloon() else {
        return Ok(None);
    };
    let Some(last) = lines.last().filter(|l| !l.is_due) else {
        return Ok(None);
    };
    Ok(Some(balloon.checked_min(last.unpaid)?).filter(|b| b.is_positive()))
}

/// The interest a new version charges when its terms do not give a new one: the rate in force for
/// the period that ends on `first_due` (the plan's own rate, or that of the last rate change whose
/// first period starts before that day) and the rate changes of the periods after it, each from
/// the start of its first period. A variable-rate loan rescheduled after its rate changed goes on
/// at the new rate, and the changes agreed for later periods still apply.
fn interest_going_on(schedule: &Schedule, first_due: NaiveDate) -> (Interest, Vec<RateChange>) {
    let derivation = schedule.derivation();
    let mut interest = derivation.interest();
    let mut later = Vec::new();
    for change in derivation.rate_changes() {
        if change.period_start() < first_due {
            interest = match interest {
                Interest::Annuity(_) => Interest::Annuity(change.rate()),
                Interest::EqualPrincipal(_) => Interest::EqualPrincipal(change.rate()),
                Interest::None => Interest::None,
            };
        } else {
            later.push(RateChange::new(change.period_start(), change.rate()));
        }
    }
    (interest, later)
}

impl PlanHistory {
    /// The history of a plan signed (or in force) from `signed_on`.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let history = PlanHistory::new(plan, d(1, 5));
    /// assert_eq!(history.current().number(), 1);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(schedule: Schedule, signed_on: NaiveDate) -> PlanHistory {
        PlanHistory {
            currency: schedule.currency(),
            earlier: Vec::new(),
            current: PlanVersion {
                number: 1,
                effective: signed_on,
                status: PlanStatus::Active,
                schedule: Some(schedule),
                kept: Vec::new(),
                record: None,
            },
        }
    }

    /// The version in force.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// assert_eq!(PlanHistory::new(plan, d(1, 5)).current().status(), PlanStatus::Active);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn current(&self) -> &PlanVersion {
        &self.current
    }

    /// Every version, oldest first.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
    /// let history = account.history();
    /// let numbers: Vec<u32> = history.versions().map(PlanVersion::number).collect();
    /// assert_eq!(numbers, [1, 2]);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn versions(&self) -> impl Iterator<Item = &PlanVersion> {
        self.earlier.iter().chain(core::iter::once(&self.current))
    }

    /// The version numbered `number`, if any.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
    /// let history = account.history();
    /// assert_eq!(history.version(1).map(|v| v.effective()), Some(d(1, 5)));
    /// assert!(history.version(3).is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn version(&self, number: u32) -> Option<&PlanVersion> {
        self.versions().find(|v| v.number == number)
    }

    /// Where the plan stands on the statement's date: closed by an adjustment, completed once
    /// nothing is outstanding, else active.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidAdjustment`] for a statement of another schedule than the one in force;
    /// [`Error::Overflow`].
    ///
    /// See [`Account::status`](crate::Account::status) for an example.
    pub fn status_on(&self, at: &Statement) -> Result<PlanStatus> {
        if self.current.status != PlanStatus::Active {
            return Ok(self.current.status);
        }
        if self.outstanding(at)?.total()?.is_zero() {
            return Ok(PlanStatus::Completed);
        }
        Ok(PlanStatus::Active)
    }

    /// What remains owed on the plan in force as of the statement's date, read from the
    /// statement's allocation of the payments.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidAdjustment`] for a statement of another schedule than the one in force;
    /// [`Error::Overflow`].
    ///
    /// See [`Outstanding`] for an example.
    pub fn outstanding(&self, at: &Statement) -> Result<Outstanding> {
        match &self.current.schedule {
            Some(_) => {
                self.check_statement(at)?;
                Outstanding::of(at).map(|(o, _)| o)
            }
            None => Ok(Outstanding::zero(self.currency, at.as_of())),
        }
    }

    /// The history as it stood once version `number` took effect.
    pub(crate) fn truncated(&self, number: u32) -> PlanHistory {
        let mut versions: Vec<PlanVersion> = self
            .versions()
            .filter(|v| v.number <= number)
            .cloned()
            .collect();
        match versions.pop() {
            Some(current) => PlanHistory {
                currency: self.currency,
                earlier: versions,
                current,
            },
            None => self.clone(),
        }
    }

    /// The statement of the version in force as of `as_of`, after `payments` (made while it was
    /// in force), under `options` (its agreement date set to the day the version took effect): what
    /// every adjustment of this history reads. An [`Account`](crate::Account) makes it for you.
    ///
    /// # Errors
    ///
    /// [`Error::PlanClosed`] for a version without a schedule; the errors of [`Statement::new`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let options = StatementOptions::default();
    /// let history = PlanHistory::new(plan, d(1, 5));
    /// let history = history.reschedule(&history.statement(&[], &options, d(2, 10))?, Reschedule::new(Sizing::Count(6)))?;
    /// let paid = [Payment::new("VIR-1", d(2, 28), "200.00 EUR".parse()?)?];
    /// let at = history.statement(&paid, &options, d(3, 1))?;
    /// assert_eq!(at.version(), 2);
    /// let history = history.postpone(&at, Postponement::new(2, 2, PostponeMode::ExtendTerm)?)?;
    /// assert_eq!(history.current().number(), 3);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn statement(
        &self,
        payments: &[Payment],
        options: &StatementOptions,
        as_of: NaiveDate,
    ) -> Result<Statement> {
        let current = &self.current;
        let schedule = current.schedule.as_ref().ok_or(Error::PlanClosed {
            status: current.status.name(),
        })?;
        let mut payments = payments.to_vec();
        // Stable: payments of one day keep the order they were given in.
        payments.sort_by_key(Payment::date);
        let segment = Segment {
            version: current.number,
            opening_credit: Money::zero(self.currency),
            payments,
            credit_moves: Vec::new(),
            charges: Vec::new(),
        };
        let options = options.clone().agreed_on(current.effective);
        Statement::of_version(schedule, segment, &options, as_of)
    }

    /// Refuses a statement that is not about the version in force.
    fn check_statement(&self, at: &Statement) -> Result<()> {
        let current = &self.current;
        if current.schedule.as_ref() != Some(at.schedule()) || at.version() != current.number {
            return Err(Error::InvalidAdjustment {
                reason: format!(
                    "the statement is about version {} of the plan, not the version {} in force",
                    at.version(),
                    current.number
                ),
            });
        }
        if current.number > 1 {
            if let Some(early) = at.payments().iter().find(|p| p.date() < current.effective) {
                return Err(Error::PaymentBeforePlan {
                    reference: early.reference().to_owned(),
                    date: early.date(),
                    agreed_on: current.effective,
                });
            }
        }
        Ok(())
    }

    /// Reschedules the outstanding amount from `on` on new terms (*rééchelonnement*).
    ///
    /// Arrears are capitalised (spread over the new instalments), waived, or left due at once (an
    /// instalment numbered 0 on `on`), as the terms say; so are late-payment penalties, computed
    /// by a policy as of `on` or given. The new schedule starts on the terms' first due date, or
    /// the plan's next due date after `on`, or one period after `on`. The terms replace the
    /// plan's: a balloon still to come is rescheduled with the rest.
    ///
    /// # Errors
    ///
    /// [`Error::PlanClosed`] on a plan no longer active (or with nothing left outstanding);
    /// [`Error::DateOrder`] if `on` is before the version in force took effect, or the first due
    /// date before `on`; the errors of [`PlanHistory::outstanding`], of
    /// [`PenaltyPolicy::compute`](crate::PenaltyPolicy::compute) and of
    /// [`PlanRequest::generate`] for the new terms.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// // Nothing paid by 10 March: 200.00 of arrears left due at once, 1000.00 over 5 months.
    /// let terms = Reschedule::new(Sizing::Count(5)).arrears(Treatment::DueNow);
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(3, 10), terms)?;
    /// let history = account.history();
    /// let amounts: Vec<String> = history.current().schedule().ok_or(Error::EmptyDebt)?
    ///     .instalments().iter().map(|i| i.amount().to_string()).collect();
    /// assert_eq!(amounts, ["200.00 EUR", "200.00 EUR", "200.00 EUR", "200.00 EUR", "200.00 EUR", "200.00 EUR"]);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn reschedule(&self, at: &Statement, terms: Reschedule) -> Result<PlanHistory> {
        let on = at.as_of();
        let (schedule, mut o, lines) = self.begin(at)?;
        let breakdown = o;
        let zero = Money::zero(self.currency);
        let penalties = match terms.penalty_charge() {
            // Not charged: the penalties outstanding that day are waived, and the record says so.
            None => o.penalties(),
            Some(PenaltyCharge::Amount(amount)) => {
                zero.same_currency(*amount)?;
                if amount.is_negative() {
                    return Err(Error::Negative {
                        what: "penalties",
                        amount: *amount,
                    });
                }
                *amount
            }
            // What the statement shows outstanding that day: accrued (under the charge's policy)
            // less what the payments already paid of them, never counted twice.
            Some(PenaltyCharge::Policy(policy)) if at.options().penalties() == Some(policy) => at
                .penalties_outstanding()
                .checked_add(at.charges_outstanding_of(ChargeKind::Penalty)?)?,
            Some(PenaltyCharge::Policy(policy)) => {
                let due = at
                    .penalty_items()
                    .iter()
                    .take_while(|i| i.due_date() < on)
                    .cloned()
                    .collect::<Vec<_>>();
                let accrued = policy.compute(self.currency, &due, on)?.total();
                let paid = at.penalties_paid();
                let charged = at.charges_outstanding_of(ChargeKind::Penalty)?;
                if accrued > paid {
                    accrued.checked_sub(paid)?.checked_add(charged)?
                } else {
                    charged
                }
            }
        };
        let mut waived = zero;
        let mut due_now = zero;
        match terms.arrears_treatment() {
            Treatment::Capitalise => {}
            Treatment::Waive => waived = o.waive_arrears()?,
            Treatment::DueNow => due_now = o.arrears()?,
        }
        let (mut capitalised, mut penalties_waived) = (zero, zero);
        let treatment = match terms.penalty_charge() {
            None => Treatment::Waive,
            Some(_) => terms.penalty_treatment(),
        };
        match treatment {
            Treatment::Capitalise => capitalised = penalties,
            Treatment::Waive => penalties_waived = penalties,
            Treatment::DueNow => {
                capitalised = penalties;
                due_now = due_now.checked_add(penalties)?;
            }
        }
        let derivation = schedule.derivation();
        let frequency = terms.new_frequency().unwrap_or(derivation.frequency());
        // The plan's day of the month goes on unless the terms give new dates.
        let day = match (terms.new_first_due(), terms.new_frequency()) {
            (None, None) => day_of_month(schedule),
            _ => None,
        };
        let first_due = match terms.new_first_due() {
            Some(date) => date,
            None => next_due(&lines, frequency, day, on)?,
        };
        // New interest replaces the plan's, its rate changes included.
        let (interest, rate_changes) = match terms.new_interest() {
            Some(interest) => (interest, Vec::new()),
            None => interest_going_on(schedule, first_due),
        };
        let new_terms = Terms {
            first_due,
            frequency,
            sizing: terms.sizing(),
            interest,
            rate_changes,
            interest_basis: derivation.interest_basis(),
            rounding: derivation.regular_rounding(),
            day_of_month: day,
            balloon: None,
        };
        let extra = [("late-payment penalties", capitalised)];
        let new = generate(&o, &extra, due_now, on, &new_terms)?;
        self.push(
            breakdown,
            o,
            &lines,
            on,
            Outcome {
                capitalised,
                waived,
                penalties_waived,
                ..Outcome::new(
                    PlanStatus::Active,
                    new,
                    AdjustmentDetails::Reschedule(terms),
                    zero,
                )
            },
        )
    }

    /// Postpones the next instalments (a payment holiday, *report d'échéance*): the first one
    /// postponed must be the next one due after `on`, and none of them may have been paid on.
    ///
    /// With [`PostponeMode::ExtendTerm`] every remaining instalment moves later by the number
    /// postponed; with [`PostponeMode::SpreadOverRemaining`] the last due date stays and the
    /// amounts are spread over the instalments after the holiday. Arrears stay due at once (an
    /// instalment numbered 0 on `on`). No interest is charged for the holiday itself: interest
    /// runs again from one period before the first instalment after it. The new due dates keep the
    /// day of month of the first one after the holiday (a plan due on the 31st that resumes in
    /// February is due on the 28th from then on). A plan's balloon still to come stays on its
    /// last instalment, as after a prepayment.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidAdjustment`] for instalments that are not the next ones, are already paid
    /// on, do not exist, or leave nothing to spread over; otherwise as [`PlanHistory::reschedule`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 15), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let history = PlanHistory::new(plan.clone(), d(1, 5));
    /// let at = Statement::new(&plan, &[], &StatementOptions::default(), d(1, 10))?;
    /// let holiday = Postponement::new(1, 1, PostponeMode::ExtendTerm)?;
    /// let history = history.postpone(&at, holiday)?;
    /// let schedule = history.current().schedule().ok_or(Error::EmptyDebt)?;
    /// assert_eq!(schedule.instalments()[0].due_date(), d(2, 15));
    /// assert_eq!(schedule.last_due_date(), NaiveDate::from_ymd_opt(2028, 1, 15));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn postpone(&self, at: &Statement, postponement: Postponement) -> Result<PlanHistory> {
        let on = at.as_of();
        let (schedule, o, lines) = self.begin(at)?;
        let breakdown = o;
        let zero = Money::zero(self.currency);
        let remaining: Vec<&Line> = lines.iter().filter(|l| !l.is_due).collect();
        let invalid = |reason: String| Err(Error::InvalidAdjustment { reason });
        let Some(next) = remaining.first() else {
            return invalid(format!("no instalment falls due after {on}"));
        };
        if postponement.first() != next.instalment.number() {
            return invalid(format!(
                "instalment {} is not the next one due after {on}: instalment {} is",
                postponement.first(),
                next.instalment.number()
            ));
        }
        let k = postponement.count();
        let postponed: Vec<&&Line> = remaining
            .iter()
            .filter(|l| {
                let n = l.instalment.number();
                postponement.first() <= n && n <= postponement.last()
            })
            .collect();
        if u32::try_from(postponed.len()).ok() != Some(k) {
            return invalid(format!(
                "the plan has no instalment {} after {on}",
                postponement.last()
            ));
        }
        if let Some(l) = postponed.iter().find(|l| l.paid.is_positive()) {
            return invalid(format!(
                "instalment {} has already been paid on ({})",
                l.instalment.number(),
                l.paid
            ));
        }
        let left = u32::try_from(remaining.len()).unwrap_or(u32::MAX);
        let count = match postponement.mode() {
            PostponeMode::ExtendTerm => left,
            PostponeMode::SpreadOverRemaining => left.saturating_sub(k),
        };
        if count == 0 {
            return invalid(format!(
                "no instalment is left after instalment {} to spread the postponed ones over",
                postponement.last()
            ));
        }
        let derivation = schedule.derivation();
        let frequency = derivation.frequency();
        let day = day_of_month(schedule);
        let first_due = periods_after(frequency, day, next.instalment.due_date(), k)?;
        let (interest, rate_changes) = interest_going_on(schedule, first_due);
        let terms = Terms {
            first_due,
            frequency,
            sizing: Sizing::Count(count),
            interest,
            rate_changes,
            interest_basis: derivation.interest_basis(),
            rounding: derivation.regular_rounding(),
            day_of_month: day,
            balloon: balloon_left(schedule, &lines)?,
        };
        // The penalties outstanding that day go on into the new version.
        let penalties = o.penalties();
        let extra = [("late-payment penalties", penalties)];
        let new = generate(&o, &extra, o.arrears()?, on, &terms)?;
        self.push(
            breakdown,
            o,
            &lines,
            on,
            Outcome {
                capitalised: penalties,
                ..Outcome::new(
                    PlanStatus::Active,
                    new,
                    AdjustmentDetails::Postpone(postponement),
                    zero,
                )
            },
        )
    }

    /// Records an extra payment on `on` (*remboursement anticipé*): it settles arrears first, then
    /// fees and principal. With [`PrepaymentMode::ShortenTerm`] the instalments keep the amount
    /// of the largest remaining one and fewer are needed; with
    /// [`PrepaymentMode::LowerInstalments`] their number stays and each is lower. Arrears left
    /// stay due at once (an instalment numbered 0 on `on`). A prepayment of everything
    /// outstanding completes the plan.
    ///
    /// A plan's balloon still to come stays on its last instalment while it is less than what
    /// the new version finances (then what is left is repaid in level instalments). To shorten
    /// the term of such a plan, the new version has the fewest instalments that are each at most
    /// the largest remaining one, the last one without its balloon (as many as were left when
    /// the prepayment is too small to make up a cent of rounding).
    ///
    /// # Errors
    ///
    /// [`Error::Overpaid`] for more than the outstanding amount; [`Error::CurrencyMismatch`];
    /// otherwise as [`PlanHistory::reschedule`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let history = PlanHistory::new(plan.clone(), d(1, 5));
    /// let at = Statement::new(&plan, &[], &StatementOptions::default(), d(1, 10))?;
    /// let everything = Prepayment::new("1200.00 EUR".parse()?, PrepaymentMode::ShortenTerm)?;
    /// let done = history.prepay(&at, everything)?;
    /// assert_eq!(done.current().status(), PlanStatus::Completed);
    /// assert!(done.current().schedule().is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn prepay(&self, at: &Statement, prepayment: Prepayment) -> Result<PlanHistory> {
        let on = at.as_of();
        let (schedule, mut o, lines) = self.begin(at)?;
        let breakdown = o;
        let zero = Money::zero(self.currency);
        zero.same_currency(prepayment.amount())?;
        o.pay(prepayment.amount())?;
        let derivation = schedule.derivation();
        let frequency = derivation.frequency();
        let remaining: Vec<&Instalment> = lines
            .iter()
            .filter(|l| !l.is_due)
            .map(|l| &l.instalment)
            .collect();
        let balloon = balloon_left(schedule, &lines)?;
        let left = u32::try_from(remaining.len()).unwrap_or(u32::MAX).max(1);
        let day = day_of_month(schedule);
        let first_due = next_due(&lines, frequency, day, on)?;
        let (interest, rate_changes) = interest_going_on(schedule, first_due);
        let terms = |sizing| Terms {
            first_due,
            frequency,
            sizing,
            interest,
            rate_changes: rate_changes.clone(),
            interest_basis: derivation.interest_basis(),
            rounding: derivation.regular_rounding(),
            day_of_month: day,
            balloon,
        };
        // The penalties outstanding that day go on into the new version.
        let penalties = o.penalties();
        let extra = [("late-payment penalties", penalties)];
        let new_plan = |sizing| generate(&o, &extra, o.arrears()?, on, &terms(sizing));
        let new = match prepayment.mode() {
            PrepaymentMode::ShortenTerm => {
                // The instalments keep their amount at most, the last one without its balloon.
                let mut amounts: Vec<Money> = remaining.iter().map(|i| i.amount()).collect();
                if let (Some(last), Some(balloon)) = (amounts.last_mut(), balloon) {
                    *last = last.checked_sub(balloon)?;
                }
                let largest = amounts
                    .into_iter()
                    .fold(
                        derivation.regular_amount(),
                        |a, b| if b > a { b } else { a },
                    );
                match balloon {
                    None => new_plan(Sizing::Capacity {
                        capacity: largest,
                        shape: CapacityShape::FullCapacity,
                    })?,
                    // A plan with a balloon is sized by count: the fewest instalments whose
                    // regular amount is at most that.
                    Some(_) => fewest_within(left, largest, |n| new_plan(Sizing::Count(n)))?,
                }
            }
            PrepaymentMode::LowerInstalments => new_plan(Sizing::Count(left))?,
        };
        self.push(
            breakdown,
            o,
            &lines,
            on,
            Outcome {
                capitalised: penalties,
                paid: prepayment.amount(),
                ..Outcome::new(
                    PlanStatus::Active,
                    new,
                    AdjustmentDetails::Prepay(prepayment.clone()),
                    zero,
                )
            },
        )
    }

    /// Closes the plan by a settlement paid on `on`, under an offer still open then: the offer's
    /// quote is taken as of `on` ([`SettlementOffer::quote`]). Its accrued interest and penalties
    /// are recorded as capitalised, its discount as waived, its payoff and the credit it uses as
    /// paid; what the quote refunds ([`SettlementQuote::refund`](crate::SettlementQuote::refund))
    /// is not paid. A plan with nothing left to pay can be settled when interest was paid ahead
    /// on instalments not yet due: the settlement gives it back.
    ///
    /// # Errors
    ///
    /// [`Error::DateOrder`] if `on` is after the offer's last day; the errors of
    /// [`SettlementOffer::quote`]; otherwise as [`PlanHistory::reschedule`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let offer = SettlementOffer::new(d(6, 30), Reduction::Percent("10%".parse()?))?;
    /// let at = Statement::new(&plan, &[], &StatementOptions::default(), d(1, 10))?;
    /// let settled = PlanHistory::new(plan.clone(), d(1, 5)).settle(&at, Settlement::new(offer))?;
    /// let record = settled.current().record().ok_or(Error::EmptyDebt)?;
    /// assert_eq!(record.paid().to_string(), "1080.00 EUR"); // 1200.00 − 10 %
    /// assert_eq!(settled.current().status(), PlanStatus::Settled);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn settle(&self, at: &Statement, settlement: Settlement) -> Result<PlanHistory> {
        let on = at.as_of();
        let (_, mut o, mut lines) = self.begin_closing(at)?;
        // The statement's penalty policy governs; the settlement's own applies to a statement
        // made without one, over the same payments. The record reads everything from that one
        // statement, what was outstanding before as well as the quote: a payment the settlement's
        // penalties take first is then not also counted against the principal.
        let restated;
        let at = match (at.options().penalties(), settlement.penalty_policy()) {
            (None, Some(policy)) => {
                restated = at.with_options(&at.options().clone().with_penalties(policy.clone()))?;
                (o, lines) = Outstanding::of(&restated)?;
                &restated
            }
            _ => at,
        };
        let breakdown = o;
        let offer = settlement.offer();
        if on > offer.pay_by() {
            return Err(Error::DateOrder {
                earlier: "the settlement date",
                earlier_date: on,
                later: "the offer's last day",
                later_date: offer.pay_by(),
            });
        }
        let today = SettlementOffer::new(on, offer.reduction())?
            .applies_to(offer.base())
            .with_rounding(offer.rounding());
        let quote = today.quote(at)?;
        let capitalised = quote.penalties().checked_add(quote.accrued_interest())?;
        let outcome = Outcome {
            status: PlanStatus::Settled,
            schedule: None,
            capitalised,
            waived: quote.discount(),
            // The payoff, and the credit the quote deducted: what is held for the debtor and the
            // interest paid ahead beyond all that is left (what the outstanding amount did not
            // already count as paid), less what is given back.
            paid: quote
                .payoff()
                .checked_add(o.credit())?
                .checked_sub(quote.refund())?,
            penalties_waived: Money::zero(self.currency),
            details: AdjustmentDetails::Settle {
                settlement: Box::new(settlement),
                quote: Box::new(quote),
            },
        };
        self.push(breakdown, o, &lines, on, outcome)
    }

    /// Pronounces the lapse of the plan (*déchéance du terme*) on `on`, when its rule is met: the
    /// whole remaining balance, with the conditional waivers it reinstates, falls due on `on` as
    /// one instalment without interest, and the plan is lapsed.
    ///
    /// # Errors
    ///
    /// [`Error::LapseNotTriggered`] if the rule is not met on `on`; [`Error::InvalidAdjustment`]
    /// for waivers without the principal and penalties they were computed on;
    /// [`Error::WaiverDecided`] for a waiver already granted; otherwise as
    /// [`PlanHistory::reschedule`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let history = PlanHistory::new(plan.clone(), d(1, 5));
    /// let at = |on| Statement::new(&plan, &[], &StatementOptions::default(), on);
    /// let lapse = Lapse::new(LapseRule::missed(2)?);
    /// assert!(matches!(history.lapse(&at(d(2, 28))?, lapse.clone()), Err(Error::LapseNotTriggered { .. })));
    /// let lapsed = history.lapse(&at(d(3, 1))?, lapse)?;
    /// let due = lapsed.current().schedule().ok_or(Error::EmptyDebt)?;
    /// assert_eq!(due.instalments().len(), 1);
    /// assert_eq!(due.instalments()[0].amount().to_string(), "1200.00 EUR");
    /// assert_eq!(lapsed.current().status(), PlanStatus::Lapsed);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn lapse(&self, at: &Statement, lapse: Lapse) -> Result<PlanHistory> {
        self.lapse_reinstating(at, lapse, &[])
    }

    /// [`PlanHistory::lapse`], reinstating besides the lapse's own waivers `more` (each with the
    /// principal and penalties it was computed on).
    pub(crate) fn lapse_reinstating(
        &self,
        at: &Statement,
        lapse: Lapse,
        more: &[(ConditionalWaiver, Money, Money)],
    ) -> Result<PlanHistory> {
        let on = at.as_of();
        let (schedule, o, lines) = self.begin(at)?;
        let breakdown = o;
        let Some(trigger) = lapse.rule().check(at)? else {
            return Err(Error::LapseNotTriggered {
                as_of: on,
                rule: lapse.rule().to_string(),
            });
        };
        let zero = Money::zero(self.currency);
        let rounding = schedule.derivation().regular_rounding();
        let mut reinstated = Vec::with_capacity(lapse.waivers().len());
        let mut capitalised = zero;
        if !lapse.waivers().is_empty() {
            let Some((principal, penalties)) = lapse.waiver_base() else {
                return Err(Error::InvalidAdjustment {
                    reason: "waivers to reinstate need the principal and penalties they were \
                             computed on"
                        .to_owned(),
                });
            };
            zero.same_currency(principal)?;
            for waiver in lapse.waivers() {
                let back = waiver.on_lapse(on)?;
                let amount = back.due_again(principal, penalties, rounding)?;
                zero.same_currency(amount)?;
                capitalised = capitalised.checked_add(amount)?;
                reinstated.push(back);
            }
        }
        for (waiver, principal, penalties) in more {
            let back = waiver.on_lapse(on)?;
            let amount = back.due_again(*principal, *penalties, rounding)?;
            zero.same_currency(amount)?;
            capitalised = capitalised.checked_add(amount)?;
            reinstated.push(back);
        }
        let terms = Terms {
            first_due: on,
            frequency: schedule.derivation().frequency(),
            sizing: Sizing::Count(1),
            interest: Interest::None,
            rate_changes: Vec::new(),
            interest_basis: InterestBasis::Periodic,
            rounding,
            day_of_month: None,
            balloon: None,
        };
        // What falls due: the outstanding amount, the penalties outstanding that day and the
        // waivers reinstated.
        let extra = [
            ("late-payment penalties", o.penalties()),
            ("reinstated waivers", capitalised),
        ];
        capitalised = capitalised.checked_add(o.penalties())?;
        let new = generate(&o, &extra, zero, on, &terms)?;
        self.push(
            breakdown,
            o,
            &lines,
            on,
            Outcome {
                capitalised,
                ..Outcome::new(
                    PlanStatus::Lapsed,
                    new,
                    AdjustmentDetails::Lapse {
                        lapse,
                        trigger,
                        reinstated,
                    },
                    zero,
                )
            },
        )
    }

    /// Checks that the plan can be adjusted on `on`, and computes what is outstanding: a plan with
    /// nothing outstanding is completed.
    fn begin(&self, at: &Statement) -> Result<(&Schedule, Outstanding, Vec<Line>)> {
        let (schedule, o, lines) = self.begin_closing(at)?;
        if o.total()?.is_zero() {
            return Err(Error::PlanClosed {
                status: PlanStatus::Completed.name(),
            });
        }
        Ok((schedule, o, lines))
    }

    /// [`PlanHistory::begin`] for a settlement, which closes a plan with nothing outstanding too
    /// when interest was paid ahead beyond all that is left: the settlement gives it back.
    fn begin_closing(&self, at: &Statement) -> Result<(&Schedule, Outstanding, Vec<Line>)> {
        let on = at.as_of();
        let current = &self.current;
        if current.status != PlanStatus::Active {
            return Err(Error::PlanClosed {
                status: current.status.name(),
            });
        }
        let Some(schedule) = &current.schedule else {
            return Err(Error::PlanClosed {
                status: PlanStatus::Completed.name(),
            });
        };
        if on < current.effective {
            return Err(Error::DateOrder {
                earlier: "the date the plan in force took effect",
                earlier_date: current.effective,
                later: "the adjustment's effective date",
                later_date: on,
            });
        }
        self.check_statement(at)?;
        let (o, lines) = Outstanding::of(at)?;
        if o.total()?.is_zero() && o.credit() <= at.credit() {
            return Err(Error::PlanClosed {
                status: PlanStatus::Completed.name(),
            });
        }
        Ok((schedule, o, lines))
    }

    /// The history with one more version made of `outcome`.
    fn push(
        &self,
        breakdown: Outstanding,
        before: Outstanding,
        lines: &[Line],
        on: NaiveDate,
        outcome: Outcome,
    ) -> Result<PlanHistory> {
        let zero = Money::zero(self.currency);
        let outstanding_before = before_total(&before, &outcome)?;
        let (outstanding_after, new_interest) = match &outcome.schedule {
            Some(s) if outcome.status != PlanStatus::Settled => (
                s.totals().principal().checked_add(s.totals().fees())?,
                s.totals().interest(),
            ),
            _ => (zero, zero),
        };
        let mut kept = self.current.kept.clone();
        kept.extend(
            lines
                .iter()
                .filter(|l| l.is_due || l.paid.is_positive())
                .map(|l| KeptInstalment {
                    version: self.current.number,
                    instalment: l.instalment,
                    paid: l.paid,
                    carried: l.unpaid,
                }),
        );
        let record = AdjustmentRecord {
            date: on,
            details: outcome.details,
            outstanding_before,
            outstanding_after,
            capitalised: outcome.capitalised,
            waived: outcome.waived,
            paid: outcome.paid,
            penalties_waived: outcome.penalties_waived,
            interest_replaced: before.future_interest(),
            new_interest,
            breakdown,
        };
        // Nothing left to repay (all of it waived or prepaid): the plan is complete.
        let status = match (&outcome.schedule, outcome.status) {
            (None, PlanStatus::Active) => PlanStatus::Completed,
            (_, status) => status,
        };
        let version = PlanVersion {
            number: self.current.number.saturating_add(1),
            effective: on,
            status,
            schedule: outcome.schedule,
            kept,
            record: Some(record),
        };
        let mut earlier = self.earlier.clone();
        earlier.push(self.current.clone());
        Ok(PlanHistory {
            currency: self.currency,
            earlier,
            current: version,
        })
    }
}

/// The outstanding amount before the adjustment: `before` was already changed by the waiver of
/// arrears or by the payment the outcome records, so they are added back.
fn before_total(before: &Outstanding, outcome: &Outcome) -> Result<Money> {
    match outcome.details {
        AdjustmentDetails::Reschedule(_) => before.total()?.checked_add(outcome.waived),
        AdjustmentDetails::Prepay(_) => before.total()?.checked_add(outcome.paid),
        _ => before.total(),
    }
}

/// The plan of the fewest instalments, from 1 to `most`, whose regular instalments are each at
/// most `cap`, the last one without its balloon (fewer instalments, larger ones), found by
/// halving; the plan of `most` when none is within.
fn fewest_within(
    most: u32,
    cap: Money,
    plan: impl Fn(u32) -> Result<Option<Schedule>>,
) -> Result<Option<Schedule>> {
    let fits = |s: &Schedule| -> Result<bool> {
        let regular: Vec<&Instalment> = s
            .instalments()
            .iter()
            .filter(|i| i.kind() == InstalmentKind::Regular)
            .collect();
        let Some((last, others)) = regular.split_last() else {
            return Ok(true);
        };
        let balloon = s
            .derivation()
            .balloon()
            .unwrap_or(Money::zero(s.currency()));
        Ok(last.amount().checked_sub(balloon)? <= cap && others.iter().all(|i| i.amount() <= cap))
    };
    let within = |n| match plan(n) {
        Ok(Some(s)) => match fits(&s) {
            Ok(true) => Some(Some(s)),
            _ => None,
        },
        Ok(None) => Some(None),
        Err(_) => None,
    };
    let (mut low, mut high) = (1_u32, most);
    let mut best = None;
    while low <= high {
        let middle = low.saturating_add(high.saturating_sub(low) / 2);
        match within(middle) {
            Some(found) => {
                best = Some(found);
                high = match middle.checked_sub(1) {
                    Some(h) => h,
                    None => break,
                };
            }
            None => low = middle.saturating_add(1),
        }
    }
    match best {
        Some(found) => Ok(found),
        None => plan(most),
    }
}

/// The plan's next due date after `on`, or one period after `on` once none is left.
fn next_due(
    lines: &[Line],
    frequency: Frequency,
    day: Option<u32>,
    on: NaiveDate,
) -> Result<NaiveDate> {
    match lines.iter().find(|l| !l.is_due) {
        Some(l) => Ok(l.instalment.due_date()),
        None => periods_after(frequency, day, on, 1),
    }
}

/// The date `k` periods after `date`, on the plan's day of the month `day` when it has one (and
/// `date` is that day in its month), so that a plan on the 31st stays on the 31st.
fn periods_after(
    frequency: Frequency,
    day: Option<u32>,
    date: NaiveDate,
    k: u32,
) -> Result<NaiveDate> {
    let dates = day
        .and_then(|day| frequency.dates_on_day(date, day))
        .unwrap_or_else(|| frequency.dates(date));
    dates.nth(k).ok_or_else(|| Error::DateOutOfRange {
        what: format!("{k} periods after {date}"),
    })
}

/// The day of the month a schedule's month-based due dates fall on: the one it was asked for,
/// else its first regular instalment's. `None` for day-based frequencies.
fn day_of_month(schedule: &Schedule) -> Option<u32> {
    let derivation = schedule.derivation();
    let first = schedule
        .instalments()
        .iter()
        .find(|i| i.kind() == InstalmentKind::Regular)?
        .due_date();
    let day = derivation.day_of_month().unwrap_or_else(|| first.day());
    derivation.frequency().dates_on_day(first, day).map(|_| day)
}

/// Generates the schedule repaying `o` (plus `extra` fees) on `terms`, with `due_now` of it due
/// on `on`; none when nothing is left.
fn generate(
    o: &Outstanding,
    extra: &[(&str, Money)],
    due_now: Money,
    on: NaiveDate,
    terms: &Terms,
) -> Result<Option<Schedule>> {
    let currency = due_now.currency();
    let principal = o.principal()?;
    let mut debt = Debt::new(currency);
    if principal.is_positive() {
        debt = debt.with_claim(Claim::new("outstanding principal", principal)?)?;
    }
    let fees = [
        ("unpaid fees", o.due_fees().checked_add(o.later_fees())?),
        ("unpaid interest", o.interest()),
    ];
    for (label, amount) in fees.iter().chain(extra) {
        if amount.is_positive() {
            debt = debt.with_fee(Fee::new(*label, *amount)?)?;
        }
    }
    let total = debt.total()?;
    if total.is_zero() {
        return Ok(None);
    }
    if terms.first_due < on {
        return Err(Error::DateOrder {
            earlier: "the adjustment's effective date",
            earlier_date: on,
            later: "the first due date",
            later_date: terms.first_due,
        });
    }
    // All of it due now is one instalment on the day; else the plan starts on the terms' date.
    let single = due_now >= total;
    let first_due = if single { on } else { terms.first_due };
    let request = |sizing: Sizing| {
        let request = if single {
            PlanRequest::new(debt.clone(), on, terms.frequency, Sizing::Count(1))
        } else {
            // The plan's day count goes on (a fixed year only for frequencies counted in days).
            let basis = match terms.interest_basis {
                InterestBasis::FixedYear(_) if terms.frequency.days_count().is_none() => {
                    InterestBasis::Periodic
                }
                basis => basis,
            };
            let request = PlanRequest::new(debt.clone(), terms.first_due, terms.frequency, sizing)
                .interest(terms.interest)
                .interest_basis(basis);
            // The balloon goes on while it is less than what the new version finances; once
            // there is no more than it left, what is left is repaid in level instalments.
            let financed = total.checked_sub(due_now).unwrap_or(total);
            let request = match terms.balloon {
                Some(balloon) if balloon < financed => request.balloon(Balloon::Amount(balloon)),
                _ => request,
            };
            if due_now.is_positive() {
                request.down_payment(DownPayment::amount(due_now, on))
            } else {
                request
            }
        };
        let request = request.rounding(terms.rounding);
        // The plan's day of the month, when the first due date is that day in its month (a
        // single instalment due on the day of the adjustment may fall on another day).
        match terms.day_of_month {
            Some(day) if terms.frequency.dates_on_day(first_due, day).is_some() => {
                request.day_of_month(day)
            }
            _ => request,
        }
    };
    let plan = request(terms.sizing).generate()?;
    if single || terms.rate_changes.is_empty() {
        return Ok(Some(plan));
    }
    // The rate changes still to come re-amortise what is left over the instalments left, as they
    // do in a plan sized by count: the new version has the instalments it has at today's rate, and
    // the changes that fall within it (up to the start of its last period).
    let regular: Vec<&Instalment> = plan
        .instalments()
        .iter()
        .filter(|i| i.kind() == InstalmentKind::Regular)
        .collect();
    let Some(last_start) = regular
        .len()
        .checked_sub(2)
        .and_then(|k| regular.get(k))
        .map(|i| i.due_date())
    else {
        return Ok(Some(plan));
    };
    let within: Vec<RateChange> = terms
        .rate_changes
        .iter()
        .filter(|c| c.date() <= last_start)
        .copied()
        .collect();
    if within.is_empty() {
        return Ok(Some(plan));
    }
    // A plan has at most `MAX_INSTALMENTS` instalments.
    let count = u32::try_from(regular.len()).unwrap_or(u32::MAX);
    within
        .into_iter()
        .fold(request(Sizing::Count(count)), PlanRequest::rate_change)
        .generate()
        .map(Some)
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(KeptInstalment as KeptInstalmentRepr {
    version: u32,
    instalment: Instalment,
    paid: Money,
    carried: Money,
});

#[cfg(feature = "serde")]
impl KeptInstalment {
    /// A version from 1, and what was paid and carried not negative, in the instalment's currency
    /// and together not more than the instalment.
    fn check(&self) -> Result<()> {
        let amount = self.instalment.amount();
        let check = crate::contract::Check::new("kept instalment", amount.currency());
        check.that(self.version > 0, || {
            "versions are numbered from 1, not 0".to_owned()
        })?;
        check.non_negative("paid", self.paid)?;
        check.non_negative("carried", self.carried)?;
        let both = self.paid.checked_add(self.carried)?;
        check.that(both <= amount, || {
            format!(
                "paid {} and carried {} exceed the instalment's {amount}",
                self.paid, self.carried
            )
        })
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(PlanVersion as PlanVersionRepr {
    number: u32,
    effective: NaiveDate,
    status: PlanStatus,
    schedule: Option<Schedule>,
    kept: Vec<KeptInstalment>,
    record: Option<AdjustmentRecord>,
});

#[cfg(feature = "serde")]
impl PlanVersion {
    /// What a version always is: the plan as signed (number 1) has no record and keeps nothing;
    /// a later one has the record of the adjustment that made it, on its effective date, and
    /// keeps instalments of earlier versions; an active version has a schedule; the record's
    /// outstanding amount after and new interest are the schedule's.
    fn check(&self) -> Result<()> {
        let fail = |reason: String| crate::contract::fail("plan version", reason);
        if self.number == 0 {
            return Err(fail("versions are numbered from 1, not 0".to_owned()));
        }
        if (self.number == 1) != self.record.is_none() {
            return Err(fail(format!(
                "version {} {} an adjustment record",
                self.number,
                if self.record.is_some() {
                    "has"
                } else {
                    "lacks"
                }
            )));
        }
        if self.number == 1 && !self.kept.is_empty() {
            return Err(fail(
                "the plan as signed keeps no earlier instalments".to_owned(),
            ));
        }
        if let Some(k) = self.kept.iter().find(|k| k.version >= self.number) {
            return Err(fail(format!(
                "version {} keeps an instalment of version {}",
                self.number, k.version
            )));
        }
        if self.status == PlanStatus::Active && self.schedule.is_none() {
            return Err(fail("an active version has a schedule".to_owned()));
        }
        if let Some(record) = &self.record {
            if record.date != self.effective {
                return Err(fail(format!(
                    "the record is dated {}, the version takes effect on {}",
                    record.date, self.effective
                )));
            }
            let zero = Money::zero(record.outstanding_after.currency());
            let (after, interest) = match &self.schedule {
                Some(s) if self.status != PlanStatus::Settled => (
                    s.totals().principal().checked_add(s.totals().fees())?,
                    s.totals().interest(),
                ),
                _ => (zero, zero),
            };
            let check = crate::contract::Check::new("plan version", zero.currency());
            check.equal(
                "the record's outstanding_after",
                record.outstanding_after,
                after,
            )?;
            check.equal("the record's new_interest", record.new_interest, interest)?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(PlanHistory as PlanHistoryRepr {
    currency: Currency,
    earlier: Vec<PlanVersion>,
    current: PlanVersion,
});

#[cfg(feature = "serde")]
impl PlanHistory {
    /// Versions numbered 1, 2, 3, … in order of their effective dates, every earlier one active
    /// when it was replaced, everything in the history's currency, and each version keeping what
    /// the one before kept.
    fn check(&self) -> Result<()> {
        let check = crate::contract::Check::new("plan history", self.currency);
        let mut previous: Option<&PlanVersion> = None;
        for (index, version) in self.earlier.iter().chain([&self.current]).enumerate() {
            let number = u32::try_from(index).ok().and_then(|i| i.checked_add(1));
            check.that(number == Some(version.number), || {
                format!(
                    "version {} is not numbered {}",
                    version.number,
                    index.saturating_add(1)
                )
            })?;
            if let Some(schedule) = &version.schedule {
                check.that(schedule.currency() == self.currency, || {
                    format!(
                        "version {} has a schedule in {}",
                        version.number,
                        schedule.currency()
                    )
                })?;
            }
            for kept in &version.kept {
                check.currency("a kept instalment", kept.paid)?;
            }
            if let Some(record) = &version.record {
                check.currency("an adjustment record", record.outstanding_before)?;
            }
            if let Some(before) = previous {
                check.that(before.status == PlanStatus::Active, || {
                    format!(
                        "version {} was adjusted while {}",
                        before.number, before.status
                    )
                })?;
                check.that(before.effective <= version.effective, || {
                    format!(
                        "version {} takes effect on {}, before version {} ({})",
                        version.number, version.effective, before.number, before.effective
                    )
                })?;
                check.that(version.kept.starts_with(&before.kept), || {
                    format!(
                        "version {} does not keep the instalments version {} kept",
                        version.number, before.number
                    )
                })?;
            }
            previous = Some(version);
        }
        Ok(())
    }
}
