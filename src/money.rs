//! Currencies, amounts of money and rounding.
//!
//! A [`Money`] is a `Decimal` tied to a [`Currency`] that knows its minor unit (EUR has cents, JPY has
//! none, TND has millimes). A `Money` always holds a whole number of minor units: constructors refuse
//! anything finer rather than round it silently, and the only way to turn a finer figure (an interest
//! computation, a share) into money is [`Money::round`], which names its [`Rounding`].

use core::fmt;
use core::str::FromStr;
use std::sync::Arc;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, Result};

/// The largest number of minor-unit digits a currency may have.
const MAX_MINOR_UNITS: u32 = 6;

/// A currency: a three-letter code and the number of digits of its minor unit.
///
/// The usual currencies are constants ([`Currency::EUR`], [`Currency::JPY`], …) and
/// [`Currency::from_code`] knows the ISO 4217 exponent of many more. Any other unit (a local voucher, a
/// test currency) is made with [`Currency::new`] and any exponent from 0 to 6.
///
/// ```
/// use echeancier::Currency;
///
/// assert_eq!(Currency::EUR.minor_units(), 2);
/// assert_eq!(Currency::from_code("JPY")?.minor_units(), 0);
/// assert_eq!("KWD".parse::<Currency>()?.minor_units(), 3);
/// let points = Currency::new("PTS", 1)?;
/// assert_eq!(points.to_string(), "PTS:1");
/// assert_eq!("PTS:1".parse::<Currency>()?, points);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    minor_units: u8,
}

