//! From an invoice and its payment terms to a dated plan: the lines and their discounts, the
//! claims the rest of the crate works on, the legal checks, the early-payment regimes on a taxed
//! invoice, tiers, and one payment over several invoices.
//!
//! Run with `cargo run --example invoice_terms`.

use chrono::NaiveDate;
use echeancier::{
    settle_invoices, DayCount, DiscountBasis, DiscountWindow, DueRule, EarlyPaymentDiscount,
    Invoice, Language, LineAmount, OpenInvoice, PartialPayment, PaymentLimit, PaymentTerms,
    PenaltyPolicy, PenaltyRate, RateFloorCheck, Reduction, TaxedAmount, TermsLine, TieredDiscount,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");

    // "30 % on order, the balance at 45 days end of month, 2 % off the balance within 10 days."
    let two_ten = EarlyPaymentDiscount::new(
        Reduction::Percent("2%".parse()?),
        DiscountWindow::WithinDays(10),
    )?;
    let terms = PaymentTerms::new([
        TermsLine::new(
            LineAmount::Percent("30%".parse()?),
            DueRule::DaysAfterInvoice(0),
        )?,
        TermsLine::new(LineAmount::Balance, DueRule::EndOfMonthAfterDays(45))?
            .with_discount(two_ten),
    ])?;
    let invoice = Invoice::new(
        "F-2027-015",
        d(2027, 1, 15)?,
        TaxedAmount::new("10000.00 EUR".parse()?, "2000.00 EUR".parse()?)?,
    )?;
    let plan = terms.apply(&invoice)?;
    println!("{}", plan.explain(Language::English));
    println!("{}", plan.explain(Language::French));
    let total = plan.lines().iter().try_fold(
        echeancier::Money::zero(echeancier::Currency::EUR),
        |sum, l| sum.checked_add(l.amount().total()),
    )?;
    assert_eq!(total, invoice.amount().total());
    let balance = plan.lines().get(1).ok_or("no balance line")?;
    assert_eq!(balance.due_date(), d(2027, 3, 31)?);

    // The two readings of "45 days end of month", on the same invoice.
    for rule in [
        DueRule::EndOfMonthAfterDays(45),
        DueRule::DaysAfterEndOfMonth(45),
    ] {
        println!(
            "{}: {}",
            rule.describe(Language::English),
            rule.due_date(invoice.date())?
        );
    }

    // The claims the rest of the crate works on: a debt, overdue items for the penalties.
    let debt = plan.debt()?;
    for claim in debt.claims() {
        println!(
            "claim {} of {} due on {:?}",
            claim.reference(),
            claim.amount(),
            claim.due_date()
        );
    }
    let penalties = PenaltyPolicy::france_b2b()?.compute(
        echeancier::Currency::EUR,
        &plan.overdue_items()?,
        d(2027, 4, 30)?,
    );
    match penalties {
        Ok(statement) => println!(
            "penalties if nothing is paid by 30 April 2027: {}",
            statement.total()
        ),
        // The built-in reference rates stop at the last published half-year.
        Err(e) => println!("penalties not computed: {e}"),
    }

    // The legal checks, with their sources.
    for limit in [
        PaymentLimit::FranceL441_10,
        PaymentLimit::FranceL441_10EndOfMonth(DueRule::EndOfMonthAfterDays(45)),
        PaymentLimit::FranceL441_10EndOfMonth(DueRule::DaysAfterEndOfMonth(45)),
        PaymentLimit::EuBusinesses,
    ] {
        let check = plan.check(limit)?;
        print!("[{}] {}", check.source(), check.explain(Language::English));
    }
    let floor = RateFloorCheck::france(
        &PenaltyPolicy::new(PenaltyRate::fixed("5%".parse()?)),
        d(2026, 3, 1)?,
    )?;
    println!("{}", floor.explain(Language::French));
    assert!(floor.below());

    // Early-payment regimes on 10,000.00 + 20 % VAT at 2 %.
    for basis in [
        DiscountBasis::TotalProportional,
        DiscountBasis::TotalVatUnchanged,
        DiscountBasis::UntaxedBase,
        DiscountBasis::VatOnDiscountedBase,
    ] {
        let terms = two_ten.with_basis(basis);
        let taxed = terms.taxed_invoice("10000.00 EUR".parse()?, "20%".parse()?)?;
        let discount = terms.discount_on(taxed)?;
        println!(
            "{basis:?}: invoice {taxed}, discount {discount}, paid early {}",
            taxed.total().checked_sub(discount.total())?
        );
    }
    let cost365 = two_ten.with_net_days(30)?.implied_annual_cost()?;
    let cost360 = two_ten
        .with_net_days(30)?
        .implied_annual_cost_on(DayCount::Actual360)?;
    println!("2/10 net 30 costs {cost365} a year on 365 days, {cost360} on 360");

    // Tiers: 3 % within 10 days, 2 % within 14; one payment over two invoices.
    let tier = |p: &str, days| -> Result<EarlyPaymentDiscount, echeancier::Error> {
        EarlyPaymentDiscount::new(
            Reduction::Percent(p.parse()?),
            DiscountWindow::WithinDays(days),
        )
    };
    let tiers = TieredDiscount::new([tier("3%", 10)?, tier("2%", 14)?])?;
    let open = [
        OpenInvoice::new(
            Invoice::new(
                "F-1",
                d(2027, 3, 1)?,
                TaxedAmount::untaxed("1000.00 EUR".parse()?)?,
            )?,
            tiers.clone(),
        ),
        OpenInvoice::new(
            Invoice::new(
                "F-2",
                d(2027, 3, 8)?,
                TaxedAmount::untaxed("500.00 EUR".parse()?)?,
            )?,
            tiers,
        ),
    ];
    let group = settle_invoices(
        PartialPayment::new(d(2027, 3, 14)?, "1465.00 EUR".parse()?)?,
        &open,
    )?;
    for s in group.settlements() {
        println!(
            "{}: paid {}, discount {}, remaining {}",
            s.reference(),
            s.outcome().paid(),
            s.outcome().discount().total(),
            s.outcome().remaining()
        );
    }
    println!("unapplied: {}", group.unapplied());
    Ok(())
}
