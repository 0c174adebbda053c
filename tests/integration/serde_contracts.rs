//! Serde contracts: the JSON of every public value is stable, and reading it validates.
//!
//! - Every public data type reads and writes JSON (checked at compile time below).
//! - Golden files under `tests/golden/json/` hold the JSON of realistic values, one file per type
//!   or per group of types that appear together; every public data type appears in at least one.
//!   The JSON written must match the file to the character, and the file must read back to an
//!   equal value.
//! - Tampered JSON (an amount changed, a negative amount, an amount with too many decimals, a
//!   misspelled enum, a missing field, a date that does not exist) is refused with a message that
//!   names the problem.
//! - Properties: any value the library computes gives an equal value after a trip through JSON.
//!
//! After a change that is meant to alter the JSON format, rewrite the golden files with
//!
//! ```text
//! ECHEANCIER_BLESS=1 cargo test --all-features --test integration serde_contracts
//! ```
//!
//! review the difference with `git diff tests/golden/json`, and note a renamed or removed field in
//! CHANGELOG.md: it is a breaking change.

use core::fmt::Debug;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::Days;
use echeancier::*;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::{d, m};

// ---------------------------------------------------------------------------------------------
// Every public data type reads and writes JSON.

const fn serde_in_out<T: Serialize + DeserializeOwned>() {}

const _: () = {
    // Money, rates, dates.
    serde_in_out::<Currency>();
    serde_in_out::<Money>();
    serde_in_out::<Rounding>();
    serde_in_out::<AnnualRate>();
    serde_in_out::<PeriodicRate>();
    serde_in_out::<Percent>();
    serde_in_out::<Frequency>();
    serde_in_out::<BusinessDayRule>();
    serde_in_out::<HolidayCalendar>();
    serde_in_out::<Language>();
    // What is owed, plans.
    serde_in_out::<Claim>();
    serde_in_out::<Fee>();
    serde_in_out::<Debt>();
    serde_in_out::<PlanRequest>();
    serde_in_out::<Sizing>();
    serde_in_out::<CapacityShape>();
    serde_in_out::<Interest>();
    serde_in_out::<DownPayment>();
    serde_in_out::<Remainder>();
    serde_in_out::<Schedule>();
    serde_in_out::<Instalment>();
    serde_in_out::<InstalmentKind>();
    serde_in_out::<Totals>();
    serde_in_out::<Derivation>();
    // Penalties.
    serde_in_out::<PenaltyPolicy>();
    serde_in_out::<PenaltyRate>();
    serde_in_out::<RateRevision>();
    serde_in_out::<RateTable>();
    serde_in_out::<LegalRateCreditor>();
    serde_in_out::<LegalBasis>();
    serde_in_out::<Compensation>();
    serde_in_out::<CompensationBasis>();
    serde_in_out::<Cap>();
    serde_in_out::<DayCount>();
    serde_in_out::<YearFraction>();
    serde_in_out::<ExactInterest>();
    serde_in_out::<OverdueItem>();
    serde_in_out::<PartialPayment>();
    serde_in_out::<PenaltyStatement>();
    serde_in_out::<ItemPenalty>();
    serde_in_out::<PenaltySegment>();
    serde_in_out::<CompensationLine>();
    // Capacity.
    serde_in_out::<Budget>();
    serde_in_out::<BudgetLine>();
    serde_in_out::<Category>();
    serde_in_out::<Commitment>();
    serde_in_out::<Household>();
    serde_in_out::<CapacityPolicy>();
    serde_in_out::<ProtectedMinimum>();
    serde_in_out::<SeizureScale>();
    serde_in_out::<Capacity>();
    serde_in_out::<CapacityLine>();
    serde_in_out::<CapacityLineKind>();
    serde_in_out::<LineDetail>();
    serde_in_out::<LimitingFactor>();
    serde_in_out::<Seizable>();
    serde_in_out::<SeizureBand>();
    // Debtor profile.
    serde_in_out::<PaymentHistory>();
    serde_in_out::<Agreement>();
    serde_in_out::<AgreementOutcome>();
    serde_in_out::<ProfileRules>();
    serde_in_out::<Profile>();
    serde_in_out::<RiskTier>();
    serde_in_out::<TierReason>();
    serde_in_out::<Trend>();
    // Proposals.
    serde_in_out::<ProposalRequest>();
    serde_in_out::<CreditorPolicy>();
    serde_in_out::<MaxDuration>();
    serde_in_out::<SettlementDiscount>();
    serde_in_out::<Proposals>();
    serde_in_out::<Proposal>();
    serde_in_out::<ProposalKind>();
    serde_in_out::<Omitted>();
    serde_in_out::<Omission>();
    // Discounts and incentives.
    serde_in_out::<EarlyPaymentDiscount>();
    serde_in_out::<DiscountWindow>();
    serde_in_out::<TaxedAmount>();
    serde_in_out::<EarlyPaymentOutcome>();
    serde_in_out::<EarlyPaymentLine>();
    serde_in_out::<PaymentTiming>();
    serde_in_out::<ImpliedCost>();
    serde_in_out::<SettlementOffer>();
    serde_in_out::<SettlementBase>();
    serde_in_out::<SettlementQuote>();
    serde_in_out::<AccruedInterest>();
    serde_in_out::<RegularityBonus>();
    serde_in_out::<RegularityReward>();
    serde_in_out::<RegularityOutcome>();
    serde_in_out::<ConditionalWaiver>();
    serde_in_out::<Waived>();
    serde_in_out::<WaiverCondition>();
    serde_in_out::<WaiverStatus>();
    serde_in_out::<Reduction>();
    // Written agreements.
    serde_in_out::<echeancier::Party>();
    serde_in_out::<echeancier::PaymentMethod>();
    // Payments and statements.
    serde_in_out::<Payment>();
    serde_in_out::<AllocationPolicy>();
    serde_in_out::<AllocationStep>();
    serde_in_out::<InstalmentSelector>();
    serde_in_out::<Component>();
    serde_in_out::<Sweep>();
    serde_in_out::<Surplus>();
    serde_in_out::<Allocation>();
    serde_in_out::<AllocationTarget>();
    serde_in_out::<Statement>();
    serde_in_out::<StatementOptions>();
    serde_in_out::<InstalmentStatement>();
    serde_in_out::<InstalmentStatus>();
    serde_in_out::<NextDue>();
    serde_in_out::<Reminder>();
    serde_in_out::<ReminderKind>();
    serde_in_out::<ReminderRules>();
    // Adjustments.
    serde_in_out::<PlanHistory>();
    serde_in_out::<PlanVersion>();
    serde_in_out::<PlanStatus>();
    serde_in_out::<KeptInstalment>();
    serde_in_out::<AdjustmentRecord>();
    serde_in_out::<AdjustmentKind>();
    serde_in_out::<AdjustmentDetails>();
    serde_in_out::<Outstanding>();
    serde_in_out::<Reschedule>();
    serde_in_out::<Treatment>();
    serde_in_out::<PenaltyCharge>();
    serde_in_out::<Postponement>();
    serde_in_out::<PostponeMode>();
    serde_in_out::<Prepayment>();
    serde_in_out::<PrepaymentMode>();
    serde_in_out::<Settlement>();
    serde_in_out::<Lapse>();
    serde_in_out::<LapseRule>();
    serde_in_out::<ArrearsTolerance>();
    serde_in_out::<LapseTrigger>();
    // The account of a plan.
    serde_in_out::<Account>();
    serde_in_out::<Event>();
    serde_in_out::<CreditMove>();
    serde_in_out::<CreditUse>();
};

// ---------------------------------------------------------------------------------------------
// Fixtures: the crate's worked example (three invoices and the recovery compensation, a budget, a
// plan, two payments), and what each area computes from it.

/// What is owed: three invoices and the fixed recovery compensation.
fn debt() -> Debt {
    Debt::new(Currency::EUR)
        .with_claim(
            Claim::new("F-2026-0418", m("1850.00 EUR"))
                .unwrap()
                .issued_on(d(2026, 4, 18))
                .unwrap(),
        )
        .unwrap()
        .with_claim(Claim::new("F-2026-0502", m("1620.00 EUR")).unwrap())
        .unwrap()
        .with_claim(Claim::new("F-2026-0611", m("1260.00 EUR")).unwrap())
        .unwrap()
        .with_fee(Fee::new("recovery compensation", m("120.00 EUR")).unwrap())
        .unwrap()
}

