//! The rules of `data/facts.yaml`, and of every reference between it and the catalog
//! (`related:` of catalog entries and symptoms). Problems are reported with the same
//! [`CatalogError`](crate::CatalogError) as the catalog's: file, record, field, problem.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{CatalogErrors, Problems};
use crate::fold::fold;
use crate::load::{Catalog, Choice, EndpointDef, Facts, RelatedDef, SourceDef, Transport};
use crate::text::{is_code_token, is_snake_id, is_well_formed_https_url, join};

/// The ids of everything a `related:` may name.
pub struct Names<'a> {
    /// Setting names.
    pub settings: BTreeSet<&'a str>,
    /// Service ids.
    pub services: BTreeSet<&'a str>,
    /// Protocol ids.
    pub protocols: BTreeSet<&'a str>,
    /// Certificate fact ids.
    pub certificate: BTreeSet<&'a str>,
    /// Event channel names.
    pub event_channels: BTreeSet<&'a str>,
    /// Catalog codes.
    pub codes: BTreeSet<&'a str>,
}

impl Names<'_> {
    fn of(&self, field: &str) -> &BTreeSet<&str> {
        match field {
            "settings" => &self.settings,
            "services" => &self.services,
            "protocols" => &self.protocols,
            "certificate" => &self.certificate,
            "event_channels" => &self.event_channels,
            _ => &self.codes,
        }
    }
}

/// Validates the facts against the (already validated) catalog, and checks the catalog's
/// `related:` references against the facts. Problems in either file are reported together, each
/// with its own file name.
pub fn validate(
    facts: &Facts,
    file: &str,
    catalog: &Catalog,
    catalog_file: &str,
) -> Result<(), CatalogErrors> {
    let mut problems = Problems::new(file);
    facts.validate(&mut problems, catalog);
    let mut found = problems.found;
    let mut catalog_problems = Problems::new(catalog_file);
    validate_catalog_links(&mut catalog_problems, catalog, &facts.names(catalog));
    found.extend(catalog_problems.found);
    if found.is_empty() {
        Ok(())
    } else {
        Err(CatalogErrors(found))
    }
}

/// Checks every catalog entry's `related:` against the facts.
fn validate_catalog_links(problems: &mut Problems<'_>, catalog: &Catalog, names: &Names<'_>) {
    for def in &catalog.codes {
        let entry = format!("code `{}`", def.code);
        for (i, e) in def.entries.iter().enumerate() {
            if !e.related.codes.is_empty() {
                problems.add(
                    &entry,
                    format!("entries[{i}].related.codes"),
                    "an entry relates to facts, not to other codes; name the code from the symptom or fact instead",
                );
            }
            check_related(
                problems,
                &entry,
                &format!("entries[{i}].related"),
                &e.related,
                names,
                false,
            );
        }
    }
}

/// Checks one `related:` block; `codes` are checked only where they are allowed.
fn check_related(
    problems: &mut Problems<'_>,
    entry: &str,
    at: &str,
    related: &RelatedDef,
    names: &Names<'_>,
    codes_allowed: bool,
) {
    for (field, values) in related.fields() {
        if field == "codes" && !codes_allowed {
            continue;
        }
        let declared = names.of(field);
        let mut seen = BTreeSet::new();
        for (j, value) in values.iter().enumerate() {
            let place = format!("{at}.{field}[{j}]");
            if !declared.contains(value.as_str()) {
                let what = if field == "codes" {
                    "is not a code in the catalog"
                } else {
                    "is not declared in data/facts.yaml"
                };
                problems.add(
                    entry,
                    &place,
                    format!("`{value}` {what}; declared: {}", join(declared)),
                );
            } else if !seen.insert(value.as_str()) {
                problems.add(entry, &place, format!("`{value}` is listed twice"));
            }
        }
    }
}

impl Facts {
    /// The names every `related:` may use.
    pub fn names<'a>(&'a self, catalog: &'a Catalog) -> Names<'a> {
        Names {
            settings: self.settings.iter().map(|s| s.name.as_str()).collect(),
            services: self.services.iter().map(|s| s.id.as_str()).collect(),
            protocols: self.protocols.iter().map(|p| p.id.as_str()).collect(),
            certificate: self.certificate.iter().map(|c| c.id.as_str()).collect(),
            event_channels: self
                .event_channels
                .iter()
                .map(|c| c.name.as_str())
                .collect(),
            codes: catalog.codes.iter().map(|c| c.code.as_str()).collect(),
        }
    }

