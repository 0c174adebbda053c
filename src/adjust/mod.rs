//! Adjustments of a plan when life changes: reschedule, postpone, prepay, settle, lapse.
//!
//! A [`PlanHistory`] holds the successive [`PlanVersion`]s of one agreement; an
//! [`Account`](crate::Account) keeps it with the payments and events. Each adjustment reads the
//! [`Statement`](crate::Statement) of the version in force as of its effective date (the one
//! allocation of the payments, by the creditor's policy) and its parameters, and returns the history
//! with one more version: the [`Schedule`](crate::Schedule) now in force, the instalments of earlier versions kept
//! as they were ([`KeptInstalment`]), and an [`AdjustmentRecord`] of who, what and when, with the
//! amounts before and after. Nothing already paid is ever rewritten.
//!
//! **Outstanding** ([`Outstanding`]) is the principal and fees not yet repaid plus the interest of
//! instalments already due and not paid, as of the effective date; interest not yet due is not
//! outstanding. Every adjustment keeps
//! `outstanding after = outstanding before + capitalised − waived − paid`, to the minor unit, and
//! shows the interest of the new terms apart.
//!
//! **Partly paid instalments.** An instalment due on or before the effective date, or with a
//! payment on it, stays in the history with what was paid on it; its unpaid part joins the
//! outstanding amount (as arrears once due). The new schedule is generated with [`PlanRequest`](crate::PlanRequest) over
//! a [`Debt`](crate::Debt) that is the outstanding amount (principal as a claim; unpaid interest,
//! fees and capitalised amounts as fees, which a schedule repays first), so it satisfies every schedule
//! invariant by construction. The interest of the period running at the effective date is charged
//! by the new terms' first instalment, as a generated plan charges its first period.

mod history;
mod lapse;
mod outstanding;
mod params;
mod record;

pub use history::{KeptInstalment, PlanHistory, PlanStatus, PlanVersion};
pub use lapse::{ArrearsTolerance, LapseRule, LapseTrigger};
pub use outstanding::Outstanding;
pub use params::{
    Lapse, PenaltyCharge, PostponeMode, Postponement, Prepayment, PrepaymentMode, Reschedule,
    Settlement, Treatment,
};
pub use record::{AdjustmentDetails, AdjustmentKind, AdjustmentRecord};

#[cfg(test)]
mod tests;
