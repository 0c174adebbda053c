//! The generation algorithm: validate the request, find the count and the regular amount, build the
//! rows, date them.
//!
//! Every instalment is built by one routine ([`build_rows`]), whatever the sizing rule, so the
//! schedule invariants are established in one place: interest is rounded there (once per row, with
//! the plan's rounding), the regular amount is rounded to the step in [`round_to_step`], and the
//! remainder instalment takes exactly what is left, so instalments always add up to what they repay.
//!
//! The rows are computed in whole minor units with integers whenever that gives the same results as
//! `Decimal` (nearly always; see [`super::ledger`]), and with `Decimal` otherwise.

use chrono::{Datelike, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::calendar::{BusinessDayRule, Calendar};
use crate::error::{Error, Result};
use crate::frequency::Dates;
use crate::money::{Currency, Money, Rounding};
use crate::rate::PeriodicRate;
use crate::schedule::days::{self, BrokenPeriod, InterestBasis, Period};
use crate::schedule::derivation::{Derivation, InterestTerms};
use crate::schedule::grace::InterestGrace;
use crate::schedule::ledger::{DecimalLedger, Ledger, MinorLedger};
use crate::schedule::rate_changes::{self, AppliedRateChange};
use crate::schedule::request::{
    Balancing, Balloon, CapacityShape, DownPaymentRounding, DownPaymentSize, InstalmentTiming,
    Interest, InterestMethod, PlanRequest, Remainder, Sizing, MAX_INSTALMENTS,
};
use crate::schedule::stages;
use crate::schedule::{Instalment, InstalmentKind, Parts, Schedule, Totals};

/// How many times the search for the smallest sufficient amount or count may step before it gives
/// up; each step moves by one rounding step, and rounding never needs more than a few.
const SEARCH_STEPS: u32 = 64;

/// Which arithmetic generation may use.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arithmetic {
    /// Integers in minor units where they give the same results as `Decimal`.
    Fastest,
    /// `Decimal` throughout: the reference the fast path is tested against.
    DecimalOnly,
}

pub(crate) fn generate(
    req: &PlanRequest,
    calendar: &dyn Calendar,
    arithmetic: Arithmetic,
) -> Result<Schedule> {
    let ctx = Context::new(req, calendar, arithmetic)?;
    let sized = size(&ctx)?;
    check_minimum(&ctx, &sized)?;
    assemble(&ctx, sized)
}

/// The largest number of instalments allowed, and why.
#[derive(Clone, Copy)]
enum Limit {
    Hard,
    Instalments(u32),
    Months(u32),
}

impl Limit {
    fn describe(self) -> String {
        match self {
            Limit::Hard => format!("the maximum of {MAX_INSTALMENTS} instalments"),
            Limit::Instalments(1) => "1 instalment".to_owned(),
            Limit::Instalments(n) => format!("{n} instalments"),
            Limit::Months(1) => "1 month".to_owned(),
            Limit::Months(m) => format!("{m} months"),
        }
    }
}

/// The validated request: every amount checked, the down payment taken off, the limits resolved.
struct Context<'a> {
    req: &'a PlanRequest,
    calendar: &'a dyn Calendar,
    dates: Dates,
    currency: Currency,
    rounding: Rounding,
    step: Money,
    /// The periodic rate of interest on the declining balance (`None` for flat interest).
    rate: Option<PeriodicRate>,
    /// The periodic rate of flat interest, on the amount financed for the whole term.
    flat: Option<PeriodicRate>,
    /// The first instalment is paid at the start of its period and carries no interest.
    interest_free_first: bool,
    /// The part of the amount financed left to the last instalment.
    balloon: Option<Money>,
    /// The leading instalments that pay only the interest of their period.
    grace: u32,
    /// The leading periods that accrue no interest, or pay it later.
    interest_grace: InterestGrace,
    /// The leading instalments whose amounts the stages of a stepped plan give.
    staged: u32,
    /// Each row's period and rate, when interest runs on actual days or the rate changes.
    periods: Option<Vec<Period>>,
    /// Why the periods stop where they do (a due date out of range or not after the one before),
    /// reported if a row past them is built.
    periods_end: Option<Error>,
    /// The rows where a rate change takes effect (numbered from 1), in order.
    change_rows: Vec<u32>,
    /// The first instalment carries the broken period's interest beside a regular principal part.
    broken_first: bool,
    arithmetic: Arithmetic,
    decimal: DecimalLedger,
    minor: Option<MinorLedger>,
    total_due: Money,
    down: Option<DownRow>,
    financed: Money,
    fees_financed: Money,
    max_count: u32,
    limit: Limit,
}

#[derive(Clone, Copy)]
struct DownRow {
    date: NaiveDate,
    amount: Money,
    fees: Money,
}

impl<'a> Context<'a> {
    #[inline(always)]
    fn new(
        req: &'a PlanRequest,
        calendar: &'a dyn Calendar,
        arithmetic: Arithmetic,
    ) -> Result<Context<'a>> {
        let currency = req.debt.currency();
        let zero = Money::zero(currency);
        let total_due = req.debt.total()?;
        if !total_due.is_positive() {
            return Err(Error::EmptyDebt);
        }
        let fees_due = req.debt.fees()?;
        let step = match req.step {
            Some(step) => {
                zero.same_currency(step)?;
                step.require_positive("rounding step")?
            }
            None => currency.minor_unit(),
        };
        if let Some(minimum) = req.minimum_instalment {
            zero.same_currency(minimum)?;
            minimum.require_positive("minimum instalment")?;
        }
        match req.sizing {
            Sizing::Amount(amount) => {
                zero.same_currency(amount)?;
                amount.require_positive("instalment amount")?;
            }
            Sizing::Capacity { capacity, .. } => {
                zero.same_currency(capacity)?;
                capacity.require_positive("capacity")?;
            }
            Sizing::Count(_) | Sizing::EndDate(_) => {}
        }
        let any_rate = req
            .interest
            .rate()
            .filter(|r| !r.is_zero())
            .map(|r| days::regular_rate(r, req.frequency, req.interest_basis));
        let (rate, flat) = match req.interest_method {
            InterestMethod::DecliningBalance => (any_rate, None),
            InterestMethod::Flat => (None, any_rate),
        };
        if let (InterestMethod::Flat, Interest::EqualPrincipal(_)) =
            (req.interest_method, req.interest)
        {
            return Err(Error::Unsupported {
                reason: "flat interest gives level instalments: state its rate as an annuity, \
                         not as equal principal parts",
            });
        }
        if req.principal_grace > 0 && (rate.is_none() || req.timing == InstalmentTiming::Start) {
            return Err(Error::Unsupported {
                reason: "a principal grace needs interest on the declining balance, paid at the \
                         end of each period: its instalments pay that interest",
            });
        }
        let interest_grace = InterestGrace {
            free: req.interest_free_grace,
            deferred: req.deferred_interest_grace,
        };
        if !interest_grace.is_none() {
            if rate.is_none() || req.timing == InstalmentTiming::Start {
                return Err(Error::Unsupported {
                    reason: "an interest-free or deferred-interest grace needs interest on the \
                             declining balance, paid at the end of each period",
                });
            }
            if req.principal_grace > 0 {
                return Err(Error::Unsupported {
                    reason: "a principal grace does not combine with an interest-free or \
                             deferred-interest grace: its periods would pay nothing, and a plan \
                             has no empty instalment",
                });
            }
        }
        let staged = stages::checked_count(&req.stages, zero)?;
        if staged > 0 {
            let reason = if flat.is_some() {
                Some("a stepped plan charges interest on the declining balance, not flat")
            } else if rate.is_some() && req.timing == InstalmentTiming::Start {
                Some("a stepped plan's instalments are paid at the end of each period")
            } else if req.principal_grace > 0 || !interest_grace.is_none() {
                Some("a stepped plan does not combine with a grace: its first instalments are the stages")
            } else if req.remainder == Remainder::First {
                Some("a stepped plan leaves the remainder to its last instalment")
            } else {
                None
            };
            if let Some(reason) = reason {
                return Err(Error::Unsupported { reason });
            }
            if let Sizing::Capacity { capacity, .. } = req.sizing {
                if req.stages.iter().any(|s| s.amount() > capacity) {
                    return Err(Error::Unsupported {
                        reason: "a stage of a plan sized by capacity asks no more than the \
                                 capacity",
                    });
                }
            }
        }
        // Interest on actual days, an interest start and rate changes were built on regular
        // instalments: not with the graces on interest or the stages of a stepped plan.
        let interest_terms_set = req.interest_basis != InterestBasis::Periodic
            || req.interest_from.is_some()
            || !req.rate_changes.is_empty();
        if interest_terms_set && (!interest_grace.is_none() || staged > 0) {
            return Err(Error::Unsupported {
                reason: "interest on actual days, an interest start and rate changes do not \
                         combine with an interest-free or deferred-interest grace or with stages",
            });
        }
        check_interest_terms(req, any_rate.is_some())?;
        if any_rate.is_some() && req.remainder == Remainder::First {
            return Err(Error::Unsupported {
                reason:
                    "the remainder can go on the first instalment only in plans without interest",
            });
        }
        if matches!(
            (req.interest, req.sizing),
            (Interest::EqualPrincipal(_), Sizing::Amount(_))
        ) {
            return Err(Error::Unsupported {
                reason:
                    "an equal-principal plan has declining instalments and cannot be sized by one \
                         instalment amount; size it by count, capacity or end date",
            });
        }

