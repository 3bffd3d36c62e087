//! The static search index, `search.json`: every notice and improvement
//! with what a reader searches by (title, summary, areas and audiences by
//! the names readers see) and what a result shows. The theme's script
//! loads it on the first search and matches in the browser: no server, no
//! request elsewhere.

use serde::Serialize;

use super::view::{TimeView, impact_label, url};
use crate::site::{FacetKind, Site};

/// Longest summary kept in the index, in characters: enough to match on
/// and to show under a result, small enough for a 10,000-notice site.
const SUMMARY_CHARS: usize = 160;

/// One search result. Short keys keep a large index small.
#[derive(Serialize)]
struct Entry<'a> {
    /// Title.
    t: &'a str,
    /// Site-relative URL.
    u: String,
    /// Summary, shortened.
    s: String,
    /// Areas and audiences, by display name.
    f: String,
    /// What it is: "High impact", "Shipped", …
    k: &'static str,
    /// When: effective date (notices) or date (improvements).
    d: String,
}

fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= SUMMARY_CHARS {
        return text;
    }
    let cut: String = text.chars().take(SUMMARY_CHARS).collect();
    format!("{}…", cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a))
}

/// The text of `search.json`.
pub(super) fn index(site: &Site) -> Vec<u8> {
    let tz = &site.config.timezone;
    let names = |kind: FacetKind, written: &[String]| -> Vec<String> {
        written.iter().map(|w| site.display_name(kind, w).to_string()).collect()
    };
    let notices = site.notices.iter().map(|n| Entry {
        t: &n.title,
        u: url(site, &crate::url::notice(&n.slug)),
        s: shorten(&n.summary_text),
        f: [names(FacetKind::Area, &n.areas), names(FacetKind::Audience, &n.audience)].concat().join(" · "),
        k: if n.withdrawn.is_some() { "Withdrawn" } else { impact_label(n.impact) },
        d: TimeView::new(n.effective, tz).date,
    });
    let improvements = site.improvements.iter().map(|i| Entry {
        t: &i.title,
        u: url(site, &crate::url::improvement(&i.slug)),
        s: shorten(&i.summary_text),
        f: names(FacetKind::Area, &i.areas).join(" · "),
        k: i.status.label(),
        d: TimeView::new(i.date, tz).date,
    });
    let all: Vec<Entry<'_>> = notices.chain(improvements).collect();
    serde_json::to_vec(&all).unwrap_or_else(|_| b"[]".to_vec())
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn summaries_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let s = shorten(&long);
        assert!(s.chars().count() <= 161 && s.ends_with("word…"), "{s}");
        assert_eq!(shorten("  a  b "), "a b");
    }
}
