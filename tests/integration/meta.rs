//! Facts about the public types of schedule generation and of the account that follows a plan,
//! checked at compile time: the traits a
//! caller can rely on (`Send + Sync + Clone + Debug` everywhere, `Copy` for the small values,
//! `Eq`/`Hash` where derived, serde under the feature), and the size of the values a schedule holds.
//! Removing one of these traits is a breaking change; this file makes it a deliberate one.

use core::fmt::Debug;
use core::hash::Hash;
use core::mem::size_of;

use echeancier::LegalBasis;
use echeancier::{
    Account, AnnualRate, ArrearsTolerance, BusinessDayRule, CapacityShape, Claim, CreditMove,
    CreditUse, Currency, Debt, Derivation, DownPayment, Error, Event, Fee, Frequency,
    HolidayCalendar, Instalment, InstalmentKind, Interest, Money, PeriodicRate, PlanRequest,
    Remainder, Rounding, Schedule, Sizing, Totals,
};
use echeancier::{AppliedRateChange, BrokenPeriod, InterestBasis, RateChange, YearDays};
use echeancier::{
    Balancing, DownPaymentRounding, ExactTotals, InstalmentTiming, InterestMethod, Stage,
};
use echeancier::{
    CalendarExport, Charge, ChargeKind, ChargeStatement, Party, PaymentMethod, PlanAgreement,
};

const fn everywhere<T: Send + Sync + Unpin + Clone + Debug + PartialEq + 'static>() {}
const fn copy<T: Copy>() {}
const fn eq_hash<T: Eq + Hash>() {}
const fn eq<T: Eq>() {}
const fn default<T: Default>() {}
const fn display_from_str<T: core::fmt::Display + core::str::FromStr>() {}
const fn display<T: core::fmt::Display>() {}
const fn error<T: std::error::Error + Send + Sync + 'static>() {}
#[cfg(feature = "serde")]
const fn serde<T: serde::Serialize + serde::de::DeserializeOwned>() {}

/// Every public type of schedule generation, with the traits it has.
const _: () = {
    everywhere::<Currency>();
    everywhere::<Money>();
    everywhere::<Rounding>();
    everywhere::<AnnualRate>();
    everywhere::<PeriodicRate>();
    everywhere::<Frequency>();
    everywhere::<BusinessDayRule>();
    everywhere::<HolidayCalendar>();
    everywhere::<Claim>();
    everywhere::<Fee>();
    everywhere::<Debt>();
    everywhere::<Sizing>();
    everywhere::<CapacityShape>();
    everywhere::<Interest>();
    everywhere::<Remainder>();
    everywhere::<DownPayment>();
    everywhere::<PlanRequest>();
    // The loan-engine options.
    everywhere::<InstalmentTiming>();
    everywhere::<InterestMethod>();
    everywhere::<Balancing>();
    everywhere::<DownPaymentRounding>();
    copy::<InstalmentTiming>();
    copy::<InterestMethod>();
    copy::<Balancing>();
    copy::<DownPaymentRounding>();
    eq_hash::<InstalmentTiming>();
    eq_hash::<InterestMethod>();
    eq_hash::<Balancing>();
    eq_hash::<DownPaymentRounding>();
    default::<InstalmentTiming>();
    default::<InterestMethod>();
    default::<Balancing>();
    default::<DownPaymentRounding>();
    everywhere::<ExactTotals>();
    copy::<ExactTotals>();
    // Interest on actual days and rate changes.
    everywhere::<InterestBasis>();
    everywhere::<YearDays>();
    everywhere::<BrokenPeriod>();
    everywhere::<RateChange>();
    everywhere::<AppliedRateChange>();
    copy::<InterestBasis>();
    copy::<YearDays>();
    copy::<BrokenPeriod>();
    copy::<RateChange>();
    copy::<AppliedRateChange>();
    eq_hash::<InterestBasis>();
    eq_hash::<RateChange>();
    eq_hash::<AppliedRateChange>();
    default::<InterestBasis>();
    default::<BrokenPeriod>();
    eq_hash::<ExactTotals>();
    everywhere::<Stage>();
    copy::<Stage>();
    eq_hash::<Stage>();
    everywhere::<InstalmentKind>();
    everywhere::<Instalment>();
    everywhere::<Totals>();
    everywhere::<Derivation>();
    everywhere::<Schedule>();
    everywhere::<Error>();
    // The account of a plan and what it records.
    everywhere::<Account>();
    everywhere::<Event>();
    everywhere::<CreditMove>();
    everywhere::<CreditUse>();
    everywhere::<ArrearsTolerance>();
    everywhere::<Charge>();
    everywhere::<ChargeKind>();
    everywhere::<ChargeStatement>();
    // The agreement and the calendar export (they borrow the schedule they are about).
    everywhere::<Party>();
    everywhere::<PaymentMethod>();
    everywhere::<PlanAgreement<'static>>();
    everywhere::<CalendarExport<'static>>();

    // The statute of a penalty preset.
    everywhere::<LegalBasis>();
    copy::<LegalBasis>();
    // Small values are `Copy`, instalments included.
    copy::<Currency>();
    copy::<Money>();
    copy::<Rounding>();
    copy::<AnnualRate>();
    copy::<PeriodicRate>();
    copy::<Frequency>();
    copy::<BusinessDayRule>();
    copy::<HolidayCalendar>();
    copy::<Sizing>();
    copy::<CapacityShape>();
    copy::<Interest>();
    copy::<Remainder>();
    copy::<DownPayment>();
    copy::<InstalmentKind>();
    copy::<Instalment>();
    copy::<Totals>();
    copy::<CreditUse>();
    copy::<ArrearsTolerance>();
    copy::<ChargeKind>();

    eq_hash::<Currency>();
    eq_hash::<Money>();
    eq_hash::<Rounding>();
    eq_hash::<AnnualRate>();
    eq_hash::<PeriodicRate>();
    eq_hash::<Frequency>();
    eq_hash::<BusinessDayRule>();
    eq_hash::<HolidayCalendar>();
    eq_hash::<Claim>();
    eq_hash::<Fee>();
    eq_hash::<Debt>();
    eq_hash::<Sizing>();
    eq_hash::<CapacityShape>();
    eq_hash::<Interest>();
    eq_hash::<Remainder>();
    eq_hash::<DownPayment>();
    eq_hash::<InstalmentKind>();
    eq_hash::<Instalment>();
    eq_hash::<Totals>();
    eq_hash::<CreditMove>();
    eq_hash::<CreditUse>();
    eq_hash::<ArrearsTolerance>();
    eq_hash::<Charge>();
    eq_hash::<ChargeKind>();
    eq_hash::<Party>();
    eq_hash::<PaymentMethod>();
    // Eq without Hash.
    eq::<PlanRequest>();
    eq::<Derivation>();
    eq::<Schedule>();
    eq::<Error>();
    eq::<Account>();
    eq::<Event>();
    eq::<ChargeStatement>();
    eq::<PlanAgreement<'static>>();
    eq::<CalendarExport<'static>>();

    // Policies name their default.
    default::<Rounding>();
    default::<AnnualRate>();
    default::<BusinessDayRule>();
    default::<HolidayCalendar>();
    default::<CapacityShape>();
    default::<Interest>();
    default::<Remainder>();

    // Values with a text form read it back.
    display_from_str::<Currency>();
    display_from_str::<Money>();
    display_from_str::<AnnualRate>();
    display_from_str::<Frequency>();
    // Records and rules read as text.
    display::<Event>();
    display::<CreditUse>();
    display::<ArrearsTolerance>();
    display::<ChargeKind>();

    error::<Error>();
};