        if let Some((_, second)) = req.frequency.days_of_month() {
            // A semi-monthly plan starts on one of its two days (the second clamped).
            let on_a_day = req
                .frequency
                .dates(req.first_due)
                .nth(1)
                .and_then(|next| req.frequency.previous_date(next))
                == Some(req.first_due);
            if !on_a_day {
                return Err(Error::InvalidDays {
                    what: "day of the first due date of a semi-monthly plan",
                    days: req.first_due.day(),
                    range: if second > 28 {
                        "one of the frequency's two days of the month, the second being the last \
                         day of a shorter month"
                    } else {
                        "one of the frequency's two days of the month"
                    },
                });
            }
        }
        let dates = match req.day_of_month {
            None => req.frequency.dates(req.first_due),
            Some(day) => {
                req.frequency
                    .dates_on_day(req.first_due, day)
                    .ok_or(Error::InvalidDays {
                        what: "day of the month",
                        days: day,
                        range:
                            "from 1 to 31, on a monthly-based frequency, with the first due date \
                            on that day of its month (or its last day)",
                    })?
            }
        };
        let mut ctx = Context {
            req,
            calendar,
            dates,
            currency,
            rounding: req.rounding,
            step,
            rate,
            flat,
            interest_free_first: rate.is_some() && req.timing == InstalmentTiming::Start,
            balloon: None,
            grace: req.principal_grace,
            interest_grace,
            staged,
            periods: None,
            periods_end: None,
            change_rows: Vec::new(),
            broken_first: false,
            arithmetic,
            decimal: DecimalLedger {
                currency,
                rate,
                rounding: req.rounding,
            },
            minor: None,
            total_due,
            down: None,
            financed: total_due,
            fees_financed: fees_due,
            max_count: MAX_INSTALMENTS,
            limit: Limit::Hard,
        };
        if let Some(down) = req.down_payment {
            let on_step = down.rounding_rule() == DownPaymentRounding::Step;
            let amount = match down.size() {
                DownPaymentSize::Amount(amount) => {
                    zero.same_currency(amount)?;
                    let amount = amount.require_positive("down payment")?;
                    if on_step {
                        round_to_step(amount.amount(), step, req.rounding)?
                            .require_positive("down payment rounded to the step")?
                    } else {
                        amount
                    }
                }
                DownPaymentSize::Percent(percent) => {
                    if percent <= Decimal::ZERO || percent >= Decimal::ONE_HUNDRED {
                        return Err(Error::InvalidPercent {
                            what: "down payment",
                            percent,
                            range: "above 0 and below 100",
                        });
                    }
                    let exact = total_due
                        .amount()
                        .checked_mul(percent)
                        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                        .ok_or(Error::Overflow {
                            operation: "computing the down payment",
                        })?;
                    // Rounded once, to the step or to the minor unit.
                    if on_step {
                        round_to_step(exact, step, req.rounding)?
                            .require_positive("down payment rounded to the step")?
                    } else {
                        Money::round(exact, currency, req.rounding)?
                            .require_positive("down payment")?
                    }
                }
            };
            if amount >= total_due {
                return Err(Error::DownPaymentTooLarge {
                    down_payment: amount,
                    total: total_due,
                });
            }
            let first_due = ctx.due_date(0, None)?;
            if down.date() >= first_due {
                return Err(Error::DateOrder {
                    earlier: "the down payment date",
                    earlier_date: down.date(),
                    later: "the first due date",
                    later_date: first_due,
                });
            }
            let fees = amount.checked_min(fees_due)?;
            ctx.down = Some(DownRow {
                date: down.date(),
                amount,
                fees,
            });
            ctx.financed = total_due.checked_sub(amount)?;
            ctx.fees_financed = fees_due.checked_sub(fees)?;
        }
        ctx.balloon = ctx.resolve_balloon()?;
        ctx.resolve_limits()?;
        ctx.resolve_periods()?;
        // Interest on other bases, and rate changes, take the reference path.
        let periodic = req.interest_basis == InterestBasis::Periodic && req.rate_changes.is_empty();
        if arithmetic == Arithmetic::Fastest && periodic {
            ctx.minor = MinorLedger::new(&ctx.decimal, ctx.financed);
        }
        Ok(ctx)
    }

    /// The balloon as an amount, checked: below the amount financed, on a plan sized by count or
    /// end date with the remainder on the last instalment.
    fn resolve_balloon(&self) -> Result<Option<Money>> {
        let Some(balloon) = self.req.balloon else {
            return Ok(None);
        };
        if !matches!(self.req.sizing, Sizing::Count(_) | Sizing::EndDate(_))
            || self.req.remainder != Remainder::Last
        {
            return Err(Error::Unsupported {
                reason: "a plan with a balloon is sized by count or end date, with the remainder \
                         on the last instalment",
            });
        }
        let amount = match balloon {
            Balloon::Amount(amount) => {
                self.financed.same_currency(amount)?;
                amount.require_positive("balloon")?
            }
            Balloon::Percent(percent) => {
                if percent <= Decimal::ZERO || percent >= Decimal::ONE_HUNDRED {
                    return Err(Error::InvalidPercent {
                        what: "balloon",
                        percent,
                        range: "above 0 and below 100",
                    });
                }
                let exact = self
                    .financed
                    .amount()
                    .checked_mul(percent)
                    .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                    .ok_or(Error::Overflow {
                        operation: "computing the balloon",
                    })?;
                Money::round(exact, self.currency, self.rounding)?.require_positive("balloon")?
            }
        };
        if amount >= self.financed {
            return Err(Error::BalloonTooLarge {
                balloon: amount,
                financed: self.financed,
            });
        }
        Ok(Some(amount))
    }

    fn resolve_limits(&mut self) -> Result<()> {
        if let Some(n) = self.req.max_instalments {
            if n == 0 {
                return Err(Error::InvalidCount {
                    count: n,
                    max: MAX_INSTALMENTS,
                });
            }
            if n < self.max_count {
                self.max_count = n;
                self.limit = Limit::Instalments(n);
            }
        }
        if let Some(months) = self.req.max_duration_months {
            let start = match self.down {
                Some(down) => down.date,
                None => self
                    .req
                    .frequency
                    .previous_date(self.req.first_due)
                    .ok_or_else(|| Error::DateOutOfRange {
                        what: "the start of the first period".to_owned(),
                    })?,
            };
            let bound = start
                .checked_add_months(chrono::Months::new(months))
                .ok_or_else(|| Error::DateOutOfRange {
                    what: format!("the end of a {months}-month duration"),
                })?;
            let n = self.count_dates_until(bound)?.min(self.max_count);
            if n == 0 {
                return Err(Error::NoDueDateWithin {
                    limit: Limit::Months(months).describe(),
                });
            }
            if n < self.max_count {
                self.max_count = n;
                self.limit = Limit::Months(months);
            }
        }
        Ok(())
    }

    /// The adjusted due date of instalment `k + 1`, checked against the previous one.
    fn due_date(&self, k: u32, previous: Option<NaiveDate>) -> Result<NaiveDate> {
        self.adjusted(k, self.dates.nth(k), previous)
    }

    /// The due date of instalment `k + 1` from its `unadjusted` date (`Dates::nth(k)`), adjusted
    /// and checked against the previous one.
    fn adjusted(
        &self,
        k: u32,
        unadjusted: Option<NaiveDate>,
        previous: Option<NaiveDate>,
    ) -> Result<NaiveDate> {
        let number = k.saturating_add(1);
        let unadjusted = unadjusted.ok_or_else(|| Error::DateOutOfRange {
            what: format!("the due date of instalment {number}"),
        })?;
        let date = match self.req.business_days {
            BusinessDayRule::Unadjusted => unadjusted,
            rule => rule.adjust(unadjusted, self.calendar)?,
        };
        match previous {
            Some(p) if date <= p => Err(Error::DatesNotIncreasing { number, date }),
            _ => Ok(date),
        }
    }

    /// How many due dates fall on or before `bound`, counting at most one past the current maximum
    /// (a result above `max_count` means "too many").
    fn count_dates_until(&self, bound: NaiveDate) -> Result<u32> {
        let mut previous = None;
        let mut dates = self.dates.cursor();
        for k in 0..=self.max_count {
            let date = self.adjusted(k, dates.next_date(), previous)?;
            if date > bound {
                return Ok(k);
            }
            previous = Some(date);
        }
        Ok(self.max_count.saturating_add(1))
    }

    fn interest_on(&self, balance: Money) -> Result<Money> {
        match self.periods.as_deref().and_then(<[Period]>::first) {
            Some(first) => first.rate.interest_on(balance, self.rounding),
            None => self.decimal.interest_on(balance),
        }
    }

    /// Each row's period and rate for a plan with interest on actual days or rate changes, and
    /// where each rate change takes effect; checks the interest start, given or not, on every plan
    /// that has one, interest above zero or not.
    fn resolve_periods(&mut self) -> Result<()> {
        let req = self.req;
        let actual = matches!(req.interest_basis, InterestBasis::ActualDays(_));
        let base = req
            .interest
            .rate()
            .filter(|_| self.rate.is_some() && (actual || !req.rate_changes.is_empty()));
        if base.is_none() && req.interest_from.is_none() {
            return Ok(());
        }
        let start = days::first_start(req)?;
        let first_due = self.due_date(0, None)?;
        if start >= first_due {
            return Err(Error::DateOrder {
                earlier: "the interest start",
                earlier_date: start,
                later: "the first due date",
                later_date: first_due,
            });
        }
        let Some(base) = base else {
            return Ok(());
        };
        let rows = match req.sizing {
            Sizing::Count(n) => n.min(self.max_count),
            Sizing::EndDate(end) => self.count_dates_until(end)?.min(self.max_count),
            Sizing::Amount(_) | Sizing::Capacity { .. } => self.max_count,
        };
        let mut periods = Vec::with_capacity(usize::try_from(rows).unwrap_or(0));
        let mut previous = self.down.map(|down| down.date);
        let mut dates = self.dates.cursor();
        let mut from = start;
        for k in 0..rows {
            // A date out of range is reported when its row is built.
            let end = match self.adjusted(k, dates.next_date(), previous) {
                Ok(end) => end,
                Err(e) => {
                    self.periods_end = Some(e);
                    break;
                }
            };
            let annual = rate_changes::rate_at(base, &req.rate_changes, from);
            periods.push(Period {
                start: from,
                end,
                rate: days::row_rate(req, annual, from, end)?,
            });
            previous = Some(end);
            from = end;
        }
        self.change_rows = rate_changes::first_rows(&req.rate_changes, &periods, rows)?;
        self.broken_first = req.broken_period == BrokenPeriod::FirstInstalment;
        self.periods = Some(periods);
        Ok(())
    }

    /// The period of row `index` (from 1).
    fn period(&self, index: u32) -> Result<Period> {
        self.periods
            .as_deref()
            .and_then(|p| p.get(usize::try_from(index.checked_sub(1)?).ok()?))
            .copied()
            .ok_or_else(|| match &self.periods_end {
                Some(e) => e.clone(),
                None => Error::DateOutOfRange {
                    what: format!("the due date of instalment {index}"),
                },
            })
    }

    /// The recomputed instalment of a rate change taking effect at row `index`, on the balance
    /// before it, for an annuity; `None` for other plans.
    fn reset_amount(&self, index: u32, n: u32, balance: Money) -> Result<Option<Money>> {
        if !matches!(self.req.interest, Interest::Annuity(_)) || !self.change_rows.contains(&index)
        {
            return Ok(None);
        }
        let annual = self.period(index)?.rate.annual();
        let rate = days::regular_rate(annual, self.req.frequency, self.req.interest_basis);
        let remaining = n.saturating_sub(index).saturating_add(1);
        rate_changes::recomputed(balance, rate, remaining, self.step, self.rounding).map(Some)
    }

    /// The integer arithmetic, if it holds amounts up to `regular` (and the stages' amounts).
    fn minor_for(&self, regular: Money) -> Option<MinorLedger> {
        self.minor.filter(|m| {
            m.accepts(regular)
                && (self.staged == 0 || self.req.stages.iter().all(|s| m.accepts(s.amount())))
        })
    }

    fn limit_text(&self) -> String {
        self.limit.describe()
    }

    /// A plan of `n` instalments leaves at least one after any grace.
    fn check_grace_count(&self, n: u32) -> Result<()> {
        if n <= self.grace {
            return Err(Error::Unsupported {
                reason: "a principal grace leaves at least one instalment that repays the \
                         principal",
            });
        }
        if n <= self.staged {
            return Err(Error::Unsupported {
                reason: "the stages leave at least one instalment to the plan's sizing",
            });
        }
        if n <= self.interest_grace.periods() {
            return Err(Error::Unsupported {
                reason: "an interest-free or deferred-interest grace leaves at least one \
                         instalment after it",
            });
        }
        Ok(())
    }
}

