//! The pattern set, derived from the catalog on first use, and the analysis of one event.
//!
//! One case-insensitive Aho-Corasick automaton finds, in one pass: every documented code,
//! an anchor word of every documented message wording (its longest word, which white space
//! cannot split), the `ErrorCode::` marker that precedes codes the catalog may not know, and
//! `AADSTS`. Events with no hit cost nothing more; events with hits are analysed here.

use std::collections::HashMap;

use std::sync::OnceLock;

use super::context::{self, Context};
use super::finding::{Finding, FoundCode};
use crate::catalog::{MessagePattern, MESSAGE_PATTERNS};
use crate::tolerant;
use crate::ErrorCode;

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone)]
enum Kind {
    Code(ErrorCode),
    /// Indices into `MESSAGE_PATTERNS` whose anchor word this is.
    Anchor(Vec<usize>),
    ErrorCodeMarker,
    Aadsts,
    /// `Msg::`, after which a message may start with `TOKEN::`: an event whose only sign of a
    /// code is that token must still be analysed. (`TOKEN::` at the head of a line is
    /// noticed by the readers as they split lines: see [`heads_with_token`].)
    MsgMarker,
}

/// A pattern occurrence: absolute byte offsets and the pattern's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) start: u64,
    pub(crate) end: u64,
    pub(crate) pattern: u32,
}

/// The compiled pattern set.
#[derive(Debug)]
pub(crate) struct Matcher {
    search: super::locator::Search,
    kinds: Vec<Kind>,
}

impl Matcher {
    pub(crate) fn new() -> Matcher {
        // The patterns as the catalog spells them; the search folds case.
        let mut patterns: Vec<String> = vec![];
        let mut kinds = vec![];
        for code in ErrorCode::all() {
            patterns.push(code.as_str().to_owned());
            kinds.push(Kind::Code(code));
        }
        for (index, pattern) in MESSAGE_PATTERNS.iter().enumerate() {
            let anchor = anchor_word(pattern);
            match patterns
                .iter()
                .position(|p| p.eq_ignore_ascii_case(&anchor))
            {
                Some(at) => {
                    // A message whose anchor word is a code: the code hit covers it.
                    if let Kind::Anchor(list) = &mut kinds[at] {
                        list.push(index);
                    }
                }
                None => {
                    patterns.push(anchor);
                    kinds.push(Kind::Anchor(vec![index]));
                }
            }
        }
        patterns.push("ErrorCode::".to_owned());
        kinds.push(Kind::ErrorCodeMarker);
        patterns.push("AADSTS".to_owned());
        kinds.push(Kind::Aadsts);
        patterns.push("Msg::".to_owned());
        kinds.push(Kind::MsgMarker);
        let search = super::locator::Search::new(&patterns);
        Matcher { search, kinds }
    }

    /// The length of the longest pattern: a hit never spans more bytes.
    pub(crate) fn max_pattern_len(&self) -> usize {
        self.search.max_pattern_len()
    }

    /// True when what the hit stands for reads on after it (the token after `ErrorCode::`).
    pub(crate) fn reads_on(&self, hit: &Hit) -> bool {
        matches!(self.kinds[hit.pattern as usize], Kind::ErrorCodeMarker)
    }

    /// The pattern occurrences in `haystack` (leftmost-longest, so a code is not also found
    /// inside a longer code), as absolute offsets. `scratch` holds the lower-cased copy the
    /// automaton searches; reusing it across calls avoids an allocation per read.
    pub(crate) fn hits(
        &self,
        haystack: &[u8],
        base: u64,
        scratch: &mut Vec<u8>,
        out: &mut Vec<Hit>,
    ) {
        self.search.find(haystack, scratch, |at, pattern| {
            out.push(Hit {
                start: base + at.start as u64,
                end: base + at.end as u64,
                pattern,
            });
        });
    }

