//! Schedule adjustments: hand-checked scenarios on a 12-month plan of 1,200.00 EUR (100.00 due on
//! the 15th of each month of 2027), then invariant 6 of `DESIGN.md` and the closed-plan rule checked
//! with proptest.
//!
//! An adjustment reads a [`Statement`] of the version in force made as of its effective date:
//! one allocation of the payments (by the default French order) says what each instalment still
//! owes. Adjustments of the plan as signed are made on a [`PlanHistory`] directly; later ones,
//! whose statements only an [`Account`] makes, through an account.

use std::cell::Cell;

use chrono::{Days, NaiveDate};
use echeancier::{
    Account, AdjustmentKind, CapacityShape, Claim, Component, ConditionalWaiver, DayCount, Debt,
    Error, Event, Fee, Frequency, Interest, InterestBasis, Lapse, LapseRule, LapseTrigger, Money,
    Payment, PenaltyCharge, PenaltyPolicy, PenaltyRate, PlanHistory, PlanRequest, PlanStatus,
    PostponeMode, Postponement, Prepayment, PrepaymentMode, RateChange, Reduction, Reschedule,
    Schedule, Settlement, SettlementOffer, Sizing, Statement, StatementOptions, Treatment, Waived,
};
use proptest::prelude::*;

use crate::{amounts, d, dates, debt, m, times};

/// 1,200.00 EUR in 12 monthly instalments of 100.00, due on the 15th from January 2027.
fn plan() -> Schedule {
    PlanRequest::new(
        debt("1200.00 EUR"),
        d(2027, 1, 15),
        Frequency::MONTHLY,
        Sizing::Count(12),
    )
    .generate()
    .unwrap()
}

/// Instalments 1 to `n` paid in full on their due dates, one payment each (`P-1`, `P-2`, …).
fn paid_up_to(schedule: &Schedule, n: u32) -> Vec<Payment> {
    schedule
        .instalments()
        .iter()
        .filter(|i| i.number() <= n)
        .map(|i| Payment::new(format!("P-{}", i.number()), i.due_date(), i.amount()).unwrap())
        .collect()
}

/// Where `schedule` stands on `on` after `payments`, under the default options (the French order).
fn at(schedule: &Schedule, payments: &[Payment], on: NaiveDate) -> Statement {
    Statement::new(schedule, payments, &StatementOptions::default(), on).unwrap()
}

fn current(history: &PlanHistory) -> &Schedule {
    history.current().schedule().unwrap()
}

#[test]
fn reschedule_the_rest_over_12_months_at_a_lower_capacity() {
    // 3 × 100.00 paid: 900.00 outstanding on 1 April. A capacity of 75.00 a month: 900 / 75 = 12
    // instalments of 75.00, from the next due date (15 April 2027) to 15 March 2028.
    let schedule = plan();
    let paid = paid_up_to(&schedule, 3);
    let history = PlanHistory::new(schedule.clone(), d(2027, 1, 5));
    let sizing = Sizing::Capacity {
        capacity: m("75.00 EUR"),
        shape: CapacityShape::FullCapacity,
    };
    let history = history
        .reschedule(
            &at(&schedule, &paid, d(2027, 4, 1)),
            Reschedule::new(sizing).by("j.martin"),
        )
        .unwrap();
    let new = current(&history);
    assert_eq!(amounts(new), times(12, "75.00 EUR"));
    assert_eq!(dates(new).first().unwrap(), "2027-04-15");
    assert_eq!(dates(new).last().unwrap(), "2028-03-15");
    let v2 = history.current();
    assert_eq!(v2.number(), 2);
    assert_eq!(v2.effective(), d(2027, 4, 1));
    // The three paid instalments are kept as they were.
    assert_eq!(v2.kept().len(), 3);
    for (kept, original) in v2.kept().iter().zip(schedule.instalments()) {
        assert_eq!(kept.instalment(), original);
        assert_eq!(kept.paid(), m("100.00 EUR"));
        assert!(kept.carried().is_zero());
    }
    let record = v2.record().unwrap();
    assert_eq!(record.kind(), AdjustmentKind::Reschedule);
    assert_eq!(record.author(), Some("j.martin"));
    assert_eq!(record.outstanding_before(), m("900.00 EUR"));
    assert_eq!(record.outstanding_after(), m("900.00 EUR"));
    assert!(record.new_interest().is_zero());
    assert_eq!(
        record.to_string(),
        "2027-04-01: reschedule by j.martin; outstanding 900.00 EUR → 900.00 EUR"
    );
    // The first version is still there, unchanged.
    assert_eq!(history.version(1).unwrap().schedule(), Some(&schedule));
}

#[test]
fn a_partly_paid_instalment_keeps_its_paid_part_and_carries_the_rest() {
    // Instalment 4 (15 April) paid 60.00 of 100.00; on 1 May: 800.00 + 40.00 = 840.00 outstanding,
    // of which 40.00 arrears. Capitalised over 12: 840 / 12 = 70.00.
    let schedule = plan();
    let mut paid = paid_up_to(&schedule, 3);
    paid.push(Payment::new("P-4", d(2027, 4, 20), m("60.00 EUR")).unwrap());
    let on = at(&schedule, &paid, d(2027, 5, 1));
    let history = PlanHistory::new(schedule, d(2027, 1, 5));
    let o = history.outstanding(&on).unwrap();
    assert_eq!(o.total().unwrap(), m("840.00 EUR"));
    assert_eq!(o.arrears().unwrap(), m("40.00 EUR"));
    let history = history
        .reschedule(&on, Reschedule::new(Sizing::Count(12)))
        .unwrap();
    assert_eq!(amounts(current(&history)), times(12, "70.00 EUR"));
    let kept = history.current().kept();
    assert_eq!(kept.len(), 4);
    assert_eq!(kept[3].paid(), m("60.00 EUR"));
    assert_eq!(kept[3].carried(), m("40.00 EUR"));
}

#[test]
fn arrears_and_penalties_waived_or_due_at_once() {
    // Nothing paid after instalment 3; on 1 May instalment 4 (100.00) is in arrears, 800.00 is not
    // yet due. Waived: 800.00 over 8 = 100.00 each, 100.00 recorded as waived; the 12.50 of
    // penalties waived too are recorded apart, never part of the outstanding amount.
    let schedule = plan();
    let on = at(&schedule, &paid_up_to(&schedule, 3), d(2027, 5, 1));
    let history = PlanHistory::new(schedule.clone(), d(2027, 1, 5));
    let waive = Reschedule::new(Sizing::Count(8))
        .arrears(Treatment::Waive)
        .penalties(PenaltyCharge::Amount(m("12.50 EUR")), Treatment::Waive);
    let waived = history.reschedule(&on, waive).unwrap();
    assert_eq!(amounts(current(&waived)), times(8, "100.00 EUR"));
    let record = waived.current().record().unwrap();
    assert_eq!(record.outstanding_before(), m("900.00 EUR"));
    assert_eq!(record.waived(), m("100.00 EUR"));
    assert_eq!(record.penalties_waived(), m("12.50 EUR"));
    assert_eq!(record.outstanding_after(), m("800.00 EUR"));

    // Due at once: 100.00 + 12.50 = 112.50 numbered 0 on 1 May, then 800.00 over 8.
    let due_now = Reschedule::new(Sizing::Count(8))
        .arrears(Treatment::DueNow)
        .penalties(PenaltyCharge::Amount(m("12.50 EUR")), Treatment::DueNow);
    let later = history.reschedule(&on, due_now).unwrap();
    let new = current(&later);
    assert_eq!(new.instalments()[0].number(), 0);
    assert_eq!(new.instalments()[0].due_date(), d(2027, 5, 1));
    assert_eq!(new.instalments()[0].amount(), m("112.50 EUR"));
    assert_eq!(new.instalments()[1].amount(), m("100.00 EUR"));
    let record = later.current().record().unwrap();
    assert_eq!(record.capitalised(), m("12.50 EUR"));
    assert_eq!(record.outstanding_after(), m("912.50 EUR")); // 900.00 + 12.50

    // Penalties computed by a policy: 100.00 late 16 days (15 April → 1 May) at 10 % a year:
    // 100 × 0.10 × 16 / 365 = 0.438… → 0.44, capitalised over the 8 new instalments.
    let policy = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse().unwrap()));
    let terms = Reschedule::new(Sizing::Count(8))
        .penalties(PenaltyCharge::Policy(policy.clone()), Treatment::Capitalise);
    let with_policy = history.reschedule(&on, terms.clone()).unwrap();
    assert_eq!(
        with_policy.current().record().unwrap().capitalised(),
        m("0.44 EUR")
    );
    assert_eq!(
        with_policy.current().record().unwrap().outstanding_after(),
        m("900.44 EUR")
    );
    // The same policy on the statement gives the same 0.44: what it shows outstanding that day.
    let options = StatementOptions::default().with_penalties(policy);
    let on = Statement::new(
        &schedule,
        &paid_up_to(&schedule, 3),
        &options,
        d(2027, 5, 1),
    )
    .unwrap();
    assert_eq!(on.penalties_outstanding(), m("0.44 EUR"));
    let same = history.reschedule(&on, terms).unwrap();
    assert_eq!(
        same.current().record().unwrap().capitalised(),
        m("0.44 EUR")
    );
}

