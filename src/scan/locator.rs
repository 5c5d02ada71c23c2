//! How the patterns are searched: a first pass over the text finds which lines may hold one.
//!
//! The patterns' first bytes are common words of NPS logs (`user`, `requ`, `auth`, `acce`):
//! the SIMD prefilter stops at each of them and checks patterns that then fail. The
//! *locator* of a pattern is [`LOCATOR_LEN`] bytes of it that ordinary text rarely holds: where
//! the words of a compound meet (`ccessD` in `AccessDenied`, `KEN_ER` in `ESTS_TOKEN_ERROR`),
//! else the rarest letters by English letter frequency. A line without any locator holds no
//! pattern, so the full automaton searches only the lines holding one. No pattern spans a line
//! break, so the hits of a line searched alone are those of one search of the whole text: the
//! hits are the same, whichever locators are chosen.

use aho_corasick::{packed, AhoCorasick, AhoCorasickBuilder, MatchKind};

/// How many bytes from the end of a pattern its locator takes (all of a shorter pattern).
const LOCATOR_LEN: usize = 6;

/// The locators of a pattern set.
#[derive(Debug)]
struct Locator {
    finder: Finder,
    /// The byte that ends a line, as the searched text writes it.
    newline: u8,
}

impl Locator {
    /// The locators of `spellings` (the patterns as the catalog writes them), searched as
    /// `searched` writes bytes, where `newline` ends a line.
    fn new(spellings: &[String], searched: impl Fn(u8) -> u8, newline: u8) -> Locator {
        let locators: Vec<Vec<u8>> = choose(spellings)
            .into_iter()
            .map(|locator| locator.into_iter().map(&searched).collect())
            .collect();
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
    fn new(locators: &[Vec<u8>]) -> Finder {
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
    /// The search for `patterns` (as the catalog spells them; case is folded), leftmost-longest.
    pub(crate) fn new(patterns: &[String]) -> Search {
        let spread_patterns: Vec<Vec<u8>> = patterns
            .iter()
            .map(|p| p.bytes().map(|b| spread(b.to_ascii_lowercase())).collect())
            .collect();
        let automaton = AhoCorasickBuilder::new()
            // Case-sensitive over lower-cased text: a case-insensitive automaton cannot use
            // the SIMD (Teddy) prefilter, and lower-casing a copy is cheaper than losing it.
            .match_kind(MatchKind::LeftmostLongest)
            .build(&spread_patterns)
            .expect("the catalog's patterns are few and short");
        let locator = Locator::new(patterns, spread, spread(b'\n'));
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

/// How much more a word boundary inside a compound (`sD`, `n_e`, `e:`) weighs than a byte.
const BOUNDARY: u32 = 40;
/// A locator may score this much below the best a pattern has, if it serves other patterns too.
const SHARING_SLACK: u32 = 20;

/// How rare a piece of a spelling is in ordinary text: its bytes by English letter frequency
/// (rarer scores higher), and most of all the word boundaries inside it.
fn score(spelling: &[u8], piece: core::ops::Range<usize>) -> u32 {
    const BY_FREQUENCY: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    let rarity = |byte: u8| match byte.to_ascii_lowercase() {
        b' ' => 0,
        letter @ b'a'..=b'z' => {
            1 + BY_FREQUENCY.iter().position(|b| *b == letter).unwrap_or(0) as u32
        }
        b'0'..=b'9' => 10,
        _ => 26,
    };
    let boundary = |i: usize| {
        let (before, at) = (spelling[i - 1], spelling[i]);
        (before.is_ascii_lowercase() && at.is_ascii_uppercase())
            || !(before.is_ascii_alphanumeric() && at.is_ascii_alphanumeric())
    };
    let bytes: u32 = spelling[piece.clone()].iter().map(|b| rarity(*b)).sum();
    let boundaries = (piece.start + 1..piece.end)
        .filter(|&i| boundary(i))
        .count() as u32;
    bytes + BOUNDARY * boundaries
}

/// The locators (lower-case) of the patterns spelled `spellings`: every pattern holds one.
/// Few locators and rare ones both make the SIMD search fast, and they pull apart: each pattern
/// has its rarest pieces, and a piece that scores within [`SHARING_SLACK`] of a pattern's best
/// may stand for it; of those, the one that stands for the most patterns is taken first
/// (`ccessD` serves `AccessDenied` and `BecAccessDenied`). The weights were set on the
/// benchmark's generated log: there the SIMD search over 6-byte locators took about 0.86× the
/// time of 5-byte ones, measured in the same sitting.
fn choose(spellings: &[String]) -> Vec<Vec<u8>> {
    // Each piece (lower-case): its best score, and the patterns holding it.
    let mut pieces: std::collections::BTreeMap<Vec<u8>, (u32, Vec<usize>)> = Default::default();
    let mut best = vec![0; spellings.len()];
    for (index, spelling) in spellings.iter().enumerate() {
        let spelling = spelling.as_bytes();
        let len = LOCATOR_LEN.min(spelling.len());
        for start in 0..=spelling.len() - len {
            let score = score(spelling, start..start + len);
            best[index] = best[index].max(score);
            let entry = pieces
                .entry(spelling[start..start + len].to_ascii_lowercase())
                .or_default();
            entry.0 = entry.0.max(score);
            if !entry.1.contains(&index) {
                entry.1.push(index);
            }
        }
    }
    let mut covered = vec![false; spellings.len()];
    let mut chosen = vec![];
    loop {
        let open = |holders: &[usize]| holders.iter().filter(|&&i| !covered[i]).count();
        let pick = pieces
            .iter()
            .filter(|(_, (score, holders))| {
                holders
                    .iter()
                    .any(|&i| !covered[i] && *score + SHARING_SLACK >= best[i])
            })
            .max_by_key(|(piece, (score, holders))| (open(holders), *score, piece.as_slice()));
        let Some((piece, (_, holders))) = pick else {
            break;
        };
        for &i in holders {
            covered[i] = true;
        }
        chosen.push(piece.clone());
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_holds_a_locator_and_alike_patterns_share_one() {
        let spellings: Vec<String> = [
            "ESTS_TOKEN_ERROR",
            "REGISTRY_CONFIG_ERROR",
            "AccessDenied",
            "BecAccessDenied",
            "Msg::",
            "oath",
            "permission",
        ]
        .map(str::to_owned)
        .to_vec();
        let chosen = choose(&spellings);
        for spelling in &spellings {
            let lower = spelling.to_ascii_lowercase().into_bytes();
            assert!(
                chosen
                    .iter()
                    .any(|l| lower.windows(l.len()).any(|w| w == l.as_slice())),
                "{spelling}"
            );
        }
        let shown: Vec<String> = chosen
            .iter()
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect();
        // `AccessDenied` and `BecAccessDenied` share one, where their words meet.
        assert_eq!(
            shown,
            ["ccessd", "msg::", "y_conf", "ken_er", "permis", "oath"]
        );
    }

    #[test]
    fn a_boundary_outweighs_rare_letters() {
        assert!(score(b"InvalidSession", 3..8) > score(b"InvalidSession", 0..5));
        assert!(score(b"ESTS_TOKEN", 2..7) > score(b"ESTS_TOKEN", 5..10));
    }
}
