//! The canonical form both sides of tolerant matching go through: words lower-cased,
//! contractions expanded, articles dropped, British spellings Americanised, plurals made
//! singular, and the words joined without separators, with each byte's offset in the text.

/// The canonical form of `text`, and for each of its bytes the offset in `text` of the word it
/// comes from (the word's first byte, or the apostrophe of an expanded contraction).
///
/// Words are runs of letters and digits (an apostrophe between letters stays in the word);
/// everything else separates them and is dropped.
pub(crate) fn canonical(text: &str) -> (String, Vec<usize>) {
    if text.is_ascii() {
        return canonical_ascii(text);
    }
    canonical_chars(text.char_indices(), text.len())
}

/// The ASCII bytes words are made of, letters and digits, as a table (one load per byte).
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

/// [`canonical`] of ASCII text (most logs): the text is lower-cased once, whole, and each word
/// is a slice of that copy.
fn canonical_ascii(text: &str) -> (String, Vec<usize>) {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len());
    let mut pending = None;
    let mut at = 0;
    while at < bytes.len() {
        if !WORD_BYTE[usize::from(bytes[at])] {
            at += 1;
            continue;
        }
        let start = at;
        at += 1;
        loop {
            match bytes.get(at) {
                Some(&b) if WORD_BYTE[usize::from(b)] => at += 1,
                Some(b'\'')
                    if bytes
                        .get(at + 1)
                        .is_some_and(|&b| WORD_BYTE[usize::from(b)]) =>
                {
                    at += 2;
                }
                _ => break,
            }
        }
        // ASCII text: every byte offset is a character boundary.
        push_word(
            &mut out,
            &mut offsets,
            &mut pending,
            &lower[start..at],
            start,
        );
    }
    (out, offsets)
}

/// [`canonical`] of bytes that may not be valid UTF-8 (an invalid sequence separates words),
/// with offsets into the bytes themselves.
#[cfg(feature = "scan")]
pub(crate) fn canonical_bytes(text: &[u8]) -> (String, Vec<usize>) {
    let chars = text.utf8_chunks().flat_map(|chunk| {
        let valid_at = chunk.valid().as_ptr() as usize - text.as_ptr() as usize;
        let invalid_at = valid_at + chunk.valid().len();
        let invalid =
            (!chunk.invalid().is_empty()).then_some((invalid_at, char::REPLACEMENT_CHARACTER));
        chunk
            .valid()
            .char_indices()
            .map(move |(i, c)| (valid_at + i, c))
            .chain(invalid)
    });
    canonical_chars(chars, text.len())
}

fn canonical_chars(chars: impl Iterator<Item = (usize, char)>, len: usize) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(len);
    let mut offsets = Vec::with_capacity(len);
    let mut word = String::with_capacity(32);
    let mut word_at = 0;
    let mut pending = None;
    let mut chars = chars.peekable();
    while let Some((at, c)) = chars.next() {
        let apostrophe = matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{2bc}')
            && !word.is_empty()
            && chars.peek().is_some_and(|(_, next)| next.is_alphanumeric());
        if c.is_alphanumeric() || apostrophe {
            if word.is_empty() {
                word_at = at;
            }
            if apostrophe {
                word.push('\'');
            } else if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
            continue;
        }
        if !word.is_empty() {
            push_word(&mut out, &mut offsets, &mut pending, &word, word_at);
            word.clear();
        }
    }
    if !word.is_empty() {
        push_word(&mut out, &mut offsets, &mut pending, &word, word_at);
    }
    (out, offsets)
}

/// Appends one word's canonical form.
fn push_word(
    out: &mut String,
    offsets: &mut Vec<usize>,
    pending: &mut Option<usize>,
    word: &str,
    at: usize,
) {
    let (head, tail) = expand_contraction(word);
    push_part(out, offsets, pending, head, at);
    if let Some(tail) = tail {
        push_part(out, offsets, pending, tail, at);
    }
}

