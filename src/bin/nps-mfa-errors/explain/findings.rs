//! `explain` of a pasted log line or event: every code a scan finds in it, in order, each
//! with what the event says around it and the code's explanation.

use std::io::{self, Write};

use nps_mfa_errors::scan::{Finding, FoundCode};
use nps_mfa_errors::{Cloud, ErrorCode};

use super::{match_json, write_text as write_text_of, Match};
use crate::output::{wrap, CODE, DIM, HEADING};

/// Microsoft's page that explains an Entra sign-in error (`AADSTS` and digits).
pub fn aadsts_url(aadsts: &str) -> Option<String> {
    let digits = aadsts
        .get(..6)?
        .eq_ignore_ascii_case("AADSTS")
        .then(|| &aadsts[6..])?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("https://login.microsoftonline.com/error?code={digits}"))
}

/// `{query, matched_by: "scan", findings: [...]}`: each finding as `scan --json` writes it,
/// with the `AADSTS` page and, for a documented code, the explanation `explain --json` gives.
pub fn write_json(
    out: &mut impl Write,
    query: &str,
    findings: &[Finding],
    cloud: Cloud,
) -> io::Result<()> {
    let list: Vec<serde_json::Value> = findings
        .iter()
        .map(|finding| finding_json(finding, cloud))
        .collect();
    let value = serde_json::json!({
        "query": query,
        "matched_by": "scan",
        "findings": list,
    });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}

fn finding_json(finding: &Finding, cloud: Cloud) -> serde_json::Value {
    let mut value = serde_json::to_value(finding).unwrap_or_default();
    let Some(object) = value.as_object_mut() else {
        return value;
    };
    object.insert(
        "aadsts_url".to_owned(),
        finding.aadsts.as_deref().and_then(aadsts_url).into(),
    );
    match &finding.code {
        FoundCode::Documented(code) => {
            if let serde_json::Value::Object(fields) =
                match_json(&Match::entry(*code, finding.entry), cloud)
            {
                object.extend(fields);
            }
        }
        FoundCode::Undocumented(token) => {
            let suggestion = token
                .parse::<ErrorCode>()
                .err()
                .and_then(|e| e.suggestion());
            object.insert("suggestion".to_owned(), serde_json::json!(suggestion));
        }
    }
    value
}

/// Each finding under a `Finding i of n` heading with its line and context, then its code
/// explained.
pub fn write_text(out: &mut impl Write, findings: &[Finding], cloud: Cloud) -> io::Result<()> {
    let total = findings.len();
    for (i, finding) in findings.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{HEADING}Finding {} of {total}{HEADING:#}, line {}: {CODE}{}{CODE:#}",
            i + 1,
            finding.line,
            finding.code
        )?;
        write_context(out, finding)?;
        writeln!(out)?;
        match &finding.code {
            FoundCode::Documented(code) => {
                write_text_of(out, &Match::entry(*code, finding.entry), cloud)?;
            }
            FoundCode::Undocumented(token) => write_undocumented(out, token)?,
        }
    }
    Ok(())
}

/// What the event says around the code: when, who, the correlation ID, the Entra error.
fn write_context(out: &mut impl Write, finding: &Finding) -> io::Result<()> {
    let fields = [
        ("Logged", finding.timestamp.clone()),
        ("User", finding.user.clone()),
        ("Correlation ID", finding.cid.clone()),
        ("Event ID", finding.event_id.map(|id| id.to_string())),
        ("Channel", finding.channel.clone()),
    ];
    for (label, value) in fields {
        if let Some(value) = value {
            write!(out, "{}", wrap(&format!("  {label}: "), 4, &value))?;
        }
    }
    if let Some(aadsts) = &finding.aadsts {
        let text = match aadsts_url(aadsts) {
            Some(url) => format!("{aadsts}, explained at {url}"),
            None => aadsts.clone(),
        };
        write!(out, "{}", wrap("  Entra sign-in error: ", 4, &text))?;
    }
    Ok(())
}

fn write_undocumented(out: &mut impl Write, token: &str) -> io::Result<()> {
    writeln!(out, "{CODE}{token}{CODE:#}  {DIM}undocumented{DIM:#}")?;
    let mut text =
        "The log marks this as an error code, but no version of Microsoft's page of NPS \
                    extension errors documents it."
            .to_owned();
    if let Some(code) = token
        .parse::<ErrorCode>()
        .err()
        .and_then(|e| e.suggestion())
    {
        text.push_str(&format!(" Did you mean `{code}`?"));
    }
    write!(out, "{}", wrap("", 0, &text))
}
