//! One event, one finding: the same event in two exports (an XML and a text export of one
//! channel, two copies of a file in a bundle) counts once.
//!
//! Identity is channel + computer + `EventRecordID` where the export carries it, else code +
//! correlation ID + user + time to the second. A text export gives local time and an XML
//! export UTC, so with a correlation ID (unique per request) the time is compared within the
//! quarter hour, which every UTC offset in use keeps; without one it must match to the second.

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
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Record(String, String, u64, String),
    Fallback(String, String, String, i64),
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
        let keys = keys(event);
        if keys.is_empty() {
            return true;
        }
        let hashes: Vec<u64> = keys
            .iter()
            .map(|k| {
                let mut hasher = DefaultHasher::new();
                k.hash(&mut hasher);
                hasher.finish()
            })
            .collect();
        let copy = hashes.iter().any(|h| self.seen.contains(h));
        if self.seen.len() + hashes.len() <= MAX_REMEMBERED {
            self.seen.extend(hashes);
        }
        !copy
    }
}

fn keys(event: &EventIdentity<'_>) -> Vec<Key> {
    let fold = |s: Option<&str>| s.unwrap_or_default().to_ascii_lowercase();
    let mut keys = vec![];
    if let Some(id) = event.record_id {
        keys.push(Key::Record(
            fold(event.channel),
            fold(event.computer),
            id,
            event.code.to_owned(),
        ));
    }
    if let Some(time) = event.time {
        let second = if event.cid.is_some() {
            time.second().rem_euclid(900)
        } else {
            time.second()
        };
        if event.cid.is_some() || event.user.is_some() {
            keys.push(Key::Fallback(
                event.code.to_owned(),
                fold(event.cid),
                fold(event.user),
                second,
            ));
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
