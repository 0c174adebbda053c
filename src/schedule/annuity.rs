//! The rounded annuity instalment decided in integers: bounds of the exact instalment in fixed
//! point with directed rounding, and the rounding they make certain.
//!
//! The instalment that repays `P` in `n` periods at the periodic rate `r` is `P·y` with
//! `y = r·(1 + 1/e)` and `e = (1 + r)^n − 1`. Generation only needs it rounded to a multiple of the
//! rounding step, and computing `(1 + r)^n` in `Decimal` costs more than the rest of a schedule.
//! [`annuity_in_steps`] computes a lower and an upper bound of the exact instalment in steps, in
//! integers only: every value is an unsigned fixed-point number (a `u128` counting 2^−96), every
//! product and quotient is rounded down for the lower bound and up for the upper one, and the
//! sums involved are exact. `e` is built as `(1 + a)(1 + b) − 1 = a + b + ab`, never by subtracting
//! 1, so no step cancels. The exact instalment lies between the bounds, whatever their width.
//!
//! # Why the bounds decide what `Decimal` gives
//!
//! The reference computation (`annuity_payment` in `generate.rs`, rounded by `round_to_step`) is
//! `Decimal`, not exact. Within the bounds enforced here (`r` from 10^−9 to 1, `n` at most
//! [`MAX_INSTALMENTS`], `e` below 2^27, `P` at most 10^17 minor units, currencies with at most 6
//! digits) it differs from the exact value `x` (in steps) by less than `10^−15·x + 3·10^−13`:
//!
//! - the rate `r` becomes a `Decimal` of at most 28 decimals: an error of at most 10^−28, or
//!   10^−19 of `r`; `1 + r` is then exact;
//! - `(1 + r)^n` takes at most 21 products (`n ≤ 1200`), each rounded to 28 digits, values at least
//!   1 and below 2^27: relative errors of 1.3·10^−28 each, and `n·10^−28` from the rate's digit:
//!   below 1.3·10^−25 of `v = (1 + r)^n` in all;
//! - `v − 1` is exact, so `e` carries that error times `v/e = 1 + 1/e ≤ 1 + 10^9` (as `e ≥ n·r ≥
//!   10^−9`): below 1.3·10^−16 of `e`, and as much of the result;
//! - `P·r`, its product with `v` and the division by `v − 1` each round to 28 digits or to the
//!   28th decimal, a relative error of 1.3·10^−28 or an absolute one of 10^−28 major units; the
//!   absolute ones of the first two, multiplied by `v/e = 1 + 1/e ≤ 1 + 10^9` and divided by
//!   `e ≥ 10^−9` respectively, stay below 2·10^−19 major units in all, that is below 2·10^−13
//!   minor units (at most 6 digits) and steps (a step is at least one minor unit);
//! - the division by the step rounds to 28 digits or decimals again (10^−28 steps at most).
//!
//! In all, below `1.4·10^−16·x` relative and `2.1·10^−13` steps absolute. The bounds are widened
//! by `2^−40·x + 2^−40` steps (2^−40 ≈ 9.1·10^−13), which covers that difference with room to
//! spare: the `Decimal` value lies strictly inside the widened interval. When no whole or half step
//! lies in that interval, every rounding (half-up, half-even, down, up) gives the same whole number
//! of steps for every value in it, so for the `Decimal` value too. Otherwise — in particular
//! whenever the exact value is itself a whole or half step — the answer is `None` and `Decimal`
//! decides.
//!
//! The error of the fixed-point computation itself only widens the bounds: about `3·log2(n)`
//! roundings of 2^−96 on values above 10^−9 (the rate, and `e ≥ r`), plus a 64-bit reciprocal,
//! keep the bounds within 10^−16 of each other, far inside the margin, so `None` is rare.

use crate::money::Rounding;
use crate::schedule::divisors::Inverse;
use crate::schedule::request::MAX_INSTALMENTS;

/// Fractional bits of the fixed-point values: `x` is held as the integer `x·2^96`.
const FRACTION_BITS: u32 = 96;

/// The values of the power are kept below 2^27 (1.3·10^8): products of two stay within 256 bits,
/// shifted back within 128, and `Decimal`'s `(1 + r)^n` stays far below its range of 7.9·10^28,
/// so that the reference neither overflows nor takes its "interest only" branch.
const LIMIT: u128 = 1 << (FRACTION_BITS + 27);

/// Fractional bits of the instalment in steps.
const STEP_FRACTION_BITS: u32 = 64;

/// The widening, 2^−40 relative plus 2^−40 steps absolute (see the module's documentation).
const MARGIN_BITS: u32 = 40;

/// The smallest rate handled, 10^−9, as its inverse.
const SMALLEST_RATE_INVERSE: u128 = 1_000_000_000;

/// A lower and an upper bound of one quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Bounds {
    lo: u128,
    hi: u128,
}

