//! Capacity: hand-computed budgets mixing weekly, monthly, quarterly and yearly lines, the French
//! wage-seizure scale against its published figures, explanations in both languages, and the
//! invariants of the capacity rule checked with proptest.

use echeancier::{
    Budget, BudgetLine, Capacity, CapacityLineKind, CapacityPolicy, Category, Commitment, Currency,
    Frequency, Household, Language, LimitingFactor, LineDetail, Money, ProtectedMinimum,
    SeizureScale,
};
use proptest::prelude::*;

use crate::m;

fn line(label: &str, category: Category, amount: &str, frequency: Frequency) -> BudgetLine {
    BudgetLine::new(label, category, m(amount), frequency).unwrap()
}

fn amounts_of(capacity: &Capacity, kind: CapacityLineKind) -> Vec<String> {
    capacity
        .breakdown()
        .iter()
        .filter(|l| l.kind() == kind)
        .map(|l| l.amount().to_string())
        .collect()
}

/// A monthly plan for a salaried parent of two with a side job, benefits, a yearly bonus, and every
/// rule of the policy; the wage-seizure scale binds.
fn salaried_parent() -> (Budget, CapacityPolicy) {
    let budget = Budget::new(Currency::EUR)
        .with_line(line(
            "net salary",
            Category::Salary,
            "1650.00 EUR",
            Frequency::MONTHLY,
        ))
        .unwrap()
        .with_line(line(
            "evening job",
            Category::Salary,
            "120.00 EUR",
            Frequency::WEEKLY,
        ))
        .unwrap()
        .with_line(line(
            "family allowance",
            Category::Benefits,
            "900.00 EUR",
            Frequency::QUARTERLY,
        ))
        .unwrap()
        .with_line(line(
            "bonus",
            Category::OtherIncome,
            "1500.00 EUR",
            Frequency::YEARLY,
        ))
        .unwrap()
        .with_line(line(
            "rent",
            Category::Rent,
            "700.00 EUR",
            Frequency::MONTHLY,
        ))
        .unwrap()
        .with_line(line(
            "groceries",
            Category::Food,
            "85.00 EUR",
            Frequency::WEEKLY,
        ))
        .unwrap()
        .with_line(line(
            "electricity",
            Category::Energy,
            "1140.00 EUR",
            Frequency::YEARLY,
        ))
        .unwrap()
        .with_line(line(
            "insurance",
            Category::Insurance,
            "300.00 EUR",
            Frequency::QUARTERLY,
        ))
        .unwrap()
        .with_line(line(
            "bus pass",
            Category::Transport,
            "17.50 EUR",
            Frequency::WEEKLY,
        ))
        .unwrap()
        .with_commitment(
            Commitment::new(
                "energy arrears plan",
                m("25.00 EUR"),
                Frequency::EVERY_2_WEEKS,
            )
            .unwrap(),
        )
        .unwrap()
        .with_household(Household::new(1, 2).unwrap());
    let policy = CapacityPolicy::new()
        .max_share("35%".parse().unwrap())
        .protected_minimum(ProtectedMinimum::fixed(m("750.00 EUR")).unwrap())
        .seizure_ceiling(SeizureScale::france(2025).unwrap());
    (budget, policy)
}