/// Appends the canonical form of one word or one half of an expanded contraction.
fn push_part(
    out: &mut String,
    offsets: &mut Vec<usize>,
    pending: &mut Option<usize>,
    part: &str,
    at: usize,
) {
    if matches!(part, "a" | "an" | "the") {
        // The next word's first byte points at the article, so a match that starts there
        // covers it.
        pending.get_or_insert(at);
        return;
    }
    let start = out.len();
    push_american(out, agreeing(part));
    singular_in_place(out, start);
    if out.len() == start {
        return;
    }
    offsets.push(pending.take().unwrap_or(at));
    offsets.resize(offsets.len() + out.len() - start - 1, at);
}

/// A verb that agrees with a plural subject, in the form that agrees with a singular one: a
/// plural's verb changes with it (`the phone numbers are`, `the methods weren't configured`,
/// `tenants don't have`), and both sides go through this, so only the pairs matter.
fn agreeing(part: &str) -> &str {
    match part {
        "are" => "is",
        "were" => "was",
        "have" => "has",
        "do" => "does",
        _ => part,
    }
}

/// `doesn't` → (`does`, `not`), `can't` and `cannot` → (`can`, `not`), `won't` → (`will`,
/// `not`), `it's` → (`it`, `is`), `we're` → (`we`, `are`), other `'x` endings dropped.
fn expand_contraction(word: &str) -> (&str, Option<&'static str>) {
    // A plain loop: words are short, a `memchr` call costs more.
    let Some(apostrophe) = word.bytes().position(|b| b == b'\'') else {
        // Contractions typed without their apostrophe (all but one end in `nt`).
        return match word {
            "cannot" => ("can", Some("not")),
            _ if !word.ends_with("nt") => (word, None),
            "isnt" | "wasnt" | "arent" | "werent" | "doesnt" | "dont" | "didnt" | "hasnt"
            | "havent" | "hadnt" | "couldnt" | "wouldnt" | "shouldnt" | "mustnt" => {
                (&word[..word.len() - 2], Some("not"))
            }
            _ => (word, None),
        };
    };
    match word {
        "can't" => return ("can", Some("not")),
        "won't" => return ("will", Some("not")),
        "shan't" => return ("shall", Some("not")),
        _ => {}
    }
    let (head, tail) = (&word[..apostrophe], &word[apostrophe + 1..]);
    if tail == "t" && head.ends_with('n') {
        return (&head[..head.len() - 1], Some("not"));
    }
    let expansion = match tail {
        "re" => Some("are"),
        "ve" => Some("have"),
        "ll" => Some("will"),
        "m" => Some("am"),
        "d" => Some("would"),
        "s" if matches!(head, "it" | "that" | "there" | "what" | "who" | "here") => Some("is"),
        _ => None,
    };
    (head, expansion)
}

/// British spellings in their American form: `-ise`/`-isation` → `-ize`/`-ization`, `-our` →
/// `-or`, `-tre` → `-ter`, `-lled`/`-lling` → `-led`/`-ling`, `-ogue` → `-og`, `licence` →
/// `license`. Applied to both sides, so it only has to be consistent.
fn push_american(out: &mut String, word: &str) {
    match british_suffix(word) {
        Some((stem, american)) => {
            out.push_str(stem);
            out.push_str(american);
        }
        None => out.push_str(word),
    }
}

/// The stem and American ending of a word (six letters or more) with a British ending. The
/// word's last two letters pick the few endings it can have, longest first, so most words
/// cost one `match`.
fn british_suffix(word: &str) -> Option<(&str, &'static str)> {
    let bytes = word.as_bytes();
    if bytes.len() < 6 {
        return None;
    }
    let endings: &[(&str, &'static str)] = match &bytes[bytes.len() - 2..] {
        b"ns" => &[("isations", "izations")],
        b"on" => &[("isation", "ization")],
        b"le" => &[("isable", "izable")],
        b"ng" => &[("ising", "izing"), ("lling", "ling")],
        b"ed" => &[("ised", "ized"), ("oured", "ored"), ("lled", "led")],
        b"es" => &[("ises", "izes"), ("tres", "ters")],
        b"se" => &[("ise", "ize")],
        b"rs" => &[("ours", "ors")],
        b"ur" => &[("our", "or")],
        b"re" => &[("tre", "ter")],
        b"ue" => &[("ogue", "og")],
        b"ce" => &[("ence", "ense")],
        _ => return None,
    };
    for &(british, american) in endings {
        if let Some(stem) = word.strip_suffix(british) {
            // `-ence` → `-ense` only for licence/defence/offence, not every -ence word.
            if british == "ence" && !matches!(stem, "lic" | "def" | "off") {
                continue;
            }
            return Some((stem, american));
        }
    }
    None
}

/// The singular of a plural, in place on `out[start..]`: `-ies` → `-y`, `-sses`/`-xes`/
/// `-ches`/`-shes` lose `-es`, other `-s` (not `-ss`, `-us`, `-is`) is dropped; words of three
/// letters or fewer stay.
fn singular_in_place(out: &mut String, start: usize) {
    let word = &out[start..];
    // Every plural ending below ends in `s`.
    if word.len() <= 3 || !word.ends_with('s') || !word.is_ascii() {
        return;
    }
    if word.ends_with("ies") {
        out.truncate(out.len() - 3);
        out.push('y');
    } else if ["sses", "xes", "ches", "shes"]
        .iter()
        .any(|s| word.ends_with(s))
    {
        out.truncate(out.len() - 2);
    } else if word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        out.truncate(out.len() - 1);
    }
}

