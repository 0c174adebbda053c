//! `echeancier`, the command-line tool: reads a JSON request in the crate's serde format (from a
//! file or standard input), calls the library and writes the result as a table, JSON or CSV.
//!
//! The library stays pure; every read and write happens here. Errors of any kind flow back to
//! [`main`], which prints `error: <message>` on standard error and exits with the code of
//! [`CliError::exit_code`].

mod commands;
mod error;
mod french;
mod render;
mod requests;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::error::CliError;

const EXIT_CODES: &str = "\
Input is one JSON object (see README, \"JSON format\"), read from FILE or from standard input when
FILE is `-` or absent.

Exit codes:
  0  success: the result is on standard output
  1  input/output error (file not found, unreadable, output closed)
  2  bad input: command-line usage, malformed JSON, a value the library refuses, or a request it
     cannot satisfy; the message on standard error names the offending value";

/// Exact, explainable payment plans for debts, from JSON requests.
#[derive(Debug, Parser)]
#[command(name = "echeancier", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table, global = true)]
    format: Format,
    /// Language of the table output's headings and explanations.
    #[arg(long, short = 'l', value_enum, default_value_t = Lang::En, global = true)]
    lang: Lang,
    /// How the CSV output writes a text cell starting with `=`, `+`, `-` or `@` (a formula to a
    /// spreadsheet).
    #[arg(long, value_enum, default_value_t = CsvFormulas::Keep, global = true)]
    csv_formulas: CsvFormulas,
}

/// How formula-like text cells are written in CSV (`echeancier::FormulaCells`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CsvFormulas {
    /// As they are (RFC 4180): what a program reading the file expects.
    Keep,
    /// With an apostrophe before them, so that a spreadsheet shows them as text and does not run
    /// them; amounts are never changed.
    Neutralise,
}

/// How the result is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned columns with a totals line, for people.
    Table,
    /// The library's own serde output, pretty-printed.
    Json,
    /// RFC 4180: a header line, then one row per line.
    Csv,
}

/// The language of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Lang {
    /// English.
    En,
    /// French.
    Fr,
}

impl From<Lang> for echeancier::Language {
    fn from(lang: Lang) -> echeancier::Language {
        match lang {
            Lang::En => echeancier::Language::English,
            Lang::Fr => echeancier::Language::French,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// A payment plan from a plan request (the JSON of a `PlanRequest`).
    #[command(after_help = EXIT_CODES)]
    Generate(Input),
    /// The ranked options for a debt and a capacity (the JSON of a `ProposalRequest`).
    #[command(after_help = EXIT_CODES)]
    Propose(Input),
    /// Late-payment penalties on overdue items or on a plan's instalments, as of a date.
    #[command(after_help = EXIT_CODES)]
    Penalties(Input),
    /// Where a plan stands on a date after the payments made.
    #[command(after_help = EXIT_CODES)]
    Statement(Input),
    /// A new version of a plan after an adjustment.
    #[command(after_help = EXIT_CODES)]
    Adjust {
        /// The adjustment.
        #[command(subcommand)]
        kind: AdjustKind,
    },
    /// What settles a plan on a date under a settlement offer.
    #[command(after_help = EXIT_CODES)]
    Quote(Input),
    /// An invoice under its payment terms: the dated lines, their early-payment discounts and the
    /// legal checks asked for (`invoice`, `terms`, optional `limits` and `rate_floor`).
    #[command(after_help = EXIT_CODES)]
    Terms(Input),
    /// A built-in reference-rate table (the ECB rate, the French legal rate), brought up to date
    /// with a publisher's file (`--extend`), as the JSON a late-payment policy's `reference` takes,
    /// a table or CSV. No request is read.
    #[command(after_help = EXIT_CODES)]
    Rates(commands::RatesOptions),
    /// The follow-up of a plan from its account (the JSON of an `Account`: plan, signature date,
    /// options and events): the statement of a date, a settlement quote, or the history.
    #[command(after_help = EXIT_CODES)]
    Account {
        /// The account.
        #[command(flatten)]
        input: Input,
        /// The view and its dates.
        #[command(flatten)]
        options: commands::AccountOptions,
    },
}

#[derive(Debug, Subcommand)]
enum AdjustKind {
    /// What is outstanding, repaid on new terms (`terms`: a `Reschedule`).
    #[command(after_help = EXIT_CODES)]
    Reschedule(Input),
    /// A payment holiday on some instalments (`terms`: a `Postponement`).
    #[command(after_help = EXIT_CODES)]
    Postpone(Input),
    /// An early repayment (`terms`: a `Prepayment`).
    #[command(after_help = EXIT_CODES)]
    Prepay(Input),
    /// The plan settled under an offer (`terms`: a `Settlement`).
    #[command(after_help = EXIT_CODES)]
    Settle(Input),
    /// The plan lapses and everything falls due (`terms`: a `Lapse`).
    #[command(after_help = EXIT_CODES)]
    Lapse(Input),
}

/// Where the JSON request comes from.
#[derive(Debug, clap::Args)]
struct Input {
    /// The JSON request; standard input when `-` or absent.
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
}

impl Input {
    fn read(&self) -> Result<requests::Source, CliError> {
        requests::Source::read(self.file.as_deref())
    }
}

/// A command line the parser refused, or a request for help or the version: help and version
/// are printed as they are (exit 0); a usage error is one line on standard error, `error: ` and
/// what is wrong, with the hint to ask for help (exit 2).
fn usage(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // Help goes to standard output; if it cannot be written there is nothing else to say.
            let _ = error.print();
            ExitCode::SUCCESS
        }
        _ if french_asked() => {
            eprintln!("erreur : {} (voir --help)", french::usage(error));
            ExitCode::from(2)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprintln!("error: a command is needed (see --help)");
            ExitCode::from(2)
        }
        _ => {
            let rendered = error.render().to_string();
            let first = rendered
                .lines()
                .map(str::trim)
                .find(|line| !line.is_empty())
                .unwrap_or("invalid command line");
            let what = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!("error: {what} (see --help)");
            ExitCode::from(2)
        }
    }
}

