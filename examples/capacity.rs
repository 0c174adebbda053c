//! What a salaried parent of two can afford each month: a budget with weekly, monthly, quarterly and
//! yearly lines, a plan already being paid, and a policy with a maximum share, a protected minimum
//! and the French 2025 wage-seizure scale. Prints the explanation in English and French, then the
//! case of a budget that leaves nothing.
//!
//! Run with `cargo run --example capacity`.

use echeancier::{
    Budget, BudgetLine, CapacityPolicy, Category, Commitment, Currency, Error, Frequency,
    Household, Language, ProtectedMinimum, SeizureScale,
};

fn line(
    label: &str,
    category: Category,
    amount: &str,
    frequency: Frequency,
) -> Result<BudgetLine, Error> {
    BudgetLine::new(label, category, amount.parse()?, frequency)
}

fn main() -> Result<(), Error> {
    let budget = Budget::new(Currency::EUR)
        .with_line(line(
            "net salary",
            Category::Salary,
            "1650.00 EUR",
            Frequency::MONTHLY,
        )?)?
        .with_line(line(
            "evening job",
            Category::Salary,
            "120.00 EUR",
            Frequency::WEEKLY,
        )?)?
        .with_line(line(
            "family allowance",
            Category::Benefits,
            "900.00 EUR",
            Frequency::QUARTERLY,
        )?)?
        .with_line(line(
            "rent",
            Category::Rent,
            "700.00 EUR",
            Frequency::MONTHLY,
        )?)?
        .with_line(line(
            "groceries",
            Category::Food,
            "85.00 EUR",
            Frequency::WEEKLY,
        )?)?
        .with_line(line(
            "electricity",
            Category::Energy,
            "1140.00 EUR",
            Frequency::YEARLY,
        )?)?
        .with_line(line(
            "car insurance",
            Category::Insurance,
            "300.00 EUR",
            Frequency::QUARTERLY,
        )?)?
        .with_commitment(Commitment::new(
            "water arrears plan",
            "25.00 EUR".parse()?,
            Frequency::EVERY_2_WEEKS,
        )?)?
        .with_household(Household::new(1, 2)?);
    let policy = CapacityPolicy::new()
        .max_share("35%".parse()?)
        .protected_minimum(ProtectedMinimum::fixed("750.00 EUR".parse()?)?)
        .seizure_ceiling(SeizureScale::france(2025)?);

    let capacity = budget.capacity(&policy, Frequency::MONTHLY)?;
    println!("{}\n", capacity.explain(Language::English));
    println!("{}\n", capacity.explain(Language::French));

    let tight = Budget::new(Currency::EUR)
        .with_line(line(
            "pension",
            Category::Pension,
            "1180.00 EUR",
            Frequency::MONTHLY,
        )?)?
        .with_line(line(
            "rent",
            Category::Rent,
            "520.00 EUR",
            Frequency::MONTHLY,
        )?)?
        .with_line(line(
            "food",
            Category::Food,
            "60.00 EUR",
            Frequency::WEEKLY,
        )?)?;
    let policy = CapacityPolicy::new()
        .max_share("30%".parse()?)
        .protected_minimum(ProtectedMinimum::france_rsa_one_person_2025()?);
    let nothing = tight.capacity(&policy, Frequency::MONTHLY)?;
    println!("{}\n", nothing.explain(Language::English));
    println!("{}", nothing.explain(Language::French));
    Ok(())
}
