//! Exports: CSV read back with the `csv` crate and summed to the schedule's and the statement's
//! totals; the golden schedules written by `schedule_csv`; iCalendar files read back with the
//! `ical` crate's parser; written agreements compared with golden files under
//! `tests/golden/agreement/` (`UPDATE_GOLDEN=1` rewrites them; review with `git diff`).

use std::fs;
use std::path::Path;

use chrono::Days;
use echeancier::{
    schedule_csv, statement_charges_csv, statement_csv, AllocationPolicy, CalendarExport, Claim,
    Compensation, Currency, Debt, DownPayment, Error, Fee, Frequency, Interest, Language,
    LapseRule, Money, Party, Payment, PaymentMethod, PenaltyPolicy, PenaltyRate, PlanAgreement,
    PlanRequest, Schedule, Sizing, Statement, StatementOptions,
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

/// The charges of a statement as CSV, read back by a CSV reader: one row per charge, a label with a
/// comma quoted, and the paid and outstanding columns adding up to the statement's figures.
#[test]
fn statement_charges_csv_sums_to_the_statement() {
    let plan = PlanRequest::new(
        debt("300.00 EUR"),
        d(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(3),
    )
    .generate()
    .unwrap();
    let mut account =
        echeancier::Account::new(plan, d(2027, 1, 5), StatementOptions::default()).unwrap();
    let (header, rows) = records(&statement_charges_csv(
        &account.statement(d(2027, 1, 6)).unwrap(),
    ));
    assert_eq!(header.len(), 11);
    assert!(rows.is_empty());
    for (reference, label, kind, due, amount) in [
        (
            "REJ-1",
            "returned direct debit, February",
            echeancier::ChargeKind::Fee,
            d(2027, 2, 5),
            "15.00 EUR",
        ),
        (
            "PEN-1",
            "contractual penalty",
            echeancier::ChargeKind::Penalty,
            d(2027, 3, 1),
            "40.00 EUR",
        ),
    ] {
        account
            .charge(
                echeancier::Charge::new(reference, label, kind, d(2027, 2, 5), due, m(amount))
                    .unwrap(),
            )
            .unwrap();
    }
    account
        .pay(Payment::new("P-1", d(2027, 2, 10), m("20.00 EUR")).unwrap())
        .unwrap();
    let s = account.statement(d(2027, 2, 10)).unwrap();
    let text = statement_charges_csv(&s);
    let (_, rows) = records(&text);
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][3], "returned direct debit, February");
    assert_eq!((&rows[0][2], &rows[1][2]), ("fee", "penalty"));
    assert_eq!(
        column_sum(&text, "outstanding", Currency::EUR),
        s.charges_outstanding()
    );
    let paid: Money = Money::sum(Currency::EUR, s.charges().iter().map(|c| c.paid())).unwrap();
    assert_eq!(column_sum(&text, "paid", Currency::EUR), paid);
    assert_eq!(column_sum(&text, "amount", Currency::EUR), m("55.00 EUR"));
}

fn check_statement_csv(s: &Statement) {
    let text = statement_csv(s);
    let currency = s.currency();
    let (header, rows) = records(&text);
    assert_eq!(header.len(), 12);
    assert_eq!(header.last().map(String::as_str), Some("currency"));
    assert_eq!(rows.len(), s.instalments().len());
    // Every row names the currency of its amounts, as the tool's CSV files do.
    let code = currency.to_string();
    assert!(rows
        .iter()
        .all(|r| r.iter().next_back() == Some(code.as_str())));
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
        .down_payment(DownPayment::amount(m("156.00 EUR"), d(2027, 1, 10)))
        .generate()
        .unwrap()
}

