//! Tolerant message matching: a documented wording is found in text that drifts from it the way
//! real extension logs and forum posts do (singular/plural, contractions and their expansions,
//! articles, British/American spelling, spacing and punctuation), and nothing else.
//!
//! Both sides go through one canonical form ([`canonical`]): words lower-cased, contractions
//! expanded, articles dropped, British spellings Americanised, plurals made singular, and the
//! words then joined without separators, so spacing and punctuation cannot matter. A wording
//! matches when every literal piece of it (the text between its placeholders and variable parts)
//! occurs in that form, in order. Nothing is approximate beyond these rules: a line has to carry
//! the whole fixed structure of a wording, every rare word included, to match, which is what
//! keeps ordinary NPS, RADIUS and Security-audit lines out.
//!
//! The tables are computed on first use from the catalog's generated message patterns.

use std::sync::OnceLock;

use crate::catalog::MESSAGE_PATTERNS;
use crate::fold::fold;

mod canonical;

pub(crate) use canonical::canonical;
#[cfg(feature = "scan")]
pub(crate) use canonical::{canonical_bytes, stable_prefix};

/// How close a matched message is to the documented wording: exact (after folding case and
/// white space) or a similarity below 1.
///
/// ```
/// use nps_mfa_errors::find_message;
///
/// let exact = find_message("The specified user was not found").unwrap();
/// assert!(exact.similarity().is_exact());
///
/// let drifted = find_message("The specified session is invalid, or may've expired").unwrap();
/// assert_eq!(drifted.code(), nps_mfa_errors::ErrorCode::InvalidSession);
/// assert!(!drifted.similarity().is_exact());
/// assert!(drifted.similarity().as_f32() > 0.8);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Similarity(u16);

impl Similarity {
    /// The documented wording, letter for letter (case and white space folded).
    pub const EXACT: Similarity = Similarity(1000);

    /// True when the text carries the documented wording itself.
    #[must_use]
    pub const fn is_exact(self) -> bool {
        self.0 == 1000
    }

    /// From 0 (nothing alike) to 1 (exact): one minus the edit distance between the matched
    /// pieces of text and the wording's literal pieces, over their length.
    #[must_use]
    pub fn as_f32(self) -> f32 {
        f32::from(self.0) / 1000.0
    }
}

impl core::fmt::Display for Similarity {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.is_exact() {
            f.write_str("exact")
        } else {
            write!(f, "{:.0}% similar", self.as_f32() * 100.0)
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Similarity {
    /// A number from 0 to 1 (three decimals); `1` is exact.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(f64::from(self.0) / 1000.0)
    }
}

/// A wording matched in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// Index into `MESSAGE_PATTERNS`.
    pub(crate) pattern: usize,
    /// Canonical bytes of literal text matched: the more, the more specific the wording.
    pub(crate) score: usize,
    /// Where the match starts and ends in the canonical text.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// The canonical pieces of every wording, and an index of their first two canonical bytes.
pub(crate) struct Tables {
    /// Per pattern: its literal pieces in canonical form (empty pieces left out).
    pub(crate) segments: Vec<Vec<String>>,
    /// Per pair of leading bytes (see [`pair_key`]): the patterns whose first piece starts so.
    by_start: Vec<Vec<u16>>,
    /// Per pattern: the letters and digits of each documented piece (see [`similarity`]).
    letters: Vec<Vec<Vec<u8>>>,
}

impl Tables {
    /// The tables, computed on first use.
    pub(crate) fn shared() -> &'static Tables {
        static TABLES: OnceLock<Tables> = OnceLock::new();
        TABLES.get_or_init(Tables::build)
    }

