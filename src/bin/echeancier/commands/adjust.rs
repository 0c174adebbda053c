//! `adjust <reschedule|postpone|prepay|settle|lapse>`: a new version of a plan.

use echeancier::{
    AdjustmentRecord, Lapse, Money, PartialPayment, PlanHistory, Postponement, Prepayment,
    Reschedule, Settlement,
};
use serde::de::DeserializeOwned;

use crate::error::CliError;
use crate::render::{self, Align, Csv, Output, Table};
use crate::requests::{self, AdjustRequest, Source};
use crate::Format;

/// Reads an [`AdjustRequest`] with `terms` of type `T`, applies them with `apply` to the history
/// of the plan signed on `signed_on`, and renders the new history.
fn adjust<T: DeserializeOwned>(
    source: &Source,
    out: Output,
    apply: impl FnOnce(
        &PlanHistory,
        &[(u32, PartialPayment)],
        chrono::NaiveDate,
        T,
    ) -> echeancier::Result<PlanHistory>,
) -> Result<String, CliError> {
    let mut request: AdjustRequest<T> = source.parse()?;
    let schedule = request.take_plan(source)?;
    let paid = requests::paid(&request.paid)?;
    let history = PlanHistory::new(schedule, request.signed_on);
    let history = apply(&history, &paid, request.on, request.terms)?;
    match out.format {
        Format::Json => render::json(&history),
        Format::Csv => csv(&history),
        Format::Table => table(&history, out),
    }
}

/// `adjust reschedule`: `terms` is a `Reschedule`.
pub(crate) fn reschedule(source: &Source, out: Output) -> Result<String, CliError> {
    adjust(source, out, |h, paid, on, terms: Reschedule| {
        h.reschedule(paid, on, terms)
    })
}

/// `adjust postpone`: `terms` is a `Postponement`.
pub(crate) fn postpone(source: &Source, out: Output) -> Result<String, CliError> {
    adjust(source, out, |h, paid, on, terms: Postponement| {
        h.postpone(paid, on, terms)
    })
}

/// `adjust prepay`: `terms` is a `Prepayment`.
pub(crate) fn prepay(source: &Source, out: Output) -> Result<String, CliError> {
    adjust(source, out, |h, paid, on, terms: Prepayment| {
        h.prepay(paid, on, terms)
    })
}

/// `adjust settle`: `terms` is a `Settlement`.
pub(crate) fn settle(source: &Source, out: Output) -> Result<String, CliError> {
    adjust(source, out, |h, paid, on, terms: Settlement| {
        h.settle(paid, on, terms)
    })
}

/// `adjust lapse`: `terms` is a `Lapse`.
pub(crate) fn lapse(source: &Source, out: Output) -> Result<String, CliError> {
    adjust(source, out, |h, paid, on, terms: Lapse| {
        h.lapse(paid, on, terms)
    })
}

/// How the outstanding amount moved: before + capitalised − waived − paid = after.
fn reconciliation(record: &AdjustmentRecord) -> Result<Vec<Line>, CliError> {
    let zero = Money::zero(record.outstanding_before().currency());
    Ok(vec![
        (
            "outstanding_before",
            "outstanding before",
            "restant dû avant",
            record.outstanding_before(),
        ),
        (
            "capitalised",
            "capitalised",
            "capitalisé",
            record.capitalised(),
        ),
        (
            "waived",
            "waived",
            "abandonné",
            zero.checked_sub(record.waived())?,
        ),
        ("paid", "paid", "payé", zero.checked_sub(record.paid())?),
    ])
}

/// A line of the reconciliation: its CSV name, its English and French labels, its signed amount.
type Line = (&'static str, &'static str, &'static str, Money);

fn table(history: &PlanHistory, out: Output) -> Result<String, CliError> {
    let current = history.current();
    let mut text = format!(
        "{} {} {} {}: {}\n",
        out.text("Version", "Version"),
        current.number(),
        out.text("from", "du"),
        current.effective(),
        current.status(),
    );
    if let Some(record) = current.record() {
        text.push_str(&format!("{record}\n\n"));
        let currency = record.outstanding_before().currency();
        let mut table = Table::new([
            (String::new(), Align::Left),
            (
                format!("{} ({currency})", out.text("amount", "montant")),
                Align::Right,
            ),
        ]);
        for (_, english, french, amount) in reconciliation(record)? {
            table.row(vec![
                out.text(english, french).to_owned(),
                out.amount(amount),
            ]);
        }
        table.totals(vec![
            out.text("outstanding after", "restant dû après").to_owned(),
            out.amount(record.outstanding_after()),
        ]);
        text.push_str(&table.render());
        if !record.new_interest().is_zero() {
            text.push_str(&format!(
                "{}: {} {currency}\n",
                out.text("new interest", "nouveaux intérêts"),
                out.amount(record.new_interest())
            ));
        }
    }
    if !current.kept().is_empty() {
        text.push_str(&format!(
            "\n{}: {}\n",
            out.text("instalments kept as they were", "échéances conservées"),
            current
                .kept()
                .iter()
                .map(|k| k.instalment().number().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(schedule) = current.schedule() {
        text.push('\n');
        text.push_str(&render::schedule_table(schedule, out));
    }
    Ok(text)
}

/// The schedule of the version in force when it has one; otherwise (a plan settled, completed)
/// how the outstanding amount moved, with a final `total` row.
fn csv(history: &PlanHistory) -> Result<String, CliError> {
    let current = history.current();
    if let Some(schedule) = current.schedule() {
        return Ok(echeancier::schedule_csv(schedule));
    }
    let mut csv = Csv::new(&["line", "amount", "currency"]);
    if let Some(record) = current.record() {
        let currency = record.outstanding_before().currency().to_string();
        for (name, _, _, amount) in reconciliation(record)? {
            csv.record([name.to_owned(), render::plain(amount), currency.clone()]);
        }
        csv.record([
            "total".to_owned(),
            render::plain(record.outstanding_after()),
            currency,
        ]);
    }
    Ok(csv.finish())
}
