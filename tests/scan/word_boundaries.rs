//! Word boundaries.

use super::*;

#[test]
fn invalid_parameter_inside_strong_authentication_code_is_no_second_finding() {
    let findings = scan_str("ErrorCode:: StrongAuthenticationServiceInvalidParameter Msg:: x");
    assert_eq!(
        codes(&findings),
        ["StrongAuthenticationServiceInvalidParameter"]
    );
}

#[test]
fn access_denied_inside_bec_access_denied_is_no_second_finding() {
    assert_eq!(
        codes(&scan_str("ErrorCode:: BecAccessDenied Msg:: x")),
        ["BecAccessDenied"]
    );
}

#[test]
fn code_glued_to_word_characters_is_no_finding() {
    for text in [
        "XAccessDenied",
        "AccessDeniedX",
        "AccessDenied2",
        "_AccessDenied",
        "AccessDenied_",
        "9TenantIsBlocked",
    ] {
        assert!(scan_str(text).is_empty(), "{text}");
    }
}

#[test]
fn code_between_punctuation_is_found() {
    for text in [
        "(AccessDenied)",
        "AccessDenied.",
        "code=AccessDenied;",
        "\"AccessDenied\"",
        "AccessDenied::",
        "-AccessDenied-",
    ] {
        assert_eq!(codes(&scan_str(text)), ["AccessDenied"], "{text}");
    }
}

#[test]
fn codes_are_matched_in_their_catalog_spelling_only() {
    // Lower case prose is not a code; the catalog's spelling is.
    assert!(scan_str("access was denied: accessdenied ACCESSDENIED").is_empty());
    assert_eq!(
        codes(&scan_str("internal_error InternalError")),
        ["InternalError"]
    );
}
