//! Payments, their allocation and statements as of a date: hand-checked scenarios (a twelve-month
//! plan paid on time, late, in part, with a miss and an overpayment; each preset's order on the same
//! payment) and invariant 5 of the design under proptest (allocated + credit = paid, statuses agree
//! with dates, one call or one payment at a time, penalties never decrease as of a later date).

use chrono::{Days, NaiveDate};
use echeancier::{
    Allocation, AllocationStep, InstalmentSelector, InstalmentStatement, NextDue, Reduction,
    Reminder, SettlementOffer,
};
use echeancier::{
    AllocationPolicy, AllocationTarget, Claim, Compensation, Component, Currency, Debt, Error, Fee,
    Frequency, InstalmentStatus, Interest, Money, OverdueItem, PartialPayment, Payment,
    PenaltyPolicy, PenaltyRate, PlanRequest, ReminderKind, ReminderRules, Schedule, Sizing,
    Statement, StatementOptions, Surplus, Sweep,
};
use proptest::prelude::*;

use crate::{d, debt, m};

const fn everywhere<
    T: Send + Sync + Unpin + Clone + core::fmt::Debug + PartialEq + Eq + 'static,
>() {
}
const fn copy_hash<T: Copy + core::hash::Hash>() {}
#[cfg(feature = "serde")]
const fn serde_in_out<T: serde::Serialize + serde::de::DeserializeOwned>() {}

/// The traits a caller can rely on, checked at compile time.
const _: () = {
    everywhere::<Payment>();
    everywhere::<AllocationPolicy>();
    everywhere::<AllocationStep>();
    everywhere::<Allocation>();
    everywhere::<AllocationTarget>();
    everywhere::<StatementOptions>();
    everywhere::<Statement>();
    everywhere::<InstalmentStatement>();
    everywhere::<ReminderRules>();
    everywhere::<Reminder>();
    copy_hash::<InstalmentSelector>();
    copy_hash::<Component>();
    copy_hash::<Sweep>();
    copy_hash::<Surplus>();
    copy_hash::<AllocationTarget>();
    copy_hash::<InstalmentStatus>();
    copy_hash::<NextDue>();
    copy_hash::<Reminder>();
    copy_hash::<ReminderKind>();
};

#[cfg(feature = "serde")]
const _: () = {
    serde_in_out::<Payment>();
    serde_in_out::<AllocationPolicy>();
    serde_in_out::<StatementOptions>();
    serde_in_out::<ReminderRules>();
    serde_in_out::<Statement>();
};

fn pay(reference: &str, date: NaiveDate, amount: &str) -> Payment {
    Payment::new(reference, date, m(amount)).unwrap()
}

