//! Support bundles: what the health-check script collects (`C:\NPS\<timestamp>_NpsLogging.zip`)
//! read as one: zip and gzip containers opened as folders, binary event logs (`.evtx`) read
//! natively, registry dumps audited, Security exports read for NPS decisions, everything else
//! scanned for the extension's codes. Traces (`.etl`), cabinets and other binaries are listed as
//! skipped, never scanned as text. The same event in two exports counts once.
//!
//! ```no_run
//! use nps_mfa_errors::scan::{BundleOptions, BundleScan, Record, Scanner};
//!
//! let mut scan = BundleScan::new(Scanner::shared(), BundleOptions::default());
//! scan.scan_path("C:\\NPS\\20261120_NpsLogging.zip".as_ref(), &mut |record| {
//!     if let Record::Config(config) = record {
//!         println!("{} {}: {}", config.verdict.as_str(), config.setting, config.message);
//!     }
//! });
//! for error in &scan.errors {
//!     eprintln!("{error}");
//! }
//! ```

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use jiff::tz::Offset;

use super::config_audit::{audit_registry, ConfigRecord};
use super::container::{
    container_error, each_zip_member, gzip_member_name, is_gzip, is_zip, spool, Budget,
    ContainerError, ContainerLimits, Guarded,
};
use super::dedup::{Dedup, EventIdentity};
use super::evtx::{is_evtx, read_evtx, EvtxRecord};
use super::registry::{is_registry_dump, parse_registry};
use super::security::NpsEvent;
use super::security_export::{is_security_export, scan_security, NpsResult};
use super::sniff::{binary_kind, decode_head, decoder, peek, record_scanner, Source};
use super::time::{DateOrder, EventTime};
use super::{files_under, Finding, InputFormat, InputSummary, ScanError, ScanErrorKind, Scanner};

/// One record of a bundle scan, as `scan --json` writes it (its `kind`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Record {
    /// A code or message of the NPS extension (`"extension"`).
    Extension(Finding),
    /// An NPS decision from the Security log (`"nps"`).
    Nps(Box<NpsEvent>),
    /// A checked registry value (`"config"`).
    Config(ConfigRecord),
}

impl Record {
    /// `extension`, `nps` or `config`.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Record::Extension(_) => "extension",
            Record::Nps(_) => "nps",
            Record::Config(_) => "config",
        }
    }
}

/// How a bundle is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BundleOptions {
    /// Limits on what containers may unpack.
    pub limits: ContainerLimits,
    /// The offset of the machine's local time (`--utc-offset`): local times become UTC.
    pub utc_offset: Option<Offset>,
}

impl BundleOptions {
    /// With the offset of the machine that wrote the logs.
    #[must_use]
    pub fn with_utc_offset(mut self, offset: Option<Offset>) -> BundleOptions {
        self.utc_offset = offset;
        self
    }

    /// With other container limits.
    #[must_use]
    pub fn with_limits(mut self, limits: ContainerLimits) -> BundleOptions {
        self.limits = limits;
        self
    }
}

/// What one input (a file, or a member of a container) gave.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InputOutcome {
    /// `path`, or `bundle.zip!/member`.
    pub name: String,
    /// How it was read; `None` when it could not be.
    pub summary: Option<InputSummary>,
    /// Records it gave (after de-duplication).
    pub records: u64,
    /// For a binary event log: the event records read from it (whatever they hold).
    pub events: Option<u64>,
}

/// A bundle scan in progress: feed it files, folders or streams; it remembers the events seen
/// (to count each once), the inputs read and the errors.
#[derive(Debug)]
pub struct BundleScan<'s> {
    scanner: &'s Scanner,
    options: BundleOptions,
    dedup: Dedup,
    /// How the input being read writes slashed dates, when its first bytes show it.
    date_order: Option<DateOrder>,
    /// Every input read, in order.
    pub inputs: Vec<InputOutcome>,
    /// Inputs (or members, or events) that could not be read in full; the rest were.
    pub errors: Vec<ScanError>,
    /// Events dropped as copies of an event seen before.
    pub duplicates: u64,
}

/// A registry dump bigger than this is not a dump.
const MAX_REGISTRY_BYTES: u64 = 16 << 20;

