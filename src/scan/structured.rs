//! XML exports (`wevtutil qe /f:xml`, Event Viewer "Save As" XML) and CSV exports
//! (`Get-WinEvent | Export-Csv`): each record is one event.

use std::io::{BufRead, Read};
use std::sync::Arc;

use quick_xml::events::Event;

use super::finding::Finding;
use super::matcher::{EventMeta, Matcher};
use super::ScanErrorKind;

/// One event read from a structured export.
struct Record {
    /// Line where the record starts.
    line: u64,
    /// Byte range of the record in the input.
    start: u64,
    end: u64,
    text: String,
    meta: EventMeta,
}

fn emit(
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

/// Scans an XML export: every `<Event>` element, with its `EventID`, `TimeCreated`,
/// `Channel`, and the text of its `EventData`/`UserData` and `RenderingInfo`.
pub(crate) fn scan_xml<R: BufRead>(
    matcher: &Matcher,
    reader: R,
    file: Option<Arc<str>>,
    sink: &mut dyn FnMut(Finding),
) -> Result<u64, ScanErrorKind> {
    let mut xml = quick_xml::Reader::from_reader(reader);
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut line: u64 = 1;
    let mut record: Option<Record> = None;
    let mut element: Vec<u8> = vec![];
    let mut in_system = false;
    loop {
        let start = xml.buffer_position();
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|error| ScanErrorKind::Xml {
                line,
                message: error.to_string(),
            })?;
        let newlines = bytecount::count(&event, b'\n') as u64;
        match &event {
            Event::Start(tag) | Event::Empty(tag) => {
                let name = tag.local_name().as_ref().to_vec();
                if name == b"Event" {
                    record = Some(Record {
                        line,
                        start,
                        end: start,
                        text: String::new(),
                        meta: EventMeta::default(),
                    });
                }
                if name == b"System" {
                    in_system = true;
                }
                if let Some(record) = record.as_mut() {
                    if name == b"TimeCreated" {
                        for attribute in tag.attributes().flatten() {
                            if attribute.key.local_name().as_ref() == b"SystemTime" {
                                record.meta.timestamp =
                                    attribute.unescape_value().ok().map(|v| v.into_owned());
                            }
                        }
                    }
                }
                if matches!(event, Event::Start(_)) {
                    element = name;
                }
            }
            Event::Text(text) => {
                if let Some(record) = record.as_mut() {
                    let value = text.decode().map(|t| t.into_owned()).unwrap_or_default();
                    take_text(record, &element, in_system, &value);
                }
            }
            Event::CData(data) => {
                if let Some(record) = record.as_mut() {
                    let value = String::from_utf8_lossy(data.as_ref()).into_owned();
                    take_text(record, &element, in_system, &value);
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(record) = record.as_mut() {
                    let value = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => {
                            let name = String::from_utf8_lossy(reference.as_ref()).into_owned();
                            quick_xml::escape::resolve_predefined_entity(&name)
                                .map_or(format!("&{name};"), str::to_owned)
                        }
                    };
                    take_text(record, &element, in_system, &value);
                }
            }
            Event::End(tag) => {
                let name = tag.local_name().as_ref().to_vec();
                if name == b"System" {
                    in_system = false;
                }
                if name == b"Event" {
                    if let Some(mut finished) = record.take() {
                        finished.end = xml.buffer_position();
                        emit(matcher, &finished, &file, sink);
                    }
                }
                element.clear();
                if !in_system && record.is_some() {
                    // Separate the texts of sibling elements.
                    if let Some(record) = record.as_mut() {
                        if !record.text.ends_with('\n') && !record.text.is_empty() {
                            record.text.push('\n');
                        }
                    }
                }
            }
            Event::Eof => return Ok(xml.buffer_position()),
            _ => {}
        }
        line += newlines;
        buf.clear();
    }
}

fn take_text(record: &mut Record, element: &[u8], in_system: bool, value: &str) {
    if in_system {
        match element {
            b"EventID" => record.meta.event_id = value.trim().parse().ok(),
            b"Channel" => record.meta.channel = Some(value.trim().to_owned()),
            _ => {}
        }
    } else if !value.trim().is_empty() || !record.text.is_empty() {
        record.text.push_str(value);
    }
}

