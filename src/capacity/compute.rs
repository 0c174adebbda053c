//! From a budget and a policy to a capacity per period, with the breakdown of every figure.

use core::fmt;

use rust_decimal::Decimal;

use crate::capacity::budget::{convert, convert_exact, Budget, BudgetLine, Category, Household};
use crate::capacity::policy::{CapacityPolicy, ProtectedMinimum};
use crate::capacity::seizure::SeizureScale;
use crate::error::{Error, Result};
use crate::frequency::Frequency;
use crate::language::Language;
use crate::money::{Currency, Money, Rounding};
use crate::percent::Percent;

/// What a line of a [`Capacity`] breakdown is.
///
/// ```
/// use echeancier::CapacityLineKind;
///
/// assert!(CapacityLineKind::ShareLimit.is_limit());
/// assert!(CapacityLineKind::Disposable.is_limit()); // nobody pays more than what is left
/// assert!(!CapacityLineKind::Income.is_limit());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum CapacityLineKind {
    /// An income line, per period.
    Income,
    /// An expense line, per period.
    Expense,
    /// Incomes less expenses, per period; also the first limit (the debtor cannot pay more).
    Disposable,
    /// The limit set by the maximum share of the disposable income.
    ShareLimit,
    /// The limit set by the protected minimum: the disposable income less the minimum.
    ProtectedMinimum,
    /// The limit set by the wage-seizure scale.
    SeizureCeiling,
    /// A plan already being paid, per period, taken off the smallest limit.
    Commitment,
    /// The capacity per period.
    Result,
}

impl CapacityLineKind {
    /// True for the lines that bound the capacity: the disposable income and the policy's limits.
    ///
    /// ```
    /// assert!(echeancier::CapacityLineKind::SeizureCeiling.is_limit());
    /// ```
    pub fn is_limit(self) -> bool {
        matches!(
            self,
            CapacityLineKind::Disposable
                | CapacityLineKind::ShareLimit
                | CapacityLineKind::ProtectedMinimum
                | CapacityLineKind::SeizureCeiling
        )
    }
}

/// What a line of the breakdown was computed from, so that it can be explained.
///
/// ```
/// use echeancier::{Budget, BudgetLine, CapacityPolicy, Category, Currency, Frequency, LineDetail};
///
/// let budget = Budget::new(Currency::EUR)
///     .with_line(BudgetLine::new("wage", Category::Salary, "300.00 EUR".parse()?, Frequency::WEEKLY)?)?;
/// let capacity = budget.capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
/// let LineDetail::Entered { amount, frequency, .. } = capacity.breakdown()[0].detail() else { panic!() };
/// assert_eq!((amount.to_string(), frequency), ("300.00 EUR".to_owned(), Frequency::WEEKLY));
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising checks the amounts (an amount entered greater than zero, a minimum and a seizable
/// income not negative).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(
        tag = "type",
        rename_all = "snake_case",
        deny_unknown_fields,
        try_from = "LineDetailRepr"
    )
)]
#[non_exhaustive]
pub enum LineDetail {
    /// Nothing beyond the amount (disposable income, result).
    None,
    /// A budget line or commitment as entered, before conversion to the period.
    Entered {
        /// The budget line's category (`None` for a commitment).
        category: Option<Category>,
        /// The amount at its own frequency.
        amount: Money,
        /// Its own frequency.
        frequency: Frequency,
    },
    /// The maximum share of the disposable income.
    Share {
        /// The share.
        share: Percent,
    },
    /// The protected minimum.
    ProtectedMinimum {
        /// The minimum kept, per period (converted from monthly, rounded up).
        minimum: Money,
        /// The household it was computed for.
        household: Household,
    },
    /// The wage-seizure ceiling.
    SeizureCeiling {
        /// The salaries and pensions of the budget, per period.
        seizable_income: Money,
        /// The dependants that raised the scale's bounds.
        dependants: u32,
        /// The year of a built-in scale.
        year: Option<i32>,
    },
}

