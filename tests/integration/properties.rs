//! The invariants of `DESIGN.md` as properties, each test named after the invariant it checks, over
//! random debts (0.01 to 10,000,000.00), counts (1 to 600), rates (0 to 30 %), every kind of
//! frequency, first due dates that include 29 February and the 31st, every sizing rule and interest
//! method, both capacity shapes, rounding steps, down payments and business-day rules.
//!
//! A random request may legitimately be impossible (a capacity below the interest, a step too coarse
//! for the count…): the property then checks that the error is one of the "impossible request"
//! variants, never a panic and never another kind of error.
//!
//! The number of cases is proptest's default, or `PROPTEST_CASES` from the environment. Failing cases
//! are saved under `tests/proptest-regressions/` and replayed first on every run.

use chrono::{Days, NaiveDate};
use echeancier::{
    AnnualRate, BusinessDayRule, CapacityShape, Claim, Currency, Debt, DownPayment, Error, Fee,
    Frequency, HolidayCalendar, InstalmentKind, Interest, Money, PlanRequest, Remainder, Rounding,
    Schedule, Sizing,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_decimal::Decimal;

// ---------------------------------------------------------------------------------------------
// Strategies

fn currency() -> impl Strategy<Value = Currency> {
    prop_oneof![
        4 => Just(Currency::EUR),
        1 => Just(Currency::JPY),
        1 => Just(Currency::TND),
    ]
}

/// A count of minor units, small ones as likely as large ones.
fn minor_units(max: i64) -> impl Strategy<Value = i64> {
    prop_oneof![1..=10_000i64, 1..=max]
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        6 => prop::sample::select(vec![
            Frequency::WEEKLY,
            Frequency::EVERY_2_WEEKS,
            Frequency::EVERY_4_WEEKS,
            Frequency::MONTHLY,
            Frequency::MONTHLY,
            Frequency::EVERY_2_MONTHS,
            Frequency::QUARTERLY,
            Frequency::HALF_YEARLY,
            Frequency::YEARLY,
        ]),
        1 => (1u32..=60).prop_map(|n| Frequency::every_days(n).unwrap()),
        1 => (1u32..=24).prop_map(|n| Frequency::every_months(n).unwrap()),
    ]
}

fn first_due() -> impl Strategy<Value = NaiveDate> {
    let special = prop::sample::select(vec![
        (2024, 2, 29),
        (2028, 2, 29),
        (2027, 1, 31),
        (2027, 3, 31),
        (2026, 12, 31),
        (2027, 8, 31),
        (2027, 5, 31),
        (2025, 4, 21),
    ]);
    let any = (2000i32..=2100, 1u32..=12, 1u32..=31);
    prop_oneof![special, any].prop_map(|(y, m, d)| {
        // Clamp the 29th to the 31st to the month's last day.
        (0..4)
            .find_map(|back| NaiveDate::from_ymd_opt(y, m, d - back))
            .unwrap()
    })
}

fn rate() -> impl Strategy<Value = AnnualRate> {
    (0i64..=3000).prop_map(|bp| AnnualRate::from_percent(Decimal::new(bp, 2)).unwrap())
}

fn interest() -> impl Strategy<Value = Interest> {
    prop_oneof![
        Just(Interest::None),
        rate().prop_map(Interest::Annuity),
        rate().prop_map(Interest::EqualPrincipal),
    ]
}

fn money(minor: i64, currency: Currency) -> Money {
    Money::from_minor(minor, currency).unwrap()
}

/// What sizes the plan, relative to the total in minor units so that most requests are possible.
#[derive(Debug, Clone, Copy)]
enum SizingSeed {
    Count(u32),
    /// The amount per period repays the total in about `divisor` periods, plus `extra` minor units.
    Amount {
        divisor: i64,
        extra: i64,
    },
    Capacity {
        divisor: i64,
        extra: i64,
        shape: CapacityShape,
    },
    EndDate {
        days: u64,
    },
}

fn sizing_seed() -> impl Strategy<Value = SizingSeed> {
    let shape = prop_oneof![
        Just(CapacityShape::FullCapacity),
        Just(CapacityShape::Level)
    ];
    prop_oneof![
        (1u32..=600).prop_map(SizingSeed::Count),
        (1i64..=600, 0i64..=1000)
            .prop_map(|(divisor, extra)| SizingSeed::Amount { divisor, extra }),
        (1i64..=600, 0i64..=1000, shape).prop_map(|(divisor, extra, shape)| {
            SizingSeed::Capacity {
                divisor,
                extra,
                shape,
            }
        }),
        (0u64..=3660).prop_map(|days| SizingSeed::EndDate { days }),
    ]
}

