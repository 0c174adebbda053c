//! Unit tests of the adjustments: the split of the outstanding amount, the order payments settle
//! it in, and the edge cases of each operation.

use chrono::NaiveDate;

use crate::adjust::{
    Lapse, LapseRule, PlanHistory, PlanStatus, PostponeMode, Postponement, Prepayment,
    PrepaymentMode, Reschedule, Treatment,
};
use crate::debt::{Claim, Debt, Fee};
use crate::error::Error;
use crate::frequency::Frequency;
use crate::money::Money;
use crate::payment::Payment;
use crate::schedule::{Interest, PlanRequest, Schedule, Sizing};
use crate::statement::{Segment, Statement, StatementOptions};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, day).unwrap()
}

fn money(s: &str) -> Money {
    s.parse().unwrap()
}

fn pay(reference: &str, date: NaiveDate, amount: &str) -> Payment {
    Payment::new(reference, date, money(amount)).unwrap()
}

/// The statement of `plan` as of `on` after `payments`, under the default options (France 1343-1).
fn at(plan: &Schedule, payments: &[Payment], on: NaiveDate) -> Statement {
    Statement::new(plan, payments, &StatementOptions::default(), on).unwrap()
}

/// 1,000.00 at 12 % in 2 monthly annuity instalments from 31 January, with a fee of 40.00 (the
/// schedule charges interest on the whole balance, fees included, and repays fees first):
/// instalment 1 = 40.00 fees + 10.40 interest (1 % of 1,040.00) + 477.41 principal = 527.81;
/// instalment 2 = 522.59 principal + 5.23 interest = 527.82.
fn loan() -> Schedule {
    let debt = Debt::single(Claim::new("L", money("1000.00 EUR")).unwrap())
        .with_fee(Fee::new("costs", money("40.00 EUR")).unwrap())
        .unwrap();
    PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(2))
        .interest(Interest::Annuity("12%".parse().unwrap()))
        .generate()
        .unwrap()
}

#[test]
fn the_loan_is_as_described() {
    let s = loan();
    let i = s.instalments();
    assert_eq!(i[0].amount(), money("527.81 EUR"));
    assert_eq!(i[0].fees(), money("40.00 EUR"));
    assert_eq!(i[0].interest(), money("10.40 EUR"));
    assert_eq!(i[1].amount(), money("527.82 EUR"));
    assert_eq!(i[1].interest(), money("5.23 EUR"));
}

#[test]
fn a_payment_settles_fees_then_interest_then_principal() {
    // 45.00 on instalment 1: 40.00 fees, 5.00 of the 10.40 interest; 5.40 interest and 477.41
    // principal still due (482.81 of arrears). Instalment 2 is not due: 522.59 principal, its 5.23
    // interest not earned. Outstanding: 482.81 + 522.59 = 1,005.40.
    let history = PlanHistory::new(loan(), d(1, 5));
    let paid = [pay("P-1", d(1, 31), "45.00 EUR")];
    let o = history.outstanding(&at(&loan(), &paid, d(2, 10))).unwrap();
    assert!(o.fees().unwrap().is_zero());
    assert_eq!(o.interest(), money("5.40 EUR"));
    assert_eq!(o.principal().unwrap(), money("1000.00 EUR"));
    assert_eq!(o.arrears().unwrap(), money("482.81 EUR"));
    assert_eq!(o.total().unwrap(), money("1005.40 EUR"));
    assert_eq!(o.future_interest(), money("5.23 EUR"));
}

#[test]
fn interest_paid_ahead_of_time_lowers_the_outstanding_amount() {
    // 537.81 on 20 January: instalment 1 (527.81) in full, then 10.00 ahead of time on instalment
    // 2, its interest first (5.23, not earned yet) then 4.77 of its principal. The 5.23 goes back
    // to the outstanding amount: 522.59 − 4.77 − 5.23 = 512.59 (= 1,040.00 − 537.81 + 10.40).
    let history = PlanHistory::new(loan(), d(1, 5));
    let paid = [pay("P-1", d(1, 20), "537.81 EUR")];
    let o = history.outstanding(&at(&loan(), &paid, d(2, 10))).unwrap();
    assert_eq!(o.total().unwrap(), money("512.59 EUR"));
    assert!(o.arrears().unwrap().is_zero());
    assert!(o.future_interest().is_zero());
    assert!(o.credit().is_zero());
}

