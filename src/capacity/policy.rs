//! The creditor's rules that turn a disposable income into a capacity: a maximum share, a protected
//! minimum the debtor always keeps, and an optional legal ceiling.

use crate::capacity::budget::Household;
use crate::capacity::seizure::SeizureScale;
use crate::error::{Error, Result};
use crate::money::{Currency, Money};
use crate::percent::Percent;

/// The income the debtor always keeps (*reste à vivre*), per month, for their household:
/// `base + per additional adult × (adults − 1) + per child × children`.
///
/// The amounts are monthly whatever the plan's period; [`Budget::capacity`](crate::Budget::capacity)
/// converts them like any budget line.
///
/// ```
/// use echeancier::{Household, ProtectedMinimum};
///
/// let fixed = ProtectedMinimum::fixed("800.00 EUR".parse()?)?;
/// assert_eq!(fixed.monthly_for(Household::new(2, 3)?)?.to_string(), "800.00 EUR");
///
/// let scale = ProtectedMinimum::per_household(
///     "700.00 EUR".parse()?,  // the first adult
///     "350.00 EUR".parse()?,  // each other adult
///     "210.00 EUR".parse()?,  // each child
/// )?;
/// // 700 + 350 + 2 × 210
/// assert_eq!(scale.monthly_for(Household::new(2, 2)?)?.to_string(), "1470.00 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ProtectedMinimumRepr", into = "ProtectedMinimumRepr")
)]
pub struct ProtectedMinimum {
    base: Money,
    per_additional_adult: Money,
    per_child: Money,
}

impl ProtectedMinimum {
    /// The same monthly amount whatever the household.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] for a negative amount.
    ///
    /// ```
    /// use echeancier::ProtectedMinimum;
    ///
    /// assert!(ProtectedMinimum::fixed("-1.00 EUR".parse()?).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn fixed(monthly: Money) -> Result<ProtectedMinimum> {
        let zero = Money::zero(monthly.currency());
        ProtectedMinimum::per_household(monthly, zero, zero)
    }

    /// A monthly amount for the first adult, plus one for each other adult and one for each child.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] for a negative amount; [`Error::CurrencyMismatch`] if the amounts are not
    /// in one currency.
    ///
    /// ```
    /// use echeancier::ProtectedMinimum;
    ///
    /// let m = |s: &str| s.parse::<echeancier::Money>();
    /// assert!(ProtectedMinimum::per_household(m("700 EUR")?, m("300 USD")?, m("0 EUR")?).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn per_household(
        base: Money,
        per_additional_adult: Money,
        per_child: Money,
    ) -> Result<ProtectedMinimum> {
        for (what, amount) in [
            ("protected minimum", base),
            (
                "protected minimum per additional adult",
                per_additional_adult,
            ),
            ("protected minimum per child", per_child),
        ] {
            base.same_currency(amount)?;
            if amount.is_negative() {
                return Err(Error::Negative { what, amount });
            }
        }
        Ok(ProtectedMinimum {
            base,
            per_additional_adult,
            per_child,
        })
    }

    /// The French *revenu de solidarité active* for one person, 646.52 EUR a month from
    /// 1 April 2025: the amount that the law always leaves to a debtor whose wages are seized
    /// (Code du travail R3252-5). It is revalued each April; pass the current figure to
    /// [`ProtectedMinimum::fixed`] or a household scale to [`ProtectedMinimum::per_household`].
    ///
    /// # Errors
    ///
    /// None in practice.
    ///
    /// ```
    /// use echeancier::{Household, ProtectedMinimum};
    ///
    /// let rsa = ProtectedMinimum::france_rsa_one_person_2025()?;
    /// assert_eq!(rsa.monthly_for(Household::default())?.to_string(), "646.52 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn france_rsa_one_person_2025() -> Result<ProtectedMinimum> {
        ProtectedMinimum::fixed(Money::from_minor(64_652, Currency::EUR)?)
    }

    /// The monthly amount for the first adult (the whole amount of a fixed minimum).
    ///
    /// ```
    /// let m = echeancier::ProtectedMinimum::fixed("900.00 EUR".parse()?)?;
    /// assert_eq!(m.base().to_string(), "900.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn base(&self) -> Money {
        self.base
    }

    /// The monthly amount for each adult after the first.
    ///
    /// ```
    /// let m = echeancier::ProtectedMinimum::fixed("900.00 EUR".parse()?)?;
    /// assert!(m.per_additional_adult().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn per_additional_adult(&self) -> Money {
        self.per_additional_adult
    }

    /// The monthly amount for each child.
    ///
    /// ```
    /// let m = echeancier::ProtectedMinimum::fixed("900.00 EUR".parse()?)?;
    /// assert!(m.per_child().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn per_child(&self) -> Money {
        self.per_child
    }

    /// True when the amount does not depend on the household.
    ///
    /// ```
    /// assert!(echeancier::ProtectedMinimum::fixed("900.00 EUR".parse()?)?.is_fixed());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn is_fixed(&self) -> bool {
        self.per_additional_adult.is_zero() && self.per_child.is_zero()
    }

    /// The currency of the amounts.
    ///
    /// ```
    /// use echeancier::{Currency, ProtectedMinimum};
    ///
    /// assert_eq!(ProtectedMinimum::france_rsa_one_person_2025()?.currency(), Currency::EUR);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn currency(&self) -> Currency {
        self.base.currency()
    }

    /// The monthly amount for `household`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for absurd amounts.
    ///
    /// ```
    /// use echeancier::{Household, ProtectedMinimum};
    ///
    /// let m = |s: &str| s.parse::<echeancier::Money>();
    /// let scale = ProtectedMinimum::per_household(m("600 EUR")?, m("300 EUR")?, m("180 EUR")?)?;
    /// assert_eq!(scale.monthly_for(Household::new(1, 1)?)?.to_string(), "780.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn monthly_for(&self, household: Household) -> Result<Money> {
        let adults = self
            .per_additional_adult
            .checked_mul_int(i64::from(household.adults().saturating_sub(1)))?;
        let children = self
            .per_child
            .checked_mul_int(i64::from(household.children()))?;
        self.base.checked_add(adults)?.checked_add(children)
    }
}

