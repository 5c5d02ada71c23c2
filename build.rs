//! Compiles `data/catalog.yaml` into `$OUT_DIR/catalog.rs`.
//!
//! The catalog is parsed and validated by the schema module shared with the tests
//! (`src/catalog/schema.rs`); any problem stops the build with the file, the entry and the
//! field. The generated file holds the `ErrorCode` and `Category` enums (one documented variant
//! per code, so the API docs are the knowledge base), the static entry data, the `phf` maps for
//! exact and case-insensitive lookup, and the folded message patterns used by message lookup.

use std::collections::BTreeMap;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/catalog/facts_schema.rs"]
mod facts_schema;
#[path = "src/fold.rs"]
mod fold;
#[path = "src/catalog/schema.rs"]
mod schema;

use facts_schema::Facts;
use schema::{Catalog, CodeDef, EntryDef, RelatedDef};

const CATALOG: &str = "data/catalog.yaml";
const FACTS: &str = "data/facts.yaml";

fn main() {
    println!("cargo:rerun-if-changed={CATALOG}");
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed={FACTS}");
    println!("cargo:rerun-if-changed=src/catalog/schema.rs");
    println!("cargo:rerun-if-changed=src/catalog/facts_schema.rs");
    println!("cargo:rerun-if-changed=build.rs");

    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let path = manifest_dir.join(CATALOG);
    let yaml = match fs::read_to_string(&path) {
        Ok(yaml) => yaml,
        Err(error) => fail(&format!("{CATALOG}: cannot read the catalog: {error}")),
    };
    let catalog = match schema::parse(CATALOG, &yaml) {
        Ok(catalog) => catalog,
        Err(errors) => fail(&errors.to_string()),
    };
    let facts_yaml = match fs::read_to_string(manifest_dir.join(FACTS)) {
        Ok(yaml) => yaml,
        Err(error) => fail(&format!("{FACTS}: cannot read the facts: {error}")),
    };
    let facts = match facts_schema::parse(FACTS, &facts_yaml, CATALOG, &catalog) {
        Ok(facts) => facts,
        Err(errors) => fail(&errors.to_string()),
    };
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let fact_names = FactNames::new(&facts);
    write_if_changed(
        &out_dir.join("catalog.rs"),
        &generate(&catalog, &fact_names),
    );
    write_if_changed(
        &out_dir.join("facts.rs"),
        &generate_facts(&catalog, &facts, &fact_names),
    );
    write_if_changed(
        &out_dir.join("bench_match.rs"),
        &generate_bench_match(&catalog),
    );
}

fn fail(message: &str) -> ! {
    eprintln!("error: invalid knowledge-base data\n{message}");
    for line in message.lines() {
        println!("cargo:warning={line}");
    }
    std::process::exit(1);
}

fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return;
    }
    if let Err(error) = fs::write(path, contents) {
        fail(&format!("cannot write {}: {error}", path.display()));
    }
}

/// Index of each document and category id, and the Rust name of each code.
struct Names<'a> {
    catalog: &'a Catalog,
    documents: BTreeMap<&'a str, usize>,
    categories: BTreeMap<&'a str, String>,
    variants: BTreeMap<&'a str, String>,
}

impl<'a> Names<'a> {
    fn new(catalog: &'a Catalog) -> Self {
        Names {
            catalog,
            documents: catalog
                .documents
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id.as_str(), i))
                .collect(),
            categories: catalog
                .categories
                .iter()
                .map(|c| (c.id.as_str(), schema::variant_name(&c.id)))
                .collect(),
            variants: catalog
                .codes
                .iter()
                .map(|c| (c.code.as_str(), schema::variant_name(&c.code)))
                .collect(),
        }
    }

    fn category_title(&self, id: &str) -> &'a str {
        self.catalog
            .categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.title.as_str())
            .expect("validated")
    }

    fn document(&self, id: &str) -> &schema::Document {
        &self.catalog.documents[self.documents[id]]
    }

    /// The code whose entries a code uses: itself, or the code it shares rows with.
    fn owner(&self, def: &'a CodeDef) -> &'a CodeDef {
        match &def.shares_row_with {
            Some(target) => self
                .catalog
                .codes
                .iter()
                .find(|c| &c.code == target)
                .expect("validated"),
            None => def,
        }
    }

    /// Codes documented on the rows of `owner`'s entries.
    fn row_codes(&self, owner: &CodeDef) -> Vec<&'a str> {
        let mut codes = vec![];
        for def in &self.catalog.codes {
            if def.code == owner.code || def.shares_row_with.as_deref() == Some(&owner.code) {
                codes.push(def.code.as_str());
            }
        }
        codes
    }
}

/// Escapes text for a Markdown doc comment; bare URLs become autolinks.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("https://") {
        out.push_str(&md_plain(&rest[..start]));
        let url_and_more = &rest[start..];
        let end = url_and_more
            .find(char::is_whitespace)
            .unwrap_or(url_and_more.len());
        let url = url_and_more[..end].trim_end_matches(['.', ',', ';', ':', ')']);
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &url_and_more[url.len()..];
    }
    out.push_str(&md_plain(rest));
    out
}

fn md_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '[' | ']' | '`' | '\\' | '_' | '|' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A message as a Markdown code span, whatever backticks it holds.
fn md_code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

fn lit(text: &str) -> String {
    format!("{text:?}")
}

fn generate(catalog: &Catalog, facts: &FactNames) -> String {
    let names = Names::new(catalog);
    let mut out = String::new();
    out.push_str(
        "// @generated by build.rs from data/catalog.yaml: edit the catalog, not this file.\n\n",
    );
    writeln!(out, "/// Version of the JSON export format (`schema_version`).\npub const SCHEMA_VERSION: u32 = {};\n", catalog.schema_version).unwrap();
    generate_documents(&mut out, catalog);
    generate_category_enum(&mut out, catalog, &names);
    generate_code_enum(&mut out, catalog, &names);
    generate_entries(&mut out, catalog, &names, facts);
    generate_code_table(&mut out, catalog, &names, facts);
    generate_maps(&mut out, catalog, &names);
    generate_message_patterns(&mut out, catalog, &names);
    out
}

