//! A debtor owes three overdue invoices (4,850.00 EUR with the recovery compensation) and can pay
//! 400.00 EUR a month: compute the plan, print it as a table with its totals and the explanation.
//!
//! Run with `cargo run --example quickstart`.

use chrono::NaiveDate;
use echeancier::{
    BusinessDayRule, CapacityShape, Claim, Currency, Debt, Fee, Frequency, HolidayCalendar,
    Language, Money, PlanRequest, Schedule, Sizing,
};

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Box<dyn std::error::Error>> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("invalid date {y}-{m}-{d}").into())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Three unpaid invoices, each with the 40 EUR fixed recovery compensation (Code de commerce L441-10).
    let invoices = [
        (
            "F-2026-0418",
            "1850.00 EUR",
            date(2026, 5, 4)?,
            date(2026, 6, 3)?,
        ),
        (
            "F-2026-0502",
            "1620.00 EUR",
            date(2026, 6, 2)?,
            date(2026, 7, 2)?,
        ),
        (
            "F-2026-0611",
            "1260.00 EUR",
            date(2026, 7, 15)?,
            date(2026, 8, 14)?,
        ),
    ];
    let mut debt = Debt::new(Currency::EUR);
    for (reference, amount, issued, due) in invoices {
        let claim = Claim::new(reference, amount.parse()?)?
            .issued_on(issued)?
            .due_on(due)?;
        debt = debt.with_claim(claim)?.with_fee(Fee::new(
            format!("indemnité forfaitaire {reference}"),
            "40.00 EUR".parse()?,
        )?)?;
    }

    // The debtor can pay 400.00 EUR a month; the first instalment falls due on 5 January 2027, moved
    // to the next business day when the 5th is a weekend or a French public holiday.
    let capacity: Money = "400.00 EUR".parse()?;
    let request = PlanRequest::new(
        debt,
        date(2027, 1, 5)?,
        Frequency::MONTHLY,
        Sizing::Capacity {
            capacity,
            shape: CapacityShape::FullCapacity,
        },
    )
    .business_days(BusinessDayRule::Following, HolidayCalendar::France);
    let plan = request.generate()?;

    println!(
        "Payment plan for {} owed in 3 invoices and fees\n",
        request.debt().total()?.to_string_in(Language::English)
    );
    print_table(&plan);
    println!("\n{}", plan.derivation());

    // The same number of instalments, as level as possible.
    let level = PlanRequest::new(
        request.debt().clone(),
        date(2027, 1, 5)?,
        Frequency::MONTHLY,
        Sizing::Capacity {
            capacity,
            shape: CapacityShape::Level,
        },
    )
    .generate()?;
    println!(
        "\nAlternative with level instalments:\n{}",
        level.derivation()
    );
    Ok(())
}

/// The plan as a table for people: thousands grouped, the currency in the heading, a totals line
/// under the amount columns.
fn print_table(plan: &Schedule) {
    let currency = plan.currency().to_string();
    // `4,850.00 EUR` without its currency, which the heading gives.
    let cell = |money: Money| {
        let text = money.to_string_in(Language::English);
        text.trim_end_matches(currency.as_str())
            .trim_end()
            .to_owned()
    };
    println!(
        "{:>3}  {:<10}  {:>14}  {:>14}  {:>10}  {:>10}  {:>14}",
        "#",
        "due date",
        format!("amount ({currency})"),
        "principal",
        "interest",
        "fees",
        "balance after"
    );
    for i in plan.instalments() {
        println!(
            "{:>3}  {:<10}  {:>14}  {:>14}  {:>10}  {:>10}  {:>14}",
            i.number(),
            i.due_date(),
            cell(i.amount()),
            cell(i.principal()),
            cell(i.interest()),
            cell(i.fees()),
            cell(i.balance_after()),
        );
    }
    let t = plan.totals();
    println!(
        "{:>3}  {:<10}  {:>14}  {:>14}  {:>10}  {:>10}",
        "",
        "total",
        cell(t.amount()),
        cell(t.principal()),
        cell(t.interest()),
        cell(t.fees()),
    );
}
