//! `scan` and `explain` on hostile or unlucky input: output that cannot attack a terminal,
//! errors that are never lost, FIFOs that cannot hang a folder scan, bounded reports.

use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration, Instant};

use super::*;

const CID: &str = "6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11";

fn ext_line(stamp: &str, user: &str, code: &str) -> String {
    format!("{stamp} NPS Extension for Azure MFA:  CID: {CID} :Exception in Authentication Ext for User {user} :: ErrorCode:: CID :{CID} {code} Msg:: x\n")
}

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("nps-mfa-errors")
}

fn mkfifo(path: &Path) {
    let status = Process::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[test]
fn escape_sequences_from_logs_and_file_names_are_shown_escaped_in_the_text_report() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("evil\u{1b}]0;PWNED\u{7}.log");
    let log = ext_line(
        "2026-11-20 09:00:00\u{1b}[2J",
        "\u{1b}[2J\u{1b}[Hbob@contoso.com",
        "ESTS_TOKEN_ERROR",
    );
    std::fs::write(&name, log).unwrap();
    let output = cli()
        .arg("scan")
        .arg(&name)
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    // Styles only (ESC [ digits m): no screen clearing, no cursor moves, no window title.
    for forbidden in ["\u{1b}[2J", "\u{1b}[H", "\u{1b}]", "\u{7}"] {
        assert!(
            !stdout.contains(forbidden),
            "{forbidden:?} reached the terminal:\n{stdout}"
        );
    }
    for shown in [
        "\\x1b[2J\\x1b[Hbob@contoso.com",
        "evil\\x1b]0;PWNED\\x07.log",
    ] {
        assert!(stdout.contains(shown), "no {shown:?} in\n{stdout}");
    }
}

#[test]
fn json_lines_keep_control_characters_losslessly() {
    let user = "\u{1b}[2J\u{9b}2J\u{202e}bob@contoso.com";
    let log = ext_line("2026-11-20 09:00:00", user, "ESTS_TOKEN_ERROR");
    let output = cli()
        .args(["scan", "--json", "-"])
        .write_stdin(log)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    for raw in ['\u{1b}', '\u{9b}', '\u{202e}'] {
        assert!(!stdout.contains(raw), "raw {raw:?} in JSON: {stdout:?}");
    }
    let finding: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(finding["user"], user);
}

#[test]
fn explain_shows_an_unknown_query_escaped() {
    let output = cli()
        .args(["explain", "NOPE\u{1b}]0;PWNED\u{7}"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(stderr.contains("NOPE\\x1b]0;PWNED\\x07"), "{stderr}");
}

#[test]
fn explain_with_an_empty_query_is_bad_usage() {
    cli()
        .args(["explain", ""])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
    cli()
        .args(["explain", "-"])
        .write_stdin("  \n")
        .assert()
        .code(2);
}

#[test]
fn explain_refuses_a_huge_standard_input_without_reading_it_all() {
    let started = Instant::now();
    let input = vec![b'x'; 8 * 1024 * 1024];
    let output = cli()
        .args(["explain", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("more than 1 MiB") && stderr.contains("scan"),
        "{stderr}"
    );
    assert!(
        stderr.len() < 500,
        "the input was echoed: {} bytes",
        stderr.len()
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_closed_stdout_still_reports_an_unreadable_input_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.log");
    std::fs::write(
        &good,
        ext_line("2026-11-20 09:00:00", "a@contoso.com", "UserNotFound").repeat(20_000),
    )
    .unwrap();
    let mut child = std::process::Command::new(binary())
        .args(["scan", "--json"])
        .arg(&good)
        .arg(dir.path().join("missing.log"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0_u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // `| head -c 16`
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("missing.log: cannot be read"), "{stderr}");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_closed_stderr_never_panics() {
    // Standard error is a pipe whose reader has gone (`2>&1 | true`): writing the error fails,
    // and the exit code still says why.
    let mut child = Process::new("sh")
        .arg("-c")
        .arg("sleep 0.3; exec \"$0\" scan /does/not/exist")
        .arg(binary())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(2));
}

#[test]
fn a_fifo_inside_a_folder_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.log"),
        ext_line("2026-11-20 09:00:00", "a@contoso.com", "UserNotFound"),
    )
    .unwrap();
    mkfifo(&dir.path().join("pipe"));
    let mut child = std::process::Command::new(binary())
        .args(["scan", "--json"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("the scan hung on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("pipe: skipped: not a regular file"),
        "{stderr}"
    );
}

#[test]
fn a_fifo_named_explicitly_is_read_and_can_be_interrupted() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("live");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let line = ext_line("2026-11-20 09:00:00", "a@contoso.com", "UserNotFound");
            std::fs::write(fifo, line).unwrap();
        })
    };
    let output = cli().arg("scan").arg("--json").arg(&fifo).output().unwrap();
    writer.join().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("UserNotFound"));
    // No writer: the scan waits, and Ctrl-C (SIGINT) ends it.
    let mut child = std::process::Command::new(binary())
        .arg("scan")
        .arg(&fifo)
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    Process::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "SIGINT did not end the scan"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_file_name_that_is_not_unicode_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join(std::ffi::OsStr::from_bytes(b"bad\xff.log"));
    std::fs::write(
        &name,
        ext_line("2026-11-20 09:00:00", "a@contoso.com", "UserNotFound"),
    )
    .unwrap();
    let output = cli()
        .arg("scan")
        .arg("--json")
        .arg(dir.path())
        .output()
        .unwrap();
    let finding: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(finding["file_lossy"], true);
    assert!(finding["file"]
        .as_str()
        .unwrap()
        .ends_with("bad\u{fffd}.log"));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not valid Unicode"));
    let output = cli()
        .arg("scan")
        .arg("--summary-json")
        .arg(dir.path())
        .output()
        .unwrap();
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["files"][0]["lossy_name"], true);
}

#[test]
fn the_report_keeps_a_bounded_number_of_undocumented_codes_and_counts_the_rest() {
    let log: String = (0..1100)
        .map(|i| {
            ext_line(
                "2026-11-20 09:00:00",
                "a@contoso.com",
                &format!("NEW_CODE_{i}"),
            )
        })
        .collect();
    let output = cli()
        .args(["scan", "-"])
        .write_stdin(log.clone())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("NPS extension triage: 1100 finding(s), 1000 code(s)"),
        "{}",
        &stdout[..200]
    );
    assert!(unwrapped(&stdout).contains("+100 more finding(s) of undocumented codes"));
    let summary: Value = serde_json::from_slice(
        &cli()
            .args(["scan", "--summary-json", "-"])
            .write_stdin(log)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(summary["findings"], 1100);
    assert_eq!(summary["undocumented_not_kept"], 100);
}
