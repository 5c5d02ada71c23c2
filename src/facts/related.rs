//! [`Related`]: the facts a fix depends on.

use super::{AuthProtocol, CertificateFact, Cloud, Endpoint, EventChannel, Service, Setting};

/// The facts a catalog entry's (or a symptom's) fix depends on, each list in the order of
/// `data/facts.yaml`.
///
/// ```
/// use nps_mfa_errors::{Cloud, ErrorCode, Setting};
///
/// let related = ErrorCode::AlternateLoginIdError.entries()[1].related();
/// assert_eq!(
///     related.settings(),
///     &[
///         Setting::LdapAlternateLoginidAttribute,
///         Setting::LdapForceGlobalCatalog,
///         Setting::LdapLookupForests,
///     ]
/// );
/// assert!(related.endpoints(Cloud::Public).next().is_none());
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Related {
    pub(crate) settings: &'static [Setting],
    pub(crate) services: &'static [Service],
    pub(crate) protocols: &'static [AuthProtocol],
    pub(crate) certificate: &'static [CertificateFact],
    pub(crate) event_channels: &'static [EventChannel],
}

impl Related {
    /// Registry settings.
    #[must_use]
    pub const fn settings(&self) -> &'static [Setting] {
        self.settings
    }

    /// Services; [`endpoints`](Self::endpoints) resolves them for one cloud.
    #[must_use]
    pub const fn services(&self) -> &'static [Service] {
        self.services
    }

    /// RADIUS password protocols (the protocol–method matrix).
    #[must_use]
    pub const fn protocols(&self) -> &'static [AuthProtocol] {
        self.protocols
    }

    /// Client-certificate facts.
    #[must_use]
    pub const fn certificate(&self) -> &'static [CertificateFact] {
        self.certificate
    }

    /// Event logs.
    #[must_use]
    pub const fn event_channels(&self) -> &'static [EventChannel] {
        self.event_channels
    }

    /// The endpoints of the related services that `cloud` uses, in `data/facts.yaml` order.
    ///
    /// ```
    /// use nps_mfa_errors::{Cloud, ErrorCode};
    ///
    /// let related = ErrorCode::EstsTokenError.entries()[0].related();
    /// let hosts: Vec<_> = related.endpoints(Cloud::Government).filter_map(|e| e.host()).collect();
    /// assert_eq!(hosts, ["login.microsoftonline.us"]);
    /// ```
    pub fn endpoints(&self, cloud: Cloud) -> impl Iterator<Item = &'static Endpoint> + Clone {
        let services = self.services;
        cloud
            .endpoints()
            .iter()
            .copied()
            .filter(move |e| services.contains(&e.service()))
    }

    /// True if it names nothing.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.settings.is_empty()
            && self.services.is_empty()
            && self.protocols.is_empty()
            && self.certificate.is_empty()
            && self.event_channels.is_empty()
    }
}
