//! What a debtor has done so far: the amounts that fell due with their payments, and the payment
//! agreements they signed and kept or broke.

use core::fmt;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::Currency;
use crate::penalty::OverdueItem;

/// How a payment agreement (a plan, a promise to pay by a date) ended, or that it has not.
///
/// ```
/// use echeancier::AgreementOutcome;
///
/// assert_eq!(AgreementOutcome::default(), AgreementOutcome::InProgress);
/// assert_eq!(AgreementOutcome::Broken.to_string(), "broken");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AgreementOutcome {
    /// Still running: neither kept to the end nor broken yet.
    #[default]
    InProgress,
    /// Kept to the end: everything it asked for was paid.
    Honoured,
    /// Broken: the debtor stopped paying or missed a term, and the agreement lapsed
    /// (*déchéance du terme*).
    Broken,
}

impl fmt::Display for AgreementOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AgreementOutcome::InProgress => "in progress",
            AgreementOutcome::Honoured => "honoured",
            AgreementOutcome::Broken => "broken",
        })
    }
}

/// A payment agreement the debtor signed before: when, and how it ended.
///
/// An agreement only counts in a profile as of a date on or after it was signed, and its outcome only
/// from the date it ended: as of an earlier date it was still in progress.
///
/// ```
/// use echeancier::{Agreement, AgreementOutcome};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let plan = Agreement::new("plan 2025-01", d(1, 10))?.broken_on(d(4, 5))?;
/// assert_eq!(plan.outcome(), AgreementOutcome::Broken);
/// assert_eq!(plan.outcome_on(d(3, 31)), Some(AgreementOutcome::InProgress));
/// assert_eq!(plan.outcome_on(d(4, 5)), Some(AgreementOutcome::Broken));
/// assert_eq!(plan.outcome_on(d(1, 9)), None); // not signed yet
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "AgreementRepr", into = "AgreementRepr")
)]
pub struct Agreement {
    reference: String,
    signed_on: NaiveDate,
    outcome: AgreementOutcome,
    /// `Some` exactly when the outcome is not `InProgress`; never before `signed_on`.
    ended_on: Option<NaiveDate>,
}

impl Agreement {
    /// An agreement identified by `reference`, signed on `signed_on`, still in progress.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyReference`] for a blank reference.
    ///
    /// ```
    /// use echeancier::Agreement;
    /// use chrono::NaiveDate;
    ///
    /// assert!(Agreement::new(" ", NaiveDate::MIN).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(reference: impl Into<String>, signed_on: NaiveDate) -> Result<Agreement> {
        let reference = reference.into();
        crate::input::check_text(crate::input::Text::Reference, "an agreement", &reference)?;
        Ok(Agreement {
            reference,
            signed_on,
            outcome: AgreementOutcome::InProgress,
            ended_on: None,
        })
    }

    /// The agreement, kept to the end on `date`.
    ///
    /// # Errors
    ///
    /// [`Error::DateOrder`] if `date` is before the signing date.
    ///
    /// ```
    /// use echeancier::{Agreement, AgreementOutcome};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let plan = Agreement::new("A-1", d(1, 10))?.honoured_on(d(6, 10))?;
    /// assert_eq!((plan.outcome(), plan.ended_on()), (AgreementOutcome::Honoured, Some(d(6, 10))));
    /// assert!(Agreement::new("A-2", d(1, 10))?.honoured_on(d(1, 9)).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn honoured_on(self, date: NaiveDate) -> Result<Agreement> {
        self.ended(AgreementOutcome::Honoured, date)
    }

    /// The agreement, broken on `date` (the day it lapsed).
    ///
    /// # Errors
    ///
    /// [`Error::DateOrder`] if `date` is before the signing date.
    ///
    /// ```
    /// use echeancier::{Agreement, AgreementOutcome};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let plan = Agreement::new("A-1", d(1, 10))?.broken_on(d(3, 5))?;
    /// assert_eq!(plan.outcome(), AgreementOutcome::Broken);
    /// assert_eq!(
    ///     Agreement::new("A-2", d(1, 10))?.broken_on(d(1, 9)).unwrap_err().to_string(),
    ///     "agreement end date (2025-01-09) must come after agreement signing date (2025-01-10)"
    /// );
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn broken_on(self, date: NaiveDate) -> Result<Agreement> {
        self.ended(AgreementOutcome::Broken, date)
    }

    fn ended(mut self, outcome: AgreementOutcome, date: NaiveDate) -> Result<Agreement> {
        if date < self.signed_on {
            return Err(Error::DateOrder {
                earlier: "agreement signing date",
                earlier_date: self.signed_on,
                later: "agreement end date",
                later_date: date,
            });
        }
        self.outcome = outcome;
        self.ended_on = match outcome {
            AgreementOutcome::InProgress => None,
            AgreementOutcome::Honoured | AgreementOutcome::Broken => Some(date),
        };
        Ok(self)
    }

    /// The reference.
    ///
    /// ```
    /// use echeancier::Agreement;
    /// use chrono::NaiveDate;
    ///
    /// assert_eq!(Agreement::new("A-7", NaiveDate::MIN)?.reference(), "A-7");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn reference(&self) -> &str {
        &self.reference
    }

    /// The date it was signed.
    ///
    /// ```
    /// use echeancier::Agreement;
    /// use chrono::NaiveDate;
    ///
    /// assert_eq!(Agreement::new("A-7", NaiveDate::MIN)?.signed_on(), NaiveDate::MIN);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn signed_on(&self) -> NaiveDate {
        self.signed_on
    }

    /// How it ended, or [`AgreementOutcome::InProgress`].
    ///
    /// ```
    /// use echeancier::{Agreement, AgreementOutcome};
    /// use chrono::NaiveDate;
    ///
    /// assert_eq!(Agreement::new("A-7", NaiveDate::MIN)?.outcome(), AgreementOutcome::InProgress);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn outcome(&self) -> AgreementOutcome {
        self.outcome
    }

    /// The date it was honoured or broken; `None` while in progress.
    ///
    /// ```
    /// use echeancier::Agreement;
    /// use chrono::NaiveDate;
    ///
    /// assert_eq!(Agreement::new("A-7", NaiveDate::MIN)?.ended_on(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn ended_on(&self) -> Option<NaiveDate> {
        self.ended_on
    }

    /// What was known of it at the end of `date`: `None` before it was signed, in progress before it
    /// ended, then its outcome.
    ///
    /// ```
    /// use echeancier::{Agreement, AgreementOutcome};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let plan = Agreement::new("A-1", d(1, 10))?.honoured_on(d(6, 10))?;
    /// assert_eq!(plan.outcome_on(d(6, 9)), Some(AgreementOutcome::InProgress));
    /// assert_eq!(plan.outcome_on(d(6, 10)), Some(AgreementOutcome::Honoured));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn outcome_on(&self, date: NaiveDate) -> Option<AgreementOutcome> {
        if date < self.signed_on {
            return None;
        }
        match self.ended_on {
            Some(ended) if ended <= date => Some(self.outcome),
            _ => Some(AgreementOutcome::InProgress),
        }
    }
}