    fn validate(&self, problems: &mut Problems<'_>, catalog: &Catalog) {
        let documents: BTreeSet<&str> = catalog.documents.iter().map(|d| d.id.as_str()).collect();
        if !self.registry_path.starts_with("HKEY_LOCAL_MACHINE\\") {
            problems.add(
                "facts",
                "registry_path",
                "the extension's settings live under HKEY_LOCAL_MACHINE\\",
            );
        }
        let clouds = self.validate_clouds(problems, &documents);
        self.validate_settings(problems, &clouds, &documents);
        self.validate_channels(problems, &documents);
        let services = self.validate_services(problems);
        unique_ids(
            problems,
            "endpoint",
            "id",
            self.endpoints.iter().map(|e| e.id.as_str()),
            is_snake_id,
        );
        for endpoint in &self.endpoints {
            validate_endpoint(problems, endpoint, &services, &clouds, &documents);
        }
        let (protocols, methods) = self.validate_protocols_and_methods(problems);
        self.validate_matrix(problems, &protocols, &methods, &documents);
        self.validate_certificate(problems, &documents);
        self.validate_symptoms(problems, catalog, &documents);
        self.validate_nps_dlls(problems, &documents);
    }

    fn validate_nps_dlls(&self, problems: &mut Problems<'_>, documents: &BTreeSet<&str>) {
        unique_ids(
            problems,
            "NPS DLL value",
            "id",
            self.nps_dlls.iter().map(|d| d.id.as_str()),
            is_snake_id,
        );
        for dll in &self.nps_dlls {
            let entry = format!("NPS DLL value `{}`", dll.id);
            if dll.name.is_empty() || !dll.name.bytes().all(|b| b.is_ascii_alphanumeric()) {
                problems.add(&entry, "name", "a registry value name: letters and digits");
            }
            if !dll.key.starts_with("HKEY_LOCAL_MACHINE\\") {
                problems.add(
                    &entry,
                    "key",
                    "NPS reads its DLL values under HKEY_LOCAL_MACHINE\\",
                );
            }
            if !dll.value.to_ascii_lowercase().ends_with(".dll") {
                problems.add(
                    &entry,
                    "value",
                    "the value names a DLL: a path ending in .dll",
                );
            }
            problems.require_text(&entry, "role", &dll.role);
            problems.require_text(&entry, "summary", &dll.summary);
            problems.require_text(&entry, "when_wrong", &dll.when_wrong);
            check_sources(problems, &entry, "sources", &dll.sources, documents);
        }
    }

    fn validate_clouds(
        &self,
        problems: &mut Problems<'_>,
        documents: &BTreeSet<&str>,
    ) -> BTreeSet<&str> {
        let clouds = unique_ids(
            problems,
            "cloud",
            "id",
            self.clouds.iter().map(|c| c.id.as_str()),
            is_snake_id,
        );
        for cloud in &self.clouds {
            let entry = format!("cloud `{}`", cloud.id);
            problems.require_text(&entry, "title", &cloud.title);
            problems.require_text(&entry, "summary", &cloud.summary);
            check_sources(problems, &entry, "sources", &cloud.sources, documents);
        }
        if self.clouds.first().map(|c| c.id.as_str()) != Some("public") {
            problems.add(
                "facts",
                "clouds",
                "list the public cloud first; it is the default",
            );
        }
        clouds
    }

    fn validate_settings(
        &self,
        problems: &mut Problems<'_>,
        clouds: &BTreeSet<&str>,
        documents: &BTreeSet<&str>,
    ) {
        unique_ids(
            problems,
            "setting",
            "name",
            self.settings.iter().map(|s| s.name.as_str()),
            is_setting_name,
        );
        for setting in &self.settings {
            let entry = format!("setting `{}`", setting.name);
            for (field, text) in [
                ("summary", &setting.summary),
                ("values", &setting.values),
                ("default", &setting.default),
                ("when_missing", &setting.when_missing),
            ] {
                problems.require_text(&entry, field, text);
            }
            if let Choice::Unknown(other) = &setting.value_type {
                problems.add(
                    &entry,
                    "type",
                    format!("`{other}` is not `string` or `boolean`"),
                );
            }
            for (n, note) in setting.notes.iter().enumerate() {
                problems.require_text(&entry, &format!("notes[{n}]"), note);
            }
            let mut seen = BTreeSet::new();
            for (v, value) in setting.cloud_values.iter().enumerate() {
                let at = format!("cloud_values[{v}]");
                if !clouds.contains(value.cloud.as_str()) {
                    let problem = format!(
                        "unknown cloud `{}`; declared: {}",
                        value.cloud,
                        join(clouds)
                    );
                    problems.add(&entry, format!("{at}.cloud"), problem);
                } else if !seen.insert(value.cloud.as_str()) {
                    let problem = format!("cloud `{}` has two values", value.cloud);
                    problems.add(&entry, format!("{at}.cloud"), problem);
                }
                problems.require_text(&entry, &format!("{at}.value"), &value.value);
                check_sources(
                    problems,
                    &entry,
                    &format!("{at}.sources"),
                    &value.sources,
                    documents,
                );
            }
            check_sources(problems, &entry, "sources", &setting.sources, documents);
        }
    }

