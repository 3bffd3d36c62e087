//! The static search index, `search.json`: every notice and improvement
//! with what a reader searches by (title, summary, areas and audiences by
//! the names readers see) and what a result shows. The theme's script
//! loads it on the first search and matches in the browser: no server, no
//! request elsewhere.

use rayon::prelude::*;
use serde::Serialize;

use super::view::{impact_label, state_label, status_label, url};
use crate::content::model::State;
use crate::moment::Moment;
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
    k: &'a str,
    /// When: effective date (notices) or date (improvements).
    d: String,
}

fn shorten(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(SUMMARY_CHARS * 4));
    let mut chars = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if chars + n + usize::from(chars > 0) > SUMMARY_CHARS {
            if chars == 0 {
                out.extend(word.chars().take(SUMMARY_CHARS));
            }
            out.push('…');
            return out;
        }
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += n;
    }
    out
}

/// The text of `search.json`. Made in parallel: it touches every notice
/// and improvement, and the build waits for its last job.
pub(super) fn index(site: &Site) -> Vec<u8> {
    let tz = &site.config.timezone;
    let loc = &*site.locale;
    let date = |m: Moment| loc.date(&m.in_zone(tz));
    fn names<'a>(site: &'a Site, kind: FacetKind, written: &'a [String]) -> Vec<&'a str> {
        written.iter().map(|w| site.display_name(kind, w)).collect()
    }
    let notices = site.notices.par_iter().map(|n| Entry {
        t: &n.title,
        u: url(site, &crate::url::notice(&n.slug)),
        s: shorten(&n.summary_text),
        f: [names(site, FacetKind::Area, &n.areas), names(site, FacetKind::Audience, &n.audience)].concat().join(" · "),
        k: if n.withdrawn.is_some() { state_label(loc, State::Withdrawn) } else { impact_label(loc, n.impact) },
        d: date(n.effective),
    });
    let improvements = site.improvements.par_iter().map(|i| Entry {
        t: &i.title,
        u: url(site, &crate::url::improvement(&i.slug)),
        s: shorten(&i.summary_text),
        f: names(site, FacetKind::Area, &i.areas).join(" · "),
        k: status_label(loc, i.status),
        d: date(i.date),
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
        assert_eq!(shorten(&"x".repeat(200)).chars().count(), 161);
        assert_eq!(shorten("  a  b "), "a b");
    }
}