/// A debtor's payment history in one currency: the amounts that fell due (invoices, instalments of
/// earlier plans) with the payments made on each, and the agreements they signed.
///
/// Each due amount is an [`OverdueItem`], the same record the penalty computation reads, so one list
/// serves both. Payments may be dated before the due date (paid early).
///
/// ```
/// use echeancier::{Agreement, Currency, OverdueItem, PaymentHistory};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let history = PaymentHistory::new(Currency::EUR)
///     .with_item(OverdueItem::new("F-1", d(1, 31), "500.00 EUR".parse()?)?.paid_on(d(1, 30))?)?
///     .with_item(OverdueItem::new("F-2", d(2, 28), "500.00 EUR".parse()?)?)?
///     .with_agreement(Agreement::new("plan 1", d(3, 10))?)?;
/// assert_eq!(history.items().len(), 2);
/// assert_eq!(history.agreements().len(), 1);
/// assert!(PaymentHistory::new(Currency::EUR)
///     .with_item(OverdueItem::new("F-3", d(1, 31), "500.00 USD".parse()?)?)
///     .is_err());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "HistoryRepr", into = "HistoryRepr")
)]
pub struct PaymentHistory {
    currency: Currency,
    /// In the order given; references are unique.
    items: Vec<OverdueItem>,
    /// In the order given; references are unique.
    agreements: Vec<Agreement>,
}

impl PaymentHistory {
    /// An empty history in `currency`.
    ///
    /// ```
    /// use echeancier::{Currency, PaymentHistory};
    ///
    /// let history = PaymentHistory::new(Currency::EUR);
    /// assert!(history.is_empty());
    /// assert_eq!(history.currency(), Currency::EUR);
    /// ```
    pub fn new(currency: Currency) -> PaymentHistory {
        PaymentHistory {
            currency,
            items: Vec::new(),
            agreements: Vec::new(),
        }
    }

    /// Adds an amount that fell due, with its payments.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if the item is not in the history's currency;
    /// [`Error::DuplicateReference`] if an item with the same reference is already there.
    ///
    /// ```
    /// use echeancier::{Currency, OverdueItem, PaymentHistory};
    /// use chrono::NaiveDate;
    ///
    /// let item = OverdueItem::new("F-1", NaiveDate::MIN, "1.00 EUR".parse()?)?;
    /// let history = PaymentHistory::new(Currency::EUR).with_item(item.clone())?;
    /// assert_eq!(
    ///     history.with_item(item).unwrap_err().to_string(),
    ///     "duplicate claim reference \"F-1\""
    /// );
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_item(mut self, item: OverdueItem) -> Result<PaymentHistory> {
        if item.amount().currency() != self.currency {
            return Err(Error::CurrencyMismatch {
                expected: self.currency,
                found: item.amount().currency(),
            });
        }
        if self.items.iter().any(|i| i.reference() == item.reference()) {
            return Err(Error::DuplicateReference {
                reference: item.reference().to_owned(),
            });
        }
        self.items.push(item);
        Ok(self)
    }

