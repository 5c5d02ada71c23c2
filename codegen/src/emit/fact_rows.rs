//! The rows of each kind of fact: per value, its identifier, its doc comment and its info
//! record, as [`super::facts`] emits them.

use super::markdown::{depending_codes, md, md_code, sources_line};
use super::output::Val;
use super::{const_name, related_val, sources_val};
use crate::load::{CellDef, EndpointDef, Phase, Transport};
use crate::model::{Model, Related};
use crate::text::variant_name;

/// One variant of a fact enum: its identifier, its doc comment and its info record.
pub(super) struct Row {
    pub(super) id: String,
    pub(super) doc: String,
    pub(super) info: Val,
}

/// `&[&ENDPOINTS[endpoint::A], ...]` for the endpoints that pass `keep`.
pub(super) fn endpoint_refs(model: &Model, keep: impl Fn(&EndpointDef) -> bool) -> Val {
    Val::List(
        (model.facts.endpoints.iter())
            .filter(|e| keep(e))
            .map(|e| Val::raw(format!("&ENDPOINTS[endpoint::{}]", const_name(&e.id))))
            .collect(),
    )
}

/// `host (TCP 443, set-up only)`: an endpoint in a doc line.
pub(super) fn endpoint_doc(e: &EndpointDef) -> String {
    let ports: Vec<String> = e.ports.iter().map(u16::to_string).collect();
    let what = match &e.url {
        Some(url) => format!("<{url}>"),
        None => e.id.replace('_', " "),
    };
    let phase = if e.phase.known() == Some(Phase::SetUp) {
        ", set-up only"
    } else {
        ""
    };
    let transport = if e.transport.known() == Some(Transport::Udp) {
        "UDP"
    } else {
        "TCP"
    };
    format!("{what} ({transport} {}{phase})", ports.join("/"))
}

fn codes_val(model: &Model, kind: Related, id: &str) -> Val {
    Val::List(
        model
            .code_paths(model.referring(kind, id))
            .into_iter()
            .map(Val::Raw)
            .collect(),
    )
}

pub(super) fn cloud_rows(model: &Model) -> Vec<Row> {
    (model.facts.clouds.iter())
        .map(|c| {
            let mut doc = format!("{}: {}\n\nEndpoints:\n", md(&c.title), md(&c.summary));
            for e in model
                .facts
                .endpoints
                .iter()
                .filter(|e| e.clouds.contains(&c.id))
            {
                doc.push_str(&format!("- {}\n", endpoint_doc(e)));
            }
            doc.push('\n');
            doc.push_str(&sources_line(model, &c.sources));
            let info = Val::Struct(
                "CloudInfo",
                vec![
                    ("title", Val::str(&c.title)),
                    ("summary", Val::str(&c.summary)),
                    (
                        "endpoints",
                        endpoint_refs(model, |e| e.clouds.contains(&c.id)),
                    ),
                    ("settings", Val::List(cloud_settings(model, &c.id))),
                    ("sources", sources_val(&c.sources)),
                ],
            );
            Row {
                id: c.id.clone(),
                doc,
                info,
            }
        })
        .collect()
}

/// `(Setting::X, "value")` for every setting with a value for this cloud.
fn cloud_settings(model: &Model, cloud: &str) -> Vec<Val> {
    let mut pairs = vec![];
    for setting in &model.facts.settings {
        for value in setting.cloud_values.iter().filter(|v| v.cloud == cloud) {
            let path = format!("Setting::{}", variant_name(&setting.name));
            pairs.push(Val::Tuple(vec![Val::raw(path), Val::str(&value.value)]));
        }
    }
    pairs
}

pub(super) fn service_rows(model: &Model) -> Vec<Row> {
    (model.facts.services.iter())
        .map(|s| {
            let mut doc = format!("{}: {}\n", md(&s.title), md(&s.summary));
            for e in model.facts.endpoints.iter().filter(|e| e.service == s.id) {
                let clouds: Vec<&str> = e.clouds.iter().map(|c| model.cloud_title(c)).collect();
                doc.push_str(&format!(
                    "\n- {} ({})",
                    endpoint_doc(e),
                    md(&clouds.join(", "))
                ));
            }
            let codes = model.referring(Related::Services, &s.id);
            doc.push_str(&depending_codes(
                model,
                "Codes whose fix depends on it:",
                codes,
            ));
            let info = Val::Struct(
                "ServiceInfo",
                vec![
                    ("title", Val::str(&s.title)),
                    ("summary", Val::str(&s.summary)),
                    ("endpoints", endpoint_refs(model, |e| e.service == s.id)),
                    ("codes", codes_val(model, Related::Services, &s.id)),
                ],
            );
            Row {
                id: s.id.clone(),
                doc,
                info,
            }
        })
        .collect()
}

