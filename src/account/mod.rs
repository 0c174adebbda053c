//! The account of one plan: the single source of truth for following it once it is signed.
//!
//! An [`Account`] holds the plan as signed, the [`StatementOptions`] it is followed under (the
//! creditor's allocation policy, penalties, bonus, reminders) and every [`Event`] since, in date
//! order: payments, uses of the credit (applied or refunded), and adjustments (reschedule,
//! postponement, prepayment, settlement, lapse). It is the one value a caller keeps and stores; its
//! JSON is the plan, the options and the events, and reading it replays the events, so a stored
//! account always gives back the same figures.
//!
//! **One ledger.** Each version of the plan receives the payments recorded while it is in force,
//! and one allocation pass over them ([`Statement`]) says, for every instalment and every component,
//! what is owed, paid and outstanding, the penalties accrued, paid and outstanding, and the credit.
//! The statement, the settlement quote, the lapse check, the regularity bonus and every adjustment
//! read that result; nothing else applies a payment to an instalment's parts.
//!
//! **Versions.** An adjustment closes the version in force on its date (what it still owed, with
//! the penalties outstanding that day if the terms charge them, becomes the new version's debt) and
//! opens the next one; the credit held for the debtor is carried over. An instalment is known by
//! its version and its number: a payment recorded before a version took effect is allocated to the
//! version then in force, never to a later one's instalments.
//!
//! **Invariants** (each a property test): every payment is counted once (paid = allocated to
//! instalments + penalties paid + credit held + refunded, at every event); penalties appear once
//! (what a reschedule capitalises under [`PenaltyCharge::Policy`](crate::PenaltyCharge::Policy) is
//! what the statement of that day shows outstanding); replaying the events gives the same account.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::adjust::{
    Lapse, LapseRule, LapseTrigger, Outstanding, PlanHistory, PlanStatus, PlanVersion,
    Postponement, Prepayment, Reschedule, Settlement,
};
use crate::discount::{ConditionalWaiver, RegularityReward, SettlementOffer, SettlementQuote};
use crate::error::{Error, Result};
use crate::money::{Currency, Money};
use crate::payment::{Charge, CreditMove, CreditUse, Payment};
use crate::schedule::Schedule;
use crate::statement::{Segment, Statement, StatementOptions};

/// Something that happened to a plan after it was signed, recorded in an [`Account`].
///
/// ```
/// use echeancier::{Event, Payment};
/// use chrono::NaiveDate;
///
/// let date = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
/// let event = Event::Payment(Payment::new("VIR-1", date, "100.00 EUR".parse()?)?);
/// assert_eq!(event.date(), date);
/// assert_eq!(event.to_string(), "2027-02-01: payment VIR-1 of 100.00 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum Event {
    /// A payment received.
    Payment(Payment),
    /// Credit held for the debtor applied to what is owed, or refunded.
    Credit(CreditMove),
    /// A fee or penalty added after signature, with its own due date (dated the day it is
    /// added).
    Charge(Charge),
    /// The outstanding amount rescheduled on new terms.
    Reschedule {
        /// The day it takes effect.
        date: NaiveDate,
        /// The new terms.
        terms: Reschedule,
    },
    /// Instalments postponed.
    Postpone {
        /// The day it takes effect.
        date: NaiveDate,
        /// Which instalments, and how.
        postponement: Postponement,
    },
    /// Part of the principal paid ahead of time, and the plan recomputed.
    Prepay {
        /// The day it is paid.
        date: NaiveDate,
        /// How much, and what it shortens or lowers.
        prepayment: Prepayment,
    },
    /// The plan settled under an offer.
    Settle {
        /// The day the payoff is paid.
        date: NaiveDate,
        /// The offer and who agreed it.
        settlement: Settlement,
    },
    /// A conditional waiver agreed: part of the debt (or its penalties) forgiven if the plan is
    /// completed, due again if it lapses. While the plan runs it is pending; the account grants it
    /// when the plan is completed and reinstates it when it lapses.
    Waiver {
        /// The day it was agreed.
        date: NaiveDate,
        /// What it forgives, pending.
        waiver: ConditionalWaiver,
        /// The principal its share is computed on.
        principal: Money,
        /// The penalties it is computed on (for a waiver of the penalties).
        penalties: Money,
    },
    /// The plan lapsed (*déchéance du terme*): what is left falls due at once.
    Lapse {
        /// The day it lapses.
        date: NaiveDate,
        /// The rule met, and the waivers reinstated.
        lapse: Lapse,
    },
}

