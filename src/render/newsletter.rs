//! The email newsletter: what is coming up (within `horizon_days`), what took
//! effect in the period, and what was improved from feedback. The HTML comes
//! from the theme's `newsletter.html` with every CSS rule inlined (mail
//! clients drop `<style>`; the dark-mode `@media` block is kept); the plain
//! text twin is wrapped for an 80-column terminal.

use std::fmt::Write as _;

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use super::view::{TimeView, disposition_text, impact_label, permalink, relative};
use crate::content::markdown;
use crate::content::model::{Improvement, Notice, State};
use crate::site::Site;

/// Items per section at most, so the email stays small (Gmail clips at
/// about 100 KB).
const MAX_PER_SECTION: usize = 25;

/// The period an issue covers.
#[derive(Clone, Copy, Debug)]
pub struct Period {
    /// Start (inclusive).
    pub since: Timestamp,
    /// End (inclusive); "now" for the issue.
    pub until: Timestamp,
}

#[derive(Serialize)]
struct NoticeItem {
    title: String,
    url: String,
    impact: &'static str,
    impact_label: &'static str,
    effective: String,
    countdown: String,
    summary: String,
    workaround: Option<String>,
    data: Option<&'static str>,
    audience: String,
    /// "€10 a month now; €12 a month from 1 March 2027" (pricing changes).
    price: Option<String>,
}

#[derive(Serialize)]
struct ImprovementItem {
    title: String,
    url: String,
    status_label: &'static str,
    date: String,
    summary: String,
    asked: Option<String>,
}

/// One issue's content.
#[derive(Serialize)]
pub(crate) struct Issue {
    title: String,
    period: String,
    coming_up: Vec<NoticeItem>,
    coming_up_more: usize,
    in_effect: Vec<NoticeItem>,
    in_effect_more: usize,
    improvements: Vec<ImprovementItem>,
    improvements_more: usize,
    horizon_days: u64,
    links: Links,
}

#[derive(Serialize)]
struct Links {
    site: String,
    notices: String,
    improvements: String,
    rss: String,
    calendar: String,
}

fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a).trim_end_matches([',', ';', ':', '.']);
    format!("{cut}…")
}

/// A markdown field as one line of text: paragraphs and list items joined.
fn one_line(source: &str) -> String {
    markdown::to_text(source).split("\n\n").map(|p| p.trim_start_matches("- ")).collect::<Vec<_>>().join(" ")
}

fn notice_item(site: &Site, n: &Notice, now: Timestamp) -> NoticeItem {
    let tz = &site.config.timezone;
    NoticeItem {
        title: n.title.clone(),
        url: permalink(site, &crate::url::notice(&n.slug)),
        impact: n.impact.as_str(),
        impact_label: impact_label(n.impact),
        effective: TimeView::new(n.effective, tz).display,
        countdown: relative(n.effective.ts, now),
        summary: shorten(&n.summary_text, 280),
        workaround: n.workaround.as_ref().filter(|w| !w.is_blank()).map(|w| shorten(&one_line(&w.source), 220)),
        data: n.disposition().map(disposition_text),
        audience: n.audience.join(", "),
        price: super::view::price_text(n, tz),
    }
}

fn improvement_item(site: &Site, i: &Improvement) -> ImprovementItem {
    let fb = i.feedback.as_ref();
    ImprovementItem {
        title: i.title.clone(),
        url: permalink(site, &crate::url::improvement(&i.slug)),
        status_label: i.status.label(),
        date: TimeView::new(i.date, &site.config.timezone).date,
        summary: shorten(&i.summary_text, 240),
        asked: fb.and_then(|f| f.source.as_ref()).map(|s| match fb.and_then(|f| f.requests) {
            Some(n) if n > 1 => format!("{n} requests through {s}"),
            _ => format!("Asked through {s}"),
        }),
    }
}

fn capped<T>(mut v: Vec<T>) -> (Vec<T>, usize) {
    let more = v.len().saturating_sub(MAX_PER_SECTION);
    v.truncate(MAX_PER_SECTION);
    (v, more)
}

/// Chooses what goes into the issue for `period`.
pub(crate) fn issue(site: &Site, period: Period) -> Issue {
    let tz = &site.config.timezone;
    let now = period.until;
    let horizon =
        now.checked_add(SignedDuration::from_hours(24 * site.config.newsletter_horizon_days as i64)).unwrap_or(now);
    let (coming_up, coming_up_more) = capped(
        site.notices
            .iter()
            .filter(|n| n.state(now) == State::Upcoming && n.effective.ts <= horizon)
            .map(|n| notice_item(site, n, now))
            .collect(),
    );
    let (in_effect, in_effect_more) = capped(
        site.notices
            .iter()
            .filter(|n| period.since <= n.effective.ts && n.effective.ts <= now)
            .map(|n| notice_item(site, n, now))
            .collect(),
    );
    let (improvements, improvements_more) = capped(
        site.improvements
            .iter()
            .filter(|i| period.since <= i.date.ts && i.date.ts <= now)
            .map(|i| improvement_item(site, i))
            .collect(),
    );
    let day = |t: Timestamp| t.to_zoned(tz.clone()).strftime("%-d %B %Y").to_string();
    Issue {
        title: format!("{}: {}", site.config.title, day(now)),
        period: format!("{} to {}", day(period.since), day(now)),
        coming_up,
        coming_up_more,
        in_effect,
        in_effect_more,
        improvements,
        improvements_more,
        horizon_days: site.config.newsletter_horizon_days,
        links: Links {
            site: permalink(site, "/"),
            notices: permalink(site, crate::url::NOTICES),
            improvements: permalink(site, crate::url::IMPROVEMENTS),
            rss: permalink(site, "/feed.xml"),
            calendar: permalink(site, "/calendar.ics"),
        },
    }
}