/// The annuity instalment for `financed` minor units over `n` periods at the periodic rate
/// `numerator / denominator` (with bounds of `2^128 / denominator` if known), rounded with `rounding` to a whole number of `step` minor units: that
/// number, when the bounds make it certain that the `Decimal` computation rounds to it; `None`
/// otherwise (outside the bounds of the module's argument, or near a whole or half step).
pub(crate) fn annuity_in_steps(
    financed: u64,
    numerator: u64,
    denominator: u64,
    inverse_denominator: Option<Inverse>,
    n: u32,
    step: u64,
    rounding: Rounding,
) -> Option<u64> {
    if financed == 0 || financed > 100_000_000_000_000_000 || step == 0 {
        return None;
    }
    if n == 0 || n > MAX_INSTALMENTS {
        return None;
    }
    let rate = match inverse_denominator {
        Some(inverse) => rate_bounds_by_inverse(numerator, denominator, inverse)?,
        None => rate_bounds(numerator, denominator)?,
    };
    // The quick growth is decisive nearly always; when its bounds are too wide to decide (or it
    // overflows), the full-precision growth gets its chance before `Decimal`. Any bounds of the
    // exact instalment decide the same way, see the module's documentation.
    quick_growth_minus_one(rate, n)
        .and_then(|e| instalment_from_growth(financed, rate, e, step, rounding))
        .or_else(|| {
            let e = growth_minus_one(rate, n)?;
            instalment_from_growth(financed, rate, e, step, rounding)
        })
}

/// The instalment in steps, from bounds of the rate and of `(1 + r)^n − 1`.
fn instalment_from_growth(
    financed: u64,
    rate: Bounds,
    e: Bounds,
    step: u64,
    rounding: Rounding,
) -> Option<u64> {
    // y = r + r/e; 1/e decreases with e, so the lower bound takes the upper bound of e.
    let inverse = inverse(e)?;
    let y = Bounds {
        lo: rate
            .lo
            .checked_add(mul_fixed(rate.lo, inverse.lo, Direction::Down)?)?,
        hi: rate
            .hi
            .checked_add(mul_fixed(rate.hi, inverse.hi, Direction::Up)?)?,
    };
    let payment = Bounds {
        lo: times_minor(financed, y.lo, Direction::Down)?,
        hi: times_minor(financed, y.hi, Direction::Up)?,
    };
    let units = if step == 1 {
        payment
    } else {
        let step = u128::from(step);
        Bounds {
            lo: payment.lo.checked_div(step)?,
            hi: payment.hi.div_ceil(step),
        }
    };
    round_units(units, rounding)
}

/// Rounding down (towards the lower bound) or up (towards the upper bound).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Down,
    Up,
}

/// Bounds of the rate `numerator / denominator` in fixed point, if it lies between 10^−9 and 1.
// Both below 2^64: num · 10^9 stays below 2^94; num · 2^96 fits when num < 2^32; each quotient
// times `den` is at most the dividend it came from, so the rests do not go below zero and stay
// below `den`; `high ≤ 2^64` and `low < 2^32` put `lo` below 2^96 + 2^32. No overflow.
#[allow(clippy::arithmetic_side_effects)]
fn rate_bounds(numerator: u64, denominator: u64) -> Option<Bounds> {
    let (num, den) = (u128::from(numerator), u128::from(denominator));
    if den == 0 || num > den || num * SMALLEST_RATE_INVERSE < den {
        return None;
    }
    if num < 1 << 32 {
        // num·2^96 fits 128 bits: one division gives what the two steps below give.
        let lo = (num << FRACTION_BITS).checked_div(den)?;
        let rest = (num << FRACTION_BITS) - lo * den;
        return Some(Bounds {
            lo,
            hi: lo + u128::from(rest != 0),
        });
    }
    // num·2^96 / den by two long-division steps of 64 and 32 bits, as num·2^96 leaves 128 bits.
    let high = (num << 64).checked_div(den)?; // at most 2^64, as num ≤ den
    let rest = (num << 64) - high * den; // below den < 2^64
    let low = (rest << 32).checked_div(den)?; // below 2^32
    let rest = (rest << 32) - low * den;
    let lo = (high << 32) + low;
    Some(Bounds {
        lo,
        hi: lo + u128::from(rest != 0),
    })
}

/// Bounds of the rate `numerator / denominator` in fixed point, if it lies between 10^−9 and 1,
/// from bounds of `2^128 / denominator`: `numerator·2^96 / denominator` is
/// `numerator·(2^128 / denominator) / 2^32`, rounded down with the lower bound and up with the
/// upper one. No division; the bounds are at most two units of 2^−96 wider than
/// [`rate_bounds`]'s.
// num < 2^32 and `inverse.hi ≤ 2^128 / 12 + 1 < 2^125`: the product is below 2^157, its high half
// below 2^29, so shifting it left by 96 bits fits, and the sum with a carry of one stays below
// 2^125 + 1.
#[allow(clippy::arithmetic_side_effects)]
fn rate_bounds_by_inverse(numerator: u64, denominator: u64, inverse: Inverse) -> Option<Bounds> {
    let (num, den) = (u128::from(numerator), u128::from(denominator));
    if den < 12 || num >= 1 << 32 || num > den || num * SMALLEST_RATE_INVERSE < den {
        return rate_bounds(numerator, denominator);
    }
    let shifted = |x: u128, up: bool| {
        let (high, low) = wide_mul(num, x);
        const MASK: u128 = (1 << 32) - 1;
        (high << 96) + (low >> 32) + u128::from(up && low & MASK != 0)
    };
    Some(Bounds {
        lo: shifted(inverse.lo, false),
        hi: shifted(inverse.hi, true),
    })
}

/// `(1 + x)^n − 1` by squaring, with `step(a, b)` giving `(1 + a)(1 + b) − 1`, that is
/// `a + b + ab`; `None` if a step gives up.
fn power_minus_one<T: Copy>(x: T, n: u32, step: impl Fn(T, T) -> Option<T>) -> Option<T> {
    // Invariants: `factor` is (1 + x)^(2^i) − 1, `e` the product of the factors taken so far,
    // minus 1.
    let (mut e, mut factor, mut k) = (None::<T>, x, n);
    loop {
        if k & 1 == 1 {
            e = Some(match e {
                None => factor,
                Some(e) => step(e, factor)?,
            });
        }
        k >>= 1;
        if k == 0 {
            return e;
        }
        factor = step(factor, factor)?;
    }
}

