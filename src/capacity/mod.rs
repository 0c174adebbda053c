//! What a debtor can pay per period: a budget, a capacity policy and the French wage-seizure scale.
//!
//! A [`Budget`] holds the debtor's [`BudgetLine`]s (incomes and expenses, each with a [`Category`]
//! and its own [`Frequency`](crate::Frequency)), the [`Commitment`]s they already pay and their
//! [`Household`]. A [`CapacityPolicy`] says how much of the disposable income a plan may ask for: a
//! maximum share, a [`ProtectedMinimum`] (*reste à vivre*) the debtor always keeps, and optionally
//! the ceiling of a [`SeizureScale`] (the French *barème des saisies sur rémunérations*, 2024 to 2026
//! built in). [`Budget::capacity`] converts every line exactly to the plan's period and returns a
//! [`Capacity`]: the amount per period, the rule that set it ([`LimitingFactor`]), a line-by-line
//! breakdown ([`CapacityLine`]) and an explanation in English or French.
//!
//! A zero capacity is a result, not an error: it says that no plan is affordable now, and why.
//!
//! ```
//! use echeancier::*;
//!
//! let line = |label, category, amount: &str, frequency| -> Result<BudgetLine> {
//!     BudgetLine::new(label, category, amount.parse()?, frequency)
//! };
//! let budget = Budget::new(Currency::EUR)
//!     .with_line(line("net salary", Category::Salary, "1900.00 EUR", Frequency::MONTHLY)?)?
//!     .with_line(line("rent", Category::Rent, "680.00 EUR", Frequency::MONTHLY)?)?
//!     .with_line(line("groceries", Category::Food, "90.00 EUR", Frequency::WEEKLY)?)?   // 390.00 a month
//!     .with_household(Household::new(1, 1)?);
//! let policy = CapacityPolicy::new()
//!     .max_share("50%".parse()?)
//!     .protected_minimum(ProtectedMinimum::france_rsa_one_person_2025()?)
//!     .seizure_ceiling(SeizureScale::france(2026)?);
//! let capacity = budget.capacity(&policy, Frequency::MONTHLY)?;
//! assert_eq!(capacity.disposable().to_string(), "830.00 EUR");
//! // 50 % → 415.00; 830.00 − 646.52 → 183.48; the 2026 scale on 1900.00 a month, one dependant → 327.01
//! assert_eq!(capacity.amount().to_string(), "183.48 EUR");
//! assert_eq!(capacity.limiting_factor(), LimitingFactor::ProtectedMinimum);
//! println!("{}", capacity.explain(Language::French));
//! # Ok::<(), Error>(())
//! ```

mod budget;
mod compute;
pub(crate) mod explain;
mod policy;
mod seizure;

pub use budget::{Budget, BudgetLine, Category, Commitment, Household};
pub use compute::{Capacity, CapacityLine, CapacityLineKind, LimitingFactor, LineDetail};
pub use policy::{CapacityPolicy, ProtectedMinimum};
pub use seizure::{Seizable, SeizureBand, SeizureScale};
