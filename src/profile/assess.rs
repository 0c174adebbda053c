//! Reading a payment history as of a date: the figures, the trend and the risk tier.

use core::fmt;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::{Money, Rounding};
use crate::penalty::OverdueItem;
use crate::percent::Percent;
use crate::profile::history::{AgreementOutcome, PaymentHistory};
use crate::profile::rules::ProfileRules;
use crate::profile::RiskTier;

/// Whether a debtor pays better or worse lately: the last [`ProfileRules::trend_window`] assessed
/// items compared with the same number just before them.
///
/// Items are read in due-date order, items due on the same date in the order of their references.
/// The rule: the window with fewer late items is the better one; with as many late items, the window
/// with fewer days late in total is; with the same figures the trend is [`Trend::Stable`]. With fewer
/// than twice the window of assessed items, it is [`Trend::NotEnoughData`].
///
/// ```
/// use echeancier::Trend;
///
/// assert_eq!(Trend::default(), Trend::NotEnoughData);
/// assert_eq!(Trend::Worsening.to_string(), "worsening");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Trend {
    /// Fewer than two windows of assessed items.
    #[default]
    NotEnoughData,
    /// The recent window is better than the one before.
    Improving,
    /// Both windows have as many late items and as many days late.
    Stable,
    /// The recent window is worse than the one before.
    Worsening,
}

impl fmt::Display for Trend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Trend::NotEnoughData => "not enough data",
            Trend::Improving => "improving",
            Trend::Stable => "stable",
            Trend::Worsening => "worsening",
        })
    }
}

/// Why a profile has its [`RiskTier`]: the first threshold crossed, checked in this order —
/// broken agreements, missed payments and on-time ratio against the `High` thresholds, then missed
/// payments, on-time ratio and days late against the `Medium` thresholds.
///
/// ```
/// use echeancier::{Currency, PaymentHistory, Profile, ProfileRules, TierReason};
/// use chrono::NaiveDate;
///
/// let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
/// let profile = Profile::from_history(&PaymentHistory::new(Currency::EUR), as_of, &ProfileRules::new())?;
/// assert_eq!(profile.tier_reason(), TierReason::NoHistory);
/// assert_eq!(profile.tier_reason().to_string(), "no payment history to assess");
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising checks that the figure crosses its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        rename_all = "snake_case",
        deny_unknown_fields,
        try_from = "TierReasonRepr"
    )
)]
#[non_exhaustive]
pub enum TierReason {
    /// Nothing assessed yet and no threshold crossed: the tier is
    /// [`ProfileRules::tier_without_history`].
    NoHistory,
    /// No threshold crossed.
    WithinThresholds,
    /// At least `threshold` broken agreements.
    BrokenAgreements {
        /// The number of agreements broken as of the profile's date.
        count: u32,
        /// The threshold reached.
        threshold: u32,
    },
    /// At least `threshold` missed payments.
    MissedPayments {
        /// The number of missed payments.
        count: u32,
        /// The threshold reached.
        threshold: u32,
    },
    /// An on-time ratio below `threshold`.
    OnTimeRatioBelow {
        /// The on-time ratio, rounded half-up to two decimals (just under the threshold when
        /// rounding would reach it).
        ratio: Percent,
        /// The threshold.
        threshold: Percent,
    },
    /// An amount paid, or still unpaid, more than `threshold` days after its due date.
    DaysLateAbove {
        /// The most days late.
        days: u64,
        /// The threshold.
        threshold: u32,
    },
}

impl fmt::Display for TierReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TierReason::NoHistory => f.write_str("no payment history to assess"),
            TierReason::WithinThresholds => f.write_str("within every threshold"),
            TierReason::BrokenAgreements { count, threshold } => write!(
                f,
                "{count} broken agreement{}, threshold {threshold}",
                plural(u64::from(*count))
            ),
            TierReason::MissedPayments { count, threshold } => write!(
                f,
                "{count} missed payment{}, threshold {threshold}",
                plural(u64::from(*count))
            ),
            TierReason::OnTimeRatioBelow { ratio, threshold } => {
                write!(f, "{ratio} on time, below {threshold}")
            }
            TierReason::DaysLateAbove { days, threshold } => {
                write!(f, "{days} days late, more than {threshold}")
            }
        }
    }
}

fn plural(count: u64) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

