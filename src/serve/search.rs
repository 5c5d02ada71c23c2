//! The search behind the home page: codes whose name, message, summary, related settings or
//! symptoms hold every word of the query, best first.

use crate::{lookup, ErrorCode, Lookup};

/// Where a search matched a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MatchedBy {
    /// The query is the code (any case) or part of it.
    Code,
    /// The query is or contains a documented message (as pasted from a log).
    Message,
    /// Every word of the query is in the code's messages, summaries or steps.
    Text,
    /// Every word of the query is in a related registry setting.
    Setting,
    /// Every word of the query is in a related symptom.
    Symptom,
}

impl MatchedBy {
    /// A short label for pages.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            MatchedBy::Code => "code",
            MatchedBy::Message => "message",
            MatchedBy::Text => "summary or message text",
            MatchedBy::Setting => "registry setting",
            MatchedBy::Symptom => "symptom",
        }
    }
}

/// Finds the codes a query names or describes, best first: an exact code or pasted message,
/// then codes whose name holds the query, then codes whose text, related settings or symptoms
/// hold every word of it (case ignored).
///
/// ```
/// use nps_mfa_errors::{serve::search, ErrorCode};
///
/// let hits = search("ests_token");
/// assert_eq!(hits[0].0, ErrorCode::EstsTokenError);
/// assert!(search("").is_empty());
/// ```
#[must_use]
pub fn search(query: &str) -> Vec<(ErrorCode, MatchedBy)> {
    let query = query.trim();
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if query.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(ErrorCode, MatchedBy)> = Vec::new();
    if let Ok(found) = lookup(query) {
        let by = match found {
            Lookup::Message(_) => MatchedBy::Message,
            _ => MatchedBy::Code,
        };
        hits.push((found.code(), by));
    }
    let lowered = query.to_lowercase();
    if words.is_empty() {
        return hits;
    }
    for code in ErrorCode::all() {
        if hits.iter().any(|(c, _)| *c == code) {
            continue;
        }
        if let Some(by) = matches(code, &lowered, &words) {
            hits.push((code, by));
        }
    }
    hits.sort_by_key(|(_, by)| rank(*by));
    hits
}

fn rank(by: MatchedBy) -> u8 {
    match by {
        MatchedBy::Code | MatchedBy::Message => 0,
        MatchedBy::Text => 1,
        MatchedBy::Setting => 2,
        MatchedBy::Symptom => 3,
    }
}

fn matches(code: ErrorCode, lowered: &str, words: &[String]) -> Option<MatchedBy> {
    if code.as_str().to_lowercase().contains(lowered) {
        return Some(MatchedBy::Code);
    }
    // A query word matches the start of a word of the text: `ests` finds "ESTS", not
    // "requests".
    let all_in = |text: &str| {
        let text = text.to_lowercase();
        let text_words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        words
            .iter()
            .all(|w| text_words.iter().any(|t| t.starts_with(w.as_str())))
    };
    if all_in(&code_text(code)) {
        return Some(MatchedBy::Text);
    }
    if code
        .related()
        .settings()
        .iter()
        .any(|s| all_in(&format!("{} {}", s.as_str(), s.summary())))
    {
        return Some(MatchedBy::Setting);
    }
    code.symptoms()
        .iter()
        .any(|s| {
            all_in(&format!(
                "{} {} {}",
                s.question(),
                s.summary(),
                s.phrases().join(" ")
            ))
        })
        .then_some(MatchedBy::Symptom)
}

/// Everything a person might search for in a code's own text.
fn code_text(code: ErrorCode) -> String {
    let mut text = format!(
        "{} {} {}",
        code.as_str(),
        code.label().unwrap_or(""),
        code.summary()
    );
    for entry in code.entries() {
        text.push(' ');
        text.push_str(entry.summary());
        for wording in entry.wordings() {
            text.push(' ');
            text.push_str(wording.text());
        }
        for step in entry.steps() {
            text.push(' ');
            text.push_str(step);
        }
    }
    text
}
