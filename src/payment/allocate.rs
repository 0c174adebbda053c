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

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::Money;
use crate::payment::policy::{AllocationPolicy, Component, InstalmentSelector, Surplus, Sweep};
use crate::payment::{
    Allocation, AllocationTarget, CreditMove, CreditUse, PartialPayment, Payment, SharedReference,
};
use crate::penalty::{ItemPenalty, OverdueItem, PenaltyPolicy};
use crate::schedule::Schedule;

/// Where one instalment stands after the payments processed so far.
#[derive(Debug, Clone)]
pub(crate) struct Ledger {
    pub(crate) number: u32,
    pub(crate) due_date: NaiveDate,
    pub(crate) amount: Money,
    /// What is still owed of the instalment's own parts.
    pub(crate) fees: Money,
    pub(crate) interest: Money,
    pub(crate) principal: Money,
    /// Penalties accrued as of `accrued_on`, and what was paid of them.
    late_interest_accrued: Money,
    pub(crate) late_interest_paid: Money,
    compensation_accrued: Money,
    pub(crate) compensation_paid: Money,
    pub(crate) paid_in_full_on: Option<NaiveDate>,
    /// The date the penalties were last computed as of.
    accrued_on: Option<NaiveDate>,
    /// Paid in full and its penalties computed as of that day or later: they no longer change.
    accrual_final: bool,
    /// Nothing owed and nothing more to accrue: payments pass it by without looking.
    settled: bool,
    /// Its place in the schedule, and of its item in [`Allocated::items`].
    index: usize,
    /// The penalty line of the last accrual, as of `accrued_on`.
    penalty: Option<ItemPenalty>,
}

impl Ledger {
    /// The penalty line of the instalment once its accrual is final: the line of a computation as
    /// of any later date.
    pub(crate) fn take_final_penalty(&mut self) -> Option<ItemPenalty> {
        if self.accrual_final {
            self.penalty.take()
        } else {
            None
        }
    }
}

impl Ledger {
    /// Paid of the instalment's own parts (fees, interest, principal).
    pub(crate) fn paid(&self) -> Result<Money> {
        self.amount.checked_sub(self.unpaid()?)
    }

    /// Still owed of the instalment's own parts.
    pub(crate) fn unpaid(&self) -> Result<Money> {
        self.fees
            .checked_add(self.interest)?
            .checked_add(self.principal)
    }

    fn owed(&self, component: Component) -> Result<Money> {
        Ok(match component {
            Component::Fees => self.fees,
            Component::Interest => self.interest,
            Component::Principal => self.principal,
            Component::Penalties => self
                .late_interest_accrued
                .checked_sub(self.late_interest_paid)?,
            Component::Compensation => self
                .compensation_accrued
                .checked_sub(self.compensation_paid)?,
        })
    }

    fn record(&mut self, component: Component, amount: Money) -> Result<()> {
        let part = match component {
            Component::Fees => &mut self.fees,
            Component::Interest => &mut self.interest,
            Component::Principal => &mut self.principal,
            Component::Penalties => {
                self.late_interest_paid = self.late_interest_paid.checked_add(amount)?;
                return Ok(());
            }
            Component::Compensation => {
                self.compensation_paid = self.compensation_paid.checked_add(amount)?;
                return Ok(());
            }
        };
        *part = part.checked_sub(amount)?;
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
                    && self.late_interest_paid == self.late_interest_accrued
                    && self.compensation_paid == self.compensation_accrued))
    }

    fn selected_by(&self, selector: InstalmentSelector, date: NaiveDate) -> bool {
        match selector {
            InstalmentSelector::Overdue => self.due_date < date,
            InstalmentSelector::DueToday => self.due_date == date,
            InstalmentSelector::NotYetDue => self.due_date > date,
        }
    }
}

/// Every payment allocated.
#[derive(Debug, Clone)]
pub(crate) struct Allocated {
    /// One per instalment, in schedule order.
    pub(crate) ledgers: Vec<Ledger>,
    /// Every share of every payment, in the order the payments were processed.
    pub(crate) allocations: Vec<Allocation>,
    /// The debtor's credit held after the last entry: what payments left once the policy let
    /// them settle nothing more, plus the opening credit, less what was applied or refunded.
    pub(crate) credit: Money,
    /// What was refunded of the credit.
    pub(crate) refunded: Money,
    /// Every instalment before this one is settled (see [`Ledger::is_settled`]).
    first_open: usize,
    /// Every instalment before this one is paid up (see [`Ledger::paid_up`]).
    first_unpaid: usize,
    /// One overdue item per instalment (referenced `instalment N`) with the payments on its own
    /// parts: the base of its penalties.
    pub(crate) items: Vec<OverdueItem>,
}

