//! The figures beside the rounded schedule: what was repaid between two instalments (what
//! spreadsheets call `CUMPRINC` and `CUMIPMT`), on the rounded schedule and on the exact one, and
//! the exact (unrounded) instalment and total interest, so that a tool can show both.
//!
//! The exact schedule is the one the formulas give before any rounding: for an annuity, the level
//! instalment `A = P·r / (1 − (1 + r)^−n)` (divided by `1 + r` when instalments are paid at the
//! start of each period) and the balance after `k` instalments `P·(1 + r)^k − A·((1 + r)^k − 1)/r`;
//! for equal principal parts, `P/n` a period and the interest of the balance; for flat interest,
//! `P/n` and an even share of `P × rate × term`. Its figures are `Decimal`s to 28 significant
//! digits, not amounts of money: they are never rounded and never stored in a schedule.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::schedule::days::{regular_rate, InterestBasis};
use crate::schedule::derivation::Derivation;
use crate::schedule::generate::{amortized, annuity_payment, checked_pow};
use crate::schedule::grace::InterestGrace;
use crate::schedule::request::{InstalmentTiming, Interest, InterestMethod};
use crate::schedule::stages;
use crate::schedule::{Schedule, Totals};

/// Principal and interest of instalments of the exact (unrounded) schedule, as
/// [`Derivation::exact_between`] gives them.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// // =CUMPRINC(9%/12, 360, 125000, 13, 24, 0) = -934.1071234, =CUMIPMT(…) = -11,135.23213
/// let debt = Debt::single(Claim::new("HOME", "125000.00 USD".parse()?)?);
/// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(360))
///     .interest(Interest::Annuity("9%".parse()?))
///     .generate()?;
/// let year_2 = plan.derivation().exact_between(13, 24)?;
/// assert_eq!(year_2.principal().round_dp(7).to_string(), "934.1071234");
/// assert_eq!(year_2.interest().round_dp(5).to_string(), "11135.23213");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExactTotals {
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    principal: Decimal,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    interest: Decimal,
}

impl ExactTotals {
    /// The principal (and fees) repaid.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert_eq!(plan.derivation().exact_between(1, 3)?.principal().to_string(), "100.00");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn principal(&self) -> Decimal {
        self.principal
    }

    /// The interest paid.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// assert!(plan.derivation().exact_between(1, 3)?.interest().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest(&self) -> Decimal {
        self.interest
    }

    /// Principal and interest together: what the instalments paid.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] beyond `Decimal`'s range.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(4)).generate()?;
    /// assert_eq!(plan.derivation().exact_between(2, 3)?.amount()?.to_string(), "50.00");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(&self) -> Result<Decimal> {
        self.principal
            .checked_add(self.interest)
            .ok_or_else(overflow)
    }
}

fn overflow() -> Error {
    Error::Overflow {
        operation: "computing the exact schedule",
    }
}

/// How the exact schedule repays: its regular instalment and the balance after each instalment.
enum Model {
    /// Level instalments `a` at the periodic rate `r`; `start` when paid at the start of periods.
    Annuity { a: Decimal, r: Decimal, start: bool },
    /// Equal principal parts, the interest of the balance at `r` (none on the first when `start`).
    EqualPrincipal { r: Decimal, start: bool },
    /// Equal principal parts and an even share of the flat interest `total`.
    Flat { total: Decimal },
    /// Equal principal parts, no interest.
    NoInterest,
}

