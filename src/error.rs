//! The crate's one error type.
//!
//! Every fallible function returns [`Error`]. Each variant carries the values that caused it, and its
//! message reads well to an end user: lowercase, no trailing period, numbers included, so that a tool can
//! show it as it is ("capacity 120.00 EUR per period cannot repay 9000.00 EUR within 24 instalments; at
//! least 375.00 EUR per period is needed").

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::frequency::Frequency;
use crate::money::{Currency, Money};

/// Everything that can go wrong in this crate.
///
/// The enum is `#[non_exhaustive]`: later versions add variants as the crate learns to reject more
/// kinds of bad input, so match it with a wildcard arm.
///
/// ```
/// use echeancier::{Currency, Error, Money};
/// use rust_decimal::Decimal;
///
/// let err = Money::new(Decimal::new(12345, 3), Currency::EUR).unwrap_err();
/// assert!(matches!(err, Error::NotWholeMinorUnits { .. }));
/// assert_eq!(err.to_string(), "amount 12.345 has more decimal places than EUR allows (2)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A currency code is not three ASCII letters, or is not a known code (where one was required).
    #[error("invalid currency code {code:?}: {reason}")]
    InvalidCurrency {
        /// The code as given.
        code: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// A currency was declared with more minor-unit digits than the crate supports.
    #[error(
        "currency {code} cannot have {minor_units} minor-unit digits; at most {max} are supported"
    )]
    UnsupportedMinorUnits {
        /// The currency code.
        code: String,
        /// The number of digits asked for.
        minor_units: u32,
        /// The largest number of digits supported.
        max: u32,
    },
    /// An amount is not a whole number of its currency's minor units (e.g. 12.345 EUR).
    #[error("amount {amount} has more decimal places than {currency} allows ({})", currency.minor_units())]
    NotWholeMinorUnits {
        /// The amount as given.
        amount: Decimal,
        /// Its currency.
        currency: Currency,
    },
    /// Two amounts in different currencies were combined.
    #[error("currency mismatch: expected {expected}, found {found}")]
    CurrencyMismatch {
        /// The currency the operation works in.
        expected: Currency,
        /// The other currency that was passed in.
        found: Currency,
    },
    /// An amount that must be strictly positive is zero or negative.
    #[error("{what} must be greater than zero, got {amount}")]
    NotPositive {
        /// What the amount is (e.g. "claim amount").
        what: &'static str,
        /// The amount as given.
        amount: Money,
    },
    /// An amount that must not be negative is.
    #[error("{what} must not be negative, got {amount}")]
    Negative {
        /// What the amount is (e.g. "fee").
        what: &'static str,
        /// The amount as given.
        amount: Money,
    },
    /// A computation went beyond the range of `Decimal` (about 7.9 × 10^28) or of the dates.
    #[error("arithmetic overflow while {operation}: a figure of the request is too large to compute exactly (beyond about 7.9 × 10^28)")]
    Overflow {
        /// What was being computed.
        operation: &'static str,
    },
    /// A rate is outside the accepted range.
    #[error("invalid rate {percent}%: {reason}")]
    InvalidRate {
        /// The rate as given, in percent.
        percent: Decimal,
        /// Why it was refused.
        reason: &'static str,
    },
    /// A frequency with a zero or absurd count (every 0 days, every 5,000 months).
    #[error("invalid frequency every {count} {unit}: the count must be between 1 and {max}")]
    InvalidFrequency {
        /// The count as given.
        count: u32,
        /// "days" or "months".
        unit: &'static str,
        /// The largest count accepted.
        max: u32,
    },
    /// Text that does not parse as the value asked for.
    #[error("cannot read {input:?} as {what}")]
    Parse {
        /// What was expected (e.g. "a frequency").
        what: &'static str,
        /// The text as given.
        input: String,
    },
    /// A date computation went beyond the supported calendar.
    #[error("{what} is out of the supported date range")]
    DateOutOfRange {
        /// Which date could not be computed.
        what: String,
    },
    /// A date given by the caller lies outside the dates the crate supports
    /// ([`crate::FIRST_SUPPORTED_DATE`] to [`crate::LAST_SUPPORTED_DATE`]).
    #[error("{what} ({date}) is outside the supported dates {first} to {last}")]
    UnsupportedDate {
        /// Which date it is ("the statement date", "the date of payment \"P-1\"").
        what: String,
        /// The date as given.
        date: NaiveDate,
        /// The first supported date.
        first: NaiveDate,
        /// The last supported date.
        last: NaiveDate,
    },
    /// A duration in months outside the range it must lie in (a plan's maximum duration of 0 months).
    #[error("{what}, {months} months, is outside the accepted range {min} to {max} months")]
    InvalidMonths {
        /// What the duration is ("the maximum duration of a plan").
        what: &'static str,
        /// The number of months as given.
        months: u32,
        /// The smallest number accepted.
        min: u32,
        /// The largest number accepted.
        max: u32,
    },
    /// An amount in another currency than the request it belongs to.
    #[error("{what} is in {found}, but the request is in {expected}")]
    WrongCurrency {
        /// Which amount it is ("the capacity").
        what: &'static str,
        /// The request's currency.
        expected: crate::money::Currency,
        /// The amount's currency.
        found: crate::money::Currency,
    },
    /// A reference or a label holds a control character (a line feed, a carriage return, a tab, …),
    /// which would break the line of a table, a CSV file or a calendar.
    #[error("the text {text:?} of {what} holds a control character (a line break, a tab, …)")]
    ControlCharacter {
        /// Whose text it is ("a claim", "a budget line").
        what: &'static str,
        /// The text as given.
        text: String,
    },
    /// A reference (of a claim, an overdue item, an agreement, a payment) is blank.
    #[error("{what} reference must not be empty")]
    EmptyReference {
        /// Whose reference ("a claim", "a payment").
        what: &'static str,
    },
    /// Two claims of one debt share a reference.
    #[error("duplicate claim reference {reference:?}")]
    DuplicateReference {
        /// The reference that appears twice.
        reference: String,
    },
    /// A claim falls due before it was issued.
    #[error("claim {reference:?} falls due on {due_date}, before it was issued on {issue_date}")]
    DueBeforeIssue {
        /// The claim's reference.
        reference: String,
        /// Its issue date.
        issue_date: NaiveDate,
        /// Its due date.
        due_date: NaiveDate,
    },
    /// There is nothing to repay: the debt has no claim and no fee.
    #[error("the debt is empty: there is nothing to repay")]
    EmptyDebt,
    /// A business-day rule found no business day near a date (a calendar that closes every day).
    #[error("no business day within {days} days of {date}")]
    NoBusinessDay {
        /// The date that had to be moved.
        date: NaiveDate,
        /// How far the search went.
        days: u32,
    },
    /// The business-day rule moved two instalments onto the same date, or out of order.
    #[error(
        "business-day adjustment moves instalment {number} to {date}, not after the previous one"
    )]
    DatesNotIncreasing {
        /// The instalment whose date collides.
        number: u32,
        /// The adjusted date.
        date: NaiveDate,
    },
    /// An instalment count outside `1..=max`.
    #[error("instalment count {count} is outside the accepted range 1 to {max}")]
    InvalidCount {
        /// The count as given.
        count: u32,
        /// The largest count accepted.
        max: u32,
    },
    /// The plan would need more instalments than its limit allows.
    #[error("{amount} per period cannot repay {total} within {limit}; at least {needed} per period is needed")]
    CapacityTooLow {
        /// The capacity or instalment amount asked for.
        amount: Money,
        /// What had to be repaid.
        total: Money,
        /// The limit in words ("24 instalments", "the 2028-06-30 end date").
        limit: String,
        /// The smallest amount per period that would repay within the limit.
        needed: Money,
    },
    /// The amount per period does not even cover the interest of one period, so the debt never shrinks.
    #[error("{amount} per period does not cover the interest of one period ({interest}); the debt would never be repaid")]
    BelowPeriodicInterest {
        /// The capacity, stage or instalment amount asked for.
        amount: Money,
        /// The interest of the period it does not cover: the first, or a later one when a stage
        /// or a grace comes before it.
        interest: Money,
    },
    /// A regular instalment would be smaller than the minimum instalment asked for.
    #[error("instalment of {amount} is below the minimum instalment of {minimum}")]
    BelowMinimumInstalment {
        /// The instalment the sizing produced.
        amount: Money,
        /// The minimum asked for.
        minimum: Money,
    },
    /// An amount cannot be split into that many non-zero instalments on the rounding step.
    #[error("{total} cannot be split into {count} non-zero instalments in steps of {step}")]
    Unsplittable {
        /// What had to be repaid.
        total: Money,
        /// The number of instalments.
        count: u32,
        /// The rounding step.
        step: Money,
    },
    /// The down payment is not smaller than what is owed.
    #[error("down payment {down_payment} must be smaller than the total due {total}")]
    DownPaymentTooLarge {
        /// The down payment.
        down_payment: Money,
        /// The total due.
        total: Money,
    },
    /// Two dates of a request are in the wrong order.
    #[error("{later} ({later_date}) must come after {earlier} ({earlier_date})")]
    DateOrder {
        /// The name of the date that must come first.
        earlier: &'static str,
        /// Its value.
        earlier_date: NaiveDate,
        /// The name of the date that must come later.
        later: &'static str,
        /// Its value.
        later_date: NaiveDate,
    },
    /// A change of the rate during a plan that cannot apply: out of order, or outside the plan.
    #[error("rate change {number} ({date}, {rate}) must fall {rule} ({limit})")]
    InvalidRateChange {
        /// Its position in the request's list, from 1.
        number: u32,
        /// Its date.
        date: NaiveDate,
        /// Its rate.
        rate: crate::rate::AnnualRate,
        /// Where it must fall, in words.
        rule: &'static str,
        /// The date that bounds it.
        limit: NaiveDate,
    },
    /// A percentage outside the range it must lie in.
    #[error("invalid {what} {percent}%: must be {range}")]
    InvalidPercent {
        /// What the percentage is for.
        what: &'static str,
        /// The percentage as given.
        percent: Decimal,
        /// The accepted range in words.
        range: &'static str,
    },
    /// A combination of options the crate does not support, with the reason.
    #[error("unsupported request: {reason}")]
    Unsupported {
        /// Why it is not supported.
        reason: &'static str,
    },
    /// A duration limit so short that no instalment can fall due within it.
    #[error("no instalment can fall due within {limit}")]
    NoDueDateWithin {
        /// The limit in words ("0 months").
        limit: String,
    },
    /// A plan sized by end date would need more instalments than the request's limit allows.
    #[error("the end date {end_date} is beyond {limit}")]
    EndDateBeyondLimit {
        /// The end date asked for.
        end_date: NaiveDate,
        /// The limit in words ("24 instalments", "24 months").
        limit: String,
    },
    /// A schedule read from outside (e.g. JSON) breaks one of the schedule invariants.
    #[error("invalid schedule: {reason}")]
    InvalidSchedule {
        /// The invariant that does not hold.
        reason: String,
    },
    // Penalties.
    /// A rate table was given no entry.
    #[error("a rate table needs at least one entry")]
    EmptyRateTable,
    /// Two entries of a rate table take effect on the same date.
    #[error("rate table has two rates taking effect on {date}")]
    DuplicateRateDate {
        /// The date that appears twice.
        date: NaiveDate,
    },
    /// A rate table would have a stretch of dates without a known rate: it ends on `ends` and the
    /// next rate given takes effect on `starts`, more than a day later.
    #[error("the rates between {ends} and {starts} are missing: the table ends on {ends} and the next rate given takes effect on {starts}")]
    RateTableGap {
        /// The last date with a known rate.
        ends: NaiveDate,
        /// The date the next rate given takes effect.
        starts: NaiveDate,
    },
    /// A rate was asked for a date the table does not cover: before its first entry or after the date
    /// up to which it is known to be valid.
    #[error("no rate known for {date}: the table covers {first} to {valid_until}; add the rates published since (RateTable::with_rate, then with_valid_until), or read the publisher's file (RateTable::from_ecb_csv, RateTable::from_fr_legal_rate_publication) and extend the table with it (RateTable::extended_with)")]
    RateNotCovered {
        /// The date asked for.
        date: NaiveDate,
        /// The date the table's first rate takes effect.
        first: NaiveDate,
        /// The last date the table is known to be valid.
        valid_until: NaiveDate,
    },
    /// A claim without a due date was given to a late-payment computation.
    #[error("claim {reference:?} has no due date, so no late-payment interest can run on it")]
    MissingDueDate {
        /// The claim's reference.
        reference: String,
    },
    /// The payments recorded on an overdue amount exceed it.
    #[error("payments of {paid} on {reference:?} exceed its amount of {amount}")]
    Overpaid {
        /// The overdue amount's reference.
        reference: String,
        /// The sum of its payments.
        paid: Money,
        /// The amount that was due.
        amount: Money,
    },
    /// A payment refers to a claim that is not in the list.
    #[error("payment refers to unknown claim {reference:?}")]
    UnknownClaim {
        /// The reference the payment names.
        reference: String,
    },
    /// Compensation bands that do not start at zero, do not increase, or mix currencies.
    #[error("invalid compensation bands: {reason}")]
    InvalidCompensationBands {
        /// What is wrong, with the amounts.
        reason: String,
    },
    // Proposals.
    /// A reduction is not smaller than the amount it reduces.
    #[error("a reduction of {discount} is not smaller than the {total} it applies to")]
    DiscountTooLarge {
        /// The reduction.
        discount: Money,
        /// What it applies to.
        total: Money,
    },
    /// A capacity computed for one period used for plans of another.
    #[error(
        "the capacity is per {} but the instalments fall due every {}",
        .capacity.period_name(),
        .instalments.period_name()
    )]
    PeriodMismatch {
        /// The capacity's period.
        capacity: Frequency,
        /// The instalments' frequency.
        instalments: Frequency,
    },
    // Payment history.
    /// Profile rules whose thresholds contradict each other or are out of range.
    #[error("invalid profile rules: {reason}")]
    InvalidProfileRules {
        /// What is wrong, with the values.
        reason: String,
    },
    /// An agreement read from outside (e.g. JSON) whose outcome and end date do not agree.
    #[error("invalid agreement {reference:?}: {reason}")]
    InvalidAgreement {
        /// The agreement's reference.
        reference: String,
        /// What is wrong.
        reason: &'static str,
    },
    // Capacity.
    /// A budget line or commitment has a blank label.
    #[error("{what} needs a label")]
    EmptyLabel {
        /// What has no label ("a budget line", "a commitment").
        what: &'static str,
    },
    /// A household without an adult, or too large to be plausible.
    #[error("invalid household of {adults} adults and {children} children: {reason}")]
    InvalidHousehold {
        /// The number of adults as given.
        adults: u32,
        /// The number of children as given.
        children: u32,
        /// Why it was refused.
        reason: &'static str,
    },
    /// The built-in French wage-seizure scale has no figures for this year.
    #[error("no built-in wage-seizure scale for {year}: the crate knows {first} to {last}")]
    NoSeizureScale {
        /// The year asked for.
        year: i32,
        /// The first year built in.
        first: i32,
        /// The last year built in.
        last: i32,
    },
    /// A wage-seizure scale whose bounds are not positive and increasing, or mix currencies.
    #[error("invalid wage-seizure scale: {reason}")]
    InvalidSeizureScale {
        /// What is wrong, with the amounts.
        reason: String,
    },
    /// A capacity read from outside (e.g. JSON) whose breakdown does not add up.
    #[error("invalid capacity: {reason}")]
    InvalidCapacity {
        /// The check that failed.
        reason: String,
    },
    // Discounts.
    /// A number of days outside the range it must lie in (a discount window, days paid early).
    #[error("invalid {what} {days}: must be {range}")]
    InvalidDays {
        /// What the days count.
        what: &'static str,
        /// The number as given.
        days: u32,
        /// The accepted range in words.
        range: &'static str,
    },
    /// A fixed discount larger than the amount it applies to.
    #[error("discount of {discount} exceeds the {base} it applies to")]
    DiscountExceedsBase {
        /// The discount asked for.
        discount: Money,
        /// The amount it applies to.
        base: Money,
    },
    /// A claim without an issue date was given to a discount whose window counts from it.
    #[error("claim {reference:?} has no issue date, so no discount window can be counted from it")]
    MissingIssueDate {
        /// The claim's reference.
        reference: String,
    },
    /// A conditional waiver was asked to change after it was already decided the other way.
    #[error("a waiver already {status} cannot be {event}")]
    WaiverDecided {
        /// Its state: "granted" or "reinstated".
        status: &'static str,
        /// The event refused: "granted on completion" or "reinstated on lapse".
        event: &'static str,
    },
    // Adjustments.
    /// An adjustment was asked of a plan that is no longer active.
    #[error("the plan is {status}: it cannot be adjusted any more")]
    PlanClosed {
        /// Its state: "completed", "settled" or "lapsed".
        status: &'static str,
    },
    /// A lapse was asked on a date when its rule is not met.
    #[error("the lapse rule is not met on {as_of}: {rule}")]
    LapseNotTriggered {
        /// The date of the check.
        as_of: NaiveDate,
        /// The rule, in words.
        rule: String,
    },
    /// Adjustment parameters that do not fit the plan (a postponement of paid instalments, a rule
    /// without a condition, …).
    #[error("invalid adjustment: {reason}")]
    InvalidAdjustment {
        /// What is wrong, with the values.
        reason: String,
    },
    // Payments and statements.
    /// Two payments share a reference, so their allocations could not be told apart.
    #[error("duplicate payment reference {reference:?}")]
    DuplicatePayment {
        /// The reference given twice.
        reference: String,
    },
    /// A payment is dated after the date the statement is made at.
    #[error("payment {reference:?} of {date} is dated after the statement date {as_of}")]
    PaymentAfterStatement {
        /// The payment's reference.
        reference: String,
        /// Its date.
        date: NaiveDate,
        /// The statement's date.
        as_of: NaiveDate,
    },
    /// A payment is dated before the plan was agreed.
    #[error("payment {reference:?} of {date} is dated before the plan was agreed on {agreed_on}")]
    PaymentBeforePlan {
        /// The payment's reference.
        reference: String,
        /// Its date.
        date: NaiveDate,
        /// The day the plan was agreed.
        agreed_on: NaiveDate,
    },
    /// More credit applied or refunded than is held for the debtor.
    #[error("{reference:?} uses {amount} of credit, but only {held} is held for the debtor")]
    InsufficientCredit {
        /// The reference of the use of the credit.
        reference: String,
        /// The amount it uses.
        amount: Money,
        /// The credit held on its date.
        held: Money,
    },
    /// An allocation policy cannot be used as it is.
    #[error("invalid allocation policy: {reason}")]
    InvalidAllocationPolicy {
        /// Why.
        reason: String,
    },
    // Exports.
    /// A written agreement lacks a part it must contain.
    #[error("the agreement has no {part}")]
    MissingAgreementPart {
        /// The missing part ("payment method", "lapse rule", …).
        part: &'static str,
    },
    /// The debt given to a written agreement is not the one its schedule repays.
    #[error("the debt totals {debt} but the schedule repays {scheduled} of principal and fees")]
    AgreementDebtMismatch {
        /// The debt's total (claims and fees).
        debt: Money,
        /// The schedule's principal and fees.
        scheduled: Money,
    },
    /// Payment terms that cannot add up to an invoice, or that refer to a line they do not have.
    #[error("invalid payment terms: {reason}")]
    InvalidTerms {
        /// What is wrong, with the figures.
        reason: String,
    },
    /// A balloon not smaller than the amount the instalments repay.
    #[error("balloon {balloon} must be smaller than the amount financed {financed}")]
    BalloonTooLarge {
        /// The balloon.
        balloon: Money,
        /// The amount financed (after any down payment).
        financed: Money,
    },
    /// Instalment numbers that are not a range of a plan's instalments.
    #[error("instalments {first} to {last} are not a range of this plan, whose instalments are numbered {lowest} to {highest}")]
    InstalmentRange {
        /// The first instalment asked for.
        first: u32,
        /// The last instalment asked for.
        last: u32,
        /// The plan's first number (0 with a down payment, 1 otherwise).
        lowest: u32,
        /// The plan's last number.
        highest: u32,
    },
    // Serialisation.
    /// A value read from JSON that the library could not have produced: parts that do not add up
    /// to their total, a figure that disagrees with the inputs it is recomputed from, …
    #[error("inconsistent {what}: {reason}")]
    Inconsistent {
        /// The type read.
        what: &'static str,
        /// What is wrong, naming the field and its values.
        reason: String,
    },
}

