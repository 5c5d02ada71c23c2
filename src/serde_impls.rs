//! `serde` support that derives cannot express alone: identifiers read back through `FromStr`,
//! a document inlined into a source, references written as ids, pairs as an object. The record
//! types derive `Serialize` with these as `serialize_with` helpers; the generated enums call
//! [`deserialize_name`].

use serde::de::{Deserializer, Visitor};
use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::Serialize;

use crate::lookup::Name;
use crate::{Document, Endpoint};

/// Reads an identifier through `FromStr`, with the catalog's error message when it is unknown.
pub(crate) fn deserialize_name<'de, D: Deserializer<'de>, T: Name>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct ParseVisitor<T>(core::marker::PhantomData<T>);

    impl<T: Name> Visitor<'_> for ParseVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("a documented identifier as a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            crate::lookup::parse(value).map_err(E::custom)
        }
    }

    deserializer.deserialize_str(ParseVisitor(core::marker::PhantomData))
}

/// A source's document inline: `document` (its id), `title`, `date`, `locale`, `url`.
pub(crate) fn document_inline<S: Serializer>(
    document: &&'static Document,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut s = serializer.serialize_struct("Document", 5)?;
    s.serialize_field("document", document.id())?;
    s.serialize_field("title", document.title())?;
    s.serialize_field("date", document.date())?;
    s.serialize_field("locale", document.locale())?;
    s.serialize_field("url", document.url())?;
    s.end()
}

/// Documents as their ids.
pub(crate) fn document_ids<S: Serializer>(
    documents: &&'static [&'static Document],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(documents.iter().map(|d| d.id()))
}

/// Endpoints as their ids.
pub(crate) fn endpoint_ids<S: Serializer>(
    endpoints: &&'static [&'static Endpoint],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(endpoints.iter().map(|e| e.id()))
}

/// `[(key, value)]` as an object.
pub(crate) fn pairs<S: Serializer, K: Serialize>(
    pairs: &&'static [(K, &'static str)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(pairs.len()))?;
    for (key, value) in pairs.iter() {
        map.serialize_entry(key, value)?;
    }
    map.end()
}

#[cfg(feature = "scan")]
impl serde::Serialize for crate::scan::Finding {
    /// One JSON Lines record of `nps-mfa-errors scan --json`: `kind` (`"extension"`), `file`,
    /// `line`, `span` (`[start, end]`), `code`, `documented`, `category`, `message`, `cid`,
    /// `user`, `timestamp`, `time` (RFC 3339), `logged`, `event_id`, `channel`, `record_id`,
    /// `computer`, `aadsts`; `null` where unknown.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Finding", 18)?;
        s.serialize_field("kind", "extension")?;
        s.serialize_field("file", &self.file.as_deref())?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("span", &[self.span.start, self.span.end])?;
        s.serialize_field("code", self.code.as_str())?;
        s.serialize_field("documented", &self.is_documented())?;
        s.serialize_field("category", &self.category())?;
        s.serialize_field("message", &self.message())?;
        s.serialize_field("cid", &self.cid)?;
        s.serialize_field("user", &self.user)?;
        s.serialize_field("timestamp", &self.timestamp)?;
        s.serialize_field("time", &self.time)?;
        s.serialize_field("logged", &self.logged)?;
        s.serialize_field("event_id", &self.event_id)?;
        s.serialize_field("channel", &self.channel)?;
        s.serialize_field("record_id", &self.record_id)?;
        s.serialize_field("computer", &self.computer)?;
        s.serialize_field("aadsts", &self.aadsts)?;
        s.end()
    }
}