/// The same debt over 12 months at 3 %, a tenth paid down on signing, in steps of 10 cents, on
/// French business days.
fn plan_request() -> PlanRequest {
    PlanRequest::new(debt(), d(2027, 1, 5), Frequency::MONTHLY, Sizing::Count(12))
        .interest(Interest::Annuity("3%".parse().unwrap()))
        .down_payment(DownPayment::amount(m("485.00 EUR"), d(2026, 12, 10)))
        .step(m("0.10 EUR"))
        .remainder(Remainder::Last)
        .business_days(BusinessDayRule::ModifiedFollowing, HolidayCalendar::France)
}

fn schedule() -> Schedule {
    plan_request().generate().unwrap()
}

/// Two payments, the second one late; penalties at 10 % plus 40.00 EUR per late instalment, a
/// regularity bonus of 5 % of the last instalment, reminders 5 days before and dunning letters.
fn statement() -> Statement {
    let plan = schedule();
    let payments = [
        Payment::new("VIR-0", d(2026, 12, 10), m("485.00 EUR")).unwrap(),
        Payment::new("VIR-1", d(2027, 1, 5), m("381.10 EUR")).unwrap(),
        Payment::new("VIR-2", d(2027, 2, 12), m("400.00 EUR")).unwrap(),
    ];
    let options = StatementOptions::new(AllocationPolicy::france_1343_1())
        .with_penalties(penalty_policy())
        .with_regularity_bonus(
            RegularityBonus::new(RegularityReward::ReduceLast(Reduction::Percent(
                "5%".parse().unwrap(),
            )))
            .unwrap()
            .with_tolerance_days(10),
        )
        .with_reminders(
            ReminderRules::new()
                .with_days_before(5)
                .with_dunning_after(10)
                .with_dunning_after(30),
        )
        .agreed_on(d(2026, 12, 10));
    Statement::new(&plan, &payments, &options, d(2027, 2, 20)).unwrap()
}

fn penalty_policy() -> PenaltyPolicy {
    PenaltyPolicy::new(PenaltyRate::fixed("10%".parse().unwrap()))
        .with_compensation(
            Compensation::fixed(m("40.00 EUR"))
                .unwrap()
                .with_basis(CompensationBasis::PerItem),
        )
        .with_day_count(DayCount::Actual365)
}

/// The French B2B rules (ECB rate + 10 points, half-yearly, 40.00 EUR per invoice) on two invoices
/// of 2026, one paid in part.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Penalties {
    policy: PenaltyPolicy,
    items: Vec<OverdueItem>,
    statement: PenaltyStatement,
}

fn penalties() -> Penalties {
    let policy = PenaltyPolicy::france_b2b().unwrap();
    let items = vec![
        OverdueItem::new("F-2026-0418", d(2026, 3, 31), m("1850.00 EUR"))
            .unwrap()
            .with_payment(PartialPayment::new(d(2026, 5, 15), m("850.00 EUR")).unwrap())
            .unwrap(),
        OverdueItem::new("F-2026-0502", d(2026, 6, 30), m("1620.00 EUR")).unwrap(),
    ];
    let statement = policy
        .compute(Currency::EUR, &items, d(2026, 9, 30))
        .unwrap();
    Penalties {
        policy,
        items,
        statement,
    }
}

/// The budget of the crate's example, with a household and a plan already being paid.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct CapacityCase {
    budget: Budget,
    policy: CapacityPolicy,
    capacity: Capacity,
}

fn budget() -> Budget {
    Budget::new(Currency::EUR)
        .with_line(
            BudgetLine::new(
                "salary",
                Category::Salary,
                m("2100.00 EUR"),
                Frequency::MONTHLY,
            )
            .unwrap(),
        )
        .unwrap()
        .with_line(
            BudgetLine::new("rent", Category::Rent, m("750.00 EUR"), Frequency::MONTHLY).unwrap(),
        )
        .unwrap()
        .with_line(
            BudgetLine::new("food", Category::Food, m("80.00 EUR"), Frequency::WEEKLY).unwrap(),
        )
        .unwrap()
        .with_commitment(Commitment::new("car loan", m("90.00 EUR"), Frequency::MONTHLY).unwrap())
        .unwrap()
        .with_household(Household::new(1, 1).unwrap())
}

fn capacity_case() -> CapacityCase {
    let budget = budget();
    let policy = CapacityPolicy::new()
        .max_share("40%".parse().unwrap())
        .protected_minimum(ProtectedMinimum::france_rsa_one_person_2025().unwrap())
        .seizure_ceiling(SeizureScale::france(2026).unwrap());
    let capacity = budget.capacity(&policy, Frequency::MONTHLY).unwrap();
    CapacityCase {
        budget,
        policy,
        capacity,
    }
}

/// The wage-seizure scale of 2026 on 26,400.00 EUR a year with one dependant.
fn seizable() -> Seizable {
    SeizureScale::france(2026)
        .unwrap()
        .seizable_annual(m("26400.00 EUR"), 1)
        .unwrap()
}

/// Two years of instalments on an earlier plan, a few of them late, and two agreements.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct ProfileCase {
    history: PaymentHistory,
    rules: ProfileRules,
    profile: Profile,
}

fn profile_case() -> ProfileCase {
    let mut history = PaymentHistory::new(Currency::EUR);
    // Instalment k due on the 5th of month k of 2025, paid `late[k]` days after (None: unpaid).
    let late = [
        Some(0),
        Some(2),
        Some(0),
        Some(12),
        Some(0),
        Some(40),
        Some(0),
        Some(3),
        None,
    ];
    for (k, late) in late.iter().enumerate() {
        let month = u32::try_from(k).unwrap() + 1;
        let due = d(2025, month, 5);
        let item = OverdueItem::new(format!("E-{month:02}"), due, m("250.00 EUR")).unwrap();
        let item = match late {
            Some(days) => item.paid_on(due + Days::new(*days)).unwrap(),
            None => item,
        };
        history = history.with_item(item).unwrap();
    }
    history = history
        .with_agreement(
            Agreement::new("A-2024", d(2024, 3, 1))
                .unwrap()
                .honoured_on(d(2024, 12, 1))
                .unwrap(),
        )
        .unwrap()
        .with_agreement(
            Agreement::new("A-2025", d(2025, 1, 1))
                .unwrap()
                .broken_on(d(2025, 10, 20))
                .unwrap(),
        )
        .unwrap();
    let rules = ProfileRules::new()
        .with_tolerance_days(3)
        .with_trend_window(3);
    let profile = Profile::from_history(&history, d(2025, 11, 30), &rules).unwrap();
    ProfileCase {
        history,
        rules,
        profile,
    }
}

/// The options offered on the debt to a debtor with the profile above.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct ProposalCase {
    request: ProposalRequest,
    proposals: Proposals,
}

fn proposal_case() -> ProposalCase {
    let capacity = capacity_case().capacity;
    let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD)
        .with_settlement(SettlementDiscount::percent("5%".parse().unwrap(), 15))
        .with_down_payment_from(RiskTier::Medium, "10%".parse().unwrap())
        .with_minimum_instalment(m("50.00 EUR"));
    let request =
        ProposalRequest::from_capacity(debt(), &capacity, d(2026, 12, 10), d(2027, 1, 5), policy)
            .unwrap()
            .with_profile(&profile_case().profile);
    let proposals = request.propose().unwrap();
    ProposalCase { request, proposals }
}

/// "2/10 net 30" on an invoice of 10,000.00 + 2,000.00 VAT, half paid in the window, the rest
/// after it; and its implied annual cost.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct EarlyPayment {
    terms: EarlyPaymentDiscount,
    invoice: TaxedAmount,
    outcome: EarlyPaymentOutcome,
    implied_cost: ImpliedCost,
}