#[derive(Debug, Clone, Copy)]
enum DownSeed {
    None,
    /// Per mille of the total.
    Amount(i64),
    /// Hundredths of a percent.
    Percent(i64),
}

fn down_seed() -> impl Strategy<Value = DownSeed> {
    prop_oneof![
        3 => Just(DownSeed::None),
        1 => (1i64..=1000).prop_map(DownSeed::Amount),
        1 => (1i64..=9999).prop_map(DownSeed::Percent),
    ]
}

fn business_days() -> impl Strategy<Value = (BusinessDayRule, HolidayCalendar)> {
    let rule = prop::sample::select(vec![
        BusinessDayRule::Following,
        BusinessDayRule::ModifiedFollowing,
        BusinessDayRule::Preceding,
    ]);
    let calendar = prop::sample::select(vec![
        HolidayCalendar::WeekendsOnly,
        HolidayCalendar::France,
        HolidayCalendar::FranceAlsaceMoselle,
    ]);
    prop_oneof![
        3 => Just((BusinessDayRule::Unadjusted, HolidayCalendar::WeekendsOnly)),
        1 => (rule, calendar),
    ]
}

/// Options that are usually left out.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// Minor units of the step, as a power of ten (and times five when `half`).
    step_exponent: Option<(u32, bool)>,
    minimum_per_mille: Option<i64>,
    max_instalments: Option<u32>,
    max_duration_months: Option<u32>,
    remainder_first: bool,
    rounding: Rounding,
}

fn limits() -> impl Strategy<Value = Limits> {
    (
        prop::option::weighted(0.3, (0u32..=4, any::<bool>())),
        prop::option::weighted(0.1, 1i64..=1000),
        prop::option::weighted(0.15, 1u32..=600),
        prop::option::weighted(0.15, 1u32..=240),
        prop::bool::weighted(0.2),
        prop::sample::select(vec![
            Rounding::HalfUp,
            Rounding::HalfEven,
            Rounding::Down,
            Rounding::Up,
        ]),
    )
        .prop_map(
            |(
                step_exponent,
                minimum_per_mille,
                max_instalments,
                max_duration_months,
                remainder_first,
                rounding,
            )| Limits {
                step_exponent,
                minimum_per_mille,
                max_instalments,
                max_duration_months,
                remainder_first,
                rounding,
            },
        )
}

prop_compose! {
    pub(crate) fn plan_request()(
        currency in currency(),
        principal in minor_units(1_000_000_000),
        second_claim in prop::option::weighted(0.2, minor_units(1_000_000)),
        fee in prop::option::weighted(0.3, 1i64..=20_000),
        first_due in first_due(),
        frequency in frequency(),
        sizing in sizing_seed(),
        interest in interest(),
        down in down_seed(),
        down_days_before in 1u64..=90,
        (rule, calendar) in business_days(),
        limits in limits(),
    ) -> PlanRequest {
        let mut debt = Debt::single(Claim::new("F-1", money(principal, currency)).unwrap());
        if let Some(minor) = second_claim {
            debt = debt.with_claim(Claim::new("F-2", money(minor, currency)).unwrap()).unwrap();
        }
        if let Some(minor) = fee {
            debt = debt.with_fee(Fee::new("frais", money(minor, currency)).unwrap()).unwrap();
        }
        let total = debt.total().unwrap().to_minor().unwrap();
        let per_period = |divisor: i64, extra: i64| money(total / divisor + 1 + extra, currency);
        let sizing = match sizing {
            SizingSeed::Count(n) => Sizing::Count(n),
            SizingSeed::Amount { divisor, extra } => Sizing::Amount(per_period(divisor, extra)),
            SizingSeed::Capacity { divisor, extra, shape } => Sizing::Capacity {
                capacity: per_period(divisor, extra),
                shape,
            },
            SizingSeed::EndDate { days } => {
                Sizing::EndDate(first_due.checked_add_days(Days::new(days)).unwrap())
            }
        };
        let mut request = PlanRequest::new(debt, first_due, frequency, sizing)
            .interest(interest)
            .business_days(rule, calendar)
            .rounding(limits.rounding);
        let down_date = first_due.checked_sub_days(Days::new(down_days_before)).unwrap();
        match down {
            DownSeed::None => {}
            DownSeed::Amount(per_mille) => {
                let amount = money((total * per_mille / 1000).max(1), currency);
                request = request.down_payment(DownPayment::amount(amount, down_date));
            }
            DownSeed::Percent(hundredths) => {
                request = request
                    .down_payment(DownPayment::percent(Decimal::new(hundredths, 2), down_date));
            }
        }
        if let Some((exponent, half)) = limits.step_exponent {
            let minor = 10i64.pow(exponent) * if half { 5 } else { 1 };
            request = request.step(money(minor, currency));
        }
        if let Some(per_mille) = limits.minimum_per_mille {
            request = request.minimum_instalment(money((total * per_mille / 100_000).max(1), currency));
        }
        if let Some(n) = limits.max_instalments {
            request = request.max_instalments(n);
        }
        if let Some(months) = limits.max_duration_months {
            request = request.max_duration_months(months);
        }
        if limits.remainder_first {
            request = request.remainder(Remainder::First);
        }
        request
    }
}

