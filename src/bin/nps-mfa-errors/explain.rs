//! `explain`: everything about one code, or about the message a log line carries, with the
//! facts its fix depends on for one cloud; or about a registry setting or a symptom.

use std::io::{self, IsTerminal, Write};

use nps_mfa_errors::explain::{aadsts_url, entry_index, find, Explanation, Found, Miss};
use nps_mfa_errors::{
    Cloud, Entry, ErrorCode, MessageMatch, Related, Similarity, Symptom, Wording,
};

use crate::endpoints::write_endpoint;
use crate::output::write_sources;
use crate::output::{wrap, CODE, DIM, HEADING};
use crate::protocols::write_matrix;
use crate::search::write_targets as write_hits;
use crate::settings::write_setting_for;
use crate::Outcome;

mod findings;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Anything pasted works: a code in any case, quoted or with punctuation \
(`'ests-token-error'`), an `ErrorCode::` fragment, a whole log line or a multi-line \
event. When the text is more than one documented message, it is scanned and every \
finding is explained in order. A miss suggests the closest code and what `search` \
finds; an AADSTS code points to Microsoft's page for it.\n\nExit codes: 0 explained, 1 nothing found \
(suggestions on stderr, or a JSON error document with --json), 2 bad usage or \
unreadable input.")]
pub struct Args {
    /// A code in any case (`ests_token_error`), a message or a whole log line or event as
    /// logged, a registry setting (`ip_whitelist`), a symptom (`http connect errors`), or `-`
    /// (or nothing) to read it from standard input. Several words need no quotes: they are
    /// read as one text.
    query: Vec<String>,
    /// The cloud whose endpoints and registry values to show: public, government or china
    /// (any case; `gov` will do). A code shows the public cloud's without it, a setting every
    /// cloud's value.
    #[arg(long, value_name = "CLOUD", value_parser = crate::values::cloud)]
    cloud: Option<Cloud>,
    /// Write JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> io::Result<Outcome> {
    let query = match args.query.as_slice() {
        [] if io::stdin().is_terminal() => {
            nothing_to_explain("no query given and standard input is a terminal")
        }
        [] => crate::output::read_query_stdin()?,
        [dash] if dash == "-" => crate::output::read_query_stdin()?,
        words => words.join(" "),
    };
    let trimmed = query.trim();
    if trimmed.is_empty() {
        nothing_to_explain("the query is empty");
    }
    let Some(found) = find(trimmed) else {
        return write_miss(trimmed, args.json);
    };
    let mut out = anstream::stdout().lock();
    if args.json {
        write_found_json(
            &mut out,
            trimmed,
            &found,
            args.cloud.unwrap_or(Cloud::Public),
        )?;
    } else {
        write_found_text(&mut out, &found, args.cloud)?;
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// The `explain --json` document, its keys sorted.
fn write_found_json(
    out: &mut impl Write,
    query: &str,
    found: &Found,
    cloud: Cloud,
) -> io::Result<()> {
    write_json(out, &Explanation::new(query, found, cloud))
}

fn write_json(out: &mut impl Write, document: &impl serde::Serialize) -> io::Result<()> {
    let value = nps_mfa_errors::serve::sorted_keys(serde_json::to_value(document)?);
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}

fn write_found_text(out: &mut impl Write, found: &Found, chosen: Option<Cloud>) -> io::Result<()> {
    let cloud = chosen.unwrap_or(Cloud::Public);
    match found {
        Found::Code(code) => write_text(out, &Match::code(*code), cloud),
        Found::Message(m) => write_text(out, &Match::message(m), cloud),
        Found::Scan(list) => findings::write_text(out, list, cloud),
        Found::Setting(setting) => write_setting_for(out, *setting, chosen),
        Found::Symptom(symptom) => write_symptom(out, *symptom, cloud),
        Found::Aadsts(code) => write_aadsts(out, code),
    }
}

/// An Entra sign-in error: where Microsoft explains it, and how to find the extension's code.
fn write_aadsts(out: &mut impl Write, code: &str) -> io::Result<()> {
    writeln!(
        out,
        "{CODE}{code}{CODE:#}  {DIM}Microsoft Entra sign-in error{DIM:#}"
    )?;
    let text = "Not an NPS extension code: Microsoft Entra ID returned it, and the extension \
                logs it inside the message of one of its own codes (paste the whole log line to \
                see which). Microsoft explains it at:";
    write!(out, "{}", wrap("", 0, text))?;
    let url = aadsts_url(code).unwrap_or_default();
    writeln!(out, "{url}")
}

/// Bad usage: exits with clap's usage message and code 2.
fn nothing_to_explain(why: &str) -> ! {
    crate::output::usage_error(
        "explain",
        format!(
            "{why}: give a code, a message or a log line as an argument, or pipe it to \
             standard input"
        ),
    )
}

/// Nothing found: the reason and the suggestions (the closest code, then what a keyword search
/// finds) on stderr, and with `--json` an error document on stdout.
fn write_miss(query: &str, json: bool) -> io::Result<Outcome> {
    let miss = Miss::new(query);
    let mut err = anstream::stderr().lock();
    writeln!(
        err,
        "nps-mfa-errors: {}",
        crate::output::escape(&miss.error)
    )?;
    if miss.targets.len() > 1 {
        let mut list = Vec::new();
        write_hits(&mut list, &miss.targets)?;
        err.write_all(&list)?;
    }
    if json {
        let mut out = io::stdout().lock();
        write_json(&mut out, &miss)?;
        out.flush()?;
    }
    Ok(Outcome::NotFound)
}

/// A code, and the entry and wording a message matched, if it was a message.
pub(crate) struct Match {
    code: ErrorCode,
    entry: Option<&'static Entry>,
    wording: Option<&'static Wording>,
    similarity: Option<Similarity>,
}

impl Match {
    pub(crate) fn code(code: ErrorCode) -> Match {
        Match {
            code,
            entry: None,
            wording: None,
            similarity: None,
        }
    }

    fn message(m: &MessageMatch) -> Match {
        Match {
            code: m.code(),
            entry: Some(m.entry()),
            wording: Some(m.wording()),
            similarity: Some(m.similarity()),
        }
    }

    /// The entry a scan attributed, without a wording.
    pub(crate) fn entry(code: ErrorCode, entry: Option<&'static Entry>) -> Match {
        Match {
            code,
            entry,
            wording: None,
            similarity: None,
        }
    }
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

/// A code as text: its category and summary, the matched wording, the matched entry (or every
/// entry), and the related facts for `cloud`.
pub(crate) fn write_text(out: &mut impl Write, found: &Match, cloud: Cloud) -> io::Result<()> {
    let code = found.code;
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
    if let Some(wording) = found.wording {
        writeln!(out)?;
        let mut quoted = format!("\"{}\"", wording.text());
        if let Some(similarity) = found.similarity.filter(|s| !s.is_exact()) {
            quoted.push_str(&format!(" ({similarity} to what was pasted)"));
        }
        write!(out, "{}", wrap("Matched wording: ", 17, &quoted))?;
    }
    let entries: Vec<(usize, &Entry)> = match found.entry {
        Some(entry) => vec![(entry_index(code, entry).unwrap_or(0), entry)],
        None => code.entries().iter().enumerate().collect(),
    };
    let total = code.entries().len();
    for (index, entry) in &entries {
        writeln!(out)?;
        write_entry(out, *index, total, entry)?;
    }
    let related = found.entry.map_or_else(|| code.related(), Entry::related);
    write_related(out, related, code.symptoms(), cloud)
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