fn early_payment() -> EarlyPayment {
    let terms = EarlyPaymentDiscount::new(
        Reduction::Percent("2%".parse().unwrap()),
        DiscountWindow::WithinDays(10),
    )
    .unwrap()
    .with_net_days(30)
    .unwrap();
    let invoice = TaxedAmount::new(m("10000.00 EUR"), m("2000.00 EUR")).unwrap();
    // Net 11,760.00: 5,880.00 within the window settles 6,000.00; 6,000.00 after it the rest.
    let payments = [
        PartialPayment::new(d(2027, 3, 5), m("5880.00 EUR")).unwrap(),
        PartialPayment::new(d(2027, 3, 25), m("6000.00 EUR")).unwrap(),
    ];
    let outcome = terms.apply(invoice, d(2027, 3, 1), &payments).unwrap();
    EarlyPayment {
        terms,
        invoice,
        outcome,
        implied_cost: implied_annual_cost("2%".parse().unwrap(), 20).unwrap(),
    }
}

/// A payoff offer of 10 % off on the plan after three instalments, penalties included; the
/// regularity bonus on the same payments; a waiver granted with the plan.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Incentives {
    offer: SettlementOffer,
    quote: SettlementQuote,
    bonus: RegularityBonus,
    regularity: RegularityOutcome,
    waiver: ConditionalWaiver,
}

/// The down payment and instalment 1 paid on their due dates, instalment 2 four days late with
/// its penalties: 40.00 of compensation and 369.70 × 10 % × 4 / 365 = 0.41 of interest, which the
/// French order pays first.
fn paid_on_plan() -> Vec<Payment> {
    let plan = schedule();
    plan.instalments()
        .iter()
        .take(3)
        .map(|i| {
            let (late, penalties) = if i.number() == 2 {
                (4, m("40.41 EUR"))
            } else {
                (0, m("0.00 EUR"))
            };
            let amount = i.amount().checked_add(penalties).unwrap();
            let reference = format!("VIR-{}", i.number());
            Payment::new(reference, i.due_date() + Days::new(late), amount).unwrap()
        })
        .collect()
}

fn incentives() -> Incentives {
    let plan = schedule();
    let options = StatementOptions::default().with_penalties(penalty_policy());
    let statement = Statement::new(&plan, &paid_on_plan(), &options, d(2027, 3, 20)).unwrap();
    let offer = SettlementOffer::new(d(2027, 3, 20), Reduction::Percent("10%".parse().unwrap()))
        .unwrap()
        .applies_to(SettlementBase::Total);
    let quote = offer.quote(&statement).unwrap();
    let bonus = RegularityBonus::new(RegularityReward::WaivePenalties)
        .unwrap()
        .with_tolerance_days(5);
    let regularity = bonus.evaluate(&statement).unwrap();
    let waiver = ConditionalWaiver::new(Waived::PercentOfPrincipal("10%".parse().unwrap()))
        .unwrap()
        .on_completion(d(2027, 12, 6))
        .unwrap();
    Incentives {
        offer,
        quote,
        bonus,
        regularity,
        waiver,
    }
}

/// A plan of 1,200.00 EUR over 12 months rescheduled, postponed, prepaid and settled; the same
/// plan lapsed after two missed instalments; what was outstanding before the first adjustment.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Adjustments {
    history: PlanHistory,
    lapsed: PlanHistory,
    outstanding: Outstanding,
}

fn adjustments() -> Adjustments {
    let plan = PlanRequest::new(
        crate::debt("1200.00 EUR"),
        d(2027, 1, 15),
        Frequency::MONTHLY,
        Sizing::Count(12),
    )
    .generate()
    .unwrap();
    let paid: Vec<Payment> = plan
        .instalments()
        .iter()
        .take(3)
        .map(|i| Payment::new(format!("VIR-{}", i.number()), i.due_date(), i.amount()).unwrap())
        .collect();
    // The adjustments after the first read statements of the versions they adjust: the account
    // makes them.
    let mut account =
        Account::new(plan.clone(), d(2027, 1, 5), StatementOptions::default()).unwrap();
    for payment in &paid {
        account.pay(payment.clone()).unwrap();
    }
    let outstanding = account.outstanding(d(2027, 4, 1)).unwrap();
    account
        .reschedule(
            d(2027, 4, 1),
            Reschedule::new(Sizing::Count(10))
                .interest(Interest::Annuity("2%".parse().unwrap()))
                .penalties(PenaltyCharge::Amount(m("25.00 EUR")), Treatment::Waive)
                .by("creditor"),
        )
        .unwrap();
    account
        .postpone(
            d(2027, 4, 2),
            Postponement::new(1, 1, PostponeMode::ExtendTerm)
                .unwrap()
                .by("debtor"),
        )
        .unwrap();
    account
        .prepay(
            d(2027, 4, 3),
            Prepayment::new(m("100.00 EUR"), PrepaymentMode::ShortenTerm)
                .unwrap()
                .by("debtor"),
        )
        .unwrap();
    account
        .settle(
            d(2027, 4, 4),
            Settlement::new(
                SettlementOffer::new(d(2027, 6, 30), Reduction::Percent("5%".parse().unwrap()))
                    .unwrap(),
            )
            .by("creditor"),
        )
        .unwrap();
    let history = account.history().clone();
    let signed = PlanHistory::new(plan.clone(), d(2027, 1, 5));
    let lapse = Lapse::new(
        LapseRule::missed(2)
            .unwrap()
            .or_overdue(m("300.00 EUR"), 30)
            .unwrap(),
    )
    .reinstating(
        vec![ConditionalWaiver::new(Waived::Amount(m("200.00 EUR"))).unwrap()],
        m("1400.00 EUR"),
        m("0.00 EUR"),
    )
    .by("creditor");
    let on = Statement::new(&plan, &paid, &StatementOptions::default(), d(2027, 5, 16)).unwrap();
    let lapsed = signed.lapse(&on, lapse).unwrap();
    Adjustments {
        history,
        lapsed,
        outstanding,
    }
}

/// A plan of 600.00 EUR over 6 months on the last day of each month, followed in an account whose
/// creditor keeps what is paid ahead as credit: 250.00 paid on 31 January (100.00 for instalment
/// 1, 150.00 held), 50.00 of it refunded, the 500.00 left rescheduled over 4 months on 10
/// February (the 100.00 of credit carried over), and the first new instalment paid.
fn account() -> Account {
    let plan = PlanRequest::new(
        crate::debt("600.00 EUR"),
        d(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(6),
    )
    .generate()
    .unwrap();
    let options = StatementOptions::new(
        AllocationPolicy::france_1343_1().with_surplus(Surplus::KeepAsCredit),
    );
    let mut account = Account::new(plan, d(2027, 1, 10), options).unwrap();
    account
        .pay(Payment::new("VIR-1", d(2027, 1, 31), m("250.00 EUR")).unwrap())
        .unwrap();
    account
        .refund("RBT-1", d(2027, 2, 5), m("50.00 EUR"))
        .unwrap();
    account
        .reschedule(
            d(2027, 2, 10),
            Reschedule::new(Sizing::Count(4)).by("creditor"),
        )
        .unwrap();
    account
        .pay(Payment::new("VIR-2", d(2027, 2, 28), m("125.00 EUR")).unwrap())
        .unwrap();
    account
}

/// Values of the small types, each in one field.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Basics {
    money: Money,
    money_jpy: Money,
    money_tnd: Money,
    currency: Currency,
    rounding: Rounding,
    annual_rate: AnnualRate,
    periodic_rate: PeriodicRate,
    percent: Percent,
    frequencies: Vec<Frequency>,
    language: Language,
    day_count: DayCount,
    year_fraction: YearFraction,
    year_fraction_across_a_year_end: YearFraction,
    exact_interest: ExactInterest,
    business_day_rule: BusinessDayRule,
    holiday_calendar: HolidayCalendar,
}

fn basics() -> Basics {
    let days = DayCount::Actual365
        .year_fraction(d(2027, 1, 31), d(2027, 3, 2))
        .unwrap();
    Basics {
        money: m("1850.00 EUR"),
        money_jpy: m("120000 JPY"),
        money_tnd: m("1.250 TND"),
        currency: Currency::EUR,
        rounding: Rounding::HalfEven,
        annual_rate: "5.25%".parse().unwrap(),
        periodic_rate: "5.25%"
            .parse::<AnnualRate>()
            .unwrap()
            .periodic(Frequency::QUARTERLY),
        percent: "40%".parse().unwrap(),
        frequencies: vec![
            Frequency::MONTHLY,
            Frequency::EVERY_2_WEEKS,
            Frequency::every_days(10).unwrap(),
        ],
        language: Language::French,
        day_count: DayCount::ActualActualIsda,
        year_fraction: days,
        year_fraction_across_a_year_end: DayCount::ActualActualIsda
            .year_fraction(d(2023, 12, 30), d(2024, 1, 2))
            .unwrap(),
        exact_interest: ExactInterest::new(m("5000.00 EUR"), "10%".parse().unwrap(), days).unwrap(),
        business_day_rule: BusinessDayRule::ModifiedFollowing,
        holiday_calendar: HolidayCalendar::FranceAlsaceMoselle,
    }
}

