//! The catalog's on-disk schema and its validation rules.
//!
//! This file is compiled twice: by `build.rs` (through `#[path]`), which deserializes
//! `data/catalog.yaml` with it and refuses to build on bad data, and by the tests, which feed it
//! bad YAML and check each rule. It is not part of the library's public API: the library only
//! sees the Rust code that `build.rs` generates from the validated catalog.
//!
//! Every rule lives in [`Catalog::validate`], and every failure names the file, the entry (its
//! code, document or category id) and the field, so a reviewer can go straight to the line.
//!
//! Whoever includes this file also includes `src/fold.rs` as `crate::fold`.

#![allow(dead_code)] // each includer uses a different part of this module

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Deserialize;

/// Where relative links in the Microsoft pages point: the folder of the NPS extension pages.
pub const LEARN_AUTHENTICATION_BASE: &str =
    "https://learn.microsoft.com/en-us/entra/identity/authentication/";
/// Where links that start with `/` point.
pub const LEARN_ROOT: &str = "https://learn.microsoft.com/en-us";
/// The page that in-page anchors (`#contact-microsoft-support`) belong to.
pub const ERRORS_PAGE: &str =
    "https://learn.microsoft.com/en-us/entra/identity/authentication/howto-mfa-nps-extension-errors";

/// The whole catalog file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Version of the JSON export format generated from this catalog.
    pub schema_version: u32,
    /// The source documents, declared once and referenced by id.
    pub documents: Vec<Document>,
    /// The documents' sections, in the order the documents list them.
    pub categories: Vec<CategoryDef>,
    /// One record per code, in the order of the newest document.
    pub codes: Vec<CodeDef>,
}

/// One version of one Microsoft page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Stable identifier used by `sources` and `messages[].documents`.
    pub id: String,
    /// The page title (in English).
    pub title: String,
    /// `ms.date` of the version, `YYYY-MM-DD`.
    pub date: String,
    /// Locale of the page (`en-US`, `ko-KR`, ...).
    pub locale: String,
    /// Where the current version of the page lives.
    pub url: String,
    /// True when the page is a machine translation whose English is kept alongside.
    #[serde(default)]
    pub machine_translated: bool,
    /// File name under `shared/seeds/` (or `shared/sources/`) this version was read from.
    #[serde(default)]
    pub seed: Option<String>,
}

/// One section of the errors page, which is our category.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryDef {
    /// `snake_case` identifier (`nps_extension`, `user_error`, ...).
    pub id: String,
    /// The section heading in the newest document.
    pub title: String,
    /// One or two sentences in our own words.
    pub description: String,
}

/// One documented code (or message-keyed row).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeDef {
    /// The code exactly as logged, or our stable identifier for a message-keyed row.
    pub code: String,
    /// One line: what the code means.
    pub summary: String,
    /// True for rows the documents key by a message instead of a code.
    #[serde(default)]
    pub message_keyed: bool,
    /// For message-keyed rows: the text the documents put in the code column.
    #[serde(default)]
    pub label: Option<String>,
    /// This code is documented on the same table row(s) as another code and shares its entries.
    #[serde(default)]
    pub shares_row_with: Option<String>,
    /// One per documented (message, section) row.
    #[serde(default)]
    pub entries: Vec<EntryDef>,
}

/// One documented row: a message (or none) of a code in one section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryDef {
    /// Id of a declared category.
    pub category: String,
    /// One line: what this row means.
    pub summary: String,
    /// Every documented wording of the message, newest first. Empty when the row has none.
    #[serde(default)]
    pub messages: Vec<MessageDef>,
    /// What to do, as short numbered steps in our own words.
    pub steps: Vec<String>,
    /// Pages the steps refer to.
    #[serde(default)]
    pub links: Vec<LinkDef>,
    /// Which document versions list this row, and under which heading.
    pub sources: Vec<SourceDef>,
    /// The facts of `data/facts.yaml` this row's fix depends on (checked by `facts_schema`).
    #[serde(default)]
    pub related: RelatedDef,
}

