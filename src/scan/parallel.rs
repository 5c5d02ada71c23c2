//! A large text file scanned on several cores, with the findings of one scan from the top.
//!
//! The file is cut into chunks of about [`Scanner::with_chunk_size`] bytes, and each cut is
//! moved to the next line that starts an event: a line that starts an event always closes the
//! one before it, so a chunk scanned on its own gives the findings a scan from the top gives
//! for the same bytes, whatever came before. Threads scan chunks; the calling thread hands the
//! findings on in input order, with line numbers counted from the top.
//!
//! The chunks are read as they are on disk: that is what the decoder gives for UTF-8 without
//! zero bytes. A chunk holding a zero byte (UTF-16 text after UTF-8, or damage) ends the
//! parallel part: the file is then scanned from the top on one thread, reporting only the
//! events from that chunk on, so the findings stay those of one scan.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read};
use std::sync::{mpsc, Arc, Mutex};

use super::finding::Finding;
use super::text::{self, Layout, Origin};
use super::{detect, InputFormat, InputSummary, ScanErrorKind, Scanner, SNIFF_BYTES};

/// How many bytes a thread takes at a time, by default.
pub const DEFAULT_CHUNK_SIZE: usize = 1 << 20;
/// The most threads one file is given when the count is left to the scanner.
const MAX_THREADS: usize = 8;
/// The most threads one file is given when the count is set.
const MAX_SET_THREADS: usize = 64;
/// How many bytes of a line [`Layout::starts_event`] needs to tell (the longest prefix it
/// compares, `Audit Failure<TAB>`, is 14), with room to spare.
const EVENT_HEAD: usize = 64;
/// How many bytes the search for an event start reads at a time.
const PROBE_BYTES: usize = 4096;
/// How many chunks may be given out beyond one per thread: memory holds the findings of at
/// most this many more chunks than there are threads (a log where every line holds a code
/// makes a few MiB of findings per chunk).
const SPARE_CHUNKS: usize = 1;

/// A file that can be scanned in chunks: its text starts at `base` (after a UTF-8 byte-order
/// mark) and is `len` bytes long. Offsets below are in the text, as the findings give them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plan {
    base: u64,
    len: u64,
    format: InputFormat,
    layout: Layout,
}