fn config() -> ProptestConfig {
    // `ProptestConfig::default()` reads `PROPTEST_CASES` from the environment.
    ProptestConfig::default()
}

// ---------------------------------------------------------------------------------------------
// Generating, and the invariants of a schedule

/// True for the errors a well-formed but impossible request gets.
fn is_impossible_request(err: &Error) -> bool {
    matches!(
        err,
        Error::CapacityTooLow { .. }
            | Error::BelowPeriodicInterest { .. }
            | Error::BelowMinimumInstalment { .. }
            | Error::Unsplittable { .. }
            | Error::DownPaymentTooLarge { .. }
            | Error::DateOrder { .. }
            | Error::DatesNotIncreasing { .. }
            | Error::Unsupported { .. }
            | Error::NoDueDateWithin { .. }
            | Error::EndDateBeyondLimit { .. }
            | Error::InvalidCount { .. }
            // A capacity or a percentage that is nothing once rounded to the step or the minor unit.
            | Error::NotPositive { .. }
    )
}

/// The schedule, `None` for an impossible request, or a failure for any other error.
fn generate(request: &PlanRequest) -> Result<Option<Schedule>, TestCaseError> {
    match request.generate() {
        Ok(schedule) => Ok(Some(schedule)),
        Err(err) if is_impossible_request(&err) => Ok(None),
        Err(err) => Err(TestCaseError::fail(format!("unexpected error: {err:?}"))),
    }
}

fn sum(currency: Currency, parts: impl Iterator<Item = Money>) -> Money {
    Money::sum(currency, parts).unwrap()
}

/// Invariant 1: instalments add up to what they repay, claims and fees, plus the interest.
fn check_sums(schedule: &Schedule, debt: Option<&Debt>) -> Result<(), TestCaseError> {
    let c = schedule.currency();
    let rows = schedule.instalments();
    for i in rows {
        let parts = i
            .principal()
            .checked_add(i.interest())
            .and_then(|x| x.checked_add(i.fees()));
        prop_assert_eq!(parts, Ok(i.amount()), "parts of instalment {}", i.number());
    }
    let amount = sum(c, rows.iter().map(|i| i.amount()));
    let principal = sum(c, rows.iter().map(|i| i.principal()));
    let interest = sum(c, rows.iter().map(|i| i.interest()));
    let fees = sum(c, rows.iter().map(|i| i.fees()));
    let totals = schedule.totals();
    prop_assert_eq!(totals.amount(), amount);
    prop_assert_eq!(totals.principal(), principal);
    prop_assert_eq!(totals.interest(), interest);
    prop_assert_eq!(totals.fees(), fees);
    let repaid = principal.checked_add(fees).unwrap();
    prop_assert_eq!(schedule.derivation().total_due(), repaid, "total due");
    if let Some(debt) = debt {
        prop_assert_eq!(principal, debt.principal().unwrap());
        prop_assert_eq!(fees, debt.fees().unwrap());
    }
    Ok(())
}

