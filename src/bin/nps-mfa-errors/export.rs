//! `export`: the whole catalog in one format.

use std::io::{self, Write};

use nps_mfa_errors::{export, Category, Entry, ErrorCode};

use crate::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The dashboard format: one object with `schema_version`, `categories`, `documents`,
    /// `codes` (entries, related facts, symptoms) and the facts: `registry_path`, `settings`,
    /// `clouds`, `services`, `endpoints`, `event_channels`, `protocols`, `methods`,
    /// `certificate`, `symptoms`.
    Json,
    /// The same structure as the JSON; dates are quoted so they load as strings.
    Yaml,
    /// One row per (code, entry): the catalog only, without the facts.
    Csv,
    /// One section per category, one table row per entry: the catalog only.
    Markdown,
    /// KQL `let` statements for Sentinel / Log Analytics / Data Explorer: the
    /// `NpsMfaErrorCodes` datatable and the `NpsMfaErrorTriage` function.
    Kql,
    /// A lookup table: one row per code, one line per row (Sentinel watchlist, Splunk lookup).
    LookupCsv,
    /// One JSON document per line, one per code (an Elastic enrich index).
    Ndjson,
    /// The JSON Schema of the `json` export, generated from its types.
    JsonSchema,
}

/// The help's closing text: the schema version and the exit codes.
fn after_help() -> String {
    format!(
        "The JSON and YAML exports follow schema {}: fields are only ever added; a removal or \
         a change of meaning bumps `schema_version`.\n\nExit codes: 0 written, 2 bad usage or \
         a write error.",
        nps_mfa_errors::SCHEMA_VERSION
    )
}

#[derive(Debug, clap::Args)]
#[command(after_help = after_help())]
pub struct Args {
    /// Output format (any case).
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Json)]
    format: Format,
}

pub fn run(args: &Args) -> io::Result<Outcome> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &export::catalog())?;
            writeln!(out)?;
        }
        // Rendered in memory first, so that writing reports a plain `io::Error` (a closed pipe
        // stays recognisable) rather than one wrapped by the format's error type.
        Format::Yaml => {
            let yaml = serde_yaml::to_string(&export::catalog()).map_err(io::Error::other)?;
            out.write_all(quote_dates(&yaml).as_bytes())?;
        }
        Format::Csv => out.write_all(&csv_bytes()?)?,
        Format::Markdown => write_markdown(&mut out)?,
        Format::Kql => out.write_all(export::kql().as_bytes())?,
        Format::LookupCsv => out.write_all(export::lookup_csv().as_bytes())?,
        Format::JsonSchema => {
            serde_json::to_writer_pretty(&mut out, &export::json_schema())?;
            writeln!(out)?;
        }
        Format::Ndjson => {
            for row in export::lookup_rows() {
                serde_json::to_writer(&mut out, &row)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}

fn rows() -> impl Iterator<Item = (ErrorCode, usize, &'static Entry)> {
    ErrorCode::all().flat_map(|code| {
        code.entries()
            .iter()
            .enumerate()
            .map(move |(i, e)| (code, i, e))
    })
}

fn csv_bytes() -> io::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "code",
        "entry",
        "category",
        "message_keyed",
        "message",
        "wordings",
        "summary",
        "steps",
        "links",
        "sources",
    ])?;
    for (code, index, entry) in rows() {
        let wordings: Vec<&str> = entry.wordings().iter().map(|w| w.text()).collect();
        let links: Vec<&str> = entry.links().iter().map(|l| l.url()).collect();
        let sources: Vec<String> = entry
            .sources()
            .iter()
            .map(|s| format!("{}: {}", s.document().id(), s.section()))
            .collect();
        let steps: Vec<String> = entry.numbered_steps().collect();
        writer.write_record([
            code.as_str(),
            &(index + 1).to_string(),
            entry.category().as_str(),
            if code.is_message_keyed() {
                "true"
            } else {
                "false"
            },
            entry.message().unwrap_or(""),
            &wordings.join("\n"),
            entry.summary(),
            &steps.join("\n"),
            &links.join("\n"),
            &sources.join("\n"),
        ])?;
    }
    writer
        .into_inner()
        .map_err(|error| io::Error::other(error.to_string()))
}

/// Quotes plain YAML scalars that are dates (`2017-04-13`): YAML 1.1 loaders, PyYAML among
/// them, read them as dates, not the strings they are. serde_yaml writes every other string
/// that could read as something else quoted already.
fn quote_dates(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len() + 1024);
    for line in yaml.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let value_at = body.find(": ").map(|i| i + 2).or_else(|| {
            body.trim_start()
                .starts_with("- ")
                .then(|| body.find("- ").unwrap_or(0) + 2)
        });
        match value_at {
            Some(at) if is_date(&body[at..]) => {
                out.push_str(&body[..at]);
                out.push('\'');
                out.push_str(&body[at..]);
                out.push('\'');
                out.push_str(&line[body.len()..]);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// `YYYY-MM-DD`, the form of every date in the catalog.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Escapes a table cell of plain text: pipes and line breaks would break the row, and
/// backslashes, backticks, `*`, `_`, brackets and `<` would read as Markdown or HTML.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push(' '),
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A code span in a table cell: backslashes stay as they are (they do not escape inside code),
/// a pipe is written `\|` (GitHub tables require it even in code), and the fence is longer than
/// any run of backticks in the text.
fn code_span(text: &str) -> String {
    let text = text.replace('\n', " ").replace('|', "\\|");
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn write_markdown(out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# NPS extension error codes\n")?;
    writeln!(
        out,
        "Generated by `nps-mfa-errors export --format markdown` (schema {}).\n",
        nps_mfa_errors::SCHEMA_VERSION
    )?;
    for category in Category::all() {
        writeln!(
            out,
            "## {} (`{}`)\n\n{}\n",
            category.title(),
            category.as_str(),
            category.description()
        )?;
        writeln!(out, "| Code | Message | What to do |\n| --- | --- | --- |")?;
        for (code, _, entry) in rows().filter(|(_, _, e)| e.category() == category) {
            let message = match entry.wordings() {
                [] => String::new(),
                wordings => wordings
                    .iter()
                    .map(|w| code_span(w.text()))
                    .collect::<Vec<_>>()
                    .join("<br>"),
            };
            let steps: Vec<String> = entry
                .steps()
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{}. {}", i + 1, cell(s)))
                .collect();
            writeln!(
                out,
                "| **{}** | {} | {} |",
                code.as_str(),
                message,
                steps.join("<br>")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_quoted_and_nothing_else_changes() {
        let yaml = "a: 2017-04-13\nb: 2017-04-13 and more\n- 2025-03-04\nc: x\n";
        assert_eq!(
            quote_dates(yaml),
            "a: '2017-04-13'\nb: 2017-04-13 and more\n- '2025-03-04'\nc: x\n"
        );
    }

    #[test]
    fn code_spans_keep_backslashes_and_escape_pipes() {
        assert_eq!(code_span(r"DOMAIN\user"), r"`DOMAIN\user`");
        assert_eq!(code_span("a|b"), r"`a\|b`");
        assert_eq!(code_span("a`b"), "``a`b``");
    }

    #[test]
    fn plain_cells_escape_markdown() {
        assert_eq!(cell(r"C:\NPS <tenant>"), r"C:\\NPS \<tenant\>");
    }
}