/// Fractional bits of the quick growth: values below 2^8 in a `u64`.
const QUICK_FRACTION_BITS: u32 = 56;

/// Bounds of `(1 + r)^n − 1` as [`growth_minus_one`] gives them, computed with 56 fractional bits
/// in `u64`s (one multiplication a product instead of four), if every value stays below 2^8.
/// Each rounding is directed as in the full computation, so these are bounds too, only wider: an
/// absolute error of 2^−56 a step instead of 2^−96, which is far inside the margin of 2^−40
/// unless the rate is tiny; then [`round_units`] cannot decide and the caller computes the full
/// bounds.
// Shifts by 40 of values below 2^64 fit a u128; u64 products fit a u128.
#[allow(clippy::arithmetic_side_effects)]
fn quick_growth_minus_one(r: Bounds, n: u32) -> Option<Bounds> {
    const SHIFT: u32 = FRACTION_BITS - QUICK_FRACTION_BITS;
    const MASK: u128 = (1 << QUICK_FRACTION_BITS) - 1;
    let product = |a: u64, b: u64, direction: Direction| -> Option<u64> {
        let p = u128::from(a) * u128::from(b);
        let up = direction == Direction::Up && p & MASK != 0;
        u64::try_from((p >> QUICK_FRACTION_BITS) + u128::from(up)).ok()
    };
    let step = |a: (u64, u64), b: (u64, u64)| -> Option<(u64, u64)> {
        let lo =
            a.0.checked_add(b.0)?
                .checked_add(product(a.0, b.0, Direction::Down)?)?;
        let hi =
            a.1.checked_add(b.1)?
                .checked_add(product(a.1, b.1, Direction::Up)?)?;
        Some((lo, hi))
    };
    let lo = u64::try_from(r.lo >> SHIFT).ok()?;
    let hi = u64::try_from((r.hi >> SHIFT) + u128::from(r.hi & ((1 << SHIFT) - 1) != 0)).ok()?;
    let (lo, hi) = power_minus_one((lo, hi), n, step)?;
    Some(Bounds {
        lo: u128::from(lo) << SHIFT,
        hi: u128::from(hi) << SHIFT,
    })
}

/// Bounds of `(1 + r)^n − 1` by squaring, from bounds of `r`, if they stay below the limit.
fn growth_minus_one(r: Bounds, n: u32) -> Option<Bounds> {
    // Every value is non-negative and the lower bounds never exceed the upper ones, so checking
    // the upper bounds against the limit suffices.
    let step = |a: Bounds, b: Bounds| -> Option<Bounds> {
        let hi = add_fixed(
            add_fixed(a.hi, b.hi)?,
            mul_fixed(a.hi, b.hi, Direction::Up)?,
        )?;
        // Below the upper bound: no overflow.
        #[allow(clippy::arithmetic_side_effects)]
        let lo = a.lo + b.lo + mul_fixed(a.lo, b.lo, Direction::Down)?;
        Some(Bounds { lo, hi })
    };
    power_minus_one(r, n, step)
}

/// Bounds of `1/e`: `2^192 / E` for the fixed-point `E`, from a 64-bit divisor: `E`'s bounds cut
/// to their top 64 bits (the upper one rounded up), `2^127` divided by them, rounded outwards, and
/// shifted back.
///
/// One division is enough. With `d` the cut lower bound, `d + δ` the cut upper one, and
/// `2^127 = q·d + ρ`: the upper bound is `q` plus one when `ρ > 0`, and since
/// `1/d − 1/(d + δ) = δ/(d·(d + δ)) ≤ δ/d²`, `2^127 / (d + δ) ≥ 2^127/d − 2^127·δ/d² ≥ q − 8δ`
/// once `d ≥ 2^62`, the lower bound. `δ` is a unit or two, a relative width of about 2^−59.
// `e.hi ≥ e.lo ≥ 2^64` has 65 to 128 bits, so `cut` is 1 to 64: the mask, the shifted `e.hi` (below
// 2^64) plus one, and `65 − cut` cannot overflow; `δ` is below 2^64, so `8δ` fits.
#[allow(clippy::arithmetic_side_effects)]
fn inverse(e: Bounds) -> Option<Bounds> {
    // e ≥ r ≥ 10^−9 puts E above 2^66; below 2^64 the shift would not fit.
    if e.lo < 1 << 64 || e.hi < e.lo {
        return None;
    }
    // E.hi has 65 to 123 bits: keep the top 64.
    let cut = 64 - e.hi.leading_zeros();
    let mask = (1u128 << cut) - 1;
    let divisor_hi = (e.hi >> cut) + u128::from(e.hi & mask != 0);
    let divisor_lo = e.lo >> cut; // at least 1, as e.lo ≥ 2^64 and cut ≤ 64
    const TOP: u128 = 1 << 127;
    let quotient = TOP.checked_div(divisor_lo)?;
    let hi = quotient + u128::from(quotient * divisor_lo != TOP);
    let lo = if divisor_lo >= 1 << 62 {
        quotient.saturating_sub(8 * (divisor_hi - divisor_lo))
    } else {
        TOP.checked_div(divisor_hi)?
    };
    // 1/e = 2^96/E with E within [divisor_lo, divisor_hi]·2^cut: 2^192/E = 2^(65 − cut)·2^127/….
    let shift = 65 - cut;
    Some(Bounds {
        lo: shl_exact(lo, shift)?,
        hi: shl_exact(hi, shift)?,
    })
}

