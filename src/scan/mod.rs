//! Finds every documented code and message in NPS extension logs (feature `scan`).
//!
//! Give it what a customer sends: event-log exports of the AuthNOptCh, AuthZOptCh and
//! AuthZAdminCh channels as text (Event Viewer "Save As", `wevtutil qe /f:text`), XML
//! (`wevtutil qe /f:xml`) or CSV (`Get-WinEvent | Export-Csv`), plain log text, or a whole
//! folder such as an unzipped `C:\NPS` support bundle. The format is recognised by content;
//! UTF-16 with or without a byte-order mark (what Windows writes) is decoded, judged chunk by
//! chunk, so a file that changes encoding or loses a byte keeps the rest; invalid UTF-8 is
//! replaced, never fatal.
//!
//! You get one [`Finding`] per code per event (an event that repeats its code counts once;
//! indented and `Trace ID:` / `Correlation ID:` / `Timestamp:` lines belong to the event above),
//! with the correlation ID, user, timestamp, event ID and any embedded `AADSTS` code. Codes the
//! catalog does not know are reported as undocumented when the text marks them as codes
//! (`ErrorCode:: X`, `X::` heading a message). Documented messages with no code next to them are
//! attributed to the right entry: any wording, placeholders filled in, case and spacing folded.
//!
//! ```
//! use nps_mfa_errors::scan::scan_str;
//! use nps_mfa_errors::ErrorCode;
//!
//! let log = "\
//! 2026-11-20 09:14:03 NPS Extension for Azure MFA only performs Secondary Auth for Radius requests in AccessAccept State. Request received for User CONTOSO\\bob with response state AccessReject, ignoring request.
//! 2026-11-20 09:15:10 Error: Alternate LoginId lookup failed
//! ";
//! let codes: Vec<_> = scan_str(log).iter().map(|f| f.code.documented()).collect();
//! assert_eq!(codes, [Some(ErrorCode::AccessRejectIgnored), Some(ErrorCode::AlternateLoginIdError)]);
//! ```
//!
//! The pattern set is derived from the catalog on first use; one automaton pass finds codes and
//! messages, so the cost is that of reading the text. A large plain-text file
//! ([`Scanner::scan_file`], [`Scanner::scan_path`]) is scanned on several threads with the
//! findings of one. Memory stays constant on any input size.
//!
//! [`report`] groups findings by code (what the CLI prints and `--summary-json` writes).

mod bundle;
pub mod bundle_report;
mod config_audit;
mod container;
mod context;
mod csv_export;
mod decode;
mod dedup;
mod evtx;
mod finding;
mod locator;
mod matcher;
mod parallel;
#[cfg(feature = "serde")]
mod record_serde;
mod registry;
pub mod report;
mod security;
mod security_export;
#[cfg(feature = "serde")]
mod serde_impls;
mod sniff;
mod structured;
mod text;
mod time;
mod timeline;
mod xml_export;

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub use bundle::{BundleOptions, BundleScan, InputOutcome, Record};
pub use config_audit::{audit_registry, detect_cloud, superseded_by, ConfigRecord, Verdict};
pub use container::{ContainerError, ContainerLimits};
pub use dedup::{Dedup, EventIdentity, MAX_REMEMBERED};
pub use finding::{Finding, FoundCode};
use matcher::Matcher;
pub use parallel::DEFAULT_CHUNK_SIZE;
pub use registry::{is_registry_dump, parse_registry, RegistryKey, RegistryProblem, RegistryValue};
pub use security::{
    clean_logged, is_nps_message, nps_event_id, NpsEvent, NPS_EVENT_IDS, REASON_EXTENSION_REJECTED,
};
use structured::Ending;
use text::Layout;
pub use time::{parse_utc_offset, DateOrder, EventTime};
pub use timeline::{
    StoryEvent, StoryKind, Timeline, UserStory, LINK_WINDOW_SECONDS, MAX_EVENTS_PER_PERSON,
    MAX_PEOPLE,
};

/// The formats a scan recognises by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputFormat {
    /// Log text, one event per line with continuation lines.
    PlainText,
    /// Event Viewer "Save All Events As" text (tab-separated, one event per level row).
    EventViewerText,
    /// `wevtutil qe /f:text` (`Event[N]:` blocks).
    WevtutilText,
    /// Event Viewer's "Copy details as text" (`Log Name:` ... `Description:` blocks), as
    /// people paste one event or several.
    EventDetailsText,
    /// An XML export (`<Event>` elements).
    Xml,
    /// A CSV export with a header row (`Message`, `Id`, `TimeCreated`, ...).
    Csv,
    /// A binary event log (`.evtx`), read by a bundle scan.
    Evtx,
    /// A registry dump (`REG QUERY` text or a `.reg` export), audited by a bundle scan.
    Registry,
    /// A Security log export, read by a bundle scan for NPS events 6272-6274.
    SecurityEvents,
    /// A binary file a bundle scan skips (`.etl`, `.cab`, ...).
    Binary,
}

