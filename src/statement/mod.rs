//! Statements: where a plan stands on a date, once the debtor's payments are allocated.
//!
//! [`Statement::new`] takes a [`Schedule`], the [`Payment`]s made, [`StatementOptions`] (the
//! [`AllocationPolicy`], an optional [`PenaltyPolicy`] and [`RegularityBonus`], the
//! [`ReminderRules`], the day the plan was agreed) and an as-of date. It allocates the payments in
//! date order and returns, for each instalment, an [`InstalmentStatement`] (its
//! [`InstalmentStatus`], what was paid of it, from which payments, its penalties), the totals (paid,
//! arrears, penalties accrued and paid, discounts earned, credit, remaining balance), the
//! [`NextDue`] instalment and the [`Reminder`]s to write from the as-of date on.
//!
//! A statement is a function of the whole list of payments: adding them one at a time with
//! [`Statement::apply`] gives the same statement as giving them all at once. Every payment is
//! allocated to the last minor unit: the shares of the instalments plus the credit equal what was
//! paid.
//!
//! Penalties accrue on what is really outstanding: each payment lowers, from the day after it, the
//! base of the late-payment interest of the instalments it paid; the penalties accrued up to a
//! payment's date are what that payment can pay as [`Component::Penalties`] and
//! [`Component::Compensation`](crate::Component::Compensation). The statement's own penalties are
//! those of [`PenaltyPolicy::compute`] on each instalment, with what the payments paid of its own
//! parts, as of the as-of date.

mod display;
mod reminders;

use std::sync::Arc;

use chrono::NaiveDate;

use crate::discount::{RegularityBonus, RegularityOutcome};
use crate::error::{Error, Result};
use crate::money::{Currency, Money, SharedSlice};
use crate::payment::allocate::{allocate, entries, Allocated, Ledger, Owed};
use crate::payment::{Allocation, AllocationPolicy, Charge, Component, CreditMove, Payment};
use crate::penalty::{OverdueItem, PenaltyPolicy, PenaltyStatement};
use crate::schedule::Schedule;

pub use reminders::{Reminder, ReminderKind, ReminderRules};

/// The references of the payments (and uses of the credit) seen so far: a small open-addressing
/// table, hashed with FNV-1a, far cheaper than a general set on a few dozen short references.
struct References<'a> {
    slots: Vec<Option<&'a str>>,
}

impl<'a> References<'a> {
    /// Room for `count` references.
    fn with_capacity(count: usize) -> References<'a> {
        let size = count
            .saturating_mul(2)
            .checked_next_power_of_two()
            .unwrap_or(usize::MAX)
            .max(8);
        References {
            slots: vec![None; size],
        }
    }

    /// Adds `reference`; false if it was there already.
    fn insert(&mut self, reference: &'a str) -> bool {
        let mask = self.slots.len().saturating_sub(1);
        let mut hash = 0xcbf2_9ce4_8422_2325_u64;
        for byte in reference.bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        let low = hash & u64::try_from(mask).unwrap_or(u64::MAX);
        let mut at = usize::try_from(low).unwrap_or(0);
        loop {
            match self.slots.get_mut(at) {
                Some(slot @ None) => {
                    *slot = Some(reference);
                    return true;
                }
                Some(Some(seen)) if *seen == reference => return false,
                Some(Some(_)) => at = at.wrapping_add(1) & mask,
                // The table is at least twice as large as the references: never full.
                None => return true,
            }
        }
    }
}

/// What a statement needs besides the schedule and the payments.
///
/// ```
/// use echeancier::*;
/// use chrono::NaiveDate;
///
/// let options = StatementOptions::new(AllocationPolicy::germany_bgb_497_consumer())
///     .with_penalties(PenaltyPolicy::new(PenaltyRate::fixed("5%".parse()?)))
///     .with_regularity_bonus(RegularityBonus::new(RegularityReward::WaivePenalties)?)
///     .with_reminders(ReminderRules::new().with_days_before(5).with_dunning_after(10))
///     .agreed_on(NaiveDate::from_ymd_opt(2027, 1, 2).unwrap());
/// assert_eq!(options.allocation(), &AllocationPolicy::germany_bgb_497_consumer());
/// assert!(options.penalties().is_some());
/// assert!(options.regularity_bonus().is_some());
/// assert_eq!(options.reminders().days_before(), [5]);
/// assert_eq!(options.agreement_date(), NaiveDate::from_ymd_opt(2027, 1, 2));
/// assert_eq!(StatementOptions::default().allocation(), &AllocationPolicy::france_1343_1());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct StatementOptions {
    #[cfg_attr(feature = "serde", serde(default))]
    allocation: AllocationPolicy,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    penalties: Option<PenaltyPolicy>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    regularity_bonus: Option<RegularityBonus>,
    #[cfg_attr(feature = "serde", serde(default))]
    reminders: ReminderRules,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    agreed_on: Option<NaiveDate>,
}

impl StatementOptions {
    /// Payments allocated by `allocation`; no penalties, no bonus, no reminders, no agreement date.
    ///
    /// See [`StatementOptions`] for an example.
    pub fn new(allocation: AllocationPolicy) -> StatementOptions {
        StatementOptions {
            allocation,
            ..StatementOptions::default()
        }
    }

    /// Late-payment penalties accrue on overdue instalments under `policy`, and payments pay them
    /// as the allocation policy says.
    ///
    /// See [`StatementOptions`] for an example.
    pub fn with_penalties(mut self, policy: PenaltyPolicy) -> StatementOptions {
        self.penalties = Some(policy);
        self
    }

    /// The plan carries a regularity bonus; the statement says whether it is earned.
    ///
    /// See [`StatementOptions`] for an example.
    pub fn with_regularity_bonus(mut self, bonus: RegularityBonus) -> StatementOptions {
        self.regularity_bonus = Some(bonus);
        self
    }

    /// When to write to the debtor.
    ///
    /// See [`StatementOptions`] for an example.
    pub fn with_reminders(mut self, rules: ReminderRules) -> StatementOptions {
        self.reminders = rules;
        self
    }

    /// The day the plan was agreed: a payment dated before it is refused.
    ///
    /// See [`StatementOptions`] for an example.
    pub fn agreed_on(mut self, date: NaiveDate) -> StatementOptions {
        self.agreed_on = Some(date);
        self
    }

    /// The allocation policy.
    ///
    /// See [`StatementOptions`] for an example.
    pub fn allocation(&self) -> &AllocationPolicy {
        &self.allocation
    }

    /// The penalty policy, if penalties accrue.
    ///
    /// See [`StatementOptions`] for an example.
    pub fn penalties(&self) -> Option<&PenaltyPolicy> {
        self.penalties.as_ref()
    }

