//! Benchmarks of an [`Account`], named `area/case/size`:
//!
//! - `account/replay/36_instalments_40_payments_2_adjustments`: reading an account's JSON, which
//!   records its events again one by one (the plan of the `statement` bench, its 40 payments, a
//!   prepayment and a reschedule);
//! - `account/adjust/reschedule_36`, beside `generate/annuity/36` of the same plan: a reschedule
//!   recorded in an account (the statement of that day, the outstanding amount, the new plan over
//!   36 months) against generating one plan of that size;
//! - `account/statement/payments/{1000,10000,100000}`: the statement of a 360-month plan paid in
//!   many small payments, with the throughput per payment, to show the work growing linearly with
//!   the payments.
//!
//! Run with `cargo bench --bench account`; each case first checks its answer, so a benchmark never
//! measures a wrong one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use echeancier::{
    Account, AllocationPolicy, Claim, Compensation, Currency, Debt, Event, Fee, Frequency,
    Interest, Money, Payment, PenaltyCharge, PenaltyPolicy, PenaltyRate, PlanRequest, Prepayment,
    PrepaymentMode, ReminderRules, Reschedule, Sizing, StatementOptions, Treatment,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 10,000.00 EUR and a fee of 120.00 over 36 months at 5 % from 31 January 2027: the plan of the
