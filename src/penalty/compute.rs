//! Late-payment interest and compensation on overdue amounts, as of a date, with their breakdown.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};

use crate::day_count::{ExactInterest, YearFraction};
use crate::debt::Claim;
use crate::error::{Error, Result};
use crate::input::{check_text, Text};
use crate::language::Language;
use crate::money::{Currency, Money, SharedSlice, SharedStr, ShortKeys};
use crate::payment::PartialPayment;
use crate::penalty::policy::{CompensationBasis, PenaltyPolicy};
use crate::rate::AnnualRate;

/// The compensation groups looked through one by one; past this many they are indexed, so that
/// many late items cost no more than a few.
const GROUPS_LOOKED_THROUGH: usize = 16;

/// The payments of an item, in date order: one or two (as nearly always) kept in place, more in a
/// list of their own. It compares, hashes and prints as the list itself.
#[derive(Clone)]
enum ItemPayments {
    /// The first `count` of `first` (one or two; a single payment is there twice).
    Few {
        first: [PartialPayment; 2],
        count: u8,
    },
    Many(SharedSlice<PartialPayment>),
}

impl ItemPayments {
    /// None.
    fn none() -> ItemPayments {
        ItemPayments::Many(SharedSlice::default())
    }

    /// `payments`, copied.
    fn of(payments: &[PartialPayment]) -> ItemPayments {
        match payments {
            [one] => ItemPayments::Few {
                first: [*one, *one],
                count: 1,
            },
            [one, two] => ItemPayments::Few {
                first: [*one, *two],
                count: 2,
            },
            more => ItemPayments::Many(SharedSlice::from(more.to_vec())),
        }
    }

    fn as_slice(&self) -> &[PartialPayment] {
        match self {
            ItemPayments::Few { first, count } => {
                first.get(..usize::from(*count)).unwrap_or_default()
            }
            ItemPayments::Many(payments) => payments.as_slice(),
        }
    }
}

impl From<Vec<PartialPayment>> for ItemPayments {
    fn from(payments: Vec<PartialPayment>) -> ItemPayments {
        if payments.len() <= 2 {
            ItemPayments::of(&payments)
        } else {
            ItemPayments::Many(SharedSlice::from(payments))
        }
    }
}

impl PartialEq for ItemPayments {
    fn eq(&self, other: &ItemPayments) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for ItemPayments {}

impl core::hash::Hash for ItemPayments {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl core::fmt::Debug for ItemPayments {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_slice(), f)
    }
}

/// An amount that fell due on a date (an invoice, an instalment of a plan), with the payments made on
/// it: the input of every penalty computation.
///
/// ```
/// use echeancier::{OverdueItem, PartialPayment};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let item = OverdueItem::new("F-2025-001", d(1, 31), "5000.00 EUR".parse()?)?
///     .with_payment(PartialPayment::new(d(2, 15), "2000.00 EUR".parse()?)?)?
///     .paid_on(d(3, 2))?;
/// assert_eq!(item.outstanding_after(d(2, 15))?.to_string(), "3000.00 EUR");
/// assert_eq!(item.paid_date(), Some(d(3, 2)));
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ItemRepr", into = "ItemRepr"))]
pub struct OverdueItem {
    reference: SharedStr,
    /// The claim the item belongs to, when it is not a claim of its own (an instalment).
    claim: Option<SharedStr>,
    due_date: NaiveDate,
    amount: Money,
    /// In date order; their sum never exceeds `amount`.
    payments: ItemPayments,
}

