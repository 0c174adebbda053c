//! Settlement offers: pay what remains of a plan by a date and get a reduction; the exact payoff
//! figure as of that date and its parts.

use core::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::discount::Reduction;
use crate::error::{Error, Result};
use crate::money::{Currency, Money, Rounding};
use crate::payment::{ChargeKind, Component};
use crate::penalty::PenaltyStatement;
use crate::rate::AnnualRate;
use crate::schedule::{InstalmentKind, Schedule};
use crate::statement::Statement;

/// What part of the amount owed a settlement reduction is a percentage of (or is capped at).
///
/// ```
/// use echeancier::SettlementBase;
///
/// assert_eq!(SettlementBase::default(), SettlementBase::Total);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum SettlementBase {
    /// Everything owed: principal, interest, fees and penalties.
    #[default]
    Total,
    /// The remaining principal only.
    Principal,
    /// The late-payment penalties only (a waiver of penalties in exchange for the payoff).
    Penalties,
}

/// An offer to settle a plan: pay everything owed by `pay_by` and get a [`Reduction`] off.
///
/// [`SettlementOffer::quote`] computes the payoff figure as of `pay_by`:
///
/// - **principal**: the principal of every instalment not yet paid;
/// - **interest**: the scheduled interest of instalments due on or before `pay_by` and not paid, plus
///   the interest accrued in the current period ([`AccruedInterest`]), and no interest of later
///   periods;
/// - **fees**: the fees of every instalment not yet paid;
/// - **penalties**: the late-payment penalties accrued as of `pay_by` and not yet paid, if the
///   statement has a [`PenaltyPolicy`](crate::PenaltyPolicy);
/// - less the credit: what is held for the debtor, and what was paid ahead of time on the interest
///   of instalments not yet due (interest the settlement does not charge);
/// - less the discount: the reduction of the [`SettlementBase`], rounded once, never more than
///   that base, and always less than what is owed.
///
/// What was paid of each part of each instalment is read from a [`Statement`]: its allocation
/// policy decides it (Code civil 1343-1 by default: costs, then interest, then capital), and the
/// penalties already paid are deducted. `payoff + discount = owed`, to the minor unit.
///
/// ```
/// use echeancier::*;
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let debt = Debt::single(Claim::new("L-1", "1200.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12))
///     .interest(Interest::EqualPrincipal("12%".parse()?))
///     .generate()?;
/// // Three instalments paid; pay the rest by 15 April for 10 % off the principal.
/// let payments: Vec<Payment> = plan.instalments()[..3]
///     .iter()
///     .map(|i| Payment::new(format!("P-{}", i.number()), i.due_date(), i.amount()))
///     .collect::<Result<_>>()?;
/// let statement = Statement::new(&plan, &payments, &StatementOptions::default(), d(4, 15))?;
/// let offer = SettlementOffer::new(d(4, 15), Reduction::Percent("10%".parse()?))?
///     .applies_to(SettlementBase::Principal);
/// let quote = offer.quote(&statement)?;
/// assert_eq!(quote.principal().to_string(), "900.00 EUR");
/// // 900.00 × 12 % × 1/12 × 15 days / 30 days = 4.50
/// assert_eq!(quote.accrued_interest().to_string(), "4.50 EUR");
/// assert_eq!(quote.owed().to_string(), "904.50 EUR");
/// assert_eq!(quote.discount().to_string(), "90.00 EUR");
/// assert_eq!(quote.payoff().to_string(), "814.50 EUR");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "SettlementOfferRepr", into = "SettlementOfferRepr")
)]
pub struct SettlementOffer {
    pay_by: NaiveDate,
    reduction: Reduction,
    applies_to: SettlementBase,
    rounding: Rounding,
}

