//! Reminder rules: when to write to the debtor, before a due date and after a miss.

use chrono::{Days, NaiveDate};

use crate::error::{Error, Result};
use crate::money::Money;

/// The largest number of days a reminder may be written before or after a due date (ten years).
const MAX_DAYS: u32 = 3660;

/// Whether a reminder may be written `days` before a due date: 0 (on the day) to [`MAX_DAYS`].
fn before_in_range(days: u32) -> bool {
    days <= MAX_DAYS
}

/// Whether a dunning letter may be written `days` after a missed due date: 1 to [`MAX_DAYS`].
fn after_in_range(days: u32) -> bool {
    (1..=MAX_DAYS).contains(&days)
}

/// When to write: `N` days before each upcoming due date, and dunning letters `D` days after a
/// missed one (level 1 for the smallest delay, 2 for the next, …).
///
/// Built by value; the days are kept sorted and without repeats. Checked when used: a dunning delay
/// is at least one day, and every delay at most 3,660 days.
///
/// ```
/// use echeancier::ReminderRules;
///
/// let rules = ReminderRules::new()
///     .with_days_before(3)
///     .with_days_before(10)
///     .with_dunning_after(30)
///     .with_dunning_after(8);
/// assert_eq!(rules.days_before(), [3, 10]);
/// assert_eq!(rules.dunning_after(), [8, 30]);
/// assert!(ReminderRules::new().with_dunning_after(0).validate().is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RulesRepr", into = "RulesRepr"))]
pub struct ReminderRules {
    days_before: Vec<u32>,
    dunning_after: Vec<u32>,
}

impl ReminderRules {
    /// No reminder at all.
    ///
    /// See [`ReminderRules`] for an example.
    pub fn new() -> ReminderRules {
        ReminderRules::default()
    }

    /// Adds a reminder `days` days before each upcoming due date (0: on the day).
    ///
    /// See [`ReminderRules`] for an example.
    pub fn with_days_before(mut self, days: u32) -> ReminderRules {
        insert_sorted(&mut self.days_before, days);
        self
    }

    /// Adds a dunning level `days` days after each missed due date.
    ///
    /// See [`ReminderRules`] for an example.
    pub fn with_dunning_after(mut self, days: u32) -> ReminderRules {
        insert_sorted(&mut self.dunning_after, days);
        self
    }

    /// The days before a due date, ascending.
    ///
    /// See [`ReminderRules`] for an example.
    pub fn days_before(&self) -> &[u32] {
        &self.days_before
    }

    /// The dunning delays, ascending: the first is level 1.
    ///
    /// See [`ReminderRules`] for an example.
    pub fn dunning_after(&self) -> &[u32] {
        &self.dunning_after
    }

    /// Checks the rules.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDays`] for a dunning delay of 0 days, or a delay beyond 3,660 days.
    ///
    /// ```
    /// use echeancier::ReminderRules;
    ///
    /// assert_eq!(
    ///     ReminderRules::new().with_days_before(4000).validate().unwrap_err().to_string(),
    ///     "invalid days before a due date 4000: must be 0 to 3660"
    /// );
    /// ```
    pub fn validate(&self) -> Result<()> {
        if let Some(days) = self.days_before.iter().find(|d| !before_in_range(**d)) {
            return Err(Error::InvalidDays {
                what: "days before a due date",
                days: *days,
                range: "0 to 3660",
            });
        }
        if let Some(days) = self.dunning_after.iter().find(|d| !after_in_range(**d)) {
            return Err(Error::InvalidDays {
                what: "dunning delay",
                days: *days,
                range: "1 to 3660",
            });
        }
        Ok(())
    }

    /// The reminders of one instalment still owing `unpaid`, dated `as_of` or later.
    pub(crate) fn for_instalment(
        &self,
        instalment: u32,
        due_date: NaiveDate,
        unpaid: Money,
        as_of: NaiveDate,
        out: &mut Vec<Reminder>,
    ) -> Result<()> {
        let out_of_range = |days: u32, sign: &str| Error::DateOutOfRange {
            what: format!("{due_date} {sign} {days} days"),
        };
        if due_date >= as_of {
            for days in &self.days_before {
                let date = due_date
                    .checked_sub_days(Days::new(u64::from(*days)))
                    .ok_or_else(|| out_of_range(*days, "minus"))?;
                if date >= as_of {
                    out.push(Reminder {
                        date,
                        kind: ReminderKind::BeforeDue { days_before: *days },
                        instalment,
                        amount: unpaid,
                    });
                }
            }
        } else {
            for (level, days) in (1_u32..).zip(&self.dunning_after) {
                let date = due_date
                    .checked_add_days(Days::new(u64::from(*days)))
                    .ok_or_else(|| out_of_range(*days, "plus"))?;
                if date >= as_of {
                    out.push(Reminder {
                        date,
                        kind: ReminderKind::Dunning {
                            level,
                            days_after: *days,
                        },
                        instalment,
                        amount: unpaid,
                    });
                }
            }
        }
        Ok(())
    }
}

