//! An early-payment discount of 2 % within 10 days (net 30) on an invoice with VAT, paid in two
//! parts, then a settlement offer on a loan with an unpaid instalment and late-payment interest.
//!
//! Run with `cargo run --example discounts`.

use chrono::NaiveDate;
use echeancier::{
    Claim, Debt, DiscountWindow, EarlyPaymentDiscount, Error, Frequency, Interest, PartialPayment,
    Payment, PenaltyPolicy, PenaltyRate, PlanRequest, Reduction, SettlementBase, SettlementOffer,
    Sizing, Statement, StatementOptions, TaxedAmount,
};

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| Error::DateOutOfRange {
        what: format!("{y}-{m}-{d}"),
    })
}

fn main() -> Result<(), Error> {
    // Escompte: 2/10 net 30 on 10,000.00 + 2,000.00 VAT issued on 1 March 2027.
    let terms = EarlyPaymentDiscount::new(
        Reduction::Percent("2%".parse()?),
        DiscountWindow::WithinDays(10),
    )?
    .with_net_days(30)?;
    let invoice = TaxedAmount::new("10000.00 EUR".parse()?, "2000.00 EUR".parse()?)?;
    let full = terms.discount_on(invoice)?;
    println!("Invoice            {invoice}");
    println!("Discount if paid by the 10th day: {full}");
    println!("Net to pay then    {}", invoice.checked_sub(full)?);
    println!(
        "Implied annual cost of the discount: {}\n",
        terms.implied_annual_cost()?
    );

    let payments = [
        PartialPayment::new(date(2027, 3, 6)?, "5880.00 EUR".parse()?)?,
        PartialPayment::new(date(2027, 3, 25)?, "6000.00 EUR".parse()?)?,
    ];
    let outcome = terms.apply(invoice, date(2027, 3, 1)?, &payments)?;
    println!("Window closes on {}", outcome.last_day());
    println!(
        "{:<12} {:>14} {:>14} {:>14} {:>14} {:>14}",
        "date", "paid", "settled", "discount", "of which VAT", "remaining"
    );
    for line in outcome.lines() {
        println!(
            "{:<12} {:>14} {:>14} {:>14} {:>14} {:>14}",
            line.payment().date().to_string(),
            line.payment().amount().to_string(),
            line.settled().to_string(),
            line.discount().total().to_string(),
            line.discount().vat().to_string(),
            line.remaining_after().to_string(),
        );
    }
    println!("Discount earned: {}\n", outcome.discount());

    // Settlement: 6,000.00 at 6 % over 6 months; the February payment was missed, so March's
    // pays February's penalties and instalment first (Code civil 1343-1); pay everything by
    // 14 April for 3 % off the principal.
    let debt = Debt::single(Claim::new("LOAN-2027-07", "6000.00 EUR".parse()?)?);
    let plan = PlanRequest::new(
        debt,
        date(2027, 1, 31)?,
        Frequency::MONTHLY,
        Sizing::Count(6),
    )
    .interest(Interest::Annuity("6%".parse()?))
    .generate()?;
    let cutoff = date(2027, 3, 31)?;
    let payments: Vec<Payment> = plan
        .instalments()
        .iter()
        .filter(|i| i.number() != 2 && i.due_date() <= cutoff)
        .map(|i| Payment::new(format!("VIR-{}", i.number()), i.due_date(), i.amount()))
        .collect::<Result<_, _>>()?;
    let options = StatementOptions::default()
        .with_penalties(PenaltyPolicy::new(PenaltyRate::fixed("10%".parse()?)));
    let pay_by = date(2027, 4, 14)?;
    let statement = Statement::new(&plan, &payments, &options, pay_by)?;
    let offer = SettlementOffer::new(pay_by, Reduction::Percent("3%".parse()?))?
        .applies_to(SettlementBase::Principal);
    let quote = offer.quote(&statement)?;
    println!("{quote}");
    Ok(())
}