/// `x·2^shift` if it fits.
fn shl_exact(x: u128, shift: u32) -> Option<u128> {
    (shift < 128 && x.leading_zeros() >= shift).then(|| x << shift)
}

/// `a + b`, below the limit.
fn add_fixed(a: u128, b: u128) -> Option<u128> {
    a.checked_add(b).filter(|s| *s < LIMIT)
}

/// `a·b` of two fixed-point values, rounded in `direction`, below the limit.
fn mul_fixed(a: u128, b: u128, direction: Direction) -> Option<u128> {
    let (high, low) = wide_mul(a, b);
    // The product counts 2^−192: shift right by 96 bits.
    if high >> FRACTION_BITS != 0 {
        return None;
    }
    let fraction = low & ((1 << FRACTION_BITS) - 1);
    let product = (high << (128 - FRACTION_BITS)) | (low >> FRACTION_BITS);
    let product = product.checked_add(u128::from(direction == Direction::Up && fraction != 0))?;
    (product < LIMIT).then_some(product)
}

/// `minor × y` for a fixed-point `y`, with [`STEP_FRACTION_BITS`] fractional bits, rounded in
/// `direction`.
fn times_minor(minor: u64, y: u128, direction: Direction) -> Option<u128> {
    let (high, low) = wide_mul(u128::from(minor), y);
    const SHIFT: u32 = FRACTION_BITS - STEP_FRACTION_BITS;
    if high >> SHIFT != 0 {
        return None;
    }
    let fraction = low & ((1 << SHIFT) - 1);
    let product = (high << (128 - SHIFT)) | (low >> SHIFT);
    product.checked_add(u128::from(direction == Direction::Up && fraction != 0))
}

/// The full 256-bit product of `a` and `b`, as (high, low) 128-bit halves, from four 64-bit
/// products.
// Products of two 64-bit halves fit 128 bits; the sums are bounded in the comments below.
#[allow(clippy::arithmetic_side_effects)]
fn wide_mul(a: u128, b: u128) -> (u128, u128) {
    const MASK: u128 = u64::MAX as u128;
    let (a1, a0) = (a >> 64, a & MASK);
    let (b1, b0) = (b >> 64, b & MASK);
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    // At most 3·(2^64 − 1): no overflow.
    let middle = (p00 >> 64) + (p01 & MASK) + (p10 & MASK);
    let low = (middle << 64) | (p00 & MASK);
    let high = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
    (high, low)
}

