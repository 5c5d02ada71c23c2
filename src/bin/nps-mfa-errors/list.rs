//! `list`: every code with its categories and summary, fitted to the terminal's width.

use std::io::{self, IsTerminal, Write};

use nps_mfa_errors::{Category, ErrorCode};

use crate::output::{wrap_to, CODE, DIM, WIDTH};
use crate::Outcome;

/// A summary column narrower than this is hard to read: below it, each code gets its own line
/// and the summary wraps under it.
const MIN_SUMMARY: usize = 36;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Text fits the terminal's width (the COLUMNS variable overrides it; 80 columns when \
the output is not a terminal): a table when the summaries have room, else each code \
on its own line with its summary wrapped beneath. Summaries wrap between words and \
are never cut.\n\nExit codes: 0 codes listed, 1 none, 2 bad usage.")]
pub struct Args {
    /// Only the codes documented in this category, in any case: nps_extension,
    /// alternate_login_id, user_error, not_an_error, requires_support.
    #[arg(long, value_name = "ID", value_parser = crate::values::category)]
    category: Option<Category>,
    /// Write a JSON array instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &Args) -> io::Result<Outcome> {
    let codes: Vec<ErrorCode> = match args.category {
        Some(category) => category.codes().to_vec(),
        None => ErrorCode::all().collect(),
    };
    let mut out = anstream::stdout().lock();
    if args.json {
        let rows: Vec<_> = codes
            .iter()
            .map(|code| {
                serde_json::json!({
                    "code": code,
                    "category": code.category(),
                    "categories": code.categories(),
                    "message_keyed": code.is_message_keyed(),
                    "summary": code.summary(),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        let rows: Vec<Row> = codes.iter().map(|&code| Row::new(code)).collect();
        write_rows(&mut out, &rows, width())?;
    }
    out.flush()?;
    Ok(if codes.is_empty() {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}

/// The width to fit: `COLUMNS` if set, else the terminal's, else 80.
fn width() -> usize {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c >= 20)
    {
        return columns;
    }
    let stdout = io::stdout();
    if stdout.is_terminal() {
        if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(&stdout) {
            return usize::from(w).max(20);
        }
    }
    WIDTH
}

/// One code: its name, every category it is documented in, its summary.
struct Row {
    code: &'static str,
    categories: String,
    summary: &'static str,
}

impl Row {
    fn new(code: ErrorCode) -> Row {
        let categories: Vec<&str> = code.categories().iter().map(|c| c.as_str()).collect();
        Row {
            code: code.as_str(),
            categories: categories.join(", "),
            summary: code.summary(),
        }
    }
}

/// A table (code, categories, summary wrapped in its column) when the summary column gets at
/// least [`MIN_SUMMARY`] characters; else each code and its categories on one line and the
/// summary wrapped beneath, indented.
fn write_rows(out: &mut impl Write, rows: &[Row], width: usize) -> io::Result<()> {
    let code_width = rows.iter().map(|r| r.code.len()).max().unwrap_or(0);
    let category_width = rows.iter().map(|r| r.categories.len()).max().unwrap_or(0);
    let summary_at = code_width + 2 + category_width + 2;
    let table = width >= summary_at + MIN_SUMMARY;
    for row in rows {
        let (code, categories) = (row.code, &row.categories);
        if table {
            let lead = " ".repeat(summary_at);
            let wrapped = wrap_to(width, &lead, summary_at, row.summary);
            let summary = wrapped.trim_start();
            write!(
                out,
                "{CODE}{code:code_width$}{CODE:#}  {DIM}{categories:category_width$}{DIM:#}  {summary}"
            )?;
        } else {
            if code.len() + 2 + categories.len() <= width {
                writeln!(out, "{CODE}{code}{CODE:#}  {DIM}{categories}{DIM:#}")?;
            } else {
                writeln!(out, "{CODE}{code}{CODE:#}\n    {DIM}{categories}{DIM:#}")?;
            }
            write!(out, "{}", wrap_to(width, "    ", 4, row.summary))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(width: usize) -> String {
        let rows: Vec<Row> = ErrorCode::all().map(Row::new).collect();
        let mut out = Vec::new();
        write_rows(&mut out, &rows, width).unwrap();
        strip_styles(&String::from_utf8(out).unwrap())
    }

    /// The text without its ANSI style sequences (`ESC [ ... m`).
    fn strip_styles(text: &str) -> String {
        let mut out = String::new();
        let mut in_escape = false;
        for c in text.chars() {
            match (in_escape, c) {
                (false, '\u{1b}') => in_escape = true,
                (true, 'm') => in_escape = false,
                (true, _) => {}
                (false, c) => out.push(c),
            }
        }
        out
    }

    #[test]
    fn every_line_fits_and_no_summary_is_cut() {
        // The longest code has 43 characters.
        for width in [44, 80, 120, 200] {
            let text = listing(width);
            for line in text.lines() {
                assert!(line.chars().count() <= width, "{width}: {line:?}");
            }
            let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for code in ErrorCode::all() {
                assert!(words.contains(code.summary()), "{width}: {code}");
            }
        }
    }
}
