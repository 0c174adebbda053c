//! Golden schedules: every `tests/golden/NAME.json` holds a serialised `PlanRequest`, and the schedule
//! it generates must match `tests/golden/NAME.csv` to the character, one row per instalment:
//! `number,kind,due_date,amount,principal,interest,fees,balance_after` (amounts without their
//! currency, which is the request's).
//!
//! After a change that is meant to alter schedules, rewrite the CSV files with
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --all-features --test integration golden
//! ```
//!
//! and review the difference with `git diff tests/golden` before committing it. A new golden case is
//! a new JSON file; the run with `UPDATE_GOLDEN=1` writes its CSV. A case taken from a public worked
//! example is listed in [`SOURCES`] with where its figures come from, and checked against them.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use echeancier::{InstalmentKind, PlanRequest, Schedule};

const HEADER: &str = "number,kind,due_date,amount,principal,interest,fees,balance_after";

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn to_csv(schedule: &Schedule) -> String {
    let mut csv = format!("{HEADER}\n");
    for i in schedule.instalments() {
        let kind = match i.kind() {
            InstalmentKind::DownPayment => "down_payment",
            InstalmentKind::Regular => "regular",
            other => panic!("no CSV name for {other:?}"),
        };
        writeln!(
            csv,
            "{},{kind},{},{},{},{},{},{}",
            i.number(),
            i.due_date(),
            i.amount().amount(),
            i.principal().amount(),
            i.interest().amount(),
            i.fees().amount(),
            i.balance_after().amount(),
        )
        .unwrap();
    }
    csv
}

/// The lines that differ, side by side, or `None` when the texts are equal.
fn diff(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let expected: Vec<&str> = expected.lines().collect();
    let actual: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    for line in 0..expected.len().max(actual.len()) {
        let (e, a) = (expected.get(line), actual.get(line));
        if e != a {
            let show = |l: Option<&&str>| l.map_or("(no line)".to_owned(), |l| (*l).to_owned());
            writeln!(
                out,
                "line {}:\n  expected {}\n  actual   {}",
                line + 1,
                show(e),
                show(a)
            )
            .unwrap();
        }
    }
    if out.is_empty() {
        out.push_str("the files differ in their line endings\n");
    }
    Some(out)
}