impl OverdueItem {
    /// `amount` due on `due_date`, identified by `reference` (an invoice number, "plan 12 / 3").
    ///
    /// # Errors
    ///
    /// [`Error::EmptyReference`] for a blank reference; [`Error::NotPositive`] for a zero or negative
    /// amount.
    ///
    /// ```
    /// use echeancier::OverdueItem;
    /// use chrono::NaiveDate;
    ///
    /// assert!(OverdueItem::new(" ", NaiveDate::MIN, "1.00 EUR".parse()?).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(
        reference: impl Into<String>,
        due_date: NaiveDate,
        amount: Money,
    ) -> Result<OverdueItem> {
        let reference = reference.into();
        check_text(Text::Reference, "an overdue item", &reference)?;
        Ok(OverdueItem {
            reference: SharedStr::from(reference),
            claim: None,
            due_date,
            amount: amount.require_positive("overdue amount")?,
            payments: ItemPayments::none(),
        })
    }

    /// [`OverdueItem::new`] for instalment `number` of a plan, referenced `instalment {number}`
    /// (written without the formatting machinery).
    #[inline]
    pub(crate) fn instalment(
        number: u32,
        due_date: NaiveDate,
        amount: Money,
    ) -> Result<OverdueItem> {
        Ok(OverdueItem::instalment_of(
            number,
            due_date,
            amount.require_positive("overdue amount")?,
        ))
    }

    /// [`OverdueItem::instalment`] for an amount known to be above zero.
    #[inline]
    pub(crate) fn instalment_of(number: u32, due_date: NaiveDate, amount: Money) -> OverdueItem {
        OverdueItem {
            reference: SharedStr::with_number(INSTALMENT_PREFIX, number),
            claim: None,
            due_date,
            amount,
            payments: ItemPayments::none(),
        }
    }

    /// The item for a claim: its reference, due date and amount.
    ///
    /// # Errors
    ///
    /// [`Error::MissingDueDate`] if the claim has no due date.
    ///
    /// ```
    /// use echeancier::{Claim, OverdueItem};
    /// use chrono::NaiveDate;
    ///
    /// let claim = Claim::new("F-1", "10.00 EUR".parse()?)?;
    /// assert!(OverdueItem::from_claim(&claim).is_err());
    /// let claim = claim.due_on(NaiveDate::from_ymd_opt(2025, 1, 31).unwrap())?;
    /// assert_eq!(OverdueItem::from_claim(&claim)?.reference(), "F-1");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn from_claim(claim: &Claim) -> Result<OverdueItem> {
        let due_date = claim.due_date().ok_or_else(|| Error::MissingDueDate {
            reference: claim.reference().to_owned(),
        })?;
        OverdueItem::new(claim.reference(), due_date, claim.amount())
    }

    /// Marks the item as part of claim `reference` (an instalment of an invoice), so that a
    /// per-claim compensation is counted once for all its late items.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyReference`] for a blank reference.
    ///
    /// ```
    /// use echeancier::OverdueItem;
    /// use chrono::NaiveDate;
    ///
    /// let item = OverdueItem::new("F-1 / 2", NaiveDate::MIN, "1.00 EUR".parse()?)?.of_claim("F-1")?;
    /// assert_eq!(item.claim_reference(), "F-1");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn of_claim(mut self, reference: impl Into<String>) -> Result<OverdueItem> {
        let reference = reference.into();
        check_text(Text::Reference, "a claim", &reference)?;
        self.claim = Some(SharedStr::from(reference));
        Ok(self)
    }

    /// Records a payment.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`]; [`Error::Overpaid`] if the payments would exceed the amount.
    ///
    /// ```
    /// use echeancier::{OverdueItem, PartialPayment};
    /// use chrono::NaiveDate;
    ///
    /// let item = OverdueItem::new("F-1", NaiveDate::MIN, "10.00 EUR".parse()?)?;
    /// let too_much = PartialPayment::new(NaiveDate::MIN, "10.01 EUR".parse()?)?;
    /// assert_eq!(
    ///     item.with_payment(too_much).unwrap_err().to_string(),
    ///     "payments of 10.01 EUR on \"F-1\" exceed its amount of 10.00 EUR"
    /// );
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_payment(mut self, payment: PartialPayment) -> Result<OverdueItem> {
        self.add_payment(payment)?;
        Ok(self)
    }

    /// Records payments, in the order given: [`OverdueItem::with_payment`] for many at once, in
    /// time linear in their number plus a sort by date (each one added alone copies the ones
    /// before it). Payments of one date stay in the order they were recorded.
    ///
    /// # Errors
    ///
    /// As [`OverdueItem::with_payment`], for the first payment refused.
    ///
    /// ```
    /// use echeancier::{OverdueItem, PartialPayment};
    /// use chrono::NaiveDate;
    ///
    /// let d = |day| NaiveDate::from_ymd_opt(2027, 3, day).unwrap();
    /// let payments = (1..=20).map(|day| PartialPayment::new(d(21 - day), "1.00 EUR".parse().unwrap()));
    /// let item = OverdueItem::new("F-1", d(1), "100.00 EUR".parse()?)?
    ///     .with_payments(payments.collect::<Result<Vec<_>, _>>()?)?;
    /// assert_eq!(item.payments().len(), 20);
    /// // In date order: the payment of 1 March first.
    /// assert_eq!(item.payments().first().map(|p| p.date()), Some(d(1)));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_payments(
        mut self,
        payments: impl IntoIterator<Item = PartialPayment>,
    ) -> Result<OverdueItem> {
        self.add_payments(payments)?;
        Ok(self)
    }

    /// [`OverdueItem::with_payment`] in place: the item is unchanged on error.
    pub(crate) fn add_payment(&mut self, payment: PartialPayment) -> Result<()> {
        self.add_payments([payment])
    }

    /// [`OverdueItem::with_payments`] in place: the item is unchanged on error.
    pub(crate) fn add_payments(
        &mut self,
        payments: impl IntoIterator<Item = PartialPayment>,
    ) -> Result<()> {
        let mut all = self.payments.as_slice().to_vec();
        let before = all.len();
        let mut paid = self.paid()?;
        for payment in payments {
            self.amount.same_currency(payment.amount())?;
            paid = paid.plus(payment.amount())?;
            if paid.amount() > self.amount.amount() {
                return Err(Error::Overpaid {
                    reference: self.reference.as_str().to_owned(),
                    paid,
                    amount: self.amount,
                });
            }
            all.push(payment);
        }
        if all.len() > before {
            // A stable sort: each payment after those of the same date or earlier, so the order of
            // one day stays the order of events.
            all.sort_by_key(PartialPayment::date);
            self.payments = ItemPayments::from(all);
        }
        Ok(())
    }

    /// Gives the item `payments` (in date order, never more than its amount, as a payment
    /// allocation leaves them): a range of a list shared with other items.
    pub(crate) fn set_payments(&mut self, payments: &[PartialPayment]) {
        self.payments = ItemPayments::of(payments);
    }

    /// Records the payment of everything still owed, on `date`.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] if nothing is left to pay.
    ///
    /// ```
    /// use echeancier::OverdueItem;
    /// use chrono::NaiveDate;
    ///
    /// let d = NaiveDate::from_ymd_opt(2025, 3, 2).unwrap();
    /// let item = OverdueItem::new("F-1", d, "10.00 EUR".parse()?)?.paid_on(d)?;
    /// assert!(item.paid_on(d).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn paid_on(self, date: NaiveDate) -> Result<OverdueItem> {
        let rest = self.amount.minus(self.paid()?)?;
        let payment = PartialPayment::new(date, rest)?;
        self.with_payment(payment)
    }

    fn paid(&self) -> Result<Money> {
        Money::total(
            self.amount.currency(),
            self.payments.as_slice().iter().map(|p| p.amount()),
        )
    }

    /// The reference.
    ///
    /// ```
    /// use echeancier::OverdueItem;
    /// use chrono::NaiveDate;
    ///
    /// assert_eq!(OverdueItem::new("F-9", NaiveDate::MIN, "1.00 EUR".parse()?)?.reference(), "F-9");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn reference(&self) -> &str {
        self.reference.as_str()
    }

    /// The claim the item belongs to: the one given to [`OverdueItem::of_claim`], or its own reference.
    ///
    /// ```
    /// use echeancier::OverdueItem;
    /// use chrono::NaiveDate;
    ///
    /// assert_eq!(OverdueItem::new("F-9", NaiveDate::MIN, "1.00 EUR".parse()?)?.claim_reference(), "F-9");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn claim_reference(&self) -> &str {
        self.claim.as_ref().unwrap_or(&self.reference).as_str()
    }

    /// The due date.
    ///
    /// ```
    /// use echeancier::OverdueItem;
    /// use chrono::NaiveDate;
    ///
    /// assert_eq!(OverdueItem::new("F-9", NaiveDate::MIN, "1.00 EUR".parse()?)?.due_date(), NaiveDate::MIN);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn due_date(&self) -> NaiveDate {
        self.due_date
    }

    /// The amount that fell due.
    ///
    /// ```
    /// use echeancier::OverdueItem;
    /// use chrono::NaiveDate;
    ///
    /// let item = OverdueItem::new("F-9", NaiveDate::MIN, "1.00 EUR".parse()?)?;
    /// assert_eq!(item.amount().to_string(), "1.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// The payments, in date order.
    ///
    /// ```
    /// use echeancier::OverdueItem;
    /// use chrono::NaiveDate;
    ///
    /// assert!(OverdueItem::new("F-9", NaiveDate::MIN, "1.00 EUR".parse()?)?.payments().is_empty());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn payments(&self) -> &[PartialPayment] {
        self.payments.as_slice()
    }

    /// What is still owed at the end of `date`, after that day's payments.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] past `Decimal`'s range.
    ///
    /// ```
    /// use echeancier::OverdueItem;
    /// use chrono::NaiveDate;
    ///
    /// let d = NaiveDate::from_ymd_opt(2025, 3, 2).unwrap();
    /// let item = OverdueItem::new("F-1", d, "10.00 EUR".parse()?)?.paid_on(d)?;
    /// assert!(item.outstanding_after(d)?.is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn outstanding_after(&self, date: NaiveDate) -> Result<Money> {
        outstanding_after(self.amount, self.payments.as_slice(), date)
    }

    /// The date the payments cleared the amount, if they did.
    ///
    /// ```
    /// use echeancier::OverdueItem;
    /// use chrono::NaiveDate;
    ///
    /// let item = OverdueItem::new("F-1", NaiveDate::MIN, "10.00 EUR".parse()?)?;
    /// assert_eq!(item.paid_date(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn paid_date(&self) -> Option<NaiveDate> {
        paid_date(self.amount, self.payments.as_slice())
    }
}

