//! The thresholds that turn a payment history into figures and a risk tier.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::percent::Percent;
use crate::profile::RiskTier;

/// How a payment history is read: when a payment counts as on time or missed, how the trend is
/// measured, and which thresholds make a debtor [`RiskTier::Medium`] or [`RiskTier::High`].
///
/// The defaults, and why:
///
/// | setting | default | meaning |
/// |---|---|---|
/// | [`tolerance_days`](ProfileRules::tolerance_days) | 5 | paid in full within 5 days after the due date is on time: a transfer ordered on the due date can take a weekend and a bank holiday to arrive |
/// | [`missed_after_days`](ProfileRules::missed_after_days) | 30 | not paid in full within 30 days after the due date is a missed payment: by then the next monthly instalment is due |
/// | [`trend_window`](ProfileRules::trend_window) | 6 | the trend compares the last 6 assessed items with the 6 before (a half-year of monthly instalments) |
/// | [`high_broken_agreements`](ProfileRules::high_broken_agreements) | 1 | one broken agreement makes the debtor `High` |
/// | [`high_missed_payments`](ProfileRules::high_missed_payments) | 3 | three missed payments make the debtor `High` |
/// | [`high_on_time_below`](ProfileRules::high_on_time_below) | 50 % | paying on time less than half the time makes the debtor `High` |
/// | [`medium_missed_payments`](ProfileRules::medium_missed_payments) | 1 | one missed payment makes the debtor `Medium` |
/// | [`medium_on_time_below`](ProfileRules::medium_on_time_below) | 80 % | paying on time less than 4 times in 5 makes the debtor `Medium` |
/// | [`medium_max_days_late`](ProfileRules::medium_max_days_late) | 30 | one payment more than 30 days late makes the debtor `Medium` |
/// | [`tier_without_history`](ProfileRules::tier_without_history) | `Low` | a debtor with nothing assessed yet gets ordinary terms |
///
/// Setters take and return the rules by value and accept any number; the rules are checked when a
/// profile is computed ([`ProfileRules::validate`]).
///
/// ```
/// use echeancier::{ProfileRules, RiskTier};
///
/// let strict = ProfileRules::new()
///     .with_tolerance_days(0)
///     .with_medium_on_time_below("90%".parse()?)
///     .with_tier_without_history(RiskTier::Medium);
/// strict.validate()?;
/// assert_eq!(strict.tolerance_days(), 0);
/// assert_eq!(ProfileRules::default().trend_window(), 6);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RulesRepr", into = "RulesRepr"))]
pub struct ProfileRules {
    tolerance_days: u32,
    missed_after_days: u32,
    trend_window: u32,
    high_broken_agreements: u32,
    high_missed_payments: u32,
    high_on_time_below: Percent,
    medium_missed_payments: u32,
    medium_on_time_below: Percent,
    medium_max_days_late: u32,
    tier_without_history: RiskTier,
}

/// The longest trend window accepted: 10 years of monthly instalments.
const MAX_TREND_WINDOW: u32 = 120;

/// `percent` %, for the defaults.
fn whole_percent(percent: i64) -> Percent {
    // Only called with 50 and 80, which lie within 0 to 100.
    Percent::new(Decimal::from(percent)).unwrap_or(Percent::ZERO)
}

impl Default for ProfileRules {
    fn default() -> ProfileRules {
        ProfileRules::new()
    }
}

impl ProfileRules {
    /// The default rules (see the table above).
    ///
    /// ```
    /// use echeancier::ProfileRules;
    ///
    /// let rules = ProfileRules::new();
    /// assert_eq!(rules, ProfileRules::default());
    /// assert_eq!((rules.tolerance_days(), rules.missed_after_days()), (5, 30));
    /// ```
    pub fn new() -> ProfileRules {
        ProfileRules {
            tolerance_days: 5,
            missed_after_days: 30,
            trend_window: 6,
            high_broken_agreements: 1,
            high_missed_payments: 3,
            high_on_time_below: whole_percent(50),
            medium_missed_payments: 1,
            medium_on_time_below: whole_percent(80),
            medium_max_days_late: 30,
            tier_without_history: RiskTier::Low,
        }
    }

