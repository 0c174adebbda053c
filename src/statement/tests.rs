#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use chrono::NaiveDate;

use super::*;
use crate::debt::{Claim, Debt};
use crate::frequency::Frequency;
use crate::payment::{AllocationTarget, Component, InstalmentSelector, Surplus};
use crate::penalty::PenaltyRate;
use crate::schedule::{PlanRequest, Sizing};

fn d(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, month, day).unwrap()
}

fn m(text: &str) -> Money {
    text.parse().unwrap()
}

/// 300.00 EUR in 3 monthly instalments of 100.00: 31 January, 28 February, 31 March 2027.
fn plan() -> Schedule {
    let debt = Debt::single(Claim::new("F-1", m("300.00 EUR")).unwrap());
    PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(3))
        .generate()
        .unwrap()
}

fn pay(reference: &str, date: NaiveDate, amount: &str) -> Payment {
    Payment::new(reference, date, m(amount)).unwrap()
}

#[test]
fn a_partial_payment_on_the_due_date_leaves_it_due_today() {
    let s = Statement::new(
        &plan(),
        &[pay("P", d(1, 31), "40.00 EUR")],
        &StatementOptions::default(),
        d(1, 31),
    )
    .unwrap();
    assert_eq!(s.instalments()[0].status(), InstalmentStatus::DueToday);
    assert_eq!(s.instalments()[0].unpaid(), m("60.00 EUR"));
    assert!(s.arrears().is_zero());
    assert_eq!(s.next_due().unwrap().amount(), m("60.00 EUR"));
}

#[test]
fn payments_of_one_day_are_allocated_in_the_order_given() {
    let payments = [
        pay("B", d(2, 1), "150.00 EUR"),
        pay("A", d(2, 1), "10.00 EUR"),
    ];
    let s = Statement::new(&plan(), &payments, &StatementOptions::default(), d(2, 1)).unwrap();
    assert_eq!(s.payments()[0].reference(), "B");
    assert_eq!(s.instalments()[0].allocations()[0].payment(), "B");
    // B: 100.00 on instalment 1 (overdue), 50.00 on instalment 2; A: 10.00 on instalment 2.
    assert_eq!(s.instalments()[1].paid(), m("60.00 EUR"));
    assert_eq!(s.instalments()[1].allocations().len(), 2);
}

#[test]
fn a_policy_that_ignores_a_component_leaves_it_to_the_surplus_rule() {
    let policy = AllocationPolicy::new()
        .then(InstalmentSelector::Overdue, Component::Interest)
        .with_surplus(Surplus::KeepAsCredit);
    let s = Statement::new(
        &plan(),
        &[pay("P", d(2, 10), "100.00 EUR")],
        &StatementOptions::new(policy),
        d(2, 10),
    )
    .unwrap();
    // No interest in the plan: everything is a credit and instalment 1 stays overdue.
    assert_eq!(s.credit(), m("100.00 EUR"));
    assert_eq!(
        s.instalments()[0].status(),
        InstalmentStatus::Overdue { days_overdue: 10 }
    );
    assert_eq!(s.allocations()[0].target(), AllocationTarget::Credit);
}

#[test]
fn penalties_follow_what_is_really_outstanding() {
    let options = StatementOptions::default().with_penalties(PenaltyPolicy::new(
        PenaltyRate::fixed("36.5%".parse().unwrap()),
    ));
    // 36.5 % a year is 0.1 % a day. Instalment 1 (100.00) half paid 10 days late:
    // penalties 10 × 0.10 = 1.00 paid first, then 49.00 of principal (51.00 left); then
    // 20 more days on 51.00: 20 × 0.051 = 1.02.
    let s = Statement::new(
        &plan(),
        &[pay("P", d(2, 10), "50.00 EUR")],
        &options,
        d(3, 2),
    )
    .unwrap();
    let first = &s.instalments()[0];
    assert_eq!(first.late_interest(), m("2.02 EUR"));
    assert_eq!(first.penalties_paid(), m("1.00 EUR"));
    assert_eq!(first.unpaid(), m("51.00 EUR"));
    // Instalment 2 (28 February), 2 days on 100.00 = 0.20.
    assert_eq!(s.instalments()[1].late_interest(), m("0.20 EUR"));
    assert_eq!(s.penalties_accrued(), m("2.22 EUR"));
    assert_eq!(s.penalties_outstanding(), m("1.22 EUR"));
}