/// What a debtor's payment history says as of a date: how often and how late they paid, what they
/// missed, the agreements they broke, the trend, and the resulting [`RiskTier`] with its reason.
///
/// # Definitions
///
/// Only the amounts due on or before the as-of date and the payments made on or before it count.
/// For each such amount, with the tolerance and missed-payment delay of the [`ProfileRules`]:
///
/// - it is **settled** on the date its payments first add up to the amount;
/// - it is **on time** if settled on or before its due date + tolerance days;
/// - it is **assessed** once it is settled or its due date + tolerance has passed (at the end of the
///   as-of date); an amount still unpaid within its tolerance is **pending** and does not count yet;
/// - its **days late** are the days from its due date to its settlement (0 if paid early), or to the
///   as-of date while unpaid;
/// - it is **missed** if it was not settled within its due date + missed-payment days (it stays
///   missed if paid later).
///
/// The **on-time ratio** is on-time items ÷ assessed items, compared exactly with the thresholds and
/// shown rounded half-up to two decimals (a reason "below the threshold" never shows the
/// threshold itself). The **average days late** is the total days late of the assessed items ÷ their number
/// (on-time items count their days, often 0), rounded half-up to two decimals. An agreement counts
/// as **broken** if it was broken on or before the as-of date. The [`Trend`] and the [`TierReason`]
/// say how those are read.
///
/// With the `serde` feature a profile serialises with all its figures; it is a result, not an input,
/// so it does not deserialise (compute it again from the history instead).
///
/// ```
/// use echeancier::{Agreement, Currency, OverdueItem, PaymentHistory, Profile, ProfileRules, RiskTier};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let due = |r, m, day| OverdueItem::new(r, d(m, day), "200.00 EUR".parse().unwrap());
/// let history = PaymentHistory::new(Currency::EUR)
///     .with_item(due("1", 1, 5)?.paid_on(d(1, 5))?)?   // on time
///     .with_item(due("2", 2, 5)?.paid_on(d(2, 9))?)?   // 4 days late: within the 5 days of tolerance
///     .with_item(due("3", 3, 5)?.paid_on(d(3, 25))?)?  // 20 days late
///     .with_item(due("4", 4, 5)?)?                     // unpaid: 56 days late on 31 May, missed
///     .with_item(due("5", 5, 5)?.paid_on(d(5, 2))?)?   // paid early
///     .with_agreement(Agreement::new("promise", d(4, 20))?.honoured_on(d(4, 30))?)?;
/// let profile = Profile::from_history(&history, d(5, 31), &ProfileRules::new())?;
///
/// assert_eq!((profile.on_time(), profile.assessed()), (3, 5));
/// assert_eq!(profile.on_time_ratio(), Some("60%".parse()?));
/// assert_eq!(profile.average_days_late().map(|a| a.to_string()), Some("16".into())); // (4 + 20 + 56) / 5
/// assert_eq!(profile.max_days_late(), Some(56));
/// assert_eq!(profile.missed_payments(), 1);
/// assert_eq!(profile.overdue().to_string(), "200.00 EUR");
/// assert_eq!(profile.tier(), RiskTier::Medium);
/// assert_eq!(profile.tier_reason().to_string(), "1 missed payment, threshold 1");
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// A profile does not carry the history and rules it was made from, so deserialising re-checks that
/// its figures agree with each other (counts within the items assessed, the ratio, average and
/// maximum those of the counts and days, a tier its reason gives) and rejects JSON that breaks
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ProfileRepr"))]
pub struct Profile {
    as_of: NaiveDate,
    assessed: u32,
    on_time: u32,
    pending: u32,
    on_time_ratio: Option<Percent>,
    total_days_late: u64,
    average_days_late: Option<Decimal>,
    max_days_late: Option<u64>,
    missed_payments: u32,
    broken_agreements: u32,
    honoured_agreements: u32,
    agreements_in_progress: u32,
    overdue: Money,
    trend: Trend,
    tier: RiskTier,
    tier_reason: TierReason,
}

/// One assessed item, as the trend and the totals need it.
#[derive(Clone, Copy)]
struct Assessed<'a> {
    due_date: NaiveDate,
    reference: &'a str,
    on_time: bool,
    days_late: u64,
}

fn overflow(operation: &'static str) -> Error {
    Error::Overflow { operation }
}

fn increment(count: &mut u32) -> Result<()> {
    *count = count
        .checked_add(1)
        .ok_or(overflow("counting the items of a payment history"))?;
    Ok(())
}

/// `date` + `days`; `None` beyond the calendar, where a deadline never passes.
fn after(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::from(days)))
}

/// Days from `from` to `to`, 0 if `to` is not after `from`.
fn days_from(from: NaiveDate, to: NaiveDate) -> u64 {
    u64::try_from(to.signed_duration_since(from).num_days()).unwrap_or(0)
}

