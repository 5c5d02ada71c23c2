//! What anything a person pastes means: a code, a documented message, a whole log line or event
//! (scanned, every finding explained in order), a registry setting, a symptom or an Entra
//! `AADSTS` code; with the facts its fix depends on for one cloud (features `serde` and `scan`).
//!
//! [`explain`] returns the document `nps-mfa-errors explain --json` writes and
//! `GET /api/v1/explain?q=…` answers, as typed [`Serialize`] values: an [`Explanation`] when
//! something matched, a [`Miss`] (the error, the input and suggestions) when nothing did. Both
//! callers serialize these same values (the CLI sorts the keys as it writes them).
//!
//! ```
//! use nps_mfa_errors::explain::{explain, Body, MatchedBy};
//! use nps_mfa_errors::{Cloud, ErrorCode};
//!
//! let doc = explain("'ests-token-error'", Cloud::Public).unwrap();
//! assert_eq!(doc.matched_by, MatchedBy::Code);
//! let Body::Code(code) = &doc.body else { panic!() };
//! assert_eq!(code.record.0, ErrorCode::EstsTokenError);
//!
//! let line = "ErrorCode:: CID :d9e0 ESTS_TOKEN_ERROR Msg:: AADSTS50012 …";
//! assert_eq!(explain(line, Cloud::Public).unwrap().matched_by, MatchedBy::Scan);
//!
//! let miss = explain("HTTP_CONECT_ERROR", Cloud::Public).unwrap_err();
//! assert_eq!(miss.targets[0].name(), "HTTP_CONNECT_ERROR");
//! ```

use serde::Serialize;

use crate::export::{
    CertificateRecord, CodeRecord, EventChannelRecord, ProtocolRecord, SettingRecord, SymptomRecord,
};
use crate::scan::{Finding, FoundCode};
use crate::{
    Cloud, Endpoint, Entry, ErrorCode, MessageMatch, Related, Setting, Similarity, Symptom,
};

mod miss;
mod query;

pub use miss::Miss;
pub use query::{clean_name, code_named, find, Found};

/// Explains `query` for `cloud`: what [`find`] matches, as a document; or, when nothing
/// matches, a [`Miss`] with the closest code and what a keyword search finds.
pub fn explain(query: &str, cloud: Cloud) -> Result<Explanation, Miss> {
    let query = query.trim();
    match find(query) {
        Some(found) => Ok(Explanation::new(query, &found, cloud)),
        None => Err(Miss::new(query)),
    }
}

/// How a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MatchedBy {
    /// It names a code.
    Code,
    /// It is (or carries) a documented message.
    Message,
    /// A scan of it found codes (a log line, an `ErrorCode::` fragment, an event).
    Scan,
    /// It names a registry setting.
    Setting,
    /// It describes a symptom.
    Symptom,
    /// It is a Microsoft Entra sign-in error (`AADSTS` and digits).
    Aadsts,
}

/// `{query, matched_by, ...body}`: what a query matched and everything about it.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Explanation {
    /// The query, trimmed.
    pub query: String,
    /// How it matched.
    pub matched_by: MatchedBy,
    /// The rest of the document, by what matched.
    #[serde(flatten)]
    pub body: Body,
}

/// The part of an [`Explanation`] that depends on what matched.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Body {
    /// A code or a message: the code explained.
    Code(CodeExplanation),
    /// What a scan found: `findings`, each explained.
    Scan {
        /// Every finding, in order.
        findings: Vec<FindingExplanation>,
    },
    /// A setting or a symptom: its record (`matched_entry` and `matched_wording` are null).
    Fact(FactExplanation),
    /// An Entra sign-in error and Microsoft's page for it.
    Aadsts {
        /// The code, upper case.
        aadsts: String,
        /// `https://login.microsoftonline.com/error?code=<n>`.
        url: Option<String>,
    },
}

/// A code: the matched entry and wording (for a message), the record and the related facts.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct CodeExplanation {
    /// The index (from 0) of the entry a message matched, among the code's entries; the text
    /// output says "Entry 2 of 3" for index 1.
    pub matched_entry: Option<usize>,
    /// The documented wording a message matched.
    pub matched_wording: Option<&'static str>,
    /// How close the message was to the wording.
    pub similarity: Option<Similarity>,
    /// Everything the catalog knows about the code.
    pub record: CodeRecord,
    /// The facts its fix depends on, for one cloud.
    pub related: RelatedFacts,
}

