//! What a creditor is prepared to offer: the terms every proposal must respect.

use crate::calendar::{BusinessDayRule, HolidayCalendar};
use crate::discount::Reduction;
use crate::error::{Error, Result};
use crate::frequency::Frequency;
use crate::money::{Money, Rounding};
use crate::percent::Percent;
use crate::profile::RiskTier;
use crate::schedule::Interest;

/// The longest a plan may last, with the rule it comes from.
///
/// The two French presets are the legal maxima most collection work meets: a court may spread a debt
/// over at most two years (judicial grace period), and an over-indebtedness commission over at most
/// seven.
///
/// ```
/// use echeancier::MaxDuration;
///
/// assert_eq!(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD.months(), 24);
/// assert_eq!(MaxDuration::FRANCE_OVER_INDEBTEDNESS.months(), 84);
/// assert_eq!(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD.basis(), Some("Code civil, art. 1343-5"));
/// assert_eq!(MaxDuration::months_of(18).basis(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "MaxDurationRepr", into = "MaxDurationRepr")
)]
pub struct MaxDuration {
    months: u32,
    basis: Option<LegalBasis>,
}

/// The legal rules behind the preset maximum durations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
enum LegalBasis {
    FranceJudicialGracePeriod,
    FranceOverIndebtedness,
}

impl LegalBasis {
    fn citation(self) -> &'static str {
        match self {
            LegalBasis::FranceJudicialGracePeriod => "Code civil, art. 1343-5",
            LegalBasis::FranceOverIndebtedness => "Code de la consommation, art. L733-3",
        }
    }
}

impl MaxDuration {
    /// France, judicial grace period (*délais de grâce*): a court may postpone or spread payment of
    /// a debt over at most two years (Code civil, art. 1343-5).
    pub const FRANCE_JUDICIAL_GRACE_PERIOD: MaxDuration = MaxDuration {
        months: 24,
        basis: Some(LegalBasis::FranceJudicialGracePeriod),
    };

    /// France, over-indebtedness plans (*plan de surendettement*): at most seven years (Code de la
    /// consommation, art. L733-3).
    pub const FRANCE_OVER_INDEBTEDNESS: MaxDuration = MaxDuration {
        months: 84,
        basis: Some(LegalBasis::FranceOverIndebtedness),
    };

    /// A creditor's own maximum of `months` months (no legal basis). Checked when the proposals
    /// are computed: zero months, or more than the 100 years of
    /// [`MAX_INSTALMENTS`](crate::MAX_INSTALMENTS) monthly instalments, is refused there.
    ///
    /// ```
    /// assert_eq!(echeancier::MaxDuration::months_of(36).months(), 36);
    /// ```
    pub const fn months_of(months: u32) -> MaxDuration {
        MaxDuration {
            months,
            basis: None,
        }
    }

    /// The number of months.
    ///
    /// ```
    /// assert_eq!(echeancier::MaxDuration::FRANCE_OVER_INDEBTEDNESS.months(), 84);
    /// ```
    pub fn months(&self) -> u32 {
        self.months
    }

    /// The legal rule the maximum comes from, for the presets.
    ///
    /// ```
    /// let basis = echeancier::MaxDuration::FRANCE_OVER_INDEBTEDNESS.basis();
    /// assert_eq!(basis, Some("Code de la consommation, art. L733-3"));
    /// ```
    pub fn basis(&self) -> Option<&'static str> {
        self.basis.map(LegalBasis::citation)
    }

    pub(crate) fn validate(self) -> Result<MaxDuration> {
        if self.months == 0 || self.months > MAX_MONTHS {
            return Err(Error::InvalidMonths {
                what: "the maximum duration of a plan",
                months: self.months,
                min: 1,
                max: MAX_MONTHS,
            });
        }
        Ok(self)
    }
}

