//! Computing the ranked options for one debtor.

use chrono::NaiveDate;

use crate::capacity::Capacity;
use crate::debt::Debt;
use crate::discount::Reduction;
use crate::error::{Error, Result};
use crate::frequency::Frequency;
use crate::money::{Currency, Money, Rounding};
use crate::percent::Percent;
use crate::profile::{Profile, RiskTier, TierReason};
use crate::proposal::policy::{CreditorPolicy, MaxDuration};
use crate::schedule::{
    CapacityShape, DownPayment, Instalment, InstalmentKind, Interest, PlanRequest, Schedule, Sizing,
};

/// The options a debtor is offered, in the order they are listed.
///
/// The order runs from the quickest recovery to the gentlest plan: paying everything at once with a
/// reduction, then the shortest plan the capacity allows, then a plan that leaves room in the budget,
/// then the longest plan the policy allows.
///
/// ```
/// use echeancier::ProposalKind;
///
/// assert!(ProposalKind::Settlement < ProposalKind::Shortest);
/// assert!(ProposalKind::Comfortable < ProposalKind::Longest);
/// assert_eq!(ProposalKind::Comfortable.to_string(), "comfortable");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum ProposalKind {
    /// The whole debt at once, less the settlement reduction.
    Settlement,
    /// Instalments of the full capacity: the fewest instalments the debtor can afford.
    Shortest,
    /// Level instalments within the policy's comfortable share of the capacity.
    Comfortable,
    /// The most instalments the policy's maximum duration and minimum instalment allow.
    Longest,
}

impl ProposalKind {
    /// Every kind, in listing order.
    ///
    /// ```
    /// assert_eq!(echeancier::ProposalKind::ALL.len(), 4);
    /// ```
    pub const ALL: [ProposalKind; 4] = [
        ProposalKind::Settlement,
        ProposalKind::Shortest,
        ProposalKind::Comfortable,
        ProposalKind::Longest,
    ];

    /// The option's name as a clerk or a debtor reads it in `language` ("Shortest plan", "Plan le
    /// plus court"); `Display` gives the name of the JSON and CSV formats ("shortest").
    ///
    /// ```
    /// use echeancier::{Language, ProposalKind};
    ///
    /// assert_eq!(ProposalKind::Comfortable.label(Language::English), "Comfortable plan");
    /// assert_eq!(ProposalKind::Settlement.label(Language::French), "Règlement immédiat");
    /// ```
    pub fn label(self, language: crate::Language) -> &'static str {
        super::explain::kind_name(self, language)
    }

    fn name(self) -> &'static str {
        match self {
            ProposalKind::Settlement => "settlement",
            ProposalKind::Shortest => "shortest",
            ProposalKind::Comfortable => "comfortable",
            ProposalKind::Longest => "longest",
        }
    }
}

impl core::fmt::Display for ProposalKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why an option is not offered.
///
/// ```
/// use echeancier::{Omission, ProposalKind};
///
/// let reason = Omission::SameAs(ProposalKind::Shortest);
/// assert_eq!(reason.to_string(), "it would be the same plan as the shortest option");
/// ```
///
/// Deserialising checks that a reason's figures agree with it (needed more than available, an
/// amount below the minimum, interest greater than zero, one currency).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case", try_from = "OmissionRepr")
)]
#[non_exhaustive]
pub enum Omission {
    /// The creditor's policy does not offer it (no settlement reduction).
    NotOffered,
    /// The debtor has no capacity to pay now (or the comfortable share of it is nothing).
    NoCapacity,
    /// It would need more per period than the capacity (or its comfortable share) within the
    /// policy's maximum duration.
    Unaffordable {
        /// What it would take per period.
        needed: Money,
        /// What was available per period for this option.
        available: Money,
    },
    /// The amount available per period does not even cover a period's interest.
    NeverRepaid {
        /// The interest of the period it does not cover.
        interest: Money,
    },
    /// Its regular instalment would be below the policy's minimum.
    BelowMinimum {
        /// The instalment it would have.
        amount: Money,
        /// The policy's minimum.
        minimum: Money,
    },
    /// It would repeat an option already listed.
    SameAs(ProposalKind),
}

impl core::fmt::Display for Omission {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Omission::NotOffered => f.write_str("the creditor's policy does not offer it"),
            Omission::NoCapacity => f.write_str("there is no capacity to pay for it"),
            Omission::Unaffordable { needed, available } => write!(
                f,
                "it would need {needed} per period within the maximum duration, more than the {available} available"
            ),
            Omission::NeverRepaid { interest } => write!(
                f,
                "the amount available per period does not cover the interest of one period ({interest})"
            ),
            Omission::BelowMinimum { amount, minimum } => write!(
                f,
                "its instalment of {amount} would be below the minimum of {minimum}"
            ),
            Omission::SameAs(kind) => write!(f, "it would be the same plan as the {kind} option"),
        }
    }
}

/// An option that is not offered, and why.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
/// let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD);
/// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
/// let settlement = &proposals.omitted()[0];
/// assert_eq!(settlement.kind(), ProposalKind::Settlement);
/// assert_eq!(settlement.reason(), Omission::NotOffered);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Any kind with any reason reads from JSON; [`Proposals`] checks that each kind appears once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Omitted {
    kind: ProposalKind,
    reason: Omission,
}

