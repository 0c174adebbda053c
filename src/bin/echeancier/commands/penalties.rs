//! `penalties`: late-payment interest and compensation as of a date.

use echeancier::{Money, PenaltyStatement, Statement, StatementOptions};

use crate::error::{CliError, Said};
use crate::render::{self, Align, Csv, Output, Table};
use crate::requests::{PenaltiesRequest, Source};
use crate::Format;

/// `penalties`: the input is a [`PenaltiesRequest`].
pub(crate) fn penalties(source: &Source, out: Output) -> Result<String, CliError> {
    let mut request: PenaltiesRequest = source.parse()?;
    let (statement, settled) = match (request.take_plan(source)?, request.items.take()) {
        (Some(_), Some(_)) => {
            return Err(source.invalid(Said::new(
                "give either \"items\" or a plan (\"schedule\" or \"plan\"), not both",
                "donnez « items » ou un plan (« schedule » ou « plan »), pas les deux",
            )))
        }
        (Some(schedule), None) => {
            // One allocation of the payments (French policy: penalties first, then interest, then
            // capital), as the statement of that day makes it.
            let payments = request.payments.take().unwrap_or_default();
            let options = StatementOptions::default().with_penalties(request.policy.clone());
            let statement = Statement::new(&schedule, &payments, &options, request.as_of)?;
            let penalties = statement.penalties().cloned().ok_or_else(|| {
                source.invalid(Said::new(
                    "the statement computed no penalties for this plan",
                    "le relevé n'a calculé aucune pénalité pour ce plan",
                ))
            })?;
            let paid = Some((
                statement.penalties_paid(),
                statement.penalties_outstanding(),
            ));
            (penalties, paid)
        }
        (None, Some(items)) => {
            if request.payments.is_some() {
                return Err(source.invalid(Said::new(
                    "\"payments\" needs a plan; give the payments of overdue items in their \"payments\"",
                    "« payments » demande un plan ; donnez les paiements des impayés dans leur propre « payments »",
                )));
            }
            let currency = match (request.currency, items.first()) {
                (Some(currency), _) => currency,
                (None, Some(item)) => item.amount().currency(),
                (None, None) => {
                    return Err(source.invalid(Said::new(
                        "no overdue items: give at least one, or \"currency\"",
                        "aucun impayé : donnez-en au moins un, ou « currency »",
                    )))
                }
            };
            (
                request.policy.compute(currency, &items, request.as_of)?,
                None,
            )
        }
        (None, None) => {
            return Err(source.invalid(Said::new(
                "missing \"items\", \"schedule\" or \"plan\"",
                "« items », « schedule » ou « plan » manque",
            )));
        }
    };
    match out.format {
        Format::Json => render::json(&statement),
        Format::Csv => Ok(csv(&statement)),
        Format::Table => Ok(table(&statement, settled, out)),
    }
}

/// What the payments already paid of the penalties, and what is still owed of them, for a plan.
type Settled = Option<(Money, Money)>;

fn table(statement: &PenaltyStatement, settled: Settled, out: Output) -> String {
    let currency = statement.currency();
    let mut table = Table::new([
        (out.text("line", "ligne").to_owned(), Align::Left),
        (out.text("reference", "référence").to_owned(), Align::Left),
        (out.text("due date", "échéance").to_owned(), Align::Left),
        (
            format!(
                "{} ({currency})",
                out.text("late amount", "montant en retard")
            ),
            Align::Right,
        ),
        (
            out.text("days late", "jours de retard").to_owned(),
            Align::Right,
        ),
        (out.text("penalty", "pénalité").to_owned(), Align::Right),
    ]);
    for item in statement.items() {
        table.row(vec![
            out.text("interest", "intérêts").to_owned(),
            item.reference_in(out.language),
            item.due_date().to_string(),
            out.amount(item.amount()),
            item.days_late().to_string(),
            out.amount(item.interest()),
        ]);
    }
    for line in statement.compensations() {
        table.row(vec![
            out.text("compensation", "indemnité").to_owned(),
            line.reference_in(out.language),
            String::new(),
            out.amount(line.late_amount()),
            String::new(),
            out.amount(line.amount()),
        ]);
    }
    table.totals(vec![
        out.text("total", "total").to_owned(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        out.amount(statement.total()),
    ]);
    let colon = out.colon();
    let mut text = format!(
        "{} {}\n\n{}\n{}{colon} {} {currency}\n{}{colon} {} {currency}\n",
        out.text("Late-payment penalties as of", "Pénalités de retard au"),
        statement.as_of(),
        table.render(),
        out.text("Interest", "Intérêts"),
        out.amount(statement.interest()),
        out.text("Compensation", "Indemnités"),
        out.amount(statement.compensation()),
    );
    if let Some((paid, outstanding)) = settled {
        text.push_str(&format!(
            "{}{colon} {} {currency}\n{}{colon} {} {currency}\n",
            out.text(
                "Paid by the payments (penalties first)",
                "Payé par les versements (pénalités d'abord)"
            ),
            out.amount(paid),
            out.text("Outstanding", "Restant dû"),
            out.amount(outstanding),
        ));
    }
    text
}

fn csv(statement: &PenaltyStatement) -> String {
    let mut csv = Csv::new(&[
        "line",
        "reference",
        "due_date",
        "late_amount",
        "days_late",
        "penalty",
        "currency",
    ]);
    let currency = statement.currency().to_string();
    for item in statement.items() {
        csv.record([
            "interest".to_owned(),
            item.reference().to_owned(),
            item.due_date().to_string(),
            render::plain(item.amount()),
            item.days_late().to_string(),
            render::plain(item.interest()),
            currency.clone(),
        ]);
    }
    for line in statement.compensations() {
        csv.record([
            "compensation".to_owned(),
            line.reference().to_owned(),
            String::new(),
            render::plain(line.late_amount()),
            String::new(),
            render::plain(line.amount()),
            currency.clone(),
        ]);
    }
    csv.record([
        "total".to_owned(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        render::plain(statement.total()),
        currency,
    ]);
    csv.finish()
}
