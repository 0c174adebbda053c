//! Day-count conventions, exact year fractions and exact (unrounded) interest: shared by
//! late-payment penalties, the implied cost of early-payment discounts and schedules whose interest
//! runs on actual days.
//!
//! Every convention this crate knows gives a year fraction whose denominator divides 1,603,080
//! (the least common multiple of 360, 365 and 366), so a fraction is stored as a whole number of
//! 1/1,603,080ths of a year. Sums of fractions, and of the interest computed from them, are then exact:
//! a delay split in two gives back exactly the interest of the whole delay before anything is rounded.

use core::fmt;
use core::hash::{Hash, Hasher};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::{Currency, Money, Rounding};
use crate::rate::AnnualRate;

/// lcm(360, 365, 366): every day-count denominator divides it.
const YEAR_UNITS: u64 = 1_603_080;

/// How the days of a period become a fraction of a year.
///
/// A period counts the days *after* its start date *through* its end date: late-payment interest on
/// an amount due on 31 January and paid on 2 March runs for the 30 days from 1 February to 2 March.
/// Actual/actual (ISDA) counts as many days but, as ISDA 2006 4.13 defines a calculation period,
/// takes them from the start date *up to the day before* the end date when it puts each in its
/// year: from 30 December 2023 to 2 January 2024, 30 and 31 December 2023 (over 365) and 1 January
/// 2024 (over 366).
/// Late-payment interest puts each day late in its own year, the days from the day after the due
/// date through the payment date: due on 31 December 2027 and paid on 1 January 2028, the one day
/// late is a day of 2028 (1/366), where a schedule's period from 31 December 2027 to 1 January
/// 2028 is a day of 2027 (1/365).
///
/// | convention | fraction |
/// |---|---|
/// | [`DayCount::Actual365`] | actual days / 365, leap years included (the default; French, German and UK practice) |
/// | [`DayCount::Actual360`] | actual days / 360 |
/// | [`DayCount::ActualActualIsda`] | days from the start to the day before the end falling in a leap year / 366 + the others / 365 |
/// | [`DayCount::Thirty360`] | 30E/360 (Eurobond basis): every month counts 30 days |
///
/// ```
/// use echeancier::{DayCount, ExactInterest, Rounding};
/// use chrono::NaiveDate;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let f = DayCount::Actual365.year_fraction(d(2025, 1, 31), d(2025, 3, 2))?;
/// assert_eq!((f.numerator(), f.denominator()), (30, 365));
/// let f = DayCount::ActualActualIsda.year_fraction(d(2023, 12, 30), d(2024, 1, 2))?;
/// assert_eq!(f.to_string(), "2/365 + 1/366"); // 30 and 31 December, then 1 January
/// // 10,000.00 at 10 % from 31 December 2027 to 1 January 2028: one day, of 2027.
/// let f = DayCount::ActualActualIsda.year_fraction(d(2027, 12, 31), d(2028, 1, 1))?;
/// assert_eq!(f.to_string(), "1/365");
/// let interest = ExactInterest::new("10000.00 EUR".parse()?, "10%".parse()?, f)?;
/// assert_eq!(interest.round(Rounding::HalfUp)?.to_string(), "2.74 EUR"); // 2.7397…
/// assert_eq!(DayCount::default(), DayCount::Actual365);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DayCount {
    /// Actual/365 (fixed): actual days over 365, even in a leap year.
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "actual_365"))]
    Actual365,
    /// Actual/360: actual days over 360 (money-market basis; gives slightly more interest).
    #[cfg_attr(feature = "serde", serde(rename = "actual_360"))]
    Actual360,
    /// Actual/actual (ISDA 2006, 4.16(b)): each day of the period counts 1/366 if it falls in a leap
    /// year and 1/365 otherwise, so a period across 31 December is split by calendar year. The
    /// period's days are its start date up to the day before its end date (a calculation period,
    /// 4.13): 31 December 2027 to 1 January 2028 is one day of 2027, 1/365 (10,000.00 at 10 %:
    /// 2.7397…, 2.74), and 31 December 2028 to 1 January 2029 one day of 2028, 1/366 (2.7322…, 2.73).
    ActualActualIsda,
    /// 30E/360, the Eurobond basis (ISDA 2006, 4.16(g)): a day 31 counts as 30 at either end and every
    /// month has 30 days; February is not adjusted. Unlike the US bond basis it is additive: the days of
    /// two consecutive periods sum to the days of the whole.
    #[cfg_attr(feature = "serde", serde(rename = "thirty_e_360"))]
    Thirty360,
}