impl Omitted {
    /// The option left out.
    ///
    /// See [`Omitted`] for an example.
    pub fn kind(&self) -> ProposalKind {
        self.kind
    }

    /// Why it was left out.
    ///
    /// See [`Omitted`] for an example.
    pub fn reason(&self) -> Omission {
        self.reason
    }
}

/// How an option is paid.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
enum Plan {
    /// One payment of `to_pay` by `pay_by` settles `owed`.
    LumpSum {
        pay_by: NaiveDate,
        owed: Money,
        discount: Money,
        to_pay: Money,
    },
    /// A schedule sized with `available` per period.
    Instalments {
        schedule: Box<Schedule>,
        available: Money,
    },
}

/// One option offered to the debtor: how it is paid, what it costs, how much of the capacity it
/// uses.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
/// let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD);
/// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
/// let shortest = &proposals.options()[0];
/// assert_eq!(shortest.kind(), ProposalKind::Shortest);
/// assert_eq!(shortest.instalment_count(), 4);                        // 4 × 300.00
/// assert_eq!(shortest.total_paid().to_string(), "1200.00 EUR");
/// assert_eq!(shortest.end_date().to_string(), "2027-05-05");
/// assert_eq!(shortest.capacity_share().map(|p| p.to_string()).as_deref(), Some("100%"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialising re-checks the summary figures against the plan (end date, count, largest
/// instalment; a lump sum is owed − discount once) and rejects JSON that disagrees.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ProposalRepr"))]
pub struct Proposal {
    kind: ProposalKind,
    plan: Plan,
    end_date: NaiveDate,
    instalment_count: u32,
    largest_instalment: Money,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    capacity_share: Option<Percent>,
}

impl Proposal {
    /// Which option this is.
    ///
    /// See [`Proposal`] for an example.
    pub fn kind(&self) -> ProposalKind {
        self.kind
    }

    /// The schedule of an instalment option; `None` for a settlement, which is one payment.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12))
    ///     .with_settlement(SettlementDiscount::percent("5%".parse()?, 10));
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
    /// assert!(proposals.options()[0].schedule().is_none());            // settlement
    /// assert!(proposals.options()[1].schedule().is_some());            // shortest
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn schedule(&self) -> Option<&Schedule> {
        match &self.plan {
            Plan::Instalments { schedule, .. } => Some(schedule),
            Plan::LumpSum { .. } => None,
        }
    }

    /// Everything the debtor pays under this option, down payment and interest included.
    ///
    /// See [`Proposal`] for an example.
    pub fn total_paid(&self) -> Money {
        match &self.plan {
            Plan::Instalments { schedule, .. } => schedule.totals().amount(),
            Plan::LumpSum { to_pay, .. } => *to_pay,
        }
    }

    /// The interest the option charges (zero for a settlement).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12)).with_interest(Interest::Annuity("6%".parse()?));
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
    /// assert!(proposals.options()[0].interest().is_positive());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn interest(&self) -> Money {
        match &self.plan {
            Plan::Instalments { schedule, .. } => schedule.totals().interest(),
            Plan::LumpSum { owed, .. } => Money::zero(owed.currency()),
        }
    }

    /// The reduction granted (zero for instalment options).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12))
    ///     .with_settlement(SettlementDiscount::percent("5%".parse()?, 10));
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
    /// let settlement = &proposals.options()[0];
    /// assert_eq!(settlement.discount().to_string(), "60.00 EUR");      // 5 % of 1200.00
    /// assert_eq!(settlement.total_paid().to_string(), "1140.00 EUR");
    /// assert_eq!(settlement.end_date().to_string(), "2027-01-15");     // 10 days after the agreement
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn discount(&self) -> Money {
        match &self.plan {
            Plan::Instalments { schedule, .. } => Money::zero(schedule.currency()),
            Plan::LumpSum { discount, .. } => *discount,
        }
    }

    /// The date of the last payment.
    ///
    /// See [`Proposal`] for an example.
    pub fn end_date(&self) -> NaiveDate {
        self.end_date
    }

    /// How many payments the debtor makes, down payment included.
    ///
    /// See [`Proposal`] for an example.
    pub fn instalment_count(&self) -> u32 {
        self.instalment_count
    }

    /// The largest regular instalment (the down payment aside): what the capacity must cover.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1000.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12));
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
    /// assert_eq!(proposals.options()[0].largest_instalment().to_string(), "300.00 EUR"); // 3 × 300 + 100
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn largest_instalment(&self) -> Money {
        self.largest_instalment
    }

    /// The down payment asked when the agreement is signed, if any.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1000.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12)).with_down_payment_from(RiskTier::High, "10%".parse()?);
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy)
    ///     .with_risk_tier(RiskTier::High)
    ///     .propose()?;
    /// assert_eq!(proposals.options()[0].down_payment().map(|m| m.to_string()).as_deref(), Some("100.00 EUR"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn down_payment(&self) -> Option<Money> {
        match &self.plan {
            Plan::Instalments { schedule, .. } => schedule
                .instalments()
                .first()
                .filter(|i| i.kind() == InstalmentKind::DownPayment)
                .map(Instalment::amount),
            Plan::LumpSum { .. } => None,
        }
    }

    /// The largest regular instalment as a share of the debtor's capacity, rounded half-up to a
    /// hundredth of a percent; `None` for a settlement, which is paid from savings or help rather
    /// than from the monthly budget.
    ///
    /// See [`Proposal`] for an example.
    pub fn capacity_share(&self) -> Option<Percent> {
        self.capacity_share
    }

    /// What was available per period when this option was sized: the full capacity for the
    /// shortest and longest plans, its comfortable share for the comfortable one; `None` for a
    /// settlement.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12));
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
    /// let comfortable = &proposals.options()[1];
    /// assert_eq!(comfortable.kind(), ProposalKind::Comfortable);
    /// assert_eq!(comfortable.available().map(|m| m.to_string()).as_deref(), Some("225.00 EUR"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn available(&self) -> Option<Money> {
        match &self.plan {
            Plan::Instalments { available, .. } => Some(*available),
            Plan::LumpSum { .. } => None,
        }
    }
}

