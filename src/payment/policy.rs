//! The allocation policy: in which order a payment settles what the plan owes.

use crate::error::{Error, Result};

/// Which instalments a step of an allocation policy pays, judged on the payment's date. Within a
/// step, instalments are always paid oldest first.
///
/// ```
/// use echeancier::InstalmentSelector;
///
/// assert_eq!(InstalmentSelector::default(), InstalmentSelector::Overdue);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum InstalmentSelector {
    /// Due before the payment's date.
    #[default]
    Overdue,
    /// Due on the payment's date.
    DueToday,
    /// Due after the payment's date: paid in advance.
    NotYetDue,
}

/// Which part of what an instalment owes a step pays.
///
/// Fees, interest and principal are the instalment's own parts (they add up to its amount);
/// compensation and penalties are added to it by a [`PenaltyPolicy`](crate::PenaltyPolicy) once it
/// is late, and accrue up to the date of each payment.
///
/// ```
/// use echeancier::Component;
///
/// assert!(Component::Principal.is_instalment_part());
/// assert!(!Component::Penalties.is_instalment_part());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Component {
    /// Costs: the fees the instalment repays.
    Fees,
    /// Fixed recovery compensation for the instalment being late (e.g. 40 EUR).
    Compensation,
    /// Late-payment interest accrued on the instalment up to the payment's date.
    Penalties,
    /// The instalment's contractual interest.
    Interest,
    /// The instalment's principal.
    Principal,
}

impl Component {
    /// Every component, in the order a surplus pays them when the policy does not say.
    pub(crate) const ALL: [Component; 5] = [
        Component::Fees,
        Component::Compensation,
        Component::Penalties,
        Component::Interest,
        Component::Principal,
    ];

    /// Whether the component is one of the instalment's own parts (fees, interest, principal), as
    /// opposed to a penalty added because it is late.
    ///
    /// See [`Component`] for an example.
    pub fn is_instalment_part(&self) -> bool {
        matches!(
            self,
            Component::Fees | Component::Interest | Component::Principal
        )
    }
}

/// How the steps of a policy walk through the instalments.
///
/// ```
/// use echeancier::{AllocationPolicy, Sweep};
///
/// assert_eq!(Sweep::default(), Sweep::ComponentByComponent);
/// let policy = AllocationPolicy::france_1343_1().with_sweep(Sweep::InstalmentByInstalment);
/// assert_eq!(policy.sweep(), Sweep::InstalmentByInstalment);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Sweep {
    /// Each step pays its component on every selected instalment, oldest first, before the next
    /// step: all overdue costs, then all overdue interest, … (the debt seen as one).
    #[default]
    ComponentByComponent,
    /// Consecutive steps with the same selector form a group; each instalment of the group is paid
    /// in full, component by component, before the next one: the oldest instalment is cleared first.
    InstalmentByInstalment,
}

/// What becomes of money left once every step of the policy is done.
///
/// ```
/// use echeancier::Surplus;
///
/// assert_eq!(Surplus::default(), Surplus::ApplyToNextInstalments);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Surplus {
    /// Pays the instalments not yet due in advance, oldest first, each in full (components in the
    /// policy's order) before the next; what is left after the last one is a credit. Paying an
    /// instalment in advance does not lower its interest: recomputing the plan is an adjustment.
    #[default]
    ApplyToNextInstalments,
    /// Kept as a credit the creditor refunds; it is never used to pay a later instalment.
    KeepAsCredit,
}

/// One step of an allocation policy: a set of instalments and a component of what they owe.
///
/// ```
/// use echeancier::{AllocationStep, Component, InstalmentSelector};
///
/// let step = AllocationStep::new(InstalmentSelector::Overdue, Component::Interest);
/// assert_eq!(step.selector(), InstalmentSelector::Overdue);
/// assert_eq!(step.component(), Component::Interest);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AllocationStep {
    selector: InstalmentSelector,
    component: Component,
}

