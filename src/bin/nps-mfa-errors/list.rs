//! `list`: one line per code.

use std::io::{self, Write};

use nps_mfa_errors::{Category, ErrorCode};

use crate::output::{truncate, CODE, WIDTH};
use crate::Outcome;

/// Codes longer than this do not widen the code column.
const ALIGNED_CODE: usize = 33;
/// Narrower than this, a summary is left out rather than cut to nothing.
const MIN_SUMMARY: usize = 12;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only the codes documented in this category (nps_extension, alternate_login_id,
    /// user_error, not_an_error, requires_support).
    #[arg(long, value_name = "ID")]
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
        // Codes up to this long line up; the few longer ones push their line's columns right.
        let code_width = codes
            .iter()
            .map(|c| c.as_str().len())
            .filter(|&n| n <= ALIGNED_CODE)
            .max()
            .unwrap_or(0);
        let category_width = codes
            .iter()
            .map(|c| c.category().as_str().len())
            .max()
            .unwrap_or(0);
        for code in &codes {
            let name = code.as_str();
            let category = code.category().as_str();
            let used = name.len().max(code_width) + 2 + category_width + 2;
            let room = WIDTH.saturating_sub(used);
            if room < MIN_SUMMARY {
                writeln!(out, "{CODE}{name:code_width$}{CODE:#}  {category}")?;
            } else {
                let summary = truncate(code.summary(), room);
                writeln!(
                    out,
                    "{CODE}{name:code_width$}{CODE:#}  {category:category_width$}  {summary}"
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if codes.is_empty() {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}
