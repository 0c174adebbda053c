//! The integer fast path of generation gives bit-identical results to the `Decimal` computation
//! (`PlanRequest::generate_reference`), over random plans: amounts from one minor unit to
//! 1,000,000,000.00, rates from 0 to 100 % with up to 12 decimals (the finer ones leave the fast
//! path, which must then fall back), 1 to 1,200 instalments, every kind of frequency, every rounding,
//! steps, down payments, fees, every sizing rule and business-day rules, and the loan-engine options
//! (instalments at the start of each period, flat interest, the closest last instalment, a down
//! payment on the step, a balloon, a principal grace), and interest on actual days or a fixed year
//! and rate changes (which take the reference path on both sides). Errors must be equal too.
//!
//! "Bit-identical" compares the 16 bytes of every `Decimal` (sign, scale and mantissa), not only the
//! values, so that a `0.00` is not a `-0.00` and a `10.50` not a `10.5`.

use chrono::{Days, NaiveDate};
use echeancier::{
    AnnualRate, Balancing, Balloon, BrokenPeriod, BusinessDayRule, CapacityShape, Claim, Currency,
    DayCount, Debt, DownPayment, DownPaymentRounding, Fee, Frequency, HolidayCalendar,
    InstalmentTiming, Interest, InterestBasis, InterestMethod, Money, PlanRequest, RateChange,
    Remainder, Rounding, Schedule, Sizing, Stage, YearDays,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::m;

fn currency() -> impl Strategy<Value = Currency> {
    prop_oneof![
        4 => Just(Currency::EUR),
        1 => Just(Currency::JPY),
        1 => Just(Currency::TND),
        1 => Just(Currency::new("XTS", 6).unwrap()),
    ]
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        4 => prop::sample::select(vec![
            Frequency::WEEKLY,
            Frequency::EVERY_2_WEEKS,
            Frequency::EVERY_4_WEEKS,
            Frequency::MONTHLY,
            Frequency::EVERY_2_MONTHS,
            Frequency::QUARTERLY,
            Frequency::HALF_YEARLY,
            Frequency::YEARLY,
        ]),
        1 => (1u32..=60).prop_map(|n| Frequency::every_days(n).unwrap()),
        1 => (1u32..=24).prop_map(|n| Frequency::every_months(n).unwrap()),
        1 => prop::sample::select(vec![(1, 15), (15, 31), (16, 30), (5, 20)])
            .prop_map(|(a, b)| Frequency::semi_monthly(a, b).unwrap()),
    ]
}

/// 0 to 100 %, with 0 to 4 decimals usually and up to 12 sometimes.
fn rate() -> impl Strategy<Value = AnnualRate> {
    let decimals = prop_oneof![4 => 0u32..=4, 1 => 5u32..=12];
    decimals
        .prop_flat_map(|scale| (0i64..=100 * 10i64.pow(scale), Just(scale)))
        .prop_map(|(units, scale)| AnnualRate::from_percent(Decimal::new(units, scale)).unwrap())
}

fn interest() -> impl Strategy<Value = Interest> {
    prop_oneof![
        1 => Just(Interest::None),
        3 => rate().prop_map(Interest::Annuity),
        1 => rate().prop_map(Interest::EqualPrincipal),
    ]
}

#[derive(Debug, Clone, Copy)]
enum SizingSeed {
    Count(u32),
    /// An amount per period that repays the total in about `divisor` periods, plus `extra` units.
    Amount(i64, i64),
    Capacity(i64, i64, CapacityShape),
    EndDate(u64),
}

fn sizing_seed() -> impl Strategy<Value = SizingSeed> {
    let shape = prop_oneof![
        Just(CapacityShape::FullCapacity),
        Just(CapacityShape::Level)
    ];
    prop_oneof![
        3 => (1u32..=1200).prop_map(SizingSeed::Count),
        1 => (1i64..=1200, 0i64..=1000).prop_map(|(d, e)| SizingSeed::Amount(d, e)),
        2 => (1i64..=1200, 0i64..=1000, shape).prop_map(|(d, e, s)| SizingSeed::Capacity(d, e, s)),
        1 => (0u64..=7300).prop_map(SizingSeed::EndDate),
    ]
}

fn rounding() -> impl Strategy<Value = Rounding> {
    prop::sample::select(vec![
        Rounding::HalfUp,
        Rounding::HalfEven,
        Rounding::Down,
        Rounding::Up,
    ])
}

fn money(minor: i64, currency: Currency) -> Money {
    Money::from_minor(minor, currency).unwrap()
}