    /// The findings of one event: `text` starts at absolute offset `base`, `hits` are the
    /// automaton's hits inside it (absolute offsets, in order of their end).
    pub(crate) fn analyze(
        &self,
        text: &[u8],
        base: u64,
        hits: &[Hit],
        meta: &EventMeta,
    ) -> Vec<RawFinding> {
        let mut found = Found::default();
        let mut anchors: Vec<usize> = vec![];
        let mut aadsts = None;
        for hit in hits {
            let (start, end) = ((hit.start - base) as usize, (hit.end - base) as usize);
            match &self.kinds[hit.pattern as usize] {
                Kind::Code(code) => {
                    if &text[start..end] == code.as_str().as_bytes()
                        && is_whole_word(text, start, end)
                    {
                        add(
                            &mut found,
                            FoundCode::Documented(*code),
                            hit.start..hit.end,
                            None,
                        );
                    }
                }
                Kind::Anchor(patterns) => anchors.extend(patterns),
                Kind::ErrorCodeMarker => {
                    if let Some((token, at)) = token_after_marker(text, end) {
                        add_if_undocumented(&mut found, token, base + at as u64);
                    }
                }
                Kind::Aadsts => {
                    if aadsts.is_none() {
                        aadsts = aadsts_at(text, start);
                    }
                }
                Kind::MsgMarker => {}
            }
        }
        for (token, at) in tokens_heading_messages(text) {
            add_if_undocumented(&mut found, token, base + at as u64);
        }
        if !anchors.is_empty() {
            self.match_messages(text, base, &anchors, &mut found);
        }
        let mut found = found.list;
        if found.is_empty() {
            return found;
        }
        let text = String::from_utf8_lossy(text);
        let context = context::extract(&text, meta);
        let logged = super::security::clean_logged(&text);
        for finding in &mut found {
            finding.context = context.clone();
            finding.logged.clone_from(&logged);
            finding.context.aadsts.clone_from(&aadsts);
            if finding.entry.is_none() {
                if let FoundCode::Documented(code) = finding.code {
                    if let [only] = code.entries() {
                        finding.entry = Some(only);
                    }
                }
            }
        }
        found.sort_by_key(|f| f.span.start);
        found
    }

    fn match_messages(&self, text: &[u8], base: u64, anchors: &[usize], found: &mut Found) {
        // The tolerant form: drifted wordings (plural, contractions, articles, spelling,
        // spacing, punctuation) match as documented ones do.
        let (canonical, offsets) = tolerant::canonical_bytes(text);
        let tables = tolerant::Tables::shared();
        let mut candidates: Vec<(usize, usize, usize, usize)> = vec![]; // score, start, end, pattern
        let mut seen = vec![];
        for &index in anchors {
            if seen.contains(&index) {
                continue;
            }
            seen.push(index);
            if let Some(f) = tables.match_anywhere(index, canonical.as_bytes()) {
                candidates.push((f.score, f.start, f.end, index));
            }
        }
        // Most specific first; a match inside a more specific one is the same message.
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.3.cmp(&b.3)));
        let mut taken: Vec<(usize, usize)> = vec![];
        for (_, start, end, index) in candidates {
            if taken.iter().any(|&(s, e)| start < e && s < end) {
                continue;
            }
            taken.push((start, end));
            let pattern: &MessagePattern = &MESSAGE_PATTERNS[index];
            let entry = &pattern.code.entries()[pattern.entry];
            let last = pattern.segments.last().copied().unwrap_or("");
            let end = word_end(text, offsets[end - 1], last);
            let span = base + offsets[start] as u64..base + end as u64;
            let code = owner_of(found, entry, pattern.wording)
                .unwrap_or(FoundCode::Documented(pattern.code));
            add(found, code, span, Some(entry));
        }
    }
}

/// The code already found in the event that documents the wording `wording` of `entry`, if
/// it is not the wording's own code: a code sharing a row of the page with another
/// (`StrongAuthenticationServiceInvalidParameter` with `InvalidFormat`) logs that row's message,
/// which then belongs to the code the event names, not to a second finding.
fn owner_of(found: &Found, entry: &crate::Entry, wording: usize) -> Option<FoundCode> {
    let text = entry.wordings().get(wording)?.text();
    found
        .list
        .iter()
        .find(|finding| match finding.code {
            FoundCode::Documented(code) => code
                .entries()
                .iter()
                .any(|own| own.wordings().iter().any(|w| w.text() == text)),
            FoundCode::Undocumented(_) => false,
        })
        .map(|finding| finding.code.clone())
}

/// Adds a token the log marks as a code, at absolute offset `at`, unless the catalog documents
/// it (documented codes are found by their own patterns).
fn add_if_undocumented(found: &mut Found, token: &str, at: u64) {
    if ErrorCode::from_code(token).is_none() {
        let span = at..at + token.len() as u64;
        add(found, FoundCode::Undocumented(token.to_owned()), span, None);
    }
}

