//! Payment terms as a value, an invoice, and the dated lines they give.

use core::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::debt::{Claim, Debt};
use crate::discount::{EarlyPaymentDiscount, EarlyPaymentOutcome, TaxedAmount};
use crate::error::{Error, Result};
use crate::input::{check_date, check_text, Text};
use crate::language::{self, Language};
use crate::money::{Money, Rounding};
use crate::payment::PartialPayment;
use crate::penalty::OverdueItem;
use crate::percent::Percent;
use crate::terms::due::DueRule;

/// The most lines one set of terms may have.
const MAX_LINES: usize = 120;

/// How much of the invoice a line of terms asks for.
///
/// Serialised as `{"percent": "30%"}`, `{"fixed": {"amount": "500.00", "currency": "EUR"}}` or
/// `"balance"`.
///
/// ```
/// use echeancier::LineAmount;
///
/// assert_eq!(LineAmount::Percent("30%".parse()?).to_string(), "30%");
/// assert_eq!(LineAmount::Balance.to_string(), "balance");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum LineAmount {
    /// A percentage of the invoice total (VAT included), rounded once with the terms' rounding.
    Percent(Percent),
    /// A fixed amount (VAT included).
    Fixed(Money),
    /// What the other lines leave: it absorbs every rounding residue.
    Balance,
}

/// `30%`, `500.00 EUR`, `balance`.
impl fmt::Display for LineAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LineAmount::Percent(p) => fmt::Display::fmt(p, f),
            LineAmount::Fixed(m) => fmt::Display::fmt(m, f),
            LineAmount::Balance => f.write_str("balance"),
        }
    }
}

/// One line of payment terms: an amount, a due rule and, optionally, an early-payment discount on
/// that line alone (its window counted from the invoice date).
///
/// ```
/// use echeancier::{DiscountWindow, DueRule, EarlyPaymentDiscount, LineAmount, Reduction, TermsLine};
///
/// let line = TermsLine::new(LineAmount::Balance, DueRule::DaysAfterInvoice(30))?
///     .with_discount(EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?);
/// assert_eq!(line.due(), DueRule::DaysAfterInvoice(30));
/// assert!(line.discount().is_some());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "TermsLineRepr", into = "TermsLineRepr")
)]
pub struct TermsLine {
    amount: LineAmount,
    due: DueRule,
    discount: Option<EarlyPaymentDiscount>,
}

impl TermsLine {
    /// A line of `amount` due by `due`.
    ///
    /// # Errors
    ///
    /// The errors of [`DueRule::checked`]; [`Error::NotPositive`] for a fixed amount of zero or
    /// less; [`Error::InvalidPercent`] for a percentage of zero.
    ///
    /// ```
    /// use echeancier::{DueRule, LineAmount, TermsLine};
    ///
    /// assert!(TermsLine::new(LineAmount::Percent("0%".parse()?), DueRule::DaysAfterInvoice(0)).is_err());
    /// assert!(TermsLine::new(LineAmount::Fixed("-5.00 EUR".parse()?), DueRule::DaysAfterInvoice(0)).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(amount: LineAmount, due: DueRule) -> Result<TermsLine> {
        match amount {
            LineAmount::Percent(p) if p.is_zero() => {
                return Err(Error::InvalidPercent {
                    what: "share of a terms line",
                    percent: p.percent(),
                    range: "above 0",
                })
            }
            LineAmount::Fixed(m) => {
                m.require_positive("fixed amount of a terms line")?;
            }
            _ => {}
        }
        Ok(TermsLine {
            amount,
            due: due.checked()?,
            discount: None,
        })
    }

    /// Sets an early-payment discount on this line.
    ///
    /// See [`TermsLine`] for an example.
    pub fn with_discount(mut self, discount: EarlyPaymentDiscount) -> TermsLine {
        self.discount = Some(discount);
        self
    }

    /// The amount the line asks for.
    ///
    /// See [`TermsLine`] for an example.
    pub fn amount(&self) -> LineAmount {
        self.amount
    }

    /// When it falls due.
    ///
    /// See [`TermsLine`] for an example.
    pub fn due(&self) -> DueRule {
        self.due
    }

    /// Its early-payment discount, if any.
    ///
    /// See [`TermsLine`] for an example.
    pub fn discount(&self) -> Option<EarlyPaymentDiscount> {
        self.discount
    }
}