impl CodeExplanation {
    /// `code`, with the entry and wording a message matched (if any) and `similarity`.
    #[must_use]
    pub fn new(
        code: ErrorCode,
        entry: Option<&'static Entry>,
        wording: Option<&'static str>,
        similarity: Option<Similarity>,
        cloud: Cloud,
    ) -> CodeExplanation {
        let related = entry.map_or_else(|| code.related(), Entry::related);
        CodeExplanation {
            matched_entry: entry.and_then(|e| entry_index(code, e)),
            matched_wording: wording,
            similarity,
            record: CodeRecord(code),
            related: RelatedFacts::new(related, code.symptoms(), cloud),
        }
    }

    fn message(m: &MessageMatch, cloud: Cloud) -> CodeExplanation {
        let wording = Some(m.wording().text());
        CodeExplanation::new(
            m.code(),
            Some(m.entry()),
            wording,
            Some(m.similarity()),
            cloud,
        )
    }
}

/// The index of `entry` among `code`'s entries.
#[must_use]
pub fn entry_index(code: ErrorCode, entry: &Entry) -> Option<usize> {
    code.entries().iter().position(|e| std::ptr::eq(e, entry))
}

/// A setting's or a symptom's record.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct FactExplanation {
    /// Always null: a fact has no entries.
    pub matched_entry: Option<usize>,
    /// Always null: a fact has no wordings.
    pub matched_wording: Option<&'static str>,
    /// The setting's or symptom's record.
    pub record: FactRecord,
}

/// The record of a setting or a symptom.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum FactRecord {
    /// A registry setting, as in the export.
    Setting(SettingRecord),
    /// A symptom, as in the export.
    Symptom(SymptomRecord),
}

/// One finding of a scan: the finding as `scan --json` writes it, the `AADSTS` page, and the
/// code explained (documented) or the closest code (undocumented).
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct FindingExplanation {
    /// The finding.
    #[serde(flatten)]
    pub finding: Finding,
    /// Microsoft's page for the finding's `AADSTS` code.
    pub aadsts_url: Option<String>,
    /// The code explained.
    #[serde(flatten)]
    pub code: FindingCode,
}

/// A finding's code, explained.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum FindingCode {
    /// A documented code, with the entry the scan attributed.
    Documented(CodeExplanation),
    /// An undocumented token, with the closest documented code.
    Undocumented {
        /// The code the token is probably a misspelling of.
        suggestion: Option<ErrorCode>,
        /// The registry setting whose documentation names the token as a warning the
        /// extension logs (`IP_WHITE_LIST_WARNING` and `IP_WHITELIST`).
        setting: Option<Setting>,
    },
}

impl FindingExplanation {
    /// `finding`, explained for `cloud`.
    #[must_use]
    pub fn new(finding: &Finding, cloud: Cloud) -> FindingExplanation {
        let code = match &finding.code {
            FoundCode::Documented(code) => {
                // The wording the event's message matched, and how closely, when it carries
                // the message of the entry the scan attributed.
                let message = finding
                    .logged
                    .as_deref()
                    .and_then(crate::find_message)
                    .filter(|m| finding.entry.is_some_and(|e| std::ptr::eq(e, m.entry())));
                FindingCode::Documented(CodeExplanation::new(
                    *code,
                    finding.entry,
                    message.as_ref().map(|m| m.wording().text()),
                    message.as_ref().map(MessageMatch::similarity),
                    cloud,
                ))
            }
            FoundCode::Undocumented(token) => FindingCode::Undocumented {
                suggestion: closest_code(token),
                setting: Setting::logging(token),
            },
        };
        FindingExplanation {
            finding: finding.clone(),
            aadsts_url: finding.aadsts.as_deref().and_then(aadsts_url),
            code,
        }
    }
}

/// The documented code an undocumented token probably misspells.
#[must_use]
pub fn closest_code(token: &str) -> Option<ErrorCode> {
    token
        .parse::<ErrorCode>()
        .err()
        .and_then(|e| e.suggestion())
}