prop_compose! {
    fn plan_request()(
        currency in currency(),
        // 0.01 to 1,000,000,000.00 in major units (scaled to the currency below).
        major_cents in prop_oneof![1i64..=1_000_000, 1i64..=100_000_000_000],
        fee_cents in prop::option::weighted(0.2, 1i64..=100_000),
        first_due in (2000i32..=2100, 1u32..=12, 1u32..=28),
        frequency in frequency(),
        sizing in sizing_seed(),
        interest in interest(),
        rounding in rounding(),
        down in prop::option::weighted(0.2, (any::<bool>(), 1i64..=9999)),
        step in prop::option::weighted(0.2, (0u32..=4, any::<bool>())),
        // With the loan-engine options: start of period, flat interest, closest last instalment,
        // down payment on the step.
        (remainder_first, start, flat, closest_last, down_on_step, (balloon, grace, interest_grace, stage)) in (
            prop::bool::weighted(0.1),
            prop::bool::weighted(0.2),
            prop::bool::weighted(0.15),
            prop::bool::weighted(0.2),
            prop::bool::weighted(0.3),
            (
                prop::option::weighted(0.15, 1i64..=999),
                prop::option::weighted(0.15, 1u32..=6),
                prop::option::weighted(0.15, (0u32..=4, 0u32..=4)),
                prop::option::weighted(0.15, (1u32..=6, 1i64..=2000)),
            ),
        ),
        // Interest on actual days (or a fixed year) from an interest start, and a rate change:
        // both take the reference path, which this compares with itself through `generate`.
        (basis, days_before, change) in (
            prop::option::weighted(0.1, 0u8..6),
            prop::option::weighted(0.5, 1u64..=60),
            prop::option::weighted(0.1, (1u64..=400, 0i64..=3000)),
        ),
        business_days in prop::option::weighted(0.2, prop::sample::select(vec![
            BusinessDayRule::Following,
            BusinessDayRule::ModifiedFollowing,
            BusinessDayRule::Preceding,
        ])),
    ) -> PlanRequest {
        let scaled = |cents: i64| {
            let units = currency.minor_units();
            if units >= 2 { cents * 10i64.pow(units - 2) } else { (cents / 100).max(1) }
        };
        let mut debt = Debt::single(Claim::new("F-1", money(scaled(major_cents), currency)).unwrap());
        if let Some(cents) = fee_cents {
            debt = debt.with_fee(Fee::new("frais", money(scaled(cents), currency)).unwrap()).unwrap();
        }
        let total = debt.total().unwrap().to_minor().unwrap();
        let first_due = NaiveDate::from_ymd_opt(first_due.0, first_due.1, first_due.2).unwrap();
        // A semi-monthly plan starts on one of its days.
        let first_due = match frequency.days_of_month() {
            Some(_) => frequency.nth_date(first_due, 1).unwrap(),
            None => first_due,
        };
        let per_period = |divisor: i64, extra: i64| money(total / divisor + 1 + extra, currency);
        let sizing = match sizing {
            SizingSeed::Count(n) => Sizing::Count(n),
            SizingSeed::Amount(d, e) => Sizing::Amount(per_period(d, e)),
            SizingSeed::Capacity(d, e, shape) => Sizing::Capacity { capacity: per_period(d, e), shape },
            SizingSeed::EndDate(days) => Sizing::EndDate(first_due.checked_add_days(Days::new(days)).unwrap()),
        };
        let mut request = PlanRequest::new(debt, first_due, frequency, sizing)
            .interest(interest)
            .rounding(rounding);
        if let Some((by_amount, hundredths)) = down {
            let date = first_due.checked_sub_days(Days::new(10)).unwrap();
            let rounding = if down_on_step { DownPaymentRounding::Step } else { DownPaymentRounding::MinorUnit };
            request = request.down_payment(if by_amount {
                // In i128: a total of 10^15 minor units (XTS) times 9,999 leaves i64.
                let share = i64::try_from(i128::from(total) * i128::from(hundredths) / 10_000).unwrap();
                DownPayment::amount(money(share.max(1), currency), date)
            } else {
                DownPayment::percent(Decimal::new(hundredths, 2), date)
            }.rounding(rounding));
        }
        if start {
            request = request.timing(InstalmentTiming::Start);
        }
        if flat && matches!(interest, Interest::Annuity(_)) {
            request = request.interest_method(InterestMethod::Flat);
        }
        if closest_last {
            request = request.balancing(Balancing::ClosestLast);
        }
        if let Some(per_mille) = balloon {
            request = request.balloon(Balloon::Percent(Decimal::new(per_mille, 1)));
        }
        if let Some(periods) = grace {
            request = request.principal_grace(periods);
        }
        if let Some((free, deferred)) = interest_grace {
            request = request.interest_free_grace(free).deferred_interest_grace(deferred);
        }
        if let Some((count, per_ten_thousand)) = stage {
            let share = i64::try_from(i128::from(total) * i128::from(per_ten_thousand) / 10_000).unwrap();
            request = request.stages([Stage::new(count, money(share.max(1), currency))]);
        }
        if let Some((exponent, half)) = step {
            request = request.step(money(10i64.pow(exponent) * if half { 5 } else { 1 }, currency));
        }
        if remainder_first {
            request = request.remainder(Remainder::First);
        }
        if let Some(basis) = basis {
            request = request.interest_basis(match basis {
                0 => InterestBasis::ActualDays(DayCount::Actual365),
                1 => InterestBasis::ActualDays(DayCount::Actual360),
                2 => InterestBasis::ActualDays(DayCount::ActualActualIsda),
                3 => InterestBasis::ActualDays(DayCount::Thirty360),
                4 => InterestBasis::FixedYear(YearDays::Days360),
                _ => InterestBasis::FixedYear(YearDays::Days365),
            });
            if let (Some(days), true) = (days_before, basis < 4) {
                request = request.interest_from(first_due.checked_sub_days(Days::new(days)).unwrap());
            }
        }
        if let Some((days, basis_points)) = change {
            let rate = AnnualRate::from_percent(Decimal::new(basis_points, 2)).unwrap();
            request = request.rate_change(RateChange::new(first_due.checked_add_days(Days::new(days)).unwrap(), rate));
        }
        if let Some(rule) = business_days {
            request = request.business_days(rule, HolidayCalendar::France);
        }
        request
    }
}