impl Derivation {
    fn model(&self) -> Result<Model> {
        let rate = self.interest.rate().filter(|r| !r.is_zero());
        let start = self.timing == InstalmentTiming::Start;
        let Some(annual) = rate else {
            return Ok(Model::NoInterest);
        };
        if matches!(self.interest_basis(), InterestBasis::ActualDays(_))
            || !self.rate_changes().is_empty()
        {
            return Err(Error::Unsupported {
                reason: "the exact schedule is computed for a fixed fraction of one rate per \
                         period, not for interest on actual days or rates that change",
            });
        }
        let periodic = regular_rate(annual, self.frequency, self.interest_basis());
        let r = periodic.to_decimal();
        if self.interest_method == InterestMethod::Flat {
            let (numerator, denominator) = periodic.year_fraction();
            let periods = u64::from(numerator)
                .checked_mul(u64::from(self.count))
                .ok_or_else(overflow)?;
            let total = self
                .financed
                .amount()
                .checked_mul(annual.fraction())
                .and_then(|x| x.checked_mul(Decimal::from(periods)))
                .and_then(|x| x.checked_div(Decimal::from(denominator)))
                .ok_or_else(overflow)?;
            return Ok(Model::Flat { total });
        }
        match self.interest {
            Interest::EqualPrincipal(_) => Ok(Model::EqualPrincipal { r, start }),
            _ if !self.interest_grace().is_none() => {
                let a = self.interest_grace().level_amount(
                    self.financed.amount(),
                    self.balloon.map(|b| b.amount()),
                    r,
                    self.count,
                )?;
                Ok(Model::Annuity { a, r, start })
            }
            _ => {
                let end = annuity_payment(self.amortized(Some(r))?, r, self.amortising())?;
                let a = if start {
                    Decimal::ONE
                        .checked_add(r)
                        .and_then(|g| end.checked_div(g))
                        .ok_or_else(overflow)?
                } else {
                    end
                };
                Ok(Model::Annuity { a, r, start })
            }
        }
    }

    /// What the regular instalments amortise: the amount financed less the balloon's value (see
    /// `generate::amortized`), at the periodic rate `r` when interest is on the declining balance.
    fn amortized(&self, r: Option<Decimal>) -> Result<Decimal> {
        amortized(
            self.start_balance()?,
            self.balloon.map(|b| b.amount()),
            r,
            self.amortising(),
            self.timing == InstalmentTiming::Start,
        )
    }

    /// The interest-free and deferred-interest periods.
    fn interest_grace(&self) -> InterestGrace {
        InterestGrace {
            free: self.interest_free_grace,
            deferred: self.deferred_interest_grace,
        }
        .within(self.count)
    }

    /// The instalments that repay principal at the regular amount: those after the grace or the
    /// stages.
    fn amortising(&self) -> u32 {
        self.count
            .saturating_sub(self.principal_grace)
            .saturating_sub(self.staged())
    }

    /// The periodic rate on the declining balance, if any.
    fn declining_rate(&self) -> Option<Decimal> {
        match self.interest_method {
            InterestMethod::Flat => None,
            InterestMethod::DecliningBalance => self
                .interest
                .rate()
                .filter(|r| !r.is_zero())
                .map(|r| r.periodic(self.frequency).to_decimal()),
        }
    }

    /// What the regular instalments start from: the amount financed, or for a stepped plan the
    /// exact balance after the stages.
    fn start_balance(&self) -> Result<Decimal> {
        let staged = self.staged();
        if staged == 0 {
            return Ok(self.financed.amount());
        }
        stages::exact_balance(
            &self.stages,
            self.financed.amount(),
            self.declining_rate(),
            staged,
        )
    }

    /// The principal part of one instalment when the principal is repaid in equal parts (the
    /// balloon aside).
    fn equal_part(&self) -> Result<Decimal> {
        self.amortized(None)?
            .checked_div(Decimal::from(self.amortising()))
            .ok_or_else(overflow)
    }

