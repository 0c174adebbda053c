//! Regularity bonuses: a reward for paying every instalment of a plan on time.

use chrono::{Days, NaiveDate};

use crate::discount::Reduction;
use crate::error::{Error, Result};
use crate::money::{Money, Rounding};
use crate::penalty::PenaltyStatement;
use crate::statement::{InstalmentStatement, Statement};

/// What a debtor who paid every instalment on time gets.
///
/// ```
/// use echeancier::{Reduction, RegularityReward};
///
/// let r = RegularityReward::ReduceLast(Reduction::Percent("50%".parse()?));
/// assert_ne!(r, RegularityReward::WaivePenalties);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RegularityReward {
    /// The last instalment is reduced: a percentage of it, or a fixed amount capped at it.
    ReduceLast(Reduction),
    /// The late-payment penalties accrued (within the tolerance) are waived.
    WaivePenalties,
}

/// A bonus for regular payment: if every instalment before the last is paid in full no later than
/// `tolerance_days` after its due date, the [`RegularityReward`] is earned.
///
/// ```
/// use echeancier::*;
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?), d(1, 31),
///     Frequency::MONTHLY, Sizing::Count(3)).generate()?;
/// let bonus = RegularityBonus::new(RegularityReward::ReduceLast(Reduction::Percent("25%".parse()?)))?
///     .with_tolerance_days(3);
/// let options = StatementOptions::default();
/// let payments = [
///     Payment::new("P-1", d(1, 31), "400.00 EUR".parse()?)?,
///     Payment::new("P-2", d(3, 3), "400.00 EUR".parse()?)?, // 3 days late: tolerated
/// ];
/// let outcome = bonus.evaluate(&Statement::new(&plan, &payments, &options, d(3, 10))?)?;
/// assert_eq!(outcome, RegularityOutcome::Earned { amount: "100.00 EUR".parse()? });
///
/// let late = [Payment::new("P-1", d(2, 5), "400.00 EUR".parse()?)?];
/// let outcome = bonus.evaluate(&Statement::new(&plan, &late, &options, d(2, 10))?)?;
/// assert_eq!(outcome, RegularityOutcome::Forfeited { instalment: 1, days_late: 5 });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RegularityBonusRepr", into = "RegularityBonusRepr")
)]
pub struct RegularityBonus {
    reward: RegularityReward,
    tolerance_days: u32,
    rounding: Rounding,
}

/// Where a regularity bonus stands as of a date.
///
/// ```
/// use echeancier::RegularityOutcome;
///
/// let pending = RegularityOutcome::Pending { on_time: 2, to_come: 9 };
/// assert!(!matches!(pending, RegularityOutcome::Earned { .. }));
/// ```
///
/// Deserialising checks what each outcome always is (an earned amount not negative, instalments
/// still to come when pending, an instalment paid at least a day late when forfeited).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", try_from = "OutcomeRepr")
)]
#[non_exhaustive]
pub enum RegularityOutcome {
    /// Every instalment before the last was paid on time: the reward is earned.
    Earned {
        /// The reduction of the last instalment, or the penalties waived.
        amount: Money,
    },
    /// Every instalment whose deadline has passed was paid on time; others are still to come.
    Pending {
        /// Instalments before the last already paid on time.
        on_time: u32,
        /// Instalments before the last not yet paid in full, their deadline still ahead.
        to_come: u32,
    },
    /// An instalment was not paid in full within the tolerance: the bonus is lost.
    Forfeited {
        /// The first such instalment.
        instalment: u32,
        /// Days from its due date to the day it was paid in full, or to the as-of date if it still
        /// is not.
        days_late: u32,
    },
}

