//! How often instalments fall due, and the due dates that follow from a first date.
//!
//! Month-based frequencies remember the first date's day of month (the *anchor*) and clamp it to the
//! end of shorter months: a plan starting on 31 January falls due on 28 or 29 February, 31 March,
//! 30 April, 31 May… Each date is computed from the anchor, never from the previous date, so a short
//! month does not drag every later date back. A semi-monthly frequency falls due on two fixed days
//! of every month (the 1st and the 15th, the 15th and the last day…), clamped the same way.

use core::fmt;
use core::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::error::{Error, Result};

/// The largest count accepted in "every N days" or "every N months".
const MAX_COUNT: u32 = 3660;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Unit {
    Days,
    Months,
    /// Two fixed days of every month, `first` < `second` (29 to 31 clamped to the month's end).
    HalfMonths {
        first: u8,
        second: u8,
    },
}

/// The days of a semi-monthly frequency: the first from 1 to 16, the second 13 to 16 days after
/// it (so that each period is about half a month, and the two dates of a month never meet when
/// the second is clamped to the end of February).
const HALF_MONTH_FIRST_DAYS: core::ops::RangeInclusive<u32> = 1..=16;
const HALF_MONTH_GAPS: core::ops::RangeInclusive<u32> = 13..=16;

/// The period between two instalments.
///
/// The named constants cover the usual plans; [`Frequency::every_days`] and
/// [`Frequency::every_months`] any other. Text and JSON use snake-case names (`"monthly"`,
/// `"every_2_weeks"`… see [`fmt::Display`]).
///
/// ```
/// use echeancier::Frequency;
/// use chrono::NaiveDate;
///
/// let start = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
/// let dates: Vec<String> = (0..4)
///     .map(|k| Frequency::MONTHLY.nth_date(start, k).unwrap().to_string())
///     .collect();
/// assert_eq!(dates, ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]);
/// assert_eq!("quarterly".parse::<Frequency>()?, Frequency::QUARTERLY);
/// assert_eq!(Frequency::every_days(10)?.to_string(), "every_10_days");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Frequency {
    unit: Unit,
    count: u32,
}

const NAMED: &[(&str, Frequency)] = &[
    ("weekly", Frequency::WEEKLY),
    ("every_2_weeks", Frequency::EVERY_2_WEEKS),
    ("every_4_weeks", Frequency::EVERY_4_WEEKS),
    ("monthly", Frequency::MONTHLY),
    ("every_2_months", Frequency::EVERY_2_MONTHS),
    ("quarterly", Frequency::QUARTERLY),
    ("half_yearly", Frequency::HALF_YEARLY),
    ("yearly", Frequency::YEARLY),
];

impl Frequency {
    /// Every 7 days.
    ///
    /// ```
    /// assert_eq!(echeancier::Frequency::WEEKLY.to_string(), "weekly");
    /// ```
    pub const WEEKLY: Frequency = Frequency::days(7);
    /// Every 14 days.
    ///
    /// ```
    /// assert_eq!(echeancier::Frequency::EVERY_2_WEEKS.to_string(), "every_2_weeks");
    /// ```
    pub const EVERY_2_WEEKS: Frequency = Frequency::days(14);
    /// Every 28 days.
    ///
    /// ```
    /// assert_eq!(echeancier::Frequency::EVERY_4_WEEKS.to_string(), "every_4_weeks");
    /// ```
    pub const EVERY_4_WEEKS: Frequency = Frequency::days(28);
    /// Every month, on the anchor day.
    ///
    /// ```
    /// assert_eq!(echeancier::Frequency::MONTHLY.to_string(), "monthly");
    /// ```
    pub const MONTHLY: Frequency = Frequency::months(1);
    /// Every two months.
    ///
    /// ```
    /// assert_eq!(echeancier::Frequency::EVERY_2_MONTHS.to_string(), "every_2_months");
    /// ```
    pub const EVERY_2_MONTHS: Frequency = Frequency::months(2);
    /// Every three months.
    ///
    /// ```
    /// assert_eq!(echeancier::Frequency::QUARTERLY.to_string(), "quarterly");
    /// ```
    pub const QUARTERLY: Frequency = Frequency::months(3);
    /// Every six months.
    ///
    /// ```
    /// assert_eq!(echeancier::Frequency::HALF_YEARLY.to_string(), "half_yearly");
    /// ```
    pub const HALF_YEARLY: Frequency = Frequency::months(6);
    /// Every twelve months.
    ///
    /// ```
    /// assert_eq!(echeancier::Frequency::YEARLY.to_string(), "yearly");
    /// ```
    pub const YEARLY: Frequency = Frequency::months(12);

