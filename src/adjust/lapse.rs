//! The lapse rule (*déchéance du terme*): when a broken plan makes the whole remaining balance due.

use core::fmt;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::Money;
use crate::payment::PartialPayment;
use crate::schedule::Schedule;

/// When a plan lapses: after a number of missed instalments, or when an amount has been overdue for
/// more than a number of days, whichever comes first. At least one condition is set.
///
/// An instalment is missed once its due date has passed (the day after it) without being paid in
/// full; missed instalments need not be consecutive.
///
/// ```
/// use echeancier::LapseRule;
///
/// let rule = LapseRule::missed(2)?.or_overdue("150.00 EUR".parse()?, 30)?;
/// assert_eq!(rule.missed_instalments(), Some(2));
/// assert_eq!(rule.to_string(), "2 missed instalments, or 150.00 EUR overdue for more than 30 days");
/// assert!(LapseRule::missed(0).is_err());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "LapseRuleRepr", into = "LapseRuleRepr")
)]
pub struct LapseRule {
    missed_instalments: Option<u32>,
    overdue: Option<(Money, u32)>,
}

impl LapseRule {
    /// Lapses after `count` missed instalments.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidAdjustment`] for a count of zero.
    ///
    /// ```
    /// use echeancier::LapseRule;
    ///
    /// assert_eq!(LapseRule::missed(3)?.missed_instalments(), Some(3));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn missed(count: u32) -> Result<LapseRule> {
        LapseRule {
            missed_instalments: None,
            overdue: None,
        }
        .or_missed(count)
    }

    /// Lapses when at least `amount` has been overdue for more than `days` days.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] for a zero or negative amount.
    ///
    /// ```
    /// use echeancier::LapseRule;
    ///
    /// let rule = LapseRule::overdue("100.00 EUR".parse()?, 15)?;
    /// assert_eq!(rule.overdue_amount_for_days().map(|(a, d)| (a.to_string(), d)), Some(("100.00 EUR".to_owned(), 15)));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn overdue(amount: Money, days: u32) -> Result<LapseRule> {
        LapseRule {
            missed_instalments: None,
            overdue: None,
        }
        .or_overdue(amount, days)
    }

    /// Adds (or replaces) the missed-instalments condition.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidAdjustment`] for a count of zero.
    ///
    /// ```
    /// use echeancier::LapseRule;
    ///
    /// let rule = LapseRule::overdue("1.00 EUR".parse()?, 60)?.or_missed(2)?;
    /// assert_eq!(rule.missed_instalments(), Some(2));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn or_missed(mut self, count: u32) -> Result<LapseRule> {
        if count == 0 {
            return Err(Error::InvalidAdjustment {
                reason: "a lapse rule counts at least 1 missed instalment".to_owned(),
            });
        }
        self.missed_instalments = Some(count);
        Ok(self)
    }

    /// Adds (or replaces) the overdue-amount condition.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] for a zero or negative amount.
    ///
    /// ```
    /// use echeancier::LapseRule;
    ///
    /// assert!(LapseRule::missed(2)?.or_overdue("0.00 EUR".parse()?, 30).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn or_overdue(mut self, amount: Money, days: u32) -> Result<LapseRule> {
        self.overdue = Some((amount.require_positive("overdue amount")?, days));
        Ok(self)
    }

    /// The number of missed instalments that makes the plan lapse, if that condition is set.
    ///
    /// ```
    /// use echeancier::LapseRule;
    ///
    /// assert_eq!(LapseRule::overdue("1.00 EUR".parse()?, 60)?.missed_instalments(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn missed_instalments(&self) -> Option<u32> {
        self.missed_instalments
    }

    /// The overdue amount and the number of days, if that condition is set.
    ///
    /// ```
    /// use echeancier::LapseRule;
    ///
    /// assert_eq!(LapseRule::missed(1)?.overdue_amount_for_days(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn overdue_amount_for_days(&self) -> Option<(Money, u32)> {
        self.overdue
    }

    /// Whether the rule is met on `as_of` for `schedule` and the payments allocated to its
    /// instalments (payments dated after `as_of` are not counted), and by what.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownClaim`] for a payment naming no instalment of the schedule;
    /// [`Error::CurrencyMismatch`] for a payment in another currency; [`Error::Overflow`].
    ///
    /// ```
    /// use echeancier::{Claim, Debt, Frequency, LapseRule, LapseTrigger, PartialPayment, PlanRequest, Sizing};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let debt = Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let paid = [(1, PartialPayment::new(d(1, 31), "100.00 EUR".parse()?)?)];
    /// let rule = LapseRule::missed(2)?;
    /// assert_eq!(rule.check(&plan, &paid, d(3, 31))?, None); // only instalment 2 is missed
    /// assert_eq!(rule.check(&plan, &paid, d(4, 1))?, Some(LapseTrigger::MissedInstalments { numbers: vec![2, 3] }));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn check(
        &self,
        schedule: &Schedule,
        paid: &[(u32, PartialPayment)],
        as_of: NaiveDate,
    ) -> Result<Option<LapseTrigger>> {
        let currency = schedule.currency();
        let instalments = schedule.instalments();
        // What was paid on each instalment by `as_of`, found in one pass over the payments.
        let positions: HashMap<u32, usize> = instalments
            .iter()
            .enumerate()
            .map(|(position, i)| (i.number(), position))
            .collect();
        let mut paid_on = vec![Money::zero(currency); instalments.len()];
        for (number, payment) in paid {
            Money::zero(currency).same_currency(payment.amount())?;
            let sum = positions
                .get(number)
                .and_then(|p| paid_on.get_mut(*p))
                .ok_or_else(|| Error::UnknownClaim {
                    reference: format!("instalment {number}"),
                })?;
            if payment.date() <= as_of {
                *sum = sum.checked_add(payment.amount())?;
            }
        }
        let mut missed = Vec::new();
        let mut overdue = Money::zero(currency);
        let mut oldest = None;
        for (i, paid_on_it) in instalments.iter().zip(paid_on) {
            if i.due_date() >= as_of {
                continue;
            }
            if paid_on_it >= i.amount() {
                continue;
            }
            missed.push(i.number());
            if let Some((_, days)) = self.overdue {
                if as_of.signed_duration_since(i.due_date()).num_days() > i64::from(days) {
                    let unpaid = i.amount().checked_sub(paid_on_it)?;
                    overdue = overdue.checked_add(unpaid)?;
                    oldest = oldest.or(Some(i.due_date()));
                }
            }
        }
        if let Some(count) = self.missed_instalments {
            if u32::try_from(missed.len()).unwrap_or(u32::MAX) >= count {
                return Ok(Some(LapseTrigger::MissedInstalments { numbers: missed }));
            }
        }
        if let (Some((threshold, days)), Some(since)) = (self.overdue, oldest) {
            if overdue >= threshold {
                return Ok(Some(LapseTrigger::OverdueAmount {
                    amount: overdue,
                    days,
                    since,
                }));
            }
        }
        Ok(None)
    }
}