    fn build() -> Tables {
        let mut by_start = vec![Vec::new(); PAIR_KEYS];
        let segments: Vec<Vec<String>> = MESSAGE_PATTERNS
            .iter()
            .map(|pattern| {
                pattern
                    .segments
                    .iter()
                    .map(|segment| canonical(segment).0)
                    .filter(|segment| !segment.is_empty())
                    .collect()
            })
            .collect();
        for (index, pieces) in segments.iter().enumerate() {
            if let Some(first) = pieces.first().filter(|first| first.len() >= 2) {
                let bytes = first.as_bytes();
                by_start[pair_key(bytes[0], bytes[1])].push(index as u16);
            }
        }
        let letters = MESSAGE_PATTERNS
            .iter()
            .map(|pattern| {
                pattern
                    .segments
                    .iter()
                    .filter(|s| !canonical_is_empty(s))
                    .map(|segment| {
                        let mut letters = Vec::new();
                        letters_into(&mut letters, segment);
                        letters
                    })
                    .collect()
            })
            .collect();
        Tables {
            segments,
            by_start,
            letters,
        }
    }

    /// Every wording whose pieces all occur in `canonical` in order, the first place each starts.
    /// A wording starts where a word does: `offsets` (one per canonical byte, the same for the
    /// bytes of one word) tells where words start.
    pub(crate) fn matches(&self, canonical: &[u8], offsets: &[usize]) -> Vec<Found> {
        let mut found: Vec<Found> = vec![];
        let mut start = 0;
        while start + 1 < canonical.len() {
            let key = pair_key(canonical[start], canonical[start + 1]);
            for &pattern in &self.by_start[key] {
                let pattern = usize::from(pattern);
                if found.iter().any(|f| f.pattern == pattern) {
                    continue;
                }
                if let Some((score, end)) = self.match_at(pattern, canonical, start) {
                    found.push(Found {
                        pattern,
                        score,
                        start,
                        end,
                    });
                }
            }
            // On to where the next word starts: a word's bytes share one offset.
            let word = offsets[start];
            start += offsets[start..]
                .iter()
                .position(|&at| at != word)
                .unwrap_or(offsets.len() - start);
        }
        found
    }

    /// The wording `pattern` with its first piece at `start` of `canonical`: literal bytes matched
    /// and where the match ends.
    pub(crate) fn match_at(
        &self,
        pattern: usize,
        canonical: &[u8],
        start: usize,
    ) -> Option<(usize, usize)> {
        let pieces = &self.segments[pattern];
        let first = pieces.first()?.as_bytes();
        if !canonical[start..].starts_with(first) {
            return None;
        }
        let mut end = start + first.len();
        let mut score = first.len();
        for piece in &pieces[1..] {
            let at = memchr_find(&canonical[end..], piece.as_bytes())? + end;
            end = at + piece.len();
            score += piece.len();
        }
        Some((score, end))
    }

    /// Every wording whose pieces occur in `canonical` in order, anywhere (for the scanner,
    /// which has already found the wording's anchor word).
    #[cfg(feature = "scan")]
    pub(crate) fn match_anywhere(&self, pattern: usize, canonical: &[u8]) -> Option<Found> {
        let pieces = &self.segments[pattern];
        let first = pieces.first()?.as_bytes();
        let mut from = 0;
        while let Some(at) = memchr_find(&canonical[from..], first) {
            let start = from + at;
            if let Some((score, end)) = self.match_at(pattern, canonical, start) {
                return Some(Found {
                    pattern,
                    score,
                    start,
                    end,
                });
            }
            from = start + 1;
        }
        None
    }
}