/// The whole number of steps every value between the widened bounds rounds to, if they agree.
fn round_units(units: Bounds, rounding: Rounding) -> Option<u64> {
    // The bounds count 2^−64 steps: the absolute margin 2^−40 is 2^24 of them.
    let absolute = 1u128 << (STEP_FRACTION_BITS - MARGIN_BITS);
    let low = units
        .lo
        .saturating_sub(units.lo >> MARGIN_BITS)
        .saturating_sub(absolute);
    let high = units
        .hi
        .checked_add(units.hi >> MARGIN_BITS)?
        .checked_add(absolute)?;
    // Halves: the number of half steps below each bound.
    let halves = low >> (STEP_FRACTION_BITS - 1);
    if high >> (STEP_FRACTION_BITS - 1) != halves {
        return None;
    }
    // Every value lies strictly between `halves` and `halves + 1` half steps.
    let whole = halves >> 1;
    // `whole` is below 2^64 (`low` shifted by 64): adding one cannot overflow a u128.
    #[allow(clippy::arithmetic_side_effects)]
    let steps = match rounding {
        Rounding::Down => whole,
        Rounding::Up => whole + 1,
        Rounding::HalfUp | Rounding::HalfEven => whole + (halves & 1),
    };
    u64::try_from(steps).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn wide_mul_is_exact() {
        let values = [
            0u128,
            1,
            2,
            u128::from(u64::MAX),
            1 << 64,
            (1 << 64) + 1,
            u128::MAX,
            u128::MAX - 1,
            0x0123_4567_89AB_CDEF_FEDC_BA98_7654_3210,
        ];
        for a in values {
            for b in values {
                let (high, low) = wide_mul(a, b);
                // Check with the 64-bit halves of the product of a by each half of b.
                let (b1, b0) = (b >> 64, b & u128::from(u64::MAX));
                let (h0, l0) = small_mul(a, b0);
                let (h1, l1) = small_mul(a, b1);
                // a·b = (h1·2^128 + l1)·2^64 + h0·2^128 + l0
                let (sum_low, carry) = l0.overflowing_add(l1 << 64);
                let expected_high = h0 + (h1 << 64) + (l1 >> 64) + u128::from(carry);
                assert_eq!((high, low), (expected_high, sum_low), "{a} × {b}");
            }
        }
    }

    /// `a × b` for `b < 2^64`, as (high, low).
    fn small_mul(a: u128, b: u128) -> (u128, u128) {
        let mask = u128::from(u64::MAX);
        let low = (a & mask) * b;
        let high = (a >> 64) * b + (low >> 64);
        (high >> 64, (high << 64) | (low & mask))
    }

    /// `num / den` (at most 1) in fixed point, bit by bit: the integer part, then each of the 96
    /// fractional bits by doubling the rest (restoring division); the lower bound and whether a
    /// rest is left. Independent of the divisions `rate_bounds` makes.
    fn fixed_point_bit_by_bit(num: u64, den: u64) -> Bounds {
        let (num, den) = (u128::from(num), u128::from(den));
        let mut lo = num / den;
        let mut rest = num % den;
        for _ in 0..FRACTION_BITS {
            rest <<= 1;
            lo <<= 1;
            if rest >= den {
                rest -= den;
                lo |= 1;
            }
        }
        Bounds {
            lo,
            hi: lo + u128::from(rest != 0),
        }
    }

    #[test]
    fn rate_bounds_are_the_fixed_point_bounds_of_the_rate() {
        // Numerators on both sides of 2^32, where one division gives way to two, up to
        // denominators of nearly 2^64.
        let edge = 1u64 << 32;
        let mut pairs = vec![
            (1u64, 3u64),
            (5, 1200),
            (1, 1),
            (3, 7),
            (1, 1_000_000_000),
            (edge - 1, edge),
            (edge, edge),
            (edge, edge + 1),
            (edge + 1, 3 * edge),
            (edge - 1, 3 * edge),
            (u64::MAX, u64::MAX),
            (u64::MAX / 3, u64::MAX),
            (u64::MAX / 1_000_000_000 + 1, u64::MAX),
        ];
        for i in 1..=2000u64 {
            let den = (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (i % 40)).max(1);
            let num = (i.wrapping_mul(0x2545_F491_4F6C_DD1D) >> (i % 33)) % den;
            pairs.push((num.max(1), den));
        }
        let mut wide = 0;
        for (num, den) in pairs {
            if num <= den && u128::from(num) * SMALLEST_RATE_INVERSE >= u128::from(den) {
                wide += usize::from(num >= edge);
                assert_eq!(
                    rate_bounds(num, den),
                    Some(fixed_point_bit_by_bit(num, den)),
                    "{num} / {den}"
                );
            } else {
                assert_eq!(rate_bounds(num, den), None, "{num} / {den}");
            }
        }
        assert!(wide > 500, "{wide} numerators of 2^32 or more");
    }

    /// Numerators of rates from 10^−9 to 1 over `den`, spread over their range.
    fn numerators(den: u64) -> Vec<u64> {
        let mut nums: Vec<u64> = vec![1, 2, 3, 5, 7, 12, 25, 99, 500, den / 2, den - 1, den];
        nums.extend((1..=200u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) % den + 1));
        nums.into_iter()
            .filter(|n| *n <= den && u128::from(*n) * SMALLEST_RATE_INVERSE >= u128::from(den))
            .collect()
    }

    /// Out of the rates from 10^−9 to 1, the inverse gives no bounds either.
    #[test]
    fn rate_bounds_by_inverse_refuse_what_the_division_refuses() {
        let twelve = crate::schedule::divisors::Divisor::of(12, 0).unwrap();
        assert!(rate_bounds_by_inverse(12, 12, twelve.inverse()).is_some());
        assert_eq!(rate_bounds_by_inverse(13, 12, twelve.inverse()), None);
        let tiny = crate::schedule::divisors::Divisor::of(12, 9).unwrap();
        let den = 12_000_000_000;
        assert!(rate_bounds_by_inverse(12, den, tiny.inverse()).is_some());
        assert_eq!(rate_bounds_by_inverse(11, den, tiny.inverse()), None);
        assert_eq!(rate_bounds_by_inverse(den + 1, den, tiny.inverse()), None);
    }

    #[test]
    fn rate_bounds_by_inverse_enclose_the_exact_bounds() {
        for d in [12u64, 52, 365] {
            for e in 0..=crate::schedule::divisors::MAX_RATE_SCALE {
                let divisor = crate::schedule::divisors::Divisor::of(d, e).unwrap();
                let den = d * 10u64.pow(e);
                for num in numerators(den) {
                    let exact = rate_bounds(num, den).unwrap();
                    let wide = rate_bounds_by_inverse(num, den, divisor.inverse()).unwrap();
                    assert!(wide.lo <= exact.lo && exact.hi <= wide.hi, "{num}/{den}");
                    // At most two units of 2^−96 wider than the division's, as documented.
                    let wider = (exact.lo - wide.lo) + (wide.hi - exact.hi);
                    assert!(wider <= 2, "{num}/{den}: {wide:?}, {exact:?}");
                }
            }
        }
    }

    /// `inverse` with a division for each bound, as it was before the lower bound was derived.
    fn inverse_in_two_divisions(e: Bounds) -> Bounds {
        let cut = 64 - e.hi.leading_zeros();
        let mask = (1u128 << cut) - 1;
        let divisor_hi = (e.hi >> cut) + u128::from(e.hi & mask != 0);
        let divisor_lo = e.lo >> cut;
        let top = 1u128 << 127;
        Bounds {
            lo: (top / divisor_hi) << (65 - cut),
            hi: top.div_ceil(divisor_lo) << (65 - cut),
        }
    }

    #[test]
    fn one_division_bounds_the_inverse() {
        let one = 1u128 << FRACTION_BITS;
        for den in [1_200u64, 5_200, 36_500, 1_000_000, 1_000_000_000] {
            for num in numerators(den).into_iter().step_by(7) {
                let rate = rate_bounds(num, den).unwrap();
                for n in [1u32, 2, 3, 12, 36, 120, 360, 1200] {
                    let Some(e) = growth_minus_one(rate, n) else {
                        continue;
                    };
                    let got = inverse(e).unwrap();
                    let two = inverse_in_two_divisions(e);
                    assert_eq!(got.hi, two.hi, "{num}/{den} {n}");
                    assert!(got.lo <= two.lo, "{num}/{den} {n}");
                    // Within 2^−56 of each other still.
                    assert!(got.hi - got.lo <= got.hi >> 56, "{num}/{den} {n}: {got:?}");
                    // And around 1/e: lo·e ≤ 1 ≤ hi·e, in fixed point.
                    let (lo_high, lo_low) = wide_mul(got.lo, e.lo);
                    let (hi_high, _) = wide_mul(got.hi, e.hi);
                    assert!((lo_high, lo_low) <= (one >> 32, 0), "{num}/{den} {n}");
                    assert!(hi_high >= one >> 32, "{num}/{den} {n}");
                }
            }
        }
    }

    /// Exact values stay exact: no bound is rounded out when no bit is cut off. (1 + 1/2)^2 − 1 =
    /// 1.25 and (1 + 1/4)^3 − 1 = 61/64 in either growth, and 1/e = 1 for e = 1.
    #[test]
    fn exact_growths_and_inverses_have_no_width() {
        let one = 1u128 << FRACTION_BITS;
        let exactly = |x: u128| Bounds { lo: x, hi: x };
        for (rate, n, growth) in [(one / 2, 2, one + one / 4), (one / 4, 3, 61 * one / 64)] {
            assert_eq!(
                quick_growth_minus_one(exactly(rate), n),
                Some(exactly(growth))
            );
            assert_eq!(growth_minus_one(exactly(rate), n), Some(exactly(growth)));
        }
        assert_eq!(inverse(exactly(one)), Some(exactly(one)));
        assert_eq!(inverse(exactly(4 * one)), Some(exactly(one / 4)));
    }

    #[test]
    fn quick_growth_encloses_the_full_growth() {
        let (mut decided, mut cases) = (0, 0);
        for den in [1_200u64, 5_200, 36_500, 1_000_000, 1_000_000_000] {
            for num in numerators(den).into_iter().step_by(3) {
                let rate = rate_bounds(num, den).unwrap();
                for n in [1u32, 2, 3, 12, 36, 120, 360, 1200] {
                    let full = growth_minus_one(rate, n);
                    let Some(quick) = quick_growth_minus_one(rate, n) else {
                        // Only past 2^8, or where the full growth gives up too.
                        if let Some(full) = full {
                            assert!(full.hi >= 255 << FRACTION_BITS, "{num}/{den} {n}");
                        }
                        continue;
                    };
                    let full = full.unwrap();
                    assert!(
                        quick.lo <= full.lo && full.hi <= quick.hi,
                        "{num}/{den} {n}"
                    );
                    for financed in [1u64, 999, 1_000_000, 123_456_789_012] {
                        let by_quick =
                            instalment_from_growth(financed, rate, quick, 1, Rounding::HalfUp);
                        let by_full =
                            instalment_from_growth(financed, rate, full, 1, Rounding::HalfUp);
                        // Wider bounds may not decide; when they do, they agree.
                        assert!(by_quick.is_none() || by_quick == by_full, "{num}/{den} {n}");
                        decided += usize::from(by_quick.is_some());
                        cases += usize::from(by_full.is_some());
                    }
                }
            }
        }
        // Nearly every case the full growth decides is decided by the quick growth alone (4,999
        // of 5,049; the others have tiny rates and amounts in the billions).
        assert!(decided * 100 >= cases * 95, "{decided} of {cases}");
    }

    #[test]
    fn the_instalment_does_not_depend_on_how_the_rate_was_bounded() {
        for d in [12u64, 52, 365] {
            for e in 0..=6 {
                let divisor = crate::schedule::divisors::Divisor::of(d, e).unwrap();
                let den = d * 10u64.pow(e);
                for num in numerators(den).into_iter().step_by(5) {
                    for (financed, n) in [(1_000_000u64, 36u32), (123_457, 7), (99_999_999, 360)] {
                        let plain =
                            annuity_in_steps(financed, num, den, None, n, 1, Rounding::HalfUp);
                        let fast = annuity_in_steps(
                            financed,
                            num,
                            den,
                            Some(divisor.inverse()),
                            n,
                            1,
                            Rounding::HalfUp,
                        );
                        // The wider bounds may leave a case to `Decimal`, never decide another way.
                        assert!(
                            fast.is_none() || fast == plain,
                            "{num}/{den} {financed} {n}"
                        );
                        assert_eq!(
                            fast.is_some(),
                            plain.is_some(),
                            "{num}/{den} {financed} {n}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn fixed_point_rounds_in_the_direction_asked() {
        let one = 1u128 << FRACTION_BITS;
        let third = Bounds {
            lo: one / 3,
            hi: one / 3 + 1,
        };
        assert_eq!(rate_bounds(1, 3), Some(third));
        assert_eq!(
            rate_bounds(1, 4),
            Some(Bounds {
                lo: one / 4,
                hi: one / 4
            })
        );
        assert_eq!(rate_bounds(1, 1), Some(Bounds { lo: one, hi: one }));
        assert_eq!(rate_bounds(2, 1), None);
        assert_eq!(rate_bounds(1, 1_000_000_001), None);
        assert!(rate_bounds(1, 1_000_000_000).is_some());
        assert_eq!(mul_fixed(one / 2, 3, Direction::Down), Some(1));
        assert_eq!(mul_fixed(one / 2, 3, Direction::Up), Some(2));
        assert_eq!(mul_fixed(one / 2, 4, Direction::Up), Some(2));
        // (1 + 1)^10 − 1 = 1023 exactly, both ways.
        let exactly = |x: u128| Bounds { lo: x, hi: x };
        let two_to_ten = Some(exactly(1023 * one));
        assert_eq!(growth_minus_one(exactly(one), 10), two_to_ten);
        // (1 + 1)^28 − 1 reaches the limit of 2^27, (1 + 1)^27 − 1 does not.
        let below = Some(exactly(((1 << 27) - 1) * one));
        assert_eq!(growth_minus_one(exactly(one), 27), below);
        assert_eq!(growth_minus_one(exactly(one), 28), None);
        // 1/3 both ways: (4/3)^3 − 1 = 37/27 = 1.370370…, bounds on either side of it.
        let e = growth_minus_one(third, 3).unwrap();
        assert!(e.lo < e.hi && e.hi - e.lo < 16, "{e:?}");
        assert!(e.lo <= 37 * one / 27 && 37 * one / 27 < e.hi);
    }

    /// Products of operands below 2^64 fit a `u128`: the fixed-point products against them, down
    /// and up, with the discarded bits all ones, all zeros and in between; and the edges of the
    /// limit and of the shifts.
    #[test]
    fn products_round_exactly_in_the_direction_asked() {
        let pairs = [
            ((1u128 << 50) - 1, (1u128 << 50) + 1), // 2^100 − 1: 96 discarded bits all ones
            ((1 << 32) - 1, (1 << 32) + 1),         // 2^64 − 1: 32 discarded bits all ones
            (1 << 48, 1 << 48),                     // 2^96 exactly
            (1 << 16, 1 << 16),                     // 2^32 exactly
            (3, 5),
            (u128::from(u64::MAX), u128::from(u64::MAX)),
            (0x9E37_79B9_7F4A_7C15, 0x2545_F491_4F6C_DD1D),
            (0x0123_4567_89AB_CDEF, 0xFEDC_BA98),
        ];
        let directed = |p: u128, bits: u32, direction: Direction| {
            let up = direction == Direction::Up && p & ((1 << bits) - 1) != 0;
            (p >> bits) + u128::from(up)
        };
        for (a, b) in pairs {
            let p = a * b;
            for direction in [Direction::Down, Direction::Up] {
                assert_eq!(
                    mul_fixed(a, b, direction),
                    Some(directed(p, FRACTION_BITS, direction)),
                    "{a} × {b} {direction:?}"
                );
                let minor = u64::try_from(a).unwrap();
                assert_eq!(
                    times_minor(minor, b, direction),
                    Some(directed(p, FRACTION_BITS - STEP_FRACTION_BITS, direction)),
                    "{a} × {b} {direction:?}"
                );
            }
        }
        // 2^63 × 2^70 = 2^133 has a high half, 2^5: 2^101 in steps.
        assert_eq!(
            times_minor(1 << 63, 1 << 70, Direction::Down),
            Some(1 << 101)
        );
        // The limit itself, 2^123, is out; just below it is in.
        assert_eq!(mul_fixed(1 << 110, 1 << 109, Direction::Down), None);
        assert_eq!(
            mul_fixed((1 << 110) - 1, 1 << 109, Direction::Down),
            Some(LIMIT - (1 << 13))
        );
        assert_eq!(add_fixed(1 << 122, 1 << 122), None);
        assert_eq!(add_fixed(1 << 122, (1 << 122) - 1), Some(LIMIT - 1));
        assert_eq!(shl_exact(u128::MAX, 1), None);
        assert_eq!(shl_exact(u128::MAX >> 1, 1), Some(u128::MAX - 1));
        assert_eq!(shl_exact(0, 128), None);
        assert_eq!(shl_exact(1, 127), Some(1 << 127));
    }

    /// Bounds of the exact instalment in steps, as `Decimal`s (to 28 digits, for comparisons).
    fn units(financed: u64, numerator: u64, denominator: u64, n: u32, step: u64) -> Bounds {
        let rate = rate_bounds(numerator, denominator).unwrap();
        let e = growth_minus_one(rate, n).unwrap();
        let inverse = inverse(e).unwrap();
        let y_lo = rate.lo + mul_fixed(rate.lo, inverse.lo, Direction::Down).unwrap();
        let y_hi = rate.hi + mul_fixed(rate.hi, inverse.hi, Direction::Up).unwrap();
        let lo = times_minor(financed, y_lo, Direction::Down).unwrap() / u128::from(step);
        let hi = times_minor(financed, y_hi, Direction::Up)
            .unwrap()
            .div_ceil(u128::from(step));
        Bounds { lo, hi }
    }

    /// `bounds` (counting 2^−64) enclose `exact`, whose digits after `last_digit` are cut off.
    fn assert_encloses(bounds: Bounds, exact: Decimal, last_digit: Decimal) {
        let scale = Decimal::from(1u128 << 64);
        let (lo, hi) = (
            Decimal::from(bounds.lo) / scale,
            Decimal::from(bounds.hi) / scale,
        );
        assert!(lo <= exact + last_digit && exact <= hi, "{lo} {exact} {hi}");
    }

    #[test]
    fn bounds_enclose_the_exact_instalment_tightly() {
        // 10,000.00 at 5 % a year monthly over 36 months: 29,970.8971046654... cents a month
        // (computed with exact fractions).
        let b = units(1_000_000, 5, 1200, 36, 1);
        // Within 2^−56 of each other (the 64-bit reciprocal bounds them to about 2^−62).
        assert!(b.lo <= b.hi && b.hi - b.lo < b.lo >> 56, "{b:?}");
        let exact = Decimal::new(29_970_897_104_665_469, 12);
        assert_encloses(b, exact, Decimal::new(1, 12));
        // Almost no interest: 1,200.00 over 12 months at 10^−9 a month is 100.00 plus about
        // 100.00 × 10^−9 × 13/2 (the mean balance): 10,000.0000650000001191... cents.
        let b = units(120_000, 1, 1_000_000_000, 12, 1);
        assert!(b.lo <= b.hi && b.hi - b.lo < b.lo >> 56, "{b:?}");
        let exact = Decimal::from_i128_with_scale(10_000_000_065_000_000_119, 15);
        assert_encloses(b, exact, Decimal::new(1, 15));
    }

    #[test]
    fn rounds_only_when_certain() {
        let steps = |units: u128, rounding| {
            round_units(
                Bounds {
                    lo: units,
                    hi: units,
                },
                rounding,
            )
        };
        let one = 1u128 << 64;
        let modes = [
            Rounding::HalfUp,
            Rounding::HalfEven,
            Rounding::Down,
            Rounding::Up,
        ];
        for mode in modes {
            // Whole and half steps, and values within the margin of them, are left to Decimal.
            // (Zero is not among them: the instalment is known to be positive.)
            for units in [
                one,
                7 * one,
                7 * one + one / 2,
                7 * one + one / 2 + (1 << 25),
            ] {
                assert_eq!(steps(units, mode), None, "{units} {mode:?}");
            }
        }
        // Half a step and 3·2^−42 steps: outside the relative margin (2^−40 of half a step,
        // 2^−41 steps), inside the two together.
        for mode in modes {
            assert_eq!(steps(one / 2 + (3 << 22), mode), None, "{mode:?}");
        }
        // 7.25 and 7.75 steps.
        let quarter = 7 * one + one / 4;
        let three_quarters = 7 * one + 3 * one / 4;
        assert_eq!(steps(quarter, Rounding::HalfUp), Some(7));
        assert_eq!(steps(quarter, Rounding::HalfEven), Some(7));
        assert_eq!(steps(quarter, Rounding::Down), Some(7));
        assert_eq!(steps(quarter, Rounding::Up), Some(8));
        assert_eq!(steps(three_quarters, Rounding::HalfUp), Some(8));
        assert_eq!(steps(three_quarters, Rounding::HalfEven), Some(8));
        assert_eq!(steps(three_quarters, Rounding::Down), Some(7));
        assert_eq!(steps(three_quarters, Rounding::Up), Some(8));
        // A tiny positive value: 0 down, 1 up.
        assert_eq!(steps(one >> 30, Rounding::Down), Some(0));
        assert_eq!(steps(one >> 30, Rounding::Up), Some(1));
    }

    #[test]
    fn outside_the_bounds_is_left_to_decimal() {
        let ask = |financed, num, den, n| {
            annuity_in_steps(financed, num, den, None, n, 1, Rounding::HalfUp)
        };
        assert!(ask(1_000_000, 5, 1200, 36).is_some());
        assert_eq!(ask(0, 5, 1200, 36), None);
        // As many periods as a plan has instalments, MAX_INSTALMENTS, and not one more.
        assert!(ask(1_000_000, 5, 1200, MAX_INSTALMENTS).is_some());
        assert_eq!(ask(1_000_000, 5, 1200, 0), None);
        assert_eq!(ask(1_000_000, 5, 1200, MAX_INSTALMENTS + 1), None);
        assert_eq!(ask(1_000_000, 0, 1200, 36), None);
        assert_eq!(ask(1_000_000, 1, 10_000_000_000, 36), None); // 10^−10
        assert_eq!(ask(1_000_000, 13, 12, 36), None); // above 100 %
        assert_eq!(ask(1_000_000, 1, 1, 30), None); // 2^30 − 1 beyond the limit
        assert!(ask(1_000_000, 1, 1, 26).is_some());
        assert_eq!(
            annuity_in_steps(1_000_000, 5, 1200, None, 36, 0, Rounding::Up),
            None
        );
    }

    #[test]
    fn exact_halves_and_wholes_are_left_to_decimal() {
        // (financed, numerator, denominator, n, step) whose exact instalment is a whole or half
        // number of steps: P·(1 + r) for n = 1, P·(1 + r)^2 / (2 + r) for n = 2.
        let cases = [
            (1, 1, 2, 1, 1),           // 1 × 1.5 = 1.5
            (5, 1, 2, 2, 1),           // 5 × 2.25 / 2.5 = 4.5
            (100_005, 1, 2, 2, 1),     // 90,004.5
            (10_000, 1, 2, 1, 10_000), // 15,000 = 1.5 steps of 10,000
            (10_000, 1, 1, 1, 1),      // 20,000
            (3, 1, 1, 2, 1),           // 3 × 4 / 3 = 4
            (1_200, 1, 5, 3, 1),       // 1,200 × 1.728 × 0.2 / 0.728 = 569.67…: decided
        ];
        for (financed, numerator, denominator, n, step) in cases {
            for rounding in [
                Rounding::HalfUp,
                Rounding::HalfEven,
                Rounding::Down,
                Rounding::Up,
            ] {
                let got =
                    annuity_in_steps(financed, numerator, denominator, None, n, step, rounding);
                if financed == 1_200 {
                    let expected = if matches!(rounding, Rounding::Down) {
                        569
                    } else {
                        570
                    };
                    assert_eq!(got, Some(expected), "{rounding:?}");
                } else {
                    assert_eq!(
                        got, None,
                        "{financed} {numerator}/{denominator} {n} {rounding:?}"
                    );
                }
            }
        }
    }
}
