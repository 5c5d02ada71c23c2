//! The serde mirror of `data/facts.yaml`. Closed sets (`type`, `transport`, `phase`) are serde
//! enums read through [`Choice`], so a value outside the set is still reported by validation with
//! its record and field.

use serde::Deserialize;

use super::{Choice, RelatedDef, SourceDef};

/// The whole facts file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// The registry key that holds every setting.
    pub registry_path: String,
    /// The clouds the extension can be set up for, the public cloud first.
    pub clouds: Vec<CloudDef>,
    /// The registry values under `registry_path`.
    pub settings: Vec<SettingDef>,
    /// The Windows event logs the extension writes.
    pub event_channels: Vec<EventChannelDef>,
    /// What the endpoints are for; catalog entries relate to services, not single endpoints.
    pub services: Vec<ServiceDef>,
    /// Hosts and ports, each for one service and one or more clouds.
    pub endpoints: Vec<EndpointDef>,
    /// RADIUS password encryption protocols.
    pub protocols: Vec<ProtocolDef>,
    /// Secondary authentication methods.
    pub methods: Vec<MethodDef>,
    /// One cell per (protocol, method).
    pub protocol_methods: Vec<CellDef>,
    /// Facts about the extension's client certificate.
    pub certificate: Vec<CertificateDef>,
    /// Problems the pages describe without an error code.
    pub symptoms: Vec<SymptomDef>,
    /// The NPS `AuthSrv\Parameters` values that load the extension (optional section).
    #[serde(default)]
    pub nps_dlls: Vec<NpsDllDef>,
}

/// One NPS registry value that must name an extension DLL for NPS to load it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NpsDllDef {
    /// `snake_case` id.
    pub id: String,
    /// The value's name, exactly (`AuthorizationDLLs`).
    pub name: String,
    /// The registry key that holds it.
    pub key: String,
    /// The DLL path it must list, exactly.
    pub value: String,
    /// Which part of the extension it loads, in a few words.
    pub role: String,
    /// One line: what the value is.
    pub summary: String,
    /// What happens when it is empty or names something else.
    pub when_wrong: String,
    /// Where it is stated.
    pub sources: Vec<SourceDef>,
}

/// How a setting's value is typed on the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    /// A string value.
    String,
    /// `TRUE` or `FALSE`.
    Boolean,
}

/// How an endpoint is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transport {
    /// TCP (HTTPS).
    Tcp,
    /// UDP (RADIUS).
    Udp,
}

/// When an endpoint is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// For every authentication.
    RunTime,
    /// Only while the set-up script runs.
    SetUp,
}

/// One cloud.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloudDef {
    /// `public`, `government`, `china`.
    pub id: String,
    /// Its name as the pages write it.
    pub title: String,
    /// One or two sentences in our own words.
    pub summary: String,
    /// Where the pages describe it.
    pub sources: Vec<SourceDef>,
}

/// One registry value of the extension.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingDef {
    /// The value's name, exactly (`IP_WHITELIST`).
    pub name: String,
    /// One line: what it controls.
    pub summary: String,
    /// `string` or `boolean`, as the pages type it.
    #[serde(rename = "type")]
    pub value_type: Choice<ValueType>,
    /// The values it takes.
    pub values: String,
    /// Its default as the pages state it.
    pub default: String,
    /// What the extension does when the value is missing.
    pub when_missing: String,
    /// Further facts, in our own words.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The value to use in each cloud, where it differs by cloud.
    #[serde(default)]
    pub cloud_values: Vec<CloudValueDef>,
    /// Where the pages describe it.
    pub sources: Vec<SourceDef>,
}

/// A setting's value for one cloud.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloudValueDef {
    /// Id of a declared cloud.
    pub cloud: String,
    /// The value, exactly.
    pub value: String,
    /// What a reader should know about it (history, why it is not set).
    #[serde(default)]
    pub note: Option<String>,
    /// Where the pages give it.
    pub sources: Vec<SourceDef>,
}

/// One event log.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventChannelDef {
    /// The channel's name (`AuthZOptCh`).
    pub name: String,
    /// The event provider that writes it (`Microsoft-AzureMfa-AuthZ`).
    pub provider: String,
    /// One line: what it holds.
    pub summary: String,
    /// Where the pages name it.
    pub sources: Vec<SourceDef>,
}

/// What a group of endpoints is for.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceDef {
    /// `snake_case` id.
    pub id: String,
    /// A short title.
    pub title: String,
    /// One line in our own words.
    pub summary: String,
}

/// One host (or RADIUS port pair) the deployment needs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointDef {
    /// `snake_case` id.
    pub id: String,
    /// Id of a declared service.
    pub service: String,
    /// `https://host`, exactly as the pages list it; none for RADIUS.
    #[serde(default)]
    pub url: Option<String>,
    /// `tcp` or `udp`.
    pub transport: Choice<Transport>,
    /// The ports, most common first.
    pub ports: Vec<u16>,
    /// `run_time` or `set_up`.
    pub phase: Choice<Phase>,
    /// Ids of the clouds that use it.
    pub clouds: Vec<String>,
    /// What a reader should know about it.
    #[serde(default)]
    pub note: Option<String>,
    /// Where the pages list it.
    pub sources: Vec<SourceDef>,
}

/// One RADIUS password encryption protocol.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtocolDef {
    /// `pap`, `chapv2`, `eap`.
    pub id: String,
    /// The name as the pages write it.
    pub name: String,
    /// One line in our own words.
    pub summary: String,
}

/// One secondary authentication method.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodDef {
    /// `snake_case` id.
    pub id: String,
    /// The name as the pages write it.
    pub title: String,
}

/// Whether one protocol carries one method.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellDef {
    /// Id of a declared protocol.
    pub protocol: String,
    /// Id of a declared method.
    pub method: String,
    /// What the sources say.
    pub supported: bool,
    /// A caveat, in our own words.
    #[serde(default)]
    pub note: Option<String>,
    /// Where the pages say it.
    pub sources: Vec<SourceDef>,
}

/// One fact about the client certificate.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateDef {
    /// `snake_case` id.
    pub id: String,
    /// A short title.
    pub title: String,
    /// The value, exactly (a subject, an app ID, a version).
    pub value: String,
    /// The fact in our own words.
    pub detail: String,
    /// Where the pages state it.
    pub sources: Vec<SourceDef>,
}

/// A problem the pages describe without a code.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SymptomDef {
    /// `snake_case` id.
    pub id: String,
    /// The page's question heading, exactly.
    pub question: String,
    /// One line in our own words.
    pub summary: String,
    /// Lower-case phrases a user may type for it (`http connect errors`).
    pub phrases: Vec<String>,
    /// What to check, in order, in our own words.
    pub checks: Vec<String>,
    /// The codes and facts it relates to.
    #[serde(default)]
    pub related: RelatedDef,
    /// Where the pages describe it.
    pub sources: Vec<SourceDef>,
}
