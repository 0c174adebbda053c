//! Interest on the days of each period: the basis a period's interest is counted on, the start of
//! the first period when it is not one period before the first due date (a *broken* first period),
//! and the per-row terms generation reads when a plan's interest is not one fixed fraction of the
//! annual rate per period (interest on actual days, or rates that change during the plan).
//!
//! The day counts are the crate's one set ([`DayCount`], shared with late-payment penalties), and a
//! row's interest is [`ExactInterest`] rounded once: balance × rate × year fraction, exact.

use chrono::NaiveDate;

use crate::day_count::{DayCount, ExactInterest, YearFraction};
use crate::error::{Error, Result};
use crate::frequency::Frequency;
use crate::money::{Money, Rounding};
use crate::rate::{AnnualRate, PeriodicRate};
use crate::schedule::request::PlanRequest;

/// What a period's interest is counted on.
///
/// - [`InterestBasis::Periodic`] (the default, today's rule): each period is an exact fraction of a
///   year, whatever its days: `n/12` for every `n` months, `n/52` for every `n` weeks, `n/365` for
///   other day counts (see [`Frequency::year_fraction`]).
/// - [`InterestBasis::FixedYear`]: for frequencies counted in days (weekly, every `n` days), each
///   period is its days over a year of 360, 364 or 365 days (loan engines' "days in year"):
///   weekly at 10 % is `10 % × 7/360` a week on a 360-day year, `7/364` (= `1/52`, today's) on a
///   364-day one, `7/365` on a 365-day one. Month-based frequencies are refused.
/// - [`InterestBasis::ActualDays`]: each period's interest runs on the actual days between its
///   start and its due date (the previous due date, or for the first period the
///   [interest start](PlanRequest::interest_from), one period before the first due date unless
///   given), counted by a [`DayCount`], and is `balance × rate × fraction` rounded once. The level
///   instalment is still computed on regular periods (the periodic rate: `n/12` for months, days
///   over 360 for actual/360 and 30E/360, over 365 otherwise), as loan engines compute equal
///   instalments with daily interest; the last instalment settles what the real days leave.
///
/// Worked figures: 10,000.00 at 6 % on 12 monthly instalments due on the 15th from 15 February
/// 2027, interest from 15 January: the annuity on 0.5 % a month is 860.66. Actual/365, the first
/// period has 31 days: `10,000 × 6 % × 31/365 = 50.958…`, 50.96 (a twelfth would be 50.00);
/// February's 28 days give `9,190.30 × 6 % × 28/365 = 42.30`. 30E/360 gives 50.00 and 45.95, as
/// today's monthly plan does, since every period of a plan due on the 15th counts 30 days.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let debt = Debt::single(Claim::new("LOAN", "10000.00 EUR".parse()?)?);
/// let request = PlanRequest::new(debt, d(2, 15), Frequency::MONTHLY, Sizing::Count(12))
///     .interest(Interest::Annuity("6%".parse()?));
/// let actual = request.clone().interest_basis(InterestBasis::ActualDays(DayCount::Actual365)).generate()?;
/// assert_eq!(actual.instalments()[0].amount().to_string(), "860.66 EUR");
/// assert_eq!(actual.instalments()[0].interest().to_string(), "50.96 EUR");
/// assert_eq!(actual.instalments()[1].interest().to_string(), "42.30 EUR");
/// let thirty = request.clone().interest_basis(InterestBasis::ActualDays(DayCount::Thirty360)).generate()?;
/// assert_eq!(thirty.instalments(), request.generate()?.instalments());
/// assert_eq!(InterestBasis::default(), InterestBasis::Periodic);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum InterestBasis {
    /// Each period an exact fraction of a year (`n/12`, `n/52`, `n/365`).
    #[default]
    Periodic,
    /// Each period of a frequency counted in days: its days over a year of this many days.
    FixedYear(YearDays),
    /// The actual days of each period, on this day count.
    ActualDays(DayCount),
}

impl InterestBasis {
    #[cfg(feature = "serde")]
    pub(crate) fn is_periodic(&self) -> bool {
        *self == InterestBasis::Periodic
    }
}

/// The days of a year for [`InterestBasis::FixedYear`].
///
/// ```
/// use echeancier::YearDays;
///
/// assert_eq!(YearDays::Days364.days(), 364);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum YearDays {
    /// 360 days (banker's year).
    Days360,
    /// 364 days: 52 weeks of 7 days.
    Days364,
    /// 365 days.
    Days365,
}