impl SettlementOffer {
    /// `reduction` off everything owed if it is paid by `pay_by`; amounts rounded half-up.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] for a negative fixed amount.
    ///
    /// ```
    /// use echeancier::{Reduction, SettlementOffer};
    /// use chrono::NaiveDate;
    ///
    /// let by = NaiveDate::from_ymd_opt(2027, 4, 15).unwrap();
    /// let offer = SettlementOffer::new(by, Reduction::amount("100.00 EUR".parse()?)?)?;
    /// assert_eq!(offer.pay_by(), by);
    /// assert!(SettlementOffer::new(by, Reduction::Amount("-1.00 EUR".parse()?)).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(pay_by: NaiveDate, reduction: Reduction) -> Result<SettlementOffer> {
        Ok(SettlementOffer {
            pay_by,
            reduction: reduction.checked()?,
            applies_to: SettlementBase::default(),
            rounding: Rounding::default(),
        })
    }

    /// Sets what the reduction applies to (everything owed by default).
    ///
    /// ```
    /// use echeancier::{Reduction, SettlementBase, SettlementOffer};
    /// use chrono::NaiveDate;
    ///
    /// let offer = SettlementOffer::new(NaiveDate::MIN, Reduction::Percent("50%".parse()?))?
    ///     .applies_to(SettlementBase::Penalties);
    /// assert_eq!(offer.base(), SettlementBase::Penalties);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn applies_to(mut self, base: SettlementBase) -> SettlementOffer {
        self.applies_to = base;
        self
    }

    /// Sets how the accrued interest and the discount are rounded (half-up by default).
    ///
    /// ```
    /// use echeancier::{Reduction, Rounding, SettlementOffer};
    /// use chrono::NaiveDate;
    ///
    /// let offer = SettlementOffer::new(NaiveDate::MIN, Reduction::Percent("5%".parse()?))?
    ///     .with_rounding(Rounding::Down);
    /// assert_eq!(offer.rounding(), Rounding::Down);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_rounding(mut self, rounding: Rounding) -> SettlementOffer {
        self.rounding = rounding;
        self
    }

    /// The last day the payoff may be paid.
    ///
    /// See [`SettlementOffer::new`] for an example.
    pub fn pay_by(&self) -> NaiveDate {
        self.pay_by
    }

    /// The reduction.
    ///
    /// ```
    /// use echeancier::{Reduction, SettlementOffer};
    /// use chrono::NaiveDate;
    ///
    /// let r = Reduction::Percent("5%".parse()?);
    /// assert_eq!(SettlementOffer::new(NaiveDate::MIN, r)?.reduction(), r);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reduction(&self) -> Reduction {
        self.reduction
    }

    /// What the reduction applies to.
    ///
    /// See [`SettlementOffer::applies_to`] for an example.
    pub fn base(&self) -> SettlementBase {
        self.applies_to
    }

    /// The rounding of the accrued interest and the discount.
    ///
    /// See [`SettlementOffer::with_rounding`] for an example.
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// The payoff figure as of the offer's date, read from `statement`: the one allocation of
    /// the payments (by the statement's [`AllocationPolicy`](crate::AllocationPolicy)) says what
    /// is still owed of each instalment's fees, interest and principal, and its penalty policy, if
    /// any, what is owed of late-payment penalties (accrued as of the offer's date, less what the
    /// payments already paid of them). A statement made before the offer's date is restated on
    /// it. See [`SettlementOffer`] for what the quote contains.
    ///
    /// # Errors
    ///
    /// [`Error::DateOrder`] if the offer's date comes before the statement's last payment (or
    /// before the statement's own date); [`Error::Unsupported`] for a reduction of the penalties on
    /// a statement without penalties; [`Error::DiscountTooLarge`] if the discount would take all
    /// that is owed; [`Error::CurrencyMismatch`] for a fixed reduction in another currency;
    /// [`Error::Overflow`].
    ///
    /// ```
    /// use echeancier::*;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "3000.00 EUR".parse()?)?), d(1, 31),
    ///     Frequency::MONTHLY, Sizing::Count(3)).generate()?;
    /// // Nothing paid; instalment 1 is 14 days late on 14 February.
    /// let options = StatementOptions::default()
    ///     .with_penalties(PenaltyPolicy::new(PenaltyRate::fixed("10%".parse()?)));
    /// let statement = Statement::new(&plan, &[], &options, d(2, 14))?;
    /// let offer = SettlementOffer::new(d(2, 14), Reduction::amount("100.00 EUR".parse()?)?)?;
    /// let quote = offer.quote(&statement)?;
    /// assert_eq!(quote.penalties().to_string(), "3.84 EUR"); // 1000 × 10 % × 14 / 365
    /// assert_eq!(quote.owed().to_string(), "3003.84 EUR");
    /// assert_eq!(quote.payoff().to_string(), "2903.84 EUR");
    /// println!("{quote}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quote(&self, statement: &Statement) -> Result<SettlementQuote> {
        if self.pay_by < statement.as_of() {
            return Err(Error::DateOrder {
                earlier: "the statement's date",
                earlier_date: statement.as_of(),
                later: "the settlement's pay-by date",
                later_date: self.pay_by,
            });
        }
        if let Some(last) = statement.payments().last() {
            if last.date() > self.pay_by {
                return Err(Error::DateOrder {
                    earlier: "the last recorded payment",
                    earlier_date: last.date(),
                    later: "the settlement's pay-by date",
                    later_date: self.pay_by,
                });
            }
        }
        let restated;
        let statement = if statement.as_of() == self.pay_by {
            statement
        } else {
            restated = statement.restated_on(self.pay_by)?;
            &restated
        };
        let penalty_statement = statement.penalties();
        if self.applies_to == SettlementBase::Penalties && penalty_statement.is_none() {
            return Err(Error::Unsupported {
                reason: "a settlement reduction of the penalties needs the penalty policy",
            });
        }
        let schedule = statement.schedule();
        let currency = schedule.currency();
        let zero = Money::zero(currency);
        let mut principal = zero;
        let mut interest = zero;
        let mut fees = zero;
        // Held for the debtor, and paid ahead of time on interest the settlement does not charge.
        let mut credit = statement.credit();
        let mut future_balance = zero;
        for line in statement.instalments() {
            let unpaid_principal = line.outstanding(Component::Principal);
            let unpaid_fees = line.outstanding(Component::Fees);
            principal = principal.checked_add(unpaid_principal)?;
            fees = fees.checked_add(unpaid_fees)?;
            if line.due_date() <= self.pay_by {
                interest = interest.checked_add(line.outstanding(Component::Interest))?;
            } else {
                future_balance = future_balance
                    .checked_add(unpaid_principal)?
                    .checked_add(unpaid_fees)?;
                credit = credit.checked_add(line.paid_of(Component::Interest))?;
            }
        }
        // The charges added after signature: a fee with the fees, a penalty with the penalties.
        fees = fees.checked_add(statement.charges_outstanding_of(ChargeKind::Fee)?)?;
        let accrued = self.accrual(schedule, future_balance)?;
        let penalties_paid = statement.penalties_paid();
        let penalty_charges = statement.charges_outstanding_of(ChargeKind::Penalty)?;
        let penalty_total = statement
            .penalties_outstanding()
            .checked_add(penalty_charges)?;
        let penalty_charges = Some(penalty_charges).filter(|c| !c.is_zero());
        let charged = Money::sum(
            currency,
            [principal, interest, accrued.amount, fees, penalty_total],
        )?;
        // Credit and interest paid ahead beyond all that is charged are the debtor's money:
        // nothing is owed, and the rest is given back.
        let balance = charged.checked_sub(credit)?;
        let (owed, refund) = if balance.is_negative() {
            (zero, zero.checked_sub(balance)?)
        } else {
            (balance, zero)
        };
        let base = match self.applies_to {
            SettlementBase::Total => owed,
            SettlementBase::Principal => principal.checked_min(owed)?,
            SettlementBase::Penalties => penalty_total.checked_min(owed)?,
        };
        let discount = self.reduction.of(base, self.rounding)?;
        if owed.is_positive() && discount >= owed {
            return Err(Error::DiscountTooLarge {
                discount,
                total: owed,
            });
        }
        Ok(SettlementQuote {
            pay_by: self.pay_by,
            currency,
            principal,
            interest,
            accrued,
            fees,
            penalty_total,
            penalties_paid,
            penalty_charges,
            penalties: penalty_statement.cloned(),
            credit,
            owed,
            refund: Some(refund).filter(|r| r.is_positive()),
            base,
            discount,
            payoff: owed.checked_sub(discount)?,
        })
    }

    fn accrual(&self, schedule: &Schedule, balance: Money) -> Result<AccruedInterest> {
        let zero = Money::zero(schedule.currency());
        let derivation = schedule.derivation();
        let none = AccruedInterest {
            from: self.pay_by,
            to: self.pay_by,
            days: 0,
            period_days: 0,
            balance: zero,
            rate: derivation.interest().rate(),
            amount: zero,
        };
        let Some(rate) = derivation.interest().rate() else {
            return Ok(none);
        };
        let instalments = schedule.instalments();
        let Some(next) = instalments.iter().position(|i| i.due_date() > self.pay_by) else {
            return Ok(none);
        };
        let next_due = instalments.get(next).map_or(self.pay_by, |i| i.due_date());
        let previous = next
            .checked_sub(1)
            .and_then(|p| instalments.get(p))
            .filter(|i| i.kind() == InstalmentKind::Regular);
        // The first regular period runs one period back from its due date, as the plan charged it.
        let start = match previous {
            Some(p) => p.due_date(),
            None => derivation
                .frequency()
                .previous_date(next_due)
                .ok_or_else(|| Error::DateOutOfRange {
                    what: format!("one period before {next_due}"),
                })?,
        };
        let period_days = next_due.signed_duration_since(start).num_days();
        let elapsed = self
            .pay_by
            .signed_duration_since(start)
            .num_days()
            .clamp(0, period_days);
        if period_days <= 0 || elapsed == 0 || balance.is_zero() || rate.is_zero() {
            return Ok(AccruedInterest {
                from: start.min(self.pay_by),
                balance,
                ..none
            });
        }
        let (numerator, denominator) = derivation.frequency().year_fraction();
        let exact = balance
            .amount()
            .checked_mul(rate.fraction())
            .and_then(|x| x.checked_mul(Decimal::from(numerator)))
            .and_then(|x| x.checked_mul(Decimal::from(elapsed)))
            .and_then(|x| {
                Decimal::from(denominator)
                    .checked_mul(Decimal::from(period_days))
                    .and_then(|den| x.checked_div(den))
            })
            .ok_or(Error::Overflow {
                operation: "computing accrued interest",
            })?;
        Ok(AccruedInterest {
            from: start,
            to: self.pay_by,
            days: u32::try_from(elapsed).unwrap_or(u32::MAX),
            period_days: u32::try_from(period_days).unwrap_or(u32::MAX),
            balance,
            rate: Some(rate),
            amount: Money::round(exact, schedule.currency(), self.rounding)?,
        })
    }
}