/// References from a record to the facts of `data/facts.yaml`, each by its name or id.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelatedDef {
    /// Registry setting names (`IP_WHITELIST`).
    #[serde(default)]
    pub settings: Vec<String>,
    /// Service ids (`token_service`), resolved to each cloud's endpoints.
    #[serde(default)]
    pub services: Vec<String>,
    /// RADIUS password protocol ids (`pap`, `chapv2`, `eap`).
    #[serde(default)]
    pub protocols: Vec<String>,
    /// Client-certificate fact ids (`subject`).
    #[serde(default)]
    pub certificate: Vec<String>,
    /// Event channel names (`AuthZOptCh`).
    #[serde(default)]
    pub event_channels: Vec<String>,
    /// Codes of the catalog; only symptoms name codes (a code's own links are its entries').
    #[serde(default)]
    pub codes: Vec<String>,
}

impl RelatedDef {
    /// Every reference as (field, values), in a fixed order.
    pub fn fields(&self) -> [(&'static str, &[String]); 6] {
        [
            ("settings", &self.settings),
            ("services", &self.services),
            ("protocols", &self.protocols),
            ("certificate", &self.certificate),
            ("event_channels", &self.event_channels),
            ("codes", &self.codes),
        ]
    }
}

/// One wording of a message, exactly as the product logs it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageDef {
    /// The exact text; `{0}`, `{1}` are placeholders the product fills in.
    pub text: String,
    /// Ids of the documents that show this wording.
    pub documents: Vec<String>,
    /// Substrings of `text` that vary in real logs (a user name, the product name).
    #[serde(default)]
    pub variable: Vec<String>,
}

/// A link from the steps to a page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkDef {
    /// What the link is about.
    pub title: String,
    /// Absolute `https://` URL, a relative `page.md#anchor` as the pages write it, `/path`, or
    /// an in-page `#anchor` of the errors page.
    pub url: String,
}

/// One place a document lists a row.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDef {
    /// Id of a declared document.
    pub document: String,
    /// The section heading in that document (its English text).
    pub section: String,
    /// Anything a reader should know about this listing.
    #[serde(default)]
    pub note: Option<String>,
}

/// A catalog problem: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {entry}, field `{field}`: {problem}")]
pub struct CatalogError {
    /// The catalog file.
    pub file: String,
    /// The record: `code `X``, `document `Y``, `category `Z``, or `catalog`.
    pub entry: String,
    /// The field path inside the record (`entries[1].messages[0].text`).
    pub field: String,
    /// What is wrong and what to do.
    pub problem: String,
}

/// All the problems found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogErrors(pub Vec<CatalogError>);

impl fmt::Display for CatalogErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the catalog has {} problem(s):", self.0.len())?;
        for error in &self.0 {
            writeln!(f, "  - {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CatalogErrors {}

/// Parses and validates one catalog file.
pub fn parse(file: &str, yaml: &str) -> Result<Catalog, CatalogErrors> {
    let catalog: Catalog = serde_yaml::from_str(yaml).map_err(|error| {
        let (entry, field) = match error.location() {
            Some(at) => (
                format!("line {}, column {}", at.line(), at.column()),
                "yaml".to_owned(),
            ),
            None => ("catalog".to_owned(), "yaml".to_owned()),
        };
        CatalogErrors(vec![CatalogError {
            file: file.to_owned(),
            entry,
            field,
            problem: format!("not a valid catalog: {error}"),
        }])
    })?;
    catalog.validate(file)?;
    Ok(catalog)
}

/// Resolves a link as the pages write it to an absolute `https://learn.microsoft.com` URL.
///
/// Returns `None` for a link that cannot be made absolute and well formed.
pub fn resolve_link(url: &str) -> Option<String> {
    let resolved = if url.starts_with("https://") {
        url.to_owned()
    } else if let Some(anchor) = url.strip_prefix('#') {
        format!("{ERRORS_PAGE}#{anchor}")
    } else if url.starts_with('/') {
        format!("{LEARN_ROOT}{url}")
    } else if url.starts_with("http://") || url.contains("://") || url.starts_with("..") {
        return None;
    } else {
        let (path, anchor) = match url.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (url, None),
        };
        let page = path.strip_suffix(".md").unwrap_or(path);
        match anchor {
            Some(anchor) => format!("{LEARN_AUTHENTICATION_BASE}{page}#{anchor}"),
            None => format!("{LEARN_AUTHENTICATION_BASE}{page}"),
        }
    };
    is_well_formed_https_url(&resolved).then_some(resolved)
}

/// True for `https://host/...` with a dotted host and no white space or quotes.
pub fn is_well_formed_https_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '#', '?']).next().unwrap_or("");
    !host.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        && url.matches('#').count() <= 1
}

