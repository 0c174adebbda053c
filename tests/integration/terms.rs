//! Invoice payment terms: the issue's figures by hand, and invariant 12 (the lines add up to the
//! invoice exactly; no due date before the invoice date) with the legal checks and the discounts
//! of the terms under proptest, each checked against a computation of its own (integer minor
//! units, a day-by-day walk of the calendar) and counting the cases it really exercised.

use chrono::{Datelike, Days, NaiveDate};
use echeancier::{
    settle_invoices, CashRounding, Currency, DiscountBasis, DiscountWindow, DueRule,
    EarlyPaymentDiscount, Invoice, LineAmount, Money, OpenInvoice, PartialPayment, PaymentLimit,
    PaymentTerms, PenaltyPolicy, PenaltyRate, RateFloorCheck, Reduction, Rounding, TaxedAmount,
    TermsLine, TieredDiscount,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_decimal::Decimal;

use crate::{cases, d, m};

// ---------------------------------------------------------------------------------------------
// By hand.

#[test]
fn thirty_percent_on_order_the_balance_at_45_days_end_of_month() {
    let terms = PaymentTerms::new([
        TermsLine::new(
            LineAmount::Percent("30%".parse().unwrap()),
            DueRule::DaysAfterInvoice(0),
        )
        .unwrap(),
        TermsLine::new(LineAmount::Balance, DueRule::EndOfMonthAfterDays(45)).unwrap(),
    ])
    .unwrap();
    let invoice = Invoice::new(
        "F-2027-015",
        d(2027, 1, 15),
        TaxedAmount::new(m("10000.00 EUR"), m("2000.00 EUR")).unwrap(),
    )
    .unwrap();
    let plan = terms.apply(&invoice).unwrap();
    let lines = plan.lines();
    assert_eq!(lines[0].due_date(), d(2027, 1, 15));
    assert_eq!(
        lines[0].amount().to_string(),
        "3600.00 EUR (3000.00 EUR + 600.00 EUR VAT)"
    );
    assert_eq!(lines[1].due_date(), d(2027, 3, 31));
    assert_eq!(
        lines[1].amount().to_string(),
        "8400.00 EUR (7000.00 EUR + 1400.00 EUR VAT)"
    );
    let claims = plan.claims().unwrap();
    assert_eq!(claims[1].reference(), "F-2027-015/2");
    assert_eq!(claims[1].issue_date(), Some(d(2027, 1, 15)));
    // The second reading of "45 days end of month" falls on 17 March.
    assert_eq!(
        DueRule::DaysAfterEndOfMonth(45)
            .due_date(d(2027, 1, 15))
            .unwrap(),
        d(2027, 3, 17)
    );
}

/// ERPNext's documented example of a Payment Terms Template: 50 % due on the invoice date and
/// 50 % 30 days later. Odoo's demo term "30% Now, Balance 60 Days" is the second case.
#[test]
fn erp_examples() {
    let half = |days| {
        TermsLine::new(
            LineAmount::Percent("50%".parse().unwrap()),
            DueRule::DaysAfterInvoice(days),
        )
        .unwrap()
    };
    let terms = PaymentTerms::new([half(0), half(30)]).unwrap();
    let invoice = Invoice::new(
        "SINV-1",
        d(2027, 5, 10),
        TaxedAmount::untaxed(m("1000.01 EUR")).unwrap(),
    )
    .unwrap();
    let plan = terms.apply(&invoice).unwrap();
    let got: Vec<String> = plan
        .lines()
        .iter()
        .map(|l| format!("{} {}", l.due_date(), l.amount().total()))
        .collect();
    // 500.005 rounds half-up to 500.01 on the first line; the last line takes the residue.
    assert_eq!(got, ["2027-05-10 500.01 EUR", "2027-06-09 500.00 EUR"]);

    let odoo = PaymentTerms::new([
        TermsLine::new(
            LineAmount::Percent("30%".parse().unwrap()),
            DueRule::DaysAfterInvoice(0),
        )
        .unwrap(),
        TermsLine::new(LineAmount::Balance, DueRule::DaysAfterInvoice(60)).unwrap(),
    ])
    .unwrap();
    let plan = odoo.apply(&invoice).unwrap();
    assert_eq!(plan.lines()[0].amount().total(), m("300.00 EUR"));
    assert_eq!(plan.lines()[1].amount().total(), m("700.01 EUR"));
    assert_eq!(plan.lines()[1].due_date(), d(2027, 7, 9));
}

#[test]
fn legal_checks_name_their_source() {
    let invoice = Invoice::new(
        "F-9",
        d(2027, 1, 15),
        TaxedAmount::untaxed(m("900.00 EUR")).unwrap(),
    )
    .unwrap();
    let plan = PaymentTerms::net(DueRule::EndOfMonthAfterDays(45))
        .unwrap()
        .apply(&invoice)
        .unwrap();
    // 31 March is past 60 days (16 March) but within 45 days end of month in its first reading,
    // not in its second (17 March).
    assert!(plan.check(PaymentLimit::FranceL441_10).unwrap().exceeds());
    let first = PaymentLimit::FranceL441_10EndOfMonth(DueRule::EndOfMonthAfterDays(45));
    assert!(!plan.check(first).unwrap().exceeds());
    let second = PaymentLimit::FranceL441_10EndOfMonth(DueRule::DaysAfterEndOfMonth(45));
    let check = plan.check(second).unwrap();
    assert_eq!(check.findings()[0].days_over(), 14);
    assert!(check.source().contains("L441-10"));
    assert!(check.explain(echeancier::Language::French).starts_with(
        "l'échéance 1 du 31 mars 2027 dépasse de 14\u{a0}jours la limite du 17 mars 2027\u{a0}:"
    ));
    assert!(PaymentLimit::EuBusinesses.source().contains("2011/7/EU"));
    assert!(
        PaymentLimit::FranceL441_10EndOfMonth(DueRule::DaysAfterInvoice(60))
            .rule()
            .is_err()
    );
}

#[test]
fn the_french_rate_floor() {
    // 2025 S2: legal rate (other cases) 2.76 %, floor 8.28 %.
    let on = d(2025, 9, 1);
    let check = RateFloorCheck::france(
        &PenaltyPolicy::new(PenaltyRate::fixed("8.28%".parse().unwrap())),
        on,
    )
    .unwrap();
    assert_eq!(check.legal_rate(), Decimal::new(276, 2));
    assert_eq!(check.floor(), Decimal::new(828, 2));
    assert!(!check.below());
    let below = RateFloorCheck::france(
        &PenaltyPolicy::new(PenaltyRate::fixed("8.27%".parse().unwrap())),
        on,
    )
    .unwrap();
    assert!(below.below());
    assert!(below
        .explain(echeancier::Language::French)
        .contains("8,28\u{a0}%"));
    // The legal rate is not known before 2015.
    assert!(RateFloorCheck::france(&PenaltyPolicy::france_b2b().unwrap(), d(2010, 1, 1)).is_err());
}

// ---------------------------------------------------------------------------------------------
// Properties.

/// Runs `property` over `count` random cases of `strategy` and returns how many were tried and how
/// many exercised what the property checks (it says so by returning `true`).
fn exercised<S: Strategy>(
    count: u32,
    strategy: S,
    property: impl Fn(S::Value) -> Result<bool, TestCaseError>,
) -> (u32, u32) {
    let mut config = cases(count);
    // Replays the seeds of past failures kept beside this file.
    config.source_file = Some(file!());
    crate::exercised(config, strategy, property)
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (2000_i32..2100, 1_u32..=12, 1_u32..=31).prop_map(|(y, mo, day)| {
        (0..4)
            .find_map(|back| NaiveDate::from_ymd_opt(y, mo, day - back.min(day - 1)))
            .unwrap()
    })
}

fn rule() -> impl Strategy<Value = DueRule> {
    prop_oneof![
        (0_u32..400).prop_map(DueRule::DaysAfterInvoice),
        (0_u32..400).prop_map(DueRule::EndOfMonthAfterDays),
        (0_u32..400).prop_map(DueRule::DaysAfterEndOfMonth),
        (1_u32..30, 1_u32..=31).prop_map(|(months, day)| DueRule::DayOfMonth { months, day }),
        (0_u32..30).prop_map(DueRule::MonthsAfterEndOfMonth),
    ]
}

/// A line's kind for the generator: a percentage in hundredths of a percent, a fixed amount in
/// cents, or the balance.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Percent(u32),
    Fixed(i64),
    Balance,
}

