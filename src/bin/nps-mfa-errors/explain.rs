//! `explain`: everything about one code, or about the message a log line carries, with the
//! facts its fix depends on for one cloud; or about a registry setting or a symptom.

use std::io::{self, Write};

use nps_mfa_errors::export::{
    CertificateRecord, CodeRecord, EventChannelRecord, ProtocolRecord, SettingRecord, SymptomRecord,
};
use nps_mfa_errors::{
    find_symptom, lookup, Cloud, Entry, ErrorCode, Lookup, Related, Setting, Symptom,
};

use crate::endpoints::write_endpoint;
use crate::output::write_sources;
use crate::output::{wrap, CODE, DIM, HEADING};
use crate::protocols::write_matrix;
use crate::settings::write_setting;
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A code in any case (`ests_token_error`), a message as logged, a registry setting
    /// (`ip_whitelist`), a symptom (`http connect errors`), or `-` to read it from standard
    /// input.
    query: String,
    /// The cloud whose endpoints and registry values to show with a code: public, government
    /// or china.
    #[arg(long, value_name = "CLOUD", default_value = "public")]
    cloud: Cloud,
    /// Write JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> io::Result<Outcome> {
    let query = if args.query == "-" {
        crate::output::read_query_stdin()?
    } else {
        args.query.clone()
    };
    let trimmed = query.trim();
    if trimmed.is_empty() {
        crate::output::warn(
            "explain: the query is empty: give a code, a message, a setting or a symptom",
        );
        return Ok(Outcome::Failed);
    }
    let found = match find(trimmed) {
        Ok(found) => found,
        Err(error) => {
            let message = crate::output::escape(&error.to_string()).into_owned();
            crate::output::warn(crate::output::truncate(&message, 500));
            return Ok(Outcome::NotFound);
        }
    };
    let mut out = anstream::stdout().lock();
    match (found, args.json) {
        (Found::Code(found), true) => write_json(&mut out, trimmed, &found, args.cloud)?,
        (Found::Code(found), false) => write_text(&mut out, &found, args.cloud)?,
        (Found::Setting(setting), true) => {
            write_fact_json(&mut out, trimmed, "setting", &SettingRecord(setting))?;
        }
        (Found::Setting(setting), false) => write_setting(&mut out, setting)?,
        (Found::Symptom(symptom), true) => {
            write_fact_json(&mut out, trimmed, "symptom", &SymptomRecord(symptom))?;
        }
        (Found::Symptom(symptom), false) => write_symptom(&mut out, symptom, args.cloud)?,
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// What a query names.
enum Found {
    Code(Lookup),
    Setting(Setting),
    Symptom(Symptom),
}

/// A code first (any case), then a setting name (any case), then a documented message, then a
/// symptom phrase.
fn find(query: &str) -> Result<Found, nps_mfa_errors::UnknownCode> {
    if let Some(code) =
        ErrorCode::from_code(query).or_else(|| ErrorCode::from_code_ignore_case(query))
    {
        return Ok(Found::Code(Lookup::Code(code)));
    }
    if let Some(setting) = Setting::from_name_ignore_case(query) {
        return Ok(Found::Setting(setting));
    }
    match lookup(query) {
        Ok(found) => Ok(Found::Code(found)),
        Err(error) => find_symptom(query).map(Found::Symptom).ok_or(error),
    }
}

fn write_fact_json(
    out: &mut impl Write,
    query: &str,
    matched_by: &str,
    record: &impl serde::Serialize,
) -> io::Result<()> {
    let value = serde_json::json!({
        "query": query,
        "matched_by": matched_by,
        "matched_entry": null,
        "matched_wording": null,
        "record": record,
    });
    serde_json::to_writer_pretty(&mut *out, &crate::output::sorted_keys(value))?;
    writeln!(out)
}

/// The related facts as JSON, the endpoints and setting values for `cloud`.
fn related_json(related: &Related, symptoms: &[Symptom], cloud: Cloud) -> serde_json::Value {
    let settings: Vec<_> = related
        .settings()
        .iter()
        .map(|&s| {
            serde_json::json!({
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
    serde_json::json!({
        "cloud": cloud,
        "settings": settings,
        "endpoints": endpoints,
        "protocols": protocols,
        "certificate": certificate,
        "event_channels": channels,
        "symptoms": symptoms,
    })
}

/// The related facts as text, for `cloud`.
fn write_related(
    out: &mut impl Write,
    related: &Related,
    symptoms: &[Symptom],
    cloud: Cloud,
) -> io::Result<()> {
    if related.is_empty() && symptoms.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "{HEADING}Related facts{HEADING:#}  {DIM}{} (--cloud {cloud}){DIM:#}",
        cloud.title()
    )?;
    if !related.settings().is_empty() {
        writeln!(out, "  {HEADING}Registry settings{HEADING:#}:")?;
        for &setting in related.settings() {
            let text = match setting.value_for(cloud) {
                Some(value) if cloud == Cloud::Public => format!(
                    "{setting} (not set in this cloud; the built-in value is {value}): {}",
                    setting.summary()
                ),
                Some(value) => format!("{setting} = {value}: {}", setting.summary()),
                None => format!("{setting}: {}", setting.summary()),
            };
            write!(out, "{}", wrap("  - ", 4, &text))?;
        }
    }
    let endpoints: Vec<_> = related.endpoints(cloud).collect();
    if !endpoints.is_empty() {
        writeln!(out, "  {HEADING}Endpoints{HEADING:#}:")?;
        for endpoint in endpoints {
            write_endpoint(out, endpoint, "  - ", 4)?;
        }
    }
    if !related.protocols().is_empty() {
        writeln!(out, "  {HEADING}Methods per RADIUS protocol{HEADING:#}:")?;
        let mut matrix = Vec::new();
        write_matrix(&mut matrix, related.protocols().iter().copied())?;
        for line in String::from_utf8_lossy(&matrix).lines() {
            writeln!(out, "    {line}")?;
        }
    }
    if !related.certificate().is_empty() {
        writeln!(out, "  {HEADING}Client certificate{HEADING:#}:")?;
        for fact in related.certificate() {
            write!(
                out,
                "{}",
                wrap("  - ", 4, &format!("{}: {}", fact.title(), fact.value()))
            )?;
        }
    }
    if !related.event_channels().is_empty() {
        writeln!(out, "  {HEADING}Event logs{HEADING:#}:")?;
        for channel in related.event_channels() {
            write!(out, "{}", wrap("  - ", 4, &channel.log_name()))?;
        }
    }
    if !symptoms.is_empty() {
        writeln!(out, "  {HEADING}Symptoms{HEADING:#}:")?;
        for symptom in symptoms {
            write!(out, "{}", wrap("  - ", 4, symptom.question()))?;
        }
    }
    Ok(())
}

fn write_symptom(out: &mut impl Write, symptom: Symptom, cloud: Cloud) -> io::Result<()> {
    writeln!(
        out,
        "{CODE}{}{CODE:#}  {DIM}symptom{DIM:#}",
        symptom.as_str()
    )?;
    write!(out, "{}", wrap("", 0, symptom.question()))?;
    write!(out, "{}", wrap("", 0, symptom.summary()))?;
    writeln!(out)?;
    writeln!(out, "  {HEADING}What to check{HEADING:#}:")?;
    for (i, check) in symptom.checks().iter().enumerate() {
        write!(out, "{}", wrap(&format!("  {}. ", i + 1), 5, check))?;
    }
    if !symptom.codes().is_empty() {
        let codes: Vec<&str> = symptom.codes().iter().map(|c| c.as_str()).collect();
        write!(out, "{}", wrap("  Codes: ", 9, &codes.join(", ")))?;
    }
    write_sources(out, symptom.sources())?;
    write_related(out, symptom.related(), &[], cloud)
}

fn write_json(out: &mut impl Write, query: &str, found: &Lookup, cloud: Cloud) -> io::Result<()> {
    let code = found.code();
    let (matched_by, entry, wording) = match found {
        Lookup::Message(m) => (
            "message",
            entry_index(code, m.entry()),
            Some(m.wording().text()),
        ),
        _ => ("code", None, None),
    };
    let value = serde_json::json!({
        "query": query,
        "matched_by": matched_by,
        "matched_entry": entry,
        "matched_wording": wording,
        "record": CodeRecord(code),
        "related": match found {
            Lookup::Message(m) => related_json(m.entry().related(), code.symptoms(), cloud),
            _ => related_json(code.related(), code.symptoms(), cloud),
        },
    });
    serde_json::to_writer_pretty(&mut *out, &crate::output::sorted_keys(value))?;
    writeln!(out)
}

fn entry_index(code: ErrorCode, entry: &Entry) -> Option<usize> {
    code.entries().iter().position(|e| std::ptr::eq(e, entry))
}

fn write_text(out: &mut impl Write, found: &Lookup, cloud: Cloud) -> io::Result<()> {
    let code = found.code();
    let category = code.category();
    writeln!(
        out,
        "{CODE}{code}{CODE:#}  {DIM}{}{DIM:#}",
        category.as_str()
    )?;
    write!(out, "{}", wrap("Category: ", 10, category.title()))?;
    if let Some(label) = code.label() {
        write!(out, "{}", wrap("Documented as: ", 15, label))?;
    }
    write!(out, "{}", wrap("", 0, code.summary()))?;
    let entries: Vec<(usize, &Entry)> = match found {
        Lookup::Message(m) => {
            let index = entry_index(code, m.entry()).unwrap_or(0);
            writeln!(out)?;
            write!(
                out,
                "{}",
                wrap(
                    "Matched wording: ",
                    17,
                    &format!("\"{}\"", m.wording().text())
                )
            )?;
            vec![(index, m.entry())]
        }
        _ => code.entries().iter().enumerate().collect(),
    };
    let total = code.entries().len();
    for (index, entry) in &entries {
        writeln!(out)?;
        write_entry(out, *index, total, entry)?;
    }
    match found {
        Lookup::Message(m) => write_related(out, m.entry().related(), code.symptoms(), cloud),
        _ => write_related(out, code.related(), code.symptoms(), cloud),
    }
}

fn write_entry(out: &mut impl Write, index: usize, total: usize, entry: &Entry) -> io::Result<()> {
    let heading = if total > 1 {
        format!("Entry {} of {total}", index + 1)
    } else {
        "Entry".to_owned()
    };
    writeln!(
        out,
        "{HEADING}{heading}{HEADING:#}  {DIM}{}{DIM:#}",
        entry.category().as_str()
    )?;
    write!(out, "{}", wrap("  ", 2, entry.summary()))?;
    if entry.codes().len() > 1 {
        let codes: Vec<&str> = entry.codes().iter().map(|c| c.as_str()).collect();
        write!(out, "{}", wrap("  Row shared by: ", 4, &codes.join(", ")))?;
    }
    writeln!(out)?;
    if entry.wordings().is_empty() {
        writeln!(out, "  Message: (none documented)")?;
    } else {
        writeln!(out, "  {HEADING}Messages{HEADING:#} (newest first):")?;
        for wording in entry.wordings() {
            let documents: Vec<String> = wording
                .documents()
                .iter()
                .map(|d| format!("{} {}", &d.date()[..7], d.locale()))
                .collect();
            write!(
                out,
                "{}",
                wrap(
                    "  - ",
                    4,
                    &format!("\"{}\" [{}]", wording.text(), documents.join(", "))
                )
            )?;
        }
    }
    writeln!(out, "  {HEADING}What to do{HEADING:#}:")?;
    for (i, step) in entry.steps().iter().enumerate() {
        write!(out, "{}", wrap(&format!("  {}. ", i + 1), 5, step))?;
    }
    if !entry.links().is_empty() {
        writeln!(out, "  {HEADING}Links{HEADING:#}:")?;
        for link in entry.links() {
            write!(
                out,
                "{}",
                wrap("  - ", 4, &format!("{}: {}", link.title(), link.url()))
            )?;
        }
    }
    write_sources(out, entry.sources())
}
