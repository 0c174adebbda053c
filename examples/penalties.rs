//! Three invoices paid late across the 1 July 2025 half-year boundary, under the French B2B
//! statutory terms (Code de commerce L441-10): ECB main refinancing rate on 1 January / 1 July plus
//! 10 points, and 40 EUR of recovery compensation per late invoice.
//!
//! Run with `cargo run --example penalties`.

use chrono::NaiveDate;
use echeancier::{Currency, Error, OverdueItem, PartialPayment, PenaltyPolicy, PenaltyStatement};

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| Error::DateOutOfRange {
        what: format!("{y}-{m}-{d}"),
    })
}

fn main() -> Result<(), Error> {
    let as_of = date(2025, 9, 30)?;
    let invoices = [
        // Paid in full 66 days late.
        OverdueItem::new("F-2025-0412", date(2025, 5, 15)?, "4800.00 EUR".parse()?)?
            .paid_on(date(2025, 7, 20)?)?,
        // Paid in two parts: the base falls after the first payment.
        OverdueItem::new("F-2025-0455", date(2025, 5, 31)?, "12350.00 EUR".parse()?)?
            .with_payment(PartialPayment::new(
                date(2025, 6, 20)?,
                "5000.00 EUR".parse()?,
            )?)?
            .paid_on(date(2025, 8, 14)?)?,
        // Still unpaid on the statement date.
        OverdueItem::new("F-2025-0481", date(2025, 6, 30)?, "2160.00 EUR".parse()?)?,
    ];
    let policy = PenaltyPolicy::france_b2b()?;
    let statement = policy.compute(Currency::EUR, &invoices, as_of)?;
    print!("{}", render(&statement));
    Ok(())
}

fn render(statement: &PenaltyStatement) -> String {
    let mut out = format!(
        "Late-payment penalties as of {} (Code de commerce L441-10)\n\n",
        statement.as_of()
    );
    for item in statement.items() {
        out += &format!(
            "{}  {} due {}, {} days late\n",
            item.reference(),
            item.amount(),
            item.due_date(),
            item.days_late()
        );
        for s in item.segments() {
            out += &format!(
                "    {} to {}  {:>3} days  on {:>12}  at {:>7}  {:>8}  {:>11}\n",
                s.first_day(),
                s.last_day(),
                s.days(),
                s.base().to_string(),
                s.rate().to_string(),
                s.year_fraction().to_string(),
                s.interest().to_string()
            );
        }
        out += &format!(
            "    {:<75}{:>11}\n\n",
            "interest",
            item.interest().to_string()
        );
    }
    for line in statement.compensations() {
        out += &format!(
            "{:<79}{:>11}\n",
            format!("Recovery compensation, {}", line.reference()),
            line.amount().to_string()
        );
    }
    out += &format!(
        "\n{:<79}{:>11}\n",
        "Total interest",
        statement.interest().to_string()
    );
    out += &format!(
        "{:<79}{:>11}\n",
        "Total compensation",
        statement.compensation().to_string()
    );
    out += &format!("{:<79}{:>11}\n", "Total due", statement.total().to_string());
    out
}
