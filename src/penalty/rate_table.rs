//! Dated tables of reference rates (ECB, Bank of England, Bundesbank base rate, French legal rate).
//!
//! A table maps dates of effect to rates and states the last date it is known to be valid: published
//! rates change without notice, so a date after that is an error rather than a guess that yesterday's
//! rate still holds.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// The ECB main refinancing rate, by date of effect (`effective_date,rate_percent`).
const ECB_CSV: &str = include_str!("data/ecb-main-refinancing-rate.csv");
/// The French legal interest rate per half-year
/// (`period_start,period_end,personal_creditor_percent,other_cases_percent`).
const FR_LEGAL_CSV: &str = include_str!("data/fr-taux-interet-legal.csv");

/// The built-in ECB table was gathered in November 2026 and the ECB's next decision after that month
/// could only take effect in mid-December, so the rates are known to be valid through 30 November.
const ECB_VALID_UNTIL: (i32, u32, u32) = (2026, 11, 30);

/// The largest reference rate accepted, in percent, either sign. Only keeps nonsense out: base rates
/// have been negative (the German Basiszinssatz from 2013 to 2022).
const MAX_PERCENT: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// A dated table of reference rates in percent, with the last date it is known to be valid.
///
/// The rate in force on a date is the one of the latest entry taking effect on or before it. Rates may
/// be negative (a central bank's base rate); the penalty rate built on them is checked when it is used.
///
/// Two tables are built in: [`RateTable::ecb_main_refinancing`] and [`RateTable::fr_legal_rate`].
/// Other ones (Bank of England base rate, Deutsche Bundesbank Basiszinssatz) are made by the caller
/// with [`RateTable::new`] or [`RateTable::from_csv`]. The publishers' own files read with
/// [`RateTable::from_ecb_csv`] and [`RateTable::from_fr_legal_rate_publication`], and
/// [`RateTable::extended_with`] brings a built-in table up to date with them.
///
/// ```
/// use echeancier::RateTable;
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let boe = RateTable::new(
///     [(d(2024, 8, 1), Decimal::new(500, 2)), (d(2024, 11, 7), Decimal::new(475, 2))],
///     d(2024, 12, 31),
/// )?;
/// assert_eq!(boe.percent_on(d(2024, 11, 6))?, Decimal::new(500, 2));
/// assert_eq!(boe.percent_on(d(2024, 11, 7))?, Decimal::new(475, 2));
/// let err = boe.percent_on(d(2025, 1, 1)).unwrap_err();
/// assert_eq!(err.to_string(), "no rate known for 2025-01-01: the table covers 2024-08-01 to 2024-12-31; add the rates published since (RateTable::with_rate, then with_valid_until), or read the publisher's file (RateTable::from_ecb_csv, RateTable::from_fr_legal_rate_publication) and extend the table with it (RateTable::extended_with)");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RateTableRepr", into = "RateTableRepr")
)]
pub struct RateTable {
    /// Strictly increasing dates of effect; never empty.
    entries: Vec<(NaiveDate, Decimal)>,
    /// On or after the last date of effect.
    valid_until: NaiveDate,
}

/// Which of the two French legal interest rates applies (Code monétaire et financier, L313-2).
///
/// ```
/// use echeancier::LegalRateCreditor;
///
/// assert_eq!(LegalRateCreditor::default(), LegalRateCreditor::OtherCases);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum LegalRateCreditor {
    /// The creditor is a natural person not acting for professional purposes.
    PersonalCreditor,
    /// Every other case (a business, or a consumer's debt to anyone but a private person).
    #[default]
    OtherCases,
}

