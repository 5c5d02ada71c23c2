//! The grouped report of a scan: findings grouped by code, most frequent first, with who, when
//! and where, and a [`Summary`] document (serializable with the `serde` feature) that the CLI's
//! `--summary-json` writes and that a web page can render.
//!
//! ```
//! use nps_mfa_errors::scan::report::{FileTotal, Report};
//! use nps_mfa_errors::scan::Scanner;
//!
//! let log = "2026-11-20T09:14:03Z ErrorCode:: ESTS_TOKEN_ERROR Msg:: x for User alice@contoso.com\n";
//! let mut report = Report::new();
//! let mut count = 0;
//! let summary = Scanner::shared()
//!     .scan_reader(log.as_bytes(), Some("nps.log"), |finding| {
//!         count += 1;
//!         report.add(finding);
//!     })
//!     .unwrap();
//! report.add_file(FileTotal::scanned("nps.log", summary, count));
//! let (code, group) = report.ordered()[0];
//! assert_eq!(code.as_str(), "ESTS_TOKEN_ERROR");
//! assert_eq!(group.count(), 1);
//! assert_eq!(report.summary(&[]).findings, 1);
//! ```

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::{EventTime, Finding, FoundCode, InputFormat, InputSummary, ScanError};
use crate::{Category, ErrorCode};

/// How many correlation IDs a group keeps (the first ones seen); the rest are counted.
pub const SHOWN_CIDS: usize = 5;
/// How many distinct users, embedded sign-in codes and inputs a group keeps; findings naming
/// others are counted, so memory stays bounded however many distinct values a log holds.
pub const MAX_DISTINCT: usize = 1000;
/// How many distinct undocumented codes the report keeps a group for; findings of others are
/// counted.
pub const MAX_UNDOCUMENTED: usize = 1000;
/// How many distinct correlation IDs a group counts exactly (8 bytes each); beyond that, each
/// further CID-bearing finding counts as one more.
pub const MAX_CID_HASHES: usize = 1 << 16;

/// Findings grouped by code, and what each input gave.
#[derive(Debug, Default)]
pub struct Report {
    groups: BTreeMap<FoundCode, Group>,
    undocumented: usize,
    undocumented_not_kept: u64,
    files: Vec<FileTotal>,
}

/// Distinct values with their counts, at most [`MAX_DISTINCT`]; findings naming a value not
/// kept are counted instead.
#[derive(Debug, Default)]
struct Capped {
    kept: BTreeMap<String, u64>,
    not_kept: u64,
}

impl Capped {
    fn add(&mut self, value: String) {
        if let Some(count) = self.kept.get_mut(&value) {
            *count += 1;
        } else if self.kept.len() < MAX_DISTINCT {
            self.kept.insert(value, 1);
        } else {
            self.not_kept += 1;
        }
    }
}

/// The findings of one code.
#[derive(Debug, Default)]
pub struct Group {
    count: u64,
    first_seen: Option<Seen>,
    last_seen: Option<Seen>,
    users: Capped,
    cids: Vec<String>,
    cid_total: u64,
    /// A hash of each distinct correlation ID seen (8 bytes each, at most [`MAX_CID_HASHES`]),
    /// so repeats of one ID (an event logged on several lines, retries) count once.
    cid_hashes: std::collections::HashSet<u64>,
    aadsts: Capped,
    entries: Vec<usize>,
    files: Capped,
}

/// What one input gave: its name, format, size and number of findings.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FileTotal {
    /// The input's name (a path, or `-` for standard input).
    pub name: String,
    /// The format recognised; `None` when the input could not be read.
    pub format: Option<InputFormat>,
    /// Bytes of text scanned.
    pub bytes: u64,
    /// Findings in this input.
    pub findings: u64,
    /// What the user should know about how it was read ([`InputSummary::notes`]).
    pub notes: Vec<String>,
    /// The name is not valid Unicode: `name` has U+FFFD in place of what could not be shown.
    pub lossy_name: bool,
}

impl FileTotal {
    /// An input scanned to its end.
    #[must_use]
    pub fn scanned(name: impl Into<String>, summary: InputSummary, findings: u64) -> FileTotal {
        FileTotal {
            name: name.into(),
            format: Some(summary.format),
            bytes: summary.bytes,
            findings,
            notes: summary.notes,
            lossy_name: false,
        }
    }

    /// An input that could not be read (or not to its end), with the findings it gave before.
    #[must_use]
    pub fn unreadable(name: impl Into<String>, findings: u64) -> FileTotal {
        FileTotal {
            name: name.into(),
            format: None,
            bytes: 0,
            findings,
            notes: vec![],
            lossy_name: false,
        }
    }
}

impl Report {
    /// An empty report.
    #[must_use]
    pub fn new() -> Report {
        Report::default()
    }