fn largest_regular(schedule: &Schedule) -> Money {
    schedule
        .instalments()
        .iter()
        .filter(|i| i.kind() == InstalmentKind::Regular)
        .map(Instalment::amount)
        .fold(Money::zero(schedule.currency()), |a, b| {
            if b.amount() > a.amount() {
                b
            } else {
                a
            }
        })
}

/// The options offered to one debtor, ranked, with the ones left out and why.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
/// let policy = CreditorPolicy::new(MaxDuration::months_of(12));
/// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
/// let kinds: Vec<_> = proposals.options().iter().map(|o| o.kind()).collect();
/// assert_eq!(kinds, [ProposalKind::Shortest, ProposalKind::Comfortable, ProposalKind::Longest]);
/// assert_eq!(proposals.total_due().to_string(), "1200.00 EUR");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The request is not part of the proposals, so deserialising re-checks what the proposals always
/// are (each kind offered or omitted once and in order, every offer repaying the total due at the
/// proposals' frequency, capacity shares of the capacity, a down payment amount with its
/// percentage) and rejects JSON that breaks it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ProposalsRepr"))]
pub struct Proposals {
    total_due: Money,
    capacity: Money,
    frequency: Frequency,
    risk_tier: RiskTier,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    tier_reason: Option<TierReason>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    capacity_breakdown: Option<Capacity>,
    max_duration: MaxDuration,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    down_payment: Option<Percent>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    down_payment_amount: Option<Money>,
    options: Vec<Proposal>,
    omitted: Vec<Omitted>,
}

impl Proposals {
    /// The options offered, in [`ProposalKind`] order. May be empty when nothing is affordable and
    /// no settlement is offered; [`omitted`](Proposals::omitted) then says why.
    ///
    /// See [`Proposals`] for an example.
    pub fn options(&self) -> &[Proposal] {
        &self.options
    }

    /// The options left out, in [`ProposalKind`] order, each with its reason.
    ///
    /// See [`Omitted`] for an example.
    pub fn omitted(&self) -> &[Omitted] {
        &self.omitted
    }

    /// The option of `kind`, if offered.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12));
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
    /// assert_eq!(proposals.option(ProposalKind::Longest).map(|o| o.instalment_count()), Some(12));
    /// assert!(proposals.option(ProposalKind::Settlement).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn option(&self, kind: ProposalKind) -> Option<&Proposal> {
        self.options.iter().find(|o| o.kind == kind)
    }

    /// Everything owed: the debt's claims and fees.
    ///
    /// See [`Proposals`] for an example.
    pub fn total_due(&self) -> Money {
        self.total_due
    }

    /// The debtor's capacity per period the options were sized with.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12));
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
    /// assert_eq!(proposals.capacity().to_string(), "300.00 EUR");
    /// assert_eq!(proposals.frequency(), Frequency::MONTHLY);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn capacity(&self) -> Money {
        self.capacity
    }

    /// How often instalments fall due (the capacity's period).
    ///
    /// See [`Proposals::capacity`] for an example.
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    /// The debtor's risk tier the options were computed for.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12));
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
    /// assert_eq!(proposals.risk_tier(), RiskTier::Low);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn risk_tier(&self) -> RiskTier {
        self.risk_tier
    }

    /// Why the debtor is in their risk tier, when it came from a [`Profile`].
    ///
    /// See [`ProposalRequest::with_profile`] for an example.
    pub fn tier_reason(&self) -> Option<TierReason> {
        self.tier_reason
    }

    /// How the capacity was computed, when the request came from a [`Capacity`].
    ///
    /// See [`ProposalRequest::from_capacity`] for an example.
    pub fn capacity_breakdown(&self) -> Option<&Capacity> {
        self.capacity_breakdown.as_ref()
    }

    /// The policy's maximum duration.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD);
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
    /// assert_eq!(proposals.max_duration(), MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn max_duration(&self) -> MaxDuration {
        self.max_duration
    }

    /// The down payment percentage required for the debtor's risk tier, if any.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12));
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
    /// assert_eq!(proposals.down_payment(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn down_payment(&self) -> Option<Percent> {
        self.down_payment
    }

    /// The down payment required for the debtor's risk tier, as an amount: the percentage of the
    /// total due, rounded once with the policy's rounding.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12)).with_down_payment_from(RiskTier::Medium, "15%".parse()?);
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy)
    ///     .with_risk_tier(RiskTier::Medium)
    ///     .propose()?;
    /// assert_eq!(proposals.down_payment_amount().map(|m| m.to_string()).as_deref(), Some("180.00 EUR"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn down_payment_amount(&self) -> Option<Money> {
        self.down_payment_amount
    }

    /// The currency of every figure.
    ///
    /// See [`Proposals`] for an example.
    pub fn currency(&self) -> Currency {
        self.total_due.currency()
    }
}