/// Whether the command line the parser refused asks for French (`--lang fr`, `--lang=fr`, `-l fr`,
/// `-lfr`): its refusal is then said in French too.
fn french_asked() -> bool {
    let args: Vec<String> = std::env::args().skip(1).collect();
    args.iter().enumerate().any(|(at, arg)| {
        matches!(arg.as_str(), "--lang=fr" | "-lfr" | "-l=fr")
            || (matches!(arg.as_str(), "--lang" | "-l")
                && args.get(at.saturating_add(1)).map(String::as_str) == Some("fr"))
    })
}

fn run(cli: &Cli) -> Result<String, CliError> {
    render::csv::set_formula_cells(match cli.csv_formulas {
        CsvFormulas::Keep => echeancier::FormulaCells::Keep,
        CsvFormulas::Neutralise => echeancier::FormulaCells::Neutralise,
    });
    let out = render::Output::new(cli.format, cli.lang.into());
    match &cli.command {
        Command::Generate(input) => commands::generate(&input.read()?, out),
        Command::Propose(input) => commands::propose(&input.read()?, out),
        Command::Penalties(input) => commands::penalties(&input.read()?, out),
        Command::Statement(input) => commands::statement(&input.read()?, out),
        Command::Quote(input) => commands::quote(&input.read()?, out),
        Command::Terms(input) => commands::terms(&input.read()?, out),
        Command::Rates(options) => commands::rates(options, out),
        Command::Account { input, options } => {
            // The options are checked before anything is read.
            let query = options.query()?;
            commands::account(&input.read()?, &query, out)
        }
        Command::Adjust { kind } => match kind {
            AdjustKind::Reschedule(input) => commands::reschedule(&input.read()?, out),
            AdjustKind::Postpone(input) => commands::postpone(&input.read()?, out),
            AdjustKind::Prepay(input) => commands::prepay(&input.read()?, out),
            AdjustKind::Settle(input) => commands::settle(&input.read()?, out),
            AdjustKind::Lapse(input) => commands::lapse(&input.read()?, out),
        },
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage(&error),
    };
    // The whole output is rendered before anything is written, so a failure leaves stdout empty.
    let result = run(&cli).and_then(|text| {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|source| CliError::Output { source })
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", error.line(cli.lang.into()));
            ExitCode::from(error.exit_code())
        }
    }
}
