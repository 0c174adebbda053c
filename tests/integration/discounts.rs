//! Discounts and incentives: the issue's reference figures computed by hand, then invariant 8 (a
//! discount never exceeds what it applies to), the discount earned once, and the settlement identity
//! payoff + discount = owed, checked with proptest.

use chrono::{Days, NaiveDate};
use echeancier::{
    implied_annual_cost, ConditionalWaiver, Currency, Debt, DiscountWindow, EarlyPaymentDiscount,
    Error, Frequency, Interest, Money, PartialPayment, Payment, PaymentTiming, PenaltyPolicy,
    PenaltyRate, Percent, PlanRequest, Reduction, RegularityBonus, RegularityOutcome,
    RegularityReward, Rounding, Schedule, SettlementBase, SettlementOffer, Sizing, Statement,
    StatementOptions, TaxedAmount, Waived, WaiverStatus,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_decimal::Decimal;

use crate::{d, debt, m};

fn two_ten_net_30() -> EarlyPaymentDiscount {
    EarlyPaymentDiscount::new(
        Reduction::Percent("2%".parse().unwrap()),
        DiscountWindow::WithinDays(10),
    )
    .unwrap()
    .with_net_days(30)
    .unwrap()
}

fn invoice_with_vat() -> TaxedAmount {
    TaxedAmount::new(m("10000.00 EUR"), m("2000.00 EUR")).unwrap()
}

#[test]
fn escompte_of_2_percent_on_10000_plus_2000_vat() {
    // Discount: 12,000.00 × 2 % = 240.00, split 240 × 10,000 / 12,000 = 200.00 on the base and
    // 240 − 200 = 40.00 on the VAT. Net to pay: 12,000 − 240 = 11,760.00 (9,800.00 + 1,960.00 VAT).
    let invoice = invoice_with_vat();
    let discount = two_ten_net_30().discount_on(invoice).unwrap();
    assert_eq!(discount.base(), m("200.00 EUR"));
    assert_eq!(discount.vat(), m("40.00 EUR"));
    assert_eq!(discount.total(), m("240.00 EUR"));
    let net = invoice.checked_sub(discount).unwrap();
    assert_eq!(net.total(), m("11760.00 EUR"));
    assert_eq!(net.base(), m("9800.00 EUR"));
    assert_eq!(net.vat(), m("1960.00 EUR"));

    // Paid on the 10th day after issue (1 → 11 March): the whole discount is earned.
    let paid = [PartialPayment::new(d(2027, 3, 11), m("11760.00 EUR")).unwrap()];
    let outcome = two_ten_net_30()
        .apply(invoice, d(2027, 3, 1), &paid)
        .unwrap();
    assert_eq!(outcome.discount(), discount);
    assert!(outcome.remaining().is_zero());
}

#[test]
fn implied_annual_cost_of_2_10_net_30() {
    // 0.02 / 0.98 × 365 / 20 = 0.0204081… × 18.25 = 0.3724489… → 37.24 %.
    let cost = implied_annual_cost("2%".parse().unwrap(), 20).unwrap();
    assert_eq!(cost.to_string(), "37.24%");
    assert_eq!(
        cost.percent().round_dp(4),
        Decimal::new(372449, 4) // 37.2449 %
    );
    assert_eq!(two_ten_net_30().implied_annual_cost().unwrap(), cost);
    assert!(matches!(
        implied_annual_cost("2%".parse().unwrap(), 0),
        Err(Error::InvalidDays { days: 0, .. })
    ));
    assert!(matches!(
        implied_annual_cost(Percent::HUNDRED, 20),
        Err(Error::InvalidPercent { .. })
    ));
}

#[test]
fn escompte_on_partial_payments_is_earned_once() {
    // 3,920.00 on day 4 settles 3,920 / 0.98 = 4,000.00 (discount 80.00: 66.67 + 13.33 VAT);
    // 3,920.00 more on day 9 brings the running total to 7,840.00, which settles 8,000.00: the
    // second payment also earns 80.00 (66.66 + 13.34, so that the running total splits 133.33 +
    // 26.67); 4,000.00 on day 20 is after the window and settles its face value.
    let invoice = invoice_with_vat();
    let payments = [
        PartialPayment::new(d(2027, 3, 5), m("3920.00 EUR")).unwrap(),
        PartialPayment::new(d(2027, 3, 10), m("3920.00 EUR")).unwrap(),
        PartialPayment::new(d(2027, 3, 21), m("4000.00 EUR")).unwrap(),
    ];
    let o = two_ten_net_30()
        .apply(invoice, d(2027, 3, 1), &payments)
        .unwrap();
    let lines = o.lines();
    assert_eq!(lines[0].settled(), m("4000.00 EUR"));
    assert_eq!(lines[0].discount().base(), m("66.67 EUR"));
    assert_eq!(lines[0].discount().vat(), m("13.33 EUR"));
    assert_eq!(lines[1].settled(), m("4000.00 EUR"));
    assert_eq!(lines[1].discount().base(), m("66.66 EUR"));
    assert_eq!(lines[1].discount().vat(), m("13.34 EUR"));
    assert_eq!(lines[2].timing(), PaymentTiming::AfterWindow);
    assert!(lines[2].discount().total().is_zero());
    assert_eq!(o.discount().base(), m("133.33 EUR"));
    assert_eq!(o.discount().vat(), m("26.67 EUR"));
    assert!(o.remaining().is_zero());
    // The same list in another order gives the same outcome: it is sorted by date.
    let mut shuffled = payments;
    shuffled.reverse();
    assert_eq!(
        two_ten_net_30()
            .apply(invoice, d(2027, 3, 1), &shuffled)
            .unwrap(),
        o
    );
}

/// 3,000.00 EUR in 3 monthly instalments of 1,000.00 from 31 January 2027, at 12 % a year.
fn loan() -> Schedule {
    crate::monthly_loan(
        "3000.00 EUR",
        3,
        Interest::EqualPrincipal("12%".parse().unwrap()),
    )
    .generate()
    .unwrap()
}

#[test]
fn settlement_quote_with_arrears_accrued_interest_and_penalties() {
    // Instalments: 1,000 + 30.00 (31 Jan), 1,000 + 20.00 (28 Feb), 1,000 + 10.00 (31 Mar).
    // Instalment 1 paid; instalment 2 unpaid; settle on 14 March.
    let plan = loan();
    let payments = [Payment::new("P-1", d(2027, 1, 31), m("1030.00 EUR")).unwrap()];
    let policy = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse().unwrap()));
    let options = StatementOptions::default().with_penalties(policy);
    let statement = Statement::new(&plan, &payments, &options, d(2027, 3, 14)).unwrap();
    let offer = SettlementOffer::new(d(2027, 3, 14), Reduction::Percent("5%".parse().unwrap()))
        .unwrap()
        .applies_to(SettlementBase::Principal);
    let q = offer.quote(&statement).unwrap();
    // Principal: instalments 2 and 3 = 2,000.00; interest due: 20.00 (instalment 2).
    assert_eq!(q.principal(), m("2000.00 EUR"));
    assert_eq!(q.interest(), m("20.00 EUR"));
    // Accrued: 1,000.00 × 12 % × 1/12 × 14 days / 31 days (28 Feb → 31 Mar) = 4.516… → 4.52.
    assert_eq!(q.accrued().days(), 14);
    assert_eq!(q.accrued().period_days(), 31);
    assert_eq!(q.accrued().balance(), m("1000.00 EUR"));
    assert_eq!(q.accrued_interest(), m("4.52 EUR"));
    // Penalties: 1,020.00 × 10 % × 14 / 365 = 3.912… → 3.91, none of it paid yet.
    assert_eq!(q.penalties(), m("3.91 EUR"));
    assert!(q.penalties_paid().is_zero());
    // Owed: 2,000 + 20 + 4.52 + 3.91 = 2,028.43; discount 5 % of 2,000 = 100.00; payoff 1,928.43.
    assert_eq!(q.owed(), m("2028.43 EUR"));
    assert_eq!(q.discount(), m("100.00 EUR"));
    assert_eq!(q.payoff(), m("1928.43 EUR"));
}

