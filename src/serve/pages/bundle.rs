//! The support-bundle sections of the `/scan` report page: the configuration audit (one verdict
//! per registry value, with why and the source), the NPS decisions, one story per user and the
//! binary files. Everything is rendered by maud, so every value from the upload is escaped.

use maud::{html, Markup};

use super::home::code_href;
use crate::scan::bundle_report::SummaryDocument;
use crate::scan::{superseded_by, ConfigRecord, StoryEvent, StoryKind, UserStory, Verdict};
use crate::ErrorCode;

/// Every bundle section the document has something for.
pub(super) fn sections(document: &SummaryDocument) -> Markup {
    html! {
        @if !document.config.is_empty() { (config(&document.config)) }
        @if !document.nps.is_empty() {
            h2 { "NPS decisions" }
            p {
                (document.nps.len()) " Security event(s): "
                (document.nps.iter().filter(|n| n.event.event_id == 6273).count()) " denied, "
                (document.nps.iter().filter(|n| n.extension.is_some()).count())
                " linked to an extension finding (reason 21)."
            }
        }
        @if !document.timeline.is_empty() { (stories(&document.timeline, document.timeline_not_kept)) }
        @if !document.event_logs.is_empty() || !document.skipped.is_empty() {
            h2 { "Binary files" }
            ul {
                @for log in &document.event_logs {
                    li { span.code { (log.file) } ": " (log.records) " event record(s) read"
                        @for warning in &log.warnings { br; span.muted { "warning: " (warning) } } }
                }
                @for skipped in &document.skipped {
                    li { span.code { (skipped.file) } ": " span.muted { (skipped.why) } }
                }
            }
        }
    }
}

fn config(records: &[ConfigRecord]) -> Markup {
    // A snapshot from before the health-check script's changes is shown, not counted.
    let later = |r: &ConfigRecord| r.file.as_deref().and_then(|f| superseded_by(f, records));
    let count = |verdict| {
        records
            .iter()
            .filter(|r| later(r).is_none() && r.verdict == verdict)
            .count()
    };
    let any_superseded = records.iter().any(|r| later(r).is_some());
    html! {
        h2 { "Configuration" }
        p { (records.len()) " registry value(s) checked: " (count(Verdict::Error)) " error(s), "
            (count(Verdict::Warning)) " warning(s)"
            @if any_superseded { " in the current snapshots (those from before the health-check \
                script's changes are listed, not counted)" }
            "." }
        table.config {
            thead { tr { th { "Verdict" } th { "Value" } th { "Why" } } }
            tbody {
                @for record in records {
                    tr {
                        td { span class=(format!("badge verdict-{}", record.verdict.as_str())) { (record.verdict.as_str()) } }
                        td.value {
                            b { (record.setting) } " = "
                            @match record.value.as_deref() { None => i { "(missing)" }, Some("") => i { "(blank)" }, Some(v) => (v) }
                            br;
                            span.muted { (record.file.as_deref().unwrap_or("-")) @if record.line > 0 { ", line " (record.line) } }
                            @if let Some(after) = later(record) { br; span.muted { "before the script's changes; now: " (after) } }
                        }
                        td {
                            (record.message)
                            @if let Some(source) = &record.source { br; span.muted { "Source: " (source) } }
                        }
                    }
                }
            }
        }
    }
}

fn stories(stories: &[UserStory], not_kept: u64) -> Markup {
    let any_local = stories
        .iter()
        .flat_map(|s| &s.events)
        .any(|e| e.time.is_some_and(|t| t.is_local()));
    html! {
        h2 { "Per user" }
        @if any_local {
            p.muted { "Times ending in Z are UTC; the others are the local time of the machine that wrote the log." }
        }
        @for story in stories {
            h3 { (story.user) @if !story.aliases.is_empty() { " " span.muted { "(" (story.aliases.join(", ")) ")" } } }
            ol.story { @for event in &story.events { li { (step(event)) } } }
            @if let Some(reading) = &story.reading { p.reading { (reading) } }
        }
        @if not_kept > 0 { p.muted { (not_kept) " more event(s) were counted but not kept." } }
    }
}

/// One event: its time, then the code (linked) or the NPS decision.
fn step(event: &StoryEvent) -> Markup {
    let time = event
        .time
        .map_or_else(|| "--".to_owned(), |t| t.to_string());
    html! {
        span.time { (time) } " "
        @match &event.kind {
            StoryKind::Extension { code } => (code_link(code)),
            StoryKind::Nps { event_id, reason_code, linked } => {
                "NPS " (match event_id { 6272 => "granted", 6273 => "denied", _ => "discarded" })
                @if let Some(reason) = reason_code.filter(|_| *event_id != 6272) { " (reason " (reason)
                    @if reason == 21 { ": the extension rejected" @if let Some(code) = linked { ", see " (code_link(code)) } }
                    ")" }
            }
        }
    }
}

fn code_link(code: &str) -> Markup {
    match ErrorCode::from_code(code) {
        Some(known) => html! { a.code href=(code_href(known)) { (code) } },
        None => html! { span.code { (code) } },
    }
}
