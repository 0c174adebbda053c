//! What is owed: claims (invoices) and fees, in one currency.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::input::{check_date, check_text, Text};
use crate::money::{Currency, Money};

/// One amount owed, typically an unpaid invoice (*créance*).
///
/// The reference (an invoice number) identifies the claim in a debt. The issue and due dates are
/// optional because a plan does not need them, but late-payment penalties do.
///
/// ```
/// use echeancier::{Claim, Money};
/// use chrono::NaiveDate;
///
/// let claim = Claim::new("F-2026-0142", "1200.00 EUR".parse()?)?
///     .issued_on(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap())?
///     .due_on(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap())?;
/// assert_eq!(claim.reference(), "F-2026-0142");
/// assert_eq!(claim.amount().to_string(), "1200.00 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ClaimRepr", into = "ClaimRepr"))]
pub struct Claim {
    reference: String,
    issue_date: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    amount: Money,
}

impl Claim {
    /// A claim of `amount` (the amount still outstanding) under `reference`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyReference`] for a blank reference; [`Error::NotPositive`] for a zero or negative
    /// amount.
    ///
    /// ```
    /// use echeancier::Claim;
    ///
    /// assert!(Claim::new("F-1", "-5.00 EUR".parse()?).is_err());
    /// assert!(Claim::new(" ", "5.00 EUR".parse()?).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(reference: impl Into<String>, amount: Money) -> Result<Claim> {
        let reference = reference.into();
        check_text(Text::Reference, "a claim", &reference)?;
        Ok(Claim {
            reference,
            issue_date: None,
            due_date: None,
            amount: amount.require_positive("claim amount")?,
        })
    }

    /// Sets the date the claim was issued (the invoice date).
    ///
    /// # Errors
    ///
    /// [`Error::DueBeforeIssue`] if the claim already has a due date before `date`.
    ///
    /// ```
    /// use echeancier::Claim;
    /// use chrono::NaiveDate;
    ///
    /// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
    /// let claim = Claim::new("F-1", "10.00 EUR".parse()?)?.due_on(d(3))?;
    /// assert!(claim.clone().issued_on(d(2)).is_ok());
    /// assert!(claim.issued_on(d(4)).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn issued_on(mut self, date: NaiveDate) -> Result<Claim> {
        self.issue_date = Some(date);
        self.check_dates()?;
        Ok(self)
    }

    /// Sets the date the claim fell (or falls) due.
    ///
    /// # Errors
    ///
    /// [`Error::DueBeforeIssue`] if `date` is before the issue date.
    ///
    /// ```
    /// use echeancier::Claim;
    /// use chrono::NaiveDate;
    ///
    /// let due = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    /// let claim = Claim::new("F-1", "10.00 EUR".parse()?)?.due_on(due)?;
    /// assert_eq!(claim.due_date(), Some(due));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn due_on(mut self, date: NaiveDate) -> Result<Claim> {
        self.due_date = Some(date);
        self.check_dates()?;
        Ok(self)
    }

    fn check_dates(&self) -> Result<()> {
        if let Some(date) = self.issue_date {
            check_date(
                || format!("the issue date of claim {:?}", self.reference),
                date,
            )?;
        }
        if let Some(date) = self.due_date {
            check_date(
                || format!("the due date of claim {:?}", self.reference),
                date,
            )?;
        }
        match (self.issue_date, self.due_date) {
            (Some(issue_date), Some(due_date)) if due_date < issue_date => {
                Err(Error::DueBeforeIssue {
                    reference: self.reference.clone(),
                    issue_date,
                    due_date,
                })
            }
            _ => Ok(()),
        }
    }

    /// The reference (invoice number).
    ///
    /// ```
    /// let claim = echeancier::Claim::new("F-7", "1.00 EUR".parse()?)?;
    /// assert_eq!(claim.reference(), "F-7");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn reference(&self) -> &str {
        &self.reference
    }

    /// The issue date, if known.
    ///
    /// ```
    /// let claim = echeancier::Claim::new("F-7", "1.00 EUR".parse()?)?;
    /// assert_eq!(claim.issue_date(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn issue_date(&self) -> Option<NaiveDate> {
        self.issue_date
    }

    /// The due date, if known.
    ///
    /// ```
    /// let claim = echeancier::Claim::new("F-7", "1.00 EUR".parse()?)?;
    /// assert_eq!(claim.due_date(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn due_date(&self) -> Option<NaiveDate> {
        self.due_date
    }

    /// The amount outstanding.
    ///
    /// ```
    /// let claim = echeancier::Claim::new("F-7", "1.00 EUR".parse()?)?;
    /// assert_eq!(claim.amount().to_string(), "1.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(&self) -> Money {
        self.amount
    }
}

/// A cost added to the debt (collection costs, a fixed recovery compensation, a bank fee).
///
/// ```
/// use echeancier::Fee;
///
/// let fee = Fee::new("indemnité forfaitaire de recouvrement", "40.00 EUR".parse()?)?;
/// assert_eq!(fee.amount().to_string(), "40.00 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "FeeRepr", into = "FeeRepr"))]
pub struct Fee {
    label: String,
    amount: Money,
}

