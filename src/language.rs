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

impl Language {
    /// The colon after a label as the language writes it: `":"` in English, `" :"` in French.
    ///
    /// French puts a space before `:` (and `;`, `?`, `!`, `%`); explanations are plain text, so
    /// it is a plain space, as between the groups of digits of an amount (`1 234,56 EUR`): a
    /// renderer to HTML or print may make both unbreakable. Every text the crate writes follows
    /// this rule.
    ///
    /// ```
    /// use echeancier::Language;
    ///
    /// assert_eq!(format!("Intérêts{} 119,73 EUR", Language::French.colon()), "Intérêts : 119,73 EUR");
    /// assert_eq!(format!("Interest{} 119.73 EUR", Language::English.colon()), "Interest: 119.73 EUR");
    /// ```
    pub fn colon(self) -> &'static str {
        match self {
            Language::English => ":",
            Language::French => " :",
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

impl crate::money::Money {
    /// The amount as a reader of `language` writes it: `1,234.56 EUR` in English, `1 234,56 EUR`
    /// in French (thousands grouped, the decimal mark of the language). `Display` gives the plain
    /// form (`1234.56 EUR`) that [`FromStr`](core::str::FromStr) reads back.
    ///
    /// ```
    /// use echeancier::{Language, Money};
    ///
    /// let owed: Money = "4850.00 EUR".parse()?;
    /// assert_eq!(owed.to_string_in(Language::English), "4,850.00 EUR");
    /// assert_eq!(owed.to_string_in(Language::French), "4 850,00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn to_string_in(&self, language: Language) -> String {
        money(*self, language)
    }
}

// Formatting figures for explanations. One place, so every explanation writes an amount, a date
// or a period the same way in a given language.

/// `1,234.56 EUR` in English, `1 234,56 EUR` in French. Explanations are plain text, so French
/// groups thousands with a plain space; a renderer to HTML or print may make it unbreakable.
/// Negative amounts keep their sign.
pub(crate) fn money(amount: crate::money::Money, language: Language) -> String {
    let (group, decimal) = match language {
        Language::English => (",", "."),
        Language::French => (" ", ","),
    };
    let text = amount.amount().abs().to_string();
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped =
        String::with_capacity(whole.len().saturating_mul(group.len().saturating_add(1)));
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && whole.len().saturating_sub(i) % 3 == 0 {
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
        Some(f) => format!("{sign}{grouped}{decimal}{f} {}", amount.currency()),
        None => format!("{sign}{grouped} {}", amount.currency()),
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
    let number = percent.percent().to_string();
    match language {
        Language::English => format!("{number}%"),
        Language::French => format!("{} %", number.replace('.', ",")),
    }
}

/// "per month", "per quarter", "per 2 weeks", "per half-month" in English; "par mois", "par
/// trimestre", "par période de 2 semaines", "par demi-mois" in French.
pub(crate) fn per_period(period: crate::frequency::Frequency, language: Language) -> String {
    let (count, den) = period.year_fraction();
    let (english, french) = match (count, den) {
        (1, 12) => ("per month".to_owned(), "par mois".to_owned()),
        (3, 12) => ("per quarter".to_owned(), "par trimestre".to_owned()),
        (6, 12) => ("per half-year".to_owned(), "par semestre".to_owned()),
        (12, 12) => ("per year".to_owned(), "par an".to_owned()),
        (1, 52) => ("per week".to_owned(), "par semaine".to_owned()),
        (1, 365) => ("per day".to_owned(), "par jour".to_owned()),
        (1, 24) => ("per half-month".to_owned(), "par demi-mois".to_owned()),
        (n, 12) => (
            format!("per {n} months"),
            format!("par période de {n} mois"),
        ),
        (n, 52) => (
            format!("per {n} weeks"),
            format!("par période de {n} semaines"),
        ),
        (n, _) => (format!("per {n} days"), format!("par période de {n} jours")),
    };
    match language {
        Language::English => english,
        Language::French => french,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frequency::Frequency;
    use crate::money::{Currency, Money};
    use crate::percent::Percent;

    fn m(text: &str) -> Money {
        text.parse().unwrap()
    }

    #[test]
    fn amounts_are_written_the_language_way() {
        let cases = [
            ("1234.56 EUR", "1,234.56 EUR", "1 234,56 EUR"),
            ("0.05 EUR", "0.05 EUR", "0,05 EUR"),
            ("-1234567.00 EUR", "-1,234,567.00 EUR", "-1 234 567,00 EUR"),
            ("999.99 EUR", "999.99 EUR", "999,99 EUR"),
            ("123456 JPY", "123,456 JPY", "123 456 JPY"),
            ("1000.500 TND", "1,000.500 TND", "1 000,500 TND"),
            ("0.00 EUR", "0.00 EUR", "0,00 EUR"),
        ];
        for (amount, english, french) in cases {
            assert_eq!(money(m(amount), Language::English), english);
            assert_eq!(money(m(amount), Language::French), french);
        }
        assert_eq!(
            money(
                Money::zero(Currency::new("XTS", 1).unwrap()),
                Language::French
            ),
            "0,0 XTS:1"
        );
    }

    #[test]
    fn dates_are_written_out() {
        let d = chrono::NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
        assert_eq!(date(d, Language::English), "1 February 2027");
        assert_eq!(date(d, Language::French), "1er février 2027");
        let d = chrono::NaiveDate::from_ymd_opt(2028, 12, 31).unwrap();
        assert_eq!(date(d, Language::French), "31 décembre 2028");
    }

    #[test]
    fn periods_and_percentages() {
        let cases = [
            (Frequency::MONTHLY, "per month", "par mois"),
            (Frequency::WEEKLY, "per week", "par semaine"),
            (
                Frequency::EVERY_2_WEEKS,
                "per 2 weeks",
                "par période de 2 semaines",
            ),
            (Frequency::QUARTERLY, "per quarter", "par trimestre"),
            (Frequency::YEARLY, "per year", "par an"),
            (
                Frequency::semi_monthly(15, 31).unwrap(),
                "per half-month",
                "par demi-mois",
            ),
        ];
        for (period, english, french) in cases {
            assert_eq!(per_period(period, Language::English), english);
            assert_eq!(per_period(period, Language::French), french);
        }
        let ten = Frequency::every_days(10).unwrap();
        assert_eq!(per_period(ten, Language::French), "par période de 10 jours");
        let share: Percent = "2.5%".parse().unwrap();
        assert_eq!(percent(share, Language::English), "2.5%");
        assert_eq!(percent(share, Language::French), "2,5 %");
    }
}
