//! Due rules: when a line of payment terms falls due, counted from the invoice date.

use core::fmt;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::error::{Error, Result};
use crate::language::Language;

/// The longest delay a due rule may state in days (ten years), and in months.
const MAX_DAYS: u32 = 3660;
const MAX_MONTHS: u32 = 120;

/// When a line of payment terms falls due, counted from the invoice date.
///
/// "End of month" terms are read in two ways in practice, and both are offered under their own
/// name. For an invoice of 15 January 2027 under "45 days end of month":
///
/// | rule | reading | 15 Jan 2027 | 31 Jan 2027 | 20 Feb 2027 |
/// |---|---|---|---|---|
/// | [`DueRule::EndOfMonthAfterDays`]`(45)` | + 45 days, then the end of that month | 31 Mar 2027 | 31 Mar 2027 | 30 Apr 2027 |
/// | [`DueRule::DaysAfterEndOfMonth`]`(45)` | the end of the invoice's month, then + 45 days | 17 Mar 2027 | 17 Mar 2027 | 14 Apr 2027 |
///
/// The French administration (DGCCRF) accepts both readings of *45 jours fin de mois* under Code de
/// commerce L441-10; Odoo 16's `end_month` line (`account.payment.term.line._get_due_date`: months,
/// then days, then the last day of the month, then `days_after`) is the first, ERPNext's "Day(s)
/// after the end of the invoice month" (`Payment Term.due_date_based_on`) the second. ERPNext's
/// "Month(s) after the end of the invoice month" is [`DueRule::MonthsAfterEndOfMonth`], and "on
/// the 10th of the following month" (Odoo 17's `days_end_of_month_on_the`) is
/// [`DueRule::DayOfMonth`].
///
/// ```
/// use echeancier::DueRule;
/// use chrono::NaiveDate;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// let issued = d(2027, 1, 15)?;
/// assert_eq!(DueRule::DaysAfterInvoice(30).due_date(issued)?, d(2027, 2, 14)?);
/// assert_eq!(DueRule::EndOfMonthAfterDays(45).due_date(issued)?, d(2027, 3, 31)?);
/// assert_eq!(DueRule::DaysAfterEndOfMonth(45).due_date(issued)?, d(2027, 3, 17)?);
/// assert_eq!(DueRule::DayOfMonth { months: 1, day: 10 }.due_date(issued)?, d(2027, 2, 10)?);
/// assert_eq!(DueRule::DayOfMonth { months: 1, day: 31 }.due_date(issued)?, d(2027, 2, 28)?);
/// assert_eq!(DueRule::MonthsAfterEndOfMonth(2).due_date(issued)?, d(2027, 3, 31)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Serialised as an object of one key: `{"days_after_invoice": 30}`,
/// `{"day_of_month": {"months": 1, "day": 10}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        rename_all = "snake_case",
        try_from = "DueRuleRepr",
        into = "DueRuleRepr"
    )
)]
#[non_exhaustive]
pub enum DueRule {
    /// `n` days after the invoice date ("net 30"; 0 is "due on receipt").
    DaysAfterInvoice(u32),
    /// `n` days after the invoice date, then the last day of that month (*N jours fin de mois*,
    /// first reading; Odoo 16 `end_month`).
    EndOfMonthAfterDays(u32),
    /// The last day of the invoice's month, then `n` days (*fin de mois + N jours*, second reading;
    /// ERPNext "Day(s) after the end of the invoice month").
    DaysAfterEndOfMonth(u32),
    /// Day `day` of the month `months` after the invoice's month, or that month's last day when it is
    /// shorter ("the 10th of the following month": `months: 1, day: 10`).
    DayOfMonth {
        /// How many months after the invoice's month (at least 1).
        months: u32,
        /// The day of the month (1 to 31).
        day: u32,
    },
    /// The last day of the month `n` months after the invoice's month (ERPNext "Month(s) after the
    /// end of the invoice month"); 0 is the end of the invoice's month.
    MonthsAfterEndOfMonth(u32),
}

impl DueRule {
    /// Checks the rule's numbers.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDays`] for more than 3,660 days, more than 120 months, a day of the month
    /// outside 1 to 31, or `months: 0` for [`DueRule::DayOfMonth`] (a day of the invoice's own
    /// month could fall before the invoice).
    ///
    /// ```
    /// use echeancier::DueRule;
    ///
    /// assert!(DueRule::DayOfMonth { months: 1, day: 32 }.checked().is_err());
    /// assert!(DueRule::DayOfMonth { months: 0, day: 10 }.checked().is_err());
    /// assert!(DueRule::DaysAfterInvoice(60).checked().is_ok());
    /// ```
    pub fn checked(self) -> Result<DueRule> {
        let bad = |what, days, range| Err(Error::InvalidDays { what, days, range });
        match self {
            DueRule::DaysAfterInvoice(n)
            | DueRule::EndOfMonthAfterDays(n)
            | DueRule::DaysAfterEndOfMonth(n)
                if n > MAX_DAYS =>
            {
                bad("days of a due rule", n, "at most 3660")
            }
            DueRule::MonthsAfterEndOfMonth(n) if n > MAX_MONTHS => {
                bad("months of a due rule", n, "at most 120")
            }
            DueRule::DayOfMonth { months, .. } if months == 0 || months > MAX_MONTHS => bad(
                "months of a day-of-month due rule",
                months,
                "between 1 and 120",
            ),
            DueRule::DayOfMonth { day, .. } if day == 0 || day > 31 => {
                bad("day of the month of a due rule", day, "between 1 and 31")
            }
            rule => Ok(rule),
        }
    }

