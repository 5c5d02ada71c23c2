//! `/` and `/?q=…`: the search box, and the codes a query finds (or every code by category).

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{error_page, page, Nav};
use crate::serve::search::{search, MatchedBy};
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

fn results(query: &str) -> Markup {
    let hits = search(query);
    html! {
        @if hits.is_empty() {
            p.notice {
                "No documented code matches “" (query) "”."
                @if let Some(code) = crate::lookup(query).err().and_then(|e| e.suggestion()) {
                    " Did you mean " a href=(code_href(code)) { (code.as_str()) } "?"
                }
            }
        } @else {
            p.muted { (hits.len()) " code" @if hits.len() != 1 { "s" } " match “" (query) "”." }
            ol.results {
                @for (code, by) in &hits {
                    li {
                        a.code href=(code_href(*code)) { (code.as_str()) } " "
                        span.badge { (code.category().as_str()) } " "
                        span.muted { "matched by " (MatchedBy::as_str(*by)) }
                        br;
                        (code.summary())
                    }
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
