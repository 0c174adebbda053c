//! The arithmetic a schedule is computed in: `Decimal` money, or whole minor units in integers.
//!
//! Generation builds every row with one routine, generic over a [`Ledger`]. The [`DecimalLedger`]
//! is the straightforward computation with [`Money`] and [`PeriodicRate::interest_on`]; the
//! [`MinorLedger`] does the same operations on counts of minor units in `i64`, with the periodic
//! rate as an exact integer fraction, and is many times faster. It is only used when it gives
//! bit-identical results, which [`MinorLedger::new`] checks once per plan (see there why the bounds
//! are sufficient); a property test compares both over random plans.

use crate::error::{Error, Result};
use crate::money::{Currency, Money, Rounding};
use crate::rate::PeriodicRate;
use crate::schedule::annuity::annuity_in_steps;
use crate::schedule::divisors::{Divisor, Inverse, Reciprocal};
use crate::schedule::Parts;

/// Amounts and the operations a schedule needs on them.
pub(crate) trait Ledger {
    /// An amount of money in this arithmetic.
    type Amount: Copy + PartialOrd;
    /// True when sums of amounts are exact and cheap enough to keep running totals.
    const EXACT_SUMS: bool;

    /// `money` in this arithmetic.
    fn amount(&self, money: Money) -> Self::Amount;
    /// Back to money, at the currency's scale.
    fn money(&self, amount: Self::Amount) -> Result<Money>;
    fn add(&self, a: Self::Amount, b: Self::Amount) -> Result<Self::Amount>;
    fn sub(&self, a: Self::Amount, b: Self::Amount) -> Result<Self::Amount>;
    fn mul_int(&self, a: Self::Amount, factor: i64) -> Result<Self::Amount>;
    fn is_positive(&self, a: Self::Amount) -> bool;
    fn has_interest(&self) -> bool;
    /// The interest of one period on a non-negative `balance`, rounded once with the plan's rounding;
    /// zero without interest.
    fn interest_on(&self, balance: Self::Amount) -> Result<Self::Amount>;

    /// The five amounts of a row (amount, principal, interest, fees, balance after).
    fn parts(&self, amounts: [Self::Amount; 5]) -> Result<Parts>;

    fn min(&self, a: Self::Amount, b: Self::Amount) -> Self::Amount {
        if b < a {
            b
        } else {
            a
        }
    }
}

/// `Money` and `Decimal` arithmetic: the reference computation.
#[derive(Clone, Copy)]
pub(crate) struct DecimalLedger {
    pub(crate) currency: Currency,
    pub(crate) rate: Option<PeriodicRate>,
    pub(crate) rounding: Rounding,
}

impl Ledger for DecimalLedger {
    type Amount = Money;
    const EXACT_SUMS: bool = false;

    fn amount(&self, money: Money) -> Money {
        money
    }

    fn money(&self, amount: Money) -> Result<Money> {
        Ok(amount)
    }

    fn parts(&self, amounts: [Money; 5]) -> Result<Parts> {
        let [amount, principal, interest, fees, balance_after] = amounts;
        Ok(Parts::Money {
            amount,
            principal,
            interest,
            fees,
            balance_after,
        })
    }

    fn add(&self, a: Money, b: Money) -> Result<Money> {
        a.checked_add(b)
    }

    fn sub(&self, a: Money, b: Money) -> Result<Money> {
        a.checked_sub(b)
    }

    fn mul_int(&self, a: Money, factor: i64) -> Result<Money> {
        a.checked_mul_int(factor)
    }

    fn is_positive(&self, a: Money) -> bool {
        a.is_positive()
    }

    fn has_interest(&self) -> bool {
        self.rate.is_some()
    }

    fn interest_on(&self, balance: Money) -> Result<Money> {
        match self.rate {
            Some(rate) => rate.interest_on(balance, self.rounding),
            None => Ok(Money::zero(self.currency)),
        }
    }
}

/// The largest balance (in minor units) the integer arithmetic takes on, and the largest regular
/// amount. With at most 1,200 instalments no sum or product of a schedule leaves `i64` (below
/// 9.2 × 10^18), and none comes near `Decimal`'s 2^96, where the `Decimal` computation could
/// overflow or lose digits.
const MAX_FINANCED_MINOR: i64 = 100_000_000_000_000_000; // 10^17
const MAX_REGULAR_MINOR: i64 = 1_000_000_000_000_000; // 10^15

/// The largest `balance × rate numerator` (see [`MinorLedger::new`]).
const MAX_PRODUCT: u64 = 100_000_000_000_000_000; // 10^17

/// The largest scale of `balance × annual rate` for which `Decimal`'s division keeps enough digits.
const MAX_PRODUCT_SCALE: u32 = 16;

