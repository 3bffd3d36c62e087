//! The plain-text twin of a newsletter issue, wrapped for an 80-column
//! terminal: the same sections and facts as the HTML, links as addresses.

use std::fmt::Write as _;

use super::{Field, Issue, NoticeItem};
use crate::locale::Locale;

/// Columns a character takes in a terminal or plain-text mail: two for
/// the wide characters of Chinese, Japanese and Korean, one otherwise.
fn columns(c: char) -> usize {
    match u32::from(c) {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Columns `s` takes (see [`columns`]).
fn width_of(s: &str) -> usize {
    s.chars().map(columns).sum()
}

/// The places a line may break inside `word`: between wide characters
/// (scripts written without spaces), nowhere in a run of narrow ones.
fn pieces(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, c) in word.char_indices() {
        let wide = columns(c) == 2;
        if at > start && (wide || word[..at].chars().next_back().is_some_and(|p| columns(p) == 2)) {
            out.push(&word[start..at]);
            start = at;
        }
    }
    out.push(&word[start..]);
    out
}

/// Word-wraps `text` to `width` columns, each line starting with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    let start = width_of(indent);
    let mut len = start;
    for word in text.split_ascii_whitespace() {
        for (i, piece) in pieces(word).into_iter().enumerate() {
            let w = width_of(piece);
            let mut space = usize::from(i == 0 && len > start);
            if len > start && len + space + w > width {
                out.push_str(line.trim_end());
                out.push('\n');
                line = String::from(indent);
                len = start;
                space = 0;
            }
            if space == 1 {
                line.push(' ');
                len += 1;
            }
            line.push_str(piece);
            len += w;
        }
    }
    out.push_str(line.trim_end());
    out
}

fn heading(out: &mut String, title: &str) {
    let _ = write!(out, "\n\n{title}\n{}\n", "-".repeat(width_of(title)));
}

/// A labelled field: one paragraph on the label's line; several, or a
/// list, on lines of their own below it (list items with a hanging indent).
fn labelled(out: &mut String, label: &str, f: &Field) {
    labelled_at(out, "  ", label, f);
}

/// [`labelled`] at `indent`.
fn labelled_at(out: &mut String, indent: &str, label: &str, f: &Field) {
    let paragraphs: Vec<&str> = f.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    if let [one] = paragraphs.as_slice()
        && !one.starts_with("- ")
    {
        let _ = writeln!(out, "{}", wrap(&format!("{label}: {one}"), 78, indent));
        return;
    }
    let _ = writeln!(out, "{indent}{label}:");
    for p in paragraphs {
        match p.strip_prefix("- ") {
            Some(item) => {
                let lines = wrap(item, 76, &format!("{indent}    "));
                let _ = writeln!(out, "{indent}  - {}", lines.trim_start());
            }
            None => {
                let _ = writeln!(out, "{}", wrap(p, 78, &format!("{indent}  ")));
            }
        }
    }
}

fn notice(out: &mut String, n: &NoticeItem, loc: &Locale) {
    let _ = write!(out, "\n* {}\n", wrap(&n.title, 78, "  ").trim_start());
    let kind = n.kind_label.as_ref().map_or(String::new(), |k| format!("{k} · "));
    let _ = writeln!(
        out,
        "{}",
        wrap(&format!("{kind}{} · {}: {} ({})", n.impact_label, n.when_label, n.when, n.countdown), 78, "  ")
    );
    if let Some(note) = &n.note {
        labelled(out, &format!("{} {}", note.label, note.date), &note.body);
    }
    if !n.audience.is_empty() {
        let _ = writeln!(out, "{}", wrap(&loc.fill("newsletter_affects", &[("audience", &n.audience)]), 78, "  "));
    }
    let _ = writeln!(out, "{}", wrap(&n.summary, 78, "  "));
    if let Some(w) = &n.workaround {
        labelled(out, loc.text("newsletter_what_to_do"), w);
    }
    if let Some(p) = &n.price {
        let _ = writeln!(out, "{}", wrap(&loc.fill("newsletter_price", &[("price", p)]), 78, "  "));
    }
    if let Some(d) = &n.data {
        let _ =
            writeln!(out, "{}", wrap(&loc.fill("newsletter_your_data", &[("text", &d.disposition_text)]), 78, "  "));
        if let Some(f) = &d.details {
            labelled_at(out, "    ", loc.text("newsletter_details"), f);
        }
        if let Some(at) = &d.available_again {
            let _ = writeln!(out, "{}", wrap(&loc.fill("newsletter_available_again", &[("date", at)]), 78, "    "));
        }
        if let Some(f) = &d.access {
            labelled_at(out, "    ", loc.text("newsletter_how_to_reach"), f);
        }
        if let Some(f) = &d.export {
            labelled_at(out, "    ", loc.text("newsletter_keep_copy"), f);
        }
    }
    let _ = writeln!(out, "  {}", n.url);
}

