//! Inputs that can be long, from 1,000 to 1,000,000 lines: claims of a debt (added and turned into
//! a plan), budget lines (a capacity), payments (a statement), overdue items (penalties), the
//! payments of one overdue item and events (an account recorded). Each must take time linear in its length (or n log n): the
//! throughput per line stays about the same from one size to the next, and a million lines take
//! under a second.
//!
//! ```sh
//! cargo bench --bench long_inputs
//! ```
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::arithmetic_side_effects
)]

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use echeancier::{
    Account, Budget, BudgetLine, CapacityPolicy, Category, Claim, Currency, Debt, Frequency, Money,
    OverdueItem, Payment, PenaltyPolicy, PenaltyRate, PlanRequest, Sizing, StatementOptions,
};

const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn cents(minor: i64) -> Money {
    Money::from_minor(minor, Currency::EUR).unwrap()
}

/// `n` claims of 1.00 to 100.00 EUR, each with its own reference.
fn claims(n: usize) -> Vec<Claim> {
    (0..n)
        .map(|i| Claim::new(format!("F-{i:07}"), cents(100 + (i as i64 % 9_900))).unwrap())
        .collect()
}

fn debt_claims(c: &mut Criterion) {
    let mut group = c.benchmark_group("long_inputs/claims");
    group.sample_size(10);
    for n in SIZES {
        let input = claims(n);
        group.throughput(Throughput::Elements(n as u64));
        // The debt checked (currencies, references unique), then a plan of 12 instalments on it.
        group.bench_with_input(BenchmarkId::from_parameter(n), &input, |b, input| {
            b.iter_batched(
                || input.clone(),
                |claims| {
                    let debt = Debt::new(Currency::EUR).with_claims(claims).unwrap();
                    PlanRequest::new(
                        debt,
                        date(2027, 1, 31),
                        Frequency::MONTHLY,
                        Sizing::Count(12),
                    )
                    .generate()
                    .unwrap()
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn budget_lines(c: &mut Criterion) {
    let mut group = c.benchmark_group("long_inputs/budget_lines");
    group.sample_size(10);
    let policy = CapacityPolicy::new();
    for n in SIZES {
        // Half income, half expenses, at four frequencies.
        let frequencies = [
            Frequency::MONTHLY,
            Frequency::WEEKLY,
            Frequency::YEARLY,
            Frequency::QUARTERLY,
        ];
        let budget = (0..n).fold(Budget::new(Currency::EUR), |budget, i| {
            let (category, amount) = if i % 2 == 0 {
                (Category::Salary, cents(20_000 + i as i64 % 1_000))
            } else {
                (Category::Rent, cents(10_000 + i as i64 % 1_000))
            };
            let frequency = frequencies[i % frequencies.len()];
            budget
                .with_line(
                    BudgetLine::new(format!("line {i}"), category, amount, frequency).unwrap(),
                )
                .unwrap()
        });
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &budget, |b, budget| {
            b.iter(|| {
                budget
                    .capacity(&policy, black_box(Frequency::MONTHLY))
                    .unwrap()
            })
        });
    }
    group.finish();
}

/// A plan of 360 monthly instalments of 100,000.00 EUR without interest, and `n` payments spread
/// over it, the last one on the last due date.
fn paid_account(n: usize) -> (Account, NaiveDate) {
    let debt = Debt::single(Claim::new("LOAN-1", cents(10_000_000)).unwrap());
    let plan = PlanRequest::new(
        debt,
        date(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(360),
    )
    .generate()
    .unwrap();
    let as_of = plan.instalments().last().unwrap().due_date();
    let total = plan.totals().amount().to_minor().unwrap();
    let each = total / n as i64;
    let days = (as_of - date(2027, 1, 1)).num_days() as usize;
    let mut account = Account::new(plan, date(2027, 1, 1), StatementOptions::default()).unwrap();
    for i in 0..n {
        let on = date(2027, 1, 1) + Days::new((i * days / n) as u64);
        let amount = if i + 1 == n {
            total - each * (n as i64 - 1)
        } else {
            each
        };
        account
            .pay(Payment::new(format!("P-{i:07}"), on, cents(amount)).unwrap())
            .unwrap();
    }
    (account, as_of)
}

fn payments(c: &mut Criterion) {
    let mut group = c.benchmark_group("long_inputs/payments");
    group.sample_size(10);
    for n in SIZES {
        let (account, as_of) = paid_account(n);
        group.throughput(Throughput::Elements(n as u64));
        // The statement of the last due date: every payment allocated.
        group.bench_with_input(BenchmarkId::from_parameter(n), &account, |b, account| {
            b.iter(|| {
                let s = account.statement(black_box(as_of)).unwrap();
                assert!(s.remaining_balance().is_zero());
                s
            })
        });
    }
    group.finish();
}

fn events(c: &mut Criterion) {
    let mut group = c.benchmark_group("long_inputs/events");
    group.sample_size(10);
    for n in SIZES {
        let (account, _) = paid_account(n);
        let payments: Vec<Payment> = account
            .events()
            .iter()
            .filter_map(|event| match event {
                echeancier::Event::Payment(payment) => Some(payment.clone()),
                _ => None,
            })
            .collect();
        let plan = account.plan().clone();
        group.throughput(Throughput::Elements(n as u64));
        // Every payment recorded as an event (dates in order, references unique).
        group.bench_with_input(BenchmarkId::from_parameter(n), &payments, |b, payments| {
            b.iter_batched(
                || payments.clone(),
                |payments| {
                    let mut account =
                        Account::new(plan.clone(), date(2027, 1, 1), StatementOptions::default())
                            .unwrap();
                    for payment in payments {
                        account.pay(payment).unwrap();
                    }
                    account
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn penalty_items(c: &mut Criterion) {
    let mut group = c.benchmark_group("long_inputs/penalty_items");
    group.sample_size(10);
    let policy = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse().unwrap()));
    let as_of = date(2027, 12, 31);
    for n in SIZES {
        // Items due over 2026, half of them paid late.
        let items: Vec<OverdueItem> = (0..n)
            .map(|i| {
                let due = date(2026, 1, 1) + Days::new((i % 365) as u64);
                let item =
                    OverdueItem::new(format!("F-{i:07}"), due, cents(10_000 + i as i64 % 5_000))
                        .unwrap();
                if i % 2 == 0 {
                    item.paid_on(due + Days::new(30)).unwrap()
                } else {
                    item
                }
            })
            .collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &items, |b, items| {
            b.iter(|| {
                policy
                    .compute(Currency::EUR, black_box(items), as_of)
                    .unwrap()
            })
        });
    }
    group.finish();
}

fn item_payments(c: &mut Criterion) {
    let mut group = c.benchmark_group("long_inputs/item_payments");
    group.sample_size(10);
    let policy = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse().unwrap()));
    for n in SIZES {
        // One overdue item paid in `n` small payments over a year, recorded at once, then its
        // penalties: each payment lowers the base from the next day.
        let due = date(2026, 1, 1);
        let payments: Vec<echeancier::PartialPayment> = (0..n)
            .map(|i| {
                echeancier::PartialPayment::new(due + Days::new((i * 365 / n) as u64), cents(1))
                    .unwrap()
            })
            .collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &payments, |b, payments| {
            b.iter_batched(
                || payments.clone(),
                |payments| {
                    let item = OverdueItem::new("F-1", due, cents(n as i64 + 100))
                        .unwrap()
                        .with_payments(payments)
                        .unwrap();
                    policy
                        .compute(
                            Currency::EUR,
                            core::slice::from_ref(&item),
                            date(2027, 1, 1),
                        )
                        .unwrap()
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    debt_claims,
    budget_lines,
    payments,
    events,
    penalty_items,
    item_payments
);
criterion_main!(benches);
