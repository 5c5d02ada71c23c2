//! What the XML and CSV readers share: one record per event, and how a reader hands the rest
//! of an input back to be scanned as text when it cannot read it as its format.

use std::sync::Arc;

use super::finding::Finding;
use super::matcher::{EventMeta, Matcher};
use super::ScanErrorKind;

/// A record's text longer than this is scanned in pieces of this size (XML), or ends the
/// format's reading (CSV, where it means an unterminated quote): memory stays bounded.
pub(crate) const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// One event read from a structured export.
pub(crate) struct Record {
    /// Line where the record starts.
    pub(crate) line: u64,
    /// Byte range of the record in the input.
    pub(crate) start: u64,
    pub(crate) end: u64,
    pub(crate) text: String,
    pub(crate) meta: EventMeta,
}

impl Record {
    pub(crate) fn new(line: u64, start: u64) -> Record {
        Record {
            line,
            start,
            end: start,
            text: String::new(),
            meta: EventMeta::default(),
        }
    }
}

/// How a structured reader ended.
pub(crate) enum Ending<R> {
    /// The whole input was read; its size in bytes.
    Complete(u64),
    /// The reader stopped: scan the rest as text.
    Rest(Rest<R>),
}

/// The rest of an input a structured reader could not read as its format.
pub(crate) struct Rest<R> {
    /// Bytes already taken from `reader` that belong to the rest.
    pub(crate) replay: Vec<u8>,
    /// The input after `replay`.
    pub(crate) reader: R,
    /// Offset of the first byte of `replay` in the input.
    pub(crate) offset: u64,
    /// Line of that byte.
    pub(crate) line: u64,
    /// A note to give (`Err`), or the error to return once the rest is scanned (`Ok`).
    pub(crate) why: Result<ScanErrorKind, String>,
}

/// Scans one record and hands its findings to `sink`.
pub(crate) fn emit(
    matcher: &Matcher,
    record: &Record,
    file: &Option<Arc<str>>,
    sink: &mut dyn FnMut(Finding),
) {
    let text = record.text.as_bytes();
    let mut hits = vec![];
    matcher.hits(text, 0, &mut Vec::new(), &mut hits);
    if hits.is_empty() && !super::matcher::has_heading_token(text) {
        return;
    }
    for raw in matcher.analyze(text, 0, &hits, &record.meta) {
        let mut finding = raw.into_finding(file.clone(), record.line);
        finding.span = record.start..record.end;
        sink(finding);
    }
}