/// The part of a wording's word that every drifted spelling of it still contains: without a
/// plural ending, and cut before a British/American variable suffix. The scanner looks for it
/// to decide whether an event may hold the wording.
#[cfg(feature = "scan")]
pub(crate) fn stable_prefix(word: &str) -> &str {
    const VARIABLE: [&str; 20] = [
        "izations", "ization", "izable", "izing", "ized", "izes", "ize", "isations", "isation",
        "isable", "ising", "ised", "ises", "ise", "our", "or", "tre", "ter", "lled", "led",
    ];
    let mut stem = word;
    if stem.len() > 4 && !stem.ends_with("ss") {
        stem = stem
            .strip_suffix("ies")
            .or_else(|| stem.strip_suffix('s'))
            .or_else(|| stem.strip_suffix('y'))
            .unwrap_or(stem);
    }
    for suffix in VARIABLE {
        if let Some(cut) = stem.strip_suffix(suffix) {
            return cut;
        }
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drift_disappears_in_the_canonical_form() {
        for (a, b) in [
            (
                "The specified user wasn't found",
                "Specified users was not found.",
            ),
            ("Caller tenant doesn't have", "caller tenant does not have"),
            ("an unrecognisable format", "unrecognizable   format"),
            ("attribute.Verify that", "attribute. Verify that"),
            ("Alternate LoginId", "alternate login-id"),
            ("behaviour of the centre", "behavior of centers"),
            // A plural subject takes its verb along.
            (
                "The phone number is in an unrecognizable format",
                "The phone numbers are in an unrecognizable format",
            ),
            (
                "The specified authentication method wasn't configured for the user",
                "The specified authentication methods weren't configured for the users",
            ),
            (
                "Caller tenant doesn't have access permissions",
                "Caller tenants don't have access permission",
            ),
        ] {
            assert_eq!(canonical(a).0, canonical(b).0, "{a:?} / {b:?}");
        }
    }

    #[test]
    fn different_words_stay_different() {
        assert_ne!(
            canonical("user was found").0,
            canonical("user was not found").0
        );
        assert_ne!(canonical("access accepted").0, canonical("access denied").0);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "The user’s  Permissions";
        let (canonical, offsets) = canonical(text);
        assert_eq!(canonical, "userpermission");
        assert_eq!(offsets.len(), canonical.len());
        assert_eq!(&text[offsets[4]..offsets[4] + 11], "Permissions");
    }

    #[cfg(feature = "scan")]
    #[test]
    fn invalid_utf8_separates_words_and_offsets_stay_in_the_bytes() {
        let text = b"user\xffwas  not found\xe2";
        let (canonical, offsets) = canonical_bytes(text);
        assert_eq!(canonical, "userwasnotfound");
        assert_eq!(offsets.len(), canonical.len());
        assert!(offsets.iter().all(|&at| at < text.len()));
        assert_eq!(offsets[4], 5);
    }

    #[cfg(feature = "scan")]
    #[test]
    fn stable_prefixes_survive_drift() {
        assert_eq!(stable_prefix("unrecognizable"), "unrecogn");
        assert_eq!(stable_prefix("permissions"), "permission");
        assert_eq!(stable_prefix("userobjectsid"), "userobjectsid");
    }
}