#[derive(Debug, Clone)]
struct Case {
    invoice_date: NaiveDate,
    base: i64,
    vat: i64,
    lines: Vec<(Kind, DueRule)>,
    cash: Option<i64>,
}

fn case() -> impl Strategy<Value = Case> {
    let kind = prop_oneof![
        4 => (1_u32..=4000).prop_map(Kind::Percent),
        2 => (1_i64..500_000).prop_map(Kind::Fixed),
        1 => Just(Kind::Balance),
    ];
    (
        date(),
        0_i64..10_000_000,
        0_i64..2_000_000,
        prop::collection::vec((kind, rule()), 1..6),
        prop::option::of(prop_oneof![Just(5_i64), Just(10), Just(100)]),
    )
        .prop_map(|(invoice_date, base, vat, mut lines, cash)| {
            // Without a balance line, make the percentages add up to 100 %: the last line takes
            // what the others leave (and fixed lines become percentages).
            if !lines.iter().any(|(k, _)| matches!(k, Kind::Balance)) {
                let n = lines.len();
                let mut left = 10_000_u32;
                for (i, (k, _)) in lines.iter_mut().enumerate() {
                    if i + 1 == n {
                        *k = Kind::Percent(left);
                        break;
                    }
                    let want = match *k {
                        Kind::Percent(p) => p,
                        _ => left / 3,
                    };
                    let share = want.min(left - (n - 1 - i) as u32).max(1);
                    *k = Kind::Percent(share);
                    left -= share;
                }
            }
            Case {
                invoice_date,
                base: base + 1,
                vat,
                lines,
                cash,
            }
        })
}

