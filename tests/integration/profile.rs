//! The payment-history profile: hand-checked histories (the arithmetic is in the comments), and its
//! invariants checked with proptest — the on-time ratio stays within 0 to 100 %, the most days late
//! is at least the average, paying later never lowers the tier, an on-time payment never worsens
//! the ratio or the tier, and the same history gives the same profile whatever its order.

use chrono::{Days, NaiveDate};
use echeancier::{
    Agreement, AgreementOutcome, Currency, Error, Money, OverdueItem, PartialPayment,
    PaymentHistory, Profile, ProfileRules, RiskTier, TierReason, Trend,
};
use proptest::prelude::*;

use crate::{d, m};

// The public types of the profile, with the traits a caller can rely on.
const _: () = {
    const fn everywhere<T: Send + Sync + Unpin + Clone + core::fmt::Debug + PartialEq + 'static>() {
    }
    const fn copy_eq_hash<T: Copy + Eq + core::hash::Hash>() {}
    const fn display<T: core::fmt::Display>() {}
    everywhere::<Agreement>();
    everywhere::<AgreementOutcome>();
    everywhere::<PaymentHistory>();
    everywhere::<ProfileRules>();
    everywhere::<Profile>();
    everywhere::<Trend>();
    everywhere::<TierReason>();
    everywhere::<RiskTier>();
    copy_eq_hash::<AgreementOutcome>();
    copy_eq_hash::<ProfileRules>();
    copy_eq_hash::<Trend>();
    copy_eq_hash::<TierReason>();
    copy_eq_hash::<RiskTier>();
    display::<Profile>();
    display::<Trend>();
    display::<TierReason>();
    display::<AgreementOutcome>();
};

/// 250.00 EUR due on `due`, paid in full on `paid` if given.
fn instalment(number: u32, due: NaiveDate, paid: Option<NaiveDate>) -> OverdueItem {
    let item = OverdueItem::new(format!("plan 7 / {number:02}"), due, m("250.00 EUR")).unwrap();
    match paid {
        Some(date) => item.paid_on(date).unwrap(),
        None => item,
    }
}

/// Twelve monthly instalments of 250.00 EUR due on the 5th, July 2024 to June 2025:
///
/// | # | due | paid | days late | on time (5 days) | missed (30 days) |
/// |---|---|---|---|---|---|
/// | 1 | 2024-07-05 | 07-03 | 0 (early) | yes | |
/// | 2 | 2024-08-05 | 08-05 | 0 | yes | |
/// | 3 | 2024-09-05 | 09-09 | 4 | yes | |
/// | 4 | 2024-10-05 | 10-25 | 20 | | |
/// | 5 | 2024-11-05 | 12-20 | 45 (25 + 20) | | yes |
/// | 6 | 2024-12-05 | 100.00 on 12-20, 150.00 on 2025-01-02 | 28 (26 + 2) | | |
/// | 7 | 2025-01-05 | 01-05 | 0 | yes | |
/// | 8 | 2025-02-05 | 02-10 | 5 | yes | |
/// | 9 | 2025-03-05 | 03-11 | 6 | | |
/// | 10 | 2025-04-05 | 04-05 | 0 | yes | |
/// | 11 | 2025-05-05 | 05-06 | 1 | yes | |
/// | 12 | 2025-06-05 | unpaid | 25 on 2025-06-30 | | not yet (until 07-05) |
fn twelve_instalments() -> PaymentHistory {
    let paid = [
        Some(d(2024, 7, 3)),
        Some(d(2024, 8, 5)),
        Some(d(2024, 9, 9)),
        Some(d(2024, 10, 25)),
        Some(d(2024, 12, 20)),
        None, // two payments, below
        Some(d(2025, 1, 5)),
        Some(d(2025, 2, 10)),
        Some(d(2025, 3, 11)),
        Some(d(2025, 4, 5)),
        Some(d(2025, 5, 6)),
        None,
    ];
    let mut history = PaymentHistory::new(Currency::EUR);
    for (number, paid) in (1..).zip(paid) {
        let due = d(2024, 7, 5)
            .checked_add_months(chrono::Months::new(number - 1))
            .unwrap();
        let mut item = instalment(number, due, paid);
        if number == 6 {
            item = item
                .with_payment(PartialPayment::new(d(2024, 12, 20), m("100.00 EUR")).unwrap())
                .unwrap()
                .with_payment(PartialPayment::new(d(2025, 1, 2), m("150.00 EUR")).unwrap())
                .unwrap();
        }
        history = history.with_item(item).unwrap();
    }
    history
}