/// Every variant of the public enums, as JSON spells it, and options left out of a plan for each
/// reason.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Variants {
    roundings: Vec<Rounding>,
    languages: Vec<Language>,
    day_counts: Vec<DayCount>,
    business_day_rules: Vec<BusinessDayRule>,
    holiday_calendars: Vec<HolidayCalendar>,
    sizings: Vec<Sizing>,
    interests: Vec<Interest>,
    capacity_shapes: Vec<CapacityShape>,
    remainders: Vec<Remainder>,
    instalment_kinds: Vec<InstalmentKind>,
    rate_revisions: Vec<RateRevision>,
    legal_rate_creditors: Vec<LegalRateCreditor>,
    compensation_bases: Vec<CompensationBasis>,
    caps: Vec<Cap>,
    categories: Vec<Category>,
    capacity_line_kinds: Vec<CapacityLineKind>,
    limiting_factors: Vec<LimitingFactor>,
    agreement_outcomes: Vec<AgreementOutcome>,
    trends: Vec<Trend>,
    risk_tiers: Vec<RiskTier>,
    tier_reasons: Vec<TierReason>,
    proposal_kinds: Vec<ProposalKind>,
    omissions: Vec<Omission>,
    omitted: Vec<Omitted>,
    discount_windows: Vec<DiscountWindow>,
    payment_timings: Vec<PaymentTiming>,
    settlement_bases: Vec<SettlementBase>,
    regularity_rewards: Vec<RegularityReward>,
    regularity_outcomes: Vec<RegularityOutcome>,
    waived: Vec<Waived>,
    waiver_conditions: Vec<WaiverCondition>,
    waiver_statuses: Vec<WaiverStatus>,
    instalment_selectors: Vec<InstalmentSelector>,
    components: Vec<Component>,
    sweeps: Vec<Sweep>,
    surpluses: Vec<Surplus>,
    allocation_targets: Vec<AllocationTarget>,
    instalment_statuses: Vec<InstalmentStatus>,
    reminder_kinds: Vec<ReminderKind>,
    plan_statuses: Vec<PlanStatus>,
    adjustment_kinds: Vec<AdjustmentKind>,
    treatments: Vec<Treatment>,
    penalty_charges: Vec<PenaltyCharge>,
    postpone_modes: Vec<PostponeMode>,
    prepayment_modes: Vec<PrepaymentMode>,
    lapse_triggers: Vec<LapseTrigger>,
    arrears_tolerances: Vec<ArrearsTolerance>,
    credit_uses: Vec<CreditUse>,
    events: Vec<Event>,
}

