//! Scenario tables: each row is a plan as a collection agent would ask for it, and the instalments it
//! must produce. Expected amounts are worked out by hand in the comments.

use echeancier::{
    BusinessDayRule, CapacityShape, Claim, Currency, Debt, DownPayment, Error, Fee, Frequency,
    HolidayCalendar, InstalmentKind, Interest, PlanRequest, Remainder, Rounding, Sizing,
};
use rust_decimal_macros::dec;

use crate::{amounts, d, dates, debt, m};

/// Expected amounts written as runs: `runs(&[(11, "400.00 EUR"), (1, "450.00 EUR")])`.
fn runs(parts: &[(usize, &str)]) -> Vec<String> {
    parts
        .iter()
        .flat_map(|(n, text)| vec![(*text).to_owned(); *n])
        .collect()
}

/// A monthly plan from 5 January 2027.
fn monthly(amount: &str, sizing: Sizing) -> PlanRequest {
    PlanRequest::new(debt(amount), d(2027, 1, 5), Frequency::MONTHLY, sizing)
}

fn capacity(amount: &str, shape: CapacityShape) -> Sizing {
    Sizing::Capacity {
        capacity: m(amount),
        shape,
    }
}

/// Runs a table of (what, request, expected amounts).
fn check_table(table: Vec<(&str, PlanRequest, Vec<String>)>) {
    for (what, request, expected) in table {
        let plan = request.generate().unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(amounts(&plan), expected, "{what}");
    }
}

#[test]
fn down_payments() {
    let debt_with_fee = || {
        debt("1000.00 EUR")
            .with_fee(Fee::new("frais de recouvrement", m("40.00 EUR")).unwrap())
            .unwrap()
    };
    let first = d(2027, 2, 1);
    let signed = d(2027, 1, 10);
    check_table(vec![
        (
            // 1,000 − 200 = 800 in 4 × 200.
            "a fixed down payment",
            monthly("1000.00 EUR", Sizing::Count(4))
                .down_payment(DownPayment::amount(m("200.00 EUR"), d(2027, 1, 1))),
            runs(&[(5, "200.00 EUR")]),
        ),
        (
            // 10 % of 1,040 = 104, leaving 936 = 4 × 234.
            "a down payment of 10 % of claims and fees",
            PlanRequest::new(debt_with_fee(), first, Frequency::MONTHLY, Sizing::Count(4))
                .down_payment(DownPayment::percent(dec!(10), signed)),
            runs(&[(1, "104.00 EUR"), (4, "234.00 EUR")]),
        ),
        (
            // 33⅓ % of 1,040 = 346.666… → 346.66 rounded down (the plan's rounding); the rest,
            // 693.34, in 3: 231.113… → 231.11 twice and 231.12.
            "a percentage rounded with the plan's rounding",
            PlanRequest::new(debt_with_fee(), first, Frequency::MONTHLY, Sizing::Count(3))
                .down_payment(DownPayment::percent(dec!(33.3333333333333333), signed))
                .rounding(Rounding::Down),
            runs(&[(1, "346.66 EUR"), (2, "231.11 EUR"), (1, "231.12 EUR")]),
        ),
    ]);

    let plan = PlanRequest::new(debt_with_fee(), first, Frequency::MONTHLY, Sizing::Count(4))
        .down_payment(DownPayment::percent(dec!(10), signed))
        .generate()
        .unwrap();
    let down = &plan.instalments()[0];
    assert_eq!(down.kind(), InstalmentKind::DownPayment);
    assert_eq!(down.number(), 0);
    assert_eq!(down.due_date(), signed);
    // The fees are repaid first, out of the down payment.
    assert_eq!(down.fees(), m("40.00 EUR"));
    assert_eq!(down.principal(), m("64.00 EUR"));
    assert_eq!(down.balance_after(), m("936.00 EUR"));
    assert!(plan.instalments()[1..].iter().all(|i| i.fees().is_zero()));
    assert_eq!(plan.derivation().down_payment(), Some(m("104.00 EUR")));
    assert_eq!(plan.derivation().financed(), m("936.00 EUR"));
    assert_eq!(plan.derivation().count(), 4);
    assert_eq!(
        plan.derivation().to_string(),
        "1040.00 EUR to repay, 104.00 EUR of it as a down payment, leaving 936.00 EUR, without interest.\n\
         4 instalments were asked for.\n\
         Instalments 1 to 4: 234.00 EUR."
    );
}