    /// The due date of a line of an invoice issued on `invoice_date`; never before it.
    ///
    /// # Errors
    ///
    /// The errors of [`DueRule::checked`]; [`Error::DateOutOfRange`] past the supported calendar.
    ///
    /// ```
    /// use echeancier::DueRule;
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// // 30 January + 1 month is the last day of February, then its end of month.
    /// assert_eq!(DueRule::MonthsAfterEndOfMonth(1).due_date(d(2028, 1, 30)?)?, d(2028, 2, 29)?);
    /// assert!(DueRule::DaysAfterInvoice(30).due_date(NaiveDate::MAX).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn due_date(&self, invoice_date: NaiveDate) -> Result<NaiveDate> {
        let out_of_range = || Error::DateOutOfRange {
            what: format!("the due date {} from {invoice_date}", self),
        };
        let plus_days = |date: NaiveDate, n: u32| {
            date.checked_add_days(Days::new(u64::from(n)))
                .ok_or_else(out_of_range)
        };
        let month_start = |date: NaiveDate, months: u32| {
            date.with_day(1)
                .and_then(|first| first.checked_add_months(Months::new(months)))
                .ok_or_else(out_of_range)
        };
        match self.checked()? {
            DueRule::DaysAfterInvoice(n) => plus_days(invoice_date, n),
            DueRule::EndOfMonthAfterDays(n) => {
                end_of_month(plus_days(invoice_date, n)?).ok_or_else(out_of_range)
            }
            DueRule::DaysAfterEndOfMonth(n) => {
                plus_days(end_of_month(invoice_date).ok_or_else(out_of_range)?, n)
            }
            DueRule::DayOfMonth { months, day } => {
                let first = month_start(invoice_date, months)?;
                let last = end_of_month(first).ok_or_else(out_of_range)?;
                Ok(first.with_day(day).unwrap_or(last).min(last))
            }
            DueRule::MonthsAfterEndOfMonth(n) => {
                end_of_month(month_start(invoice_date, n)?).ok_or_else(out_of_range)
            }
        }
    }

    /// The rule in words: "30 days after the invoice date", "à 45 jours fin de mois (45 jours puis
    /// fin de mois)".
    ///
    /// ```
    /// use echeancier::{DueRule, Language};
    ///
    /// let rule = DueRule::DayOfMonth { months: 1, day: 10 };
    /// assert_eq!(rule.describe(Language::English), "on day 10 of the month after the invoice's month");
    /// assert_eq!(rule.describe(Language::French), "le 10 du mois suivant celui de la facture");
    /// ```
    pub fn describe(&self, language: Language) -> String {
        let fr = language == Language::French;
        match *self {
            DueRule::DaysAfterInvoice(0) if fr => "à réception de la facture".to_owned(),
            DueRule::DaysAfterInvoice(0) => "on receipt of the invoice".to_owned(),
            DueRule::DaysAfterInvoice(n) if fr => format!("à {n} jours date de facture"),
            DueRule::DaysAfterInvoice(n) => format!("{n} days after the invoice date"),
            DueRule::EndOfMonthAfterDays(n) if fr => {
                format!("à {n} jours fin de mois ({n} jours, puis fin de mois)")
            }
            DueRule::EndOfMonthAfterDays(n) => {
                format!("{n} days end of month ({n} days, then the end of that month)")
            }
            DueRule::DaysAfterEndOfMonth(n) if fr => {
                format!("fin de mois + {n} jours (fin du mois de la facture, puis {n} jours)")
            }
            DueRule::DaysAfterEndOfMonth(n) => {
                format!("end of month + {n} days (the end of the invoice's month, then {n} days)")
            }
            DueRule::DayOfMonth { months: 1, day } if fr => {
                format!("le {day} du mois suivant celui de la facture")
            }
            DueRule::DayOfMonth { months: 1, day } => {
                format!("on day {day} of the month after the invoice's month")
            }
            DueRule::DayOfMonth { months, day } if fr => {
                format!("le {day} du {months}e mois après celui de la facture")
            }
            DueRule::DayOfMonth { months, day } => {
                format!("on day {day} of the month {months} months after the invoice's month")
            }
            DueRule::MonthsAfterEndOfMonth(n) if fr => {
                format!("{n} mois fin de mois (fin du {n}e mois après celui de la facture)")
            }
            DueRule::MonthsAfterEndOfMonth(n) => {
                format!(
                    "{n} months end of month (the end of the month {n} months after the invoice's)"
                )
            }
        }
    }
}

