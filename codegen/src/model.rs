//! Resolve: one model of the validated data. Every reference by string becomes a typed index,
//! and what the emitters need about owners and reverse links is computed here, once.

use std::collections::BTreeMap;

use crate::load::{Catalog, CodeDef, Document, EntryDef, Facts, RelatedDef};
use crate::text::variant_name;

/// Index of a code in catalog order (`ErrorCode as usize`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CodeId(pub usize);

/// Index of a document in `DOCUMENTS` (oldest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DocId(pub usize);

/// The five kinds of fact a `related:` block can name, in the order the export writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Related {
    /// Registry settings, by name.
    Settings,
    /// Services, by id.
    Services,
    /// RADIUS password protocols, by id.
    Protocols,
    /// Client-certificate facts, by id.
    Certificate,
    /// Event logs, by name.
    EventChannels,
}

impl Related {
    /// Every kind, in export order.
    pub const ALL: [Related; 5] = [
        Related::Settings,
        Related::Services,
        Related::Protocols,
        Related::Certificate,
        Related::EventChannels,
    ];

    /// The field of `RelatedDef` and of the runtime `Related`.
    pub fn field(self) -> &'static str {
        match self {
            Related::Settings => "settings",
            Related::Services => "services",
            Related::Protocols => "protocols",
            Related::Certificate => "certificate",
            Related::EventChannels => "event_channels",
        }
    }

    /// The Rust enum the ids become.
    pub fn enum_name(self) -> &'static str {
        match self {
            Related::Settings => "Setting",
            Related::Services => "Service",
            Related::Protocols => "AuthProtocol",
            Related::Certificate => "CertificateFact",
            Related::EventChannels => "EventChannel",
        }
    }

    /// The ids this kind's field of `related` lists.
    pub fn of(self, related: &RelatedDef) -> &[String] {
        match self {
            Related::Settings => &related.settings,
            Related::Services => &related.services,
            Related::Protocols => &related.protocols,
            Related::Certificate => &related.certificate,
            Related::EventChannels => &related.event_channels,
        }
    }

    /// Every declared id of this kind, in `data/facts.yaml` order.
    pub fn ids(self, facts: &Facts) -> Vec<&str> {
        match self {
            Related::Settings => facts.settings.iter().map(|s| s.name.as_str()).collect(),
            Related::Services => facts.services.iter().map(|s| s.id.as_str()).collect(),
            Related::Protocols => facts.protocols.iter().map(|p| p.id.as_str()).collect(),
            Related::Certificate => facts.certificate.iter().map(|c| c.id.as_str()).collect(),
            Related::EventChannels => facts
                .event_channels
                .iter()
                .map(|c| c.name.as_str())
                .collect(),
        }
    }
}

/// The validated data with its references resolved.
pub struct Model<'a> {
    /// The catalog as loaded.
    pub catalog: &'a Catalog,
    /// The facts as loaded.
    pub facts: &'a Facts,
    documents: BTreeMap<&'a str, DocId>,
    codes: BTreeMap<&'a str, CodeId>,
    /// Per code: the code whose entries it uses (itself, or the one it shares rows with).
    owners: Vec<CodeId>,
    /// Per (kind, fact id): the codes with an entry whose `related:` names it, catalog order.
    referring: BTreeMap<(Related, &'a str), Vec<CodeId>>,
    /// Per code: the ids of the symptoms that name it, in `data/facts.yaml` order.
    symptoms: Vec<Vec<&'a str>>,
}