    /// The balance of the exact schedule after `k` instalments (`k ≤ count`): zero after the last
    /// one, which pays the balloon too.
    fn exact_balance(&self, model: &Model, k: u32) -> Result<Decimal> {
        let p = self.financed.amount();
        if k >= self.count {
            return Ok(Decimal::ZERO);
        }
        // Grace instalments pay interest only: the balance stays until they are over.
        let k = match k.checked_sub(self.principal_grace) {
            None | Some(0) => return Ok(p),
            Some(k) => k,
        };
        // The stages' instalments pay their amounts; the regular ones start from what they leave.
        let staged = self.staged();
        let (p, k) = if staged == 0 {
            (p, k)
        } else if k <= staged {
            return stages::exact_balance(&self.stages, p, self.declining_rate(), k);
        } else {
            (self.start_balance()?, k.saturating_sub(staged))
        };
        match *model {
            Model::Annuity { a, r, .. } if !self.interest_grace().is_none() => {
                self.interest_grace().exact_balance(p, a, r, k)
            }
            Model::Annuity { a, r, start } => {
                // Paid at the start, the first instalment repays `a` at once and the rest is an
                // ordinary annuity on what is left, one period shorter.
                let (base, periods) = match (start, k) {
                    (_, 0) => return Ok(p),
                    (true, k) => (p.checked_sub(a).ok_or_else(overflow)?, k.saturating_sub(1)),
                    (false, k) => (p, k),
                };
                let growth =
                    checked_pow(Decimal::ONE.checked_add(r).ok_or_else(overflow)?, periods)
                        .ok_or_else(overflow)?;
                let grown = base.checked_mul(growth).ok_or_else(overflow)?;
                let paid = growth
                    .checked_sub(Decimal::ONE)
                    .and_then(|x| x.checked_div(r))
                    .and_then(|x| x.checked_mul(a))
                    .ok_or_else(overflow)?;
                grown.checked_sub(paid).ok_or_else(overflow)
            }
            Model::EqualPrincipal { .. } | Model::Flat { .. } | Model::NoInterest => self
                .equal_part()?
                .checked_mul(Decimal::from(k))
                .and_then(|repaid| p.checked_sub(repaid))
                .ok_or_else(overflow),
        }
    }