fn cents(minor: i64) -> Money {
    Money::from_minor(minor, Currency::EUR).unwrap()
}

fn build(case: &Case) -> Option<(PaymentTerms, Invoice)> {
    let lines: Option<Vec<TermsLine>> = case
        .lines
        .iter()
        .map(|(kind, due)| {
            let amount = match *kind {
                Kind::Percent(p) => LineAmount::Percent(
                    echeancier::Percent::new(Decimal::new(i64::from(p), 2)).ok()?,
                ),
                Kind::Fixed(c) => LineAmount::Fixed(cents(c)),
                Kind::Balance => LineAmount::Balance,
            };
            TermsLine::new(amount, *due).ok()
        })
        .collect();
    let mut terms = PaymentTerms::new(lines?).ok()?;
    if let Some(step) = case.cash {
        terms = terms.with_cash_rounding(CashRounding::new(cents(step), Rounding::HalfUp).unwrap());
    }
    let invoice = Invoice::new(
        "F-P",
        case.invoice_date,
        TaxedAmount::new(cents(case.base), cents(case.vat)).unwrap(),
    )
    .unwrap();
    Some((terms, invoice))
}

/// `numerator / denominator` rounded half away from zero, in integers (both positive).
fn div_half_up(numerator: i128, denominator: i128) -> i128 {
    (2 * numerator + denominator) / (2 * denominator)
}

/// Invariant 12: the lines add up to the invoice exactly, base and VAT each, every part at least
/// zero; each percentage line is its share of the total rounded half-up (then to the cash step),
/// computed here in integer minor units; the line that takes the rest takes exactly the rest.
/// Exercised: terms accepted and applied (fixed lines above the invoice are refused).
#[test]
fn lines_add_up_to_the_invoice() {
    let (tried, hit) = exercised(4_000, case(), |case| {
        let Some((terms, invoice)) = build(&case) else {
            return Ok(false);
        };
        let total = i128::from(case.base + case.vat);
        let absorbing = case
            .lines
            .iter()
            .position(|(k, _)| matches!(k, Kind::Balance))
            .unwrap_or(case.lines.len() - 1);
        let mut expected = Vec::new();
        for (i, (kind, _)) in case.lines.iter().enumerate() {
            let minor = match *kind {
                _ if i == absorbing => 0,
                Kind::Percent(p) => {
                    let raw = div_half_up(total * i128::from(p), 10_000);
                    match case.cash {
                        Some(step) => div_half_up(raw, i128::from(step)) * i128::from(step),
                        None => raw,
                    }
                }
                Kind::Fixed(c) => i128::from(c),
                Kind::Balance => 0,
            };
            expected.push(minor);
        }
        let rest = total - expected.iter().sum::<i128>();
        expected[absorbing] = rest;
        let plan = terms.apply(&invoice);
        if rest < 0 {
            prop_assert!(plan.is_err(), "{case:?} leaves {rest} for the rest");
            return Ok(false);
        }
        let plan = plan.unwrap();
        let to_minor = |m: Money| i128::from(m.to_minor().unwrap());
        let got: Vec<i128> = plan
            .lines()
            .iter()
            .map(|l| to_minor(l.amount().total()))
            .collect();
        prop_assert_eq!(&got, &expected);
        let base: i128 = plan
            .lines()
            .iter()
            .map(|l| to_minor(l.amount().base()))
            .sum();
        let vat: i128 = plan
            .lines()
            .iter()
            .map(|l| to_minor(l.amount().vat()))
            .sum();
        prop_assert_eq!(base, i128::from(case.base));
        prop_assert_eq!(vat, i128::from(case.vat));
        for l in plan.lines() {
            prop_assert!(!l.amount().base().is_negative() && !l.amount().vat().is_negative());
        }
        let claimed: i128 = plan
            .claims()
            .unwrap()
            .iter()
            .map(|c| to_minor(c.amount()))
            .sum();
        prop_assert_eq!(claimed, total);
        Ok(true)
    });
    eprintln!("lines_add_up_to_the_invoice: {hit} of {tried} cases applied terms to an invoice");
    assert!(crate::meets_floor(hit, tried, 2), "{hit} of {tried}");
}

