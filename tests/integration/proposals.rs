//! Ranked proposals: hand-computed scenarios, then the properties every set of options keeps
//! (each option respects the capacity and the policy, the options come in the documented order).

use chrono::{Days, Months, NaiveDate};
use echeancier::{
    AnnualRate, Claim, CreditorPolicy, Currency, Debt, Error, Fee, InstalmentKind, Interest,
    MaxDuration, Money, Omission, Percent, ProposalKind, ProposalRequest, Proposals, RiskTier,
    SettlementDiscount,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::{amounts, d, debt, m, times};

/// The quickstart's debt: three invoices and 3 × 40.00 of recovery compensation, 4,850.00 in all.
fn invoices() -> Debt {
    Debt::new(Currency::EUR)
        .with_claim(Claim::new("F-2026-0418", m("1850.00 EUR")).unwrap())
        .unwrap()
        .with_claim(Claim::new("F-2026-0502", m("1620.00 EUR")).unwrap())
        .unwrap()
        .with_claim(Claim::new("F-2026-0611", m("1260.00 EUR")).unwrap())
        .unwrap()
        .with_fee(Fee::new("recovery compensation", m("120.00 EUR")).unwrap())
        .unwrap()
}

fn propose(debt: Debt, capacity: &str, policy: CreditorPolicy) -> Proposals {
    ProposalRequest::new(debt, m(capacity), d(2027, 1, 5), d(2027, 2, 5), policy)
        .propose()
        .unwrap()
}

fn kinds(proposals: &Proposals) -> Vec<ProposalKind> {
    proposals.options().iter().map(|o| o.kind()).collect()
}

fn reason(proposals: &Proposals, kind: ProposalKind) -> Omission {
    proposals
        .omitted()
        .iter()
        .find(|o| o.kind() == kind)
        .unwrap()
        .reason()
}

#[test]
fn four_options_for_a_household_that_can_pay_400_a_month() {
    let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD)
        .with_settlement(SettlementDiscount::percent("5%".parse().unwrap(), 15));
    let proposals = propose(invoices(), "400.00 EUR", policy);
    assert_eq!(
        kinds(&proposals),
        [
            ProposalKind::Settlement,
            ProposalKind::Shortest,
            ProposalKind::Comfortable,
            ProposalKind::Longest
        ]
    );
    assert!(proposals.omitted().is_empty());

    // 5 % of 4,850.00 = 242.50 off; 4,607.50 to pay within 15 days of 5 January.
    let settlement = proposals.option(ProposalKind::Settlement).unwrap();
    assert_eq!(settlement.discount(), m("242.50 EUR"));
    assert_eq!(settlement.total_paid(), m("4607.50 EUR"));
    assert_eq!(settlement.end_date(), d(2027, 1, 20));
    assert_eq!(settlement.capacity_share(), None);

    // 12 × 400.00 + 50.00, the last on 5 February 2028.
    let shortest = proposals.option(ProposalKind::Shortest).unwrap();
    let mut expected = times(12, "400.00 EUR");
    expected.push("50.00 EUR".to_owned());
    assert_eq!(amounts(shortest.schedule().unwrap()), expected);
    assert_eq!(shortest.end_date(), d(2028, 2, 5));
    assert_eq!(shortest.capacity_share(), Some("100%".parse().unwrap()));

    // 75 % of 400.00 = 300.00 available; ⌈4850 / 300⌉ = 17 level instalments:
    // 16 × 285.30 = 4,564.80, and 285.20 last. 285.30 / 400.00 = 71.325 % → 71.33 %.
    let comfortable = proposals.option(ProposalKind::Comfortable).unwrap();
    let mut expected = times(16, "285.30 EUR");
    expected.push("285.20 EUR".to_owned());
    assert_eq!(amounts(comfortable.schedule().unwrap()), expected);
    assert_eq!(comfortable.available(), Some(m("300.00 EUR")));
    assert_eq!(
        comfortable.capacity_share(),
        Some("71.33%".parse().unwrap())
    );
    assert_eq!(comfortable.end_date(), d(2028, 6, 5));

    // 24 monthly dates from 5 February 2027 to 5 January 2029: 4850 / 24 = 202.0833 → 23 × 202.08
    // = 4,647.84 and 202.16 last. 202.16 / 400 = 50.54 %.
    let longest = proposals.option(ProposalKind::Longest).unwrap();
    let mut expected = times(23, "202.08 EUR");
    expected.push("202.16 EUR".to_owned());
    assert_eq!(amounts(longest.schedule().unwrap()), expected);
    assert_eq!(longest.end_date(), d(2029, 1, 5));
    assert_eq!(longest.largest_instalment(), m("202.16 EUR"));
    assert_eq!(longest.capacity_share(), Some("50.54%".parse().unwrap()));
}

