//! The lapse rule (*déchéance du terme*): when a broken plan makes the whole remaining balance due.

use core::fmt;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::Money;
use crate::percent::Percent;
use crate::statement::Statement;

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
    tolerance: Option<ArrearsTolerance>,
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
            tolerance: None,
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
            tolerance: None,
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

    /// Instalments that owe no more than `tolerance` on their due date's passing do not count as
    /// missed, nor in the overdue amount (an *arrears tolerance*, as loan systems have: a few cents
    /// short never make a plan lapse).
    ///
    /// ```
    /// use echeancier::{ArrearsTolerance, LapseRule};
    ///
    /// let rule = LapseRule::missed(2)?.with_tolerance(ArrearsTolerance::amount("1.00 EUR".parse()?)?);
    /// assert_eq!(rule.tolerance().and_then(|t| t.max_amount()).map(|a| a.to_string()).as_deref(), Some("1.00 EUR"));
    /// assert_eq!(rule.to_string(), "2 missed instalments (ignoring up to 1.00 EUR unpaid on an instalment)");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_tolerance(mut self, tolerance: ArrearsTolerance) -> LapseRule {
        self.tolerance = Some(tolerance);
        self
    }

    /// The arrears tolerance, if any.
    ///
    /// See [`LapseRule::with_tolerance`] for an example.
    pub fn tolerance(&self) -> Option<ArrearsTolerance> {
        self.tolerance
    }

    /// Whether the rule is met on the statement's date, and by what, read from the statement's
    /// one allocation of the payments: an instalment due before that date is missed when what is
    /// still owed of it is more than the tolerance. The credit held for the debtor counts as paid
    /// on the oldest instalments first: a plan never lapses over arrears the creditor already
    /// holds the money for.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] for a tolerance in another currency; [`Error::Overflow`].
    ///
    /// ```
    /// use echeancier::*;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let debt = Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let paid = [Payment::new("P-1", d(1, 31), "100.00 EUR".parse()?)?];
    /// let options = StatementOptions::default();
    /// let rule = LapseRule::missed(2)?;
    /// let on = |date| Statement::new(&plan, &paid, &options, date);
    /// assert_eq!(rule.check(&on(d(3, 31))?)?, None); // only instalment 2 is missed
    /// assert_eq!(rule.check(&on(d(4, 1))?)?, Some(LapseTrigger::MissedInstalments { numbers: vec![2, 3] }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, at: &Statement) -> Result<Option<LapseTrigger>> {
        let as_of = at.as_of();
        let currency = at.currency();
        let mut missed = Vec::new();
        let mut overdue = Money::zero(currency);
        let mut oldest = None;
        let mut credit = at.credit();
        for line in at.instalments().iter().take_while(|l| l.due_date() < as_of) {
            let covered = credit.checked_min(line.unpaid())?;
            credit = credit.checked_sub(covered)?;
            let unpaid = line.unpaid().checked_sub(covered)?;
            if !self.counts_as_missed(line.amount(), unpaid)? {
                continue;
            }
            missed.push(line.number());
            if let Some((_, days)) = self.overdue {
                if as_of.signed_duration_since(line.due_date()).num_days() > i64::from(days) {
                    overdue = overdue.checked_add(unpaid)?;
                    oldest = oldest.or(Some(line.due_date()));
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

    /// Whether an instalment of `amount` with `unpaid` still owed counts as missed.
    fn counts_as_missed(&self, amount: Money, unpaid: Money) -> Result<bool> {
        if !unpaid.is_positive() {
            return Ok(false);
        }
        match self.tolerance {
            Some(tolerance) => Ok(!tolerance.tolerates(amount, unpaid)?),
            None => Ok(true),
        }
    }
}

/// How much may stay unpaid on an instalment past its due date before it counts as missed: an
/// amount, a share of the instalment, or both (the larger one applies).
///
/// ```
/// use echeancier::ArrearsTolerance;
///
/// let t = ArrearsTolerance::amount("5.00 EUR".parse()?)?.or_share("1%".parse()?)?;
/// // On 1,000.00, 1 % (10.00) is more than 5.00: up to 10.00 may stay unpaid.
/// assert!(t.tolerates("1000.00 EUR".parse()?, "10.00 EUR".parse()?)?);
/// assert!(!t.tolerates("1000.00 EUR".parse()?, "10.01 EUR".parse()?)?);
/// // On 100.00, 1 % is 1.00: the 5.00 applies.
/// assert!(t.tolerates("100.00 EUR".parse()?, "5.00 EUR".parse()?)?);
/// assert_eq!(t.to_string(), "up to 5.00 EUR or 1% of the instalment unpaid on an instalment");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ToleranceRepr", into = "ToleranceRepr")
)]
pub struct ArrearsTolerance {
    amount: Option<Money>,
    share: Option<Percent>,
}

impl ArrearsTolerance {
    /// Up to `amount` unpaid is tolerated.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] for a zero or negative amount.
    ///
    /// See [`ArrearsTolerance`] for an example.
    pub fn amount(amount: Money) -> Result<ArrearsTolerance> {
        Ok(ArrearsTolerance {
            amount: Some(amount.require_positive("arrears tolerance")?),
            share: None,
        })
    }

