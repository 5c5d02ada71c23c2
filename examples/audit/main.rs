//! Catalog audit: lists the rows of Microsoft's errors pages that `data/catalog.yaml` does not
//! record.
//!
//! ```text
//! cargo run --example audit -- ../shared/seeds/*.txt ../shared/sources/*.tsv
//! ```
//!
//! For every row of every error table of every page given (markdown, English or
//! machine-translated, or the `.tsv` extract of a newer version) it checks that the catalog has
//! the code (or the message-keyed label), an entry that cites this document version under the
//! same section heading, and the row's exact wording attributed to this version. Pages with no
//! error table (the NPS extension how-to) are read and reported as such. Exits 1 if any row is
//! missing, 2 if a page cannot be read.

mod page;
#[cfg(test)]
mod tests;

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: audit PAGE.md|PAGE.txt|EXTRACT.tsv ...");
        return ExitCode::from(2);
    }
    let (mut missing_total, mut rows_total, mut unreadable) = (0, 0, 0);
    for path in &paths {
        match audit(Path::new(path)) {
            Ok((rows, missing)) => {
                rows_total += rows;
                missing_total += missing;
            }
            Err(error) => {
                eprintln!("{path}: {error}");
                unreadable += 1;
            }
        }
    }
    println!(
        "audit: {} page(s), {rows_total} row(s), {missing_total} missing, {unreadable} unreadable",
        paths.len()
    );
    if unreadable > 0 {
        ExitCode::from(2)
    } else if missing_total > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn audit(path: &Path) -> Result<(usize, usize), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let page = if name.ends_with(".tsv") {
        page::parse_tsv(name, &text)?
    } else {
        page::parse_markdown(&text)?
    };
    let missing = page::missing_rows(&page)?;
    let id = page.document().map_or("?", |d| d.id());
    if page.rows.is_empty() {
        println!("{}: {id}: no error table, nothing to check", path.display());
    } else {
        println!(
            "{}: {id}: {} row(s), {} missing",
            path.display(),
            page.rows.len(),
            missing.len()
        );
    }
    for m in &missing {
        println!("  line {}: {}", m.row.line, m.reason);
    }
    Ok((page.rows.len(), missing.len()))
}
