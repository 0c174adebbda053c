//! Unit tests of the payment-history profile: the edges of each definition.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::{Currency, Money};
use crate::payment::PartialPayment;
use crate::penalty::OverdueItem;
use crate::profile::{
    Agreement, AgreementOutcome, PaymentHistory, Profile, ProfileRules, RiskTier, TierReason, Trend,
};

fn d(month: u32, day: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(2025, month, day).ok_or(Error::DateOutOfRange {
        what: format!("2025-{month}-{day}"),
    })
}

fn eur(text: &str) -> Result<Money> {
    text.parse()
}

/// An item of 100.00 EUR due on `due`, paid in full on `paid` if given.
fn item(reference: &str, due: NaiveDate, paid: Option<NaiveDate>) -> Result<OverdueItem> {
    let item = OverdueItem::new(reference, due, eur("100.00 EUR")?)?;
    match paid {
        Some(date) => item.paid_on(date),
        None => Ok(item),
    }
}

fn profile(history: &PaymentHistory, as_of: NaiveDate) -> Result<Profile> {
    Profile::from_history(history, as_of, &ProfileRules::new())
}

#[test]
fn tolerance_is_inclusive() -> Result<()> {
    // Due 1 June, tolerance 5: paid on the 6th is on time, on the 7th late.
    let history = PaymentHistory::new(Currency::EUR)
        .with_item(item("a", d(6, 1)?, Some(d(6, 6)?))?)?
        .with_item(item("b", d(6, 1)?, Some(d(6, 7)?))?)?;
    let p = profile(&history, d(6, 30)?)?;
    assert_eq!((p.assessed(), p.on_time(), p.late()), (2, 1, 1));
    assert_eq!(p.total_days_late(), 11); // 5 + 6
    Ok(())
}

#[test]
fn unpaid_items_wait_for_their_tolerance() -> Result<()> {
    let history = PaymentHistory::new(Currency::EUR).with_item(item("a", d(6, 1)?, None)?)?;
    // End of 5 June: still within 1 June + 5 days.
    let p = profile(&history, d(6, 5)?)?;
    assert_eq!((p.assessed(), p.pending()), (0, 1));
    assert_eq!(p.tier_reason(), TierReason::NoHistory);
    assert_eq!(p.overdue().to_string(), "100.00 EUR");
    // End of 6 June: the tolerance is over and the item is late, 5 days so far.
    let p = profile(&history, d(6, 6)?)?;
    assert_eq!((p.assessed(), p.pending(), p.late()), (1, 0, 1));
    assert_eq!(p.max_days_late(), Some(5));
    Ok(())
}

#[test]
fn items_due_after_the_as_of_date_do_not_count_even_when_prepaid() -> Result<()> {
    let history = PaymentHistory::new(Currency::EUR)
        .with_item(item("a", d(7, 1)?, Some(d(6, 1)?))?)?
        .with_item(item("b", d(7, 1)?, None)?)?;
    let p = profile(&history, d(6, 30)?)?;
    assert_eq!((p.assessed(), p.pending()), (0, 0));
    assert!(p.overdue().is_zero());
    Ok(())
}

#[test]
fn payments_after_the_as_of_date_have_not_happened_yet() -> Result<()> {
    let history =
        PaymentHistory::new(Currency::EUR).with_item(item("a", d(1, 1)?, Some(d(3, 1)?))?)?;
    // As of 30 January the item is unpaid, 29 days late, not yet missed: it may still be paid
    // within 1 January + 30 days = 31 January.
    let p = profile(&history, d(1, 30)?)?;
    assert_eq!((p.max_days_late(), p.missed_payments()), (Some(29), 0));
    // At the end of 31 January that day has passed without payment: missed.
    let p = profile(&history, d(1, 31)?)?;
    assert_eq!((p.max_days_late(), p.missed_payments()), (Some(30), 1));
    // Paid on 1 March (59 days): still missed.
    let p = profile(&history, d(3, 31)?)?;
    assert_eq!((p.max_days_late(), p.missed_payments()), (Some(59), 1));
    assert!(p.overdue().is_zero());
    Ok(())
}

#[test]
fn paid_exactly_at_the_missed_limit_is_late_but_not_missed() -> Result<()> {
    // 1 January + 30 days = 31 January.
    let history =
        PaymentHistory::new(Currency::EUR).with_item(item("a", d(1, 1)?, Some(d(1, 31)?))?)?;
    let p = profile(&history, d(3, 31)?)?;
    assert_eq!((p.late(), p.missed_payments()), (1, 0));
    Ok(())
}