    /// Adds `items`, in order: [`PaymentHistory::with_item`] for many items at once, in time
    /// linear in their number.
    ///
    /// # Errors
    ///
    /// As [`PaymentHistory::with_item`], for the first item refused.
    pub fn with_items(
        mut self,
        items: impl IntoIterator<Item = OverdueItem>,
    ) -> Result<PaymentHistory> {
        let mut seen: std::collections::HashSet<String> = self
            .items
            .iter()
            .map(|i| i.reference().to_owned())
            .collect();
        for item in items {
            if item.amount().currency() != self.currency {
                return Err(Error::CurrencyMismatch {
                    expected: self.currency,
                    found: item.amount().currency(),
                });
            }
            if !seen.insert(item.reference().to_owned()) {
                return Err(Error::DuplicateReference {
                    reference: item.reference().to_owned(),
                });
            }
            self.items.push(item);
        }
        Ok(self)
    }

    /// Adds a past or running payment agreement.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateReference`] if an agreement with the same reference is already there.
    ///
    /// ```
    /// use echeancier::{Agreement, Currency, PaymentHistory};
    /// use chrono::NaiveDate;
    ///
    /// let plan = Agreement::new("A-1", NaiveDate::MIN)?;
    /// let history = PaymentHistory::new(Currency::EUR).with_agreement(plan.clone())?;
    /// assert!(history.with_agreement(plan).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_agreement(mut self, agreement: Agreement) -> Result<PaymentHistory> {
        if self
            .agreements
            .iter()
            .any(|a| a.reference == agreement.reference)
        {
            return Err(Error::DuplicateReference {
                reference: agreement.reference,
            });
        }
        self.agreements.push(agreement);
        Ok(self)
    }

    /// The currency of every amount.
    ///
    /// ```
    /// use echeancier::{Currency, PaymentHistory};
    ///
    /// assert_eq!(PaymentHistory::new(Currency::JPY).currency(), Currency::JPY);
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The amounts that fell due, in the order they were added.
    ///
    /// ```
    /// use echeancier::{Currency, PaymentHistory};
    ///
    /// assert!(PaymentHistory::new(Currency::EUR).items().is_empty());
    /// ```
    pub fn items(&self) -> &[OverdueItem] {
        &self.items
    }

    /// The agreements, in the order they were added.
    ///
    /// ```
    /// use echeancier::{Currency, PaymentHistory};
    ///
    /// assert!(PaymentHistory::new(Currency::EUR).agreements().is_empty());
    /// ```
    pub fn agreements(&self) -> &[Agreement] {
        &self.agreements
    }

    /// True when there is neither a due amount nor an agreement.
    ///
    /// ```
    /// use echeancier::{Currency, PaymentHistory};
    ///
    /// assert!(PaymentHistory::new(Currency::EUR).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.agreements.is_empty()
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AgreementRepr {
    reference: String,
    signed_on: NaiveDate,
    #[serde(default)]
    outcome: AgreementOutcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ended_on: Option<NaiveDate>,
}

#[cfg(feature = "serde")]
impl TryFrom<AgreementRepr> for Agreement {
    type Error = Error;

    fn try_from(r: AgreementRepr) -> Result<Agreement> {
        let agreement = Agreement::new(r.reference, r.signed_on)?;
        match (r.outcome, r.ended_on) {
            (AgreementOutcome::InProgress, None) => Ok(agreement),
            (AgreementOutcome::InProgress, Some(_)) => Err(Error::InvalidAgreement {
                reference: agreement.reference,
                reason: "an agreement in progress has no end date",
            }),
            (_, None) => Err(Error::InvalidAgreement {
                reference: agreement.reference,
                reason: "an honoured or broken agreement needs the date it ended",
            }),
            (outcome, Some(date)) => agreement.ended(outcome, date),
        }
    }
}

#[cfg(feature = "serde")]
impl From<Agreement> for AgreementRepr {
    fn from(a: Agreement) -> AgreementRepr {
        AgreementRepr {
            reference: a.reference,
            signed_on: a.signed_on,
            outcome: a.outcome,
            ended_on: a.ended_on,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct HistoryRepr {
    currency: Currency,
    #[serde(default)]
    items: Vec<OverdueItem>,
    #[serde(default)]
    agreements: Vec<Agreement>,
}

#[cfg(feature = "serde")]
impl TryFrom<HistoryRepr> for PaymentHistory {
    type Error = Error;

    fn try_from(r: HistoryRepr) -> Result<PaymentHistory> {
        let history = PaymentHistory::new(r.currency).with_items(r.items)?;
        r.agreements
            .into_iter()
            .try_fold(history, PaymentHistory::with_agreement)
    }
}

#[cfg(feature = "serde")]
impl From<PaymentHistory> for HistoryRepr {
    fn from(h: PaymentHistory) -> HistoryRepr {
        HistoryRepr {
            currency: h.currency,
            items: h.items,
            agreements: h.agreements,
        }
    }
}
