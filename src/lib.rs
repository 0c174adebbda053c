//! Exact, explainable payment plans (*échéanciers*) for money that is owed.
//!
//! A debtor owes one or more claims; the creditor wants the money back without breaking the
//! relationship; both sign a plan of dated instalments the debtor can afford. This crate computes
//! such plans to the minor unit, reproducibly, and says how it got every figure. It is pure: no I/O,
//! no clock, no global state, and no panic on bad input — every function returns a value or an
//! [`Error`] that names the offending value.
//!
//! # Example
//!
//! From what is owed and what the debtor can afford to a plan, then where it stands after two
//! payments:
//!
//! ```
//! use chrono::NaiveDate;
//! use echeancier::{
//!     AllocationPolicy, Budget, BudgetLine, CapacityPolicy, Category, Claim, CreditorPolicy,
//!     Currency, Debt, Fee, Frequency, InstalmentStatus, Language, MaxDuration, Payment,
//!     ProposalKind, ProposalRequest, Statement, StatementOptions,
//! };
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
//! // What is owed: three invoices and the fixed recovery compensation.
//! let debt = Debt::new(Currency::EUR)
//!     .with_claim(Claim::new("F-2026-0418", "1850.00 EUR".parse()?)?)?
//!     .with_claim(Claim::new("F-2026-0502", "1620.00 EUR".parse()?)?)?
//!     .with_claim(Claim::new("F-2026-0611", "1260.00 EUR".parse()?)?)?
//!     .with_fee(Fee::new("recovery compensation", "120.00 EUR".parse()?)?)?;
//!
//! // What the debtor can afford: at most 40 % of what is left once the expenses are paid.
//! let budget = Budget::new(Currency::EUR)
//!     .with_line(BudgetLine::new("salary", Category::Salary, "2100.00 EUR".parse()?, Frequency::MONTHLY)?)?
//!     .with_line(BudgetLine::new("rent", Category::Rent, "750.00 EUR".parse()?, Frequency::MONTHLY)?)?
//!     .with_line(BudgetLine::new("food", Category::Food, "80.00 EUR".parse()?, Frequency::WEEKLY)?)?;
//! let capacity = budget.capacity(&CapacityPolicy::new().max_share("40%".parse()?), Frequency::MONTHLY)?;
//! assert_eq!(capacity.amount().to_string(), "401.33 EUR"); // (2100 − 750 − 80 × 52 / 12) × 40 %
//!
//! // The options a creditor can offer within the 24 months a French court may grant.
//! let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD);
//! let proposals = ProposalRequest::from_capacity(debt, &capacity, d(2026, 12, 10)?, d(2027, 1, 5)?, policy)?
//!     .propose()?;
//! println!("{}", proposals.explain(Language::French));
//! let plan = proposals.option(ProposalKind::Shortest).and_then(|o| o.schedule()).ok_or("no plan")?;
//! assert_eq!(plan.instalments().len(), 13); // 12 × 401.33 + 34.04
//! assert_eq!(plan.totals().amount().to_string(), "4850.00 EUR");
//!
//! // Two payments, the second one late: the statement says where the plan stands.
//! let payments = [
//!     Payment::new("VIR-1", d(2027, 1, 5)?, "401.33 EUR".parse()?)?,
//!     Payment::new("VIR-2", d(2027, 2, 12)?, "401.33 EUR".parse()?)?,
//! ];
//! let options = StatementOptions::new(AllocationPolicy::france_1343_1());
//! let statement = Statement::new(plan, &payments, &options, d(2027, 2, 20)?)?;
//! assert_eq!(statement.instalments()[1].status(), InstalmentStatus::PaidLate { days_late: 7 });
//! assert_eq!(statement.remaining_balance().to_string(), "4047.34 EUR");
//! println!("{statement}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Map of the types
//!
//! | concept | types |
//! |---|---|
//! | money | [`Money`] (a `Decimal` in whole minor units), [`Currency`], [`Rounding`] |
//! | rates and shares | [`AnnualRate`], [`PeriodicRate`], [`Percent`] |
//! | dates | [`Frequency`], [`Calendar`], [`HolidayCalendar`], [`BusinessDayRule`] |
//! | what is owed | [`Debt`], [`Claim`], [`Fee`] |
//! | plans | [`PlanRequest`] → [`Schedule`] of [`Instalment`]s with [`Totals`] and a [`Derivation`]; options [`Sizing`], [`CapacityShape`], [`Interest`], [`InterestMethod`], [`InstalmentTiming`], [`DownPayment`], [`DownPaymentRounding`], [`Remainder`], [`Balancing`], [`Balloon`], [`Stage`]; interest on the days of each period [`InterestBasis`] ([`DayCount`], [`YearDays`]), [`BrokenPeriod`]; rate changes [`RateChange`] → [`AppliedRateChange`]; cumulative and exact figures [`ExactTotals`] |
//! | many plans | [`generate_batch`] (on all cores with the `rayon` feature) |
//! | late-payment penalties | [`PenaltyPolicy`] (with legal presets) → [`PenaltyStatement`]; [`DayCount`], [`RateTable`], [`PenaltyRate`], [`RateRevision`], [`Compensation`], [`Cap`], [`OverdueItem`] with its [`PartialPayment`]s |
//! | what the debtor can pay | [`Budget`] of [`BudgetLine`]s ([`Category`]), [`Commitment`]s and a [`Household`] → [`Capacity`] with its [`CapacityLine`]s ([`CapacityLineKind`], [`LineDetail`]) and [`LimitingFactor`]; rules [`CapacityPolicy`], [`ProtectedMinimum`], [`SeizureScale`] → [`Seizable`] by [`SeizureBand`] |
//! | debtor | [`PaymentHistory`] of [`OverdueItem`]s and [`Agreement`]s ([`AgreementOutcome`]) → [`Profile`] under [`ProfileRules`]: on-time ratio, days late, missed payments, broken agreements, [`Trend`], [`RiskTier`] and its [`TierReason`] |
//! | proposals | [`ProposalRequest`] (debt, capacity, [`CreditorPolicy`] with [`MaxDuration`] presets and [`SettlementDiscount`]) → [`Proposals`]: ranked [`Proposal`]s by [`ProposalKind`], and [`Omitted`] options with their [`Omission`] |
//! | discounts and incentives | [`EarlyPaymentDiscount`] (*escompte*, [`DiscountWindow`], on a [`TaxedAmount`]) → [`EarlyPaymentOutcome`] of [`EarlyPaymentLine`]s, [`implied_annual_cost`] → [`ImpliedCost`]; [`SettlementOffer`] → [`SettlementQuote`] with [`AccruedInterest`]; [`RegularityBonus`] → [`RegularityOutcome`]; [`ConditionalWaiver`] with [`WaiverStatus`]; [`Reduction`], [`SettlementBase`], [`RegularityReward`], [`Waived`], [`WaiverCondition`], [`PaymentTiming`] |
//! | payments and statements | [`Payment`]s allocated by an [`AllocationPolicy`] of [`AllocationStep`]s ([`InstalmentSelector`] × [`Component`], [`Sweep`], [`Surplus`]; presets France 1343-1, BGB 366/367 and 497, principal first) into [`Allocation`]s to an [`AllocationTarget`] → [`Statement`] as of a date ([`StatementOptions`]): [`InstalmentStatement`]s with their [`InstalmentStatus`], totals, [`NextDue`], [`Reminder`]s ([`ReminderKind`]) under [`ReminderRules`] |
//! | following a plan | [`Account`]: the plan as signed, its [`StatementOptions`] and every [`Event`] since (payments, [`CreditMove`]s applied or refunded by [`CreditUse`], [`Charge`]s of a [`ChargeKind`] added after signature, adjustments); its statement (with a [`ChargeStatement`] per charge), quote, lapse check, outstanding amount and ledger as of a date |
//! | adjustments | [`PlanHistory`] of [`PlanVersion`]s ([`PlanStatus`], [`KeptInstalment`]s, an [`AdjustmentRecord`] with [`AdjustmentKind`] and [`AdjustmentDetails`]); what is [`Outstanding`]; [`Reschedule`] ([`Treatment`], [`PenaltyCharge`]), [`Postponement`] ([`PostponeMode`]), [`Prepayment`] ([`PrepaymentMode`]), [`Settlement`], [`Lapse`] under a [`LapseRule`] (with an [`ArrearsTolerance`]) → [`LapseTrigger`] |
//! | exports | [`schedule_csv`], [`statement_csv`] with [`statement_charges_csv`] (RFC 4180); [`CalendarExport`] (iCalendar, RFC 5545, with alarms before each due date); [`PlanAgreement`] between two [`Party`]s with its [`PaymentMethod`]s (Markdown, HTML) |
//! | invoice payment terms | [`PaymentTerms`] of [`TermsLine`]s ([`LineAmount`], [`DueRule`], [`CashRounding`]) applied to an [`Invoice`] → [`InvoicePlan`] of [`DueLine`]s with their [`LineDiscount`]; its claims and debt; [`PaymentLimit`] → [`LegalCheck`] of [`LimitFinding`]s; [`RateFloorCheck`] |
//! | explanations | [`Language`] |
//! | errors | [`Error`], [`Result`] |
//!
//! # Following a plan: the account and its ledger
//!
//! Once a plan is signed, an [`Account`] is the single source of truth: the one value a caller
//! keeps and stores. It holds the plan as signed, the [`StatementOptions`] it is followed under and
//! every [`Event`] in date order; its JSON is exactly that, and reading it records the events again,
//! so a stored account gives back the same figures bit for bit.
//!
//! - **One ledger.** Each version of the plan receives the payments and uses of the credit recorded
//!   while it is in force, and one allocation pass over them (a [`Statement`]) gives, for every
//!   instalment and component, what is owed, paid and outstanding
//!   ([`InstalmentStatement::owed`], [`paid_of`](InstalmentStatement::paid_of),
//!   [`outstanding`](InstalmentStatement::outstanding)), the penalties accrued, paid and
//!   outstanding, and the credit. The statement, the [`SettlementOffer::quote`], the
//!   [`LapseRule::check`], the [`RegularityBonus::evaluate`] and every adjustment of the
//!   [`PlanHistory`] read that result, under the creditor's [`AllocationPolicy`]; nothing else
//!   applies a payment to an instalment's parts.
//! - **Versions.** An adjustment closes the version in force on its date and opens the next; the
//!   record says what was outstanding (each component by name), what was capitalised, waived and
//!   paid, and what the change costs in interest. An instalment is known by its version and number:
//!   a payment recorded before a version took effect stays with the version then in force.
//! - **Credit.** Money paid beyond what the policy lets payments settle is held as credit, shown
//!   on every statement, carried from one version to the next, and applied or refunded by an event
//!   of its own ([`Account::apply_credit`], [`Account::refund`]). A lapse check counts it as paid on
//!   the oldest instalments first.
//! - **Charges.** A fee or penalty added after signature ([`Account::charge`]) has its own due date;
//!   the same allocation pass pays it as the fees or the compensation of an instalment due that day,
//!   never from a payment made before it was added. An adjustment carries what is still owed of it
//!   (a fee with the fees, a penalty with the penalties), and a quote counts it.
//!
//! Invariants, each a property test over random event sequences: at every event, what each
//! version received = what went to its instalments (own parts and penalties) and charges + credit
//! held + refunded, and no charge is paid by a payment made before it was added; an adjustment
//! keeps `after = before + capitalised − waived − paid`; what a reschedule capitalises under
//! [`PenaltyCharge::Policy`] is the statement's penalties outstanding that day plus the penalty
//! charges still owed; replaying the events, or reading the JSON, gives the same account.
//!
//! # Exactness
//!
//! Amounts are `rust_decimal::Decimal`, never floats, and a [`Money`] always holds a whole number
//! of minor units (cents, yen, millimes). Each computation rounds in one documented place with a
//! named [`Rounding`] (half-up by default, as in French accounting practice). Interest is multiplied
//! exactly and divided last. A schedule's instalments always add up to principal + interest + fees,
//! and the balance after the last one is exactly zero.
//!
//! # JSON format
//!
//! With the `serde` feature (on by default) every public value, requests and computed results
//! alike, is written to and read from JSON (or any serde format) in one stable shape:
//!
//! - **Amounts** are an object of a string at the currency's scale and the currency:
//!   `{"amount": "1850.00", "currency": "EUR"}`, `{"amount": "120000", "currency": "JPY"}`,
//!   `{"amount": "1.250", "currency": "TND"}`. The string is exact decimal text, never a JSON
//!   number, and never holds more decimals than the currency has.
//! - **Currencies** are ISO 4217 codes (`"EUR"`); a code the crate does not know carries its minor
//!   units (`"CLP:2"`).
//! - **Dates** are ISO 8601 calendar dates, `"YYYY-MM-DD"` (`"2027-01-05"`).
//! - **Rates and percentages** are strings with a percent sign (`"5.25%"`, `"40%"`); other exact
//!   decimals (an average of days late, an implied cost) are strings too.
//! - **Frequencies** are `"monthly"`, `"weekly"`, `"every_2_weeks"`, `"every_10_days"`, ….
//! - **Enums** are snake_case: a variant without data is a string (`"half_up"`), a variant with
//!   data an object of one key (`{"paid_late": {"days_late": 7}}`, `{"count": 12}`).
//! - **Optional fields** of requests may be left out and take their documented default.
//!
//! **Reading validates.** Unknown fields, misspelled variants, impossible dates and amounts with
//! too many decimals are refused with an error that names them. Requests and policies go through
//! their constructors, so JSON cannot build one they refuse. Computed results (a [`Schedule`], a
//! [`Statement`], [`Proposals`], a [`Profile`], …) cannot be forged either: each is read through a
//! private representation and either recomputed from the inputs it carries and compared (a
//! statement carries its schedule, options, payments and date), or re-checked against every
//! invariant its constructor guarantees (rows that add up to totals, amounts not negative, one
//! currency, …). Each type's documentation says which.
//!
//! **Stability.** Adding a field or a variant is a minor change; renaming or removing one is a
//! breaking change and is listed in `CHANGELOG.md`. Golden files under `tests/golden/json/` hold
//! the JSON of every public type and guard the format.
//!
//! ```
//! # #[cfg(feature = "serde")]
//! # {
//! use echeancier::{PlanRequest, Schedule};
//!
//! let request: PlanRequest = serde_json::from_str(r#"{
//!     "debt": {
//!         "currency": "EUR",
//!         "claims": [{"reference": "F-2026-0418", "amount": {"amount": "1200.00", "currency": "EUR"}}]
//!     },
//!     "first_due": "2027-01-31",
//!     "frequency": "monthly",
//!     "sizing": {"count": 3},
//!     "interest": {"annuity": "6%"}
//! }"#)?;
//! let schedule = request.generate()?;
//! let json = serde_json::to_string(&schedule)?;
//! assert!(json.starts_with(r#"{"currency":"EUR","instalments":[{"number":1,"kind":"regular","due_date":"2027-01-31","amount":{"amount":"404.01","currency":"EUR"}"#));
//! assert_eq!(serde_json::from_str::<Schedule>(&json)?, schedule);
//!
//! // An instalment that no longer adds up is refused.
//! let forged = json.replacen(r#""amount":"404.01""#, r#""amount":"304.01""#, 1);
//! let err = serde_json::from_str::<Schedule>(&forged).unwrap_err();
//! assert!(err.to_string().starts_with("invalid schedule"));
//! // So is a date that does not exist.
//! let err = serde_json::from_str::<PlanRequest>(r#"{"first_due": "2027-02-30"}"#).unwrap_err();
//! assert!(err.to_string().contains("out of range"));
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for every public value, in the
//!   [JSON format](#json-format) above.
//! - `rayon`: [`generate_batch`] shares the requests among all cores.
//! - `cli`: the `echeancier` command-line tool (JSON requests in; tables, JSON or CSV out), a binary
//!   target of its own; the library itself does no I/O.
#![forbid(unsafe_code)]
// Arithmetic on caller data is checked or saturating; the few operators left say in a comment why
// they cannot overflow. Unit tests, compiled with `test`, are exempt.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod account;
mod adjust;
mod calendar;
mod capacity;
#[cfg(feature = "serde")]
mod contract;
mod day_count;
mod debt;
mod discount;
mod error;
mod export;
mod frequency;
mod input;
#[doc(hidden)]
pub mod invariants;
mod language;
mod money;
mod payment;
mod penalty;
mod percent;
mod profile;
mod proposal;
mod rate;
mod schedule;
mod statement;
mod terms;