/// The contractual interest of the current period, accrued up to the settlement date.
///
/// `amount = balance × annual rate × period's year fraction × days / period days`, rounded once.
/// Zero for plans without interest and settlement dates after the last instalment.
///
/// See [`SettlementOffer`] for an example.
///
/// Deserialising re-checks the dates (in order), the days (within the period) and the amounts (not
/// negative, no interest without a rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "AccruedInterestRepr"))]
pub struct AccruedInterest {
    from: NaiveDate,
    to: NaiveDate,
    days: u32,
    period_days: u32,
    balance: Money,
    rate: Option<AnnualRate>,
    amount: Money,
}

impl AccruedInterest {
    /// The start of the current period (the previous due date).
    ///
    /// See [`SettlementOffer`] for an example.
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// The settlement date.
    ///
    /// See [`SettlementOffer`] for an example.
    pub fn to(&self) -> NaiveDate {
        self.to
    }

    /// The days elapsed in the period.
    ///
    /// See [`SettlementOffer`] for an example.
    pub fn days(&self) -> u32 {
        self.days
    }

    /// The days of the whole period.
    ///
    /// See [`SettlementOffer`] for an example.
    pub fn period_days(&self) -> u32 {
        self.period_days
    }

    /// The principal and fees interest runs on.
    ///
    /// See [`SettlementOffer`] for an example.
    pub fn balance(&self) -> Money {
        self.balance
    }

    /// The plan's annual rate, if it has one.
    ///
    /// See [`SettlementOffer`] for an example.
    pub fn rate(&self) -> Option<AnnualRate> {
        self.rate
    }

    /// The interest accrued.
    ///
    /// See [`SettlementOffer`] for an example.
    pub fn amount(&self) -> Money {
        self.amount
    }
}

