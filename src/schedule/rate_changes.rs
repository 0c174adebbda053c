//! Rates that change during a plan (a variable-rate loan): a dated list of annual rates, each
//! taking effect for the periods that start on or after its date, the level instalment recomputed
//! at each change on the balance left and the instalments left, as variable-rate loans are
//! re-amortised.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::{Money, Rounding};
use crate::rate::{AnnualRate, PeriodicRate};
use crate::schedule::days::Period;
use crate::schedule::request::PlanRequest;

/// A new annual rate from a date on.
///
/// The rate applies to every period that starts on or after `date` (a period starts on the
/// previous due date, the first one on the interest start or one period before the first due
/// date), so a change dated on a due date applies from the instalment after it. For an annuity
/// the instalment is recomputed at the first period with the new rate: the level payment that
/// repays the balance left after the instalment before it, over the instalments left, at the new
/// periodic rate, rounded to the step with the plan's rounding; the last instalment settles the
/// balance. Equal principal parts stay as they are; only their interest changes.
///
/// Worked figures: 10,000.00 at 5 % over 12 months from 31 January 2027 is 856.07 a month; from
/// 2027-07-01 the rate is 6 %: the first period starting on or after that day is the one from 31
/// July to 31 August (instalment 8), the balance after instalment 7 is 4,227.42, and 5 instalments
/// at 0.5 % a month repay it with 858.21 each.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let debt = Debt::single(Claim::new("LOAN", "10000.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12))
///     .interest(Interest::Annuity("5%".parse()?))
///     .rate_change(RateChange::new(d(7, 1), "6%".parse()?))
///     .generate()?;
/// assert_eq!(plan.instalments()[6].amount().to_string(), "856.07 EUR");
/// assert_eq!(plan.instalments()[7].amount().to_string(), "858.21 EUR");
/// let change = &plan.derivation().rate_changes()[0];
/// assert_eq!((change.first_instalment(), change.period_start()), (8, d(7, 31)));
/// assert_eq!(change.instalment().map(|m| m.to_string()).as_deref(), Some("858.21 EUR"));
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RateChange {
    date: NaiveDate,
    rate: AnnualRate,
}

impl RateChange {
    /// `rate` from `date` on.
    ///
    /// ```
    /// use echeancier::RateChange;
    /// use chrono::NaiveDate;
    ///
    /// let change = RateChange::new(NaiveDate::from_ymd_opt(2027, 7, 1).unwrap(), "6%".parse()?);
    /// assert_eq!(change.rate().to_string(), "6%");
    /// assert_eq!(change.date().to_string(), "2027-07-01");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(date: NaiveDate, rate: AnnualRate) -> RateChange {
        RateChange { date, rate }
    }

    /// The date it takes effect.
    ///
    /// ```
    /// use echeancier::RateChange;
    /// use chrono::NaiveDate;
    ///
    /// let day = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap();
    /// assert_eq!(RateChange::new(day, "6%".parse()?).date(), day);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The annual rate from then on.
    ///
    /// ```
    /// use echeancier::RateChange;
    /// use chrono::NaiveDate;
    ///
    /// let change = RateChange::new(NaiveDate::from_ymd_opt(2027, 7, 1).unwrap(), "4.5%".parse()?);
    /// assert_eq!(change.rate().to_string(), "4.5%");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn rate(&self) -> AnnualRate {
        self.rate
    }
}

/// A rate change as a schedule applied it: where it took effect and the instalment it gave.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let debt = Debt::single(Claim::new("LOAN", "1200.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12))
///     .interest(Interest::EqualPrincipal("5%".parse()?))
///     .rate_change(RateChange::new(d(4, 30), "7%".parse()?))
///     .generate()?;
/// let change = plan.derivation().rate_changes()[0];
/// assert_eq!(change.date(), d(4, 30));
/// assert_eq!(change.rate().to_string(), "7%");
/// assert_eq!(change.first_instalment(), 5);
/// assert_eq!(change.instalment(), None); // equal principal parts stay
/// // 800.00 left after 4 instalments, at 7 % / 12: 4.67
/// assert_eq!(plan.instalments()[4].interest().to_string(), "4.67 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AppliedRateChange {
    pub(crate) date: NaiveDate,
    pub(crate) rate: AnnualRate,
    pub(crate) first_instalment: u32,
    pub(crate) period_start: NaiveDate,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) instalment: Option<Money>,
}