    /// The regularity bonus, if the plan has one.
    ///
    /// See [`StatementOptions`] for an example.
    pub fn regularity_bonus(&self) -> Option<&RegularityBonus> {
        self.regularity_bonus.as_ref()
    }

    /// The reminder rules.
    ///
    /// See [`StatementOptions`] for an example.
    pub fn reminders(&self) -> &ReminderRules {
        &self.reminders
    }

    /// The day the plan was agreed, if given.
    ///
    /// See [`StatementOptions`] for an example.
    pub fn agreement_date(&self) -> Option<NaiveDate> {
        self.agreed_on
    }
}

/// What one version of a plan received while it was in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segment {
    pub(crate) version: u32,
    /// Credit held for the debtor when the version took effect.
    pub(crate) opening_credit: Money,
    /// In date order.
    pub(crate) payments: Vec<Payment>,
    /// In date order.
    pub(crate) credit_moves: Vec<CreditMove>,
    /// The charges added while the version was in force, in the order they were added.
    pub(crate) charges: Vec<Charge>,
}

/// Where an instalment stands on the statement's date.
///
/// Precedence: an instalment paid in full is [`Paid`](InstalmentStatus::Paid) or
/// [`PaidLate`](InstalmentStatus::PaidLate) (by the day its own parts were paid in full; penalties
/// still owed on it do not change that); otherwise, past its due date it is
/// [`Overdue`](InstalmentStatus::Overdue) even if partly paid, on its due date
/// [`DueToday`](InstalmentStatus::DueToday), and before it
/// [`PartiallyPaid`](InstalmentStatus::PartiallyPaid) if something was paid in advance, else
/// [`Upcoming`](InstalmentStatus::Upcoming). What was paid of it is always in
/// [`InstalmentStatement::paid`].
///
/// ```
/// use echeancier::InstalmentStatus;
///
/// assert_eq!(InstalmentStatus::PaidLate { days_late: 3 }.to_string(), "paid 3 days late");
/// assert_eq!(InstalmentStatus::Overdue { days_overdue: 1 }.to_string(), "overdue by 1 day");
/// assert!(InstalmentStatus::Paid.is_settled());
/// assert!(InstalmentStatus::Overdue { days_overdue: 1 }.is_in_arrears());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum InstalmentStatus {
    /// Paid in full on or before its due date.
    Paid,
    /// Paid in full after its due date.
    PaidLate {
        /// Days from the due date to the day it was paid in full.
        days_late: u32,
    },
    /// Not yet due, and partly paid in advance.
    PartiallyPaid,
    /// Past its due date and not paid in full.
    Overdue {
        /// Days from the due date to the statement's date.
        days_overdue: u32,
    },
    /// Due on the statement's date and not paid in full.
    DueToday,
    /// Not yet due, nothing paid.
    Upcoming,
}

impl InstalmentStatus {
    /// Paid in full, on time or late.
    ///
    /// See [`InstalmentStatus`] for an example.
    pub fn is_settled(&self) -> bool {
        matches!(
            self,
            InstalmentStatus::Paid | InstalmentStatus::PaidLate { .. }
        )
    }

    /// Past due and not paid in full.
    ///
    /// See [`InstalmentStatus`] for an example.
    pub fn is_in_arrears(&self) -> bool {
        matches!(self, InstalmentStatus::Overdue { .. })
    }
}

/// One instalment on a statement: its status, what was paid of it and by which payments, its
/// penalties.
///
/// See [`Statement`] for an example.
///
/// Deserialising re-checks the line's invariants (paid + unpaid = amount in one currency, nothing
/// negative, paid in full exactly when nothing is unpaid, a status that fits the dates, allocations
/// to this instalment only) and rejects JSON that breaks them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "InstalmentStatementRepr"))]
pub struct InstalmentStatement {
    number: u32,
    due_date: NaiveDate,
    amount: Money,
    paid: Money,
    unpaid: Money,
    paid_in_full_on: Option<NaiveDate>,
    status: InstalmentStatus,
    late_interest: Money,
    compensation: Money,
    penalties_paid: Money,
    allocations: SharedSlice<Allocation>,
    fees: Money,
    interest: Money,
    principal: Money,
    unpaid_fees: Money,
    unpaid_interest: Money,
    unpaid_principal: Money,
    late_interest_paid: Money,
    compensation_paid: Money,
}

impl InstalmentStatement {
    /// What it owes of `component` in all: its scheduled fees, interest or principal, or the
    /// late interest or compensation accrued on it as of the statement's date.
    ///
    /// ```
    /// use echeancier::*;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let debt = Debt::single(Claim::new("L-1", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(2))
    ///     .interest(Interest::Annuity("12%".parse()?)).generate()?;
    /// // 507.51 = 10.00 of interest + 497.51 of principal; 20.00 paid goes to the interest first.
    /// let paid = [Payment::new("P-1", d(1, 31), "20.00 EUR".parse()?)?];
    /// let s = Statement::new(&plan, &paid, &StatementOptions::default(), d(2, 1))?;
    /// let first = &s.instalments()[0];
    /// assert_eq!(first.owed(Component::Interest).to_string(), "10.00 EUR");
    /// assert_eq!(first.paid_of(Component::Interest).to_string(), "10.00 EUR");
    /// assert_eq!(first.paid_of(Component::Principal).to_string(), "10.00 EUR");
    /// assert_eq!(first.outstanding(Component::Principal).to_string(), "487.51 EUR");
    /// assert!(first.outstanding(Component::Penalties).is_zero());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn owed(&self, component: Component) -> Money {
        match component {
            Component::Fees => self.fees,
            Component::Interest => self.interest,
            Component::Principal => self.principal,
            Component::Penalties => self.late_interest,
            Component::Compensation => self.compensation,
        }
    }

    /// What was paid of `component`.
    ///
    /// See [`InstalmentStatement::owed`] for an example.
    pub fn paid_of(&self, component: Component) -> Money {
        match component {
            Component::Fees | Component::Interest | Component::Principal => self
                .owed(component)
                .minus(self.outstanding(component))
                .unwrap_or(self.owed(component)),
            Component::Penalties => self.late_interest_paid,
            Component::Compensation => self.compensation_paid,
        }
    }

    /// What is still owed of `component` (never negative).
    ///
    /// See [`InstalmentStatement::owed`] for an example.
    pub fn outstanding(&self, component: Component) -> Money {
        match component {
            Component::Fees => self.unpaid_fees,
            Component::Interest => self.unpaid_interest,
            Component::Principal => self.unpaid_principal,
            Component::Penalties => left(self.late_interest, self.late_interest_paid),
            Component::Compensation => left(self.compensation, self.compensation_paid),
        }
    }

    /// The instalment's number.
    ///
    /// See [`Statement`] for an example.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// Its due date.
    ///
    /// See [`Statement`] for an example.
    pub fn due_date(&self) -> NaiveDate {
        self.due_date
    }

    /// Its amount in the schedule.
    ///
    /// See [`Statement`] for an example.
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// What was paid of its amount (fees, interest and principal; penalties apart).
    ///
    /// See [`Statement`] for an example.
    pub fn paid(&self) -> Money {
        self.paid
    }

    /// What is still owed of its amount.
    ///
    /// See [`Statement`] for an example.
    pub fn unpaid(&self) -> Money {
        self.unpaid
    }

    /// The day its amount was paid in full, if it was.
    ///
    /// See [`Statement`] for an example.
    pub fn paid_in_full_on(&self) -> Option<NaiveDate> {
        self.paid_in_full_on
    }

    /// Its status on the statement's date.
    ///
    /// See [`Statement`] for an example.
    pub fn status(&self) -> InstalmentStatus {
        self.status
    }

    /// Late-payment interest accrued on it as of the statement's date.
    ///
    /// See [`Statement`] for an example.
    pub fn late_interest(&self) -> Money {
        self.late_interest
    }

    /// Fixed recovery compensation owed for it being late.
    ///
    /// See [`Statement`] for an example.
    pub fn compensation(&self) -> Money {
        self.compensation
    }

    /// What was paid of its late interest and compensation.
    ///
    /// See [`Statement`] for an example.
    pub fn penalties_paid(&self) -> Money {
        self.penalties_paid
    }

    /// The shares of payments allocated to it, in date order.
    ///
    /// See [`Statement`] for an example.
    pub fn allocations(&self) -> &[Allocation] {
        self.allocations.as_slice()
    }
}

