//! `explain` of a pasted log line or event: every code a scan finds in it, in order, each
//! with what the event says around it and the code's explanation.

use std::io::{self, Write};

use nps_mfa_errors::explain::{aadsts_url, closest_code};
use nps_mfa_errors::scan::{Finding, FoundCode};
use nps_mfa_errors::{Cloud, Setting};

use super::{write_text as write_text_of, Match};
use crate::output::{wrap, CODE, DIM, HEADING};

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
    if let Some(setting) = Setting::logging(token) {
        let text = format!(
            "Not on Microsoft's page of NPS extension errors, but documented with the registry \
             setting {setting}, as a warning the extension logs. More: nps-mfa-errors explain \
             {setting}"
        );
        return write!(out, "{}", wrap("", 0, &text));
    }
    let mut text =
        "The log marks this as an error code, but no version of Microsoft's page of NPS \
                    extension errors documents it."
            .to_owned();
    if let Some(code) = closest_code(token) {
        text.push_str(&format!(" Did you mean `{code}`?"));
    }
    write!(out, "{}", wrap("", 0, &text))
}
