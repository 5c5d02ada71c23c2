//! The rules of `data/catalog.yaml`. Every rule runs; every problem names the file, the record
//! (its code, document or category id) and the field, so a reviewer can go straight to the line.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{CatalogErrors, Problems};
use crate::fold::fold;
use crate::load::{Catalog, CodeDef, EntryDef};
use crate::text::{
    is_code_token, is_iso_date, is_snake_id, is_well_formed_https_url, join, literal_segments,
    resolve_link, variant_name, KNOWN_LOCALE_SHAPE, LONGEST_NAME,
};

/// What the rules of one entry need to know about the rest of the catalog.
struct Declared<'a> {
    documents: BTreeSet<&'a str>,
    categories: BTreeSet<&'a str>,
    /// Every folded wording seen so far, with where it was first seen.
    wordings: BTreeMap<String, String>,
}

/// Checks every rule of the catalog; returns all problems at once.
pub fn validate(catalog: &Catalog, file: &str) -> Result<(), CatalogErrors> {
    let mut problems = Problems::new(file);
    if catalog.schema_version == 0 {
        problems.add("catalog", "schema_version", "must be 1 or more");
    }
    let mut declared = Declared {
        documents: catalog.validate_documents(&mut problems),
        categories: catalog.validate_categories(&mut problems),
        wordings: BTreeMap::new(),
    };
    catalog.validate_codes(&mut problems, &mut declared);
    if problems.found.is_empty() {
        Ok(())
    } else {
        Err(CatalogErrors(problems.found))
    }
}

impl Catalog {
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