    /// The regular instalment of the exact schedule, before any rounding: the annuity (divided by
    /// `1 + r` when paid at the start of each period), the level instalment, the flat one, or for
    /// an equal-principal plan the principal part. [`Derivation::regular_amount`] is this amount
    /// rounded to the step.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] beyond `Decimal`'s range.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "10000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(36))
    ///     .interest(Interest::Annuity("5%".parse()?))
    ///     .generate()?;
    /// assert_eq!(plan.derivation().exact_instalment()?.round_dp(6).to_string(), "299.708971");
    /// assert_eq!(plan.derivation().regular_amount().to_string(), "299.71 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn exact_instalment(&self) -> Result<Decimal> {
        match self.model()? {
            Model::Annuity { a, .. } => Ok(a),
            Model::Flat { total } => self
                .amortized(None)?
                .checked_add(total)
                .and_then(|due| due.checked_div(Decimal::from(self.count)))
                .ok_or_else(overflow),
            Model::EqualPrincipal { .. } | Model::NoInterest => self.equal_part(),
        }
    }

    /// The total interest of the exact schedule, before any rounding; the schedule's
    /// [`Totals::interest`] is the rounded one.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] beyond `Decimal`'s range.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("L", "10000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(36))
    ///     .interest(Interest::Annuity("5%".parse()?))
    ///     .generate()?;
    /// assert_eq!(plan.derivation().exact_interest()?.round_dp(4).to_string(), "789.5230");
    /// assert_eq!(plan.totals().interest().to_string(), "789.54 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn exact_interest(&self) -> Result<Decimal> {
        Ok(self.exact_between(1, self.count)?.interest)
    }

    /// The principal and interest that instalments `first` to `last` (both included, numbered
    /// from 1) repay in the exact schedule: spreadsheets' `CUMPRINC` and `CUMIPMT` (with the signs
    /// of a lender). The rounded schedule's are [`Schedule::totals_between`].
    ///
    /// # Errors
    ///
    /// [`Error::InstalmentRange`] unless `1 ≤ first ≤ last ≤ count`; [`Error::Overflow`] beyond
    /// `Decimal`'s range; [`Error::Unsupported`] for a plan with interest on actual days or rate
    /// changes, whose exact schedule has no closed form here.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// // =CUMIPMT(9%/12, 360, 125000, 1, 1, 0) = -937.50, =CUMPRINC(…, 1, 1, 0) = -68.27827118
    /// let debt = Debt::single(Claim::new("HOME", "125000.00 USD".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(360))
    ///     .interest(Interest::Annuity("9%".parse()?))
    ///     .generate()?;
    /// let first = plan.derivation().exact_between(1, 1)?;
    /// assert_eq!(first.interest().round_dp(8).to_string(), "937.50000000");
    /// assert_eq!(first.principal().round_dp(8).to_string(), "68.27827118");
    /// assert!(plan.derivation().exact_between(2, 1).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn exact_between(&self, first: u32, last: u32) -> Result<ExactTotals> {
        if first == 0 || first > last || last > self.count {
            return Err(Error::InstalmentRange {
                first,
                last,
                lowest: 1,
                highest: self.count,
            });
        }
        let model = self.model()?;
        let before = self.exact_balance(&model, first.saturating_sub(1))?;
        let after = self.exact_balance(&model, last)?;
        let principal = before.checked_sub(after).ok_or_else(overflow)?;
        // How many instalments, and the sum of the balances they pay interest on.
        let count = Decimal::from(last.saturating_sub(first).saturating_add(1));
        // The last instalment pays the balloon beside the regular amount.
        let balloon = match (self.balloon, last == self.count) {
            (Some(b), true) => b.amount(),
            _ => Decimal::ZERO,
        };
        // Grace instalments in the range, each paying the interest of the whole amount.
        let grace_rows = self
            .principal_grace
            .min(last)
            .saturating_sub(first.saturating_sub(1));
        // The stages' instalments in the range pay their own amounts, not the regular one.
        let mut stage_rows: u32 = 0;
        let mut stage_paid = Decimal::ZERO;
        for k in first..=last.min(self.staged()) {
            if let Some(amount) = stages::amount_of(&self.stages, k) {
                stage_rows = stage_rows.saturating_add(1);
                stage_paid = stage_paid
                    .checked_add(amount.amount())
                    .ok_or_else(overflow)?;
            }
        }
        let interest = match model {
            Model::Annuity { a, r, .. } => {
                let grace_interest = self
                    .financed
                    .amount()
                    .checked_mul(r)
                    .and_then(|x| x.checked_mul(Decimal::from(grace_rows)))
                    .ok_or_else(overflow)?;
                a.checked_mul(
                    count
                        .checked_sub(Decimal::from(grace_rows))
                        .and_then(|c| c.checked_sub(Decimal::from(stage_rows)))
                        .ok_or_else(overflow)?,
                )
                .and_then(|paid| paid.checked_add(grace_interest))
                .and_then(|paid| paid.checked_add(stage_paid))
                .and_then(|paid| paid.checked_add(balloon))
                .and_then(|paid| paid.checked_sub(principal))
                .ok_or_else(overflow)?
            }
            Model::NoInterest => Decimal::ZERO,
            Model::Flat { total } => total
                .checked_mul(count)
                .and_then(|x| x.checked_div(Decimal::from(self.count)))
                .ok_or_else(overflow)?,
            Model::EqualPrincipal { r, start } => {
                // Instalment k pays the interest of the balance after k − 1 instalments, but the
                // first one nothing when it is paid at the start of its period.
                // With an interest grace, instalment k pays nothing in its interest-free or
                // deferred periods, and the first after a deferral pays what it deferred.
                let grace = self.interest_grace();
                let mut deferred = Decimal::ZERO;
                let mut sum = Decimal::ZERO;
                let from = if grace.is_none() { first } else { 1 };
                for k in from..=last {
                    if start && k == 1 {
                        continue;
                    }
                    let accrued = if grace.accrues(k) {
                        let balance = self.exact_balance(&model, k.saturating_sub(1))?;
                        balance.checked_mul(r).ok_or_else(overflow)?
                    } else {
                        Decimal::ZERO
                    };
                    let paid = if grace.defers(k) {
                        deferred = deferred.checked_add(accrued).ok_or_else(overflow)?;
                        Decimal::ZERO
                    } else if grace.pays_deferred(k) {
                        accrued.checked_add(deferred).ok_or_else(overflow)?
                    } else {
                        accrued
                    };
                    if k >= first {
                        sum = sum.checked_add(paid).ok_or_else(overflow)?;
                    }
                }
                sum
            }
        };
        Ok(ExactTotals {
            principal,
            interest,
        })
    }
}