/// A debt, what the debtor can pay per period, and the creditor's policy: everything needed to
/// propose plans.
///
/// ```
/// use echeancier::{Claim, CreditorPolicy, Debt, MaxDuration, ProposalKind, ProposalRequest};
/// use chrono::NaiveDate;
///
/// let debt = Debt::single(Claim::new("F-2026-0418", "2400.00 EUR".parse()?)?);
/// let agreed_on = NaiveDate::from_ymd_opt(2027, 1, 5).ok_or("bad date")?;
/// let first_due = NaiveDate::from_ymd_opt(2027, 2, 5).ok_or("bad date")?;
/// let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD);
/// let proposals = ProposalRequest::new(debt, "400.00 EUR".parse()?, agreed_on, first_due, policy).propose()?;
///
/// let shortest = proposals.option(ProposalKind::Shortest).ok_or("no shortest plan")?;
/// assert_eq!(shortest.instalment_count(), 6);    // 6 × 400.00
/// let comfortable = proposals.option(ProposalKind::Comfortable).ok_or("no comfortable plan")?;
/// assert_eq!(comfortable.instalment_count(), 8); // 8 × 300.00, 75 % of the capacity
/// let longest = proposals.option(ProposalKind::Longest).ok_or("no longest plan")?;
/// assert_eq!(longest.instalment_count(), 24);    // 24 × 100.00
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ProposalRequest {
    debt: Debt,
    capacity: Money,
    agreed_on: NaiveDate,
    first_due: NaiveDate,
    policy: CreditorPolicy,
    #[cfg_attr(feature = "serde", serde(default))]
    risk_tier: RiskTier,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    tier_reason: Option<TierReason>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    capacity_breakdown: Option<Capacity>,
}

impl ProposalRequest {
    /// Options for `debt` given a `capacity` per period of the policy's frequency, an agreement
    /// signed on `agreed_on` (the date of any down payment and the start of the settlement window)
    /// and a first instalment on `first_due`. The debtor's risk tier is [`RiskTier::Low`] unless
    /// set with [`with_risk_tier`](ProposalRequest::with_risk_tier).
    ///
    /// See [`ProposalRequest`] for an example.
    pub fn new(
        debt: Debt,
        capacity: Money,
        agreed_on: NaiveDate,
        first_due: NaiveDate,
        policy: CreditorPolicy,
    ) -> ProposalRequest {
        ProposalRequest {
            debt,
            capacity,
            agreed_on,
            first_due,
            policy,
            risk_tier: RiskTier::Low,
            tier_reason: None,
            capacity_breakdown: None,
        }
    }

