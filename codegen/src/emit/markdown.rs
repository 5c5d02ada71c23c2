//! Text for doc comments: Markdown escaping, code spans, and the lines every record's docs share.

use crate::load::{Document, SourceDef};
use crate::model::{CodeId, Model};

/// Escapes text for a Markdown doc comment; bare URLs become autolinks.
pub fn md(text: &str) -> String {
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

/// Text as a Markdown code span, whatever backticks it holds.
pub fn md_code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// `2024-01 en-US`: a document version in a few characters.
pub fn document_label(document: &Document) -> String {
    format!("{} {}", &document.date[..7], document.locale)
}

/// `Sources: [title](url) (2024-01 en-US, section); ...`.
pub fn sources_line(model: &Model, sources: &[SourceDef]) -> String {
    let items: Vec<String> = sources
        .iter()
        .map(|source| {
            let document = model.document(&source.document);
            format!(
                "[{}][{}] ({}, {})",
                md(&document.title),
                source.document,
                document_label(document),
                md(&source.section)
            )
        })
        .collect();
    format!("Sources: {}.", items.join("; "))
}

/// `doc` with a reference definition (`[id]: url`) for every document it links as `[..][id]`,
/// so the long URLs stand on lines of their own instead of inside the text.
pub fn with_link_definitions(model: &Model, doc: String) -> String {
    let mut out = doc;
    let mut definitions = String::new();
    for document in &model.catalog.documents {
        if out.contains(&format!("][{}]", document.id)) {
            definitions.push_str(&format!("\n[{}]: {}", document.id, document.url));
        }
    }
    if !definitions.is_empty() {
        out.push('\n');
        out.push_str(&definitions);
    }
    out
}

/// The codes as intra-doc links, comma-separated.
pub fn code_links(model: &Model, codes: &[CodeId]) -> String {
    let links: Vec<String> = codes
        .iter()
        .map(|id| {
            let variant = model.variant(*id);
            format!("[`{variant}`](ErrorCode::{variant})")
        })
        .collect();
    links.join(", ")
}

/// The doc paragraph naming the codes whose fix depends on a fact (nothing when none does).
pub fn depending_codes(model: &Model, lead: &str, codes: &[CodeId]) -> String {
    if codes.is_empty() {
        String::new()
    } else {
        format!("\n\n{lead} {}.", code_links(model, codes))
    }
}