/// The last day of `date`'s month, found by walking one day at a time.
fn walk_to_month_end(mut date: NaiveDate) -> NaiveDate {
    while let Some(next) = date.succ_opt().filter(|n| n.month() == date.month()) {
        date = next;
    }
    date
}

/// Each rule's due date computed again: days by repeated `succ`, months by year and month
/// arithmetic, the end of a month by walking to it.
fn due_by_hand(rule: DueRule, issued: NaiveDate) -> NaiveDate {
    let plus = |mut date: NaiveDate, n: u32| {
        for _ in 0..n {
            date = date.succ_opt().unwrap();
        }
        date
    };
    let month_after = |date: NaiveDate, months: u32| {
        let index = date.year() * 12 + date.month0() as i32 + months as i32;
        NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1).unwrap()
    };
    match rule {
        DueRule::DaysAfterInvoice(n) => plus(issued, n),
        DueRule::EndOfMonthAfterDays(n) => walk_to_month_end(plus(issued, n)),
        DueRule::DaysAfterEndOfMonth(n) => plus(walk_to_month_end(issued), n),
        DueRule::DayOfMonth { months, day } => {
            let first = month_after(issued, months);
            let last = walk_to_month_end(first);
            NaiveDate::from_ymd_opt(first.year(), first.month(), day.min(last.day())).unwrap()
        }
        DueRule::MonthsAfterEndOfMonth(n) => walk_to_month_end(month_after(issued, n)),
        _ => unreachable!("a rule the generator does not make"),
    }
}

/// Invariant 12: no due date before the invoice date, and each rule gives the date computed by
/// hand. Exercised: every case (the end-of-month rules in about three cases out of five).
#[test]
fn due_dates_are_never_before_the_invoice_date() {
    let (tried, hit) = exercised(4_000, (date(), rule()), |(issued, rule)| {
        let due = rule.due_date(issued).unwrap();
        prop_assert!(due >= issued, "{rule} from {issued} gives {due}");
        prop_assert_eq!(due, due_by_hand(rule, issued), "{} from {}", rule, issued);
        Ok(!matches!(rule, DueRule::DaysAfterInvoice(_)))
    });
    eprintln!(
        "due_dates_are_never_before_the_invoice_date: {hit} of {tried} cases used a month rule"
    );
    assert!(crate::meets_floor(hit, tried, 2), "{hit} of {tried}");
}

fn limit() -> impl Strategy<Value = PaymentLimit> {
    prop_oneof![
        Just(PaymentLimit::FranceL441_10),
        Just(PaymentLimit::FranceL441_10EndOfMonth(
            DueRule::EndOfMonthAfterDays(45)
        )),
        Just(PaymentLimit::FranceL441_10EndOfMonth(
            DueRule::DaysAfterEndOfMonth(45)
        )),
        Just(PaymentLimit::EuBusinesses),
        Just(PaymentLimit::EuPublicAuthorities),
    ]
}

