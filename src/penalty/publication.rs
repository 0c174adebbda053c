//! Reading the French legal interest rate as it is published, and extending a table with newer rows.
//!
//! The *taux de l'intérêt légal* is set for each half-year by an arrêté of the Ministry of Economy,
//! published in the Journal officiel in June and December, and repeated in tables (Banque de France,
//! service-public.fr, data.gouv.fr). Every one of those gives, for each half-year, two rates in the same
//! order: first for creditors who are natural persons not acting for professional needs, then for all
//! other cases. [`RateTable::from_fr_legal_rate_publication`] reads any of them: the arrêté's own
//! sentences, a table copied from a web page, or a CSV export with either decimal mark.

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::rate_table::{LegalRateCreditor, RateTable};
use crate::error::{Error, Result};
use crate::input::{FIRST_SUPPORTED_DATE, LAST_SUPPORTED_DATE};

/// What a publication is read as, in error messages.
const PUBLICATION: &str =
    "a publication of the French legal interest rate (each half-year followed by its two rates)";

/// A word, number, date or sign of a publication.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    Word(String),
    Number(Decimal),
    Date(NaiveDate),
    /// `2026S1`, `2026-S2`: a half-year in one token.
    Half(i32, bool),
    Percent,
    Degree,
}

/// A half-year found in the publication and the rates read after it.
struct Found {
    start: NaiveDate,
    end: NaiveDate,
    rates: Vec<Decimal>,
}