impl Profile {
    /// Reads `history` as of the end of `as_of` with `rules` (see the definitions above).
    ///
    /// An empty history, or one with nothing assessed yet, is not an error: its profile has no
    /// ratio, average or maximum, and the tier [`ProfileRules::tier_without_history`] (unless broken
    /// agreements already reach a threshold).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidProfileRules`] if the rules are inconsistent ([`ProfileRules::validate`]);
    /// [`Error::Overflow`] if the overdue total or the days late leave their range.
    ///
    /// ```
    /// use echeancier::{Currency, PaymentHistory, Profile, ProfileRules, RiskTier, Trend};
    /// use chrono::NaiveDate;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    /// let empty = PaymentHistory::new(Currency::EUR);
    /// let profile = Profile::from_history(&empty, as_of, &ProfileRules::new())?;
    /// assert!(!profile.has_history());
    /// assert_eq!((profile.tier(), profile.trend()), (RiskTier::Low, Trend::NotEnoughData));
    /// assert_eq!(profile.on_time_ratio(), None);
    /// let wary = ProfileRules::new().with_tier_without_history(RiskTier::Medium);
    /// assert_eq!(Profile::from_history(&empty, as_of, &wary)?.tier(), RiskTier::Medium);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn from_history(
        history: &PaymentHistory,
        as_of: NaiveDate,
        rules: &ProfileRules,
    ) -> Result<Profile> {
        rules.validate()?;
        let mut assessed = Vec::new();
        let mut pending = 0;
        let mut missed_payments = 0;
        let mut overdue = Money::zero(history.currency());
        for item in history.items().iter().filter(|i| i.due_date() <= as_of) {
            overdue = overdue.checked_add(item.outstanding_after(as_of)?)?;
            match assess(item, as_of, rules) {
                Reading::Pending => increment(&mut pending)?,
                Reading::Assessed(a, missed) => {
                    if missed {
                        increment(&mut missed_payments)?;
                    }
                    assessed.push(a);
                }
            }
        }
        // The trend reads the most recent items; ordering ties by reference keeps the profile
        // independent of the order the items were given in.
        assessed.sort_by(|a, b| (a.due_date, a.reference).cmp(&(b.due_date, b.reference)));

        let mut on_time = 0;
        let mut total_days_late: u64 = 0;
        let mut max_days_late = None;
        for a in &assessed {
            if a.on_time {
                increment(&mut on_time)?;
            }
            total_days_late = total_days_late
                .checked_add(a.days_late)
                .ok_or(overflow("adding up days late"))?;
            max_days_late = max_days_late.max(Some(a.days_late));
        }
        let count = u32::try_from(assessed.len())
            .map_err(|_| overflow("counting the items of a payment history"))?;

        let (mut broken_agreements, mut honoured_agreements, mut agreements_in_progress) =
            (0, 0, 0);
        for agreement in history.agreements() {
            match agreement.outcome_on(as_of) {
                Some(AgreementOutcome::Broken) => increment(&mut broken_agreements)?,
                Some(AgreementOutcome::Honoured) => increment(&mut honoured_agreements)?,
                Some(AgreementOutcome::InProgress) => increment(&mut agreements_in_progress)?,
                None => {}
            }
        }

        let on_time_ratio = ratio_shown(on_time, count)?;
        let average_days_late = match count {
            0 => None,
            n => Some(
                Rounding::HalfUp
                    .round_dp(
                        Decimal::from(total_days_late)
                            .checked_div(Decimal::from(n))
                            .ok_or(overflow("averaging days late"))?,
                        2,
                    )
                    .normalize(),
            ),
        };
        let figures = Figures {
            assessed: count,
            on_time,
            on_time_ratio,
            max_days_late,
            missed_payments,
            broken_agreements,
        };
        let (tier, tier_reason) = figures.tier(rules)?;
        Ok(Profile {
            as_of,
            assessed: count,
            on_time,
            pending,
            on_time_ratio,
            total_days_late,
            average_days_late,
            max_days_late,
            missed_payments,
            broken_agreements,
            honoured_agreements,
            agreements_in_progress,
            overdue,
            trend: trend(&assessed, rules.trend_window()),
            tier,
            tier_reason,
        })
    }

    /// The date the history was read at (its end: that day's payments count).
    ///
    /// ```
    /// use echeancier::{Currency, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    /// let p = Profile::from_history(&PaymentHistory::new(Currency::EUR), as_of, &ProfileRules::new())?;
    /// assert_eq!(p.as_of(), as_of);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// True when at least one item was assessed.
    ///
    /// ```
    /// use echeancier::{Currency, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let p = Profile::from_history(&PaymentHistory::new(Currency::EUR), NaiveDate::MIN, &ProfileRules::new())?;
    /// assert!(!p.has_history());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn has_history(&self) -> bool {
        self.assessed > 0
    }

    /// The number of assessed items: due on or before the as-of date and settled or past their
    /// tolerance.
    ///
    /// ```
    /// use echeancier::{Currency, OverdueItem, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let d = |day| NaiveDate::from_ymd_opt(2025, 6, day).unwrap();
    /// let history = PaymentHistory::new(Currency::EUR)
    ///     .with_item(OverdueItem::new("1", d(1), "9.00 EUR".parse()?)?)?   // unpaid 29 days
    ///     .with_item(OverdueItem::new("2", d(28), "9.00 EUR".parse()?)?)?; // within its tolerance
    /// let p = Profile::from_history(&history, d(30), &ProfileRules::new())?;
    /// assert_eq!((p.assessed(), p.pending()), (1, 1));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn assessed(&self) -> u32 {
        self.assessed
    }

    /// The number of assessed items paid in full by their due date + tolerance.
    ///
    /// ```
    /// use echeancier::{Currency, OverdueItem, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let d = |day| NaiveDate::from_ymd_opt(2025, 6, day).unwrap();
    /// let item = OverdueItem::new("1", d(1), "9.00 EUR".parse()?)?.paid_on(d(6))?; // 5 days: tolerated
    /// let history = PaymentHistory::new(Currency::EUR).with_item(item)?;
    /// assert_eq!(Profile::from_history(&history, d(30), &ProfileRules::new())?.on_time(), 1);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn on_time(&self) -> u32 {
        self.on_time
    }

    /// The number of assessed items not paid in full by their due date + tolerance.
    ///
    /// ```
    /// use echeancier::{Currency, OverdueItem, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let d = |day| NaiveDate::from_ymd_opt(2025, 6, day).unwrap();
    /// let item = OverdueItem::new("1", d(1), "9.00 EUR".parse()?)?.paid_on(d(7))?; // 6 days
    /// let history = PaymentHistory::new(Currency::EUR).with_item(item)?;
    /// assert_eq!(Profile::from_history(&history, d(30), &ProfileRules::new())?.late(), 1);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn late(&self) -> u32 {
        // `on_time` counts a subset of the assessed items.
        self.assessed.saturating_sub(self.on_time)
    }

    /// The number of items due on or before the as-of date, not paid in full yet, but still within
    /// their tolerance: not assessed.
    ///
    /// ```
    /// use echeancier::{Currency, OverdueItem, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let d = |day| NaiveDate::from_ymd_opt(2025, 6, day).unwrap();
    /// let history = PaymentHistory::new(Currency::EUR).with_item(OverdueItem::new("1", d(28), "9.00 EUR".parse()?)?)?;
    /// assert_eq!(Profile::from_history(&history, d(30), &ProfileRules::new())?.pending(), 1);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn pending(&self) -> u32 {
        self.pending
    }

    /// On-time items ÷ assessed items, rounded half-up to two decimals (the tier is decided on the
    /// exact ratio); `None` with nothing assessed.
    ///
    /// ```
    /// use echeancier::{Currency, OverdueItem, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
    /// let history = PaymentHistory::new(Currency::EUR)
    ///     .with_item(OverdueItem::new("1", d(1), "9.00 EUR".parse()?)?.paid_on(d(1))?)?
    ///     .with_item(OverdueItem::new("2", d(2), "9.00 EUR".parse()?)?.paid_on(d(2))?)?
    ///     .with_item(OverdueItem::new("3", d(3), "9.00 EUR".parse()?)?.paid_on(d(4))?)?;
    /// let p = Profile::from_history(&history, d(6), &ProfileRules::new())?;
    /// assert_eq!(p.on_time_ratio().map(|r| r.to_string()), Some("66.67%".into())); // 2/3, rounded
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn on_time_ratio(&self) -> Option<Percent> {
        self.on_time_ratio
    }

    /// The days late of all assessed items added up.
    ///
    /// ```
    /// use echeancier::{Currency, OverdueItem, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let d = |day| NaiveDate::from_ymd_opt(2025, 6, day).unwrap();
    /// let history = PaymentHistory::new(Currency::EUR)
    ///     .with_item(OverdueItem::new("1", d(1), "9.00 EUR".parse()?)?.paid_on(d(3))?)?
    ///     .with_item(OverdueItem::new("2", d(2), "9.00 EUR".parse()?)?.paid_on(d(12))?)?;
    /// assert_eq!(Profile::from_history(&history, d(30), &ProfileRules::new())?.total_days_late(), 12);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn total_days_late(&self) -> u64 {
        self.total_days_late
    }

    /// [`total_days_late`](Profile::total_days_late) ÷ [`assessed`](Profile::assessed), rounded
    /// half-up to two decimals; `None` with nothing assessed.
    ///
    /// ```
    /// use echeancier::{Currency, OverdueItem, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let d = |day| NaiveDate::from_ymd_opt(2025, 6, day).unwrap();
    /// let history = PaymentHistory::new(Currency::EUR)
    ///     .with_item(OverdueItem::new("1", d(1), "9.00 EUR".parse()?)?.paid_on(d(1))?)?
    ///     .with_item(OverdueItem::new("2", d(2), "9.00 EUR".parse()?)?.paid_on(d(2))?)?
    ///     .with_item(OverdueItem::new("3", d(3), "9.00 EUR".parse()?)?.paid_on(d(5))?)?;
    /// let p = Profile::from_history(&history, d(30), &ProfileRules::new())?;
    /// assert_eq!(p.average_days_late().map(|a| a.to_string()), Some("0.67".into())); // 2/3
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn average_days_late(&self) -> Option<Decimal> {
        self.average_days_late
    }

    /// The most days late of an assessed item (an unpaid one counts up to the as-of date); `None`
    /// with nothing assessed.
    ///
    /// ```
    /// use echeancier::{Currency, OverdueItem, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let d = |day| NaiveDate::from_ymd_opt(2025, 6, day).unwrap();
    /// let history = PaymentHistory::new(Currency::EUR).with_item(OverdueItem::new("1", d(1), "9.00 EUR".parse()?)?)?;
    /// assert_eq!(Profile::from_history(&history, d(30), &ProfileRules::new())?.max_days_late(), Some(29));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn max_days_late(&self) -> Option<u64> {
        self.max_days_late
    }

    /// The number of items not paid in full within their due date + the missed-payment delay.
    ///
    /// ```
    /// use echeancier::{Currency, OverdueItem, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// // Paid 40 days late: missed, even though it was paid in the end.
    /// let item = OverdueItem::new("1", d(1, 1), "9.00 EUR".parse()?)?.paid_on(d(2, 10))?;
    /// let history = PaymentHistory::new(Currency::EUR).with_item(item)?;
    /// assert_eq!(Profile::from_history(&history, d(6, 30), &ProfileRules::new())?.missed_payments(), 1);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn missed_payments(&self) -> u32 {
        self.missed_payments
    }

    /// The number of agreements broken on or before the as-of date.
    ///
    /// ```
    /// use echeancier::{Agreement, Currency, PaymentHistory, Profile, ProfileRules, RiskTier};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
    /// let history = PaymentHistory::new(Currency::EUR)
    ///     .with_agreement(Agreement::new("A-1", d(1))?.broken_on(d(3))?)?;
    /// let p = Profile::from_history(&history, d(6), &ProfileRules::new())?;
    /// assert_eq!((p.broken_agreements(), p.tier()), (1, RiskTier::High));
    /// assert_eq!(Profile::from_history(&history, d(2), &ProfileRules::new())?.broken_agreements(), 0);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn broken_agreements(&self) -> u32 {
        self.broken_agreements
    }

    /// The number of agreements honoured on or before the as-of date.
    ///
    /// ```
    /// use echeancier::{Agreement, Currency, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
    /// let history = PaymentHistory::new(Currency::EUR)
    ///     .with_agreement(Agreement::new("A-1", d(1))?.honoured_on(d(3))?)?;
    /// assert_eq!(Profile::from_history(&history, d(6), &ProfileRules::new())?.honoured_agreements(), 1);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn honoured_agreements(&self) -> u32 {
        self.honoured_agreements
    }

    /// The number of agreements signed on or before the as-of date and still running then.
    ///
    /// ```
    /// use echeancier::{Agreement, Currency, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
    /// let history = PaymentHistory::new(Currency::EUR).with_agreement(Agreement::new("A-1", d(1))?)?;
    /// assert_eq!(Profile::from_history(&history, d(6), &ProfileRules::new())?.agreements_in_progress(), 1);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn agreements_in_progress(&self) -> u32 {
        self.agreements_in_progress
    }

    /// What is still owed, at the end of the as-of date, on the items due by then.
    ///
    /// ```
    /// use echeancier::{Currency, OverdueItem, PartialPayment, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let d = |day| NaiveDate::from_ymd_opt(2025, 6, day).unwrap();
    /// let item = OverdueItem::new("1", d(1), "90.00 EUR".parse()?)?
    ///     .with_payment(PartialPayment::new(d(3), "30.00 EUR".parse()?)?)?;
    /// let history = PaymentHistory::new(Currency::EUR).with_item(item)?;
    /// assert_eq!(Profile::from_history(&history, d(30), &ProfileRules::new())?.overdue().to_string(), "60.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn overdue(&self) -> Money {
        self.overdue
    }

    /// The trend of the last items.
    ///
    /// ```
    /// use echeancier::{Currency, PaymentHistory, Profile, ProfileRules, Trend};
    /// use chrono::NaiveDate;
    ///
    /// let p = Profile::from_history(&PaymentHistory::new(Currency::EUR), NaiveDate::MIN, &ProfileRules::new())?;
    /// assert_eq!(p.trend(), Trend::NotEnoughData);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn trend(&self) -> Trend {
        self.trend
    }

    /// The risk tier.
    ///
    /// ```
    /// use echeancier::{Currency, PaymentHistory, Profile, ProfileRules, RiskTier};
    /// use chrono::NaiveDate;
    ///
    /// let p = Profile::from_history(&PaymentHistory::new(Currency::EUR), NaiveDate::MIN, &ProfileRules::new())?;
    /// assert_eq!(p.tier(), RiskTier::Low);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn tier(&self) -> RiskTier {
        self.tier
    }

    /// Why the profile has its tier.
    ///
    /// ```
    /// use echeancier::{Currency, PaymentHistory, Profile, ProfileRules, TierReason};
    /// use chrono::NaiveDate;
    ///
    /// let p = Profile::from_history(&PaymentHistory::new(Currency::EUR), NaiveDate::MIN, &ProfileRules::new())?;
    /// assert_eq!(p.tier_reason(), TierReason::NoHistory);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn tier_reason(&self) -> TierReason {
        self.tier_reason
    }
}

