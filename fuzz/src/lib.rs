//! Shared pieces of the fuzz targets: arbitrary inputs built from small integers through the public
//! constructors and builders of `echeancier`, and the invariants every `Ok` result must keep.
//!
//! Inputs that a constructor refuses end the run early (`None`): only what the library accepts is
//! checked further. A panic anywhere, in the library or in an assertion here, is a finding.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use arbitrary::Arbitrary;
use chrono::{Days, NaiveDate};
use echeancier::{
    Account, AllocationPolicy, AnnualRate, Balloon, BusinessDayRule, CapacityShape, Claim,
    Component, Currency, Debt, DownPayment, Fee, Frequency, HolidayCalendar, InstalmentSelector,
    Interest, Money, PlanRequest, Remainder, Rounding, Schedule, Sizing, Statement, Surplus, Sweep,
};
use rust_decimal::Decimal;

/// A date: mostly near today (2020 + up to ~180 years), sometimes anywhere chrono allows.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FDate {
    /// 2020-01-01 plus this many days.
    Near(u16),
    /// Days from the common era, anywhere chrono can represent.
    Far(i32),
}

impl FDate {
    /// The date, if chrono can represent it.
    pub fn get(self) -> Option<NaiveDate> {
        match self {
            FDate::Near(days) => {
                NaiveDate::from_ymd_opt(2020, 1, 1)?.checked_add_days(Days::new(u64::from(days)))
            }
            FDate::Far(days) => NaiveDate::from_num_days_from_ce_opt(days),
        }
    }
}

/// A currency: the usual ones, or a custom code with 0 to 9 minor digits.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FCurrency {
    /// Euro, 2 digits.
    Eur,
    /// Yen, 0 digits.
    Jpy,
    /// Tunisian dinar, 3 digits.
    Tnd,
    /// A custom currency with this many minor digits (modulo 10).
    Custom(u8),
}

impl FCurrency {
    /// The currency, if `Currency::new` accepts it.
    pub fn get(self) -> Option<Currency> {
        match self {
            FCurrency::Eur => Some(Currency::EUR),
            FCurrency::Jpy => Some(Currency::JPY),
            FCurrency::Tnd => Some(Currency::TND),
            FCurrency::Custom(units) => Currency::new("XFZ", u32::from(units % 10)).ok(),
        }
    }
}

/// An amount in minor units: small, medium or anything up to `i64::MAX`.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FAmount {
    /// Up to 65,535 minor units.
    Small(u16),
    /// Up to about 4·10^9 minor units.
    Mid(u32),
    /// Any non-negative `i64`.
    Big(u64),
    /// A negative amount, which constructors should refuse.
    Negative(i16),
}

impl FAmount {
    /// The amount in `currency`, if `Money::from_minor` accepts it.
    pub fn get(self, currency: Currency) -> Option<Money> {
        let minor = match self {
            FAmount::Small(v) => i64::from(v),
            FAmount::Mid(v) => i64::from(v),
            FAmount::Big(v) => i64::try_from(v >> 1).ok()?,
            FAmount::Negative(v) => i64::from(v),
        };
        Money::from_minor(minor, currency).ok()
    }
}

/// A decimal `mantissa / 10^scale` (scale modulo 8).
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct FDecimal {
    /// The digits.
    pub mantissa: u32,
    /// The number of decimals.
    pub scale: u8,
}

impl FDecimal {
    /// The decimal value.
    pub fn get(self) -> Decimal {
        Decimal::new(i64::from(self.mantissa), u32::from(self.scale % 8))
    }
}

/// A frequency: the named ones or every N days or months.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FFrequency {
    /// Weekly.
    Weekly,
    /// Every 2 weeks.
    Every2Weeks,
    /// Monthly.
    Monthly,
    /// Quarterly.
    Quarterly,
    /// Yearly.
    Yearly,
    /// Every N days.
    Days(u16),
    /// Every N months.
    Months(u16),
}

impl FFrequency {
    /// The frequency, if its constructor accepts it.
    pub fn get(self) -> Option<Frequency> {
        match self {
            FFrequency::Weekly => Some(Frequency::WEEKLY),
            FFrequency::Every2Weeks => Some(Frequency::EVERY_2_WEEKS),
            FFrequency::Monthly => Some(Frequency::MONTHLY),
            FFrequency::Quarterly => Some(Frequency::QUARTERLY),
            FFrequency::Yearly => Some(Frequency::YEARLY),
            FFrequency::Days(n) => Frequency::every_days(u32::from(n)).ok(),
            FFrequency::Months(n) => Frequency::every_months(u32::from(n)).ok(),
        }
    }
}