#[test]
fn mixed_frequencies_per_month_with_the_seizure_scale_binding() {
    let (budget, policy) = salaried_parent();
    let capacity = budget.capacity(&policy, Frequency::MONTHLY).unwrap();
    // Incomes: 1650.00; 120 × 52 / 12 = 520.00; 900 / 3 = 300.00; 1500 / 12 = 125.00 → 2595.00.
    assert_eq!(
        amounts_of(&capacity, CapacityLineKind::Income),
        ["1650.00 EUR", "520.00 EUR", "300.00 EUR", "125.00 EUR"]
    );
    assert_eq!(capacity.income(), m("2595.00 EUR"));
    // Expenses: 700.00; 85 × 52 / 12 = 368.333… → 368.33; 1140 / 12 = 95.00; 300 / 3 = 100.00;
    // 17.50 × 52 / 12 = 75.833… → 75.83 → 1339.16.
    assert_eq!(
        amounts_of(&capacity, CapacityLineKind::Expense),
        [
            "700.00 EUR",
            "368.33 EUR",
            "95.00 EUR",
            "100.00 EUR",
            "75.83 EUR"
        ]
    );
    assert_eq!(capacity.expenses(), m("1339.16 EUR"));
    // 2595.00 − 1339.16
    assert_eq!(capacity.disposable(), m("1255.84 EUR"));
    // Share: 35 % × 1255.84 = 439.544 → 439.54 (down).
    assert_eq!(
        amounts_of(&capacity, CapacityLineKind::ShareLimit),
        ["439.54 EUR"]
    );
    // Protected minimum: 1255.84 − 750.00.
    assert_eq!(
        amounts_of(&capacity, CapacityLineKind::ProtectedMinimum),
        ["505.84 EUR"]
    );
    // Seizure, 2025 scale, 2 dependants (bounds + 2 × 1720 = 3440): annual salaries
    // 1650 × 12 + 120 × 52 = 26040; 7880/20 + 4220/10 + 4230/5 + 4200/4 + 4210/3 + 1300 × 2/3
    // = 394 + 422 + 846 + 1050 + 1403.33… + 866.66… = 4982; / 12 = 415.166… → 415.16 (down).
    assert_eq!(
        amounts_of(&capacity, CapacityLineKind::SeizureCeiling),
        ["415.16 EUR"]
    );
    // Commitment: 25 × 52 / 2 / 12 = 54.166… → 54.17; 415.16 − 54.17 = 360.99.
    assert_eq!(
        amounts_of(&capacity, CapacityLineKind::Commitment),
        ["54.17 EUR"]
    );
    assert_eq!(capacity.amount(), m("360.99 EUR"));
    assert_eq!(capacity.limiting_factor(), LimitingFactor::SeizureCeiling);
    let binding: Vec<_> = capacity
        .breakdown()
        .iter()
        .filter(|l| l.is_binding())
        .map(|l| l.kind())
        .collect();
    assert_eq!(binding, [CapacityLineKind::SeizureCeiling]);
}

#[test]
fn weekly_plan_with_a_household_scale_binding() {
    let budget = Budget::new(Currency::EUR)
        .with_line(line(
            "salary",
            Category::Salary,
            "2600.00 EUR",
            Frequency::MONTHLY,
        ))
        .unwrap()
        .with_line(line(
            "rent",
            Category::Rent,
            "780.00 EUR",
            Frequency::MONTHLY,
        ))
        .unwrap()
        .with_line(line("food", Category::Food, "70.00 EUR", Frequency::WEEKLY))
        .unwrap()
        .with_line(line(
            "local tax",
            Category::Taxes,
            "1040.00 EUR",
            Frequency::YEARLY,
        ))
        .unwrap()
        .with_household(Household::new(2, 1).unwrap());
    let minimum =
        ProtectedMinimum::per_household(m("600.00 EUR"), m("300.00 EUR"), m("180.00 EUR")).unwrap();
    let policy = CapacityPolicy::new()
        .max_share("50%".parse().unwrap())
        .protected_minimum(minimum);
    let capacity = budget.capacity(&policy, Frequency::WEEKLY).unwrap();
    // Per week: 2600 × 12 / 52 = 600.00; 780 × 12 / 52 = 180.00; 70.00; 1040 / 52 = 20.00.
    assert_eq!(capacity.income(), m("600.00 EUR"));
    assert_eq!(capacity.expenses(), m("270.00 EUR"));
    assert_eq!(capacity.disposable(), m("330.00 EUR"));
    // Share: 165.00. Minimum: 600 + 300 + 180 = 1080 a month, × 12 / 52 = 249.230… → 249.24 (up),
    // so 330.00 − 249.24 = 80.76.
    assert_eq!(
        amounts_of(&capacity, CapacityLineKind::ShareLimit),
        ["165.00 EUR"]
    );
    let minimum_line = capacity
        .breakdown()
        .iter()
        .find(|l| l.kind() == CapacityLineKind::ProtectedMinimum)
        .unwrap();
    assert!(matches!(
        minimum_line.detail(),
        LineDetail::ProtectedMinimum { minimum, .. } if minimum == m("249.24 EUR")
    ));
    assert_eq!(capacity.amount(), m("80.76 EUR"));
    assert_eq!(capacity.limiting_factor(), LimitingFactor::ProtectedMinimum);
    assert_eq!(capacity.period(), Frequency::WEEKLY);
}

