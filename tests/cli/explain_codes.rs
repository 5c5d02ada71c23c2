//! Explain: codes.

use super::*;

#[test]
fn explain_finds_a_code_in_its_exact_case() {
    let stdout = stdout_of(&["explain", "ESTS_TOKEN_ERROR"]);
    assert_explains(&stdout, ErrorCode::EstsTokenError);
}

#[test]
fn explain_finds_a_code_in_lower_case() {
    let stdout = stdout_of(&["explain", "ests_token_error"]);
    assert_explains(&stdout, ErrorCode::EstsTokenError);
    let stdout = stdout_of(&["explain", "accessdenied"]);
    assert_explains(&stdout, ErrorCode::AccessDenied);
}

#[test]
fn explain_finds_a_code_in_mixed_case() {
    let stdout = stdout_of(&["explain", "Ests_Token_Error"]);
    assert_explains(&stdout, ErrorCode::EstsTokenError);
    let stdout = stdout_of(&["explain", "ACCESSDENIED"]);
    assert_explains(&stdout, ErrorCode::AccessDenied);
}

#[test]
fn explain_ignores_white_space_around_a_code() {
    let stdout = stdout_of(&["explain", "  HTTP_CONNECT_ERROR \n"]);
    assert_explains(&stdout, ErrorCode::HttpConnectError);
}

#[test]
fn explain_of_a_code_with_three_entries_shows_every_entry() {
    let code = ErrorCode::AlternateLoginIdError;
    assert_eq!(code.entries().len(), 3);
    let stdout = stdout_of(&["explain", "ALTERNATE_LOGIN_ID_ERROR"]);
    assert_explains(&stdout, code);
    for n in 1..=3 {
        assert!(
            stdout.contains(&format!("Entry {n} of 3")),
            "no entry {n} of 3:\n{stdout}"
        );
    }
    assert_eq!(stdout.matches("What to do").count(), 3);
}

#[test]
fn explain_of_a_code_with_seven_entries_shows_every_entry() {
    let code = ErrorCode::InvalidParameter;
    assert_eq!(code.entries().len(), 7);
    let stdout = stdout_of(&["explain", "InvalidParameter"]);
    assert_explains(&stdout, code);
    for n in 1..=7 {
        assert!(
            stdout.contains(&format!("Entry {n} of 7")),
            "no entry {n} of 7:\n{stdout}"
        );
    }
    assert_eq!(stdout.matches("What to do").count(), 7);
    let text = unwrapped(&stdout);
    for entry in code.entries() {
        for wording in entry.wordings() {
            assert!(
                text.contains(&unwrapped(wording.text())),
                "wording {:?} missing",
                wording.text()
            );
        }
    }
}

#[test]
fn explain_of_a_code_shows_every_documented_wording_of_its_message() {
    let stdout = stdout_of(&["explain", "InvalidSession"]);
    let text = unwrapped(&stdout);
    assert!(
        text.contains("The specified session is invalid or might be expired"),
        "{stdout}"
    );
    assert!(
        text.contains("The specified session is invalid or may have expired"),
        "{stdout}"
    );
}
