//! Early-payment discounts (*escompte*): a reduction for paying an invoice within a window, split
//! between the taxable base and the VAT, earned once by partial payments.

use core::fmt;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::calendar::{Calendar, HolidayCalendar};
use crate::day_count::DayCount;
use crate::debt::Claim;
use crate::discount::Reduction;
use crate::error::{Error, Result};
use crate::money::{Money, Rounding};
use crate::payment::PartialPayment;
use crate::percent::Percent;
use crate::terms::Invoice;

/// An invoice amount split into its taxable base and its VAT (either may be zero).
///
/// Discounts on an invoice are split the same way, so that both the base and the VAT are reduced in
/// proportion ([`TaxedAmount::share`]).
///
/// ```
/// use echeancier::TaxedAmount;
///
/// let invoice = TaxedAmount::new("10000.00 EUR".parse()?, "2000.00 EUR".parse()?)?;
/// assert_eq!(invoice.total().to_string(), "12000.00 EUR");
/// assert_eq!(invoice.to_string(), "12000.00 EUR (10000.00 EUR + 2000.00 EUR VAT)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "TaxedAmountRepr", into = "TaxedAmountRepr")
)]
pub struct TaxedAmount {
    base: Money,
    vat: Money,
    total: Money,
}

impl TaxedAmount {
    /// A base and its VAT.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] if either is negative; [`Error::CurrencyMismatch`] if their currencies
    /// differ; [`Error::Overflow`].
    ///
    /// ```
    /// use echeancier::TaxedAmount;
    ///
    /// assert!(TaxedAmount::new("100.00 EUR".parse()?, "-1.00 EUR".parse()?).is_err());
    /// assert!(TaxedAmount::new("100.00 EUR".parse()?, "20.00 USD".parse()?).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(base: Money, vat: Money) -> Result<TaxedAmount> {
        for (what, amount) in [("taxable base", base), ("VAT", vat)] {
            if amount.is_negative() {
                return Err(Error::Negative { what, amount });
            }
        }
        Ok(TaxedAmount {
            base,
            vat,
            total: base.checked_add(vat)?,
        })
    }

    /// An amount without VAT.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] for a negative amount.
    ///
    /// ```
    /// use echeancier::TaxedAmount;
    ///
    /// let a = TaxedAmount::untaxed("500.00 EUR".parse()?)?;
    /// assert!(a.vat().is_zero());
    /// assert_eq!(a.total().to_string(), "500.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn untaxed(amount: Money) -> Result<TaxedAmount> {
        TaxedAmount::new(amount, Money::zero(amount.currency()))
    }

    /// The amount of a claim (VAT included) whose VAT part is `vat`: the base is the rest.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] if `vat` is negative or larger than the claim; [`Error::CurrencyMismatch`].
    ///
    /// ```
    /// use echeancier::{Claim, TaxedAmount};
    ///
    /// let claim = Claim::new("F-1", "12000.00 EUR".parse()?)?;
    /// let a = TaxedAmount::of_claim(&claim, "2000.00 EUR".parse()?)?;
    /// assert_eq!(a.base().to_string(), "10000.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn of_claim(claim: &Claim, vat: Money) -> Result<TaxedAmount> {
        TaxedAmount::new(claim.amount().checked_sub(vat)?, vat)
    }

    /// The taxable base (*hors taxes*).
    ///
    /// ```
    /// let a = echeancier::TaxedAmount::new("100.00 EUR".parse()?, "20.00 EUR".parse()?)?;
    /// assert_eq!(a.base().to_string(), "100.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn base(&self) -> Money {
        self.base
    }

    /// The VAT.
    ///
    /// ```
    /// let a = echeancier::TaxedAmount::new("100.00 EUR".parse()?, "20.00 EUR".parse()?)?;
    /// assert_eq!(a.vat().to_string(), "20.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn vat(&self) -> Money {
        self.vat
    }

    /// Base plus VAT (*toutes taxes comprises*).
    ///
    /// ```
    /// let a = echeancier::TaxedAmount::new("100.00 EUR".parse()?, "20.00 EUR".parse()?)?;
    /// assert_eq!(a.total().to_string(), "120.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn total(&self) -> Money {
        self.total
    }

    /// `part` of the total, split between base and VAT in the proportion of this amount: the base
    /// part is `part × base / total` rounded once with `rounding`, and the VAT part is the rest, so
    /// the two always add up to `part` exactly. Neither part exceeds this amount's base or VAT.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] if `part` is negative; [`Error::DiscountExceedsBase`] if it is larger than
    /// the total; [`Error::CurrencyMismatch`]; [`Error::Overflow`].
    ///
    /// ```
    /// use echeancier::{Rounding, TaxedAmount};
    ///
    /// let invoice = TaxedAmount::new("10000.00 EUR".parse()?, "2000.00 EUR".parse()?)?;
    /// let discount = invoice.share("240.00 EUR".parse()?, Rounding::HalfUp)?;
    /// assert_eq!(discount.base().to_string(), "200.00 EUR"); // 240 × 10000 / 12000
    /// assert_eq!(discount.vat().to_string(), "40.00 EUR");   // 240 − 200
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn share(&self, part: Money, rounding: Rounding) -> Result<TaxedAmount> {
        self.total.same_currency(part)?;
        if part.is_negative() {
            return Err(Error::Negative {
                what: "share of a taxed amount",
                amount: part,
            });
        }
        if part > self.total {
            return Err(Error::DiscountExceedsBase {
                discount: part,
                base: self.total,
            });
        }
        if part == self.total {
            return Ok(*self);
        }
        // part < total, so total > 0: the division is defined.
        let exact = part
            .amount()
            .checked_mul(self.base.amount())
            .and_then(|x| x.checked_div(self.total.amount()))
            .ok_or(Error::Overflow {
                operation: "splitting an amount between base and VAT",
            })?;
        let base = Money::round(exact, part.currency(), rounding)?;
        TaxedAmount::new(base, part.checked_sub(base)?)
    }

    /// This amount less `other`, part by part.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] if a part would become negative; [`Error::CurrencyMismatch`].
    ///
    /// ```
    /// use echeancier::TaxedAmount;
    ///
    /// let invoice = TaxedAmount::new("10000.00 EUR".parse()?, "2000.00 EUR".parse()?)?;
    /// let discount = TaxedAmount::new("200.00 EUR".parse()?, "40.00 EUR".parse()?)?;
    /// assert_eq!(invoice.checked_sub(discount)?.total().to_string(), "11760.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn checked_sub(self, other: TaxedAmount) -> Result<TaxedAmount> {
        TaxedAmount::new(
            self.base.checked_sub(other.base)?,
            self.vat.checked_sub(other.vat)?,
        )
    }
}

/// `12000.00 EUR (10000.00 EUR + 2000.00 EUR VAT)`.
impl fmt::Display for TaxedAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} + {} VAT)", self.total, self.base, self.vat)
    }
}

/// Until when a payment earns the early-payment discount.
///
/// ```
/// use echeancier::DiscountWindow;
/// use chrono::NaiveDate;
///
/// let issued = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
/// assert_eq!(DiscountWindow::WithinDays(10).last_day(issued)?.to_string(), "2027-03-11");
/// let by = NaiveDate::from_ymd_opt(2027, 3, 15).unwrap();
/// assert_eq!(DiscountWindow::Until(by).last_day(issued)?, by);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DiscountWindow {
    /// Paid within this many days of the issue date, that last day included ("2/10": 10 days).
    WithinDays(u32),
    /// Paid on or before this date.
    Until(NaiveDate),
    /// Paid within this many business days of the issue date, that last business day included
    /// (the issue date itself is not counted), in the calendar of the discount
    /// ([`EarlyPaymentDiscount::with_calendar`]; Saturdays and Sundays closed by default).
    WithinBusinessDays(u32),
}

impl DiscountWindow {
    /// The last day a payment earns the discount, for an invoice issued on `issue_date`.
    ///
    /// # Errors
    ///
    /// [`Error::DateOutOfRange`] past the supported calendar.
    ///
    /// ```
    /// use echeancier::DiscountWindow;
    /// use chrono::NaiveDate;
    ///
    /// let issued = NaiveDate::from_ymd_opt(2027, 2, 20).unwrap();
    /// assert_eq!(DiscountWindow::WithinDays(10).last_day(issued)?.to_string(), "2027-03-02");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn last_day(&self, issue_date: NaiveDate) -> Result<NaiveDate> {
        self.last_day_in(issue_date, &HolidayCalendar::WeekendsOnly)
    }

    /// The last day a payment earns the discount, business days counted in `calendar`.
    ///
    /// # Errors
    ///
    /// [`Error::DateOutOfRange`] past the supported calendar; [`Error::NoBusinessDay`] for a
    /// calendar without a business day within a year.
    ///
    /// ```
    /// use echeancier::{DiscountWindow, HolidayCalendar};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).ok_or("bad date");
    /// // Thursday 30 April 2026, 3 business days: Monday 4 May, Friday 1 May being Labour Day.
    /// let window = DiscountWindow::WithinBusinessDays(3);
    /// assert_eq!(window.last_day_in(d(4, 30)?, &HolidayCalendar::France)?, d(5, 6)?);
    /// assert_eq!(window.last_day(d(4, 30)?)?, d(5, 5)?); // weekends only
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn last_day_in<C: Calendar + ?Sized>(
        &self,
        issue_date: NaiveDate,
        calendar: &C,
    ) -> Result<NaiveDate> {
        match *self {
            DiscountWindow::WithinBusinessDays(days) => {
                let mut day = issue_date;
                let mut counted = 0_u32;
                let mut looked = 0_u32;
                while counted < days {
                    day = day.succ_opt().ok_or_else(|| Error::DateOutOfRange {
                        what: format!("{issue_date} plus {days} business days"),
                    })?;
                    looked = looked.saturating_add(1);
                    if calendar.is_business_day(day) {
                        counted = counted.saturating_add(1);
                        looked = 0;
                    } else if looked > 366 {
                        return Err(Error::NoBusinessDay {
                            date: day,
                            days: 366,
                        });
                    }
                }
                Ok(day)
            }
            DiscountWindow::WithinDays(days) => issue_date
                .checked_add_days(Days::new(u64::from(days)))
                .ok_or_else(|| Error::DateOutOfRange {
                    what: format!("{issue_date} plus {days} days"),
                }),
            DiscountWindow::Until(date) => Ok(date),
        }
    }
}

