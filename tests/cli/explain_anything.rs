//! Explain: whatever a person pastes (quoted codes, `ErrorCode::` fragments, whole log lines and
//! multi-line events), from the argument or standard input, as text and JSON.

use super::*;

/// A log line as the extension writes it: a code after `ErrorCode::` and an Entra error.
const TOKEN_ERROR_LINE: &str = "2026-11-20T09:14:03Z NPS Extension for Azure MFA: CID: \
    d9e0c4a2-8a44-4c3e-9d7b-2f5b1c0e9a11 :Exception in Authentication Ext for User \
    alice@contoso.com :: ErrorCode:: CID :d9e0c4a2-8a44-4c3e-9d7b-2f5b1c0e9a11 ESTS_TOKEN_ERROR \
    Msg:: AADSTS50012: Invalid client secret is provided.";

/// Two events: an undocumented code, then a documented message with no code beside it.
const TWO_EVENTS: &str = "\
2026-11-20 09:14:03 NPS Extension for Azure MFA: CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 : \
ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 BRAND_NEW_CODE Msg:: something new
2026-11-20 09:15:10 Error: Alternate LoginId lookup failed
";

/// Runs `explain` with `args`, expecting success, and returns stdout.
fn explain_stdin(args: &[&str], stdin: &str) -> String {
    let assert = cli()
        .arg("explain")
        .args(args)
        .write_stdin(stdin)
        .assert()
        .success()
        .stderr("");
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

#[test]
fn explain_takes_a_code_quoted_punctuated_or_with_dashes() {
    for query in [
        "'ESTS_TOKEN_ERROR'",
        "\"ests_token_error\"",
        "ESTS_TOKEN_ERROR.",
        "ests-token-error",
        "`ESTS_TOKEN_ERROR`,",
    ] {
        let json = explain_json(query);
        assert_eq!(json["record"]["code"], "ESTS_TOKEN_ERROR", "{query}");
        assert_eq!(json["matched_by"], "code", "{query}");
    }
}

#[test]
fn explain_takes_an_error_code_fragment() {
    let stdout = stdout_of(&["explain", "ErrorCode:: ESTS_TOKEN_ERROR"]);
    assert_explains(&stdout, ErrorCode::EstsTokenError);
}

#[test]
fn explain_of_a_whole_log_line_explains_the_code_it_carries() {
    let stdout = stdout_of(&["explain", TOKEN_ERROR_LINE]);
    assert!(
        stdout.starts_with("Finding 1 of 1, line 1: ESTS_TOKEN_ERROR"),
        "{stdout}"
    );
    assert!(stdout.contains("alice@contoso.com"), "{stdout}");
    assert!(
        stdout.contains("d9e0c4a2-8a44-4c3e-9d7b-2f5b1c0e9a11"),
        "{stdout}"
    );
    assert!(stdout.contains("What to do"), "{stdout}");
}

#[test]
fn explain_json_of_a_log_line_says_it_matched_by_scan() {
    let json = explain_json(TOKEN_ERROR_LINE);
    assert_eq!(json["matched_by"], "scan");
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["code"], "ESTS_TOKEN_ERROR");
    assert_eq!(findings[0]["record"]["code"], "ESTS_TOKEN_ERROR");
    assert_eq!(findings[0]["aadsts"], "AADSTS50012");
}

#[test]
fn explain_of_a_multi_line_event_on_stdin_explains_each_finding_in_order() {
    let stdout = explain_stdin(&["-"], TWO_EVENTS);
    let first = stdout
        .find("Finding 1 of 2, line 1: BRAND_NEW_CODE")
        .expect(&stdout);
    let second = stdout
        .find("Finding 2 of 2, line 2: ALTERNATE_LOGIN_ID_ERROR")
        .expect(&stdout);
    assert!(first < second);
    assert!(stdout.contains("undocumented"), "{stdout}");
}

#[test]
fn explain_reads_standard_input_without_an_argument() {
    let stdout = explain_stdin(&[], "ESTS_TOKEN_ERROR\n");
    assert_explains(&stdout, ErrorCode::EstsTokenError);
}

#[test]
fn explain_json_of_events_on_stdin_lists_every_finding() {
    let json: Value =
        serde_json::from_str(&explain_stdin(&["--json", "-"], TWO_EVENTS)).expect("JSON");
    assert_eq!(json["matched_by"], "scan");
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(codes, ["BRAND_NEW_CODE", "ALTERNATE_LOGIN_ID_ERROR"]);
    assert_eq!(json["findings"][0]["documented"], false);
    assert_eq!(json["findings"][1]["matched_entry"], 1);
}

#[test]
fn explain_json_says_how_a_code_and_a_message_matched() {
    assert_eq!(explain_json("AccessDenied")["matched_by"], "code");
    let json = explain_json("Error: Alternate LoginId lookup failed");
    assert_eq!(json["matched_by"], "message");
}

#[test]
fn explain_json_of_a_miss_writes_an_error_document_and_exits_1() {
    let assert = cli()
        .args(["explain", "--json", "ESTS_TOKEN_EROR"])
        .assert()
        .code(1);
    let json: Value =
        serde_json::from_slice(&assert.get_output().stdout).expect("an error document on stdout");
    assert_eq!(json["input"], "ESTS_TOKEN_EROR");
    assert_eq!(json["suggestions"][0]["name"], "ESTS_TOKEN_ERROR");
    assert_eq!(json["suggestions"][0]["kind"], "code");
    assert!(json["error"]
        .as_str()
        .is_some_and(|e| e.contains("did you mean")));
}

