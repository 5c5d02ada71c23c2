//! Behaviour of [`ErrorCode`]: parsing, categories and entries.

use super::{Category, Entry, ErrorCode, CODES, CODES_FOLDED};
use crate::facts::{AuthProtocol, Cloud, Endpoint, Related, Setting, Symptom};

impl ErrorCode {
    /// Looks a code up exactly as logged (case-sensitive); `None` if it is not documented.
    ///
    /// This is the allocation-free core of [`FromStr`]; use `str::parse` to get an
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

    /// One line: what the code means.
    #[must_use]
    pub fn summary(self) -> &'static str {
        self.info().summary
    }

    /// The section of the code's first documented row.
    ///
    /// A few codes sit in two sections; [`categories`](Self::categories) lists them all.
    ///
    /// ```
    /// use nps_mfa_errors::{Category, ErrorCode};
    /// assert_eq!(ErrorCode::OathCodePinIncorrect.category(), Category::UserError);
    /// assert_eq!(
    ///     ErrorCode::OathCodePinIncorrect.categories(),
    ///     &[Category::UserError, Category::RequiresSupport]
    /// );
    /// ```
    #[must_use]
    pub fn category(self) -> Category {
        self.info().categories[0]
    }

    /// Every section the code is documented in, in catalog order.
    #[must_use]
    pub fn categories(self) -> &'static [Category] {
        self.info().categories
    }

    /// The documented rows of this code: one per message (or one without a message).
    ///
    /// ```
    /// use nps_mfa_errors::ErrorCode;
    /// assert_eq!(ErrorCode::AlternateLoginIdError.entries().len(), 3);
    /// assert_eq!(ErrorCode::InvalidParameter.entries().len(), 7);
    /// ```
    #[must_use]
    pub fn entries(self) -> &'static [Entry] {
        self.info().entries
    }

    /// True for rows the documents key by a message rather than a code; their
    /// [`as_str`](Self::as_str) is an identifier of this crate's choosing.
    ///
    /// ```
    /// use nps_mfa_errors::ErrorCode;
    /// assert!(ErrorCode::AccessRejectIgnored.is_message_keyed());
    /// assert!(!ErrorCode::AccessDenied.is_message_keyed());
    /// ```
    #[must_use]
    pub fn is_message_keyed(self) -> bool {
        self.info().label.is_some()
    }

    /// For a message-keyed row, the text the documents show in the code column.
    #[must_use]
    pub fn label(self) -> Option<&'static str> {
        self.info().label
    }

    /// The facts the fix of any of this code's entries depends on (the union of
    /// [`Entry::related`]).
    ///
    /// ```
    /// use nps_mfa_errors::{EventChannel, ErrorCode};
    /// assert_eq!(ErrorCode::ChallengeRequested.related().event_channels(), &[EventChannel::AuthZOptCh]);
    /// ```
    #[must_use]
    pub fn related(self) -> &'static Related {
        &self.info().related
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

    /// The symptoms without a code that the pages tie to this code.
    ///
    /// ```
    /// use nps_mfa_errors::{ErrorCode, Symptom};
    /// assert_eq!(ErrorCode::HttpConnectError.symptoms(), &[Symptom::HttpConnectErrors]);
    /// ```
    #[must_use]
    pub fn symptoms(self) -> &'static [Symptom] {
        self.info().symptoms
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
