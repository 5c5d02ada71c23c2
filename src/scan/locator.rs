//! How the patterns are searched: a first pass over the text finds which lines may hold one.
//!
//! The patterns' first bytes are common words of NPS logs (`user`, `requ`, `auth`, `acce`):
//! the SIMD prefilter stops at each of them and checks patterns that then fail. The
//! *locator* of a pattern is its end ([`LOCATOR_LEN`] bytes), which such words rarely share;
//! a line without any locator holds no pattern, so the full automaton searches only the lines
//! holding one. No pattern spans a line break, so the hits of a line searched alone are those
//! of one search of the whole text: the hits are the same.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// How many bytes from the end of a pattern its locator takes (all of a shorter pattern).
const LOCATOR_LEN: usize = 5;

/// The locators of a pattern set.
#[derive(Debug)]
struct Locator {
    automaton: AhoCorasick,
    /// The byte that ends a line, as the searched text writes it.
    newline: u8,
}

impl Locator {
    /// The locators of `patterns` (as the searched text writes them), where `newline` ends a
    /// line.
    fn new(patterns: &[Vec<u8>], newline: u8) -> Locator {
        let locators: Vec<&[u8]> = patterns
            .iter()
            .map(|p| &p[p.len().saturating_sub(LOCATOR_LEN)..])
            .collect();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .build(&locators)
            .expect("the locators are as few as the patterns, and shorter");
        Locator { automaton, newline }
    }

    /// Calls `line` with the range of each line of `text` (cut at its ends) holding a
    /// locator, in order, each once.
    fn lines(&self, text: &[u8], mut line: impl FnMut(core::ops::Range<usize>)) {
        let mut from = 0;
        while from < text.len() {
            let Some(m) = self.automaton.find(&text[from..]) else {
                return;
            };
            let at = from + m.start();
            let start =
                memchr::memrchr(self.newline, &text[from..at]).map_or(from, |i| from + i + 1);
            let end = memchr::memchr(self.newline, &text[at..]).map_or(text.len(), |i| at + i + 1);
            line(start..end);
            from = end;
        }
    }
}

/// The search for the patterns: the locators first, then the full automaton on the lines
/// holding one, both over the lower-cased, [`spread`] text.
#[derive(Debug)]
pub(crate) struct Search {
    automaton: AhoCorasick,
    locator: Locator,
}

impl Search {
    /// The search for `patterns` (lower-case), leftmost-longest.
    pub(crate) fn new(patterns: &[String]) -> Search {
        let spread_patterns: Vec<Vec<u8>> = patterns
            .iter()
            .map(|p| p.bytes().map(spread).collect())
            .collect();
        let automaton = AhoCorasickBuilder::new()
            // Case-sensitive over lower-cased text: a case-insensitive automaton cannot use
            // the SIMD (Teddy) prefilter, and lower-casing a copy is cheaper than losing it.
            .match_kind(MatchKind::LeftmostLongest)
            .build(&spread_patterns)
            .expect("the catalog's patterns are few and short");
        let locator = Locator::new(&spread_patterns, spread(b'\n'));
        Search { automaton, locator }
    }

    /// The length of the longest pattern.
    pub(crate) fn max_pattern_len(&self) -> usize {
        self.automaton.max_pattern_len()
    }

    /// How many patterns the automaton holds.
    #[cfg(test)]
    pub(crate) fn patterns_len(&self) -> usize {
        self.automaton.patterns_len()
    }

    /// Calls `hit` with the range in `haystack` and the index of each pattern occurrence, in
    /// order; `scratch` holds the searched copy of `haystack`, reused across calls.
    pub(crate) fn find(
        &self,
        haystack: &[u8],
        scratch: &mut Vec<u8>,
        mut hit: impl FnMut(core::ops::Range<usize>, u32),
    ) {
        // One pass copies, lower-cases and spreads the bytes.
        scratch.clear();
        scratch.extend(haystack.iter().map(|b| spread(b.to_ascii_lowercase())));
        let text = scratch.as_slice();
        self.locator.lines(text, |line| {
            for m in self.automaton.find_iter(&text[line.clone()]) {
                hit(
                    line.start + m.start()..line.start + m.end(),
                    m.pattern().as_u32(),
                );
            }
        });
    }
}

/// A one-to-one map of bytes the searched text and the patterns both go through, so that the
/// hits are the same. The SIMD prefilter tells bytes apart by their two halves, and all
/// lower-case letters share the high half `6` or `7`: only the low half told a pattern's
/// letters from any other, and false alarms stopped it every few dozen bytes. Multiplying by an
/// odd number is one-to-one on bytes and spreads the letters over all sixteen high halves.
fn spread(byte: u8) -> u8 {
    byte.wrapping_mul(0xA7)
}
