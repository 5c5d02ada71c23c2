//! `scan`: find every documented code and message in logs, files, folders or stdin, and
//! report them grouped by code.
//!
//! Errors reach standard error as they happen, before anything closes standard output; a
//! closed output (`| head`) stops the writing, not the scan, so an unreadable input still ends
//! with exit code 2. With `--json` nothing is kept: memory does not grow with the findings.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use nps_mfa_errors::scan::bundle_report::BundleReport;
use nps_mfa_errors::scan::report::{Group, Report};
use nps_mfa_errors::scan::{
    parse_utc_offset, walk, BundleOptions, BundleScan, Finding, FoundCode, InputFormat, Record,
    ScanError, Scanner, Verdict,
};
use nps_mfa_errors::ErrorCode;

use crate::bundle_report::{shown_event_time, shown_time};
use crate::output::{escape, json_safe, truncate, warn, wrap, CODE, DIM, HEADING};
use crate::Outcome;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 something to look at (a finding, a configuration warning or \
error, an NPS request not granted), 1 none, 2 an input could not be read or was cut off (the \
others are still scanned and reported) or bad usage."
)]
pub struct Args {
    /// Files or folders to scan (folders recursively, as an unzipped C:\NPS bundle); `-` or
    /// nothing reads standard input.
    paths: Vec<PathBuf>,
    /// Write JSON Lines: one finding per line.
    #[arg(long, conflicts_with = "summary_json")]
    json: bool,
    /// Write the grouped report as one JSON object.
    #[arg(long)]
    summary_json: bool,
    /// The UTC offset of the machine that wrote the logs (`+01:00`, `-05:00`): its local
    /// times (text exports) become UTC, comparable with the UTC times of XML and .evtx.
    #[arg(long, value_name = "±HH:MM", value_parser = utc_offset, allow_hyphen_values = true)]
    utc_offset: Option<jiff::tz::Offset>,
    /// Threads that scan one large log file (default or 0: one per core, up to 8; 1 uses no
    /// extra thread; a number above 64 uses 64). The findings are the same whatever the
    /// number.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

/// The shared scanner, or one with its own thread count (built once per run).
fn scanner(threads: Option<usize>) -> &'static Scanner {
    match threads {
        None => Scanner::shared(),
        Some(threads) => Box::leak(Box::new(Scanner::new().with_threads(threads))),
    }
}

fn utc_offset(text: &str) -> Result<jiff::tz::Offset, String> {
    parse_utc_offset(text).ok_or_else(|| format!("`{text}` is not an offset like +01:00 or -05:30"))
}

/// Inputs bigger than this get a progress bar (on a terminal).
const PROGRESS_THRESHOLD: u64 = 8 * 1024 * 1024;
/// How many users a group shows.
const SHOWN: usize = 5;

/// Standard output, until it is closed: then writing stops and the scan goes on.
struct Out {
    writer: io::BufWriter<io::StdoutLock<'static>>,
    closed: bool,
}

impl Out {
    /// Runs `write`; a closed pipe marks the output closed, other errors are returned.
    fn write(&mut self, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match write(&mut self.writer) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            result => result,
        }
    }
}

/// What the scan has seen so far.
struct Totals {
    report: Report,
    findings: u64,
    errors: Vec<ScanError>,
    /// The configuration audit, NPS decisions and stories (support bundles).
    extras: BundleReport,
    /// Remembers events across inputs, to count each once.
    bundle: BundleScan<'static>,
}