fn hash_of(instalments: &[echeancier::Instalment]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    instalments.hash(&mut hasher);
    hasher.finish()
}

/// The 16 bytes of every amount of a schedule, in order.
fn bits(schedule: &Schedule) -> Vec<[u8; 16]> {
    let totals = schedule.totals();
    let why = schedule.derivation();
    let mut all: Vec<Money> = Vec::new();
    for i in schedule.instalments() {
        all.extend([
            i.amount(),
            i.principal(),
            i.interest(),
            i.fees(),
            i.balance_after(),
        ]);
    }
    all.extend([
        totals.amount(),
        totals.principal(),
        totals.interest(),
        totals.fees(),
    ]);
    all.extend([
        why.total_due(),
        why.financed(),
        why.regular_amount(),
        why.step(),
    ]);
    all.extend(why.down_payment());
    all.extend(why.remainder_amount());
    all.iter().map(|m| m.amount().serialize()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn fast_path_is_bit_identical_to_decimal(request in plan_request()) {
        match (request.generate(), request.generate_reference()) {
            (Ok(fast), Ok(reference)) => {
                prop_assert_eq!(bits(&fast), bits(&reference));
                // The fast path keeps its rows in minor units, the reference as `Money`: they
                // must still print, hash and serialise alike.
                prop_assert_eq!(format!("{fast:?}"), format!("{reference:?}"));
                prop_assert_eq!(hash_of(fast.instalments()), hash_of(reference.instalments()));
                #[cfg(feature = "serde")]
                prop_assert_eq!(
                    serde_json::to_string(&fast).unwrap(),
                    serde_json::to_string(&reference).unwrap()
                );
                prop_assert_eq!(fast, reference);
            }
            (Err(fast), Err(reference)) => prop_assert_eq!(fast, reference),
            (fast, reference) => prop_assert!(false, "fast {:?}, reference {:?}", fast, reference),
        }
    }

    /// `Debt::total` answers a single claim without adding: the same bits as the sums.
    #[test]
    fn debt_total_is_bit_identical_to_claims_plus_fees(
        currency in currency(),
        claims in prop::collection::vec(1i64..=1_000_000_000_000_000 / 1000, 1..=3),
        fees in prop::collection::vec(1i64..=1_000_000_000, 0..=2),
        trailing_zeros in 0u32..=3,
    ) {
        let mut debt = Debt::new(currency);
        for (i, minor) in claims.iter().enumerate() {
            // Also amounts written with more digits than the currency has (12.300 EUR).
            let amount = Decimal::new(minor * 10i64.pow(trailing_zeros), currency.minor_units() + trailing_zeros);
            let claim = Claim::new(format!("F-{i}"), Money::new(amount, currency).unwrap()).unwrap();
            debt = debt.with_claim(claim).unwrap();
        }
        for (i, minor) in fees.iter().enumerate() {
            let fee = Fee::new(format!("frais {i}"), money(*minor, currency)).unwrap();
            debt = debt.with_fee(fee).unwrap();
        }
        let total = debt.total().unwrap();
        let sums = debt.principal().unwrap().checked_add(debt.fees().unwrap()).unwrap();
        prop_assert_eq!(total.amount().serialize(), sums.amount().serialize());
        prop_assert_eq!(total, sums);
    }
}

/// The reference the issue measures: 10,000.00 EUR at 5 % over 36 months, both ways, every rounding.
#[test]
fn fast_path_matches_on_the_benchmark_plan() {
    for rounding in [
        Rounding::HalfUp,
        Rounding::HalfEven,
        Rounding::Down,
        Rounding::Up,
    ] {
        let request = PlanRequest::new(
            Debt::single(Claim::new("L", "10000.00 EUR".parse().unwrap()).unwrap()),
            NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
            Frequency::MONTHLY,
            Sizing::Count(36),
        )
        .interest(Interest::Annuity("5%".parse().unwrap()))
        .rounding(rounding);
        let fast = request.generate().unwrap();
        let reference = request.generate_reference().unwrap();
        assert_eq!(bits(&fast), bits(&reference), "{rounding:?}");
        assert_eq!(fast, reference);
    }
}

/// Generates `request` both ways and checks that they agree bit for bit (or fail alike); returns the
/// fast result.
fn both_ways(request: &PlanRequest) -> Result<Schedule, echeancier::Error> {
    match (request.generate(), request.generate_reference()) {
        (Ok(fast), Ok(reference)) => {
            assert_eq!(bits(&fast), bits(&reference), "{request:?}");
            assert_eq!(fast, reference);
            Ok(fast)
        }
        (Err(fast), Err(reference)) => {
            assert_eq!(fast, reference);
            Err(fast)
        }
        (fast, reference) => panic!("fast {fast:?}, reference {reference:?}"),
    }
}

const MODES: [Rounding; 4] = [
    Rounding::HalfUp,
    Rounding::HalfEven,
    Rounding::Down,
    Rounding::Up,
];

fn annuity(amount: &str, percent: &str, frequency: Frequency, n: u32) -> PlanRequest {
    PlanRequest::new(
        Debt::single(Claim::new("L", amount.parse().unwrap()).unwrap()),
        NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
        frequency,
        Sizing::Count(n),
    )
    .interest(Interest::Annuity(
        AnnualRate::from_percent(percent.parse().unwrap()).unwrap(),
    ))
}

/// Instalments that are exactly half a cent, or half a step: the integer bounds must leave them to
/// `Decimal`, whose rounding of the half decides.
#[test]
fn exact_half_instalments_are_rounded_as_decimal_rounds_them() {
    // 1,000.05 at 50 % a year, 2 yearly instalments: P·r·(1 + r)^2 / ((1 + r)^2 − 1)
    // = 1,000.05 × 0.5 × 2.25 / 1.25 = 900.045 exactly.
    let expected = ["900.05 EUR", "900.04 EUR", "900.04 EUR", "900.05 EUR"];
    for (mode, expected) in MODES.into_iter().zip(expected) {
        let request = annuity("1000.05 EUR", "50", Frequency::YEARLY, 2).rounding(mode);
        let plan = both_ways(&request).unwrap();
        assert_eq!(
            plan.derivation().regular_amount().to_string(),
            expected,
            "{mode:?}"
        );
    }
    // 100.00 at 50 % a year in one yearly instalment is 150.00: 1.5 steps of 100.00. Rounded up to
    // 200.00 it would repay more than is owed, so rounding falls back to down where it must.
    let step: Money = "100.00 EUR".parse().unwrap();
    for mode in MODES {
        let request = annuity("100.00 EUR", "50", Frequency::YEARLY, 1)
            .rounding(mode)
            .step(step);
        let _ = both_ways(&request);
    }
    // 0.01 at 50 % a year over one year is 0.015: half a cent.
    for mode in MODES {
        let _ = both_ways(&annuity("0.01 EUR", "50", Frequency::YEARLY, 1).rounding(mode));
    }
}

/// Tiny rates (10^−9 a month and around), a periodic rate of 100 %, one instalment and 1,200.
#[test]
fn fast_path_matches_at_the_edges_of_its_bounds() {
    // 0.0000012 % a year is 10^−9 a month; the neighbours fall just outside and just inside.
    let rates = [
        "0.0000012",
        "0.0000011",
        "0.0000013",
        "0.000012",
        "5",
        "100",
        "1000",
    ];
    let frequencies = [Frequency::MONTHLY, Frequency::YEARLY, Frequency::WEEKLY];
    let amounts = [
        "0.01 EUR",
        "1.00 EUR",
        "10000.00 EUR",
        "999999999.99 EUR",
        "12345 JPY",
    ];
    for percent in rates {
        for frequency in frequencies {
            for amount in amounts {
                for n in [1u32, 2, 36, 1200] {
                    for mode in MODES {
                        let request = annuity(amount, percent, frequency, n).rounding(mode);
                        let _ = both_ways(&request);
                    }
                }
            }
        }
    }
}

/// 100 % a year, yearly: a periodic rate of exactly 1, where `(1 + r)^n` doubles each period.
#[test]
fn a_periodic_rate_of_one_hundred_percent() {
    // 1,000.00 over 2 years at 100 %: 1,000 × 1 × 4 / 3 = 1,333.333...
    let plan = both_ways(&annuity("1000.00 EUR", "100", Frequency::YEARLY, 2)).unwrap();
    assert_eq!(crate::amounts(&plan), ["1333.33 EUR", "1333.34 EUR"]);
    // One instalment: the balance and one period's interest, 2,000.00.
    let plan = both_ways(&annuity("1000.00 EUR", "100", Frequency::YEARLY, 1)).unwrap();
    assert_eq!(crate::amounts(&plan), ["2000.00 EUR"]);
}

/// A plan whose regular amount, on a coarse step, leaves the first instalment nothing (or less) is
/// refused on both paths, the integer one and the `Decimal` one (past its bounds), as is a grace
/// whose instalments would pay nothing: no instalment of zero or below is ever made.
#[test]
fn instalments_of_nothing_are_refused_on_both_paths() {
    let plan = |total: &str, n: u32, step: &str| {
        PlanRequest::new(
            Debt::single(Claim::new("L", total.parse().unwrap()).unwrap()),
            NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
            Frequency::MONTHLY,
            Sizing::Count(n),
        )
        .step(step.parse().unwrap())
        .remainder(Remainder::First)
    };
    let unsplittable = |request: &PlanRequest| {
        let refused = both_ways(request).unwrap_err();
        assert!(
            matches!(refused, echeancier::Error::Unsplittable { .. }),
            "{refused:?}"
        );
    };
    // 12 × 8.33 on a step of 10.00 is 12 × 10.00: 11 of them leave the first 100 − 110 = −10.00.
    unsplittable(&plan("100.00 EUR", 12, "10.00 EUR"));
    // 110.00: 11 of 10.00 leave the first nothing.
    unsplittable(&plan("110.00 EUR", 12, "10.00 EUR"));
    // The same past the integer path's bounds (10^15 EUR financed): computed in `Decimal`.
    unsplittable(&plan(
        "10000000000000000.00 EUR",
        12,
        "1000000000000000.00 EUR",
    ));
    unsplittable(&plan(
        "11000000000000000.00 EUR",
        12,
        "1000000000000000.00 EUR",
    ));
    // At the integer path's largest amount financed, 1,200 instalments rounded up to a step of
    // 10^14 EUR: 1,199 of them are 1.2 × 10^19 cents, more than the integer path holds.
    unsplittable(
        &plan("1000000000000000.00 EUR", 1200, "100000000000000.00 EUR").rounding(Rounding::Up),
    );
    // Interest of 10^−9 a month on 1,000.00 is nothing: grace instalments of 0.00 are refused.
    let grace = annuity("1000.00 EUR", "0.0000012", Frequency::MONTHLY, 12).principal_grace(2);
    unsplittable(&grace);
}

/// A rate too small to show in 28 digits a period (10^−26 % a year is 8.3 × 10^−31 a month, 0 to
/// 28 digits) is a plan without interest, as rates a little larger give to the cent, on both
/// paths; it was refused as unsplittable, the level payment taken as the interest alone.
#[test]
fn a_rate_below_28_digits_a_period_repays_in_equal_parts() {
    for percent in [
        "0.00000000000000000000000001",
        "0.0000000000000000000000001",
    ] {
        let plan = both_ways(&annuity("1000.00 EUR", percent, Frequency::MONTHLY, 12)).unwrap();
        let mut expected = vec!["83.33 EUR"; 11];
        expected.push("83.37 EUR");
        assert_eq!(crate::amounts(&plan), expected, "{percent} %");
        assert!(plan.totals().interest().is_zero(), "{percent} %");
    }
}

/// 10^14 EUR at 1000 % a year in 16 yearly instalments: 11^16 = 45,949,729,863,572,161, so the
/// level payment is 10^15 × 11^16 / (11^16 − 1) = 10^15 + 0.0217…, a cent and a half above the
/// year's interest: 1,000,000,000,000,000.02 EUR. (1 + r)^n is computed by squaring, and the
/// square after the last one needed is past 28 digits: it must not be taken.
#[test]
fn a_payment_just_above_the_interest_is_computed_to_the_cent() {
    let plan = both_ways(&annuity(
        "100000000000000.00 EUR",
        "1000",
        Frequency::YEARLY,
        16,
    ))
    .unwrap();
    assert_eq!(
        plan.instalments()[0].amount().to_string(),
        "1000000000000000.02 EUR"
    );
    assert_eq!(
        plan.instalments()[0].interest().to_string(),
        "1000000000000000.00 EUR"
    );
}

fn monthly(total: &str, sizing: Sizing) -> PlanRequest {
    PlanRequest::new(
        crate::debt(total),
        crate::d(2027, 1, 31),
        Frequency::MONTHLY,
        sizing,
    )
}

fn percent(rate: &str) -> AnnualRate {
    AnnualRate::from_percent(rate.parse().unwrap()).unwrap()
}

/// Instalments of a given amount under flat interest: the fewest `n` with
/// `P + I(n) ≤ n × amount`, the flat interest `I(n)` of `n` periods rounded once. An amount that
/// does not exceed a period's interest never repays, and one that needs a single instalment more
/// than the limit is refused.
#[test]
fn flat_plans_sized_by_amount_take_the_fewest_instalments_that_repay() {
    let flat = |total: &str, rate: &str, amount: &str| {
        monthly(total, Sizing::Amount(m(amount)))
            .interest(Interest::Annuity(percent(rate)))
            .interest_method(InterestMethod::Flat)
    };
    // 1,000.00 at 12 % flat is 10.00 a month: 12 months repay 1,120.00, 11 × 100.00 and 20.00.
    let plan = both_ways(&flat("1000.00 EUR", "12", "100.00 EUR")).unwrap();
    let mut expected = vec!["100.00 EUR"; 11];
    expected.push("20.00 EUR");
    assert_eq!(crate::amounts(&plan), expected);
    assert_eq!(plan.totals().interest(), m("120.00 EUR"));
    // 10 × 110.00 is exactly 1,000.00 and 10 months' 100.00: the tenth instalment is a full one.
    let plan = both_ways(&flat("1000.00 EUR", "12", "110.00 EUR")).unwrap();
    assert_eq!(crate::amounts(&plan), vec!["110.00 EUR"; 10]);
    // At 10 %, 7 months' interest is 58.333… rounded to 58.33, and 7 × 151.19 = 1,058.33 exactly:
    // 7 instalments, where P / (151.19 − 8.333…) = 7.00001 would say 8 on the unrounded interest.
    // Sized by capacity, the same.
    let plan = both_ways(&flat("1000.00 EUR", "10", "151.19 EUR")).unwrap();
    assert_eq!(crate::amounts(&plan), vec!["151.19 EUR"; 7]);
    assert_eq!(plan.totals().interest(), m("58.33 EUR"));
    let capacity = monthly("1000.00 EUR", crate::full_capacity("151.19 EUR"))
        .interest(Interest::Annuity(percent("10")))
        .interest_method(InterestMethod::Flat);
    assert_eq!(
        crate::amounts(&both_ways(&capacity).unwrap()),
        vec!["151.19 EUR"; 7]
    );
    // One month's interest is 8.33: 1,008.33 repays in one instalment (the estimate says 2).
    let plan = both_ways(&flat("1000.00 EUR", "10", "1008.33 EUR")).unwrap();
    assert_eq!(crate::amounts(&plan), ["1008.33 EUR"]);
    // 10.00 a month only pays the month's interest.
    assert_eq!(
        both_ways(&flat("1000.00 EUR", "12", "10.00 EUR")).unwrap_err(),
        echeancier::Error::BelowPeriodicInterest {
            amount: m("10.00 EUR"),
            interest: m("10.00 EUR"),
        }
    );
    // 1,201.00 at 12 % flat with 13.01 a month: 12.01 of interest and 1.00 of principal, exactly
    // 1,201 instalments, one more than the limit of 1,200. A cent more a month repays in 1,190.
    let refused = both_ways(&flat("1201.00 EUR", "12", "13.01 EUR")).unwrap_err();
    assert!(
        matches!(refused, echeancier::Error::CapacityTooLow { .. }),
        "{refused:?}"
    );
    let plan = both_ways(&flat("1201.00 EUR", "12", "13.02 EUR")).unwrap();
    assert_eq!(plan.instalments().len(), 1190);
}

/// Instalments of a given amount after stages, at instalments at the start of each period, and
/// after a deferred-interest grace: each count is the one the rows walked one by one give.
#[test]
fn plans_sized_by_amount_count_the_instalments_their_rows_need() {
    // Without interest, 2 stages of 100.00 leave 800.00: 300.00, 300.00 and 200.00.
    let staged = monthly("1000.00 EUR", Sizing::Amount(m("300.00 EUR")))
        .stages([Stage::new(2, m("100.00 EUR"))]);
    assert_eq!(
        crate::amounts(&both_ways(&staged).unwrap()),
        [
            "100.00 EUR",
            "100.00 EUR",
            "300.00 EUR",
            "300.00 EUR",
            "200.00 EUR"
        ]
    );
    // 1,000.00 at 12 % (1 % a month), 95.00 at the start of each period: the first carries no
    // interest, the others 1 % of the balance; the rows, walked by hand, end with 5.84 in the
    // twelfth, 50.84 of interest in all. (Charged on the first instalment and none after, the
    // 1,010.00 would take eleven.)
    let start = monthly("1000.00 EUR", Sizing::Amount(m("95.00 EUR")))
        .interest(Interest::Annuity(percent("12")))
        .timing(InstalmentTiming::Start);
    let plan = both_ways(&start).unwrap();
    let mut expected = vec!["95.00 EUR"; 11];
    expected.push("5.84 EUR");
    assert_eq!(crate::amounts(&plan), expected);
    assert!(plan.instalments()[0].interest().is_zero());
    assert_eq!(plan.totals().interest(), m("50.84 EUR"));
    // The interest of the first 3 months deferred (10.00, 9.00 and 8.00, while 100.00 a month
    // repays principal) and paid with the fourth: eleven instalments, the last 58.38.
    let deferred = monthly("1000.00 EUR", Sizing::Amount(m("100.00 EUR")))
        .interest(Interest::Annuity(percent("12")))
        .deferred_interest_grace(3);
    let plan = both_ways(&deferred).unwrap();
    let mut expected = vec!["100.00 EUR"; 10];
    expected.push("58.38 EUR");
    assert_eq!(crate::amounts(&plan), expected);
    assert_eq!(plan.instalments()[3].interest(), m("34.00 EUR"));
    // 1,005.00 repays the principal in the first month, within the grace, but not the 10.00 it
    // defers.
    let too_much = monthly("1000.00 EUR", Sizing::Amount(m("1005.00 EUR")))
        .interest(Interest::Annuity(percent("12")))
        .deferred_interest_grace(3);
    let refused = both_ways(&too_much).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("within the deferred-interest grace"),
        "{refused}"
    );
}