#[test]
fn regularity_bonus_reduces_the_last_instalment() {
    let plan = loan();
    let bonus = RegularityBonus::new(RegularityReward::ReduceLast(Reduction::Percent(
        "50%".parse().unwrap(),
    )))
    .unwrap()
    .with_tolerance_days(2);
    let on_time = [
        Payment::new("P-1", d(2027, 1, 31), m("1030.00 EUR")).unwrap(),
        Payment::new("P-2", d(2027, 3, 2), m("1020.00 EUR")).unwrap(),
    ];
    let on = |payments: &[Payment], date| {
        Statement::new(&plan, payments, &StatementOptions::default(), date).unwrap()
    };
    // Last instalment 1,010.00 × 50 % = 505.00.
    assert_eq!(
        bonus.evaluate(&on(&on_time, d(2027, 3, 5))).unwrap(),
        RegularityOutcome::Earned {
            amount: m("505.00 EUR")
        }
    );
    assert_eq!(
        bonus.evaluate(&on(&on_time[..1], d(2027, 3, 1))).unwrap(),
        RegularityOutcome::Pending {
            on_time: 1,
            to_come: 1
        }
    );
    assert_eq!(
        bonus.evaluate(&on(&on_time[..1], d(2027, 3, 5))).unwrap(),
        RegularityOutcome::Forfeited {
            instalment: 2,
            days_late: 5
        }
    );
}

