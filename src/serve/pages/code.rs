//! `/codes/{code}`: everything about one code: summary, every wording, numbered steps, links,
//! related settings and endpoints per cloud, symptoms and sources.

use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};

use super::home::code_href;
use super::layout::{error_page, page, sources, Nav};
use crate::serve::api::find_code;
use crate::{Cloud, Entry, ErrorCode, Related};

/// `GET /codes/{code}`: any case, and `-` or spaces for `_`, redirect to the code's canonical URL.
pub(in crate::serve) async fn page_handler(path: Result<Path<String>, PathRejection>) -> Response {
    let Ok(Path(input)) = path else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Malformed code",
            "The code in the address could not be read; it must be UTF-8 text.",
        );
    };
    match find_code(&input) {
        Ok(code) if code.as_str() == input => {
            page(code.as_str(), Nav::Search, body(code)).into_response()
        }
        Ok(code) => Redirect::permanent(&code_href(code)).into_response(),
        Err(error) => unknown(&input, error.suggestion()),
    }
}

fn unknown(input: &str, suggestion: Option<ErrorCode>) -> Response {
    let body = html! {
        h1 { "Unknown code" }
        p.notice.error {
            "“" (input) "” is not a documented NPS extension error code."
            @if let Some(code) = suggestion {
                " Did you mean " a href=(code_href(code)) { (code.as_str()) } "?"
            }
        }
        p { a href={ "/?q=" (urlencode(input)) } { "Search for it" } " among messages and symptoms." }
    };
    (
        StatusCode::NOT_FOUND,
        page("Unknown code", Nav::Search, body),
    )
        .into_response()
}

/// Percent-encodes a query-string value.
pub(in crate::serve) fn urlencode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn body(code: ErrorCode) -> Markup {
    let total = code.entries().len();
    html! {
        h1 { code { (code.as_str()) } }
        p {
            @for category in code.categories() {
                a.badge href={ "/#" (category.as_str()) } { (category.title()) } " "
            }
            @if code.is_message_keyed() { span.badge { "message-keyed (our identifier)" } }
        }
        @if let Some(label) = code.label() { p.muted { "Documented as: " (label) } }
        p { (code.summary()) }
        @if total > 1 {
            p { "The documents list " (total) " messages for this code, each with its own fix:" }
            ol.toc {
                @for (index, entry) in code.entries().iter().enumerate() {
                    li { a href={ "#entry-" (index + 1) } { (entry.message().unwrap_or(entry.summary())) } }
                }
            }
        }
        @for (index, entry) in code.entries().iter().enumerate() {
            (entry_section(code, index, total, entry))
        }
        (related_section(code.related()))
        @if !code.symptoms().is_empty() {
            h2 { "Symptoms" }
            ul { @for symptom in code.symptoms() { li { (symptom.question()) " " span.muted { (symptom.summary()) } } } }
        }
        p.muted { "JSON: " a href={ "/api/v1/codes/" (code.as_str()) } { "/api/v1/codes/" (code.as_str()) } }
    }
}

fn entry_section(code: ErrorCode, index: usize, total: usize, entry: &Entry) -> Markup {
    html! {
        section.entry id={ "entry-" (index + 1) } {
            h2 {
                @if total > 1 {
                    "Entry " (index + 1) " of " (total)
                    @if let Some(message) = entry.message() { ": " span.wording { (message) } }
                } @else { "What it means" }
                @if entry.category() != code.category() { " " span.badge { (entry.category().title()) } }
            }
            p { (entry.summary()) }
            @if entry.codes().len() > 1 {
                p.muted {
                    "The documents list this row for "
                    @for (i, other) in entry.codes().iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(code_href(*other)) { (other.as_str()) }
                    }
                    "."
                }
            }
            h3 { "Messages" span.muted { " (newest first)" } }
            @if entry.wordings().is_empty() { p.muted { "No message text documented." } }
            ul {
                @for wording in entry.wordings() {
                    li {
                        span.wording { (wording.text()) } " "
                        span.muted {
                            @for (i, document) in wording.documents().iter().enumerate() {
                                @if i > 0 { ", " }
                                (document.date().get(..7).unwrap_or(document.date())) " " (document.locale())
                            }
                        }
                    }
                }
            }
            h3 { "What to do" }
            ol.steps { @for step in entry.steps() { li { (step) } } }
            @if !entry.links().is_empty() {
                h3 { "Links" }
                ul { @for link in entry.links() { li { a href=(link.url()) { (link.title()) } } } }
            }
            h3 { "Sources" }
            (sources(entry.sources()))
        }
    }
}

fn related_section(related: &Related) -> Markup {
    if related.is_empty() {
        return html! {};
    }
    html! {
        h2 { "Related facts" }
        @if !related.settings().is_empty() {
            h3 { "Registry settings" }
            table {
                thead { tr { th { "Setting" } @for cloud in Cloud::all() { th { (cloud.title()) } } } }
                tbody {
                    @for &setting in related.settings() {
                        tr {
                            td.setting { a.code href={ "/settings#" (setting.as_str()) } { (setting.as_str()) } br; span.muted { (setting.summary()) } }
                            @for cloud in Cloud::all() {
                                @match setting.cloud_value(cloud) {
                                    Some(value) => td.code {
                                        (value.value())
                                        @if let Some(note) = value.note() { br; span.muted.note { (note) } }
                                    },
                                    None => td { span.muted { "not set" } },
                                }
                            }
                        }
                    }
                }
            }
        }
        @if Cloud::all().any(|c| related.endpoints(c).next().is_some()) {
            h3 { "Endpoints per cloud" }
            table {
                thead { tr { th { "Cloud" } th { "Endpoint" } th { "Ports" } } }
                tbody {
                    @for cloud in Cloud::all() {
                        @for endpoint in related.endpoints(cloud) {
                            tr {
                                td { (cloud.title()) }
                                td.code { (endpoint.url().or(endpoint.host()).unwrap_or(endpoint.id())) }
                                td { (ports(endpoint.ports(), endpoint.transport())) }
                            }
                        }
                    }
                }
            }
            p.muted { a href="/endpoints" { "Every endpoint and port" } }
        }
        @if !related.protocols().is_empty() {
            h3 { "RADIUS protocols" }
            p { @for protocol in related.protocols() { a href={ "/protocols#" (protocol.as_str()) } { (protocol.name()) } " " } }
        }
        @if !related.certificate().is_empty() {
            h3 { "Client certificate" }
            ul { @for fact in related.certificate() { li { (fact.title()) ": " (fact.value()) } } }
        }
        @if !related.event_channels().is_empty() {
            h3 { "Event logs" }
            ul { @for channel in related.event_channels() { li.code { (channel.log_name()) } } }
        }
    }
}

/// Ports as `TCP 443` or `UDP 1812, 1813`.
pub(in crate::serve) fn ports(ports: &[u16], transport: crate::Transport) -> String {
    let list: Vec<String> = ports.iter().map(u16::to_string).collect();
    format!("{} {}", transport.as_str().to_uppercase(), list.join(", "))
}