/// What settling a plan by a date costs, and why.
///
/// `owed = principal + interest + accrued interest + fees + penalties − credit` and
/// `payoff = owed − discount`, to the minor unit. When the credit is more than the rest,
/// nothing is owed and the difference is the [refund](SettlementQuote::refund):
/// `owed − refund = principal + interest + accrued interest + fees + penalties − credit`.
///
/// ```
/// use echeancier::*;
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "3000.00 EUR".parse()?)?), d(1, 31),
///     Frequency::MONTHLY, Sizing::Count(3)).generate()?;
/// let statement = Statement::new(&plan, &[], &StatementOptions::default(), d(1, 20))?;
/// let q = SettlementOffer::new(d(1, 20), Reduction::Percent("5%".parse()?))?.quote(&statement)?;
/// assert_eq!(q.pay_by(), d(1, 20));
/// assert_eq!(q.currency(), Currency::EUR);
/// assert_eq!(q.principal().to_string(), "3000.00 EUR");
/// assert!(q.interest().is_zero() && q.fees().is_zero() && q.credit().is_zero());
/// assert!(q.accrued().amount().is_zero());
/// assert!(q.penalty_statement().is_none());
/// assert_eq!(q.base().to_string(), "3000.00 EUR");
/// assert_eq!(q.discount().to_string(), "150.00 EUR");
/// assert_eq!(q.payoff().to_string(), "2850.00 EUR");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialising re-checks the quote's sums (owed − refund = principal + interest + accrued +
/// fees + penalties − credit, a refund only when nothing is owed, discount ≤ base ≤ owed, payoff =
/// owed − discount, the penalty total that of the penalty statement less what was paid of it,
/// plus the penalty charges) and rejects JSON that disagrees.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SettlementQuoteRepr"))]
pub struct SettlementQuote {
    pay_by: NaiveDate,
    currency: Currency,
    principal: Money,
    interest: Money,
    accrued: AccruedInterest,
    fees: Money,
    penalty_total: Money,
    penalties_paid: Money,
    /// None when there are none: a quote without them reads and writes as before they were kept.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    penalty_charges: Option<Money>,
    penalties: Option<PenaltyStatement>,
    credit: Money,
    owed: Money,
    /// None when there is none: a quote without one reads and writes as before it was kept.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    refund: Option<Money>,
    base: Money,
    discount: Money,
    payoff: Money,
}

impl SettlementQuote {
    /// The date the payoff must be paid by.
    ///
    /// See [`SettlementQuote`] for an example.
    pub fn pay_by(&self) -> NaiveDate {
        self.pay_by
    }

    /// The currency of every amount.
    ///
    /// See [`SettlementQuote`] for an example.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The principal not yet paid.
    ///
    /// See [`SettlementQuote`] for an example.
    pub fn principal(&self) -> Money {
        self.principal
    }

    /// The scheduled interest of instalments due by the settlement date and not paid.
    ///
    /// See [`SettlementQuote`] for an example.
    pub fn interest(&self) -> Money {
        self.interest
    }

    /// The interest accrued in the current period.
    ///
    /// See [`SettlementOffer`] for an example.
    pub fn accrued_interest(&self) -> Money {
        self.accrued.amount
    }

    /// How the accrued interest was computed.
    ///
    /// See [`SettlementQuote`] for an example.
    pub fn accrued(&self) -> &AccruedInterest {
        &self.accrued
    }

    /// The fees not yet paid.
    ///
    /// See [`SettlementQuote`] for an example.
    pub fn fees(&self) -> Money {
        self.fees
    }

    /// The late-payment penalties still owed on the settlement date: accrued as of that date,
    /// less what the payments already paid of them (zero without a policy).
    ///
    /// See [`SettlementOffer::quote`] for an example.
    pub fn penalties(&self) -> Money {
        self.penalty_total
    }

    /// What the payments already paid of the penalties accrued: deducted, never charged twice.
    ///
    /// See [`SettlementQuote`] for an example.
    pub fn penalties_paid(&self) -> Money {
        self.penalties_paid
    }

    /// The penalties charged after signature (a [`Charge`](crate::Charge) of kind
    /// [`ChargeKind::Penalty`]) still owed: part of [`SettlementQuote::penalties`], beside the
    /// late-payment penalties of the penalty policy.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.charge(Charge::new("C-1", "penalty clause", ChargeKind::Penalty, d(2, 1), d(2, 10), "40.00 EUR".parse()?)?)?;
    /// let q = account.quote(&SettlementOffer::new(d(3, 1), Reduction::Percent(Percent::ZERO))?)?;
    /// assert_eq!(q.penalty_charges().to_string(), "40.00 EUR");
    /// assert_eq!(q.penalties(), q.penalty_charges());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn penalty_charges(&self) -> Money {
        self.penalty_charges
            .unwrap_or_else(|| Money::zero(self.currency))
    }

    /// The penalty statement, with its breakdown, if a policy was given.
    ///
    /// See [`SettlementQuote`] for an example.
    pub fn penalty_statement(&self) -> Option<&PenaltyStatement> {
        self.penalties.as_ref()
    }

    /// What was paid on instalments not yet due beyond their principal and fees, credited.
    ///
    /// See [`SettlementQuote`] for an example.
    pub fn credit(&self) -> Money {
        self.credit
    }

    /// Everything owed on the settlement date without the offer: zero when the credit is more
    /// than all that is charged (see [`SettlementQuote::refund`]).
    ///
    /// See [`SettlementOffer`] for an example.
    pub fn owed(&self) -> Money {
        self.owed
    }

    /// What the debtor gets back: the credit (what is held for them, and interest paid ahead on
    /// instalments not yet due) beyond all that is charged on the settlement date. Zero unless
    /// [`SettlementQuote::owed`] is zero.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("date");
    /// let plan = PlanRequest::new(Debt::single(Claim::new("L-1", "1200.00 EUR".parse()?)?), d(1, 31)?,
    ///     Frequency::MONTHLY, Sizing::Count(12)).interest(Interest::EqualPrincipal("12%".parse()?)).generate()?;
    /// // The whole plan, 1,200.00 and 78.00 of interest, paid on its first due date: the
    /// // first period's 12.00 is earned, the 66.00 of the periods not yet run is not.
    /// let paid = [Payment::new("P-1", d(1, 31)?, "1278.00 EUR".parse()?)?];
    /// let statement = Statement::new(&plan, &paid, &StatementOptions::default(), d(1, 31)?)?;
    /// let quote = SettlementOffer::new(d(1, 31)?, Reduction::Percent(Percent::ZERO))?.quote(&statement)?;
    /// assert_eq!(quote.credit().to_string(), "66.00 EUR");
    /// assert!(quote.owed().is_zero() && quote.payoff().is_zero());
    /// assert_eq!(quote.refund().to_string(), "66.00 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn refund(&self) -> Money {
        self.refund.unwrap_or(Money::zero(self.currency))
    }

    /// The amount the reduction applies to.
    ///
    /// See [`SettlementQuote`] for an example.
    pub fn base(&self) -> Money {
        self.base
    }

    /// The discount: never more than [`SettlementQuote::base`].
    ///
    /// See [`SettlementQuote`] for an example.
    pub fn discount(&self) -> Money {
        self.discount
    }

    /// What to pay by the settlement date: owed less discount.
    ///
    /// See [`SettlementQuote`] for an example.
    pub fn payoff(&self) -> Money {
        self.payoff
    }
}