    /// Options for `debt` given the debtor's computed [`Capacity`]: its amount sizes the plans and
    /// its breakdown opens the explanation, so the debtor reads how the capacity and then the plans
    /// were determined.
    ///
    /// # Errors
    ///
    /// [`Error::PeriodMismatch`] if the capacity was computed for another period than the policy's
    /// instalments.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let budget = Budget::new(Currency::EUR)
    ///     .with_line(BudgetLine::new("salary", Category::Salary, "1800.00 EUR".parse()?, Frequency::MONTHLY)?)?
    ///     .with_line(BudgetLine::new("rent", Category::Rent, "700.00 EUR".parse()?, Frequency::MONTHLY)?)?;
    /// let capacity = budget.capacity(&CapacityPolicy::new().max_share("30%".parse()?), Frequency::MONTHLY)?;
    /// assert_eq!(capacity.amount().to_string(), "330.00 EUR");
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let debt = Debt::single(Claim::new("F-1", "1320.00 EUR".parse()?)?);
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12));
    /// let proposals = ProposalRequest::from_capacity(debt, &capacity, d(1, 5)?, d(2, 5)?, policy)?.propose()?;
    /// assert_eq!(proposals.options()[0].instalment_count(), 4); // 4 × 330.00
    /// assert!(proposals.explain(Language::English).starts_with(&capacity.explain(Language::English)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_capacity(
        debt: Debt,
        capacity: &Capacity,
        agreed_on: NaiveDate,
        first_due: NaiveDate,
        policy: CreditorPolicy,
    ) -> Result<ProposalRequest> {
        if capacity.period() != policy.frequency() {
            return Err(Error::PeriodMismatch {
                capacity: capacity.period(),
                instalments: policy.frequency(),
            });
        }
        let mut request =
            ProposalRequest::new(debt, capacity.amount(), agreed_on, first_due, policy);
        request.capacity_breakdown = Some(capacity.clone());
        Ok(request)
    }

    /// The debtor's risk tier, which decides the down payment the policy asks for.
    ///
    /// See [`Proposal::down_payment`] for an example.
    pub fn with_risk_tier(mut self, tier: RiskTier) -> ProposalRequest {
        self.risk_tier = tier;
        self.tier_reason = None;
        self
    }

    /// The debtor's payment-history profile: its risk tier decides the down payment, and its reason
    /// is stated in the explanation.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let history = PaymentHistory::new(Currency::EUR)
    ///     .with_agreement(Agreement::new("promise 1", d(1, 2)?)?.broken_on(d(1, 3)?)?)?;
    /// let profile = Profile::from_history(&history, d(1, 4)?, &ProfileRules::new())?;
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12))
    ///     .with_down_payment_from(RiskTier::High, "10%".parse()?);
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy)
    ///     .with_profile(&profile)
    ///     .propose()?;
    /// assert_eq!(proposals.risk_tier(), RiskTier::High);
    /// assert!(proposals.explain(Language::English).contains("high risk (1 broken agreement, threshold 1)"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_profile(mut self, profile: &Profile) -> ProposalRequest {
        self.risk_tier = profile.tier();
        self.tier_reason = Some(profile.tier_reason());
        self
    }

    /// Computes the options.
    ///
    /// An option that the capacity or the policy rules out is not an error: it is listed in
    /// [`Proposals::omitted`] with the reason. Zero capacity leaves only the settlement, if the
    /// policy offers one.
    ///
    /// # Errors
    ///
    /// Input that is wrong whatever the capacity: a capacity in another currency than the debt
    /// ([`Error::WrongCurrency`]) or negative ([`Error::Negative`]); an empty debt
    /// ([`Error::EmptyDebt`]); a first due date not after the agreement date ([`Error::DateOrder`]);
    /// a maximum duration of zero months or beyond 1,200 ([`Error::InvalidMonths`]); a settlement
    /// reduction not smaller than the debt ([`Error::DiscountTooLarge`]); and the errors of
    /// [`PlanRequest::generate`] that are about the policy itself (an invalid minimum or step, a
    /// 100 % down payment, dates out of range).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::months_of(12));
    /// let negative = Money::zero(Currency::EUR).checked_sub("1.00 EUR".parse()?)?;
    /// let err = ProposalRequest::new(debt, negative, d(1, 5)?, d(2, 5)?, policy).propose().unwrap_err();
    /// assert_eq!(err.to_string(), "capacity must not be negative, got -1.00 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn propose(&self) -> Result<Proposals> {
        let currency = self.debt.currency();
        if self.capacity.currency() != currency {
            return Err(Error::WrongCurrency {
                what: "the capacity",
                expected: currency,
                found: self.capacity.currency(),
            });
        }
        if self.capacity.amount().is_sign_negative() && !self.capacity.is_zero() {
            return Err(Error::Negative {
                what: "capacity",
                amount: self.capacity,
            });
        }
        let total_due = self.debt.total()?;
        if !total_due.is_positive() {
            return Err(Error::EmptyDebt);
        }
        if self.first_due <= self.agreed_on {
            return Err(Error::DateOrder {
                earlier: "the agreement date",
                earlier_date: self.agreed_on,
                later: "the first due date",
                later_date: self.first_due,
            });
        }
        let policy = &self.policy;
        let max_duration = policy.max_duration().validate()?;
        let down = self.down_payment(total_due)?;
        let down_payment = policy
            .down_payment_for(self.risk_tier)
            .filter(|_| down.is_some());

        let mut options = Vec::with_capacity(ProposalKind::ALL.len());
        let mut omitted = Vec::new();
        let mut offer = |kind: ProposalKind, outcome: Outcome| -> Result<()> {
            match outcome {
                Outcome::Offered(plan) => options.push(self.proposal(kind, plan)?),
                Outcome::Omitted(reason) => omitted.push(Omitted { kind, reason }),
            }
            Ok(())
        };

        offer(ProposalKind::Settlement, self.settlement(total_due)?)?;
        if self.capacity.is_zero() {
            for kind in [
                ProposalKind::Shortest,
                ProposalKind::Comfortable,
                ProposalKind::Longest,
            ] {
                offer(kind, Outcome::Omitted(Omission::NoCapacity))?;
            }
        } else {
            let shortest = self.by_capacity(self.capacity, CapacityShape::FullCapacity, down)?;
            let comfortable = policy
                .comfortable_share()
                .of(self.capacity, Rounding::Down)?;
            let comfortable = if comfortable.is_positive() {
                self.by_capacity(comfortable, CapacityShape::Level, down)?
                    .unless_same_as(&shortest, ProposalKind::Shortest)
            } else {
                Outcome::Omitted(Omission::NoCapacity)
            };
            let longest = self
                .longest(max_duration, down)?
                .unless_same_as(&shortest, ProposalKind::Shortest)
                .unless_same_as(&comfortable, ProposalKind::Comfortable);
            offer(ProposalKind::Shortest, shortest)?;
            offer(ProposalKind::Comfortable, comfortable)?;
            offer(ProposalKind::Longest, longest)?;
        }

        Ok(Proposals {
            total_due,
            capacity: self.capacity,
            frequency: policy.frequency(),
            risk_tier: self.risk_tier,
            tier_reason: self.tier_reason,
            capacity_breakdown: self.capacity_breakdown.clone(),
            max_duration,
            down_payment,
            down_payment_amount: down,
            options,
            omitted,
        })
    }

    fn proposal(&self, kind: ProposalKind, plan: Plan) -> Result<Proposal> {
        let (end_date, instalment_count, largest_instalment, capacity_share) = match &plan {
            Plan::Instalments { schedule, .. } => {
                let end_date = schedule
                    .last_due_date()
                    .ok_or_else(|| Error::InvalidSchedule {
                        reason: "a schedule has at least one instalment".to_owned(),
                    })?;
                let count = u32::try_from(schedule.instalments().len()).map_err(|_| {
                    Error::InvalidCount {
                        count: u32::MAX,
                        max: crate::schedule::MAX_INSTALMENTS,
                    }
                })?;
                let largest = largest_regular(schedule);
                (end_date, count, largest, share_of(largest, self.capacity))
            }
            Plan::LumpSum { pay_by, to_pay, .. } => (*pay_by, 1, *to_pay, None),
        };
        Ok(Proposal {
            kind,
            plan,
            end_date,
            instalment_count,
            largest_instalment,
            capacity_share,
        })
    }

    fn settlement(&self, total_due: Money) -> Result<Outcome> {
        let Some(offer) = self.policy.settlement() else {
            return Ok(Outcome::Omitted(Omission::NotOffered));
        };
        let discount = match offer.reduction() {
            // Unlike `Reduction::of`, a fixed amount is not capped: an offer to waive everything
            // is a mistake in the policy, said as such below.
            Reduction::Amount(m) => {
                total_due.same_currency(m)?;
                m.require_positive("settlement reduction")?
            }
            // Rounded down: the reduction never exceeds the percentage the creditor stated.
            percent => percent.of(total_due, Rounding::Down)?,
        };
        if discount >= total_due {
            return Err(Error::DiscountTooLarge {
                discount,
                total: total_due,
            });
        }
        let pay_by = self
            .agreed_on
            .checked_add_days(chrono::Days::new(u64::from(offer.within_days())))
            .ok_or_else(|| Error::DateOutOfRange {
                what: "the settlement date".to_owned(),
            })?;
        Ok(Outcome::Offered(Plan::LumpSum {
            pay_by,
            owed: total_due,
            discount,
            to_pay: total_due.checked_sub(discount)?,
        }))
    }

    /// The plan request every instalment option starts from.
    fn request(&self, sizing: Sizing, down_payment: Option<Money>) -> PlanRequest {
        let policy = &self.policy;
        let (rule, calendar) = policy.business_days();
        let mut request = PlanRequest::new(
            self.debt.clone(),
            self.first_due,
            policy.frequency(),
            sizing,
        )
        .interest(policy.interest())
        .max_duration_months(policy.max_duration().months())
        .rounding(policy.rounding())
        .business_days(rule, calendar);
        if let Some(minimum) = policy.minimum_instalment() {
            request = request.minimum_instalment(minimum);
        }
        if let Some(step) = policy.step() {
            request = request.step(step);
        }
        if let Some(amount) = down_payment {
            request = request.down_payment(DownPayment::amount(amount, self.agreed_on));
        }
        request
    }

    /// The down payment the policy asks of this debtor, rounded once; a percentage of a debt so
    /// small that it rounds to nothing asks for nothing.
    fn down_payment(&self, total_due: Money) -> Result<Option<Money>> {
        match self.policy.down_payment_for(self.risk_tier) {
            Some(percent) => {
                let amount = percent.of(total_due, self.policy.rounding())?;
                Ok(Some(amount).filter(Money::is_positive))
            }
            None => Ok(None),
        }
    }

    fn by_capacity(
        &self,
        available: Money,
        shape: CapacityShape,
        down: Option<Money>,
    ) -> Result<Outcome> {
        let sizing = Sizing::Capacity {
            capacity: available,
            shape,
        };
        classify(self.request(sizing, down).generate(), available)
    }

    /// The most instalments allowed: every due date within the maximum duration, or, if that
    /// makes instalments smaller than the policy's minimum, instalments of the minimum.
    fn longest(&self, max_duration: MaxDuration, down: Option<Money>) -> Result<Outcome> {
        // The same start as the plan request's own duration check, so both count the same dates.
        let start = if down.is_some() {
            self.agreed_on
        } else {
            self.policy
                .frequency()
                .previous_date(self.first_due)
                .ok_or_else(|| Error::DateOutOfRange {
                    what: "the start of the first period".to_owned(),
                })?
        };
        let end = start
            .checked_add_months(chrono::Months::new(max_duration.months()))
            .ok_or_else(|| Error::DateOutOfRange {
                what: format!("the end of a {}-month duration", max_duration.months()),
            })?;
        let level = !matches!(self.policy.interest(), Interest::EqualPrincipal(_));
        let outcome = match self.request(Sizing::EndDate(end), down).generate() {
            // Fewer, larger instalments: as many as the minimum instalment allows…
            Err(Error::BelowMinimumInstalment { minimum, .. }) if level => classify(
                self.request(Sizing::Amount(minimum), down).generate(),
                minimum,
            )?,
            // …or, for a debt of a few minor units, one step at a time.
            Err(Error::Unsplittable { step, .. }) if level => {
                classify(self.request(Sizing::Amount(step), down).generate(), step)?
            }
            generated => classify(generated, self.capacity)?,
        };
        // The longest plan is sized by the calendar, not by the capacity: check it fits.
        Ok(match outcome {
            Outcome::Offered(Plan::Instalments { schedule, .. }) => {
                let largest = largest_regular(&schedule);
                if largest > self.capacity {
                    Outcome::Omitted(Omission::Unaffordable {
                        needed: largest,
                        available: self.capacity,
                    })
                } else {
                    Outcome::Offered(Plan::Instalments {
                        schedule,
                        available: self.capacity,
                    })
                }
            }
            other => other,
        })
    }
}