fn generate_documents(out: &mut String, catalog: &Catalog) {
    writeln!(
        out,
        "/// Every source document version the catalog cites, oldest first."
    )
    .unwrap();
    open_static_array(out, "DOCUMENTS", "Document", catalog.documents.len());
    for doc in &catalog.documents {
        writeln!(
            out,
            "    Document {{\n        id: {},\n        title: {},\n        date: {},\n        locale: {},\n        url: {},\n        machine_translated: {},\n    }},",
            lit(&doc.id), lit(&doc.title), lit(&doc.date), lit(&doc.locale), lit(&doc.url), doc.machine_translated
        )
        .unwrap();
    }
    out.push_str("];\n\n");
}

const DERIVES: &str = "#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\n#[derive(strum::Display, strum::IntoStaticStr, strum::EnumIter, strum::EnumCount)]\n";

fn generate_category_enum(out: &mut String, catalog: &Catalog, names: &Names) {
    out.push_str("/// The section of the errors page a documented row sits in.\n///\n");
    out.push_str("/// The identifiers (`as_str`, `Display`, `FromStr`, serde) are stable.\n");
    out.push_str(DERIVES);
    out.push_str("#[non_exhaustive]\npub enum Category {\n");
    for c in &catalog.categories {
        writeln!(
            out,
            "    /// {} (`{}`)\n    ///\n    /// {}",
            md(&c.title),
            c.id,
            md(&c.description)
        )
        .unwrap();
        write_variant(out, &c.id, &names.categories[c.id.as_str()]);
    }
    out.push_str("}\n\n");
    out.push_str("impl Category {\n    /// The stable identifier, such as `user_error`.\n    #[must_use]\n    pub const fn as_str(self) -> &'static str {\n        match self {\n");
    for c in &catalog.categories {
        writeln!(
            out,
            "            Self::{} => {},",
            names.categories[c.id.as_str()],
            lit(&c.id)
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n\n    /// The section heading in the newest document.\n    #[must_use]\n    pub const fn title(self) -> &'static str {\n        match self {\n");
    for c in &catalog.categories {
        writeln!(
            out,
            "            Self::{} => {},",
            names.categories[c.id.as_str()],
            lit(&c.title)
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n\n    /// What the rows of this section have in common, in a sentence or two.\n    #[must_use]\n    pub const fn description(self) -> &'static str {\n        match self {\n");
    for c in &catalog.categories {
        writeln!(
            out,
            "            Self::{} => {},",
            names.categories[c.id.as_str()],
            lit(&c.description)
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n\n    /// Every code with at least one row in this section, in catalog order.\n    #[must_use]\n    pub const fn codes(self) -> &'static [ErrorCode] {\n        match self {\n");
    for c in &catalog.categories {
        let codes: Vec<String> = catalog
            .codes
            .iter()
            .filter(|def| names.owner(def).entries.iter().any(|e| e.category == c.id))
            .map(|def| format!("ErrorCode::{}", names.variants[def.code.as_str()]))
            .collect();
        writeln!(
            out,
            "            Self::{} => &[{}],",
            names.categories[c.id.as_str()],
            codes.join(", ")
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n}\n\n");
    let mut map = phf_codegen::Map::new();
    for c in &catalog.categories {
        map.entry(
            c.id.as_str(),
            &format!("Category::{}", names.categories[c.id.as_str()]),
        );
    }
    writeln!(out, "/// Category by identifier.\npub(crate) static CATEGORIES: phf::Map<&'static str, Category> = {};\n", map.build()).unwrap();
}

/// One enum variant with the string strum serializes it as.
fn write_variant(out: &mut String, serialized: &str, variant: &str) {
    writeln!(
        out,
        "    #[strum(serialize = {})]\n    {variant},",
        lit(serialized)
    )
    .unwrap();
}

fn generate_code_enum(out: &mut String, catalog: &Catalog, names: &Names) {
    out.push_str("/// Every error code the NPS extension documents, one variant per code.\n///\n");
    out.push_str("/// Each variant's documentation is the knowledge base itself: its category, its messages,\n");
    out.push_str("/// what to do, and the documents that list it. The enum is `#[non_exhaustive]`: a newly\n");
    out.push_str("/// documented code is added as a variant without a breaking change.\n");
    out.push_str(DERIVES);
    out.push_str("#[non_exhaustive]\npub enum ErrorCode {\n");
    for def in &catalog.codes {
        let owner = names.owner(def);
        write_variant_doc(out, def, owner, names);
        write_variant(out, &def.code, &names.variants[def.code.as_str()]);
    }
    out.push_str("}\n\n");
    out.push_str("impl ErrorCode {\n    /// The code exactly as the extension logs it (our stable identifier for message-keyed rows).\n    ///\n    /// ```\n    /// use nps_mfa_errors::ErrorCode;\n    /// assert_eq!(ErrorCode::EstsTokenError.as_str(), \"ESTS_TOKEN_ERROR\");\n    /// ```\n    #[must_use]\n    pub const fn as_str(self) -> &'static str {\n        match self {\n");
    for def in &catalog.codes {
        writeln!(
            out,
            "            Self::{} => {},",
            names.variants[def.code.as_str()],
            lit(&def.code)
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n}\n\n");
}

fn write_variant_doc(out: &mut String, def: &CodeDef, owner: &CodeDef, names: &Names) {
    let doc = |out: &mut String, line: &str| {
        if line.is_empty() {
            out.push_str("    ///\n");
        } else {
            writeln!(out, "    /// {line}").unwrap();
        }
    };
    doc(out, &format!("`{}`: {}", def.code, md(&def.summary)));
    doc(out, "");
    if let Some(label) = &def.label {
        doc(
            out,
            &format!(
                "Message-keyed: the documents list this row as {}.",
                md_code(label)
            ),
        );
        doc(out, "");
    }
    if let Some(target) = &def.shares_row_with {
        doc(
            out,
            &format!(
                "Documented on the same row as [`{target}`](ErrorCode::{}).",
                names.variants[target.as_str()]
            ),
        );
        doc(out, "");
    }
    for (i, entry) in owner.entries.iter().enumerate() {
        if owner.entries.len() > 1 {
            doc(out, &format!("# Entry {}: {}", i + 1, md(&entry.summary)));
        } else {
            doc(out, "# What it means");
            doc(out, "");
            doc(out, &md(&entry.summary));
        }
        doc(out, "");
        doc(
            out,
            &format!(
                "Category: {} (`{}`)",
                md(names.category_title(&entry.category)),
                entry.category
            ),
        );
        doc(out, "");
        write_entry_doc_body(out, entry, names, &doc);
    }
}

fn write_entry_doc_body(
    out: &mut String,
    entry: &EntryDef,
    names: &Names,
    doc: &dyn Fn(&mut String, &str),
) {
    if entry.messages.is_empty() {
        doc(out, "Documented without a message.");
    } else {
        doc(out, "Messages (every documented wording, newest first):");
        for message in &entry.messages {
            let dates: Vec<String> = message
                .documents
                .iter()
                .map(|d| document_label(names.document(d)))
                .collect();
            doc(
                out,
                &format!("- {} ({})", md_code(&message.text), dates.join(", ")),
            );
        }
    }
    doc(out, "");
    doc(out, "What to do:");
    for (i, step) in entry.steps.iter().enumerate() {
        doc(out, &format!("{}. {}", i + 1, md(step)));
    }
    doc(out, "");
    let mut sources: Vec<String> = vec![];
    for source in &entry.sources {
        let document = names.document(&source.document);
        sources.push(format!(
            "[{}]({}) ({}, {})",
            md(&document.title),
            document.url,
            document_label(document),
            md(&source.section)
        ));
    }
    doc(out, &format!("Sources: {}.", sources.join("; ")));
    doc(out, "");
}

fn document_label(document: &schema::Document) -> String {
    format!("{} {}", &document.date[..7], document.locale)
}

fn generate_entries(out: &mut String, catalog: &Catalog, names: &Names, facts: &FactNames) {
    for def in catalog.codes.iter().filter(|d| d.shares_row_with.is_none()) {
        let row_codes: Vec<String> = names
            .row_codes(def)
            .iter()
            .map(|c| format!("ErrorCode::{}", names.variants[c]))
            .collect();
        writeln!(
            out,
            "static ENTRIES_{}: [Entry; {}] = [",
            def.code.to_ascii_uppercase(),
            def.entries.len()
        )
        .unwrap();
        for entry in &def.entries {
            out.push_str("    Entry {\n");
            writeln!(out, "        codes: &[{}],", row_codes.join(", ")).unwrap();
            writeln!(
                out,
                "        category: Category::{},",
                names.categories[entry.category.as_str()]
            )
            .unwrap();
            writeln!(out, "        summary: {},", lit(&entry.summary)).unwrap();
            out.push_str("        wordings: &[\n");
            for message in &entry.messages {
                let docs: Vec<String> = message
                    .documents
                    .iter()
                    .map(|d| format!("&DOCUMENTS[{}]", names.documents[d.as_str()]))
                    .collect();
                writeln!(
                    out,
                    "            Wording {{ text: {}, documents: &[{}] }},",
                    lit(&message.text),
                    docs.join(", ")
                )
                .unwrap();
            }
            out.push_str("        ],\n        steps: &[\n");
            for step in &entry.steps {
                writeln!(out, "            {},", lit(step)).unwrap();
            }
            out.push_str("        ],\n        links: &[\n");
            for link in &entry.links {
                let url = schema::resolve_link(&link.url).expect("validated");
                writeln!(
                    out,
                    "            Link {{ title: {}, url: {} }},",
                    lit(&link.title),
                    lit(&url)
                )
                .unwrap();
            }
            out.push_str("        ],\n        sources: &[\n");
            for source in &entry.sources {
                let note = source
                    .note
                    .as_deref()
                    .map_or("None".to_owned(), |n| format!("Some({})", lit(n)));
                writeln!(
                    out,
                    "            Source {{ document: &DOCUMENTS[{}], section: {}, note: {} }},",
                    names.documents[source.document.as_str()],
                    lit(&source.section),
                    note
                )
                .unwrap();
            }
            out.push_str("        ],\n");
            writeln!(
                out,
                "        related: {},",
                facts.related(&[&entry.related])
            )
            .unwrap();
            out.push_str("    },\n");
        }
        out.push_str("];\n\n");
    }
}

fn generate_code_table(out: &mut String, catalog: &Catalog, names: &Names, facts: &FactNames) {
    writeln!(out, "/// Per-code data, indexed by `ErrorCode as usize` (catalog order).\npub(crate) static CODE_INFO: [CodeInfo; {}] = [", catalog.codes.len()).unwrap();
    for def in &catalog.codes {
        let owner = names.owner(def);
        let mut categories: Vec<&str> = vec![];
        for entry in &owner.entries {
            if !categories.contains(&entry.category.as_str()) {
                categories.push(&entry.category);
            }
        }
        let categories: Vec<String> = categories
            .iter()
            .map(|c| format!("Category::{}", names.categories[*c]))
            .collect();
        let related: Vec<&RelatedDef> = owner.entries.iter().map(|e| &e.related).collect();
        let symptoms: Vec<String> = facts
            .facts
            .symptoms
            .iter()
            .filter(|s| s.related.codes.contains(&def.code))
            .map(|s| format!("Symptom::{}", schema::variant_name(&s.id)))
            .collect();
        let label = def
            .label
            .as_deref()
            .map_or("None".to_owned(), |l| format!("Some({})", lit(l)));
        writeln!(
            out,
            "    CodeInfo {{\n        code: ErrorCode::{},\n        summary: {},\n        label: {},\n        categories: &[{}],\n        entries: &ENTRIES_{},\n        related: {},\n        symptoms: &[{}],\n    }},",
            names.variants[def.code.as_str()],
            lit(&def.summary),
            label,
            categories.join(", "),
            owner.code.to_ascii_uppercase(),
            facts.related(&related),
            symptoms.join(", ")
        )
        .unwrap();
    }
    out.push_str("];\n\n");
}

fn generate_maps(out: &mut String, catalog: &Catalog, names: &Names) {
    let mut exact = phf_codegen::Map::new();
    for def in &catalog.codes {
        exact.entry(
            def.code.as_str(),
            &format!("ErrorCode::{}", names.variants[def.code.as_str()]),
        );
    }
    writeln!(out, "/// Code string → code: the documented codes as a `phf` perfect-hash map.\n///\n/// [`ErrorCode::from_code`] answers the same questions through a cheaper hash generated for\n/// these keys; use this map where a `phf::Map` is wanted (iteration, `get_entry`).\npub static CODES: phf::Map<&'static str, ErrorCode> = {};\n", exact.build()).unwrap();
    let longest = catalog
        .codes
        .iter()
        .map(|d| d.code.len())
        .max()
        .unwrap_or(0);
    writeln!(out, "/// Length of the longest code, in bytes.\npub(crate) const LONGEST_CODE: usize = {longest};\n").unwrap();
    let keys: Vec<&[u8]> = catalog.codes.iter().map(|d| d.code.as_bytes()).collect();
    let lowered: Vec<Vec<u8>> = keys
        .iter()
        .map(|k| k.iter().map(|b| b | 0x20).collect())
        .collect();
    let lowered: Vec<&[u8]> = lowered.iter().map(Vec::as_slice).collect();
    let exact = FastHash::search(&keys);
    let folded = FastHash::search(&lowered);
    let variants: Vec<&String> = catalog
        .codes
        .iter()
        .map(|d| &names.variants[d.code.as_str()])
        .collect();
    exact.write(
        out,
        "exact_slot",
        "EXACT_SLOTS",
        false,
        &keys,
        &keys,
        &variants,
    );
    // The folded table is placed by the `| 0x20` keys and compares against lower-case names.
    let lower_names: Vec<Vec<u8>> = keys.iter().map(|k| k.to_ascii_lowercase()).collect();
    let lower_names: Vec<&[u8]> = lower_names.iter().map(Vec::as_slice).collect();
    folded.write(
        out,
        "ignore_case_slot",
        "IGNORE_CASE_SLOTS",
        true,
        &lowered,
        &lower_names,
        &variants,
    );
}

/// A perfect hash over the code strings, cheaper than SipHash: a few bytes and the length,
/// mixed with multipliers found by search so that no two codes share a slot.
struct FastHash {
    multiplier: u64,
    bits: u32,
}

impl FastHash {
    /// The length and four bytes packed into one word: one multiply mixes them all.
    fn packed(key: &[u8]) -> u64 {
        let n = key.len();
        n as u64
            | u64::from(key[0]) << 8
            | u64::from(key[n / 2]) << 16
            | u64::from(key[n - 1]) << 24
            | u64::from(key[n * 3 / 4]) << 32
    }

    fn slot(&self, key: &[u8]) -> usize {
        (Self::packed(key).wrapping_mul(self.multiplier) >> (64 - self.bits)) as usize
    }

    fn search(keys: &[&[u8]]) -> FastHash {
        let mut seed: u64 = 0x1234_5678_9ABC_DEF1;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed | 1
        };
        for bits in 7..=10 {
            for _ in 0..200_000 {
                let candidate = FastHash {
                    multiplier: next(),
                    bits,
                };
                let mut used = vec![false; 1 << bits];
                if keys
                    .iter()
                    .all(|k| !std::mem::replace(&mut used[candidate.slot(k)], true))
                {
                    return candidate;
                }
            }
        }
        fail("no collision-free hash found for the codes; widen FastHash::search");
    }

    #[allow(clippy::too_many_arguments)]
    fn write(
        &self,
        out: &mut String,
        function: &str,
        table: &str,
        fold_case: bool,
        hash_keys: &[&[u8]],
        names: &[&[u8]],
        variants: &[&String],
    ) {
        // Folding with `| 0x20` gives both cases of a letter one value, which is all a hash
        // needs; the comparison after the lookup decides what really matches.
        let byte = |at: &str| {
            if fold_case {
                format!("u64::from(key[{at}] | 0x20)")
            } else {
                format!("u64::from(key[{at}])")
            }
        };
        writeln!(
            out,
            "/// Slot of `key` in [`{table}`]: a perfect hash of the codes{} found by `build.rs`:\n/// the length and four bytes packed into a word, one multiply, the top bits.\n/// `key` is 1 to `LONGEST_CODE` bytes long.\n#[inline]\npub(crate) fn {function}(key: &[u8]) -> usize {{\n    let n = key.len();\n    let packed = n as u64\n        | {} << 8\n        | {} << 16\n        | {} << 24\n        | {} << 32;\n    (packed.wrapping_mul({:#x}) >> {}) as usize\n}}\n",
            if fold_case { " in lower case" } else { "" },
            byte("0"), byte("n / 2"), byte("n - 1"), byte("n * 3 / 4"), self.multiplier, 64 - self.bits
        )
        .unwrap();
        let mut slots: Vec<Option<usize>> = vec![None; 1 << self.bits];
        for (index, key) in hash_keys.iter().enumerate() {
            slots[self.slot(key)] = Some(index);
        }
        writeln!(out, "/// Per slot: the code there (`None` for an empty slot) and the bytes to compare.\npub(crate) static {table}: [Slot; {}] = [", slots.len()).unwrap();
        for slot in slots {
            match slot {
                None => out.push_str("    Slot::EMPTY,\n"),
                Some(index) => {
                    let mask = if fold_case {
                        let bytes: Vec<&str> = names[index]
                            .iter()
                            .map(|b| if b.is_ascii_alphabetic() { "0x20" } else { "0" })
                            .collect();
                        format!("&[{}]", bytes.join(", "))
                    } else {
                        "&[]".to_owned()
                    };
                    let name = String::from_utf8_lossy(names[index]);
                    writeln!(out, "    Slot {{ code: Some(ErrorCode::{}), name: {}.as_bytes(), case_mask: {mask} }},", variants[index], lit(&name)).unwrap();
                }
            }
        }
        out.push_str("];\n\n");
    }
}

fn generate_message_patterns(out: &mut String, catalog: &Catalog, names: &Names) {
    let mut patterns = vec![];
    for def in catalog.codes.iter().filter(|d| d.shares_row_with.is_none()) {
        for (e, entry) in def.entries.iter().enumerate() {
            for (w, message) in entry.messages.iter().enumerate() {
                let segments = schema::literal_segments(&message.text, &message.variable);
                let segments: Vec<String> = segments.iter().map(|s| lit(s)).collect();
                patterns.push(format!(
                    "    MessagePattern {{ code: ErrorCode::{}, entry: {e}, wording: {w}, segments: &[{}] }},",
                    names.variants[def.code.as_str()],
                    segments.join(", ")
                ));
            }
        }
    }
    writeln!(out, "/// Every documented wording as folded literal pieces between its variable parts.\npub(crate) static MESSAGE_PATTERNS: [MessagePattern; {}] = [", patterns.len()).unwrap();
    for p in patterns {
        out.push_str(&p);
        out.push('\n');
    }
    out.push_str("];\n");
}

/// The baseline `benches/lookup.rs` compares against: the `match` on `&str` that a hand-written
/// or strum `EnumString` parser is.
fn generate_bench_match(catalog: &Catalog) -> String {
    let mut out = String::from("// @generated by build.rs for benches/lookup.rs.\n\n/// A `match` on the code string.\nfn match_str(code: &str) -> Option<ErrorCode> {\n    match code {\n");
    for def in &catalog.codes {
        writeln!(
            out,
            "        {} => Some(ErrorCode::{}),",
            lit(&def.code),
            schema::variant_name(&def.code)
        )
        .unwrap();
    }
    out.push_str("        _ => None,\n    }\n}\n");
    out
}

// ---------------------------------------------------------------------------------------------
// data/facts.yaml: settings, clouds and endpoints, event channels, the protocol–method matrix,
// the client certificate and the symptoms without a code.

/// The facts and the Rust names of everything a `related:` can point at.
struct FactNames<'a> {
    facts: &'a Facts,
}

impl<'a> FactNames<'a> {
    fn new(facts: &'a Facts) -> Self {
        FactNames { facts }
    }

    /// A `Related { .. }` literal for the union of `blocks`, each list in the facts' order.
    fn related(&self, blocks: &[&RelatedDef]) -> String {
        let facts = self.facts;
        let pick = |enum_name: &str, ids: Vec<&str>, field: fn(&RelatedDef) -> &Vec<String>| {
            let wanted: Vec<String> = ids
                .into_iter()
                .filter(|id| blocks.iter().any(|b| field(b).iter().any(|v| v == id)))
                .map(|id| format!("{enum_name}::{}", schema::variant_name(id)))
                .collect();
            wanted.join(", ")
        };
        format!(
            "Related {{ settings: &[{}], services: &[{}], protocols: &[{}], certificate: &[{}], event_channels: &[{}] }}",
            pick("Setting", facts.settings.iter().map(|s| s.name.as_str()).collect(), |b| &b.settings),
            pick("Service", facts.services.iter().map(|s| s.id.as_str()).collect(), |b| &b.services),
            pick("AuthProtocol", facts.protocols.iter().map(|p| p.id.as_str()).collect(), |b| &b.protocols),
            pick("CertificateFact", facts.certificate.iter().map(|c| c.id.as_str()).collect(), |b| &b.certificate),
            pick("EventChannel", facts.event_channels.iter().map(|c| c.name.as_str()).collect(), |b| &b.event_channels),
        )
    }
}

/// The codes (catalog order) with an entry whose `related` names `id` in `field`.
fn referring_codes(
    catalog: &Catalog,
    id: &str,
    field: fn(&RelatedDef) -> &Vec<String>,
) -> Vec<String> {
    fn owner_of<'a>(catalog: &'a Catalog, def: &'a CodeDef) -> Option<&'a CodeDef> {
        match &def.shares_row_with {
            Some(target) => catalog.codes.iter().find(|c| &c.code == target),
            None => Some(def),
        }
    }
    catalog
        .codes
        .iter()
        .filter(|def| {
            owner_of(catalog, def).is_some_and(|owner| {
                owner
                    .entries
                    .iter()
                    .any(|e| field(&e.related).iter().any(|v| v == id))
            })
        })
        .map(|def| format!("ErrorCode::{}", schema::variant_name(&def.code)))
        .collect()
}

/// Doc lines naming the codes, as intra-doc links.
fn code_links(codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| {
            let variant = c.trim_start_matches("ErrorCode::");
            format!("[`{variant}`]({c})")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn sources_literal(names: &Names, sources: &[schema::SourceDef]) -> String {
    let items: Vec<String> = sources
        .iter()
        .map(|source| {
            let note = source
                .note
                .as_deref()
                .map_or("None".to_owned(), |n| format!("Some({})", lit(n)));
            format!(
                "Source {{ document: &DOCUMENTS[{}], section: {}, note: {} }}",
                names.documents[source.document.as_str()],
                lit(&source.section),
                note
            )
        })
        .collect();
    format!("&[{}]", items.join(", "))
}

fn sources_doc(names: &Names, sources: &[schema::SourceDef]) -> String {
    let items: Vec<String> = sources
        .iter()
        .map(|source| {
            let document = names.document(&source.document);
            format!(
                "[{}]({}) ({}, {})",
                md(&document.title),
                document.url,
                document_label(document),
                md(&source.section)
            )
        })
        .collect();
    format!("Sources: {}.", items.join("; "))
}

fn strings_literal(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| lit(s)).collect();
    format!("&[{}]", items.join(", "))
}

fn option_literal(value: Option<&str>) -> String {
    value.map_or("None".to_owned(), |v| format!("Some({})", lit(v)))
}

/// Writes `/// line` doc comments at the variant indentation.
fn doc_lines(out: &mut String, lines: &[String]) {
    for line in lines {
        if line.is_empty() {
            out.push_str("    ///\n");
        } else {
            writeln!(out, "    /// {line}").unwrap();
        }
    }
}

/// A documented enum: derives, doc, one variant per `(id, doc lines)`, `as_str` and a `match`
/// based `from_id`.
fn write_fact_enum(out: &mut String, name: &str, doc: &str, variants: &[(String, Vec<String>)]) {
    out.push_str(doc);
    out.push_str(DERIVES);
    writeln!(out, "#[non_exhaustive]\npub enum {name} {{").unwrap();
    for (id, lines) in variants {
        doc_lines(out, lines);
        write_variant(out, id, &schema::variant_name(id));
    }
    out.push_str("}\n\n");
    writeln!(out, "impl {name} {{").unwrap();
    out.push_str("    /// The stable identifier, exactly as `data/facts.yaml` and the export write it.\n    #[must_use]\n    pub const fn as_str(self) -> &'static str {\n        match self {\n");
    for (id, _) in variants {
        writeln!(
            out,
            "            Self::{} => {},",
            schema::variant_name(id),
            lit(id)
        )
        .unwrap();
    }
    out.push_str("        }\n    }\n\n    /// The variant with this exact identifier.\n    #[must_use]\n    #[allow(dead_code)] // `Setting` parses through its `phf` map instead\n    pub(crate) fn from_id(id: &str) -> Option<Self> {\n        match id {\n");
    for (id, _) in variants {
        writeln!(
            out,
            "            {} => Some(Self::{}),",
            lit(id),
            schema::variant_name(id)
        )
        .unwrap();
    }
    out.push_str("            _ => None,\n        }\n    }\n}\n\n");
}

fn generate_facts(catalog: &Catalog, facts: &Facts, fact_names: &FactNames) -> String {
    let names = Names::new(catalog);
    let mut out = String::from(
        "// @generated by build.rs from data/facts.yaml and data/catalog.yaml: edit the data, not this file.\n\n",
    );
    writeln!(
        out,
        "/// The registry key that holds every setting of the extension.\npub const REGISTRY_PATH: &str = {};\n",
        lit(&facts.registry_path)
    )
    .unwrap();
    let cloud_title = |id: &str| {
        facts
            .clouds
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.title.as_str())
            .expect("validated")
    };

    // Endpoints.
    writeln!(out, "/// Every endpoint, in the order of `data/facts.yaml`.\npub(crate) static ENDPOINTS: [Endpoint; {}] = [", facts.endpoints.len()).unwrap();
    for e in &facts.endpoints {
        let host = e.url.as_deref().map(|u| u.trim_start_matches("https://"));
        let clouds: Vec<String> = e
            .clouds
            .iter()
            .map(|c| format!("Cloud::{}", schema::variant_name(c)))
            .collect();
        let ports: Vec<String> = e.ports.iter().map(u16::to_string).collect();
        writeln!(
            out,
            "    Endpoint {{ id: {}, service: Service::{}, url: {}, host: {}, transport: Transport::{}, ports: &[{}], phase: Phase::{}, clouds: &[{}], note: {}, sources: {} }},",
            lit(&e.id),
            schema::variant_name(&e.service),
            option_literal(e.url.as_deref()),
            option_literal(host),
            if e.transport == "udp" { "Udp" } else { "Tcp" },
            ports.join(", "),
            if e.phase == "set_up" { "SetUp" } else { "RunTime" },
            clouds.join(", "),
            option_literal(e.note.as_deref()),
            sources_literal(&names, &e.sources)
        )
        .unwrap();
    }
    out.push_str("];\n\n");
    let endpoint_refs = |filter: &dyn Fn(&facts_schema::EndpointDef) -> bool| -> String {
        let refs: Vec<String> = facts
            .endpoints
            .iter()
            .enumerate()
            .filter(|(_, e)| filter(e))
            .map(|(i, _)| format!("&ENDPOINTS[{i}]"))
            .collect();
        format!("&[{}]", refs.join(", "))
    };

    // Clouds.
    let variants: Vec<(String, Vec<String>)> = facts
        .clouds
        .iter()
        .map(|c| {
            let mut lines = vec![
                format!("{}: {}", md(&c.title), md(&c.summary)),
                String::new(),
            ];
            lines.push("Endpoints:".to_owned());
            for e in facts.endpoints.iter().filter(|e| e.clouds.contains(&c.id)) {
                lines.push(format!("- {}", endpoint_doc(e)));
            }
            lines.push(String::new());
            lines.push(sources_doc(&names, &c.sources));
            (c.id.clone(), lines)
        })
        .collect();
    write_fact_enum(&mut out, "Cloud", "/// The cloud an NPS extension deployment talks to: its host names, token endpoint and\n/// registry values differ.\n///\n/// `as_str` (and `FromStr`, serde) use `public`, `government`, `china`.\n", &variants);
    open_static_array(&mut out, "CLOUD_INFO", "CloudInfo", facts.clouds.len());
    for c in &facts.clouds {
        writeln!(
            out,
            "    CloudInfo {{ title: {}, summary: {}, endpoints: {}, sources: {} }},",
            lit(&c.title),
            lit(&c.summary),
            endpoint_refs(&|e| e.clouds.contains(&c.id)),
            sources_literal(&names, &c.sources)
        )
        .unwrap();
    }
    out.push_str("];\n\n");

    // Services.
    let variants: Vec<(String, Vec<String>)> = facts
        .services
        .iter()
        .map(|s| {
            let mut lines = vec![
                format!("{}: {}", md(&s.title), md(&s.summary)),
                String::new(),
            ];
            for e in facts.endpoints.iter().filter(|e| e.service == s.id) {
                let clouds: Vec<&str> = e.clouds.iter().map(|c| cloud_title(c)).collect();
                lines.push(format!(
                    "- {} ({})",
                    endpoint_doc(e),
                    md(&clouds.join(", "))
                ));
            }
            let codes = referring_codes(catalog, &s.id, |r| &r.services);
            if !codes.is_empty() {
                lines.push(String::new());
                lines.push(format!(
                    "Codes whose fix depends on it: {}.",
                    code_links(&codes)
                ));
            }
            (s.id.clone(), lines)
        })
        .collect();
    write_fact_enum(&mut out, "Service", "/// What a group of endpoints is for. Catalog entries relate to services, which\n/// [`Cloud`] resolves to host names.\n", &variants);
    open_static_array(
        &mut out,
        "SERVICE_INFO",
        "ServiceInfo",
        facts.services.len(),
    );
    for s in &facts.services {
        writeln!(
            out,
            "    ServiceInfo {{ title: {}, summary: {}, endpoints: {}, codes: &[{}] }},",
            lit(&s.title),
            lit(&s.summary),
            endpoint_refs(&|e| e.service == s.id),
            referring_codes(catalog, &s.id, |r| &r.services).join(", ")
        )
        .unwrap();
    }
    out.push_str("];\n\n");

    // Settings.
    let variants: Vec<(String, Vec<String>)> = facts
        .settings
        .iter()
        .map(|s| {
            let mut lines = vec![
                format!("`{}`: {}", s.name, md(&s.summary)),
                String::new(),
                format!("- Type: {}", s.value_type),
                format!("- Values: {}", md(&s.values)),
                format!("- Default: {}", md(&s.default)),
                format!("- When missing: {}", md(&s.when_missing)),
            ];
            if !s.cloud_values.is_empty() {
                lines.push(String::new());
                lines.push("Per cloud:".to_owned());
                for v in &s.cloud_values {
                    let note = v
                        .note
                        .as_deref()
                        .map(|n| format!(" ({})", md(n)))
                        .unwrap_or_default();
                    lines.push(format!(
                        "- {}: {}{note}",
                        md(cloud_title(&v.cloud)),
                        md_code(&v.value)
                    ));
                }
            }
            if !s.notes.is_empty() {
                lines.push(String::new());
                for note in &s.notes {
                    lines.push(format!("- {}", md(note)));
                }
            }
            let codes = referring_codes(catalog, &s.name, |r| &r.settings);
            if !codes.is_empty() {
                lines.push(String::new());
                lines.push(format!(
                    "Codes whose fix depends on it: {}.",
                    code_links(&codes)
                ));
            }
            lines.push(String::new());
            lines.push(sources_doc(&names, &s.sources));
            (s.name.clone(), lines)
        })
        .collect();
    write_fact_enum(&mut out, "Setting", &format!("/// A registry value of the extension under `{}`.\n///\n/// `as_str` is the value's name, exactly as the registry spells it.\n", facts.registry_path), &variants);
    let mut map = phf_codegen::Map::new();
    for s in &facts.settings {
        map.entry(
            s.name.as_str(),
            &format!("Setting::{}", schema::variant_name(&s.name)),
        );
    }
    writeln!(out, "/// Setting name → setting: a `phf` perfect-hash map of the exact names.\npub static SETTINGS: phf::Map<&'static str, Setting> = {};\n", map.build()).unwrap();
    open_static_array(
        &mut out,
        "SETTING_INFO",
        "SettingInfo",
        facts.settings.len(),
    );
    for s in &facts.settings {
        let values: Vec<String> = s
            .cloud_values
            .iter()
            .map(|v| {
                format!(
                    "CloudValue {{ cloud: Cloud::{}, value: {}, note: {}, sources: {} }}",
                    schema::variant_name(&v.cloud),
                    lit(&v.value),
                    option_literal(v.note.as_deref()),
                    sources_literal(&names, &v.sources)
                )
            })
            .collect();
        writeln!(
            out,
            "    SettingInfo {{\n        summary: {},\n        value_type: {},\n        values: {},\n        default: {},\n        when_missing: {},\n        notes: {},\n        cloud_values: &[{}],\n        codes: &[{}],\n        sources: {},\n    }},",
            lit(&s.summary),
            lit(&s.value_type),
            lit(&s.values),
            lit(&s.default),
            lit(&s.when_missing),
            strings_literal(&s.notes),
            values.join(", "),
            referring_codes(catalog, &s.name, |r| &r.settings).join(", "),
            sources_literal(&names, &s.sources)
        )
        .unwrap();
    }
    out.push_str("];\n\n");

    // Event channels.
    let variants: Vec<(String, Vec<String>)> = facts
        .event_channels
        .iter()
        .map(|c| {
            let mut lines = vec![format!(
                "`{}` (provider `{}`): {}",
                c.name,
                c.provider,
                md(&c.summary)
            )];
            let codes = referring_codes(catalog, &c.name, |r| &r.event_channels);
            if !codes.is_empty() {
                lines.push(String::new());
                lines.push(format!("Codes that point at it: {}.", code_links(&codes)));
            }
            lines.push(String::new());
            lines.push(sources_doc(&names, &c.sources));
            (c.name.clone(), lines)
        })
        .collect();
    write_fact_enum(&mut out, "EventChannel", "/// A Windows event log the extension writes (Event Viewer: Applications and Services Logs >\n/// Microsoft > AzureMfa).\n", &variants);
    open_static_array(
        &mut out,
        "CHANNEL_INFO",
        "ChannelInfo",
        facts.event_channels.len(),
    );
    for c in &facts.event_channels {
        writeln!(
            out,
            "    ChannelInfo {{ provider: {}, summary: {}, codes: &[{}], sources: {} }},",
            lit(&c.provider),
            lit(&c.summary),
            referring_codes(catalog, &c.name, |r| &r.event_channels).join(", "),
            sources_literal(&names, &c.sources)
        )
        .unwrap();
    }
    out.push_str("];\n\n");

    // Methods and protocols.
    let variants: Vec<(String, Vec<String>)> = facts
        .methods
        .iter()
        .map(|m| {
            let mut lines = vec![md(&m.title), String::new()];
            for p in &facts.protocols {
                let cell = cell_of(facts, &p.id, &m.id);
                lines.push(format!(
                    "- {}: {}",
                    p.name,
                    if cell.supported {
                        "supported"
                    } else {
                        "not supported"
                    }
                ));
            }
            (m.id.clone(), lines)
        })
        .collect();
    write_fact_enum(
        &mut out,
        "Method",
        "/// A secondary authentication method of Microsoft Entra multifactor authentication.\n",
        &variants,
    );
    writeln!(
        out,
        "pub(crate) static METHOD_TITLES: [&str; {}] = [{}];\n",
        facts.methods.len(),
        facts
            .methods
            .iter()
            .map(|m| lit(&m.title))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .unwrap();
    let variants: Vec<(String, Vec<String>)> = facts
        .protocols
        .iter()
        .map(|p| {
            let mut lines = vec![format!("{}: {}", p.name, md(&p.summary)), String::new()];
            for m in &facts.methods {
                let cell = cell_of(facts, &p.id, &m.id);
                let note = cell
                    .note
                    .as_deref()
                    .map(|n| format!(" ({})", md(n)))
                    .unwrap_or_default();
                lines.push(format!(
                    "- {}: {}{note}",
                    md(&m.title),
                    if cell.supported {
                        "supported"
                    } else {
                        "not supported"
                    }
                ));
            }
            let codes = referring_codes(catalog, &p.id, |r| &r.protocols);
            if !codes.is_empty() {
                lines.push(String::new());
                lines.push(format!(
                    "Codes whose fix depends on it: {}.",
                    code_links(&codes)
                ));
            }
            (p.id.clone(), lines)
        })
        .collect();
    write_fact_enum(&mut out, "AuthProtocol", "/// The password encryption protocol between the RADIUS client (VPN, gateway) and the NPS\n/// server; it decides which [`Method`]s can work.\n", &variants);
    out.push_str("impl AuthProtocol {\n    /// True if the sources say this protocol carries the method.\n    ///\n    /// ```\n    /// use nps_mfa_errors::{AuthProtocol, Method};\n    /// assert!(AuthProtocol::Pap.supports(Method::VerificationCode));\n    /// assert!(!AuthProtocol::Chapv2.supports(Method::VerificationCode));\n    /// assert!(AuthProtocol::Eap.supports(Method::AppNotification));\n    /// ```\n    #[must_use]\n    pub const fn supports(self, method: Method) -> bool {\n        matches!(\n            (self, method),\n");
    let supported: Vec<String> = facts
        .protocol_methods
        .iter()
        .filter(|c| c.supported)
        .map(|c| {
            format!(
                "(Self::{}, Method::{})",
                schema::variant_name(&c.protocol),
                schema::variant_name(&c.method)
            )
        })
        .collect();
    writeln!(
        out,
        "            {}\n        )\n    }}\n}}\n",
        supported.join("\n                | ")
    )
    .unwrap();
    open_static_array(
        &mut out,
        "PROTOCOL_INFO",
        "ProtocolInfo",
        facts.protocols.len(),
    );
    for p in &facts.protocols {
        let cells: Vec<String> = facts
            .methods
            .iter()
            .map(|m| {
                let cell = cell_of(facts, &p.id, &m.id);
                format!(
                    "MethodSupport {{ protocol: AuthProtocol::{}, method: Method::{}, supported: {}, note: {}, sources: {} }}",
                    schema::variant_name(&p.id),
                    schema::variant_name(&m.id),
                    cell.supported,
                    option_literal(cell.note.as_deref()),
                    sources_literal(&names, &cell.sources)
                )
            })
            .collect();
        writeln!(
            out,
            "    ProtocolInfo {{ name: {}, summary: {}, cells: &[\n        {},\n    ], codes: &[{}] }},",
            lit(&p.name),
            lit(&p.summary),
            cells.join(",\n        "),
            referring_codes(catalog, &p.id, |r| &r.protocols).join(", ")
        )
        .unwrap();
    }
    out.push_str("];\n\n");

    // Certificate facts.
    let variants: Vec<(String, Vec<String>)> = facts
        .certificate
        .iter()
        .map(|c| {
            let mut lines = vec![
                format!("{}: {}", md(&c.title), md_code(&c.value)),
                String::new(),
                md(&c.detail),
            ];
            let codes = referring_codes(catalog, &c.id, |r| &r.certificate);
            if !codes.is_empty() {
                lines.push(String::new());
                lines.push(format!(
                    "Codes whose fix depends on it: {}.",
                    code_links(&codes)
                ));
            }
            lines.push(String::new());
            lines.push(sources_doc(&names, &c.sources));
            (c.id.clone(), lines)
        })
        .collect();
    write_fact_enum(
        &mut out,
        "CertificateFact",
        "/// A fact about the extension's client certificate, which it uses to get its token.\n",
        &variants,
    );
    open_static_array(
        &mut out,
        "CERTIFICATE_INFO",
        "CertificateInfo",
        facts.certificate.len(),
    );
    for c in &facts.certificate {
        writeln!(
            out,
            "    CertificateInfo {{ title: {}, value: {}, detail: {}, codes: &[{}], sources: {} }},",
            lit(&c.title),
            lit(&c.value),
            lit(&c.detail),
            referring_codes(catalog, &c.id, |r| &r.certificate).join(", "),
            sources_literal(&names, &c.sources)
        )
        .unwrap();
    }
    out.push_str("];\n\n");

    // Symptoms.
    let variants: Vec<(String, Vec<String>)> = facts
        .symptoms
        .iter()
        .map(|s| {
            let mut lines = vec![
                format!("{}", md(&s.question)),
                String::new(),
                md(&s.summary),
                String::new(),
                "Checks:".to_owned(),
            ];
            for (i, check) in s.checks.iter().enumerate() {
                lines.push(format!("{}. {}", i + 1, md(check)));
            }
            if !s.related.codes.is_empty() {
                let codes: Vec<String> = s
                    .related
                    .codes
                    .iter()
                    .map(|c| format!("ErrorCode::{}", schema::variant_name(c)))
                    .collect();
                lines.push(String::new());
                lines.push(format!("Related codes: {}.", code_links(&codes)));
            }
            lines.push(String::new());
            lines.push(sources_doc(&names, &s.sources));
            (s.id.clone(), lines)
        })
        .collect();
    write_fact_enum(&mut out, "Symptom", "/// A problem the NPS extension pages describe without an error code, with what to check.\n", &variants);
    open_static_array(
        &mut out,
        "SYMPTOM_INFO",
        "SymptomInfo",
        facts.symptoms.len(),
    );
    for s in &facts.symptoms {
        let codes: Vec<String> = s
            .related
            .codes
            .iter()
            .map(|c| format!("ErrorCode::{}", schema::variant_name(c)))
            .collect();
        let folded: Vec<String> = s.phrases.clone();
        writeln!(
            out,
            "    SymptomInfo {{\n        question: {},\n        summary: {},\n        phrases: {},\n        checks: {},\n        codes: &[{}],\n        related: {},\n        sources: {},\n    }},",
            lit(&s.question),
            lit(&s.summary),
            strings_literal(&folded),
            strings_literal(&s.checks),
            codes.join(", "),
            fact_names.related(&[&s.related]),
            sources_literal(&names, &s.sources)
        )
        .unwrap();
    }
    out.push_str("];\n");
    out
}

fn cell_of<'a>(facts: &'a Facts, protocol: &str, method: &str) -> &'a facts_schema::CellDef {
    facts
        .protocol_methods
        .iter()
        .find(|c| c.protocol == protocol && c.method == method)
        .expect("validated: every cell is present")
}

fn endpoint_doc(e: &facts_schema::EndpointDef) -> String {
    let ports: Vec<String> = e.ports.iter().map(u16::to_string).collect();
    let what = match &e.url {
        Some(url) => format!("<{url}>"),
        None => e.id.replace('_', " "),
    };
    let phase = if e.phase == "set_up" {
        ", set-up only"
    } else {
        ""
    };
    format!(
        "{what} ({} {}{phase})",
        e.transport.to_ascii_uppercase(),
        ports.join("/")
    )
}

/// Opens `pub(crate) static NAME: [TYPE; LEN] = [`; the caller writes the elements and `];`.
fn open_static_array(out: &mut String, name: &str, ty: &str, len: usize) {
    writeln!(out, "pub(crate) static {name}: [{ty}; {len}] = [").unwrap();
}