    const fn days(count: u32) -> Frequency {
        Frequency {
            unit: Unit::Days,
            count,
        }
    }

    const fn months(count: u32) -> Frequency {
        Frequency {
            unit: Unit::Months,
            count,
        }
    }

    /// Every `n` days (1 to 3,660).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidFrequency`] for 0 or more than 3,660.
    ///
    /// ```
    /// use echeancier::Frequency;
    ///
    /// assert_eq!(Frequency::every_days(7)?, Frequency::WEEKLY);
    /// assert!(Frequency::every_days(0).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn every_days(n: u32) -> Result<Frequency> {
        Frequency::checked(Unit::Days, n)
    }

    /// Every `n` months (1 to 3,660), on the anchor day.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidFrequency`] for 0 or more than 3,660.
    ///
    /// ```
    /// use echeancier::Frequency;
    ///
    /// assert_eq!(Frequency::every_months(3)?, Frequency::QUARTERLY);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn every_months(n: u32) -> Result<Frequency> {
        Frequency::checked(Unit::Months, n)
    }

    /// Twice a month, on day `first` and day `second` of every month (*bimensuel*, payroll's
    /// semi-monthly): 24 periods a year, each a year fraction of 1/24. Days 29 to 31 fall on the
    /// last day of a shorter month, so `semi_monthly(15, 31)` is the 15th and the last day of
    /// every month. `first` is 1 to 16 and `second` 13 to 16 days after it (at most 31), so that
    /// every period is about half a month. Text and JSON write it `semi_monthly_1_15`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDays`] for days outside those ranges.
    ///
    /// ```
    /// use echeancier::Frequency;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let twice = Frequency::semi_monthly(15, 31)?;
    /// let dates: Vec<_> = (0..4).map(|k| twice.nth_date(d(1, 31), k).unwrap()).collect();
    /// assert_eq!(dates, [d(1, 31), d(2, 15), d(2, 28), d(3, 15)]);
    /// assert_eq!(twice.to_string(), "semi_monthly_15_31");
    /// assert_eq!(twice.year_fraction(), (1, 24));
    /// assert!(Frequency::semi_monthly(1, 5).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn semi_monthly(first: u32, second: u32) -> Result<Frequency> {
        if !HALF_MONTH_FIRST_DAYS.contains(&first) {
            return Err(Error::InvalidDays {
                what: "first day of a semi-monthly frequency",
                days: first,
                range: "from 1 to 16",
            });
        }
        let gap = second.saturating_sub(first);
        if !HALF_MONTH_GAPS.contains(&gap) || second > 31 {
            return Err(Error::InvalidDays {
                what: "second day of a semi-monthly frequency",
                days: second,
                range: "13 to 16 days after the first day, and at most 31",
            });
        }
        // Both checked above: 1 to 31.
        let (Ok(first), Ok(second)) = (u8::try_from(first), u8::try_from(second)) else {
            return Err(Error::InvalidDays {
                what: "second day of a semi-monthly frequency",
                days: second,
                range: "13 to 16 days after the first day, and at most 31",
            });
        };
        Ok(Frequency {
            unit: Unit::HalfMonths { first, second },
            count: 1,
        })
    }

    /// The two days of the month of a semi-monthly frequency, `None` for any other.
    ///
    /// ```
    /// use echeancier::Frequency;
    ///
    /// assert_eq!(Frequency::semi_monthly(1, 15)?.days_of_month(), Some((1, 15)));
    /// assert_eq!(Frequency::MONTHLY.days_of_month(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn days_of_month(&self) -> Option<(u32, u32)> {
        match self.unit {
            Unit::HalfMonths { first, second } => Some((u32::from(first), u32::from(second))),
            Unit::Days | Unit::Months => None,
        }
    }

    fn checked(unit: Unit, count: u32) -> Result<Frequency> {
        if (1..=MAX_COUNT).contains(&count) {
            Ok(Frequency { unit, count })
        } else {
            Err(Error::InvalidFrequency {
                count,
                unit: match unit {
                    Unit::Days => "days",
                    Unit::Months | Unit::HalfMonths { .. } => "months",
                },
                max: MAX_COUNT,
            })
        }
    }

    /// The due date of the instalment `k` periods after `anchor` (`k = 0` is the anchor itself),
    /// computed from the anchor so that month ends never drift. `None` past the calendar's range.
    ///
    /// ```
    /// use echeancier::Frequency;
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// assert_eq!(Frequency::MONTHLY.nth_date(d(2023, 1, 31), 1), Some(d(2023, 2, 28)));
    /// assert_eq!(Frequency::MONTHLY.nth_date(d(2023, 1, 31), 2), Some(d(2023, 3, 31)));
    /// assert_eq!(Frequency::YEARLY.nth_date(d(2024, 2, 29), 1), Some(d(2025, 2, 28)));
    /// assert_eq!(Frequency::YEARLY.nth_date(d(2024, 2, 29), 4), Some(d(2028, 2, 29)));
    /// assert_eq!(Frequency::WEEKLY.nth_date(d(2024, 12, 30), 1), Some(d(2025, 1, 6)));
    /// ```
    pub fn nth_date(&self, anchor: NaiveDate, k: u32) -> Option<NaiveDate> {
        self.dates(anchor).nth(k)
    }

    /// The due dates anchored on `anchor`, for computing many of them.
    // A chrono year is below 2^18 in size: year × 12 + 11 cannot overflow an i64.
    #[allow(clippy::arithmetic_side_effects)]
    pub(crate) fn dates(&self, anchor: NaiveDate) -> Dates {
        let month = i64::from(anchor.year()) * 12 + i64::from(anchor.month0());
        let month = match self.unit {
            Unit::HalfMonths { first, second } => half_month_base(anchor, month, first, second),
            Unit::Days | Unit::Months => month,
        };
        Dates {
            anchor,
            frequency: *self,
            month,
            day: anchor.day(),
        }
    }

    /// The due dates from `first`, month-based ones on day `day` of each month (or its last day):
    /// `first` must be that date in its month. `None` when it is not, or for a day-based frequency
    /// (which has no day of the month).
    pub(crate) fn dates_on_day(&self, first: NaiveDate, day: u32) -> Option<Dates> {
        let dates = Dates {
            day,
            ..self.dates(first)
        };
        let fits =
            self.unit == Unit::Months && (1..=31).contains(&day) && dates.nth(0) == Some(first);
        fits.then_some(dates)
    }

    /// The date one period before `date` (used to find where a plan's first period starts).
    ///
    /// ```
    /// use echeancier::Frequency;
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// assert_eq!(Frequency::MONTHLY.previous_date(d(2024, 3, 31)), Some(d(2024, 2, 29)));
    /// ```
    pub fn previous_date(&self, date: NaiveDate) -> Option<NaiveDate> {
        match self.unit {
            Unit::Days => date.checked_sub_days(Days::new(u64::from(self.count))),
            Unit::Months => date.checked_sub_months(Months::new(self.count)),
            Unit::HalfMonths { first, second } => half_month_before(date, first, second),
        }
    }

    /// One period before the day a due date `date` was set on, before a business-day rule may
    /// have moved it: for a semi-monthly plan, one period before the plan's day nearest `date` (a
    /// move of a few days takes a date off its day, never half-way to the next); otherwise
    /// [`Frequency::previous_date`], the move included.
    pub(crate) fn period_before_due(&self, date: NaiveDate) -> Option<NaiveDate> {
        match self.unit {
            Unit::HalfMonths { first, second } => {
                half_month_before(half_month_nearest(date, first, second)?, first, second)
            }
            Unit::Days | Unit::Months => self.previous_date(date),
        }
    }

    /// The period as a fraction of a year, `(numerator, denominator)`, which is how a nominal annual
    /// rate becomes a periodic one (see [`crate::AnnualRate::periodic`]).
    ///
    /// - every `n` months: `n / 12`;
    /// - every `n` weeks (a day count divisible by 7): `n / 52`, as loan practice counts 52 weeks a year;
    /// - every other `n` days: `n / 365`;
    /// - semi-monthly: `1 / 24`.
    ///
    /// ```
    /// use echeancier::Frequency;
    ///
    /// assert_eq!(Frequency::MONTHLY.year_fraction(), (1, 12));
    /// assert_eq!(Frequency::EVERY_2_WEEKS.year_fraction(), (2, 52));
    /// assert_eq!(Frequency::every_days(10)?.year_fraction(), (10, 365));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn year_fraction(&self) -> (u32, u32) {
        match self.unit {
            Unit::Months => (self.count, 12),
            Unit::Days if self.count % 7 == 0 => (self.count / 7, 52),
            Unit::Days => (self.count, 365),
            Unit::HalfMonths { .. } => (1, 24),
        }
    }

    /// The days of a period, for a frequency counted in days (`None` for months and half-months).
    pub(crate) fn days_count(&self) -> Option<u32> {
        match self.unit {
            Unit::Days => Some(self.count),
            Unit::Months | Unit::HalfMonths { .. } => None,
        }
    }

    /// A short English noun for the period ("month", "2 weeks", "10 days"), for explanations.
    ///
    /// ```
    /// use echeancier::Frequency;
    ///
    /// assert_eq!(Frequency::MONTHLY.period_name(), "month");
    /// assert_eq!(Frequency::QUARTERLY.period_name(), "3 months");
    /// assert_eq!(Frequency::EVERY_2_WEEKS.period_name(), "2 weeks");
    /// assert_eq!(Frequency::semi_monthly(1, 15)?.period_name(), "half-month");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn period_name(&self) -> String {
        match (self.unit, self.count) {
            (Unit::HalfMonths { .. }, _) => "half-month".to_owned(),
            (Unit::Months, 1) => "month".to_owned(),
            (Unit::Months, 12) => "year".to_owned(),
            (Unit::Months, n) => format!("{n} months"),
            (Unit::Days, 7) => "week".to_owned(),
            (Unit::Days, n) if n % 7 == 0 => format!("{} weeks", n / 7),
            (Unit::Days, 1) => "day".to_owned(),
            (Unit::Days, n) => format!("{n} days"),
        }
    }
}

