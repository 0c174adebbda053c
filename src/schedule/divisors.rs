//! The divisors of a period's interest, and their reciprocals computed by the compiler.
//!
//! In whole minor units a period's interest is `balance × numerator / d`, where `d` is `D·10^e`:
//! `D` the denominator of the period's year fraction (12, 24, 52 or 365, see
//! `Frequency::year_fraction`) and `e` the scale of the annual rate (at most
//! [`MAX_RATE_SCALE`] for the integer arithmetic). Half-up rounding divides by `2d`. A hardware
//! division costs as much as dozens of multiplications, and generation would make four of them
//! before its first row, so the reciprocals of these 136 divisors are built into the crate: the
//! [`Reciprocal`] of `d` and `2d` that divides each row's interest, and the bounds of `2^128 / d`
//! ([`Inverse`]) the annuity instalment starts from. Any other divisor is computed at run time.

/// The year fractions' denominators (see `Frequency::year_fraction`).
const YEAR_DENOMINATORS: [u64; 4] = [12, 24, 52, 365];

/// The largest scale of an annual rate the integer arithmetic takes (`MAX_PRODUCT_SCALE`, less
/// the currency's minor units of at least 0).
pub(crate) const MAX_RATE_SCALE: u32 = 16;

/// The number of scales, 0 to [`MAX_RATE_SCALE`].
const SCALES: usize = MAX_RATE_SCALE as usize + 1;

/// The number of divisors `D·10^e`.
const DIVISORS: usize = YEAR_DENOMINATORS.len() * SCALES;

/// Exact division of any `n < 2^62` by a fixed `d` from 3 to 2^63, by multiplying:
/// `n / d = ⌊n·m / 2^k⌋` with `k = 62 + b`, `b` the bit length of `d − 1` (so `2^k ≥ 2^62·d`, and
/// `k ≥ 64` as `d ≥ 3`), and `m = ⌈2^k / d⌉`. Writing `n = q·d + r` and `m·d = 2^k + e`
/// (`0 ≤ e < d`): `n·m / 2^k = q + (r + n·e / 2^k) / d`, and `n·e < 2^62·d ≤ 2^k`, so the fraction
/// stays below `(r + 1) / d ≤ 1`. As `2^b < 2d`, `m ≤ 2^63` fits a `u64` and `n·m < 2^125`; the
/// quotient is the high 64 bits of that product shifted by `k − 64`. Each row's interest needs one
/// division, and a hardware division is many times slower than this multiplication.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Reciprocal {
    magic: u64,
    /// `k − 64`.
    shift: u32,
}

impl Reciprocal {
    /// For `d` from 3 to 2^63, with one 128-bit division (also at compile time, for the tables).
    // d − 1 ≥ 2 has 2 to 63 bits, so k is 64 to 125: the shifts fit, `k − 64` does not wrap, and
    // the magic is checked to fit a u64 before it is narrowed.
    #[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
    pub(crate) const fn compute(d: u64) -> Option<Reciprocal> {
        if d < 3 || d > 1 << 63 {
            return None;
        }
        let bits = u64::BITS - (d - 1).leading_zeros();
        let k = bits + 62;
        let magic = (1u128 << k).div_ceil(d as u128);
        if magic > u64::MAX as u128 {
            return None;
        }
        Some(Reciprocal {
            magic: magic as u64,
            shift: k - 64,
        })
    }

    /// `⌊n / d⌋` for `n < 2^62`.
    // The product of a u64 by a u64 fits a u128, and its high half shifted by at most 61 bits
    // fits a u64: no overflow.
    #[allow(clippy::arithmetic_side_effects)]
    pub(crate) fn divide(self, n: u64) -> u64 {
        (((u128::from(n) * u128::from(self.magic)) >> 64) as u64) >> self.shift
    }
}

/// Bounds of `2^128 / d`: `lo = ⌊2^128 / d⌋` and `hi = ⌈2^128 / d⌉`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Inverse {
    pub(crate) lo: u128,
    pub(crate) hi: u128,
}

impl Inverse {
    /// For `d` from 2 to 2^64 − 1 (so that the bounds fit a `u128`).
    // d ≥ 2: `u128::MAX / d` is at most 2^127 and adding one cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    pub(crate) const fn compute(d: u64) -> Option<Inverse> {
        if d < 2 {
            return None;
        }
        let d = d as u128;
        // 2^128 = (2^128 − 1) + 1: ⌊2^128 / d⌋ is ⌊(2^128 − 1) / d⌋, plus one when d divides 2^128.
        let exact = u128::MAX % d == d - 1;
        let lo = u128::MAX / d + exact as u128;
        Some(Inverse {
            lo,
            hi: lo + !exact as u128,
        })
    }
}

/// One of the 136 built-in divisors `D·10^e`, with what is known of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Divisor {
    /// `D·10^e`.
    value: u64,
    /// The reciprocals of `d` and of `2d`.
    reciprocal: Reciprocal,
    twice: Reciprocal,
    inverse: Inverse,
}