/// A reschedule charging a policy's penalties charges them on the instalments overdue that day:
/// not on the one that falls due that very day. On 15 May, instalments 1 to 3 paid, instalment 4
/// (15 April) is 30 days late: 100 × 10 % × 30 / 365 = 0.82, and 40.00 of compensation;
/// instalment 5, due that day, is not late and bears neither.
#[test]
fn a_reschedule_charges_no_penalty_on_the_instalment_due_that_day() {
    use echeancier::Compensation;
    let schedule = plan();
    let history = PlanHistory::new(schedule.clone(), d(2027, 1, 5));
    let on = d(2027, 5, 15);
    let at = Statement::new(
        &schedule,
        &paid_up_to(&schedule, 3),
        &StatementOptions::default(),
        on,
    )
    .unwrap();
    let policy = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse().unwrap()))
        .with_compensation(Compensation::fixed(m("40.00 EUR")).unwrap());
    let terms = Reschedule::new(Sizing::Count(8))
        .penalties(PenaltyCharge::Policy(policy), Treatment::Capitalise);
    let after = history.reschedule(&at, terms).unwrap();
    assert_eq!(
        after.current().record().unwrap().capitalised(),
        m("40.82 EUR")
    );
}

#[test]
fn penalties_already_paid_are_not_capitalised_again() {
    // Instalment 4 (15 April) paid on 1 May with 100.44: its 0.44 of penalties (16 days at 10 %)
    // first, then 100.00 of the instalment. On 15 May nothing is overdue and the 0.44 is paid:
    // a reschedule charging the policy's penalties capitalises nothing (it used to charge the 0.44
    // accrued a second time).
    let schedule = plan();
    let policy = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse().unwrap()));
    let options = StatementOptions::default().with_penalties(policy.clone());
    let mut paid = paid_up_to(&schedule, 3);
    paid.push(Payment::new("P-4", d(2027, 5, 1), m("100.44 EUR")).unwrap());
    paid.push(Payment::new("P-5", d(2027, 5, 15), m("100.00 EUR")).unwrap());
    let on = Statement::new(&schedule, &paid, &options, d(2027, 5, 15)).unwrap();
    assert_eq!(on.penalties_accrued(), m("0.44 EUR"));
    assert_eq!(on.penalties_paid(), m("0.44 EUR"));
    let terms = Reschedule::new(Sizing::Count(7))
        .penalties(PenaltyCharge::Policy(policy), Treatment::Capitalise);
    let history = PlanHistory::new(schedule, d(2027, 1, 5))
        .reschedule(&on, terms)
        .unwrap();
    let record = history.current().record().unwrap();
    assert!(record.capitalised().is_zero());
    // 700.00 left over 7 months.
    assert_eq!(record.outstanding_after(), m("700.00 EUR"));
    assert_eq!(amounts(current(&history)), times(7, "100.00 EUR"));
}

#[test]
fn reschedule_with_interest_shows_the_new_interest_apart() {
    // 900.00 over 3 months at 12 % a year (1 % a month): annuity 900 × 0.01 / (1 − 1.01^-3)
    // = 306.02; interest 9.00, then 6.03 on 593.98, then 3.03 on 297.99 → 18.06 in all.
    let schedule = plan();
    let on = at(&schedule, &paid_up_to(&schedule, 3), d(2027, 4, 1));
    let terms =
        Reschedule::new(Sizing::Count(3)).interest(Interest::Annuity("12%".parse().unwrap()));
    let history = PlanHistory::new(schedule, d(2027, 1, 5))
        .reschedule(&on, terms)
        .unwrap();
    let record = history.current().record().unwrap();
    assert_eq!(record.outstanding_after(), m("900.00 EUR"));
    assert_eq!(record.new_interest(), m("18.06 EUR"));
    // The plan charged no interest: the change costs the whole 18.06.
    assert!(record.interest_replaced().is_zero());
    assert_eq!(record.interest_change().unwrap(), m("18.06 EUR"));
    assert_eq!(current(&history).totals().amount(), m("918.06 EUR"));
}

#[test]
fn postpone_instalment_5_extending_the_term() {
    // 4 paid; on 20 April instalment 5 (15 May) is postponed: 800.00 left in 8 instalments of 100.00
    // that start one period later (15 June) and end one period later (15 January 2028).
    let schedule = plan();
    let on = at(&schedule, &paid_up_to(&schedule, 4), d(2027, 4, 20));
    let history = PlanHistory::new(schedule, d(2027, 1, 5));
    let holiday = Postponement::new(5, 5, PostponeMode::ExtendTerm).unwrap();
    let history = history.postpone(&on, holiday).unwrap();
    let new = current(&history);
    assert_eq!(amounts(new), times(8, "100.00 EUR"));
    assert_eq!(dates(new).first().unwrap(), "2027-06-15");
    assert_eq!(dates(new).last().unwrap(), "2028-01-15");
    assert_eq!(history.current().kept().len(), 4);
}

#[test]
fn postpone_instalment_5_spreading_over_the_remaining_ones() {
    // 800.00 over the 7 instalments from 15 June to 15 December: 800 / 7 = 114.2857… → 114.29 six
    // times (685.74), the last takes 800 − 685.74 = 114.26.
    let schedule = plan();
    let on = at(&schedule, &paid_up_to(&schedule, 4), d(2027, 4, 20));
    let history = PlanHistory::new(schedule, d(2027, 1, 5));
    let holiday = Postponement::new(5, 5, PostponeMode::SpreadOverRemaining).unwrap();
    let history = history.postpone(&on, holiday).unwrap();
    let new = current(&history);
    let mut expected = times(6, "114.29 EUR");
    expected.push("114.26 EUR".to_owned());
    assert_eq!(amounts(new), expected);
    assert_eq!(dates(new).first().unwrap(), "2027-06-15");
    assert_eq!(dates(new).last().unwrap(), "2027-12-15");
}

