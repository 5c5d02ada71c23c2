//! Streaming scan of text exports: plain logs, Event Viewer "Save As" text and `wevtutil qe
//! /f:text`. Memory stays bounded on any input: the buffer holds at most the open event
//! (cut at [`MAX_EVENT_BYTES`]) plus one read, and a line longer than [`MAX_LINE_BYTES`] is
//! taken in pieces.

use std::io::{self, Read};
use std::sync::Arc;

use super::finding::Finding;
use super::matcher::{EventMeta, Hit, Matcher};

/// A line longer than this is scanned in pieces of this size.
pub(crate) const MAX_LINE_BYTES: usize = 64 * 1024;
/// An event longer than this is closed, and the next line starts a new one.
pub(crate) const MAX_EVENT_BYTES: u64 = 256 * 1024;

/// How far past a cut an event's text reaches when a hit crosses the cut: the token after
/// `ErrorCode:: CID :<guid> ` stands within this.
const CUT_TAIL: usize = 160;

/// How a text export separates events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// One event per line; indented lines and `Trace ID:`, `Correlation ID:`, `Timestamp:`
    /// lines continue the event above.
    Plain,
    /// `wevtutil qe /f:text`: each event starts with `Event[N]:`.
    Wevtutil,
    /// Event Viewer's "Copy details as text": each event starts with `Log Name:` (unindented,
    /// where `wevtutil` indents its fields).
    Details,
    /// Event Viewer "Save All Events As" text: each event starts with its level and a tab.
    EventViewer,
}

const LEVELS: [&[u8]; 7] = [
    b"Error\t",
    b"Warning\t",
    b"Information\t",
    b"Critical\t",
    b"Verbose\t",
    b"Audit Success\t",
    b"Audit Failure\t",
];
/// The first line of each event of Event Viewer's "Copy details as text".
const DETAILS_START: &[u8] = b"Log Name:";
const CONTINUATIONS: [&[u8]; 5] = [
    b"trace id",
    b"correlation id",
    b"timestamp:",
    b"msg::",
    b"errorcode::",
];

impl Layout {
    /// True if `line` (with its line break, if it has one) starts a new event: the event
    /// before it then ends, whatever came before. Looks at most at its first 64 bytes.
    #[inline]
    pub(crate) fn starts_event(self, line: &[u8]) -> bool {
        // No prefix compared holds a line break, so the line's own break (`\n`, `\r\n`) need
        // not be cut off first: an empty line starts with a byte that is not a letter.
        match self {
            Layout::Wevtutil => line.starts_with(b"Event["),
            Layout::Details => line.starts_with(DETAILS_START),
            Layout::EventViewer => LEVELS.iter().any(|level| line.starts_with(level)),
            Layout::Plain => match line.first() {
                None => true,
                Some(b' ' | b'\t') => false,
                // Most lines start with a timestamp; only a letter can start a continuation
                // prefix, so the prefixes are compared only then.
                Some(first) if !first.is_ascii_alphabetic() => true,
                Some(_) => !CONTINUATIONS
                    .iter()
                    .any(|p| line.len() >= p.len() && line[..p.len()].eq_ignore_ascii_case(p)),
            },
        }
    }

    /// Guesses the layout from the first line of an input that is not blank: an export
    /// starts with its own shape (`Event[0]:`, or Event Viewer's header or first level row).
    /// A later line that looks like one is part of a log, and never changes how it is read.
    pub(crate) fn detect(head: &[u8]) -> Layout {
        let first = head
            .split(|b| *b == b'\n')
            .find(|l| !l.iter().all(u8::is_ascii_whitespace))
            .unwrap_or(b"");
        if first.starts_with(b"Event[") {
            Layout::Wevtutil
        } else if first.starts_with(DETAILS_START) {
            Layout::Details
        } else if first.starts_with(b"Level\tDate and Time") || is_level_row(first) {
            Layout::EventViewer
        } else {
            Layout::Plain
        }
    }
}

/// `Error<TAB>date<TAB>source<TAB>id<TAB>...`: a level, then at least four more columns.
fn is_level_row(line: &[u8]) -> bool {
    LEVELS.iter().any(|level| line.starts_with(level))
        && line.iter().filter(|b| **b == b'\t').count() >= 4
}