#[test]
fn zero_capacity_says_why() {
    let over_budget = Budget::new(Currency::EUR)
        .with_line(line(
            "benefits",
            Category::Benefits,
            "950.00 EUR",
            Frequency::MONTHLY,
        ))
        .unwrap()
        .with_line(line(
            "rent",
            Category::Rent,
            "700.00 EUR",
            Frequency::MONTHLY,
        ))
        .unwrap()
        .with_line(line("food", Category::Food, "80.00 EUR", Frequency::WEEKLY))
        .unwrap();
    // 950.00 − (700.00 + 346.67) = −96.67
    let capacity = over_budget
        .capacity(&CapacityPolicy::new(), Frequency::MONTHLY)
        .unwrap();
    assert_eq!(capacity.disposable(), m("-96.67 EUR"));
    assert!(capacity.amount().is_zero());
    assert!(!capacity.is_affordable());
    assert_eq!(capacity.limiting_factor(), LimitingFactor::DisposableIncome);
    assert!(capacity.explain(Language::English).ends_with(
        "No plan is affordable now: expenses (1,046.67 EUR) take all of the income (950.00 EUR)."
    ));
    assert!(capacity.explain(Language::French).ends_with(
        "Aucun échéancier n'est supportable aujourd'hui : les dépenses (1 046,67 EUR) absorbent tout le revenu (950,00 EUR)."
    ));

    // 500.00 left, at most 20 % = 100.00, but 120.00 already goes to another plan.
    let committed = Budget::new(Currency::EUR)
        .with_line(line(
            "pension",
            Category::Pension,
            "1300.00 EUR",
            Frequency::MONTHLY,
        ))
        .unwrap()
        .with_line(line(
            "rent",
            Category::Rent,
            "800.00 EUR",
            Frequency::MONTHLY,
        ))
        .unwrap()
        .with_commitment(Commitment::new("tax plan", m("120.00 EUR"), Frequency::MONTHLY).unwrap())
        .unwrap();
    let policy = CapacityPolicy::new().max_share("20%".parse().unwrap());
    let capacity = committed.capacity(&policy, Frequency::MONTHLY).unwrap();
    assert!(capacity.amount().is_zero());
    assert_eq!(capacity.limiting_factor(), LimitingFactor::Commitments);
    assert!(capacity
        .explain(Language::English)
        .contains("the plans already being paid (120.00 EUR per month) use all of the "));

    // The protected minimum takes everything.
    let policy = CapacityPolicy::new()
        .protected_minimum(ProtectedMinimum::france_rsa_one_person_2025().unwrap());
    let capacity = committed.capacity(&policy, Frequency::MONTHLY).unwrap();
    assert_eq!(capacity.limiting_factor(), LimitingFactor::ProtectedMinimum);
    assert!(capacity.explain(Language::English).contains(
        "the protected minimum (646.52 EUR) takes all of the disposable income (500.00 EUR)"
    ));
}