#[test]
fn a_statement_of_another_plan_or_version_is_refused() {
    let history = PlanHistory::new(loan(), d(1, 5));
    let other = PlanRequest::new(
        Debt::single(Claim::new("L", money("100.00 EUR")).unwrap()),
        d(1, 31),
        Frequency::MONTHLY,
        Sizing::Count(2),
    )
    .generate()
    .unwrap();
    assert!(matches!(
        history.outstanding(&at(&other, &[], d(2, 10))),
        Err(Error::InvalidAdjustment { .. })
    ));
    let v2 = history
        .reschedule(
            &at(&loan(), &[], d(1, 20)),
            Reschedule::new(Sizing::Count(4)),
        )
        .unwrap();
    // Version 2's schedule, but a statement that says version 1.
    let schedule = v2.current().schedule().unwrap();
    assert!(matches!(
        v2.outstanding(&at(schedule, &[], d(2, 10))),
        Err(Error::InvalidAdjustment { .. })
    ));
}

#[test]
fn unpaid_interest_and_fees_become_fees_of_the_new_schedule() {
    // Nothing paid by 10 February: 527.81 in arrears (40.00 fees, 10.40 interest, 477.41
    // principal) and 522.59 not due: 1,050.40 outstanding, rescheduled over 3 months without
    // interest: 1,050.40 / 3 = 350.133… → 350.13, 350.13 and 350.14; the new schedule's fees
    // are 50.40 (fees + unpaid interest).
    let history = PlanHistory::new(loan(), d(1, 5));
    let terms = Reschedule::new(Sizing::Count(3)).interest(Interest::None);
    let h = history
        .reschedule(&at(&loan(), &[], d(2, 10)), terms)
        .unwrap();
    let s = h.current().schedule().unwrap();
    assert_eq!(s.totals().fees(), money("50.40 EUR"));
    assert_eq!(s.totals().principal(), money("1000.00 EUR"));
    let amounts: Vec<Money> = s.instalments().iter().map(|i| i.amount()).collect();
    assert_eq!(
        amounts,
        [
            money("350.13 EUR"),
            money("350.13 EUR"),
            money("350.14 EUR")
        ]
    );
    let record = h.current().record().unwrap();
    assert_eq!(record.interest_replaced(), money("5.23 EUR"));
    assert!(record.new_interest().is_zero());
}

#[test]
fn waiving_everything_outstanding_completes_the_plan() {
    // On 1 March both instalments are due and unpaid: waiving the arrears (527.81 + 527.82)
    // leaves nothing.
    let history = PlanHistory::new(loan(), d(1, 5));
    let terms = Reschedule::new(Sizing::Count(3)).arrears(Treatment::Waive);
    let h = history
        .reschedule(&at(&loan(), &[], d(3, 1)), terms)
        .unwrap();
    assert_eq!(h.current().status(), PlanStatus::Completed);
    assert!(h.current().schedule().is_none());
    assert_eq!(h.current().record().unwrap().waived(), money("1055.63 EUR"));
}

#[test]
fn an_adjustment_before_the_version_took_effect_is_refused() {
    let history = PlanHistory::new(loan(), d(1, 5));
    let h = history
        .reschedule(
            &at(&loan(), &[], d(1, 20)),
            Reschedule::new(Sizing::Count(4)),
        )
        .unwrap();
    let segment = Segment {
        version: 2,
        opening_credit: money("0.00 EUR"),
        payments: Vec::new(),
        credit_moves: Vec::new(),
        charges: Vec::new(),
    };
    let v2 = Statement::of_version(
        h.current().schedule().unwrap(),
        segment,
        &StatementOptions::default(),
        d(1, 10),
    )
    .unwrap();
    assert!(matches!(
        h.reschedule(&v2, Reschedule::new(Sizing::Count(4))),
        Err(Error::DateOrder { .. })
    ));
    // A first due date before the effective date is refused too.
    let early = Reschedule::new(Sizing::Count(4)).first_due(d(1, 15));
    assert!(matches!(
        history.reschedule(&at(&loan(), &[], d(1, 20)), early),
        Err(Error::DateOrder { .. })
    ));
}