/// ISO 4217 codes the crate knows, with their exponent.
const KNOWN: &[(&str, u8)] = &[
    ("AED", 2),
    ("AUD", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("DZD", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HKD", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("LYD", 3),
    ("MAD", 2),
    ("MXN", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PLN", 2),
    ("RON", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("TND", 3),
    ("TRY", 2),
    ("UAH", 2),
    ("USD", 2),
    ("VND", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("XPF", 0),
    ("ZAR", 2),
];

impl Currency {
    /// Euro, 2 digits.
    ///
    /// ```
    /// assert_eq!(echeancier::Currency::EUR.minor_units(), 2);
    /// ```
    pub const EUR: Currency = Currency::known(*b"EUR", 2);
    /// US dollar, 2 digits.
    ///
    /// ```
    /// assert_eq!(echeancier::Currency::USD.minor_units(), 2);
    /// ```
    pub const USD: Currency = Currency::known(*b"USD", 2);
    /// Pound sterling, 2 digits.
    ///
    /// ```
    /// assert_eq!(echeancier::Currency::GBP.minor_units(), 2);
    /// ```
    pub const GBP: Currency = Currency::known(*b"GBP", 2);
    /// Swiss franc, 2 digits.
    ///
    /// ```
    /// assert_eq!(echeancier::Currency::CHF.minor_units(), 2);
    /// ```
    pub const CHF: Currency = Currency::known(*b"CHF", 2);
    /// Japanese yen, no minor unit.
    ///
    /// ```
    /// assert_eq!(echeancier::Currency::JPY.minor_units(), 0);
    /// ```
    pub const JPY: Currency = Currency::known(*b"JPY", 0);
    /// Tunisian dinar, 3 digits (millimes).
    ///
    /// ```
    /// assert_eq!(echeancier::Currency::TND.minor_units(), 3);
    /// ```
    pub const TND: Currency = Currency::known(*b"TND", 3);
    /// Kuwaiti dinar, 3 digits (fils).
    ///
    /// ```
    /// assert_eq!(echeancier::Currency::KWD.minor_units(), 3);
    /// ```
    pub const KWD: Currency = Currency::known(*b"KWD", 3);

    const fn known(code: [u8; 3], minor_units: u8) -> Currency {
        Currency { code, minor_units }
    }

    /// A currency with any three-letter code and minor unit of `minor_units` digits (0 to 6).
    ///
    /// The code must be three ASCII uppercase letters. A known ISO code may be given another exponent
    /// here (some ledgers keep CLP with 2 digits); such a currency is not equal to the ISO one.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCurrency`] if the code is not three uppercase ASCII letters;
    /// [`Error::UnsupportedMinorUnits`] if `minor_units` is above 6.
    ///
    /// ```
    /// use echeancier::Currency;
    ///
    /// let mille = Currency::new("XTS", 3)?;
    /// assert_eq!(mille.minor_units(), 3);
    /// assert!(Currency::new("eur", 2).is_err());
    /// assert!(Currency::new("EUR", 9).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(code: &str, minor_units: u32) -> Result<Currency> {
        let bytes = Currency::parse_code(code)?;
        let digits = u8::try_from(minor_units)
            .ok()
            .filter(|d| u32::from(*d) <= MAX_MINOR_UNITS)
            .ok_or_else(|| Error::UnsupportedMinorUnits {
                code: code.to_owned(),
                minor_units,
                max: MAX_MINOR_UNITS,
            })?;
        Ok(Currency {
            code: bytes,
            minor_units: digits,
        })
    }

    /// The ISO 4217 currency with this code, with its standard exponent.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCurrency`] if the code is malformed or not one the crate knows; use
    /// [`Currency::new`] to declare it with its exponent.
    ///
    /// ```
    /// use echeancier::Currency;
    ///
    /// assert_eq!(Currency::from_code("TND")?, Currency::TND);
    /// assert!(Currency::from_code("ABC").is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn from_code(code: &str) -> Result<Currency> {
        let bytes = Currency::parse_code(code)?;
        // `KNOWN` is in alphabetical order (a unit test checks it).
        KNOWN
            .binary_search_by(|(known, _)| known.as_bytes().cmp(bytes.as_slice()))
            .ok()
            .and_then(|at| KNOWN.get(at))
            .map(|&(_, minor_units)| Currency {
                code: bytes,
                minor_units,
            })
            .ok_or_else(|| Error::InvalidCurrency {
                code: code.to_owned(),
                reason:
                    "not a known ISO 4217 code; declare it with its minor units, e.g. \"XTS:2\"",
            })
    }

    fn parse_code(code: &str) -> Result<[u8; 3]> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Ok([a, b, c]),
            _ => Err(Error::InvalidCurrency {
                code: code.to_owned(),
                reason: "expected three uppercase ASCII letters",
            }),
        }
    }

    /// The three-letter code.
    ///
    /// ```
    /// assert_eq!(echeancier::Currency::GBP.code(), "GBP");
    /// ```
    pub fn code(&self) -> &str {
        // The bytes were checked to be ASCII uppercase when the value was made.
        core::str::from_utf8(&self.code).unwrap_or("???")
    }

    /// The number of digits of the minor unit: 2 for EUR, 0 for JPY, 3 for TND.
    ///
    /// ```
    /// assert_eq!(echeancier::Currency::KWD.minor_units(), 3);
    /// ```
    #[inline]
    pub fn minor_units(&self) -> u32 {
        u32::from(self.minor_units)
    }

    /// The smallest amount of this currency: 0.01 EUR, 1 JPY, 0.001 TND.
    ///
    /// ```
    /// use echeancier::Currency;
    ///
    /// assert_eq!(Currency::EUR.minor_unit().to_string(), "0.01 EUR");
    /// assert_eq!(Currency::JPY.minor_unit().to_string(), "1 JPY");
    /// ```
    pub fn minor_unit(&self) -> Money {
        Money {
            amount: Decimal::new(1, self.minor_units()),
            currency: *self,
        }
    }

    fn is_iso(&self) -> bool {
        KNOWN
            .iter()
            .any(|(code, units)| code.as_bytes() == self.code && *units == self.minor_units)
    }
}

/// The code for ISO currencies (`EUR`), the code and digits for others (`XTS:3`); [`FromStr`] reads
/// both back.
impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_iso() {
            f.write_str(self.code())
        } else {
            write!(f, "{}:{}", self.code(), self.minor_units)
        }
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Currency {
    type Err = Error;

    fn from_str(s: &str) -> Result<Currency> {
        match s.split_once(':') {
            None => Currency::from_code(s),
            Some((code, digits)) => {
                let minor_units = digits.parse::<u32>().map_err(|_| Error::Parse {
                    what: "a currency (\"EUR\" or \"XTS:2\")",
                    input: s.to_owned(),
                })?;
                Currency::new(code, minor_units)
            }
        }
    }
}

/// How a figure finer than the minor unit becomes money.
///
/// French accounting practice, and the crate's default, is [`Rounding::HalfUp`]: halves go away from
/// zero. Every place that rounds takes one of these and says so in its documentation.
///
/// | value (EUR) | `HalfUp` | `HalfEven` | `Down` | `Up` |
/// |---|---|---|---|---|
/// | 2.345 | 2.35 | 2.34 | 2.34 | 2.35 |
/// | 2.355 | 2.36 | 2.36 | 2.35 | 2.36 |
/// | 2.341 | 2.34 | 2.34 | 2.34 | 2.35 |
/// | −2.345 | −2.35 | −2.34 | −2.34 | −2.35 |
///
/// ```
/// use echeancier::{Currency, Money, Rounding};
/// use rust_decimal::Decimal;
///
/// let raw = Decimal::new(2345, 3); // 2.345
/// assert_eq!(Money::round(raw, Currency::EUR, Rounding::HalfUp)?.amount(), Decimal::new(235, 2));
/// assert_eq!(Money::round(raw, Currency::EUR, Rounding::HalfEven)?.amount(), Decimal::new(234, 2));
/// assert_eq!(Rounding::default(), Rounding::HalfUp);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Rounding {
    /// Half away from zero (2.345 → 2.35): French accounting practice, the default.
    #[default]
    HalfUp,
    /// Half to the even neighbour (2.345 → 2.34, 2.355 → 2.36): banker's rounding.
    HalfEven,
    /// Toward zero (truncation): 2.349 → 2.34.
    Down,
    /// Away from zero: 2.341 → 2.35.
    Up,
}

impl Rounding {
    /// Rounds `value` to `dp` decimal places with this strategy.
    ///
    /// ```
    /// use echeancier::Rounding;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Rounding::Up.round_dp(Decimal::new(2341, 3), 2), Decimal::new(235, 2));
    /// ```
    pub fn round_dp(self, value: Decimal, dp: u32) -> Decimal {
        value.round_dp_with_strategy(dp, self.strategy())
    }

    fn strategy(self) -> RoundingStrategy {
        match self {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::Down => RoundingStrategy::ToZero,
            Rounding::Up => RoundingStrategy::AwayFromZero,
        }
    }
}