impl Allocated {
    /// The instalments `selector` picks on `date` that may still owe something, oldest first, each
    /// with its penalty item.
    ///
    /// Due dates increase along a schedule, so the instalments due before `date` (or on it) end
    /// where the first one due later is found. Those before `first_open` are settled and those
    /// before `first_unpaid` paid up, which for one not yet due means it owes nothing (its penalties
    /// cannot have accrued): a payment starts past them, so the instalments settled long ago are not
    /// walked through again at every payment.
    fn candidates(
        &mut self,
        selector: InstalmentSelector,
        date: NaiveDate,
    ) -> impl Iterator<Item = (&mut Ledger, &OverdueItem)> {
        let start = match selector {
            InstalmentSelector::Overdue | InstalmentSelector::DueToday => self.first_open,
            InstalmentSelector::NotYetDue => self.first_unpaid,
        };
        let ledgers = self.ledgers.get_mut(start..).unwrap_or_default();
        let items = self.items.get(start..).unwrap_or_default();
        ledgers
            .iter_mut()
            .zip(items)
            .skip_while(move |(l, _)| selector == InstalmentSelector::DueToday && l.due_date < date)
            .take_while(move |(l, _)| match selector {
                InstalmentSelector::Overdue => l.due_date < date,
                InstalmentSelector::DueToday => l.due_date == date,
                InstalmentSelector::NotYetDue => true,
            })
            .filter(move |(l, _)| {
                !l.settled && l.selected_by(selector, date) && !(l.due_date >= date && l.paid_up())
            })
    }

    /// Moves `first_open` and `first_unpaid` past the instalments settled or paid up so far.
    fn advance(&mut self) {
        let settled = self.ledgers.get(self.first_open..).unwrap_or_default();
        self.first_open = self
            .first_open
            .saturating_add(settled.iter().take_while(|l| l.settled).count());
        let paid_up = self.ledgers.get(self.first_unpaid..).unwrap_or_default();
        self.first_unpaid = self
            .first_unpaid
            .saturating_add(paid_up.iter().take_while(|l| l.paid_up()).count());
    }

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
    let currency = schedule.currency();
    let zero = Money::zero(currency);
    zero.same_currency(opening_credit)?;
    let mut ledgers = Vec::with_capacity(schedule.instalments().len());
    let mut items = Vec::with_capacity(schedule.instalments().len());
    for (index, i) in schedule.instalments().iter().enumerate() {
        ledgers.push(Ledger {
            number: i.number(),
            due_date: i.due_date(),
            amount: i.amount(),
            fees: i.fees(),
            interest: i.interest(),
            principal: i.principal(),
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
        });
        items.push(OverdueItem::instalment(
            i.number(),
            i.due_date(),
            i.amount(),
        )?);
    }
    let mut done = Allocated {
        ledgers,
        allocations: Vec::with_capacity(entries.len().saturating_mul(4)),
        credit: opening_credit,
        refunded: zero,
        first_open: 0,
        first_unpaid: 0,
        items,
    };
    let surplus_order = policy.component_order();
    let mut run = Run {
        reference: "",
        shared: None,
        date: NaiveDate::MIN,
        penalties,
        left: zero,
        shares: Vec::new(),
        parts: Vec::new(),
    };
    for entry in entries {
        let (reference, date, amount, surplus) = match entry {
            Entry::Payment(p) => (p.reference.as_str(), p.date, p.amount, policy.surplus()),
            Entry::Credit(m) => {
                if m.amount() > done.credit {
                    return Err(Error::InsufficientCredit {
                        reference: m.reference().to_owned(),
                        amount: m.amount(),
                        held: done.credit,
                    });
                }
                done.credit = done.credit.checked_sub(m.amount())?;
                if m.kind() == CreditUse::Refunded {
                    done.refunded = done.refunded.checked_add(m.amount())?;
                    continue;
                }
                // Credit applied goes on to the next instalments whatever the policy keeps.
                (
                    m.reference(),
                    m.date(),
                    m.amount(),
                    Surplus::ApplyToNextInstalments,
                )
            }
        };
        run.start(reference, date, amount);
        match policy.sweep() {
            Sweep::InstalmentByInstalment => {
                let mut steps = policy.steps();
                while let Some(first) = steps.first() {
                    let length = steps
                        .iter()
                        .take_while(|s| s.selector() == first.selector())
                        .count();
                    let (group, rest) = steps.split_at(length);
                    let components: Vec<Component> = group.iter().map(|s| s.component()).collect();
                    run.by_instalment(&mut done, first.selector(), &components)?;
                    steps = rest;
                }
            }
            Sweep::ComponentByComponent => {
                for step in policy.steps() {
                    for (ledger, item) in done.candidates(step.selector(), date) {
                        if !run.left.is_positive() {
                            break;
                        }
                        run.pay(ledger, item, step.component())?;
                        ledger.settled = ledger.is_settled(penalties.is_some());
                    }
                }
            }
        }
        if surplus == Surplus::ApplyToNextInstalments {
            run.by_instalment(&mut done, InstalmentSelector::NotYetDue, &surplus_order)?;
        }
        if run.left.is_positive() {
            done.credit = done.credit.checked_add(run.left)?;
            if let Entry::Payment(_) = entry {
                let share = Allocation {
                    payment: run.shared_reference(),
                    date,
                    target: AllocationTarget::Credit,
                    amount: run.left,
                };
                run.shares.push(share);
            }
        }
        record(&mut done, date, &run.parts, penalties.is_some())?;
        done.allocations.append(&mut run.shares);
        done.advance();
    }
    Ok(done)
}

