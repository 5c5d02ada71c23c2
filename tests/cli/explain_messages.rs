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
    assert_explains(&stdout, ErrorCode::AccessRejectIgnored);
}

#[test]
fn explain_finds_a_message_inside_a_longer_log_line() {
    let stdout = stdout_of(&[
        "explain",
        "2025-01-08 10:00:01 NPS: Error: Alternate LoginId lookup failed (0x80070057)",
    ]);
    assert_explains(&stdout, ErrorCode::AlternateLoginIdError);
    assert!(stdout.contains("Entry 2 of 3"), "{stdout}");
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
