//! One function per subcommand: read the request, call the library, render the result.

mod account;
mod adjust;
mod penalties;
mod plan;
mod quote;
mod rates;
mod statement;
mod terms;

pub(crate) use account::{account, Options as AccountOptions};
pub(crate) use adjust::{lapse, postpone, prepay, reschedule, settle};
pub(crate) use penalties::penalties;
pub(crate) use plan::{generate, propose};
pub(crate) use quote::quote;
pub(crate) use rates::{rates, Options as RatesOptions};
pub(crate) use statement::statement;
pub(crate) use terms::terms;