#[test]
fn a_late_instalment_forfeits_the_regularity_bonus() {
    use crate::discount::{Reduction, RegularityReward};
    let bonus = RegularityBonus::new(RegularityReward::ReduceLast(
        Reduction::amount(m("20.00 EUR")).unwrap(),
    ))
    .unwrap();
    let options = StatementOptions::default().with_regularity_bonus(bonus);
    let s = Statement::new(
        &plan(),
        &[pay("P", d(2, 3), "100.00 EUR")],
        &options,
        d(2, 3),
    )
    .unwrap();
    assert_eq!(
        s.regularity(),
        Some(RegularityOutcome::Forfeited {
            instalment: 1,
            days_late: 3
        })
    );
    assert!(s.discounts_earned().is_zero());
}

#[test]
fn reminder_rules_are_checked_when_used() {
    let options =
        StatementOptions::default().with_reminders(ReminderRules::new().with_dunning_after(0));
    assert!(matches!(
        Statement::new(&plan(), &[], &options, d(1, 1)),
        Err(Error::InvalidDays { days: 0, .. })
    ));
}

#[test]
fn statuses_read_in_english() {
    assert_eq!(InstalmentStatus::Paid.to_string(), "paid");
    assert_eq!(
        InstalmentStatus::PaidLate { days_late: 1 }.to_string(),
        "paid 1 day late"
    );
    assert_eq!(
        InstalmentStatus::Overdue { days_overdue: 12 }.to_string(),
        "overdue by 12 days"
    );
    assert_eq!(InstalmentStatus::DueToday.to_string(), "due today");
    assert_eq!(
        InstalmentStatus::PartiallyPaid.to_string(),
        "partially paid in advance"
    );
    assert_eq!(InstalmentStatus::Upcoming.to_string(), "upcoming");
}

#[test]
fn the_table_lists_every_instalment_and_the_totals() {
    let options =
        StatementOptions::default().with_reminders(ReminderRules::new().with_dunning_after(15));
    let s = Statement::new(
        &plan(),
        &[pay("P", d(1, 31), "100.00 EUR")],
        &options,
        d(3, 1),
    )
    .unwrap();
    let text = s.to_string();
    assert!(text.starts_with("Statement as of 2027-03-01 (amounts in EUR)\n"));
    assert!(text
        .contains("   2  2027-02-28        100.00          0.00        0.00  overdue by 1 day\n"));
    assert!(text.contains("Arrears:              100.00 EUR\n"));
    assert!(text.contains("Next due:             instalment 3 on 2027-03-31, 100.00 EUR\n"));
    assert!(text.contains(
        "Write on 2027-03-15: instalment 2, 100.00 EUR owed (dunning letter 1, 15 days after the due date)\n"
    ));
}

#[cfg(feature = "serde")]
#[test]
fn options_deserialise_with_validation_and_statements_serialise() {
    let json = r#"{"allocation":{"steps":[{"selector":"overdue","component":"principal"}],"surplus":"keep_as_credit"},"reminders":{"days_before":[3],"dunning_after":[10]},"agreed_on":"2027-01-02"}"#;
    let options: StatementOptions = serde_json::from_str(json).unwrap();
    assert_eq!(options.reminders().dunning_after(), [10]);
    assert_eq!(options.agreement_date(), Some(d(1, 2)));
    let back: StatementOptions =
        serde_json::from_str(&serde_json::to_string(&options).unwrap()).unwrap();
    assert_eq!(back, options);
    let zero_dunning = json.replace("[10]", "[0]");
    assert!(serde_json::from_str::<StatementOptions>(&zero_dunning).is_err());
    let defaults: StatementOptions = serde_json::from_str("{}").unwrap();
    assert_eq!(defaults, StatementOptions::default());

    let s = Statement::new(
        &plan(),
        &[pay("P", d(2, 1), "50.00 EUR")],
        &options,
        d(2, 1),
    )
    .unwrap();
    let value = serde_json::to_value(&s).unwrap();
    assert_eq!(
        value["instalments"][0]["status"],
        serde_json::json!({"overdue": {"days_overdue": 1}})
    );
    assert_eq!(
        value["allocations"][0]["target"]["instalment"]["component"],
        "principal"
    );
    assert_eq!(value["remaining_balance"]["amount"], "250.00");
}

