//! Payments and their allocation: what the debtor paid, and which part of the plan each payment settles.
//!
//! A [`Payment`] has a reference, a date and an amount. An [`AllocationPolicy`] (*imputation des
//! paiements*) is an ordered list of [`AllocationStep`]s, each a set of instalments
//! ([`InstalmentSelector`]: overdue, due that day, not yet due; always oldest first) and a
//! [`Component`] of what they owe (fees, fixed compensation, late-payment penalties, interest,
//! principal), swept as its [`Sweep`] says. What is left once the steps are done goes by the policy's
//! [`Surplus`] rule: to the next instalments, or kept as a refundable credit. Each share of a payment is
//! an [`Allocation`] to an [`AllocationTarget`].
//!
//! Presets: France (Code civil 1342-10 and 1343-1), Germany (BGB §§ 366, 367 and § 497 for consumer
//! credit), and principal first. A [`Statement`](crate::Statement) runs the allocation.
//!
//! ```
//! use echeancier::{AllocationPolicy, Component, InstalmentSelector, Surplus};
//!
//! let policy = AllocationPolicy::france_1343_1();
//! assert_eq!(policy.steps()[0].selector(), InstalmentSelector::Overdue);
//! assert_eq!(policy.steps()[0].component(), Component::Fees);
//! assert_eq!(policy.surplus(), Surplus::ApplyToNextInstalments);
//!
//! let own = AllocationPolicy::new()
//!     .then(InstalmentSelector::Overdue, Component::Principal)
//!     .then(InstalmentSelector::Overdue, Component::Interest)
//!     .with_surplus(Surplus::KeepAsCredit);
//! assert_eq!(own.steps().len(), 2);
//! ```

pub(crate) mod allocate;
mod policy;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::input::{check_text, Text};
use crate::money::{Money, SharedStr};

pub use policy::{AllocationPolicy, AllocationStep, Component, InstalmentSelector, Surplus, Sweep};

/// A payment the debtor made: a reference (a bank transaction, a cheque number), a date and an amount.
///
/// ```
/// use echeancier::Payment;
/// use chrono::NaiveDate;
///
/// let date = NaiveDate::from_ymd_opt(2027, 2, 3).unwrap();
/// let payment = Payment::new("VIR-0042", date, "250.00 EUR".parse()?)?;
/// assert_eq!(payment.reference(), "VIR-0042");
/// assert_eq!(payment.date(), date);
/// assert_eq!(payment.amount().to_string(), "250.00 EUR");
/// assert!(Payment::new("VIR-0043", date, "0.00 EUR".parse()?).is_err());
/// assert!(Payment::new(" ", date, "1.00 EUR".parse()?).is_err());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "PaymentRepr", into = "PaymentRepr")
)]
pub struct Payment {
    /// Kept in place when short, as nearly all are: copying a payment copies no text.
    reference: SharedStr,
    date: NaiveDate,
    amount: Money,
}

impl Payment {
    /// A payment of `amount` made on `date`, identified by `reference`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyReference`] for a blank reference; [`Error::NotPositive`] for a zero or
    /// negative amount.
    ///
    /// ```
    /// use echeancier::{Error, Payment};
    /// use chrono::NaiveDate;
    ///
    /// let err = Payment::new("P-1", NaiveDate::MIN, "-5.00 EUR".parse()?).unwrap_err();
    /// assert!(matches!(err, Error::NotPositive { .. }));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(reference: impl Into<String>, date: NaiveDate, amount: Money) -> Result<Payment> {
        let reference = reference.into();
        check_text(Text::Reference, "a payment", &reference)?;
        Ok(Payment {
            reference: SharedStr::from(reference),
            date,
            amount: amount.require_positive("payment amount")?,
        })
    }

    /// The reference.
    ///
    /// See [`Payment`] for an example.
    pub fn reference(&self) -> &str {
        self.reference.as_str()
    }

    /// The shared reference, copied into the shares of the payment.
    pub(crate) fn shared_reference(&self) -> &SharedStr {
        &self.reference
    }

    /// The date it was made.
    ///
    /// See [`Payment`] for an example.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The amount paid.
    ///
    /// See [`Payment`] for an example.
    pub fn amount(&self) -> Money {
        self.amount
    }
}