#[test]
fn twelve_instalments_as_of_the_end_of_june() {
    let profile =
        Profile::from_history(&twelve_instalments(), d(2025, 6, 30), &ProfileRules::new()).unwrap();
    // On time: #1, 2, 3, 7, 8, 10, 11 = 7 of 12 → 58.333… %, shown rounded.
    assert_eq!(
        (profile.assessed(), profile.on_time(), profile.late()),
        (12, 7, 5)
    );
    assert_eq!(profile.on_time_ratio().unwrap().to_string(), "58.33%");
    // 0 + 0 + 4 + 20 + 45 + 28 + 0 + 5 + 6 + 0 + 1 + 25 = 134 days; 134 / 12 = 11.1666… → 11.17.
    assert_eq!(profile.total_days_late(), 134);
    assert_eq!(profile.average_days_late().unwrap().to_string(), "11.17");
    assert_eq!(profile.max_days_late(), Some(45));
    assert_eq!(profile.missed_payments(), 1);
    assert_eq!(profile.pending(), 0);
    assert_eq!(profile.overdue(), m("250.00 EUR")); // #12
                                                    // Earlier window #1–6: 3 late, 97 days; recent window #7–12: 2 late, 37 days.
    assert_eq!(profile.trend(), Trend::Improving);
    // No broken agreement, 1 missed < 3, 58.33 % ≥ 50 %; then 1 missed ≥ 1 → Medium.
    assert_eq!(profile.tier(), RiskTier::Medium);
    assert_eq!(
        profile.tier_reason(),
        TierReason::MissedPayments {
            count: 1,
            threshold: 1
        }
    );
    assert_eq!(
        profile.to_string(),
        "medium risk as of 2025-06-30 (1 missed payment, threshold 1): 7 of 12 payments on time \
         (58.33%), 11.17 days late on average, 45 at most; 1 missed payment; 0 broken agreements; \
         trend improving"
    );
}

#[test]
fn twelve_instalments_as_of_the_fourth_of_january() {
    let profile =
        Profile::from_history(&twelve_instalments(), d(2025, 1, 4), &ProfileRules::new()).unwrap();
    // #1–6 are due; #6 was settled on 2 January. On time: #1, 2, 3 → 3 of 6 = 50 %.
    assert_eq!((profile.assessed(), profile.on_time()), (6, 3));
    assert_eq!(profile.on_time_ratio().unwrap().to_string(), "50%");
    // 0 + 0 + 4 + 20 + 45 + 28 = 97; 97 / 6 = 16.1666… → 16.17.
    assert_eq!(profile.average_days_late().unwrap().to_string(), "16.17");
    // Six items: one window of 6, not two.
    assert_eq!(profile.trend(), Trend::NotEnoughData);
    // 50 % is not below 50 %: the missed payment decides.
    assert_eq!(profile.tier(), RiskTier::Medium);
    assert!(profile.overdue().is_zero());
}