/// 1,200.00 EUR in 12 monthly instalments of 100.00 from 31 January 2027, no interest.
fn twelve_months() -> Schedule {
    PlanRequest::new(
        debt("1200.00 EUR"),
        d(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(12),
    )
    .generate()
    .unwrap()
}

/// 300.00 EUR in 3 monthly instalments of 100.00 from 31 January 2027, no interest.
fn three_months() -> Schedule {
    PlanRequest::new(
        debt("300.00 EUR"),
        d(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(3),
    )
    .generate()
    .unwrap()
}

/// 1,200.00 EUR plus 60.00 EUR of fees in 12 monthly instalments of 111.95 at 12 % (annuity):
/// instalment 1 is fees 60.00 + interest 12.60 + principal 39.35, instalment 2 interest 11.61 +
/// principal 100.34.
fn with_fees_and_interest() -> Schedule {
    let debt = debt("1200.00 EUR")
        .with_fee(Fee::new("frais", m("60.00 EUR")).unwrap())
        .unwrap();
    PlanRequest::new(debt, d(2027, 1, 31), Frequency::MONTHLY, Sizing::Count(12))
        .interest(Interest::Annuity("12%".parse().unwrap()))
        .generate()
        .unwrap()
}

fn ten_percent() -> PenaltyPolicy {
    PenaltyPolicy::new(PenaltyRate::fixed("10%".parse().unwrap()))
}

/// The items the penalty module takes, from the statement's allocation: one per instalment due
/// before the statement's date (`instalment N`), with what each payment paid of its own parts
/// (fees, interest, principal) on the payment's date.
fn penalty_items(statement: &Statement) -> Vec<OverdueItem> {
    statement
        .instalments()
        .iter()
        .filter(|line| line.due_date() < statement.as_of())
        .map(|line| {
            let item = OverdueItem::new(
                format!("instalment {}", line.number()),
                line.due_date(),
                line.amount(),
            )
            .unwrap();
            line.allocations()
                .iter()
                .filter(|a| {
                    a.target()
                        .component()
                        .is_some_and(|c| c.is_instalment_part())
                })
                .fold(item, |item, a| {
                    item.with_payment(PartialPayment::new(a.date(), a.amount()).unwrap())
                        .unwrap()
                })
        })
        .collect()
}

/// The shares of every payment as (instalment or 0 for the credit, component, amount).
fn shares(statement: &Statement) -> Vec<(u32, Option<Component>, String)> {
    statement
        .allocations()
        .iter()
        .map(|a| {
            (
                a.target().instalment().unwrap_or(0),
                a.target().component(),
                a.amount().to_string(),
            )
        })
        .collect()
}

/// A semi-monthly plan (1st and 16th) whose first instalment, due on Saturday 1 May 2027, is
/// moved to Monday 3 May: without the day it was agreed, the plan opens one period before 1 May,
/// on 16 April, as its first period of interest does. It used to open on 1 May (the plan's day
/// before 3 May), and a payment on Friday 30 April was refused as made before the plan.
#[test]
fn a_semi_monthly_plan_moved_to_a_business_day_opens_a_period_before_its_day() {
    let plan = PlanRequest::new(
        debt("300.00 EUR"),
        d(2027, 5, 1),
        Frequency::semi_monthly(1, 16).unwrap(),
        Sizing::Count(3),
    )
    .business_days(
        echeancier::BusinessDayRule::Following,
        echeancier::HolidayCalendar::France,
    )
    .generate()
    .unwrap();
    assert_eq!(plan.instalments()[0].due_date(), d(2027, 5, 3));
    let options = StatementOptions::default();
    let early = [Payment::new("P-1", d(2027, 4, 30), m("100.00 EUR")).unwrap()];
    let s = Statement::new(&plan, &early, &options, d(2027, 5, 3)).unwrap();
    assert!(s.instalments()[0].status().is_settled());
    let too_early = [Payment::new("P-0", d(2027, 4, 15), m("100.00 EUR")).unwrap()];
    assert!(matches!(
        Statement::new(&plan, &too_early, &options, d(2027, 5, 3)),
        Err(Error::PaymentBeforePlan { agreed_on, .. }) if agreed_on == d(2027, 4, 16)
    ));
}

#[test]
fn a_year_on_time_late_partial_missed_and_overpaid() {
    let plan = twelve_months();
    let options = StatementOptions::new(AllocationPolicy::france_1343_1())
        .with_penalties(ten_percent())
        .with_reminders(
            ReminderRules::new()
                .with_days_before(5)
                .with_dunning_after(10),
        );
    let payments = [
        // Instalment 1, on its due date.
        pay("P-1", d(2027, 1, 31), "100.00 EUR"),
        // Instalment 2 (28 Feb), 10 days late: penalties 100 × 10 % × 10/365 = 0.27 first,
        // principal 99.73; 0.27 of instalment 2 is still owed.
        pay("P-2", d(2027, 3, 10), "100.00 EUR"),
        // Instalment 3 (31 March) missed. On 30 April 60.00: penalties of instalment 3, 30 days on
        // 100.00 = 0.82 (instalment 2: 0.27 for 51 days = 0.00, nothing more); then principal,
        // oldest first: 0.27 of instalment 2, 58.91 of instalment 3. 0.82 + 0.27 + 58.91 = 60.00.
        // Instalment 4, due that day, gets nothing.
        pay("P-3", d(2027, 4, 30), "60.00 EUR"),
        // 400.00 on 31 May: penalties of instalment 3, 31 days on 41.09 = 0.35, and of instalment 4,
        // 31 days on 100.00 = 0.85; principal 41.09 + 100.00; instalment 5 due that day 100.00;
        // 400 − 1.20 − 141.09 − 100 = 157.71 goes ahead: instalment 6 in full, 57.71 of instalment 7.
        pay("P-4", d(2027, 5, 31), "400.00 EUR"),
    ];
    let s = Statement::new(&plan, &payments, &options, d(2027, 6, 15)).unwrap();

    let p = |reference: &str| -> Vec<(u32, Option<Component>, String)> {
        s.allocations()
            .iter()
            .filter(|a| a.payment() == reference)
            .map(|a| {
                (
                    a.target().instalment().unwrap_or(0),
                    a.target().component(),
                    a.amount().to_string(),
                )
            })
            .collect()
    };
    let (pen, prin) = (Some(Component::Penalties), Some(Component::Principal));
    assert_eq!(p("P-1"), [(1, prin, "100.00 EUR".to_owned())]);
    assert_eq!(
        p("P-2"),
        [
            (2, pen, "0.27 EUR".to_owned()),
            (2, prin, "99.73 EUR".to_owned())
        ]
    );
    assert_eq!(
        p("P-3"),
        [
            (3, pen, "0.82 EUR".to_owned()),
            (2, prin, "0.27 EUR".to_owned()),
            (3, prin, "58.91 EUR".to_owned())
        ]
    );
    assert_eq!(
        p("P-4"),
        [
            (3, pen, "0.35 EUR".to_owned()),
            (4, pen, "0.85 EUR".to_owned()),
            (3, prin, "41.09 EUR".to_owned()),
            (4, prin, "100.00 EUR".to_owned()),
            (5, prin, "100.00 EUR".to_owned()),
            (6, prin, "100.00 EUR".to_owned()),
            (7, prin, "57.71 EUR".to_owned()),
        ]
    );

    let statuses: Vec<InstalmentStatus> = s.instalments().iter().map(|l| l.status()).collect();
    assert_eq!(
        statuses[..8],
        [
            InstalmentStatus::Paid,
            InstalmentStatus::PaidLate { days_late: 61 }, // 28 Feb → 30 April
            InstalmentStatus::PaidLate { days_late: 61 }, // 31 March → 31 May
            InstalmentStatus::PaidLate { days_late: 31 }, // 30 April → 31 May
            InstalmentStatus::Paid,                       // on its due date
            InstalmentStatus::Paid,                       // in advance
            InstalmentStatus::PartiallyPaid,
            InstalmentStatus::Upcoming,
        ]
    );
    assert_eq!(s.instalments()[6].paid(), m("57.71 EUR"));

    // Penalties: 0.27 (instalment 2) + 0.82 + 0.35 (3) + 0.85 (4) = 2.29, all paid.
    assert_eq!(s.penalties_accrued(), m("2.29 EUR"));
    assert_eq!(s.penalties_paid(), m("2.29 EUR"));
    assert!(s.penalties_outstanding().is_zero());
    assert_eq!(s.paid(), m("660.00 EUR"));
    assert!(s.credit().is_zero());
    assert!(s.arrears().is_zero());
    // 1,200.00 − (6 × 100.00 + 57.71) = 542.29
    assert_eq!(s.remaining_balance(), m("542.29 EUR"));
    let next = s.next_due().unwrap();
    assert_eq!(
        (next.instalment(), next.date(), next.amount()),
        (7, d(2027, 7, 31), m("42.29 EUR"))
    );
    // Nothing in arrears, so no dunning: the first letter is 5 days before instalment 7.
    assert_eq!(s.reminders()[0].date(), d(2027, 7, 26));
    assert_eq!(
        s.reminders()[0].kind(),
        ReminderKind::BeforeDue { days_before: 5 }
    );
    assert_eq!(s.reminders()[0].amount(), m("42.29 EUR"));
    assert_eq!(s.reminders().len(), 6); // instalments 7 to 12

    // The statement's penalties are those of the penalty module on the allocation.
    let direct = ten_percent()
        .compute(Currency::EUR, &penalty_items(&s), s.as_of())
        .unwrap();
    assert_eq!(s.penalties(), Some(&direct));
    // A settlement quote read from the same statement owes the remaining balance (no interest
    // here, and the 2.29 of penalties already paid are not owed again).
    let quote = SettlementOffer::new(d(2027, 6, 30), Reduction::amount(m("42.29 EUR")).unwrap())
        .unwrap()
        .quote(&s)
        .unwrap();
    assert_eq!(quote.owed(), m("542.29 EUR"));
    assert_eq!(quote.payoff(), m("500.00 EUR"));
    assert!(quote.penalties().is_zero());
    assert_eq!(quote.penalties_paid(), m("2.29 EUR"));
    let text = s.to_string();
    assert!(text.contains("paid 61 days late"), "{text}");
    assert!(text.contains("Remaining balance:    542.29 EUR"), "{text}");
}

#[test]
fn a_missed_instalment_is_overdue_and_dunned() {
    let plan = twelve_months();
    let options = StatementOptions::default()
        .with_penalties(ten_percent())
        .with_reminders(
            ReminderRules::new()
                .with_days_before(7)
                .with_dunning_after(10)
                .with_dunning_after(30),
        );
    let payments = [pay("P-1", d(2027, 1, 31), "100.00 EUR")];
    let s = Statement::new(&plan, &payments, &options, d(2027, 3, 20)).unwrap();
    assert_eq!(
        s.instalments()[1].status(),
        InstalmentStatus::Overdue { days_overdue: 20 }
    );
    assert_eq!(s.arrears(), m("100.00 EUR"));
    // 100 × 10 % × 20/365 = 0.5479 → 0.55
    assert_eq!(s.instalments()[1].late_interest(), m("0.55 EUR"));
    assert_eq!(s.penalties_outstanding(), m("0.55 EUR"));
    assert_eq!(s.total_outstanding().unwrap(), m("1100.55 EUR"));
    let letters: Vec<(NaiveDate, ReminderKind, u32)> = s
        .reminders()
        .iter()
        .take(3)
        .map(|r| (r.date(), r.kind(), r.instalment()))
        .collect();
    assert_eq!(
        letters,
        [
            // Level 1 (10 days after 28 Feb) was on 10 March, before the statement.
            (
                d(2027, 3, 24),
                ReminderKind::BeforeDue { days_before: 7 },
                3
            ),
            (
                d(2027, 3, 30),
                ReminderKind::Dunning {
                    level: 2,
                    days_after: 30
                },
                2
            ),
            (
                d(2027, 4, 23),
                ReminderKind::BeforeDue { days_before: 7 },
                4
            ),
        ]
    );
}

#[test]
fn fixed_compensation_is_a_cost_paid_first_under_french_law() {
    let plan = three_months();
    let policy = ten_percent().with_compensation(Compensation::fixed(m("40.00 EUR")).unwrap());
    let options = StatementOptions::default().with_penalties(policy);
    // Instalment 1 missed; 150.00 on 10 February: compensation 40.00, penalties
    // 100 × 10 % × 10/365 = 0.27, principal 100.00, and 150 − 140.27 = 9.73 ahead on instalment 2.
    let s = Statement::new(
        &plan,
        &[pay("P-1", d(2027, 2, 10), "150.00 EUR")],
        &options,
        d(2027, 2, 10),
    )
    .unwrap();
    assert_eq!(
        shares(&s),
        [
            (1, Some(Component::Compensation), "40.00 EUR".to_owned()),
            (1, Some(Component::Penalties), "0.27 EUR".to_owned()),
            (1, Some(Component::Principal), "100.00 EUR".to_owned()),
            (2, Some(Component::Principal), "9.73 EUR".to_owned()),
        ]
    );
    assert_eq!(
        s.instalments()[0].status(),
        InstalmentStatus::PaidLate { days_late: 10 }
    );
    assert_eq!(s.instalments()[0].compensation(), m("40.00 EUR"));
    assert_eq!(s.penalties_accrued(), m("40.27 EUR"));
    assert_eq!(s.instalments()[1].status(), InstalmentStatus::PartiallyPaid);
}

#[test]
fn within_the_grace_days_no_compensation_is_due() {
    let plan = three_months();
    let policy = ten_percent()
        .with_compensation(Compensation::fixed(m("40.00 EUR")).unwrap())
        .with_grace_days(10);
    let options = StatementOptions::default().with_penalties(policy);
    // Instalment 1 unpaid: overdue from 1 February, late only after the 10 grace days.
    for (as_of, compensation, interest) in [
        (d(2027, 2, 5), "0.00 EUR", "0.00 EUR"),
        (d(2027, 2, 10), "0.00 EUR", "0.00 EUR"),
        // 100 × 10 % × 1/365 = 0.03
        (d(2027, 2, 11), "40.00 EUR", "0.03 EUR"),
    ] {
        let s = Statement::new(&plan, &[], &options, as_of).unwrap();
        let line = &s.instalments()[0];
        assert_eq!(line.compensation(), m(compensation), "{as_of}");
        assert_eq!(line.late_interest(), m(interest), "{as_of}");
        assert_eq!(
            Ok(s.penalties_accrued()),
            m(compensation).checked_add(m(interest)),
            "{as_of}"
        );
    }
    // Paid within the grace days: the payment goes to the instalment, none to a compensation.
    let s = Statement::new(
        &plan,
        &[pay("P-1", d(2027, 2, 5), "100.00 EUR")],
        &options,
        d(2027, 2, 28),
    )
    .unwrap();
    assert_eq!(
        shares(&s),
        [(1, Some(Component::Principal), "100.00 EUR".to_owned())]
    );
    assert_eq!(s.penalties_accrued(), m("0.00 EUR"));
}

#[test]
fn each_preset_orders_the_same_payment_its_own_way() {
    // Instalments 1 and 2 missed; 150.00 on 15 March 2027.
    let plan = with_fees_and_interest();
    let payments = [pay("P-1", d(2027, 3, 15), "150.00 EUR")];
    let run = |policy: AllocationPolicy| {
        let options = StatementOptions::new(policy);
        shares(&Statement::new(&plan, &payments, &options, d(2027, 3, 20)).unwrap())
    };
    let (f, i, p) = (
        Some(Component::Fees),
        Some(Component::Interest),
        Some(Component::Principal),
    );
    let line = |n: u32, c: Option<Component>, a: &str| (n, c, a.to_owned());
    // Costs, then interest, then principal, oldest first:
    // 60.00 + 12.60 + 11.61 + 39.35 + 26.44 = 150.00
    let france = vec![
        line(1, f, "60.00 EUR"),
        line(1, i, "12.60 EUR"),
        line(2, i, "11.61 EUR"),
        line(1, p, "39.35 EUR"),
        line(2, p, "26.44 EUR"),
    ];
    assert_eq!(run(AllocationPolicy::france_1343_1()), france);
    assert_eq!(run(AllocationPolicy::germany_bgb_366_367()), france);
    // Consumer credit: costs, principal, interest: 60.00 + 39.35 + 50.65 = 150.00
    assert_eq!(
        run(AllocationPolicy::germany_bgb_497_consumer()),
        [
            line(1, f, "60.00 EUR"),
            line(1, p, "39.35 EUR"),
            line(2, p, "50.65 EUR"),
        ]
    );
    // Principal first: 39.35 + 100.34 + 10.31 = 150.00
    assert_eq!(
        run(AllocationPolicy::principal_first()),
        [
            line(1, p, "39.35 EUR"),
            line(2, p, "100.34 EUR"),
            line(1, i, "10.31 EUR"),
        ]
    );
}

#[test]
fn instalment_by_instalment_clears_the_oldest_first() {
    let plan = with_fees_and_interest();
    let payments = [pay("P-1", d(2027, 3, 15), "100.00 EUR")];
    let run = |sweep: Sweep| {
        let options = StatementOptions::new(AllocationPolicy::france_1343_1().with_sweep(sweep));
        shares(&Statement::new(&plan, &payments, &options, d(2027, 3, 20)).unwrap())
    };
    let line = |n: u32, c: Component, a: &str| (n, Some(c), a.to_owned());
    // Component by component: 60.00 + 12.60 + 11.61 + 15.79 = 100.00
    assert_eq!(
        run(Sweep::ComponentByComponent),
        [
            line(1, Component::Fees, "60.00 EUR"),
            line(1, Component::Interest, "12.60 EUR"),
            line(2, Component::Interest, "11.61 EUR"),
            line(1, Component::Principal, "15.79 EUR"),
        ]
    );
    // Instalment by instalment: 60.00 + 12.60 + 27.40 = 100.00, all on instalment 1.
    assert_eq!(
        run(Sweep::InstalmentByInstalment),
        [
            line(1, Component::Fees, "60.00 EUR"),
            line(1, Component::Interest, "12.60 EUR"),
            line(1, Component::Principal, "27.40 EUR"),
        ]
    );
}

#[test]
fn an_overpayment_goes_ahead_or_stays_a_credit() {
    let plan = three_months();
    let payments = [pay("P-1", d(2027, 1, 31), "250.00 EUR")];
    let ahead = Statement::new(
        &plan,
        &payments,
        &StatementOptions::default(),
        d(2027, 2, 1),
    )
    .unwrap();
    // 100.00 due that day, then 100.00 and 50.00 in advance.
    let paid: Vec<Money> = ahead.instalments().iter().map(|l| l.paid()).collect();
    assert_eq!(paid, [m("100.00 EUR"), m("100.00 EUR"), m("50.00 EUR")]);
    assert!(ahead.credit().is_zero());
    assert_eq!(ahead.next_due().unwrap().amount(), m("50.00 EUR"));

    let keep = StatementOptions::new(
        AllocationPolicy::france_1343_1().with_surplus(Surplus::KeepAsCredit),
    );
    let kept = Statement::new(&plan, &payments, &keep, d(2027, 2, 1)).unwrap();
    assert_eq!(kept.credit(), m("150.00 EUR"));
    assert_eq!(kept.remaining_balance(), m("200.00 EUR"));
    assert_eq!(
        kept.allocations().last().unwrap().target(),
        AllocationTarget::Credit
    );

    // More than the whole plan: the rest is a credit even when it goes ahead.
    let all = [pay("P-1", d(2027, 1, 31), "400.00 EUR")];
    let s = Statement::new(&plan, &all, &StatementOptions::default(), d(2027, 2, 1)).unwrap();
    assert_eq!(s.credit(), m("100.00 EUR"));
    assert!(s.remaining_balance().is_zero());
    assert_eq!(s.next_due(), None);
}

#[test]
fn bad_payments_are_refused_by_name() {
    let plan = twelve_months();
    let options = StatementOptions::default().agreed_on(d(2027, 1, 5));
    let as_of = d(2027, 3, 1);
    let err = |payments: &[Payment]| {
        Statement::new(&plan, payments, &options, as_of)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err(&[pay("P-0", d(2027, 1, 4), "10.00 EUR")]),
        "payment \"P-0\" of 2027-01-04 is dated before the plan was agreed on 2027-01-05"
    );
    assert_eq!(
        err(&[pay("P-9", d(2027, 3, 2), "10.00 EUR")]),
        "payment \"P-9\" of 2027-03-02 is dated after the statement date 2027-03-01"
    );
    assert_eq!(
        err(&[
            pay("P-1", d(2027, 2, 1), "10.00 EUR"),
            pay("P-1", d(2027, 2, 2), "10.00 EUR")
        ]),
        "duplicate payment reference \"P-1\""
    );
    assert!(matches!(
        Statement::new(
            &plan,
            &[pay("P-1", d(2027, 2, 1), "10 JPY")],
            &options,
            as_of
        ),
        Err(Error::CurrencyMismatch { .. })
    ));
    let empty = StatementOptions::new(AllocationPolicy::new());
    assert!(matches!(
        Statement::new(&plan, &[], &empty, as_of),
        Err(Error::InvalidAllocationPolicy { .. })
    ));
}

// Properties.

fn eur(cents: i64) -> Money {
    Money::from_minor(cents, Currency::EUR).unwrap()
}

/// Plans of 1 to 12 monthly instalments, with or without fees and interest.
pub(crate) fn plan() -> impl Strategy<Value = Schedule> {
    (1u32..=12, 10_000i64..=1_000_000, 0i64..=5_000, 0u32..=12).prop_map(
        |(count, cents, fee_cents, rate)| {
            let mut debt = Debt::single(Claim::new("F-1", eur(cents)).unwrap());
            if fee_cents > 0 {
                debt = debt
                    .with_fee(Fee::new("frais", eur(fee_cents)).unwrap())
                    .unwrap();
            }
            let request = PlanRequest::new(
                debt,
                d(2027, 1, 31),
                Frequency::MONTHLY,
                Sizing::Count(count),
            );
            let request = if rate > 0 {
                request.interest(Interest::Annuity(format!("{rate}%").parse().unwrap()))
            } else {
                request
            };
            request.generate().unwrap()
        },
    )
}

/// Payments within 400 days of 1 January 2027, the statement on day 400.
pub(crate) fn payments() -> impl Strategy<Value = Vec<Payment>> {
    prop::collection::vec((0u64..400, 1i64..=300_000), 0..12).prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(|(k, (day, cents))| {
                Payment::new(format!("P-{k}"), start() + Days::new(day), eur(cents)).unwrap()
            })
            .collect()
    })
}

