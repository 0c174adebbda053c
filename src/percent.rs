//! Percentages of an amount: shares, discounts, reductions.
//!
//! A [`Percent`] lies between 0 % and 100 % and is its own type, so a share of the disposable income
//! or a 2 % early-payment discount is never mistaken for an amount or for an interest rate (which
//! is an [`AnnualRate`](crate::AnnualRate) and may exceed 100 %).

use core::fmt;
use core::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::{Money, Rounding};

/// A percentage from 0 % to 100 %, kept exact.
///
/// Text and JSON write it in percent with a `%` sign: `"2.5%"`.
///
/// ```
/// use echeancier::{Money, Percent, Rounding};
/// use rust_decimal::Decimal;
///
/// let two = Percent::new(Decimal::from(2))?;
/// assert_eq!(two.to_string(), "2%");
/// assert_eq!("2%".parse::<Percent>()?, two);
/// assert_eq!(two.fraction(), Decimal::new(2, 2));
/// let base: Money = "10000.00 EUR".parse()?;
/// assert_eq!(two.of(base, Rounding::HalfUp)?.to_string(), "200.00 EUR");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Percent {
    /// In percent (2 for 2 %), normalised so equal percentages compare and hash equal.
    percent: Decimal,
}

impl Percent {
    /// 0 %.
    ///
    /// ```
    /// assert!(echeancier::Percent::ZERO.is_zero());
    /// ```
    pub const ZERO: Percent = Percent {
        percent: Decimal::ZERO,
    };

    /// 100 %.
    ///
    /// ```
    /// assert_eq!(echeancier::Percent::HUNDRED.to_string(), "100%");
    /// ```
    pub const HUNDRED: Percent = Percent {
        percent: Decimal::ONE_HUNDRED,
    };

    /// A whole percentage known at compile time; `percent` must not exceed 100.
    pub(crate) const fn from_whole(percent: u32) -> Percent {
        Percent {
            percent: Decimal::from_parts(percent, 0, 0, false, 0),
        }
    }

    /// A percentage given in percent (`2.5` for 2.5 %).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPercent`] below 0 or above 100.
    ///
    /// ```
    /// use echeancier::Percent;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Percent::new(Decimal::new(25, 1))?.to_string(), "2.5%");
    /// assert!(Percent::new(Decimal::from(101)).is_err());
    /// assert!(Percent::new(Decimal::from(-1)).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(percent: Decimal) -> Result<Percent> {
        if (percent.is_sign_negative() && !percent.is_zero()) || percent > Decimal::ONE_HUNDRED {
            return Err(Error::InvalidPercent {
                what: "percentage",
                percent,
                range: "between 0 and 100",
            });
        }
        Ok(Percent {
            percent: percent.normalize(),
        })
    }

    /// A percentage given as a fraction (`0.025` for 2.5 %).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPercent`] below 0 or above 1.
    ///
    /// ```
    /// use echeancier::Percent;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Percent::from_fraction(Decimal::new(25, 3))?.to_string(), "2.5%");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn from_fraction(fraction: Decimal) -> Result<Percent> {
        let percent = fraction
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or(Error::InvalidPercent {
                what: "percentage",
                percent: fraction,
                range: "between 0 and 100",
            })?;
        Percent::new(percent)
    }

    /// The percentage in percent: 2.5 for 2.5 %.
    ///
    /// ```
    /// let p: echeancier::Percent = "2.5%".parse()?;
    /// assert_eq!(p.percent().to_string(), "2.5");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn percent(&self) -> Decimal {
        self.percent
    }

    /// The percentage as a fraction: 0.025 for 2.5 %.
    ///
    /// ```
    /// let p: echeancier::Percent = "2.5%".parse()?;
    /// assert_eq!(p.fraction().to_string(), "0.025");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    // At most 100 / 100 with a short mantissa: cannot fail.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn fraction(&self) -> Decimal {
        (self.percent / Decimal::ONE_HUNDRED).normalize()
    }

    /// What is left of 100 %: 98 % for 2 %.
    ///
    /// ```
    /// let p: echeancier::Percent = "2%".parse()?;
    /// assert_eq!(p.complement().to_string(), "98%");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    // Both within 0..=100, so the difference is too.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn complement(&self) -> Percent {
        Percent {
            percent: (Decimal::ONE_HUNDRED - self.percent).normalize(),
        }
    }

    /// True for 0 %.
    ///
    /// ```
    /// assert!("0%".parse::<echeancier::Percent>()?.is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn is_zero(&self) -> bool {
        self.percent.is_zero()
    }

    /// This percentage of `amount`, multiplied exactly and rounded once with `rounding`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] if the product leaves `Decimal`'s range (not for amounts below
    /// 7.9 × 10^26).
    ///
    /// ```
    /// use echeancier::{Money, Percent, Rounding};
    ///
    /// let share: Percent = "33%".parse()?;
    /// let income: Money = "1234.57 EUR".parse()?;
    /// // 1234.57 × 0.33 = 407.4081
    /// assert_eq!(share.of(income, Rounding::HalfUp)?.to_string(), "407.41 EUR");
    /// assert_eq!(share.of(income, Rounding::Down)?.to_string(), "407.40 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(&self, amount: Money, rounding: Rounding) -> Result<Money> {
        let exact = amount
            .amount()
            .checked_mul(self.percent)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .ok_or(Error::Overflow {
                operation: "taking a percentage of an amount",
            })?;
        Money::round(exact, amount.currency(), rounding)
    }

    /// The percentage as a reader of `language` writes it: `71.33%` in English, `71,33 %` in
    /// French (decimal comma, a space before the sign). [`Percent`]'s `Display` is the English
    /// form, which is also what [`FromStr`](core::str::FromStr) reads.
    ///
    /// ```
    /// use echeancier::{Language, Percent};
    ///
    /// let share: Percent = "71.33%".parse()?;
    /// assert_eq!(share.to_string_in(Language::English), "71.33%");
    /// assert_eq!(share.to_string_in(Language::French), "71,33 %");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn to_string_in(&self, language: crate::Language) -> String {
        crate::language::percent(*self, language)
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.percent)
    }
}