    /// Adds one finding to the group of its code. Past [`MAX_UNDOCUMENTED`] distinct
    /// undocumented codes, a finding of a new one is only counted
    /// ([`undocumented_not_kept`](Report::undocumented_not_kept)).
    pub fn add(&mut self, finding: Finding) {
        if !self.groups.contains_key(&finding.code) && !finding.is_documented() {
            if self.undocumented >= MAX_UNDOCUMENTED {
                self.undocumented_not_kept += 1;
                return;
            }
            self.undocumented += 1;
        }
        let group = self.groups.entry(finding.code.clone()).or_default();
        group.count += 1;
        if let Some(stamp) = finding.timestamp {
            group.saw_time(stamp, finding.time);
        }
        if let Some(user) = finding.user {
            group.users.add(user);
        }
        if let Some(cid) = finding.cid {
            // Past the cap, every further ID counts as new: the count becomes an upper bound
            // and memory stays bounded.
            let full = group.cid_hashes.len() >= MAX_CID_HASHES;
            if full || group.cid_hashes.insert(cid_hash(&cid)) {
                group.cid_total += 1;
            }
            if group.cids.len() < SHOWN_CIDS && !group.cids.contains(&cid) {
                group.cids.push(cid);
            }
        }
        if let Some(code) = finding.aadsts {
            group.aadsts.add(code);
        }
        if let (Some(entry), FoundCode::Documented(code)) = (finding.entry, &finding.code) {
            if let Some(index) = code.entries().iter().position(|e| std::ptr::eq(e, entry)) {
                if !group.entries.contains(&index) {
                    group.entries.push(index);
                }
            }
        }
        if let Some(file) = finding.file {
            group.files.add(file.to_string());
        }
    }

    /// Records what one input gave, in the order inputs were scanned.
    pub fn add_file(&mut self, file: FileTotal) {
        self.files.push(file);
    }

    /// The groups, most frequent first; ties in catalog order, undocumented codes last.
    #[must_use]
    pub fn ordered(&self) -> Vec<(&FoundCode, &Group)> {
        let mut groups: Vec<_> = self.groups.iter().collect();
        groups.sort_by(|a, b| {
            b.1.count
                .cmp(&a.1.count)
                .then_with(|| order_key(a.0).cmp(&order_key(b.0)))
        });
        groups
    }

    /// The inputs, in the order they were added.
    #[must_use]
    pub fn files(&self) -> &[FileTotal] {
        &self.files
    }

    /// All findings added, including those only counted.
    #[must_use]
    pub fn findings(&self) -> u64 {
        self.groups.values().map(|g| g.count).sum::<u64>() + self.undocumented_not_kept
    }

    /// Findings of undocumented codes past the first [`MAX_UNDOCUMENTED`] distinct ones:
    /// counted, without a group of their own.
    #[must_use]
    pub fn undocumented_not_kept(&self) -> u64 {
        self.undocumented_not_kept
    }

    /// How many distinct codes were found.
    #[must_use]
    pub fn codes(&self) -> usize {
        self.groups.len()
    }

    /// True when no finding was added.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.undocumented_not_kept == 0
    }

    /// The report as one document, with the inputs that could not be scanned.
    #[must_use]
    pub fn summary(&self, errors: &[ScanError]) -> Summary {
        Summary {
            codes: self
                .ordered()
                .into_iter()
                .map(|(code, group)| group.summary(code))
                .collect(),
            errors: errors.iter().map(ErrorSummary::from).collect(),
            files: self.files.iter().map(FileSummary::from).collect(),
            findings: self.findings(),
            undocumented_not_kept: self.undocumented_not_kept,
        }
    }
}

impl Group {
    /// Keeps `stamp` as the first or last time seen when `time` (read from it, and made UTC
    /// where the source or the machine's offset allows) is earlier or later than those kept.
    fn saw_time(&mut self, stamp: String, time: Option<EventTime>) {
        let key = time.map(|t| t.on_own_clock().unwrap_or(Timestamp::MIN));
        // `None` (a stamp that is not a time) sorts before every time: it never replaces one.
        let earlier = self
            .first_seen
            .as_ref()
            .is_none_or(|seen| key.is_some() && (seen.key.is_none() || key < seen.key));
        let later = self.last_seen.as_ref().is_none_or(|seen| key >= seen.key);
        let seen = Seen { key, time, stamp };
        if earlier {
            self.first_seen = Some(seen.clone());
        }
        if later {
            self.last_seen = Some(seen);
        }
    }

    /// How many findings the group holds.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The earliest timestamp, as the log wrote it (timestamps that cannot be read as a time
    /// never replace one that can). Times are compared as UTC where the source gives UTC or the
    /// machine's offset is known, and local times (offset unknown) as if they were UTC.
    #[must_use]
    pub fn first_seen(&self) -> Option<&str> {
        self.first_seen.as_ref().map(|seen| seen.stamp.as_str())
    }

