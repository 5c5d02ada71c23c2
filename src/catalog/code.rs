//! Behaviour of [`ErrorCode`]: parsing, categories and entries.

use super::{Category, ErrorCode, CODES, CODES_FOLDED};
use crate::facts::{AuthProtocol, Cloud, Endpoint, Setting};

impl ErrorCode {
    /// Looks a code up exactly as logged (case-sensitive); `None` if it is not documented.
    ///
    /// This is the allocation-free core of [`FromStr`](core::str::FromStr); use `str::parse` to get an
    /// [`UnknownCode`](crate::UnknownCode) error with a suggestion instead. It is one `get` on
    /// [`CODES`](crate::CODES), the `phf` perfect-hash map the generator writes.
    ///
    /// ```
    /// use nps_mfa_errors::ErrorCode;
    /// assert_eq!(ErrorCode::from_code("AccessDenied"), Some(ErrorCode::AccessDenied));
    /// assert_eq!(ErrorCode::from_code("accessdenied"), None);
    /// ```
    #[must_use]
    #[inline]
    pub fn from_code(code: &str) -> Option<ErrorCode> {
        CODES.get(code).copied()
    }

    /// Looks a code up ignoring ASCII case, without allocating: the input is folded into a
    /// stack buffer and looked up in the `phf` map of lower-case codes.
    ///
    /// ```
    /// use nps_mfa_errors::ErrorCode;
    /// assert_eq!(ErrorCode::from_code_ignore_case("ests_token_error"), Some(ErrorCode::EstsTokenError));
    /// assert_eq!(ErrorCode::from_code_ignore_case("USERNOTFOUND"), Some(ErrorCode::UserNotFound));
    /// assert_eq!(ErrorCode::from_code_ignore_case("no such code"), None);
    /// ```
    #[must_use]
    #[inline]
    pub fn from_code_ignore_case(code: &str) -> Option<ErrorCode> {
        crate::lookup::ignore_case(&CODES_FOLDED, code)
    }

    /// The registry settings the fix depends on, in `data/facts.yaml` order.
    ///
    /// ```
    /// use nps_mfa_errors::{ErrorCode, Setting};
    /// assert_eq!(
    ///     ErrorCode::AlternateLoginIdError.related_settings(),
    ///     &[
    ///         Setting::LdapAlternateLoginidAttribute,
    ///         Setting::LdapForceGlobalCatalog,
    ///         Setting::LdapLookupForests,
    ///     ]
    /// );
    /// assert!(ErrorCode::RegistryConfigError.related_settings().contains(&Setting::IpWhitelist));
    /// ```
    #[must_use]
    pub fn related_settings(self) -> &'static [Setting] {
        self.related().settings()
    }

    /// The endpoints the fix depends on, for the cloud in use.
    ///
    /// ```
    /// use nps_mfa_errors::{Cloud, ErrorCode};
    /// let urls: Vec<_> = ErrorCode::HttpsCommunicationError
    ///     .related_endpoints(Cloud::Government)
    ///     .filter_map(|e| e.url())
    ///     .collect();
    /// assert_eq!(
    ///     urls,
    ///     [
    ///         "https://strongauthenticationservice.auth.microsoft.us",
    ///         "https://adnotifications.windowsazure.us",
    ///     ]
    /// );
    /// ```
    pub fn related_endpoints(
        self,
        cloud: Cloud,
    ) -> impl Iterator<Item = &'static Endpoint> + Clone {
        self.related().endpoints(cloud)
    }

    /// The RADIUS password protocols the fix depends on (see [`AuthProtocol::supports`]).
    ///
    /// ```
    /// use nps_mfa_errors::{AuthProtocol, ErrorCode};
    /// assert_eq!(
    ///     ErrorCode::RequestMissingCode.related_protocols(),
    ///     &[AuthProtocol::Pap, AuthProtocol::Chapv2, AuthProtocol::Eap]
    /// );
    /// ```
    #[must_use]
    pub fn related_protocols(self) -> &'static [AuthProtocol] {
        self.related().protocols()
    }

    /// False for the messages that are intended refusals, not faults
    /// ([`Category::NotAnError`]).
    ///
    /// ```
    /// use nps_mfa_errors::ErrorCode;
    /// assert!(!ErrorCode::OathCodeIncorrect.is_error());
    /// assert!(ErrorCode::HttpConnectError.is_error());
    /// ```
    #[must_use]
    pub fn is_error(self) -> bool {
        self.categories().iter().any(|c| *c != Category::NotAnError)
    }
}
