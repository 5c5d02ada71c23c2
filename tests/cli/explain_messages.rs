//! Explain: messages.

use super::*;

#[test]
fn explain_matches_a_logged_message_with_filled_placeholders_any_case_and_spacing() {
    let stdout = stdout_of(&[
        "explain",
        "  the LENGTH of   CompanyName Contoso Ltd is longer than the maximum allowed length 64 ",
    ]);
    assert_explains(&stdout, ErrorCode::InvalidParameter);
    let text = unwrapped(&stdout);
    assert!(text.contains("Matched wording:"), "{stdout}");
    assert!(text.contains("The length of CompanyName"), "{stdout}");
    assert!(
        text.contains("is longer than the maximum allowed length"),
        "{stdout}"
    );
}

#[test]
fn explain_of_a_message_shows_only_the_matching_entry() {
    let stdout = stdout_of(&[
        "explain",
        "The length of CompanyName Contoso Ltd is longer than the maximum allowed length 64",
    ]);
    assert!(stdout.contains("Entry 3 of 7"), "{stdout}");
    assert_eq!(stdout.matches("Entry ").count(), 1, "{stdout}");
    assert_eq!(stdout.matches("What to do").count(), 1, "{stdout}");
}

#[test]
fn explain_matches_the_2017_wording_of_a_message() {
    let stdout = stdout_of(&[
        "explain",
        "Caller tenant does not have access permissions to do authentication for the user",
    ]);
    assert_explains(&stdout, ErrorCode::AccessDenied);
}

#[test]
fn explain_prefers_the_most_specific_message() {
    let stdout = stdout_of(&["explain", "Wrong code and pin entered. (OneWaySMS)"]);
    assert_explains(&stdout, ErrorCode::SmsAuthFailedWrongCodePinEntered);
    assert!(!stdout.starts_with("OathCodePinIncorrect"), "{stdout}");
}

#[test]
fn explain_matches_an_access_reject_notice_with_the_old_product_name_and_a_real_user() {
    let stdout = stdout_of(&[
        "explain",
        "NPS Extension for Azure MFA only performs Secondary Auth for Radius requests in AccessAccept State. \
         Request received for User alice@contoso.com with response state AccessReject, ignoring request.",
    ]);
    // The line names a user, so it is explained as a finding, with the user.
    let (heading, explanation) = stdout.split_once("\n\n").expect(&stdout);
    assert_eq!(
        heading,
        "Finding 1 of 1, line 1: ACCESS_REJECT_IGNORED\n  User: alice@contoso.com"
    );
    assert_explains(explanation, ErrorCode::AccessRejectIgnored);
}

#[test]
fn explain_finds_a_message_inside_a_longer_log_line() {
    let stdout = stdout_of(&[
        "explain",
        "2025-01-08 10:00:01 NPS: Error: Alternate LoginId lookup failed (0x80070057)",
    ]);
    // The line has a time, so it is explained as a finding, with the time.
    let (heading, explanation) = stdout.split_once("\n\n").expect(&stdout);
    assert_eq!(
        heading,
        "Finding 1 of 1, line 1: ALTERNATE_LOGIN_ID_ERROR\n  Logged: 2025-01-08 10:00:01"
    );
    assert_explains(explanation, ErrorCode::AlternateLoginIdError);
    assert!(stdout.contains("Entry 2 of 3"), "{stdout}");
}

#[test]
fn a_pasted_line_with_a_code_its_message_a_user_and_a_cid_keeps_them() {
    let line =
        "NPS Extension for Azure MFA:  CID: 3f6b1c2d-9e84-4a51-b7c0-1d2e3f405162 : Exception in \
                Authentication Ext for User alice@contoso.com :: ErrorCode:: CID \
                :3f6b1c2d-9e84-4a51-b7c0-1d2e3f405162 AccessDenied Msg:: Caller tenant doesn't \
                have access permission to do authentication for the user.";
    let json = explain_json(line);
    assert_eq!(json["matched_by"], "scan", "{json}");
    let finding = &json["findings"][0];
    assert_eq!(finding["code"], "AccessDenied");
    assert_eq!(finding["user"], "alice@contoso.com");
    assert_eq!(finding["cid"], "3f6b1c2d-9e84-4a51-b7c0-1d2e3f405162");
    // The wording the message matched, and how closely, as a message match gives them.
    let wordings: Vec<&str> = ErrorCode::AccessDenied.entries()[0]
        .wordings()
        .iter()
        .map(|w| w.text())
        .collect();
    let matched = finding["matched_wording"].as_str().expect("a wording");
    assert!(wordings.contains(&matched), "{matched}");
    assert!(
        finding["similarity"].as_f64().is_some_and(|s| s < 1.0),
        "{finding}"
    );
    // The bare message still matches as a message.
    let json = explain_json(
        "Caller tenant does not have access permissions to do authentication for the user",
    );
    assert_eq!(json["matched_by"], "message", "{json}");
}

#[test]
fn explain_dash_reads_a_message_from_stdin() {
    let assert = cli()
        .args(["explain", "-"])
        .write_stdin("Wrong code and pin entered. (OneWaySMS)\n")
        .assert()
        .success()
        .stderr("");
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert_explains(&stdout, ErrorCode::SmsAuthFailedWrongCodePinEntered);
}

#[test]
fn explain_dash_reads_a_code_from_stdin() {
    let assert = cli()
        .args(["explain", "-"])
        .write_stdin("ests_token_error\n")
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert_explains(&stdout, ErrorCode::EstsTokenError);
}