#[test]
fn partial_payments_settle_on_the_day_they_add_up() -> Result<()> {
    let partial = OverdueItem::new("a", d(6, 1)?, eur("100.00 EUR")?)?
        .with_payment(PartialPayment::new(d(5, 20)?, eur("60.00 EUR")?)?)?
        .with_payment(PartialPayment::new(d(6, 10)?, eur("40.00 EUR")?)?)?;
    let history = PaymentHistory::new(Currency::EUR).with_item(partial)?;
    let p = profile(&history, d(6, 30)?)?;
    assert_eq!((p.late(), p.max_days_late()), (1, Some(9)));
    Ok(())
}

#[test]
fn early_payments_count_zero_days() -> Result<()> {
    let history =
        PaymentHistory::new(Currency::EUR).with_item(item("a", d(6, 10)?, Some(d(6, 1)?))?)?;
    let p = profile(&history, d(6, 30)?)?;
    assert_eq!((p.on_time(), p.max_days_late()), (1, Some(0)));
    assert_eq!(
        p.average_days_late().map(|a| a.to_string()),
        Some("0".into())
    );
    Ok(())
}

#[test]
fn the_ratio_threshold_is_compared_exactly() -> Result<()> {
    // 4 on time of 5 = 80 %: not below 80 %, so Low.
    let mut history = PaymentHistory::new(Currency::EUR);
    for month in 1..=4 {
        history = history.with_item(item(
            &format!("ok{month}"),
            d(month, 1)?,
            Some(d(month, 1)?),
        )?)?;
    }
    history = history.with_item(item("late", d(5, 1)?, Some(d(5, 10)?))?)?;
    let p = profile(&history, d(6, 30)?)?;
    assert_eq!(p.on_time_ratio(), Some("80%".parse()?));
    assert_eq!(p.tier(), RiskTier::Low);
    // 1 late of 6 would be 83.33 %; 2 late of 7 is 71.43 % (5/7 = 0.714285…, rounded): Medium.
    history = history.with_item(item("late2", d(6, 1)?, Some(d(6, 10)?))?)?;
    history = history.with_item(item("ok6", d(6, 2)?, Some(d(6, 2)?))?)?;
    let p = profile(&history, d(6, 30)?)?;
    assert_eq!(
        p.on_time_ratio().map(|r| r.to_string()),
        Some("71.43%".into())
    );
    assert_eq!(p.tier(), RiskTier::Medium);
    Ok(())
}

#[test]
fn a_ratio_rounded_up_to_its_threshold_is_shown_just_under_it_in_the_reason() -> Result<()> {
    // 2 on time of 3 = 66.666… %: shown 66.67 %, below a 66.67 % threshold, so the reason says
    // 66.66 % (never "66.67% on time, below 66.67%").
    let history = PaymentHistory::new(Currency::EUR)
        .with_item(item("a", d(1, 1)?, Some(d(1, 1)?))?)?
        .with_item(item("b", d(2, 1)?, Some(d(2, 1)?))?)?
        .with_item(item("c", d(3, 1)?, Some(d(3, 20)?))?)?;
    let rules = ProfileRules::new().with_medium_on_time_below("66.67%".parse()?);
    let p = Profile::from_history(&history, d(6, 30)?, &rules)?;
    assert_eq!(p.on_time_ratio(), Some("66.67%".parse()?));
    assert_eq!(
        p.tier_reason(),
        TierReason::OnTimeRatioBelow {
            ratio: "66.66%".parse()?,
            threshold: "66.67%".parse()?
        }
    );
    assert!(
        p.to_string().contains("(66.66% on time, below 66.67%)"),
        "{p}"
    );
    Ok(())
}

#[test]
fn tier_checks_run_in_their_documented_order() -> Result<()> {
    // One broken agreement and one missed payment: the broken agreement decides.
    let history = PaymentHistory::new(Currency::EUR)
        .with_item(item("a", d(1, 1)?, None)?)?
        .with_agreement(Agreement::new("A", d(1, 1)?)?.broken_on(d(2, 1)?)?)?;
    let p = profile(&history, d(6, 30)?)?;
    assert_eq!(
        p.tier_reason(),
        TierReason::BrokenAgreements {
            count: 1,
            threshold: 1
        }
    );
    assert_eq!(p.tier(), RiskTier::High);
    Ok(())
}