    /// Up to `share` of the instalment unpaid is tolerated.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPercent`] for a share of zero or of 100 % or more.
    ///
    /// ```
    /// use echeancier::ArrearsTolerance;
    ///
    /// assert!(ArrearsTolerance::share("2%".parse()?).is_ok());
    /// assert!(ArrearsTolerance::share("0%".parse()?).is_err());
    /// assert!(ArrearsTolerance::share("100%".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn share(share: Percent) -> Result<ArrearsTolerance> {
        Ok(ArrearsTolerance {
            amount: None,
            share: Some(checked_share(share)?),
        })
    }

    /// Also tolerates up to `share` of the instalment, whichever is larger.
    ///
    /// # Errors
    ///
    /// As [`ArrearsTolerance::share`].
    ///
    /// See [`ArrearsTolerance`] for an example.
    pub fn or_share(mut self, share: Percent) -> Result<ArrearsTolerance> {
        self.share = Some(checked_share(share)?);
        Ok(self)
    }

    /// The amount tolerated, if set.
    ///
    /// See [`LapseRule::with_tolerance`] for an example.
    pub fn max_amount(&self) -> Option<Money> {
        self.amount
    }

    /// The share of the instalment tolerated, if set.
    ///
    /// ```
    /// use echeancier::ArrearsTolerance;
    ///
    /// let t = ArrearsTolerance::share("2%".parse()?)?;
    /// assert_eq!(t.max_share().map(|p| p.to_string()).as_deref(), Some("2%"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn max_share(&self) -> Option<Percent> {
        self.share
    }

    /// Whether `unpaid` left on an instalment of `amount` is within the tolerance. The share is
    /// compared exactly, without rounding: `unpaid ≤ share × amount`.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] for amounts in another currency than the tolerance's;
    /// [`Error::Overflow`].
    ///
    /// See [`ArrearsTolerance`] for an example.
    pub fn tolerates(&self, amount: Money, unpaid: Money) -> Result<bool> {
        amount.same_currency(unpaid)?;
        if let Some(limit) = self.amount {
            limit.same_currency(amount)?;
            if unpaid <= limit {
                return Ok(true);
            }
        }
        match self.share {
            Some(share) => {
                let limit =
                    amount
                        .amount()
                        .checked_mul(share.fraction())
                        .ok_or(Error::Overflow {
                            operation: "computing the arrears tolerance",
                        })?;
                Ok(unpaid.amount() <= limit)
            }
            None => Ok(false),
        }
    }
}

fn checked_share(share: Percent) -> Result<Percent> {
    if share.is_zero() || share >= Percent::HUNDRED {
        return Err(Error::InvalidPercent {
            what: "arrears tolerance",
            percent: share.percent(),
            range: "greater than 0% and less than 100%",
        });
    }
    Ok(share)
}

impl fmt::Display for ArrearsTolerance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.amount, self.share) {
            (Some(a), Some(p)) => write!(f, "up to {a} or {p} of the instalment")?,
            (Some(a), None) => write!(f, "up to {a}")?,
            (None, Some(p)) => write!(f, "up to {p} of the instalment")?,
            (None, None) => write!(f, "nothing")?,
        }
        f.write_str(" unpaid on an instalment")
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ToleranceRepr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    share: Option<Percent>,
}

#[cfg(feature = "serde")]
impl TryFrom<ToleranceRepr> for ArrearsTolerance {
    type Error = Error;

    fn try_from(r: ToleranceRepr) -> Result<ArrearsTolerance> {
        match (r.amount, r.share) {
            (Some(amount), share) => {
                let t = ArrearsTolerance::amount(amount)?;
                match share {
                    Some(share) => t.or_share(share),
                    None => Ok(t),
                }
            }
            (None, Some(share)) => ArrearsTolerance::share(share),
            (None, None) => Err(Error::InvalidAdjustment {
                reason: "an arrears tolerance needs an amount, a share or both".to_owned(),
            }),
        }
    }
}

#[cfg(feature = "serde")]
impl From<ArrearsTolerance> for ToleranceRepr {
    fn from(t: ArrearsTolerance) -> ToleranceRepr {
        ToleranceRepr {
            amount: t.amount,
            share: t.share,
        }
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
        if let Some(tolerance) = self.tolerance {
            write!(f, " (ignoring {tolerance})")?;
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

impl LapseTrigger {
    /// Why the rule is met, as a reader of `language` reads it; `Display` is the English one.
    ///
    /// ```
    /// use echeancier::{Language, LapseTrigger};
    ///
    /// let t = LapseTrigger::MissedInstalments { numbers: vec![4, 5] };
    /// assert_eq!(t.to_string_in(Language::French), "échéances 4, 5 impayées");
    /// let t = LapseTrigger::MissedInstalments { numbers: vec![4] };
    /// assert_eq!(t.to_string_in(Language::French), "échéance 4 impayée");
    /// ```
    pub fn to_string_in(&self, language: crate::Language) -> String {
        if language == crate::Language::English {
            return self.to_string();
        }
        match self {
            LapseTrigger::MissedInstalments { numbers } => {
                let list: Vec<String> = numbers.iter().map(u32::to_string).collect();
                let s = if numbers.len() == 1 { "" } else { "s" };
                format!("échéance{s} {} impayée{s}", list.join(", "))
            }
            LapseTrigger::OverdueAmount {
                amount,
                days,
                since,
            } => format!(
                "{} impayés depuis plus de {days} jours (depuis le {})",
                crate::language::money(*amount, language),
                crate::language::date(*since, language)
            ),
        }
    }
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tolerance: Option<ArrearsTolerance>,
}

#[cfg(feature = "serde")]
impl TryFrom<LapseRuleRepr> for LapseRule {
    type Error = Error;

    fn try_from(r: LapseRuleRepr) -> Result<LapseRule> {
        let mut rule = LapseRule {
            missed_instalments: None,
            overdue: None,
            tolerance: r.tolerance,
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
            tolerance: r.tolerance,
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