/// An amount of money: a whole number of minor units of one currency.
///
/// Arithmetic is checked and currency-aware: [`Money::checked_add`] and friends return an error on a
/// currency mismatch or an overflow instead of panicking. Amounts may be negative (a balance, a
/// difference); functions that need a positive amount say so and check it.
///
/// ```
/// use echeancier::{Currency, Money};
/// use rust_decimal::Decimal;
///
/// let a = Money::new(Decimal::new(1050, 2), Currency::EUR)?; // 10.50 EUR
/// let b: Money = "4.25 EUR".parse()?;
/// assert_eq!(a.checked_add(b)?.to_string(), "14.75 EUR");
/// assert!(a.checked_add(Money::from_minor(1, Currency::JPY)?).is_err());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    /// Always at the currency's scale (2 decimal places for EUR), so `Display` is stable.
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// An amount that is already a whole number of minor units (`12.30` or `12.3` EUR, not `12.345`).
    ///
    /// # Errors
    ///
    /// [`Error::NotWholeMinorUnits`] if `amount` has a non-zero digit beyond the currency's minor unit;
    /// use [`Money::round`] to round such a figure on purpose.
    ///
    /// ```
    /// use echeancier::{Currency, Money};
    /// use rust_decimal::Decimal;
    ///
    /// let m = Money::new(Decimal::new(123, 1), Currency::EUR)?; // 12.3
    /// assert_eq!(m.to_string(), "12.30 EUR");
    /// assert!(Money::new(Decimal::new(5, 1), Currency::JPY).is_err()); // 0.5 yen
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(amount: Decimal, currency: Currency) -> Result<Money> {
        let scale = currency.minor_units();
        let rounded = amount.round_dp_with_strategy(scale, RoundingStrategy::ToZero);
        if rounded != amount {
            return Err(Error::NotWholeMinorUnits { amount, currency });
        }
        Ok(Money::at_scale(rounded, currency))
    }

    /// Rounds any figure to the currency's minor unit with `rounding`: the one door from a computed
    /// figure to money.
    ///
    /// # Errors
    ///
    /// None today; the `Result` keeps the door open for currencies with cash rounding (0.05 CHF).
    ///
    /// ```
    /// use echeancier::{Currency, Money, Rounding};
    /// use rust_decimal::Decimal;
    ///
    /// let interest = Decimal::new(41_666_667, 6); // 41.666667
    /// assert_eq!(Money::round(interest, Currency::EUR, Rounding::HalfUp)?.to_string(), "41.67 EUR");
    /// assert_eq!(Money::round(interest, Currency::EUR, Rounding::Down)?.to_string(), "41.66 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn round(value: Decimal, currency: Currency, rounding: Rounding) -> Result<Money> {
        let rounded = rounding.round_dp(value, currency.minor_units());
        Ok(Money::at_scale(rounded, currency))
    }

    /// An amount given as a count of minor units: `from_minor(1234, EUR)` is 12.34 EUR.
    ///
    /// # Errors
    ///
    /// Never for amounts in `i64`; the `Result` matches the other constructors.
    ///
    /// ```
    /// use echeancier::{Currency, Money};
    ///
    /// assert_eq!(Money::from_minor(1234, Currency::EUR)?.to_string(), "12.34 EUR");
    /// assert_eq!(Money::from_minor(1234, Currency::JPY)?.to_string(), "1234 JPY");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn from_minor(minor: i64, currency: Currency) -> Result<Money> {
        let amount =
            Decimal::try_new(minor, currency.minor_units()).map_err(|_| Error::Overflow {
                operation: "building an amount from minor units",
            })?;
        Ok(Money { amount, currency })
    }

    /// [`Money::from_minor`], which cannot fail: a currency has at most 6 minor digits and a
    /// `Decimal` takes a scale up to 28. For amounts known to be whole minor units.
    #[inline]
    pub(crate) fn of_minor(minor: i64, currency: Currency) -> Money {
        // The error (a scale above 28) does not happen; zero stands in for the unreachable case.
        let amount = Decimal::try_new(minor, currency.minor_units()).unwrap_or(Decimal::ZERO);
        Money { amount, currency }
    }

    /// The amount as a count of minor units when it is a plain one: at the currency's scale, not a
    /// zero with a sign, and within an `i64`. [`Money::of_minor`] gives back the same bits, and the
    /// sums, differences and comparisons of plain amounts in integers are those of `Decimal`: see
    /// [`Money::small_sum`].
    #[inline]
    pub(crate) fn plain_minor(&self) -> Option<i64> {
        let plain = self.amount.scale() == self.currency.minor_units()
            && !(self.amount.is_zero() && self.amount.is_sign_negative());
        if plain {
            i64::try_from(self.amount.mantissa()).ok()
        } else {
            None
        }
    }

    /// `minor` minor units of `currency`, for the integer arithmetic of schedules.
    pub(crate) fn from_minor_i128(minor: i128, currency: Currency) -> Result<Money> {
        let amount =
            Decimal::try_from_i128_with_scale(minor, currency.minor_units()).map_err(|_| {
                Error::Overflow {
                    operation: "building an amount from minor units",
                }
            })?;
        Ok(Money { amount, currency })
    }

    /// The amount as a count of minor units, unless it is too large to be held at the currency's
    /// scale (beyond 10^26 or so).
    pub(crate) fn minor_i128(&self) -> Option<i128> {
        (self.amount.scale() == self.currency.minor_units()).then(|| self.amount.mantissa())
    }

    /// Zero in `currency`.
    ///
    /// ```
    /// use echeancier::{Currency, Money};
    ///
    /// assert!(Money::zero(Currency::EUR).is_zero());
    /// assert_eq!(Money::zero(Currency::EUR).to_string(), "0.00 EUR");
    /// ```
    #[inline]
    pub fn zero(currency: Currency) -> Money {
        // Zero minor units: the same bits as `Decimal::ZERO` rescaled, without the rescaling.
        Money::of_minor(0, currency)
    }

    /// Sets the scale to the currency's, which never loses digits for a value that is already whole
    /// minor units.
    #[inline]
    fn at_scale(mut amount: Decimal, currency: Currency) -> Money {
        // Rescaling to the scale a value already has changes no bit: the sums and differences of
        // amounts at the currency's scale (nearly all of them) skip it.
        if amount.scale() != currency.minor_units() {
            amount.rescale(currency.minor_units());
        }
        Money { amount, currency }
    }

    /// The amount as a `Decimal`, at the currency's scale.
    ///
    /// ```
    /// use echeancier::{Currency, Money};
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Money::from_minor(1050, Currency::EUR)?.amount(), Decimal::new(1050, 2));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    #[inline]
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    ///
    /// ```
    /// use echeancier::{Currency, Money};
    ///
    /// assert_eq!(Money::zero(Currency::CHF).currency(), Currency::CHF);
    /// ```
    #[inline]
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The amount as a count of minor units, if it fits in an `i64`.
    ///
    /// ```
    /// use echeancier::{Currency, Money};
    ///
    /// let m: Money = "12.34 EUR".parse()?;
    /// assert_eq!(m.to_minor(), Some(1234));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn to_minor(&self) -> Option<i64> {
        i64::try_from(self.amount.mantissa()).ok()
    }

    /// True for zero.
    ///
    /// ```
    /// use echeancier::{Currency, Money};
    ///
    /// assert!(!Money::from_minor(1, Currency::EUR)?.is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    #[inline]
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// True for amounts above zero.
    ///
    /// ```
    /// use echeancier::{Currency, Money};
    ///
    /// assert!(Money::from_minor(1, Currency::EUR)?.is_positive());
    /// assert!(!Money::zero(Currency::EUR).is_positive());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    #[inline]
    pub fn is_positive(&self) -> bool {
        // What `amount > 0` says (a negative zero is not positive), without a full comparison.
        !self.amount.is_zero() && self.amount.is_sign_positive()
    }

    /// True for amounts below zero.
    ///
    /// ```
    /// use echeancier::{Currency, Money};
    ///
    /// assert!(Money::from_minor(-1, Currency::EUR)?.is_negative());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    #[inline]
    pub fn is_negative(&self) -> bool {
        // What `amount < 0` says (a negative zero is not negative), without a full comparison.
        !self.amount.is_zero() && self.amount.is_sign_negative()
    }

    /// `self + other`.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if the currencies differ; [`Error::Overflow`] past `Decimal`'s range.
    ///
    /// ```
    /// use echeancier::Money;
    ///
    /// let a: Money = "0.10 EUR".parse()?;
    /// let b: Money = "0.20 EUR".parse()?;
    /// assert_eq!(a.checked_add(b)?, "0.30 EUR".parse()?);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    #[inline]
    pub fn checked_add(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        let Some(amount) = self.amount.checked_add(other.amount) else {
            return Err(Error::Overflow {
                operation: "adding amounts",
            });
        };
        Ok(Money::at_scale(amount, self.currency))
    }

    /// `self − other`.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if the currencies differ; [`Error::Overflow`] past `Decimal`'s range.
    ///
    /// ```
    /// use echeancier::Money;
    ///
    /// let a: Money = "1.00 EUR".parse()?;
    /// assert_eq!(a.checked_sub("1.50 EUR".parse()?)?.to_string(), "-0.50 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    #[inline]
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        let Some(amount) = self.amount.checked_sub(other.amount) else {
            return Err(Error::Overflow {
                operation: "subtracting amounts",
            });
        };
        Ok(Money::at_scale(amount, self.currency))
    }

    /// `self × factor`, where the factor is a whole number (a count of instalments, of days).
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] past `Decimal`'s range.
    ///
    /// ```
    /// use echeancier::Money;
    ///
    /// let instalment: Money = "299.71 EUR".parse()?;
    /// assert_eq!(instalment.checked_mul_int(35)?.to_string(), "10489.85 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn checked_mul_int(self, factor: i64) -> Result<Money> {
        let Some(amount) = self.amount.checked_mul(Decimal::from(factor)) else {
            return Err(Error::Overflow {
                operation: "multiplying an amount",
            });
        };
        Ok(Money::at_scale(amount, self.currency))
    }

    /// Sums amounts of one currency; the sum of nothing is zero in `currency`.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if an amount is in another currency; [`Error::Overflow`].
    ///
    /// ```
    /// use echeancier::{Currency, Money};
    ///
    /// let parts: Vec<Money> = vec!["1.10 EUR".parse()?, "2.20 EUR".parse()?];
    /// assert_eq!(Money::sum(Currency::EUR, parts)?.to_string(), "3.30 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn sum<I: IntoIterator<Item = Money>>(currency: Currency, amounts: I) -> Result<Money> {
        amounts
            .into_iter()
            .try_fold(Money::zero(currency), Money::checked_add)
    }

    /// [`Money::checked_add`], in integers when it can: the same result, bit for bit, at a fraction of
    /// the cost for the amounts the crate handles (see [`Money::small_sum`]).
    #[inline]
    pub(crate) fn plus(self, other: Money) -> Result<Money> {
        match self.small_sum(other, false) {
            Some(sum) => Ok(sum),
            None => self.checked_add(other),
        }
    }

    /// [`Money::checked_sub`], in integers when it can, as [`Money::plus`].
    #[inline]
    pub(crate) fn minus(self, other: Money) -> Result<Money> {
        match self.small_sum(other, true) {
            Some(difference) => Ok(difference),
            None => self.checked_sub(other),
        }
    }

    /// [`Money::sum`], in integers as long as the amounts are plain ones (see
    /// [`Money::plain_minor`]): the same result, bit for bit.
    pub(crate) fn total<I: IntoIterator<Item = Money>>(
        currency: Currency,
        amounts: I,
    ) -> Result<Money> {
        let mut sum: i64 = 0;
        let mut amounts = amounts.into_iter();
        while let Some(amount) = amounts.next() {
            let next = if amount.currency == currency {
                amount
                    .plain_minor()
                    .and_then(|minor| sum.checked_add(minor))
            } else {
                None
            };
            match next {
                Some(next) => sum = next,
                None => {
                    // The rest the general way, from the sum so far: a plain amount, the bits the
                    // general way would have reached.
                    return core::iter::once(amount)
                        .chain(amounts)
                        .try_fold(Money::of_minor(sum, currency), Money::plus);
                }
            }
        }
        Ok(Money::of_minor(sum, currency))
    }

    /// `self + other` (or `self − other`), for two amounts of one currency at its scale whose minor
    /// units fit in an `i64`, with the bits `Decimal` gives: a zero operand gives the other one as
    /// it is (negated when subtracted), two others their exact sum at that scale, a zero sum without
    /// a sign. `None` for any other pair, left to `Decimal`.
    #[inline]
    fn small_sum(self, other: Money, subtract: bool) -> Option<Money> {
        let scale = self.currency.minor_units();
        let (a, b) = (self.amount, other.amount);
        if self.currency != other.currency || a.scale() != scale || b.scale() != scale {
            return None;
        }
        if a.is_zero() {
            let mut amount = b;
            if subtract && !b.is_zero() {
                amount.set_sign_negative(b.is_sign_positive());
            }
            return Some(Money {
                amount,
                currency: self.currency,
            });
        }
        if b.is_zero() {
            return Some(self);
        }
        let x = i128::from(i64::try_from(a.mantissa()).ok()?);
        let y = i128::from(i64::try_from(b.mantissa()).ok()?);
        let sum = if subtract {
            x.checked_sub(y)
        } else {
            x.checked_add(y)
        }?;
        Some(Money {
            amount: Decimal::try_from_i128_with_scale(sum, scale).ok()?,
            currency: self.currency,
        })
    }

    /// The smaller of two amounts of one currency.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if the currencies differ.
    ///
    /// ```
    /// use echeancier::Money;
    ///
    /// let a: Money = "1.00 EUR".parse()?;
    /// assert_eq!(a.checked_min("0.50 EUR".parse()?)?.to_string(), "0.50 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    #[inline]
    pub fn checked_min(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        Ok(if other.amount < self.amount {
            other
        } else {
            self
        })
    }

    /// Fails unless `other` is in the same currency as `self`.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`], naming both currencies.
    ///
    /// ```
    /// use echeancier::{Currency, Money};
    ///
    /// let eur = Money::zero(Currency::EUR);
    /// assert!(eur.same_currency(Money::zero(Currency::EUR)).is_ok());
    /// assert!(eur.same_currency(Money::zero(Currency::USD)).is_err());
    /// ```
    #[inline]
    pub fn same_currency(&self, other: Money) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::CurrencyMismatch {
                expected: self.currency,
                found: other.currency,
            })
        }
    }

    /// Fails unless the amount is above zero; `what` names it in the error.
    pub(crate) fn require_positive(self, what: &'static str) -> Result<Money> {
        if self.is_positive() {
            Ok(self)
        } else {
            Err(Error::NotPositive { what, amount: self })
        }
    }
}

