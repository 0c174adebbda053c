//! What the crate accepts from its callers, checked in one place: the supported dates, the rule for
//! payments outside a plan's period, and the text of references and labels.
//!
//! # Supported dates
//!
//! Every date a caller gives (a claim's issue and due dates, a plan's dates, a payment's date, the
//! date of a statement, of a quote or of a penalty computation) lies between
//! [`FIRST_SUPPORTED_DATE`] (1 January 1900) and [`LAST_SUPPORTED_DATE`] (31 December 2999). A
//! date outside is refused with [`Error::UnsupportedDate`], naming the date and what it is.
//! Dates the crate works out from them (the due dates of a 24-month plan, the end of a grace
//! period) may run past 2999 and stay four-digit years, as ISO 8601, CSV readers and calendar
//! files expect.
//!
//! # Payments outside a plan's period
//!
//! A plan's period opens on the day it was agreed ([`crate::StatementOptions::agreed_on`], the
//! signature date of an [`crate::Account`]); when that day is not given, on the date of its down
//! payment, or else one period of its frequency before its first due date. It runs to the date of
//! the statement, quote or penalty computation. A payment dated before the period opens is refused
//! with [`Error::PaymentBeforePlan`], one dated after the date of the computation with
//! [`Error::PaymentAfterStatement`]: the crate never ignores a payment it was given. The same rule
//! applies to the payments of an [`crate::OverdueItem`] in [`crate::PenaltyPolicy::compute`] (an
//! overdue item has no opening date: any payment up to the date of the computation counts).
//!
//! # References and labels
//!
//! A reference (of a claim, a payment, an overdue item, an agreement) or a label (of a budget line,
//! a fee, a party) is not blank and holds no control character (a line feed, a carriage return,
//! a tab, …), so that a table, a CSV file or a calendar prints it on one line as it was given.
//!
//! ```
//! use echeancier::{Claim, Error, FIRST_SUPPORTED_DATE, LAST_SUPPORTED_DATE};
//! use chrono::NaiveDate;
//!
//! assert_eq!(FIRST_SUPPORTED_DATE.to_string(), "1900-01-01");
//! assert_eq!(LAST_SUPPORTED_DATE.to_string(), "2999-12-31");
//! let year_zero = NaiveDate::from_ymd_opt(0, 1, 1).ok_or("no date")?;
//! let err = Claim::new("F-1", "10.00 EUR".parse()?)?.due_on(year_zero).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "the due date of claim \"F-1\" (0000-01-01) is outside the supported dates 1900-01-01 to 2999-12-31"
//! );
//! let err = Claim::new("F-1\r\nTOTAL", "10.00 EUR".parse()?).unwrap_err();
//! assert!(matches!(err, Error::ControlCharacter { .. }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// The first date the crate accepts from its callers: 1 January 1900.
pub const FIRST_SUPPORTED_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// The last date the crate accepts from its callers: 31 December 2999.
pub const LAST_SUPPORTED_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2999, 12, 31) {
    Some(date) => date,
    None => NaiveDate::MAX,
};

/// `date` when it lies between [`FIRST_SUPPORTED_DATE`] and [`LAST_SUPPORTED_DATE`].
///
/// `what` names the date for the error message ("the statement date", "the due date of claim
/// \"F-1\"").
///
/// # Errors
///
/// [`Error::UnsupportedDate`] for a date outside the supported range.
pub(crate) fn check_date(what: impl FnOnce() -> String, date: NaiveDate) -> Result<NaiveDate> {
    if (FIRST_SUPPORTED_DATE..=LAST_SUPPORTED_DATE).contains(&date) {
        Ok(date)
    } else {
        Err(Error::UnsupportedDate {
            what: what(),
            date,
            first: FIRST_SUPPORTED_DATE,
            last: LAST_SUPPORTED_DATE,
        })
    }
}

