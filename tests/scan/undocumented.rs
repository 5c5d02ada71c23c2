//! Undocumented codes and AADSTS.

use super::*;

#[test]
fn an_unknown_code_after_the_error_code_marker_is_undocumented() {
    let log = ext_line(
        "2026-11-20 09:00:00",
        "bob",
        "OTP_GATEWAY_BUSY",
        "try later",
    );
    let findings = scan_str(&log);
    assert_eq!(
        seen_all(&findings),
        [seen(1, "OTP_GATEWAY_BUSY")
            .undocumented()
            .user("bob")
            .cid(CID)
            .at("2026-11-20 09:00:00")]
    );
    assert_eq!(
        findings[0].code,
        FoundCode::Undocumented("OTP_GATEWAY_BUSY".to_owned())
    );
    assert_eq!(
        (
            findings[0].category(),
            findings[0].message(),
            findings[0].entry.is_none()
        ),
        (None, None, true)
    );
    let span = findings[0].span.start as usize..findings[0].span.end as usize;
    assert_eq!(&log[span], "OTP_GATEWAY_BUSY");
}

#[test]
fn an_unknown_token_heading_a_message_is_undocumented() {
    assert_eq!(
        codes(&scan_str(
            "for User bob :: Msg:: PROOFUP_REQUIRED:: no method"
        )),
        ["PROOFUP_REQUIRED"]
    );
    assert_eq!(
        codes(&scan_str(
            "2026-11-20 x\n  CertificateRenewalPending:: renew soon"
        )),
        ["CertificateRenewalPending"]
    );
    assert!(!scan_str("CertificateRenewalPending:: renew soon")[0].is_documented());
}

#[test]
fn a_documented_code_after_the_marker_or_heading_a_message_is_documented() {
    for text in [
        "ErrorCode:: REGISTRY_CONFIG_ERROR",
        "REGISTRY_CONFIG_ERROR:: key missing",
        "Msg:: REGISTRY_CONFIG_ERROR:: key",
    ] {
        let findings = scan_str(text);
        assert_eq!(findings.len(), 1, "{text}");
        assert_eq!(
            findings[0].code.documented(),
            Some(ErrorCode::RegistryConfigError),
            "{text}"
        );
    }
}

#[test]
fn words_that_are_not_code_shaped_are_not_undocumented_codes() {
    for text in [
        "ErrorCode:: none Msg:: x",
        "ErrorCode:: Msg:: x",
        "ErrorCode::",
        "ErrorCode:: 42",
        "ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 Msg:: x",
        "Note:: lower case",
        "Msg:: Ok:: short",
        "NPS:: short",
    ] {
        assert!(
            scan_str(text).is_empty(),
            "{text}: {:?}",
            codes(&scan_str(text))
        );
    }
}

#[test]
fn an_embedded_aadsts_code_goes_with_the_finding() {
    let log = ext_line(
        "2026-11-20 09:00:00",
        "bob",
        "ESTS_TOKEN_ERROR",
        "AADSTS7000222: the client secret expired; AADSTS50012 later",
    );
    assert_eq!(scan_str(&log)[0].aadsts.as_deref(), Some("AADSTS7000222"));
}

#[test]
fn aadsts_alone_is_no_finding() {
    assert!(scan_str("sign-in failed with AADSTS50012: invalid client assertion").is_empty());
    // Too few digits, or glued to a word, is no AADSTS code.
    assert_eq!(
        scan_str("ErrorCode:: InternalError AADSTS12 xAADSTS50012")[0].aadsts,
        None
    );
}