#[test]
fn reminder_rules_keep_each_delay_within_its_bounds() {
    let rules = ReminderRules::new()
        .with_days_before(10)
        .with_days_before(0)
        .with_days_before(10)
        .with_days_before(3);
    assert_eq!(rules.days_before(), [0, 3, 10]);
    // Before a due date: 0 (on the day) to 3,660 days; after a miss: 1 to 3,660 days.
    for (days, accepted) in [(0, true), (1, true), (3660, true), (3661, false)] {
        let before = ReminderRules::new().with_days_before(days).validate();
        assert_eq!(before.is_ok(), accepted, "{days} days before");
    }
    for (days, accepted) in [(0, false), (1, true), (3660, true), (3661, false)] {
        let after = ReminderRules::new().with_dunning_after(days).validate();
        assert_eq!(after.is_ok(), accepted, "dunning after {days} days");
    }
}

#[cfg(feature = "serde")]
#[test]
fn reminders_read_back_from_their_json() {
    // On 5 February: instalment 1 (31 January) in arrears, 2 (28 February) and 3 (31 March) to
    // come. A reminder on the due day (0 days before) is a reminder like the others.
    let rules = ReminderRules::new()
        .with_days_before(0)
        .with_days_before(7)
        .with_dunning_after(10);
    let options = StatementOptions::default().with_reminders(rules);
    let s = Statement::new(&plan(), &[], &options, d(2, 5)).unwrap();
    let kinds: Vec<(NaiveDate, ReminderKind)> =
        s.reminders().iter().map(|r| (r.date(), r.kind())).collect();
    assert_eq!(
        kinds,
        [
            (
                d(2, 10),
                ReminderKind::Dunning {
                    level: 1,
                    days_after: 10
                }
            ),
            (d(2, 21), ReminderKind::BeforeDue { days_before: 7 }),
            (d(2, 28), ReminderKind::BeforeDue { days_before: 0 }),
            (d(3, 24), ReminderKind::BeforeDue { days_before: 7 }),
            (d(3, 31), ReminderKind::BeforeDue { days_before: 0 }),
        ]
    );
    for reminder in s.reminders() {
        let json = serde_json::to_string(reminder).unwrap();
        assert_eq!(
            &serde_json::from_str::<Reminder>(&json).unwrap(),
            reminder,
            "{json}"
        );
    }
    let again: Statement = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(again, s);
    // A reminder outside the rules' bounds is refused.
    let json = serde_json::to_value(s.reminders()[0]).unwrap();
    assert_eq!(
        json["kind"],
        serde_json::json!({"dunning": {"level": 1, "days_after": 10}})
    );
    let kinds = [
        serde_json::json!({"dunning": {"level": 0, "days_after": 10}}),
        serde_json::json!({"dunning": {"level": 1, "days_after": 0}}),
        serde_json::json!({"dunning": {"level": 1, "days_after": 3661}}),
        serde_json::json!({"before_due": {"days_before": 3661}}),
    ];
    for kind in kinds {
        let err = crate::contract::refused::<Reminder>(&json, |j| j["kind"] = kind.clone());
        assert!(err.contains("inconsistent reminder"), "{kind}: {err}");
    }
    for kind in [
        serde_json::json!({"dunning": {"level": 2, "days_after": 3660}}),
        serde_json::json!({"before_due": {"days_before": 3660}}),
    ] {
        let mut at_the_bound = json.clone();
        at_the_bound["kind"] = kind.clone();
        assert!(
            serde_json::from_value::<Reminder>(at_the_bound).is_ok(),
            "{kind}"
        );
    }
    crate::contract::refused::<Reminder>(&json, |j| j["amount"]["amount"] = "0.00".into());
}

#[test]
fn every_reference_is_found_again_however_they_collide() {
    // Tables of every size up to 128 slots, filled to half: each reference is new once, then
    // seen; and it is stored, in a slot of its own.
    for count in 1..=64_usize {
        let names: Vec<String> = (0..count).map(|k| format!("P-{k}")).collect();
        let mut seen = References::with_capacity(count);
        assert!(names.iter().all(|name| seen.insert(name)), "{count}");
        assert!(names.iter().all(|name| !seen.insert(name)), "{count}");
        assert_eq!(seen.slots.iter().flatten().count(), count);
    }
}

