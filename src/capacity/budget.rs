//! What the debtor earns and spends, each line at its own frequency, and what they already repay.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::frequency::Frequency;
use crate::money::{Currency, Money, Rounding};

/// The largest number of adults or children a [`Household`] may count.
const MAX_PEOPLE: u32 = 30;

/// What a budget line is: an income or an expense, and of which kind.
///
/// Salaries and pensions are the incomes the French wage-seizure scale applies to
/// ([`Category::is_seizable`]); the other categories only label the line.
///
/// ```
/// use echeancier::Category;
///
/// assert!(Category::Salary.is_income());
/// assert!(Category::Salary.is_seizable());
/// assert!(!Category::Benefits.is_seizable());
/// assert!(!Category::Rent.is_income());
/// assert_eq!(Category::LoanRepayment.to_string(), "loan_repayment");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Category {
    /// Income: wages, salary (net of social contributions).
    Salary,
    /// Income: social benefits, family and housing allowances.
    Benefits,
    /// Income: retirement or disability pension.
    Pension,
    /// Income: anything else (rents received, maintenance received, self-employed income).
    OtherIncome,
    /// Expense: rent or mortgage on the main home.
    Rent,
    /// Expense: electricity, gas, heating, water.
    Energy,
    /// Expense: food and household goods.
    Food,
    /// Expense: transport, fuel, public transport passes.
    Transport,
    /// Expense: insurance premiums, health cover.
    Insurance,
    /// Expense: income and local taxes.
    Taxes,
    /// Expense: childcare, school costs.
    Childcare,
    /// Expense: repayment of a loan (a plan of this creditor's is a commitment instead, see
    /// [`Commitment`]).
    LoanRepayment,
    /// Expense: anything else.
    OtherExpense,
}

impl Category {
    /// True for the income categories, false for the expense ones.
    ///
    /// ```
    /// assert!(echeancier::Category::Pension.is_income());
    /// ```
    pub fn is_income(self) -> bool {
        matches!(
            self,
            Category::Salary | Category::Benefits | Category::Pension | Category::OtherIncome
        )
    }

    /// True for the incomes the French wage-seizure scale applies to: salaries and pensions
    /// (Code du travail L3252-1; pensions by reference to it).
    ///
    /// ```
    /// assert!(echeancier::Category::Pension.is_seizable());
    /// assert!(!echeancier::Category::OtherIncome.is_seizable());
    /// ```
    pub fn is_seizable(self) -> bool {
        matches!(self, Category::Salary | Category::Pension)
    }

    /// The snake-case name, as in JSON.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Category::Salary => "salary",
            Category::Benefits => "benefits",
            Category::Pension => "pension",
            Category::OtherIncome => "other_income",
            Category::Rent => "rent",
            Category::Energy => "energy",
            Category::Food => "food",
            Category::Transport => "transport",
            Category::Insurance => "insurance",
            Category::Taxes => "taxes",
            Category::Childcare => "childcare",
            Category::LoanRepayment => "loan_repayment",
            Category::OtherExpense => "other_expense",
        }
    }
}

/// The snake-case name: `salary`, `other_income`, `loan_repayment`…
impl core::fmt::Display for Category {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// One income or expense of the debtor: a label, a [`Category`], an amount and how often it comes.
///
/// ```
/// use echeancier::{BudgetLine, Category, Frequency};
///
/// let wage = BudgetLine::new("net wage", Category::Salary, "450.00 EUR".parse()?, Frequency::WEEKLY)?;
/// // 450.00 × 52 / 12 = 1950.00 per month
/// assert_eq!(wage.per_period(Frequency::MONTHLY)?.to_string(), "1950.00 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "BudgetLineRepr", into = "BudgetLineRepr")
)]
pub struct BudgetLine {
    label: String,
    category: Category,
    amount: Money,
    frequency: Frequency,
}

