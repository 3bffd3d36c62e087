//! Reading what a notice says, once, when its file is read: the phrases the
//! checklist judges (placeholders, data that is deleted, moved or hidden),
//! found in its public text field by field. Plain word matching, no
//! language model: it finds what is written, not what is meant.

use std::sync::{LazyLock, OnceLock};

use aho_corasick::AhoCorasick;

/// One public text of a notice: its key and text, which word lists it
/// holds, and, made the first time a search needs it, its prose (code
/// blocks left out) lowercased. Most texts never need it: one pass of an
/// automaton over the text finds none of the words a search looks for.
struct Field<'a> {
    /// The key it is written under (empty: the body).
    key: &'static [&'static str],
    text: &'a str,
    holds: Holds,
    lower: OnceLock<String>,
}

impl Field<'_> {
    fn lower(&self) -> &str {
        self.lower.get_or_init(|| prose(self.text).to_ascii_lowercase())
    }
}

/// What a notice says that the checklist judges, found once at load.
#[derive(Clone, Debug, Default)]
pub struct Said {
    /// Each placeholder, with the key it is under (empty: the body).
    pub placeholders: Vec<(&'static [&'static str], &'static str)>,
    /// The first sentence saying customer data is deleted.
    pub data_lost: Option<String>,
    /// The first sentence speaking of deleting, moving, hiding or
    /// archiving customer data.
    pub touches_data: Option<String>,
    /// Every link target written, with the key it is under: markdown links
    /// and images, autolinks and bare URLs in the text.
    pub links: Vec<(&'static [&'static str], String)>,
    /// The marketing words of the body, when it names no concrete detail
    /// (no number, code, link or list).
    pub filler: Vec<&'static str>,
}

/// Reads a notice's public texts, each with the key it is under.
pub(crate) fn read<'a>(texts: impl Iterator<Item = (&'static [&'static str], &'a str)>) -> Said {
    let fields: Vec<Field<'_>> =
        texts.map(|(key, text)| Field { key, text, holds: holds(text), lower: OnceLock::new() }).collect();
    let mut said = Said {
        placeholders: fields.iter().filter_map(|f| placeholder(f).map(|found| (f.key, found))).collect(),
        links: fields
            .iter()
            .filter(|f| !f.holds.links.is_empty())
            .flat_map(|f| {
                super::markdown::link_targets(&link_lines(f.text, &f.holds.links)).into_iter().map(|t| (f.key, t))
            })
            .collect(),
        filler: fields.iter().find(|f| f.key.is_empty()).map(filler).unwrap_or_default(),
        ..Said::default()
    };
    for field in &fields {
        let (lost, touched) = data_sentences(field);
        said.data_lost = said.data_lost.or(lost);
        said.touches_data = said.touches_data.or(touched);
        if said.data_lost.is_some() && said.touches_data.is_some() {
            break;
        }
    }
    said
}

/// An automaton that finds any of `words` in a text, whatever its case.
#[allow(clippy::expect_used)] // The word lists are fixed and small: building cannot fail.
fn any_of(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(words)
        .expect("a small fixed word list builds")
}

/// Placeholder words.
const PLACEHOLDER_WORDS: &[&str] = &["tbd", "todo", "tba", "n/a", "???", "lorem ipsum", "see the doc"];

/// What marks a link in markdown or plain text.
const LINK_MARKS: &[&str] = &["](", "][", "]:", "://", "www.", "mailto:"];

/// Marketing words that say how a change should feel, not what it is (as
/// word starts: `revolution` finds revolutionary, revolutionizes).
const FILLER: &[&str] = &[
    "excit",
    "thrill",
    "delight",
    "seamless",
    "next-generation",
    "next generation",
    "cutting-edge",
    "cutting edge",
    "world-class",
    "best-in-class",
    "state-of-the-art",
    "game-chang",
    "revolution",
    "reimagin",
    "supercharg",
    "elevate",
    "unlock",
    "empower",
    "innovative",
    "better than ever",
    "various improvements",
    "enhancements",
];

