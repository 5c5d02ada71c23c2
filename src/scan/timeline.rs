//! One story per user: the extension's findings and the NPS decisions of each user in time
//! order, NPS denials for reason 21 linked to the extension's finding for the same user close in
//! time, and a one-line reading where the pattern is clear.
//!
//! `CONTOSO\alice` and `alice@contoso.com` are one person only where the bundle proves it: an
//! NPS event that names both (Account Name and Fully Qualified Account Name).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::security::NpsEvent;
use super::time::EventTime;

/// How many people a timeline keeps; events of further people are counted, not kept.
pub const MAX_PEOPLE: usize = 1000;
/// How many events a person's story keeps; further events are counted, not kept.
pub const MAX_EVENTS_PER_PERSON: usize = 200;

/// How close in time an extension finding and an NPS denial must be to be linked.
pub const LINK_WINDOW_SECONDS: i64 = 120;

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StoryKind {
    /// The extension logged a code.
    Extension {
        /// The code.
        code: String,
    },
    /// NPS granted, denied or discarded the request.
    Nps {
        /// 6272, 6273 or 6274.
        event_id: u32,
        /// The reason code.
        reason_code: Option<u32>,
        /// The extension code this denial is linked to (reason 21 only).
        linked: Option<String>,
    },
}

/// One event of a user's story.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoryEvent {
    /// When.
    pub time: Option<EventTime>,
    /// What.
    pub kind: StoryKind,
    /// The correlation ID, for extension findings.
    pub cid: Option<String>,
    /// The export it comes from.
    pub file: Option<Arc<str>>,
    /// The computer that logged it, where the export says: a denial links only to a finding of
    /// the same server when both name theirs.
    pub computer: Option<String>,
}

/// One user's story.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserStory {
    /// The user, as first seen.
    pub user: String,
    /// Other names the bundle proves are the same person.
    pub aliases: Vec<String>,
    /// The events, sorted by time (events without a time last).
    pub events: Vec<StoryEvent>,
    /// What the pattern means, where it is clear.
    pub reading: Option<String>,
}

/// Collects events per user; [`Timeline::finish`] sorts, links and reads them.
#[derive(Debug, Default)]
pub struct Timeline {
    /// Lower-cased name → index of its person.
    names: BTreeMap<String, usize>,
    /// Per person: names in first-seen order, events.
    people: Vec<(Vec<String>, Vec<StoryEvent>)>,
    /// Events not kept: past [`MAX_PEOPLE`] or [`MAX_EVENTS_PER_PERSON`].
    dropped: u64,
}

impl Timeline {
    /// Adds an extension finding of `user`, logged by `computer` where the export says.
    pub fn add_extension(
        &mut self,
        user: &str,
        code: &str,
        time: Option<EventTime>,
        cid: Option<&str>,
        file: Option<&Arc<str>>,
        computer: Option<&str>,
    ) {
        let event = StoryEvent {
            time,
            kind: StoryKind::Extension {
                code: code.to_owned(),
            },
            cid: cid.map(str::to_owned),
            file: file.cloned(),
            computer: computer.map(str::to_owned),
        };
        self.keep(&[user], event);
    }

    /// Events that were counted but not kept (memory stays bounded on any input).
    #[must_use]
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Adds an event to the person of `names`, within the limits.
    fn keep(&mut self, names: &[&str], event: StoryEvent) {
        match self.person(names) {
            Some(person) if self.people[person].1.len() < MAX_EVENTS_PER_PERSON => {
                self.people[person].1.push(event);
            }
            _ => self.dropped += 1,
        }
    }

