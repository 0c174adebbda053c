//! Business days: moving a due date off weekends and public holidays.
//!
//! A [`Calendar`] says which days are business days; a [`BusinessDayRule`] says where a due date that
//! falls on another day goes. Two calendars are built in ([`HolidayCalendar`]); a tool with its own
//! (a bank's closing days, another country) implements the trait.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::error::{Error, Result};

/// How far a rule looks for a business day before giving up (a calendar that closes every day).
const SEARCH_LIMIT: u32 = 366;

/// Which days are business days.
///
/// ```
/// use echeancier::Calendar;
/// use chrono::{Datelike, NaiveDate, Weekday};
///
/// /// A creditor whose office is also closed on Wednesdays.
/// struct NoWednesdays;
/// impl Calendar for NoWednesdays {
///     fn is_business_day(&self, date: NaiveDate) -> bool {
///         !matches!(date.weekday(), Weekday::Sat | Weekday::Sun | Weekday::Wed)
///     }
/// }
/// assert!(!NoWednesdays.is_business_day(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()));
/// ```
pub trait Calendar {
    /// True when payments can fall due on `date`.
    fn is_business_day(&self, date: NaiveDate) -> bool;
}

impl<C: Calendar + ?Sized> Calendar for &C {
    fn is_business_day(&self, date: NaiveDate) -> bool {
        (**self).is_business_day(date)
    }
}

/// The built-in calendars.
///
/// ```
/// use echeancier::{Calendar, HolidayCalendar};
/// use chrono::NaiveDate;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// assert!(!HolidayCalendar::France.is_business_day(d(2025, 4, 21))); // Easter Monday
/// assert!(HolidayCalendar::WeekendsOnly.is_business_day(d(2025, 4, 21)));
/// assert!(!HolidayCalendar::WeekendsOnly.is_business_day(d(2025, 4, 19))); // Saturday
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum HolidayCalendar {
    /// Saturdays and Sundays are closed; every other day is a business day.
    #[default]
    WeekendsOnly,
    /// France (metropolitan, public holidays of Code du travail L3133-1): weekends, 1 January, Easter
    /// Monday, 1 May, 8 May, Ascension Thursday, Whit Monday, 14 July, 15 August, 1 November,
    /// 11 November, 25 December.
    France,
    /// France with the two extra holidays of Alsace and Moselle (Code du travail L3134-13): Good
    /// Friday and 26 December.
    FranceAlsaceMoselle,
}

impl HolidayCalendar {
    /// True when `date` is a public holiday of this calendar (weekends aside).
    ///
    /// ```
    /// use echeancier::HolidayCalendar;
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// assert!(HolidayCalendar::France.is_holiday(d(2026, 5, 14)));   // Ascension 2026
    /// assert!(HolidayCalendar::France.is_holiday(d(2026, 5, 25)));   // Whit Monday 2026
    /// assert!(!HolidayCalendar::France.is_holiday(d(2026, 4, 3)));   // Good Friday
    /// assert!(HolidayCalendar::FranceAlsaceMoselle.is_holiday(d(2026, 4, 3)));
    /// ```
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        match self {
            HolidayCalendar::WeekendsOnly => false,
            HolidayCalendar::France => is_french_holiday(date),
            HolidayCalendar::FranceAlsaceMoselle => {
                is_french_holiday(date)
                    || (date.month(), date.day()) == (12, 26)
                    || easter_offset(date) == Some(-2)
            }
        }
    }
}

