//! Emit: the resolved model written as Rust, one `make_*` function per artefact, all through
//! the infallible [`Output`] writer.

mod catalog;
mod enums;
mod fact_rows;
mod facts;
mod fields;
mod markdown;
mod output;

pub use output::{Output, Val, WIDTH};

use crate::load::{RelatedDef, SourceDef};
use crate::model::{Model, Related};
use crate::text::variant_name;

/// The generated files, by name under `OUT_DIR`.
pub fn make_files(model: &Model) -> Vec<(&'static str, String)> {
    vec![
        ("catalog.rs", catalog::make_catalog(model)),
        ("facts.rs", facts::make_facts(model)),
        ("fold.rs", crate::FOLD_SOURCE.to_owned()),
    ]
}

/// `errors-2024-01` → `ERRORS_2024_01`: an id as the name of a constant.
pub fn const_name(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// A `Source { .. }` literal.
pub fn source_val(source: &SourceDef) -> Val {
    Val::Struct(
        "Source",
        vec![
            (
                "document",
                Val::raw(format!("&DOCUMENTS[doc::{}]", const_name(&source.document))),
            ),
            ("section", Val::str(&source.section)),
            ("note", Val::opt_str(source.note.as_deref())),
        ],
    )
}

/// `&[Source { .. }, ...]`.
pub fn sources_val(sources: &[SourceDef]) -> Val {
    Val::List(sources.iter().map(source_val).collect())
}

/// A `Related { .. }` literal for the union of `blocks`, each list in the facts' order.
pub fn related_val(model: &Model, blocks: &[&RelatedDef]) -> Val {
    let fields = Related::ALL
        .iter()
        .map(|kind| {
            let wanted = (kind.ids(model.facts).into_iter())
                .filter(|id| blocks.iter().any(|b| kind.of(b).iter().any(|v| v == id)))
                .map(variant_name)
                .collect::<Vec<_>>();
            (
                kind.field(),
                Val::paths(kind.enum_name(), wanted.iter().map(String::as_str)),
            )
        })
        .collect();
    Val::Struct("Related", fields)
}