/// What an early-payment discount is computed on, and what it does to the VAT. Both conventions
/// are in use, so each is an option; the default is the crate's behaviour before the option existed.
///
/// Worked figures for an invoice of 10,000.00 + 20 % VAT and 2 % for early payment:
///
/// | basis | invoice | discount (base + VAT) | paid early | VAT finally due |
/// |---|---|---|---|---|
/// | [`TotalProportional`](DiscountBasis::TotalProportional) | 12,000.00 | 240.00 (200.00 + 40.00) | 11,760.00 | 1,960.00 |
/// | [`TotalVatUnchanged`](DiscountBasis::TotalVatUnchanged) | 12,000.00 | 240.00 (240.00 + 0.00) | 11,760.00 | 2,000.00 |
/// | [`UntaxedBase`](DiscountBasis::UntaxedBase) | 12,000.00 | 200.00 (200.00 + 0.00) | 11,800.00 | 2,000.00 |
/// | [`VatOnDiscountedBase`](DiscountBasis::VatOnDiscountedBase) | 11,960.00 (VAT on 9,800.00) | 200.00 (200.00 + 0.00) | 11,760.00 | 1,960.00 |
///
/// Under the last (the Belgian rule, Odoo's "mixed" computation), VAT is charged on the discounted
/// base whether or not the discount is taken: build the invoice with
/// [`EarlyPaymentDiscount::taxed_invoice`]. Odoo's `early_pay_discount_computation` calls the first
/// "included" and the third "excluded".
///
/// ```
/// use echeancier::{DiscountBasis, DiscountWindow, EarlyPaymentDiscount, Reduction, TaxedAmount};
///
/// let two = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?;
/// let invoice = TaxedAmount::new("10000.00 EUR".parse()?, "2000.00 EUR".parse()?)?;
/// assert_eq!(two.discount_on(invoice)?.to_string(), "240.00 EUR (200.00 EUR + 40.00 EUR VAT)");
/// let excluded = two.with_basis(DiscountBasis::UntaxedBase);
/// assert_eq!(excluded.discount_on(invoice)?.to_string(), "200.00 EUR (200.00 EUR + 0.00 EUR VAT)");
/// let belgian = two.with_basis(DiscountBasis::VatOnDiscountedBase);
/// let invoice = belgian.taxed_invoice("10000.00 EUR".parse()?, "20%".parse()?)?;
/// assert_eq!(invoice.to_string(), "11960.00 EUR (10000.00 EUR + 1960.00 EUR VAT)");
/// assert_eq!(invoice.total().checked_sub(belgian.discount_on(invoice)?.total())?.to_string(), "11760.00 EUR");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DiscountBasis {
    /// A percentage of the total, VAT included; when it is taken, base and VAT are reduced in
    /// proportion (the VAT is regularised).
    #[default]
    TotalProportional,
    /// A percentage of the total, VAT included, taken off the base alone: the VAT is not changed.
    TotalVatUnchanged,
    /// A percentage of the untaxed base; the VAT is not changed.
    UntaxedBase,
    /// A percentage of the untaxed base, the VAT having been charged on the discounted base from the
    /// start, whether or not the discount is taken (Belgium; Odoo "mixed").
    VatOnDiscountedBase,
}

/// Early-payment terms (*escompte pour paiement anticipé*): a [`Reduction`] if the invoice is paid
/// within a [`DiscountWindow`], optionally with the net term ("2/10 net 30").
///
/// How partial payments earn it: with a percentage `d`, a full payment inside the window is the
/// gross less the discount, `net = gross − round(d × gross)`; each payment `P` made inside the
/// window settles `P × gross / net` of the gross (that is `P / (1 − d)`, kept consistent with the
/// rounded net), computed on the running total of the payments in the window and rounded once, so
/// the discount earned by a payment is what it settles less what it pays. Payments after the window
/// settle their face value and earn nothing. A fixed amount is earned only by the payment that
/// completes the net inside the window (earlier payments in the window settle their face value).
/// Either way the total never exceeds the discount on a full payment, and the outcome is a pure
/// function of the invoice and the whole list of payments: giving the same payments again earns
/// nothing more. A payment dated before the issue date counts as inside the window.
///
/// ```
/// use echeancier::{DiscountWindow, EarlyPaymentDiscount, PartialPayment, Reduction, TaxedAmount};
/// use chrono::NaiveDate;
///
/// let d = |day| NaiveDate::from_ymd_opt(2027, 3, day).unwrap();
/// let terms = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?
///     .with_net_days(30)?;
/// let invoice = TaxedAmount::new("10000.00 EUR".parse()?, "2000.00 EUR".parse()?)?;
/// let full = terms.discount_on(invoice)?;
/// assert_eq!(full.to_string(), "240.00 EUR (200.00 EUR + 40.00 EUR VAT)");
/// assert_eq!(invoice.checked_sub(full)?.total().to_string(), "11760.00 EUR");
///
/// // Half the net paid on day 5, the rest after the window.
/// let payments = [
///     PartialPayment::new(d(6), "5880.00 EUR".parse()?)?,
///     PartialPayment::new(d(25), "6000.00 EUR".parse()?)?,
/// ];
/// let outcome = terms.apply(invoice, d(1), &payments)?;
/// assert_eq!(outcome.discount().total().to_string(), "120.00 EUR"); // 5880 / 0.98 − 5880
/// assert!(outcome.remaining().is_zero());
/// assert_eq!(terms.implied_annual_cost()?.to_string(), "37.24%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "EarlyPaymentRepr", into = "EarlyPaymentRepr")
)]
pub struct EarlyPaymentDiscount {
    reduction: Reduction,
    window: DiscountWindow,
    net_days: Option<u32>,
    rounding: Rounding,
    basis: DiscountBasis,
    calendar: HolidayCalendar,
}