/// 1,200 monthly instalments: the crate's hard bound on a plan.
const MAX_MONTHS: u32 = crate::schedule::MAX_INSTALMENTS;

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MaxDurationRepr {
    months: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    basis: Option<LegalBasis>,
}

#[cfg(feature = "serde")]
impl TryFrom<MaxDurationRepr> for MaxDuration {
    type Error = Error;

    fn try_from(r: MaxDurationRepr) -> Result<MaxDuration> {
        let duration = MaxDuration {
            months: r.months,
            basis: r.basis,
        };
        match r.basis {
            Some(LegalBasis::FranceJudicialGracePeriod)
                if duration != MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD =>
            {
                Err(Error::InvalidMonths {
                    what: "the maximum duration of a plan under the French judicial grace period",
                    months: r.months,
                    min: MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD.months,
                    max: MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD.months,
                })
            }
            Some(LegalBasis::FranceOverIndebtedness)
                if duration != MaxDuration::FRANCE_OVER_INDEBTEDNESS =>
            {
                Err(Error::InvalidMonths {
                    what: "the maximum duration of a plan under the French over-indebtedness rules",
                    months: r.months,
                    min: MaxDuration::FRANCE_OVER_INDEBTEDNESS.months,
                    max: MaxDuration::FRANCE_OVER_INDEBTEDNESS.months,
                })
            }
            _ => duration.validate(),
        }
    }
}

#[cfg(feature = "serde")]
impl From<MaxDuration> for MaxDurationRepr {
    fn from(d: MaxDuration) -> MaxDurationRepr {
        MaxDurationRepr {
            months: d.months,
            basis: d.basis,
        }
    }
}

/// The reduction a creditor grants for paying the whole debt at once.
///
/// ```
/// use echeancier::{Reduction, SettlementDiscount};
///
/// let offer = SettlementDiscount::percent("5%".parse()?, 15);
/// assert_eq!(offer.within_days(), 15);
/// assert_eq!(offer.reduction(), Reduction::Percent("5%".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SettlementDiscount {
    reduction: Reduction,
    within_days: u32,
}

impl SettlementDiscount {
    /// `reduction` off the total due when it is paid within `within_days` days of the agreement.
    /// A percentage is rounded down to the minor unit; a fixed amount must be positive and smaller
    /// than the total due, which is checked when the proposals are computed.
    ///
    /// ```
    /// use echeancier::{Reduction, SettlementDiscount};
    ///
    /// let offer = SettlementDiscount::new(Reduction::amount("250.00 EUR".parse()?)?, 30);
    /// assert_eq!(offer.reduction().to_string(), "250.00 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(reduction: Reduction, within_days: u32) -> SettlementDiscount {
        SettlementDiscount {
            reduction,
            within_days,
        }
    }

    /// `percent` off the total due when it is paid within `within_days` days of the agreement. The
    /// reduction is rounded down to the minor unit, so it never exceeds the stated percentage.
    ///
    /// ```
    /// let offer = echeancier::SettlementDiscount::percent("10%".parse()?, 30);
    /// assert_eq!(offer.within_days(), 30);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn percent(percent: Percent, within_days: u32) -> SettlementDiscount {
        SettlementDiscount {
            reduction: Reduction::Percent(percent),
            within_days,
        }
    }

    /// `amount` off the total due when it is paid within `within_days` days of the agreement. The
    /// amount must be positive and smaller than the total due, which is checked when the proposals
    /// are computed.
    ///
    /// ```
    /// let offer = echeancier::SettlementDiscount::amount("250.00 EUR".parse()?, 30);
    /// assert_eq!(offer.reduction().to_string(), "250.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(amount: Money, within_days: u32) -> SettlementDiscount {
        SettlementDiscount {
            reduction: Reduction::Amount(amount),
            within_days,
        }
    }

    /// Days after the agreement within which the reduced amount must be paid.
    ///
    /// ```
    /// assert_eq!(echeancier::SettlementDiscount::percent("5%".parse()?, 8).within_days(), 8);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn within_days(&self) -> u32 {
        self.within_days
    }

    /// The reduction: a percentage of the total due, or an amount.
    ///
    /// See [`SettlementDiscount`] for an example.
    pub fn reduction(&self) -> Reduction {
        self.reduction
    }
}