#[test]
fn without_tolerance_the_same_history_is_high_risk() {
    let rules = ProfileRules::new().with_tolerance_days(0);
    let profile = Profile::from_history(&twelve_instalments(), d(2025, 6, 30), &rules).unwrap();
    // #3 (4 days), #8 (5 days) and #11 (1 day) become late: on time #1, 2, 7, 10 = 4 of 12 = 33.33 %.
    assert_eq!(profile.on_time(), 4);
    assert_eq!(profile.tier(), RiskTier::High);
    assert_eq!(
        profile.tier_reason(),
        TierReason::OnTimeRatioBelow {
            ratio: "33.33%".parse().unwrap(),
            threshold: "50%".parse().unwrap()
        }
    );
}

#[test]
fn a_broken_agreement_makes_the_same_history_high_risk_from_the_day_it_broke() {
    let history = twelve_instalments()
        .with_agreement(
            Agreement::new("plan 2023", d(2023, 3, 1))
                .unwrap()
                .honoured_on(d(2023, 12, 1))
                .unwrap(),
        )
        .unwrap()
        .with_agreement(
            Agreement::new("promise 2025-05", d(2025, 5, 10))
                .unwrap()
                .broken_on(d(2025, 6, 1))
                .unwrap(),
        )
        .unwrap();
    let before = Profile::from_history(&history, d(2025, 5, 31), &ProfileRules::new()).unwrap();
    assert_eq!(
        (before.broken_agreements(), before.agreements_in_progress()),
        (0, 1)
    );
    assert_eq!(before.tier(), RiskTier::Medium);
    let after = Profile::from_history(&history, d(2025, 6, 30), &ProfileRules::new()).unwrap();
    assert_eq!(
        (after.broken_agreements(), after.honoured_agreements()),
        (1, 1)
    );
    assert_eq!(after.tier(), RiskTier::High);
    assert_eq!(
        after.tier_reason().to_string(),
        "1 broken agreement, threshold 1"
    );
}

#[test]
fn a_new_debtor_gets_the_tier_the_rules_give_to_no_history() {
    let empty = PaymentHistory::new(Currency::EUR);
    let profile = Profile::from_history(&empty, d(2025, 6, 30), &ProfileRules::new()).unwrap();
    assert_eq!(
        (profile.tier(), profile.tier_reason()),
        (RiskTier::Low, TierReason::NoHistory)
    );
    assert_eq!(
        profile.to_string(),
        "low risk as of 2025-06-30 (no payment history to assess): no payment assessed yet; \
         0 missed payments; 0 broken agreements; trend not enough data"
    );
    let wary = ProfileRules::new().with_tier_without_history(RiskTier::Medium);
    assert_eq!(
        Profile::from_history(&empty, d(2025, 6, 30), &wary)
            .unwrap()
            .tier(),
        RiskTier::Medium
    );
}

#[test]
fn bad_records_are_refused_with_their_values() {
    let usd = OverdueItem::new("F-1", d(2025, 1, 1), m("10.00 USD")).unwrap();
    assert_eq!(
        PaymentHistory::new(Currency::EUR)
            .with_item(usd)
            .unwrap_err(),
        Error::CurrencyMismatch {
            expected: Currency::EUR,
            found: Currency::USD
        }
    );
    assert!(matches!(
        OverdueItem::new("F-1", d(2025, 1, 1), m("0.00 EUR")),
        Err(Error::NotPositive { .. })
    ));
    assert!(matches!(
        Agreement::new("A", d(2025, 2, 1))
            .unwrap()
            .broken_on(d(2025, 1, 31)),
        Err(Error::DateOrder { .. })
    ));
}

#[cfg(feature = "serde")]
#[test]
fn a_profile_serialises_its_figures() {
    let profile =
        Profile::from_history(&twelve_instalments(), d(2025, 6, 30), &ProfileRules::new()).unwrap();
    let json: serde_json::Value = serde_json::to_value(&profile).unwrap();
    assert_eq!(json["on_time_ratio"], "58.33%");
    assert_eq!(json["average_days_late"], "11.17");
    assert_eq!(json["tier"], "medium");
    assert_eq!(json["trend"], "improving");
    assert_eq!(json["tier_reason"]["missed_payments"]["count"], 1);
    assert_eq!(json["overdue"]["amount"], "250.00");
}

