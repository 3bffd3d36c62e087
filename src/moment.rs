//! Points in time as front matter writes them: a bare date (midnight in the
//! site's time zone), a local datetime (in the site's zone), a datetime with
//! an offset, or one with an IANA zone in brackets (RFC 9557).

use std::fmt;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// A moment from front matter: an exact instant, remembering whether only a
/// date was written (so pages can show "3 March 2027" instead of "00:00").
#[derive(Clone, Copy, Debug)]
pub struct Moment {
    /// The instant.
    pub ts: Timestamp,
    /// True when the source gave a date without a time.
    pub date_only: bool,
}

// Two moments are equal when they are the same instant, however written:
// `2026-12-01` and `2026-12-01T00:00:00Z` in a UTC site are the same moment.
impl PartialEq for Moment {
    fn eq(&self, other: &Moment) -> bool {
        self.ts == other.ts
    }
}

impl Eq for Moment {}

impl PartialOrd for Moment {
    fn partial_cmp(&self, other: &Moment) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Moment {
    fn cmp(&self, other: &Moment) -> std::cmp::Ordering {
        self.ts.cmp(&other.ts)
    }
}

impl std::hash::Hash for Moment {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.ts.hash(state);
    }
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Moment {
    /// Parses `text` as written in front matter; bare dates and local times
    /// are taken in `tz`. Years outside 1970–9999 are refused (typos such as
    /// `0202-03-01` would otherwise pass every check).
    ///
    /// The last instant jiff can hold is 9999-12-30T22:00Z: later moments
    /// (`9999-12-31`) are refused as out of range too, here at load time,
    /// so `check` and `build` agree on them.
    pub fn parse(text: &str, tz: &TimeZone) -> Result<Moment, DateError> {
        let m = Moment::parse_any(text, tz).map_err(|e| if past_the_end(text) { out_of_range(text) } else { e })?;
        let year = m.ts.to_zoned(TimeZone::UTC).year();
        if !(1970..=9999).contains(&year) {
            return Err(DateError(format!("`{}` is out of range: years 1970 to 9999 are accepted", text.trim())));
        }
        Ok(m)
    }

    fn parse_any(text: &str, tz: &TimeZone) -> Result<Moment, DateError> {
        let text = text.trim();
        let year: Option<i32> = text.get(..4).and_then(|y| y.parse().ok());
        if year.is_some_and(|y| !(1970..=9999).contains(&y)) || text.starts_with(['+', '-']) {
            return Err(DateError(format!("`{text}` is out of range: years 1970 to 9999 are accepted")));
        }
        if text.contains('[') {
            return text
                .parse::<Zoned>()
                .map(|z| Moment { ts: z.timestamp(), date_only: false })
                .map_err(|e| DateError(format!("`{text}` is not a valid zoned datetime: {e}")));
        }
        let has_time = text.len() > 10;
        if has_time {
            if let Ok(ts) = text.parse::<Timestamp>() {
                return Ok(Moment { ts, date_only: false });
            }
            return match text.parse::<DateTime>() {
                Ok(dt) => dt
                    .to_zoned(tz.clone())
                    .map(|z| Moment { ts: z.timestamp(), date_only: false })
                    .map_err(|e| DateError(format!("`{text}` cannot be placed in the site's time zone: {e}"))),
                Err(e) => Err(DateError(format!("`{text}` is not a valid datetime: {}", short(&e)))),
            };
        }
        match text.parse::<Date>() {
            Ok(d) => d
                .to_zoned(tz.clone())
                .map(|z| Moment { ts: z.timestamp(), date_only: true })
                .map_err(|e| DateError(format!("`{text}` cannot be placed in the site's time zone: {e}"))),
            Err(e) => Err(DateError(format!("`{text}` is not a valid date: {}", short(&e)))),
        }
    }

    /// The last instant of the day this moment falls on, in `tz` (for bare
    /// end dates, which include that whole day, DST changes included).
    pub fn end_of_day(&self, tz: &TimeZone) -> Moment {
        let next = self.in_zone(tz).date().tomorrow().ok().and_then(|d| d.to_zoned(tz.clone()).ok());
        // A day whose end jiff cannot hold lasts to the last instant it can.
        let ts = next
            .and_then(|z| z.timestamp().checked_sub(jiff::SignedDuration::from_nanos(1)).ok())
            .unwrap_or(Timestamp::MAX);
        Moment { ts, date_only: self.date_only }
    }

    /// The moment in the zone `tz`.
    pub fn in_zone(&self, tz: &TimeZone) -> Zoned {
        self.ts.to_zoned(tz.clone())
    }
}

/// Whether `text` starts with a date on the last two days of year 9999,
/// where a moment can fall past the last instant jiff can hold.
fn past_the_end(text: &str) -> bool {
    let last = jiff::civil::date(9999, 12, 30);
    text.trim().get(..10).and_then(|d| d.parse::<Date>().ok()).is_some_and(|d| d >= last)
}

fn out_of_range(text: &str) -> DateError {
    DateError(format!(
        "`{}` is out of range: moments up to 9999-12-30T22:00:00Z (the end of the supported calendar) are accepted",
        text.trim()
    ))
}

fn short(e: &jiff::Error) -> String {
    // jiff's messages chain causes with ": "; the last part names the problem.
    let s = e.to_string();
    s.rsplit(": ").next().unwrap_or(&s).to_string()
}

/// Looks up an IANA time zone name (`Europe/Amsterdam`, `UTC`).
pub fn time_zone(name: &str) -> Result<TimeZone, DateError> {
    TimeZone::get(name).map_err(|_| {
        DateError(format!(
            "`{name}` is not a known IANA time zone (for example `UTC`, `Europe/Amsterdam`, `America/New_York`)"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ams() -> TimeZone {
        time_zone("Europe/Amsterdam").unwrap()
    }

    #[test]
    fn bare_dates_are_midnight_in_the_site_zone() {
        let m = Moment::parse("2027-03-01", &ams()).unwrap();
        assert!(m.date_only);
        assert_eq!(m.ts.to_string(), "2027-02-28T23:00:00Z");
    }

    #[test]
    fn offsets_zones_and_local_times() {
        let utc = TimeZone::UTC;
        let m = Moment::parse("2027-03-01T09:00:00+01:00", &utc).unwrap();
        assert_eq!(m.ts.to_string(), "2027-03-01T08:00:00Z");
        let m = Moment::parse("2027-07-01T09:00:00[Europe/Amsterdam]", &utc).unwrap();
        assert_eq!(m.ts.to_string(), "2027-07-01T07:00:00Z");
        let m = Moment::parse("2027-07-01T09:00:00", &ams()).unwrap();
        assert_eq!(m.ts.to_string(), "2027-07-01T07:00:00Z");
        let m = Moment::parse("2027-07-01 09:00:00Z", &utc).unwrap();
        assert!(!m.date_only);
    }

    #[test]
    fn impossible_dates_and_zones_are_errors() {
        assert!(Moment::parse("2027-02-30", &TimeZone::UTC).is_err());
        assert!(Moment::parse("2027-13-01T00:00:00Z", &TimeZone::UTC).is_err());
        assert!(Moment::parse("next tuesday", &TimeZone::UTC).is_err());
        assert!(Moment::parse("2027-01-01T00:00:00[Mars/Olympus]", &TimeZone::UTC).is_err());
        assert!(time_zone("Mars/Olympus").is_err());
    }

    #[test]
    fn moments_past_the_end_of_the_calendar_are_out_of_range() {
        for text in ["9999-12-31", "9999-12-31T23:59:59Z", "9999-12-31T00:00:00+01:00", "9999-12-30T23:00:00Z"] {
            let e = Moment::parse(text, &TimeZone::UTC).unwrap_err();
            assert!(e.0.contains("out of range"), "{text}: {e}");
        }
        let last = Moment::parse("9999-12-30T22:00:00Z", &TimeZone::UTC).unwrap();
        assert_eq!(last.end_of_day(&TimeZone::UTC).ts, Timestamp::MAX);
    }
}