/// The periodic rate as an integer fraction of minor units: interest = balance × `numerator` /
/// `denominator`, rounded.
///
/// Except for half-even, the rounded interest is one quotient, `⌊(balance × scaled + offset) /
/// divisor⌋`: writing `balance × numerator = q·d + r` (`d` the denominator, `0 ≤ r < d`),
/// rounding down is `⌊P/d⌋ = q`; rounding up is `⌊(P + d − 1)/d⌋ = q + [r ≥ 1]`; half-up is
/// `⌊(2P + d)/(2d)⌋ = q + [2r ≥ d]`, which is [`round_quotient`]'s `r ≥ d − r`. Half-even needs the
/// remainder, to tell a tie: its quotient is `⌊P/d⌋` and [`round_quotient`] rounds it. One
/// multiplication fewer on the path from one row's balance to the next.
#[derive(Clone, Copy)]
struct MinorRate {
    numerator: u64,
    denominator: u64,
    scaled: u64,
    offset: u64,
    /// Division by `d`, `d` or `2d` as a multiplication, see [`Reciprocal`].
    reciprocal: Reciprocal,
    /// Bounds of `2^128 / d` for the annuity, when `d` is a built-in divisor.
    inverse: Option<Inverse>,
    half_even: bool,
}

/// The largest dividend `balance × scaled + offset` (2^62, exclusive) of the interest.
const MAX_DIVIDEND: u64 = 1 << 62;

/// Whole minor units in `i64`; the fast path.
#[derive(Clone, Copy)]
pub(crate) struct MinorLedger {
    currency: Currency,
    rate: Option<MinorRate>,
}

impl MinorLedger {
    /// The integer arithmetic for a plan financing `financed`, if it gives the same results as
    /// [`DecimalLedger`] for every balance up to `financed`.
    ///
    /// `PeriodicRate::interest_on` computes `balance × annual` and `× numerator` exactly (the
    /// product is below 2^96 at a scale of at most 28), then divides by the denominator, which
    /// `Decimal` does to as many digits as fit (at most 28 after the point) and rounds half-even
    /// there, before the money rounding. That first rounding could make the second one differ from
    /// rounding the exact quotient only if the quotient's digits between the two places were all
    /// 0, all 9, or `50…0`/`49…9`. The denominator is 12, 24, 52 or 365 times a power of ten
    /// `10^e` (`e` the scale of the product), so the exact quotient either ends within `e + 3`
    /// digits or repeats from there with a period of 1 (thirds), 6 (thirteenths) or 8
    /// (seventy-thirds) digits, and no such period consists of 0s and 9s only. With the product below 10^17 and
    /// `e ≤ 16`, the quotient is below 10^17 / 12 and `Decimal` keeps at least `e + 11` digits after
    /// the point: enough to hold a full period past `e + 3`. Then both roundings agree.
    pub(crate) fn new(reference: &DecimalLedger, financed: Money) -> Option<MinorLedger> {
        let financed = minor(financed);
        if !(0..=MAX_FINANCED_MINOR).contains(&financed) {
            return None;
        }
        let rate = match reference.rate {
            None => None,
            Some(rate) => {
                let fraction = rate.annual().fraction();
                let (numerator, denominator) = rate.year_fraction();
                let scale = fraction
                    .scale()
                    .checked_add(reference.currency.minor_units())?;
                if fraction.is_sign_negative() || scale > MAX_PRODUCT_SCALE {
                    return None;
                }
                let numerator = u64::try_from(fraction.mantissa())
                    .ok()?
                    .checked_mul(u64::from(numerator))?;
                let largest = u64::try_from(financed).ok()?.checked_mul(numerator)?;
                if largest > MAX_PRODUCT {
                    return None;
                }
                let divisor_of_interest = Divisor::of(u64::from(denominator), fraction.scale());
                let denominator = 10u64
                    .checked_pow(fraction.scale())?
                    .checked_mul(u64::from(denominator))?;
                // (scaled, offset, divisor) of the rounded quotient, see `MinorRate`.
                let (scaled, offset, divisor) = match reference.rounding {
                    Rounding::Down | Rounding::HalfEven => (numerator, 0, denominator),
                    Rounding::Up => (numerator, denominator.checked_sub(1)?, denominator),
                    Rounding::HalfUp => (
                        numerator.checked_mul(2)?,
                        denominator,
                        denominator.checked_mul(2)?,
                    ),
                };
                // Every balance is at most `financed`: every dividend is below 2^62.
                let dividend = u64::try_from(financed)
                    .ok()?
                    .checked_mul(scaled)?
                    .checked_add(offset)?;
                if dividend >= MAX_DIVIDEND {
                    return None;
                }
                Some(MinorRate {
                    numerator,
                    denominator,
                    scaled,
                    offset,
                    reciprocal: match divisor_of_interest {
                        Some(built_in) => built_in.reciprocal(divisor != denominator),
                        None => Reciprocal::compute(divisor)?,
                    },
                    inverse: divisor_of_interest.map(Divisor::inverse),
                    half_even: reference.rounding == Rounding::HalfEven,
                })
            }
        };
        Some(MinorLedger {
            currency: reference.currency,
            rate,
        })
    }