/// Compares amounts of one currency; amounts of different currencies are unordered (`None`).
impl PartialOrd for Money {
    #[inline]
    fn partial_cmp(&self, other: &Money) -> Option<core::cmp::Ordering> {
        if self.currency == other.currency {
            self.amount.partial_cmp(&other.amount)
        } else {
            None
        }
    }
}

/// `12.30 EUR`: the amount at the currency's scale, a space, the currency. [`FromStr`] reads it back.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Money {
    type Err = Error;

    fn from_str(s: &str) -> Result<Money> {
        let parse_error = || Error::Parse {
            what: "an amount (\"12.30 EUR\")",
            input: s.to_owned(),
        };
        let (amount, currency) = s.trim().split_once(' ').ok_or_else(parse_error)?;
        let amount = Decimal::from_str_exact(amount).map_err(|_| parse_error())?;
        Money::new(amount, currency.trim().parse()?)
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    //! `Money` is `{"amount": "12.30", "currency": "EUR"}`; `Currency` is its `Display` string.

    use super::{Currency, Money};
    use rust_decimal::Decimal;
    use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

    impl Serialize for Currency {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(self)
        }
    }

    impl<'de> Deserialize<'de> for Currency {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Currency, D::Error> {
            let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
            text.parse().map_err(de::Error::custom)
        }
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Repr {
        #[serde(with = "rust_decimal::serde::str")]
        amount: Decimal,
        currency: Currency,
    }

    impl Serialize for Money {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Repr {
                amount: self.amount,
                currency: self.currency,
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Money {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
            let repr = Repr::deserialize(d)?;
            Money::new(repr.amount, repr.currency).map_err(de::Error::custom)
        }
    }
}

/// A text many values hold without copying it: a short one (a payment or instalment reference,
/// nearly always) kept in place, a longer one shared behind a reference count. It compares,
/// hashes, prints and serialises as the text itself.
#[derive(Clone)]
pub(crate) struct SharedStr {
    /// A short text: its bytes, the last one its length.
    short: InPlace,
    /// A longer text.
    long: Option<Arc<str>>,
}

/// The longest text kept in place.
const INLINE: usize = 15;

/// The bytes of a text kept in place and their count (the last byte), aligned so that copying
/// them is a few word moves.
#[derive(Clone, Copy)]
#[repr(C, align(8))]
struct InPlace([u8; INLINE + 1]);

impl SharedStr {
    /// `text`, kept in place if it is short.
    #[inline]
    pub(crate) fn new(text: &str) -> SharedStr {
        let length = text.len();
        match u8::try_from(length) {
            Ok(count) if length <= INLINE => {
                // Gathered in two words, written in one go: no byte copies to read back.
                let (mut low, mut high) = (0_u64, u64::from(count).checked_shl(56).unwrap_or(0));
                for (at, byte) in text.bytes().enumerate() {
                    let shift = u32::try_from(at.checked_rem(8).unwrap_or(0))
                        .unwrap_or(0)
                        .saturating_mul(8);
                    let word = if at < 8 { &mut low } else { &mut high };
                    *word |= u64::from(byte).checked_shl(shift).unwrap_or(0);
                }
                let mut short = InPlace([0_u8; INLINE + 1]);
                let (first, second) = short.0.split_at_mut(8);
                first.copy_from_slice(&low.to_le_bytes());
                second.copy_from_slice(&high.to_le_bytes());
                SharedStr { short, long: None }
            }
            _ => SharedStr {
                short: InPlace([0_u8; INLINE + 1]),
                long: Some(Arc::from(text)),
            },
        }
    }

    /// `prefix` followed by `number` in decimal digits (`instalment 12`), written in place when it
    /// is short.
    #[inline]
    pub(crate) fn with_number(prefix: &str, number: u32) -> SharedStr {
        let mut digits = 1_usize;
        let mut rest = number;
        while rest >= 10 {
            rest = rest.checked_div(10).unwrap_or(0);
            digits = digits.saturating_add(1);
        }
        let length = prefix.len().saturating_add(digits);
        let mut short = InPlace([0_u8; INLINE + 1]);
        let (Some(place), Ok(count)) = (short.0.get_mut(..length), u8::try_from(length)) else {
            return SharedStr::from(format!("{prefix}{number}"));
        };
        if length > INLINE {
            return SharedStr::from(format!("{prefix}{number}"));
        }
        let (head, tail) = place.split_at_mut(prefix.len().min(length));
        head.copy_from_slice(prefix.as_bytes().get(..head.len()).unwrap_or_default());
        let mut rest = number;
        for byte in tail.iter_mut().rev() {
            // A digit is below 10: it fits in a byte.
            *byte =
                b'0'.saturating_add(u8::try_from(rest.checked_rem(10).unwrap_or(0)).unwrap_or(0));
            rest = rest.checked_div(10).unwrap_or(0);
        }
        if let Some(last) = short.0.last_mut() {
            *last = count;
        }
        SharedStr { short, long: None }
    }

    /// The text.
    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        match &self.long {
            Some(text) => text,
            // Whole characters copied from a `str`: always UTF-8.
            None => core::str::from_utf8(self.short_bytes()).unwrap_or_default(),
        }
    }

    /// The bytes of the text.
    #[inline]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match &self.long {
            Some(text) => text.as_bytes(),
            None => self.short_bytes(),
        }
    }

    #[inline]
    fn short_bytes(&self) -> &[u8] {
        let length = self.short.0.last().copied().unwrap_or(0);
        self.short.0.get(..usize::from(length)).unwrap_or_default()
    }
}