/// How a disposable income becomes a capacity per period.
///
/// With no rule the capacity is the whole disposable income less the commitments. Each rule set adds
/// a limit, and the smallest limit wins:
///
/// - [`max_share`](CapacityPolicy::max_share): at most this share of the disposable income;
/// - [`protected_minimum`](CapacityPolicy::protected_minimum): the debtor keeps at least this much
///   of it;
/// - [`seizure_ceiling`](CapacityPolicy::seizure_ceiling): never more than the wage-seizure scale
///   lets a court take from the salaries and pensions of the budget.
///
/// ```
/// use echeancier::{CapacityPolicy, ProtectedMinimum, SeizureScale};
///
/// let policy = CapacityPolicy::new()
///     .max_share("33%".parse()?)
///     .protected_minimum(ProtectedMinimum::france_rsa_one_person_2025()?)
///     .seizure_ceiling(SeizureScale::france(2026)?);
/// assert_eq!(policy.share().map(|p| p.to_string()).as_deref(), Some("33%"));
/// assert_eq!(CapacityPolicy::default(), CapacityPolicy::new());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CapacityPolicy {
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    max_share: Option<Percent>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    protected_minimum: Option<ProtectedMinimum>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    seizure_ceiling: Option<SeizureScale>,
}

impl CapacityPolicy {
    /// A policy without any rule: the capacity is the disposable income less the commitments.
    ///
    /// ```
    /// let policy = echeancier::CapacityPolicy::new();
    /// assert_eq!(policy.share(), None);
    /// ```
    pub fn new() -> CapacityPolicy {
        CapacityPolicy::default()
    }

