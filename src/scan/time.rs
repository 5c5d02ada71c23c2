//! When an event was logged: RFC 3339 with `Z` where the source gives UTC (XML `SystemTime`,
//! `.evtx`), an offset-less local time where it does not (Event Viewer and `wevtutil` text),
//! unless the local offset is known.

use core::fmt;

use jiff::civil::DateTime;
use jiff::tz::Offset;
use jiff::Timestamp;

/// An event's time, as precise as its source allows.
///
/// ```
/// use nps_mfa_errors::scan::EventTime;
///
/// let utc = EventTime::parse("2026-11-20T09:14:03.5120000Z").unwrap();
/// assert_eq!(utc.to_string(), "2026-11-20T09:14:03.512Z");
/// let local = EventTime::parse("11/20/2026 9:14:04 AM").unwrap();
/// assert_eq!(local.to_string(), "2026-11-20T09:14:04");
/// assert!(local.is_local());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventTime {
    /// A UTC instant: the source gives UTC, or the local offset was given.
    Utc(Timestamp),
    /// A wall-clock time of the machine that wrote the log, offset unknown.
    Local(DateTime),
}

impl EventTime {
    /// Reads the shapes logs write: RFC 3339 / ISO 8601 with `Z` or an offset (UTC), ISO 8601
    /// without one (`2026-11-20T09:14:03`, `2026-11-20 09:14:03.512`; local), and the dates
    /// Event Viewer writes in the machine's locale (local): US `11/20/2026 9:14:03 AM`,
    /// year first `2026/11/20 9:14:03`, day first with dots `20.11.2026 09:14:03`, and day first
    /// with slashes where the first number cannot be a month (`20/11/2026 09:14:03`). A slashed
    /// date that reads either way (`02/03/2026`) is taken as US, month first. Up to 9 fraction
    /// digits are kept; Windows writes 7.
    #[must_use]
    pub fn parse(text: &str) -> Option<EventTime> {
        EventTime::parse_in(text, DateOrder::MonthFirst)
    }

    /// Reads `text` as [`parse`](EventTime::parse) does, but a slashed date that reads either
    /// way is taken in `order`: an export whose other dates show it is day first
    /// ([`DateOrder::infer`]) reads `05/11/2026` as 5 November.
    ///
    /// ```
    /// use nps_mfa_errors::scan::{DateOrder, EventTime};
    ///
    /// let time = EventTime::parse_in("05/11/2026 13:05:02", DateOrder::DayFirst).unwrap();
    /// assert_eq!(time.to_string(), "2026-11-05T13:05:02");
    /// ```
    #[must_use]
    pub fn parse_in(text: &str, order: DateOrder) -> Option<EventTime> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if let Ok(stamp) = text.parse::<Timestamp>() {
            return Some(EventTime::Utc(stamp));
        }
        if let Some(local) = parse_iso_local(text).or_else(|| parse_locale(text, order)) {
            return Some(EventTime::Local(local));
        }
        None
    }

    /// True when the offset is unknown (a local wall-clock time).
    #[must_use]
    pub const fn is_local(&self) -> bool {
        matches!(self, EventTime::Local(_))
    }

    /// Gives a local time the machine's offset (`--utc-offset`); UTC times stay.
    #[must_use]
    pub fn with_offset(self, offset: Option<Offset>) -> EventTime {
        match (self, offset) {
            (EventTime::Local(local), Some(offset)) => {
                offset.to_timestamp(local).map_or(self, EventTime::Utc)
            }
            _ => self,
        }
    }

    /// The wall-clock reading (UTC for UTC times), for sorting times of one clock.
    #[must_use]
    pub fn civil(&self) -> DateTime {
        match self {
            EventTime::Utc(stamp) => stamp.to_zoned(jiff::tz::TimeZone::UTC).datetime(),
            EventTime::Local(local) => *local,
        }
    }

    /// Whole seconds since 1970-01-01 on the event's own clock: equal for two exports of one
    /// event on the same clock.
    #[must_use]
    pub fn second(&self) -> i64 {
        self.on_own_clock().map_or(0, |stamp| stamp.as_second())
    }

    /// The instant on the event's own clock: a UTC time's own, a local one's as if it were UTC
    /// (off by the machine's offset at most). `None` past the years a timestamp holds.
    pub(crate) fn on_own_clock(&self) -> Option<Timestamp> {
        Offset::UTC.to_timestamp(self.civil()).ok()
    }
}