impl RegularityBonus {
    /// A bonus of `reward`, with no tolerance; amounts rounded half-up.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] for a negative fixed amount.
    ///
    /// ```
    /// use echeancier::{Reduction, RegularityBonus, RegularityReward};
    ///
    /// let bonus = RegularityBonus::new(RegularityReward::WaivePenalties)?;
    /// assert_eq!(bonus.tolerance_days(), 0);
    /// let bad = RegularityReward::ReduceLast(Reduction::Amount("-5.00 EUR".parse()?));
    /// assert!(RegularityBonus::new(bad).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(reward: RegularityReward) -> Result<RegularityBonus> {
        if let RegularityReward::ReduceLast(r) = reward {
            r.checked()?;
        }
        Ok(RegularityBonus {
            reward,
            tolerance_days: 0,
            rounding: Rounding::default(),
        })
    }

    /// Sets the days an instalment may be paid after its due date and still count as on time.
    ///
    /// ```
    /// use echeancier::{RegularityBonus, RegularityReward};
    ///
    /// let bonus = RegularityBonus::new(RegularityReward::WaivePenalties)?.with_tolerance_days(5);
    /// assert_eq!(bonus.tolerance_days(), 5);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_tolerance_days(mut self, days: u32) -> RegularityBonus {
        self.tolerance_days = days;
        self
    }

    /// Sets how a percentage reduction is rounded (half-up by default).
    ///
    /// ```
    /// use echeancier::{RegularityBonus, RegularityReward, Rounding};
    ///
    /// let bonus = RegularityBonus::new(RegularityReward::WaivePenalties)?.with_rounding(Rounding::Down);
    /// assert_eq!(bonus.rounding(), Rounding::Down);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_rounding(mut self, rounding: Rounding) -> RegularityBonus {
        self.rounding = rounding;
        self
    }

    /// The reward.
    ///
    /// ```
    /// use echeancier::{RegularityBonus, RegularityReward};
    ///
    /// let bonus = RegularityBonus::new(RegularityReward::WaivePenalties)?;
    /// assert_eq!(bonus.reward(), RegularityReward::WaivePenalties);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn reward(&self) -> RegularityReward {
        self.reward
    }

    /// The tolerance in days.
    ///
    /// See [`RegularityBonus::with_tolerance_days`] for an example.
    pub fn tolerance_days(&self) -> u32 {
        self.tolerance_days
    }

    /// The rounding of a percentage reduction.
    ///
    /// See [`RegularityBonus::with_rounding`] for an example.
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// Where the bonus stands on the statement's date, read from its lines (what was paid of
    /// each instalment and when). Instalments are checked in order and the first one late decides.
    /// The last instalment's own timing does not matter: it is the one the reward reduces.
    /// [`RegularityReward::WaivePenalties`] waives the penalties accrued as of the statement's
    /// date, so the statement needs a penalty policy. A [`Statement`] whose options carry the
    /// bonus gives the same outcome as [`Statement::regularity`].
    ///
    /// # Errors
    ///
    /// [`Error::Unsupported`] for [`RegularityReward::WaivePenalties`] on a statement without
    /// penalties; [`Error::DateOutOfRange`] when a deadline passes the last supported date.
    ///
    /// ```
    /// use echeancier::*;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// let bonus = RegularityBonus::new(RegularityReward::WaivePenalties)?.with_tolerance_days(10);
    /// let options = StatementOptions::default()
    ///     .with_penalties(PenaltyPolicy::new(PenaltyRate::fixed("10%".parse()?)));
    /// // On 5 February instalment 1 is unpaid but within the tolerance.
    /// let s = Statement::new(&plan, &[], &options, d(2, 5))?;
    /// assert_eq!(bonus.evaluate(&s)?, RegularityOutcome::Pending { on_time: 0, to_come: 2 });
    /// // Paid 10 days late (its penalty first), instalment 2 paid on time: the 10 days of
    /// // penalties are waived.
    /// let paid = [
    ///     Payment::new("P-1", d(2, 10), "401.10 EUR".parse()?)?,
    ///     Payment::new("P-2", d(2, 28), "400.00 EUR".parse()?)?,
    /// ];
    /// let s = Statement::new(&plan, &paid, &options, d(3, 1))?;
    /// assert_eq!(
    ///     bonus.evaluate(&s)?,
    ///     RegularityOutcome::Earned { amount: "1.10 EUR".parse()? } // 400 × 10 % × 10 / 365
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evaluate(&self, statement: &Statement) -> Result<RegularityOutcome> {
        self.outcome(
            statement.instalments(),
            statement.penalties().map(PenaltyStatement::total),
            statement.as_of(),
        )
    }

    /// The outcome on `as_of` from a statement's lines and its penalties accrued, if it has any.
    pub(crate) fn outcome(
        &self,
        lines: &[InstalmentStatement],
        penalties: Option<Money>,
        as_of: NaiveDate,
    ) -> Result<RegularityOutcome> {
        let before_last = lines.split_last().map_or(&[][..], |(_, rest)| rest);
        let mut on_time = 0_u32;
        let mut to_come = 0_u32;
        for line in before_last {
            let due = line.due_date();
            let deadline = due
                .checked_add_days(Days::new(u64::from(self.tolerance_days)))
                .ok_or_else(|| Error::DateOutOfRange {
                    what: format!("{due} plus {} days", self.tolerance_days),
                })?;
            let days_after_due = |date: NaiveDate| {
                u32::try_from(date.signed_duration_since(due).num_days().max(0)).unwrap_or(u32::MAX)
            };
            match line.paid_in_full_on() {
                Some(date) if date <= deadline => on_time = on_time.saturating_add(1),
                Some(date) => {
                    return Ok(RegularityOutcome::Forfeited {
                        instalment: line.number(),
                        days_late: days_after_due(date),
                    })
                }
                None if as_of > deadline => {
                    return Ok(RegularityOutcome::Forfeited {
                        instalment: line.number(),
                        days_late: days_after_due(as_of),
                    })
                }
                None => to_come = to_come.saturating_add(1),
            }
        }
        if to_come > 0 {
            return Ok(RegularityOutcome::Pending { on_time, to_come });
        }
        let amount = match self.reward {
            RegularityReward::ReduceLast(reduction) => match lines.last() {
                Some(last) => reduction.of(last.amount(), self.rounding)?,
                None => return Err(Error::EmptyDebt),
            },
            RegularityReward::WaivePenalties => penalties.ok_or(Error::Unsupported {
                reason: "waiving penalties as a regularity bonus needs the penalty policy",
            })?,
        };
        Ok(RegularityOutcome::Earned { amount })
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RegularityBonusRepr {
    reward: RegularityReward,
    #[serde(default)]
    tolerance_days: u32,
    #[serde(default)]
    rounding: Rounding,
}

#[cfg(feature = "serde")]
impl TryFrom<RegularityBonusRepr> for RegularityBonus {
    type Error = Error;

    fn try_from(r: RegularityBonusRepr) -> Result<RegularityBonus> {
        Ok(RegularityBonus::new(r.reward)?
            .with_tolerance_days(r.tolerance_days)
            .with_rounding(r.rounding))
    }
}

#[cfg(feature = "serde")]
impl From<RegularityBonus> for RegularityBonusRepr {
    fn from(b: RegularityBonus) -> RegularityBonusRepr {
        RegularityBonusRepr {
            reward: b.reward,
            tolerance_days: b.tolerance_days,
            rounding: b.rounding,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debt::{Claim, Debt};
    use crate::frequency::Frequency;
    use crate::payment::Payment;
    use crate::penalty::{PenaltyPolicy, PenaltyRate};
    use crate::schedule::{PlanRequest, Schedule, Sizing};
    use crate::statement::StatementOptions;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap_or(NaiveDate::MIN)
    }

    fn plan() -> Result<Schedule> {
        let debt = Debt::single(Claim::new("F-1", "1000.00 EUR".parse()?)?);
        PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(4)).generate()
    }

    fn on_time(plan: &Schedule, count: usize) -> Result<Vec<Payment>> {
        plan.instalments()
            .iter()
            .take(count)
            .map(|i| Payment::new(format!("P-{}", i.number()), i.due_date(), i.amount()))
            .collect()
    }

    #[test]
    fn the_reduction_never_exceeds_the_last_instalment() -> Result<()> {
        let plan = plan()?;
        let bonus = RegularityBonus::new(RegularityReward::ReduceLast(Reduction::amount(
            "900.00 EUR".parse()?,
        )?))?;
        let s = Statement::new(
            &plan,
            &on_time(&plan, 3)?,
            &StatementOptions::default(),
            d(4, 30),
        )?;
        assert_eq!(
            bonus.evaluate(&s)?,
            RegularityOutcome::Earned {
                amount: "250.00 EUR".parse()?
            }
        );
        Ok(())
    }

    #[test]
    fn a_partly_paid_instalment_is_late_once_its_deadline_passes() -> Result<()> {
        let plan = plan()?;
        let bonus = RegularityBonus::new(RegularityReward::WaivePenalties)?;
        let partial = [Payment::new("P-1", d(1, 31), "200.00 EUR".parse()?)?];
        let s = Statement::new(&plan, &partial, &StatementOptions::default(), d(2, 3))?;
        assert_eq!(
            bonus.evaluate(&s)?,
            RegularityOutcome::Forfeited {
                instalment: 1,
                days_late: 3
            }
        );
        Ok(())
    }

    #[test]
    fn a_bonus_keeps_its_terms() -> Result<()> {
        let bonus = RegularityBonus::new(RegularityReward::WaivePenalties)?;
        assert_eq!(
            (bonus.tolerance_days(), bonus.rounding()),
            (0, Rounding::HalfUp)
        );
        let bonus = bonus.with_tolerance_days(3).with_rounding(Rounding::Down);
        assert_eq!(
            (bonus.tolerance_days(), bonus.rounding()),
            (3, Rounding::Down)
        );
        Ok(())
    }

    #[test]
    fn an_unpaid_instalment_is_late_the_day_after_its_tolerance() -> Result<()> {
        let plan = plan()?;
        let bonus = RegularityBonus::new(RegularityReward::WaivePenalties)?.with_tolerance_days(2);
        let on = |day| Statement::new(&plan, &[], &StatementOptions::default(), day);
        // Instalment 1 is due on 31 January; 2 days of tolerance run to 2 February.
        assert_eq!(
            bonus.evaluate(&on(d(2, 2))?)?,
            RegularityOutcome::Pending {
                on_time: 0,
                to_come: 3
            }
        );
        assert_eq!(
            bonus.evaluate(&on(d(2, 3))?)?,
            RegularityOutcome::Forfeited {
                instalment: 1,
                days_late: 3
            }
        );
        Ok(())
    }

    #[cfg(feature = "serde")]
    #[test]
    fn an_outcome_read_from_json_is_checked() {
        let read = |json: &str| serde_json::from_str::<RegularityOutcome>(json).ok();
        assert_eq!(
            read(r#"{"earned":{"amount":{"amount":"5.00","currency":"EUR"}}}"#),
            Some(RegularityOutcome::Earned {
                amount: Money::of_minor(500, crate::Currency::EUR)
            })
        );
        assert_eq!(
            read(r#"{"earned":{"amount":{"amount":"-5.00","currency":"EUR"}}}"#),
            None
        );
        assert_eq!(
            read(r#"{"forfeited":{"instalment":2,"days_late":1}}"#),
            Some(RegularityOutcome::Forfeited {
                instalment: 2,
                days_late: 1
            })
        );
        assert_eq!(
            read(r#"{"forfeited":{"instalment":2,"days_late":0}}"#),
            None
        );
    }

    #[test]
    fn waiving_penalties_needs_a_policy() -> Result<()> {
        let plan = plan()?;
        let bonus = RegularityBonus::new(RegularityReward::WaivePenalties)?;
        let paid = on_time(&plan, 3)?;
        let s = Statement::new(&plan, &paid, &StatementOptions::default(), d(4, 30))?;
        assert!(matches!(bonus.evaluate(&s), Err(Error::Unsupported { .. })));
        let options = StatementOptions::default()
            .with_penalties(PenaltyPolicy::new(PenaltyRate::fixed("5%".parse()?)));
        let s = Statement::new(&plan, &paid, &options, d(4, 30))?;
        assert_eq!(
            bonus.evaluate(&s)?,
            RegularityOutcome::Earned {
                amount: Money::zero(plan.currency())
            }
        );
        Ok(())
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum OutcomeRepr {
    Earned { amount: Money },
    Pending { on_time: u32, to_come: u32 },
    Forfeited { instalment: u32, days_late: u32 },
}

#[cfg(feature = "serde")]
impl TryFrom<OutcomeRepr> for RegularityOutcome {
    type Error = Error;

    /// An amount earned is not negative; a pending bonus has instalments to come; a forfeited one
    /// names an instalment paid at least a day late.
    fn try_from(r: OutcomeRepr) -> Result<RegularityOutcome> {
        let fail = |reason: String| crate::contract::fail("regularity outcome", reason);
        match r {
            OutcomeRepr::Earned { amount } if amount.is_negative() => {
                Err(fail(format!("amount must not be negative, got {amount}")))
            }
            OutcomeRepr::Earned { amount } => Ok(RegularityOutcome::Earned { amount }),
            OutcomeRepr::Pending { to_come: 0, .. } => Err(fail(
                "a pending bonus has instalments to come (to_come is 0)".to_owned(),
            )),
            OutcomeRepr::Pending { on_time, to_come } => {
                Ok(RegularityOutcome::Pending { on_time, to_come })
            }
            OutcomeRepr::Forfeited {
                instalment,
                days_late,
            } if days_late == 0 => Err(fail(format!(
                "a forfeited bonus names an instalment paid at least a day late, got instalment \
                 {instalment} {days_late} days late"
            ))),
            OutcomeRepr::Forfeited {
                instalment,
                days_late,
            } => Ok(RegularityOutcome::Forfeited {
                instalment,
                days_late,
            }),
        }
    }
}