#[test]
fn calendar_reads_back_one_event_per_instalment_with_its_alarms() {
    let plan = down_payment_plan();
    assert_eq!(plan.instalments().len(), 7);
    let ics = CalendarExport::new(&plan, "PLAN-2027-014", made_at())
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
        // When the file was made, as the caller said: not a due date (a date in the future).
        assert_eq!(property(p, "DTSTAMP"), "20270112T093000Z");
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
    let ics = CalendarExport::new(&plan, "PLAN-2027-014", made_at())
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
fn alarms_fire_at_the_time_of_day_asked_for() {
    let plan = down_payment_plan();
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let ics = CalendarExport::new(&plan, "PLAN-2027-014", made_at())
        .with_alarm_days_before(5)
        .with_alarm_days_before(0)
        .with_alarm_time(nine)
        .render()
        .unwrap();
    check_lines(&ics);
    let calendar = parse(&ics);
    for event in &calendar.events {
        let triggers: Vec<String> = event
            .alarms
            .iter()
            .map(|a| property(&a.properties, "TRIGGER"))
            .collect();
        // Five days before the all-day event at 09:00 is 4 days 15 hours before its midnight start.
        assert_eq!(triggers, ["-P4DT15H", "PT9H"]);
    }
}

#[test]
fn calendar_is_the_same_every_time() {
    let plan = down_payment_plan();
    let export = CalendarExport::new(&plan, "P", made_at()).with_alarm_days_before(2);
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
        let ics = CalendarExport::new(&plan, "PLAN, ; \\ 1", made_at())
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

// ---------------------------------------------------------------------------------------------
// Written agreements

/// The sample of `examples/agreement.rs`: 3,470.00 EUR, 470.00 down, then 10 × 300.00.
fn sample_debt() -> Debt {
    Debt::new(Currency::EUR)
        .with_claim(
            Claim::new("F-2026-0418", m("1850.00 EUR"))
                .unwrap()
                .due_on(d(2026, 6, 3))
                .unwrap(),
        )
        .unwrap()
        .with_claim(Claim::new("F-2026-0502", m("1540.00 EUR")).unwrap())
        .unwrap()
        .with_fee(Fee::new("Recovery compensation", m("80.00 EUR")).unwrap())
        .unwrap()
}

fn sample_plan(debt: &Debt) -> Schedule {
    PlanRequest::new(
        debt.clone(),
        d(2027, 2, 5),
        Frequency::MONTHLY,
        Sizing::Count(10),
    )
    .down_payment(DownPayment::amount(m("470.00 EUR"), d(2027, 1, 15)))
    .generate()
    .unwrap()
}

/// When the calendar files of these tests are made (their DTSTAMP).
fn made_at() -> chrono::NaiveDateTime {
    d(2027, 1, 12).and_hms_opt(9, 30, 0).unwrap()
}

fn sample_agreement<'a>(plan: &'a Schedule, debt: &'a Debt) -> PlanAgreement<'a> {
    PlanAgreement::new(
        "PLAN-2027-014",
        plan,
        Party::new("Atelier Durand SARL")
            .with_address_line("12 rue des Lilas")
            .with_address_line("69003 Lyon")
            .with_contact("compta@durand.example"),
        Party::new("Boulangerie Petit & Fils EURL")
            .with_address_line("4 allée des Pins, 69100 Villeurbanne"),
    )
    .with_debt(debt)
    .with_payment_method(
        PaymentMethod::bank_transfer("FR76 3000 6000 0112 3456 7890 189", "PLAN-2027-014")
            .with_bic("AGRIFRPP"),
    )
    .with_payment_method(PaymentMethod::cheque("Atelier Durand SARL"))
    .with_penalties(
        PenaltyPolicy::new(PenaltyRate::fixed("12.5%".parse().unwrap()))
            .with_grace_days(5)
            .with_compensation(Compensation::fixed(m("40.00 EUR")).unwrap()),
    )
    .with_lapse(
        LapseRule::missed(2)
            .unwrap()
            .or_overdue(m("600.00 EUR"), 30)
            .unwrap(),
    )
    .with_questions_contact("Claire Durand, 04 72 00 00 00")
    .with_signing("Lyon", d(2027, 1, 12))
}

#[test]
fn agreements_match_their_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/agreement");
    let debt = sample_debt();
    let plan = sample_plan(&debt);
    let agreement = sample_agreement(&plan, &debt);
    let mut failures = Vec::new();
    for language in [Language::English, Language::French] {
        for (extension, text) in [
            ("md", agreement.to_markdown(language).unwrap()),
            ("html", agreement.to_html(language).unwrap()),
        ] {
            let path = dir.join(format!("{}.{extension}", language.code()));
            if update {
                fs::create_dir_all(&dir).unwrap();
                fs::write(&path, &text).unwrap();
                continue;
            }
            let expected = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
            if expected != text {
                failures.push(path.display().to_string());
            }
        }
    }
    assert!(
        failures.is_empty(),
        "agreements differ from {failures:?} (UPDATE_GOLDEN=1 rewrites them; review with git diff)"
    );
}

#[test]
fn agreements_contain_every_part_a_written_plan_needs() {
    let debt = sample_debt();
    let plan = sample_plan(&debt);
    let agreement = sample_agreement(&plan, &debt);
    // What the seeds ask a written plan to contain, as it reads in each language.
    let parts: [(&str, &str); 10] = [
        ("Atelier Durand SARL", "Atelier Durand SARL"),
        (
            "Boulangerie Petit & Fils EURL",
            "Boulangerie Petit & Fils EURL",
        ),
        ("Total due", "Total dû"),
        (
            "Invoice F-2026-0418 (due on 3 June 2026)",
            "Facture F-2026-0418 (échue le 3 juin 2026)",
        ),
        ("5 November 2027", "5 novembre 2027"),
        (
            "IBAN FR76 3000 6000 0112 3456 7890 189",
            "IBAN FR76 3000 6000 0112 3456 7890 189",
        ),
        (
            "late-payment interest at 12.5% a year",
            "taux annuel de 12,5 %",
        ),
        ("the plan lapses", "la déchéance du terme"),
        (
            "Claire Durand, 04 72 00 00 00",
            "Claire Durand, 04 72 00 00 00",
        ),
        (
            "Made at Lyon on 12 January 2027",
            "Fait à Lyon, le 12 janvier 2027",
        ),
    ];
    let headings = [
        [
            "1. The parties",
            "2. The amount due",
            "3. The instalments",
            "4. How to pay",
            "5. Late payment",
            "6. If the plan is not honoured",
            "7. Questions and difficulties",
            "8. Signatures",
        ],
        [
            "1. Les parties",
            "2. Le montant dû",
            "3. Les échéances",
            "4. Modalités de paiement",
            "5. Retard de paiement",
            "6. Non-respect de l’échéancier",
            "7. Questions et difficultés",
            "8. Signatures",
        ],
    ];
    for (index, language) in [Language::English, Language::French]
        .into_iter()
        .enumerate()
    {
        let markdown = agreement
            .to_markdown(language)
            .unwrap()
            .replace('\u{a0}', " ");
        let html = agreement.to_html(language).unwrap().replace('\u{a0}', " ");
        for heading in headings[index] {
            assert!(markdown.contains(&format!("\n## {heading}\n")), "{heading}");
            assert!(html.contains(&format!("<h2>{heading}</h2>")), "{heading}");
        }
        for part in parts {
            let part = if index == 0 { part.0 } else { part.1 };
            assert!(markdown.contains(part), "{part} in Markdown");
            assert!(html.contains(&part.replace('&', "&amp;")), "{part} in HTML");
        }
        // Every instalment, with its amount and its date.
        assert_eq!(
            html.matches("300.00 EUR").count() + html.matches("300,00 EUR").count(),
            11
        );
        // Both signature blocks.
        assert_eq!(html.matches("class=\"signature\"").count(), 2);
        assert!(html.contains("@media print") && html.contains("size: A4"));
    }
}

#[test]
fn caller_text_is_escaped_in_html_and_markdown() {
    let debt = debt("100.00 EUR");
    let plan = PlanRequest::new(debt, d(2027, 1, 5), Frequency::MONTHLY, Sizing::Count(2))
        .generate()
        .unwrap();
    let agreement = PlanAgreement::new(
        "P-<1>",
        &plan,
        Party::new("<script>alert('x')</script>"),
        Party::new("Smith & \"Sons\""),
    )
    .with_payment_method(PaymentMethod::other("<b>cash</b>"))
    .without_penalties()
    .with_lapse(LapseRule::missed(1).unwrap())
    .with_questions_contact("*bold* [link](http://x) | pipe");
    let html = agreement.to_html(Language::English).unwrap();
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("Smith &amp; &quot;Sons&quot;"));
    assert!(html.contains("<li>&lt;b&gt;cash&lt;/b&gt;</li>"));
    assert!(html.contains("<title>Payment plan agreement – Reference P-&lt;1&gt;</title>"));
    let markdown = agreement.to_markdown(Language::English).unwrap();
    assert!(markdown.contains("\\<script\\>alert('x')\\</script\\>"));
    assert!(markdown.contains("\\*bold\\* \\[link\\](http://x) \\| pipe"));
}

