//! One flat record per code, the shape SIEM lookups want: a unique `code` key and one-line
//! text cells. Written as a lookup CSV (Sentinel watchlist, Splunk lookup), as NDJSON (an
//! Elastic enrich index) and as the KQL `datatable`.

use serde::Serialize;

use crate::{Entry, ErrorCode};

/// The columns of [`LookupRow`], in order.
pub const LOOKUP_COLUMNS: [&str; 10] = [
    "code",
    "category",
    "categories",
    "message_keyed",
    "label",
    "summary",
    "messages",
    "steps",
    "url",
    "settings",
];

/// One code as a lookup row: every cell is one line of UTF-8 text.
///
/// ```
/// use nps_mfa_errors::export::LookupRow;
/// use nps_mfa_errors::ErrorCode;
///
/// let row = LookupRow::new(ErrorCode::EstsTokenError);
/// assert_eq!(row.code, "ESTS_TOKEN_ERROR");
/// assert!(row.steps.starts_with("1. "));
/// assert!(!row.steps.contains('\n'));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LookupRow {
    /// The code exactly as logged (or our identifier for a message-keyed row): the key.
    pub code: &'static str,
    /// The code's main category.
    pub category: &'static str,
    /// Every category the documents list it under, `;`-separated.
    pub categories: String,
    /// Whether the documents list it by message only (no code in the log).
    pub message_keyed: bool,
    /// How the documents label a message-keyed row; empty otherwise.
    pub label: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Every documented wording of every message, ` | `-separated.
    pub messages: String,
    /// The remediation steps, numbered on one line; for a code with several entries, each
    /// entry's steps after its `(n) summary:`, ` | `-separated.
    pub steps: String,
    /// The main documentation link.
    pub url: &'static str,
    /// Related registry settings, `;`-separated.
    pub settings: String,
}

impl LookupRow {
    /// The row of one code.
    #[must_use]
    pub fn new(code: ErrorCode) -> LookupRow {
        let entries = code.entries();
        let categories: Vec<&str> = code.categories().iter().map(|c| c.as_str()).collect();
        let messages: Vec<&str> = entries
            .iter()
            .flat_map(|e| e.wordings().iter().map(|w| w.text()))
            .collect();
        let steps: Vec<String> = if entries.len() == 1 {
            vec![numbered(&entries[0])]
        } else {
            entries
                .iter()
                .enumerate()
                .map(|(i, e)| format!("({}) {}: {}", i + 1, e.summary(), numbered(e)))
                .collect()
        };
        let settings: Vec<&str> = code
            .related()
            .settings()
            .iter()
            .map(|s| s.as_str())
            .collect();
        LookupRow {
            code: code.as_str(),
            category: code.category().as_str(),
            categories: categories.join(";"),
            message_keyed: code.is_message_keyed(),
            label: code.label().unwrap_or(""),
            summary: code.summary(),
            messages: one_line(&messages.join(" | ")),
            steps: one_line(&steps.join(" | ")),
            url: url(entries),
            settings: settings.join(";"),
        }
    }

    /// The cells in [`LOOKUP_COLUMNS`] order, as text.
    #[must_use]
    pub fn cells(&self) -> [std::borrow::Cow<'_, str>; 10] {
        use std::borrow::Cow::{Borrowed, Owned};
        [
            Borrowed(self.code),
            Borrowed(self.category),
            Borrowed(&self.categories),
            Owned(self.message_keyed.to_string()),
            Borrowed(self.label),
            Borrowed(self.summary),
            Borrowed(&self.messages),
            Borrowed(&self.steps),
            Borrowed(self.url),
            Borrowed(&self.settings),
        ]
    }
}

/// Every code's row, in catalog order.
pub fn lookup_rows() -> impl ExactSizeIterator<Item = LookupRow> {
    ErrorCode::all().map(LookupRow::new)
}

/// `1. first 2. second`.
fn numbered(entry: &Entry) -> String {
    entry.numbered_steps().collect::<Vec<_>>().join(" ")
}

/// The first link of any entry, else the newest document that lists the first entry.
fn url(entries: &[Entry]) -> &'static str {
    entries
        .iter()
        .flat_map(Entry::links)
        .map(|l| l.url())
        .next()
        .or_else(|| {
            entries
                .iter()
                .flat_map(Entry::sources)
                .max_by_key(|s| s.document().date())
                .map(|s| s.document().url())
        })
        .unwrap_or("")
}

/// Folds any line break (and the spaces around it) into one space.
fn one_line(text: &str) -> String {
    if !text.contains(['\n', '\r']) {
        return text.to_owned();
    }
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The lookup CSV: a header row, one row per code (unique `code`), no line break inside a
/// cell, UTF-8, CRLF line ends (RFC 4180). A Sentinel watchlist (search key `code`) and a
/// Splunk lookup table read it as is.
///
/// ```
/// let csv = nps_mfa_errors::export::lookup_csv();
/// assert!(csv.starts_with("code,category,categories,"));
/// assert_eq!(csv.lines().count(), 1 + nps_mfa_errors::ErrorCode::all().len());
/// ```
#[must_use]
pub fn lookup_csv() -> String {
    let mut out = String::new();
    push_record(&mut out, LOOKUP_COLUMNS.iter().copied());
    for row in lookup_rows() {
        let cells = row.cells();
        push_record(&mut out, cells.iter().map(|c| &**c));
    }
    out
}

fn push_record<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ') {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}