/// Refuses the interest bases, interest start, broken-period rule and rate changes on plans they
/// do not apply to; `charged` is true for a plan with interest above zero.
fn check_interest_terms(req: &PlanRequest, charged: bool) -> Result<()> {
    // Dates the caller gives lie within the supported ones.
    if let Some(start) = req.interest_from {
        crate::input::check_date(|| "the interest start".to_owned(), start)?;
    }
    for (number, change) in (1u32..).zip(&req.rate_changes) {
        crate::input::check_date(
            || format!("the date of rate change {number}"),
            change.date(),
        )?;
    }
    let unsupported = |reason| Err(Error::Unsupported { reason });
    let actual = matches!(req.interest_basis, InterestBasis::ActualDays(_));
    let counted = matches!(req.sizing, Sizing::Count(_) | Sizing::EndDate(_));
    if matches!(req.interest_basis, InterestBasis::FixedYear(_))
        && req.frequency.days_count().is_none()
    {
        return unsupported(
            "a fixed year of 360, 364 or 365 days applies to frequencies counted in days \
             (weekly, every n days)",
        );
    }
    if actual
        && charged
        && (req.interest_method == InterestMethod::Flat || req.timing == InstalmentTiming::Start)
    {
        return unsupported(
            "interest on actual days is charged on the declining balance, at the end of each period",
        );
    }
    if req.interest_from.is_some() && !actual {
        return unsupported("an interest start date applies to interest on actual days");
    }
    if req.broken_period == BrokenPeriod::FirstInstalment && !(actual && counted) {
        return unsupported(
            "the broken-period interest on the first instalment needs interest on actual days and \
             a plan sized by count or end date",
        );
    }
    if !req.rate_changes.is_empty() {
        let plain = charged
            && req.interest_method == InterestMethod::DecliningBalance
            && req.timing == InstalmentTiming::End
            && counted
            && req.balloon.is_none()
            && req.principal_grace == 0
            && req.balancing == Balancing::Rounded;
        if !plain {
            return unsupported(
                "rate changes need a plan with interest above zero on the declining balance, paid \
                 at the end of each period, sized by count or end date, without balloon, principal \
                 grace or closest last instalment",
            );
        }
    }
    Ok(())
}

/// `value` rounded to a multiple of `step` with `rounding`.
pub(crate) fn round_to_step(value: Decimal, step: Money, rounding: Rounding) -> Result<Money> {
    let overflow = || Error::Overflow {
        operation: "rounding an instalment to the step",
    };
    let units = value.checked_div(step.amount()).ok_or_else(overflow)?;
    let amount = rounding
        .round_dp(units, 0)
        .checked_mul(step.amount())
        .ok_or_else(overflow)?;
    Money::new(amount, step.currency())
}

/// One row: an instalment whose due date is set when the schedule is assembled.
type Row = Instalment;

/// What every non-remainder row pays.
#[derive(Clone, Copy)]
enum Shape {
    /// Instalments of `regular`; the remainder instalment settles the balance.
    Level(Money),
    /// Principal parts of `regular` plus the period's interest; the remainder part settles.
    EqualPrincipal(Money),
    /// Instalments of `regular` carrying an even share of the flat interest; the last one settles.
    Flat(Money),
}

impl Shape {
    fn regular(self) -> Money {
        match self {
            Shape::Level(m) | Shape::EqualPrincipal(m) | Shape::Flat(m) => m,
        }
    }
}

/// The flat interest of `n` periods on the amount financed: `P × annual rate × n × period`,
/// rounded once with the plan's rounding.
fn flat_interest(ctx: &Context<'_>, rate: PeriodicRate, n: u32) -> Result<Money> {
    let (numerator, denominator) = rate.year_fraction();
    let overflow = || Error::Overflow {
        operation: "computing flat interest",
    };
    let periods = u64::from(numerator)
        .checked_mul(u64::from(n))
        .ok_or_else(overflow)?;
    let exact = ctx
        .financed
        .amount()
        .checked_mul(rate.annual().fraction())
        .and_then(|x| x.checked_mul(Decimal::from(periods)))
        .and_then(|x| x.checked_div(Decimal::from(denominator)))
        .ok_or_else(overflow)?;
    Money::round(exact, ctx.currency, ctx.rounding)
}

/// The flat interest of `n` instalments split evenly: each instalment's share (rounded down to
/// the minor unit) and the last one's (the share plus what is left).
fn flat_shares(ctx: &Context<'_>, rate: PeriodicRate, n: u32) -> Result<(Money, Money)> {
    let total = flat_interest(ctx, rate, n)?;
    let share = total
        .amount()
        .checked_div(Decimal::from(n))
        .ok_or(Error::Overflow {
            operation: "spreading flat interest",
        })?;
    let share = Money::round(share, ctx.currency, Rounding::Down)?;
    let others = share.checked_mul_int(i64::from(n.saturating_sub(1)))?;
    Ok((share, total.checked_sub(others)?))
}

enum Built {
    /// The rows, and their totals when the ledger sums exactly.
    Rows(Vec<Row>, Option<Totals>),
    /// The regular amount repays everything before the last instalment.
    PaidOffEarly,
    /// The regular amount does not exceed the interest of a period.
    NotAmortizing { interest: Money },
}

/// Builds `n` rows of `shape`. The single place where instalments are split into parts.
fn build_rows(ctx: &Context<'_>, n: u32, shape: Shape) -> Result<Built> {
    match ctx.minor_for(shape.regular()) {
        Some(minor) => rows_in(ctx, &minor, n, shape),
        None => rows_in(ctx, &ctx.decimal, n, shape),
    }
}