impl DayCount {
    /// The exact fraction of a year of the days after `start` through `end` (for actual/actual
    /// (ISDA), as many days, each put in its year as the days from `start` through the day before
    /// `end`).
    ///
    /// # Errors
    ///
    /// [`Error::DateOrder`] if `end` is before `start`. Equal dates give zero.
    ///
    /// ```
    /// use echeancier::DayCount;
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let f = DayCount::Thirty360.year_fraction(d(2025, 1, 31), d(2025, 2, 28))?;
    /// assert_eq!((f.numerator(), f.denominator()), (28, 360));
    /// let f = DayCount::Actual360.year_fraction(d(2025, 1, 31), d(2025, 2, 28))?;
    /// assert_eq!(f.to_string(), "28/360");
    /// assert!(DayCount::Actual365.year_fraction(d(2025, 2, 1), d(2025, 1, 1)).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn year_fraction(self, start: NaiveDate, end: NaiveDate) -> Result<YearFraction> {
        if end < start {
            return Err(Error::DateOrder {
                earlier: "period start",
                earlier_date: start,
                later: "period end",
                later_date: end,
            });
        }
        let days = actual_days(start, end);
        Ok(match self {
            DayCount::Actual365 => YearFraction::simple(days, 365),
            DayCount::Actual360 => YearFraction::simple(days, 360),
            DayCount::Thirty360 => {
                // Both serials are positive for dates after year 0 and `end >= start`; the
                // difference of a non-decreasing function is never negative.
                let days30 = thirty_e_serial(end).saturating_sub(thirty_e_serial(start));
                YearFraction::simple(u64::try_from(days30).unwrap_or(0), 360)
            }
            DayCount::ActualActualIsda => {
                // ISDA 2006, 4.13: the days of the period are `from` up to the day before `end`,
                // each in its own calendar year.
                let (mut common, mut leap) = (0u64, 0u64);
                let mut from = start;
                while from < end {
                    let year = from.year();
                    let to = year
                        .checked_add(1)
                        .and_then(|next| NaiveDate::from_ymd_opt(next, 1, 1))
                        .filter(|new_year| *new_year < end)
                        .unwrap_or(end);
                    let days = actual_days(from, to);
                    if is_leap(year) {
                        leap = leap.saturating_add(days);
                    } else {
                        common = common.saturating_add(days);
                    }
                    from = to;
                }
                YearFraction::isda(common, leap)
            }
        })
    }

    /// The fraction of a year of the days late from the day after `due` through `paid`, each in
    /// its own year: the days of late-payment interest. The same as
    /// [`year_fraction`](DayCount::year_fraction) on every convention but actual/actual (ISDA),
    /// whose calculation period starts on its start date: there the days late are the period from
    /// the day after `due` to the day after `paid`. Due on 31 December 2027 and paid on 1 January
    /// 2028, the one day late is 1 January, a day of 2028: 1/366 (a schedule's period from 31
    /// December to 1 January is 31 December, 1/365).
    ///
    /// # Errors
    ///
    /// As [`year_fraction`](DayCount::year_fraction), and [`Error::DateOutOfRange`] past the
    /// last date there is.
    pub(crate) fn fraction_of_days_late(
        self,
        due: NaiveDate,
        paid: NaiveDate,
    ) -> Result<YearFraction> {
        match self {
            DayCount::ActualActualIsda => {
                let next = |date: NaiveDate| {
                    date.succ_opt().ok_or_else(|| Error::DateOutOfRange {
                        what: format!("the day after {date}"),
                    })
                };
                self.year_fraction(next(due)?, next(paid)?)
            }
            _ => self.year_fraction(due, paid),
        }
    }
}

fn actual_days(start: NaiveDate, end: NaiveDate) -> u64 {
    u64::try_from(end.signed_duration_since(start).num_days()).unwrap_or(0)
}

fn is_leap(year: i32) -> bool {
    NaiveDate::from_ymd_opt(year, 2, 29).is_some()
}

/// A day number in which every month has 30 days and day 31 counts as 30 (30E/360).
fn thirty_e_serial(date: NaiveDate) -> i64 {
    let day = i64::from(date.day().min(30));
    // An `i32` year times 360 is far inside `i64`.
    #[allow(clippy::arithmetic_side_effects)]
    let serial = i64::from(date.year()) * 360 + i64::from(date.month()) * 30 + day;
    serial
}

/// An exact fraction of a year, as a day-count convention writes it: `30/365`, `28/360`, or for an
/// actual/actual period across a year end, `2/365 + 2/366`.
///
/// Two fractions are equal when their values are (`1/12` of 30E/360 is `30/360`).
///
/// ```
/// use echeancier::DayCount;
/// use chrono::NaiveDate;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let a = DayCount::Actual365.year_fraction(d(2025, 1, 1), d(2025, 1, 11))?;
/// let b = DayCount::Actual365.year_fraction(d(2025, 1, 11), d(2025, 1, 31))?;
/// assert_eq!(a.checked_add(b)?, DayCount::Actual365.year_fraction(d(2025, 1, 1), d(2025, 1, 31))?);
/// assert_eq!(a.to_decimal().round_dp(6).to_string(), "0.027397");
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// In JSON it is its `Display` text (`"30/365"`, `"2/365 + 3/366"`). Deserialising accepts only the
/// denominators a day count produces (365, 360, 366, or the split actual/actual form with both
/// parts greater than zero).
#[derive(Clone, Copy)]
pub struct YearFraction {
    /// Days over 365 in a common year.
    common: u64,
    /// Days over 366 (actual/actual only).
    leap: u64,
    /// 365, 360 or 366 for a single-denominator fraction; 0 when `common` and `leap` are both used.
    denominator: u64,
}

impl YearFraction {
    /// Zero.
    pub const ZERO: YearFraction = YearFraction {
        common: 0,
        leap: 0,
        denominator: 365,
    };

    fn simple(days: u64, denominator: u64) -> YearFraction {
        YearFraction {
            common: days,
            leap: 0,
            denominator,
        }
    }

    fn isda(common: u64, leap: u64) -> YearFraction {
        match (common, leap) {
            (_, 0) => YearFraction::simple(common, 365),
            (0, _) => YearFraction::simple(leap, 366),
            _ => YearFraction {
                common,
                leap,
                denominator: 0,
            },
        }
    }