impl Event {
    /// The day it happened.
    ///
    /// See [`Event`] for an example.
    pub fn date(&self) -> NaiveDate {
        match self {
            Event::Payment(p) => p.date(),
            Event::Credit(c) => c.date(),
            Event::Charge(c) => c.added_on(),
            Event::Reschedule { date, .. }
            | Event::Postpone { date, .. }
            | Event::Prepay { date, .. }
            | Event::Settle { date, .. }
            | Event::Waiver { date, .. }
            | Event::Lapse { date, .. } => *date,
        }
    }
}

impl core::fmt::Display for Event {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: ", self.date())?;
        match self {
            Event::Payment(p) => write!(f, "payment {} of {}", p.reference(), p.amount()),
            Event::Credit(c) => write!(f, "credit {} {} ({})", c.amount(), c.kind(), c.reference()),
            Event::Charge(c) => write!(
                f,
                "{} of {} ({}, {}) due on {}",
                c.kind(),
                c.amount(),
                c.label(),
                c.reference(),
                c.due_date()
            ),
            Event::Reschedule { .. } => f.write_str("reschedule"),
            Event::Postpone { postponement, .. } => write!(
                f,
                "postponement of instalments {} to {}",
                postponement.first(),
                postponement.last()
            ),
            Event::Prepay { prepayment, .. } => write!(f, "prepayment of {}", prepayment.amount()),
            Event::Settle { .. } => f.write_str("settlement"),
            Event::Waiver { .. } => f.write_str("conditional waiver"),
            Event::Lapse { .. } => f.write_str("lapse"),
        }
    }
}

/// The follow-up of one plan: the plan as signed, the options it is followed under, and every
/// event since, in date order. See [the crate guide](crate#following-a-plan-the-account-and-its-ledger)
/// for the model.
///
/// ```
/// use echeancier::*;
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?), d(1, 31),
///     Frequency::MONTHLY, Sizing::Count(3)).generate()?;
/// // The creditor keeps what is paid ahead of time as credit until it is applied.
/// let options = StatementOptions::new(AllocationPolicy::france_1343_1().with_surplus(Surplus::KeepAsCredit));
/// let mut account = Account::new(plan, d(1, 5), options)?;
/// account.pay(Payment::new("VIR-1", d(1, 31), "250.00 EUR".parse()?)?)?;
/// let s = account.statement(d(2, 1))?;
/// assert_eq!(s.credit().to_string(), "150.00 EUR");
/// // Applied on 28 February: it pays instalment 2 and half of instalment 3.
/// account.apply_credit("CREDIT-1", d(2, 28), "150.00 EUR".parse()?)?;
/// let s = account.statement(d(4, 1))?;
/// assert!(s.credit().is_zero());
/// assert_eq!(s.remaining_balance().to_string(), "50.00 EUR");
/// // The plan does not lapse over it: one instalment is missed, not two.
/// assert_eq!(account.lapse_check(&LapseRule::missed(2)?, d(4, 1))?, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Its JSON holds the plan, the signature date, the options and the events; reading it records
/// the events again one by one, so JSON that any of them would be refused for is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "AccountRepr", into = "AccountRepr")
)]
pub struct Account {
    plan: Schedule,
    signed_on: NaiveDate,
    options: StatementOptions,
    events: Vec<Event>,
    history: PlanHistory,
    /// One per version, the last one for the version in force.
    segments: Vec<Segment>,
    /// Payment and credit references, each used once.
    references: HashSet<String>,
    /// Where the events of each version begin: 0 for the first, then the adjustment that opened it.
    version_starts: Vec<usize>,
}

impl Account {
    /// The account of `plan`, signed on `signed_on`, followed under `options` (whose agreement
    /// date is set to `signed_on`).
    ///
    /// # Errors
    ///
    /// [`Error::UnsupportedDate`] for a signature date or a due date outside the supported dates;
    /// [`Error::InvalidAllocationPolicy`] and the errors of [`ReminderRules`](crate::ReminderRules)
    /// for options that cannot be used; [`Error::Unsupported`] for a regularity bonus that waives
    /// penalties without a penalty policy; [`Error::DateOrder`] for a plan whose first instalment
    /// falls due before it was signed.
    ///
    /// See [`Account`] for an example.
    pub fn new(plan: Schedule, signed_on: NaiveDate, options: StatementOptions) -> Result<Account> {
        crate::input::check_date(|| "the day the plan was signed".to_owned(), signed_on)?;
        crate::input::check_plan_dates(&plan)?;
        options.allocation().validate()?;
        options.reminders().validate()?;
        if let (Some(bonus), None) = (options.regularity_bonus(), options.penalties()) {
            if bonus.reward() == RegularityReward::WaivePenalties {
                return Err(Error::Unsupported {
                    reason: "a regularity bonus that waives the penalties needs a penalty policy",
                });
            }
        }
        if let Some(first) = plan.instalments().first() {
            if first.due_date() < signed_on {
                return Err(Error::DateOrder {
                    earlier: "the day the plan was signed",
                    earlier_date: signed_on,
                    later: "the first due date",
                    later_date: first.due_date(),
                });
            }
        }
        let currency = plan.currency();
        Ok(Account {
            history: PlanHistory::new(plan.clone(), signed_on),
            segments: vec![Segment {
                version: 1,
                opening_credit: Money::zero(currency),
                payments: Vec::new(),
                credit_moves: Vec::new(),
                charges: Vec::new(),
            }],
            plan,
            signed_on,
            options: options.agreed_on(signed_on),
            events: Vec::new(),
            references: HashSet::new(),
            version_starts: vec![0],
        })
    }