#[test]
fn a_plan_on_the_31st_stays_on_the_31st() {
    // 1,200.00 in 12 instalments from 31 January 2027: due on the last day of each month. 3 paid;
    // on 10 April instalment 4 (30 April) is postponed: the 9 left move one month later, on the
    // 31st again where the month has one (31 May, 30 June, 31 July, …), not on the 30th.
    let schedule = PlanRequest::new(
        debt("1200.00 EUR"),
        d(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(12),
    )
    .generate()
    .unwrap();
    let on = at(&schedule, &paid_up_to(&schedule, 3), d(2027, 4, 10));
    let history = PlanHistory::new(schedule, d(2027, 1, 5));
    let holiday = Postponement::new(4, 4, PostponeMode::ExtendTerm).unwrap();
    let postponed = history.postpone(&on, holiday).unwrap();
    let new = current(&postponed);
    assert_eq!(amounts(new), times(9, "100.00 EUR"));
    assert_eq!(
        dates(new),
        [
            "2027-05-31",
            "2027-06-30",
            "2027-07-31",
            "2027-08-31",
            "2027-09-30",
            "2027-10-31",
            "2027-11-30",
            "2027-12-31",
            "2028-01-31"
        ]
    );
    // A reschedule from the next due date (30 April) keeps the 31st too.
    let rescheduled = history
        .reschedule(&on, Reschedule::new(Sizing::Count(3)))
        .unwrap();
    assert_eq!(
        dates(current(&rescheduled)),
        ["2027-04-30", "2027-05-31", "2027-06-30"]
    );
}

#[test]
fn postponing_other_than_the_next_instalment_is_refused() {
    let schedule = plan();
    let on = at(&schedule, &paid_up_to(&schedule, 3), d(2027, 4, 1));
    let history = PlanHistory::new(schedule, d(2027, 1, 5));
    // On 1 April, instalment 4 (15 April) is the next one: 5 cannot be skipped over it.
    let err = history
        .postpone(
            &on,
            Postponement::new(5, 5, PostponeMode::ExtendTerm).unwrap(),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid adjustment: instalment 5 is not the next one due after 2027-04-01: instalment 4 is"
    );
    // Postponing every remaining instalment leaves nothing to spread over.
    let all = Postponement::new(4, 12, PostponeMode::SpreadOverRemaining).unwrap();
    assert!(matches!(
        history.postpone(&on, all),
        Err(Error::InvalidAdjustment { .. })
    ));
}

#[test]
fn prepay_300_shortening_the_term() {
    // 3 paid; 900.00 − 300.00 = 600.00 left, still 100.00 a month: 6 instalments, 15 April to
    // 15 September (instead of December).
    let schedule = plan();
    let on = at(&schedule, &paid_up_to(&schedule, 3), d(2027, 4, 1));
    let prepay = Prepayment::new(m("300.00 EUR"), PrepaymentMode::ShortenTerm).unwrap();
    let history = PlanHistory::new(schedule, d(2027, 1, 5))
        .prepay(&on, prepay)
        .unwrap();
    let new = current(&history);
    assert_eq!(amounts(new), times(6, "100.00 EUR"));
    assert_eq!(dates(new).last().unwrap(), "2027-09-15");
    let record = history.current().record().unwrap();
    assert_eq!(record.outstanding_before(), m("900.00 EUR"));
    assert_eq!(record.paid(), m("300.00 EUR"));
    assert_eq!(record.outstanding_after(), m("600.00 EUR"));
}

#[test]
fn prepay_300_lowering_the_instalments() {
    // 600.00 over the same 9 instalments: 600 / 9 = 66.666… → 66.67 eight times (533.36), the last
    // 600 − 533.36 = 66.64; still ending 15 December.
    let schedule = plan();
    let on = at(&schedule, &paid_up_to(&schedule, 3), d(2027, 4, 1));
    let prepay = Prepayment::new(m("300.00 EUR"), PrepaymentMode::LowerInstalments).unwrap();
    let history = PlanHistory::new(schedule, d(2027, 1, 5))
        .prepay(&on, prepay)
        .unwrap();
    let new = current(&history);
    let mut expected = times(8, "66.67 EUR");
    expected.push("66.64 EUR".to_owned());
    assert_eq!(amounts(new), expected);
    assert_eq!(dates(new).last().unwrap(), "2027-12-15");
}

#[test]
fn lapse_after_2_missed_instalments() {
    // 3 paid; 4 (15 April) and 5 (15 May) missed. On 15 May only instalment 4 is missed (5 is due
    // that day); on 16 May both are: the 900.00 left falls due at once, plus a 200.00 waiver granted
    // with the plan that comes back: 1,100.00 due on 16 May.
    let schedule = plan();
    let paid = paid_up_to(&schedule, 3);
    let history = PlanHistory::new(schedule.clone(), d(2027, 1, 5));
    let waiver = ConditionalWaiver::new(Waived::Amount(m("200.00 EUR"))).unwrap();
    let lapse = Lapse::new(LapseRule::missed(2).unwrap()).reinstating(
        vec![waiver],
        m("1400.00 EUR"),
        m("0.00 EUR"),
    );
    let err = history
        .lapse(&at(&schedule, &paid, d(2027, 5, 15)), lapse.clone())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the lapse rule is not met on 2027-05-15: 2 missed instalments"
    );
    let lapsed = history
        .lapse(&at(&schedule, &paid, d(2027, 5, 16)), lapse)
        .unwrap();
    let v2 = lapsed.current();
    assert_eq!(v2.status(), PlanStatus::Lapsed);
    assert_eq!(amounts(current(&lapsed)), ["1100.00 EUR"]);
    assert_eq!(dates(current(&lapsed)), ["2027-05-16"]);
    let record = v2.record().unwrap();
    assert_eq!(record.outstanding_before(), m("900.00 EUR"));
    assert_eq!(record.capitalised(), m("200.00 EUR"));
    assert_eq!(record.outstanding_after(), m("1100.00 EUR"));
    match record.details() {
        echeancier::AdjustmentDetails::Lapse {
            trigger,
            reinstated,
            ..
        } => {
            assert_eq!(
                trigger,
                &LapseTrigger::MissedInstalments {
                    numbers: vec![4, 5]
                }
            );
            assert_eq!(reinstated[0].status(), echeancier::WaiverStatus::Reinstated);
        }
        other => panic!("not a lapse: {other:?}"),
    }
}

#[test]
fn lapse_on_an_amount_overdue_for_more_than_30_days() {
    // Instalment 4 (100.00, 15 April) unpaid: 30 days later (15 May) it is not yet "more than 30
    // days" overdue; on 16 May it is.
    let schedule = plan();
    let paid = paid_up_to(&schedule, 3);
    let rule = LapseRule::overdue(m("100.00 EUR"), 31).unwrap();
    assert_eq!(
        rule.check(&at(&schedule, &paid, d(2027, 5, 16))).unwrap(),
        None
    );
    let rule = LapseRule::overdue(m("100.00 EUR"), 30).unwrap();
    assert_eq!(
        rule.check(&at(&schedule, &paid, d(2027, 5, 15))).unwrap(),
        None
    );
    assert_eq!(
        rule.check(&at(&schedule, &paid, d(2027, 5, 16))).unwrap(),
        Some(LapseTrigger::OverdueAmount {
            amount: m("100.00 EUR"),
            days: 30,
            since: d(2027, 4, 15)
        })
    );
}

/// A settlement's own penalty policy applies to a statement made without one: on 15 May,
/// instalments 1 to 3 paid, instalment 4 (15 April, 100.00) is 30 days late: 0.82 at 10 %
/// (100 × 10 % × 30 / 365), owed beside the 900.00 of the plan before the 10 % off.
#[test]
fn a_settlement_charges_its_own_penalties_on_a_statement_without_them() {
    let schedule = plan();
    let on = at(&schedule, &paid_up_to(&schedule, 3), d(2027, 5, 15));
    let offer =
        SettlementOffer::new(d(2027, 6, 30), Reduction::Percent("10%".parse().unwrap())).unwrap();
    let policy = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse().unwrap()));
    let history = PlanHistory::new(schedule, d(2027, 1, 5));
    let without = history.settle(&on, Settlement::new(offer)).unwrap();
    let with = history
        .settle(&on, Settlement::new(offer).with_penalties(policy))
        .unwrap();
    let (without, with) = (
        without.current().record().unwrap(),
        with.current().record().unwrap(),
    );
    assert_eq!(without.capitalised(), m("0.00 EUR"));
    assert_eq!(with.capitalised(), m("0.82 EUR"));
    assert_eq!(
        with.paid().checked_add(with.waived()).unwrap(),
        without
            .paid()
            .checked_add(without.waived())
            .unwrap()
            .checked_add(m("0.82 EUR"))
            .unwrap()
    );
}

