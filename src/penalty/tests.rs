//! Worked examples of the penalty computation, from public sources where there is one.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::debt::Claim;
use crate::error::Error;
use crate::money::{Currency, Money, Rounding};
use crate::payment::PartialPayment;
use crate::penalty::{
    Cap, Compensation, CompensationBasis, DayCount, OverdueItem, PenaltyPolicy, PenaltyRate,
    RateRevision, RateTable,
};
use crate::rate::AnnualRate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn money(s: &str) -> Money {
    s.parse().unwrap()
}

fn rate(s: &str) -> AnnualRate {
    s.parse().unwrap()
}

fn fixed(percent: &str) -> PenaltyPolicy {
    PenaltyPolicy::new(PenaltyRate::fixed(rate(percent)))
}

fn item(reference: &str, due: NaiveDate, amount: &str) -> OverdueItem {
    OverdueItem::new(reference, due, money(amount)).unwrap()
}

fn rates_of(policy: &PenaltyPolicy, item: &OverdueItem, as_of: NaiveDate) -> Vec<String> {
    policy.compute_one(item, as_of).unwrap().items()[0]
        .segments()
        .iter()
        .map(|s| s.rate().to_string())
        .collect()
}

/// A Bank of England base-rate table around 2024–2025, for the UK preset.
fn boe() -> RateTable {
    RateTable::new(
        [
            (d(2023, 8, 3), Decimal::new(525, 2)),
            (d(2024, 8, 1), Decimal::new(500, 2)),
            (d(2024, 11, 7), Decimal::new(475, 2)),
            (d(2025, 2, 6), Decimal::new(450, 2)),
            (d(2025, 5, 8), Decimal::new(425, 2)),
            (d(2025, 8, 7), Decimal::new(400, 2)),
        ],
        d(2025, 12, 31),
    )
    .unwrap()
}

#[test]
fn five_thousand_paid_thirty_days_late_at_ten_percent_is_41_10() {
    // Public worked example: 5000 × 0.10 × 30 / 365 = 41.0959 → 41.10
    let invoice = item("F-1", d(2025, 1, 31), "5000.00 EUR")
        .paid_on(d(2025, 3, 2))
        .unwrap();
    let s = fixed("10%").compute_one(&invoice, d(2025, 12, 31)).unwrap();
    let line = &s.items()[0];
    assert_eq!(line.days_late(), 30);
    assert_eq!(line.segments().len(), 1);
    assert_eq!(line.interest(), money("41.10 EUR"));
    assert_eq!(s.total(), money("41.10 EUR"));
    assert!(s.compensations().is_empty());
}

#[test]
fn france_b2b_rates_are_ecb_on_1_january_and_1_july_plus_ten_points() {
    // The ECB table has 3.15 in force on 2025-01-01 (since 2024-12-18) and 2.15 on 2025-07-01
    // (since 2025-06-11): 13.15 % for 2025 S1 and 12.15 % for 2025 S2, although the ECB rate moved
    // three times during S1.
    let ecb = RateTable::ecb_main_refinancing().unwrap();
    assert_eq!(ecb.percent_on(d(2025, 1, 1)).unwrap(), Decimal::new(315, 2));
    assert_eq!(ecb.percent_on(d(2025, 7, 1)).unwrap(), Decimal::new(215, 2));
    let policy = PenaltyPolicy::france_b2b().unwrap();
    let invoice = item("F-1", d(2024, 12, 31), "10000.00 EUR");
    assert_eq!(
        rates_of(&policy, &invoice, d(2025, 12, 31)),
        ["13.15%", "12.15%"]
    );
    let s = policy.compute_one(&invoice, d(2025, 12, 31)).unwrap();
    let segments = s.items()[0].segments();
    assert_eq!(
        (segments[0].first_day(), segments[0].last_day()),
        (d(2025, 1, 1), d(2025, 6, 30))
    );
    assert_eq!((segments[0].days(), segments[1].days()), (181, 184));
    // 10000 × 13.15 % × 181/365 = 652.0959 and 10000 × 12.15 % × 184/365 = 612.4932
    assert_eq!(segments[0].interest(), money("652.10 EUR"));
    assert_eq!(segments[1].interest(), money("612.49 EUR"));
    assert_eq!(s.interest(), money("1264.59 EUR"));
    assert_eq!(s.compensation(), money("40.00 EUR"));
    assert_eq!(s.total(), money("1304.59 EUR"));
    // 2024 S2 read the rate on 2024-07-01: 4.25 + 10
    let late_2024 = item("F-0", d(2024, 9, 30), "100.00 EUR");
    assert_eq!(rates_of(&policy, &late_2024, d(2024, 10, 31)), ["14.25%"]);
}

#[test]
fn rate_revisions_read_the_table_on_their_dates() {
    let ecb = RateTable::ecb_main_refinancing().unwrap();
    let with =
        |revision| PenaltyPolicy::new(PenaltyRate::reference(ecb.clone(), rate("8%"), revision));
    // Due 2025-03-10: late from 2025-03-11 to 2025-08-31.
    let late = item("F-1", d(2025, 3, 10), "1000.00 EUR");
    let as_of = d(2025, 8, 31);
    assert_eq!(
        rates_of(&with(RateRevision::HalfYearly), &late, as_of),
        ["11.15%", "10.15%"]
    );
    // 1 January 2025: 3.15
    assert_eq!(
        rates_of(&with(RateRevision::FixedAtHalfYearStart), &late, as_of),
        ["11.15%"]
    );
    // 31 December 2024: 3.15
    assert_eq!(
        rates_of(
            &with(RateRevision::FixedAtPrecedingHalfYearEnd),
            &late,
            as_of
        ),
        ["11.15%"]
    );
    // 11 March 2025: 2.90 (the 2.65 of 12 March is not yet in force)
    assert_eq!(
        rates_of(&with(RateRevision::FixedAtFirstDay), &late, as_of),
        ["10.9%"]
    );
    // Every change: 2.90, 2.65 (12 March), 2.40 (23 April), 2.15 (11 June)
    assert_eq!(
        rates_of(&with(RateRevision::EachChange), &late, as_of),
        ["10.9%", "10.65%", "10.4%", "10.15%"]
    );
}