    /// The latest timestamp, as the log wrote it.
    #[must_use]
    pub fn last_seen(&self) -> Option<&str> {
        self.last_seen.as_ref().map(|seen| seen.stamp.as_str())
    }

    /// The time of [`first_seen`](Group::first_seen), as read (UTC where known).
    #[must_use]
    pub fn first_time(&self) -> Option<EventTime> {
        self.first_seen.as_ref().and_then(|seen| seen.time)
    }

    /// The time of [`last_seen`](Group::last_seen), as read (UTC where known).
    #[must_use]
    pub fn last_time(&self) -> Option<EventTime> {
        self.last_seen.as_ref().and_then(|seen| seen.time)
    }

    /// The users kept (at most [`MAX_DISTINCT`]) and their finding counts, most findings
    /// first, ties by name.
    #[must_use]
    pub fn users(&self) -> Vec<(&str, u64)> {
        let mut users: Vec<(&str, u64)> = self
            .users
            .kept
            .iter()
            .map(|(u, n)| (u.as_str(), *n))
            .collect();
        users.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        users
    }

    /// Findings naming a user past the first [`MAX_DISTINCT`] distinct ones.
    #[must_use]
    pub fn users_not_kept(&self) -> u64 {
        self.users.not_kept
    }

    /// The first [`SHOWN_CIDS`] distinct correlation IDs seen.
    #[must_use]
    pub fn cids(&self) -> &[String] {
        &self.cids
    }

    /// How many distinct correlation IDs the findings carried (kept or not), in any case.
    #[must_use]
    pub fn cid_total(&self) -> u64 {
        self.cid_total
    }

    /// The embedded sign-in error codes (`AADSTS…`) kept, in order.
    pub fn aadsts(&self) -> impl Iterator<Item = &str> {
        self.aadsts.kept.keys().map(String::as_str)
    }

    /// Indexes into the code's [`entries`](ErrorCode::entries) that findings matched, in the
    /// order first seen.
    #[must_use]
    pub fn entries(&self) -> &[usize] {
        &self.entries
    }

    /// The inputs the code was found in (the first [`MAX_DISTINCT`]), in name order.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.kept.keys().map(String::as_str)
    }

    fn summary(&self, code: &FoundCode) -> CodeSummary {
        let documented = code.documented();
        CodeSummary {
            aadsts: self.aadsts.kept.keys().cloned().collect(),
            category: documented.map(ErrorCode::category),
            cids: self.cids.clone(),
            code: code.as_str().to_owned(),
            count: self.count,
            documented: documented.is_some(),
            entries: self.entries.clone(),
            files: self.files.kept.keys().cloned().collect(),
            first_seen: self.first_seen().map(str::to_owned),
            last_seen: self.last_seen().map(str::to_owned),
            summary: documented.map(ErrorCode::summary),
            users: self
                .users()
                .into_iter()
                .map(|(user, count)| UserCount {
                    count,
                    user: user.to_owned(),
                })
                .collect(),
            users_not_kept: self.users.not_kept,
        }
    }
}

/// The whole report as one document (what `scan --summary-json` writes). Fields are in name
/// order, as the JSON has them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Summary {
    /// One entry per code, most frequent first.
    pub codes: Vec<CodeSummary>,
    /// The inputs that could not be scanned (or not to their end).
    pub errors: Vec<ErrorSummary>,
    /// One entry per input, in scan order.
    pub files: Vec<FileSummary>,
    /// All findings.
    pub findings: u64,
    /// Findings of undocumented codes that have no entry in `codes` (past the first
    /// [`MAX_UNDOCUMENTED`] distinct ones).
    pub undocumented_not_kept: u64,
}

/// One code of a [`Summary`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CodeSummary {
    /// Embedded sign-in error codes (`AADSTS…`).
    pub aadsts: Vec<String>,
    /// The code's category; `None` when undocumented.
    pub category: Option<Category>,
    /// The first correlation IDs seen (at most [`SHOWN_CIDS`]).
    pub cids: Vec<String>,
    /// The code, as the catalog writes it or as the log wrote it when undocumented.
    pub code: String,
    /// Findings of this code.
    pub count: u64,
    /// True when the catalog documents the code.
    pub documented: bool,
    /// Indexes of the matched entries of the code.
    pub entries: Vec<usize>,
    /// The inputs it was found in.
    pub files: Vec<String>,
    /// The earliest timestamp, as logged.
    pub first_seen: Option<String>,
    /// The latest timestamp, as logged.
    pub last_seen: Option<String>,
    /// The catalog's one-line summary of the code.
    pub summary: Option<&'static str>,
    /// Users, most findings first (at most [`MAX_DISTINCT`]).
    pub users: Vec<UserCount>,
    /// Findings naming a user not in `users`.
    pub users_not_kept: u64,
}