/// The Rust variant name for a code: `ESTS_TOKEN_ERROR` → `EstsTokenError`,
/// `MFAPinNotSetup` → `MfaPinNotSetup`, `AccessDenied` → `AccessDenied`.
pub fn variant_name(code: &str) -> String {
    let mut name = String::with_capacity(code.len());
    for word in code.split('_').filter(|w| !w.is_empty()) {
        let chars: Vec<char> = word.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            // Inside a run of capitals (`MFA`, `ESTS`), only the run's first letter stays
            // upper case; a capital followed by a lower-case letter starts the next word.
            let inside_capital_run = i > 0
                && c.is_ascii_uppercase()
                && chars[i - 1].is_ascii_uppercase()
                && !chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if i == 0 {
                name.push(c.to_ascii_uppercase());
            } else if inside_capital_run {
                name.push(c.to_ascii_lowercase());
            } else {
                name.push(c);
            }
        }
    }
    name
}

pub use crate::fold::fold;

/// The literal pieces of a message wording between its variable parts, each folded.
///
/// Placeholders are `{0}`, `{1}`, ... (with the backslashes the pages put around
/// `\{0}\`), and the `variable` substrings. A message that starts or ends with a variable part
/// yields no empty piece for it.
pub fn literal_segments(text: &str, variable: &[String]) -> Vec<String> {
    let mut marked = text.to_owned();
    for var in variable {
        marked = marked.replace(var.as_str(), "\u{0}");
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut rest = marked.as_str();
    while let Some(c) = rest.chars().next() {
        if c == '\u{0}' {
            pieces.push(std::mem::take(&mut current));
            rest = &rest[1..];
            continue;
        }
        if let Some(after) = placeholder_at(rest) {
            pieces.push(std::mem::take(&mut current));
            rest = after;
            continue;
        }
        current.push(c);
        rest = &rest[c.len_utf8()..];
    }
    pieces.push(current);
    pieces
        .iter()
        .map(|p| fold(p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// If `text` starts with a placeholder (`{0}` or `\{0}\`), returns what follows it.
fn placeholder_at(text: &str) -> Option<&str> {
    let (escaped, body) = match text.strip_prefix('\\') {
        Some(body) => (true, body),
        None => (false, text),
    };
    let body = body.strip_prefix('{')?;
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let mut after = body[digits..].strip_prefix('}')?;
    if escaped {
        after = after.strip_prefix('\\').unwrap_or(after);
    }
    Some(after)
}

/// True if the text has a `{N}` placeholder.
pub fn has_placeholder(text: &str) -> bool {
    text.char_indices()
        .any(|(i, _)| placeholder_at(&text[i..]).is_some())
}

const KNOWN_LOCALE_SHAPE: fn(&str) -> bool = |locale| {
    let mut parts = locale.split('-');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(lang), Some(region), None)
            if lang.len() == 2 && region.len() == 2
                && lang.chars().all(|c| c.is_ascii_lowercase())
                && region.chars().all(|c| c.is_ascii_uppercase())
    )
};

pub fn is_iso_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
        && (1..=12).contains(&date[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&date[8..10].parse::<u32>().unwrap_or(0))
}

pub fn is_code_token(code: &str) -> bool {
    code.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub fn is_snake_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Collects problems for one file.
pub struct Problems<'a> {
    /// The file the problems are in.
    pub file: &'a str,
    /// What was found so far.
    pub found: Vec<CatalogError>,
}

impl Problems<'_> {
    /// Records a problem at this record and field.
    pub fn add(
        &mut self,
        entry: impl Into<String>,
        field: impl Into<String>,
        problem: impl Into<String>,
    ) {
        self.found.push(CatalogError {
            file: self.file.to_owned(),
            entry: entry.into(),
            field: field.into(),
            problem: problem.into(),
        });
    }

    /// Records a problem if the text is empty or has white space around it.
    pub fn require_text(&mut self, entry: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(entry, field, "must not be empty");
        } else if value.trim() != value {
            self.add(
                entry,
                field,
                "has leading or trailing white space; remove it",
            );
        }
    }
}