    /// Adds an NPS decision; its names (account name, fully qualified name) become one person.
    pub fn add_nps(&mut self, event: &NpsEvent) {
        let names: Vec<&str> = [
            event.account_name.as_deref(),
            event.qualified_name.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if names.is_empty() {
            return;
        }
        let story = StoryEvent {
            time: event.time,
            kind: StoryKind::Nps {
                event_id: event.event_id,
                reason_code: event.reason_code,
                linked: None,
            },
            cid: None,
            file: event.file.clone(),
            computer: event.computer.clone(),
        };
        self.keep(&names, story);
    }

    /// The person of these names, merging people the names prove are one; `None` for a new
    /// person past [`MAX_PEOPLE`].
    fn person(&mut self, names: &[&str]) -> Option<usize> {
        let mut found: Vec<usize> = names
            .iter()
            .filter_map(|n| self.names.get(&n.to_lowercase()).copied())
            .collect();
        found.sort_unstable();
        found.dedup();
        let person = match found.first() {
            Some(&first) => first,
            None if self.people.len() >= MAX_PEOPLE => return None,
            None => {
                self.people.push((vec![], vec![]));
                self.people.len() - 1
            }
        };
        for &other in found.iter().skip(1) {
            let (names, events) = std::mem::take(&mut self.people[other]);
            for name in &names {
                self.names.insert(name.to_lowercase(), person);
            }
            self.people[person].0.extend(names);
            self.people[person].1.extend(events);
        }
        for name in names {
            if self.names.insert(name.to_lowercase(), person).is_none() {
                self.people[person].0.push((*name).to_owned());
            }
        }
        Some(person)
    }

    /// The extension code a reason-21 denial links to: the nearest finding of the same person
    /// (and the same server, when both name theirs) within [`LINK_WINDOW_SECONDS`].
    #[must_use]
    pub fn link_for(&self, event: &NpsEvent) -> Option<String> {
        let time = event.time.filter(|_| event.extension_rejected())?;
        let person = [
            event.account_name.as_deref(),
            event.qualified_name.as_deref(),
        ]
        .into_iter()
        .flatten()
        .find_map(|n| self.names.get(&n.to_lowercase()))?;
        nearest_finding(&self.people[*person].1, time, event.computer.as_deref())
    }

    /// The stories, one per person, users in name order.
    #[must_use]
    pub fn finish(self) -> Vec<UserStory> {
        let mut stories: Vec<UserStory> = self
            .people
            .into_iter()
            .filter(|(names, events)| !names.is_empty() && !events.is_empty())
            .map(|(mut names, mut events)| {
                events.sort_by_key(|e| (e.time.is_none(), e.time.map(|t| t.civil())));
                link(&mut events);
                let user = names.remove(0);
                let reading = read(&events);
                UserStory {
                    user,
                    aliases: names,
                    events,
                    reading,
                }
            })
            .collect();
        stories.sort_by_key(|s| s.user.to_lowercase());
        stories
    }
}

/// Links each reason-21 denial to the nearest extension finding within the window.
fn link(events: &mut [StoryEvent]) {
    let links: Vec<Option<String>> = events
        .iter()
        .map(|event| match (&event.kind, event.time) {
            (
                StoryKind::Nps {
                    reason_code: Some(21),
                    ..
                },
                Some(time),
            ) => nearest_finding(events, time, event.computer.as_deref()),
            _ => None,
        })
        .collect();
    for (event, link) in events.iter_mut().zip(links) {
        if let StoryKind::Nps {
            reason_code: Some(21),
            linked,
            ..
        } = &mut event.kind
        {
            *linked = link;
        }
    }
}

/// The code of the extension finding among `events` nearest to `time`, within
/// [`LINK_WINDOW_SECONDS`], logged by `computer` when both name theirs.
fn nearest_finding(
    events: &[StoryEvent],
    time: EventTime,
    computer: Option<&str>,
) -> Option<String> {
    let at = time.second();
    events
        .iter()
        .filter(|e| same_server(e.computer.as_deref(), computer))
        .filter_map(|e| match (&e.kind, e.time) {
            (StoryKind::Extension { code }, Some(t)) => Some(((t.second() - at).abs(), code)),
            _ => None,
        })
        .filter(|(distance, _)| *distance <= LINK_WINDOW_SECONDS)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, code)| code.clone())
}

/// True unless both name a computer and the names differ (`NPS01` is `nps01.contoso.com`).
fn same_server(a: Option<&str>, b: Option<&str>) -> bool {
    let host = |name: &str| name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    match (a, b) {
        (Some(a), Some(b)) => host(a) == host(b),
        _ => true,
    }
}