/// A one-line English summary.
///
/// ```
/// use echeancier::{Currency, OverdueItem, PaymentHistory, Profile, ProfileRules};
/// use chrono::NaiveDate;
///
/// let d = |m| NaiveDate::from_ymd_opt(2025, m, 10).unwrap();
/// let history = PaymentHistory::new(Currency::EUR)
///     .with_item(OverdueItem::new("1", d(1), "9.00 EUR".parse()?)?.paid_on(d(1))?)?
///     .with_item(OverdueItem::new("2", d(2), "9.00 EUR".parse()?)?.paid_on(d(3))?)?; // 28 days late
/// let p = Profile::from_history(&history, d(6), &ProfileRules::new())?;
/// assert_eq!(
///     p.to_string(),
///     "medium risk as of 2025-06-10 (50% on time, below 80%): 1 of 2 payments on time (50%), \
///      14 days late on average, 28 at most; 0 missed payments; 0 broken agreements; \
///      trend not enough data"
/// );
/// # Ok::<(), echeancier::Error>(())
/// ```
impl Profile {
    /// The profile in one line as a reader of `language` reads it; `Display` is the English one.
    ///
    /// ```
    /// use echeancier::{Currency, Language, OverdueItem, PaymentHistory, Profile, ProfileRules};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m| NaiveDate::from_ymd_opt(2025, m, 10).unwrap();
    /// let history = PaymentHistory::new(Currency::EUR)
    ///     .with_item(OverdueItem::new("1", d(1), "9.00 EUR".parse()?)?.paid_on(d(1))?)?
    ///     .with_item(OverdueItem::new("2", d(2), "9.00 EUR".parse()?)?.paid_on(d(3))?)?;
    /// let p = Profile::from_history(&history, d(6), &ProfileRules::new())?;
    /// assert_eq!(
    ///     p.to_string_in(Language::French),
    ///     "risque moyen au 2025-06-10 (50 % des paiements à l'heure, sous le seuil de 80 %) : \
    ///      1 paiement à l'heure sur 2 (50 %), 14 jours de retard en moyenne, 28 au plus ; \
    ///      0 paiement manqué ; 0 accord non respecté ; tendance : pas assez de données"
    /// );
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn to_string_in(&self, language: crate::Language) -> String {
        if language == crate::Language::English {
            return self.to_string();
        }
        use crate::proposal::explain::{tier_fr, tier_reason_fr};
        let plural = |n: u64| if n > 1 { "s" } else { "" };
        let pct = |p: Percent| crate::language::percent(p, language);
        let mut text = format!(
            "risque {} au {} ({}) : ",
            tier_fr(self.tier),
            self.as_of,
            tier_reason_fr(self.tier_reason)
        );
        match (
            self.on_time_ratio,
            self.average_days_late,
            self.max_days_late,
        ) {
            (Some(ratio), Some(average), Some(max)) => text.push_str(&format!(
                "{} paiement{} à l'heure sur {} ({}), {} jours de retard en moyenne, {max} au plus",
                self.on_time,
                plural(u64::from(self.on_time)),
                self.assessed,
                pct(ratio),
                average.to_string().replace('.', ",")
            )),
            _ => text.push_str("aucun paiement évalué pour l'instant"),
        }
        let trend = match self.trend {
            Trend::NotEnoughData => "pas assez de données",
            Trend::Improving => "en amélioration",
            Trend::Stable => "stable",
            Trend::Worsening => "en dégradation",
        };
        text.push_str(&format!(
            " ; {} paiement{} manqué{} ; {} accord{} non respecté{} ; tendance : {trend}",
            self.missed_payments,
            plural(u64::from(self.missed_payments)),
            plural(u64::from(self.missed_payments)),
            self.broken_agreements,
            plural(u64::from(self.broken_agreements)),
            plural(u64::from(self.broken_agreements)),
        ));
        text
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The reason right after the tier it explains, before the figures and the trend.
        write!(
            f,
            "{} risk as of {} ({}): ",
            self.tier, self.as_of, self.tier_reason
        )?;
        match (
            self.on_time_ratio,
            self.average_days_late,
            self.max_days_late,
        ) {
            (Some(ratio), Some(average), Some(max)) => write!(
                f,
                "{} of {} payment{} on time ({ratio}), {average} days late on average, {max} at most",
                self.on_time,
                self.assessed,
                plural(u64::from(self.assessed))
            )?,
            _ => f.write_str("no payment assessed yet")?,
        }
        write!(
            f,
            "; {} missed payment{}; {} broken agreement{}; trend {}",
            self.missed_payments,
            plural(u64::from(self.missed_payments)),
            self.broken_agreements,
            plural(u64::from(self.broken_agreements)),
            self.trend,
        )
    }
}