pub fn run(args: &Args) -> io::Result<Outcome> {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let is_stdin = |p: &PathBuf| p.as_os_str() == "-";
    if paths.iter().any(is_stdin) && io::stdin().is_terminal() {
        warn("scan: give a file or folder to scan, or pipe a log into standard input");
        return Ok(Outcome::Failed);
    }
    let options = BundleOptions::default().with_utc_offset(args.utc_offset);
    let mut totals = Totals {
        report: Report::new(),
        findings: 0,
        errors: vec![],
        extras: BundleReport::default(),
        bundle: BundleScan::new(scanner(args.threads), options),
    };
    let inputs = inputs(&paths, &mut totals.errors);
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
    let mut out = Out {
        writer: io::BufWriter::new(io::stdout().lock()),
        closed: false,
    };
    for input in inputs {
        scan_input(args, &input, progress.as_ref(), &mut out, &mut totals)?;
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let Totals {
        report,
        findings,
        errors,
        extras,
        bundle,
    } = totals;
    let extras = write_json(args, &mut out, &report, &errors, extras, bundle.duplicates)?;
    out.write(|w| w.flush())?;
    if !args.json && !args.summary_json && !out.closed {
        drop(out);
        let mut text = anstream::stdout().lock();
        let written = write_text(&report, &errors, &mut text).and_then(|()| match extras {
            Some(extras) => crate::bundle_report::write_text(extras, &mut text),
            None => Ok(()),
        });
        match written.and_then(|()| text.flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
            result => result?,
        }
    }
    Ok(if !errors.is_empty() {
        Outcome::Failed
    } else if findings == 0 {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}
/// The JSON that comes at the end: NPS records after the others (`--json`; each names the
/// extension finding it is linked to), or the summary (`--summary-json`). Gives back the
/// bundle report when the text report still needs it.
fn write_json(
    args: &Args,
    out: &mut Out,
    report: &Report,
    errors: &[ScanError],
    extras: BundleReport,
    duplicates: u64,
) -> io::Result<Option<BundleReport>> {
    if args.json {
        out.write(|w| {
            for record in extras.linked_nps() {
                let line = serde_json::to_string(&record).map_err(io::Error::other)?;
                writeln!(w, "{}", json_safe(line))?;
            }
            Ok(())
        })?;
    }
    if !args.summary_json {
        return Ok(Some(extras));
    }
    let document = extras.document(report.summary(errors), duplicates);
    let json = serde_json::to_string_pretty(&document).map_err(io::Error::other)?;
    out.write(|w| writeln!(w, "{}", json_safe(json)))?;
    Ok(None)
}

enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The name findings and reports give, and whether it is lossy (not valid Unicode).
    fn name(&self) -> (String, bool) {
        match self {
            Input::Stdin => ("-".to_owned(), false),
            Input::File(path) => (path.display().to_string(), path.to_str().is_none()),
        }
    }

    fn size(&self) -> u64 {
        match self {
            Input::Stdin => 0,
            Input::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
        }
    }
}

/// The inputs the paths name: standard input, files, and the files under folders. Folders'
/// FIFOs, sockets and devices are skipped with a note; paths that cannot be read are reported
/// now and kept in `errors`.
fn inputs(paths: &[PathBuf], errors: &mut Vec<ScanError>) -> Vec<Input> {
    let mut inputs = vec![];
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let before = errors.len();
        let mut skipped = vec![];
        let files = walk(Path::new(path), errors, &mut skipped);
        if files.is_empty() && skipped.is_empty() && errors.len() == before && path.is_dir() {
            // Else an empty or wrong folder reads like logs with nothing in them.
            warn(format_args!(
                "note: {}: the folder holds no files to scan; check the path",
                escape(&path.display().to_string())
            ));
        }
        inputs.extend(files.into_iter().map(Input::File));
        for error in &errors[before..] {
            warn(escape(&error.to_string()));
        }
        for special in skipped {
            let name = special.display().to_string();
            warn(format_args!(
                "note: {}: skipped: not a regular file (a FIFO, socket or device could wait \
                 forever); name it on its own to read it",
                escape(&name)
            ));
        }
    }
    inputs
}

/// Writes to standard error, above the progress bar if there is one.
fn say(progress: Option<&indicatif::ProgressBar>, message: impl std::fmt::Display) {
    match progress {
        Some(bar) => bar.suspend(|| warn(message)),
        None => warn(message),
    }
}

/// Scans one input: findings to standard output (`--json`) or into the report, its notes
/// and errors to standard error as they come.
fn scan_input(
    args: &Args,
    input: &Input,
    progress: Option<&indicatif::ProgressBar>,
    out: &mut Out,
    totals: &mut Totals,
) -> io::Result<()> {
    let (name, lossy) = input.name();
    if lossy {
        say(progress, format_args!("note: {}: the file name is not valid Unicode; it is shown with U+FFFD in place of what cannot be shown", escape(&name)));
    }
    let mut count = 0_u64;
    let mut write_error: Option<io::Error> = None;
    let (report, extras) = (&mut totals.report, &mut totals.extras);
    let mut sink = |record: Record| {
        // What the exit code counts: something to look at, not a value that is fine or a
        // request NPS granted.
        count += u64::from(needs_a_look(&record));
        if let (Record::Config(config), true, None) = (&record, args.json, &write_error) {
            let line = serde_json::to_string(config)
                .map(json_safe)
                .map_err(io::Error::other);
            write_error = line.and_then(|l| out.write(|w| writeln!(w, "{l}"))).err();
        }
        let Some(finding) = extras.add_record(record) else {
            return;
        };
        if !args.json {
            report.add(finding);
        } else if write_error.is_none() {
            let written = out.write(|w| writeln!(w, "{}", json_line(&finding, lossy)?));
            write_error = written.err();
        }
    };
    let bundle = &mut totals.bundle;
    match input {
        Input::Stdin => bundle.scan_reader(&mut io::stdin().lock(), &name, &mut sink),
        Input::File(path) => bundle.scan_file(path, &mut sink),
    }
    if let Some(error) = write_error {
        return Err(error);
    }
    if let Some(bar) = progress {
        bar.inc(input.size());
    }
    totals.findings += count;
    for input in std::mem::take(&mut totals.bundle.inputs) {
        add_input(input, lossy, progress, totals);
    }
    for error in std::mem::take(&mut totals.bundle.errors) {
        say(progress, escape(&error.to_string()));
        totals.errors.push(error);
    }
    Ok(())
}

/// True for a record that calls for attention: an extension finding, a configuration warning
/// or error, an NPS decision other than a grant.
fn needs_a_look(record: &Record) -> bool {
    match record {
        Record::Config(config) => matches!(config.verdict, Verdict::Warning | Verdict::Error),
        Record::Nps(event) => event.event_id != 6272,
        _ => true,
    }
}

/// One input read (a file, or a member of a zip): its notes to standard error, its totals to
/// the report, its binary-file facts to the bundle report.
fn add_input(
    input: nps_mfa_errors::scan::InputOutcome,
    lossy: bool,
    progress: Option<&indicatif::ProgressBar>,
    totals: &mut Totals,
) {
    if let Some(summary) = &input.summary {
        let kind = if summary.format == InputFormat::Evtx {
            "warning"
        } else {
            "note"
        };
        for note in &summary.notes {
            say(
                progress,
                format_args!("{kind}: {}: {}", escape(&input.name), escape(note)),
            );
        }
    }
    let mut file = totals.extras.add_input(input);
    file.lossy_name = lossy;
    totals.report.add_file(file);
}

/// One finding as a JSON line; JSON escapes what a terminal must not see, and keeps it all.
/// A lossy file name is flagged (`"file_lossy": true`).
fn json_line(finding: &Finding, lossy: bool) -> io::Result<String> {
    if !lossy {
        return serde_json::to_string(finding)
            .map(json_safe)
            .map_err(io::Error::other);
    }
    let mut value = serde_json::to_value(finding).map_err(io::Error::other)?;
    if let Some(object) = value.as_object_mut() {
        object.insert("file_lossy".to_owned(), serde_json::Value::Bool(true));
    }
    Ok(json_safe(value.to_string()))
}

/// The grouped report as text: one block per code, then the inputs and those that could not be
/// scanned (standard error says so too, but a report saved to a file must not hide them).
fn write_text(report: &Report, errors: &[ScanError], out: &mut impl Write) -> io::Result<()> {
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
    if report.undocumented_not_kept() > 0 {
        writeln!(out)?;
        let text = format!(
            "+{} more finding(s) of undocumented codes beyond the first {} distinct ones (counted, not listed)",
            report.undocumented_not_kept(),
            nps_mfa_errors::scan::report::MAX_UNDOCUMENTED
        );
        write!(out, "{}", wrap("", 0, &text))?;
    }
    if !report.files().is_empty() {
        writeln!(out)?;
        writeln!(out, "{HEADING}Inputs{HEADING:#}")?;
    } else if errors.is_empty() {
        writeln!(out)?;
        writeln!(out, "No files were scanned: the folders given hold none.")?;
    }
    for file in report.files() {
        // A registry dump yields checked values and a Security-event export NPS decisions,
        // not extension findings: say which, so the counts are not read as errors.
        let counted = match file.format {
            Some(InputFormat::Registry) => "registry value(s) checked",
            Some(InputFormat::SecurityEvents) => "NPS decision(s)",
            _ => "finding(s)",
        };
        let line = if let Some(format) = file.format {
            format!(
                "{} {counted}, {} bytes, {}",
                file.findings,
                file.bytes,
                format.as_str()
            )
        } else {
            // Cut off or unreadable part-way: what it gave is in the report, the error below.
            format!(
                "{} {counted} before an error (see Errors below)",
                file.findings
            )
        };
        let name = format!("  {}: ", escape(&file.name));
        if name.chars().count() + line.chars().count() > crate::output::WIDTH {
            // A long member path on its own line keeps the count and its unit together.
            writeln!(out, "{}", name.trim_end())?;
            write!(out, "{}", wrap("    ", 4, &line))?;
        } else {
            write!(out, "{}", wrap(&name, 4, &line))?;
        }
        for note in &file.notes {
            write!(out, "{}", wrap("    Note: ", 6, &escape(note)))?;
        }
    }
    if !errors.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{HEADING}Errors{HEADING:#}: {} input(s) not read in full (exit code 2)",
            errors.len()
        )?;
        for error in errors {
            write!(out, "{}", wrap("  ", 4, &escape(&error.to_string())))?;
        }
    }
    Ok(())
}

