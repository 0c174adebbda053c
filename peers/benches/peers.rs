//! The same schedule built by this crate and by a peer, in the same run: `peers/annuity/36`.
//!
//! Run with `cargo bench -p echeancier-peers` (or `cargo bench --workspace --bench peers`). The plan is the reference: 10,000.00 repaid in 36
//! monthly instalments at 5 % a year (5/12 % a month), amounts in cents rounded half away from zero.
//!
//! What each side computes, for every one of the 36 rows:
//!
//! - `echeancier`: the whole [`Schedule`]: the regular instalment (299.71) from the annuity formula,
//!   rounded once; each row's interest as balance × 5 % × 1/12 from the exact fraction, rounded to
//!   the cent; the principal part as instalment − interest; the balance after; the last instalment
//!   settles the balance; plus each row's due date (anchored on the 31st), the totals, and the
//!   derivation.
//! - `rust_finprim` 0.5.1 (`tvm::pmt` then `amort_dep_tax::amort_schedule` with rounding to 2 places,
//!   half away from zero): the payment from its `pmt`, rounded; each row's interest as balance ×
//!   rate (the rate 0.05 / 12 as a 28-digit `Decimal`, or an `f64`) rounded, and the principal as
//!   payment − unrounded interest, rounded separately; the last row's principal takes the remaining
//!   balance. No dates, no totals. Its `Decimal` path is run with `rust_decimal` (the `maths`
//!   feature for `powf`), its `f64` path with `f64`.
//!
//! Before measuring, the rows are compared with ours to the cent: the `Decimal` path must agree on
//! every principal part, interest and balance (asserted); the `f64` path's rows are rounded to cents
//! and its disagreements counted and printed, not asserted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use echeancier::{Claim, Debt, Frequency, Interest, PlanRequest, Schedule, Sizing};
use rust_decimal::Decimal;
use rust_finprim::amort_dep_tax::{amort_schedule, AmortizationPeriod};
use rust_finprim::tvm::pmt;
use rust_finprim::RoundingMode;

const COUNT: u32 = 36;

fn ours() -> PlanRequest {
    let debt = Debt::single(Claim::new("LOAN-1", "10000.00 EUR".parse().unwrap()).unwrap());
    let first_due = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
    PlanRequest::new(debt, first_due, Frequency::MONTHLY, Sizing::Count(COUNT))
        .interest(Interest::Annuity("5%".parse().unwrap()))
}

fn finprim_decimal() -> Vec<AmortizationPeriod<Decimal>> {
    let rate = black_box(Decimal::new(5, 2)) / Decimal::from(12);
    let principal = black_box(Decimal::new(10_000_00, 2));
    let payment = pmt(rate, Decimal::from(COUNT), principal, None, None);
    let round = Some((2, RoundingMode::HalfAwayFromZero, Decimal::ZERO));
    amort_schedule(rate, COUNT, principal, payment, round)
}

fn finprim_f64() -> Vec<AmortizationPeriod<f64>> {
    let rate = black_box(0.05) / 12.0;
    let principal = black_box(10_000.0);
    let payment = pmt(rate, f64::from(COUNT), principal, None, None);
    let round = Some((2, RoundingMode::HalfAwayFromZero, 1e-9));
    amort_schedule(rate, COUNT, principal, payment, round)
}

/// Our rows as (principal, interest, balance after) in cents.
fn our_rows(schedule: &Schedule) -> Vec<(i64, i64, i64)> {
    schedule
        .instalments()
        .iter()
        .map(|i| {
            (
                i.principal().to_minor().unwrap(),
                i.interest().to_minor().unwrap(),
                i.balance_after().to_minor().unwrap(),
            )
        })
        .collect()
}

fn cents_of_decimal(d: Decimal) -> i64 {
    assert_eq!(d.round_dp(2), d, "{d} is not whole cents");
    let mut d = d;
    d.rescale(2);
    i64::try_from(d.mantissa()).unwrap()
}

fn cents_of_f64(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

/// Checks that the three computations describe the same schedule before any is measured.
fn check_agreement() {
    let ours = our_rows(&ours().generate().unwrap());
    assert_eq!(ours.len(), COUNT as usize);

    let decimal: Vec<_> = finprim_decimal()
        .iter()
        .map(|p| {
            (
                cents_of_decimal(p.principal_payment),
                cents_of_decimal(p.interest_payment),
                cents_of_decimal(p.remaining_balance),
            )
        })
        .collect();
    assert_eq!(
        decimal, ours,
        "rust_finprim (Decimal) disagrees with echeancier"
    );

    let float = finprim_f64();
    let mismatches = float
        .iter()
        .zip(&ours)
        .filter(|(p, o)| {
            (
                cents_of_f64(p.principal_payment),
                cents_of_f64(p.interest_payment),
                cents_of_f64(p.remaining_balance),
            ) != **o
        })
        .count();
    let not_whole = float
        .iter()
        .filter(|p| {
            let parts = [p.principal_payment, p.interest_payment, p.remaining_balance];
            parts.iter().any(|x| (x * 100.0).fract() != 0.0)
        })
        .count();
    eprintln!(
        "peers/annuity/36: rust_finprim f64 rows that differ from echeancier once rounded to the \
         cent: {mismatches} of {COUNT}; rows with an amount that is not a whole number of cents in \
         f64: {not_whole} of {COUNT}"
    );
}

fn peers(c: &mut Criterion) {
    check_agreement();
    let request = ours();
    let mut group = c.benchmark_group("peers/annuity/36");
    group.bench_function("echeancier", |b| {
        b.iter(|| black_box(&request).generate().unwrap())
    });
    group.bench_function("rust_finprim_decimal", |b| b.iter(finprim_decimal));
    group.bench_function("rust_finprim_f64", |b| b.iter(finprim_f64));
    group.finish();
}

criterion_group!(benches, peers);
criterion_main!(benches);
