//! `rates`: a built-in reference-rate table, brought up to date with a publisher's file when one is
//! given, as the JSON a late-payment policy takes (`"reference": {"table": …}`), a table or CSV.

use std::path::PathBuf;

use chrono::NaiveDate;
use echeancier::{LegalRateCreditor, RateTable};

use crate::error::{CliError, Said};
use crate::render::{self, Align, Csv, Output, Table};
use crate::Format;

/// The options of `rates`, as given on the command line.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct Options {
    /// The built-in table.
    #[arg(value_enum)]
    table: BuiltIn,
    /// A publisher's file with the rates published since the built-in table: the ECB's CSV export
    /// of the series (`ecb`), or the French legal rate as published, the arrêtés' text or a table
    /// of half-years (`fr-legal-*`).
    #[arg(long, value_name = "FILE")]
    extend: Option<PathBuf>,
    /// The last day the table is known to be valid: required with `--extend` for `ecb` (an export
    /// of decisions does not say it); for the French legal rate, the end of the last half-year read.
    #[arg(long, value_name = "YYYY-MM-DD")]
    valid_until: Option<String>,
}

/// The built-in tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum BuiltIn {
    /// The ECB main refinancing rate.
    Ecb,
    /// The French legal interest rate for a creditor who is a private person.
    FrLegalPersonal,
    /// The French legal interest rate in all other cases.
    FrLegalOther,
}

/// `rates`: no request is read; the table is written in the format asked for.
pub(crate) fn rates(options: &Options, out: Output) -> Result<String, CliError> {
    let valid_until = options
        .valid_until
        .as_deref()
        .map(|text| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                CliError::Usage(Said::new(
                    format!("invalid date {text:?} for --valid-until: expected YYYY-MM-DD"),
                    format!("date invalide {text:?} pour --valid-until : AAAA-MM-JJ attendu"),
                ))
            })
        })
        .transpose()?;
    let creditor = match options.table {
        BuiltIn::Ecb => None,
        BuiltIn::FrLegalPersonal => Some(LegalRateCreditor::PersonalCreditor),
        BuiltIn::FrLegalOther => Some(LegalRateCreditor::OtherCases),
    };
    let mut table = match creditor {
        None => RateTable::ecb_main_refinancing()?,
        Some(creditor) => RateTable::fr_legal_rate(creditor)?,
    };
    if let Some(path) = &options.extend {
        let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
            path: path.clone(),
            source,
        })?;
        let newer = match (creditor, valid_until) {
            (Some(creditor), _) => RateTable::from_fr_legal_rate_publication(&text, creditor)?,
            (None, Some(until)) => RateTable::from_ecb_csv(&text, until)?,
            (None, None) => return Err(CliError::Usage(Said::new(
                "--extend with the ECB's export needs --valid-until YYYY-MM-DD, the last day \
                     its rates are known to hold",
                "--extend avec l'export de la BCE demande --valid-until AAAA-MM-JJ, le dernier \
                     jour où ses taux sont connus",
            ))),
        };
        table = table.extended_with(&newer)?;
    }
    // With the ECB's export the date was its own; otherwise it states how long the table holds.
    let ecb_export = creditor.is_none() && options.extend.is_some();
    if let (Some(until), false) = (valid_until, ecb_export) {
        table = table.with_valid_until(until)?;
    }
    match out.format {
        Format::Json => render::json(&table),
        Format::Csv => {
            // The layout `RateTable::from_csv` reads back.
            let mut csv = Csv::new(&["effective_date", "rate_percent"]);
            for (date, percent) in table.entries() {
                csv.record([date.to_string(), percent.to_string()]);
            }
            Ok(csv.finish())
        }
        Format::Table => {
            let mut rows = Table::new([
                (out.text("in force from", "en vigueur le"), Align::Left),
                (out.text("rate", "taux"), Align::Right),
            ]);
            for (date, percent) in table.entries() {
                let number = match out.language {
                    echeancier::Language::French => {
                        format!("{}\u{a0}%", percent.to_string().replace('.', ","))
                    }
                    _ => format!("{percent}%"),
                };
                rows.row(vec![date.to_string(), number]);
            }
            Ok(format!(
                "{}\n{}{} {}\n",
                rows.render(),
                out.text("valid until", "valable jusqu'au"),
                out.colon(),
                table.valid_until()
            ))
        }
    }
}