/// Substring search: candidates by their first byte, then one comparison each (canonical
/// text is a few hundred bytes; the first byte of a piece is rarely repeated).
fn memchr_find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last_start = haystack.len().checked_sub(needle.len())?;
    let mut from = 0;
    while from <= last_start {
        let at = from
            + haystack[from..=last_start]
                .iter()
                .position(|&b| b == first)?;
        if haystack[at + 1..at + needle.len()] == *rest {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Canonical bytes are `a`-`z`, `0`-`9` and the bytes of other letters; pairs of the first 36
/// index directly, anything else shares one slot.
const PAIR_KEYS: usize = 37 * 37;

fn pair_key(a: u8, b: u8) -> usize {
    let class = |c: u8| match c {
        b'a'..=b'z' => usize::from(c - b'a'),
        b'0'..=b'9' => 26 + usize::from(c - b'0'),
        _ => 36,
    };
    class(a) * 37 + class(b)
}

/// The best wording in `text`, with how close it is: the one with the most literal text (so
/// `Wrong code and pin entered. (OneWaySMS)` is the SMS code, not `OathCodePinIncorrect`), and
/// among equals one that is there letter for letter.
pub(crate) fn find(text: &str) -> Option<(usize, Similarity)> {
    let (canonical, offsets) = canonical(text);
    let tables = Tables::shared();
    let found = tables.matches(canonical.as_bytes(), &offsets);
    let best = found.iter().map(|f| f.score).max()?;
    let tied = found.iter().filter(|f| f.score == best);
    let first = tied.clone().next()?;
    let mut covered = Vec::new();
    for f in tied {
        // Exact when the text from the match's first word on holds the wording as folded.
        let from = offsets[f.start];
        let to = offsets.get(f.end).copied().unwrap_or(text.len()).max(from);
        fold_into(&mut covered, &text[from..to]);
        if holds_in_order(&covered, MESSAGE_PATTERNS[f.pattern].segments) {
            return Some((f.pattern, Similarity::EXACT));
        }
    }
    Some((
        first.pattern,
        similarity(text, canonical.as_bytes(), &offsets, tables, first),
    ))
}

/// [`fold`] of `text` into `out` (cleared first, reused across calls): ASCII text whose words
/// are one space apart as a lower-cased copy, other ASCII text byte by byte, anything else
/// through `fold` itself. The results agree (see the tests).
fn fold_into(out: &mut Vec<u8>, text: &str) {
    out.clear();
    if !text.is_ascii() {
        out.extend_from_slice(fold(text).as_bytes());
        return;
    }
    // `char::is_whitespace` of an ASCII character: tab, line feed, vertical tab, form feed,
    // carriage return, space.
    let space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !space(b))
        .map_or(start, |last| last + 1);
    let inner = &bytes[start..end];
    // Usually the words are already one space apart: then folding is lower-casing a copy.
    let one_space_apart = !inner
        .iter()
        .zip(inner.iter().skip(1))
        .any(|(a, b)| (space(a) && *a != b' ') || (*a == b' ' && space(b)));
    if one_space_apart {
        out.extend_from_slice(inner);
        out.make_ascii_lowercase();
        return;
    }
    out.reserve(text.len());
    let mut pending_space = false;
    for &b in bytes {
        if space(&b) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(b' ');
            pending_space = false;
        }
        out.push(b.to_ascii_lowercase());
    }
}

/// True when every one of `segments` (at least one) occurs in `haystack`, in order, without
/// overlapping.
fn holds_in_order(haystack: &[u8], segments: &[&str]) -> bool {
    let mut from = 0;
    for segment in segments {
        let rest = &haystack[from..];
        let Some(at) = (if segment.is_empty() {
            Some(0)
        } else {
            memchr_find(rest, segment.as_bytes())
        }) else {
            return false;
        };
        from += at + segment.len();
    }
    !segments.is_empty()
}

/// One minus the edit distance between the text each literal piece matched and the piece as
/// documented (letters and digits only, case folded), over their length; just below exact at
/// most.
pub(crate) fn similarity(
    text: &str,
    canonical: &[u8],
    offsets: &[usize],
    tables: &Tables,
    found: &Found,
) -> Similarity {
    let pieces = &tables.segments[found.pattern];
    let mut at = found.start;
    let (mut distance, mut length) = (0, 0);
    let mut logged = Vec::new();
    for (piece, documented) in pieces.iter().zip(&tables.letters[found.pattern]) {
        let Some(start) = memchr_find(&canonical[at..], piece.as_bytes()).map(|i| i + at) else {
            break;
        };
        let end = start + piece.len();
        let from = offsets[start];
        let to = offsets.get(end).copied().unwrap_or(text.len()).max(from);
        letters_into(&mut logged, &text[from..to]);
        distance += edit_distance(&logged, documented);
        length += logged.len().max(documented.len());
        at = end;
    }
    let value = 1000 - (distance * 1000 / length.max(1)).min(1000);
    Similarity(u16::try_from(value).unwrap_or(0).min(999))
}

fn canonical_is_empty(segment: &str) -> bool {
    !segment.chars().any(char::is_alphanumeric)
}

