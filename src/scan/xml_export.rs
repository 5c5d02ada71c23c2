//! XML exports (`wevtutil qe /f:xml`, Event Viewer "Save As" XML): each `<Event>` element is
//! one event.
//!
//! Nothing is lost without a word: text that is not valid UTF-8 is replaced, an export cut off
//! inside an event still gives that event's findings (and says it was cut), and a node longer
//! than [`MAX_NODE_BYTES`] or markup that does not parse ends the XML reading: the rest of the
//! input is scanned as text, with a note. Memory stays within about one node and one record.

use std::io::{self, BufReader, Read};
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};

use super::finding::Finding;
use super::matcher::Matcher;
use super::structured::{emit, Ending, Record, Rest, MAX_RECORD_BYTES};
use super::ScanErrorKind;

/// A node (text, tag with its attributes, comment) longer than this ends the XML reading; the
/// rest of the input is scanned as text.
pub(crate) const MAX_NODE_BYTES: usize = 1024 * 1024;

/// Where the parse is.
struct State {
    line: u64,
    record: Option<Record>,
    element: Vec<u8>,
    in_system: bool,
    /// A record was longer than [`MAX_RECORD_BYTES`] and scanned in pieces.
    pieces: bool,
}

/// Scans an XML export: every `<Event>` element, with its `EventID`, `TimeCreated`,
/// `EventRecordID`, `Channel`, `Computer`, and the text of its `EventData`/`UserData` and `RenderingInfo`.
pub(crate) fn scan_xml<R: Read>(
    matcher: &Matcher,
    reader: R,
    read_size: usize,
    file: Option<Arc<str>>,
    sink: &mut dyn FnMut(Finding),
    notes: &mut Vec<String>,
) -> Result<Ending<R>, ScanErrorKind> {
    let guard = NodeGuard::new(reader);
    let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(read_size, guard));
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut state = State {
        line: 1,
        record: None,
        element: vec![],
        in_system: false,
        pieces: false,
    };
    loop {
        let start = xml.buffer_position();
        let event = match xml.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(error) => {
                let at = xml.buffer_position();
                return Ok(stop(matcher, xml, state, at, &error, &file, sink));
            }
        };
        if matches!(event, Event::Eof) {
            let end = xml.buffer_position();
            return finish(matcher, state, end, &file, sink, notes);
        }
        let newlines = bytecount::count(&event, b'\n') as u64;
        let end = xml.buffer_position();
        take_event(matcher, &mut state, &event, start, end, &file, sink);
        state.line += newlines;
        buf.clear();
    }
}

/// Takes one parse event into the open record.
fn take_event(
    matcher: &Matcher,
    state: &mut State,
    event: &Event<'_>,
    start: u64,
    end: u64,
    file: &Option<Arc<str>>,
    sink: &mut dyn FnMut(Finding),
) {
    match event {
        Event::Start(tag) | Event::Empty(tag) => {
            let name = tag.local_name().as_ref().to_vec();
            if name == b"Event" {
                state.record = Some(Record::new(state.line, start));
            }
            if name == b"System" {
                state.in_system = true;
            }
            if let (Some(record), b"TimeCreated") = (state.record.as_mut(), name.as_slice()) {
                time_created(record, tag);
            }
            if matches!(event, Event::Start(_)) {
                state.element = name;
            }
        }
        Event::Text(text) => take_text(state, &String::from_utf8_lossy(text)),
        Event::CData(data) => take_text(state, &String::from_utf8_lossy(data)),
        Event::GeneralRef(reference) => {
            let value = match reference.resolve_char_ref() {
                Ok(Some(c)) => c.to_string(),
                _ => {
                    let name = String::from_utf8_lossy(reference.as_ref()).into_owned();
                    quick_xml::escape::resolve_predefined_entity(&name)
                        .map_or(format!("&{name};"), str::to_owned)
                }
            };
            take_text(state, &value);
        }
        Event::End(tag) => {
            let name = tag.local_name();
            if name.as_ref() == b"System" {
                state.in_system = false;
            }
            if name.as_ref() == b"Event" {
                if let Some(mut finished) = state.record.take() {
                    finished.end = end;
                    emit(matcher, &finished, file, sink);
                }
            }
            state.element.clear();
            if let Some(record) = state.record.as_mut().filter(|_| !state.in_system) {
                // Separate the texts of sibling elements.
                if !record.text.ends_with('\n') && !record.text.is_empty() {
                    record.text.push('\n');
                }
            }
        }
        _ => {}
    }
    if let Some(record) = state.record.as_mut() {
        if record.text.len() > MAX_RECORD_BYTES {
            // Scanned as a piece of its own; the event goes on with the same metadata.
            record.end = end;
            emit(matcher, record, file, sink);
            record.text.clear();
            state.pieces = true;
        }
    }
}

fn time_created(record: &mut Record, tag: &BytesStart<'_>) {
    for attribute in tag.attributes().flatten() {
        if attribute.key.local_name().as_ref() == b"SystemTime" {
            let raw = String::from_utf8_lossy(&attribute.value);
            let value = quick_xml::escape::unescape(&raw)
                .map_or_else(|_| raw.to_string(), |v| v.into_owned());
            record.meta.timestamp = Some(value);
        }
    }
}