/// Cash rounding: every line that does not absorb the residue is a multiple of `step` (CHF to
/// 0.05, *arrondi à 5 centimes*).
///
/// ```
/// use echeancier::{CashRounding, Rounding};
///
/// let chf = CashRounding::new("0.05 CHF".parse()?, Rounding::HalfUp)?;
/// assert_eq!(chf.step().to_string(), "0.05 CHF");
/// assert!(CashRounding::new("0.00 CHF".parse()?, Rounding::HalfUp).is_err());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "CashRoundingRepr", into = "CashRoundingRepr")
)]
pub struct CashRounding {
    step: Money,
    rounding: Rounding,
}

impl CashRounding {
    /// Lines rounded to a multiple of `step` with `rounding`.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] for a step of zero or less.
    pub fn new(step: Money, rounding: Rounding) -> Result<CashRounding> {
        Ok(CashRounding {
            step: step.require_positive("cash-rounding step")?,
            rounding,
        })
    }

    /// The step.
    pub fn step(&self) -> Money {
        self.step
    }

    /// The rounding to the step.
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// `value` rounded to a multiple of the step.
    fn apply(&self, value: Money) -> Result<Money> {
        value.same_currency(self.step)?;
        let overflow = || Error::Overflow {
            operation: "rounding a terms line to the cash step",
        };
        let steps = value
            .amount()
            .checked_div(self.step.amount())
            .ok_or_else(overflow)?;
        let whole = self.rounding.round_dp(steps, 0);
        let exact = whole.checked_mul(self.step.amount()).ok_or_else(overflow)?;
        Money::round(exact, value.currency(), Rounding::HalfUp)
    }
}

/// Payment terms (*conditions de paiement*): one or more [`TermsLine`]s, a rounding for the
/// percentages and an optional [`CashRounding`].
///
/// The lines always add up to the invoice exactly: each percentage is rounded once (then to the
/// cash step), fixed amounts are taken as they are, and one line absorbs the residue: the
/// [`LineAmount::Balance`] line, or the last line when every line is a percentage and they add up
/// to 100 %. There is no tolerance: terms that cannot add up are refused.
///
/// ```
/// use echeancier::{DueRule, Invoice, LineAmount, PaymentTerms, TaxedAmount, TermsLine};
/// use chrono::NaiveDate;
///
/// // 30 % on order, the balance at 45 days end of month.
/// let terms = PaymentTerms::new([
///     TermsLine::new(LineAmount::Percent("30%".parse()?), DueRule::DaysAfterInvoice(0))?,
///     TermsLine::new(LineAmount::Balance, DueRule::EndOfMonthAfterDays(45))?,
/// ])?;
/// let issued = NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("bad date")?;
/// let invoice = Invoice::new("F-2027-015", issued, TaxedAmount::new("1000.01 EUR".parse()?, "200.00 EUR".parse()?)?)?;
/// let plan = terms.apply(&invoice)?;
/// let lines: Vec<String> = plan.lines().iter().map(|l| format!("{} {}", l.due_date(), l.amount().total())).collect();
/// assert_eq!(lines, ["2027-01-15 360.00 EUR", "2027-03-31 840.01 EUR"]); // 1200.01 × 30 % = 360.003
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "PaymentTermsRepr", into = "PaymentTermsRepr")
)]
pub struct PaymentTerms {
    lines: Vec<TermsLine>,
    rounding: Rounding,
    cash_rounding: Option<CashRounding>,
}

