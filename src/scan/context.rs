//! What an event says around a code: correlation ID, user, timestamp, event ID.

use std::sync::OnceLock;

use super::matcher::EventMeta;

/// Context shared by every finding of one event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Context {
    pub(crate) cid: Option<String>,
    pub(crate) user: Option<String>,
    pub(crate) timestamp: Option<String>,
    pub(crate) event_id: Option<u32>,
    pub(crate) channel: Option<String>,
    pub(crate) record_id: Option<u64>,
    pub(crate) computer: Option<String>,
    pub(crate) aadsts: Option<String>,
}

/// Reads the context of one event from its text and what the export format said about it.
pub(crate) fn extract(text: &str, meta: &EventMeta) -> Context {
    // Lower-cased once for every case-insensitive search below; ASCII lower-casing keeps
    // byte offsets, and the labels searched for are ASCII, so offsets fall on char boundaries.
    let lowered = text.as_bytes().to_ascii_lowercase();
    Context {
        cid: correlation_id(text, &lowered),
        user: user(text, &lowered),
        timestamp: meta.timestamp.clone().or_else(|| timestamp(text)),
        event_id: meta
            .event_id
            .or_else(|| field(text, "Event ID:").and_then(|v| v.parse().ok())),
        channel: meta
            .channel
            .clone()
            .or_else(|| field(text, "Log Name:").map(str::to_owned)),
        record_id: meta.record_id,
        computer: meta.computer.clone(),
        aadsts: None,
    }
}

/// The first well-formed GUID after `CID:` (or `CID :`), else after `Correlation ID:`.
fn correlation_id(text: &str, lowered: &[u8]) -> Option<String> {
    static FINDERS: OnceLock<[memchr::memmem::Finder<'static>; 2]> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        [
            memchr::memmem::Finder::new("cid"),
            memchr::memmem::Finder::new("correlation id"),
        ]
    });
    for finder in finders {
        let label_len = finder.needle().len();
        for at in finder.find_iter(lowered) {
            let after = text[at + label_len..].trim_start_matches([' ', '\t']);
            if let Some(after) = after.strip_prefix(':') {
                let candidate = after
                    .trim_start_matches([' ', '\t'])
                    .trim_start_matches('{');
                if let Some(guid) = candidate.get(..36).filter(|g| is_guid(g)) {
                    return Some(guid.to_ascii_lowercase());
                }
            }
        }
    }
    None
}

fn is_guid(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// The user after "for User" (or a `User Name:`-less `User:` field is not used: that is the
/// account the service runs as).
fn user(text: &str, lowered: &[u8]) -> Option<String> {
    static FOR_USER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let at = FOR_USER
        .get_or_init(|| memchr::memmem::Finder::new("for user"))
        .find(lowered)?;
    // Some exports quote the name: `for User "alice@contoso.com"`.
    let rest = text[at + "for User".len()..].trim_start_matches([' ', '\t', '"', '\'']);
    let token: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ',' && *c != ';' && *c != '"' && *c != '\'')
        .collect();
    let token = token.trim_end_matches([':', '.', ')']);
    let token = token.strip_suffix("::").unwrap_or(token);
    (!token.is_empty() && !token.starts_with("::") && token.len() <= 256).then(|| token.to_owned())
}

/// A timestamp at the head of the event's first line, or in a `Date:` / `Timestamp:` field.
fn timestamp(text: &str) -> Option<String> {
    let first = text.lines().next().unwrap_or("").trim_start();
    if let Some(stamp) = leading_timestamp(first) {
        return Some(stamp.to_owned());
    }
    field(text, "Date:")
        .or_else(|| field(text, "Timestamp:"))
        .map(str::to_owned)
}

/// `2026-11-20T09:14:03.512Z`, `2026-11-20 09:14:03`, `11/20/2026 9:14:03 AM` at the start.
fn leading_timestamp(line: &str) -> Option<&str> {
    let bytes = line.as_bytes();
    let iso = bytes.len() >= 19
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && (bytes[10] == b'T' || bytes[10] == b' ')
        && bytes[13] == b':';
    if iso {
        let end = line[10..].find([' ', '\t']).map_or(line.len(), |i| i + 10);
        let end = if bytes[10] == b' ' {
            // `2026-11-20 09:14:03.512 +01:00`: the time is the second word.
            line[11..].find([' ', '\t']).map_or(line.len(), |i| i + 11)
        } else {
            end
        };
        return Some(&line[..end]);
    }
    let us = line.split([' ', '\t']).next().filter(|d| {
        let parts: Vec<&str> = d.split('/').collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            && parts[2].len() == 4
    })?;
    let mut end = us.len();
    let rest = &line[end..];
    let time: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':' || *c == '.')
        .collect();
    if time.contains(':') {
        end = line.find(&time).map_or(end, |i| i + time.len());
        let after = line[end..].trim_start();
        if after.starts_with("AM") || after.starts_with("PM") {
            end = line.len() - after.len() + 2;
        }
    }
    Some(&line[..end])
}

/// The value of a `Name: value` line (with leading white space allowed).
fn field<'t>(text: &'t str, name: &str) -> Option<&'t str> {
    text.lines().find_map(|line| {
        let line = line.trim_start();
        line.get(..name.len())
            .filter(|head| head.eq_ignore_ascii_case(name))?;
        let value = line[name.len()..].trim();
        (!value.is_empty()).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn correlation_id(text: &str) -> Option<String> {
        super::correlation_id(text, &text.as_bytes().to_ascii_lowercase())
    }

    fn user(text: &str) -> Option<String> {
        super::user(text, &text.as_bytes().to_ascii_lowercase())
    }

    #[test]
    fn the_first_well_formed_cid_wins() {
        let text = "CID: not-a-guid :x CID :6F3C2A1E-8A44-4C3E-9D7B-2F5B1C0E9A11 CID: 00000000-0000-0000-0000-000000000000";
        assert_eq!(
            correlation_id(text).as_deref(),
            Some("6f3c2a1e-8a44-4c3e-9d7b-2f5b1c0e9a11")
        );
    }

    #[test]
    fn users_come_in_three_shapes() {
        assert_eq!(
            user("Exception in Authentication Ext for User alice@contoso.com :: x").as_deref(),
            Some("alice@contoso.com")
        );
        assert_eq!(
            user(r"for User CONTOSO\bob with response").as_deref(),
            Some(r"CONTOSO\bob")
        );
        assert_eq!(
            user("Challenge requested in Authentication Ext for User npstest1.").as_deref(),
            Some("npstest1")
        );
        assert_eq!(
            user("for User \"x@contoso.com\" with").as_deref(),
            Some("x@contoso.com")
        );
        assert_eq!(user("for User   :: ErrorCode"), None);
        assert_eq!(user("no user here"), None);
    }

    #[test]
    fn timestamps_are_read_as_written() {
        assert_eq!(
            leading_timestamp("2026-11-20T09:14:03.512Z NPS"),
            Some("2026-11-20T09:14:03.512Z")
        );
        assert_eq!(
            leading_timestamp("2026-11-20 09:14:03 NPS"),
            Some("2026-11-20 09:14:03")
        );
        assert_eq!(
            leading_timestamp("11/20/2026 9:14:03 AM\tAuthZ"),
            Some("11/20/2026 9:14:03 AM")
        );
        assert_eq!(leading_timestamp("NPS Extension"), None);
        assert_eq!(
            timestamp("x\n  Timestamp: 2026-11-20 09:14:03Z").as_deref(),
            Some("2026-11-20 09:14:03Z")
        );
    }
}