impl Fee {
    /// A fee of `amount` described by `label`.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] for a zero or negative amount; [`Error::EmptyLabel`] and
    /// [`Error::ControlCharacter`] for a blank label or one with a line break.
    ///
    /// ```
    /// assert!(echeancier::Fee::new("frais", "0.00 EUR".parse()?).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(label: impl Into<String>, amount: Money) -> Result<Fee> {
        let label = label.into();
        check_text(Text::Label, "a fee", &label)?;
        Ok(Fee {
            label,
            amount: amount.require_positive("fee amount")?,
        })
    }

    /// What the fee is for.
    ///
    /// ```
    /// let fee = echeancier::Fee::new("frais de dossier", "15.00 EUR".parse()?)?;
    /// assert_eq!(fee.label(), "frais de dossier");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The amount.
    ///
    /// ```
    /// let fee = echeancier::Fee::new("frais de dossier", "15.00 EUR".parse()?)?;
    /// assert_eq!(fee.amount().to_string(), "15.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(&self) -> Money {
        self.amount
    }
}

/// Everything one debtor owes one creditor: claims and fees in a single currency.
///
/// Built by adding claims and fees to an empty debt; each addition checks the currency and, for
/// claims, that the reference is new.
///
/// ```
/// use echeancier::{Claim, Currency, Debt, Fee};
///
/// let debt = Debt::new(Currency::EUR)
///     .with_claim(Claim::new("F-1", "1200.00 EUR".parse()?)?)?
///     .with_claim(Claim::new("F-2", "800.00 EUR".parse()?)?)?
///     .with_fee(Fee::new("frais", "40.00 EUR".parse()?)?)?;
/// assert_eq!(debt.principal()?.to_string(), "2000.00 EUR");
/// assert_eq!(debt.fees()?.to_string(), "40.00 EUR");
/// assert_eq!(debt.total()?.to_string(), "2040.00 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "DebtRepr", into = "DebtRepr"))]
pub struct Debt {
    currency: Currency,
    claims: Vec<Claim>,
    fees: Vec<Fee>,
}