/// Invariant 2: whole minor units of the schedule's currency, no negative part, no zero instalment.
fn check_amounts(schedule: &Schedule) -> Result<(), TestCaseError> {
    let c = schedule.currency();
    let whole = |m: Money| -> Result<(), TestCaseError> {
        prop_assert_eq!(m.currency(), c);
        prop_assert_eq!(
            m.amount().scale(),
            c.minor_units(),
            "{} at the wrong scale",
            m
        );
        prop_assert_eq!(Money::new(m.amount(), c), Ok(m));
        Ok(())
    };
    for i in schedule.instalments() {
        for part in [
            i.amount(),
            i.principal(),
            i.interest(),
            i.fees(),
            i.balance_after(),
        ] {
            whole(part)?;
            prop_assert!(!part.is_negative(), "instalment {}: {}", i.number(), part);
        }
        prop_assert!(
            i.amount().is_positive(),
            "instalment {} is zero",
            i.number()
        );
    }
    let t = schedule.totals();
    for part in [t.amount(), t.principal(), t.interest(), t.fees()] {
        whole(part)?;
    }
    let why = schedule.derivation();
    for part in [
        why.total_due(),
        why.financed(),
        why.regular_amount(),
        why.step(),
    ] {
        whole(part)?;
    }
    for part in [why.down_payment(), why.remainder_amount()]
        .into_iter()
        .flatten()
    {
        whole(part)?;
    }
    Ok(())
}

/// Invariant 3, first half: due dates strictly increase, the down payment first, numbers in order.
fn check_dates(schedule: &Schedule) -> Result<(), TestCaseError> {
    let rows = schedule.instalments();
    prop_assert!(!rows.is_empty());
    for pair in rows.windows(2) {
        prop_assert!(
            pair[0].due_date() < pair[1].due_date(),
            "{} then {}",
            pair[0].due_date(),
            pair[1].due_date()
        );
    }
    let regular: Vec<u32> = rows
        .iter()
        .filter(|i| i.kind() == InstalmentKind::Regular)
        .map(|i| i.number())
        .collect();
    prop_assert_eq!(
        regular.clone(),
        (1..=regular.len() as u32).collect::<Vec<_>>()
    );
    prop_assert_eq!(schedule.derivation().count() as usize, regular.len());
    for (index, i) in rows.iter().enumerate() {
        if i.kind() == InstalmentKind::DownPayment {
            prop_assert_eq!(index, 0);
            prop_assert_eq!(i.number(), 0);
            prop_assert!(i.interest().is_zero());
        }
    }
    Ok(())
}

/// Invariant 3, second half: the balance falls by each instalment's principal and fees, stays above
/// zero until the last instalment, and is exactly zero after it.
fn check_balance(schedule: &Schedule) -> Result<(), TestCaseError> {
    let rows = schedule.instalments();
    let mut balance = schedule.derivation().total_due();
    for (index, i) in rows.iter().enumerate() {
        balance = balance
            .checked_sub(i.principal())
            .and_then(|b| b.checked_sub(i.fees()))
            .unwrap();
        prop_assert_eq!(
            i.balance_after(),
            balance,
            "after instalment {}",
            i.number()
        );
        if index + 1 < rows.len() {
            prop_assert!(balance.is_positive(), "repaid before the end");
        }
    }
    prop_assert!(
        balance.is_zero(),
        "balance after the last instalment: {}",
        balance
    );
    Ok(())
}

fn check_all(schedule: &Schedule, debt: Option<&Debt>) -> Result<(), TestCaseError> {
    check_sums(schedule, debt)?;
    check_amounts(schedule)?;
    check_dates(schedule)?;
    check_balance(schedule)
}

/// The capacity a plan sized by capacity uses: the capacity rounded down to the step.
fn usable(capacity: Money, step: Money) -> Money {
    let units = (capacity.amount() / step.amount()).floor();
    Money::new(units * step.amount(), capacity.currency()).unwrap()
}

fn regular_amounts(schedule: &Schedule) -> impl Iterator<Item = Money> + '_ {
    schedule
        .instalments()
        .iter()
        .filter(|i| i.kind() == InstalmentKind::Regular)
        .map(|i| i.amount())
}

/// A field of the request, read through its JSON form (the request has no getters for its terms).
fn field<T: serde::de::DeserializeOwned>(request: &PlanRequest, name: &str) -> T {
    let json = serde_json::to_value(request).unwrap();
    serde_json::from_value(json[name].clone()).unwrap()
}