fn variants() -> Variants {
    let rate = || "4%".parse::<AnnualRate>().unwrap();
    // A capacity of 60.00 a month for 4,850.00 within 24 months, no settlement offered.
    let omitted = ProposalRequest::new(
        debt(),
        m("60.00 EUR"),
        d(2026, 12, 10),
        d(2027, 1, 5),
        CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD),
    )
    .propose()
    .unwrap()
    .omitted()
    .to_vec();
    Variants {
        roundings: vec![
            Rounding::HalfUp,
            Rounding::HalfEven,
            Rounding::Down,
            Rounding::Up,
        ],
        languages: vec![Language::English, Language::French],
        day_counts: vec![
            DayCount::Actual365,
            DayCount::Actual360,
            DayCount::ActualActualIsda,
            DayCount::Thirty360,
        ],
        business_day_rules: vec![
            BusinessDayRule::Unadjusted,
            BusinessDayRule::Following,
            BusinessDayRule::ModifiedFollowing,
            BusinessDayRule::Preceding,
        ],
        holiday_calendars: vec![
            HolidayCalendar::WeekendsOnly,
            HolidayCalendar::France,
            HolidayCalendar::FranceAlsaceMoselle,
        ],
        sizings: vec![
            Sizing::Count(12),
            Sizing::Amount(m("250.00 EUR")),
            Sizing::Capacity {
                capacity: m("250.00 EUR"),
                shape: CapacityShape::Level,
            },
            Sizing::EndDate(d(2027, 12, 31)),
        ],
        interests: vec![
            Interest::None,
            Interest::Annuity(rate()),
            Interest::EqualPrincipal(rate()),
        ],
        capacity_shapes: vec![CapacityShape::FullCapacity, CapacityShape::Level],
        remainders: vec![Remainder::Last, Remainder::First],
        instalment_kinds: vec![InstalmentKind::DownPayment, InstalmentKind::Regular],
        rate_revisions: vec![
            RateRevision::HalfYearly,
            RateRevision::FixedAtHalfYearStart,
            RateRevision::FixedAtPrecedingHalfYearEnd,
            RateRevision::FixedAtFirstDay,
            RateRevision::EachChange,
        ],
        legal_rate_creditors: vec![
            LegalRateCreditor::PersonalCreditor,
            LegalRateCreditor::OtherCases,
        ],
        compensation_bases: vec![CompensationBasis::PerClaim, CompensationBasis::PerItem],
        caps: vec![
            Cap::amount(m("500.00 EUR")).unwrap(),
            Cap::percent_of_base(rust_decimal::Decimal::new(20, 0)).unwrap(),
        ],
        categories: vec![
            Category::Salary,
            Category::Benefits,
            Category::Pension,
            Category::OtherIncome,
            Category::Rent,
            Category::Energy,
            Category::Food,
            Category::Transport,
            Category::Insurance,
            Category::Taxes,
            Category::Childcare,
            Category::LoanRepayment,
            Category::OtherExpense,
        ],
        capacity_line_kinds: vec![
            CapacityLineKind::Income,
            CapacityLineKind::Expense,
            CapacityLineKind::Disposable,
            CapacityLineKind::ShareLimit,
            CapacityLineKind::ProtectedMinimum,
            CapacityLineKind::SeizureCeiling,
            CapacityLineKind::Commitment,
            CapacityLineKind::Result,
        ],
        limiting_factors: vec![
            LimitingFactor::DisposableIncome,
            LimitingFactor::MaxShare,
            LimitingFactor::ProtectedMinimum,
            LimitingFactor::SeizureCeiling,
            LimitingFactor::Commitments,
        ],
        agreement_outcomes: vec![
            AgreementOutcome::InProgress,
            AgreementOutcome::Honoured,
            AgreementOutcome::Broken,
        ],
        trends: vec![
            Trend::NotEnoughData,
            Trend::Improving,
            Trend::Stable,
            Trend::Worsening,
        ],
        risk_tiers: vec![RiskTier::Low, RiskTier::Medium, RiskTier::High],
        tier_reasons: vec![
            TierReason::NoHistory,
            TierReason::WithinThresholds,
            TierReason::BrokenAgreements {
                count: 2,
                threshold: 1,
            },
            TierReason::MissedPayments {
                count: 3,
                threshold: 3,
            },
            TierReason::OnTimeRatioBelow {
                ratio: "62.5%".parse().unwrap(),
                threshold: "80%".parse().unwrap(),
            },
            TierReason::DaysLateAbove {
                days: 45,
                threshold: 30,
            },
        ],
        proposal_kinds: ProposalKind::ALL.to_vec(),
        omissions: vec![
            Omission::NotOffered,
            Omission::NoCapacity,
            Omission::Unaffordable {
                needed: m("202.09 EUR"),
                available: m("60.00 EUR"),
            },
            Omission::NeverRepaid {
                interest: m("16.17 EUR"),
            },
            Omission::BelowMinimum {
                amount: m("35.00 EUR"),
                minimum: m("50.00 EUR"),
            },
            Omission::SameAs(ProposalKind::Shortest),
        ],
        omitted,
        discount_windows: vec![
            DiscountWindow::WithinDays(10),
            DiscountWindow::Until(d(2027, 3, 15)),
        ],
        payment_timings: vec![PaymentTiming::WithinWindow, PaymentTiming::AfterWindow],
        settlement_bases: vec![
            SettlementBase::Total,
            SettlementBase::Principal,
            SettlementBase::Penalties,
        ],
        regularity_rewards: vec![
            RegularityReward::ReduceLast(Reduction::amount(m("50.00 EUR")).unwrap()),
            RegularityReward::WaivePenalties,
        ],
        regularity_outcomes: vec![
            RegularityOutcome::Earned {
                amount: m("18.40 EUR"),
            },
            RegularityOutcome::Pending {
                on_time: 4,
                to_come: 7,
            },
            RegularityOutcome::Forfeited {
                instalment: 5,
                days_late: 12,
            },
        ],
        waived: vec![
            Waived::Amount(m("200.00 EUR")),
            Waived::PercentOfPrincipal("10%".parse().unwrap()),
            Waived::Penalties,
        ],
        waiver_conditions: vec![WaiverCondition::PlanCompleted],
        waiver_statuses: vec![
            WaiverStatus::Pending,
            WaiverStatus::Granted,
            WaiverStatus::Reinstated,
        ],
        instalment_selectors: vec![
            InstalmentSelector::Overdue,
            InstalmentSelector::DueToday,
            InstalmentSelector::NotYetDue,
        ],
        components: vec![
            Component::Fees,
            Component::Compensation,
            Component::Penalties,
            Component::Interest,
            Component::Principal,
        ],
        sweeps: vec![Sweep::ComponentByComponent, Sweep::InstalmentByInstalment],
        surpluses: vec![Surplus::ApplyToNextInstalments, Surplus::KeepAsCredit],
        allocation_targets: vec![
            AllocationTarget::Instalment {
                number: 3,
                component: Component::Interest,
            },
            AllocationTarget::Credit,
        ],
        instalment_statuses: vec![
            InstalmentStatus::Paid,
            InstalmentStatus::PaidLate { days_late: 7 },
            InstalmentStatus::PartiallyPaid,
            InstalmentStatus::Overdue { days_overdue: 15 },
            InstalmentStatus::DueToday,
            InstalmentStatus::Upcoming,
        ],
        reminder_kinds: vec![
            ReminderKind::BeforeDue { days_before: 5 },
            ReminderKind::Dunning {
                level: 2,
                days_after: 30,
            },
        ],
        plan_statuses: vec![
            PlanStatus::Active,
            PlanStatus::Completed,
            PlanStatus::Settled,
            PlanStatus::Lapsed,
        ],
        adjustment_kinds: vec![
            AdjustmentKind::Reschedule,
            AdjustmentKind::Postpone,
            AdjustmentKind::Prepay,
            AdjustmentKind::Settle,
            AdjustmentKind::Lapse,
        ],
        treatments: vec![Treatment::Capitalise, Treatment::Waive, Treatment::DueNow],
        penalty_charges: vec![
            PenaltyCharge::Policy(penalty_policy()),
            PenaltyCharge::Amount(m("25.00 EUR")),
        ],
        postpone_modes: vec![PostponeMode::ExtendTerm, PostponeMode::SpreadOverRemaining],
        prepayment_modes: vec![
            PrepaymentMode::ShortenTerm,
            PrepaymentMode::LowerInstalments,
        ],
        lapse_triggers: vec![
            LapseTrigger::MissedInstalments {
                numbers: vec![4, 5],
            },
            LapseTrigger::OverdueAmount {
                amount: m("300.00 EUR"),
                days: 30,
                since: d(2027, 4, 15),
            },
        ],
        arrears_tolerances: vec![
            ArrearsTolerance::amount(m("5.00 EUR")).unwrap(),
            ArrearsTolerance::share("1%".parse().unwrap()).unwrap(),
            ArrearsTolerance::amount(m("5.00 EUR"))
                .unwrap()
                .or_share("1%".parse().unwrap())
                .unwrap(),
        ],
        credit_uses: vec![CreditUse::Applied, CreditUse::Refunded],
        events: vec![
            Event::Payment(Payment::new("VIR-1", d(2027, 1, 31), m("250.00 EUR")).unwrap()),
            Event::Credit(
                CreditMove::new(
                    "CREDIT-1",
                    d(2027, 2, 5),
                    m("50.00 EUR"),
                    CreditUse::Applied,
                )
                .unwrap(),
            ),
            Event::Reschedule {
                date: d(2027, 2, 10),
                terms: Reschedule::new(Sizing::Count(10)),
            },
            Event::Postpone {
                date: d(2027, 3, 1),
                postponement: Postponement::new(3, 3, PostponeMode::ExtendTerm).unwrap(),
            },
            Event::Prepay {
                date: d(2027, 4, 1),
                prepayment: Prepayment::new(m("100.00 EUR"), PrepaymentMode::LowerInstalments)
                    .unwrap(),
            },
            Event::Settle {
                date: d(2027, 5, 1),
                settlement: Settlement::new(
                    SettlementOffer::new(d(2027, 5, 15), Reduction::Percent("5%".parse().unwrap()))
                        .unwrap(),
                ),
            },
            Event::Lapse {
                date: d(2027, 6, 1),
                lapse: Lapse::new(
                    LapseRule::missed(2)
                        .unwrap()
                        .with_tolerance(ArrearsTolerance::amount(m("1.00 EUR")).unwrap()),
                ),
            },
        ],
    }
}

// ---------------------------------------------------------------------------------------------
// Golden files.

fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/json")
        .join(format!("{name}.json"))
}

fn bless() -> bool {
    std::env::var_os("ECHEANCIER_BLESS").is_some_and(|v| v == "1")
}

/// `value` as JSON matches the golden file `name` exactly, and the file reads back to `value`.
fn golden<T: Serialize + DeserializeOwned + PartialEq + Debug>(name: &str, value: &T) {
    let path = golden_path(name);
    let mut json = serde_json::to_string_pretty(value).unwrap();
    json.push('\n');
    if bless() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &json).unwrap();
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; write it with ECHEANCIER_BLESS=1",
            path.display()
        )
    });
    assert!(
        expected == json,
        "the JSON of {name} differs from {}:\n{}",
        path.display(),
        first_difference(&expected, &json)
    );
    let back: T = serde_json::from_str(&expected)
        .unwrap_or_else(|e| panic!("{} does not read back: {e}", path.display()));
    assert_eq!(
        &back,
        value,
        "{} reads back to another value",
        path.display()
    );
}

fn first_difference(expected: &str, actual: &str) -> String {
    expected
        .lines()
        .zip(actual.lines())
        .enumerate()
        .find(|(_, (e, a))| e != a)
        .map_or_else(
            || "one text is longer than the other".to_owned(),
            |(line, (e, a))| format!("line {}:\n  expected {e}\n  actual   {a}", line + 1),
        )
}

#[test]
fn golden_basics() {
    golden("basics", &basics());
}

#[test]
fn golden_plan_request() {
    golden("plan_request", &plan_request());
}

#[test]
fn golden_schedule() {
    golden("schedule", &schedule());
}

#[test]
fn golden_statement() {
    golden("statement", &statement());
}

#[test]
fn golden_penalties() {
    golden("penalties", &penalties());
}

#[test]
fn golden_capacity() {
    golden("capacity", &capacity_case());
}

#[test]
fn golden_seizable() {
    golden("seizable", &seizable());
}

#[test]
fn golden_profile() {
    golden("profile", &profile_case());
}

#[test]
fn golden_proposals() {
    golden("proposals", &proposal_case());
}

#[test]
fn golden_early_payment() {
    golden("early_payment", &early_payment());
}

#[test]
fn golden_incentives() {
    golden("incentives", &incentives());
}

#[test]
fn golden_variants() {
    golden("variants", &variants());
}

#[test]
fn golden_adjustments() {
    golden("adjustments", &adjustments());
}

#[test]
fn golden_account() {
    golden("account", &account());
}

/// The parties and payment methods of a written agreement.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct AgreementParts {
    creditor: echeancier::Party,
    debtor: echeancier::Party,
    payment_methods: Vec<echeancier::PaymentMethod>,
}

