//! Messages with no code next to them.

use super::*;

fn only(text: &str) -> (ErrorCode, Option<&'static str>) {
    let findings = scan_str(text);
    assert_eq!(findings.len(), 1, "{text}: {:?}", codes(&findings));
    (
        findings[0].code.documented().expect("documented"),
        findings[0].message(),
    )
}

#[test]
fn access_reject_notice_is_attributed_with_its_user() {
    let log = "2026-11-20 09:14:03 NPS Extension for Azure MFA only performs Secondary Auth for Radius requests in AccessAccept State. Request received for User CONTOSO\\bob with response state AccessReject, ignoring request.";
    let findings = scan_str(log);
    assert_eq!(
        seen_all(&findings),
        [seen(1, "ACCESS_REJECT_IGNORED")
            .user(r"CONTOSO\bob")
            .at("2026-11-20 09:14:03")]
    );
    let found = &log[findings[0].span.start as usize..findings[0].span.end as usize];
    assert!(
        found.starts_with("NPS Extension") && found.ends_with("ignoring request."),
        "{found:?}"
    );
}

#[test]
fn access_challenge_notice_is_its_own_code() {
    let log = "NPS Extension for Microsoft Entra multifactor authentication only performs Secondary Auth for Radius requests in AccessAccept State. Request received for User amy with response state AccessChallenge, ignoring request.";
    assert_eq!(only(log).0, ErrorCode::AccessChallengeIgnored);
}

#[test]
fn challenge_requested_is_found_with_its_user() {
    let findings = scan_str(
        "NPS Extension for Azure MFA: Challenge requested in Authentication Ext for User npstest1",
    );
    assert_eq!(
        seen_all(&findings),
        [seen(1, "CHALLENGE_REQUESTED").user("npstest1")]
    );
}

#[test]
fn older_does_not_wordings_are_found() {
    for (text, code) in [
        ("Caller tenant does not have access permissions to do authentication for the user", ErrorCode::AccessDenied),
        ("MSODS Bec call returned access denied, probably the username is not defined in the tenant", ErrorCode::BecAccessDenied),
        ("The specified user was not found", ErrorCode::UserNotFound),
        ("Proof data was not configured for the specified authentication method.", ErrorCode::ProofDataNotFound),
        ("Specified authentication method is not supported.", ErrorCode::AuthenticationMethodNotSupported),
        ("The specified session is invalid or may have expired", ErrorCode::InvalidSession),
        ("The provided TenantId is not in correct format", ErrorCode::InvalidParameter),
    ] {
        assert_eq!(only(text).0, code, "{text}");
    }
}

#[test]
fn newer_contracted_wordings_and_curly_apostrophes_are_found() {
    assert_eq!(
        only("Caller tenant doesn't have access permissions to do authentication for the user").0,
        ErrorCode::AccessDenied
    );
    assert_eq!(only("Caller tenant doesn\u{2019}t have access permissions to do authentication for the user").0, ErrorCode::AccessDenied);
    assert_eq!(
        only("The specified user wasn\u{2018}t found").0,
        ErrorCode::UserNotFound
    );
}

#[test]
fn placeholders_are_filled_with_any_text() {
    let (code, message) = only("Msg:: The length of CompanyName \\Contoso Pharmaceuticals Worldwide Holding Ltd\\ is longer than the maximum allowed length 64");
    assert_eq!(code, ErrorCode::InvalidParameter);
    assert_eq!(
        message,
        Some("The length of CompanyName \\{0}\\ is longer than the maximum allowed length {1}")
    );
    let (code, message) = only("ObjectId must not be null or empty for ReplicationScope:Tenant");
    assert_eq!(
        (code, message),
        (
            ErrorCode::InvalidParameter,
            Some("ObjectId must not be null or empty for ReplicationScope:{0}")
        )
    );
}

#[test]
fn case_and_spacing_are_folded() {
    assert_eq!(
        only("ERROR:   alternate   loginid\tLOOKUP failed").0,
        ErrorCode::AlternateLoginIdError
    );
    assert_eq!(
        only("the  SPECIFIED authentication method\n    was not configured for the user").0,
        ErrorCode::AuthenticationMethodNotConfigured
    );
}

#[test]
fn a_message_wrapped_over_continuation_lines_is_found() {
    let log = "2026-11-20 09:00:00 Exception for User bob ::\n    The specified authentication method\n    was not configured for the user\n";
    assert_eq!(
        seen_all(&scan_str(log)),
        [seen(2, "AuthenticationMethodNotConfigured")
            .user("bob")
            .at("2026-11-20 09:00:00")]
    );
}

#[test]
fn product_name_is_variable_in_notices() {
    for product in [
        "Azure MFA",
        "Microsoft Entra multifactor authentication",
        "Azure Multi-Factor Authentication",
    ] {
        let log = format!("NPS Extension for {product} only performs Secondary Auth for Radius requests in AccessAccept State. Request received for User a@b.c with response state AccessReject, ignoring request.");
        assert_eq!(only(&log).0, ErrorCode::AccessRejectIgnored, "{product}");
    }
}

#[test]
fn the_most_specific_message_wins() {
    assert_eq!(
        only("Msg:: Wrong code and pin entered. (OneWaySMS)").0,
        ErrorCode::SmsAuthFailedWrongCodePinEntered
    );
    assert_eq!(
        only("Msg:: wrong code and PIN entered.  (onewaysms)").0,
        ErrorCode::SmsAuthFailedWrongCodePinEntered
    );
    assert_eq!(
        only("Msg:: Wrong code and pin entered.").0,
        ErrorCode::OathCodePinIncorrect
    );
}

#[test]
fn alternate_login_id_messages_pick_their_entry() {
    assert_eq!(
        only("Error: userObjectSid lookup failed").1,
        Some("Error: userObjectSid lookup failed")
    );
    assert_eq!(
        only("Error: Alternate LoginId lookup failed").1,
        Some("Error: Alternate LoginId lookup failed")
    );
    assert_eq!(
        only("Error: Alternate LoginId value is empty").1,
        Some("Error: Alternate LoginId value is empty")
    );
}

#[test]
fn a_code_with_its_own_message_is_one_finding_for_that_entry() {
    let (code, message) =
        only("ErrorCode:: InvalidParameter Msg:: UserPrincipalName must not be null or empty");
    assert_eq!(
        (code, message),
        (
            ErrorCode::InvalidParameter,
            Some("UserPrincipalName must not be null or empty")
        )
    );
}

#[test]
fn a_partial_message_is_no_finding() {
    for text in [
        "The specified user",
        "Caller tenant does not have access",
        "Wrong code",
        "alternate login id lookup failed",
    ] {
        assert!(scan_str(text).is_empty(), "{text}");
    }
}
