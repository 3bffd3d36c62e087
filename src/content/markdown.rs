//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough,
//! task lists, smart punctuation, and an `id` on every heading for anchor
//! links.
//!
//! Raw HTML in markdown is not passed through: HTML comments (such as the
//! `<!--more-->` summary divider) are dropped and any other tag is shown as
//! text. Notices are edited by many people and read by customers; a stray
//! `<div>` or `<script>` must not break the page or run. Links whose scheme
//! is not http(s), mailto, tel or relative (e.g. `javascript:`) lose their
//! target. Heading attribute syntax (`{#id .class key=value}`) is off for the
//! same reason: it could add event handlers.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// A rendered markdown document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The whole document as HTML.
    pub html: String,
    /// The first paragraph as HTML (without the `<p>`).
    pub summary_html: String,
    /// The first paragraph as plain text.
    pub summary_text: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
    // No ENABLE_HEADING_ATTRIBUTES: `{onclick=…}` after a heading would put
    // any attribute on it. Headings get their ids from their text.
}

/// Words of prose in markdown `source`: whitespace-separated tokens with a
/// letter or digit, outside fenced code blocks and HTML comments. A scan of
/// the text, not a parse: `check` counts without rendering, and `build`
/// uses the same count, so both judge a body alike.
pub fn count_words(source: &str) -> usize {
    count_words_up_to(source, usize::MAX)
}

/// [`count_words`], stopping at the end of the line where `enough` words
/// are reached (the checklist only asks "at least N?": no need to read a
/// long body to its end).
pub fn count_words_up_to(source: &str, enough: usize) -> usize {
    let mut in_comment = false;
    let mut words = 0;
    for line in prose_lines(source) {
        words += count_line(line, &mut in_comment);
        if words >= enough {
            break;
        }
    }
    words
}

/// The lines of `source` outside fenced code blocks, without leading
/// whitespace.
fn prose_lines(source: &str) -> impl Iterator<Item = &[u8]> {
    let mut fence: Option<&[u8]> = None;
    source.lines().filter_map(move |line| {
        let t = line.trim_start().as_bytes();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            return None;
        }
        if t.starts_with(b"```") || t.starts_with(b"~~~") {
            fence = Some(&t[..3]);
            return None;
        }
        Some(t)
    })
}

/// Byte classes for counting words: bit 0 set for a byte that is not ASCII
/// whitespace, bit 1 for a letter, digit or non-ASCII byte (other scripts'
/// letters).
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if !c.is_ascii_whitespace() {
            t[b] = 1 | if c.is_ascii_alphanumeric() || c >= 0x80 { 2 } else { 0 };
        }
        b += 1;
    }
    t
};

/// Words of one line (bytes), skipping `<!-- … -->` (which may span lines;
/// a word may continue on the other side of one).
fn count_line(line: &[u8], in_comment: &mut bool) -> usize {
    let mut words = Words::default();
    if !*in_comment && !line.contains(&b'<') {
        words.feed(line);
        return words.finish();
    }
    let (mut i, mut start) = (0, 0);
    while i < line.len() {
        if *in_comment {
            let Some(p) = find(&line[i..], b"-->") else { return words.finish() };
            *in_comment = false;
            i += p + 3;
            start = i;
        } else if line[i] == b'<' && line[i..].starts_with(b"<!--") {
            words.feed(&line[start..i]);
            *in_comment = true;
            i += 4;
        } else {
            i += 1;
        }
    }
    if !*in_comment {
        words.feed(&line[start..]);
    }
    words.finish()
}

/// A word count in progress. Branch-free: it runs over every body on every
/// `check`.
#[derive(Default)]
struct Words {
    words: usize,
    /// Whether the token read so far has a letter or digit (0 or 1).
    wordy: u8,
}

impl Words {
    fn feed(&mut self, text: &[u8]) {
        let (mut words, mut wordy) = (self.words, self.wordy);
        for &b in text {
            let c = CLASS[b as usize];
            let not_space = c & 1;
            words += usize::from(wordy & (not_space ^ 1));
            wordy = (wordy | (c >> 1)) & not_space;
        }
        (self.words, self.wordy) = (words, wordy);
    }