impl PaymentTerms {
    /// Terms of `lines`, in the order they are written; percentages rounded half-up.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTerms`] without lines, with more than 120, with two balance lines, with
    /// percentages above 100 % in all, or without a balance line unless every line is a percentage
    /// and they add up to exactly 100 %.
    ///
    /// ```
    /// use echeancier::{DueRule, LineAmount, PaymentTerms, TermsLine};
    ///
    /// let half = TermsLine::new(LineAmount::Percent("50%".parse()?), DueRule::DaysAfterInvoice(30))?;
    /// assert!(PaymentTerms::new([half, half]).is_ok());
    /// let err = PaymentTerms::new([half]).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid payment terms: without a balance line the percentages must add up to 100%, not 50%");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(lines: impl IntoIterator<Item = TermsLine>) -> Result<PaymentTerms> {
        let lines: Vec<TermsLine> = lines.into_iter().collect();
        let invalid = |reason: String| Err(Error::InvalidTerms { reason });
        if lines.is_empty() {
            return invalid("there must be at least one line".to_owned());
        }
        if lines.len() > MAX_LINES {
            return invalid(format!("{} lines is more than {MAX_LINES}", lines.len()));
        }
        let balances = lines
            .iter()
            .filter(|l| l.amount == LineAmount::Balance)
            .count();
        if balances > 1 {
            return invalid(format!(
                "there can be only one balance line, not {balances}"
            ));
        }
        let mut percent = Decimal::ZERO;
        let mut fixed = false;
        for line in &lines {
            line.due.checked()?;
            match line.amount {
                LineAmount::Percent(p) => {
                    percent = percent.checked_add(p.percent()).ok_or(Error::Overflow {
                        operation: "adding the percentages of payment terms",
                    })?;
                }
                LineAmount::Fixed(_) => fixed = true,
                LineAmount::Balance => {}
            }
        }
        if percent > Decimal::ONE_HUNDRED {
            return invalid(format!(
                "the percentages add up to {}%, more than 100%",
                percent.normalize()
            ));
        }
        if balances == 0 && (fixed || percent != Decimal::ONE_HUNDRED) {
            return invalid(if fixed {
                "a line of a fixed amount needs a balance line to take the rest".to_owned()
            } else {
                format!(
                    "without a balance line the percentages must add up to 100%, not {}%",
                    percent.normalize()
                )
            });
        }
        Ok(PaymentTerms {
            lines,
            rounding: Rounding::default(),
            cash_rounding: None,
        })
    }

    /// One line: the whole invoice due by `due` ("net 30").
    ///
    /// # Errors
    ///
    /// The errors of [`DueRule::checked`].
    ///
    /// ```
    /// use echeancier::{DueRule, PaymentTerms};
    ///
    /// let net60 = PaymentTerms::net(DueRule::DaysAfterInvoice(60))?;
    /// assert_eq!(net60.lines().len(), 1);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn net(due: DueRule) -> Result<PaymentTerms> {
        PaymentTerms::new([TermsLine::new(LineAmount::Balance, due)?])
    }

    /// Sets how percentages are rounded to the minor unit (half-up by default).
    pub fn with_rounding(mut self, rounding: Rounding) -> PaymentTerms {
        self.rounding = rounding;
        self
    }

    /// Rounds every line but the one that absorbs the residue to a cash step.
    ///
    /// ```
    /// use echeancier::{CashRounding, DueRule, Invoice, LineAmount, PaymentTerms, Rounding, TaxedAmount, TermsLine};
    /// use chrono::NaiveDate;
    ///
    /// let third = TermsLine::new(LineAmount::Percent("33.33%".parse()?), DueRule::DaysAfterInvoice(30))?;
    /// let rest = TermsLine::new(LineAmount::Balance, DueRule::DaysAfterInvoice(90))?;
    /// let terms = PaymentTerms::new([third, third, rest])?
    ///     .with_cash_rounding(CashRounding::new("0.05 CHF".parse()?, Rounding::HalfUp)?);
    /// let issued = NaiveDate::from_ymd_opt(2027, 4, 1).ok_or("bad date")?;
    /// let invoice = Invoice::new("R-88", issued, TaxedAmount::untaxed("1000.00 CHF".parse()?)?)?;
    /// let amounts: Vec<String> = terms.apply(&invoice)?.lines().iter().map(|l| l.amount().total().to_string()).collect();
    /// assert_eq!(amounts, ["333.30 CHF", "333.30 CHF", "333.40 CHF"]); // 333.30 rounds to 333.30
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_cash_rounding(mut self, cash: CashRounding) -> PaymentTerms {
        self.cash_rounding = Some(cash);
        self
    }

    /// The lines, in the order written.
    pub fn lines(&self) -> &[TermsLine] {
        &self.lines
    }

    /// The rounding of percentages.
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// The cash rounding, if any.
    pub fn cash_rounding(&self) -> Option<CashRounding> {
        self.cash_rounding
    }

    /// The index of the line that absorbs the residue: the balance line, or the last one.
    fn absorbing(&self) -> usize {
        self.lines
            .iter()
            .position(|l| l.amount == LineAmount::Balance)
            .unwrap_or(self.lines.len().saturating_sub(1))
    }

    /// The dated lines of `invoice` under these terms, each with its share of base and VAT and its
    /// discount, if any.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTerms`] if the fixed amounts and rounded percentages leave less than zero for
    /// the line that takes the rest; [`Error::CurrencyMismatch`] for a fixed amount or cash step in
    /// another currency; [`Error::DiscountExceedsBase`] for a fixed discount larger than its line;
    /// [`Error::UnsupportedDate`] for a due date past the supported range; [`Error::DateOutOfRange`];
    /// [`Error::Overflow`].
    ///
    /// See [`PaymentTerms`] for an example.
    pub fn apply(&self, invoice: &Invoice) -> Result<InvoicePlan> {
        let total = invoice.amount.total();
        let currency = total.currency();
        let absorbing = self.absorbing();
        // Every line but the absorbing one, then the rest.
        let mut amounts = Vec::with_capacity(self.lines.len());
        let mut taken = Money::zero(currency);
        for (i, line) in self.lines.iter().enumerate() {
            let amount = if i == absorbing {
                Money::zero(currency)
            } else {
                let raw = match line.amount {
                    LineAmount::Percent(p) => p.of(total, self.rounding)?,
                    LineAmount::Fixed(m) => {
                        total.same_currency(m)?;
                        m
                    }
                    LineAmount::Balance => Money::zero(currency),
                };
                match (self.cash_rounding, line.amount) {
                    (Some(cash), LineAmount::Percent(_)) => cash.apply(raw)?,
                    _ => raw,
                }
            };
            taken = taken.checked_add(amount)?;
            amounts.push(amount);
        }
        let rest = total.checked_sub(taken)?;
        if rest.is_negative() {
            return Err(Error::InvalidTerms {
                reason: format!(
                    "the lines before the one that takes the rest come to {taken}, more than the invoice of {total}"
                ),
            });
        }
        if let Some(slot) = amounts.get_mut(absorbing) {
            *slot = rest;
        }
        // Base and VAT of each line: the cumulative share rounded once, so that the lines' bases add
        // up to the invoice's base and no part is negative.
        let mut lines = Vec::with_capacity(amounts.len());
        let mut cumulative = Money::zero(currency);
        let mut before = TaxedAmount::untaxed(Money::zero(currency))?;
        for (i, (line, amount)) in self.lines.iter().zip(amounts).enumerate() {
            cumulative = cumulative.checked_add(amount)?;
            let upto = invoice.amount.share(cumulative, self.rounding)?;
            let taxed = upto.checked_sub(before)?;
            before = upto;
            let due_date = check_date(
                || {
                    format!(
                        "the due date of line {} of invoice {:?}",
                        i.saturating_add(1),
                        invoice.reference
                    )
                },
                line.due.due_date(invoice.date)?,
            )?;
            let discount = match line.discount {
                Some(terms) if amount.is_positive() => {
                    let max = terms.discount_on(taxed)?;
                    Some(LineDiscount {
                        last_day: terms.last_day(invoice.date)?,
                        discount: max,
                        net: amount.checked_sub(max.total())?,
                    })
                }
                _ => None,
            };
            lines.push(DueLine {
                number: u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1),
                due_date,
                amount: taxed,
                discount,
            });
        }
        Ok(InvoicePlan {
            invoice: invoice.clone(),
            terms: self.clone(),
            lines,
        })
    }
}