#[test]
fn explanation_in_both_languages() {
    let (budget, policy) = salaried_parent();
    let capacity = budget.capacity(&policy, Frequency::MONTHLY).unwrap();
    let english = capacity.explain(Language::English);
    assert_eq!(
        english,
        "Capacity: 360.99 EUR per month.\n\
         Income per month: 2,595.00 EUR.\n\
         \x20 - net salary (salary): 1,650.00 EUR\n\
         \x20 - evening job (salary): 120.00 EUR per week = 520.00 EUR\n\
         \x20 - family allowance (benefits): 900.00 EUR per quarter = 300.00 EUR\n\
         \x20 - bonus (other income): 1,500.00 EUR per year = 125.00 EUR\n\
         Expenses per month: 1,339.16 EUR.\n\
         \x20 - rent (rent): 700.00 EUR\n\
         \x20 - groceries (food): 85.00 EUR per week = 368.33 EUR\n\
         \x20 - electricity (energy): 1,140.00 EUR per year = 95.00 EUR\n\
         \x20 - insurance (insurance): 300.00 EUR per quarter = 100.00 EUR\n\
         \x20 - bus pass (transport): 17.50 EUR per week = 75.83 EUR\n\
         Disposable income: 2,595.00 EUR − 1,339.16 EUR = 1,255.84 EUR per month.\n\
         Limits per month (the smallest one applies):\n\
         \x20 - the disposable income: 1,255.84 EUR\n\
         \x20 - at most 35% of the disposable income: 439.54 EUR\n\
         \x20 - the disposable income less the protected minimum of 750.00 EUR (household of 1 adult and 2 children): 505.84 EUR\n\
         \x20 - the 2025 French wage-seizure scale on salaries and pensions of 2,170.00 EUR, with 2 dependants: 415.16 EUR (applies)\n\
         Plans already being paid: 54.17 EUR per month.\n\
         \x20 - energy arrears plan: 25.00 EUR per 2 weeks = 54.17 EUR\n\
         Capacity: 415.16 EUR − 54.17 EUR = 360.99 EUR per month, set by the wage-seizure scale."
    );
    assert_eq!(capacity.to_string(), english);
    let french = capacity.explain(Language::French);
    assert_eq!(
        french,
        "Capacité de remboursement : 360,99 EUR par mois.\n\
         Revenus par mois : 2 595,00 EUR.\n\
         \x20 - net salary (salaire) : 1 650,00 EUR\n\
         \x20 - evening job (salaire) : 120,00 EUR par semaine = 520,00 EUR\n\
         \x20 - family allowance (prestations sociales) : 900,00 EUR par trimestre = 300,00 EUR\n\
         \x20 - bonus (autre revenu) : 1 500,00 EUR par an = 125,00 EUR\n\
         Dépenses par mois : 1 339,16 EUR.\n\
         \x20 - rent (loyer) : 700,00 EUR\n\
         \x20 - groceries (alimentation) : 85,00 EUR par semaine = 368,33 EUR\n\
         \x20 - electricity (énergie) : 1 140,00 EUR par an = 95,00 EUR\n\
         \x20 - insurance (assurances) : 300,00 EUR par trimestre = 100,00 EUR\n\
         \x20 - bus pass (transport) : 17,50 EUR par semaine = 75,83 EUR\n\
         Revenu disponible : 2 595,00 EUR − 1 339,16 EUR = 1 255,84 EUR par mois.\n\
         Limites par mois (la plus basse s'applique) :\n\
         \x20 - le revenu disponible : 1 255,84 EUR\n\
         \x20 - au plus 35 % du revenu disponible : 439,54 EUR\n\
         \x20 - le revenu disponible moins le reste à vivre de 750,00 EUR (foyer de 1 adulte et 2 enfants) : 505,84 EUR\n\
         \x20 - le barème des saisies sur rémunérations 2025 appliqué à 2 170,00 EUR de salaires et pensions, avec 2 personnes à charge : 415,16 EUR (retenue)\n\
         Échéanciers déjà en cours : 54,17 EUR par mois.\n\
         \x20 - energy arrears plan : 25,00 EUR par période de 2 semaines = 54,17 EUR\n\
         Capacité : 415,16 EUR − 54,17 EUR = 360,99 EUR par mois, fixée par le barème des saisies sur rémunérations."
    );
}

