//! Late-payment penalties: simple interest on overdue amounts and fixed recovery compensation.
//!
//! A [`PenaltyPolicy`] says how penalties are computed: a [`PenaltyRate`] (fixed, or a [`RateTable`] of
//! reference rates plus points, read as a [`RateRevision`] says), grace days, a [`DayCount`], a
//! [`Compensation`] per late claim or item, an optional [`Cap`] and minimum rate, and the [`Rounding`]
//! of each segment. Presets give the statutory terms of France, the EU, Germany and the UK.
//!
//! [`PenaltyPolicy::compute`] takes [`OverdueItem`]s (invoices, instalments: a reference, a due date, an
//! amount and its [`PartialPayment`](crate::PartialPayment)s) and an as-of date, and returns a [`PenaltyStatement`]: for each
//! item the late days split into [`PenaltySegment`]s wherever the rate or the base changes, then the
//! [`CompensationLine`]s and the totals.
//!
//! Interest runs from the day after the due date (plus the grace days) through the day of payment in
//! full, or the as-of date. Each segment's interest is computed exactly ([`ExactInterest`]) and rounded
//! once to the minor unit; an item's interest is the sum of its rounded segments.
//!
//! [`Rounding`]: crate::Rounding
//!
//! ```
//! use echeancier::{Currency, OverdueItem, PenaltyPolicy};
//! use chrono::NaiveDate;
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
//! let invoice = OverdueItem::new("F-2025-042", d(6, 15), "8000.00 EUR".parse()?)?.paid_on(d(7, 15))?;
//! let statement = PenaltyPolicy::france_b2b()?.compute(Currency::EUR, &[invoice], d(7, 31))?;
//! for s in statement.items()[0].segments() {
//!     println!("{} to {}: {} days on {} at {} = {}",
//!              s.first_day(), s.last_day(), s.days(), s.base(), s.rate(), s.interest());
//! }
//! // 15 days at 13.15 % (43.23) and 15 days at 12.15 % (39.95), plus 40.00
//! assert_eq!(statement.total().to_string(), "123.18 EUR");
//! # Ok::<(), echeancier::Error>(())
//! ```

mod compute;
mod policy;
mod presets;
mod publication;
mod rate_table;

pub use crate::day_count::{DayCount, ExactInterest, YearFraction};
pub use compute::{CompensationLine, ItemPenalty, OverdueItem, PenaltySegment, PenaltyStatement};
pub use policy::{
    Cap, Compensation, CompensationBasis, LegalBasis, PenaltyPolicy, PenaltyRate, RateRevision,
};
pub use rate_table::{LegalRateCreditor, RateTable};

#[cfg(test)]
mod tests;
