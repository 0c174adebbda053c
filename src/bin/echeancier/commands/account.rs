//! `account`: the follow-up of one plan read from its account (the JSON of an `Account`: the
//! plan, the day it was signed, the options and every event since), as a statement of a date, a
//! settlement quote or the history of its versions and events.

use chrono::NaiveDate;
use echeancier::{
    Account, AdjustmentRecord, ChargeKind, CreditUse, Currency, Event, KeptInstalment, Money,
    Percent, PlanVersion, Reduction, Schedule, SettlementBase, SettlementOffer, Statement,
};
use serde::Serialize;

use super::adjust::{kind_name, status_name, version_table};
use super::quote::render_quote;
use super::statement::render_statement;
use crate::error::{CliError, Said};
use crate::render::{self, Align, Csv, Output, Table};
use crate::requests::Source;
use crate::Format;

/// What `account` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum View {
    /// Where the plan stands on `--as-of`: the statement of the version then in force.
    Statement,
    /// What settles the plan on `--pay-by` under a reduction.
    Quote,
    /// Every version (its schedule and the record of the adjustment that made it) with the
    /// events recorded while it was in force.
    History,
}

/// What a settlement's reduction applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Base {
    /// Everything owed: principal, interest, fees and penalties.
    Total,
    /// The remaining principal only.
    Principal,
    /// The late-payment penalties only.
    Penalties,
}

impl From<Base> for SettlementBase {
    fn from(base: Base) -> SettlementBase {
        match base {
            Base::Total => SettlementBase::Total,
            Base::Principal => SettlementBase::Principal,
            Base::Penalties => SettlementBase::Penalties,
        }
    }
}

/// The options of `account`, as given on the command line.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct Options {
    /// What to write.
    #[arg(long, value_enum, default_value_t = View::Statement)]
    view: View,
    /// The day of the statement (required by `--view statement`); the last day the history shows
    /// (by default the day of the last event); for a quote, the pay-by date if `--pay-by` is not
    /// given.
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// `--view quote`: the day the settlement is paid by.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pay_by: Option<String>,
    /// `--view quote`: the reduction, a percentage ("10%") or an amount in the plan's currency
    /// ("50.00"); none by default.
    #[arg(long, value_name = "PERCENT|AMOUNT")]
    reduction: Option<String>,
    /// `--view quote`: what the reduction applies to [default: total].
    #[arg(long, value_enum)]
    base: Option<Base>,
}

/// The options checked: one of the three views with its dates.
#[derive(Debug)]
pub(crate) enum Query {
    Statement {
        as_of: NaiveDate,
    },
    Quote {
        pay_by: NaiveDate,
        reduction: Option<String>,
        base: SettlementBase,
    },
    History {
        as_of: Option<NaiveDate>,
    },
}

/// A date given on the command line.
fn date(flag: &str, text: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        CliError::Usage(Said::new(
            format!("invalid date {text:?} for {flag}: expected YYYY-MM-DD"),
            format!("date invalide {text:?} pour {flag} : AAAA-MM-JJ attendu"),
        ))
    })
}

