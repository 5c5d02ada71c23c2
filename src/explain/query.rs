//! What a pasted text names: a code (however it is quoted or spelt), a registry setting, a
//! documented message, the codes a scan finds in it, or a symptom.

use crate::lookup::strip_prefix_ignore_case;
use crate::scan::{scan_str, Finding};
use crate::search::{search_limit, Target};
use crate::{find_message, find_symptom, ErrorCode, MessageMatch, Setting, Symptom};

/// What a query names, and how it was matched.
#[derive(Debug, Clone)]
pub enum Found {
    /// A code, written in any case, quoted, with punctuation or `-` for `_`.
    Code(ErrorCode),
    /// A documented message (the whole text, or the one message a log line carries).
    Message(MessageMatch),
    /// What a scan of the text finds, in order: a log line, an `ErrorCode::` fragment, an event.
    Scan(Vec<Finding>),
    /// A registry setting.
    Setting(Setting),
    /// A symptom phrase or question.
    Symptom(Symptom),
    /// A Microsoft Entra sign-in error (`AADSTS` and digits), not a code of the extension.
    Aadsts(String),
}

/// A code first (the query cleaned of quotes, punctuation and an `ErrorCode::` prefix), then a
/// setting name or a symptom's id, then a documented message or what a scan finds, then a symptom.
pub fn find(query: &str) -> Option<Found> {
    // A byte-order mark is not part of what was pasted.
    let query = query.trim_start_matches('\u{feff}');
    let name = clean_name(query);
    if let Some(code) = code_named(name) {
        // `Tenant is blocked` spells TenantIsBlocked and is its message too: the message says
        // more (the entry and the wording).
        let message = name.contains(' ').then(|| find_message(query)).flatten();
        return Some(match message {
            Some(message) if message.code() == code => Found::Message(message),
            _ => Found::Code(code),
        });
    }
    if let Some(setting) = setting_named(name).or_else(|| setting_in_registry_text(query)) {
        return Some(Found::Setting(setting));
    }
    // A symptom's id, as a miss suggests it (`discarded_requests`).
    if let Some(symptom) = symptom_named(name) {
        return Some(Found::Symptom(symptom));
    }
    if is_aadsts(name) {
        return Some(Found::Aadsts(name.to_ascii_uppercase()));
    }
    if let Some(found) = message_or_scan(query) {
        return Some(found);
    }
    if let Some(aadsts) = aadsts_in(query) {
        return Some(Found::Aadsts(aadsts));
    }
    find_symptom(query)
        .filter(|&symptom| !outmatched(query, symptom))
        .map(Found::Symptom)
}

/// True when a keyword search finds something that matches more of the query's words than
/// `symptom` does. A symptom's phrase inside a longer question gives way then: "users can't
/// sign in with number matching on vpn" holds the phrase of the expired-password question,
/// but asks about number matching over a VPN, and becomes a miss whose first suggestion is
/// `CHALLENGE_REQUESTED`.
fn outmatched(query: &str, symptom: Symptom) -> bool {
    let hits = search_limit(query, usize::MAX);
    let words = |target: Target| {
        hits.iter()
            .find(|hit| hit.target == target)
            .map_or(0, |hit| hit.matched.len())
    };
    hits.first()
        .is_some_and(|best| best.matched.len() > words(Target::Symptom(symptom)))
}

/// The message the text is or carries, unless a scan finds more in it (another code, an
/// undocumented one, several events, or what the event says beyond the message: a user, a
/// correlation ID, a time, an `AADSTS` code): then every finding, in order.
fn message_or_scan(text: &str) -> Option<Found> {
    let message = find_message(text);
    let findings = scan_str(text);
    // A user, CID, time or AADSTS code the documented wording itself does not hold (the
    // wording `... for User username ...` holds the user `username`).
    let says_more = |f: &Finding, wording: &str| {
        [&f.user, &f.cid, &f.timestamp, &f.aadsts]
            .into_iter()
            .flatten()
            .any(|value| !wording.contains(value.as_str()))
    };
    match message {
        Some(message)
            if findings.iter().all(|f| {
                f.code.documented() == Some(message.code())
                    && !says_more(f, message.wording().text())
            }) =>
        {
            Some(Found::Message(message))
        }
        _ if !findings.is_empty() => Some(Found::Scan(findings)),
        _ => None,
    }
}

/// The query without surrounding white space, quotes, brackets and trailing punctuation, and
/// without an `ErrorCode::` prefix: `'ESTS_TOKEN_ERROR'`, `ESTS_TOKEN_ERROR.` and
/// `ErrorCode:: ESTS_TOKEN_ERROR` are all `ESTS_TOKEN_ERROR`.
pub fn clean_name(query: &str) -> &str {
    const WRAPPERS: &[char] = &[
        '\'', '"', '`', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '(', ')', '[', ']', '<',
        '>', '{', '}', '.', ',', ';', ':', '!', '?',
    ];
    let mut name = query.trim();
    loop {
        let before = name;
        name = name.trim_matches(WRAPPERS).trim();
        if let Some(rest) = strip_prefix_ignore_case(name, "ErrorCode::") {
            name = rest.trim();
        }
        if name == before {
            return name;
        }
    }
}

