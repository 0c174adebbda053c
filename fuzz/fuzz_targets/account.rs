//! An arbitrary plan followed in an `Account` (penalties, a bonus, reminders among its options): a
//! sequence of events (payments on time, late, partial or beyond what is due, credit applied or
//! refunded, reschedule, postponement, prepayment, settlement, conditional waiver, lapse) recorded
//! one by one. Recording never panics; an event refused leaves the account as it was; after each
//! event accepted, every version's statement in the ledger counts each payment once (paid +
//! opening credit = allocated to instalments + credit + refunded, to the minor unit), every amount
//! is whole minor units and not negative. At the end of the sequence, every adjustment record
//! balances (after = before + capitalised − waived − paid), every statement of the ledger keeps
//! the statement invariants, one of them (chosen by the number of events) and the account's JSON
//! (its events replayed) read back to equal values.
#![no_main]

use arbitrary::Arbitrary;
use chrono::{Days, NaiveDate};
use echeancier::{
    Account, Charge, ChargeKind, Compensation, ConditionalWaiver, CreditMove, CreditUse, Event,
    Interest, Lapse, LapseRule, Money, Payment, PenaltyCharge, PenaltyPolicy, PenaltyRate,
    PostponeMode, Postponement, Prepayment, PrepaymentMode, Reduction, RegularityBonus,
    RegularityReward, ReminderRules, Reschedule, Settlement, SettlementOffer, Sizing,
    StatementOptions, Surplus, Treatment, Waived,
};
use echeancier_fuzz::{
    check_account, ledger_kept, rate, statement_kept, FAllocation, FAmount, FDecimal, FFrequency,
    FPlan,
};
use libfuzzer_sys::fuzz_target;

/// The options the account is followed under.
#[derive(Arbitrary, Debug)]
struct FOptions {
    allocation: FAllocation,
    /// Keep what is paid beyond what is due as credit (presets only; custom policies say it).
    keep_credit: bool,
    /// Penalties at this rate, with fixed compensation and grace days.
    penalties: Option<(FDecimal, Option<FAmount>, u8)>,
    /// A regularity bonus waiving the penalties.
    bonus: bool,
    /// A reminder this many days before each due date and a dunning level this many days after
    /// (0 after is refused when the account is opened).
    reminders: Option<(u8, u8)>,
}