/// One line of a [`Capacity`] breakdown: a kind, a label, an amount per period and, for limits,
/// whether it is the one that set the capacity.
///
/// ```
/// use echeancier::{Budget, BudgetLine, CapacityLineKind, CapacityPolicy, Category, Currency, Frequency};
///
/// let budget = Budget::new(Currency::EUR)
///     .with_line(BudgetLine::new("pension", Category::Pension, "1500.00 EUR".parse()?, Frequency::MONTHLY)?)?
///     .with_line(BudgetLine::new("rent", Category::Rent, "600.00 EUR".parse()?, Frequency::MONTHLY)?)?;
/// let capacity = budget.capacity(&CapacityPolicy::new().max_share("30%".parse()?), Frequency::MONTHLY)?;
/// let share = capacity.breakdown().iter().find(|l| l.kind() == CapacityLineKind::ShareLimit).unwrap();
/// assert_eq!(share.amount().to_string(), "270.00 EUR"); // 30 % of 900.00
/// assert!(share.is_binding());
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising checks the line on its own (a label, the detail its kind has, in its currency,
/// incomes, expenses, commitments and the result not negative); a [`Capacity`] read from JSON
/// checks that its lines add up.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CapacityLineRepr"))]
pub struct CapacityLine {
    kind: CapacityLineKind,
    label: String,
    amount: Money,
    #[cfg_attr(feature = "serde", serde(default))]
    binding: bool,
    detail: LineDetail,
}

impl CapacityLine {
    /// What the line is.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// assert_eq!(capacity.breakdown()[0].kind(), CapacityLineKind::Disposable);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn kind(&self) -> CapacityLineKind {
        self.kind
    }

    /// The budget line's or commitment's label; a short English name for the computed lines.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// assert_eq!(capacity.breakdown()[0].label(), "disposable income");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The amount per period: the converted line, or what the limit allows.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// assert!(capacity.breakdown()[0].amount().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// True for the limit that set the capacity (the smallest one; the disposable income itself when
    /// it is zero or negative). False for every other line.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// assert!(capacity.breakdown()[0].is_binding());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn is_binding(&self) -> bool {
        self.binding
    }

    /// What the line was computed from.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// assert_eq!(capacity.breakdown()[0].detail(), LineDetail::None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn detail(&self) -> LineDetail {
        self.detail
    }

    fn new(kind: CapacityLineKind, label: &str, amount: Money, detail: LineDetail) -> CapacityLine {
        CapacityLine {
            kind,
            label: label.to_owned(),
            amount,
            binding: false,
            detail,
        }
    }
}

/// Which rule set the capacity, or why it is zero.
///
/// ```
/// use echeancier::{Budget, BudgetLine, CapacityPolicy, Category, Currency, Frequency, LimitingFactor};
///
/// let budget = Budget::new(Currency::EUR)
///     .with_line(BudgetLine::new("benefits", Category::Benefits, "900.00 EUR".parse()?, Frequency::MONTHLY)?)?
///     .with_line(BudgetLine::new("rent", Category::Rent, "950.00 EUR".parse()?, Frequency::MONTHLY)?)?;
/// let capacity = budget.capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
/// assert!(!capacity.is_affordable());
/// assert_eq!(capacity.limiting_factor(), LimitingFactor::DisposableIncome);
/// assert_eq!(capacity.disposable().to_string(), "-50.00 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum LimitingFactor {
    /// The disposable income itself: no rule asked for less, or there is none (expenses take all the
    /// income).
    DisposableIncome,
    /// The maximum share of the disposable income.
    MaxShare,
    /// The protected minimum (all of the disposable income is protected when the capacity is zero).
    ProtectedMinimum,
    /// The wage-seizure ceiling.
    SeizureCeiling,
    /// The capacity is zero because the plans already being paid use all the room the rules leave.
    Commitments,
}

impl LimitingFactor {
    fn of(kind: CapacityLineKind) -> LimitingFactor {
        match kind {
            CapacityLineKind::ShareLimit => LimitingFactor::MaxShare,
            CapacityLineKind::ProtectedMinimum => LimitingFactor::ProtectedMinimum,
            CapacityLineKind::SeizureCeiling => LimitingFactor::SeizureCeiling,
            _ => LimitingFactor::DisposableIncome,
        }
    }
}

/// What a debtor can pay per period, and how it was determined.
///
/// Made by [`Budget::capacity`]. The amount is never negative: a budget that leaves nothing gives a
/// zero capacity, [`Capacity::is_affordable`] is false and [`Capacity::limiting_factor`] says why.
///
/// ```
/// use echeancier::{Budget, BudgetLine, CapacityPolicy, Category, Currency, Frequency, Language};
///
/// let budget = Budget::new(Currency::EUR)
///     .with_line(BudgetLine::new("salary", Category::Salary, "2000.00 EUR".parse()?, Frequency::MONTHLY)?)?
///     .with_line(BudgetLine::new("rent", Category::Rent, "800.00 EUR".parse()?, Frequency::MONTHLY)?)?;
/// let capacity = budget.capacity(&CapacityPolicy::new().max_share("25%".parse()?), Frequency::MONTHLY)?;
/// assert_eq!(capacity.amount().to_string(), "300.00 EUR");
/// assert!(capacity.explain(Language::French).contains("300,00 EUR par mois"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "CapacityRepr", into = "CapacityRepr")
)]
pub struct Capacity {
    period: Frequency,
    amount: Money,
    income: Money,
    expenses: Money,
    disposable: Money,
    commitments: Money,
    limiting: LimitingFactor,
    lines: Vec<CapacityLine>,
}

