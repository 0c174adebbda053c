//! The command-line tool, run as a process on the requests of `examples/requests/`: exit codes,
//! standard output in each format (JSON that parses, CSV whose amounts add up to the totals) and
//! standard error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use rust_decimal::Decimal;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_echeancier");

fn requests() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/requests")
}

/// Runs the tool with `args`, `stdin` as its standard input.
pub(crate) fn run(args: &[&str], stdin: &str) -> Output {
    run_bytes(args, stdin.as_bytes())
}

/// Runs the tool with `args`, the bytes `stdin` (text or not) as its standard input.
fn run_bytes(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The subcommand of an example request, from its file name: `adjust_<kind>` is
/// `adjust <kind>`, `penalties_plan` is `penalties`, `account_settled` is `account`.
pub(crate) fn command_for(path: &Path) -> Vec<String> {
    let stem = path.file_stem().unwrap().to_str().unwrap();
    if let Some(kind) = stem.strip_prefix("adjust_") {
        return vec!["adjust".into(), kind.into()];
    }
    let command = stem.split('_').next().unwrap();
    assert!(
        [
            "generate",
            "propose",
            "penalties",
            "statement",
            "quote",
            "account",
            "terms"
        ]
        .contains(&command),
        "no subcommand for {}",
        path.display()
    );
    vec![command.into()]
}

pub(crate) fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(requests())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "too few example requests: {files:?}");
    files
}

/// Runs `command` on `file` in `format`; checks it succeeds with something on stdout only.
fn run_ok(command: &[String], file: &Path, format: &str) -> String {
    let mut args: Vec<&str> = command.iter().map(String::as_str).collect();
    args.extend(["--format", format, file.to_str().unwrap()]);
    let output = run(&args, "");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        stderr(&output)
    );
    assert!(stderr(&output).is_empty(), "{args:?}: {}", stderr(&output));
    let text = stdout(&output);
    assert!(!text.trim().is_empty(), "{args:?}: empty output");
    text
}

/// A minimal RFC 4180 reader: records of fields, quoted fields with doubled quotes, CRLF ends.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    assert!(text.ends_with("\r\n"), "CSV records end with CRLF");
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => assert_eq!(chars.next(), Some('\n'), "a CR without LF"),
            (false, '\n') => panic!("a bare LF in CSV"),
            (false, c) => field.push(c),
        }
        if !quoted && c == '\r' {
            record.push(std::mem::take(&mut field));
            records.push(std::mem::take(&mut record));
        }
    }
    assert!(!quoted, "an unterminated quoted field");
    let width = records[0].len();
    assert!(records.iter().all(|r| r.len() == width), "ragged CSV");
    records
}

fn decimal(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|_| panic!("not a decimal: {text:?}"))
}

/// The amount of a serialised `Money` (`{"amount": "12.30", "currency": "EUR"}`).
fn money(value: &Value) -> Decimal {
    decimal(value["amount"].as_str().unwrap())
}

/// The sum of column `name` over `rows` (the header excluded).
fn column_sum(records: &[Vec<String>], name: &str) -> Decimal {
    let index = records[0].iter().position(|h| h == name).unwrap();
    records[1..].iter().map(|r| decimal(&r[index])).sum()
}

/// When the last record is a `total` row, every amount in it is the sum of the rows above.
fn check_total_row(records: &[Vec<String>]) -> bool {
    let Some(total) = records.last().filter(|r| r[0] == "total") else {
        return false;
    };
    let rows = &records[1..records.len() - 1];
    for (index, cell) in total.iter().enumerate().skip(1) {
        if let Ok(expected) = cell.parse::<Decimal>() {
            let sum: Decimal = rows.iter().map(|r| decimal(&r[index])).sum();
            assert_eq!(sum, expected, "column {} of {records:?}", records[0][index]);
        }
    }
    true
}

/// The schedule a result holds: the result itself for `generate`, the version in force for
/// `adjust`.
fn schedule_of(json: &Value) -> Option<&Value> {
    if json.get("instalments").is_some() && json.get("totals").is_some() {
        return Some(json);
    }
    json.get("current").and_then(|c| c.get("schedule"))
}