fn agreement_parts() -> AgreementParts {
    use echeancier::{Party, PaymentMethod};
    AgreementParts {
        creditor: Party::new("Atelier Durand SARL")
            .with_address_line("12 rue des Lilas")
            .with_address_line("69003 Lyon")
            .with_contact("compta@durand.example"),
        debtor: Party::new("Boulangerie Petit & Fils EURL"),
        payment_methods: vec![
            PaymentMethod::bank_transfer("FR76 3000 6000 0112 3456 7890 189", "PLAN-2027-014")
                .with_bic("AGRIFRPP"),
            PaymentMethod::direct_debit("RUM-DURAND-0042"),
            PaymentMethod::cheque("Atelier Durand SARL"),
            PaymentMethod::other("En espèces au guichet"),
        ],
    }
}

#[test]
fn golden_agreement_parts() {
    golden("agreement_parts", &agreement_parts());
}

// ---------------------------------------------------------------------------------------------
// Tampered JSON is refused, and the message names the problem.

/// What to do to the JSON at a pointer.
enum Edit {
    Set(serde_json::Value),
    Remove,
}

/// Reads the golden file `name` as a `T` after `edit` at `pointer`, and checks that it is
/// refused with a message containing `expected`.
fn refused<T: DeserializeOwned + Debug>(name: &str, pointer: &str, edit: Edit, expected: &str) {
    let text = fs::read_to_string(golden_path(name)).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    match edit {
        Edit::Set(value) => match json.pointer_mut(pointer) {
            Some(target) => *target = value,
            None => {
                let (parent, key) = pointer.rsplit_once('/').unwrap();
                let object = json.pointer_mut(parent).and_then(|p| p.as_object_mut());
                object
                    .unwrap_or_else(|| panic!("{name} has no object at {parent}"))
                    .insert(key.to_owned(), value);
            }
        },
        Edit::Remove => {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            let removed = json
                .pointer_mut(parent)
                .and_then(|p| p.as_object_mut())
                .and_then(|o| o.remove(key));
            assert!(removed.is_some(), "{name} has nothing at {pointer}");
        }
    }
    match serde_json::from_value::<T>(json) {
        Ok(value) => panic!("{name} with {pointer} edited was read: {value:?}"),
        Err(e) => assert!(
            e.to_string().contains(expected),
            "{name} with {pointer} edited: the message {:?} does not say {expected:?}",
            e.to_string()
        ),
    }
}

fn text(value: &str) -> Edit {
    Edit::Set(serde_json::Value::String(value.to_owned()))
}

#[test]
fn a_changed_amount_is_refused() {
    refused::<Statement>(
        "statement",
        "/paid/amount",
        text("1267.10"),
        "inconsistent statement: paid is 1267.10 EUR, but recomputed from the inputs it is",
    );
    refused::<Schedule>(
        "schedule",
        "/instalments/1/amount/amount",
        text("400.00"),
        "invalid schedule",
    );
    refused::<Penalties>(
        "penalties",
        "/statement/total/amount",
        text("1.00"),
        "inconsistent penalty statement: total is 1.00 EUR, but its parts make",
    );
    refused::<Seizable>(
        "seizable",
        "/annual/amount",
        text("1.00"),
        "inconsistent seizable: annual is 1.00 EUR, but its parts make",
    );
    refused::<ProposalCase>(
        "proposals",
        "/proposals/total_due/amount",
        text("4000.00"),
        "inconsistent proposals",
    );
    refused::<EarlyPayment>(
        "early_payment",
        "/outcome/remaining/amount",
        text("1.00"),
        "inconsistent early-payment outcome: remaining is 1.00 EUR",
    );
    refused::<EarlyPayment>(
        "early_payment",
        "/implied_cost/percent",
        text("37"),
        "inconsistent implied cost: percent is 37",
    );
    refused::<Incentives>(
        "incentives",
        "/quote/payoff/amount",
        text("1.00"),
        "inconsistent settlement quote: payoff is 1.00 EUR",
    );
    refused::<Adjustments>(
        "adjustments",
        "/history/current/record/outstanding_after/amount",
        text("1.00"),
        "inconsistent adjustment record: outstanding_after is 1.00 EUR",
    );
    refused::<ProfileCase>(
        "profile",
        "/profile/on_time",
        Edit::Set(serde_json::json!(5)),
        "inconsistent profile: on_time_ratio is 66.67%, but 5 of 9 make 55.56%",
    );
}

#[test]
fn a_negative_amount_is_refused() {
    refused::<Statement>(
        "statement",
        "/payments/1/amount/amount",
        text("-381.10"),
        "must be greater than zero, got -381.10 EUR",
    );
    refused::<Adjustments>(
        "adjustments",
        "/outstanding/credit/amount",
        text("-1.00"),
        "inconsistent outstanding amount: credit must not be negative, got -1.00 EUR",
    );
    refused::<Penalties>(
        "penalties",
        "/statement/compensations/0/amount/amount",
        text("-40.00"),
        "inconsistent compensation line: amount must not be negative, got -40.00 EUR",
    );
}

#[test]
fn an_amount_with_too_many_decimals_is_refused() {
    refused::<Statement>(
        "statement",
        "/payments/1/amount/amount",
        text("381.105"),
        "amount 381.105 has more decimal places than EUR allows (2)",
    );
    refused::<Basics>(
        "basics",
        "/money_jpy/amount",
        text("120000.5"),
        "has more decimal places than JPY allows (0)",
    );
}

#[test]
fn a_misspelled_enum_is_refused() {
    refused::<Variants>(
        "variants",
        "/instalment_statuses/1",
        Edit::Set(serde_json::json!({"payed_late": {"days_late": 7}})),
        "unknown variant `payed_late`",
    );
    refused::<Variants>(
        "variants",
        "/adjustment_kinds/0",
        text("re_schedule"),
        "unknown variant `re_schedule`",
    );
    refused::<Statement>(
        "statement",
        "/instalments/0/status",
        text("payed"),
        "unknown variant `payed`",
    );
    refused::<Basics>(
        "basics",
        "/rounding",
        text("half_evenly"),
        "unknown variant `half_evenly`",
    );
    refused::<Basics>("basics", "/frequencies/0", text("montly"), "montly");
}

#[test]
fn a_missing_field_is_refused() {
    refused::<Statement>("statement", "/as_of", Edit::Remove, "missing field `as_of`");
    refused::<Penalties>(
        "penalties",
        "/statement/items/0/interest",
        Edit::Remove,
        "missing field `interest`",
    );
    refused::<Adjustments>(
        "adjustments",
        "/history/currency",
        Edit::Remove,
        "missing field `currency`",
    );
}

#[test]
fn an_account_that_its_events_do_not_replay_to_is_refused() {
    // Reading an account records its events again: one that would be refused is refused.
    refused::<Account>(
        "account",
        "/events/1/credit/amount/amount",
        text("500.00"),
        "\"RBT-1\" uses 500.00 EUR of credit, but only 150.00 EUR is held for the debtor",
    );
    refused::<Account>(
        "account",
        "/events/2/reschedule/date",
        text("2027-02-01"),
        "the new event (2027-02-01) must come after the last event recorded (2027-02-05)",
    );
    refused::<Account>(
        "account",
        "/events/3/payment/reference",
        text("VIR-1"),
        "duplicate payment reference \"VIR-1\"",
    );
    refused::<Account>(
        "account",
        "/format",
        Edit::Set(serde_json::json!(2)),
        "format 2 is not the format 1 this version reads",
    );
}

#[test]
fn a_date_that_does_not_exist_is_refused() {
    refused::<Statement>("statement", "/as_of", text("2027-02-30"), "out of range");
    refused::<Penalties>(
        "penalties",
        "/items/1/due_date",
        text("2026-06-31"),
        "out of range",
    );
}

#[test]
fn an_unknown_field_is_refused() {
    refused::<Statement>(
        "statement",
        "/remaining_balanse",
        Edit::Set(serde_json::json!("0.00")),
        "unknown field `remaining_balanse`",
    );
}

#[test]
fn a_wrong_currency_is_refused() {
    refused::<Statement>("statement", "/credit/currency", text("USD"), "credit is");
    refused::<Seizable>(
        "seizable",
        "/bands/0/seizable/currency",
        text("USD"),
        "inconsistent seizure band: seizable is in USD, not in EUR",
    );
}

// ---------------------------------------------------------------------------------------------
// Round trips: every value the library computes reads back equal.

