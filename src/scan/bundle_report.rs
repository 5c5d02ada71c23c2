//! What a scan gathers besides the extension's findings — the configuration audit, the NPS
//! decisions, one story per user, the binary files read or skipped — and the whole
//! `scan --summary-json` document, which the CLI and the server's `POST /api/v1/scan` both
//! build here (the document needs feature `serde`).
//!
//! ```
//! use nps_mfa_errors::scan::bundle_report::triage_file;
//! use nps_mfa_errors::scan::BundleOptions;
//!
//! let bundle = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/support-bundle/20261120-092000_NpsLogging.zip");
//! let triage = triage_file(bundle.as_ref(), "NpsLogging.zip", BundleOptions::default());
//! assert!(!triage.extras.config.is_empty());
//! assert!(!triage.extras.nps.is_empty());
//! assert_eq!(triage.report.codes(), 4);
//! ```

use std::path::Path;

use super::report::{FileTotal, Report};
use super::{
    BundleOptions, BundleScan, ConfigRecord, InputFormat, InputOutcome, NpsEvent, Record,
    ScanError, Scanner, Timeline,
};

/// What a bundle scan gave besides the extension's findings.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct BundleReport {
    /// The checked registry values, in the order read.
    pub config: Vec<ConfigRecord>,
    /// The NPS decisions from the Security log, in the order read.
    pub nps: Vec<NpsEvent>,
    /// The events per user.
    pub timeline: Timeline,
    /// Binary event logs read.
    pub event_logs: Vec<EventLog>,
    /// Inputs skipped (binary traces and the like).
    pub skipped: Vec<Skipped>,
}

/// A binary event log (`.evtx`) read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct EventLog {
    /// Its name (`bundle.zip!/member` inside a zip).
    pub file: String,
    /// The event records read from it.
    pub records: u64,
    /// Its damaged parts, one warning each.
    pub warnings: Vec<String>,
}

/// An input listed but not scanned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Skipped {
    /// Its name.
    pub file: String,
    /// Why it was not scanned.
    pub why: String,
}

impl BundleReport {
    /// Takes one record of a bundle scan: an NPS decision or a registry value is kept, an
    /// extension finding goes into the per-user timeline and is given back (for the report, or
    /// to be streamed).
    pub fn add_record(&mut self, record: Record) -> Option<super::Finding> {
        match record {
            Record::Extension(finding) => {
                if let Some(user) = &finding.user {
                    let (code, cid) = (finding.code.as_str(), finding.cid.as_deref());
                    let (time, file) = (finding.time, finding.file.as_ref());
                    let computer = finding.computer.as_deref();
                    self.timeline
                        .add_extension(user, code, time, cid, file, computer);
                }
                Some(finding)
            }
            Record::Nps(event) => {
                self.timeline.add_nps(&event);
                self.nps.push(*event);
                None
            }
            Record::Config(config) => {
                self.config.push(config);
                None
            }
        }
    }

    /// Takes one input a bundle scan read (a file or a zip member): a binary event log or a
    /// skipped file is listed; gives back its line of the report.
    pub fn add_input(&mut self, input: InputOutcome) -> FileTotal {
        let Some(summary) = input.summary else {
            return FileTotal::unreadable(input.name, input.records);
        };
        match summary.format {
            InputFormat::Evtx => self.event_logs.push(EventLog {
                file: input.name.clone(),
                records: input.events.unwrap_or(0),
                warnings: summary.notes.clone(),
            }),
            InputFormat::Binary => self.skipped.push(Skipped {
                file: input.name.clone(),
                why: summary.notes.join(" "),
            }),
            _ => {}
        }
        FileTotal::scanned(input.name, summary, input.records)
    }
}

/// A whole scan's results: the grouped findings, the bundle report, the errors.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Triage {
    /// The findings, grouped by code, and the inputs.
    pub report: Report,
    /// The configuration audit, NPS decisions, stories and binary files.
    pub extras: BundleReport,
    /// What could not be read (the rest was).
    pub errors: Vec<ScanError>,
    /// Events dropped as copies of one seen before.
    pub duplicates: u64,
}

/// Scans one file — a log, an export, a registry dump, an `.evtx`, a zip or gzip bundle — as
/// `scan FILE` does, naming it `name` in the report (findings inside a zip are
/// `name!/member`).
#[must_use]
pub fn triage_file(path: &Path, name: &str, options: BundleOptions) -> Triage {
    let mut triage = Triage::default();
    let mut bundle = BundleScan::new(Scanner::shared(), options);
    let (report, extras) = (&mut triage.report, &mut triage.extras);
    bundle.scan_file_named(path, name, &mut |record| {
        if let Some(finding) = extras.add_record(record) {
            report.add(finding);
        }
    });
    for input in std::mem::take(&mut bundle.inputs) {
        let file = triage.extras.add_input(input);
        triage.report.add_file(file);
    }
    triage.errors = bundle.errors;
    triage.duplicates = bundle.duplicates;
    triage
}