#[test]
fn a_conditional_waiver_falls_due_again_when_the_plan_lapses() {
    let waiver = ConditionalWaiver::new(Waived::Penalties).unwrap();
    let penalties = m("84.20 EUR");
    let principal = m("3000.00 EUR");
    let granted = waiver.on_completion(d(2027, 3, 31)).unwrap();
    assert_eq!(granted.status(), WaiverStatus::Granted);
    assert!(granted
        .due_again(principal, penalties, Rounding::HalfUp)
        .unwrap()
        .is_zero());
    let lapsed = waiver.on_lapse(d(2027, 2, 15)).unwrap();
    assert_eq!(
        lapsed
            .due_again(principal, penalties, Rounding::HalfUp)
            .unwrap(),
        penalties
    );
    assert!(matches!(
        lapsed.on_completion(d(2027, 3, 31)),
        Err(Error::WaiverDecided { .. })
    ));
}

// Properties.

fn eur(cents: i64) -> Money {
    Money::from_minor(cents, Currency::EUR).unwrap()
}

/// A percentage below 100 % with up to 2 decimals.
pub(crate) fn discount_percent() -> impl Strategy<Value = Percent> {
    (0_i64..10_000).prop_map(|hundredths| Percent::new(Decimal::new(hundredths, 2)).unwrap())
}

/// An invoice and payments on it: each payment a share of what the payments still may pay, made
/// `offset` days after issue (the window is 10 days).
pub(crate) fn invoice_and_payments(
) -> impl Strategy<Value = (TaxedAmount, Percent, Vec<(u64, u32)>)> {
    (
        1_i64..100_000_000,
        0_i64..30_000_000,
        discount_percent(),
        prop::collection::vec((0_u64..30, 1_u32..=100), 0..6),
    )
        .prop_map(|(base, vat, p, shares)| {
            (TaxedAmount::new(eur(base), eur(vat)).unwrap(), p, shares)
        })
}

/// Payments from `(days after issue, share in percent of what is left to pay)`, never overpaying:
/// inside the window a share of the net left, after it a share of the gross left.
pub(crate) fn payments_for(
    terms: &EarlyPaymentDiscount,
    invoice: TaxedAmount,
    issued: NaiveDate,
    shares: &[(u64, u32)],
) -> Vec<PartialPayment> {
    let mut sorted = shares.to_vec();
    sorted.sort_by_key(|(day, _)| *day);
    let mut payments = Vec::new();
    for (day, share) in sorted {
        let date = issued + Days::new(day);
        let so_far = terms.apply(invoice, issued, &payments).unwrap();
        let left = if day <= 10 {
            let paid_in_window = Money::sum(
                Currency::EUR,
                so_far
                    .lines()
                    .iter()
                    .filter(|l| l.timing() == PaymentTiming::WithinWindow)
                    .map(|l| l.payment().amount()),
            )
            .unwrap();
            let net = invoice
                .total()
                .checked_sub(terms.discount_on(invoice).unwrap().total())
                .unwrap();
            net.checked_sub(paid_in_window).unwrap()
        } else {
            so_far.remaining()
        };
        let amount = Money::round(
            left.amount() * Decimal::from(share) / Decimal::ONE_HUNDRED,
            Currency::EUR,
            Rounding::Up,
        )
        .unwrap();
        if amount.is_positive() {
            payments.push(PartialPayment::new(date, amount).unwrap());
        }
    }
    payments
}