#[test]
fn an_instalment_is_settled_only_once_paid_in_full() {
    use InstalmentStatus::*;
    // Instalments of 100.00 due 31 January, 28 February and 31 March. 100.00 paid on 31 January,
    // 40.00 on 5 February (in advance of the second), 100.00 on 31 March (the 60.00 left of the
    // second, 40.00 of the third).
    let payments = [
        pay("P-1", d(1, 31), "100.00 EUR"),
        pay("P-2", d(2, 5), "40.00 EUR"),
        pay("P-3", d(3, 31), "100.00 EUR"),
    ];
    let cases = [
        (d(2, 20), [Paid, PartiallyPaid, Upcoming]),
        (d(2, 28), [Paid, DueToday, Upcoming]),
        (
            d(4, 10),
            [
                Paid,
                PaidLate { days_late: 31 },
                Overdue { days_overdue: 10 },
            ],
        ),
    ];
    for (on, expected) in cases {
        let until: Vec<Payment> = payments
            .iter()
            .filter(|p| p.date() <= on)
            .cloned()
            .collect();
        let s = Statement::new(&plan(), &until, &StatementOptions::default(), on).unwrap();
        let statuses: Vec<InstalmentStatus> = s.instalments().iter().map(|l| l.status()).collect();
        assert_eq!(statuses, expected, "{on}");
        for status in expected {
            let settled = matches!(status, Paid | PaidLate { .. });
            assert_eq!(status.is_settled(), settled, "{status}");
            assert_eq!(
                status.is_in_arrears(),
                matches!(status, Overdue { .. }),
                "{status}"
            );
        }
    }
}

#[test]
fn options_give_back_what_they_were_built_with() {
    let policy = AllocationPolicy::germany_bgb_497_consumer();
    let rules = ReminderRules::new().with_days_before(5);
    let options = StatementOptions::new(policy.clone())
        .with_reminders(rules.clone())
        .agreed_on(d(1, 2));
    assert_eq!(options.allocation(), &policy);
    assert_ne!(
        options.allocation(),
        StatementOptions::default().allocation()
    );
    assert_eq!(options.reminders(), &rules);
    assert_eq!(options.agreement_date(), Some(d(1, 2)));
    assert_eq!(options.penalties(), None);
    let s = Statement::new(&plan(), &[], &options, d(1, 10)).unwrap();
    assert_eq!(s.options(), &options);
}

#[test]
fn a_regularity_bonus_earned_is_a_discount_earned() {
    use crate::discount::{Reduction, RegularityBonus, RegularityOutcome, RegularityReward};
    let reduction = Reduction::amount(m("20.00 EUR")).unwrap();
    let bonus = RegularityBonus::new(RegularityReward::ReduceLast(reduction)).unwrap();
    let options = StatementOptions::default().with_regularity_bonus(bonus);
    let on_time = [
        pay("P-1", d(1, 31), "100.00 EUR"),
        pay("P-2", d(2, 28), "100.00 EUR"),
    ];
    // Earned once every instalment before the last is paid on time: 20.00 off the last one.
    let s = Statement::new(&plan(), &on_time, &options, d(3, 1)).unwrap();
    assert_eq!(
        s.regularity(),
        Some(RegularityOutcome::Earned {
            amount: m("20.00 EUR")
        })
    );
    assert_eq!(s.discounts_earned(), m("20.00 EUR"));
    assert!(
        s.to_string()
            .contains("\nDiscounts earned:     20.00 EUR\n"),
        "{s}"
    );
    assert!(!Statement::new(&plan(), &[], &options, d(1, 5))
        .unwrap()
        .to_string()
        .contains("Discounts earned"));
    // Not before: nothing is earned while the bonus is pending.
    let s = Statement::new(&plan(), &on_time[..1], &options, d(2, 1)).unwrap();
    assert!(!matches!(
        s.regularity(),
        Some(RegularityOutcome::Earned { .. })
    ));
    assert!(s.discounts_earned().is_zero());
}