/// The findings of one event so far, one per code, with an index by code: an event with many
/// distinct codes costs time linear in them (a search through the list per code was
/// quadratic).
#[derive(Default)]
struct Found {
    list: Vec<RawFinding>,
    index: HashMap<FoundCode, usize>,
}

/// Adds a finding, or merges it into the event's finding for the same code.
fn add(
    found: &mut Found,
    code: FoundCode,
    span: core::ops::Range<u64>,
    entry: Option<&'static crate::Entry>,
) {
    if let Some(&at) = found.index.get(&code) {
        let existing = &mut found.list[at];
        if existing.entry.is_none() {
            existing.entry = entry;
        }
        return;
    }
    found.index.insert(code.clone(), found.list.len());
    found.list.push(RawFinding {
        code,
        span,
        entry,
        context: Context::default(),
        logged: String::new(),
    });
}

/// A finding before the scanner adds the file and line.
#[derive(Debug, Clone)]
pub(crate) struct RawFinding {
    pub(crate) code: FoundCode,
    pub(crate) span: core::ops::Range<u64>,
    pub(crate) entry: Option<&'static crate::Entry>,
    pub(crate) context: Context,
    /// The event's own text, cleaned ([`super::security::clean_logged`]).
    pub(crate) logged: String,
}

impl RawFinding {
    pub(crate) fn into_finding(self, file: Option<std::sync::Arc<str>>, line: u64) -> Finding {
        Finding {
            file,
            line,
            span: self.span,
            code: self.code,
            entry: self.entry,
            cid: self.context.cid,
            user: self.context.user,
            time: self
                .context
                .timestamp
                .as_deref()
                .and_then(super::time::EventTime::parse),
            timestamp: self.context.timestamp,
            logged: Some(self.logged).filter(|l| !l.is_empty()),
            record_id: self.context.record_id,
            computer: self.context.computer,
            event_id: self.context.event_id,
            channel: self.context.channel,
            aadsts: self.context.aadsts,
        }
    }
}

/// What the export format says about an event, besides its text.
#[derive(Debug, Clone, Default)]
pub(crate) struct EventMeta {
    pub(crate) timestamp: Option<String>,
    pub(crate) event_id: Option<u32>,
    pub(crate) channel: Option<String>,
    /// The event's `EventRecordID`, as the export writes it (never a position in the export).
    pub(crate) record_id: Option<u64>,
    /// The computer that logged the event.
    pub(crate) computer: Option<String>,
}

/// Words too common in NPS and RADIUS logs to be worth checking a message for.
const COMMON_WORDS: [&str; 16] = [
    "authentication",
    "authenticate",
    "request",
    "requests",
    "received",
    "response",
    "user",
    "users",
    "access",
    "server",
    "network",
    "policy",
    "radius",
    "error",
    "failed",
    "extension",
];