#[test]
fn a_prepayment_larger_than_the_outstanding_amount_is_refused() {
    let history = PlanHistory::new(loan(), d(1, 5));
    let too_much = Prepayment::new(money("1040.01 EUR"), PrepaymentMode::ShortenTerm).unwrap();
    assert!(matches!(
        history.prepay(&at(&loan(), &[], d(1, 10)), too_much),
        Err(Error::Overpaid { .. })
    ));
}

/// Found by a long property run: everything overdue is due now, so what is left after a
/// prepayment is one instalment on the day of the prepayment (the 29th), which is not the plan's
/// day of the month (the 28th). It used to be refused as an invalid day of the month.
#[test]
fn a_prepayment_on_a_plan_all_overdue_leaves_one_instalment_on_its_day() {
    let debt = Debt::single(Claim::new("F", money("100.00 EUR")).unwrap());
    let plan = PlanRequest::new(debt, d(1, 28), Frequency::MONTHLY, Sizing::Count(1))
        .generate()
        .unwrap();
    let on = NaiveDate::from_ymd_opt(2029, 1, 29).unwrap();
    let history = PlanHistory::new(plan.clone(), d(1, 5));
    let one = Prepayment::new(money("1.00 EUR"), PrepaymentMode::LowerInstalments).unwrap();
    let after = history.prepay(&at(&plan, &[], on), one).unwrap();
    let left = after.current().schedule().unwrap().instalments();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].due_date(), on);
    assert_eq!(left[0].amount(), money("99.00 EUR"));
}

/// 10,000.00 at 5 % over 12 months from 31 January 2027, at 6 % for the periods from 31 July
/// (instalments 8 to 12: 856.07 a month, then 858.21).
fn variable_rate_loan() -> Schedule {
    let debt = Debt::single(Claim::new("L", money("10000.00 EUR")).unwrap());
    PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12))
        .interest(Interest::Annuity("5%".parse().unwrap()))
        .rate_change(crate::schedule::RateChange::new(
            d(7, 1),
            "6%".parse().unwrap(),
        ))
        .generate()
        .unwrap()
}

/// The variable-rate loan paid on time for its first `paid` instalments, rescheduled on `on` over
/// `count` instalments: the new version.
fn variable_rate_loan_rescheduled(paid: usize, on: NaiveDate, count: u32) -> Schedule {
    let plan = variable_rate_loan();
    let payments: Vec<Payment> = plan.instalments()[..paid]
        .iter()
        .map(|i| Payment::new(format!("P{}", i.number()), i.due_date(), i.amount()).unwrap())
        .collect();
    PlanHistory::new(plan.clone(), d(1, 5))
        .reschedule(
            &at(&plan, &payments, on),
            Reschedule::new(Sizing::Count(count)),
        )
        .unwrap()
        .current()
        .schedule()
        .unwrap()
        .clone()
}

/// Paid on time up to 15 March, the loan rescheduled over the 10 instalments it has left is the
/// plan it was, the rate change included, within the cent that re-rounding the balance moves: a
/// new version goes on with the changes still to come. (It used to drop them and charge 5 % to
/// the end.)
#[test]
fn a_reschedule_keeps_the_rate_changes_still_to_come() {
    let plan = variable_rate_loan();
    let new = variable_rate_loan_rescheduled(2, d(3, 15), 10);
    let amounts = |rows: &[crate::schedule::Instalment]| -> Vec<String> {
        rows.iter().map(|i| i.amount().to_string()).collect()
    };
    // 856.08 re-amortises the balance after instalment 2 at 5 % (the plan's 856.07 a month was
    // rounded down, so a little more is left), and the periods from 31 July are at 6 %.
    assert_eq!(&amounts(&new.instalments()[..5]), &["856.08 EUR"; 5]);
    assert_eq!(&amounts(&new.instalments()[5..9]), &["858.20 EUR"; 4]);
    assert_eq!(amounts(&plan.instalments()[7..11]), ["858.21 EUR"; 4]);
    let changes = new.derivation().rate_changes();
    assert_eq!(changes.len(), 1);
    // Instalment 6 of the new version is instalment 8 of the plan: the first at 6 %.
    assert_eq!(changes[0].first_instalment(), 6);
    assert_eq!(changes[0].period_start(), d(7, 31));
}