impl EarlyPaymentDiscount {
    /// `reduction` for a payment within `window`; amounts rounded half-up.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPercent`] for 100 % (nothing would be left to pay, and a partial payment could
    /// not say what it settles); [`Error::Negative`] for a negative fixed amount.
    ///
    /// ```
    /// use echeancier::{DiscountWindow, EarlyPaymentDiscount, Reduction};
    ///
    /// let all = Reduction::Percent("100%".parse()?);
    /// assert!(EarlyPaymentDiscount::new(all, DiscountWindow::WithinDays(10)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(reduction: Reduction, window: DiscountWindow) -> Result<EarlyPaymentDiscount> {
        if let Reduction::Percent(p) = reduction {
            if p == Percent::HUNDRED {
                return Err(Error::InvalidPercent {
                    what: "early-payment discount",
                    percent: p.percent(),
                    range: "below 100",
                });
            }
        }
        Ok(EarlyPaymentDiscount {
            reduction: reduction.checked()?,
            window,
            net_days: None,
            rounding: Rounding::default(),
            basis: DiscountBasis::default(),
            calendar: HolidayCalendar::default(),
        })
    }

    /// Sets the net term: the invoice is due `days` after its issue date without discount ("net 30").
    /// It dates nothing here; [`EarlyPaymentDiscount::implied_annual_cost`] reads it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDays`] unless the window is a number of days shorter than `days`.
    ///
    /// ```
    /// use echeancier::{DiscountWindow, EarlyPaymentDiscount, Reduction};
    ///
    /// let terms = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?;
    /// assert_eq!(terms.with_net_days(30)?.net_days(), Some(30));
    /// assert!(terms.with_net_days(10).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_net_days(mut self, days: u32) -> Result<EarlyPaymentDiscount> {
        match self.window {
            DiscountWindow::WithinDays(window) if days > window => {
                self.net_days = Some(days);
                Ok(self)
            }
            _ => Err(Error::InvalidDays {
                what: "net term in days",
                days,
                range: "longer than a discount window counted in days",
            }),
        }
    }

    /// Sets how the discount is rounded to the minor unit (half-up by default).
    ///
    /// ```
    /// use echeancier::{DiscountWindow, EarlyPaymentDiscount, Reduction, Rounding, TaxedAmount};
    ///
    /// let terms = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?
    ///     .with_rounding(Rounding::Down);
    /// let invoice = TaxedAmount::untaxed("100.99 EUR".parse()?)?; // 2 % = 2.0198
    /// assert_eq!(terms.discount_on(invoice)?.total().to_string(), "2.01 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_rounding(mut self, rounding: Rounding) -> EarlyPaymentDiscount {
        self.rounding = rounding;
        self
    }

    /// Sets what the discount is computed on and what it does to the VAT
    /// ([`DiscountBasis::TotalProportional`] by default).
    ///
    /// See [`DiscountBasis`] for the worked figures.
    pub fn with_basis(mut self, basis: DiscountBasis) -> EarlyPaymentDiscount {
        self.basis = basis;
        self
    }

    /// Sets the calendar a window of [`DiscountWindow::WithinBusinessDays`] is counted in
    /// (weekends only by default).
    ///
    /// ```
    /// use echeancier::{DiscountWindow, EarlyPaymentDiscount, HolidayCalendar, Reduction};
    ///
    /// let terms = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinBusinessDays(8))?
    ///     .with_calendar(HolidayCalendar::France);
    /// assert_eq!(terms.calendar(), HolidayCalendar::France);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_calendar(mut self, calendar: HolidayCalendar) -> EarlyPaymentDiscount {
        self.calendar = calendar;
        self
    }

    /// What the discount is computed on.
    pub fn basis(&self) -> DiscountBasis {
        self.basis
    }

    /// The calendar of business-day windows.
    pub fn calendar(&self) -> HolidayCalendar {
        self.calendar
    }

    /// The last day a payment earns the discount, for an invoice issued on `issue_date`, business
    /// days counted in the discount's calendar.
    ///
    /// # Errors
    ///
    /// The errors of [`DiscountWindow::last_day_in`].
    pub fn last_day(&self, issue_date: NaiveDate) -> Result<NaiveDate> {
        self.window.last_day_in(issue_date, &self.calendar)
    }

    /// An invoice of `base` with VAT at `vat_rate` under this discount: the VAT on the base, or,
    /// under [`DiscountBasis::VatOnDiscountedBase`], on the base less a percentage discount (each
    /// rounded once with the discount's rounding).
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] for a negative base; [`Error::Overflow`].
    ///
    /// See [`DiscountBasis`] for an example.
    pub fn taxed_invoice(&self, base: Money, vat_rate: Percent) -> Result<TaxedAmount> {
        let taxed_base = match (self.basis, self.reduction) {
            (DiscountBasis::VatOnDiscountedBase, Reduction::Percent(p)) => {
                base.checked_sub(p.of(base, self.rounding)?)?
            }
            (DiscountBasis::VatOnDiscountedBase, Reduction::Amount(a)) => {
                base.checked_sub(a.checked_min(base)?)?
            }
            _ => base,
        };
        TaxedAmount::new(base, vat_rate.of(taxed_base, self.rounding)?)
    }

    /// `part` of a discount on `invoice` split between base and VAT as the basis says.
    fn split(&self, invoice: TaxedAmount, part: Money) -> Result<TaxedAmount> {
        match self.basis {
            DiscountBasis::TotalProportional => invoice.share(part, self.rounding),
            _ => {
                // Off the base alone; a discount larger than the base (a huge VAT) keeps the rest
                // on the VAT rather than making the base negative.
                let base = part.checked_min(invoice.base())?;
                TaxedAmount::new(base, part.checked_sub(base)?)
            }
        }
    }

    /// The reduction.
    ///
    /// ```
    /// use echeancier::{DiscountWindow, EarlyPaymentDiscount, Reduction};
    ///
    /// let r = Reduction::Percent("2%".parse()?);
    /// assert_eq!(EarlyPaymentDiscount::new(r, DiscountWindow::WithinDays(10))?.reduction(), r);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reduction(&self) -> Reduction {
        self.reduction
    }

    /// The window.
    ///
    /// ```
    /// use echeancier::{DiscountWindow, EarlyPaymentDiscount, Reduction};
    ///
    /// let terms = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?;
    /// assert_eq!(terms.window(), DiscountWindow::WithinDays(10));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn window(&self) -> DiscountWindow {
        self.window
    }

    /// The net term in days, if set.
    ///
    /// ```
    /// use echeancier::{DiscountWindow, EarlyPaymentDiscount, Reduction};
    ///
    /// let terms = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?;
    /// assert_eq!(terms.net_days(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn net_days(&self) -> Option<u32> {
        self.net_days
    }

    /// The rounding of the discount.
    ///
    /// ```
    /// use echeancier::{DiscountWindow, EarlyPaymentDiscount, Reduction, Rounding};
    ///
    /// let terms = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?;
    /// assert_eq!(terms.rounding(), Rounding::HalfUp);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// The discount on a payment in full inside the window, split between base and VAT: the
    /// reduction of the total rounded once, then split by [`TaxedAmount::share`].
    ///
    /// # Errors
    ///
    /// [`Error::DiscountExceedsBase`] for a fixed amount larger than the invoice;
    /// [`Error::CurrencyMismatch`]; [`Error::Overflow`].
    ///
    /// ```
    /// use echeancier::{DiscountWindow, EarlyPaymentDiscount, Reduction, TaxedAmount};
    ///
    /// let terms = EarlyPaymentDiscount::new(Reduction::amount("30.00 EUR".parse()?)?, DiscountWindow::WithinDays(8))?;
    /// let invoice = TaxedAmount::new("100.00 EUR".parse()?, "20.00 EUR".parse()?)?;
    /// assert_eq!(terms.discount_on(invoice)?.to_string(), "30.00 EUR (25.00 EUR + 5.00 EUR VAT)");
    /// let small = TaxedAmount::untaxed("20.00 EUR".parse()?)?;
    /// assert!(terms.discount_on(small).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn discount_on(&self, invoice: TaxedAmount) -> Result<TaxedAmount> {
        let total = match self.basis {
            DiscountBasis::TotalProportional | DiscountBasis::TotalVatUnchanged => invoice.total(),
            _ => invoice.base(),
        };
        let discount = match self.reduction {
            Reduction::Amount(amount) => {
                total.same_currency(amount)?;
                if amount > total {
                    return Err(Error::DiscountExceedsBase {
                        discount: amount,
                        base: total,
                    });
                }
                amount
            }
            other => other.of(total, self.rounding)?,
        };
        self.split(invoice, discount)
    }

    /// What `payments` on `invoice`, issued on `issue_date`, settle and earn: one line per payment in
    /// date order (payments of one day in the order given), the discount earned split between base and
    /// VAT, and what remains to be paid. See [`EarlyPaymentDiscount`] for the rule.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] for an invoice of zero; [`Error::Overpaid`] if the payments exceed what
    /// they can settle; [`Error::DiscountExceedsBase`] for a fixed amount larger than the invoice;
    /// [`Error::CurrencyMismatch`]; [`Error::DateOutOfRange`]; [`Error::Overflow`].
    ///
    /// ```
    /// use echeancier::{DiscountWindow, EarlyPaymentDiscount, PartialPayment, PaymentTiming, Reduction, TaxedAmount};
    /// use chrono::NaiveDate;
    ///
    /// let d = |day| NaiveDate::from_ymd_opt(2027, 3, day).unwrap();
    /// let terms = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?;
    /// let invoice = TaxedAmount::new("10000.00 EUR".parse()?, "2000.00 EUR".parse()?)?;
    /// let outcome = terms.apply(invoice, d(1), &[PartialPayment::new(d(11), "11760.00 EUR".parse()?)?])?;
    /// let line = &outcome.lines()[0];
    /// assert_eq!(line.timing(), PaymentTiming::WithinWindow); // the 11th is the 10th day
    /// assert_eq!(line.settled().to_string(), "12000.00 EUR");
    /// assert_eq!(line.discount().to_string(), "240.00 EUR (200.00 EUR + 40.00 EUR VAT)");
    /// assert!(outcome.remaining().is_zero());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(
        &self,
        invoice: TaxedAmount,
        issue_date: NaiveDate,
        payments: &[PartialPayment],
    ) -> Result<EarlyPaymentOutcome> {
        self.apply_named("invoice", invoice, issue_date, payments)
    }

    /// As [`EarlyPaymentDiscount::apply`] for a claim whose amount includes `vat`, issued on its issue
    /// date.
    ///
    /// # Errors
    ///
    /// [`Error::MissingIssueDate`] if the claim has none; [`Error::Negative`] if `vat` is negative or
    /// more than the claim; and the errors of [`EarlyPaymentDiscount::apply`].
    ///
    /// ```
    /// use echeancier::{Claim, DiscountWindow, EarlyPaymentDiscount, PartialPayment, Reduction};
    /// use chrono::NaiveDate;
    ///
    /// let d = |day| NaiveDate::from_ymd_opt(2027, 3, day).unwrap();
    /// let terms = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?;
    /// let claim = Claim::new("F-2027-031", "12000.00 EUR".parse()?)?.issued_on(d(1))?;
    /// let paid = [PartialPayment::new(d(5), "11760.00 EUR".parse()?)?];
    /// let outcome = terms.apply_to_claim(&claim, "2000.00 EUR".parse()?, &paid)?;
    /// assert_eq!(outcome.discount().vat().to_string(), "40.00 EUR");
    /// let undated = Claim::new("F-2027-032", "12000.00 EUR".parse()?)?;
    /// assert!(terms.apply_to_claim(&undated, "2000.00 EUR".parse()?, &paid).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_to_claim(
        &self,
        claim: &Claim,
        vat: Money,
        payments: &[PartialPayment],
    ) -> Result<EarlyPaymentOutcome> {
        let issue_date = claim.issue_date().ok_or_else(|| Error::MissingIssueDate {
            reference: claim.reference().to_owned(),
        })?;
        let invoice = TaxedAmount::of_claim(claim, vat)?;
        self.apply_named(claim.reference(), invoice, issue_date, payments)
    }

    fn apply_named(
        &self,
        reference: &str,
        invoice: TaxedAmount,
        issue_date: NaiveDate,
        payments: &[PartialPayment],
    ) -> Result<EarlyPaymentOutcome> {
        let gross = invoice.total().require_positive("invoice amount")?;
        let currency = gross.currency();
        let last_day = self.last_day(issue_date)?;
        let full = self.discount_on(invoice)?;
        let net = gross.checked_sub(full.total())?;
        let mut ordered: Vec<PartialPayment> = payments.to_vec();
        ordered.sort_by_key(PartialPayment::date);

        let zero = Money::zero(currency);
        let mut paid = zero;
        let mut paid_in_window = zero;
        let mut settled = zero;
        let mut earned = TaxedAmount::untaxed(zero)?;
        let mut lines = Vec::with_capacity(ordered.len());
        for payment in ordered {
            gross.same_currency(payment.amount())?;
            paid = paid.checked_add(payment.amount())?;
            // What the payments so far could pay at most: the net while all of them are inside
            // the window (they come first in date order), the gross less the discount earned after.
            let overpaid = |amount: Money| Error::Overpaid {
                reference: reference.to_owned(),
                paid,
                amount,
            };
            let (timing, settled_now, earned_now) = if payment.date() <= last_day {
                paid_in_window = paid_in_window.checked_add(payment.amount())?;
                if paid_in_window > net {
                    return Err(overpaid(net));
                }
                let cumulative = self.settled_by(paid_in_window, gross, net)?;
                // The discount so far is a function of the running total only, so splitting or
                // repeating the computation can never earn it twice.
                let discount = self.split(invoice, cumulative.checked_sub(paid_in_window)?)?;
                (PaymentTiming::WithinWindow, cumulative, discount)
            } else {
                let cumulative = settled.checked_add(payment.amount())?;
                if cumulative > gross {
                    return Err(overpaid(gross.checked_sub(earned.total())?));
                }
                (PaymentTiming::AfterWindow, cumulative, earned)
            };
            lines.push(EarlyPaymentLine {
                payment,
                timing,
                settled: settled_now.checked_sub(settled)?,
                discount: earned_now.checked_sub(earned)?,
                remaining_after: gross.checked_sub(settled_now)?,
            });
            settled = settled_now;
            earned = earned_now;
        }
        let lines_after_window = lines
            .iter()
            .any(|l: &EarlyPaymentLine| l.timing == PaymentTiming::AfterWindow);
        Ok(EarlyPaymentOutcome {
            invoice,
            last_day,
            max_discount: full,
            lines,
            discount: earned,
            paid,
            settled,
            remaining: gross.checked_sub(settled)?,
            net_due_in_window: if lines_after_window {
                None
            } else {
                Some(net.checked_sub(paid_in_window)?)
            },
        })
    }

    /// How much of the gross a running total `paid` (at most `net`) paid inside the window settles.
    fn settled_by(&self, paid: Money, gross: Money, net: Money) -> Result<Money> {
        if paid >= net {
            return Ok(gross);
        }
        match self.reduction {
            Reduction::Percent(_) => {
                // paid < net, so net > 0. Multiply first, divide last, round once.
                let exact = paid
                    .amount()
                    .checked_mul(gross.amount())
                    .and_then(|x| x.checked_div(net.amount()))
                    .ok_or(Error::Overflow {
                        operation: "computing what a discounted payment settles",
                    })?;
                Money::round(exact, gross.currency(), self.rounding)?.checked_min(gross)
            }
            // A fixed amount is earned only when the net is paid in full inside the window.
            Reduction::Amount(_) => Ok(paid),
        }
    }

    /// What the discount costs as a yearly rate when it is taken on the last day of the window
    /// instead of the last day of the net term: [`implied_annual_cost`] with the difference of days.
    ///
    /// # Errors
    ///
    /// [`Error::Unsupported`] for a fixed amount, a window given as a date, or terms without a net
    /// term; and the errors of [`implied_annual_cost`].
    ///
    /// ```
    /// use echeancier::{DiscountWindow, EarlyPaymentDiscount, Reduction};
    ///
    /// let terms = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?;
    /// assert!(terms.implied_annual_cost().is_err()); // no net term
    /// let cost = terms.with_net_days(30)?.implied_annual_cost()?;
    /// assert_eq!(cost.days_early(), 20);
    /// assert_eq!(cost.to_string(), "37.24%");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn implied_annual_cost(&self) -> Result<ImpliedCost> {
        self.implied_annual_cost_on(DayCount::Actual365)
    }

    /// [`EarlyPaymentDiscount::implied_annual_cost`] on a year of 365 or 360 days
    /// ([`implied_annual_cost_on`]).
    ///
    /// # Errors
    ///
    /// The errors of [`EarlyPaymentDiscount::implied_annual_cost`] and [`implied_annual_cost_on`].
    ///
    /// ```
    /// use echeancier::{DayCount, DiscountWindow, EarlyPaymentDiscount, Reduction};
    ///
    /// let terms = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?
    ///     .with_net_days(30)?;
    /// assert_eq!(terms.implied_annual_cost_on(DayCount::Actual360)?.to_string(), "36.73%");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn implied_annual_cost_on(&self, year: DayCount) -> Result<ImpliedCost> {
        match (self.reduction, self.window, self.net_days) {
            (Reduction::Percent(p), DiscountWindow::WithinDays(window), Some(net)) => {
                implied_annual_cost_on(p, net.saturating_sub(window), year)
            }
            _ => Err(Error::Unsupported {
                reason:
                    "an implied annual cost needs a percentage, a window in days and a net term",
            }),
        }
    }
}