impl BudgetLine {
    /// A line of `amount` every `frequency`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyLabel`] for a blank label; [`Error::NotPositive`] for a zero or negative amount.
    ///
    /// ```
    /// use echeancier::{BudgetLine, Category, Frequency};
    ///
    /// let rent = BudgetLine::new("rent", Category::Rent, "720.00 EUR".parse()?, Frequency::MONTHLY)?;
    /// assert_eq!(rent.amount().to_string(), "720.00 EUR");
    /// assert!(BudgetLine::new("rent", Category::Rent, "0.00 EUR".parse()?, Frequency::MONTHLY).is_err());
    /// assert!(BudgetLine::new(" ", Category::Rent, "1.00 EUR".parse()?, Frequency::MONTHLY).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(
        label: impl Into<String>,
        category: Category,
        amount: Money,
        frequency: Frequency,
    ) -> Result<BudgetLine> {
        Ok(BudgetLine {
            label: require_label(label.into(), "a budget line")?,
            category,
            amount: amount.require_positive("budget line amount")?,
            frequency,
        })
    }

    /// The label, as given.
    ///
    /// ```
    /// use echeancier::{BudgetLine, Category, Frequency};
    ///
    /// let line = BudgetLine::new("pension", Category::Pension, "1200.00 EUR".parse()?, Frequency::MONTHLY)?;
    /// assert_eq!(line.label(), "pension");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The category.
    ///
    /// ```
    /// use echeancier::{BudgetLine, Category, Frequency};
    ///
    /// let line = BudgetLine::new("gas", Category::Energy, "90.00 EUR".parse()?, Frequency::MONTHLY)?;
    /// assert_eq!(line.category(), Category::Energy);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn category(&self) -> Category {
        self.category
    }

    /// The amount at the line's own frequency.
    ///
    /// ```
    /// use echeancier::{BudgetLine, Category, Frequency};
    ///
    /// let tax = BudgetLine::new("income tax", Category::Taxes, "1800.00 EUR".parse()?, Frequency::YEARLY)?;
    /// assert_eq!(tax.amount().to_string(), "1800.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// How often the amount comes.
    ///
    /// ```
    /// use echeancier::{BudgetLine, Category, Frequency};
    ///
    /// let tax = BudgetLine::new("income tax", Category::Taxes, "1800.00 EUR".parse()?, Frequency::YEARLY)?;
    /// assert_eq!(tax.frequency(), Frequency::YEARLY);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    /// The amount per `period`, converted exactly and rounded once, half up (see
    /// [`Budget::capacity`] for the conversion).
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for amounts near `Decimal`'s limit.
    ///
    /// ```
    /// use echeancier::{BudgetLine, Category, Frequency};
    ///
    /// let insurance = BudgetLine::new("car insurance", Category::Insurance, "150.00 EUR".parse()?, Frequency::QUARTERLY)?;
    /// assert_eq!(insurance.per_period(Frequency::MONTHLY)?.to_string(), "50.00 EUR");
    /// assert_eq!(insurance.per_period(Frequency::YEARLY)?.to_string(), "600.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn per_period(&self, period: Frequency) -> Result<Money> {
        convert(self.amount, self.frequency, period)
    }
}

/// A plan the debtor already pays (to this creditor or another): its amount comes off the capacity,
/// whatever rule set it.
///
/// ```
/// use echeancier::{Commitment, Frequency};
///
/// let plan = Commitment::new("energy supplier plan", "60.00 EUR".parse()?, Frequency::MONTHLY)?;
/// assert_eq!(plan.per_period(Frequency::MONTHLY)?.to_string(), "60.00 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "CommitmentRepr", into = "CommitmentRepr")
)]
pub struct Commitment {
    label: String,
    amount: Money,
    frequency: Frequency,
}