fn insert_sorted(days: &mut Vec<u32>, day: u32) {
    if let Err(at) = days.binary_search(&day) {
        days.insert(at, day);
    }
}

/// Why a reminder is due.
///
/// ```
/// use echeancier::ReminderKind;
///
/// let kind = ReminderKind::Dunning { level: 1, days_after: 8 };
/// assert_ne!(kind, ReminderKind::BeforeDue { days_before: 8 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ReminderKind {
    /// The instalment falls due in `days_before` days.
    BeforeDue {
        /// Days until the due date.
        days_before: u32,
    },
    /// The instalment was missed: dunning letter of `level` (1 for the first), `days_after` days
    /// after its due date.
    Dunning {
        /// 1 for the smallest delay of the rules, 2 for the next, …
        level: u32,
        /// Days since the due date.
        days_after: u32,
    },
}

/// A letter to write on a date, about an instalment and what is still owed of it.
///
/// See [`Statement::reminders`](crate::Statement::reminders) for an example.
///
/// Deserialising checks the dunning level (from 1), the days (at least one) and the amount (greater
/// than zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ReminderRepr"))]
pub struct Reminder {
    date: NaiveDate,
    kind: ReminderKind,
    instalment: u32,
    amount: Money,
}

impl Reminder {
    /// The day to write.
    ///
    /// See [`Statement::reminders`](crate::Statement::reminders) for an example.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Before a due date, or dunning after a miss.
    ///
    /// See [`Statement::reminders`](crate::Statement::reminders) for an example.
    pub fn kind(&self) -> ReminderKind {
        self.kind
    }

    /// The instalment's number.
    ///
    /// See [`Statement::reminders`](crate::Statement::reminders) for an example.
    pub fn instalment(&self) -> u32 {
        self.instalment
    }

    /// What is still owed of the instalment as of the statement's date (penalties not included).
    ///
    /// See [`Statement::reminders`](crate::Statement::reminders) for an example.
    pub fn amount(&self) -> Money {
        self.amount
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(Reminder as ReminderRepr {
    date: NaiveDate,
    kind: ReminderKind,
    instalment: u32,
    amount: Money,
});

#[cfg(feature = "serde")]
impl Reminder {
    /// A letter for an amount greater than zero, its days within the bounds of
    /// [`ReminderRules::validate`] (0 to 3,660 before a due date, 1 to 3,660 after a miss), and a
    /// dunning level from 1.
    fn check(&self) -> Result<()> {
        let check = crate::contract::Check::new("reminder", self.amount.currency());
        check.positive("amount", self.amount)?;
        let days_ok = match self.kind {
            ReminderKind::BeforeDue { days_before } => before_in_range(days_before),
            ReminderKind::Dunning { level, days_after } => level > 0 && after_in_range(days_after),
        };
        check.that(days_ok, || {
            format!(
                "{:?}: a reminder is 0 to 3660 days before a due date, a dunning letter 1 to 3660 \
                 days after, its level from 1",
                self.kind
            )
        })
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesRepr {
    #[serde(default)]
    days_before: Vec<u32>,
    #[serde(default)]
    dunning_after: Vec<u32>,
}

#[cfg(feature = "serde")]
impl TryFrom<RulesRepr> for ReminderRules {
    type Error = Error;

    fn try_from(r: RulesRepr) -> Result<ReminderRules> {
        let mut rules = ReminderRules::new();
        for days in r.days_before {
            rules = rules.with_days_before(days);
        }
        for days in r.dunning_after {
            rules = rules.with_dunning_after(days);
        }
        rules.validate()?;
        Ok(rules)
    }
}

#[cfg(feature = "serde")]
impl From<ReminderRules> for RulesRepr {
    fn from(r: ReminderRules) -> RulesRepr {
        RulesRepr {
            days_before: r.days_before,
            dunning_after: r.dunning_after,
        }
    }
}