/// Paid on time up to 15 August, after the rate went to 6 %: the loan rescheduled goes on at 6 %.
/// (It used to go back to the plan's first rate, 5 %.)
#[test]
fn a_reschedule_after_a_rate_change_goes_on_at_the_new_rate() {
    let new = variable_rate_loan_rescheduled(7, d(8, 15), 5);
    assert_eq!(
        new.derivation().interest(),
        Interest::Annuity("6%".parse().unwrap())
    );
    // 4,227.42 left after instalment 7, at 0.5 % a month: 21.14 of interest, 858.21 a month.
    assert_eq!(new.instalments()[0].interest(), money("21.14 EUR"));
    assert_eq!(new.instalments()[0].amount(), money("858.21 EUR"));
}

/// Paid on time up to 10 July: the next instalment falls due on 31 July, the day the first period
/// at 6 % starts, so it is still at 5 % and the change comes with the one after it.
#[test]
fn a_change_from_the_next_due_date_on_is_still_to_come() {
    let new = variable_rate_loan_rescheduled(6, d(7, 10), 6);
    assert_eq!(new.instalments()[0].due_date(), d(7, 31));
    assert_eq!(
        new.derivation().interest(),
        Interest::Annuity("5%".parse().unwrap())
    );
    let changes = new.derivation().rate_changes();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].first_instalment(), 2);
}

/// A weekly plan on a year of 360 days keeps it after a prepayment, and a reschedule to monthly
/// instalments, which have no such year, counts a twelfth of the rate a month.
#[test]
fn a_fixed_year_goes_on_for_frequencies_counted_in_days() {
    use crate::{InterestBasis, YearDays};
    let debt = Debt::single(Claim::new("L", money("5000.00 EUR")).unwrap());
    let basis = InterestBasis::FixedYear(YearDays::Days360);
    let plan = PlanRequest::new(debt, d(1, 8), Frequency::WEEKLY, Sizing::Count(20))
        .interest(Interest::Annuity("9%".parse().unwrap()))
        .interest_basis(basis)
        .generate()
        .unwrap();
    let history = PlanHistory::new(plan.clone(), d(1, 5));
    let less = Prepayment::new(money("500.00 EUR"), PrepaymentMode::LowerInstalments).unwrap();
    let prepaid = history.prepay(&at(&plan, &[], d(1, 6)), less).unwrap();
    let weekly = prepaid.current().schedule().unwrap();
    assert_eq!(weekly.derivation().interest_basis(), basis);
    // 4,500.00 at 9 % for 7 of 360 days: 7.875, rounded 7.88 (7/364 of the rate, 7.79).
    assert_eq!(weekly.instalments()[0].interest(), money("7.88 EUR"));
    let monthly = history
        .reschedule(
            &at(&plan, &[], d(1, 6)),
            Reschedule::new(Sizing::Count(5)).frequency(Frequency::MONTHLY),
        )
        .unwrap();
    let monthly = monthly.current().schedule().unwrap();
    assert_eq!(
        monthly.derivation().interest_basis(),
        InterestBasis::Periodic
    );
}

/// A plan with interest on actual days goes on with it after a prepayment. (It used to go back to
/// a twelfth of the rate a month.)
#[test]
fn a_prepayment_keeps_the_day_count() {
    use crate::{DayCount, InterestBasis};
    let debt = Debt::single(Claim::new("L", money("10000.00 EUR")).unwrap());
    let basis = InterestBasis::ActualDays(DayCount::Actual365);
    let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12))
        .interest(Interest::Annuity("12%".parse().unwrap()))
        .interest_basis(basis)
        .generate()
        .unwrap();
    let history = PlanHistory::new(plan.clone(), d(1, 5));
    let less = Prepayment::new(money("1000.00 EUR"), PrepaymentMode::LowerInstalments).unwrap();
    let after = history.prepay(&at(&plan, &[], d(1, 10)), less).unwrap();
    let new = after.current().schedule().unwrap();
    assert_eq!(new.derivation().interest_basis(), basis);
    // January's 31 days on the 9,000.00 left: 9,000 × 12 % × 31 / 365 = 91.73 (a twelfth of the
    // rate would be 90.00).
    assert_eq!(new.instalments()[0].due_date(), d(1, 31));
    assert_eq!(new.instalments()[0].interest(), money("91.73 EUR"));
}

