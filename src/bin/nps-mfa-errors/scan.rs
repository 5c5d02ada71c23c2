//! `scan`: find every documented code and message in logs, files, folders or stdin, and
//! report them grouped by code.

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use nps_mfa_errors::scan::report::{FileTotal, Group, Report};
use nps_mfa_errors::scan::{files_under, Finding, FoundCode, InputFormat, ScanError, Scanner};
use nps_mfa_errors::ErrorCode;

use crate::output::{truncate, wrap, CODE, DIM, HEADING};
use crate::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to scan (folders recursively, as an unzipped C:\NPS bundle); `-` or
    /// nothing reads standard input.
    paths: Vec<String>,
    /// Write JSON Lines: one finding per line.
    #[arg(long, conflicts_with = "summary_json")]
    json: bool,
    /// Write the grouped report as one JSON object.
    #[arg(long)]
    summary_json: bool,
}

/// Inputs bigger than this get a progress bar (on a terminal).
const PROGRESS_THRESHOLD: u64 = 8 * 1024 * 1024;
/// How many users a group shows.
const SHOWN: usize = 5;

pub fn run(args: &Args) -> io::Result<Outcome> {
    let paths: Vec<String> = if args.paths.is_empty() {
        vec!["-".to_owned()]
    } else {
        args.paths.clone()
    };
    if paths.iter().any(|p| p == "-") && io::stdin().is_terminal() {
        eprintln!("nps-mfa-errors: scan: give a file or folder to scan, or pipe a log into standard input");
        return Ok(Outcome::Failed);
    }
    let scanner = Scanner::shared();
    let mut report = Report::default();
    let mut errors: Vec<ScanError> = vec![];
    let mut inputs: Vec<Input> = vec![];
    for path in &paths {
        if path == "-" {
            inputs.push(Input::Stdin);
        } else {
            inputs.extend(
                files_under(Path::new(path), &mut errors)
                    .into_iter()
                    .map(Input::File),
            );
        }
    }
    let total: u64 = inputs.iter().map(Input::size).sum();
    let progress = (total > PROGRESS_THRESHOLD && io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut write_error: Option<io::Error> = None;
    for input in inputs {
        let name = input.name();
        let mut count = 0_u64;
        let mut sink = |finding: Finding| {
            count += 1;
            if args.json && write_error.is_none() {
                let line = serde_json::to_string(&finding).map_err(io::Error::other);
                if let Err(e) = line.and_then(|l| writeln!(out, "{l}")) {
                    write_error = Some(e);
                }
            }
            report.add(finding);
        };
        let reader: Box<dyn Read> = match &input {
            Input::Stdin => Box::new(io::stdin().lock()),
            Input::File(path) => match File::open(path) {
                Ok(file) => Box::new(file),
                Err(error) => {
                    errors.push(ScanError {
                        path: Some(path.clone()),
                        kind: error.into(),
                    });
                    continue;
                }
            },
        };
        let reader: Box<dyn Read> = match &progress {
            Some(bar) => Box::new(bar.wrap_read(reader)),
            None => reader,
        };
        let result = scanner.scan_reader(reader, Some(&name), &mut sink);
        if let Some(error) = write_error.take() {
            return Err(error);
        }
        match result {
            Ok(summary) => report.add_file(FileTotal::scanned(name, summary, count)),
            Err(error) => {
                report.add_file(FileTotal::unreadable(name, count));
                errors.push(error);
            }
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if args.summary_json {
        serde_json::to_writer_pretty(&mut out, &report.summary(&errors))?;
        writeln!(out)?;
    } else if !args.json {
        drop(out);
        let mut out = anstream::stdout().lock();
        write_text(&report, &mut out)?;
        out.flush()?;
    }
    for error in &errors {
        eprintln!("nps-mfa-errors: {error}");
    }
    Ok(if !errors.is_empty() {
        Outcome::Failed
    } else if report.is_empty() {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}

enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }

    fn size(&self) -> u64 {
        match self {
            Input::Stdin => 0,
            Input::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
        }
    }
}

/// The grouped report as text: one block per code, then the inputs.
fn write_text(report: &Report, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{HEADING}NPS extension triage{HEADING:#}: {} finding(s), {} code(s)",
        report.findings(),
        report.codes()
    )?;
    for (code, group) in report.ordered() {
        writeln!(out)?;
        write_group(out, code, group)?;
    }
    writeln!(out)?;
    writeln!(out, "{HEADING}Inputs{HEADING:#}")?;
    for file in report.files() {
        let format = file.format.map_or("unreadable", InputFormat::as_str);
        let line = format!(
            "{} finding(s), {} bytes, {format}",
            file.findings, file.bytes
        );
        write!(out, "{}", wrap(&format!("  {}: ", file.name), 4, &line))?;
    }
    Ok(())
}

fn write_group(out: &mut impl Write, code: &FoundCode, group: &Group) -> io::Result<()> {
    let category = code
        .documented()
        .map_or("undocumented", |c| c.category().as_str());
    writeln!(
        out,
        "{CODE}{code}{CODE:#}  {DIM}{category}{DIM:#}  x{}",
        group.count()
    )?;
    match code.documented() {
        Some(documented) => write!(out, "{}", wrap("  ", 2, documented.summary()))?,
        None => write!(out, "{}", wrap("  ", 2, "Not in the catalog: the log marks it as an error code, but no Microsoft page documents it. Search the event's full text, and report it so the catalog can grow."))?,
    }
    if let (Some(first), Some(last)) = (group.first_seen(), group.last_seen()) {
        writeln!(out, "  Seen: {first} .. {last}")?;
    }
    let users = group.users();
    if !users.is_empty() {
        let mut shown: Vec<String> = users
            .iter()
            .take(SHOWN)
            .map(|(u, n)| format!("{u} ({n})"))
            .collect();
        if users.len() > SHOWN {
            shown.push(format!("and {} more", users.len() - SHOWN));
        }
        let first = format!("  Users ({}): ", users.len());
        write!(out, "{}", wrap(&first, 4, &shown.join(", ")))?;
    }
    if !group.cids().is_empty() {
        let more = group.cid_total().saturating_sub(group.cids().len() as u64);
        let mut text = group.cids().join(", ");
        if more > 0 {
            text.push_str(&format!(" (+{more} more)"));
        }
        write!(out, "{}", wrap("  CIDs: ", 4, &text))?;
    }
    let aadsts: Vec<&str> = group.aadsts().collect();
    if !aadsts.is_empty() {
        let text = aadsts.join(", ");
        write!(out, "{}", wrap("  Embedded sign-in errors: ", 4, &text))?;
    }
    if let Some(documented) = code.documented() {
        write_first_steps(out, documented, group)?;
    }
    Ok(())
}

/// The matched entry's message and its first two steps.
fn write_first_steps(out: &mut impl Write, code: ErrorCode, group: &Group) -> io::Result<()> {
    let entry = &code.entries()[group.entries().first().copied().unwrap_or(0)];
    if let Some(message) = entry.message() {
        let text = format!("\"{}\"", truncate(message, 200));
        write!(out, "{}", wrap("  Message: ", 4, &text))?;
    }
    writeln!(out, "  What to do first:")?;
    for (i, step) in entry.steps().iter().take(2).enumerate() {
        write!(out, "{}", wrap(&format!("    {}. ", i + 1), 7, step))?;
    }
    writeln!(out, "  {DIM}More: nps-mfa-errors explain {code}{DIM:#}")
}
