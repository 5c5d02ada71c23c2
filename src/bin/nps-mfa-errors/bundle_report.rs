//! The support-bundle parts of `scan`'s text report: the configuration audit, the NPS decisions,
//! one story per user and the binary files (the library's `scan::bundle_report` gathers them
//! and builds the `--summary-json` document).

use std::io::{self, Write};

use nps_mfa_errors::scan::bundle_report::BundleReport;
use nps_mfa_errors::scan::{superseded_by, ConfigRecord, EventTime, StoryKind, UserStory, Verdict};

use crate::output::{escape, wrap, DIM, HEADING};

/// How many events a user's line shows before "and N more".
const SHOWN_EVENTS: usize = 8;

/// The text sections: configuration, NPS decisions, per user, binary files.
pub fn write_text(report: BundleReport, out: &mut impl Write) -> io::Result<()> {
    if !report.config.is_empty() {
        write_config(out, &report.config)?;
    }
    if !report.nps.is_empty() {
        writeln!(out)?;
        let denied = report.nps.iter().filter(|e| e.event_id == 6273).count();
        let linked = report
            .nps
            .iter()
            .filter(|e| report.timeline.link_for(e).is_some())
            .count();
        writeln!(
                out,
                "{HEADING}NPS decisions{HEADING:#}: {} event(s), {denied} denied, {linked} linked to an extension finding",
                report.nps.len()
            )?;
    }
    let stories = report.timeline.finish();
    if !stories.is_empty() {
        write_stories(out, &stories)?;
    }
    if !report.event_logs.is_empty() || !report.skipped.is_empty() {
        writeln!(out)?;
        writeln!(out, "{HEADING}Binary files{HEADING:#}")?;
    }
    for log in &report.event_logs {
        let text = format!(
            "{} event record(s) read, {} damaged part(s)",
            log.records,
            log.warnings.len()
        );
        write!(
            out,
            "{}",
            wrap(&format!("  {}: ", escape(&log.file)), 4, &text)
        )?;
        for warning in &log.warnings {
            write!(out, "{}", wrap("    warning: ", 6, &escape(warning)))?;
        }
    }
    for skipped in &report.skipped {
        let head = format!("  {}: ", escape(&skipped.file));
        write!(out, "{}", wrap(&head, 4, &escape(&skipped.why)))?;
    }
    Ok(())
}

fn write_config(out: &mut impl Write, records: &[ConfigRecord]) -> io::Result<()> {
    // A snapshot from before the health-check script's changes is shown, not counted.
    let counted: Vec<&ConfigRecord> = records
        .iter()
        .filter(|r| {
            r.file
                .as_deref()
                .is_none_or(|file| superseded_by(file, records).is_none())
        })
        .collect();
    let count = |verdict| counted.iter().filter(|r| r.verdict == verdict).count();
    let (errors, warnings) = (count(Verdict::Error), count(Verdict::Warning));
    writeln!(out)?;
    let of_current = if counted.len() < records.len() {
        " in the current snapshots"
    } else {
        ""
    };
    writeln!(
        out,
        "{HEADING}Configuration{HEADING:#}: {} value(s), {errors} error(s), {warnings} warning(s){of_current}",
        records.len()
    )?;
    let mut file = None;
    for record in records {
        if file != record.file.as_deref() {
            file = record.file.as_deref();
            let name = file.unwrap_or("-");
            writeln!(out, "  {DIM}{}{DIM:#}", escape(name))?;
            if let Some(after) = superseded_by(name, records) {
                let after = after.rsplit(['/', '\\']).next().unwrap_or(after);
                let text = format!(
                    "Before the health-check script's changes; {} (below) is the configuration \
                     now, so these verdicts are not counted.",
                    escape(after)
                );
                write!(out, "{}", wrap("    ", 4, &text))?;
            }
        }
        let value = match record.value.as_deref() {
            None => "(missing)",
            Some("") => "(blank)",
            Some(value) => value,
        };
        let head = format!(
            "    {:<7} {} = {}",
            record.verdict.as_str(),
            escape(&record.setting),
            escape(value)
        );
        write!(out, "{}", wrap(&head, 12, ""))?;
        if record.verdict != Verdict::Ok {
            write!(
                out,
                "{}",
                wrap("            ", 12, &escape(&record.message))
            )?;
            if let Some(source) = &record.source {
                write!(out, "{}", wrap("            Source: ", 14, &escape(source)))?;
            }
        }
    }
    Ok(())
}

