//! Keyword search over the knowledge base: codes (names, summaries, messages, steps), registry
//! settings (names, summaries, values, notes) and symptoms (questions, phrases, checks).
//!
//! Ranking is BM25 over weighted fields (a name counts more than a step), with a bonus when two
//! query words stand side by side in the text ("number matching"). Results that match more of
//! the query's words always rank first, so a result never beats one that matches more of what
//! was asked. Words are folded to a simple stem (`fails`, `failed`, `failing` are one word),
//! and a few spellings the documents themselves use interchangeably are one word too
//! ([`SYNONYMS`]).
//!
//! ```
//! use nps_mfa_errors::search::{search, Target};
//! use nps_mfa_errors::{ErrorCode, Setting};
//!
//! let hits = search("number matching");
//! assert_eq!(hits[0].target, Target::Setting(Setting::OverrideNumberMatchingWithOtp));
//!
//! let hits = search("vpn fails");
//! assert_eq!(hits[0].target, Target::Code(ErrorCode::ChallengeRequested));
//!
//! assert!(search("xyzzy plugh").is_empty());
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::{ErrorCode, Setting, Symptom};

/// What a search result points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", content = "name", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Target {
    /// A documented error code.
    Code(ErrorCode),
    /// A registry setting of the extension.
    Setting(Setting),
    /// A problem the documents describe without a code.
    Symptom(Symptom),
}

impl Target {
    /// The name to show: the code, the setting's name or the symptom's id.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Target::Code(code) => code.as_str(),
            Target::Setting(setting) => setting.as_str(),
            Target::Symptom(symptom) => symptom.as_str(),
        }
    }

    /// One line about it.
    #[must_use]
    pub fn summary(self) -> &'static str {
        match self {
            Target::Code(code) => code.summary(),
            Target::Setting(setting) => setting.summary(),
            Target::Symptom(symptom) => symptom.question(),
        }
    }

    /// `code`, `setting` or `symptom`.
    #[must_use]
    pub const fn kind(self) -> &'static str {
        match self {
            Target::Code(_) => "code",
            Target::Setting(_) => "setting",
            Target::Symptom(_) => "symptom",
        }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Hit {
    /// What was found.
    pub target: Target,
    /// The BM25 score (higher is better); comparable within one search only.
    pub score: f32,
    /// The query words (stems) it matched, in query order.
    pub matched: Vec<String>,
    /// How many distinct words the query had (after dropping words like "the" and "why").
    pub query_words: usize,
}

impl Hit {
    /// True when the result matches every word of the query.
    #[must_use]
    pub fn matches_all(&self) -> bool {
        self.matched.len() == self.query_words
    }
}

/// Words the source documents use for the same thing, folded to one form: a query with the
/// left word finds text with the right one and the other way round. Each pair is grounded in
/// the documents: they ask "How do I verify that the client cert is installed" about the
/// client certificate, name the product "multifactor authentication (formerly Azure MFA)", and
/// call the `UserPrincipalName` the UPN.
pub const SYNONYMS: &[(&str, &str)] = &[
    ("cert", "certificate"),
    ("certs", "certificate"),
    ("certificates", "certificate"),
    ("multifactor", "mfa"),
    ("upn", "userprincipalname"),
];

/// Words that carry no meaning for a search.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "doesn", "for", "from",
    "how", "i", "in", "is", "it", "my", "not", "of", "on", "or", "the", "this", "to", "what",
    "when", "why", "with", "t", "s",
];

/// The results for `query`, best first: at most ten, every one matching at least one word.
#[must_use]
pub fn search(query: &str) -> Vec<Hit> {
    Index::shared().search(query, 10)
}

/// The results for `query`, best first, at most `limit`.
#[must_use]
pub fn search_limit(query: &str, limit: usize) -> Vec<Hit> {
    Index::shared().search(query, limit)
}

/// A field of a document and how much a word in it counts.
const NAME: f32 = 4.0;
const TITLE: f32 = 2.0;
const BODY: f32 = 1.0;

