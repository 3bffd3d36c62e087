//! Reading what a notice says: its public text field by field, and the
//! phrases the checklist looks for in it (placeholders, data that is
//! deleted, moved or hidden). Plain word matching on lowercased text, no
//! language model: it finds what is written, not what is meant.

use crate::content::model::Notice;

/// One public text of a notice, read once: its key, the prose (code blocks
/// left out) and the prose lowercased (ASCII), which every search uses.
pub(crate) struct Field {
    /// The key it is written under (empty: the body).
    pub(crate) key: &'static [&'static str],
    prose: String,
    lower: String,
}

/// The public texts of `n`, each read once (see [`Field`]).
pub(crate) fn fields(n: &Notice) -> Vec<Field> {
    public_text(n)
        .map(|(key, text)| {
            let prose = prose(text);
            let lower = prose.to_ascii_lowercase();
            Field { key, prose, lower }
        })
        .collect()
}

/// Every public text of `n` with the key it is written under: title, scope,
/// benefits, workaround, the data answer, update notes, the reason for a
/// withdrawal, and the body (the empty key).
fn public_text(n: &Notice) -> impl Iterator<Item = (&'static [&'static str], &str)> {
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
        let start = line.trim_start();
        if start.starts_with("```") || start.starts_with("~~~") {
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

/// The words of lowercased `text`, split at anything but letters, digits,
/// `/` and `?` (so `n/a` and `???` stay whole).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '?')).filter(|w| !w.is_empty())
}

/// The placeholder `text` holds, if any: `TBD`, `TODO`, `TBA`, `n/a`,
/// `lorem ipsum`, `???`, a lone dash, or "see the documentation" without a
/// link.
pub(crate) fn placeholder(field: &Field) -> Option<&'static str> {
    let lower = &field.lower;
    if matches!(lower.trim(), "-" | "–" | "—") {
        return Some("-");
    }
    if lower.contains("lorem ipsum") {
        return Some("lorem ipsum");
    }
    let linked = ["](", "http://", "https://", "mailto:"].iter().any(|l| lower.contains(l));
    if !linked && (lower.contains("see the documentation") || lower.contains("see the docs")) {
        return Some("see the documentation");
    }
    // Most text holds none of these: only then is it split into words.
    if !["tbd", "todo", "tba", "n/a", "???"].iter().any(|p| lower.contains(p)) {
        return None;
    }
    words(lower).find_map(|word| match word {
        "tbd" => Some("TBD"),
        "todo" => Some("TODO"),
        "tba" => Some("TBA"),
        "n/a" => Some("n/a"),
        w if w.len() >= 3 && w.chars().all(|c| c == '?') => Some("???"),
        _ => None,
    })
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
fn sentence_with(field: &Field, verbs: &[&str]) -> Option<String> {
    let lower = &field.lower;
    // Most text names no such verb and noun: only then is it read sentence
    // by sentence.
    if !verbs.iter().any(|v| lower.contains(v)) || !DATA.iter().any(|d| lower.contains(d)) {
        return None;
    }
    field.prose.split(['.', '!', '?', '\n']).find_map(|sentence| {
        let lower = sentence.to_ascii_lowercase();
        let verb = words(&lower).any(|w| verbs.iter().any(|v| w.starts_with(v)));
        let noun = words(&lower).any(|w| DATA.contains(&w));
        let denied = words(&lower).any(|w| NEGATIONS.contains(&w));
        (verb && noun && !denied).then(|| sentence.trim().chars().take(80).collect())
    })
}

/// A sentence of `text` saying data is deleted, purged or removed.
pub(crate) fn says_data_lost(field: &Field) -> Option<String> {
    sentence_with(field, &["delet", "purg", "erase", "removed", "wipe"])
}

/// A sentence of `text` that speaks of deleting, hiding, archiving or
/// moving customer data.
pub(crate) fn touches_data(field: &Field) -> Option<String> {
    sentence_with(field, &["delet", "purg", "erase", "removed", "wipe", "hid", "archiv", "mov", "migrat"])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> Field {
        let prose = prose(text);
        let lower = prose.to_ascii_lowercase();
        Field { key: &[], prose, lower }
    }

    fn placeholder(text: &str) -> Option<&'static str> {
        super::placeholder(&field(text))
    }

    fn says_data_lost(text: &str) -> Option<String> {
        super::says_data_lost(&field(text))
    }

    fn touches_data(text: &str) -> Option<String> {
        super::touches_data(&field(text))
    }

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