#[cfg(feature = "serde")]
const _: () = {
    serde::<Currency>();
    serde::<Money>();
    serde::<Rounding>();
    serde::<AnnualRate>();
    serde::<Frequency>();
    serde::<Stage>();
    serde::<BusinessDayRule>();
    serde::<HolidayCalendar>();
    serde::<Claim>();
    serde::<Fee>();
    serde::<Debt>();
    serde::<Sizing>();
    serde::<CapacityShape>();
    serde::<Interest>();
    serde::<Remainder>();
    serde::<DownPayment>();
    serde::<PlanRequest>();
    serde::<InstalmentTiming>();
    serde::<InterestMethod>();
    serde::<InterestBasis>();
    serde::<YearDays>();
    serde::<BrokenPeriod>();
    serde::<RateChange>();
    serde::<AppliedRateChange>();
    serde::<Balancing>();
    serde::<DownPaymentRounding>();
    serde::<ExactTotals>();
    serde::<InstalmentKind>();
    serde::<Instalment>();
    serde::<Totals>();
    serde::<Derivation>();
    serde::<Schedule>();
    serde::<Account>();
    serde::<Event>();
    serde::<CreditMove>();
    serde::<CreditUse>();
    serde::<ArrearsTolerance>();
    serde::<Charge>();
    serde::<ChargeKind>();
    serde::<ChargeStatement>();
    serde::<Party>();
    serde::<PaymentMethod>();
    serde::<LegalBasis>();
};

