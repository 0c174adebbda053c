//! Arbitrary debts, capacities and creditor policies: proposing never panics, and every option it
//! returns keeps the schedule invariants, the capacity and the policy, in the documented order.
#![no_main]

use arbitrary::Arbitrary;
use echeancier::{
    BusinessDayRule, CreditorPolicy, HolidayCalendar, InstalmentKind, Interest, MaxDuration,
    Percent, ProposalKind, ProposalRequest, RiskTier, SettlementDiscount,
};
use echeancier_fuzz::{
    check_schedule, rate, rounding, FAmount, FDate, FDebt, FDecimal, FFrequency,
};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    debt: FDebt,
    capacity: FAmount,
    agreed_on: FDate,
    first_due: FDate,
    months: u16,
    frequency: Option<FFrequency>,
    interest: Option<(bool, FDecimal)>,
    minimum: Option<FAmount>,
    comfortable: Option<FDecimal>,
    down_payment: Option<(u8, FDecimal)>,
    settlement: Option<(Option<FDecimal>, FAmount, u16)>,
    step: Option<FAmount>,
    rounding: u8,
    following: bool,
    tier: u8,
}

fn tier(choice: u8) -> RiskTier {
    match choice % 3 {
        0 => RiskTier::Low,
        1 => RiskTier::Medium,
        _ => RiskTier::High,
    }
}

fn build(input: &Input) -> Option<ProposalRequest> {
    let debt = input.debt.get()?;
    let c = debt.currency();
    let mut policy = CreditorPolicy::new(MaxDuration::months_of(u32::from(input.months)))
        .with_rounding(rounding(input.rounding));
    if let Some(f) = input.frequency {
        policy = policy.with_frequency(f.get()?);
    }
    if let Some((annuity, r)) = input.interest {
        let r = rate(r)?;
        policy = policy.with_interest(if annuity {
            Interest::Annuity(r)
        } else {
            Interest::EqualPrincipal(r)
        });
    }
    if let Some(minimum) = input.minimum {
        policy = policy.with_minimum_instalment(minimum.get(c)?);
    }
    if let Some(share) = input.comfortable {
        policy = policy.with_comfortable_share(Percent::new(share.get()).ok()?);
    }
    if let Some((from, percent)) = input.down_payment {
        policy = policy.with_down_payment_from(tier(from), Percent::new(percent.get()).ok()?);
    }
    if let Some((percent, amount, days)) = input.settlement {
        let discount = match percent {
            Some(p) => SettlementDiscount::percent(Percent::new(p.get()).ok()?, u32::from(days)),
            None => SettlementDiscount::amount(amount.get(c)?, u32::from(days)),
        };
        policy = policy.with_settlement(discount);
    }
    if let Some(step) = input.step {
        policy = policy.with_step(step.get(c)?);
    }
    if input.following {
        policy = policy.with_business_days(BusinessDayRule::Following, HolidayCalendar::France);
    }
    let request = ProposalRequest::new(
        debt,
        input.capacity.get(c)?,
        input.agreed_on.get()?,
        input.first_due.get()?,
        policy,
    )
    .with_risk_tier(tier(input.tier));
    Some(request)
}

fuzz_target!(|input: Input| {
    let Some(request) = build(&input) else { return };
    let Ok(proposals) = request.propose() else {
        return;
    };
    let debt = input.debt.get().unwrap();
    let total = debt.total().unwrap();
    let capacity = input.capacity.get(debt.currency()).unwrap();
    for option in proposals.options() {
        if let Some(schedule) = option.schedule() {
            check_schedule(schedule, Some(&debt));
            let regular: Vec<_> = schedule
                .instalments()
                .iter()
                .filter(|i| i.kind() == InstalmentKind::Regular)
                .collect();
            assert!(regular.iter().all(|i| i.amount() <= capacity), "{option:?}");
            if let Some(available) = option.available() {
                assert!(
                    regular.iter().all(|i| i.amount() <= available),
                    "{option:?}"
                );
            }
            assert_eq!(
                option.total_paid(),
                total.checked_add(option.interest()).unwrap(),
                "{option:?}"
            );
            assert_eq!(
                option.instalment_count() as usize,
                schedule.instalments().len()
            );
            if let Some(share) = option.capacity_share() {
                assert!(share <= Percent::HUNDRED, "{option:?}");
            }
        } else {
            assert_eq!(option.kind(), ProposalKind::Settlement);
            assert_eq!(
                option.total_paid().checked_add(option.discount()).unwrap(),
                total,
                "{option:?}"
            );
            assert!(!option.discount().is_negative());
        }
    }
    let offered: Vec<_> = proposals.options().iter().map(|o| o.kind()).collect();
    assert!(offered.windows(2).all(|w| w[0] < w[1]), "{offered:?}");
    let left_out: Vec<_> = proposals.omitted().iter().map(|o| o.kind()).collect();
    assert!(left_out.windows(2).all(|w| w[0] < w[1]), "{left_out:?}");
    let mut all: Vec<_> = offered.iter().chain(&left_out).copied().collect();
    all.sort();
    assert_eq!(all, ProposalKind::ALL.to_vec());
    let counts: Vec<_> = proposals
        .options()
        .iter()
        .filter(|o| o.schedule().is_some())
        .map(|o| o.instalment_count())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
});