    fn validate_channels(&self, problems: &mut Problems<'_>, documents: &BTreeSet<&str>) {
        unique_ids(
            problems,
            "event channel",
            "name",
            self.event_channels.iter().map(|c| c.name.as_str()),
            is_code_token,
        );
        for channel in &self.event_channels {
            let entry = format!("event channel `{}`", channel.name);
            problems.require_text(&entry, "provider", &channel.provider);
            problems.require_text(&entry, "summary", &channel.summary);
            check_sources(problems, &entry, "sources", &channel.sources, documents);
        }
    }

    fn validate_services(&self, problems: &mut Problems<'_>) -> BTreeSet<&str> {
        let services = unique_ids(
            problems,
            "service",
            "id",
            self.services.iter().map(|s| s.id.as_str()),
            is_snake_id,
        );
        for service in &self.services {
            let entry = format!("service `{}`", service.id);
            problems.require_text(&entry, "title", &service.title);
            problems.require_text(&entry, "summary", &service.summary);
            if !self.endpoints.iter().any(|e| e.service == service.id) {
                problems.add(&entry, "id", "no endpoint belongs to this service");
            }
        }
        services
    }

    fn validate_protocols_and_methods(
        &self,
        problems: &mut Problems<'_>,
    ) -> (BTreeSet<&str>, BTreeSet<&str>) {
        let protocols = unique_ids(
            problems,
            "protocol",
            "id",
            self.protocols.iter().map(|p| p.id.as_str()),
            is_snake_id,
        );
        for protocol in &self.protocols {
            let entry = format!("protocol `{}`", protocol.id);
            problems.require_text(&entry, "name", &protocol.name);
            problems.require_text(&entry, "summary", &protocol.summary);
        }
        let methods = unique_ids(
            problems,
            "method",
            "id",
            self.methods.iter().map(|m| m.id.as_str()),
            is_snake_id,
        );
        for method in &self.methods {
            problems.require_text(&format!("method `{}`", method.id), "title", &method.title);
        }
        (protocols, methods)
    }

    fn validate_certificate(&self, problems: &mut Problems<'_>, documents: &BTreeSet<&str>) {
        unique_ids(
            problems,
            "certificate fact",
            "id",
            self.certificate.iter().map(|c| c.id.as_str()),
            is_snake_id,
        );
        for fact in &self.certificate {
            let entry = format!("certificate fact `{}`", fact.id);
            problems.require_text(&entry, "title", &fact.title);
            problems.require_text(&entry, "value", &fact.value);
            problems.require_text(&entry, "detail", &fact.detail);
            check_sources(problems, &entry, "sources", &fact.sources, documents);
        }
    }

    fn validate_symptoms(
        &self,
        problems: &mut Problems<'_>,
        catalog: &Catalog,
        documents: &BTreeSet<&str>,
    ) {
        let names = self.names(catalog);
        unique_ids(
            problems,
            "symptom",
            "id",
            self.symptoms.iter().map(|s| s.id.as_str()),
            is_snake_id,
        );
        let mut phrases: BTreeMap<String, &str> = BTreeMap::new();
        for symptom in &self.symptoms {
            let entry = format!("symptom `{}`", symptom.id);
            problems.require_text(&entry, "question", &symptom.question);
            problems.require_text(&entry, "summary", &symptom.summary);
            if symptom.phrases.is_empty() {
                problems.add(
                    &entry,
                    "phrases",
                    "list at least one phrase a user may type",
                );
            }
            for (p, phrase) in symptom.phrases.iter().enumerate() {
                let at = format!("phrases[{p}]");
                if fold(phrase) != *phrase || phrase.is_empty() {
                    problems.add(
                        &entry,
                        &at,
                        "write phrases in lower case with single spaces",
                    );
                }
                if let Some(other) = phrases.insert(phrase.clone(), &symptom.id) {
                    let problem = format!("`{phrase}` is also a phrase of `{other}`");
                    problems.add(&entry, &at, problem);
                }
            }
            if symptom.checks.is_empty() {
                problems.add(&entry, "checks", "list at least one check");
            }
            for (c, check) in symptom.checks.iter().enumerate() {
                problems.require_text(&entry, &format!("checks[{c}]"), check);
            }
            check_related(problems, &entry, "related", &symptom.related, &names, true);
            check_sources(problems, &entry, "sources", &symptom.sources, documents);
        }
    }

