//! Reading what a notice says: its public text field by field, and the
//! phrases the checklist looks for in it (placeholders, data that is
//! deleted, moved or hidden). Plain word matching on lowercased text, no
//! language model: it finds what is written, not what is meant.

use crate::content::model::Notice;

/// Every public text of `n` with the key it is written under: title, scope,
/// benefits, workaround, the data answer, update notes, the reason for a
/// withdrawal, and the body (the empty key).
pub(crate) fn public_text(n: &Notice) -> impl Iterator<Item = (&'static [&'static str], &str)> {
    fn md(m: &Option<crate::content::model::Markdown>) -> Option<&str> {
        m.as_ref().map(|m| m.source.as_str())
    }
    let data = n.data.as_ref();
    [
        (&["title"][..], Some(n.title.as_str())),
        (&["scope"][..], n.scope.as_deref()),
        (&["benefits"][..], md(&n.benefits)),
        (&["workaround"][..], md(&n.workaround)),
        (&["data", "details"][..], data.and_then(|d| md(&d.details))),
        (&["data", "access"][..], data.and_then(|d| md(&d.access))),
        (&["data", "export"][..], data.and_then(|d| md(&d.export))),
        (&["withdrawn", "reason"][..], n.withdrawn.as_ref().map(|w| w.reason.source.as_str())),
        (&["price", "before"][..], n.price.as_ref().and_then(|p| p.before.as_deref())),
        (&["price", "after"][..], n.price.as_ref().and_then(|p| p.after.as_deref())),
    ]
    .into_iter()
    .filter_map(|(key, text)| text.map(|t| (key, t)))
    .chain(n.updates.iter().map(|u| (&["updates"][..], u.note.source.as_str())))
    .chain(std::iter::once((&[][..], n.body_source.as_str())))
}

/// Whether an optional text is missing or only white space.
pub(crate) fn blank(s: Option<&str>) -> bool {
    s.is_none_or(|s| s.trim().is_empty())
}

/// Text outside fenced code blocks (a `TODO` in sample code is not one).
fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The words of `text`, lowercased, split at anything but letters, digits,
/// `/` and `?` (so `n/a` and `???` stay whole).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '?'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The placeholder `text` holds, if any: `TBD`, `TODO`, `TBA`, `n/a`,
/// `lorem ipsum`, `???`, a lone dash, or "see the documentation" without a
/// link.
pub(crate) fn placeholder(text: &str) -> Option<&'static str> {
    let prose = prose(text);
    let trimmed = prose.trim();
    if matches!(trimmed, "-" | "–" | "—") {
        return Some("-");
    }
    let lower = prose.to_lowercase();
    if lower.contains("lorem ipsum") {
        return Some("lorem ipsum");
    }
    let linked =
        lower.contains("](") || lower.contains("http://") || lower.contains("https://") || lower.contains("mailto:");
    if !linked && (lower.contains("see the documentation") || lower.contains("see the docs")) {
        return Some("see the documentation");
    }
    for word in words(&prose) {
        let found = match word.as_str() {
            "tbd" => "TBD",
            "todo" => "TODO",
            "tba" => "TBA",
            "n/a" => "n/a",
            w if w.len() >= 3 && w.chars().all(|c| c == '?') => "???",
            _ => continue,
        };
        return Some(found);
    }
    None
}

/// Nouns for what customers keep with the vendor.
const DATA: &[&str] = &[
    "data",
    "records",
    "files",
    "history",
    "logs",
    "messages",
    "attachments",
    "backups",
    "content",
    "documents",
    "invoices",
    "exports",
    "archives",
];

/// Words that turn a sentence around ("no data is deleted").
const NEGATIONS: &[&str] = &["no", "not", "never", "nothing", "none", "without", "isn't", "aren't", "won't"];

/// The first sentence of `text` that names customer data and one of
/// `verbs` (as word starts: `delet` finds deleted, deletes, deletion), and
/// does not deny it.
fn sentence_with(text: &str, verbs: &[&str]) -> Option<String> {
    let prose = prose(text);
    prose.split(['.', '!', '?', '\n']).find_map(|sentence| {
        let ws: Vec<String> = words(sentence).collect();
        if ws.iter().any(|w| NEGATIONS.contains(&w.as_str())) {
            return None;
        }
        let verb = ws.iter().any(|w| verbs.iter().any(|v| w.starts_with(v)));
        let noun = ws.iter().any(|w| DATA.contains(&w.as_str()));
        (verb && noun).then(|| sentence.trim().chars().take(80).collect())
    })
}

/// A sentence of `text` saying data is deleted, purged or removed.
pub(crate) fn says_data_lost(text: &str) -> Option<String> {
    sentence_with(text, &["delet", "purg", "erase", "removed", "wipe"])
}

/// A sentence of `text` that speaks of deleting, hiding, archiving or
/// moving customer data.
pub(crate) fn touches_data(text: &str) -> Option<String> {
    sentence_with(text, &["delet", "purg", "erase", "removed", "wipe", "hid", "archiv", "mov", "migrat"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_outside_code() {
        assert_eq!(placeholder("Details: TBD."), Some("TBD"));
        assert_eq!(placeholder("-"), Some("-"));
        assert_eq!(placeholder("Value ??? here"), Some("???"));
        assert_eq!(placeholder("Price: n/a"), Some("n/a"));
        assert_eq!(placeholder("Please see the documentation."), Some("see the documentation"));
        assert_eq!(placeholder("Please see the [documentation](https://docs.example)."), None);
        assert_eq!(placeholder("```\n// TODO: remove\n```\nAll set."), None);
        assert_eq!(placeholder("A standard-issue well-to-do plan?"), None);
    }

    #[test]
    fn data_sentences_need_a_verb_and_a_noun() {
        assert!(says_data_lost("Old invoices are deleted after 90 days.").is_some());
        assert!(says_data_lost("The button is removed from the toolbar.").is_none());
        assert!(touches_data("We move your files to a new region.").is_some());
        assert!(touches_data("We move the button.").is_none());
        assert!(says_data_lost("No data is deleted.").is_none());
        assert!(says_data_lost("Your files are not removed.").is_none());
    }
}
