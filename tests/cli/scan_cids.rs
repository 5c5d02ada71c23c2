//! Scan report: correlation IDs are counted once each, however often they repeat.

use super::*;

#[test]
fn a_correlation_id_repeated_by_many_findings_counts_once() {
    let line = "NPS Extension for Azure MFA: CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 : \
        ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 ESTS_TOKEN_ERROR Msg:: x\n";
    let log = line.repeat(50);
    let assert = cli()
        .args(["scan", "-"])
        .write_stdin(log)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        stdout.contains("6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11"),
        "{stdout}"
    );
    assert!(!stdout.contains("more)"), "{stdout}");
}

#[test]
fn distinct_correlation_ids_beyond_those_shown_are_counted_as_more() {
    let log: String = (0..8)
        .flat_map(|i| {
            let line = format!(
                "CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a1{i} : ErrorCode:: ESTS_TOKEN_ERROR Msg:: x\n"
            );
            [line.clone(), line]
        })
        .collect();
    let assert = cli()
        .args(["scan", "-"])
        .write_stdin(log)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(unwrapped(&stdout).contains("(+3 more)"), "{stdout}");
}