impl RateTable {
    /// A table of `(date of effect, rate in percent)` entries, in any order, known to be valid through
    /// `valid_until`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyRateTable`] without entries; [`Error::DuplicateRateDate`] if two entries share a
    /// date; [`Error::InvalidRate`] for a rate beyond ±1,000 %; [`Error::DateOrder`] if `valid_until`
    /// is before the last date of effect.
    ///
    /// ```
    /// use echeancier::{Error, RateTable};
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// // The Bundesbank base rate was negative from 2013 to 2022.
    /// let base = RateTable::new([(d(2022, 7, 1), Decimal::new(-88, 2))], d(2022, 12, 31))?;
    /// assert_eq!(base.percent_on(d(2022, 9, 1))?, Decimal::new(-88, 2));
    /// assert!(matches!(RateTable::new([], d(2022, 12, 31)), Err(Error::EmptyRateTable)));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(
        entries: impl IntoIterator<Item = (NaiveDate, Decimal)>,
        valid_until: NaiveDate,
    ) -> Result<RateTable> {
        let mut entries: Vec<(NaiveDate, Decimal)> = entries.into_iter().collect();
        entries.sort_by_key(|(date, _)| *date);
        if let Some(date) = entries.windows(2).find_map(|w| match w {
            [(a, _), (b, _)] if a == b => Some(*a),
            _ => None,
        }) {
            return Err(Error::DuplicateRateDate { date });
        }
        if let Some((_, percent)) = entries.iter().find(|(_, p)| p.abs() > MAX_PERCENT) {
            return Err(Error::InvalidRate {
                percent: *percent,
                reason: "a reference rate must lie between -1000% and 1000%",
            });
        }
        let last = entries
            .last()
            .map(|(date, _)| *date)
            .ok_or(Error::EmptyRateTable)?;
        if valid_until < last {
            return Err(Error::DateOrder {
                earlier: "the last rate's date of effect",
                earlier_date: last,
                later: "the table's end of validity",
                later_date: valid_until,
            });
        }
        for (_, percent) in &mut entries {
            *percent = percent.normalize();
        }
        Ok(RateTable {
            entries,
            valid_until,
        })
    }

    /// Reads a table from CSV text: a header line, then one `YYYY-MM-DD,percent` line per rate (the
    /// format of the built-in ECB file). Blank lines and lines starting with `#` are skipped.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] naming the first line that is not a date and a number; the errors of
    /// [`RateTable::new`].
    ///
    /// ```
    /// use echeancier::RateTable;
    /// use chrono::NaiveDate;
    ///
    /// let csv = "effective_date,rate_percent\n2024-08-01,5.00\n2024-11-07,4.75\n";
    /// let table = RateTable::from_csv(csv, NaiveDate::from_ymd_opt(2024, 12, 31).unwrap())?;
    /// assert_eq!(table.entries().count(), 2);
    /// assert!(RateTable::from_csv("h\n2024-13-01,5", NaiveDate::MAX).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn from_csv(text: &str, valid_until: NaiveDate) -> Result<RateTable> {
        let entries = data_lines(text)
            .map(|line| match fields(line).as_slice() {
                [date, percent] => Ok((parse_date(date, line)?, parse_percent(percent, line)?)),
                _ => Err(bad_line(line)),
            })
            .collect::<Result<Vec<_>>>()?;
        RateTable::new(entries, valid_until)
    }

    /// The main refinancing operations rate of the European Central Bank, by date of effect, from
    /// 10 September 2014 (0.05 %) and known to be valid through 30 November 2026 (2.15 % since
    /// 11 June 2025). It is the reference rate of the EU Late Payment Directive for the euro area and of
    /// French B2B late-payment penalties (Code de commerce L441-10).
    ///
    /// The figures are compiled into the crate, last updated on 22 November 2026 (the latest decision
    /// they hold took effect on 11 June 2025). Re-check them against
    /// the ECB's publication before relying on them; a date after 30 November 2026 is refused with
    /// [`Error::RateNotCovered`], whose message says how to refresh the table: extend it with
    /// [`RateTable::with_rate`] and [`RateTable::with_valid_until`] as the ECB decides, or read a
    /// newer one with [`RateTable::from_csv`].
    ///
    /// ```
    /// use echeancier::RateTable;
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// // A later decision, added to the built-in rows.
    /// let ecb = RateTable::ecb_main_refinancing()?
    ///     .with_rate(d(2026, 12, 17), Decimal::new(190, 2))?
    ///     .with_valid_until(d(2027, 6, 30))?;
    /// assert_eq!(ecb.percent_on(d(2027, 3, 1))?, Decimal::new(190, 2));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// None in practice: the compiled-in data is checked by the crate's tests.
    ///
    /// ```
    /// use echeancier::RateTable;
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let ecb = RateTable::ecb_main_refinancing()?;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// assert_eq!(ecb.percent_on(d(2025, 1, 1))?, Decimal::new(315, 2));
    /// assert_eq!(ecb.percent_on(d(2025, 7, 1))?, Decimal::new(215, 2));
    /// assert_eq!(ecb.valid_until(), d(2026, 11, 30));
    /// assert!(ecb.percent_on(d(2027, 1, 1)).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn ecb_main_refinancing() -> Result<RateTable> {
        let (y, m, d) = ECB_VALID_UNTIL;
        let valid_until = NaiveDate::from_ymd_opt(y, m, d).ok_or(Error::DateOutOfRange {
            what: "the ECB table's end of validity".to_owned(),
        })?;
        RateTable::from_csv(ECB_CSV, valid_until)
    }

    /// The French legal interest rate (*taux de l'intérêt légal*, Code monétaire et financier L313-2),
    /// set by arrêté for each half-year, for the given kind of creditor: from 1 January 2015 (when the
    /// two rates began) through 30 June 2026, the last half-year in the compiled-in data (last
    /// updated on 22 November 2026). For a later half-year, read the arrêté or a table of the
    /// half-years published since with [`RateTable::from_fr_legal_rate_publication`] and extend this
    /// one with it ([`RateTable::extended_with`]), or add each rate with [`RateTable::with_rate`] and
    /// [`RateTable::with_valid_until`]; until then a date after 30 June 2026 is refused with
    /// [`Error::RateNotCovered`], whose message says so.
    ///
    /// # Errors
    ///
    /// None in practice: the compiled-in data is checked by the crate's tests.
    ///
    /// ```
    /// use echeancier::{LegalRateCreditor, RateTable};
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let other = RateTable::fr_legal_rate(LegalRateCreditor::OtherCases)?;
    /// let personal = RateTable::fr_legal_rate(LegalRateCreditor::PersonalCreditor)?;
    /// assert_eq!(other.percent_on(d(2025, 3, 1))?, Decimal::new(371, 2));
    /// assert_eq!(personal.percent_on(d(2025, 3, 1))?, Decimal::new(721, 2));
    /// assert_eq!(other.valid_until(), d(2026, 6, 30));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn fr_legal_rate(creditor: LegalRateCreditor) -> Result<RateTable> {
        // The compiled-in file is in the crate's own layout of a publication
        // (`period_start,period_end,personal,other`): one reader for both, which refuses a
        // half-year missing or given twice.
        RateTable::from_fr_legal_rate_publication(FR_LEGAL_CSV, creditor)
    }

    /// Adds (or replaces) the rate taking effect on `date`, extending the validity to `date` if needed.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRate`] for a rate beyond ±1,000 %.
    ///
    /// ```
    /// use echeancier::RateTable;
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let ecb = RateTable::ecb_main_refinancing()?
    ///     .with_rate(d(2027, 2, 3), Decimal::new(190, 2))?  // a hypothetical decision
    ///     .with_valid_until(d(2027, 3, 31))?;
    /// assert_eq!(ecb.percent_on(d(2027, 3, 1))?, Decimal::new(190, 2));
    /// assert_eq!(ecb.percent_on(d(2027, 1, 1))?, Decimal::new(215, 2));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_rate(self, date: NaiveDate, percent: Decimal) -> Result<RateTable> {
        let valid_until = self.valid_until.max(date);
        let entries = self
            .entries
            .into_iter()
            .filter(|(d, _)| *d != date)
            .chain([(date, percent)]);
        RateTable::new(entries, valid_until)
    }

    /// States that the table is known to be valid through `date`.
    ///
    /// # Errors
    ///
    /// [`Error::DateOrder`] if `date` is before the last date of effect.
    ///
    /// ```
    /// use echeancier::RateTable;
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let ecb = RateTable::ecb_main_refinancing()?.with_valid_until(d(2027, 1, 31))?;
    /// assert!(ecb.percent_on(d(2027, 1, 1)).is_ok());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_valid_until(self, date: NaiveDate) -> Result<RateTable> {
        RateTable::new(self.entries, date)
    }

    /// The rate in percent in force on `date`.
    ///
    /// # Errors
    ///
    /// [`Error::RateNotCovered`] if `date` is before the first date of effect or after
    /// [`RateTable::valid_until`].
    ///
    /// ```
    /// use echeancier::RateTable;
    /// use chrono::NaiveDate;
    ///
    /// let ecb = RateTable::ecb_main_refinancing()?;
    /// assert!(ecb.percent_on(NaiveDate::from_ymd_opt(2014, 1, 1).unwrap()).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn percent_on(&self, date: NaiveDate) -> Result<Decimal> {
        self.entries
            .iter()
            .take_while(|(effective, _)| *effective <= date)
            .last()
            .filter(|_| date <= self.valid_until)
            .map(|(_, percent)| *percent)
            .ok_or(Error::RateNotCovered {
                date,
                first: self.first_date(),
                valid_until: self.valid_until,
            })
    }

    /// True when [`RateTable::percent_on`] knows a rate for `date`.
    ///
    /// ```
    /// use echeancier::RateTable;
    /// use chrono::NaiveDate;
    ///
    /// let ecb = RateTable::ecb_main_refinancing()?;
    /// assert!(ecb.covers(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.percent_on(date).is_ok()
    }

    /// The date the first rate takes effect.
    ///
    /// ```
    /// use echeancier::RateTable;
    /// use chrono::NaiveDate;
    ///
    /// let ecb = RateTable::ecb_main_refinancing()?;
    /// assert_eq!(ecb.first_date(), NaiveDate::from_ymd_opt(2014, 9, 10).unwrap());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn first_date(&self) -> NaiveDate {
        self.entries
            .first()
            .map_or(self.valid_until, |(date, _)| *date)
    }

    /// The last date the table is known to be valid.
    ///
    /// ```
    /// use echeancier::{LegalRateCreditor, RateTable};
    ///
    /// let legal = RateTable::fr_legal_rate(LegalRateCreditor::OtherCases)?;
    /// assert_eq!(legal.valid_until().to_string(), "2026-06-30");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn valid_until(&self) -> NaiveDate {
        self.valid_until
    }

    /// The `(date of effect, rate in percent)` entries in date order.
    ///
    /// ```
    /// use echeancier::RateTable;
    ///
    /// let ecb = RateTable::ecb_main_refinancing()?;
    /// let (date, percent) = ecb.entries().last().unwrap();
    /// assert_eq!((date.to_string(), percent.to_string()), ("2025-06-11".into(), "2.15".into()));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn entries(&self) -> impl Iterator<Item = (NaiveDate, Decimal)> + '_ {
        self.entries.iter().copied()
    }

    /// The dates of effect after `start` and up to `end`.
    pub(crate) fn changes_within(
        &self,
        start: NaiveDate,
        end: NaiveDate,
    ) -> impl Iterator<Item = NaiveDate> + '_ {
        self.entries
            .iter()
            .map(|(date, _)| *date)
            .filter(move |date| start < *date && *date <= end)
    }
}

