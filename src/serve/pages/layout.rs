//! The page shell (title, navigation, stylesheet) and error pages.

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

use crate::Source;

/// The sections the navigation bar links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::serve) enum Nav {
    Search,
    Scan,
    Settings,
    Endpoints,
    Protocols,
    None,
}

const LINKS: [(Nav, &str, &str); 5] = [
    (Nav::Search, "/", "Codes"),
    (Nav::Scan, "/scan", "Scan a log"),
    (Nav::Settings, "/settings", "Registry settings"),
    (Nav::Endpoints, "/endpoints", "Endpoints"),
    (Nav::Protocols, "/protocols", "Protocols"),
];

/// A whole page.
pub(in crate::serve) fn page(title: &str, current: Nav, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · NPS extension errors" }
                    link rel="stylesheet" href="/assets/style.css";
                }
                body {
                    header {
                        a.brand href="/" { "NPS extension for Entra MFA — error codes" }
                        nav {
                            @for (nav, href, label) in LINKS {
                                @if nav == current {
                                    a href=(href) aria-current="page" { (label) }
                                } @else {
                                    a href=(href) { (label) }
                                }
                            }
                        }
                    }
                    main { (body) }
                    footer {
                        "Offline knowledge base from Microsoft's documentation (catalog format version "
                        (crate::SCHEMA_VERSION) "). The same data as JSON: "
                        a href="/api/v1/codes" { "/api/v1/codes" } ", "
                        a href="/api/v1/catalog" { "/api/v1/catalog" } " (its schema: "
                        a href="/api/v1/schema" { "/api/v1/schema" } ")."
                    }
                }
            }
        }
        .into_string(),
    )
}

/// An error page with a status, a heading and what to do.
pub(in crate::serve) fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    let body = html! {
        h1 { (title) }
        p { (message) }
        p { a href="/" { "Search the codes" } " or " a href="/scan" { "scan a log" } "." }
    };
    (status, page(title, Nav::None, body)).into_response()
}

/// The sources list shared by code and fact pages.
pub(in crate::serve) fn sources(sources: &[Source]) -> Markup {
    html! {
        @if !sources.is_empty() {
            ul.sources {
                @for source in sources {
                    @let document = source.document();
                    li {
                        a href=(document.url()) { (document.title()) }
                        " (" (document.date()) ", " (document.locale())
                        @if document.is_machine_translated() { ", machine-translated" }
                        "), section “" (source.section()) "”"
                        @if let Some(note) = source.note() { ": " (note) }
                    }
                }
            }
        }
    }
}

/// `GET /assets/style.css`.
pub(in crate::serve) async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("style.css"),
    )
        .into_response()
}