#[test]
fn fees_are_repaid_before_claims() {
    let debt = debt("100.00 EUR")
        .with_fee(Fee::new("indemnité forfaitaire", m("40.00 EUR")).unwrap())
        .unwrap();
    // A down payment smaller than the fees goes entirely to fees; the first instalment finishes them.
    let plan = PlanRequest::new(debt, d(2027, 2, 1), Frequency::MONTHLY, Sizing::Count(2))
        .down_payment(DownPayment::amount(m("25.00 EUR"), d(2027, 1, 1)))
        .generate()
        .unwrap();
    let parts: Vec<(String, String, String)> = plan
        .instalments()
        .iter()
        .map(|i| {
            (
                i.fees().to_string(),
                i.principal().to_string(),
                i.balance_after().to_string(),
            )
        })
        .collect();
    let row = |f: &str, p: &str, b: &str| (f.to_owned(), p.to_owned(), b.to_owned());
    assert_eq!(
        parts,
        [
            row("25.00 EUR", "0.00 EUR", "115.00 EUR"),
            row("15.00 EUR", "42.50 EUR", "57.50 EUR"),
            row("0.00 EUR", "57.50 EUR", "0.00 EUR"),
        ]
    );
    assert_eq!(plan.totals().fees(), m("40.00 EUR"));
    assert_eq!(plan.totals().principal(), m("100.00 EUR"));
}

#[test]
fn rounding_steps_and_where_the_remainder_goes() {
    let with = |amount: &str, n, step: &str, remainder| {
        monthly(amount, Sizing::Count(n))
            .step(m(step))
            .remainder(remainder)
    };
    use Remainder::{First, Last};
    check_table(vec![
        // 100 / 3 = 33.33… → 33 whole euros, 100 − 2 × 33 = 34 on the remainder instalment.
        (
            "whole euros, last",
            with("100.00 EUR", 3, "1.00 EUR", Last),
            runs(&[(2, "33.00 EUR"), (1, "34.00 EUR")]),
        ),
        (
            "whole euros, first",
            with("100.00 EUR", 3, "1.00 EUR", First),
            runs(&[(1, "34.00 EUR"), (2, "33.00 EUR")]),
        ),
        // 4,850 / 12 = 404.17 → 400 in tens; 4,850 − 11 × 400 = 450.
        (
            "tens, last",
            with("4850.00 EUR", 12, "10.00 EUR", Last),
            runs(&[(11, "400.00 EUR"), (1, "450.00 EUR")]),
        ),
        (
            "tens, first",
            with("4850.00 EUR", 12, "10.00 EUR", First),
            runs(&[(1, "450.00 EUR"), (11, "400.00 EUR")]),
        ),
        // 1,000 / 3 = 333.33 → 330; 1,000 − 660 = 340.
        (
            "tens on a third",
            with("1000.00 EUR", 3, "10.00 EUR", Last),
            runs(&[(2, "330.00 EUR"), (1, "340.00 EUR")]),
        ),
        // 995 / 2 = 497.50 → 500 half-up; 995 − 500 = 495.
        (
            "tens rounded up at the half",
            with("995.00 EUR", 2, "10.00 EUR", Last),
            runs(&[(1, "500.00 EUR"), (1, "495.00 EUR")]),
        ),
        // 1,000 / 6 = 166.67 → 200 in hundreds would repay 1,000 in five: rounded down to 100, and
        // the last instalment takes 500.
        (
            "hundreds that would repay too early",
            with("1000.00 EUR", 6, "100.00 EUR", Last),
            runs(&[(5, "100.00 EUR"), (1, "500.00 EUR")]),
        ),
        // No step: the cent, 100 / 3 = 33.33 and 33.34.
        (
            "cents, first",
            monthly("100.00 EUR", Sizing::Count(3)).remainder(First),
            runs(&[(1, "33.34 EUR"), (2, "33.33 EUR")]),
        ),
    ]);
    let plan = with("1000.00 EUR", 6, "100.00 EUR", Last)
        .generate()
        .unwrap();
    assert_eq!(plan.derivation().regular_rounding(), Rounding::Down);
    assert_eq!(plan.derivation().remainder_amount(), Some(m("500.00 EUR")));
    let plan = with("4850.00 EUR", 12, "10.00 EUR", First)
        .generate()
        .unwrap();
    assert_eq!(plan.derivation().step(), m("10.00 EUR"));
    assert_eq!(
        plan.derivation().to_string(),
        "4850.00 EUR to repay, without interest.\n\
         12 instalments were asked for.\n\
         Instalments 2 to 12: 400.00 EUR; instalment 1 settles the balance: 450.00 EUR."
    );
}

