//! Reads the rows of an errors page: a version of Microsoft's markdown page (English or
//! machine-translated with the English in `sxs-lookup` spans) or the tab-separated extract of
//! a newer version, and checks each row against the compiled catalog.
//!
//! Shared by the `audit` example (run by CI on every page in `shared/seeds/`) and the tests.

#![allow(dead_code)] // the tests and the example use different parts

use nps_mfa_errors::{documents, Document, Entry, ErrorCode};

/// One documented row as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line in the page.
    pub line: usize,
    /// The section heading the row sits under (English).
    pub section: String,
    /// The codes in the code cell, or the label of a message-keyed row.
    pub key: RowKey,
    /// The message, with translation artefacts undone; empty when the row has none.
    pub message: String,
}

/// What the code cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKey {
    /// One or more codes (`**InvalidFormat** or **StrongAuthenticationServiceInvalidParameter**`).
    Codes(Vec<String>),
    /// A message-keyed row: the text in the code column.
    Label(String),
}

/// A page: which document version it is, and its rows.
#[derive(Debug)]
pub struct Page {
    /// `YYYY-MM-DD` from `ms.date`.
    pub date: String,
    /// From `ms.contentlocale`, `en-US` when absent.
    pub locale: String,
    /// Every row of every error table.
    pub rows: Vec<Row>,
}

impl Page {
    /// The catalog's record of this document version.
    pub fn document(&self) -> Option<&'static Document> {
        documents()
            .iter()
            .find(|d| d.date() == self.date && d.locale().eq_ignore_ascii_case(&self.locale))
    }
}

/// Reads a markdown page.
pub fn parse_markdown(text: &str) -> Result<Page, String> {
    let mut date = None;
    let mut locale = "en-US".to_owned();
    let mut section = String::new();
    let mut rows = Vec::new();
    let mut table: Option<Table> = None;
    let lines: Vec<String> = text.lines().map(english).collect();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if let Some(value) = trimmed.strip_prefix("ms.date:") {
            date = Some(us_date_to_iso(value.trim()).ok_or_else(|| {
                format!(
                    "line {}: ms.date `{}` is not MM/DD/YYYY",
                    i + 1,
                    value.trim()
                )
            })?);
        } else if let Some(value) = trimmed.strip_prefix("ms.contentlocale:") {
            locale = value.trim().to_owned();
        } else if trimmed.starts_with("## ") || trimmed.starts_with("### ") {
            section = strip_anchor(trimmed.trim_start_matches('#').trim()).to_owned();
            table = None;
        } else if trimmed.starts_with('|') {
            let cells = cells(trimmed);
            if trimmed.starts_with("| ---") || trimmed.starts_with("|---") {
                continue;
            }
            match &table {
                None => {
                    let is_error_table = cells.first().is_some_and(|c| c == "Error code");
                    let message_column = cells.iter().position(|c| c == "Error message");
                    table = Some(Table {
                        is_error_table,
                        message_column,
                    });
                }
                Some(t) if t.is_error_table => {
                    let machine = locale != "en-US";
                    rows.push(row(i + 1, &section, &cells, t.message_column, machine));
                }
                Some(_) => {}
            }
        } else if trimmed.is_empty() {
            table = None;
        }
    }
    let date = date.ok_or("the page has no ms.date front matter")?;
    Ok(Page { date, locale, rows })
}

/// Reads the tab-separated extract (`section<TAB>code cell<TAB>message cell`) of a page version
/// whose file name ends in `-YYYY-MM-DD.tsv`.
pub fn parse_tsv(file_name: &str, text: &str) -> Result<Page, String> {
    let stem = file_name.strip_suffix(".tsv").ok_or("not a .tsv file")?;
    let date = stem
        .get(stem.len().saturating_sub(10)..)
        .filter(|d| d.len() == 10 && d.as_bytes()[4] == b'-')
        .ok_or("the file name does not end in a YYYY-MM-DD date")?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(key), Some(code_cell)) = (fields.next(), fields.next()) else {
            return Err(format!(
                "line {}: expected section<TAB>code<TAB>message",
                i + 1
            ));
        };
        let message = fields.next().unwrap_or("").trim().to_owned();
        let section = match key {
            "common" => "Troubleshooting steps for common errors",
            "alternate_login_id" => "Alternate login ID errors",
            "user_errors" => "Errors your users may encounter",
            "not_errors" => "Messages your users may encounter that aren't errors",
            "support" => "Errors that require support",
            other => return Err(format!("line {}: unknown section `{other}`", i + 1)),
        };
        let code_cell = code_cell.trim();
        let parts: Vec<&str> = code_cell.split(" or ").map(str::trim).collect();
        let key = if parts.iter().all(|p| is_code_token(p)) {
            RowKey::Codes(parts.iter().map(|p| (*p).to_owned()).collect())
        } else {
            RowKey::Label(code_cell.to_owned())
        };
        let message = match (&key, message.is_empty()) {
            (RowKey::Label(label), true) => label.clone(),
            _ => message,
        };
        rows.push(Row {
            line: i + 1,
            section: section.to_owned(),
            key,
            message,
        });
    }
    Ok(Page {
        date: date.to_owned(),
        locale: "en-US".to_owned(),
        rows,
    })
}

struct Table {
    is_error_table: bool,
    message_column: Option<usize>,
}

