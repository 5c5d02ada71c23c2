//! How the patterns are searched: a first pass over the text finds which lines may hold one.
//!
//! The patterns' first bytes are common words of NPS logs (`user`, `requ`, `auth`, `acce`):
//! the SIMD prefilter stops at each of them and checks patterns that then fail. The
//! *locator* of a pattern is its end ([`LOCATOR_LEN`] bytes), which such words rarely share;
//! a line without any locator holds no pattern, so the full automaton searches only the lines
//! holding one. No pattern spans a line break, so the hits of a line searched alone are those
//! of one search of the whole text: the hits are the same.

use aho_corasick::{packed, AhoCorasick, AhoCorasickBuilder, MatchKind};

/// How many bytes from the end of a pattern its locator takes (all of a shorter pattern).
const LOCATOR_LEN: usize = 5;

/// The locators of a pattern set.
#[derive(Debug)]
struct Locator {
    finder: Finder,
    /// The byte that ends a line, as the searched text writes it.
    newline: u8,
}

impl Locator {
    /// The locators of `patterns` (as the searched text writes them), where `newline` ends a
    /// line.
    fn new(patterns: &[Vec<u8>], newline: u8) -> Locator {
        let mut locators: Vec<&[u8]> = patterns
            .iter()
            .map(|p| &p[p.len().saturating_sub(LOCATOR_LEN)..])
            .collect();
        // Patterns that end alike share a locator, and a locator holding another one is
        // found by it: fewer locators make fewer false alarms in the SIMD prefilter.
        locators.sort_unstable();
        locators.dedup();
        let all = locators.clone();
        locators.retain(|l| !all.iter().any(|o| o.len() < l.len() && contains(l, o)));
        Locator {
            finder: Finder::new(&locators),
            newline,
        }
    }

    /// Calls `line` with the range of each line of `text` (cut at its ends) holding a
    /// locator, in order, each once.
    fn lines(&self, text: &[u8], mut line: impl FnMut(core::ops::Range<usize>)) {
        let mut from = 0;
        while from < text.len() {
            let Some(at) = self.finder.find(text, from) else {
                return;
            };
            let start =
                memchr::memrchr(self.newline, &text[from..at]).map_or(from, |i| from + i + 1);
            let end = memchr::memchr(self.newline, &text[at..]).map_or(text.len(), |i| at + i + 1);
            line(start..end);
            from = end;
        }
    }
}

/// Where a locator occurs first: the SIMD searcher itself where the CPU has one (any hit is a
/// locator, so no automaton need confirm it), else an automaton.
#[derive(Debug)]
enum Finder {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

impl Finder {
    fn new(locators: &[&[u8]]) -> Finder {
        let mut builder = packed::Config::new().builder();
        builder.extend(locators);
        match builder.build() {
            Some(searcher) => Finder::Packed(searcher),
            None => Finder::Automaton(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(locators)
                    .expect("the locators are as few as the patterns, and shorter"),
            ),
        }
    }

    /// The start of the first locator in `text[from..]`.
    fn find(&self, text: &[u8], from: usize) -> Option<usize> {
        match self {
            Finder::Packed(searcher) => searcher
                .find_in(text, aho_corasick::Span::from(from..text.len()))
                .map(|m| m.start()),
            Finder::Automaton(automaton) => automaton.find(&text[from..]).map(|m| from + m.start()),
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

/// True if `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
