//! Encodings.

use super::*;

const SAMPLE: &str = "2026-11-20 09:14:03 NPS Extension for Azure MFA:  CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 :Exception in Authentication Ext for User zoë@contoso.com :: ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 ESTS_TOKEN_ERROR Msg:: x\n2026-11-20 09:15:10 Error: Alternate LoginId value is empty\n";

fn sample_seen() -> Vec<Seen> {
    vec![
        seen(1, "ESTS_TOKEN_ERROR")
            .user("zoë@contoso.com")
            .cid(CID)
            .at("2026-11-20 09:14:03"),
        seen(2, "ALTERNATE_LOGIN_ID_ERROR").at("2026-11-20 09:15:10"),
    ]
}

#[test]
fn utf16le_with_bom_is_decoded() {
    assert_eq!(seen_all(&scan_bytes(&utf16le(SAMPLE, true))), sample_seen());
}

#[test]
fn utf16be_with_bom_is_decoded() {
    assert_eq!(seen_all(&scan_bytes(&utf16be(SAMPLE))), sample_seen());
}

#[test]
fn utf8_with_bom_is_decoded() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(SAMPLE.as_bytes());
    assert_eq!(seen_all(&scan_bytes(&bytes)), sample_seen());
}

#[test]
fn utf16le_without_bom_is_recognised() {
    assert_eq!(
        seen_all(&scan_bytes(&utf16le(SAMPLE, false))),
        sample_seen()
    );
}

#[test]
fn utf16_xml_export_is_decoded() {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Events>{}</Events>",
        xml_event(3, "t", "Tenant is blocked")
    );
    assert_eq!(
        codes(&scan_bytes(&utf16le(&xml, true))),
        ["TenantIsBlocked"]
    );
    assert_eq!(codes(&scan_bytes(&utf16be(&xml))), ["TenantIsBlocked"]);
}

#[test]
fn crlf_line_endings_give_the_same_findings() {
    let crlf = SAMPLE.replace('\n', "\r\n");
    assert_eq!(seen_all(&scan_str(&crlf)), sample_seen());
    // A message ending at a CR still matches, and the CR is not in the user name.
    let findings = scan_str("x for User bob\r\nThe specified user was not found\r\n");
    assert_eq!(codes(&findings), ["UserNotFound"]);
    assert_eq!(
        scan_str("Request received for User bob\r\n  ErrorCode:: UserNotFound\r\n")[0]
            .user
            .as_deref(),
        Some("bob")
    );
}

#[test]
fn invalid_utf8_is_replaced_and_findings_around_it_are_found() {
    let mut bytes =
        b"2026-11-20 09:00:00 \xFF\xFE\xC3 garbage ErrorCode:: TenantIsBlocked for User b\xFFb\n"
            .to_vec();
    bytes.extend_from_slice(b"\xC0\xC1\xF5\xF6\xF7\xF8\xF9\xFA\xFB\xFC\xFD\xFE\xFF\x80\x80\x80\x80\x80 The specified user was not found\n");
    bytes.extend_from_slice(b"ErrorCode:: InvalidSession\n");
    let findings = scan_bytes(&bytes);
    assert_eq!(
        codes(&findings),
        ["TenantIsBlocked", "UserNotFound", "InvalidSession"]
    );
    assert_eq!(findings[0].user.as_deref(), Some("b\u{FFFD}b"));
    // Spans stay inside the input, on the text found.
    let message = &bytes[findings[1].span.start as usize..findings[1].span.end as usize];
    assert_eq!(message, b"The specified user was not found");
    assert_eq!(
        findings.iter().map(|f| f.line).collect::<Vec<_>>(),
        [1, 2, 3]
    );
}