#[test]
fn golden_schedules() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut names: Vec<PathBuf> = fs::read_dir(golden_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 8, "only {} golden requests", names.len());
    let mut failures = Vec::new();
    for json in &names {
        let name = json.file_stem().unwrap().to_string_lossy().into_owned();
        let request: PlanRequest = serde_json::from_str(&fs::read_to_string(json).unwrap())
            .unwrap_or_else(|e| panic!("{name}.json: {e}"));
        let schedule = request.generate().unwrap_or_else(|e| panic!("{name}: {e}"));
        let actual = to_csv(&schedule);
        let csv = json.with_extension("csv");
        if update {
            fs::write(&csv, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&csv)
            .unwrap_or_else(|e| panic!("{name}.csv: {e} (run with UPDATE_GOLDEN=1 to write it)"));
        if let Some(d) = diff(&expected, &actual) {
            failures.push(format!("{name}.csv:\n{d}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden schedule(s) differ (UPDATE_GOLDEN=1 rewrites them):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Golden schedules taken from public worked examples: the name, where the figures come from, and
/// the instalment (its number) whose amount the source states, with that amount.
const SOURCES: &[(&str, &str, u32, &str)] = &[
    (
        "annuity_due_10000_eur_8pct_yearly_10",
        "PMT(.08, 10, 10000, 0, 1) = -1,379.90 (pensionsoft.com/help/Formula/FormulaFunctions_PMT.html); \
         numpy_financial.pmt(0.08, 10, 10000, when='begin') solves the same equation",
        1,
        "1379.90",
    ),
    (
        "annuity_due_10000_eur_8pct_monthly_10",
        "Microsoft Excel, PMT function, example =PMT(A2/12,A3,A4,,1) with 8 %, 10 months, 10,000: \
         -1,030.16 (support.microsoft.com, PMT function)",
        1,
        "1030.16",
    ),
    (
        "flat_1000_usd_24pct_4_months",
        "Mifos X documentation, Flat interest calculation (mifosforge.jira.com/wiki/spaces/docs/pages/71565445): \
         1,000 at 2 % a month for 4 months, interest 80, instalments of 270 (250 + 20)",
        4,
        "270.00",
    ),
    (
        "flat_10000_eur_7_6pct_fortnightly_78",
        "how2tech.info, How to Calculate Flat Rate Pay: 10,000 over three years at 7.6 % flat, \
         78 fortnightly repayments of 157.44 (interest 2,280)",
        1,
        "157.44",
    ),
    (
        "annuity_125000_usd_9pct_360_months_cumipmt",
        "Microsoft Excel, CUMIPMT and CUMPRINC functions, example loan of 125,000 at 9 % over 30 \
         years (support.microsoft.com): PMT(9%/12, 360, 125000) = -1,005.78",
        1,
        "1005.78",
    ),
    (
        "balloon_400000_eur_6pct_36_months_residual_100000",
        "Combinum formula reference, Pmt (help.combinum.com/pmt.html): Pmt(0.06/12; 36; -400000; \
         100000) = 9,626.58 EUR a month for a 36-month lease of 400,000 EUR ending at 100,000 EUR",
        1,
        "9626.58",
    ),
    (
        "interest_free_grace_12000_eur_6pct_3_of_12_months",
        "Apache Fineract's \"grace on interest charged\" (no interest in the first periods), worked \
         by hand with exact fractions: A = 12000 / (3 + (1 − 1.005^−9) / 0.005) = 1,018.7567; \
         instalment 4 pays 6 %/12 of 8,943.72 = 44.72",
        1,
        "1018.76",
    ),
    (
        "deferred_interest_12000_eur_6pct_3_of_12_months",
        "Apache Fineract's \"grace on interest payment\" (the interest of the grace periods \
         collected with the first instalment after them), worked by hand with exact fractions: \
         A = 12000·(1 + 3·r/(1 + r)) / (3 + 3·r/(1 + r) + (1 − 1.005^−9)/r) = 1,032.6535 at \
         r = 0.005; instalment 4 pays 60.00 + 54.84 + 49.67 deferred and 44.51 of its own",
        4,
        "1032.65",
    ),
    (
        "interest_free_2_deferred_4_12000_eur_6pct_12_months",
        "both graces: periods 1 and 2 accrue nothing, the interest of periods 3 and 4 (49.77 + \
         44.66) is paid with instalment 5 beside its own 39.54; worked by hand with exact \
         fractions, A = 1,022.9213",
        5,
        "1022.92",
    ),
    (
        "stages_5000_eur_6pct_3_at_100_then_9",
        "a stepped plan (paliers) worked by hand with exact fractions: after 3 × 100.00 the exact \
         balance is 5000·1.005^3 − 100·(1.005^2 + 1.005 + 1) = 4,773.873125, and the 9-month \
         annuity on it PMT(0.5 %, 9, 4773.873125) = 543.7793",
        4,
        "543.78",
    ),
    (
        "semi_monthly_10000_eur_12pct_15th_and_last_24",
        "spreadsheet PMT(12%/24, 24, -10000) = 443.21 (semi-monthly, 24 periods a year), worked by \
         hand with exact fractions: 10000 × 0.005 / (1 − 1.005^−24) = 443.2061…; dates on the 15th \
         and the last day of each month, 28 February included",
        1,
        "443.21",
    ),
    (
        "actual_365_broken_first_period_10000_eur_12pct_6_months",
        "hand computation with exact fractions (the CSV was written by it, not by the crate): the \
         annuity on 1 % a month, 10000 × 0.01 / (1 − 1.01^−6) = 1725.4836… → 1,725.48; the first \
         period from 2026-12-01 to 2027-02-01 has 62 days, 10000 × 12 % × 62/365 = 203.8356… → \
         203.84 (Fineract-style: the level instalment on regular periods, the last one settles)",
        1,
        "1725.48",
    ),
    (
        "actual_365_broken_period_interest_on_first_10000_eur_12pct_6_months",
        "hand computation with exact fractions: the regular principal part 1725.48 − 100.00 = \
         1,625.48 plus the 62 days' interest 203.84 (broken-period interest on the first instalment)",
        1,
        "1829.32",
    ),
    (
        "actual_360_10000_eur_6pct_12_months_from_15_january",
        "hand computation with exact fractions: the annuity on 0.5 % a month, 860.66; each \
         period's interest balance × 6 % × days/360, rounded half-up once; the last instalment settles 864.04",
        12,
        "864.04",
    ),
    (
        "rate_change_10000_eur_5_then_6pct_12_months",
        "hand computation with exact fractions: 10000 at 5 % over 12 months, PMT(5%/12, 12, \
         10000) = -856.07; from 2027-07-01 at 6 %, PMT(6%/12, 5, 4227.42) = -858.21 on the \
         balance after instalment 7",
        8,
        "858.21",
    ),
];

/// Cumulative figures from the same public examples: the exact schedule's principal and interest
/// between two instalments, to the decimals the source prints.
const CUMULATIVE: &[(&str, &str, u32, u32, &str, &str)] = &[
    (
        "annuity_125000_usd_9pct_360_months_cumipmt",
        "Excel CUMPRINC(9%/12, 360, 125000, 13, 24, 0) = -934.1071234, CUMIPMT(…) = -11135.23213",
        13,
        24,
        "934.1071234",
        "11135.23213",
    ),
    (
        "annuity_125000_usd_9pct_360_months_cumipmt",
        "Excel CUMPRINC(9%/12, 360, 125000, 1, 1, 0) = -68.27827118, CUMIPMT(…) = -937.50",
        1,
        1,
        "68.27827118",
        "937.50",
    ),
];

#[test]
fn public_cumulative_figures() {
    for (name, source, first, last, principal, interest) in CUMULATIVE {
        let json = golden_dir().join(format!("{name}.json"));
        let request: PlanRequest =
            serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
        let schedule = request.generate().unwrap();
        let exact = schedule.derivation().exact_between(*first, *last).unwrap();
        let decimals = |text: &str| text.split_once('.').map_or(0, |(_, f)| f.len() as u32);
        assert_eq!(
            exact.principal().round_dp(decimals(principal)).to_string(),
            *principal,
            "{source}"
        );
        assert_eq!(
            exact.interest().round_dp(decimals(interest)).to_string(),
            *interest,
            "{source}"
        );
        // The rounded schedule stays within a cent an instalment of the exact one.
        let rounded = schedule.totals_between(*first, *last).unwrap();
        let count = rust_decimal::Decimal::from(last - first + 1);
        let cent = rust_decimal::Decimal::new(1, 2);
        assert!(
            (rounded.principal().amount() - exact.principal()).abs()
                <= count * cent * rust_decimal::Decimal::from(10)
        );
    }
}

#[test]
fn public_examples_give_their_published_figures() {
    for (name, source, number, amount) in SOURCES {
        let json = golden_dir().join(format!("{name}.json"));
        let request: PlanRequest = serde_json::from_str(&fs::read_to_string(&json).unwrap())
            .unwrap_or_else(|e| panic!("{name}.json: {e}"));
        let schedule = request.generate().unwrap();
        let instalment = schedule
            .instalments()
            .iter()
            .find(|i| i.number() == *number)
            .unwrap_or_else(|| panic!("{name}: no instalment {number}"));
        assert_eq!(
            instalment.amount().amount().to_string(),
            *amount,
            "{name}: instalment {number} differs from {source}"
        );
    }
}

#[test]
fn every_golden_csv_has_its_request() {
    for entry in fs::read_dir(golden_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            assert!(path.with_extension("json").exists(), "{}", path.display());
        }
    }
}

#[test]
fn the_diff_is_readable() {
    let expected = format!("{HEADER}\n1,regular,2027-01-15,299.71,258.04,41.67,0.00,9741.96\n");
    let actual = format!("{HEADER}\n1,regular,2027-01-15,299.72,258.05,41.67,0.00,9741.95\n");
    assert_eq!(
        diff(&expected, &actual).unwrap(),
        "line 2:\n  expected 1,regular,2027-01-15,299.71,258.04,41.67,0.00,9741.96\n  \
         actual   1,regular,2027-01-15,299.72,258.05,41.67,0.00,9741.95\n"
    );
    assert!(diff(&expected, &expected).is_none());
    assert!(diff(&expected, HEADER).unwrap().contains("(no line)"));
}
