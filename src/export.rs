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

use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

use crate::{documents, Category, ErrorCode, REGISTRY_PATH, SCHEMA_VERSION};

mod facts;
mod kql;
mod lookup;

pub use kql::kql;
pub use lookup::{lookup_csv, lookup_rows, LookupRow, LOOKUP_COLUMNS};

pub use facts::{
    CertificateRecord, CloudRecord, EventChannelRecord, MethodRecord, ProtocolRecord,
    ServiceRecord, SettingRecord, SymptomRecord,
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

impl Serialize for CatalogExport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Catalog", 14)?;
        s.serialize_field("schema_version", &SCHEMA_VERSION)?;
        s.serialize_field("categories", &Categories)?;
        s.serialize_field("documents", documents())?;
        s.serialize_field("codes", &Codes)?;
        s.serialize_field("registry_path", REGISTRY_PATH)?;
        s.serialize_field("settings", &facts::All(facts::settings))?;
        s.serialize_field("clouds", &facts::All(facts::clouds))?;
        s.serialize_field("services", &facts::All(facts::services))?;
        s.serialize_field("endpoints", &facts::All(facts::all_endpoints))?;
        s.serialize_field("event_channels", &facts::All(facts::event_channels))?;
        s.serialize_field("protocols", &facts::All(facts::protocols))?;
        s.serialize_field("methods", &facts::All(facts::methods))?;
        s.serialize_field("certificate", &facts::All(facts::certificate))?;
        s.serialize_field("symptoms", &facts::All(facts::symptoms))?;
        s.end()
    }
}

struct Categories;

impl Serialize for Categories {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(Category::all().len()))?;
        for category in Category::all() {
            seq.serialize_element(&CategoryRecord(category))?;
        }
        seq.end()
    }
}

struct Codes;

impl Serialize for Codes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(ErrorCode::all().len()))?;
        for code in ErrorCode::all() {
            seq.serialize_element(&CodeRecord(code))?;
        }
        seq.end()
    }
}

/// One category with its title, description and codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryRecord(pub Category);

impl Serialize for CategoryRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Category", 4)?;
        s.serialize_field("id", &self.0)?;
        s.serialize_field("title", self.0.title())?;
        s.serialize_field("description", self.0.description())?;
        s.serialize_field("codes", self.0.codes())?;
        s.end()
    }
}

/// One code with everything the catalog knows about it, as in the `codes` array.
///
/// ```
/// use nps_mfa_errors::{export::CodeRecord, ErrorCode};
///
/// let json = serde_json::to_value(CodeRecord(ErrorCode::OathCodePinIncorrect)).unwrap();
/// assert_eq!(json["category"], "user_error");
/// assert_eq!(json["categories"], serde_json::json!(["user_error", "requires_support"]));
/// assert_eq!(json["entries"][1]["message"], serde_json::Value::Null);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeRecord(pub ErrorCode);

impl Serialize for CodeRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let code = self.0;
        let mut s = serializer.serialize_struct("Code", 9)?;
        s.serialize_field("code", &code)?;
        s.serialize_field("category", &code.category())?;
        s.serialize_field("categories", code.categories())?;
        s.serialize_field("message_keyed", &code.is_message_keyed())?;
        s.serialize_field("label", &code.label())?;
        s.serialize_field("summary", code.summary())?;
        s.serialize_field("entries", code.entries())?;
        s.serialize_field("related", code.related())?;
        s.serialize_field("symptoms", code.symptoms())?;
        s.end()
    }
}