/// A user of a [`CodeSummary`] and how many findings name them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct UserCount {
    /// Findings naming the user.
    pub count: u64,
    /// The user, as logged.
    pub user: String,
}

/// One input of a [`Summary`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FileSummary {
    /// Bytes of text scanned.
    pub bytes: u64,
    /// The input's name.
    pub file: String,
    /// Findings in it.
    pub findings: u64,
    /// The format recognised ([`InputFormat::as_str`]); `None` when unreadable.
    pub format: Option<&'static str>,
    /// The name is not valid Unicode (shown with U+FFFD).
    pub lossy_name: bool,
    /// How it was read, where the user should know.
    pub notes: Vec<String>,
}

impl From<&FileTotal> for FileSummary {
    fn from(file: &FileTotal) -> Self {
        FileSummary {
            bytes: file.bytes,
            file: file.name.clone(),
            findings: file.findings,
            format: file.format.map(InputFormat::as_str),
            lossy_name: file.lossy_name,
            notes: file.notes.clone(),
        }
    }
}

/// An input of a [`Summary`] that could not be scanned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ErrorSummary {
    /// What went wrong, and what to do.
    pub error: String,
    /// The input's path, if it has one.
    pub file: Option<String>,
}

impl From<&ScanError> for ErrorSummary {
    fn from(error: &ScanError) -> Self {
        ErrorSummary {
            error: error.kind.to_string(),
            file: error.path.as_ref().map(|p| p.display().to_string()),
        }
    }
}

fn order_key(code: &FoundCode) -> (u8, usize, &str) {
    match code {
        FoundCode::Documented(code) => (0, *code as usize, ""),
        FoundCode::Undocumented(token) => (1, 0, token),
    }
}

/// A time a group saw: as logged, as read, and its place in time.
#[derive(Debug, Clone)]
struct Seen {
    /// Where it sorts: [`EventTime::on_own_clock`], kept so that each finding compares without
    /// converting the times it is compared with.
    key: Option<Timestamp>,
    time: Option<EventTime>,
    stamp: String,
}

/// A correlation ID's hash for counting distinct IDs: case-insensitive (a GUID's hex digits may
/// be logged in either case), the same in every run.
fn cid_hash(cid: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    cid.to_ascii_lowercase().hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: &str, user: &str) -> Finding {
        let mut finding = crate::scan::scan_str(&format!("ErrorCode:: {code} for User {user}"))
            .pop()
            .unwrap();
        finding.user = Some(user.to_owned());
        finding
    }

    #[test]
    fn distinct_values_are_capped_and_the_rest_counted() {
        let mut report = Report::new();
        for i in 0..MAX_DISTINCT + 10 {
            report.add(finding("UserNotFound", &format!("u{i}")));
        }
        for i in 0..MAX_UNDOCUMENTED + 7 {
            report.add(finding(&format!("NEW_CODE_{i}"), "x"));
        }
        let total = (MAX_DISTINCT + 10 + MAX_UNDOCUMENTED + 7) as u64;
        assert_eq!(report.findings(), total);
        assert_eq!(report.undocumented_not_kept(), 7);
        assert_eq!(report.codes(), 1 + MAX_UNDOCUMENTED);
        let (_, group) = report.ordered()[0];
        assert_eq!(group.users().len(), MAX_DISTINCT);
        assert_eq!(group.users_not_kept(), 10);
        assert_eq!(report.summary(&[]).findings, total);
    }

    #[test]
    fn first_and_last_seen_follow_the_time_not_the_digits() {
        let mut report = Report::new();
        for stamp in [
            // 12:15 AM is a quarter past midnight, the earliest of these.
            "11/20/2026 12:15:00 AM",
            "2026-11-20T09:14:03.512Z",
            "11/20/2026 12:30:00 PM",
            // 10:00 at +05:00 is 05:00 UTC: earlier than 09:14Z, though its digits are later.
            "2026-11-20T10:00:00+05:00",
            "not a time",
        ] {
            let mut found = finding("ESTS_TOKEN_ERROR", "alice");
            found.time = EventTime::parse(stamp);
            found.timestamp = Some(stamp.to_owned());
            report.add(found);
        }
        let (_, group) = report.ordered()[0];
        assert_eq!(group.first_seen(), Some("11/20/2026 12:15:00 AM"));
        assert_eq!(group.last_seen(), Some("11/20/2026 12:30:00 PM"));
        assert_eq!(
            group.first_time().map(|t| t.to_string()).as_deref(),
            Some("2026-11-20T00:15:00")
        );
    }
}