fn rows_in<L: Ledger>(ctx: &Context<'_>, l: &L, n: u32, shape: Shape) -> Result<Built> {
    if ctx.periods.is_some() {
        return rows_with(ctx, l, n, shape, &Dated { ctx });
    }
    match (shape, ctx.flat) {
        (Shape::Flat(_), Some(rate)) => {
            let (share, last) = flat_shares(ctx, rate, n)?;
            let shares = FlatShares {
                share: l.amount(share),
                last: l.amount(last),
                n,
            };
            rows_with(ctx, l, n, shape, &shares)
        }
        _ => rows_with(ctx, l, n, shape, &Declining),
    }
}

/// Where the interest of a row comes from.
trait RowInterest<L: Ledger> {
    /// True for flat interest: known when compiling, so that the other rows never test for it.
    const FLAT: bool;
    /// True when rows have periods of their own (actual days, rate changes): known when
    /// compiling, so that the other plans never test for a broken period or a rate change.
    const DATED: bool = false;
    fn of(&self, l: &L, index: u32, balance: L::Amount) -> Result<L::Amount>;
    /// The regular amount from row `index` on, when a rate change recomputes it there.
    fn reset(
        &self,
        _l: &L,
        _index: u32,
        _n: u32,
        _balance: L::Amount,
    ) -> Result<Option<L::Amount>> {
        Ok(None)
    }
}

/// Each row's own period and rate (interest on actual days, rate changes).
struct Dated<'c, 'a> {
    ctx: &'c Context<'a>,
}

impl<L: Ledger> RowInterest<L> for Dated<'_, '_> {
    const FLAT: bool = false;
    const DATED: bool = true;
    fn of(&self, l: &L, index: u32, balance: L::Amount) -> Result<L::Amount> {
        let rate = self.ctx.period(index)?.rate;
        Ok(l.amount(rate.interest_on(l.money(balance)?, self.ctx.rounding)?))
    }
    fn reset(&self, l: &L, index: u32, n: u32, balance: L::Amount) -> Result<Option<L::Amount>> {
        Ok(self
            .ctx
            .reset_amount(index, n, l.money(balance)?)?
            .map(|m| l.amount(m)))
    }
}

/// The periodic rate on the balance (zero without interest).
struct Declining;

impl<L: Ledger> RowInterest<L> for Declining {
    const FLAT: bool = false;
    #[inline(always)]
    fn of(&self, l: &L, _index: u32, balance: L::Amount) -> Result<L::Amount> {
        l.interest_on(balance)
    }
}

/// An even share of the flat interest, the last row taking what is left.
struct FlatShares<A> {
    share: A,
    last: A,
    n: u32,
}

impl<L: Ledger> RowInterest<L> for FlatShares<L::Amount> {
    const FLAT: bool = true;
    #[inline(always)]
    fn of(&self, _l: &L, index: u32, _balance: L::Amount) -> Result<L::Amount> {
        Ok(if index == self.n {
            self.last
        } else {
            self.share
        })
    }
}

/// Row `$index` with its `$interest`: the single place where an instalment is split into parts.
/// A macro rather than a function so that the row loop keeps its running figures in registers.
macro_rules! row {
    ($ctx:ident, $l:ident, $flat:expr, $index:expr, $interest:expr, $n:ident, $shape:ident,
     $regular:ident, $remainder_part:ident, $remainder_index:ident, $balance:ident,
     $fees_left:ident, $interest_sum:ident, $rows:ident) => {{
        let index = $index;
        let interest = $interest;
        let capital = match $shape {
            Shape::Flat(_) if $flat => {
                if index == $n {
                    $balance
                } else if $regular <= interest {
                    return Ok(Built::PaidOffEarly);
                } else {
                    $l.sub($regular, interest)?
                }
            }
            Shape::Level(_) if $l.has_interest() => {
                if index == $n {
                    $balance
                } else if $regular <= interest {
                    return Ok(Built::NotAmortizing {
                        interest: $l.money(interest)?,
                    });
                } else {
                    $l.sub($regular, interest)?
                }
            }
            // (A flat shape always comes with its flat interest.)
            Shape::Level(_) | Shape::EqualPrincipal(_) | Shape::Flat(_) => {
                if index == $remainder_index {
                    $remainder_part
                } else {
                    $regular
                }
            }
        };
        if !$l.is_positive(capital) || (index < $n && capital >= $balance) {
            return Ok(Built::PaidOffEarly);
        }
        let fees = $l.min(capital, $fees_left);
        $fees_left = $l.sub($fees_left, fees)?;
        $balance = $l.sub($balance, capital)?;
        let amount = $l.add(capital, interest)?;
        let principal = $l.sub(capital, fees)?;
        // A sum that leaves the ledger's range is left to `Totals::of`.
        $interest_sum = $interest_sum.and_then(|sum| $l.add(sum, interest).ok());
        $rows.push(Instalment {
            number: index,
            kind: InstalmentKind::Regular,
            // Set when the schedule is assembled.
            due_date: $ctx.req.first_due,
            parts: $l.parts([amount, principal, interest, fees, $balance])?,
        });
    }};
}

/// The rows of `shape`: grace rows and an interest-free first row (instalments at the start of
/// each period) first, then every other row in one loop with nothing but the shape to decide, so
/// that a plan without those options runs the loop it always ran.
fn rows_with<L: Ledger, I: RowInterest<L>>(
    ctx: &Context<'_>,
    l: &L,
    n: u32,
    shape: Shape,
    source: &I,
) -> Result<Built> {
    let mut regular = l.amount(shape.regular());
    let others = l.mul_int(
        regular,
        i64::from(n.saturating_sub(1).saturating_sub(ctx.grace)),
    )?;
    // Without interest the remainder is known up front; with interest (Remainder::Last only) it is
    // whatever the balance is when the last row comes.
    let financed = l.amount(ctx.financed);
    let fees_financed = l.amount(ctx.fees_financed);
    let mut remainder_part = l.sub(financed, others)?;
    let remainder_index = match ctx.req.remainder {
        Remainder::First => 1,
        Remainder::Last => n,
    };
    // Room for a down payment, put in front when the schedule is assembled.
    let mut rows = Vec::with_capacity(usize::try_from(n).unwrap_or(0).saturating_add(1));
    let mut balance = financed;
    let mut fees_left = fees_financed;
    let zero = l.amount(Money::zero(ctx.currency));
    // Only the interest is summed as the rows are built; the other totals follow from it (below).
    let mut interest_sum = L::EXACT_SUMS.then_some(zero);
    let mut first = 1;
    // Row `$index` paying `$interest`, the regular amount `$regular`, on the running figures above.
    macro_rules! row_here {
        ($index:expr, $interest:expr, $regular:ident) => {
            row!(
                ctx,
                l,
                I::FLAT,
                $index,
                $interest,
                n,
                shape,
                $regular,
                remainder_part,
                remainder_index,
                balance,
                fees_left,
                interest_sum,
                rows
            )
        };
    }
    // A grace instalment pays the interest of its period and nothing else.
    while first <= ctx.grace {
        let interest = source.of(l, first, balance)?;
        if !l.is_positive(interest) || first >= n {
            return Ok(Built::PaidOffEarly);
        }
        interest_sum = interest_sum.and_then(|sum| l.add(sum, interest).ok());
        rows.push(Instalment {
            number: first,
            kind: InstalmentKind::Regular,
            due_date: ctx.req.first_due,
            parts: l.parts([interest, zero, interest, zero, balance])?,
        });
        first = first.saturating_add(1);
    }
    if I::DATED && ctx.broken_first && first == 1 && n > 1 && l.has_interest() {
        if let Shape::Level(_) = shape {
            // The regular principal part: the regular amount less a regular period's interest,
            // beside the interest of the first period's actual days.
            let interest = source.of(l, 1, balance)?;
            let regular_interest = l.interest_on(balance)?;
            let first_regular = l.sub(l.add(regular, interest)?, regular_interest)?;
            row_here!(1, interest, first_regular);
            first = 2;
        }
    }
    if ctx.interest_free_first && first == 1 {
        row_here!(1, zero, regular);
        first = 2;
    }
    // Interest-free and deferred-interest rows, and the row that pays the deferred interest.
    let grace = ctx.interest_grace.within(n);
    if !grace.is_none() {
        let mut deferred = zero;
        let last = grace.periods().saturating_add(1).min(n);
        while first <= last {
            let accrued = if grace.accrues(first) {
                source.of(l, first, balance)?
            } else {
                zero
            };
            let interest = if grace.defers(first) {
                deferred = l.add(deferred, accrued)?;
                zero
            } else if grace.pays_deferred(first) {
                l.add(accrued, deferred)?
            } else {
                accrued
            };
            row_here!(first, interest, regular);
            first = first.saturating_add(1);
        }
    }
    // The stages of a stepped plan: their amounts, each paying its period's interest first.
    if ctx.staged > 0 {
        for stage in &ctx.req.stages {
            let amount = l.amount(stage.amount());
            for _ in 0..stage.count() {
                let interest = source.of(l, first, balance)?;
                if amount <= interest {
                    return Err(Error::BelowPeriodicInterest {
                        amount: stage.amount(),
                        interest: l.money(interest)?,
                    });
                }
                let capital = l.sub(amount, interest)?;
                if first >= n || capital >= balance {
                    return Err(stages::repay_everything());
                }
                let fees = l.min(capital, fees_left);
                fees_left = l.sub(fees_left, fees)?;
                balance = l.sub(balance, capital)?;
                interest_sum = interest_sum.and_then(|sum| l.add(sum, interest).ok());
                rows.push(Instalment {
                    number: first,
                    kind: InstalmentKind::Regular,
                    due_date: ctx.req.first_due,
                    parts: l.parts([amount, l.sub(capital, fees)?, interest, fees, balance])?,
                });
                first = first.saturating_add(1);
            }
        }
        // What the remainder instalment repays of what the stages leave (plans whose capital parts
        // are set: without interest, or equal principal).
        let rest = l.mul_int(regular, i64::from(n.saturating_sub(first)))?;
        remainder_part = l.sub(balance, rest)?;
    }
    for index in first..=n {
        if I::DATED {
            if let Some(reset) = source.reset(l, index, n, balance)? {
                regular = reset;
            }
        }
        row_here!(index, source.of(l, index, balance)?, regular);
    }
    // Each row takes its capital off the balance and its fees part off the fees left, so when both
    // end at zero the capital parts add up to `financed` and the fees parts to `fees_financed`:
    // the principal parts (capital − fees) to their difference, the amounts (capital + interest)
    // to `financed` plus the interest. These are the sums of the rows, exactly.
    let totals = match interest_sum {
        Some(interest) if balance == zero && fees_left == zero => Some(Totals {
            amount: l.money(l.add(financed, interest)?)?,
            principal: l.money(l.sub(financed, fees_financed)?)?,
            interest: l.money(interest)?,
            fees: l.money(fees_financed)?,
        }),
        _ => None,
    };
    Ok(Built::Rows(rows, totals))
}