impl Commitment {
    /// A commitment of `amount` every `frequency`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyLabel`] for a blank label; [`Error::NotPositive`] for a zero or negative amount.
    ///
    /// ```
    /// use echeancier::{Commitment, Frequency};
    ///
    /// assert!(Commitment::new("plan", "-1.00 EUR".parse()?, Frequency::MONTHLY).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(
        label: impl Into<String>,
        amount: Money,
        frequency: Frequency,
    ) -> Result<Commitment> {
        Ok(Commitment {
            label: require_label(label.into(), "a commitment")?,
            amount: amount.require_positive("commitment amount")?,
            frequency,
        })
    }

    /// The label, as given.
    ///
    /// ```
    /// use echeancier::{Commitment, Frequency};
    ///
    /// let plan = Commitment::new("plan A", "10.00 EUR".parse()?, Frequency::WEEKLY)?;
    /// assert_eq!(plan.label(), "plan A");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The amount at the commitment's own frequency.
    ///
    /// ```
    /// use echeancier::{Commitment, Frequency};
    ///
    /// let plan = Commitment::new("plan A", "10.00 EUR".parse()?, Frequency::WEEKLY)?;
    /// assert_eq!(plan.amount().to_string(), "10.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// How often it is paid.
    ///
    /// ```
    /// use echeancier::{Commitment, Frequency};
    ///
    /// let plan = Commitment::new("plan A", "10.00 EUR".parse()?, Frequency::WEEKLY)?;
    /// assert_eq!(plan.frequency(), Frequency::WEEKLY);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    /// The amount per `period`, converted exactly and rounded once, half up.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] for amounts near `Decimal`'s limit.
    ///
    /// ```
    /// use echeancier::{Commitment, Frequency};
    ///
    /// let plan = Commitment::new("plan A", "10.00 EUR".parse()?, Frequency::WEEKLY)?;
    /// assert_eq!(plan.per_period(Frequency::MONTHLY)?.to_string(), "43.33 EUR"); // 10 × 52 / 12
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn per_period(&self, period: Frequency) -> Result<Money> {
        convert(self.amount, self.frequency, period)
    }
}

/// Who lives on the budget: the adults and children of the household, and the number of dependants
/// the French wage-seizure scale counts.
///
/// The default is one adult living alone. Dependants default to the number of children; a spouse or
/// an ascendant without resources of their own may count too ([`Household::with_dependants`]).
///
/// ```
/// use echeancier::Household;
///
/// let family = Household::new(2, 3)?;
/// assert_eq!((family.adults(), family.children(), family.dependants()), (2, 3, 3));
/// assert_eq!(Household::default(), Household::new(1, 0)?);
/// assert!(Household::new(0, 1).is_err());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "HouseholdRepr", into = "HouseholdRepr")
)]
pub struct Household {
    adults: u32,
    children: u32,
    dependants: u32,
}

impl Default for Household {
    fn default() -> Household {
        Household {
            adults: 1,
            children: 0,
            dependants: 0,
        }
    }
}

impl Household {
    /// A household of `adults` (at least one) and `children`, each at most 30.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidHousehold`] without an adult, or with more than 30 adults or children.
    ///
    /// ```
    /// use echeancier::Household;
    ///
    /// assert_eq!(Household::new(1, 2)?.dependants(), 2);
    /// assert!(Household::new(1, 31).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(adults: u32, children: u32) -> Result<Household> {
        let reason = if adults == 0 {
            Some("a household needs at least one adult")
        } else if adults > MAX_PEOPLE || children > MAX_PEOPLE {
            Some("at most 30 adults and 30 children are accepted")
        } else {
            None
        };
        match reason {
            Some(reason) => Err(Error::InvalidHousehold {
                adults,
                children,
                reason,
            }),
            None => Ok(Household {
                adults,
                children,
                dependants: children,
            }),
        }
    }

    /// Sets the number of dependants (*personnes à charge*, Code du travail R3252-3) the
    /// wage-seizure scale counts, from 0 to 60.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidHousehold`] above 60.
    ///
    /// ```
    /// use echeancier::Household;
    ///
    /// // A spouse without income and two children.
    /// let family = Household::new(2, 2)?.with_dependants(3)?;
    /// assert_eq!(family.dependants(), 3);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_dependants(mut self, dependants: u32) -> Result<Household> {
        if dependants > 2 * MAX_PEOPLE {
            return Err(Error::InvalidHousehold {
                adults: self.adults,
                children: self.children,
                reason: "at most 60 dependants are accepted",
            });
        }
        self.dependants = dependants;
        Ok(self)
    }

    /// The number of adults (at least one).
    ///
    /// ```
    /// assert_eq!(echeancier::Household::default().adults(), 1);
    /// ```
    pub fn adults(&self) -> u32 {
        self.adults
    }

    /// The number of children.
    ///
    /// ```
    /// assert_eq!(echeancier::Household::default().children(), 0);
    /// ```
    pub fn children(&self) -> u32 {
        self.children
    }

    /// The number of dependants for the wage-seizure scale.
    ///
    /// ```
    /// assert_eq!(echeancier::Household::new(1, 2)?.dependants(), 2);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn dependants(&self) -> u32 {
        self.dependants
    }
}

