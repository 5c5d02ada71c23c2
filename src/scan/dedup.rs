//! One event, one finding: the same event in two exports (an XML and a text export of one
//! channel, two copies of a file in a bundle) counts once.
//!
//! Identity is channel + computer + `EventRecordID` where the export carries it, else code +
//! correlation ID + user + time to the second, or, for an event naming neither, code + message
//! text + exact time. A text export gives local time and an XML export UTC, so with a
//! correlation ID (unique per request) the time is compared within the quarter hour, which
//! every UTC offset in use keeps; without one it must match to the second.
//!
//! Two events that both carry a record ID are one event only when the IDs are the same: two
//! requests of one user in one second, logged as two records, count twice. An event without
//! one (a text export) is a copy of an event with the same code, CID, user and time, whatever
//! its record ID; one such copy is matched to one event with a record ID, so that the same two
//! events read from a text export and then from an XML export still count twice, not once or
//! four times.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use super::time::EventTime;

/// What identifies one event's finding (every field public, so callers build it directly).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventIdentity<'a> {
    /// The code (or `nps:<event id>` for NPS decisions).
    pub code: &'a str,
    /// The event log channel.
    pub channel: Option<&'a str>,
    /// The computer that logged it.
    pub computer: Option<&'a str>,
    /// Its `EventRecordID`.
    pub record_id: Option<u64>,
    /// Its correlation ID.
    pub cid: Option<&'a str>,
    /// Its user.
    pub user: Option<&'a str>,
    /// When it was logged.
    pub time: Option<EventTime>,
    /// Its message text: with the exact time, it identifies an event that names neither a
    /// correlation ID nor a user (two copies of one log file).
    pub logged: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Record(String, String, u64, String),
    /// The weaker identity, seen from an event without a record ID, not yet matched to one
    /// with a record ID.
    Fallback(String, String, String, i64),
    /// The weaker identity, seen from an event with a record ID (or matched to one).
    Claimed(String, String, String, i64),
}

/// Remembers the events seen so far.
///
/// ```
/// use nps_mfa_errors::scan::{Dedup, EventIdentity, EventTime};
///
/// let mut seen = Dedup::default();
/// let xml = EventIdentity { code: "ESTS_TOKEN_ERROR", cid: Some("6f3c"), user: Some("alice"),
///     time: EventTime::parse("2026-11-20T08:14:03.5Z"), record_id: Some(42),
///     channel: Some("AuthZOptCh"), computer: Some("NPS01"), ..Default::default() };
/// let text = EventIdentity { time: EventTime::parse("2026-11-20 09:14:03"), record_id: None, ..xml.clone() };
/// assert!(seen.first(&xml));
/// assert!(!seen.first(&text));
/// ```
#[derive(Debug, Default)]
pub struct Dedup {
    /// 64-bit hashes of the keys seen, at most [`MAX_REMEMBERED`].
    seen: HashSet<u64>,
}

/// How many event keys are remembered (about 9 MB); past it, new events are still compared
/// with the remembered ones but no longer remembered, so memory stays bounded.
pub const MAX_REMEMBERED: usize = 1 << 19;

impl Dedup {
    /// True the first time an event is seen; false for a copy of an event seen before.
    pub fn first(&mut self, event: &EventIdentity<'_>) -> bool {
        let record = event.record_id.map(|id| {
            hash(&Key::Record(
                fold(event.channel),
                fold(event.computer),
                id,
                event.code.to_owned(),
            ))
        });
        let weak = weak_identity(event);
        let open = weak
            .clone()
            .map(|(c, i, u, t)| hash(&Key::Fallback(c, i, u, t)));
        let claimed = weak.map(|(c, i, u, t)| hash(&Key::Claimed(c, i, u, t)));
        let seen = |h: Option<u64>| h.is_some_and(|h| self.seen.contains(&h));
        match record {
            Some(record) => {
                if seen(Some(record)) {
                    return false;
                }
                // A copy of an event read from an export without record IDs: it takes that
                // copy, which no other record will match again.
                let copy = seen(open);
                self.remember([Some(record), claimed], open.filter(|_| copy));
                !copy
            }
            None if seen(open) || seen(claimed) => false,
            None => {
                self.remember([open, None], None);
                true
            }
        }
    }

    /// Remembers hashes (and forgets `taken`) while there is room: past [`MAX_REMEMBERED`],
    /// nothing changes, and events are still compared with the remembered ones.
    fn remember(&mut self, hashes: [Option<u64>; 2], taken: Option<u64>) {
        let new = hashes.iter().flatten().count();
        if self.seen.len() + new <= MAX_REMEMBERED + usize::from(taken.is_some()) {
            if let Some(taken) = taken {
                self.seen.remove(&taken);
            }
            self.seen.extend(hashes.into_iter().flatten());
        }
    }
}

fn fold(s: Option<&str>) -> String {
    s.unwrap_or_default().to_ascii_lowercase()
}

fn hash(key: &Key) -> u64 {
    let mut hasher = DefaultHasher::new();
    key.hash(&mut hasher);
    hasher.finish()
}