impl Options {
    /// The view asked for, with its dates; an error for a date that does not parse, a missing
    /// one, or an option the view does not take.
    pub(crate) fn query(&self) -> Result<Query, CliError> {
        let as_of = self
            .as_of
            .as_deref()
            .map(|t| date("--as-of", t))
            .transpose()?;
        if self.view != View::Quote {
            let name = if self.view == View::Statement {
                "statement"
            } else {
                "history"
            };
            for (flag, given) in [
                ("--pay-by", self.pay_by.is_some()),
                ("--reduction", self.reduction.is_some()),
                ("--base", self.base.is_some()),
            ] {
                if given {
                    return Err(CliError::Usage(Said::new(
                        format!("{flag} is for --view quote, not --view {name}"),
                        format!("{flag} sert à --view quote, pas à --view {name}"),
                    )));
                }
            }
        }
        match self.view {
            View::Statement => match as_of {
                Some(as_of) => Ok(Query::Statement { as_of }),
                None => Err(CliError::Usage(Said::new(
                    "--view statement needs --as-of YYYY-MM-DD, the day of the statement",
                    "--view statement demande --as-of AAAA-MM-JJ, le jour du relevé",
                ))),
            },
            View::History => Ok(Query::History { as_of }),
            View::Quote => {
                let pay_by = self
                    .pay_by
                    .as_deref()
                    .map(|t| date("--pay-by", t))
                    .transpose()?;
                let pay_by = match (pay_by, as_of) {
                    (Some(p), Some(a)) if p != a => {
                        return Err(CliError::Usage(Said::new(
                            format!(
                                "--pay-by {p} and --as-of {a} differ: a quote is made on its \
                                     pay-by date, give one of them"
                            ),
                            format!(
                                "--pay-by {p} et --as-of {a} diffèrent : un devis se fait à \
                                     sa date de paiement, donnez l'une des deux"
                            ),
                        )))
                    }
                    (Some(date), _) | (None, Some(date)) => date,
                    (None, None) => {
                        return Err(CliError::Usage(Said::new(
                            "--view quote needs --pay-by YYYY-MM-DD, the day the settlement \
                                 is paid by",
                            "--view quote demande --pay-by AAAA-MM-JJ, le jour où le solde \
                                 est payé",
                        )))
                    }
                };
                Ok(Query::Quote {
                    pay_by,
                    reduction: self.reduction.clone(),
                    base: self
                        .base
                        .map_or(SettlementBase::Total, SettlementBase::from),
                })
            }
        }
    }
}

/// A reduction given on the command line: `10%`, `50.00` (in `currency`) or `50.00 EUR`.
fn reduction(text: &str, currency: Currency) -> Result<Reduction, CliError> {
    let trimmed = text.trim();
    let invalid = |reason: echeancier::Error| {
        CliError::Usage(Said::new(
            format!(
                "invalid value {text:?} for --reduction: {reason}; give a percentage (\"10%\") or \
                 an amount (\"50.00\")"
            ),
            format!(
                "valeur invalide {text:?} pour --reduction : {} ; donnez un pourcentage (\"10%\") \
                 ou un montant (\"50.00\")",
                reason.to_string_in(echeancier::Language::French)
            ),
        ))
    };
    if trimmed.ends_with('%') {
        let percent: Percent = trimmed.parse().map_err(invalid)?;
        return Ok(Reduction::Percent(percent));
    }
    let money: Money = if trimmed.contains(' ') {
        trimmed.parse()
    } else {
        format!("{trimmed} {}", currency.code()).parse()
    }
    .map_err(invalid)?;
    Reduction::amount(money).map_err(invalid)
}

/// `account`: the input is the JSON of an `Account`.
pub(crate) fn account(source: &Source, query: &Query, out: Output) -> Result<String, CliError> {
    let account: Account = source.parse()?;
    match query {
        Query::Statement { as_of } => statement(source, &account, *as_of, out),
        Query::Quote {
            pay_by,
            reduction: given,
            base,
        } => {
            let reduction = match given {
                Some(text) => reduction(text, account.currency())?,
                None => Reduction::Percent(Percent::ZERO),
            };
            let offer = SettlementOffer::new(*pay_by, reduction)?.applies_to(*base);
            if let Err(error) = account.statement(*pay_by) {
                return Err(closed(source, &account, *pay_by, error));
            }
            let quote = account.quote(&offer)?;
            let text = render_quote(&quote, out)?;
            match out.format {
                Format::Table => Ok(format!("{}\n{text}", heading(&account, *pay_by, out)?)),
                _ => Ok(text),
            }
        }
        Query::History { as_of } => {
            let as_of = as_of.unwrap_or_else(|| {
                account
                    .events()
                    .last()
                    .map_or(account.signed_on(), Event::date)
            });
            history(source, &account, as_of, out)
        }
    }
}

/// The error of a statement asked of a plan closed on that day (settled, or completed by an
/// adjustment), said as such; any other error as it is.
fn closed(
    source: &Source,
    account: &Account,
    as_of: NaiveDate,
    error: echeancier::Error,
) -> CliError {
    match (&error, account.version_on(as_of)) {
        (echeancier::Error::PlanClosed { status }, Some(version)) => source.invalid(Said::new(
            format!(
                "the plan is {status} since {} (version {}): there is nothing left to follow on \
                 {as_of}; ask for an earlier date, or --view history",
                version.effective(),
                version.number()
            ),
            format!(
                "le plan est {} depuis le {} (version {}) : il ne reste rien à suivre le {as_of} ; \
                 demandez une date antérieure, ou --view history",
                version.status().to_string_in(echeancier::Language::French),
                version.effective(),
                version.number()
            ),
        )),
        _ => CliError::Library(error),
    }
}