impl Calendar for HolidayCalendar {
    fn is_business_day(&self, date: NaiveDate) -> bool {
        !is_weekend(date) && !self.is_holiday(date)
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn is_french_holiday(date: NaiveDate) -> bool {
    let fixed = matches!(
        (date.month(), date.day()),
        (1, 1) | (5, 1) | (5, 8) | (7, 14) | (8, 15) | (11, 1) | (11, 11) | (12, 25)
    );
    // Easter Monday, Ascension Thursday, Whit Monday.
    fixed || matches!(easter_offset(date), Some(1 | 39 | 50))
}

/// Days from Easter Sunday of `date`'s year to `date`, if the year is one Easter can be computed for.
fn easter_offset(date: NaiveDate) -> Option<i64> {
    let easter = easter_sunday(date.year())?;
    Some(date.signed_duration_since(easter).num_days())
}

/// Easter Sunday (Gregorian) by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
///
/// ```
/// use chrono::NaiveDate;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// assert_eq!(echeancier::easter_sunday(2024), Some(d(2024, 3, 31)));
/// assert_eq!(echeancier::easter_sunday(2025), Some(d(2025, 4, 20)));
/// assert_eq!(echeancier::easter_sunday(2038), Some(d(2038, 4, 25)));
/// ```
// From 1583 to `i32::MAX` every intermediate value below stays within a few times `year / 100`,
// and every divisor is a non-zero constant: none of these operations can overflow or panic.
#[allow(clippy::arithmetic_side_effects)]
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    if year < 1583 {
        // Before the Gregorian reform the computation does not hold.
        return None;
    }
    let y = year;
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Where a due date that is not a business day goes.
///
/// ```
/// use echeancier::{BusinessDayRule, HolidayCalendar};
/// use chrono::NaiveDate;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let cal = HolidayCalendar::France;
/// // Saturday 31 May 2025
/// assert_eq!(BusinessDayRule::Following.adjust(d(2025, 5, 31), &cal)?, d(2025, 6, 2));
/// assert_eq!(BusinessDayRule::ModifiedFollowing.adjust(d(2025, 5, 31), &cal)?, d(2025, 5, 30));
/// assert_eq!(BusinessDayRule::Preceding.adjust(d(2025, 5, 31), &cal)?, d(2025, 5, 30));
/// assert_eq!(BusinessDayRule::Unadjusted.adjust(d(2025, 5, 31), &cal)?, d(2025, 5, 31));
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum BusinessDayRule {
    /// Keep the date as it is, business day or not.
    #[default]
    Unadjusted,
    /// The next business day.
    Following,
    /// The next business day, unless it is in the next month: then the previous business day.
    ModifiedFollowing,
    /// The previous business day.
    Preceding,
}

impl BusinessDayRule {
    /// Moves `date` to a business day of `calendar` by this rule.
    ///
    /// # Errors
    ///
    /// [`Error::NoBusinessDay`] if the calendar has no business day within 366 days;
    /// [`Error::DateOutOfRange`] at the edges of the calendar.
    ///
    /// ```
    /// use echeancier::{BusinessDayRule, HolidayCalendar};
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// // Thursday 1 May 2025 is Labour Day in France
    /// assert_eq!(BusinessDayRule::Following.adjust(d(2025, 5, 1), &HolidayCalendar::France)?, d(2025, 5, 2));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn adjust<C: Calendar + ?Sized>(self, date: NaiveDate, calendar: &C) -> Result<NaiveDate> {
        match self {
            BusinessDayRule::Unadjusted => Ok(date),
            BusinessDayRule::Following => search(date, calendar, Direction::Forward),
            BusinessDayRule::Preceding => search(date, calendar, Direction::Backward),
            BusinessDayRule::ModifiedFollowing => {
                let next = search(date, calendar, Direction::Forward)?;
                if next.month() == date.month() && next.year() == date.year() {
                    Ok(next)
                } else {
                    search(date, calendar, Direction::Backward)
                }
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Direction {
    Forward,
    Backward,
}

fn search<C: Calendar + ?Sized>(
    date: NaiveDate,
    calendar: &C,
    direction: Direction,
) -> Result<NaiveDate> {
    let mut day = date;
    for _ in 0..=SEARCH_LIMIT {
        if calendar.is_business_day(day) {
            return Ok(day);
        }
        let next = match direction {
            Direction::Forward => day.checked_add_days(Days::new(1)),
            Direction::Backward => day.checked_sub_days(Days::new(1)),
        };
        day = next.ok_or_else(|| Error::DateOutOfRange {
            what: format!("the business day nearest to {date}"),
        })?;
    }
    Err(Error::NoBusinessDay {
        date,
        days: SEARCH_LIMIT,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates_match_published_tables() {
        let known = [
            (1818, 3, 22),
            (1943, 4, 25),
            (2000, 4, 23),
            (2008, 3, 23),
            (2019, 4, 21),
            (2026, 4, 5),
            (2027, 3, 28),
            (2030, 4, 21),
            (2285, 3, 22),
        ];
        for (y, m, day) in known {
            assert_eq!(easter_sunday(y), Some(d(y, m, day)), "{y}");
        }
        assert_eq!(easter_sunday(1000), None);
    }

    #[test]
    fn french_holidays_2025() {
        let holidays = [
            d(2025, 1, 1),
            d(2025, 4, 21),
            d(2025, 5, 1),
            d(2025, 5, 8),
            d(2025, 5, 29),
            d(2025, 6, 9),
            d(2025, 7, 14),
            d(2025, 8, 15),
            d(2025, 11, 1),
            d(2025, 11, 11),
            d(2025, 12, 25),
        ];
        let mut found = Vec::new();
        let mut day = d(2025, 1, 1);
        while day.year() == 2025 {
            if HolidayCalendar::France.is_holiday(day) {
                found.push(day);
            }
            day = day.succ_opt().unwrap();
        }
        assert_eq!(found, holidays);
    }

    #[test]
    fn modified_following_stays_in_month() {
        let cal = HolidayCalendar::WeekendsOnly;
        // Sunday 31 August 2025 → Friday 29 August
        assert_eq!(
            BusinessDayRule::ModifiedFollowing
                .adjust(d(2025, 8, 31), &cal)
                .unwrap(),
            d(2025, 8, 29)
        );
        // Saturday 1 March 2025 → Monday 3 March
        assert_eq!(
            BusinessDayRule::ModifiedFollowing
                .adjust(d(2025, 3, 1), &cal)
                .unwrap(),
            d(2025, 3, 3)
        );
    }

    #[test]
    fn a_calendar_without_business_days_is_an_error() {
        struct Closed;
        impl Calendar for Closed {
            fn is_business_day(&self, _: NaiveDate) -> bool {
                false
            }
        }
        let err = BusinessDayRule::Following
            .adjust(d(2025, 1, 1), &Closed)
            .unwrap_err();
        assert!(matches!(err, Error::NoBusinessDay { .. }));
        assert!(BusinessDayRule::Following
            .adjust(NaiveDate::MAX, &Closed)
            .is_err());
    }
}