enum Reading<'a> {
    /// Unpaid but within its tolerance.
    Pending,
    /// Assessed, and whether it was missed.
    Assessed(Assessed<'a>, bool),
}

fn assess<'a>(item: &'a OverdueItem, as_of: NaiveDate, rules: &ProfileRules) -> Reading<'a> {
    let due = item.due_date();
    // Payments are kept in date order, so the date they first clear the amount is the settlement
    // date; one after the as-of date has not happened yet.
    let settled = item.paid_date().filter(|date| *date <= as_of);
    let on_time_until = after(due, rules.tolerance_days());
    let missed_after = after(due, rules.missed_after_days());
    match settled {
        Some(date) => Reading::Assessed(
            Assessed {
                due_date: due,
                reference: item.reference(),
                on_time: on_time_until.map_or(true, |limit| date <= limit),
                days_late: days_from(due, date),
            },
            missed_after.is_some_and(|limit| date > limit),
        ),
        None if on_time_until.is_some_and(|limit| limit <= as_of) => Reading::Assessed(
            Assessed {
                due_date: due,
                reference: item.reference(),
                on_time: false,
                days_late: days_from(due, as_of),
            },
            missed_after.is_some_and(|limit| limit <= as_of),
        ),
        None => Reading::Pending,
    }
}

