//! [`Cloud`], [`Service`] and [`Endpoint`]: what an NPS server must reach, per cloud.

use super::{Cloud, Service, ENDPOINTS};
use crate::Source;

impl Cloud {
    /// The cloud a person names: its id in any case, with `-` or a space for `_`, or the start
    /// of one that no other cloud shares (`gov`, `c`). The CLI's `--cloud` and the API's
    /// `cloud=` both read it so.
    ///
    /// ```
    /// use nps_mfa_errors::Cloud;
    ///
    /// assert_eq!(Cloud::from_name_or_start("Government"), Some(Cloud::Government));
    /// assert_eq!(Cloud::from_name_or_start("gov"), Some(Cloud::Government));
    /// assert_eq!(Cloud::from_name_or_start("C"), Some(Cloud::China));
    /// assert_eq!(Cloud::from_name_or_start("mars"), None);
    /// assert_eq!(Cloud::from_name_or_start(""), None);
    /// ```
    #[must_use]
    pub fn from_name_or_start(text: &str) -> Option<Cloud> {
        let wanted = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        if wanted.is_empty() {
            return None;
        }
        if let Some(exact) = Cloud::all().find(|cloud| cloud.as_str() == wanted) {
            return Some(exact);
        }
        let mut starting = Cloud::all().filter(|cloud| cloud.as_str().starts_with(&wanted));
        match (starting.next(), starting.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }
}

/// How an endpoint is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Transport {
    /// TCP (HTTPS for the cloud endpoints).
    Tcp,
    /// UDP (RADIUS).
    Udp,
}

impl Transport {
    /// `tcp` or `udp`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Transport::Tcp => "tcp",
            Transport::Udp => "udp",
        }
    }
}

/// When an endpoint is needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Phase {
    /// For every authentication, while the extension runs.
    RunTime,
    /// Only while the set-up script `AzureMfaNpsExtnConfigSetup.ps1` runs.
    SetUp,
}

impl Phase {
    /// `run_time` or `set_up`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Phase::RunTime => "run_time",
            Phase::SetUp => "set_up",
        }
    }
}

/// A host (or, for RADIUS, a port pair on the NPS server) the deployment needs.
///
/// ```
/// use nps_mfa_errors::{endpoints, Cloud, Phase, Service};
///
/// let credentials = endpoints().iter().find(|e| e.id() == "credentials").unwrap();
/// assert_eq!(credentials.url(), Some("https://credentials.azure.com"));
/// assert_eq!(credentials.ports(), &[443]);
/// assert_eq!(credentials.clouds(), &[Cloud::Public, Cloud::Government, Cloud::China]);
///
/// let radius = endpoints().iter().find(|e| e.service() == Service::RadiusAuthentication).unwrap();
/// assert_eq!(radius.ports(), &[1812, 1645]);
/// assert_eq!(radius.phase(), Phase::RunTime);
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Endpoint {
    pub(crate) id: &'static str,
    pub(crate) service: Service,
    pub(crate) url: Option<&'static str>,
    pub(crate) host: Option<&'static str>,
    pub(crate) transport: Transport,
    pub(crate) ports: &'static [u16],
    pub(crate) phase: Phase,
    pub(crate) clouds: &'static [Cloud],
    pub(crate) note: Option<&'static str>,
    pub(crate) sources: &'static [Source],
}

impl Endpoint {
    /// Stable identifier, such as `token_service_government`.
    #[must_use]
    pub const fn id(&self) -> &'static str {
        self.id
    }

    /// What it is for.
    #[must_use]
    pub const fn service(&self) -> Service {
        self.service
    }

    /// `https://host` exactly as the pages list it; `None` for the RADIUS ports.
    #[must_use]
    pub const fn url(&self) -> Option<&'static str> {
        self.url
    }

    /// The host name of [`url`](Self::url).
    #[must_use]
    pub const fn host(&self) -> Option<&'static str> {
        self.host
    }

    /// TCP or UDP.
    #[must_use]
    pub const fn transport(&self) -> Transport {
        self.transport
    }

    /// The ports, the common one first.
    #[must_use]
    pub const fn ports(&self) -> &'static [u16] {
        self.ports
    }

    /// Whether it is needed at run time or only for set-up.
    #[must_use]
    pub const fn phase(&self) -> Phase {
        self.phase
    }

    /// The clouds that use it.
    #[must_use]
    pub const fn clouds(&self) -> &'static [Cloud] {
        self.clouds
    }

    /// What a reader should know about it (older port lists, the common vs. uncommon port).
    #[must_use]
    pub const fn note(&self) -> Option<&'static str> {
        self.note
    }

    /// The pages and sections that list it.
    #[must_use]
    pub const fn sources(&self) -> &'static [Source] {
        self.sources
    }
}

/// Every endpoint of every cloud, in the order of `data/facts.yaml`.
///
/// ```
/// let urls: Vec<_> = nps_mfa_errors::endpoints().iter().filter_map(|e| e.url()).collect();
/// assert!(urls.contains(&"https://adnotifications.windowsazure.com"));
/// ```
#[must_use]
pub fn endpoints() -> &'static [Endpoint] {
    &ENDPOINTS
}
