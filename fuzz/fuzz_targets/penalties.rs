//! Arbitrary overdue items, penalty policies and dates: computing never panics, penalties are never
//! negative, and they never decrease when the date moves on.
#![no_main]

use arbitrary::Arbitrary;
use chrono::Days;
use echeancier::{
    Cap, Compensation, Currency, DayCount, LegalRateCreditor, OverdueItem, PartialPayment,
    PenaltyPolicy, PenaltyRate, PenaltyStatement,
};
use echeancier_fuzz::{rate, rounding, FAmount, FCurrency, FDate, FDecimal};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Item {
    due: FDate,
    amount: FAmount,
    payments: Vec<(FDate, FAmount)>,
    paid_on: Option<FDate>,
}

#[derive(Arbitrary, Debug)]
enum Policy {
    FranceB2b,
    FranceLegal(bool),
    Eu,
    Custom {
        rate: FDecimal,
        grace_days: u8,
        day_count: u8,
        compensation: Option<Vec<(FAmount, FAmount)>>,
        cap: Option<(bool, FAmount, FDecimal)>,
        minimum_rate: Option<FDecimal>,
        rounding: u8,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    currency: FCurrency,
    items: Vec<Item>,
    policy: Policy,
    as_of: FDate,
    later_by: u16,
}

fn policy(policy: &Policy, c: Currency) -> Option<PenaltyPolicy> {
    match policy {
        Policy::FranceB2b => PenaltyPolicy::france_b2b().ok(),
        Policy::FranceLegal(personal) => PenaltyPolicy::france_legal_rate(if *personal {
            LegalRateCreditor::PersonalCreditor
        } else {
            LegalRateCreditor::OtherCases
        })
        .ok(),
        Policy::Eu => PenaltyPolicy::eu_late_payment_directive().ok(),
        Policy::Custom {
            rate: r,
            grace_days,
            day_count,
            compensation,
            cap,
            minimum_rate,
            rounding: round,
        } => {
            let mut p = PenaltyPolicy::new(PenaltyRate::fixed(rate(*r)?))
                .with_grace_days(u32::from(*grace_days))
                .with_day_count(match day_count % 4 {
                    0 => DayCount::Actual365,
                    1 => DayCount::Actual360,
                    2 => DayCount::ActualActualIsda,
                    _ => DayCount::Thirty360,
                })
                .with_rounding(rounding(*round));
            if let Some(bands) = compensation {
                let compensation = match bands.as_slice() {
                    [] => Compensation::none(),
                    [(amount, _)] => Compensation::fixed(amount.get(c)?).ok()?,
                    bands => {
                        let mut list = Vec::new();
                        for (from, amount) in bands.iter().take(4) {
                            list.push((from.get(c)?, amount.get(c)?));
                        }
                        Compensation::banded(list).ok()?
                    }
                };
                p = p.with_compensation(compensation);
            }
            if let Some((by_amount, amount, percent)) = cap {
                p = p.with_cap(if *by_amount {
                    Cap::amount(amount.get(c)?).ok()?
                } else {
                    Cap::percent_of_base(percent.get()).ok()?
                });
            }
            if let Some(minimum) = minimum_rate {
                p = p.with_minimum_rate(rate(*minimum)?);
            }
            Some(p)
        }
    }
}

fn check(statement: &PenaltyStatement) {
    assert!(!statement.interest().is_negative(), "{statement:?}");
    assert!(!statement.compensation().is_negative(), "{statement:?}");
    assert!(!statement.total().is_negative(), "{statement:?}");
    assert_eq!(
        statement.interest().checked_add(statement.compensation()),
        Ok(statement.total()),
        "{statement:?}"
    );
    for item in statement.items() {
        assert!(!item.interest().is_negative(), "{item:?}");
    }
}

fuzz_target!(|input: Input| {
    let Some(c) = input.currency.get() else {
        return;
    };
    let Some(policy) = policy(&input.policy, c) else {
        return;
    };
    let mut items = Vec::new();
    for (k, item) in input.items.iter().take(5).enumerate() {
        let (Some(due), Some(amount)) = (item.due.get(), item.amount.get(c)) else {
            return;
        };
        let Ok(mut overdue) = OverdueItem::new(format!("F-{k}"), due, amount) else {
            return;
        };
        for (date, amount) in item.payments.iter().take(4) {
            let (Some(date), Some(amount)) = (date.get(), amount.get(c)) else {
                return;
            };
            let Ok(payment) = PartialPayment::new(date, amount) else {
                return;
            };
            let Ok(with) = overdue.with_payment(payment) else {
                return;
            };
            overdue = with;
        }
        if let Some(paid) = item.paid_on.and_then(FDate::get) {
            let Ok(paid) = overdue.paid_on(paid) else {
                return;
            };
            overdue = paid;
        }
        items.push(overdue);
    }
    let Some(as_of) = input.as_of.get() else {
        return;
    };
    let Ok(first) = policy.compute(c, &items, as_of) else {
        return;
    };
    check(&first);
    let Some(later) = as_of.checked_add_days(Days::new(u64::from(input.later_by))) else {
        return;
    };
    if let Ok(second) = policy.compute(c, &items, later) {
        check(&second);
        assert!(
            second.interest() >= first.interest(),
            "interest fell from {} on {as_of} to {} on {later}",
            first.interest(),
            second.interest()
        );
        assert!(
            second.total() >= first.total(),
            "penalties fell from {} on {as_of} to {} on {later}",
            first.total(),
            second.total()
        );
    }
});
