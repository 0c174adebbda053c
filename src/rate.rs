//! Interest rates.
//!
//! An [`AnnualRate`] is a nominal yearly rate, its own type so that a rate is never mistaken for an
//! amount. [`AnnualRate::periodic`] turns it into the rate of one period of a plan, kept as an exact
//! fraction so that interest is computed with a single rounding at the end.

use core::fmt;
use core::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::frequency::Frequency;
use crate::money::{Money, Rounding};

/// The largest annual rate accepted, in percent. Usury ceilings are far below; this only keeps
/// nonsense out.
const MAX_PERCENT: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// A nominal annual interest rate, from 0 % to 1,000 %.
///
/// Text and JSON write it in percent with a `%` sign: `"5.25%"`.
///
/// ```
/// use echeancier::AnnualRate;
/// use rust_decimal::Decimal;
///
/// let rate = AnnualRate::from_percent(Decimal::new(525, 2))?; // 5.25 %
/// assert_eq!(rate.fraction(), Decimal::new(525, 4));            // 0.0525
/// assert_eq!(rate.to_string(), "5.25%");
/// assert_eq!("5.25%".parse::<AnnualRate>()?, rate);
/// assert_eq!(AnnualRate::from_fraction(Decimal::new(525, 4))?, rate);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct AnnualRate {
    /// The rate as a fraction (0.05 for 5 %), normalised so equal rates compare and hash equal.
    fraction: Decimal,
}

impl AnnualRate {
    /// 0 %.
    ///
    /// ```
    /// assert_eq!(echeancier::AnnualRate::ZERO.to_string(), "0%");
    /// ```
    pub const ZERO: AnnualRate = AnnualRate {
        fraction: Decimal::ZERO,
    };

    /// A rate given in percent (`5` for 5 %).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRate`] below 0 % or above 1,000 %.
    ///
    /// ```
    /// use echeancier::AnnualRate;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(AnnualRate::from_percent(Decimal::from(8))?.to_string(), "8%");
    /// assert!(AnnualRate::from_percent(Decimal::from(-1)).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn from_percent(percent: Decimal) -> Result<AnnualRate> {
        if percent.is_sign_negative() && !percent.is_zero() {
            return Err(Error::InvalidRate {
                percent,
                reason: "a rate must not be negative",
            });
        }
        if percent > MAX_PERCENT {
            return Err(Error::InvalidRate {
                percent,
                reason: "a rate must not exceed 1000%",
            });
        }
        let fraction = percent
            .checked_div(Decimal::ONE_HUNDRED)
            .ok_or(Error::Overflow {
                operation: "converting a rate from percent",
            })?;
        Ok(AnnualRate {
            fraction: fraction.normalize(),
        })
    }

    /// A rate given as a fraction (`0.05` for 5 %).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRate`] below 0 or above 10 (1,000 %).
    ///
    /// ```
    /// use echeancier::AnnualRate;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(AnnualRate::from_fraction(Decimal::new(5, 2))?.percent(), Decimal::from(5));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn from_fraction(fraction: Decimal) -> Result<AnnualRate> {
        let percent = fraction
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or(Error::InvalidRate {
                percent: fraction,
                reason: "a rate must not exceed 1000%",
            })?;
        AnnualRate::from_percent(percent)
    }

    /// The rate as a fraction: 0.05 for 5 %.
    ///
    /// ```
    /// let rate: echeancier::AnnualRate = "12.15%".parse()?;
    /// assert_eq!(rate.fraction().to_string(), "0.1215");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn fraction(&self) -> Decimal {
        self.fraction
    }

    /// The rate in percent: 5 for 5 %.
    ///
    /// ```
    /// let rate: echeancier::AnnualRate = "12.15%".parse()?;
    /// assert_eq!(rate.percent().to_string(), "12.15");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    // At most 1000 × 100: cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn percent(&self) -> Decimal {
        (self.fraction * Decimal::ONE_HUNDRED).normalize()
    }

    /// True for 0 %.
    ///
    /// ```
    /// assert!(echeancier::AnnualRate::ZERO.is_zero());
    /// ```
    pub fn is_zero(&self) -> bool {
        self.fraction.is_zero()
    }

    /// The rate of one period of `frequency`, by the nominal convention used for instalment loans:
    /// the annual rate times the period's [year fraction](Frequency::year_fraction). 12 % a year is
    /// 1 % a month, 3 % a quarter, 12/52 % a week.
    ///
    /// (An *effective* conversion, `(1 + r)^(1/12) − 1`, gives a slightly lower monthly rate; it is
    /// what some consumer-credit APR rules use to *disclose* a rate, not how instalments are computed.)
    ///
    /// ```
    /// use echeancier::{AnnualRate, Frequency};
    /// use rust_decimal::Decimal;
    ///
    /// let rate: AnnualRate = "12%".parse()?;
    /// assert_eq!(rate.periodic(Frequency::MONTHLY).to_decimal(), Decimal::new(1, 2));
    /// assert_eq!(rate.periodic(Frequency::QUARTERLY).to_decimal(), Decimal::new(3, 2));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn periodic(&self, frequency: Frequency) -> PeriodicRate {
        let (numerator, denominator) = frequency.year_fraction();
        PeriodicRate {
            annual: *self,
            numerator,
            denominator,
        }
    }

    /// The rate of a period of `numerator / denominator` of a year (days over a year of 360, 364
    /// or 365 days), for the interest bases of a schedule.
    pub(crate) fn periodic_over(&self, numerator: u32, denominator: u32) -> PeriodicRate {
        PeriodicRate {
            annual: *self,
            numerator,
            denominator,
        }
    }
}

