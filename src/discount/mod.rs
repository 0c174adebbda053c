//! Incentives and reductions: early-payment discounts (*escompte*), settlement offers, regularity
//! bonuses and conditional waivers.
//!
//! Each is a plain value describing terms, and a pure function from the terms, what is owed and the
//! full list of payments to an outcome with its breakdown. Nothing is stored between calls, so the
//! same payments given twice earn the same discount, never twice as much.
//!
//! - [`EarlyPaymentDiscount`]: a [`Reduction`] if an invoice ([`TaxedAmount`], VAT included) is paid
//!   within a [`DiscountWindow`]; partial payments earn their share once
//!   ([`EarlyPaymentOutcome`]). [`implied_annual_cost`] says what the discount costs the creditor
//!   as a yearly rate ([`ImpliedCost`]).
//! - [`SettlementOffer`]: pay what remains of a plan by a date and get a reduction; its
//!   [`SettlementQuote`] gives the payoff figure and its parts.
//! - [`RegularityBonus`]: every instalment on time earns a smaller last instalment or the waiver of
//!   penalties ([`RegularityOutcome`]).
//! - [`ConditionalWaiver`]: part of the debt forgiven if the plan is completed, due again if it
//!   lapses ([`WaiverStatus`]).
//!
//! What was paid on a plan is read from a [`Statement`](crate::Statement): the one allocation of
//! the payments by the creditor's policy.

mod early;
mod regularity;
mod settlement;
mod waiver;

use core::fmt;

use crate::error::{Error, Result};
use crate::money::{Money, Rounding};
use crate::percent::Percent;

pub use early::{
    implied_annual_cost, implied_annual_cost_on, settle_invoices, DiscountBasis, DiscountWindow,
    EarlyPaymentDiscount, EarlyPaymentLine, EarlyPaymentOutcome, GroupSettlement, ImpliedCost,
    InvoiceSettlement, OpenInvoice, PaymentTiming, TaxedAmount, TieredDiscount, TieredLine,
    TieredOutcome,
};
pub use regularity::{RegularityBonus, RegularityOutcome, RegularityReward};
pub use settlement::{AccruedInterest, SettlementBase, SettlementOffer, SettlementQuote};
pub use waiver::{ConditionalWaiver, Waived, WaiverCondition, WaiverStatus};

/// How much a discount or bonus takes off: a percentage of what it applies to, or a fixed amount.
///
/// Serialised as `{"percent": "2%"}` or `{"amount": {"amount": "50.00", "currency": "EUR"}}`.
///
/// ```
/// use echeancier::{Money, Reduction, Rounding};
///
/// let two = Reduction::Percent("2%".parse()?);
/// let base: Money = "12000.00 EUR".parse()?;
/// assert_eq!(two.of(base, Rounding::HalfUp)?.to_string(), "240.00 EUR");
/// let fifty = Reduction::amount("50.00 EUR".parse()?)?;
/// assert_eq!(fifty.to_string(), "50.00 EUR");
/// // A fixed amount never takes off more than the base.
/// assert_eq!(fifty.of("30.00 EUR".parse()?, Rounding::HalfUp)?.to_string(), "30.00 EUR");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        rename_all = "snake_case",
        try_from = "ReductionRepr",
        into = "ReductionRepr"
    )
)]
#[non_exhaustive]
pub enum Reduction {
    /// A percentage of what the reduction applies to.
    Percent(Percent),
    /// A fixed amount; build it with [`Reduction::amount`], which refuses negative amounts.
    Amount(Money),
}