impl AllocationStep {
    /// Pays `component` on the instalments `selector` picks.
    ///
    /// See [`AllocationStep`] for an example.
    pub fn new(selector: InstalmentSelector, component: Component) -> AllocationStep {
        AllocationStep {
            selector,
            component,
        }
    }

    /// Which instalments.
    ///
    /// See [`AllocationStep`] for an example.
    pub fn selector(&self) -> InstalmentSelector {
        self.selector
    }

    /// Which component.
    ///
    /// See [`AllocationStep`] for an example.
    pub fn component(&self) -> Component {
        self.component
    }
}

/// The order in which payments settle what is owed (*imputation des paiements*): an ordered list of
/// [`AllocationStep`]s, a [`Sweep`] and a [`Surplus`] rule.
///
/// Built by value and checked when used: a policy needs at least one step and no step twice.
///
/// ```
/// use echeancier::{AllocationPolicy, Component, InstalmentSelector, Surplus};
///
/// let policy = AllocationPolicy::germany_bgb_497_consumer();
/// let order: Vec<Component> = policy.steps().iter().take(4).map(|s| s.component()).collect();
/// assert_eq!(order, [Component::Fees, Component::Compensation, Component::Principal, Component::Interest]);
/// assert!(AllocationPolicy::new().validate().is_err());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PolicyRepr", into = "PolicyRepr"))]
pub struct AllocationPolicy {
    steps: Vec<AllocationStep>,
    sweep: Sweep,
    surplus: Surplus,
}

impl Default for AllocationPolicy {
    /// The French preset, [`AllocationPolicy::france_1343_1`].
    fn default() -> AllocationPolicy {
        AllocationPolicy::france_1343_1()
    }
}

impl AllocationPolicy {
    /// A policy with no step yet, sweeping component by component, the surplus going to the next
    /// instalments.
    ///
    /// See [`AllocationPolicy`] for an example.
    pub fn new() -> AllocationPolicy {
        AllocationPolicy {
            steps: Vec::new(),
            sweep: Sweep::default(),
            surplus: Surplus::default(),
        }
    }

    /// Adds a step after the others.
    ///
    /// See [`AllocationPolicy::validate`] for an example.
    pub fn then(mut self, selector: InstalmentSelector, component: Component) -> AllocationPolicy {
        self.steps.push(AllocationStep::new(selector, component));
        self
    }

    /// Sets how the steps walk through the instalments.
    ///
    /// See [`Sweep`] for an example.
    pub fn with_sweep(mut self, sweep: Sweep) -> AllocationPolicy {
        self.sweep = sweep;
        self
    }

    /// Sets what becomes of the money left once every step is done.
    ///
    /// ```
    /// use echeancier::{AllocationPolicy, Surplus};
    ///
    /// let policy = AllocationPolicy::principal_first().with_surplus(Surplus::KeepAsCredit);
    /// assert_eq!(policy.surplus(), Surplus::KeepAsCredit);
    /// ```
    pub fn with_surplus(mut self, surplus: Surplus) -> AllocationPolicy {
        self.surplus = surplus;
        self
    }

    /// The steps, in order.
    ///
    /// See [`AllocationPolicy`] for an example.
    pub fn steps(&self) -> &[AllocationStep] {
        &self.steps
    }

    /// How the steps walk through the instalments.
    ///
    /// See [`Sweep`] for an example.
    pub fn sweep(&self) -> Sweep {
        self.sweep
    }

    /// What becomes of the money left.
    ///
    /// See [`AllocationPolicy::with_surplus`] for an example.
    pub fn surplus(&self) -> Surplus {
        self.surplus
    }

    /// France, Code civil 1342-10 and 1343-1: the instalments due (overdue, then due that day), oldest
    /// first; on each set costs (fees and fixed compensation) first, then interest and penalties, then
    /// principal. The surplus pays the next instalments.
    ///
    /// ```
    /// use echeancier::{AllocationPolicy, Component};
    ///
    /// let order: Vec<Component> = AllocationPolicy::france_1343_1().steps().iter().take(5).map(|s| s.component()).collect();
    /// assert_eq!(order, [Component::Fees, Component::Compensation, Component::Interest, Component::Penalties, Component::Principal]);
    /// ```
    pub fn france_1343_1() -> AllocationPolicy {
        AllocationPolicy::for_due(&[
            Component::Fees,
            Component::Compensation,
            Component::Interest,
            Component::Penalties,
            Component::Principal,
        ])
    }

