//! `/scan`: upload a log, an export or a bundle, and read the triage report as a page.

use std::sync::Arc;

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::bundle::sections;
use super::home::code_href;
use super::layout::{error_page, page, Nav};
use crate::scan::bundle_report::SummaryDocument;
use crate::scan::report::{CodeSummary, Summary};
use crate::serve::router::AppState;
use crate::serve::scan::{scan, spool, upload_name, ScanFailure};
use crate::ErrorCode;

/// How many users and correlation IDs a row shows.
const SHOWN: usize = 5;

/// The upload form.
fn form() -> Markup {
    html! {
        form.upload method="post" action="/scan" enctype="multipart/form-data" {
            p {
                label for="log" { "Log file, event-log export (text, XML, CSV) or support bundle" }
                br;
                input #log type="file" name="log" required;
            }
            button type="submit" { "Scan" }
        }
    }
}

/// `GET /scan`.
pub(in crate::serve) async fn form_page() -> Response {
    let body = html! {
        h1 { "Scan a log" }
        p {
            "Upload what a customer sent: an NPS extension log, an event-log export of the "
            "AuthNOptCh, AuthZOptCh or AuthZAdminCh channels, or a support bundle. "
            "The file is scanned on this server and deleted; the report lists every documented "
            "code and message found, most frequent first."
        }
        (form())
    };
    page("Scan a log", Nav::Scan, body).into_response()
}

/// `POST /scan` (multipart, field `log`): the report page.
pub(in crate::serve) async fn upload(
    State(state): State<Arc<AppState>>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let failure = |f: ScanFailure| error_page(f.status, "The log could not be scanned", &f.message);
    let Ok(mut multipart) = multipart else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "No file received",
            "Send the file with the form on /scan (multipart/form-data, field `log`).",
        );
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => {
                return failure(ScanFailure {
                    status: error.status(),
                    message: format!("the upload could not be read: {}", error.body_text()),
                })
            }
        };
        if field.name() != Some("log") {
            continue;
        }
        let name = upload_name(field.file_name());
        let upload = match spool(field, name, state.max_body).await {
            Ok(upload) => upload,
            Err(f) => return failure(f),
        };
        return match scan(&state, upload).await {
            Ok(document) => page("Scan report", Nav::Scan, report(&document)).into_response(),
            Err(f) => failure(f),
        };
    }
    error_page(
        StatusCode::BAD_REQUEST,
        "No file received",
        "Choose a file in the form's `log` field, then press Scan.",
    )
}

fn report(document: &SummaryDocument) -> Markup {
    let summary = &document.summary;
    html! {
        h1 { "Scan report" }
        @for error in &summary.errors {
            p.notice.error { (error.error) }
        }
        @if summary.codes.is_empty() {
            p.notice {
                @if document.config.is_empty() && document.nps.is_empty() {
                    "No documented code or message was found. Check that the file is an NPS "
                    "extension log or an export of its event logs."
                } @else {
                    "No NPS extension code or message was found; what the bundle's other files "
                    "say follows."
                }
            }
        } @else {
            p { (summary.findings) " finding" @if summary.findings != 1 { "s" } " of "
                (summary.codes.len()) " code" @if summary.codes.len() != 1 { "s" }
                ", most frequent first." }
            table.report {
                thead { tr { th { "Code" } th { "Count" } th { "What it means" } th { "Users" } th { "Seen" } th { "Correlation IDs" } } }
                tbody { @for code in &summary.codes { (row(code)) } }
            }
        }
        (sections(document))
        (inputs(summary))
        h2 { "Scan another file" }
        (form())
    }
}

fn row(code: &CodeSummary) -> Markup {
    let documented = ErrorCode::from_code(&code.code).filter(|_| code.documented);
    html! {
        tr {
            td {
                @match documented {
                    Some(known) => a.code href=(code_href(known)) { (breakable(&code.code)) },
                    None => { span.code { (breakable(&code.code)) } br; span.badge { "undocumented" } },
                }
                @if let Some(category) = code.category { br; span.badge { (category.as_str()) } }
            }
            td { (code.count) }
            td {
                (code.summary.unwrap_or("Not in the catalog; search the message text."))
                @if !code.aadsts.is_empty() { br; span.muted { "Sign-in errors: " (code.aadsts.join(", ")) } }
            }
            td {
                @for user in code.users.iter().take(SHOWN) { (user.user) " (" (user.count) ")" br; }
                @if code.users.len() > SHOWN { span.muted { "and " (code.users.len() - SHOWN) " more" } }
            }
            td {
                @if let Some(first) = &code.first_seen { (first) }
                @if code.last_seen.is_some() && code.last_seen != code.first_seen {
                    " to " br; (code.last_seen.as_deref().unwrap_or(""))
                }
            }
            td.cids { @for cid in code.cids.iter().take(SHOWN) { (cid) br; } }
        }
    }
}

/// A code with line-break opportunities after underscores and before inner capitals, so a long
/// code wraps between its words rather than inside one.
fn breakable(code: &str) -> Markup {
    let mut parts: Vec<&str> = Vec::new();
    let mut start = 0;
    let bytes = code.as_bytes();
    for i in 1..bytes.len() {
        let after_underscore = bytes[i - 1] == b'_';
        let camel = bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase();
        if after_underscore || camel {
            parts.push(&code[start..i]);
            start = i;
        }
    }
    parts.push(&code[start..]);
    html! { @for (i, part) in parts.iter().enumerate() { @if i > 0 { wbr; } (part) } }
}

/// The files read, last: what each was read as and what it counted (a registry dump counts
/// values checked and a Security-event export NPS decisions, not extension findings).
fn inputs(summary: &Summary) -> Markup {
    html! {
        h2 { "Files read" }
        table.inputs {
            thead { tr { th { "File" } th { "Read as" } th { "Size" } th { "Counted" } } }
            tbody {
                @for file in &summary.files {
                    tr {
                        td.file { (file.file) }
                        td { (file.format.unwrap_or("not readable")) }
                        td { (file.bytes) " bytes" }
                        td { (file.findings) " " (counted(file.format, file.findings)) }
                    }
                }
            }
        }
    }
}

/// The unit of a file's count, by what it was read as.
fn counted(format: Option<&str>, count: u64) -> &'static str {
    match (format, count == 1) {
        (Some("registry"), true) => "registry value checked",
        (Some("registry"), false) => "registry values checked",
        (Some("security-events"), true) => "NPS decision",
        (Some("security-events"), false) => "NPS decisions",
        (_, true) => "finding",
        (_, false) => "findings",
    }
}