proptest! {
    #![proptest_config(crate::cases(256))]

    /// Invariant 8: the discount earned is never negative and never more than the discount on a
    /// payment in full, which is never more than the invoice; the base and VAT parts never exceed
    /// the invoice's base and VAT, and each line earns no more than it settles.
    #[test]
    fn discount_never_exceeds_base((invoice, percent, shares) in invoice_and_payments()) {
        let issued = d(2027, 3, 1);
        let terms = EarlyPaymentDiscount::new(Reduction::Percent(percent), DiscountWindow::WithinDays(10)).unwrap();
        let payments = payments_for(&terms, invoice, issued, &shares);
        let o = terms.apply(invoice, issued, &payments).unwrap();
        let full = o.max_discount();
        prop_assert!(full.total() <= invoice.total());
        prop_assert!(full.base() <= invoice.base() && full.vat() <= invoice.vat());
        prop_assert!(!o.discount().total().is_negative());
        prop_assert!(o.discount().total() <= full.total());
        prop_assert!(o.discount().base() <= full.base() && o.discount().vat() <= full.vat());
        for line in o.lines() {
            prop_assert!(!line.discount().base().is_negative());
            prop_assert!(!line.discount().vat().is_negative());
            prop_assert!(line.discount().total() <= line.settled());
        }
        // paid + discount = settled; settled + remaining = invoice.
        prop_assert_eq!(o.paid().checked_add(o.discount().total()).unwrap(), o.settled());
        prop_assert_eq!(o.settled().checked_add(o.remaining()).unwrap(), invoice.total());
        // Paying what is left of the net inside the window settles the rest with the whole discount.
        if let Some(left) = o.net_due_in_window() {
            prop_assert!(!left.is_negative());
            if left.is_positive() {
                let mut all = payments.clone();
                all.push(PartialPayment::new(issued + Days::new(10), left).unwrap());
                let done = terms.apply(invoice, issued, &all).unwrap();
                prop_assert!(done.remaining().is_zero());
                prop_assert_eq!(done.discount(), full);
            }
        }
    }

    /// The same money never earns twice: the outcome depends on the set of payments, not on the
    /// order they are listed in or how the ones inside the window are split; and recording the
    /// whole net again cannot earn anything more (it overpays).
    #[test]
    fn discount_never_applied_twice(
        (invoice, percent, _) in invoice_and_payments(),
        parts in 1_usize..6,
    ) {
        let issued = d(2027, 3, 1);
        let terms = EarlyPaymentDiscount::new(Reduction::Percent(percent), DiscountWindow::WithinDays(10)).unwrap();
        let full = terms.discount_on(invoice).unwrap();
        let net = invoice.total().checked_sub(full.total()).unwrap();
        prop_assume!(net.is_positive());
        // The net paid in `parts` payments inside the window earns exactly the full discount.
        let minor = net.to_minor().unwrap();
        let n = i64::try_from(parts).unwrap();
        let mut payments = Vec::new();
        for k in 0..n {
            let cents = minor / n + i64::from(k < minor % n);
            if cents > 0 {
                payments.push(PartialPayment::new(issued + Days::new(u64::try_from(k).unwrap()), eur(cents)).unwrap());
            }
        }
        let o = terms.apply(invoice, issued, &payments).unwrap();
        prop_assert_eq!(o.discount(), full);
        let sum_of_lines = Money::sum(Currency::EUR, o.lines().iter().map(|l| l.discount().total())).unwrap();
        prop_assert_eq!(sum_of_lines, full.total());
        // Listed backwards: same outcome.
        let mut reversed = payments.clone();
        reversed.reverse();
        prop_assert_eq!(terms.apply(invoice, issued, &reversed).unwrap(), o.clone());
        // The same payments recorded twice overpay instead of earning a second discount.
        let doubled: Vec<PartialPayment> = payments.iter().chain(payments.iter()).copied().collect();
        let twice = terms.apply(invoice, issued, &doubled);
        prop_assert!(matches!(twice, Err(Error::Overpaid { .. })), "{:?}", twice);
    }


    /// The first instalment paid in full later than the tolerance decides: the bonus is forfeited
    /// there, with the days from its due date to its payment.
    #[test]
    fn regularity_bonus_is_lost_at_the_first_late_instalment(
        count in 2_u32..12,
        delays in prop::collection::vec(0_u32..10, 12),
        tolerance in 0_u32..5,
    ) {
        let plan = PlanRequest::new(debt("1200.00 EUR"), d(2027, 1, 31), Frequency::MONTHLY, Sizing::Count(count))
            .generate()
            .unwrap();
        let payments: Vec<Payment> = plan
            .instalments()
            .iter()
            .zip(&delays)
            .map(|(i, late)| {
                let date = i.due_date() + Days::new(u64::from(*late));
                Payment::new(format!("P-{}", i.number()), date, i.amount()).unwrap()
            })
            .collect();
        // Each payment pays its own instalment: those before it were paid before it.
        let statement = Statement::new(&plan, &payments, &StatementOptions::default(), d(2030, 1, 1)).unwrap();
        let bonus = RegularityBonus::new(RegularityReward::ReduceLast(Reduction::Percent("10%".parse().unwrap())))
            .unwrap()
            .with_tolerance_days(tolerance);
        let before_last = usize::try_from(count - 1).unwrap();
        let first_late = delays[..before_last].iter().position(|late| *late > tolerance);
        let outcome = bonus.evaluate(&statement).unwrap();
        match first_late {
            Some(index) => prop_assert_eq!(outcome, RegularityOutcome::Forfeited {
                instalment: u32::try_from(index + 1).unwrap(),
                days_late: delays[index],
            }),
            None => prop_assert!(matches!(outcome, RegularityOutcome::Earned { .. }), "{:?}", outcome),
        }
    }

}

