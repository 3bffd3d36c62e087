//! iCalendar (RFC 5545) of effective dates: one VEVENT per notice, times in
//! UTC (so no VTIMEZONE is needed), text escaped, lines folded at 75 octets,
//! CRLF line ends. SEQUENCE counts the notice's updates so subscribed
//! calendars follow a reschedule; DTSTAMP is the last change, not the build
//! time, so unchanged input gives an unchanged file. `[calendar]
//! remind_days` adds one VALARM per value (RFC 5545 §3.6.6) to every event
//! that is not cancelled.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::moment::Moment;

/// One calendar event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable unique id.
    pub uid: String,
    /// How many times the event was revised.
    pub sequence: usize,
    /// When it last changed.
    pub stamp: Timestamp,
    /// When it starts.
    pub start: Moment,
    /// When it ends (a short default applies when `None`).
    pub end: Option<Moment>,
    /// The title.
    pub summary: String,
    /// The description (plain text).
    pub description: String,
    /// The page of the event.
    pub url: String,
    /// Categories.
    pub categories: Vec<String>,
    /// The change will not happen: `STATUS:CANCELLED`, so subscribed
    /// calendars take the event off.
    pub cancelled: bool,
    /// Days before the start that calendars remind, each with what the
    /// reminder says (one VALARM per distinct day; none on a cancelled
    /// event).
    pub reminders: Vec<(u64, String)>,
}

/// How long an event without `ends` lasts in a calendar.
const DEFAULT_LENGTH_MINUTES: i64 = 30;