/// `5.25%`.
impl fmt::Display for AnnualRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.percent())
    }
}

impl fmt::Debug for AnnualRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for AnnualRate {
    type Err = Error;

    fn from_str(s: &str) -> Result<AnnualRate> {
        let number = s
            .trim()
            .strip_suffix('%')
            .map(str::trim_end)
            .and_then(|n| Decimal::from_str_exact(n).ok())
            .ok_or_else(|| Error::Parse {
                what: "a rate in percent (\"5.25%\")",
                input: s.to_owned(),
            })?;
        AnnualRate::from_percent(number)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for AnnualRate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for AnnualRate {
    fn deserialize<D: serde::Deserializer<'de>>(
        d: D,
    ) -> core::result::Result<AnnualRate, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodicRateRepr {
    annual: AnnualRate,
    numerator: u32,
    denominator: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<PeriodicRateRepr> for PeriodicRate {
    type Error = Error;

    /// Only the fractions of a year a [`Frequency`] has: months over 12, weeks over 52, other
    /// days over 365.
    fn try_from(r: PeriodicRateRepr) -> Result<PeriodicRate> {
        let frequency = match (r.numerator, r.denominator) {
            (n, 12) => Frequency::every_months(n),
            (n, 52) => Frequency::every_days(n.saturating_mul(7)),
            (n, 365) if n % 7 != 0 => Frequency::every_days(n),
            (n, d) => Err(crate::contract::fail(
                "periodic rate",
                format!("{n}/{d} of a year is not the period of a frequency (months over 12, weeks over 52, days over 365)"),
            )),
        }?;
        Ok(r.annual.periodic(frequency))
    }
}

/// The interest rate of one period of a plan: an annual rate times `numerator / denominator` of a
/// year, kept as that exact fraction.
///
/// ```
/// use echeancier::{AnnualRate, Frequency, Money, Rounding};
///
/// let monthly = "5%".parse::<AnnualRate>()?.periodic(Frequency::MONTHLY);
/// let balance: Money = "10000.00 EUR".parse()?;
/// // 10,000 × 0.05 × 1/12 = 41.666…, rounded once
/// assert_eq!(monthly.interest_on(balance, Rounding::HalfUp)?.to_string(), "41.67 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// In JSON it is `{"annual": "5%", "numerator": 1, "denominator": 12}`. Deserialising accepts only
/// the fractions of a year a `Frequency` has (months over 12, weeks over 52, other days over 365).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PeriodicRateRepr"))]
pub struct PeriodicRate {
    annual: AnnualRate,
    numerator: u32,
    denominator: u32,
}

impl PeriodicRate {
    /// The annual rate it comes from.
    ///
    /// ```
    /// use echeancier::{AnnualRate, Frequency};
    ///
    /// let annual: AnnualRate = "6%".parse()?;
    /// assert_eq!(annual.periodic(Frequency::MONTHLY).annual(), annual);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn annual(&self) -> AnnualRate {
        self.annual
    }

    /// The periodic rate as a `Decimal` (28 significant digits: 5 % / 12 is 0.0041666…67). Interest is
    /// not computed from this rounded figure but from the exact fraction ([`PeriodicRate::interest_on`]).
    ///
    /// ```
    /// use echeancier::{AnnualRate, Frequency};
    ///
    /// let r = "6%".parse::<AnnualRate>()?.periodic(Frequency::MONTHLY);
    /// assert_eq!(r.to_decimal().to_string(), "0.005");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    // fraction ≤ 10 and the factors are u32: no overflow; division by a non-zero denominator.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn to_decimal(&self) -> Decimal {
        (self.annual.fraction * Decimal::from(self.numerator) / Decimal::from(self.denominator))
            .normalize()
    }

    /// The period as `(numerator, denominator)` of a year.
    pub(crate) fn year_fraction(&self) -> (u32, u32) {
        (self.numerator, self.denominator)
    }

    /// True when no interest accrues.
    ///
    /// ```
    /// use echeancier::{AnnualRate, Frequency};
    ///
    /// assert!(AnnualRate::ZERO.periodic(Frequency::WEEKLY).is_zero());
    /// ```
    pub fn is_zero(&self) -> bool {
        self.annual.is_zero()
    }

    /// The interest of one period on `balance`: `balance × annual × numerator / denominator`,
    /// multiplied exactly, divided last, and rounded once to the minor unit with `rounding`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] if the product leaves `Decimal`'s range.
    ///
    /// ```
    /// use echeancier::{AnnualRate, Frequency, Money, Rounding};
    ///
    /// let weekly = "10%".parse::<AnnualRate>()?.periodic(Frequency::WEEKLY);
    /// let balance: Money = "5200.00 EUR".parse()?;
    /// assert_eq!(weekly.interest_on(balance, Rounding::HalfUp)?.to_string(), "10.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest_on(&self, balance: Money, rounding: Rounding) -> Result<Money> {
        let overflow = || Error::Overflow {
            operation: "computing periodic interest",
        };
        let exact = balance
            .amount()
            .checked_mul(self.annual.fraction)
            .and_then(|x| x.checked_mul(Decimal::from(self.numerator)))
            .and_then(|x| x.checked_div(Decimal::from(self.denominator)))
            .ok_or_else(overflow)?;
        Money::round(exact, balance.currency(), rounding)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    #[test]
    fn percent_and_fraction_agree() {
        let a = AnnualRate::from_percent(Decimal::new(500, 2)).unwrap();
        let b = AnnualRate::from_fraction(Decimal::new(5, 2)).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "5%");
    }

