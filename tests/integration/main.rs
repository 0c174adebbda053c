//! Integration tests of `echeancier`, gathered in one test binary with one module per area:
//!
//! - `account`: the follow-up of a plan through one account: the defects it fixes, checked by
//!   their figures, and invariant 11 (every payment counted once) under proptest;
//! - `references`: figures cross-checked against public references (loan tables, calendars);
//! - `scenarios`: tables of plans that read like the domain;
//! - `errors`: the catalogue of bad requests and the error each one gets;
//! - `batch`: many requests at once;
//! - `golden`: whole schedules compared with data files under `tests/golden/`;
//! - `properties`: the invariants of `DESIGN.md`, checked with proptest;
//! - `discounts`: early-payment discounts, settlement offers, regularity bonuses and waivers, with
//!   the figures and invariant 8 (a discount never exceeds its base) checked with proptest;
//! - `penalty_properties`: invariant 7 (late-payment penalties), checked with proptest;
//! - `proposals`: ranked plan proposals, hand-computed scenarios and their properties;
//! - `profile`: payment-history profiles, hand-checked and with their invariants under proptest;
//! - `capacity`: budgets, the capacity policy and the wage-seizure scale, by hand and as properties;
//! - `fast_path`: the integer fast path of generation against the `Decimal` reference, with proptest;
//! - `statement`: payments, their allocation and statements as of a date, hand-checked, and
//!   invariant 5 (allocated + credit = paid) with the statement's other properties under proptest;
//! - `export`: CSV read back and summed to the totals, iCalendar files read back by a parser;
//! - `follow_up`: the follow-up example's scenario, checked by hand;
//! - `meta`: compile-time checks of the public types' traits, and their sizes;
//! - `cli` (with the `cli` feature): the command-line tool run on `examples/requests/`.
//! - `terms`: invoice payment terms, by hand (the and ERP examples) and invariant 12 (the
//!   lines add up to the invoice; no due date before it) with the legal checks and the line
//!   discounts under proptest;
//! - `serde_contracts`: the JSON format of every public type against golden files under
//!   `tests/golden/json/`, tampered JSON refused by name, and round trips under proptest.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod account;
mod adjust;
mod batch;
mod capacity;
#[cfg(feature = "cli")]
mod cli;
#[cfg(feature = "cli")]
mod cli_golden;
mod discounts;
mod errors;
mod export;
mod fast_path;
mod follow_up;
#[cfg(feature = "serde")]
mod golden;
mod meta;
mod penalty_properties;
mod profile;
#[cfg(feature = "serde")]
mod properties;
mod proposals;
mod references;
mod scenarios;
#[cfg(feature = "serde")]
mod serde_contracts;
mod statement;
mod terms;

use chrono::NaiveDate;
use echeancier::{Claim, Debt, Money, Schedule};

/// A date that exists.
pub(crate) fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// An amount written as `Money` displays it: `"12.30 EUR"`.
pub(crate) fn m(text: &str) -> Money {
    text.parse().unwrap()
}

/// A debt of one claim of `amount` (`"10000.00 EUR"`).
pub(crate) fn debt(amount: &str) -> Debt {
    Debt::single(Claim::new("F-1", m(amount)).unwrap())
}

/// The amount of every instalment, down payment included, as text.
pub(crate) fn amounts(schedule: &Schedule) -> Vec<String> {
    schedule
        .instalments()
        .iter()
        .map(|i| i.amount().to_string())
        .collect()
}

/// The due date of every instalment, down payment included, as text.
pub(crate) fn dates(schedule: &Schedule) -> Vec<String> {
    schedule
        .instalments()
        .iter()
        .map(|i| i.due_date().to_string())
        .collect()
}

/// The request for a loan of `amount` (`"1200.00 EUR"`) in `count` monthly instalments from
/// 31 January 2027, at `interest`.
pub(crate) fn monthly_loan(
    amount: &str,
    count: u32,
    interest: echeancier::Interest,
) -> echeancier::PlanRequest {
    echeancier::PlanRequest::new(
        debt(amount),
        d(2027, 1, 31),
        echeancier::Frequency::MONTHLY,
        echeancier::Sizing::Count(count),
    )
    .interest(interest)
}

