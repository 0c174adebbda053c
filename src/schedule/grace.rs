//! Grace on interest: leading periods whose interest is not charged (an *interest-free grace*,
//! *franchise d'intérêts*, Apache Fineract's "grace on interest charged") or not paid when it
//! accrues but with the first instalment after them (a *deferred-interest grace*, *intérêts
//! différés*, Fineract's "grace on interest payment").
//!
//! The rules, for `f` interest-free and `d` deferred periods at the periodic rate `r`:
//!
//! - periods `1..=f` accrue no interest;
//! - periods `1..=d` pay no interest; what those of them after the `f` first accrue (the rate on
//!   the balance of each period, never on interest) is paid by instalment `d + 1` on top of its own
//!   interest, as Fineract collects the interest of an interest-payment grace;
//! - every instalment repays principal: for level instalments the grace rows pay their whole
//!   amount as principal, and instalment `d + 1` less, so all instalments keep one amount.
//!
//! Both combine (`f < d`: no interest in the first `f` periods, interest deferred in the next
//! ones; `f ≥ d`: the deferral defers nothing). Neither combines with a principal grace: a period
//! in both would pay nothing, and a schedule has no empty instalment. Instalment `d + 1` must
//! cover the deferred interest and its own; a plan sized by amount or capacity that ends within
//! the grace pays what it deferred with its last instalment.
//!
//! The level amount `A` over `n` instalments, with `m = max(f, d)`, `e = max(d − f, 0)` deferred
//! periods that accrue, `v = 1 / (1 + r)` and a balloon `B` left to the last instalment: the first
//! `m` instalments repay `A` each, so the balance after them is `P − m·A`; the deferred interest is
//! `D = r·Σ_{j=f}^{d−1} (P − j·A) = r·e·P − r·S·A` with `S = e·(f + d − 1)/2`, paid one period
//! after the `m`-th instalment; the `n − m` instalments after them are an ordinary annuity. Valued
//! at instalment `m`: `P − m·A + v·D = A·(1 − v^(n−m))/r + B·v^(n−m)`, so
//!
//! ```text
//! A = (P·(1 + v·r·e) − B·v^(n−m)) / (m + v·r·S + (1 − v^(n−m))/r)
//! ```
//!
//! Without grace (`m = 0`) this is the ordinary annuity with a balloon.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::schedule::generate::checked_pow;

fn overflow() -> Error {
    Error::Overflow {
        operation: "computing an instalment with a grace on interest",
    }
}

/// The leading periods of an interest grace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct InterestGrace {
    /// Periods that accrue no interest.
    pub(crate) free: u32,
    /// Periods whose interest is paid with the first instalment after them.
    pub(crate) deferred: u32,
}

impl InterestGrace {
    /// The grace of a plan of `n` instalments: a plan (sized by amount or capacity) that ends
    /// within the grace pays what it deferred with its last instalment.
    pub(crate) fn within(self, n: u32) -> InterestGrace {
        InterestGrace {
            free: self.free.min(n),
            deferred: self.deferred.min(n.saturating_sub(1)),
        }
    }

    /// True when neither grace is asked for.
    pub(crate) fn is_none(self) -> bool {
        self.free == 0 && self.deferred == 0
    }

    /// The periods the grace covers, `max(f, d)`.
    pub(crate) fn periods(self) -> u32 {
        self.free.max(self.deferred)
    }

    /// Whether period `k` (from 1) accrues interest.
    pub(crate) fn accrues(self, k: u32) -> bool {
        k > self.free
    }

    /// Whether period `k` (from 1) defers what it accrues.
    pub(crate) fn defers(self, k: u32) -> bool {
        k <= self.deferred
    }

    /// Whether instalment `k` (from 1) pays the deferred interest.
    pub(crate) fn pays_deferred(self, k: u32) -> bool {
        self.deferred > 0 && k == self.deferred.saturating_add(1)
    }

