//! A debtor owes three overdue invoices (4,850.00 EUR with the recovery compensation) and can pay
//! 400.00 EUR a month: compute the plan, print it as a table with its totals and the explanation.
//!
//! Run with `cargo run --example quickstart`.

use chrono::NaiveDate;
use echeancier::{
    BusinessDayRule, CapacityShape, Claim, Currency, Debt, Fee, Frequency, HolidayCalendar, Money,
    PlanRequest, Schedule, Sizing,
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
        request.debt().total()?
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

fn print_table(plan: &Schedule) {
    println!(
        "{:>3}  {:<10}  {:>12}  {:>12}  {:>10}  {:>10}  {:>12}",
        "#", "due date", "amount", "principal", "interest", "fees", "balance after"
    );
    for i in plan.instalments() {
        println!(
            "{:>3}  {:<10}  {:>12}  {:>12}  {:>10}  {:>10}  {:>12}",
            i.number(),
            i.due_date(),
            i.amount().amount(),
            i.principal().amount(),
            i.interest().amount(),
            i.fees().amount(),
            i.balance_after().amount(),
        );
    }
    let t = plan.totals();
    println!(
        "{:>3}  {:<10}  {:>12}  {:>12}  {:>10}  {:>10}  {:>12}",
        "",
        "total",
        t.amount().amount(),
        t.principal().amount(),
        t.interest().amount(),
        t.fees().amount(),
        plan.currency(),
    );
}