impl InputFormat {
    /// A short name for reports.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            InputFormat::PlainText => "text",
            InputFormat::EventViewerText => "event-viewer-text",
            InputFormat::WevtutilText => "wevtutil-text",
            InputFormat::EventDetailsText => "event-details-text",
            InputFormat::Xml => "xml",
            InputFormat::Csv => "csv",
            InputFormat::Evtx => "evtx",
            InputFormat::Registry => "registry",
            InputFormat::SecurityEvents => "security-events",
            InputFormat::Binary => "skipped",
        }
    }
}

/// What one input was, once scanned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InputSummary {
    /// The format recognised.
    pub format: InputFormat,
    /// Bytes of text scanned (after decoding).
    pub bytes: u64,
    /// What the user should know about how the input was read, one sentence each: the rest
    /// of an export read as text because it did not parse, an over-long event scanned in
    /// pieces, a file named `.evtx` that is not an event log. Nothing was lost to these.
    pub notes: Vec<String>,
}

/// Why an input could not be scanned (or not to its end).
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", path.as_ref().map_or_else(|| "<input>".to_owned(), |p| p.display().to_string()))]
pub struct ScanError {
    /// The input's path, if it has one.
    pub path: Option<PathBuf>,
    /// What went wrong.
    #[source]
    pub kind: ScanErrorKind,
}

