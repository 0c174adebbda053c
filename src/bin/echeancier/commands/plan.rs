//! `generate` (a plan request → a schedule) and `propose` (a proposal request → ranked options).

use echeancier::{PlanRequest, ProposalRequest, Proposals};

use crate::error::CliError;
use crate::render::{self, Align, Csv, Output, Table};
use crate::requests::Source;
use crate::Format;

/// `generate`: the input is a `PlanRequest`.
pub(crate) fn generate(source: &Source, out: Output) -> Result<String, CliError> {
    let request: PlanRequest = source.parse()?;
    let schedule = request.generate()?;
    match out.format {
        Format::Json => render::json(&schedule),
        Format::Csv => Ok(echeancier::schedule_csv(&schedule)),
        Format::Table => {
            let count = schedule.instalments().len();
            let mut text = format!(
                "{} {count} {}, {} {} {}\n\n",
                out.text("Payment plan:", "Échéancier :"),
                out.text("instalments", "échéances"),
                out.text("total", "total"),
                out.amount(schedule.totals().amount()),
                schedule.currency(),
            );
            text.push_str(&render::schedule_table(&schedule, out));
            text.push('\n');
            text.push_str(&schedule.derivation().explain(out.language));
            text.push('\n');
            Ok(text)
        }
    }
}

/// `propose`: the input is a `ProposalRequest` (debt, capacity, dates and creditor policy).
pub(crate) fn propose(source: &Source, out: Output) -> Result<String, CliError> {
    let request: ProposalRequest = source.parse()?;
    let proposals = request.propose()?;
    match out.format {
        Format::Json => render::json(&proposals),
        Format::Csv => Ok(proposals_csv(&proposals)),
        Format::Table => {
            let mut text = proposals_table(&proposals, out);
            text.push('\n');
            text.push_str(proposals.explain(out.language).trim_end());
            text.push('\n');
            Ok(text)
        }
    }
}

fn proposals_table(proposals: &Proposals, out: Output) -> String {
    let currency = proposals.currency();
    let mut table = Table::new([
        (out.text("option", "option").to_owned(), Align::Left),
        (
            out.text("instalments", "échéances").to_owned(),
            Align::Right,
        ),
        (
            format!("{} ({currency})", out.text("largest", "la plus forte")),
            Align::Right,
        ),
        (
            out.text("total paid", "total payé").to_owned(),
            Align::Right,
        ),
        (out.text("interest", "intérêts").to_owned(), Align::Right),
        (out.text("discount", "remise").to_owned(), Align::Right),
        (
            out.text("last due", "dernière échéance").to_owned(),
            Align::Left,
        ),
        (
            out.text("of capacity", "de la capacité").to_owned(),
            Align::Right,
        ),
    ]);
    for p in proposals.options() {
        table.row(vec![
            p.kind().label(out.language).to_owned(),
            p.instalment_count().to_string(),
            out.amount(p.largest_instalment()),
            out.amount(p.total_paid()),
            out.amount(p.interest()),
            out.amount(p.discount()),
            p.end_date().to_string(),
            p.capacity_share()
                .map(|s| s.to_string_in(out.language))
                .unwrap_or_default(),
        ]);
    }
    table.render()
}

fn proposals_csv(proposals: &Proposals) -> String {
    let mut csv = Csv::new(&[
        "option",
        "instalments",
        "largest_instalment",
        "total_paid",
        "interest",
        "discount",
        "end_date",
        "capacity_share",
        "currency",
    ]);
    let currency = proposals.currency().to_string();
    for p in proposals.options() {
        csv.record([
            p.kind().to_string(),
            p.instalment_count().to_string(),
            render::plain(p.largest_instalment()),
            render::plain(p.total_paid()),
            render::plain(p.interest()),
            render::plain(p.discount()),
            p.end_date().to_string(),
            p.capacity_share()
                .map(|s| s.to_string())
                .unwrap_or_default(),
            currency.clone(),
        ]);
    }
    csv.finish()
}