#[test]
fn uk_rate_is_fixed_from_the_half_year_end_before_the_delay() {
    let uk = PenaltyPolicy::uk_late_payment(boe()).unwrap();
    // Interest starts 2025-07-01: the rate on 30 June 2025 is 4.25, kept after the August cut.
    let invoice = item("INV-1", d(2025, 6, 30), "500.00 GBP");
    assert_eq!(rates_of(&uk, &invoice, d(2025, 12, 31)), ["12.25%"]);
    // Interest starts 2025-06-30: the rate on 31 December 2024 is 4.75.
    let invoice = item("INV-2", d(2025, 6, 29), "500.00 GBP");
    assert_eq!(rates_of(&uk, &invoice, d(2025, 12, 31)), ["12.75%"]);
}

#[test]
fn uk_compensation_bands_are_40_70_and_100_pounds() {
    let uk = PenaltyPolicy::uk_late_payment(boe()).unwrap();
    let cases = [
        ("0.01 GBP", "40.00 GBP"),
        ("999.99 GBP", "40.00 GBP"),
        ("1000.00 GBP", "70.00 GBP"),
        ("9999.99 GBP", "70.00 GBP"),
        ("10000.00 GBP", "100.00 GBP"),
        ("250000.00 GBP", "100.00 GBP"),
    ];
    for (amount, expected) in cases {
        let invoice = item("INV", d(2025, 3, 31), amount);
        let s = uk.compute_one(&invoice, d(2025, 4, 30)).unwrap();
        assert_eq!(s.compensation(), money(expected), "{amount}");
        assert_eq!(s.compensations()[0].late_amount(), money(amount));
    }
    // Paid on time: nothing at all.
    let on_time = item("INV", d(2025, 3, 31), "5000.00 GBP")
        .paid_on(d(2025, 3, 31))
        .unwrap();
    let s = uk.compute_one(&on_time, d(2025, 4, 30)).unwrap();
    assert!(s.total().is_zero());
    assert!(s.compensations().is_empty());
}

#[test]
fn a_date_outside_the_table_is_an_error_not_a_guess() {
    let policy = PenaltyPolicy::france_b2b().unwrap();
    // The half-year from 1 January 2027 needs the ECB rate of that day, which the table does not know.
    let invoice = item("F-1", d(2026, 12, 15), "100.00 EUR");
    let err = policy.compute_one(&invoice, d(2027, 1, 15)).unwrap_err();
    assert_eq!(
        err,
        Error::RateNotCovered {
            date: d(2027, 1, 1),
            first: d(2014, 9, 10),
            valid_until: d(2026, 11, 30),
        }
    );
    assert_eq!(
        err.to_string(),
        "no rate known for 2027-01-01: the table covers 2014-09-10 to 2026-11-30; add the rates published since (RateTable::with_rate, then with_valid_until), or read the publisher's file (RateTable::from_ecb_csv, RateTable::from_fr_legal_rate_publication) and extend the table with it (RateTable::extended_with)"
    );
    // December 2026 itself is fine: its rate was read on 1 July 2026.
    assert!(policy.compute_one(&invoice, d(2026, 12, 31)).is_ok());
    // Before the first entry.
    let old = item("F-0", d(2014, 6, 30), "100.00 EUR");
    assert!(matches!(
        policy.compute_one(&old, d(2014, 7, 31)),
        Err(Error::RateNotCovered { .. })
    ));
    // The French legal rate file stops at 2026-06-30, and each day takes the rate of its own
    // half-year: a delay running into July 2026 cannot be computed.
    let legal = PenaltyPolicy::france_legal_rate(Default::default()).unwrap();
    let spring = item("F-2", d(2026, 5, 31), "100.00 EUR");
    assert!(legal.compute_one(&spring, d(2026, 6, 30)).is_ok());
    assert_eq!(
        legal
            .compute_one(&spring, d(2026, 7, 31))
            .unwrap_err()
            .to_string(),
        "no rate known for 2026-07-31: the table covers 2015-01-01 to 2026-06-30; add the rates published since (RateTable::with_rate, then with_valid_until), or read the publisher's file (RateTable::from_ecb_csv, RateTable::from_fr_legal_rate_publication) and extend the table with it (RateTable::extended_with)"
    );
    assert!(matches!(
        legal.compute_one(&invoice, d(2027, 1, 15)),
        Err(Error::RateNotCovered { .. })
    ));
}