fn round_trips<T: Serialize + DeserializeOwned + PartialEq + Debug>(
    value: &T,
) -> Result<(), TestCaseError> {
    let json = serde_json::to_string(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = serde_json::from_str(&json)
        .map_err(|e| TestCaseError::fail(format!("{e} reading {json}")))?;
    prop_assert_eq!(&back, value);
    Ok(())
}

fn penalty_parts(statement: &PenaltyStatement) -> Result<(), TestCaseError> {
    round_trips(statement)?;
    for item in statement.items() {
        round_trips(item)?;
        round_trips(&item.exact_interest())?;
        for segment in item.segments() {
            round_trips(segment)?;
            round_trips(&segment.year_fraction())?;
            round_trips(&segment.exact_interest())?;
        }
    }
    for line in statement.compensations() {
        round_trips(line)?;
    }
    Ok(())
}

fn schedule_parts(schedule: &Schedule) -> Result<(), TestCaseError> {
    round_trips(schedule)?;
    round_trips(schedule.totals())?;
    round_trips(schedule.derivation())?;
    for i in schedule.instalments() {
        round_trips(i)?;
        round_trips(&i.kind())?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(crate::cases(64))]

    #[test]
    fn parties_and_payment_methods_round_trip(
        name in ".{0,20}",
        lines in proptest::collection::vec(".{0,20}", 0..3),
        contact in proptest::option::of(".{0,20}"),
        text in ".{0,20}",
        bic in proptest::option::of("[A-Z]{8}"),
    ) {
        use echeancier::{Party, PaymentMethod};
        let mut party = Party::new(name);
        for line in &lines {
            party = party.with_address_line(line.clone());
        }
        if let Some(contact) = contact {
            party = party.with_contact(contact);
        }
        let json = serde_json::to_string(&party).unwrap();
        prop_assert_eq!(serde_json::from_str::<Party>(&json).unwrap(), party);
        let mut transfer = PaymentMethod::bank_transfer(text.clone(), text.clone());
        if let Some(bic) = bic {
            transfer = transfer.with_bic(bic);
        }
        for method in [
            transfer,
            PaymentMethod::direct_debit(text.clone()),
            PaymentMethod::cheque(text.clone()),
            PaymentMethod::other(text),
        ] {
            let json = serde_json::to_string(&method).unwrap();
            prop_assert_eq!(serde_json::from_str::<PaymentMethod>(&json).unwrap(), method);
        }
    }

    #[test]
    fn statement_and_its_parts_round_trip(
        plan in crate::statement::plan(),
        payments in crate::statement::payments(),
        options in crate::statement::options(),
        day in 0u64..450,
    ) {
        let as_of = crate::statement::start() + Days::new(day);
        let payments: Vec<Payment> = payments.into_iter().filter(|p| p.date() <= as_of).collect();
        let s = Statement::new(&plan, &payments, &options, as_of).unwrap();
        round_trips(&s)?;
        round_trips(&options)?;
        round_trips(options.allocation())?;
        for step in options.allocation().steps() {
            round_trips(step)?;
        }
        schedule_parts(&plan)?;
        for p in s.payments() {
            round_trips(p)?;
        }
        for line in s.instalments() {
            round_trips(line)?;
            round_trips(&line.status())?;
        }
        for a in s.allocations() {
            round_trips(a)?;
            round_trips(&a.target())?;
        }
        round_trips(&s.next_due())?;
        for r in s.reminders() {
            round_trips(r)?;
            round_trips(&r.kind())?;
        }
        if let Some(penalties) = s.penalties() {
            penalty_parts(penalties)?;
        }
        round_trips(&s.regularity())?;
    }

    #[test]
    fn penalty_statements_round_trip(
        policy in crate::penalty_properties::any_policy(),
        item in crate::penalty_properties::invoice(),
        after in 0u64..350,
    ) {
        let as_of = item.due_date() + Days::new(after);
        let item = crate::penalty_properties::known_by(&item, as_of);
        let statement = policy.compute(Currency::EUR, std::slice::from_ref(&item), as_of).unwrap();
        round_trips(&policy)?;
        round_trips(&item)?;
        penalty_parts(&statement)?;
    }

    #[test]
    fn profiles_round_trip((items, agreements, as_of, rules) in crate::profile::histories()) {
        let history = crate::profile::history_of(&items, &agreements);
        let profile = Profile::from_history(&history, crate::profile::day(as_of), &rules).unwrap();
        round_trips(&profile)?;
        round_trips(&profile.tier())?;
        round_trips(&profile.tier_reason())?;
        round_trips(&profile.trend())?;
        round_trips(&history)?;
        round_trips(&rules)?;
    }

    #[test]
    fn capacities_round_trip(
        budget in crate::capacity::budget(),
        policy in crate::capacity::policy(),
        period in crate::capacity::frequency(),
    ) {
        let capacity = budget.capacity(&policy, period).unwrap();
        round_trips(&capacity)?;
        for line in capacity.breakdown() {
            round_trips(line)?;
            round_trips(&line.kind())?;
            round_trips(&line.detail())?;
        }
        round_trips(&capacity.limiting_factor())?;
        round_trips(&budget)?;
        round_trips(&policy)?;
    }

    #[test]
    fn seizable_amounts_round_trip(
        year in 2024i32..=2026,
        cents in 0i64..10_000_000,
        dependants in 0u32..=6,
    ) {
        let scale = SeizureScale::france(year).unwrap();
        let seizable = scale
            .seizable_annual(Money::from_minor(cents, Currency::EUR).unwrap(), dependants)
            .unwrap();
        round_trips(&seizable)?;
        for band in seizable.bands() {
            round_trips(band)?;
        }
        round_trips(&scale)?;
    }

    #[test]
    fn proposals_round_trip(case in crate::proposals::case()) {
        if let Ok(proposals) = crate::proposals::run(&case) {
            round_trips(&proposals)?;
            for option in proposals.options() {
                round_trips(option)?;
                round_trips(&option.kind())?;
            }
            for omitted in proposals.omitted() {
                round_trips(omitted)?;
                round_trips(&omitted.reason())?;
            }
            round_trips(&crate::proposals::policy_of(&case))?;
        }
    }

    #[test]
    fn early_payment_outcomes_round_trip(
        (invoice, percent, shares) in crate::discounts::invoice_and_payments(),
        days_early in 1u32..=365,
    ) {
        let terms = EarlyPaymentDiscount::new(Reduction::Percent(percent), DiscountWindow::WithinDays(10)).unwrap();
        let issued = d(2027, 3, 1);
        let payments = crate::discounts::payments_for(&terms, invoice, issued, &shares);
        let outcome = terms.apply(invoice, issued, &payments).unwrap();
        round_trips(&outcome)?;
        for line in outcome.lines() {
            round_trips(line)?;
            round_trips(&line.timing())?;
        }
        round_trips(&terms)?;
        round_trips(&invoice)?;
        round_trips(&implied_annual_cost(percent, days_early).unwrap())?;
    }

    #[test]
    fn settlement_quotes_and_regularity_outcomes_round_trip(
        plan in crate::statement::plan(),
        shares in prop::collection::vec(0u32..=100, 12),
        delays in prop::collection::vec(0u64..15, 12),
        pay_by_offset in 0u64..450,
        percent in crate::discounts::discount_percent(),
    ) {
        let payments: Vec<Payment> = plan
            .instalments()
            .iter()
            .zip(shares.iter().zip(&delays))
            .filter_map(|(i, (share, delay))| {
                let cents = i.amount().to_minor().unwrap() * i64::from(*share) / 100;
                (cents > 0).then(|| {
                    let amount = Money::from_minor(cents, Currency::EUR).unwrap();
                    let reference = format!("P-{}", i.number());
                    Payment::new(reference, i.due_date() + Days::new(*delay), amount).unwrap()
                })
            })
            .collect();
        let pay_by = crate::statement::start() + Days::new(pay_by_offset);
        let policy = PenaltyPolicy::new(PenaltyRate::fixed("8%".parse().unwrap()));
        let offer = SettlementOffer::new(pay_by, Reduction::Percent(percent)).unwrap();
        let known: Vec<Payment> = payments.into_iter().filter(|p| p.date() <= pay_by).collect();
        let options = StatementOptions::default().with_penalties(policy);
        let statement = Statement::new(&plan, &known, &options, pay_by).unwrap();
        if let Ok(quote) = offer.quote(&statement) {
            round_trips(&quote)?;
            round_trips(quote.accrued())?;
        }
        let bonus = RegularityBonus::new(RegularityReward::WaivePenalties).unwrap().with_tolerance_days(5);
        let outcome = bonus.evaluate(&statement).unwrap();
        round_trips(&outcome)?;
        round_trips(&offer)?;
        round_trips(&bonus)?;
    }

    #[test]
    fn plan_histories_round_trip(
        schedule in crate::adjust::any_plan(),
        days in prop::collection::vec(0u64..400, 1..4),
        shares in prop::collection::vec(any::<u8>(), 1..8),
        ops in prop::collection::vec(crate::adjust::any_op(), 1..4),
    ) {
        let mut on = schedule.instalments()[0].due_date() - Days::new(20);
        let mut account = crate::adjust::account_with(&schedule, &[]);
        round_trips(account.history())?;
        round_trips(&account)?;
        for (op, step) in ops.iter().zip(days.iter().cycle()) {
            on = on + Days::new(*step);
            let version = account.history().current();
            let Some(current) = version.schedule() else { break };
            // The payments on the version in force up to that day not yet recorded.
            let last = account.events().last().map_or(account.signed_on(), Event::date);
            let recorded: Vec<String> = account.events().iter().filter_map(|e| match e {
                Event::Payment(p) => Some(p.reference().to_owned()),
                _ => None,
            }).collect();
            let paid: Vec<Payment> = crate::adjust::payments(current, version.number(), on, &shares)
                .into_iter()
                .filter(|p| p.date() >= last && !recorded.iter().any(|r| r == p.reference()))
                .collect();
            for payment in paid {
                account.pay(payment).unwrap();
            }
            if let Ok(outstanding) = account.outstanding(on) {
                round_trips(&outstanding)?;
            }
            match crate::adjust::apply_to(&account, on, op) {
                Some(next) => account = next,
                None => continue,
            }
            round_trips(&account)?;
            for event in account.events() {
                round_trips(event)?;
            }
            let history = account.history();
            round_trips(history)?;
            let version = history.current();
            round_trips(version)?;
            round_trips(&version.status())?;
            for kept in version.kept() {
                round_trips(kept)?;
            }
            if let Some(record) = version.record() {
                round_trips(record)?;
                round_trips(record.details())?;
                round_trips(&record.kind())?;
                if let AdjustmentDetails::Lapse { trigger, .. } = record.details() {
                    round_trips(trigger)?;
                }
            }
        }
    }

    #[test]
    fn small_values_round_trip(
        minor in -1_000_000_000i64..1_000_000_000,
        currency in prop::sample::select(vec![Currency::EUR, Currency::JPY, Currency::TND]),
        basis_points in 0i64..=10_000,
        months in 1u32..=24,
        days in 1u32..=60,
        from in 0u64..3000,
        length in 0u64..800,
    ) {
        let money = Money::from_minor(minor, currency).unwrap();
        round_trips(&money)?;
        round_trips(&currency)?;
        let rate = AnnualRate::from_percent(rust_decimal::Decimal::new(basis_points, 2)).unwrap();
        round_trips(&rate)?;
        let percent = Percent::new(rust_decimal::Decimal::new(basis_points, 2)).unwrap();
        round_trips(&percent)?;
        for frequency in [Frequency::every_months(months).unwrap(), Frequency::every_days(days).unwrap()] {
            round_trips(&frequency)?;
            round_trips(&rate.periodic(frequency))?;
        }
        let start = d(2023, 1, 1) + Days::new(from);
        for count in [DayCount::Actual365, DayCount::Actual360, DayCount::ActualActualIsda, DayCount::Thirty360] {
            round_trips(&count)?;
            let fraction = count.year_fraction(start, start + Days::new(length)).unwrap();
            round_trips(&fraction)?;
            if let Ok(exact) = ExactInterest::new(money, rate, fraction) {
                round_trips(&exact)?;
            }
        }
    }
}

#[test]
fn a_year_fraction_reads_only_what_a_day_count_writes() {
    for bad in [
        "30/100",
        "0/366",
        "0/365 + 2/366",
        "2/366 + 3/365",
        "x/365",
        "30",
    ] {
        let json = format!("\"{bad}\"");
        let err = serde_json::from_str::<YearFraction>(&json).unwrap_err();
        assert!(err.to_string().contains("a year fraction"), "{bad}: {err}");
    }
    let f: YearFraction = serde_json::from_str("\"2/365 + 3/366\"").unwrap();
    assert_eq!(
        (f.numerator(), f.denominator()),
        (2 * 366 + 3 * 365, 365 * 366)
    );
}

#[test]
fn a_periodic_rate_reads_only_the_period_of_a_frequency() {
    let err = serde_json::from_str::<PeriodicRate>(
        r#"{"annual": "5%", "numerator": 14, "denominator": 365}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("14/365 of a year"), "{err}");
    let rate: PeriodicRate =
        serde_json::from_str(r#"{"annual": "5%", "numerator": 2, "denominator": 52}"#).unwrap();
    assert_eq!(
        rate,
        "5%".parse::<AnnualRate>()
            .unwrap()
            .periodic(Frequency::EVERY_2_WEEKS)
    );
}

/// A stepped plan's schedule reads back equal; one whose stage was emptied or moved to another
/// currency is refused.
#[test]
fn a_stepped_plan_reads_back_and_its_stages_are_checked() {
    let plan = PlanRequest::new(
        debt(),
        chrono::NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
        Frequency::MONTHLY,
        Sizing::Count(6),
    )
    .stages([echeancier::Stage::new(2, "10.00 EUR".parse().unwrap())])
    .generate()
    .unwrap();
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(
        serde_json::from_value::<Schedule>(json.clone()).unwrap(),
        plan
    );
    for (field, value) in [
        ("count", serde_json::json!(0)),
        (
            "amount",
            serde_json::json!({"amount": "0.00", "currency": "EUR"}),
        ),
        (
            "amount",
            serde_json::json!({"amount": "10.00", "currency": "USD"}),
        ),
    ] {
        let mut bad = json.clone();
        bad["derivation"]["stages"][0][field] = value;
        assert!(serde_json::from_value::<Schedule>(bad).is_err(), "{field}");
    }
}

/// A stored history that was tampered with is refused when read, each rule of its checks on its
/// own: a version numbered out of order, a later version without the record of the adjustment that
/// made it, an instalment kept from version 0 or with more paid and carried than it asked.
#[test]
fn a_tampered_plan_history_is_refused() {
    let plan = PlanRequest::new(
        Debt::single(Claim::new("F", m("300.00 EUR")).unwrap()),
        d(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(3),
    )
    .generate()
    .unwrap();
    // Instalment 1 half paid when the plan is rescheduled: version 2 keeps it.
    let paid = [Payment::new("P-1", d(2027, 1, 31), m("50.00 EUR")).unwrap()];
    let history = PlanHistory::new(plan.clone(), d(2027, 1, 5));
    let at = history
        .statement(&paid, &StatementOptions::default(), d(2027, 2, 10))
        .unwrap();
    let history = history
        .reschedule(&at, Reschedule::new(Sizing::Count(4)))
        .unwrap();
    let json: serde_json::Value = serde_json::to_value(&history).unwrap();
    assert!(serde_json::from_value::<PlanHistory>(json.clone()).is_ok());
    assert!(
        !json["current"]["kept"].as_array().unwrap().is_empty(),
        "{json}"
    );
    let tampered = |change: &dyn Fn(&mut serde_json::Value), words: &str| {
        let mut bad = json.clone();
        change(&mut bad);
        let error = serde_json::from_value::<PlanHistory>(bad)
            .unwrap_err()
            .to_string();
        assert!(error.contains(words), "{error}");
    };
    tampered(&|j| j["current"]["number"] = 3.into(), "is not numbered 2");
    tampered(
        &|j| j["current"]["record"] = serde_json::Value::Null,
        "lacks an adjustment record",
    );
    tampered(
        &|j| j["current"]["kept"][0]["version"] = 0.into(),
        "versions are numbered from 1, not 0",
    );
    tampered(
        &|j| j["current"]["kept"][0]["carried"]["amount"] = "500.00".into(),
        "exceed the instalment",
    );
}