/// What is left of `amount` at the end of `date`, after the `payments` (in date order) made on or
/// before it.
fn outstanding_after(amount: Money, payments: &[PartialPayment], date: NaiveDate) -> Result<Money> {
    Base {
        left: amount,
        payments,
    }
    .after(date)
}

/// What is left of an amount after its payments (in date order), read for days that never go
/// back: [`outstanding_after`] for a walk along the days, each payment taken off once.
struct Base<'a> {
    left: Money,
    payments: &'a [PartialPayment],
}

impl Base<'_> {
    /// What is left at the end of `date`, no earlier than the date asked before.
    fn after(&mut self, date: NaiveDate) -> Result<Money> {
        let count = self.payments.partition_point(|p| p.date() <= date);
        let (made, later) = self.payments.split_at(count.min(self.payments.len()));
        for payment in made {
            self.left = self.left.minus(payment.amount())?;
        }
        self.payments = later;
        Ok(self.left)
    }
}

/// The payments of `payments` (in date order) made on or before `date`: a prefix.
fn payments_through(payments: &[PartialPayment], date: NaiveDate) -> &[PartialPayment] {
    let count = payments.partition_point(|p| p.date() <= date);
    payments.get(..count).unwrap_or(payments)
}

/// The date `payments` (in date order) cleared `amount`, if they did.
fn paid_date(amount: Money, payments: &[PartialPayment]) -> Option<NaiveDate> {
    // In minor units while the amounts are plain ones (the same figures as in money); in money
    // from the start otherwise.
    if let Some(mut left) = amount.plain_minor() {
        let mut plain = true;
        for payment in payments {
            let paid = payment.amount();
            let next = if paid.currency() == amount.currency() {
                paid.plain_minor().and_then(|minor| left.checked_sub(minor))
            } else {
                None
            };
            match next {
                Some(next) if next <= 0 => return Some(payment.date()),
                Some(next) => left = next,
                None => {
                    plain = false;
                    break;
                }
            }
        }
        if plain {
            return None;
        }
    }
    let mut left = amount;
    for payment in payments {
        left = left.minus(payment.amount()).ok()?;
        if !left.is_positive() {
            return Some(payment.date());
        }
    }
    None
}

/// One line of an interest breakdown: days with one base and one rate.
///
/// ```
/// use echeancier::{OverdueItem, PenaltyPolicy, PenaltyRate};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let item = OverdueItem::new("F-1", d(1, 31), "5000.00 EUR".parse()?)?.paid_on(d(3, 2))?;
/// let statement = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse()?)).compute_one(&item, d(12, 31))?;
/// let segment = &statement.items()[0].segments()[0];
/// assert_eq!((segment.first_day(), segment.last_day(), segment.days()), (d(2, 1), d(3, 2), 30));
/// assert_eq!(segment.base().to_string(), "5000.00 EUR");
/// assert_eq!(segment.rate().to_string(), "10%");
/// assert_eq!(segment.year_fraction().to_string(), "30/365");
/// assert_eq!(segment.interest().to_string(), "41.10 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising recomputes the exact interest from the base, rate and year fraction and rejects
/// JSON whose days do not match its dates or whose rounded interest is not that figure rounded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SegmentRepr"))]
pub struct PenaltySegment {
    first_day: NaiveDate,
    last_day: NaiveDate,
    days: u64,
    base: Money,
    rate: AnnualRate,
    year_fraction: YearFraction,
    #[cfg_attr(feature = "serde", serde(skip))]
    exact_interest: ExactInterest,
    interest: Money,
}

impl PenaltySegment {
    /// The first late day of the segment.
    ///
    /// See [`PenaltySegment`] for an example.
    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// The last late day of the segment (included).
    ///
    /// See [`PenaltySegment`] for an example.
    pub fn last_day(&self) -> NaiveDate {
        self.last_day
    }

    /// The number of calendar days, `first_day` to `last_day` inclusive.
    ///
    /// See [`PenaltySegment`] for an example.
    pub fn days(&self) -> u64 {
        self.days
    }

    /// The amount interest runs on.
    ///
    /// See [`PenaltySegment`] for an example.
    pub fn base(&self) -> Money {
        self.base
    }

    /// The annual rate applied (reference rate plus points, at least the minimum rate).
    ///
    /// See [`PenaltySegment`] for an example.
    pub fn rate(&self) -> AnnualRate {
        self.rate
    }

    /// The segment's exact year fraction under the policy's day count.
    ///
    /// See [`PenaltySegment`] for an example.
    pub fn year_fraction(&self) -> YearFraction {
        self.year_fraction
    }

    /// The interest before rounding.
    ///
    /// ```
    /// use echeancier::{OverdueItem, PenaltyPolicy, PenaltyRate};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let item = OverdueItem::new("F-1", d(1, 31), "5000.00 EUR".parse()?)?;
    /// let s = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse()?)).compute_one(&item, d(3, 2))?;
    /// let exact = s.items()[0].segments()[0].exact_interest();
    /// assert_eq!(exact.to_decimal().round_dp(4).to_string(), "41.0959");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn exact_interest(&self) -> ExactInterest {
        self.exact_interest
    }

    /// The interest, rounded to the minor unit with the policy's rounding.
    ///
    /// See [`PenaltySegment`] for an example.
    pub fn interest(&self) -> Money {
        self.interest
    }
}