/// A settlement's own penalty policy allocates the payments again, and what was outstanding
/// before is read from that allocation, as the quote is. 100.00 paid on 15 March for instalment 1
/// (due 15 January) all went to its principal on a statement without penalties; under the
/// settlement's 10 % a year the penalties of the instalments overdue come before their principal,
/// so 2.39 of it pays them: 1.62 on instalment 1, 59 days late (100 × 10 % × 59 / 365 = 1.616…),
/// and 0.77 on instalment 2, 28 days late (0.767…); 97.61 pays principal. Outstanding before is
/// then 1,102.39, not the 1,100.00 the statement without penalties shows, and the record balances:
/// before + capitalised − waived − paid is 0, what is left after a settlement. Found by the
/// `adjust` fuzz target (there: 0.02 paid 114 years late, 2 cents short).
#[test]
fn a_settlement_with_its_own_penalties_reads_the_outstanding_as_its_quote_does() {
    let schedule = plan();
    let late = [Payment::new("P-1", d(2027, 3, 15), m("100.00 EUR")).unwrap()];
    let on = at(&schedule, &late, d(2027, 4, 15));
    assert_eq!(on.remaining_balance(), m("1100.00 EUR"));
    let offer =
        SettlementOffer::new(d(2027, 6, 30), Reduction::Percent("10%".parse().unwrap())).unwrap();
    let policy = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse().unwrap()));
    let history = PlanHistory::new(schedule, d(2027, 1, 5));
    let settled = history
        .settle(&on, Settlement::new(offer).with_penalties(policy))
        .unwrap();
    let record = settled.current().record().unwrap();
    assert_eq!(record.outstanding_before(), m("1102.39 EUR"));
    assert_eq!(record.outstanding_after(), m("0.00 EUR"));
    // Invariant 6: after = before + capitalised − waived − paid.
    assert_eq!(echeancier::invariants::adjustment_record(record), Ok(()));
}

/// An adjustment may take effect the very day the plan in force did: a plan signed on 5 January
/// rescheduled that day.
#[test]
fn an_adjustment_on_the_day_the_plan_took_effect_is_accepted() {
    let schedule = plan();
    let history = PlanHistory::new(schedule.clone(), d(2027, 1, 5));
    let after = history
        .reschedule(
            &at(&schedule, &[], d(2027, 1, 5)),
            Reschedule::new(Sizing::Count(6)),
        )
        .unwrap();
    assert_eq!(after.current().number(), 2);
    assert_eq!(
        after.current().record().unwrap().outstanding_after(),
        m("1200.00 EUR")
    );
}

/// A prepayment that shortens the term keeps the largest instalment left as the most the debtor
/// pays: 100.00 in three is 33.33, 33.33 and 33.34; with the first paid and 0.01 prepaid, the
/// 66.66 left is 33.34 then 33.32 (the regular 33.33 would give two of 33.33).
#[test]
fn shortening_the_term_keeps_the_largest_instalment_left() {
    let schedule = PlanRequest::new(
        debt("100.00 EUR"),
        d(2027, 1, 15),
        Frequency::MONTHLY,
        Sizing::Count(3),
    )
    .generate()
    .unwrap();
    let amounts =
        |s: &Schedule| -> Vec<Money> { s.instalments().iter().map(|i| i.amount()).collect() };
    assert_eq!(
        amounts(&schedule),
        [m("33.33 EUR"), m("33.33 EUR"), m("33.34 EUR")]
    );
    let history = PlanHistory::new(schedule.clone(), d(2027, 1, 5));
    let on = at(&schedule, &paid_up_to(&schedule, 1), d(2027, 1, 20));
    let after = history
        .prepay(
            &on,
            Prepayment::new(m("0.01 EUR"), PrepaymentMode::ShortenTerm).unwrap(),
        )
        .unwrap();
    assert_eq!(
        amounts(after.current().schedule().unwrap()),
        [m("33.34 EUR"), m("33.32 EUR")]
    );
}

#[test]
fn settle_with_10_percent_off() {
    // 3 paid; on 1 April 900.00 is owed, 10 % off = 90.00, payoff 810.00. The plan is settled.
    let schedule = plan();
    let on = at(&schedule, &paid_up_to(&schedule, 3), d(2027, 4, 1));
    let offer =
        SettlementOffer::new(d(2027, 6, 30), Reduction::Percent("10%".parse().unwrap())).unwrap();
    let settled = PlanHistory::new(schedule, d(2027, 1, 5))
        .settle(&on, Settlement::new(offer).by("creditor"))
        .unwrap();
    let v2 = settled.current();
    assert_eq!(v2.status(), PlanStatus::Settled);
    assert!(v2.schedule().is_none());
    let record = v2.record().unwrap();
    assert_eq!(record.outstanding_before(), m("900.00 EUR"));
    assert_eq!(record.waived(), m("90.00 EUR"));
    assert_eq!(record.paid(), m("810.00 EUR"));
    assert!(record.outstanding_after().is_zero());
    assert_eq!(
        record.to_string(),
        "2027-04-01: settlement by creditor; outstanding 900.00 EUR → 0.00 EUR (waived 90.00 EUR, paid 810.00 EUR)"
    );
    // An offer that expired cannot settle.
    let expired =
        SettlementOffer::new(d(2027, 3, 31), Reduction::Percent("10%".parse().unwrap())).unwrap();
    let history = PlanHistory::new(plan(), d(2027, 1, 5));
    assert!(matches!(
        history.settle(&on, Settlement::new(expired)),
        Err(Error::DateOrder { .. })
    ));
}

#[test]
fn adjusting_a_settled_lapsed_or_completed_plan_is_an_error() {
    let schedule = plan();
    let history = PlanHistory::new(schedule.clone(), d(2027, 1, 5));
    let again = Reschedule::new(Sizing::Count(6));
    let offer =
        SettlementOffer::new(d(2027, 6, 30), Reduction::Percent("10%".parse().unwrap())).unwrap();
    let settled = history
        .settle(&at(&schedule, &[], d(2027, 1, 10)), Settlement::new(offer))
        .unwrap();
    let err = settled
        .reschedule(&at(&schedule, &[], d(2027, 2, 1)), again.clone())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the plan is settled: it cannot be adjusted any more"
    );
    let lapsed = history
        .lapse(
            &at(&schedule, &[], d(2027, 3, 1)),
            Lapse::new(LapseRule::missed(1).unwrap()),
        )
        .unwrap();
    assert_eq!(
        lapsed
            .reschedule(&at(&schedule, &[], d(2027, 3, 2)), again.clone())
            .unwrap_err(),
        Error::PlanClosed { status: "lapsed" }
    );
    let all = at(&schedule, &paid_up_to(&schedule, 12), d(2027, 12, 31));
    assert_eq!(history.status_on(&all).unwrap(), PlanStatus::Completed);
    assert_eq!(
        history.reschedule(&all, again).unwrap_err(),
        Error::PlanClosed {
            status: "completed"
        }
    );
}

#[test]
fn payments_after_the_effective_date_are_named() {
    // Instalment 4 paid on 15 April cannot be known to an adjustment on 1 April: the statement of
    // that day refuses it, naming it…
    let schedule = plan();
    let paid = paid_up_to(&schedule, 4);
    let err = Statement::new(
        &schedule,
        &paid,
        &StatementOptions::default(),
        d(2027, 4, 1),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "payment \"P-4\" of 2027-04-15 is dated after the statement date 2027-04-01"
    );
    // … and an account refuses an adjustment dated before a payment it recorded.
    let mut account = Account::new(schedule, d(2027, 1, 5), StatementOptions::default()).unwrap();
    for payment in paid {
        account.pay(payment).unwrap();
    }
    let err = account
        .reschedule(d(2027, 4, 1), Reschedule::new(Sizing::Count(6)))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the new event (2027-04-01) must come after the last event recorded (2027-04-15)"
    );
    assert_eq!(account.history().versions().count(), 1);
}

#[test]
fn successive_adjustments_keep_the_whole_history() {
    // Reschedule on 1 April (3 paid) over 9 × 100.00 from 15 April, pay the first two of them, then
    // prepay 100.00 on 1 June: the kept list grows, the earlier entries never change. The second
    // adjustment reads a statement of version 2, which the account makes.
    let schedule = plan();
    let mut account = Account::new(schedule, d(2027, 1, 5), StatementOptions::default()).unwrap();
    for payment in paid_up_to(account.plan(), 3) {
        account.pay(payment).unwrap();
    }
    account
        .reschedule(d(2027, 4, 1), Reschedule::new(Sizing::Count(9)))
        .unwrap();
    let h2 = account.history().clone();
    let v2 = current(&h2).clone();
    for i in v2.instalments().iter().take(2) {
        let reference = format!("V2-{}", i.number());
        account
            .pay(Payment::new(reference, i.due_date(), i.amount()).unwrap())
            .unwrap();
    }
    let prepay = Prepayment::new(m("100.00 EUR"), PrepaymentMode::ShortenTerm).unwrap();
    account.prepay(d(2027, 6, 1), prepay).unwrap();
    let h3 = account.history();
    let kept = h3.current().kept();
    assert_eq!(kept.len(), 5);
    assert_eq!(&kept[..3], h2.current().kept());
    assert_eq!(kept[3].version(), 2);
    assert_eq!(kept[3].instalment(), &v2.instalments()[0]);
    // 700.00 − 100.00 = 600.00 left at 100.00 a month.
    assert_eq!(amounts(current(h3)), times(6, "100.00 EUR"));
    assert_eq!(h3.versions().count(), 3);
    // The ledger has one statement per version: 300.00 paid on the first, 200.00 on the second.
    let ledger = account.ledger(d(2027, 6, 1)).unwrap();
    let paid: Vec<Money> = ledger.iter().map(Statement::paid).collect();
    assert_eq!(paid, [m("300.00 EUR"), m("200.00 EUR"), m("0.00 EUR")]);
}