    fn validate_codes(&self, problems: &mut Problems<'_>, declared: &mut Declared<'_>) {
        if self.codes.is_empty() {
            problems.add("catalog", "codes", "the catalog lists no code");
        }
        let mut codes: BTreeMap<&str, &CodeDef> = BTreeMap::new();
        let mut variants: BTreeMap<String, &str> = BTreeMap::new();
        let mut lower: BTreeMap<String, &str> = BTreeMap::new();
        for def in &self.codes {
            let entry = format!("code `{}`", def.code);
            if !is_code_token(&def.code) {
                problems.add(
                    &entry,
                    "code",
                    "a code is letters, digits and `_`, starting with a letter",
                );
            }
            if def.code.len() > LONGEST_NAME {
                let problem = format!("a code is at most {LONGEST_NAME} characters long");
                problems.add(&entry, "code", problem);
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
                    let problem = format!(
                        "differs from `{other}` only in case, so case-insensitive lookup would \
                         be ambiguous"
                    );
                    problems.add(&entry, "code", problem);
                }
            }
            self.validate_code(problems, &entry, def, declared);
        }
        for def in &self.codes {
            validate_shared_row(problems, def, &codes);
        }
    }

    fn validate_code(
        &self,
        problems: &mut Problems<'_>,
        entry: &str,
        def: &CodeDef,
        declared: &mut Declared<'_>,
    ) {
        problems.require_text(entry, "summary", &def.summary);
        match (&def.label, def.message_keyed) {
            (None, true) => problems.add(
                entry,
                "label",
                "a message-keyed row needs the label the documents show in the code column",
            ),
            (Some(_), false) => problems.add(
                entry,
                "label",
                "only message-keyed rows have a label; set `message_keyed: true` or remove it",
            ),
            (Some(label), true) => problems.require_text(entry, "label", label),
            (None, false) => {}
        }
        if def.shares_row_with.is_some() && !def.entries.is_empty() {
            problems.add(
                entry,
                "entries",
                "a code that shares another code's rows has no entries of its own",
            );
        }
        if def.shares_row_with.is_none() && def.entries.is_empty() {
            problems.add(
                entry,
                "entries",
                "list at least one entry (one per documented row)",
            );
        }
        for (i, e) in def.entries.iter().enumerate() {
            let at = |field: &str| format!("entries[{i}].{field}");
            validate_entry_text(problems, entry, &at, e, declared);
            let listed = validate_entry_sources(problems, entry, &at, e, declared);
            if def.message_keyed && e.messages.is_empty() {
                problems.add(
                    entry,
                    at("messages"),
                    "a message-keyed row needs its message",
                );
            }
            self.validate_messages(problems, entry, &at, e, &listed, declared);
        }
    }

    fn validate_messages(
        &self,
        problems: &mut Problems<'_>,
        entry: &str,
        at: &dyn Fn(&str) -> String,
        e: &EntryDef,
        listed: &BTreeSet<&str>,
        declared: &mut Declared<'_>,
    ) {
        let mut newest_seen: Option<&str> = None;
        for (m, message) in e.messages.iter().enumerate() {
            let field = at(&format!("messages[{m}]"));
            problems.require_text(entry, &format!("{field}.text"), &message.text);
            let folded = fold(&message.text);
            if let Some(first) = declared.wordings.insert(folded, format!("{entry} {field}")) {
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
                let place = format!("{field}.documents[{d}]");
                if !declared.documents.contains(doc.as_str()) {
                    problems.add(entry, place, format!("unknown source id `{doc}`"));
                } else if !listed.contains(doc.as_str()) {
                    let problem =
                        format!("`{doc}` shows this wording but is not among the entry's sources");
                    problems.add(entry, place, problem);
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
                    let problem = "list wordings newest first: this one appears in a newer \
                                   document than the one above";
                    problems.add(entry, format!("{field}.documents"), problem);
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

/// `shares_row_with` names another code that has entries of its own.
fn validate_shared_row(
    problems: &mut Problems<'_>,
    def: &CodeDef,
    codes: &BTreeMap<&str, &CodeDef>,
) {
    let Some(target) = &def.shares_row_with else {
        return;
    };
    let entry = format!("code `{}`", def.code);
    match codes.get(target.as_str()) {
        None => problems.add(
            &entry,
            "shares_row_with",
            format!("`{target}` is not a code in the catalog"),
        ),
        Some(other) if other.shares_row_with.is_some() || other.entries.is_empty() => problems.add(
            &entry,
            "shares_row_with",
            format!("`{target}` must have entries of its own"),
        ),
        Some(_) if target == &def.code => problems.add(
            &entry,
            "shares_row_with",
            "a code cannot share rows with itself",
        ),
        Some(_) => {}
    }
}

/// The category, summary, steps and links of one entry.
fn validate_entry_text(
    problems: &mut Problems<'_>,
    entry: &str,
    at: &dyn Fn(&str) -> String,
    e: &EntryDef,
    declared: &Declared<'_>,
) {
    if !declared.categories.contains(e.category.as_str()) {
        problems.add(
            entry,
            at("category"),
            format!(
                "unknown category `{}`; declared: {}",
                e.category,
                join(&declared.categories)
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
            let problem = format!(
                "`{}` is not a well-formed link (https://..., /path, page.md#anchor or #anchor)",
                link.url
            );
            problems.add(entry, at(&format!("links[{l}].url")), problem);
        }
    }
}

/// The sources of one entry; returns the documents they name.
fn validate_entry_sources<'a>(
    problems: &mut Problems<'_>,
    entry: &str,
    at: &dyn Fn(&str) -> String,
    e: &'a EntryDef,
    declared: &Declared<'_>,
) -> BTreeSet<&'a str> {
    if e.sources.is_empty() {
        problems.add(
            entry,
            at("sources"),
            "name at least one document that lists this row",
        );
    }
    let mut listed = BTreeSet::new();
    for (s, source) in e.sources.iter().enumerate() {
        let place = at(&format!("sources[{s}].document"));
        if !declared.documents.contains(source.document.as_str()) {
            let problem = format!(
                "unknown source id `{}`; declared: {}",
                source.document,
                join(&declared.documents)
            );
            problems.add(entry, &place, problem);
        }
        if !listed.insert(source.document.as_str()) {
            let problem = format!("document `{}` is listed twice", source.document);
            problems.add(entry, &place, problem);
        }
        problems.require_text(
            entry,
            &at(&format!("sources[{s}].section")),
            &source.section,
        );
    }
    listed
}
