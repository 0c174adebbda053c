//! Schedule generation benchmarks, named `area/case/size`.
//!
//! Run with `cargo bench --bench generate`; each case first checks that the plan is what it should
//! be, so a benchmark never measures a wrong answer.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use echeancier::{CapacityShape, Claim, Debt, Frequency, Interest, PlanRequest, Sizing};

fn request(amount: &str, sizing: Sizing, interest: Interest) -> PlanRequest {
    let debt = Debt::single(Claim::new("LOAN-1", amount.parse().unwrap()).unwrap());
    let first_due = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
    PlanRequest::new(debt, first_due, Frequency::MONTHLY, sizing).interest(interest)
}

fn generate(c: &mut Criterion) {
    let five_percent = Interest::Annuity("5%".parse().unwrap());
    let mut group = c.benchmark_group("generate");
    for count in [12u32, 36, 360] {
        let req = request("10000.00 EUR", Sizing::Count(count), five_percent);
        assert_eq!(req.generate().unwrap().instalments().len(), count as usize);
        group.bench_function(format!("annuity/{count}"), |b| {
            b.iter(|| black_box(&req).generate().unwrap())
        });
    }

    let req = request("10000.00 EUR", Sizing::Count(36), Interest::None);
    assert_eq!(
        req.generate().unwrap().instalments()[0]
            .amount()
            .to_string(),
        "277.78 EUR"
    );
    group.bench_function("no_interest/36", |b| {
        b.iter(|| black_box(&req).generate().unwrap())
    });

    // 10,000.00 at 5 % with a capacity of 299.71: the 36-instalment annuity found by capacity.
    let sizing = Sizing::Capacity {
        capacity: "299.71 EUR".parse().unwrap(),
        shape: CapacityShape::FullCapacity,
    };
    let req = request("10000.00 EUR", sizing, five_percent);
    assert_eq!(req.generate().unwrap().instalments().len(), 36);
    group.bench_function("by_capacity/36", |b| {
        b.iter(|| black_box(&req).generate().unwrap())
    });
    group.finish();
}

criterion_group!(benches, generate);
criterion_main!(benches);