/// The ratio a reason "below `threshold`" shows: the ratio shown, unless rounding took it up to
/// the threshold (79.996 % shows as 80.00 %), then just under it (79.99 %), so that the reason never
/// reads "80% on time, below 80%".
fn reason_ratio(shown: Option<Percent>, threshold: Percent) -> Percent {
    let shown = shown.unwrap_or(Percent::ZERO);
    if shown < threshold {
        return shown;
    }
    threshold
        .percent()
        .checked_sub(Decimal::new(1, 2))
        .and_then(|p| Percent::new(p.max(Decimal::ZERO)).ok())
        .unwrap_or(Percent::ZERO)
}

/// `on_time / assessed` rounded half-up to two decimals, computed on integers so it is exact.
fn ratio_shown(on_time: u32, assessed: u32) -> Result<Option<Percent>> {
    if assessed == 0 {
        return Ok(None);
    }
    // In hundredths of a percent, rounded half-up: (2 × 10,000 × on time + assessed) ÷ (2 ×
    // assessed), at most 10,000.
    let hundredths = u64::from(on_time)
        .checked_mul(20_000)
        .and_then(|h| h.checked_add(u64::from(assessed)))
        .and_then(|h| h.checked_div(u64::from(assessed).checked_mul(2)?))
        .and_then(|h| i64::try_from(h).ok())
        .ok_or_else(|| overflow("computing the on-time ratio"))?;
    Percent::new(Decimal::new(hundredths, 2)).map(Some)
}