#[test]
fn late_interest_not_yet_paid_is_outstanding() {
    let options = StatementOptions::default().with_penalties(crate::penalty::PenaltyPolicy::new(
        PenaltyRate::fixed("10%".parse().unwrap()),
    ));
    // Instalment 1 (31 January) unpaid on 31 March: 59 days of late interest on 100.00.
    let s = Statement::new(&plan(), &[], &options, d(3, 31)).unwrap();
    let first = &s.instalments()[0];
    assert!(first.late_interest().is_positive());
    assert!(first.penalties_paid().is_zero());
    assert_eq!(
        first.outstanding(Component::Penalties),
        first.late_interest()
    );
    // Paid in full with its late interest: nothing outstanding.
    let all = m("100.00 EUR").plus(first.late_interest()).unwrap();
    let paid = [Payment::new("P-1", d(3, 31), all).unwrap()];
    let s = Statement::new(&plan(), &paid, &options, d(3, 31)).unwrap();
    let first = &s.instalments()[0];
    assert_eq!(first.penalties_paid(), first.late_interest());
    assert!(first.outstanding(Component::Penalties).is_zero());
}

#[cfg(feature = "serde")]
#[test]
fn an_instalment_line_is_checked_when_read() {
    // Instalment 1 (31 January) paid in full 5 days late.
    let paid = [pay("P-1", d(2, 5), "100.00 EUR")];
    let s = Statement::new(&plan(), &paid, &StatementOptions::default(), d(2, 10)).unwrap();
    let line = s.instalments()[0].clone();
    assert_eq!(line.status(), InstalmentStatus::PaidLate { days_late: 5 });
    let json = serde_json::to_value(&line).unwrap();
    assert_eq!(
        serde_json::from_value::<InstalmentStatement>(json.clone()).unwrap(),
        line
    );
    let refused = |edit: &dyn Fn(&mut serde_json::Value)| {
        crate::contract::refused::<InstalmentStatement>(&json, edit)
    };
    let late = |days: i64| serde_json::json!({"paid_late": {"days_late": days}});
    // Paid 5 days late, not 4 or 0; nor on time.
    for status in [late(4), late(0), serde_json::json!("paid")] {
        let err = refused(&|j| j["status"] = status.clone());
        assert!(err.contains("does not fit due date"), "{status}: {err}");
    }
    // Paid on its due date: on time, not 0 days late.
    let on_due_date = |j: &mut serde_json::Value| j["paid_in_full_on"] = "2027-01-31".into();
    let err = refused(&|j| {
        on_due_date(j);
        j["status"] = late(0);
    });
    assert!(err.contains("does not fit due date"), "{err}");
    let mut on_time = json.clone();
    on_due_date(&mut on_time);
    on_time["status"] = "paid".into();
    assert!(serde_json::from_value::<InstalmentStatement>(on_time).is_ok());
    // Paid and unpaid that do not add up to the amount.
    let err = refused(&|j| j["paid"]["amount"] = "90.00".into());
    assert!(err.contains("instalment statement"), "{err}");
    // Instalment 2 (28 February) unpaid on 10 March: overdue by 10 days, not by none.
    let s = Statement::new(&plan(), &paid, &StatementOptions::default(), d(3, 10)).unwrap();
    let overdue = serde_json::to_value(&s.instalments()[1]).unwrap();
    assert_eq!(
        overdue["status"],
        serde_json::json!({"overdue": {"days_overdue": 10}})
    );
    let err = crate::contract::refused::<InstalmentStatement>(&overdue, |j| {
        j["status"] = serde_json::json!({"overdue": {"days_overdue": 0}});
    });
    assert!(err.contains("does not fit due date"), "{err}");
}

#[cfg(feature = "serde")]
#[test]
fn the_next_instalment_due_is_checked_when_read() {
    let s = Statement::new(&plan(), &[], &StatementOptions::default(), d(1, 10)).unwrap();
    let next = s.next_due().unwrap();
    let json = serde_json::to_value(next).unwrap();
    assert_eq!(
        serde_json::from_value::<NextDue>(json.clone()).unwrap(),
        next
    );
    let err = crate::contract::refused::<NextDue>(&json, |j| j["amount"]["amount"] = "0.00".into());
    assert!(err.contains("next due instalment"), "{err}");
}