    fn finish(self) -> usize {
        self.words + usize::from(self.wordy)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Renders `source` to HTML, with heading ids and the first paragraph.
pub fn render(source: &str) -> Rendered {
    render_at(source, None)
}

/// Resolves a relative link target against `base` (a site path ending in
/// `/`), so the HTML works wherever it is shown: on its page, in a feed, in
/// an email, on an alias page.
fn rebase<'a>(url: CowStr<'a>, base: Option<&str>) -> CowStr<'a> {
    let Some(base) = base else { return url };
    if url.is_empty() || url.starts_with(['/', '#', '?']) || url.contains(':') {
        return url;
    }
    let mut out = base.trim_end_matches('/').to_string();
    let mut rest: &str = &url;
    loop {
        if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("../") {
            if let Some(i) = out.rfind('/') {
                out.truncate(i);
            }
            rest = r;
        } else {
            break;
        }
    }
    CowStr::from(format!("{out}/{rest}"))
}

/// Every link target in `source`: markdown links and images (reference
/// links resolved), autolinks, and bare words of its text that look like
/// addresses (`htp://…`, `www.…`), which a reader would try to follow.
pub fn link_targets(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    // A link's own text (an autolink repeats its address) is not read again.
    let mut in_link = 0_usize;
    let mut in_code = false;
    for event in Parser::new_ext(source, options()) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                in_link += 1;
                out.push(dest_url.into_string());
            }
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Text(text) if in_link == 0 && !in_code && (text.contains("://") || text.contains("www.")) => out
                .extend(
                    text.split_whitespace()
                        .map(|w| {
                            w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';' | '"' | '\'' | '<' | '>'))
                        })
                        .filter(|w| w.contains("://") || w.starts_with("www."))
                        .map(str::to_string),
                ),
            _ => {}
        }
    }
    out
}

/// Element ids the default theme puts on the pages around rendered
/// markdown: a heading never takes one of them (a body heading "Workaround"
/// becomes `workaround-1`, the theme's box keeps `workaround`).
const THEME_IDS: [&str; 12] = [
    "main",
    "benefits",
    "workaround",
    "your-data",
    "updates",
    "feedback",
    "emergency-title",
    "asked",
    "upcoming",
    "in-effect",
    "ended",
    "subscribe",
];

/// Renders `source` whose relative links are relative to the site path
/// `base` (e.g. `/notices/x/`).
pub fn render_at(source: &str, base: Option<&str>) -> Rendered {
    render_scoped(source, base, "")
}

/// [`render_at`] with heading ids starting with `id_prefix`: for documents
/// shown several to a page (improvement entries), so that two entries'
/// "Details" headings do not share an id.
pub fn render_scoped(source: &str, base: Option<&str>, id_prefix: &str) -> Rendered {
    // Roughly one event per 12 bytes of typical prose markdown.
    let mut events: Vec<Event<'_>> = Vec::with_capacity(source.len() / 12 + 16);
    for event in Parser::new_ext(source, options()) {
        match event {
            Event::Html(text) | Event::InlineHtml(text) => {
                if !text.trim_start().starts_with("<!--") {
                    events.push(Event::Text(text));
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url =
                    if crate::url::is_safe(&dest_url) { rebase(dest_url, base) } else { CowStr::Borrowed("") };
                events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url =
                    if crate::url::is_safe(&dest_url) { rebase(dest_url, base) } else { CowStr::Borrowed("") };
                events.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            // A code block can scroll sideways: it must take keyboard focus.
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let lang: String = lang.chars().filter(|c| c.is_ascii_alphanumeric() || "+-_.#".contains(*c)).collect();
                let class = if lang.is_empty() { String::new() } else { format!(" class=\"language-{lang}\"") };
                events.push(Event::Html(CowStr::from(format!("<pre tabindex=\"0\"><code{class}>"))));
            }
            Event::End(TagEnd::CodeBlock) => {
                events.push(Event::Html(CowStr::Borrowed("</code></pre>\n")));
            }
            // A task-list box is not a form control the reader can use.
            Event::TaskListMarker(done) => {
                let html = if done {
                    "<input type=\"checkbox\" checked disabled aria-label=\"done\"> "
                } else {
                    "<input type=\"checkbox\" disabled aria-label=\"not done\"> "
                };
                events.push(Event::InlineHtml(CowStr::Borrowed(html)));
            }
            Event::Text(_) => events.push(event),
            other => events.push(other),
        }
    }
    assign_heading_ids(&mut events, id_prefix);
    let (summary_html, summary_text) = first_paragraph(&events);
    let mut html_out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    // Kept for the whole build: no spare capacity.
    html_out.shrink_to_fit();
    Rendered { html: html_out, summary_html, summary_text }
}

/// Gives every heading without an id one made from its text, unique in the
/// document: `same`, `same-1`, `same-2`, …
fn assign_heading_ids(events: &mut [Event<'_>], prefix: &str) {
    use std::collections::{HashMap, HashSet};
    let mut seen: HashSet<String> = THEME_IDS.iter().map(|s| (*s).to_string()).collect();
    // The next number to try per base id: thousands of identical headings
    // take linear time, not a search from `-1` for each.
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = match crate::slug::slugify(&text) {
                s if s.is_empty() => format!("{prefix}section"),
                s => format!("{prefix}{s}"),
            };
            let mut id = base.clone();
            if seen.contains(&id) {
                let n = next.entry(base.clone()).or_insert(1);
                loop {
                    id = format!("{base}-{n}");
                    *n += 1;
                    if !seen.contains(&id) {
                        break;
                    }
                }
            }
            seen.insert(id.clone());
            if let Event::Start(Tag::Heading { level, classes, attrs, .. }) = &events[i] {
                let (level, classes, attrs): (HeadingLevel, _, _) = (*level, classes.clone(), attrs.clone());
                events[i] = Event::Start(Tag::Heading { level, id: Some(CowStr::from(id)), classes, attrs });
            }
            i = j;
        } else {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = &events[i] {
                seen.insert(id.to_string());
            }
            i += 1;
        }
    }
}