    /// The numerator over [`YearFraction::denominator`]: the days (30E/360 days for that convention),
    /// or `366 × days in common years + 365 × days in leap years` for a split actual/actual fraction.
    ///
    /// ```
    /// use echeancier::DayCount;
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let f = DayCount::ActualActualIsda.year_fraction(d(2023, 12, 30), d(2024, 1, 2))?;
    /// assert_eq!((f.numerator(), f.denominator()), (2 * 366 + 365, 365 * 366));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn numerator(&self) -> u64 {
        if self.denominator == 0 {
            // At most a few million days each: saturating never takes effect.
            self.common
                .saturating_mul(366)
                .saturating_add(self.leap.saturating_mul(365))
        } else {
            self.common
        }
    }

    /// The denominator: 365, 360 or 366, or 365 × 366 for an actual/actual fraction across a year end.
    ///
    /// ```
    /// use echeancier::YearFraction;
    ///
    /// assert_eq!(YearFraction::ZERO.denominator(), 365);
    /// ```
    pub fn denominator(&self) -> u64 {
        if self.denominator == 0 {
            365 * 366
        } else {
            self.denominator
        }
    }

    /// The fraction in 1/1,603,080ths of a year, the common unit of every convention.
    fn units(&self) -> u64 {
        // numerator × (YEAR_UNITS / denominator): exact because every denominator divides YEAR_UNITS.
        self.numerator()
            .saturating_mul(YEAR_UNITS.checked_div(self.denominator()).unwrap_or(0))
    }

    /// True for zero.
    ///
    /// ```
    /// assert!(echeancier::YearFraction::ZERO.is_zero());
    /// ```
    pub fn is_zero(&self) -> bool {
        self.common == 0 && self.leap == 0
    }

    /// The fraction as a `Decimal` (28 significant digits), for display; interest is computed from the
    /// exact fraction, not from this figure.
    ///
    /// ```
    /// use echeancier::DayCount;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let f = DayCount::Actual360.year_fraction(d(1, 1), d(1, 31))?;
    /// assert_eq!(f.to_decimal().round_dp(4).to_string(), "0.0833");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    // Dividing by a constant above one can neither overflow nor divide by zero.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn to_decimal(&self) -> Decimal {
        Decimal::from(self.units()) / Decimal::from(YEAR_UNITS)
    }

    /// The sum of two fractions, written over the convention's denominator when both share it.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for sums beyond `u64` days; [`Error::Unsupported`] for a fraction over 360
    /// days added to one over 365 or 366.
    ///
    /// ```
    /// use echeancier::DayCount;
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let isda = DayCount::ActualActualIsda;
    /// let a = isda.year_fraction(d(2023, 12, 1), d(2023, 12, 31))?;
    /// let b = isda.year_fraction(d(2023, 12, 31), d(2024, 1, 31))?;
    /// assert_eq!(a.checked_add(b)?, isda.year_fraction(d(2023, 12, 1), d(2024, 1, 31))?);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn checked_add(self, other: YearFraction) -> Result<YearFraction> {
        let overflow = || Error::Overflow {
            operation: "adding year fractions",
        };
        let add = |a: u64, b: u64| a.checked_add(b).ok_or_else(overflow);
        if self.is_zero() {
            return Ok(other);
        }
        if other.is_zero() {
            return Ok(self);
        }
        match (self.denominator, other.denominator) {
            (a, b) if a == b && a != 0 => {
                Ok(YearFraction::simple(add(self.common, other.common)?, a))
            }
            (a, b) if is_isda(a) && is_isda(b) => {
                let (sc, sl) = self.isda_parts();
                let (oc, ol) = other.isda_parts();
                Ok(YearFraction::isda(add(sc, oc)?, add(sl, ol)?))
            }
            _ => Err(Error::Unsupported {
                reason: "adding a year fraction over 360 days to one over 365 or 366 days",
            }),
        }
    }

    fn isda_parts(&self) -> (u64, u64) {
        match self.denominator {
            366 => (0, self.common),
            _ => (self.common, self.leap),
        }
    }
}

fn is_isda(denominator: u64) -> bool {
    matches!(denominator, 0 | 365 | 366)
}

impl PartialEq for YearFraction {
    fn eq(&self, other: &YearFraction) -> bool {
        self.units() == other.units()
    }
}

impl Eq for YearFraction {}

impl Hash for YearFraction {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.units().hash(state);
    }
}

/// `30/365`, or `2/365 + 2/366` for an actual/actual fraction across a year end.
impl fmt::Display for YearFraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.denominator == 0 {
            write!(f, "{}/365 + {}/366", self.common, self.leap)
        } else {
            write!(f, "{}/{}", self.common, self.denominator)
        }
    }
}

impl fmt::Debug for YearFraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for YearFraction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Reads what `Display` writes: `"30/365"`, `"30/360"`, `"30/366"` or `"2/365 + 3/366"`.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for YearFraction {
    fn deserialize<D: serde::Deserializer<'de>>(
        d: D,
    ) -> core::result::Result<YearFraction, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        let parse_error = || {
            serde::de::Error::custom(Error::Parse {
                what: "a year fraction (\"30/365\", \"30/360\", \"30/366\" or \"2/365 + 3/366\")",
                input: text.to_string(),
            })
        };
        let part = |part: &str| -> Option<(u64, u64)> {
            let (days, denominator) = part.trim().split_once('/')?;
            Some((days.trim().parse().ok()?, denominator.trim().parse().ok()?))
        };
        match text.split_once('+') {
            Some((common, leap)) => match (part(common), part(leap)) {
                (Some((common, 365)), Some((leap, 366))) if common > 0 && leap > 0 => {
                    Ok(YearFraction::isda(common, leap))
                }
                _ => Err(parse_error()),
            },
            None => match part(&text) {
                Some((days, denominator @ (365 | 360))) => {
                    Ok(YearFraction::simple(days, denominator))
                }
                Some((days, 366)) if days > 0 => Ok(YearFraction::simple(days, 366)),
                _ => Err(parse_error()),
            },
        }
    }
}