#[test]
fn partial_payments_lower_the_base_from_the_next_day() {
    let invoice = item("F-1", d(2025, 1, 31), "3650.00 EUR")
        .with_payment(PartialPayment::new(d(2025, 2, 10), money("1825.00 EUR")).unwrap())
        .unwrap()
        .paid_on(d(2025, 2, 20))
        .unwrap();
    let s = fixed("10%").compute_one(&invoice, d(2025, 12, 31)).unwrap();
    let segments = s.items()[0].segments();
    assert_eq!(segments.len(), 2);
    // 1–10 February on 3650.00: 3650 × 10 % × 10/365 = 10.00
    assert_eq!(
        (segments[0].first_day(), segments[0].last_day()),
        (d(2025, 2, 1), d(2025, 2, 10))
    );
    assert_eq!(segments[0].base(), money("3650.00 EUR"));
    assert_eq!(segments[0].interest(), money("10.00 EUR"));
    // 11–20 February on 1825.00: 5.00
    assert_eq!(segments[1].base(), money("1825.00 EUR"));
    assert_eq!(segments[1].interest(), money("5.00 EUR"));
    assert_eq!(s.total(), money("15.00 EUR"));
}

#[test]
fn payments_before_the_due_date_lower_the_whole_delay_and_later_ones_are_refused() {
    let early = item("F-1", d(2025, 1, 31), "3650.00 EUR")
        .with_payment(PartialPayment::new(d(2025, 1, 15), money("1825.00 EUR")).unwrap())
        .unwrap();
    // 30 days on the 1825.00 left after the early payment = 15.00
    let s = fixed("10%").compute_one(&early, d(2025, 3, 2)).unwrap();
    assert_eq!(s.items()[0].segments().len(), 1);
    assert_eq!(s.total(), money("15.00 EUR"));
    // A payment dated after the date of the computation is not silently left out (as a statement
    // refuses it, so does a penalty computation).
    let later = early
        .with_payment(PartialPayment::new(d(2025, 6, 1), money("1825.00 EUR")).unwrap())
        .unwrap();
    assert_eq!(
        fixed("10%").compute_one(&later, d(2025, 3, 2)),
        Err(Error::PaymentAfterStatement {
            reference: "F-1".to_owned(),
            date: d(2025, 6, 1),
            as_of: d(2025, 3, 2),
        })
    );
    assert!(fixed("10%").compute_one(&later, d(2025, 6, 1)).is_ok());
}

#[test]
fn an_item_given_twice_is_refused_not_charged_twice() {
    let invoice = item("F-1", d(2025, 1, 31), "1000.00 EUR");
    let other = item("F-2", d(2025, 1, 31), "1000.00 EUR");
    let err = fixed("10%")
        .compute(
            Currency::EUR,
            &[invoice.clone(), other, invoice],
            d(2025, 3, 2),
        )
        .unwrap_err();
    assert_eq!(
        err,
        Error::DuplicateReference {
            reference: "F-1".to_owned()
        }
    );
}

#[test]
fn dates_outside_the_supported_range_are_refused() {
    let year_zero = NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
    let invoice = item("F-1", d(2025, 1, 31), "1000.00 EUR");
    assert!(matches!(
        fixed("10%").compute_one(&invoice, year_zero),
        Err(Error::UnsupportedDate { .. })
    ));
    let ancient = item("F-0", year_zero, "1000.00 EUR");
    assert!(matches!(
        fixed("10%").compute_one(&ancient, d(2025, 3, 2)),
        Err(Error::UnsupportedDate { .. })
    ));
}

#[test]
fn grace_days_delay_the_start_of_interest() {
    let invoice = item("F-1", d(2025, 1, 31), "3650.00 EUR");
    let policy = fixed("10%").with_grace_days(10);
    let s = policy.compute_one(&invoice, d(2025, 2, 10)).unwrap();
    assert!(!s.items()[0].is_late());
    assert!(s.total().is_zero());
    let s = policy.compute_one(&invoice, d(2025, 2, 20)).unwrap();
    assert_eq!(s.items()[0].segments()[0].first_day(), d(2025, 2, 11));
    assert_eq!(s.items()[0].days_late(), 10);
    assert_eq!(s.total(), money("10.00 EUR"));
}

#[test]
fn each_segment_is_rounded_half_up_and_the_item_sums_the_rounded_segments() {
    // Two half-years at the same 5.005 % (a 0.005 % reference rate plus 5 points), so that each
    // segment ends on a half cent and the two rules differ.
    let table = RateTable::new(
        [
            (d(2025, 1, 1), Decimal::new(5, 3)),
            (d(2025, 7, 1), Decimal::new(5, 3)),
        ],
        d(2025, 12, 31),
    )
    .unwrap();
    // Base 36.50 at 5.005 %: each segment of 5 days is 36.50 × 5.005 % × 5/365 = 0.0250250…
    let policy = PenaltyPolicy::new(PenaltyRate::reference(
        table,
        rate("5%"),
        RateRevision::HalfYearly,
    ));
    let invoice = item("F-1", d(2025, 6, 25), "36.50 EUR");
    let s = policy.compute_one(&invoice, d(2025, 7, 5)).unwrap();
    let line = &s.items()[0];
    assert_eq!(line.segments().len(), 2);
    for segment in line.segments() {
        assert_eq!(segment.days(), 5);
        assert_eq!(segment.interest(), money("0.03 EUR"));
    }
    // Per segment: 0.03 + 0.03 = 0.06; the exact total 0.0500500… would round to 0.05.
    assert_eq!(line.interest(), money("0.06 EUR"));
    assert_eq!(
        line.exact_interest().round(Rounding::HalfUp).unwrap(),
        money("0.05 EUR")
    );
    // The rounding strategy is the policy's.
    let down = policy
        .with_rounding(Rounding::Down)
        .compute_one(&invoice, d(2025, 7, 5))
        .unwrap();
    assert_eq!(down.interest(), money("0.04 EUR"));
}

