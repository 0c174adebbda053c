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
use std::sync::Arc;

use crate::money::{Currency, Money, SharedSlice, SharedStr};
use crate::payment::policy::{AllocationPolicy, Component, InstalmentSelector, Surplus, Sweep};
use crate::payment::{
    Allocation, AllocationTarget, CreditMove, CreditUse, PartialPayment, Payment,
};
use crate::penalty::{ItemPenalty, OverdueItem, PenaltyPolicy};
use crate::schedule::Schedule;

/// Where one instalment stands once every payment is allocated.
#[derive(Debug, Clone)]
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
    /// Its penalty line once it no longer changes (paid in full, and computed as of that day or
    /// later): the line of a computation as of any later date.
    final_penalty: Option<ItemPenalty>,
    /// How many shares of payments went to it.
    pub(crate) shares: usize,
    /// Where the first of them is in [`Allocated::allocations`], if any: the next one of the same
    /// instalment is at [`Allocated::next_share`] of its place.
    pub(crate) first_share: Option<usize>,
    /// Unpaid, paid and penalties paid, when the allocation worked them out already.
    totals: Option<Totals>,
}

/// What a statement line adds up from a ledger.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Totals {
    /// Still owed of the own parts: fees + interest + principal.
    pub(crate) unpaid: Money,
    /// Paid of the own parts: amount − unpaid.
    pub(crate) paid: Money,
    /// Late interest paid + compensation paid.
    pub(crate) penalties_paid: Money,
}

impl Ledger {
    /// Still owed of the instalment's own parts.
    pub(crate) fn unpaid(&self) -> Result<Money> {
        self.fees.plus(self.interest)?.plus(self.principal)
    }

    /// Unpaid, paid and penalties paid.
    pub(crate) fn totals(&self) -> Result<Totals> {
        if let Some(totals) = self.totals {
            return Ok(totals);
        }
        let unpaid = self.unpaid()?;
        Ok(Totals {
            unpaid,
            paid: self.amount.minus(unpaid)?,
            penalties_paid: self.late_interest_paid.plus(self.compensation_paid)?,
        })
    }

    /// The penalty line of the instalment once it no longer changes: the line of a computation as
    /// of any later date.
    pub(crate) fn take_final_penalty(&mut self) -> Option<ItemPenalty> {
        self.final_penalty.take()
    }
}

/// Every payment allocated.
#[derive(Debug, Clone)]
pub(crate) struct Allocated {
    /// One per instalment, in schedule order.
    pub(crate) ledgers: Vec<Ledger>,
    /// Every share of every payment, in the order the payments were processed.
    pub(crate) allocations: Vec<Allocation>,
    /// For each share, where the next share of the same instalment is (`usize::MAX` for none).
    pub(crate) next_share: Vec<usize>,
    /// The debtor's credit held after the last entry: what payments left once the policy let
    /// them settle nothing more, plus the opening credit, less what was applied or refunded.
    pub(crate) credit: Money,
    /// What was refunded of the credit.
    pub(crate) refunded: Money,
    /// One overdue item per instalment (referenced `instalment N`) with the payments on its own
    /// parts: the base of its penalties.
    pub(crate) items: Vec<OverdueItem>,
}

impl Allocated {
    /// The penalty items of the instalments due before `date` (a prefix, as due dates increase),
    /// and the ledgers, in the same order.
    pub(crate) fn penalty_items_due_before(
        &mut self,
        date: NaiveDate,
    ) -> (&[OverdueItem], &mut [Ledger]) {
        let count = self.ledgers.partition_point(|l| l.due_date < date);
        (
            self.items.get(..count).unwrap_or(&self.items),
            &mut self.ledgers,
        )
    }
}