#[test]
fn a_long_delay_alone_makes_the_debtor_medium() -> Result<()> {
    // Paid 31 days late with missed payments counted only after 60 days.
    let history =
        PaymentHistory::new(Currency::EUR).with_item(item("a", d(1, 1)?, Some(d(2, 1)?))?)?;
    let rules = ProfileRules::new()
        .with_missed_after_days(60)
        .with_medium_on_time_below("0%".parse()?)
        .with_high_on_time_below("0%".parse()?);
    let p = Profile::from_history(&history, d(6, 30)?, &rules)?;
    assert_eq!(
        p.tier_reason(),
        TierReason::DaysLateAbove {
            days: 31,
            threshold: 30
        }
    );
    Ok(())
}

#[test]
fn the_trend_needs_two_windows() -> Result<()> {
    let rules = ProfileRules::new().with_trend_window(2);
    // Four monthly items: late, late, on time, on time → improving.
    let mut history = PaymentHistory::new(Currency::EUR);
    for (month, paid_day) in [(1, 20), (2, 20), (3, 1), (4, 1)] {
        history = history.with_item(item(
            &month.to_string(),
            d(month, 1)?,
            Some(d(month, paid_day)?),
        )?)?;
    }
    let p = Profile::from_history(&history, d(6, 30)?, &rules)?;
    assert_eq!(p.trend(), Trend::Improving);
    // As of 15 March only three are assessed (the April one is not due): not enough.
    let p = Profile::from_history(&history, d(3, 15)?, &rules)?;
    assert_eq!(p.trend(), Trend::NotEnoughData);
    // The same number of late items, more days late recently → worsening.
    let history = PaymentHistory::new(Currency::EUR)
        .with_item(item("1", d(1, 1)?, Some(d(1, 10)?))?)?
        .with_item(item("2", d(2, 1)?, Some(d(2, 1)?))?)?
        .with_item(item("3", d(3, 1)?, Some(d(3, 1)?))?)?
        .with_item(item("4", d(4, 1)?, Some(d(4, 20)?))?)?;
    let p = Profile::from_history(&history, d(6, 30)?, &rules)?;
    assert_eq!(p.trend(), Trend::Worsening);
    Ok(())
}

#[test]
fn the_trend_reads_items_in_due_date_order() -> Result<()> {
    let rules = ProfileRules::new().with_trend_window(1);
    // Given out of order: the later item (on time) is the recent one.
    let history = PaymentHistory::new(Currency::EUR)
        .with_item(item("recent", d(3, 1)?, Some(d(3, 1)?))?)?
        .with_item(item("old", d(1, 1)?, Some(d(1, 20)?))?)?;
    let p = Profile::from_history(&history, d(6, 30)?, &rules)?;
    assert_eq!(p.trend(), Trend::Improving);
    Ok(())
}

#[test]
fn agreements_count_as_of_the_date() -> Result<()> {
    let history = PaymentHistory::new(Currency::EUR)
        .with_agreement(Agreement::new("A", d(1, 1)?)?.broken_on(d(3, 1)?)?)?
        .with_agreement(Agreement::new("B", d(2, 1)?)?.honoured_on(d(4, 1)?)?)?
        .with_agreement(Agreement::new("C", d(5, 1)?)?)?;
    let p = profile(&history, d(3, 15)?)?;
    assert_eq!(
        (
            p.broken_agreements(),
            p.honoured_agreements(),
            p.agreements_in_progress()
        ),
        (1, 0, 1)
    );
    let p = profile(&history, d(6, 1)?)?;
    assert_eq!(
        (
            p.broken_agreements(),
            p.honoured_agreements(),
            p.agreements_in_progress()
        ),
        (1, 1, 1)
    );
    assert_eq!(
        history.agreements().first().map(Agreement::outcome),
        Some(AgreementOutcome::Broken)
    );
    Ok(())
}