/// Every built-in divisor, `D` by `D` and `e` from 0 within each.
static TABLE: [Option<Divisor>; DIVISORS] = table();

// Const evaluation: the index stays below the table's length, `D·10^e` is at most 3.65·10^18
// and twice that below 2^63; a failure would stop the build, never a caller.
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
const fn table() -> [Option<Divisor>; DIVISORS] {
    let mut table = [None; DIVISORS];
    let mut i = 0;
    while i < DIVISORS {
        let value = YEAR_DENOMINATORS[i / SCALES] * 10u64.pow((i % SCALES) as u32);
        table[i] = match (
            Reciprocal::compute(value),
            Reciprocal::compute(value * 2),
            Inverse::compute(value),
        ) {
            (Some(reciprocal), Some(twice), Some(inverse)) => Some(Divisor {
                value,
                reciprocal,
                twice,
                inverse,
            }),
            _ => None,
        };
        i += 1;
    }
    table
}

impl Divisor {
    /// The divisor `year_denominator·10^scale`, if built in.
    pub(crate) fn of(year_denominator: u64, scale: u32) -> Option<Divisor> {
        let row = YEAR_DENOMINATORS
            .iter()
            .position(|d| *d == year_denominator)?;
        let column = usize::try_from(scale).ok().filter(|e| *e < SCALES)?;
        let index = row.checked_mul(SCALES)?.checked_add(column)?;
        *TABLE.get(index)?
    }

    /// The reciprocal of this divisor, or of twice it.
    pub(crate) fn reciprocal(self, twice: bool) -> Reciprocal {
        if twice {
            self.twice
        } else {
            self.reciprocal
        }
    }

    /// Bounds of `2^128` divided by this divisor.
    pub(crate) fn inverse(self) -> Inverse {
        self.inverse
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_every_divisor_as_computed_at_run_time() {
        for (row, d) in YEAR_DENOMINATORS.into_iter().enumerate() {
            for e in 0..=MAX_RATE_SCALE {
                let divisor = Divisor::of(d, e).unwrap();
                let value = d * 10u64.pow(e);
                assert_eq!(divisor.value, value);
                assert_eq!(Some(divisor.reciprocal(false)), Reciprocal::compute(value));
                assert_eq!(
                    Some(divisor.reciprocal(true)),
                    Reciprocal::compute(2 * value)
                );
                let inverse = divisor.inverse();
                // lo·d ≤ 2^128 < (lo + 1)·d, and 2^128 is no multiple of d.
                let (d, lo) = (u128::from(value), inverse.lo);
                assert!(lo.checked_mul(d).is_some(), "{value}");
                assert!((lo + 1).checked_mul(d).is_none(), "{value}");
                assert_eq!(inverse.hi, lo + 1);
                assert_eq!(TABLE[row * SCALES + e as usize], Some(divisor));
            }
            assert_eq!(Divisor::of(d, MAX_RATE_SCALE + 1), None);
        }
        assert_eq!(Divisor::of(7, 2), None);
    }

    #[test]
    fn inverse_of_powers_of_two_is_exact() {
        assert_eq!(
            Inverse::compute(2),
            Some(Inverse {
                lo: 1 << 127,
                hi: 1 << 127
            })
        );
        assert_eq!(
            Inverse::compute(1 << 63),
            Some(Inverse {
                lo: 1 << 65,
                hi: 1 << 65
            })
        );
        assert_eq!(Inverse::compute(3).map(|i| i.hi - i.lo), Some(1));
        assert_eq!(Inverse::compute(1), None);
        assert_eq!(Inverse::compute(0), None);
    }

    #[test]
    fn reciprocal_divides_exactly() {
        const TOP: u64 = (1 << 62) - 1;
        let mut denominators = vec![3u64, 4, 5, 12, 24, 52, 104, 365, 730, 1200, 36_500, 1 << 63];
        denominators.extend((0..=16).map(|e| 10u64.pow(e) * 365));
        denominators.extend((0..=16).map(|e| 10u64.pow(e) * 730));
        denominators.extend((0..=16).map(|e| 10u64.pow(e) * 12 - 1));
        denominators.extend((2..=62).map(|b| (1u64 << b) + 1));
        denominators.extend((2..=63).map(|b| 1u64 << b));
        for d in denominators {
            let reciprocal = Reciprocal::compute(d).unwrap();
            let mut numerators = vec![0u64, 1, d - 1, d, d + 1, TOP, TOP - 1, 1 << 57];
            numerators.extend((1..=1000u64).map(|i| TOP / i));
            numerators.extend((1..=1000u64).map(|i| (TOP / d).saturating_sub(i) * d));
            numerators.extend((1..=1000u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) % TOP));
            for n in numerators.into_iter().filter(|n| *n <= TOP) {
                for m in [n, n.saturating_sub(1)] {
                    assert_eq!(reciprocal.divide(m), m / d, "{m} / {d}");
                }
            }
        }
        for d in [0, 1, 2, (1 << 63) + 1, u64::MAX] {
            assert!(Reciprocal::compute(d).is_none(), "{d}");
        }
    }
}
