//! The JSON Schema of the export (feature `schema`), generated from the types that serialize
//! it: the derived records, and the identifier enums as string enums of their values.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use super::records::{Code, Id, Keyed, Name as NameKey};
use super::{All, CatalogExport};
use crate::{
    AuthProtocol, Category, CertificateFact, Cloud, ErrorCode, EventChannel, Method, Name, Service,
    Setting, Symptom,
};

/// The JSON Schema (draft 2020-12) of `export --format json` and `GET /api/v1/catalog`.
///
/// ```
/// let schema = serde_json::to_value(nps_mfa_errors::export::json_schema()).unwrap();
/// assert_eq!(schema["title"], "Catalog");
/// assert!(schema["required"].as_array().unwrap().contains(&"codes".into()));
/// ```
#[must_use]
pub fn json_schema() -> Schema {
    let mut schema = schemars::schema_for!(CatalogExport);
    schema.insert(
        "description".to_owned(),
        "The NPS extension error catalog, as written by `nps-mfa-errors export --format json`."
            .into(),
    );
    schema
}

/// A source's document, inlined (see `serde_impls::document_inline`).
#[derive(JsonSchema)]
#[allow(dead_code)] // only its schema is used
pub(crate) struct DocumentInline {
    document: String,
    title: String,
    date: String,
    locale: String,
    url: String,
}

impl JsonSchema for CatalogExport {
    fn schema_name() -> Cow<'static, str> {
        "Catalog".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        super::Catalog::json_schema(generator)
    }
}

impl<T, R: JsonSchema> JsonSchema for All<T, R> {
    fn schema_name() -> Cow<'static, str> {
        format!("Array_of_{}", R::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Vec::<R>::json_schema(generator)
    }
}

/// An identifier enum: a string, one of its values in data order.
macro_rules! name_schema {
    ($($type:ty),* $(,)?) => {$(
        impl JsonSchema for $type {
            fn schema_name() -> Cow<'static, str> {
                stringify!($type).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                let values: Vec<&str> = <$type as Name>::all_values().map(Name::id).collect();
                json_schema!({ "type": "string", "enum": values })
            }
        }
    )*};
}

name_schema!(
    ErrorCode,
    Category,
    Cloud,
    Service,
    Setting,
    EventChannel,
    AuthProtocol,
    Method,
    CertificateFact,
    Symptom,
);

/// The schema of `Keyed<K, I>`, with `I` inferred from the value's `info` function.
fn keyed<K: JsonSchema, T, I: JsonSchema + 'static>(
    generator: &mut SchemaGenerator,
    _info: fn(T) -> &'static I,
) -> Schema {
    Keyed::<K, I>::json_schema(generator)
}

/// A record: its key field flattened with its info.
macro_rules! record_schema {
    ($($record:ident: $key:ident<$type:ty>;)*) => {$(
        impl JsonSchema for super::$record {
            fn schema_name() -> Cow<'static, str> {
                stringify!($record).into()
            }

            fn json_schema(generator: &mut SchemaGenerator) -> Schema {
                keyed::<$key<$type>, $type, _>(generator, <$type>::info)
            }
        }
    )*};
}

record_schema! {
    CategoryRecord: Id<Category>;
    CodeRecord: Code<ErrorCode>;
    SettingRecord: NameKey<Setting>;
    CloudRecord: Id<Cloud>;
    ServiceRecord: Id<Service>;
    EventChannelRecord: NameKey<EventChannel>;
    ProtocolRecord: Id<AuthProtocol>;
    MethodRecord: Id<Method>;
    CertificateRecord: Id<CertificateFact>;
    SymptomRecord: Id<Symptom>;
}