/// A charge added after signature on a statement: what was paid of it, by which payments, and
/// what is still owed.
///
/// See [`Account::charge`](crate::Account::charge) for an example.
///
/// Deserialising re-checks the line's invariants (paid + outstanding = the charge's amount,
/// nothing negative, paid in full exactly when nothing is outstanding, allocations to this charge
/// only).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ChargeStatementRepr"))]
pub struct ChargeStatement {
    number: u32,
    charge: Charge,
    paid: Money,
    outstanding: Money,
    paid_in_full_on: Option<NaiveDate>,
    allocations: Vec<Allocation>,
}

impl ChargeStatement {
    /// Its number: 1 for the first charge added while the version is in force, then one more for
    /// each (the number of its [`AllocationTarget::Charge`](crate::AllocationTarget::Charge)).
    ///
    /// See [`Account::charge`](crate::Account::charge) for an example.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The charge.
    ///
    /// See [`Account::charge`](crate::Account::charge) for an example.
    pub fn charge(&self) -> &Charge {
        &self.charge
    }

    /// What was paid of it.
    ///
    /// See [`Account::charge`](crate::Account::charge) for an example.
    pub fn paid(&self) -> Money {
        self.paid
    }

    /// What is still owed of it.
    ///
    /// See [`Account::charge`](crate::Account::charge) for an example.
    pub fn outstanding(&self) -> Money {
        self.outstanding
    }

    /// The day it was paid in full, if it was.
    ///
    /// See [`Account::charge`](crate::Account::charge) for an example.
    pub fn paid_in_full_on(&self) -> Option<NaiveDate> {
        self.paid_in_full_on
    }

    /// Whether its due date is past on `as_of` and it is not paid in full. On its due date it is
    /// not overdue yet, as an instalment due that day is not.
    ///
    /// See [`Account::charge`](crate::Account::charge) for an example.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        self.charge.due_date() < as_of && self.paid_in_full_on.is_none()
    }

    /// The shares of payments allocated to it, in date order.
    ///
    /// See [`Account::charge`](crate::Account::charge) for an example.
    pub fn allocations(&self) -> &[Allocation] {
        &self.allocations
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(ChargeStatement as ChargeStatementRepr {
    number: u32,
    charge: Charge,
    paid: Money,
    outstanding: Money,
    paid_in_full_on: Option<NaiveDate>,
    allocations: Vec<Allocation>,
});

#[cfg(feature = "serde")]
impl ChargeStatement {
    /// What a charge line always is: paid + outstanding = the amount, in one currency, nothing
    /// negative, paid in full exactly when nothing is outstanding, allocations to this charge only
    /// adding up to what was paid.
    fn check(&self) -> Result<()> {
        let amount = self.charge.amount();
        let check = crate::contract::Check::new("charge statement", amount.currency());
        check.non_negative("paid", self.paid)?;
        check.non_negative("outstanding", self.outstanding)?;
        check.sum("amount", amount, [self.paid, self.outstanding])?;
        check.that(
            self.paid_in_full_on.is_some() == self.outstanding.is_zero(),
            || "paid_in_full_on is given exactly when nothing is outstanding".to_owned(),
        )?;
        let paid_as = self.charge.kind().component();
        for share in &self.allocations {
            check.that(
                share.target()
                    == crate::payment::AllocationTarget::Charge {
                        number: self.number,
                        component: paid_as,
                    },
                || {
                    format!(
                        "an allocation goes to {:?}, not to this charge",
                        share.target()
                    )
                },
            )?;
        }
        check.sum(
            "paid",
            self.paid,
            self.allocations.iter().map(Allocation::amount),
        )
    }
}

/// The next instalment still owing something, due on or after the statement's date.
///
/// See [`Statement`] for an example.
///
/// Deserialising checks the amount (greater than zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "NextDueRepr"))]
pub struct NextDue {
    instalment: u32,
    date: NaiveDate,
    amount: Money,
}

impl NextDue {
    /// The instalment's number.
    ///
    /// See [`Statement`] for an example.
    pub fn instalment(&self) -> u32 {
        self.instalment
    }

    /// Its due date.
    ///
    /// See [`Statement`] for an example.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// What is still owed of it.
    ///
    /// See [`Statement`] for an example.
    pub fn amount(&self) -> Money {
        self.amount
    }
}

/// Where a plan stands on a date: every payment allocated, each instalment's status, the totals,
/// the next due date and the reminders to write.
///
/// ```
/// use echeancier::*;
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// // 1,200.00 in 12 monthly instalments of 100.00 from 31 January.
/// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?), d(1, 31),
///     Frequency::MONTHLY, Sizing::Count(12)).generate()?;
/// let payments = [
///     Payment::new("P-1", d(1, 30), "100.00 EUR".parse()?)?, // on time
///     Payment::new("P-2", d(3, 5), "100.00 EUR".parse()?)?,  // instalment 2, 5 days late
///     Payment::new("P-3", d(4, 10), "60.00 EUR".parse()?)?,  // part of instalment 3
/// ];
/// let options = StatementOptions::new(AllocationPolicy::france_1343_1())
///     .with_reminders(ReminderRules::new().with_days_before(5).with_dunning_after(15));
/// let s = Statement::new(&plan, &payments, &options, d(4, 20))?;
///
/// let lines = s.instalments();
/// assert_eq!(lines[0].status(), InstalmentStatus::Paid);
/// assert_eq!(lines[1].status(), InstalmentStatus::PaidLate { days_late: 5 });
/// assert_eq!(lines[2].status(), InstalmentStatus::Overdue { days_overdue: 20 });
/// assert_eq!(lines[2].paid().to_string(), "60.00 EUR");
/// assert_eq!(lines[2].allocations()[0].payment(), "P-3");
/// assert_eq!(lines[3].status(), InstalmentStatus::Upcoming);
/// assert_eq!(s.paid().to_string(), "260.00 EUR");
/// assert_eq!(s.arrears().to_string(), "40.00 EUR");
/// assert_eq!(s.remaining_balance().to_string(), "940.00 EUR");
/// assert!(s.credit().is_zero());
/// let next = s.next_due().unwrap();
/// assert_eq!((next.instalment(), next.date(), next.amount().to_string()), (4, d(4, 30), "100.00 EUR".to_owned()));
/// // Dunning for instalment 3 on 15 April has passed; instalment 4's reminder is on 25 April.
/// assert_eq!(s.reminders()[0].date(), d(4, 25));
/// assert_eq!(s.reminders()[0].kind(), ReminderKind::BeforeDue { days_before: 5 });
/// println!("{s}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Its JSON holds its inputs (the schedule, the options, the as-of date and the payments) beside
/// the figures. Deserialising recomputes the statement from those inputs and rejects JSON that
/// disagrees, naming the first field that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "StatementRepr", into = "StatementRepr")
)]
pub struct Statement {
    schedule: Schedule,
    options: StatementOptions,
    as_of: NaiveDate,
    currency: Currency,
    payments: Vec<Payment>,
    instalments: Vec<InstalmentStatement>,
    allocations: Vec<Allocation>,
    version: u32,
    opening_credit: Money,
    credit_moves: Vec<CreditMove>,
    refunded: Money,
    charges: Vec<ChargeStatement>,
    charges_outstanding: Money,
    /// One penalty item per instalment with what was paid of its own parts: the base of its
    /// penalties, as the allocation left it.
    items: Vec<OverdueItem>,
    paid: Money,
    credit: Money,
    arrears: Money,
    penalties_accrued: Money,
    penalties_paid: Money,
    penalties_outstanding: Money,
    discounts_earned: Money,
    remaining_balance: Money,
    next_due: Option<NextDue>,
    penalties: Option<PenaltyStatement>,
    regularity: Option<RegularityOutcome>,
    reminders: Vec<Reminder>,
}

