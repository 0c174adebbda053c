//! What each adjustment is asked to do: its parameters, kept in the record as given.

use chrono::NaiveDate;

use crate::discount::{ConditionalWaiver, SettlementOffer};
use crate::error::Result;
use crate::frequency::Frequency;
use crate::money::Money;
use crate::penalty::PenaltyPolicy;
use crate::schedule::{Interest, Sizing};

use crate::adjust::LapseRule;

/// What a reschedule does with arrears, or with late-payment penalties.
///
/// ```
/// use echeancier::Treatment;
///
/// assert_eq!(Treatment::default(), Treatment::Capitalise);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Treatment {
    /// Spread over the new instalments.
    #[default]
    Capitalise,
    /// Forgiven: recorded as waived.
    Waive,
    /// Due at once: a first instalment (numbered 0) on the effective date.
    DueNow,
}

/// The late-payment penalties a reschedule deals with: computed by a policy as of the effective
/// date on the plan's instalments, or an amount given.
///
/// ```
/// use echeancier::PenaltyCharge;
///
/// let charge = PenaltyCharge::Amount("35.00 EUR".parse()?);
/// assert!(matches!(charge, PenaltyCharge::Amount(_)));
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PenaltyCharge {
    /// Computed under this policy as of the effective date on the statement the adjustment reads:
    /// the penalties accrued on the plan so far less what the payments already paid of them (what
    /// the statement shows as [`penalties_outstanding`](crate::Statement::penalties_outstanding)
    /// when the policy is the statement's own). A penalty is never charged twice.
    Policy(PenaltyPolicy),
    /// An amount set by the creditor, or the penalties a statement shows as outstanding.
    Amount(Money),
}

/// A reschedule: the outstanding amount repaid on new terms from the effective date.
///
/// Unset terms keep the current plan's: its frequency, its interest, and its next due date after
/// the effective date (one period after it when none is left). Its interest is the rate in force
/// then, with the rate changes still to come and the plan's day count; a new interest replaces
/// the rate and its changes.
///
/// ```
/// use echeancier::{CapacityShape, Reschedule, Sizing, Treatment};
///
/// let r = Reschedule::new(Sizing::Capacity { capacity: "60.00 EUR".parse()?, shape: CapacityShape::FullCapacity })
///     .arrears(Treatment::Waive)
///     .by("j.martin");
/// assert_eq!(r.arrears_treatment(), Treatment::Waive);
/// assert_eq!(r.author(), Some("j.martin"));
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Reschedule {
    sizing: Sizing,
    #[cfg_attr(feature = "serde", serde(default))]
    frequency: Option<Frequency>,
    #[cfg_attr(feature = "serde", serde(default))]
    first_due: Option<NaiveDate>,
    #[cfg_attr(feature = "serde", serde(default))]
    interest: Option<Interest>,
    #[cfg_attr(feature = "serde", serde(default))]
    arrears: Treatment,
    #[cfg_attr(feature = "serde", serde(default))]
    penalties: Option<PenaltyCharge>,
    #[cfg_attr(feature = "serde", serde(default))]
    penalty_treatment: Treatment,
    #[cfg_attr(feature = "serde", serde(default))]
    author: Option<String>,
}

impl Reschedule {
    /// The outstanding amount repaid as `sizing` says; arrears capitalised; no penalties.
    ///
    /// ```
    /// use echeancier::{Reschedule, Sizing};
    ///
    /// assert_eq!(Reschedule::new(Sizing::Count(12)).sizing(), Sizing::Count(12));
    /// ```
    pub fn new(sizing: Sizing) -> Reschedule {
        Reschedule {
            sizing,
            frequency: None,
            first_due: None,
            interest: None,
            arrears: Treatment::Capitalise,
            penalties: None,
            penalty_treatment: Treatment::Capitalise,
            author: None,
        }
    }

    /// A new frequency.
    ///
    /// ```
    /// use echeancier::{Frequency, Reschedule, Sizing};
    ///
    /// let r = Reschedule::new(Sizing::Count(6)).frequency(Frequency::QUARTERLY);
    /// assert_eq!(r.new_frequency(), Some(Frequency::QUARTERLY));
    /// ```
    pub fn frequency(mut self, frequency: Frequency) -> Reschedule {
        self.frequency = Some(frequency);
        self
    }