/// The version in force on `as_of` and where the plan stands that day, for a table's first line.
fn heading(account: &Account, as_of: NaiveDate, out: Output) -> Result<String, CliError> {
    let status = status_name(account.status(as_of)?, out);
    let Some(version) = account.version_on(as_of) else {
        return Ok(String::new());
    };
    let made_by = version
        .record()
        .map(|r| format!(" ({})", kind_name(r.kind(), out)))
        .unwrap_or_default();
    Ok(format!(
        "{} {} {} {}{made_by}, {} {as_of}{} {status}\n",
        out.text("Version", "Version"),
        version.number(),
        out.text("from", "du"),
        version.effective(),
        out.text("on", "au"),
        out.colon(),
    ))
}

fn statement(
    source: &Source,
    account: &Account,
    as_of: NaiveDate,
    out: Output,
) -> Result<String, CliError> {
    let statement = account
        .statement(as_of)
        .map_err(|e| closed(source, account, as_of, e))?;
    let text = render_statement(&statement, out)?;
    match out.format {
        Format::Table => Ok(format!("{}\n{text}", heading(account, as_of, out)?)),
        _ => Ok(text),
    }
}

/// Where a version's events end: what it received while it was in force.
#[derive(Debug, Serialize)]
struct Ledger {
    /// The day it was replaced, or the history's date for the version in force.
    as_of: NaiveDate,
    paid: Money,
    penalties_accrued: Money,
    penalties_paid: Money,
    penalties_outstanding: Money,
    opening_credit: Money,
    credit: Money,
    refunded: Money,
    remaining_balance: Money,
    charges_outstanding: Money,
}

impl Ledger {
    fn of(statement: &Statement) -> Ledger {
        Ledger {
            as_of: statement.as_of(),
            paid: statement.paid(),
            penalties_accrued: statement.penalties_accrued(),
            penalties_paid: statement.penalties_paid(),
            penalties_outstanding: statement.penalties_outstanding(),
            opening_credit: statement.opening_credit(),
            credit: statement.credit(),
            refunded: statement.refunded(),
            remaining_balance: statement.remaining_balance(),
            charges_outstanding: statement.charges_outstanding(),
        }
    }
}

/// One version in the history.
#[derive(Debug, Serialize)]
struct VersionView<'a> {
    number: u32,
    effective: NaiveDate,
    /// `replaced` for a version an adjustment replaced; for the one in force, its status on the
    /// history's date (`active`, `completed`, `settled`, `lapsed`).
    status: String,
    replaced_on: Option<NaiveDate>,
    schedule: Option<&'a Schedule>,
    kept: &'a [KeptInstalment],
    record: Option<&'a AdjustmentRecord>,
    /// The interest of the new terms less the interest the replaced terms still had to charge.
    interest_change: Option<Money>,
    ledger: Option<Ledger>,
    /// The adjustment that made it (for a version after the first), then the payments and uses of
    /// the credit recorded while it was in force, in date order.
    events: Vec<&'a Event>,
    #[serde(skip)]
    version: &'a PlanVersion,
}

/// The history of an account as of a date.
#[derive(Debug, Serialize)]
struct HistoryView<'a> {
    signed_on: NaiveDate,
    as_of: NaiveDate,
    currency: Currency,
    status: String,
    versions: Vec<VersionView<'a>>,
}