/// The plain-text twin of an issue.
pub(crate) fn text(issue: &Issue, loc: &Locale) -> String {
    let mut out = String::new();
    out.push_str(&wrap(&issue.title, 78, ""));
    let _ = write!(
        out,
        "\n{}\n{}\n{}",
        "=".repeat(width_of(&issue.title).min(78)),
        issue.period,
        loc.fill("newsletter_on_the_web", &[("url", &issue.links.web)])
    );
    for s in &issue.sections {
        heading(&mut out, &s.title);
        if s.items.is_empty() {
            let _ = writeln!(out, "\n{}", s.empty);
        }
        for n in &s.items {
            notice(&mut out, n, loc);
        }
        if s.more > 0 {
            let _ = writeln!(out, "\n  {}", loc.count("newsletter_more", s.more as u64, &[("url", &s.more_url)]));
        }
    }
    heading(&mut out, loc.text("newsletter_improvements_heading"));
    if issue.improvements.is_empty() {
        let _ = writeln!(out, "\n{}", loc.text("newsletter_no_improvements"));
    }
    for i in &issue.improvements {
        let _ = write!(out, "\n* {}\n", wrap(&format!("{}: {}", i.status_label, i.title), 78, "  ").trim_start());
        let _ = writeln!(out, "  {}", i.date);
        if let Some(a) = &i.asked {
            let _ = writeln!(out, "{}", wrap(a, 78, "  "));
        }
        if let Some(q) = &i.quote {
            let _ = writeln!(out, "{}", wrap(&format!("“{q}”"), 78, "  "));
        }
        let _ = writeln!(out, "{}", wrap(&i.summary, 78, "  "));
        if let Some(eta) = &i.eta {
            let _ = writeln!(out, "{}", wrap(&loc.fill("newsletter_expected", &[("eta", eta)]), 78, "  "));
        }
        if let Some(r) = &i.reason {
            labelled(&mut out, loc.text("newsletter_why_not"), r);
        }
        let _ = writeln!(out, "  {}", i.url);
    }
    if issue.improvements_more > 0 {
        let more = loc.count("newsletter_more", issue.improvements_more as u64, &[("url", &issue.links.improvements)]);
        let _ = writeln!(out, "\n  {more}");
    }
    out.push_str("\n--\n");
    let links = [
        ("newsletter_all_notices", &issue.links.notices),
        ("newsletter_past_issues", &issue.links.archive),
        ("newsletter_feed", &issue.links.rss),
        ("newsletter_calendar", &issue.links.calendar),
    ];
    for (key, url) in links {
        let _ = writeln!(out, "{}: {url}", loc.text(key));
    }
    if let Some(u) = &issue.links.unsubscribe {
        let how = u
            .strip_prefix("mailto:")
            .map_or(u.clone(), |a| loc.fill("newsletter_write_to", &[("address", a.split('?').next().unwrap_or(a))]));
        let _ = writeln!(out, "{}: {how}", loc.text("newsletter_unsubscribe"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_to_the_width() {
        let t = wrap(&"word ".repeat(40), 78, "  ");
        assert!(t.lines().all(|l| l.chars().count() <= 78 && l.starts_with("  ")), "{t}");
    }

    #[test]
    fn wraps_scripts_written_without_spaces_by_columns() {
        let t = wrap(&"変更のお知らせです。".repeat(20), 78, "  ");
        assert!(t.lines().count() > 1, "{t}");
        assert!(t.lines().all(|l| width_of(l) <= 78 && l.starts_with("  ")), "{t}");
        assert_eq!(wrap("API v2 を使う", 78, ""), "API v2 を使う");
    }
}