impl Catalog {
    /// Checks every rule; returns all problems at once.
    pub fn validate(&self, file: &str) -> Result<(), CatalogErrors> {
        let mut problems = Problems {
            file,
            found: Vec::new(),
        };
        if self.schema_version == 0 {
            problems.add("catalog", "schema_version", "must be 1 or more");
        }
        let documents = self.validate_documents(&mut problems);
        let categories = self.validate_categories(&mut problems);
        self.validate_codes(&mut problems, &documents, &categories);
        if problems.found.is_empty() {
            Ok(())
        } else {
            Err(CatalogErrors(problems.found))
        }
    }

    fn validate_documents<'a>(&'a self, problems: &mut Problems<'_>) -> BTreeSet<&'a str> {
        let mut ids = BTreeSet::new();
        if self.documents.is_empty() {
            problems.add(
                "catalog",
                "documents",
                "declare at least one source document",
            );
        }
        for pair in self.documents.windows(2) {
            if pair[1].date < pair[0].date {
                problems.add(
                    format!("document `{}`", pair[1].id),
                    "date",
                    format!(
                        "documents are listed oldest first, but this one is older than `{}`",
                        pair[0].id
                    ),
                );
            }
        }
        for doc in &self.documents {
            let entry = format!("document `{}`", doc.id);
            if !is_snake_id(&doc.id.replace('-', "_")) {
                problems.add(&entry, "id", "use lower-case letters, digits and `-`");
            }
            if !ids.insert(doc.id.as_str()) {
                problems.add(
                    &entry,
                    "id",
                    "duplicate document id; each document is declared once",
                );
            }
            problems.require_text(&entry, "title", &doc.title);
            if !is_iso_date(&doc.date) {
                problems.add(
                    &entry,
                    "date",
                    format!("`{}` is not a YYYY-MM-DD date", doc.date),
                );
            }
            if !KNOWN_LOCALE_SHAPE(&doc.locale) {
                problems.add(
                    &entry,
                    "locale",
                    format!("`{}` is not a locale like en-US", doc.locale),
                );
            }
            if !is_well_formed_https_url(&doc.url) {
                problems.add(
                    &entry,
                    "url",
                    format!("`{}` is not a well-formed https URL", doc.url),
                );
            }
        }
        ids
    }

    fn validate_categories<'a>(&'a self, problems: &mut Problems<'_>) -> BTreeSet<&'a str> {
        let mut ids = BTreeSet::new();
        if self.categories.is_empty() {
            problems.add("catalog", "categories", "declare at least one category");
        }
        for category in &self.categories {
            let entry = format!("category `{}`", category.id);
            if !is_snake_id(&category.id) {
                problems.add(
                    &entry,
                    "id",
                    "use snake_case: lower-case letters, digits and `_`",
                );
            }
            if !ids.insert(category.id.as_str()) {
                problems.add(&entry, "id", "duplicate category id");
            }
            problems.require_text(&entry, "title", &category.title);
            problems.require_text(&entry, "description", &category.description);
        }
        ids
    }

