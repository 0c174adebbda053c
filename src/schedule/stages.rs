//! Stepped plans (*paliers*): leading instalments of amounts the caller gives, stage by stage
//! (3 × 100.00, or 6 × 150.00 then 6 × 250.00), interest accruing on the balance as usual, and the
//! instalments after them sized by the plan's own rule (count, end date, amount or capacity) to
//! repay what the stages leave.
//!
//! A stage's instalment pays the interest of its period first and repays principal with the rest,
//! so it must exceed that interest; the stages must leave something to repay. The instalments
//! after them amortise the balance the exact (unrounded) schedule has after the stages,
//! `B_K = P·(1 + r)^K − Σ a_k·(1 + r)^(K − k)`: an annuity of `n − K` periods on `B_K` (less a
//! balloon's present value), equal principal parts `(B_K − B) / (n − K)`, or without interest
//! `(P − Σ a_k − B) / (n − K)`. A balloon combines with stages; flat interest, instalments at the
//! start of each period, the remainder on the first instalment and grace periods do not.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::Money;
use crate::schedule::request::MAX_INSTALMENTS;

/// One stage of a stepped plan: `count` instalments of `amount` each.
///
/// ```
/// use echeancier::Stage;
///
/// let stage = Stage::new(6, "150.00 EUR".parse()?);
/// assert_eq!(stage.count(), 6);
/// assert_eq!(stage.amount().to_string(), "150.00 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Stage {
    count: u32,
    amount: Money,
}

impl Stage {
    /// `count` instalments of `amount`, checked when the plan is generated (a count of at least
    /// 1, an amount greater than zero in the plan's currency).
    ///
    /// ```
    /// use echeancier::Stage;
    ///
    /// assert_ne!(Stage::new(3, "100.00 EUR".parse()?), Stage::new(3, "250.00 EUR".parse()?));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(count: u32, amount: Money) -> Stage {
        Stage { count, amount }
    }

    /// How many instalments the stage has.
    ///
    /// ```
    /// use echeancier::Stage;
    ///
    /// assert_eq!(Stage::new(3, "100.00 EUR".parse()?).count(), 3);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn count(&self) -> u32 {
        self.count
    }

    /// The amount of each of its instalments.
    ///
    /// ```
    /// use echeancier::Stage;
    ///
    /// assert_eq!(Stage::new(3, "100.00 EUR".parse()?).amount().to_string(), "100.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(&self) -> Money {
        self.amount
    }
}

fn overflow() -> Error {
    Error::Overflow {
        operation: "computing the balance after the stages",
    }
}

/// The error of stages that repay the whole debt.
pub(crate) fn repay_everything() -> Error {
    Error::Unsupported {
        reason: "the stages repay the whole debt: leave at least one instalment to the plan's \
                 sizing",
    }
}

/// How many instalments the stages hold, checked: each stage at least one, the amounts positive
/// in `like`'s currency, at most [`MAX_INSTALMENTS`] in all.
pub(crate) fn checked_count(stages: &[Stage], like: Money) -> Result<u32> {
    let mut total: u32 = 0;
    for stage in stages {
        like.same_currency(stage.amount)?;
        stage.amount.require_positive("stage amount")?;
        if stage.count == 0 {
            return Err(Error::InvalidCount {
                count: 0,
                max: MAX_INSTALMENTS,
            });
        }
        total = total
            .checked_add(stage.count)
            .filter(|t| *t <= MAX_INSTALMENTS)
            .ok_or(Error::InvalidCount {
                count: stage.count,
                max: MAX_INSTALMENTS,
            })?;
    }
    Ok(total)
}

/// The amount of instalment `k` (from 1) if a stage sets it.
pub(crate) fn amount_of(stages: &[Stage], k: u32) -> Option<Money> {
    let mut before: u32 = 0;
    for stage in stages {
        let through = before.saturating_add(stage.count);
        if k > before && k <= through {
            return Some(stage.amount);
        }
        before = through;
    }
    None
}

/// The balance of the exact schedule after the first `k` stage instalments (`k` at most their
/// count), at the periodic rate `r` (none without interest on the declining balance).
pub(crate) fn exact_balance(
    stages: &[Stage],
    financed: Decimal,
    r: Option<Decimal>,
    k: u32,
) -> Result<Decimal> {
    let growth = Decimal::ONE
        .checked_add(r.unwrap_or(Decimal::ZERO))
        .ok_or_else(overflow)?;
    let mut balance = financed;
    let mut done: u32 = 0;
    for stage in stages {
        for _ in 0..stage.count {
            if done >= k {
                return Ok(balance);
            }
            balance = balance
                .checked_mul(growth)
                .and_then(|b| b.checked_sub(stage.amount.amount()))
                .ok_or_else(overflow)?;
            done = done.saturating_add(1);
        }
    }
    Ok(balance)
}