/// The word of a wording's literal text that best finds it: white space cannot split a word,
/// so it is found in any spacing. Rare-looking words win: product identifiers written in
/// CamelCase or capitals (`userObjectSid`, `CompanyName`, `MSODS`), then longer words, and
/// never the words common in every NPS log.
///
/// The anchor is the part of the word that drifted spellings keep ([`tolerant::stable_prefix`]:
/// no plural ending, no British/American suffix), so a drifted line is still analysed; a word
/// whose stable part is shorter than four letters gives way to the next best. One anchor per
/// wording: with the codes and markers the automaton stays within the 64 patterns its SIMD
/// (Teddy) prefilter takes; a second anchor for CamelCase compounds (so that `Session Id` for
/// `SessionId` is found too) pushed it past that and made the scan about 1.4 times slower.
fn anchor_word(pattern: &MessagePattern) -> String {
    let wording = pattern.code.entries()[pattern.entry].wordings()[pattern.wording].text();
    let score = |word: &str| -> i64 {
        if word.is_empty() || COMMON_WORDS.contains(&word) {
            return i64::MIN;
        }
        // How the word is written in the wording (the segments are folded to lower case).
        let original = wording
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .find(|w| w.eq_ignore_ascii_case(word))
            .unwrap_or(word);
        let inner_capital = original.chars().skip(1).any(|c| c.is_ascii_uppercase());
        word.len() as i64
            + if inner_capital && word.len() >= 4 {
                10
            } else {
                0
            }
    };
    let mut words: Vec<&str> = pattern
        .segments
        .iter()
        .flat_map(|segment| segment.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
        .filter(|word| score(word) > i64::MIN)
        .collect();
    words.sort_by_key(|word| core::cmp::Reverse(score(word)));
    let anchor = words
        .iter()
        .map(|word| tolerant::stable_prefix(word))
        .find(|prefix| prefix.len() >= 4)
        .or(words.first().copied())
        .unwrap_or("");
    // As the wording spells it, where it does.
    wording
        .to_ascii_lowercase()
        .find(anchor)
        .map_or(anchor, |at| &wording[at..at + anchor.len()])
        .to_owned()
}

/// The end of the word that starts at `at` (letters, digits, inner apostrophes), and of the
/// punctuation after it that ends the wording's `last` piece too (`ignoring request.`).
fn word_end(text: &[u8], at: usize, last: &str) -> usize {
    let mut end = at;
    while end < text.len()
        && (text[end].is_ascii_alphanumeric()
            || text[end] >= 0x80
            || (text[end] == b'\''
                && end > at
                && text.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)))
    {
        end += 1;
    }
    let end = end.max(at + 1).min(text.len());
    let tail = last.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    let tail = &last.as_bytes()[tail..];
    if !tail.is_empty() && text[end..].starts_with(tail) {
        return end + tail.len();
    }
    end
}

pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_whole_word(text: &[u8], start: usize, end: usize) -> bool {
    (start == 0 || !is_word_byte(text[start - 1]))
        && text.get(end).is_none_or(|b| !is_word_byte(*b))
}

/// The code token after `ErrorCode::`: `ErrorCode:: CODE` or `ErrorCode:: CID :<guid> CODE`.
fn token_after_marker(text: &[u8], mut at: usize) -> Option<(&str, usize)> {
    let skip_spaces = |at: &mut usize| {
        while text.get(*at).is_some_and(|b| *b == b' ' || *b == b'\t') {
            *at += 1;
        }
    };
    skip_spaces(&mut at);
    if text[at..].len() >= 3 && text[at..at + 3].eq_ignore_ascii_case(b"CID") {
        at += 3;
        skip_spaces(&mut at);
        if text.get(at) == Some(&b':') {
            at += 1;
        }
        skip_spaces(&mut at);
        while text
            .get(at)
            .is_some_and(|b| b.is_ascii_hexdigit() || *b == b'-' || *b == b'{' || *b == b'}')
        {
            at += 1;
        }
        skip_spaces(&mut at);
    }
    let token = word_at(text, at)?;
    let looks_like_code = token.len() >= 3
        && token.as_bytes()[0].is_ascii_alphabetic()
        && token.bytes().any(|b| b.is_ascii_uppercase())
        && !token.eq_ignore_ascii_case("Msg")
        && !token.eq_ignore_ascii_case("CID");
    looks_like_code.then_some((token, at))
}

fn word_at(text: &[u8], at: usize) -> Option<&str> {
    let len = text
        .get(at..)?
        .iter()
        .take_while(|b| is_word_byte(**b))
        .count();
    if len == 0 {
        return None;
    }
    core::str::from_utf8(&text[at..at + len]).ok()
}

/// Tokens written as `TOKEN::` at the head of a line or after `Msg::`: how the extension marks a
/// code at the start of a message.
fn tokens_heading_messages(text: &[u8]) -> Vec<(&str, usize)> {
    let mut heads = vec![];
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
    for finder in msg_finder().find_iter(text) {
        starts.push(finder + 5);
    }
    for finder in provider_finders() {
        let prefix = finder.needle();
        for at in finder.find_iter(text) {
            if let Some(head) = token_after_provider(text, at + prefix.len()) {
                heads.push(head);
            }
        }
    }
    for at in starts {
        if let Some(head) = heading_token(text, at) {
            heads.push(head);
        }
    }
    heads
}