/// The last lawful day under `limit`, computed again by hand.
fn limit_by_hand(limit: PaymentLimit, issued: NaiveDate) -> NaiveDate {
    match limit {
        PaymentLimit::FranceL441_10 | PaymentLimit::EuBusinesses => {
            issued.checked_add_days(Days::new(60)).unwrap()
        }
        PaymentLimit::EuPublicAuthorities => issued.checked_add_days(Days::new(30)).unwrap(),
        PaymentLimit::FranceL441_10EndOfMonth(DueRule::EndOfMonthAfterDays(45)) => {
            walk_to_month_end(issued.checked_add_days(Days::new(45)).unwrap())
        }
        PaymentLimit::FranceL441_10EndOfMonth(_) => walk_to_month_end(issued)
            .checked_add_days(Days::new(45))
            .unwrap(),
        _ => unreachable!("a limit the generator does not make"),
    }
}

/// The legal check flags exactly the lines whose due date is after the limit computed by hand,
/// and says by how many days. Exercised: plans with at least one line flagged and one not.
#[test]
fn the_legal_check_flags_exactly_the_lines_past_the_limit() {
    let (tried, hit) = exercised(4_000, (case(), limit()), |(case, limit)| {
        let Some((terms, invoice)) = build(&case) else {
            return Ok(false);
        };
        let Ok(plan) = terms.apply(&invoice) else {
            return Ok(false);
        };
        let check = plan.check(limit).unwrap();
        let last = limit_by_hand(limit, case.invoice_date);
        let expected: Vec<u32> = plan
            .lines()
            .iter()
            .filter(|l| l.due_date() > last)
            .map(|l| l.number())
            .collect();
        let flagged: Vec<u32> = check
            .findings()
            .iter()
            .filter(|f| f.exceeds())
            .map(|f| f.line())
            .collect();
        prop_assert_eq!(&flagged, &expected);
        for (f, l) in check.findings().iter().zip(plan.lines()) {
            let over = (l.due_date() - last).num_days().max(0);
            prop_assert_eq!(i64::from(f.days_over()), over);
        }
        Ok(!flagged.is_empty() && flagged.len() < plan.lines().len())
    });
    eprintln!(
        "the_legal_check_flags_exactly_the_lines_past_the_limit: {hit} of {tried} cases had lines on both sides of the limit"
    );
    assert!(crate::meets_floor(hit, tried, 10), "{hit} of {tried}");
}

/// A line's discount never exceeds the line, nor its maximum; the same payments given twice
/// earn it once (never more than the maximum), and giving the same list again earns the same.
/// The maximum is checked against `round_half_up(line × rate)` in integers. Exercised: cases where
/// a payment inside the window earned something.
#[test]
fn a_line_discount_never_exceeds_its_line_and_is_never_earned_twice() {
    let strategy = (
        case(),
        1_u32..=900,
        1_u32..40,
        prop::collection::vec((0_u64..60, 1_i64..400_000), 1..4),
    );
    let (tried, hit) = exercised(3_000, strategy, |(case, rate, window, payments)| {
        let Some((terms, invoice)) = build(&case) else {
            return Ok(false);
        };
        let percent = echeancier::Percent::new(Decimal::new(i64::from(rate), 2)).unwrap();
        let discount = EarlyPaymentDiscount::new(
            Reduction::Percent(percent),
            DiscountWindow::WithinDays(window),
        )
        .unwrap();
        let lines: Vec<TermsLine> = terms
            .lines()
            .iter()
            .map(|l| l.with_discount(discount))
            .collect();
        let Ok(terms) = PaymentTerms::new(lines) else {
            return Ok(false);
        };
        let terms = match case.cash {
            Some(step) => {
                terms.with_cash_rounding(CashRounding::new(cents(step), Rounding::HalfUp).unwrap())
            }
            None => terms,
        };
        let Ok(plan) = terms.apply(&invoice) else {
            return Ok(false);
        };
        let payments: Vec<PartialPayment> = payments
            .iter()
            .map(|(days, c)| {
                PartialPayment::new(case.invoice_date + Days::new(*days), cents(*c)).unwrap()
            })
            .collect();
        let mut earned_something = false;
        for line in plan.lines() {
            let amount = line.amount().total();
            let Some(max) = line.discount() else {
                prop_assert!(amount.is_zero());
                continue;
            };
            let minor = i128::from(amount.to_minor().unwrap());
            let by_hand = div_half_up(minor * i128::from(rate), 10_000);
            prop_assert_eq!(
                i128::from(max.discount().total().to_minor().unwrap()),
                by_hand
            );
            prop_assert!(max.discount().total() <= amount);
            prop_assert!(max.discount().base() <= line.amount().base());
            prop_assert!(max.discount().vat() <= line.amount().vat());
            if let Ok(Some(outcome)) = plan.line_discount(line.number(), &payments) {
                prop_assert!(outcome.discount().total() <= max.discount().total());
                let again = plan
                    .line_discount(line.number(), &payments)
                    .unwrap()
                    .unwrap();
                prop_assert_eq!(&again, &outcome);
                let doubled: Vec<PartialPayment> =
                    payments.iter().chain(payments.iter()).copied().collect();
                if let Ok(Some(twice)) = plan.line_discount(line.number(), &doubled) {
                    prop_assert!(twice.discount().total() <= max.discount().total());
                }
                earned_something |= outcome.discount().total().is_positive();
            }
        }
        Ok(earned_something)
    });
    eprintln!(
        "a_line_discount_never_exceeds_its_line_and_is_never_earned_twice: {hit} of {tried} cases earned a discount"
    );
    assert!(crate::meets_floor(hit, tried, 20), "{hit} of {tried}");
}