impl Scanner {
    /// How a file is cut, or `None` when it is scanned on one thread: when threads are not
    /// wanted or cannot read it at an offset, when the file is small, and when its head says
    /// it needs decoding (UTF-16, zero bytes) or a structured reader (XML, CSV, `.evtx`).
    pub(crate) fn plan(&self, file: &File) -> Option<Plan> {
        if !CAN_READ_AT || self.threads() < 2 {
            return None;
        }
        let meta = file.metadata().ok()?;
        if !meta.is_file() || meta.len() < 2 * self.chunk_size as u64 {
            return None;
        }
        let mut raw = vec![0; SNIFF_BYTES + 3];
        let got = read_full_at(file, &mut raw, 0).ok()?;
        raw.truncate(got);
        let utf16_mark = raw.starts_with(&[0xFF, 0xFE]) || raw.starts_with(&[0xFE, 0xFF]);
        if utf16_mark || super::evtx::is_evtx(&raw) || memchr::memchr(0, &raw).is_some() {
            return None;
        }
        let base = if raw.starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        };
        let head = &raw[base..raw.len().min(base + SNIFF_BYTES)];
        let format = detect(head);
        let layout = match format {
            InputFormat::Xml | InputFormat::Csv => return None,
            InputFormat::EventViewerText => Layout::EventViewer,
            InputFormat::WevtutilText => Layout::Wevtutil,
            InputFormat::EventDetailsText => Layout::Details,
            _ => Layout::Plain,
        };
        Some(Plan {
            base: base as u64,
            len: meta.len() - base as u64,
            format,
            layout,
        })
    }

    /// The threads a large file is given: as set (up to [`MAX_SET_THREADS`]), or one per core
    /// up to [`MAX_THREADS`].
    fn threads(&self) -> usize {
        if self.threads > 0 {
            return self.threads.min(MAX_SET_THREADS);
        }
        std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS))
    }

    /// Scans `file` as `plan` cuts it, calling `sink` with each finding in input order.
    pub(crate) fn scan_chunks(
        &self,
        file: &File,
        plan: Plan,
        name: Option<Arc<str>>,
        sink: &mut dyn FnMut(Finding),
    ) -> Result<InputSummary, ScanErrorKind> {
        let text = Text { file, plan };
        let chunk_size = self.chunk_size as u64;
        let chunks = plan.len.div_ceil(chunk_size) as usize;
        let threads = self.threads().min(chunks);
        let (ticket_tx, ticket_rx) = mpsc::channel::<usize>();
        let ticket_rx = Mutex::new(ticket_rx);
        let (result_tx, result_rx) = mpsc::channel::<(usize, io::Result<Chunk>)>();
        let outcome = std::thread::scope(|scope| {
            // Owned here, so that returning early drops it and idle threads stop.
            let ticket_tx = ticket_tx;
            for _ in 0..threads {
                let (tickets, results, name, text) =
                    (&ticket_rx, result_tx.clone(), name.clone(), &text);
                scope.spawn(move || loop {
                    let next = tickets.lock().ok().and_then(|rx| rx.recv().ok());
                    let Some(index) = next else { break };
                    let chunk = self.scan_chunk(text, index as u64 * chunk_size, name.clone());
                    if results.send((index, chunk)).is_err() {
                        break;
                    }
                });
            }
            drop(result_tx);
            let mut issued = 0;
            let issue = |issued: &mut usize| {
                if *issued < chunks {
                    // The workers stop only once this sender is dropped.
                    let _ = ticket_tx.send(*issued);
                    *issued += 1;
                }
            };
            for _ in 0..threads + SPARE_CHUNKS {
                issue(&mut issued);
            }
            let mut merge = Merge::default();
            let mut waiting = BTreeMap::new();
            for index in 0..chunks {
                let chunk = loop {
                    if let Some(chunk) = waiting.remove(&index) {
                        break chunk;
                    }
                    let Ok((at, chunk)) = result_rx.recv() else {
                        return Stop::Failed(io::Error::other("a scan thread stopped"));
                    };
                    waiting.insert(at, chunk);
                };
                issue(&mut issued);
                match chunk {
                    Err(error) => return Stop::Failed(error),
                    Ok(Chunk::Empty) => {}
                    Ok(Chunk::Scanned(scanned)) if !scanned.clean => {
                        return Stop::Rescan(scanned.start);
                    }
                    Ok(Chunk::Scanned(scanned)) => merge.add(*scanned, sink),
                }
            }
            Stop::Done(merge.notes)
        });
        // Here every thread has ended.
        let mut notes = vec![];
        if name.as_deref().is_some_and(super::named_evtx) {
            notes.push(super::NOT_EVTX_NOTE.to_owned());
        }
        match outcome {
            Stop::Done(more) => {
                notes.extend(more);
                Ok(InputSummary {
                    format: plan.format,
                    bytes: plan.len,
                    notes,
                })
            }
            Stop::Failed(error) => Err(error.into()),
            Stop::Rescan(from) => {
                let reader = Range::new(&text, 0, plan.len).with_base(0);
                self.scan_input(reader, name, sink, from)
            }
        }
    }

    /// Scans the chunk whose nominal start is `nominal`: from the first event start at or after
    /// it to the first at or after the next chunk's nominal start.
    fn scan_chunk(&self, text: &Text, nominal: u64, name: Option<Arc<str>>) -> io::Result<Chunk> {
        let (layout, len) = (text.plan.layout, text.plan.len);
        let next = nominal.saturating_add(self.chunk_size as u64).min(len);
        let start = if nominal == 0 {
            0
        } else {
            match text.event_start(nominal, next, layout)? {
                Some(start) => start,
                None => return Ok(Chunk::Empty),
            }
        };
        let end = text.event_start(next, len, layout)?.unwrap_or(len);
        let mut reader = Range::new(text, start, end);
        let mut findings = vec![];
        let mut notes = vec![];
        let origin = Origin {
            offset: start,
            ..Origin::START
        };
        let ended = text::scan(
            &self.matcher,
            &mut reader,
            layout,
            name,
            self.read_size,
            origin,
            &mut |finding| findings.push(finding),
            &mut notes,
        )?;
        // The bytes after the end that tell whether the next chunk's first line starts an
        // event must read as they do here; and a file that changed under the scan is read
        // again from the top.
        let clean = !reader.zero && ended.offset == end && !text.zero_in(end, EVENT_HEAD)?;
        Ok(Chunk::Scanned(Box::new(Scanned {
            start,
            lines: ended.line - 1,
            findings,
            notes,
            clean,
        })))
    }
}