#[cfg(feature = "serde")]
#[test]
fn adjustment_inputs_round_trip_and_validate() {
    let rule = LapseRule::missed(2)
        .unwrap()
        .or_overdue(m("150.00 EUR"), 30)
        .unwrap();
    let json = serde_json::to_string(&rule).unwrap();
    assert_eq!(serde_json::from_str::<LapseRule>(&json).unwrap(), rule);
    assert!(serde_json::from_str::<LapseRule>("{}").is_err());
    assert!(serde_json::from_str::<LapseRule>(r#"{"missed_instalments":0}"#).is_err());
    let p = Postponement::new(5, 6, PostponeMode::SpreadOverRemaining)
        .unwrap()
        .by("debtor");
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(serde_json::from_str::<Postponement>(&json).unwrap(), p);
    assert!(serde_json::from_str::<Postponement>(r#"{"first":6,"last":5}"#).is_err());
    let prepay = Prepayment::new(m("300.00 EUR"), PrepaymentMode::LowerInstalments).unwrap();
    let json = serde_json::to_string(&prepay).unwrap();
    assert_eq!(serde_json::from_str::<Prepayment>(&json).unwrap(), prepay);
    assert!(
        serde_json::from_str::<Prepayment>(r#"{"amount":{"amount":"0.00","currency":"EUR"}}"#)
            .is_err()
    );
    let terms = Reschedule::new(Sizing::Count(6)).arrears(Treatment::DueNow);
    let json = serde_json::to_string(&terms).unwrap();
    assert_eq!(serde_json::from_str::<Reschedule>(&json).unwrap(), terms);
    // The whole history serialises for the record.
    let schedule = plan();
    let history = PlanHistory::new(schedule.clone(), d(2027, 1, 5))
        .reschedule(&at(&schedule, &[], d(2027, 1, 10)), terms)
        .unwrap();
    let text = serde_json::to_string(&history).unwrap();
    assert!(text.contains("\"kind\"") || text.contains("reschedule"));
}

// Properties.

/// A random plan: principal, count, interest, an optional fee, first due day; with interest, now
/// and then a rate change and interest on actual days, which a new version carries on.
pub(crate) fn any_plan() -> impl Strategy<Value = Schedule> {
    (
        (
            10_000i64..2_000_000,
            1u32..=24,
            0u8..3,
            0u32..=2000,
            0i64..5_000,
            1u32..=28,
        ),
        prop::option::weighted(0.2, (0u32..=22, 0u32..=2000)),
        prop::bool::weighted(0.2),
        prop::option::weighted(0.2, 1u32..=60),
    )
        .prop_map(
            |((cents, count, kind, rate_bp, fee_cents, day), change, actual, balloon)| {
                let amount = Money::from_minor(cents, echeancier::Currency::EUR).unwrap();
                let mut debt = Debt::single(Claim::new("F-1", amount).unwrap());
                if fee_cents > 0 {
                    let fee = Money::from_minor(fee_cents, echeancier::Currency::EUR).unwrap();
                    debt = debt.with_fee(Fee::new("costs", fee).unwrap()).unwrap();
                }
                let interest = interest_of(kind, rate_bp);
                let mut request = PlanRequest::new(
                    debt,
                    d(2027, 1, day),
                    Frequency::MONTHLY,
                    Sizing::Count(count),
                )
                .interest(interest);
                if rate_bp > 0 && kind > 0 {
                    if actual {
                        request =
                            request.interest_basis(InterestBasis::ActualDays(DayCount::Actual365));
                    }
                    // A change dated in month `after` of the plan, at most the start of its last period.
                    if let Some((after, new_bp)) = change.filter(|(after, _)| *after + 2 <= count) {
                        let date = d(2027, 1, day)
                            .checked_add_months(chrono::Months::new(after))
                            .unwrap();
                        let rate = format!("{}.{:02}%", new_bp / 100, new_bp % 100)
                            .parse()
                            .unwrap();
                        request = request.rate_change(RateChange::new(date, rate));
                    }
                }
                // A balloon of a share of the amount financed, on plans without rate changes.
                if let Some(percent) = balloon.filter(|_| count >= 2 && change.is_none()) {
                    request = request.balloon(echeancier::Balloon::Percent(
                        rust_decimal::Decimal::from(percent),
                    ));
                }
                request.generate().unwrap()
            },
        )
}

/// No interest (`kind` 0), an annuity (1) or equal principal parts (2) at `rate_bp` hundredths of
/// a percent a year.
fn interest_of(kind: u8, rate_bp: u32) -> Interest {
    let rate = format!("{}.{:02}%", rate_bp / 100, rate_bp % 100)
        .parse()
        .unwrap();
    match kind {
        0 => Interest::None,
        1 => Interest::Annuity(rate),
        _ => Interest::EqualPrincipal(rate),
    }
}

/// Payments on version `version` of a plan as of `on`, in date order: each instalment due by then
/// paid a share (0, part or all) on its due date; a few later ones partly prepaid on `on`. The
/// statement's allocation policy, not the payment, decides what each one pays.
pub(crate) fn payments(
    schedule: &Schedule,
    version: u32,
    on: NaiveDate,
    shares: &[u8],
) -> Vec<Payment> {
    let mut paid = Vec::new();
    for (i, share) in schedule.instalments().iter().zip(shares.iter().cycle()) {
        let share = i64::from(*share % 5) * 25; // 0, 25, 50, 75 or 100 %
        let minor = i.amount().to_minor().unwrap() * share / 100;
        if minor == 0 {
            continue;
        }
        let amount = Money::from_minor(minor, schedule.currency()).unwrap();
        if i.due_date() <= on {
            let reference = format!("V{version}-{}", i.number());
            paid.push(Payment::new(reference, i.due_date(), amount).unwrap());
        } else if share == 25 {
            let reference = format!("V{version}-A{}", i.number());
            paid.push(Payment::new(reference, on, amount).unwrap());
        }
    }
    // Stable: the payments of one day keep their order.
    paid.sort_by_key(Payment::date);
    paid
}

/// The account of `schedule` signed on 1 December 2026, with `payments` recorded.
pub(crate) fn account_with(schedule: &Schedule, payments: &[Payment]) -> Account {
    let mut account = Account::new(
        schedule.clone(),
        d(2026, 12, 1),
        StatementOptions::default(),
    )
    .unwrap();
    for payment in payments {
        account.pay(payment.clone()).unwrap();
    }
    account
}

/// What a lapse must make due: principal and fees of every instalment, the interest of those due,
/// less everything the payments paid of the plan (what they paid beyond it is a credit held apart).
fn remaining_balance(schedule: &Schedule, at: &Statement) -> Money {
    let mut owed = Money::zero(schedule.currency());
    for i in schedule.instalments() {
        owed = owed
            .checked_add(i.principal())
            .unwrap()
            .checked_add(i.fees())
            .unwrap();
        if i.due_date() <= at.as_of() {
            owed = owed.checked_add(i.interest()).unwrap();
        }
    }
    let to_the_plan = at.paid().checked_sub(at.credit()).unwrap();
    owed.checked_sub(to_the_plan).unwrap()
}

#[derive(Debug, Clone)]
pub(crate) enum Op {
    Reschedule(u32, u8, i64),
    /// A reschedule over N months, the penalties charged under the policy (10 % a year) and
    /// capitalised.
    ReschedulePolicy(u32),
    Capacity(i64),
    Postpone(u32, bool),
    Prepay(u8, bool),
    Settle(u8),
    Lapse,
}

pub(crate) fn any_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1u32..=36, 0u8..3, 0i64..10_000).prop_map(|(n, t, p)| Op::Reschedule(n, t, p)),
        (1u32..=36).prop_map(Op::ReschedulePolicy),
        (1_000i64..100_000).prop_map(Op::Capacity),
        (1u32..=3, any::<bool>()).prop_map(|(k, e)| Op::Postpone(k, e)),
        (1u8..=100, any::<bool>()).prop_map(|(s, e)| Op::Prepay(s, e)),
        (0u8..=50).prop_map(Op::Settle),
        Just(Op::Lapse),
    ]
}

fn treatment(t: u8) -> Treatment {
    match t {
        0 => Treatment::Capitalise,
        1 => Treatment::Waive,
        _ => Treatment::DueNow,
    }
}

/// The event `op` makes on `on` on the plan in force `schedule`, whose outstanding amount that day
/// is `outstanding`.
pub(crate) fn event(schedule: &Schedule, outstanding: Money, on: NaiveDate, op: &Op) -> Event {
    let eur = |minor: i64| Money::from_minor(minor, schedule.currency()).unwrap();
    match op {
        Op::Reschedule(n, t, pen) => Event::Reschedule {
            date: on,
            terms: Reschedule::new(Sizing::Count(*n))
                .arrears(treatment(*t))
                .penalties(PenaltyCharge::Amount(eur(*pen)), treatment(2 - *t)),
        },
        Op::ReschedulePolicy(n) => Event::Reschedule {
            date: on,
            terms: Reschedule::new(Sizing::Count(*n))
                .penalties(PenaltyCharge::Policy(ten_percent()), Treatment::Capitalise),
        },
        Op::Capacity(c) => Event::Reschedule {
            date: on,
            terms: Reschedule::new(Sizing::Capacity {
                capacity: eur(*c),
                shape: CapacityShape::FullCapacity,
            }),
        },
        Op::Postpone(k, extend) => {
            let next = schedule
                .instalments()
                .iter()
                .find(|i| i.due_date() > on)
                .map_or(1, |i| i.number());
            let mode = if *extend {
                PostponeMode::ExtendTerm
            } else {
                PostponeMode::SpreadOverRemaining
            };
            Event::Postpone {
                date: on,
                postponement: Postponement::new(next, next + k - 1, mode).unwrap(),
            }
        }
        Op::Prepay(share, shorten) => {
            let minor = (outstanding.to_minor().unwrap() * i64::from(*share) / 100).max(1);
            let mode = if *shorten {
                PrepaymentMode::ShortenTerm
            } else {
                PrepaymentMode::LowerInstalments
            };
            Event::Prepay {
                date: on,
                prepayment: Prepayment::new(eur(minor), mode).unwrap(),
            }
        }
        Op::Settle(percent) => {
            let reduction = Reduction::Percent(format!("{percent}%").parse().unwrap());
            Event::Settle {
                date: on,
                settlement: Settlement::new(SettlementOffer::new(on, reduction).unwrap()),
            }
        }
        Op::Lapse => Event::Lapse {
            date: on,
            lapse: Lapse::new(LapseRule::missed(1).unwrap()),
        },
    }
}

/// Late-payment interest at 10 % a year.
fn ten_percent() -> PenaltyPolicy {
    PenaltyPolicy::new(PenaltyRate::fixed("10%".parse().unwrap()))
}

/// The adjustment `event` made on `history` with the statement `at` of its effective date.
fn adjust(history: &PlanHistory, at: &Statement, event: Event) -> Result<PlanHistory, Error> {
    match event {
        Event::Reschedule { terms, .. } => history.reschedule(at, terms),
        Event::Postpone { postponement, .. } => history.postpone(at, postponement),
        Event::Prepay { prepayment, .. } => history.prepay(at, prepayment),
        Event::Settle { settlement, .. } => history.settle(at, settlement),
        Event::Lapse { lapse, .. } => history.lapse(at, lapse),
        other => panic!("not an adjustment: {other}"),
    }
}

/// `result`, or `None` for an error that only says the request does not fit the plan.
fn accepted<T>(result: Result<T, Error>, op: &Op, on: NaiveDate) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(
            Error::PlanClosed { .. }
            | Error::InvalidAdjustment { .. }
            | Error::LapseNotTriggered { .. }
            | Error::CapacityTooLow { .. }
            | Error::BelowPeriodicInterest { .. }
            | Error::Unsplittable { .. }
            | Error::Unsupported { .. }
            // A settlement whose discount rounds up to all that is owed (50 % of 0.01 is 0.01).
            | Error::DiscountTooLarge { .. }
            // The generated payments pay a share of every instalment, interest included, some of
            // them in advance: on long plans where interest is most of each instalment, that is
            // more than everything outstanding.
            | Error::Overpaid { .. },
        ) => None,
        Err(other) => panic!("{op:?} on {on}: unexpected error {other}"),
    }
}