/// The due dates of a frequency from one anchor, with the anchor taken apart once.
#[derive(Clone, Copy)]
pub(crate) struct Dates {
    anchor: NaiveDate,
    frequency: Frequency,
    /// The anchor's year × 12 + month (0 to 11); for a semi-monthly frequency, the number of the
    /// half-month (month × 2, plus 1 for the second day) `nth(k)` is `k` after, for `k ≥ 1`.
    month: i64,
    day: u32,
}

impl Dates {
    /// [`Frequency::nth_date`] of the anchor.
    pub(crate) fn nth(&self, k: u32) -> Option<NaiveDate> {
        let steps = self.frequency.count.checked_mul(k)?;
        match self.frequency.unit {
            Unit::Days => self.anchor.checked_add_days(Days::new(u64::from(steps))),
            Unit::Months => month_date(self.month.checked_add(i64::from(steps))?, self.day),
            Unit::HalfMonths { .. } if k == 0 => Some(self.anchor),
            Unit::HalfMonths { first, second } => {
                half_month_date(self.month.checked_add(i64::from(k))?, first, second)
            }
        }
    }
}

impl Dates {
    /// `nth(0)`, `nth(1)`, … in order, each found from the one before: the same dates, for less
    /// work when a schedule dates every row.
    pub(crate) fn cursor(&self) -> DateCursor {
        let ordinals = match self.frequency.unit {
            Unit::Months => MonthOrdinals::of_day(self.day),
            Unit::Days | Unit::HalfMonths { .. } => MonthOrdinals::default(),
        };
        let months = match self.frequency.unit {
            Unit::Months => Some(self.frequency.count),
            Unit::Days | Unit::HalfMonths { .. } => None,
        };
        DateCursor {
            dates: *self,
            months,
            month0: self.anchor.month0(),
            leap: is_leap(self.anchor.year()),
            ordinals,
            previous: None,
        }
    }
}