pub(super) fn setting_rows(model: &Model) -> Vec<Row> {
    (model.facts.settings.iter())
        .map(|s| {
            let value_type = match s.value_type.known() {
                Some(crate::load::ValueType::Boolean) => "boolean",
                _ => "string",
            };
            let mut doc = format!(
                "`{}`: {}\n\n- Type: {value_type}\n- Values: {}\n- Default: {}\n- When missing: {}",
                s.name,
                md(&s.summary),
                md(&s.values),
                md(&s.default),
                md(&s.when_missing)
            );
            if !s.cloud_values.is_empty() {
                doc.push_str("\n\nPer cloud:");
                for v in &s.cloud_values {
                    let note = v.note.as_deref().map(|n| format!(" ({})", md(n)));
                    let title = md(model.cloud_title(&v.cloud));
                    let value = md_code(&v.value);
                    doc.push_str(&format!("\n- {title}: {value}{}", note.unwrap_or_default()));
                }
            }
            if !s.notes.is_empty() {
                doc.push('\n');
                for note in &s.notes {
                    doc.push_str(&format!("\n- {}", md(note)));
                }
            }
            let codes = model.referring(Related::Settings, &s.name);
            doc.push_str(&depending_codes(
                model,
                "Codes whose fix depends on it:",
                codes,
            ));
            doc.push_str(&format!("\n\n{}", sources_line(model, &s.sources)));
            let cloud_values = (s.cloud_values.iter())
                .map(|v| {
                    Val::Struct(
                        "CloudValue",
                        vec![
                            (
                                "cloud",
                                Val::raw(format!("Cloud::{}", variant_name(&v.cloud))),
                            ),
                            ("value", Val::str(&v.value)),
                            ("note", Val::opt_str(v.note.as_deref())),
                            ("sources", sources_val(&v.sources)),
                        ],
                    )
                })
                .collect();
            let info = Val::Struct(
                "SettingInfo",
                vec![
                    ("summary", Val::str(&s.summary)),
                    ("value_type", Val::str(value_type)),
                    ("values", Val::str(&s.values)),
                    ("default", Val::str(&s.default)),
                    ("when_missing", Val::str(&s.when_missing)),
                    ("notes", Val::strs(&s.notes)),
                    ("cloud_values", Val::List(cloud_values)),
                    ("codes", codes_val(model, Related::Settings, &s.name)),
                    ("sources", sources_val(&s.sources)),
                ],
            );
            Row {
                id: s.name.clone(),
                doc,
                info,
            }
        })
        .collect()
}

pub(super) fn channel_rows(model: &Model) -> Vec<Row> {
    (model.facts.event_channels.iter())
        .map(|c| {
            let mut doc = format!(
                "`{}` (provider `{}`): {}",
                c.name,
                c.provider,
                md(&c.summary)
            );
            let codes = model.referring(Related::EventChannels, &c.name);
            doc.push_str(&depending_codes(model, "Codes that point at it:", codes));
            doc.push_str(&format!("\n\n{}", sources_line(model, &c.sources)));
            let info = Val::Struct(
                "ChannelInfo",
                vec![
                    ("provider", Val::str(&c.provider)),
                    ("summary", Val::str(&c.summary)),
                    ("codes", codes_val(model, Related::EventChannels, &c.name)),
                    ("sources", sources_val(&c.sources)),
                ],
            );
            Row {
                id: c.name.clone(),
                doc,
                info,
            }
        })
        .collect()
}

/// The matrix cell of a protocol and a method (validation proved it exists).
fn cell<'a>(model: &Model<'a>, protocol: &str, method: &str) -> Option<&'a CellDef> {
    (model.facts.protocol_methods.iter()).find(|c| c.protocol == protocol && c.method == method)
}

fn supported(cell: Option<&CellDef>) -> &'static str {
    if cell.is_some_and(|c| c.supported) {
        "supported"
    } else {
        "not supported"
    }
}

pub(super) fn method_rows(model: &Model) -> Vec<Row> {
    (model.facts.methods.iter())
        .map(|m| {
            let mut doc = format!("{}\n", md(&m.title));
            for p in &model.facts.protocols {
                doc.push_str(&format!(
                    "\n- {}: {}",
                    p.name,
                    supported(cell(model, &p.id, &m.id))
                ));
            }
            let protocols = (model.facts.protocols.iter())
                .filter(|p| cell(model, &p.id, &m.id).is_some_and(|c| c.supported))
                .map(|p| variant_name(&p.id))
                .collect::<Vec<_>>();
            let protocols = Val::paths("AuthProtocol", protocols.iter().map(String::as_str));
            let info = Val::Struct(
                "MethodInfo",
                vec![("title", Val::str(&m.title)), ("protocols", protocols)],
            );
            Row {
                id: m.id.clone(),
                doc,
                info,
            }
        })
        .collect()
}