/// The interest on one overdue item, with its segments.
///
/// ```
/// use echeancier::{OverdueItem, PenaltyPolicy, PenaltyRate};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let item = OverdueItem::new("F-1", d(1, 31), "5000.00 EUR".parse()?)?;
/// let s = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse()?)).compute_one(&item, d(3, 2))?;
/// let line = &s.items()[0];
/// assert_eq!(line.reference(), "F-1");
/// assert!(line.is_late());
/// assert_eq!(line.days_late(), 30);
/// assert_eq!(line.interest().to_string(), "41.10 EUR");
/// assert_eq!(line.uncapped_interest(), line.interest());
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising re-checks the line (segments one after the other after the due date and in its
/// currency, days late their days, the uncapped interest their sum, the interest not above it) and
/// rejects JSON that breaks it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ItemPenaltyRepr"))]
pub struct ItemPenalty {
    reference: SharedStr,
    claim_reference: SharedStr,
    due_date: NaiveDate,
    amount: Money,
    days_late: u64,
    segments: Vec<PenaltySegment>,
    #[cfg_attr(feature = "serde", serde(skip))]
    exact_interest: ExactInterest,
    uncapped_interest: Money,
    interest: Money,
}

impl ItemPenalty {
    /// The item's reference.
    ///
    /// See [`ItemPenalty`] for an example.
    pub fn reference(&self) -> &str {
        self.reference.as_str()
    }

    /// The reference as a reader of `language` reads it: an instalment of a plan is "instalment
    /// 3" in English and "échéance 3" in French; any other reference is given as it is.
    ///
    /// ```
    /// use echeancier::{Language, OverdueItem, PenaltyPolicy, PenaltyRate};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let item = OverdueItem::new("F-1", d(1, 31), "10.00 EUR".parse()?)?;
    /// let s = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse()?)).compute_one(&item, d(3, 2))?;
    /// assert_eq!(s.items()[0].reference_in(Language::French), "F-1");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn reference_in(&self, language: Language) -> String {
        reference_in(self.reference.as_str(), language)
    }

    /// The claim the item belongs to (its own reference unless given).
    ///
    /// See [`OverdueItem::claim_reference`] for an example.
    pub fn claim_reference(&self) -> &str {
        self.claim_reference.as_str()
    }

    /// The item's due date.
    ///
    /// See [`ItemPenalty`] for an example.
    pub fn due_date(&self) -> NaiveDate {
        self.due_date
    }

    /// The amount that fell due.
    ///
    /// See [`ItemPenalty`] for an example.
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// True when part of the amount was still owed after the due date plus the grace days.
    ///
    /// See [`ItemPenalty`] for an example.
    pub fn is_late(&self) -> bool {
        self.days_late > 0
    }

    /// The number of days interest ran (after the grace days), to payment in full or the as-of date.
    ///
    /// See [`ItemPenalty`] for an example.
    pub fn days_late(&self) -> u64 {
        self.days_late
    }

    /// The breakdown, in date order.
    ///
    /// See [`PenaltySegment`] for an example.
    pub fn segments(&self) -> &[PenaltySegment] {
        &self.segments
    }

    /// The exact sum of the segments' interest, before rounding and before the cap.
    ///
    /// See [`PenaltySegment::exact_interest`] for an example.
    pub fn exact_interest(&self) -> ExactInterest {
        self.exact_interest
    }

    /// The sum of the rounded segments, before the cap.
    ///
    /// See [`ItemPenalty`] for an example.
    pub fn uncapped_interest(&self) -> Money {
        self.uncapped_interest
    }

    /// The interest due: the sum of the rounded segments, at most the cap.
    ///
    /// See [`ItemPenalty`] for an example.
    pub fn interest(&self) -> Money {
        self.interest
    }
}

/// A fixed compensation due for a late claim or item.
///
/// ```
/// use echeancier::{OverdueItem, PenaltyPolicy};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let item = OverdueItem::new("F-1", d(1, 31), "5000.00 EUR".parse()?)?;
/// let s = PenaltyPolicy::france_b2b()?.compute_one(&item, d(3, 2))?;
/// let line = &s.compensations()[0];
/// assert_eq!((line.reference(), line.late_amount().to_string(), line.amount().to_string()),
///            ("F-1", "5000.00 EUR".to_owned(), "40.00 EUR".to_owned()));
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising checks the reference (not empty), the late amount (greater than zero) and the
/// compensation (not negative, same currency).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CompensationLineRepr"))]
pub struct CompensationLine {
    reference: SharedStr,
    late_amount: Money,
    amount: Money,
}

impl CompensationLine {
    /// Whether it is due for the item of `line` (by the item's own reference).
    pub(crate) fn is_for(&self, line: &ItemPenalty) -> bool {
        self.reference == line.reference
    }

    /// The claim (or item) it is due for.
    ///
    /// See [`CompensationLine`] for an example.
    pub fn reference(&self) -> &str {
        self.reference.as_str()
    }

    /// The reference as a reader of `language` reads it (see [`ItemPenalty::reference_in`]).
    pub fn reference_in(&self, language: Language) -> String {
        reference_in(self.reference.as_str(), language)
    }

    /// The late amount the band was chosen on.
    ///
    /// See [`CompensationLine`] for an example.
    pub fn late_amount(&self) -> Money {
        self.late_amount
    }

    /// The compensation.
    ///
    /// See [`CompensationLine`] for an example.
    pub fn amount(&self) -> Money {
        self.amount
    }
}