// Properties.

pub(crate) fn day(offset: u64) -> NaiveDate {
    d(2024, 1, 1) + Days::new(offset)
}

/// An item: due-date offset, amount in cents, and the offset from the due date of its full payment
/// (negative: early), or none.
type ItemSpec = (u64, i64, Option<i64>);

fn item_spec() -> impl Strategy<Value = ItemSpec> {
    (
        0u64..400,
        1i64..1_000_000,
        prop::option::weighted(0.8, -10i64..120),
    )
}

fn build(index: usize, (due, cents, paid): ItemSpec) -> OverdueItem {
    let due_date = day(due);
    let item = OverdueItem::new(
        format!("I-{index:03}"),
        due_date,
        Money::from_minor(cents, Currency::EUR).unwrap(),
    )
    .unwrap();
    match paid {
        Some(offset) => {
            let date = if offset >= 0 {
                due_date + Days::new(offset.unsigned_abs())
            } else {
                due_date - Days::new(offset.unsigned_abs())
            };
            item.paid_on(date).unwrap()
        }
        None => item,
    }
}

/// An agreement: signing offset, outcome (in progress, honoured, broken), and the days from signing
/// to its end.
type AgreementSpec = (u64, u8, u64);

fn agreement_spec() -> impl Strategy<Value = AgreementSpec> {
    (0u64..400, 0u8..3, 0u64..200)
}

pub(crate) fn history_of(items: &[ItemSpec], agreements: &[AgreementSpec]) -> PaymentHistory {
    let mut history = PaymentHistory::new(Currency::EUR);
    for (index, spec) in items.iter().enumerate() {
        history = history.with_item(build(index, *spec)).unwrap();
    }
    for (index, (signed, outcome, length)) in agreements.iter().enumerate() {
        let agreement = Agreement::new(format!("A-{index}"), day(*signed)).unwrap();
        let end = day(signed + length);
        let agreement = match outcome {
            0 => agreement,
            1 => agreement.honoured_on(end).unwrap(),
            _ => agreement.broken_on(end).unwrap(),
        };
        history = history.with_agreement(agreement).unwrap();
    }
    history
}

/// Valid rules around the defaults.
fn rules() -> impl Strategy<Value = ProfileRules> {
    (0u32..=5, 30u32..=60, 1u32..=6, 1u32..=3).prop_map(|(tolerance, missed, window, broken)| {
        ProfileRules::new()
            .with_tolerance_days(tolerance)
            .with_missed_after_days(missed)
            .with_trend_window(window)
            .with_high_broken_agreements(broken)
    })
}

/// Items, agreements, the as-of offset and the rules.
type HistorySpec = (Vec<ItemSpec>, Vec<AgreementSpec>, u64, ProfileRules);

pub(crate) fn histories() -> impl Strategy<Value = HistorySpec> {
    (
        prop::collection::vec(item_spec(), 0..24),
        prop::collection::vec(agreement_spec(), 0..3),
        0u64..560,
        rules(),
    )
}

