//! What an input is, from its first bytes: peeking without losing them, decoding a stream the
//! way the scanner does, and telling binaries the bundle scan skips from text.

use std::fs::File;
use std::io::{self, Cursor, Read, Seek};

use super::Scanner;

/// An input of a bundle scan: a file (which can seek: a zip or `.evtx` is read in place) or a
/// stream (a zip member, standard input), with its size when known (0 otherwise).
pub(crate) enum Source<'r> {
    /// A file and its size.
    File(File, u64),
    /// A stream and its size, if known (else 0).
    Stream(Box<dyn Read + 'r>, u64),
}

/// The scanner for `.evtx` records: records are a few KiB, so it reads in small pieces instead of
/// allocating the default 256 KiB read buffer for each of them.
pub(crate) fn record_scanner() -> &'static Scanner {
    static RECORDS: std::sync::OnceLock<Scanner> = std::sync::OnceLock::new();
    RECORDS.get_or_init(|| Scanner::new().with_read_size(8 * 1024))
}

/// Reads the first bytes of a source and gives a source that still starts with them.
pub(crate) fn peek(source: Source<'_>) -> io::Result<(Vec<u8>, Source<'_>)> {
    match source {
        Source::File(mut file, size) => {
            let head = super::read_head(&mut file, super::SNIFF_BYTES)?;
            if file.rewind().is_ok() {
                return Ok((head, Source::File(file, size)));
            }
            // A pipe named as a file cannot seek: read on from what was peeked.
            let chained: Box<dyn Read + '_> = Box::new(Cursor::new(head.clone()).chain(file));
            Ok((head, Source::Stream(chained, size)))
        }
        Source::Stream(mut stream, size) => {
            let head = super::read_head(&mut stream, super::SNIFF_BYTES)?;
            let chained: Box<dyn Read + '_> = Box::new(Cursor::new(head.clone()).chain(stream));
            Ok((head, Source::Stream(chained, size)))
        }
    }
}

/// Decodes a stream as the scanner does: UTF-8, or UTF-16 with or without a byte-order mark,
/// judged chunk by chunk.
pub(crate) fn decoder<'r>(reader: Box<dyn Read + 'r>, _head: &[u8]) -> Box<dyn Read + 'r> {
    Box::new(super::decode::ChunkDecoder::new(reader))
}

pub(crate) fn decode_head(head: &[u8]) -> String {
    let mut text = Vec::new();
    // Decoding bytes in memory cannot fail.
    let _ = super::decode::ChunkDecoder::new(head).read_to_end(&mut text);
    String::from_utf8_lossy(&text).into_owned()
}

/// UTF-16 text: a byte-order mark, or ASCII's zero bytes on one side of nearly every pair.
fn looks_utf16(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let sample = &head[..head.len().min(512) & !1];
    let pairs = (sample.len() / 2).max(1);
    let odd = sample
        .chunks_exact(2)
        .filter(|p| p[1] == 0 && p[0] != 0)
        .count();
    let even = sample
        .chunks_exact(2)
        .filter(|p| p[0] == 0 && p[1] != 0)
        .count();
    odd.max(even) * 10 >= pairs * 9
}

/// Why a file is skipped, when it is a binary this tool does not read.
pub(crate) fn binary_kind(lower: &str, head: &[u8]) -> Option<&'static str> {
    if lower.ends_with(".etl") {
        return Some("skipped: an ETW trace (.etl), not text; convert it with netsh trace convert or tracerpt to read it");
    }
    if lower.ends_with(".cab") || head.starts_with(b"MSCF") {
        return Some("skipped: a cabinet archive (.cab); expand it (expand -F:* file.cab folder) and scan the folder");
    }
    let text = head.starts_with(&[0xEF, 0xBB, 0xBF]) || looks_utf16(head);
    let sample = &head[..head.len().min(4096)];
    (!text && sample.contains(&0)).then_some("skipped: binary data, not a log")
}

/// The text of the first `<name>` element of an XML record.
pub(crate) fn element_text(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find('<')? + start;
    Some(xml[start..end].trim().to_owned()).filter(|s| !s.is_empty())
}
