//! Golden outputs of the command-line tool, byte for byte: every request of `examples/requests/`
//! through its subcommand in every format (table, JSON, CSV, and the table in French), compared with
//! `tests/golden/cli/`. A result that changes on another platform, toolchain or dependency version
//! (a cent, a date, a space, a line ending) fails here, where two runs in one process could never
//! differ.
//!
//! After a change that is meant to alter the output, rewrite the files with
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --all-features --test integration cli_golden
//! ```
//!
//! and review the difference with `git diff tests/golden/cli` before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cli::{command_for, example_files, run, stderr, stdout};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/cli")
}

/// The runs of one request: (name of its golden file, arguments before the file).
fn runs(file: &Path) -> Vec<(String, Vec<String>)> {
    let stem = file.file_stem().unwrap().to_str().unwrap().to_owned();
    let mut views = vec![(stem.clone(), command_for(file))];
    if views[0].1[0] == "account" {
        // The statement of the day of the last payment, and the history to the last event.
        let account: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap();
        let date = account["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e.get("payment"))
            .next_back()
            .unwrap()["date"]
            .as_str()
            .unwrap()
            .to_owned();
        views[0].1.extend(["--as-of".to_owned(), date]);
        let mut history = command_for(file);
        history.extend(["--view".to_owned(), "history".to_owned()]);
        views.push((format!("{stem}.history"), history));
    }
    let mut runs = Vec::new();
    for (name, command) in views {
        for (suffix, extra) in [
            ("table.txt", vec!["--format", "table"]),
            ("fr.table.txt", vec!["--format", "table", "--lang", "fr"]),
            ("json", vec!["--format", "json"]),
            ("csv", vec!["--format", "csv"]),
        ] {
            let mut args = command.clone();
            args.extend(extra.into_iter().map(str::to_owned));
            runs.push((format!("{name}.{suffix}"), args));
        }
    }
    runs
}

/// The first line where `expected` and `actual` differ, or `None` when they are the same bytes.
fn first_difference(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let (e, a): (Vec<&str>, Vec<&str>) = (
        expected.split_inclusive('\n').collect(),
        actual.split_inclusive('\n').collect(),
    );
    let line = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    Some(format!(
        "line {}:\n  expected {:?}\n  actual   {:?}",
        line + 1,
        e.get(line).copied().unwrap_or("(end)"),
        a.get(line).copied().unwrap_or("(end)")
    ))
}

#[test]
fn every_example_request_gives_its_golden_output_byte_for_byte() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = golden_dir();
    if update {
        fs::create_dir_all(&dir).unwrap();
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in example_files() {
        for (name, mut args) in runs(&file) {
            args.push(file.to_str().unwrap().to_owned());
            let arguments: Vec<&str> = args.iter().map(String::as_str).collect();
            let output = run(&arguments, "");
            assert_eq!(
                output.status.code(),
                Some(0),
                "{args:?}: {}",
                stderr(&output)
            );
            let actual = stdout(&output);
            let path = dir.join(&name);
            if update {
                fs::write(&path, &actual).unwrap();
                continue;
            }
            let expected = fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!("{}: {e} (write it with UPDATE_GOLDEN=1)", path.display())
            });
            if let Some(difference) = first_difference(&expected, &actual) {
                failures.push(format!("{name} ({args:?}): {difference}"));
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} outputs differ from tests/golden/cli:\n{}",
        failures.len(),
        failures.join("\n")
    );
    if !update {
        // Every golden file is still produced by a request: none is left over from a removed one.
        let produced: std::collections::BTreeSet<String> = example_files()
            .iter()
            .flat_map(|f| runs(f).into_iter().map(|(name, _)| name))
            .collect();
        for entry in fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            assert!(
                produced.contains(&name),
                "tests/golden/cli/{name} has no request"
            );
        }
        assert!(checked >= 80, "only {checked} outputs checked");
    }
}