/// Cumulative monthly seizable amounts at each band's upper bound, 2024, no dependant, as published:
/// 4370/20 = 218.50 → 18.21; +4150/10 → 633.50 → 52.79; +4170/5 → 1467.50 → 122.29;
/// +4130/4 → 2500 → 208.33; +4150/3 → 3883.33… → 323.61; +4230 × 2/3 → 6703.33… → 558.61.
#[test]
fn seizure_scale_2024_matches_published_figures() {
    let scale = SeizureScale::france(2024).unwrap();
    let published = ["18.21", "52.79", "122.29", "208.33", "323.61", "558.61"];
    for (bound, figure) in scale.bounds().into_iter().zip(published) {
        let seizable = scale.seizable_annual(bound, 0).unwrap();
        assert_eq!(
            seizable.monthly(),
            m(&format!("{figure} EUR")),
            "at {bound}"
        );
    }
    // Monthly income: 1,500.00 a month, one dependant (bounds + 1690): 18000 a year;
    // 6060/20 + 4150/10 + 4170/5 + 3620/4 = 303 + 415 + 834 + 905 = 2457 → 204.75 a month.
    assert_eq!(
        scale.seizable_monthly(m("1500.00 EUR"), 1).unwrap(),
        m("204.75 EUR")
    );
}

#[test]
fn mismatched_currencies_are_refused() {
    let budget = Budget::new(Currency::USD)
        .with_line(line(
            "salary",
            Category::Salary,
            "2000.00 USD",
            Frequency::MONTHLY,
        ))
        .unwrap();
    let french = CapacityPolicy::new().seizure_ceiling(SeizureScale::france(2026).unwrap());
    assert!(budget.capacity(&french, Frequency::MONTHLY).is_err());
    let minimum =
        CapacityPolicy::new().protected_minimum(ProtectedMinimum::fixed(m("500.00 EUR")).unwrap());
    assert!(budget.capacity(&minimum, Frequency::MONTHLY).is_err());
    assert!(budget
        .with_line(line(
            "rent",
            Category::Rent,
            "700.00 EUR",
            Frequency::MONTHLY
        ))
        .is_err());
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trips_and_validates() {
    let (budget, policy) = salaried_parent();
    let json = serde_json::to_string(&budget).unwrap();
    assert_eq!(serde_json::from_str::<Budget>(&json).unwrap(), budget);
    let json = serde_json::to_string(&policy).unwrap();
    assert_eq!(
        serde_json::from_str::<CapacityPolicy>(&json).unwrap(),
        policy
    );
    let capacity = budget.capacity(&policy, Frequency::MONTHLY).unwrap();
    let json = serde_json::to_string(&capacity).unwrap();
    assert_eq!(serde_json::from_str::<Capacity>(&json).unwrap(), capacity);
    // A capacity whose result was edited no longer adds up.
    let edited = json.replace(
        r#""amount":{"amount":"360.99","currency":"EUR"}"#,
        r#""amount":{"amount":"999.99","currency":"EUR"}"#,
    );
    assert_ne!(edited, json);
    assert!(serde_json::from_str::<Capacity>(&edited).is_err());
    let line = r#"{"label":"rent","category":"rent","amount":{"amount":"0.00","currency":"EUR"},"frequency":"monthly"}"#;
    assert!(serde_json::from_str::<BudgetLine>(line).is_err());
    let household = r#"{"adults":0,"children":1,"dependants":1}"#;
    assert!(serde_json::from_str::<Household>(household).is_err());
}

// Properties.

const FREQUENCIES: [Frequency; 8] = [
    Frequency::WEEKLY,
    Frequency::EVERY_2_WEEKS,
    Frequency::EVERY_4_WEEKS,
    Frequency::MONTHLY,
    Frequency::EVERY_2_MONTHS,
    Frequency::QUARTERLY,
    Frequency::HALF_YEARLY,
    Frequency::YEARLY,
];

const INCOMES: [Category; 4] = [
    Category::Salary,
    Category::Benefits,
    Category::Pension,
    Category::OtherIncome,
];

const EXPENSES: [Category; 5] = [
    Category::Rent,
    Category::Food,
    Category::Energy,
    Category::Taxes,
    Category::LoanRepayment,
];

/// An amount in euro cents.
fn eur(cents: i64) -> Money {
    Money::from_minor(cents, Currency::EUR).unwrap()
}

pub(crate) fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        proptest::sample::select(FREQUENCIES.to_vec()),
        (1u32..=90).prop_map(|n| Frequency::every_days(n).unwrap()),
    ]
}