/// The result of sizing: the rows and what the derivation needs to say about them.
struct Fitted {
    rows: Vec<Row>,
    /// The totals of `rows` (the down payment aside), when they were summed exactly.
    sums: Option<Totals>,
    regular: Money,
    regular_rounding: Rounding,
    shape: Option<CapacityShape>,
}

impl Fitted {
    /// The number of rows; sizing never builds more than `MAX_INSTALMENTS`, so it fits a `u32`.
    fn count(&self) -> Result<u32> {
        u32::try_from(self.rows.len()).map_err(|_| Error::InvalidCount {
            count: u32::MAX,
            max: MAX_INSTALMENTS,
        })
    }

    fn max_amount(&self) -> Option<Money> {
        self.rows
            .iter()
            .map(Instalment::amount)
            .max_by(|a, b| a.amount().cmp(&b.amount()))
    }
}

fn size(ctx: &Context<'_>) -> Result<Fitted> {
    match ctx.req.sizing {
        Sizing::Count(n) => {
            if n == 0 || n > ctx.max_count {
                return Err(Error::InvalidCount {
                    count: n,
                    max: ctx.max_count,
                });
            }
            ctx.check_grace_count(n)?;
            by_count_balanced(ctx, n)
        }
        Sizing::EndDate(end) => {
            let n = ctx.count_dates_until(end)?;
            if n == 0 {
                return Err(Error::DateOrder {
                    earlier: "the first due date",
                    earlier_date: ctx.due_date(0, None)?,
                    later: "the end date",
                    later_date: end,
                });
            }
            if n > ctx.max_count {
                return Err(Error::EndDateBeyondLimit {
                    end_date: end,
                    limit: ctx.limit_text(),
                });
            }
            ctx.check_grace_count(n)?;
            by_count_balanced(ctx, n)
        }
        // The count is found within the limit: the limit, as a count would, leaves an
        // instalment after the graces and the stages.
        Sizing::Amount(amount) => {
            ctx.check_grace_count(ctx.max_count)?;
            by_amount(ctx, amount, None)
        }
        Sizing::Capacity { capacity, shape } => {
            let usable = round_to_step(capacity.amount(), ctx.step, Rounding::Down)?;
            let usable = usable.require_positive("capacity rounded down to the step")?;
            ctx.check_grace_count(ctx.max_count)?;
            by_capacity(ctx, capacity, usable, shape)
        }
    }
}

/// The exact (unrounded) regular amount for `n` instalments: the level instalment, the annuity, or
/// the equal principal part.
fn target_amount(ctx: &Context<'_>, n: u32) -> Result<Decimal> {
    // The grace instalments repay nothing: the others amortise the whole amount.
    let n = n.saturating_sub(ctx.grace);
    // A stepped plan's instalments after the stages repay what the exact schedule owes after them.
    if ctx.staged > 0 && n <= ctx.staged {
        return Err(Error::Unsupported {
            reason: "the stages leave at least one instalment to the plan's sizing",
        });
    }
    let (start, n) = if ctx.staged > 0 {
        let left = stages::exact_balance(
            &ctx.req.stages,
            ctx.financed.amount(),
            ctx.rate.map(|r| r.to_decimal()),
            ctx.staged,
        )?;
        if left <= Decimal::ZERO {
            return Err(stages::repay_everything());
        }
        (left, n.saturating_sub(ctx.staged))
    } else {
        (ctx.financed.amount(), n)
    };
    // An annuity discounts the balloon; equal principal parts and flat interest leave it whole.
    let discount = match ctx.req.interest {
        Interest::Annuity(_) => ctx.rate.map(|r| r.to_decimal()),
        _ => None,
    };
    let financed = amortized(
        start,
        ctx.balloon.map(|b| b.amount()),
        discount,
        n,
        ctx.interest_free_first,
    )?;
    let count = Decimal::from(n);
    let overflow = || Error::Overflow {
        operation: "dividing the balance by the count",
    };
    match (ctx.req.interest, ctx.rate, ctx.flat) {
        (Interest::Annuity(_), Some(rate), _) if !ctx.interest_grace.is_none() => {
            ctx.interest_grace.level_amount(
                ctx.financed.amount(),
                ctx.balloon.map(|b| b.amount()),
                rate.to_decimal(),
                n,
            )
        }
        (Interest::Annuity(_), Some(rate), _) if ctx.interest_free_first => {
            // Paid a period earlier, each instalment is worth 1 + r times less.
            let r = rate.to_decimal();
            let end = annuity_payment(financed, r, n)?;
            Decimal::ONE
                .checked_add(r)
                .and_then(|grown| end.checked_div(grown))
                .ok_or(Error::Overflow {
                    operation: "computing the annuity payment",
                })
        }
        (Interest::Annuity(_), Some(rate), _) => annuity_payment(financed, rate.to_decimal(), n),
        (_, _, Some(rate)) => flat_interest(ctx, rate, n)?
            .amount()
            .checked_add(financed)
            .and_then(|due| due.checked_div(count))
            .ok_or_else(overflow),
        _ => financed.checked_div(count).ok_or_else(overflow),
    }
}

/// What the regular instalments amortise: the amount financed less the value of the balloon when
/// the first instalment falls due (`B·(1 + r)^−n`, or `B·(1 + r)^−(n − 1)` when instalments are
/// paid at the start of each period; `B` itself without periodic interest).
pub(crate) fn amortized(
    financed: Decimal,
    balloon: Option<Decimal>,
    rate: Option<Decimal>,
    n: u32,
    start: bool,
) -> Result<Decimal> {
    let overflow = || Error::Overflow {
        operation: "computing the balloon",
    };
    let Some(balloon) = balloon else {
        return Ok(financed);
    };
    let value = match rate {
        Some(r) => {
            let periods = if start { n.saturating_sub(1) } else { n };
            match checked_pow(Decimal::ONE.checked_add(r).ok_or_else(overflow)?, periods) {
                // Beyond 7.9 × 10^28 the balloon is worth nothing to 28 digits today.
                None => Decimal::ZERO,
                Some(growth) => balloon.checked_div(growth).unwrap_or(Decimal::ZERO),
            }
        }
        None => balloon,
    };
    financed.checked_sub(value).ok_or_else(overflow)
}

/// The target amount for `n` instalments rounded to the step with `rounding`. The annuity is found
/// without `Decimal` when that is sure to give the same amount (see `MinorLedger::annuity_payment`);
/// otherwise the exact target is computed once into `target` and rounded.
fn regular_amount(
    ctx: &Context<'_>,
    n: u32,
    rounding: Rounding,
    target: &mut Option<Decimal>,
) -> Result<Money> {
    // The integer annuity is the ordinary one: an annuity-due or one with a balloon takes the
    // `Decimal` way.
    if let (Interest::Annuity(_), Some(minor), false, None, true, 0) = (
        ctx.req.interest,
        ctx.minor,
        ctx.interest_free_first,
        ctx.balloon,
        ctx.interest_grace.is_none(),
        ctx.staged,
    ) {
        let amortising = n.saturating_sub(ctx.grace);
        if let Some(regular) = minor.annuity_payment(ctx.financed, ctx.step, amortising, rounding) {
            return Ok(regular);
        }
    }
    // Stages that do not pay their periods' interest make the balance after them grow at each
    // such period, past what can be computed: they are refused as their rows refuse them.
    let refusal = |error: Error| match error {
        Error::Overflow { .. } if ctx.staged > 0 => balance_after_stages(ctx, &ctx.decimal)
            .err()
            .unwrap_or(error),
        error => error,
    };
    let exact = match *target {
        Some(exact) => exact,
        None => {
            let exact = target_amount(ctx, n).map_err(refusal)?;
            *target = Some(exact);
            exact
        }
    };
    round_computed_to_step(exact, ctx.step, rounding).map_err(refusal)
}

