//! The invariants of the crate's results, checked from the results alone: one set of checks that
//! deserialisation, the property tests and the fuzz targets share, so that none of them restates
//! the others (or the code they check).
//!
//! Each function recomputes what a value must satisfy from its own figures (sums of parts, of
//! allocations, of lines) without the arithmetic that produced it, and names the first figure
//! that breaks an invariant. They are public for the crate's own tests and fuzz targets, not part
//! of the API a caller should rely on.

use crate::adjust::AdjustmentRecord;
use crate::error::{Error, Result};
use crate::money::{Currency, Money};
use crate::payment::AllocationTarget;
use crate::schedule::{InstalmentKind, Schedule, Sizing};
use crate::statement::Statement;
use crate::Component;

/// Invariants 1 to 3 of a schedule (its instalments add up to its totals, in whole minor units,
/// nothing negative, no zero instalment, due dates increasing, numbers in order, the balance
/// falling to exactly zero, the derivation agreeing with the instalments), and the first half of
/// invariant 4 (sized by capacity, no regular instalment above it).
///
/// # Errors
///
/// [`Error::InvalidSchedule`] naming the first figure that breaks one.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let first = NaiveDate::from_ymd_opt(2027, 1, 31).ok_or("date")?;
/// let sizing = Sizing::Capacity { capacity: "400.00 EUR".parse()?, shape: CapacityShape::FullCapacity };
/// let debt = Debt::single(Claim::new("F-1", "1000.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, first, Frequency::MONTHLY, sizing).generate()?;
/// // 400.00, 400.00 and 200.00: they add up to the debt, none above the capacity.
/// let amounts: Vec<String> = plan.instalments().iter().map(|i| i.amount().to_string()).collect();
/// assert_eq!(amounts, ["400.00 EUR", "400.00 EUR", "200.00 EUR"]);
/// assert_eq!(echeancier::invariants::schedule(&plan), Ok(()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn schedule(schedule: &Schedule) -> Result<()> {
    schedule.validate()?;
    if let Sizing::Capacity { capacity, .. } = schedule.derivation().sizing() {
        let above = schedule
            .instalments()
            .iter()
            .find(|i| i.kind() == InstalmentKind::Regular && i.amount() > capacity);
        if let Some(i) = above {
            return Err(Error::InvalidSchedule {
                reason: format!(
                    "instalment {} of {} is above the capacity {capacity}",
                    i.number(),
                    i.amount()
                ),
            });
        }
    }
    Ok(())
}

/// Invariant 6 on an adjustment record: the outstanding amount after it is the one before, plus
/// what it capitalised, less what it waived and what was paid, to the minor unit; every amount in
/// the record's currency and not negative.
///
/// # Errors
///
/// [`Error::Inconsistent`] naming the first figure that breaks one.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?), d(1, 31),
///     Frequency::MONTHLY, Sizing::Count(12)).generate()?;
/// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
/// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
/// let record = account.history().current().record().ok_or("no record")?;
/// assert_eq!(echeancier::invariants::adjustment_record(record), Ok(()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn adjustment_record(r: &AdjustmentRecord) -> Result<()> {
    let currency = r.outstanding_before().currency();
    let fail = |reason: String| {
        Err(Error::Inconsistent {
            what: "adjustment record",
            reason,
        })
    };
    for (field, amount) in [
        ("outstanding_before", r.outstanding_before()),
        ("outstanding_after", r.outstanding_after()),
        ("capitalised", r.capitalised()),
        ("waived", r.waived()),
        ("paid", r.paid()),
        ("penalties_waived", r.penalties_waived()),
        ("interest_replaced", r.interest_replaced()),
        ("new_interest", r.new_interest()),
    ] {
        if amount.currency() != currency {
            return fail(format!(
                "{field} is in {}, not in {currency}",
                amount.currency()
            ));
        }
        if amount.is_negative() {
            return fail(format!("{field} must not be negative, got {amount}"));
        }
    }
    let after = r
        .outstanding_before()
        .checked_add(r.capitalised())?
        .checked_sub(r.waived())?
        .checked_sub(r.paid())?;
    if r.outstanding_after() != after {
        return fail(format!(
            "outstanding_after is {}, but before + capitalised − waived − paid is {after}",
            r.outstanding_after()
        ));
    }
    Ok(())
}