#[test]
fn caps_limit_the_interest_of_each_item() {
    let invoice = item("F-1", d(2024, 1, 31), "1000.00 EUR");
    let as_of = d(2025, 1, 31); // 366 days at 20 %: 200.55
    let uncapped = fixed("20%").compute_one(&invoice, as_of).unwrap();
    assert_eq!(uncapped.interest(), money("200.55 EUR"));
    let by_amount = fixed("20%").with_cap(Cap::amount(money("150.00 EUR")).unwrap());
    let s = by_amount.compute_one(&invoice, as_of).unwrap();
    assert_eq!(s.interest(), money("150.00 EUR"));
    assert_eq!(s.items()[0].uncapped_interest(), money("200.55 EUR"));
    let by_percent = fixed("20%").with_cap(Cap::percent_of_base(Decimal::from(10)).unwrap());
    assert_eq!(
        by_percent.compute_one(&invoice, as_of).unwrap().interest(),
        money("100.00 EUR")
    );
    // A cap above the interest changes nothing.
    let loose = fixed("20%").with_cap(Cap::amount(money("500.00 EUR")).unwrap());
    assert_eq!(
        loose.compute_one(&invoice, as_of).unwrap().interest(),
        money("200.55 EUR")
    );
}

#[test]
fn the_minimum_rate_is_a_floor_on_every_segment() {
    // ECB + 0 points with a 3 % floor: 2025 S1 3.15 % stays, 2025 S2 2.15 % is raised to 3 %.
    let ecb = RateTable::ecb_main_refinancing().unwrap();
    let policy = PenaltyPolicy::new(PenaltyRate::reference(
        ecb,
        AnnualRate::ZERO,
        RateRevision::HalfYearly,
    ))
    .with_minimum_rate(rate("3%"));
    let invoice = item("F-1", d(2025, 5, 31), "1000.00 EUR");
    assert_eq!(rates_of(&policy, &invoice, d(2025, 7, 31)), ["3.15%", "3%"]);
}

#[test]
fn negative_base_rates_plus_points_stay_positive() {
    let base = RateTable::new([(d(2022, 1, 1), Decimal::new(-88, 2))], d(2022, 12, 31)).unwrap();
    let policy = PenaltyPolicy::germany_consumer(base.clone()).unwrap();
    let invoice = item("R-1", d(2022, 3, 31), "1000.00 EUR");
    assert_eq!(rates_of(&policy, &invoice, d(2022, 4, 30)), ["4.12%"]);
    // Without points the rate would be negative: refused, with the figure.
    let bare = PenaltyPolicy::new(PenaltyRate::reference(
        base,
        AnnualRate::ZERO,
        RateRevision::HalfYearly,
    ));
    let err = bare.compute_one(&invoice, d(2022, 4, 30)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid rate -0.88%: a rate must not be negative"
    );
}

#[test]
fn compensation_is_per_claim_or_per_item() {
    let instalments = [
        item("F-1 / 1", d(2025, 1, 31), "300.00 EUR")
            .of_claim("F-1")
            .unwrap(),
        item("F-1 / 2", d(2025, 2, 28), "300.00 EUR")
            .of_claim("F-1")
            .unwrap(),
        item("F-1 / 3", d(2025, 3, 31), "300.00 EUR")
            .of_claim("F-1")
            .unwrap(),
        item("F-2", d(2025, 1, 31), "100.00 EUR"),
    ];
    let per_claim = PenaltyPolicy::france_b2b().unwrap();
    let s = per_claim
        .compute(Currency::EUR, &instalments, d(2025, 3, 15))
        .unwrap();
    let lines: Vec<(&str, String)> = s
        .compensations()
        .iter()
        .map(|c| (c.reference(), c.late_amount().to_string()))
        .collect();
    assert_eq!(
        lines,
        [
            ("F-1", "600.00 EUR".to_owned()),
            ("F-2", "100.00 EUR".to_owned())
        ]
    );
    assert_eq!(s.compensation(), money("80.00 EUR"));
    let per_item = per_claim.clone().with_compensation(
        Compensation::fixed(money("40.00 EUR"))
            .unwrap()
            .with_basis(CompensationBasis::PerItem),
    );
    let s = per_item
        .compute(Currency::EUR, &instalments, d(2025, 3, 15))
        .unwrap();
    assert_eq!(s.compensations().len(), 3); // F-1 / 3 is not due yet
    assert_eq!(s.compensation(), money("120.00 EUR"));
    // Consumers: no compensation.
    let consumer = per_claim.with_compensation(Compensation::none());
    assert!(consumer
        .compute(Currency::EUR, &instalments, d(2025, 3, 15))
        .unwrap()
        .compensation()
        .is_zero());
}

#[test]
fn day_counts_change_the_interest() {
    let invoice = item("F-1", d(2024, 1, 31), "10000.00 EUR")
        .paid_on(d(2024, 3, 31))
        .unwrap();
    let with = |day_count| {
        fixed("10%")
            .with_day_count(day_count)
            .compute_one(&invoice, d(2024, 12, 31))
            .unwrap()
            .interest()
    };
    // 60 actual days in a leap year; 60 days in 30E/360 too (31 Jan → 30, 31 Mar → 30).
    assert_eq!(with(DayCount::Actual365), money("164.38 EUR")); // 60/365
    assert_eq!(with(DayCount::Actual360), money("166.67 EUR")); // 60/360
    assert_eq!(with(DayCount::ActualActualIsda), money("163.93 EUR")); // 60/366
    assert_eq!(with(DayCount::Thirty360), money("166.67 EUR")); // 60/360
}