/// What went wrong with an input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScanErrorKind {
    /// Reading failed.
    #[error("cannot be read: {0}; check the path and its permissions")]
    Io(#[from] io::Error),
    /// A binary `.evtx` event log, which this tool does not parse.
    #[error("binary event log (.evtx): export it as XML or text (wevtutil qe <channel> /f:xml, or Event Viewer > Save As) and scan the export")]
    BinaryEventLog,
    /// The XML export is malformed; the events before the problem were scanned, and the rest
    /// was scanned as text.
    #[error("malformed XML at line {line}: {message}")]
    Xml {
        /// Line of the problem.
        line: u64,
        /// The parser's message.
        message: String,
    },
    /// The export ends inside an event (copied or written only in part); that event's findings
    /// were kept.
    #[error("{format} export cut off: it ends inside the event that starts at line {line} (the findings of that event were kept); export it again in full")]
    CutOff {
        /// `XML` or `CSV`.
        format: &'static str,
        /// Line where the unfinished event starts.
        line: u64,
    },
    /// A container (zip, gzip) or one of its members broke a limit, is encrypted or corrupt;
    /// the other members were scanned.
    #[error("{0}")]
    Container(#[from] ContainerError),
    /// A binary event log whose header cannot be read.
    #[error("{0}")]
    Evtx(String),
    /// A line of a registry dump that cannot be read; the other values were audited.
    #[error("registry dump, line {line}: {message}")]
    Registry {
        /// 1-based line (0 for the whole dump).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// An NPS Security event without documented fields; it was kept with what it has.
    #[error("event {event_id} at line {line} lacks {missing}; it was kept with the fields it has")]
    NpsEvent {
        /// Line where the event starts.
        line: u64,
        /// 6272, 6273 or 6274.
        event_id: u32,
        /// The missing fields, comma-separated.
        missing: String,
    },
    /// The CSV export is malformed; the records before the problem were scanned.
    #[error("malformed CSV{}: {message}; the records before it were scanned", line.map(|l| format!(" at line {l}")).unwrap_or_default())]
    Csv {
        /// Line of the problem.
        line: Option<u64>,
        /// The parser's message.
        message: String,
    },
}

/// Finds codes and messages in logs. Build it once ([`Scanner::shared`]) and reuse it.
#[derive(Debug)]
pub struct Scanner {
    matcher: Matcher,
    read_size: usize,
    /// Threads for one large file; 0 lets the scanner choose.
    threads: usize,
    chunk_size: usize,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new()
    }
}

/// How many bytes a scan reads at a time by default.
pub const DEFAULT_READ_SIZE: usize = 256 * 1024;
/// How many bytes are looked at to recognise an input's format and encoding.
const SNIFF_BYTES: usize = 16 * 1024;

impl Scanner {
    /// Builds a scanner: the patterns are derived from the catalog.
    #[must_use]
    pub fn new() -> Scanner {
        Scanner {
            matcher: Matcher::new(),
            read_size: DEFAULT_READ_SIZE,
            threads: 0,
            chunk_size: DEFAULT_CHUNK_SIZE,
        }
    }

    /// The scanner shared by [`scan_str`], [`scan_reader`] and [`scan_path`], built on first use.
    #[must_use]
    pub fn shared() -> &'static Scanner {
        static SHARED: OnceLock<Scanner> = OnceLock::new();
        SHARED.get_or_init(Scanner::new)
    }

    /// Reads `bytes` at a time (at least 1). Findings do not depend on it; memory does.
    #[must_use]
    pub fn with_read_size(mut self, bytes: usize) -> Scanner {
        self.read_size = bytes.max(1);
        self
    }

    /// Scans a large file ([`Scanner::scan_file`], [`Scanner::scan_path`]) on up to `threads`
    /// threads: 0 (the default) gives one per core, up to 8; 1 scans on the calling thread
    /// only; more than 64 counts as 64. Findings, their order and line numbers do not depend
    /// on it.
    #[must_use]
    pub fn with_threads(mut self, threads: usize) -> Scanner {
        self.threads = threads;
        self
    }

    /// When several threads scan one file, each takes about `bytes` at a time (at least 4 KiB;
    /// [`DEFAULT_CHUNK_SIZE`] by default), and a file shorter than two chunks is scanned on
    /// one thread. Findings do not depend on it; memory grows with it.
    #[must_use]
    pub fn with_chunk_size(mut self, bytes: usize) -> Scanner {
        self.chunk_size = bytes.max(4096);
        self
    }

    /// Scans an open file from its first byte (a pipe from where it is), calling `sink` with
    /// each finding in input order; `name` is what findings give as their `file`. A large
    /// plain-text log is scanned on several threads ([`Scanner::with_threads`]) with the same
    /// findings as on one.
    ///
    /// # Errors
    ///
    /// As [`Scanner::scan_reader`].
    pub fn scan_file(
        &self,
        file: &File,
        name: Option<&str>,
        mut sink: impl FnMut(Finding),
    ) -> Result<InputSummary, ScanError> {
        let Some(plan) = self.plan(file) else {
            let mut reader = file;
            // A pipe cannot go back: it is read from where it is.
            let _ = io::Seek::rewind(&mut reader);
            return self.scan_reader(reader, name, sink);
        };
        self.scan_chunks(file, plan, name.map(Arc::from), &mut sink)
            .map_err(|kind| ScanError {
                path: name.map(PathBuf::from),
                kind,
            })
    }

    /// Scans text in memory.
    #[must_use]
    pub fn scan_str(&self, text: &str) -> Vec<Finding> {
        let mut findings = vec![];
        // Reading from memory cannot fail.
        let _ = self.scan_reader(text.as_bytes(), None, |f| findings.push(f));
        findings
    }

    /// Scans one input as it streams in, calling `sink` with each finding in input order.
    /// `name` is what findings give as their `file`.
    ///
    /// # Errors
    ///
    /// A read error, a binary `.evtx` file, or a malformed XML or CSV export. The findings
    /// before the problem have already been passed to `sink`.
    pub fn scan_reader<R: Read>(
        &self,
        reader: R,
        name: Option<&str>,
        mut sink: impl FnMut(Finding),
    ) -> Result<InputSummary, ScanError> {
        let path = name.map(PathBuf::from);
        self.scan_input(reader, name.map(Arc::from), &mut sink, 0)
            .map_err(|kind| ScanError { path, kind })
    }

    /// Scans one input from its start, reporting the events that start at `report_from` or
    /// later (in decoded bytes).
    fn scan_input<R: Read>(
        &self,
        mut reader: R,
        file: Option<Arc<str>>,
        sink: &mut dyn FnMut(Finding),
        report_from: u64,
    ) -> Result<InputSummary, ScanErrorKind> {
        let raw_head = read_head(&mut reader, SNIFF_BYTES)?;
        if evtx::is_evtx(&raw_head) {
            return Err(ScanErrorKind::BinaryEventLog);
        }
        let raw = Cursor::new(raw_head).chain(reader);
        // Encoding is judged chunk by chunk; UTF-8 without zero bytes (most logs) is passed
        // through as it is.
        let mut decoded = decode::ChunkDecoder::new(raw);
        let head = read_head(&mut decoded, SNIFF_BYTES)?;
        let format = detect(&head);
        let mut notes = vec![];
        if file.as_deref().is_some_and(named_evtx) {
            notes.push(NOT_EVTX_NOTE.to_owned());
        }
        let input = Cursor::new(head).chain(decoded);
        let bytes = self.dispatch(input, format, file, sink, &mut notes, report_from)?;
        Ok(InputSummary {
            format,
            bytes,
            notes,
        })
    }

    /// Scans decoded input as `format`; a structured reader that stops hands the rest to the
    /// text scan.
    fn dispatch<R: Read>(
        &self,
        input: R,
        format: InputFormat,
        file: Option<Arc<str>>,
        sink: &mut dyn FnMut(Finding),
        notes: &mut Vec<String>,
        report_from: u64,
    ) -> Result<u64, ScanErrorKind> {
        let (matcher, read_size) = (&self.matcher, self.read_size);
        let ending = match format {
            InputFormat::Xml => {
                xml_export::scan_xml(matcher, input, read_size, file.clone(), sink, notes)?
            }
            InputFormat::Csv => {
                csv_export::scan_csv(matcher, input, read_size, file.clone(), sink)?
            }
            InputFormat::PlainText
            | InputFormat::EventViewerText
            | InputFormat::WevtutilText
            | InputFormat::EventDetailsText
            | InputFormat::Evtx
            | InputFormat::Registry
            | InputFormat::SecurityEvents
            | InputFormat::Binary => {
                let layout = match format {
                    InputFormat::EventViewerText => Layout::EventViewer,
                    InputFormat::WevtutilText => Layout::Wevtutil,
                    InputFormat::EventDetailsText => Layout::Details,
                    _ => Layout::Plain,
                };
                let origin = text::Origin {
                    report_from,
                    ..text::Origin::START
                };
                let end = text::scan(matcher, input, layout, file, read_size, origin, sink, notes)?;
                return Ok(end.offset);
            }
        };
        match ending {
            Ending::Complete(bytes) => Ok(bytes),
            Ending::Rest(rest) => {
                let input = Cursor::new(rest.replay).chain(rest.reader);
                let origin = text::Origin {
                    offset: rest.offset,
                    line: rest.line,
                    report_from,
                };
                let end = text::scan(
                    matcher,
                    input,
                    Layout::Plain,
                    file,
                    read_size,
                    origin,
                    sink,
                    notes,
                )?;
                match rest.why {
                    Ok(error) => Err(error),
                    Err(note) => {
                        notes.push(note);
                        Ok(end.offset)
                    }
                }
            }
        }
    }

    /// Scans a file, or every file under a folder (recursively, in name order), calling
    /// `sink` with each finding. Inputs that cannot be scanned are returned, and the others are
    /// still scanned.
    pub fn scan_path(&self, path: &Path, mut sink: impl FnMut(Finding)) -> Vec<ScanError> {
        let mut errors = vec![];
        for file in files_under(path, &mut errors) {
            let name = file.display().to_string();
            let result = File::open(&file)
                .map_err(|e| ScanError {
                    path: Some(file.clone()),
                    kind: e.into(),
                })
                .and_then(|f| self.scan_file(&f, Some(&name), &mut sink));
            if let Err(error) = result {
                errors.push(error);
            }
        }
        errors
    }
}

