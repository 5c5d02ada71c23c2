//! `/` and `/?q=…`: the search box, and what a query finds (or every code by category): what
//! `explain` matches (a code, a message, the codes in a pasted log line, a setting, a symptom),
//! then what the `search` subcommand's keyword search finds, so the page and the CLI agree.

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{error_page, page, Nav};
use crate::explain::{find, Found};
use crate::search::{search, Target};
use crate::{Category, ErrorCode};

/// The query string of `/`.
#[derive(Debug, Deserialize)]
pub(in crate::serve) struct Params {
    q: Option<String>,
}

/// `GET /`.
pub(in crate::serve) async fn page_handler(
    params: Result<Query<Params>, QueryRejection>,
) -> Response {
    let Ok(Query(params)) = params else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Malformed search",
            "The query string could not be read; search with /?q=CODE or a message.",
        );
    };
    let query = params.q.as_deref().map(str::trim).unwrap_or("");
    let body = html! {
        h1 { "NPS extension error codes" }
        p.muted {
            "Search by code, message as logged, summary, registry setting or symptom. "
            "Paste a whole log line: the documented message in it is found."
        }
        form.search method="get" action="/" role="search" {
            input type="search" name="q" value=(query) aria-label="Code, message or symptom"
                placeholder="ESTS_TOKEN_ERROR, a pasted log line, IP_WHITELIST, …";
            button type="submit" { "Search" }
        }
        @if query.is_empty() { (all_codes()) } @else { (results(query)) }
    };
    let title = if query.is_empty() {
        "Codes".to_owned()
    } else {
        format!("Search: {query}")
    };
    page(&title, Nav::Search, body).into_response()
}

/// One result of the search page: what, how it matched, and whether it matches the whole query.
type Hit = (Target, String, bool);

/// What a query finds, each with how: first what `explain` matches, then the keyword search's
/// results (at most ten, as `nps-mfa-errors search` lists them), without repeats. A pasted log
/// gives its findings only: its times, GUIDs and host names would match codes by stray words.
pub(in crate::serve) fn hits(query: &str) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    let mut push = |target: Target, how: String, full: bool| {
        if !hits.iter().any(|(t, _, _)| *t == target) {
            hits.push((target, how, full));
        }
    };
    let found = find(query);
    match &found {
        Some(Found::Code(code)) => push(Target::Code(*code), "matched by code".to_owned(), true),
        Some(Found::Message(m)) => {
            push(
                Target::Code(m.code()),
                "matched by message".to_owned(),
                true,
            );
        }
        Some(Found::Scan(findings)) => {
            for finding in findings {
                if let Some(code) = finding.code.documented() {
                    push(Target::Code(code), found_in_log(finding), true);
                }
            }
        }
        Some(Found::Setting(setting)) => {
            push(
                Target::Setting(*setting),
                "matched by name".to_owned(),
                true,
            );
        }
        Some(Found::Symptom(symptom)) => {
            push(
                Target::Symptom(*symptom),
                "matched by symptom".to_owned(),
                true,
            );
        }
        _ => {}
    }
    if matches!(found, Some(Found::Scan(_))) {
        return hits;
    }
    for hit in search(query) {
        let how = if hit.matches_all() {
            "matched by keywords".to_owned()
        } else {
            format!(
                "matched by keywords, {} of {} words",
                hit.matched.len(),
                hit.query_words
            )
        };
        let full = hit.matches_all();
        push(hit.target, how, full);
    }
    hits
}

/// `found in the pasted log (user alice@contoso.com, CID 3f6b…, AADSTS50012)`.
fn found_in_log(finding: &crate::scan::Finding) -> String {
    let mut said: Vec<String> = Vec::new();
    if let Some(user) = &finding.user {
        said.push(format!("user {user}"));
    }
    if let Some(cid) = &finding.cid {
        said.push(format!("CID {cid}"));
    }
    if let Some(aadsts) = &finding.aadsts {
        said.push(aadsts.clone());
    }
    if said.is_empty() {
        "found in the pasted log".to_owned()
    } else {
        format!("found in the pasted log ({})", said.join(", "))
    }
}

fn results(query: &str) -> Markup {
    let hits = hits(query);
    let aadsts = crate::explain::aadsts_url(crate::explain::clean_name(query));
    html! {
        @if let Some(url) = aadsts {
            p.notice {
                "“" (query) "” is a Microsoft Entra sign-in error, not a code of the NPS extension "
                "(which logs it inside the message of one of its own codes: paste the whole log "
                "line to see which). Microsoft explains it at " a href=(url) { (url) } "."
            }
        }
        @if !hits.iter().any(|(_, _, full)| *full) {
            p.notice {
                "Nothing documented matches “" (query) "”."
                @if let Some(code) = crate::explain::closest_code(crate::explain::clean_name(query)) {
                    " Did you mean " a href=(code_href(code)) { (code.as_str()) } "?"
                }
                @if !hits.is_empty() { " These match some of its words:" }
            }
        } @else {
            p.muted { (hits.len()) " result" @if hits.len() != 1 { "s" } " for “" (query) "”." }
        }
        @if !hits.is_empty() {
            ol.results {
                @for (target, how, _) in &hits {
                    li { (result(*target, how)) }
                }
            }
        }
    }
}

/// One result: its name linked to its page, its kind and how it matched, then its summary (and
/// a symptom's codes).
fn result(target: Target, how: &str) -> Markup {
    let href = match target {
        Target::Code(code) => code_href(code),
        Target::Setting(setting) => format!("/settings#{}", setting.as_str()),
        _ => String::new(),
    };
    html! {
        @if href.is_empty() { b { (target.name()) } } @else { a.code href=(href) { (target.name()) } }
        " "
        span.badge { @if let Target::Code(code) = target { (code.category().as_str()) } @else { (target.kind()) } }
        " " span.muted { (how) }
        br;
        (target.summary())
        @if let Target::Symptom(symptom) = target {
            @if !symptom.codes().is_empty() {
                br;
                "Codes: "
                @for (i, code) in symptom.codes().iter().enumerate() {
                    @if i > 0 { ", " }
                    a.code href=(code_href(*code)) { (code.as_str()) }
                }
            }
        }
    }
}

fn all_codes() -> Markup {
    html! {
        @for category in Category::all() {
            h2 id=(category.as_str()) { (category.title()) }
            p.muted { (category.description()) }
            table {
                thead { tr { th { "Code" } th { "Summary" } } }
                tbody {
                    @for &code in category.codes() {
                        tr {
                            td { a.code href=(code_href(code)) { (code.as_str()) } }
                            td { (code.summary()) }
                        }
                    }
                }
            }
        }
    }
}

/// The page URL of a code.
pub(in crate::serve) fn code_href(code: ErrorCode) -> String {
    format!("/codes/{}", code.as_str())
}