impl From<String> for SharedStr {
    fn from(text: String) -> SharedStr {
        if text.len() <= INLINE {
            SharedStr::new(&text)
        } else {
            SharedStr {
                short: InPlace([0_u8; INLINE + 1]),
                long: Some(Arc::from(text)),
            }
        }
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        match (&self.long, &other.long) {
            // Short texts are kept with zeros past their length: equal texts, equal places.
            (None, None) => self.short.0 == other.short.0,
            (Some(a), Some(b)) => a == b,
            // A text kept in place is shorter than any other.
            _ => false,
        }
    }
}

impl Eq for SharedStr {}

impl core::hash::Hash for SharedStr {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// A list shared by many values without copies: a range of one list, which may hold many lists
/// (the shares of every instalment of a statement). It compares, hashes, prints and serialises as
/// the list itself.
pub(crate) struct SharedSlice<T> {
    /// `None` for an empty list, which needs no allocation.
    all: Option<Arc<Vec<T>>>,
    start: usize,
    end: usize,
}

impl<T> SharedSlice<T> {
    /// The items from `start` to `end` of `all`.
    pub(crate) fn within(all: &Arc<Vec<T>>, start: usize, end: usize) -> SharedSlice<T> {
        if start >= end {
            return SharedSlice::default();
        }
        SharedSlice {
            all: Some(Arc::clone(all)),
            start,
            end,
        }
    }