/// Escapes a TEXT value (RFC 5545 §3.3.11) and drops control characters.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line at 75 octets (continuation lines start with a
/// space) and ends it with CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut budget = 75;
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > budget {
            out.push_str("\r\n ");
            used = 0;
            budget = 74;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A TRIGGER value `days` before the start (RFC 5545 §3.3.6 `dur-value`):
/// `-P7D`, and `PT0S` (at the start) for 0.
fn trigger(days: u64) -> String {
    if days == 0 { "PT0S".to_string() } else { format!("-P{days}D") }
}

fn date(m: Moment, tz: &TimeZone) -> jiff::civil::Date {
    m.in_zone(tz).date()
}

/// One VEVENT block (folded lines, CRLF). `tz` places all-day events
/// (bare dates) on the right day. Rendered once per notice and reused by
/// every calendar the notice is in.
pub fn vevent(e: &Event, tz: &TimeZone) -> String {
    let mut out = String::with_capacity(1024);
    push_line(&mut out, "BEGIN:VEVENT");
    push_line(&mut out, &format!("UID:{}", escape_text(&e.uid)));
    push_line(&mut out, &format!("SEQUENCE:{}", e.sequence));
    push_line(&mut out, &format!("DTSTAMP:{}", utc(e.stamp)));
    let all_day = e.start.date_only && e.end.is_none_or(|end| end.date_only);
    if all_day {
        let start = date(e.start, tz);
        let end = e.end.map_or(start, |end| date(end, tz));
        let end = if end <= start { start.tomorrow().unwrap_or(start) } else { end };
        push_line(&mut out, &format!("DTSTART;VALUE=DATE:{}", start.strftime("%Y%m%d")));
        push_line(&mut out, &format!("DTEND;VALUE=DATE:{}", end.strftime("%Y%m%d")));
    } else {
        // Near the end of jiff's range the end is the last instant it holds.
        let later = |d: jiff::SignedDuration| e.start.ts.checked_add(d).unwrap_or(Timestamp::MAX);
        let end = e.end.map_or_else(|| later(jiff::SignedDuration::from_mins(DEFAULT_LENGTH_MINUTES)), |end| end.ts);
        push_line(&mut out, &format!("DTSTART:{}", utc(e.start.ts)));
        push_line(&mut out, &format!("DTEND:{}", utc(end.max(later(jiff::SignedDuration::from_secs(1))))));
    }
    push_line(&mut out, &format!("SUMMARY:{}", escape_text(&e.summary)));
    push_line(&mut out, &format!("DESCRIPTION:{}", escape_text(&e.description)));
    push_line(&mut out, &format!("URL:{}", e.url.chars().filter(|c| !c.is_control()).collect::<String>()));
    if !e.categories.is_empty() {
        let cats: Vec<String> = e.categories.iter().map(|c| escape_text(c)).collect();
        push_line(&mut out, &format!("CATEGORIES:{}", cats.join(",")));
    }
    push_line(&mut out, if e.cancelled { "STATUS:CANCELLED" } else { "STATUS:CONFIRMED" });
    push_line(&mut out, "TRANSP:TRANSPARENT");
    if !e.cancelled {
        let mut seen = Vec::with_capacity(e.reminders.len());
        for (days, text) in &e.reminders {
            let days = *days;
            if seen.contains(&days) {
                continue;
            }
            seen.push(days);
            push_line(&mut out, "BEGIN:VALARM");
            push_line(&mut out, "ACTION:DISPLAY");
            push_line(&mut out, &format!("DESCRIPTION:{}", escape_text(text)));
            push_line(&mut out, &format!("TRIGGER:{}", trigger(days)));
            push_line(&mut out, "END:VALARM");
        }
    }
    push_line(&mut out, "END:VEVENT");
    out
}

/// A whole calendar around VEVENT blocks made by [`vevent`].
pub fn calendar<'a>(name: &str, description: &str, events: impl IntoIterator<Item = &'a str>) -> String {
    // The events are rendered already: sized once, the calendar of 100,000
    // notices is not grown (and copied) twenty times on the way.
    let events: Vec<&str> = events.into_iter().collect();
    let mut out = String::with_capacity(4096 + events.iter().map(|e| e.len()).sum::<usize>());
    for line in
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//forewarn//forewarn//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    {
        push_line(&mut out, line);
    }
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    push_line(&mut out, &format!("X-WR-CALDESC:{}", escape_text(description)));
    push_line(&mut out, "REFRESH-INTERVAL;VALUE=DURATION:PT12H");
    push_line(&mut out, "X-PUBLISHED-TTL:PT12H");
    for e in events {
        out.push_str(e);
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds() {
        assert_eq!(escape_text("a;b,c\\d\ne\u{7}"), "a\\;b\\,c\\\\d\\ne");
        let mut out = String::new();
        let long = format!("DESCRIPTION:{}", "é".repeat(60));
        push_line(&mut out, &long);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{long}\r\n"));
    }

    /// Events at the end of jiff's range still get an end after their
    /// start, without overflowing.
    #[test]
    fn events_at_the_last_representable_moment() {
        let tz = TimeZone::get("Pacific/Kiritimati").unwrap();
        let last = Moment { ts: Timestamp::MAX, date_only: false };
        let last_day = Moment::parse("9999-12-30", &tz).unwrap();
        for (start, end) in [(last, None), (last_day, None), (last_day, Some(last_day)), (last, Some(last))] {
            let e = Event {
                uid: "a@x".into(),
                sequence: 0,
                cancelled: false,
                stamp: Timestamp::MAX,
                start,
                end,
                summary: "S".into(),
                description: String::new(),
                url: String::new(),
                categories: Vec::new(),
                reminders: vec![(0, "Now".into()), (u64::MAX, "Later".into())],
            };
            let out = vevent(&e, &tz);
            let field = |name: &str| out.lines().find_map(|l| l.strip_prefix(name)).unwrap_or_default().to_string();
            assert!(field("DTEND").len() > 1 && field("DTSTART").len() > 1, "{out}");
        }
    }

    /// One VALARM per distinct day count, inside the VEVENT, none on a
    /// cancelled event.
    #[test]
    fn reminders_are_alarms_inside_the_event() {
        let tz = TimeZone::UTC;
        let start = Moment::parse("2027-03-01T09:00:00Z", &tz).unwrap();
        let mut e = Event {
            uid: "a@x".into(),
            sequence: 0,
            cancelled: false,
            stamp: start.ts,
            start,
            end: None,
            summary: "[High] S".into(),
            description: "D".into(),
            url: "https://x/".into(),
            categories: Vec::new(),
            reminders: [7, 1, 7, 0].map(|d| (d, format!("{d} days: [High] S"))).to_vec(),
        };
        let out = vevent(&e, &tz);
        assert_eq!(out.matches("BEGIN:VALARM\r\nACTION:DISPLAY\r\n").count(), 3, "{out}");
        assert!(out.contains("DESCRIPTION:7 days: [High] S\r\nTRIGGER:-P7D\r\nEND:VALARM\r\n"), "{out}");
        assert!(out.contains("DESCRIPTION:1 days: [High] S\r\nTRIGGER:-P1D\r\n"), "{out}");
        assert!(out.contains("TRIGGER:PT0S\r\nEND:VALARM\r\nEND:VEVENT\r\n"), "{out}");
        e.cancelled = true;
        assert!(!vevent(&e, &tz).contains("VALARM"));
    }

    #[test]
    fn all_day_and_timed_events() {
        let tz = TimeZone::get("Europe/Amsterdam").unwrap();
        let day = Moment::parse("2027-03-01", &tz).unwrap();
        let timed = Moment::parse("2027-03-01T09:00:00+01:00", &tz).unwrap();
        let ev = |start, end| Event {
            uid: "a@x".into(),
            sequence: 2,
            cancelled: false,
            stamp: timed.ts,
            start,
            end,
            summary: "S".into(),
            description: "D".into(),
            url: "https://x/".into(),
            categories: vec!["high".into()],
            reminders: Vec::new(),
        };
        let (a, b) = (vevent(&ev(day, None), &tz), vevent(&ev(timed, None), &tz));
        let cal = calendar("C", "", [a.as_str(), b.as_str()]);
        assert!(cal.contains("DTSTART;VALUE=DATE:20270301\r\nDTEND;VALUE=DATE:20270302\r\n"), "{cal}");
        assert!(cal.contains("DTSTART:20270301T080000Z\r\nDTEND:20270301T083000Z\r\n"), "{cal}");
        assert!(cal.contains("SEQUENCE:2\r\n"));
        assert!(!cal.replace("\r\n", "").contains('\n'));
    }
}