/// Invariant 11 on a statement, and the consistency of its figures: what it received (payments
/// and the credit it opened with) = what went to its instalments and charges + credit held +
/// refunded, summed from the allocations; every amount whole minor units and not negative; each
/// line's components adding up (owed = paid + outstanding, paid + unpaid = amount, its shares =
/// paid + penalties paid); each charge's shares = what was paid of it, none from a payment made
/// before it was added; the totals = the sums of the lines.
///
/// # Errors
///
/// [`Error::Inconsistent`] naming the first figure that breaks one.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("date");
/// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?), d(1, 31)?,
///     Frequency::MONTHLY, Sizing::Count(3)).generate()?;
/// let mut account = Account::new(plan, d(1, 5)?, StatementOptions::default())?;
/// account.pay(Payment::new("VIR-1", d(1, 31)?, "150.00 EUR".parse()?)?)?; // 50.00 ahead
/// let s = account.statement(d(2, 1)?)?;
/// assert_eq!(echeancier::invariants::statement(&s), Ok(()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn statement(s: &Statement) -> Result<()> {
    let c = s.currency();
    let fail = |reason: String| {
        Err(Error::Inconsistent {
            what: "statement",
            reason: format!("version {} as of {}: {reason}", s.version(), s.as_of()),
        })
    };
    let received =
        total(c, s.payments().iter().map(|p| p.amount()))?.checked_add(s.opening_credit())?;
    let allocated = total(
        c,
        s.allocations()
            .iter()
            .filter(|a| a.target() != AllocationTarget::Credit)
            .map(|a| a.amount()),
    )?;
    let accounted = allocated
        .checked_add(s.credit())?
        .checked_add(s.refunded())?;
    if received != accounted {
        return fail(format!(
            "received {received} (payments and opening credit) but accounted for {accounted} \
             (allocated {allocated}, credit {}, refunded {})",
            s.credit(),
            s.refunded()
        ));
    }
    if s.paid() != total(c, s.payments().iter().map(|p| p.amount()))? {
        return fail(format!("paid {} is not the sum of the payments", s.paid()));
    }
    for (what, amount) in [
        ("paid", s.paid()),
        ("opening credit", s.opening_credit()),
        ("credit", s.credit()),
        ("refunded", s.refunded()),
        ("arrears", s.arrears()),
        ("penalties accrued", s.penalties_accrued()),
        ("penalties paid", s.penalties_paid()),
        ("penalties outstanding", s.penalties_outstanding()),
        ("discounts earned", s.discounts_earned()),
        ("remaining balance", s.remaining_balance()),
        ("charges outstanding", s.charges_outstanding()),
    ] {
        whole_non_negative(c, what, amount)?;
    }
    for share in s.allocations() {
        whole_non_negative(c, "a share of a payment", share.amount())?;
        if !share.amount().is_positive() {
            return fail(format!("a share of payment {} is zero", share.payment()));
        }
    }
    for line in s.instalments() {
        let n = line.number();
        for component in [
            Component::Fees,
            Component::Interest,
            Component::Principal,
            Component::Penalties,
            Component::Compensation,
        ] {
            let (owed, paid, left) = (
                line.owed(component),
                line.paid_of(component),
                line.outstanding(component),
            );
            for amount in [owed, paid, left] {
                whole_non_negative(c, "a component of an instalment", amount)?;
            }
            let is_part = component.is_instalment_part();
            if is_part && owed != paid.checked_add(left)? {
                return fail(format!(
                    "instalment {n}: {component:?} owed {owed} is not paid {paid} + outstanding {left}"
                ));
            }
        }
        if line.paid().checked_add(line.unpaid())? != line.amount() {
            return fail(format!("instalment {n}: paid + unpaid is not its amount"));
        }
        let shares = total(c, line.allocations().iter().map(|a| a.amount()))?;
        if shares != line.paid().checked_add(line.penalties_paid())? {
            return fail(format!(
                "instalment {n}: its shares {shares} are not paid {} + penalties paid {}",
                line.paid(),
                line.penalties_paid()
            ));
        }
    }
    for line in s.charges() {
        let charge = line.charge();
        let mut paid = Money::zero(c);
        for share in s.allocations().iter().filter(|a| {
            a.target()
                == AllocationTarget::Charge {
                    number: line.number(),
                    component: charge.kind().component(),
                }
        }) {
            if share.date() < charge.added_on() {
                return fail(format!(
                    "charge {} added on {} is paid by payment {} of {}",
                    charge.reference(),
                    charge.added_on(),
                    share.payment(),
                    share.date()
                ));
            }
            paid = paid.checked_add(share.amount())?;
        }
        if paid != line.paid() || line.paid().checked_add(line.outstanding())? != charge.amount() {
            return fail(format!(
                "charge {}: shares {paid}, paid {}, outstanding {}, amount {}",
                charge.reference(),
                line.paid(),
                line.outstanding(),
                charge.amount()
            ));
        }
    }
    let unpaid = total(c, s.instalments().iter().map(|l| l.unpaid()))?;
    if s.remaining_balance() != unpaid {
        return fail(format!(
            "remaining balance {} is not the {unpaid} the lines leave unpaid",
            s.remaining_balance()
        ));
    }
    let charged = total(c, s.charges().iter().map(|l| l.outstanding()))?;
    if s.charges_outstanding() != charged {
        return fail(format!(
            "charges outstanding {} is not the {charged} the charges leave unpaid",
            s.charges_outstanding()
        ));
    }
    Ok(())
}

/// The sum of `amounts` in `currency`.
fn total(currency: Currency, amounts: impl IntoIterator<Item = Money>) -> Result<Money> {
    Money::sum(currency, amounts)
}

/// Fails unless `amount` is whole minor units of `currency` and not negative.
fn whole_non_negative(currency: Currency, what: &str, amount: Money) -> Result<()> {
    let whole = amount.currency() == currency
        && amount.amount().scale() == currency.minor_units()
        && Money::new(amount.amount(), currency).is_ok();
    if !whole || amount.is_negative() {
        return Err(Error::Inconsistent {
            what: "statement",
            reason: format!(
                "{what} is {amount}, not a whole amount of {currency} above or at zero"
            ),
        });
    }
    Ok(())
}
