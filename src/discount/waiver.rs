//! Conditional waivers (*remise sous condition*): part of a debt forgiven if the plan is honoured,
//! due again if it lapses.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::{Money, Rounding};
use crate::percent::Percent;

/// What a conditional waiver forgives.
///
/// ```
/// use echeancier::Waived;
///
/// let w = Waived::PercentOfPrincipal("10%".parse()?);
/// assert_ne!(w, Waived::Penalties);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Waived {
    /// A fixed amount of the principal (never more than the principal).
    Amount(Money),
    /// A percentage of the principal.
    PercentOfPrincipal(Percent),
    /// The late-payment penalties accrued.
    Penalties,
}

/// The condition a waiver depends on.
///
/// ```
/// use echeancier::WaiverCondition;
///
/// assert_eq!(WaiverCondition::default(), WaiverCondition::PlanCompleted);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum WaiverCondition {
    /// Every instalment of the plan is paid.
    #[default]
    PlanCompleted,
}

/// Where a conditional waiver stands.
///
/// `Pending` → `Granted` when the plan is completed; `Pending` → `Reinstated` when it lapses. Both
/// are final.
///
/// ```
/// use echeancier::WaiverStatus;
///
/// assert_eq!(WaiverStatus::default(), WaiverStatus::Pending);
/// assert!(WaiverStatus::Granted.is_final());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum WaiverStatus {
    /// The plan is running: the waived part is not asked for, but not forgiven yet.
    #[default]
    Pending,
    /// The plan was completed: the waived part is forgiven for good.
    Granted,
    /// The plan lapsed: the waived part falls due again.
    Reinstated,
}

impl WaiverStatus {
    /// True once the waiver is decided (granted or reinstated).
    ///
    /// ```
    /// use echeancier::WaiverStatus;
    ///
    /// assert!(!WaiverStatus::Pending.is_final());
    /// assert!(WaiverStatus::Reinstated.is_final());
    /// ```
    pub fn is_final(&self) -> bool {
        !matches!(self, WaiverStatus::Pending)
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            WaiverStatus::Pending => "pending",
            WaiverStatus::Granted => "granted",
            WaiverStatus::Reinstated => "reinstated",
        }
    }
}

/// Part of a debt (or its penalties) waived on condition that the plan is honoured.
///
/// The statement and adjustment code read it: while [`WaiverStatus::Pending`] the waived amount is
/// left out of what is asked for; [`ConditionalWaiver::on_completion`] grants it for good;
/// [`ConditionalWaiver::on_lapse`] makes it fall due again ([`ConditionalWaiver::due_again`]).
/// A decided waiver does not change its mind: the opposite event is an error, the same event again
/// changes nothing.
///
/// ```
/// use echeancier::{ConditionalWaiver, Rounding, Waived, WaiverStatus};
/// use chrono::NaiveDate;
///
/// let waiver = ConditionalWaiver::new(Waived::PercentOfPrincipal("20%".parse()?))?;
/// let principal = "5000.00 EUR".parse()?;
/// let penalties = "0.00 EUR".parse()?;
/// assert_eq!(waiver.amount(principal, penalties, Rounding::HalfUp)?.to_string(), "1000.00 EUR");
/// assert!(waiver.due_again(principal, penalties, Rounding::HalfUp)?.is_zero());
///
/// let lapsed = waiver.on_lapse(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap())?;
/// assert_eq!(lapsed.status(), WaiverStatus::Reinstated);
/// assert_eq!(lapsed.due_again(principal, penalties, Rounding::HalfUp)?.to_string(), "1000.00 EUR");
/// assert!(lapsed.on_completion(NaiveDate::from_ymd_opt(2027, 12, 31).unwrap()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "WaiverRepr", into = "WaiverRepr"))]
pub struct ConditionalWaiver {
    waived: Waived,
    condition: WaiverCondition,
    status: WaiverStatus,
    decided_on: Option<NaiveDate>,
}

