//! Benchmarks of schedule adjustments, named `adjust/case/size`: rescheduling an annuity of 36
//! (then 360) monthly instalments with the first third paid, and checking a lapse rule on it. The
//! two sizes show the work growing linearly with the instalments and payments.
//!
//! Both read a [`Statement`] of the plan on the day of the adjustment, as an [`Account`] does; the
//! statement is made once, outside the measured loop (the `account` bench measures the whole
//! `Account::reschedule`, statement included).
//!
//! Run with `cargo bench --bench adjust`; each case first checks its answer, so a benchmark never
//! measures a wrong one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use echeancier::{
    Account, Claim, Debt, Frequency, Interest, LapseRule, Money, Payment, PlanRequest, Reschedule,
    Sizing, StatementOptions,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn reschedule(c: &mut Criterion) {
    for count in [36u32, 360] {
        reschedule_one(c, count);
    }
}

/// 10,000.00 EUR at 5 % over `count` months from 15 January 2027; the first third paid on time;
/// the rest rescheduled over `count` months five days before the next instalment is due.
fn reschedule_one(c: &mut Criterion, count: u32) {
    let debt = Debt::single(Claim::new("L-1", "10000.00 EUR".parse().unwrap()).unwrap());
    let plan = PlanRequest::new(
        debt,
        date(2027, 1, 15),
        Frequency::MONTHLY,
        Sizing::Count(count),
    )
    .interest(Interest::Annuity("5%".parse().unwrap()))
    .generate()
    .unwrap();
    let paid_count = count as usize / 3;
    let mut account =
        Account::new(plan.clone(), date(2027, 1, 5), StatementOptions::default()).unwrap();
    for i in &plan.instalments()[..paid_count] {
        account
            .pay(Payment::new(format!("P-{}", i.number()), i.due_date(), i.amount()).unwrap())
            .unwrap();
    }
    let on = plan.instalments()[paid_count].due_date() - chrono::Days::new(5);
    let at = account.statement(on).unwrap();
    let paid = Money::sum(
        at.currency(),
        plan.instalments()[..paid_count].iter().map(|i| i.amount()),
    )
    .unwrap();
    assert_eq!(at.paid(), paid);
    assert!(at.arrears().is_zero());
    let history = account.history().clone();
    let terms = Reschedule::new(Sizing::Count(count));
    let adjusted = history.reschedule(&at, terms.clone()).unwrap();
    let record = adjusted.current().record().unwrap();
    assert_eq!(record.outstanding_before(), record.outstanding_after());
    assert_eq!(adjusted.current().kept().len(), paid_count);
    c.bench_function(&format!("adjust/reschedule/{count}"), |b| {
        b.iter(|| {
            black_box(&history)
                .reschedule(black_box(&at), terms.clone())
                .unwrap()
        })
    });

    let rule = LapseRule::missed(2).unwrap();
    assert!(rule.check(&at).unwrap().is_none());
    c.bench_function(&format!("adjust/lapse_check/{count}"), |b| {
        b.iter(|| rule.check(black_box(&at)).unwrap())
    });
}

criterion_group!(benches, reschedule);
criterion_main!(benches);
