//! `explain`: everything about one code, or about the message a log line carries.

use std::io::{self, Read, Write};

use nps_mfa_errors::export::CodeRecord;
use nps_mfa_errors::{lookup, Entry, ErrorCode, Lookup};

use crate::output::{wrap, CODE, DIM, HEADING};
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A code in any case (`ests_token_error`), a message as logged, or `-` to read it from
    /// standard input.
    query: String,
    /// Write JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> io::Result<Outcome> {
    let query = if args.query == "-" {
        let mut text = String::new();
        io::stdin().read_to_string(&mut text)?;
        text
    } else {
        args.query.clone()
    };
    let found = match lookup(&query) {
        Ok(found) => found,
        Err(error) => {
            eprintln!("nps-mfa-errors: {error}");
            return Ok(Outcome::NotFound);
        }
    };
    let mut out = anstream::stdout().lock();
    if args.json {
        write_json(&mut out, query.trim(), &found)?;
    } else {
        write_text(&mut out, &found)?;
    }
    out.flush()?;
    Ok(Outcome::Found)
}

fn write_json(out: &mut impl Write, query: &str, found: &Lookup) -> io::Result<()> {
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
    });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}

fn entry_index(code: ErrorCode, entry: &Entry) -> Option<usize> {
    code.entries().iter().position(|e| std::ptr::eq(e, entry))
}

fn write_text(out: &mut impl Write, found: &Lookup) -> io::Result<()> {
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
    for (index, entry) in entries {
        writeln!(out)?;
        write_entry(out, index, total, entry)?;
    }
    Ok(())
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
    writeln!(out, "  {HEADING}Sources{HEADING:#}:")?;
    for source in entry.sources() {
        let document = source.document();
        let mut text = format!(
            "{} ({}, {}), section \"{}\"",
            document.title(),
            document.date(),
            document.locale(),
            source.section()
        );
        if let Some(note) = source.note() {
            text.push_str(&format!(". {note}"));
        }
        write!(out, "{}", wrap("  - ", 4, &text))?;
    }
    Ok(())
}
