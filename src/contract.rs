//! Checks for values read from JSON: the invariants the library guarantees for the values it
//! computes, re-checked on read so that JSON cannot build a value the library could not have
//! produced.
//!
//! Computed outputs are read through private representations. A type either re-checks the
//! invariants its constructor guarantees with a [`Check`], or, when it carries the inputs it is a
//! pure function of, is recomputed from them and compared with `same_as_recomputed!`.

use crate::error::{Error, Result};
use crate::money::{Currency, Money};

/// The checks of one value read from JSON, in one currency; failures name the type and the field.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Check {
    what: &'static str,
    currency: Currency,
}

impl Check {
    pub(crate) fn new(what: &'static str, currency: Currency) -> Check {
        Check { what, currency }
    }

    pub(crate) fn fail(&self, reason: impl Into<String>) -> Error {
        fail(self.what, reason)
    }

    /// `ok`, or an error with `reason`.
    pub(crate) fn that(&self, ok: bool, reason: impl FnOnce() -> String) -> Result<()> {
        if ok {
            Ok(())
        } else {
            Err(self.fail(reason()))
        }
    }

    /// `amount` is in the value's currency.
    pub(crate) fn currency(&self, field: &str, amount: Money) -> Result<()> {
        self.that(amount.currency() == self.currency, || {
            format!(
                "{field} is in {}, not in {}",
                amount.currency(),
                self.currency
            )
        })
    }

    /// `amount` is in the value's currency and not negative.
    pub(crate) fn non_negative(&self, field: &str, amount: Money) -> Result<()> {
        self.currency(field, amount)?;
        self.that(!amount.is_negative(), || {
            format!("{field} must not be negative, got {amount}")
        })
    }

    /// `amount` is in the value's currency and greater than zero.
    pub(crate) fn positive(&self, field: &str, amount: Money) -> Result<()> {
        self.currency(field, amount)?;
        self.that(amount.is_positive(), || {
            format!("{field} must be greater than zero, got {amount}")
        })
    }

    /// `given` equals `expected`, the figure its parts give.
    pub(crate) fn equal(&self, field: &str, given: Money, expected: Money) -> Result<()> {
        self.that(given == expected, || {
            format!("{field} is {given}, but its parts make {expected}")
        })
    }

    /// `total` is the sum of `parts`.
    pub(crate) fn sum(
        &self,
        field: &str,
        total: Money,
        parts: impl IntoIterator<Item = Money>,
    ) -> Result<()> {
        let sum = Money::sum(self.currency, parts).map_err(|_| {
            self.fail(format!(
                "the parts of {field} are not all in {}",
                self.currency
            ))
        })?;
        self.equal(field, total, sum)
    }
}

/// The error for a value of type `what` read from JSON that breaks an invariant.
pub(crate) fn fail(what: &'static str, reason: impl Into<String>) -> Error {
    Error::Inconsistent {
        what,
        reason: reason.into(),
    }
}

/// Compares the named fields of a value read from JSON with the value recomputed from its inputs,
/// and returns an error naming the first field that differs.
macro_rules! same_as_recomputed {
    ($what:expr, $given:expr, $recomputed:expr, [$($field:ident),* $(,)?]) => {
        $(
            if $given.$field != $recomputed.$field {
                return Err($crate::contract::fail(
                    $what,
                    format!(
                        "{} is {:?}, but recomputed from the inputs it is {:?}",
                        stringify!($field),
                        $given.$field,
                        $recomputed.$field,
                    ),
                ));
            }
        )*
    };
}
pub(crate) use same_as_recomputed;

/// Reads a struct through a private mirror of its fields, then runs its `check` method: the
/// struct keeps its derived `Serialize`, and `#[serde(try_from = "Repr")]` on it names the mirror.
///
/// ```text
/// checked_repr!(Allocation as AllocationRepr { payment: String, amount: Money });
/// ```
macro_rules! checked_repr {
    ($ty:ident as $repr:ident { $($(#[$meta:meta])* $field:ident : $fty:ty),* $(,)? }) => {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $repr {
            $($(#[$meta])* $field: $fty,)*
        }

        impl TryFrom<$repr> for $ty {
            type Error = $crate::error::Error;

            fn try_from(r: $repr) -> $crate::error::Result<$ty> {
                let value = $ty { $($field: r.$field,)* };
                value.check()?;
                Ok(value)
            }
        }
    };
}
pub(crate) use checked_repr;

/// The tests' reading of a tampered value: `json` (a value as it writes) changed by `edit`, then
/// read as a `T`, must be refused; the refusal's text, for the test to check what it names.
///
/// # Panics
///
/// When the changed value reads: the check it tests let it through.
#[cfg(all(test, feature = "serde"))]
#[allow(clippy::panic)]
pub(crate) fn refused<T: serde::de::DeserializeOwned + core::fmt::Debug>(
    json: &serde_json::Value,
    edit: impl FnOnce(&mut serde_json::Value),
) -> String {
    let mut changed = json.clone();
    edit(&mut changed);
    match serde_json::from_value::<T>(changed.clone()) {
        Ok(read) => panic!("{changed} was read as {read:?}"),
        Err(e) => e.to_string(),
    }
}
