//! What a scan reports: one [`Finding`] per code per event.

use std::ops::Range;
use std::sync::Arc;

use crate::{Category, Entry, ErrorCode};

/// A code found in a log: documented, or a token the log marks as a code that the catalog
/// does not know (reported so the catalog can grow, never dropped).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FoundCode {
    /// A code of the catalog.
    Documented(ErrorCode),
    /// A token after `ErrorCode::` (or heading a message as `TOKEN::`) that the catalog does
    /// not document.
    Undocumented(String),
}

impl FoundCode {
    /// The code as text: the catalog's string, or the raw token.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            FoundCode::Documented(code) => code.as_str(),
            FoundCode::Undocumented(token) => token,
        }
    }

    /// The catalog code, if documented.
    #[must_use]
    pub fn documented(&self) -> Option<ErrorCode> {
        match self {
            FoundCode::Documented(code) => Some(*code),
            FoundCode::Undocumented(_) => None,
        }
    }
}

impl core::fmt::Display for FoundCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One code found in one event, with what the event says around it.
///
/// ```
/// use nps_mfa_errors::scan::scan_str;
/// use nps_mfa_errors::ErrorCode;
///
/// let log = "2026-11-20T09:14:03Z NPS Extension for Azure MFA: CID: 6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 :Exception in Authentication Ext for User alice@contoso.com :: ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 ESTS_TOKEN_ERROR Msg:: Verify the client certificate";
/// let findings = scan_str(log);
/// assert_eq!(findings.len(), 1);
/// let finding = &findings[0];
/// assert_eq!(finding.code.documented(), Some(ErrorCode::EstsTokenError));
/// assert_eq!(finding.user.as_deref(), Some("alice@contoso.com"));
/// assert_eq!(finding.cid.as_deref(), Some("6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11"));
/// assert_eq!(finding.timestamp.as_deref(), Some("2026-11-20T09:14:03Z"));
/// assert_eq!(finding.line, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// The input the finding comes from (a path, or `-` for standard input); `None` for text
    /// scanned from memory.
    pub file: Option<Arc<str>>,
    /// 1-based line where the code (or message) stands; for XML and CSV exports, the line where
    /// the event's record starts.
    pub line: u64,
    /// Byte range of the code (or message) in the decoded input; for XML and CSV exports, the
    /// byte range of the event's record.
    pub span: Range<u64>,
    /// The code found.
    pub code: FoundCode,
    /// The entry of the code that the event's message matches, or the code's only entry.
    pub entry: Option<&'static Entry>,
    /// The correlation ID (`CID:` GUID; the first well-formed one when the event repeats it).
    pub cid: Option<String>,
    /// The user the event is about (a UPN, `DOMAIN\user`, or the bare name after "for User").
    pub user: Option<String>,
    /// When the event was logged, as the log writes it.
    pub timestamp: Option<String>,
    /// When the event was logged, read from `timestamp`: UTC where the source gives it (XML
    /// `SystemTime`, `.evtx`), else the local time of the machine that wrote it (made UTC by a
    /// bundle scan given the machine's offset).
    pub time: Option<super::EventTime>,
    /// The event's own message text: at most 2 KiB, control characters removed.
    pub logged: Option<String>,
    /// The event's `EventRecordID`, where the export carries it (`.evtx`).
    pub record_id: Option<u64>,
    /// The computer that logged the event, where the export carries it (`.evtx`).
    pub computer: Option<String>,
    /// The Windows event ID, where the export carries it.
    pub event_id: Option<u32>,
    /// The event log channel (AuthNOptCh, AuthZOptCh, AuthZAdminCh), where the export carries it.
    pub channel: Option<String>,
    /// An embedded Microsoft Entra sign-in error code (`AADSTS` and digits).
    pub aadsts: Option<String>,
}

impl Finding {
    /// True when the catalog documents the code.
    #[must_use]
    pub fn is_documented(&self) -> bool {
        matches!(self.code, FoundCode::Documented(_))
    }

    /// The category of the matched entry, else of the code; `None` when undocumented.
    #[must_use]
    pub fn category(&self) -> Option<Category> {
        self.entry
            .map(Entry::category)
            .or_else(|| self.code.documented().map(ErrorCode::category))
    }

    /// The documented message of the matched entry.
    #[must_use]
    pub fn message(&self) -> Option<&'static str> {
        self.entry.and_then(Entry::message)
    }
}