impl Budget {
    /// The debtor's capacity per `period` under `policy`, with its breakdown.
    ///
    /// 1. **Lines.** Each income, expense and commitment is converted exactly to the period, through
    ///    its number of periods a year (a week is 1/52 of a year, a day 1/365, a month 1/12: weekly
    ///    to monthly is × 52 / 12), multiplying first and dividing once, then **rounded once per line**,
    ///    half up. Totals are sums of the rounded lines, so the breakdown adds up to the cent.
    /// 2. **Disposable income** = incomes − expenses (may be negative).
    /// 3. **Limits**, each rounded once in the debtor's favour: the disposable income itself; the
    ///    maximum share of it (rounded down); the disposable income less the protected minimum (the
    ///    monthly minimum converted to the period and rounded up); the wage-seizure ceiling, computed
    ///    on the exact annual salaries and pensions, then converted to the period (÷ 12 for a month)
    ///    and rounded down.
    /// 4. **Capacity** = the smallest limit − the commitments, floored at zero. Commitments come off
    ///    the limit rather than the disposable income: a plan already paid uses part of the room the
    ///    rules leave, whichever rule that is.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if the protected minimum or the seizure scale is in another
    /// currency than the budget; [`Error::Overflow`] for absurd amounts.
    ///
    /// ```
    /// use echeancier::*;
    ///
    /// let line = |label, category, amount: &str, frequency| -> Result<BudgetLine> {
    ///     BudgetLine::new(label, category, amount.parse()?, frequency)
    /// };
    /// let budget = Budget::new(Currency::EUR)
    ///     .with_line(line("wage", Category::Salary, "480.00 EUR", Frequency::WEEKLY)?)?      // 2080.00 a month
    ///     .with_line(line("rent", Category::Rent, "750.00 EUR", Frequency::MONTHLY)?)?
    ///     .with_line(line("tax", Category::Taxes, "1200.00 EUR", Frequency::YEARLY)?)?        // 100.00 a month
    ///     .with_commitment(Commitment::new("other plan", "50.00 EUR".parse()?, Frequency::MONTHLY)?)?;
    /// let policy = CapacityPolicy::new()
    ///     .max_share("40%".parse()?)
    ///     .protected_minimum(ProtectedMinimum::fixed("900.00 EUR".parse()?)?);
    /// let capacity = budget.capacity(&policy, Frequency::MONTHLY)?;
    /// assert_eq!(capacity.disposable().to_string(), "1230.00 EUR");
    /// // 40 % of 1230.00 = 492.00; 1230.00 − 900.00 = 330.00; 330.00 − 50.00 = 280.00
    /// assert_eq!(capacity.amount().to_string(), "280.00 EUR");
    /// assert_eq!(capacity.limiting_factor(), LimitingFactor::ProtectedMinimum);
    /// # Ok::<(), Error>(())
    /// ```
    pub fn capacity(&self, policy: &CapacityPolicy, period: Frequency) -> Result<Capacity> {
        let currency = self.currency();
        let mut lines = Vec::new();
        let income = push_lines(
            &mut lines,
            CapacityLineKind::Income,
            self.incomes(),
            period,
            currency,
        )?;
        let expenses = push_lines(
            &mut lines,
            CapacityLineKind::Expense,
            self.expenses(),
            period,
            currency,
        )?;
        let disposable = income.checked_sub(expenses)?;
        let first_limit = lines.len();
        lines.push(CapacityLine::new(
            CapacityLineKind::Disposable,
            "disposable income",
            disposable,
            LineDetail::None,
        ));

        if let Some(share) = policy.share() {
            lines.push(CapacityLine::new(
                CapacityLineKind::ShareLimit,
                "maximum share",
                share.of(disposable, Rounding::Down)?,
                LineDetail::Share { share },
            ));
        }
        if let Some(minimum) = policy.minimum() {
            lines.push(self.protected_minimum_limit(minimum, disposable, period)?);
        }
        if let Some(scale) = policy.ceiling() {
            lines.push(self.seizure_limit(scale, period)?);
        }

        // The smallest limit binds, the first one on a tie; without disposable income, the
        // disposable income is the reason whatever else is lower.
        let binding = if disposable.is_positive() {
            lines
                .iter()
                .enumerate()
                .skip(first_limit)
                .min_by(|(_, a), (_, b)| a.amount.amount().cmp(&b.amount.amount()))
                .map_or(first_limit, |(i, _)| i)
        } else {
            first_limit
        };
        let mut room = disposable;
        let mut binding_kind = CapacityLineKind::Disposable;
        if let Some(line) = lines.get_mut(binding) {
            line.binding = true;
            room = line.amount;
            binding_kind = line.kind;
        }

        let mut commitments = Money::zero(currency);
        for c in self.commitments() {
            let amount = convert(c.amount(), c.frequency(), period)?;
            commitments = commitments.checked_add(amount)?;
            lines.push(CapacityLine::new(
                CapacityLineKind::Commitment,
                c.label(),
                amount,
                LineDetail::Entered {
                    category: None,
                    amount: c.amount(),
                    frequency: c.frequency(),
                },
            ));
        }
        let left = room.checked_sub(commitments)?;
        let amount = if left.is_positive() {
            left
        } else {
            Money::zero(currency)
        };
        let limiting = if room.is_positive() && !amount.is_positive() {
            LimitingFactor::Commitments
        } else {
            LimitingFactor::of(binding_kind)
        };
        lines.push(CapacityLine::new(
            CapacityLineKind::Result,
            "capacity",
            amount,
            LineDetail::None,
        ));
        Ok(Capacity {
            period,
            amount,
            income,
            expenses,
            disposable,
            commitments,
            limiting,
            lines,
        })
    }
}