impl RateTable {
    /// Reads the French legal interest rate as published, for the given kind of creditor: the
    /// arrêté's sentences as the Journal officiel prints them ("Pour le premier semestre 2027, le taux
    /// de l'intérêt légal est fixé : 1° Pour les créances des personnes physiques n'agissant pas pour
    /// des besoins professionnels : à 6,28 % ; 2° Pour tous les autres cas : à 2,40 %."), several
    /// arrêtés one after the other, or a table of half-years (`1er semestre 2026 ; 6,67 % ; 2,62 %`,
    /// `2026S1;6,67;2,62`, or the crate's own `2026-01-01,2026-06-30,6.67,2.62`).
    ///
    /// A half-year is named by its first day (`2026-07-01`, optionally followed by its last day),
    /// `2026S2` / `2026-S2` / `S2 2026`, or in words (`1er` or `1ᵉʳ`, `premier`, `1`, `2e` or `2ᵉ`,
    /// `2nd`, `second`, `deuxième`, `2` … `semestre 2026`). The two numbers after it are its rates,
    /// the personal creditor's first, as in every publication; when the text marks rates with `%`,
    /// only numbers followed by `%` count, so the arrêté's article numbers and dates are not taken
    /// for rates (without `%`, a number followed by `°`, as in `1°`, is not one either). A decimal
    /// comma is read as a decimal mark unless the line also writes decimals with a point and no
    /// `;` separates its fields. The table is valid through the last day of the last half-year
    /// read.
    ///
    /// Extend the built-in table with the rows published since it was compiled with
    /// [`RateTable::extended_with`].
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] naming the half-year that is not followed by exactly two rates, or the start
    /// of the text when no half-year is found; [`Error::DuplicateRateDate`] for a half-year given
    /// twice; [`Error::RateTableGap`] for a half-year missing between two others; the errors of
    /// [`RateTable::new`].
    ///
    /// ```
    /// use echeancier::{LegalRateCreditor, RateTable};
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// // An arrêté as the Journal officiel prints it (the figures of a future half-year are made up).
    /// let arrete = "Article 1
    ///     Pour le premier semestre 2027, le taux de l'intérêt légal est fixé :
    ///     1° Pour les créances des personnes physiques n'agissant pas pour des besoins professionnels : à 6,28 % ;
    ///     2° Pour tous les autres cas : à 2,40 %.
    ///     Article 2
    ///     Le présent arrêté sera publié au Journal officiel de la République française.";
    /// let other = RateTable::from_fr_legal_rate_publication(arrete, LegalRateCreditor::OtherCases)?;
    /// assert_eq!(other.percent_on(d(2027, 3, 1))?, Decimal::new(240, 2));
    /// assert_eq!(other.valid_until(), d(2027, 6, 30));
    ///
    /// // A table of half-years, semicolons and decimal commas.
    /// let table = "Période;Particuliers;Autres cas\n2026S1;6,67;2,62\n2026S2;6,45;2,51\n";
    /// let personal =
    ///     RateTable::from_fr_legal_rate_publication(table, LegalRateCreditor::PersonalCreditor)?;
    /// assert_eq!(personal.percent_on(d(2026, 9, 1))?, Decimal::new(645, 2));
    ///
    /// // The built-in table, extended with the half-years published since.
    /// let legal = RateTable::fr_legal_rate(LegalRateCreditor::OtherCases)?
    ///     .extended_with(&RateTable::from_fr_legal_rate_publication(
    ///         "2026-07-01,2026-12-31,6.45,2.51\n2027-01-01,2027-06-30,6.28,2.40",
    ///         LegalRateCreditor::OtherCases,
    ///     )?)?;
    /// assert_eq!(legal.percent_on(d(2025, 3, 1))?, Decimal::new(371, 2));
    /// assert_eq!(legal.percent_on(d(2027, 3, 1))?, Decimal::new(240, 2));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn from_fr_legal_rate_publication(
        text: &str,
        creditor: LegalRateCreditor,
    ) -> Result<RateTable> {
        let tokens: Vec<Token> = text.lines().flat_map(line_tokens).collect();
        let percent_marked = tokens.contains(&Token::Percent);
        let mut found: Vec<Found> = Vec::new();
        let mut i = 0;
        while let Some(token) = tokens.get(i) {
            if let Some((start, used)) = half_year_at(&tokens, i) {
                let end = half_year_end(start)?;
                found.push(Found {
                    start,
                    end,
                    rates: Vec::new(),
                });
                i = i.saturating_add(used);
                // The last day of the half-year may follow its first.
                if tokens.get(i) == Some(&Token::Date(end)) {
                    i = i.saturating_add(1);
                }
                continue;
            }
            if let (Token::Number(value), Some(current)) = (token, found.last_mut()) {
                let next = tokens.get(i.saturating_add(1));
                let is_rate = next != Some(&Token::Degree)
                    && (!percent_marked || next == Some(&Token::Percent));
                if is_rate {
                    current.rates.push(*value);
                }
            }
            i = i.saturating_add(1);
        }
        if found.is_empty() {
            return Err(Error::Parse {
                what: PUBLICATION,
                input: text.chars().take(80).collect(),
            });
        }
        found.sort_by_key(|f| f.start);
        let mut entries = Vec::with_capacity(found.len());
        let mut previous: Option<&Found> = None;
        for half in &found {
            let [personal, other] = half.rates[..] else {
                return Err(Error::Parse {
                    what: PUBLICATION,
                    input: format!(
                        "{} to {}: {} rate(s) ({})",
                        half.start,
                        half.end,
                        half.rates.len(),
                        half.rates
                            .iter()
                            .map(Decimal::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            };
            if let Some(previous) = previous {
                if previous.start == half.start {
                    return Err(Error::DuplicateRateDate { date: half.start });
                }
                if previous.end.checked_add_days(Days::new(1)) != Some(half.start) {
                    return Err(Error::RateTableGap {
                        ends: previous.end,
                        starts: half.start,
                    });
                }
            }
            entries.push((
                half.start,
                match creditor {
                    LegalRateCreditor::PersonalCreditor => personal,
                    LegalRateCreditor::OtherCases => other,
                },
            ));
            previous = Some(half);
        }
        let valid_until = previous.map_or(LAST_SUPPORTED_DATE, |last| last.end);
        RateTable::new(entries, valid_until)
    }

    /// This table with `newer`'s rates over the dates `newer` covers, from its first date of effect to
    /// its end of validity: the way to bring a built-in table up to date with the rows published since
    /// (read with [`RateTable::from_ecb_csv`], [`RateTable::from_fr_legal_rate_publication`],
    /// [`RateTable::from_csv`] or made with [`RateTable::new`]). Where both tables give a rate,
    /// `newer`'s wins; the result is valid through the later of the two ends of validity.
    ///
    /// # Errors
    ///
    /// [`Error::RateTableGap`] when `newer` starts more than a day after this table's end of validity
    /// (or ends more than a day before its first date): the rates in between would be unknown.
    ///
    /// ```
    /// use echeancier::{Error, RateTable};
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// // The ECB's export of the last rows of the series, with a decision after the built-in rows
    /// // (a made-up one).
    /// let newer = RateTable::from_ecb_csv(
    ///     "\"DATE\",\"TIME PERIOD\",\"MRR_FR\"\n\
    ///      \"2025-06-11\",\"11 Jun 2025\",\"2.15\"\n\
    ///      \"2026-12-17\",\"17 Dec 2026\",\"1.9\"\n",
    ///     d(2027, 1, 31),
    /// )?;
    /// let ecb = RateTable::ecb_main_refinancing()?.extended_with(&newer)?;
    /// assert_eq!(ecb.percent_on(d(2026, 12, 1))?, Decimal::new(215, 2));
    /// assert_eq!(ecb.percent_on(d(2027, 1, 15))?, Decimal::new(190, 2));
    /// assert_eq!(ecb.percent_on(d(2020, 1, 1))?, Decimal::ZERO);
    ///
    /// // Rows that leave days without a known rate are refused.
    /// let later = RateTable::new([(d(2027, 6, 1), Decimal::new(175, 2))], d(2027, 6, 30))?;
    /// let err = RateTable::ecb_main_refinancing()?.extended_with(&later).unwrap_err();
    /// assert!(matches!(err, Error::RateTableGap { .. }));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn extended_with(self, newer: &RateTable) -> Result<RateTable> {
        let (from, to) = (newer.first_date(), newer.valid_until());
        let day_after = |date: NaiveDate| date.checked_add_days(Days::new(1)).unwrap_or(date);
        if from > day_after(self.valid_until()) {
            return Err(Error::RateTableGap {
                ends: self.valid_until(),
                starts: from,
            });
        }
        if day_after(to) < self.first_date() {
            return Err(Error::RateTableGap {
                ends: to,
                starts: self.first_date(),
            });
        }
        let mut entries: Vec<(NaiveDate, Decimal)> =
            self.entries().filter(|(date, _)| *date < from).collect();
        entries.extend(newer.entries());
        // This table's rates after the newer one's end of validity still hold.
        let resume = day_after(to);
        if resume > to && resume <= self.valid_until() {
            if let Ok(percent) = self.percent_on(resume) {
                entries.push((resume, percent));
            }
            entries.extend(self.entries().filter(|(date, _)| *date > resume));
        }
        RateTable::new(entries, self.valid_until().max(to))
    }
}

/// The tokens of one line of a publication.
fn line_tokens(line: &str) -> Vec<Token> {
    let chars: Vec<char> = line.chars().collect();
    let between_digits = |at: usize| {
        at.checked_sub(1)
            .and_then(|before| chars.get(before))
            .is_some_and(char::is_ascii_digit)
            && chars
                .get(at.saturating_add(1))
                .is_some_and(char::is_ascii_digit)
    };
    let point_decimals =
        (0..chars.len()).any(|at| chars.get(at) == Some(&'.') && between_digits(at));
    let comma_is_decimal = line.contains(';') || line.contains('\t') || !point_decimals;
    let mut tokens = Vec::new();
    let mut word = String::new();
    for (at, c) in chars.iter().enumerate() {
        // An apostrophe ends a word: "l'intérêt" reads as "l" and "intérêt", which changes nothing
        // a half-year's name or a rate is read from.
        let keeps_word = c.is_alphanumeric()
            || (*c == '-' && !word.is_empty())
            || (*c == '.' && between_digits(at))
            || (*c == ',' && comma_is_decimal && between_digits(at));
        if keeps_word {
            word.push(*c);
            continue;
        }
        push_word(&mut tokens, &mut word);
        match c {
            '%' => tokens.push(Token::Percent),
            '°' => tokens.push(Token::Degree),
            _ => {}
        }
    }
    push_word(&mut tokens, &mut word);
    tokens
}

fn push_word(tokens: &mut Vec<Token>, word: &mut String) {
    let text = core::mem::take(word).to_lowercase();
    let text = text.trim_end_matches('-');
    if text.is_empty() {
        return;
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        tokens.push(Token::Date(date));
    } else if let Some(half) = compact_half(text) {
        tokens.push(half);
    } else if let Ok(number) = Decimal::from_str_exact(&text.replace(',', ".")) {
        tokens.push(Token::Number(number));
    } else {
        tokens.push(Token::Word(text.to_owned()));
    }
}

/// `2026s1`, `2026-s2`.
fn compact_half(text: &str) -> Option<Token> {
    let (year, half) = text.split_once('s')?;
    let year = year.strip_suffix('-').unwrap_or(year);
    let second = match half {
        "1" => false,
        "2" => true,
        _ => return None,
    };
    (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
        .then(|| year.parse().ok().map(|year| Token::Half(year, second)))
        .flatten()
}

/// The first day of the half-year named at `tokens[i]`, and how many tokens name it.
fn half_year_at(tokens: &[Token], i: usize) -> Option<(NaiveDate, usize)> {
    let year_at = |at: usize| match tokens.get(at) {
        Some(Token::Number(n)) if n.fract().is_zero() => n.to_i32(),
        _ => None,
    };
    let start = |year: i32, second: bool| {
        NaiveDate::from_ymd_opt(year, if second { 7 } else { 1 }, 1)
            .filter(|date| (FIRST_SUPPORTED_DATE..=LAST_SUPPORTED_DATE).contains(date))
    };
    match tokens.get(i)? {
        Token::Date(date) if date.day() == 1 && (date.month() == 1 || date.month() == 7) => {
            start(date.year(), date.month() == 7).map(|date| (date, 1))
        }
        Token::Half(year, second) => start(*year, *second).map(|date| (date, 1)),
        Token::Word(word) if word == "s1" || word == "s2" => {
            start(year_at(i.saturating_add(1))?, word == "s2").map(|date| (date, 2))
        }
        first => {
            let second = match first {
                Token::Word(word) => match word.as_str() {
                    "1er" | "1ᵉʳ" | "1re" | "1ʳᵉ" | "premier" | "première" | "premiere" => {
                        false
                    }
                    "2e" | "2ᵉ" | "2è" | "2ème" | "2ᵉᵐᵉ" | "2eme" | "2nd" | "2ⁿᵈ" | "2d" | "2ᵈ"
                    | "second" | "deuxième" | "deuxieme" => true,
                    _ => return None,
                },
                Token::Number(n) if *n == Decimal::ONE => false,
                Token::Number(n) if *n == Decimal::TWO => true,
                _ => return None,
            };
            match tokens.get(i.saturating_add(1))? {
                Token::Word(word) if word == "semestre" => {}
                _ => return None,
            }
            start(year_at(i.saturating_add(2))?, second).map(|date| (date, 3))
        }
    }
}

/// The last day of the half-year starting on `start`.
fn half_year_end(start: NaiveDate) -> Result<NaiveDate> {
    let (month, day) = if start.month() == 1 {
        (6, 30)
    } else {
        (12, 31)
    };
    NaiveDate::from_ymd_opt(start.year(), month, day).ok_or_else(|| Error::DateOutOfRange {
        what: format!("the end of the half-year starting on {start}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn read(text: &str, creditor: LegalRateCreditor) -> Result<RateTable> {
        RateTable::from_fr_legal_rate_publication(text, creditor)
    }

    #[test]
    fn the_built_in_table_is_the_file_line_by_line() {
        // The file split by hand: `start,end,personal,other`, each half-year the day after the
        // one before, the table valid through the last end.
        let data = include_str!("data/fr-taux-interet-legal.csv");
        let rows: Vec<Vec<&str>> = data
            .lines()
            .skip(1)
            .map(|l| l.split(',').collect())
            .collect();
        assert!(rows.len() >= 20, "{} half-years", rows.len());
        for (creditor, column) in [
            (LegalRateCreditor::PersonalCreditor, 2),
            (LegalRateCreditor::OtherCases, 3),
        ] {
            let table = RateTable::fr_legal_rate(creditor).unwrap();
            let by_hand: Vec<(NaiveDate, Decimal)> = rows
                .iter()
                .map(|row| (row[0].parse().unwrap(), row[column].parse().unwrap()))
                .collect();
            let read: Vec<(NaiveDate, Decimal)> = table.entries().collect();
            assert_eq!(read, by_hand);
            let last_end: NaiveDate = rows.last().unwrap()[1].parse().unwrap();
            assert_eq!(table.valid_until(), last_end);
        }
        for pair in rows.windows(2) {
            let end: NaiveDate = pair[0][1].parse().unwrap();
            let next: NaiveDate = pair[1][0].parse().unwrap();
            assert_eq!(end.succ_opt(), Some(next));
        }
    }

    #[test]
    fn every_way_of_naming_a_half_year_reads_the_same() {
        let expected = RateTable::new(
            [
                (d(2026, 1, 1), Decimal::new(262, 2)),
                (d(2026, 7, 1), Decimal::new(251, 2)),
            ],
            d(2026, 12, 31),
        )
        .unwrap();
        for text in [
            "2026S1;6,67;2,62\n2026S2;6,45;2,51",
            "2026-S1\t6,67\t2,62\n2026-s2\t6,45\t2,51",
            "S1 2026 | 6,67 % | 2,62 %\nS2 2026 | 6,45 % | 2,51 %",
            "1er semestre 2026 : 6,67 % et 2,62 %\n2e semestre 2026 : 6,45 % et 2,51 %",
            "Premier semestre 2026\n6,67 %\n2,62 %\nDeuxième semestre 2026\n6,45 %\n2,51 %",
            "2026-01-01,2026-06-30,6.67,2.62\n2026-07-01,2026-12-31,6.45,2.51",
            "2026-07-01 6.45 2.51\n2026-01-01 6.67 2.62",
        ] {
            assert_eq!(
                read(text, LegalRateCreditor::OtherCases).unwrap(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn a_full_stop_or_a_dotted_date_does_not_make_decimal_commas_points() {
        let expected =
            RateTable::new([(d(2026, 7, 1), Decimal::new(251, 2))], d(2026, 12, 31)).unwrap();
        for text in [
            // A full stop after a year is not a decimal point: the commas stay decimal.
            "Pour le second semestre 2026. Taux : 6,45 % et 2,51 %.",
            // Fields separated by semicolons keep decimal commas, whatever else writes a point.
            "2026S2;6,45;2,51;publié le 29.06.2026",
        ] {
            assert_eq!(
                read(text, LegalRateCreditor::OtherCases).unwrap(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn without_percent_signs_the_numbered_points_are_not_rates() {
        let text = "Pour le premier semestre 2027, le taux de l'intérêt légal est fixé :\n\
            1° Pour les créances des personnes physiques n'agissant pas pour des besoins \
            professionnels : à 6,28 ;\n2° Pour tous les autres cas : à 2,40.";
        let other = read(text, LegalRateCreditor::OtherCases).unwrap();
        assert_eq!(
            other.entries().collect::<Vec<_>>(),
            [(d(2027, 1, 1), Decimal::new(240, 2))]
        );
    }

    #[test]
    fn a_compact_half_year_has_a_year_of_four_digits() {
        for text in ["02026S1;6,67;2,62", "226S1;6,67;2,62", "20x6S1;6,67;2,62"] {
            assert!(
                matches!(
                    read(text, LegalRateCreditor::OtherCases),
                    Err(Error::Parse { .. })
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn half_years_in_words_numbers_and_superscripts_read_the_same() {
        let expected = RateTable::new(
            [
                (d(2026, 1, 1), Decimal::new(262, 2)),
                (d(2026, 7, 1), Decimal::new(251, 2)),
            ],
            d(2026, 12, 31),
        )
        .unwrap();
        for (first, second) in [
            ("1", "2"),
            ("1ᵉʳ", "2ᵉ"),
            ("1ʳᵉ", "2ⁿᵈ"),
            ("premier", "deuxième"),
        ] {
            let text = format!(
                "{first} semestre 2026 : 6,67 % et 2,62 %\n{second} semestre 2026 : 6,45 % et 2,51 %"
            );
            assert_eq!(
                read(&text, LegalRateCreditor::OtherCases).unwrap(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn what_is_not_a_half_year_is_not_read_as_one() {
        for text in [
            // A quarter.
            "1er trimestre 2026 : 6,67 % et 2,62 %",
            // A year that is not a whole number.
            "1er semestre 2026,5 : 6,67 % et 2,62 %",
            // Neither 1 nor 2.
            "3 semestre 2026 : 6,67 % et 2,62 %",
        ] {
            assert!(
                matches!(
                    read(text, LegalRateCreditor::OtherCases),
                    Err(Error::Parse { .. })
                ),
                "{text}"
            );
        }
        // A date that does not start a half-year (the day it was published) is not one.
        for published in ["2026-06-19", "2026-12-01", "2026-01-15"] {
            let text = format!("2026S2;6,45;2,51;publié le {published}");
            let table = read(&text, LegalRateCreditor::OtherCases).unwrap();
            assert_eq!(
                table.entries().collect::<Vec<_>>(),
                [(d(2026, 7, 1), Decimal::new(251, 2))],
                "{text}"
            );
        }
    }

    #[test]
    fn two_arretes_in_a_row_read_as_two_half_years() {
        let text = "Arrêté du 19 juin 2026 relatif à la fixation du taux de l'intérêt légal\n\
            Vu le code monétaire et financier, notamment ses articles L. 313-2 et D. 313-1-A,\n\
            Article 1\nPour le second semestre 2026, le taux de l'intérêt légal est fixé :\n\
            1° Pour les créances des personnes physiques n'agissant pas pour des besoins professionnels : à 6,45 % ;\n\
            2° Pour tous les autres cas : à 2,51 %.\nArticle 2\nLe présent arrêté sera publié au Journal officiel.\n\
            Arrêté du 18 décembre 2026\nArticle 1\nPour le premier semestre 2027, le taux de l'intérêt légal est fixé :\n\
            1° Pour les créances des personnes physiques n'agissant pas pour des besoins professionnels : à 6,28 % ;\n\
            2° Pour tous les autres cas : à 2,40 %.";
        let personal = read(text, LegalRateCreditor::PersonalCreditor).unwrap();
        assert_eq!(
            personal.entries().collect::<Vec<_>>(),
            [
                (d(2026, 7, 1), Decimal::new(645, 2)),
                (d(2027, 1, 1), Decimal::new(628, 2))
            ]
        );
        assert_eq!(personal.valid_until(), d(2027, 6, 30));
    }

    #[test]
    fn a_half_year_without_two_rates_is_named() {
        let err = read("2026S1;6,67\n", LegalRateCreditor::OtherCases).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read \"2026-01-01 to 2026-06-30: 1 rate(s) (6.67)\" as a publication of the \
             French legal interest rate (each half-year followed by its two rates)"
        );
        let err = read("taux de l'intérêt légal", LegalRateCreditor::OtherCases).unwrap_err();
        assert!(matches!(err, Error::Parse { .. }), "{err}");
    }

    #[test]
    fn gaps_and_repeats_are_refused() {
        let gap = read(
            "2026S1;6,67;2,62\n2027S1;6,28;2,40",
            LegalRateCreditor::OtherCases,
        );
        assert_eq!(
            gap.unwrap_err(),
            Error::RateTableGap {
                ends: d(2026, 6, 30),
                starts: d(2027, 1, 1)
            }
        );
        let twice = read(
            "2026S1;6,67;2,62\n2026S1;6,67;2,62",
            LegalRateCreditor::OtherCases,
        );
        assert_eq!(
            twice.unwrap_err(),
            Error::DuplicateRateDate {
                date: d(2026, 1, 1)
            }
        );
    }

    /// A half-year's name in one of the publications' layouts, and its two rates.
    fn written(
        layout: usize,
        year: i32,
        second: bool,
        personal: Decimal,
        other: Decimal,
    ) -> String {
        let comma = |d: Decimal| d.to_string().replace('.', ",");
        let (start, end) = if second {
            (format!("{year}-07-01"), format!("{year}-12-31"))
        } else {
            (format!("{year}-01-01"), format!("{year}-06-30"))
        };
        let half = if second { 2 } else { 1 };
        match layout {
            0 => format!("{year}S{half};{};{}", comma(personal), comma(other)),
            1 => format!("{start},{end},{personal},{other}"),
            2 => format!(
                "{} semestre {year} : {} % et {} %",
                if second { "2e" } else { "1er" },
                comma(personal),
                comma(other)
            ),
            _ => format!(
                "Article 1\nPour le {} semestre {year}, le taux de l'intérêt légal est fixé :\n\
                 1° Pour les créances des personnes physiques n'agissant pas pour des besoins \
                 professionnels : à {} % ;\n2° Pour tous les autres cas : à {} %.\nArticle 2",
                if second { "second" } else { "premier" },
                comma(personal),
                comma(other)
            ),
        }
    }

    proptest::proptest! {
        /// Whatever the text, it is read or refused with an error: never a panic.
        #[test]
        fn any_text_is_read_or_refused(text in "\\PC{0,300}") {
            let _ = read(&text, LegalRateCreditor::OtherCases);
        }

        /// Half-years written one after the other in any of the layouts (one layout a
        /// publication, as publishers do) read back to their rates, for either creditor.
        #[test]
        fn written_half_years_read_back(
            year in 1950_i32..2900,
            second in proptest::bool::ANY,
            rates in proptest::collection::vec((0_i64..2_000, 0_i64..2_000), 1..12),
            layout in 0_usize..4,
        ) {
            let mut lines = Vec::new();
            let mut expected = Vec::new();
            let (mut y, mut s) = (year, second);
            for (personal, other) in &rates {
                let (personal, other) = (Decimal::new(*personal, 2), Decimal::new(*other, 2));
                lines.push(written(layout, y, s, personal, other));
                let start = d(y, if s { 7 } else { 1 }, 1);
                expected.push((start, personal.normalize(), other.normalize()));
                if s {
                    y += 1;
                }
                s = !s;
            }
            let text = lines.join("\n");
            let personal = read(&text, LegalRateCreditor::PersonalCreditor).unwrap();
            let other = read(&text, LegalRateCreditor::OtherCases).unwrap();
            let got: Vec<(NaiveDate, Decimal, Decimal)> = personal
                .entries()
                .zip(other.entries())
                .map(|((date, p), (_, o))| (date, p, o))
                .collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn extending_up_to_a_change_of_the_older_table_keeps_that_change() {
        let base = RateTable::new(
            [(d(2026, 1, 1), Decimal::ONE), (d(2026, 7, 1), Decimal::TWO)],
            d(2026, 12, 31),
        )
        .unwrap();
        // A correction of March to June: the older rate of July takes over the day after it.
        let correction = RateTable::new([(d(2026, 3, 1), Decimal::TEN)], d(2026, 6, 30)).unwrap();
        let table = base.extended_with(&correction).unwrap();
        assert_eq!(
            table.entries().collect::<Vec<_>>(),
            [
                (d(2026, 1, 1), Decimal::ONE),
                (d(2026, 3, 1), Decimal::TEN),
                (d(2026, 7, 1), Decimal::TWO)
            ]
        );
    }

    #[test]
    fn an_older_table_ending_the_day_before_is_joined_and_one_day_later_is_not() {
        let base = RateTable::new([(d(2026, 1, 1), Decimal::ONE)], d(2026, 12, 31)).unwrap();
        let older = RateTable::new([(d(2025, 7, 1), Decimal::TWO)], d(2025, 12, 31)).unwrap();
        let table = base.clone().extended_with(&older).unwrap();
        assert_eq!(table.percent_on(d(2025, 12, 31)).unwrap(), Decimal::TWO);
        assert_eq!(table.percent_on(d(2026, 1, 1)).unwrap(), Decimal::ONE);
        assert_eq!(table.first_date(), d(2025, 7, 1));
        assert_eq!(table.valid_until(), d(2026, 12, 31));
        let a_day_short = RateTable::new([(d(2025, 7, 1), Decimal::TWO)], d(2025, 12, 30)).unwrap();
        assert_eq!(
            base.extended_with(&a_day_short).unwrap_err(),
            Error::RateTableGap {
                ends: d(2025, 12, 30),
                starts: d(2026, 1, 1)
            }
        );
    }

    #[test]
    fn tables_valid_to_the_last_date_there_is_extend_to_it() {
        let base = RateTable::new([(d(2026, 1, 1), Decimal::ONE)], NaiveDate::MAX).unwrap();
        let newer = RateTable::new([(d(2027, 1, 1), Decimal::TWO)], NaiveDate::MAX).unwrap();
        let table = base.extended_with(&newer).unwrap();
        assert_eq!(
            table.entries().collect::<Vec<_>>(),
            [(d(2026, 1, 1), Decimal::ONE), (d(2027, 1, 1), Decimal::TWO)]
        );
        assert_eq!(table.percent_on(NaiveDate::MAX).unwrap(), Decimal::TWO);
    }

    #[test]
    fn extending_keeps_the_older_rates_after_a_correction() {
        let base = RateTable::new(
            [(d(2026, 1, 1), Decimal::ONE), (d(2026, 7, 1), Decimal::TWO)],
            d(2026, 12, 31),
        )
        .unwrap();
        let correction = RateTable::new([(d(2026, 3, 1), Decimal::TEN)], d(2026, 3, 31)).unwrap();
        let table = base.extended_with(&correction).unwrap();
        assert_eq!(table.percent_on(d(2026, 2, 28)).unwrap(), Decimal::ONE);
        assert_eq!(table.percent_on(d(2026, 3, 31)).unwrap(), Decimal::TEN);
        assert_eq!(table.percent_on(d(2026, 4, 1)).unwrap(), Decimal::ONE);
        assert_eq!(table.percent_on(d(2026, 7, 1)).unwrap(), Decimal::TWO);
        assert_eq!(table.valid_until(), d(2026, 12, 31));
        // A table entirely before this one, with a month between, is refused.
        let older = RateTable::new([(d(2025, 1, 1), Decimal::ONE)], d(2025, 11, 30)).unwrap();
        assert!(matches!(
            table.extended_with(&older),
            Err(Error::RateTableGap { .. })
        ));
    }
}