fn write_group(out: &mut impl Write, code: &FoundCode, group: &Group) -> io::Result<()> {
    let category = code
        .documented()
        .map_or("undocumented", |c| c.category().as_str());
    writeln!(
        out,
        "{CODE}{}{CODE:#}  {DIM}{category}{DIM:#}  x{}",
        escape(code.as_str()),
        group.count()
    )?;
    match code.documented() {
        Some(documented) => write!(out, "{}", wrap("  ", 2, documented.summary()))?,
        None => match nps_mfa_errors::Setting::logging(code.as_str()) {
            Some(setting) => write!(out, "{}", wrap("  ", 2, &format!("Not on the error pages: a warning documented with the registry setting {setting}. More: nps-mfa-errors explain {setting}")))?,
            None => write!(out, "{}", wrap("  ", 2, "Not in the catalog: the log marks it as an error code, but no Microsoft page documents it. Search the event's full text, and report it so the catalog can grow."))?,
        },
    }
    if let (Some(first), Some(last)) = (group.first_seen(), group.last_seen()) {
        // The times as read (made UTC by --utc-offset), else the stamps as logged.
        let shown =
            |time: Option<_>, stamp| time.map_or_else(|| shown_time(stamp), shown_event_time);
        let (first, last) = (
            shown(group.first_time(), first),
            shown(group.last_time(), last),
        );
        if first == last {
            writeln!(out, "  Seen: {}", escape(&first))?;
        } else {
            writeln!(out, "  Seen: {} .. {}", escape(&first), escape(&last))?;
        }
    }
    let users = group.users();
    if !users.is_empty() {
        let mut shown: Vec<String> = users
            .iter()
            .take(SHOWN)
            .map(|(u, n)| format!("{} ({n})", escape(u)))
            .collect();
        let not_kept = group.users_not_kept();
        if users.len() > SHOWN {
            shown.push(format!("and {} more", users.len() - SHOWN));
        }
        if not_kept > 0 {
            shown.push(format!(
                "+{not_kept} finding(s) naming users beyond the first {}",
                users.len()
            ));
        }
        let plus = if not_kept > 0 { "+" } else { "" };
        let first = format!("  Users ({}{plus}): ", users.len());
        write!(out, "{}", wrap(&first, 4, &shown.join(", ")))?;
    }
    if !group.cids().is_empty() {
        let more = group.cid_total().saturating_sub(group.cids().len() as u64);
        let mut text = escape(&group.cids().join(", ")).into_owned();
        if more > 0 {
            text.push_str(&format!(" (+{more} more)"));
        }
        write!(out, "{}", wrap("  CIDs: ", 4, &text))?;
    }
    let aadsts: Vec<&str> = group.aadsts().collect();
    if !aadsts.is_empty() {
        let text = escape(&aadsts.join(", ")).into_owned();
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
