//! `serde` support for the facts: enums as their identifiers, records as the objects the JSON
//! export documents.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::{
    AuthProtocol, CertificateFact, Cloud, CloudValue, Endpoint, EventChannel, Method,
    MethodSupport, Phase, Related, Service, Setting, Symptom, Transport,
};

macro_rules! serialize_as_str {
    ($($type:ty),*) => {
        $(impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        })*
    };
}

serialize_as_str!(
    AuthProtocol,
    CertificateFact,
    Cloud,
    EventChannel,
    Method,
    Phase,
    Service,
    Setting,
    Symptom,
    Transport
);

impl Serialize for Endpoint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Endpoint", 10)?;
        s.serialize_field("id", self.id())?;
        s.serialize_field("service", &self.service())?;
        s.serialize_field("url", &self.url())?;
        s.serialize_field("host", &self.host())?;
        s.serialize_field("transport", &self.transport())?;
        s.serialize_field("ports", self.ports())?;
        s.serialize_field("phase", &self.phase())?;
        s.serialize_field("clouds", self.clouds())?;
        s.serialize_field("note", &self.note())?;
        s.serialize_field("sources", self.sources())?;
        s.end()
    }
}

impl Serialize for CloudValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("CloudValue", 4)?;
        s.serialize_field("cloud", &self.cloud())?;
        s.serialize_field("value", self.value())?;
        s.serialize_field("note", &self.note())?;
        s.serialize_field("sources", self.sources())?;
        s.end()
    }
}

impl Serialize for MethodSupport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("MethodSupport", 5)?;
        s.serialize_field("protocol", &self.protocol())?;
        s.serialize_field("method", &self.method())?;
        s.serialize_field("supported", &self.is_supported())?;
        s.serialize_field("note", &self.note())?;
        s.serialize_field("sources", self.sources())?;
        s.end()
    }
}

impl Serialize for Related {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Related", 5)?;
        s.serialize_field("settings", self.settings())?;
        s.serialize_field("services", self.services())?;
        s.serialize_field("protocols", self.protocols())?;
        s.serialize_field("certificate", self.certificate())?;
        s.serialize_field("event_channels", self.event_channels())?;
        s.end()
    }
}