impl Budget {
    /// The disposable income less the protected minimum for the household, converted from monthly
    /// to the period and rounded up (so the debtor keeps at least the minimum).
    fn protected_minimum_limit(
        &self,
        minimum: ProtectedMinimum,
        disposable: Money,
        period: Frequency,
    ) -> Result<CapacityLine> {
        disposable.same_currency(minimum.base())?;
        let household = self.household();
        let monthly = minimum.monthly_for(household)?;
        let per_period = Money::round(
            convert_exact(monthly.amount(), Frequency::MONTHLY, period)?,
            self.currency(),
            Rounding::Up,
        )?;
        Ok(CapacityLine::new(
            CapacityLineKind::ProtectedMinimum,
            "protected minimum",
            disposable.checked_sub(per_period)?,
            LineDetail::ProtectedMinimum {
                minimum: per_period,
                household,
            },
        ))
    }

    /// What `scale` lets a court seize per period from the salaries and pensions: computed on their
    /// exact annual total, converted to the period with one division, rounded down.
    fn seizure_limit(&self, scale: SeizureScale, period: Frequency) -> Result<CapacityLine> {
        let currency = self.currency();
        Money::zero(currency).same_currency(Money::zero(scale.currency()))?;
        let overflow = || Error::Overflow {
            operation: "applying the wage-seizure scale",
        };
        let mut annual = Decimal::ZERO;
        let mut seizable_income = Money::zero(currency);
        for line in self.incomes().filter(|l| l.category().is_seizable()) {
            let exact = convert_exact(line.amount().amount(), line.frequency(), Frequency::YEARLY)?;
            annual = annual.checked_add(exact).ok_or_else(overflow)?;
            seizable_income = seizable_income.checked_add(line.per_period(period)?)?;
        }
        let dependants = self.household().dependants();
        let (sixtieths, _) = scale.sixtieths(annual, dependants)?;
        // Sixty times the annual figure, times the period's share of a year: one division.
        let (num, den) = period.year_fraction();
        let exact = sixtieths
            .checked_mul(Decimal::from(num))
            .and_then(|x| x.checked_div(Decimal::from(u64::from(den) * 60)))
            .ok_or_else(overflow)?;
        Ok(CapacityLine::new(
            CapacityLineKind::SeizureCeiling,
            "wage-seizure ceiling",
            Money::round(exact, currency, Rounding::Down)?,
            LineDetail::SeizureCeiling {
                seizable_income,
                dependants,
                year: scale.year(),
            },
        ))
    }
}

