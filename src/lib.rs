//! echeancier (guide to come)
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod calendar;
mod debt;
mod error;
mod frequency;
mod money;
mod rate;

pub use calendar::{easter_sunday, BusinessDayRule, Calendar, HolidayCalendar};
pub use debt::{Claim, Debt, Fee};
pub use error::{Error, Result};
pub use frequency::Frequency;
pub use money::{Currency, Money, Rounding};
pub use rate::{AnnualRate, PeriodicRate};

mod penalty;

pub use penalty::{
    Cap, Compensation, CompensationBasis, CompensationLine, DayCount, ExactInterest, ItemPenalty,
    LegalRateCreditor, OverdueItem, PartialPayment, PenaltyPolicy, PenaltyRate, PenaltySegment,
    PenaltyStatement, RateRevision, RateTable, YearFraction,
};