fn budget_line(
    categories: &'static [Category],
    max_cents: i64,
) -> impl Strategy<Value = BudgetLine> {
    (
        proptest::sample::select(categories),
        1i64..=max_cents,
        frequency(),
    )
        .prop_map(|(category, cents, frequency)| {
            BudgetLine::new(category.to_string(), category, eur(cents), frequency).unwrap()
        })
}

/// Household-sized amounts (up to 5,000.00 EUR per line, expenses up to 1,500.00), so that every
/// limit of the policy gets to bind, and the odd large one.
fn income() -> impl Strategy<Value = BudgetLine> {
    prop_oneof![
        9 => budget_line(&INCOMES, 500_000),
        1 => budget_line(&INCOMES, 100_000_000),
    ]
}

fn expense() -> impl Strategy<Value = BudgetLine> {
    prop_oneof![
        9 => budget_line(&EXPENSES, 150_000),
        1 => budget_line(&EXPENSES, 100_000_000),
    ]
}

pub(crate) fn budget() -> impl Strategy<Value = Budget> {
    let commitment =
        (1i64..=200_000, frequency()) // up to 2,000.00 EUR
            .prop_map(|(cents, f)| Commitment::new("plan", eur(cents), f).unwrap());
    (
        proptest::collection::vec(income(), 0..4),
        proptest::collection::vec(expense(), 0..5),
        proptest::collection::vec(commitment, 0..3),
        1u32..=3,
        0u32..=5,
    )
        .prop_map(|(incomes, expenses, commitments, adults, children)| {
            let mut budget = Budget::new(Currency::EUR)
                .with_household(Household::new(adults, children).unwrap());
            for line in incomes.into_iter().chain(expenses) {
                budget = budget.with_line(line).unwrap();
            }
            for c in commitments {
                budget = budget.with_commitment(c).unwrap();
            }
            budget
        })
}

pub(crate) fn policy() -> impl Strategy<Value = CapacityPolicy> {
    let minimum = prop_oneof![
        (0i64..=150_000).prop_map(|c| ProtectedMinimum::fixed(eur(c)).unwrap()),
        (0i64..=100_000, 0i64..=50_000, 0i64..=30_000).prop_map(|(b, a, c)| {
            ProtectedMinimum::per_household(eur(b), eur(a), eur(c)).unwrap()
        }),
    ];
    (
        proptest::option::of(
            (0i64..=10_000).prop_map(|bp| {
                echeancier::Percent::new(rust_decimal::Decimal::new(bp, 2)).unwrap()
            }),
        ),
        proptest::option::of(minimum),
        proptest::option::of((2024..=2026).prop_map(|y| SeizureScale::france(y).unwrap())),
    )
        .prop_map(|(share, minimum, scale)| {
            let mut policy = CapacityPolicy::new();
            if let Some(share) = share {
                policy = policy.max_share(share);
            }
            if let Some(minimum) = minimum {
                policy = policy.protected_minimum(minimum);
            }
            if let Some(scale) = scale {
                policy = policy.seizure_ceiling(scale);
            }
            policy
        })
}