#[test]
fn capacity_shapes() {
    use CapacityShape::{FullCapacity, Level};
    check_table(vec![
        // 12 × 400 = 4,800 < 4,850: 13 instalments, the last one 50.
        (
            "full capacity",
            monthly("4850.00 EUR", capacity("400.00 EUR", FullCapacity)),
            runs(&[(12, "400.00 EUR"), (1, "50.00 EUR")]),
        ),
        // Same 13 instalments, level: 4,850 / 13 = 373.0769 → 373.08 (rounded up so that the
        // remainder is not larger); 4,850 − 12 × 373.08 = 373.04.
        (
            "level",
            monthly("4850.00 EUR", capacity("400.00 EUR", Level)),
            runs(&[(12, "373.08 EUR"), (1, "373.04 EUR")]),
        ),
        // In tens: 373.08 → 380; 4,850 − 12 × 380 = 290.
        (
            "level in tens",
            monthly("4850.00 EUR", capacity("400.00 EUR", Level)).step(m("10.00 EUR")),
            runs(&[(12, "380.00 EUR"), (1, "290.00 EUR")]),
        ),
        // A capacity of 405 in tens is 400 usable.
        (
            "full capacity rounded down to the step",
            monthly("4850.00 EUR", capacity("405.00 EUR", FullCapacity)).step(m("10.00 EUR")),
            runs(&[(12, "400.00 EUR"), (1, "50.00 EUR")]),
        ),
        // Exactly divisible: 4 × 250.
        (
            "a capacity that divides the debt",
            monthly("1000.00 EUR", capacity("250.00 EUR", Level)),
            runs(&[(4, "250.00 EUR")]),
        ),
        // One instalment is enough.
        (
            "a capacity above the debt",
            monthly("80.00 EUR", capacity("250.00 EUR", Level)),
            runs(&[(1, "80.00 EUR")]),
        ),
    ]);

    let full = monthly("4850.00 EUR", capacity("400.00 EUR", FullCapacity))
        .generate()
        .unwrap();
    let level = monthly("4850.00 EUR", capacity("400.00 EUR", Level))
        .generate()
        .unwrap();
    assert_eq!(full.derivation().shape(), Some(FullCapacity));
    assert_eq!(full.derivation().regular_rounding(), Rounding::Down);
    assert_eq!(level.derivation().shape(), Some(Level));
    assert_eq!(level.derivation().regular_rounding(), Rounding::Up);
    assert_eq!(level.derivation().count(), full.derivation().count());
    assert_eq!(
        level.derivation().to_string(),
        "4850.00 EUR to repay, without interest.\n\
         Sized by a capacity of 400.00 EUR per month: 13 instalments are the fewest that never ask \
         more than the capacity.\n\
         Instalments 1 to 12: 373.08 EUR; instalment 13 settles the balance: 373.04 EUR."
    );
}