#[test]
fn an_agreement_names_the_part_it_lacks() {
    let debt = sample_debt();
    let plan = sample_plan(&debt);
    let full = || sample_agreement(&plan, &debt);
    let bare = || {
        PlanAgreement::new("P-1", &plan, Party::new("A"), Party::new("B"))
            .with_payment_method(PaymentMethod::other("cash"))
            .without_penalties()
            .with_lapse(LapseRule::missed(1).unwrap())
            .with_questions_contact("A")
    };
    assert!(bare().to_html(Language::English).is_ok());
    let missing =
        |agreement: PlanAgreement<'_>| agreement.to_markdown(Language::French).unwrap_err();
    assert_eq!(
        missing(PlanAgreement::new(
            "P-1",
            &plan,
            Party::new("A"),
            Party::new("B")
        )),
        Error::MissingAgreementPart {
            part: "payment method"
        }
    );
    assert_eq!(
        missing(PlanAgreement::new(
            "P-1",
            &plan,
            Party::new(" "),
            Party::new("B")
        )),
        Error::MissingAgreementPart {
            part: "creditor name"
        }
    );
    assert_eq!(
        missing(PlanAgreement::new(
            "P-1",
            &plan,
            Party::new("A"),
            Party::new("")
        )),
        Error::MissingAgreementPart {
            part: "debtor name"
        }
    );
    assert_eq!(
        missing(
            PlanAgreement::new("P-1", &plan, Party::new("A"), Party::new("B"))
                .with_payment_method(PaymentMethod::other("cash"))
        ),
        Error::MissingAgreementPart {
            part: "late-payment terms"
        }
    );
    assert_eq!(
        missing(
            PlanAgreement::new("P-1", &plan, Party::new("A"), Party::new("B"))
                .with_payment_method(PaymentMethod::other("cash"))
                .without_penalties()
        ),
        Error::MissingAgreementPart { part: "lapse rule" }
    );
    assert_eq!(
        missing(bare().with_questions_contact("  ")),
        Error::MissingAgreementPart {
            part: "contact for questions"
        }
    );
    assert_eq!(
        missing(PlanAgreement::new(
            "",
            &plan,
            Party::new("A"),
            Party::new("B")
        )),
        Error::EmptyReference {
            what: "an agreement"
        }
    );
    // A debt that is not the one the plan repays.
    let other = crate::debt("10.00 EUR");
    let err = missing(full().with_debt(&other));
    assert_eq!(
        err.to_string(),
        "the debt totals 10.00 EUR but the schedule repays 3470.00 EUR of principal and fees"
    );
    let yen = Debt::single(Claim::new("F", m("10 JPY")).unwrap());
    assert!(matches!(
        missing(full().with_debt(&yen)),
        Error::CurrencyMismatch { .. }
    ));
}