impl<'s> BundleScan<'s> {
    /// A new scan.
    #[must_use]
    pub fn new(scanner: &'s Scanner, options: BundleOptions) -> BundleScan<'s> {
        BundleScan {
            scanner,
            options,
            dedup: Dedup::default(),
            date_order: None,
            inputs: vec![],
            errors: vec![],
            duplicates: 0,
        }
    }

    /// Scans a file, or every file under a folder, in name order.
    pub fn scan_path(&mut self, path: &Path, sink: &mut dyn FnMut(Record)) {
        let mut errors = vec![];
        for file in files_under(path, &mut errors) {
            self.scan_file(&file, sink);
        }
        self.errors.extend(errors);
    }

    /// Scans one file (a zip or an `.evtx` is read in place, without a copy).
    pub fn scan_file(&mut self, path: &Path, sink: &mut dyn FnMut(Record)) {
        self.scan_file_named(path, &path.display().to_string(), sink);
    }

    /// Scans one file, naming it `name` in findings and outcomes (an upload spooled to a
    /// temporary file keeps the name it was sent with).
    pub fn scan_file_named(&mut self, path: &Path, name: &str, sink: &mut dyn FnMut(Record)) {
        let name = name.to_owned();
        match File::open(path).and_then(|f| f.metadata().map(|m| (f, m.len()))) {
            Ok((file, size)) => self.dispatch(name, Source::File(file, size), 0, None, sink),
            Err(error) => self.fail(&name, error.into()),
        }
    }

    /// Scans a stream (standard input, a download); a zip or `.evtx` in it is spooled to a
    /// temporary file.
    pub fn scan_reader(&mut self, reader: &mut dyn Read, name: &str, sink: &mut dyn FnMut(Record)) {
        self.dispatch(
            name.to_owned(),
            Source::Stream(Box::new(reader), 0),
            0,
            None,
            sink,
        );
    }

    fn fail(&mut self, name: &str, kind: ScanErrorKind) {
        let kind = match kind {
            ScanErrorKind::Io(error) => match container_error(&error) {
                Some(limit) => ScanErrorKind::Container(limit),
                // A member that stops reading is damaged, not a permissions problem.
                None if name.contains("!/") => {
                    ScanErrorKind::Container(ContainerError::Corrupt(error.to_string()))
                }
                None => ScanErrorKind::Io(error),
            },
            kind => kind,
        };
        self.errors.push(ScanError {
            path: Some(name.into()),
            kind,
        });
    }

    fn done(
        &mut self,
        name: String,
        format: InputFormat,
        bytes: u64,
        notes: Vec<String>,
        records: u64,
    ) {
        let summary = InputSummary {
            format,
            bytes,
            notes,
        };
        self.inputs.push(InputOutcome {
            name,
            summary: Some(summary),
            records,
            events: None,
        });
    }

    fn dispatch<'r>(
        &mut self,
        name: String,
        source: Source<'r>,
        depth: u8,
        budget: Option<&Budget>,
        sink: &mut dyn FnMut(Record),
    ) {
        let (head, source) = match peek(source) {
            Ok(peeked) => peeked,
            Err(error) => return self.fail(&name, error.into()),
        };
        let lower = name.to_ascii_lowercase();
        if is_zip(&head) || is_gzip(&head) {
            if depth >= self.options.limits.max_depth {
                let limit = self.options.limits.max_depth;
                return self.fail(
                    &name,
                    ScanErrorKind::Container(ContainerError::Depth { limit }),
                );
            }
            let own = Budget::new(self.options.limits);
            let budget = budget.unwrap_or(&own);
            return if is_zip(&head) {
                self.open_zip(name, source, depth, budget, sink)
            } else {
                self.open_gzip(name, source, depth, budget, sink)
            };
        }
        // A file named as an archive that is not one (an HTML error page saved as .zip) would
        // otherwise be read as text, and its logs silently missed.
        let archive_name = [".zip", ".gz", ".tgz"]
            .iter()
            .any(|ext| lower.ends_with(ext));
        if archive_name && !head.is_empty() {
            return self.fail(
                &name,
                ScanErrorKind::Container(ContainerError::Unreadable(
                    "named as a zip or gzip archive, but its first bytes are not one's".to_owned(),
                )),
            );
        }
        if is_evtx(&head) {
            return self.evtx(name, source, sink);
        }
        if let Some(why) = binary_kind(&lower, &head) {
            let bytes = match &source {
                Source::File(_, size) | Source::Stream(_, size) => *size,
            };
            return self.done(name, InputFormat::Binary, bytes, vec![why.to_owned()], 0);
        }
        let text_head = decode_head(&head);
        let registry = is_registry_dump(&text_head);
        if !registry && !is_security_export(&text_head) {
            // An export from a day-first locale shows it in its first dates (`20/11/2026`).
            self.date_order = DateOrder::infer(&text_head);
            return self.extension_log(name, source, sink);
        }
        let reader: Box<dyn Read + 'r> = match source {
            Source::File(file, _) => Box::new(file),
            Source::Stream(stream, _) => stream,
        };
        if registry {
            self.registry(name, reader, &head, sink);
        } else {
            self.security(name, reader, &head, &text_head, sink);
        }
    }

    fn open_zip(
        &mut self,
        name: String,
        source: Source<'_>,
        depth: u8,
        budget: &Budget,
        sink: &mut dyn FnMut(Record),
    ) {
        let file = match source {
            Source::File(file, _) => file,
            Source::Stream(mut stream, _) => match spool(&mut stream) {
                Ok(file) => file,
                Err(error) => return self.fail(&name, error.into()),
            },
        };
        let mut failures = vec![];
        let result = each_zip_member(
            file,
            &name,
            budget,
            &mut |info, reader| {
                let guarded = Guarded::new(reader, budget, Some(info.size), info.compressed);
                let source = Source::Stream(Box::new(guarded), info.size);
                self.dispatch(info.name.clone(), source, depth + 1, Some(budget), sink);
            },
            &mut |member, error| failures.push((member, error)),
        );
        for (member, error) in failures {
            self.fail(&member, ScanErrorKind::Container(error));
        }
        if let Err(error) = result {
            self.fail(&name, ScanErrorKind::Container(error));
        }
    }

    fn open_gzip(
        &mut self,
        name: String,
        source: Source<'_>,
        depth: u8,
        budget: &Budget,
        sink: &mut dyn FnMut(Record),
    ) {
        let (reader, size): (Box<dyn Read + '_>, u64) = match source {
            Source::File(file, size) => (Box::new(file), size),
            Source::Stream(stream, size) => (stream, size),
        };
        // Unknown compressed size (a stream): only the total limit applies.
        let compressed = if size == 0 { u64::MAX / 2 } else { size };
        let decoder = flate2::read::MultiGzDecoder::new(reader);
        let guarded = Guarded::new(decoder, budget, None, compressed);
        let inner = gzip_member_name(&name);
        self.dispatch(
            inner,
            Source::Stream(Box::new(guarded), 0),
            depth + 1,
            Some(budget),
            sink,
        );
    }

    fn evtx(&mut self, name: String, source: Source<'_>, sink: &mut dyn FnMut(Record)) {
        let (file, size) = match source {
            Source::File(file, size) => (file, size),
            Source::Stream(mut stream, size) => match spool(&mut stream) {
                Ok(file) => (file, size),
                Err(error) => return self.fail(&name, error.into()),
            },
        };
        let file_name: Arc<str> = Arc::from(name.as_str());
        let mut records = 0;
        let result = read_evtx(file, &mut |record| {
            records += self.evtx_record(&file_name, record, sink)
        });
        match result {
            Ok(outcome) => {
                if let Some(why) = outcome.cut_off {
                    self.fail(&name, ScanErrorKind::Evtx(why));
                }
                self.done(name, InputFormat::Evtx, size, outcome.warnings, records);
                if let Some(input) = self.inputs.last_mut() {
                    input.events = Some(outcome.records);
                }
            }
            Err(message) => self.fail(&name, ScanErrorKind::Evtx(message)),
        }
    }

    /// One `.evtx` record: an NPS decision, or the extension's codes through the XML path.
    fn evtx_record(
        &mut self,
        file: &Arc<str>,
        record: EvtxRecord,
        sink: &mut dyn FnMut(Record),
    ) -> u64 {
        let mut records = 0;
        let named = Some(file.clone());
        if record.xml.contains("<EventID>627") {
            let mut nps = vec![];
            let _ =
                super::security_export::scan_xml(&mut record.xml.as_bytes(), &named, &mut |e| {
                    nps.push(e)
                });
            for result in nps {
                records += self.nps(result, sink);
            }
            if records > 0 {
                return records;
            }
        }
        let mut findings = vec![];
        let _ =
            record_scanner().scan_reader(record.xml.as_bytes(), Some(file), |f| findings.push(f));
        for mut finding in findings {
            finding.line = record.id;
            // The XML carries `EventRecordID` and `Computer`; the record's header is the
            // authority for the former.
            finding.record_id = Some(record.id);
            records += self.extension(finding, sink);
        }
        records
    }

    /// Scans an extension log; a file is read in place (a large one on several threads).
    fn extension_log(&mut self, name: String, source: Source<'_>, sink: &mut dyn FnMut(Record)) {
        let scanner = self.scanner;
        let mut findings = 0;
        let mut each = |finding| findings += self.extension(finding, sink);
        let result = match source {
            Source::File(file, _) => scanner.scan_file(&file, Some(&name), &mut each),
            Source::Stream(reader, _) => scanner.scan_reader(reader, Some(&name), &mut each),
        };
        match result {
            Ok(summary) => self.inputs.push(InputOutcome {
                name,
                summary: Some(summary),
                records: findings,
                events: None,
            }),
            Err(error) => {
                self.inputs.push(InputOutcome {
                    name: name.clone(),
                    summary: None,
                    records: findings,
                    events: None,
                });
                self.fail(&name, error.kind);
            }
        }
    }

    /// Passes a finding on unless it is a copy; 1 when passed.
    fn extension(&mut self, mut finding: Finding, sink: &mut dyn FnMut(Record)) -> u64 {
        if let (Some(order @ DateOrder::DayFirst), Some(stamp)) =
            (self.date_order, finding.timestamp.as_deref())
        {
            finding.time = EventTime::parse_in(stamp, order).or(finding.time);
        }
        finding.time = finding.time.map(|t| t.with_offset(self.options.utc_offset));
        let identity = EventIdentity {
            code: finding.code.as_str(),
            channel: finding.channel.as_deref(),
            computer: finding.computer.as_deref(),
            record_id: finding.record_id,
            cid: finding.cid.as_deref(),
            user: finding.user.as_deref(),
            time: finding.time,
            logged: finding.logged.as_deref(),
        };
        if !self.dedup.first(&identity) {
            self.duplicates += 1;
            return 0;
        }
        sink(Record::Extension(finding));
        1
    }

    fn security(
        &mut self,
        name: String,
        reader: Box<dyn Read + '_>,
        head: &[u8],
        text_head: &str,
        sink: &mut dyn FnMut(Record),
    ) {
        let file = Some(Arc::from(name.as_str()));
        let mut decoded = BufReader::new(decoder(reader, head));
        let mut results = 0;
        let outcome = scan_security(&mut decoded, text_head, &file, &mut |result| {
            results += self.nps(result, sink)
        });
        match outcome {
            Ok(bytes) => self.done(name, InputFormat::SecurityEvents, bytes, vec![], results),
            Err(error) => {
                self.inputs.push(InputOutcome {
                    name: name.clone(),
                    summary: None,
                    records: results,
                    events: None,
                });
                self.fail(&name, error.into());
            }
        }
    }

    /// Passes an NPS event on unless it is a copy; an event missing fields is an error and is
    /// still passed on with what it has. 1 when passed.
    fn nps(&mut self, result: NpsResult, sink: &mut dyn FnMut(Record)) -> u64 {
        let mut event = match result {
            Ok(event) => event,
            Err((event, missing)) => {
                let name = event.file.as_deref().unwrap_or("<input>").to_owned();
                let kind = ScanErrorKind::NpsEvent {
                    line: event.line,
                    event_id: event.event_id,
                    missing: missing.join(", "),
                };
                self.fail(&name, kind);
                event
            }
        };
        event.time = event.time.map(|t| t.with_offset(self.options.utc_offset));
        let code = format!("nps:{}", event.event_id);
        let identity = EventIdentity {
            code: &code,
            channel: Some("Security"),
            computer: event.computer.as_deref(),
            record_id: event.record_id,
            cid: None,
            user: event.user(),
            time: event.time,
            logged: None,
        };
        if !self.dedup.first(&identity) {
            self.duplicates += 1;
            return 0;
        }
        sink(Record::Nps(Box::new(event)));
        1
    }

    fn registry(
        &mut self,
        name: String,
        reader: Box<dyn Read + '_>,
        head: &[u8],
        sink: &mut dyn FnMut(Record),
    ) {
        let mut text = String::new();
        let read = decoder(reader, head)
            .take(MAX_REGISTRY_BYTES + 1)
            .read_to_string(&mut text);
        if let Err(error) = read {
            return self.fail(&name, error.into());
        }
        let bytes = text.len() as u64;
        if bytes > MAX_REGISTRY_BYTES {
            let message =
                format!("longer than {MAX_REGISTRY_BYTES} bytes, more than a registry dump can be");
            return self.fail(&name, ScanErrorKind::Registry { line: 0, message });
        }
        let (keys, problems) = parse_registry(&text);
        for problem in problems {
            self.fail(
                &name,
                ScanErrorKind::Registry {
                    line: problem.line,
                    message: problem.message,
                },
            );
        }
        let file: Arc<str> = Arc::from(name.as_str());
        let records = audit_registry(&keys, Some(&file));
        let count = records.len() as u64;
        for record in records {
            sink(Record::Config(record));
        }
        self.done(name, InputFormat::Registry, bytes, vec![], count);
    }
}
