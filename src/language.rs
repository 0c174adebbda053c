//! The languages explanations are written in.
//!
//! Capacity breakdowns and proposed plans explain themselves in plain words for the debtor and the
//! creditor; the seeds of this practice are French, its users also write in English.

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, Result};

/// A language for plain-language explanations.
///
/// Text and JSON use the ISO 639-1 code: `"en"`, `"fr"`.
///
/// ```
/// use echeancier::Language;
///
/// assert_eq!("fr".parse::<Language>()?, Language::French);
/// assert_eq!(Language::English.to_string(), "en");
/// assert_eq!(Language::default(), Language::English);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Language {
    /// English.
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "en"))]
    English,
    /// French.
    #[cfg_attr(feature = "serde", serde(rename = "fr"))]
    French,
}

impl Language {
    /// The ISO 639-1 code: `"en"` or `"fr"`.
    ///
    /// ```
    /// assert_eq!(echeancier::Language::French.code(), "fr");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = Error;

    fn from_str(s: &str) -> Result<Language> {
        match s {
            "en" => Ok(Language::English),
            "fr" => Ok(Language::French),
            _ => Err(Error::Parse {
                what: "a language (\"en\" or \"fr\")",
                input: s.to_owned(),
            }),
        }
    }
}

// Formatting figures for explanations. One place, so every explanation writes an amount, a date
// or a period the same way in a given language.

/// `1,234.56 EUR` in English, `1 234,56 EUR` in French (a narrow no-break space groups thousands,
/// as French typography has it). Negative amounts keep their sign.
pub(crate) fn money(amount: crate::money::Money, language: Language) -> String {
    let (group, decimal) = match language {
        Language::English => (",", "."),
        Language::French => ("\u{202f}", ","),
    };
    let text = amount.amount().abs().to_string();
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3 * group.len());
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(digit);
    }
    let sign = if amount.amount().is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    match fraction {
        Some(f) => format!("{sign}{grouped}{decimal}{f} {}", amount.currency().code()),
        None => format!("{sign}{grouped} {}", amount.currency().code()),
    }
}

/// `5 February 2027` in English, `5 février 2027` in French (`1er` for the first of the month).
pub(crate) fn date(date: chrono::NaiveDate, language: Language) -> String {
    use chrono::Datelike;
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let names = match language {
        Language::English => &EN,
        Language::French => &FR,
    };
    let month = names.get(date.month0() as usize).copied().unwrap_or("?");
    match (language, date.day()) {
        (Language::French, 1) => format!("1er {month} {}", date.year()),
        (_, day) => format!("{day} {month} {}", date.year()),
    }
}

/// `71.33%` in English, `71,33 %` in French.
pub(crate) fn percent(percent: crate::percent::Percent, language: Language) -> String {
    match language {
        Language::English => format!("{}%", percent.percent()),
        Language::French => format!("{}\u{a0}%", percent.percent()).replace('.', ","),
    }
}

/// `per month`, `per 2 weeks`, `per 10 days` in English; `par mois`, `par quinzaine`,
/// `par période de 10 jours` in French.
pub(crate) fn per_period(frequency: crate::frequency::Frequency, language: Language) -> String {
    match language {
        Language::English => format!("per {}", frequency.period_name()),
        Language::French => {
            let (n, d) = frequency.year_fraction();
            match (n, d) {
                (1, 12) => "par mois".to_owned(),
                (3, 12) => "par trimestre".to_owned(),
                (6, 12) => "par semestre".to_owned(),
                (12, 12) => "par an".to_owned(),
                (n, 12) => format!("par période de {n} mois"),
                (1, 52) => "par semaine".to_owned(),
                (2, 52) => "par quinzaine".to_owned(),
                (n, 52) => format!("par période de {n} semaines"),
                (1, _) => "par jour".to_owned(),
                (n, _) => format!("par période de {n} jours"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frequency::Frequency;
    use crate::money::Money;

    fn m(text: &str) -> Money {
        text.parse()
            .unwrap_or_else(|_| Money::zero(crate::money::Currency::EUR))
    }

    #[test]
    fn amounts_are_grouped_the_way_each_language_writes_them() {
        assert_eq!(
            money(m("1234567.89 EUR"), Language::English),
            "1,234,567.89 EUR"
        );
        assert_eq!(
            money(m("1234567.89 EUR"), Language::French),
            "1\u{202f}234\u{202f}567,89 EUR"
        );
        assert_eq!(money(m("999.00 EUR"), Language::English), "999.00 EUR");
        assert_eq!(money(m("1000 JPY"), Language::English), "1,000 JPY");
        assert_eq!(money(m("-1500.50 EUR"), Language::English), "-1,500.50 EUR");
        assert_eq!(money(m("0.00 EUR"), Language::French), "0,00 EUR");
    }

    #[test]
    fn dates_are_written_out() {
        let d = chrono::NaiveDate::from_ymd_opt(2027, 2, 1).unwrap_or_default();
        assert_eq!(date(d, Language::English), "1 February 2027");
        assert_eq!(date(d, Language::French), "1er février 2027");
    }

    #[test]
    fn periods_read_naturally() {
        assert_eq!(per_period(Frequency::MONTHLY, Language::French), "par mois");
        assert_eq!(
            per_period(Frequency::EVERY_2_WEEKS, Language::French),
            "par quinzaine"
        );
        assert_eq!(
            per_period(Frequency::QUARTERLY, Language::English),
            "per 3 months"
        );
        assert_eq!(
            per_period(
                Frequency::every_days(10).unwrap_or(Frequency::WEEKLY),
                Language::French
            ),
            "par période de 10 jours"
        );
    }

    #[test]
    fn percentages_use_the_decimal_comma_in_french() {
        let p: crate::percent::Percent = "71.33%".parse().unwrap_or_default();
        assert_eq!(percent(p, Language::English), "71.33%");
        assert_eq!(percent(p, Language::French), "71,33\u{a0}%");
    }
}