/// The code-shaped `TOKEN` of a `TOKEN::` starting at `at` (after blanks), if there is one.
fn heading_token(text: &[u8], mut at: usize) -> Option<(&str, usize)> {
    while text.get(at).is_some_and(|b| *b == b' ' || *b == b'\t') {
        at += 1;
    }
    let token = word_at(text, at)?;
    let after = at + token.len();
    let bytes = token.as_bytes();
    let code_shaped = bytes.len() >= 4
        && bytes[0].is_ascii_uppercase()
        && (bytes.contains(&b'_') || bytes.iter().filter(|b| b.is_ascii_uppercase()).count() >= 2);
    let reserved = ["ErrorCode", "Msg", "CID"]
        .iter()
        .any(|r| token.eq_ignore_ascii_case(r));
    (code_shaped && !reserved && text.get(after..after + 2) == Some(b"::")).then_some((token, at))
}

/// The prefixes the extension writes before its messages. (The provider's prefix is on most
/// extension lines, so it is not a pattern of the automaton: only lines holding `::` and
/// events already analysed are looked at for it.)
const PROVIDER_PREFIXES: [&[u8]; 2] = [
    b"NPS Extension for Azure MFA:",
    b"NPS Extension for Microsoft Entra multifactor authentication:",
];

/// The code-shaped `TOKEN` of a `TOKEN::` right after the provider's prefix, or after the
/// `CID: <guid> :` that may come first.
fn token_after_provider(text: &[u8], mut at: usize) -> Option<(&str, usize)> {
    let skip_blanks = |at: &mut usize| {
        while text.get(*at).is_some_and(|b| *b == b' ' || *b == b'\t') {
            *at += 1;
        }
    };
    skip_blanks(&mut at);
    if text
        .get(at..at + 4)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"CID:"))
    {
        at += 4;
        skip_blanks(&mut at);
        while text
            .get(at)
            .is_some_and(|b| b.is_ascii_hexdigit() || matches!(b, b'-' | b'{' | b'}'))
        {
            at += 1;
        }
        skip_blanks(&mut at);
        if text.get(at) == Some(&b':') {
            at += 1;
        }
    }
    heading_token(text, at)
}

/// The searchers for [`PROVIDER_PREFIXES`], built once: building one costs more than a
/// search of a line.
fn provider_finders() -> &'static [memchr::memmem::Finder<'static>] {
    static FINDERS: OnceLock<Vec<memchr::memmem::Finder<'static>>> = OnceLock::new();
    FINDERS.get_or_init(|| {
        PROVIDER_PREFIXES
            .iter()
            .map(|prefix| memchr::memmem::Finder::new(*prefix))
            .collect()
    })
}

/// The searcher for `Msg::`, built once.
fn msg_finder() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(b"Msg::"))
}

/// True if `line` starts (after blanks) with a code-shaped `TOKEN::`, or has one right after
/// the provider's prefix: the event holding it
/// must be analysed even without an automaton hit.
pub(crate) fn heads_with_token(line: &[u8]) -> bool {
    heading_token(line, 0).is_some()
        || provider_finders().iter().any(|finder| {
            finder
                .find_iter(line)
                .any(|at| token_after_provider(line, at + finder.needle().len()).is_some())
        })
}

/// True if any line of `text` starts with a code-shaped `TOKEN::`.
pub(crate) fn has_heading_token(text: &[u8]) -> bool {
    heads_with_token(text)
        || memchr::memchr_iter(b'\n', text).any(|i| heads_with_token(&text[i + 1..]))
}

/// `AADSTS` followed by at least five digits, at `at`.
fn aadsts_at(text: &[u8], at: usize) -> Option<String> {
    if at > 0 && text[at - 1].is_ascii_alphanumeric() {
        return None;
    }
    let digits = text[at + 6..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (5..=9).contains(&digits).then(|| {
        format!(
            "AADSTS{}",
            String::from_utf8_lossy(&text[at + 6..at + 6 + digits])
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_automaton_stays_within_the_simd_prefilters_64_patterns() {
        assert!(Matcher::new().search.patterns_len() <= 64);
    }

    #[test]
    fn the_marker_token_skips_the_repeated_cid() {
        let text = b"ErrorCode:: CID :6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11 NEW_CODE Msg:: x";
        let (token, _) = token_after_marker(text, 11).unwrap();
        assert_eq!(token, "NEW_CODE");
    }

    #[test]
    fn aadsts_needs_digits() {
        assert_eq!(
            aadsts_at(b"AADSTS50012: x", 0).as_deref(),
            Some("AADSTS50012")
        );
        assert_eq!(aadsts_at(b"AADSTS: x", 0), None);
    }
}
