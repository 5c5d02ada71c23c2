//! A first pass over the searched text: which lines may hold a pattern at all.
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
pub(crate) struct Locator {
    automaton: AhoCorasick,
    /// The byte that ends a line, as the searched text writes it.
    newline: u8,
}

impl Locator {
    /// The locators of `patterns` (as the searched text writes them), where `newline` ends a
    /// line.
    pub(crate) fn new(patterns: &[Vec<u8>], newline: u8) -> Locator {
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
    pub(crate) fn lines(&self, text: &[u8], mut line: impl FnMut(core::ops::Range<usize>)) {
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