/// Applies `op` to the plan as signed in `history`, with the statement `at` of its date.
pub(crate) fn apply(history: &PlanHistory, at: &Statement, op: &Op) -> Option<PlanHistory> {
    let on = at.as_of();
    let schedule = history.current().schedule().unwrap();
    let outstanding = match history.outstanding(at).and_then(|o| o.total()) {
        Ok(total) => total,
        Err(e) => return accepted(Err(e), op, on),
    };
    let event = event(schedule, outstanding, on, op);
    accepted(adjust(history, at, event), op, on)
}

/// What the statement `at` says is outstanding, computed here from each line's figures rather
/// than by the crate: every instalment due by the date owes what is unpaid of it; one not yet due
/// owes its principal and fees less everything paid on it (interest paid ahead is not earned, so
/// it pays the outstanding amount); never below zero (the rest is the debtor's credit).
fn outstanding_from_lines(at: &Statement) -> Money {
    let currency = at.currency();
    let mut owed = Money::zero(currency);
    for line in at.instalments() {
        let part = if line.due_date() <= at.as_of() {
            line.unpaid()
        } else {
            line.owed(Component::Principal)
                .checked_add(line.owed(Component::Fees))
                .unwrap()
                .checked_sub(line.paid())
                .unwrap()
        };
        owed = owed.checked_add(part).unwrap();
    }
    if owed.is_negative() {
        Money::zero(currency)
    } else {
        owed
    }
}

/// Invariant 6: outstanding before = what the statement's lines say is outstanding (computed
/// apart); outstanding after = before + capitalised − waived − paid, to the cent; the new schedule
/// repays exactly the outstanding amount after, its interest apart; what a policy charge
/// capitalises is the statement's penalties outstanding, never those already paid.
///
/// Exercised: the adjustment was accepted (an error that only says the request does not fit the
/// plan skips the case, counted); among them, policy charges made after some penalties were paid.
#[test]
fn adjustment_conserves_outstanding() {
    let strategy = (
        any_plan(),
        0u64..800,
        prop::collection::vec(any::<u8>(), 1..8),
        any_op(),
        any::<bool>(),
    );
    let charged = Cell::new(0_u32);
    let (tried, accepted) = crate::exercised(
        crate::cases(512),
        strategy,
        |(schedule, days, shares, op, penalties)| {
            let on = schedule.instalments()[0]
                .due_date()
                .checked_sub_days(Days::new(20))
                .unwrap()
                .checked_add_days(Days::new(days))
                .unwrap();
            let paid = payments(&schedule, 1, on, &shares);
            // With penalties, those outstanding on the day are carried into the new version.
            let options = if penalties || matches!(op, Op::ReschedulePolicy(_)) {
                StatementOptions::default().with_penalties(ten_percent())
            } else {
                StatementOptions::default()
            };
            let at = Statement::new(&schedule, &paid, &options, on).unwrap();
            let history = PlanHistory::new(schedule.clone(), d(2026, 12, 1));
            let Some(after) = apply(&history, &at, &op) else {
                return Ok(false);
            };
            let record = after.current().record().unwrap();
            prop_assert_eq!(
                record.outstanding_before(),
                outstanding_from_lines(&at),
                "{:?}",
                op
            );
            // Invariant 6: after = before + capitalised − waived − paid (the crate's one check).
            prop_assert_eq!(echeancier::invariants::adjustment_record(record), Ok(()));
            if let Op::ReschedulePolicy(_) = op {
                prop_assert_eq!(record.capitalised(), at.penalties_outstanding());
                if at.penalties_paid().is_positive() {
                    charged.set(charged.get() + 1);
                }
            }
            match after.current().schedule() {
                Some(new) => {
                    let repaid = new
                        .totals()
                        .principal()
                        .checked_add(new.totals().fees())
                        .unwrap();
                    prop_assert_eq!(repaid, record.outstanding_after());
                    prop_assert_eq!(new.totals().interest(), record.new_interest());
                    prop_assert!(new.instalments()[0].due_date() >= on);
                }
                None => prop_assert!(record.outstanding_after().is_zero()),
            }
            Ok(true)
        },
    );
    let charged = charged.get();
    eprintln!(
        "adjustment_conserves_outstanding: {accepted} of {tried} cases adjusted the plan, \
         {charged} of them charged penalties under the policy after some were paid"
    );
    assert!(
        crate::meets_floor(accepted, tried, 2),
        "{accepted} of {tried}"
    );
    assert!(
        crate::meets_floor(charged, tried, 200),
        "{charged} of {tried}"
    );
}