/// Every file under `path` (the path itself if it is a file), in name order. Links to files
/// are followed; links to folders inside a folder are not, so a link loop cannot recurse
/// forever. FIFOs, sockets and devices found inside a folder are left out (reading one could
/// wait forever); see [`walk`] to learn which.
pub fn files_under(path: &Path, errors: &mut Vec<ScanError>) -> Vec<PathBuf> {
    walk(path, errors, &mut vec![])
}

/// [`files_under`], also giving in `skipped` the FIFOs, sockets and devices (or links to them)
/// left out of a folder. `path` itself is always given back, whatever it is: a FIFO named
/// explicitly is read.
pub fn walk(path: &Path, errors: &mut Vec<ScanError>, skipped: &mut Vec<PathBuf>) -> Vec<PathBuf> {
    let mut files = vec![];
    let mut pending = vec![path.to_path_buf()];
    while let Some(next) = pending.pop() {
        match std::fs::metadata(&next) {
            Ok(meta) if meta.is_dir() => match std::fs::read_dir(&next) {
                Ok(entries) => {
                    let linked_folder = |e: &std::fs::DirEntry| {
                        e.file_type().is_ok_and(|t| t.is_symlink()) && e.path().is_dir()
                    };
                    let mut children: Vec<PathBuf> = entries
                        .filter_map(Result::ok)
                        .filter(|e| !linked_folder(e))
                        .map(|e| e.path())
                        .collect();
                    children.sort();
                    pending.extend(children.into_iter().rev());
                }
                Err(error) => errors.push(ScanError {
                    path: Some(next),
                    kind: error.into(),
                }),
            },
            Ok(meta) if !meta.is_file() && next != path => skipped.push(next),
            Ok(_) => files.push(next),
            Err(error) => errors.push(ScanError {
                path: Some(next),
                kind: error.into(),
            }),
        }
    }
    files
}