/// The history of `account` as it stood on `as_of`.
fn history_view(account: &Account, as_of: NaiveDate) -> Result<HistoryView<'_>, CliError> {
    let versions: Vec<&PlanVersion> = account
        .history()
        .versions()
        .filter(|v| v.effective() <= as_of)
        .collect();
    let mut ledger: Vec<Option<Statement>> = account.ledger(as_of)?.into_iter().map(Some).collect();
    let mut views = Vec::with_capacity(versions.len());
    for (i, version) in versions.iter().enumerate() {
        let replaced_on = versions.get(i + 1).map(|next| next.effective());
        let status = match replaced_on {
            Some(_) => "replaced".to_owned(),
            None => account.status(as_of)?.to_string(),
        };
        let statement = ledger
            .iter_mut()
            .find(|s| s.as_ref().is_some_and(|s| s.version() == version.number()))
            .and_then(Option::take);
        views.push(VersionView {
            number: version.number(),
            effective: version.effective(),
            status,
            replaced_on,
            schedule: version.schedule(),
            kept: version.kept(),
            record: version.record(),
            interest_change: version
                .record()
                .map(AdjustmentRecord::interest_change)
                .transpose()?,
            ledger: statement.as_ref().map(Ledger::of),
            events: Vec::new(),
            version,
        });
    }
    for view in &mut views {
        view.events = account
            .events_of(view.number)
            .iter()
            .take_while(|e| e.date() <= as_of)
            .collect();
    }
    Ok(HistoryView {
        signed_on: account.signed_on(),
        as_of,
        currency: account.currency(),
        status: account.status(as_of)?.to_string(),
        versions: views,
    })
}

/// An event's CSV name, English and French labels, reference and amount.
fn event_line<'a>(
    event: &'a Event,
    record: Option<&'a AdjustmentRecord>,
) -> (
    &'static str,
    &'static str,
    &'static str,
    &'a str,
    Option<Money>,
) {
    let paid = record.map(AdjustmentRecord::paid).filter(|m| !m.is_zero());
    let author = record.and_then(AdjustmentRecord::author).unwrap_or("");
    match event {
        Event::Payment(p) => (
            "payment",
            "payment",
            "versement",
            p.reference(),
            Some(p.amount()),
        ),
        Event::Credit(c) => match c.kind() {
            CreditUse::Refunded => (
                "credit_refunded",
                "credit refunded",
                "avoir remboursé",
                c.reference(),
                Some(c.amount()),
            ),
            _ => (
                "credit_applied",
                "credit applied",
                "avoir imputé",
                c.reference(),
                Some(c.amount()),
            ),
        },
        Event::Charge(c) => match c.kind() {
            ChargeKind::Penalty => (
                "penalty_charged",
                "penalty charged",
                "pénalité imputée",
                c.reference(),
                Some(c.amount()),
            ),
            _ => (
                "fee_charged",
                "fee charged",
                "frais imputés",
                c.reference(),
                Some(c.amount()),
            ),
        },
        Event::Reschedule { .. } => ("reschedule", "reschedule", "rééchelonnement", author, paid),
        Event::Postpone { .. } => ("postpone", "postponement", "report", author, paid),
        Event::Prepay { prepayment, .. } => (
            "prepay",
            "prepayment",
            "remboursement anticipé",
            author,
            Some(prepayment.amount()),
        ),
        Event::Settle { .. } => ("settle", "settlement", "solde transactionnel", author, paid),
        Event::Lapse { .. } => ("lapse", "lapse", "déchéance du terme", author, paid),
        _ => ("event", "event", "événement", "", None),
    }
}

fn history(
    source: &Source,
    account: &Account,
    as_of: NaiveDate,
    out: Output,
) -> Result<String, CliError> {
    if account.version_on(as_of).is_none() {
        return Err(source.invalid(Said::new(
            format!(
                "the plan was signed on {}: it has no history on {as_of}",
                account.signed_on()
            ),
            format!(
                "le plan a été signé le {} : il n'a pas d'historique le {as_of}",
                account.signed_on()
            ),
        )));
    }
    let view = history_view(account, as_of)?;
    match out.format {
        Format::Json => render::json(&view),
        Format::Csv => history_csv(&view),
        Format::Table => history_table(account, &view, out),
    }
}