    /// A new first due date (after the effective date).
    ///
    /// ```
    /// use echeancier::{Reschedule, Sizing};
    /// use chrono::NaiveDate;
    ///
    /// let day = NaiveDate::from_ymd_opt(2027, 5, 5).unwrap();
    /// assert_eq!(Reschedule::new(Sizing::Count(6)).first_due(day).new_first_due(), Some(day));
    /// ```
    pub fn first_due(mut self, date: NaiveDate) -> Reschedule {
        self.first_due = Some(date);
        self
    }

    /// New interest terms.
    ///
    /// ```
    /// use echeancier::{Interest, Reschedule, Sizing};
    ///
    /// let r = Reschedule::new(Sizing::Count(6)).interest(Interest::Annuity("3%".parse()?));
    /// assert!(r.new_interest().is_some());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest(mut self, interest: Interest) -> Reschedule {
        self.interest = Some(interest);
        self
    }

    /// What to do with arrears (capitalised by default).
    ///
    /// ```
    /// use echeancier::{Reschedule, Sizing, Treatment};
    ///
    /// let r = Reschedule::new(Sizing::Count(6)).arrears(Treatment::DueNow);
    /// assert_eq!(r.arrears_treatment(), Treatment::DueNow);
    /// ```
    pub fn arrears(mut self, treatment: Treatment) -> Reschedule {
        self.arrears = treatment;
        self
    }

    /// Late-payment penalties to deal with, and how.
    ///
    /// ```
    /// use echeancier::{PenaltyCharge, Reschedule, Sizing, Treatment};
    ///
    /// let r = Reschedule::new(Sizing::Count(6))
    ///     .penalties(PenaltyCharge::Amount("40.00 EUR".parse()?), Treatment::Waive);
    /// assert_eq!(r.penalty_treatment(), Treatment::Waive);
    /// assert!(r.penalty_charge().is_some());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn penalties(mut self, charge: PenaltyCharge, treatment: Treatment) -> Reschedule {
        self.penalties = Some(charge);
        self.penalty_treatment = treatment;
        self
    }

    /// Who asked for or granted it.
    ///
    /// ```
    /// use echeancier::{Reschedule, Sizing};
    ///
    /// assert_eq!(Reschedule::new(Sizing::Count(6)).by("agent 7").author(), Some("agent 7"));
    /// ```
    pub fn by(mut self, author: impl Into<String>) -> Reschedule {
        self.author = Some(author.into());
        self
    }

    /// The new sizing.
    ///
    /// ```
    /// use echeancier::{Reschedule, Sizing};
    ///
    /// assert_eq!(Reschedule::new(Sizing::Count(3)).sizing(), Sizing::Count(3));
    /// ```
    pub fn sizing(&self) -> Sizing {
        self.sizing
    }

    /// The new frequency, if changed.
    ///
    /// ```
    /// use echeancier::{Reschedule, Sizing};
    ///
    /// assert_eq!(Reschedule::new(Sizing::Count(3)).new_frequency(), None);
    /// ```
    pub fn new_frequency(&self) -> Option<Frequency> {
        self.frequency
    }

    /// The new first due date, if set.
    ///
    /// ```
    /// use echeancier::{Reschedule, Sizing};
    ///
    /// assert_eq!(Reschedule::new(Sizing::Count(3)).new_first_due(), None);
    /// ```
    pub fn new_first_due(&self) -> Option<NaiveDate> {
        self.first_due
    }

    /// The new interest terms, if changed.
    ///
    /// ```
    /// use echeancier::{Reschedule, Sizing};
    ///
    /// assert_eq!(Reschedule::new(Sizing::Count(3)).new_interest(), None);
    /// ```
    pub fn new_interest(&self) -> Option<Interest> {
        self.interest
    }

    /// What is done with arrears.
    ///
    /// ```
    /// use echeancier::{Reschedule, Sizing, Treatment};
    ///
    /// assert_eq!(Reschedule::new(Sizing::Count(3)).arrears_treatment(), Treatment::Capitalise);
    /// ```
    pub fn arrears_treatment(&self) -> Treatment {
        self.arrears
    }

    /// The penalties dealt with, if any.
    ///
    /// ```
    /// use echeancier::{Reschedule, Sizing};
    ///
    /// assert!(Reschedule::new(Sizing::Count(3)).penalty_charge().is_none());
    /// ```
    pub fn penalty_charge(&self) -> Option<&PenaltyCharge> {
        self.penalties.as_ref()
    }

    /// What is done with the penalties.
    ///
    /// ```
    /// use echeancier::{Reschedule, Sizing, Treatment};
    ///
    /// assert_eq!(Reschedule::new(Sizing::Count(3)).penalty_treatment(), Treatment::Capitalise);
    /// ```
    pub fn penalty_treatment(&self) -> Treatment {
        self.penalty_treatment
    }

    /// Who asked for or granted it.
    ///
    /// ```
    /// use echeancier::{Reschedule, Sizing};
    ///
    /// assert_eq!(Reschedule::new(Sizing::Count(3)).author(), None);
    /// ```
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }
}

