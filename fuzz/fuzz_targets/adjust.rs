//! An arbitrary schedule, payments and one adjustment (reschedule, postponement, prepayment,
//! settlement, lapse), recorded in an `Account`: adjusting never panics; on success the record
//! balances (outstanding after = before + capitalised − waived − paid, the crate's own
//! `invariants::adjustment_record` through `check_account`), the new schedule keeps the
//! invariants, the instalments kept from the old plan are unchanged, and the account keeps its
//! invariants (see `check_account`).
#![no_main]

use arbitrary::Arbitrary;
use chrono::NaiveDate;
use echeancier::{
    Account, Event, Interest, Lapse, LapseRule, Payment, PenaltyCharge, PenaltyPolicy, PenaltyRate,
    PostponeMode, Postponement, Prepayment, PrepaymentMode, Reduction, Reschedule, Settlement,
    SettlementOffer, Sizing, StatementOptions, Treatment,
};
use echeancier_fuzz::{
    check_account, check_schedule, rate, FAmount, FDate, FDecimal, FFrequency, FPlan,
};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Adjustment {
    Reschedule {
        count: Option<u16>,
        capacity: FAmount,
        frequency: Option<FFrequency>,
        first_due: Option<FDate>,
        interest: Option<FDecimal>,
        arrears: u8,
        penalties: Option<(bool, FAmount, FDecimal, u8)>,
    },
    Postpone {
        first: u16,
        last: u16,
        spread: bool,
    },
    Prepay {
        amount: FAmount,
        shorten: bool,
    },
    Settle {
        pay_by: FDate,
        percent: Option<FDecimal>,
        amount: FAmount,
        penalties: Option<FDecimal>,
    },
    Lapse {
        missed: Option<u8>,
        overdue: Option<(FAmount, u16)>,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    plan: FPlan,
    signed_on: FDate,
    paid: Vec<(FDate, FAmount)>,
    on: FDate,
    adjustment: Adjustment,
}

fn treatment(choice: u8) -> Treatment {
    match choice % 3 {
        0 => Treatment::Capitalise,
        1 => Treatment::Waive,
        _ => Treatment::DueNow,
    }
}

/// The event recording `adjustment` on `on`, if its parameters are accepted.
fn event(account: &Account, on: NaiveDate, adjustment: &Adjustment) -> Option<Event> {
    let c = account.currency();
    Some(match adjustment {
        Adjustment::Reschedule {
            count,
            capacity,
            frequency,
            first_due,
            interest,
            arrears,
            penalties,
        } => {
            let sizing = match count {
                Some(n) => Sizing::Count(u32::from(*n)),
                None => Sizing::Capacity {
                    capacity: capacity.get(c)?,
                    shape: echeancier::CapacityShape::FullCapacity,
                },
            };
            let mut terms = Reschedule::new(sizing)
                .arrears(treatment(*arrears))
                .by("fuzz");
            if let Some(f) = frequency {
                terms = terms.frequency(f.get()?);
            }
            if let Some(d) = first_due {
                terms = terms.first_due(d.get()?);
            }
            if let Some(r) = interest {
                terms = terms.interest(Interest::Annuity(rate(*r)?));
            }
            if let Some((by_policy, amount, r, t)) = penalties {
                let charge = if *by_policy {
                    PenaltyCharge::Policy(PenaltyPolicy::new(PenaltyRate::fixed(rate(*r)?)))
                } else {
                    PenaltyCharge::Amount(amount.get(c)?)
                };
                terms = terms.penalties(charge, treatment(*t));
            }
            Event::Reschedule { date: on, terms }
        }
        Adjustment::Postpone {
            first,
            last,
            spread,
        } => {
            let mode = if *spread {
                PostponeMode::SpreadOverRemaining
            } else {
                PostponeMode::ExtendTerm
            };
            let postponement = Postponement::new(u32::from(*first), u32::from(*last), mode).ok()?;
            Event::Postpone {
                date: on,
                postponement,
            }
        }
        Adjustment::Prepay { amount, shorten } => {
            let mode = if *shorten {
                PrepaymentMode::ShortenTerm
            } else {
                PrepaymentMode::LowerInstalments
            };
            Event::Prepay {
                date: on,
                prepayment: Prepayment::new(amount.get(c)?, mode).ok()?,
            }
        }
        Adjustment::Settle {
            pay_by,
            percent,
            amount,
            penalties,
        } => {
            let reduction = match percent {
                Some(p) => Reduction::Percent(echeancier::Percent::new(p.get()).ok()?),
                None => Reduction::amount(amount.get(c)?).ok()?,
            };
            let mut settlement =
                Settlement::new(SettlementOffer::new(pay_by.get()?, reduction).ok()?);
            if let Some(r) = penalties {
                settlement =
                    settlement.with_penalties(PenaltyPolicy::new(PenaltyRate::fixed(rate(*r)?)));
            }
            Event::Settle {
                date: on,
                settlement,
            }
        }
        Adjustment::Lapse { missed, overdue } => {
            let rule = match (missed, overdue) {
                (Some(n), None) => LapseRule::missed(u32::from(*n)).ok()?,
                (None, Some((a, days))) => LapseRule::overdue(a.get(c)?, u32::from(*days)).ok()?,
                (Some(n), Some((a, days))) => LapseRule::missed(u32::from(*n))
                    .ok()?
                    .or_overdue(a.get(c)?, u32::from(*days))
                    .ok()?,
                (None, None) => return None,
            };
            Event::Lapse {
                date: on,
                lapse: Lapse::new(rule),
            }
        }
    })
}

fuzz_target!(|input: Input| {
    let Some(request) = input.plan.get() else {
        return;
    };
    let Ok(schedule) = request.generate() else {
        return;
    };
    let c = schedule.currency();
    let Some(signed_on) = input.signed_on.get() else {
        return;
    };
    let mut paid = Vec::new();
    for (date, amount) in input.paid.iter().take(6) {
        let (Some(date), Some(amount)) = (date.get(), amount.get(c)) else {
            return;
        };
        paid.push((date, amount));
    }
    // Recorded in date order, as they happened.
    paid.sort_by_key(|(date, _)| *date);
    let Ok(mut account) = Account::new(schedule.clone(), signed_on, StatementOptions::default())
    else {
        return;
    };
    for (k, (date, amount)) in paid.into_iter().enumerate() {
        let Ok(payment) = Payment::new(format!("P-{k}"), date, amount) else {
            return;
        };
        if account.pay(payment).is_err() {
            return;
        }
    }
    let Some(on) = input.on.get() else { return };
    let Some(event) = event(&account, on, &input.adjustment) else {
        return;
    };
    if account.record(event).is_err() {
        return;
    }
    check_account(&account, on);
    let adjusted = account.history();

    let version = adjusted.current();
    // Its record balances: `check_account` checked every record (`records_kept`).
    assert!(
        version.record().is_some(),
        "an adjusted version has its record"
    );
    if let Some(new) = version.schedule() {
        check_schedule(new, None);
    }
    for kept in version.kept() {
        let original = schedule
            .instalments()
            .iter()
            .find(|i| {
                i.number() == kept.instalment().number() && i.kind() == kept.instalment().kind()
            })
            .expect("a kept instalment comes from the old plan");
        assert_eq!(kept.instalment(), original, "a kept instalment changed");
    }
});