#[test]
fn explain_json_of_a_miss_on_stdin_names_the_input() {
    let assert = cli()
        .args(["explain", "--json"])
        .write_stdin("xyzzy plugh frobnicate\n")
        .assert()
        .code(1);
    let json: Value = serde_json::from_slice(&assert.get_output().stdout).expect("JSON");
    assert_eq!(json["input"], "xyzzy plugh frobnicate");
    assert_eq!(json["suggestions"], serde_json::json!([]));
}

#[test]
fn explain_matches_a_drifted_message_and_says_how_close_it_is() {
    let text = "The phone number is in an unrecognisable format";
    let stdout = stdout_of(&["explain", text]);
    assert_explains(&stdout, ErrorCode::InvalidFormat);
    assert!(
        unwrapped(&stdout).contains("% similar to what was pasted"),
        "{stdout}"
    );
    let json = explain_json(text);
    assert_eq!(json["matched_by"], "message");
    let similarity = json["similarity"].as_f64().expect("a similarity");
    assert!(similarity > 0.9 && similarity < 1.0, "{similarity}");
    assert_eq!(
        explain_json("The phone number is in an unrecognizable format")["similarity"],
        1.0
    );
}

#[test]
fn explain_takes_several_words_without_quotes() {
    let json: Value =
        serde_json::from_str(&stdout_of(&["explain", "--json", "ests", "token", "error"]))
            .expect("JSON");
    assert_eq!(json["matched_by"], "code");
    assert_eq!(json["record"]["code"], "ESTS_TOKEN_ERROR");
    let stdout = stdout_of(&["explain", "http", "connect", "errors"]);
    assert!(
        stdout.starts_with("http_connect_errors  symptom"),
        "{stdout}"
    );
}

#[test]
fn an_aadsts_code_inside_its_own_text_points_to_microsofts_page() {
    for query in [
        "AADSTS50012: The client assertion was signed with a certificate that is not valid",
        "Error: AADSTS 50012",
        "Msg:: AADSTS50012: Invalid client secret is provided.",
    ] {
        let json = explain_json(query);
        assert_eq!(json["matched_by"], "aadsts", "{query}");
        assert_eq!(json["aadsts"], "AADSTS50012", "{query}");
        assert_eq!(
            json["url"],
            "https://login.microsoftonline.com/error?code=50012"
        );
    }
    let stdout = explain_stdin(&["-"], "Error: AADSTS 50012\n");
    assert!(
        stdout.starts_with("AADSTS50012  Microsoft Entra sign-in error"),
        "{stdout}"
    );
    // Inside a word it is not a code.
    cli()
        .args(["explain", "XAADSTS50012 happened"])
        .assert()
        .code(1);
}

#[test]
fn a_pasted_registry_line_names_its_setting() {
    for query in [
        "HKLM\\SOFTWARE\\Microsoft\\AzureMfa\\IP_WHITELIST",
        "    IP_WHITELIST    REG_SZ    10.0.0.1;10.0.0.2",
        "STS_URL=https://login.microsoftonline.us/",
        "\"STS_URL\"=\"https://login.microsoftonline.us/\"",
        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\AzureMfa\n    STS_URL    REG_SZ    https://login.microsoftonline.us/\n",
    ] {
        let json = explain_json(query);
        assert_eq!(json["matched_by"], "setting", "{query}");
        let name = json["record"]["name"].as_str().expect("a name");
        assert!(query.contains(name), "{query}: {name}");
    }
    // Two settings in one paste name neither.
    cli()
        .args(["explain", "STS_URL=x\nIP_WHITELIST=y"])
        .assert()
        .code(1);
}

#[test]
fn standard_input_with_a_byte_order_mark_or_in_utf16_is_read_as_text() {
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("STS_URL\r\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    for stdin in [b"\xEF\xBB\xBFSTS_URL\n".to_vec(), utf16le] {
        let output = cli()
            .args(["explain", "--json", "-"])
            .write_stdin(stdin)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let json: Value = serde_json::from_slice(&output).expect("JSON");
        assert_eq!(json["record"]["name"], "STS_URL");
    }
}

#[test]
fn a_warning_documented_with_a_setting_points_to_that_setting() {
    let line = "2026-11-20 09:14:03 NPS Extension for Azure MFA: IP_WHITE_LIST_WARNING::IP \
                Whitelist is being ignored as the source IP is missing in the RADIUS request";
    let json = explain_json(line);
    let finding = &json["findings"][0];
    assert_eq!(finding["code"], "IP_WHITE_LIST_WARNING");
    assert_eq!(finding["setting"], "IP_WHITELIST");
    let stdout = unwrapped(&stdout_of(&["explain", line]));
    assert!(
        stdout.contains("documented with the registry setting IP_WHITELIST"),
        "{stdout}"
    );
    let report = unwrapped(&report_of(&["-"], format!("{line}\n")));
    assert!(
        report.contains("a warning documented with the registry setting IP_WHITELIST"),
        "{report}"
    );
    // A token nothing documents still says so.
    let json = explain_json("NPS Extension for Azure MFA: ErrorCode:: BRAND_NEW_CODE Msg:: x");
    assert_eq!(json["findings"][0]["setting"], Value::Null);
}