impl Statement {
    /// The statement of `schedule` on `as_of`, after `payments` (in any order: they are allocated in
    /// date order, payments of one day in the order given).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidAllocationPolicy`] and [`Error::InvalidDays`] for options that do not
    /// validate; [`Error::CurrencyMismatch`] for a payment in another currency than the schedule;
    /// [`Error::DuplicatePayment`] for two payments with one reference;
    /// [`Error::PaymentAfterStatement`] for a payment dated after `as_of`;
    /// [`Error::PaymentBeforePlan`] for a payment dated before the day the plan was agreed (when the
    /// options give it); the errors of [`PenaltyPolicy::compute`] (a rate table that does not cover
    /// a late day, …); [`Error::DateOutOfRange`] and [`Error::Overflow`] for absurd dates and amounts.
    ///
    /// ```
    /// use echeancier::*;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "200.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let late = [Payment::new("P-9", d(3, 1), "10.00 EUR".parse()?)?];
    /// let err = Statement::new(&plan, &late, &StatementOptions::default(), d(2, 1)).unwrap_err();
    /// assert_eq!(err.to_string(), "payment \"P-9\" of 2027-03-01 is dated after the statement date 2027-02-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        schedule: &Schedule,
        payments: &[Payment],
        options: &StatementOptions,
        as_of: NaiveDate,
    ) -> Result<Statement> {
        let mut sorted = payments.to_vec();
        // Stable: payments of one day keep the order they were given in. (Payments given in date
        // order, as they usually are, need no sorting, nor its scratch space.)
        if !sorted
            .windows(2)
            .all(|pair| matches!(pair, [a, b] if a.date() <= b.date()))
        {
            sorted.sort_by_key(Payment::date);
        }
        Statement::of_version(
            schedule,
            Segment {
                version: 1,
                opening_credit: Money::zero(schedule.currency()),
                payments: sorted,
                credit_moves: Vec::new(),
                charges: Vec::new(),
            },
            options,
            as_of,
        )
    }

    /// The statement of one version of a plan: its schedule, what was received while it was in
    /// force (in date order) and the credit it started with.
    pub(crate) fn of_version(
        schedule: &Schedule,
        segment: Segment,
        options: &StatementOptions,
        as_of: NaiveDate,
    ) -> Result<Statement> {
        options.allocation.validate()?;
        options.reminders.validate()?;
        // The supported dates and the rule for payments outside the plan's period: crate::input.
        crate::input::check_date(|| "the statement date".to_owned(), as_of)?;
        crate::input::check_plan_dates(schedule)?;
        let opens = options
            .agreed_on
            .or_else(|| crate::input::plan_opens(schedule));
        let currency = schedule.currency();
        let zero = Money::zero(currency);
        zero.same_currency(segment.opening_credit)?;
        let dated = segment
            .payments
            .iter()
            .map(|p| (p.reference(), p.date(), p.amount()))
            .chain(
                segment
                    .credit_moves
                    .iter()
                    .map(|c| (c.reference(), c.date(), c.amount())),
            );
        let mut references = References::with_capacity(
            segment
                .payments
                .len()
                .saturating_add(segment.credit_moves.len()),
        );
        for (reference, date, amount) in dated {
            zero.same_currency(amount)?;
            if !references.insert(reference) {
                return Err(Error::DuplicatePayment {
                    reference: reference.to_owned(),
                });
            }
            crate::input::check_payment_date(reference, date, opens, as_of)?;
        }
        let Segment {
            version,
            opening_credit,
            payments: sorted,
            credit_moves,
            charges,
        } = segment;
        let lines = Vec::with_capacity(schedule.instalments().len());
        let mut done = allocate(
            Owed {
                schedule,
                charges: &charges,
            },
            &entries(&sorted, &credit_moves),
            opening_credit,
            &options.allocation,
            options.penalties.as_ref(),
        )?;
        let penalties = match &options.penalties {
            Some(policy) => {
                // The lines of the instalments whose penalties stopped changing during the
                // allocation are taken as they were computed then.
                let lines = done.take_penalty_lines();
                Some(policy.compute_reusing(
                    currency,
                    done.items_due_before(as_of),
                    as_of,
                    lines,
                )?)
            }
            None => None,
        };
        let instalments =
            instalment_statements(lines, schedule, &done, penalties.as_ref(), currency, as_of)?;
        let regularity = match &options.regularity_bonus {
            Some(bonus) => Some(bonus.outcome(
                &instalments,
                penalties.as_ref().map(PenaltyStatement::total),
                as_of,
            )?),
            None => None,
        };
        let mut reminders = Vec::new();
        for line in instalments.iter().filter(|l| l.paid_in_full_on.is_none()) {
            options.reminders.for_instalment(
                line.number,
                line.due_date,
                line.unpaid,
                as_of,
                &mut reminders,
            )?;
        }
        reminders.sort_by_key(|r| (r.date(), r.instalment()));

        let charges = charge_statements(charges, &done)?;
        let charges_outstanding =
            Money::total(currency, charges.iter().map(ChargeStatement::outstanding))?;
        let paid = Money::total(currency, sorted.iter().map(Payment::amount))?;
        let credit = done.credit;
        let arrears = Money::total(
            currency,
            instalments
                .iter()
                .filter(|l| l.due_date < as_of)
                .map(|l| l.unpaid),
        )?;
        let penalties_accrued = penalties
            .as_ref()
            .map_or(zero, |p: &PenaltyStatement| p.total());
        let penalties_paid = Money::total(currency, instalments.iter().map(|l| l.penalties_paid))?;
        let remaining_balance = Money::total(currency, instalments.iter().map(|l| l.unpaid))?;
        let discounts_earned = match regularity {
            Some(RegularityOutcome::Earned { amount }) => amount,
            _ => zero,
        };
        let next_due = instalments
            .iter()
            .find(|l| l.due_date >= as_of && l.paid_in_full_on.is_none())
            .map(|l| NextDue {
                instalment: l.number,
                date: l.due_date,
                amount: l.unpaid,
            });
        Ok(Statement {
            schedule: schedule.clone(),
            options: options.clone(),
            as_of,
            currency,
            payments: sorted,
            instalments,
            allocations: done.allocations,
            version,
            opening_credit,
            credit_moves,
            refunded: done.refunded,
            charges,
            charges_outstanding,
            items: done.items,
            paid,
            credit,
            arrears,
            penalties_accrued,
            penalties_paid,
            penalties_outstanding: penalties_accrued.minus(penalties_paid)?,
            discounts_earned,
            remaining_balance,
            next_due,
            penalties,
            regularity,
            reminders,
        })
    }

    /// The same statement with one more payment: equal to [`Statement::new`] with every payment
    /// at once.
    ///
    /// # Errors
    ///
    /// As [`Statement::new`].
    ///
    /// ```
    /// use echeancier::*;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "200.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let (p1, p2) = (Payment::new("P-1", d(1, 31), "100.00 EUR".parse()?)?, Payment::new("P-2", d(2, 20), "50.00 EUR".parse()?)?);
    /// let options = StatementOptions::default();
    /// let once = Statement::new(&plan, &[p1.clone(), p2.clone()], &options, d(3, 1))?;
    /// let stepwise = Statement::new(&plan, &[], &options, d(3, 1))?.apply(p1)?.apply(p2)?;
    /// assert_eq!(once, stepwise);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&self, payment: Payment) -> Result<Statement> {
        let mut payments = self.payments.clone();
        // After the payments of its day and before later ones: the order stays the date order.
        let at = payments.partition_point(|p| p.date() <= payment.date());
        payments.insert(at, payment);
        Statement::of_version(
            &self.schedule,
            Segment {
                payments,
                ..self.segment()
            },
            &self.options,
            self.as_of,
        )
    }

    /// The same schedule, payments and options on another date.
    ///
    /// # Errors
    ///
    /// As [`Statement::new`]: notably [`Error::PaymentAfterStatement`] if a payment is dated after
    /// `as_of`.
    ///
    /// ```
    /// use echeancier::*;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "200.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let s = Statement::new(&plan, &[], &StatementOptions::default(), d(1, 31))?;
    /// assert_eq!(s.instalments()[0].status(), InstalmentStatus::DueToday);
    /// let later = s.restated_on(d(2, 10))?;
    /// assert_eq!(later.instalments()[0].status(), InstalmentStatus::Overdue { days_overdue: 10 });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn restated_on(&self, as_of: NaiveDate) -> Result<Statement> {
        Statement::of_version(&self.schedule, self.segment(), &self.options, as_of)
    }

    fn segment(&self) -> Segment {
        Segment {
            version: self.version,
            opening_credit: self.opening_credit,
            payments: self.payments.clone(),
            credit_moves: self.credit_moves.clone(),
            charges: self.charges.iter().map(|c| c.charge.clone()).collect(),
        }
    }

    /// The version of the plan the statement is about: 1 for a plan as signed, then one more for
    /// each adjustment recorded in an [`Account`](crate::Account).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let s = Statement::new(&plan, &[], &StatementOptions::default(), d(1, 31))?;
    /// assert_eq!(s.version(), 1);
    /// assert!(s.opening_credit().is_zero() && s.credit_moves().is_empty() && s.refunded().is_zero());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The credit held for the debtor when the version took effect (carried from the version
    /// before).
    ///
    /// See [`Statement::version`] for an example.
    pub fn opening_credit(&self) -> Money {
        self.opening_credit
    }

    /// The uses of the credit (applied or refunded) while the version was in force, in date order.
    ///
    /// See [`Statement::version`] for an example.
    pub fn credit_moves(&self) -> &[CreditMove] {
        &self.credit_moves
    }

    /// What was refunded of the credit.
    ///
    /// See [`Statement::version`] for an example.
    pub fn refunded(&self) -> Money {
        self.refunded
    }

    /// The charges added after signature while the version was in force (see
    /// [`Account::charge`](crate::Account::charge)), in the order they were added.
    ///
    /// See [`Account::charge`](crate::Account::charge) for an example.
    pub fn charges(&self) -> &[ChargeStatement] {
        &self.charges
    }

    /// What is still owed of the charges, due or not.
    ///
    /// See [`Account::charge`](crate::Account::charge) for an example.
    pub fn charges_outstanding(&self) -> Money {
        self.charges_outstanding
    }

    /// What is still owed of the charges of `kind`, due or not.
    pub(crate) fn charges_outstanding_of(&self, kind: crate::payment::ChargeKind) -> Result<Money> {
        Money::total(
            self.currency,
            self.charges
                .iter()
                .filter(|c| c.charge.kind() == kind)
                .map(ChargeStatement::outstanding),
        )
    }

    /// The same schedule and payments under other options: one more allocation of the same
    /// payments.
    pub(crate) fn with_options(&self, options: &StatementOptions) -> Result<Statement> {
        Statement::of_version(&self.schedule, self.segment(), options, self.as_of)
    }

    /// One penalty item per instalment, with what was paid of its own parts.
    pub(crate) fn penalty_items(&self) -> &[OverdueItem] {
        &self.items
    }

    /// The date the statement is made at.
    ///
    /// See [`Statement`] for an example.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The currency of every amount.
    ///
    /// See [`Statement`] for an example.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The schedule the statement is about.
    ///
    /// See [`Statement`] for an example.
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// The options it was made with.
    ///
    /// See [`Statement`] for an example.
    pub fn options(&self) -> &StatementOptions {
        &self.options
    }

    /// The payments, in the order they were allocated (date order).
    ///
    /// See [`Statement`] for an example.
    pub fn payments(&self) -> &[Payment] {
        &self.payments
    }

    /// One line per instalment, in schedule order.
    ///
    /// See [`Statement`] for an example.
    pub fn instalments(&self) -> &[InstalmentStatement] {
        &self.instalments
    }

    /// Every share of every payment, in allocation order; the shares of a payment add up to it.
    ///
    /// See [`Allocation`] for an example.
    pub fn allocations(&self) -> &[Allocation] {
        &self.allocations
    }

    /// The sum of the payments.
    ///
    /// See [`Statement`] for an example.
    pub fn paid(&self) -> Money {
        self.paid
    }

    /// What was paid beyond what the policy let the payments settle: refundable, or left once the
    /// whole plan was paid.
    ///
    /// See [`Statement`] for an example.
    pub fn credit(&self) -> Money {
        self.credit
    }

    /// What is still owed of the instalments due before the statement's date (penalties apart).
    ///
    /// See [`Statement`] for an example.
    pub fn arrears(&self) -> Money {
        self.arrears
    }

    /// Late-payment interest and compensation accrued as of the statement's date, paid or not.
    ///
    /// See [`Statement::penalties`] for an example.
    pub fn penalties_accrued(&self) -> Money {
        self.penalties_accrued
    }

    /// What the payments paid of the penalties.
    ///
    /// See [`Statement::penalties`] for an example.
    pub fn penalties_paid(&self) -> Money {
        self.penalties_paid
    }

    /// Penalties accrued and not yet paid.
    ///
    /// See [`Statement::penalties`] for an example.
    pub fn penalties_outstanding(&self) -> Money {
        self.penalties_outstanding
    }

    /// The reduction earned by the regularity bonus, zero while it is pending or once forfeited.
    ///
    /// See [`Statement::regularity`] for an example.
    pub fn discounts_earned(&self) -> Money {
        self.discounts_earned
    }

    /// What is still owed of the instalments, due or not (penalties apart).
    ///
    /// See [`Statement`] for an example.
    pub fn remaining_balance(&self) -> Money {
        self.remaining_balance
    }

    /// The remaining balance plus the penalties and the charges outstanding.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] past `Decimal`'s range.
    ///
    /// See [`Statement::penalties`] for an example.
    pub fn total_outstanding(&self) -> Result<Money> {
        self.remaining_balance
            .plus(self.penalties_outstanding)?
            .plus(self.charges_outstanding)
    }

    /// The next instalment still owing something, due on the statement's date or later.
    ///
    /// See [`Statement`] for an example.
    pub fn next_due(&self) -> Option<NextDue> {
        self.next_due
    }

    /// The penalty statement as of the statement's date, when the options give a penalty policy.
    ///
    /// ```
    /// use echeancier::*;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "730.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// // Instalment 1 (365.00) paid 10 days late at 10 %: 365 × 10 % × 10 / 365 = 1.00 of interest.
    /// let options = StatementOptions::new(AllocationPolicy::france_1343_1())
    ///     .with_penalties(PenaltyPolicy::new(PenaltyRate::fixed("10%".parse()?)));
    /// let payments = [Payment::new("P-1", d(2, 10), "365.00 EUR".parse()?)?];
    /// let s = Statement::new(&plan, &payments, &options, d(2, 20))?;
    /// assert_eq!(s.penalties().unwrap().total().to_string(), "1.00 EUR");
    /// assert_eq!(s.penalties_accrued().to_string(), "1.00 EUR");
    /// // The penalty (1.00) was paid first, so 1.00 of the instalment is still owed.
    /// assert_eq!(s.penalties_paid().to_string(), "1.00 EUR");
    /// assert!(s.penalties_outstanding().is_zero());
    /// assert_eq!(s.arrears().to_string(), "1.00 EUR");
    /// assert_eq!(s.total_outstanding()?.to_string(), "366.00 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn penalties(&self) -> Option<&PenaltyStatement> {
        self.penalties.as_ref()
    }

    /// Whether the regularity bonus is earned, pending or forfeited, when the plan has one.
    ///
    /// ```
    /// use echeancier::*;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// let bonus = RegularityBonus::new(RegularityReward::ReduceLast(Reduction::amount("20.00 EUR".parse()?)?))?;
    /// let options = StatementOptions::default().with_regularity_bonus(bonus);
    /// let payments = [
    ///     Payment::new("P-1", d(1, 31), "100.00 EUR".parse()?)?,
    ///     Payment::new("P-2", d(2, 28), "100.00 EUR".parse()?)?,
    /// ];
    /// let s = Statement::new(&plan, &payments, &options, d(3, 1))?;
    /// assert_eq!(s.regularity(), Some(RegularityOutcome::Earned { amount: "20.00 EUR".parse()? }));
    /// assert_eq!(s.discounts_earned().to_string(), "20.00 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn regularity(&self) -> Option<RegularityOutcome> {
        self.regularity
    }

    /// The letters to write from the statement's date on, in date order: a reminder before each
    /// instalment not yet paid in full and due on that date or later, and the dunning letters of
    /// each instalment already in arrears.
    ///
    /// ```
    /// use echeancier::*;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "200.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let rules = ReminderRules::new().with_days_before(7).with_dunning_after(10).with_dunning_after(30);
    /// let s = Statement::new(&plan, &[], &StatementOptions::default().with_reminders(rules), d(2, 5))?;
    /// let letters: Vec<(NaiveDate, ReminderKind, u32)> =
    ///     s.reminders().iter().map(|r| (r.date(), r.kind(), r.instalment())).collect();
    /// assert_eq!(letters, [
    ///     (d(2, 10), ReminderKind::Dunning { level: 1, days_after: 10 }, 1),
    ///     (d(2, 21), ReminderKind::BeforeDue { days_before: 7 }, 2),
    ///     (d(3, 2), ReminderKind::Dunning { level: 2, days_after: 30 }, 1),
    /// ]);
    /// assert_eq!(s.reminders()[0].amount().to_string(), "100.00 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reminders(&self) -> &[Reminder] {
        &self.reminders
    }
}

