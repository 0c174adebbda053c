//! The record of an adjustment: who, what, when, with the amounts before and after.

use core::fmt;

use chrono::NaiveDate;

use crate::adjust::{
    Lapse, LapseTrigger, Outstanding, Postponement, Prepayment, Reschedule, Settlement,
};
use crate::discount::{ConditionalWaiver, SettlementQuote};
use crate::language::Language;
use crate::money::Money;

/// The kind of an adjustment.
///
/// ```
/// use echeancier::AdjustmentKind;
///
/// assert_eq!(AdjustmentKind::Postpone.to_string(), "postponement");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AdjustmentKind {
    /// New terms for the outstanding amount.
    Reschedule,
    /// A payment holiday.
    Postpone,
    /// An extra payment.
    Prepay,
    /// A settlement closing the plan.
    Settle,
    /// The plan lapsed: everything is due.
    Lapse,
}

impl fmt::Display for AdjustmentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AdjustmentKind::Reschedule => "reschedule",
            AdjustmentKind::Postpone => "postponement",
            AdjustmentKind::Prepay => "prepayment",
            AdjustmentKind::Settle => "settlement",
            AdjustmentKind::Lapse => "lapse",
        })
    }
}

/// The parameters of an adjustment, as given, with what they led to where it matters (the
/// settlement quote; the lapse's trigger and reinstated waivers).
///
/// ```
/// use echeancier::{AdjustmentDetails, AdjustmentKind, Reschedule, Sizing};
///
/// let details = AdjustmentDetails::Reschedule(Reschedule::new(Sizing::Count(12)));
/// assert_eq!(details.kind(), AdjustmentKind::Reschedule);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum AdjustmentDetails {
    /// A reschedule's terms.
    Reschedule(Reschedule),
    /// A payment holiday.
    Postpone(Postponement),
    /// A prepayment.
    Prepay(Prepayment),
    /// A settlement and the quote it paid.
    Settle {
        /// The settlement as asked.
        settlement: Box<Settlement>,
        /// The quote as of the effective date.
        quote: Box<SettlementQuote>,
    },
    /// A lapse, what triggered it and the waivers it reinstated.
    Lapse {
        /// The lapse as asked.
        lapse: Lapse,
        /// Why the rule was met.
        trigger: LapseTrigger,
        /// The waivers, now reinstated.
        reinstated: Vec<ConditionalWaiver>,
    },
}

impl AdjustmentDetails {
    /// The kind of adjustment.
    ///
    /// ```
    /// use echeancier::{AdjustmentDetails, AdjustmentKind, Prepayment, PrepaymentMode};
    ///
    /// let p = Prepayment::new("10.00 EUR".parse()?, PrepaymentMode::ShortenTerm)?;
    /// assert_eq!(AdjustmentDetails::Prepay(p).kind(), AdjustmentKind::Prepay);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn kind(&self) -> AdjustmentKind {
        match self {
            AdjustmentDetails::Reschedule(_) => AdjustmentKind::Reschedule,
            AdjustmentDetails::Postpone(_) => AdjustmentKind::Postpone,
            AdjustmentDetails::Prepay(_) => AdjustmentKind::Prepay,
            AdjustmentDetails::Settle { .. } => AdjustmentKind::Settle,
            AdjustmentDetails::Lapse { .. } => AdjustmentKind::Lapse,
        }
    }

    fn author(&self) -> Option<&str> {
        match self {
            AdjustmentDetails::Reschedule(r) => r.author(),
            AdjustmentDetails::Postpone(p) => p.author(),
            AdjustmentDetails::Prepay(p) => p.author(),
            AdjustmentDetails::Settle { settlement, .. } => settlement.author(),
            AdjustmentDetails::Lapse { lapse, .. } => lapse.author(),
        }
    }
}