/// What became of one option.
enum Outcome {
    Offered(Plan),
    Omitted(Omission),
}

impl Outcome {
    /// Leaves this option out when it is the very same plan as `earlier`.
    fn unless_same_as(self, earlier: &Outcome, kind: ProposalKind) -> Outcome {
        match (&self, earlier) {
            (
                Outcome::Offered(Plan::Instalments { schedule: a, .. }),
                Outcome::Offered(Plan::Instalments { schedule: b, .. }),
            ) if a.instalments() == b.instalments() => Outcome::Omitted(Omission::SameAs(kind)),
            _ => self,
        }
    }
}

/// Turns the generator's verdict into an offered plan, a reason to leave it out, or a real error.
fn classify(generated: Result<Schedule>, available: Money) -> Result<Outcome> {
    match generated {
        Ok(schedule) => Ok(Outcome::Offered(Plan::Instalments {
            schedule: Box::new(schedule),
            available,
        })),
        Err(Error::CapacityTooLow { needed, .. }) => Ok(Outcome::Omitted(Omission::Unaffordable {
            needed,
            available,
        })),
        Err(Error::BelowPeriodicInterest { interest, .. }) => {
            Ok(Outcome::Omitted(Omission::NeverRepaid { interest }))
        }
        Err(Error::BelowMinimumInstalment { amount, minimum }) => {
            Ok(Outcome::Omitted(Omission::BelowMinimum { amount, minimum }))
        }
        Err(e) => Err(e),
    }
}