impl<'a> Model<'a> {
    /// Resolves validated data; every reference is known to exist.
    pub fn new(catalog: &'a Catalog, facts: &'a Facts) -> Self {
        let documents = (catalog.documents.iter().enumerate())
            .map(|(i, d)| (d.id.as_str(), DocId(i)))
            .collect();
        let codes: BTreeMap<&str, CodeId> = (catalog.codes.iter().enumerate())
            .map(|(i, c)| (c.code.as_str(), CodeId(i)))
            .collect();
        let owners: Vec<CodeId> = (catalog.codes.iter().enumerate())
            .map(|(i, def)| match &def.shares_row_with {
                Some(target) => codes[target.as_str()],
                None => CodeId(i),
            })
            .collect();
        let mut referring: BTreeMap<(Related, &str), Vec<CodeId>> = BTreeMap::new();
        for (i, owner) in owners.iter().enumerate() {
            for kind in Related::ALL {
                for entry in &catalog.codes[owner.0].entries {
                    for id in kind.of(&entry.related) {
                        let codes = referring.entry((kind, id.as_str())).or_default();
                        if codes.last() != Some(&CodeId(i)) {
                            codes.push(CodeId(i));
                        }
                    }
                }
            }
        }
        let symptoms = (catalog.codes.iter())
            .map(|def| {
                (facts.symptoms.iter())
                    .filter(|s| s.related.codes.contains(&def.code))
                    .map(|s| s.id.as_str())
                    .collect()
            })
            .collect();
        Model {
            catalog,
            facts,
            documents,
            codes,
            owners,
            referring,
            symptoms,
        }
    }

    /// Every code with its id, in catalog order.
    pub fn codes(&self) -> impl Iterator<Item = (CodeId, &'a CodeDef)> {
        self.catalog
            .codes
            .iter()
            .enumerate()
            .map(|(i, c)| (CodeId(i), c))
    }

    /// The record of a code.
    pub fn code(&self, id: CodeId) -> &'a CodeDef {
        &self.catalog.codes[id.0]
    }

    /// The Rust variant of a code.
    pub fn variant(&self, id: CodeId) -> String {
        variant_name(&self.code(id).code)
    }

    /// The id of a code by its string.
    pub fn code_id(&self, code: &str) -> CodeId {
        self.codes[code]
    }

    /// The code whose entries `id` uses.
    pub fn owner(&self, id: CodeId) -> CodeId {
        self.owners[id.0]
    }

    /// The entries of a code (its owner's).
    pub fn entries(&self, id: CodeId) -> &'a [EntryDef] {
        &self.code(self.owner(id)).entries
    }

    /// The codes documented on the rows of `owner`: itself and the codes sharing its rows.
    pub fn row_codes(&self, owner: CodeId) -> Vec<CodeId> {
        (0..self.owners.len())
            .map(CodeId)
            .filter(|c| self.owners[c.0] == owner)
            .collect()
    }

    /// The id of a document by its string.
    pub fn doc_id(&self, id: &str) -> DocId {
        self.documents[id]
    }

    /// The document record.
    pub fn document(&self, id: &str) -> &'a Document {
        &self.catalog.documents[self.doc_id(id).0]
    }

    /// The codes whose fix depends on the fact `id` of `kind`, in catalog order.
    pub fn referring(&self, kind: Related, id: &str) -> &[CodeId] {
        let found = self
            .referring
            .iter()
            .find(|((k, i), _)| *k == kind && *i == id);
        found.map_or(&[], |(_, codes)| codes.as_slice())
    }

    /// The ids of the symptoms that name a code.
    pub fn symptoms(&self, id: CodeId) -> &[&'a str] {
        &self.symptoms[id.0]
    }

    /// `ErrorCode::` paths of codes.
    pub fn code_paths(&self, ids: &[CodeId]) -> Vec<String> {
        ids.iter()
            .map(|id| format!("ErrorCode::{}", self.variant(*id)))
            .collect()
    }

    /// The title of a category by id.
    pub fn category_title(&self, id: &str) -> &'a str {
        let category = self.catalog.categories.iter().find(|c| c.id == id);
        category.map_or("", |c| c.title.as_str())
    }

    /// The title of a cloud by id.
    pub fn cloud_title(&self, id: &str) -> &'a str {
        let cloud = self.facts.clouds.iter().find(|c| c.id == id);
        cloud.map_or("", |c| c.title.as_str())
    }
}