/// Code, CID, user and time (to the second, or the quarter hour with a CID), when the event has
/// a time and a CID or a user; else code, message text and the exact time, when it has both.
fn weak_identity(event: &EventIdentity<'_>) -> Option<(String, String, String, i64)> {
    let time = event.time?;
    if event.cid.is_none() && event.user.is_none() {
        // Nothing names the request: only the same text at the same instant is the same event.
        let text = event.logged?;
        let mut hasher = DefaultHasher::new();
        text.hash(&mut hasher);
        let exact = time
            .second()
            .wrapping_mul(1_000_000_000)
            .wrapping_add(i64::from(time.civil().subsec_nanosecond()));
        return Some((
            event.code.to_owned(),
            String::new(),
            format!("text:{:016x}", hasher.finish()),
            exact,
        ));
    }
    let second = if event.cid.is_some() {
        time.second().rem_euclid(900)
    } else {
        time.second()
    };
    Some((
        event.code.to_owned(),
        fold(event.cid),
        fold(event.user),
        second,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_naming_no_request_is_a_copy_only_with_the_same_text_at_the_same_instant() {
        let mut seen = Dedup::default();
        let event = |time: &str, logged: &'static str| EventIdentity {
            code: "REGISTRY_CONFIG_ERROR",
            time: EventTime::parse(time),
            logged: Some(logged),
            ..Default::default()
        };
        assert!(seen.first(&event("2026-11-20 09:00:00.120", "key STS_URL missing")));
        assert!(!seen.first(&event("2026-11-20 09:00:00.120", "key STS_URL missing")));
        // Another millisecond, or another text, is another event.
        assert!(seen.first(&event("2026-11-20 09:00:00.121", "key STS_URL missing")));
        assert!(seen.first(&event("2026-11-20 09:00:00.120", "key TENANT_ID missing")));
        // Without its text, nothing tells it from another one.
        let bare = EventIdentity {
            logged: None,
            ..event("2026-11-20 09:00:00.120", "")
        };
        assert!(seen.first(&bare) && seen.first(&bare));
    }

    #[test]
    fn two_copies_of_one_export_count_once_and_other_events_stay() {
        let mut seen = Dedup::default();
        let a = EventIdentity {
            code: "X",
            user: Some("bob"),
            time: EventTime::parse("2026-11-20 09:00:00"),
            ..Default::default()
        };
        let b = EventIdentity {
            time: EventTime::parse("2026-11-20 09:00:01"),
            ..a.clone()
        };
        assert!(seen.first(&a));
        assert!(!seen.first(&a.clone()));
        assert!(seen.first(&b));
    }

    #[test]
    fn record_ids_differ_between_channels() {
        let mut seen = Dedup::default();
        let a = EventIdentity {
            code: "X",
            channel: Some("AuthZOptCh"),
            record_id: Some(1),
            ..Default::default()
        };
        let b = EventIdentity {
            channel: Some("AuthNOptCh"),
            ..a.clone()
        };
        assert!(seen.first(&a));
        assert!(seen.first(&b));
        assert!(!seen.first(&a));
    }

    fn request(record_id: Option<u64>, time: &str) -> EventIdentity<'static> {
        EventIdentity {
            code: "ESTS_TOKEN_ERROR",
            channel: Some("AuthZOptCh"),
            computer: Some("NPS01"),
            record_id,
            cid: Some("6f3c"),
            user: Some("alice"),
            time: EventTime::parse(time),
            logged: None,
        }
    }

    #[test]
    fn two_records_in_one_second_are_two_events() {
        let mut seen = Dedup::default();
        assert!(seen.first(&request(Some(41), "2026-11-20T08:14:03.1Z")));
        assert!(seen.first(&request(Some(42), "2026-11-20T08:14:03.9Z")));
        assert!(!seen.first(&request(Some(42), "2026-11-20T08:14:03.9Z")));
        // A text export of them (local time, no record ID) adds nothing.
        assert!(!seen.first(&request(None, "2026-11-20 09:14:03")));
    }

    #[test]
    fn a_text_copy_read_first_is_matched_to_one_record_only() {
        let mut seen = Dedup::default();
        assert!(seen.first(&request(None, "2026-11-20 09:14:03")));
        assert!(!seen.first(&request(Some(41), "2026-11-20T08:14:03.1Z")));
        assert!(seen.first(&request(Some(42), "2026-11-20T08:14:03.9Z")));
        assert!(!seen.first(&request(Some(41), "2026-11-20T08:14:03.1Z")));
        assert!(!seen.first(&request(None, "2026-11-20 09:14:03")));
    }

    #[test]
    fn past_the_cap_a_copy_taken_by_a_record_is_not_forgotten() {
        let mut seen = Dedup::default();
        assert!(seen.first(&request(None, "2026-11-20 09:14:03")));
        // Fill the memory with other keys (stand-ins for other events' hashes).
        let room = MAX_REMEMBERED - seen.seen.len();
        seen.seen
            .extend((0..room as u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        assert_eq!(seen.seen.len(), MAX_REMEMBERED);
        assert!(!seen.first(&request(Some(41), "2026-11-20T08:14:03.1Z")));
        assert!(!seen.first(&request(None, "2026-11-20 09:14:03")));
        assert_eq!(seen.seen.len(), MAX_REMEMBERED);
    }
}