/// Something that happens, decoded against the account as it stands.
#[derive(Arbitrary, Debug)]
enum FEvent {
    /// What is unpaid of an instalment of the version in force, on its due date.
    OnTime { instalment: u8 },
    /// The same, some days after its due date.
    Late { instalment: u8, days: u8 },
    /// A share (in 256ths) of what is unpaid of an instalment, on its due date.
    Partial { instalment: u8, share: u8 },
    /// What is unpaid of an instalment and more, on its due date.
    Excess { instalment: u8, extra: FAmount },
    /// Any amount, some days after the last event.
    Pay { after: u16, amount: FAmount },
    /// The last reference used once more.
    Duplicate { after: u8, amount: FAmount },
    /// A share (in 256ths) of the credit held applied, or more than is held.
    ApplyCredit {
        after: u8,
        share: u8,
        too_much: bool,
    },
    /// A share (in 256ths) of the credit held refunded, or more than is held.
    Refund {
        after: u8,
        share: u8,
        too_much: bool,
    },
    Reschedule {
        after: u8,
        count: u8,
        frequency: Option<FFrequency>,
        first_due_in: Option<u8>,
        interest: Option<FDecimal>,
        arrears: u8,
        /// Charged by the options' policy (or another one), or an amount; and their treatment.
        penalties: Option<(bool, FAmount, u8)>,
    },
    /// The instalments from the next one due (plus `skip`) over `length + 1`.
    Postpone {
        after: u8,
        skip: u8,
        length: u8,
        spread: bool,
    },
    /// A share (in 256ths) of the remaining balance prepaid, or an arbitrary amount.
    Prepay {
        after: u8,
        share: Option<u8>,
        amount: FAmount,
        shorten: bool,
    },
    Settle {
        after: u8,
        pay_by_in: u8,
        percent: Option<u8>,
        amount: FAmount,
        penalties: Option<FDecimal>,
    },
    /// A waiver of a percentage of the principal, an amount, or the penalties, if the plan is
    /// completed.
    Waiver {
        after: u8,
        percent: Option<u8>,
        amount: FAmount,
        penalties_only: bool,
        principal: FAmount,
        penalties: FAmount,
    },
    Lapse {
        after: u8,
        missed: Option<u8>,
        overdue: Option<(FAmount, u8)>,
    },
    /// A fee or a penalty added some days after the last event, due some days later.
    Charge {
        after: u8,
        due_in: u8,
        amount: FAmount,
        penalty: bool,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    plan: FPlan,
    /// Days from the signature to the first due date.
    signed_before: u8,
    options: FOptions,
    events: Vec<FEvent>,
}

fn treatment(choice: u8) -> Treatment {
    match choice % 3 {
        0 => Treatment::Capitalise,
        1 => Treatment::Waive,
        _ => Treatment::DueNow,
    }
}

fn options(o: &FOptions, c: echeancier::Currency) -> Option<StatementOptions> {
    let mut allocation = o.allocation.get();
    if o.keep_credit && !matches!(o.allocation, FAllocation::Custom(..)) {
        allocation = allocation.with_surplus(Surplus::KeepAsCredit);
    }
    let mut options = StatementOptions::new(allocation);
    if let Some((r, compensation, grace)) = o.penalties {
        let mut policy =
            PenaltyPolicy::new(PenaltyRate::fixed(rate(r)?)).with_grace_days(u32::from(grace % 16));
        if let Some(amount) = compensation {
            policy = policy.with_compensation(Compensation::fixed(amount.get(c)?).ok()?);
        }
        options = options.with_penalties(policy);
    }
    // Without penalties such a bonus is refused when the account is opened.
    if o.bonus {
        options = options
            .with_regularity_bonus(RegularityBonus::new(RegularityReward::WaivePenalties).ok()?);
    }
    if let Some((before, after)) = o.reminders {
        options = options.with_reminders(
            ReminderRules::new()
                .with_days_before(u32::from(before))
                .with_dunning_after(u32::from(after % 64)),
        );
    }
    Some(options)
}

/// `share`/256 of `amount`, in whole minor units, at least one.
fn part(amount: Money, share: u8) -> Option<Money> {
    let minor = amount.to_minor()?;
    let part = (i128::from(minor) * (i128::from(share) + 1) / 256).max(1);
    Money::from_minor(i64::try_from(part).ok()?, amount.currency()).ok()
}

/// Decodes what the account should record next, or `None` to skip this one.
struct Decoder {
    /// Payments and credit moves made so far, for fresh references.
    references: usize,
    last_reference: Option<String>,
}

impl Decoder {
    fn reference(&mut self, prefix: &str) -> String {
        self.references += 1;
        let reference = format!("{prefix}-{}", self.references);
        self.last_reference = Some(reference.clone());
        reference
    }

