//! What remains owed on a schedule as of a date, given what was paid on each instalment.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::{Currency, Money};
use crate::payment::{ChargeKind, Component};
use crate::schedule::Instalment;
use crate::statement::{InstalmentStatement, Statement};

/// What remains owed on a plan as of a date (*encours*), split by kind.
///
/// Outstanding is the principal and fees not yet repaid, plus the interest of instalments already
/// due and not paid. The interest of instalments not yet due has not been earned: it is not
/// outstanding (it is shown as [`future_interest`](Outstanding::future_interest)). What was paid
/// of each part of each instalment comes from a [`Statement`]: its allocation policy decides it.
/// What was paid on the interest of an instalment not yet due lowers the outstanding amount. The
/// [`credit`](Outstanding::credit) held for the debtor is shown apart and is not deducted.
///
/// ```
/// # use echeancier::*; use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let debt = Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
/// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
/// // Instalments 1 and 2 (100.00 each) paid; instalment 3, due 31 March, not paid.
/// account.pay(Payment::new("VIR-1", d(1, 31), "100.00 EUR".parse()?)?)?;
/// account.pay(Payment::new("VIR-2", d(2, 28), "100.00 EUR".parse()?)?)?;
/// let o = account.outstanding(d(4, 10))?;
/// assert_eq!(o.total()?.to_string(), "1000.00 EUR");
/// assert_eq!(o.arrears()?.to_string(), "100.00 EUR");
/// assert!(o.credit().is_zero() && o.penalties().is_zero());
/// // Rescheduled over 10 months from 10 April: nothing is lost or created, and the plan stays on
/// // the last day of the month.
/// account.reschedule(d(4, 10), Reschedule::new(Sizing::Count(10)))?;
/// let v2 = account.history().current();
/// let record = v2.record().ok_or(Error::EmptyDebt)?;
/// assert_eq!(record.outstanding_after(), record.outstanding_before());
/// let dates: Vec<_> = v2.schedule().ok_or(Error::EmptyDebt)?.instalments().iter().map(|i| i.due_date()).take(3).collect();
/// assert_eq!(dates, [d(4, 30), d(5, 31), d(6, 30)]);
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising checks that every part is in one currency and not negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "OutstandingRepr"))]
pub struct Outstanding {
    as_of: NaiveDate,
    due_principal: Money,
    due_interest: Money,
    due_fees: Money,
    later_principal: Money,
    later_fees: Money,
    credit: Money,
    future_interest: Money,
    #[cfg_attr(
        feature = "serde",
        serde(default = "Option::default", skip_serializing_if = "Option::is_none")
    )]
    penalties: Option<Money>,
}

/// One instalment of the schedule as of the date: what was paid on it, what of it is still owed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    pub(crate) instalment: Instalment,
    pub(crate) paid: Money,
    pub(crate) is_due: bool,
    /// Unpaid principal + fees (+ interest once due): what of it joins the outstanding amount.
    pub(crate) unpaid: Money,
}

impl Outstanding {
    pub(crate) fn zero(currency: Currency, as_of: NaiveDate) -> Outstanding {
        let zero = Money::zero(currency);
        Outstanding {
            as_of,
            due_principal: zero,
            due_interest: zero,
            due_fees: zero,
            later_principal: zero,
            later_fees: zero,
            credit: zero,
            future_interest: zero,
            penalties: None,
        }
    }

