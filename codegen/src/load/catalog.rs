//! The serde mirror of `data/catalog.yaml`: what a record may hold, field by field.

use serde::Deserialize;

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