fn protected_per_period(capacity: &Capacity) -> Money {
    capacity
        .breakdown()
        .iter()
        .find_map(|l| match l.detail() {
            LineDetail::ProtectedMinimum { minimum, .. } => Some(minimum),
            _ => None,
        })
        .unwrap_or(Money::zero(capacity.currency()))
}

proptest! {
    #![proptest_config(crate::cases(256))]

    #[test]
    fn capacity_never_exceeds_disposable_minus_protected_minimum(
        budget in budget(), policy in policy(), period in frequency(),
    ) {
        let capacity = budget.capacity(&policy, period).unwrap();
        if capacity.is_affordable() {
            let room = capacity.disposable().checked_sub(protected_per_period(&capacity)).unwrap();
            prop_assert!(capacity.amount() <= room, "{} > {}", capacity.amount(), room);
        }
    }

    #[test]
    fn explanation_states_the_capacity(budget in budget(), policy in policy(), period in frequency()) {
        let capacity = budget.capacity(&policy, period).unwrap();
        let english = capacity.explain(Language::English);
        let french = capacity.explain(Language::French);
        let first = english.lines().next().unwrap();
        prop_assert!(first.starts_with("Capacity: "));
        // Below a thousand, the English amount is written as `Money` displays it.
        if capacity.amount() < eur(100_000) {
            let expected = format!("Capacity: {} ", capacity.amount());
            prop_assert!(first.starts_with(&expected), "{}", first);
        }
        prop_assert!(french.starts_with("Capacité de remboursement : "));
        // French typography: a space before every `:`, `;` and `%` (labels come from the caller).
        let faults = crate::typography_faults(&french);
        prop_assert!(faults.is_empty(), "{:?}", faults);
        prop_assert_eq!(english.lines().count(), french.lines().count());
        prop_assert_eq!(
            english.lines().last().unwrap().starts_with("No plan"),
            !capacity.is_affordable()
        );
    }

    #[test]
    fn capacity_is_never_negative(budget in budget(), policy in policy(), period in frequency()) {
        let capacity = budget.capacity(&policy, period).unwrap();
        prop_assert!(!capacity.amount().is_negative());
        prop_assert_eq!(capacity.is_affordable(), capacity.amount().is_positive());
    }

    #[test]
    fn more_income_never_lowers_capacity(
        budget in budget(), policy in policy(), period in frequency(), extra in income(),
    ) {
        let before = budget.capacity(&policy, period).unwrap();
        let after = budget.with_line(extra).unwrap().capacity(&policy, period).unwrap();
        prop_assert!(after.amount() >= before.amount(), "{} < {}", after.amount(), before.amount());
    }

    #[test]
    fn more_expenses_never_raise_capacity(
        budget in budget(), policy in policy(), period in frequency(), extra in expense(),
    ) {
        let before = budget.capacity(&policy, period).unwrap();
        let after = budget.with_line(extra).unwrap().capacity(&policy, period).unwrap();
        prop_assert!(after.amount() <= before.amount(), "{} > {}", after.amount(), before.amount());
    }

    #[test]
    fn breakdown_adds_up(budget in budget(), policy in policy(), period in frequency()) {
        let capacity = budget.capacity(&policy, period).unwrap();
        let sum = |kind: CapacityLineKind| Money::sum(
            Currency::EUR,
            capacity.breakdown().iter().filter(|l| l.kind() == kind).map(|l| l.amount()),
        ).unwrap();
        prop_assert_eq!(sum(CapacityLineKind::Income), capacity.income());
        prop_assert_eq!(sum(CapacityLineKind::Expense), capacity.expenses());
        prop_assert_eq!(sum(CapacityLineKind::Commitment), capacity.commitments());
        prop_assert_eq!(capacity.income().checked_sub(capacity.expenses()).unwrap(), capacity.disposable());
        let binding: Vec<_> = capacity.breakdown().iter().filter(|l| l.is_binding()).collect();
        prop_assert_eq!(binding.len(), 1);
        let room = binding[0].amount();
        if capacity.disposable().is_positive() {
            for limit in capacity.breakdown().iter().filter(|l| l.kind().is_limit()) {
                prop_assert!(room <= limit.amount());
            }
        }
        let left = room.checked_sub(capacity.commitments()).unwrap();
        let expected = if left.is_positive() { left } else { Money::zero(Currency::EUR) };
        prop_assert_eq!(expected, capacity.amount());
        prop_assert_eq!(sum(CapacityLineKind::Result), capacity.amount());
        #[cfg(feature = "serde")]
        {
            let json = serde_json::to_string(&capacity).unwrap();
            prop_assert_eq!(serde_json::from_str::<Capacity>(&json).unwrap(), capacity);
        }
    }
}