impl YearDays {
    /// The number of days.
    ///
    /// ```
    /// use echeancier::YearDays;
    ///
    /// assert_eq!(YearDays::Days360.days(), 360);
    /// ```
    pub fn days(self) -> u32 {
        match self {
            YearDays::Days360 => 360,
            YearDays::Days364 => 364,
            YearDays::Days365 => 365,
        }
    }
}

/// How the level instalment treats a first period that is not a regular one (a *broken period*:
/// the [interest start](PlanRequest::interest_from) is not one period before the first due date),
/// with interest on [actual days](InterestBasis::ActualDays). Both charge the first period's
/// interest on its actual days; they differ in what the first instalment repays.
///
/// - [`BrokenPeriod::Level`] (the default): every instalment, the first included, is the level one
///   computed on regular periods; the first repays less principal when its period is longer (more
///   when shorter), and the last instalment settles the difference. This is how loan engines such
///   as Apache Fineract treat a first repayment date set apart from the disbursement.
/// - [`BrokenPeriod::FirstInstalment`]: the first instalment repays the principal of a regular
///   period, and the interest of the days beyond a regular period (or short of it) is added to (or
///   taken off) it: what lenders call *broken-period interest* collected with the first
///   instalment. The instalments after it follow the plan of regular periods. Only for plans sized
///   by count or end date (a capacity would not hold the first instalment).
///
/// Worked figures: 10,000.00 at 12 % in 6 monthly instalments from 2027-02-01, interest from
/// 2026-12-01 (62 days, actual/365: 203.84 of interest instead of 100.00). The annuity on 1 % a
/// month is 1,725.48. `Level`: instalment 1 is 1,725.48 (1,521.64 of principal); `FirstInstalment`:
/// 1,829.32 = 1,725.48 + 203.84 − 100.00, repaying the regular 1,625.48 of principal.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
/// let debt = Debt::single(Claim::new("LOAN", "10000.00 EUR".parse()?)?);
/// let request = PlanRequest::new(debt, d(2027, 2), Frequency::MONTHLY, Sizing::Count(6))
///     .interest(Interest::Annuity("12%".parse()?))
///     .interest_basis(InterestBasis::ActualDays(DayCount::Actual365))
///     .interest_from(d(2026, 12));
/// let level = request.clone().generate()?;
/// assert_eq!(level.instalments()[0].amount().to_string(), "1725.48 EUR");
/// assert_eq!(level.instalments()[0].interest().to_string(), "203.84 EUR");
/// let first = request.broken_period(BrokenPeriod::FirstInstalment).generate()?;
/// assert_eq!(first.instalments()[0].amount().to_string(), "1829.32 EUR");
/// assert_eq!(first.instalments()[0].principal().to_string(), "1625.48 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum BrokenPeriod {
    /// The level instalment throughout; the last one settles.
    #[default]
    Level,
    /// The first instalment takes the interest of the broken period beside a regular principal part.
    FirstInstalment,
}

impl BrokenPeriod {
    #[cfg(feature = "serde")]
    pub(crate) fn is_level(&self) -> bool {
        *self == BrokenPeriod::Level
    }
}

