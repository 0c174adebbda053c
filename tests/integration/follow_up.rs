//! The scenario of `examples/follow_up.rs`, checked by hand: a 12-month plan, payments on time,
//! late, partial and missed, a reschedule with the unpaid penalties capitalised, then completion.

use echeancier::{
    Account, AllocationPolicy, CapacityShape, Frequency, InstalmentStatus, Payment, PenaltyCharge,
    PenaltyPolicy, PenaltyRate, PlanHistory, PlanRequest, PlanStatus, Reschedule, Sizing,
    Statement, StatementOptions, Treatment,
};

use crate::{amounts, d, debt, m, times};

fn pay(reference: &str, on: chrono::NaiveDate, amount: &str) -> Payment {
    Payment::new(reference, on, m(amount)).unwrap()
}

#[test]
fn a_plan_followed_from_signature_to_completion() {
    let plan = PlanRequest::new(
        debt("1200.00 EUR"),
        d(2027, 1, 15),
        Frequency::MONTHLY,
        Sizing::Count(12),
    )
    .generate()
    .unwrap();
    let options = StatementOptions::new(AllocationPolicy::france_1343_1())
        .with_penalties(PenaltyPolicy::new(PenaltyRate::fixed(
            "8%".parse().unwrap(),
        )))
        .agreed_on(d(2027, 1, 5));
    let payments = [
        pay("VIR-0115", d(2027, 1, 15), "100.00 EUR"),
        pay("VIR-0225", d(2027, 2, 25), "100.00 EUR"),
        pay("VIR-0315", d(2027, 3, 15), "60.00 EUR"),
        pay("VIR-0402", d(2027, 4, 2), "40.00 EUR"),
    ];
    let s = Statement::new(&plan, &payments, &options, d(2027, 5, 1)).unwrap();

    // 25 Feb: 10 days late on 100.00 at 8 %: 100 × 0.08 × 10 / 365 = 0.219 → 0.22, paid first
    // (Code civil 1343-1), so 0.22 of instalment 2 is left; 15 March's 60.00 clears it (28 days
    // late) and pays 59.78 of instalment 3.
    assert_eq!(s.instalments()[0].status(), InstalmentStatus::Paid);
    assert_eq!(
        s.instalments()[1].status(),
        InstalmentStatus::PaidLate { days_late: 28 }
    );
    assert_eq!(s.instalments()[1].late_interest(), m("0.22 EUR"));
    // 2 April: 18 days late on 40.22: 40.22 × 0.08 × 18 / 365 = 0.159 → 0.16 first, 39.84 on the
    // instalment: 99.62 paid, 0.38 left, overdue by 47 days on 1 May.
    assert_eq!(s.instalments()[2].paid(), m("99.62 EUR"));
    assert_eq!(s.instalments()[2].late_interest(), m("0.16 EUR"));
    assert_eq!(
        s.instalments()[2].status(),
        InstalmentStatus::Overdue { days_overdue: 47 }
    );
    // April missed: 16 days on 100.00: 100 × 0.08 × 16 / 365 = 0.351 → 0.35.
    assert_eq!(s.instalments()[3].late_interest(), m("0.35 EUR"));
    assert_eq!(
        s.instalments()[3].status(),
        InstalmentStatus::Overdue { days_overdue: 16 }
    );
    assert_eq!(s.paid(), m("300.00 EUR"));
    assert_eq!(s.arrears(), m("100.38 EUR"));
    assert_eq!(s.penalties_accrued(), m("0.73 EUR"));
    assert_eq!(s.penalties_paid(), m("0.38 EUR"));
    assert_eq!(s.penalties_outstanding(), m("0.35 EUR"));
    assert_eq!(s.remaining_balance(), m("900.38 EUR"));

    // 10 May: 25 days on April's 100.00 = 0.548 → 0.55 of penalties unpaid (0.38 × 0.08 × 38 / 365
    // rounds to nothing), capitalised; 900.38 + 0.55 = 900.93 at 60.00 a month. The account holds
    // the plan, the options and every event from the signature on.
    let on = d(2027, 5, 10);
    let mut account = Account::new(plan.clone(), d(2027, 1, 5), options.clone()).unwrap();
    for payment in payments {
        account.pay(payment).unwrap();
    }
    assert_eq!(account.statement(d(2027, 5, 1)).unwrap(), s);
    let at = account.statement(on).unwrap();
    assert_eq!(at, s.restated_on(on).unwrap());
    assert_eq!(at.penalties_outstanding(), m("0.55 EUR"));
    assert_eq!(account.outstanding(on).unwrap().penalties(), m("0.55 EUR"));
    let terms = Reschedule::new(Sizing::Capacity {
        capacity: m("60.00 EUR"),
        shape: CapacityShape::FullCapacity,
    })
    .first_due(d(2027, 6, 15));
    // The statement's policy charges what it shows outstanding that day: the same 0.55, not the
    // 0.93 accrued in all (0.22 + 0.16 + 0.55), 0.38 of which the payments already paid.
    assert_eq!(at.penalties_accrued(), m("0.93 EUR"));
    let by_policy = terms.clone().penalties(
        PenaltyCharge::Policy(options.penalties().unwrap().clone()),
        Treatment::Capitalise,
    );
    let history = PlanHistory::new(plan.clone(), d(2027, 1, 5))
        .reschedule(&at, by_policy)
        .unwrap();
    assert_eq!(
        history.current().record().unwrap().capitalised(),
        m("0.55 EUR")
    );
    account
        .reschedule(
            on,
            terms.penalties(
                PenaltyCharge::Amount(at.penalties_outstanding()),
                Treatment::Capitalise,
            ),
        )
        .unwrap();
    let history = account.history();
    let record = history.current().record().unwrap();
    assert_eq!(record.outstanding_before(), m("900.38 EUR"));
    assert_eq!(record.capitalised(), m("0.55 EUR"));
    assert_eq!(record.outstanding_after(), m("900.93 EUR"));
    // The instalments already due are kept as they were, with what was paid on them.
    let kept = history.current().kept();
    assert_eq!(kept.len(), 4);
    assert_eq!(kept[2].paid(), m("99.62 EUR"));
    assert_eq!(kept[3].paid(), m("0.00 EUR"));
    let new_plan = history.current().schedule().unwrap().clone();
    let mut expected = times(15, "60.00 EUR");
    expected.push("0.93 EUR".to_owned());
    assert_eq!(amounts(&new_plan), expected);
    assert_eq!(new_plan.last_due_date(), Some(d(2028, 9, 15)));

    // Every new instalment paid on its day: nothing left, the plan completed.
    for i in new_plan.instalments() {
        account
            .pay(Payment::new(format!("R-{}", i.number()), i.due_date(), i.amount()).unwrap())
            .unwrap();
    }
    let end = d(2028, 9, 15);
    let last = account.statement(end).unwrap();
    assert_eq!(last.version(), 2);
    assert_eq!(last.remaining_balance(), m("0.00 EUR"));
    assert_eq!(last.paid(), m("900.93 EUR"));
    assert_eq!(account.status(end).unwrap(), PlanStatus::Completed);
    // From the reschedule on, the account reads the new version; the ledger still reads the plan
    // as signed as it stood that day.
    assert_eq!(account.statement(on).unwrap().version(), 2);
    assert_eq!(account.ledger(on).unwrap()[0], at);
}