/// The due dates of [`Dates`] one after the other (see [`Dates::cursor`]).
///
/// A date `count` days after the previous one is `count·k` days after the anchor. A monthly date is
/// still the anchor's day clamped to its month (the month-end rule never drifts): only the month is
/// counted on from the previous date's, and while the year does not change the date is the
/// previous one with another day of the year (chrono has checked that year already).
#[derive(Clone, Copy)]
pub(crate) struct DateCursor {
    dates: Dates,
    /// The months of a period, for a monthly frequency: the common case, tested first.
    months: Option<u32>,
    /// The month (0 to 11) of the previous date, and whether its year is a leap year.
    month0: u32,
    leap: bool,
    /// The day of the year of the anchor's day (clamped) in each month, for monthly dates.
    ordinals: MonthOrdinals,
    previous: Option<NaiveDate>,
}

/// For one day of the month (1 to 31), its day of the year in each month, clamped to the month's
/// last day: what [`ordinal`] gives, in common and in leap years, looked up instead of computed.
#[derive(Clone, Copy, Default)]
struct MonthOrdinals {
    common: [u16; 12],
    leap: [u16; 12],
}

impl MonthOrdinals {
    fn of_day(day: u32) -> MonthOrdinals {
        /// Days before each month, and in each month, of a common and of a leap year.
        const BEFORE: [u16; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        const LENGTH: [u16; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        const BEFORE_LEAP: [u16; 12] = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];
        const LENGTH_LEAP: [u16; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        // A chrono day is 1 to 31.
        let day = u16::try_from(day).unwrap_or(31);
        // At most 335 + 31: no overflow.
        #[allow(clippy::arithmetic_side_effects)]
        let table = |before: [u16; 12], length: [u16; 12]| {
            let mut ordinals = [0u16; 12];
            for ((ordinal, before), length) in ordinals.iter_mut().zip(before).zip(length) {
                *ordinal = before + day.min(length);
            }
            ordinals
        };
        MonthOrdinals {
            common: table(BEFORE, LENGTH),
            leap: table(BEFORE_LEAP, LENGTH_LEAP),
        }
    }

    /// The days of the year of the twelve months of a leap or a common year.
    fn of_year(&self, leap: bool) -> &[u16; 12] {
        if leap {
            &self.leap
        } else {
            &self.common
        }
    }

    /// The day of the year in month `month0` (0 to 11).
    fn get(&self, month0: u32, leap: bool) -> Option<u32> {
        let table = if leap { &self.leap } else { &self.common };
        table
            .get(usize::try_from(month0).ok()?)
            .map(|o| u32::from(*o))
    }
}

impl DateCursor {
    /// The next due date: `nth(k)` at the `k`-th call (from 0); `None` where `nth` is.
    #[inline]
    pub(crate) fn next_date(&mut self) -> Option<NaiveDate> {
        let Some(previous) = self.previous else {
            // nth(0) is the anchor (its day exists in its own month).
            self.previous = Some(self.dates.anchor);
            return self.previous;
        };
        let date = match self.months {
            Some(count) => {
                // month0 ≤ 11 and count ≤ MAX_COUNT: the sum cannot overflow.
                #[allow(clippy::arithmetic_side_effects)]
                let month0 = self.month0 + count;
                if month0 < 12 {
                    self.month0 = month0;
                    previous.with_ordinal(self.ordinals.get(month0, self.leap)?)?
                } else {
                    self.in_a_later_year(previous, month0)?
                }
            }
            None => self.not_monthly(previous)?,
        };
        self.previous = Some(date);
        Some(date)
    }

    /// Sets each of `slots` to the next date, as [`DateCursor::next_date`] would one by one; false
    /// as soon as a date is out of range. Monthly dates keep their month, year and table in
    /// registers (generation dates every row this way).
    pub(crate) fn fill<'s>(&mut self, slots: impl IntoIterator<Item = &'s mut NaiveDate>) -> bool {
        let mut slots = slots.into_iter();
        let (Some(count), Some(mut previous)) = (self.months, self.previous) else {
            return slots.all(|slot| match self.next_date() {
                Some(date) => {
                    *slot = date;
                    true
                }
                None => false,
            });
        };
        let mut month0 = self.month0;
        let mut table = self.ordinals.of_year(self.leap);
        for slot in slots {
            // month0 ≤ 11 and count ≤ MAX_COUNT: the sum cannot overflow.
            #[allow(clippy::arithmetic_side_effects)]
            let next = month0 + count;
            let date = if let Some(ordinal) = table.get(next as usize) {
                previous.with_ordinal(u32::from(*ordinal))
            } else {
                self.month0 = month0;
                self.previous = Some(previous);
                let date = self.in_a_later_year(previous, next);
                table = self.ordinals.of_year(self.leap);
                date
            };
            let Some(date) = date else {
                return false;
            };
            month0 = if next < 12 { next } else { self.month0 };
            previous = date;
            *slot = date;
        }
        self.month0 = month0;
        self.previous = Some(previous);
        true
    }

    /// The date after `previous` for a frequency counted in days or half-months.
    #[inline(never)]
    fn not_monthly(&self, previous: NaiveDate) -> Option<NaiveDate> {
        let count = self.dates.frequency.count;
        match self.dates.frequency.unit {
            Unit::Days => previous.checked_add_days(Days::new(u64::from(count))),
            Unit::HalfMonths { first, second } => half_month_after(previous, first, second),
            // A monthly cursor has `months` set and never comes here.
            Unit::Months => None,
        }
    }

    /// The monthly date `month0` months (12 or more) after the start of the year of `previous`.
    #[cold]
    #[inline(never)]
    fn in_a_later_year(&mut self, previous: NaiveDate, month0: u32) -> Option<NaiveDate> {
        let years = i32::try_from(month0.checked_div(12)?).ok()?;
        let month0 = month0.checked_rem(12)?;
        let year = previous.year().checked_add(years)?;
        let leap = is_leap(year);
        let date = NaiveDate::from_yo_opt(year, self.ordinals.get(month0, leap)?)?;
        self.month0 = month0;
        self.leap = leap;
        Some(date)
    }
}

/// `date` plus `months` months by [`Dates`], to test it against `NaiveDate::checked_add_months`.
#[cfg(test)]
fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    Frequency::months(months).dates(date).nth(1)
}