/// What a thread made of a chunk.
enum Chunk {
    /// No event starts in the chunk: the one before reaches past it.
    Empty,
    Scanned(Box<Scanned>),
}

struct Scanned {
    start: u64,
    /// Line breaks in the chunk.
    lines: u64,
    /// Line numbers counted from 1 at `start`.
    findings: Vec<Finding>,
    notes: Vec<String>,
    /// The chunk holds no zero byte, and was read to its end.
    clean: bool,
}

/// How the parallel part ended.
enum Stop {
    Done(Vec<String>),
    Failed(io::Error),
    /// A chunk was not plain text: scan from the top, reporting events from here on.
    Rescan(u64),
}

/// The findings handed on so far.
#[derive(Default)]
struct Merge {
    /// Line breaks before the next chunk.
    lines: u64,
    notes: Vec<String>,
}

impl Merge {
    fn add(&mut self, scanned: Scanned, sink: &mut dyn FnMut(Finding)) {
        for mut finding in scanned.findings {
            finding.line += self.lines;
            sink(finding);
        }
        self.lines += scanned.lines;
        for note in scanned.notes {
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
        }
    }
}

/// The text of a planned file.
struct Text<'f> {
    file: &'f File,
    plan: Plan,
}

impl Text<'_> {
    /// Reads the text at `at` into `buf`, as much as is there.
    fn read(&self, buf: &mut [u8], at: u64) -> io::Result<usize> {
        let want = buf.len().min(self.plan.len.saturating_sub(at) as usize);
        read_full_at(self.file, &mut buf[..want], self.plan.base + at)
    }

    /// True if a zero byte stands in the `n` bytes from `at`.
    fn zero_in(&self, at: u64, n: usize) -> io::Result<bool> {
        let mut buf = vec![0; n];
        let got = self.read(&mut buf, at)?;
        Ok(memchr::memchr(0, &buf[..got]).is_some())
    }

    /// The first line start at or after `from` and before `limit` whose line starts an event.
    fn event_start(&self, from: u64, limit: u64, layout: Layout) -> io::Result<Option<u64>> {
        let mut window = Window::default();
        // `from` starts a line if the byte before it ends one.
        let mut line = None;
        let mut at = from.saturating_sub(1);
        if from == 0 {
            line = Some(0);
        }
        loop {
            if let Some(start) = line {
                if start >= limit {
                    return Ok(None);
                }
                let head = window.get(self, start, EVENT_HEAD)?;
                if head.is_empty() {
                    return Ok(None);
                }
                let head = memchr::memchr(b'\n', head).map_or(head, |i| &head[..=i]);
                if layout.starts_event(head) {
                    return Ok(Some(start));
                }
                at = start;
            }
            let bytes = window.get(self, at, PROBE_BYTES)?;
            if bytes.is_empty() {
                return Ok(None);
            }
            match memchr::memchr(b'\n', bytes) {
                Some(i) => line = Some(at + i as u64 + 1),
                None => {
                    at += bytes.len() as u64;
                    line = None;
                }
            }
        }
    }
}

/// A few KiB of the text, read once for several looks.
#[derive(Default)]
struct Window {
    start: u64,
    bytes: Vec<u8>,
}