/// Whether a payment was made inside the discount window.
///
/// ```
/// use echeancier::PaymentTiming;
///
/// assert_ne!(PaymentTiming::WithinWindow, PaymentTiming::AfterWindow);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PaymentTiming {
    /// On or before the last day of the window: the payment earns its share of the discount.
    WithinWindow,
    /// After it: the payment settles its face value.
    AfterWindow,
}

/// What one payment did to an invoice under early-payment terms.
///
/// See [`EarlyPaymentDiscount::apply`] for an example.
///
/// Deserialising checks the line (one currency, nothing negative, no discount after the window).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "EarlyPaymentLineRepr"))]
pub struct EarlyPaymentLine {
    payment: PartialPayment,
    timing: PaymentTiming,
    settled: Money,
    discount: TaxedAmount,
    remaining_after: Money,
}

impl EarlyPaymentLine {
    /// The payment.
    ///
    /// See [`EarlyPaymentDiscount::apply`] for an example.
    pub fn payment(&self) -> PartialPayment {
        self.payment
    }

    /// Whether it was made inside the window.
    ///
    /// See [`EarlyPaymentDiscount::apply`] for an example.
    pub fn timing(&self) -> PaymentTiming {
        self.timing
    }

    /// How much of the invoice it settles: the amount paid plus the discount it earns.
    ///
    /// See [`EarlyPaymentDiscount::apply`] for an example.
    pub fn settled(&self) -> Money {
        self.settled
    }

    /// The discount it earns, split between base and VAT (zero after the window).
    ///
    /// See [`EarlyPaymentDiscount::apply`] for an example.
    pub fn discount(&self) -> TaxedAmount {
        self.discount
    }

    /// What remains of the invoice after it, at face value.
    ///
    /// See [`EarlyPaymentDiscount::apply`] for an example.
    pub fn remaining_after(&self) -> Money {
        self.remaining_after
    }
}

/// The discount earned on an invoice by its payments, with one line per payment.
///
/// `paid + discount = settled` and `settled + remaining = invoice`, to the minor unit.
///
/// ```
/// use echeancier::{DiscountWindow, EarlyPaymentDiscount, PartialPayment, Reduction, TaxedAmount};
/// use chrono::NaiveDate;
///
/// let d = |day| NaiveDate::from_ymd_opt(2027, 3, day).unwrap();
/// let terms = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?;
/// let invoice = TaxedAmount::new("10000.00 EUR".parse()?, "2000.00 EUR".parse()?)?;
/// let o = terms.apply(invoice, d(1), &[PartialPayment::new(d(4), "4900.00 EUR".parse()?)?])?;
/// assert_eq!(o.last_day().to_string(), "2027-03-11");
/// assert_eq!(o.max_discount().total().to_string(), "240.00 EUR");
/// assert_eq!(o.settled().to_string(), "5000.00 EUR");       // 4900 / 0.98
/// assert_eq!(o.discount().to_string(), "100.00 EUR (83.33 EUR + 16.67 EUR VAT)");
/// assert_eq!(o.remaining().to_string(), "7000.00 EUR");
/// assert_eq!(o.paid().to_string(), "4900.00 EUR");
/// assert_eq!(o.invoice(), invoice);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialising re-checks the outcome's sums (paid, settled and discount the sums of the lines,
/// discount ≤ maximum < invoice, remaining = invoice − settled, payments in date order and marked
/// by the window, the net due in the window) and rejects JSON that disagrees.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "EarlyPaymentOutcomeRepr"))]
pub struct EarlyPaymentOutcome {
    invoice: TaxedAmount,
    last_day: NaiveDate,
    max_discount: TaxedAmount,
    lines: Vec<EarlyPaymentLine>,
    discount: TaxedAmount,
    paid: Money,
    settled: Money,
    remaining: Money,
    net_due_in_window: Option<Money>,
}

impl EarlyPaymentOutcome {
    /// The invoice.
    ///
    /// See [`EarlyPaymentOutcome`] for an example.
    pub fn invoice(&self) -> TaxedAmount {
        self.invoice
    }

    /// The last day a payment earns the discount.
    ///
    /// See [`EarlyPaymentOutcome`] for an example.
    pub fn last_day(&self) -> NaiveDate {
        self.last_day
    }

    /// The discount a payment in full inside the window earns.
    ///
    /// See [`EarlyPaymentOutcome`] for an example.
    pub fn max_discount(&self) -> TaxedAmount {
        self.max_discount
    }

    /// One line per payment, in date order.
    ///
    /// See [`EarlyPaymentDiscount::apply`] for an example.
    pub fn lines(&self) -> &[EarlyPaymentLine] {
        &self.lines
    }

    /// The discount earned, split between base and VAT; never more than [`Self::max_discount`].
    ///
    /// See [`EarlyPaymentOutcome`] for an example.
    pub fn discount(&self) -> TaxedAmount {
        self.discount
    }

    /// The sum of the payments.
    ///
    /// See [`EarlyPaymentOutcome`] for an example.
    pub fn paid(&self) -> Money {
        self.paid
    }

    /// How much of the invoice the payments settle: paid plus discount.
    ///
    /// See [`EarlyPaymentOutcome`] for an example.
    pub fn settled(&self) -> Money {
        self.settled
    }

    /// What remains of the invoice, at face value.
    ///
    /// See [`EarlyPaymentOutcome`] for an example.
    pub fn remaining(&self) -> Money {
        self.remaining
    }

    /// What a payment on or before [the last day](Self::last_day) must still pay to settle the
    /// invoice with the whole discount; `None` once a payment was made after the window.
    ///
    /// ```
    /// use echeancier::{DiscountWindow, EarlyPaymentDiscount, PartialPayment, Reduction, TaxedAmount};
    /// use chrono::NaiveDate;
    ///
    /// let d = |day| NaiveDate::from_ymd_opt(2027, 3, day).unwrap();
    /// let terms = EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?;
    /// let invoice = TaxedAmount::new("10000.00 EUR".parse()?, "2000.00 EUR".parse()?)?;
    /// let early = [PartialPayment::new(d(4), "4900.00 EUR".parse()?)?];
    /// let o = terms.apply(invoice, d(1), &early)?;
    /// assert_eq!(o.net_due_in_window().map(|m| m.to_string()).as_deref(), Some("6860.00 EUR")); // 11760 − 4900
    /// let late = [PartialPayment::new(d(20), "4900.00 EUR".parse()?)?];
    /// assert_eq!(terms.apply(invoice, d(1), &late)?.net_due_in_window(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn net_due_in_window(&self) -> Option<Money> {
        self.net_due_in_window
    }
}

/// The yearly cost of an early-payment discount to the creditor (or its yield to a debtor who takes
/// it): `d / (1 − d) × 365 / days early`, the usual simple-interest formula.
///
/// Kept as the exact quotient (to `Decimal`'s 28 digits); `Display` shows the percentage rounded
/// half-up to 2 decimals.
///
/// ```
/// use echeancier::implied_annual_cost;
/// use rust_decimal::Decimal;
///
/// let cost = implied_annual_cost("2%".parse()?, 20)?;
/// // 0.02 / 0.98 × 365 / 20 = 7.3 / 19.6 = 0.372448979…
/// assert_eq!(cost.to_string(), "37.24%");
/// assert_eq!(cost.fraction().round_dp(6), Decimal::new(372449, 6));
/// assert_eq!(cost.percent().round_dp(2), Decimal::new(3724, 2));
/// assert_eq!(cost.discount().to_string(), "2%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Deserialising recomputes the cost from the discount and the days early and rejects JSON that
/// disagrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ImpliedCostRepr"))]
pub struct ImpliedCost {
    discount: Percent,
    days_early: u32,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "is_default"))]
    year: DayCount,
    fraction: Decimal,
    percent: Decimal,
}

impl ImpliedCost {
    /// The discount.
    ///
    /// See [`ImpliedCost`] for an example.
    pub fn discount(&self) -> Percent {
        self.discount
    }

    /// The year the cost is counted on: [`DayCount::Actual365`] (365 days) or
    /// [`DayCount::Actual360`] (360 days).
    ///
    /// See [`implied_annual_cost_on`] for an example.
    pub fn year(&self) -> DayCount {
        self.year
    }

    /// How many days earlier the debtor pays to earn it.
    ///
    /// See [`EarlyPaymentDiscount::implied_annual_cost`] for an example.
    pub fn days_early(&self) -> u32 {
        self.days_early
    }

    /// The yearly rate as a fraction (0.3724… for 37.24 %).
    ///
    /// See [`ImpliedCost`] for an example.
    pub fn fraction(&self) -> Decimal {
        self.fraction
    }

    /// The yearly rate in percent (37.24… for 37.24 %).
    ///
    /// See [`ImpliedCost`] for an example.
    pub fn percent(&self) -> Decimal {
        self.percent
    }
}

/// The percentage rounded half-up to 2 decimals: `37.24%`.
impl fmt::Display for ImpliedCost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", Rounding::HalfUp.round_dp(self.percent(), 2))
    }
}

/// The implied yearly cost of a `discount` earned by paying `days_early` days before the net term.
///
/// # Errors
///
/// [`Error::InvalidDays`] for 0 days; [`Error::InvalidPercent`] for 100 %; [`Error::Overflow`] for a
/// discount so close to 100 % that its cost leaves `Decimal`'s range.
///
/// ```
/// use echeancier::implied_annual_cost;
///
/// assert_eq!(implied_annual_cost("1%".parse()?, 30)?.to_string(), "12.29%"); // 1/99 × 365/30
/// assert_eq!(implied_annual_cost("0%".parse()?, 30)?.to_string(), "0%");
/// assert!(implied_annual_cost("2%".parse()?, 0).is_err());
/// assert!(implied_annual_cost("100%".parse()?, 20).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn implied_annual_cost(discount: Percent, days_early: u32) -> Result<ImpliedCost> {
    implied_annual_cost_on(discount, days_early, DayCount::Actual365)
}