/// A payment on an overdue amount: from the day after `date`, interest runs on what is left.
///
/// ```
/// use echeancier::PartialPayment;
/// use chrono::NaiveDate;
///
/// let p = PartialPayment::new(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(), "500.00 EUR".parse()?)?;
/// assert_eq!(p.amount().to_string(), "500.00 EUR");
/// assert!(PartialPayment::new(p.date(), "0.00 EUR".parse()?).is_err());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "PartialPaymentRepr", into = "PartialPaymentRepr")
)]
pub struct PartialPayment {
    date: NaiveDate,
    amount: Money,
}

impl PartialPayment {
    /// A payment of `amount` made on `date`.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] for a zero or negative amount.
    ///
    /// ```
    /// use echeancier::PartialPayment;
    /// use chrono::NaiveDate;
    ///
    /// assert!(PartialPayment::new(NaiveDate::MIN, "-1.00 EUR".parse()?).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(date: NaiveDate, amount: Money) -> Result<PartialPayment> {
        Ok(PartialPayment {
            date,
            amount: amount.require_positive("payment amount")?,
        })
    }

    /// The date it was made.
    ///
    /// ```
    /// use echeancier::PartialPayment;
    /// use chrono::NaiveDate;
    ///
    /// let d = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    /// assert_eq!(PartialPayment::new(d, "1.00 EUR".parse()?)?.date(), d);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The amount paid.
    ///
    /// ```
    /// use echeancier::PartialPayment;
    /// use chrono::NaiveDate;
    ///
    /// let p = PartialPayment::new(NaiveDate::MIN, "1.00 EUR".parse()?)?;
    /// assert_eq!(p.amount().to_string(), "1.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(&self) -> Money {
        self.amount
    }
}

/// What becomes of (part of) the credit held for the debtor.
///
/// ```
/// use echeancier::CreditUse;
///
/// assert_eq!(CreditUse::Applied.to_string(), "applied");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum CreditUse {
    /// Allocated, like a payment on that day, to what is owed; what is left once everything due
    /// is paid goes on to the next instalments (whatever the policy's [`Surplus`]).
    Applied,
    /// Paid back to the debtor.
    Refunded,
}

impl core::fmt::Display for CreditUse {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            CreditUse::Applied => "applied",
            CreditUse::Refunded => "refunded",
        })
    }
}

/// A use of the debtor's credit (money paid beyond what the allocation policy let payments settle):
/// applied to what is owed, or refunded.
///
/// ```
/// use echeancier::{CreditMove, CreditUse};
/// use chrono::NaiveDate;
///
/// let date = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
/// let refund = CreditMove::new("REFUND-1", date, "150.00 EUR".parse()?, CreditUse::Refunded)?;
/// assert_eq!(refund.reference(), "REFUND-1");
/// assert_eq!((refund.date(), refund.kind()), (date, CreditUse::Refunded));
/// assert_eq!(refund.amount().to_string(), "150.00 EUR");
/// assert!(CreditMove::new("R", date, "0.00 EUR".parse()?, CreditUse::Applied).is_err());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "CreditMoveRepr", into = "CreditMoveRepr")
)]
pub struct CreditMove {
    reference: String,
    date: NaiveDate,
    amount: Money,
    kind: CreditUse,
}

impl CreditMove {
    /// `amount` of the credit applied or refunded on `date`, identified by `reference`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyReference`] for a blank reference; [`Error::NotPositive`] for a zero or
    /// negative amount.
    ///
    /// See [`CreditMove`] for an example.
    pub fn new(
        reference: impl Into<String>,
        date: NaiveDate,
        amount: Money,
        kind: CreditUse,
    ) -> Result<CreditMove> {
        let reference = reference.into();
        check_text(Text::Reference, "a use of the credit", &reference)?;
        Ok(CreditMove {
            reference,
            date,
            amount: amount.require_positive("credit applied or refunded")?,
            kind,
        })
    }

    /// The reference.
    ///
    /// See [`CreditMove`] for an example.
    pub fn reference(&self) -> &str {
        &self.reference
    }

