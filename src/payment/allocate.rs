//! The allocation itself: payments in date order, penalties accrued up to each payment's date.
//!
//! Payments are processed in date order (payments of one day in the order given), because each one
//! changes what the next one finds: an amount paid on an instalment lowers the base of its
//! late-payment interest from the day after the payment. When a payment reaches the penalties of an
//! instalment due before its date, they are computed as of that date by the [`PenaltyPolicy`], on the
//! instalment's amount less what earlier payments allocated to its own parts (fees, interest,
//! principal); what was already paid of them is deducted. Penalties accrued up to a date do not depend
//! on payments made that day, so the order of one day's payments changes only which payment pays what.
//!
//! Charges added after signature (see [`Charge`]) are paid in the same pass, as one more thing owed
//! among the instalments by due date (after the instalment due the same day): a fee as
//! [`Component::Fees`], a penalty as [`Component::Compensation`], never by an entry dated before
//! the charge was added, and without late-payment interest of their own.
//!
//! Cost: a payment stops at the first instalment it cannot pay in full, and computes penalties only
//! for the instalments it reaches (once per date; never again once paid in full and computed), so
//! the work follows the instalments and payments, not their product.
//!
//! Arithmetic: the allocation runs on counts of minor units ([`Minor`]) as long as every amount it
//! meets is a plain one (see [`Money::plain_minor`]): the sums, differences and comparisons of plain
//! amounts in integers are, bit for bit, those of `Money`. An amount that is not (a zero with a
//! sign, say), or a count beyond an `i64`, sends the allocation back to the start in `Money` itself.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::{Currency, Money, SharedStr};
use crate::payment::policy::{AllocationPolicy, Component, InstalmentSelector, Surplus, Sweep};
use crate::payment::{
    Allocation, AllocationTarget, Charge, CreditMove, CreditUse, PartialPayment, Payment,
};
use crate::penalty::{ItemPenalty, OverdueItem, PenaltyPolicy};
use crate::schedule::Schedule;

/// No place: the end of a list of places.
const NONE: u32 = u32::MAX;

/// Where one instalment stands once every payment is allocated.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ledger {
    pub(crate) number: u32,
    pub(crate) due_date: NaiveDate,
    pub(crate) amount: Money,
    /// What is still owed of the instalment's own parts.
    pub(crate) fees: Money,
    pub(crate) interest: Money,
    pub(crate) principal: Money,
    /// What was paid of its penalties.
    pub(crate) late_interest_paid: Money,
    pub(crate) compensation_paid: Money,
    pub(crate) paid_in_full_on: Option<NaiveDate>,
    /// Still owed of the own parts: fees + interest + principal.
    pub(crate) unpaid: Money,
    /// Paid of the own parts: amount − unpaid.
    pub(crate) paid: Money,
    /// Late interest paid + compensation paid.
    pub(crate) penalties_paid: Money,
}

/// Every payment allocated.
#[derive(Debug, Clone)]
pub(crate) struct Allocated {
    currency: Currency,
    /// One per instalment, in schedule order.
    standings: Standings,
    /// One per charge, in the order the charges were given.
    charges: Standings,
    /// Every share of every payment, in the order the payments were processed.
    pub(crate) allocations: Vec<Allocation>,
    /// For each share, where the next share of the same instalment is ([`NONE`] for none).
    next_share: Vec<u32>,
    /// The debtor's credit held after the last entry: what payments left once the policy let
    /// them settle nothing more, plus the opening credit, less what was applied or refunded.
    pub(crate) credit: Money,
    /// What was refunded of the credit.
    pub(crate) refunded: Money,
    /// One overdue item per instalment (referenced `instalment N`) with the payments on its own
    /// parts: the base of its penalties.
    pub(crate) items: Vec<OverdueItem>,
    /// One per instalment: its penalty line once it no longer changes (paid in full, and computed
    /// as of that day or later), the line of a computation as of any later date.
    penalties: Vec<Option<ItemPenalty>>,
}

/// The instalments in the arithmetic the allocation ran in.
#[derive(Debug, Clone)]
enum Standings {
    Minor(Vec<Standing<Minor>>),
    Money(Vec<Standing<Money>>),
}

impl Allocated {
    /// How many instalments.
    pub(crate) fn len(&self) -> usize {
        match &self.standings {
            Standings::Minor(s) => s.len(),
            Standings::Money(s) => s.len(),
        }
    }

    /// Where instalment `index` (in schedule order) stands.
    #[inline]
    pub(crate) fn ledger(&self, index: usize) -> Option<Ledger> {
        match &self.standings {
            Standings::Minor(s) => s.get(index).map(|s| s.ledger(self.currency)),
            Standings::Money(s) => s.get(index).map(|s| s.ledger(self.currency)),
        }
    }

    /// The shares of the payments to instalment `index`, in the order they were made.
    pub(crate) fn shares_of(&self, index: usize) -> impl Iterator<Item = &Allocation> + '_ {
        let (count, first) = match &self.standings {
            Standings::Minor(s) => s
                .get(index)
                .map_or((0, NONE), |s| (s.shares, s.first_share)),
            Standings::Money(s) => s
                .get(index)
                .map_or((0, NONE), |s| (s.shares, s.first_share)),
        };
        let mut next = first;
        core::iter::from_fn(move || {
            let at = usize::try_from(next).ok()?;
            let share = self.allocations.get(at)?;
            next = self.next_share.get(at).copied().unwrap_or(NONE);
            Some(share)
        })
        .take(count)
    }

    /// How many shares went to instalment `index`.
    pub(crate) fn share_count(&self, index: usize) -> usize {
        match &self.standings {
            Standings::Minor(s) => s.get(index).map_or(0, |s| s.shares),
            Standings::Money(s) => s.get(index).map_or(0, |s| s.shares),
        }
    }

    /// Where charge `index` (in the order the charges were given) stands, with the shares of the
    /// payments to it in the order they were made.
    pub(crate) fn charge(&self, index: usize) -> Option<(Ledger, Vec<Allocation>)> {
        let (ledger, count, first) = match &self.charges {
            Standings::Minor(s) => s
                .get(index)
                .map(|s| (s.ledger(self.currency), s.shares, s.first_share)),
            Standings::Money(s) => s
                .get(index)
                .map(|s| (s.ledger(self.currency), s.shares, s.first_share)),
        }?;
        let mut shares = Vec::with_capacity(count);
        let mut next = first;
        while let Some(at) = usize::try_from(next).ok().filter(|_| shares.len() < count) {
            let Some(share) = self.allocations.get(at) else {
                break;
            };
            shares.push(share.clone());
            next = self.next_share.get(at).copied().unwrap_or(NONE);
        }
        Some((ledger, shares))
    }

    /// The penalty items of the instalments due before `date` (a prefix, as due dates increase).
    pub(crate) fn items_due_before(&self, date: NaiveDate) -> &[OverdueItem] {
        let count = self.items.partition_point(|i| i.due_date() < date);
        self.items.get(..count).unwrap_or(&self.items)
    }

    /// The final penalty line of each instalment (in schedule order), if it has one; taken.
    pub(crate) fn take_penalty_lines(&mut self) -> Vec<Option<ItemPenalty>> {
        core::mem::take(&mut self.penalties)
    }
}