/// A rounding mode, chosen modulo 4.
pub fn rounding(choice: u8) -> Rounding {
    match choice % 4 {
        0 => Rounding::HalfUp,
        1 => Rounding::HalfEven,
        2 => Rounding::Down,
        _ => Rounding::Up,
    }
}

/// An annual rate in percent, if `AnnualRate::from_percent` accepts it.
pub fn rate(value: FDecimal) -> Option<AnnualRate> {
    AnnualRate::from_percent(value.get()).ok()
}

/// What is owed: up to 4 claims and 2 fees.
#[derive(Arbitrary, Debug, Clone)]
pub struct FDebt {
    /// The currency of every amount.
    pub currency: FCurrency,
    /// The claims' amounts.
    pub claims: Vec<FAmount>,
    /// The fees' amounts.
    pub fees: Vec<FAmount>,
}

impl FDebt {
    /// The debt, if every constructor accepts its parts.
    pub fn get(&self) -> Option<Debt> {
        let currency = self.currency.get()?;
        let mut debt = Debt::new(currency);
        for (k, amount) in self.claims.iter().take(4).enumerate() {
            let claim = Claim::new(format!("C-{k}"), amount.get(currency)?).ok()?;
            debt = debt.with_claim(claim).ok()?;
        }
        for (k, amount) in self.fees.iter().take(2).enumerate() {
            let fee = Fee::new(format!("fee {k}"), amount.get(currency)?).ok()?;
            debt = debt.with_fee(fee).ok()?;
        }
        Some(debt)
    }
}

/// How the plan is sized.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FSizing {
    /// A number of instalments.
    Count(u16),
    /// An instalment amount.
    Amount(FAmount),
    /// A capacity per period, full or level.
    Capacity(FAmount, bool),
    /// An end date.
    EndDate(FDate),
}

/// Interest.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FInterest {
    /// None.
    None,
    /// Annuity at this percent.
    Annuity(FDecimal),
    /// Equal principal at this percent.
    EqualPrincipal(FDecimal),
}

/// A down payment.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FDownPayment {
    /// An amount on a date.
    Amount(FAmount, FDate),
    /// A percent of the debt on a date.
    Percent(FDecimal, FDate),
}

/// A plan request, every option of the builder.
#[derive(Arbitrary, Debug, Clone)]
pub struct FPlan {
    /// What is owed.
    pub debt: FDebt,
    /// The first due date.
    pub first_due: FDate,
    /// The frequency.
    pub frequency: FFrequency,
    /// The sizing rule.
    pub sizing: FSizing,
    /// Interest.
    pub interest: FInterest,
    /// A down payment.
    pub down_payment: Option<FDownPayment>,
    /// A minimum instalment.
    pub minimum: Option<FAmount>,
    /// A maximum count.
    pub max_instalments: Option<u16>,
    /// A maximum duration in months.
    pub max_months: Option<u16>,
    /// A rounding step.
    pub step: Option<FAmount>,
    /// The remainder on the first instalment rather than the last.
    pub remainder_first: bool,
    /// The rounding, modulo 4.
    pub rounding: u8,
    /// Business days: the rule and calendar, modulo 4 and 3.
    pub business_days: Option<(u8, u8)>,
    /// A balloon: a percent of the amount financed, or an amount.
    pub balloon: Option<Result<FDecimal, FAmount>>,
}

