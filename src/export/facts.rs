//! The records of the facts in the export: one serializable wrapper per kind.

use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

use crate::{
    endpoints, AuthProtocol, CertificateFact, Cloud, EventChannel, Method, Service, Setting,
    Symptom,
};

/// Serializes every item of an iterator through a record wrapper.
pub(super) struct All<I>(pub(super) fn() -> I);

impl<I, T> Serialize for All<I>
where
    I: ExactSizeIterator<Item = T>,
    T: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = (self.0)();
        let mut seq = serializer.serialize_seq(Some(items.len()))?;
        for item in items {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

pub(super) fn settings() -> impl ExactSizeIterator<Item = SettingRecord> {
    Setting::all().map(SettingRecord)
}
pub(super) fn clouds() -> impl ExactSizeIterator<Item = CloudRecord> {
    Cloud::all().map(CloudRecord)
}
pub(super) fn services() -> impl ExactSizeIterator<Item = ServiceRecord> {
    Service::all().map(ServiceRecord)
}
pub(super) fn all_endpoints() -> core::slice::Iter<'static, crate::Endpoint> {
    endpoints().iter()
}
pub(super) fn event_channels() -> impl ExactSizeIterator<Item = EventChannelRecord> {
    EventChannel::all().map(EventChannelRecord)
}
pub(super) fn protocols() -> impl ExactSizeIterator<Item = ProtocolRecord> {
    AuthProtocol::all().map(ProtocolRecord)
}
pub(super) fn methods() -> impl ExactSizeIterator<Item = MethodRecord> {
    Method::all().map(MethodRecord)
}
pub(super) fn certificate() -> impl ExactSizeIterator<Item = CertificateRecord> {
    CertificateFact::all().map(CertificateRecord)
}
pub(super) fn symptoms() -> impl ExactSizeIterator<Item = SymptomRecord> {
    Symptom::all().map(SymptomRecord)
}

/// One registry setting, as in the `settings` array.
///
/// ```
/// use nps_mfa_errors::{export::SettingRecord, Setting};
///
/// let json = serde_json::to_value(SettingRecord(Setting::StsUrl)).unwrap();
/// assert_eq!(json["name"], "STS_URL");
/// assert_eq!(json["cloud_values"][1]["value"], "https://login.microsoftonline.us/");
/// assert!(json["codes"].as_array().unwrap().contains(&"ESTS_TOKEN_ERROR".into()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingRecord(pub Setting);

impl Serialize for SettingRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let setting = self.0;
        let mut s = serializer.serialize_struct("Setting", 10)?;
        s.serialize_field("name", &setting)?;
        s.serialize_field("summary", setting.summary())?;
        s.serialize_field("type", setting.value_type())?;
        s.serialize_field("values", setting.values())?;
        s.serialize_field("default", setting.default_value())?;
        s.serialize_field("when_missing", setting.when_missing())?;
        s.serialize_field("notes", setting.notes())?;
        s.serialize_field("cloud_values", setting.cloud_values())?;
        s.serialize_field("codes", setting.codes())?;
        s.serialize_field("sources", setting.sources())?;
        s.end()
    }
}

/// One cloud with the ids of its endpoints, as in the `clouds` array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CloudRecord(pub Cloud);

impl Serialize for CloudRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let cloud = self.0;
        let endpoints: Vec<&str> = cloud.endpoints().iter().map(|e| e.id()).collect();
        let settings: Vec<(&str, &str)> = Setting::all()
            .filter_map(|s| s.value_for(cloud).map(|v| (s.as_str(), v)))
            .collect();
        let mut s = serializer.serialize_struct("Cloud", 6)?;
        s.serialize_field("id", &cloud)?;
        s.serialize_field("title", cloud.title())?;
        s.serialize_field("summary", cloud.summary())?;
        s.serialize_field("endpoints", &endpoints)?;
        s.serialize_field("settings", &Pairs(&settings))?;
        s.serialize_field("sources", cloud.sources())?;
        s.end()
    }
}

