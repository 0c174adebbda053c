//! Exports: CSV read back with the `csv` crate and summed to the schedule's and the statement's
//! totals; the golden schedules written by `schedule_csv`.

use std::fs;
use std::path::Path;

use chrono::Days;
use echeancier::{
    schedule_csv, statement_csv, AllocationPolicy, Claim, Currency, Debt, Fee, Frequency, Interest,
    Money, Payment, PenaltyPolicy, PenaltyRate, PlanRequest, Schedule, Sizing, Statement,
    StatementOptions,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::{d, debt, m};

// ---------------------------------------------------------------------------------------------
// CSV

/// The records of `text` (header apart), read by the `csv` crate.
fn records(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader.records().map(Result::unwrap).collect();
    (header, rows)
}

/// The sum of column `name` as money of `currency`, each field checked to be a plain decimal at
/// the currency's scale.
fn column_sum(text: &str, name: &str, currency: Currency) -> Money {
    let (header, rows) = records(text);
    let index = header.iter().position(|h| h == name).unwrap();
    let mut total = Money::zero(currency);
    for row in &rows {
        let field = &row[index];
        let value: Decimal = field.parse().unwrap();
        assert_eq!(value.scale(), currency.minor_units(), "{name} = {field:?}");
        assert!(!field.contains([',', ' ']), "{field:?}");
        total = total
            .checked_add(Money::new(value, currency).unwrap())
            .unwrap();
    }
    total
}

fn check_schedule_csv(schedule: &Schedule) {
    let text = schedule_csv(schedule);
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    let (header, rows) = records(&text);
    assert_eq!(
        header,
        [
            "number",
            "kind",
            "due_date",
            "amount",
            "principal",
            "interest",
            "fees",
            "balance_after"
        ]
    );
    assert_eq!(rows.len(), schedule.instalments().len());
    for (row, i) in rows.iter().zip(schedule.instalments()) {
        assert_eq!(row[0].parse::<u32>().unwrap(), i.number());
        assert_eq!(row[2].parse::<chrono::NaiveDate>().unwrap(), i.due_date());
        assert_eq!(row[7], i.balance_after().amount().to_string());
    }
    let currency = schedule.currency();
    let totals = schedule.totals();
    assert_eq!(column_sum(&text, "amount", currency), totals.amount());
    assert_eq!(column_sum(&text, "principal", currency), totals.principal());
    assert_eq!(column_sum(&text, "interest", currency), totals.interest());
    assert_eq!(column_sum(&text, "fees", currency), totals.fees());
}

#[test]
fn schedule_csv_sums_to_the_totals() {
    // 10,000.00 at 5 % over 36 months plus a 40.00 fee: 36 rows, sums to the totals.
    let debt = debt("10000.00 EUR")
        .with_fee(Fee::new("frais", m("40.00 EUR")).unwrap())
        .unwrap();
    let plan = PlanRequest::new(debt, d(2027, 1, 15), Frequency::MONTHLY, Sizing::Count(36))
        .interest(Interest::Annuity("5%".parse().unwrap()))
        .generate()
        .unwrap();
    check_schedule_csv(&plan);
    // Yen have no minor unit: amounts are whole numbers.
    let yen = PlanRequest::new(
        debt_in("100000 JPY"),
        d(2027, 1, 1),
        Frequency::WEEKLY,
        Sizing::Count(7),
    )
    .generate()
    .unwrap();
    check_schedule_csv(&yen);
    assert!(schedule_csv(&yen).contains("\r\n1,regular,2027-01-01,14286,14286,0,0,85714\r\n"));
}

fn debt_in(amount: &str) -> Debt {
    Debt::single(Claim::new("F-1", m(amount)).unwrap())
}

#[test]
fn schedule_csv_is_the_golden_format() {
    // The golden schedules of `golden.rs` are written one row per instalment with LF line ends;
    // `schedule_csv` writes the same rows with CRLF.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut checked = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.extension().is_some_and(|e| e == "json") {
            continue;
        }
        let Ok(json) = fs::read_to_string(&path) else {
            continue;
        };
        let Some(plan) = golden_plan(&json) else {
            return;
        };
        let expected = fs::read_to_string(path.with_extension("csv")).unwrap();
        assert_eq!(
            schedule_csv(&plan).replace("\r\n", "\n"),
            expected,
            "{}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 8);
}

#[cfg(feature = "serde")]
fn golden_plan(json: &str) -> Option<Schedule> {
    let request: PlanRequest = serde_json::from_str(json).unwrap();
    Some(request.generate().unwrap())
}

#[cfg(not(feature = "serde"))]
fn golden_plan(_json: &str) -> Option<Schedule> {
    None
}

#[test]
fn statement_csv_sums_to_the_statement() {
    // 1,200.00 in 12 monthly instalments from 31 January 2027; on 20 April: instalment 1 paid on
    // time, 2 paid 5 days late, 60.00 of 3 paid, so 3 is overdue by 20 days.
    let plan = PlanRequest::new(
        debt("1200.00 EUR"),
        d(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(12),
    )
    .generate()
    .unwrap();
    let payments = [
        Payment::new("P-1", d(2027, 1, 30), m("100.00 EUR")).unwrap(),
        Payment::new("P-2", d(2027, 3, 5), m("100.00 EUR")).unwrap(),
        Payment::new("P-3", d(2027, 4, 10), m("60.00 EUR")).unwrap(),
    ];
    let options = StatementOptions::new(AllocationPolicy::france_1343_1());
    let s = Statement::new(&plan, &payments, &options, d(2027, 4, 20)).unwrap();
    let text = statement_csv(&s);
    let (_, rows) = records(&text);
    assert_eq!(rows.len(), 12);
    assert_eq!(&rows[0][5], "paid");
    assert_eq!(
        (&rows[1][5], &rows[1][6], &rows[1][7]),
        ("paid_late", "5", "2027-03-05")
    );
    assert_eq!(
        (&rows[2][5], &rows[2][6], &rows[2][7]),
        ("overdue", "20", "")
    );
    assert_eq!(&rows[3][5], "upcoming");
    check_statement_csv(&s);

    // With 10 % late interest, P-2 first pays the 0.14 accrued on instalment 2
    // (100.00 × 10 % × 5 / 365 = 0.137); the penalties columns add up to the statement's.
    let options = options.with_penalties(PenaltyPolicy::new(PenaltyRate::fixed(
        "10%".parse().unwrap(),
    )));
    let s = Statement::new(&plan, &payments, &options, d(2027, 4, 20)).unwrap();
    let (_, rows) = records(&statement_csv(&s));
    assert_eq!((&rows[1][8], &rows[1][10]), ("0.14", "0.14"));
    check_statement_csv(&s);
}

fn check_statement_csv(s: &Statement) {
    let text = statement_csv(s);
    let currency = s.currency();
    let (header, rows) = records(&text);
    assert_eq!(header.len(), 11);
    assert_eq!(rows.len(), s.instalments().len());
    assert_eq!(
        column_sum(&text, "amount", currency),
        s.schedule().totals().amount()
    );
    assert_eq!(column_sum(&text, "unpaid", currency), s.remaining_balance());
    let paid = column_sum(&text, "paid", currency);
    let penalties_paid = column_sum(&text, "penalties_paid", currency);
    // What the payments brought is what they settled of instalments and penalties, plus credit.
    assert_eq!(
        paid.checked_add(penalties_paid)
            .unwrap()
            .checked_add(s.credit())
            .unwrap(),
        s.paid()
    );
    assert_eq!(penalties_paid, s.penalties_paid());
    let accrued = column_sum(&text, "late_interest", currency)
        .checked_add(column_sum(&text, "compensation", currency))
        .unwrap();
    assert_eq!(accrued, s.penalties_accrued());
}

#[cfg(feature = "serde")]
proptest! {
    #![proptest_config(crate::cases(64))]

    #[test]
    fn schedule_csv_columns_sum_to_the_totals(request in crate::properties::plan_request()) {
        if let Some(schedule) = crate::properties::generate(&request)? {
            check_schedule_csv(&schedule);
        }
    }
}

proptest! {
    #![proptest_config(crate::cases(64))]

    #[test]
    fn statement_csv_columns_sum_to_the_statement(
        plan in crate::statement::plan(),
        payments in crate::statement::payments(),
        options in crate::statement::options(),
    ) {
        let s = Statement::new(&plan, &payments, &options, crate::statement::start() + Days::new(400)).unwrap();
        check_statement_csv(&s);
    }
}
