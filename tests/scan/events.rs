//! Events.

use super::*;

#[test]
fn a_code_repeated_in_one_event_counts_once() {
    let log = "2026-11-20 09:00:00 ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 ESTS_TOKEN_ERROR Msg:: a ErrorCode:: ESTS_TOKEN_ERROR Msg:: b ESTS_TOKEN_ERROR\n";
    let findings = scan_str(log);
    assert_eq!(codes(&findings), ["ESTS_TOKEN_ERROR"]);
    // The first occurrence is the one reported.
    assert_eq!(
        findings[0].span.start as usize,
        log.find("ESTS_TOKEN_ERROR").unwrap()
    );
}

#[test]
fn continuation_lines_belong_to_the_event_above() {
    let log = "2026-11-20 09:00:00 NPS Extension for Azure MFA: Exception for User bob@contoso.com :: ErrorCode:: HTTP_CONNECT_ERROR Msg:: x\n    Trace ID: 11111111-2222-4333-8444-555555555555\n\tHTTP_CONNECT_ERROR (retry)\nCorrelation ID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11\nTimestamp: 2026-11-20 09:00:00Z\nTRACE ID: HTTP_CONNECT_ERROR\nMsg:: HTTP_CONNECT_ERROR\nErrorCode:: HTTP_CONNECT_ERROR\n";
    let findings = scan_str(log);
    // The continuation supplies the correlation ID.
    assert_eq!(
        seen_all(&findings),
        [seen(1, "HTTP_CONNECT_ERROR")
            .user("bob@contoso.com")
            .cid(CID)
            .at("2026-11-20 09:00:00")]
    );
}

#[test]
fn a_code_first_seen_on_a_continuation_line_takes_that_line() {
    let log = "2026-11-20 09:00:00 request for User bob failed\n    detail: InvalidSession\n";
    assert_eq!(
        seen_all(&scan_str(log)),
        [seen(2, "InvalidSession")
            .user("bob")
            .at("2026-11-20 09:00:00")]
    );
}

#[test]
fn the_timestamp_field_of_a_continuation_is_used_when_the_line_has_none() {
    let log = "ErrorCode:: InvalidSession\n  Timestamp: 2026-11-20 09:00:00Z\n";
    assert_eq!(
        scan_str(log)[0].timestamp.as_deref(),
        Some("2026-11-20 09:00:00Z")
    );
}

#[test]
fn each_event_counts_on_its_own() {
    let log = format!(
        "{}\n{}\n\n{}\n",
        ext_line("2026-11-20 09:00:00", "a", "InvalidSession", "x"),
        ext_line("2026-11-20 09:00:01", "b", "InvalidSession", "x"),
        ext_line("2026-11-20 09:00:02", "c", "InvalidSession", "x"),
    );
    let findings = scan_str(&log);
    assert_eq!(
        findings
            .iter()
            .map(|f| (f.line, f.user.as_deref().unwrap()))
            .collect::<Vec<_>>(),
        [(1, "a"), (2, "b"), (4, "c")]
    );
}

#[test]
fn two_codes_in_one_event_are_two_findings_in_input_order() {
    let findings = scan_str(
        "ErrorCode:: InternalError Msg:: after VersionNotSupported and InternalError again",
    );
    assert_eq!(codes(&findings), ["InternalError", "VersionNotSupported"]);
}

#[test]
fn the_first_well_formed_cid_of_an_event_wins() {
    let log = "CID: not-a-guid CID: 6F3C2A1E-8A44-4C3E-9D7B-2F5B1C0E9A11 :x ErrorCode:: CID :00000000-0000-0000-0000-000000000000 InternalError";
    assert_eq!(scan_str(log)[0].cid.as_deref(), Some(CID));
}

/// Every code, logged with each documented wording of its own entries, is one finding of
/// that code: a code sharing a row of the page with another
/// (`StrongAuthenticationServiceInvalidParameter` with `InvalidFormat`) logs the row's message,
/// and the message must not add a finding of the other code.
#[test]
fn a_code_logged_with_its_own_message_is_one_finding_of_that_code() {
    for code in ErrorCode::all() {
        for entry in code.entries() {
            for wording in entry.wordings() {
                let log = format!(
                    "2026-11-20 09:00:00 NPS Extension for Azure MFA: ErrorCode:: CID :{CID} {} \
                     Msg:: {}\n",
                    code.as_str(),
                    wording.text()
                );
                let findings = scan_str(&log);
                assert_eq!(codes(&findings), [code.as_str()], "{log}");
            }
        }
    }
}