impl FPlan {
    /// The request, if every constructor accepts its parts (the builder itself never refuses).
    pub fn get(&self) -> Option<PlanRequest> {
        let debt = self.debt.get()?;
        let currency = debt.currency();
        let sizing = match self.sizing {
            FSizing::Count(n) => Sizing::Count(u32::from(n)),
            FSizing::Amount(a) => Sizing::Amount(a.get(currency)?),
            FSizing::Capacity(a, level) => Sizing::Capacity {
                capacity: a.get(currency)?,
                shape: if level {
                    CapacityShape::Level
                } else {
                    CapacityShape::FullCapacity
                },
            },
            FSizing::EndDate(d) => Sizing::EndDate(d.get()?),
        };
        let mut request =
            PlanRequest::new(debt, self.first_due.get()?, self.frequency.get()?, sizing)
                .interest(match self.interest {
                    FInterest::None => Interest::None,
                    FInterest::Annuity(r) => Interest::Annuity(rate(r)?),
                    FInterest::EqualPrincipal(r) => Interest::EqualPrincipal(rate(r)?),
                })
                .rounding(rounding(self.rounding))
                .remainder(if self.remainder_first {
                    Remainder::First
                } else {
                    Remainder::Last
                });
        if let Some(down) = self.down_payment {
            request = request.down_payment(match down {
                FDownPayment::Amount(a, d) => DownPayment::amount(a.get(currency)?, d.get()?),
                FDownPayment::Percent(p, d) => DownPayment::percent(p.get(), d.get()?),
            });
        }
        if let Some(minimum) = self.minimum {
            request = request.minimum_instalment(minimum.get(currency)?);
        }
        if let Some(count) = self.max_instalments {
            request = request.max_instalments(u32::from(count));
        }
        if let Some(months) = self.max_months {
            request = request.max_duration_months(u32::from(months));
        }
        if let Some(step) = self.step {
            request = request.step(step.get(currency)?);
        }
        if let Some((rule, calendar)) = self.business_days {
            let rule = match rule % 4 {
                0 => BusinessDayRule::Unadjusted,
                1 => BusinessDayRule::Following,
                2 => BusinessDayRule::ModifiedFollowing,
                _ => BusinessDayRule::Preceding,
            };
            let calendar = match calendar % 3 {
                0 => HolidayCalendar::WeekendsOnly,
                1 => HolidayCalendar::France,
                _ => HolidayCalendar::FranceAlsaceMoselle,
            };
            request = request.business_days(rule, calendar);
        }
        if let Some(balloon) = self.balloon {
            request = request.balloon(match balloon {
                Ok(percent) => Balloon::Percent(percent.get()),
                Err(amount) => Balloon::Amount(amount.get(currency)?),
            });
        }
        Some(request)
    }
}

/// An allocation policy: a preset, or a custom list of steps.
#[derive(Arbitrary, Debug, Clone)]
pub enum FAllocation {
    /// Code civil 1343-1.
    France,
    /// BGB 366/367.
    GermanyB2b,
    /// BGB 497.
    GermanyConsumer,
    /// Principal first.
    PrincipalFirst,
    /// Custom steps (selector, component, both modulo their count), sweep and surplus.
    Custom(Vec<(u8, u8)>, bool, bool),
}

impl FAllocation {
    /// The policy (it may still be refused by `Statement::new` when invalid).
    pub fn get(&self) -> AllocationPolicy {
        match self {
            FAllocation::France => AllocationPolicy::france_1343_1(),
            FAllocation::GermanyB2b => AllocationPolicy::germany_bgb_366_367(),
            FAllocation::GermanyConsumer => AllocationPolicy::germany_bgb_497_consumer(),
            FAllocation::PrincipalFirst => AllocationPolicy::principal_first(),
            FAllocation::Custom(steps, by_instalment, keep) => {
                let mut policy = AllocationPolicy::new();
                for (selector, component) in steps.iter().take(20) {
                    let selector = match selector % 3 {
                        0 => InstalmentSelector::Overdue,
                        1 => InstalmentSelector::DueToday,
                        _ => InstalmentSelector::NotYetDue,
                    };
                    let component = match component % 5 {
                        0 => Component::Fees,
                        1 => Component::Compensation,
                        2 => Component::Penalties,
                        3 => Component::Interest,
                        _ => Component::Principal,
                    };
                    policy = policy.then(selector, component);
                }
                policy
                    .with_sweep(if *by_instalment {
                        Sweep::InstalmentByInstalment
                    } else {
                        Sweep::ComponentByComponent
                    })
                    .with_surplus(if *keep {
                        Surplus::KeepAsCredit
                    } else {
                        Surplus::ApplyToNextInstalments
                    })
            }
        }
    }
}

/// Asserts the schedule invariants (the crate's own checks, `echeancier::invariants::schedule`,
/// shared with deserialisation and the property tests) and that the schedule repays what the
/// request financed (`debt`, when known).
pub fn check_schedule(schedule: &Schedule, debt: Option<&Debt>) {
    if let Err(e) = echeancier::invariants::schedule(schedule) {
        panic!("a generated schedule breaks an invariant: {e}");
    }
    if let Some(debt) = debt {
        let totals = schedule.totals();
        assert_eq!(Ok(totals.principal()), debt.principal());
        assert_eq!(Ok(totals.fees()), debt.fees());
    }
}