#[test]
fn equal_principal_plans_decline() {
    // 1,200 at 12 % a year (1 % a month) in 12: principal 100 each, interest 12, 11, … 1.
    let plan = monthly("1200.00 EUR", Sizing::Count(12))
        .interest(Interest::EqualPrincipal("12%".parse().unwrap()))
        .generate()
        .unwrap();
    let expected: Vec<String> = (1..=12)
        .rev()
        .map(|k| format!("{}.00 EUR", 100 + k))
        .collect();
    assert_eq!(amounts(&plan), expected);
    assert!(plan
        .instalments()
        .iter()
        .all(|i| i.principal() == m("100.00 EUR")));
    assert_eq!(plan.totals().interest(), m("78.00 EUR"));
    assert_eq!(plan.derivation().regular_amount(), m("100.00 EUR"));
    assert_eq!(
        plan.derivation().to_string(),
        "1200.00 EUR to repay, with interest at 12% a year on equal principal parts.\n\
         12 instalments were asked for.\n\
         Instalments 1 to 12: principal part of 100.00 EUR."
    );

    // By capacity: the first instalment is the largest. 1,200 / n + 12 ≤ 250 → n ≥ 5.04: 6
    // instalments of 200 principal, the first one 212.
    let plan = monthly(
        "1200.00 EUR",
        capacity("250.00 EUR", CapacityShape::FullCapacity),
    )
    .interest(Interest::EqualPrincipal("12%".parse().unwrap()))
    .generate()
    .unwrap();
    assert_eq!(
        amounts(&plan),
        [
            "212.00 EUR",
            "210.00 EUR",
            "208.00 EUR",
            "206.00 EUR",
            "204.00 EUR",
            "202.00 EUR"
        ]
    );
}

#[test]
fn sizing_by_end_date() {
    let by_end = |end| monthly("600.00 EUR", Sizing::EndDate(end));
    // Due on the 5th from January: by 30 June, 6 instalments; the end date itself counts.
    for (end, count) in [
        (d(2027, 6, 30), 6),
        (d(2027, 6, 5), 6),
        (d(2027, 6, 4), 5),
        (d(2027, 1, 5), 1),
    ] {
        let plan = by_end(end).generate().unwrap();
        assert_eq!(plan.derivation().count(), count, "{end}");
        assert!(plan.last_due_date().unwrap() <= end);
    }
    let plan = by_end(d(2027, 6, 30)).generate().unwrap();
    assert_eq!(
        plan.derivation().to_string(),
        "600.00 EUR to repay, without interest.\n\
         6 instalments fall due by 2027-06-30.\n\
         Instalments 1 to 6: 100.00 EUR."
    );
    // Business-day adjustment included: 5 June 2027 is a Saturday, moved to Monday 7 June.
    let plan = by_end(d(2027, 6, 6))
        .business_days(BusinessDayRule::Following, HolidayCalendar::France)
        .generate()
        .unwrap();
    assert_eq!(plan.derivation().count(), 5);
}

#[test]
fn maximum_duration_in_months() {
    let first = d(2027, 1, 1);
    let request = |n| {
        PlanRequest::new(
            debt("2400.00 EUR"),
            first,
            Frequency::MONTHLY,
            Sizing::Count(n),
        )
    };
    // The plan starts one period before the first due date: 24 monthly instalments fit in 24 months.
    assert!(request(24).max_duration_months(24).generate().is_ok());
    assert!(matches!(
        request(25).max_duration_months(24).generate(),
        Err(Error::InvalidCount { count: 25, max: 24 })
    ));
    // Weekly: 24 months from 25 December 2026 hold 105 Fridays from 1 January 2027.
    let weekly = PlanRequest::new(
        debt("2400.00 EUR"),
        first,
        Frequency::WEEKLY,
        Sizing::Amount(m("10.00 EUR")),
    )
    .max_duration_months(24);
    let err = weekly.generate().unwrap_err();
    assert!(err.to_string().contains("within 24 months"), "{err}");
    // With a down payment, the plan starts on its date.
    let plan = request(12)
        .down_payment(DownPayment::amount(m("1200.00 EUR"), d(2026, 12, 15)))
        .max_duration_months(12)
        .generate()
        .unwrap();
    assert_eq!(plan.derivation().limit(), Some(12));
    // A capacity that would need 25 months is refused with the amount needed.
    let err = PlanRequest::new(
        debt("2400.00 EUR"),
        first,
        Frequency::MONTHLY,
        capacity("99.00 EUR", CapacityShape::FullCapacity),
    )
    .max_duration_months(24)
    .generate()
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "99.00 EUR per period cannot repay 2400.00 EUR within 24 months; \
         at least 100.00 EUR per period is needed"
    );
}

