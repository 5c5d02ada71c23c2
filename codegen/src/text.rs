//! Text rules shared by validation and emission: links, names, dates, message pieces.

use std::collections::BTreeSet;

use crate::fold::fold;

/// Where relative links in the Microsoft pages point: the folder of the NPS extension pages.
pub const LEARN_AUTHENTICATION_BASE: &str =
    "https://learn.microsoft.com/en-us/entra/identity/authentication/";
/// Where links that start with `/` point.
pub const LEARN_ROOT: &str = "https://learn.microsoft.com/en-us";
/// The page that in-page anchors (`#contact-microsoft-support`) belong to.
pub const ERRORS_PAGE: &str =
    "https://learn.microsoft.com/en-us/entra/identity/authentication/howto-mfa-nps-extension-errors";

/// Resolves a link as the pages write it to an absolute `https://` URL.
///
/// Four forms are accepted, and nothing else: an absolute `https://host/...` URL, a
/// learn.microsoft.com path `/path`, a sibling page `page.md` or `page.md#anchor`, and an
/// in-page `#anchor` of the errors page. Anything with a scheme other than `https:` (a typo
/// such as `htps:/github.com/...`, `http:`, `javascript:`), a protocol-relative `//host`, or a
/// `..` step is refused (`None`), never rewritten into a learn.microsoft.com URL.
pub fn resolve_link(url: &str) -> Option<String> {
    if url.starts_with("https://") {
        return is_well_formed_https_url(url).then(|| url.to_owned());
    }
    let (path, anchor) = match url.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor).filter(|a| is_anchor(a))?),
        None => (url, ""),
    };
    let anchor = if anchor.is_empty() {
        String::new()
    } else {
        format!("#{anchor}")
    };
    let resolved = if path.is_empty() {
        (!anchor.is_empty()).then(|| format!("{ERRORS_PAGE}{anchor}"))?
    } else if path.starts_with('/') && !path.starts_with("//") && is_path(path) {
        format!("{LEARN_ROOT}{path}{anchor}")
    } else {
        let page = path.strip_suffix(".md").filter(|page| is_path(page))?;
        format!("{LEARN_AUTHENTICATION_BASE}{page}{anchor}")
    };
    is_well_formed_https_url(&resolved).then_some(resolved)
}

/// Letters, digits, `-`, `_`, `.` and `/`, not empty, with no `..` step (and so no scheme).
fn is_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains("..")
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

/// Letters, digits, `-` and `_`, not empty.
fn is_anchor(anchor: &str) -> bool {
    !anchor.is_empty()
        && anchor
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

/// True for `https://host/...` with a dotted host and no white space or quotes.
pub fn is_well_formed_https_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '#', '?']).next().unwrap_or("");
    !host.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        && url.matches('#').count() <= 1
}

/// The Rust variant name for a code: `ESTS_TOKEN_ERROR` → `EstsTokenError`,
/// `MFAPinNotSetup` → `MfaPinNotSetup`, `AccessDenied` → `AccessDenied`.
pub fn variant_name(code: &str) -> String {
    let mut name = String::with_capacity(code.len());
    for word in code.split('_').filter(|w| !w.is_empty()) {
        let chars: Vec<char> = word.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            // Inside a run of capitals (`MFA`, `ESTS`), only the run's first letter stays
            // upper case; a capital followed by a lower-case letter starts the next word.
            let inside_capital_run = i > 0
                && c.is_ascii_uppercase()
                && chars[i - 1].is_ascii_uppercase()
                && !chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if i == 0 {
                name.push(c.to_ascii_uppercase());
            } else if inside_capital_run {
                name.push(c.to_ascii_lowercase());
            } else {
                name.push(c);
            }
        }
    }
    name
}

/// The literal pieces of a message wording between its variable parts, each folded.
///
/// Placeholders are `{0}`, `{1}`, ... (with the backslashes the pages put around
/// `\{0}\`), and the `variable` substrings. A message that starts or ends with a variable part
/// yields no empty piece for it.
pub fn literal_segments(text: &str, variable: &[String]) -> Vec<String> {
    let mut marked = text.to_owned();
    for var in variable {
        marked = marked.replace(var.as_str(), "\u{0}");
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut rest = marked.as_str();
    while let Some(c) = rest.chars().next() {
        if c == '\u{0}' {
            pieces.push(std::mem::take(&mut current));
            rest = &rest[1..];
            continue;
        }
        if let Some(after) = placeholder_at(rest) {
            pieces.push(std::mem::take(&mut current));
            rest = after;
            continue;
        }
        current.push(c);
        rest = &rest[c.len_utf8()..];
    }
    pieces.push(current);
    pieces
        .iter()
        .map(|p| fold(p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// If `text` starts with a placeholder (`{0}` or `\{0}\`), returns what follows it.
fn placeholder_at(text: &str) -> Option<&str> {
    let (escaped, body) = match text.strip_prefix('\\') {
        Some(body) => (true, body),
        None => (false, text),
    };
    let body = body.strip_prefix('{')?;
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let mut after = body[digits..].strip_prefix('}')?;
    if escaped {
        after = after.strip_prefix('\\').unwrap_or(after);
    }
    Some(after)
}

/// True if the text has a `{N}` placeholder.
pub fn has_placeholder(text: &str) -> bool {
    text.char_indices()
        .any(|(i, _)| placeholder_at(&text[i..]).is_some())
}

/// True for a locale shaped like `en-US`.
pub const KNOWN_LOCALE_SHAPE: fn(&str) -> bool = |locale| {
    let mut parts = locale.split('-');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(lang), Some(region), None)
            if lang.len() == 2 && region.len() == 2
                && lang.chars().all(|c| c.is_ascii_lowercase())
                && region.chars().all(|c| c.is_ascii_uppercase())
    )
};

/// True for a `YYYY-MM-DD` date.
pub fn is_iso_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
        && (1..=12).contains(&date[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&date[8..10].parse::<u32>().unwrap_or(0))
}

/// The longest name a case-insensitive lookup folds (its stack buffer in the library).
pub const LONGEST_NAME: usize = 64;

/// True for letters, digits and `_`, starting with a letter.
pub fn is_code_token(code: &str) -> bool {
    code.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// True for `snake_case`: lower-case letters, digits and `_`, starting with a letter.
pub fn is_snake_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The ids, comma-separated, for "declared: ..." hints.
pub fn join(ids: &BTreeSet<&str>) -> String {
    ids.iter().copied().collect::<Vec<_>>().join(", ")
}