proptest! {
    #![proptest_config(crate::cases(256))]

    #[test]
    fn on_time_ratio_lies_between_0_and_100_percent((items, agreements, as_of, rules) in histories()) {
        let history = history_of(&items, &agreements);
        let p = Profile::from_history(&history, day(as_of), &rules).unwrap();
        prop_assert!(p.on_time() <= p.assessed());
        prop_assert!(p.missed_payments() <= p.late());
        let due = items.iter().filter(|(due, _, _)| day(*due) <= day(as_of)).count();
        prop_assert_eq!(usize::try_from(p.assessed() + p.pending()).unwrap(), due);
        match p.on_time_ratio() {
            Some(ratio) => {
                prop_assert!(ratio >= echeancier::Percent::ZERO && ratio <= echeancier::Percent::HUNDRED);
                prop_assert!(p.has_history());
            }
            None => prop_assert!(!p.has_history()),
        }
    }

    #[test]
    fn max_days_late_is_at_least_the_average((items, agreements, as_of, rules) in histories()) {
        let p = Profile::from_history(&history_of(&items, &agreements), day(as_of), &rules).unwrap();
        match (p.max_days_late(), p.average_days_late()) {
            (Some(max), Some(average)) => {
                prop_assert!(rust_decimal::Decimal::from(max) >= average);
                prop_assert!(p.total_days_late() >= max);
            }
            (None, None) => prop_assert_eq!(p.total_days_late(), 0),
            other => prop_assert!(false, "max and average disagree: {:?}", other),
        }
    }

    #[test]
    fn paying_later_never_lowers_the_tier(
        (items, agreements, as_of, rules) in histories(),
        which in any::<prop::sample::Index>(),
        delay in prop::option::of(1i64..90),
    ) {
        prop_assume!(!items.is_empty());
        let before = Profile::from_history(&history_of(&items, &agreements), day(as_of), &rules).unwrap();
        let mut later = items.clone();
        let spec = &mut later[which.index(items.len())];
        // Later, or never.
        spec.2 = match (spec.2, delay) {
            (Some(paid), Some(delay)) => Some(paid + delay),
            _ => None,
        };
        let after = Profile::from_history(&history_of(&later, &agreements), day(as_of), &rules).unwrap();
        prop_assert!(after.tier() >= before.tier(), "{} then {}", before, after);
        prop_assert!(after.missed_payments() >= before.missed_payments());
        prop_assert!(after.on_time_ratio() <= before.on_time_ratio() || before.on_time_ratio().is_none());
    }

    #[test]
    fn an_on_time_payment_never_worsens_the_ratio_or_the_tier(
        (items, agreements, as_of, rules) in histories(),
        back in 0u64..60,
    ) {
        let history = history_of(&items, &agreements);
        let before = Profile::from_history(&history, day(as_of), &rules).unwrap();
        let due = day(as_of.saturating_sub(back));
        let punctual = OverdueItem::new("ON-TIME", due, Money::from_minor(100, Currency::EUR).unwrap())
            .unwrap()
            .paid_on(due)
            .unwrap();
        let after = Profile::from_history(&history.with_item(punctual).unwrap(), day(as_of), &rules).unwrap();
        prop_assert!(after.on_time_ratio() >= before.on_time_ratio());
        prop_assert!(after.tier() <= before.tier(), "{} then {}", before, after);
        prop_assert_eq!(after.on_time(), before.on_time() + 1);
    }

    #[test]
    fn same_history_same_profile_whatever_the_order((items, agreements, as_of, rules) in histories()) {
        let history = history_of(&items, &agreements);
        let first = Profile::from_history(&history, day(as_of), &rules).unwrap();
        prop_assert_eq!(&Profile::from_history(&history, day(as_of), &rules).unwrap(), &first);
        let mut reversed = PaymentHistory::new(Currency::EUR);
        for item in history.items().iter().rev() {
            reversed = reversed.with_item(item.clone()).unwrap();
        }
        for agreement in history.agreements().iter().rev() {
            reversed = reversed.with_agreement(agreement.clone()).unwrap();
        }
        prop_assert_eq!(Profile::from_history(&reversed, day(as_of), &rules).unwrap(), first);
    }
}

#[cfg(feature = "serde")]
proptest! {
    #![proptest_config(crate::cases(64))]

    #[test]
    fn a_history_round_trips_through_json((items, agreements, _as_of, rules) in histories()) {
        let history = history_of(&items, &agreements);
        let json = serde_json::to_string(&history).unwrap();
        prop_assert_eq!(serde_json::from_str::<PaymentHistory>(&json).unwrap(), history);
        let json = serde_json::to_string(&rules).unwrap();
        prop_assert_eq!(serde_json::from_str::<ProfileRules>(&json).unwrap(), rules);
    }
}