// The traits a caller can rely on, checked at compile time.

const fn everywhere<T: Send + Sync + Unpin + Clone + core::fmt::Debug + PartialEq + 'static>() {}
const fn copy_eq_hash<T: Copy + Eq + core::hash::Hash>() {}
#[cfg(feature = "serde")]
const fn serde<T: serde::Serialize + serde::de::DeserializeOwned>() {}

const _: () = {
    everywhere::<Budget>();
    everywhere::<BudgetLine>();
    everywhere::<Commitment>();
    everywhere::<Household>();
    everywhere::<Category>();
    everywhere::<CapacityPolicy>();
    everywhere::<ProtectedMinimum>();
    everywhere::<SeizureScale>();
    everywhere::<echeancier::Seizable>();
    everywhere::<echeancier::SeizureBand>();
    everywhere::<Capacity>();
    everywhere::<echeancier::CapacityLine>();
    everywhere::<CapacityLineKind>();
    everywhere::<LineDetail>();
    everywhere::<LimitingFactor>();
    copy_eq_hash::<Household>();
    copy_eq_hash::<Category>();
    copy_eq_hash::<CapacityPolicy>();
    copy_eq_hash::<ProtectedMinimum>();
    copy_eq_hash::<SeizureScale>();
    copy_eq_hash::<CapacityLineKind>();
    copy_eq_hash::<LineDetail>();
    copy_eq_hash::<LimitingFactor>();
};

#[cfg(feature = "serde")]
const _: () = {
    serde::<Budget>();
    serde::<BudgetLine>();
    serde::<Commitment>();
    serde::<Household>();
    serde::<Category>();
    serde::<CapacityPolicy>();
    serde::<ProtectedMinimum>();
    serde::<SeizureScale>();
    serde::<Capacity>();
    serde::<echeancier::CapacityLine>();
    serde::<CapacityLineKind>();
    serde::<LineDetail>();
    serde::<LimitingFactor>();
};

#[test]
fn the_explanation_names_the_limit_that_applies() {
    let (budget, _) = salaried_parent();
    let fixed = ProtectedMinimum::fixed(m("900.00 EUR")).unwrap();
    for (policy, factor, english, french) in [
        (
            CapacityPolicy::new().max_share("20%".parse().unwrap()),
            LimitingFactor::MaxShare,
            "the maximum share of the disposable income",
            "la part maximale du revenu disponible",
        ),
        (
            CapacityPolicy::new().protected_minimum(fixed),
            LimitingFactor::ProtectedMinimum,
            "the protected minimum",
            "le reste à vivre",
        ),
    ] {
        let capacity = budget.capacity(&policy, Frequency::MONTHLY).unwrap();
        assert_eq!(capacity.limiting_factor(), factor);
        assert!(capacity
            .explain(Language::English)
            .ends_with(&format!(", set by {english}.")));
        assert!(capacity
            .explain(Language::French)
            .ends_with(&format!(", fixée par {french}.")));
    }
}