/// Interest before rounding: `base × rate × year fraction`, kept exact.
///
/// Sums of exact interest are exact, so the interest of a delay equals the sum of the interest of its
/// parts to the last digit; only [`ExactInterest::round`] turns it into money.
///
/// ```
/// use echeancier::{DayCount, ExactInterest, Money, Rounding};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let days = DayCount::Actual365.year_fraction(d(1, 31), d(3, 2))?; // 30 days
/// let exact = ExactInterest::new("5000.00 EUR".parse()?, "10%".parse()?, days)?;
/// assert_eq!(exact.to_decimal().round_dp(6).to_string(), "41.095890");
/// assert_eq!(exact.round(Rounding::HalfUp)?.to_string(), "41.10 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// In JSON it is `{"year_units": "65880000", "currency": "EUR"}`: the interest times 1,603,080 (the
/// common denominator of every day count), exact, as a string. Any such figure is a product
/// `ExactInterest::new` can make, so reading needs no further check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ExactInterest {
    /// The interest times YEAR_UNITS: base × rate × fraction units, an exact product.
    #[cfg_attr(
        feature = "serde",
        serde(rename = "year_units", with = "rust_decimal::serde::str")
    )]
    scaled: Decimal,
    currency: Currency,
}

impl ExactInterest {
    /// The interest on `base` at `rate` for `fraction` of a year.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] if the product leaves `Decimal`'s exact range (28 digits).
    ///
    /// ```
    /// use echeancier::{ExactInterest, Money, YearFraction};
    ///
    /// let none = ExactInterest::new("100.00 EUR".parse()?, "8%".parse()?, YearFraction::ZERO)?;
    /// assert!(none.is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(base: Money, rate: AnnualRate, fraction: YearFraction) -> Result<ExactInterest> {
        let Some(scaled) = exact_mul(base.amount(), rate.fraction())
            .and_then(|x| exact_mul(x, Decimal::from(fraction.units())))
        else {
            return Err(Error::Overflow {
                operation: "computing late-payment interest",
            });
        };
        Ok(ExactInterest {
            scaled,
            currency: base.currency(),
        })
    }

    /// Zero interest in `currency`.
    ///
    /// ```
    /// use echeancier::{Currency, ExactInterest};
    ///
    /// assert!(ExactInterest::zero(Currency::EUR).is_zero());
    /// ```
    pub fn zero(currency: Currency) -> ExactInterest {
        ExactInterest {
            scaled: Decimal::ZERO,
            currency,
        }
    }

    /// The currency.
    ///
    /// ```
    /// use echeancier::{Currency, ExactInterest};
    ///
    /// assert_eq!(ExactInterest::zero(Currency::GBP).currency(), Currency::GBP);
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// True for zero.
    ///
    /// ```
    /// use echeancier::{Currency, ExactInterest};
    ///
    /// assert!(ExactInterest::zero(Currency::EUR).is_zero());
    /// ```
    pub fn is_zero(&self) -> bool {
        self.scaled.is_zero()
    }

    /// The exact sum of two interests.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`]; [`Error::Overflow`].
    ///
    /// ```
    /// use echeancier::{Currency, ExactInterest};
    ///
    /// let zero = ExactInterest::zero(Currency::EUR);
    /// assert_eq!(zero.checked_add(zero)?, zero);
    /// assert!(zero.checked_add(ExactInterest::zero(Currency::USD)).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn checked_add(self, other: ExactInterest) -> Result<ExactInterest> {
        Money::zero(self.currency).same_currency(Money::zero(other.currency))?;
        let Some(scaled) = exact_add(self.scaled, other.scaled) else {
            return Err(Error::Overflow {
                operation: "adding late-payment interest",
            });
        };
        Ok(ExactInterest {
            scaled,
            currency: self.currency,
        })
    }

    /// The interest as a `Decimal` (28 significant digits), for display.
    ///
    /// ```
    /// use echeancier::{DayCount, ExactInterest};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let year = DayCount::Actual365.year_fraction(d(1, 1), d(12, 31))?; // 364 days
    /// let i = ExactInterest::new("365.00 EUR".parse()?, "10%".parse()?, year)?;
    /// assert_eq!(i.to_decimal().normalize().to_string(), "36.4");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    // Dividing by a constant above one can neither overflow nor divide by zero.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn to_decimal(&self) -> Decimal {
        self.scaled / Decimal::from(YEAR_UNITS)
    }

    /// Rounds to the currency's minor unit with `rounding`, deciding halves on the exact value (never on
    /// a 28-digit approximation of it).
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] past `Decimal`'s range.
    ///
    /// ```
    /// use echeancier::{DayCount, ExactInterest, Rounding};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// // 73.00 × 5 % × 5/365 = 0.05 exactly; 36.50 gives 0.025, a half cent
    /// let days = DayCount::Actual365.year_fraction(d(1, 1), d(1, 6))?;
    /// let half = ExactInterest::new("36.50 EUR".parse()?, "5%".parse()?, days)?;
    /// assert_eq!(half.round(Rounding::HalfUp)?.to_string(), "0.03 EUR");
    /// assert_eq!(half.round(Rounding::HalfEven)?.to_string(), "0.02 EUR");
    /// assert_eq!(half.round(Rounding::Down)?.to_string(), "0.02 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn round(&self, rounding: Rounding) -> Result<Money> {
        match self.round_in_integers(rounding) {
            Some(rounded) => Ok(rounded),
            None => self.round_in_decimals(rounding),
        }
    }

    /// [`ExactInterest::round`] for any interest, in decimals.
    fn round_in_decimals(&self, rounding: Rounding) -> Result<Money> {
        let overflow = || Error::Overflow {
            operation: "rounding late-payment interest",
        };
        let minor = Decimal::from(10u64.pow(self.currency.minor_units()));
        let units = Decimal::from(YEAR_UNITS);
        // Work on the magnitude and put the sign back, so that every strategy reads as on the table
        // of `Rounding`.
        let n = exact_mul(self.scaled.abs(), minor).ok_or_else(overflow)?;
        let remainder = n.checked_rem(units).ok_or_else(overflow)?;
        let quotient = n
            .checked_sub(remainder)
            .and_then(|x| x.checked_div(units))
            .ok_or_else(overflow)?;
        let twice = remainder.checked_mul(Decimal::TWO).ok_or_else(overflow)?;
        let odd = quotient
            .checked_rem(Decimal::TWO)
            .is_some_and(|r| !r.is_zero());
        let up = match rounding {
            Rounding::HalfUp => twice >= units,
            Rounding::HalfEven => twice > units || (twice == units && odd),
            Rounding::Down => false,
            Rounding::Up => !remainder.is_zero(),
        };
        let magnitude = if up {
            quotient.checked_add(Decimal::ONE).ok_or_else(overflow)?
        } else {
            quotient
        };
        let signed = if self.scaled.is_sign_negative() {
            // Negating only flips the sign bit: it cannot overflow.
            #[allow(clippy::arithmetic_side_effects)]
            -magnitude
        } else {
            magnitude
        };
        let amount = signed.checked_div(minor).ok_or_else(overflow)?;
        Money::new(amount, self.currency)
    }
}