impl Debt {
    /// An empty debt in `currency`.
    ///
    /// ```
    /// use echeancier::{Currency, Debt};
    ///
    /// let debt = Debt::new(Currency::EUR);
    /// assert!(debt.claims().is_empty());
    /// assert!(debt.total()?.is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(currency: Currency) -> Debt {
        Debt {
            currency,
            claims: Vec::new(),
            fees: Vec::new(),
        }
    }

    /// A debt of one claim.
    ///
    /// ```
    /// use echeancier::{Claim, Debt};
    ///
    /// let debt = Debt::single(Claim::new("LOAN-1", "10000.00 EUR".parse()?)?);
    /// assert_eq!(debt.total()?.to_string(), "10000.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn single(claim: Claim) -> Debt {
        Debt {
            currency: claim.amount.currency(),
            claims: vec![claim],
            fees: Vec::new(),
        }
    }

    /// Adds a claim.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if the claim is in another currency; [`Error::DuplicateReference`]
    /// if a claim with the same reference is already there.
    ///
    /// ```
    /// use echeancier::{Claim, Currency, Debt};
    ///
    /// let debt = Debt::new(Currency::EUR).with_claim(Claim::new("F-1", "1.00 EUR".parse()?)?)?;
    /// assert!(debt.clone().with_claim(Claim::new("F-1", "2.00 EUR".parse()?)?).is_err());
    /// assert!(debt.with_claim(Claim::new("F-2", "2.00 USD".parse()?)?).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_claim(mut self, claim: Claim) -> Result<Debt> {
        Money::zero(self.currency).same_currency(claim.amount)?;
        if self.claims.iter().any(|c| c.reference == claim.reference) {
            return Err(Error::DuplicateReference {
                reference: claim.reference,
            });
        }
        self.claims.push(claim);
        Ok(self)
    }

    /// Adds `claims`, in order: [`Debt::with_claim`] for many claims at once, in time linear in
    /// their number (each one added alone looks through the claims already there).
    ///
    /// # Errors
    ///
    /// As [`Debt::with_claim`], for the first claim refused.
    ///
    /// ```
    /// use echeancier::{Claim, Currency, Debt};
    ///
    /// let claims = (1..=3).map(|n| Claim::new(format!("F-{n}"), "10.00 EUR".parse()?));
    /// let debt = Debt::new(Currency::EUR).with_claims(claims.collect::<Result<Vec<_>, _>>()?)?;
    /// assert_eq!(debt.claims().len(), 3);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_claims(mut self, claims: impl IntoIterator<Item = Claim>) -> Result<Debt> {
        let before = self.claims.len();
        self.claims.extend(claims);
        // The references are looked up where they are, never copied.
        let mut seen: std::collections::HashSet<&str> =
            std::collections::HashSet::with_capacity(self.claims.len());
        for (at, claim) in self.claims.iter().enumerate() {
            if at >= before {
                Money::zero(self.currency).same_currency(claim.amount)?;
            }
            if !seen.insert(claim.reference.as_str()) {
                return Err(Error::DuplicateReference {
                    reference: claim.reference.clone(),
                });
            }
        }
        Ok(self)
    }

    /// Adds a fee.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if the fee is in another currency.
    ///
    /// ```
    /// use echeancier::{Currency, Debt, Fee};
    ///
    /// let debt = Debt::new(Currency::EUR).with_fee(Fee::new("frais", "40.00 EUR".parse()?)?)?;
    /// assert_eq!(debt.fees()?.to_string(), "40.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_fee(mut self, fee: Fee) -> Result<Debt> {
        Money::zero(self.currency).same_currency(fee.amount)?;
        self.fees.push(fee);
        Ok(self)
    }

    /// The currency.
    ///
    /// ```
    /// use echeancier::{Currency, Debt};
    ///
    /// assert_eq!(Debt::new(Currency::JPY).currency(), Currency::JPY);
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The claims, in the order they were added.
    ///
    /// ```
    /// use echeancier::{Claim, Debt};
    ///
    /// let debt = Debt::single(Claim::new("F-1", "1.00 EUR".parse()?)?);
    /// assert_eq!(debt.claims()[0].reference(), "F-1");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// The fees, in the order they were added.
    ///
    /// ```
    /// use echeancier::{Currency, Debt};
    ///
    /// assert!(Debt::new(Currency::EUR).fee_lines().is_empty());
    /// ```
    pub fn fee_lines(&self) -> &[Fee] {
        &self.fees
    }

    /// The sum of the claims.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] past `Decimal`'s range.
    ///
    /// ```
    /// use echeancier::{Claim, Debt};
    ///
    /// let debt = Debt::single(Claim::new("F-1", "1.50 EUR".parse()?)?);
    /// assert_eq!(debt.principal()?.to_string(), "1.50 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn principal(&self) -> Result<Money> {
        Money::sum(self.currency, self.claims.iter().map(Claim::amount))
    }

    /// The sum of the fees.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] past `Decimal`'s range.
    ///
    /// ```
    /// use echeancier::{Currency, Debt};
    ///
    /// assert!(Debt::new(Currency::EUR).fees()?.is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn fees(&self) -> Result<Money> {
        Money::sum(self.currency, self.fees.iter().map(Fee::amount))
    }

    /// Claims plus fees.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] past `Decimal`'s range.
    ///
    /// ```
    /// use echeancier::{Claim, Debt, Fee};
    ///
    /// let debt = Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?)
    ///     .with_fee(Fee::new("frais", "40.00 EUR".parse()?)?)?;
    /// assert_eq!(debt.total()?.to_string(), "140.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn total(&self) -> Result<Money> {
        // One positive claim at its currency's scale and no fee: the sums below add zeros to it
        // and give its amount back, to the bit. Generation asks this for every schedule.
        if let ([claim], []) = (self.claims.as_slice(), self.fees.as_slice()) {
            let amount = claim.amount;
            if amount.currency() == self.currency
                && amount.is_positive()
                && amount.minor_i128().is_some()
            {
                return Ok(amount);
            }
        }
        self.principal()?.checked_add(self.fees()?)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimRepr {
    reference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    issue_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due_date: Option<NaiveDate>,
    amount: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<ClaimRepr> for Claim {
    type Error = Error;

    fn try_from(r: ClaimRepr) -> Result<Claim> {
        let mut claim = Claim::new(r.reference, r.amount)?;
        claim.issue_date = r.issue_date;
        claim.due_date = r.due_date;
        claim.check_dates()?;
        Ok(claim)
    }
}

#[cfg(feature = "serde")]
impl From<Claim> for ClaimRepr {
    fn from(c: Claim) -> ClaimRepr {
        ClaimRepr {
            reference: c.reference,
            issue_date: c.issue_date,
            due_date: c.due_date,
            amount: c.amount,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FeeRepr {
    label: String,
    amount: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<FeeRepr> for Fee {
    type Error = Error;

    fn try_from(r: FeeRepr) -> Result<Fee> {
        Fee::new(r.label, r.amount)
    }
}

#[cfg(feature = "serde")]
impl From<Fee> for FeeRepr {
    fn from(f: Fee) -> FeeRepr {
        FeeRepr {
            label: f.label,
            amount: f.amount,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DebtRepr {
    currency: Currency,
    claims: Vec<Claim>,
    #[serde(default)]
    fees: Vec<Fee>,
}

#[cfg(feature = "serde")]
impl TryFrom<DebtRepr> for Debt {
    type Error = Error;

    fn try_from(r: DebtRepr) -> Result<Debt> {
        let debt = Debt::new(r.currency).with_claims(r.claims)?;
        r.fees.into_iter().try_fold(debt, Debt::with_fee)
    }
}

#[cfg(feature = "serde")]
impl From<Debt> for DebtRepr {
    fn from(d: Debt) -> DebtRepr {
        DebtRepr {
            currency: d.currency,
            claims: d.claims,
            fees: d.fees,
        }
    }
}