/// An invoice: its reference, its date and its amount split into base and VAT.
///
/// ```
/// use echeancier::{Invoice, TaxedAmount};
/// use chrono::NaiveDate;
///
/// let issued = NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("bad date")?;
/// let invoice = Invoice::new("F-2027-015", issued, TaxedAmount::new("1000.00 EUR".parse()?, "200.00 EUR".parse()?)?)?;
/// assert_eq!(invoice.amount().total().to_string(), "1200.00 EUR");
/// assert!(Invoice::new(" ", issued, invoice.amount()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "InvoiceRepr", into = "InvoiceRepr")
)]
pub struct Invoice {
    reference: String,
    date: NaiveDate,
    amount: TaxedAmount,
}

impl Invoice {
    /// An invoice `reference` of `date` for `amount`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyReference`] for a blank reference, [`Error::ControlCharacter`] for one holding
    /// a line break or a tab; [`Error::UnsupportedDate`] for a date outside the supported range;
    /// [`Error::NotPositive`] for a total of zero.
    pub fn new(
        reference: impl Into<String>,
        date: NaiveDate,
        amount: TaxedAmount,
    ) -> Result<Invoice> {
        let reference = reference.into();
        check_text(Text::Reference, "an invoice", &reference)?;
        check_date(|| format!("the date of invoice {reference:?}"), date)?;
        amount.total().require_positive("invoice amount")?;
        Ok(Invoice {
            reference,
            date,
            amount,
        })
    }

