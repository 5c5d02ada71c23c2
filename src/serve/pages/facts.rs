//! `/settings`, `/endpoints` and `/protocols`: the facts the fixes depend on.

use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::code::ports;
use super::home::code_href;
use super::layout::{page, sources, Nav};
use crate::{AuthProtocol, Cloud, ErrorCode, EventChannel, Method, Setting, REGISTRY_PATH};

/// `run_time` as `Run time`.
fn humanize(id: &str) -> String {
    let text = id.replace('_', " ");
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn code_links(codes: &[ErrorCode]) -> Markup {
    html! {
        @for (i, code) in codes.iter().enumerate() {
            @if i > 0 { ", " }
            a.code href=(code_href(*code)) { (code.as_str()) }
        }
    }
}

/// `GET /settings`.
pub(in crate::serve) async fn settings() -> Response {
    let body = html! {
        h1 { "Registry settings" }
        p { "Values under " code { (REGISTRY_PATH) } "." }
        @for setting in Setting::all() {
            section id=(setting.as_str()) {
                h2 { code { (setting.as_str()) } }
                p { (setting.summary()) }
                table.fact {
                    tbody {
                        tr { th { "Type" } td { (setting.value_type()) } }
                        tr { th { "Values" } td { (setting.values()) } }
                        tr { th { "Default" } td { (setting.default_value()) } }
                        tr { th { "When missing" } td { (setting.when_missing()) } }
                        @for value in setting.cloud_values() {
                            tr {
                                th { (value.cloud().title()) }
                                td { code { (value.value()) } @if let Some(note) = value.note() { " " span.muted { (note) } } }
                            }
                        }
                        @if !setting.codes().is_empty() {
                            tr { th { "Codes" } td { (code_links(setting.codes())) } }
                        }
                    }
                }
                @for note in setting.notes() { p.muted { (note) } }
                @if !setting.sources().is_empty() { p.muted { "Sources:" } }
                (sources(setting.sources()))
            }
        }
    };
    page("Registry settings", Nav::Settings, body).into_response()
}

/// `GET /endpoints`.
pub(in crate::serve) async fn endpoints() -> Response {
    let body = html! {
        h1 { "Endpoints and ports" }
        p { "What the NPS servers of each cloud must reach, and the RADIUS ports." }
        @for cloud in Cloud::all() {
            section id=(cloud.as_str()) {
                h2 { (cloud.title()) }
                p.muted { (cloud.summary()) }
                table {
                    thead { tr { th { "Service" } th { "Endpoint" } th { "Port" } th { "Needed" } th { "Note" } } }
                    tbody {
                        @for endpoint in cloud.endpoints() {
                            tr {
                                td { (endpoint.service().title()) }
                                td.code { (endpoint.url().or(endpoint.host()).unwrap_or(endpoint.id())) }
                                td { (ports(endpoint.ports(), endpoint.transport())) }
                                td { (humanize(endpoint.phase().as_str())) }
                                td.muted { (endpoint.note().unwrap_or("")) }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Event logs" }
        table {
            thead { tr { th { "Log" } th { "What it holds" } th { "Codes" } } }
            tbody {
                @for channel in EventChannel::all() {
                    tr { td.code { (channel.log_name()) } td { (channel.summary()) } td { (code_links(channel.codes())) } }
                }
            }
        }
    };
    page("Endpoints", Nav::Endpoints, body).into_response()
}

/// `GET /protocols`.
pub(in crate::serve) async fn protocols() -> Response {
    let body = html! {
        h1 { "Authentication methods per RADIUS protocol" }
        table {
            thead { tr { th { "Method" } @for protocol in AuthProtocol::all() { th id=(protocol.as_str()) { (protocol.name()) } } } }
            tbody {
                @for method in Method::all() {
                    tr {
                        th { (method.title()) }
                        @for protocol in AuthProtocol::all() {
                            @let cell = protocol.support(method);
                            td {
                                @if cell.is_supported() { span.yes { "supported" } } @else { span.no { "not supported" } }
                                @if let Some(note) = cell.note() { br; span.muted { (note) } }
                            }
                        }
                    }
                }
            }
        }
        @for protocol in AuthProtocol::all() {
            h2 { (protocol.name()) }
            p { (protocol.summary()) }
            @if !protocol.codes().is_empty() { p { "Codes: " (code_links(protocol.codes())) } }
        }
    };
    page("Protocols", Nav::Protocols, body).into_response()
}