    /// The day.
    ///
    /// See [`CreditMove`] for an example.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The amount of credit used.
    ///
    /// See [`CreditMove`] for an example.
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// Applied or refunded.
    ///
    /// See [`CreditMove`] for an example.
    pub fn kind(&self) -> CreditUse {
        self.kind
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CreditMoveRepr {
    reference: String,
    date: NaiveDate,
    amount: Money,
    kind: CreditUse,
}

#[cfg(feature = "serde")]
impl TryFrom<CreditMoveRepr> for CreditMove {
    type Error = Error;

    fn try_from(r: CreditMoveRepr) -> Result<CreditMove> {
        CreditMove::new(r.reference, r.date, r.amount, r.kind)
    }
}

#[cfg(feature = "serde")]
impl From<CreditMove> for CreditMoveRepr {
    fn from(c: CreditMove) -> CreditMoveRepr {
        CreditMoveRepr {
            reference: c.reference,
            date: c.date,
            amount: c.amount,
            kind: c.kind,
        }
    }
}

/// What a charge added after signature is: a fee (a returned-payment or dunning fee, a
/// collection cost) or a penalty (a contractual lump sum for a default).
///
/// The allocation policy pays a fee as [`Component::Fees`] and a penalty as
/// [`Component::Compensation`], like the same parts of an instalment.
///
/// ```
/// use echeancier::{ChargeKind, Component};
///
/// assert_eq!(ChargeKind::Fee.component(), Component::Fees);
/// assert_eq!(ChargeKind::Penalty.component(), Component::Compensation);
/// assert_eq!(ChargeKind::Fee.to_string(), "fee");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ChargeKind {
    /// A fee: paid as [`Component::Fees`].
    Fee,
    /// A penalty: paid as [`Component::Compensation`].
    Penalty,
}

impl ChargeKind {
    /// The component the allocation policy pays the charge as.
    ///
    /// See [`ChargeKind`] for an example.
    pub fn component(self) -> Component {
        match self {
            ChargeKind::Fee => Component::Fees,
            ChargeKind::Penalty => Component::Compensation,
        }
    }
}

impl core::fmt::Display for ChargeKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            ChargeKind::Fee => "fee",
            ChargeKind::Penalty => "penalty",
        })
    }
}

/// A charge added to a plan after it was signed, with its own due date: a returned-payment fee,
/// a dunning fee, a contractual penalty.
///
/// It is owed from the day it is added and falls due on its due date; payments made before it was
/// added never pay it. The allocation policy pays it like the part of an instalment due that day
/// (see [`ChargeKind::component`]); it bears no late-payment interest. An adjustment of the plan
/// carries what is still owed of it: a fee with the fees outstanding, a penalty with the
/// penalties.
///
/// ```
/// use echeancier::{Charge, ChargeKind};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let fee = Charge::new("REJ-1", "returned direct debit", ChargeKind::Fee, d(3, 2), d(3, 31),
///     "15.00 EUR".parse()?)?;
/// assert_eq!((fee.reference(), fee.label(), fee.kind()), ("REJ-1", "returned direct debit", ChargeKind::Fee));
/// assert_eq!((fee.added_on(), fee.due_date()), (d(3, 2), d(3, 31)));
/// assert_eq!(fee.amount().to_string(), "15.00 EUR");
/// // Due before it was added: refused, naming both dates.
/// let early = Charge::new("REJ-2", "returned direct debit", ChargeKind::Fee, d(3, 2), d(3, 1),
///     "15.00 EUR".parse()?);
/// assert_eq!(early.unwrap_err().to_string(),
///     "its due date (2027-03-01) must come after the day the charge was added (2027-03-02)");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ChargeRepr", into = "ChargeRepr"))]
pub struct Charge {
    reference: String,
    label: String,
    kind: ChargeKind,
    added_on: NaiveDate,
    due_date: NaiveDate,
    amount: Money,
}

impl Charge {
    /// `amount` of `kind`, described by `label`, added on `added_on` and due on `due_date`,
    /// identified by `reference`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyReference`] for a blank reference or label; [`Error::NotPositive`] for a zero
    /// or negative amount; [`Error::DateOrder`] for a due date before the day it is added.
    ///
    /// See [`Charge`] for an example.
    pub fn new(
        reference: impl Into<String>,
        label: impl Into<String>,
        kind: ChargeKind,
        added_on: NaiveDate,
        due_date: NaiveDate,
        amount: Money,
    ) -> Result<Charge> {
        let reference = reference.into();
        check_text(Text::Reference, "a charge", &reference)?;
        let label = label.into();
        check_text(Text::Reference, "the label of a charge", &label)?;
        if due_date < added_on {
            return Err(Error::DateOrder {
                earlier: "the day the charge was added",
                earlier_date: added_on,
                later: "its due date",
                later_date: due_date,
            });
        }
        Ok(Charge {
            reference,
            label,
            kind,
            added_on,
            due_date,
            amount: amount.require_positive("charge")?,
        })
    }