/// The request with one field replaced, through its JSON form.
fn with_field(request: &PlanRequest, name: &str, value: serde_json::Value) -> PlanRequest {
    let mut json = serde_json::to_value(request).unwrap();
    json[name] = value;
    serde_json::from_value(json).unwrap()
}

fn round_trips<T>(value: &T) -> Result<(), TestCaseError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + core::fmt::Debug,
{
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json)
        .map_err(|e| TestCaseError::fail(format!("{json} does not read back: {e}")))?;
    prop_assert_eq!(&back, value, "{}", json);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Mutations of a schedule's JSON

#[derive(Debug, Clone)]
enum Mutation {
    /// Change the `index`-th leaf (in document order).
    Leaf {
        index: usize,
        how: LeafChange,
    },
    RemoveInstalment(usize),
    DuplicateInstalment(usize),
    SwapInstalments(usize, usize),
}

#[derive(Debug, Clone, Copy)]
enum LeafChange {
    /// A number (as text or JSON) plus this many units of its last digit.
    Add(i64),
    Negate,
    Zero,
    /// Another currency, another kind, another date.
    Replace(usize),
    /// One more digit.
    ExtraDigit,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let how = prop_oneof![
        (-3i64..=3)
            .prop_filter("a change", |n| *n != 0)
            .prop_map(LeafChange::Add),
        Just(LeafChange::Negate),
        Just(LeafChange::Zero),
        (0usize..8).prop_map(LeafChange::Replace),
        Just(LeafChange::ExtraDigit),
    ];
    prop_oneof![
        6 => (any::<usize>(), how).prop_map(|(index, how)| Mutation::Leaf { index, how }),
        1 => any::<usize>().prop_map(Mutation::RemoveInstalment),
        1 => any::<usize>().prop_map(Mutation::DuplicateInstalment),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapInstalments(a, b)),
    ]
}

fn leaves(value: &mut serde_json::Value) -> Vec<&mut serde_json::Value> {
    match value {
        serde_json::Value::Object(map) => map.values_mut().flat_map(leaves).collect(),
        serde_json::Value::Array(items) => items.iter_mut().flat_map(leaves).collect(),
        leaf => vec![leaf],
    }
}

const REPLACEMENTS: [&str; 8] = [
    "USD",
    "EUR:3",
    "regular",
    "down_payment",
    "1970-01-01",
    "9999-12-31",
    "monthly",
    "-0.00",
];

fn change_leaf(leaf: &mut serde_json::Value, how: LeafChange) {
    use serde_json::Value;
    let text = match leaf {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return,
    };
    let new_text = match how {
        LeafChange::Replace(i) => REPLACEMENTS[i % REPLACEMENTS.len()].to_owned(),
        LeafChange::Zero => "0".to_owned(),
        LeafChange::Negate => format!("-{text}"),
        LeafChange::ExtraDigit => format!("{text}1"),
        LeafChange::Add(n) => match (
            text.parse::<Decimal>(),
            NaiveDate::parse_from_str(&text, "%Y-%m-%d"),
        ) {
            (Ok(number), _) => {
                let unit = Decimal::new(1, number.scale());
                (number + unit * Decimal::from(n)).to_string()
            }
            (_, Ok(date)) => (date + chrono::Duration::days(n)).to_string(),
            _ => return,
        },
    };
    *leaf = match leaf {
        Value::Number(_) => new_text
            .parse::<serde_json::Number>()
            .map(Value::Number)
            .unwrap_or(Value::String(new_text)),
        _ => Value::String(new_text),
    };
}