#[test]
fn invoices_as_claims_with_payments() {
    let claims = [
        Claim::new("F-1", money("5000.00 EUR"))
            .unwrap()
            .due_on(d(2025, 1, 31))
            .unwrap(),
        Claim::new("F-2", money("800.00 EUR"))
            .unwrap()
            .due_on(d(2025, 2, 28))
            .unwrap(),
    ];
    let paid = PartialPayment::new(d(2025, 3, 2), money("5000.00 EUR")).unwrap();
    let policy = fixed("10%");
    let s = policy
        .compute_claims(Currency::EUR, &claims, &[("F-1", paid)], d(2025, 3, 2))
        .unwrap();
    assert_eq!(s.items()[0].interest(), money("41.10 EUR"));
    assert_eq!(s.items()[1].days_late(), 2);
    let err = policy
        .compute_claims(Currency::EUR, &claims, &[("F-9", paid)], d(2025, 3, 2))
        .unwrap_err();
    assert_eq!(err.to_string(), "payment refers to unknown claim \"F-9\"");
    let undated = [Claim::new("F-3", money("1.00 EUR")).unwrap()];
    assert!(matches!(
        policy.compute_claims(Currency::EUR, &undated, &[], d(2025, 3, 2)),
        Err(Error::MissingDueDate { .. })
    ));
    let over = [(
        "F-2",
        PartialPayment::new(d(2025, 3, 1), money("800.01 EUR")).unwrap(),
    )];
    assert!(matches!(
        policy.compute_claims(Currency::EUR, &claims, &over, d(2025, 3, 2)),
        Err(Error::Overpaid { .. })
    ));
}

#[test]
fn currencies_must_agree() {
    let pounds = item("INV", d(2025, 1, 31), "100.00 GBP");
    assert!(matches!(
        PenaltyPolicy::france_b2b()
            .unwrap()
            .compute_one(&pounds, d(2025, 3, 1)),
        Err(Error::CurrencyMismatch { .. })
    ));
    let euros = item("F-1", d(2025, 1, 31), "100.00 EUR");
    assert!(matches!(
        fixed("5%").compute(Currency::GBP, &[euros], d(2025, 3, 1)),
        Err(Error::CurrencyMismatch { .. })
    ));
}

#[test]
fn an_empty_list_gives_a_zero_statement() {
    let s = PenaltyPolicy::france_b2b()
        .unwrap()
        .compute(Currency::EUR, &[], d(2025, 3, 1))
        .unwrap();
    assert!(s.items().is_empty());
    assert_eq!(s.total(), Money::zero(Currency::EUR));
}