/// What one pass of an automaton over a text finds: whether it holds a
/// placeholder word or a filler word, and where its verbs for touching data
/// (at word starts) and its link marks are. Nouns for data are not looked
/// for here: they are common, so they are looked for only in a sentence
/// that has a verb.
#[derive(Clone, Default)]
struct Holds {
    placeholder: bool,
    filler: bool,
    /// Byte offsets of verbs of `TOUCHED` that start a word.
    verbs: Vec<usize>,
    /// Byte offsets of link marks.
    links: Vec<usize>,
}

fn holds(text: &str) -> Holds {
    static GROUPS: [&[&str]; 4] = [PLACEHOLDER_WORDS, TOUCHED, LINK_MARKS, FILLER];
    static ALL: LazyLock<AhoCorasick> = LazyLock::new(|| any_of(&GROUPS.concat()));
    let mut h = Holds::default();
    // Leftmost-first: "removed" is found whole, not as the "mov" inside it.
    for found in ALL.find_iter(text) {
        let mut i = found.pattern().as_usize();
        let mut group = 0;
        while i >= GROUPS[group].len() {
            i -= GROUPS[group].len();
            group += 1;
        }
        let at = found.start();
        match group {
            0 => h.placeholder = true,
            1 => {
                if !text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
                    h.verbs.push(at);
                }
            }
            2 => h.links.push(at),
            _ => h.filler = true,
        }
    }
    h
}

/// The distinct filler words of `field` when it holds no concrete detail:
/// a digit, code, a link or a list item.
fn filler(field: &Field<'_>) -> Vec<&'static str> {
    static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| any_of(FILLER));
    if !field.holds.filler || !field.holds.links.is_empty() {
        return Vec::new();
    }
    let concrete = field.text.contains(|c: char| c.is_ascii_digit() || c == '`')
        || field.text.lines().any(|l| matches!(l.trim_start().get(..2), Some("- " | "* " | "+ ")));
    if concrete {
        return Vec::new();
    }
    let text = field.text;
    let mut found: Vec<&'static str> = Vec::new();
    for m in WORDS.find_iter(text) {
        let word_start = !text[..m.start()].chars().next_back().is_some_and(char::is_alphanumeric);
        let word = FILLER[m.pattern().as_usize()];
        if word_start && !found.contains(&word) {
            found.push(word);
        }
    }
    found
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
fn placeholder(field: &Field<'_>) -> Option<&'static str> {
    if matches!(field.text.trim(), "-" | "–" | "—") {
        return Some("-");
    }
    if !field.holds.placeholder {
        return None;
    }
    let lower = field.lower();
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

/// Words (as word starts: `delet` finds deleted, deletes, deletion) for
/// losing data, and those for touching it in other ways.
const LOST: &[&str] = &["delet", "purg", "erase", "removed", "wipe"];
const TOUCHED: &[&str] = &["delet", "purg", "erase", "removed", "wipe", "hid", "archiv", "mov", "migrat"];

/// Longest text parsed whole for its links; a longer one (a body) is
/// parsed only in its lines that hold a link mark.
const PARSE_WHOLE: usize = 2048;

/// The part of `text` its links are read from: all of a short text; of a
/// long one, each line outside code blocks that holds a link mark, as a
/// paragraph of its own. Markdown parsing is the largest cost of reading a
/// body, and most of a body's lines hold no link. Missed there: a link
/// whose text is broken over two lines, and links in lines indented four
/// spaces or more (indented code, or deeply nested lists).
fn link_lines<'t>(text: &'t str, marks: &[usize]) -> std::borrow::Cow<'t, str> {
    if text.len() <= PARSE_WHOLE {
        return text.into();
    }
    let code = fenced(text);
    let mut out = String::new();
    let mut next_line = 0;
    for &at in marks {
        if at < next_line || code.iter().any(|r| r.contains(&at)) {
            continue;
        }
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        next_line = end;
        let line = &text[start..end];
        if line.starts_with('\t') || line.starts_with("    ") {
            continue;
        }
        out.push_str(line.trim());
        out.push_str("\n\n");
    }
    out.into()
}

/// The byte ranges of `text` inside fenced code blocks (` ``` ` or `~~~`),
/// fences included.
fn fenced(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    if !text.contains("```") && !text.contains("~~~") {
        return out;
    }
    let mut open: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = line.trim_start();
        if start.starts_with("```") || start.starts_with("~~~") {
            match open.take() {
                Some(from) => out.push(from..at + line.len()),
                None => open = Some(at),
            }
        }
        at += line.len();
    }
    if let Some(from) = open {
        out.push(from..text.len());
    }
    out
}