/// The facts a fix depends on, with the endpoints and setting values for `cloud`.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct RelatedFacts {
    /// The cloud.
    pub cloud: Cloud,
    /// Registry settings, with their value in `cloud`.
    pub settings: Vec<RelatedSetting>,
    /// Endpoints in `cloud`.
    pub endpoints: Vec<&'static Endpoint>,
    /// Methods per RADIUS protocol.
    pub protocols: Vec<ProtocolRecord>,
    /// Client-certificate facts.
    pub certificate: Vec<CertificateRecord>,
    /// Event logs.
    pub event_channels: Vec<EventChannelRecord>,
    /// Symptoms.
    pub symptoms: Vec<SymptomRecord>,
}

/// A registry setting among the related facts.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct RelatedSetting {
    /// The setting.
    pub name: Setting,
    /// What it does.
    pub summary: &'static str,
    /// Its value in the cloud, if the cloud sets one.
    pub value: Option<&'static str>,
    /// Its value when not set.
    pub default: &'static str,
}

impl RelatedFacts {
    /// `related` and `symptoms`, for `cloud`.
    #[must_use]
    pub fn new(related: &Related, symptoms: &[Symptom], cloud: Cloud) -> RelatedFacts {
        let settings = related.settings().iter().map(|&s| RelatedSetting {
            name: s,
            summary: s.summary(),
            value: s.value_for(cloud),
            default: s.default_value(),
        });
        RelatedFacts {
            cloud,
            settings: settings.collect(),
            endpoints: related.endpoints(cloud).collect(),
            protocols: related
                .protocols()
                .iter()
                .map(|&p| ProtocolRecord(p))
                .collect(),
            certificate: related
                .certificate()
                .iter()
                .map(|&c| CertificateRecord(c))
                .collect(),
            event_channels: related
                .event_channels()
                .iter()
                .map(|&c| EventChannelRecord(c))
                .collect(),
            symptoms: symptoms.iter().map(|&s| SymptomRecord(s)).collect(),
        }
    }
}

impl Explanation {
    /// The document for what [`find`] found in `query`, for `cloud`.
    #[must_use]
    pub fn new(query: &str, found: &Found, cloud: Cloud) -> Explanation {
        let (matched_by, body) = match found {
            Found::Code(code) => (
                MatchedBy::Code,
                Body::Code(CodeExplanation::new(*code, None, None, None, cloud)),
            ),
            Found::Message(m) => (
                MatchedBy::Message,
                Body::Code(CodeExplanation::message(m, cloud)),
            ),
            Found::Scan(findings) => (
                MatchedBy::Scan,
                Body::Scan {
                    findings: findings
                        .iter()
                        .map(|f| FindingExplanation::new(f, cloud))
                        .collect(),
                },
            ),
            Found::Setting(setting) => (
                MatchedBy::Setting,
                fact(FactRecord::Setting(SettingRecord(*setting))),
            ),
            Found::Symptom(symptom) => (
                MatchedBy::Symptom,
                fact(FactRecord::Symptom(SymptomRecord(*symptom))),
            ),
            Found::Aadsts(code) => (
                MatchedBy::Aadsts,
                Body::Aadsts {
                    aadsts: code.clone(),
                    url: aadsts_url(code),
                },
            ),
        };
        Explanation {
            query: query.to_owned(),
            matched_by,
            body,
        }
    }
}

fn fact(record: FactRecord) -> Body {
    Body::Fact(FactExplanation {
        matched_entry: None,
        matched_wording: None,
        record,
    })
}

/// Microsoft's page that explains an Entra sign-in error (`AADSTS` and digits).
///
/// ```
/// use nps_mfa_errors::explain::aadsts_url;
///
/// assert_eq!(
///     aadsts_url("AADSTS50012").as_deref(),
///     Some("https://login.microsoftonline.com/error?code=50012")
/// );
/// assert_eq!(aadsts_url("AADSTS"), None);
/// ```
#[must_use]
pub fn aadsts_url(aadsts: &str) -> Option<String> {
    let digits = crate::lookup::strip_prefix_ignore_case(aadsts, "AADSTS")?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("https://login.microsoftonline.com/error?code={digits}"))
}