/// What the allocation takes in, in the order it happens: a payment, or a use of the credit held.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Entry<'a> {
    Payment(&'a Payment),
    Credit(&'a CreditMove),
}

impl<'a> Entry<'a> {
    fn reference(&self) -> &'a str {
        match self {
            Entry::Payment(p) => p.reference.as_str(),
            Entry::Credit(m) => m.reference(),
        }
    }
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

/// Allocates `entries` (in date order) to `schedule` under `policy`, starting with
/// `opening_credit` held for the debtor, penalties accruing under `penalties` if given.
pub(crate) fn allocate(
    schedule: &Schedule,
    entries: &[Entry<'_>],
    opening_credit: Money,
    policy: &AllocationPolicy,
    penalties: Option<&PenaltyPolicy>,
) -> Result<Allocated> {
    Money::zero(schedule.currency()).same_currency(opening_credit)?;
    let stopped = match run::<Minor>(schedule, entries, opening_credit, policy, penalties) {
        Ok(done) => return Ok(done),
        Err(stop) => stop,
    };
    match stopped {
        Stop::Failed(error) => Err(error),
        // An amount that is not a plain one: the same allocation in `Money`, which never stops so.
        Stop::NotPlain => {
            match run::<Money>(schedule, entries, opening_credit, policy, penalties) {
                Ok(done) => Ok(done),
                Err(Stop::Failed(error)) => Err(error),
                Err(Stop::NotPlain) => Err(Error::Overflow {
                    operation: "allocating payments",
                }),
            }
        }
    }
}

/// Why an allocation stopped.
#[derive(Debug)]
enum Stop {
    /// The error of the allocation.
    Failed(Error),
    /// An amount the arithmetic does not hold exactly: the allocation is to be made in `Money`.
    NotPlain,
}

impl From<Error> for Stop {
    fn from(error: Error) -> Stop {
        Stop::Failed(error)
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
}

/// Where one instalment stands after the payments processed so far.
#[derive(Debug)]
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
    paid_in_full_on: Option<NaiveDate>,
    /// The date the penalties were last computed as of.
    accrued_on: Option<NaiveDate>,
    /// Paid in full and its penalties computed as of that day or later: they no longer change.
    accrual_final: bool,
    /// Nothing owed and nothing more to accrue: payments pass it by without looking.
    settled: bool,
    /// Its place in the schedule, and of its item in [`Books::items`].
    index: usize,
    /// The penalty line of the last accrual, as of `accrued_on`.
    penalty: Option<ItemPenalty>,
    /// How many shares of payments went to it.
    shares: usize,
    /// Where the first and the last of them are among all the shares.
    first_share: Option<usize>,
    last_share: Option<usize>,
    /// The payments on its own parts so far (the payments of its penalty item), and their sum.
    paid: Paid,
    paid_total: A,
}

/// The payments on an instalment's own parts so far, in date order: the first few in place, all
/// of them in a list past that.
#[derive(Debug)]
struct Paid {
    len: usize,
    first: [PartialPayment; PAID_IN_PLACE],
    all: Vec<PartialPayment>,
}

/// How many payments on an instalment are kept in place (most instalments have one or two).
const PAID_IN_PLACE: usize = 4;

impl Paid {
    /// None yet; `filler` fills the places.
    fn new(filler: PartialPayment) -> Paid {
        Paid {
            len: 0,
            first: [filler; PAID_IN_PLACE],
            all: Vec::new(),
        }
    }

    /// Adds `payment`, made on or after the others.
    fn push(&mut self, payment: PartialPayment) {
        if self.all.is_empty() {
            if let Some(place) = self.first.get_mut(self.len) {
                *place = payment;
                self.len = self.len.saturating_add(1);
                return;
            }
            self.all.extend_from_slice(&self.first);
        }
        self.all.push(payment);
        self.len = self.len.saturating_add(1);
    }

    fn as_slice(&self) -> &[PartialPayment] {
        if self.all.is_empty() {
            self.first.get(..self.len).unwrap_or_default()
        } else {
            &self.all
        }
    }
}

impl<A: Amount> Standing<A> {
    /// Still owed of the instalment's own parts.
    fn unpaid(&self) -> Step<A> {
        self.fees.plus(self.interest)?.plus(self.principal)
    }

    fn record(&mut self, component: Component, amount: A) -> Step<()> {
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

    /// The ledger of the instalment in `currency`.
    fn ledger(self, currency: Currency) -> Step<Ledger> {
        let unpaid = self.unpaid()?;
        let totals = Totals {
            unpaid: unpaid.money(currency),
            paid: self.amount.minus(unpaid)?.money(currency),
            penalties_paid: self
                .late_interest_paid
                .plus(self.compensation_paid)?
                .money(currency),
        };
        Ok(Ledger {
            number: self.number,
            due_date: self.due_date,
            amount: self.amount.money(currency),
            fees: self.fees.money(currency),
            interest: self.interest.money(currency),
            principal: self.principal.money(currency),
            late_interest_paid: self.late_interest_paid.money(currency),
            compensation_paid: self.compensation_paid.money(currency),
            paid_in_full_on: self.paid_in_full_on,
            final_penalty: if self.accrual_final {
                self.penalty
            } else {
                None
            },
            shares: self.shares,
            first_share: self.first_share,
            totals: Some(totals),
        })
    }
}

/// The allocation under way.
struct Books<A> {
    currency: Currency,
    /// One per instalment, in schedule order.
    standings: Vec<Standing<A>>,
    /// One overdue item per instalment, in the same order.
    items: Vec<OverdueItem>,
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

/// The allocation in the arithmetic `A`.
fn run<A: Amount>(
    schedule: &Schedule,
    entries: &[Entry<'_>],
    opening_credit: Money,
    policy: &AllocationPolicy,
    penalties: Option<&PenaltyPolicy>,
) -> Step<Allocated> {
    let currency = schedule.currency();
    let zero = A::of(Money::zero(currency), currency)?;
    // A payment nothing refers to, to fill the places of the payments not made yet.
    let filler = PartialPayment::new(NaiveDate::MIN, Money::of_minor(1, currency))?;
    let mut standings = Vec::with_capacity(schedule.instalments().len());
    let mut items = Vec::with_capacity(schedule.instalments().len());
    for (index, i) in schedule.instalments().iter().enumerate() {
        standings.push(Standing {
            number: i.number(),
            due_date: i.due_date(),
            amount: A::of(i.amount(), currency)?,
            fees: A::of(i.fees(), currency)?,
            interest: A::of(i.interest(), currency)?,
            principal: A::of(i.principal(), currency)?,
            late_interest_accrued: zero,
            late_interest_paid: zero,
            compensation_accrued: zero,
            compensation_paid: zero,
            paid_in_full_on: None,
            accrued_on: None,
            accrual_final: false,
            settled: false,
            index,
            penalty: None,
            shares: 0,
            first_share: None,
            last_share: None,
            paid: Paid::new(filler),
            paid_total: zero,
        });
        items.push(OverdueItem::instalment(
            i.number(),
            i.due_date(),
            i.amount(),
        )?);
    }
    let mut done = Books {
        currency,
        standings,
        items,
        allocations: Vec::with_capacity(entries.len().saturating_mul(4)),
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
        reference: SharedStr::new(""),
        date: NaiveDate::MIN,
        currency,
        penalties,
        left: zero,
        shares: Vec::new(),
        parts: Vec::new(),
        next_share: Vec::with_capacity(entries.len().saturating_mul(4)),
    };
    for entry in entries {
        let reference = SharedStr::new(entry.reference());
        let (date, amount, surplus) = match entry {
            Entry::Payment(p) => (p.date, A::of(p.amount, currency)?, policy.surplus()),
            Entry::Credit(m) => {
                let amount = A::of(m.amount(), currency)?;
                if amount.exceeds(done.credit) {
                    return Err(Stop::Failed(Error::InsufficientCredit {
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
        run.start(reference, date, amount);
        done.bound(date);
        match policy.sweep() {
            Sweep::InstalmentByInstalment => {
                for (selector, components) in &groups {
                    run.by_instalment(&mut done, *selector, components)?;
                }
            }
            // Component by component: each step is a sweep of its instalments for one component.
            Sweep::ComponentByComponent => {
                for step in policy.steps() {
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
                let share = Allocation {
                    payment: run.reference.clone(),
                    date,
                    target: AllocationTarget::Credit,
                    amount: run.left.money(currency),
                };
                run.shares.push(share);
                run.next_share.push(usize::MAX);
            }
        }
        record(&mut done, date, &run.parts, penalties.is_some())?;
        done.allocations.append(&mut run.shares);
        done.advance();
    }
    let Books {
        standings,
        items,
        allocations,
        credit,
        refunded,
        ..
    } = done;
    let next_share = run.next_share;
    // The payments of every item, in one list.
    let count = standings.iter().fold(0_usize, |sum, s| {
        sum.saturating_add(s.paid.as_slice().len())
    });
    let mut payments = Vec::with_capacity(count);
    for standing in &standings {
        payments.extend_from_slice(standing.paid.as_slice());
    }
    let payments = Arc::new(payments);
    let mut start = 0_usize;
    let mut ledgers = Vec::with_capacity(standings.len());
    let mut shared_items = Vec::with_capacity(items.len());
    for (standing, item) in standings.into_iter().zip(items) {
        let end = start.saturating_add(standing.paid.as_slice().len());
        shared_items.push(item.with_shared_payments(SharedSlice::within(&payments, start, end)));
        start = end;
        ledgers.push(standing.ledger(currency)?);
    }
    let items = shared_items;
    Ok(Allocated {
        ledgers,
        allocations,
        next_share,
        credit: credit.money(currency),
        refunded: refunded.money(currency),
        items,
    })
}

/// Brings the penalties of `ledger` (an instalment with the payments on its own parts in `item`)
/// up to `date`, if it is overdue then.
///
/// Each instalment is its own claim for the compensation, so computing the items one by one gives
/// the figures of one computation over all of them. An instalment paid in full has stopped accruing:
/// once its penalties are computed as of a date on or after that day they are final.
#[inline(never)]
fn accrue<A: Amount>(
    ledger: &mut Standing<A>,
    item: &OverdueItem,
    penalties: &PenaltyPolicy,
    date: NaiveDate,
    currency: Currency,
) -> Step<()> {
    if ledger.due_date >= date || ledger.accrual_final || ledger.accrued_on == Some(date) {
        return Ok(());
    }
    let (line, interest, compensation) =
        penalties.accrue_one(item, ledger.paid.as_slice(), date)?;
    ledger.late_interest_accrued = A::of(interest, currency)?;
    ledger.compensation_accrued = A::of(compensation, currency)?;
    ledger.accrued_on = Some(date);
    ledger.accrual_final = ledger.paid_in_full_on.is_some();
    ledger.penalty = Some(line);
    Ok(())
}

/// Records what one payment paid of each instalment's own parts (`parts`: the instalments' places
/// with the amounts, in order of first share): on the penalty items (the base of their interest),
/// and the day each instalment was paid in full.
///
/// Penalties accrued up to a date do not depend on that day's payments: an instalment paid in full
/// on the day its penalties were accrued (`penalties`: whether they accrue) has its final accrual.
fn record<A: Amount>(
    done: &mut Books<A>,
    date: NaiveDate,
    parts: &[(usize, A)],
    penalties: bool,
) -> Step<()> {
    for (index, amount) in parts {
        let paid = PartialPayment::new(date, amount.money(done.currency))?;
        if let (Some(ledger), Some(item)) = (done.standings.get_mut(*index), done.items.get(*index))
        {
            // What `OverdueItem::with_payment` checks: the payments never exceed the amount.
            let total = ledger.paid_total.plus(*amount)?;
            if total.exceeds(ledger.amount) {
                return Err(Stop::Failed(Error::Overpaid {
                    reference: item.reference().to_owned(),
                    paid: total.money(done.currency),
                    amount: item.amount(),
                }));
            }
            ledger.paid_total = total;
            ledger.paid.push(paid);
            if ledger.paid_in_full_on.is_none() && ledger.unpaid()?.is_zero() {
                ledger.paid_in_full_on = Some(date);
                if penalties && ledger.accrued_on == Some(date) {
                    ledger.accrual_final = true;
                    ledger.settled = ledger.is_settled(penalties);
                }
            }
        }
    }
    Ok(())
}

/// One payment being allocated.
struct Run<'a, A> {
    /// The reference of the payment (or use of the credit).
    reference: SharedStr,
    date: NaiveDate,
    currency: Currency,
    penalties: Option<&'a PenaltyPolicy>,
    left: A,
    shares: Vec<Allocation>,
    /// What was paid of the instalments' own parts: (place of the instalment, amount), in order of
    /// first share.
    parts: Vec<(usize, A)>,
    /// For each share of every payment so far, where the next share of the same instalment is
    /// (`usize::MAX` for none).
    next_share: Vec<usize>,
}

impl<'a, A: Amount> Run<'a, A> {
    /// Starts allocating `amount` paid on `date` under `reference` (the shares and parts of the
    /// payment before were taken).
    fn start(&mut self, reference: SharedStr, date: NaiveDate, amount: A) {
        self.reference = reference;
        self.date = date;
        self.left = amount;
        self.shares.clear();
        self.parts.clear();
    }

    /// Pays what `ledger` owes of `component`, as far as the money goes.
    #[inline]
    fn pay(
        &mut self,
        ledger: &mut Standing<A>,
        item: &OverdueItem,
        component: Component,
    ) -> Step<()> {
        if !self.left.is_positive() {
            return Ok(());
        }
        let owed = match component {
            Component::Fees => ledger.fees,
            Component::Interest => ledger.interest,
            Component::Principal => ledger.principal,
            Component::Penalties | Component::Compensation => {
                if let Some(penalties) = self.penalties {
                    if ledger.due_date < self.date
                        && !ledger.accrual_final
                        && ledger.accrued_on != Some(self.date)
                    {
                        accrue(ledger, item, penalties, self.date, self.currency)?;
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
        self.share(ledger, component, owed)
    }

    /// Pays `owed` of `component` to `ledger`, as far as the money goes.
    #[inline(never)]
    fn share(&mut self, ledger: &mut Standing<A>, component: Component, owed: A) -> Step<()> {
        let amount = owed.min(self.left)?;
        ledger.record(component, amount)?;
        self.left = self.left.minus(amount)?;
        if component.is_instalment_part() {
            match self.parts.iter_mut().find(|(i, _)| *i == ledger.index) {
                Some((_, sum)) => *sum = sum.plus(amount)?,
                None => self.parts.push((ledger.index, amount)),
            }
        }
        ledger.shares = ledger.shares.saturating_add(1);
        let at = self.next_share.len();
        self.next_share.push(usize::MAX);
        match ledger
            .last_share
            .and_then(|last| self.next_share.get_mut(last))
        {
            Some(next) => *next = at,
            None => ledger.first_share = Some(at),
        }
        ledger.last_share = Some(at);
        self.shares.push(Allocation {
            payment: self.reference.clone(),
            date: self.date,
            target: AllocationTarget::Instalment {
                number: ledger.number,
                component,
            },
            amount: amount.money(self.currency),
        });
        Ok(())
    }

    /// Pays each instalment `selector` picks, oldest first, component by component in
    /// `components`, as far as the money goes.
    ///
    /// The instalments due before the payment's date (or on it) end where [`Books::bound`] found.
    /// Those before `first_open` are settled and those before `first_unpaid` paid up, which for one
    /// not yet due means it owes nothing (its penalties cannot have accrued): the walk starts past
    /// them, so the instalments settled long ago are not walked through again at every payment.
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
        let date = self.date;
        let (mut next, end) = match selector {
            InstalmentSelector::Overdue => (done.first_open, done.overdue_end),
            InstalmentSelector::DueToday => (done.overdue_end, done.due_today_end),
            InstalmentSelector::NotYetDue => (done.first_unpaid, done.standings.len()),
        };
        while next < end {
            let (Some(ledger), Some(item)) = (done.standings.get_mut(next), done.items.get(next))
            else {
                break;
            };
            next = next.saturating_add(1);
            if ledger.settled
                || !ledger.selected_by(selector, date)
                || (ledger.due_date >= date && ledger.paid_up())
            {
                continue;
            }
            if !self.left.is_positive() {
                break;
            }
            for component in components {
                self.pay(ledger, item, *component)?;
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

    /// The allocation in minor units and in money, side by side.
    fn both(
        schedule: &Schedule,
        payments: &[Payment],
        policy: &AllocationPolicy,
        penalties: Option<&PenaltyPolicy>,
    ) -> (String, String) {
        let entries = entries(payments, &[]);
        let zero = Money::zero(schedule.currency());
        let minor = run::<Minor>(schedule, &entries, zero, policy, penalties).unwrap();
        let money = run::<Money>(schedule, &entries, zero, policy, penalties).unwrap();
        (format!("{minor:?}"), format!("{money:?}"))
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
