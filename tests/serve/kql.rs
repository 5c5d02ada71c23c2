//! `export --format kql` through Microsoft's own KQL parser and analyser
//! (`tools/kql-check`, npm `@kusto/language-service-next`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::missing;

fn export(format: &str) -> String {
    let output = assert_cmd::Command::cargo_bin("nps-mfa-errors")
        .unwrap()
        .args(["export", "--format", format])
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn checker() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/kql-check");
    let node = Command::new("node").arg("--version").output();
    if node.is_err() {
        missing("node", "apt-get install nodejs npm");
        return None;
    }
    if !dir
        .join("node_modules/@kusto/language-service-next")
        .is_dir()
    {
        missing("the Kusto analyser", "cd tools/kql-check && npm ci");
        return None;
    }
    Some(dir)
}

/// Runs the analyser on the texts, joined; returns (passed, output).
fn analyse(dir: &Path, texts: &[&str]) -> (bool, String) {
    let scratch = tempfile::tempdir().unwrap();
    let mut args = vec![dir.join("check.js").display().to_string()];
    for (i, text) in texts.iter().enumerate() {
        let path = scratch.path().join(format!("{i}.kql"));
        std::fs::write(&path, text).unwrap();
        args.push(path.display().to_string());
    }
    let output = Command::new("node").args(&args).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "the checker failed to run: {text} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

fn sample_query(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("sample-query.kql")).unwrap()
}

#[test]
fn the_kql_export_and_a_sample_query_over_event_have_no_error_diagnostics() {
    let Some(dir) = checker() else { return };
    let kql = export("kql");
    let (passed, output) = analyse(&dir, &[&kql, &sample_query(&dir)]);
    assert!(passed, "{output}");
    assert!(output.contains("0 error(s)"), "{output}");
}

#[test]
fn a_broken_copy_of_the_kql_export_is_rejected_by_the_analyser() {
    let Some(dir) = checker() else { return };
    let kql = export("kql");
    let query = sample_query(&dir);
    // A misspelt table in the join, a datatable row with a missing value, a column the
    // function does not produce: each must be an error.
    let broken = [
        kql.replace(
            "join kind=leftouter NpsMfaErrorCodes",
            "join kind=leftouter NpsMfaErrorCode",
        ),
        kql.replacen("\"CONTACT_SUPPORT\", ", "", 1),
        kql.replace("| project-away code", "| project-away code, NoSuchColumn"),
    ];
    for copy in &broken {
        assert_ne!(copy, &kql, "the mutation applies");
        let (passed, output) = analyse(&dir, &[copy, &query]);
        assert!(!passed, "a broken copy passed:\n{output}");
    }
    let (passed, output) = analyse(
        &dir,
        &[
            &kql,
            "Event | invoke NpsMfaErrorTriage() | where NoSuchColumn == 1",
        ],
    );
    assert!(!passed, "an unknown column passed:\n{output}");
}

#[test]
fn the_kql_export_is_let_statements_only() {
    let kql = export("kql");
    let code: Vec<&str> = kql
        .lines()
        .filter(|l| !l.trim_start().starts_with("//") && !l.trim().is_empty())
        .collect();
    assert!(code[0].starts_with("let NpsMfaErrorCodes = datatable("));
    assert_eq!(code.iter().filter(|l| l.starts_with("let ")).count(), 2);
    assert_eq!(*code.last().unwrap(), "};", "nothing follows the last let");
}

/// The function's patterns (RE2 syntax, which the `regex` crate shares) pick the code, the
/// correlation ID and the user out of the extension's messages as logged.
#[test]
fn the_triage_patterns_find_code_cid_and_user_in_logged_messages() {
    let kql = export("kql");
    let verbatim = |after: &str| -> regex::Regex {
        let start = kql.find(after).unwrap() + after.len();
        let rest = &kql[start..];
        let end = rest.find("\", ").unwrap();
        regex::Regex::new(&rest[..end].replace("\"\"", "\"")).unwrap()
    };
    let code = verbatim("extend NpsMfaCode = extract(@\"");
    let cid = verbatim("extend Cid = extract(@\"");
    let user = verbatim("trim_end(@\"[:.)]+\", extract(@\"");
    let line =
        "NPS Extension for Azure MFA:  CID: d9e0f1a2-b3c4-4d5e-8f70-8192a3b4c5d6 :Exception \
                in Authentication Ext for User alice@contoso.com :: ErrorCode:: CID \
                :d9e0f1a2-b3c4-4d5e-8f70-8192a3b4c5d6 ESTS_TOKEN_ERROR Msg:: AADSTS50012";
    assert_eq!(&code.captures(line).unwrap()[1], "ESTS_TOKEN_ERROR");
    assert_eq!(
        &cid.captures(line).unwrap()[1],
        "d9e0f1a2-b3c4-4d5e-8f70-8192a3b4c5d6"
    );
    assert_eq!(&user.captures(line).unwrap()[1], "alice@contoso.com");

    // A code the catalog does not know is kept where the log marks one, as `scan` reports it.
    let marked = |after: &str| -> regex::Regex {
        let start = kql.find(after).unwrap() + after.len();
        let rest = &kql[start..];
        let start = rest.find("extract(@\"").unwrap() + "extract(@\"".len();
        let rest = &rest[start..];
        let end = rest.find("\", ").unwrap();
        regex::Regex::new(&rest[..end].replace("\"\"", "\"")).unwrap()
    };
    let after_marker = marked("coalesce(NpsMfaCode,");
    let after_prefix = marked("coalesce(NpsMfaCode,\n        extract(@\"ErrorCode");
    let undocumented = "NPS Extension for Azure MFA: CID: 42 : Exception for User bob :: \
                        ErrorCode:: CID :42 OTP_DELIVERY_TIMEOUT Msg:: x";
    assert_eq!(
        &after_marker.captures(undocumented).unwrap()[1],
        "OTP_DELIVERY_TIMEOUT"
    );
    let bare = "ErrorCode:: PROOFUP_REQUIRED Msg:: y";
    assert_eq!(&after_marker.captures(bare).unwrap()[1], "PROOFUP_REQUIRED");
    let warning =
        "NPS Extension for Azure MFA: IP_WHITE_LIST_WARNING::IP Whitelist is being ignored";
    assert_eq!(
        &after_prefix.captures(warning).unwrap()[1],
        "IP_WHITE_LIST_WARNING"
    );
    // An ordinary line of the extension holds no code.
    let ordinary = "NPS Extension for Azure MFA: Radius request received for User bob";
    assert!(!after_marker.is_match(ordinary) && !after_prefix.is_match(ordinary));
    assert!(kql.contains("| extend NpsMfaDocumented = isnotempty(code)"));

    // Message-keyed rows: the sample user of the documents and any spacing still match.
    let reject = "NPS Extension for Azure MFA only performs Secondary Auth for Radius requests \
                  in AccessAccept State. Request received for User CONTOSO\\bob with response \
                  state AccessReject, ignoring request.";
    let matched: Vec<&str> = kql
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("RenderedDescription matches regex @\"")
        })
        .filter_map(|l| {
            let (pattern, code) = l.split_once("\", \"")?;
            regex::Regex::new(&pattern.replace("\"\"", "\""))
                .unwrap()
                .is_match(reject)
                .then(|| code.trim_end_matches("\","))
        })
        .collect();
    assert_eq!(
        matched.first(),
        Some(&"ACCESS_REJECT_IGNORED"),
        "{matched:?}"
    );
}