#[test]
fn nothing_is_affordable_when_the_capacity_cannot_repay_within_the_legal_maximum() {
    let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD);
    let proposals = propose(debt("9000.00 EUR"), "120.00 EUR", policy);
    assert!(proposals.options().is_empty());
    // 9,000.00 over 24 months needs 375.00 a month, against 120.00 (and 90.00 for comfort).
    assert_eq!(
        reason(&proposals, ProposalKind::Settlement),
        Omission::NotOffered
    );
    assert_eq!(
        reason(&proposals, ProposalKind::Shortest),
        Omission::Unaffordable {
            needed: m("375.00 EUR"),
            available: m("120.00 EUR")
        }
    );
    assert_eq!(
        reason(&proposals, ProposalKind::Comfortable),
        Omission::Unaffordable {
            needed: m("375.00 EUR"),
            available: m("90.00 EUR")
        }
    );
    assert_eq!(
        reason(&proposals, ProposalKind::Longest),
        Omission::Unaffordable {
            needed: m("375.00 EUR"),
            available: m("120.00 EUR")
        }
    );
}

#[test]
fn the_over_indebtedness_maximum_makes_the_same_debt_affordable() {
    // 84 months: 9000 / 84 = 107.142857 → 83 × 107.14 = 8,892.62 and 107.38 last, under 120.00.
    let policy = CreditorPolicy::new(MaxDuration::FRANCE_OVER_INDEBTEDNESS);
    let proposals = propose(debt("9000.00 EUR"), "120.00 EUR", policy);
    let longest = proposals.option(ProposalKind::Longest).unwrap();
    assert_eq!(longest.instalment_count(), 84);
    assert_eq!(longest.largest_instalment(), m("107.38 EUR"));
    // 9000 / 120 = 75 instalments at full capacity.
    assert_eq!(
        proposals
            .option(ProposalKind::Shortest)
            .unwrap()
            .instalment_count(),
        75
    );
    // 90.00 a month would need 100 months, beyond 84.
    assert_eq!(
        reason(&proposals, ProposalKind::Comfortable),
        Omission::Unaffordable {
            needed: m("107.15 EUR"),
            available: m("90.00 EUR")
        }
    );
}

#[test]
fn zero_capacity_leaves_only_the_settlement() {
    let policy = CreditorPolicy::new(MaxDuration::months_of(12))
        .with_settlement(SettlementDiscount::amount(m("100.00 EUR"), 30));
    let proposals = propose(debt("1000.00 EUR"), "0.00 EUR", policy);
    assert_eq!(kinds(&proposals), [ProposalKind::Settlement]);
    assert_eq!(proposals.options()[0].total_paid(), m("900.00 EUR"));
    for kind in [
        ProposalKind::Shortest,
        ProposalKind::Comfortable,
        ProposalKind::Longest,
    ] {
        assert_eq!(reason(&proposals, kind), Omission::NoCapacity);
    }
}

#[test]
fn the_longest_plan_keeps_to_the_minimum_instalment() {
    // 24 instalments would be 25.00, below the 50.00 minimum: 12 × 50.00 instead.
    let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD)
        .with_minimum_instalment(m("50.00 EUR"));
    let proposals = propose(debt("600.00 EUR"), "400.00 EUR", policy);
    let longest = proposals.option(ProposalKind::Longest).unwrap();
    assert_eq!(amounts(longest.schedule().unwrap()), times(12, "50.00 EUR"));
    // Shortest 400 + 200; comfortable 2 × 300.
    assert_eq!(
        amounts(
            proposals
                .option(ProposalKind::Shortest)
                .unwrap()
                .schedule()
                .unwrap()
        ),
        ["400.00 EUR", "200.00 EUR"]
    );
    assert_eq!(
        amounts(
            proposals
                .option(ProposalKind::Comfortable)
                .unwrap()
                .schedule()
                .unwrap()
        ),
        ["300.00 EUR", "300.00 EUR"]
    );
}

#[test]
fn a_capacity_below_the_minimum_instalment_is_left_out_with_both_figures() {
    let policy =
        CreditorPolicy::new(MaxDuration::months_of(24)).with_minimum_instalment(m("50.00 EUR"));
    let proposals = propose(debt("600.00 EUR"), "40.00 EUR", policy);
    assert_eq!(
        reason(&proposals, ProposalKind::Shortest),
        Omission::BelowMinimum {
            amount: m("40.00 EUR"),
            minimum: m("50.00 EUR")
        }
    );
}