#[test]
fn every_example_request_runs_in_every_format() {
    for file in example_files() {
        let command = command_for(&file);
        if command[0] == "account" {
            check_account(&file);
            continue;
        }
        let table = run_ok(&command, &file, "table");
        let json: Value = serde_json::from_str(&run_ok(&command, &file, "json"))
            .unwrap_or_else(|e| panic!("{}: JSON output does not parse: {e}", file.display()));
        let csv = parse_csv(&run_ok(&command, &file, "csv"));
        assert!(csv.len() >= 2, "{}: no CSV rows", file.display());

        if check_total_row(&csv) {
            continue;
        }
        match command[0].as_str() {
            "generate" | "adjust" => {
                let schedule = schedule_of(&json).unwrap();
                let totals = &schedule["totals"];
                for column in ["amount", "principal", "interest", "fees"] {
                    assert_eq!(
                        column_sum(&csv, column),
                        money(&totals[column]),
                        "{}: {column}",
                        file.display()
                    );
                }
                // The table shows the same total, grouped by thousands.
                let total = money(&totals["amount"]).to_string();
                let grouped = if total.len() > 6 {
                    format!(
                        "{},{}",
                        &total[..total.len() - 6],
                        &total[total.len() - 6..]
                    )
                } else {
                    total
                };
                assert!(
                    table.contains(&grouped),
                    "{}: {grouped} in\n{table}",
                    file.display()
                );
            }
            "statement" => {
                assert_eq!(
                    column_sum(&csv, "unpaid"),
                    money(&json["remaining_balance"]),
                    "{}",
                    file.display()
                );
            }
            "propose" => {
                let options = json["options"].as_array().unwrap();
                assert_eq!(csv.len() - 1, options.len());
                let largest = csv[0]
                    .iter()
                    .position(|h| h == "largest_instalment")
                    .unwrap();
                let count = csv[0].iter().position(|h| h == "instalments").unwrap();
                for (row, option) in csv[1..].iter().zip(options) {
                    assert_eq!(decimal(&row[largest]), money(&option["largest_instalment"]));
                    assert_eq!(row[count], option["instalment_count"].to_string());
                }
            }
            "terms" => {
                // The dated lines of the invoice add up to it (checked in tests/integration/terms.rs);
                // here: one CSV row per line of the JSON result.
                let lines = json["lines"].as_array().map_or(0, Vec::len);
                assert!(
                    lines == 0 || csv.len() > lines,
                    "{}: {csv:?}",
                    file.display()
                );
            }
            other => panic!("{}: {other} has no total row to check", file.display()),
        }
    }
}

/// The dates of an account's events, in the order recorded, with whether each is a payment or a
/// use of the credit (rather than an adjustment).
fn account_events(file: &Path) -> Vec<(String, bool)> {
    let account: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    account["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| {
            let (kind, body) = event.as_object().unwrap().iter().next().unwrap();
            // A charge is dated the day it was added.
            let date = body.get("date").unwrap_or(&body["added_on"]);
            let date = date.as_str().unwrap().to_owned();
            (date, kind == "payment" || kind == "credit")
        })
        .collect()
}

/// `account` on an example account, in every view and every format: the statement of the day of
/// its last payment, the quote of the day of its last event (when the plan is still open) and
/// the history, each JSON that parses and CSV whose amounts add up.
fn check_account(file: &Path) {
    let events = account_events(file);
    let last_payment = events.iter().rev().find(|(_, p)| *p).unwrap().0.clone();
    let (last_event, last_is_payment) = events.last().unwrap().clone();
    let account = |args: &[&str]| -> Vec<String> {
        let mut command = vec!["account".to_owned()];
        command.extend(args.iter().map(|a| a.to_string()));
        command
    };

    // The statement of the day of the last payment.
    let command = account(&["--as-of", &last_payment]);
    let table = run_ok(&command, file, "table");
    assert!(
        table.contains("Statement as of"),
        "{}: {table}",
        file.display()
    );
    let json: Value = serde_json::from_str(&run_ok(&command, file, "json")).unwrap();
    assert_eq!(json["as_of"], last_payment.as_str());
    let csv = parse_csv(&run_ok(&command, file, "csv"));
    assert_eq!(
        column_sum(&csv, "unpaid"),
        money(&json["remaining_balance"]),
        "{}",
        file.display()
    );

    // A quote when the plan is still open: its lines add up to the payoff.
    if last_is_payment {
        for reduction in ["5%", "10.00"] {
            let command = account(&[
                "--view",
                "quote",
                "--pay-by",
                &last_event,
                "--reduction",
                reduction,
            ]);
            let table = run_ok(&command, file, "table");
            assert!(
                table.contains("Settlement by"),
                "{}: {table}",
                file.display()
            );
            let json: Value = serde_json::from_str(&run_ok(&command, file, "json")).unwrap();
            let csv = parse_csv(&run_ok(&command, file, "csv"));
            assert!(check_total_row(&csv), "{}: {csv:?}", file.display());
            let total = csv.last().unwrap();
            assert_eq!(
                decimal(&total[1]),
                money(&json["payoff"]),
                "{}",
                file.display()
            );
        }
    }

    // The history: each version's instalments add up to its schedule's totals, its payments to
    // what its ledger says was paid; every event appears once.
    let command = account(&["--view", "history"]);
    let table = run_ok(&command, file, "table");
    assert!(
        table.contains("Version 1 from"),
        "{}: {table}",
        file.display()
    );
    let json: Value = serde_json::from_str(&run_ok(&command, file, "json")).unwrap();
    let csv = parse_csv(&run_ok(&command, file, "csv"));
    let versions = json["versions"].as_array().unwrap();
    let listed: usize = versions
        .iter()
        .map(|v| v["events"].as_array().unwrap().len())
        .sum();
    assert_eq!(listed, events.len(), "{}", file.display());
    let (version, line, amount) = (
        csv[0].iter().position(|h| h == "version").unwrap(),
        csv[0].iter().position(|h| h == "line").unwrap(),
        csv[0].iter().position(|h| h == "amount").unwrap(),
    );
    assert_eq!(
        csv.len() - 1 - listed,
        versions
            .iter()
            .map(|v| { v["schedule"]["instalments"].as_array().map_or(0, Vec::len) })
            .sum::<usize>()
    );
    for v in versions {
        let number = v["number"].to_string();
        let sum = |kind: &str| -> Decimal {
            csv[1..]
                .iter()
                .filter(|r| r[version] == number && r[line] == kind)
                .map(|r| decimal(&r[amount]))
                .sum()
        };
        if !v["schedule"].is_null() {
            assert_eq!(
                sum("instalment"),
                money(&v["schedule"]["totals"]["amount"]),
                "{}",
                file.display()
            );
        }
        if !v["ledger"].is_null() {
            assert_eq!(
                sum("payment"),
                money(&v["ledger"]["paid"]),
                "{}",
                file.display()
            );
        }
        if let Some(change) = v["interest_change"].as_object() {
            let record = &v["record"];
            assert_eq!(
                decimal(change["amount"].as_str().unwrap()),
                money(&record["new_interest"]) - money(&record["interest_replaced"])
            );
        }
    }
}

