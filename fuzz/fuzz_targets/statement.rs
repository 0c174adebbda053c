//! An arbitrary schedule, arbitrary payments, an allocation policy, penalties and reminders: a
//! statement never panics, keeps the statement invariants, reads back from its JSON, every payment
//! is allocated to the minor unit (allocated + credit = paid), and applying the payments one at a
//! time gives the same statement as giving them all at once.
#![no_main]

use arbitrary::Arbitrary;
use echeancier::{
    AllocationTarget, Money, Payment, PenaltyPolicy, PenaltyRate, ReminderRules, Statement,
    StatementOptions,
};
use echeancier_fuzz::{
    check_statement, rate, statement_reads_back, FAllocation, FAmount, FDate, FDecimal, FPlan,
};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    plan: FPlan,
    payments: Vec<(FDate, FAmount)>,
    allocation: FAllocation,
    penalty_rate: Option<FDecimal>,
    as_of: FDate,
    /// A reminder this many days before each due date and a dunning level this many days after.
    reminders: Option<(u8, u8)>,
}

fuzz_target!(|input: Input| {
    let Some(request) = input.plan.get() else {
        return;
    };
    let Ok(schedule) = request.generate() else {
        return;
    };
    let c = schedule.currency();
    let mut payments = Vec::new();
    for (k, (date, amount)) in input.payments.iter().take(6).enumerate() {
        let (Some(date), Some(amount)) = (date.get(), amount.get(c)) else {
            return;
        };
        let Ok(payment) = Payment::new(format!("P-{k}"), date, amount) else {
            return;
        };
        payments.push(payment);
    }
    let mut options = StatementOptions::new(input.allocation.get());
    if let Some(r) = input.penalty_rate {
        let Some(r) = rate(r) else { return };
        options = options.with_penalties(PenaltyPolicy::new(PenaltyRate::fixed(r)));
    }
    if let Some((before, after)) = input.reminders {
        options = options.with_reminders(
            ReminderRules::new()
                .with_days_before(u32::from(before))
                .with_dunning_after(u32::from(after % 64)),
        );
    }
    let Some(as_of) = input.as_of.get() else {
        return;
    };
    let Ok(statement) = Statement::new(&schedule, &payments, &options, as_of) else {
        return;
    };

    check_statement(&statement);
    statement_reads_back(&statement);

    let paid = Money::sum(c, payments.iter().map(|p| p.amount())).unwrap();
    assert_eq!(statement.paid(), paid);
    // Allocations to instalments, apart from what was left as credit.
    let allocated = Money::sum(
        c,
        statement
            .allocations()
            .iter()
            .filter(|a| a.target() != AllocationTarget::Credit)
            .map(|a| a.amount()),
    )
    .unwrap();
    let credited = Money::sum(
        c,
        statement
            .allocations()
            .iter()
            .filter(|a| a.target() == AllocationTarget::Credit)
            .map(|a| a.amount()),
    )
    .unwrap();
    assert_eq!(credited, statement.credit(), "credit allocations ≠ credit");
    assert!(!statement.credit().is_negative(), "{statement:?}");
    assert_eq!(
        allocated.checked_add(statement.credit()),
        Ok(paid),
        "allocated {allocated} + credit {} ≠ paid {paid}",
        statement.credit()
    );
    for allocation in statement.allocations() {
        assert!(!allocation.amount().is_negative(), "{allocation:?}");
    }
    for line in statement.instalments() {
        assert!(
            !line.paid().is_negative() && !line.unpaid().is_negative(),
            "{line:?}"
        );
    }

    // Fewer payments can leave more overdue and so more penalties, which may overflow where the
    // full statement does not: compare only when every step succeeds.
    let Ok(mut stepwise) = Statement::new(&schedule, &[], &options, as_of) else {
        return;
    };
    for payment in payments {
        let Ok(next) = stepwise.apply(payment) else {
            return;
        };
        stepwise = next;
    }
    assert_eq!(statement, stepwise, "one call and one at a time differ");
});
