//! Behaviour of [`ErrorCode`]: parsing, categories and entries.

use core::str::FromStr;

use super::{
    exact_slot, ignore_case_slot, Category, CodeInfo, Entry, ErrorCode, CODE_INFO, EXACT_SLOTS,
    IGNORE_CASE_SLOTS, LONGEST_CODE,
};
use crate::error::UnknownCode;
use crate::facts::{AuthProtocol, Cloud, Endpoint, Related, Setting, Symptom};

impl ErrorCode {
    /// Every code, in catalog order (the order of the newest document).
    ///
    /// ```
    /// use nps_mfa_errors::ErrorCode;
    /// assert_eq!(ErrorCode::all().next(), Some(ErrorCode::ContactSupport));
    /// assert_eq!(ErrorCode::all().len(), <ErrorCode as strum::EnumCount>::COUNT);
    /// ```
    pub fn all() -> impl ExactSizeIterator<Item = ErrorCode> + DoubleEndedIterator + Clone {
        CODE_INFO.iter().map(|info| info.code)
    }

    /// Looks a code up exactly as logged (case-sensitive); `None` if it is not documented.
    ///
    /// This is the allocation-free core of [`FromStr`]; use `str::parse` to get an
    /// [`UnknownCode`] error with a suggestion instead. It answers exactly as
    /// [`CODES`](crate::CODES)`.get(code)` does, through a cheaper perfect hash that `build.rs`
    /// generates for the documented codes (see `benches/lookup.rs`).
    ///
    /// ```
    /// use nps_mfa_errors::ErrorCode;
    /// assert_eq!(ErrorCode::from_code("AccessDenied"), Some(ErrorCode::AccessDenied));
    /// assert_eq!(ErrorCode::from_code("accessdenied"), None);
    /// ```
    #[must_use]
    #[inline]
    pub fn from_code(code: &str) -> Option<ErrorCode> {
        let key = code.as_bytes();
        if !(1..=LONGEST_CODE).contains(&key.len()) {
            return None;
        }
        let slot = &EXACT_SLOTS[exact_slot(key)];
        let code = slot.code?;
        bytes_equal(key, slot.name, None).then_some(code)
    }

    /// Looks a code up ignoring ASCII case, without allocating.
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
        let key = code.as_bytes();
        if !(1..=LONGEST_CODE).contains(&key.len()) {
            return None;
        }
        let slot = &IGNORE_CASE_SLOTS[ignore_case_slot(key)];
        let code = slot.code?;
        bytes_equal(key, slot.name, Some(slot.case_mask)).then_some(code)
    }

    #[inline]
    fn info(self) -> &'static CodeInfo {
        &CODE_INFO[self as usize]
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

/// Compares `key` with a code name eight bytes at a time. With a case mask (`0x20` where the
/// name has a letter), `name` is the lower-case name and each letter of `key` is folded by
/// `| 0x20`: `k | 0x20` is a given lower-case letter only when `k` is that letter in either
/// case, and the bytes that are not letters compare exactly. The last word overlaps the one
/// before it instead of ending in a byte loop, so a code of any length costs a few word
/// compares: cheaper than a `memcmp` call or a byte-by-byte `eq_ignore_ascii_case`.
#[inline]
fn bytes_equal(key: &[u8], name: &[u8], case_mask: Option<&[u8]>) -> bool {
    let len = key.len();
    if len != name.len() {
        return false;
    }
    if len < 8 {
        return match case_mask {
            Some(_) => key.eq_ignore_ascii_case(name),
            None => key == name,
        };
    }
    let word = |bytes: &[u8], at: usize| {
        let w = &bytes[at..at + 8];
        u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]])
    };
    let folded = |at: usize| match case_mask {
        Some(mask) => word(key, at) | word(mask, at),
        None => word(key, at),
    };
    let mut at = 0;
    while at + 8 < len {
        if folded(at) != word(name, at) {
            return false;
        }
        at += 8;
    }
    folded(len - 8) == word(name, len - 8)
}

impl FromStr for ErrorCode {
    type Err = UnknownCode;

    /// Parses a code exactly as logged (case-sensitive).
    ///
    /// ```
    /// use nps_mfa_errors::ErrorCode;
    /// let code: ErrorCode = "ESTS_TOKEN_ERROR".parse()?;
    /// assert_eq!(code, ErrorCode::EstsTokenError);
    ///
    /// let error = "ESTS_TOKEN_EROR".parse::<ErrorCode>().unwrap_err();
    /// assert_eq!(error.suggestion(), Some(ErrorCode::EstsTokenError));
    /// # Ok::<(), nps_mfa_errors::UnknownCode>(())
    /// ```
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        ErrorCode::from_code(code).ok_or_else(|| UnknownCode::new(code))
    }
}

impl TryFrom<&str> for ErrorCode {
    type Error = UnknownCode;

    fn try_from(code: &str) -> Result<Self, Self::Error> {
        code.parse()
    }
}

impl AsRef<str> for ErrorCode {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask(name: &[u8]) -> Vec<u8> {
        name.iter()
            .map(|b| if b.is_ascii_alphabetic() { 0x20 } else { 0 })
            .collect()
    }

    fn folded_equal(key: &[u8], lowercase_name: &[u8]) -> bool {
        bytes_equal(key, lowercase_name, Some(&mask(lowercase_name)))
    }

    #[test]
    fn folding_only_pairs_a_letter_with_its_other_case() {
        let name = b"ests_token_error";
        for byte in 0..=255_u8 {
            let mut key = *name;
            key[4] = byte; // `_`: must match exactly
            assert_eq!(
                bytes_equal(&key, name, Some(&mask(name))),
                byte == b'_',
                "{byte:#x}"
            );
            let mut key = *name;
            key[5] = byte; // `t`: matches `t` and `T` only
            assert_eq!(
                bytes_equal(&key, name, Some(&mask(name))),
                byte == b't' || byte == b'T',
                "{byte:#x}"
            );
        }
    }

    #[test]
    fn byte_comparison_folds_case_only_when_asked() {
        assert!(bytes_equal(b"ESTS_TOKEN_ERROR", b"ESTS_TOKEN_ERROR", None));
        assert!(!bytes_equal(b"ests_token_error", b"ESTS_TOKEN_ERROR", None));
        assert!(folded_equal(b"Ests_Token_ERROR", b"ests_token_error"));
        assert!(!folded_equal(b"ests_token_errors", b"ests_token_error"));
        assert!(!folded_equal(b"ests_token_errox", b"ests_token_error"));
        assert!(!folded_equal(b"ests_tokenXerror", b"ests_token_error"));
        assert!(folded_equal(b"InternalError", b"internalerror"));
        assert!(!bytes_equal(b"InternalErroR", b"InternalError", None));
        assert!(folded_equal(b"Abc", b"abc"));
        assert!(!bytes_equal(b"Abc", b"abc", None));
    }
}
