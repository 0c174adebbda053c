//! A household owes four energy and telecom invoices. From its budget (salary, benefits, rent,
//! energy, food, transport, a car loan already being repaid) and its payment history, compute what
//! it can afford each month, then the ranked options a creditor can offer under the French judicial
//! grace-period maximum: print the capacity breakdown and the options, in English and in French.
//!
//! Run with `cargo run --example proposals`.

use chrono::NaiveDate;
use echeancier::{
    Agreement, Budget, BudgetLine, CapacityPolicy, Category, Claim, Commitment, CreditorPolicy,
    Currency, Debt, Fee, Frequency, Household, Language, MaxDuration, OverdueItem, PaymentHistory,
    Profile, ProfileRules, ProposalRequest, ProtectedMinimum, RiskTier, SeizureScale,
    SettlementDiscount,
};

type Error = Box<dyn std::error::Error>;

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("invalid date {y}-{m}-{d}").into())
}

fn line(
    label: &str,
    category: Category,
    amount: &str,
    every: Frequency,
) -> Result<BudgetLine, Error> {
    Ok(BudgetLine::new(label, category, amount.parse()?, every)?)
}

fn main() -> Result<(), Error> {
    // The household: two adults, one child; incomes and expenses each at their own frequency.
    let budget = Budget::new(Currency::EUR)
        .with_line(line(
            "net salary",
            Category::Salary,
            "2350.00 EUR",
            Frequency::MONTHLY,
        )?)?
        .with_line(line(
            "part-time job",
            Category::Salary,
            "95.00 EUR",
            Frequency::WEEKLY,
        )?)?
        .with_line(line(
            "family allowance",
            Category::Benefits,
            "148.52 EUR",
            Frequency::MONTHLY,
        )?)?
        .with_line(line(
            "housing benefit",
            Category::Benefits,
            "540.00 EUR",
            Frequency::QUARTERLY,
        )?)?
        .with_line(line(
            "rent",
            Category::Rent,
            "820.00 EUR",
            Frequency::MONTHLY,
        )?)?
        .with_line(line(
            "electricity and gas",
            Category::Energy,
            "1560.00 EUR",
            Frequency::YEARLY,
        )?)?
        .with_line(line(
            "groceries",
            Category::Food,
            "110.00 EUR",
            Frequency::WEEKLY,
        )?)?
        .with_line(line(
            "public transport",
            Category::Transport,
            "86.40 EUR",
            Frequency::MONTHLY,
        )?)?
        .with_line(line(
            "home insurance",
            Category::Insurance,
            "264.00 EUR",
            Frequency::YEARLY,
        )?)?
        .with_commitment(Commitment::new(
            "car loan",
            "189.00 EUR".parse()?,
            Frequency::MONTHLY,
        )?)?
        .with_household(Household::new(2, 1)?);
    let rules = CapacityPolicy::new()
        .max_share("40%".parse()?)
        .protected_minimum(ProtectedMinimum::per_household(
            "646.52 EUR".parse()?,
            "323.26 EUR".parse()?,
            "193.96 EUR".parse()?,
        )?)
        .seizure_ceiling(SeizureScale::france(2026)?);
    let capacity = budget.capacity(&rules, Frequency::MONTHLY)?;

    // What the household owes: four invoices and the fixed recovery compensation on each.
    let mut debt = Debt::new(Currency::EUR);
    for (reference, amount) in [
        ("EN-2026-08-1142", "612.40 EUR"),
        ("EN-2026-09-1187", "588.15 EUR"),
        ("TL-2026-09-0733", "139.90 EUR"),
        ("EN-2026-10-1230", "641.75 EUR"),
    ] {
        debt = debt
            .with_claim(Claim::new(reference, amount.parse()?)?)?
            .with_fee(Fee::new(
                format!("recovery compensation {reference}"),
                "40.00 EUR".parse()?,
            )?)?;
    }

    // Its history with this creditor: one bill paid 12 days late, one paid on time, a promise to pay
    // that was broken.
    let history = PaymentHistory::new(Currency::EUR)
        .with_item(
            OverdueItem::new("EN-2026-03-0411", date(2026, 3, 31)?, "598.30 EUR".parse()?)?
                .paid_on(date(2026, 4, 12)?)?,
        )?
        .with_item(
            OverdueItem::new("EN-2026-05-0688", date(2026, 5, 31)?, "574.80 EUR".parse()?)?
                .paid_on(date(2026, 5, 29)?)?,
        )?
        .with_agreement(
            Agreement::new("promise of 15 September", date(2026, 9, 1)?)?
                .broken_on(date(2026, 9, 15)?)?,
        )?;
    let profile = Profile::from_history(&history, date(2026, 12, 1)?, &ProfileRules::new())?;

    // The creditor: at most 24 months (Code civil 1343-5), at least 30.00 a month, 15 % down from
    // debtors who broke an agreement, 8 % off for paying everything within 15 days.
    let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD)
        .with_minimum_instalment("30.00 EUR".parse()?)
        .with_down_payment_from(RiskTier::High, "15%".parse()?)
        .with_settlement(SettlementDiscount::percent("8%".parse()?, 15));
    let proposals = ProposalRequest::from_capacity(
        debt,
        &capacity,
        date(2026, 12, 10)?,
        date(2027, 1, 10)?,
        policy,
    )?
    .with_profile(&profile)
    .propose()?;

    println!("{}", proposals.explain(Language::English));
    println!("{}", proposals.explain(Language::French));

    for option in proposals.options() {
        let Some(schedule) = option.schedule() else {
            continue;
        };
        println!("{} plan, instalment by instalment:", option.kind());
        for row in schedule.instalments() {
            println!(
                "  {:>3}  {}  {:>12}",
                row.number(),
                row.due_date(),
                row.amount().to_string()
            );
        }
    }
    Ok(())
}