impl fmt::Display for EventTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventTime::Utc(stamp) => write!(f, "{stamp}"),
            EventTime::Local(local) => write!(f, "{local}"),
        }
    }
}

/// Reads `±HH:MM` (or `Z`), as `--utc-offset` takes it.
///
/// ```
/// let offset = nps_mfa_errors::scan::parse_utc_offset("+01:00").unwrap();
/// assert_eq!(offset.seconds(), 3600);
/// assert!(nps_mfa_errors::scan::parse_utc_offset("1h").is_none());
/// ```
#[must_use]
pub fn parse_utc_offset(text: &str) -> Option<Offset> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("z") {
        return Some(Offset::UTC);
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (hours, minutes) = rest.split_once(':')?;
    if hours.len() != 2 || minutes.len() != 2 {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

fn parse_iso_local(text: &str) -> Option<DateTime> {
    // `2026-11-20 09:14:03` and Windows' 7 fraction digits: normalise to what jiff reads.
    let normal = text.replacen(' ', "T", 1);
    let (main, fraction) = match normal.split_once('.') {
        Some((main, fraction)) => (main.to_owned(), Some(fraction)),
        None => (normal.clone(), None),
    };
    let mut civil: DateTime = main.parse().ok()?;
    if let Some(fraction) = fraction {
        civil = civil
            .with()
            .subsec_nanosecond(nanos(fraction)?)
            .build()
            .ok()?;
    }
    Some(civil)
}

fn nanos(fraction: &str) -> Option<i32> {
    if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits: String = fraction
        .chars()
        .chain("000000000".chars())
        .take(9)
        .collect();
    digits.parse().ok()
}

/// Which comes first in a slashed date that reads either way (`02/03/2026`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateOrder {
    /// Month, day, year: the US locale, and the reading when nothing tells.
    MonthFirst,
    /// Day, month, year: most other locales (en-GB, fr-FR, ...).
    DayFirst,
}

impl DateOrder {
    /// The order the slashed dates of `text` (an export's first bytes) show: day first when one
    /// starts with a number over 12, month first when one has it second; `None` when none
    /// tells, or they disagree.
    ///
    /// ```
    /// use nps_mfa_errors::scan::DateOrder;
    ///
    /// let csv = "\"Id\",\"TimeCreated\"\n\"6273\",\"05/11/2026 13:05:02\"\n\"6273\",\"20/11/2026 13:06:02\"\n";
    /// assert_eq!(DateOrder::infer(csv), Some(DateOrder::DayFirst));
    /// assert_eq!(DateOrder::infer("11/20/2026 9:14:03 AM"), Some(DateOrder::MonthFirst));
    /// assert_eq!(DateOrder::infer("05/11/2026 and 2026-11-20"), None);
    /// ```
    #[must_use]
    pub fn infer(text: &str) -> Option<DateOrder> {
        let (mut day_first, mut month_first) = (false, false);
        let dates = text
            .split(|c: char| !(c.is_ascii_digit() || c == '/'))
            .filter_map(|token| {
                let mut parts = token.split('/');
                let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
                let short = |p: &str| (1..=2).contains(&p.len());
                (parts.next().is_none() && short(a) && short(b) && c.len() == 4)
                    .then(|| (a.parse::<u8>().ok(), b.parse::<u8>().ok()))
            });
        for (a, b) in dates {
            day_first |= a.is_some_and(|a| a > 12);
            month_first |= b.is_some_and(|b| b > 12);
        }
        match (day_first, month_first) {
            (true, false) => Some(DateOrder::DayFirst),
            (false, true) => Some(DateOrder::MonthFirst),
            _ => None,
        }
    }
}

/// A date as a locale writes it, then a clock with an optional `AM`/`PM`.
fn parse_locale(text: &str, order: DateOrder) -> Option<DateTime> {
    let (date, clock) = text.split_once(' ')?;
    let separator = if date.contains('.') { '.' } else { '/' };
    let parts: Vec<&str> = date.split(separator).collect();
    let [first, second, third] = parts[..] else {
        return None;
    };
    let number = |part: &str| -> Option<i16> {
        (!part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (a, b, c) = (number(first)?, number(second)?, number(third)?);
    let (year, month, day) = if first.len() == 4 {
        (a, b, c)
    } else if separator == '.' || (a > 12 && b <= 12) || (order == DateOrder::DayFirst && b <= 12) {
        (c, b, a)
    } else {
        (c, a, b)
    };
    let (month, day) = (i8::try_from(month).ok()?, i8::try_from(day).ok()?);
    let clock = clock.trim();
    let (clock, meridiem) = match clock.rsplit_once(' ') {
        Some((c, m)) => (c, Some(m.to_ascii_uppercase())),
        None => (clock, None),
    };
    let (clock, fraction) = clock
        .split_once('.')
        .map_or((clock, None), |(c, f)| (c, Some(f)));
    let mut t = clock.split(':');
    let mut hour: i8 = t.next()?.parse().ok()?;
    let minute: i8 = t.next()?.parse().ok()?;
    let second: i8 = t.next().map_or(Some(0), |s| s.parse().ok())?;
    match meridiem.as_deref() {
        Some("PM") if hour < 12 => hour += 12,
        Some("AM") if hour == 12 => hour = 0,
        Some("AM" | "PM") | None => {}
        Some(_) => return None,
    }
    let nanos = fraction.map_or(Some(0), nanos)?;
    jiff::civil::DateTime::new(year, month, day, hour, minute, second, nanos).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_logs_write_parses() {
        let z = EventTime::parse("2026-11-20T09:14:03.5120000Z").unwrap();
        assert!(!z.is_local());
        let iso = EventTime::parse("2026-11-20 09:14:03").unwrap();
        assert_eq!(iso.to_string(), "2026-11-20T09:14:03");
        let pm = EventTime::parse("11/20/2026 1:00:00 PM").unwrap();
        assert_eq!(pm.to_string(), "2026-11-20T13:00:00");
        let midnight = EventTime::parse("11/20/2026 12:15:00 AM").unwrap();
        assert_eq!(midnight.to_string(), "2026-11-20T00:15:00");
        // Other locales of Event Viewer: year first (ja-JP), day first with dots (de-DE), day
        // first with slashes (en-GB) when the day cannot be a month.
        for (written, read) in [
            ("2026/11/20 9:14:03", "2026-11-20T09:14:03"),
            ("20.11.2026 09:14:03", "2026-11-20T09:14:03"),
            ("02.03.2026 09:14:03", "2026-03-02T09:14:03"),
            ("20/11/2026 09:14:03", "2026-11-20T09:14:03"),
            ("13/03/2026 14:05:11", "2026-03-13T14:05:11"),
            // Either way round: read as US, month first.
            ("02/03/2026 09:00:00", "2026-02-03T09:00:00"),
        ] {
            let time = EventTime::parse(written).unwrap_or_else(|| panic!("{written}"));
            assert_eq!(time.to_string(), read, "{written}");
        }
        for not_a_date in ["20.11 09:14:03", "1/2/3/4 09:00:00", "13/13/2026 09:00:00"] {
            assert_eq!(EventTime::parse(not_a_date), None, "{not_a_date}");
        }
        let wevtutil = EventTime::parse("2026-11-20T09:14:03.5120000").unwrap();
        assert_eq!(wevtutil.to_string(), "2026-11-20T09:14:03.512");
        assert_eq!(EventTime::parse("not a time"), None);
        assert_eq!(EventTime::parse("13/45/2026 9:00 AM"), None);
    }

    #[test]
    fn an_offset_turns_local_time_into_utc() {
        let local = EventTime::parse("2026-11-20 10:14:03").unwrap();
        let utc = local.with_offset(parse_utc_offset("+01:00"));
        assert_eq!(utc.to_string(), "2026-11-20T09:14:03Z");
        assert_eq!(parse_utc_offset("-05:30").unwrap().seconds(), -19_800);
        assert_eq!(parse_utc_offset("+25:00"), None);
    }

    #[test]
    fn seconds_agree_across_fractions() {
        let a = EventTime::parse("2026-11-20T09:14:03.1Z").unwrap();
        let b = EventTime::parse("2026-11-20T09:14:03.9Z").unwrap();
        assert_eq!(a.second(), b.second());
    }
}