    /// The reference (invoice number).
    pub fn reference(&self) -> &str {
        &self.reference
    }

    /// The invoice date, from which every due rule counts.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The amount, base and VAT.
    pub fn amount(&self) -> TaxedAmount {
        self.amount
    }
}

/// The discount a line earns if paid in full on or before `last_day`.
///
/// See [`InvoicePlan`] for an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LineDiscount {
    last_day: NaiveDate,
    discount: TaxedAmount,
    net: Money,
}

impl LineDiscount {
    /// The last day a payment earns it.
    pub fn last_day(&self) -> NaiveDate {
        self.last_day
    }

    /// The discount on the whole line, split between base and VAT.
    pub fn discount(&self) -> TaxedAmount {
        self.discount
    }

    /// What settles the line on or before the last day: its amount less the discount.
    pub fn net(&self) -> Money {
        self.net
    }
}

/// One dated line of an invoice under its terms.
///
/// See [`InvoicePlan`] for an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DueLine {
    number: u32,
    due_date: NaiveDate,
    amount: TaxedAmount,
    discount: Option<LineDiscount>,
}

impl DueLine {
    /// Its number in the terms, from 1.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The date it falls due; never before the invoice date.
    pub fn due_date(&self) -> NaiveDate {
        self.due_date
    }

    /// Its amount, split between base and VAT (it may be zero: a balance line after 100 % of
    /// percentages).
    pub fn amount(&self) -> TaxedAmount {
        self.amount
    }

    /// Its early-payment discount, if its terms line has one.
    pub fn discount(&self) -> Option<LineDiscount> {
        self.discount
    }
}

/// An invoice under its terms: the dated lines, which add up to the invoice exactly, and what
/// follows from them (claims for the rest of the crate, discounts, legal checks).
///
/// ```
/// use echeancier::{DiscountWindow, DueRule, EarlyPaymentDiscount, Invoice, Language, LineAmount,
///     PaymentTerms, Reduction, TaxedAmount, TermsLine};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
/// // 2 % if paid within 10 days, net 30.
/// let terms = PaymentTerms::new([TermsLine::new(LineAmount::Balance, DueRule::DaysAfterInvoice(30))?
///     .with_discount(EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?)])?;
/// let invoice = Invoice::new("F-1", d(3, 1)?, TaxedAmount::new("10000.00 EUR".parse()?, "2000.00 EUR".parse()?)?)?;
/// let plan = terms.apply(&invoice)?;
/// let line = plan.lines()[0];
/// assert_eq!(line.due_date(), d(3, 31)?);
/// let discount = line.discount().ok_or("no discount")?;
/// assert_eq!(discount.last_day(), d(3, 11)?);
/// assert_eq!(discount.net().to_string(), "11760.00 EUR");
/// // The claims the rest of the crate works on: one per line, dated.
/// let debt = plan.debt()?;
/// assert_eq!(debt.claims()[0].reference(), "F-1/1");
/// assert_eq!(debt.claims()[0].due_date(), Some(d(3, 31)?));
/// println!("{}", plan.explain(Language::French));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialising recomputes the lines from the invoice and the terms it carries and rejects JSON
/// that disagrees.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "InvoicePlanRepr"))]
pub struct InvoicePlan {
    invoice: Invoice,
    terms: PaymentTerms,
    lines: Vec<DueLine>,
}

