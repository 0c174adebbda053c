//! What a debtor's payment history says about them.
//!
//! A creditor proposes different terms to a debtor who has always paid on time and to one who has
//! broken two agreements; the [`RiskTier`] is the summary that creditor policies read.
//!
//! A [`PaymentHistory`] gathers the amounts that fell due ([`OverdueItem`]s with their payments, the
//! same records the penalty computation reads) and the [`Agreement`]s signed before, with their
//! [`AgreementOutcome`]. [`Profile::from_history`] reads it as of a date under [`ProfileRules`]: how
//! often the debtor paid on time, how late, what they missed, the agreements they broke, the
//! [`Trend`] of the last payments, and a [`RiskTier`] with the [`TierReason`] that decided it. Pure
//! data in, pure data out: the as-of date is a parameter, never the clock.
//!
//! [`OverdueItem`]: crate::OverdueItem
//!
//! ```
//! use echeancier::{Agreement, Currency, OverdueItem, PaymentHistory, Profile, ProfileRules, RiskTier};
//! use chrono::NaiveDate;
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
//! let history = PaymentHistory::new(Currency::EUR)
//!     .with_item(OverdueItem::new("F-101", d(1, 15), "300.00 EUR".parse()?)?.paid_on(d(1, 14))?)?
//!     .with_item(OverdueItem::new("F-102", d(2, 15), "300.00 EUR".parse()?)?.paid_on(d(2, 17))?)?
//!     .with_agreement(Agreement::new("plan 2024-07", d(7, 1))?.broken_on(d(9, 15))?)?;
//! let as_of = d(3, 31);
//! let profile = Profile::from_history(&history, as_of, &ProfileRules::new())?;
//! assert_eq!(profile.on_time_ratio(), Some("100%".parse()?));
//! assert_eq!(profile.tier(), RiskTier::Low); // the agreement was broken after the as-of date
//! # Ok::<(), echeancier::Error>(())
//! ```

mod assess;
mod history;
mod rules;

pub use assess::{Profile, TierReason, Trend};
pub use history::{Agreement, AgreementOutcome, PaymentHistory};
pub use rules::ProfileRules;

#[cfg(test)]
mod tests;

/// How risky a debtor looks from their payment history, from best to worst.
///
/// Tiers are ordered: `Low < Medium < High`, so a policy can ask "at least `Medium`".
/// [`Profile::from_history`] decides a debtor's tier from their payment history under
/// [`ProfileRules`], and says which threshold decided it ([`TierReason`]).
///
/// ```
/// use echeancier::RiskTier;
///
/// assert!(RiskTier::Low < RiskTier::High);
/// assert_eq!(RiskTier::Medium.to_string(), "medium");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum RiskTier {
    /// Pays on time, or nearly: ordinary terms.
    #[default]
    Low,
    /// Often late or has missed payments: firmer terms.
    Medium,
    /// Missed many payments or broke agreements: strict terms, a down payment.
    High,
}

impl core::fmt::Display for RiskTier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            RiskTier::Low => "low",
            RiskTier::Medium => "medium",
            RiskTier::High => "high",
        })
    }
}
