//! [`AuthProtocol`] × [`Method`]: which methods each RADIUS password protocol carries.

use super::{AuthProtocol, EventChannel, Method};
use crate::Source;

/// One cell of the protocol–method matrix, with its sources.
///
/// ```
/// use nps_mfa_errors::{AuthProtocol, Method};
///
/// let cell = AuthProtocol::Chapv2.support(Method::VerificationCode);
/// assert!(!cell.is_supported());
/// assert!(cell.sources().iter().any(|s| s.document().id() == "nps-howto-2019-11"));
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MethodSupport {
    pub(crate) protocol: AuthProtocol,
    pub(crate) method: Method,
    pub(crate) supported: bool,
    pub(crate) note: Option<&'static str>,
    pub(crate) sources: &'static [Source],
}

impl MethodSupport {
    /// The protocol (row).
    #[must_use]
    pub const fn protocol(&self) -> AuthProtocol {
        self.protocol
    }

    /// The method (column).
    #[must_use]
    pub const fn method(&self) -> Method {
        self.method
    }

    /// What the sources say.
    #[must_use]
    pub const fn is_supported(&self) -> bool {
        self.supported
    }

    /// A caveat, if any.
    #[must_use]
    pub const fn note(&self) -> Option<&'static str> {
        self.note
    }

    /// The pages and sections that say it.
    #[must_use]
    pub const fn sources(&self) -> &'static [Source] {
        self.sources
    }
}

impl AuthProtocol {
    /// The cell for `method`, with its sources.
    #[must_use]
    pub fn support(self, method: Method) -> &'static MethodSupport {
        &self.cells()[method as usize]
    }

    /// The methods this protocol carries.
    ///
    /// ```
    /// use nps_mfa_errors::{AuthProtocol, Method};
    /// let methods: Vec<Method> = AuthProtocol::Eap.methods().collect();
    /// assert_eq!(methods, [Method::PhoneCall, Method::AppNotification]);
    /// ```
    pub fn methods(self) -> impl Iterator<Item = Method> + Clone {
        self.info().supports.iter().copied()
    }
}

impl Method {
    /// The protocols that carry it.
    ///
    /// ```
    /// use nps_mfa_errors::{AuthProtocol, Method};
    /// let protocols: Vec<_> = Method::OathHardwareToken.protocols().collect();
    /// assert_eq!(protocols, [AuthProtocol::Pap]);
    /// ```
    pub fn protocols(self) -> impl Iterator<Item = AuthProtocol> + Clone {
        self.info().protocols.iter().copied()
    }
}

impl EventChannel {
    /// The full channel name Windows uses, `provider/name`.
    ///
    /// ```
    /// use nps_mfa_errors::EventChannel;
    /// assert_eq!(EventChannel::AuthZOptCh.log_name(), "Microsoft-AzureMfa-AuthZ/AuthZOptCh");
    /// ```
    #[must_use]
    pub fn log_name(self) -> String {
        format!("{}/{}", self.provider(), self.as_str())
    }
}