    fn validate_codes(
        &self,
        problems: &mut Problems<'_>,
        documents: &BTreeSet<&str>,
        categories: &BTreeSet<&str>,
    ) {
        if self.codes.is_empty() {
            problems.add("catalog", "codes", "the catalog lists no code");
        }
        let mut codes: BTreeMap<&str, &CodeDef> = BTreeMap::new();
        let mut variants: BTreeMap<String, &str> = BTreeMap::new();
        let mut lower: BTreeMap<String, &str> = BTreeMap::new();
        let mut wordings: BTreeMap<String, String> = BTreeMap::new();
        for def in &self.codes {
            let entry = format!("code `{}`", def.code);
            if !is_code_token(&def.code) {
                problems.add(
                    &entry,
                    "code",
                    "a code is letters, digits and `_`, starting with a letter",
                );
            }
            if codes.insert(def.code.as_str(), def).is_some() {
                problems.add(
                    &entry,
                    "code",
                    "duplicate code; list each code once and give it several entries",
                );
            }
            let variant = variant_name(&def.code);
            if let Some(other) = variants.insert(variant.clone(), &def.code) {
                if other != def.code {
                    problems.add(
                        &entry,
                        "code",
                        format!("its Rust name `{variant}` is also the name of `{other}`"),
                    );
                }
            }
            if let Some(other) = lower.insert(def.code.to_ascii_lowercase(), &def.code) {
                if other != def.code {
                    problems.add(&entry, "code", format!("differs from `{other}` only in case, so case-insensitive lookup would be ambiguous"));
                }
            }
            problems.require_text(&entry, "summary", &def.summary);
            match (&def.label, def.message_keyed) {
                (None, true) => problems.add(
                    &entry,
                    "label",
                    "a message-keyed row needs the label the documents show in the code column",
                ),
                (Some(_), false) => problems.add(
                    &entry,
                    "label",
                    "only message-keyed rows have a label; set `message_keyed: true` or remove it",
                ),
                (Some(label), true) => problems.require_text(&entry, "label", label),
                (None, false) => {}
            }
            if def.shares_row_with.is_some() && !def.entries.is_empty() {
                problems.add(
                    &entry,
                    "entries",
                    "a code that shares another code's rows has no entries of its own",
                );
            }
            if def.shares_row_with.is_none() && def.entries.is_empty() {
                problems.add(
                    &entry,
                    "entries",
                    "list at least one entry (one per documented row)",
                );
            }
            for (i, e) in def.entries.iter().enumerate() {
                self.validate_entry(
                    problems,
                    &entry,
                    i,
                    e,
                    documents,
                    categories,
                    &mut wordings,
                    def,
                );
            }
        }
        for def in &self.codes {
            let Some(target) = &def.shares_row_with else {
                continue;
            };
            let entry = format!("code `{}`", def.code);
            match codes.get(target.as_str()) {
                None => problems.add(
                    &entry,
                    "shares_row_with",
                    format!("`{target}` is not a code in the catalog"),
                ),
                Some(other) if other.shares_row_with.is_some() || other.entries.is_empty() => {
                    problems.add(
                        &entry,
                        "shares_row_with",
                        format!("`{target}` must have entries of its own"),
                    )
                }
                Some(_) if target == &def.code => problems.add(
                    &entry,
                    "shares_row_with",
                    "a code cannot share rows with itself",
                ),
                Some(_) => {}
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn validate_entry(
        &self,
        problems: &mut Problems<'_>,
        entry: &str,
        index: usize,
        e: &EntryDef,
        documents: &BTreeSet<&str>,
        categories: &BTreeSet<&str>,
        wordings: &mut BTreeMap<String, String>,
        def: &CodeDef,
    ) {
        let at = |field: &str| format!("entries[{index}].{field}");
        if !categories.contains(e.category.as_str()) {
            problems.add(
                entry,
                at("category"),
                format!(
                    "unknown category `{}`; declared: {}",
                    e.category,
                    join(categories)
                ),
            );
        }
        problems.require_text(entry, &at("summary"), &e.summary);
        if e.steps.is_empty() {
            problems.add(entry, at("steps"), "list at least one remediation step");
        }
        for (s, step) in e.steps.iter().enumerate() {
            problems.require_text(entry, &at(&format!("steps[{s}]")), step);
        }
        for (l, link) in e.links.iter().enumerate() {
            problems.require_text(entry, &at(&format!("links[{l}].title")), &link.title);
            if resolve_link(&link.url).is_none() {
                problems.add(entry, at(&format!("links[{l}].url")), format!("`{}` is not a well-formed link (https://..., /path, page.md#anchor or #anchor)", link.url));
            }
        }
        if e.sources.is_empty() {
            problems.add(
                entry,
                at("sources"),
                "name at least one document that lists this row",
            );
        }
        let mut listed = BTreeSet::new();
        for (s, source) in e.sources.iter().enumerate() {
            if !documents.contains(source.document.as_str()) {
                problems.add(
                    entry,
                    at(&format!("sources[{s}].document")),
                    format!(
                        "unknown source id `{}`; declared: {}",
                        source.document,
                        join(documents)
                    ),
                );
            }
            if !listed.insert(source.document.as_str()) {
                problems.add(
                    entry,
                    at(&format!("sources[{s}].document")),
                    format!("document `{}` is listed twice", source.document),
                );
            }
            problems.require_text(
                entry,
                &at(&format!("sources[{s}].section")),
                &source.section,
            );
        }
        if def.message_keyed && e.messages.is_empty() {
            problems.add(
                entry,
                at("messages"),
                "a message-keyed row needs its message",
            );
        }
        let mut newest_seen: Option<&str> = None;
        for (m, message) in e.messages.iter().enumerate() {
            let field = at(&format!("messages[{m}]"));
            problems.require_text(entry, &format!("{field}.text"), &message.text);
            let folded = fold(&message.text);
            if let Some(first) = wordings.insert(folded, format!("{entry} {field}")) {
                problems.add(
                    entry,
                    format!("{field}.text"),
                    format!("this wording is listed twice (first at {first})"),
                );
            }
            if message.documents.is_empty() {
                problems.add(
                    entry,
                    format!("{field}.documents"),
                    "name the documents that show this wording",
                );
            }
            for (d, doc) in message.documents.iter().enumerate() {
                if !documents.contains(doc.as_str()) {
                    problems.add(
                        entry,
                        format!("{field}.documents[{d}]"),
                        format!("unknown source id `{doc}`"),
                    );
                } else if !listed.contains(doc.as_str()) {
                    problems.add(
                        entry,
                        format!("{field}.documents[{d}]"),
                        format!("`{doc}` shows this wording but is not among the entry's sources"),
                    );
                }
            }
            for (v, var) in message.variable.iter().enumerate() {
                if var.is_empty() || !message.text.contains(var.as_str()) {
                    problems.add(
                        entry,
                        format!("{field}.variable[{v}]"),
                        format!("`{var}` does not occur in the message text"),
                    );
                }
            }
            if literal_segments(&message.text, &message.variable).is_empty() {
                problems.add(
                    entry,
                    format!("{field}.text"),
                    "the wording is all placeholders; nothing could match it",
                );
            }
            let newest = message
                .documents
                .iter()
                .filter_map(|d| self.document_date(d))
                .max();
            if let (Some(previous), Some(current)) = (newest_seen, newest) {
                if current > previous {
                    problems.add(entry, format!("{field}.documents"), "list wordings newest first: this one appears in a newer document than the one above");
                }
            }
            newest_seen = newest.or(newest_seen);
        }
    }

    fn document_date(&self, id: &str) -> Option<&str> {
        self.documents
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.date.as_str())
    }
}

/// The ids, comma-separated, for "declared: ..." hints.
pub fn join(ids: &BTreeSet<&str>) -> String {
    ids.iter().copied().collect::<Vec<_>>().join(", ")
}
