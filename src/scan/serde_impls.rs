//! `Serialize` for the scan's public types (feature `serde`): codes as their strings, formats
//! by their short names, errors as the input's path and the message a person reads.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::{FoundCode, InputFormat, InputSummary, ScanError, ScanErrorKind};

impl Serialize for FoundCode {
    /// The code as logged, documented or not.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for InputFormat {
    /// [`InputFormat::as_str`]: `text`, `event-viewer-text`, `wevtutil-text`, `xml`, `csv`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for InputSummary {
    /// `{format, bytes}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("InputSummary", 2)?;
        s.serialize_field("format", &self.format)?;
        s.serialize_field("bytes", &self.bytes)?;
        s.end()
    }
}

impl Serialize for ScanError {
    /// `{path, error}`: the input's path (`null` for unnamed input) and what went wrong.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ScanError", 2)?;
        s.serialize_field("path", &self.path)?;
        s.serialize_field("error", &self.kind)?;
        s.end()
    }
}

impl Serialize for ScanErrorKind {
    /// The message, as [`Display`](core::fmt::Display) writes it.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