impl ConditionalWaiver {
    /// A pending waiver of `waived`, on condition that the plan is completed.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] for a fixed amount of zero or less.
    ///
    /// ```
    /// use echeancier::{ConditionalWaiver, Waived};
    ///
    /// assert!(ConditionalWaiver::new(Waived::Amount("0.00 EUR".parse()?)).is_err());
    /// assert!(ConditionalWaiver::new(Waived::Penalties).is_ok());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(waived: Waived) -> Result<ConditionalWaiver> {
        if let Waived::Amount(amount) = waived {
            amount.require_positive("waived amount")?;
        }
        Ok(ConditionalWaiver {
            waived,
            condition: WaiverCondition::default(),
            status: WaiverStatus::Pending,
            decided_on: None,
        })
    }

    /// What is waived.
    ///
    /// ```
    /// use echeancier::{ConditionalWaiver, Waived};
    ///
    /// assert_eq!(ConditionalWaiver::new(Waived::Penalties)?.waived(), Waived::Penalties);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn waived(&self) -> Waived {
        self.waived
    }

    /// The condition.
    ///
    /// ```
    /// use echeancier::{ConditionalWaiver, Waived, WaiverCondition};
    ///
    /// let w = ConditionalWaiver::new(Waived::Penalties)?;
    /// assert_eq!(w.condition(), WaiverCondition::PlanCompleted);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn condition(&self) -> WaiverCondition {
        self.condition
    }

    /// The status.
    ///
    /// See [`ConditionalWaiver`] for an example.
    pub fn status(&self) -> WaiverStatus {
        self.status
    }

    /// The day the waiver was granted or reinstated.
    ///
    /// ```
    /// use echeancier::{ConditionalWaiver, Waived};
    /// use chrono::NaiveDate;
    ///
    /// let w = ConditionalWaiver::new(Waived::Penalties)?;
    /// assert_eq!(w.decided_on(), None);
    /// let day = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
    /// assert_eq!(w.on_completion(day)?.decided_on(), Some(day));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn decided_on(&self) -> Option<NaiveDate> {
        self.decided_on
    }

    /// The plan was completed on `date`: the waiver is granted.
    ///
    /// # Errors
    ///
    /// [`Error::WaiverDecided`] if it was already reinstated. Granting again returns it unchanged.
    ///
    /// ```
    /// use echeancier::{ConditionalWaiver, Waived, WaiverStatus};
    /// use chrono::NaiveDate;
    ///
    /// let day = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
    /// let granted = ConditionalWaiver::new(Waived::Penalties)?.on_completion(day)?;
    /// assert_eq!(granted.status(), WaiverStatus::Granted);
    /// assert_eq!(granted.on_completion(day)?, granted);
    /// assert!(granted.on_lapse(day).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn on_completion(self, date: NaiveDate) -> Result<ConditionalWaiver> {
        self.decide(WaiverStatus::Granted, date, "granted on completion")
    }

    /// The plan lapsed on `date`: the waived part falls due again.
    ///
    /// # Errors
    ///
    /// [`Error::WaiverDecided`] if it was already granted. Reinstating again returns it unchanged.
    ///
    /// See [`ConditionalWaiver`] for an example.
    pub fn on_lapse(self, date: NaiveDate) -> Result<ConditionalWaiver> {
        self.decide(WaiverStatus::Reinstated, date, "reinstated on lapse")
    }

    fn decide(
        self,
        to: WaiverStatus,
        date: NaiveDate,
        event: &'static str,
    ) -> Result<ConditionalWaiver> {
        match self.status {
            WaiverStatus::Pending => Ok(ConditionalWaiver {
                status: to,
                decided_on: Some(date),
                ..self
            }),
            same if same == to => Ok(self),
            other => Err(Error::WaiverDecided {
                status: other.name(),
                event,
            }),
        }
    }

    /// The amount waived, for a debt whose principal is `principal` and whose penalties accrued are
    /// `penalties`: a fixed amount capped at the principal, a percentage of the principal rounded
    /// once with `rounding`, or the penalties.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`]; [`Error::Negative`] for a principal or penalties below zero;
    /// [`Error::Overflow`].
    ///
    /// ```
    /// use echeancier::{ConditionalWaiver, Rounding, Waived};
    ///
    /// let w = ConditionalWaiver::new(Waived::Amount("800.00 EUR".parse()?))?;
    /// let principal = "500.00 EUR".parse()?;
    /// assert_eq!(w.amount(principal, "12.00 EUR".parse()?, Rounding::HalfUp)?.to_string(), "500.00 EUR");
    /// let w = ConditionalWaiver::new(Waived::Penalties)?;
    /// assert_eq!(w.amount(principal, "12.00 EUR".parse()?, Rounding::HalfUp)?.to_string(), "12.00 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn amount(&self, principal: Money, penalties: Money, rounding: Rounding) -> Result<Money> {
        principal.same_currency(penalties)?;
        for (what, amount) in [("principal", principal), ("penalties", penalties)] {
            if amount.is_negative() {
                return Err(Error::Negative { what, amount });
            }
        }
        match self.waived {
            Waived::Amount(amount) => amount.checked_min(principal),
            Waived::PercentOfPrincipal(p) => p.of(principal, rounding),
            Waived::Penalties => Ok(penalties),
        }
    }

    /// What falls due again because of this waiver: its [amount](Self::amount) once reinstated,
    /// zero otherwise.
    ///
    /// # Errors
    ///
    /// As [`ConditionalWaiver::amount`].
    ///
    /// See [`ConditionalWaiver`] for an example.
    pub fn due_again(
        &self,
        principal: Money,
        penalties: Money,
        rounding: Rounding,
    ) -> Result<Money> {
        let amount = self.amount(principal, penalties, rounding)?;
        Ok(match self.status {
            WaiverStatus::Reinstated => amount,
            _ => Money::zero(amount.currency()),
        })
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WaiverRepr {
    waived: Waived,
    #[serde(default)]
    condition: WaiverCondition,
    #[serde(default)]
    status: WaiverStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    decided_on: Option<NaiveDate>,
}

#[cfg(feature = "serde")]
impl TryFrom<WaiverRepr> for ConditionalWaiver {
    type Error = Error;

    fn try_from(r: WaiverRepr) -> Result<ConditionalWaiver> {
        let waiver = ConditionalWaiver::new(r.waived)?;
        match (r.status, r.decided_on) {
            (WaiverStatus::Pending, None) => Ok(waiver),
            (WaiverStatus::Granted, Some(date)) => waiver.on_completion(date),
            (WaiverStatus::Reinstated, Some(date)) => waiver.on_lapse(date),
            _ => Err(Error::Unsupported {
                reason: "a waiver has a decision date exactly when it is granted or reinstated",
            }),
        }
    }
}

#[cfg(feature = "serde")]
impl From<ConditionalWaiver> for WaiverRepr {
    fn from(w: ConditionalWaiver) -> WaiverRepr {
        WaiverRepr {
            waived: w.waived,
            condition: w.condition,
            status: w.status,
            decided_on: w.decided_on,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    #[test]
    fn a_decided_waiver_keeps_its_decision() -> Result<()> {
        let day = NaiveDate::from_ymd_opt(2027, 6, 30).unwrap_or(NaiveDate::MIN);
        let pending = ConditionalWaiver::new(Waived::Amount("300.00 EUR".parse()?))?;
        let granted = pending.on_completion(day)?;
        assert_eq!(granted.on_completion(day)?, granted);
        assert_eq!(
            granted.on_lapse(day),
            Err(Error::WaiverDecided {
                status: "granted",
                event: "reinstated on lapse"
            })
        );
        let reinstated = pending.on_lapse(day)?;
        assert_eq!(
            reinstated.on_completion(day).map_err(|e| e.to_string()),
            Err("a waiver already reinstated cannot be granted on completion".to_owned())
        );
        let principal = Money::from_minor(10_000, Currency::EUR)?;
        let none = Money::zero(Currency::EUR);
        // A fixed waiver is capped at the principal.
        assert_eq!(
            reinstated.due_again(principal, none, Rounding::HalfUp)?,
            principal
        );
        assert!(granted
            .due_again(principal, none, Rounding::HalfUp)?
            .is_zero());
        Ok(())
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_waiver_round_trips_and_refuses_inconsistent_json(
    ) -> core::result::Result<(), Box<dyn std::error::Error>> {
        let day = NaiveDate::from_ymd_opt(2027, 6, 30).ok_or("date")?;
        let w =
            ConditionalWaiver::new(Waived::PercentOfPrincipal("15%".parse()?))?.on_lapse(day)?;
        let json = serde_json::to_string(&w)?;
        assert_eq!(
            json,
            r#"{"waived":{"percent_of_principal":"15%"},"condition":"plan_completed","status":"reinstated","decided_on":"2027-06-30"}"#
        );
        assert_eq!(serde_json::from_str::<ConditionalWaiver>(&json)?, w);
        let undated = r#"{"waived":"penalties","status":"granted"}"#;
        assert!(serde_json::from_str::<ConditionalWaiver>(undated).is_err());
        let zero = r#"{"waived":{"amount":{"amount":"0.00","currency":"EUR"}}}"#;
        assert!(serde_json::from_str::<ConditionalWaiver>(zero).is_err());
        Ok(())
    }
}