fn first_paragraph(events: &[Event<'_>]) -> (String, String) {
    let Some(start) = events.iter().position(|e| matches!(e, Event::Start(Tag::Paragraph))) else {
        return (String::new(), String::new());
    };
    // Only a paragraph at the top level counts (not one inside a list).
    let end = events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
        .map_or(events.len(), |p| start + p);
    let inner = &events[start + 1..end];
    let mut html_out = String::new();
    html::push_html(&mut html_out, inner.iter().cloned());
    let mut text = String::new();
    for e in inner {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    (html_out.trim().to_string(), text.trim().to_string())
}

/// Plain text of a markdown fragment with each link's address after its
/// text, `guide (https://…)`: for plain-text email, where a link that
/// lost its address is lost. Relative targets are resolved against `base`
/// (the document's site path, ending in `/`) and made absolute with
/// `origin` (`https://changes.example.com`); an autolink is not repeated.
pub fn to_text_linked(source: &str, base: &str, origin: &str) -> String {
    plain_text(source, Some((base, origin)))
}

/// Plain text of a markdown fragment (for feed summaries): markup removed,
/// paragraphs separated by blank lines.
pub fn to_text(source: &str) -> String {
    plain_text(source, None)
}

/// Plain text of `source`; with `links` (`(base, origin)`), each link's
/// absolute address after its text.
fn plain_text(source: &str, links: Option<(&str, &str)>) -> String {
    let mut out = String::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    for event in Parser::new_ext(source, options()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                let Some((base, origin)) = links else { continue };
                let url =
                    if crate::url::is_safe(&dest_url) { rebase(dest_url, Some(base)) } else { CowStr::Borrowed("") };
                let url = if url.starts_with('/') {
                    format!("{origin}{url}")
                } else if url.starts_with(['#', '?']) {
                    format!("{origin}{base}{url}")
                } else {
                    url.into_string()
                };
                open.push((url, out.len()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, start)) = open.pop() {
                    let shown = out[start..].trim();
                    if !url.is_empty() && shown != url && !url.ends_with(&format!(":{shown}")) {
                        out.push_str(&format!(" ({url})"));
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock) => {
                out.push_str("\n\n")
            }
            Event::Start(Tag::Item) => out.push_str("- "),
            _ => {}
        }
    }
    let mut text = out.trim().to_string();
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_and_heading_ids() {
        let r = render(
            "First *para*.\n\n## What is changing\n\n## What is changing\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ \"quoted\"[^1]\n\n[^1]: note\n",
        );
        assert!(r.html.contains(r#"<h2 id="what-is-changing">"#), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="what-is-changing-1">"#));
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("checkbox"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("“quoted”"));
        assert!(r.html.contains("footnote"));
        assert_eq!(r.summary_html, "First <em>para</em>.");
        assert_eq!(r.summary_text, "First para.");
    }

    /// Enough headings that assigning ids in quadratic (or worse) time
    /// would take minutes; finishing is the proof that it does not.
    #[test]
    fn thousands_of_identical_headings_get_unique_ids_quickly() {
        let n = 20_000;
        let r = render(&"## Same\n\n".repeat(n));
        let ids: Vec<&str> = r.html.split("<h2 id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        assert_eq!(ids.len(), n);
        assert_eq!(&ids[..3], ["same", "same-1", "same-2"]);
        assert_eq!(ids[n - 1], format!("same-{}", n - 1));
        assert_eq!(ids.iter().collect::<std::collections::HashSet<_>>().len(), n, "ids are unique");
        // A heading whose own slug is a numbered id, and theme ids.
        let r = render("## Same\n\n## Same 1\n\n## Same\n\n## Workaround\n\n## Workaround\n");
        let ids: Vec<&str> = r.html.split("<h2 id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        assert_eq!(ids, ["same", "same-1", "same-2", "workaround-1", "workaround-2"]);
    }

    #[test]
    fn raw_html_is_text_and_comments_vanish() {
        let r = render("Hello <b onclick=x>there</b>\n\n<!--more-->\n\n<script>alert(1)</script>\n");
        assert!(!r.html.contains("<b "), "{}", r.html);
        assert!(!r.html.contains("<script>"));
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(!r.html.contains("more"));
    }

    #[test]
    fn javascript_links_lose_their_target() {
        let r = render("[x](javascript:alert(1)) [y](JaVa\tscript:alert(1)) [ok](/notices/a/) [m](mailto:a@b.c)");
        assert!(!r.html.to_lowercase().contains("javascript"), "{}", r.html);
        assert!(r.html.contains(r#"href="/notices/a/""#));
        assert!(r.html.contains(r#"href="mailto:a@b.c""#));
    }

    #[test]
    fn relative_links_are_rebased_and_code_is_focusable() {
        let r = render_at(
            "![d](timeline.svg) [a](../other/) [b](/x/) [c](#top) [e](https://e.example/)\n\n```toml\na = 1\n```\n\n- [x] ok\n",
            Some("/notices/n/"),
        );
        assert!(r.html.contains(r#"src="/notices/n/timeline.svg""#), "{}", r.html);
        assert!(r.html.contains(r#"href="/notices/other/""#));
        assert!(r.html.contains(r#"href="/x/""#));
        assert!(r.html.contains(r##"href="#top""##));
        assert!(r.html.contains(r#"<pre tabindex="0"><code class="language-toml">a = 1"#), "{}", r.html);
        assert!(r.html.contains(r#"aria-label="done""#));
    }

    #[test]
    fn link_targets_are_every_address_a_reader_could_follow() {
        let found = link_targets(
            "See [a](../x/) and ![i](p.png), <https://e.example/a>, [r][ref], htp://typo.example and `https://code.example`.\n\n```\ncurl htp://in.code.example\n```\n\n[ref]: https://r.example/\n",
        );
        assert_eq!(found, ["../x/", "p.png", "https://e.example/a", "https://r.example/", "htp://typo.example"]);
    }

    #[test]
    fn plain_text_keeps_link_addresses() {
        let t = to_text_linked(
            "See [the guide](../guide/), <https://e.example/x>, [mail](mailto:a@b.example) and [top](#top).",
            "/changes/notices/n/",
            "https://h.example",
        );
        assert_eq!(
            t,
            "See the guide (https://h.example/changes/notices/guide/), https://e.example/x, mail (mailto:a@b.example) and top (https://h.example/changes/notices/n/#top)."
        );
    }

    #[test]
    fn counts_prose_words_not_code() {
        assert_eq!(count_words("one two three\n\n```\nnot counted here\n```\n"), 3);
        assert_eq!(count_words_up_to("one two\nthree four\nfive\n", 3), 4);
        assert_eq!(count_words("a <!-- not\nthese --> b - c\n\n| x | y |\n~~~\nno\n~~~\n"), 5);
    }

    /// The plain definition `count_line` must agree with: a byte at a time
    /// (over the same lines: the fence handling is not what is tested).
    fn count_words_slowly(source: &str) -> usize {
        let (mut in_comment, mut words) = (false, 0);
        for t in prose_lines(source) {
            let (mut i, mut in_word, mut wordy) = (0, false, false);
            while i < t.len() {
                if in_comment {
                    if t[i..].starts_with(b"-->") {
                        in_comment = false;
                        i += 3;
                    } else {
                        i += 1;
                    }
                } else if t[i..].starts_with(b"<!--") {
                    in_comment = true;
                    i += 4;
                } else {
                    if t[i].is_ascii_whitespace() {
                        words += usize::from(in_word && wordy);
                        (in_word, wordy) = (false, false);
                    } else {
                        in_word = true;
                        wordy |= t[i].is_ascii_alphanumeric() || t[i] >= 0x80;
                    }
                    i += 1;
                }
            }
            words += usize::from(in_word && wordy);
        }
        words
    }

    proptest::proptest! {
        #[test]
        fn word_count_agrees_with_the_plain_definition(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "1", "-", " ", "\t", "\n", "\r\n", "<", "<!--", "-->", "```", "~~~", "é", "|", "\u{a0}"]),
                0..60,
            )
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(count_words(&text), count_words_slowly(&text), "{:?}", text);
        }
    }
}
