//! `serde` support: codes and categories as their strings; entries and their parts as the
//! objects the JSON export documents.

use serde::de::{Deserialize, Deserializer, Error as _, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::{Category, Document, Entry, ErrorCode, Link, Source, Wording};

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for Category {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Reads a code or category from a string through `FromStr`.
struct ParseVisitor<T>(core::marker::PhantomData<T>);

impl<T> Visitor<'_> for ParseVisitor<T>
where
    T: core::str::FromStr,
    T::Err: core::fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a documented identifier as a string")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
        value.parse().map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    /// Reads the code string, exactly as [`FromStr`](core::str::FromStr) does.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_str(ParseVisitor(core::marker::PhantomData))
            .map_err(D::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Category {
    /// Reads the category identifier, such as `user_error`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ParseVisitor(core::marker::PhantomData))
    }
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Document", 6)?;
        s.serialize_field("id", self.id())?;
        s.serialize_field("title", self.title())?;
        s.serialize_field("date", self.date())?;
        s.serialize_field("locale", self.locale())?;
        s.serialize_field("url", self.url())?;
        s.serialize_field("machine_translated", &self.is_machine_translated())?;
        s.end()
    }
}

impl Serialize for Source {
    /// The document's fields inline, so a dashboard needs no second table.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let document = self.document();
        let mut s = serializer.serialize_struct("Source", 7)?;
        s.serialize_field("document", document.id())?;
        s.serialize_field("title", document.title())?;
        s.serialize_field("date", document.date())?;
        s.serialize_field("locale", document.locale())?;
        s.serialize_field("url", document.url())?;
        s.serialize_field("section", self.section())?;
        s.serialize_field("note", &self.note())?;
        s.end()
    }
}

impl Serialize for Wording {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Wording", 2)?;
        s.serialize_field("text", self.text())?;
        let documents: Vec<&str> = self.documents().iter().map(|d| d.id()).collect();
        s.serialize_field("documents", &documents)?;
        s.end()
    }
}

impl Serialize for Link {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Link", 2)?;
        s.serialize_field("title", self.title())?;
        s.serialize_field("url", self.url())?;
        s.end()
    }
}

impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Entry", 9)?;
        s.serialize_field("message", &self.message())?;
        s.serialize_field("wordings", self.wordings())?;
        s.serialize_field("codes", self.codes())?;
        s.serialize_field("category", &self.category())?;
        s.serialize_field("summary", self.summary())?;
        s.serialize_field("steps", self.steps())?;
        s.serialize_field("links", self.links())?;
        s.serialize_field("sources", self.sources())?;
        s.serialize_field("related", self.related())?;
        s.end()
    }
}

#[cfg(feature = "scan")]
impl Serialize for crate::scan::Finding {
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