/// The event being read.
struct OpenEvent {
    /// Absolute offset of its first byte.
    start: u64,
    /// Line number of its first line.
    line: u64,
    /// A line of it starts with `TOKEN::`, so it is analysed even without a hit.
    flagged: bool,
}

/// Where a text scan starts in its input, and which of its events it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Origin {
    /// Offset of the reader's first byte in the input (not 0 when a structured reader handed
    /// the rest of an input over, or when the input is scanned in chunks).
    pub(crate) offset: u64,
    /// Line number of the reader's first byte.
    pub(crate) line: u64,
    /// Events that start before this offset are read but not analysed: a scan started again
    /// from the top reports only what is past the part already reported.
    pub(crate) report_from: u64,
}

impl Origin {
    /// The start of an input: offset 0, line 1, every event reported.
    pub(crate) const START: Origin = Origin {
        offset: 0,
        line: 1,
        report_from: 0,
    };
}

/// Where a text scan ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct End {
    /// Offset of the input's end.
    pub(crate) offset: u64,
    /// Line number at the input's end (one more than the line breaks read, counted from
    /// [`Origin::line`]).
    pub(crate) line: u64,
}

/// Scans one text input, calling `sink` for each finding, in input order. Gives where the
/// input ended; what the user should know about how it was read goes to `notes`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn scan<R: Read>(
    matcher: &Matcher,
    mut reader: R,
    layout: Layout,
    file: Option<Arc<str>>,
    read_size: usize,
    origin: Origin,
    sink: &mut dyn FnMut(Finding),
    notes: &mut Vec<String>,
) -> io::Result<End> {
    let read_size = read_size.max(1);
    let mut scan = TextScan {
        matcher,
        layout,
        file,
        buf: Vec::with_capacity(read_size.min(1 << 20) * 2),
        base: origin.offset,
        report_from: origin.report_from,
        cursor: 0,
        resume: 0,
        line_no: origin.line,
        at_line_start: true,
        split_events: false,
        hits: vec![],
        event: None,
        lowered: Vec::with_capacity(read_size.min(1 << 20)),
        colons: vec![],
        breaks: vec![],
    };
    let mut eof = false;
    loop {
        // Here `buf[cursor..]` holds no newline and less than a piece of a line.
        let old = scan.buf.len();
        if !eof {
            // `read_to_end` fills spare capacity without zeroing it first, and stops at
            // `read_size` bytes; fewer means the input ended.
            let n = (&mut reader)
                .take(read_size as u64)
                .read_to_end(&mut scan.buf)?;
            eof = n < read_size;
        }
        let complete = scan.complete(old, eof);
        scan.find_hits(complete, eof);
        scan.classify(complete, sink);
        if eof {
            return Ok(scan.finish(sink, notes));
        }
        scan.keep_open_event();
    }
}

/// The state of a text scan: the buffer (from the open event on), where lines and hits are.
struct TextScan<'a> {
    matcher: &'a Matcher,
    layout: Layout,
    file: Option<Arc<str>>,
    buf: Vec<u8>,
    /// Absolute offset of `buf[0]`.
    base: u64,
    /// Events starting before this offset are not analysed.
    report_from: u64,
    /// Start of the next line to classify.
    cursor: usize,
    /// Where the next search for hits starts.
    resume: usize,
    /// Line number at `cursor`.
    line_no: u64,
    at_line_start: bool,
    /// An event was cut in pieces (inside a line, or past its size cap).
    split_events: bool,
    hits: Vec<Hit>,
    event: Option<OpenEvent>,
    /// The lower-cased copy the automaton searches, reused.
    lowered: Vec<u8>,
    colons: Vec<usize>,
    /// Where each line of the part being classified ends (after its line break).
    breaks: Vec<usize>,
}