/// The note for a file named `.evtx` that is read as text.
const NOT_EVTX_NOTE: &str =
    "named .evtx but not a Windows event log (no ElfFile signature): scanned as text";

/// True for a name ending in `.evtx`, in any case.
fn named_evtx(name: &str) -> bool {
    name.len() >= 5 && name.as_bytes()[name.len() - 5..].eq_ignore_ascii_case(b".evtx")
}

fn read_head(reader: &mut impl Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(limit);
    reader.take(limit as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// Recognises the format from the first decoded bytes.
fn detect(head: &[u8]) -> InputFormat {
    let trimmed = head.trim_ascii_start();
    if trimmed.starts_with(b"<?xml")
        || trimmed.starts_with(b"<Events")
        || trimmed.starts_with(b"<Event ")
        || trimmed.starts_with(b"<Event>")
    {
        return InputFormat::Xml;
    }
    let first_line = trimmed.split(|b| *b == b'\n').next().unwrap_or(b"");
    if first_line.starts_with(b"#TYPE") {
        return InputFormat::Csv;
    }
    // A header row: its fields (not words inside them) name the columns. A log line that merely
    // mentions "Message" and "Identity" next to a comma is not one.
    let header = csv_export::header_fields(first_line);
    let has = |names: &[&str]| {
        header
            .iter()
            .any(|f| names.iter().any(|n| f.eq_ignore_ascii_case(n.as_bytes())))
    };
    if header.len() >= 2 && has(&["Message"]) && has(&["TimeCreated", "Id", "EventID"]) {
        return InputFormat::Csv;
    }
    match Layout::detect(head) {
        Layout::Wevtutil => InputFormat::WevtutilText,
        Layout::Details => InputFormat::EventDetailsText,
        Layout::EventViewer => InputFormat::EventViewerText,
        Layout::Plain => InputFormat::PlainText,
    }
}

/// Decodes bytes as the scanner reads its inputs: UTF-8, or UTF-16 (little- or big-endian) with
/// or without a byte-order mark; a leading byte-order mark is dropped. For text a person pipes
/// or posts (`explain -` from Windows PowerShell, a dashboard's request body).
///
/// ```
/// use nps_mfa_errors::scan::decode_text;
///
/// let utf16le: Vec<u8> = "STS_URL\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
/// let utf16be: Vec<u8> = "STS_URL".encode_utf16().flat_map(u16::to_be_bytes).collect();
/// for bytes in [
///     b"STS_URL".to_vec(),
///     b"\xEF\xBB\xBFSTS_URL".to_vec(),
///     [&[0xFF, 0xFE][..], &utf16le].concat(),
///     utf16le.clone(),
///     [&[0xFE, 0xFF][..], &utf16be].concat(),
/// ] {
///     assert_eq!(decode_text(&bytes).trim(), "STS_URL", "{bytes:?}");
/// }
/// ```
#[must_use]
pub fn decode_text(bytes: &[u8]) -> String {
    let text = sniff::decode_head(bytes);
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// Scans text in memory with the shared scanner.
///
/// ```
/// let findings = nps_mfa_errors::scan::scan_str("ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 SOMETHING_NEW Msg:: x");
/// assert_eq!(findings[0].code.as_str(), "SOMETHING_NEW");
/// assert!(!findings[0].is_documented());
/// ```
#[must_use]
pub fn scan_str(text: &str) -> Vec<Finding> {
    Scanner::shared().scan_str(text)
}

/// Scans one input as it streams in with the shared scanner; see [`Scanner::scan_reader`].
///
/// # Errors
///
/// As [`Scanner::scan_reader`].
pub fn scan_reader<R: Read>(
    reader: R,
    name: Option<&str>,
    sink: impl FnMut(Finding),
) -> Result<InputSummary, ScanError> {
    Scanner::shared().scan_reader(reader, name, sink)
}

/// Scans a file or a folder with the shared scanner; see [`Scanner::scan_path`].
pub fn scan_path(path: &Path, sink: impl FnMut(Finding)) -> Vec<ScanError> {
    Scanner::shared().scan_path(path, sink)
}