/// `statement` bench.
fn request() -> PlanRequest {
    let debt = Debt::single(Claim::new("LOAN-1", "10000.00 EUR".parse().unwrap()).unwrap())
        .with_fee(Fee::new("frais", "120.00 EUR".parse().unwrap()).unwrap())
        .unwrap();
    PlanRequest::new(
        debt,
        date(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(36),
    )
    .interest(Interest::Annuity("5%".parse().unwrap()))
}

/// The options of the `statement` bench: the French order, penalties at 8 % and 40.00 of
/// compensation, reminders.
fn penalty_options() -> StatementOptions {
    StatementOptions::new(AllocationPolicy::france_1343_1())
        .with_penalties(
            PenaltyPolicy::new(PenaltyRate::fixed("8%".parse().unwrap()))
                .with_compensation(Compensation::fixed("40.00 EUR".parse().unwrap()).unwrap()),
        )
        .with_reminders(
            ReminderRules::new()
                .with_days_before(5)
                .with_dunning_after(10),
        )
}

/// The payments of the `statement` bench (every 27 days, two thirds to twice the regular
/// instalment, every tenth 20 days late), with a prepayment of 1,000.00 shortening the term the day
/// after the 14th payment and a reschedule over 24 months the day after the 27th, penalties
/// capitalised.
fn replay(c: &mut Criterion) {
    let plan = request().generate().unwrap();
    let regular = plan.instalments()[1].amount().to_minor().unwrap();
    let mut account = Account::new(plan, date(2027, 1, 5), penalty_options()).unwrap();
    for k in 0..40u32 {
        let day = u64::from(k) * 27 + if k % 10 == 3 { 20 } else { 0 };
        let on = date(2027, 1, 25).checked_add_days(Days::new(day)).unwrap();
        let amount =
            Money::from_minor(regular * (4 + i64::from(k % 7)) / 6, Currency::EUR).unwrap();
        account
            .pay(Payment::new(format!("P-{k:03}"), on, amount).unwrap())
            .unwrap();
        if k == 13 || k == 26 {
            let on = on.checked_add_days(Days::new(1)).unwrap();
            let event = if k == 13 {
                let prepayment =
                    Prepayment::new("1000.00 EUR".parse().unwrap(), PrepaymentMode::ShortenTerm)
                        .unwrap();
                Event::Prepay {
                    date: on,
                    prepayment,
                }
            } else {
                let terms = Reschedule::new(Sizing::Count(24)).penalties(
                    PenaltyCharge::Policy(penalty_options().penalties().unwrap().clone()),
                    Treatment::Capitalise,
                );
                Event::Reschedule { date: on, terms }
            };
            account.record(event).unwrap();
        }
    }
    assert_eq!(account.events().len(), 42);
    assert_eq!(account.history().current().number(), 3);
    let json = serde_json::to_string(&account).unwrap();
    let read: Account = serde_json::from_str(&json).unwrap();
    assert_eq!(read, account);
    c.bench_function(
        "account/replay/36_instalments_40_payments_2_adjustments",
        |b| b.iter(|| serde_json::from_str::<Account>(black_box(&json)).unwrap()),
    );
}

/// The first twelve instalments paid on time, the rest rescheduled over 36 months five days
/// before the 13th is due; then the generation of the plan itself, in the same run.
fn adjust(c: &mut Criterion) {
    let request = request();
    let plan = request.generate().unwrap();
    let mut account = Account::new(plan.clone(), date(2027, 1, 5), penalty_options()).unwrap();
    for i in &plan.instalments()[..12] {
        let reference = format!("P-{}", i.number());
        account
            .pay(Payment::new(reference, i.due_date(), i.amount()).unwrap())
            .unwrap();
    }
    let on = plan.instalments()[12].due_date() - Days::new(5);
    let terms = Reschedule::new(Sizing::Count(36));
    let mut once = account.clone();
    once.reschedule(on, terms.clone()).unwrap();
    let version = once.history().current();
    assert_eq!(version.schedule().unwrap().instalments().len(), 36);
    let record = version.record().unwrap();
    assert_eq!(record.outstanding_before(), record.outstanding_after());
    c.bench_function("account/adjust/reschedule_36", |b| {
        b.iter_batched(
            || account.clone(),
            |mut account| {
                account.reschedule(on, terms.clone()).unwrap();
                account
            },
            BatchSize::SmallInput,
        )
    });
    c.bench_function("generate/annuity/36", |b| {
        b.iter(|| black_box(&request).generate().unwrap())
    });
}

/// 100,000.00 EUR at 5 % over 360 months from 31 January 2027, paid in `count` small payments:
/// each instalment in equal parts (the cents left over in the last), spread over the 28 days
/// before it is due. Nothing is ever late, so the statement is about the payments, not about
/// arrears.
fn statement_growth(c: &mut Criterion) {
    let debt = Debt::single(Claim::new("LOAN-1", "100000.00 EUR".parse().unwrap()).unwrap());
    let plan = PlanRequest::new(
        debt,
        date(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(360),
    )
    .interest(Interest::Annuity("5%".parse().unwrap()))
    .generate()
    .unwrap();
    let instalments = plan.instalments();
    let as_of = instalments.last().unwrap().due_date();
    let mut group = c.benchmark_group("account/statement");
    group.sample_size(10);
    for count in [1_000usize, 10_000, 100_000] {
        let mut account = Account::new(plan.clone(), date(2027, 1, 1), penalty_options()).unwrap();
        // Payment `j` goes to instalment `j × 360 / count`.
        let mut j = 0;
        for (k, instalment) in instalments.iter().enumerate() {
            let parts = (k + 1) * count / instalments.len() - j;
            let amount = instalment.amount().to_minor().unwrap();
            let each = amount / i64::try_from(parts).unwrap();
            for part in 0..parts {
                let on = instalment.due_date() - Days::new(28 - (part * 27 / parts) as u64);
                let share = if part + 1 == parts {
                    amount - each * i64::try_from(parts - 1).unwrap()
                } else {
                    each
                };
                let share = Money::from_minor(share, Currency::EUR).unwrap();
                account
                    .pay(Payment::new(format!("P-{j:06}"), on, share).unwrap())
                    .unwrap();
                j += 1;
            }
        }
        assert_eq!(j, count);
        let s = account.statement(as_of).unwrap();
        assert_eq!(s.paid(), plan.totals().amount());
        assert!(s.remaining_balance().is_zero());
        assert!(s.credit().is_zero() && s.penalties_accrued().is_zero());
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(BenchmarkId::new("payments", count), &account, |b, a| {
            b.iter(|| a.statement(black_box(as_of)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, replay, adjust, statement_growth);
criterion_main!(benches);