    /// The outstanding amount as of the statement's date, and each instalment's line, read from
    /// the statement's one allocation of the payments: what each instalment still owes of its
    /// fees, interest and principal. Interest paid ahead of time on an instalment not yet due is
    /// a payment of the outstanding amount (that interest is not earned), so it settles the
    /// outstanding amount in the order of [`Outstanding::pay`]. The credit held for the debtor
    /// stays apart: it is the debtor's money, applied or refunded only by an event of its own.
    pub(crate) fn of(at: &Statement) -> Result<(Outstanding, Vec<Line>)> {
        let on = at.as_of();
        let currency = at.currency();
        let mut o = Outstanding::zero(currency, on);
        // Due dates increase along a schedule: the lines due by the date, then the others.
        let all = at.instalments();
        let (due, later) = all.split_at(all.partition_point(|l| l.due_date() <= on));
        let owed = |lines: &[InstalmentStatement], component| {
            Money::total(currency, lines.iter().map(|l| l.outstanding(component)))
        };
        o.due_fees = owed(due, Component::Fees)?;
        o.due_interest = owed(due, Component::Interest)?;
        o.due_principal = owed(due, Component::Principal)?;
        o.later_fees = owed(later, Component::Fees)?;
        o.later_principal = owed(later, Component::Principal)?;
        o.future_interest = owed(later, Component::Interest)?;
        let prepaid_interest = Money::total(
            currency,
            later.iter().map(|l| l.paid_of(Component::Interest)),
        )?;
        let mut lines = Vec::with_capacity(all.len());
        for (line, instalment) in all.iter().zip(at.schedule().instalments()) {
            let is_due = line.due_date() <= on;
            let unpaid = if is_due {
                line.unpaid()
            } else {
                // Interest not yet due is not owed: fees and principal.
                line.unpaid().minus(line.outstanding(Component::Interest))?
            };
            lines.push(Line {
                instalment: *instalment,
                paid: line.paid(),
                is_due,
                unpaid,
            });
        }
        // What is still owed of the charges added after signature: a fee with the fees, due or not
        // yet due as the charge; a penalty with the penalties.
        let mut charged_penalties = Money::zero(currency);
        for line in at.charges() {
            let owed = line.outstanding();
            let charge = line.charge();
            match charge.kind() {
                ChargeKind::Fee if charge.due_date() <= on => {
                    o.due_fees = o.due_fees.checked_add(owed)?;
                }
                ChargeKind::Fee => o.later_fees = o.later_fees.checked_add(owed)?,
                ChargeKind::Penalty => charged_penalties = charged_penalties.checked_add(owed)?,
            }
        }
        // Interest paid ahead beyond all that is left to pay (a plan paid off early) is the
        // debtor's money: credit, like the credit the statement holds.
        let settled = prepaid_interest.checked_min(o.total()?)?;
        o.pay(settled)?;
        o.credit = at
            .credit()
            .checked_add(prepaid_interest.checked_sub(settled)?)?;
        o.penalties = Some(at.penalties_outstanding().checked_add(charged_penalties)?)
            .filter(|p| !p.is_zero());
        Ok((o, lines))
    }

    /// Settles `amount` of the outstanding amount: arrears first (fees, interest, principal), then
    /// the fees and principal not yet due.
    pub(crate) fn pay(&mut self, amount: Money) -> Result<()> {
        let total = self.total()?;
        if amount > total {
            return Err(Error::Overpaid {
                reference: "the outstanding amount".to_owned(),
                paid: amount,
                amount: total,
            });
        }
        let mut left = amount;
        for part in [
            &mut self.due_fees,
            &mut self.due_interest,
            &mut self.due_principal,
            &mut self.later_fees,
            &mut self.later_principal,
        ] {
            let used = left.checked_min(*part)?;
            *part = part.checked_sub(used)?;
            left = left.checked_sub(used)?;
        }
        Ok(())
    }

    /// Forgives the arrears; returns the amount forgiven.
    pub(crate) fn waive_arrears(&mut self) -> Result<Money> {
        let arrears = self.arrears()?;
        let zero = Money::zero(arrears.currency());
        self.due_fees = zero;
        self.due_interest = zero;
        self.due_principal = zero;
        Ok(arrears)
    }

    /// The date it is computed as of.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let o = Account::new(plan, d(1, 5), StatementOptions::default())?.outstanding(d(2, 1))?;
    /// assert_eq!(o.as_of(), d(2, 1));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The principal not yet repaid, due or not.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let o = Account::new(plan, d(1, 5), StatementOptions::default())?.outstanding(d(2, 1))?;
    /// assert_eq!(o.principal()?.to_string(), "1200.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] if the sum overflows.
    pub fn principal(&self) -> Result<Money> {
        self.due_principal.checked_add(self.later_principal)
    }