/// Where postponed instalments go.
///
/// ```
/// use echeancier::PostponeMode;
///
/// assert_eq!(PostponeMode::default(), PostponeMode::ExtendTerm);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PostponeMode {
    /// Every remaining instalment moves later by the number postponed: the term grows.
    #[default]
    ExtendTerm,
    /// The term stays: the postponed amounts are spread over the instalments after them.
    SpreadOverRemaining,
}

/// A payment holiday (*report d'échéance*): the next instalments, numbered `first` to `last`, are
/// not asked for.
///
/// ```
/// use echeancier::{Postponement, PostponeMode};
///
/// let p = Postponement::new(5, 6, PostponeMode::SpreadOverRemaining)?;
/// assert_eq!((p.first(), p.last(), p.count()), (5, 6, 2));
/// assert!(Postponement::new(6, 5, PostponeMode::ExtendTerm).is_err());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "PostponementRepr", into = "PostponementRepr")
)]
pub struct Postponement {
    first: u32,
    last: u32,
    mode: PostponeMode,
    author: Option<String>,
}

impl Postponement {
    /// Instalments `first` to `last` (inclusive) postponed.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidAdjustment`](crate::Error::InvalidAdjustment) if `last` is before `first`.
    ///
    /// ```
    /// use echeancier::{Postponement, PostponeMode};
    ///
    /// assert_eq!(Postponement::new(5, 5, PostponeMode::ExtendTerm)?.count(), 1);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(first: u32, last: u32, mode: PostponeMode) -> Result<Postponement> {
        if last < first {
            return Err(crate::error::Error::InvalidAdjustment {
                reason: format!("postponed instalments {first} to {last} are in reverse order"),
            });
        }
        Ok(Postponement {
            first,
            last,
            mode,
            author: None,
        })
    }

    /// Who asked for or granted it.
    ///
    /// ```
    /// use echeancier::{Postponement, PostponeMode};
    ///
    /// assert_eq!(Postponement::new(5, 5, PostponeMode::ExtendTerm)?.by("debtor").author(), Some("debtor"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn by(mut self, author: impl Into<String>) -> Postponement {
        self.author = Some(author.into());
        self
    }

    /// The first instalment postponed.
    ///
    /// ```
    /// use echeancier::{Postponement, PostponeMode};
    ///
    /// assert_eq!(Postponement::new(5, 7, PostponeMode::ExtendTerm)?.first(), 5);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn first(&self) -> u32 {
        self.first
    }

    /// The last instalment postponed.
    ///
    /// ```
    /// use echeancier::{Postponement, PostponeMode};
    ///
    /// assert_eq!(Postponement::new(5, 7, PostponeMode::ExtendTerm)?.last(), 7);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn last(&self) -> u32 {
        self.last
    }

    /// How many instalments are postponed.
    ///
    /// ```
    /// use echeancier::{Postponement, PostponeMode};
    ///
    /// assert_eq!(Postponement::new(5, 7, PostponeMode::ExtendTerm)?.count(), 3);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn count(&self) -> u32 {
        self.last.saturating_sub(self.first).saturating_add(1)
    }

    /// Where they go.
    ///
    /// ```
    /// use echeancier::{Postponement, PostponeMode};
    ///
    /// assert_eq!(Postponement::new(5, 7, PostponeMode::ExtendTerm)?.mode(), PostponeMode::ExtendTerm);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn mode(&self) -> PostponeMode {
        self.mode
    }

    /// Who asked for or granted it.
    ///
    /// ```
    /// use echeancier::{Postponement, PostponeMode};
    ///
    /// assert_eq!(Postponement::new(5, 7, PostponeMode::ExtendTerm)?.author(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }
}