/// An equal-principal plan after 3 stages of 100.00, sized by a capacity of 600.00: the search
/// starts below the stages' count (2 instalments would fit 1,000.00 at 1 % a month) and must look
/// on, past counts the stages leave nothing to, to 5: the stages, then 370.92 and 367.28.
#[test]
fn an_equal_principal_search_by_capacity_looks_past_the_stages() {
    let request = monthly("1000.00 EUR", crate::full_capacity("600.00 EUR"))
        .interest(Interest::EqualPrincipal(percent("12")))
        .stages([Stage::new(3, m("100.00 EUR"))]);
    assert_eq!(
        crate::amounts(&both_ways(&request).unwrap()),
        [
            "100.00 EUR",
            "100.00 EUR",
            "100.00 EUR",
            "370.92 EUR",
            "367.28 EUR"
        ]
    );
}

/// The closest last instalment keeps the plan's rounding on a tie: 100.01 in 2 is 50.01 and
/// 50.00 rounded half up, 50.00 and 50.01 rounded down, the same cent apart.
#[test]
fn the_closest_last_instalment_keeps_the_plan_s_rounding_on_a_tie() {
    let request = monthly("100.01 EUR", Sizing::Count(2)).balancing(Balancing::ClosestLast);
    assert_eq!(
        crate::amounts(&both_ways(&request).unwrap()),
        ["50.01 EUR", "50.00 EUR"]
    );
    let down = request.rounding(Rounding::Down);
    assert_eq!(
        crate::amounts(&both_ways(&down).unwrap()),
        ["50.00 EUR", "50.01 EUR"]
    );
}