#[test]
fn an_option_that_repeats_another_is_left_out() {
    // 300.00 is paid in one instalment at full capacity and at 75 % of it alike.
    let policy = CreditorPolicy::new(MaxDuration::months_of(6));
    let proposals = propose(debt("300.00 EUR"), "400.00 EUR", policy);
    assert_eq!(
        kinds(&proposals),
        [ProposalKind::Shortest, ProposalKind::Longest]
    );
    assert_eq!(
        reason(&proposals, ProposalKind::Comfortable),
        Omission::SameAs(ProposalKind::Shortest)
    );
    assert_eq!(
        proposals
            .option(ProposalKind::Longest)
            .unwrap()
            .instalment_count(),
        6
    );
}

#[test]
fn a_high_risk_debtor_pays_down_first() {
    let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD)
        .with_down_payment_from(RiskTier::Medium, "10%".parse().unwrap())
        .with_down_payment_from(RiskTier::High, "20%".parse().unwrap());
    let request = |tier| {
        ProposalRequest::new(
            invoices(),
            m("400.00 EUR"),
            d(2027, 1, 5),
            d(2027, 2, 5),
            policy.clone(),
        )
        .with_risk_tier(tier)
        .propose()
        .unwrap()
    };
    let low = request(RiskTier::Low);
    assert_eq!(low.down_payment(), None);
    assert_eq!(low.options()[0].down_payment(), None);

    // 20 % of 4,850.00 = 970.00 on the agreement date; 3,880.00 = 9 × 400.00 + 280.00 after it.
    let high = request(RiskTier::High);
    assert_eq!(high.down_payment(), Some("20%".parse().unwrap()));
    let shortest = high.option(ProposalKind::Shortest).unwrap();
    assert_eq!(shortest.down_payment(), Some(m("970.00 EUR")));
    let schedule = shortest.schedule().unwrap();
    assert_eq!(
        schedule.instalments()[0].kind(),
        InstalmentKind::DownPayment
    );
    assert_eq!(schedule.instalments()[0].due_date(), d(2027, 1, 5));
    assert_eq!(shortest.instalment_count(), 11);
    assert_eq!(shortest.largest_instalment(), m("400.00 EUR"));
}

#[test]
fn with_interest_the_longer_plans_cost_more() {
    // The reference annuity: 10,000.00 at 5 % over 36 months is 35 × 299.71 + 299.69.
    let policy = CreditorPolicy::new(MaxDuration::months_of(48))
        .with_interest(Interest::Annuity("5%".parse().unwrap()));
    let proposals = propose(debt("10000.00 EUR"), "299.71 EUR", policy);
    let shortest = proposals.option(ProposalKind::Shortest).unwrap();
    assert_eq!(shortest.instalment_count(), 36);
    assert_eq!(shortest.interest(), m("789.54 EUR"));
    let longest = proposals.option(ProposalKind::Longest).unwrap();
    assert_eq!(longest.instalment_count(), 48);
    assert!(longest.interest() > shortest.interest());
    assert_eq!(
        longest.total_paid(),
        m("10000.00 EUR").checked_add(longest.interest()).unwrap()
    );
}

#[test]
fn bad_input_is_an_error_that_names_the_value() {
    let policy = CreditorPolicy::new(MaxDuration::months_of(12));
    let err = ProposalRequest::new(
        debt("100.00 EUR"),
        m("10.00 USD"),
        d(2027, 1, 5),
        d(2027, 2, 5),
        policy.clone(),
    )
    .propose()
    .unwrap_err();
    assert!(matches!(err, Error::WrongCurrency { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "the capacity is in USD, but the request is in EUR"
    );

    let err = ProposalRequest::new(
        debt("100.00 EUR"),
        m("10.00 EUR"),
        d(2027, 2, 5),
        d(2027, 2, 5),
        policy.clone(),
    )
    .propose()
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the first due date (2027-02-05) must come after the agreement date (2027-02-05)"
    );

    let err = ProposalRequest::new(
        debt("100.00 EUR"),
        m("10.00 EUR"),
        d(2027, 1, 5),
        d(2027, 2, 5),
        CreditorPolicy::new(MaxDuration::months_of(0)),
    )
    .propose()
    .unwrap_err();
    assert!(
        matches!(err, Error::InvalidMonths { months: 0, .. }),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "the maximum duration of a plan, 0 months, is outside the accepted range 1 to 1200 months"
    );

    let err = ProposalRequest::new(
        debt("100.00 EUR"),
        m("10.00 EUR"),
        d(2027, 1, 5),
        d(2027, 2, 5),
        policy.with_settlement(SettlementDiscount::amount(m("100.00 EUR"), 10)),
    )
    .propose()
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a reduction of 100.00 EUR is not smaller than the 100.00 EUR it applies to"
    );
}