/// What a prepayment changes.
///
/// ```
/// use echeancier::PrepaymentMode;
///
/// assert_eq!(PrepaymentMode::default(), PrepaymentMode::ShortenTerm);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PrepaymentMode {
    /// The instalments keep their amount (the next one's, at most; a balloon apart); fewer are
    /// needed.
    #[default]
    ShortenTerm,
    /// The number of instalments stays; each one is lower.
    LowerInstalments,
}

/// An extra payment on the effective date (*remboursement anticipé*), beyond the instalments.
///
/// ```
/// use echeancier::{Prepayment, PrepaymentMode};
///
/// let p = Prepayment::new("300.00 EUR".parse()?, PrepaymentMode::LowerInstalments)?;
/// assert_eq!(p.amount().to_string(), "300.00 EUR");
/// assert!(Prepayment::new("0.00 EUR".parse()?, PrepaymentMode::ShortenTerm).is_err());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "PrepaymentRepr", into = "PrepaymentRepr")
)]
pub struct Prepayment {
    amount: Money,
    mode: PrepaymentMode,
    author: Option<String>,
}

impl Prepayment {
    /// A prepayment of `amount`.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`](crate::Error::NotPositive) for a zero or negative amount.
    ///
    /// ```
    /// use echeancier::{Prepayment, PrepaymentMode};
    ///
    /// assert!(Prepayment::new("-5.00 EUR".parse()?, PrepaymentMode::ShortenTerm).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(amount: Money, mode: PrepaymentMode) -> Result<Prepayment> {
        Ok(Prepayment {
            amount: amount.require_positive("prepayment")?,
            mode,
            author: None,
        })
    }

    /// Who made or recorded it.
    ///
    /// ```
    /// use echeancier::{Prepayment, PrepaymentMode};
    ///
    /// let p = Prepayment::new("1.00 EUR".parse()?, PrepaymentMode::ShortenTerm)?.by("debtor");
    /// assert_eq!(p.author(), Some("debtor"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn by(mut self, author: impl Into<String>) -> Prepayment {
        self.author = Some(author.into());
        self
    }

    /// The amount paid.
    ///
    /// ```
    /// use echeancier::{Prepayment, PrepaymentMode};
    ///
    /// assert_eq!(Prepayment::new("1.00 EUR".parse()?, PrepaymentMode::ShortenTerm)?.amount().to_string(), "1.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// What it changes.
    ///
    /// ```
    /// use echeancier::{Prepayment, PrepaymentMode};
    ///
    /// assert_eq!(Prepayment::new("1.00 EUR".parse()?, PrepaymentMode::ShortenTerm)?.mode(), PrepaymentMode::ShortenTerm);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn mode(&self) -> PrepaymentMode {
        self.mode
    }

    /// Who made or recorded it.
    ///
    /// ```
    /// use echeancier::{Prepayment, PrepaymentMode};
    ///
    /// assert_eq!(Prepayment::new("1.00 EUR".parse()?, PrepaymentMode::ShortenTerm)?.author(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }
}

/// A settlement: the debtor pays the offer's payoff on the effective date, and the plan closes.
///
/// ```
/// use echeancier::{Reduction, Settlement, SettlementOffer};
/// use chrono::NaiveDate;
///
/// let offer = SettlementOffer::new(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap(), Reduction::Percent("10%".parse()?))?;
/// let s = Settlement::new(offer).by("creditor");
/// assert_eq!(s.offer().pay_by(), NaiveDate::from_ymd_opt(2027, 6, 30).unwrap());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Settlement {
    offer: SettlementOffer,
    #[cfg_attr(feature = "serde", serde(default))]
    penalties: Option<PenaltyPolicy>,
    #[cfg_attr(feature = "serde", serde(default))]
    author: Option<String>,
}