    /// Days after the due date within which a payment in full still counts as on time.
    ///
    /// ```
    /// assert_eq!(echeancier::ProfileRules::new().with_tolerance_days(0).tolerance_days(), 0);
    /// ```
    pub fn with_tolerance_days(mut self, days: u32) -> ProfileRules {
        self.tolerance_days = days;
        self
    }

    /// Days after the due date after which an amount not yet paid in full is a missed payment (it
    /// stays missed if it is paid later). At least the tolerance.
    ///
    /// ```
    /// assert_eq!(echeancier::ProfileRules::new().with_missed_after_days(60).missed_after_days(), 60);
    /// ```
    pub fn with_missed_after_days(mut self, days: u32) -> ProfileRules {
        self.missed_after_days = days;
        self
    }

    /// How many assessed items each of the two windows of the trend holds: the trend compares the
    /// last `items` with the `items` before them. From 1 to 120.
    ///
    /// ```
    /// assert_eq!(echeancier::ProfileRules::new().with_trend_window(3).trend_window(), 3);
    /// ```
    pub fn with_trend_window(mut self, items: u32) -> ProfileRules {
        self.trend_window = items;
        self
    }

    /// This many broken agreements or more make the debtor [`RiskTier::High`]. At least 1.
    ///
    /// ```
    /// let rules = echeancier::ProfileRules::new().with_high_broken_agreements(2);
    /// assert_eq!(rules.high_broken_agreements(), 2);
    /// ```
    pub fn with_high_broken_agreements(mut self, count: u32) -> ProfileRules {
        self.high_broken_agreements = count;
        self
    }

    /// This many missed payments or more make the debtor [`RiskTier::High`]. At least 1, and at least
    /// the `Medium` threshold.
    ///
    /// ```
    /// let rules = echeancier::ProfileRules::new().with_high_missed_payments(4);
    /// assert_eq!(rules.high_missed_payments(), 4);
    /// ```
    pub fn with_high_missed_payments(mut self, count: u32) -> ProfileRules {
        self.high_missed_payments = count;
        self
    }

