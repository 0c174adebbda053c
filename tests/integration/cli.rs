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
fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The subcommand of an example request, from its file name: `adjust_<kind>` is
/// `adjust <kind>`, `penalties_plan` is `penalties`.
fn command_for(path: &Path) -> Vec<String> {
    let stem = path.file_stem().unwrap().to_str().unwrap();
    if let Some(kind) = stem.strip_prefix("adjust_") {
        return vec!["adjust".into(), kind.into()];
    }
    let command = stem.split('_').next().unwrap();
    assert!(
        ["generate", "propose", "penalties", "statement", "quote"].contains(&command),
        "no subcommand for {}",
        path.display()
    );
    vec![command.into()]
}

fn example_files() -> Vec<PathBuf> {
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
            other => panic!("{}: {other} has no total row to check", file.display()),
        }
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
            let output = run(&[command, "--format", format, path.to_str().unwrap()], "");
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
    ] {
        let output = run(args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
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
        "Exit codes",
    ] {
        assert!(text.contains(word), "{word} in\n{text}");
    }
    let output = run(&["adjust", "--help"], "");
    assert_eq!(output.status.code(), Some(0));
    for word in ["reschedule", "postpone", "prepay", "settle", "lapse"] {
        assert!(stdout(&output).contains(word), "{word}");
    }
}
