//! The `explain` document: what a code, a pasted log message, a registry setting or a symptom
//! means, with the facts its fix depends on for one cloud. The same JSON as
//! `nps-mfa-errors explain --json`.

use serde_json::{json, Value};

use crate::export::{
    CertificateRecord, CodeRecord, EventChannelRecord, ProtocolRecord, SettingRecord, SymptomRecord,
};
use crate::{find_symptom, lookup, Cloud, Entry, ErrorCode, Lookup, Related, Setting, Symptom};

/// Nothing in the catalog matches the query: not a code, setting, message or symptom.
pub type ExplainError = crate::UnknownCode;

/// Explains a query: a code in any case, a registry setting name, a message as logged (any
/// documented wording, placeholders filled in), or a symptom phrase, tried in that order.
///
/// ```
/// use nps_mfa_errors::{serve::explain, Cloud};
///
/// let doc = explain("ests_token_error", Cloud::Public)?;
/// assert_eq!(doc["matched_by"], "code");
/// assert_eq!(doc["record"]["code"], "ESTS_TOKEN_ERROR");
/// # Ok::<(), nps_mfa_errors::UnknownCode>(())
/// ```
pub fn explain(query: &str, cloud: Cloud) -> Result<Value, ExplainError> {
    let query = query.trim();
    if let Some(code) =
        ErrorCode::from_code(query).or_else(|| ErrorCode::from_code_ignore_case(query))
    {
        return Ok(code_document(query, &Lookup::Code(code), cloud));
    }
    if let Some(setting) = Setting::from_name_ignore_case(query) {
        return Ok(fact_document(
            query,
            "setting",
            json!(SettingRecord(setting)),
        ));
    }
    match lookup(query) {
        Ok(found) => Ok(code_document(query, &found, cloud)),
        Err(error) => find_symptom(query)
            .map(|symptom| fact_document(query, "symptom", json!(SymptomRecord(symptom))))
            .ok_or(error),
    }
}

fn fact_document(query: &str, matched_by: &str, record: Value) -> Value {
    json!({
        "query": query,
        "matched_by": matched_by,
        "matched_entry": null,
        "matched_wording": null,
        "record": record,
    })
}

fn code_document(query: &str, found: &Lookup, cloud: Cloud) -> Value {
    let code = found.code();
    let (matched_by, entry, wording, related) = match found {
        Lookup::Message(m) => (
            "message",
            entry_index(code, m.entry()),
            Some(m.wording().text()),
            m.entry().related(),
        ),
        _ => ("code", None, None, code.related()),
    };
    json!({
        "query": query,
        "matched_by": matched_by,
        "matched_entry": entry,
        "matched_wording": wording,
        "record": CodeRecord(code),
        "related": related_document(related, code.symptoms(), cloud),
    })
}

/// The index of `entry` among `code`'s entries.
pub(super) fn entry_index(code: ErrorCode, entry: &Entry) -> Option<usize> {
    code.entries().iter().position(|e| std::ptr::eq(e, entry))
}

/// The related facts, with the endpoints and setting values for `cloud`.
fn related_document(related: &Related, symptoms: &[Symptom], cloud: Cloud) -> Value {
    let settings: Vec<_> = related
        .settings()
        .iter()
        .map(|&s| {
            json!({
                "name": s,
                "summary": s.summary(),
                "value": s.value_for(cloud),
                "default": s.default_value(),
            })
        })
        .collect();
    let endpoints: Vec<_> = related.endpoints(cloud).collect();
    let protocols: Vec<_> = related
        .protocols()
        .iter()
        .map(|&p| ProtocolRecord(p))
        .collect();
    let certificate: Vec<_> = related
        .certificate()
        .iter()
        .map(|&c| CertificateRecord(c))
        .collect();
    let channels: Vec<_> = related
        .event_channels()
        .iter()
        .map(|&c| EventChannelRecord(c))
        .collect();
    let symptoms: Vec<_> = symptoms.iter().map(|&s| SymptomRecord(s)).collect();
    json!({
        "cloud": cloud,
        "settings": settings,
        "endpoints": endpoints,
        "protocols": protocols,
        "certificate": certificate,
        "event_channels": channels,
        "symptoms": symptoms,
    })
}