impl PlanRequest {
    /// What each period's interest is counted on (default: [`InterestBasis::Periodic`], an exact
    /// fraction of a year per period); see [`InterestBasis`]. Plans on any other basis are
    /// computed with `Decimal` throughout (the reference path), never the integer fast path.
    ///
    /// # Errors
    ///
    /// [`generate`](PlanRequest::generate) fails with
    /// [`Error::Unsupported`](crate::Error::Unsupported) for a fixed year on a month-based
    /// frequency, and for actual days with flat interest or instalments at the start of each
    /// period.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// // 5,200.00 at 10 %, weekly: 10.00 a week on 364 days (1/52), 10.11 on 360 days (7/360).
    /// let debt = Debt::single(Claim::new("L", "5200.00 EUR".parse()?)?);
    /// let request = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 8).unwrap(), Frequency::WEEKLY, Sizing::Count(52))
    ///     .interest(Interest::Annuity("10%".parse()?));
    /// let on_364 = request.clone().interest_basis(InterestBasis::FixedYear(YearDays::Days364)).generate()?;
    /// assert_eq!(on_364.instalments()[0].interest().to_string(), "10.00 EUR");
    /// assert_eq!(on_364.instalments(), request.generate()?.instalments());
    /// let on_360 = request.interest_basis(InterestBasis::FixedYear(YearDays::Days360)).generate()?;
    /// assert_eq!(on_360.instalments()[0].interest().to_string(), "10.11 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest_basis(mut self, basis: InterestBasis) -> PlanRequest {
        self.interest_basis = basis;
        self
    }

    /// The day interest starts to run (the disbursement or agreement date), for interest on
    /// [actual days](InterestBasis::ActualDays): the first period runs from it to the first due
    /// date. Without it, the first period starts one period before the first due date, a regular
    /// one. See [`BrokenPeriod`] for the instalments of a first period that is not regular.
    ///
    /// # Errors
    ///
    /// [`generate`](PlanRequest::generate) fails with
    /// [`Error::DateOrder`](crate::Error::DateOrder) for a start on or after the first due date,
    /// with
    /// [`Error::UnsupportedDate`](crate::Error::UnsupportedDate) outside the supported dates (1900
    /// to 2999), and with [`Error::Unsupported`](crate::Error::Unsupported) on another interest
    /// basis.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, d(3, 1), Frequency::MONTHLY, Sizing::Count(3))
    ///     .interest(Interest::Annuity("12%".parse()?))
    ///     .interest_basis(InterestBasis::ActualDays(DayCount::Actual360))
    ///     .interest_from(d(1, 20))
    ///     .generate()?;
    /// // 40 days: 1,000.00 × 12 % × 40/360 = 13.33
    /// assert_eq!(plan.instalments()[0].interest().to_string(), "13.33 EUR");
    /// assert_eq!(plan.derivation().interest_from(), Some(d(1, 20)));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest_from(mut self, start: NaiveDate) -> PlanRequest {
        self.interest_from = Some(start);
        self
    }

    /// How the instalments treat a first period that is not regular (default:
    /// [`BrokenPeriod::Level`]); see [`BrokenPeriod`].
    ///
    /// # Errors
    ///
    /// [`generate`](PlanRequest::generate) fails with
    /// [`Error::Unsupported`](crate::Error::Unsupported) for
    /// [`BrokenPeriod::FirstInstalment`] on a plan sized by amount or capacity, or without
    /// interest on actual days.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let debt = Debt::single(Claim::new("L", "1200.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, d(3, 1), Frequency::MONTHLY, Sizing::Count(12))
    ///     .interest(Interest::EqualPrincipal("12%".parse()?))
    ///     .interest_basis(InterestBasis::ActualDays(DayCount::Actual365))
    ///     .interest_from(d(1, 1))
    ///     .broken_period(BrokenPeriod::FirstInstalment)
    ///     .generate()?;
    /// // 59 days: 1,200.00 × 12 % × 59/365 = 23.28, beside 100.00 of principal.
    /// assert_eq!(plan.instalments()[0].amount().to_string(), "123.28 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn broken_period(mut self, rule: BrokenPeriod) -> PlanRequest {
        self.broken_period = rule;
        self
    }
}

/// The periodic rate the level instalment is computed on, for a plan on `basis`: the frequency's
/// fraction of a year, or its days over the year of a fixed-year basis or of the day count.
pub(crate) fn regular_rate(
    annual: AnnualRate,
    frequency: Frequency,
    basis: InterestBasis,
) -> PeriodicRate {
    let year = match basis {
        InterestBasis::Periodic => None,
        InterestBasis::FixedYear(year) => Some(year.days()),
        InterestBasis::ActualDays(DayCount::Actual360 | DayCount::Thirty360) => Some(360),
        InterestBasis::ActualDays(_) => Some(365),
    };
    match (year, frequency.days_count()) {
        // Weeks over 364 days are weeks over 52, as the periodic basis counts them.
        (Some(364), Some(days)) if days % 7 == 0 => annual.periodic(frequency),
        (Some(year), Some(days)) => annual.periodic_over(days, year),
        _ => annual.periodic(frequency),
    }
}

/// How one row's interest is computed.
#[derive(Clone, Copy, Debug)]
pub(crate) enum RowRate {
    /// A fixed fraction of the annual rate per period.
    Periodic(PeriodicRate),
    /// The annual rate over the year fraction of the row's actual days.
    Days(AnnualRate, YearFraction),
}

impl RowRate {
    pub(crate) fn annual(&self) -> AnnualRate {
        match self {
            RowRate::Periodic(p) => p.annual(),
            RowRate::Days(r, _) => *r,
        }
    }

    /// The interest on `balance`, rounded once with `rounding`.
    pub(crate) fn interest_on(&self, balance: Money, rounding: Rounding) -> Result<Money> {
        match self {
            RowRate::Periodic(p) => p.interest_on(balance, rounding),
            RowRate::Days(rate, fraction) => ExactInterest::new(balance, *rate, *fraction)
                .and_then(|exact| exact.round(rounding))
                .map_err(|_| Error::Overflow {
                    operation: "computing interest on the days of a period",
                }),
        }
    }
}