/// A postponement or a prepayment keeps the balloon still to come (read from the statement: the
/// plan's, while its last instalment is not due, at most what is unpaid of that instalment's
/// principal and fees) when it is less than what the new version finances, and leaves it to the
/// last instalment; a prepayment that shortens the term makes no regular instalment larger than
/// the largest left before it. Otherwise the new version has no balloon.
///
/// Exercised: a balloon carried into the new version (counted, with a floor); among them, a
/// prepayment that shortened the term (counted, with a floor).
#[test]
fn a_balloon_goes_on_into_the_next_version() {
    let plan = (
        10_000i64..2_000_000,
        3u32..=24,
        0u8..3,
        1u32..=2000,
        5u32..=60,
    )
        .prop_map(|(cents, count, kind, rate_bp, percent)| {
            let interest = interest_of(kind, rate_bp);
            PlanRequest::new(
                Debt::single(
                    Claim::new(
                        "F-1",
                        Money::from_minor(cents, echeancier::Currency::EUR).unwrap(),
                    )
                    .unwrap(),
                ),
                d(2027, 1, 31),
                Frequency::MONTHLY,
                Sizing::Count(count),
            )
            .interest(interest)
            .balloon(echeancier::Balloon::Percent(rust_decimal::Decimal::from(
                percent,
            )))
            .generate()
            .unwrap()
        });
    let op = prop_oneof![
        (1u32..=3, any::<bool>()).prop_map(|(k, e)| Op::Postpone(k, e)),
        (1u8..=100, any::<bool>()).prop_map(|(s, e)| Op::Prepay(s, e)),
    ];
    let strategy = (
        plan,
        0u64..800,
        prop::collection::vec(any::<u8>(), 1..8),
        op,
    );
    let shortened = Cell::new(0_u32);
    let (tried, carried) = crate::exercised(
        crate::cases(512),
        strategy,
        |(schedule, days, shares, op)| {
            let on = d(2027, 1, 11).checked_add_days(Days::new(days)).unwrap();
            let paid = payments(&schedule, 1, on, &shares);
            let at = Statement::new(&schedule, &paid, &StatementOptions::default(), on).unwrap();
            let history = PlanHistory::new(schedule.clone(), d(2026, 12, 1));
            let Some(new) = apply(&history, &at, &op).and_then(|h| h.current().schedule().cloned())
            else {
                return Ok(false);
            };
            let zero = Money::zero(schedule.currency());
            let balloon = schedule.derivation().balloon().unwrap();
            let last = at.instalments().last().unwrap();
            let left = if last.due_date() > on {
                let unpaid = last
                    .outstanding(Component::Principal)
                    .checked_add(last.outstanding(Component::Fees))
                    .unwrap();
                balloon.checked_min(unpaid).unwrap()
            } else {
                zero
            };
            if !(left.is_positive() && left < new.derivation().financed()) {
                prop_assert_eq!(new.derivation().balloon(), None);
                return Ok(false);
            }
            prop_assert_eq!(new.derivation().balloon(), Some(left));
            let instalments = new.instalments();
            prop_assert!(instalments.last().unwrap().principal() >= left);
            if let Op::Prepay(_, true) = op {
                // The instalments left before, the last one without the balloon.
                let mut before: Vec<Money> = schedule
                    .instalments()
                    .iter()
                    .filter(|i| i.due_date() > on)
                    .map(|i| i.amount())
                    .collect();
                let n = before.len();
                before[n - 1] = before[n - 1].checked_sub(left).unwrap();
                let largest = before
                    .iter()
                    .fold(schedule.derivation().regular_amount(), |a, b| {
                        if *b > a {
                            *b
                        } else {
                            a
                        }
                    });
                // No more instalments than were left; fewer only when each is at most the
                // largest left, the last one without the balloon (a prepayment too small to make
                // up a cent of rounding keeps them all).
                let regular: Vec<Money> = instalments
                    .iter()
                    .filter(|i| i.kind() == echeancier::InstalmentKind::Regular)
                    .map(|i| i.amount())
                    .collect();
                prop_assert!(
                    regular.len() <= n,
                    "{} instalments for {} left",
                    regular.len(),
                    n
                );
                if regular.len() < n {
                    let (last, others) = regular.split_last().unwrap();
                    for amount in others {
                        prop_assert!(*amount <= largest, "{} above {}", amount, largest);
                    }
                    let last = last.checked_sub(left).unwrap();
                    prop_assert!(
                        last <= largest,
                        "{} and the balloon, above {}",
                        last,
                        largest
                    );
                    shortened.set(shortened.get() + 1);
                }
            }
            Ok(true)
        },
    );
    let shortened = shortened.get();
    eprintln!(
        "a_balloon_goes_on_into_the_next_version: {carried} of {tried} cases carried the \
         balloon, {shortened} of them after a prepayment shortening the term"
    );
    // About a third and one case in twenty: 174 and 26 expected at 512 cases.
    assert!(
        crate::meets_floor(carried, tried, 4),
        "{carried} of {tried}"
    );
    assert!(
        crate::meets_floor(shortened, tried, 100),
        "{shortened} of {tried}"
    );
}

/// 12,000.00 at 5 % in 24 monthly annuity instalments from 31 January 2027 with a balloon of
/// 5,000.00 (327.93 a month, then 5,327.99), the first instalment paid.
fn balloon_loan() -> Account {
    let plan = crate::monthly_loan("12000.00 EUR", 24, Interest::Annuity("5%".parse().unwrap()))
        .balloon(echeancier::Balloon::Amount(m("5000.00 EUR")))
        .generate()
        .unwrap();
    assert_eq!(plan.instalments()[0].amount(), m("327.93 EUR"));
    assert_eq!(plan.instalments()[23].amount(), m("5327.99 EUR"));
    let mut account = Account::new(plan, d(2027, 1, 5), StatementOptions::default()).unwrap();
    account
        .pay(Payment::new("VIR-1", d(2027, 1, 31), m("327.93 EUR")).unwrap())
        .unwrap();
    account
}

/// The instalments of the version in force: how many, the first, the last.
fn count_first_last(account: &Account) -> (usize, Money, Money) {
    let plan = account.history().current().schedule().unwrap();
    let instalments = plan.instalments();
    (
        instalments.len(),
        instalments[0].amount(),
        instalments[instalments.len() - 1].amount(),
    )
}

