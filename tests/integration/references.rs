//! Figures checked against public references: textbook loan tables (the same figures a spreadsheet's
//! `PMT` and `NPER` give), the French public holidays, and the month-end convention.

use echeancier::{
    BusinessDayRule, CapacityShape, Error, Frequency, HolidayCalendar, Interest, PlanRequest,
    Sizing,
};

use crate::{amounts, d, dates, debt, m, times};

fn monthly_annuity(amount: &str, rate: &str, sizing: Sizing) -> PlanRequest {
    PlanRequest::new(debt(amount), d(2027, 1, 15), Frequency::MONTHLY, sizing)
        .interest(Interest::Annuity(rate.parse().unwrap()))
}

fn by_capacity(capacity: &str) -> Sizing {
    Sizing::Capacity {
        capacity: m(capacity),
        shape: CapacityShape::FullCapacity,
    }
}

#[test]
fn annuity_10000_at_5_percent_over_36_months() {
    // PMT(5%/12, 36, -10000) = 299.7089…: 35 instalments of 299.71 and a last one of 299.69.
    let plan = monthly_annuity("10000.00 EUR", "5%", Sizing::Count(36))
        .generate()
        .unwrap();
    let mut expected = times(35, "299.71 EUR");
    expected.push("299.69 EUR".to_owned());
    assert_eq!(amounts(&plan), expected);
    assert_eq!(plan.totals().interest(), m("789.54 EUR"));
    assert_eq!(plan.totals().principal(), m("10000.00 EUR"));
    assert_eq!(plan.totals().amount(), m("10789.54 EUR"));
    // The first period's interest is 10,000 × 5 % / 12 = 41.666… → 41.67.
    assert_eq!(plan.instalments()[0].interest(), m("41.67 EUR"));
    assert_eq!(plan.instalments()[0].principal(), m("258.04 EUR"));
}

#[test]
fn annuity_15000_at_8_percent_over_60_months() {
    // PMT(8%/12, 60, -15000) = 304.1459…
    let plan = monthly_annuity("15000.00 EUR", "8%", Sizing::Count(60))
        .generate()
        .unwrap();
    assert_eq!(plan.derivation().regular_amount(), m("304.15 EUR"));
    let regular = &plan.instalments()[..59];
    assert!(regular.iter().all(|i| i.amount() == m("304.15 EUR")));
    // The last instalment absorbs the rounding of the regular amount and of 60 interest figures
    // (recomputed independently with Python's decimal module, half-up at each period).
    assert_eq!(plan.instalments()[59].amount(), m("303.84 EUR"));
    assert_eq!(plan.instalments()[0].interest(), m("100.00 EUR"));
    assert_eq!(plan.totals().interest(), m("3248.69 EUR"));
}

#[test]
fn capacity_150_repays_8000_at_7_percent_in_65_instalments() {
    // NPER(7%/12, -150, 8000) = 64.07…: 64 full instalments leave a balance, so 65 are needed.
    let plan = monthly_annuity("8000.00 EUR", "7%", by_capacity("150.00 EUR"))
        .generate()
        .unwrap();
    assert_eq!(plan.instalments().len(), 65);
    assert_eq!(plan.derivation().count(), 65);
    assert!(plan.instalments()[..64]
        .iter()
        .all(|i| i.amount() == m("150.00 EUR")));
    // Recomputed independently: the 65th instalment settles 11.00 of principal and 0.06 of interest.
    assert_eq!(plan.instalments()[64].amount(), m("11.06 EUR"));
    assert_eq!(plan.totals().interest(), m("1611.06 EUR"));
}

#[test]
fn capacity_252_repays_10000_at_5_percent_in_44_instalments() {
    // NPER(5%/12, -252, 10000) = 43.47…: the count is always rounded up.
    let plan = monthly_annuity("10000.00 EUR", "5%", by_capacity("252.00 EUR"))
        .generate()
        .unwrap();
    assert_eq!(plan.derivation().count(), 44);
    assert!(plan.instalments()[..43]
        .iter()
        .all(|i| i.amount() == m("252.00 EUR")));
    assert_eq!(plan.instalments()[43].amount(), m("117.79 EUR"));
    assert_eq!(plan.totals().interest(), m("953.79 EUR"));
}