/// The figures the tier is decided on.
struct Figures {
    assessed: u32,
    on_time: u32,
    on_time_ratio: Option<Percent>,
    max_days_late: Option<u64>,
    missed_payments: u32,
    broken_agreements: u32,
}

impl Figures {
    /// True when the exact ratio `on_time / assessed` is strictly below `threshold`.
    fn ratio_below(&self, threshold: Percent) -> Result<bool> {
        if self.assessed == 0 {
            return Ok(false);
        }
        // on_time / assessed < t / 100  ⇔  on_time × 100 < t × assessed
        let left = Decimal::from(self.on_time)
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or(overflow("comparing the on-time ratio"))?;
        let right = threshold
            .percent()
            .checked_mul(Decimal::from(self.assessed))
            .ok_or(overflow("comparing the on-time ratio"))?;
        Ok(left < right)
    }

    fn ratio_reason(&self, threshold: Percent) -> TierReason {
        TierReason::OnTimeRatioBelow {
            ratio: reason_ratio(self.on_time_ratio, threshold),
            threshold,
        }
    }

    fn tier(&self, rules: &ProfileRules) -> Result<(RiskTier, TierReason)> {
        if self.broken_agreements >= rules.high_broken_agreements() {
            return Ok((
                RiskTier::High,
                TierReason::BrokenAgreements {
                    count: self.broken_agreements,
                    threshold: rules.high_broken_agreements(),
                },
            ));
        }
        if self.missed_payments >= rules.high_missed_payments() {
            return Ok((
                RiskTier::High,
                TierReason::MissedPayments {
                    count: self.missed_payments,
                    threshold: rules.high_missed_payments(),
                },
            ));
        }
        if self.ratio_below(rules.high_on_time_below())? {
            return Ok((
                RiskTier::High,
                self.ratio_reason(rules.high_on_time_below()),
            ));
        }
        if self.missed_payments >= rules.medium_missed_payments() {
            return Ok((
                RiskTier::Medium,
                TierReason::MissedPayments {
                    count: self.missed_payments,
                    threshold: rules.medium_missed_payments(),
                },
            ));
        }
        if self.ratio_below(rules.medium_on_time_below())? {
            return Ok((
                RiskTier::Medium,
                self.ratio_reason(rules.medium_on_time_below()),
            ));
        }
        if let Some(days) = self.max_days_late {
            if days > u64::from(rules.medium_max_days_late()) {
                return Ok((
                    RiskTier::Medium,
                    TierReason::DaysLateAbove {
                        days,
                        threshold: rules.medium_max_days_late(),
                    },
                ));
            }
        }
        if self.assessed == 0 {
            return Ok((rules.tier_without_history(), TierReason::NoHistory));
        }
        Ok((RiskTier::Low, TierReason::WithinThresholds))
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(Profile as ProfileRepr {
    as_of: NaiveDate,
    assessed: u32,
    on_time: u32,
    pending: u32,
    on_time_ratio: Option<Percent>,
    total_days_late: u64,
    #[serde(with = "rust_decimal::serde::str_option")]
    average_days_late: Option<Decimal>,
    max_days_late: Option<u64>,
    missed_payments: u32,
    broken_agreements: u32,
    honoured_agreements: u32,
    agreements_in_progress: u32,
    overdue: Money,
    trend: Trend,
    tier: RiskTier,
    tier_reason: TierReason,
});

#[cfg(feature = "serde")]
impl Profile {
    /// The figures of a profile agree with each other: counts within the items assessed, the
    /// ratio, average and maximum those of the counts and days, and a tier its reason gives. The
    /// history and rules are not part of a profile, so the counts themselves are taken as given.
    fn check(&self) -> Result<()> {
        let check = crate::contract::Check::new("profile", self.overdue.currency());
        check.non_negative("overdue", self.overdue)?;
        check.that(self.on_time <= self.assessed, || {
            format!(
                "on_time {} exceeds the {} items assessed",
                self.on_time, self.assessed
            )
        })?;
        check.that(
            self.missed_payments <= self.assessed.saturating_sub(self.on_time),
            || {
                format!(
                    "missed_payments {} exceeds the {} items not paid on time",
                    self.missed_payments,
                    self.assessed.saturating_sub(self.on_time)
                )
            },
        )?;
        let ratio = ratio_shown(self.on_time, self.assessed)?;
        check.that(self.on_time_ratio == ratio, || {
            let shown = |r: Option<Percent>| r.map_or("none".to_owned(), |r| r.to_string());
            format!(
                "on_time_ratio is {}, but {} of {} make {}",
                shown(self.on_time_ratio),
                self.on_time,
                self.assessed,
                shown(ratio)
            )
        })?;
        let average = match self.assessed {
            0 => None,
            n => Some(
                Rounding::HalfUp
                    .round_dp(
                        Decimal::from(self.total_days_late)
                            .checked_div(Decimal::from(n))
                            .ok_or(overflow("averaging days late"))?,
                        2,
                    )
                    .normalize(),
            ),
        };
        check.that(self.average_days_late == average, || {
            format!(
                "average_days_late is {:?}, but {} days over {} items make {average:?}",
                self.average_days_late, self.total_days_late, self.assessed
            )
        })?;
        let max_fits = match self.max_days_late {
            None => self.assessed == 0,
            Some(max) => {
                self.assessed > 0
                    && max <= self.total_days_late
                    && u128::from(max).saturating_mul(u128::from(self.assessed))
                        >= u128::from(self.total_days_late)
            }
        };
        check.that(max_fits, || {
            format!(
                "max_days_late {:?} does not fit {} days late over {} items",
                self.max_days_late, self.total_days_late, self.assessed
            )
        })?;
        check.that(
            self.assessed >= 2 || self.trend == Trend::NotEnoughData,
            || {
                format!(
                    "trend {:?} read from {} items, fewer than two windows",
                    self.trend, self.assessed
                )
            },
        )?;
        let figures = Figures {
            assessed: self.assessed,
            on_time: self.on_time,
            on_time_ratio: self.on_time_ratio,
            max_days_late: self.max_days_late,
            missed_payments: self.missed_payments,
            broken_agreements: self.broken_agreements,
        };
        let fits = match self.tier_reason {
            TierReason::NoHistory => self.assessed == 0,
            TierReason::WithinThresholds => self.tier == RiskTier::Low && self.assessed > 0,
            TierReason::BrokenAgreements { count, threshold } => {
                self.tier == RiskTier::High && count == self.broken_agreements && count >= threshold
            }
            TierReason::MissedPayments { count, threshold } => {
                self.tier != RiskTier::Low && count == self.missed_payments && count >= threshold
            }
            TierReason::OnTimeRatioBelow { ratio, threshold } => {
                self.tier != RiskTier::Low
                    && ratio == reason_ratio(self.on_time_ratio, threshold)
                    && figures.ratio_below(threshold)?
            }
            TierReason::DaysLateAbove { days, threshold } => {
                self.tier == RiskTier::Medium
                    && self.max_days_late == Some(days)
                    && days > u64::from(threshold)
            }
        };
        check.that(fits, || {
            format!(
                "tier {:?} with reason {:?} does not fit the figures",
                self.tier, self.tier_reason
            )
        })
    }
}

/// The trend of the last `window` assessed items (in due-date order) against the `window` before.
fn trend(assessed: &[Assessed], window: u32) -> Trend {
    let Ok(window) = usize::try_from(window) else {
        return Trend::NotEnoughData;
    };
    if window == 0 || assessed.len() / 2 < window {
        return Trend::NotEnoughData;
    }
    // (late items, days late) of a window; sums of at most 120 items of at most ~10^8 days each.
    let score = |items: &mut dyn Iterator<Item = &Assessed>| {
        items.fold((0u64, 0u64), |(late, days), a| {
            (
                late.saturating_add(u64::from(!a.on_time)),
                days.saturating_add(a.days_late),
            )
        })
    };
    let recent = score(&mut assessed.iter().rev().take(window));
    let before = score(&mut assessed.iter().rev().skip(window).take(window));
    match recent.cmp(&before) {
        core::cmp::Ordering::Less => Trend::Improving,
        core::cmp::Ordering::Equal => Trend::Stable,
        core::cmp::Ordering::Greater => Trend::Worsening,
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum TierReasonRepr {
    NoHistory,
    WithinThresholds,
    BrokenAgreements { count: u32, threshold: u32 },
    MissedPayments { count: u32, threshold: u32 },
    OnTimeRatioBelow { ratio: Percent, threshold: Percent },
    DaysLateAbove { days: u64, threshold: u32 },
}

#[cfg(feature = "serde")]
impl TryFrom<TierReasonRepr> for TierReason {
    type Error = Error;

    /// A reason's figure crosses its threshold: counts reach it, a ratio is below it, days late
    /// are above it.
    fn try_from(r: TierReasonRepr) -> Result<TierReason> {
        let (reason, crossed) = match r {
            TierReasonRepr::NoHistory => (TierReason::NoHistory, true),
            TierReasonRepr::WithinThresholds => (TierReason::WithinThresholds, true),
            TierReasonRepr::BrokenAgreements { count, threshold } => (
                TierReason::BrokenAgreements { count, threshold },
                count >= threshold,
            ),
            TierReasonRepr::MissedPayments { count, threshold } => (
                TierReason::MissedPayments { count, threshold },
                count >= threshold,
            ),
            TierReasonRepr::OnTimeRatioBelow { ratio, threshold } => (
                TierReason::OnTimeRatioBelow { ratio, threshold },
                ratio < threshold,
            ),
            TierReasonRepr::DaysLateAbove { days, threshold } => (
                TierReason::DaysLateAbove { days, threshold },
                days > u64::from(threshold),
            ),
        };
        if crossed {
            Ok(reason)
        } else {
            Err(crate::contract::fail(
                "tier reason",
                format!("{reason:?} does not cross its threshold"),
            ))
        }
    }
}