/// The debtor's budget: income and expense lines, each at its own frequency, the plans they already
/// pay, and their household. All amounts are in one currency.
///
/// [`Budget::capacity`] turns it into a [`Capacity`](crate::Capacity) per period under a
/// [`CapacityPolicy`](crate::CapacityPolicy).
///
/// ```
/// use echeancier::{Budget, BudgetLine, Category, Commitment, Currency, Frequency, Household};
///
/// let budget = Budget::new(Currency::EUR)
///     .with_line(BudgetLine::new("net salary", Category::Salary, "2100.00 EUR".parse()?, Frequency::MONTHLY)?)?
///     .with_line(BudgetLine::new("rent", Category::Rent, "780.00 EUR".parse()?, Frequency::MONTHLY)?)?
///     .with_commitment(Commitment::new("phone plan", "25.00 EUR".parse()?, Frequency::MONTHLY)?)?
///     .with_household(Household::new(1, 1)?);
/// assert_eq!(budget.incomes().count(), 1);
/// assert_eq!(budget.expenses().count(), 1);
/// assert!(Budget::new(Currency::USD).with_line(budget.lines()[0].clone()).is_err());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "BudgetRepr", into = "BudgetRepr"))]
pub struct Budget {
    currency: Currency,
    lines: Vec<BudgetLine>,
    commitments: Vec<Commitment>,
    household: Household,
}

impl Budget {
    /// An empty budget in `currency`, for a one-adult household.
    ///
    /// ```
    /// use echeancier::{Budget, Currency};
    ///
    /// let budget = Budget::new(Currency::EUR);
    /// assert!(budget.lines().is_empty());
    /// ```
    pub fn new(currency: Currency) -> Budget {
        Budget {
            currency,
            lines: Vec::new(),
            commitments: Vec::new(),
            household: Household::default(),
        }
    }

    /// Adds an income or expense line (its [`Category`] says which).
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if the line is in another currency than the budget.
    ///
    /// ```
    /// use echeancier::{Budget, BudgetLine, Category, Currency, Frequency};
    ///
    /// let budget = Budget::new(Currency::EUR)
    ///     .with_line(BudgetLine::new("food", Category::Food, "95.00 EUR".parse()?, Frequency::WEEKLY)?)?;
    /// assert_eq!(budget.expenses().count(), 1);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_line(mut self, line: BudgetLine) -> Result<Budget> {
        Money::zero(self.currency).same_currency(line.amount)?;
        self.lines.push(line);
        Ok(self)
    }

    /// Adds a plan the debtor already pays.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if the commitment is in another currency than the budget.
    ///
    /// ```
    /// use echeancier::{Budget, Commitment, Currency, Frequency};
    ///
    /// let budget = Budget::new(Currency::EUR)
    ///     .with_commitment(Commitment::new("tax office plan", "120.00 EUR".parse()?, Frequency::MONTHLY)?)?;
    /// assert_eq!(budget.commitments().len(), 1);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_commitment(mut self, commitment: Commitment) -> Result<Budget> {
        Money::zero(self.currency).same_currency(commitment.amount)?;
        self.commitments.push(commitment);
        Ok(self)
    }

    /// Sets the household living on the budget (one adult by default).
    ///
    /// ```
    /// use echeancier::{Budget, Currency, Household};
    ///
    /// let budget = Budget::new(Currency::EUR).with_household(Household::new(2, 1)?);
    /// assert_eq!(budget.household().adults(), 2);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_household(mut self, household: Household) -> Budget {
        self.household = household;
        self
    }

    /// The currency of every amount.
    ///
    /// ```
    /// use echeancier::{Budget, Currency};
    ///
    /// assert_eq!(Budget::new(Currency::CHF).currency(), Currency::CHF);
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Every line, incomes and expenses, in the order they were added.
    ///
    /// ```
    /// use echeancier::{Budget, Currency};
    ///
    /// assert!(Budget::new(Currency::EUR).lines().is_empty());
    /// ```
    pub fn lines(&self) -> &[BudgetLine] {
        &self.lines
    }

    /// The income lines, in order.
    ///
    /// ```
    /// use echeancier::{Budget, Currency};
    ///
    /// assert_eq!(Budget::new(Currency::EUR).incomes().count(), 0);
    /// ```
    pub fn incomes(&self) -> impl Iterator<Item = &BudgetLine> {
        self.lines.iter().filter(|l| l.category.is_income())
    }

    /// The expense lines, in order.
    ///
    /// ```
    /// use echeancier::{Budget, Currency};
    ///
    /// assert_eq!(Budget::new(Currency::EUR).expenses().count(), 0);
    /// ```
    pub fn expenses(&self) -> impl Iterator<Item = &BudgetLine> {
        self.lines.iter().filter(|l| !l.category.is_income())
    }

    /// The plans the debtor already pays.
    ///
    /// ```
    /// use echeancier::{Budget, Currency};
    ///
    /// assert!(Budget::new(Currency::EUR).commitments().is_empty());
    /// ```
    pub fn commitments(&self) -> &[Commitment] {
        &self.commitments
    }

    /// The household.
    ///
    /// ```
    /// use echeancier::{Budget, Currency, Household};
    ///
    /// assert_eq!(Budget::new(Currency::EUR).household(), Household::default());
    /// ```
    pub fn household(&self) -> Household {
        self.household
    }
}

