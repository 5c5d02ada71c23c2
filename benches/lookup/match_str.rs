//! The `match` on `&str` that a hand-written (or strum `EnumString`) parser is: the baseline
//! `match_str` of the lookup benchmark. Written out once, like a user would; `main.rs` checks at
//! start-up that it still answers for every documented code.

use nps_mfa_errors::ErrorCode;

/// A `match` on the code string.
pub fn match_str(code: &str) -> Option<ErrorCode> {
    match code {
        "CONTACT_SUPPORT" => Some(ErrorCode::ContactSupport),
        "CLIENT_CERT_INSTALL_ERROR" => Some(ErrorCode::ClientCertInstallError),
        "ESTS_TOKEN_ERROR" => Some(ErrorCode::EstsTokenError),
        "HTTPS_COMMUNICATION_ERROR" => Some(ErrorCode::HttpsCommunicationError),
        "HTTP_CONNECT_ERROR" => Some(ErrorCode::HttpConnectError),
        "ACCESS_REJECT_IGNORED" => Some(ErrorCode::AccessRejectIgnored),
        "ACCESS_CHALLENGE_IGNORED" => Some(ErrorCode::AccessChallengeIgnored),
        "REGISTRY_CONFIG_ERROR" => Some(ErrorCode::RegistryConfigError),
        "REQUEST_FORMAT_ERROR" => Some(ErrorCode::RequestFormatError),
        "REQUEST_MISSING_CODE" => Some(ErrorCode::RequestMissingCode),
        "USERNAME_CANONICALIZATION_ERROR" => Some(ErrorCode::UsernameCanonicalizationError),
        "CHALLENGE_REQUESTED" => Some(ErrorCode::ChallengeRequested),
        "ALTERNATE_LOGIN_ID_ERROR" => Some(ErrorCode::AlternateLoginIdError),
        "AccessDenied" => Some(ErrorCode::AccessDenied),
        "AuthenticationMethodNotConfigured" => Some(ErrorCode::AuthenticationMethodNotConfigured),
        "AuthenticationMethodNotSupported" => Some(ErrorCode::AuthenticationMethodNotSupported),
        "BecAccessDenied" => Some(ErrorCode::BecAccessDenied),
        "InvalidFormat" => Some(ErrorCode::InvalidFormat),
        "StrongAuthenticationServiceInvalidParameter" => {
            Some(ErrorCode::StrongAuthenticationServiceInvalidParameter)
        }
        "InvalidSession" => Some(ErrorCode::InvalidSession),
        "NoDefaultAuthenticationMethodIsConfigured" => {
            Some(ErrorCode::NoDefaultAuthenticationMethodIsConfigured)
        }
        "OathCodePinIncorrect" => Some(ErrorCode::OathCodePinIncorrect),
        "ProofDataNotFound" => Some(ErrorCode::ProofDataNotFound),
        "SMSAuthFailedWrongCodePinEntered" => Some(ErrorCode::SmsAuthFailedWrongCodePinEntered),
        "TenantIsBlocked" => Some(ErrorCode::TenantIsBlocked),
        "UserNotFound" => Some(ErrorCode::UserNotFound),
        "OathCodeIncorrect" => Some(ErrorCode::OathCodeIncorrect),
        "SMSAuthFailedMaxAllowedCodeRetryReached" => {
            Some(ErrorCode::SmsAuthFailedMaxAllowedCodeRetryReached)
        }
        "SMSAuthFailedWrongCodeEntered" => Some(ErrorCode::SmsAuthFailedWrongCodeEntered),
        "AuthenticationThrottled" => Some(ErrorCode::AuthenticationThrottled),
        "AuthenticationMethodLimitReached" => Some(ErrorCode::AuthenticationMethodLimitReached),
        "InvalidParameter" => Some(ErrorCode::InvalidParameter),
        "InternalError" => Some(ErrorCode::InternalError),
        "VersionNotSupported" => Some(ErrorCode::VersionNotSupported),
        "MFAPinNotSetup" => Some(ErrorCode::MfaPinNotSetup),
        _ => None,
    }
}