fn basis() -> impl Strategy<Value = DiscountBasis> {
    prop_oneof![
        Just(DiscountBasis::TotalProportional),
        Just(DiscountBasis::TotalVatUnchanged),
        Just(DiscountBasis::UntaxedBase),
        Just(DiscountBasis::VatOnDiscountedBase),
    ]
}

/// Two or three tiers of decreasing rates (in hundredths of a percent) and lengthening windows.
fn tiers() -> impl Strategy<Value = Vec<(u32, u32)>> {
    prop::collection::vec((1_u32..=500, 1_u32..10), 1..4).prop_map(|raw| {
        let mut rate = 1_000_u32;
        let mut days = 0_u32;
        let mut tiers = raw
            .into_iter()
            .map(|(cut, more)| {
                rate = rate.saturating_sub(cut).max(1);
                days += more;
                (rate, days)
            })
            .collect::<Vec<_>>();
        // A rate that reached the floor twice is one tier: rates strictly decrease.
        tiers.dedup_by_key(|(rate, _)| *rate);
        tiers
    })
}

fn tiered(spec: &[(u32, u32)], basis: DiscountBasis) -> Option<TieredDiscount> {
    let tiers: Vec<EarlyPaymentDiscount> = spec
        .iter()
        .map(|(rate, days)| {
            EarlyPaymentDiscount::new(
                Reduction::Percent(
                    echeancier::Percent::new(Decimal::new(i64::from(*rate), 2)).unwrap(),
                ),
                DiscountWindow::WithinDays(*days),
            )
            .unwrap()
            .with_basis(basis)
        })
        .collect();
    TieredDiscount::new(tiers).ok()
}