    /// Records `event`, the latest so far. On error the account is left as it was.
    ///
    /// # Errors
    ///
    /// [`Error::UnsupportedDate`] for an event dated outside the supported dates (or a charge due
    /// then, or an adjustment whose new plan would run past them); [`Error::DateOrder`] for an
    /// event dated before the last one recorded (or before the plan was signed); [`Error::DuplicatePayment`] for a reference already used;
    /// [`Error::CurrencyMismatch`]; [`Error::PlanClosed`] for a payment on a plan settled or
    /// completed by an adjustment; [`Error::InsufficientCredit`] for more credit than is held; and
    /// the errors of the adjustment (see [`PlanHistory::reschedule`] and the others).
    ///
    /// See [`Account`] for an example.
    pub fn record(&mut self, event: Event) -> Result<()> {
        // Every date of the account in the supported range: its statements can always be made.
        crate::input::check_date(
            || format!("the date of the event \"{event}\""),
            event.date(),
        )?;
        if let Event::Charge(charge) = &event {
            crate::input::check_date(
                || format!("the due date of charge {:?}", charge.reference()),
                charge.due_date(),
            )?;
        }
        let last = self.events.last().map_or(self.signed_on, Event::date);
        if event.date() < last {
            return Err(Error::DateOrder {
                earlier: "the last event recorded",
                earlier_date: last,
                later: "the new event",
                later_date: event.date(),
            });
        }
        match &event {
            Event::Payment(payment) => {
                Money::zero(self.currency()).same_currency(payment.amount())?;
                self.require_schedule()?;
                self.use_reference(payment.reference())?;
                self.current_segment_mut()?.payments.push(payment.clone());
            }
            Event::Waiver {
                waiver,
                principal,
                penalties,
                ..
            } => {
                self.require_schedule()?;
                if waiver.status().is_final() {
                    return Err(Error::WaiverDecided {
                        status: waiver.status().name(),
                        event: "agreed on a running plan",
                    });
                }
                let zero = Money::zero(self.currency());
                zero.same_currency(*principal)?;
                zero.same_currency(*penalties)?;
                // Refuses a waiver that cannot be computed on its base (more than the principal).
                waiver.amount(*principal, *penalties, self.rounding())?;
            }
            Event::Charge(charge) => {
                Money::zero(self.currency()).same_currency(charge.amount())?;
                self.require_schedule()?;
                let day = charge.added_on();
                // The payments of the day a charge is added may pay it: refused when one of them
                // was already used as credit that day, which the charge would take back (the
                // statement of that day would no longer compute).
                let credit_used_that_day = self
                    .segments
                    .last()
                    .is_some_and(|s| s.credit_moves.iter().any(|m| m.date() == day));
                self.use_reference(charge.reference())?;
                self.current_segment_mut()?.charges.push(charge.clone());
                if credit_used_that_day {
                    if let Err(Error::InsufficientCredit { .. }) = self.statement(day) {
                        self.current_segment_mut()?.charges.pop();
                        self.references.remove(charge.reference());
                        return Err(Error::DateOrder {
                            earlier: "a use of the credit the charge would take",
                            earlier_date: day,
                            later: "the day the charge is added",
                            later_date: day,
                        });
                    }
                }
            }
            Event::Credit(credit) => {
                Money::zero(self.currency()).same_currency(credit.amount())?;
                self.require_schedule()?;
                let held = self.statement(credit.date())?.credit();
                if credit.amount() > held {
                    return Err(Error::InsufficientCredit {
                        reference: credit.reference().to_owned(),
                        amount: credit.amount(),
                        held,
                    });
                }
                self.use_reference(credit.reference())?;
                self.current_segment_mut()?
                    .credit_moves
                    .push(credit.clone());
            }
            _ => {
                self.adjust(&event)?;
                self.version_starts.push(self.events.len());
            }
        }
        self.events.push(event);
        Ok(())
    }

