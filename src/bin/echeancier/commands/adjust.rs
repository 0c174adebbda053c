//! `adjust <reschedule|postpone|prepay|settle|lapse>`: a new version of a plan.
//!
//! The request is the account of the plan with one more event: the plan is signed, the payments
//! received are recorded in date order, and the adjustment is recorded last. The adjustment reads
//! the statement of its date (one allocation of the payments under the request's options).

use chrono::NaiveDate;
use echeancier::{
    Account, AdjustmentDetails, AdjustmentKind, AdjustmentRecord, Event, Language, Lapse, Money,
    Payment, PlanHistory, PlanStatus, PlanVersion, Postponement, Prepayment, Reschedule,
    Settlement,
};
use serde::de::DeserializeOwned;

use crate::error::CliError;
use crate::render::{self, Align, Csv, Output, Table};
use crate::requests::{AdjustRequest, Source};
use crate::Format;

/// Reads an [`AdjustRequest`] with `terms` of type `T`, records the payments and then the event
/// `event` makes of the terms in the account of the plan, and renders the new history.
fn adjust<T: DeserializeOwned>(
    source: &Source,
    out: Output,
    event: impl FnOnce(NaiveDate, T) -> Event,
) -> Result<String, CliError> {
    let mut request: AdjustRequest<T> = source.parse()?;
    let schedule = request.take_plan(source)?;
    let mut account = Account::new(schedule, request.signed_on, request.options)?;
    let mut payments = request.payments;
    // Stable: payments of one day keep the order they were given in.
    payments.sort_by_key(Payment::date);
    for payment in payments {
        account.pay(payment)?;
    }
    account.record(event(request.on, request.terms))?;
    let history = account.history();
    match out.format {
        Format::Json => render::json(history),
        Format::Csv => csv(history),
        Format::Table => {
            let current = history.current();
            version_table(current, &status_name(current.status(), out), out)
        }
    }
}

/// `adjust reschedule`: `terms` is a `Reschedule`.
pub(crate) fn reschedule(source: &Source, out: Output) -> Result<String, CliError> {
    adjust(source, out, |date, terms: Reschedule| Event::Reschedule {
        date,
        terms,
    })
}

/// `adjust postpone`: `terms` is a `Postponement`.
pub(crate) fn postpone(source: &Source, out: Output) -> Result<String, CliError> {
    adjust(source, out, |date, postponement: Postponement| {
        Event::Postpone { date, postponement }
    })
}

/// `adjust prepay`: `terms` is a `Prepayment`.
pub(crate) fn prepay(source: &Source, out: Output) -> Result<String, CliError> {
    adjust(source, out, |date, prepayment: Prepayment| Event::Prepay {
        date,
        prepayment,
    })
}

/// `adjust settle`: `terms` is a `Settlement`.
pub(crate) fn settle(source: &Source, out: Output) -> Result<String, CliError> {
    adjust(source, out, |date, settlement: Settlement| Event::Settle {
        date,
        settlement,
    })
}

/// `adjust lapse`: `terms` is a `Lapse`.
pub(crate) fn lapse(source: &Source, out: Output) -> Result<String, CliError> {
    adjust(source, out, |date, lapse: Lapse| Event::Lapse {
        date,
        lapse,
    })
}

/// The status of a plan, in the output's language.
pub(crate) fn status_name(status: PlanStatus, out: Output) -> String {
    status.to_string_in(out.language)
}