/// `part` as a percentage of `whole`, rounded half-up to two decimals; `None` for a zero whole.
fn share_of(part: Money, whole: Money) -> Option<Percent> {
    let ratio = part
        .amount()
        .checked_mul(rust_decimal::Decimal::ONE_HUNDRED)?
        .checked_div(whole.amount())?;
    Percent::new(Rounding::HalfUp.round_dp(ratio, 2)).ok()
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(Proposal as ProposalRepr {
    kind: ProposalKind,
    plan: Plan,
    end_date: NaiveDate,
    instalment_count: u32,
    largest_instalment: Money,
    #[serde(default)]
    capacity_share: Option<Percent>,
});

#[cfg(feature = "serde")]
impl Proposal {
    /// The summary figures are those of the plan: a lump sum is the settlement, owed − discount,
    /// once, on its date; a plan of instalments ends on its last due date with its count and its
    /// largest regular instalment.
    fn check(&self) -> Result<()> {
        let check = crate::contract::Check::new("proposal", self.largest_instalment.currency());
        match &self.plan {
            Plan::LumpSum {
                pay_by,
                owed,
                discount,
                to_pay,
            } => {
                check.that(self.kind == ProposalKind::Settlement, || {
                    format!("a lump sum is a settlement, not {:?}", self.kind)
                })?;
                check.positive("owed", *owed)?;
                check.non_negative("discount", *discount)?;
                check.that(discount < owed, || {
                    format!("discount {discount} is not below owed {owed}")
                })?;
                check.equal("to_pay", *to_pay, owed.checked_sub(*discount)?)?;
                check.that(self.end_date == *pay_by, || {
                    format!("end_date {} is not pay_by {pay_by}", self.end_date)
                })?;
                check.that(self.instalment_count == 1, || {
                    format!("a lump sum is one payment, not {}", self.instalment_count)
                })?;
                check.equal("largest_instalment", self.largest_instalment, *to_pay)?;
                check.that(self.capacity_share.is_none(), || {
                    "a lump sum has no capacity share".to_owned()
                })
            }
            Plan::Instalments {
                schedule,
                available,
            } => {
                check.that(self.kind != ProposalKind::Settlement, || {
                    "a settlement is a lump sum, not instalments".to_owned()
                })?;
                check.positive("available", *available)?;
                check.currency("the schedule", schedule.totals().amount())?;
                check.that(schedule.last_due_date() == Some(self.end_date), || {
                    format!(
                        "end_date {} is not the schedule's last due date {:?}",
                        self.end_date,
                        schedule.last_due_date()
                    )
                })?;
                check.that(
                    usize::try_from(self.instalment_count).ok()
                        == Some(schedule.instalments().len()),
                    || {
                        format!(
                            "instalment_count {} is not the schedule's {}",
                            self.instalment_count,
                            schedule.instalments().len()
                        )
                    },
                )?;
                check.equal(
                    "largest_instalment",
                    self.largest_instalment,
                    largest_regular(schedule),
                )
            }
        }
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(Proposals as ProposalsRepr {
    total_due: Money,
    capacity: Money,
    frequency: Frequency,
    risk_tier: RiskTier,
    #[serde(default)]
    tier_reason: Option<TierReason>,
    #[serde(default)]
    capacity_breakdown: Option<Capacity>,
    max_duration: MaxDuration,
    #[serde(default)]
    down_payment: Option<Percent>,
    #[serde(default)]
    down_payment_amount: Option<Money>,
    options: Vec<Proposal>,
    omitted: Vec<Omitted>,
});

#[cfg(feature = "serde")]
impl Proposals {
    /// Every kind offered or omitted exactly once, in the order of [`ProposalKind::ALL`]; every
    /// offer repays the total due in its currency, at the proposals' frequency; capacity shares
    /// those of the capacity; a down payment amount exactly with its percentage; a capacity
    /// breakdown of the capacity given.
    fn check(&self) -> Result<()> {
        let currency = self.total_due.currency();
        let check = crate::contract::Check::new("proposals", currency);
        check.positive("total_due", self.total_due)?;
        check.non_negative("capacity", self.capacity)?;
        let kinds: Vec<ProposalKind> = self
            .options
            .iter()
            .map(|o| o.kind)
            .chain(self.omitted.iter().map(|o| o.kind))
            .collect();
        check.that(
            ProposalKind::ALL
                .iter()
                .all(|k| kinds.iter().filter(|x| *x == k).count() == 1)
                && kinds.len() == ProposalKind::ALL.len(),
            || format!("every kind is offered or omitted exactly once, got {kinds:?}"),
        )?;
        let ordered = |kinds: &mut dyn Iterator<Item = ProposalKind>| {
            let positions: Vec<usize> = kinds
                .filter_map(|k| ProposalKind::ALL.iter().position(|x| *x == k))
                .collect();
            positions.windows(2).all(|w| w.first() < w.last())
        };
        check.that(
            ordered(&mut self.options.iter().map(|o| o.kind))
                && ordered(&mut self.omitted.iter().map(|o| o.kind)),
            || "options and omissions are in the order of the kinds".to_owned(),
        )?;
        for option in &self.options {
            match &option.plan {
                Plan::LumpSum { owed, .. } => {
                    check.equal("a settlement's owed", *owed, self.total_due)?
                }
                Plan::Instalments { schedule, .. } => {
                    let totals = schedule.totals();
                    check.equal(
                        "a plan's principal and fees",
                        totals.principal().checked_add(totals.fees())?,
                        self.total_due,
                    )?;
                    check.that(schedule.derivation().frequency() == self.frequency, || {
                        format!(
                            "a plan is paid {}, not {}",
                            schedule.derivation().frequency(),
                            self.frequency
                        )
                    })?;
                    let share = share_of(option.largest_instalment, self.capacity);
                    check.that(option.capacity_share == share, || {
                        format!(
                            "capacity_share is {:?}, but {} of {} is {share:?}",
                            option.capacity_share, option.largest_instalment, self.capacity
                        )
                    })?;
                }
            }
        }
        check.that(
            self.down_payment.is_some() == self.down_payment_amount.is_some(),
            || "down_payment and down_payment_amount come together".to_owned(),
        )?;
        if let Some(amount) = self.down_payment_amount {
            check.positive("down_payment_amount", amount)?;
        }
        if let Some(capacity) = &self.capacity_breakdown {
            check.equal(
                "the capacity breakdown's amount",
                capacity.amount(),
                self.capacity,
            )?;
            check.that(capacity.period() == self.frequency, || {
                format!(
                    "the capacity breakdown is per {}, not {}",
                    capacity.period(),
                    self.frequency
                )
            })?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum OmissionRepr {
    NotOffered,
    NoCapacity,
    Unaffordable { needed: Money, available: Money },
    NeverRepaid { interest: Money },
    BelowMinimum { amount: Money, minimum: Money },
    SameAs(ProposalKind),
}

#[cfg(feature = "serde")]
impl TryFrom<OmissionRepr> for Omission {
    type Error = Error;

    /// The figures of a reason agree with it: what an unaffordable option needs is more than what
    /// is available, an amount below the minimum is below it, in one currency.
    fn try_from(r: OmissionRepr) -> Result<Omission> {
        let compare = |what: &str, low: Money, high: Money| {
            let check = crate::contract::Check::new("omission", high.currency());
            check.non_negative(what, low)?;
            check.that(low < high, || format!("{what} {low} is not below {high}"))
        };
        Ok(match r {
            OmissionRepr::NotOffered => Omission::NotOffered,
            OmissionRepr::NoCapacity => Omission::NoCapacity,
            OmissionRepr::Unaffordable { needed, available } => {
                compare("available", available, needed)?;
                Omission::Unaffordable { needed, available }
            }
            OmissionRepr::NeverRepaid { interest } => {
                crate::contract::Check::new("omission", interest.currency())
                    .positive("interest", interest)?;
                Omission::NeverRepaid { interest }
            }
            OmissionRepr::BelowMinimum { amount, minimum } => {
                compare("amount", amount, minimum)?;
                Omission::BelowMinimum { amount, minimum }
            }
            OmissionRepr::SameAs(kind) => Omission::SameAs(kind),
        })
    }
}