    /// Germany, BGB §§ 366 and 367: costs, then interest (contractual and late), then principal; the
    /// instalments due, oldest first (§ 366 (2) reduced to age: the instalments of one plan share
    /// their security and burden). The same order as [`AllocationPolicy::france_1343_1`].
    ///
    /// ```
    /// use echeancier::{AllocationPolicy, Component};
    ///
    /// let steps = AllocationPolicy::germany_bgb_366_367();
    /// assert_eq!(steps.steps()[2].component(), Component::Interest);
    /// ```
    pub fn germany_bgb_366_367() -> AllocationPolicy {
        AllocationPolicy::france_1343_1()
    }

    /// Germany, BGB § 497 (3) for consumer credit: costs, then principal, then interest; the
    /// instalments due, oldest first.
    ///
    /// See [`AllocationPolicy`] for an example.
    pub fn germany_bgb_497_consumer() -> AllocationPolicy {
        AllocationPolicy::for_due(&[
            Component::Fees,
            Component::Compensation,
            Component::Principal,
            Component::Interest,
            Component::Penalties,
        ])
    }

    /// Principal first, then interest, penalties and costs; the instalments due, oldest first.
    ///
    /// ```
    /// use echeancier::{AllocationPolicy, Component};
    ///
    /// assert_eq!(AllocationPolicy::principal_first().steps()[0].component(), Component::Principal);
    /// ```
    pub fn principal_first() -> AllocationPolicy {
        AllocationPolicy::for_due(&[
            Component::Principal,
            Component::Interest,
            Component::Penalties,
            Component::Fees,
            Component::Compensation,
        ])
    }

    /// The components in `order`, first on the overdue instalments, then on those due that day.
    fn for_due(order: &[Component]) -> AllocationPolicy {
        let mut policy = AllocationPolicy::new();
        for selector in [InstalmentSelector::Overdue, InstalmentSelector::DueToday] {
            for component in order {
                policy = policy.then(selector, *component);
            }
        }
        policy
    }

    /// The order in which a surplus pays an instalment's components: the order the policy names
    /// them in, then those it does not name.
    pub(crate) fn component_order(&self) -> Vec<Component> {
        let mut order: Vec<Component> = Vec::with_capacity(Component::ALL.len());
        for component in self
            .steps
            .iter()
            .map(AllocationStep::component)
            .chain(Component::ALL)
        {
            if !order.contains(&component) {
                order.push(component);
            }
        }
        order
    }

    /// Checks that the policy can be used.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidAllocationPolicy`] if it has no step, or a step twice.
    ///
    /// ```
    /// use echeancier::{AllocationPolicy, Component, InstalmentSelector};
    ///
    /// let twice = AllocationPolicy::new()
    ///     .then(InstalmentSelector::Overdue, Component::Fees)
    ///     .then(InstalmentSelector::Overdue, Component::Fees);
    /// assert_eq!(
    ///     twice.validate().unwrap_err().to_string(),
    ///     "invalid allocation policy: step 2 (fees of the overdue instalments) repeats an earlier step"
    /// );
    /// assert!(AllocationPolicy::france_1343_1().validate().is_ok());
    /// ```
    pub fn validate(&self) -> Result<()> {
        if self.steps.is_empty() {
            return Err(Error::InvalidAllocationPolicy {
                reason: "a policy needs at least one step".to_owned(),
            });
        }
        for (index, step) in self.steps.iter().enumerate() {
            if self.steps.iter().take(index).any(|s| s == step) {
                return Err(Error::InvalidAllocationPolicy {
                    reason: format!(
                        "step {} ({} of the {} instalments) repeats an earlier step",
                        index.saturating_add(1),
                        component_name(step.component),
                        selector_name(step.selector)
                    ),
                });
            }
        }
        Ok(())
    }
}