/// The first `AADSTS` code in a text that holds no code of the extension (`AADSTS50012: The
/// client assertion...`, `Error: AADSTS 50012`), upper case and without the space.
fn aadsts_in(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    lower.match_indices("aadsts").find_map(|(at, _)| {
        let rest = &lower[at + 6..];
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let before_is_word = lower[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        ((5..=9).contains(&digits) && !before_is_word).then(|| format!("AADSTS{}", &rest[..digits]))
    })
}

/// The one registry setting a pasted registry line names: a key path ending in it
/// (`HKLM\SOFTWARE\Microsoft\AzureMfa\IP_WHITELIST`), a `reg query` row (`IP_WHITELIST
/// REG_SZ 10.0.0.1`) or a `.reg` or `name=value` line (`"STS_URL"="https://..."`).
fn setting_in_registry_text(text: &str) -> Option<Setting> {
    let mut found: Vec<Setting> = vec![];
    for line in text.lines().take(20) {
        let line = line.trim();
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let candidates = [
            line.split_once('=').map(|(name, _)| name),
            (tokens.len() >= 2 && tokens[1].starts_with("REG_")).then(|| tokens[0]),
            line.rsplit_once('\\').map(|(_, name)| name),
        ];
        for name in candidates.into_iter().flatten() {
            if let Some(setting) = setting_named(clean_name(name)) {
                if !found.contains(&setting) {
                    found.push(setting);
                }
                break;
            }
        }
    }
    match found[..] {
        [only] => Some(only),
        _ => None,
    }
}

/// `AADSTS` and five to nine digits, in any case.
fn is_aadsts(name: &str) -> bool {
    strip_prefix_ignore_case(name, "AADSTS").is_some_and(|digits| {
        (5..=9).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The code `name` spells in any case, with `_`, `-` or spaces between its words or none
/// (`ests-token-error`, `access denied`).
pub fn code_named(name: &str) -> Option<ErrorCode> {
    if let Some(code) =
        ErrorCode::from_code(name).or_else(|| ErrorCode::from_code_ignore_case(name))
    {
        return Some(code);
    }
    let wanted = squash(name)?;
    ErrorCode::all().find(|code| squash(code.as_str()).as_deref() == Some(wanted.as_str()))
}

/// The registry setting `name` spells, the same way.
fn setting_named(name: &str) -> Option<Setting> {
    if let Some(setting) = Setting::from_name_ignore_case(name) {
        return Some(setting);
    }
    let wanted = squash(name)?;
    Setting::all().find(|s| squash(s.as_str()).as_deref() == Some(wanted.as_str()))
}

/// The symptom whose id `name` is, in any case, with `_`, `-` or spaces between its words.
fn symptom_named(name: &str) -> Option<Symptom> {
    let lower = |word: &str| word.to_ascii_lowercase();
    Symptom::all().find(|s| {
        name_words(name)
            .map(lower)
            .eq(name_words(s.as_str()).map(lower))
    })
}

/// The words of a name written with `_`, `-` or spaces (or tabs) between them.
fn name_words(name: &str) -> impl Iterator<Item = &str> + Clone {
    name.split([' ', '\t', '_', '-']).filter(|w| !w.is_empty())
}

/// A name of at most four words, lower case, without separators; `None` for anything longer or
/// holding other characters.
fn squash(name: &str) -> Option<String> {
    let words = name_words(name);
    if words.clone().count() > 4 {
        return None;
    }
    let mut out = String::new();
    for word in words {
        if !word.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_punctuation_and_the_marker_are_cleaned_off() {
        for query in [
            "'ESTS_TOKEN_ERROR'",
            "ESTS_TOKEN_ERROR.",
            "ErrorCode:: ESTS_TOKEN_ERROR",
            "errorcode::ESTS_TOKEN_ERROR,",
            "\u{201C}ESTS_TOKEN_ERROR\u{201D}",
            "`ESTS_TOKEN_ERROR`",
        ] {
            assert_eq!(clean_name(query), "ESTS_TOKEN_ERROR", "{query}");
        }
    }

    #[test]
    fn separators_and_case_do_not_matter_for_codes() {
        assert_eq!(
            code_named("ests-token-error"),
            Some(ErrorCode::EstsTokenError)
        );
        assert_eq!(code_named("access denied"), Some(ErrorCode::AccessDenied));
        assert_eq!(code_named("the access was denied"), None);
    }
}