/// What an adjustment did, kept with the version it created.
///
/// The amounts satisfy, to the minor unit:
/// `outstanding_after = outstanding_before + capitalised − waived − paid`;
/// the interest the new terms will charge is shown apart ([`new_interest`](Self::new_interest)),
/// beside the interest the replaced terms would have charged ([`interest_replaced`](Self::interest_replaced)).
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let debt = Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
/// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
/// let prepay = Prepayment::new("300.00 EUR".parse()?, PrepaymentMode::ShortenTerm)?.by("debtor");
/// account.prepay(d(1, 10), prepay)?;
/// let record = account.history().current().record().ok_or("no record")?;
/// assert_eq!(record.outstanding_before().to_string(), "1200.00 EUR");
/// assert_eq!(record.paid().to_string(), "300.00 EUR");
/// assert_eq!(record.outstanding_after().to_string(), "900.00 EUR");
/// assert_eq!(record.to_string(), "2027-01-10: prepayment by debtor; outstanding 1200.00 EUR → 900.00 EUR (paid 300.00 EUR)");
/// assert_eq!(record.breakdown().principal()?.to_string(), "1200.00 EUR");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialising checks that every amount is in one currency and not negative and that the
/// outstanding amount after is the one before + capitalised − waived − paid; the figures themselves
/// depend on payments the record does not carry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "AdjustmentRecordRepr"))]
pub struct AdjustmentRecord {
    pub(crate) date: NaiveDate,
    pub(crate) details: AdjustmentDetails,
    pub(crate) outstanding_before: Money,
    pub(crate) outstanding_after: Money,
    pub(crate) capitalised: Money,
    pub(crate) waived: Money,
    pub(crate) paid: Money,
    pub(crate) penalties_waived: Money,
    pub(crate) interest_replaced: Money,
    pub(crate) new_interest: Money,
    pub(crate) breakdown: Outstanding,
}

impl AdjustmentRecord {
    /// The effective date.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(1, 10), Reschedule::new(Sizing::Count(24)))?;
    /// let history = account.history();
    /// assert_eq!(history.current().record().map(|r| r.date()), Some(d(1, 10)));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The kind of adjustment.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(1, 10), Reschedule::new(Sizing::Count(24)))?;
    /// let history = account.history();
    /// assert_eq!(history.current().record().map(|r| r.kind()), Some(AdjustmentKind::Reschedule));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn kind(&self) -> AdjustmentKind {
        self.details.kind()
    }

    /// The parameters, as given.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(1, 10), Reschedule::new(Sizing::Count(24)))?;
    /// let history = account.history();
    /// let details = history.current().record().map(|r| r.details().clone());
    /// assert_eq!(details, Some(AdjustmentDetails::Reschedule(Reschedule::new(Sizing::Count(24)))));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn details(&self) -> &AdjustmentDetails {
        &self.details
    }

    /// Who asked for, granted or recorded it, if given.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(1, 10), Reschedule::new(Sizing::Count(24)).by("j.martin"))?;
    /// let history = account.history();
    /// assert_eq!(history.current().record().and_then(|r| r.author()), Some("j.martin"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn author(&self) -> Option<&str> {
        self.details.author()
    }

    /// What was outstanding just before (see [`Outstanding`](crate::Outstanding)).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(1, 10), Reschedule::new(Sizing::Count(24)))?;
    /// let history = account.history();
    /// assert_eq!(history.current().record().map(|r| r.outstanding_before().to_string()).as_deref(), Some("1200.00 EUR"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn outstanding_before(&self) -> Money {
        self.outstanding_before
    }

    /// What is outstanding just after: the principal and fees of the new schedule (zero once
    /// settled).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(1, 10), Reschedule::new(Sizing::Count(24)))?;
    /// let history = account.history();
    /// assert_eq!(history.current().record().map(|r| r.outstanding_after().to_string()).as_deref(), Some("1200.00 EUR"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn outstanding_after(&self) -> Money {
        self.outstanding_after
    }

    /// What was added to the outstanding amount: penalties brought into the plan, waivers
    /// reinstated by a lapse, interest accrued and penalties charged by a settlement.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let terms = Reschedule::new(Sizing::Count(24)).penalties(PenaltyCharge::Amount("40.00 EUR".parse()?), Treatment::Capitalise);
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(3, 1), terms)?;
    /// let history = account.history();
    /// assert_eq!(history.current().record().map(|r| r.capitalised().to_string()).as_deref(), Some("40.00 EUR"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn capitalised(&self) -> Money {
        self.capitalised
    }

    /// What of the outstanding amount was forgiven: arrears waived, a settlement's discount.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let terms = Reschedule::new(Sizing::Count(10)).arrears(Treatment::Waive);
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(3, 1), terms)?;
    /// let history = account.history();
    /// assert_eq!(history.current().record().map(|r| r.waived().to_string()).as_deref(), Some("200.00 EUR"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn waived(&self) -> Money {
        self.waived
    }

    /// What was paid with the adjustment: a prepayment, a settlement's payoff.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(1, 10), Reschedule::new(Sizing::Count(24)))?;
    /// let history = account.history();
    /// assert_eq!(history.current().record().map(|r| r.paid().is_zero()), Some(true));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn paid(&self) -> Money {
        self.paid
    }

    /// Late-payment penalties forgiven by a reschedule (never part of the outstanding amount).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let terms = Reschedule::new(Sizing::Count(24)).penalties(PenaltyCharge::Amount("40.00 EUR".parse()?), Treatment::Waive);
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(3, 1), terms)?;
    /// let history = account.history();
    /// assert_eq!(history.current().record().map(|r| r.penalties_waived().to_string()).as_deref(), Some("40.00 EUR"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn penalties_waived(&self) -> Money {
        self.penalties_waived
    }

    /// The interest the replaced terms would still have charged (not yet earned).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(1, 10), Reschedule::new(Sizing::Count(24)))?;
    /// let history = account.history();
    /// assert_eq!(history.current().record().map(|r| r.interest_replaced().is_zero()), Some(true));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest_replaced(&self) -> Money {
        self.interest_replaced
    }

    /// The interest the new schedule charges, shown apart from the outstanding amount.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let terms = Reschedule::new(Sizing::Count(2)).interest(Interest::Annuity("12%".parse()?));
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(1, 10), terms)?;
    /// let history = account.history();
    /// // 1200.00 over 2 months at 1 % a month: 12.00 + 6.03.
    /// assert_eq!(history.current().record().map(|r| r.new_interest().to_string()).as_deref(), Some("18.03 EUR"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new_interest(&self) -> Money {
        self.new_interest
    }
}

