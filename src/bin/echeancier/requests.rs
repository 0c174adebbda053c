//! The JSON requests: where they are read from, and the envelopes of the commands that take more
//! than one library value. Every field is one of the library's own serde types, so a request is
//! validated as it is read, exactly as the library's constructors would.

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use echeancier::{
    Currency, OverdueItem, Payment, PenaltyPolicy, PlanRequest, Schedule, SettlementOffer,
    StatementOptions,
};
use serde::de::{DeserializeOwned, IgnoredAny};

use crate::error::{CliError, Said};

/// The text of a request and where it came from (for the error messages).
#[derive(Debug)]
pub(crate) struct Source {
    origin: String,
    text: String,
}

impl Source {
    /// Reads `path`, or standard input when it is absent or `-`.
    pub(crate) fn read(path: Option<&Path>) -> Result<Source, CliError> {
        match path {
            Some(path) if path != Path::new("-") => {
                let bytes = std::fs::read(path).map_err(|source| CliError::Read {
                    path: path.to_path_buf(),
                    source,
                })?;
                Source::of_bytes(path.display().to_string(), bytes)
            }
            _ => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|source| CliError::Stdin { source })?;
                Source::of_bytes("standard input".to_owned(), bytes)
            }
        }
    }

    /// The request in `bytes`: UTF-8 text, a byte-order mark at its start skipped (as some editors
    /// write one). Bytes that are not UTF-8 are malformed input (exit code 2), not a failure to read.
    fn of_bytes(origin: String, bytes: Vec<u8>) -> Result<Source, CliError> {
        match String::from_utf8(bytes) {
            Ok(text) => {
                let text = match text.strip_prefix('\u{feff}') {
                    Some(rest) => rest.to_owned(),
                    None => text,
                };
                Ok(Source { origin, text })
            }
            Err(error) => {
                let at = error.utf8_error().valid_up_to();
                let reason = Said::new(
                    format!("the request is not UTF-8 text (invalid byte at offset {at})"),
                    format!(
                        "la requête n'est pas du texte UTF-8 (octet invalide à la position {at})"
                    ),
                );
                Err(CliError::Request { origin, reason })
            }
        }
    }

    /// The request read as a `T`.
    pub(crate) fn parse<T: DeserializeOwned>(&self) -> Result<T, CliError> {
        // A request is one JSON object: say so before the reader names its own types.
        let first = self.text.trim_start().chars().next();
        if first.is_some_and(|c| c != '{') {
            return Err(self.invalid(Said::new(
                "a request is one JSON object, `{ … }` (see the README, \"JSON format\")",
                "une requête est un seul objet JSON, `{ … }` (voir le README, « JSON format »)",
            )));
        }
        let json = |source| CliError::Json {
            origin: self.origin.clone(),
            path: String::new(),
            source,
            french: None,
        };
        let mut reader = serde_json::Deserializer::from_str(&self.text);
        let value = serde_path_to_error::deserialize(&mut reader).map_err(|error| {
            // Where in the request: `debt.claims[1].amount` (`.` alone for the request itself).
            let path = error.path().clone();
            let source = error.into_inner();
            let message = crate::error::position_removed(&source.to_string(), &source);
            let french = crate::french::library_message(&self.text, &path, &message);
            let path = path.to_string();
            CliError::Json {
                origin: self.origin.clone(),
                path: if path == "." { String::new() } else { path },
                source,
                french,
            }
        })?;
        // Nothing but white space after the request, as `serde_json::from_str` requires.
        reader.end().map_err(json)?;
        Ok(value)
    }

    /// An error about the request as a whole.
    pub(crate) fn invalid(&self, reason: Said) -> CliError {
        CliError::Request {
            origin: self.origin.clone(),
            reason,
        }
    }
}

/// The field `"paid"` of requests written for earlier versions of the tool: payments tied to an
/// instalment number. It is read only to be refused with a message saying what replaces it.
type Legacy = Option<IgnoredAny>;

/// Refuses a request that still has `"paid"`.
fn refuse_paid(source: &Source, paid: &Legacy) -> Result<(), CliError> {
    match paid {
        Some(_) => Err(source.invalid(Said::new(
            "\"paid\" (amounts tied to instalment numbers) is no longer read: give the payments \
             received as \"payments\": [{\"reference\", \"date\", \"amount\"}], which the allocation \
             policy applies to the instalments",
            "« paid » (des montants liés à des numéros d'échéance) n'est plus lu : donnez les \
             paiements reçus dans « payments » : [{\"reference\", \"date\", \"amount\"}], que la \
             politique d'imputation applique aux échéances",
        ))),
        None => Ok(()),
    }
}

