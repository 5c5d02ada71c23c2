//! `facts.rs`: the registry path, the endpoints, and one enum plus one info table per kind of
//! fact, all emitted by one loop over [`FACT_KINDS`].

use super::enums::{emit_enum, Advice, EnumSpec};
use super::fact_rows::{
    certificate_rows, channel_rows, cloud_rows, method_rows, nps_dll_rows, protocol_rows,
    service_rows, setting_rows, symptom_rows, Row,
};
use super::fields::{self, Field};
use super::markdown::with_link_definitions;
use super::output::{Output, Val};
use super::{const_name, sources_val};
use crate::load::{Phase, Transport};
use crate::model::Model;
use crate::text::variant_name;

/// One kind of fact: an enum and a table of info records, indexed by `Enum as usize`.
struct FactKind {
    name: &'static str,
    doc: &'static str,
    /// For error messages (`registry setting`).
    kind: &'static str,
    /// The exact-name map: `(visibility, static name)`.
    map: (&'static str, &'static str),
    /// The case-folded map, for kinds looked up ignoring case.
    folded: Option<&'static str>,
    info: &'static str,
    table: &'static str,
    /// The fields of the info record and their getters.
    fields: &'static [Field],
    rows: fn(&Model) -> Vec<Row>,
}

/// Every kind of fact, in the order of the generated file.
const FACT_KINDS: [FactKind; 9] = [
    FactKind {
        name: "Cloud",
        doc: "The cloud an NPS extension deployment talks to: its host names, token endpoint and \
              registry values differ.\n\n`as_str` (and `FromStr`, serde) use `public`, \
              `government`, `china`.",
        kind: "cloud",
        map: ("pub(crate)", "CLOUDS"),
        folded: None,
        info: "CloudInfo",
        fields: fields::CLOUD_FIELDS,
        table: "CLOUD_INFO",
        rows: cloud_rows,
    },
    FactKind {
        name: "Service",
        doc: "What a group of endpoints is for. Catalog entries relate to services, which \
              [`Cloud`] resolves to host names.",
        kind: "service",
        map: ("pub(crate)", "SERVICES"),
        folded: None,
        info: "ServiceInfo",
        fields: fields::SERVICE_FIELDS,
        table: "SERVICE_INFO",
        rows: service_rows,
    },
    FactKind {
        name: "Setting",
        doc: "A registry value of the extension under [`REGISTRY_PATH`].\n\n`as_str` is the \
              value's name, exactly as the registry spells it.",
        kind: "registry setting",
        map: ("pub", "SETTINGS"),
        folded: Some("SETTINGS_FOLDED"),
        info: "SettingInfo",
        fields: fields::SETTING_FIELDS,
        table: "SETTING_INFO",
        rows: setting_rows,
    },
    FactKind {
        name: "EventChannel",
        doc: "A Windows event log the extension writes (Event Viewer: Applications and Services \
              Logs > Microsoft > AzureMfa).",
        kind: "event channel",
        map: ("pub(crate)", "EVENT_CHANNELS"),
        folded: None,
        info: "ChannelInfo",
        fields: fields::CHANNEL_FIELDS,
        table: "CHANNEL_INFO",
        rows: channel_rows,
    },
    FactKind {
        name: "Method",
        doc: "A secondary authentication method of Microsoft Entra multifactor authentication.",
        kind: "authentication method",
        map: ("pub(crate)", "METHODS"),
        folded: None,
        info: "MethodInfo",
        fields: fields::METHOD_FIELDS,
        table: "METHOD_INFO",
        rows: method_rows,
    },
    FactKind {
        name: "AuthProtocol",
        doc: "The password encryption protocol between the RADIUS client (VPN, gateway) and the \
              NPS server; it decides which [`Method`]s can work.",
        kind: "RADIUS password protocol",
        map: ("pub(crate)", "PROTOCOLS"),
        folded: None,
        info: "ProtocolInfo",
        fields: fields::PROTOCOL_FIELDS,
        table: "PROTOCOL_INFO",
        rows: protocol_rows,
    },
    FactKind {
        name: "CertificateFact",
        doc: "A fact about the extension's client certificate, which it uses to get its token.",
        kind: "certificate fact",
        map: ("pub(crate)", "CERTIFICATE_FACTS"),
        folded: None,
        info: "CertificateInfo",
        fields: fields::CERTIFICATE_FIELDS,
        table: "CERTIFICATE_INFO",
        rows: certificate_rows,
    },
    FactKind {
        name: "Symptom",
        doc: "A problem the NPS extension pages describe without an error code, with what to \
              check.",
        kind: "symptom",
        map: ("pub(crate)", "SYMPTOMS"),
        folded: None,
        info: "SymptomInfo",
        fields: fields::SYMPTOM_FIELDS,
        table: "SYMPTOM_INFO",
        rows: symptom_rows,
    },
    FactKind {
        name: "NpsDll",
        doc: "A value under NPS's `AuthSrv\\Parameters` key that must name one of the extension's \
              DLLs for NPS to load it.\n\n`as_str` is its `snake_case` id; `name` the value's name \
              as the registry spells it.",
        kind: "NPS DLL value",
        map: ("pub(crate)", "NPS_DLLS"),
        folded: None,
        info: "NpsDllInfo",
        fields: fields::NPS_DLL_FIELDS,
        table: "NPS_DLL_INFO",
        rows: nps_dll_rows,
    },
];

