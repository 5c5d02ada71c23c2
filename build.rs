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

#[path = "src/fold.rs"]
mod fold;
#[path = "src/catalog/schema.rs"]
mod schema;

use schema::{Catalog, CodeDef, EntryDef};

const CATALOG: &str = "data/catalog.yaml";

fn main() {
    println!("cargo:rerun-if-changed={CATALOG}");
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=src/catalog/schema.rs");
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
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    write_if_changed(&out_dir.join("catalog.rs"), &generate(&catalog));
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

fn generate(catalog: &Catalog) -> String {
    let names = Names::new(catalog);
    let mut out = String::new();
    out.push_str(
        "// @generated by build.rs from data/catalog.yaml: edit the catalog, not this file.\n\n",
    );
    writeln!(out, "/// Version of the JSON export format (`schema_version`).\npub const SCHEMA_VERSION: u32 = {};\n", catalog.schema_version).unwrap();
    generate_documents(&mut out, catalog);
    generate_category_enum(&mut out, catalog, &names);
    generate_code_enum(&mut out, catalog, &names);
    generate_entries(&mut out, catalog, &names);
    generate_code_table(&mut out, catalog, &names);
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
    writeln!(
        out,
        "pub(crate) static DOCUMENTS: [Document; {}] = [",
        catalog.documents.len()
    )
    .unwrap();
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

fn generate_entries(out: &mut String, catalog: &Catalog, names: &Names) {
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
            out.push_str("        ],\n    },\n");
        }
        out.push_str("];\n\n");
    }
}

fn generate_code_table(out: &mut String, catalog: &Catalog, names: &Names) {
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
        let label = def
            .label
            .as_deref()
            .map_or("None".to_owned(), |l| format!("Some({})", lit(l)));
        writeln!(
            out,
            "    CodeInfo {{\n        code: ErrorCode::{},\n        name: {},\n        lowercase_name: {},\n        case_mask: &[{}],\n        summary: {},\n        label: {},\n        categories: &[{}],\n        entries: &ENTRIES_{},\n    }},",
            names.variants[def.code.as_str()],
            lit(&def.code),
            lit(&def.code.to_ascii_lowercase()),
            def.code.bytes().map(|b| if b.is_ascii_alphabetic() { "0x20" } else { "0" }).collect::<Vec<_>>().join(", "),
            lit(&def.summary),
            label,
            categories.join(", "),
            owner.code.to_ascii_uppercase()
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
    exact.write(out, "exact_slot", "EXACT_SLOTS", false, &keys);
    folded.write(out, "ignore_case_slot", "IGNORE_CASE_SLOTS", true, &lowered);
}

/// A perfect hash over the code strings, cheaper than SipHash: a few bytes and the length,
/// mixed with multipliers found by search so that no two codes share a slot.
struct FastHash {
    multipliers: [u32; 5],
    bits: u32,
}

impl FastHash {
    fn slot(&self, key: &[u8]) -> usize {
        let n = key.len();
        let m = self.multipliers;
        let h = (n as u32).wrapping_mul(m[0])
            ^ u32::from(key[0]).wrapping_mul(m[1])
            ^ u32::from(key[n / 2]).wrapping_mul(m[2])
            ^ u32::from(key[n - 1]).wrapping_mul(m[3])
            ^ u32::from(key[n * 3 / 4]).wrapping_mul(m[4]);
        (h.wrapping_mul(0x9E37_79B1) >> (32 - self.bits)) as usize
    }

    fn search(keys: &[&[u8]]) -> FastHash {
        let mut seed: u32 = 0x1234_5678;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed | 1
        };
        for bits in 7..=10 {
            for _ in 0..100_000 {
                let candidate = FastHash {
                    multipliers: [next(), next(), next(), next(), next()],
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

    fn write(
        &self,
        out: &mut String,
        function: &str,
        table: &str,
        fold_case: bool,
        keys: &[&[u8]],
    ) {
        let m = self.multipliers;
        // Folding with `| 0x20` gives both cases of a letter one value, which is all a hash
        // needs; the comparison after the lookup decides what really matches.
        let byte = |at: &str| {
            if fold_case {
                format!("u32::from(key[{at}] | 0x20)")
            } else {
                format!("u32::from(key[{at}])")
            }
        };
        writeln!(
            out,
            "/// Slot of `key` in [`{table}`]: a perfect hash of the codes{} found by `build.rs`.\n/// `key` is 1 to `LONGEST_CODE` bytes long.\n#[inline]\npub(crate) fn {function}(key: &[u8]) -> usize {{\n    let n = key.len();\n    let h = (n as u32).wrapping_mul({:#x})\n        ^ {}.wrapping_mul({:#x})\n        ^ {}.wrapping_mul({:#x})\n        ^ {}.wrapping_mul({:#x})\n        ^ {}.wrapping_mul({:#x});\n    (h.wrapping_mul(0x9E37_79B1) >> {}) as usize\n}}\n",
            if fold_case { " in lower case" } else { "" },
            m[0], byte("0"), m[1], byte("n / 2"), m[2], byte("n - 1"), m[3], byte("n * 3 / 4"), m[4], 32 - self.bits
        )
        .unwrap();
        let mut slots = vec![u8::MAX; 1 << self.bits];
        for (index, key) in keys.iter().enumerate() {
            slots[self.slot(key)] = u8::try_from(index).expect("fewer than 255 codes");
        }
        let cells: Vec<String> = slots.iter().map(u8::to_string).collect();
        writeln!(out, "/// Code index (`ErrorCode as usize`) per slot; `u8::MAX` is an empty slot.\npub(crate) static {table}: [u8; {}] = [", slots.len()).unwrap();
        for chunk in cells.chunks(16) {
            writeln!(out, "    {},", chunk.join(", ")).unwrap();
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