impl TextScan<'_> {
    /// Where classifying may go: whole lines, and whole pieces of an over-long line: up to the
    /// last newline, then as many whole pieces of the line after it as are here. (Taking at
    /// most one piece per read let the buffer grow by a read minus a piece on every read of a
    /// long line: memory grew with the input.) Only the bytes from `old` on are new, and only
    /// they can hold a newline.
    fn complete(&self, old: usize, eof: bool) -> usize {
        if eof {
            return self.buf.len();
        }
        let line_start =
            memchr::memrchr(b'\n', &self.buf[old..]).map_or(self.cursor, |i| old + i + 1);
        line_start + (self.buf.len() - line_start) / MAX_LINE_BYTES * MAX_LINE_BYTES
    }

    /// Hits are final up to a line's end (no pattern holds a line break) or the input's end.
    /// Inside an over-long line, a pattern may go on past `complete`: a hit starting in the
    /// last bytes may be the cut-short form of a longer one, so those are searched again, with
    /// what follows, next time. The hits are then those of one search of the whole text,
    /// whatever the read size; a code across the cut between two pieces is kept.
    fn find_hits(&mut self, complete: usize, eof: bool) {
        let at_break = eof || complete == 0 || self.buf[complete - 1] == b'\n';
        let overlap = self.matcher.max_pattern_len().saturating_sub(1);
        let safe = if at_break {
            complete
        } else {
            complete.saturating_sub(overlap).max(self.resume)
        };
        let before = self.hits.len();
        self.matcher.hits(
            &self.buf[self.resume..complete],
            self.base + self.resume as u64,
            &mut self.lowered,
            &mut self.hits,
        );
        let safe_at = self.base + safe as u64;
        let final_hits = before + self.hits[before..].partition_point(|h| h.start < safe_at);
        self.hits.truncate(final_hits);
        self.resume = self
            .hits
            .last()
            .filter(|h| h.end > safe_at)
            .map_or(safe, |h| (h.end - self.base) as usize);
    }

    /// Splits `buf[cursor..complete]` into lines (and pieces of over-long lines), closing an
    /// event where the next one starts.
    fn classify(&mut self, complete: usize, sink: &mut dyn FnMut(Finding)) {
        // Lines holding `::` may head a message with `TOKEN::`; finding them all at once is
        // cheaper than looking into every line.
        let cursor = self.cursor;
        self.colons.clear();
        self.colons.extend(
            memchr::memmem::find_iter(&self.buf[cursor..complete], b"::").map(|i| cursor + i),
        );
        let mut next_colon = 0;
        // The line breaks, found in one pass: a search per line costs more than the line.
        self.breaks.clear();
        self.breaks.extend(
            memchr::memchr_iter(b'\n', &self.buf[cursor..complete]).map(|i| cursor + i + 1),
        );
        // Every break is past the cursor: a line ends at the next one, a piece of a long line
        // before it.
        let mut next_break = 0;
        while self.cursor < complete {
            let cursor = self.cursor;
            let next = self.breaks.get(next_break).copied();
            let line_end = next.unwrap_or(complete).min(cursor + MAX_LINE_BYTES);
            if next == Some(line_end) {
                next_break += 1;
            }
            let here = self.base + cursor as u64;
            let line = &self.buf[cursor..line_end];
            let starts_event = self.layout.starts_event(line);
            let too_long = self
                .event
                .as_ref()
                .is_some_and(|open| here - open.start >= MAX_EVENT_BYTES);
            if self.event.is_none() || starts_event || too_long {
                self.split_events |= !self.at_line_start || (too_long && !starts_event);
                self.close(here, sink);
                self.event = Some(OpenEvent {
                    start: here,
                    line: self.line_no,
                    flagged: false,
                });
            }
            while self.colons.get(next_colon).is_some_and(|&at| at < cursor) {
                next_colon += 1;
            }
            if self.colons.get(next_colon).is_some_and(|&at| at < line_end) {
                let line = &self.buf[cursor..line_end];
                if let Some(open) = self.event.as_mut() {
                    open.flagged |= super::matcher::heads_with_token(line);
                }
            }
            self.at_line_start = self.buf[line_end - 1] == b'\n';
            if self.at_line_start {
                self.line_no += 1;
            }
            self.cursor = line_end;
        }
    }

    /// Closes the open event, if any, at absolute offset `end`. Inlined into the line loop:
    /// most events have no hit and no `TOKEN::`, and closing one does nothing.
    #[inline]
    fn close(&mut self, end: u64, sink: &mut dyn FnMut(Finding)) {
        // Hits come in input order, so the event's own are a prefix; looking at the first hit
        // tells whether it has any.
        let idle =
            |open: &OpenEvent| !open.flagged && self.hits.first().is_none_or(|h| h.start >= end);
        if self.event.as_ref().is_none_or(idle) {
            self.event = None;
            return;
        }
        if let Some(open) = self.event.take() {
            if open.start < self.report_from {
                // Reported already: its hits are dropped unread.
                let own = self.hits.partition_point(|h| h.start < end);
                self.hits.drain(..own);
                return;
            }
            close(
                self.matcher,
                &self.buf,
                self.base,
                open,
                end,
                self.layout,
                &mut self.hits,
                &self.file,
                sink,
            );
        }
    }

    /// The input ended: the open event closes. Gives where.
    fn finish(&mut self, sink: &mut dyn FnMut(Finding), notes: &mut Vec<String>) -> End {
        let end = self.base + self.buf.len() as u64;
        self.close(end, sink);
        if self.split_events {
            notes.push(format!(
                "an event longer than {} KiB (or a line longer than {} KiB) was scanned in \
                 pieces; a code keeps the context (user, CID, time) of its own piece only",
                MAX_EVENT_BYTES >> 10,
                MAX_LINE_BYTES >> 10
            ));
        }
        End {
            offset: end,
            line: self.line_no,
        }
    }

    /// Drops what is before the open event (and before where the next search for hits starts).
    fn keep_open_event(&mut self) {
        let keep_from = self
            .event
            .as_ref()
            .map_or(self.cursor, |open| (open.start - self.base) as usize)
            .min(self.resume);
        self.buf.drain(..keep_from);
        self.base += keep_from as u64;
        self.cursor -= keep_from;
        self.resume -= keep_from;
    }
}

