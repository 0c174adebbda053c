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
                match count {
                    1 => out.text("instalment", "échéance"),
                    _ => out.text("instalments", "échéances"),
                },
                out.text("total", "total"),
                out.amount(schedule.totals().amount()),
                schedule.currency(),
            );
            text.push_str(&render::schedule_table(&schedule, out));
            text.push('\n');
            text.push_str(&schedule.derivation().explain(out.language));
            text.push('\n');
            if let Some(line) = exact_figures(&schedule, out) {
                text.push_str(&line);
                text.push('\n');
            }
            Ok(text)
        }
    }
}

/// The exact (unrounded) instalment and total interest beside the rounded ones, for a plan with
/// interest; `None` without interest (nothing is rounded but the split) or beyond `Decimal`.
fn exact_figures(schedule: &echeancier::Schedule, out: Output) -> Option<String> {
    let why = schedule.derivation();
    why.interest().rate().filter(|r| !r.is_zero())?;
    // Six decimals, thousands grouped as the amounts of the table are.
    let number = |value: rust_decimal::Decimal| {
        let text = value.round_dp(6).normalize().to_string();
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let (group, point) = match out.language {
            echeancier::Language::French => (" ", ","),
            _ => (",", "."),
        };
        let digits: Vec<char> = whole.chars().collect();
        let mut grouped = String::new();
        for (i, digit) in digits.iter().enumerate() {
            if i > 0 && digits.len().saturating_sub(i) % 3 == 0 && digit.is_ascii_digit() {
                grouped.push_str(group);
            }
            grouped.push(*digit);
        }
        if fraction.is_empty() {
            grouped
        } else {
            format!("{grouped}{point}{fraction}")
        }
    };
    let instalment = number(why.exact_instalment().ok()?);
    let interest = number(why.exact_interest().ok()?);
    let rounded = out.amount(schedule.totals().interest());
    let currency = schedule.currency();
    Some(match out.language {
        echeancier::Language::French => format!(
            "Avant arrondi : échéance de {instalment} {currency}, intérêts de {interest} {currency} \
             (arrondis : {rounded} {currency})."
        ),
        _ => format!(
            "Before rounding: instalment of {instalment} {currency}, interest of {interest} {currency} \
             (rounded: {rounded} {currency})."
        ),
    })
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