/// `net 30`, `45 days end of month`, `end of month + 45 days`, `day 10 after 1 month`,
/// `2 months end of month`.
impl fmt::Display for DueRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DueRule::DaysAfterInvoice(n) => write!(f, "net {n}"),
            DueRule::EndOfMonthAfterDays(n) => write!(f, "{n} days end of month"),
            DueRule::DaysAfterEndOfMonth(n) => write!(f, "end of month + {n} days"),
            DueRule::DayOfMonth { months, day } => {
                write!(f, "day {day} after {months} month(s)")
            }
            DueRule::MonthsAfterEndOfMonth(n) => write!(f, "{n} months end of month"),
        }
    }
}

/// The last day of `date`'s month.
pub(crate) fn end_of_month(date: NaiveDate) -> Option<NaiveDate> {
    date.with_day(1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum DueRuleRepr {
    DaysAfterInvoice(u32),
    EndOfMonthAfterDays(u32),
    DaysAfterEndOfMonth(u32),
    DayOfMonth { months: u32, day: u32 },
    MonthsAfterEndOfMonth(u32),
}

#[cfg(feature = "serde")]
impl TryFrom<DueRuleRepr> for DueRule {
    type Error = Error;

    fn try_from(r: DueRuleRepr) -> Result<DueRule> {
        match r {
            DueRuleRepr::DaysAfterInvoice(n) => DueRule::DaysAfterInvoice(n),
            DueRuleRepr::EndOfMonthAfterDays(n) => DueRule::EndOfMonthAfterDays(n),
            DueRuleRepr::DaysAfterEndOfMonth(n) => DueRule::DaysAfterEndOfMonth(n),
            DueRuleRepr::DayOfMonth { months, day } => DueRule::DayOfMonth { months, day },
            DueRuleRepr::MonthsAfterEndOfMonth(n) => DueRule::MonthsAfterEndOfMonth(n),
        }
        .checked()
    }
}

#[cfg(feature = "serde")]
impl From<DueRule> for DueRuleRepr {
    fn from(r: DueRule) -> DueRuleRepr {
        match r {
            DueRule::DaysAfterInvoice(n) => DueRuleRepr::DaysAfterInvoice(n),
            DueRule::EndOfMonthAfterDays(n) => DueRuleRepr::EndOfMonthAfterDays(n),
            DueRule::DaysAfterEndOfMonth(n) => DueRuleRepr::DaysAfterEndOfMonth(n),
            DueRule::DayOfMonth { months, day } => DueRuleRepr::DayOfMonth { months, day },
            DueRule::MonthsAfterEndOfMonth(n) => DueRuleRepr::MonthsAfterEndOfMonth(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn the_two_end_of_month_readings_with_dates() -> Result<()> {
        let cases = [
            (d(2027, 1, 15), d(2027, 3, 31), d(2027, 3, 17)),
            (d(2027, 1, 31), d(2027, 3, 31), d(2027, 3, 17)),
            (d(2027, 2, 20), d(2027, 4, 30), d(2027, 4, 14)),
            (d(2028, 2, 29), d(2028, 4, 30), d(2028, 4, 14)),
            (d(2027, 12, 10), d(2028, 1, 31), d(2028, 2, 14)),
        ];
        for (issued, days_then_eom, eom_then_days) in cases {
            assert_eq!(
                DueRule::EndOfMonthAfterDays(45).due_date(issued)?,
                days_then_eom
            );
            assert_eq!(
                DueRule::DaysAfterEndOfMonth(45).due_date(issued)?,
                eom_then_days
            );
        }
        Ok(())
    }

    #[test]
    fn day_of_month_clamps_and_months_after_end_of_month() -> Result<()> {
        let rule = DueRule::DayOfMonth { months: 1, day: 30 };
        assert_eq!(rule.due_date(d(2027, 1, 31))?, d(2027, 2, 28));
        assert_eq!(rule.due_date(d(2027, 12, 1))?, d(2028, 1, 30));
        assert_eq!(
            DueRule::MonthsAfterEndOfMonth(0).due_date(d(2027, 2, 3))?,
            d(2027, 2, 28)
        );
        assert_eq!(
            DueRule::MonthsAfterEndOfMonth(1).due_date(d(2027, 1, 31))?,
            d(2027, 2, 28)
        );
        Ok(())
    }
}