/// Stages above the integer path's largest regular amount (10^15 minor units), on an amount
/// financed at its largest (10^17): computed in `Decimal`, and the same both ways.
#[test]
fn stages_past_the_integer_bounds_agree_both_ways() {
    for (rate, stage) in [
        ("12", "200000000000000.00 EUR"),
        ("12", "10000000000001.00 EUR"),
        ("100", "300000000000000.00 EUR"),
    ] {
        for sizing in [
            Sizing::Count(12),
            Sizing::Amount(m("90000000000000.00 EUR")),
        ] {
            let request = monthly("1000000000000000.00 EUR", sizing)
                .interest(Interest::Annuity(percent(rate)))
                .stages([Stage::new(3, m(stage))]);
            both_ways(&request).unwrap();
        }
    }
}

/// One instalment after a broken period of 62 days (actual/365, 12 %): 10,000.00 and the 203.84
/// of those days, whether the first instalment takes the broken period's interest or not. There
/// is no regular instalment to keep the principal part of.
#[test]
fn a_single_instalment_settles_a_broken_period_either_way() {
    let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
    for broken in [BrokenPeriod::Level, BrokenPeriod::FirstInstalment] {
        let request = PlanRequest::new(
            crate::debt("10000.00 EUR"),
            d(2027, 2),
            Frequency::MONTHLY,
            Sizing::Count(1),
        )
        .interest(Interest::Annuity(percent("12")))
        .interest_basis(InterestBasis::ActualDays(DayCount::Actual365))
        .interest_from(d(2026, 12))
        .broken_period(broken);
        let plan = both_ways(&request).unwrap();
        assert_eq!(crate::amounts(&plan), ["10203.84 EUR"], "{broken:?}");
        assert_eq!(plan.instalments()[0].interest(), m("203.84 EUR"));
    }
}