/// What the allocation takes in, in the order it happens: a payment, or a use of the credit held.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Entry<'a> {
    Payment(&'a Payment),
    Credit(&'a CreditMove),
}

/// `payments` and `moves` (each already in date order) merged in date order: on one day, the
/// payments first, then the moves of the credit.
pub(crate) fn entries<'a>(payments: &'a [Payment], moves: &'a [CreditMove]) -> Vec<Entry<'a>> {
    let mut merged = Vec::with_capacity(payments.len().saturating_add(moves.len()));
    let mut moves = moves.iter().peekable();
    for payment in payments {
        while let Some(m) = moves.next_if(|m| m.date() < payment.date) {
            merged.push(Entry::Credit(m));
        }
        merged.push(Entry::Payment(payment));
    }
    merged.extend(moves.map(Entry::Credit));
    merged
}

/// What the allocation pays: the instalments of a schedule and the charges added to it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Owed<'a> {
    pub(crate) schedule: &'a Schedule,
    /// In the order they were added.
    pub(crate) charges: &'a [Charge],
}

/// Allocates `entries` (in date order) to what is `owed` under `policy`, starting with
/// `opening_credit` held for the debtor, penalties accruing under `penalties` if given.
pub(crate) fn allocate(
    owed: Owed<'_>,
    entries: &[Entry<'_>],
    opening_credit: Money,
    policy: &AllocationPolicy,
    penalties: Option<&PenaltyPolicy>,
) -> Result<Allocated> {
    let zero = Money::zero(owed.schedule.currency());
    zero.same_currency(opening_credit)?;
    for charge in owed.charges {
        zero.same_currency(charge.amount())?;
    }
    let stopped = match run::<Minor>(owed, entries, opening_credit, policy, penalties) {
        Ok(done) => return Ok(done),
        Err(stop) => stop,
    };
    match stopped {
        Stop::Failed(error) => Err(*error),
        // An amount that is not a plain one: the same allocation in `Money`, which never stops so.
        Stop::NotPlain => match run::<Money>(owed, entries, opening_credit, policy, penalties) {
            Ok(done) => Ok(done),
            Err(Stop::Failed(error)) => Err(*error),
            Err(Stop::NotPlain) => Err(Error::Overflow {
                operation: "allocating payments",
            }),
        },
    }
}

/// Why an allocation stopped.
#[derive(Debug)]
enum Stop {
    /// The error of the allocation (boxed: a result of the allocation's arithmetic then fits in
    /// registers).
    Failed(Box<Error>),
    /// An amount the arithmetic does not hold exactly: the allocation is to be made in `Money`.
    NotPlain,
}

impl From<Error> for Stop {
    fn from(error: Error) -> Stop {
        Stop::Failed(Box::new(error))
    }
}

type Step<T> = core::result::Result<T, Stop>;

/// The arithmetic of an allocation: [`Money`], or [`Minor`] for plain amounts.
trait Amount: Copy + core::fmt::Debug {
    /// `money` of the allocation's `currency`, or [`Stop::NotPlain`] if it cannot be held exactly.
    fn of(money: Money, currency: Currency) -> Step<Self>;
    /// Back to money, bit for bit what `Money` arithmetic gives.
    fn money(self, currency: Currency) -> Money;
    fn plus(self, other: Self) -> Step<Self>;
    fn minus(self, other: Self) -> Step<Self>;
    /// The smaller of the two (`self` when they are equal), as [`Money::checked_min`].
    fn min(self, other: Self) -> Step<Self>;
    fn is_zero(self) -> bool;
    fn is_positive(self) -> bool;
    /// `self > other`.
    fn exceeds(self, other: Self) -> bool;
    /// `self == other`.
    fn equals(self, other: Self) -> bool;
    /// The instalments in this arithmetic.
    fn standings(standings: Vec<Standing<Self>>) -> Standings;
}

impl Amount for Money {
    #[inline]
    fn of(money: Money, _currency: Currency) -> Step<Money> {
        Ok(money)
    }

    #[inline]
    fn money(self, _currency: Currency) -> Money {
        self
    }

    #[inline]
    fn plus(self, other: Money) -> Step<Money> {
        Ok(Money::plus(self, other)?)
    }

    #[inline]
    fn minus(self, other: Money) -> Step<Money> {
        Ok(Money::minus(self, other)?)
    }

    #[inline]
    fn min(self, other: Money) -> Step<Money> {
        Ok(self.checked_min(other)?)
    }

    #[inline]
    fn is_zero(self) -> bool {
        Money::is_zero(&self)
    }

    #[inline]
    fn is_positive(self) -> bool {
        Money::is_positive(&self)
    }

    #[inline]
    fn exceeds(self, other: Money) -> bool {
        self > other
    }

    #[inline]
    fn equals(self, other: Money) -> bool {
        self == other
    }

    fn standings(standings: Vec<Standing<Money>>) -> Standings {
        Standings::Money(standings)
    }
}

/// A plain amount of the allocation's currency as a count of its minor units.
#[derive(Debug, Clone, Copy)]
struct Minor(i64);

impl Amount for Minor {
    #[inline]
    fn of(money: Money, currency: Currency) -> Step<Minor> {
        match money.plain_minor() {
            Some(minor) if money.currency() == currency => Ok(Minor(minor)),
            _ => Err(Stop::NotPlain),
        }
    }

    #[inline]
    fn money(self, currency: Currency) -> Money {
        Money::of_minor(self.0, currency)
    }

    #[inline]
    fn plus(self, other: Minor) -> Step<Minor> {
        self.0.checked_add(other.0).map(Minor).ok_or(Stop::NotPlain)
    }

    #[inline]
    fn minus(self, other: Minor) -> Step<Minor> {
        self.0.checked_sub(other.0).map(Minor).ok_or(Stop::NotPlain)
    }

    #[inline]
    fn min(self, other: Minor) -> Step<Minor> {
        Ok(if other.0 < self.0 { other } else { self })
    }

    #[inline]
    fn is_zero(self) -> bool {
        self.0 == 0
    }

    #[inline]
    fn is_positive(self) -> bool {
        self.0 > 0
    }

    #[inline]
    fn exceeds(self, other: Minor) -> bool {
        self.0 > other.0
    }

    #[inline]
    fn equals(self, other: Minor) -> bool {
        self.0 == other.0
    }

    fn standings(standings: Vec<Standing<Minor>>) -> Standings {
        Standings::Minor(standings)
    }
}

/// Where one instalment stands after the payments processed so far.
#[derive(Debug, Clone)]
struct Standing<A> {
    number: u32,
    due_date: NaiveDate,
    amount: A,
    /// What is still owed of the instalment's own parts.
    fees: A,
    interest: A,
    principal: A,
    /// Penalties accrued as of `accrued_on`, and what was paid of them.
    late_interest_accrued: A,
    late_interest_paid: A,
    compensation_accrued: A,
    compensation_paid: A,
    /// The sum of the payments on its own parts.
    paid_total: A,
    /// Once the allocation is over: unpaid, paid and penalties paid.
    unpaid: A,
    paid: A,
    penalties_paid: A,
    paid_in_full_on: Option<NaiveDate>,
    /// The date the penalties were last computed as of.
    accrued_on: Option<NaiveDate>,
    /// Paid in full and its penalties computed as of that day or later: they no longer change.
    accrual_final: bool,
    /// Nothing owed and nothing more to accrue: payments pass it by without looking.
    settled: bool,
    /// For a charge, the component it is paid as (its amount is held in `fees`); `None` for an
    /// instalment.
    charge: Option<Component>,
    /// The day it can first be paid: the day a charge was added (the earliest date for an
    /// instalment).
    from: NaiveDate,
    /// Its place in the schedule, of its item in [`Books::items`], of its line in
    /// [`Books::penalties`].
    index: u32,
    /// How many shares of payments went to it, and where the first and the last are among all
    /// the shares.
    shares: usize,
    first_share: u32,
    last_share: u32,
    /// Where the first and the last payment on its own parts are in [`Books::paid`].
    first_paid: u32,
    last_paid: u32,
}

impl<A: Amount> Standing<A> {
    /// Still owed of the instalment's own parts.
    fn unpaid(&self) -> Step<A> {
        self.fees.plus(self.interest)?.plus(self.principal)
    }

    fn record(&mut self, component: Component, amount: A) -> Step<()> {
        if self.charge.is_some() {
            self.fees = self.fees.minus(amount)?;
            return Ok(());
        }
        let part = match component {
            Component::Fees => &mut self.fees,
            Component::Interest => &mut self.interest,
            Component::Principal => &mut self.principal,
            Component::Penalties => {
                self.late_interest_paid = self.late_interest_paid.plus(amount)?;
                return Ok(());
            }
            Component::Compensation => {
                self.compensation_paid = self.compensation_paid.plus(amount)?;
                return Ok(());
            }
        };
        *part = part.minus(amount)?;
        Ok(())
    }

    /// Whether the instalment's own parts are paid.
    fn paid_up(&self) -> bool {
        self.fees.is_zero() && self.interest.is_zero() && self.principal.is_zero()
    }

    /// Whether nothing is owed and nothing more can accrue (`penalties`: whether they accrue at all).
    fn is_settled(&self, penalties: bool) -> bool {
        self.paid_up()
            && (!penalties
                || (self.accrual_final
                    && self.late_interest_paid.equals(self.late_interest_accrued)
                    && self.compensation_paid.equals(self.compensation_accrued)))
    }

    fn selected_by(&self, selector: InstalmentSelector, date: NaiveDate) -> bool {
        match selector {
            InstalmentSelector::Overdue => self.due_date < date,
            InstalmentSelector::DueToday => self.due_date == date,
            InstalmentSelector::NotYetDue => self.due_date > date,
        }
    }

    /// Works out unpaid, paid and penalties paid, once the allocation is over.
    fn close(&mut self) -> Step<()> {
        self.unpaid = self.unpaid()?;
        self.paid = self.amount.minus(self.unpaid)?;
        self.penalties_paid = self.late_interest_paid.plus(self.compensation_paid)?;
        Ok(())
    }

    /// The ledger of the instalment in `currency` (once closed).
    #[inline]
    fn ledger(&self, currency: Currency) -> Ledger {
        Ledger {
            number: self.number,
            due_date: self.due_date,
            amount: self.amount.money(currency),
            fees: self.fees.money(currency),
            interest: self.interest.money(currency),
            principal: self.principal.money(currency),
            late_interest_paid: self.late_interest_paid.money(currency),
            compensation_paid: self.compensation_paid.money(currency),
            paid_in_full_on: self.paid_in_full_on,
            unpaid: self.unpaid.money(currency),
            paid: self.paid.money(currency),
            penalties_paid: self.penalties_paid.money(currency),
        }
    }
}

/// The allocation under way.
struct Books<A> {
    currency: Currency,
    /// One per instalment or charge, by due date (in schedule order for the instalments).
    standings: Vec<Standing<A>>,
    /// One overdue item per standing, in the same order.
    items: Vec<OverdueItem>,
    /// One per standing: the penalty line of its last accrual.
    penalties: Vec<Option<ItemPenalty>>,
    /// Every payment on the instalments' own parts, with where the next one on the same
    /// instalment is ([`NONE`] for none).
    paid: Vec<(PartialPayment, u32)>,
    allocations: Vec<Allocation>,
    credit: A,
    refunded: A,
    /// Every instalment before this one is settled (see [`Standing::is_settled`]).
    first_open: usize,
    /// Every instalment before this one is paid up (see [`Standing::paid_up`]).
    first_unpaid: usize,
    /// During an entry, where the instalments due before its date end, from `first_open`; and
    /// where those due on its date end.
    overdue_end: usize,
    due_today_end: usize,
}

impl<A: Amount> Books<A> {
    /// Finds, for an entry of `date`, where the instalments due before it and on it end: due dates
    /// increase along a schedule, so the first one due later ends them.
    fn bound(&mut self, date: NaiveDate) {
        let from = self.standings.get(self.first_open..).unwrap_or_default();
        let overdue = from.iter().take_while(|l| l.due_date < date).count();
        self.overdue_end = self.first_open.saturating_add(overdue);
        let from = self.standings.get(self.overdue_end..).unwrap_or_default();
        let due_today = from.iter().take_while(|l| l.due_date == date).count();
        self.due_today_end = self.overdue_end.saturating_add(due_today);
    }

    /// Moves `first_open` and `first_unpaid` past the instalments settled or paid up so far.
    fn advance(&mut self) {
        let settled = self.standings.get(self.first_open..).unwrap_or_default();
        self.first_open = self
            .first_open
            .saturating_add(settled.iter().take_while(|l| l.settled).count());
        let paid_up = self.standings.get(self.first_unpaid..).unwrap_or_default();
        self.first_unpaid = self
            .first_unpaid
            .saturating_add(paid_up.iter().take_while(|l| l.paid_up()).count());
    }
}

/// `index` as a place in a list of places.
fn place(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(NONE)
}

/// The payments on the instalment whose first payment is at `first` of `paid`, in date order,
/// into `into` (emptied first).
fn gather(paid: &[(PartialPayment, u32)], first: u32, into: &mut Vec<PartialPayment>) {
    into.clear();
    let mut next = first;
    while let Some((payment, after)) = usize::try_from(next).ok().and_then(|at| paid.get(at)) {
        into.push(*payment);
        next = *after;
    }
}

/// A standing with nothing paid yet.
fn standing<A: Amount>(
    number: u32,
    due_date: NaiveDate,
    [amount, fees, interest, principal]: [A; 4],
    zero: A,
    index: usize,
) -> Standing<A> {
    Standing {
        number,
        due_date,
        amount,
        fees,
        interest,
        principal,
        late_interest_accrued: zero,
        late_interest_paid: zero,
        compensation_accrued: zero,
        compensation_paid: zero,
        paid_total: zero,
        unpaid: zero,
        paid: zero,
        penalties_paid: zero,
        paid_in_full_on: None,
        accrued_on: None,
        accrual_final: false,
        settled: false,
        charge: None,
        from: NaiveDate::MIN,
        index: place(index),
        shares: 0,
        first_share: NONE,
        last_share: NONE,
        first_paid: NONE,
        last_paid: NONE,
    }
}

/// The allocation in the arithmetic `A`.
fn run<A: Amount>(
    owed: Owed<'_>,
    entries: &[Entry<'_>],
    opening_credit: Money,
    policy: &AllocationPolicy,
    penalties: Option<&PenaltyPolicy>,
) -> Step<Allocated> {
    let schedule = owed.schedule;
    let currency = schedule.currency();
    let zero = A::of(Money::zero(currency), currency)?;
    let count = schedule
        .instalments()
        .len()
        .saturating_add(owed.charges.len());
    // What the statement keeps first, then what the allocation needs only while it runs: the
    // lists kept are carved from the memory the last statement left rather than added past it.
    let allocations = Vec::with_capacity(entries.len().saturating_mul(3));
    let penalty_lines = core::iter::repeat_with(|| None).take(count).collect();
    let mut items = Vec::with_capacity(count);
    let mut standings = Vec::with_capacity(count);
    // The charges by due date (those of one day in the order given), each after the instalments
    // due the same day: the walks of the allocation follow due dates.
    let mut charges: Vec<(u32, &Charge)> = (1_u32..).zip(owed.charges).collect();
    charges.sort_by_key(|(_, c)| c.due_date());
    let mut charges = charges.into_iter().peekable();
    for i in schedule.instalments() {
        while let Some((number, charge)) = charges.next_if(|(_, c)| c.due_date() < i.due_date()) {
            push_charge(&mut standings, &mut items, number, charge, zero, currency)?;
        }
        let amount = i.amount();
        let parts = [
            A::of(amount, currency)?,
            A::of(i.fees(), currency)?,
            A::of(i.interest(), currency)?,
            A::of(i.principal(), currency)?,
        ];
        standings.push(standing(
            i.number(),
            i.due_date(),
            parts,
            zero,
            standings.len(),
        ));
        if amount.is_positive() {
            items.push(OverdueItem::instalment_of(i.number(), i.due_date(), amount));
        } else {
            // Its error.
            items.push(OverdueItem::instalment(i.number(), i.due_date(), amount)?);
        }
    }
    for (number, charge) in charges {
        push_charge(&mut standings, &mut items, number, charge, zero, currency)?;
    }
    let mut done = Books {
        currency,
        standings,
        items,
        penalties: penalty_lines,
        paid: Vec::with_capacity(entries.len().saturating_mul(2)),
        allocations,
        credit: A::of(opening_credit, currency)?,
        refunded: zero,
        first_open: 0,
        first_unpaid: 0,
        overdue_end: 0,
        due_today_end: 0,
    };
    let surplus_order = policy.component_order();
    // The steps of an instalment-by-instalment sweep, grouped by selector: each group pays every
    // instalment it selects of its components in turn.
    let mut groups: Vec<(InstalmentSelector, Vec<Component>)> = Vec::new();
    if policy.sweep() == Sweep::InstalmentByInstalment {
        for step in policy.steps() {
            match groups.last_mut() {
                Some((selector, components)) if *selector == step.selector() => {
                    components.push(step.component());
                }
                _ => groups.push((step.selector(), vec![step.component()])),
            }
        }
    }
    let mut run = Run {
        date: NaiveDate::MIN,
        currency,
        penalties,
        left: zero,
        template: Allocation {
            payment: SharedStr::new(""),
            date: NaiveDate::MIN,
            target: AllocationTarget::Credit,
            amount: Money::zero(currency),
        },
        parts: Vec::with_capacity(8),
        next_share: Vec::with_capacity(entries.len().saturating_mul(4)),
        known: Vec::with_capacity(8),
    };
    for entry in entries {
        // The shares of the entry hold its reference.
        run.template.payment = match entry {
            Entry::Payment(p) => p.shared_reference().clone(),
            Entry::Credit(m) => SharedStr::new(m.reference()),
        };
        let (date, amount, surplus) = match entry {
            Entry::Payment(p) => (p.date, A::of(p.amount, currency)?, policy.surplus()),
            Entry::Credit(m) => {
                let amount = A::of(m.amount(), currency)?;
                if amount.exceeds(done.credit) {
                    return Err(Stop::from(Error::InsufficientCredit {
                        reference: m.reference().to_owned(),
                        amount: m.amount(),
                        held: done.credit.money(currency),
                    }));
                }
                done.credit = done.credit.minus(amount)?;
                if m.kind() == CreditUse::Refunded {
                    done.refunded = done.refunded.plus(amount)?;
                    continue;
                }
                // Credit applied goes on to the next instalments whatever the policy keeps.
                (m.date(), amount, Surplus::ApplyToNextInstalments)
            }
        };
        run.start(date, amount);
        done.bound(date);
        match policy.sweep() {
            Sweep::InstalmentByInstalment => {
                for (selector, components) in &groups {
                    run.by_instalment(&mut done, *selector, components)?;
                }
            }
            // Component by component: each step is a sweep of its instalments for one component.
            // With nothing due before the entry's date or on it, only the steps on the instalments
            // not yet due can pay anything.
            Sweep::ComponentByComponent => {
                let nothing_due = done.first_open >= done.due_today_end;
                for step in policy.steps() {
                    if nothing_due && step.selector() != InstalmentSelector::NotYetDue {
                        continue;
                    }
                    run.by_instalment(
                        &mut done,
                        step.selector(),
                        core::slice::from_ref(&step.component()),
                    )?;
                }
            }
        }
        if surplus == Surplus::ApplyToNextInstalments {
            run.by_instalment(&mut done, InstalmentSelector::NotYetDue, &surplus_order)?;
        }
        if run.left.is_positive() {
            done.credit = done.credit.plus(run.left)?;
            if let Entry::Payment(_) = entry {
                run.share_to(&mut done.allocations, AllocationTarget::Credit, run.left);
                run.next_share.push(NONE);
            }
        }
        record(&mut done, date, &run.parts, penalties)?;
        done.advance();
    }
    close(done, run.next_share)
}

/// Adds charge `number` to the standings and its item to the items.
fn push_charge<A: Amount>(
    standings: &mut Vec<Standing<A>>,
    items: &mut Vec<OverdueItem>,
    number: u32,
    charge: &Charge,
    zero: A,
    currency: Currency,
) -> Step<()> {
    let amount = A::of(charge.amount(), currency)?;
    let mut owed = standing(
        number,
        charge.due_date(),
        [amount, amount, zero, zero],
        zero,
        standings.len(),
    );
    owed.charge = Some(charge.kind().component());
    owed.from = charge.added_on();
    // No late-payment interest accrues on a charge: its penalties are final from the start.
    owed.accrual_final = true;
    standings.push(owed);
    items.push(OverdueItem::new(
        charge.reference(),
        charge.due_date(),
        charge.amount(),
    )?);
    Ok(())
}

/// The allocation once every entry is processed: each item with its payments (the payments of
/// all the items in one list), the final penalty lines, the ledgers.
fn close<A: Amount>(done: Books<A>, next_share: Vec<u32>) -> Step<Allocated> {
    let Books {
        currency,
        mut standings,
        mut items,
        mut penalties,
        paid,
        allocations,
        credit,
        refunded,
        ..
    } = done;
    let mut payments = Vec::new();
    let mut charged = false;
    for ((standing, item), line) in standings
        .iter_mut()
        .zip(items.iter_mut())
        .zip(penalties.iter_mut())
    {
        standing.close()?;
        charged |= standing.charge.is_some();
        gather(&paid, standing.first_paid, &mut payments);
        item.set_payments(&payments);
        if !standing.accrual_final {
            *line = None;
        }
    }
    // The charges apart, in the order they were given; the instalments, their items and their
    // penalty lines keep the schedule's order.
    let mut charges = Vec::new();
    if charged {
        let mut kept = Vec::with_capacity(standings.len());
        let mut kept_items = Vec::with_capacity(items.len());
        let mut kept_lines = Vec::with_capacity(penalties.len());
        for ((standing, item), line) in standings.into_iter().zip(items).zip(penalties) {
            if standing.charge.is_some() {
                charges.push(standing);
            } else {
                kept.push(standing);
                kept_items.push(item);
                kept_lines.push(line);
            }
        }
        charges.sort_by_key(|c| c.number);
        (standings, items, penalties) = (kept, kept_items, kept_lines);
    }
    Ok(Allocated {
        currency,
        standings: A::standings(standings),
        charges: A::standings(charges),
        allocations,
        next_share,
        credit: credit.money(currency),
        refunded: refunded.money(currency),
        items,
        penalties,
    })
}

/// Brings the penalties of `ledger` (an instalment with the payments on its own parts `known`,
/// its item `item`, its last penalty line in `line`) up to `date`, if it is overdue then.
///
/// Each instalment is its own claim for the compensation, so computing the items one by one gives
/// the figures of one computation over all of them. An instalment paid in full has stopped accruing:
/// once its penalties are computed as of a date on or after that day they are final.
#[inline(never)]
fn accrue<A: Amount>(
    ledger: &mut Standing<A>,
    item: &OverdueItem,
    line: &mut Option<ItemPenalty>,
    known: &[PartialPayment],
    penalties: &PenaltyPolicy,
    date: NaiveDate,
    currency: Currency,
) -> Step<()> {
    if ledger.due_date >= date || ledger.accrual_final || ledger.accrued_on == Some(date) {
        return Ok(());
    }
    let (interest, compensation) = penalties.accrue_one(item, known, date, line)?;
    ledger.late_interest_accrued = A::of(interest, currency)?;
    ledger.compensation_accrued = A::of(compensation, currency)?;
    ledger.accrued_on = Some(date);
    ledger.accrual_final = ledger.paid_in_full_on.is_some();
    Ok(())
}

/// Records what one payment paid of each instalment's own parts (`parts`: the instalments' places
/// with the amounts, in order of first share): the payments of their penalty items (the base of
/// their interest), and the day each instalment was paid in full.
///
/// Penalties accrued up to a date do not depend on that day's payments: an instalment paid in full
/// on the day its penalties were accrued (under `penalties`, if they accrue) has its final
/// accrual. So has one paid in full by its due date (plus the grace days): nothing accrues on it,
/// on any later date.
fn record<A: Amount>(
    done: &mut Books<A>,
    date: NaiveDate,
    parts: &[(u32, A)],
    penalties: Option<&PenaltyPolicy>,
) -> Step<()> {
    for (index, amount) in parts {
        let money = amount.money(done.currency);
        let paid = if amount.is_positive() {
            PartialPayment {
                date,
                amount: money,
            }
        } else {
            // Its error (a share is never zero).
            PartialPayment::new(date, money)?
        };
        let at = place(done.paid.len());
        let at_index = usize::try_from(*index).ok();
        let (Some(ledger), Some(item), Some(line)) = (
            at_index.and_then(|i| done.standings.get_mut(i)),
            at_index.and_then(|i| done.items.get(i)),
            at_index.and_then(|i| done.penalties.get_mut(i)),
        ) else {
            continue;
        };
        // What `OverdueItem::with_payment` checks: the payments never exceed the amount.
        let total = ledger.paid_total.plus(*amount)?;
        if total.exceeds(ledger.amount) {
            return Err(Stop::from(Error::Overpaid {
                reference: item.reference().to_owned(),
                paid: total.money(done.currency),
                amount: item.amount(),
            }));
        }
        ledger.paid_total = total;
        done.paid.push((paid, NONE));
        match usize::try_from(ledger.last_paid)
            .ok()
            .and_then(|last| done.paid.get_mut(last))
        {
            Some((_, next)) => *next = at,
            None => ledger.first_paid = at,
        }
        ledger.last_paid = at;
        if ledger.paid_in_full_on.is_none() && ledger.unpaid()?.is_zero() {
            ledger.paid_in_full_on = Some(date);
            let (Some(policy), None) = (penalties, ledger.charge) else {
                continue;
            };
            if ledger.accrued_on == Some(date) {
                ledger.accrual_final = true;
                ledger.settled = ledger.is_settled(true);
            } else if ledger.paid_total.equals(ledger.amount) {
                // Its payments, which add up to its amount, cleared it today.
                if let Some(interest) = policy.on_time_line(item, date, line) {
                    let zero = Money::zero(done.currency);
                    ledger.late_interest_accrued = A::of(zero.plus(interest)?, done.currency)?;
                    ledger.compensation_accrued = A::of(zero, done.currency)?;
                    ledger.accrued_on = Some(date);
                    ledger.accrual_final = true;
                    ledger.settled = ledger.is_settled(true);
                }
            }
        }
    }
    Ok(())
}

/// One payment being allocated.
struct Run<'a, A> {
    date: NaiveDate,
    currency: Currency,
    penalties: Option<&'a PenaltyPolicy>,
    left: A,
    /// A share of the payment, to copy into the list of shares and complete.
    template: Allocation,
    /// What was paid of the instalments' own parts: (place of the instalment, amount), in order of
    /// first share.
    parts: Vec<(u32, A)>,
    /// For each share of every payment so far, where the next share of the same instalment is
    /// ([`NONE`] for none).
    next_share: Vec<u32>,
    /// The payments on the instalment whose penalties are being computed.
    known: Vec<PartialPayment>,
}

impl<A: Amount> Run<'_, A> {
    /// Starts allocating `amount` paid on `date` (the parts of the payment before were taken;
    /// the template of its shares holds its reference).
    fn start(&mut self, date: NaiveDate, amount: A) {
        self.date = date;
        self.left = amount;
        self.template.date = date;
        self.parts.clear();
    }

    /// Pays what `ledger` owes of `component`, as far as the money goes (`item`, `line` and
    /// `paid`: its penalty item, its last penalty line, the payments of all the items).
    #[inline]
    fn pay(
        &mut self,
        ledger: &mut Standing<A>,
        item: &OverdueItem,
        line: &mut Option<ItemPenalty>,
        paid: &[(PartialPayment, u32)],
        allocations: &mut Vec<Allocation>,
        component: Component,
    ) -> Step<()> {
        if !self.left.is_positive() {
            return Ok(());
        }
        let owed = match (ledger.charge, component) {
            // A charge is paid as one component, its amount held in `fees`.
            (Some(paid_as), _) if paid_as == component => ledger.fees,
            (Some(_), _) => return Ok(()),
            (None, Component::Fees) => ledger.fees,
            (None, Component::Interest) => ledger.interest,
            (None, Component::Principal) => ledger.principal,
            (None, Component::Penalties | Component::Compensation) => {
                if let Some(penalties) = self.penalties {
                    if ledger.due_date < self.date
                        && !ledger.accrual_final
                        && ledger.accrued_on != Some(self.date)
                    {
                        gather(paid, ledger.first_paid, &mut self.known);
                        accrue(
                            ledger,
                            item,
                            line,
                            &self.known,
                            penalties,
                            self.date,
                            self.currency,
                        )?;
                    }
                }
                let (accrued, paid) = if component == Component::Penalties {
                    (ledger.late_interest_accrued, ledger.late_interest_paid)
                } else {
                    (ledger.compensation_accrued, ledger.compensation_paid)
                };
                // Nothing accrued, nothing owed (what was paid of it is never negative); nothing
                // paid, all of it.
                if accrued.is_zero() {
                    return Ok(());
                }
                if paid.is_zero() {
                    accrued
                } else {
                    accrued.minus(paid)?
                }
            }
        };
        if !owed.is_positive() {
            return Ok(());
        }
        self.share(ledger, allocations, component, owed)
    }

    /// Pays `owed` of `component` to `ledger`, as far as the money goes.
    #[inline(never)]
    fn share(
        &mut self,
        ledger: &mut Standing<A>,
        allocations: &mut Vec<Allocation>,
        component: Component,
        owed: A,
    ) -> Step<()> {
        let amount = owed.min(self.left)?;
        ledger.record(component, amount)?;
        self.left = self.left.minus(amount)?;
        if component.is_instalment_part() || ledger.charge.is_some() {
            match self.parts.iter_mut().find(|(i, _)| *i == ledger.index) {
                Some((_, sum)) => *sum = sum.plus(amount)?,
                None => self.parts.push((ledger.index, amount)),
            }
        }
        ledger.shares = ledger.shares.saturating_add(1);
        let at = place(self.next_share.len());
        self.next_share.push(NONE);
        match usize::try_from(ledger.last_share)
            .ok()
            .and_then(|last| self.next_share.get_mut(last))
        {
            Some(next) => *next = at,
            None => ledger.first_share = at,
        }
        ledger.last_share = at;
        let target = match ledger.charge {
            None => AllocationTarget::Instalment {
                number: ledger.number,
                component,
            },
            Some(_) => AllocationTarget::Charge {
                number: ledger.number,
                component,
            },
        };
        self.share_to(allocations, target, amount);
        Ok(())
    }

    /// Adds the share of `amount` to `target` to `allocations`: made in its place in the list, not
    /// made then copied there.
    #[inline]
    fn share_to(&self, allocations: &mut Vec<Allocation>, target: AllocationTarget, amount: A) {
        allocations.extend_from_slice(core::slice::from_ref(&self.template));
        if let Some(share) = allocations.last_mut() {
            share.target = target;
            share.amount = amount.money(self.currency);
        }
    }

    /// Pays each instalment `selector` picks, oldest first, component by component in
    /// `components`, as far as the money goes.
    ///
    /// The instalments due before the payment's date (or on it) end where [`Books::bound`] found.
    /// Those before `first_open` are settled and those before `first_unpaid` paid up, which for one
    /// not yet due means it owes nothing (its penalties cannot have accrued): the walk starts past
    /// them, so the instalments settled long ago are not walked through again at every payment.
    #[inline]
    fn by_instalment(
        &mut self,
        done: &mut Books<A>,
        selector: InstalmentSelector,
        components: &[Component],
    ) -> Step<()> {
        // A walk stops at the first instalment it would pay once the money is gone: it does nothing.
        if !self.left.is_positive() {
            return Ok(());
        }
        let (next, end) = match selector {
            InstalmentSelector::Overdue => (done.first_open, done.overdue_end),
            InstalmentSelector::DueToday => (done.overdue_end, done.due_today_end),
            InstalmentSelector::NotYetDue => (done.first_unpaid, done.standings.len()),
        };
        if next >= end {
            return Ok(());
        }
        self.walk(done, selector, components, next, end)
    }

    /// [`Run::by_instalment`] over the instalments from `next` to `end`.
    #[inline(never)]
    fn walk(
        &mut self,
        done: &mut Books<A>,
        selector: InstalmentSelector,
        components: &[Component],
        mut next: usize,
        end: usize,
    ) -> Step<()> {
        let date = self.date;
        while next < end {
            let (Some(ledger), Some(item), Some(line)) = (
                done.standings.get_mut(next),
                done.items.get(next),
                done.penalties.get_mut(next),
            ) else {
                break;
            };
            next = next.saturating_add(1);
            if ledger.settled
                || !ledger.selected_by(selector, date)
                || (ledger.due_date >= date && ledger.paid_up())
                || ledger.from > date
            {
                continue;
            }
            if !self.left.is_positive() {
                break;
            }
            for component in components {
                self.pay(
                    ledger,
                    item,
                    line,
                    &done.paid,
                    &mut done.allocations,
                    *component,
                )?;
            }
            ledger.settled = ledger.is_settled(self.penalties.is_some());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::{Claim, Compensation, Debt, Frequency, Interest, PenaltyRate, PlanRequest, Sizing};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// What an allocation gives a statement.
    fn summary(done: &Allocated) -> String {
        let ledgers: Vec<(Ledger, Vec<&Allocation>)> = (0..done.len())
            .map(|i| (done.ledger(i).unwrap(), done.shares_of(i).collect()))
            .collect();
        format!(
            "{ledgers:?} {:?} {:?} {} {} {:?}",
            done.allocations, done.items, done.credit, done.refunded, done.penalties
        )
    }

    /// The allocation in minor units and in money, side by side.
    fn both(
        schedule: &Schedule,
        payments: &[Payment],
        policy: &AllocationPolicy,
        penalties: Option<&PenaltyPolicy>,
    ) -> (String, String) {
        let entries = entries(payments, &[]);
        let zero = Money::zero(schedule.currency());
        let owed = Owed {
            schedule,
            charges: &[],
        };
        let minor = run::<Minor>(owed, &entries, zero, policy, penalties).unwrap();
        let money = run::<Money>(owed, &entries, zero, policy, penalties).unwrap();
        assert!(matches!(minor.standings, Standings::Minor(_)));
        assert!(matches!(money.standings, Standings::Money(_)));
        (summary(&minor), summary(&money))
    }

    #[test]
    fn minor_units_allocate_as_money() {
        let debt = Debt::single(Claim::new("L-1", "5000.00 EUR".parse().unwrap()).unwrap());
        let plan = PlanRequest::new(
            debt,
            date(2027, 1, 31),
            Frequency::MONTHLY,
            Sizing::Count(12),
        )
        .interest(Interest::Annuity("7%".parse().unwrap()))
        .generate()
        .unwrap();
        let payments: Vec<Payment> = (0..15_u32)
            .map(|k| {
                let day = u64::from(k) * 23 + if k % 4 == 1 { 17 } else { 0 };
                let amount = Money::from_minor(i64::from(20_000 + (k % 5) * 13_333), Currency::EUR);
                Payment::new(
                    format!("P-{k}"),
                    date(2027, 1, 20)
                        .checked_add_days(chrono::Days::new(day))
                        .unwrap(),
                    amount.unwrap(),
                )
                .unwrap()
            })
            .collect();
        let penalties = PenaltyPolicy::new(PenaltyRate::fixed("9%".parse().unwrap()))
            .with_compensation(Compensation::fixed("40.00 EUR".parse().unwrap()).unwrap());
        for policy in [
            AllocationPolicy::france_1343_1(),
            AllocationPolicy::principal_first().with_sweep(Sweep::InstalmentByInstalment),
            AllocationPolicy::germany_bgb_497_consumer().with_surplus(Surplus::KeepAsCredit),
        ] {
            for penalties in [None, Some(&penalties)] {
                let (minor, money) = both(&plan, &payments, &policy, penalties);
                assert_eq!(minor, money);
            }
        }
    }

    fn plan_of_twelve() -> Schedule {
        let debt = Debt::single(Claim::new("L-1", "1200.00 EUR".parse().unwrap()).unwrap());
        PlanRequest::new(
            debt,
            date(2027, 1, 31),
            Frequency::MONTHLY,
            Sizing::Count(12),
        )
        .generate()
        .unwrap()
    }

    #[test]
    fn entries_go_by_date_payments_before_the_credit_moves_of_their_day() {
        let eur = |s: &str| format!("{s} EUR").parse::<Money>().unwrap();
        let payments = [
            Payment::new("P-5", date(2027, 2, 5), eur("100.00")).unwrap(),
            Payment::new("P-20", date(2027, 2, 20), eur("100.00")).unwrap(),
        ];
        let moves = [
            CreditMove::new("C-10", date(2027, 2, 10), eur("1.00"), CreditUse::Applied).unwrap(),
            CreditMove::new("C-20", date(2027, 2, 20), eur("1.00"), CreditUse::Refunded).unwrap(),
            CreditMove::new("C-25", date(2027, 2, 25), eur("1.00"), CreditUse::Applied).unwrap(),
        ];
        let order: Vec<&str> = entries(&payments, &moves)
            .iter()
            .map(|e| match e {
                Entry::Payment(p) => p.reference(),
                Entry::Credit(m) => m.reference(),
            })
            .collect();
        assert_eq!(order, ["P-5", "C-10", "P-20", "C-20", "C-25"]);
    }

    #[test]
    fn credit_used_beyond_what_is_held_is_refused_in_both_arithmetics() {
        let plan = plan_of_twelve();
        let owed = Owed {
            schedule: &plan,
            charges: &[],
        };
        let policy = AllocationPolicy::france_1343_1();
        let held: Money = "10.00 EUR".parse().unwrap();
        let using = |amount: &str| {
            [CreditMove::new(
                "C-1",
                date(2027, 1, 10),
                amount.parse().unwrap(),
                CreditUse::Applied,
            )
            .unwrap()]
        };
        // All of it can be applied: 10.00 goes to the first instalment.
        let all = using("10.00 EUR");
        let exactly = entries(&[], &all);
        for done in [
            run::<Minor>(owed, &exactly, held, &policy, None),
            run::<Money>(owed, &exactly, held, &policy, None),
        ] {
            let done = done.unwrap();
            assert!(done.credit.is_zero());
            assert_eq!(done.ledger(0).unwrap().paid, held);
        }
        // One cent more is refused, naming the move, what it uses and what is held.
        let more = using("10.01 EUR");
        let beyond = entries(&[], &more);
        for stopped in [
            run::<Minor>(owed, &beyond, held, &policy, None).map(|_| ()),
            run::<Money>(owed, &beyond, held, &policy, None).map(|_| ()),
        ] {
            let Err(Stop::Failed(error)) = stopped else {
                panic!("credit beyond what is held was used: {stopped:?}");
            };
            assert_eq!(
                *error,
                Error::InsufficientCredit {
                    reference: "C-1".to_owned(),
                    amount: "10.01 EUR".parse().unwrap(),
                    held,
                }
            );
        }
    }

    /// `payments` (reference, date, amount in EUR) allocated to the plan of twelve, in minor
    /// units (checked to give what money gives).
    fn allocated(
        payments: &[(&str, NaiveDate, &str)],
        policy: &AllocationPolicy,
        penalties: Option<&PenaltyPolicy>,
    ) -> Allocated {
        let plan = plan_of_twelve();
        let payments: Vec<Payment> = payments
            .iter()
            .map(|(r, d, a)| Payment::new(*r, *d, format!("{a} EUR").parse().unwrap()).unwrap())
            .collect();
        let (minor, money) = both(&plan, &payments, policy, penalties);
        assert_eq!(minor, money);
        let owed = Owed {
            schedule: &plan,
            charges: &[],
        };
        let zero = Money::zero(Currency::EUR);
        run::<Minor>(owed, &entries(&payments, &[]), zero, policy, penalties).unwrap()
    }

    #[test]
    fn penalties_left_on_an_instalment_paid_up_late_are_paid_by_the_next_payment() {
        let penalties = PenaltyPolicy::new(PenaltyRate::fixed("9%".parse().unwrap()))
            .with_compensation(Compensation::fixed("40.00 EUR".parse().unwrap()).unwrap());
        // Principal first: 100.00 on 3 March pays the principal of the first instalment (due
        // 31 January) and nothing of its penalties; 300.00 on 10 April pays the principal of the
        // next two, then the penalties of all three, oldest first.
        let done = allocated(
            &[
                ("P-1", date(2027, 3, 3), "100.00"),
                ("P-2", date(2027, 4, 10), "300.00"),
            ],
            &AllocationPolicy::principal_first(),
            Some(&penalties),
        );
        let first = done.ledger(0).unwrap();
        assert_eq!(first.paid_in_full_on, Some(date(2027, 3, 3)));
        // 100.00 at 9 % for the 31 days from 31 January to 3 March, on a year of 365 days: 0.764.
        assert_eq!(first.late_interest_paid, "0.76 EUR".parse().unwrap());
        assert_eq!(first.compensation_paid, "40.00 EUR".parse().unwrap());
        let shares: Vec<(&str, Component)> = done
            .shares_of(0)
            .filter_map(|a| Some((a.payment(), a.target.component()?)))
            .collect();
        assert_eq!(
            shares,
            [
                ("P-1", Component::Principal),
                ("P-2", Component::Penalties),
                ("P-2", Component::Compensation)
            ]
        );
    }

    #[test]
    fn a_step_on_the_instalments_not_yet_due_pays_only_those_due_after_the_payment() {
        // Only the principal of the instalments not yet due, anything left kept as credit.
        let policy = AllocationPolicy::new()
            .then(InstalmentSelector::NotYetDue, Component::Principal)
            .with_surplus(Surplus::KeepAsCredit);
        let eur = |s: &str| format!("{s} EUR").parse::<Money>().unwrap();
        let (none, all, half) = (eur("0.00"), eur("100.00"), eur("50.00"));
        // The instalments are due on 31 January, 28 February, 31 March…: 150.00 paid before the
        // first is due, after it, and on the day the second is due.
        for (day, expected) in [
            (date(2027, 1, 20), [all, half, none, none]),
            (date(2027, 2, 10), [none, all, half, none]),
            (date(2027, 2, 28), [none, none, all, half]),
        ] {
            let done = allocated(&[("P-1", day, "150.00")], &policy, None);
            let paid: Vec<Money> = (0..4).map(|i| done.ledger(i).unwrap().paid).collect();
            assert_eq!(paid, expected, "paid on {day}");
            assert!(done.credit.is_zero());
        }
    }

    #[test]
    fn an_instalment_by_instalment_sweep_pays_the_instalment_due_that_day() {
        let policy = AllocationPolicy::france_1343_1()
            .with_sweep(Sweep::InstalmentByInstalment)
            .with_surplus(Surplus::KeepAsCredit);
        let done = allocated(&[("P-1", date(2027, 1, 31), "100.00")], &policy, None);
        let first = done.ledger(0).unwrap();
        assert_eq!(first.paid, "100.00 EUR".parse().unwrap());
        assert_eq!(first.paid_in_full_on, Some(date(2027, 1, 31)));
        assert!(done.credit.is_zero());
    }

    /// A fee of 30.00 added on `added_on`, due on `due`.
    fn reminder_fee(added_on: NaiveDate, due: NaiveDate) -> Charge {
        let amount = "30.00 EUR".parse().unwrap();
        Charge::new(
            "F-1",
            "reminder fee",
            crate::ChargeKind::Fee,
            added_on,
            due,
            amount,
        )
        .unwrap()
    }

    #[test]
    fn a_charge_due_the_day_of_an_instalment_is_paid_after_it() {
        let plan = plan_of_twelve();
        let charges = [reminder_fee(date(2027, 1, 10), date(2027, 1, 31))];
        let owed = Owed {
            schedule: &plan,
            charges: &charges,
        };
        // Instalment by instalment, the first instalment (due 31 January) takes all of 50.00
        // before the fee due the same day is reached.
        let policy = AllocationPolicy::france_1343_1().with_sweep(Sweep::InstalmentByInstalment);
        let payments =
            [Payment::new("P-1", date(2027, 2, 10), "50.00 EUR".parse().unwrap()).unwrap()];
        let zero = Money::zero(Currency::EUR);
        let done = run::<Minor>(owed, &entries(&payments, &[]), zero, &policy, None).unwrap();
        assert_eq!(done.ledger(0).unwrap().paid, "50.00 EUR".parse().unwrap());
        let (fee, shares) = done.charge(0).unwrap();
        assert!(fee.paid.is_zero() && shares.is_empty());
        // Paid again a month later, 100.00 settles the first instalment, then the fee.
        let later = [
            payments[0].clone(),
            Payment::new("P-2", date(2027, 3, 10), "100.00 EUR".parse().unwrap()).unwrap(),
        ];
        let done = run::<Minor>(owed, &entries(&later, &[]), zero, &policy, None).unwrap();
        assert_eq!(done.ledger(0).unwrap().paid, "100.00 EUR".parse().unwrap());
        let (fee, shares) = done.charge(0).unwrap();
        assert_eq!(fee.paid, "30.00 EUR".parse().unwrap());
        assert_eq!(shares.len(), 1);
    }

    #[test]
    fn a_payment_pays_a_charge_from_the_day_it_was_added() {
        let plan = plan_of_twelve();
        let charges = [reminder_fee(date(2027, 2, 20), date(2027, 3, 15))];
        let owed = Owed {
            schedule: &plan,
            charges: &charges,
        };
        let policy =
            AllocationPolicy::france_1343_1().with_surplus(Surplus::ApplyToNextInstalments);
        let eur = |s: &str| format!("{s} EUR").parse::<Money>().unwrap();
        let zero = Money::zero(Currency::EUR);
        // 250.00 pays the first instalment (overdue) and, in advance, the second (28 February),
        // the fee (15 March) and the third (31 March), in the order they fall due; the day
        // before the fee was added, it passes the fee by.
        for (day, fee_paid, third_paid) in [
            (date(2027, 2, 19), eur("0.00"), eur("50.00")),
            (date(2027, 2, 20), eur("30.00"), eur("20.00")),
        ] {
            let payments = [Payment::new("P-1", day, eur("250.00")).unwrap()];
            let done = run::<Minor>(owed, &entries(&payments, &[]), zero, &policy, None).unwrap();
            let (fee, _) = done.charge(0).unwrap();
            assert_eq!(fee.paid, fee_paid, "paid on {day}");
            assert_eq!(done.ledger(2).unwrap().paid, third_paid, "paid on {day}");
        }
    }

    #[test]
    fn an_amount_that_is_not_plain_allocates_in_money() {
        let minor = Minor::of(Money::zero(Currency::EUR), Currency::EUR);
        assert!(matches!(minor, Ok(Minor(0))));
        let mut negative_zero = rust_decimal::Decimal::ZERO;
        negative_zero.set_sign_negative(true);
        let signed = Money::new(negative_zero, Currency::EUR).unwrap();
        assert!(matches!(
            Minor::of(signed, Currency::EUR),
            Err(Stop::NotPlain)
        ));
        assert!(matches!(
            Minor::of(Money::zero(Currency::USD), Currency::EUR),
            Err(Stop::NotPlain)
        ));
        assert!(matches!(
            Minor(i64::MAX).plus(Minor(1)),
            Err(Stop::NotPlain)
        ));
    }
}