/// The breakdown in English, one figure a line.
impl fmt::Display for SettlementQuote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Settlement by {}:", self.pay_by)?;
        writeln!(f, "  remaining principal     {}", self.principal)?;
        writeln!(f, "  unpaid interest         {}", self.interest)?;
        let a = &self.accrued;
        writeln!(
            f,
            "  accrued interest        {} ({} of {} days on {})",
            a.amount, a.days, a.period_days, a.balance
        )?;
        writeln!(f, "  unpaid fees             {}", self.fees)?;
        writeln!(f, "  late-payment penalties  {}", self.penalty_total)?;
        if !self.credit.is_zero() {
            writeln!(f, "  credit                 -{}", self.credit)?;
        }
        writeln!(f, "  owed                    {}", self.owed)?;
        writeln!(f, "  discount               -{}", self.discount)?;
        write!(f, "  to pay                  {}", self.payoff)?;
        match self.refund {
            Some(refund) => write!(f, "\n  to refund               {refund}"),
            None => Ok(()),
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SettlementOfferRepr {
    pay_by: NaiveDate,
    reduction: Reduction,
    #[serde(default)]
    applies_to: SettlementBase,
    #[serde(default)]
    rounding: Rounding,
}

#[cfg(feature = "serde")]
impl TryFrom<SettlementOfferRepr> for SettlementOffer {
    type Error = Error;

    fn try_from(r: SettlementOfferRepr) -> Result<SettlementOffer> {
        Ok(SettlementOffer::new(r.pay_by, r.reduction)?
            .applies_to(r.applies_to)
            .with_rounding(r.rounding))
    }
}

#[cfg(feature = "serde")]
impl From<SettlementOffer> for SettlementOfferRepr {
    fn from(o: SettlementOffer) -> SettlementOfferRepr {
        SettlementOfferRepr {
            pay_by: o.pay_by,
            reduction: o.reduction,
            applies_to: o.applies_to,
            rounding: o.rounding,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debt::{Claim, Debt};
    use crate::frequency::Frequency;
    use crate::payment::Payment;
    use crate::schedule::{Interest, PlanRequest, Sizing};
    use crate::statement::StatementOptions;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap_or(NaiveDate::MIN)
    }

    fn loan() -> Result<Schedule> {
        let debt = Debt::single(Claim::new("L-1", "1200.00 EUR".parse()?)?);
        PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12))
            .interest(Interest::EqualPrincipal("12%".parse()?))
            .generate()
    }

    fn statement(plan: &Schedule, payments: &[Payment], on: NaiveDate) -> Result<Statement> {
        Statement::new(plan, payments, &StatementOptions::default(), on)
    }

    #[test]
    fn an_offer_keeps_its_terms() -> Result<()> {
        let offer = SettlementOffer::new(d(3, 15), Reduction::Percent(crate::Percent::ZERO))?;
        assert_eq!(
            (offer.base(), offer.rounding()),
            (SettlementBase::Total, Rounding::HalfUp)
        );
        for base in [SettlementBase::Principal, SettlementBase::Penalties] {
            let offer = offer.applies_to(base).with_rounding(Rounding::Down);
            assert_eq!((offer.base(), offer.rounding()), (base, Rounding::Down));
        }
        Ok(())
    }

    #[test]
    fn a_statement_of_an_earlier_day_is_restated_on_the_pay_by_date() -> Result<()> {
        let plan = loan()?;
        let policy = crate::PenaltyPolicy::new(crate::PenaltyRate::fixed("10%".parse()?));
        let options = StatementOptions::default().with_penalties(policy);
        let on = |day| Statement::new(&plan, &[], &options, day);
        let offer = SettlementOffer::new(d(3, 20), Reduction::Percent(crate::Percent::ZERO))?;
        // Instalments 1 and 2 are late: their penalties run to the pay-by date, 20 March, not to
        // the day of the statement the quote was asked on.
        let early = on(d(3, 1))?;
        let quote = offer.quote(&early)?;
        assert_eq!(quote, offer.quote(&on(d(3, 20))?)?);
        assert!(quote.penalties() > early.penalties_accrued());
        assert_eq!(
            quote.penalty_statement(),
            early.restated_on(d(3, 20))?.penalties()
        );
        assert_eq!(quote.accrued().to(), d(3, 20));
        Ok(())
    }

    #[test]
    fn a_settlement_on_a_due_date_accrues_nothing_of_the_next_period() -> Result<()> {
        let plan = loan()?;
        // On 28 February instalment 2 (100.00 + 11.00) is due in full with instalment 1; the
        // period of instalment 3 starts that day.
        let offer = SettlementOffer::new(d(2, 28), Reduction::Percent(crate::Percent::ZERO))?;
        let q = offer.quote(&statement(&plan, &[], d(2, 28))?)?;
        assert_eq!(q.interest().to_string(), "23.00 EUR");
        assert!(q.accrued_interest().is_zero());
        assert_eq!((q.accrued().from(), q.accrued().days()), (d(2, 28), 0));
        assert_eq!(q.owed().to_string(), "1223.00 EUR");
        Ok(())
    }

    #[test]
    fn nothing_accrues_once_the_principal_is_repaid_in_advance() -> Result<()> {
        let plan = loan()?;
        // Under a policy that pays only the principal of instalments not yet due, 1,200.00 on
        // 10 January repays all of it ahead of time: no balance is left to accrue interest on,
        // no day is counted, and nothing is owed.
        let policy = crate::AllocationPolicy::new()
            .then(crate::InstalmentSelector::NotYetDue, Component::Principal)
            .with_surplus(crate::Surplus::KeepAsCredit);
        let payments = [Payment::new("P-1", d(1, 10), "1200.00 EUR".parse()?)?];
        let on = Statement::new(&plan, &payments, &StatementOptions::new(policy), d(1, 10))?;
        let offer = SettlementOffer::new(d(1, 10), Reduction::Percent(crate::Percent::ZERO))?;
        let q = offer.quote(&on)?;
        assert!(q.owed().is_zero());
        let accrued = q.accrued();
        assert!(accrued.amount().is_zero() && accrued.balance().is_zero());
        let start = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or(NaiveDate::MIN);
        assert_eq!((accrued.from(), accrued.to()), (start, d(1, 10)));
        assert_eq!((accrued.days(), accrued.period_days()), (0, 0));
        Ok(())
    }

    #[test]
    fn unpaid_past_instalments_count_in_full() -> Result<()> {
        let plan = loan()?;
        // Nothing paid by 15 March: instalments 1 (100 + 12.00) and 2 (100 + 11.00) are due.
        let offer = SettlementOffer::new(d(3, 15), Reduction::Percent(crate::Percent::ZERO))?;
        let q = offer.quote(&statement(&plan, &[], d(3, 15))?)?;
        assert_eq!(q.principal().to_string(), "1200.00 EUR");
        assert_eq!(q.interest().to_string(), "23.00 EUR");
        // 1000.00 × 1 % × 15 / 31 days (28 Feb → 31 Mar) = 4.8387… → 4.84
        assert_eq!(q.accrued().from(), d(2, 28));
        assert_eq!(q.accrued().period_days(), 31);
        assert_eq!(q.accrued().rate(), Some("12%".parse()?));
        assert_eq!(q.accrued_interest().to_string(), "4.84 EUR");
        assert_eq!(q.owed().to_string(), "1227.84 EUR");
        assert_eq!(q.payoff(), q.owed());
        Ok(())
    }

    #[test]
    fn prepaid_interest_is_credited() -> Result<()> {
        let plan = loan()?;
        // 101.00 paid in advance on 10 January: instalment 1 (100.00 + 12.00) is not due yet, so
        // it takes its interest (12.00) then 89.00 of its principal.
        let payments = [Payment::new("P-1", d(1, 10), "101.00 EUR".parse()?)?];
        let offer = SettlementOffer::new(d(1, 10), Reduction::Percent(crate::Percent::ZERO))?;
        let q = offer.quote(&statement(&plan, &payments, d(1, 10))?)?;
        assert_eq!(q.principal().to_string(), "1111.00 EUR");
        assert_eq!(q.credit().to_string(), "12.00 EUR");
        // 1111 × 1 % × 10 / 31 (31 Dec → 31 Jan) = 3.583… → 3.58
        assert_eq!(q.accrued_interest().to_string(), "3.58 EUR");
        // 1200 − 101 + 3.58: what was paid counts once, the interest not yet earned not at all.
        assert_eq!(q.owed().to_string(), "1102.58 EUR");
        Ok(())
    }

    #[test]
    fn the_breakdown_shows_the_credit_only_when_there_is_one() -> Result<()> {
        let plan = loan()?;
        let offer = SettlementOffer::new(d(1, 10), Reduction::Percent(crate::Percent::ZERO))?;
        let payments = [Payment::new("P-1", d(1, 10), "101.00 EUR".parse()?)?];
        let with_credit = offer
            .quote(&statement(&plan, &payments, d(1, 10))?)?
            .to_string();
        assert!(with_credit.starts_with("Settlement by 2027-01-10:\n"));
        assert!(with_credit.contains("\n  credit                 -12.00 EUR\n"));
        assert!(with_credit.ends_with("\n  to pay                  1102.58 EUR"));
        let without = offer.quote(&statement(&plan, &[], d(1, 10))?)?.to_string();
        assert!(!without.contains("credit"));
        Ok(())
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_quote_with_a_penalty_charge_reads_back(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let plan = loan()?;
        let mut account = crate::Account::new(plan, d(1, 5), StatementOptions::default())?;
        account.charge(crate::Charge::new(
            "C-1",
            "penalty clause",
            ChargeKind::Penalty,
            d(2, 1),
            d(2, 10),
            "40.00 EUR".parse()?,
        )?)?;
        let offer = SettlementOffer::new(d(3, 1), Reduction::Percent(crate::Percent::ZERO))?;
        let quote = account.quote(&offer)?;
        assert_eq!(quote.penalty_charges().to_string(), "40.00 EUR");
        assert_eq!(quote.penalties(), quote.penalty_charges());
        let json = serde_json::to_string(&quote)?;
        assert!(json.contains("\"penalty_charges\""));
        let back: SettlementQuote = serde_json::from_str(&json)?;
        assert_eq!(back, quote);
        // Without penalty charges the JSON is what it was before they were kept.
        let plain = SettlementOffer::new(d(3, 1), Reduction::Percent(crate::Percent::ZERO))?
            .quote(&statement(&loan()?, &[], d(3, 1))?)?;
        let plain = serde_json::to_string(&plain)?;
        assert!(!plain.contains("penalty_charges"));
        Ok(())
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_tampered_quote_is_refused() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let offer = SettlementOffer::new(d(3, 15), Reduction::Percent("5%".parse()?))?
            .applies_to(SettlementBase::Principal);
        let quote = offer.quote(&statement(&loan()?, &[], d(3, 15))?)?;
        let json = serde_json::to_value(&quote)?;
        let refused = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut tampered = json.clone();
            edit(&mut tampered);
            serde_json::from_value::<SettlementQuote>(tampered).is_err()
        };
        let eur = |amount: &str| serde_json::json!({"amount": amount, "currency": "EUR"});
        assert!(!refused(&|_| {}));
        // A discount above its base (the base still within what is owed), the payoff agreeing.
        assert!(refused(&|q| {
            q["base"] = eur("50.00");
            q["discount"] = eur("60.00");
            q["payoff"] = eur("1167.84");
        }));
        // Interest accrued from after the day it accrues to.
        assert!(refused(&|q| q["accrued"]["from"] = "2027-03-16".into()));
        Ok(())
    }

    #[test]
    fn interest_paid_ahead_beyond_all_that_is_left_is_refunded() -> Result<()> {
        let plan = loan()?;
        // 1,278.00 on 10 January pays the whole plan, 78.00 of interest included, before its
        // first due date: nothing is left to accrue on, and all the interest is given back.
        let payments = [Payment::new("P-1", d(1, 10), "1278.00 EUR".parse()?)?];
        let offer = SettlementOffer::new(d(1, 10), Reduction::amount("5.00 EUR".parse()?)?)?;
        let q = offer.quote(&statement(&plan, &payments, d(1, 10))?)?;
        assert!(q.principal().is_zero() && q.accrued_interest().is_zero());
        assert_eq!(q.credit().to_string(), "78.00 EUR");
        assert!(q.owed().is_zero() && q.discount().is_zero() && q.payoff().is_zero());
        assert_eq!(q.refund().to_string(), "78.00 EUR");
        // One unit less paid: 0.01 of principal is left, the refund is 0.01 less.
        let payments = [Payment::new("P-1", d(1, 10), "1277.99 EUR".parse()?)?];
        let q = offer.quote(&statement(&plan, &payments, d(1, 10))?)?;
        assert_eq!(q.principal().to_string(), "0.01 EUR");
        assert_eq!(q.refund().to_string(), "77.99 EUR");
        Ok(())
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_quote_with_a_refund_reads_back_and_a_tampered_one_is_refused(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let payments = [Payment::new("P-1", d(1, 10), "1278.00 EUR".parse()?)?];
        let quote = SettlementOffer::new(d(1, 10), Reduction::Percent(crate::Percent::ZERO))?
            .quote(&statement(&loan()?, &payments, d(1, 10))?)?;
        let json = serde_json::to_value(&quote)?;
        assert_eq!(
            serde_json::from_value::<SettlementQuote>(json.clone())?,
            quote
        );
        let refused = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut tampered = json.clone();
            edit(&mut tampered);
            serde_json::from_value::<SettlementQuote>(tampered).is_err()
        };
        let eur = |amount: &str| serde_json::json!({"amount": amount, "currency": "EUR"});
        // A refund that does not make up the difference.
        assert!(refused(&|q| q["refund"] = eur("70.00")));
        // A refund beside an amount owed, the sums agreeing.
        assert!(refused(&|q| {
            q["refund"] = eur("88.00");
            q["owed"] = eur("10.00");
            q["base"] = eur("10.00");
            q["payoff"] = eur("10.00");
        }));
        // A refund of zero is not kept; a missing one is a quote without a refund, which this
        // one's sums are not.
        assert!(refused(&|q| q["refund"] = eur("0.00")));
        assert!(refused(&|q| {
            q.as_object_mut().map(|o| o.remove("refund"));
        }));
        Ok(())
    }

    #[test]
    fn a_reduction_of_the_penalties_needs_the_policy() -> Result<()> {
        let plan = loan()?;
        let offer = SettlementOffer::new(d(3, 1), Reduction::Percent(crate::Percent::HUNDRED))?
            .applies_to(SettlementBase::Penalties);
        assert!(matches!(
            offer.quote(&statement(&plan, &[], d(3, 1))?),
            Err(Error::Unsupported { .. })
        ));
        Ok(())
    }

    #[test]
    fn after_the_last_instalment_nothing_accrues() -> Result<()> {
        let plan = loan()?;
        let end = NaiveDate::from_ymd_opt(2028, 6, 1).unwrap_or(NaiveDate::MIN);
        let q = SettlementOffer::new(end, Reduction::amount("500.00 EUR".parse()?)?)?
            .quote(&statement(&plan, &[], end)?)?;
        assert!(q.accrued_interest().is_zero());
        assert_eq!(q.owed(), plan.totals().amount());
        assert_eq!(q.discount().to_string(), "500.00 EUR");
        Ok(())
    }

    #[test]
    fn a_discount_that_takes_everything_owed_is_refused() -> Result<()> {
        let plan = loan()?;
        let end = NaiveDate::from_ymd_opt(2028, 6, 1).unwrap_or(NaiveDate::MIN);
        let err = SettlementOffer::new(end, Reduction::amount("5000.00 EUR".parse()?)?)?
            .quote(&statement(&plan, &[], end)?)
            .err();
        assert_eq!(
            err,
            Some(Error::DiscountTooLarge {
                discount: plan.totals().amount(),
                total: plan.totals().amount(),
            })
        );
        Ok(())
    }

    #[test]
    fn a_quote_dated_before_a_recorded_payment_is_refused() -> Result<()> {
        let plan = loan()?;
        let payments = [Payment::new("P-1", d(2, 10), "50.00 EUR".parse()?)?];
        let err = SettlementOffer::new(d(2, 1), Reduction::Percent(crate::Percent::ZERO))?
            .quote(&statement(&plan, &payments, d(2, 10))?)
            .err();
        assert!(
            matches!(err, Some(Error::DateOrder { earlier_date, later_date, .. })
                if earlier_date == d(2, 10) && later_date == d(2, 1)),
            "{err:?}"
        );
        Ok(())
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(AccruedInterest as AccruedInterestRepr {
    from: NaiveDate,
    to: NaiveDate,
    days: u32,
    period_days: u32,
    balance: Money,
    rate: Option<AnnualRate>,
    amount: Money,
});

#[cfg(feature = "serde")]
impl AccruedInterest {
    /// Dates in order, days within the period, amounts not negative in one currency, and no
    /// interest without a rate.
    fn check(&self) -> Result<()> {
        let check = crate::contract::Check::new("accrued interest", self.balance.currency());
        check.that(self.from <= self.to, || {
            format!("from {} is after to {}", self.from, self.to)
        })?;
        check.that(self.days <= self.period_days, || {
            format!(
                "days {} exceed the period's {} days",
                self.days, self.period_days
            )
        })?;
        check.non_negative("balance", self.balance)?;
        check.non_negative("amount", self.amount)?;
        check.that(self.rate.is_some() || self.amount.is_zero(), || {
            format!("amount is {} without a rate", self.amount)
        })
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(SettlementQuote as SettlementQuoteRepr {
    pay_by: NaiveDate,
    currency: Currency,
    principal: Money,
    interest: Money,
    accrued: AccruedInterest,
    fees: Money,
    penalty_total: Money,
    penalties_paid: Money,
    #[serde(default)]
    penalty_charges: Option<Money>,
    penalties: Option<PenaltyStatement>,
    credit: Money,
    owed: Money,
    #[serde(default)]
    refund: Option<Money>,
    base: Money,
    discount: Money,
    payoff: Money,
});

#[cfg(feature = "serde")]
impl SettlementQuote {
    /// Every figure in the quote's currency and not negative, and the sums of a quote: owed −
    /// refund = principal + interest + accrued + fees + penalties − credit, a refund only when
    /// nothing is owed, discount ≤ base ≤ owed, payoff = owed − discount.
    fn check(&self) -> Result<()> {
        let check = crate::contract::Check::new("settlement quote", self.currency);
        for (field, amount) in [
            ("principal", self.principal),
            ("interest", self.interest),
            ("fees", self.fees),
            ("penalty_total", self.penalty_total),
            ("penalties_paid", self.penalties_paid),
            ("credit", self.credit),
            ("owed", self.owed),
            ("base", self.base),
            ("discount", self.discount),
            ("payoff", self.payoff),
        ] {
            check.non_negative(field, amount)?;
        }
        if let Some(charges) = self.penalty_charges {
            // Kept only when there are some.
            check.positive("penalty_charges", charges)?;
        }
        check.currency("accrued interest", self.accrued.amount)?;
        check.that(self.accrued.to == self.pay_by, || {
            format!(
                "the interest accrues to {}, not to the pay-by date {}",
                self.accrued.to, self.pay_by
            )
        })?;
        let penalties = self
            .penalties
            .as_ref()
            .map_or(Money::zero(self.currency), PenaltyStatement::total);
        check.equal(
            "penalty_total",
            self.penalty_total,
            penalties
                .checked_sub(self.penalties_paid)?
                .checked_add(self.penalty_charges())?,
        )?;
        let charged = Money::sum(
            self.currency,
            [
                self.principal,
                self.interest,
                self.accrued.amount,
                self.fees,
                self.penalty_total,
            ],
        )?;
        let refund = self.refund();
        if let Some(refund) = self.refund {
            // Kept only when there is one, and then nothing is owed.
            check.positive("refund", refund)?;
            check.that(self.owed.is_zero(), || {
                format!("refund {refund} beside owed {}", self.owed)
            })?;
        }
        check.equal(
            "owed − refund",
            self.owed.checked_sub(refund)?,
            charged.checked_sub(self.credit)?,
        )?;
        check.that(self.discount <= self.base && self.base <= self.owed, || {
            format!(
                "discount {} ≤ base {} ≤ owed {} does not hold",
                self.discount, self.base, self.owed
            )
        })?;
        check.equal("payoff", self.payoff, self.owed.checked_sub(self.discount)?)
    }
}