/// Each discount basis: the full discount is its rate of what the basis names (the total or the
/// untaxed base) rounded half-up, computed here in integers; never more than that amount; its base
/// and VAT parts never more than the invoice's. Under tiers, with random payments: paid + discount
/// = settled, settled + remaining = invoice, the discount never above the best tier's, the same
/// payments given twice never earn more, and one tier earns what a single discount earns (to the
/// minor unit a completing payment may round). Exercised: cases where a discount was earned.
#[test]
fn each_basis_discount_never_exceeds_its_base_and_is_never_earned_twice() {
    let strategy = (
        basis(),
        tiers(),
        1_i64..5_000_000,
        0_i64..1_000_000,
        prop::collection::vec((0_u64..40, 1_i64..=600), 1..4),
    );
    let (tried, hit) = exercised(3_000, strategy, |(basis, spec, base, vat, payments)| {
        let issued = d(2027, 3, 1);
        let invoice = TaxedAmount::new(cents(base), cents(vat)).unwrap();
        let terms = tiered(&spec, basis).unwrap();
        let best = terms.tiers()[0];
        let full = best.discount_on(invoice).unwrap();
        let on = match basis {
            DiscountBasis::TotalProportional | DiscountBasis::TotalVatUnchanged => base + vat,
            _ => base,
        };
        let by_hand = div_half_up(i128::from(on) * i128::from(spec[0].0), 10_000);
        prop_assert_eq!(i128::from(full.total().to_minor().unwrap()), by_hand);
        prop_assert!(full.total() <= cents(on));
        prop_assert!(full.base() <= invoice.base() && full.vat() <= invoice.vat());
        if basis != DiscountBasis::TotalProportional {
            prop_assert!(full.vat().is_zero() || full.base() == invoice.base());
        }
        let payments: Vec<PartialPayment> = payments
            .iter()
            .map(|(days, permille)| {
                let minor = ((base + vat) * permille / 1000).max(1);
                PartialPayment::new(issued + Days::new(*days), cents(minor)).unwrap()
            })
            .collect();
        let Ok(outcome) = terms.apply(invoice, issued, &payments) else {
            return Ok(false);
        };
        let gross = invoice.total();
        prop_assert_eq!(
            outcome
                .paid()
                .checked_add(outcome.discount().total())
                .unwrap(),
            outcome.settled()
        );
        prop_assert_eq!(
            outcome.settled().checked_add(outcome.remaining()).unwrap(),
            gross
        );
        prop_assert!(outcome.discount().total() <= full.total());
        prop_assert!(outcome.discount().base() <= invoice.base());
        prop_assert!(outcome.discount().vat() <= invoice.vat());
        for line in outcome.lines() {
            prop_assert!(!line.discount().total().is_negative());
            prop_assert!(line.tier().is_some() || line.discount().total().is_zero());
        }
        let doubled: Vec<PartialPayment> = payments.iter().chain(&payments).copied().collect();
        if let Ok(twice) = terms.apply(invoice, issued, &doubled) {
            prop_assert!(twice.discount().total() <= full.total());
        }
        if spec.len() == 1 {
            if let Ok(single) = best.apply(invoice, issued, &payments) {
                let diff = single
                    .discount()
                    .total()
                    .checked_sub(outcome.discount().total())
                    .unwrap();
                prop_assert!(
                    diff.to_minor().unwrap().abs() <= 1,
                    "{} vs {}",
                    single.discount(),
                    outcome.discount()
                );
                if outcome.remaining().is_positive() && single.remaining().is_positive() {
                    prop_assert_eq!(single.discount(), outcome.discount());
                }
            }
        }
        Ok(outcome.discount().total().is_positive())
    });
    eprintln!(
        "each_basis_discount_never_exceeds_its_base_and_is_never_earned_twice: {hit} of {tried} cases earned a discount"
    );
    assert!(crate::meets_floor(hit, tried, 5), "{hit} of {tried}");
}

/// One payment over several invoices: the shares and what is left add up to the payment; each
/// invoice earns at most its own best discount, and only on what it took. Exercised: payments
/// that reached two invoices or more.
#[test]
fn one_payment_over_several_invoices_adds_up() {
    let strategy = (
        prop::collection::vec((0_u64..30, 1_i64..500_000, tiers()), 1..5),
        0_u64..50,
        1_i64..2_000_000,
    );
    let (tried, hit) = exercised(2_000, strategy, |(invoices, day, amount)| {
        let open: Vec<OpenInvoice> = invoices
            .iter()
            .enumerate()
            .map(|(i, (issued, minor, spec))| {
                OpenInvoice::new(
                    Invoice::new(
                        format!("F-{i}"),
                        d(2027, 1, 1) + Days::new(*issued),
                        TaxedAmount::untaxed(cents(*minor)).unwrap(),
                    )
                    .unwrap(),
                    tiered(spec, DiscountBasis::TotalProportional).unwrap(),
                )
            })
            .collect();
        let payment = PartialPayment::new(d(2027, 1, 1) + Days::new(day), cents(amount)).unwrap();
        let group = settle_invoices(payment, &open).unwrap();
        let shares: i64 = group
            .settlements()
            .iter()
            .map(|s| s.outcome().paid().to_minor().unwrap())
            .sum();
        prop_assert_eq!(shares + group.unapplied().to_minor().unwrap(), amount);
        let mut reached = 0;
        for (s, o) in group.settlements().iter().zip(&open) {
            let best = o.discount().tiers()[0]
                .discount_on(o.invoice().amount())
                .unwrap();
            prop_assert!(s.outcome().discount().total() <= best.total());
            prop_assert!(s.outcome().settled() <= o.invoice().amount().total());
            if s.outcome().paid().is_zero() {
                prop_assert!(s.outcome().discount().total().is_zero());
            } else {
                reached += 1;
            }
        }
        // Nothing is left unapplied while an invoice still has something to settle.
        if group.unapplied().is_positive() {
            for s in group.settlements() {
                prop_assert!(s.outcome().remaining().is_zero());
            }
        }
        Ok(reached >= 2)
    });
    eprintln!("one_payment_over_several_invoices_adds_up: {hit} of {tried} payments reached two invoices or more");
    assert!(crate::meets_floor(hit, tried, 5), "{hit} of {tried}");
}