/// One row's period and the rate its interest is charged at.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Period {
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
    pub(crate) rate: RowRate,
}

/// The start of the first period: the interest start if given, otherwise one period before the
/// first (unadjusted) due date.
pub(crate) fn first_start(req: &PlanRequest) -> Result<NaiveDate> {
    match req.interest_from {
        Some(start) => Ok(start),
        None => req
            .frequency
            .previous_date(req.first_due)
            .ok_or_else(|| Error::DateOutOfRange {
                what: "the start of the first period".to_owned(),
            }),
    }
}

/// The rate of each row: the periodic one, or on actual days the one of its days, at `annual`.
pub(crate) fn row_rate(
    req: &PlanRequest,
    annual: AnnualRate,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<RowRate> {
    match req.interest_basis {
        InterestBasis::ActualDays(day_count) => {
            Ok(RowRate::Days(annual, day_count.year_fraction(start, end)?))
        }
        basis => Ok(RowRate::Periodic(regular_rate(
            annual,
            req.frequency,
            basis,
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Claim, Debt, Interest, Sizing};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn loan(amount: &str, frequency: Frequency) -> PlanRequest {
        let debt = Debt::single(Claim::new("L", amount.parse().unwrap()).unwrap());
        PlanRequest::new(debt, d(2027, 1, 11), frequency, Sizing::Count(10))
            .interest(Interest::Annuity("10%".parse().unwrap()))
    }

    /// On a fixed year of 364 days a period of 10 days is 10/364 of a year (weeks are 7/364, 1/52,
    /// as the periodic basis counts them): 3,640.00 at 10 % is 10.00 of interest for the first 10
    /// days, where the periodic basis's 10/365 gives 9.97.
    #[test]
    fn a_fixed_year_counts_days_that_are_not_whole_weeks() {
        let every_10_days = Frequency::every_days(10).unwrap();
        let first_interest = |basis| {
            loan("3640.00 EUR", every_10_days)
                .interest_basis(basis)
                .generate()
                .unwrap()
                .instalments()[0]
                .interest()
                .to_string()
        };
        assert_eq!(
            first_interest(InterestBasis::FixedYear(YearDays::Days364)),
            "10.00 EUR"
        );
        assert_eq!(
            first_interest(InterestBasis::FixedYear(YearDays::Days360)),
            "10.11 EUR"
        );
        assert_eq!(first_interest(InterestBasis::Periodic), "9.97 EUR");
        // Every 5 days, shorter than a week: 3,640.00 × 10 % × 5/364 = 5.00 (5/365 gives 4.99).
        let every_5_days = loan("3640.00 EUR", Frequency::every_days(5).unwrap())
            .interest_basis(InterestBasis::FixedYear(YearDays::Days364))
            .generate()
            .unwrap();
        assert_eq!(
            every_5_days.instalments()[0].interest().to_string(),
            "5.00 EUR"
        );
        // 5,200.00 weekly on 364 days: 7/364 = 1/52, 10.00.
        let weekly = loan("5200.00 EUR", Frequency::WEEKLY)
            .interest_basis(InterestBasis::FixedYear(YearDays::Days364))
            .generate()
            .unwrap();
        assert_eq!(weekly.instalments()[0].interest().to_string(), "10.00 EUR");
    }

    /// A request on actual days, with an interest start and the broken period's interest on the
    /// first instalment, writes all three and reads back the same; a periodic one writes none.
    #[cfg(feature = "serde")]
    #[test]
    fn a_request_on_actual_days_reads_back_from_its_json() {
        let request = loan("1000.00 EUR", Frequency::MONTHLY)
            .interest_basis(InterestBasis::ActualDays(DayCount::Actual360))
            .interest_from(d(2026, 11, 20))
            .broken_period(BrokenPeriod::FirstInstalment);
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(
            json["interest_basis"],
            serde_json::json!({"actual_days": "actual_360"})
        );
        assert_eq!(json["interest_from"], "2026-11-20");
        assert_eq!(json["broken_period"], "first_instalment");
        assert_eq!(
            serde_json::from_value::<PlanRequest>(json).unwrap(),
            request
        );
        let periodic = serde_json::to_value(loan("1000.00 EUR", Frequency::MONTHLY)).unwrap();
        for field in ["interest_basis", "interest_from", "broken_period"] {
            assert!(periodic.get(field).is_none(), "{field} in {periodic}");
        }
    }
}