/// Converts budget lines to the period, adds them to the breakdown and returns their total.
fn push_lines<'a>(
    lines: &mut Vec<CapacityLine>,
    kind: CapacityLineKind,
    source: impl Iterator<Item = &'a BudgetLine>,
    period: Frequency,
    currency: Currency,
) -> Result<Money> {
    let mut total = Money::zero(currency);
    for line in source {
        let amount = line.per_period(period)?;
        total = total.checked_add(amount)?;
        lines.push(CapacityLine::new(
            kind,
            line.label(),
            amount,
            LineDetail::Entered {
                category: Some(line.category()),
                amount: line.amount(),
                frequency: line.frequency(),
            },
        ));
    }
    Ok(total)
}

impl Capacity {
    /// The capacity per period: never negative, zero when nothing is affordable.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// assert!(capacity.amount().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// The period every amount of the breakdown is expressed in.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::WEEKLY)?;
    /// assert_eq!(capacity.period(), Frequency::WEEKLY);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn period(&self) -> Frequency {
        self.period
    }

    /// The currency of every amount.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::CHF).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// assert_eq!(capacity.currency(), Currency::CHF);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn currency(&self) -> Currency {
        self.amount.currency()
    }

    /// True when the capacity is above zero: some plan is affordable now.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// assert!(!capacity.is_affordable());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn is_affordable(&self) -> bool {
        self.amount.is_positive()
    }

    /// Incomes less expenses per period; negative when expenses exceed incomes.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// assert!(capacity.disposable().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn disposable(&self) -> Money {
        self.disposable
    }

    /// The total income per period.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// assert!(capacity.income().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn income(&self) -> Money {
        self.income
    }

    /// The total expenses per period.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// assert!(capacity.expenses().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn expenses(&self) -> Money {
        self.expenses
    }

    /// The total of the plans already being paid, per period.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// assert!(capacity.commitments().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn commitments(&self) -> Money {
        self.commitments
    }

    /// Every figure in order: incomes, expenses, the disposable income, the policy's limits, the
    /// commitments, the result.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// let kinds: Vec<_> = capacity.breakdown().iter().map(|l| l.kind()).collect();
    /// assert_eq!(kinds, [CapacityLineKind::Disposable, CapacityLineKind::Result]);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn breakdown(&self) -> &[CapacityLine] {
        &self.lines
    }

    /// The rule that set the capacity, or why it is zero.
    ///
    /// ```
    /// # use echeancier::*;
    /// let capacity = Budget::new(Currency::EUR).capacity(&CapacityPolicy::new(), Frequency::MONTHLY)?;
    /// assert_eq!(capacity.limiting_factor(), LimitingFactor::DisposableIncome);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn limiting_factor(&self) -> LimitingFactor {
        self.limiting
    }

    /// How the capacity was determined, in plain words, one statement a line, written from the
    /// breakdown in `language`. Amounts are written the language's way: `1 234,56 EUR` in French,
    /// `1,234.56 EUR` in English.
    ///
    /// ```
    /// use echeancier::*;
    ///
    /// let budget = Budget::new(Currency::EUR)
    ///     .with_line(BudgetLine::new("salary", Category::Salary, "1850.00 EUR".parse()?, Frequency::MONTHLY)?)?
    ///     .with_line(BudgetLine::new("rent", Category::Rent, "620.00 EUR".parse()?, Frequency::MONTHLY)?)?;
    /// let policy = CapacityPolicy::new().max_share("30%".parse()?);
    /// let capacity = budget.capacity(&policy, Frequency::MONTHLY)?;
    /// let english = capacity.explain(Language::English);
    /// assert!(english.starts_with("Capacity: 369.00 EUR per month."));
    /// assert!(english.contains("Disposable income: 1,850.00 EUR − 620.00 EUR = 1,230.00 EUR per month."));
    /// let french = capacity.explain(Language::French);
    /// assert!(french.starts_with("Capacité de remboursement : 369,00 EUR par mois."));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain(&self, language: Language) -> String {
        crate::capacity::explain::explain(self, language)
    }

    /// Checks a capacity read from outside: one currency, the totals and the result follow from the
    /// lines, exactly one binding limit.
    #[cfg(feature = "serde")]
    fn from_parts(
        period: Frequency,
        limiting: LimitingFactor,
        lines: Vec<CapacityLine>,
    ) -> Result<Capacity> {
        let invalid = |reason: &str| Error::InvalidCapacity {
            reason: reason.to_owned(),
        };
        let currency = lines
            .first()
            .map(|l| l.amount.currency())
            .ok_or_else(|| invalid("the breakdown is empty"))?;
        let total = |kind: CapacityLineKind| {
            Money::sum(
                currency,
                lines.iter().filter(|l| l.kind == kind).map(|l| l.amount),
            )
        };
        let single = |kind: CapacityLineKind| {
            let mut found = lines.iter().filter(|l| l.kind == kind);
            match (found.next(), found.next()) {
                (Some(line), None) => Ok(line.amount),
                _ => Err(invalid(
                    "the breakdown needs exactly one disposable and one result line",
                )),
            }
        };
        let income = total(CapacityLineKind::Income)?;
        let expenses = total(CapacityLineKind::Expense)?;
        let commitments = total(CapacityLineKind::Commitment)?;
        let disposable = single(CapacityLineKind::Disposable)?;
        let amount = single(CapacityLineKind::Result)?;
        if income.checked_sub(expenses)? != disposable {
            return Err(invalid(
                "incomes less expenses differ from the disposable income",
            ));
        }
        let mut binding = lines.iter().filter(|l| l.binding);
        let room = match (binding.next(), binding.next()) {
            (Some(line), None) if line.kind.is_limit() => line.amount,
            _ => return Err(invalid("exactly one limit must be binding")),
        };
        if lines
            .iter()
            .filter(|l| l.kind.is_limit())
            .any(|l| l.amount.amount() < room.amount() && disposable.is_positive())
        {
            return Err(invalid("the binding limit is not the smallest"));
        }
        let left = room.checked_sub(commitments)?;
        let expected = if left.is_positive() {
            left
        } else {
            Money::zero(currency)
        };
        if expected != amount {
            return Err(invalid(
                "the result is not the binding limit less the commitments",
            ));
        }
        Ok(Capacity {
            period,
            amount,
            income,
            expenses,
            disposable,
            commitments,
            limiting,
            lines,
        })
    }
}