struct Document {
    target: Target,
    /// Weighted count of each stem.
    terms: HashMap<String, f32>,
    /// Stem pairs that stand side by side in some field.
    pairs: HashSet<(String, String)>,
    /// The stems of the name.
    name: HashSet<String>,
    length: f32,
}

impl Document {
    fn new(target: Target) -> Document {
        Document {
            target,
            terms: HashMap::new(),
            pairs: HashSet::new(),
            name: HashSet::new(),
            length: 0.0,
        }
    }

    fn add(&mut self, weight: f32, text: &str) {
        let stems = stems(text);
        for pair in stems.windows(2) {
            self.pairs.insert((pair[0].clone(), pair[1].clone()));
        }
        for stem in stems {
            *self.terms.entry(stem).or_default() += weight;
            self.length += weight;
        }
    }

    fn add_name(&mut self, name: &str) {
        let words = split_name(name);
        self.name.extend(stems(&words));
        self.add(NAME, &words);
    }
}

struct Index {
    documents: Vec<Document>,
    /// In how many documents each stem occurs.
    frequency: HashMap<String, usize>,
    average_length: f32,
}

impl Index {
    fn shared() -> &'static Index {
        static INDEX: OnceLock<Index> = OnceLock::new();
        INDEX.get_or_init(Index::build)
    }

    fn build() -> Index {
        let mut documents: Vec<Document> = ErrorCode::all().map(code_document).collect();
        documents.extend(Setting::all().map(setting_document));
        documents.extend(Symptom::all().map(symptom_document));
        let mut frequency: HashMap<String, usize> = HashMap::new();
        for document in &documents {
            for stem in document.terms.keys() {
                *frequency.entry(stem.clone()).or_default() += 1;
            }
        }
        let total: f32 = documents.iter().map(|d| d.length).sum();
        let average_length = total / documents.len().max(1) as f32;
        Index {
            documents,
            frequency,
            average_length,
        }
    }

    fn idf(&self, stem: &str) -> f32 {
        let n = self.documents.len() as f32;
        let df = self.frequency.get(stem).copied().unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let mut words = stems(query);
        let mut seen = HashSet::new();
        words.retain(|w| seen.insert(w.clone()));
        if words.is_empty() {
            return vec![];
        }
        let mut hits: Vec<Hit> = self
            .documents
            .iter()
            .filter_map(|document| self.score(document, &words))
            .collect();
        hits.sort_by(|a, b| {
            b.matched
                .len()
                .cmp(&a.matched.len())
                .then(b.score.total_cmp(&a.score))
        });
        hits.truncate(limit);
        hits
    }

    /// BM25 (k1 = 1.2, b = 0.75) plus, for each pair of neighbouring query words that stand
    /// side by side in the document, the pair's mean IDF, plus, when the name holds every query
    /// word, their IDFs again: asking for `ip whitelist` means `IP_WHITELIST`.
    fn score(&self, document: &Document, words: &[String]) -> Option<Hit> {
        const K1: f32 = 1.2;
        const B: f32 = 0.75;
        let norm = K1 * (1.0 - B + B * document.length / self.average_length);
        let mut score = 0.0;
        let mut matched = vec![];
        for word in words {
            if let Some(&tf) = document.terms.get(word) {
                score += self.idf(word) * tf * (K1 + 1.0) / (tf + norm);
                matched.push(word.clone());
            }
        }
        if matched.is_empty() {
            return None;
        }
        for pair in words.windows(2) {
            if document.pairs.contains(&(pair[0].clone(), pair[1].clone())) {
                score += (self.idf(&pair[0]) + self.idf(&pair[1])) / 2.0;
            }
        }
        if words.iter().all(|w| document.name.contains(w)) {
            score += words.iter().map(|w| self.idf(w)).sum::<f32>();
        }
        Some(Hit {
            target: document.target,
            score,
            matched,
            query_words: words.len(),
        })
    }
}