impl RateTable {
    /// Reads the ECB's own CSV export of a key-rate series, as downloaded, known to be valid
    /// through `valid_until`: either the data API's SDMX-CSV (`format=csvdata`, a header naming
    /// `TIME_PERIOD` and `OBS_VALUE` among its columns) or the data portal's "Download CSV" (a
    /// header `"DATE","TIME PERIOD","<series title>"`, the date first and the rate last). Fields
    /// may be quoted; rows without a value are skipped; a rate that repeats the one before it adds
    /// no entry. Use it to refresh [`RateTable::ecb_main_refinancing`] with the series
    /// `FM.D.U2.EUR.4F.KR.MRR_FR.LEV` (main refinancing operations, date of changes).
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] for a header with neither layout or a line whose date or rate does not
    /// read; the errors of [`RateTable::new`] (no rate at all, two rates on one date).
    ///
    /// ```
    /// use echeancier::RateTable;
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// // The data portal's download.
    /// let portal = "\"DATE\",\"TIME PERIOD\",\"Main refinancing operations - fixed rate tenders (fixed rate) (date of changes) - Level (FM.D.U2.EUR.4F.KR.MRR_FR.LEV)\"\n\
    ///               \"2025-04-23\",\"23 Apr 2025\",\"2.4\"\n\
    ///               \"2025-06-11\",\"11 Jun 2025\",\"2.15\"\n";
    /// let table = RateTable::from_ecb_csv(portal, d(2026, 12, 31))?;
    /// assert_eq!(table.percent_on(d(2026, 3, 1))?, Decimal::new(215, 2));
    /// // The data API's SDMX-CSV.
    /// let api = "KEY,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n\
    ///            FM.D.U2.EUR.4F.KR.MRR_FR.LEV,D,U2,2025-04-23,2.40,A\n\
    ///            FM.D.U2.EUR.4F.KR.MRR_FR.LEV,D,U2,2025-06-11,2.15,A\n";
    /// assert_eq!(RateTable::from_ecb_csv(api, d(2026, 12, 31))?, table);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn from_ecb_csv(text: &str, valid_until: NaiveDate) -> Result<RateTable> {
        let mut lines = text
            .lines()
            .map(|line| line.trim_start_matches('\u{feff}').trim())
            .filter(|line| !line.is_empty());
        let header_line = lines.next().unwrap_or_default();
        let header = quoted_fields(header_line);
        let position = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
        let (date_at, value_at) = match (position("TIME_PERIOD"), position("OBS_VALUE")) {
            (Some(date), Some(value)) => (date, value),
            _ if header
                .first()
                .is_some_and(|h| h.eq_ignore_ascii_case("DATE")) =>
            {
                (0, header.len().saturating_sub(1))
            }
            _ => {
                return Err(Error::Parse {
                    what: "the header of an ECB series export",
                    input: header_line.to_owned(),
                })
            }
        };
        let mut entries: Vec<(NaiveDate, Decimal)> = Vec::new();
        for line in lines {
            let fields = quoted_fields(line);
            let (Some(date), Some(value)) = (fields.get(date_at), fields.get(value_at)) else {
                return Err(bad_line(line));
            };
            if value.is_empty() || value.eq_ignore_ascii_case("NaN") {
                continue;
            }
            let (date, percent) = (parse_date(date, line)?, parse_percent(value, line)?);
            if entries.last().map(|(_, last)| *last) != Some(percent) {
                entries.push((date, percent));
            }
        }
        RateTable::new(entries, valid_until)
    }
}