/// The `day` (or the month's last day) of the month numbered `total` (year × 12 + month0): what
/// `NaiveDate::checked_add_months` finds, several times faster (generation dates every row).
fn month_date(total: i64, day: u32) -> Option<NaiveDate> {
    let (year, ordinal) = month_ordinal(total, day)?;
    NaiveDate::from_yo_opt(year, ordinal)
}

/// The year and the day of the year of [`month_date`].
fn month_ordinal(total: i64, day: u32) -> Option<(i32, u32)> {
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month0 = u32::try_from(total.rem_euclid(12)).ok()?;
    Some((year, ordinal(month0, day, is_leap(year))?))
}

/// The day of the year of `day` (or the month's last day) in month `month0` (0 to 11).
// At most 334 + 1 + 31: no overflow.
#[allow(clippy::arithmetic_side_effects)]
fn ordinal(month0: u32, day: u32, leap: bool) -> Option<u32> {
    /// Days in the months before each month of a common year.
    const DAYS_BEFORE: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let last_day = match month0 {
        1 if leap => 29,
        1 => 28,
        3 | 5 | 8 | 10 => 30,
        _ => 31,
    };
    // The day of the year: cheaper for chrono than a month and a day.
    let before = DAYS_BEFORE.get(usize::try_from(month0).ok()?)?;
    Some(before + u32::from(leap && month0 >= 2) + day.min(last_day))
}

