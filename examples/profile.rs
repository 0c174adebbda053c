//! A debtor's payment history read as of three dates: twelve monthly instalments of an earlier plan,
//! paid more and more regularly, and a promise to pay that was broken. The same history gives a
//! different profile as the dates move, and a different one again under rules that tolerate one
//! broken agreement.
//!
//! Run with `cargo run --example profile`.

use chrono::{Months, NaiveDate};
use echeancier::{
    Agreement, Currency, Error, Language, OverdueItem, PaymentHistory, Profile, ProfileRules,
};

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| Error::DateOutOfRange {
        what: format!("{y}-{m}-{d}"),
    })
}

fn main() -> Result<(), Error> {
    // Days after each due date (the 5th of the month) that the instalment was paid; `None`: unpaid.
    let delays = [
        Some(2),
        Some(35),
        Some(4),
        Some(12),
        Some(3),
        Some(0),
        Some(0),
        Some(2),
        Some(0),
        Some(7),
        Some(1),
        None,
    ];
    let first_due = date(2024, 7, 5)?;
    let mut history = PaymentHistory::new(Currency::EUR);
    for (month, delay) in (0..).zip(delays) {
        let due = first_due
            .checked_add_months(Months::new(month))
            .ok_or_else(|| Error::DateOutOfRange {
                what: format!("{month} months after {first_due}"),
            })?;
        let item = OverdueItem::new(
            format!("plan 12 / {:02}", month + 1),
            due,
            "180.00 EUR".parse()?,
        )?;
        let item = match delay {
            Some(days) => item.paid_on(due + chrono::Days::new(days))?,
            None => item,
        };
        history = history.with_item(item)?;
    }
    history = history.with_agreement(
        Agreement::new("promise of 2025-03-20", date(2025, 3, 20)?)?
            .broken_on(date(2025, 4, 30)?)?,
    )?;

    let rules = ProfileRules::new();
    for as_of in [date(2024, 12, 31)?, date(2025, 3, 31)?, date(2025, 6, 30)?] {
        println!("{}\n", Profile::from_history(&history, as_of, &rules)?);
    }
    println!(
        "{}\n",
        Profile::from_history(&history, date(2025, 6, 30)?, &rules)?.to_string_in(Language::French)
    );
    let lenient = rules.with_high_broken_agreements(2);
    println!(
        "ignoring a single broken agreement:\n{}",
        Profile::from_history(&history, date(2025, 6, 30)?, &lenient)?
    );
    Ok(())
}