impl Reduction {
    /// A fixed reduction of `amount`.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] for a negative amount.
    ///
    /// ```
    /// use echeancier::Reduction;
    ///
    /// assert!(Reduction::amount("-1.00 EUR".parse()?).is_err());
    /// assert!(Reduction::amount("0.00 EUR".parse()?).is_ok());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(amount: Money) -> Result<Reduction> {
        Reduction::Amount(amount).checked()
    }

    /// Fails for a negative fixed amount (a variant built directly).
    pub(crate) fn checked(self) -> Result<Reduction> {
        match self {
            Reduction::Amount(amount) if amount.is_negative() => Err(Error::Negative {
                what: "reduction",
                amount,
            }),
            other => Ok(other),
        }
    }

    /// The reduction on `base`: the percentage of it rounded once with `rounding`, or the fixed amount
    /// capped at `base`. Never more than `base`, never negative.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if a fixed amount is in another currency; [`Error::Negative`] for a
    /// negative base or fixed amount; [`Error::Overflow`].
    ///
    /// ```
    /// use echeancier::{Reduction, Rounding};
    ///
    /// let r = Reduction::Percent("2.5%".parse()?);
    /// // 123.45 × 2.5 % = 3.08625
    /// assert_eq!(r.of("123.45 EUR".parse()?, Rounding::HalfUp)?.to_string(), "3.09 EUR");
    /// assert_eq!(r.of("123.45 EUR".parse()?, Rounding::Down)?.to_string(), "3.08 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(&self, base: Money, rounding: Rounding) -> Result<Money> {
        if base.is_negative() {
            return Err(Error::Negative {
                what: "amount a reduction applies to",
                amount: base,
            });
        }
        match self.checked()? {
            Reduction::Percent(p) => {
                let cut = p.of(base, rounding)?;
                // Rounding up a share of at most 100 % never passes a whole-unit base, but say so.
                cut.checked_min(base)
            }
            Reduction::Amount(amount) => amount.checked_min(base),
        }
    }
}

/// `2%` or `50.00 EUR`.
impl fmt::Display for Reduction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reduction::Percent(p) => fmt::Display::fmt(p, f),
            Reduction::Amount(m) => fmt::Display::fmt(m, f),
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum ReductionRepr {
    Percent(Percent),
    Amount(Money),
}

#[cfg(feature = "serde")]
impl TryFrom<ReductionRepr> for Reduction {
    type Error = Error;

    fn try_from(r: ReductionRepr) -> Result<Reduction> {
        match r {
            ReductionRepr::Percent(p) => Ok(Reduction::Percent(p)),
            ReductionRepr::Amount(m) => Reduction::amount(m),
        }
    }
}

#[cfg(feature = "serde")]
impl From<Reduction> for ReductionRepr {
    fn from(r: Reduction) -> ReductionRepr {
        match r {
            Reduction::Percent(p) => ReductionRepr::Percent(p),
            Reduction::Amount(m) => ReductionRepr::Amount(m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    #[test]
    fn a_reduction_never_exceeds_its_base() -> Result<()> {
        let base: Money = "10.00 EUR".parse()?;
        let all = Reduction::Percent(Percent::HUNDRED);
        assert_eq!(all.of(base, Rounding::Up)?, base);
        let big = Reduction::amount("99.00 EUR".parse()?)?;
        assert_eq!(big.of(base, Rounding::HalfUp)?, base);
        assert!(Reduction::Amount("-1.00 EUR".parse()?)
            .of(base, Rounding::HalfUp)
            .is_err());
        assert!(big
            .of(Money::zero(Currency::USD), Rounding::HalfUp)
            .is_err());
        Ok(())
    }

    #[cfg(feature = "serde")]
    #[test]
    fn reductions_serialise_as_tagged_values(
    ) -> core::result::Result<(), Box<dyn std::error::Error>> {
        let r = Reduction::Percent("2%".parse()?);
        let json = serde_json::to_string(&r)?;
        assert_eq!(json, r#"{"percent":"2%"}"#);
        assert_eq!(serde_json::from_str::<Reduction>(&json)?, r);
        let negative = r#"{"amount":{"amount":"-1.00","currency":"EUR"}}"#;
        assert!(serde_json::from_str::<Reduction>(negative).is_err());
        Ok(())
    }
}
