//! `quote`: what settles a plan on a date under a settlement offer.

use echeancier::{Money, SettlementQuote, Statement};

use crate::error::CliError;
use crate::render::{self, Align, Csv, Output, Table};
use crate::requests::{QuoteRequest, Source};
use crate::Format;

/// `quote`: the input is a [`QuoteRequest`].
pub(crate) fn quote(source: &Source, out: Output) -> Result<String, CliError> {
    let mut request: QuoteRequest = source.parse()?;
    let schedule = request.take_plan(source)?;
    let options = request.take_options(source)?;
    // The statement of the pay-by date: one allocation of the payments says what is still owed
    // of each part of each instalment, and what of the penalties was already paid.
    let pay_by = request.offer.pay_by();
    let statement = Statement::new(&schedule, &request.payments, &options, pay_by)?;
    let quote = request.offer.quote(&statement)?;
    render_quote(&quote, out)
}

/// A settlement quote in the output's format.
pub(crate) fn render_quote(quote: &SettlementQuote, out: Output) -> Result<String, CliError> {
    match out.format {
        Format::Json => render::json(quote),
        Format::Csv => csv(quote),
        Format::Table => table(quote, out),
    }
}

/// The quote's lines, signed so that they add up to the payoff: what is owed, less the credit of
/// payments ahead of time and the discount; when the credit is more than the rest, what of it is
/// given back (its line only then).
fn lines(quote: &SettlementQuote) -> Result<Vec<Line>, CliError> {
    let zero = Money::zero(quote.currency());
    let mut lines = vec![
        (
            "principal",
            "remaining principal",
            "capital restant",
            quote.principal(),
        ),
        (
            "interest",
            "unpaid interest",
            "intérêts impayés",
            quote.interest(),
        ),
        (
            "accrued_interest",
            "accrued interest",
            "intérêts courus",
            quote.accrued_interest(),
        ),
        ("fees", "unpaid fees", "frais impayés", quote.fees()),
        (
            "penalties",
            "late-payment penalties",
            "pénalités de retard",
            quote.penalties(),
        ),
        (
            "credit",
            "credit",
            "avoir",
            zero.checked_sub(quote.credit())?,
        ),
    ];
    if quote.refund().is_positive() {
        lines.push((
            "refund",
            "credit to refund",
            "avoir à rembourser",
            quote.refund(),
        ));
    }
    lines.push((
        "discount",
        "discount",
        "remise",
        zero.checked_sub(quote.discount())?,
    ));
    Ok(lines)
}

/// A line of a quote: its CSV name, its English and French labels, its signed amount.
type Line = (&'static str, &'static str, &'static str, Money);

fn table(quote: &SettlementQuote, out: Output) -> Result<String, CliError> {
    let currency = quote.currency();
    let mut table = Table::new([
        (out.text("line", "ligne").to_owned(), Align::Left),
        (
            format!("{} ({currency})", out.text("amount", "montant")),
            Align::Right,
        ),
    ]);
    for (_, english, french, amount) in lines(quote)? {
        table.row(vec![
            out.text(english, french).to_owned(),
            out.amount(amount),
        ]);
    }
    table.totals(vec![
        out.text("to pay", "à payer").to_owned(),
        out.amount(quote.payoff()),
    ]);
    let mut text = format!(
        "{} {}\n\n{}",
        out.text("Settlement by", "Solde au"),
        quote.pay_by(),
        table.render()
    );
    if !quote.penalties_paid().is_zero() {
        text.push_str(&format!(
            "{}{} {} {currency}\n",
            out.text(
                "penalties already paid by the payments (not charged again)",
                "pénalités déjà payées par les versements (non comptées à nouveau)"
            ),
            out.colon(),
            out.amount(quote.penalties_paid()),
        ));
    }
    Ok(text)
}

fn csv(quote: &SettlementQuote) -> Result<String, CliError> {
    let mut csv = Csv::new(&["line", "amount", "currency"]);
    let currency = quote.currency().to_string();
    for (name, _, _, amount) in lines(quote)? {
        csv.record([name.to_owned(), render::plain(amount), currency.clone()]);
    }
    csv.record(["total".to_owned(), render::plain(quote.payoff()), currency]);
    Ok(csv.finish())
}
