//! The whole catalog as one serializable value: the format support dashboards consume
//! (feature `serde`).
//!
//! Its JSON form is an object:
//!
//! ```text
//! {
//!   "schema_version": 1,
//!   "categories": [{"id", "title", "description", "codes": [code, ...]}],
//!   "documents": [{"id", "title", "date", "locale", "url", "machine_translated"}],
//!   "codes": [{
//!     "code", "category", "categories": [...], "message_keyed", "label", "summary",
//!     "entries": [{
//!       "message", "wordings": [{"text", "documents": [id, ...]}], "codes": [...],
//!       "category", "summary", "steps": [...], "links": [{"title", "url"}],
//!       "sources": [{"document", "title", "date", "locale", "url", "section", "note"}]
//!     }]
//!   }]
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

use crate::{documents, Category, ErrorCode, SCHEMA_VERSION};

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
        let mut s = serializer.serialize_struct("Catalog", 4)?;
        s.serialize_field("schema_version", &SCHEMA_VERSION)?;
        s.serialize_field("categories", &Categories)?;
        s.serialize_field("documents", documents())?;
        s.serialize_field("codes", &Codes)?;
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
        let mut s = serializer.serialize_struct("Code", 7)?;
        s.serialize_field("code", &code)?;
        s.serialize_field("category", &code.category())?;
        s.serialize_field("categories", code.categories())?;
        s.serialize_field("message_keyed", &code.is_message_keyed())?;
        s.serialize_field("label", &code.label())?;
        s.serialize_field("summary", code.summary())?;
        s.serialize_field("entries", code.entries())?;
        s.end()
    }
}