#[test]
fn minimum_instalment() {
    let request = |n| monthly("300.00 EUR", Sizing::Count(n)).minimum_instalment(m("50.00 EUR"));
    assert_eq!(
        request(12).generate(),
        Err(Error::BelowMinimumInstalment {
            amount: m("25.00 EUR"),
            minimum: m("50.00 EUR"),
        })
    );
    assert!(request(6).generate().is_ok());
    // The remainder instalment may be smaller than the minimum: 30, 30, 30, 10.
    let plan = monthly("100.00 EUR", Sizing::Amount(m("30.00 EUR")))
        .minimum_instalment(m("30.00 EUR"))
        .generate()
        .unwrap();
    assert_eq!(
        amounts(&plan),
        ["30.00 EUR", "30.00 EUR", "30.00 EUR", "10.00 EUR"]
    );
}

#[test]
fn frequencies_and_their_dates() {
    let table = [
        (
            Frequency::WEEKLY,
            d(2027, 1, 1),
            ["2027-01-01", "2027-01-08", "2027-01-15", "2027-01-22"],
        ),
        (
            Frequency::EVERY_2_WEEKS,
            d(2027, 1, 1),
            ["2027-01-01", "2027-01-15", "2027-01-29", "2027-02-12"],
        ),
        (
            Frequency::EVERY_4_WEEKS,
            d(2027, 1, 1),
            ["2027-01-01", "2027-01-29", "2027-02-26", "2027-03-26"],
        ),
        (
            Frequency::every_days(10).unwrap(),
            d(2027, 2, 20),
            ["2027-02-20", "2027-03-02", "2027-03-12", "2027-03-22"],
        ),
        (
            Frequency::EVERY_2_MONTHS,
            d(2026, 12, 31),
            ["2026-12-31", "2027-02-28", "2027-04-30", "2027-06-30"],
        ),
        (
            Frequency::QUARTERLY,
            d(2027, 1, 31),
            ["2027-01-31", "2027-04-30", "2027-07-31", "2027-10-31"],
        ),
        (
            Frequency::HALF_YEARLY,
            d(2027, 8, 31),
            ["2027-08-31", "2028-02-29", "2028-08-31", "2029-02-28"],
        ),
        (
            Frequency::every_months(5).unwrap(),
            d(2027, 9, 30),
            ["2027-09-30", "2028-02-29", "2028-07-30", "2028-12-30"],
        ),
    ];
    for (frequency, first, expected) in table {
        let plan = PlanRequest::new(debt("400.00 EUR"), first, frequency, Sizing::Count(4))
            .generate()
            .unwrap();
        assert_eq!(dates(&plan), expected, "{frequency}");
        assert_eq!(plan.derivation().frequency(), frequency);
    }
}

#[test]
fn interest_follows_the_period() {
    // Weekly at 10 %: 5,200 × 10 % / 52 = 10.00 the first week; 5,100 × 10 % / 52 = 9.8077 → 9.81.
    let plan = PlanRequest::new(
        debt("5200.00 EUR"),
        d(2027, 1, 1),
        Frequency::WEEKLY,
        Sizing::Count(52),
    )
    .interest(Interest::EqualPrincipal("10%".parse().unwrap()))
    .generate()
    .unwrap();
    let interest: Vec<String> = plan.instalments()[..3]
        .iter()
        .map(|i| i.interest().to_string())
        .collect();
    assert_eq!(interest, ["10.00 EUR", "9.81 EUR", "9.62 EUR"]);
    // Every 10 days at 7.3 %: 10,000 × 7.3 % × 10 / 365 = 20.00.
    let plan = PlanRequest::new(
        debt("10000.00 EUR"),
        d(2027, 1, 1),
        Frequency::every_days(10).unwrap(),
        Sizing::Count(10),
    )
    .interest(Interest::Annuity("7.3%".parse().unwrap()))
    .generate()
    .unwrap();
    assert_eq!(plan.instalments()[0].interest(), m("20.00 EUR"));
    // Quarterly at 8 %: 2 % a quarter, 10,000 → 200.00.
    let plan = PlanRequest::new(
        debt("10000.00 EUR"),
        d(2027, 3, 31),
        Frequency::QUARTERLY,
        Sizing::Count(8),
    )
    .interest(Interest::Annuity("8%".parse().unwrap()))
    .generate()
    .unwrap();
    assert_eq!(plan.instalments()[0].interest(), m("200.00 EUR"));
}