#[cfg(feature = "serde")]
pub use document::{LinkedNps, StoryRecord, SummaryDocument};

#[cfg(feature = "serde")]
mod document {
    use serde::ser::SerializeMap;
    use serde::{Serialize, Serializer};

    use super::{BundleReport, EventLog, Skipped, Triage};
    use crate::scan::report::Summary;
    use crate::scan::{ConfigRecord, NpsEvent, StoryKind, UserStory};

    /// `scan --summary-json`: the report's summary (`codes`, `errors`, `files`, `findings`,
    /// `undocumented_not_kept`), then `nps`, `config`, `event_logs`, `skipped`,
    /// `timeline_not_kept`, `timeline` and `duplicates`.
    #[derive(Debug, Clone, Serialize)]
    #[non_exhaustive]
    pub struct SummaryDocument {
        /// The findings grouped by code, the inputs and the errors.
        #[serde(flatten)]
        pub summary: Summary,
        /// The NPS decisions, each with the extension finding a reason-21 denial links to.
        pub nps: Vec<LinkedNps>,
        /// The configuration audit.
        pub config: Vec<ConfigRecord>,
        /// Binary event logs read.
        pub event_logs: Vec<EventLog>,
        /// Inputs skipped.
        pub skipped: Vec<Skipped>,
        /// Timeline events counted but not kept.
        pub timeline_not_kept: u64,
        /// One story per user.
        #[serde(serialize_with = "stories")]
        pub timeline: Vec<UserStory>,
        /// Events dropped as copies of one seen before.
        pub duplicates: u64,
    }

    /// An NPS decision and the extension finding (its code) it links to, if any.
    #[derive(Debug, Clone, Serialize)]
    #[non_exhaustive]
    pub struct LinkedNps {
        /// The decision.
        #[serde(flatten)]
        pub event: NpsEvent,
        /// The code of the extension's finding for the same user close in time (reason 21).
        pub extension: Option<String>,
    }

    impl BundleReport {
        /// Each NPS decision with the code it links to, as `scan --json` writes them.
        #[must_use]
        pub fn linked_nps(&self) -> Vec<LinkedNps> {
            self.nps
                .iter()
                .map(|event| LinkedNps {
                    extension: self.timeline.link_for(event),
                    event: event.clone(),
                })
                .collect()
        }

        /// The whole `--summary-json` document: `summary` and this report.
        #[must_use]
        pub fn document(self, summary: Summary, duplicates: u64) -> SummaryDocument {
            let nps = self
                .nps
                .into_iter()
                .map(|event| LinkedNps {
                    extension: self.timeline.link_for(&event),
                    event,
                })
                .collect();
            SummaryDocument {
                summary,
                nps,
                config: self.config,
                event_logs: self.event_logs,
                skipped: self.skipped,
                timeline_not_kept: self.timeline.dropped(),
                timeline: self.timeline.finish(),
                duplicates,
            }
        }
    }

    impl Triage {
        /// The `--summary-json` document of this scan.
        #[must_use]
        pub fn document(self) -> SummaryDocument {
            let summary = self.report.summary(&self.errors);
            self.extras.document(summary, self.duplicates)
        }
    }

    fn stories<S: Serializer>(stories: &[UserStory], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(stories.iter().map(StoryRecord))
    }

    /// One user's story as JSON: `user`, `aliases`, `events` (`time`, `cid`, `file`, `kind`,
    /// then `code`, or `event_id`, `reason_code` and `extension`), `reading`.
    #[derive(Debug, Clone, Copy)]
    pub struct StoryRecord<'a>(pub &'a UserStory);

    impl Serialize for StoryRecord<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let story = self.0;
            let mut map = serializer.serialize_map(Some(4))?;
            map.serialize_entry("user", &story.user)?;
            map.serialize_entry("aliases", &story.aliases)?;
            let events: Vec<StoryEventRecord<'_>> =
                story.events.iter().map(StoryEventRecord).collect();
            map.serialize_entry("events", &events)?;
            map.serialize_entry("reading", &story.reading)?;
            map.end()
        }
    }

    struct StoryEventRecord<'a>(&'a crate::scan::StoryEvent);

    impl Serialize for StoryEventRecord<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let event = self.0;
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("time", &event.time.map(|t| t.to_string()))?;
            map.serialize_entry("cid", &event.cid)?;
            map.serialize_entry("file", &event.file.as_deref())?;
            match &event.kind {
                StoryKind::Extension { code } => {
                    map.serialize_entry("kind", "extension")?;
                    map.serialize_entry("code", code)?;
                }
                StoryKind::Nps {
                    event_id,
                    reason_code,
                    linked,
                } => {
                    map.serialize_entry("kind", "nps")?;
                    map.serialize_entry("event_id", event_id)?;
                    map.serialize_entry("reason_code", reason_code)?;
                    map.serialize_entry("extension", linked)?;
                }
            }
            map.end()
        }
    }
}
