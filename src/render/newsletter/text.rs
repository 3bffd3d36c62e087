//! The plain-text twin of a newsletter issue, wrapped for an 80-column
//! terminal: the same sections and facts as the HTML, links as addresses.

use std::fmt::Write as _;

use super::{Field, Issue, NoticeItem};

/// Word-wraps `text` to `width` columns, each line starting with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
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

fn notice(out: &mut String, n: &NoticeItem) {
    let _ = write!(out, "\n* {}\n", wrap(&n.title, 78, "  ").trim_start());
    let kind = n.kind_label.map_or(String::new(), |k| format!("{k} · "));
    let _ = writeln!(
        out,
        "{}",
        wrap(&format!("{kind}{} · {}: {} ({})", n.impact_label, n.when_label, n.when, n.countdown), 78, "  ")
    );
    if let Some(note) = &n.note {
        labelled(out, &format!("{} {}", note.label, note.date), &note.body);
    }
    if !n.audience.is_empty() {
        let _ = writeln!(out, "{}", wrap(&format!("Affects: {}", n.audience), 78, "  "));
    }
    let _ = writeln!(out, "{}", wrap(&n.summary, 78, "  "));
    if let Some(w) = &n.workaround {
        labelled(out, "What to do", w);
    }
    if let Some(p) = &n.price {
        let _ = writeln!(out, "{}", wrap(&format!("Price: {p}"), 78, "  "));
    }
    if let Some(d) = &n.data {
        let _ = writeln!(out, "{}", wrap(&format!("Your data: {}", d.disposition_text), 78, "  "));
        if let Some(f) = &d.details {
            labelled_at(out, "    ", "Details", f);
        }
        if let Some(at) = &d.available_again {
            let _ = writeln!(out, "{}", wrap(&format!("Available again: {at}"), 78, "    "));
        }
        if let Some(f) = &d.access {
            labelled_at(out, "    ", "How to reach it", f);
        }
        if let Some(f) = &d.export {
            labelled_at(out, "    ", "Keep a copy", f);
        }
    }
    let _ = writeln!(out, "  {}", n.url);
}

/// The plain-text twin of an issue.
pub(crate) fn text(issue: &Issue) -> String {
    let mut out = String::new();
    out.push_str(&wrap(&issue.title, 78, ""));
    let _ = write!(
        out,
        "\n{}\n{}\nOn the web: {}",
        "=".repeat(issue.title.chars().count().min(78)),
        issue.period,
        issue.links.web
    );
    for s in &issue.sections {
        heading(&mut out, &s.title);
        if s.items.is_empty() {
            let _ = writeln!(out, "\n{}", s.empty);
        }
        for n in &s.items {
            notice(&mut out, n);
        }
        if s.more > 0 {
            let _ = writeln!(out, "\n  …and {} more on the site: {}", s.more, s.more_url);
        }
    }
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
        if let Some(q) = &i.quote {
            let _ = writeln!(out, "{}", wrap(&format!("“{q}”"), 78, "  "));
        }
        let _ = writeln!(out, "{}", wrap(&i.summary, 78, "  "));
        if let Some(eta) = &i.eta {
            let _ = writeln!(out, "{}", wrap(&format!("Expected: {eta}"), 78, "  "));
        }
        if let Some(r) = &i.reason {
            labelled(&mut out, "Why not", r);
        }
        let _ = writeln!(out, "  {}", i.url);
    }
    if issue.improvements_more > 0 {
        let _ = writeln!(out, "\n  …and {} more on the site: {}", issue.improvements_more, issue.links.improvements);
    }
    let _ = write!(
        out,
        "\n--\nAll notices: {}\nPast issues: {}\nFeed: {}\nCalendar: {}\n",
        issue.links.notices, issue.links.archive, issue.links.rss, issue.links.calendar
    );
    if let Some(u) = &issue.links.unsubscribe {
        let _ = writeln!(
            out,
            "Unsubscribe: {}",
            u.strip_prefix("mailto:").map_or(u.clone(), |a| format!("write to {}", a.split('?').next().unwrap_or(a)))
        );
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
}