    /// The items.
    #[inline]
    pub(crate) fn as_slice(&self) -> &[T] {
        match &self.all {
            Some(all) => all.get(self.start..self.end).unwrap_or_default(),
            None => &[],
        }
    }
}

impl<T> Default for SharedSlice<T> {
    fn default() -> SharedSlice<T> {
        SharedSlice {
            all: None,
            start: 0,
            end: 0,
        }
    }
}

impl<T> From<Vec<T>> for SharedSlice<T> {
    fn from(items: Vec<T>) -> SharedSlice<T> {
        if items.is_empty() {
            return SharedSlice::default();
        }
        let end = items.len();
        SharedSlice {
            all: Some(Arc::new(items)),
            start: 0,
            end,
        }
    }
}

impl<T> Clone for SharedSlice<T> {
    fn clone(&self) -> SharedSlice<T> {
        SharedSlice {
            all: self.all.clone(),
            start: self.start,
            end: self.end,
        }
    }
}

impl<T: PartialEq> PartialEq for SharedSlice<T> {
    fn eq(&self, other: &SharedSlice<T>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Eq> Eq for SharedSlice<T> {}

impl<T: core::hash::Hash> core::hash::Hash for SharedSlice<T> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl<T: fmt::Debug> fmt::Debug for SharedSlice<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

/// A hasher for the short keys of one computation (payment references, say): FNV-1a, far cheaper
/// than the default on a few bytes, for maps that never hold keys chosen to collide.
#[derive(Clone, Copy)]
pub(crate) struct ShortKeyHasher(u64);

impl Default for ShortKeyHasher {
    fn default() -> ShortKeyHasher {
        ShortKeyHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl core::hash::Hasher for ShortKeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`ShortKeyHasher`]s.
pub(crate) type ShortKeys = core::hash::BuildHasherDefault<ShortKeyHasher>;

#[cfg(feature = "serde")]
mod shared_serde {
    use super::{SharedSlice, SharedStr};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    impl Serialize for SharedStr {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }

    impl<'de> Deserialize<'de> for SharedStr {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SharedStr, D::Error> {
            String::deserialize(d).map(SharedStr::from)
        }
    }

    impl<T: Serialize> Serialize for SharedSlice<T> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            self.as_slice().serialize(s)
        }
    }

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for SharedSlice<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SharedSlice<T>, D::Error> {
            Vec::<T>::deserialize(d).map(SharedSlice::from)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(s: &str) -> Money {
        Money::new(Decimal::from_str_exact(s).unwrap(), Currency::EUR).unwrap()
    }

    #[test]
    fn known_codes_are_in_order_for_the_binary_search() {
        assert!(KNOWN.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)));
        for &(code, minor_units) in KNOWN {
            assert_eq!(
                Currency::from_code(code).unwrap().minor_units(),
                u32::from(minor_units)
            );
        }
        assert!(Currency::from_code("AAA").is_err() && Currency::from_code("ZZZ").is_err());
    }

