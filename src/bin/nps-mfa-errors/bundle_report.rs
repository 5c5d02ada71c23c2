//! The support-bundle parts of `scan`'s report: the configuration audit, the NPS decisions and
//! one story per user, as text and as the `config`, `nps` and `timeline` members of
//! `--summary-json`.

use std::io::{self, Write};

use nps_mfa_errors::scan::{
    ConfigRecord, EventTime, NpsEvent, StoryKind, Timeline, UserStory, Verdict,
};

use crate::output::{escape, wrap, DIM, HEADING};

/// How many events a user's line shows before "and N more".
const SHOWN_EVENTS: usize = 8;

/// What a bundle scan gave besides the extension's findings.
#[derive(Default)]
pub struct BundleReport {
    pub config: Vec<ConfigRecord>,
    pub nps: Vec<NpsEvent>,
    pub timeline: Timeline,
    /// Binary event logs read: name, records read, warnings.
    pub event_logs: Vec<(String, u64, Vec<String>)>,
    /// Inputs skipped: name, why.
    pub skipped: Vec<(String, String)>,
}

impl BundleReport {
    /// Each NPS event as its JSON record, with `extension`: the code a reason-21 denial links
    /// to, or null.
    pub fn nps_json(&self) -> Vec<serde_json::Value> {
        self.nps
            .iter()
            .map(|event| {
                let mut value = serde_json::to_value(event).unwrap_or_default();
                if let Some(object) = value.as_object_mut() {
                    object.insert("extension".into(), self.timeline.link_for(event).into());
                }
                value
            })
            .collect()
    }

    /// The members `--summary-json` gains: `config`, `nps`, `timeline`, `event_logs`, `skipped`.
    pub fn into_json(self) -> serde_json::Map<String, serde_json::Value> {
        let mut members = serde_json::Map::new();
        members.insert("nps".into(), self.nps_json().into());
        members.insert(
            "config".into(),
            serde_json::to_value(&self.config).unwrap_or_default(),
        );
        let logs: Vec<serde_json::Value> = self
            .event_logs
            .iter()
            .map(|(file, records, warnings)| serde_json::json!({"file": file, "records": records, "warnings": warnings}))
            .collect();
        members.insert("event_logs".into(), logs.into());
        let skipped: Vec<serde_json::Value> = self
            .skipped
            .iter()
            .map(|(file, why)| serde_json::json!({"file": file, "why": why}))
            .collect();
        members.insert("skipped".into(), skipped.into());
        members.insert("timeline_not_kept".into(), self.timeline.dropped().into());
        let timeline: Vec<serde_json::Value> =
            self.timeline.finish().iter().map(story_json).collect();
        members.insert("timeline".into(), timeline.into());
        members
    }

    /// The text sections: configuration, NPS decisions, per user.
    pub fn write_text(self, out: &mut impl Write) -> io::Result<()> {
        if !self.config.is_empty() {
            write_config(out, &self.config)?;
        }
        if !self.nps.is_empty() {
            writeln!(out)?;
            let denied = self.nps.iter().filter(|e| e.event_id == 6273).count();
            let linked = self
                .nps
                .iter()
                .filter(|e| self.timeline.link_for(e).is_some())
                .count();
            writeln!(
                out,
                "{HEADING}NPS decisions{HEADING:#}: {} event(s), {denied} denied, {linked} linked to an extension finding",
                self.nps.len()
            )?;
        }
        let stories = self.timeline.finish();
        if !stories.is_empty() {
            write_stories(out, &stories)?;
        }
        if !self.event_logs.is_empty() || !self.skipped.is_empty() {
            writeln!(out)?;
            writeln!(out, "{HEADING}Binary files{HEADING:#}")?;
        }
        for (name, records, warnings) in &self.event_logs {
            let text = format!(
                "{records} event record(s) read, {} damaged part(s)",
                warnings.len()
            );
            write!(out, "{}", wrap(&format!("  {}: ", escape(name)), 4, &text))?;
            for warning in warnings {
                write!(out, "{}", wrap("    warning: ", 6, &escape(warning)))?;
            }
        }
        for (name, why) in &self.skipped {
            write!(
                out,
                "{}",
                wrap(&format!("  {}: ", escape(name)), 4, &escape(why))
            )?;
        }
        Ok(())
    }
}

fn write_config(out: &mut impl Write, records: &[ConfigRecord]) -> io::Result<()> {
    let errors = records
        .iter()
        .filter(|r| r.verdict == Verdict::Error)
        .count();
    let warnings = records
        .iter()
        .filter(|r| r.verdict == Verdict::Warning)
        .count();
    writeln!(out)?;
    writeln!(
        out,
        "{HEADING}Configuration{HEADING:#}: {} value(s), {errors} error(s), {warnings} warning(s)",
        records.len()
    )?;
    let mut file = None;
    for record in records {
        if file != record.file.as_deref() {
            file = record.file.as_deref();
            writeln!(out, "  {DIM}{}{DIM:#}", escape(file.unwrap_or("-")))?;
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
        writeln!(out, "  {DIM}Times ending in Z are UTC; the others are the local time of the machine that wrote the log (give --utc-offset to convert them).{DIM:#}")?;
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
        let mut steps: Vec<String> = story.events.iter().take(SHOWN_EVENTS).map(step).collect();
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
    match EventTime::parse(stamp) {
        Some(time) => {
            let civil = time.civil();
            let zone = if time.is_local() { " (local)" } else { "Z" };
            format!("{} {}{zone}", civil.date(), clock_of(civil))
        }
        None => stamp.to_owned(),
    }
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

fn story_json(story: &UserStory) -> serde_json::Value {
    let events: Vec<serde_json::Value> = story
        .events
        .iter()
        .map(|event| {
            let mut object = serde_json::Map::new();
            object.insert("time".into(), event.time.map(|t| t.to_string()).into());
            object.insert("cid".into(), event.cid.clone().into());
            object.insert(
                "file".into(),
                event.file.as_deref().map(str::to_owned).into(),
            );
            match &event.kind {
                StoryKind::Extension { code } => {
                    object.insert("kind".into(), "extension".into());
                    object.insert("code".into(), code.as_str().into());
                }
                StoryKind::Nps {
                    event_id,
                    reason_code,
                    linked,
                } => {
                    object.insert("kind".into(), "nps".into());
                    object.insert("event_id".into(), (*event_id).into());
                    object.insert("reason_code".into(), (*reason_code).into());
                    object.insert("extension".into(), linked.clone().into());
                }
                _ => {}
            }
            serde_json::Value::Object(object)
        })
        .collect();
    serde_json::json!({
        "user": story.user,
        "aliases": story.aliases,
        "events": events,
        "reading": story.reading,
    })
}