/// The lines of the statement, from the allocation and the penalties as of `as_of`.
fn instalment_statements(
    mut lines: Vec<InstalmentStatement>,
    schedule: &Schedule,
    done: &Allocated,
    penalties: Option<&PenaltyStatement>,
    currency: Currency,
    as_of: NaiveDate,
) -> Result<Vec<InstalmentStatement>> {
    let zero = Money::zero(currency);
    let mut penalty_lines = penalties.map(|p| p.items().iter());
    // Instalments numbered one after the other have references of their own, so each compensation
    // is the one of a late item, in the order of the items: an item's, if any, is the next one.
    // (Otherwise an item's is looked for among them all.)
    let distinct = schedule
        .instalments()
        .windows(2)
        .all(|pair| matches!(pair, [a, b] if a.number() < b.number()));
    let mut next_compensation = 0_usize;
    let shares = shares_per_instalment(done);
    for ((index, instalment), allocations) in schedule.instalments().iter().enumerate().zip(shares)
    {
        let Some(ledger) = done.ledger(index) else {
            break;
        };
        let (late_interest, compensation) = match (penalties, penalty_lines.as_mut()) {
            (Some(statement), Some(items)) if ledger.due_date < as_of => match items.next() {
                Some(item) => {
                    let compensations = statement.compensations();
                    let compensation = match compensations.get(next_compensation) {
                        Some(c) if c.is_for(item) => {
                            next_compensation = next_compensation.saturating_add(1);
                            Some(c)
                        }
                        _ if distinct => None,
                        _ => compensations.iter().find(|c| c.is_for(item)),
                    };
                    (item.interest(), compensation.map_or(zero, |c| c.amount()))
                }
                None => (zero, zero),
            },
            _ => (zero, zero),
        };
        lines.push(InstalmentStatement {
            number: ledger.number,
            due_date: ledger.due_date,
            amount: ledger.amount,
            paid: ledger.paid,
            unpaid: ledger.unpaid,
            paid_in_full_on: ledger.paid_in_full_on,
            status: status(&ledger, as_of)?,
            late_interest,
            compensation,
            penalties_paid: ledger.penalties_paid,
            allocations,
            fees: instalment.fees(),
            interest: instalment.interest(),
            principal: instalment.principal(),
            unpaid_fees: ledger.fees,
            unpaid_interest: ledger.interest,
            unpaid_principal: ledger.principal,
            late_interest_paid: ledger.late_interest_paid,
            compensation_paid: ledger.compensation_paid,
        });
    }
    Ok(lines)
}

