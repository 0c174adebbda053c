//! Ranked plan proposals: several realistic options for one debtor rather than one
//! take-it-or-leave-it figure.
//!
//! A [`ProposalRequest`] brings together what is owed, what the debtor can pay per period and the
//! creditor's [`CreditorPolicy`]; [`ProposalRequest::propose`] returns [`Proposals`]: the options
//! offered in a documented order ([`ProposalKind`]), each with its schedule and figures, and the
//! options left out with the reason ([`Omission`]).

pub(crate) mod explain;
mod policy;
mod propose;

pub use policy::{CreditorPolicy, MaxDuration, SettlementDiscount};
pub use propose::{Omission, Omitted, Proposal, ProposalKind, ProposalRequest, Proposals};