    /// The annuity instalment of `n` periods on `financed`, rounded to a multiple of `step` with
    /// `rounding`, in minor units: what rounding `annuity_payment` (computed with `Decimal`) to the
    /// step gives, found without `Decimal` and without floats. `None` when this cannot be sure; then
    /// the caller computes it with `Decimal`. See [`annuity_in_steps`] for the integer bounds and
    /// why they decide the `Decimal` result.
    pub(crate) fn annuity_payment(
        &self,
        financed: Money,
        step: Money,
        n: u32,
        rounding: Rounding,
    ) -> Option<Money> {
        let rate = self.rate?;
        let financed = u64::try_from(minor(financed)).ok()?;
        let step_minor = minor(step);
        if !(1..=MAX_REGULAR_MINOR).contains(&step_minor) {
            return None;
        }
        let steps = annuity_in_steps(
            financed,
            rate.numerator,
            rate.denominator,
            rate.inverse,
            n,
            step_minor.unsigned_abs(),
            rounding,
        )?;
        let amount = i64::try_from(steps).ok()?.checked_mul(step_minor)?;
        if amount > MAX_REGULAR_MINOR {
            return None;
        }
        Money::from_minor(amount, self.currency).ok()
    }

    /// True when `regular` is small enough for this arithmetic.
    pub(crate) fn accepts(&self, regular: Money) -> bool {
        (0..=MAX_REGULAR_MINOR).contains(&minor(regular))
    }
}

/// A `Money` as a count of minor units; out of every bound when it is not at its currency's scale.
fn minor(money: Money) -> i64 {
    money
        .minor_i128()
        .and_then(|m| i64::try_from(m).ok())
        .unwrap_or(i64::MAX)
}

fn overflow(operation: &'static str) -> Error {
    Error::Overflow { operation }
}

impl Ledger for MinorLedger {
    type Amount = i64;
    const EXACT_SUMS: bool = true;

    fn amount(&self, money: Money) -> i64 {
        minor(money)
    }

    fn money(&self, amount: i64) -> Result<Money> {
        Money::from_minor(amount, self.currency)
    }

    /// The counts themselves: `Instalment`'s accessors make of them what `money` makes.
    fn parts(&self, amounts: [i64; 5]) -> Result<Parts> {
        let [amount, principal, interest, fees, balance_after] = amounts;
        Ok(Parts::Minor {
            currency: self.currency,
            amount,
            principal,
            interest,
            fees,
            balance_after,
        })
    }

    fn add(&self, a: i64, b: i64) -> Result<i64> {
        a.checked_add(b).ok_or_else(|| overflow("adding amounts"))
    }

    fn sub(&self, a: i64, b: i64) -> Result<i64> {
        a.checked_sub(b)
            .ok_or_else(|| overflow("subtracting amounts"))
    }

    fn mul_int(&self, a: i64, factor: i64) -> Result<i64> {
        a.checked_mul(factor)
            .ok_or_else(|| overflow("multiplying an amount"))
    }

    fn is_positive(&self, a: i64) -> bool {
        a > 0
    }

    fn has_interest(&self) -> bool {
        self.rate.is_some()
    }

    fn interest_on(&self, balance: i64) -> Result<i64> {
        let Some(rate) = self.rate else {
            return Ok(0);
        };
        // Balances only decrease from the financed amount, so the dividend stays within the bound
        // checked in `new`.
        let dividend = u64::try_from(balance)
            .ok()
            .and_then(|b| b.checked_mul(rate.scaled))
            .and_then(|p| p.checked_add(rate.offset))
            .filter(|n| *n < MAX_DIVIDEND)
            .ok_or_else(|| overflow("computing periodic interest"))?;
        let quotient = rate.reciprocal.divide(dividend);
        let interest = if rate.half_even {
            // The quotient of the product by the denominator, at most the product: no overflow.
            #[allow(clippy::arithmetic_side_effects)]
            let rest = dividend - quotient * rate.denominator;
            round_quotient(quotient, rest, rate.denominator, Rounding::HalfEven)
        } else {
            quotient
        };
        // Below 2^62, so it fits an i64.
        i64::try_from(interest).map_err(|_| overflow("computing periodic interest"))
    }
}