/// The one-line reading of a story, where the pattern is clear.
fn read(events: &[StoryEvent]) -> Option<String> {
    let extension_codes: Vec<&str> = events
        .iter()
        .filter_map(|e| match &e.kind {
            StoryKind::Extension { code } => Some(code.as_str()),
            StoryKind::Nps { .. } => None,
        })
        .collect();
    // ACCESS_REJECT_IGNORED: the extension saw NPS reject the request and did nothing.
    let only_ignored = extension_codes
        .iter()
        .all(|c| *c == "ACCESS_REJECT_IGNORED");
    let mut linked_codes: Vec<&str> = vec![];
    let mut unlinked_21 = false;
    // The smallest gap between an unlinked reason-21 denial and an extension event, and
    // whether one side of it is a local time (offset unknown) and the other UTC.
    let mut nearest: Option<(i64, bool)> = None;
    let mut other_denials = false;
    for event in events {
        if let StoryKind::Nps {
            event_id,
            reason_code,
            linked,
        } = &event.kind
        {
            match (reason_code, linked) {
                (Some(21), Some(code)) if !linked_codes.contains(&code.as_str()) => {
                    linked_codes.push(code);
                }
                (Some(21), Some(_)) => {}
                (Some(21), None) => {
                    unlinked_21 = true;
                    if let Some(time) = event.time {
                        let gaps = events.iter().filter_map(|e| match (&e.kind, e.time) {
                            (StoryKind::Extension { .. }, Some(t)) => Some((
                                (t.second() - time.second()).abs(),
                                t.is_local() != time.is_local(),
                            )),
                            _ => None,
                        });
                        if let Some(gap) = gaps.min() {
                            nearest = Some(nearest.map_or(gap, |n| n.min(gap)));
                        }
                    }
                }
                _ if *event_id != 6272 => other_denials = true,
                _ => {}
            }
        }
    }
    if !linked_codes.is_empty() {
        return Some(format!(
            "The MFA extension rejected the sign-in ({}); NPS denied it for that reason. Fix what the extension logged: nps-mfa-errors explain {}",
            linked_codes.join(", "),
            linked_codes[0]
        ));
    }
    if unlinked_21 {
        let head = "An NPS extension rejected the request (reason 21), but no extension event of this user is within two minutes of it";
        return Some(match nearest {
            // A whole number of hours between a local time and a UTC one: the offset.
            Some((gap, true)) if (3540..=14 * 3600 + 60).contains(&gap) && (gap + 60) % 3600 <= 120 => format!(
                "{head}; the nearest is {} h away, between a local time and a UTC one: the machine's UTC offset. Give it with --utc-offset (for example --utc-offset -05:00) and scan again.",
                (gap + 60) / 3600
            ),
            Some((gap, _)) => format!(
                "{head}; the nearest is {} away, too far to be the same request. Look for the extension's events of the denial's time (AuthNOptCh, AuthZOptCh): they may be missing from the export.",
                duration(gap)
            ),
            None => format!("{head}: include the AuthNOptCh and AuthZOptCh exports of the same period."),
        });
    }
    if other_denials && extension_codes.is_empty() {
        return Some("NPS denied with no extension event: primary authentication or network policy, not MFA. Check the reason code, the password and the network policy's conditions.".to_owned());
    }
    if other_denials && only_ignored {
        return Some("NPS denied before MFA (the extension only saw the AccessReject): primary authentication or network policy, not MFA. Check the reason code, the password and the network policy's conditions.".to_owned());
    }
    None
}

