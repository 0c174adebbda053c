//! Benchmarks of schedule adjustments, named `adjust/case/size`: rescheduling a 36-month annuity
//! with 12 instalments paid, and checking a lapse rule on it.
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
    Claim, Debt, Frequency, Interest, LapseRule, PartialPayment, PlanHistory, PlanRequest,
    Reschedule, Sizing,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn reschedule(c: &mut Criterion) {
    // 10,000.00 EUR at 5 % over 36 months; 12 paid; the rest rescheduled over 36 months on 10 January 2028.
    let debt = Debt::single(Claim::new("L-1", "10000.00 EUR".parse().unwrap()).unwrap());
    let plan = PlanRequest::new(
        debt,
        date(2027, 1, 15),
        Frequency::MONTHLY,
        Sizing::Count(36),
    )
    .interest(Interest::Annuity("5%".parse().unwrap()))
    .generate()
    .unwrap();
    let paid: Vec<(u32, PartialPayment)> = plan.instalments()[..12]
        .iter()
        .map(|i| {
            (
                i.number(),
                PartialPayment::new(i.due_date(), i.amount()).unwrap(),
            )
        })
        .collect();
    let history = PlanHistory::new(plan.clone(), date(2027, 1, 5));
    let on = date(2028, 1, 10);
    let terms = Reschedule::new(Sizing::Count(36));
    let adjusted = history.reschedule(&paid, on, terms.clone()).unwrap();
    let record = adjusted.current().record().unwrap();
    assert_eq!(record.outstanding_before(), record.outstanding_after());
    assert_eq!(adjusted.current().kept().len(), 12);
    c.bench_function("adjust/reschedule/36", |b| {
        b.iter(|| {
            black_box(&history)
                .reschedule(black_box(&paid), on, terms.clone())
                .unwrap()
        })
    });

    let rule = LapseRule::missed(2).unwrap();
    assert!(rule.check(&plan, &paid, on).unwrap().is_none());
    c.bench_function("adjust/lapse_check/36", |b| {
        b.iter(|| rule.check(black_box(&plan), black_box(&paid), on).unwrap())
    });
}

criterion_group!(benches, reschedule);
criterion_main!(benches);
