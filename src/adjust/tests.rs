//! Unit tests of the adjustments: the split of the outstanding amount, the order payments settle
//! it in, and the edge cases of each operation.

use chrono::NaiveDate;

use crate::adjust::{
    LapseRule, PlanHistory, PlanStatus, PostponeMode, Postponement, Prepayment, PrepaymentMode,
    Reschedule, Treatment,
};
use crate::debt::{Claim, Debt, Fee};
use crate::error::Error;
use crate::frequency::Frequency;
use crate::money::Money;
use crate::payment::PartialPayment;
use crate::schedule::{Interest, PlanRequest, Schedule, Sizing};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, day).unwrap()
}

fn money(s: &str) -> Money {
    s.parse().unwrap()
}

fn pay(number: u32, date: NaiveDate, amount: &str) -> (u32, PartialPayment) {
    (number, PartialPayment::new(date, money(amount)).unwrap())
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
    let paid = [pay(1, d(1, 31), "45.00 EUR")];
    let o = history.outstanding(&paid, d(2, 10)).unwrap();
    assert!(o.fees().unwrap().is_zero());
    assert_eq!(o.interest(), money("5.40 EUR"));
    assert_eq!(o.principal().unwrap(), money("1000.00 EUR"));
    assert_eq!(o.arrears().unwrap(), money("482.81 EUR"));
    assert_eq!(o.total().unwrap(), money("1005.40 EUR"));
    assert_eq!(o.future_interest(), money("5.23 EUR"));
}

#[test]
fn paying_a_later_instalment_in_full_leaves_a_credit_on_the_arrears() {
    // Instalment 2 paid in full (527.82) before it is due: 522.59 principal and 5.23 beyond it,
    // not earned, which settles arrears: instalment 1's fees first (40.00 − 5.23 = 34.77).
    // Outstanding: 527.81 − 5.23 = 522.58.
    let history = PlanHistory::new(loan(), d(1, 5));
    let paid = [pay(2, d(2, 10), "527.82 EUR")];
    let o = history.outstanding(&paid, d(2, 10)).unwrap();
    assert_eq!(o.total().unwrap(), money("522.58 EUR"));
    assert_eq!(o.fees().unwrap(), money("34.77 EUR"));
    assert!(o.future_interest().is_zero());
}

#[test]
fn an_overpaid_instalment_or_an_unknown_one_is_refused() {
    let history = PlanHistory::new(loan(), d(1, 5));
    let over = [pay(1, d(1, 31), "527.82 EUR")];
    assert!(matches!(
        history.outstanding(&over, d(2, 10)),
        Err(Error::Overpaid { .. })
    ));
    let unknown = [pay(3, d(1, 31), "1.00 EUR")];
    assert!(matches!(
        history.outstanding(&unknown, d(2, 10)),
        Err(Error::UnknownClaim { .. })
    ));
    let other = [pay(1, d(1, 31), "1 JPY")];
    assert!(matches!(
        history.outstanding(&other, d(2, 10)),
        Err(Error::CurrencyMismatch { .. })
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
    let h = history.reschedule(&[], d(2, 10), terms).unwrap();
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
    let h = history.reschedule(&[], d(3, 1), terms).unwrap();
    assert_eq!(h.current().status(), PlanStatus::Completed);
    assert!(h.current().schedule().is_none());
    assert_eq!(h.current().record().unwrap().waived(), money("1055.63 EUR"));
}

#[test]
fn an_adjustment_before_the_version_took_effect_is_refused() {
    let history = PlanHistory::new(loan(), d(1, 5));
    let h = history
        .reschedule(&[], d(1, 20), Reschedule::new(Sizing::Count(4)))
        .unwrap();
    assert!(matches!(
        h.reschedule(&[], d(1, 10), Reschedule::new(Sizing::Count(4))),
        Err(Error::DateOrder { .. })
    ));
    // A first due date before the effective date is refused too.
    let early = Reschedule::new(Sizing::Count(4)).first_due(d(1, 15));
    assert!(matches!(
        history.reschedule(&[], d(1, 20), early),
        Err(Error::DateOrder { .. })
    ));
}

#[test]
fn a_prepayment_larger_than_the_outstanding_amount_is_refused() {
    let history = PlanHistory::new(loan(), d(1, 5));
    let too_much = Prepayment::new(money("1040.01 EUR"), PrepaymentMode::ShortenTerm).unwrap();
    assert!(matches!(
        history.prepay(&[], d(1, 10), too_much),
        Err(Error::Overpaid { .. })
    ));
}

#[test]
fn a_postponement_of_a_paid_instalment_is_refused() {
    let history = PlanHistory::new(loan(), d(1, 5));
    let paid = [pay(2, d(1, 10), "100.00 EUR")];
    let holiday = Postponement::new(1, 2, PostponeMode::ExtendTerm).unwrap();
    let err = history.postpone(&paid, d(1, 10), holiday).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid adjustment: instalment 2 has already been paid on (100.00 EUR)"
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