fn component_name(component: Component) -> &'static str {
    match component {
        Component::Fees => "fees",
        Component::Compensation => "compensation",
        Component::Penalties => "penalties",
        Component::Interest => "interest",
        Component::Principal => "principal",
    }
}

fn selector_name(selector: InstalmentSelector) -> &'static str {
    match selector {
        InstalmentSelector::Overdue => "overdue",
        InstalmentSelector::DueToday => "due today",
        InstalmentSelector::NotYetDue => "not yet due",
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyRepr {
    steps: Vec<AllocationStep>,
    #[serde(default)]
    sweep: Sweep,
    #[serde(default)]
    surplus: Surplus,
}

#[cfg(feature = "serde")]
impl TryFrom<PolicyRepr> for AllocationPolicy {
    type Error = Error;

    fn try_from(r: PolicyRepr) -> Result<AllocationPolicy> {
        let policy = AllocationPolicy {
            steps: r.steps,
            sweep: r.sweep,
            surplus: r.surplus,
        };
        policy.validate()?;
        Ok(policy)
    }
}

#[cfg(feature = "serde")]
impl From<AllocationPolicy> for PolicyRepr {
    fn from(p: AllocationPolicy) -> PolicyRepr {
        PolicyRepr {
            steps: p.steps,
            sweep: p.sweep,
            surplus: p.surplus,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_repeated_step_is_named_in_words() {
        let components = [
            (Component::Fees, "fees"),
            (Component::Compensation, "compensation"),
            (Component::Penalties, "penalties"),
            (Component::Interest, "interest"),
            (Component::Principal, "principal"),
        ];
        let selectors = [
            (InstalmentSelector::Overdue, "overdue"),
            (InstalmentSelector::DueToday, "due today"),
            (InstalmentSelector::NotYetDue, "not yet due"),
        ];
        for (component, what) in components {
            for (selector, which) in selectors {
                let twice = AllocationPolicy::new()
                    .then(selector, component)
                    .then(selector, component);
                assert_eq!(
                    twice.validate().unwrap_err().to_string(),
                    format!(
                        "invalid allocation policy: step 2 ({what} of the {which} instalments) \
                         repeats an earlier step"
                    )
                );
            }
        }
    }

    #[test]
    fn presets_are_valid_and_cover_the_due_instalments() {
        for policy in [
            AllocationPolicy::france_1343_1(),
            AllocationPolicy::germany_bgb_366_367(),
            AllocationPolicy::germany_bgb_497_consumer(),
            AllocationPolicy::principal_first(),
        ] {
            policy.validate().unwrap();
            assert_eq!(policy.steps().len(), 10);
            assert_eq!(policy.component_order().len(), 5);
        }
    }

    #[test]
    fn the_surplus_order_follows_the_policy_then_the_rest() {
        let policy =
            AllocationPolicy::new().then(InstalmentSelector::Overdue, Component::Principal);
        assert_eq!(
            policy.component_order(),
            [
                Component::Principal,
                Component::Fees,
                Component::Compensation,
                Component::Penalties,
                Component::Interest
            ]
        );
    }

    #[test]
    fn an_empty_policy_is_refused() {
        assert_eq!(
            AllocationPolicy::new().validate().unwrap_err().to_string(),
            "invalid allocation policy: a policy needs at least one step"
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deserialising_a_policy_validates_it() {
        let json = serde_json::to_string(&AllocationPolicy::principal_first()).unwrap();
        let back: AllocationPolicy = serde_json::from_str(&json).unwrap();
        assert_eq!(back, AllocationPolicy::principal_first());
        assert!(serde_json::from_str::<AllocationPolicy>(r#"{"steps":[]}"#).is_err());
        let short: AllocationPolicy = serde_json::from_str(
            r#"{"steps":[{"selector":"overdue","component":"principal"}],"surplus":"keep_as_credit"}"#,
        )
        .unwrap();
        assert_eq!(short.surplus(), Surplus::KeepAsCredit);
    }
}