    #[test]
    fn refuses_fractions_of_minor_units() {
        assert!(Money::new(Decimal::new(1, 3), Currency::EUR).is_err());
        assert!(Money::new(Decimal::new(1, 1), Currency::JPY).is_err());
        assert!(Money::new(Decimal::new(1, 3), Currency::TND).is_ok());
        // trailing zeros are not extra precision
        assert_eq!(
            Money::new(Decimal::new(12300, 3), Currency::EUR).unwrap(),
            eur("12.30")
        );
    }

    #[test]
    fn display_is_at_currency_scale_and_round_trips() {
        for (text, currency) in [
            ("12.30 EUR", Currency::EUR),
            ("7 JPY", Currency::JPY),
            ("1.250 TND", Currency::TND),
            ("-0.05 EUR", Currency::EUR),
            ("3.5 XTS:1", Currency::new("XTS", 1).unwrap()),
        ] {
            let m: Money = text.parse().unwrap();
            assert_eq!(m.currency(), currency);
            assert_eq!(m.to_string(), text);
        }
    }

    #[test]
    fn rounding_strategies_on_halves_and_negatives() {
        let cases = [
            ("2.345", "2.35", "2.34", "2.34", "2.35"),
            ("2.355", "2.36", "2.36", "2.35", "2.36"),
            ("-2.345", "-2.35", "-2.34", "-2.34", "-2.35"),
            ("2.341", "2.34", "2.34", "2.34", "2.35"),
        ];
        for (raw, up, even, down, away) in cases {
            let raw = Decimal::from_str_exact(raw).unwrap();
            let r = |mode| Money::round(raw, Currency::EUR, mode).unwrap();
            assert_eq!(r(Rounding::HalfUp), eur(up), "{raw} half up");
            assert_eq!(r(Rounding::HalfEven), eur(even), "{raw} half even");
            assert_eq!(r(Rounding::Down), eur(down), "{raw} down");
            assert_eq!(r(Rounding::Up), eur(away), "{raw} up");
        }
    }

    #[test]
    fn mixing_currencies_is_an_error() {
        let err = eur("1")
            .checked_add(Money::zero(Currency::USD))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "currency mismatch: expected EUR, found USD"
        );
        assert_eq!(eur("1").partial_cmp(&Money::zero(Currency::USD)), None);
    }

