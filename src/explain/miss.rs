//! Nothing matched: the reason, the input and suggestions (the closest code, then what a
//! keyword search finds).

use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use super::query::clean_name;
use crate::search::{search_limit, Target};
use crate::ErrorCode;

/// `{error, input, suggestions: [{kind, name, summary}]}`: a query nothing matched.
///
/// ```
/// use nps_mfa_errors::explain::Miss;
///
/// let miss = Miss::new("number matching fails");
/// assert!(miss.error.contains("is not a documented NPS extension error code"));
/// assert!(!miss.targets.is_empty());
/// ```
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Miss {
    /// What was wrong and what to do, quoting the query's first line (at most 100 characters).
    pub error: String,
    /// The query as given.
    pub input: String,
    /// The suggestions: the closest code, then up to five entries a keyword search finds with
    /// every word of the query.
    #[serde(rename = "suggestions", serialize_with = "suggestions")]
    pub targets: Vec<Target>,
}

impl Miss {
    /// The miss for `query`, with its suggestions.
    #[must_use]
    pub fn new(query: &str) -> Miss {
        let targets = suggestions_for(query);
        let hint = match targets.as_slice() {
            [] => "check the spelling, or paste the whole log line or event".to_owned(),
            [only] => format!("did you mean `{}`?", only.name()),
            _ => "did you mean one of these?".to_owned(),
        };
        let error = format!(
            "`{}` is not a documented NPS extension error code or message, and no code or \
             message was found in it; {hint}",
            shorten(query)
        );
        Miss {
            error,
            input: query.to_owned(),
            targets,
        }
    }

    /// The closest documented code among the suggestions, if any.
    #[must_use]
    pub fn code(&self) -> Option<ErrorCode> {
        self.targets.iter().find_map(|target| match target {
            Target::Code(code) => Some(*code),
            _ => None,
        })
    }
}

impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.error)
    }
}

impl std::error::Error for Miss {}

/// Each target as `{kind, name, summary}`.
fn suggestions<S: Serializer>(targets: &[Target], serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Suggestion {
        kind: &'static str,
        name: &'static str,
        summary: &'static str,
    }
    let mut seq = serializer.serialize_seq(Some(targets.len()))?;
    for target in targets {
        seq.serialize_element(&Suggestion {
            kind: target.kind(),
            name: target.name(),
            summary: target.summary(),
        })?;
    }
    seq.end()
}

/// The code closest to a misspelt one, then up to five entries a keyword search finds with
/// every word of the query.
fn suggestions_for(query: &str) -> Vec<Target> {
    let mut list: Vec<Target> = super::closest_code(clean_name(query))
        .map(Target::Code)
        .into_iter()
        .collect();
    // Only results holding every word of the query: a question of any length is answered, and
    // a pasted log line (times, GUIDs, host names) suggests nothing at random.
    for hit in search_limit(query, 5) {
        if hit.matches_all() && !list.contains(&hit.target) {
            list.push(hit.target);
        }
    }
    list
}

/// The query as an error message quotes it: its first line, at most 100 characters.
fn shorten(query: &str) -> String {
    let first = query.lines().next().unwrap_or_default();
    let mut short: String = first.chars().take(100).collect();
    if short.len() < query.len() {
        short.push('…');
    }
    short
}
