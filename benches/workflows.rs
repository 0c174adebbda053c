//! Benchmarks of the operations built on schedule generation, named `area/case/size`:
//! proposals for one debtor and late-payment penalties for a portfolio of invoices.
//!
//! Run with `cargo bench --bench workflows`; each case first checks its answer, so a benchmark never
//! measures a wrong one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use echeancier::{
    Claim, CreditorPolicy, Currency, Debt, MaxDuration, Money, OverdueItem, PartialPayment,
    PenaltyPolicy, ProposalRequest,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn propose(c: &mut Criterion) {
    // 4,850.00 EUR, 400.00 a month, at most 24 months: shortest, comfortable and longest plans.
    let debt = Debt::single(Claim::new("F-1", "4850.00 EUR".parse().unwrap()).unwrap());
    let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD);
    let request = ProposalRequest::new(
        debt,
        "400.00 EUR".parse().unwrap(),
        date(2027, 1, 5),
        date(2027, 2, 5),
        policy,
    );
    assert_eq!(request.propose().unwrap().options().len(), 3);
    c.bench_function("propose/3_options", |b| {
        b.iter(|| black_box(&request).propose().unwrap())
    });
}

fn penalties(c: &mut Criterion) {
    // 1,000 invoices due over 2025, amounts from 100.00 to 10,099.00, one in three paid in part on
    // the way, under the French B2B terms (rates read per half-year from the ECB table).
    let invoices: Vec<OverdueItem> = (0..1000u32)
        .map(|i| {
            let due = date(2025, 1, 1)
                .checked_add_days(Days::new(u64::from(i % 300)))
                .unwrap();
            let amount = Money::from_minor(10_000 + i64::from(i) * 1_000, Currency::EUR).unwrap();
            let item = OverdueItem::new(format!("F-{i:04}"), due, amount).unwrap();
            if i % 3 == 0 {
                let paid_on = due.checked_add_days(Days::new(40)).unwrap();
                let half = Money::from_minor(5_000 + i64::from(i) * 500, Currency::EUR).unwrap();
                item.with_payment(PartialPayment::new(paid_on, half).unwrap())
                    .unwrap()
            } else {
                item
            }
        })
        .collect();
    let policy = PenaltyPolicy::france_b2b().unwrap();
    let as_of = date(2026, 3, 31);
    let statement = policy.compute(Currency::EUR, &invoices, as_of).unwrap();
    assert_eq!(statement.items().len(), 1000);
    assert!(statement.interest().is_positive());
    c.bench_function("penalties/1000_invoices", |b| {
        b.iter(|| {
            policy
                .compute(Currency::EUR, black_box(&invoices), as_of)
                .unwrap()
        })
    });
}

criterion_group!(benches, propose, penalties);
criterion_main!(benches);