    fn event(&mut self, account: &Account, input: &FEvent) -> Option<Event> {
        let c = account.currency();
        let last = account
            .events()
            .last()
            .map_or(account.signed_on(), Event::date);
        let after = |days: u64| last.checked_add_days(Days::new(days));
        // An instalment of the version in force, and the day it is paid `late` days after its
        // due date (never before the last event).
        let instalment = |number: u8, late: u64| -> Option<(NaiveDate, Money)> {
            let schedule = account.history().current().schedule()?;
            let rows = schedule.instalments();
            let row = rows.get(usize::from(number) % rows.len())?;
            let date = row.due_date().checked_add_days(Days::new(late))?.max(last);
            let line = account
                .statement(date)
                .ok()?
                .instalments()
                .iter()
                .find(|l| l.number() == row.number() && l.due_date() == row.due_date())?
                .clone();
            let unpaid = if line.unpaid().is_positive() {
                line.unpaid()
            } else {
                line.amount()
            };
            Some((date, unpaid))
        };
        Some(match input {
            FEvent::OnTime { instalment: n } => {
                let (date, amount) = instalment(*n, 0)?;
                Event::Payment(Payment::new(self.reference("P"), date, amount).ok()?)
            }
            FEvent::Late {
                instalment: n,
                days,
            } => {
                let (date, amount) = instalment(*n, u64::from(*days) + 1)?;
                Event::Payment(Payment::new(self.reference("P"), date, amount).ok()?)
            }
            FEvent::Partial {
                instalment: n,
                share,
            } => {
                let (date, amount) = instalment(*n, 0)?;
                let amount = part(amount, *share)?;
                Event::Payment(Payment::new(self.reference("P"), date, amount).ok()?)
            }
            FEvent::Excess {
                instalment: n,
                extra,
            } => {
                let (date, amount) = instalment(*n, 0)?;
                let amount = amount.checked_add(extra.get(c)?).ok()?;
                Event::Payment(Payment::new(self.reference("P"), date, amount).ok()?)
            }
            FEvent::Pay {
                after: days,
                amount,
            } => Event::Payment(
                Payment::new(
                    self.reference("P"),
                    after(u64::from(*days))?,
                    amount.get(c)?,
                )
                .ok()?,
            ),
            FEvent::Duplicate {
                after: days,
                amount,
            } => {
                let reference = self.last_reference.clone()?;
                Event::Payment(
                    Payment::new(reference, after(u64::from(*days))?, amount.get(c)?).ok()?,
                )
            }
            FEvent::ApplyCredit {
                after: days,
                share,
                too_much,
            }
            | FEvent::Refund {
                after: days,
                share,
                too_much,
            } => {
                let date = after(u64::from(*days))?;
                let held = account.statement(date).ok()?.credit();
                let amount = if *too_much {
                    held.checked_add(Money::from_minor(1, c).ok()?).ok()?
                } else if held.is_positive() {
                    part(held, *share)?
                } else {
                    return None;
                };
                let kind = if matches!(input, FEvent::Refund { .. }) {
                    CreditUse::Refunded
                } else {
                    CreditUse::Applied
                };
                Event::Credit(CreditMove::new(self.reference("C"), date, amount, kind).ok()?)
            }
            FEvent::Charge {
                after: days,
                due_in,
                amount,
                penalty,
            } => {
                let added_on = after(u64::from(*days))?;
                let due = added_on.checked_add_days(Days::new(u64::from(*due_in)))?;
                let kind = if *penalty {
                    ChargeKind::Penalty
                } else {
                    ChargeKind::Fee
                };
                Event::Charge(
                    Charge::new(
                        self.reference("F"),
                        "fee",
                        kind,
                        added_on,
                        due,
                        amount.get(c)?,
                    )
                    .ok()?,
                )
            }
            FEvent::Reschedule {
                after: days,
                count,
                frequency,
                first_due_in,
                interest,
                arrears,
                penalties,
            } => {
                let date = after(u64::from(*days))?;
                let mut terms = Reschedule::new(Sizing::Count(u32::from(*count % 48) + 1))
                    .arrears(treatment(*arrears))
                    .by("fuzz");
                if let Some(f) = frequency {
                    terms = terms.frequency(f.get()?);
                }
                if let Some(d) = first_due_in {
                    terms = terms.first_due(date.checked_add_days(Days::new(u64::from(*d)))?);
                }
                if let Some(r) = interest {
                    terms = terms.interest(Interest::Annuity(rate(*r)?));
                }
                if let Some((by_policy, amount, t)) = penalties {
                    let charge = if *by_policy {
                        let policy = match account.options().penalties() {
                            Some(p) => p.clone(),
                            None => PenaltyPolicy::new(PenaltyRate::fixed("8%".parse().ok()?)),
                        };
                        PenaltyCharge::Policy(policy)
                    } else {
                        PenaltyCharge::Amount(amount.get(c)?)
                    };
                    terms = terms.penalties(charge, treatment(*t));
                }
                Event::Reschedule { date, terms }
            }
            FEvent::Postpone {
                after: days,
                skip,
                length,
                spread,
            } => {
                let date = after(u64::from(*days))?;
                let schedule = account.history().current().schedule()?;
                let next = schedule
                    .instalments()
                    .iter()
                    .find(|i| i.due_date() > date)?;
                let first = next.number() + u32::from(*skip % 3);
                let mode = if *spread {
                    PostponeMode::SpreadOverRemaining
                } else {
                    PostponeMode::ExtendTerm
                };
                let postponement =
                    Postponement::new(first, first + u32::from(*length % 4), mode).ok()?;
                Event::Postpone { date, postponement }
            }
            FEvent::Prepay {
                after: days,
                share,
                amount,
                shorten,
            } => {
                let date = after(u64::from(*days))?;
                let mode = if *shorten {
                    PrepaymentMode::ShortenTerm
                } else {
                    PrepaymentMode::LowerInstalments
                };
                let amount = match share {
                    Some(share) => part(account.statement(date).ok()?.remaining_balance(), *share)?,
                    None => amount.get(c)?,
                };
                Event::Prepay {
                    date,
                    prepayment: Prepayment::new(amount, mode).ok()?,
                }
            }
            FEvent::Settle {
                after: days,
                pay_by_in,
                percent,
                amount,
                penalties,
            } => {
                let date = after(u64::from(*days))?;
                let reduction = match percent {
                    Some(p) => Reduction::Percent(
                        echeancier::Percent::new(rust_decimal::Decimal::from(*p % 101)).ok()?,
                    ),
                    None => Reduction::amount(amount.get(c)?).ok()?,
                };
                let pay_by = date.checked_add_days(Days::new(u64::from(*pay_by_in)))?;
                let mut settlement = Settlement::new(SettlementOffer::new(pay_by, reduction).ok()?);
                if let Some(r) = penalties {
                    settlement = settlement
                        .with_penalties(PenaltyPolicy::new(PenaltyRate::fixed(rate(*r)?)));
                }
                Event::Settle { date, settlement }
            }
            FEvent::Waiver {
                after: days,
                percent,
                amount,
                penalties_only,
                principal,
                penalties,
            } => {
                let waived = match (penalties_only, percent) {
                    (true, _) => Waived::Penalties,
                    (false, Some(p)) => Waived::PercentOfPrincipal(
                        echeancier::Percent::new(rust_decimal::Decimal::from(*p % 101)).ok()?,
                    ),
                    (false, None) => Waived::Amount(amount.get(c)?),
                };
                Event::Waiver {
                    date: after(u64::from(*days))?,
                    waiver: ConditionalWaiver::new(waived).ok()?,
                    principal: principal.get(c)?,
                    penalties: penalties.get(c)?,
                }
            }
            FEvent::Lapse {
                after: days,
                missed,
                overdue,
            } => {
                let rule = match (missed, overdue) {
                    (Some(n), None) => LapseRule::missed(u32::from(*n % 8)).ok()?,
                    (None, Some((a, d))) => LapseRule::overdue(a.get(c)?, u32::from(*d)).ok()?,
                    (Some(n), Some((a, d))) => LapseRule::missed(u32::from(*n % 8))
                        .ok()?
                        .or_overdue(a.get(c)?, u32::from(*d))
                        .ok()?,
                    (None, None) => return None,
                };
                Event::Lapse {
                    date: after(u64::from(*days))?,
                    lapse: Lapse::new(rule),
                }
            }
        })
    }
}

fuzz_target!(|input: Input| {
    let Some(request) = input.plan.get() else {
        return;
    };
    let Ok(plan) = request.generate() else {
        return;
    };
    // Small plans: every event rebuilds the ledger.
    if plan.instalments().len() > 120 {
        return;
    }
    let c = plan.currency();
    let Some(first_due) = plan.instalments().first().map(|i| i.due_date()) else {
        return;
    };
    let Some(signed_on) = first_due.checked_sub_days(Days::new(u64::from(input.signed_before)))
    else {
        return;
    };
    let Some(options) = options(&input.options, c) else {
        return;
    };
    let Ok(mut account) = Account::new(plan, signed_on, options) else {
        return;
    };
    ledger_kept(&account, signed_on);
    let mut decoder = Decoder {
        references: 0,
        last_reference: None,
    };
    let mut last = signed_on;
    for fevent in input.events.iter().take(24) {
        let Some(event) = decoder.event(&account, fevent) else {
            continue;
        };
        let date = event.date();
        let before = account.clone();
        let versions = account.history().versions().count();
        match account.record(event) {
            Ok(()) => {
                if account.history().versions().count() == versions {
                    // Events are recorded in date order, so the statements of the versions
                    // closed before this event are those checked already: only the version in
                    // force has changed.
                    statement_kept(&account, date);
                } else {
                    ledger_kept(&account, date);
                }
                last = last.max(date);
                // The waivers as they stand: pending, granted or reinstated; an error only when
                // the statement they read overflows (see `check_account`).
                match account.waivers(date) {
                    Ok(_) | Err(echeancier::Error::Overflow { .. }) => {}
                    Err(e) => panic!("waivers on {date}: {e}"),
                }
            }
            Err(_) => assert_eq!(account, before, "a refused event changed the account"),
        }
    }
    // The JSON round trips once, on the account as the sequence left it: its JSON replays every
    // event, and the statements of its ledger are those of every version.
    check_account(&account, last);
});