#[test]
fn inconsistent_rules_are_refused_with_their_values() {
    let cases = [
        (
            ProfileRules::new().with_trend_window(0),
            "invalid profile rules: the trend window of 0 items is outside 1 to 120",
        ),
        (
            ProfileRules::new().with_high_missed_payments(0),
            "invalid profile rules: the high missed-payment threshold is 0, which every debtor reaches",
        ),
        (
            ProfileRules::new().with_medium_missed_payments(4),
            "invalid profile rules: the high tier starts at 3 missed payments, below the medium tier's 4",
        ),
        (
            ProfileRules::new().with_tolerance_days(31),
            "invalid profile rules: a payment is missed after 30 days, sooner than the tolerance of 31 days",
        ),
        (
            ProfileRules::new().with_medium_max_days_late(3),
            "invalid profile rules: the medium tier starts beyond 3 days late, within the tolerance of 5 days",
        ),
    ];
    for (rules, message) in cases {
        let err =
            Profile::from_history(&PaymentHistory::new(Currency::EUR), NaiveDate::MIN, &rules)
                .map(|_| ())
                .map_err(|e| e.to_string());
        assert_eq!(err, Err(message.to_owned()));
    }
}

#[test]
fn the_high_ratio_threshold_may_not_exceed_the_medium_one() -> Result<()> {
    let rules = ProfileRules::new().with_high_on_time_below("90%".parse()?);
    assert_eq!(
        rules.validate().map_err(|e| e.to_string()),
        Err("invalid profile rules: the high tier starts below 90% on time, above the medium tier's 80%".to_owned())
    );
    Ok(())
}

#[test]
fn dates_at_the_end_of_the_calendar_do_not_fail() -> Result<()> {
    let history = PaymentHistory::new(Currency::EUR)
        .with_item(item("a", NaiveDate::MAX, None)?)?
        .with_item(item("b", NaiveDate::MIN, Some(NaiveDate::MAX))?)?;
    let p = profile(&history, NaiveDate::MAX)?;
    // `a` is due on the last day: its tolerance never ends. `b` is paid on the last day.
    assert_eq!((p.assessed(), p.pending(), p.missed_payments()), (1, 1, 1));
    Ok(())
}

#[cfg(feature = "serde")]
mod serde_tests {
    use super::*;

    #[test]
    fn a_history_round_trips_and_deserialising_validates() -> Result<()> {
        let history = PaymentHistory::new(Currency::EUR)
            .with_item(item("a", d(1, 1)?, Some(d(1, 3)?))?)?
            .with_agreement(Agreement::new("A", d(1, 1)?)?.broken_on(d(2, 1)?)?)?
            .with_agreement(Agreement::new("B", d(3, 1)?)?)?;
        let json = serde_json::to_string(&history).map_err(|_| Error::Unsupported {
            reason: "serialising",
        })?;
        let back: PaymentHistory = serde_json::from_str(&json).map_err(|_| Error::Unsupported {
            reason: "deserialising",
        })?;
        assert_eq!(back, history);

        for bad in [
            r#"{"currency":"EUR","agreements":[{"reference":"A","signed_on":"2025-01-01","outcome":"broken"}]}"#,
            r#"{"currency":"EUR","agreements":[{"reference":"A","signed_on":"2025-01-01","ended_on":"2025-02-01"}]}"#,
            r#"{"currency":"EUR","agreements":[{"reference":"A","signed_on":"2025-01-01","outcome":"honoured","ended_on":"2024-12-31"}]}"#,
            r#"{"currency":"EUR","items":[{"reference":"a","due_date":"2025-01-01","amount":{"amount":"1.00","currency":"USD"}}]}"#,
        ] {
            assert!(
                serde_json::from_str::<PaymentHistory>(bad).is_err(),
                "{bad}"
            );
        }
        Ok(())
    }

    #[test]
    fn rules_round_trip_default_missing_fields_and_validate() -> Result<()> {
        let rules = ProfileRules::new().with_tolerance_days(2);
        let json = serde_json::to_string(&rules).map_err(|_| Error::Unsupported {
            reason: "serialising",
        })?;
        assert!(json.contains(r#""high_on_time_below":"50%""#), "{json}");
        let back: ProfileRules = serde_json::from_str(&json).map_err(|_| Error::Unsupported {
            reason: "deserialising",
        })?;
        assert_eq!(back, rules);
        let partial: ProfileRules =
            serde_json::from_str(r#"{"trend_window":3}"#).map_err(|_| Error::Unsupported {
                reason: "deserialising",
            })?;
        assert_eq!(partial, ProfileRules::new().with_trend_window(3));
        assert!(serde_json::from_str::<ProfileRules>(r#"{"trend_window":0}"#).is_err());
        assert!(serde_json::from_str::<ProfileRules>(r#"{"window":3}"#).is_err());
        Ok(())
    }
}
