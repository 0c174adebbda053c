//! `terms`: an invoice under its payment terms: the dated lines, each line's early-payment
//! discount, and the legal checks asked for.

use chrono::NaiveDate;
use echeancier::{
    Invoice, InvoicePlan, LegalCheck, PaymentLimit, PaymentTerms, PenaltyPolicy, RateFloorCheck,
};
use serde::{Deserialize, Serialize};

use crate::error::CliError;
use crate::render::{self, Align, Csv, Output, Table};
use crate::requests::Source;
use crate::Format;

/// The request of `terms`: an invoice, its terms, the legal limits to check them against and,
/// optionally, a late-payment policy to check against the French floor on a date.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TermsRequest {
    invoice: Invoice,
    terms: PaymentTerms,
    #[serde(default)]
    limits: Vec<PaymentLimit>,
    #[serde(default)]
    rate_floor: Option<RateFloorRequest>,
}

/// A late-payment policy and the date its rate is read on.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RateFloorRequest {
    policy: PenaltyPolicy,
    on: NaiveDate,
}

/// What `terms` writes as JSON.
#[derive(Debug, Serialize)]
struct TermsResult {
    plan: InvoicePlan,
    checks: Vec<LegalCheck>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rate_floor: Option<RateFloorCheck>,
}

/// `terms`: the input is a [`TermsRequest`].
pub(crate) fn terms(source: &Source, out: Output) -> Result<String, CliError> {
    let request: TermsRequest = source.parse()?;
    let plan = request.terms.apply(&request.invoice)?;
    let checks = request
        .limits
        .iter()
        .map(|limit| plan.check(*limit))
        .collect::<Result<Vec<_>, _>>()?;
    let rate_floor = request
        .rate_floor
        .map(|r| RateFloorCheck::france(&r.policy, r.on))
        .transpose()?;
    let result = TermsResult {
        plan,
        checks,
        rate_floor,
    };
    match out.format {
        Format::Json => render::json(&result),
        Format::Csv => Ok(csv(&result)),
        Format::Table => Ok(table(&result, out)),
    }
}

fn table(result: &TermsResult, out: Output) -> String {
    let plan = &result.plan;
    let currency = plan.invoice().amount().total().currency();
    let mut table = Table::new([
        ("#".to_owned(), Align::Right),
        (out.text("due date", "échéance").to_owned(), Align::Left),
        (
            format!("{} ({currency})", out.text("amount", "montant")),
            Align::Right,
        ),
        (out.text("base", "HT").to_owned(), Align::Right),
        (out.text("VAT", "TVA").to_owned(), Align::Right),
        (
            out.text("discount until", "escompte jusqu'au").to_owned(),
            Align::Left,
        ),
        (out.text("discount", "escompte").to_owned(), Align::Right),
        (
            out.text("net if paid early", "net si payé tôt").to_owned(),
            Align::Right,
        ),
    ]);
    for line in plan.lines() {
        let (until, cut, net) = match line.discount() {
            Some(d) => (
                d.last_day().to_string(),
                out.amount(d.discount().total()),
                out.amount(d.net()),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        table.row(vec![
            line.number().to_string(),
            line.due_date().to_string(),
            out.amount(line.amount().total()),
            out.amount(line.amount().base()),
            out.amount(line.amount().vat()),
            until,
            cut,
            net,
        ]);
    }
    let invoice = plan.invoice().amount();
    table.totals(vec![
        String::new(),
        out.text("total", "total").to_owned(),
        out.amount(invoice.total()),
        out.amount(invoice.base()),
        out.amount(invoice.vat()),
        String::new(),
        String::new(),
        String::new(),
    ]);
    let mut text = format!(
        "{} {} {} {}\n\n{}",
        out.text("Invoice", "Facture"),
        plan.invoice().reference(),
        out.text("of", "du"),
        plan.invoice().date(),
        table.render()
    );
    for check in &result.checks {
        text.push('\n');
        text.push_str(&check.explain(out.language));
    }
    if let Some(floor) = &result.rate_floor {
        text.push('\n');
        text.push_str(&floor.explain(out.language));
        text.push('\n');
    }
    text
}

/// One record per line (the legal checks are in the table and the JSON).
fn csv(result: &TermsResult) -> String {
    let plan = &result.plan;
    let currency = plan.invoice().amount().total().currency().to_string();
    let mut csv = Csv::new(&[
        "line",
        "due_date",
        "amount",
        "base",
        "vat",
        "currency",
        "discount_until",
        "discount",
        "net_if_paid_early",
    ]);
    for line in plan.lines() {
        let (until, cut, net) = match line.discount() {
            Some(d) => (
                d.last_day().to_string(),
                render::plain(d.discount().total()),
                render::plain(d.net()),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        csv.record([
            line.number().to_string(),
            line.due_date().to_string(),
            render::plain(line.amount().total()),
            render::plain(line.amount().base()),
            render::plain(line.amount().vat()),
            currency.clone(),
            until,
            cut,
            net,
        ]);
    }
    csv.finish()
}