/// The whole file.
pub fn make_facts(model: &Model) -> String {
    let mut out = Output::new();
    out.line("// @generated by nps-mfa-errors-codegen from data/facts.yaml and data/catalog.yaml:");
    out.line("// edit the data, not this file.");
    out.blank();
    out.doc("The registry key that holds every setting of the extension.");
    out.value(
        "pub const REGISTRY_PATH: &str = ",
        &Val::str(&model.facts.registry_path),
        ";",
    );
    out.blank();
    make_endpoints(&mut out, model);
    for kind in &FACT_KINDS {
        let rows = (kind.rows)(model);
        emit_enum(
            &mut out,
            &EnumSpec {
                name: kind.name,
                doc: kind.doc.to_owned(),
                as_str_doc: "The stable identifier, exactly as `data/facts.yaml` and the export \
                             write it.",
                variants: (rows.iter())
                    .map(|r| (r.id.clone(), with_link_definitions(model, r.doc.clone())))
                    .collect(),
                exact_map: (kind.map.0, kind.map.1.to_owned()),
                folded_map: kind.folded.map(str::to_owned),
                kind: kind.kind,
                info: (kind.info, kind.table),
                fields: kind.fields,
                what: format!("a documented {}", kind.kind),
                advice: Advice::Otherwise(format!("check the spelling of the {}", kind.kind)),
            },
        );
        let items: Vec<Val> = rows.into_iter().map(|r| r.info).collect();
        let doc = format!("Per [`{}`], in its order.", kind.name);
        out.static_array(&doc, kind.table, kind.info, &items);
    }
    make_supports(&mut out, model);
    out.finish()
}

fn make_endpoints(out: &mut Output, model: &Model) {
    out.doc("The index of each endpoint in [`ENDPOINTS`], by its id.");
    out.block("pub(crate) mod endpoint {", "}", |out| {
        for (i, e) in model.facts.endpoints.iter().enumerate() {
            out.line(format!(
                "pub(crate) const {}: usize = {i};",
                const_name(&e.id)
            ));
        }
    });
    out.blank();
    let items: Vec<Val> = (model.facts.endpoints.iter())
        .map(|e| {
            let host = e.url.as_deref().map(|u| u.trim_start_matches("https://"));
            let ports = e.ports.iter().map(|p| Val::raw(p.to_string())).collect();
            let transport = match e.transport.known() {
                Some(Transport::Udp) => "Transport::Udp",
                _ => "Transport::Tcp",
            };
            let phase = match e.phase.known() {
                Some(Phase::SetUp) => "Phase::SetUp",
                _ => "Phase::RunTime",
            };
            let clouds = e.clouds.iter().map(|c| variant_name(c)).collect::<Vec<_>>();
            Val::Struct(
                "Endpoint",
                vec![
                    ("id", Val::str(&e.id)),
                    (
                        "service",
                        Val::raw(format!("Service::{}", variant_name(&e.service))),
                    ),
                    ("url", Val::opt_str(e.url.as_deref())),
                    ("host", Val::opt_str(host)),
                    ("transport", Val::raw(transport)),
                    ("ports", Val::List(ports)),
                    ("phase", Val::raw(phase)),
                    (
                        "clouds",
                        Val::paths("Cloud", clouds.iter().map(String::as_str)),
                    ),
                    ("note", Val::opt_str(e.note.as_deref())),
                    ("sources", sources_val(&e.sources)),
                ],
            )
        })
        .collect();
    let doc = "Every endpoint, in the order of `data/facts.yaml`.";
    out.static_array(doc, "ENDPOINTS", "Endpoint", &items);
}

/// `AuthProtocol::supports`: the matrix as one `matches!`.
fn make_supports(out: &mut Output, model: &Model) {
    let pairs: Vec<String> = (model.facts.protocol_methods.iter())
        .filter(|c| c.supported)
        .map(|c| {
            let protocol = variant_name(&c.protocol);
            format!("(Self::{protocol}, Method::{})", variant_name(&c.method))
        })
        .collect();
    out.block("impl AuthProtocol {", "}", |out| {
        out.doc(
            "True if the sources say this protocol carries the method.\n\n```\n\
             use nps_mfa_errors::{AuthProtocol, Method};\n\
             assert!(AuthProtocol::Pap.supports(Method::VerificationCode));\n\
             assert!(!AuthProtocol::Chapv2.supports(Method::VerificationCode));\n\
             assert!(AuthProtocol::Eap.supports(Method::AppNotification));\n```",
        );
        out.line("#[must_use]");
        out.block(
            "pub const fn supports(self, method: Method) -> bool {",
            "}",
            |out| {
                out.block("matches!(", ")", |out| {
                    out.line("(self, method),");
                    out.line(pairs.join("\n    | "));
                });
            },
        );
    });
}