/// The lines of the charges (`charges`, in the order they were added) once allocated.
fn charge_statements(charges: Vec<Charge>, done: &Allocated) -> Result<Vec<ChargeStatement>> {
    let mut lines = Vec::with_capacity(charges.len());
    for (index, charge) in charges.into_iter().enumerate() {
        let (ledger, allocations) = done.charge(index).ok_or(Error::Inconsistent {
            what: "statement",
            reason: format!("charge {} was not allocated", charge.reference()),
        })?;
        lines.push(ChargeStatement {
            number: ledger.number,
            charge,
            paid: ledger.paid,
            outstanding: ledger.unpaid,
            paid_in_full_on: ledger.paid_in_full_on,
            allocations,
        });
    }
    Ok(lines)
}

/// The shares of the payments to each instalment, in the order they were made: each instalment's
/// (in schedule order) a range of one list.
fn shares_per_instalment(done: &Allocated) -> Vec<SharedSlice<Allocation>> {
    let total = (0..done.len()).fold(0_usize, |sum, i| sum.saturating_add(done.share_count(i)));
    let mut grouped = Vec::with_capacity(total);
    let mut ends = Vec::with_capacity(done.len());
    for index in 0..done.len() {
        for share in done.shares_of(index) {
            // Copied in its place in the list.
            grouped.extend_from_slice(core::slice::from_ref(share));
        }
        ends.push(grouped.len());
    }
    let grouped = Arc::new(grouped);
    let mut start = 0_usize;
    ends.into_iter()
        .map(|end| {
            let line = SharedSlice::within(&grouped, start, end);
            start = end;
            line
        })
        .collect()
}

