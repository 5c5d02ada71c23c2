//! Every public type serializes (feature `serde`), as the README promises.

#![cfg(all(feature = "serde", feature = "scan"))]

use nps_mfa_errors::scan::{scan_str, FoundCode, InputFormat, Scanner};
use nps_mfa_errors::{find_message, lookup, ErrorCode, Lookup};

fn json(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).expect("serializes")
}

#[test]
fn a_message_match_serializes_with_its_code_entry_and_wording() {
    let found = find_message("Error: Alternate LoginId lookup failed").expect("a match");
    let value = json(&found);
    assert_eq!(value["code"], "ALTERNATE_LOGIN_ID_ERROR");
    assert_eq!(
        value["wording"]["text"],
        "Error: Alternate LoginId lookup failed"
    );
    assert!(value["entry"]["steps"].is_array());
}

#[test]
fn a_lookup_serializes_tagged_by_how_it_matched() {
    let value = json(&lookup("ests_token_error").expect("a code"));
    assert_eq!(value, serde_json::json!({ "code": "ESTS_TOKEN_ERROR" }));
    let value = json(&lookup("Error: Alternate LoginId lookup failed").expect("a message"));
    assert_eq!(value["message"]["code"], "ALTERNATE_LOGIN_ID_ERROR");
    assert!(matches!(
        lookup("AccessDenied"),
        Ok(Lookup::Code(ErrorCode::AccessDenied))
    ));
}

#[test]
fn lookup_errors_serialize_with_the_input_and_the_suggestion() {
    let value = json(&lookup("ESTS_TOKEN_EROR").unwrap_err());
    assert_eq!(value["input"], "ESTS_TOKEN_EROR");
    assert_eq!(value["suggestion"], "ESTS_TOKEN_ERROR");
    let value = json(
        &"user_errors"
            .parse::<nps_mfa_errors::Category>()
            .unwrap_err(),
    );
    assert_eq!(value["suggestion"], "user_error");
    let value = json(
        &"IP_WHITELST"
            .parse::<nps_mfa_errors::Setting>()
            .unwrap_err(),
    );
    assert_eq!(value["suggestion"], "IP_WHITELIST");
}

#[test]
fn scan_types_serialize_as_their_names() {
    let finding = &scan_str("ErrorCode:: BRAND_NEW_CODE Msg:: x")[0];
    assert_eq!(json(&finding.code), "BRAND_NEW_CODE");
    assert_eq!(
        json(&FoundCode::Documented(ErrorCode::AccessDenied)),
        "AccessDenied"
    );
    assert_eq!(json(&InputFormat::EventViewerText), "event-viewer-text");
    let summary = Scanner::shared()
        .scan_reader("x\n".as_bytes(), None, |_| {})
        .expect("reads");
    assert_eq!(
        json(&summary),
        serde_json::json!({ "format": "text", "bytes": 2 })
    );
}

#[test]
fn a_scan_error_serializes_with_its_path_and_message() {
    let errors = Scanner::shared().scan_path(std::path::Path::new("/no/such/file"), |_| {});
    let value = json(&errors[0]);
    assert_eq!(value["path"], "/no/such/file");
    assert!(value["error"]
        .as_str()
        .is_some_and(|e| e.contains("cannot be read")));
}
