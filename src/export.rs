//! The whole catalog as one serializable value: the format support dashboards consume
//! (feature `serde`).
//!
//! Its JSON form is an object:
//!
//! ```text
//! {
//!   "schema_version": 2,
//!   "categories": [{"id", "title", "description", "codes": [code, ...]}],
//!   "documents": [{"id", "title", "date", "locale", "url", "machine_translated"}],
//!   "codes": [{
//!     "code", "category", "categories": [...], "message_keyed", "label", "summary",
//!     "entries": [{
//!       "message", "wordings": [{"text", "documents": [id, ...]}], "codes": [...],
//!       "category", "summary", "steps": [...], "links": [{"title", "url"}],
//!       "sources": [{"document", "title", "date", "locale", "url", "section", "note"}],
//!       "related": {"settings", "services", "protocols", "certificate", "event_channels"}
//!     }],
//!     "related": {...},                          // the union of the entries'
//!     "symptoms": [id, ...]
//!   }],
//!   "registry_path": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\AzureMfa",
//!   "settings": [{"name", "summary", "type", "values", "default", "when_missing", "notes",
//!                 "cloud_values": [{"cloud", "value", "note", "sources"}], "codes", "sources"}],
//!   "clouds": [{"id", "title", "summary", "endpoints": [id, ...], "settings": {name: value},
//!               "sources"}],
//!   "services": [{"id", "title", "summary", "endpoints": [id, ...], "codes"}],
//!   "endpoints": [{"id", "service", "url", "host", "transport", "ports", "phase", "clouds",
//!                  "note", "sources"}],
//!   "event_channels": [{"name", "provider", "summary", "codes", "sources"}],
//!   "protocols": [{"id", "name", "summary", "supports": [method, ...],
//!                  "cells": [{"protocol", "method", "supported", "note", "sources"}], "codes"}],
//!   "methods": [{"id", "title", "protocols": [protocol, ...]}],
//!   "certificate": [{"id", "title", "value", "detail", "codes", "sources"}],
//!   "symptoms": [{"id", "question", "summary", "phrases", "checks", "codes", "related",
//!                 "sources"}]
//! }
//! ```
//!
//! Fields are only ever added; a removal or change of meaning bumps `schema_version`.
//!
//! ```
//! let json = serde_json::to_value(nps_mfa_errors::export::catalog()).unwrap();
//! assert_eq!(json["schema_version"], nps_mfa_errors::SCHEMA_VERSION);
//! assert_eq!(json["codes"][0]["code"], "CONTACT_SUPPORT");
//! ```

use serde::{Serialize, Serializer};

use crate::{documents, endpoints, Category, Document, Endpoint, ErrorCode, REGISTRY_PATH};
use crate::{
    AuthProtocol, CertificateFact, Cloud, EventChannel, Method, Service, Setting, Symptom,
};

mod records;

pub use records::{
    CategoryRecord, CertificateRecord, CloudRecord, CodeRecord, EventChannelRecord, MethodRecord,
    ProtocolRecord, ServiceRecord, SettingRecord, SymptomRecord,
};

/// The whole catalog; serialize it with any serde format.
#[derive(Debug, Clone, Copy, Default)]
pub struct CatalogExport {
    _private: (),
}

/// The whole catalog, ready to serialize.
#[must_use]
pub fn catalog() -> CatalogExport {
    CatalogExport { _private: () }
}

/// The export's fields, in order: every value composed of the records' derived `Serialize`.
#[derive(Serialize)]
struct Catalog {
    schema_version: u32,
    categories: All<Category, CategoryRecord>,
    documents: &'static [Document],
    codes: All<ErrorCode, CodeRecord>,
    registry_path: &'static str,
    settings: All<Setting, SettingRecord>,
    clouds: All<Cloud, CloudRecord>,
    services: All<Service, ServiceRecord>,
    endpoints: &'static [Endpoint],
    event_channels: All<EventChannel, EventChannelRecord>,
    protocols: All<AuthProtocol, ProtocolRecord>,
    methods: All<Method, MethodRecord>,
    certificate: All<CertificateFact, CertificateRecord>,
    symptoms: All<Symptom, SymptomRecord>,
}

impl Serialize for CatalogExport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Catalog {
            schema_version: crate::SCHEMA_VERSION,
            categories: All::new(),
            documents: documents(),
            codes: All::new(),
            registry_path: REGISTRY_PATH,
            settings: All::new(),
            clouds: All::new(),
            services: All::new(),
            endpoints: endpoints(),
            event_channels: All::new(),
            protocols: All::new(),
            methods: All::new(),
            certificate: All::new(),
            symptoms: All::new(),
        }
        .serialize(serializer)
    }
}

/// Every value of `T`, each serialized as its record `R`.
struct All<T, R>(core::marker::PhantomData<(T, R)>);

impl<T, R> All<T, R> {
    fn new() -> Self {
        All(core::marker::PhantomData)
    }
}

impl<T: crate::Name, R: From<T> + Serialize> Serialize for All<T, R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(T::all_values().map(R::from))
    }
}