/// A down payment the creditor requires from debtors of a risk tier or worse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
struct TierDownPayment {
    from: RiskTier,
    percent: Percent,
}

/// What the creditor accepts: how often and how long, the smallest instalment, whether interest is
/// charged, the down payment asked of risky debtors, and a reduction for immediate payment.
///
/// A by-value builder; nothing is checked until [`ProposalRequest::propose`](crate::ProposalRequest::propose)
/// uses it.
///
/// ```
/// use echeancier::{CreditorPolicy, Frequency, Interest, MaxDuration, RiskTier, SettlementDiscount};
///
/// let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD)
///     .with_frequency(Frequency::MONTHLY)
///     .with_minimum_instalment("30.00 EUR".parse()?)
///     .with_comfortable_share("75%".parse()?)
///     .with_down_payment_from(RiskTier::High, "10%".parse()?)
///     .with_settlement(SettlementDiscount::percent("5%".parse()?, 15));
/// assert_eq!(policy.max_duration().months(), 24);
/// assert_eq!(policy.interest(), Interest::None);
/// assert_eq!(policy.down_payment_for(RiskTier::High).map(|p| p.to_string()).as_deref(), Some("10%"));
/// assert_eq!(policy.down_payment_for(RiskTier::Low), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CreditorPolicy {
    max_duration: MaxDuration,
    #[cfg_attr(feature = "serde", serde(default = "monthly"))]
    frequency: Frequency,
    #[cfg_attr(feature = "serde", serde(default))]
    interest: Interest,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    minimum_instalment: Option<Money>,
    #[cfg_attr(feature = "serde", serde(default = "default_comfortable_share"))]
    comfortable_share: Percent,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    down_payments: Vec<TierDownPayment>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    settlement: Option<SettlementDiscount>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    step: Option<Money>,
    #[cfg_attr(feature = "serde", serde(default))]
    rounding: Rounding,
    #[cfg_attr(feature = "serde", serde(default))]
    business_days: BusinessDayRule,
    #[cfg_attr(feature = "serde", serde(default))]
    calendar: HolidayCalendar,
}

#[cfg(feature = "serde")]
fn monthly() -> Frequency {
    Frequency::MONTHLY
}

#[cfg(feature = "serde")]
fn default_comfortable_share() -> Percent {
    DEFAULT_COMFORTABLE_SHARE
}

/// Three quarters of the capacity: room for an unexpected expense without missing an instalment.
const DEFAULT_COMFORTABLE_SHARE: Percent = Percent::from_whole(75);