impl fmt::Display for LapseRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        if let Some(n) = self.missed_instalments {
            let s = if n == 1 { "" } else { "s" };
            write!(f, "{n} missed instalment{s}")?;
            sep = ", or ";
        }
        if let Some((amount, days)) = self.overdue {
            write!(f, "{sep}{amount} overdue for more than {days} days")?;
        }
        Ok(())
    }
}

/// Why a lapse rule is met.
///
/// ```
/// use echeancier::LapseTrigger;
///
/// let t = LapseTrigger::MissedInstalments { numbers: vec![4, 5] };
/// assert_eq!(t.to_string(), "instalments 4, 5 missed");
/// ```
///
/// Deserialising checks the missed instalments (named, in increasing order) and the overdue
/// amount (greater than zero).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", try_from = "TriggerRepr")
)]
#[non_exhaustive]
pub enum LapseTrigger {
    /// The instalments due and not paid in full, at least as many as the rule allows.
    MissedInstalments {
        /// Their numbers.
        numbers: Vec<u32>,
    },
    /// At least the rule's amount has been overdue for more than its number of days.
    OverdueAmount {
        /// The amount overdue for more than `days` days.
        amount: Money,
        /// The rule's number of days.
        days: u32,
        /// The due date of the oldest of these instalments.
        since: NaiveDate,
    },
}