impl Schedule {
    /// The totals of instalments `first` to `last` (both included, as numbered in the schedule: 0
    /// for a down payment, then from 1): what the rounded schedule repays between them, the
    /// spreadsheets' `CUMPRINC` (here [`Totals::principal`] and [`Totals::fees`]) and `CUMIPMT`
    /// ([`Totals::interest`]) to the minor unit. The exact schedule's are
    /// [`Derivation::exact_between`].
    ///
    /// # Errors
    ///
    /// [`Error::InstalmentRange`] unless `first ≤ last` and both are numbers of the schedule's
    /// instalments.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("HOME", "125000.00 USD".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), Frequency::MONTHLY, Sizing::Count(360))
    ///     .interest(Interest::Annuity("9%".parse()?))
    ///     .generate()?;
    /// let year_2 = plan.totals_between(13, 24)?;
    /// assert_eq!(year_2.principal().to_string(), "934.15 USD"); // exact: 934.1071234
    /// assert_eq!(year_2.interest().to_string(), "11135.21 USD"); // exact: 11,135.23213
    /// assert_eq!(year_2.amount().to_string(), "12069.36 USD"); // 12 × 1,005.78
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn totals_between(&self, first: u32, last: u32) -> Result<Totals> {
        let lowest = self.instalments.first().map_or(1, |i| i.number());
        let highest = self.instalments.last().map_or(0, |i| i.number());
        if first < lowest || first > last || last > highest {
            return Err(Error::InstalmentRange {
                first,
                last,
                lowest,
                highest,
            });
        }
        // Numbers follow positions: the down payment (0) first, if any, then 1, 2, …
        let offset = lowest;
        let from = usize::try_from(first.saturating_sub(offset)).unwrap_or(usize::MAX);
        let to = usize::try_from(last.saturating_sub(offset)).unwrap_or(usize::MAX);
        let rows = self
            .instalments
            .get(from..=to)
            .ok_or(Error::InstalmentRange {
                first,
                last,
                lowest,
                highest,
            })?;
        Totals::of(self.currency, rows)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    use crate::debt::{Claim, Debt};
    use crate::frequency::Frequency;
    use crate::schedule::request::{Interest, PlanRequest, Sizing};

    /// A plan of `count` monthly instalments from 31 January 2027 for a claim of `amount`.
    fn monthly(reference: &str, amount: &str, count: u32) -> PlanRequest {
        let debt = Debt::single(Claim::new(reference, amount.parse().unwrap()).unwrap());
        let start = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
        PlanRequest::new(debt, start, Frequency::MONTHLY, Sizing::Count(count))
    }

    #[test]
    fn instalments_between_two_numbers_paid_their_principal_and_interest() {
        // 125,000 at 9 % over 360 months: the level instalment is 1,005.7782711809…, so the
        // second year's twelve paid 12,069.3392541717… (computed apart, to 40 digits); the
        // spreadsheet's CUMPRINC and CUMIPMT give 934.1071234 and 11,135.23213 of it.
        let plan = monthly("HOME", "125000.00 USD", 360)
            .interest(Interest::Annuity("9%".parse().unwrap()))
            .generate()
            .unwrap();
        let year_2 = plan.derivation().exact_between(13, 24).unwrap();
        assert_eq!(
            year_2.amount().unwrap().round_dp(10).to_string(),
            "12069.3392541717"
        );
    }

    #[test]
    fn a_stepped_plan_s_exact_figures_start_from_what_its_stages_leave() {
        // 10,000 at 12 % a year (1 % a month): two stage instalments of 200.00 each pay their
        // month's interest first (100.00, then 99.00) and leave 10,000 × 1.01 − 200 = 9,900, then
        // 9,900 × 1.01 − 200 = 9,799, which ten level instalments repay.
        let plan = monthly("L", "10000.00 EUR", 12)
            .interest(Interest::Annuity("12%".parse().unwrap()))
            .stages([crate::schedule::Stage::new(
                2,
                "200.00 EUR".parse().unwrap(),
            )])
            .generate()
            .unwrap();
        let why = plan.derivation();
        let stages = why.exact_between(1, 2).unwrap();
        assert_eq!(stages.principal().round_dp(20), Decimal::from(201));
        assert_eq!(stages.interest().round_dp(20), Decimal::from(199));
        let first = why.exact_between(1, 1).unwrap();
        assert_eq!(first.principal().round_dp(20), Decimal::from(100));
        let regular = why.exact_between(3, 12).unwrap();
        assert_eq!(regular.principal().round_dp(20), Decimal::from(9799));
        // The third instalment's interest: 1 % of 9,799.
        let third = why.exact_between(3, 3).unwrap();
        assert_eq!(third.interest().round_dp(20), Decimal::new(9799, 2));
    }

    #[test]
    fn an_interest_free_grace_repays_level_instalments_of_principal_only() {
        // 1,200 at 12 % in 12 monthly level instalments, the first 2 free of interest: those two
        // repay only principal, the instalment each; the plan repays the 1,200.
        let plan = monthly("L", "1200.00 EUR", 12)
            .interest(Interest::Annuity("12%".parse().unwrap()))
            .interest_free_grace(2)
            .generate()
            .unwrap();
        let why = plan.derivation();
        let a = why.exact_instalment().unwrap();
        let grace = why.exact_between(1, 2).unwrap();
        assert_eq!(grace.interest().round_dp(20), Decimal::ZERO);
        assert_eq!(
            grace.principal().round_dp(20),
            (a * Decimal::TWO).round_dp(20)
        );
        // The third pays the month's interest on what the grace left: 1 % of 1,200 − 2a.
        let third = why.exact_between(3, 3).unwrap();
        let left = Decimal::from(1200) - a * Decimal::TWO;
        assert_eq!(
            third.interest().round_dp(18),
            (left / Decimal::ONE_HUNDRED).round_dp(18)
        );
        let all = why.exact_between(1, 12).unwrap();
        assert_eq!(all.principal().round_dp(18), Decimal::from(1200));
    }

    /// 1,200 at 12 % in 12 monthly instalments, the interest of the first 2 deferred, and its rows
    /// (principal, interest) walked one by one: the first two pay no interest, the third pays its
    /// month's and the two deferred months', every later one its own month's, 1 % of the balance
    /// before it. Level instalments repay what their interest leaves of the exact level amount,
    /// equal principal parts 100 each.
    fn two_months_deferred(interest: Interest) -> (crate::Schedule, Vec<(Decimal, Decimal)>) {
        let plan = monthly("L", "1200.00 EUR", 12)
            .interest(interest)
            .deferred_interest_grace(2)
            .generate()
            .unwrap();
        let a = plan.derivation().exact_instalment().ok();
        let (mut balance, mut deferred) = (Decimal::from(1200), Decimal::ZERO);
        let mut rows = Vec::new();
        for k in 1..=12 {
            let accrued = balance / Decimal::ONE_HUNDRED;
            let paid = match k {
                1 | 2 => {
                    deferred += accrued;
                    Decimal::ZERO
                }
                3 => accrued + deferred,
                _ => accrued,
            };
            let principal = match interest {
                Interest::Annuity(_) => a.unwrap() - paid,
                _ => Decimal::ONE_HUNDRED,
            };
            balance -= principal;
            rows.push((principal, paid));
        }
        assert_eq!(balance.round_dp(16), Decimal::ZERO);
        for (first, last) in [(1, 2), (3, 3), (4, 4), (4, 12), (3, 12), (1, 12)] {
            let principal: Decimal = rows[first - 1..last].iter().map(|r| r.0).sum();
            let interest: Decimal = rows[first - 1..last].iter().map(|r| r.1).sum();
            let got = plan
                .derivation()
                .exact_between(first as u32, last as u32)
                .unwrap();
            let range = format!("{first}..={last}");
            assert_eq!(
                got.principal().round_dp(16),
                principal.round_dp(16),
                "{range}"
            );
            assert_eq!(
                got.interest().round_dp(16),
                interest.round_dp(16),
                "{range}"
            );
        }
        (plan, rows)
    }

    #[test]
    fn deferred_interest_is_paid_once_by_the_instalment_after_the_deferral() {
        // 100 of principal a month: the third pays 12 + 11 + 10, the fourth 9.
        let (plan, rows) = two_months_deferred(Interest::EqualPrincipal("12%".parse().unwrap()));
        assert_eq!(rows[2].1, Decimal::from(33));
        assert_eq!(plan.instalments()[2].interest().to_string(), "33.00 EUR");
        assert_eq!(plan.instalments()[3].interest().to_string(), "9.00 EUR");
    }

    #[test]
    fn level_instalments_after_a_deferral_repay_what_it_left_and_deferred() {
        // The first two repay the whole level amount as principal; the third pays 1 % of 1,200
        // and of 1,200 − a beside its own month's interest.
        let (plan, rows) = two_months_deferred(Interest::Annuity("12%".parse().unwrap()));
        let a = plan.derivation().exact_instalment().unwrap();
        assert_eq!(rows[0], (a, Decimal::ZERO));
        let third = Decimal::from(12)
            + (Decimal::from(1200) - a) / Decimal::ONE_HUNDRED
            + (Decimal::from(1200) - a * Decimal::TWO) / Decimal::ONE_HUNDRED;
        assert_eq!(rows[2].1.round_dp(20), third.round_dp(20));
    }

    #[test]
    fn instalments_paid_at_the_start_of_each_period_owe_no_interest_at_first() {
        // 1,000 at 12 % in 12 monthly level instalments paid at the start of each month: the
        // first is paid on the day the plan starts and repays only principal; the second pays 1 %
        // of what the first left.
        let plan = monthly("L", "1000.00 EUR", 12)
            .interest(Interest::Annuity("12%".parse().unwrap()))
            .timing(crate::schedule::request::InstalmentTiming::Start)
            .generate()
            .unwrap();
        let why = plan.derivation();
        let a = why.exact_instalment().unwrap();
        let first = why.exact_between(1, 1).unwrap();
        assert_eq!(first.interest().round_dp(20), Decimal::ZERO);
        assert_eq!(first.principal().round_dp(20), a.round_dp(20));
        let second = why.exact_between(2, 2).unwrap();
        let left = Decimal::from(1000) - a;
        assert_eq!(
            second.interest().round_dp(18),
            (left / Decimal::ONE_HUNDRED).round_dp(18)
        );
    }

    #[test]
    fn only_instalments_of_the_plan_in_order_are_a_range() {
        let plan = monthly("L", "1200.00 EUR", 12).generate().unwrap();
        let why = plan.derivation();
        assert_eq!(
            why.exact_between(1, 12).unwrap().principal(),
            Decimal::from(1200)
        );
        for (first, last) in [(0, 1), (2, 1), (12, 13), (1, 13), (13, 13)] {
            assert!(
                matches!(
                    why.exact_between(first, last),
                    Err(crate::error::Error::InstalmentRange { .. })
                ),
                "{first}..={last}"
            );
        }
    }
}