impl CreditorPolicy {
    /// Monthly plans of at most `max_duration`, no interest, no minimum instalment, a comfortable
    /// plan at 75 % of the capacity, no down payment, no settlement reduction, cent rounding
    /// half-up, dates unadjusted.
    ///
    /// ```
    /// use echeancier::{CreditorPolicy, Frequency, MaxDuration};
    ///
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12));
    /// assert_eq!(policy.frequency(), Frequency::MONTHLY);
    /// assert_eq!(policy.comfortable_share().to_string(), "75%");
    /// assert!(policy.settlement().is_none());
    /// ```
    pub fn new(max_duration: MaxDuration) -> CreditorPolicy {
        CreditorPolicy {
            max_duration,
            frequency: Frequency::MONTHLY,
            interest: Interest::None,
            minimum_instalment: None,
            comfortable_share: DEFAULT_COMFORTABLE_SHARE,
            down_payments: Vec::new(),
            settlement: None,
            step: None,
            rounding: Rounding::HalfUp,
            business_days: BusinessDayRule::Unadjusted,
            calendar: HolidayCalendar::WeekendsOnly,
        }
    }

    /// How often instalments fall due (default monthly); the capacity is per such period.
    ///
    /// ```
    /// # use echeancier::*;
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12)).with_frequency(Frequency::WEEKLY);
    /// assert_eq!(policy.frequency(), Frequency::WEEKLY);
    /// ```
    pub fn with_frequency(mut self, frequency: Frequency) -> CreditorPolicy {
        self.frequency = frequency;
        self
    }

    /// Charges interest on the plans (default: none, the usual case for overdue invoices).
    ///
    /// ```
    /// # use echeancier::*;
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12)).with_interest(Interest::Annuity("4%".parse()?));
    /// assert_eq!(policy.interest(), Interest::Annuity("4%".parse()?));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_interest(mut self, interest: Interest) -> CreditorPolicy {
        self.interest = interest;
        self
    }

    /// The smallest regular instalment the creditor accepts (the last one may be smaller).
    ///
    /// ```
    /// # use echeancier::*;
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12)).with_minimum_instalment("25.00 EUR".parse()?);
    /// assert_eq!(policy.minimum_instalment().map(|m| m.to_string()).as_deref(), Some("25.00 EUR"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_minimum_instalment(mut self, minimum: Money) -> CreditorPolicy {
        self.minimum_instalment = Some(minimum);
        self
    }

    /// The share of the capacity the comfortable option uses (default 75 %).
    ///
    /// ```
    /// # use echeancier::*;
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12)).with_comfortable_share("60%".parse()?);
    /// assert_eq!(policy.comfortable_share().to_string(), "60%");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_comfortable_share(mut self, share: Percent) -> CreditorPolicy {
        self.comfortable_share = share;
        self
    }

    /// Requires a down payment of `percent` of the total due from debtors of tier `from` or worse.
    /// When several rules apply, the largest percentage wins.
    ///
    /// ```
    /// # use echeancier::*;
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12))
    ///     .with_down_payment_from(RiskTier::Medium, "10%".parse()?)
    ///     .with_down_payment_from(RiskTier::High, "20%".parse()?);
    /// assert_eq!(policy.down_payment_for(RiskTier::Medium).map(|p| p.to_string()).as_deref(), Some("10%"));
    /// assert_eq!(policy.down_payment_for(RiskTier::High).map(|p| p.to_string()).as_deref(), Some("20%"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_down_payment_from(mut self, from: RiskTier, percent: Percent) -> CreditorPolicy {
        self.down_payments.push(TierDownPayment { from, percent });
        self
    }

    /// Offers a reduction for paying everything at once.
    ///
    /// ```
    /// # use echeancier::*;
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12))
    ///     .with_settlement(SettlementDiscount::percent("5%".parse()?, 15));
    /// assert!(policy.settlement().is_some());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_settlement(mut self, discount: SettlementDiscount) -> CreditorPolicy {
        self.settlement = Some(discount);
        self
    }

    /// Rounds regular instalments to a multiple of `step` (e.g. whole euros).
    ///
    /// ```
    /// # use echeancier::*;
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12)).with_step("1.00 EUR".parse()?);
    /// assert_eq!(policy.step().map(|m| m.to_string()).as_deref(), Some("1.00 EUR"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_step(mut self, step: Money) -> CreditorPolicy {
        self.step = Some(step);
        self
    }

    /// The rounding of interest and percentages (default half-up).
    ///
    /// ```
    /// # use echeancier::*;
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12)).with_rounding(Rounding::HalfEven);
    /// assert_eq!(policy.rounding(), Rounding::HalfEven);
    /// ```
    pub fn with_rounding(mut self, rounding: Rounding) -> CreditorPolicy {
        self.rounding = rounding;
        self
    }

    /// Moves due dates off non-business days of `calendar`.
    ///
    /// ```
    /// # use echeancier::*;
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12))
    ///     .with_business_days(BusinessDayRule::Following, HolidayCalendar::France);
    /// assert_eq!(policy.business_days(), (BusinessDayRule::Following, HolidayCalendar::France));
    /// ```
    pub fn with_business_days(
        mut self,
        rule: BusinessDayRule,
        calendar: HolidayCalendar,
    ) -> CreditorPolicy {
        self.business_days = rule;
        self.calendar = calendar;
        self
    }

    /// The longest a plan may last.
    ///
    /// ```
    /// # use echeancier::*;
    /// assert_eq!(CreditorPolicy::new(MaxDuration::months_of(12)).max_duration().months(), 12);
    /// ```
    pub fn max_duration(&self) -> MaxDuration {
        self.max_duration
    }

    /// How often instalments fall due.
    ///
    /// ```
    /// # use echeancier::*;
    /// assert_eq!(CreditorPolicy::new(MaxDuration::months_of(12)).frequency(), Frequency::MONTHLY);
    /// ```
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    /// The interest charged.
    ///
    /// ```
    /// # use echeancier::*;
    /// assert_eq!(CreditorPolicy::new(MaxDuration::months_of(12)).interest(), Interest::None);
    /// ```
    pub fn interest(&self) -> Interest {
        self.interest
    }

    /// The smallest regular instalment accepted, if any.
    ///
    /// ```
    /// # use echeancier::*;
    /// assert_eq!(CreditorPolicy::new(MaxDuration::months_of(12)).minimum_instalment(), None);
    /// ```
    pub fn minimum_instalment(&self) -> Option<Money> {
        self.minimum_instalment
    }

    /// The share of the capacity the comfortable option uses.
    ///
    /// ```
    /// # use echeancier::*;
    /// assert_eq!(CreditorPolicy::new(MaxDuration::months_of(12)).comfortable_share().to_string(), "75%");
    /// ```
    pub fn comfortable_share(&self) -> Percent {
        self.comfortable_share
    }

    /// The down payment required from a debtor of `tier`: the largest percentage among the rules
    /// for `tier` or better tiers.
    ///
    /// ```
    /// # use echeancier::*;
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12)).with_down_payment_from(RiskTier::Medium, "10%".parse()?);
    /// assert_eq!(policy.down_payment_for(RiskTier::Low), None);
    /// assert!(policy.down_payment_for(RiskTier::High).is_some());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn down_payment_for(&self, tier: RiskTier) -> Option<Percent> {
        self.down_payments
            .iter()
            .filter(|rule| rule.from <= tier && !rule.percent.is_zero())
            .map(|rule| rule.percent)
            .max()
    }

    /// The reduction offered for immediate payment, if any.
    ///
    /// ```
    /// # use echeancier::*;
    /// assert!(CreditorPolicy::new(MaxDuration::months_of(12)).settlement().is_none());
    /// ```
    pub fn settlement(&self) -> Option<SettlementDiscount> {
        self.settlement
    }

    /// The rounding step of regular instalments, if any.
    ///
    /// ```
    /// # use echeancier::*;
    /// assert_eq!(CreditorPolicy::new(MaxDuration::months_of(12)).step(), None);
    /// ```
    pub fn step(&self) -> Option<Money> {
        self.step
    }

    /// The rounding of interest and percentages.
    ///
    /// ```
    /// # use echeancier::*;
    /// assert_eq!(CreditorPolicy::new(MaxDuration::months_of(12)).rounding(), Rounding::HalfUp);
    /// ```
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// The business-day rule and its calendar.
    ///
    /// ```
    /// # use echeancier::*;
    /// let (rule, _) = CreditorPolicy::new(MaxDuration::months_of(12)).business_days();
    /// assert_eq!(rule, BusinessDayRule::Unadjusted);
    /// ```
    pub fn business_days(&self) -> (BusinessDayRule, HolidayCalendar) {
        (self.business_days, self.calendar)
    }
}