/// The date of half-month `half` (month number × 2, plus 1 for the second day).
fn half_month_date(half: i64, first: u8, second: u8) -> Option<NaiveDate> {
    let day = if half.rem_euclid(2) == 0 {
        first
    } else {
        second
    };
    month_date(half.div_euclid(2), u32::from(day))
}

/// The half-month after which a semi-monthly plan anchored on `anchor` (of month number `month`)
/// counts its dates: the anchor's own when it falls on one of the two days (clamped), else the one
/// before the first such day after it, so that the dates after an anchor off those days are the
/// next fixed days.
// A month number is below 2^22 in size: twice it, plus one, cannot overflow an i64.
#[allow(clippy::arithmetic_side_effects)]
fn half_month_base(anchor: NaiveDate, month: i64, first: u8, second: u8) -> i64 {
    let day = anchor.day();
    let second_day = month_date(month, u32::from(second)).map_or(31, |d| d.day());
    if day < u32::from(first) {
        month * 2 - 1
    } else if day < second_day {
        month * 2
    } else {
        month * 2 + 1
    }
}

/// The two days (clamped) of the months around `date`, in order: from the second day of the month
/// before to the first day of the month after, so that the day before `date`, the day after it
/// and the day nearest it are among them.
fn half_months_around(
    date: NaiveDate,
    first: u8,
    second: u8,
) -> Option<impl DoubleEndedIterator<Item = NaiveDate>> {
    let month = i64::from(date.year())
        .checked_mul(12)?
        .checked_add(i64::from(date.month0()))?;
    let half = month.checked_mul(2)?;
    Some(
        (half.checked_sub(1)?..=half.checked_add(2)?)
            .filter_map(move |h| half_month_date(h, first, second)),
    )
}

/// The first of the two days (clamped) strictly after `date`.
fn half_month_after(date: NaiveDate, first: u8, second: u8) -> Option<NaiveDate> {
    half_months_around(date, first, second)?.find(|d| *d > date)
}

/// The last of the two days (clamped) strictly before `date`.
fn half_month_before(date: NaiveDate, first: u8, second: u8) -> Option<NaiveDate> {
    half_months_around(date, first, second)?
        .rev()
        .find(|d| *d < date)
}

/// The day of a semi-monthly plan (`first` or `second` of a month) nearest `date`, the earlier one
/// when two are as near.
fn half_month_nearest(date: NaiveDate, first: u8, second: u8) -> Option<NaiveDate> {
    half_months_around(date, first, second)?
        .min_by_key(|d| d.signed_duration_since(date).num_days().unsigned_abs())
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// `weekly`, `every_2_weeks`, `every_4_weeks`, `monthly`, `every_2_months`, `quarterly`,
/// `half_yearly`, `yearly`, and otherwise `every_N_days` / `every_N_months`; semi-monthly
/// `semi_monthly_D1_D2` (`semi_monthly_15_31`).
impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((name, _)) = NAMED.iter().find(|(_, freq)| freq == self) {
            return f.write_str(name);
        }
        match self.unit {
            Unit::Days => write!(f, "every_{}_days", self.count),
            Unit::Months => write!(f, "every_{}_months", self.count),
            Unit::HalfMonths { first, second } => write!(f, "semi_monthly_{first}_{second}"),
        }
    }
}

