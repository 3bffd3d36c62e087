//! Rules about when a change lands: on a business day, not in a pile of
//! other big changes for the same people, and, when it cannot wait, with
//! an emergency that says what forced it.

use std::collections::BTreeMap;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::{Finding, NoticeCx};
use crate::config::Checklist;
use crate::content::model::{Emergency, Notice};
use crate::site::Site;
use crate::words::{ChangeKind, Impact, Level};

/// The earliest `effective` that gives `days` of notice after `published`,
/// on a business day outside every freeze window, as text to paste into
/// front matter (see [`suggest`]). `None` when out of range.
pub fn earliest_effective(
    published: Timestamp,
    days: i64,
    checklist: &Checklist,
    tz: &TimeZone,
    date_only: bool,
) -> Option<String> {
    let earliest = published.checked_add(SignedDuration::from_hours(24_i64.checked_mul(days)?)).ok()?;
    suggest(earliest, checklist, tz, date_only)
}

/// The first good moment at or after `at` as text to paste into front
/// matter: a business day outside every freeze window; a date when the
/// notice uses bare dates (the first day whose midnight in `tz` is late
/// enough), otherwise a local datetime in `tz` rounded up to the minute.
pub(super) fn suggest(at: Timestamp, checklist: &Checklist, tz: &TimeZone, date_only: bool) -> Option<String> {
    if date_only {
        let mut date = at.to_zoned(tz.clone()).date();
        if date.to_zoned(tz.clone()).ok()?.timestamp() < at {
            date = date.tomorrow().ok()?;
        }
        let good = checklist.next_good_moment(date.to_zoned(tz.clone()).ok()?.timestamp(), tz)?;
        return Some(good.to_zoned(tz.clone()).date().to_string());
    }
    let zoned = at.to_zoned(tz.clone());
    let into_minute = SignedDuration::from_secs(i64::from(zoned.second()))
        + SignedDuration::from_nanos(i64::from(zoned.subsec_nanosecond()));
    let rounded =
        if into_minute.is_zero() { at } else { at.checked_add(SignedDuration::from_mins(1) - into_minute).ok()? };
    let good = checklist.next_good_moment(rounded, tz)?;
    Some(good.to_zoned(tz.clone()).strftime("%Y-%m-%dT%H:%M").to_string())
}

/// Days of notice `cx.notice` needs: a maintenance window's scale with its
/// length (short windows disturb less), anything else's with its impact.
pub(super) fn lead_days(cx: &NoticeCx<'_>) -> i64 {
    let n = cx.notice;
    let by_impact = cx.config.checklist.lead_time(n.impact);
    let Some(ends) = n.ends.filter(|_| n.kind == ChangeKind::Maintenance) else {
        return by_impact;
    };
    let window = ends.ts.duration_since(n.effective.ts);
    let [short, day] = cx.config.checklist.maintenance_lead_days;
    if window <= SignedDuration::from_hours(4) {
        short
    } else if window <= SignedDuration::from_hours(24) {
        day
    } else {
        by_impact
    }
}

/// How far ahead of `effective` customers heard of a change, in words:
/// "14 days ahead", "20 hours ahead", "after it took effect".
pub(super) fn ahead_text(ahead: SignedDuration) -> String {
    let days = ahead.as_secs().div_euclid(86_400);
    if ahead < SignedDuration::ZERO {
        "after it took effect".to_string()
    } else if days == 0 {
        format!("{} hours ahead", ahead.as_hours())
    } else {
        format!("{} ahead", crate::diagnostic::plural(days.unsigned_abs() as usize, "day"))
    }
}

/// Fewest words an `[emergency] reason` needs: one word ("security") names
/// a kind, it does not explain.
const REASON_WORDS: usize = 3;

/// Why `e` does not exempt a notice from lead times, if it does not.
pub(super) fn emergency_gap(e: &Emergency) -> Option<Finding> {
    let words = e.reason.split_whitespace().count();
    let (key, what): (&'static [&'static str], String) = match (e.kind, words) {
        (None, _) => (&["emergency"], "the `emergency` exemption needs a `kind`".into()),
        (Some(_), 0) => (&["emergency"], "the `emergency` exemption needs a `reason`".into()),
        (Some(_), n) if n < REASON_WORDS => (
            &["emergency", "reason"],
            format!(
                "the `emergency` reason is {}: it must say why the change could not wait",
                crate::diagnostic::plural(n, "word")
            ),
        ),
        _ => return None,
    };
    Some(Finding::new(
        Level::Deny,
        key,
        what,
        "write `[emergency]` with `kind = \"security\"` (or \"legal\", \"incident\", \"third-party\") and a `reason` of a sentence: what forced the change and why it could not be announced in time",
    ))
}