impl Settlement {
    /// Settles under `offer`, without penalties.
    ///
    /// ```
    /// use echeancier::{Reduction, Settlement, SettlementOffer};
    /// use chrono::NaiveDate;
    ///
    /// let offer = SettlementOffer::new(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap(), Reduction::amount("50.00 EUR".parse()?)?)?;
    /// assert!(Settlement::new(offer).penalty_policy().is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(offer: SettlementOffer) -> Settlement {
        Settlement {
            offer,
            penalties: None,
            author: None,
        }
    }

    /// Adds the late-payment penalties computed by `policy` to the payoff.
    ///
    /// ```
    /// use echeancier::{PenaltyPolicy, PenaltyRate, Reduction, Settlement, SettlementOffer};
    /// use chrono::NaiveDate;
    ///
    /// let offer = SettlementOffer::new(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap(), Reduction::amount("50.00 EUR".parse()?)?)?;
    /// let s = Settlement::new(offer).with_penalties(PenaltyPolicy::new(PenaltyRate::fixed("10%".parse()?)));
    /// assert!(s.penalty_policy().is_some());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_penalties(mut self, policy: PenaltyPolicy) -> Settlement {
        self.penalties = Some(policy);
        self
    }

    /// Who agreed to it.
    ///
    /// ```
    /// use echeancier::{Reduction, Settlement, SettlementOffer};
    /// use chrono::NaiveDate;
    ///
    /// let offer = SettlementOffer::new(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap(), Reduction::amount("50.00 EUR".parse()?)?)?;
    /// assert_eq!(Settlement::new(offer).by("creditor").author(), Some("creditor"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn by(mut self, author: impl Into<String>) -> Settlement {
        self.author = Some(author.into());
        self
    }

    /// The offer.
    ///
    /// ```
    /// use echeancier::{Reduction, Settlement, SettlementOffer};
    /// use chrono::NaiveDate;
    ///
    /// let offer = SettlementOffer::new(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap(), Reduction::amount("50.00 EUR".parse()?)?)?;
    /// assert_eq!(Settlement::new(offer).offer(), &offer);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn offer(&self) -> &SettlementOffer {
        &self.offer
    }

    /// The penalty policy, if penalties are charged.
    ///
    /// ```
    /// use echeancier::{Reduction, Settlement, SettlementOffer};
    /// use chrono::NaiveDate;
    ///
    /// let offer = SettlementOffer::new(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap(), Reduction::amount("50.00 EUR".parse()?)?)?;
    /// assert!(Settlement::new(offer).penalty_policy().is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn penalty_policy(&self) -> Option<&PenaltyPolicy> {
        self.penalties.as_ref()
    }

    /// Who agreed to it.
    ///
    /// ```
    /// use echeancier::{Reduction, Settlement, SettlementOffer};
    /// use chrono::NaiveDate;
    ///
    /// let offer = SettlementOffer::new(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap(), Reduction::amount("50.00 EUR".parse()?)?)?;
    /// assert_eq!(Settlement::new(offer).author(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }
}

/// A lapse (*déchéance du terme*): when its rule is met, the whole remaining balance falls due on
/// the effective date, and the conditional waivers granted with the plan come back.
///
/// ```
/// use echeancier::{ConditionalWaiver, Lapse, LapseRule, Waived};
///
/// let waiver = ConditionalWaiver::new(Waived::Amount("200.00 EUR".parse()?))?;
/// let lapse = Lapse::new(LapseRule::missed(2)?)
///     .reinstating(vec![waiver], "1400.00 EUR".parse()?, "0.00 EUR".parse()?)
///     .by("creditor");
/// assert_eq!(lapse.waivers().len(), 1);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Lapse {
    rule: LapseRule,
    #[cfg_attr(feature = "serde", serde(default))]
    waivers: Vec<ConditionalWaiver>,
    #[cfg_attr(feature = "serde", serde(default))]
    waiver_base: Option<(Money, Money)>,
    #[cfg_attr(feature = "serde", serde(default))]
    author: Option<String>,
}