/// The letters and digits of `text`, lower-cased, in `out` (cleared first; reused per piece).
fn letters_into(out: &mut Vec<u8>, text: &str) {
    out.clear();
    out.reserve(text.len());
    out.extend(
        text.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase()),
    );
}

/// Levenshtein distance within a band of twelve cells either side of the diagonal (plus the
/// length difference): drift changes a few letters, which the band counts exactly; a distance
/// beyond it is reported as the band's edge, so the similarity is then a lower bound.
///
/// A common prefix and suffix are cut off first (they change neither the distance nor, the
/// length difference being the same, the band), so a piece that drifted by one letter costs a
/// handful of cells and an unchanged piece none.
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    const BAND: usize = 12;
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return a.len() + b.len();
    }
    let band = BAND + a.len().abs_diff(b.len());
    let far = band + 1;
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(far)).collect();
    let mut current = vec![far; b.len() + 1];
    for (i, &x) in a.iter().enumerate() {
        let row = i + 1;
        let from = row.saturating_sub(band).max(1);
        let to = (row + band).min(b.len());
        current.fill(far);
        current[0] = row.min(far);
        for j in from..=to {
            let substitution = previous[j - 1] + usize::from(x != b[j - 1]);
            current[j] = substitution
                .min(previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(far);
        }
        core::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banded_distance_counts_small_edits_exactly() {
        assert_eq!(edit_distance(b"unrecognizable", b"unrecognisable"), 1);
        assert_eq!(edit_distance(b"wasnot", b"wasnt"), 1);
        assert_eq!(edit_distance(b"", b"abc"), 3);
        assert_eq!(edit_distance(b"abc", b"abc"), 0);
        // Far apart: at most the band's edge, never more than the true distance.
        let far = edit_distance(
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            b"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        );
        assert!((13..=30).contains(&far), "{far}");
    }

    #[test]
    fn the_fast_fold_agrees_with_fold() {
        let mut out = Vec::new();
        for text in [
            "",
            "  Leading and trailing \t",
            "Mixed\tCASE\r\nlines\x0bvertical\x0cfeed  spaces",
            "User\u{2019}s  caf\u{e9}\u{a0}non-breaking",
            "ErrorCode:: ESTS_TOKEN_ERROR Msg:: Caller tenant",
            "Caller Tenant does NOT have ",
            "caller tenant  does not",
            "caller tenant\tdoes",
            " \n ",
        ] {
            fold_into(&mut out, text);
            assert_eq!(out, fold(text).as_bytes(), "{text:?}");
        }
    }

    #[test]
    fn pieces_must_occur_in_order_without_overlap() {
        assert!(holds_in_order(
            b"user was not found",
            &["user ", "not found"]
        ));
        assert!(!holds_in_order(b"not found user", &["user ", "not found"]));
        assert!(!holds_in_order(b"abab", &["aba", "bab"]));
        assert!(holds_in_order(b"abab", &["", "ab", "ab"]));
        assert!(!holds_in_order(b"anything", &[]));
    }

    #[test]
    fn cutting_the_common_ends_keeps_the_distance() {
        fn full(a: &[u8], b: &[u8]) -> usize {
            let mut row: Vec<usize> = (0..=b.len()).collect();
            for (i, x) in a.iter().enumerate() {
                let mut diagonal = row[0];
                row[0] = i + 1;
                for (j, y) in b.iter().enumerate() {
                    let next = (diagonal + usize::from(x != y))
                        .min(row[j + 1] + 1)
                        .min(row[j] + 1);
                    diagonal = row[j + 1];
                    row[j + 1] = next;
                }
            }
            row[b.len()]
        }
        for (a, b) in [
            (
                "callertenantdoesnothaveaccess",
                "callertenantdoesnthaveaccess",
            ),
            (
                "phonenumberisinanunrecognisableformat",
                "phonenumberisinunrecognizableformat",
            ),
            ("toomanyattemptbyuser", "toomanyattemptsbyusers"),
            ("aaaa", "aa"),
            ("abcabc", "abc"),
            ("same", "same"),
        ] {
            let (a, b) = (a.as_bytes(), b.as_bytes());
            assert_eq!(edit_distance(a, b), full(a, b), "{a:?} / {b:?}");
        }
    }
}