/// The public types of invoice payment terms and of early-payment discounts.
const _: () = {
    use echeancier::{
        CashRounding, DiscountBasis, DueLine, DueRule, GroupSettlement, Invoice, InvoicePlan,
        InvoiceSettlement, LegalCheck, LimitFinding, LineAmount, LineDiscount, OpenInvoice,
        PaymentLimit, PaymentTerms, RateFloorCheck, TermsLine, TieredDiscount, TieredLine,
        TieredOutcome,
    };

    everywhere::<DueRule>();
    everywhere::<LineAmount>();
    everywhere::<TermsLine>();
    everywhere::<CashRounding>();
    everywhere::<PaymentTerms>();
    everywhere::<Invoice>();
    everywhere::<DueLine>();
    everywhere::<LineDiscount>();
    everywhere::<InvoicePlan>();
    everywhere::<PaymentLimit>();
    everywhere::<LimitFinding>();
    everywhere::<LegalCheck>();
    everywhere::<RateFloorCheck>();
    everywhere::<DiscountBasis>();
    everywhere::<TieredDiscount>();
    everywhere::<TieredLine>();
    everywhere::<TieredOutcome>();
    everywhere::<OpenInvoice>();
    everywhere::<InvoiceSettlement>();
    everywhere::<GroupSettlement>();

    copy::<DueRule>();
    copy::<LineAmount>();
    copy::<TermsLine>();
    copy::<CashRounding>();
    copy::<DueLine>();
    copy::<LineDiscount>();
    copy::<PaymentLimit>();
    copy::<LimitFinding>();
    copy::<RateFloorCheck>();
    copy::<DiscountBasis>();
    copy::<TieredLine>();

    eq_hash::<DueRule>();
    eq_hash::<LineAmount>();
    eq_hash::<TermsLine>();
    eq_hash::<CashRounding>();
    eq_hash::<PaymentTerms>();
    eq_hash::<Invoice>();
    eq_hash::<DueLine>();
    eq_hash::<LineDiscount>();
    eq_hash::<InvoicePlan>();
    eq_hash::<PaymentLimit>();
    eq_hash::<LimitFinding>();
    eq_hash::<LegalCheck>();
    eq_hash::<RateFloorCheck>();
    eq_hash::<DiscountBasis>();
    eq_hash::<TieredDiscount>();
    eq_hash::<TieredLine>();
    eq_hash::<TieredOutcome>();
    eq_hash::<OpenInvoice>();
    eq_hash::<InvoiceSettlement>();
    eq_hash::<GroupSettlement>();

    default::<DiscountBasis>();
    display::<DueRule>();
    display::<LineAmount>();
    display::<PaymentLimit>();
};

#[cfg(feature = "serde")]
const _: () = {
    use echeancier::{
        CashRounding, DiscountBasis, DueLine, DueRule, GroupSettlement, Invoice, InvoicePlan,
        InvoiceSettlement, LegalCheck, LimitFinding, LineAmount, LineDiscount, OpenInvoice,
        PaymentLimit, PaymentTerms, RateFloorCheck, TermsLine, TieredDiscount, TieredLine,
        TieredOutcome,
    };

    serde::<DueRule>();
    serde::<LineAmount>();
    serde::<TermsLine>();
    serde::<CashRounding>();
    serde::<PaymentTerms>();
    serde::<Invoice>();
    serde::<DueLine>();
    serde::<LineDiscount>();
    serde::<InvoicePlan>();
    serde::<PaymentLimit>();
    serde::<LimitFinding>();
    serde::<LegalCheck>();
    serde::<RateFloorCheck>();
    serde::<DiscountBasis>();
    serde::<TieredDiscount>();
    serde::<TieredLine>();
    serde::<TieredOutcome>();
    serde::<OpenInvoice>();
    serde::<InvoiceSettlement>();
    serde::<GroupSettlement>();
};

/// The sizes on a 64-bit target, pinned so that a change is noticed. `Money` is a 16-byte `Decimal`
/// and a 4-byte `Currency` (three letters and the exponent). An `Instalment` is its number (4), its
/// date (4), its kind (1) and its five amounts: five `Money` (100 bytes) or, as generation builds
/// them, a currency and five `i64` counts of minor units, with the tag telling which; padded to
/// 120. A 1,200-instalment schedule holds about 144 KB of instalments.
#[test]
#[cfg(target_pointer_width = "64")]
fn sizes() {
    assert_eq!(size_of::<Currency>(), 4);
    assert_eq!(size_of::<Money>(), 20);
    assert_eq!(size_of::<Instalment>(), 120);
    assert_eq!(size_of::<Totals>(), 80);
    // The fixed part of a schedule, besides its instalments (stated in `generate_batch`'s docs).
    // 344 since the derivation carries the loan options (the balloon, the grace, four policies);
    // 392 with the interest graces and the stages of a stepped plan (a vector, empty and not
    // allocated for other plans), and the boxed interest terms (actual days, rate changes).
    assert!(size_of::<Schedule>() <= 392, "{}", size_of::<Schedule>());
    // Values handled as plain numbers stay small.
    assert_eq!(size_of::<AnnualRate>(), 16);
    assert_eq!(size_of::<Frequency>(), 8);
    assert!(size_of::<Sizing>() <= 32, "{}", size_of::<Sizing>());
}

/// The `serde` feature leaves `Decimal`'s own serde as `rust_decimal` defines it, for every crate
/// in a user's dependency graph: a JSON number still reads as a `Decimal` (the crate's own fields
/// say `with = "rust_decimal::serde::str"` where they want a string, from `serde-with-str`).
#[test]
#[cfg(feature = "serde")]
fn the_serde_feature_does_not_change_how_decimal_deserialises() {
    let number: rust_decimal::Decimal = serde_json::from_str("1.5").unwrap();
    assert_eq!(number, rust_decimal::Decimal::new(15, 1));
}