/// Scans a CSV export with a header row; the `Message` column is the event text, `Id`,
/// `TimeCreated` and `LogName` its metadata. Lines starting with `#` (`#TYPE ...`) are skipped.
pub(crate) fn scan_csv<R: Read>(
    matcher: &Matcher,
    reader: R,
    file: Option<Arc<str>>,
    sink: &mut dyn FnMut(Finding),
) -> Result<u64, ScanErrorKind> {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(CrlfTracker::new(reader));
    let headers = csv.byte_headers().map_err(csv_error)?.clone();
    let column = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n.as_bytes())))
    };
    let message = column(&["Message"]);
    let id = column(&["Id", "EventID", "EventId", "Event ID"]);
    let time = column(&["TimeCreated", "Date and Time", "Date"]);
    let channel = column(&["LogName", "ContainerLog", "Channel"]);
    let mut record = csv::ByteRecord::new();
    let mut start = csv.position().byte();
    loop {
        let line = csv.position().line() + 1;
        let more = csv.read_byte_record(&mut record).map_err(csv_error)?;
        if !more {
            return Ok(csv.position().byte());
        }
        let field = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(|v| String::from_utf8_lossy(v).into_owned())
        };
        // Without a Message column, every field is scanned.
        let text = match message {
            Some(_) => field(message).unwrap_or_default(),
            None => record
                .iter()
                .map(|v| String::from_utf8_lossy(v).into_owned())
                .collect::<Vec<_>>()
                .join("\n"),
        };
        let (record_start, line) = csv.get_mut().after_crlf(
            record.position().map_or(start, |p| p.byte()),
            record.position().map_or(line, |p| p.line()),
        );
        let next = csv.position().byte();
        let (end, _) = csv.get_mut().after_crlf(next, 0);
        let meta = EventMeta {
            timestamp: field(time).filter(|t| !t.is_empty()),
            event_id: field(id).and_then(|v| v.trim().parse().ok()),
            channel: field(channel).filter(|c| !c.is_empty()),
        };
        emit(
            matcher,
            &Record {
                line,
                start: record_start,
                end,
                text,
                meta,
            },
            &file,
            sink,
        );
        start = end;
    }
}

/// Remembers where a `\n` follows a `\r`. The csv crate ends a record at the `\r` of a CRLF and
/// skips the `\n` as an empty line when the next record starts, so the position it gives for a
/// record after a CRLF is the `\n` before it, and its line number has not counted that `\n`
/// yet: one byte and one line short, for every record of a Windows export. Knowing where those
/// `\n` are corrects both, also for files that mix line endings.
struct CrlfTracker<R> {
    inner: R,
    /// Absolute offset of the next byte read.
    offset: u64,
    last_was_cr: bool,
    /// Offsets of `\n` bytes that follow a `\r`, ascending; pruned as records are read.
    lf_after_cr: std::collections::VecDeque<u64>,
}

impl<R> CrlfTracker<R> {
    fn new(inner: R) -> Self {
        CrlfTracker {
            inner,
            offset: 0,
            last_was_cr: false,
            lf_after_cr: std::collections::VecDeque::new(),
        }
    }

    /// The csv crate's (byte, line) of a record's start, corrected when it is the `\n` of a CRLF.
    /// Positions must be asked for in ascending order.
    fn after_crlf(&mut self, byte: u64, line: u64) -> (u64, u64) {
        while self.lf_after_cr.front().is_some_and(|&at| at < byte) {
            self.lf_after_cr.pop_front();
        }
        if self.lf_after_cr.front() == Some(&byte) {
            (byte + 1, line + 1)
        } else {
            (byte, line)
        }
    }
}

impl<R: Read> Read for CrlfTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' && self.last_was_cr {
                self.lf_after_cr.push_back(self.offset + i as u64);
            }
            self.last_was_cr = b == b'\r';
        }
        self.offset += n as u64;
        Ok(n)
    }
}

fn csv_error(error: csv::Error) -> ScanErrorKind {
    let line = error.position().map(|p| p.line());
    match error.into_kind() {
        csv::ErrorKind::Io(error) => ScanErrorKind::Io(error),
        kind => ScanErrorKind::Csv {
            line,
            message: format!("{kind:?}"),
        },
    }
}