/// An amount computed to 28 digits rounded to a multiple of `step` with `rounding`, a tie taken
/// as the tie it is (see [`settle_tie`]): the one rounding of a regular amount the crate computes.
pub(crate) fn round_computed_to_step(
    exact: Decimal,
    step: Money,
    rounding: Rounding,
) -> Result<Money> {
    round_to_step(settle_tie(exact, step), step, rounding)
}

/// An amount computed to 28 digits (an annuity, a level amount under graces), taken as the
/// multiple of half a `step` it lies within 10⁻²⁰ of (relatively): an amount that is exactly on a
/// unit or half-way between two is rounded as it is, not as the last digit of its approximation
/// falls. Rounded up, a level amount of exactly 43.272 TND stays 43.272, where its approximation
/// 43.2720…01 would give 43.273. An amount that is not a tie is never that close to one.
fn settle_tie(exact: Decimal, step: Money) -> Decimal {
    let settled = || {
        let halves = exact
            .checked_div(step.amount())?
            .checked_mul(Decimal::TWO)?;
        let nearest = halves.round();
        let tolerance = halves
            .abs()
            .max(Decimal::ONE)
            .checked_mul(Decimal::new(1, 20))?;
        if halves.checked_sub(nearest)?.abs() > tolerance {
            return None;
        }
        nearest
            .checked_mul(step.amount())?
            .checked_div(Decimal::TWO)
    };
    settled().unwrap_or(exact)
}

/// `P·r / (1 − (1 + r)^−n)`, the level payment that repays `P` in `n` periods at `r` per period.
pub(crate) fn annuity_payment(principal: Decimal, r: Decimal, n: u32) -> Result<Decimal> {
    let overflow = || Error::Overflow {
        operation: "computing the annuity payment",
    };
    let interest_only = principal.checked_mul(r).ok_or_else(overflow)?;
    let growth = checked_pow(Decimal::ONE.checked_add(r).ok_or_else(overflow)?, n);
    match growth {
        Some(v) if v > Decimal::ONE => {
            let e = v.checked_sub(Decimal::ONE).ok_or_else(overflow)?;
            interest_only
                .checked_mul(v)
                .and_then(|x| x.checked_div(e))
                // P·r·v can leave the range while the payment (about P·r) does not: divide first.
                .or_else(|| v.checked_div(e).and_then(|f| f.checked_mul(interest_only)))
                .ok_or_else(overflow)
        }
        // A rate too small for 28 digits (10^−26 % a year is 0 a month): (1 + r)^n is 1, and the
        // payment repays `P` in `n` equal parts, as without interest.
        Some(_) if r.is_zero() && n > 0 => {
            principal.checked_div(Decimal::from(n)).ok_or_else(overflow)
        }
        // (1 + r)^n beyond 7.9 × 10^28: the payment equals the interest to 28 digits. No period
        // to repay in (every instalment in a principal grace): the interest alone.
        _ => Ok(interest_only),
    }
}

pub(crate) fn checked_pow(base: Decimal, mut exp: u32) -> Option<Decimal> {
    let mut result = Decimal::ONE;
    let mut factor = base;
    while exp > 0 {
        if exp & 1 == 1 {
            result = result.checked_mul(factor)?;
        }
        exp >>= 1;
        if exp > 0 {
            factor = factor.checked_mul(factor)?;
        }
    }
    Some(result)
}

fn shape_for(ctx: &Context<'_>, regular: Money) -> Shape {
    if ctx.flat.is_some() {
        return Shape::Flat(regular);
    }
    match ctx.req.interest {
        Interest::EqualPrincipal(_) => Shape::EqualPrincipal(regular),
        Interest::None | Interest::Annuity(_) => Shape::Level(regular),
    }
}

/// `n` instalments as level as the step allows: the regular amount rounded with `preferred`, or
/// rounded down when that would repay everything before the last instalment.
fn by_count(ctx: &Context<'_>, n: u32, preferred: Rounding) -> Result<Fitted> {
    if n <= ctx.grace || n <= ctx.interest_grace.periods() || n <= ctx.staged {
        return Err(Error::Unsplittable {
            total: ctx.financed,
            count: n,
            step: ctx.step,
        });
    }
    let mut target = None;
    let fallback = Some(Rounding::Down).filter(|r| *r != preferred);
    for rounding in core::iter::once(preferred).chain(fallback) {
        let regular = regular_amount(ctx, n, rounding, &mut target)?;
        if !regular.is_positive() {
            continue;
        }
        match build_rows(ctx, n, shape_for(ctx, regular))? {
            Built::Rows(rows, sums) => {
                return Ok(Fitted {
                    rows,
                    sums,
                    regular,
                    regular_rounding: rounding,
                    shape: None,
                })
            }
            Built::PaidOffEarly => continue,
            Built::NotAmortizing { interest } => {
                return Err(Error::BelowPeriodicInterest {
                    amount: regular,
                    interest,
                })
            }
        }
    }
    Err(Error::Unsplittable {
        total: ctx.financed,
        count: n,
        step: ctx.step,
    })
}

/// `n` instalments whose regular amount is chosen by the request's [`Balancing`].
#[inline]
fn by_count_balanced(ctx: &Context<'_>, n: u32) -> Result<Fitted> {
    if ctx.req.balancing == Balancing::Rounded || n == 1 {
        return by_count(ctx, n, ctx.rounding);
    }
    let gap = |fitted: &Fitted| -> Result<Option<Decimal>> {
        let remainder_row = match ctx.req.remainder {
            Remainder::First => fitted.rows.first(),
            Remainder::Last => fitted.rows.last(),
        };
        let balloon = ctx.balloon.unwrap_or(Money::zero(ctx.currency));
        Ok(match remainder_row {
            Some(row) => Some(
                remainder_part(ctx, row)?
                    .checked_sub(balloon)?
                    .checked_sub(fitted.regular)?
                    .amount()
                    .abs(),
            ),
            None => None,
        })
    };
    // The plan's rounding first, so that it wins a tie; then the exact amount rounded down and
    // rounded up, the two amounts on the step around it.
    let mut best = by_count(ctx, n, ctx.rounding)?;
    let mut best_gap = gap(&best)?;
    for rounding in [Rounding::Down, Rounding::Up] {
        let candidate = match by_count(ctx, n, rounding) {
            Ok(fitted) => fitted,
            Err(Error::Unsplittable { .. }) | Err(Error::BelowPeriodicInterest { .. }) => continue,
            Err(e) => return Err(e),
        };
        // Rounding up may have fallen back to rounding down: not a candidate of its own.
        if candidate.regular == best.regular || candidate.regular_rounding != rounding {
            continue;
        }
        let candidate_gap = gap(&candidate)?;
        if let (Some(new), Some(old)) = (candidate_gap, best_gap) {
            if new < old {
                best = candidate;
                best_gap = candidate_gap;
            }
        }
    }
    Ok(best)
}

/// What the remainder instalment is compared with the regular amount by: its amount, or for an
/// equal-principal plan its principal part (fees included).
fn remainder_part(ctx: &Context<'_>, row: &Row) -> Result<Money> {
    match ctx.req.interest {
        Interest::EqualPrincipal(_) => row.principal().checked_add(row.fees()),
        _ => Ok(row.amount()),
    }
}

/// How many instalments of `amount` (the last one smaller) repay the balance, if no more than the
/// limit.
fn count_for_amount(ctx: &Context<'_>, amount: Money) -> Result<Option<u32>> {
    if let Some(rate) = ctx.flat {
        return flat_count_for_amount(ctx, rate, amount);
    }
    if ctx.rate.is_none() && ctx.staged == 0 {
        let count = ctx
            .financed
            .amount()
            .checked_div(amount.amount())
            .map(|q| q.ceil())
            .ok_or(Error::Overflow {
                operation: "counting instalments",
            })?;
        return Ok(count.to_u32().filter(|n| *n <= ctx.max_count));
    }
    if ctx.periods.is_some() {
        return count_in(ctx, &ctx.decimal, &Dated { ctx }, amount);
    }
    match ctx.minor_for(amount) {
        Some(minor) => count_in(ctx, &minor, &Declining, amount),
        None => count_in(ctx, &ctx.decimal, &Declining, amount),
    }
}