    /// The reference.
    ///
    /// See [`Charge`] for an example.
    pub fn reference(&self) -> &str {
        &self.reference
    }

    /// What it is for, as the debtor reads it.
    ///
    /// See [`Charge`] for an example.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// A fee or a penalty.
    ///
    /// See [`Charge`] for an example.
    pub fn kind(&self) -> ChargeKind {
        self.kind
    }

    /// The day it was added: payments made before it never pay it.
    ///
    /// See [`Charge`] for an example.
    pub fn added_on(&self) -> NaiveDate {
        self.added_on
    }

    /// The day it falls due.
    ///
    /// See [`Charge`] for an example.
    pub fn due_date(&self) -> NaiveDate {
        self.due_date
    }

    /// The amount.
    ///
    /// See [`Charge`] for an example.
    pub fn amount(&self) -> Money {
        self.amount
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ChargeRepr {
    reference: String,
    label: String,
    kind: ChargeKind,
    added_on: NaiveDate,
    due_date: NaiveDate,
    amount: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<ChargeRepr> for Charge {
    type Error = Error;

    fn try_from(r: ChargeRepr) -> Result<Charge> {
        Charge::new(
            r.reference,
            r.label,
            r.kind,
            r.added_on,
            r.due_date,
            r.amount,
        )
    }
}

#[cfg(feature = "serde")]
impl From<Charge> for ChargeRepr {
    fn from(c: Charge) -> ChargeRepr {
        ChargeRepr {
            reference: c.reference,
            label: c.label,
            kind: c.kind,
            added_on: c.added_on,
            due_date: c.due_date,
            amount: c.amount,
        }
    }
}

/// Where a share of a payment went: a component of an instalment, or the debtor's credit.
///
/// ```
/// use echeancier::{AllocationTarget, Component};
///
/// let target = AllocationTarget::Instalment { number: 3, component: Component::Principal };
/// assert_eq!(target.instalment(), Some(3));
/// assert_eq!(AllocationTarget::Credit.instalment(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AllocationTarget {
    /// A component of what an instalment owes.
    Instalment {
        /// The instalment's number (0 for a down payment).
        number: u32,
        /// Which part of what it owes.
        component: Component,
    },
    /// Money left once everything the policy allows was paid: the debtor's credit.
    Credit,
    /// A charge added after signature (see [`Charge`]).
    Charge {
        /// The charge's number: 1 for the first charge added while the version is in force, then
        /// one more for each.
        number: u32,
        /// The component it is paid as (see [`ChargeKind::component`]).
        component: Component,
    },
}

impl AllocationTarget {
    /// The instalment's number, or `None` for the credit and a charge.
    ///
    /// See [`AllocationTarget`] for an example.
    pub fn instalment(&self) -> Option<u32> {
        match self {
            AllocationTarget::Instalment { number, .. } => Some(*number),
            AllocationTarget::Credit | AllocationTarget::Charge { .. } => None,
        }
    }

    /// The component, or `None` for the credit.
    ///
    /// ```
    /// use echeancier::{AllocationTarget, Component};
    ///
    /// let target = AllocationTarget::Instalment { number: 1, component: Component::Fees };
    /// assert_eq!(target.component(), Some(Component::Fees));
    /// ```
    pub fn component(&self) -> Option<Component> {
        match self {
            AllocationTarget::Instalment { component, .. }
            | AllocationTarget::Charge { component, .. } => Some(*component),
            AllocationTarget::Credit => None,
        }
    }
}

/// One share of a payment: which payment, where it went, how much.
///
/// The shares of a payment always add up to it exactly.
///
/// ```
/// use echeancier::*;
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
/// let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?), d(1, 31),
///     Frequency::MONTHLY, Sizing::Count(3)).generate()?;
/// let payments = [Payment::new("P-1", d(1, 31), "150.00 EUR".parse()?)?];
/// let options = StatementOptions::new(AllocationPolicy::france_1343_1().with_surplus(Surplus::KeepAsCredit));
/// let statement = Statement::new(&plan, &payments, &options, d(2, 1))?;
/// let shares = statement.allocations();
/// assert_eq!(shares.len(), 2);
/// assert_eq!(shares[0].payment(), "P-1");
/// assert_eq!(shares[0].date(), d(1, 31));
/// assert_eq!(shares[0].target(), AllocationTarget::Instalment { number: 1, component: Component::Principal });
/// assert_eq!(shares[0].amount().to_string(), "100.00 EUR");
/// assert_eq!(shares[1].target(), AllocationTarget::Credit);
/// assert_eq!(shares[1].amount().to_string(), "50.00 EUR");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialising re-checks what an allocation always is (a non-empty payment reference, an amount
/// greater than zero) and rejects JSON that breaks it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "AllocationRepr"))]
pub struct Allocation {
    payment: SharedStr,
    date: NaiveDate,
    target: AllocationTarget,
    amount: Money,
}

impl Allocation {
    /// The reference of the payment the share comes from.
    ///
    /// See [`Allocation`] for an example.
    pub fn payment(&self) -> &str {
        self.payment.as_str()
    }

    /// The payment's date.
    ///
    /// See [`Allocation`] for an example.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Where the share went.
    ///
    /// See [`Allocation`] for an example.
    pub fn target(&self) -> AllocationTarget {
        self.target
    }

    /// The amount, always positive.
    ///
    /// See [`Allocation`] for an example.
    pub fn amount(&self) -> Money {
        self.amount
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(Allocation as AllocationRepr {
    payment: SharedStr,
    date: NaiveDate,
    target: AllocationTarget,
    amount: Money,
});

#[cfg(feature = "serde")]
impl Allocation {
    /// What an allocation always is: a share of a named payment, greater than zero, to an
    /// instalment or to the credit.
    fn check(&self) -> Result<()> {
        let check = crate::contract::Check::new("allocation", self.amount.currency());
        check.that(!self.payment.as_str().trim().is_empty(), || {
            "the payment reference is empty".to_owned()
        })?;
        check.positive("amount", self.amount)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PaymentRepr {
    reference: String,
    date: NaiveDate,
    amount: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<PaymentRepr> for Payment {
    type Error = Error;

    fn try_from(r: PaymentRepr) -> Result<Payment> {
        Payment::new(r.reference, r.date, r.amount)
    }
}

#[cfg(feature = "serde")]
impl From<Payment> for PaymentRepr {
    fn from(p: Payment) -> PaymentRepr {
        PaymentRepr {
            reference: p.reference.as_str().to_owned(),
            date: p.date,
            amount: p.amount,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PartialPaymentRepr {
    date: NaiveDate,
    amount: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<PartialPaymentRepr> for PartialPayment {
    type Error = Error;

    fn try_from(r: PartialPaymentRepr) -> Result<PartialPayment> {
        PartialPayment::new(r.date, r.amount)
    }
}

#[cfg(feature = "serde")]
impl From<PartialPayment> for PartialPaymentRepr {
    fn from(p: PartialPayment) -> PartialPaymentRepr {
        PartialPaymentRepr {
            date: p.date,
            amount: p.amount,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_payment_needs_a_reference_and_a_positive_amount() {
        let date = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(
            Payment::new("", date, "1.00 EUR".parse().unwrap()),
            Err(Error::EmptyReference { what: "a payment" })
        );
        assert!(Payment::new("P", date, "0 EUR".parse().unwrap()).is_err());
        assert!(Payment::new("P", date, "0.01 EUR".parse().unwrap()).is_ok());
    }

    #[test]
    fn uses_of_the_credit_read_as_words() {
        assert_eq!(CreditUse::Applied.to_string(), "applied");
        assert_eq!(CreditUse::Refunded.to_string(), "refunded");
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deserialising_an_allocation_validates_it() {
        let ok = r#"{"payment":"P-1","date":"2027-01-05","target":"credit","amount":{"amount":"10.00","currency":"EUR"}}"#;
        let a: Allocation = serde_json::from_str(ok).unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), ok);
        for bad in [ok.replace("P-1", " "), ok.replace("10.00", "0.00")] {
            assert!(
                serde_json::from_str::<Allocation>(&bad).is_err(),
                "read as an allocation: {bad}"
            );
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deserialising_a_payment_validates_it() {
        let ok = r#"{"reference":"P-1","date":"2027-01-05","amount":{"amount":"10.00","currency":"EUR"}}"#;
        let p: Payment = serde_json::from_str(ok).unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), ok);
        let bad = ok.replace("10.00", "-10.00");
        assert!(serde_json::from_str::<Payment>(&bad).is_err());
    }
}