    #[test]
    fn overflow_is_an_error() {
        let max = Money::new(Decimal::MAX, Currency::JPY).unwrap();
        assert!(matches!(
            max.checked_add(Money::from_minor(1, Currency::JPY).unwrap()),
            Err(Error::Overflow { .. })
        ));
        assert!(Money::new(Decimal::MAX, Currency::EUR).is_ok());
    }

    #[test]
    fn sums_have_the_bits_of_decimal_sums() {
        let mut negative_zero = Decimal::ZERO;
        negative_zero.set_sign_negative(true);
        let magnitudes: [i64; 10] = [
            0,
            1,
            99,
            4_294_967_295,
            4_294_967_296,
            123_456_789_012,
            i64::MAX / 2,
            i64::MAX - 1,
            i64::MAX,
            i64::MIN,
        ];
        for units in [0, 2, 3] {
            let currency = Currency::new("XTS", units).unwrap();
            let mut amounts: Vec<Money> = magnitudes
                .iter()
                .flat_map(|m| [*m, m.wrapping_neg()])
                .map(|m| Money::from_minor(m, currency).unwrap())
                .collect();
            amounts.push(Money {
                amount: negative_zero,
                currency,
            });
            amounts.push(Money {
                amount: Decimal::MAX,
                currency,
            });
            // A zero at another scale, as `Decimal` arithmetic can leave one.
            amounts.push(Money {
                amount: Decimal::ZERO,
                currency,
            });
            amounts.push(Money {
                amount: Decimal::new(5, units.saturating_add(1)),
                currency,
            });
            for a in &amounts {
                for b in &amounts {
                    let general = |sum: Option<Decimal>| {
                        sum.map(|mut d| {
                            if d.scale() != units {
                                d.rescale(units);
                            }
                            d.serialize()
                        })
                    };
                    let add = a.checked_add(*b).ok().map(|m| m.amount.serialize());
                    assert_eq!(add, general(a.amount.checked_add(b.amount)), "{a} + {b}");
                    let plus = a.plus(*b).ok().map(|m| m.amount.serialize());
                    assert_eq!(plus, add, "{a} + {b}");
                    let sub = a.checked_sub(*b).ok().map(|m| m.amount.serialize());
                    assert_eq!(sub, general(a.amount.checked_sub(b.amount)), "{a} - {b}");
                    let minus = a.minus(*b).ok().map(|m| m.amount.serialize());
                    assert_eq!(minus, sub, "{a} - {b}");
                }
            }
        }
    }

    #[test]
    fn totals_have_the_bits_of_sums() {
        let mut negative_zero = Decimal::ZERO;
        negative_zero.set_sign_negative(true);
        let currency = Currency::EUR;
        let odd = [
            Money {
                amount: negative_zero,
                currency,
            },
            Money {
                amount: Decimal::new(5, 3),
                currency,
            },
            Money {
                amount: Decimal::MAX,
                currency,
            },
            Money::from_minor(i64::MAX, currency).unwrap(),
            Money::from_minor(-7, Currency::USD).unwrap(),
        ];
        let plain = [0, 1, -1, 250, -250, 99_999].map(|m| Money::from_minor(m, currency).unwrap());
        let mut lists: Vec<Vec<Money>> = vec![Vec::new(), plain.to_vec()];
        for o in odd {
            for at in [0, 3, 6] {
                let mut list = plain.to_vec();
                list.insert(at, o);
                lists.push(list);
            }
        }
        lists.push(vec![plain[1], plain[2]]);
        lists.push(vec![plain[4], plain[3]]);
        for list in lists {
            let bits = |r: Result<Money>| r.map(|m| m.amount.serialize());
            assert_eq!(
                bits(Money::total(currency, list.clone())),
                bits(Money::sum(currency, list.clone())),
                "{list:?}"
            );
        }
    }

    #[test]
    fn zero_is_decimal_zero_at_the_currency_scale() {
        for units in 0..=MAX_MINOR_UNITS {
            let currency = Currency::new("XTS", units).unwrap();
            let mut rescaled = Decimal::ZERO;
            rescaled.rescale(units);
            assert_eq!(
                Money::zero(currency).amount().serialize(),
                rescaled.serialize()
            );
        }
    }

    #[test]
    fn signs_are_the_comparisons_with_zero() {
        let mut negative_zero = Decimal::ZERO;
        negative_zero.set_sign_negative(true);
        let values = [
            Decimal::ZERO,
            negative_zero,
            Decimal::new(1, 6),
            Decimal::new(-1, 6),
            Decimal::new(-1, 0),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(12_300, 3),
        ];
        for amount in values {
            let money = Money {
                amount,
                currency: Currency::EUR,
            };
            assert_eq!(money.is_positive(), amount > Decimal::ZERO, "{amount}");
            assert_eq!(money.is_negative(), amount < Decimal::ZERO, "{amount}");
        }
    }

    #[test]
    fn currency_codes() {
        assert!(Currency::new("EU", 2).is_err());
        assert!(Currency::new("EURO", 2).is_err());
        assert!("EUR:x".parse::<Currency>().is_err());
        assert_eq!("EUR:2".parse::<Currency>().unwrap(), Currency::EUR);
        assert_eq!(Currency::new("CLP", 2).unwrap().to_string(), "CLP:2");
    }
}