pub use account::{Account, Event};
pub use adjust::{
    AdjustmentDetails, AdjustmentKind, AdjustmentRecord, ArrearsTolerance, KeptInstalment, Lapse,
    LapseRule, LapseTrigger, Outstanding, PenaltyCharge, PlanHistory, PlanStatus, PlanVersion,
    PostponeMode, Postponement, Prepayment, PrepaymentMode, Reschedule, Settlement, Treatment,
};
pub use calendar::{easter_sunday, BusinessDayRule, Calendar, HolidayCalendar};
pub use capacity::{
    Budget, BudgetLine, Capacity, CapacityLine, CapacityLineKind, CapacityPolicy, Category,
    Commitment, Household, LimitingFactor, LineDetail, ProtectedMinimum, Seizable, SeizureBand,
    SeizureScale,
};
pub use debt::{Claim, Debt, Fee};
pub use discount::{
    implied_annual_cost, implied_annual_cost_on, settle_invoices, AccruedInterest,
    ConditionalWaiver, DiscountBasis, DiscountWindow, EarlyPaymentDiscount, EarlyPaymentLine,
    EarlyPaymentOutcome, GroupSettlement, ImpliedCost, InvoiceSettlement, OpenInvoice,
    PaymentTiming, Reduction, RegularityBonus, RegularityOutcome, RegularityReward, SettlementBase,
    SettlementOffer, SettlementQuote, TaxedAmount, TieredDiscount, TieredLine, TieredOutcome,
    Waived, WaiverCondition, WaiverStatus,
};
pub use error::{Error, Result};
pub use export::{
    schedule_csv, statement_charges_csv, statement_csv, CalendarExport, CsvWriter, FormulaCells,
    Party, PaymentMethod, PlanAgreement,
};
pub use frequency::Frequency;
pub use input::{FIRST_SUPPORTED_DATE, LAST_SUPPORTED_DATE};
pub use language::Language;
pub use money::{Currency, Money, Rounding};
pub use payment::{
    Allocation, AllocationPolicy, AllocationStep, AllocationTarget, Charge, ChargeKind, Component,
    CreditMove, CreditUse, InstalmentSelector, PartialPayment, Payment, Surplus, Sweep,
};
pub use penalty::{
    Cap, Compensation, CompensationBasis, CompensationLine, DayCount, ExactInterest, ItemPenalty,
    LegalBasis, LegalRateCreditor, OverdueItem, PenaltyPolicy, PenaltyRate, PenaltySegment,
    PenaltyStatement, RateRevision, RateTable, YearFraction,
};
pub use percent::Percent;
pub use profile::{
    Agreement, AgreementOutcome, PaymentHistory, Profile, ProfileRules, RiskTier, TierReason, Trend,
};
pub use proposal::{
    CreditorPolicy, MaxDuration, Omission, Omitted, Proposal, ProposalKind, ProposalRequest,
    Proposals, SettlementDiscount,
};
pub use rate::{AnnualRate, PeriodicRate};
pub use schedule::{
    generate_batch, AppliedRateChange, Balancing, Balloon, BrokenPeriod, CapacityShape, Derivation,
    DownPayment, DownPaymentRounding, ExactTotals, Instalment, InstalmentKind, InstalmentTiming,
    Interest, InterestBasis, InterestMethod, PlanRequest, RateChange, Remainder, Schedule, Sizing,
    Stage, Totals, YearDays, MAX_INSTALMENTS,
};
pub use statement::{
    ChargeStatement, InstalmentStatement, InstalmentStatus, NextDue, Reminder, ReminderKind,
    ReminderRules, Statement, StatementOptions,
};
pub use terms::{
    CashRounding, DueLine, DueRule, Invoice, InvoicePlan, LegalCheck, LimitFinding, LineAmount,
    LineDiscount, PaymentLimit, PaymentTerms, RateFloorCheck, TermsLine,
};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