#[cfg(feature = "serde")]
#[test]
fn policies_and_items_round_trip_through_json_and_are_validated() {
    for policy in [
        PenaltyPolicy::france_b2b().unwrap(),
        PenaltyPolicy::uk_late_payment(boe()).unwrap(),
        fixed("8%")
            .with_cap(Cap::percent_of_base(Decimal::from(25)).unwrap())
            .with_minimum_rate(rate("3%"))
            .with_day_count(DayCount::Thirty360),
    ] {
        let json = serde_json::to_string(&policy).unwrap();
        let back: PenaltyPolicy = serde_json::from_str(&json).unwrap();
        assert_eq!(back, policy, "{json}");
    }
    let json = r#"{"rate":{"fixed":"8%"},"day_count":"thirty_e_360"}"#;
    let p: PenaltyPolicy = serde_json::from_str(json).unwrap();
    assert_eq!(p.day_count(), DayCount::Thirty360);

    let invoice = item("F-1", d(2025, 1, 31), "100.00 EUR")
        .of_claim("F")
        .unwrap()
        .paid_on(d(2025, 2, 1))
        .unwrap();
    let json = serde_json::to_string(&invoice).unwrap();
    assert_eq!(serde_json::from_str::<OverdueItem>(&json).unwrap(), invoice);

    // What the constructors refuse, deserialising refuses too.
    let bad = [
        r#"{"reference":"F","due_date":"2025-01-31","amount":{"amount":"10.00","currency":"EUR"},"payments":[{"date":"2025-02-01","amount":{"amount":"10.01","currency":"EUR"}}]}"#,
        r#"{"reference":" ","due_date":"2025-01-31","amount":{"amount":"10.00","currency":"EUR"}}"#,
    ];
    for json in bad {
        assert!(serde_json::from_str::<OverdueItem>(json).is_err(), "{json}");
    }
    assert!(
        serde_json::from_str::<RateTable>(r#"{"valid_until":"2025-01-01","rates":[]}"#).is_err()
    );
    assert!(serde_json::from_str::<Cap>(r#"{"percent_of_base":"-1"}"#).is_err());
    assert!(serde_json::from_str::<Compensation>(
        r#"{"bands":[{"from":{"amount":"5.00","currency":"EUR"},"amount":{"amount":"40.00","currency":"EUR"}}]}"#
    )
    .is_err());

    let s = PenaltyPolicy::france_b2b()
        .unwrap()
        .compute_one(&invoice, d(2025, 3, 1))
        .unwrap();
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["items"][0]["segments"][0]["year_fraction"], "1/365");
}

#[test]
fn schedule_instalments_late_under_france_b2b_each_get_compensation() {
    use crate::debt::Debt;
    use crate::frequency::Frequency;
    use crate::payment::{AllocationPolicy, Payment};
    use crate::schedule::{PlanRequest, Sizing};
    use crate::statement::{Statement, StatementOptions};

    let debt = Debt::single(Claim::new("F-1", money("3000.00 EUR")).unwrap());
    let plan = PlanRequest::new(debt, d(2025, 5, 31), Frequency::MONTHLY, Sizing::Count(3))
        .generate()
        .unwrap();
    let policy = PenaltyPolicy::france_b2b().unwrap();
    // Instalment 1 (31 May) paid in full on 10 July; instalment 2 (30 June) unpaid; instalment 3
    // not due yet. Principal first, so the payment clears instalment 1 and its penalties stop.
    let payments = [Payment::new("P-1", d(2025, 7, 10), money("1000.00 EUR")).unwrap()];
    let options = StatementOptions::new(AllocationPolicy::principal_first()).with_penalties(policy);
    let statement = Statement::new(&plan, &payments, &options, d(2025, 7, 20)).unwrap();
    let s = statement.penalties().unwrap();
    assert_eq!(s.items().len(), 2);
    // 1000 × 13.15 % × 30/365 (June) + 1000 × 12.15 % × 10/365 (1–10 July)
    assert_eq!(s.items()[0].interest(), money("14.14 EUR"));
    // 1000 × 12.15 % × 20/365
    assert_eq!(s.items()[1].interest(), money("6.66 EUR"));
    assert_eq!(s.compensation(), money("80.00 EUR"));
    assert_eq!(statement.penalties_accrued(), money("100.80 EUR"));
    assert!(statement.penalties_paid().is_zero());
}

#[test]
fn each_statute_names_its_reference_rate_and_law_in_both_languages() {
    use crate::language::Language::{English, French};
    use crate::penalty::{LegalBasis, LegalRateCreditor};
    let other = LegalBasis::FranceLegalRate(LegalRateCreditor::OtherCases);
    let personal = LegalBasis::FranceLegalRate(LegalRateCreditor::PersonalCreditor);
    assert_eq!(
        other.reference_rate(English),
        "the French legal interest rate (taux de l’intérêt légal) for all other cases"
    );
    assert_eq!(
        other.reference_rate(French),
        "au taux de l’intérêt légal applicable aux autres cas"
    );
    assert_eq!(
        personal.reference_rate(English),
        "the French legal interest rate (taux de l’intérêt légal) for a creditor who is a private person"
    );
    for basis in [other, personal] {
        assert_eq!(
            basis.statute(English),
            "Code monétaire et financier L313-2, Code civil 1231-7"
        );
        assert_eq!(
            basis.statute(French),
            "articles L313-2 du Code monétaire et financier et 1231-7 du Code civil"
        );
    }
}

#[test]
fn a_reference_rate_gives_its_table_and_a_fixed_rate_none() {
    let b2b = PenaltyPolicy::france_b2b().unwrap();
    assert_eq!(
        b2b.rate().table(),
        Some(&RateTable::ecb_main_refinancing().unwrap())
    );
    assert_eq!(fixed("8%").rate().table(), None);
    let uk = PenaltyPolicy::uk_late_payment(boe()).unwrap();
    assert_eq!(
        uk.rate().table().map(RateTable::valid_until),
        Some(d(2025, 12, 31))
    );
}

#[test]
fn compensation_bands_are_in_one_currency() {
    let err = |bands: Vec<(&str, &str)>| {
        Compensation::banded(
            bands
                .into_iter()
                .map(|(from, amount)| (money(from), money(amount))),
        )
        .unwrap_err()
        .to_string()
    };
    // A band paying in another currency than it is read in.
    assert_eq!(
        err(vec![("0.00 EUR", "40.00 GBP")]),
        "invalid compensation bands: band from 0.00 EUR paying 40.00 GBP is not in EUR"
    );
    // A band read in another currency than the first.
    assert_eq!(
        err(vec![
            ("0.00 EUR", "40.00 EUR"),
            ("1000.00 GBP", "70.00 EUR")
        ]),
        "invalid compensation bands: band from 1000.00 GBP paying 70.00 EUR is not in EUR"
    );
    assert_eq!(
        err(vec![
            ("0.00 EUR", "40.00 EUR"),
            ("1000.00 EUR", "70.00 GBP")
        ]),
        "invalid compensation bands: band from 1000.00 EUR paying 70.00 GBP is not in EUR"
    );
}

#[test]
fn a_cap_is_a_percentage_from_0_to_1000() {
    for (percent, accepted) in [
        ("0", true),
        ("1000", true),
        ("1000.01", false),
        ("-0.01", false),
    ] {
        let percent: Decimal = percent.parse().unwrap();
        assert_eq!(Cap::percent_of_base(percent).is_ok(), accepted, "{percent}");
    }
    // 1,000 % of 12.34 is 123.40.
    let cap = Cap::percent_of_base(Decimal::from(1000)).unwrap();
    assert_eq!(
        cap.limit_for(money("12.34 EUR")).unwrap(),
        money("123.40 EUR")
    );
}

#[test]
fn items_that_differ_only_by_their_payments_differ() {
    let due = d(2025, 1, 31);
    let unpaid = item("F-1", due, "100.00 EUR");
    let part = PartialPayment::new(d(2025, 2, 10), money("40.00 EUR")).unwrap();
    let other = PartialPayment::new(d(2025, 2, 10), money("41.00 EUR")).unwrap();
    let paid_in_part = unpaid.clone().with_payment(part).unwrap();
    assert_ne!(unpaid, paid_in_part);
    assert_ne!(paid_in_part, unpaid.clone().with_payment(other).unwrap());
    assert_eq!(paid_in_part, unpaid.clone().with_payment(part).unwrap());
    // Three payments or more are held apart from one or two, and compare the same way.
    let thirds: Vec<PartialPayment> = (1..=3)
        .map(|day| PartialPayment::new(d(2025, 2, day), money("10.00 EUR")).unwrap())
        .collect();
    let by_three = unpaid.clone().with_payments(thirds.clone()).unwrap();
    let one_by_one = thirds
        .iter()
        .fold(unpaid.clone(), |item, p| item.with_payment(*p).unwrap());
    assert_eq!(by_three, one_by_one);
    assert_ne!(by_three, unpaid);
    // Its debug form lists the payments.
    let shown = format!("{paid_in_part:?}");
    assert!(
        shown.contains("2025-02-10") && shown.contains("40.00"),
        "{shown}"
    );
}

#[test]
fn an_item_belongs_to_its_own_claim_unless_given_one() {
    let alone = item("F-1 / 2", d(2025, 1, 31), "10.00 EUR");
    assert_eq!(alone.claim_reference(), "F-1 / 2");
    assert_eq!(alone.of_claim("F-1").unwrap().claim_reference(), "F-1");
}

#[test]
fn an_amount_beyond_the_minor_unit_counter_is_paid_on_the_day_its_payments_clear_it() {
    // 10^18 EUR is 10^20 cents, more than a 64-bit count of cents holds: the payments are added
    // up as money.
    let huge = item("F-1", d(2025, 1, 31), "1000000000000000000.00 EUR");
    let half = money("500000000000000000.00 EUR");
    let paid = huge
        .with_payment(PartialPayment::new(d(2025, 2, 10), half).unwrap())
        .unwrap()
        .with_payment(PartialPayment::new(d(2025, 3, 2), half).unwrap())
        .unwrap();
    assert_eq!(paid.paid_date(), Some(d(2025, 3, 2)));
    let s = fixed("10%").compute_one(&paid, d(2025, 12, 31)).unwrap();
    assert_eq!(s.items()[0].days_late(), 30);
}

#[test]
fn a_penalty_line_names_the_claim_of_its_item() {
    let due = d(2025, 1, 31);
    let items = [
        item("F-1 / 1", due, "10.00 EUR").of_claim("F-1").unwrap(),
        item("F-2", due, "10.00 EUR"),
    ];
    let s = fixed("10%")
        .compute(Currency::EUR, &items, d(2025, 3, 2))
        .unwrap();
    let claims: Vec<&str> = s.items().iter().map(|l| l.claim_reference()).collect();
    assert_eq!(claims, ["F-1", "F-2"]);
}

#[test]
fn only_the_crate_s_own_instalment_references_are_translated() {
    use crate::language::Language::{English, French};
    let due = d(2025, 1, 31);
    let references = [
        "instalment 3",
        "instalment ",
        "instalment 3b",
        "instalment x",
        "F-1",
    ];
    let items: Vec<OverdueItem> = references
        .iter()
        .map(|r| item(r, due, "10.00 EUR"))
        .collect();
    let policy = fixed("10%").with_compensation(Compensation::fixed(money("40.00 EUR")).unwrap());
    let s = policy
        .compute(Currency::EUR, &items, d(2025, 3, 2))
        .unwrap();
    let french: Vec<String> = s.items().iter().map(|l| l.reference_in(French)).collect();
    assert_eq!(
        french,
        [
            "échéance 3",
            "instalment ",
            "instalment 3b",
            "instalment x",
            "F-1"
        ]
    );
    let compensations: Vec<String> = s
        .compensations()
        .iter()
        .map(|c| c.reference_in(French))
        .collect();
    assert_eq!(compensations, french);
    for line in s.items() {
        assert_eq!(line.reference_in(English), line.reference());
    }
}

#[test]
fn an_item_not_late_yet_needs_no_rate_even_one_the_table_does_not_know() {
    // The ECB table is known through 30 November 2026; the first late day of an item due that
    // day is after it. On its due date the item owes nothing, and no rate is read.
    let ecb = RateTable::ecb_main_refinancing().unwrap();
    let due = ecb.valid_until();
    for revision in [
        RateRevision::FixedAtFirstDay,
        RateRevision::FixedAtHalfYearStart,
        RateRevision::HalfYearly,
        RateRevision::EachChange,
    ] {
        let policy = PenaltyPolicy::new(PenaltyRate::reference(ecb.clone(), rate("10%"), revision));
        let s = policy
            .compute_one(&item("F-1", due, "100.00 EUR"), due)
            .unwrap();
        assert!(!s.items()[0].is_late(), "{revision:?}");
        assert_eq!(s.total(), money("0.00 EUR"), "{revision:?}");
        // A day later the rate is needed: the rate of that day is not known; the rate of the
        // half-year, read on 1 July 2026, is (2.15 % + 10 points).
        let later = policy.compute_one(&item("F-1", due, "100.00 EUR"), due.succ_opt().unwrap());
        match revision {
            RateRevision::FixedAtFirstDay | RateRevision::EachChange => {
                assert!(
                    matches!(later, Err(Error::RateNotCovered { .. })),
                    "{revision:?}"
                );
            }
            _ => assert_eq!(
                later.unwrap().items()[0].segments()[0].rate(),
                rate("12.15%"),
                "{revision:?}"
            ),
        }
    }
}

#[cfg(feature = "serde")]
#[test]
fn a_segment_whose_days_do_not_match_its_dates_is_refused() {
    let paid = item("F-1", d(2025, 1, 31), "5000.00 EUR")
        .paid_on(d(2025, 3, 2))
        .unwrap();
    let s = fixed("10%").compute_one(&paid, d(2025, 3, 2)).unwrap();
    let json = serde_json::to_value(&s.items()[0].segments()[0]).unwrap();
    assert_eq!(json["days"], 30);
    let read: crate::penalty::PenaltySegment = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(&read, &s.items()[0].segments()[0]);
    for days in [29, 31] {
        let err = crate::contract::refused::<crate::penalty::PenaltySegment>(&json, |j| {
            j["days"] = days.into();
        });
        assert!(
            err.contains(&format!(
                "days is {days}, but 2025-02-01 to 2025-03-02 is 30 days"
            )),
            "{err}"
        );
    }
    // A segment ending before it starts.
    let err = crate::contract::refused::<crate::penalty::PenaltySegment>(&json, |j| {
        j["first_day"] = "2025-03-03".into();
        j["days"] = 0.into();
    });
    assert!(
        err.contains("days is 0, but 2025-03-03 to 2025-03-02 is 0 days"),
        "{err}"
    );
}

#[cfg(feature = "serde")]
#[test]
fn a_penalty_line_read_from_json_keeps_its_interest_and_its_days_after_the_due_date() {
    let paid = item("F-1", d(2025, 1, 31), "5000.00 EUR")
        .paid_on(d(2025, 3, 2))
        .unwrap();
    let s = fixed("10%").compute_one(&paid, d(2025, 3, 2)).unwrap();
    let segment = serde_json::to_value(&s.items()[0].segments()[0]).unwrap();
    // 5000 × 10 % × 30/365 = 41.0959: 41.09 or 41.10, nothing else.
    for interest in ["41.09 EUR", "41.10 EUR"] {
        let mut j = segment.clone();
        j["interest"] = serde_json::to_value(money(interest)).unwrap();
        assert!(serde_json::from_value::<crate::penalty::PenaltySegment>(j).is_ok());
    }
    for interest in ["41.11 EUR", "41.08 EUR", "0.00 EUR"] {
        let err = crate::contract::refused::<crate::penalty::PenaltySegment>(&segment, |j| {
            j["interest"] = serde_json::to_value(money(interest)).unwrap();
        });
        assert!(
            err.contains(&format!(
                "interest is {interest}, but 5000.00 EUR × 10% × 30/365 rounds to 41.09 EUR or 41.10 EUR"
            )),
            "{err}"
        );
    }
    // Interest runs from the day after the due date: a line whose segment starts on it is refused.
    let line = serde_json::to_value(&s.items()[0]).unwrap();
    assert!(serde_json::from_value::<crate::penalty::ItemPenalty>(line.clone()).is_ok());
    let err = crate::contract::refused::<crate::penalty::ItemPenalty>(&line, |j| {
        j["segments"][0]["first_day"] = "2025-01-31".into();
        j["segments"][0]["days"] = 31.into();
        j["days_late"] = 31.into();
    });
    assert!(
        err.contains("the segment from 2025-01-31 starts on or before 2025-01-31"),
        "{err}"
    );
}

/// Actual/actual (ISDA) puts each day late in its own year: due on 31 December 2027 and paid on 1
/// January 2028, the day late is 1 January, of 2028, over 366, whatever the same dates give a
/// schedule's period (31 December, of 2027, over 365); across a rate change on 1 January each
/// side keeps its year.
#[test]
fn actual_actual_puts_each_day_late_in_its_own_year() {
    let invoice = |due, paid| item("F-1", due, "10000.00 EUR").paid_on(paid).unwrap();
    let policy = fixed("10%").with_day_count(DayCount::ActualActualIsda);
    let one_day = policy
        .compute_one(&invoice(d(2027, 12, 31), d(2028, 1, 1)), d(2028, 1, 31))
        .unwrap();
    // 10,000.00 × 10 % × 1/366 = 2.7322…
    assert_eq!(one_day.interest(), money("2.73 EUR"));
    assert_eq!(
        one_day.items()[0].segments()[0].year_fraction().to_string(),
        "1/366"
    );
    // Due 31 December 2028 (a leap year), paid 2 January 2029: two days of 2029, 2/365 = 5.48.
    let two_days = policy
        .compute_one(&invoice(d(2028, 12, 31), d(2029, 1, 2)), d(2029, 1, 31))
        .unwrap();
    assert_eq!(
        two_days.items()[0].segments()[0]
            .year_fraction()
            .to_string(),
        "2/365"
    );
    assert_eq!(two_days.interest(), money("5.48 EUR"));
    // Due 30 December 2027, paid 2 January 2028: 31 December of 2027, 1 and 2 January of 2028.
    let across = policy
        .compute_one(&invoice(d(2027, 12, 30), d(2028, 1, 2)), d(2028, 1, 31))
        .unwrap();
    assert_eq!(
        across.items()[0].segments()[0].year_fraction().to_string(),
        "1/365 + 2/366"
    );
}
