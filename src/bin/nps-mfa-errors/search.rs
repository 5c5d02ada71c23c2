//! `search`: keyword search over codes, settings and symptoms.

use std::io::{self, Write};

use nps_mfa_errors::search::{search_limit, searched_words, Hit, Target};

use crate::output::{wrap, CODE, DIM};
use crate::Outcome;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Words are matched on their stem (fails, failed and failing are one word); results \
that match more of the words come first, then the BM25 score. Follow up with \
`explain NAME`.\n\nExit codes: 0 results, 1 none, 2 bad usage.")]
pub struct Args {
    /// The words to look for ("number matching", "ip whitelist", "vpn fails").
    #[arg(required = true, value_name = "WORDS")]
    words: Vec<String>,
    /// At most this many results (1 or more).
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = at_least_one)]
    limit: usize,
    /// Write a JSON array instead of text.
    #[arg(long)]
    json: bool,
}

fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("a search shows at least 1 result".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{text}` is not a number")),
    }
}

pub fn run(args: &Args) -> io::Result<Outcome> {
    let query = args.words.join(" ");
    if query.trim().is_empty() {
        crate::output::usage_error(
            "search",
            "the words are empty: give the words to look for".to_owned(),
        );
    }
    if !args.json && searched_words(&query).is_empty() {
        eprintln!(
            "nps-mfa-errors: `{query}` holds only words a search ignores (the, why, how, not, \
             ...); add a word about the problem, such as `vpn fails` or `number matching`"
        );
        return Ok(Outcome::NotFound);
    }
    let hits = search_limit(&query, args.limit);
    let mut out = anstream::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &hits)?;
        writeln!(out)?;
    } else if hits.is_empty() {
        drop(out);
        eprintln!(
            "nps-mfa-errors: nothing in the catalog mentions `{query}`; try other words, or \
             `list` for every code"
        );
        return Ok(Outcome::NotFound);
    } else {
        write_hits(&mut out, &hits)?;
    }
    out.flush()?;
    Ok(if hits.is_empty() {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}

/// One result per paragraph: the name, its kind and how many words it matched, then its
/// summary.
pub fn write_hits(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    for hit in hits {
        let coverage = if hit.matches_all() {
            String::new()
        } else {
            format!(", {} of {} words", hit.matched.len(), hit.query_words)
        };
        write_target(out, hit.target, &coverage)?;
    }
    Ok(())
}

/// Results without scores, as `explain` suggests them.
pub fn write_targets(out: &mut impl Write, targets: &[Target]) -> io::Result<()> {
    for &target in targets {
        write_target(out, target, "")?;
    }
    Ok(())
}

fn write_target(out: &mut impl Write, target: Target, note: &str) -> io::Result<()> {
    writeln!(
        out,
        "{CODE}{}{CODE:#}  {DIM}{}{note}{DIM:#}",
        target.name(),
        target.kind()
    )?;
    write!(out, "{}", wrap("  ", 2, target.summary()))
}