fn write_stories(out: &mut impl Write, stories: &[UserStory]) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{HEADING}Per user{HEADING:#}")?;
    let any_local = stories
        .iter()
        .flat_map(|s| &s.events)
        .any(|e| e.time.is_some_and(|t| t.is_local()));
    if any_local {
        let note = wrap(
            "  ",
            2,
            "Times ending in Z are UTC; the others are the local time of the machine that \
             wrote the log (give --utc-offset to convert them).",
        );
        write!(out, "{DIM}{}{DIM:#}", note.trim_end())?;
        writeln!(out)?;
    }
    for story in stories {
        let mut name = escape(&story.user).into_owned();
        if !story.aliases.is_empty() {
            name.push_str(&format!(" ({})", escape(&story.aliases.join(", "))));
        }
        let date = story
            .events
            .iter()
            .find_map(|e| e.time)
            .map(|t| t.civil().date().to_string());
        // A step names its date only where the date changes from the one before.
        let mut day = date.clone();
        let mut steps: Vec<String> = story
            .events
            .iter()
            .take(SHOWN_EVENTS)
            .map(|event| {
                let today = event.time.map(|t| t.civil().date().to_string());
                match today {
                    Some(today) if day.as_ref() != Some(&today) => {
                        let shown = format!("{today} {}", step(event));
                        day = Some(today);
                        shown
                    }
                    _ => step(event),
                }
            })
            .collect();
        if story.events.len() > SHOWN_EVENTS {
            steps.push(format!("and {} more", story.events.len() - SHOWN_EVENTS));
        }
        let first = format!(
            "  {name}  {}",
            date.map(|d| format!("{d}  ")).unwrap_or_default()
        );
        write!(out, "{}", wrap(&first, 4, &steps.join(" → ")))?;
        if let Some(reading) = &story.reading {
            write!(out, "{}", wrap("    Reading: ", 6, &escape(reading)))?;
        }
    }
    Ok(())
}

/// `09:14:03 ESTS_TOKEN_ERROR`, `09:14:04Z NPS denied (reason 21: the extension rejected)`.
fn step(event: &nps_mfa_errors::scan::StoryEvent) -> String {
    let time = event.time.map_or_else(|| "--:--:--".to_owned(), clock);
    match &event.kind {
        StoryKind::Extension { code } => format!("{time} {}", escape(code)),
        StoryKind::Nps {
            event_id,
            reason_code,
            linked,
        } => {
            let decision = match event_id {
                6272 => "granted",
                6273 => "denied",
                _ => "discarded",
            };
            let reason = match (reason_code, linked) {
                (Some(21), Some(code)) => {
                    format!(" (reason 21: the extension rejected, see {})", escape(code))
                }
                (Some(21), None) => " (reason 21: the extension rejected)".to_owned(),
                (Some(code), _) if *event_id != 6272 => format!(" (reason {code})"),
                _ => String::new(),
            };
            format!("{time} NPS {decision}{reason}")
        }
        _ => time,
    }
}

/// A logged timestamp in the report's one format: `2026-11-20 09:14:03Z` for UTC,
/// `2026-11-20 09:14:03 (local)` for the local time of the machine that wrote the log; as logged
/// when it cannot be read as a time.
pub fn shown_time(stamp: &str) -> String {
    EventTime::parse(stamp).map_or_else(|| stamp.to_owned(), shown_event_time)
}

/// `2026-11-20 09:14:03Z`, or `2026-11-20 09:14:03 (local)` when the offset is unknown.
pub fn shown_event_time(time: EventTime) -> String {
    let civil = time.civil();
    let zone = if time.is_local() { " (local)" } else { "Z" };
    format!("{} {}{zone}", civil.date(), clock_of(civil))
}

fn clock_of(civil: jiff::civil::DateTime) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        civil.hour(),
        civil.minute(),
        civil.second()
    )
}

fn clock(time: EventTime) -> String {
    let zone = if time.is_local() { "" } else { "Z" };
    format!("{}{zone}", clock_of(time.civil()))
}