impl fmt::Debug for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Percent({}%)", self.percent)
    }
}

/// Parses `"2.5%"` (the sign may be omitted: `"2.5"`).
impl FromStr for Percent {
    type Err = Error;

    fn from_str(s: &str) -> Result<Percent> {
        let text = s.trim();
        let number = text.strip_suffix('%').unwrap_or(text).trim();
        let percent = Decimal::from_str_exact(number).map_err(|_| Error::Parse {
            what: "a percentage",
            input: s.to_owned(),
        })?;
        Percent::new(percent)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Percent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> core::result::Result<Percent, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    #[test]
    fn bounds_are_inclusive() {
        assert!(Percent::new(Decimal::ZERO).is_ok());
        assert!(Percent::new(Decimal::ONE_HUNDRED).is_ok());
        assert!(Percent::new(Decimal::new(10001, 2)).is_err());
        assert!(Percent::new(Decimal::new(-1, 2)).is_err());
    }

    #[test]
    fn equal_percentages_are_equal_whatever_their_scale() {
        assert_eq!(
            Percent::new(Decimal::new(200, 2)).ok(),
            Percent::new(Decimal::from(2)).ok()
        );
    }

    #[test]
    fn of_rounds_once_with_the_named_mode() -> Result<()> {
        let half: Percent = "50%".parse()?;
        let odd = Money::from_minor(1, Currency::EUR)?; // 0.01 → 0.005
        assert_eq!(half.of(odd, Rounding::HalfUp)?.to_minor(), Some(1));
        assert_eq!(half.of(odd, Rounding::HalfEven)?.to_minor(), Some(0));
        assert_eq!(half.of(odd, Rounding::Down)?.to_minor(), Some(0));
        Ok(())
    }

    #[test]
    fn text_round_trips_and_refuses_garbage() -> Result<()> {
        for text in ["0%", "2%", "2.5%", "33.333%", "100%"] {
            assert_eq!(text.parse::<Percent>()?.to_string(), text);
        }
        assert!("two%".parse::<Percent>().is_err());
        assert!("150%".parse::<Percent>().is_err());
        Ok(())
    }
}
