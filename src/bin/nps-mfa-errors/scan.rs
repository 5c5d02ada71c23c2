//! `scan`: find every documented code and message in logs, files, folders or stdin, and
//! report them grouped by code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use nps_mfa_errors::scan::report::{FileTotal, Group, Report};
use nps_mfa_errors::scan::{
    files_under, parse_utc_offset, BundleOptions, BundleScan, FoundCode, InputFormat, Record,
    ScanError, Scanner,
};
use nps_mfa_errors::ErrorCode;

use crate::bundle_report::BundleReport;
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
    /// The UTC offset of the machine that wrote the logs (`+01:00`, `-05:00`): its local
    /// times (text exports) become UTC, comparable with the UTC times of XML and .evtx.
    #[arg(long, value_name = "±HH:MM", value_parser = utc_offset)]
    utc_offset: Option<jiff::tz::Offset>,
}

fn utc_offset(text: &str) -> Result<jiff::tz::Offset, String> {
    parse_utc_offset(text).ok_or_else(|| format!("`{text}` is not an offset like +01:00 or -05:30"))
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
    let mut extras = BundleReport::default();
    let options = BundleOptions::default().with_utc_offset(args.utc_offset);
    let mut bundle = BundleScan::new(scanner, options);
    for input in inputs {
        let mut sink = |record: Record| {
            let streamed = !matches!(record, Record::Nps(_));
            if args.json && streamed && write_error.is_none() {
                let line = serde_json::to_string(&record).map_err(io::Error::other);
                if let Err(e) = line.and_then(|l| writeln!(out, "{l}")) {
                    write_error = Some(e);
                }
            }
            match record {
                Record::Extension(finding) => {
                    if let Some(user) = &finding.user {
                        let (code, cid) = (finding.code.as_str(), finding.cid.as_deref());
                        extras.timeline.add_extension(
                            user,
                            code,
                            finding.time,
                            cid,
                            finding.file.as_ref(),
                        );
                    }
                    report.add(finding);
                }
                Record::Nps(event) => {
                    extras.timeline.add_nps(&event);
                    extras.nps.push(*event);
                }
                Record::Config(config) => extras.config.push(config),
                _ => {}
            }
        };
        match &input {
            Input::Stdin => bundle.scan_reader(&mut io::stdin().lock(), "-", &mut sink),
            Input::File(path) => bundle.scan_file(path, &mut sink),
        }
        if let Some(error) = write_error.take() {
            return Err(error);
        }
        if let Some(bar) = &progress {
            bar.inc(input.size());
        }
    }
    for input in std::mem::take(&mut bundle.inputs) {
        let notes = input.summary.as_ref().map(|s| (s.format, s.notes.clone()));
        match notes {
            Some((InputFormat::Evtx, warnings)) => {
                extras
                    .event_logs
                    .push((input.name.clone(), input.events.unwrap_or(0), warnings));
            }
            Some((InputFormat::Binary, why)) => {
                extras.skipped.push((input.name.clone(), why.join(" ")));
            }
            _ => {}
        }
        report.add_file(match input.summary {
            Some(summary) => FileTotal::scanned(input.name, summary, input.records),
            None => FileTotal::unreadable(input.name, input.records),
        });
    }
    errors.append(&mut bundle.errors);
    if args.json {
        // NPS records come last: each carries the extension finding it links to.
        for record in extras.nps_json() {
            writeln!(out, "{record}")?;
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let found = !report.is_empty() || !extras.is_empty();
    if args.summary_json {
        let mut summary = serde_json::to_value(report.summary(&errors))?;
        if let Some(object) = summary.as_object_mut() {
            object.extend(extras.into_json());
            object.insert("duplicates".into(), bundle.duplicates.into());
        }
        serde_json::to_writer_pretty(&mut out, &summary)?;
        writeln!(out)?;
    } else if !args.json {
        drop(out);
        let mut out = anstream::stdout().lock();
        write_text(&report, &mut out)?;
        extras.write_text(&mut out)?;
        out.flush()?;
    }
    for error in &errors {
        eprintln!("nps-mfa-errors: {error}");
    }
    Ok(if !errors.is_empty() {
        Outcome::Failed
    } else if !found {
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