fn history_table(
    account: &Account,
    view: &HistoryView<'_>,
    out: Output,
) -> Result<String, CliError> {
    let currency = view.currency;
    let events: usize = view.versions.iter().map(|v| v.events.len()).sum();
    let mut text = format!(
        "{} {}, {} {}{} {} ({} {}, {} {})\n",
        out.text("Plan signed on", "Plan signé le"),
        view.signed_on,
        out.text("history as of", "historique au"),
        view.as_of,
        out.colon(),
        status_name(account.status(view.as_of)?, out),
        view.versions.len(),
        match view.versions.len() {
            1 => out.text("version", "version"),
            _ => out.text("versions", "versions"),
        },
        events,
        match events {
            1 => out.text("event", "événement"),
            _ => out.text("events", "événements"),
        },
    );
    for v in &view.versions {
        let status = match v.replaced_on {
            Some(date) => format!("{} {date}", out.text("replaced on", "remplacée le")),
            None => status_name(account.status(view.as_of)?, out),
        };
        text.push('\n');
        text.push_str(&version_table(v.version, &status, out)?);
        if !v.events.is_empty() {
            let mut table = Table::new([
                (out.text("date", "date").to_owned(), Align::Left),
                (out.text("event", "événement").to_owned(), Align::Left),
                (out.text("reference", "référence").to_owned(), Align::Left),
                (
                    format!("{} ({currency})", out.text("amount", "montant")),
                    Align::Right,
                ),
            ]);
            for event in &v.events {
                let (_, english, french, reference, amount) = event_line(event, v.record);
                table.row(vec![
                    event.date().to_string(),
                    out.text(english, french).to_owned(),
                    reference.to_owned(),
                    amount.map(|m| out.amount(m)).unwrap_or_default(),
                ]);
            }
            text.push('\n');
            text.push_str(&table.render());
        }
        if let Some(ledger) = &v.ledger {
            text.push_str(&format!(
                "\n{} {}{}\n",
                out.text("Received while in force, to", "Reçu pendant sa durée, au"),
                ledger.as_of,
                out.colon()
            ));
            let mut lines = vec![
                (out.text("paid", "payé"), ledger.paid),
                (
                    out.text("penalties accrued", "pénalités courues"),
                    ledger.penalties_accrued,
                ),
                (
                    out.text("penalties paid", "pénalités payées"),
                    ledger.penalties_paid,
                ),
                (
                    out.text("penalties outstanding", "pénalités dues"),
                    ledger.penalties_outstanding,
                ),
            ];
            if !ledger.opening_credit.is_zero() {
                lines.push((
                    out.text("credit carried over", "avoir reporté"),
                    ledger.opening_credit,
                ));
            }
            if !ledger.refunded.is_zero() {
                lines.push((out.text("refunded", "remboursé"), ledger.refunded));
            }
            lines.push((out.text("credit held", "avoir détenu"), ledger.credit));
            lines.push((
                out.text("remaining balance", "reste dû"),
                ledger.remaining_balance,
            ));
            let mut summary =
                Table::new([(String::new(), Align::Left), (String::new(), Align::Right)]);
            for (label, money) in lines {
                summary.row(vec![
                    label.to_owned(),
                    format!("{} {currency}", out.amount(money)),
                ]);
            }
            for line in summary.render().lines().skip(2) {
                text.push_str("  ");
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    Ok(text)
}

/// One row per instalment of each version, then one per event recorded while it was in force.
fn history_csv(view: &HistoryView<'_>) -> Result<String, CliError> {
    let mut csv = Csv::new(&[
        "version",
        "line",
        "date",
        "instalment",
        "reference",
        "amount",
        "principal",
        "interest",
        "fees",
        "currency",
    ]);
    let currency = view.currency.to_string();
    for v in &view.versions {
        let number = v.number.to_string();
        if let Some(schedule) = v.schedule {
            for i in schedule.instalments() {
                csv.record([
                    number.clone(),
                    "instalment".to_owned(),
                    i.due_date().to_string(),
                    i.number().to_string(),
                    String::new(),
                    render::plain(i.amount()),
                    render::plain(i.principal()),
                    render::plain(i.interest()),
                    render::plain(i.fees()),
                    currency.clone(),
                ]);
            }
        }
        for event in &v.events {
            let (name, _, _, reference, amount) = event_line(event, v.record);
            csv.record([
                number.clone(),
                name.to_owned(),
                event.date().to_string(),
                String::new(),
                reference.to_owned(),
                amount.map(render::plain).unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
                currency.clone(),
            ]);
        }
    }
    Ok(csv.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reductions_are_percentages_or_amounts_in_the_plan_currency() {
        let eur = Currency::EUR;
        assert_eq!(
            reduction("10%", eur).ok(),
            "10%".parse().ok().map(Reduction::Percent)
        );
        assert_eq!(
            reduction("50.00", eur).ok(),
            "50.00 EUR"
                .parse()
                .ok()
                .and_then(|m| Reduction::amount(m).ok())
        );
        assert!(reduction("fifty", eur).is_err());
        assert!(reduction("-5.00", eur).is_err());
    }
}
