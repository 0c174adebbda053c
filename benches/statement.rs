//! Benchmarks of a statement, named `area/case/size`: a 36-month plan of 10,000.00 EUR with
//! interest and fees and 40 payments (on time, late, partial, missed and made up), under the French
//! allocation order with late-payment penalties and fixed compensation; then the same over 360
//! months (100,000.00 EUR) with 400 payments, to show the work growing linearly with the
//! instalments and payments.
//!
//! The 36-month statement is measured beside `generate/annuity/36`, the generation of the same
//! plan from its request, in one run: their ratio says what a statement costs in plans generated.
//! (`benches/generate.rs` has a `generate/annuity/36` of its own, the same request without the
//! 120.00 fee; the two take the same time within noise, so they share the id.)
//!
//! Linear as long as the arrears stay bounded: under an order that pays the penalties of every
//! overdue instalment first, each payment makes one allocation per instalment then overdue, so a
//! debtor falling ever further behind makes the statement itself (its list of allocations) grow
//! with payments × overdue instalments.
//!
//! Run with `cargo bench --bench statement`; the case first checks its answer, so the benchmark
//! never measures a wrong one.
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
    AllocationPolicy, Claim, Compensation, Currency, Debt, Fee, Frequency, Interest, Money,
    Payment, PenaltyPolicy, PenaltyRate, PlanRequest, ReminderRules, Schedule, Sizing, Statement,
    StatementOptions,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A plan, the payments made on it and what its statement is made with.
struct Case {
    request: PlanRequest,
    plan: Schedule,
    payments: Vec<Payment>,
    options: StatementOptions,
    as_of: NaiveDate,
}

fn case(count: u32, payment_count: u32) -> Case {
    // 10,000.00 EUR over 36 months; ten times as much over ten times as long, so that the
    // instalments, and what is late of them, stay alike.
    let principal = Money::from_minor(1_000_000 * i64::from(count) / 36, Currency::EUR).unwrap();
    let debt = Debt::single(Claim::new("LOAN-1", principal).unwrap())
        .with_fee(Fee::new("frais", "120.00 EUR".parse().unwrap()).unwrap())
        .unwrap();
    let request = PlanRequest::new(
        debt,
        date(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(count),
    )
    .interest(Interest::Annuity("5%".parse().unwrap()));
    let plan = request.generate().unwrap();
    // A payment every 27 days over the plan, of two thirds to twice the regular instalment (7/6
    // of it on average, so the debtor catches up): every tenth one late by 20 days, several short.
    let regular = plan.instalments()[1].amount().to_minor().unwrap();
    let payments: Vec<Payment> = (0..payment_count)
        .map(|k| {
            let day = u64::from(k) * 27 + if k % 10 == 3 { 20 } else { 0 };
            let amount =
                Money::from_minor(regular * (4 + i64::from(k % 7)) / 6, Currency::EUR).unwrap();
            Payment::new(
                format!("P-{k:03}"),
                date(2027, 1, 25).checked_add_days(Days::new(day)).unwrap(),
                amount,
            )
            .unwrap()
        })
        .collect();
    let options = StatementOptions::new(AllocationPolicy::france_1343_1())
        .with_penalties(
            PenaltyPolicy::new(PenaltyRate::fixed("8%".parse().unwrap()))
                .with_compensation(Compensation::fixed("40.00 EUR".parse().unwrap()).unwrap()),
        )
        .with_reminders(
            ReminderRules::new()
                .with_days_before(5)
                .with_dunning_after(10),
        );
    let last_due = plan.instalments().last().unwrap().due_date();
    let as_of = last_due.checked_add_months(chrono::Months::new(1)).unwrap();
    let s = Statement::new(&plan, &payments, &options, as_of).unwrap();
    let shares = Money::sum(Currency::EUR, s.allocations().iter().map(|a| a.amount())).unwrap();
    assert_eq!(shares, s.paid());
    Case {
        request,
        plan,
        payments,
        options,
        as_of,
    }
}

fn bench_statement(c: &mut Criterion, case: &Case) {
    let Case {
        plan,
        payments,
        options,
        as_of,
        ..
    } = case;
    let name = format!(
        "statement/{}_instalments_{}_payments",
        plan.instalments().len(),
        payments.len()
    );
    c.bench_function(&name, |b| {
        b.iter(|| Statement::new(black_box(plan), black_box(payments), options, *as_of).unwrap())
    });
}

/// The 36-month statement, then the generation of its plan, one after the other in one run.
fn statement_and_generation(c: &mut Criterion) {
    let small = case(36, 40);
    bench_statement(c, &small);
    assert_eq!(small.request.generate().unwrap(), small.plan);
    c.bench_function("generate/annuity/36", |b| {
        b.iter(|| black_box(&small.request).generate().unwrap())
    });
}

fn statement_large(c: &mut Criterion) {
    bench_statement(c, &case(360, 400));
}

criterion_group!(benches, statement_and_generation, statement_large);
criterion_main!(benches);
