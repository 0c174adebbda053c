//! Arbitrary bytes read as JSON into every public type with a JSON form, requests and results
//! alike: reading never panics, what is read writes back and reads again to an equal value, a
//! statement read this way keeps the statement invariants, a plan request read this way generates a
//! schedule that keeps the invariants (or an error), and an account read this way (its events
//! replayed) keeps the account's invariants.
#![no_main]

use echeancier::{Account, Event, PlanRequest, ProposalRequest, Schedule, Statement};
use echeancier_fuzz::{check_account, check_schedule, check_statement};
use libfuzzer_sys::fuzz_target;
use serde::{de::DeserializeOwned, Serialize};

/// Reads `T`; if it reads, writes it back, reads it again and asserts both are equal.
fn round_trip<T>(data: &[u8]) -> Option<T>
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let value: T = serde_json::from_slice(data).ok()?;
    let json = serde_json::to_string(&value).expect("a value read from JSON writes back");
    let again: T =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json} does not read back: {e}"));
    assert_eq!(value, again, "{json}");
    Some(value)
}

/// [`round_trip`] for each type named (at the crate's root).
macro_rules! read_all {
    ($data:expr; $($name:ident),* $(,)?) => {
        $( round_trip::<echeancier::$name>($data); )*
    };
}

fuzz_target!(|data: &[u8]| {
    if let Some(request) = round_trip::<PlanRequest>(data) {
        if let Ok(schedule) = request.generate() {
            check_schedule(&schedule, Some(request.debt()));
            round_trip::<Schedule>(serde_json::to_string(&schedule).unwrap().as_bytes())
                .expect("a generated schedule reads back");
        }
    }
    if let Some(request) = round_trip::<ProposalRequest>(data) {
        if let Ok(proposals) = request.propose() {
            for option in proposals.options() {
                if let Some(schedule) = option.schedule() {
                    check_schedule(schedule, None);
                }
            }
        }
    }
    if let Some(schedule) = round_trip::<Schedule>(data) {
        check_schedule(&schedule, None);
    }
    // Every other public type, request or result: it reads, or is refused, without a panic,
    // and what reads writes back to an equal value.
    read_all!(
        data;
        AccruedInterest,
        AdjustmentDetails,
        AdjustmentKind,
        AdjustmentRecord,
        Agreement,
        AgreementOutcome,
        Allocation,
        AllocationPolicy,
        AllocationStep,
        AllocationTarget,
        AnnualRate,
        AppliedRateChange,
        ArrearsTolerance,
        Balancing,
        BrokenPeriod,
        Budget,
        BudgetLine,
        BusinessDayRule,
        Cap,
        Capacity,
        CapacityLine,
        CapacityLineKind,
        CapacityPolicy,
        CapacityShape,
        CashRounding,
        Category,
        Charge,
        ChargeKind,
        ChargeStatement,
        Claim,
        Commitment,
        Compensation,
        CompensationBasis,
        CompensationLine,
        Component,
        ConditionalWaiver,
        CreditMove,
        CreditUse,
        CreditorPolicy,
        Currency,
        DayCount,
        Debt,
        Derivation,
        DiscountBasis,
        DiscountWindow,
        DownPayment,
        DownPaymentRounding,
        DueLine,
        DueRule,
        EarlyPaymentDiscount,
        EarlyPaymentLine,
        EarlyPaymentOutcome,
        Event,
        ExactInterest,
        ExactTotals,
        Fee,
        Frequency,
        GroupSettlement,
        HolidayCalendar,
        Household,
        ImpliedCost,
        Instalment,
        InstalmentKind,
        InstalmentSelector,
        InstalmentStatement,
        InstalmentStatus,
        InstalmentTiming,
        Interest,
        InterestBasis,
        InterestMethod,
        Invoice,
        InvoicePlan,
        InvoiceSettlement,
        ItemPenalty,
        KeptInstalment,
        Language,
        Lapse,
        LapseRule,
        LapseTrigger,
        LegalBasis,
        LegalCheck,
        LegalRateCreditor,
        LimitFinding,
        LimitingFactor,
        LineAmount,
        LineDetail,
        LineDiscount,
        MaxDuration,
        Money,
        NextDue,
        Omission,
        Omitted,
        OpenInvoice,
        Outstanding,
        OverdueItem,
        PartialPayment,
        Party,
        Payment,
        PaymentHistory,
        PaymentLimit,
        PaymentMethod,
        PaymentTerms,
        PaymentTiming,
        PenaltyCharge,
        PenaltyPolicy,
        PenaltyRate,
        PenaltySegment,
        PenaltyStatement,
        Percent,
        PeriodicRate,
        PlanHistory,
        PlanStatus,
        PlanVersion,
        PostponeMode,
        Postponement,
        Prepayment,
        PrepaymentMode,
        Profile,
        ProfileRules,
        Proposal,
        ProposalKind,
        Proposals,
        ProtectedMinimum,
        RateChange,
        RateFloorCheck,
        RateRevision,
        RateTable,
        Reduction,
        RegularityBonus,
        RegularityOutcome,
        RegularityReward,
        Remainder,
        Reminder,
        ReminderKind,
        ReminderRules,
        Reschedule,
        RiskTier,
        Rounding,
        Seizable,
        SeizureBand,
        SeizureScale,
        Settlement,
        SettlementBase,
        SettlementDiscount,
        SettlementOffer,
        SettlementQuote,
        Sizing,
        Stage,
        StatementOptions,
        Surplus,
        Sweep,
        TaxedAmount,
        TermsLine,
        TierReason,
        TieredDiscount,
        TieredLine,
        TieredOutcome,
        Totals,
        Treatment,
        Trend,
        Waived,
        WaiverCondition,
        WaiverStatus,
        YearDays,
        YearFraction,
    );
    if let Some(statement) = round_trip::<Statement>(data) {
        check_statement(&statement);
    }
    if let Some(account) = round_trip::<Account>(data) {
        let last = account
            .events()
            .last()
            .map_or(account.signed_on(), Event::date);
        check_account(&account, last);
    }
});
