//! `export --format lookup-csv` loaded into a real SQLite, and `export --format ndjson`.

use std::process::Command;

use crate::support::{missing, python};

fn export(format: &str) -> Vec<u8> {
    let output = assert_cmd::Command::cargo_bin("nps-mfa-errors")
        .unwrap()
        .args(["export", "--format", format])
        .output()
        .unwrap();
    assert!(output.status.success());
    output.stdout
}

/// Loads the CSV into SQLite (python3's sqlite3 module, with the CSV parsed by python's csv
/// module) under a PRIMARY KEY on `code`, then looks a code up by key.
const LOAD: &str = r#"
import csv, sqlite3, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8", errors="strict")))
header, body = rows[0], rows[1:]
db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE lookup (%s, PRIMARY KEY (code))" % ", ".join('"%s" TEXT' % c for c in header))
db.executemany("INSERT INTO lookup VALUES (%s)" % ", ".join("?" * len(header)), body)
print(db.execute("SELECT count(*), count(DISTINCT code) FROM lookup").fetchone())
print(db.execute("SELECT category, substr(steps, 1, 3), url FROM lookup WHERE code = 'ESTS_TOKEN_ERROR'").fetchone())
print(db.execute("SELECT count(*) FROM lookup WHERE steps LIKE '%' || char(10) || '%' OR messages LIKE '%' || char(10) || '%'").fetchone())
"#;

#[test]
fn the_lookup_csv_loads_into_sqlite_with_code_as_a_unique_key() {
    if Command::new("python3").arg("--version").output().is_err() {
        missing("python3", "apt-get install python3");
        return;
    }
    let csv = export("lookup-csv");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nps_mfa_errors.csv");
    std::fs::write(&path, &csv).unwrap();
    let stdout = python(LOAD, &[path]);
    let codes = nps_mfa_errors::ErrorCode::all().len();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], format!("({codes}, {codes})"));
    assert!(
        lines[1].starts_with("('nps_extension', '1. ', 'https://"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], "(0,)", "no line break in any cell");
}

#[test]
fn the_lookup_csv_has_a_header_and_one_line_per_code() {
    let csv = String::from_utf8(export("lookup-csv")).expect("UTF-8");
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), 1 + nps_mfa_errors::ErrorCode::all().len());
    assert_eq!(
        lines[0],
        "code,category,categories,message_keyed,label,summary,messages,steps,url,settings"
    );
    assert!(!csv.replace("\r\n", "").contains(['\n', '\r']));
}

#[test]
fn ndjson_is_one_document_per_code_keyed_by_code() {
    let ndjson = String::from_utf8(export("ndjson")).unwrap();
    let docs: Vec<serde_json::Value> = ndjson
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let codes: Vec<&str> = docs.iter().map(|d| d["code"].as_str().unwrap()).collect();
    let expected: Vec<&str> = nps_mfa_errors::ErrorCode::all()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(codes, expected);
    let ests = &docs[codes.iter().position(|c| *c == "ESTS_TOKEN_ERROR").unwrap()];
    assert_eq!(ests["category"], "nps_extension");
    assert_eq!(ests["message_keyed"], false);
    assert!(ests["steps"].as_str().unwrap().starts_with("1. "));
}