#[test]
fn a_balloon_goes_on_after_a_prepayment_or_a_postponement() {
    // 500.00 prepaid on 10 February. To shorten the term, the instalments used to be sized at
    // the largest one left, the balloon's: two of 5,327.99 and one of 640.26. To lower them,
    // the balloon was spread over the 23 left: 512.68 each, more than before the prepayment.
    // Both keep the balloon now.
    let shorten = Prepayment::new(m("500.00 EUR"), PrepaymentMode::ShortenTerm).unwrap();
    let mut account = balloon_loan();
    account.prepay(d(2027, 2, 10), shorten).unwrap();
    assert_eq!(
        count_first_last(&account),
        (22, m("317.40 EUR"), m("5317.49 EUR"))
    );
    let plan = account.history().current().schedule().unwrap();
    assert_eq!(plan.derivation().balloon(), Some(m("5000.00 EUR")));
    let lower = Prepayment::new(m("500.00 EUR"), PrepaymentMode::LowerInstalments).unwrap();
    let mut account = balloon_loan();
    account.prepay(d(2027, 2, 10), lower).unwrap();
    assert_eq!(
        count_first_last(&account),
        (23, m("305.09 EUR"), m("5305.10 EUR"))
    );
    // A payment holiday on instalment 2: the 23 left keep their amount, one month later.
    let holiday = Postponement::new(2, 2, PostponeMode::ExtendTerm).unwrap();
    let mut account = balloon_loan();
    account.postpone(d(2027, 2, 10), holiday).unwrap();
    assert_eq!(
        count_first_last(&account),
        (23, m("327.93 EUR"), m("5327.99 EUR"))
    );
    let plan = account.history().current().schedule().unwrap();
    assert_eq!(plan.instalments()[0].due_date(), d(2027, 3, 31));
    // A prepayment that leaves no more than the balloon: what is left is repaid in level
    // instalments over the months left.
    let most = Prepayment::new(m("7000.00 EUR"), PrepaymentMode::LowerInstalments).unwrap();
    let mut account = balloon_loan();
    account.prepay(d(2027, 2, 10), most).unwrap();
    let plan = account.history().current().schedule().unwrap();
    assert_eq!(plan.derivation().balloon(), None);
    assert_eq!(plan.instalments().len(), 23);
}

/// Records `op` on `on` in a copy of `account`.
pub(crate) fn apply_to(account: &Account, on: NaiveDate, op: &Op) -> Option<Account> {
    let schedule = account.history().current().schedule()?;
    let outstanding = match account.outstanding(on).and_then(|o| o.total()) {
        Ok(total) => total,
        Err(e) => return accepted(Err(e), op, on),
    };
    let mut next = account.clone();
    let event = event(schedule, outstanding, on, op);
    accepted(next.record(event), op, on).map(|()| next)
}

proptest! {
    #![proptest_config(crate::cases(256))]

    /// Invariant 6: the instalments paid (in full or in part) stay in the history exactly as they
    /// were, with what the statement allocated to them, through successive adjustments.
    #[test]
    fn paid_instalments_never_change(
        schedule in any_plan(),
        days in 0u64..800,
        shares in prop::collection::vec(any::<u8>(), 1..8),
        first in any_op(),
        second in any_op(),
        more_days in 1u64..200,
    ) {
        let on = schedule.instalments()[0].due_date().checked_add_days(Days::new(days)).unwrap();
        let paid = payments(&schedule, 1, on, &shares);
        let account = account_with(&schedule, &paid);
        let at = account.statement(on).unwrap();
        let Some(a2) = apply_to(&account, on, &first) else { return Ok(()); };
        let h2 = a2.history();
        for line in at.instalments().iter().filter(|l| l.paid().is_positive()) {
            let kept = h2.current().kept().iter()
                .find(|k| k.version() == 1 && k.instalment().number() == line.number());
            prop_assert!(kept.is_some(), "instalment {} paid {} is not kept", line.number(), line.paid());
            let kept = kept.unwrap();
            let original = schedule.instalments().iter().find(|i| i.number() == line.number()).unwrap();
            prop_assert_eq!(kept.instalment(), original);
            prop_assert_eq!(kept.paid(), line.paid());
        }
        prop_assert_eq!(h2.version(1).unwrap().schedule(), Some(&schedule));
        // A second adjustment later, with payments on the new version: the first kept list is a
        // prefix of the second.
        if h2.current().status() != PlanStatus::Active { return Ok(()); }
        let later = on.checked_add_days(Days::new(more_days)).unwrap();
        let v2 = h2.current().schedule().unwrap().clone();
        let mut a2_paid = a2.clone();
        for payment in payments(&v2, 2, later, &shares) {
            a2_paid.pay(payment).unwrap();
        }
        if let Some(a3) = apply_to(&a2_paid, later, &second) {
            let k2 = h2.current().kept();
            prop_assert_eq!(&a3.history().current().kept()[..k2.len()], k2);
            prop_assert_eq!(a3.history().version(2), Some(h2.current()));
        }
    }

    /// A lapse makes the exact remaining balance due at once: every instalment's principal and
    /// fees, the interest of those due, less everything paid.
    #[test]
    fn lapse_makes_the_exact_remaining_balance_due(
        schedule in any_plan(),
        days in 1u64..800,
        shares in prop::collection::vec(any::<u8>(), 1..8),
    ) {
        let on = schedule.instalments()[0].due_date().checked_add_days(Days::new(days)).unwrap();
        let paid = payments(&schedule, 1, on, &shares);
        let at = Statement::new(&schedule, &paid, &StatementOptions::default(), on).unwrap();
        let history = PlanHistory::new(schedule.clone(), d(2026, 12, 1));
        let rule = LapseRule::missed(1).unwrap();
        let triggered = rule.check(&at).unwrap().is_some();
        match history.lapse(&at, Lapse::new(rule)) {
            Ok(lapsed) => {
                prop_assert!(triggered);
                let due = lapsed.current().schedule().unwrap();
                prop_assert_eq!(due.instalments().len(), 1);
                prop_assert_eq!(due.instalments()[0].due_date(), on);
                prop_assert_eq!(due.instalments()[0].amount(), remaining_balance(&schedule, &at));
                prop_assert!(due.totals().interest().is_zero());
                prop_assert_eq!(lapsed.current().status(), PlanStatus::Lapsed);
            }
            Err(Error::LapseNotTriggered { .. }) => prop_assert!(!triggered),
            Err(Error::PlanClosed { status: "completed" }) => {
                prop_assert!(remaining_balance(&schedule, &at).is_zero());
            }
            Err(other) => prop_assert!(false, "unexpected error {}", other),
        }
    }

    /// Hardening: any adjustment of a settled, lapsed or completed plan is an error naming its
    /// status.
    #[test]
    fn adjusting_a_closed_plan_is_an_error(
        schedule in any_plan(),
        how in 0u8..3,
        op in any_op(),
        days in 1u64..100,
    ) {
        let history = PlanHistory::new(schedule.clone(), d(2026, 12, 1));
        let on = schedule.instalments()[0].due_date();
        let nothing_paid = |date| at(&schedule, &[], date);
        let (closed, status) = match how {
            0 => {
                let offer = SettlementOffer::new(on, Reduction::Percent("5%".parse().unwrap())).unwrap();
                (history.settle(&nothing_paid(on), Settlement::new(offer)).unwrap(), "settled")
            }
            1 => {
                let late = on.checked_add_days(Days::new(1)).unwrap();
                (history.lapse(&nothing_paid(late), Lapse::new(LapseRule::missed(1).unwrap())).unwrap(), "lapsed")
            }
            _ => {
                let total = history.outstanding(&nothing_paid(on)).unwrap().total().unwrap();
                let all = Prepayment::new(total, PrepaymentMode::ShortenTerm).unwrap();
                (history.prepay(&nothing_paid(on), all).unwrap(), "completed")
            }
        };
        let later = nothing_paid(on.checked_add_days(Days::new(days + 1)).unwrap());
        let eur = |minor| Money::from_minor(minor, schedule.currency()).unwrap();
        let result = match op {
            Op::Reschedule(n, ..) | Op::ReschedulePolicy(n) => {
                closed.reschedule(&later, Reschedule::new(Sizing::Count(n)))
            }
            Op::Capacity(c) => closed.reschedule(&later, Reschedule::new(Sizing::Amount(eur(c)))),
            Op::Postpone(k, _) => closed.postpone(&later, Postponement::new(1, k, PostponeMode::ExtendTerm).unwrap()),
            Op::Prepay(..) => closed.prepay(&later, Prepayment::new(eur(100), PrepaymentMode::ShortenTerm).unwrap()),
            Op::Settle(_) => {
                let offer = SettlementOffer::new(later.as_of(), Reduction::Percent("5%".parse().unwrap())).unwrap();
                closed.settle(&later, Settlement::new(offer))
            }
            Op::Lapse => closed.lapse(&later, Lapse::new(LapseRule::missed(1).unwrap())),
        };
        prop_assert_eq!(result.unwrap_err(), Error::PlanClosed { status });
    }
}
