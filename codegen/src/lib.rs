//! The generator behind `nps-mfa-errors`: it reads `data/catalog.yaml` and `data/facts.yaml`,
//! checks every rule, and writes the Rust the library `include!`s.
//!
//! ```text
//! load      serde mirror of both YAML files (closed sets as serde enums)      load/
//! validate  every rule, every problem at once, each naming file/record/field  validate/
//! resolve   one model: typed ids, owners and reverse links computed once      model.rs
//! emit      one make_* per artefact through an infallible indenting writer    emit/
//! ```
//!
//! `build.rs` of `nps-mfa-errors` calls [`generate`]; the tests of this crate feed [`parse`]
//! bad data and check each message, and run the emitters on a small fixture catalog.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod emit;
mod error;
mod fold;
mod load;
mod model;
mod text;
mod validate;

use std::fs;
use std::path::Path;

pub use emit::{const_name, Output, Val, WIDTH};
pub use error::{CatalogError, CatalogErrors, Problems};
pub use fold::fold;
pub use load::*;
pub use model::{CodeId, DocId, Model, Related};
pub use text::{
    has_placeholder, is_well_formed_https_url, literal_segments, resolve_link, variant_name,
};

/// The one definition of text folding, as source: the generator folds message patterns with
/// [`fold`], and the library includes this same text (written to `OUT_DIR/fold.rs`) to fold
/// what it is asked at run time, so the two agree byte for byte.
pub const FOLD_SOURCE: &str = include_str!("fold.rs");

/// The catalog file, relative to the package root.
pub const CATALOG: &str = "data/catalog.yaml";
/// The facts file, relative to the package root.
pub const FACTS: &str = "data/facts.yaml";

/// Both data files, read and validated.
#[derive(Debug)]
pub struct Data {
    /// The catalog.
    pub catalog: Catalog,
    /// The facts.
    pub facts: Facts,
}

/// Reads and validates the catalog alone (the facts refer to it, not the other way round).
pub fn parse_catalog(file: &str, yaml: &str) -> Result<Catalog, CatalogErrors> {
    let catalog: Catalog = load::read(file, yaml, "catalog")?;
    validate::catalog::validate(&catalog, file)?;
    Ok(catalog)
}

/// Reads the facts and validates them, and the catalog's references to them.
pub fn parse_facts(
    file: &str,
    yaml: &str,
    catalog_file: &str,
    catalog: &Catalog,
) -> Result<Facts, CatalogErrors> {
    let facts: Facts = load::read(file, yaml, "facts file")?;
    validate::facts::validate(&facts, file, catalog, catalog_file)?;
    Ok(facts)
}

/// Reads and validates both files from text.
pub fn parse(catalog_yaml: &str, facts_yaml: &str) -> Result<Data, CatalogErrors> {
    let catalog = parse_catalog(CATALOG, catalog_yaml)?;
    let facts = parse_facts(FACTS, facts_yaml, CATALOG, &catalog)?;
    Ok(Data { catalog, facts })
}

/// The generated files for validated data: `(file name, Rust source)`.
pub fn render(data: &Data) -> Vec<(&'static str, String)> {
    emit::make_files(&Model::new(&data.catalog, &data.facts))
}

/// Reads the data under `package_dir`, validates it and writes the generated files into
/// `out_dir` (only those whose text changed, so nothing recompiles needlessly).
pub fn generate(package_dir: &Path, out_dir: &Path) -> Result<(), CatalogErrors> {
    let read = |file: &str| {
        fs::read_to_string(package_dir.join(file))
            .map_err(|error| one_problem(file, format!("cannot read the file: {error}")))
    };
    let data = parse(&read(CATALOG)?, &read(FACTS)?)?;
    for (name, text) in render(&data) {
        let path = out_dir.join(name);
        if fs::read_to_string(&path).is_ok_and(|old| old == text) {
            continue;
        }
        fs::write(&path, text).map_err(|error| {
            one_problem(name, format!("cannot write {}: {error}", path.display()))
        })?;
    }
    Ok(())
}

fn one_problem(file: &str, problem: String) -> CatalogErrors {
    CatalogErrors(vec![CatalogError {
        file: file.to_owned(),
        entry: "file".to_owned(),
        field: "-".to_owned(),
        problem,
    }])
}