/// Whether `n` is exempt from lead times: an emergency with a kind and a
/// reason.
pub(super) fn exempt(n: &Notice) -> bool {
    n.emergency.as_ref().is_some_and(|e| emergency_gap(e).is_none())
}

/// Whether the business-day and cluster rules look at `n`: a high or
/// breaking change that will happen (maintenance windows are planned for
/// quiet hours, often on purpose at weekends).
fn weighty(n: &Notice) -> bool {
    n.impact >= Impact::High && n.kind != ChangeKind::Maintenance && n.withdrawn.is_none()
}

pub(super) fn business_day(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    // An emergency lands when it must; a date that passed cannot move.
    if !weighty(n) || exempt(n) || n.effective.ts <= cx.now {
        return Vec::new();
    }
    let (checklist, tz) = (&cx.config.checklist, &cx.config.timezone);
    let day = n.effective.in_zone(tz).date();
    if checklist.is_business_day(day) {
        return Vec::new();
    }
    let what = if checklist.holidays.contains(&day) { "a public holiday" } else { "a weekend day" };
    let help = match suggest(n.effective.ts, checklist, tz, n.effective.date_only) {
        Some(date) => {
            format!("move `effective` to a business day, e.g. {date}, when customers and their support are at work")
        }
        None => "move `effective` to a business day, when customers and their support are at work".into(),
    };
    vec![Finding::new(
        Level::Warn,
        &["effective"],
        format!("takes effect on {} ({what}) in {}", day.strftime("%A %Y-%m-%d"), cx.config.timezone_name),
        help,
    )]
}

/// The window `change-cluster` counts in.
const CLUSTER_WINDOW: SignedDuration = SignedDuration::from_hours(7 * 24);

/// More than `[checklist] cluster_max` high or breaking notices still ahead
/// for one audience taking effect within 7 days: each of them gets a finding naming
/// the others. Returns indexes into `site.notices`.
pub(super) fn change_cluster(site: &Site) -> Vec<(usize, Finding)> {
    let max = usize::try_from(site.config.checklist.cluster_max).unwrap_or(usize::MAX);
    // Audiences as readers would group them: case and spacing aside.
    let mut by_audience: BTreeMap<String, (&str, Vec<usize>)> = BTreeMap::new();
    // A date that passed cannot be moved: only changes still ahead count.
    let ahead = site.notices.iter().enumerate().filter(|(_, n)| weighty(n) && n.effective.ts > site.now);
    for (i, n) in ahead {
        for a in &n.audience {
            let members = &mut by_audience.entry(a.trim().to_lowercase()).or_insert_with(|| (a.trim(), Vec::new())).1;
            // One notice naming an audience twice counts once.
            if members.last() != Some(&i) {
                members.push(i);
            }
        }
    }
    // Per notice, the others it clusters with, and an audience they share.
    let mut crowd: BTreeMap<usize, (Vec<usize>, &str)> = BTreeMap::new();
    for (audience, members) in by_audience.values_mut() {
        members.sort_by_key(|&i| site.notices[i].effective.ts);
        let mut end = 0;
        for start in 0..members.len() {
            let from = site.notices[members[start]].effective.ts;
            end = end.max(start);
            while end + 1 < members.len()
                && site.notices[members[end + 1]].effective.ts.duration_since(from) < CLUSTER_WINDOW
            {
                end += 1;
            }
            if end - start < max {
                continue;
            }
            let window = &members[start..=end];
            for &i in window {
                crowd.entry(i).or_insert_with(|| (Vec::new(), audience)).0.extend(window.iter().filter(|&&j| j != i));
            }
        }
    }
    let tz = &site.config.timezone;
    crowd
        .into_iter()
        .map(|(i, (mut others, audience))| {
            others.sort_by_key(|&j| (site.notices[j].effective.ts, j));
            others.dedup();
            let names: Vec<String> = others
                .iter()
                .map(|&j| {
                    let o = &site.notices[j];
                    format!("\"{}\" ({})", o.title, o.effective.in_zone(tz).strftime("%Y-%m-%d"))
                })
                .collect();
            let count = others.len() + 1;
            let listed = if names.is_empty() { String::new() } else { format!(", {}", names.join(", ")) };
            let finding = Finding::new(
                Level::Warn,
                &["effective"],
                format!(
                    "{} for \"{audience}\" {} effect within 7 days, more than `cluster_max` ({max}): this one{listed}",
                    crate::diagnostic::plural(count, "high or breaking change"),
                    if count == 1 { "takes" } else { "take" },
                ),
                "spread them out: move the least urgent a week or more from the others (`[checklist] cluster_max` is the most one audience should meet in 7 days)",
            );
            (i, finding)
        })
        .collect()
}