impl fmt::Debug for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Frequency {
    type Err = Error;

    fn from_str(s: &str) -> Result<Frequency> {
        if let Some((_, freq)) = NAMED.iter().find(|(name, _)| *name == s) {
            return Ok(*freq);
        }
        let parse_error = || Error::Parse {
            what: "a frequency (\"monthly\", \"every_10_days\"…)",
            input: s.to_owned(),
        };
        if let Some(days) = s.strip_prefix("semi_monthly_") {
            let (first, second) = days.split_once('_').ok_or_else(parse_error)?;
            let first: u32 = first.parse().map_err(|_| parse_error())?;
            let second: u32 = second.parse().map_err(|_| parse_error())?;
            return Frequency::semi_monthly(first, second);
        }
        let rest = s.strip_prefix("every_").ok_or_else(parse_error)?;
        let (count, unit) = rest.split_once('_').ok_or_else(parse_error)?;
        let count: u32 = count.parse().map_err(|_| parse_error())?;
        match unit {
            "days" => Frequency::every_days(count),
            "weeks" => Frequency::every_days(count.checked_mul(7).ok_or_else(parse_error)?),
            "months" => Frequency::every_months(count),
            _ => Err(parse_error()),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Frequency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Frequency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> core::result::Result<Frequency, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_end_anchor_does_not_drift() {
        let dates: Vec<_> = (0..13)
            .map(|k| Frequency::MONTHLY.nth_date(d(2023, 1, 31), k).unwrap())
            .collect();
        let days: Vec<u32> = dates.iter().map(chrono::Datelike::day).collect();
        assert_eq!(days, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31]);
    }

    #[test]
    fn names_round_trip() {
        for (name, freq) in NAMED {
            assert_eq!(freq.to_string(), *name);
            assert_eq!(name.parse::<Frequency>().unwrap(), *freq);
        }
        for text in ["every_10_days", "every_5_months", "every_1_days"] {
            assert_eq!(text.parse::<Frequency>().unwrap().to_string(), text);
        }
        assert_eq!(
            "every_3_weeks".parse::<Frequency>().unwrap().to_string(),
            "every_21_days"
        );
        for bad in [
            "",
            "every_0_days",
            "every_x_days",
            "every_2_years",
            "Monthly",
            "every_99999_months",
        ] {
            assert!(bad.parse::<Frequency>().is_err(), "{bad}");
        }
    }

    #[test]
    fn add_months_is_chrono_checked_add_months() {
        let mut anchor = d(1999, 12, 1);
        while anchor < d(2102, 3, 1) {
            for months in (0..=40).chain([119, 120, 121, 1199, 1200, 12_345]) {
                assert_eq!(
                    add_months(anchor, months),
                    anchor.checked_add_months(Months::new(months)),
                    "{anchor} + {months}"
                );
            }
            anchor = anchor.checked_add_days(Days::new(3)).unwrap();
        }
        for (date, months) in [
            (NaiveDate::MAX, 1),
            (NaiveDate::MAX, 0),
            (NaiveDate::MIN, 1),
            (d(2024, 1, 31), u32::MAX),
            (d(2024, 1, 31), i32::MAX as u32),
            (d(2024, 1, 31), i32::MAX as u32 + 1),
        ] {
            assert_eq!(
                add_months(date, months),
                date.checked_add_months(Months::new(months)),
                "{date} + {months}"
            );
        }
    }

    #[test]
    fn the_cursor_gives_the_nth_dates() {
        let frequencies = [
            Frequency::WEEKLY,
            Frequency::every_days(1).unwrap(),
            Frequency::every_days(45).unwrap(),
            Frequency::MONTHLY,
            Frequency::EVERY_2_MONTHS,
            Frequency::QUARTERLY,
            Frequency::YEARLY,
            Frequency::every_months(7).unwrap(),
            Frequency::every_months(3660).unwrap(),
            Frequency::semi_monthly(1, 15).unwrap(),
            Frequency::semi_monthly(15, 31).unwrap(),
            Frequency::semi_monthly(16, 29).unwrap(),
        ];
        let anchors = [
            d(2024, 1, 31),
            d(2024, 2, 29),
            d(2023, 12, 30),
            d(2027, 1, 1),
            d(1999, 3, 31),
            d(2100, 8, 31),
            NaiveDate::MAX,
            d(262_000, 11, 30),
        ];
        for frequency in frequencies {
            for anchor in anchors {
                let dates = frequency.dates(anchor);
                let mut cursor = dates.cursor();
                for k in 0..=1300 {
                    let expected = dates.nth(k);
                    assert_eq!(cursor.next_date(), expected, "{frequency} {anchor} {k}");
                    if expected.is_none() {
                        break;
                    }
                }
                // `fill` gives the same dates, several at a time after one or two by `next_date`,
                // and says false from the first date out of range.
                for lead in [1, 2] {
                    for chunk in [1, 5, 13, 1300] {
                        let mut cursor = dates.cursor();
                        let mut got: Vec<Option<NaiveDate>> =
                            (0..lead).map(|_| cursor.next_date()).collect();
                        while got.len() < 1301 && got.iter().all(Option::is_some) {
                            let mut slots = vec![NaiveDate::MIN; chunk];
                            if cursor.fill(slots.iter_mut()) {
                                got.extend(slots.into_iter().map(Some));
                            } else {
                                got.push(None);
                            }
                        }
                        for (k, date) in (0u32..).zip(&got) {
                            let expected = dates.nth(k);
                            if date.is_none() {
                                // A chunk stops at its first date out of range.
                                assert!((k..k + chunk as u32).any(|j| dates.nth(j).is_none()));
                                break;
                            }
                            assert_eq!(*date, expected, "{frequency} {anchor} {k} fill({chunk})");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn semi_monthly_dates_fall_twice_a_month_on_their_days() {
        for (first, second) in [(1, 15), (15, 31), (14, 30), (16, 29), (5, 20), (1, 14)] {
            let frequency = Frequency::semi_monthly(first, second).unwrap();
            let clamp = |date: NaiveDate, day: u32| {
                let last = (28..=31)
                    .rev()
                    .find(|d| date.with_day(*d).is_some())
                    .unwrap();
                day.min(last)
            };
            // Anchored on either day, or on any other day of the month.
            let mut anchor = d(2023, 12, 1);
            while anchor < d(2025, 3, 1) {
                let dates = frequency.dates(anchor);
                let all: Vec<_> = (0..60).map(|k| dates.nth(k).unwrap()).collect();
                assert_eq!(all[0], anchor);
                for pair in all.windows(2) {
                    assert!(pair[0] < pair[1], "{frequency} {anchor}: {pair:?}");
                }
                let on_days =
                    |date: NaiveDate| date.day() == first || date.day() == clamp(date, second);
                assert!(
                    all[1..].iter().all(|date| on_days(*date)),
                    "{frequency} {anchor}"
                );
                if on_days(anchor) {
                    // Two a month, one on each day.
                    for date in &all[1..] {
                        let month: Vec<_> = all
                            .iter()
                            .filter(|x| (x.year(), x.month()) == (date.year(), date.month()))
                            .collect();
                        assert!(month.len() <= 2, "{frequency} {anchor} {date}");
                    }
                    // One period back and forth.
                    for pair in all.windows(2) {
                        assert_eq!(frequency.previous_date(pair[1]), Some(pair[0]));
                    }
                }
                // The next date is the first of the two days after the anchor.
                let next = (1..=31)
                    .filter_map(|n| anchor.checked_add_days(Days::new(n)))
                    .find(|date| on_days(*date));
                assert_eq!(Some(all[1]), next, "{frequency} {anchor}");
                anchor = anchor.succ_opt().unwrap();
            }
        }
        for (first, second) in [(0, 15), (17, 31), (1, 13), (1, 18), (16, 32), (15, 14)] {
            assert!(
                Frequency::semi_monthly(first, second).is_err(),
                "{first} {second}"
            );
        }
        let f = Frequency::semi_monthly(15, 31).unwrap();
        assert_eq!("semi_monthly_15_31".parse::<Frequency>().unwrap(), f);
        assert!("semi_monthly_15".parse::<Frequency>().is_err());
        assert!("semi_monthly_2_3".parse::<Frequency>().is_err());
        assert!(f.dates_on_day(d(2027, 1, 15), 15).is_none());
    }

    #[test]
    fn month_ordinals_are_the_computed_ones() {
        for day in 1..=31 {
            let table = MonthOrdinals::of_day(day);
            for month0 in 0..12 {
                for leap in [false, true] {
                    assert_eq!(
                        table.get(month0, leap),
                        ordinal(month0, day, leap),
                        "{day} {month0} {leap}"
                    );
                }
            }
        }
    }

    #[test]
    fn out_of_range_dates_are_none() {
        assert_eq!(Frequency::YEARLY.nth_date(NaiveDate::MAX, 1), None);
        assert_eq!(
            Frequency::every_months(3660)
                .unwrap()
                .nth_date(d(2024, 1, 1), u32::MAX),
            None
        );
    }
}