#[test]
fn currencies_without_and_with_three_minor_digits() {
    let in_currency = |amount: &str, n| {
        PlanRequest::new(
            debt(amount),
            d(2027, 1, 25),
            Frequency::MONTHLY,
            Sizing::Count(n),
        )
    };
    check_table(vec![
        (
            "yen have no minor unit",
            in_currency("1000 JPY", 3),
            runs(&[(2, "333 JPY"), (1, "334 JPY")]),
        ),
        (
            "yen by capacity",
            PlanRequest::new(
                debt("100000 JPY"),
                d(2027, 1, 25),
                Frequency::MONTHLY,
                capacity("30000 JPY", CapacityShape::FullCapacity),
            ),
            runs(&[(3, "30000 JPY"), (1, "10000 JPY")]),
        ),
        (
            "dinars have millimes",
            in_currency("100.000 TND", 3),
            runs(&[(2, "33.333 TND"), (1, "33.334 TND")]),
        ),
        (
            "dinars in whole dinars",
            in_currency("100.000 TND", 3).step(m("1.000 TND")),
            runs(&[(2, "33.000 TND"), (1, "34.000 TND")]),
        ),
    ]);
    // PMT(1 %, 12, −1,000,000) = 88,848.79 → 88,849 yen; the first month's interest is 10,000.
    let plan = in_currency("1000000 JPY", 12)
        .interest(Interest::Annuity("12%".parse().unwrap()))
        .generate()
        .unwrap();
    assert_eq!(plan.currency(), Currency::JPY);
    assert_eq!(plan.instalments()[0].amount(), m("88849 JPY"));
    assert_eq!(plan.instalments()[0].interest(), m("10000 JPY"));
    // 10.25 % of 100.000 TND = 10.250 TND, to the millime.
    let debt = Debt::new(Currency::TND)
        .with_claim(Claim::new("F-1", m("100.000 TND")).unwrap())
        .unwrap();
    let plan = PlanRequest::new(debt, d(2027, 2, 1), Frequency::MONTHLY, Sizing::Count(2))
        .down_payment(DownPayment::percent(dec!(10.25), d(2027, 1, 1)))
        .generate()
        .unwrap();
    assert_eq!(amounts(&plan), ["10.250 TND", "44.875 TND", "44.875 TND"]);
}

#[test]
fn level_shape_does_not_apply_to_equal_principal_plans() {
    // Equal-principal instalments decline, so they cannot be level: asking for the level shape gives
    // the same plan as the full-capacity shape, and the derivation says neither shape applies.
    let request = |shape| {
        monthly("1200.00 EUR", capacity("250.00 EUR", shape))
            .interest(Interest::EqualPrincipal("12%".parse().unwrap()))
    };
    let level = request(CapacityShape::Level).generate().unwrap();
    let full = request(CapacityShape::FullCapacity).generate().unwrap();
    assert_eq!(level.instalments(), full.instalments());
    assert_eq!(level.derivation().shape(), None);
    assert_eq!(
        level.derivation().sizing(),
        capacity("250.00 EUR", CapacityShape::Level)
    );
    let text = level.derivation().to_string();
    assert!(
        text.contains("decline by nature, so the level shape does not apply"),
        "{text}"
    );
    assert!(!text.contains("not possible in steps"), "{text}");
}