/// A payment made before the plan was signed (a deposit) counts on the first version: the plan's
/// own statement, without an agreement date, takes it, and an adjustment reads it.
#[test]
fn a_payment_before_signature_counts_on_the_first_version() {
    let plan = loan();
    let history = PlanHistory::new(plan.clone(), d(1, 5));
    let deposit = [pay("DEP", d(1, 3), "100.00 EUR")];
    let after = history
        .reschedule(
            &at(&plan, &deposit, d(2, 10)),
            Reschedule::new(Sizing::Count(3)),
        )
        .unwrap();
    let record = after.current().record().unwrap();
    // 1,040.00 of principal and fees and the 10.40 of interest of instalment 1, due, less the
    // deposit.
    assert_eq!(record.outstanding_before(), money("950.40 EUR"));
}

/// Only an active plan can still be adjusted.
#[test]
fn only_an_active_plan_is_open() {
    assert!(PlanStatus::Active.is_open());
    for closed in [
        PlanStatus::Completed,
        PlanStatus::Settled,
        PlanStatus::Lapsed,
    ] {
        assert!(!closed.is_open(), "{closed:?}");
    }
}

#[test]
fn a_postponement_of_a_paid_instalment_is_refused() {
    let history = PlanHistory::new(loan(), d(1, 5));
    // 527.81 pays instalment 1 ahead of time, 10.00 goes on to instalment 2.
    let paid = [pay("P-1", d(1, 10), "537.81 EUR")];
    let holiday = Postponement::new(1, 2, PostponeMode::ExtendTerm).unwrap();
    let err = history
        .postpone(&at(&loan(), &paid, d(1, 10)), holiday)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid adjustment: instalment 1 has already been paid on (527.81 EUR)"
    );
}

#[test]
fn lapse_rules_read_well() {
    assert_eq!(
        LapseRule::missed(1).unwrap().to_string(),
        "1 missed instalment"
    );
    assert_eq!(
        LapseRule::overdue(money("50.00 EUR"), 15)
            .unwrap()
            .to_string(),
        "50.00 EUR overdue for more than 15 days"
    );
    assert_eq!(PlanStatus::Completed.to_string(), "completed");
}

#[test]
fn a_record_reads_in_each_language() {
    // The reschedule of `unpaid_interest_and_fees_become_fees_of_the_new_schedule`, with a payment
    // of 100.00 on 5 February: the interest of the second instalment (5.23) replaced by none.
    let history = PlanHistory::new(loan(), d(1, 5));
    let terms = Reschedule::new(Sizing::Count(3)).interest(Interest::None);
    let paid = [pay("P", d(2, 5), "100.00 EUR")];
    let h = history
        .reschedule(&at(&loan(), &paid, d(2, 10)), terms)
        .unwrap();
    let record = h.current().record().unwrap();
    let english = record.to_string_in(crate::Language::English);
    assert_eq!(english, record.to_string());
    // 1,050.40 outstanding (see that test) less the 100.00 paid.
    assert_eq!(
        english,
        "2027-02-10: reschedule; outstanding 950.40 EUR → 950.40 EUR; interest -5.23 EUR \
         (0.00 EUR on the new terms for 5.23 EUR replaced)"
    );
    assert_eq!(
        record.to_string_in(crate::Language::French),
        "2027-02-10 : rééchelonnement ; restant dû 950,40 EUR → 950,40 EUR ; intérêts -5,23 EUR \
         (0,00 EUR selon les nouvelles conditions au lieu de 5,23 EUR)"
    );
}

#[test]
fn an_adjustment_keeps_who_made_it() {
    // Nothing paid on 10 January: instalment 1, the next due, moved past the end of the plan.
    let holiday = Postponement::new(1, 1, PostponeMode::ExtendTerm)
        .unwrap()
        .by("agence Lyon");
    let postponed = PlanHistory::new(loan(), d(1, 5))
        .postpone(&at(&loan(), &[], d(1, 10)), holiday)
        .unwrap();
    // Both instalments missed by 1 March: the plan lapses, on the word of a named clerk.
    let lapse = Lapse::new(LapseRule::missed(2).unwrap()).by("j.martin");
    let lapsed = PlanHistory::new(loan(), d(1, 5))
        .lapse(&at(&loan(), &[], d(3, 1)), lapse)
        .unwrap();
    for (history, author, line) in [
        (
            postponed,
            "agence Lyon",
            "2027-01-10: postponement by agence Lyon;",
        ),
        (lapsed, "j.martin", "2027-03-01: lapse by j.martin;"),
    ] {
        let record = history.current().record().unwrap();
        assert_eq!(record.author(), Some(author));
        assert!(record.to_string().starts_with(line), "{record}");
    }
}