/// The fewest instalments of at most `amount` that repay the balance and its flat interest: the
/// smallest `n` with `P + I(n) ≤ n × amount`. `(P + I(n)) / n = P/n + P·r` falls as `n` grows,
/// so the search starts from `P / (amount − P·r)`, a step or two below the answer.
fn flat_count_for_amount(
    ctx: &Context<'_>,
    rate: PeriodicRate,
    amount: Money,
) -> Result<Option<u32>> {
    let per_period =
        ctx.financed
            .amount()
            .checked_mul(rate.to_decimal())
            .ok_or(Error::Overflow {
                operation: "computing flat interest",
            })?;
    let room = amount.amount().checked_sub(per_period).unwrap_or_default();
    if room <= Decimal::ZERO {
        return Err(Error::BelowPeriodicInterest {
            amount,
            interest: Money::round(per_period, ctx.currency, Rounding::Up)?,
        });
    }
    let fits = |n: u32| -> Result<bool> {
        let due = ctx.financed.checked_add(flat_interest(ctx, rate, n)?)?;
        Ok(due <= amount.checked_mul_int(i64::from(n))?)
    };
    let mut n = ctx
        .financed
        .amount()
        .checked_div(room)
        .and_then(|q| q.ceil().to_u32())
        .unwrap_or(u32::MAX)
        .clamp(1, ctx.max_count);
    // Rounding the interest may let a count or two fewer do.
    if fits(n)? {
        while n > 1 && fits(n.saturating_sub(1))? {
            n = n.saturating_sub(1);
        }
        return Ok(Some(n));
    }
    while n < ctx.max_count {
        n = n.saturating_add(1);
        if fits(n)? {
            return Ok(Some(n));
        }
    }
    Ok(None)
}

fn count_in<L: Ledger, I: RowInterest<L>>(
    ctx: &Context<'_>,
    l: &L,
    source: &I,
    amount: Money,
) -> Result<Option<u32>> {
    let paid = l.amount(amount);
    // The stages' instalments come first, at their own amounts.
    let mut balance = balance_after_stages(ctx, l)?;
    let zero = l.amount(Money::zero(ctx.currency));
    let grace = ctx.interest_grace;
    // Interest deferred and not yet paid: a last instalment pays it whenever it comes.
    let mut deferred = zero;
    for k in ctx.staged.saturating_add(1)..=ctx.max_count {
        let interest = if k == 1 && ctx.interest_free_first {
            zero
        } else if grace.is_none() {
            source.of(l, k, balance)?
        } else {
            let accrued = if grace.accrues(k) {
                l.interest_on(balance)?
            } else {
                zero
            };
            let owed = l.add(accrued, deferred)?;
            if grace.defers(k) {
                if paid >= l.add(balance, owed)? {
                    return Ok(Some(k));
                }
                if paid >= balance {
                    // Its principal repaid within the grace, the plan would end with a last
                    // instalment above the others, paying the interest deferred.
                    return Err(Error::Unsupported {
                        reason: "these instalments repay the principal within the \
                                 deferred-interest grace, before the interest it defers: ask for \
                                 fewer deferred periods or smaller instalments",
                    });
                }
                deferred = owed;
                zero
            } else {
                deferred = zero;
                owed
            }
        };
        if k <= ctx.grace {
            // Interest only: the balance stays.
            continue;
        }
        let due = l.add(balance, interest)?;
        if paid >= due {
            return Ok(Some(k));
        }
        if paid <= interest {
            return Err(Error::BelowPeriodicInterest {
                amount,
                interest: l.money(interest)?,
            });
        }
        balance = l.sub(due, paid)?;
    }
    Ok(None)
}

/// The balance after the instalments of a stepped plan's stages, each paying its period's interest
/// first, as the rows do: refused where one does not exceed that interest (the debt would never be
/// repaid) or pays all that is due (nothing would be left to the plan's sizing). The amount
/// financed for a plan without stages.
fn balance_after_stages<L: Ledger>(ctx: &Context<'_>, l: &L) -> Result<L::Amount> {
    let mut balance = l.amount(ctx.financed);
    for stage in &ctx.req.stages {
        let amount = l.amount(stage.amount());
        for _ in 0..stage.count() {
            let interest = l.interest_on(balance)?;
            let due = l.add(balance, interest)?;
            if amount >= due {
                return Err(stages::repay_everything());
            }
            if amount <= interest {
                return Err(Error::BelowPeriodicInterest {
                    amount: stage.amount(),
                    interest: l.money(interest)?,
                });
            }
            balance = l.sub(due, amount)?;
        }
    }
    Ok(balance)
}

/// Instalments of `amount` (a given amount, or the capacity on the step) and a last smaller one.
fn by_amount(ctx: &Context<'_>, amount: Money, shown: Option<Money>) -> Result<Fitted> {
    let Some(n) = count_for_amount(ctx, amount)? else {
        return Err(Error::CapacityTooLow {
            amount: shown.unwrap_or(amount),
            total: ctx.financed,
            limit: ctx.limit_text(),
            needed: needed_per_period(ctx)?,
        });
    };
    match build_rows(ctx, n, shape_for(ctx, amount))? {
        Built::Rows(rows, sums) => Ok(Fitted {
            rows,
            sums,
            regular: amount,
            regular_rounding: ctx.rounding,
            shape: None,
        }),
        // count_for_amount found the last row to be the first that `amount` covers.
        Built::PaidOffEarly => Err(Error::Unsplittable {
            total: ctx.financed,
            count: n,
            step: ctx.step,
        }),
        Built::NotAmortizing { interest } => Err(Error::BelowPeriodicInterest { amount, interest }),
    }
}

/// The smallest amount per period, on the step, that repays the balance within the limit.
fn needed_per_period(ctx: &Context<'_>) -> Result<Money> {
    let n = ctx.max_count;
    if let Interest::EqualPrincipal(_) = ctx.req.interest {
        return equal_principal_needed(ctx);
    }
    let mut amount = regular_amount(ctx, n, Rounding::Up, &mut None)?;
    for _ in 0..SEARCH_STEPS {
        if count_for_amount(ctx, amount)?.is_some() {
            break;
        }
        amount = amount.checked_add(ctx.step)?;
    }
    Ok(amount)
}

fn by_capacity(
    ctx: &Context<'_>,
    capacity: Money,
    usable: Money,
    shape: CapacityShape,
) -> Result<Fitted> {
    if let Interest::EqualPrincipal(_) = ctx.req.interest {
        return equal_principal_by_capacity(ctx, capacity, usable);
    }
    let full = by_amount(ctx, usable, Some(capacity))?;
    let full = Fitted {
        shape: Some(CapacityShape::FullCapacity),
        regular_rounding: Rounding::Down,
        ..full
    };
    if shape == CapacityShape::FullCapacity || full.rows.len() <= 1 {
        return Ok(Fitted {
            shape: Some(shape),
            ..full
        });
    }
    let n = full.count()?;
    match by_count(ctx, n, Rounding::Up) {
        Ok(level)
            if level.max_amount().is_some_and(|m| m <= usable)
                && remainder_within_regular(ctx, &level) =>
        {
            Ok(Fitted {
                shape: Some(CapacityShape::Level),
                ..level
            })
        }
        Ok(_) | Err(Error::Unsplittable { .. }) => Ok(full),
        Err(e) => Err(e),
    }
}

/// Whether a level plan keeps the shape's promise: its remainder instalment (the last, or the first
/// with [`Remainder::First`]) is no larger than the regular one. Interest rounded row by row can
/// push it a few minor units above; the full-capacity shape is taken then.
fn remainder_within_regular(ctx: &Context<'_>, level: &Fitted) -> bool {
    let remainder = match ctx.req.remainder {
        Remainder::First => level.rows.first(),
        _ => level.rows.last(),
    };
    remainder.is_some_and(|row| row.amount() <= level.regular)
}