/// Brings the penalties of `ledger` (an instalment with the payments on its own parts in `item`)
/// up to `date`, if it is overdue then.
///
/// Each instalment is its own claim for the compensation, so computing the items one by one gives
/// the figures of one computation over all of them. An instalment paid in full has stopped accruing:
/// once its penalties are computed as of a date on or after that day they are final.
fn accrue(
    ledger: &mut Ledger,
    item: &OverdueItem,
    penalties: &PenaltyPolicy,
    date: NaiveDate,
) -> Result<()> {
    if ledger.due_date >= date || ledger.accrual_final || ledger.accrued_on == Some(date) {
        return Ok(());
    }
    let (line, interest, compensation) = penalties.accrue_one(item, date)?;
    ledger.late_interest_accrued = interest;
    ledger.compensation_accrued = compensation;
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
fn record(
    done: &mut Allocated,
    date: NaiveDate,
    parts: &[(usize, Money)],
    penalties: bool,
) -> Result<()> {
    for (index, amount) in parts {
        let paid = PartialPayment::new(date, *amount)?;
        if let (Some(ledger), Some(item)) =
            (done.ledgers.get_mut(*index), done.items.get_mut(*index))
        {
            item.add_payment(paid)?;
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
struct Run<'a> {
    reference: &'a str,
    /// The reference the shares hold, made at the first share.
    shared: Option<SharedReference>,
    date: NaiveDate,
    penalties: Option<&'a PenaltyPolicy>,
    left: Money,
    shares: Vec<Allocation>,
    /// What was paid of the instalments' own parts: (place of the instalment, amount), in order of
    /// first share.
    parts: Vec<(usize, Money)>,
}

impl<'a> Run<'a> {
    /// Starts allocating `amount` paid on `date` under `reference` (the shares and parts of the
    /// payment before were taken).
    fn start(&mut self, reference: &'a str, date: NaiveDate, amount: Money) {
        self.reference = reference;
        self.shared = None;
        self.date = date;
        self.left = amount;
        self.shares.clear();
        self.parts.clear();
    }

    fn shared_reference(&mut self) -> SharedReference {
        let reference = self.reference;
        self.shared
            .get_or_insert_with(|| SharedReference::new(reference))
            .clone()
    }

    /// Pays what `ledger` owes of `component`, as far as the money goes.
    fn pay(&mut self, ledger: &mut Ledger, item: &OverdueItem, component: Component) -> Result<()> {
        if !self.left.is_positive() {
            return Ok(());
        }
        if let (Component::Penalties | Component::Compensation, Some(penalties)) =
            (component, self.penalties)
        {
            accrue(ledger, item, penalties, self.date)?;
        }
        let owed = ledger.owed(component)?;
        if !owed.is_positive() {
            return Ok(());
        }
        let amount = owed.checked_min(self.left)?;
        ledger.record(component, amount)?;
        self.left = self.left.checked_sub(amount)?;
        if component.is_instalment_part() {
            match self.parts.iter_mut().find(|(i, _)| *i == ledger.index) {
                Some((_, sum)) => *sum = sum.checked_add(amount)?,
                None => self.parts.push((ledger.index, amount)),
            }
        }
        let payment = self.shared_reference();
        self.shares.push(Allocation {
            payment,
            date: self.date,
            target: AllocationTarget::Instalment {
                number: ledger.number,
                component,
            },
            amount,
        });
        Ok(())
    }

    /// Pays each selected instalment, oldest first, component by component in `components`.
    fn by_instalment(
        &mut self,
        done: &mut Allocated,
        selector: InstalmentSelector,
        components: &[Component],
    ) -> Result<()> {
        for (ledger, item) in done.candidates(selector, self.date) {
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