/// Analyses a finished event and hands its findings to `sink`.
#[allow(clippy::too_many_arguments)]
fn close(
    matcher: &Matcher,
    buf: &[u8],
    base: u64,
    event: OpenEvent,
    end: u64,
    layout: Layout,
    hits: &mut Vec<Hit>,
    file: &Option<Arc<str>>,
    sink: &mut dyn FnMut(Finding),
) {
    // An event cut from an over-long line owns the hits that start in it, also one that goes
    // on across the cut; its text then takes in what such a hit needs after the cut (the rest
    // of the code, the token after `ErrorCode::`), up to the line's end.
    let own = hits.partition_point(|h| h.start < end);
    let mine: Vec<Hit> = hits.drain(..own).collect();
    let (start, end) = ((event.start - base) as usize, (end - base) as usize);
    let last_end = mine.last().map_or(0, |h| (h.end - base) as usize);
    let mid_line = end > start && buf[end - 1] != b'\n';
    let reaches = mine
        .last()
        .is_some_and(|h| matcher.reads_on(h) && last_end + CUT_TAIL > end);
    let text_end = if mid_line && (last_end > end || reaches) {
        let limit = (last_end.max(end) + CUT_TAIL).min(buf.len());
        memchr::memchr(b'\n', &buf[end..limit]).map_or(limit, |at| end + at)
    } else {
        end
    };
    let text = &buf[start..text_end];
    let meta = match layout {
        Layout::EventViewer => event_viewer_meta(text),
        Layout::Wevtutil | Layout::Details => wevtutil_meta(text),
        Layout::Plain => EventMeta::default(),
    };
    for raw in matcher.analyze(text, event.start, &mine, &meta) {
        let offset = (raw.span.start - event.start) as usize;
        let line = event.line + bytecount::count(&text[..offset], b'\n') as u64;
        sink(raw.into_finding(file.clone(), line));
    }
}

/// `Level<TAB>Date and Time<TAB>Source<TAB>Event ID<TAB>Task Category<TAB>message`.
fn event_viewer_meta(text: &[u8]) -> EventMeta {
    let head = text.split(|b| *b == b'\n').next().unwrap_or(b"");
    let columns: Vec<String> = head
        .split(|b| *b == b'\t')
        .map(|c| String::from_utf8_lossy(c).trim().to_owned())
        .collect();
    EventMeta {
        timestamp: columns.get(1).filter(|c| !c.is_empty()).cloned(),
        event_id: columns.get(3).and_then(|c| c.parse().ok()),
        ..EventMeta::default()
    }
}

/// `wevtutil qe /f:text`: the `Computer:` line of the header, before `Description:`. The text
/// gives no `EventRecordID` (`Event[N]` is the event's position in the query, not its record).
fn wevtutil_meta(text: &[u8]) -> EventMeta {
    let text = String::from_utf8_lossy(text);
    let computer = text
        .lines()
        .map(str::trim)
        .take_while(|line| !line.starts_with("Description:"))
        .find_map(|line| line.strip_prefix("Computer:"))
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty());
    EventMeta {
        computer,
        ..EventMeta::default()
    }
}