/// `numerator / denominator` (both non-negative, the denominator non-zero) rounded to a whole
/// number with `rounding`, exactly as `Decimal` rounds a non-negative value.
#[cfg(test)]
fn round_ratio(numerator: u64, denominator: u64, rounding: Rounding) -> u64 {
    let (Some(quotient), Some(rest)) = (
        numerator.checked_div(denominator),
        numerator.checked_rem(denominator),
    ) else {
        return 0;
    };
    round_quotient(quotient, rest, denominator, rounding)
}

/// `quotient + rest / denominator` (with `rest < denominator`) rounded to a whole number with
/// `rounding`, exactly as `Decimal` rounds a non-negative value.
// `rest < denominator`, so `denominator − rest` is positive; a quotient is rounded up only when
// `rest > 0`, so the denominator is at least 2 and the quotient at most u64::MAX / 2: no overflow.
#[allow(clippy::arithmetic_side_effects)]
fn round_quotient(quotient: u64, rest: u64, denominator: u64, rounding: Rounding) -> u64 {
    // Compare without doubling `rest`, which could overflow.
    let above_half = rest > denominator - rest;
    let at_half = rest == denominator - rest;
    let up = match rounding {
        Rounding::HalfUp => above_half || at_half,
        Rounding::HalfEven => above_half || (at_half && quotient % 2 == 1),
        Rounding::Down => false,
        Rounding::Up => rest > 0,
    };
    quotient + u64::from(up)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn round_ratio_matches_decimal_rounding() {
        let modes = [
            Rounding::HalfUp,
            Rounding::HalfEven,
            Rounding::Down,
            Rounding::Up,
        ];
        for numerator in 0..=200u64 {
            for denominator in [1u64, 2, 3, 4, 7, 8, 12, 20, 40, 365] {
                for mode in modes {
                    let exact = Decimal::from(numerator) / Decimal::from(denominator);
                    let expected = mode.round_dp(exact, 0);
                    let got = round_ratio(numerator, denominator, mode);
                    assert_eq!(
                        Decimal::from(got),
                        expected,
                        "{numerator}/{denominator} {mode:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn integer_interest_matches_decimal_interest() {
        let modes = [
            Rounding::HalfUp,
            Rounding::HalfEven,
            Rounding::Down,
            Rounding::Up,
        ];
        let rates = ["5%", "12%", "0.01%", "99.9999%", "3.125%", "7.77777777%"];
        let frequencies = [
            crate::Frequency::MONTHLY,
            crate::Frequency::WEEKLY,
            crate::Frequency::QUARTERLY,
            crate::Frequency::every_days(10).unwrap(),
        ];
        for currency in [Currency::EUR, Currency::JPY, Currency::TND] {
            for text in rates {
                for frequency in frequencies {
                    for rounding in modes {
                        let rate = text
                            .parse::<crate::AnnualRate>()
                            .unwrap()
                            .periodic(frequency);
                        let reference = DecimalLedger {
                            currency,
                            rate: Some(rate),
                            rounding,
                        };
                        let financed = Money::from_minor(10_000_000, currency).unwrap();
                        let minor = MinorLedger::new(&reference, financed).unwrap();
                        let balances = (0..2000i64)
                            .map(|i| i.wrapping_mul(0x2545_F491_4F6C_DD1D).rem_euclid(10_000_001))
                            .chain(0..=400);
                        for balance in balances {
                            let money = Money::from_minor(balance, currency).unwrap();
                            let expected = reference.interest_on(money).unwrap();
                            let got = minor.interest_on(balance).unwrap();
                            assert_eq!(
                                Money::from_minor(got, currency)
                                    .unwrap()
                                    .amount()
                                    .serialize(),
                                expected.amount().serialize(),
                                "{balance} {text} {frequency} {rounding:?} {currency}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn falls_back_outside_the_bounds() {
        let eur = |s: &str| -> Money { s.parse().unwrap() };
        let rate = "5%"
            .parse::<crate::AnnualRate>()
            .unwrap()
            .periodic(crate::Frequency::MONTHLY);
        let reference = DecimalLedger {
            currency: Currency::EUR,
            rate: Some(rate),
            rounding: Rounding::HalfUp,
        };
        assert!(MinorLedger::new(&reference, eur("10000.00 EUR")).is_some());
        assert!(MinorLedger::new(&reference, eur("100000000000000000.00 EUR")).is_none());
        let fine = "5.12345678912345%" // a fraction of scale 16, 18 with the cents
            .parse::<crate::AnnualRate>()
            .unwrap()
            .periodic(crate::Frequency::MONTHLY);
        let reference = DecimalLedger {
            rate: Some(fine),
            ..reference
        };
        assert!(MinorLedger::new(&reference, eur("10.00 EUR")).is_none());
    }
}