/// Instalments at the full capacity of `amount` (`"300.00 EUR"`) a period.
pub(crate) fn full_capacity(amount: &str) -> echeancier::Sizing {
    echeancier::Sizing::Capacity {
        capacity: m(amount),
        shape: echeancier::CapacityShape::FullCapacity,
    }
}

/// `n` copies of `text`, to write long runs of equal instalments in expectations.
pub(crate) fn times(n: usize, text: &str) -> Vec<String> {
    vec![text.to_owned(); n]
}

/// `default` cases for a property whose cases are slow, unless `PROPTEST_CASES` asks for another
/// number (as `ProptestConfig::default()` does for the others).
pub(crate) fn cases(default: u32) -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    proptest::test_runner::Config::with_cases(cases)
}

/// Runs `property` over the cases `config` asks for, drawn from `strategy`, after replaying the
/// failures saved for `config.source_file`, and returns how many cases were tried and how many
/// exercised what the property checks (it says so by returning `true`).
pub(crate) fn exercised<S: proptest::strategy::Strategy>(
    config: proptest::test_runner::Config,
    strategy: S,
    property: impl Fn(S::Value) -> Result<bool, proptest::test_runner::TestCaseError>,
) -> (u32, u32) {
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let tried = std::cell::Cell::new(0_u32);
    let hit = std::cell::Cell::new(0_u32);
    let result = runner.run(&strategy, |value| {
        tried.set(tried.get() + 1);
        if property(value)? {
            hit.set(hit.get() + 1);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    (tried.get(), hit.get())
}

/// Whether `hit` of `tried` cases reach a floor of one case in `per`: at least `tried / per` of
/// them (rounded down). The floor is a statistical check, so it asks for nothing on a sample of
/// fewer than `per` cases. Every floor here is set so that its expected count is at least ten times
/// the floor or at least twenty cases above it, so that a chance miss is rarer than one run in a
/// million (`scripts/floors/odds.py` below measures it) at the property's own case count. A short
/// run (`PROPTEST_CASES` below 1,000; mutation testing sets 64) checks the properties themselves
/// and asks for no floor: at 64 cases a floor of one case in 10 to 50 is a handful of cases, which
/// chance misses in about one run in twenty over the suite, and a mutant would count as caught by
/// a floor missed by chance.
///
/// With `FLOOR_LOG` set to a file, every floor appends its place and counts there;
/// `scripts/floors/odds.py` reads a few runs' worth and gives each floor's odds of a chance miss.
#[track_caller]
pub(crate) fn meets_floor(hit: u32, tried: u32, per: u32) -> bool {
    if let Ok(path) = std::env::var("FLOOR_LOG") {
        use std::io::Write;
        let place = std::panic::Location::caller();
        let mut log = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .unwrap();
        writeln!(log, "{}:{} {hit} {tried} {per}", place.file(), place.line()).unwrap();
    }
    let short_run = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .is_some_and(|cases| cases < 1000);
    short_run || hit >= tried.checked_div(per).unwrap_or(0)
}

/// French typography the crate follows (`Language::colon`): a space before `:`, `;` and `%`.
pub(crate) fn typography_faults(text: &str) -> Vec<String> {
    let mut faults = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let before = i.checked_sub(1).and_then(|j| chars.get(j));
            let after = chars.get(i + 1);
            let glued = before.is_some_and(|b| !b.is_whitespace());
            // `:` between digits is a time or a ratio, not punctuation.
            let between_digits =
                before.is_some_and(char::is_ascii_digit) && after.is_some_and(char::is_ascii_digit);
            if matches!(c, ':' | ';' | '%') && glued && !between_digits {
                faults.push(line.to_owned());
                break;
            }
        }
    }
    faults
}