// Compile-time facts about the public discount types (see `meta` for the schedule types).

const fn everywhere<
    T: Send + Sync + Unpin + Clone + core::fmt::Debug + PartialEq + Eq + 'static,
>() {
}
const fn copy_hash<T: Copy + core::hash::Hash>() {}
#[cfg(feature = "serde")]
const fn serde<T: serde::Serialize + serde::de::DeserializeOwned>() {}

const _: () = {
    everywhere::<Reduction>();
    everywhere::<TaxedAmount>();
    everywhere::<DiscountWindow>();
    everywhere::<EarlyPaymentDiscount>();
    everywhere::<PaymentTiming>();
    everywhere::<echeancier::EarlyPaymentLine>();
    everywhere::<echeancier::EarlyPaymentOutcome>();
    everywhere::<echeancier::ImpliedCost>();
    everywhere::<SettlementBase>();
    everywhere::<SettlementOffer>();
    everywhere::<echeancier::AccruedInterest>();
    everywhere::<echeancier::SettlementQuote>();
    everywhere::<RegularityReward>();
    everywhere::<RegularityBonus>();
    everywhere::<RegularityOutcome>();
    everywhere::<Waived>();
    everywhere::<echeancier::WaiverCondition>();
    everywhere::<WaiverStatus>();
    everywhere::<ConditionalWaiver>();

    copy_hash::<Reduction>();
    copy_hash::<TaxedAmount>();
    copy_hash::<DiscountWindow>();
    copy_hash::<EarlyPaymentDiscount>();
    copy_hash::<SettlementOffer>();
    copy_hash::<RegularityBonus>();
    copy_hash::<RegularityOutcome>();
    copy_hash::<ConditionalWaiver>();
    copy_hash::<WaiverStatus>();
};

/// Terms and outcomes are read from and written to JSON.
#[cfg(feature = "serde")]
const _: () = {
    serde::<Reduction>();
    serde::<TaxedAmount>();
    serde::<DiscountWindow>();
    serde::<EarlyPaymentDiscount>();
    serde::<SettlementBase>();
    serde::<SettlementOffer>();
    serde::<RegularityReward>();
    serde::<RegularityBonus>();
    serde::<Waived>();
    serde::<WaiverStatus>();
    serde::<ConditionalWaiver>();
    serde::<echeancier::EarlyPaymentOutcome>();
    serde::<echeancier::SettlementQuote>();
    serde::<RegularityOutcome>();
};