#[test]
fn the_late_payment_clause_names_the_legal_rate_and_its_rule() {
    let debt = sample_debt();
    let plan = sample_plan(&debt);
    let text = |policy: PenaltyPolicy, language| {
        sample_agreement(&plan, &debt)
            .with_penalties(policy)
            .to_markdown(language)
            .unwrap()
    };
    // The README's configuration: the legal rate, no points added.
    let legal = || {
        PenaltyPolicy::france_legal_rate(echeancier::LegalRateCreditor::PersonalCreditor).unwrap()
    };
    let fr = text(legal(), Language::French);
    assert!(fr.contains("au taux de l’intérêt légal applicable"), "{fr}");
    assert!(
        fr.contains("(articles L313-2 du Code monétaire et financier et 1231-7 du Code civil)"),
        "{fr}"
    );
    assert!(fr.contains("personnes physiques"), "{fr}");
    assert!(
        !fr.contains("0 point") && !fr.contains("taux de référence"),
        "{fr}"
    );
    // The legal rate carries no fixed compensation, and the clause names none.
    assert!(!fr.contains("indemnité forfaitaire"), "{fr}");
    let en = text(legal(), Language::English);
    assert!(en.contains("the French legal interest rate"), "{en}");
    assert!(!en.contains("recovery compensation"), "{en}");
    assert!(
        !en.contains("0 points") && !en.contains("the reference rate"),
        "{en}"
    );
    // The commercial rate: the ECB rate, its points and the half-year rule.
    let fr = text(PenaltyPolicy::france_b2b().unwrap(), Language::French);
    assert!(fr.contains("au taux de refinancement principal de la Banque centrale européenne majoré de 10\u{a0}points"), "{fr}");
    assert!(
        fr.contains("1er janvier") && fr.contains("1er juillet"),
        "{fr}"
    );
    assert!(fr.contains("(article L441-10 du Code de commerce)"), "{fr}");
    // A table refreshed by the caller keeps the preset's name and statute.
    let refreshed = PenaltyPolicy::france_b2b()
        .unwrap()
        .with_rate_table(
            echeancier::RateTable::ecb_main_refinancing()
                .unwrap()
                .with_valid_until(chrono::NaiveDate::from_ymd_opt(2027, 6, 30).unwrap())
                .unwrap(),
        )
        .unwrap();
    let en = text(refreshed, Language::English);
    assert!(en.contains("the main refinancing rate of the European Central Bank plus 10 points (Code de commerce L441-10)"), "{en}");
    // The other presets name their reference rate, their points and their statute, in both
    // languages.
    let base_rate = || {
        echeancier::RateTable::new(
            [(
                chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                rust_decimal::Decimal::new(227, 2),
            )],
            chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        )
        .unwrap()
    };
    for (policy, english, french) in [
        (
            PenaltyPolicy::germany_b2b(base_rate()).unwrap(),
            "the base rate of the Deutsche Bundesbank (Basiszinssatz, § 247 BGB) plus 9 points (§ 288 (2) BGB)",
            "au taux de base de la Deutsche Bundesbank (Basiszinssatz, § 247 BGB) majoré de 9\u{a0}points (§ 288, alinéa 2, BGB)",
        ),
        (
            PenaltyPolicy::germany_consumer(base_rate()).unwrap(),
            "plus 5 points (§ 288 (1) BGB)",
            "majoré de 5\u{a0}points (§ 288, alinéa 1, BGB)",
        ),
        (
            PenaltyPolicy::uk_late_payment(base_rate()).unwrap(),
            "the Bank of England base rate (Bank Rate) plus 8 points (Late Payment of Commercial Debts (Interest) Act 1998), at the rate in force on the last day of the half-year before the delay starts",
            "au taux de base de la Banque d’Angleterre (Bank Rate) majoré de 8\u{a0}points (Late Payment of Commercial Debts (Interest) Act 1998), au taux en vigueur le dernier jour du semestre précédant le retard",
        ),
        (
            PenaltyPolicy::eu_late_payment_directive().unwrap(),
            "the main refinancing rate of the European Central Bank plus 8 points (Directive 2011/7/EU, articles 2 and 3)",
            "au taux de refinancement principal de la Banque centrale européenne majoré de 8\u{a0}points (directive 2011/7/UE, articles 2 et 3)",
        ),
    ] {
        let en = text(policy.clone(), Language::English);
        assert!(en.contains(english), "{en}");
        assert!(!en.contains("agreed reference rate"), "{en}");
        let fr = text(policy, Language::French);
        assert!(fr.contains(french), "{fr}");
        assert!(!fr.contains("taux de référence convenu"), "{fr}");
    }
    // One point is singular in French, and so is none.
    let one = PenaltyPolicy::new(PenaltyRate::reference(
        echeancier::RateTable::ecb_main_refinancing().unwrap(),
        "1%".parse().unwrap(),
        echeancier::RateRevision::FixedAtFirstDay,
    ));
    let fr = text(one, Language::French);
    assert!(fr.contains("majoré de 1\u{a0}point,"), "{fr}");
}