/// `3 min 5 s`, `2 h 10 min`.
fn duration(seconds: i64) -> String {
    match seconds {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min {} s", s / 60, s % 60),
        s => format!("{} h {} min", s / 3600, s % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn denied(user: &str, qualified: &str, reason: u32, time: &str) -> NpsEvent {
        NpsEvent {
            event_id: 6273,
            reason_code: Some(reason),
            account_name: Some(user.to_owned()),
            qualified_name: Some(qualified.to_owned()),
            time: EventTime::parse(time),
            ..NpsEvent::default()
        }
    }

    #[test]
    fn a_reason_21_denial_links_to_the_extension_finding_close_in_time() {
        let mut timeline = Timeline::default();
        timeline.add_extension(
            "alice@contoso.com",
            "ESTS_TOKEN_ERROR",
            EventTime::parse("2026-11-20 09:14:03"),
            Some("6f3c"),
            None,
            None,
        );
        timeline.add_nps(&denied(
            "alice@contoso.com",
            "CONTOSO\\alice",
            21,
            "2026-11-20 09:14:04",
        ));
        let stories = timeline.finish();
        assert_eq!(stories.len(), 1);
        assert_eq!(stories[0].aliases, ["CONTOSO\\alice"]);
        assert!(
            matches!(&stories[0].events[1].kind, StoryKind::Nps { linked: Some(code), .. } if code == "ESTS_TOKEN_ERROR")
        );
        assert!(stories[0]
            .reading
            .as_deref()
            .unwrap()
            .contains("ESTS_TOKEN_ERROR"));
    }

    #[test]
    fn the_link_of_a_denial_is_known_before_the_stories_are_finished() {
        let mut timeline = Timeline::default();
        let event = denied(
            "erin@contoso.com",
            "CONTOSO\\erin",
            21,
            "2026-11-20 09:14:04",
        );
        let time = EventTime::parse("2026-11-20 09:14:00");
        timeline.add_extension("CONTOSO\\erin", "AccessDenied", time, None, None, None);
        timeline.add_nps(&event);
        assert_eq!(timeline.link_for(&event).as_deref(), Some("AccessDenied"));
    }

    #[test]
    fn a_denial_links_only_to_a_finding_of_its_own_server() {
        let mut timeline = Timeline::default();
        let time = EventTime::parse("2026-11-20 09:00:00");
        timeline.add_extension(
            "alice",
            "ESTS_TOKEN_ERROR",
            time,
            None,
            None,
            Some("NPS01.contoso.com"),
        );
        let mut other = denied("alice", "CONTOSO\\alice", 21, "2026-11-20 09:00:01");
        other.computer = Some("NPS02.contoso.com".to_owned());
        assert_eq!(timeline.link_for(&other), None);
        let mut same = other.clone();
        same.computer = Some("nps01".to_owned());
        assert_eq!(
            timeline.link_for(&same).as_deref(),
            Some("ESTS_TOKEN_ERROR")
        );
        // A denial that names no server may be any server's.
        let mut unnamed = other.clone();
        unnamed.computer = None;
        assert_eq!(
            timeline.link_for(&unnamed).as_deref(),
            Some("ESTS_TOKEN_ERROR")
        );
        timeline.add_nps(&other);
        let story = &timeline.finish()[0];
        assert!(matches!(
            &story.events[1].kind,
            StoryKind::Nps { linked: None, .. }
        ));
    }

    #[test]
    fn an_unlinked_denial_reads_how_far_the_nearest_extension_event_is() {
        let reading = |extension_time: Option<&str>, denial_time: &str| {
            let mut timeline = Timeline::default();
            if let Some(time) = extension_time {
                let time = EventTime::parse(time);
                timeline.add_extension("dave", "UserNotFound", time, None, None, None);
            }
            timeline.add_nps(&denied("dave", "CONTOSO\\dave", 21, denial_time));
            timeline.finish()[0].reading.clone().unwrap()
        };
        // Three minutes: too far for one request; the exports are there.
        let late = reading(Some("2026-11-20 09:03:00"), "2026-11-20 09:00:00");
        assert!(late.contains("the nearest is 3 min 0 s away"), "{late}");
        assert!(!late.contains("include the"), "{late}");
        // Five hours between a UTC and a local time: the machine's offset.
        let offset = reading(Some("2026-11-20T14:00:20Z"), "2026-11-20 09:00:00");
        assert!(offset.contains("the nearest is 5 h away"), "{offset}");
        assert!(offset.contains("--utc-offset"), "{offset}");
        // Five hours between two local times is not an offset.
        let local = reading(Some("2026-11-20 14:00:00"), "2026-11-20 09:00:00");
        assert!(!local.contains("--utc-offset"), "{local}");
        // No extension event at all: the exports are missing.
        let none = reading(None, "2026-11-20 09:00:00");
        assert!(
            none.contains("include the AuthNOptCh and AuthZOptCh exports"),
            "{none}"
        );
    }

    #[test]
    fn a_timeline_keeps_a_bounded_number_of_people_and_counts_the_rest() {
        let mut timeline = Timeline::default();
        for i in 0..=MAX_PEOPLE {
            timeline.add_extension(&format!("user{i}@contoso.com"), "X", None, None, None, None);
        }
        assert_eq!(timeline.dropped(), 1);
        assert_eq!(timeline.finish().len(), MAX_PEOPLE);
    }

    #[test]
    fn a_denial_far_from_the_extension_finding_stays_unlinked() {
        let mut timeline = Timeline::default();
        timeline.add_extension(
            "bob@contoso.com",
            "AccessDenied",
            EventTime::parse("2026-11-20 08:00:00"),
            None,
            None,
            None,
        );
        timeline.add_nps(&denied(
            "bob@contoso.com",
            "CONTOSO\\bob",
            21,
            "2026-11-20 09:00:00",
        ));
        let story = &timeline.finish()[0];
        assert!(matches!(
            &story.events[1].kind,
            StoryKind::Nps { linked: None, .. }
        ));
    }

    #[test]
    fn a_denial_without_extension_events_reads_as_not_mfa() {
        let mut timeline = Timeline::default();
        timeline.add_nps(&denied(
            "carol@contoso.com",
            "CONTOSO\\carol",
            16,
            "2026-11-20 09:00:00",
        ));
        let story = &timeline.finish()[0];
        assert!(story
            .reading
            .as_deref()
            .unwrap()
            .starts_with("NPS denied with no extension event"));
    }

    #[test]
    fn names_are_one_person_only_where_an_event_names_both() {
        let mut timeline = Timeline::default();
        timeline.add_extension("dave@contoso.com", "X", None, None, None, None);
        timeline.add_extension("CONTOSO\\dave", "Y", None, None, None, None);
        assert_eq!(timeline.finish().len(), 2);
    }
}