/// Late-payment interest and compensation on a set of overdue items as of a date.
///
/// ```
/// use echeancier::{Currency, OverdueItem, PenaltyPolicy};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let items = [
///     OverdueItem::new("F-1", d(5, 31), "1000.00 EUR".parse()?)?.paid_on(d(7, 30))?,
///     OverdueItem::new("F-2", d(9, 30), "1000.00 EUR".parse()?)?,
/// ];
/// let s = PenaltyPolicy::france_b2b()?.compute(Currency::EUR, &items, d(9, 30))?;
/// // F-1: 30 days at 13.15 % (June) and 30 days at 12.15 % (July); F-2 is not late yet.
/// assert_eq!(s.items()[0].segments().len(), 2);
/// assert_eq!(s.interest().to_string(), "20.80 EUR"); // 10.81 + 9.99
/// assert_eq!(s.compensation().to_string(), "40.00 EUR");
/// assert_eq!(s.total().to_string(), "60.80 EUR");
/// assert_eq!(s.as_of(), d(9, 30));
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising re-checks the totals (interest, compensation and total are the sums of the lines,
/// in the statement's currency) and rejects JSON that disagrees.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PenaltyStatementRepr"))]
pub struct PenaltyStatement {
    as_of: NaiveDate,
    currency: Currency,
    items: Vec<ItemPenalty>,
    compensations: Vec<CompensationLine>,
    interest: Money,
    compensation: Money,
    total: Money,
}

impl PenaltyStatement {
    /// The date the statement is made at.
    ///
    /// See [`PenaltyStatement`] for an example.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The currency of every amount.
    ///
    /// See [`PenaltyStatement`] for an example.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// One line per item, in the order given.
    ///
    /// See [`PenaltyStatement`] for an example.
    pub fn items(&self) -> &[ItemPenalty] {
        &self.items
    }

    /// The fixed compensations, in the order their claims (or items) first appear.
    ///
    /// See [`CompensationLine`] for an example.
    pub fn compensations(&self) -> &[CompensationLine] {
        &self.compensations
    }

    /// The total interest.
    ///
    /// See [`PenaltyStatement`] for an example.
    pub fn interest(&self) -> Money {
        self.interest
    }

    /// The total fixed compensation.
    ///
    /// See [`PenaltyStatement`] for an example.
    pub fn compensation(&self) -> Money {
        self.compensation
    }

    /// Interest plus compensation.
    ///
    /// See [`PenaltyStatement`] for an example.
    pub fn total(&self) -> Money {
        self.total
    }
}

/// The prefix of the references the crate gives the instalments of a plan ("instalment 3").
const INSTALMENT_PREFIX: &str = "instalment ";

/// `reference` in `language`: "instalment 3" (the reference the crate gives an instalment of a
/// plan) is "échéance 3" in French; any other reference is the caller's and stays as it is.
pub(crate) fn reference_in(reference: &str, language: Language) -> String {
    match (language, reference.strip_prefix(INSTALMENT_PREFIX)) {
        (Language::French, Some(number))
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            format!("échéance {number}")
        }
        _ => reference.to_owned(),
    }
}

/// The checks of [`PenaltyPolicy::compute`] on what its caller gives: supported dates, no payment
/// after `as_of` (crate::input holds both rules), no item given twice. Linear in the items and
/// their payments.
fn check_items(items: &[OverdueItem], as_of: NaiveDate) -> Result<()> {
    crate::input::check_date(|| "the date of the penalty computation".to_owned(), as_of)?;
    let mut references = std::collections::HashSet::with_capacity(items.len());
    for item in items {
        let reference = item.reference.as_str();
        if !references.insert(reference) {
            return Err(Error::DuplicateReference {
                reference: reference.to_owned(),
            });
        }
        crate::input::check_date(|| format!("the due date of {reference:?}"), item.due_date)?;
        for payment in item.payments.as_slice() {
            crate::input::check_payment_date(reference, payment.date(), None, as_of)?;
        }
    }
    Ok(())
}

