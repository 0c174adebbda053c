//! What a debtor's payment history says about them.
//!
//! A creditor proposes different terms to a debtor who has always paid on time and to one who has
//! broken two agreements; the [`RiskTier`] is the summary that creditor policies read.

/// How risky a debtor looks from their payment history, from best to worst.
///
/// Tiers are ordered: `Low < Medium < High`, so a policy can ask "at least `Medium`".
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