impl InvoicePlan {
    /// The invoice.
    pub fn invoice(&self) -> &Invoice {
        &self.invoice
    }

    /// The terms.
    pub fn terms(&self) -> &PaymentTerms {
        &self.terms
    }

    /// The dated lines, in the order of the terms (not necessarily in date order).
    pub fn lines(&self) -> &[DueLine] {
        &self.lines
    }

    /// One claim per line of a non-zero amount, referenced `{invoice}/{line}`, issued on the invoice
    /// date and due on the line's date: what [`Debt`], [`OverdueItem::from_claim`], a plan request
    /// and the penalty presets work on.
    ///
    /// # Errors
    ///
    /// None in practice (the lines are checked when they are made).
    pub fn claims(&self) -> Result<Vec<Claim>> {
        self.lines
            .iter()
            .filter(|l| l.amount.total().is_positive())
            .map(|l| {
                Claim::new(
                    format!("{}/{}", self.invoice.reference, l.number),
                    l.amount.total(),
                )?
                .issued_on(self.invoice.date)?
                .due_on(l.due_date)
            })
            .collect()
    }

    /// The claims as one [`Debt`].
    ///
    /// # Errors
    ///
    /// None in practice.
    pub fn debt(&self) -> Result<Debt> {
        self.claims()?.into_iter().try_fold(
            Debt::new(self.invoice.amount.total().currency()),
            Debt::with_claim,
        )
    }

    /// The lines as overdue items for [`PenaltyPolicy::compute`](crate::PenaltyPolicy::compute),
    /// with no payment yet.
    ///
    /// # Errors
    ///
    /// None in practice.
    pub fn overdue_items(&self) -> Result<Vec<OverdueItem>> {
        self.claims()?.iter().map(OverdueItem::from_claim).collect()
    }