impl Window {
    /// Up to `n` bytes from `at` (fewer at the end of the text, or where the window ends).
    fn get(&mut self, text: &Text, at: u64, n: usize) -> io::Result<&[u8]> {
        let end = self.start + self.bytes.len() as u64;
        if at < self.start || at + (n.min(EVENT_HEAD) as u64) > end {
            self.bytes.resize(PROBE_BYTES.max(n), 0);
            let got = text.read(&mut self.bytes, at)?;
            self.bytes.truncate(got);
            self.start = at;
        }
        let from = (at - self.start) as usize;
        let to = (from + n).min(self.bytes.len());
        Ok(&self.bytes[from..to])
    }
}

/// A reader of the text from `at` to `end`, noting whether it gave a zero byte.
struct Range<'t, 'f> {
    text: &'t Text<'f>,
    at: u64,
    end: u64,
    /// Added to offsets: the byte-order mark's length, or 0 to read the raw file.
    base: u64,
    zero: bool,
}

impl<'t, 'f> Range<'t, 'f> {
    fn new(text: &'t Text<'f>, at: u64, end: u64) -> Self {
        Range {
            text,
            at,
            end,
            base: text.plan.base,
            zero: false,
        }
    }

    /// Reads the file from its first byte instead, mark included (as the decoder wants it).
    fn with_base(mut self, base: u64) -> Self {
        self.end += self.base - base;
        self.base = base;
        self
    }
}

impl Read for Range<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = buf.len().min(self.end.saturating_sub(self.at) as usize);
        if want == 0 {
            return Ok(0);
        }
        let got = read_at(self.text.file, &mut buf[..want], self.base + self.at)?;
        self.zero |= memchr::memchr(0, &buf[..got]).is_some();
        self.at += got as u64;
        Ok(got)
    }
}

/// Reads at `offset` until `buf` is full or the file ends; gives how much was read.
fn read_full_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match read_at(file, &mut buf[got..], offset + got as u64) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(got)
}

/// Whether this platform reads a file at an offset without a shared cursor.
const CAN_READ_AT: bool = cfg!(any(unix, windows));

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> io::Result<usize> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn file_of(bytes: &[u8]) -> File {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(bytes).unwrap();
        file
    }

    fn scanner() -> Scanner {
        Scanner::new().with_threads(2).with_chunk_size(4096)
    }

    #[test]
    fn large_plain_text_is_cut_and_the_rest_is_not() {
        let log = "2026-11-20 09:00:00 ErrorCode:: UserNotFound\n".repeat(300);
        let plan = scanner().plan(&file_of(log.as_bytes())).unwrap();
        assert_eq!((plan.base, plan.len), (0, log.len() as u64));
        let marked = [b"\xEF\xBB\xBF", log.as_bytes()].concat();
        assert_eq!(scanner().plan(&file_of(&marked)).unwrap().base, 3);
        let utf16: Vec<u8> = log.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let xml = format!("<Events>{}</Events>", "<Event></Event>".repeat(1000));
        for not_cut in [&utf16, xml.as_bytes(), &log.as_bytes()[..8000]] {
            assert!(scanner().plan(&file_of(not_cut)).is_none());
        }
        let one = Scanner::new().with_threads(1).with_chunk_size(4096);
        assert!(one.plan(&file_of(log.as_bytes())).is_none());
    }

    #[test]
    fn an_event_start_is_a_line_start_whose_line_starts_an_event() {
        // Lines start at 0, 7, 14, 20 and 27; indented ones continue an event.
        let log = "2026 a\n  more\n\tmore\n2026 b\nx";
        let file = file_of(log.as_bytes());
        let meta_len = log.len() as u64;
        let plan = Plan {
            base: 0,
            len: meta_len,
            format: InputFormat::PlainText,
            layout: Layout::Plain,
        };
        let text = Text { file: &file, plan };
        let start = |from, limit| text.event_start(from, limit, Layout::Plain).unwrap();
        assert_eq!(start(0, meta_len), Some(0));
        assert_eq!(start(1, meta_len), Some(20));
        assert_eq!(start(7, meta_len), Some(20));
        assert_eq!(start(7, 20), None);
        assert_eq!(start(21, meta_len), Some(27));
        assert_eq!(start(27, meta_len), Some(27));
        assert_eq!(start(28, meta_len), None);
    }
}