/// What is left of `owed` once `paid` is deducted, never below zero.
fn left(owed: Money, paid: Money) -> Money {
    match owed.minus(paid) {
        Ok(rest) if rest.is_positive() => rest,
        _ => Money::zero(owed.currency()),
    }
}

/// The status of `ledger` on `as_of`.
fn status(ledger: &Ledger, as_of: NaiveDate) -> Result<InstalmentStatus> {
    let days = |from: NaiveDate, to: NaiveDate| {
        u32::try_from(to.signed_duration_since(from).num_days()).map_err(|_| {
            Error::DateOutOfRange {
                what: format!("the days from {from} to {to}"),
            }
        })
    };
    let due = ledger.due_date;
    Ok(match ledger.paid_in_full_on {
        Some(paid) if paid <= due => InstalmentStatus::Paid,
        Some(paid) => InstalmentStatus::PaidLate {
            days_late: days(due, paid)?,
        },
        None if due < as_of => InstalmentStatus::Overdue {
            days_overdue: days(due, as_of)?,
        },
        None if due == as_of => InstalmentStatus::DueToday,
        None if ledger.paid.is_positive() => InstalmentStatus::PartiallyPaid,
        None => InstalmentStatus::Upcoming,
    })
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(InstalmentStatement as InstalmentStatementRepr {
    number: u32,
    due_date: NaiveDate,
    amount: Money,
    paid: Money,
    unpaid: Money,
    paid_in_full_on: Option<NaiveDate>,
    status: InstalmentStatus,
    late_interest: Money,
    compensation: Money,
    penalties_paid: Money,
    allocations: SharedSlice<Allocation>,
    fees: Money,
    interest: Money,
    principal: Money,
    unpaid_fees: Money,
    unpaid_interest: Money,
    unpaid_principal: Money,
    late_interest_paid: Money,
    compensation_paid: Money,
});

#[cfg(feature = "serde")]
impl InstalmentStatement {
    /// What a statement line always is: paid + unpaid = amount, in one currency, nothing
    /// negative, paid in full exactly when nothing is unpaid, a status that fits the dates, and
    /// allocations to this instalment only.
    fn check(&self) -> Result<()> {
        let check = crate::contract::Check::new("instalment statement", self.amount.currency());
        check.positive("amount", self.amount)?;
        for (field, amount) in [
            ("paid", self.paid),
            ("unpaid", self.unpaid),
            ("late_interest", self.late_interest),
            ("compensation", self.compensation),
            ("penalties_paid", self.penalties_paid),
            ("fees", self.fees),
            ("interest", self.interest),
            ("principal", self.principal),
            ("unpaid_fees", self.unpaid_fees),
            ("unpaid_interest", self.unpaid_interest),
            ("unpaid_principal", self.unpaid_principal),
            ("late_interest_paid", self.late_interest_paid),
            ("compensation_paid", self.compensation_paid),
        ] {
            check.non_negative(field, amount)?;
        }
        check.sum("amount", self.amount, [self.paid, self.unpaid])?;
        check.sum(
            "amount",
            self.amount,
            [self.fees, self.interest, self.principal],
        )?;
        check.sum(
            "unpaid",
            self.unpaid,
            [
                self.unpaid_fees,
                self.unpaid_interest,
                self.unpaid_principal,
            ],
        )?;
        check.sum(
            "penalties_paid",
            self.penalties_paid,
            [self.late_interest_paid, self.compensation_paid],
        )?;
        for (part, owed, unpaid) in [
            ("fees", self.fees, self.unpaid_fees),
            ("interest", self.interest, self.unpaid_interest),
            ("principal", self.principal, self.unpaid_principal),
        ] {
            check.that(unpaid <= owed, || {
                format!("{unpaid} of {part} is unpaid, more than the {owed} owed")
            })?;
        }
        check.that(
            self.paid_in_full_on.is_some() == self.unpaid.is_zero(),
            || {
                format!(
                    "paid_in_full_on is {:?} while {} is unpaid",
                    self.paid_in_full_on, self.unpaid
                )
            },
        )?;
        let fits = match (self.status, self.paid_in_full_on) {
            (InstalmentStatus::Paid, Some(paid)) => paid <= self.due_date,
            (InstalmentStatus::PaidLate { days_late }, Some(paid)) => {
                paid.signed_duration_since(self.due_date).num_days() == i64::from(days_late)
                    && days_late > 0
            }
            (InstalmentStatus::Overdue { days_overdue }, None) => days_overdue > 0,
            (InstalmentStatus::PartiallyPaid, None) => self.paid.is_positive(),
            (InstalmentStatus::DueToday | InstalmentStatus::Upcoming, None) => true,
            _ => false,
        };
        check.that(fits, || {
            format!(
                "status {:?} does not fit due date {}, paid in full on {:?} and {} paid",
                self.status, self.due_date, self.paid_in_full_on, self.paid
            )
        })?;
        for allocation in self.allocations.as_slice() {
            check.currency("an allocation", allocation.amount())?;
            check.that(
                allocation.target().instalment() == Some(self.number),
                || {
                    format!(
                        "allocation of payment {:?} goes to {:?}, not to instalment {}",
                        allocation.payment(),
                        allocation.target(),
                        self.number
                    )
                },
            )?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(NextDue as NextDueRepr {
    instalment: u32,
    date: NaiveDate,
    amount: Money,
});

#[cfg(feature = "serde")]
impl NextDue {
    /// Something greater than zero to pay.
    fn check(&self) -> Result<()> {
        let check = crate::contract::Check::new("next due instalment", self.amount.currency());
        check.positive("amount", self.amount)
    }
}

/// The JSON of a statement: its inputs (schedule, options, as-of date, payments) and every
/// figure computed from them.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct StatementRepr {
    as_of: NaiveDate,
    currency: Currency,
    payments: Vec<Payment>,
    instalments: Vec<InstalmentStatement>,
    allocations: Vec<Allocation>,
    paid: Money,
    credit: Money,
    arrears: Money,
    penalties_accrued: Money,
    penalties_paid: Money,
    penalties_outstanding: Money,
    discounts_earned: Money,
    remaining_balance: Money,
    next_due: Option<NextDue>,
    penalties: Option<PenaltyStatement>,
    regularity: Option<RegularityOutcome>,
    reminders: Vec<Reminder>,
    schedule: Schedule,
    options: StatementOptions,
    #[serde(default = "first_version", skip_serializing_if = "is_first_version")]
    version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    opening_credit: Option<Money>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    credit_moves: Vec<CreditMove>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    charges: Vec<ChargeStatement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    charges_outstanding: Option<Money>,
}

#[cfg(feature = "serde")]
fn first_version() -> u32 {
    1
}

#[cfg(feature = "serde")]
fn is_first_version(version: &u32) -> bool {
    *version == 1
}

#[cfg(feature = "serde")]
impl From<Statement> for StatementRepr {
    fn from(s: Statement) -> StatementRepr {
        StatementRepr {
            as_of: s.as_of,
            currency: s.currency,
            payments: s.payments,
            instalments: s.instalments,
            allocations: s.allocations,
            paid: s.paid,
            credit: s.credit,
            arrears: s.arrears,
            penalties_accrued: s.penalties_accrued,
            penalties_paid: s.penalties_paid,
            penalties_outstanding: s.penalties_outstanding,
            discounts_earned: s.discounts_earned,
            remaining_balance: s.remaining_balance,
            next_due: s.next_due,
            penalties: s.penalties,
            regularity: s.regularity,
            reminders: s.reminders,
            schedule: s.schedule,
            options: s.options,
            version: s.version,
            opening_credit: Some(s.opening_credit).filter(|c| !c.is_zero()),
            credit_moves: s.credit_moves,
            charges_outstanding: Some(s.charges_outstanding).filter(|_| !s.charges.is_empty()),
            charges: s.charges,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<StatementRepr> for Statement {
    type Error = Error;

    /// Recomputes the statement from its inputs and accepts the JSON only if every figure agrees.
    fn try_from(r: StatementRepr) -> Result<Statement> {
        let opening_credit = r
            .opening_credit
            .unwrap_or_else(|| Money::zero(r.schedule.currency()));
        let mut payments = r.payments.clone();
        // Stable: payments of one day keep the order they were given in.
        payments.sort_by_key(Payment::date);
        let mut credit_moves = r.credit_moves.clone();
        credit_moves.sort_by_key(CreditMove::date);
        let segment = Segment {
            version: r.version,
            opening_credit,
            payments,
            credit_moves,
            charges: r.charges.iter().map(|c| c.charge.clone()).collect(),
        };
        let recomputed = Statement::of_version(&r.schedule, segment, &r.options, r.as_of)?;
        crate::contract::same_as_recomputed!(
            "statement",
            r,
            recomputed,
            [
                currency,
                payments,
                instalments,
                allocations,
                paid,
                credit,
                arrears,
                penalties_accrued,
                penalties_paid,
                penalties_outstanding,
                discounts_earned,
                remaining_balance,
                next_due,
                penalties,
                regularity,
                reminders,
                charges,
            ]
        );
        if let Some(given) = r.charges_outstanding {
            crate::contract::Check::new("statement", recomputed.currency).equal(
                "charges_outstanding",
                given,
                recomputed.charges_outstanding,
            )?;
        }
        Ok(recomputed)
    }
}

#[cfg(test)]
mod tests;