    /// What `payments` made on line `number` settle and earn under that line's discount, as
    /// [`EarlyPaymentDiscount::apply`] on the line's amount, its window counted from the invoice
    /// date; `None` if the line has no discount.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTerms`] for a line number the plan does not have; the errors of
    /// [`EarlyPaymentDiscount::apply`].
    ///
    /// ```
    /// use echeancier::{DiscountWindow, DueRule, EarlyPaymentDiscount, Invoice, LineAmount,
    ///     PartialPayment, PaymentTerms, Reduction, TaxedAmount, TermsLine};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let two = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?;
    /// // Half at 30 days with 2 % within 10 days, half at 60 days without discount.
    /// let terms = PaymentTerms::new([
    ///     TermsLine::new(LineAmount::Percent("50%".parse()?), DueRule::DaysAfterInvoice(30))?.with_discount(two),
    ///     TermsLine::new(LineAmount::Balance, DueRule::DaysAfterInvoice(60))?,
    /// ])?;
    /// let invoice = Invoice::new("F-2", d(3, 1)?, TaxedAmount::untaxed("1000.00 EUR".parse()?)?)?;
    /// let plan = terms.apply(&invoice)?;
    /// let paid = [PartialPayment::new(d(3, 5)?, "245.00 EUR".parse()?)?];
    /// let outcome = plan.line_discount(1, &paid)?.ok_or("no discount")?;
    /// assert_eq!(outcome.discount().total().to_string(), "5.00 EUR"); // 245 / 0.98 − 245
    /// assert!(plan.line_discount(2, &paid)?.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn line_discount(
        &self,
        number: u32,
        payments: &[PartialPayment],
    ) -> Result<Option<EarlyPaymentOutcome>> {
        let index = usize::try_from(number.saturating_sub(1)).unwrap_or(usize::MAX);
        let (line, terms) = match (self.lines.get(index), self.terms.lines.get(index)) {
            (Some(line), Some(terms)) if number > 0 => (line, terms),
            _ => {
                return Err(Error::InvalidTerms {
                    reason: format!(
                        "the invoice {} has no line {number} (it has {})",
                        self.invoice.reference,
                        self.lines.len()
                    ),
                })
            }
        };
        match terms.discount {
            Some(discount) if line.amount.total().is_positive() => discount
                .apply(line.amount, self.invoice.date, payments)
                .map(Some),
            _ => Ok(None),
        }
    }

    /// The lines in words, in `language`: one line per due date, with its discount.
    pub fn explain(&self, language: Language) -> String {
        let fr = language == Language::French;
        let colon = if fr { "\u{a0}:" } else { ":" };
        let mut text = if fr {
            format!(
                "Facture {} du {}, {}{colon}\n",
                self.invoice.reference,
                language::date(self.invoice.date, language),
                language::money(self.invoice.amount.total(), language)
            )
        } else {
            format!(
                "Invoice {} of {}, {}{colon}\n",
                self.invoice.reference,
                language::date(self.invoice.date, language),
                language::money(self.invoice.amount.total(), language)
            )
        };
        for (line, terms) in self.lines.iter().zip(&self.terms.lines) {
            let amount = language::money(line.amount.total(), language);
            let date = language::date(line.due_date, language);
            let rule = terms.due.describe(language);
            text.push_str(&if fr {
                format!("- {amount} le {date}, {rule}")
            } else {
                format!("- {amount} on {date}, {rule}")
            });
            if let Some(d) = line.discount {
                let net = language::money(d.net, language);
                let last = language::date(d.last_day, language);
                let cut = language::money(d.discount.total(), language);
                text.push_str(&if fr {
                    format!(", ou {net} si payé au plus tard le {last} (escompte de {cut})")
                } else {
                    format!(", or {net} if paid on or before {last} (a discount of {cut})")
                });
            }
            text.push('\n');
        }
        text
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TermsLineRepr {
    amount: LineAmount,
    due: DueRule,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    discount: Option<EarlyPaymentDiscount>,
}

#[cfg(feature = "serde")]
impl TryFrom<TermsLineRepr> for TermsLine {
    type Error = Error;

    fn try_from(r: TermsLineRepr) -> Result<TermsLine> {
        let line = TermsLine::new(r.amount, r.due)?;
        Ok(match r.discount {
            Some(discount) => line.with_discount(discount),
            None => line,
        })
    }
}

#[cfg(feature = "serde")]
impl From<TermsLine> for TermsLineRepr {
    fn from(l: TermsLine) -> TermsLineRepr {
        TermsLineRepr {
            amount: l.amount,
            due: l.due,
            discount: l.discount,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CashRoundingRepr {
    step: Money,
    #[serde(default)]
    rounding: Rounding,
}

#[cfg(feature = "serde")]
impl TryFrom<CashRoundingRepr> for CashRounding {
    type Error = Error;

    fn try_from(r: CashRoundingRepr) -> Result<CashRounding> {
        CashRounding::new(r.step, r.rounding)
    }
}

#[cfg(feature = "serde")]
impl From<CashRounding> for CashRoundingRepr {
    fn from(c: CashRounding) -> CashRoundingRepr {
        CashRoundingRepr {
            step: c.step,
            rounding: c.rounding,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PaymentTermsRepr {
    lines: Vec<TermsLine>,
    #[serde(default)]
    rounding: Rounding,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cash_rounding: Option<CashRounding>,
}

#[cfg(feature = "serde")]
impl TryFrom<PaymentTermsRepr> for PaymentTerms {
    type Error = Error;

    fn try_from(r: PaymentTermsRepr) -> Result<PaymentTerms> {
        let terms = PaymentTerms::new(r.lines)?.with_rounding(r.rounding);
        Ok(match r.cash_rounding {
            Some(cash) => terms.with_cash_rounding(cash),
            None => terms,
        })
    }
}

#[cfg(feature = "serde")]
impl From<PaymentTerms> for PaymentTermsRepr {
    fn from(t: PaymentTerms) -> PaymentTermsRepr {
        PaymentTermsRepr {
            lines: t.lines,
            rounding: t.rounding,
            cash_rounding: t.cash_rounding,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct InvoiceRepr {
    reference: String,
    date: NaiveDate,
    amount: TaxedAmount,
}

#[cfg(feature = "serde")]
impl TryFrom<InvoiceRepr> for Invoice {
    type Error = Error;

    fn try_from(r: InvoiceRepr) -> Result<Invoice> {
        Invoice::new(r.reference, r.date, r.amount)
    }
}

#[cfg(feature = "serde")]
impl From<Invoice> for InvoiceRepr {
    fn from(i: Invoice) -> InvoiceRepr {
        InvoiceRepr {
            reference: i.reference,
            date: i.date,
            amount: i.amount,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct InvoicePlanRepr {
    invoice: Invoice,
    terms: PaymentTerms,
    lines: Vec<DueLine>,
}

#[cfg(feature = "serde")]
impl TryFrom<InvoicePlanRepr> for InvoicePlan {
    type Error = Error;

    /// Recomputes the lines from the invoice and the terms and rejects JSON that disagrees.
    fn try_from(r: InvoicePlanRepr) -> Result<InvoicePlan> {
        let recomputed = r.terms.apply(&r.invoice)?;
        crate::contract::same_as_recomputed!("invoice plan", r, recomputed, [lines]);
        Ok(recomputed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
    }

    fn line(amount: LineAmount, due: DueRule) -> Result<TermsLine> {
        TermsLine::new(amount, due)
    }

    #[test]
    fn thirds_put_the_residue_on_the_last_line() -> Result<()> {
        let third = line(
            LineAmount::Percent("33.33%".parse()?),
            DueRule::DaysAfterInvoice(30),
        )?;
        let last = line(
            LineAmount::Percent("33.34%".parse()?),
            DueRule::DaysAfterInvoice(90),
        )?;
        let terms = PaymentTerms::new([third, third, last])?;
        let invoice = Invoice::new(
            "F",
            d(2027, 1, 1),
            TaxedAmount::untaxed("100.00 EUR".parse()?)?,
        )?;
        let plan = terms.apply(&invoice)?;
        let amounts: Vec<String> = plan
            .lines()
            .iter()
            .map(|l| l.amount().total().to_string())
            .collect();
        assert_eq!(amounts, ["33.33 EUR", "33.33 EUR", "33.34 EUR"]);
        Ok(())
    }

    #[test]
    fn fixed_lines_larger_than_the_invoice_are_refused() -> Result<()> {
        let fixed = line(
            LineAmount::Fixed("500.00 EUR".parse()?),
            DueRule::DaysAfterInvoice(0),
        )?;
        let rest = line(LineAmount::Balance, DueRule::DaysAfterInvoice(30))?;
        let terms = PaymentTerms::new([fixed, rest])?;
        let invoice = Invoice::new(
            "F",
            d(2027, 1, 1),
            TaxedAmount::untaxed("400.00 EUR".parse()?)?,
        )?;
        assert!(matches!(
            terms.apply(&invoice),
            Err(Error::InvalidTerms { .. })
        ));
        Ok(())
    }

    #[test]
    fn vat_is_split_line_by_line_without_loss() -> Result<()> {
        let third = line(
            LineAmount::Percent("33.33%".parse()?),
            DueRule::DaysAfterInvoice(0),
        )?;
        let rest = line(LineAmount::Balance, DueRule::DaysAfterInvoice(30))?;
        let terms = PaymentTerms::new([third, third, rest])?;
        let amount = TaxedAmount::new("99.99 EUR".parse()?, "20.01 EUR".parse()?)?;
        let plan = terms.apply(&Invoice::new("F", d(2027, 1, 1), amount)?)?;
        let base = Money::sum(
            crate::money::Currency::EUR,
            plan.lines().iter().map(|l| l.amount().base()),
        )?;
        let vat = Money::sum(
            crate::money::Currency::EUR,
            plan.lines().iter().map(|l| l.amount().vat()),
        )?;
        assert_eq!((base, vat), (amount.base(), amount.vat()));
        Ok(())
    }
}
