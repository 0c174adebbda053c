//! Following a plan from signature to completion through one account: 1,200.00 EUR in 12 monthly
//! instalments of 100.00, payments on time, late, partial and one missed (and a dunning fee charged
//! for the letter it called for); the debtor then loses
//! income and the rest is rescheduled at what they can now pay, the late-payment penalties still
//! owed capitalised (never those already paid); every new instalment is paid and the plan
//! completes. The account is stored as JSON and read back, and the statement is printed at each
//! step. The caller writes no conversion: the account is the one source of truth.
//!
//! Run with `cargo run --example follow_up`.

use chrono::NaiveDate;
use echeancier::{
    Account, AllocationPolicy, CapacityShape, Charge, ChargeKind, Claim, Debt, Frequency, Payment,
    PenaltyCharge, PenaltyPolicy, PenaltyRate, PlanRequest, ReminderRules, Reschedule, Sizing,
    StatementOptions, Treatment,
};

type Error = Box<dyn std::error::Error>;

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("invalid date {y}-{m}-{d}").into())
}

fn pay(reference: &str, on: NaiveDate, amount: &str) -> Result<Payment, Error> {
    Ok(Payment::new(reference, on, amount.parse()?)?)
}

fn show(title: &str, account: &Account, as_of: NaiveDate) -> Result<(), Error> {
    println!("== {title}\n{}", account.statement(as_of)?);
    Ok(())
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
    let penalties = PenaltyPolicy::new(PenaltyRate::fixed("8%".parse()?));
    let options = StatementOptions::new(AllocationPolicy::france_1343_1())
        .with_penalties(penalties.clone())
        .with_reminders(
            ReminderRules::new()
                .with_days_before(5)
                .with_dunning_after(7)
                .with_dunning_after(21),
        );
    let mut account = Account::new(plan, signed, options)?;

    account.pay(pay("VIR-0115", date(2027, 1, 15)?, "100.00 EUR")?)?; // on time
    account.pay(pay("VIR-0225", date(2027, 2, 25)?, "100.00 EUR")?)?; // 10 days late
    account.pay(pay("VIR-0315", date(2027, 3, 15)?, "60.00 EUR")?)?; // partial
    account.pay(pay("VIR-0402", date(2027, 4, 2)?, "40.00 EUR")?)?; // the rest of March

    // April: nothing. The dunning letter of 22 April costs the debtor a fee of 10.00, due with
    // the reply; the allocation policy pays it like the fees of an instalment.
    account.charge(Charge::new(
        "REL-0422",
        "dunning letter",
        ChargeKind::Fee,
        date(2027, 4, 22)?,
        date(2027, 5, 7)?,
        "10.00 EUR".parse()?,
    )?)?;
    show("Statement on 1 May 2027", &account, date(2027, 5, 1)?)?;

    // The debtor loses their job: from 10 May they can pay 60.00 a month. What is left (the April
    // instalment, the eight to come, the dunning fee and the penalties still owed that day) is
    // rescheduled at that capacity. The penalties already paid are not charged again.
    let on = date(2027, 5, 10)?;
    let terms = Reschedule::new(Sizing::Capacity {
        capacity: "60.00 EUR".parse()?,
        shape: CapacityShape::FullCapacity,
    })
    .first_due(date(2027, 6, 15)?)
    .penalties(PenaltyCharge::Policy(penalties), Treatment::Capitalise)
    .by("collections desk, after a call with the debtor");
    account.reschedule(on, terms)?;
    let version = account.history().current();
    if let Some(record) = version.record() {
        let b = record.breakdown();
        println!("== Adjustment\n{record}");
        println!(
            "   outstanding that day: principal {}, interest {}, fees {}, penalties {}\n",
            b.principal()?,
            b.interest(),
            b.fees()?,
            b.penalties()
        );
    }
    let new_plan = version
        .schedule()
        .ok_or("the rescheduled plan has no schedule")?
        .clone();

    // Every new instalment is paid on its due date.
    for i in new_plan.instalments() {
        account.pay(Payment::new(
            format!("VIR-R{:02}", i.number()),
            i.due_date(),
            i.amount(),
        )?)?;
    }
    let halfway = new_plan
        .instalments()
        .get(5)
        .map(|i| i.due_date())
        .ok_or("short plan")?;
    show("Rescheduled plan, six months on", &account, halfway)?;

    // Stored as JSON (the plan, the options and every event) and read back by replaying them.
    let json = serde_json::to_string(&account)?;
    let stored: Account = serde_json::from_str(&json)?;
    assert_eq!(stored, account);
    println!(
        "== Stored: {} events, {} bytes of JSON\n",
        stored.events().len(),
        json.len()
    );

    let end = new_plan.last_due_date().ok_or("empty plan")?;
    show("Rescheduled plan, completed", &stored, end)?;
    let statement = stored.statement(end)?;
    println!(
        "Remaining balance {}; plan status {}",
        statement.remaining_balance(),
        stored.status(end)?
    );
    Ok(())
}
