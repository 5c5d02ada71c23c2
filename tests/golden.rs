//! Golden outputs: what a user sees from `export --format json`, `export --format yaml` and
//! `explain --json` (for every code and every documented wording) is kept in `tests/golden/`
//! and must not change unless the data does.
//!
//! After a deliberate change to `data/*.yaml`, regenerate the files and review the diff:
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test --all-features --test golden
//! ```

use std::fmt::Write as _;
use std::path::PathBuf;

use assert_cmd::Command;
use nps_mfa_errors::ErrorCode;

/// Runs the tool and renders what it did: the exit code, then stdout (and stderr if any).
fn run(args: &[&str]) -> String {
    let output = Command::cargo_bin("nps-mfa-errors")
        .expect("the binary is built with --features cli")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .args(args)
        .output()
        .expect("the tool runs");
    let mut out = format!("exit: {:?}\n", output.status.code());
    out.push_str(&String::from_utf8_lossy(&output.stdout));
    if !output.stderr.is_empty() {
        out.push_str("stderr:\n");
        out.push_str(&String::from_utf8_lossy(&output.stderr));
    }
    out
}

/// Every query `explain` is checked with: each code, then each documented wording.
fn explain_queries() -> Vec<String> {
    let mut queries: Vec<String> = ErrorCode::all().map(|c| c.as_str().to_owned()).collect();
    for code in ErrorCode::all() {
        for entry in code.entries() {
            for wording in entry.wordings() {
                if !queries.iter().any(|q| q == wording.text()) {
                    queries.push(wording.text().to_owned());
                }
            }
        }
    }
    queries
}

/// Compares `actual` with `tests/golden/<name>`, or rewrites the file under `UPDATE_GOLDEN=1`.
fn check(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("the golden file is writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "{}: {error}; run UPDATE_GOLDEN=1 cargo test --all-features --test golden",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .map_or(expected.lines().count().min(actual.lines().count()), |i| i);
        panic!(
            "{} differs from the output at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             If the change is intended, run UPDATE_GOLDEN=1 cargo test --all-features --test golden",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

#[test]
fn the_json_export_is_unchanged() {
    check("export.json", &run(&["export", "--format", "json"]));
}

#[test]
fn the_yaml_export_is_unchanged() {
    check("export.yaml", &run(&["export", "--format", "yaml"]));
}

#[test]
fn explain_json_for_every_code_and_wording_is_unchanged() {
    let mut all = String::new();
    for query in explain_queries() {
        writeln!(all, "== explain --json {query}").unwrap();
        all.push_str(&run(&["explain", "--json", &query]));
    }
    check("explain.txt", &all);
}