pub(super) fn protocol_rows(model: &Model) -> Vec<Row> {
    (model.facts.protocols.iter())
        .map(|p| {
            let mut doc = format!("{}: {}\n", p.name, md(&p.summary));
            let mut cells = vec![];
            let mut supports = vec![];
            for m in &model.facts.methods {
                let found = cell(model, &p.id, &m.id);
                let note = found.and_then(|c| c.note.as_deref());
                let note = note.map(|n| format!(" ({})", md(n))).unwrap_or_default();
                doc.push_str(&format!("\n- {}: {}{note}", md(&m.title), supported(found)));
                if found.is_some_and(|c| c.supported) {
                    supports.push(variant_name(&m.id));
                }
                cells.push(Val::Struct(
                    "MethodSupport",
                    vec![
                        (
                            "protocol",
                            Val::raw(format!("AuthProtocol::{}", variant_name(&p.id))),
                        ),
                        (
                            "method",
                            Val::raw(format!("Method::{}", variant_name(&m.id))),
                        ),
                        (
                            "supported",
                            Val::raw(found.is_some_and(|c| c.supported).to_string()),
                        ),
                        ("note", Val::opt_str(found.and_then(|c| c.note.as_deref()))),
                        ("sources", sources_val(found.map_or(&[], |c| &c.sources))),
                    ],
                ));
            }
            let codes = model.referring(Related::Protocols, &p.id);
            doc.push_str(&depending_codes(
                model,
                "Codes whose fix depends on it:",
                codes,
            ));
            let info = Val::Struct(
                "ProtocolInfo",
                vec![
                    ("name", Val::str(&p.name)),
                    ("summary", Val::str(&p.summary)),
                    (
                        "supports",
                        Val::paths("Method", supports.iter().map(String::as_str)),
                    ),
                    ("cells", Val::List(cells)),
                    ("codes", codes_val(model, Related::Protocols, &p.id)),
                ],
            );
            Row {
                id: p.id.clone(),
                doc,
                info,
            }
        })
        .collect()
}

pub(super) fn certificate_rows(model: &Model) -> Vec<Row> {
    (model.facts.certificate.iter())
        .map(|c| {
            let mut doc = format!(
                "{}: {}\n\n{}",
                md(&c.title),
                md_code(&c.value),
                md(&c.detail)
            );
            let codes = model.referring(Related::Certificate, &c.id);
            doc.push_str(&depending_codes(
                model,
                "Codes whose fix depends on it:",
                codes,
            ));
            doc.push_str(&format!("\n\n{}", sources_line(model, &c.sources)));
            let info = Val::Struct(
                "CertificateInfo",
                vec![
                    ("title", Val::str(&c.title)),
                    ("value", Val::str(&c.value)),
                    ("detail", Val::str(&c.detail)),
                    ("codes", codes_val(model, Related::Certificate, &c.id)),
                    ("sources", sources_val(&c.sources)),
                ],
            );
            Row {
                id: c.id.clone(),
                doc,
                info,
            }
        })
        .collect()
}

pub(super) fn symptom_rows(model: &Model) -> Vec<Row> {
    (model.facts.symptoms.iter())
        .map(|s| {
            let mut doc = format!("{}\n\n{}\n\nChecks:", md(&s.question), md(&s.summary));
            for (i, check) in s.checks.iter().enumerate() {
                doc.push_str(&format!("\n{}. {}", i + 1, md(check)));
            }
            let codes: Vec<_> = s.related.codes.iter().map(|c| model.code_id(c)).collect();
            doc.push_str(&depending_codes(model, "Related codes:", &codes));
            doc.push_str(&format!("\n\n{}", sources_line(model, &s.sources)));
            let code_paths = model.code_paths(&codes).into_iter().map(Val::Raw).collect();
            let info = Val::Struct(
                "SymptomInfo",
                vec![
                    ("question", Val::str(&s.question)),
                    ("summary", Val::str(&s.summary)),
                    ("phrases", Val::strs(&s.phrases)),
                    ("checks", Val::strs(&s.checks)),
                    ("codes", Val::List(code_paths)),
                    ("related", related_val(model, &[&s.related])),
                    ("sources", sources_val(&s.sources)),
                ],
            );
            Row {
                id: s.id.clone(),
                doc,
                info,
            }
        })
        .collect()
}

pub(super) fn nps_dll_rows(model: &Model) -> Vec<Row> {
    (model.facts.nps_dlls.iter())
        .map(|d| {
            let doc = format!(
                "`{}`: {}\n\nMust list {} ({}). {}\n\n{}",
                d.name,
                md(&d.summary),
                md_code(&d.value),
                md(&d.role),
                md(&d.when_wrong),
                sources_line(model, &d.sources)
            );
            let info = Val::Struct(
                "NpsDllInfo",
                vec![
                    ("name", Val::str(&d.name)),
                    ("key", Val::str(&d.key)),
                    ("value", Val::str(&d.value)),
                    ("role", Val::str(&d.role)),
                    ("summary", Val::str(&d.summary)),
                    ("when_wrong", Val::str(&d.when_wrong)),
                    ("sources", sources_val(&d.sources)),
                ],
            );
            Row {
                id: d.id.clone(),
                doc,
                info,
            }
        })
        .collect()
}