    /// The interest of instalments already due and not paid.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let debt = Debt::single(Claim::new("L", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(2))
    ///     .interest(Interest::Annuity("12%".parse()?)).generate()?;
    /// let o = Account::new(plan, d(1, 5), StatementOptions::default())?.outstanding(d(2, 1))?;
    /// assert_eq!(o.interest().to_string(), "10.00 EUR");        // instalment 1's interest
    /// assert_eq!(o.future_interest().to_string(), "5.02 EUR");  // instalment 2's: not earned yet
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn interest(&self) -> Money {
        self.due_interest
    }

    /// The fees not yet repaid, due or not.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// let debt = Debt::single(Claim::new("F", "100.00 EUR".parse()?)?).with_fee(Fee::new("frais", "40.00 EUR".parse()?)?)?;
    /// let plan = PlanRequest::new(debt, d(1, 31), Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let o = Account::new(plan, d(1, 5), StatementOptions::default())?.outstanding(d(1, 10))?;
    /// assert_eq!(o.fees()?.to_string(), "40.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] if the sum overflows.
    pub fn fees(&self) -> Result<Money> {
        self.due_fees.checked_add(self.later_fees)
    }

    /// What fell due on or before the date and was not paid (*arriérés*): fees, interest and
    /// principal of the instalments already due.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let o = Account::new(plan, d(1, 5), StatementOptions::default())?.outstanding(d(3, 1))?;
    /// assert_eq!(o.arrears()?.to_string(), "200.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] if the sum overflows.
    pub fn arrears(&self) -> Result<Money> {
        Money::sum(
            self.due_fees.currency(),
            [self.due_fees, self.due_interest, self.due_principal],
        )
    }

    /// The whole outstanding amount: principal + fees + interest already due, net of payments.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let mut account = Account::new(plan, d(1, 5), StatementOptions::default())?;
    /// account.pay(Payment::new("VIR-1", d(2, 1), "50.00 EUR".parse()?)?)?;
    /// let o = account.outstanding(d(2, 1))?;
    /// assert_eq!(o.total()?.to_string(), "1150.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] if the sum overflows.
    pub fn total(&self) -> Result<Money> {
        Money::sum(
            self.due_fees.currency(),
            [
                self.due_fees,
                self.due_interest,
                self.due_principal,
                self.later_fees,
                self.later_principal,
            ],
        )
    }

    /// The interest the plan would still charge on instalments not yet due: not outstanding.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F", "1200.00 EUR".parse()?)?), d(1, 31), Frequency::MONTHLY, Sizing::Count(12)).generate()?;
    /// let o = Account::new(plan, d(1, 5), StatementOptions::default())?.outstanding(d(2, 1))?;
    /// assert!(o.future_interest().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn future_interest(&self) -> Money {
        self.future_interest
    }

    /// The credit held for the debtor: money paid beyond what the allocation policy let the
    /// payments settle. It is not deducted from the outstanding amount.
    ///
    /// See [`Account`](crate::Account) for an example.
    pub fn credit(&self) -> Money {
        self.credit
    }

    /// The late-payment penalties accrued and not paid on the date (apart from the outstanding
    /// amount, which they are not part of).
    ///
    /// See [`Account`](crate::Account) for an example.
    pub fn penalties(&self) -> Money {
        self.penalties
            .unwrap_or(Money::zero(self.due_fees.currency()))
    }

    pub(crate) fn later_fees(&self) -> Money {
        self.later_fees
    }

    pub(crate) fn due_fees(&self) -> Money {
        self.due_fees
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(Outstanding as OutstandingRepr {
    as_of: NaiveDate,
    due_principal: Money,
    due_interest: Money,
    due_fees: Money,
    later_principal: Money,
    later_fees: Money,
    credit: Money,
    future_interest: Money,
    #[serde(default)]
    penalties: Option<Money>,
});

#[cfg(feature = "serde")]
impl Outstanding {
    /// Every part in one currency and not negative.
    fn check(&self) -> Result<()> {
        let check = crate::contract::Check::new("outstanding amount", self.due_fees.currency());
        for (field, amount) in [
            ("due_principal", self.due_principal),
            ("due_interest", self.due_interest),
            ("due_fees", self.due_fees),
            ("later_principal", self.later_principal),
            ("later_fees", self.later_fees),
            ("credit", self.credit),
            ("future_interest", self.future_interest),
            ("penalties", self.penalties()),
        ] {
            check.non_negative(field, amount)?;
        }
        Ok(())
    }
}