impl AdjustmentRecord {
    /// What was outstanding on the date, before the adjustment, each component under its own name
    /// (principal, interest due, fees, penalties, and the credit held), for a lapse what falls due.
    ///
    /// See [`Account`](crate::Account) for an example.
    pub fn breakdown(&self) -> &Outstanding {
        &self.breakdown
    }

    /// What the change costs the debtor in interest: the interest of the new terms less the
    /// interest the old terms still had to charge (negative when the change saves interest).
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`](crate::Error::Overflow) past `Decimal`'s range.
    ///
    /// See [`Account`](crate::Account) for an example.
    pub fn interest_change(&self) -> crate::error::Result<Money> {
        self.new_interest.checked_sub(self.interest_replaced)
    }
}

impl fmt::Display for AdjustmentRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_in(f, Language::English)
    }
}

impl AdjustmentRecord {
    /// The record in one line as a reader of `language` reads it; `Display` is the English one.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let debt = Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
    /// let record = account.history().current().record().ok_or("no record")?;
    /// assert_eq!(
    ///     record.to_string_in(Language::French),
    ///     "2027-02-10 : rééchelonnement ; restant dû 1 200,00 EUR → 1 200,00 EUR"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_string_in(&self, language: Language) -> String {
        struct In<'a>(&'a AdjustmentRecord, Language);
        impl fmt::Display for In<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write_in(f, self.1)
            }
        }
        In(self, language).to_string()
    }

    fn write_in(&self, f: &mut fmt::Formatter<'_>, language: Language) -> fmt::Result {
        let fr = language == Language::French;
        let m = |amount: Money| {
            if fr {
                crate::language::money(amount, language)
            } else {
                amount.to_string()
            }
        };
        let (by, sep) = if fr { ("par", " ;") } else { ("by", ";") };
        write!(
            f,
            "{}{} {}",
            self.date,
            language.colon(),
            self.kind().to_string_in(language)
        )?;
        if let Some(author) = self.author() {
            write!(f, " {by} {author}")?;
        }
        write!(
            f,
            "{sep} {} {} → {}",
            if fr { "restant dû" } else { "outstanding" },
            m(self.outstanding_before),
            m(self.outstanding_after)
        )?;
        let parts = [
            ("capitalised", "capitalisé", self.capitalised),
            ("waived", "abandonné", self.waived),
            ("paid", "payé", self.paid),
            (
                "penalties waived",
                "pénalités abandonnées",
                self.penalties_waived,
            ),
        ];
        let shown: Vec<String> = parts
            .iter()
            .filter(|(_, _, amount)| !amount.is_zero())
            .map(|(en, fr_name, amount)| {
                format!("{} {}", if fr { fr_name } else { en }, m(*amount))
            })
            .collect();
        if !shown.is_empty() {
            write!(f, " ({})", shown.join(", "))?;
        }
        if let AdjustmentDetails::Settle { quote, .. } = &self.details {
            if quote.refund().is_positive() {
                let to_refund = if fr { "à rembourser" } else { "to refund" };
                write!(f, "{sep} {to_refund} {}", m(quote.refund()))?;
            }
        }
        if !(self.new_interest.is_zero() && self.interest_replaced.is_zero()) {
            let change = self.interest_change().map_err(|_| fmt::Error)?;
            let sign = if change.is_negative() { "" } else { "+" };
            if fr {
                write!(
                    f,
                    " ; intérêts {sign}{} ({} selon les nouvelles conditions au lieu de {})",
                    m(change),
                    m(self.new_interest),
                    m(self.interest_replaced)
                )?;
            } else {
                write!(
                    f,
                    "; interest {sign}{change} ({} on the new terms for {} replaced)",
                    self.new_interest, self.interest_replaced
                )?;
            }
        }
        if let AdjustmentDetails::Lapse { .. } = self.details {
            let b = &self.breakdown;
            let principal = b.principal().map_err(|_| fmt::Error)?;
            let fees = b.fees().map_err(|_| fmt::Error)?;
            if fr {
                write!(
                    f,
                    " ; devient exigible : capital {}, intérêts {}, frais {}, pénalités {}",
                    m(principal),
                    m(b.interest()),
                    m(fees),
                    m(b.penalties())
                )?;
            } else {
                write!(
                    f,
                    "; falls due: principal {principal}, interest {}, fees {fees}, penalties {}",
                    b.interest(),
                    b.penalties()
                )?;
            }
        }
        Ok(())
    }
}

impl AdjustmentKind {
    /// The kind as a reader of `language` reads it ("reschedule", "rééchelonnement");
    /// `Display` is the English one.
    ///
    /// ```
    /// use echeancier::{AdjustmentKind, Language};
    ///
    /// assert_eq!(AdjustmentKind::Lapse.to_string_in(Language::French), "déchéance du terme");
    /// assert_eq!(AdjustmentKind::Lapse.to_string_in(Language::English), "lapse");
    /// ```
    pub fn to_string_in(self, language: Language) -> String {
        match language {
            Language::French => match self {
                AdjustmentKind::Reschedule => "rééchelonnement",
                AdjustmentKind::Postpone => "report d'échéances",
                AdjustmentKind::Prepay => "remboursement anticipé",
                AdjustmentKind::Settle => "solde transactionnel",
                AdjustmentKind::Lapse => "déchéance du terme",
            }
            .to_owned(),
            Language::English => self.to_string(),
        }
    }
}