/// Equal principal sized by a capacity: the count found is the fewest whose first instalment fits,
/// up to the limit itself, and one fewer than the estimate when rounding lets it.
#[test]
fn equal_principal_by_capacity_takes_the_fewest_that_fit() {
    let ep = |capacity: &str| {
        monthly("1000.00 EUR", crate::full_capacity(capacity))
            .interest(Interest::EqualPrincipal(percent("12")))
    };
    // 110.00 a month: 100.00 of principal and the first month's 10.00, exactly 10 instalments, the
    // limit itself.
    let plan = both_ways(&ep("110.00 EUR").max_instalments(10)).unwrap();
    assert_eq!(plan.instalments().len(), 10);
    assert_eq!(plan.instalments()[0].amount(), m("110.00 EUR"));
    // 343.33: 1,000.00 / (343.33 − 10.00) is 3.00003, an estimate of 4; but a third of 1,000.00
    // is 333.33 rounded, and 333.33 + 10.00 fits: 3 instalments.
    let plan = both_ways(&ep("343.33 EUR")).unwrap();
    assert_eq!(
        crate::amounts(&plan),
        ["343.33 EUR", "340.00 EUR", "336.67 EUR"]
    );
}

/// A capacity that repays everything in one instalment gives the shape asked for, level or full.
#[test]
fn one_instalment_by_capacity_keeps_the_shape_asked_for() {
    for shape in [CapacityShape::Level, CapacityShape::FullCapacity] {
        let request = monthly(
            "1000.00 EUR",
            Sizing::Capacity {
                capacity: m("1500.00 EUR"),
                shape,
            },
        );
        let plan = both_ways(&request).unwrap();
        assert_eq!(crate::amounts(&plan), ["1000.00 EUR"]);
        assert_eq!(plan.derivation().shape(), Some(shape));
    }
}

