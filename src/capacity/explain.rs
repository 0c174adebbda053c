//! Plain-language explanations of a capacity, in English and French, written from its breakdown.
//!
//! Every sentence is assembled from the structured lines of a [`Capacity`] (their kinds, amounts and
//! details), never from a text written for one case, so what is explained is what was computed. The
//! amount formatter is shared with the other explanations of the crate.

use core::fmt::Write as _;

use crate::capacity::budget::{Category, Household};
use crate::capacity::compute::{
    Capacity, CapacityLine, CapacityLineKind, LimitingFactor, LineDetail,
};
use crate::frequency::Frequency;
use crate::language::Language;
use crate::money::Money;

/// `n` and the noun, singular or plural: "0 children", "1 child", "0 enfant", "2 enfants" (French
/// takes the singular for zero).
fn count(n: u32, singular: &str, plural: &str, language: Language) -> String {
    let singular_form = match language {
        Language::English => n == 1,
        Language::French => n <= 1,
    };
    if singular_form {
        format!("{n} {singular}")
    } else {
        format!("{n} {plural}")
    }
}

fn category_name(category: Category, language: Language) -> &'static str {
    match language {
        Language::English => match category {
            Category::Salary => "salary",
            Category::Benefits => "benefits",
            Category::Pension => "pension",
            Category::OtherIncome => "other income",
            Category::Rent => "rent",
            Category::Energy => "energy",
            Category::Food => "food",
            Category::Transport => "transport",
            Category::Insurance => "insurance",
            Category::Taxes => "taxes",
            Category::Childcare => "childcare",
            Category::LoanRepayment => "loan repayment",
            Category::OtherExpense => "other expense",
        },
        Language::French => match category {
            Category::Salary => "salaire",
            Category::Benefits => "prestations sociales",
            Category::Pension => "pension de retraite",
            Category::OtherIncome => "autre revenu",
            Category::Rent => "loyer",
            Category::Energy => "énergie",
            Category::Food => "alimentation",
            Category::Transport => "transport",
            Category::Insurance => "assurances",
            Category::Taxes => "impôts",
            Category::Childcare => "garde et scolarité des enfants",
            Category::LoanRepayment => "remboursement de prêt",
            Category::OtherExpense => "autre dépense",
        },
    }
}

/// The explanation of [`Capacity::explain`].
pub(crate) fn explain(capacity: &Capacity, language: Language) -> String {
    let w = Writer {
        language,
        per: crate::language::per_period(capacity.period(), language),
    };
    let money = |m: Money| crate::language::money(m, language);
    let lines = capacity.breakdown();
    let of_kind = |kind: CapacityLineKind| lines.iter().filter(move |l| l.kind() == kind);
    let mut out = String::new();

    let _ = writeln!(
        out,
        "{}",
        w.pick(
            format!("Capacity: {} {}.", money(capacity.amount()), w.per),
            format!(
                "Capacité de remboursement : {} {}.",
                money(capacity.amount()),
                w.per
            ),
        )
    );
    for (kind, en, fr, total) in [
        (
            CapacityLineKind::Income,
            "Income",
            "Revenus",
            capacity.income(),
        ),
        (
            CapacityLineKind::Expense,
            "Expenses",
            "Dépenses",
            capacity.expenses(),
        ),
    ] {
        let _ = writeln!(
            out,
            "{}",
            w.pick(
                format!("{en} {}: {}.", w.per, money(total)),
                format!("{fr} {} : {}.", w.per, money(total)),
            )
        );
        for line in of_kind(kind) {
            let _ = writeln!(out, "  - {}", w.entered(line, capacity.period()));
        }
    }
    let _ = writeln!(
        out,
        "{}",
        w.pick(
            format!(
                "Disposable income: {} − {} = {} {}.",
                money(capacity.income()),
                money(capacity.expenses()),
                money(capacity.disposable()),
                w.per
            ),
            format!(
                "Revenu disponible : {} − {} = {} {}.",
                money(capacity.income()),
                money(capacity.expenses()),
                money(capacity.disposable()),
                w.per
            ),
        )
    );
    let _ = writeln!(
        out,
        "{}",
        w.pick(
            format!("Limits {} (the smallest one applies):", w.per),
            format!("Limites {} (la plus basse s'applique) :", w.per),
        )
    );
    for line in lines.iter().filter(|l| l.kind().is_limit()) {
        let _ = writeln!(out, "  - {}", w.limit(line));
    }
    let room = lines
        .iter()
        .find(|l| l.is_binding())
        .map_or(capacity.disposable(), CapacityLine::amount);
    if !capacity.commitments().is_zero() {
        let _ = writeln!(
            out,
            "{}",
            w.pick(
                format!(
                    "Plans already being paid: {} {}.",
                    money(capacity.commitments()),
                    w.per
                ),
                format!(
                    "Échéanciers déjà en cours : {} {}.",
                    money(capacity.commitments()),
                    w.per
                ),
            )
        );
        for line in of_kind(CapacityLineKind::Commitment) {
            let _ = writeln!(out, "  - {}", w.entered(line, capacity.period()));
        }
    }
    out.push_str(&w.conclusion(capacity, room));
    out
}