#[test]
fn capacity_too_low_names_the_amount_needed() {
    // 9,000 / 24 = 375: the design document's own example.
    let err = PlanRequest::new(
        debt("9000.00 EUR"),
        d(2027, 1, 1),
        Frequency::MONTHLY,
        by_capacity("120.00 EUR"),
    )
    .max_instalments(24)
    .generate()
    .unwrap_err();
    assert_eq!(
        err,
        Error::CapacityTooLow {
            amount: m("120.00 EUR"),
            total: m("9000.00 EUR"),
            limit: "24 instalments".to_owned(),
            needed: m("375.00 EUR"),
        }
    );
    assert_eq!(
        err.to_string(),
        "120.00 EUR per period cannot repay 9000.00 EUR within 24 instalments; \
         at least 375.00 EUR per period is needed"
    );
}

#[test]
fn month_end_anchor_clamps_without_drifting() {
    for (year, february) in [(2024, "2024-02-29"), (2027, "2027-02-28")] {
        let plan = PlanRequest::new(
            debt("400.00 EUR"),
            d(year, 1, 31),
            Frequency::MONTHLY,
            Sizing::Count(4),
        )
        .generate()
        .unwrap();
        let april = format!("{year}-04-30");
        let march = format!("{year}-03-31");
        let first = format!("{year}-01-31");
        assert_eq!(dates(&plan), [first.as_str(), february, &march, &april]);
    }
    // Quarterly from 30 November: 28/29 February, then back to the 30th.
    let plan = PlanRequest::new(
        debt("400.00 EUR"),
        d(2027, 11, 30),
        Frequency::QUARTERLY,
        Sizing::Count(4),
    )
    .generate()
    .unwrap();
    assert_eq!(
        dates(&plan),
        ["2027-11-30", "2028-02-29", "2028-05-30", "2028-08-30"]
    );
}

#[test]
fn a_29_february_anchor_in_yearly_plans() {
    let plan = PlanRequest::new(
        debt("500.00 EUR"),
        d(2024, 2, 29),
        Frequency::YEARLY,
        Sizing::Count(5),
    )
    .generate()
    .unwrap();
    assert_eq!(
        dates(&plan),
        [
            "2024-02-29",
            "2025-02-28",
            "2026-02-28",
            "2027-02-28",
            "2028-02-29"
        ]
    );
}

/// Easter Monday, Ascension Thursday and Whit Monday from the published French calendars.
const MOVABLE_FEASTS: [(i32, [(u32, u32); 3]); 5] = [
    (2024, [(4, 1), (5, 9), (5, 20)]),
    (2025, [(4, 21), (5, 29), (6, 9)]),
    (2026, [(4, 6), (5, 14), (5, 25)]),
    (2027, [(3, 29), (5, 6), (5, 17)]),
    (2028, [(4, 17), (5, 25), (6, 5)]),
];

#[test]
fn french_movable_holidays() {
    for (year, feasts) in MOVABLE_FEASTS {
        for (month, day) in feasts {
            let date = d(year, month, day);
            assert!(HolidayCalendar::France.is_holiday(date), "{date}");
            // Monday or Thursday: closed only because of the holiday.
            assert!(!HolidayCalendar::WeekendsOnly.is_holiday(date));
        }
        // Good Friday is a holiday in Alsace-Moselle only.
        let good_friday = echeancier::easter_sunday(year).unwrap() - chrono::Days::new(2);
        assert!(!HolidayCalendar::France.is_holiday(good_friday));
        assert!(HolidayCalendar::FranceAlsaceMoselle.is_holiday(good_friday));
    }
}