/// The fields of a CSV line, each trimmed and unquoted (`"a, b"` is one field; `""` inside a
/// quoted field is a quote).
fn quoted_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            (false, ',') => fields.push(core::mem::take(&mut field).trim().to_owned()),
            (_, c) => field.push(c),
        }
    }
    fields.push(field.trim().to_owned());
    fields
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        // The header.
        .skip(1)
}

fn fields(line: &str) -> Vec<&str> {
    line.split(',').map(str::trim).collect()
}

fn bad_line(line: &str) -> Error {
    Error::Parse {
        what: "a rate table line",
        input: line.to_owned(),
    }
}

fn parse_date(text: &str, line: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad_line(line))
}

fn parse_percent(text: &str, line: &str) -> Result<Decimal> {
    Decimal::from_str_exact(text).map_err(|_| bad_line(line))
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RateTableRepr {
    valid_until: NaiveDate,
    rates: Vec<RateEntryRepr>,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RateEntryRepr {
    effective: NaiveDate,
    #[serde(with = "rust_decimal::serde::str")]
    percent: Decimal,
}

#[cfg(feature = "serde")]
impl TryFrom<RateTableRepr> for RateTable {
    type Error = Error;

    fn try_from(r: RateTableRepr) -> Result<RateTable> {
        RateTable::new(
            r.rates.into_iter().map(|e| (e.effective, e.percent)),
            r.valid_until,
        )
    }
}

#[cfg(feature = "serde")]
impl From<RateTable> for RateTableRepr {
    fn from(t: RateTable) -> RateTableRepr {
        RateTableRepr {
            valid_until: t.valid_until,
            rates: t
                .entries
                .into_iter()
                .map(|(effective, percent)| RateEntryRepr { effective, percent })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_ecb_s_own_exports_read_as_the_built_in_table() {
        let built_in = RateTable::ecb_main_refinancing().unwrap();
        let mut portal = String::from(
            "\"DATE\",\"TIME PERIOD\",\"Main refinancing operations - fixed rate tenders (fixed rate) (date of changes) - Level (FM.D.U2.EUR.4F.KR.MRR_FR.LEV)\"\r\n",
        );
        let mut api = String::from("KEY,FREQ,TIME_PERIOD,OBS_VALUE,TITLE\n");
        for (date, percent) in built_in.entries() {
            portal.push_str(&format!(
                "\"{date}\",\"{}\",\"{percent}\"\r\n",
                date.format("%d %b %Y")
            ));
            api.push_str(&format!(
                "FM.D.U2.EUR.4F.KR.MRR_FR.LEV,D,{date},{percent},\"MRO, level\"\n"
            ));
            // A daily export repeats the rate in force: the repetition adds no entry.
            let next = date.succ_opt().unwrap();
            api.push_str(&format!(
                "FM.D.U2.EUR.4F.KR.MRR_FR.LEV,D,{next},{percent},\"MRO, level\"\n"
            ));
        }
        let until = built_in.valid_until();
        assert_eq!(RateTable::from_ecb_csv(&portal, until).unwrap(), built_in);
        assert_eq!(RateTable::from_ecb_csv(&api, until).unwrap(), built_in);
        assert!(matches!(
            RateTable::from_ecb_csv("when,what\n2025-01-01,3", until),
            Err(Error::Parse { .. })
        ));
    }

    #[test]
    fn built_in_ecb_table_parses_and_matches_the_source_file() {
        let ecb = RateTable::ecb_main_refinancing().unwrap();
        assert_eq!(ecb.entries().count(), ECB_CSV.lines().count() - 1);
        assert_eq!(ecb.first_date(), d(2014, 9, 10));
        assert_eq!(ecb.percent_on(d(2016, 3, 16)).unwrap(), Decimal::ZERO);
        assert_eq!(
            ecb.percent_on(d(2024, 12, 31)).unwrap(),
            Decimal::new(315, 2)
        );
        assert_eq!(
            ecb.percent_on(d(2026, 11, 30)).unwrap(),
            Decimal::new(215, 2)
        );
        assert!(matches!(
            ecb.percent_on(d(2026, 12, 1)),
            Err(Error::RateNotCovered { .. })
        ));
    }

    #[test]
    fn built_in_french_legal_rate_tables_parse() {
        let personal = RateTable::fr_legal_rate(LegalRateCreditor::PersonalCreditor).unwrap();
        let other = RateTable::fr_legal_rate(LegalRateCreditor::OtherCases).unwrap();
        assert_eq!(personal.entries().count(), FR_LEGAL_CSV.lines().count() - 1);
        assert_eq!(personal.first_date(), d(2015, 1, 1));
        assert_eq!(
            personal.percent_on(d(2025, 12, 31)).unwrap(),
            Decimal::new(665, 2)
        );
        assert_eq!(
            other.percent_on(d(2025, 7, 1)).unwrap(),
            Decimal::new(276, 2)
        );
        assert_eq!(
            other.percent_on(d(2026, 6, 30)).unwrap(),
            Decimal::new(262, 2)
        );
        assert!(other.percent_on(d(2026, 7, 1)).is_err());
        assert!(other.percent_on(d(2014, 12, 31)).is_err());
    }

    #[test]
    fn bad_tables_are_refused() {
        assert!(matches!(
            RateTable::new(
                [(d(2025, 1, 1), Decimal::ONE), (d(2025, 1, 1), Decimal::TWO)],
                d(2025, 2, 1)
            ),
            Err(Error::DuplicateRateDate { .. })
        ));
        assert!(matches!(
            RateTable::new([(d(2025, 1, 1), Decimal::ONE)], d(2024, 12, 31)),
            Err(Error::DateOrder { .. })
        ));
        assert!(matches!(
            RateTable::new([(d(2025, 1, 1), Decimal::from(1001))], d(2025, 12, 31)),
            Err(Error::InvalidRate { .. })
        ));
        let err = RateTable::from_csv("date,rate\n2025-01-01;3", d(2025, 12, 31)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read \"2025-01-01;3\" as a rate table line"
        );
        assert!(matches!(
            RateTable::from_csv("date,rate\n", d(2025, 12, 31)),
            Err(Error::EmptyRateTable)
        ));
    }

    #[test]
    fn a_table_covers_its_first_date_through_its_end_of_validity() {
        let t = RateTable::new(
            [(d(2025, 1, 1), Decimal::ONE), (d(2025, 6, 1), Decimal::TWO)],
            d(2025, 12, 31),
        )
        .unwrap();
        for (date, covered) in [
            (d(2024, 12, 31), false),
            (d(2025, 1, 1), true),
            (d(2025, 6, 1), true),
            (d(2025, 12, 31), true),
            (d(2026, 1, 1), false),
        ] {
            assert_eq!(t.covers(date), covered, "{date}");
            assert_eq!(t.percent_on(date).is_ok(), covered, "{date}");
        }
    }

    #[test]
    fn rows_of_an_ecb_export_without_a_value_are_skipped() {
        let until = d(2025, 12, 31);
        for missing in ["", "NaN", "nan"] {
            let api = format!(
                "KEY,TIME_PERIOD,OBS_VALUE\nMRR,2025-01-01,3.15\nMRR,2025-03-01,{missing}\n\
                 MRR,2025-06-11,2.15\n"
            );
            let table = RateTable::from_ecb_csv(&api, until).unwrap();
            assert_eq!(
                table.entries().collect::<Vec<_>>(),
                [
                    (d(2025, 1, 1), Decimal::new(315, 2)),
                    (d(2025, 6, 11), Decimal::new(215, 2))
                ],
                "{missing:?}"
            );
        }
        // A value that is not a rate is refused, naming its line.
        let err = RateTable::from_ecb_csv("KEY,TIME_PERIOD,OBS_VALUE\nMRR,2025-01-01,n/a\n", until)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read \"MRR,2025-01-01,n/a\" as a rate table line"
        );
    }

    #[test]
    fn a_quote_doubled_in_a_quoted_field_is_a_quote() {
        assert_eq!(
            quoted_fields(r#""MRO ""fixed"", level", "2.15",x"#),
            ["MRO \"fixed\", level", "2.15", "x"]
        );
        // A quote inside a field that does not start with one is kept as it is.
        assert_eq!(
            quoted_fields(r#"MRO 2" note,2.15"#),
            ["MRO 2\" note", "2.15"]
        );
        // A series title quoting a word, with a comma after it: still one column, the last.
        let portal = "\"DATE\",\"TIME PERIOD\",\"Main refinancing \"\"MRO\"\", level\"\n\
                      \"2025-06-11\",\"11 Jun 2025\",\"2.15\"\n";
        let table = RateTable::from_ecb_csv(portal, d(2025, 12, 31)).unwrap();
        assert_eq!(
            table.entries().collect::<Vec<_>>(),
            [(d(2025, 6, 11), Decimal::new(215, 2))]
        );
    }

    #[test]
    fn blank_lines_and_comments_of_a_csv_table_are_skipped() {
        let csv = "# Bank of England base rate\neffective_date,rate_percent\n\n2024-08-01,5.00\n\
                   # cut on 7 November\n  \n2024-11-07,4.75\n";
        let table = RateTable::from_csv(csv, d(2024, 12, 31)).unwrap();
        assert_eq!(
            table.entries().collect::<Vec<_>>(),
            [
                (d(2024, 8, 1), Decimal::new(500, 2)),
                (d(2024, 11, 7), Decimal::new(475, 2))
            ]
        );
    }

    #[test]
    fn entries_are_sorted_and_replaced() {
        let t = RateTable::new(
            [(d(2025, 6, 1), Decimal::TWO), (d(2025, 1, 1), Decimal::ONE)],
            d(2025, 12, 31),
        )
        .unwrap();
        assert_eq!(t.first_date(), d(2025, 1, 1));
        let t = t.with_rate(d(2025, 6, 1), Decimal::TEN).unwrap();
        assert_eq!(t.percent_on(d(2025, 6, 1)).unwrap(), Decimal::TEN);
        assert_eq!(t.entries().count(), 2);
    }
}
