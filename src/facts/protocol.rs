//! [`AuthProtocol`] × [`Method`]: which methods each RADIUS password protocol carries.

use super::{AuthProtocol, EventChannel, Method};
use crate::{ErrorCode, Source};

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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// The name as the pages write it: `PAP`, `CHAPv2`, `EAP`.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// One line, in our own words.
    #[must_use]
    pub fn summary(self) -> &'static str {
        self.info().summary
    }

    /// The matrix row: one cell per [`Method`], in `Method` order.
    #[must_use]
    pub fn cells(self) -> &'static [MethodSupport] {
        self.info().cells
    }

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

    /// The codes with an entry whose fix depends on the protocol in use.
    #[must_use]
    pub fn codes(self) -> &'static [ErrorCode] {
        self.info().codes
    }
}

impl Method {
    /// The name as the pages write it, such as `Mobile app verification code`.
    #[must_use]
    pub fn title(self) -> &'static str {
        self.info().title
    }

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
    /// The event provider that writes it, such as `Microsoft-AzureMfa-AuthZ`.
    ///
    /// ```
    /// use nps_mfa_errors::EventChannel;
    /// assert_eq!(EventChannel::AuthNOptCh.provider(), "Microsoft-AzureMfa-AuthN");
    /// ```
    #[must_use]
    pub fn provider(self) -> &'static str {
        self.info().provider
    }

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

    /// What it holds, in a line.
    #[must_use]
    pub fn summary(self) -> &'static str {
        self.info().summary
    }

    /// The codes with an entry that points at this log.
    #[must_use]
    pub fn codes(self) -> &'static [ErrorCode] {
        self.info().codes
    }

    /// The pages and sections that name it.
    #[must_use]
    pub fn sources(self) -> &'static [Source] {
        self.info().sources
    }
}