/// The kind of an adjustment, in the output's language.
pub(crate) fn kind_name(kind: AdjustmentKind, out: Output) -> String {
    kind.to_string_in(out.language)
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

/// Label/amount lines without headings (the heading line and its rule dropped).
fn summary(lines: &[(&str, Money)], out: Output) -> String {
    let Some((_, first)) = lines.first() else {
        return String::new();
    };
    let currency = first.currency();
    let mut summary = Table::new([(String::new(), Align::Left), (String::new(), Align::Right)]);
    for (label, money) in lines {
        summary.row(vec![
            (*label).to_owned(),
            format!("{} {currency}", out.amount(*money)),
        ]);
    }
    let mut text = String::new();
    for line in summary.render().lines().skip(2) {
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// The record of an adjustment: what it was, how the outstanding amount moved, what was
/// outstanding that day part by part, and what the change costs in interest.
pub(crate) fn record_text(record: &AdjustmentRecord, out: Output) -> Result<String, CliError> {
    let currency = record.outstanding_before().currency();
    let mut text = if out.language == Language::French {
        let mut line = format!("{} : {}", record.date(), kind_name(record.kind(), out));
        if let Some(author) = record.author() {
            line.push_str(&format!(" par {author}"));
        }
        line
    } else {
        record.to_string()
    };
    text.push_str("\n\n");

    // What was outstanding that day, part by part.
    let b = record.breakdown();
    let mut parts = Table::new([
        (
            format!(
                "{} {}",
                out.text("outstanding on", "restant dû au"),
                b.as_of()
            ),
            Align::Left,
        ),
        (
            format!("{} ({currency})", out.text("amount", "montant")),
            Align::Right,
        ),
    ]);
    for (label, amount) in [
        (out.text("principal", "capital"), b.principal()?),
        (out.text("interest due", "intérêts échus"), b.interest()),
        (out.text("fees", "frais"), b.fees()?),
    ] {
        parts.row(vec![label.to_owned(), out.amount(amount)]);
    }
    parts.totals(vec![
        out.text("outstanding", "restant dû").to_owned(),
        out.amount(b.total()?),
    ]);
    text.push_str(&parts.render());
    let apart: Vec<(&str, Money)> = [
        (
            out.text(
                "late-payment penalties outstanding",
                "pénalités de retard dues",
            ),
            b.penalties(),
        ),
        (out.text("credit held", "avoir détenu"), b.credit()),
        (
            out.text("interest not yet due", "intérêts non échus"),
            b.future_interest(),
        ),
    ]
    .into_iter()
    .filter(|(_, amount)| !amount.is_zero())
    .collect();
    text.push_str(&summary(&apart, out));
    text.push('\n');

    // How the outstanding amount moved.
    let mut moved = Table::new([
        (String::new(), Align::Left),
        (
            format!("{} ({currency})", out.text("amount", "montant")),
            Align::Right,
        ),
    ]);
    for (_, english, french, amount) in reconciliation(record)? {
        moved.row(vec![
            out.text(english, french).to_owned(),
            out.amount(amount),
        ]);
    }
    moved.totals(vec![
        out.text("outstanding after", "restant dû après").to_owned(),
        out.amount(record.outstanding_after()),
    ]);
    text.push_str(&moved.render());
    if !record.penalties_waived().is_zero() {
        text.push_str(&format!(
            "{}{} {} {currency}\n",
            out.text("penalties waived", "pénalités abandonnées"),
            out.colon(),
            out.amount(record.penalties_waived())
        ));
    }
    if !(record.new_interest().is_zero() && record.interest_replaced().is_zero()) {
        let change = record.interest_change()?;
        let sign = if change.is_negative() { "" } else { "+" };
        text.push_str(&format!(
            "{}{} {sign}{} {currency} ({} {currency} {}, {} {currency} {})\n",
            out.text("interest change", "variation des intérêts"),
            out.colon(),
            out.amount(change),
            out.amount(record.new_interest()),
            out.text("on the new terms", "selon les nouvelles conditions"),
            out.amount(record.interest_replaced()),
            out.text("of the replaced terms", "des conditions remplacées"),
        ));
    }
    match record.details() {
        AdjustmentDetails::Settle { quote, .. } => {
            text.push('\n');
            text.push_str(&super::quote::render_quote(quote, out)?);
        }
        AdjustmentDetails::Lapse { trigger, .. } => {
            text.push_str(&format!(
                "{}{} {}\n",
                out.text("rule met", "règle remplie"),
                out.colon(),
                trigger.to_string_in(out.language)
            ));
        }
        _ => {}
    }
    Ok(text)
}

/// One version as a table: its number, date and `status`, the record of the adjustment that made
/// it, the instalments kept from earlier versions and its schedule.
pub(crate) fn version_table(
    version: &PlanVersion,
    status: &str,
    out: Output,
) -> Result<String, CliError> {
    let mut text = format!(
        "{} {} {} {}{} {status}\n",
        out.text("Version", "Version"),
        version.number(),
        out.text("from", "du"),
        version.effective(),
        out.colon(),
    );
    if let Some(record) = version.record() {
        text.push('\n');
        text.push_str(&record_text(record, out)?);
    }
    if !version.kept().is_empty() {
        text.push_str(&format!(
            "\n{}{} {}\n",
            out.text("instalments kept as they were", "échéances conservées"),
            out.colon(),
            kept_list(version, out)
        ));
    }
    if let Some(schedule) = version.schedule() {
        text.push('\n');
        text.push_str(&render::schedule_table(schedule, out));
    }
    Ok(text)
}

/// The instalments a version kept from earlier ones, by version: `1, 2, 3 (version 1)`.
fn kept_list(version: &PlanVersion, out: Output) -> String {
    let mut groups: Vec<(u32, Vec<String>)> = Vec::new();
    for kept in version.kept() {
        let number = kept.instalment().number().to_string();
        match groups.last_mut() {
            Some((v, numbers)) if *v == kept.version() => numbers.push(number),
            _ => groups.push((kept.version(), vec![number])),
        }
    }
    groups
        .iter()
        .map(|(v, numbers)| {
            format!(
                "{} ({} {v})",
                numbers.join(", "),
                out.text("version", "version")
            )
        })
        .collect::<Vec<_>>()
        .join(out.text("; ", " ; "))
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