fn mutate(json: &mut serde_json::Value, mutation: &Mutation) {
    match mutation {
        Mutation::Leaf { index, how } => {
            let mut all = leaves(json);
            let n = all.len();
            change_leaf(&mut *all[index % n], *how);
        }
        Mutation::RemoveInstalment(i) => {
            let rows = json["instalments"].as_array_mut().unwrap();
            // An earlier mutation may already have removed every row.
            if !rows.is_empty() {
                let n = rows.len();
                rows.remove(i % n);
            }
        }
        Mutation::DuplicateInstalment(i) => {
            let rows = json["instalments"].as_array_mut().unwrap();
            if rows.is_empty() {
                return;
            }
            let row = rows[i % rows.len()].clone();
            rows.insert(i % rows.len(), row);
        }
        Mutation::SwapInstalments(a, b) => {
            let rows = json["instalments"].as_array_mut().unwrap();
            if rows.is_empty() {
                return;
            }
            let n = rows.len();
            rows.swap(a % n, b % n);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The properties

proptest! {
    #![proptest_config(config())]

    /// Invariant 1.
    #[test]
    fn instalments_sum_to_total(request in plan_request()) {
        if let Some(schedule) = generate(&request)? {
            check_sums(&schedule, Some(request.debt()))?;
        }
    }

    /// Invariant 2.
    #[test]
    fn amounts_are_whole_minor_units_and_positive(request in plan_request()) {
        if let Some(schedule) = generate(&request)? {
            check_amounts(&schedule)?;
            prop_assert_eq!(schedule.currency(), request.debt().currency());
        }
    }

    /// Invariant 3, dates.
    #[test]
    fn due_dates_strictly_increase(request in plan_request()) {
        if let Some(schedule) = generate(&request)? {
            check_dates(&schedule)?;
        }
    }

    /// Invariant 3, balance.
    #[test]
    fn balance_ends_at_zero(request in plan_request()) {
        if let Some(schedule) = generate(&request)? {
            check_balance(&schedule)?;
        }
    }

    /// Invariant 4, first half: no instalment asks more than the capacity (the down payment aside).
    #[test]
    fn capacity_never_exceeded(request in plan_request()) {
        let Some(schedule) = generate(&request)? else { return Ok(()) };
        if let Sizing::Capacity { capacity, .. } = schedule.derivation().sizing() {
            for amount in regular_amounts(&schedule) {
                prop_assert!(amount <= capacity, "{} above the capacity {}", amount, capacity);
            }
        }
    }

    /// Invariant 4, second half: one instalment fewer would ask more than the capacity. For level
    /// shapes, paying the usable capacity (rounded down to the step) every period for one period
    /// fewer leaves a balance; for equal-principal plans, the plan of one instalment fewer has an
    /// instalment above it (or cannot be made at all).
    #[test]
    fn one_instalment_fewer_exceeds_capacity(request in plan_request()) {
        let Some(schedule) = generate(&request)? else { return Ok(()) };
        let why = schedule.derivation();
        let Sizing::Capacity { capacity, .. } = why.sizing() else { return Ok(()) };
        let n = why.count();
        if n <= 1 {
            return Ok(());
        }
        let usable = usable(capacity, why.step());
        match why.interest() {
            Interest::EqualPrincipal(_) => {
                let fewer = with_field(&request, "sizing", serde_json::json!({ "count": n - 1 }));
                if let Some(shorter) = generate(&fewer)? {
                    prop_assert!(
                        regular_amounts(&shorter).any(|a| a > usable),
                        "{} instalments would fit {}", n - 1, usable
                    );
                }
            }
            interest => {
                let rate = interest.rate().unwrap_or(AnnualRate::ZERO).periodic(why.frequency());
                let rounding: Rounding = field(&request, "rounding");
                let mut balance = why.financed();
                for k in 1..n {
                    let interest = rate.interest_on(balance, rounding).unwrap();
                    let due = balance.checked_add(interest).unwrap();
                    prop_assert!(usable < due, "{} of {} repays by instalment {}", usable, why.financed(), k);
                    balance = due.checked_sub(usable).unwrap();
                }
            }
        }
    }

    /// Invariant 9, first half: JSON gives back an equal value.
    #[test]
    fn serde_round_trip(request in plan_request()) {
        round_trips(&request)?;
        round_trips(request.debt())?;
        round_trips(&request.debt().total().unwrap())?;
        let frequency: Frequency = field(&request, "frequency");
        round_trips(&frequency)?;
        prop_assert_eq!(frequency.to_string().parse::<Frequency>(), Ok(frequency));
        let interest: Interest = field(&request, "interest");
        if let Some(rate) = interest.rate() {
            round_trips(&rate)?;
            prop_assert_eq!(rate.to_string().parse::<AnnualRate>(), Ok(rate));
        }
        if let Some(schedule) = generate(&request)? {
            round_trips(&schedule)?;
            for i in schedule.instalments() {
                round_trips(&i.amount())?;
                prop_assert_eq!(i.amount().to_string().parse::<Money>(), Ok(i.amount()));
            }
        }
    }

    /// Invariant 9, second half: a schedule read from JSON that was tampered with is either refused
    /// or still a valid schedule.
    #[test]
    fn deserialising_never_builds_invalid_schedule(
        request in plan_request(),
        mutations in prop::collection::vec(mutation(), 1..=3),
    ) {
        let Some(schedule) = generate(&request)? else { return Ok(()) };
        let mut json = serde_json::to_value(&schedule).unwrap();
        for m in &mutations {
            mutate(&mut json, m);
        }
        if let Ok(read) = serde_json::from_value::<Schedule>(json) {
            check_all(&read, None)?;
        }
    }

    /// Invariant 10: the same request gives the same schedule, also after a trip through JSON.
    #[test]
    fn generation_is_deterministic(request in plan_request()) {
        let first = request.generate();
        let again = request.clone().generate();
        prop_assert_eq!(&first, &again);
        let read: PlanRequest = serde_json::from_str(&serde_json::to_string(&request).unwrap()).unwrap();
        prop_assert_eq!(&read.generate(), &first);
        if let Ok(schedule) = first {
            check_all(&schedule, Some(request.debt()))?;
            prop_assert_eq!(
                serde_json::to_string(&schedule).unwrap(),
                serde_json::to_string(&again.unwrap()).unwrap()
            );
        }
    }
}

/// Found by the properties: over very many long periods at a high rate, `(1 + r)^n` fits in a
/// `Decimal` but `P·r·(1 + r)^n` does not, although the payment (a hair above `P·r`) does. Such a
/// request was refused with "arithmetic overflow while computing the annuity payment", while the
/// same request with fewer instalments, or with more (where `(1 + r)^n` itself is out of range), was
/// refused for what it is: no payment in cents both covers the interest and repays the debt in
/// exactly that many instalments.
#[test]
fn regression_annuity_payment_with_a_large_growth_factor() {
    for count in [400, 450, 480, 500, 600] {
        // 30 % a year, half-yearly: 15 % a period; 10,000.00 × 15 % = 1,500.00 of interest, and the
        // exact payment is 1,500.00 plus less than 10^-20.
        let result = PlanRequest::new(
            crate::debt("10000.00 EUR"),
            crate::d(2027, 6, 30),
            Frequency::HALF_YEARLY,
            Sizing::Count(count),
        )
        .interest(Interest::Annuity("30%".parse().unwrap()))
        .generate();
        assert_eq!(
            result,
            Err(Error::BelowPeriodicInterest {
                amount: crate::m("1500.00 EUR"),
                interest: crate::m("1500.00 EUR"),
            }),
            "{count} instalments"
        );
    }
}

/// Found by the properties: a schedule read from JSON was checked instalment by instalment, but its
/// derivation was taken as it came, so a schedule could explain "3536430911 JPY to repay" over
/// instalments that repay 353643091 JPY, or carry amounts in another currency, values that
/// generation never builds.
#[test]
fn regression_deserialised_derivation_must_match_the_instalments() {
    let plan = PlanRequest::new(
        crate::debt("1000.00 EUR"),
        crate::d(2027, 2, 1),
        Frequency::MONTHLY,
        Sizing::Count(4),
    )
    .down_payment(DownPayment::amount(
        crate::m("200.00 EUR"),
        crate::d(2027, 1, 1),
    ))
    .generate()
    .unwrap();
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(
        serde_json::from_value::<Schedule>(json.clone()).unwrap(),
        plan
    );
    let tampered = [
        ("total_due", "amount", "10000.00"),
        ("total_due", "currency", "USD"),
        ("financed", "amount", "900.00"),
        ("down_payment", "amount", "300.00"),
        ("regular_amount", "currency", "USD"),
        ("step", "currency", "JPY"),
    ];
    for (field, part, value) in tampered {
        let mut json = json.clone();
        json["derivation"][field][part] = value.into();
        let read = serde_json::from_value::<Schedule>(json);
        assert!(
            read.is_err(),
            "derivation.{field}.{part} = {value} was accepted"
        );
    }
    let mut json = json.clone();
    json["derivation"]["down_payment"] = serde_json::Value::Null;
    assert!(serde_json::from_value::<Schedule>(json).is_err());
}