/// Asserts what every statement keeps (the crate's own checks, `echeancier::invariants::statement`,
/// shared with the property tests): each payment counted once, every amount whole minor units and
/// not negative, each line's parts adding up.
pub fn check_statement(s: &Statement) {
    if let Err(e) = echeancier::invariants::statement(s) {
        panic!("a statement breaks an invariant: {e}");
    }
}

/// Asserts that `statement` reads back from its JSON to an equal statement (its checks on reading
/// accept what the crate writes).
pub fn statement_reads_back(statement: &Statement) {
    let json = serde_json::to_string(statement).expect("a statement writes to JSON");
    let again: Statement = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("a statement does not read back: {e}\n{json}"));
    assert_eq!(&again, statement, "{json}");
}

/// Asserts the statement invariants of every version in the ledger of `account` on `as_of` (a
/// date on or after its last event), without the JSON round trips of [`check_account`]: the check
/// made after every event of a sequence, the round trips once at its end (they are most of the
/// time of a run, and the account's JSON replays every event anyway). Returns the ledger.
pub fn ledger_kept(account: &Account, as_of: NaiveDate) -> Vec<Statement> {
    // A payment is recorded without computing the statement (that would make recording a whole
    // history quadratic), so amounts near `Decimal`'s limits can make the ledger of a later day
    // overflow (centuries of penalties on ten-digit amounts): an error, never a panic. Any other
    // error is a finding.
    let ledger = match account.ledger(as_of) {
        Ok(ledger) => ledger,
        Err(echeancier::Error::Overflow { .. }) => Vec::new(),
        Err(e) => panic!("an account as recorded has no ledger on {as_of}: {e}"),
    };
    for statement in &ledger {
        check_statement(statement);
    }
    ledger
}

/// Asserts the statement invariants of the version in force in `account` on `as_of` (a date on or
/// after its last event), if it has a schedule: the check after an event that added no version,
/// when the statements of the versions closed before it are those checked already (events are
/// recorded in date order, and a closed version's statement stops on the day the next one took
/// effect). It is the last statement of [`ledger_kept`]'s ledger, for a fraction of its time.
pub fn statement_kept(account: &Account, as_of: NaiveDate) {
    match account.statement(as_of) {
        Ok(statement) => check_statement(&statement),
        // Settled or paid off: no schedule, so no statement in the ledger either. Overflow: as in
        // `ledger_kept`.
        Err(echeancier::Error::PlanClosed { .. } | echeancier::Error::Overflow { .. }) => {}
        Err(e) => panic!("an account as recorded has no statement on {as_of}: {e}"),
    }
}

/// Asserts invariant 6 on every adjustment record of `account`'s history (the crate's own check,
/// `echeancier::invariants::adjustment_record`, which reading a record from JSON also makes): the
/// outstanding amount after each adjustment is the one before, plus what it capitalised, less
/// what it waived and what was paid, and none of its amounts is negative.
pub fn records_kept(account: &Account) {
    for version in account.history().versions() {
        if let Some(record) = version.record() {
            if let Err(e) = echeancier::invariants::adjustment_record(record) {
                panic!("version {} breaks an invariant: {e}", version.number());
            }
        }
    }
}

/// Asserts the invariants of an account on `as_of` (a date on or after its last event): every
/// adjustment record keeps [`records_kept`], every version's statement in the ledger keeps
/// [`check_statement`], one of them reads back from its JSON, and the account's JSON reads back
/// (its events replayed) to an equal account.
///
/// The statement read back is the version's whose position in the ledger is the number of events
/// recorded, modulo the number of versions: an input with one event more or fewer reads back
/// another version's, so a campaign reads back every kind of version (open, closed by each
/// adjustment, settled, lapsed) while each input pays for one round trip, not one per version.
/// Those round trips were 55 to 70 % of the time of an `account` or `adjust` run.
pub fn check_account(account: &Account, as_of: NaiveDate) {
    records_kept(account);
    let ledger = ledger_kept(account, as_of);
    if let Some(at) = account.events().len().checked_rem(ledger.len()) {
        if let Some(statement) = ledger.get(at) {
            statement_reads_back(statement);
        }
    }
    let json = serde_json::to_string(account).expect("an account writes to JSON");
    let again: Account = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("an account does not read back: {e}\n{json}"));
    assert_eq!(&again, account, "{json}");
}