impl AppliedRateChange {
    /// The date the change was asked for.
    ///
    /// See [`AppliedRateChange`] for an example.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The new annual rate.
    ///
    /// See [`AppliedRateChange`] for an example.
    pub fn rate(&self) -> AnnualRate {
        self.rate
    }

    /// The number of the first instalment whose period carries the new rate.
    ///
    /// See [`AppliedRateChange`] for an example.
    pub fn first_instalment(&self) -> u32 {
        self.first_instalment
    }

    /// The start of the first period at the new rate (on or after [`date`](Self::date)).
    ///
    /// See [`RateChange`] for an example.
    pub fn period_start(&self) -> NaiveDate {
        self.period_start
    }

    /// For an annuity, the recomputed level instalment from [`first_instalment`](Self::first_instalment)
    /// on; `None` for equal principal parts, which stay.
    ///
    /// See [`RateChange`] for an example.
    pub fn instalment(&self) -> Option<Money> {
        self.instalment
    }
}

impl PlanRequest {
    /// Adds a change of the annual rate during the plan; see [`RateChange`]. Changes are given in
    /// date order, each after the start of the first period and taking effect in a later period
    /// than the one before it, at the latest for the last instalment's period. A plan with rate
    /// changes charges interest from its first period, is sized by count or end date, and has
    /// neither flat interest, instalments at the start of periods, a balloon, a principal grace nor
    /// the closest last instalment. It is computed with `Decimal` throughout (the reference path).
    ///
    /// # Errors
    ///
    /// [`generate`](PlanRequest::generate) fails with
    /// [`Error::InvalidRateChange`](crate::Error::InvalidRateChange) for a change out of order or
    /// outside the plan, naming the change, its date, its rate and the limit; with
    /// [`Error::UnsupportedDate`](crate::Error::UnsupportedDate) for a date outside 1900 to 2999;
    /// with
    /// [`Error::Unsupported`](crate::Error::Unsupported) for the plans above.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let debt = Debt::single(Claim::new("LOAN", "10000.00 EUR".parse()?)?);
    /// let request = PlanRequest::new(debt, d(2027, 1, 31), Frequency::MONTHLY, Sizing::Count(12))
    ///     .interest(Interest::Annuity("5%".parse()?));
    /// let late = request.clone().rate_change(RateChange::new(d(2028, 1, 1), "6%".parse()?));
    /// let err = late.generate().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "rate change 1 (2028-01-01, 6%) must fall on or before the start of the last period (2027-11-30)"
    /// );
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn rate_change(mut self, change: RateChange) -> PlanRequest {
        self.rate_changes.push(change);
        self
    }
}

/// The annual rate in force for a period starting on `start`: the last change dated on or before
/// it, or the plan's own rate.
pub(crate) fn rate_at(base: AnnualRate, changes: &[RateChange], start: NaiveDate) -> AnnualRate {
    changes
        .iter()
        .take_while(|c| c.date <= start)
        .last()
        .map_or(base, |c| c.rate)
}