impl ExactInterest {
    /// [`ExactInterest::round`] in integers, for an interest that is not negative and whose value
    /// in minor units times `YEAR_UNITS` fits 128 bits (every interest `ExactInterest::new` makes,
    /// in a currency of up to 3 decimals): the same figure, as the quotient and remainder of whole
    /// numbers are those of the decimals, and where those figures are past 2^96 a figure the
    /// decimal path would refuse as an overflow. `None` for any other, which takes the decimal
    /// path.
    fn round_in_integers(&self, rounding: Rounding) -> Option<Money> {
        if self.scaled.is_sign_negative() {
            return None;
        }
        // The interest is mantissa / 10^scale / YEAR_UNITS: in minor units, n / denominator.
        let mantissa = u128::try_from(self.scaled.mantissa()).ok()?;
        let n = mantissa.checked_mul(10_u128.checked_pow(self.currency.minor_units())?)?;
        let denominator =
            u128::from(YEAR_UNITS).checked_mul(10_u128.checked_pow(self.scaled.scale())?)?;
        // In 64 bits when both fit (a division of 128 bits is a call).
        let (quotient, remainder) = match (u64::try_from(n), u64::try_from(denominator)) {
            (Ok(n), Ok(denominator)) => (
                u128::from(n.checked_div(denominator)?),
                u128::from(n.checked_rem(denominator)?),
            ),
            _ => (n.checked_div(denominator)?, n.checked_rem(denominator)?),
        };
        let twice = remainder.checked_mul(2)?;
        let odd = quotient.checked_rem(2)? == 1;
        let up = match rounding {
            Rounding::HalfUp => twice >= denominator,
            Rounding::HalfEven => twice > denominator || (twice == denominator && odd),
            Rounding::Down => false,
            Rounding::Up => remainder != 0,
        };
        let minor = if up {
            quotient.checked_add(1)?
        } else {
            quotient
        };
        Money::from_minor_i128(i128::try_from(minor).ok()?, self.currency).ok()
    }
}

/// The largest mantissa of a `Decimal`: 2^96 − 1.
const MAX_MANTISSA: u128 = 79_228_162_514_264_337_593_543_950_335;

/// `a × b` only when no digit is lost: `Decimal` silently drops digits of a product beyond 28.
fn exact_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    match exact_mul_in_integers(a, b) {
        Some(product) => Some(product),
        None => exact_mul_in_decimals(a, b),
    }
}

/// [`exact_mul`] in integers, for factors above zero whose product fits a `Decimal` exactly: the
/// product of their mantissas without trailing zeros, at the sum of the scales left, as `Decimal`
/// gives it. `None` for any other pair, left to `Decimal`.
fn exact_mul_in_integers(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.is_sign_negative() || b.is_sign_negative() || a.is_zero() || b.is_zero() {
        return None;
    }
    let (a_mantissa, a_scale) = without_trailing_zeros(a)?;
    let (b_mantissa, b_scale) = without_trailing_zeros(b)?;
    let scale = a_scale.checked_add(b_scale).filter(|s| *s <= 28)?;
    let product = a_mantissa
        .checked_mul(b_mantissa)
        .filter(|p| *p <= MAX_MANTISSA)?;
    Decimal::try_from_i128_with_scale(i128::try_from(product).ok()?, scale).ok()
}

/// The mantissa and scale of `value` (not negative) once [`Decimal::normalize`]d.
fn without_trailing_zeros(value: Decimal) -> Option<(u128, u32)> {
    let mantissa = u128::try_from(value.mantissa()).ok()?;
    let mut scale = value.scale();
    // In 64 bits when it fits (a division of 128 bits is a call).
    if let Ok(mut small) = u64::try_from(mantissa) {
        while scale > 0 && small.checked_rem(10) == Some(0) {
            small = small.checked_div(10)?;
            scale = scale.checked_sub(1)?;
        }
        return Some((u128::from(small), scale));
    }
    let mut mantissa = mantissa;
    while scale > 0 && mantissa.checked_rem(10) == Some(0) {
        mantissa = mantissa.checked_div(10)?;
        scale = scale.checked_sub(1)?;
    }
    Some((mantissa, scale))
}