/// [`implied_annual_cost`] on a year of 365 days ([`DayCount::Actual365`]) or of 360
/// ([`DayCount::Actual360`], the money-market convention some treasurers use):
/// `d / (1 − d) × year / days early`. Both are used in practice; the 360-day year gives a cost
/// 360/365 of the other.
///
/// # Errors
///
/// [`Error::Unsupported`] for another day count; and the errors of [`implied_annual_cost`].
///
/// ```
/// use echeancier::{implied_annual_cost_on, DayCount};
///
/// // 2/10 net 30: 0.02 / 0.98 × 365 / 20 = 37.24 %; × 360 / 20 = 36.73 %.
/// assert_eq!(implied_annual_cost_on("2%".parse()?, 20, DayCount::Actual365)?.to_string(), "37.24%");
/// let money_market = implied_annual_cost_on("2%".parse()?, 20, DayCount::Actual360)?;
/// assert_eq!(money_market.to_string(), "36.73%");
/// assert_eq!(money_market.year(), DayCount::Actual360);
/// assert!(implied_annual_cost_on("2%".parse()?, 20, DayCount::Thirty360).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn implied_annual_cost_on(
    discount: Percent,
    days_early: u32,
    year: DayCount,
) -> Result<ImpliedCost> {
    let year_days = match year {
        DayCount::Actual365 => 365,
        DayCount::Actual360 => 360,
        _ => {
            return Err(Error::Unsupported {
                reason: "an implied annual cost is counted on a year of 365 or 360 days",
            })
        }
    };
    if days_early == 0 {
        return Err(Error::InvalidDays {
            what: "days paid early",
            days: days_early,
            range: "at least 1",
        });
    }
    if discount == Percent::HUNDRED {
        return Err(Error::InvalidPercent {
            what: "early-payment discount",
            percent: discount.percent(),
            range: "below 100",
        });
    }
    let d = discount.fraction();
    let kept = discount.complement().fraction();
    let fraction = d
        .checked_mul(Decimal::from(year_days))
        .and_then(|numerator| {
            kept.checked_mul(Decimal::from(days_early))
                .and_then(|denominator| numerator.checked_div(denominator))
        })
        .ok_or(Error::Overflow {
            operation: "computing the implied cost of a discount",
        })?;
    // A discount a hair below 100 % has an astronomic cost; say so rather than saturate.
    let percent = fraction
        .checked_mul(Decimal::ONE_HUNDRED)
        .ok_or(Error::Overflow {
            operation: "computing the implied cost of a discount",
        })?;
    Ok(ImpliedCost {
        discount,
        days_early,
        year,
        fraction: fraction.normalize(),
        percent: percent.normalize(),
    })
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxedAmountRepr {
    base: Money,
    vat: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<TaxedAmountRepr> for TaxedAmount {
    type Error = Error;

    fn try_from(r: TaxedAmountRepr) -> Result<TaxedAmount> {
        TaxedAmount::new(r.base, r.vat)
    }
}

#[cfg(feature = "serde")]
impl From<TaxedAmount> for TaxedAmountRepr {
    fn from(t: TaxedAmount) -> TaxedAmountRepr {
        TaxedAmountRepr {
            base: t.base,
            vat: t.vat,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EarlyPaymentRepr {
    reduction: Reduction,
    window: DiscountWindow,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    net_days: Option<u32>,
    #[serde(default)]
    rounding: Rounding,
    #[serde(default, skip_serializing_if = "is_default")]
    basis: DiscountBasis,
    #[serde(default, skip_serializing_if = "is_default")]
    calendar: HolidayCalendar,
}

/// True for a field at its default, left out of the JSON so that the shape of earlier versions is
/// kept.
#[cfg(feature = "serde")]
fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

#[cfg(feature = "serde")]
impl TryFrom<EarlyPaymentRepr> for EarlyPaymentDiscount {
    type Error = Error;

    fn try_from(r: EarlyPaymentRepr) -> Result<EarlyPaymentDiscount> {
        let terms = EarlyPaymentDiscount::new(r.reduction, r.window)?
            .with_rounding(r.rounding)
            .with_basis(r.basis)
            .with_calendar(r.calendar);
        match r.net_days {
            Some(days) => terms.with_net_days(days),
            None => Ok(terms),
        }
    }
}

#[cfg(feature = "serde")]
impl From<EarlyPaymentDiscount> for EarlyPaymentRepr {
    fn from(t: EarlyPaymentDiscount) -> EarlyPaymentRepr {
        EarlyPaymentRepr {
            reduction: t.reduction,
            window: t.window,
            net_days: t.net_days,
            rounding: t.rounding,
            basis: t.basis,
            calendar: t.calendar,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, day).unwrap_or(NaiveDate::MIN)
    }

    fn two_ten() -> Result<EarlyPaymentDiscount> {
        EarlyPaymentDiscount::new(
            Reduction::Percent("2%".parse()?),
            DiscountWindow::WithinDays(10),
        )
    }

    fn invoice() -> Result<TaxedAmount> {
        TaxedAmount::new("10000.00 EUR".parse()?, "2000.00 EUR".parse()?)
    }

    #[test]
    fn the_issue_figures() -> Result<()> {
        // 12,000.00 × 2 % = 240.00; 240 × 10,000 / 12,000 = 200.00; VAT 240 − 200 = 40.00.
        let full = two_ten()?.discount_on(invoice()?)?;
        assert_eq!(full.base().to_string(), "200.00 EUR");
        assert_eq!(full.vat().to_string(), "40.00 EUR");
        assert_eq!(
            invoice()?.checked_sub(full)?.total().to_string(),
            "11760.00 EUR"
        );
        Ok(())
    }

    #[test]
    fn the_same_money_never_earns_twice() -> Result<()> {
        let terms = two_ten()?;
        let p = PartialPayment::new(d(3), "5880.00 EUR".parse()?)?;
        let once = terms.apply(invoice()?, d(1), &[p])?;
        assert_eq!(once.discount().total().to_string(), "120.00 EUR");
        // The same payment recorded again is a second payment: together they complete the net, and
        // the discount is the full 240.00, not 2 × 240.00 nor 120.00 + 240.00.
        let twice = terms.apply(invoice()?, d(1), &[p, p])?;
        assert_eq!(twice.discount().total().to_string(), "240.00 EUR");
        let thrice = terms.apply(invoice()?, d(1), &[p, p, p]);
        assert_eq!(
            thrice.map_err(|e| e.to_string()),
            Err(
                "payments of 17640.00 EUR on \"invoice\" exceed its amount of 11760.00 EUR"
                    .to_owned()
            )
        );
        Ok(())
    }

    #[test]
    fn payments_after_the_window_earn_nothing() -> Result<()> {
        let o = two_ten()?.apply(
            invoice()?,
            d(1),
            &[PartialPayment::new(d(12), "12000.00 EUR".parse()?)?],
        )?;
        assert!(o.discount().total().is_zero());
        assert_eq!(o.lines()[0].timing(), PaymentTiming::AfterWindow);
        let late_short = two_ten()?.apply(
            invoice()?,
            d(1),
            &[PartialPayment::new(d(12), "11760.00 EUR".parse()?)?],
        )?;
        assert_eq!(late_short.remaining().to_string(), "240.00 EUR");
        Ok(())
    }

    #[test]
    fn a_fixed_amount_is_earned_by_the_payment_that_completes_the_net() -> Result<()> {
        let terms = EarlyPaymentDiscount::new(
            Reduction::amount("100.00 EUR".parse()?)?,
            DiscountWindow::Until(d(10)),
        )?;
        let inv = TaxedAmount::untaxed("1000.00 EUR".parse()?)?;
        let payments = [
            PartialPayment::new(d(2), "400.00 EUR".parse()?)?,
            PartialPayment::new(d(9), "500.00 EUR".parse()?)?,
        ];
        let o = terms.apply(inv, d(1), &payments)?;
        assert!(o.lines()[0].discount().total().is_zero());
        assert_eq!(o.lines()[1].discount().total().to_string(), "100.00 EUR");
        assert!(o.remaining().is_zero());
        // Only part of the net inside the window: nothing earned.
        let o = terms.apply(inv, d(1), &payments[..1])?;
        assert!(o.discount().total().is_zero());
        Ok(())
    }

    #[test]
    fn vat_shares_add_up_on_awkward_figures() -> Result<()> {
        // 33.33 + 6.67 VAT, 3 %: 40.00 × 3 % = 1.20; base 1.20 × 33.33 / 40 = 0.99990 → 1.00.
        let inv = TaxedAmount::new("33.33 EUR".parse()?, "6.67 EUR".parse()?)?;
        let terms = EarlyPaymentDiscount::new(
            Reduction::Percent("3%".parse()?),
            DiscountWindow::WithinDays(10),
        )?;
        let full = terms.discount_on(inv)?;
        assert_eq!(full.base().to_string(), "1.00 EUR");
        assert_eq!(full.vat().to_string(), "0.20 EUR");
        Ok(())
    }

    #[test]
    fn a_discount_keeps_its_terms() -> Result<()> {
        let terms = two_ten()?;
        assert_eq!(
            (
                terms.basis(),
                terms.calendar(),
                terms.rounding(),
                terms.net_days()
            ),
            (
                DiscountBasis::TotalProportional,
                HolidayCalendar::WeekendsOnly,
                Rounding::HalfUp,
                None
            )
        );
        let terms = terms
            .with_basis(DiscountBasis::UntaxedBase)
            .with_calendar(HolidayCalendar::France)
            .with_rounding(Rounding::Down)
            .with_net_days(30)?;
        assert_eq!(
            (
                terms.basis(),
                terms.calendar(),
                terms.rounding(),
                terms.net_days()
            ),
            (
                DiscountBasis::UntaxedBase,
                HolidayCalendar::France,
                Rounding::Down,
                Some(30)
            )
        );
        // The net term comes after the window: 11 days is the shortest for 2/10.
        assert!(two_ten()?.with_net_days(10).is_err());
        assert_eq!(two_ten()?.with_net_days(11)?.net_days(), Some(11));
        Ok(())
    }

    #[test]
    fn a_window_ends_on_its_last_day() -> Result<()> {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
        assert_eq!(
            DiscountWindow::WithinDays(10).last_day(day(2027, 2, 20))?,
            day(2027, 3, 2)
        );
        // Thursday 30 April 2026: 3 business days, weekends closed, end on Tuesday 5 May.
        assert_eq!(
            DiscountWindow::WithinBusinessDays(3).last_day(day(2026, 4, 30))?,
            day(2026, 5, 5)
        );
        let o = two_ten()?.apply(invoice()?, d(1), &[])?;
        assert_eq!(o.last_day(), d(11));
        Ok(())
    }

    /// A calendar closed on every day before `opens`.
    struct ClosedUntil(NaiveDate);

    impl Calendar for ClosedUntil {
        fn is_business_day(&self, date: NaiveDate) -> bool {
            date >= self.0
        }
    }

    #[test]
    fn a_business_day_window_looks_a_year_ahead() -> Result<()> {
        let issued = d(1);
        let window = DiscountWindow::WithinBusinessDays(1);
        // Closed for 366 days after the issue date, open the day after: that is the last day.
        let opens = issued + Days::new(367);
        assert_eq!(window.last_day_in(issued, &ClosedUntil(opens))?, opens);
        // Closed a day longer: no business day within a year.
        let later = ClosedUntil(opens + Days::new(1));
        assert!(matches!(
            window.last_day_in(issued, &later),
            Err(Error::NoBusinessDay { days: 366, .. })
        ));
        Ok(())
    }

    #[test]
    fn vat_on_the_discounted_base_takes_either_reduction_off_first() -> Result<()> {
        let belgian = |reduction| -> Result<TaxedAmount> {
            EarlyPaymentDiscount::new(reduction, DiscountWindow::WithinDays(10))?
                .with_basis(DiscountBasis::VatOnDiscountedBase)
                .taxed_invoice("10000.00 EUR".parse()?, "20%".parse()?)
        };
        // 20 % of 10,000.00 less 2 % (9,800.00), and of 10,000.00 less 300.00 (9,700.00).
        let percent = belgian(Reduction::Percent("2%".parse()?))?;
        assert_eq!(percent.vat().to_string(), "1960.00 EUR");
        let amount = belgian(Reduction::amount("300.00 EUR".parse()?)?)?;
        assert_eq!(amount.vat().to_string(), "1940.00 EUR");
        // Other bases charge the VAT on the whole base.
        let whole = two_ten()?.taxed_invoice("10000.00 EUR".parse()?, "20%".parse()?)?;
        assert_eq!(whole.vat().to_string(), "2000.00 EUR");
        Ok(())
    }

    #[test]
    fn a_fixed_discount_may_be_the_whole_invoice_and_no_more() -> Result<()> {
        let inv = TaxedAmount::new("100.00 EUR".parse()?, "20.00 EUR".parse()?)?;
        let fixed = |amount: &str| -> Result<EarlyPaymentDiscount> {
            EarlyPaymentDiscount::new(
                Reduction::amount(amount.parse()?)?,
                DiscountWindow::WithinDays(8),
            )
        };
        assert_eq!(
            fixed("120.00 EUR")?.discount_on(inv)?.to_string(),
            "120.00 EUR (100.00 EUR + 20.00 EUR VAT)"
        );
        assert!(matches!(
            fixed("120.01 EUR")?.discount_on(inv),
            Err(Error::DiscountExceedsBase { .. })
        ));
        Ok(())
    }

    #[test]
    fn an_implied_cost_states_its_terms() -> Result<()> {
        // 2/10 net 30 on a 360-day year: 0.02 / 0.98 × 360 / 20 = 0.367346…
        let cost = implied_annual_cost_on("2%".parse()?, 20, DayCount::Actual360)?;
        assert_eq!(cost.discount(), "2%".parse()?);
        assert_eq!(cost.days_early(), 20);
        assert_eq!(cost.year(), DayCount::Actual360);
        assert_eq!(cost.fraction().round_dp(6), Decimal::new(367347, 6));
        assert_eq!(cost.percent().round_dp(2), Decimal::new(3673, 2));
        assert_eq!(
            implied_annual_cost("2%".parse()?, 20)?.year(),
            DayCount::Actual365
        );
        Ok(())
    }

    #[cfg(feature = "serde")]
    #[test]
    fn terms_off_their_defaults_read_back() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let terms = two_ten()?
            .with_basis(DiscountBasis::UntaxedBase)
            .with_calendar(HolidayCalendar::France);
        let json = serde_json::to_string(&terms)?;
        assert_eq!(serde_json::from_str::<EarlyPaymentDiscount>(&json)?, terms);
        let cost = implied_annual_cost_on("2%".parse()?, 20, DayCount::Actual360)?;
        let json = serde_json::to_string(&cost)?;
        assert_eq!(serde_json::from_str::<ImpliedCost>(&json)?, cost);
        // At their defaults the fields are left out, as before they existed.
        assert!(!serde_json::to_string(&two_ten()?)?.contains("basis"));
        Ok(())
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_tampered_payment_line_is_refused() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let late = two_ten()?.apply(
            invoice()?,
            d(1),
            &[PartialPayment::new(d(12), "12000.00 EUR".parse()?)?],
        )?;
        let line = serde_json::to_value(late.lines()[0])?;
        assert_eq!(
            serde_json::from_value::<EarlyPaymentLine>(line.clone())?,
            late.lines()[0]
        );
        // A discount earned by a payment after the window.
        let mut earned = line.clone();
        earned["discount"] = serde_json::to_value(two_ten()?.discount_on(invoice()?)?)?;
        assert!(serde_json::from_value::<EarlyPaymentLine>(earned).is_err());
        // A negative amount settled.
        let mut negative = line;
        negative["settled"] = serde_json::json!({"amount": "-1.00", "currency": "EUR"});
        assert!(serde_json::from_value::<EarlyPaymentLine>(negative).is_err());
        Ok(())
    }

    #[cfg(feature = "serde")]
    #[test]
    fn an_outcome_whose_discount_is_the_whole_invoice_is_refused(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let o = two_ten()?.apply(invoice()?, d(1), &[])?;
        let json = serde_json::to_value(&o)?;
        assert_eq!(
            serde_json::from_value::<EarlyPaymentOutcome>(json.clone())?,
            o
        );
        // The whole invoice as the discount, the net due in the window made to agree (nothing).
        let mut whole = json;
        whole["max_discount"] = serde_json::to_value(invoice()?)?;
        whole["net_due_in_window"] = serde_json::json!({"amount": "0.00", "currency": "EUR"});
        assert!(serde_json::from_value::<EarlyPaymentOutcome>(whole).is_err());
        Ok(())
    }

    #[test]
    fn a_tiered_outcome_names_each_payment_s_tier() -> Result<()> {
        let tier = |percent: &str, days| -> Result<EarlyPaymentDiscount> {
            EarlyPaymentDiscount::new(
                Reduction::Percent(percent.parse()?),
                DiscountWindow::WithinDays(days),
            )
        };
        let terms = TieredDiscount::new([tier("3%", 10)?, tier("1%", 20)?])?;
        let inv = TaxedAmount::untaxed("1000.00 EUR".parse()?)?;
        // Issued on 1 March: 3 % to 11 March, 1 % to 21 March, the face value after.
        let payments = [
            PartialPayment::new(d(5), "100.00 EUR".parse()?)?,
            PartialPayment::new(d(15), "100.00 EUR".parse()?)?,
            PartialPayment::new(d(25), "100.00 EUR".parse()?)?,
        ];
        let o = terms.apply(inv, d(1), &payments)?;
        assert_eq!(o.issue_date(), d(1));
        let tiers: Vec<Option<u32>> = o.lines().iter().map(TieredLine::tier).collect();
        assert_eq!(tiers, [Some(1), Some(2), None]);
        Ok(())
    }

    #[test]
    fn a_payment_over_several_invoices_names_each() -> Result<()> {
        let terms = TieredDiscount::single(two_ten()?)?;
        let open = |reference: &str| -> Result<OpenInvoice> {
            Ok(OpenInvoice::new(
                Invoice::new(
                    reference,
                    d(1),
                    TaxedAmount::untaxed("100.00 EUR".parse()?)?,
                )?,
                terms.clone(),
            ))
        };
        let payment = PartialPayment::new(d(20), "200.00 EUR".parse()?)?;
        let group = settle_invoices(payment, &[open("F-1")?, open("F-2")?])?;
        let references: Vec<&str> = group
            .settlements()
            .iter()
            .map(InvoiceSettlement::reference)
            .collect();
        assert_eq!(references, ["F-1", "F-2"]);
        Ok(())
    }

    #[test]
    fn implied_cost_refuses_nonsense() {
        assert!(matches!(
            implied_annual_cost(Percent::ZERO, 0),
            Err(Error::InvalidDays { days: 0, .. })
        ));
        assert!(matches!(
            implied_annual_cost(Percent::HUNDRED, 10),
            Err(Error::InvalidPercent { .. })
        ));
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(EarlyPaymentLine as EarlyPaymentLineRepr {
    payment: PartialPayment,
    timing: PaymentTiming,
    settled: Money,
    discount: TaxedAmount,
    remaining_after: Money,
});

#[cfg(feature = "serde")]
impl EarlyPaymentLine {
    /// One currency, nothing negative, and no discount earned after the window.
    fn check(&self) -> Result<()> {
        let check =
            crate::contract::Check::new("early-payment line", self.payment.amount().currency());
        check.non_negative("settled", self.settled)?;
        check.non_negative("remaining_after", self.remaining_after)?;
        check.currency("discount", self.discount.total())?;
        check.that(
            self.timing == PaymentTiming::WithinWindow || self.discount.total().is_zero(),
            || {
                format!(
                    "a payment after the window earns no discount, got {}",
                    self.discount
                )
            },
        )
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(EarlyPaymentOutcome as EarlyPaymentOutcomeRepr {
    invoice: TaxedAmount,
    last_day: NaiveDate,
    max_discount: TaxedAmount,
    lines: Vec<EarlyPaymentLine>,
    discount: TaxedAmount,
    paid: Money,
    settled: Money,
    remaining: Money,
    net_due_in_window: Option<Money>,
});

#[cfg(feature = "serde")]
impl EarlyPaymentOutcome {
    /// The sums of an outcome: paid, settled and discount are the lines' sums, the discount at
    /// most the maximum, which is at most the invoice; remaining = invoice − settled; payments in
    /// date order, inside the window first; a net due in the window exactly when no payment came
    /// after it.
    fn check(&self) -> Result<()> {
        let gross = self.invoice.total();
        let currency = gross.currency();
        let check = crate::contract::Check::new("early-payment outcome", currency);
        check.positive("invoice", gross)?;
        check.currency("max_discount", self.max_discount.total())?;
        check.currency("discount", self.discount.total())?;
        check.that(self.max_discount.total() < gross, || {
            format!(
                "max_discount {} is not below the invoice {gross}",
                self.max_discount
            )
        })?;
        check.that(self.discount.total() <= self.max_discount.total(), || {
            format!(
                "discount {} exceeds max_discount {}",
                self.discount, self.max_discount
            )
        })?;
        let mut previous: Option<&EarlyPaymentLine> = None;
        for line in &self.lines {
            check.currency("a payment", line.payment.amount())?;
            let (date, within) = (
                line.payment.date(),
                line.timing == PaymentTiming::WithinWindow,
            );
            check.that(within == (date <= self.last_day), || {
                format!(
                    "the payment of {date} is marked {:?} for a window to {}",
                    line.timing, self.last_day
                )
            })?;
            if let Some(p) = previous {
                check.that(p.payment.date() <= date, || {
                    format!(
                        "payments are not in date order ({} after {date})",
                        p.payment.date()
                    )
                })?;
            }
            previous = Some(line);
        }
        check.sum(
            "paid",
            self.paid,
            self.lines.iter().map(|l| l.payment.amount()),
        )?;
        check.sum(
            "settled",
            self.settled,
            self.lines.iter().map(|l| l.settled),
        )?;
        check.sum(
            "discount",
            self.discount.total(),
            self.lines.iter().map(|l| l.discount.total()),
        )?;
        check.equal(
            "remaining",
            self.remaining,
            gross.checked_sub(self.settled)?,
        )?;
        check.non_negative("remaining", self.remaining)?;
        if let Some(last) = self.lines.last() {
            check.equal(
                "the last line's remaining_after",
                last.remaining_after,
                self.remaining,
            )?;
        }
        let after = self
            .lines
            .iter()
            .any(|l| l.timing == PaymentTiming::AfterWindow);
        let net_due = if after {
            None
        } else {
            Some(
                gross
                    .checked_sub(self.max_discount.total())?
                    .checked_sub(self.paid)?,
            )
        };
        check.that(self.net_due_in_window == net_due, || {
            format!(
                "net_due_in_window is {:?}, but the invoice, discount and payments make {net_due:?}",
                self.net_due_in_window
            )
        })
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ImpliedCostRepr {
    discount: Percent,
    days_early: u32,
    #[serde(default)]
    year: DayCount,
    #[serde(with = "rust_decimal::serde::str")]
    fraction: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    percent: Decimal,
}

#[cfg(feature = "serde")]
impl TryFrom<ImpliedCostRepr> for ImpliedCost {
    type Error = Error;

    /// Recomputes the cost from the discount and the days and rejects JSON that disagrees.
    fn try_from(r: ImpliedCostRepr) -> Result<ImpliedCost> {
        let recomputed = implied_annual_cost_on(r.discount, r.days_early, r.year)?;
        crate::contract::same_as_recomputed!("implied cost", r, recomputed, [fraction, percent]);
        Ok(recomputed)
    }
}

/// Early-payment discounts in tiers: "3 % within 10 days, 2 % within 14 days, net 30". Each
/// payment earns at the rate of the first tier whose window it falls in; its windows may be in
/// calendar or business days (each tier's [`EarlyPaymentDiscount::with_calendar`]).
///
/// How payments earn it: a payment `P` in a tier of rate `d` settles `P × gross / net` of the
/// invoice, where `net = gross − round(d × gross)` (as for one [`EarlyPaymentDiscount`]); the
/// exact amounts settled are added up and rounded once, so the discount so far is a function of
/// the payments so far and the same money never earns twice. A payment that completes the
/// invoice settles exactly what was left; a payment after every window settles its face value.
/// The total never exceeds the first tier's discount on the whole invoice. The tiers share the
/// first tier's [`DiscountBasis`] and rounding.
///
/// ```
/// use echeancier::{DiscountWindow, EarlyPaymentDiscount, PartialPayment, Reduction, TaxedAmount, TieredDiscount};
/// use chrono::NaiveDate;
///
/// let d = |day| NaiveDate::from_ymd_opt(2027, 3, day).ok_or("bad date");
/// let tier = |p: &str, days| EarlyPaymentDiscount::new(Reduction::Percent(p.parse()?), DiscountWindow::WithinDays(days));
/// let terms = TieredDiscount::new([tier("3%", 10)?, tier("2%", 14)?])?;
/// let invoice = TaxedAmount::untaxed("1000.00 EUR".parse()?)?;
/// // Half the 3 % net on day 5, the rest on day 13 (in the 2 % tier).
/// let paid = [
///     PartialPayment::new(d(6)?, "485.00 EUR".parse()?)?,  // settles 485 / 0.97 = 500.00
///     PartialPayment::new(d(14)?, "490.00 EUR".parse()?)?, // settles 490 / 0.98 = 500.00
/// ];
/// let outcome = terms.apply(invoice, d(1)?, &paid)?;
/// assert_eq!(outcome.lines()[0].tier(), Some(1));
/// assert_eq!(outcome.lines()[1].tier(), Some(2));
/// assert_eq!(outcome.discount().total().to_string(), "25.00 EUR"); // 15.00 + 10.00
/// assert!(outcome.remaining().is_zero());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "TieredDiscountRepr", into = "TieredDiscountRepr")
)]
pub struct TieredDiscount {
    tiers: Vec<EarlyPaymentDiscount>,
}

/// The most tiers one discount may have.
const MAX_TIERS: usize = 12;

impl TieredDiscount {
    /// Tiers from the best (shortest window, highest rate) to the last.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTerms`] without tiers, with more than 12, with a tier that is not a
    /// percentage, or with rates that do not strictly decrease from one tier to the next (the
    /// windows' order is checked when the last days are known, in [`TieredDiscount::apply`]).
    ///
    /// ```
    /// use echeancier::{DiscountWindow, EarlyPaymentDiscount, Reduction, TieredDiscount};
    ///
    /// let tier = |p: &str, days| EarlyPaymentDiscount::new(Reduction::Percent(p.parse()?), DiscountWindow::WithinDays(days));
    /// assert!(TieredDiscount::new([tier("2%", 10)?, tier("3%", 14)?]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(tiers: impl IntoIterator<Item = EarlyPaymentDiscount>) -> Result<TieredDiscount> {
        let tiers: Vec<EarlyPaymentDiscount> = tiers.into_iter().collect();
        let invalid = |reason: String| Err(Error::InvalidTerms { reason });
        if tiers.is_empty() || tiers.len() > MAX_TIERS {
            return invalid(format!(
                "a tiered discount has 1 to {MAX_TIERS} tiers, not {}",
                tiers.len()
            ));
        }
        let mut previous: Option<Percent> = None;
        for tier in &tiers {
            let Reduction::Percent(p) = tier.reduction else {
                return invalid(format!(
                    "each tier of a tiered discount is a percentage, not {}",
                    tier.reduction
                ));
            };
            if let Some(before) = previous {
                if p.percent() >= before.percent() {
                    return invalid(format!(
                        "the rates of a tiered discount must decrease from one tier to the next, not {before} then {p}"
                    ));
                }
            }
            previous = Some(p);
        }
        Ok(TieredDiscount { tiers })
    }

    /// One tier: the same discount as `discount` on its own.
    ///
    /// # Errors
    ///
    /// The errors of [`TieredDiscount::new`].
    pub fn single(discount: EarlyPaymentDiscount) -> Result<TieredDiscount> {
        TieredDiscount::new([discount])
    }

    /// The tiers, best first.
    pub fn tiers(&self) -> &[EarlyPaymentDiscount] {
        &self.tiers
    }

    /// The first tier, whose basis and rounding every tier follows.
    fn first(&self) -> Result<&EarlyPaymentDiscount> {
        self.tiers.first().ok_or(Error::InvalidTerms {
            reason: "a tiered discount has no tier".to_owned(),
        })
    }

    /// Each tier's last day and its net (the invoice less its discount), for `invoice` issued on
    /// `issue_date`.
    fn windows(
        &self,
        invoice: TaxedAmount,
        issue_date: NaiveDate,
    ) -> Result<Vec<(NaiveDate, Money)>> {
        let first = *self.first()?;
        let mut out: Vec<(NaiveDate, Money)> = Vec::with_capacity(self.tiers.len());
        for tier in &self.tiers {
            let last_day = tier.last_day(issue_date)?;
            if let Some((before, _)) = out.last() {
                if last_day <= *before {
                    return Err(Error::InvalidTerms {
                        reason: format!(
                            "the windows of a tiered discount must end later from one tier to the next, not {before} then {last_day}"
                        ),
                    });
                }
            }
            let terms = tier.with_basis(first.basis).with_rounding(first.rounding);
            let net = invoice
                .total()
                .checked_sub(terms.discount_on(invoice)?.total())?;
            out.push((last_day, net));
        }
        Ok(out)
    }

    /// What a payment on `date` must be to settle `remaining` of `invoice` (issued on
    /// `issue_date`), and the tier it earns in (from 1), if any.
    fn to_settle(
        &self,
        invoice: TaxedAmount,
        issue_date: NaiveDate,
        remaining: Money,
        date: NaiveDate,
    ) -> Result<(Money, Option<u32>)> {
        let gross = invoice.total();
        for (i, (last_day, net)) in self.windows(invoice, issue_date)?.into_iter().enumerate() {
            if date <= last_day {
                let exact = remaining
                    .amount()
                    .checked_mul(net.amount())
                    .and_then(|x| x.checked_div(gross.amount()))
                    .ok_or(Error::Overflow {
                        operation: "computing what a discounted payment must be",
                    })?;
                let tier = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1);
                return Ok((
                    Money::round(exact, gross.currency(), Rounding::Up)?,
                    Some(tier),
                ));
            }
        }
        Ok((remaining, None))
    }

    /// What `payments` on `invoice`, issued on `issue_date`, settle and earn, one line per payment
    /// in date order. See [`TieredDiscount`] for the rule.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] for an invoice of zero; [`Error::Overpaid`] for a payment beyond what
    /// settles the invoice on its date; [`Error::InvalidTerms`] for windows that do not end later
    /// from one tier to the next; [`Error::CurrencyMismatch`]; [`Error::DateOutOfRange`];
    /// [`Error::Overflow`].
    ///
    /// See [`TieredDiscount`] for an example.
    pub fn apply(
        &self,
        invoice: TaxedAmount,
        issue_date: NaiveDate,
        payments: &[PartialPayment],
    ) -> Result<TieredOutcome> {
        let gross = invoice.total().require_positive("invoice amount")?;
        let currency = gross.currency();
        let first = *self.first()?;
        let windows = self.windows(invoice, issue_date)?;
        let cap = first.discount_on(invoice)?.total();
        let mut ordered: Vec<PartialPayment> = payments.to_vec();
        ordered.sort_by_key(PartialPayment::date);

        let zero = Money::zero(currency);
        let overflow = || Error::Overflow {
            operation: "computing what a discounted payment settles",
        };
        let mut exact = Decimal::ZERO;
        let mut paid = zero;
        let mut settled = zero;
        let mut earned = TaxedAmount::untaxed(zero)?;
        let mut lines = Vec::with_capacity(ordered.len());
        for payment in ordered {
            gross.same_currency(payment.amount())?;
            let paid_now = paid.checked_add(payment.amount())?;
            let remaining = gross.checked_sub(settled)?;
            let (needed, tier) = self.to_settle(invoice, issue_date, remaining, payment.date())?;
            if payment.amount() > needed {
                return Err(Error::Overpaid {
                    reference: "invoice".to_owned(),
                    paid: paid_now,
                    amount: paid.checked_add(needed)?,
                });
            }
            let settled_now = match tier.and_then(|t| windows.get(t.saturating_sub(1) as usize)) {
                Some((_, net)) => {
                    // Inside a window: the exact amounts settled so far, rounded once.
                    exact = payment
                        .amount()
                        .amount()
                        .checked_mul(gross.amount())
                        .and_then(|x| x.checked_div(net.amount()))
                        .and_then(|x| exact.checked_add(x))
                        .ok_or_else(overflow)?;
                    if payment.amount() == needed {
                        gross
                    } else {
                        Money::round(exact, currency, first.rounding)?.checked_min(gross)?
                    }
                }
                None => {
                    exact = exact
                        .checked_add(payment.amount().amount())
                        .ok_or_else(overflow)?;
                    settled.checked_add(payment.amount())?
                }
            };
            // Never more than the best tier's discount, nor less than what was earned already.
            let settled_now = settled_now.checked_min(paid_now.checked_add(cap)?)?;
            let at_least = settled.checked_add(payment.amount())?;
            let settled_now = if settled_now < at_least {
                at_least
            } else {
                settled_now
            };
            let earned_now = first.split(invoice, settled_now.checked_sub(paid_now)?)?;
            lines.push(TieredLine {
                payment,
                tier,
                settled: settled_now.checked_sub(settled)?,
                discount: earned_now.checked_sub(earned)?,
                remaining_after: gross.checked_sub(settled_now)?,
            });
            paid = paid_now;
            settled = settled_now;
            earned = earned_now;
        }
        Ok(TieredOutcome {
            terms: self.clone(),
            invoice,
            issue_date,
            lines,
            discount: earned,
            paid,
            settled,
            remaining: gross.checked_sub(settled)?,
        })
    }
}

/// What one payment did to an invoice under a [`TieredDiscount`].
///
/// See [`TieredDiscount`] for an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TieredLine {
    payment: PartialPayment,
    tier: Option<u32>,
    settled: Money,
    discount: TaxedAmount,
    remaining_after: Money,
}

impl TieredLine {
    /// The payment.
    pub fn payment(&self) -> PartialPayment {
        self.payment
    }

    /// The tier it earned in (from 1), or `None` after every window.
    pub fn tier(&self) -> Option<u32> {
        self.tier
    }

    /// How much of the invoice it settles: the amount paid plus the discount it earns.
    pub fn settled(&self) -> Money {
        self.settled
    }

    /// The discount it earns, split between base and VAT.
    pub fn discount(&self) -> TaxedAmount {
        self.discount
    }

    /// What remains of the invoice after it, at face value.
    pub fn remaining_after(&self) -> Money {
        self.remaining_after
    }
}

/// The discount earned on an invoice under a [`TieredDiscount`], one line per payment.
///
/// `paid + discount = settled` and `settled + remaining = invoice`, to the minor unit.
/// Deserialising recomputes it from the terms, the invoice, its date and the payments it carries
/// and rejects JSON that disagrees.
///
/// See [`TieredDiscount`] for an example.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TieredOutcomeRepr"))]
pub struct TieredOutcome {
    terms: TieredDiscount,
    invoice: TaxedAmount,
    issue_date: NaiveDate,
    lines: Vec<TieredLine>,
    discount: TaxedAmount,
    paid: Money,
    settled: Money,
    remaining: Money,
}

impl TieredOutcome {
    /// The terms.
    pub fn terms(&self) -> &TieredDiscount {
        &self.terms
    }

    /// The invoice.
    pub fn invoice(&self) -> TaxedAmount {
        self.invoice
    }

    /// The invoice's date, from which the windows count.
    pub fn issue_date(&self) -> NaiveDate {
        self.issue_date
    }

    /// One line per payment, in date order.
    pub fn lines(&self) -> &[TieredLine] {
        &self.lines
    }

    /// The discount earned, split between base and VAT.
    pub fn discount(&self) -> TaxedAmount {
        self.discount
    }

    /// The sum of the payments.
    pub fn paid(&self) -> Money {
        self.paid
    }

    /// How much of the invoice the payments settle: paid plus discount.
    pub fn settled(&self) -> Money {
        self.settled
    }

    /// What remains of the invoice, at face value.
    pub fn remaining(&self) -> Money {
        self.remaining
    }
}

/// An invoice and its discount terms, for [`settle_invoices`].
///
/// See [`settle_invoices`] for an example.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct OpenInvoice {
    invoice: Invoice,
    discount: TieredDiscount,
}

impl OpenInvoice {
    /// `invoice` under `discount`.
    pub fn new(invoice: Invoice, discount: TieredDiscount) -> OpenInvoice {
        OpenInvoice { invoice, discount }
    }

    /// The invoice.
    pub fn invoice(&self) -> &Invoice {
        &self.invoice
    }

    /// Its discount terms.
    pub fn discount(&self) -> &TieredDiscount {
        &self.discount
    }
}

/// The share of one payment that went to one invoice, and what it earned there.
///
/// See [`settle_invoices`] for an example.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct InvoiceSettlement {
    reference: String,
    outcome: TieredOutcome,
}

impl InvoiceSettlement {
    /// The invoice's reference.
    pub fn reference(&self) -> &str {
        &self.reference
    }

    /// What the share paid, settled and earned on the invoice.
    pub fn outcome(&self) -> &TieredOutcome {
        &self.outcome
    }
}

/// One payment spread over several invoices in the order given (oldest first, say): each takes
/// what settles it on the payment's date (its net in the tier the date falls in, or its face
/// value after every window) until the payment runs out, and earns its own discount on what it
/// takes. What no invoice takes is left unapplied.
///
/// # Errors
///
/// [`Error::DuplicateReference`] for two invoices of one reference; the errors of
/// [`TieredDiscount::apply`].
///
/// ```
/// use echeancier::{settle_invoices, DiscountWindow, EarlyPaymentDiscount, Invoice, OpenInvoice,
///     PartialPayment, Reduction, TaxedAmount, TieredDiscount};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
/// let two_ten = TieredDiscount::single(EarlyPaymentDiscount::new(Reduction::Percent("2%".parse()?), DiscountWindow::WithinDays(10))?)?;
/// let open = [
///     OpenInvoice::new(Invoice::new("F-1", d(3, 1)?, TaxedAmount::untaxed("1000.00 EUR".parse()?)?)?, two_ten.clone()),
///     OpenInvoice::new(Invoice::new("F-2", d(3, 8)?, TaxedAmount::untaxed("500.00 EUR".parse()?)?)?, two_ten),
/// ];
/// // On 15 March F-1's window is over (face value), F-2's is not (2 % off).
/// let payment = PartialPayment::new(d(3, 15)?, "1500.00 EUR".parse()?)?;
/// let group = settle_invoices(payment, &open)?;
/// assert_eq!(group.settlements()[0].outcome().paid().to_string(), "1000.00 EUR");
/// assert_eq!(group.settlements()[1].outcome().paid().to_string(), "490.00 EUR");
/// assert_eq!(group.settlements()[1].outcome().discount().total().to_string(), "10.00 EUR");
/// assert_eq!(group.unapplied().to_string(), "10.00 EUR");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn settle_invoices(
    payment: PartialPayment,
    invoices: &[OpenInvoice],
) -> Result<GroupSettlement> {
    let mut left = payment.amount();
    let mut settlements = Vec::with_capacity(invoices.len());
    for (i, open) in invoices.iter().enumerate() {
        let reference = open.invoice.reference();
        if invoices
            .iter()
            .take(i)
            .any(|o| o.invoice.reference() == reference)
        {
            return Err(Error::DuplicateReference {
                reference: reference.to_owned(),
            });
        }
        let amount = open.invoice.amount();
        left.same_currency(amount.total())?;
        let (needed, _) =
            open.discount
                .to_settle(amount, open.invoice.date(), amount.total(), payment.date())?;
        let share = needed.checked_min(left)?;
        let paid: Vec<PartialPayment> = if share.is_positive() {
            vec![PartialPayment::new(payment.date(), share)?]
        } else {
            Vec::new()
        };
        let outcome = open.discount.apply(amount, open.invoice.date(), &paid)?;
        left = left.checked_sub(share)?;
        settlements.push(InvoiceSettlement {
            reference: reference.to_owned(),
            outcome,
        });
    }
    Ok(GroupSettlement {
        payment,
        settlements,
        unapplied: left,
    })
}

/// One payment over several invoices: each invoice's share and discount, and what is left.
///
/// `payment = Σ shares + unapplied`, to the minor unit. See [`settle_invoices`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "GroupSettlementRepr"))]
pub struct GroupSettlement {
    payment: PartialPayment,
    settlements: Vec<InvoiceSettlement>,
    unapplied: Money,
}

impl GroupSettlement {
    /// The payment.
    pub fn payment(&self) -> PartialPayment {
        self.payment
    }

    /// One settlement per invoice, in the order given (an invoice the payment did not reach has
    /// one with no payment).
    pub fn settlements(&self) -> &[InvoiceSettlement] {
        &self.settlements
    }

    /// What no invoice took.
    pub fn unapplied(&self) -> Money {
        self.unapplied
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TieredDiscountRepr {
    tiers: Vec<EarlyPaymentDiscount>,
}

#[cfg(feature = "serde")]
impl TryFrom<TieredDiscountRepr> for TieredDiscount {
    type Error = Error;

    fn try_from(r: TieredDiscountRepr) -> Result<TieredDiscount> {
        TieredDiscount::new(r.tiers)
    }
}

#[cfg(feature = "serde")]
impl From<TieredDiscount> for TieredDiscountRepr {
    fn from(t: TieredDiscount) -> TieredDiscountRepr {
        TieredDiscountRepr { tiers: t.tiers }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TieredOutcomeRepr {
    terms: TieredDiscount,
    invoice: TaxedAmount,
    issue_date: NaiveDate,
    lines: Vec<TieredLine>,
    discount: TaxedAmount,
    paid: Money,
    settled: Money,
    remaining: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<TieredOutcomeRepr> for TieredOutcome {
    type Error = Error;

    /// Recomputes the outcome from the terms, the invoice, its date and the payments.
    fn try_from(r: TieredOutcomeRepr) -> Result<TieredOutcome> {
        let payments: Vec<PartialPayment> = r.lines.iter().map(|l| l.payment).collect();
        let recomputed = r.terms.apply(r.invoice, r.issue_date, &payments)?;
        crate::contract::same_as_recomputed!(
            "tiered discount outcome",
            r,
            recomputed,
            [lines, discount, paid, settled, remaining]
        );
        Ok(recomputed)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupSettlementRepr {
    payment: PartialPayment,
    settlements: Vec<InvoiceSettlement>,
    unapplied: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<GroupSettlementRepr> for GroupSettlement {
    type Error = Error;

    /// The shares and what is left add up to the payment.
    fn try_from(r: GroupSettlementRepr) -> Result<GroupSettlement> {
        let currency = r.payment.amount().currency();
        let check = crate::contract::Check::new("group settlement", currency);
        check.non_negative("unapplied", r.unapplied)?;
        check.sum(
            "payment",
            r.payment.amount(),
            r.settlements
                .iter()
                .map(|s| s.outcome.paid)
                .chain([r.unapplied]),
        )?;
        Ok(GroupSettlement {
            payment: r.payment,
            settlements: r.settlements,
            unapplied: r.unapplied,
        })
    }
}