    /// Adds a charge (a returned-payment or dunning fee, a contractual penalty) to the plan in
    /// force on the day it is added. See [`Account::record`] and [`Charge`].
    ///
    /// The allocation policy pays it like the part of an instalment due that day; the statement
    /// lists it under [`Statement::charges`] and counts it in
    /// [`Statement::total_outstanding`]. An adjustment carries what is still owed of it: a fee with
    /// the fees outstanding, a penalty with the penalties.
    ///
    /// The payments of the day a charge is added may pay it, those recorded before it included.
    ///
    /// # Errors
    ///
    /// As [`Account::record`]; [`Error::DateOrder`] for a charge that would take back payments of
    /// its day already applied or refunded as credit that day (add it the next day).
    ///
    /// ```
    /// use echeancier::*;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// // The direct debit of 31 January bounced: a fee of 15.00, due with the next instalment.
    /// account.charge(Charge::new("REJ-1", "returned direct debit", ChargeKind::Fee, d(2, 2),
    ///     d(2, 28), "15.00 EUR".parse()?)?)?;
    /// account.pay(Payment::new("VIR-1", d(2, 28), "215.00 EUR".parse()?)?)?;
    /// let s = account.statement(d(3, 1))?;
    /// let fee = &s.charges()[0];
    /// assert_eq!((fee.number(), fee.charge().reference()), (1, "REJ-1"));
    /// assert_eq!((fee.paid().to_string(), fee.paid_in_full_on()), ("15.00 EUR".to_owned(), Some(d(2, 28))));
    /// assert!(fee.outstanding().is_zero() && !fee.is_overdue(d(3, 1)));
    /// assert_eq!(fee.allocations()[0].payment(), "VIR-1");
    /// assert!(s.charges_outstanding().is_zero());
    /// // Instalment 1 (overdue), then instalment 2 and the fee, due the same day.
    /// assert!(s.instalments()[0].status().is_settled() && s.instalments()[1].status().is_settled());
    /// assert_eq!(s.total_outstanding()?.to_string(), "100.00 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn charge(&mut self, charge: Charge) -> Result<()> {
        self.record(Event::Charge(charge))
    }

    /// Records a payment. See [`Account::record`].
    ///
    /// # Errors
    ///
    /// As [`Account::record`].
    ///
    /// See [`Account`] for an example.
    pub fn pay(&mut self, payment: Payment) -> Result<()> {
        self.record(Event::Payment(payment))
    }

    /// Applies `amount` of the credit held on `date` to what is owed, by the allocation policy.
    ///
    /// # Errors
    ///
    /// As [`Account::record`] and [`CreditMove::new`].
    ///
    /// See [`Account`] for an example.
    pub fn apply_credit(
        &mut self,
        reference: impl Into<String>,
        date: NaiveDate,
        amount: Money,
    ) -> Result<()> {
        let credit = CreditMove::new(reference, date, amount, CreditUse::Applied)?;
        self.record(Event::Credit(credit))
    }

    /// Refunds `amount` of the credit held on `date`.
    ///
    /// # Errors
    ///
    /// As [`Account::record`] and [`CreditMove::new`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(1)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.pay(Payment::new("VIR-1", d(1, 31), "120.00 EUR".parse()?)?)?;
    /// assert!(account.refund("RBT-1", d(2, 3), "25.00 EUR".parse()?).is_err()); // 20.00 held
    /// account.refund("RBT-1", d(2, 3), "20.00 EUR".parse()?)?;
    /// let s = account.statement(d(2, 3))?;
    /// assert!(s.credit().is_zero());
    /// assert_eq!(s.refunded().to_string(), "20.00 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn refund(
        &mut self,
        reference: impl Into<String>,
        date: NaiveDate,
        amount: Money,
    ) -> Result<()> {
        let credit = CreditMove::new(reference, date, amount, CreditUse::Refunded)?;
        self.record(Event::Credit(credit))
    }

    /// Reschedules what is outstanding on `date` (see [`Event::Reschedule`]).
    ///
    /// # Errors
    ///
    /// As [`Account::record`].
    ///
    /// See [`Outstanding`] for an example.
    pub fn reschedule(&mut self, date: NaiveDate, terms: Reschedule) -> Result<()> {
        self.record(Event::Reschedule { date, terms })
    }

    /// Postpones instalments on `date` (see [`Event::Postpone`]).
    ///
    /// # Errors
    ///
    /// As [`Account::record`].
    ///
    /// See [`Postponement`] for an example.
    pub fn postpone(&mut self, date: NaiveDate, postponement: Postponement) -> Result<()> {
        self.record(Event::Postpone { date, postponement })
    }

    /// Records a prepayment on `date` (see [`Event::Prepay`]).
    ///
    /// # Errors
    ///
    /// As [`Account::record`].
    ///
    /// See [`Prepayment`] for an example.
    pub fn prepay(&mut self, date: NaiveDate, prepayment: Prepayment) -> Result<()> {
        self.record(Event::Prepay { date, prepayment })
    }

    /// Settles the plan on `date` (see [`Event::Settle`]).
    ///
    /// # Errors
    ///
    /// As [`Account::record`].
    ///
    /// See [`Settlement`] for an example.
    pub fn settle(&mut self, date: NaiveDate, settlement: Settlement) -> Result<()> {
        self.record(Event::Settle { date, settlement })
    }

    /// Records a conditional waiver agreed on `date`, computed on `principal` and `penalties` (see
    /// [`Event::Waiver`]).
    ///
    /// # Errors
    ///
    /// As [`Account::record`]; [`Error::WaiverDecided`] for a waiver already granted or
    /// reinstated; the errors of [`ConditionalWaiver::amount`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// // 1,000.00 owed; 20 % of it forgiven if the 800.00 left is paid as agreed.
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "800.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(4)).generate()?;
    /// let waiver = ConditionalWaiver::new(Waived::PercentOfPrincipal("20%".parse()?))?;
    /// let mut kept = Account::new(plan.clone(), d(1, 5), StatementOptions::default())?;
    /// kept.grant_waiver(d(1, 5), waiver, "1000.00 EUR".parse()?, "0.00 EUR".parse()?)?;
    /// let mut broken = kept.clone();
    /// for i in plan.instalments() {
    ///     kept.pay(Payment::new(format!("P-{}", i.number()), i.due_date(), i.amount())?)?;
    /// }
    /// assert_eq!(kept.waivers(d(4, 30))?[0].status(), WaiverStatus::Granted);
    /// // Two instalments missed: the plan lapses and the 200.00 falls due again.
    /// broken.lapse(d(3, 1), Lapse::new(LapseRule::missed(2)?))?;
    /// assert_eq!(broken.waivers(d(3, 1))?[0].status(), WaiverStatus::Reinstated);
    /// let due = broken.history().current().schedule().ok_or("no schedule")?;
    /// assert_eq!(due.totals().amount().to_string(), "1000.00 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn grant_waiver(
        &mut self,
        date: NaiveDate,
        waiver: ConditionalWaiver,
        principal: Money,
        penalties: Money,
    ) -> Result<()> {
        self.record(Event::Waiver {
            date,
            waiver,
            principal,
            penalties,
        })
    }

    /// The conditional waivers agreed by `as_of`, each as it stands that day: granted once the
    /// plan is completed (on the day its last instalment was paid in full), reinstated if it
    /// lapsed, else pending.
    ///
    /// # Errors
    ///
    /// As [`Account::status`].
    ///
    /// See [`Account::grant_waiver`] for an example.
    pub fn waivers(&self, as_of: NaiveDate) -> Result<Vec<ConditionalWaiver>> {
        let agreed = self.events.iter().filter_map(|e| match e {
            Event::Waiver { date, waiver, .. } if *date <= as_of => Some(*waiver),
            _ => None,
        });
        let lapsed_on = self
            .history
            .versions()
            .find(|v| v.status() == PlanStatus::Lapsed && v.effective() <= as_of)
            .map(PlanVersion::effective);
        let completed_on = match (lapsed_on, self.version_on(as_of)) {
            (Some(_), _) | (None, None) => None,
            // Completed by an adjustment (everything left waived or prepaid): on its date.
            (None, Some(v)) if v.schedule().is_none() => {
                (v.status() == PlanStatus::Completed).then_some(v.effective())
            }
            // Completed by the payments: on the day the last instalment was paid in full.
            (None, Some(_)) => match self.status(as_of)? {
                PlanStatus::Completed => Some(
                    self.statement(as_of)?
                        .instalments()
                        .iter()
                        .filter_map(|l| l.paid_in_full_on())
                        .max()
                        .unwrap_or(as_of),
                ),
                _ => None,
            },
        };
        agreed
            .map(|w| match (lapsed_on, completed_on) {
                (Some(on), _) => w.on_lapse(on),
                (None, Some(on)) => w.on_completion(on),
                (None, None) => Ok(w),
            })
            .collect()
    }

    fn rounding(&self) -> crate::money::Rounding {
        self.plan.derivation().regular_rounding()
    }

    /// Makes the plan lapse on `date` (see [`Event::Lapse`]).
    ///
    /// # Errors
    ///
    /// As [`Account::record`]; [`Error::LapseNotTriggered`] when the rule is not met that day.
    ///
    /// See [`Lapse`] for an example.
    pub fn lapse(&mut self, date: NaiveDate, lapse: Lapse) -> Result<()> {
        self.record(Event::Lapse { date, lapse })
    }

    /// The plan as signed.
    ///
    /// See [`Account::history`] for an example.
    pub fn plan(&self) -> &Schedule {
        &self.plan
    }

    /// The day the plan was signed.
    ///
    /// See [`Account::history`] for an example.
    pub fn signed_on(&self) -> NaiveDate {
        self.signed_on
    }

    /// The options the plan is followed under.
    ///
    /// See [`Account::history`] for an example.
    pub fn options(&self) -> &StatementOptions {
        &self.options
    }

    /// The currency of every amount.
    ///
    /// See [`Account::history`] for an example.
    pub fn currency(&self) -> Currency {
        self.plan.currency()
    }

    /// Every event recorded, in date order.
    ///
    /// See [`Account::history`] for an example.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The events of version `number`, in date order: the adjustment that opened it (none for the
    /// first), then what was recorded while it was in force. Empty for a version that does not
    /// exist.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.pay(Payment::new("VIR-1", d(1, 31), "100.00 EUR".parse()?)?)?;
    /// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
    /// account.pay(Payment::new("VIR-2", d(2, 28), "110.00 EUR".parse()?)?)?;
    /// assert_eq!(account.events_of(1).len(), 1);
    /// let v2: Vec<String> = account.events_of(2).iter().map(|e| e.to_string()).collect();
    /// assert_eq!(v2, ["2027-02-10: reschedule", "2027-02-28: payment VIR-2 of 110.00 EUR"]);
    /// assert!(account.events_of(3).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn events_of(&self, number: u32) -> &[Event] {
        let index = usize::try_from(number.saturating_sub(1)).unwrap_or(usize::MAX);
        let (Some(start), true) = (self.version_starts.get(index), number > 0) else {
            return &[];
        };
        let end = self
            .version_starts
            .get(index.saturating_add(1))
            .copied()
            .unwrap_or(self.events.len());
        self.events.get(*start..end).unwrap_or_default()
    }

    /// The versions of the plan, with the record of each adjustment.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan.clone(), d(1, 5), StatementOptions::default())?;
    /// assert_eq!((account.plan(), account.signed_on(), account.currency()), (&plan, d(1, 5), Currency::EUR));
    /// assert_eq!(account.options().agreement_date(), Some(d(1, 5)));
    /// account.pay(Payment::new("VIR-1", d(1, 31), "100.00 EUR".parse()?)?)?;
    /// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
    /// assert_eq!(account.events().len(), 2);
    /// assert_eq!(account.history().current().number(), 2);
    /// assert_eq!(account.version_on(d(2, 1)).map(|v| v.number()), Some(1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn history(&self) -> &PlanHistory {
        &self.history
    }

    /// The version in force on `date`: the last one that took effect on or before it (`None`
    /// before the plan was signed).
    ///
    /// See [`Account::history`] for an example.
    pub fn version_on(&self, date: NaiveDate) -> Option<&PlanVersion> {
        self.history
            .versions()
            .filter(|v| v.effective() <= date)
            .last()
    }

    /// Where the version in force on `as_of` stands that day: one allocation of what it received
    /// up to that day (its payments and uses of the credit), under the account's options.
    ///
    /// # Errors
    ///
    /// [`Error::DateOrder`] for a date before the plan was signed; [`Error::PlanClosed`] for a
    /// version without a schedule (settled, or nothing left to pay); the errors of
    /// [`Statement::new`].
    ///
    /// See [`Account`] for an example.
    pub fn statement(&self, as_of: NaiveDate) -> Result<Statement> {
        let version = self.version_on(as_of).ok_or(Error::DateOrder {
            earlier: "the day the plan was signed",
            earlier_date: self.signed_on,
            later: "the statement's date",
            later_date: as_of,
        })?;
        let schedule = version.schedule().ok_or(Error::PlanClosed {
            status: version.status().name(),
        })?;
        let index = usize::try_from(version.number().saturating_sub(1)).unwrap_or(usize::MAX);
        let segment = self.segments.get(index).ok_or(Error::Inconsistent {
            what: "account",
            reason: format!("version {} has no payments recorded", version.number()),
        })?;
        let known = Segment {
            version: segment.version,
            opening_credit: segment.opening_credit,
            payments: prefix_to(&segment.payments, as_of, Payment::date),
            credit_moves: prefix_to(&segment.credit_moves, as_of, CreditMove::date),
            charges: prefix_to(&segment.charges, as_of, Charge::added_on),
        };
        let options = self.options.clone().agreed_on(version.effective());
        Statement::of_version(schedule, known, &options, as_of)
    }

    /// What is outstanding on the plan in force on `as_of`, read from the statement of that day.
    ///
    /// # Errors
    ///
    /// As [`Account::statement`].
    ///
    /// See [`Outstanding`] for an example.
    pub fn outstanding(&self, as_of: NaiveDate) -> Result<Outstanding> {
        match self.statement(as_of) {
            Ok(statement) => self.history_on(as_of).outstanding(&statement),
            Err(Error::PlanClosed { .. }) => Ok(Outstanding::zero(self.currency(), as_of)),
            Err(e) => Err(e),
        }
    }

    /// Where the plan stands on `as_of`: closed by an adjustment, completed once nothing is
    /// outstanding, else active.
    ///
    /// # Errors
    ///
    /// As [`Account::statement`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(1)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// assert_eq!(account.status(d(1, 31))?, PlanStatus::Active);
    /// account.pay(Payment::new("VIR-1", d(1, 31), "100.00 EUR".parse()?)?)?;
    /// assert_eq!(account.status(d(1, 31))?, PlanStatus::Completed);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn status(&self, as_of: NaiveDate) -> Result<PlanStatus> {
        match self.version_on(as_of) {
            Some(v) if v.status() != PlanStatus::Active => Ok(v.status()),
            _ => self.history_on(as_of).status_on(&self.statement(as_of)?),
        }
    }

    /// What settling the plan under `offer` costs on its pay-by date, read from the statement of
    /// that day.
    ///
    /// # Errors
    ///
    /// [`Error::DateOrder`] for an offer dated before the last event recorded; the errors of
    /// [`SettlementOffer::quote`] and [`Account::statement`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.pay(Payment::new("VIR-1", d(2, 10), "100.00 EUR".parse()?)?)?;
    /// let offer = SettlementOffer::new(d(2, 15), Reduction::amount("20.00 EUR".parse()?)?)?;
    /// assert_eq!(account.quote(&offer)?.payoff().to_string(), "180.00 EUR");
    /// // An offer dated before a recorded payment cannot be quoted.
    /// assert!(account.quote(&SettlementOffer::new(d(2, 1), Reduction::amount("20.00 EUR".parse()?)?)?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quote(&self, offer: &SettlementOffer) -> Result<SettlementQuote> {
        if let Some(last) = self.events.last() {
            if last.date() > offer.pay_by() {
                return Err(Error::DateOrder {
                    earlier: "the last event recorded",
                    earlier_date: last.date(),
                    later: "the settlement's pay-by date",
                    later_date: offer.pay_by(),
                });
            }
        }
        offer.quote(&self.statement(offer.pay_by())?)
    }

    /// Whether `rule` is met on `as_of`, read from the statement of that day.
    ///
    /// # Errors
    ///
    /// As [`Account::statement`] and [`LapseRule::check`].
    ///
    /// See [`Account`] for an example.
    pub fn lapse_check(&self, rule: &LapseRule, as_of: NaiveDate) -> Result<Option<LapseTrigger>> {
        rule.check(&self.statement(as_of)?)
    }

    /// The ledger of every version as of `as_of`: one statement per version that took effect by
    /// then, each one of an earlier version as of the day the next took effect.
    ///
    /// # Errors
    ///
    /// As [`Account::statement`].
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.pay(Payment::new("VIR-1", d(1, 31), "100.00 EUR".parse()?)?)?;
    /// account.reschedule(d(2, 10), Reschedule::new(Sizing::Count(10)))?;
    /// account.pay(Payment::new("VIR-2", d(2, 28), "110.00 EUR".parse()?)?)?;
    /// let ledger = account.ledger(d(3, 1))?;
    /// let versions: Vec<u32> = ledger.iter().map(|s| s.version()).collect();
    /// assert_eq!(versions, [1, 2]);
    /// let paid: Vec<String> = ledger.iter().map(|s| s.paid().to_string()).collect();
    /// assert_eq!(paid, ["100.00 EUR", "110.00 EUR"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ledger(&self, as_of: NaiveDate) -> Result<Vec<Statement>> {
        let versions: Vec<&PlanVersion> = self
            .history
            .versions()
            .filter(|v| v.effective() <= as_of)
            .collect();
        let mut ledger = Vec::with_capacity(versions.len());
        for (i, version) in versions.iter().enumerate() {
            if version.schedule().is_none() {
                continue;
            }
            let until = versions
                .get(i.saturating_add(1))
                .map_or(as_of, |next| next.effective());
            let index = usize::try_from(version.number().saturating_sub(1)).unwrap_or(usize::MAX);
            let (Some(schedule), Some(segment)) = (version.schedule(), self.segments.get(index))
            else {
                continue;
            };
            let options = self.options.clone().agreed_on(version.effective());
            ledger.push(Statement::of_version(
                schedule,
                Segment {
                    version: segment.version,
                    opening_credit: segment.opening_credit,
                    payments: prefix_to(&segment.payments, until, Payment::date),
                    credit_moves: prefix_to(&segment.credit_moves, until, CreditMove::date),
                    charges: prefix_to(&segment.charges, until, Charge::added_on),
                },
                &options,
                until,
            )?);
        }
        Ok(ledger)
    }

    /// The history as it stood on `as_of` (versions that took effect by then).
    fn history_on(&self, as_of: NaiveDate) -> PlanHistory {
        match self.version_on(as_of) {
            Some(v) if v.number() != self.history.current().number() => {
                self.history.truncated(v.number())
            }
            _ => self.history.clone(),
        }
    }

    fn current_segment_mut(&mut self) -> Result<&mut Segment> {
        self.segments.last_mut().ok_or_else(|| Error::Inconsistent {
            what: "account",
            reason: "no version is in force".to_owned(),
        })
    }

    fn require_schedule(&self) -> Result<()> {
        let current = self.history.current();
        match current.schedule() {
            Some(_) => Ok(()),
            None => Err(Error::PlanClosed {
                status: current.status().name(),
            }),
        }
    }

    fn use_reference(&mut self, reference: &str) -> Result<()> {
        if !self.references.insert(reference.to_owned()) {
            return Err(Error::DuplicatePayment {
                reference: reference.to_owned(),
            });
        }
        Ok(())
    }

    /// Closes the version in force on the event's date and opens the next one.
    fn adjust(&mut self, event: &Event) -> Result<()> {
        let date = event.date();
        let at = self.statement(date)?;
        let history = match event {
            Event::Reschedule { terms, .. } => self.history.reschedule(&at, terms.clone())?,
            Event::Postpone { postponement, .. } => {
                self.history.postpone(&at, postponement.clone())?
            }
            Event::Prepay { prepayment, .. } => self.history.prepay(&at, prepayment.clone())?,
            Event::Settle { settlement, .. } => self.history.settle(&at, settlement.clone())?,
            Event::Lapse { lapse, .. } => {
                // The waivers the account holds, still pending, fall due again.
                let pending: Vec<(ConditionalWaiver, Money, Money)> = self
                    .events
                    .iter()
                    .filter_map(|e| match e {
                        Event::Waiver {
                            waiver,
                            principal,
                            penalties,
                            ..
                        } => Some((*waiver, *principal, *penalties)),
                        _ => None,
                    })
                    .collect();
                self.history
                    .lapse_reinstating(&at, lapse.clone(), &pending)?
            }
            Event::Payment(_) | Event::Credit(_) | Event::Charge(_) | Event::Waiver { .. } => {
                return Ok(())
            }
        };
        // A new plan that would run past the supported dates is refused, as a plan is.
        if let Some(schedule) = history.current().schedule() {
            crate::input::check_plan_dates(schedule)?;
        }
        // A settlement's quote deducted the credit held; otherwise it is carried over.
        let carried = match event {
            Event::Settle { .. } => Money::zero(self.currency()),
            _ => at.credit(),
        };
        self.segments.push(Segment {
            version: history.current().number(),
            opening_credit: carried,
            payments: Vec::new(),
            credit_moves: Vec::new(),
            charges: Vec::new(),
        });
        self.history = history;
        Ok(())
    }
}

