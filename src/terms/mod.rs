//! Invoice payment terms: from an invoice and its terms to dated lines, the claims the rest of the
//! crate works on, early-payment discounts per line, and the legal checks of the terms.
//!
//! - [`PaymentTerms`]: one or more [`TermsLine`]s, each a [`LineAmount`] (a percentage, a fixed
//!   amount or the balance) with a [`DueRule`] and, optionally, its own
//!   [`EarlyPaymentDiscount`](crate::EarlyPaymentDiscount); a rounding and an optional
//!   [`CashRounding`].
//! - [`PaymentTerms::apply`] to an [`Invoice`] gives an [`InvoicePlan`] of [`DueLine`]s that add up
//!   to the invoice exactly (base and VAT each), with each line's [`LineDiscount`]; its
//!   [`claims`](InvoicePlan::claims), [`debt`](InvoicePlan::debt) and
//!   [`overdue_items`](InvoicePlan::overdue_items) feed plans, statements and penalties.
//! - [`InvoicePlan::check`] against a [`PaymentLimit`] gives a [`LegalCheck`] of
//!   [`LimitFinding`]s; [`RateFloorCheck`] checks a late-payment policy against the French floor.
//!
//! The shapes follow what receivables tools already store: Odoo's `account.payment.term` (lines of
//! `value` percent / fixed / balance, a due date from months, days and end of month, a discount
//! per line; `addons/account/models/account_payment_term.py`) and ERPNext's Payment Terms
//! Template (`invoice_portion`, `due_date_based_on` "Day(s) after invoice date", "Day(s) after the
//! end of the invoice month", "Month(s) after the end of the invoice month").

mod due;
mod invoice;
mod legal;

pub use due::DueRule;
pub use invoice::{
    CashRounding, DueLine, Invoice, InvoicePlan, LineAmount, LineDiscount, PaymentTerms, TermsLine,
};
pub use legal::{LegalCheck, LimitFinding, PaymentLimit, RateFloorCheck};