/// `[(key, value)]` as a JSON object.
struct Pairs<'a>(&'a [(&'a str, &'a str)]);

impl Serialize for Pairs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// One service, as in the `services` array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceRecord(pub Service);

impl Serialize for ServiceRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let service = self.0;
        let endpoints: Vec<&str> = service.endpoints().iter().map(|e| e.id()).collect();
        let mut s = serializer.serialize_struct("Service", 5)?;
        s.serialize_field("id", &service)?;
        s.serialize_field("title", service.title())?;
        s.serialize_field("summary", service.summary())?;
        s.serialize_field("endpoints", &endpoints)?;
        s.serialize_field("codes", service.codes())?;
        s.end()
    }
}

/// One event log, as in the `event_channels` array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventChannelRecord(pub EventChannel);

impl Serialize for EventChannelRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let channel = self.0;
        let mut s = serializer.serialize_struct("EventChannel", 5)?;
        s.serialize_field("name", &channel)?;
        s.serialize_field("provider", channel.provider())?;
        s.serialize_field("summary", channel.summary())?;
        s.serialize_field("codes", channel.codes())?;
        s.serialize_field("sources", channel.sources())?;
        s.end()
    }
}

/// One RADIUS password protocol with its row of the matrix, as in the `protocols` array.
///
/// ```
/// use nps_mfa_errors::{export::ProtocolRecord, AuthProtocol};
///
/// let json = serde_json::to_value(ProtocolRecord(AuthProtocol::Chapv2)).unwrap();
/// assert_eq!(json["supports"], serde_json::json!(["phone_call", "app_notification"]));
/// assert_eq!(json["cells"][3]["method"], "verification_code");
/// assert_eq!(json["cells"][3]["supported"], false);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProtocolRecord(pub AuthProtocol);

impl Serialize for ProtocolRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let protocol = self.0;
        let supports: Vec<Method> = protocol.methods().collect();
        let mut s = serializer.serialize_struct("Protocol", 6)?;
        s.serialize_field("id", &protocol)?;
        s.serialize_field("name", protocol.name())?;
        s.serialize_field("summary", protocol.summary())?;
        s.serialize_field("supports", &supports)?;
        s.serialize_field("cells", protocol.cells())?;
        s.serialize_field("codes", protocol.codes())?;
        s.end()
    }
}

/// One authentication method, as in the `methods` array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MethodRecord(pub Method);

impl Serialize for MethodRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let protocols: Vec<AuthProtocol> = self.0.protocols().collect();
        let mut s = serializer.serialize_struct("Method", 3)?;
        s.serialize_field("id", &self.0)?;
        s.serialize_field("title", self.0.title())?;
        s.serialize_field("protocols", &protocols)?;
        s.end()
    }
}

/// One client-certificate fact, as in the `certificate` array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CertificateRecord(pub CertificateFact);

impl Serialize for CertificateRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fact = self.0;
        let mut s = serializer.serialize_struct("CertificateFact", 6)?;
        s.serialize_field("id", &fact)?;
        s.serialize_field("title", fact.title())?;
        s.serialize_field("value", fact.value())?;
        s.serialize_field("detail", fact.detail())?;
        s.serialize_field("codes", fact.codes())?;
        s.serialize_field("sources", fact.sources())?;
        s.end()
    }
}

/// One symptom without a code, as in the `symptoms` array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SymptomRecord(pub Symptom);

impl Serialize for SymptomRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let symptom = self.0;
        let mut s = serializer.serialize_struct("Symptom", 8)?;
        s.serialize_field("id", &symptom)?;
        s.serialize_field("question", symptom.question())?;
        s.serialize_field("summary", symptom.summary())?;
        s.serialize_field("phrases", symptom.phrases())?;
        s.serialize_field("checks", symptom.checks())?;
        s.serialize_field("codes", symptom.codes())?;
        s.serialize_field("related", symptom.related())?;
        s.serialize_field("sources", symptom.sources())?;
        s.end()
    }
}