// ---------------------------------------------------------------------------------------------
// Properties

#[derive(Debug, Clone)]
pub(crate) struct Case {
    debt_cents: i64,
    capacity_cents: i64,
    months: u32,
    rate: Option<u32>,
    minimum_cents: Option<i64>,
    settlement: Option<u32>,
    tier: RiskTier,
    down_percent: Option<u32>,
    comfortable: u32,
}

pub(crate) fn case() -> impl Strategy<Value = Case> {
    (
        prop_oneof![1..=100_000i64, 1..=1_000_000_000i64],
        prop_oneof![Just(0i64), 1..=50_000i64, 1..=10_000_000i64],
        1u32..=120,
        prop::option::of(0u32..=2_000),
        prop::option::of(1..=20_000i64),
        prop::option::of(0u32..=50),
        prop::sample::select(vec![RiskTier::Low, RiskTier::Medium, RiskTier::High]),
        prop::option::of(1u32..=50),
        1u32..=100,
    )
        .prop_map(
            |(
                debt_cents,
                capacity_cents,
                months,
                rate,
                minimum_cents,
                settlement,
                tier,
                down_percent,
                comfortable,
            )| Case {
                debt_cents,
                capacity_cents,
                months,
                rate,
                minimum_cents,
                settlement,
                tier,
                down_percent,
                comfortable,
            },
        )
}

fn eur(cents: i64) -> Money {
    Money::from_minor(cents, Currency::EUR).unwrap()
}

pub(crate) fn policy_of(case: &Case) -> CreditorPolicy {
    let mut policy = CreditorPolicy::new(MaxDuration::months_of(case.months))
        .with_comfortable_share(Percent::new(case.comfortable.into()).unwrap());
    if let Some(basis_points) = case.rate {
        let rate =
            AnnualRate::from_percent(rust_decimal::Decimal::new(basis_points.into(), 2)).unwrap();
        policy = policy.with_interest(Interest::Annuity(rate));
    }
    if let Some(minimum) = case.minimum_cents {
        policy = policy.with_minimum_instalment(eur(minimum));
    }
    if let Some(percent) = case.settlement {
        policy = policy.with_settlement(SettlementDiscount::percent(
            Percent::new(percent.into()).unwrap(),
            10,
        ));
    }
    if let Some(percent) = case.down_percent {
        policy =
            policy.with_down_payment_from(RiskTier::Medium, Percent::new(percent.into()).unwrap());
    }
    policy
}

const AGREED: (i32, u32, u32) = (2027, 1, 31);
const FIRST_DUE: (i32, u32, u32) = (2027, 2, 28);

pub(crate) fn run(case: &Case) -> Result<Proposals, Error> {
    let (y, mo, da) = AGREED;
    let (fy, fm, fd) = FIRST_DUE;
    ProposalRequest::new(
        Debt::single(Claim::new("F-1", eur(case.debt_cents)).unwrap()),
        eur(case.capacity_cents),
        d(y, mo, da),
        d(fy, fm, fd),
        policy_of(case),
    )
    .with_risk_tier(case.tier)
    .propose()
}

/// The only error a well-formed random case may meet: a plan whose interest overflows.
fn acceptable(err: &Error) -> bool {
    matches!(err, Error::Overflow { .. })
}