    /// The level instalment that repays `financed` (less a `balloon` paid with the last
    /// instalment) over `n` periods at the periodic rate `r`, with this grace; see the module.
    pub(crate) fn level_amount(
        self,
        financed: Decimal,
        balloon: Option<Decimal>,
        r: Decimal,
        n: u32,
    ) -> Result<Decimal> {
        let m = self.periods().min(n);
        let e = self.deferred.saturating_sub(self.free);
        // S = Σ_{j=f}^{d−1} j = e·(f + d − 1)/2.
        let s = if e == 0 {
            Decimal::ZERO
        } else {
            Decimal::from(e)
                .checked_mul(Decimal::from(
                    u64::from(self.free)
                        .saturating_add(u64::from(self.deferred))
                        .saturating_sub(1),
                ))
                .and_then(|x| x.checked_div(Decimal::TWO))
                .ok_or_else(overflow)?
        };
        let grown = Decimal::ONE.checked_add(r).ok_or_else(overflow)?;
        let v = Decimal::ONE.checked_div(grown).ok_or_else(overflow)?;
        // v^(n−m), or nothing to 28 digits when (1 + r)^(n−m) leaves the range.
        let tail = n.saturating_sub(m);
        let discount = match checked_pow(grown, tail) {
            Some(g) => Decimal::ONE.checked_div(g).unwrap_or(Decimal::ZERO),
            None => Decimal::ZERO,
        };
        let annuity = if r.is_zero() {
            Decimal::from(tail)
        } else {
            Decimal::ONE
                .checked_sub(discount)
                .and_then(|x| x.checked_div(r))
                .ok_or_else(overflow)?
        };
        let vr = v.checked_mul(r).ok_or_else(overflow)?;
        let numerator = vr
            .checked_mul(Decimal::from(e))
            .and_then(|x| x.checked_add(Decimal::ONE))
            .and_then(|x| x.checked_mul(financed))
            .and_then(|x| {
                let b = balloon.unwrap_or(Decimal::ZERO).checked_mul(discount)?;
                x.checked_sub(b)
            })
            .ok_or_else(overflow)?;
        let denominator = vr
            .checked_mul(s)
            .and_then(|x| x.checked_add(Decimal::from(m)))
            .and_then(|x| x.checked_add(annuity))
            .ok_or_else(overflow)?;
        numerator.checked_div(denominator).ok_or_else(overflow)
    }

    /// The balance of the exact schedule of level instalments `a` after `k` instalments (`k`
    /// below the count), at the periodic rate `r`.
    pub(crate) fn exact_balance(
        self,
        financed: Decimal,
        a: Decimal,
        r: Decimal,
        k: u32,
    ) -> Result<Decimal> {
        let m = self.periods();
        if k <= m {
            return financed
                .checked_sub(a.checked_mul(Decimal::from(k)).ok_or_else(overflow)?)
                .ok_or_else(overflow);
        }
        let at_m = self.exact_balance(financed, a, r, m)?;
        let deferred = self.exact_deferred(financed, a, r)?;
        // Instalment m + 1 pays its interest and the deferred interest.
        let next = at_m
            .checked_mul(Decimal::ONE.checked_add(r).ok_or_else(overflow)?)
            .and_then(|x| x.checked_add(deferred))
            .and_then(|x| x.checked_sub(a))
            .ok_or_else(overflow)?;
        let periods = k.saturating_sub(m).saturating_sub(1);
        if r.is_zero() {
            return next
                .checked_sub(a.checked_mul(Decimal::from(periods)).ok_or_else(overflow)?)
                .ok_or_else(overflow);
        }
        let growth = checked_pow(Decimal::ONE.checked_add(r).ok_or_else(overflow)?, periods)
            .ok_or_else(overflow)?;
        let paid = growth
            .checked_sub(Decimal::ONE)
            .and_then(|x| x.checked_div(r))
            .and_then(|x| x.checked_mul(a))
            .ok_or_else(overflow)?;
        next.checked_mul(growth)
            .and_then(|x| x.checked_sub(paid))
            .ok_or_else(overflow)
    }

    /// The interest deferred in the exact schedule of level instalments `a`:
    /// `r·Σ_{j=f}^{d−1} (P − j·a)`.
    pub(crate) fn exact_deferred(
        self,
        financed: Decimal,
        a: Decimal,
        r: Decimal,
    ) -> Result<Decimal> {
        let mut sum = Decimal::ZERO;
        for j in self.free..self.deferred {
            let balance = a
                .checked_mul(Decimal::from(j))
                .and_then(|x| financed.checked_sub(x))
                .ok_or_else(overflow)?;
            sum = sum.checked_add(balance).ok_or_else(overflow)?;
        }
        sum.checked_mul(r).ok_or_else(overflow)
    }
}