#[cfg(feature = "serde")]
#[test]
fn terms_round_trip_through_json() {
    let terms = two_ten_net_30();
    let json = serde_json::to_string(&terms).unwrap();
    assert_eq!(
        json,
        r#"{"reduction":{"percent":"2%"},"window":{"within_days":10},"net_days":30,"rounding":"half_up"}"#
    );
    assert_eq!(
        serde_json::from_str::<EarlyPaymentDiscount>(&json).unwrap(),
        terms
    );
    // A net term no longer than the window is refused, as by the constructor.
    let bad = r#"{"reduction":{"percent":"2%"},"window":{"within_days":10},"net_days":5}"#;
    assert!(serde_json::from_str::<EarlyPaymentDiscount>(bad).is_err());
    let offer = SettlementOffer::new(d(2027, 4, 15), Reduction::amount(m("250.00 EUR")).unwrap())
        .unwrap()
        .applies_to(SettlementBase::Principal);
    let json = serde_json::to_string(&offer).unwrap();
    assert_eq!(
        serde_json::from_str::<SettlementOffer>(&json).unwrap(),
        offer
    );
    let bonus = RegularityBonus::new(RegularityReward::WaivePenalties)
        .unwrap()
        .with_tolerance_days(5);
    let json = serde_json::to_string(&bonus).unwrap();
    assert_eq!(
        serde_json::from_str::<RegularityBonus>(&json).unwrap(),
        bonus
    );
    let vat = r#"{"base":{"amount":"100.00","currency":"EUR"},"vat":{"amount":"-1.00","currency":"EUR"}}"#;
    assert!(serde_json::from_str::<TaxedAmount>(vat).is_err());
}

/// What a settlement on `s.as_of()` owes, computed from the statement's lines rather than by the
/// quote: every instalment due by then owes what is unpaid of it; one due later owes its principal
/// and fees less everything paid on it (interest paid ahead is not earned); plus the interest
/// accrued since the last due date (`accrued`, from the quote), the penalties outstanding, less the
/// credit held.
fn settlement_owed_from_lines(s: &Statement, accrued: Money) -> Money {
    let mut owed = accrued
        .checked_add(s.penalties_outstanding())
        .unwrap()
        .checked_sub(s.credit())
        .unwrap();
    for line in s.instalments() {
        let part = if line.due_date() <= s.as_of() {
            line.unpaid()
        } else {
            line.owed(echeancier::Component::Principal)
                .checked_add(line.owed(echeancier::Component::Fees))
                .unwrap()
                .checked_sub(line.paid())
                .unwrap()
        };
        owed = owed.checked_add(part).unwrap();
    }
    owed
}

