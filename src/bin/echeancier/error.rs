//! Everything that can go wrong in the tool, with its exit code: 1 for input/output, 2 for bad
//! input (what the library or the JSON reader refuses).

use std::path::PathBuf;

/// An error of the command-line tool; its message is printed after `error: `.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// The request file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Standard input could not be read.
    #[error("cannot read standard input: {source}")]
    Stdin { source: std::io::Error },
    /// Standard output could not be written.
    #[error("cannot write standard output: {source}")]
    Output { source: std::io::Error },
    /// The request is not JSON of the expected shape, or holds a value the library refuses.
    #[error("invalid request in {origin}: {}{}", at(path), readable(source))]
    Json {
        origin: String,
        /// Where in the request (`debt.claims[1].amount`), empty for the request as a whole.
        path: String,
        source: serde_json::Error,
        /// The library's own words in French for a value it refused while it was read, when
        /// they could be found.
        french: Option<String>,
    },
    /// The request is well formed but contradicts itself (e.g. both a plan and a schedule).
    #[error("invalid request in {origin}: {reason}")]
    Request { origin: String, reason: Said },
    /// An option on the command line is missing, malformed or not for this use.
    #[error("{0}")]
    Usage(Said),
    /// The library refused the request.
    #[error(transparent)]
    Library(#[from] echeancier::Error),
    /// The result could not be written as JSON.
    #[error("cannot write the result as JSON: {source}")]
    Serialize { source: serde_json::Error },
}

/// A sentence of the tool's own, in English and in French.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Said {
    english: String,
    french: String,
}

impl Said {
    /// The same thing said in both languages.
    pub(crate) fn new(english: impl Into<String>, french: impl Into<String>) -> Said {
        Said {
            english: english.into(),
            french: french.into(),
        }
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english)
    }
}

/// Where in the request an error is, as the start of its message: `at debt.claims[1].amount: `.
fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("at {path}: ")
    }
}

/// The JSON reader's message in the words of the request, not of the code that reads it: a
/// struct's name is "a JSON object", an internal representation is never named, and a date that
/// does not exist says so.
fn readable(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let mut out = String::with_capacity(text.len());
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.next() {
        if !out.is_empty() {
            out.push(' ');
        }
        match (word, words.peek()) {
            // "expected struct PlanRequest with 19 elements" / "expected struct DebtRepr"
            ("struct", Some(_)) => {
                words.next();
                out.push_str("a JSON object");
                if words.peek() == Some(&"with") {
                    // "with 19 elements" counts the fields of the code's struct: not the reader's.
                    words.next();
                    words.next();
                    words.next();
                }
            }
            _ => out.push_str(word),
        }
    }
    out.replace(
        "input is out of range",
        "a date that does not exist in the calendar (or out of range)",
    )
    .replace(
        "invalid length 0, expected a JSON object",
        "expected a JSON object, found an empty list",
    )
}

impl CliError {
    /// The line printed on standard error, in `language`: `error: …` or `erreur : …`.
    pub(crate) fn line(&self, language: echeancier::Language) -> String {
        match language {
            echeancier::Language::French => format!("erreur : {}", self.french()),
            _ => format!("error: {self}"),
        }
    }

    /// The message in French: the library's errors in its own French words, the JSON reader's
    /// and the system's translated.
    fn french(&self) -> String {
        use crate::french::{io_error, json_message};
        let origin = |origin: &str| match origin {
            "standard input" => "sur l'entrée standard".to_owned(),
            file => format!("dans {file}"),
        };
        match self {
            CliError::Read { path, source } => {
                format!(
                    "impossible de lire {} : {}",
                    path.display(),
                    io_error(source)
                )
            }
            CliError::Stdin { source } => {
                format!(
                    "impossible de lire l'entrée standard : {}",
                    io_error(source)
                )
            }
            CliError::Output { source } => format!(
                "impossible d'écrire sur la sortie standard : {}",
                io_error(source)
            ),
            CliError::Json {
                origin: from,
                path,
                source,
                french,
            } => {
                let at = if path.is_empty() {
                    String::new()
                } else {
                    format!("au champ `{path}` : ")
                };
                let message = french
                    .clone()
                    .unwrap_or_else(|| json_message(&position_removed(&readable(source), source)));
                let position = match (source.line(), source.column()) {
                    (0, _) => String::new(),
                    (line, column) => format!(" (ligne {line}, colonne {column})"),
                };
                format!(
                    "requête invalide {} : {at}{message}{position}",
                    origin(from)
                )
            }
            CliError::Request {
                origin: from,
                reason,
            } => format!("requête invalide {} : {}", origin(from), reason.french),
            CliError::Usage(said) => said.french.clone(),
            CliError::Library(error) => error.to_string_in(echeancier::Language::French),
            CliError::Serialize { source } => {
                format!("impossible d'écrire le résultat en JSON : {source}")
            }
        }
    }

    /// 1 for input/output errors, 2 for bad input.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            CliError::Read { .. } | CliError::Stdin { .. } | CliError::Output { .. } => 1,
            CliError::Json { .. }
            | CliError::Request { .. }
            | CliError::Usage(_)
            | CliError::Library(_)
            | CliError::Serialize { .. } => 2,
        }
    }
}

/// The reader's message without the position it ends with (` at line 3 column 7`).
pub(crate) fn position_removed(message: &str, error: &serde_json::Error) -> String {
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    message.strip_suffix(&suffix).unwrap_or(message).to_owned()
}