    /// An on-time ratio strictly below this makes the debtor [`RiskTier::High`]. At most the `Medium`
    /// threshold.
    ///
    /// ```
    /// let rules = echeancier::ProfileRules::new().with_high_on_time_below("40%".parse()?);
    /// assert_eq!(rules.high_on_time_below().to_string(), "40%");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_high_on_time_below(mut self, ratio: Percent) -> ProfileRules {
        self.high_on_time_below = ratio;
        self
    }

    /// This many missed payments or more make the debtor [`RiskTier::Medium`]. At least 1.
    ///
    /// ```
    /// let rules = echeancier::ProfileRules::new().with_medium_missed_payments(2);
    /// assert_eq!(rules.medium_missed_payments(), 2);
    /// ```
    pub fn with_medium_missed_payments(mut self, count: u32) -> ProfileRules {
        self.medium_missed_payments = count;
        self
    }

    /// An on-time ratio strictly below this makes the debtor [`RiskTier::Medium`].
    ///
    /// ```
    /// let rules = echeancier::ProfileRules::new().with_medium_on_time_below("90%".parse()?);
    /// assert_eq!(rules.medium_on_time_below().to_string(), "90%");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_medium_on_time_below(mut self, ratio: Percent) -> ProfileRules {
        self.medium_on_time_below = ratio;
        self
    }

    /// A payment more than this many days late (or an amount still unpaid that long after its due
    /// date) makes the debtor [`RiskTier::Medium`]. At least the tolerance, so that an on-time payment
    /// never counts as too late.
    ///
    /// ```
    /// let rules = echeancier::ProfileRules::new().with_medium_max_days_late(15);
    /// assert_eq!(rules.medium_max_days_late(), 15);
    /// ```
    pub fn with_medium_max_days_late(mut self, days: u32) -> ProfileRules {
        self.medium_max_days_late = days;
        self
    }

    /// The tier of a debtor with nothing assessed yet (a new customer) and no broken agreement.
    ///
    /// ```
    /// use echeancier::{ProfileRules, RiskTier};
    ///
    /// let rules = ProfileRules::new().with_tier_without_history(RiskTier::Medium);
    /// assert_eq!(rules.tier_without_history(), RiskTier::Medium);
    /// ```
    pub fn with_tier_without_history(mut self, tier: RiskTier) -> ProfileRules {
        self.tier_without_history = tier;
        self
    }

    /// Days after the due date within which a payment in full still counts as on time.
    ///
    /// ```
    /// assert_eq!(echeancier::ProfileRules::new().tolerance_days(), 5);
    /// ```
    pub fn tolerance_days(&self) -> u32 {
        self.tolerance_days
    }

    /// Days after the due date after which an amount not paid in full is a missed payment.
    ///
    /// ```
    /// assert_eq!(echeancier::ProfileRules::new().missed_after_days(), 30);
    /// ```
    pub fn missed_after_days(&self) -> u32 {
        self.missed_after_days
    }

    /// How many assessed items each window of the trend holds.
    ///
    /// ```
    /// assert_eq!(echeancier::ProfileRules::new().trend_window(), 6);
    /// ```
    pub fn trend_window(&self) -> u32 {
        self.trend_window
    }

    /// The number of broken agreements from which the debtor is [`RiskTier::High`].
    ///
    /// ```
    /// assert_eq!(echeancier::ProfileRules::new().high_broken_agreements(), 1);
    /// ```
    pub fn high_broken_agreements(&self) -> u32 {
        self.high_broken_agreements
    }

    /// The number of missed payments from which the debtor is [`RiskTier::High`].
    ///
    /// ```
    /// assert_eq!(echeancier::ProfileRules::new().high_missed_payments(), 3);
    /// ```
    pub fn high_missed_payments(&self) -> u32 {
        self.high_missed_payments
    }

    /// The on-time ratio below which the debtor is [`RiskTier::High`].
    ///
    /// ```
    /// assert_eq!(echeancier::ProfileRules::new().high_on_time_below().to_string(), "50%");
    /// ```
    pub fn high_on_time_below(&self) -> Percent {
        self.high_on_time_below
    }

    /// The number of missed payments from which the debtor is [`RiskTier::Medium`].
    ///
    /// ```
    /// assert_eq!(echeancier::ProfileRules::new().medium_missed_payments(), 1);
    /// ```
    pub fn medium_missed_payments(&self) -> u32 {
        self.medium_missed_payments
    }

    /// The on-time ratio below which the debtor is [`RiskTier::Medium`].
    ///
    /// ```
    /// assert_eq!(echeancier::ProfileRules::new().medium_on_time_below().to_string(), "80%");
    /// ```
    pub fn medium_on_time_below(&self) -> Percent {
        self.medium_on_time_below
    }

    /// The number of days late beyond which the debtor is [`RiskTier::Medium`].
    ///
    /// ```
    /// assert_eq!(echeancier::ProfileRules::new().medium_max_days_late(), 30);
    /// ```
    pub fn medium_max_days_late(&self) -> u32 {
        self.medium_max_days_late
    }

    /// The tier of a debtor with nothing assessed yet.
    ///
    /// ```
    /// use echeancier::{ProfileRules, RiskTier};
    ///
    /// assert_eq!(ProfileRules::new().tier_without_history(), RiskTier::Low);
    /// ```
    pub fn tier_without_history(&self) -> RiskTier {
        self.tier_without_history
    }

    /// Checks that the rules are consistent.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidProfileRules`], naming the values, when:
    /// - the missed-payment delay is shorter than the tolerance, or the `Medium` days-late threshold
    ///   is (an on-time payment would count as missed or as too late);
    /// - the trend window is outside 1 to 120;
    /// - a count threshold is 0 (every debtor would reach it);
    /// - the `High` missed-payment threshold is below the `Medium` one, or the `High` on-time ratio
    ///   above the `Medium` one (the tiers would not be ordered).
    ///
    /// ```
    /// use echeancier::ProfileRules;
    ///
    /// assert!(ProfileRules::new().validate().is_ok());
    /// let err = ProfileRules::new().with_tolerance_days(10).with_missed_after_days(7).validate();
    /// assert_eq!(
    ///     err.unwrap_err().to_string(),
    ///     "invalid profile rules: a payment is missed after 7 days, sooner than the tolerance of 10 days"
    /// );
    /// ```
    pub fn validate(&self) -> Result<()> {
        let invalid = |reason: String| Err(Error::InvalidProfileRules { reason });
        if self.missed_after_days < self.tolerance_days {
            return invalid(format!(
                "a payment is missed after {} days, sooner than the tolerance of {} days",
                self.missed_after_days, self.tolerance_days
            ));
        }
        if self.medium_max_days_late < self.tolerance_days {
            return invalid(format!(
                "the medium tier starts beyond {} days late, within the tolerance of {} days",
                self.medium_max_days_late, self.tolerance_days
            ));
        }
        if self.trend_window == 0 || self.trend_window > MAX_TREND_WINDOW {
            return invalid(format!(
                "the trend window of {} items is outside 1 to {MAX_TREND_WINDOW}",
                self.trend_window
            ));
        }
        for (name, count) in [
            ("high broken-agreement", self.high_broken_agreements),
            ("high missed-payment", self.high_missed_payments),
            ("medium missed-payment", self.medium_missed_payments),
        ] {
            if count == 0 {
                return invalid(format!(
                    "the {name} threshold is 0, which every debtor reaches"
                ));
            }
        }
        if self.high_missed_payments < self.medium_missed_payments {
            return invalid(format!(
                "the high tier starts at {} missed payments, below the medium tier's {}",
                self.high_missed_payments, self.medium_missed_payments
            ));
        }
        if self.high_on_time_below > self.medium_on_time_below {
            return invalid(format!(
                "the high tier starts below {} on time, above the medium tier's {}",
                self.high_on_time_below, self.medium_on_time_below
            ));
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RulesRepr {
    tolerance_days: u32,
    missed_after_days: u32,
    trend_window: u32,
    high_broken_agreements: u32,
    high_missed_payments: u32,
    high_on_time_below: Percent,
    medium_missed_payments: u32,
    medium_on_time_below: Percent,
    medium_max_days_late: u32,
    tier_without_history: RiskTier,
}

#[cfg(feature = "serde")]
impl Default for RulesRepr {
    fn default() -> RulesRepr {
        RulesRepr::from(ProfileRules::new())
    }
}

#[cfg(feature = "serde")]
impl TryFrom<RulesRepr> for ProfileRules {
    type Error = Error;

    fn try_from(r: RulesRepr) -> Result<ProfileRules> {
        let rules = ProfileRules {
            tolerance_days: r.tolerance_days,
            missed_after_days: r.missed_after_days,
            trend_window: r.trend_window,
            high_broken_agreements: r.high_broken_agreements,
            high_missed_payments: r.high_missed_payments,
            high_on_time_below: r.high_on_time_below,
            medium_missed_payments: r.medium_missed_payments,
            medium_on_time_below: r.medium_on_time_below,
            medium_max_days_late: r.medium_max_days_late,
            tier_without_history: r.tier_without_history,
        };
        rules.validate()?;
        Ok(rules)
    }
}

#[cfg(feature = "serde")]
impl From<ProfileRules> for RulesRepr {
    fn from(r: ProfileRules) -> RulesRepr {
        RulesRepr {
            tolerance_days: r.tolerance_days,
            missed_after_days: r.missed_after_days,
            trend_window: r.trend_window,
            high_broken_agreements: r.high_broken_agreements,
            high_missed_payments: r.high_missed_payments,
            high_on_time_below: r.high_on_time_below,
            medium_missed_payments: r.medium_missed_payments,
            medium_on_time_below: r.medium_on_time_below,
            medium_max_days_late: r.medium_max_days_late,
            tier_without_history: r.tier_without_history,
        }
    }
}
