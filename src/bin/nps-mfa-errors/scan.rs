//! `scan`: find every documented code and message in logs, files, folders or stdin, and
//! report them grouped by code.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use nps_mfa_errors::scan::{files_under, Finding, FoundCode, InputFormat, ScanError, Scanner};
use nps_mfa_errors::{Category, ErrorCode};

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
/// How many users and correlation IDs a group shows.
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
            Ok(summary) => report.files.push(FileTotal {
                name,
                format: Some(summary.format),
                bytes: summary.bytes,
                findings: count,
            }),
            Err(error) => {
                report.files.push(FileTotal {
                    name,
                    format: None,
                    bytes: 0,
                    findings: count,
                });
                errors.push(error);
            }
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if args.summary_json {
        serde_json::to_writer_pretty(&mut out, &report.to_json(&errors))?;
        writeln!(out)?;
    } else if !args.json {
        drop(out);
        let mut out = anstream::stdout().lock();
        report.write_text(&mut out)?;
        out.flush()?;
    }
    for error in &errors {
        eprintln!("nps-mfa-errors: {error}");
    }
    Ok(if !errors.is_empty() {
        Outcome::Failed
    } else if report.groups.is_empty() {
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

struct FileTotal {
    name: String,
    format: Option<InputFormat>,
    bytes: u64,
    findings: u64,
}

/// Findings of one code.
#[derive(Default)]
struct Group {
    count: u64,
    first_seen: Option<(Option<TimeKey>, String)>,
    last_seen: Option<(Option<TimeKey>, String)>,
    users: BTreeMap<String, u64>,
    cids: Vec<String>,
    cid_total: u64,
    aadsts: BTreeSet<String>,
    entries: Vec<usize>,
    files: BTreeSet<String>,
}

#[derive(Default)]
struct Report {
    groups: BTreeMap<FoundCode, Group>,
    files: Vec<FileTotal>,
}

impl Report {
    fn add(&mut self, finding: Finding) {
        let group = self.groups.entry(finding.code.clone()).or_default();
        group.count += 1;
        if let Some(stamp) = &finding.timestamp {
            let key = time_key(stamp);
            let earlier = group
                .first_seen
                .as_ref()
                .is_none_or(|(k, _)| key.is_some() && (k.is_none() || key < *k));
            if earlier {
                group.first_seen = Some((key, stamp.clone()));
            }
            let later = group
                .last_seen
                .as_ref()
                .is_none_or(|(k, _)| key.is_none() || k.is_none() || key >= *k);
            if later {
                group.last_seen = Some((key, stamp.clone()));
            }
        }
        if let Some(user) = finding.user {
            *group.users.entry(user).or_default() += 1;
        }
        if let Some(cid) = finding.cid {
            group.cid_total += 1;
            if group.cids.len() < SHOWN && !group.cids.contains(&cid) {
                group.cids.push(cid);
            }
        }
        if let Some(code) = finding.aadsts {
            group.aadsts.insert(code);
        }
        if let (Some(entry), FoundCode::Documented(code)) = (finding.entry, &finding.code) {
            if let Some(index) = code.entries().iter().position(|e| std::ptr::eq(e, entry)) {
                if !group.entries.contains(&index) {
                    group.entries.push(index);
                }
            }
        }
        if let Some(file) = finding.file {
            group.files.insert(file.to_string());
        }
    }

    /// Most frequent first; ties in catalog order, undocumented codes last.
    fn ordered(&self) -> Vec<(&FoundCode, &Group)> {
        let mut groups: Vec<_> = self.groups.iter().collect();
        groups.sort_by(|a, b| {
            b.1.count
                .cmp(&a.1.count)
                .then_with(|| order_key(a.0).cmp(&order_key(b.0)))
        });
        groups
    }

    fn write_text(&self, out: &mut impl Write) -> io::Result<()> {
        let total: u64 = self.groups.values().map(|g| g.count).sum();
        writeln!(
            out,
            "{HEADING}NPS extension triage{HEADING:#}: {total} finding(s), {} code(s)",
            self.groups.len()
        )?;
        for (code, group) in self.ordered() {
            writeln!(out)?;
            let category = code
                .documented()
                .map_or("undocumented", |c| c.category().as_str());
            writeln!(
                out,
                "{CODE}{code}{CODE:#}  {DIM}{category}{DIM:#}  x{}",
                group.count
            )?;
            match code.documented() {
                Some(documented) => write!(out, "{}", wrap("  ", 2, documented.summary()))?,
                None => write!(out, "{}", wrap("  ", 2, "Not in the catalog: the log marks it as an error code, but no Microsoft page documents it. Search the event's full text, and report it so the catalog can grow."))?,
            }
            if let (Some(first), Some(last)) = (&group.first_seen, &group.last_seen) {
                writeln!(out, "  Seen: {} .. {}", first.1, last.1)?;
            }
            if !group.users.is_empty() {
                let mut users: Vec<(&String, &u64)> = group.users.iter().collect();
                users.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                let mut shown: Vec<String> = users
                    .iter()
                    .take(SHOWN)
                    .map(|(u, n)| format!("{u} ({n})"))
                    .collect();
                if users.len() > SHOWN {
                    shown.push(format!("and {} more", users.len() - SHOWN));
                }
                write!(
                    out,
                    "{}",
                    wrap(
                        &format!("  Users ({}): ", users.len()),
                        4,
                        &shown.join(", ")
                    )
                )?;
            }
            if !group.cids.is_empty() {
                let more = group.cid_total.saturating_sub(group.cids.len() as u64);
                let mut text = group.cids.join(", ");
                if more > 0 {
                    text.push_str(&format!(" (+{more} more)"));
                }
                write!(out, "{}", wrap("  CIDs: ", 4, &text))?;
            }
            if !group.aadsts.is_empty() {
                let codes: Vec<&str> = group.aadsts.iter().map(String::as_str).collect();
                write!(
                    out,
                    "{}",
                    wrap("  Embedded sign-in errors: ", 4, &codes.join(", "))
                )?;
            }
            if let Some(documented) = code.documented() {
                let entry = &documented.entries()[group.entries.first().copied().unwrap_or(0)];
                if let Some(message) = entry.message() {
                    write!(
                        out,
                        "{}",
                        wrap("  Message: ", 4, &format!("\"{}\"", truncate(message, 200)))
                    )?;
                }
                writeln!(out, "  What to do first:")?;
                for (i, step) in entry.steps().iter().take(2).enumerate() {
                    write!(out, "{}", wrap(&format!("    {}. ", i + 1), 7, step))?;
                }
                writeln!(
                    out,
                    "  {DIM}More: nps-mfa-errors explain {documented}{DIM:#}"
                )?;
            }
        }
        writeln!(out)?;
        writeln!(out, "{HEADING}Inputs{HEADING:#}")?;
        for file in &self.files {
            let format = file.format.map_or("unreadable", InputFormat::as_str);
            let line = format!(
                "{} finding(s), {} bytes, {format}",
                file.findings, file.bytes
            );
            write!(out, "{}", wrap(&format!("  {}: ", file.name), 4, &line))?;
        }
        Ok(())
    }

    fn to_json(&self, errors: &[ScanError]) -> serde_json::Value {
        let codes: Vec<serde_json::Value> = self
            .ordered()
            .into_iter()
            .map(|(code, group)| {
                let documented = code.documented();
                let mut users: Vec<(&String, &u64)> = group.users.iter().collect();
                users.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                serde_json::json!({
                    "code": code.as_str(),
                    "documented": documented.is_some(),
                    "category": documented.map(ErrorCode::category).map(Category::as_str),
                    "summary": documented.map(ErrorCode::summary),
                    "count": group.count,
                    "first_seen": group.first_seen.as_ref().map(|s| &s.1),
                    "last_seen": group.last_seen.as_ref().map(|s| &s.1),
                    "users": users.iter().map(|(u, n)| serde_json::json!({"user": u, "count": n})).collect::<Vec<_>>(),
                    "cids": group.cids,
                    "aadsts": group.aadsts,
                    "entries": group.entries,
                    "files": group.files,
                })
            })
            .collect();
        let files: Vec<serde_json::Value> = self
            .files
            .iter()
            .map(|f| serde_json::json!({"file": f.name, "format": f.format.map(InputFormat::as_str), "bytes": f.bytes, "findings": f.findings}))
            .collect();
        let errors: Vec<serde_json::Value> = errors
            .iter()
            .map(|e| serde_json::json!({"file": e.path.as_ref().map(|p| p.display().to_string()), "error": e.kind.to_string()}))
            .collect();
        serde_json::json!({
            "findings": self.groups.values().map(|g| g.count).sum::<u64>(),
            "codes": codes,
            "files": files,
            "errors": errors,
        })
    }
}

fn order_key(code: &FoundCode) -> (u8, usize, String) {
    match code {
        FoundCode::Documented(code) => (0, *code as usize, String::new()),
        FoundCode::Undocumented(token) => (1, 0, token.clone()),
    }
}

/// A sortable form of the timestamps logs write: ISO 8601 (`2026-11-20T09:14:03`,
/// `2026-11-20 09:14:03`) and US (`11/20/2026 9:14:03 AM`).
type TimeKey = (u32, u32, u32, u32, u32, u32);

fn time_key(stamp: &str) -> Option<TimeKey> {
    let (date, time) = stamp.split_once(['T', ' '])?;
    let numbers = |text: &str, sep: char| -> Option<Vec<u32>> {
        text.split(sep)
            .map(|p| p.trim().split('.').next().and_then(|p| p.parse().ok()))
            .collect()
    };
    let (year, month, day) = if date.contains('-') {
        let d = numbers(date, '-')?;
        (*d.first()?, *d.get(1)?, *d.get(2)?)
    } else {
        let d = numbers(date, '/')?;
        (*d.get(2)?, *d.first()?, *d.get(1)?)
    };
    let clock = time.trim().trim_end_matches('Z');
    let (clock, pm) = match clock.split_once(' ') {
        Some((c, suffix)) => (c, suffix.trim().eq_ignore_ascii_case("PM")),
        None => (clock, false),
    };
    let clock: &str = clock.split(['+', 'Z']).next()?;
    let t = numbers(clock, ':')?;
    let mut hour = *t.first()?;
    if pm && hour < 12 {
        hour += 12;
    }
    Some((
        year,
        month,
        day,
        hour,
        *t.get(1)?,
        t.get(2).copied().unwrap_or(0),
    ))
}

#[cfg(test)]
mod tests {
    use super::time_key;

    #[test]
    fn timestamps_of_every_shape_sort_by_time() {
        let iso = time_key("2026-11-20T09:14:03.512Z").unwrap();
        let us = time_key("11/20/2026 9:15:00 AM").unwrap();
        let pm = time_key("11/20/2026 1:00:00 PM").unwrap();
        assert!(iso < us && us < pm);
        assert_eq!(time_key("not a time"), None);
    }
}