fn take_text(state: &mut State, value: &str) {
    let Some(record) = state.record.as_mut() else {
        return;
    };
    if state.in_system {
        match state.element.as_slice() {
            b"EventID" => record.meta.event_id = value.trim().parse().ok(),
            b"Channel" => record.meta.channel = Some(value.trim().to_owned()),
            b"EventRecordID" => record.meta.record_id = value.trim().parse().ok(),
            b"Computer" => {
                record.meta.computer = Some(value.trim().to_owned()).filter(|c| !c.is_empty());
            }
            _ => {}
        }
    } else if !value.trim().is_empty() || !record.text.is_empty() {
        record.text.push_str(value);
    }
}

/// The input ended: an event still open was cut off; its findings are kept.
fn finish<R>(
    matcher: &Matcher,
    state: State,
    end: u64,
    file: &Option<Arc<str>>,
    sink: &mut dyn FnMut(Finding),
    notes: &mut Vec<String>,
) -> Result<Ending<R>, ScanErrorKind> {
    if state.pieces {
        notes.push(pieces_note());
    }
    match state.record {
        None => Ok(Ending::Complete(end)),
        Some(mut open) => {
            open.end = end;
            emit(matcher, &open, file, sink);
            Err(ScanErrorKind::CutOff {
                format: "XML",
                line: open.line,
            })
        }
    }
}

fn pieces_note() -> String {
    format!(
        "an XML event longer than {} MiB was scanned in pieces of that size; findings of one \
         piece may lack the context (user, CID) that stands in another",
        MAX_RECORD_BYTES >> 20
    )
}

/// The XML could not be read further: the open event's findings are kept, and the rest of the
/// input is handed back to be scanned as text.
fn stop<R: Read>(
    matcher: &Matcher,
    xml: quick_xml::Reader<BufReader<NodeGuard<R>>>,
    state: State,
    at: u64,
    error: &quick_xml::Error,
    file: &Option<Arc<str>>,
    sink: &mut dyn FnMut(Finding),
) -> Ending<R> {
    let line = state.record.as_ref().map_or(state.line, |open| open.line);
    if let Some(mut open) = state.record {
        open.end = at;
        emit(matcher, &open, file, sink);
    }
    let reader = xml.into_inner();
    let unread = reader.buffer().to_vec();
    let guard = reader.into_inner();
    let too_long = guard.tripped;
    let (mut replay, mut reader, mut offset) = guard.into_parts();
    let mut at_end = false;
    if !too_long {
        // A syntax error: resume where the parser stopped. Whether the input ends there tells
        // a cut-off export from a malformed one.
        replay = unread;
        if replay.is_empty() {
            let mut probe = [0_u8; 1];
            match reader.read(&mut probe) {
                Ok(0) => at_end = true,
                Ok(_) => {
                    replay.push(probe[0]);
                    offset += 1;
                }
                Err(_) => {}
            }
        }
    }
    let offset = offset - replay.len() as u64;
    let error = if too_long {
        Err(format!(
            "an XML node at line {} is longer than {} MiB; from there on the input was \
             scanned as text",
            state.line,
            MAX_NODE_BYTES >> 20
        ))
    } else if at_end && matches!(error, quick_xml::Error::Syntax(_)) {
        Ok(ScanErrorKind::CutOff {
            format: "XML",
            line,
        })
    } else {
        Ok(ScanErrorKind::Xml {
            line: state.line,
            message: format!("{error}; the rest was scanned as text"),
        })
    };
    Ending::Rest(Rest {
        replay,
        reader,
        offset,
        line: state.line,
        why: error,
    })
}

/// Passes the input through to the parser, and stops it (with an error) when a node grows past
/// [`MAX_NODE_BYTES`], keeping the node's bytes read so far so that they can still be scanned.
struct NodeGuard<R> {
    inner: R,
    /// Offset of the next byte read.
    offset: u64,
    /// The bytes since the last `<`, the start of the current node (or the node before it).
    since_node: Vec<u8>,
    tripped: bool,
}

impl<R: Read> NodeGuard<R> {
    fn new(inner: R) -> Self {
        NodeGuard {
            inner,
            offset: 0,
            since_node: vec![],
            tripped: false,
        }
    }

    /// The bytes of the node read so far, the rest of the input, and the offset of that rest.
    fn into_parts(self) -> (Vec<u8>, R, u64) {
        (self.since_node, self.inner, self.offset)
    }
}

impl<R: Read> Read for NodeGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.tripped {
            return Err(io::Error::other("XML node too long"));
        }
        let n = self.inner.read(buf)?;
        let new = &buf[..n];
        match memchr::memrchr(b'<', new) {
            Some(at) => {
                self.since_node.clear();
                self.since_node.extend_from_slice(&new[at..]);
            }
            None => self.since_node.extend_from_slice(new),
        }
        self.offset += n as u64;
        if self.since_node.len() > MAX_NODE_BYTES {
            self.tripped = true;
            return Err(io::Error::other("XML node too long"));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guard_keeps_only_the_current_node() {
        let input = b"<a>text</a><b>more".to_vec();
        let mut guard = NodeGuard::new(&input[..]);
        let mut out = vec![];
        guard.read_to_end(&mut out).unwrap();
        assert_eq!(guard.since_node, b"<b>more");
    }
}
