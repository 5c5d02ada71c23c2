//! [`CertificateFact`]: the extension's client certificate.

use super::CertificateFact;
use crate::{ErrorCode, Source};

impl CertificateFact {
    /// A short title, such as `Subject name`.
    #[must_use]
    pub fn title(self) -> &'static str {
        self.info().title
    }

    /// The value, exactly.
    ///
    /// ```
    /// use nps_mfa_errors::CertificateFact;
    /// assert_eq!(CertificateFact::ServicePrincipal.value(), "981f26a1-7f43-403b-a875-f8b09b8cd720");
    /// assert_eq!(CertificateFact::Subject.value(), "CN=<TenantID>,OU=Microsoft NPS Extension");
    /// ```
    #[must_use]
    pub fn value(self) -> &'static str {
        self.info().value
    }

    /// The fact in our own words.
    #[must_use]
    pub fn detail(self) -> &'static str {
        self.info().detail
    }

    /// The codes with an entry whose fix depends on it.
    #[must_use]
    pub fn codes(self) -> &'static [ErrorCode] {
        self.info().codes
    }

    /// The pages and sections that state it.
    #[must_use]
    pub fn sources(self) -> &'static [Source] {
        self.info().sources
    }
}