#[test]
fn without_penalties_the_lapse_clause_mentions_none() {
    let debt = sample_debt();
    let plan = sample_plan(&debt);
    let agreement = sample_agreement(&plan, &debt).without_penalties();
    let fr = agreement.to_markdown(Language::French).unwrap();
    assert!(fr.contains("ni intérêts ni indemnité"), "{fr}");
    assert!(
        !fr.contains("intérêts de retard et indemnités échus"),
        "{fr}"
    );
    let en = agreement.to_markdown(Language::English).unwrap();
    assert!(
        !en.contains("with the late-payment interest and compensation accrued"),
        "{en}"
    );
}

#[test]
fn a_printed_agreement_shows_what_is_left_to_pay_page_numbers_and_initials() {
    // An annuity: the principal balance is not what is left to pay.
    let debt = debt("12000.00 EUR");
    let plan = PlanRequest::new(
        debt.clone(),
        d(2027, 2, 5),
        Frequency::MONTHLY,
        Sizing::Count(36),
    )
    .interest(Interest::Annuity("8%".parse().unwrap()))
    .generate()
    .unwrap();
    let agreement = PlanAgreement::new("P-36", &plan, Party::new("A"), Party::new("B"))
        .with_debt(&debt)
        .with_payment_method(PaymentMethod::cheque("A"))
        .without_penalties()
        .with_lapse(LapseRule::missed(2).unwrap())
        .with_questions_contact("A, 01 00 00 00 00");
    let markdown = agreement.to_markdown(Language::English).unwrap();
    let first = &plan.instalments()[0];
    let left = plan.totals().amount().checked_sub(first.amount()).unwrap();
    let row = markdown.lines().find(|l| l.starts_with("| 1 |")).unwrap();
    assert!(
        row.ends_with(&format!("| {} |", grouped(left))),
        "{row} vs {left}"
    );
    assert!(markdown.contains("Left to pay after it"), "{markdown}");
    for language in [Language::English, Language::French] {
        let html = agreement.to_html(language).unwrap();
        // The grand total once, at the end of the table, not in a footer printed on every page.
        assert!(!html.contains("<tfoot>"));
        assert_eq!(html.matches("<tr class=\"total\">").count(), 2);
        assert!(html.contains("counter(page) \" / \" counter(pages)"));
        let initials = match language {
            Language::French => "Paraphes : créancier",
            _ => "Initials: creditor",
        };
        assert!(html.contains(initials));
    }
}

/// `12345.67 EUR` as the English agreement writes it: `12,345.67 EUR`, its space unbreakable.
fn grouped(money: Money) -> String {
    money.to_string_in(Language::English).replace(' ', "\u{a0}")
}