fn require_label(label: String, what: &'static str) -> Result<String> {
    crate::input::check_text(crate::input::Text::Label, what, &label)?;
    Ok(label)
}

/// `amount` per `from` expressed per `to`, exactly: amount × (periods of `from` per year) / (periods
/// of `to` per year), with the year fractions of [`Frequency::year_fraction`] (a week is 1/52 year,
/// a day 1/365, a month 1/12). Multiplies first and divides once.
pub(crate) fn convert_exact(amount: Decimal, from: Frequency, to: Frequency) -> Result<Decimal> {
    let (from_num, from_den) = from.year_fraction();
    let (to_num, to_den) = to.year_fraction();
    let overflow = || Error::Overflow {
        operation: "converting an amount to another period",
    };
    // Products of two `u32` always fit a `u64`.
    #[allow(clippy::arithmetic_side_effects)]
    let (numerator, denominator) = (
        Decimal::from(u64::from(from_den) * u64::from(to_num)),
        Decimal::from(u64::from(from_num) * u64::from(to_den)),
    );
    amount
        .checked_mul(numerator)
        .and_then(|x| x.checked_div(denominator))
        .ok_or_else(overflow)
}

/// [`convert_exact`], rounded once half up: how every budget line and commitment is normalised.
pub(crate) fn convert(amount: Money, from: Frequency, to: Frequency) -> Result<Money> {
    Money::round(
        convert_exact(amount.amount(), from, to)?,
        amount.currency(),
        Rounding::HalfUp,
    )
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BudgetLineRepr {
    label: String,
    category: Category,
    amount: Money,
    frequency: Frequency,
}

#[cfg(feature = "serde")]
impl TryFrom<BudgetLineRepr> for BudgetLine {
    type Error = Error;

    fn try_from(r: BudgetLineRepr) -> Result<BudgetLine> {
        BudgetLine::new(r.label, r.category, r.amount, r.frequency)
    }
}

#[cfg(feature = "serde")]
impl From<BudgetLine> for BudgetLineRepr {
    fn from(l: BudgetLine) -> BudgetLineRepr {
        BudgetLineRepr {
            label: l.label,
            category: l.category,
            amount: l.amount,
            frequency: l.frequency,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CommitmentRepr {
    label: String,
    amount: Money,
    frequency: Frequency,
}

#[cfg(feature = "serde")]
impl TryFrom<CommitmentRepr> for Commitment {
    type Error = Error;

    fn try_from(r: CommitmentRepr) -> Result<Commitment> {
        Commitment::new(r.label, r.amount, r.frequency)
    }
}

#[cfg(feature = "serde")]
impl From<Commitment> for CommitmentRepr {
    fn from(c: Commitment) -> CommitmentRepr {
        CommitmentRepr {
            label: c.label,
            amount: c.amount,
            frequency: c.frequency,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct HouseholdRepr {
    adults: u32,
    children: u32,
    dependants: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<HouseholdRepr> for Household {
    type Error = Error;

    fn try_from(r: HouseholdRepr) -> Result<Household> {
        Household::new(r.adults, r.children)?.with_dependants(r.dependants)
    }
}

#[cfg(feature = "serde")]
impl From<Household> for HouseholdRepr {
    fn from(h: Household) -> HouseholdRepr {
        HouseholdRepr {
            adults: h.adults,
            children: h.children,
            dependants: h.dependants,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BudgetRepr {
    currency: Currency,
    lines: Vec<BudgetLine>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    commitments: Vec<Commitment>,
    #[serde(default)]
    household: Household,
}

#[cfg(feature = "serde")]
impl TryFrom<BudgetRepr> for Budget {
    type Error = Error;

    fn try_from(r: BudgetRepr) -> Result<Budget> {
        let budget = r
            .lines
            .into_iter()
            .try_fold(Budget::new(r.currency), Budget::with_line)?;
        let budget = r
            .commitments
            .into_iter()
            .try_fold(budget, Budget::with_commitment)?;
        Ok(budget.with_household(r.household))
    }
}

#[cfg(feature = "serde")]
impl From<Budget> for BudgetRepr {
    fn from(b: Budget) -> BudgetRepr {
        BudgetRepr {
            currency: b.currency,
            lines: b.lines,
            commitments: b.commitments,
            household: b.household,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "serde")]
    #[test]
    fn a_category_displays_as_its_json_name() {
        use Category::*;
        let all = [
            Salary,
            Benefits,
            Pension,
            OtherIncome,
            Rent,
            Energy,
            Food,
            Transport,
            Insurance,
            Taxes,
            Childcare,
            LoanRepayment,
            OtherExpense,
        ];
        for category in all {
            assert_eq!(
                serde_json::to_value(category).unwrap(),
                category.to_string()
            );
        }
        assert_eq!(LoanRepayment.to_string(), "loan_repayment");
    }

    #[test]
    fn lines_are_kept_in_the_order_added() {
        let line = |label: &str, category, amount: &str| {
            BudgetLine::new(label, category, amount.parse().unwrap(), Frequency::MONTHLY).unwrap()
        };
        let budget = Budget::new(Currency::EUR)
            .with_line(line("rent", Category::Rent, "700.00 EUR"))
            .unwrap()
            .with_line(line("wage", Category::Salary, "1800.00 EUR"))
            .unwrap()
            .with_line(line("food", Category::Food, "300.00 EUR"))
            .unwrap();
        let labels = |lines: &[&BudgetLine]| {
            lines
                .iter()
                .map(|l| l.label().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            labels(&budget.lines().iter().collect::<Vec<_>>()),
            ["rent", "wage", "food"]
        );
        assert_eq!(labels(&budget.incomes().collect::<Vec<_>>()), ["wage"]);
        assert_eq!(
            labels(&budget.expenses().collect::<Vec<_>>()),
            ["rent", "food"]
        );
    }

    #[test]
    fn up_to_sixty_dependants_are_accepted() {
        let household = Household::new(2, 1).unwrap();
        for dependants in [0, 1, 31, 40, 59, 60] {
            assert_eq!(
                household.with_dependants(dependants).unwrap().dependants(),
                dependants
            );
        }
        for dependants in [61, 62, 1000, u32::MAX] {
            let Err(Error::InvalidHousehold { reason, .. }) = household.with_dependants(dependants)
            else {
                panic!("{dependants} dependants accepted");
            };
            assert_eq!(reason, "at most 60 dependants are accepted");
        }
    }
}