/// The minimum instalment applies to the regular instalments: a principal grace's (the interest
/// alone) and a stepped plan's stages are below it by design.
#[test]
fn the_minimum_instalment_leaves_out_the_grace_and_the_stages() {
    // 12,000.00 at 6 % over 12 months, the first 2 paying the 60.00 of interest alone: the 10
    // others are 1,233.25 (within 1,000.00 and refused under 2,000.00, naming their amount).
    let grace = annuity("12000.00 EUR", "6", Frequency::MONTHLY, 12).principal_grace(2);
    let plan = both_ways(&grace.clone().minimum_instalment(m("1000.00 EUR"))).unwrap();
    assert_eq!(plan.instalments()[0].amount(), m("60.00 EUR"));
    assert_eq!(plan.instalments()[2].amount(), m("1233.25 EUR"));
    assert_eq!(
        both_ways(&grace.minimum_instalment(m("2000.00 EUR"))).unwrap_err(),
        echeancier::Error::BelowMinimumInstalment {
            amount: m("1233.25 EUR"),
            minimum: m("2000.00 EUR"),
        }
    );
    // 5,000.00 at 6 %, 3 stages of 100.00, then 9 instalments of 543.78 within 400.00.
    let staged = annuity("5000.00 EUR", "6", Frequency::MONTHLY, 12)
        .stages([Stage::new(3, m("100.00 EUR"))])
        .minimum_instalment(m("400.00 EUR"));
    let plan = both_ways(&staged).unwrap();
    assert_eq!(plan.instalments()[3].amount(), m("543.78 EUR"));
}
