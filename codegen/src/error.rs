//! Problems found in the data: each names the file, the record and the field.

use std::fmt;

/// A data problem: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {entry}, field `{field}`: {problem}")]
pub struct CatalogError {
    /// The data file.
    pub file: String,
    /// The record: `code `X``, `document `Y``, `setting `Z``, or `catalog`.
    pub entry: String,
    /// The field path inside the record (`entries[1].messages[0].text`).
    pub field: String,
    /// What is wrong and what to do.
    pub problem: String,
}

/// All the problems found, in every file.
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

/// Collects problems for one file.
pub struct Problems<'a> {
    /// The file the problems are in.
    pub file: &'a str,
    /// What was found so far.
    pub found: Vec<CatalogError>,
}

impl<'a> Problems<'a> {
    /// No problems yet, in `file`.
    pub fn new(file: &'a str) -> Self {
        Problems {
            file,
            found: Vec::new(),
        }
    }

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