/// The items of `list` (in date order) dated on or before `date`.
fn prefix_to<T: Clone>(list: &[T], date: NaiveDate, of: fn(&T) -> NaiveDate) -> Vec<T> {
    let end = list.partition_point(|item| of(item) <= date);
    list.get(..end).unwrap_or(list).to_vec()
}

/// The JSON of an account: what it was made from and every event; reading it replays them.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountRepr {
    /// The version of this format.
    format: u32,
    plan: Schedule,
    signed_on: NaiveDate,
    #[serde(default)]
    options: StatementOptions,
    #[serde(default)]
    events: Vec<Event>,
}

/// The format version written in an account's JSON.
#[cfg(feature = "serde")]
const FORMAT: u32 = 1;

#[cfg(feature = "serde")]
impl From<Account> for AccountRepr {
    fn from(a: Account) -> AccountRepr {
        AccountRepr {
            format: FORMAT,
            plan: a.plan,
            signed_on: a.signed_on,
            options: a.options,
            events: a.events,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<AccountRepr> for Account {
    type Error = Error;

    fn try_from(r: AccountRepr) -> Result<Account> {
        if r.format != FORMAT {
            return Err(Error::Inconsistent {
                what: "account",
                reason: format!(
                    "format {} is not the format {FORMAT} this version reads",
                    r.format
                ),
            });
        }
        let mut account = Account::new(r.plan, r.signed_on, r.options)?;
        for event in r.events {
            account.record(event)?;
        }
        Ok(account)
    }
}

#[cfg(test)]
mod tests;