/// [`exact_mul`] in `Decimal`.
fn exact_mul_in_decimals(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (a, b) = (a.normalize(), b.normalize());
    let wanted = a.scale().checked_add(b.scale()).filter(|s| *s <= 28)?;
    let product = a.checked_mul(b)?;
    // A zero product comes back at scale 0 whatever the factors' scales.
    (product.is_zero() || product.scale() == wanted).then_some(product)
}

fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let sum = a.checked_add(b)?;
    (sum.scale() >= a.scale().max(b.scale())).then_some(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_denominator_divides_the_year_unit() {
        for den in [360, 365, 366, 365 * 366] {
            assert_eq!(YEAR_UNITS % den, 0, "{den}");
        }
    }

    #[test]
    fn actual_actual_splits_by_calendar_year() {
        let isda = DayCount::ActualActualIsda;
        // 30 and 31 December 2024 are leap-year days, 1 January 2025 a common-year day; the end
        // date (2 January) is not a day of the period (ISDA 2006, 4.13).
        let f = isda.year_fraction(d(2024, 12, 30), d(2025, 1, 2)).unwrap();
        assert_eq!(f.to_string(), "1/365 + 2/366");
        let f = isda.year_fraction(d(2023, 12, 30), d(2024, 1, 2)).unwrap();
        assert_eq!(f.to_string(), "2/365 + 1/366");
        let f = isda.year_fraction(d(2024, 1, 1), d(2024, 12, 31)).unwrap();
        assert_eq!(f.to_string(), "365/366");
        // several years
        let f = isda
            .year_fraction(d(2022, 12, 31), d(2025, 12, 31))
            .unwrap();
        assert_eq!(f.to_string(), "730/365 + 366/366");
        assert_eq!(f.to_decimal(), Decimal::from(3));
    }

    #[test]
    fn actual_actual_puts_a_period_s_first_day_in_its_year_and_not_its_end() {
        let isda = DayCount::ActualActualIsda;
        let one_day = |y: i32| isda.year_fraction(d(y, 12, 31), d(y + 1, 1, 1)).unwrap();
        // 31 December of a common year before a leap year, and of a leap year before a common one.
        assert_eq!(one_day(2027).to_string(), "1/365");
        assert_eq!(one_day(2028).to_string(), "1/366");
        let interest = |f| {
            ExactInterest::new(
                Money::from_minor(1_000_000, Currency::EUR).unwrap(),
                AnnualRate::from_percent(Decimal::from(10)).unwrap(),
                f,
            )
            .unwrap()
            .round(Rounding::HalfUp)
            .unwrap()
            .to_string()
        };
        // 10,000.00 × 10 % × 1/365 = 2.7397…; × 1/366 = 2.7322…
        assert_eq!(interest(one_day(2027)), "2.74 EUR");
        assert_eq!(interest(one_day(2028)), "2.73 EUR");
        // A period ending on 1 January has no day of the end's year; one starting on it has no day
        // of the year before.
        let f = isda.year_fraction(d(2027, 12, 1), d(2028, 1, 1)).unwrap();
        assert_eq!(f.to_string(), "31/365");
        let f = isda.year_fraction(d(2028, 1, 1), d(2028, 2, 1)).unwrap();
        assert_eq!(f.to_string(), "31/366");
        // The days counted are the same as every other actual convention's.
        let f = isda.year_fraction(d(2027, 11, 15), d(2028, 2, 15)).unwrap();
        assert_eq!(f.to_string(), "47/365 + 45/366");
    }

    #[test]
    fn thirty_e_360_counts_thirty_day_months() {
        let t = DayCount::Thirty360;
        let days = |a, b| t.year_fraction(a, b).unwrap().numerator();
        assert_eq!(days(d(2025, 1, 15), d(2025, 2, 15)), 30);
        assert_eq!(days(d(2025, 1, 31), d(2025, 3, 31)), 60);
        assert_eq!(days(d(2025, 1, 30), d(2025, 1, 31)), 0);
        assert_eq!(days(d(2025, 2, 28), d(2025, 3, 1)), 3);
        assert_eq!(days(d(2024, 12, 31), d(2025, 12, 31)), 360);
    }

    #[test]
    fn rounding_in_integers_gives_the_decimal_figures() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        let fractions = [
            DayCount::Actual365.year_fraction(d(1, 1), d(1, 2)).unwrap(),
            DayCount::Actual360
                .year_fraction(d(1, 31), d(3, 2))
                .unwrap(),
            DayCount::ActualActualIsda
                .year_fraction(d(1, 1), d(12, 31))
                .unwrap(),
            DayCount::Thirty360
                .year_fraction(d(2, 28), d(7, 31))
                .unwrap(),
        ];
        let rates = ["0%", "1%", "5%", "8%", "12.15%", "0.001%", "37.5%"];
        let bases = [
            "0.01", "0.02", "1.00", "36.50", "73.00", "1642.50", "1824.99", "299.71", "1e12",
        ];
        for units in [0, 2, 3] {
            let currency = Currency::new("XTS", units).unwrap();
            for base in bases {
                let base = Decimal::from_scientific(base)
                    .or_else(|_| base.parse::<Decimal>())
                    .unwrap();
                let base = Money::round(base, currency, Rounding::Up).unwrap();
                if !base.is_positive() {
                    continue;
                }
                for rate in rates {
                    for fraction in fractions {
                        let exact =
                            ExactInterest::new(base, rate.parse().unwrap(), fraction).unwrap();
                        for rounding in [
                            Rounding::HalfUp,
                            Rounding::HalfEven,
                            Rounding::Down,
                            Rounding::Up,
                        ] {
                            let fast = exact.round_in_integers(rounding).unwrap();
                            let slow = exact.round_in_decimals(rounding).unwrap();
                            assert_eq!(
                                fast.amount().serialize(),
                                slow.amount().serialize(),
                                "{base} {rate} {fraction} {rounding:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn products_in_integers_are_the_decimal_products() {
        let values = [
            "0.01",
            "1",
            "10",
            "100",
            "0.08",
            "0.1215",
            "5000.00",
            "1824.99",
            "123456789.123456",
            "0.0000001",
            "1603080",
            "79228162514264337593543950335",
            "7922816251426433759354395033.5",
            "1e20",
            "2.5e-10",
        ];
        let decimals: Vec<Decimal> = values
            .iter()
            .map(|v| {
                Decimal::from_scientific(v)
                    .or_else(|_| v.parse::<Decimal>())
                    .unwrap()
            })
            .collect();
        for a in &decimals {
            for b in &decimals {
                if let Some(fast) = exact_mul_in_integers(*a, *b) {
                    let slow = exact_mul_in_decimals(*a, *b).map(|d| d.serialize());
                    assert_eq!(Some(fast.serialize()), slow, "{a} × {b}");
                }
            }
        }
        // Pairs it leaves to `Decimal`.
        assert!(exact_mul_in_integers(Decimal::ZERO, Decimal::ONE).is_none());
        assert!(exact_mul_in_integers(Decimal::NEGATIVE_ONE, Decimal::ONE).is_none());
    }

    #[test]
    fn rounding_is_decided_on_the_exact_value() {
        // 1.00 × 1 % × 1/365 = 0.0000273972602739…: 28 digits would not change the outcome, but a
        // value just below a half must stay below it.
        let f = DayCount::Actual365
            .year_fraction(d(2025, 1, 1), d(2025, 1, 2))
            .unwrap();
        let rate = AnnualRate::from_percent(Decimal::from(1)).unwrap();
        // 1824.99 × 1 % / 365 = 0.049999… → 0.05 only if rounding up
        let base: Money = "1824.99 EUR".parse().unwrap();
        let i = ExactInterest::new(base, rate, f).unwrap();
        assert_eq!(i.round(Rounding::HalfUp).unwrap().to_string(), "0.05 EUR");
        let base: Money = "1824.50 EUR".parse().unwrap(); // 0.04998…
        let i = ExactInterest::new(base, rate, f).unwrap();
        assert_eq!(i.round(Rounding::HalfUp).unwrap().to_string(), "0.05 EUR");
        let base: Money = "1642.50 EUR".parse().unwrap(); // 0.045 exactly
        let i = ExactInterest::new(base, rate, f).unwrap();
        assert_eq!(i.round(Rounding::HalfUp).unwrap().to_string(), "0.05 EUR");
        assert_eq!(i.round(Rounding::HalfEven).unwrap().to_string(), "0.04 EUR");
        assert_eq!(i.round(Rounding::Up).unwrap().to_string(), "0.05 EUR");
        assert_eq!(i.round(Rounding::Down).unwrap().to_string(), "0.04 EUR");
        let base: Money = "1642.49 EUR".parse().unwrap(); // just below the half
        let i = ExactInterest::new(base, rate, f).unwrap();
        assert_eq!(i.round(Rounding::HalfUp).unwrap().to_string(), "0.04 EUR");
    }

    #[test]
    fn a_zero_rate_gives_zero_interest() {
        let f = DayCount::Actual365
            .year_fraction(d(2025, 1, 1), d(2025, 1, 2))
            .unwrap();
        let base: Money = "0.01 EUR".parse().unwrap();
        let i = ExactInterest::new(base, AnnualRate::ZERO, f).unwrap();
        assert!(i.is_zero());
        assert!(i.round(Rounding::Up).unwrap().is_zero());
    }

    #[test]
    fn yen_rounds_to_whole_units() {
        let f = DayCount::Actual365
            .year_fraction(d(2025, 1, 1), d(2025, 7, 1))
            .unwrap();
        let base = Money::from_minor(1_000_000, Currency::JPY).unwrap();
        let i = ExactInterest::new(base, AnnualRate::from_percent(Decimal::from(3)).unwrap(), f)
            .unwrap();
        // 1,000,000 × 3 % × 181/365 = 14876.71…
        assert_eq!(i.round(Rounding::HalfUp).unwrap().to_string(), "14877 JPY");
    }

    #[test]
    fn zero_is_the_fraction_of_no_day_whatever_its_denominator() {
        let isda = DayCount::ActualActualIsda;
        assert!(YearFraction::ZERO.is_zero());
        for count in [DayCount::Actual360, DayCount::Thirty360, isda] {
            assert!(count
                .year_fraction(d(2024, 3, 1), d(2024, 3, 1))
                .unwrap()
                .is_zero());
        }
        // One day of a leap year, one of a common year: neither is zero.
        let leap_day = isda.year_fraction(d(2024, 2, 28), d(2024, 2, 29)).unwrap();
        assert_eq!(leap_day.to_string(), "1/366");
        assert!(!leap_day.is_zero());
        assert!(!DayCount::Actual365
            .year_fraction(d(2025, 1, 1), d(2025, 1, 2))
            .unwrap()
            .is_zero());
        // Zero adds to a fraction over 360 days as to any other.
        let month = DayCount::Thirty360
            .year_fraction(d(2025, 1, 15), d(2025, 2, 15))
            .unwrap();
        assert_eq!(YearFraction::ZERO.checked_add(month).unwrap(), month);
        assert_eq!(month.checked_add(YearFraction::ZERO).unwrap(), month);
    }

    #[test]
    fn fractions_over_360_days_do_not_add_to_fractions_over_365_or_366() {
        let over_360 = DayCount::Actual360
            .year_fraction(d(2025, 1, 1), d(2025, 1, 31))
            .unwrap();
        let isda = DayCount::ActualActualIsda;
        for other in [
            DayCount::Actual365
                .year_fraction(d(2025, 1, 1), d(2025, 1, 31))
                .unwrap(),
            isda.year_fraction(d(2024, 1, 1), d(2024, 1, 31)).unwrap(),
            isda.year_fraction(d(2024, 12, 1), d(2025, 1, 31)).unwrap(),
        ] {
            assert!(matches!(
                over_360.checked_add(other),
                Err(Error::Unsupported { .. })
            ));
            assert!(matches!(
                other.checked_add(over_360),
                Err(Error::Unsupported { .. })
            ));
        }
    }

    #[test]
    fn fractions_compare_and_print_by_their_value() {
        let f = |days: u64, denominator: u64| YearFraction::simple(days, denominator);
        assert_ne!(f(30, 365), f(31, 365));
        assert_ne!(f(30, 365), f(30, 360));
        // A twelfth of a year over 360 days, and two splits of the same days.
        assert_eq!(f(30, 360), f(30, 360));
        assert_eq!(YearFraction::isda(2, 0), f(2, 365));
        assert_ne!(YearFraction::isda(2, 1), YearFraction::isda(1, 2));
        assert_eq!(format!("{:?}", f(30, 365)), "30/365");
        assert_eq!(format!("{:?}", YearFraction::isda(2, 3)), "2/365 + 3/366");
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_split_fraction_reads_only_with_days_in_both_years() {
        let read = |text: &str| serde_json::from_value::<YearFraction>(text.into());
        assert_eq!(read("2/365 + 3/366").unwrap(), YearFraction::isda(2, 3));
        assert_eq!(read("30/360").unwrap(), YearFraction::simple(30, 360));
        assert_eq!(read("0/365").unwrap(), YearFraction::ZERO);
        for text in [
            "2/365 + 0/366",
            "0/365 + 3/366",
            "0/366",
            "2/366 + 3/365",
            "30/364",
        ] {
            assert!(read(text).is_err(), "{text}");
        }
    }

    #[test]
    fn interest_on_huge_amounts_rounds_exactly() {
        // 1,234,567,890,123,456,789.01 EUR at 7.3 % for 31/365 is 7,654,320,918,765,432.0918…
        // EUR (by fractions): in cents times 1,603,080 its figures are past 2^96, with no
        // trailing zero to take off, which a product of decimals cannot hold exactly.
        let f = DayCount::Actual365
            .year_fraction(d(2025, 1, 1), d(2025, 2, 1))
            .unwrap();
        let base: Money = "1234567890123456789.01 EUR".parse().unwrap();
        let rate = AnnualRate::from_percent(Decimal::new(73, 1)).unwrap();
        let i = ExactInterest::new(base, rate, f).unwrap();
        assert_eq!(
            i.round(Rounding::HalfUp).unwrap().to_string(),
            "7654320918765432.09 EUR"
        );
        assert_eq!(
            i.round(Rounding::Up).unwrap().to_string(),
            "7654320918765432.10 EUR"
        );
        // 10^22 EUR at 10 % for 30/365: 8.219178082191780821917808…·10^19 EUR.
        let f = DayCount::Actual365
            .year_fraction(d(2025, 1, 1), d(2025, 1, 31))
            .unwrap();
        let base: Money = "10000000000000000000000.00 EUR".parse().unwrap();
        let i =
            ExactInterest::new(base, AnnualRate::from_percent(Decimal::TEN).unwrap(), f).unwrap();
        assert_eq!(
            i.round(Rounding::HalfUp).unwrap().to_string(),
            "82191780821917808219.18 EUR"
        );
        assert_eq!(
            i.round(Rounding::Down).unwrap().to_string(),
            "82191780821917808219.17 EUR"
        );
    }

    #[test]
    fn negative_interest_rounds_its_magnitude() {
        // -36.50 × 5 % × 5/365 = -0.025: half a cent, below zero.
        let f = DayCount::Actual365
            .year_fraction(d(2025, 1, 1), d(2025, 1, 6))
            .unwrap();
        let base: Money = "-36.50 EUR".parse().unwrap();
        let i = ExactInterest::new(base, AnnualRate::from_percent(Decimal::from(5)).unwrap(), f)
            .unwrap();
        assert!(!i.is_zero());
        assert_eq!(i.to_decimal(), Decimal::new(-25, 3));
        for (rounding, rounded) in [
            (Rounding::HalfUp, "-0.03 EUR"),
            (Rounding::HalfEven, "-0.02 EUR"),
            (Rounding::Down, "-0.02 EUR"),
            (Rounding::Up, "-0.03 EUR"),
        ] {
            assert_eq!(
                i.round(rounding).unwrap().to_string(),
                rounded,
                "{rounding:?}"
            );
        }
    }

    #[test]
    fn exact_interest_reads_as_a_decimal() {
        // 5000 × 10 % × 30/365 = 41.09589041…
        let f = DayCount::Actual365
            .year_fraction(d(2025, 1, 31), d(2025, 3, 2))
            .unwrap();
        let base: Money = "5000.00 EUR".parse().unwrap();
        let i =
            ExactInterest::new(base, AnnualRate::from_percent(Decimal::TEN).unwrap(), f).unwrap();
        assert!(!i.is_zero());
        assert_eq!(i.to_decimal().round_dp(8), Decimal::new(4_109_589_041, 8));
    }
}