/// The first sentence of `field` that names customer data with a word of
/// `LOST`, and the first with a word of `TOUCHED`; a sentence that denies it
/// ("no data is deleted") counts for neither. Code blocks are not read.
fn data_sentences(field: &Field<'_>) -> (Option<String>, Option<String>) {
    // Most text names no such verb.
    if field.holds.verbs.is_empty() {
        return (None, None);
    }
    let text = field.text;
    let code = fenced(text);
    let (mut lost, mut touched) = (None, None);
    let mut read_up_to = 0;
    // Only the sentences with such a verb are read word by word.
    for &at in &field.holds.verbs {
        if at < read_up_to || code.iter().any(|r| r.contains(&at)) {
            continue;
        }
        let start = text[..at].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
        let end = text[at..].find(['.', '!', '?', '\n']).map_or(text.len(), |i| at + i);
        read_up_to = end;
        let sentence = text[start..end].to_lowercase();
        if !words(&sentence).any(|w| DATA.contains(&w)) || words(&sentence).any(|w| NEGATIONS.contains(&w)) {
            continue;
        }
        let quote = || text[start..end].trim().chars().take(80).collect::<String>();
        let starts = |verbs: &[&str]| words(&sentence).any(|w| verbs.iter().any(|v| w.starts_with(v)));
        if lost.is_none() && starts(LOST) {
            lost = Some(quote());
        }
        if touched.is_none() {
            touched = Some(quote());
        }
        if lost.is_some() {
            break;
        }
    }
    (lost, touched)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> Field<'_> {
        Field { key: &[], text, holds: holds(text), lower: OnceLock::new() }
    }

    fn placeholder(text: &str) -> Option<&'static str> {
        super::placeholder(&field(text))
    }

    fn says_data_lost(text: &str) -> Option<String> {
        data_sentences(&field(text)).0
    }

    fn touches_data(text: &str) -> Option<String> {
        data_sentences(&field(text)).1
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
    fn links_of_a_long_body_are_read_from_its_link_lines() {
        let filler = "Plain words. ".repeat(200);
        let body = format!(
            "{filler}\n\n- [Guide](https://docs.example/g)\n\n```\n[not](a-link)\n```\n\n    indented [code](x)\n\n| a | [b](../b/) |\n|---|---|\n\nSee [ref][r].\n\n[r]: https://r.example/\n"
        );
        assert!(body.len() > PARSE_WHOLE);
        let found = super::super::markdown::link_targets(&link_lines(&body, &holds(&body).links));
        assert_eq!(found, ["https://docs.example/g", "../b/", "https://r.example/"]);
    }

    #[test]
    fn filler_counts_only_without_concrete_detail() {
        assert_eq!(filler(&field("We are thrilled to unveil a seamless, revolutionary experience.")).len(), 3);
        assert!(filler(&field("We are excited: exports now finish in 2 minutes, seamlessly.")).is_empty());
        assert!(filler(&field("The `export` endpoint moves. Exciting and seamless.")).is_empty());
        assert!(filler(&field("Unexcited prose about the invoice layout.")).is_empty());
    }

    #[test]
    fn data_sentences_need_a_verb_and_a_noun() {
        assert!(says_data_lost("Old invoices are deleted after 90 days.").is_some());
        assert!(says_data_lost("The button is removed from the toolbar.").is_none());
        assert!(touches_data("We move your files to a new region.").is_some());
        assert!(touches_data("We move the button.").is_none());
        assert!(says_data_lost("No data is deleted.").is_none());
        assert!(says_data_lost("Your files are not removed.").is_none());
        assert!(says_data_lost("```\nrm -rf data # deleted files\n```\nAll kept.").is_none());
        assert!(says_data_lost("Intro.\n\n~~~\ncode\n~~~\n\nOld logs are purged nightly.").is_some());
    }
}