#[test]
fn the_account_statement_is_the_statement_of_the_version_in_force() {
    let file = requests().join("account.json");
    // Before the reschedule: version 1, with the credit of the April overpayment.
    let output = run(
        &["account", "--as-of", "2027-05-15", file.to_str().unwrap()],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("Version 1 from 2027-01-05, on 2027-05-15: active"),
        "{text}"
    );
    let output = run(
        &[
            "account",
            "-f",
            "json",
            "--as-of",
            "2027-09-15",
            file.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["version"], 2, "{json}");
    // The same account on standard input.
    let text = std::fs::read_to_string(&file).unwrap();
    let piped = run(
        &["account", "-f", "json", "--as-of", "2027-09-15", "-"],
        &text,
    );
    assert_eq!(stdout(&piped), stdout(&output));
}

#[test]
fn account_options_are_checked_with_one_line_errors() {
    let file = requests().join("account.json");
    let settled = requests().join("account_settled.json");
    let file = file.to_str().unwrap();
    let settled = settled.to_str().unwrap();
    let cases: [(&[&str], &str); 8] = [
        (&["account", file], "--as-of"),
        (
            &["account", "--as-of", "15/09/2027", file],
            "\"15/09/2027\"",
        ),
        (
            &[
                "account",
                "--as-of",
                "2027-09-15",
                "--pay-by",
                "2027-09-20",
                file,
            ],
            "--pay-by",
        ),
        (&["account", "--view", "quote", file], "--pay-by"),
        (
            &[
                "account",
                "--view",
                "quote",
                "--pay-by",
                "2027-09-20",
                "--reduction",
                "ten",
                file,
            ],
            "\"ten\"",
        ),
        (
            &["account", "--view", "quote", "--pay-by", "2027-09-01", file],
            "2027-09-06",
        ),
        (
            &["account", "--as-of", "2027-05-01", settled],
            "settled since 2027-04-20",
        ),
        (&["account", "--as-of", "2026-12-31", file], "2027-01-05"),
    ];
    for (args, offending) in cases {
        let output = run(args, "");
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.starts_with("error: "), "{args:?}: {message}");
        assert!(message.contains(offending), "{args:?}: {message}");
        assert_eq!(message.lines().count(), 1, "{args:?}: {message}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn standard_input_gives_the_same_output_as_the_file() {
    let file = requests().join("generate.json");
    let from_file = run_ok(&["generate".into()], &file, "json");
    let text = std::fs::read_to_string(&file).unwrap();
    for args in [
        &["generate", "--format", "json"][..],
        &["generate", "-f", "json", "-"],
    ] {
        let output = run(args, &text);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(stdout(&output), from_file);
    }
}

#[test]
fn french_tables_have_french_headings_and_amounts() {
    let file = requests().join("generate.json");
    let output = run(&["generate", "--lang", "fr", file.to_str().unwrap()], "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("échéance"), "{text}");
    assert!(text.contains("10 789,54"), "{text}"); // 36 × 299.71 − 0.02
}

#[test]
fn invalid_requests_exit_2_with_a_message_naming_the_value() {
    let invalid = requests().join("invalid");
    let cases = [
        ("negative_amount.json", "generate", "-10000.00 EUR"),
        ("misspelt_field.json", "generate", "`frequncy`"),
        (
            "capacity_too_low.json",
            "generate",
            "at least 375.00 EUR per period",
        ),
        ("payment_after_statement.json", "statement", "\"VIR-0510\""),
        ("paid_by_instalment.json", "quote", "\"payments\""),
        (
            "account_duplicate_reference.json",
            "account --view history",
            "\"VIR-0131\"",
        ),
    ];
    let mut files: Vec<_> = std::fs::read_dir(&invalid)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let mut named: Vec<_> = cases.iter().map(|(f, _, _)| f.to_string()).collect();
    named.sort();
    assert_eq!(files, named, "every invalid request has a case here");
    for (file, command, offending) in cases {
        for format in ["table", "json", "csv"] {
            let path = invalid.join(file);
            let mut args: Vec<&str> = command.split(' ').collect();
            args.extend(["--format", format, path.to_str().unwrap()]);
            let output = run(&args, "");
            let message = stderr(&output);
            assert_eq!(output.status.code(), Some(2), "{file}: {message}");
            assert!(message.starts_with("error: "), "{file}: {message}");
            assert!(message.contains(offending), "{file}: {message}");
            assert_eq!(message.lines().count(), 1, "{file}: {message}");
            assert!(output.stdout.is_empty(), "{file}: {}", stdout(&output));
        }
    }
}

#[test]
fn malformed_json_on_standard_input_exits_2() {
    let output = run(&["quote"], "{\"offer\": ");
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with("error: invalid request in standard input: "),
        "{message}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn a_request_with_both_a_plan_and_a_schedule_exits_2() {
    let generated = run_ok(
        &["generate".into()],
        &requests().join("generate.json"),
        "json",
    );
    let request = std::fs::read_to_string(requests().join("quote.json")).unwrap();
    let mut request: Value = serde_json::from_str(&request).unwrap();
    request["schedule"] = serde_json::from_str(&generated).unwrap();
    let output = run(&["quote", "-"], &request.to_string());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not both"), "{}", stderr(&output));
    // Without the plan, the generated schedule is read back and gives the same quote.
    request.as_object_mut().unwrap().remove("plan");
    let output = run(&["quote", "-f", "json"], &request.to_string());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        run_ok(&["quote".into()], &requests().join("quote.json"), "json")
    );
}

#[test]
fn a_missing_file_exits_1() {
    let output = run(&["generate", "no/such/request.json"], "");
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.starts_with("error: cannot read no/such/request.json"),
        "{message}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["generate", "--format", "xml"],
        &["adjust"],
        &[],
        &["generate", "--bogus"],
        &["account", "--view", "nowhere"],
    ] {
        let output = run(args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        // One line on standard error, as the README promises.
        let message = stderr(&output);
        assert!(message.starts_with("error: "), "{args:?}: {message}");
        assert_eq!(message.lines().count(), 1, "{args:?}: {message}");
    }
}

#[test]
fn input_that_is_not_utf8_is_bad_input_and_a_byte_order_mark_is_skipped() {
    let output = run_bytes(&["generate"], b"{\"debt\": \"\xff\"}");
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("not UTF-8"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
    let text = std::fs::read_to_string(requests().join("generate.json")).unwrap();
    let output = run(&["generate"], &format!("\u{feff}{text}"));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn help_lists_the_subcommands_and_the_exit_codes() {
    let output = run(&["--help"], "");
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    for word in [
        "generate",
        "propose",
        "penalties",
        "statement",
        "adjust",
        "quote",
        "account",
        "Exit codes",
    ] {
        assert!(text.contains(word), "{word} in\n{text}");
    }
    let output = run(&["adjust", "--help"], "");
    assert_eq!(output.status.code(), Some(0));
    for word in ["reschedule", "postpone", "prepay", "settle", "lapse"] {
        assert!(stdout(&output).contains(word), "{word}");
    }
    let output = run(&["account", "--help"], "");
    assert_eq!(output.status.code(), Some(0));
    for word in [
        "--view",
        "--as-of",
        "--pay-by",
        "--reduction",
        "--base",
        "history",
    ] {
        assert!(stdout(&output).contains(word), "{word}");
    }
}

/// English words that never belong in French output (whole words, any case).
const ENGLISH_WORDS: &[&str] = &[
    "instalment",
    "instalments",
    "paid",
    "unpaid",
    "overdue",
    "missed",
    "interest",
    "settlement",
    "shortest",
    "comfortable",
    "longest",
    "outstanding",
    "balance",
    "the",
    "and",
    "with",
    "of",
    "per",
    "late",
    "reminder",
    "lapsed",
    "active",
    "settled",
    "completed",
    "reschedule",
    "postponement",
    "prepayment",
    "lapse",
    "penalties",
    "repay",
    "asked",
];

/// The English words of `text`, with the line they are on.
fn english_words(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for line in text.lines() {
        for word in line.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-')) {
            let lower = word.to_lowercase();
            if ENGLISH_WORDS.contains(&lower.as_str()) {
                found.push((lower, line.to_owned()));
            }
        }
    }
    found
}

#[test]
fn french_output_of_every_subcommand_has_no_english_sentence() {
    let mut english = Vec::new();
    let mut typography = Vec::new();
    let mut checked = 0;
    for file in example_files() {
        let mut runs = vec![command_for(&file)];
        if runs[0][0] == "account" {
            let events = account_events(&file);
            let last = events.last().unwrap().0.clone();
            let last_payment = events.iter().rev().find(|(_, p)| *p).unwrap().0.clone();
            let account = |args: &[&str]| {
                let mut command = vec!["account".to_owned()];
                command.extend(args.iter().map(|a| a.to_string()));
                command
            };
            runs = vec![
                account(&["--as-of", &last_payment]),
                account(&["--view", "history"]),
            ];
            if events.last().unwrap().1 {
                runs.push(account(&[
                    "--view",
                    "quote",
                    "--pay-by",
                    &last,
                    "--reduction",
                    "5%",
                ]));
            }
        }
        for command in runs {
            let mut args: Vec<&str> = command.iter().map(String::as_str).collect();
            args.extend(["--lang", "fr", file.to_str().unwrap()]);
            let output = run(&args, "");
            assert_eq!(
                output.status.code(),
                Some(0),
                "{args:?}: {}",
                stderr(&output)
            );
            let text = stdout(&output);
            for (word, line) in english_words(&text) {
                english.push(format!("{args:?}: {word:?} in {line:?}"));
            }
            for line in crate::typography_faults(&text) {
                typography.push(format!("{args:?}: {line:?}"));
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} requests checked");
    assert!(
        english.is_empty(),
        "English in French output:\n{}",
        english.join("\n")
    );
    assert!(
        typography.is_empty(),
        "French typography:\n{}",
        typography.join("\n")
    );
}

#[test]
fn french_errors_are_french() {
    let invalid = requests().join("invalid");
    let path = invalid.join("payment_after_statement.json");
    let output = run(&["statement", "--lang", "fr", path.to_str().unwrap()], "");
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.starts_with("erreur : "), "{message}");
    assert!(message.contains("\"VIR-0510\""), "{message}");
    assert!(english_words(&message).is_empty(), "{message}");
    assert!(crate::typography_faults(&message).is_empty(), "{message}");
}

/// Words of the tool's and the JSON reader's English messages that never belong in a French one.
const ENGLISH_ERROR_WORDS: &[&str] = &[
    "invalid",
    "request",
    "expected",
    "missing",
    "field",
    "unknown",
    "while",
    "parsing",
    "line",
    "column",
    "cannot",
    "read",
    "found",
    "not",
    "known",
    "declare",
    "amount",
    "rate",
    "frequency",
    "percent",
    "unexpected",
    "value",
    "needs",
    "give",
    "either",
    "both",
    "error",
    "file",
    "at",
    "is",
    "for",
    "an",
    "or",
    "to",
];

/// What the JSON reader, the system and the argument parser refuse is said in French with
/// `--lang fr`, as the library's own errors are: malformed JSON, a wrong type, a missing or unknown
/// field, a value the library refuses while reading it, a file that is not there, a command line
/// the parser refuses, an option a view does not take.
#[test]
fn french_refusals_of_the_reader_and_the_command_line_are_french() {
    let generate = std::fs::read_to_string(requests().join("generate.json")).unwrap();
    let account = requests().join("account.json");
    let account = account.to_str().unwrap();
    let cases: Vec<(Vec<&str>, String)> = vec![
        (vec!["generate"], "{\"debt\": null}".to_owned()),
        (vec!["generate"], "{\"debt\": ".to_owned()),
        (vec!["generate"], "[]".to_owned()),
        (vec!["generate"], format!("{generate} x")),
        (
            vec!["generate"],
            generate.replacen("\"sizing\"", "\"extra\": 1, \"sizing\"", 1),
        ),
        (
            vec!["generate"],
            generate.replacen("\"first_due\"", "\"first_dues\"", 1),
        ),
        (vec!["generate"], generate.replacen("\"EUR\"", "\"XYZ\"", 1)),
        (
            vec!["generate"],
            generate.replacen("\"10000.00\"", "\"10000.001\"", 1),
        ),
        (
            vec!["generate"],
            generate.replacen("\"2027-01-31\"", "\"2027-02-30\"", 1),
        ),
        (
            vec!["generate"],
            generate.replacen("\"monthly\"", "\"daily\"", 1),
        ),
        (vec!["generate"], generate.replacen("\"5%\"", "\"abc\"", 1)),
        (vec!["generate"], generate.replacen("36", "-1", 1)),
        (
            vec!["generate"],
            generate.replacen("{ \"count\": 36 }", "{ \"counts\": 36 }", 1),
        ),
        (vec!["generate", "/nonexistent/request.json"], String::new()),
        (vec!["generat"], String::new()),
        (vec!["--format", "xml", "generate"], String::new()),
        (vec!["--bogus", "generate"], String::new()),
        (vec![], String::new()),
        (
            vec!["account", "--view", "statement", account],
            String::new(),
        ),
        (
            vec![
                "account",
                "--view",
                "history",
                "--pay-by",
                "2027-06-01",
                account,
            ],
            String::new(),
        ),
        (
            vec![
                "account",
                "--view",
                "quote",
                "--pay-by",
                "2027-13-01",
                account,
            ],
            String::new(),
        ),
        (
            vec![
                "account",
                "--view",
                "quote",
                "--pay-by",
                "2027-06-01",
                "--reduction",
                "abc",
                account,
            ],
            String::new(),
        ),
        (
            vec!["penalties"],
            "{\"policy\": {\"rate\": {\"fixed\": \"10%\"}}, \"as_of\": \"2027-01-01\"}".to_owned(),
        ),
    ];
    // What a message quotes (a value, a field's name, an example of what to type) and the paths it
    // names (`debt.claims[0].amount`, a file) are the user's own text, not the message's words.
    let prose = |message: &str| {
        let mut out = String::new();
        let mut closing = None;
        for c in message.chars() {
            match (closing, c) {
                (None, '`' | '"') => closing = Some(c),
                (None, '«') => closing = Some('»'),
                (Some(end), c) if c == end => closing = None,
                (Some(_), _) => {}
                (None, c) => out.push(c),
            }
        }
        out.split(' ')
            .filter(|word| !word.contains(['.', '/', '_', '[']))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut english = Vec::new();
    for (command, input) in &cases {
        let mut args = vec!["--lang", "fr"];
        args.extend(command.iter().copied());
        let output = run(&args, input);
        let message = stderr(&output);
        assert_ne!(output.status.code(), Some(0), "{args:?} was accepted");
        assert!(message.starts_with("erreur : "), "{args:?}: {message}");
        let words = prose(&message);
        for word in words.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-')) {
            let word = word.to_lowercase();
            // "a" is French too ("il a"); the rest never is.
            if (ENGLISH_ERROR_WORDS.contains(&word.as_str()) && word != "a")
                || ENGLISH_WORDS.contains(&word.as_str())
            {
                english.push(format!("{args:?}: {word:?} in {message:?}"));
            }
        }
        for line in crate::typography_faults(&words) {
            english.push(format!("{args:?}: typography {line:?}"));
        }
    }
    assert!(
        english.is_empty(),
        "English in French errors:\n{}",
        english.join("\n")
    );
}

/// `rates` writes a built-in table, brought up to date with a publisher's file, as the JSON a
/// penalty policy takes, as CSV that reads back, and as a table in either language.
#[test]
fn rates_brings_a_built_in_table_up_to_date_from_a_publication() {
    let dir = std::env::temp_dir().join(format!("echeancier-rates-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let arrete = dir.join("arrete.txt");
    std::fs::write(
        &arrete,
        "Pour le second semestre 2026, le taux de l'intérêt légal est fixé :\n\
         1° Pour les créances des personnes physiques n'agissant pas pour des besoins \
         professionnels : à 6,45 % ;\n2° Pour tous les autres cas : à 2,51 %.\n",
    )
    .unwrap();
    let arrete = arrete.to_str().unwrap();
    let output = run(
        &[
            "--format",
            "json",
            "rates",
            "fr-legal-other",
            "--extend",
            arrete,
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let table: echeancier::RateTable = serde_json::from_str(&stdout(&output)).unwrap();
    let expected = echeancier::RateTable::fr_legal_rate(echeancier::LegalRateCreditor::OtherCases)
        .unwrap()
        .with_rate(crate::d(2026, 7, 1), "2.51".parse().unwrap())
        .unwrap()
        .with_valid_until(crate::d(2026, 12, 31))
        .unwrap();
    assert_eq!(table, expected);
    // The CSV is the layout `RateTable::from_csv` reads.
    let output = run(
        &[
            "--format",
            "csv",
            "rates",
            "fr-legal-other",
            "--extend",
            arrete,
        ],
        "",
    );
    let csv = stdout(&output);
    assert_eq!(
        echeancier::RateTable::from_csv(&csv, crate::d(2026, 12, 31)).unwrap(),
        expected
    );
    let output = run(
        &[
            "--lang",
            "fr",
            "rates",
            "fr-legal-other",
            "--extend",
            arrete,
        ],
        "",
    );
    let text = stdout(&output);
    assert!(text.contains("2026-07-01     2,51\u{a0}%"), "{text}");
    assert!(text.contains("valable jusqu'au : 2026-12-31"), "{text}");
    assert!(english_words(&text).is_empty(), "{text}");
    // The ECB's export says nothing of how long its rates hold: the caller says it.
    let ecb = dir.join("ecb.csv");
    std::fs::write(
        &ecb,
        "\"DATE\",\"TIME PERIOD\",\"MRR_FR\"\n\"2025-06-11\",\"11 Jun 2025\",\"2.15\"\n",
    )
    .unwrap();
    let ecb = ecb.to_str().unwrap();
    let output = run(&["rates", "ecb", "--extend", ecb], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--valid-until"),
        "{}",
        stderr(&output)
    );
    let output = run(
        &[
            "rates",
            "ecb",
            "--extend",
            ecb,
            "--valid-until",
            "2027-01-31",
        ],
        "",
    );
    assert!(
        stdout(&output).ends_with("valid until: 2027-01-31\n"),
        "{}",
        stdout(&output)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `file` of the example requests, changed by `edit`, as a JSON text.
fn edited(file: &str, edit: impl FnOnce(&mut Value)) -> String {
    let text = std::fs::read_to_string(requests().join(file)).unwrap();
    let mut json: Value = serde_json::from_str(&text).unwrap();
    edit(&mut json);
    json.to_string()
}

#[test]
fn a_quote_with_credit_beyond_all_that_is_owed_shows_the_refund() {
    // 1,200.00 over 12 months at 12 % on the declining balance, all 1,278.00 paid on the first
    // due date: 66.00 of interest paid ahead is given back, and nothing is to pay.
    let request = edited("quote.json", |json| {
        json["plan"]["debt"]["claims"][0]["amount"]["amount"] = "1200.00".into();
        json["plan"]["sizing"] = serde_json::json!({ "count": 12 });
        json["plan"]["interest"] = serde_json::json!({ "equal_principal": "12%" });
        json["payments"] = serde_json::json!([{ "reference": "VIR-1", "date": "2027-01-31",
            "amount": { "amount": "1278.00", "currency": "EUR" } }]);
        json["offer"]["pay_by"] = "2027-01-31".into();
    });
    let output = run(&["quote", "-f", "csv"], &request);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let csv = parse_csv(&stdout(&output));
    assert!(check_total_row(&csv), "{csv:?}");
    let row = |name: &str| csv.iter().find(|r| r[0] == name).map(|r| decimal(&r[1]));
    assert_eq!(row("credit"), Some(decimal("-66.00")));
    assert_eq!(row("refund"), Some(decimal("66.00")));
    assert_eq!(row("total"), Some(decimal("0.00")));
    let json: Value =
        serde_json::from_str(&stdout(&run(&["quote", "-f", "json"], &request))).unwrap();
    assert_eq!(money(&json["refund"]), decimal("66.00"));
    let table = stdout(&run(&["quote", "--lang", "fr"], &request));
    assert!(table.contains("avoir à rembourser"), "{table}");
}

#[test]
fn an_overdue_item_given_twice_is_refused_not_charged_twice() {
    let request = edited("penalties.json", |json| {
        let items = json["items"].as_array_mut().unwrap();
        let again = items[1].clone();
        items.push(again);
    });
    let output = run(&["penalties"], &request);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("\"F-2026-0502\""), "{message}");
    assert!(output.stdout.is_empty());
}

/// A command, the example request it edits, the edit, and the words its error must hold.
type Case = (
    &'static str,
    &'static str,
    fn(&mut Value),
    &'static [&'static str],
);

#[test]
fn dates_outside_the_supported_range_and_payments_outside_the_plan_are_refused() {
    let cases: [Case; 5] = [
        (
            "statement",
            "statement.json",
            |json| json["payments"][0]["date"] = "0000-01-31".into(),
            &["0000-01-31", "1900-01-01", "2999-12-31"],
        ),
        (
            "statement",
            "statement.json",
            // Years before the plan's first due date (2027-01-31): outside its period.
            |json| json["payments"][0]["date"] = "2000-01-31".into(),
            &["\"VIR-0131\"", "2000-01-31", "2026-12-31"],
        ),
        (
            "quote",
            "quote.json",
            |json| json["offer"]["pay_by"] = "0000-01-01".into(),
            &["0000-01-01"],
        ),
        (
            "penalties",
            "penalties.json",
            // Paid after the date of the computation: refused as a statement refuses it.
            |json| json["items"][0]["payments"][0]["date"] = "2026-12-15".into(),
            &["\"F-2026-0418\"", "2026-12-15", "2026-09-30"],
        ),
        (
            "penalties",
            "penalties.json",
            |json| json["as_of"] = "-0001-09-30".into(),
            &["1900-01-01"],
        ),
    ];
    for (command, file, edit, words) in cases {
        let request = edited(file, edit);
        let output = run(&[command], &request);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{command} {file}: {message}");
        for word in words {
            assert!(
                message.contains(word),
                "{command} {file}: {message} lacks {word}"
            );
        }
        assert_eq!(message.lines().count(), 1, "{message}");
    }
}

#[test]
fn references_with_control_characters_are_refused() {
    let request = edited("penalties.json", |json| {
        json["items"][0]["reference"] = "F-1\r\ntotal,999".into();
    });
    let output = run(&["penalties"], &request);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("control character"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn csv_can_neutralise_formula_cells_and_keeps_them_by_default() {
    let request = edited("penalties.json", |json| {
        json["items"][0]["reference"] = "=HYPERLINK(\"http://x\")".into();
        json["items"][1]["reference"] = "@SUM(A1)".into();
    });
    let kept = run(&["penalties", "--format", "csv"], &request);
    assert_eq!(kept.status.code(), Some(0), "{}", stderr(&kept));
    let records = parse_csv(&stdout(&kept));
    assert!(records.iter().any(|r| r[1] == "=HYPERLINK(\"http://x\")"));
    let safe = run(
        &[
            "penalties",
            "--format",
            "csv",
            "--csv-formulas",
            "neutralise",
        ],
        &request,
    );
    assert_eq!(safe.status.code(), Some(0), "{}", stderr(&safe));
    let records = parse_csv(&stdout(&safe));
    for record in &records {
        for cell in record {
            let risky = cell.starts_with(['=', '+', '@'])
                || (cell.starts_with('-') && cell.parse::<Decimal>().is_err());
            assert!(!risky, "{cell:?} in {record:?}");
        }
    }
    assert!(records.iter().any(|r| r[1] == "'=HYPERLINK(\"http://x\")"));
    assert!(records.iter().any(|r| r[1] == "'@SUM(A1)"));
    // The amounts still add up: the totals row is unchanged.
    assert!(check_total_row(&records));
}

#[test]
fn json_errors_never_name_the_code_s_own_types() {
    let cases: [(String, &str); 5] = [
        ("[]".to_owned(), "one JSON object"),
        ("null".to_owned(), "one JSON object"),
        (
            edited("generate.json", |json| json["debt"] = Value::Null),
            "expected a JSON object",
        ),
        (
            edited("generate.json", |json| json["debt"] = Value::Array(vec![])),
            "expected a JSON object, found an empty list",
        ),
        (
            edited("generate.json", |json| {
                json["first_due"] = "2027-02-30".into()
            }),
            "a date that does not exist",
        ),
    ];
    for (request, words) in cases {
        let output = run(&["generate"], &request);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{message}");
        assert!(message.contains(words), "{message}");
        assert!(
            !message.contains("Repr") && !message.contains("struct "),
            "{message}"
        );
        assert_eq!(message.lines().count(), 1, "{message}");
    }
}

/// A JSON error says where in the request it is, in the request's own names.
#[test]
fn a_json_error_names_where_in_the_request_it_is() {
    let request = r#"{"debt": {"currency": "EUR", "claims": [
        {"reference": "F-1", "amount": {"amount": "100.00", "currency": "EUR"}},
        {"reference": "F-2", "amount": {"amount": "100.001", "currency": "EUR"}}]},
        "first_due": "2027-01-31", "frequency": "monthly", "sizing": {"count": 3}}"#;
    let output = run(&["generate", "-"], request);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with(
            "error: invalid request in standard input: at debt.claims[1].amount: amount 100.001 \
             has more decimal places than EUR allows (2)"
        ),
        "{message}"
    );
    // Text after the request is refused as before, without a path.
    let output = run(
        &["generate", "-"],
        &format!("{} x", request.replace("100.001", "1.00")),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("request in standard input: trailing characters"),
        "{}",
        stderr(&output)
    );
}