    #[test]
    fn bounds() {
        assert!(AnnualRate::from_percent(Decimal::from(1000)).is_ok());
        assert!(AnnualRate::from_percent(Decimal::from(1001)).is_err());
        assert!(AnnualRate::from_fraction(Decimal::MAX).is_err());
        assert!("-0%".parse::<AnnualRate>().is_ok());
        for bad in ["5", "abc%", "", "%"] {
            assert!(bad.parse::<AnnualRate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn exact_half_cent_is_rounded_by_the_named_strategy() {
        // 10.50 × 6 % / 12 = 0.0525 exactly: the exact fraction sees the half cent.
        let r = "6%"
            .parse::<AnnualRate>()
            .unwrap()
            .periodic(Frequency::MONTHLY);
        let m = Money::new(Decimal::new(1050, 2), Currency::EUR).unwrap();
        assert_eq!(
            r.interest_on(m, Rounding::HalfUp).unwrap().to_string(),
            "0.05 EUR"
        );
        assert_eq!(
            r.interest_on(m, Rounding::HalfEven).unwrap().to_string(),
            "0.05 EUR"
        );
        // 30.50 × 6 % / 12 = 0.1525 → 0.15 half-even, 0.15 half-up; 0.3 % of 35.00 = 0.105
        let m = Money::new(Decimal::new(3500, 2), Currency::EUR).unwrap();
        assert_eq!(
            r.interest_on(m, Rounding::HalfUp).unwrap().to_string(),
            "0.18 EUR"
        );
        let r = "3.6%"
            .parse::<AnnualRate>()
            .unwrap()
            .periodic(Frequency::MONTHLY);
        assert_eq!(
            r.interest_on(m, Rounding::HalfUp).unwrap().to_string(),
            "0.11 EUR"
        );
        assert_eq!(
            r.interest_on(m, Rounding::HalfEven).unwrap().to_string(),
            "0.10 EUR"
        );
    }
}
