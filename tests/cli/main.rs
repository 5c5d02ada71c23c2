//! End-to-end tests of the `nps-mfa-errors` command-line tool: what a user types, what comes
//! back on stdout and stderr, and the exit code (0 found, 1 not found, 2 bad usage).
//!
//! Run with `cargo test --all-features --test cli`.

use std::io::Read;
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use nps_mfa_errors::{Category, ErrorCode, SCHEMA_VERSION};

mod bad_usage;
mod explain_anything;
mod explain_codes;
mod explain_json;
mod explain_messages;
mod explain_unknown;
mod export;
mod facts;
mod list;
mod polish;
mod reliability;
mod scan_cids;
mod scan_report;
mod search;
mod terminal_output;

/// How many codes the documents list; the catalog must have every one.
const DOCUMENTED_CODES: usize = 35;

/// The width text output must fit in.
const WIDTH: usize = 80;

/// The tool, with no colour settings inherited from the environment running the tests.
fn cli() -> Command {
    let mut command =
        Command::cargo_bin("nps-mfa-errors").expect("the binary is built with --features cli");
    command
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("COLUMNS");
    command
}

/// Runs the tool with `args`, expects exit code 0 and nothing on stderr, returns stdout.
fn stdout_of(args: &[&str]) -> String {
    let output = cli()
        .args(args)
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).expect("stdout is UTF-8")
}

/// Runs `scan` with `args` on `stdin`, expects findings (exit code 0), returns the report.
fn report_of(args: &[&str], stdin: impl Into<Vec<u8>>) -> String {
    let output = cli()
        .arg("scan")
        .args(args)
        .write_stdin(stdin.into())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).expect("stdout is UTF-8")
}

/// Runs `explain --json` on `query` and parses the result.
fn explain_json(query: &str) -> Value {
    serde_json::from_str(&stdout_of(&["explain", "--json", query]))
        .expect("explain --json writes JSON")
}

/// The text with every run of white space (including line breaks from wrapping) as one space.
fn unwrapped(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks the shape of `explain` text output for `code`.
fn assert_explains(stdout: &str, code: ErrorCode) {
    let first = stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(code.as_str()),
        "first line {first:?} does not start with {code}"
    );
    assert!(
        first.contains(code.category().as_str()),
        "first line {first:?} lacks the category id"
    );
    for needle in ["What to do", "  1. ", "Sources"] {
        assert!(
            stdout.contains(needle),
            "no {needle:?} in the explanation of {code}:\n{stdout}"
        );
    }
}

/// A line that is too long is acceptable only when it holds one word that cannot be broken
/// (a URL), after its indentation and an optional list marker.
fn is_unbreakable(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let is_marker = |word: &str| {
        word == "-"
            || word
                .strip_suffix('.')
                .is_some_and(|n| n.parse::<u32>().is_ok())
    };
    match words.as_slice() {
        [_] => true,
        [marker, _] => is_marker(marker),
        _ => false,
    }
}

/// A minimal RFC 4180 reader: records of fields, quoted fields may hold commas, quotes (`""`)
/// and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            c => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// The export document.
fn export_json() -> Value {
    serde_json::from_str(&stdout_of(&["export", "--format", "json"]))
        .expect("export --format json writes JSON")
}