struct Writer {
    language: Language,
    per: String,
}

impl Writer {
    fn pick(&self, english: String, french: String) -> String {
        match self.language {
            Language::English => english,
            Language::French => french,
        }
    }

    fn money(&self, amount: Money) -> String {
        crate::language::money(amount, self.language)
    }

    fn colon(&self) -> &'static str {
        match self.language {
            Language::English => ":",
            Language::French => " :",
        }
    }

    /// "wage (salary): 480.00 EUR per week = 2,080.00 EUR", or "rent (rent): 750.00 EUR".
    fn entered(&self, line: &CapacityLine, period: Frequency) -> String {
        let mut text = line.label().to_owned();
        if let LineDetail::Entered {
            category: Some(category),
            ..
        } = line.detail()
        {
            let _ = write!(text, " ({})", category_name(category, self.language));
        }
        text.push_str(self.colon());
        text.push(' ');
        if let LineDetail::Entered {
            amount, frequency, ..
        } = line.detail()
        {
            if frequency != period {
                let _ = write!(
                    text,
                    "{} {} = ",
                    self.money(amount),
                    crate::language::per_period(frequency, self.language)
                );
            }
        }
        text.push_str(&self.money(line.amount()));
        text
    }

    fn household(&self, household: Household) -> String {
        let (adults, children) = (household.adults(), household.children());
        self.pick(
            format!(
                "{} and {}",
                count(adults, "adult", "adults", self.language),
                count(children, "child", "children", self.language)
            ),
            format!(
                "{} et {}",
                count(adults, "adulte", "adultes", self.language),
                count(children, "enfant", "enfants", self.language)
            ),
        )
    }

    fn dependants(&self, dependants: u32) -> String {
        match dependants {
            0 => self.pick(
                "without dependants".to_owned(),
                "sans personne à charge".to_owned(),
            ),
            n => self.pick(
                format!(
                    "with {}",
                    count(n, "dependant", "dependants", self.language)
                ),
                format!(
                    "avec {}",
                    count(n, "personne à charge", "personnes à charge", self.language)
                ),
            ),
        }
    }

    /// One limit: what it is and what it allows.
    fn limit(&self, line: &CapacityLine) -> String {
        let mut text = match (line.kind(), line.detail()) {
            (CapacityLineKind::ShareLimit, LineDetail::Share { share }) => {
                let share = crate::language::percent(share, self.language);
                self.pick(
                    format!("at most {share} of the disposable income"),
                    format!("au plus {share} du revenu disponible"),
                )
            }
            (
                CapacityLineKind::ProtectedMinimum,
                LineDetail::ProtectedMinimum { minimum, household },
            ) => {
                let minimum = self.money(minimum);
                let household = self.household(household);
                self.pick(
                    format!("the disposable income less the protected minimum of {minimum} (household of {household})"),
                    format!("le revenu disponible moins le reste à vivre de {minimum} (foyer de {household})"),
                )
            }
            (
                CapacityLineKind::SeizureCeiling,
                LineDetail::SeizureCeiling {
                    seizable_income,
                    dependants,
                    year,
                },
            ) => {
                // A caller-supplied scale has no year and need not be the French one.
                let english_scale = match year {
                    Some(y) => format!("the {y} French wage-seizure scale"),
                    None => "the wage-seizure scale".to_owned(),
                };
                let year = year.map(|y| format!(" {y}")).unwrap_or_default();
                let income = self.money(seizable_income);
                let dependants = self.dependants(dependants);
                self.pick(
                    format!("{english_scale} on salaries and pensions of {income}, {dependants}"),
                    format!("le barème des saisies sur rémunérations{year} appliqué à {income} de salaires et pensions, {dependants}"),
                )
            }
            _ => self.pick(
                "the disposable income".to_owned(),
                "le revenu disponible".to_owned(),
            ),
        };
        let _ = write!(text, "{} {}", self.colon(), self.money(line.amount()));
        if line.is_binding() {
            text.push_str(&self.pick(" (applies)".to_owned(), " (retenue)".to_owned()));
        }
        text
    }

    /// The last line: how the capacity follows from the binding limit, or why it is zero.
    fn conclusion(&self, capacity: &Capacity, room: Money) -> String {
        let lines = capacity.breakdown();
        let find = |kind: CapacityLineKind| lines.iter().find(|l| l.kind() == kind);
        let amount = self.money(capacity.amount());
        let commitments = self.money(capacity.commitments());
        let per = &self.per;
        if capacity.is_affordable() {
            let by = match capacity.limiting_factor() {
                LimitingFactor::MaxShare => self.pick(
                    "the maximum share of the disposable income".to_owned(),
                    "la part maximale du revenu disponible".to_owned(),
                ),
                LimitingFactor::ProtectedMinimum => self.pick(
                    "the protected minimum".to_owned(),
                    "le reste à vivre".to_owned(),
                ),
                LimitingFactor::SeizureCeiling => self.pick(
                    "the wage-seizure scale".to_owned(),
                    "le barème des saisies sur rémunérations".to_owned(),
                ),
                _ => self.pick(
                    "the disposable income, as no rule asks for less".to_owned(),
                    "le revenu disponible, aucune règle n'imposant moins".to_owned(),
                ),
            };
            let figure = if capacity.commitments().is_zero() {
                amount
            } else {
                format!("{} − {commitments} = {amount}", self.money(room))
            };
            return self.pick(
                format!("Capacity: {figure} {per}, set by {by}."),
                format!("Capacité : {figure} {per}, fixée par {by}."),
            );
        }
        let reason = match capacity.limiting_factor() {
            LimitingFactor::Commitments => {
                let room = self.money(room);
                self.pick(
                    format!("the plans already being paid ({commitments} {per}) use all of the {room} the rules allow"),
                    format!("les échéanciers déjà en cours ({commitments} {per}) absorbent les {room} que les règles permettent"),
                )
            }
            LimitingFactor::ProtectedMinimum => {
                let minimum = match find(CapacityLineKind::ProtectedMinimum).map(CapacityLine::detail) {
                    Some(LineDetail::ProtectedMinimum { minimum, .. }) => minimum,
                    _ => capacity.disposable(),
                };
                let (minimum, disposable) = (self.money(minimum), self.money(capacity.disposable()));
                self.pick(
                    format!("the protected minimum ({minimum}) takes all of the disposable income ({disposable})"),
                    format!("le reste à vivre ({minimum}) absorbe tout le revenu disponible ({disposable})"),
                )
            }
            LimitingFactor::MaxShare => {
                let share = match find(CapacityLineKind::ShareLimit).map(CapacityLine::detail) {
                    Some(LineDetail::Share { share }) => crate::language::percent(share, self.language),
                    _ => String::new(),
                };
                self.pick(
                    format!("the maximum share of the disposable income is {share}"),
                    format!("la part maximale du revenu disponible est de {share}"),
                )
            }
            LimitingFactor::SeizureCeiling => self.pick(
                "the wage-seizure scale allows nothing to be taken from the budget's salaries and pensions".to_owned(),
                "le barème des saisies ne permet de rien prélever sur les salaires et pensions du budget".to_owned(),
            ),
            _ => {
                let (expenses, income) = (self.money(capacity.expenses()), self.money(capacity.income()));
                self.pick(
                    format!("expenses ({expenses}) take all of the income ({income})"),
                    format!("les dépenses ({expenses}) absorbent tout le revenu ({income})"),
                )
            }
        };
        self.pick(
            format!("No plan is affordable now: {reason}."),
            format!("Aucun échéancier n'est supportable aujourd'hui : {reason}."),
        )
    }
}