#[test]
fn a_lapse_rule_gives_back_its_tolerance() {
    let rule = LapseRule::missed(2).unwrap();
    assert_eq!(rule.tolerance(), None);
    let either = crate::ArrearsTolerance::amount(money("1.50 EUR"))
        .unwrap()
        .or_share("2%".parse().unwrap())
        .unwrap();
    let rule = rule.with_tolerance(either);
    assert_eq!(rule.tolerance(), Some(either));
    assert_eq!(either.max_amount(), Some(money("1.50 EUR")));
    assert_eq!(either.max_share(), Some("2%".parse().unwrap()));
    let share = crate::ArrearsTolerance::share("2%".parse().unwrap()).unwrap();
    assert_eq!(
        (share.max_amount(), share.max_share()),
        (None, either.max_share())
    );
    let amount = crate::ArrearsTolerance::amount(money("1.50 EUR")).unwrap();
    assert_eq!(
        (amount.max_amount(), amount.max_share()),
        (either.max_amount(), None)
    );
}

#[test]
fn an_arrears_tolerance_is_the_larger_of_its_limits() {
    use crate::ArrearsTolerance;
    let both = ArrearsTolerance::amount(money("5.00 EUR"))
        .unwrap()
        .or_share("1%".parse().unwrap())
        .unwrap();
    let share = ArrearsTolerance::share("1%".parse().unwrap()).unwrap();
    let amount = ArrearsTolerance::amount(money("5.00 EUR")).unwrap();
    // (instalment, unpaid, tolerated by both, by the share alone, by the amount alone): 1 % of
    // 1,000.00 is 10.00, of 100.00 is 1.00.
    let cases = [
        ("1000.00 EUR", "10.00 EUR", true, true, false),
        ("1000.00 EUR", "10.01 EUR", false, false, false),
        ("100.00 EUR", "5.00 EUR", true, false, true),
        ("100.00 EUR", "5.01 EUR", false, false, false),
        ("100.00 EUR", "1.00 EUR", true, true, true),
        ("100.00 EUR", "1.01 EUR", true, false, true),
    ];
    for (instalment, unpaid, by_both, by_share, by_amount) in cases {
        let (i, u) = (money(instalment), money(unpaid));
        assert_eq!(
            both.tolerates(i, u).unwrap(),
            by_both,
            "{unpaid} of {instalment}"
        );
        assert_eq!(
            share.tolerates(i, u).unwrap(),
            by_share,
            "{unpaid} of {instalment}"
        );
        assert_eq!(
            amount.tolerates(i, u).unwrap(),
            by_amount,
            "{unpaid} of {instalment}"
        );
    }
    assert!(amount
        .tolerates(money("100.00 USD"), money("1.00 USD"))
        .is_err());
    // A share is more than nothing and less than the whole instalment.
    for (text, accepted) in [
        ("0%", false),
        ("0.01%", true),
        ("99.99%", true),
        ("100%", false),
    ] {
        let share = text.parse().unwrap();
        assert_eq!(ArrearsTolerance::share(share).is_ok(), accepted, "{text}");
        assert_eq!(amount.or_share(share).is_ok(), accepted, "{text}");
    }
    assert_eq!(
        both.to_string(),
        "up to 5.00 EUR or 1% of the instalment unpaid on an instalment"
    );
    assert_eq!(
        share.to_string(),
        "up to 1% of the instalment unpaid on an instalment"
    );
    assert_eq!(amount.to_string(), "up to 5.00 EUR unpaid on an instalment");
}

#[cfg(feature = "serde")]
#[test]
fn a_lapse_trigger_is_checked_when_read() {
    use crate::LapseTrigger;
    let read = |json: &str| serde_json::from_str::<LapseTrigger>(json);
    let two = read(r#"{"missed_instalments": {"numbers": [2, 3]}}"#).unwrap();
    assert_eq!(
        two,
        LapseTrigger::MissedInstalments {
            numbers: vec![2, 3]
        }
    );
    for numbers in ["[]", "[3, 2]", "[2, 2]"] {
        let json = format!(r#"{{"missed_instalments": {{"numbers": {numbers}}}}}"#);
        let err = read(&json).unwrap_err().to_string();
        assert!(err.contains("must be named, in increasing order"), "{err}");
    }
}