impl Lapse {
    /// A lapse under `rule`, with no waiver to reinstate.
    ///
    /// ```
    /// use echeancier::{Lapse, LapseRule};
    ///
    /// assert!(Lapse::new(LapseRule::missed(2)?).waivers().is_empty());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(rule: LapseRule) -> Lapse {
        Lapse {
            rule,
            waivers: Vec::new(),
            waiver_base: None,
            author: None,
        }
    }

    /// The conditional waivers that come back, and the principal and penalties they were computed
    /// on when granted (see [`ConditionalWaiver::amount`]).
    ///
    /// ```
    /// use echeancier::{ConditionalWaiver, Lapse, LapseRule, Waived};
    ///
    /// let waiver = ConditionalWaiver::new(Waived::Penalties)?;
    /// let lapse = Lapse::new(LapseRule::missed(2)?).reinstating(vec![waiver], "1000.00 EUR".parse()?, "80.00 EUR".parse()?);
    /// assert_eq!(lapse.waivers(), &[waiver]);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn reinstating(
        mut self,
        waivers: Vec<ConditionalWaiver>,
        principal: Money,
        penalties: Money,
    ) -> Lapse {
        self.waivers = waivers;
        self.waiver_base = Some((principal, penalties));
        self
    }

    /// Who pronounced it.
    ///
    /// ```
    /// use echeancier::{Lapse, LapseRule};
    ///
    /// assert_eq!(Lapse::new(LapseRule::missed(2)?).by("creditor").author(), Some("creditor"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn by(mut self, author: impl Into<String>) -> Lapse {
        self.author = Some(author.into());
        self
    }

    /// The rule.
    ///
    /// ```
    /// use echeancier::{Lapse, LapseRule};
    ///
    /// assert_eq!(Lapse::new(LapseRule::missed(2)?).rule().missed_instalments(), Some(2));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn rule(&self) -> &LapseRule {
        &self.rule
    }

    /// The waivers to reinstate.
    ///
    /// ```
    /// use echeancier::{Lapse, LapseRule};
    ///
    /// assert!(Lapse::new(LapseRule::missed(2)?).waivers().is_empty());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn waivers(&self) -> &[ConditionalWaiver] {
        &self.waivers
    }

    /// The principal and penalties the waivers were computed on.
    ///
    /// ```
    /// use echeancier::{Lapse, LapseRule};
    ///
    /// assert_eq!(Lapse::new(LapseRule::missed(2)?).waiver_base(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn waiver_base(&self) -> Option<(Money, Money)> {
        self.waiver_base
    }

    /// Who pronounced it.
    ///
    /// ```
    /// use echeancier::{Lapse, LapseRule};
    ///
    /// assert_eq!(Lapse::new(LapseRule::missed(2)?).author(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PostponementRepr {
    first: u32,
    last: u32,
    #[serde(default)]
    mode: PostponeMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    author: Option<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<PostponementRepr> for Postponement {
    type Error = crate::error::Error;

    fn try_from(r: PostponementRepr) -> Result<Postponement> {
        let p = Postponement::new(r.first, r.last, r.mode)?;
        Ok(Postponement {
            author: r.author,
            ..p
        })
    }
}

#[cfg(feature = "serde")]
impl From<Postponement> for PostponementRepr {
    fn from(p: Postponement) -> PostponementRepr {
        PostponementRepr {
            first: p.first,
            last: p.last,
            mode: p.mode,
            author: p.author,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PrepaymentRepr {
    amount: Money,
    #[serde(default)]
    mode: PrepaymentMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    author: Option<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<PrepaymentRepr> for Prepayment {
    type Error = crate::error::Error;

    fn try_from(r: PrepaymentRepr) -> Result<Prepayment> {
        let p = Prepayment::new(r.amount, r.mode)?;
        Ok(Prepayment {
            author: r.author,
            ..p
        })
    }
}

#[cfg(feature = "serde")]
impl From<Prepayment> for PrepaymentRepr {
    fn from(p: Prepayment) -> PrepaymentRepr {
        PrepaymentRepr {
            amount: p.amount,
            mode: p.mode,
            author: p.author,
        }
    }
}