fn code_document(code: ErrorCode) -> Document {
    let mut document = Document::new(Target::Code(code));
    document.add_name(code.as_str());
    document.add(TITLE, code.summary());
    if let Some(label) = code.label() {
        document.add(TITLE, label);
    }
    for entry in code.entries() {
        document.add(TITLE, entry.summary());
        for wording in entry.wordings() {
            document.add(BODY, wording.text());
        }
        for step in entry.steps() {
            document.add(BODY, step);
        }
    }
    document
}

fn setting_document(setting: Setting) -> Document {
    let mut document = Document::new(Target::Setting(setting));
    document.add_name(setting.as_str());
    document.add(TITLE, setting.summary());
    document.add(BODY, setting.values());
    document.add(BODY, setting.when_missing());
    for note in setting.notes() {
        document.add(BODY, note);
    }
    document
}

fn symptom_document(symptom: Symptom) -> Document {
    let mut document = Document::new(Target::Symptom(symptom));
    document.add_name(symptom.as_str());
    document.add(TITLE, symptom.question());
    document.add(TITLE, symptom.summary());
    for phrase in symptom.phrases() {
        document.add(TITLE, phrase);
    }
    for check in symptom.checks() {
        document.add(BODY, check);
    }
    document
}

/// `ESTS_TOKEN_ERROR` and `OathCodePinIncorrect` as words: `ESTS TOKEN ERROR`,
/// `Oath Code Pin Incorrect`.
fn split_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || c == '-' {
            out.push(' ');
            continue;
        }
        let after_lower = i > 0 && chars[i - 1].is_ascii_lowercase();
        let before_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
        let after_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
        if c.is_ascii_uppercase() && (after_lower || (after_upper && before_lower)) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The words a search for `query` looks for: each word's stem, in order, without the common
/// words that carry no meaning for a search (`the`, `why`, `not`, ...).
///
/// ```
/// use nps_mfa_errors::search::searched_words;
///
/// assert_eq!(searched_words("Why does the VPN fail?"), ["vpn", "fail"]);
/// assert!(searched_words("the").is_empty());
/// ```
#[must_use]
pub fn searched_words(query: &str) -> Vec<String> {
    stems(query)
}

/// The stems of the words of `text`, in order, without stop words.
fn stems(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .map(|w| {
            let w = SYNONYMS
                .iter()
                .find(|(from, _)| *from == w)
                .map_or(w.as_str(), |(_, to)| to);
            stem(w)
        })
        .collect()
}

/// A light English stem: `fails`, `failed`, `failing` → `fail`; `matches`, `matching` →
/// `match`; `expires`, `expired` → `expir`. Both the data and the query go through it, so it
/// only has to be consistent, not linguistically right.
fn stem(word: &str) -> String {
    let mut w = word;
    if w.len() > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..w.len() - 3]);
    }
    for suffix in ["ing", "ed", "es", "s"] {
        if w.len() > suffix.len() + 2 && w.ends_with(suffix) && !w.ends_with("ss") {
            w = &w[..w.len() - suffix.len()];
            break;
        }
    }
    if w.len() > 3 && w.ends_with('e') {
        w = &w[..w.len() - 1];
    }
    w.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_words() {
        assert_eq!(split_name("ESTS_TOKEN_ERROR"), "ESTS TOKEN ERROR");
        assert_eq!(
            split_name("OathCodePinIncorrect"),
            "Oath Code Pin Incorrect"
        );
        assert_eq!(split_name("MFAPinNotSetup"), "MFA Pin Not Setup");
    }

    #[test]
    fn inflections_share_a_stem() {
        for group in [
            ["fail", "fails", "failed", "failing"],
            ["match", "matches", "matched", "matching"],
            ["expire", "expires", "expired", "expiring"],
        ] {
            let stems: HashSet<String> = group.iter().map(|w| stem(w)).collect();
            assert_eq!(stems.len(), 1, "{group:?} → {stems:?}");
        }
        assert_eq!(stem("access"), "access");
    }

    #[test]
    fn stop_words_alone_find_nothing() {
        assert!(search("why is the").is_empty());
    }
}