    /// Limits the capacity to `share` of the disposable income.
    ///
    /// ```
    /// let policy = echeancier::CapacityPolicy::new().max_share("40%".parse()?);
    /// assert_eq!(policy.share().map(|p| p.to_string()).as_deref(), Some("40%"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn max_share(mut self, share: Percent) -> CapacityPolicy {
        self.max_share = Some(share);
        self
    }

    /// Leaves the debtor at least `minimum` of the disposable income.
    ///
    /// ```
    /// use echeancier::{CapacityPolicy, ProtectedMinimum};
    ///
    /// let policy = CapacityPolicy::new().protected_minimum(ProtectedMinimum::fixed("700.00 EUR".parse()?)?);
    /// assert!(policy.minimum().is_some());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn protected_minimum(mut self, minimum: ProtectedMinimum) -> CapacityPolicy {
        self.protected_minimum = Some(minimum);
        self
    }

    /// Caps the capacity at what `scale` lets a court seize from the budget's salaries and pensions
    /// ([`Category::is_seizable`](crate::Category::is_seizable)), with the household's dependants.
    ///
    /// ```
    /// use echeancier::{CapacityPolicy, SeizureScale};
    ///
    /// let policy = CapacityPolicy::new().seizure_ceiling(SeizureScale::france(2025)?);
    /// assert_eq!(policy.ceiling().and_then(|s| s.year()), Some(2025));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn seizure_ceiling(mut self, scale: SeizureScale) -> CapacityPolicy {
        self.seizure_ceiling = Some(scale);
        self
    }

    /// The maximum share of the disposable income, if set.
    ///
    /// ```
    /// assert_eq!(echeancier::CapacityPolicy::new().share(), None);
    /// ```
    pub fn share(&self) -> Option<Percent> {
        self.max_share
    }

    /// The protected minimum, if set.
    ///
    /// ```
    /// assert_eq!(echeancier::CapacityPolicy::new().minimum(), None);
    /// ```
    pub fn minimum(&self) -> Option<ProtectedMinimum> {
        self.protected_minimum
    }

    /// The wage-seizure scale used as a ceiling, if set.
    ///
    /// ```
    /// assert_eq!(echeancier::CapacityPolicy::new().ceiling(), None);
    /// ```
    pub fn ceiling(&self) -> Option<SeizureScale> {
        self.seizure_ceiling
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ProtectedMinimumRepr {
    base: Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    per_additional_adult: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    per_child: Option<Money>,
}

#[cfg(feature = "serde")]
impl TryFrom<ProtectedMinimumRepr> for ProtectedMinimum {
    type Error = Error;

    fn try_from(r: ProtectedMinimumRepr) -> Result<ProtectedMinimum> {
        let zero = Money::zero(r.base.currency());
        ProtectedMinimum::per_household(
            r.base,
            r.per_additional_adult.unwrap_or(zero),
            r.per_child.unwrap_or(zero),
        )
    }
}

#[cfg(feature = "serde")]
impl From<ProtectedMinimum> for ProtectedMinimumRepr {
    fn from(m: ProtectedMinimum) -> ProtectedMinimumRepr {
        let non_zero = |a: Money| (!a.is_zero()).then_some(a);
        ProtectedMinimumRepr {
            base: m.base,
            per_additional_adult: non_zero(m.per_additional_adult),
            per_child: non_zero(m.per_child),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimum_is_fixed_only_without_amounts_per_person() -> Result<()> {
        let m = |s: &str| s.parse::<Money>();
        assert!(ProtectedMinimum::fixed(m("900.00 EUR")?)?.is_fixed());
        assert!(
            ProtectedMinimum::per_household(m("700.00 EUR")?, m("0 EUR")?, m("0 EUR")?)?.is_fixed()
        );
        for (adult, child) in [("300.00 EUR", "0 EUR"), ("0 EUR", "150.00 EUR")] {
            let scaled = ProtectedMinimum::per_household(m("700.00 EUR")?, m(adult)?, m(child)?)?;
            assert!(!scaled.is_fixed(), "{adult} per adult, {child} per child");
        }
        Ok(())
    }
}