#[test]
fn business_day_rules_around_french_holidays() {
    use BusinessDayRule::{Following, ModifiedFollowing, Preceding};
    let cal = HolidayCalendar::France;
    // (date, following, modified following, preceding)
    let table = [
        // Easter Monday 2024, 1 April: Good Friday (29 March) is a working day in France.
        (d(2024, 4, 1), d(2024, 4, 2), d(2024, 4, 2), d(2024, 3, 29)),
        // Ascension 2025, Thursday 29 May.
        (
            d(2025, 5, 29),
            d(2025, 5, 30),
            d(2025, 5, 30),
            d(2025, 5, 28),
        ),
        // Whit Monday 2025, 9 June.
        (d(2025, 6, 9), d(2025, 6, 10), d(2025, 6, 10), d(2025, 6, 6)),
        // Saturday 31 May 2025: following leaves the month, modified following does not.
        (
            d(2025, 5, 31),
            d(2025, 6, 2),
            d(2025, 5, 30),
            d(2025, 5, 30),
        ),
        // Easter Monday 2027, 29 March.
        (
            d(2027, 3, 29),
            d(2027, 3, 30),
            d(2027, 3, 30),
            d(2027, 3, 26),
        ),
        // Saturday 1 May 2027 (Labour Day too): preceding leaves the month, and so would
        // modified following only if the next business day were in another month.
        (d(2027, 5, 1), d(2027, 5, 3), d(2027, 5, 3), d(2027, 4, 30)),
        // Friday 14 May 2027 is a working day; Ascension 2027 is Thursday 6 May.
        (d(2027, 5, 6), d(2027, 5, 7), d(2027, 5, 7), d(2027, 5, 5)),
        // Whit Monday 2028, 5 June.
        (d(2028, 6, 5), d(2028, 6, 6), d(2028, 6, 6), d(2028, 6, 2)),
        // Sunday 31 December 2028 (a month end on a weekend before New Year's Day).
        (
            d(2028, 12, 31),
            d(2029, 1, 2),
            d(2028, 12, 29),
            d(2028, 12, 29),
        ),
    ];
    for (date, following, modified, preceding) in table {
        assert_eq!(Following.adjust(date, &cal).unwrap(), following, "{date}");
        assert_eq!(
            ModifiedFollowing.adjust(date, &cal).unwrap(),
            modified,
            "{date}"
        );
        assert_eq!(Preceding.adjust(date, &cal).unwrap(), preceding, "{date}");
    }
}

#[test]
fn a_plan_moves_its_due_dates_off_holidays_but_keeps_its_anchor() {
    // Anchored on Easter Monday 2025 (21 April): 21 May is a Wednesday; 21 June a Saturday.
    let request = |rule| {
        PlanRequest::new(
            debt("300.00 EUR"),
            d(2025, 4, 21),
            Frequency::MONTHLY,
            Sizing::Count(3),
        )
        .business_days(rule, HolidayCalendar::France)
    };
    let plan = request(BusinessDayRule::Following).generate().unwrap();
    assert_eq!(dates(&plan), ["2025-04-22", "2025-05-21", "2025-06-23"]);
    let plan = request(BusinessDayRule::Preceding).generate().unwrap();
    assert_eq!(dates(&plan), ["2025-04-18", "2025-05-21", "2025-06-20"]);
    let plan = request(BusinessDayRule::Unadjusted).generate().unwrap();
    assert_eq!(dates(&plan), ["2025-04-21", "2025-05-21", "2025-06-21"]);

    // Ascension day 2026 (Thursday 14 May), monthly from 14 April: 14 May moves, 14 June (a Sunday)
    // too, and 14 July is Bastille Day.
    let plan = PlanRequest::new(
        debt("400.00 EUR"),
        d(2026, 4, 14),
        Frequency::MONTHLY,
        Sizing::Count(4),
    )
    .business_days(BusinessDayRule::ModifiedFollowing, HolidayCalendar::France)
    .generate()
    .unwrap();
    assert_eq!(
        dates(&plan),
        ["2026-04-14", "2026-05-15", "2026-06-15", "2026-07-15"]
    );
}
