//! Explain --json.

use super::*;

#[test]
fn explain_json_of_a_code_has_the_record_and_matched_by_code() {
    let json = explain_json("ests_token_error");
    assert_eq!(json["query"], "ests_token_error");
    assert_eq!(json["matched_by"], "code");
    assert_eq!(json["matched_entry"], Value::Null);
    assert_eq!(json["matched_wording"], Value::Null);
    assert_eq!(json["record"]["code"], "ESTS_TOKEN_ERROR");
    assert_eq!(
        json["record"]["category"],
        ErrorCode::EstsTokenError.category().as_str()
    );
    let entries = json["record"]["entries"]
        .as_array()
        .expect("record.entries is an array");
    assert_eq!(entries.len(), ErrorCode::EstsTokenError.entries().len());
}

#[test]
fn explain_json_of_a_message_has_the_matched_entry_and_wording() {
    let json = explain_json("Error: Alternate LoginId lookup failed");
    assert_eq!(json["matched_by"], "message");
    assert_eq!(json["record"]["code"], "ALTERNATE_LOGIN_ID_ERROR");
    assert_eq!(json["matched_entry"], 1);
    assert_eq!(
        json["matched_wording"],
        "Error: Alternate LoginId lookup failed"
    );
    assert_eq!(json["record"]["entries"].as_array().map(Vec::len), Some(3));
}

#[test]
fn explain_json_names_the_most_specific_message() {
    let json = explain_json("Wrong code and pin entered. (OneWaySMS)");
    assert_eq!(json["matched_by"], "message");
    assert_eq!(json["record"]["code"], "SMSAuthFailedWrongCodePinEntered");
    assert_eq!(json["matched_entry"], 0);
}

#[test]
fn explain_json_record_is_the_exported_record() {
    let json = explain_json("InvalidFormat");
    let export: Value = serde_json::from_str(&stdout_of(&["export", "--format", "json"])).unwrap();
    let exported = export["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "InvalidFormat")
        .expect("InvalidFormat is exported");
    assert_eq!(&json["record"], exported);
}
