//! Following a plan from signature to completion: 1,200.00 EUR in 12 monthly instalments of 100.00,
//! payments on time, late, partial and one missed; the debtor then loses income and the rest is
//! rescheduled at what they can now pay, late-payment penalties included; every new instalment is
//! paid and the plan completes. The statement is printed at each step.
//!
//! Run with `cargo run --example follow_up`.

use chrono::NaiveDate;
use echeancier::{
    AllocationPolicy, CapacityShape, Claim, Debt, Frequency, Payment, PenaltyCharge, PenaltyPolicy,
    PenaltyRate, PlanHistory, PlanRequest, ReminderRules, Reschedule, Schedule, Sizing, Statement,
    StatementOptions, Treatment,
};

type Error = Box<dyn std::error::Error>;

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("invalid date {y}-{m}-{d}").into())
}

fn pay(reference: &str, on: NaiveDate, amount: &str) -> Result<Payment, Error> {
    Ok(Payment::new(reference, on, amount.parse()?)?)
}

fn show(
    title: &str,
    schedule: &Schedule,
    payments: &[Payment],
    options: &StatementOptions,
    as_of: NaiveDate,
) -> Result<Statement, Error> {
    let statement = Statement::new(schedule, payments, options, as_of)?;
    println!("== {title}\n{statement}");
    Ok(statement)
}

fn main() -> Result<(), Error> {
    let signed = date(2027, 1, 5)?;
    let debt = Debt::single(Claim::new("F-2026-1187", "1200.00 EUR".parse()?)?);
    let plan = PlanRequest::new(
        debt,
        date(2027, 1, 15)?,
        Frequency::MONTHLY,
        Sizing::Count(12),
    )
    .generate()?;
    // Late instalments bear 8 % a year; payments go to penalties, then principal (Code civil
    // 1343-1); a reminder 5 days before each due date, dunning letters 7 and 21 days after a miss.
    let options = StatementOptions::new(AllocationPolicy::france_1343_1())
        .with_penalties(PenaltyPolicy::new(PenaltyRate::fixed("8%".parse()?)))
        .with_reminders(
            ReminderRules::new()
                .with_days_before(5)
                .with_dunning_after(7)
                .with_dunning_after(21),
        )
        .agreed_on(signed);

    let payments = [
        pay("VIR-0115", date(2027, 1, 15)?, "100.00 EUR")?, // on time
        pay("VIR-0225", date(2027, 2, 25)?, "100.00 EUR")?, // 10 days late
        pay("VIR-0315", date(2027, 3, 15)?, "60.00 EUR")?,  // partial
        pay("VIR-0402", date(2027, 4, 2)?, "40.00 EUR")?,   // the rest of March, 18 days late
                                                            // April: nothing.
    ];
    let statement = show(
        "Statement on 1 May 2027",
        &plan,
        &payments,
        &options,
        date(2027, 5, 1)?,
    )?;

    // The debtor loses their job: from 10 May they can pay 60.00 a month. What is left (the April
    // instalment, the eight to come and the penalties not yet paid) is rescheduled at that
    // capacity, the penalties capitalised.
    let on = date(2027, 5, 10)?;
    let at_adjustment = statement.restated_on(on)?;
    let history = PlanHistory::new(plan.clone(), signed);
    let terms = Reschedule::new(Sizing::Capacity {
        capacity: "60.00 EUR".parse()?,
        shape: CapacityShape::FullCapacity,
    })
    .first_due(date(2027, 6, 15)?)
    .penalties(
        PenaltyCharge::Amount(at_adjustment.penalties_outstanding()),
        Treatment::Capitalise,
    )
    .by("collections desk, after a call with the debtor");
    let paid = at_adjustment.allocated();
    let history = history.reschedule(&paid, on, terms)?;
    let version = history.current();
    if let Some(record) = version.record() {
        println!("== Adjustment\n{record}\n");
    }
    let new_plan = version
        .schedule()
        .ok_or("the rescheduled plan has no schedule")?
        .clone();

    // Every new instalment is paid on its due date.
    let new_payments: Vec<Payment> = new_plan
        .instalments()
        .iter()
        .map(|i| Payment::new(format!("VIR-R{:02}", i.number()), i.due_date(), i.amount()))
        .collect::<Result<_, _>>()?;
    let halfway = new_plan
        .instalments()
        .get(5)
        .map(|i| i.due_date())
        .ok_or("short plan")?;
    let done: Vec<Payment> = new_payments
        .iter()
        .filter(|p| p.date() <= halfway)
        .cloned()
        .collect();
    show(
        "Rescheduled plan, six months on",
        &new_plan,
        &done,
        &options.clone().agreed_on(on),
        halfway,
    )?;

    let end = new_plan.last_due_date().ok_or("empty plan")?;
    let last = show(
        "Rescheduled plan, completed",
        &new_plan,
        &new_payments,
        &options.agreed_on(on),
        end,
    )?;
    println!(
        "Remaining balance {}; plan status {}",
        last.remaining_balance(),
        history.status_on(&last.allocated(), end)?
    );
    Ok(())
}
