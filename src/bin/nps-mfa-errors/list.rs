//! `list`: one line per code.

use std::io::{self, Write};

use nps_mfa_errors::{Category, ErrorCode};

use crate::output::{truncate, CODE, WIDTH};
use crate::Outcome;

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
        let code_width = codes.iter().map(|c| c.as_str().len()).max().unwrap_or(0);
        for code in &codes {
            let name = code.as_str();
            let category = code.category().as_str();
            let room = WIDTH.saturating_sub(code_width + category.len() + 4);
            let summary = truncate(code.summary(), room.max(20));
            writeln!(out, "{CODE}{name:code_width$}{CODE:#}  {category}  {summary}")?;
        }
    }
    out.flush()?;
    Ok(if codes.is_empty() { Outcome::NotFound } else { Outcome::Found })
}