/// The plan a request is about: a schedule given in full (as `generate --format json` writes it),
/// or the plan request that generates it. Exactly one of the two.
fn plan_of(
    source: &Source,
    schedule: Option<Schedule>,
    plan: Option<PlanRequest>,
) -> Result<Schedule, CliError> {
    match (schedule, plan) {
        (Some(schedule), None) => Ok(schedule),
        (None, Some(plan)) => Ok(plan.generate()?),
        (Some(_), Some(_)) => Err(source.invalid(Said::new(
            "give either \"schedule\" or \"plan\", not both",
            "donnez « schedule » ou « plan », pas les deux",
        ))),
        (None, None) => Err(source.invalid(Said::new(
            "missing \"schedule\" or \"plan\"",
            "« schedule » ou « plan » manque",
        ))),
    }
}

/// `penalties`: overdue `items` (with `currency` when there are none), or the instalments of a
/// plan due before `as_of` after the `payments` received (allocated by the French policy, which
/// pays the penalties first).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PenaltiesRequest {
    pub(crate) policy: PenaltyPolicy,
    pub(crate) as_of: NaiveDate,
    #[serde(default)]
    pub(crate) items: Option<Vec<OverdueItem>>,
    #[serde(default)]
    pub(crate) currency: Option<Currency>,
    #[serde(default)]
    schedule: Option<Schedule>,
    #[serde(default)]
    plan: Option<PlanRequest>,
    #[serde(default)]
    pub(crate) payments: Option<Vec<Payment>>,
    #[serde(default)]
    paid: Legacy,
}

impl PenaltiesRequest {
    /// The plan whose instalments are overdue, when the request names one instead of items.
    pub(crate) fn take_plan(&mut self, source: &Source) -> Result<Option<Schedule>, CliError> {
        refuse_paid(source, &self.paid)?;
        let (schedule, plan) = (self.schedule.take(), self.plan.take());
        if schedule.is_none() && plan.is_none() {
            return Ok(None);
        }
        plan_of(source, schedule, plan).map(Some)
    }
}

/// `statement`: a plan, the payments made and the date of the statement.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatementRequest {
    #[serde(default)]
    schedule: Option<Schedule>,
    #[serde(default)]
    plan: Option<PlanRequest>,
    #[serde(default)]
    pub(crate) payments: Vec<Payment>,
    pub(crate) as_of: NaiveDate,
    #[serde(default)]
    pub(crate) options: StatementOptions,
}

impl StatementRequest {
    /// The plan the statement is about.
    pub(crate) fn take_plan(&mut self, source: &Source) -> Result<Schedule, CliError> {
        plan_of(source, self.schedule.take(), self.plan.take())
    }
}

/// `adjust <kind>`: a plan signed on `signed_on` and followed under `options`, the `payments`
/// received, and the adjustment's `terms` (a `Reschedule`, `Postponement`, `Prepayment`,
/// `Settlement` or `Lapse`) taking effect `on`. It is the account of the plan with one more event.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AdjustRequest<T> {
    #[serde(default)]
    schedule: Option<Schedule>,
    #[serde(default)]
    plan: Option<PlanRequest>,
    pub(crate) signed_on: NaiveDate,
    #[serde(default)]
    pub(crate) options: StatementOptions,
    #[serde(default)]
    pub(crate) payments: Vec<Payment>,
    pub(crate) on: NaiveDate,
    pub(crate) terms: T,
    #[serde(default)]
    paid: Legacy,
}

impl<T> AdjustRequest<T> {
    /// The plan being adjusted.
    pub(crate) fn take_plan(&mut self, source: &Source) -> Result<Schedule, CliError> {
        refuse_paid(source, &self.paid)?;
        plan_of(source, self.schedule.take(), self.plan.take())
    }
}

/// `quote`: a plan, the `payments` received, the settlement `offer`, and how the plan is followed:
/// `options` (allocation, penalties), or just the `penalties` policy under the French allocation.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuoteRequest {
    #[serde(default)]
    schedule: Option<Schedule>,
    #[serde(default)]
    plan: Option<PlanRequest>,
    #[serde(default)]
    pub(crate) payments: Vec<Payment>,
    pub(crate) offer: SettlementOffer,
    #[serde(default)]
    penalties: Option<PenaltyPolicy>,
    #[serde(default)]
    options: Option<StatementOptions>,
    #[serde(default)]
    paid: Legacy,
}

impl QuoteRequest {
    /// The plan to settle.
    pub(crate) fn take_plan(&mut self, source: &Source) -> Result<Schedule, CliError> {
        refuse_paid(source, &self.paid)?;
        plan_of(source, self.schedule.take(), self.plan.take())
    }

    /// The options of the statement the quote is read from.
    pub(crate) fn take_options(&mut self, source: &Source) -> Result<StatementOptions, CliError> {
        match (self.options.take(), self.penalties.take()) {
            (Some(options), None) => Ok(options),
            (None, Some(policy)) => Ok(StatementOptions::default().with_penalties(policy)),
            (None, None) => Ok(StatementOptions::default()),
            (Some(options), Some(_)) if options.penalties().is_some() => {
                Err(source.invalid(Said::new(
                    "give the penalty policy either in \"penalties\" or in \"options\", not both",
                    "donnez la politique de pénalités dans « penalties » ou dans « options », pas \
                     les deux",
                )))
            }
            (Some(options), Some(policy)) => Ok(options.with_penalties(policy)),
        }
    }
}