impl fmt::Display for LapseTrigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LapseTrigger::MissedInstalments { numbers } => {
                let list: Vec<String> = numbers.iter().map(u32::to_string).collect();
                let s = if numbers.len() == 1 { "" } else { "s" };
                write!(f, "instalment{s} {} missed", list.join(", "))
            }
            LapseTrigger::OverdueAmount {
                amount,
                days,
                since,
            } => write!(
                f,
                "{amount} overdue for more than {days} days (since {since})"
            ),
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LapseRuleRepr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    missed_instalments: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    overdue_amount: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    overdue_days: Option<u32>,
}

#[cfg(feature = "serde")]
impl TryFrom<LapseRuleRepr> for LapseRule {
    type Error = Error;

    fn try_from(r: LapseRuleRepr) -> Result<LapseRule> {
        let mut rule = LapseRule {
            missed_instalments: None,
            overdue: None,
        };
        if let Some(n) = r.missed_instalments {
            rule = rule.or_missed(n)?;
        }
        match (r.overdue_amount, r.overdue_days) {
            (Some(amount), Some(days)) => rule = rule.or_overdue(amount, days)?,
            (None, None) => {}
            _ => {
                return Err(Error::InvalidAdjustment {
                    reason: "a lapse rule's overdue condition needs both an amount and days"
                        .to_owned(),
                })
            }
        }
        if rule.missed_instalments.is_none() && rule.overdue.is_none() {
            return Err(Error::InvalidAdjustment {
                reason: "a lapse rule needs at least one condition".to_owned(),
            });
        }
        Ok(rule)
    }
}

#[cfg(feature = "serde")]
impl From<LapseRule> for LapseRuleRepr {
    fn from(r: LapseRule) -> LapseRuleRepr {
        LapseRuleRepr {
            missed_instalments: r.missed_instalments,
            overdue_amount: r.overdue.map(|(a, _)| a),
            overdue_days: r.overdue.map(|(_, d)| d),
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum TriggerRepr {
    MissedInstalments {
        numbers: Vec<u32>,
    },
    OverdueAmount {
        amount: Money,
        days: u32,
        since: NaiveDate,
    },
}

#[cfg(feature = "serde")]
impl TryFrom<TriggerRepr> for LapseTrigger {
    type Error = Error;

    /// Missed instalments are named, in increasing order; an overdue amount is
    /// greater than zero.
    fn try_from(r: TriggerRepr) -> Result<LapseTrigger> {
        let fail = |reason: String| crate::contract::fail("lapse trigger", reason);
        match r {
            TriggerRepr::MissedInstalments { numbers } => {
                let increasing =
                    !numbers.is_empty() && numbers.windows(2).all(|w| w.first() < w.last());
                if !increasing {
                    return Err(fail(format!(
                        "missed instalments {numbers:?} must be named, in increasing order"
                    )));
                }
                Ok(LapseTrigger::MissedInstalments { numbers })
            }
            TriggerRepr::OverdueAmount {
                amount,
                days,
                since,
            } => {
                if !amount.is_positive() {
                    return Err(fail(format!(
                        "the overdue amount must be greater than zero, got {amount}"
                    )));
                }
                Ok(LapseTrigger::OverdueAmount {
                    amount,
                    days,
                    since,
                })
            }
        }
    }
}