    fn validate_matrix(
        &self,
        problems: &mut Problems<'_>,
        protocols: &BTreeSet<&str>,
        methods: &BTreeSet<&str>,
        documents: &BTreeSet<&str>,
    ) {
        let mut cells = BTreeSet::new();
        for (i, cell) in self.protocol_methods.iter().enumerate() {
            let entry = format!("protocol_methods[{i}]");
            if !protocols.contains(cell.protocol.as_str()) {
                problems.add(
                    &entry,
                    "protocol",
                    format!(
                        "unknown protocol `{}`; declared: {}",
                        cell.protocol,
                        join(protocols)
                    ),
                );
            }
            if !methods.contains(cell.method.as_str()) {
                problems.add(
                    &entry,
                    "method",
                    format!(
                        "unknown method `{}`; declared: {}",
                        cell.method,
                        join(methods)
                    ),
                );
            }
            if !cells.insert((cell.protocol.as_str(), cell.method.as_str())) {
                problems.add(
                    &entry,
                    "method",
                    format!("({}, {}) is listed twice", cell.protocol, cell.method),
                );
            }
            check_sources(problems, &entry, "sources", &cell.sources, documents);
        }
        for protocol in protocols {
            for method in methods {
                if !cells.contains(&(*protocol, *method)) {
                    problems.add("facts", "protocol_methods", format!("no cell for ({protocol}, {method}); every protocol needs a cell for every method"));
                }
            }
        }
    }
}

fn is_setting_name(name: &str) -> bool {
    name.len() <= crate::text::LONGEST_NAME
        && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Checks that ids are well formed and unique; returns them.
fn unique_ids<'a>(
    problems: &mut Problems<'_>,
    kind: &str,
    field: &str,
    ids: impl Iterator<Item = &'a str>,
    well_formed: fn(&str) -> bool,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    for id in ids {
        let entry = format!("{kind} `{id}`");
        if !well_formed(id) {
            problems.add(
                &entry,
                field,
                format!("`{id}` is not a well-formed {kind} {field}"),
            );
        }
        if !seen.insert(id) {
            problems.add(&entry, field, format!("duplicate {kind} {field}"));
        }
    }
    seen
}

fn check_sources(
    problems: &mut Problems<'_>,
    entry: &str,
    at: &str,
    sources: &[SourceDef],
    documents: &BTreeSet<&str>,
) {
    if sources.is_empty() {
        problems.add(
            entry,
            at,
            "name at least one document and section that state it",
        );
    }
    let mut seen = BTreeSet::new();
    for (s, source) in sources.iter().enumerate() {
        if !documents.contains(source.document.as_str()) {
            problems.add(
                entry,
                format!("{at}[{s}].document"),
                format!(
                    "unknown source id `{}`; declared in data/catalog.yaml: {}",
                    source.document,
                    join(documents)
                ),
            );
        }
        problems.require_text(entry, &format!("{at}[{s}].section"), &source.section);
        if !seen.insert((source.document.as_str(), source.section.as_str())) {
            problems.add(
                entry,
                format!("{at}[{s}]"),
                "this document and section are listed twice",
            );
        }
    }
}

/// The rules of one endpoint.
fn validate_endpoint(
    problems: &mut Problems<'_>,
    endpoint: &EndpointDef,
    services: &BTreeSet<&str>,
    clouds: &BTreeSet<&str>,
    documents: &BTreeSet<&str>,
) {
    let entry = format!("endpoint `{}`", endpoint.id);
    if !services.contains(endpoint.service.as_str()) {
        problems.add(
            &entry,
            "service",
            format!(
                "unknown service `{}`; declared: {}",
                endpoint.service,
                join(services)
            ),
        );
    }
    match (&endpoint.transport, &endpoint.url) {
        (Choice::Known(Transport::Tcp), Some(url)) => {
            if !is_well_formed_https_url(url) || url.trim_start_matches("https://").contains('/') {
                problems.add(&entry, "url", format!("`{url}` is not an https://host URL"));
            }
        }
        (Choice::Known(Transport::Tcp), None) => {
            problems.add(&entry, "url", "a TCP endpoint needs its https:// URL");
        }
        (Choice::Known(Transport::Udp), _) => {}
        (Choice::Unknown(other), _) => problems.add(
            &entry,
            "transport",
            format!("`{other}` is not `tcp` or `udp`"),
        ),
    }
    if endpoint.ports.is_empty() || endpoint.ports.contains(&0) {
        problems.add(&entry, "ports", "list the ports (1 to 65535)");
    }
    if let Choice::Unknown(other) = &endpoint.phase {
        problems.add(
            &entry,
            "phase",
            format!("`{other}` is not `run_time` or `set_up`"),
        );
    }
    if endpoint.clouds.is_empty() {
        problems.add(&entry, "clouds", "name the clouds that use it");
    }
    for (c, cloud) in endpoint.clouds.iter().enumerate() {
        if !clouds.contains(cloud.as_str()) {
            problems.add(
                &entry,
                format!("clouds[{c}]"),
                format!("unknown cloud `{cloud}`; declared: {}", join(clouds)),
            );
        }
    }
    check_sources(problems, &entry, "sources", &endpoint.sources, documents);
}