impl crate::adjust::PlanStatus {
    /// The status as a reader of `language` reads it ("lapsed", "déchu"); `Display` is the
    /// English one.
    ///
    /// ```
    /// use echeancier::{Language, PlanStatus};
    ///
    /// assert_eq!(PlanStatus::Settled.to_string_in(Language::French), "soldé par transaction");
    /// assert_eq!(PlanStatus::Active.to_string_in(Language::English), "active");
    /// ```
    pub fn to_string_in(self, language: Language) -> String {
        use crate::adjust::PlanStatus;
        match language {
            Language::French => match self {
                PlanStatus::Active => "en cours",
                PlanStatus::Completed => "terminé",
                PlanStatus::Settled => "soldé par transaction",
                PlanStatus::Lapsed => "déchu",
            }
            .to_owned(),
            Language::English => self.to_string(),
        }
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(AdjustmentRecord as AdjustmentRecordRepr {
    date: NaiveDate,
    details: AdjustmentDetails,
    outstanding_before: Money,
    outstanding_after: Money,
    capitalised: Money,
    waived: Money,
    paid: Money,
    penalties_waived: Money,
    interest_replaced: Money,
    new_interest: Money,
    breakdown: Outstanding,
});

#[cfg(feature = "serde")]
impl AdjustmentRecord {
    /// Invariant 6 and its amounts (see [`crate::invariants::adjustment_record`]), and a
    /// settlement's quote in the record's currency.
    fn check(&self) -> crate::error::Result<()> {
        crate::invariants::adjustment_record(self)?;
        let check =
            crate::contract::Check::new("adjustment record", self.outstanding_before.currency());
        if let AdjustmentDetails::Settle { quote, .. } = &self.details {
            check.currency("the settlement quote", quote.payoff())?;
        }
        Ok(())
    }
}