/// `percent` of `base` in the straightforward `Decimal` formula, rounded half away from zero to
/// the cent (the offers' default rounding).
fn percent_of(base: Money, percent: Percent) -> Money {
    let cut = (base.amount() * percent.percent() / Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    Money::new(cut, base.currency()).unwrap()
}

/// A settlement quote owes what the statement's lines say (computed apart, see
/// [`settlement_owed_from_lines`]); its base is that, the principal outstanding or the penalties
/// outstanding (each read from the lines, capped at what is owed); its discount is the percentage
/// of the base in the straightforward `Decimal` formula, or the amount capped at the base; payoff +
/// discount = owed; a discount of all that is owed or more is refused naming both figures; where
/// the lines say less than nothing (interest paid ahead beyond all that is left), nothing is owed
/// and the difference is refunded.
///
/// Exercised: a quote on a plan partly paid, with a discount above zero (counted, with a floor);
/// a quote with a refund (counted, with a floor); the refusals are counted apart.
#[test]
fn a_quote_owes_what_the_lines_say_less_its_discount() {
    let strategy = (
        (10_000_i64..10_000_000, 1_u32..24, 0_i64..2_000),
        prop::collection::vec(0_u32..=100, 24),
        0_u64..800,
        (0_u8..3, discount_percent(), 0_i64..5_000_000),
        0_u8..3,
        (0_u8..4, 0_i64..=100),
    );
    let (refused, refunded) = (std::cell::Cell::new(0_u32), std::cell::Cell::new(0_u32));
    let (tried, hit) = crate::exercised(
        crate::cases(256),
        strategy,
        |(plan_terms, paid_shares, pay_by_offset, pick, base_pick, ahead)| {
            let (principal_cents, count, rate_bp) = plan_terms;
            let (reduction_pick, percent, amount_cents) = pick;
            let first_due = d(2027, 1, 31);
            let plan = PlanRequest::new(
                Debt::single(echeancier::Claim::new("L-1", eur(principal_cents)).unwrap()),
                first_due,
                Frequency::MONTHLY,
                Sizing::Count(count),
            )
            .interest(Interest::Annuity(
                echeancier::AnnualRate::from_percent(Decimal::new(rate_bp, 2)).unwrap(),
            ))
            .generate()
            .unwrap();
            let pay_by = first_due - Days::new(40) + Days::new(pay_by_offset);
            // Each instalment partly paid on its due date; a quote knows those made by its pay-by date.
            let mut payments: Vec<Payment> = plan
                .instalments()
                .iter()
                .zip(&paid_shares)
                .filter(|(i, _)| i.due_date() <= pay_by)
                .filter_map(|(i, share)| {
                    let cents = i.amount().to_minor().unwrap() * i64::from(*share) / 100;
                    (cents > 0).then(|| {
                        Payment::new(format!("P-{}", i.number()), i.due_date(), eur(cents)).unwrap()
                    })
                })
                .collect();
            // Half the time, a share of the rest of the plan (or all of it) paid on the pay-by
            // date, once the plan has begun (a period before its first due date): interest paid
            // ahead, which may be more than all that is left.
            let (ahead_pick, ahead_share) = ahead;
            let paid_cents: i64 = payments
                .iter()
                .map(|p| p.amount().to_minor().unwrap())
                .sum();
            let rest = plan.totals().amount().to_minor().unwrap() - paid_cents;
            let ahead_cents = match ahead_pick {
                0 | 1 => 0,
                2 => rest * ahead_share / 100,
                _ => rest,
            };
            if ahead_cents > 0 && pay_by >= d(2026, 12, 31) {
                payments.push(Payment::new("AHEAD", pay_by, eur(ahead_cents)).unwrap());
            }
            let reduction = match reduction_pick {
                0 => Reduction::Percent(percent),
                1 => Reduction::amount(eur(amount_cents)).unwrap(),
                _ => Reduction::Percent(Percent::HUNDRED),
            };
            let base = match base_pick {
                0 => SettlementBase::Total,
                1 => SettlementBase::Principal,
                _ => SettlementBase::Penalties,
            };
            let policy = PenaltyPolicy::new(PenaltyRate::fixed("8%".parse().unwrap()));
            let options = StatementOptions::default().with_penalties(policy);
            let statement = Statement::new(&plan, &payments, &options, pay_by).unwrap();
            let offer = SettlementOffer::new(pay_by, reduction)
                .unwrap()
                .applies_to(base);
            let without = SettlementOffer::new(pay_by, Reduction::Percent(Percent::ZERO))
                .unwrap()
                .quote(&statement)
                .unwrap();
            // What the lines say is owed; below zero, nothing is owed and that much is refunded.
            let balance = settlement_owed_from_lines(&statement, without.accrued_interest());
            let (owed, refund) = if balance.is_negative() {
                (eur(0), eur(-balance.to_minor().unwrap()))
            } else {
                (balance, eur(0))
            };
            prop_assert_eq!(without.owed(), owed);
            prop_assert_eq!(without.refund(), refund);
            if refund.is_positive() {
                refunded.set(refunded.get() + 1);
            }
            let principal = Money::sum(
                eur(0).currency(),
                statement
                    .instalments()
                    .iter()
                    .map(|l| l.outstanding(echeancier::Component::Principal)),
            )
            .unwrap();
            let on = match base {
                SettlementBase::Total => owed,
                SettlementBase::Principal => principal.checked_min(owed).unwrap(),
                _ => statement.penalties_outstanding().checked_min(owed).unwrap(),
            };
            let discount = match reduction {
                Reduction::Percent(p) => percent_of(on, p),
                Reduction::Amount(a) => a.checked_min(on).unwrap(),
                _ => unreachable!("the reductions made above"),
            };
            match offer.quote(&statement) {
                Ok(q) => {
                    prop_assert!(discount < owed || owed.is_zero());
                    prop_assert_eq!(q.owed(), owed);
                    prop_assert_eq!(q.base(), on);
                    prop_assert_eq!(q.discount(), discount);
                    prop_assert_eq!(q.payoff(), owed.checked_sub(discount).unwrap());
                    prop_assert_eq!(q.refund(), refund);
                    Ok(discount.is_positive() && !payments.is_empty())
                }
                Err(Error::DiscountTooLarge {
                    discount: refused_discount,
                    total,
                }) => {
                    prop_assert!(discount >= owed && owed.is_positive());
                    prop_assert_eq!((refused_discount, total), (discount, owed));
                    refused.set(refused.get() + 1);
                    Ok(false)
                }
                Err(other) => Err(TestCaseError::fail(format!("unexpected error {other}"))),
            }
        },
    );
    let (refused, refunded) = (refused.get(), refunded.get());
    eprintln!(
        "a_quote_owes_what_the_lines_say_less_its_discount: {hit} of {tried} cases quoted a \
         discount on a plan partly paid, {refused} refused a discount of all that is owed, \
         {refunded} refunded credit beyond all that is owed"
    );
    assert!(crate::meets_floor(hit, tried, 4), "{hit} of {tried}");
    assert!(
        // About one case in 14: 18 expected at 256 cases.
        crate::meets_floor(refunded, tried, 200),
        "{refunded} of {tried}"
    );
    assert!(refused > 0 || tried < 50, "{refused} of {tried}");
}

/// The regularity reduction is the reward computed apart: a percentage of the last instalment in
/// the straightforward `Decimal` formula, or the amount, in both cases capped at the last
/// instalment; only a plan paid on time earns it. Exercised: the cases where the cap bites
/// (counted, with a floor) and those where it does not.
#[test]
fn regularity_reduction_is_the_reward_capped_at_the_last_instalment() {
    let strategy = (
        100_i64..10_000_000,
        1_u32..12,
        0_i64..20_000_000,
        discount_percent(),
        any::<bool>(),
    );
    let (tried, capped) = crate::exercised(
        crate::cases(256),
        strategy,
        |(principal_cents, count, amount_cents, percent, pick)| {
            let plan = PlanRequest::new(
                Debt::single(echeancier::Claim::new("F-1", eur(principal_cents)).unwrap()),
                d(2027, 1, 31),
                Frequency::MONTHLY,
                Sizing::Count(count),
            )
            .generate()
            .unwrap();
            let payments: Vec<Payment> = plan
                .instalments()
                .iter()
                .map(|i| {
                    Payment::new(format!("P-{}", i.number()), i.due_date(), i.amount()).unwrap()
                })
                .collect();
            let statement = Statement::new(
                &plan,
                &payments,
                &StatementOptions::default(),
                d(2030, 1, 1),
            )
            .unwrap();
            let last = plan.instalments().last().unwrap().amount();
            let (reduction, uncapped_reward) = if pick {
                (Reduction::Percent(percent), percent_of(last, percent))
            } else {
                (
                    Reduction::amount(eur(amount_cents)).unwrap(),
                    eur(amount_cents),
                )
            };
            let expected = uncapped_reward.checked_min(last).unwrap();
            let bonus = RegularityBonus::new(RegularityReward::ReduceLast(reduction)).unwrap();
            prop_assert_eq!(
                bonus.evaluate(&statement).unwrap(),
                RegularityOutcome::Earned { amount: expected }
            );
            Ok(uncapped_reward > last)
        },
    );
    let uncapped = tried - capped;
    eprintln!(
        "regularity_reduction_is_the_reward_capped_at_the_last_instalment: {capped} cases capped, \
         {uncapped} not"
    );
    assert!(capped * 20 >= capped + uncapped && uncapped * 20 >= capped + uncapped);
}