/// Inlines every CSS rule of `html` into `style` attributes; `@media` rules
/// stay in a `<style>` block.
pub(crate) fn inline_css(html: &str) -> Result<String, String> {
    let inliner = css_inline::CSSInliner::options().keep_at_rules(true).load_remote_stylesheets(false).build();
    inliner.inline(html).map_err(|e| format!("cannot inline the newsletter's CSS: {e}"))
}

/// Word-wraps `text` to `width` columns, each line starting with `indent`.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    let mut len = indent.chars().count();
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if len > indent.chars().count() && len + 1 + w > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
            len = indent.chars().count();
        }
        if len > indent.chars().count() {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += w;
    }
    out.push_str(line.trim_end());
    out
}

fn heading(out: &mut String, title: &str) {
    let _ = write!(out, "\n\n{title}\n{}\n", "-".repeat(title.chars().count()));
}

/// The plain-text twin of an issue.
pub(crate) fn text(issue: &Issue) -> String {
    let mut out = String::new();
    out.push_str(&wrap(&issue.title, 78, ""));
    let _ = write!(out, "\n{}\n{}", "=".repeat(issue.title.chars().count().min(78)), issue.period);
    let notices = |out: &mut String, items: &[NoticeItem], more: usize| {
        for n in items {
            let _ = write!(out, "\n* {}\n", wrap(&n.title, 78, "  ").trim_start());
            let _ =
                writeln!(out, "{}", wrap(&format!("{} · {} ({})", n.impact_label, n.effective, n.countdown), 78, "  "));
            if !n.audience.is_empty() {
                let _ = writeln!(out, "{}", wrap(&format!("Affects: {}", n.audience), 78, "  "));
            }
            let _ = writeln!(out, "{}", wrap(&n.summary, 78, "  "));
            if let Some(w) = &n.workaround {
                let _ = writeln!(out, "{}", wrap(&format!("What to do: {w}"), 78, "  "));
            }
            if let Some(p) = &n.price {
                let _ = writeln!(out, "{}", wrap(&format!("Price: {p}"), 78, "  "));
            }
            if let Some(d) = n.data {
                let _ = writeln!(out, "{}", wrap(&format!("Your data: {d}"), 78, "  "));
            }
            let _ = writeln!(out, "  {}", n.url);
        }
        if more > 0 {
            let _ = writeln!(out, "\n  …and {more} more on the site.");
        }
    };
    heading(&mut out, &format!("Coming up in the next {} days", issue.horizon_days));
    if issue.coming_up.is_empty() {
        out.push_str("\nNothing is scheduled.\n");
    }
    notices(&mut out, &issue.coming_up, issue.coming_up_more);
    heading(&mut out, "Now in effect");
    if issue.in_effect.is_empty() {
        out.push_str("\nNo changes took effect in this period.\n");
    }
    notices(&mut out, &issue.in_effect, issue.in_effect_more);
    heading(&mut out, "You asked, we did");
    if issue.improvements.is_empty() {
        out.push_str("\nNo improvements were logged in this period.\n");
    }
    for i in &issue.improvements {
        let _ = write!(out, "\n* {}\n", wrap(&format!("{}: {}", i.status_label, i.title), 78, "  ").trim_start());
        let _ = writeln!(out, "  {}", i.date);
        if let Some(a) = &i.asked {
            let _ = writeln!(out, "{}", wrap(a, 78, "  "));
        }
        let _ = writeln!(out, "{}", wrap(&i.summary, 78, "  "));
        let _ = writeln!(out, "  {}", i.url);
    }
    if issue.improvements_more > 0 {
        let _ = writeln!(out, "\n  …and {} more on the site.", issue.improvements_more);
    }
    let _ = write!(
        out,
        "\n--\nAll notices: {}\nFeed: {}\nCalendar: {}\n",
        issue.links.notices, issue.links.rss, issue.links.calendar
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_to_the_width() {
        let t = wrap(&"word ".repeat(40), 78, "  ");
        assert!(t.lines().all(|l| l.chars().count() <= 78 && l.starts_with("  ")), "{t}");
        assert_eq!(shorten("one two three four", 9), "one two…");
    }
}