proptest! {
    #[test]
    fn every_option_respects_the_capacity_and_the_policy(case in case()) {
        let proposals = match run(&case) {
            Ok(p) => p,
            Err(e) if acceptable(&e) => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(format!("unexpected error: {e}"))),
        };
        // Every explanation in French follows the crate's French typography, and names no option
        // in English.
        let french = proposals.explain(echeancier::Language::French);
        let faults = crate::typography_faults(&french);
        prop_assert!(faults.is_empty(), "{:?}", faults);
        prop_assert!(!french.contains("Shortest") && !french.contains("Longest"), "{}", french);
        let capacity = eur(case.capacity_cents);
        let (y, mo, da) = AGREED;
        let (fy, fm, fd) = FIRST_DUE;
        let agreed = d(y, mo, da);
        let first_due = d(fy, fm, fd);
        // A down payment is asked of a medium or high risk, unless its share of the debt rounds
        // (half up, the policy's rounding) to nothing: 1 % of 0.01 asks for nothing (found by a
        // 20,000-case run).
        let down_required = case.tier >= RiskTier::Medium
            && case.down_percent.is_some_and(|p| case.debt_cents * i64::from(p) >= 50);
        let start: NaiveDate = if down_required { agreed } else { first_due.checked_sub_months(Months::new(1)).unwrap() };
        let end = start.checked_add_months(Months::new(case.months)).unwrap();
        for option in proposals.options() {
            if let Some(schedule) = option.schedule() {
                let regular: Vec<_> = schedule
                    .instalments()
                    .iter()
                    .filter(|i| i.kind() == InstalmentKind::Regular)
                    .collect();
                prop_assert!(regular.iter().all(|i| i.amount() <= capacity), "{option:?}");
                if let Some(available) = option.available() {
                    prop_assert!(regular.iter().all(|i| i.amount() <= available));
                }
                prop_assert!(option.end_date() <= end, "{} after {end}", option.end_date());
                if let Some(minimum) = case.minimum_cents {
                    let minimum = eur(minimum);
                    let (_, before_last) = regular.split_last().unwrap();
                    prop_assert!(before_last.iter().all(|i| i.amount() >= minimum));
                }
                prop_assert_eq!(option.down_payment().is_some(), down_required);
                prop_assert_eq!(
                    option.total_paid(),
                    eur(case.debt_cents).checked_add(option.interest()).unwrap()
                );
                let share = option.capacity_share().unwrap();
                prop_assert!(share <= Percent::HUNDRED);
            } else {
                prop_assert_eq!(option.kind(), ProposalKind::Settlement);
                prop_assert_eq!(
                    option.total_paid().checked_add(option.discount()).unwrap(),
                    eur(case.debt_cents)
                );
                prop_assert!(option.discount() < eur(case.debt_cents));
                prop_assert_eq!(option.end_date(), agreed.checked_add_days(Days::new(10)).unwrap());
            }
        }
    }

    #[test]
    fn options_come_in_the_documented_order_and_each_kind_once(case in case()) {
        let Ok(proposals) = run(&case) else { return Ok(()) };
        let offered: Vec<_> = proposals.options().iter().map(|o| o.kind()).collect();
        prop_assert!(offered.windows(2).all(|w| w[0] < w[1]), "{offered:?}");
        let left_out: Vec<_> = proposals.omitted().iter().map(|o| o.kind()).collect();
        prop_assert!(left_out.windows(2).all(|w| w[0] < w[1]), "{left_out:?}");
        let mut all: Vec<_> = offered.iter().chain(&left_out).copied().collect();
        all.sort();
        prop_assert_eq!(all, ProposalKind::ALL.to_vec());
        // Instalment options run from the fewest instalments to the most.
        let counts: Vec<_> = proposals
            .options()
            .iter()
            .filter(|o| o.schedule().is_some())
            .map(|o| o.instalment_count())
            .collect();
        prop_assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    }

    #[test]
    fn more_capacity_never_lengthens_the_shortest_plan(case in case(), extra in 1..=100_000i64) {
        let richer = Case { capacity_cents: case.capacity_cents + extra, ..case.clone() };
        let (Ok(before), Ok(after)) = (run(&case), run(&richer)) else { return Ok(()) };
        if let Some(before) = before.option(ProposalKind::Shortest) {
            let after = after.option(ProposalKind::Shortest);
            prop_assert!(after.is_some(), "a richer debtor lost the shortest plan");
            prop_assert!(after.unwrap().instalment_count() <= before.instalment_count());
        }
    }
}

#[test]
fn a_capacity_for_another_period_is_refused() {
    use echeancier::{Budget, BudgetLine, CapacityPolicy, Category, Frequency};
    let budget = Budget::new(Currency::EUR)
        .with_line(
            BudgetLine::new(
                "salary",
                Category::Salary,
                m("1800.00 EUR"),
                Frequency::MONTHLY,
            )
            .unwrap(),
        )
        .unwrap();
    let weekly = budget
        .capacity(&CapacityPolicy::new(), Frequency::WEEKLY)
        .unwrap();
    let err = ProposalRequest::from_capacity(
        debt("1000.00 EUR"),
        &weekly,
        d(2027, 1, 5),
        d(2027, 2, 5),
        CreditorPolicy::new(MaxDuration::months_of(12)),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the capacity is per week but the instalments fall due every month"
    );
}