#[test]
fn explanations_count_one_instalment_in_the_singular() {
    // "1 instalments were asked for", "1 instalments fall due by …" read badly to a debtor.
    let one = PlanRequest::new(
        debt("600.00 EUR"),
        d(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(1),
    )
    .generate()
    .unwrap();
    assert!(one
        .derivation()
        .to_string()
        .contains("\n1 instalment was asked for.\n"));
    let by_end = PlanRequest::new(
        debt("600.00 EUR"),
        d(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::EndDate(d(2027, 2, 15)),
    )
    .max_instalments(24)
    .generate()
    .unwrap();
    let text = by_end.derivation().to_string();
    // A limit goes inside the sentence it qualifies, before its full stop.
    assert!(
        text.contains("\n1 instalment falls due by 2027-02-15 (at most 24 allowed).\n"),
        "{text}"
    );
    let capacity = PlanRequest::new(
        debt("600.00 EUR"),
        d(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Capacity {
            capacity: m("5000.00 EUR"),
            shape: CapacityShape::FullCapacity,
        },
    )
    .generate()
    .unwrap();
    assert!(capacity
        .derivation()
        .to_string()
        .contains("1 instalment never asks more than the capacity"));
}

/// Two requests on which the independent reference (`scripts/reference/`) once found the crate
/// doing other than its documentation says (kept in `tests/golden/differential/`).
#[test]
fn capacity_sizing_keeps_its_promises_where_rounding_pushes_against_them() {
    // 300.00 at 6 % within 28.00 a month, level shape: 12 level instalments of 25.82 would end on
    // 25.83, above the others (each row's interest rounded to the cent), so the plan takes the
    // full-capacity shape: 11 × 28.00 and 1.11 (1.10 of principal and 0.01 of interest).
    let level = monthly("300.00 EUR", capacity("28.00 EUR", CapacityShape::Level))
        .interest(Interest::Annuity("6%".parse().unwrap()))
        .generate()
        .unwrap();
    assert_eq!(
        amounts(&level),
        [runs(&[(11, "28.00 EUR")]), vec!["1.11 EUR".to_owned()]].concat()
    );
    assert_eq!(
        level.derivation().shape(),
        Some(CapacityShape::FullCapacity)
    );
    // 1,500.00 at 6 % in equal principal parts on a step of 5.00 within 15.00 a month: the first
    // count that fits is 299 (principal parts of 5.00, the last 10.00), not the estimate of 200 (nor
    // anything within 64 counts of it); the first instalment is 5.00 + 7.50 of interest.
    let coarse = |sizing| {
        monthly("1500.00 EUR", sizing)
            .interest(Interest::EqualPrincipal("6%".parse().unwrap()))
            .step(m("5.00 EUR"))
    };
    let plan = coarse(capacity("15.00 EUR", CapacityShape::FullCapacity))
        .generate()
        .unwrap();
    assert_eq!(plan.instalments().len(), 299);
    assert_eq!(plan.instalments()[0].amount(), m("12.50 EUR"));
    assert!(plan
        .instalments()
        .iter()
        .all(|i| i.amount() <= m("15.00 EUR")));
    // The fewest: one count fewer asks more than 15.00 in some period.
    let fewer = coarse(Sizing::Count(298)).generate().unwrap();
    assert!(fewer
        .instalments()
        .iter()
        .any(|i| i.amount() > m("15.00 EUR")));
    // Where no count can be split on the step (51.70 in steps of 100.00, rounded down), the step is
    // named, not a capacity that is in fact enough.
    let err = PlanRequest::new(
        debt("51.70 EUR"),
        d(2027, 1, 5),
        Frequency::MONTHLY,
        capacity("100.00 EUR", CapacityShape::FullCapacity),
    )
    .interest(Interest::EqualPrincipal("0.24%".parse().unwrap()))
    .step(m("100.00 EUR"))
    .rounding(Rounding::Down)
    .generate()
    .unwrap_err();
    assert!(matches!(err, Error::Unsplittable { count: 1, .. }), "{err}");
}

/// A level amount exactly on a unit is rounded as it is, not as the last of its 28 digits falls:
/// 252.420 TND at 10 % over 6 months, the interest of the first 5 deferred to the sixth, is
/// exactly 43.272 a month (the exact fractions of the differential reference: 5409/125). Rounded
/// up, its approximation 43.2720…01 gave 43.273. The sixth instalment pays the rest of the
/// principal and the interest deferred, each period's rounded with the plan's rounding: 43.275
/// rounded up, 43.269 down, 43.273 half up, 43.272 half even.
#[test]
fn an_exact_level_amount_is_rounded_as_it_is() {
    for (rounding, last) in [
        (Rounding::Up, "43.275 TND"),
        (Rounding::Down, "43.269 TND"),
        (Rounding::HalfUp, "43.273 TND"),
        (Rounding::HalfEven, "43.272 TND"),
    ] {
        let plan = PlanRequest::new(
            debt("252.420 TND"),
            d(2024, 11, 2),
            Frequency::MONTHLY,
            Sizing::Count(6),
        )
        .interest(Interest::Annuity("10%".parse().unwrap()))
        .deferred_interest_grace(5)
        .rounding(rounding)
        .generate()
        .unwrap();
        assert_eq!(
            amounts(&plan),
            runs(&[(5, "43.272 TND"), (1, last)]),
            "rounded {rounding:?}"
        );
    }
}