/// The fewest equal-principal instalments whose largest (the first, usually) fits the capacity.
fn equal_principal_by_capacity(
    ctx: &Context<'_>,
    capacity: Money,
    usable: Money,
) -> Result<Fitted> {
    let first_interest = ctx.interest_on(ctx.financed)?;
    if usable <= first_interest {
        return Err(Error::BelowPeriodicInterest {
            amount: capacity,
            interest: first_interest,
        });
    }
    let fits = |n: u32| -> Result<Option<Fitted>> {
        match by_count(ctx, n, ctx.rounding) {
            Ok(sized) if sized.max_amount().is_some_and(|m| m <= usable) => Ok(Some(sized)),
            Ok(_) | Err(Error::Unsplittable { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    };
    let too_low = || -> Result<Error> {
        Ok(Error::CapacityTooLow {
            amount: capacity,
            total: ctx.financed,
            limit: ctx.limit_text(),
            needed: equal_principal_needed(ctx)?,
        })
    };
    // The first instalment is about P/n + P·r, so n ≥ P / (capacity − P·r).
    let estimate = ctx
        .financed
        .amount()
        .checked_div(usable.checked_sub(first_interest)?.amount())
        .and_then(|q| q.ceil().to_u32())
        .unwrap_or(u32::MAX)
        .max(1);
    if estimate > ctx.max_count {
        return Err(too_low()?);
    }
    // Every count up to the limit may be tried: with a coarse step the rounded principal parts
    // leave a large remainder instalment until the count is well past the estimate (1,500.00 at
    // 6 % in steps of 5.00 within 15.00: the estimate is 200, the first count that fits 299).
    let mut n = estimate;
    let mut found = None;
    while n <= ctx.max_count {
        if let Some(sized) = fits(n)? {
            found = Some(sized);
            break;
        }
        n = n.saturating_add(1);
    }
    let Some(mut best) = found else {
        return Err(too_low()?);
    };
    // Rounding may let one instalment fewer fit after all.
    while n > 1 {
        let fewer = n.saturating_sub(1);
        match fits(fewer)? {
            Some(sized) => {
                best = sized;
                n = fewer;
            }
            None => break,
        }
    }
    // Equal-principal instalments decline by nature: neither capacity shape describes them.
    Ok(Fitted {
        shape: None,
        ..best
    })
}

/// What an equal-principal plan needs per period at the longest it may run: the largest
/// instalment of the longest plan within the limits that can be split into non-zero instalments
/// (a step coarser than the principal parts makes the very longest ones impossible).
///
/// # Errors
///
/// [`Error::Unsplittable`] for a single instalment when no count within the limits can be split on
/// the step: the step, not the capacity, is what stands in the way.
fn equal_principal_needed(ctx: &Context<'_>) -> Result<Money> {
    let mut n = ctx.max_count;
    loop {
        match by_count(ctx, n, ctx.rounding) {
            Ok(sized) => return sized.max_amount().ok_or(Error::EmptyDebt),
            Err(Error::Unsplittable { .. }) if n > 1 => n = n.saturating_sub(1),
            Err(e) => return Err(e),
        }
    }
}

fn check_minimum(ctx: &Context<'_>, sized: &Fitted) -> Result<()> {
    let Some(minimum) = ctx.req.minimum_instalment else {
        return Ok(());
    };
    let remainder_index = match ctx.req.remainder {
        Remainder::First => 0,
        Remainder::Last => sized.rows.len().saturating_sub(1),
    };
    let too_small = sized
        .rows
        .iter()
        .enumerate()
        // Grace instalments (interest only) and the stages' are not regular ones.
        .filter(|(i, _)| {
            *i != remainder_index
                && !u32::try_from(*i).is_ok_and(|i| i < ctx.grace || i < ctx.staged)
        })
        .map(|(_, row)| row.amount())
        .find(|amount| *amount < minimum);
    match too_small {
        Some(amount) => Err(Error::BelowMinimumInstalment { amount, minimum }),
        None => Ok(()),
    }
}

/// Gives the rows their unadjusted due dates, if each is in range and after the one before (and
/// after the down payment); false otherwise, and then the checked dating reports the error.
fn date_quickly(ctx: &Context<'_>, rows: &mut [Row]) -> bool {
    let mut dates = ctx.dates.cursor();
    let Some((first, rest)) = rows.split_first_mut() else {
        return true;
    };
    // Before every date when there is no down payment (a first date of `NaiveDate::MIN` is left
    // to the checked dating). The dates after the first one increase by construction.
    let after = ctx.down.map_or(NaiveDate::MIN, |down| down.date);
    match dates.next_date() {
        Some(date) if date > after => first.due_date = date,
        _ => return false,
    }
    dates.fill(rest.iter_mut().map(|row| &mut row.due_date))
}

fn assemble(ctx: &Context<'_>, sized: Fitted) -> Result<Schedule> {
    let count = sized.count()?;
    let remainder_row = match ctx.req.remainder {
        Remainder::First => sized.rows.first(),
        Remainder::Last => sized.rows.last(),
    };
    // One instalment is the regular one: whatever asked for more (a capacity or an amount above
    // what is owed) is not what it pays.
    let regular = match (count, remainder_row) {
        (1, Some(row)) => remainder_part(ctx, row)?,
        _ => sized.regular,
    };
    let changes = applied_changes(ctx, &sized.rows, count)?;
    // After rate changes, the remainder is compared with the last recomputed instalment.
    let last_regular = changes
        .iter()
        .rev()
        .find_map(|c| c.instalment)
        .unwrap_or(regular);
    let remainder_amount = match remainder_row {
        Some(row) if count > 1 => Some(remainder_part(ctx, row)?).filter(|m| *m != last_regular),
        _ => None,
    };
    let interest_terms = interest_terms(ctx, changes, sized.rows.first())?;
    let mut instalments = sized.rows;
    // The fast path dates the rows quickly when no business-day rule moves the dates; the
    // reference always takes the checked way, so the property tests compare the two.
    let quickly = ctx.arithmetic == Arithmetic::Fastest
        && ctx.req.business_days == BusinessDayRule::Unadjusted;
    if !(quickly && date_quickly(ctx, &mut instalments)) {
        let mut previous = ctx.down.map(|down| down.date);
        let mut dates = ctx.dates.cursor();
        for (k, row) in (0u32..).zip(instalments.iter_mut()) {
            let due_date = ctx.adjusted(k, dates.next_date(), previous)?;
            previous = Some(due_date);
            row.due_date = due_date;
        }
    }
    if let Some(down) = ctx.down {
        let down_payment = Instalment {
            number: 0,
            kind: InstalmentKind::DownPayment,
            due_date: down.date,
            parts: Parts::Money {
                amount: down.amount,
                principal: down.amount.checked_sub(down.fees)?,
                interest: Money::zero(ctx.currency),
                fees: down.fees,
                balance_after: ctx.financed,
            },
        };
        instalments.insert(0, down_payment);
    }
    // The integer sums of the rows, plus the down payment's parts, are the sums `Totals::of`
    // finds: every part is a non-negative amount far below 2^96 (the rows' parts below 10^18, the
    // down payment checked), so the order does not matter.
    let totals = match (ctx.arithmetic, sized.sums, ctx.down) {
        (Arithmetic::Fastest, Some(sums), None) => sums,
        (Arithmetic::Fastest, Some(sums), Some(down))
            if down.amount.minor_i128().is_some_and(|m| m < 1 << 80) =>
        {
            Totals {
                amount: sums.amount.checked_add(down.amount)?,
                principal: sums
                    .principal
                    .checked_add(down.amount.checked_sub(down.fees)?)?,
                interest: sums.interest,
                fees: sums.fees.checked_add(down.fees)?,
            }
        }
        (Arithmetic::Fastest, _, _) => Totals::of(ctx.currency, &instalments)?,
        (Arithmetic::DecimalOnly, _, _) => Totals::of_decimal(ctx.currency, &instalments)?,
    };
    // Built in place, after the last `?`: a derivation made earlier is copied on its way out.
    Ok(Schedule::from_parts(
        ctx.currency,
        instalments,
        totals,
        Derivation {
            total_due: ctx.total_due,
            down_payment: ctx.down.map(|d| d.amount),
            financed: ctx.financed,
            frequency: ctx.req.frequency,
            interest: ctx.req.interest,
            sizing: ctx.req.sizing,
            shape: sized.shape,
            count,
            regular_amount: regular,
            regular_rounding: sized.regular_rounding,
            step: ctx.step,
            remainder: ctx.req.remainder,
            remainder_amount,
            limit: match ctx.limit {
                Limit::Hard => None,
                _ => Some(ctx.max_count),
            },
            day_of_month: ctx.req.day_of_month,
            timing: ctx.req.timing,
            interest_method: ctx.req.interest_method,
            balancing: ctx.req.balancing,
            down_payment_rounding: ctx
                .req
                .down_payment
                .map(|d| d.rounding_rule())
                .unwrap_or_default(),
            balloon: ctx.balloon,
            principal_grace: ctx.grace,
            interest_free_grace: ctx.interest_grace.free,
            deferred_interest_grace: ctx.interest_grace.deferred,
            stages: ctx.req.stages.clone(),
            interest_terms,
        },
    ))
}

/// The rate changes as the rows of `count` instalments applied them.
fn applied_changes(ctx: &Context<'_>, rows: &[Row], count: u32) -> Result<Vec<AppliedRateChange>> {
    let mut applied = Vec::with_capacity(ctx.change_rows.len());
    for (change, &row) in ctx.req.rate_changes.iter().zip(&ctx.change_rows) {
        // The balance the instalment is recomputed on: after the instalment before the change.
        let before = usize::try_from(row.saturating_sub(2))
            .ok()
            .and_then(|i| rows.get(i))
            .map_or(ctx.financed, Instalment::balance_after);
        applied.push(AppliedRateChange {
            date: change.date(),
            rate: change.rate(),
            first_instalment: row,
            period_start: ctx.period(row)?.start,
            instalment: ctx.reset_amount(row, count, before)?,
        });
    }
    Ok(applied)
}

/// What the derivation says of interest on actual days, a broken first period and rate changes;
/// `None` for a plan with none of them.
fn interest_terms(
    ctx: &Context<'_>,
    rate_changes: Vec<AppliedRateChange>,
    first_row: Option<&Row>,
) -> Result<Option<Box<InterestTerms>>> {
    let req = ctx.req;
    if req.interest_basis == InterestBasis::Periodic && rate_changes.is_empty() {
        return Ok(None);
    }
    let first_period = match ctx.periods.as_deref().and_then(<[Period]>::first) {
        Some(Period {
            start,
            end,
            rate: days::RowRate::Days(_, fraction),
        }) => Some((*start, *end, *fraction)),
        _ => None,
    };
    Ok(Some(Box::new(InterestTerms {
        basis: req.interest_basis,
        interest_from: req.interest_from,
        broken_period: req.broken_period,
        first_period,
        // The first instalment of an annuity differs from the others when it takes the broken
        // period's interest.
        first_instalment: first_row
            .filter(|_| ctx.broken_first && ctx.grace == 0)
            .filter(|_| matches!(req.interest, Interest::Annuity(_)))
            .map(Instalment::amount),
        rate_changes,
    })))
}