/// The rule for a payment outside a plan's period (see the module's documentation): `date` is a
/// supported date, not after `as_of`, and not before `opens` when the period has an opening date.
///
/// # Errors
///
/// [`Error::UnsupportedDate`], [`Error::PaymentAfterStatement`], [`Error::PaymentBeforePlan`].
pub(crate) fn check_payment_date(
    reference: &str,
    date: NaiveDate,
    opens: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Result<()> {
    check_date(|| format!("the date of payment {reference:?}"), date)?;
    if date > as_of {
        return Err(Error::PaymentAfterStatement {
            reference: reference.to_owned(),
            date,
            as_of,
        });
    }
    if let Some(agreed_on) = opens.filter(|opens| date < *opens) {
        return Err(Error::PaymentBeforePlan {
            reference: reference.to_owned(),
            date,
            agreed_on,
        });
    }
    Ok(())
}

/// The day a plan's period opens when the day it was agreed is not given: the date of its down
/// payment, or else one period of its frequency before its first due date (for a semi-monthly
/// plan, before the day that date was set on, when a business-day rule moved it: a payment on
/// Friday 30 April for an instalment due Saturday 1 May, moved to Monday 3 May, is within the
/// plan, which opens on 16 April, as its first period of interest does).
pub(crate) fn plan_opens(schedule: &crate::schedule::Schedule) -> Option<NaiveDate> {
    let first = schedule.instalments().first()?;
    if first.kind() == crate::schedule::InstalmentKind::DownPayment {
        return Some(first.due_date());
    }
    schedule
        .derivation()
        .frequency()
        .period_before_due(first.due_date())
}

/// The dates of a plan, checked against the supported range: its first and last due dates (the
/// others lie between them).
///
/// # Errors
///
/// [`Error::UnsupportedDate`].
pub(crate) fn check_plan_dates(schedule: &crate::schedule::Schedule) -> Result<()> {
    let instalments = schedule.instalments();
    for instalment in instalments.first().into_iter().chain(instalments.last()) {
        check_date(
            || format!("the due date of instalment {}", instalment.number()),
            instalment.due_date(),
        )?;
    }
    Ok(())
}

/// Which kind of text is checked: a reference or a label (their blank errors differ).
#[derive(Clone, Copy)]
pub(crate) enum Text {
    /// A reference: blank is [`Error::EmptyReference`].
    Reference,
    /// A label: blank is [`Error::EmptyLabel`].
    Label,
}

/// The one check of a reference or a label: not blank, no control character.
///
/// `what` names whose text it is, as the error variants word it ("a claim", "a budget line").
///
/// # Errors
///
/// [`Error::EmptyReference`] or [`Error::EmptyLabel`] for blank text; [`Error::ControlCharacter`]
/// for text holding a control character.
pub(crate) fn check_text(kind: Text, what: &'static str, text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(match kind {
            Text::Reference => Error::EmptyReference { what },
            Text::Label => Error::EmptyLabel { what },
        });
    }
    if text.chars().any(char::is_control) {
        return Err(Error::ControlCharacter {
            what,
            text: text.to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_supported_range_is_closed_at_both_ends() {
        let what = || "d".to_owned();
        assert!(check_date(what, FIRST_SUPPORTED_DATE).is_ok());
        assert!(check_date(what, LAST_SUPPORTED_DATE).is_ok());
        assert!(check_date(what, FIRST_SUPPORTED_DATE.pred_opt().unwrap()).is_err());
        assert!(check_date(what, LAST_SUPPORTED_DATE.succ_opt().unwrap()).is_err());
    }

    #[test]
    fn control_characters_are_refused_wherever_they_are() {
        for text in ["a\nb", "\rF-1", "F-1\t", "x\u{7}", "y\u{85}z", "\u{1b}[31m"] {
            assert!(
                matches!(
                    check_text(Text::Reference, "a claim", text),
                    Err(Error::ControlCharacter { .. })
                ),
                "{text:?}"
            );
        }
        assert!(check_text(Text::Label, "a fee", "frais d’huissier – 2027").is_ok());
        assert_eq!(
            check_text(Text::Label, "a fee", " \u{a0}"),
            Err(Error::EmptyLabel { what: "a fee" })
        );
    }
}