impl PenaltyPolicy {
    /// The penalties on `items` as of `as_of`: interest on each item from the day after its due date
    /// plus the grace days through the day it was paid in full or `as_of`, and the fixed compensation
    /// for each late claim or item.
    ///
    /// Every date lies in the supported range (see [`crate::FIRST_SUPPORTED_DATE`]); an item's
    /// payments are dated on or before `as_of` (a payment after it is refused, never ignored: the
    /// same rule as a [`crate::Statement`]'s); each item appears once.
    ///
    /// This is the general entry point: invoices, instalments of a plan, any dated amount.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if an item, the compensation or the cap is in another currency than
    /// `currency`; [`Error::RateNotCovered`] if the rate table does not cover a date the rate must be
    /// read on; [`Error::InvalidRate`] if a reference rate plus points is negative;
    /// [`Error::DuplicateReference`] for two items with one reference (their interest would be
    /// counted twice); [`Error::UnsupportedDate`] for a date outside the supported range;
    /// [`Error::PaymentAfterStatement`] for a payment dated after `as_of`;
    /// [`Error::DateOutOfRange`] and [`Error::Overflow`] for absurd dates and amounts.
    ///
    /// ```
    /// use echeancier::{Currency, Error, OverdueItem, PenaltyPolicy};
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let item = OverdueItem::new("F-1", d(2013, 12, 31), "100.00 EUR".parse()?)?;
    /// let err = PenaltyPolicy::france_b2b()?.compute(Currency::EUR, &[item], d(2014, 2, 1)).unwrap_err();
    /// assert!(matches!(err, Error::RateNotCovered { .. }));
    /// assert_eq!(err.to_string(), "no rate known for 2014-01-01: the table covers 2014-09-10 to 2026-11-30; add the rates published since (RateTable::with_rate, then with_valid_until), or read the publisher's file (RateTable::from_ecb_csv, RateTable::from_fr_legal_rate_publication) and extend the table with it (RateTable::extended_with)");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn compute(
        &self,
        currency: Currency,
        items: &[OverdueItem],
        as_of: NaiveDate,
    ) -> Result<PenaltyStatement> {
        check_items(items, as_of)?;
        let known = core::iter::repeat_with(|| None).take(items.len()).collect();
        self.compute_reusing(currency, items, as_of, known)
    }

    /// [`PenaltyPolicy::compute`], taking the line of the item at index `i` from `known[i]` when it
    /// holds one instead of computing it: `known` must only hold the line of an item computed as
    /// of a date on or after the day its payments cleared it, and on or before `as_of` (it no
    /// longer changes then).
    pub(crate) fn compute_reusing(
        &self,
        currency: Currency,
        items: &[OverdueItem],
        as_of: NaiveDate,
        known: Vec<Option<ItemPenalty>>,
    ) -> Result<PenaltyStatement> {
        let zero = Money::zero(currency);
        let mut known = known;
        known.resize_with(items.len(), || None);
        // The known lines stay where they are: the list of lines is the list of known ones.
        let lines = known
            .into_iter()
            .zip(items)
            .map(|(line, item)| {
                zero.same_currency(item.amount)?;
                match line {
                    Some(line) => Ok(line),
                    None => self.item_penalty(item, as_of),
                }
            })
            .collect::<Result<Vec<_>>>()?;
        let compensations = self.compensation_lines(currency, &lines)?;
        let interest = Money::total(currency, lines.iter().map(|l| l.interest))?;
        let compensation = Money::total(currency, compensations.iter().map(|c| c.amount))?;
        Ok(PenaltyStatement {
            as_of,
            currency,
            items: lines,
            compensations,
            interest,
            compensation,
            total: interest.plus(compensation)?,
        })
    }

    /// The penalties on a single overdue amount as of `as_of`.
    ///
    /// # Errors
    ///
    /// As [`PenaltyPolicy::compute`].
    ///
    /// ```
    /// use echeancier::{OverdueItem, PenaltyPolicy, PenaltyRate};
    /// use chrono::NaiveDate;
    ///
    /// // 5,000.00 paid 30 days late at 10 %, actual/365: 5000 × 0.10 × 30 / 365 = 41.10
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let item = OverdueItem::new("F-1", d(1, 31), "5000.00 EUR".parse()?)?.paid_on(d(3, 2))?;
    /// let s = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse()?)).compute_one(&item, d(6, 30))?;
    /// assert_eq!(s.total().to_string(), "41.10 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn compute_one(&self, item: &OverdueItem, as_of: NaiveDate) -> Result<PenaltyStatement> {
        self.compute(item.amount.currency(), core::slice::from_ref(item), as_of)
    }

    /// The line of [`PenaltyPolicy::compute_one`] with its statement's interest and compensation,
    /// without building the statement.
    ///
    /// The item's payments are `payments` (in date order), whatever it holds itself.
    /// The line goes into `line`, the statement's interest and compensation are returned.
    pub(crate) fn accrue_one(
        &self,
        item: &OverdueItem,
        payments: &[PartialPayment],
        as_of: NaiveDate,
        line: &mut Option<ItemPenalty>,
    ) -> Result<(Money, Money)> {
        let zero = Money::zero(item.amount.currency());
        let line = line.insert(self.item_penalty_with(item, payments, as_of)?);
        // What `compensation_lines` gives for this line alone.
        let compensation = self.compensation();
        let mut compensation_total = zero;
        if !compensation.is_none() && line.is_late() {
            if let Some(amount) = compensation.amount_for(line.amount)? {
                zero.same_currency(amount)?;
                compensation_total = zero.plus(amount)?;
            }
        }
        let interest = zero.plus(line.interest)?;
        Ok((interest, compensation_total))
    }

    /// The penalties on invoices as of `as_of`, each claim with its due date, and `payments` naming the
    /// claim they were made on.
    ///
    /// # Errors
    ///
    /// [`Error::MissingDueDate`] for a claim without a due date; [`Error::UnknownClaim`] for a payment
    /// naming no claim of the list; [`Error::Overpaid`] if a claim's payments exceed it; and the errors
    /// of [`PenaltyPolicy::compute`].
    ///
    /// ```
    /// use echeancier::{Claim, Currency, PartialPayment, PenaltyPolicy, PenaltyRate};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let claims = [
    ///     Claim::new("F-1", "5000.00 EUR".parse()?)?.due_on(d(1, 31))?,
    ///     Claim::new("F-2", "1000.00 EUR".parse()?)?.due_on(d(2, 28))?,
    /// ];
    /// let payments = [("F-1", PartialPayment::new(d(3, 2), "5000.00 EUR".parse()?)?)];
    /// let policy = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse()?));
    /// let s = policy.compute_claims(Currency::EUR, &claims, &payments, d(3, 30))?;
    /// assert_eq!(s.items()[0].interest().to_string(), "41.10 EUR"); // 30 days
    /// assert_eq!(s.items()[1].interest().to_string(), "8.22 EUR");  // 30 days, still unpaid
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn compute_claims(
        &self,
        currency: Currency,
        claims: &[Claim],
        payments: &[(&str, PartialPayment)],
        as_of: NaiveDate,
    ) -> Result<PenaltyStatement> {
        let mut items = claims
            .iter()
            .map(OverdueItem::from_claim)
            .collect::<Result<Vec<_>>>()?;
        // Each payment finds its claim by reference in one look-up (the first claim of that
        // reference, as a search in order would), and each claim takes its payments at once, so
        // long lists take linear time.
        let mut at: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::with_capacity(claims.len());
        for (index, claim) in claims.iter().enumerate() {
            at.entry(claim.reference()).or_insert(index);
        }
        let mut per_item: Vec<Vec<PartialPayment>> = vec![Vec::new(); items.len()];
        for (reference, payment) in payments {
            at.get(reference)
                .and_then(|&index| per_item.get_mut(index))
                .ok_or_else(|| Error::UnknownClaim {
                    reference: (*reference).to_owned(),
                })?
                .push(*payment);
        }
        for (item, payments) in items.iter_mut().zip(per_item) {
            item.add_payments(payments)?;
        }
        self.compute(currency, &items, as_of)
    }

    fn item_penalty(&self, item: &OverdueItem, as_of: NaiveDate) -> Result<ItemPenalty> {
        self.item_penalty_with(item, item.payments.as_slice(), as_of)
    }

    /// The line of `item` with `payments` (in date order) as its payments.
    fn item_penalty_with(
        &self,
        item: &OverdueItem,
        payments: &[PartialPayment],
        as_of: NaiveDate,
    ) -> Result<ItemPenalty> {
        let currency = item.amount.currency();
        let start = item
            .due_date
            .checked_add_days(Days::new(u64::from(self.grace_days())))
            .ok_or_else(|| Error::DateOutOfRange {
                what: format!("{} plus {} grace days", item.due_date, self.grace_days()),
            })?;
        // Payments after `as_of` are not known yet.
        let known = payments_through(payments, as_of);
        let end = paid_date(item.amount, known).map_or(as_of, |paid| paid.min(as_of));
        let mut segments = Vec::new();
        if start < end {
            // What is left after the payments made through a day, read as the days move on: each
            // payment is counted once, so an item paid in many parts takes linear time.
            let mut base = Base {
                left: item.amount,
                payments: known,
            };
            for period in self.rate().periods(start, end, self.minimum_rate())? {
                // A payment on day P lowers the base from day P + 1: cut after each payment day.
                let from = known.partition_point(|p| p.date() <= period.after);
                let cuts = known
                    .get(from..)
                    .unwrap_or_default()
                    .iter()
                    .map(|p| p.date())
                    .take_while(|date| *date < period.through);
                let mut after = period.after;
                for through in cuts.chain([period.through]) {
                    if through <= after {
                        continue;
                    }
                    let left = base.after(after)?;
                    if left.is_positive() {
                        segments.push(self.segment(after, through, left, period.rate)?);
                    }
                    after = through;
                }
            }
        }
        let exact_interest = segments
            .iter()
            .try_fold(ExactInterest::zero(currency), |sum, s| {
                sum.checked_add(s.exact_interest)
            })?;
        let uncapped_interest = Money::total(currency, segments.iter().map(|s| s.interest))?;
        let interest = match self.cap() {
            Some(cap) => uncapped_interest.checked_min(cap.limit_for(item.amount)?)?,
            None => uncapped_interest,
        };
        let days_late = if start < end {
            u64::try_from(end.signed_duration_since(start).num_days()).unwrap_or(0)
        } else {
            0
        };
        Ok(ItemPenalty {
            reference: item.reference.clone(),
            claim_reference: item.claim.as_ref().unwrap_or(&item.reference).clone(),
            due_date: item.due_date,
            amount: item.amount,
            days_late,
            segments,
            exact_interest,
            uncapped_interest,
            interest,
        })
    }

    /// The line of `item` as of any date from `paid` on, if its payments cleared it on `paid` (their
    /// sum its amount, the last of them made that day) no later than its due date plus the grace
    /// days: no late day, no interest. `None` if that is not so, or if the line could not be
    /// made (the general computation then says why).
    ///
    /// The line goes into `line`; its interest is returned.
    #[inline]
    pub(crate) fn on_time_line(
        &self,
        item: &OverdueItem,
        paid: NaiveDate,
        line: &mut Option<ItemPenalty>,
    ) -> Option<Money> {
        let start = item
            .due_date
            .checked_add_days(Days::new(u64::from(self.grace_days())))?;
        if paid > start {
            return None;
        }
        // What `item_penalty_with` gives when the delay ends before it starts.
        let currency = item.amount.currency();
        let uncapped_interest = Money::zero(currency);
        let interest = match self.cap() {
            Some(cap) => uncapped_interest
                .checked_min(cap.limit_for(item.amount).ok()?)
                .ok()?,
            None => uncapped_interest,
        };
        *line = Some(ItemPenalty {
            reference: item.reference.clone(),
            claim_reference: item.claim.as_ref().unwrap_or(&item.reference).clone(),
            due_date: item.due_date,
            amount: item.amount,
            days_late: 0,
            segments: Vec::new(),
            exact_interest: ExactInterest::zero(currency),
            uncapped_interest,
            interest,
        });
        Some(interest)
    }

    fn segment(
        &self,
        after: NaiveDate,
        through: NaiveDate,
        base: Money,
        rate: AnnualRate,
    ) -> Result<PenaltySegment> {
        let year_fraction = self.day_count().fraction_of_days_late(after, through)?;
        let exact_interest = ExactInterest::new(base, rate, year_fraction)?;
        Ok(PenaltySegment {
            first_day: after.checked_add_days(Days::new(1)).unwrap_or(through),
            last_day: through,
            days: u64::try_from(through.signed_duration_since(after).num_days()).unwrap_or(0),
            base,
            rate,
            year_fraction,
            exact_interest,
            interest: exact_interest.round(self.rounding())?,
        })
    }

    fn compensation_lines(
        &self,
        currency: Currency,
        lines: &[ItemPenalty],
    ) -> Result<Vec<CompensationLine>> {
        let compensation = self.compensation();
        if compensation.is_none() {
            return Ok(Vec::new());
        }
        // (reference, total late amount), in order of first appearance.
        let mut groups: Vec<(&SharedStr, Money)> = Vec::new();
        // Where each reference's group is, once there are too many groups to look through.
        let mut positions: Option<HashMap<&[u8], usize, ShortKeys>> = None;
        for line in lines.iter().filter(|l| l.is_late()) {
            let shared = match compensation.basis() {
                CompensationBasis::PerClaim => &line.claim_reference,
                CompensationBasis::PerItem => &line.reference,
            };
            if positions.is_none() && groups.len() >= GROUPS_LOOKED_THROUGH {
                positions = Some(
                    groups
                        .iter()
                        .enumerate()
                        .map(|(i, (k, _))| (k.as_bytes(), i))
                        .collect(),
                );
            }
            let found = match &positions {
                Some(positions) => positions.get(shared.as_bytes()).copied(),
                None => groups.iter().position(|(k, _)| *k == shared),
            };
            match found.and_then(|i| groups.get_mut(i)) {
                Some((_, late)) => *late = late.plus(line.amount)?,
                None => {
                    if let Some(positions) = positions.as_mut() {
                        positions.insert(shared.as_bytes(), groups.len());
                    }
                    groups.push((shared, line.amount));
                }
            }
        }
        let mut result = Vec::with_capacity(groups.len());
        for (reference, late_amount) in groups {
            if let Some(amount) = compensation.amount_for(late_amount)? {
                Money::zero(currency).same_currency(amount)?;
                result.push(CompensationLine {
                    reference: reference.clone(),
                    late_amount,
                    amount,
                });
            }
        }
        Ok(result)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemRepr {
    reference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    claim: Option<String>,
    due_date: NaiveDate,
    amount: Money,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    payments: Vec<PartialPayment>,
}

#[cfg(feature = "serde")]
impl TryFrom<ItemRepr> for OverdueItem {
    type Error = Error;

    fn try_from(r: ItemRepr) -> Result<OverdueItem> {
        let mut item = OverdueItem::new(r.reference, r.due_date, r.amount)?;
        if let Some(claim) = r.claim {
            item = item.of_claim(claim)?;
        }
        item.with_payments(r.payments)
    }
}

#[cfg(feature = "serde")]
impl From<OverdueItem> for ItemRepr {
    fn from(i: OverdueItem) -> ItemRepr {
        ItemRepr {
            reference: i.reference.as_str().to_owned(),
            claim: i.claim.map(|c| c.as_str().to_owned()),
            due_date: i.due_date,
            amount: i.amount,
            payments: i.payments.as_slice().to_vec(),
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SegmentRepr {
    first_day: NaiveDate,
    last_day: NaiveDate,
    days: u64,
    base: Money,
    rate: AnnualRate,
    year_fraction: YearFraction,
    interest: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<SegmentRepr> for PenaltySegment {
    type Error = Error;

    /// Recomputes the exact interest from base, rate and year fraction; the rounded interest must
    /// be that figure rounded one way or the other.
    fn try_from(r: SegmentRepr) -> Result<PenaltySegment> {
        let check = crate::contract::Check::new("penalty segment", r.base.currency());
        check.positive("base", r.base)?;
        check.non_negative("interest", r.interest)?;
        let days = r
            .last_day
            .signed_duration_since(r.first_day)
            .num_days()
            .saturating_add(1);
        check.that(u64::try_from(days).ok() == Some(r.days) && days > 0, || {
            format!(
                "days is {}, but {} to {} is {days} days",
                r.days, r.first_day, r.last_day
            )
        })?;
        let exact_interest = ExactInterest::new(r.base, r.rate, r.year_fraction)?;
        let low = exact_interest.round(crate::money::Rounding::Down)?;
        let high = exact_interest.round(crate::money::Rounding::Up)?;
        check.that(low <= r.interest && r.interest <= high, || {
            format!(
                "interest is {}, but {} × {} × {} rounds to {low} or {high}",
                r.interest, r.base, r.rate, r.year_fraction
            )
        })?;
        Ok(PenaltySegment {
            first_day: r.first_day,
            last_day: r.last_day,
            days: r.days,
            base: r.base,
            rate: r.rate,
            year_fraction: r.year_fraction,
            exact_interest,
            interest: r.interest,
        })
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemPenaltyRepr {
    reference: SharedStr,
    claim_reference: SharedStr,
    due_date: NaiveDate,
    amount: Money,
    days_late: u64,
    segments: Vec<PenaltySegment>,
    uncapped_interest: Money,
    interest: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<ItemPenaltyRepr> for ItemPenalty {
    type Error = Error;

    /// Re-checks the line: segments in the item's currency, one after the other after the due date,
    /// as many days as the delay, the uncapped interest their sum, the interest at most that.
    fn try_from(r: ItemPenaltyRepr) -> Result<ItemPenalty> {
        let currency = r.amount.currency();
        let check = crate::contract::Check::new("item penalty", currency);
        check.that(!r.reference.as_str().trim().is_empty(), || {
            "the reference is empty".to_owned()
        })?;
        check.that(!r.claim_reference.as_str().trim().is_empty(), || {
            "the claim reference is empty".to_owned()
        })?;
        check.positive("amount", r.amount)?;
        let mut exact_interest = ExactInterest::zero(currency);
        let mut days = 0_u64;
        let mut after = r.due_date;
        for segment in &r.segments {
            check.currency("a segment's base", segment.base)?;
            check.that(segment.first_day > after, || {
                format!(
                    "the segment from {} starts on or before {after}",
                    segment.first_day
                )
            })?;
            check.that(segment.base <= r.amount, || {
                format!(
                    "the segment from {} runs on {}, more than the {} owed",
                    segment.first_day, segment.base, r.amount
                )
            })?;
            after = segment.last_day;
            days = days.saturating_add(segment.days);
            exact_interest = exact_interest.checked_add(segment.exact_interest)?;
        }
        check.that(days == r.days_late, || {
            format!(
                "days_late is {}, but the segments count {days} days",
                r.days_late
            )
        })?;
        check.sum(
            "uncapped_interest",
            r.uncapped_interest,
            r.segments.iter().map(|s| s.interest),
        )?;
        check.non_negative("interest", r.interest)?;
        check.that(r.interest <= r.uncapped_interest, || {
            format!(
                "interest {} exceeds the uncapped interest {}",
                r.interest, r.uncapped_interest
            )
        })?;
        Ok(ItemPenalty {
            reference: r.reference,
            claim_reference: r.claim_reference,
            due_date: r.due_date,
            amount: r.amount,
            days_late: r.days_late,
            segments: r.segments,
            exact_interest,
            uncapped_interest: r.uncapped_interest,
            interest: r.interest,
        })
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(CompensationLine as CompensationLineRepr {
    reference: SharedStr,
    late_amount: Money,
    amount: Money,
});

#[cfg(feature = "serde")]
impl CompensationLine {
    /// A named late amount greater than zero and a compensation not negative, in one currency.
    fn check(&self) -> Result<()> {
        let check = crate::contract::Check::new("compensation line", self.late_amount.currency());
        check.that(!self.reference.as_str().trim().is_empty(), || {
            "the reference is empty".to_owned()
        })?;
        check.positive("late_amount", self.late_amount)?;
        check.non_negative("amount", self.amount)
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(PenaltyStatement as PenaltyStatementRepr {
    as_of: NaiveDate,
    currency: Currency,
    items: Vec<ItemPenalty>,
    compensations: Vec<CompensationLine>,
    interest: Money,
    compensation: Money,
    total: Money,
});

#[cfg(feature = "serde")]
impl PenaltyStatement {
    /// Everything in the statement's currency, no interest after its date, the totals the sums of
    /// the lines.
    fn check(&self) -> Result<()> {
        let check = crate::contract::Check::new("penalty statement", self.currency);
        for item in &self.items {
            check.currency("an item's amount", item.amount)?;
            if let Some(last) = item.segments.last() {
                check.that(last.last_day <= self.as_of, || {
                    format!(
                        "interest on {:?} runs to {}, after the statement's date {}",
                        item.reference, last.last_day, self.as_of
                    )
                })?;
            }
        }
        for line in &self.compensations {
            check.currency("a compensation", line.amount)?;
        }
        check.sum(
            "interest",
            self.interest,
            self.items.iter().map(|i| i.interest),
        )?;
        check.sum(
            "compensation",
            self.compensation,
            self.compensations.iter().map(|c| c.amount),
        )?;
        check.sum("total", self.total, [self.interest, self.compensation])
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn an_instalment_item_is_referenced_by_its_number() {
        let amount: Money = "1.00 EUR".parse().unwrap();
        for number in [0, 1, 9, 10, 12, 99, 100, 360, 12_345, 999_999_999, u32::MAX] {
            let item = OverdueItem::instalment(number, NaiveDate::MIN, amount).unwrap();
            let by_hand = OverdueItem::new(format!("instalment {number}"), NaiveDate::MIN, amount);
            assert_eq!(item, by_hand.unwrap());
            assert_eq!(item.reference(), format!("instalment {number}"));
        }
    }
}