pub(crate) fn start() -> NaiveDate {
    d(2027, 1, 1)
}

pub(crate) fn options() -> impl Strategy<Value = StatementOptions> {
    let policy = prop_oneof![
        Just(AllocationPolicy::france_1343_1()),
        Just(AllocationPolicy::germany_bgb_497_consumer()),
        Just(AllocationPolicy::principal_first()),
    ];
    let sweep = prop_oneof![
        Just(Sweep::ComponentByComponent),
        Just(Sweep::InstalmentByInstalment)
    ];
    let surplus = prop_oneof![
        Just(Surplus::ApplyToNextInstalments),
        Just(Surplus::KeepAsCredit)
    ];
    (policy, sweep, surplus, any::<bool>()).prop_map(|(policy, sweep, surplus, penalties)| {
        let options = StatementOptions::new(policy.with_sweep(sweep).with_surplus(surplus))
            .with_reminders(
                ReminderRules::new()
                    .with_days_before(3)
                    .with_dunning_after(7),
            );
        if penalties {
            options.with_penalties(
                ten_percent().with_compensation(Compensation::fixed(eur(4000)).unwrap()),
            )
        } else {
            options
        }
    })
}

proptest! {
    #![proptest_config(crate::cases(64))]

    #[test]
    fn allocated_plus_credit_equals_paid(plan in plan(), payments in payments(), options in options()) {
        let s = Statement::new(&plan, &payments, &options, start() + Days::new(400)).unwrap();
        for payment in &payments {
            let shares = Money::sum(
                Currency::EUR,
                s.allocations().iter().filter(|a| a.payment() == payment.reference()).map(|a| a.amount()),
            ).unwrap();
            prop_assert_eq!(shares, payment.amount());
        }
        let to_instalments = Money::sum(Currency::EUR, s.instalments().iter().map(|l| l.paid())).unwrap();
        let total = to_instalments.checked_add(s.penalties_paid()).unwrap().checked_add(s.credit()).unwrap();
        prop_assert_eq!(total, s.paid());
        for line in s.instalments() {
            prop_assert!(!line.unpaid().is_negative());
            prop_assert_eq!(line.paid().checked_add(line.unpaid()).unwrap(), line.amount());
        }
        prop_assert!(!s.penalties_outstanding().is_negative());
    }

    #[test]
    fn statuses_are_consistent_with_dates(plan in plan(), payments in payments(), options in options(), day in 0u64..450) {
        let as_of = start() + Days::new(day);
        let known: Vec<Payment> = payments.into_iter().filter(|p| p.date() <= as_of).collect();
        let s = Statement::new(&plan, &known, &options, as_of).unwrap();
        for line in s.instalments() {
            let due = line.due_date();
            let days = |a: NaiveDate, b: NaiveDate| u32::try_from((b - a).num_days()).unwrap();
            if let Some(paid) = line.paid_in_full_on() {
                prop_assert!(paid <= as_of);
                prop_assert!(line.unpaid().is_zero());
            }
            match line.status() {
                InstalmentStatus::Paid => prop_assert!(line.paid_in_full_on().unwrap() <= due),
                InstalmentStatus::PaidLate { days_late } => {
                    let paid = line.paid_in_full_on().unwrap();
                    prop_assert!(paid > due);
                    prop_assert_eq!(days_late, days(due, paid));
                }
                InstalmentStatus::Overdue { days_overdue } => {
                    prop_assert!(due < as_of && line.unpaid().is_positive());
                    prop_assert_eq!(days_overdue, days(due, as_of));
                }
                InstalmentStatus::DueToday => prop_assert!(due == as_of && line.unpaid().is_positive()),
                InstalmentStatus::PartiallyPaid => {
                    prop_assert!(due > as_of && line.paid().is_positive() && line.unpaid().is_positive());
                }
                InstalmentStatus::Upcoming => prop_assert!(due > as_of && line.paid().is_zero()),
                _ => prop_assert!(false, "unknown status"),
            }
        }
        for reminder in s.reminders() {
            prop_assert!(reminder.date() >= as_of);
        }
    }

    #[test]
    fn one_call_or_one_at_a_time_gives_the_same_statement(plan in plan(), payments in payments(), options in options()) {
        let as_of = start() + Days::new(400);
        let once = Statement::new(&plan, &payments, &options, as_of).unwrap();
        let mut stepwise = Statement::new(&plan, &[], &options, as_of).unwrap();
        // In date order, as they would arrive.
        let mut arriving = payments.clone();
        arriving.sort_by_key(Payment::date);
        for payment in arriving {
            stepwise = stepwise.apply(payment).unwrap();
        }
        prop_assert_eq!(once, stepwise);
    }

    #[test]
    fn penalties_are_those_of_the_penalty_module(plan in plan(), payments in payments(), options in options()) {
        let as_of = start() + Days::new(400);
        let s = Statement::new(&plan, &payments, &options, as_of).unwrap();
        if let Some(policy) = options.penalties() {
            let direct = policy.compute(Currency::EUR, &penalty_items(&s), as_of).unwrap();
            prop_assert_eq!(s.penalties(), Some(&direct));
        } else {
            prop_assert!(s.penalties().is_none() && s.penalties_accrued().is_zero());
        }
    }

    #[test]
    fn penalties_never_decrease_as_of_later(plan in plan(), payments in payments(), options in options(), later in 0u64..200) {
        let as_of = start() + Days::new(400);
        let s = Statement::new(&plan, &payments, &options, as_of).unwrap();
        let t = s.restated_on(as_of + Days::new(later)).unwrap();
        prop_assert!(t.penalties_accrued() >= s.penalties_accrued());
        prop_assert_eq!(t.penalties_paid(), s.penalties_paid());
    }
}