/// Golden files under `tests/golden/terms/`: public examples (ERP documentation and modules),
/// each naming its source, with the invoice, the terms in the crate's JSON and the lines expected.
#[cfg(feature = "serde")]
#[test]
fn golden_terms_from_public_examples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/terms");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(
            value["source"].as_str().is_some_and(|s| !s.is_empty()),
            "{}: no source",
            file.display()
        );
        let invoice: Invoice = serde_json::from_value(value["invoice"].clone()).unwrap();
        let terms: PaymentTerms = serde_json::from_value(value["terms"].clone()).unwrap();
        let plan = terms.apply(&invoice).unwrap();
        let got: Vec<(String, String)> = plan
            .lines()
            .iter()
            .map(|l| {
                (
                    l.due_date().to_string(),
                    l.amount().total().amount().to_string(),
                )
            })
            .collect();
        let expected: Vec<(String, String)> = value["expected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["due_date"].as_str().unwrap().to_owned(),
                    e["amount"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(got, expected, "{}", file.display());
        // The plan reads back from its own JSON, and a tampered line is refused.
        let json = serde_json::to_string(&plan).unwrap();
        assert_eq!(
            serde_json::from_str::<echeancier::InvoicePlan>(&json).unwrap(),
            plan
        );
        let first = &expected[0].1;
        let tampered = json.replacen(&format!("\"amount\":\"{first}\""), "\"amount\":\"0.01\"", 1);
        if tampered != json {
            assert!(serde_json::from_str::<echeancier::InvoicePlan>(&tampered).is_err());
        }
    }
}

/// A window of business days ends on the `n`-th business day after the issue date: walking the
/// days one by one, exactly `n` business days lie after the issue date up to the last day, which
/// is one of them. Exercised: windows that crossed a weekend or a holiday (longer than `n`
/// calendar days).
#[test]
fn a_business_day_window_counts_business_days_only() {
    use echeancier::{Calendar, HolidayCalendar};
    let calendars = prop_oneof![
        Just(HolidayCalendar::WeekendsOnly),
        Just(HolidayCalendar::France),
        Just(HolidayCalendar::FranceAlsaceMoselle),
    ];
    let (tried, hit) = exercised(3_000, (date(), 1_u32..40, calendars), |(issued, n, cal)| {
        let last = DiscountWindow::WithinBusinessDays(n)
            .last_day_in(issued, &cal)
            .unwrap();
        prop_assert!(cal.is_business_day(last));
        let mut day = issued;
        let mut counted = 0;
        while day < last {
            day = day.succ_opt().unwrap();
            if cal.is_business_day(day) {
                counted += 1;
            }
        }
        prop_assert_eq!(counted, n);
        let through_discount = EarlyPaymentDiscount::new(
            Reduction::Percent("2%".parse().unwrap()),
            DiscountWindow::WithinBusinessDays(n),
        )
        .unwrap()
        .with_calendar(cal)
        .last_day(issued)
        .unwrap();
        prop_assert_eq!(through_discount, last);
        Ok((last - issued).num_days() > i64::from(n))
    });
    eprintln!(
        "a_business_day_window_counts_business_days_only: {hit} of {tried} windows crossed a closed day"
    );
    assert!(crate::meets_floor(hit, tried, 2), "{hit} of {tried}");
}

/// The errors of payment terms read in French as well.
#[test]
fn terms_errors_in_french() {
    use echeancier::Language;
    let half = TermsLine::new(
        LineAmount::Percent("50%".parse().unwrap()),
        DueRule::DaysAfterInvoice(30),
    )
    .unwrap();
    let err = PaymentTerms::new([half]).unwrap_err();
    assert_eq!(
        err.to_string_in(Language::French),
        "conditions de paiement invalides : sans ligne de solde, les pourcentages doivent totaliser 100 %, et non 50 %"
    );
    let err = DueRule::DayOfMonth { months: 1, day: 32 }
        .checked()
        .unwrap_err();
    assert_eq!(
        err.to_string_in(Language::French),
        "jour du mois d'une règle d'échéance invalide : 32 ; attendu entre 1 et 31"
    );
    let err = Invoice::new(
        "F\n1",
        d(2027, 1, 1),
        TaxedAmount::untaxed(m("1.00 EUR")).unwrap(),
    )
    .unwrap_err();
    assert!(err.to_string_in(Language::French).contains("une facture"));
}