/// Checks the changes against the periods of a plan of `count` instalments and gives, for each,
/// the number of the first instalment it applies to.
pub(crate) fn first_rows(
    changes: &[RateChange],
    periods: &[Period],
    count: u32,
) -> Result<Vec<u32>> {
    let n = usize::try_from(count)
        .unwrap_or(usize::MAX)
        .min(periods.len());
    let plan = periods.get(..n).unwrap_or_default();
    let mut rows: Vec<u32> = Vec::with_capacity(changes.len());
    let (Some(first), Some(last)) = (plan.first(), plan.last()) else {
        return Ok(rows);
    };
    for (i, change) in changes.iter().enumerate() {
        let number = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1);
        let fail = |rule: &'static str, limit: NaiveDate| Error::InvalidRateChange {
            number,
            date: change.date,
            rate: change.rate,
            rule,
            limit,
        };
        if let Some(previous) = i.checked_sub(1).and_then(|p| changes.get(p)) {
            if change.date <= previous.date {
                return Err(fail("after the previous rate change", previous.date));
            }
        }
        if change.date <= first.start {
            return Err(fail("after the start of the first period", first.start));
        }
        if change.date > last.start {
            return Err(fail(
                "on or before the start of the last period",
                last.start,
            ));
        }
        let Some(k) = plan.iter().position(|p| p.start >= change.date) else {
            return Err(fail(
                "on or before the start of the last period",
                last.start,
            ));
        };
        let row = u32::try_from(k).unwrap_or(u32::MAX).saturating_add(1);
        if let Some(&previous_row) = rows.last() {
            if row <= previous_row {
                // The earliest date that reaches a later period.
                let next = usize::try_from(previous_row)
                    .ok()
                    .and_then(|p| plan.get(p))
                    .map_or(last.start, |p| p.start);
                return Err(fail(
                    "in a later period than the previous rate change, on or after the start of that period",
                    next,
                ));
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

/// The level instalment that repays `balance` over `remaining` instalments at `rate`, rounded to
/// `step` with `rounding`: the recomputed instalment of a rate change.
pub(crate) fn recomputed(
    balance: Money,
    rate: PeriodicRate,
    remaining: u32,
    step: Money,
    rounding: Rounding,
) -> Result<Money> {
    let overflow = || Error::Overflow {
        operation: "recomputing the instalment after a rate change",
    };
    let exact = if rate.is_zero() {
        balance
            .amount()
            .checked_div(Decimal::from(remaining.max(1)))
            .ok_or_else(overflow)?
    } else {
        crate::schedule::generate::annuity_payment(balance.amount(), rate.to_decimal(), remaining)?
    };
    crate::schedule::generate::round_computed_to_step(exact, step, rounding)
}

#[cfg(test)]
mod tests {
    use crate::{Claim, Debt, Error, Frequency, Interest, PlanRequest, RateChange, Sizing};
    use chrono::NaiveDate;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap()
    }

    /// 12,000.00 at 6 % in 12 monthly instalments due on the last day of each month of 2027.
    fn loan() -> PlanRequest {
        let debt = Debt::single(Claim::new("L", "12000.00 EUR".parse().unwrap()).unwrap());
        PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12))
            .interest(Interest::Annuity("6%".parse().unwrap()))
    }

    /// The loan with its rate raised to 12 % from `date`.
    fn raised_on(date: NaiveDate) -> crate::Result<crate::Schedule> {
        loan()
            .rate_change(RateChange::new(date, "12%".parse().unwrap()))
            .generate()
    }

    /// A change says when it was dated, the first instalment it applies to, the start of that
    /// instalment's period and the instalment recomputed there, which every instalment after it
    /// but the last pays.
    #[test]
    fn an_applied_change_names_its_date_first_instalment_and_new_instalment() {
        let plan = raised_on(d(6, 15)).unwrap();
        let applied = plan.derivation().rate_changes()[0];
        assert_eq!(applied.date(), d(6, 15));
        assert_eq!(applied.rate().to_string(), "12%");
        // The first period starting on or after 15 June starts on 30 June: instalment 7.
        assert_eq!(applied.first_instalment(), 7);
        assert_eq!(applied.period_start(), d(6, 30));
        let rows = plan.instalments();
        assert_ne!(rows[5].amount(), rows[6].amount());
        assert_eq!(applied.instalment(), Some(rows[6].amount()));
        assert!(rows[6..11]
            .iter()
            .all(|r| Some(r.amount()) == applied.instalment()));
    }

    /// A change may take effect as late as the start of the last period (30 November), not after.
    #[test]
    fn a_change_on_the_start_of_the_last_period_applies_to_the_last_instalment() {
        let on = raised_on(d(11, 30)).unwrap();
        assert_eq!(on.derivation().rate_changes()[0].first_instalment(), 12);
        let after = raised_on(d(12, 1));
        assert!(
            matches!(after, Err(Error::InvalidRateChange { limit, .. }) if limit == d(11, 30)),
            "{after:?}"
        );
    }
}
