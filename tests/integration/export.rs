//! Exports: CSV read back with the `csv` crate and summed to the schedule's and the statement's
//! totals; the golden schedules written by `schedule_csv`; iCalendar files read back with the
//! `ical` crate's parser.

use std::fs;
use std::path::Path;

use chrono::Days;
use echeancier::{
    schedule_csv, statement_csv, AllocationPolicy, CalendarExport, Claim, Currency, Debt, Fee,
    Frequency, Interest, Language, Money, Payment, PenaltyPolicy, PenaltyRate, PlanRequest,
    Schedule, Sizing, Statement, StatementOptions,
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

// ---------------------------------------------------------------------------------------------
// iCalendar

/// The value of property `name` of a parsed component, unescaped (the parser leaves RFC 5545
/// escapes as they are).
fn property(properties: &[ical::property::Property], name: &str) -> String {
    let value = properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
        .unwrap_or_else(|| panic!("no {name}"));
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other @ ('\\' | ',' | ';')) => out.push(other),
                other => panic!("bad escape \\{other:?} in {value:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Every physical line ends with CRLF and is at most 75 octets long.
fn check_lines(ics: &str) {
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(
        ics.matches('\n').count(),
        ics.matches("\r\n").count(),
        "a bare LF"
    );
    assert_eq!(
        ics.matches('\r').count(),
        ics.matches("\r\n").count(),
        "a bare CR"
    );
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

fn parse(ics: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut calendars = ical::IcalParser::new(ics.as_bytes());
    let calendar = calendars.next().unwrap().unwrap();
    assert!(calendars.next().is_none());
    calendar
}

fn down_payment_plan() -> Schedule {
    // 1,000.00 plus a 40.00 fee: 156.00 down on 10 January 2027, then 6 monthly instalments.
    let debt = debt("1000.00 EUR")
        .with_fee(Fee::new("frais", m("40.00 EUR")).unwrap())
        .unwrap();
    PlanRequest::new(debt, d(2027, 2, 1), Frequency::MONTHLY, Sizing::Count(6))
        .down_payment(echeancier::DownPayment::amount(
            m("156.00 EUR"),
            d(2027, 1, 10),
        ))
        .generate()
        .unwrap()
}

#[test]
fn calendar_reads_back_one_event_per_instalment_with_its_alarms() {
    let plan = down_payment_plan();
    assert_eq!(plan.instalments().len(), 7);
    let ics = CalendarExport::new(&plan, "PLAN-2027-014")
        .with_alarm_days_before(3)
        .with_alarm_days_before(0)
        .with_summary_prefix("Dupont & Fils, SARL")
        .with_description(
            "Bank transfer to FR76 3000 6000 0112 3456 7890 189; reference PLAN-2027-014",
        )
        .with_uid_domain("dupont.example")
        .render()
        .unwrap();
    check_lines(&ics);
    let calendar = parse(&ics);
    assert_eq!(property(&calendar.properties, "VERSION"), "2.0");
    assert!(property(&calendar.properties, "PRODID").starts_with("-//echeancier//"));
    assert_eq!(calendar.events.len(), plan.instalments().len());
    for (event, i) in calendar.events.iter().zip(plan.instalments()) {
        let p = &event.properties;
        assert_eq!(
            property(p, "UID"),
            format!("PLAN-2027-014-{}@dupont.example", i.number())
        );
        let start = p.iter().find(|p| p.name == "DTSTART").unwrap();
        assert_eq!(
            start.params.as_ref().unwrap(),
            &vec![("VALUE".to_owned(), vec!["DATE".to_owned()])]
        );
        assert_eq!(
            property(p, "DTSTART"),
            i.due_date().format("%Y%m%d").to_string()
        );
        assert_eq!(
            property(p, "DTEND"),
            i.due_date()
                .succ_opt()
                .unwrap()
                .format("%Y%m%d")
                .to_string()
        );
        assert_eq!(property(p, "DTSTAMP"), "20270110T000000Z");
        let summary = property(p, "SUMMARY");
        assert!(summary.starts_with("Dupont & Fils, SARL – "), "{summary}");
        // The amount as the English explanations write it: 156.00 EUR, 147.33 EUR, …
        assert!(
            summary.ends_with(&format!(": {} EUR", i.amount().amount())),
            "{summary}"
        );
        let description = property(p, "DESCRIPTION");
        assert!(
            description.ends_with(
                "\nBank transfer to FR76 3000 6000 0112 3456 7890 189; reference PLAN-2027-014"
            ),
            "{description}"
        );
        assert_eq!(event.alarms.len(), 2);
        let triggers: Vec<String> = event
            .alarms
            .iter()
            .map(|a| property(&a.properties, "TRIGGER"))
            .collect();
        assert_eq!(triggers, ["-P3D", "-P0D"]);
        for alarm in &event.alarms {
            assert_eq!(property(&alarm.properties, "ACTION"), "DISPLAY");
            assert!(property(&alarm.properties, "DESCRIPTION").starts_with("Reminder: "));
        }
    }
    let summaries: Vec<String> = calendar
        .events
        .iter()
        .map(|e| property(&e.properties, "SUMMARY"))
        .collect();
    assert_eq!(
        summaries[0],
        "Dupont & Fils, SARL – Down payment: 156.00 EUR"
    );
    assert_eq!(
        summaries[1],
        format!(
            "Dupont & Fils, SARL – Instalment 1/6: {}",
            plan.instalments()[1].amount()
        )
    );
}

#[test]
fn calendar_in_french_reads_back() {
    let plan = down_payment_plan();
    let ics = CalendarExport::new(&plan, "PLAN-2027-014")
        .with_language(Language::French)
        .with_alarm_days_before(5)
        .render()
        .unwrap();
    check_lines(&ics);
    let calendar = parse(&ics);
    let event = &calendar.events[2];
    // 884.00 left after the down payment, in 6: five of 147.33 and the remainder, 147.35, last.
    assert_eq!(
        property(&event.properties, "SUMMARY"),
        "Échéance 2/6 : 147,33 EUR"
    );
    assert_eq!(
        property(&event.alarms[0].properties, "DESCRIPTION"),
        "Rappel : l’échéance 2/6 de 147,33 EUR est due le 1er mars 2027"
    );
    assert_eq!(property(&event.alarms[0].properties, "TRIGGER"), "-P5D");
    assert_eq!(
        property(&calendar.events[0].properties, "SUMMARY"),
        "Acompte : 156,00 EUR"
    );
}

#[test]
fn calendar_is_the_same_every_time() {
    let plan = down_payment_plan();
    let export = CalendarExport::new(&plan, "P").with_alarm_days_before(2);
    assert_eq!(export.render().unwrap(), export.clone().render().unwrap());
}

proptest! {
    #![proptest_config(crate::cases(32))]

    #[test]
    fn calendar_reads_back_for_any_plan(
        plan in crate::statement::plan(),
        days in 0u32..=30,
        // The parser drops the spaces and colons that start a value (RFC 5545 keeps them): the
        // prefixes start with another character.
        prefix in "([!-9;-~À-ÿ][ -~À-ÿ]{0,79})?",
    ) {
        let ics = CalendarExport::new(&plan, "PLAN, ; \\ 1")
            .with_alarm_days_before(days)
            .with_summary_prefix(prefix.clone())
            .render()
            .unwrap();
        check_lines(&ics);
        let calendar = parse(&ics);
        prop_assert_eq!(calendar.events.len(), plan.instalments().len());
        for (event, i) in calendar.events.iter().zip(plan.instalments()) {
            prop_assert_eq!(property(&event.properties, "UID"), format!("PLAN, ; \\ 1-{}", i.number()));
            prop_assert_eq!(property(&event.properties, "DTSTART"), i.due_date().format("%Y%m%d").to_string());
            let summary = property(&event.properties, "SUMMARY");
            prop_assert!(summary.starts_with(&format!("{prefix} – ")), "{}", summary);
            prop_assert_eq!(property(&event.alarms[0].properties, "TRIGGER"), format!("-P{days}D"));
        }
    }
}
