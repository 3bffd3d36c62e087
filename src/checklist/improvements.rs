//! The rules for improvement entries: each names the feedback it answers,
//! and gives an answer customers can use (a date for planned work, a reason
//! for a refusal, a place for what already exists).

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{Finding, blank};
use crate::content::model::Improvement;
use crate::words::{Level, Status};

/// The last moment an `eta` covers: a date (`2027-03-01`), a month
/// (`2027-03`) or a quarter (`2027-Q1`); `None` for anything else ("soon").
fn eta_end(eta: &str) -> Option<jiff::civil::Date> {
    let eta = eta.trim();
    if let Ok(date) = eta.get(..10).unwrap_or(eta).parse::<jiff::civil::Date>() {
        return Some(date);
    }
    let (year, rest) = eta.split_once('-')?;
    let year: i16 = year.parse().ok()?;
    let last_month: i8 = match rest.to_ascii_uppercase().as_str() {
        q if q.len() == 2 && q.starts_with('Q') => 3 * q[1..].parse::<i8>().ok().filter(|q| (1..=4).contains(q))?,
        m if m.len() == 2 => m.parse::<i8>().ok().filter(|m| (1..=12).contains(m))?,
        _ => return None,
    };
    jiff::civil::Date::new(year, last_month, 1).ok()?.last_of_month().into()
}

/// Whether an answer says nothing: empty, one or two words, or a stock
/// phrase.
fn says_nothing(text: Option<&str>) -> bool {
    let Some(text) = text else { return true };
    let words: Vec<String> =
        text.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).collect();
    let stock =
        ["not planned", "no plans", "wont fix", "won't fix", "wontfix", "not a priority", "out of scope", "by design"];
    words.len() < 3 || stock.iter().any(|s| words.join(" ") == *s)
}

pub(super) fn stale_eta(i: &Improvement, now: Timestamp, tz: &TimeZone) -> Vec<Finding> {
    if i.status != Status::Planned {
        return Vec::new();
    }
    let Some(end) = i.eta.as_deref().and_then(eta_end) else { return Vec::new() };
    // The day ends at midnight in the site's zone.
    let passed = end.tomorrow().ok().and_then(|d| d.to_zoned(tz.clone()).ok()).is_some_and(|z| z.timestamp() <= now);
    if !passed {
        return Vec::new();
    }
    vec![Finding::new(
        Level::Warn,
        &["eta"],
        format!("the `eta` {} has passed and the entry still says planned", i.eta.as_deref().unwrap_or_default()),
        "mark it shipped (with its date), give a new `eta` and say why it moved, or decline it with a reason",
    )]
}

pub(super) fn improvement_feedback(i: &Improvement, _now: Timestamp, _tz: &TimeZone) -> Vec<Finding> {
    let mut out = Vec::new();
    if i.feedback.as_ref().is_none_or(|f| blank(f.source.as_deref())) {
        let key: &'static [&'static str] = if i.feedback.is_some() { &["feedback", "source"] } else { &["feedback"] };
        out.push(Finding::new(
            Level::Warn,
            key,
            "the entry does not name the feedback it answers",
            "add `[feedback]` with `source = \"…\"` (and `requests`, a `quote`)",
        ));
    }
    if i.status == Status::Planned && blank(i.eta.as_deref()) {
        out.push(Finding::new(
            Level::Deny,
            &["status"],
            "a planned improvement needs an `eta`",
            "add `eta = \"2027-Q1\"` (or a date): roughly when customers can expect it",
        ));
    } else if let Some(eta) = i.eta.as_deref().filter(|e| !e.trim().is_empty() && eta_end(e).is_none()) {
        out.push(Finding::new(
            Level::Deny,
            &["eta"],
            format!("`eta` must be a date, a month or a quarter, found `{eta}`"),
            "write `eta = \"2027-Q1\"`, `eta = \"2027-03\"` or `eta = 2027-03-15`: customers plan by it",
        ));
    }
    let reason = i.reason.as_ref().map(|m| m.source.as_str());
    if i.status == Status::Declined && blank(reason) {
        out.push(Finding::new(
            Level::Deny,
            &["status"],
            "a declined request needs a `reason`",
            "add `reason = \"…\"`: an honest explanation for the customers who asked",
        ));
    } else if i.status == Status::Declined && says_nothing(reason) {
        out.push(Finding::new(
            Level::Deny,
            &["reason"],
            "the `reason` says nothing the customers who asked can use",
            "say why in a sentence: what it would cost, what it conflicts with, or what customers can do instead",
        ));
    }
    if i.status == Status::Exists && says_nothing(reason) {
        out.push(Finding::new(
            Level::Deny,
            if blank(reason) { &["status"] } else { &["reason"] },
            "an `exists` answer needs a `reason` that says where to find it",
            "add `reason = \"…\"`: where the feature is and how to use it (a link helps)",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_eta_is_a_date_a_month_or_a_quarter() {
        let date = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        assert_eq!(eta_end("2027-03-15"), Some(date("2027-03-15")));
        assert_eq!(eta_end("2027-02"), Some(date("2027-02-28")));
        assert_eq!(eta_end("2027-q4"), Some(date("2027-12-31")));
        for bad in ["soon", "2027-Q5", "2027-13", "Q1 2027", ""] {
            assert_eq!(eta_end(bad), None, "{bad}");
        }
    }

    #[test]
    fn stock_answers_say_nothing() {
        assert!(says_nothing(Some("Not planned.")));
        assert!(says_nothing(Some("Out of scope.")));
        assert!(says_nothing(None));
        assert!(!says_nothing(Some("It would double the cost of every export.")));
    }
}