/// The English explanation ([`Capacity::explain`] with [`Language::English`]).
impl fmt::Display for Capacity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explain(Language::English))
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(CapacityLine as CapacityLineRepr {
    kind: CapacityLineKind,
    label: String,
    amount: Money,
    #[serde(default)]
    binding: bool,
    detail: LineDetail,
});

#[cfg(feature = "serde")]
impl CapacityLine {
    /// A label; the detail its kind has, in the line's currency; incomes, expenses, commitments
    /// and the result not negative (limits may be: a share of a negative disposable income).
    fn check(&self) -> Result<()> {
        let check = crate::contract::Check::new("capacity line", self.amount.currency());
        check.that(!self.label.trim().is_empty(), || {
            "the label is empty".to_owned()
        })?;
        let detail_fits = match (self.kind, self.detail) {
            (
                CapacityLineKind::Income | CapacityLineKind::Expense | CapacityLineKind::Commitment,
                LineDetail::Entered { amount, .. },
            ) => {
                check.positive("the amount entered", amount)?;
                true
            }
            (CapacityLineKind::ShareLimit, LineDetail::Share { .. }) => true,
            (CapacityLineKind::ProtectedMinimum, LineDetail::ProtectedMinimum { minimum, .. }) => {
                check.non_negative("the protected minimum", minimum)?;
                true
            }
            (
                CapacityLineKind::SeizureCeiling,
                LineDetail::SeizureCeiling {
                    seizable_income, ..
                },
            ) => {
                check.non_negative("the seizable income", seizable_income)?;
                true
            }
            (CapacityLineKind::Disposable | CapacityLineKind::Result, LineDetail::None) => true,
            _ => false,
        };
        check.that(detail_fits, || {
            format!(
                "a {:?} line cannot have the detail {:?}",
                self.kind, self.detail
            )
        })?;
        match self.kind {
            CapacityLineKind::Income
            | CapacityLineKind::Expense
            | CapacityLineKind::Commitment
            | CapacityLineKind::Result => check.non_negative("amount", self.amount),
            _ => Ok(()),
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CapacityRepr {
    period: Frequency,
    amount: Money,
    limiting_factor: LimitingFactor,
    breakdown: Vec<CapacityLine>,
}

#[cfg(feature = "serde")]
impl TryFrom<CapacityRepr> for Capacity {
    type Error = Error;

    fn try_from(r: CapacityRepr) -> Result<Capacity> {
        let capacity = Capacity::from_parts(r.period, r.limiting_factor, r.breakdown)?;
        if capacity.amount != r.amount {
            return Err(Error::InvalidCapacity {
                reason: format!(
                    "the amount {} differs from the breakdown's result {}",
                    r.amount, capacity.amount
                ),
            });
        }
        Ok(capacity)
    }
}

#[cfg(feature = "serde")]
impl From<Capacity> for CapacityRepr {
    fn from(c: Capacity) -> CapacityRepr {
        CapacityRepr {
            period: c.period,
            amount: c.amount,
            limiting_factor: c.limiting,
            breakdown: c.lines,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Money {
        text.parse().unwrap()
    }

    fn line(category: Category, amount: &str, frequency: Frequency) -> BudgetLine {
        BudgetLine::new(category.to_string(), category, m(amount), frequency).unwrap()
    }

    #[test]
    fn lines_convert_through_their_number_of_periods_a_year() {
        let cases = [
            // 100 × 365 / 10 / 12 = 304.166…
            (
                "100.00 EUR",
                Frequency::every_days(10).unwrap(),
                Frequency::MONTHLY,
                "304.17 EUR",
            ),
            // 210 × 52 / 3 / 12 = 303.333…
            (
                "210.00 EUR",
                Frequency::every_days(21).unwrap(),
                Frequency::MONTHLY,
                "303.33 EUR",
            ),
            (
                "5200.00 EUR",
                Frequency::YEARLY,
                Frequency::WEEKLY,
                "100.00 EUR",
            ),
            (
                "1000.00 EUR",
                Frequency::MONTHLY,
                Frequency::QUARTERLY,
                "3000.00 EUR",
            ),
            // 1000 × 12 / 52 = 230.769…
            (
                "1000.00 EUR",
                Frequency::MONTHLY,
                Frequency::WEEKLY,
                "230.77 EUR",
            ),
            (
                "1000 JPY",
                Frequency::WEEKLY,
                Frequency::MONTHLY,
                "4333 JPY",
            ),
        ];
        for (amount, from, to, expected) in cases {
            let l = line(Category::OtherIncome, amount, from);
            assert_eq!(
                l.per_period(to).unwrap(),
                m(expected),
                "{amount} {from} → {to}"
            );
        }
    }

    #[test]
    fn absurd_amounts_are_an_error_not_a_panic() {
        let huge = Money::new(Decimal::MAX, Currency::JPY).unwrap();
        let budget = Budget::new(Currency::JPY)
            .with_line(BudgetLine::new("x", Category::Salary, huge, Frequency::WEEKLY).unwrap())
            .unwrap();
        let policy = CapacityPolicy::new().max_share(Percent::HUNDRED);
        assert!(matches!(
            budget.capacity(&policy, Frequency::MONTHLY),
            Err(Error::Overflow { .. })
        ));
        let budget = Budget::new(Currency::JPY)
            .with_line(BudgetLine::new("x", Category::Salary, huge, Frequency::YEARLY).unwrap())
            .unwrap()
            .with_line(BudgetLine::new("y", Category::Pension, huge, Frequency::YEARLY).unwrap())
            .unwrap();
        assert!(matches!(
            budget.capacity(&CapacityPolicy::new(), Frequency::YEARLY),
            Err(Error::Overflow { .. })
        ));
    }

    #[test]
    fn a_zero_share_or_no_seizable_income_gives_nothing() {
        let budget = Budget::new(Currency::EUR)
            .with_line(line(Category::Benefits, "1200.00 EUR", Frequency::MONTHLY))
            .unwrap();
        let policy = CapacityPolicy::new().max_share(Percent::ZERO);
        let capacity = budget.capacity(&policy, Frequency::MONTHLY).unwrap();
        assert_eq!(capacity.limiting_factor(), LimitingFactor::MaxShare);
        assert!(capacity.explain(Language::English).ends_with(
            "No plan is affordable now: the maximum share of the disposable income is 0%."
        ));
        // Benefits are not seizable: the scale allows nothing.
        let policy =
            CapacityPolicy::new().seizure_ceiling(crate::SeizureScale::france(2026).unwrap());
        let capacity = budget.capacity(&policy, Frequency::MONTHLY).unwrap();
        assert_eq!(capacity.limiting_factor(), LimitingFactor::SeizureCeiling);
        assert!(!capacity.is_affordable());
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_capacity_that_does_not_add_up_is_refused() {
        use crate::capacity::budget::Commitment;

        let budget = Budget::new(Currency::EUR)
            .with_line(line(Category::Salary, "2000.00 EUR", Frequency::MONTHLY))
            .unwrap()
            .with_commitment(Commitment::new("c", m("10.00 EUR"), Frequency::MONTHLY).unwrap())
            .unwrap();
        let policy = CapacityPolicy::new().max_share("10%".parse().unwrap());
        let capacity = budget.capacity(&policy, Frequency::MONTHLY).unwrap();
        assert_eq!(capacity.amount(), m("190.00 EUR"));
        let parts = |lines: Vec<CapacityLine>| {
            Capacity::from_parts(Frequency::MONTHLY, LimitingFactor::MaxShare, lines)
        };
        assert_eq!(parts(capacity.lines.clone()).unwrap(), capacity);
        // The binding flag moved to a larger limit.
        let mut moved = capacity.lines.clone();
        for l in &mut moved {
            l.binding = l.kind == CapacityLineKind::Disposable;
        }
        assert!(parts(moved).is_err());
        // An income changed without the totals.
        let mut changed = capacity.lines.clone();
        changed[0].amount = m("2100.00 EUR");
        assert!(parts(changed).is_err());
        assert!(parts(Vec::new()).is_err());

        // Without commitments the result equals the binding limit: the flag moved to the result
        // line leaves every figure right, but a result is not a limit.
        let budget = Budget::new(Currency::EUR)
            .with_line(line(Category::Salary, "2000.00 EUR", Frequency::MONTHLY))
            .unwrap();
        let capacity = budget.capacity(&policy, Frequency::MONTHLY).unwrap();
        assert_eq!(capacity.amount(), m("200.00 EUR"));
        assert_eq!(parts(capacity.lines.clone()).unwrap(), capacity);
        let mut on_result = capacity.lines.clone();
        for l in &mut on_result {
            l.binding = l.kind == CapacityLineKind::Result;
        }
        assert!(parts(on_result).is_err());
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_capacity_line_is_checked_when_read() {
        let budget = Budget::new(Currency::EUR)
            .with_line(line(Category::Salary, "2000.00 EUR", Frequency::MONTHLY))
            .unwrap();
        let capacity = budget
            .capacity(&CapacityPolicy::new(), Frequency::MONTHLY)
            .unwrap();
        let json = serde_json::to_value(&capacity).unwrap();
        assert_eq!(
            serde_json::from_value::<Capacity>(json.clone()).unwrap(),
            capacity
        );
        let tampered =
            |edit: fn(&mut serde_json::Value)| crate::contract::refused::<Capacity>(&json, edit);
        let blank = tampered(|j| j["breakdown"][0]["label"] = "  ".into());
        assert!(blank.contains("the label is empty"), "{blank}");
        // An income line with the detail of a disposable line.
        let detail =
            tampered(|j| j["breakdown"][0]["detail"] = serde_json::json!({"type": "none"}));
        assert!(detail.contains("cannot have the detail"), "{detail}");
        let negative = tampered(|j| j["breakdown"][0]["amount"]["amount"] = "-2000.00".into());
        assert!(
            negative.contains("capacity line: amount must not be negative"),
            "{negative}"
        );
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum LineDetailRepr {
    None,
    Entered {
        category: Option<Category>,
        amount: Money,
        frequency: Frequency,
    },
    Share {
        share: Percent,
    },
    ProtectedMinimum {
        minimum: Money,
        household: Household,
    },
    SeizureCeiling {
        seizable_income: Money,
        dependants: u32,
        year: Option<i32>,
    },
}

#[cfg(feature = "serde")]
impl TryFrom<LineDetailRepr> for LineDetail {
    type Error = Error;

    /// An amount entered is greater than zero; a protected minimum and a seizable income are not
    /// negative.
    fn try_from(r: LineDetailRepr) -> Result<LineDetail> {
        let check = |m: Money| crate::contract::Check::new("capacity line detail", m.currency());
        Ok(match r {
            LineDetailRepr::None => LineDetail::None,
            LineDetailRepr::Entered {
                category,
                amount,
                frequency,
            } => {
                check(amount).positive("amount", amount)?;
                LineDetail::Entered {
                    category,
                    amount,
                    frequency,
                }
            }
            LineDetailRepr::Share { share } => LineDetail::Share { share },
            LineDetailRepr::ProtectedMinimum { minimum, household } => {
                check(minimum).non_negative("minimum", minimum)?;
                LineDetail::ProtectedMinimum { minimum, household }
            }
            LineDetailRepr::SeizureCeiling {
                seizable_income,
                dependants,
                year,
            } => {
                check(seizable_income).non_negative("seizable_income", seizable_income)?;
                LineDetail::SeizureCeiling {
                    seizable_income,
                    dependants,
                    year,
                }
            }
        })
    }
}