fn row(
    line: usize,
    section: &str,
    cells: &[String],
    message_column: Option<usize>,
    machine: bool,
) -> Row {
    let code_cell = cells.first().cloned().unwrap_or_default();
    let (head, after_break) = match code_cell.split_once("<br>") {
        Some((head, rest)) => (head.trim().to_owned(), Some(rest.trim().to_owned())),
        None => (code_cell.clone(), None),
    };
    let bold: Vec<String> = head
        .split("**")
        .skip(1)
        .step_by(2)
        .map(|s| s.trim().to_owned())
        .collect();
    let bold: Vec<String> = bold.into_iter().filter(|s| !s.is_empty()).collect();
    let key = if !bold.is_empty() && bold.iter().all(|b| is_code_token(b)) {
        RowKey::Codes(bold)
    } else {
        RowKey::Label(bold.first().cloned().unwrap_or(head.clone()))
    };
    let mut message = after_break
        .or_else(|| message_column.and_then(|c| cells.get(c).cloned()))
        .unwrap_or_default();
    if message.is_empty() {
        if let RowKey::Label(label) = &key {
            message = label.clone();
        }
    }
    if machine {
        message = undo_translation_artefacts(&message);
    }
    Row {
        line,
        section: section.to_owned(),
        key,
        message: message.trim().to_owned(),
    }
}

/// The English of a machine-translated line: each translated span replaced by its
/// `sxs-lookup` English.
pub fn english(line: &str) -> String {
    const ENGLISH_OPEN: &str = "<span class=\"sxs-lookup\"><span data-stu-id=\"";
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("<span data-ttu-id=\"") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(open) = after.find(ENGLISH_OPEN) else {
            out.push_str(after);
            return out;
        };
        let english = &after[open + ENGLISH_OPEN.len()..];
        let Some(text_start) = english.find("\">") else {
            out.push_str(after);
            return out;
        };
        let english = &english[text_start + 2..];
        let Some(end) = english.find("</span></span>") else {
            out.push_str(after);
            return out;
        };
        out.push_str(&english[..end]);
        rest = &english[end + "</span></span>".len()..];
    }
    out.push_str(rest);
    out
}

/// Undoes the 2017 translation engine's artefacts in the English: `hello` for `the`, and
/// `too` glued to the next word for `to`.
pub fn undo_translation_artefacts(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let words: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, &word)| {
            if word == "hello" {
                let starts_sentence = i == 0 || words[i - 1].ends_with('.');
                if starts_sentence {
                    "The".to_owned()
                } else {
                    "the".to_owned()
                }
            } else if let Some(rest) = word
                .strip_prefix("too")
                .filter(|r| r.starts_with(|c: char| c.is_ascii_lowercase()))
            {
                format!("to {}", undo_translation_artefacts(rest))
            } else {
                word.to_owned()
            }
        })
        .collect();
    words.join(" ")
}

fn strip_anchor(heading: &str) -> &str {
    match heading.find("</a>") {
        Some(end) if heading.starts_with("<a ") => heading[end + 4..].trim(),
        _ => heading,
    }
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_owned()).collect()
}

fn is_code_token(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn us_date_to_iso(date: &str) -> Option<String> {
    let mut parts = date.split('/');
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    (m.len() == 2 && d.len() == 2 && y.len() == 4).then(|| format!("{y}-{m}-{d}"))
}

/// Why a row is not covered by the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The row.
    pub row: Row,
    /// What the catalog lacks.
    pub reason: String,
}

/// Every row of the page that the catalog does not record for this document version.
pub fn missing_rows(page: &Page) -> Result<Vec<Missing>, String> {
    let document = page.document().ok_or_else(|| {
        format!(
            "the catalog declares no document dated {} in locale {}; add it to data/catalog.yaml",
            page.date, page.locale
        )
    })?;
    let mut missing = Vec::new();
    for row in &page.rows {
        let codes: Vec<Result<ErrorCode, String>> = match &row.key {
            RowKey::Codes(codes) => codes
                .iter()
                .map(|c| {
                    ErrorCode::from_code(c)
                        .ok_or_else(|| format!("code `{c}` is not in the catalog"))
                })
                .collect(),
            RowKey::Label(label) => vec![ErrorCode::all()
                .find(|c| c.label() == Some(label.as_str()))
                .ok_or_else(|| format!("no message-keyed code has the label `{label}`"))],
        };
        for code in codes {
            let problem = match code {
                Err(reason) => Some(reason),
                Ok(code) => check(code, document, row),
            };
            if let Some(reason) = problem {
                missing.push(Missing {
                    row: row.clone(),
                    reason,
                });
            }
        }
    }
    Ok(missing)
}

fn check(code: ErrorCode, document: &Document, row: &Row) -> Option<String> {
    let listed = |entry: &&Entry| {
        entry
            .sources()
            .iter()
            .any(|s| std::ptr::eq(s.document(), document) && s.section() == row.section)
    };
    let candidates: Vec<&Entry> = code.entries().iter().filter(listed).collect();
    if candidates.is_empty() {
        return Some(format!(
            "no entry of `{code}` lists {} under \"{}\"",
            document.id(),
            row.section
        ));
    }
    if row.message.is_empty() {
        return None;
    }
    let has_wording = candidates.iter().any(|entry| {
        entry.wordings().iter().any(|w| {
            w.text() == row.message && w.documents().iter().any(|d| std::ptr::eq(*d, document))
        })
    });
    (!has_wording).then(|| {
        format!(
            "`{code}` has no wording \"{}\" attributed to {}",
            row.message,
            document.id()
        )
    })
}
