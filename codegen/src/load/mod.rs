//! Load: the two YAML files read into their serde mirrors. Nothing is checked here beyond
//! what serde checks (field names, types); [`crate::validate`] checks the rest.

mod catalog;
mod facts;

pub use catalog::{
    Catalog, CategoryDef, CodeDef, Document, EntryDef, LinkDef, MessageDef, RelatedDef, SourceDef,
};
pub use facts::{
    CellDef, CertificateDef, CloudDef, CloudValueDef, EndpointDef, EventChannelDef, Facts,
    MethodDef, Phase, ProtocolDef, ServiceDef, SettingDef, SymptomDef, Transport, ValueType,
};

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{CatalogError, CatalogErrors};

/// A value of a closed set, or the text that is not in the set (which validation reports with
/// its record and field, in the same words as every other problem).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice<T> {
    /// One of the set.
    Known(T),
    /// Anything else, as written.
    Unknown(String),
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Choice<T> {
    /// Reads the text, then the set's value from it: cheaper to compile than `untagged`.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::value::{Error, StrDeserializer};
        let text = String::deserialize(deserializer)?;
        Ok(match T::deserialize(StrDeserializer::<Error>::new(&text)) {
            Ok(value) => Choice::Known(value),
            Err(_) => Choice::Unknown(text),
        })
    }
}

impl<T: Copy> Choice<T> {
    /// The value; `None` for text outside the set.
    pub fn known(&self) -> Option<T> {
        match self {
            Choice::Known(value) => Some(*value),
            Choice::Unknown(_) => None,
        }
    }
}

/// Reads one YAML file into its mirror; a YAML or shape error names the line and column.
pub fn read<T: DeserializeOwned>(file: &str, yaml: &str, what: &str) -> Result<T, CatalogErrors> {
    serde_yaml::from_str(yaml).map_err(|error| {
        let entry = match error.location() {
            Some(at) => format!("line {}, column {}", at.line(), at.column()),
            None => what.to_owned(),
        };
        CatalogErrors(vec![CatalogError {
            file: file.to_owned(),
            entry,
            field: "yaml".to_owned(),
            problem: format!("not a valid {what}: {error}"),
        }])
    })
}