mod french;

impl Error {
    /// The message in `language`: the `Display` message in English, its translation in French
    /// (with the crate's French typography: a space before `:` and `;`, amounts as
    /// `1 234,56 EUR`). A tool shows a clerk or a debtor the message in their language.
    ///
    /// ```
    /// use echeancier::{Language, Payment};
    /// use chrono::NaiveDate;
    ///
    /// let day = NaiveDate::from_ymd_opt(2027, 1, 31).ok_or("date")?;
    /// let err = Payment::new("VIR-1", day, "-5.00 EUR".parse()?).unwrap_err();
    /// assert_eq!(err.to_string_in(Language::English), "payment amount must be greater than zero, got -5.00 EUR");
    /// assert_eq!(
    ///     err.to_string_in(Language::French),
    ///     "le montant du paiement doit être supérieur à zéro, reçu -5,00 EUR"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_string_in(&self, language: crate::Language) -> String {
        match language {
            crate::Language::French => french::message(self),
            crate::Language::English => self.to_string(),
        }
    }
}

/// The result type of this crate.
///
/// ```
/// fn total() -> echeancier::Result<echeancier::Money> {
///     echeancier::Money::from_minor(4_850_00, echeancier::Currency::EUR)
/// }
/// assert_eq!(total()?.to_string(), "4850.00 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
pub type Result<T, E = Error> = core::result::Result<T, E>;
