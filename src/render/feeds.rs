//! RSS 2.0, Atom 1.0 and JSON Feed 1.1 of notices and improvements, for the
//! whole site and for each area and audience. Written directly (not through
//! templates) so escaping is exact: every string is XML-escaped, characters
//! XML 1.0 forbids are dropped, and JSON goes through serde.

use std::fmt::Write as _;

use jiff::Timestamp;
use serde::Serialize;

use crate::site::Site;

/// One entry of a feed.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    /// Stable id: the permalink (a notice keeps it when its text changes).
    pub id: String,
    /// Absolute URL of the page.
    pub url: String,
    /// The entry title (for notices: impact and effective date included).
    pub title: String,
    /// One paragraph of plain text.
    pub summary: &'a str,
    /// Full HTML content, with absolute URLs.
    pub content_html: &'a str,
    /// The same, escaped for XML (done once per item, shared by every feed).
    pub content_xml: &'a str,
    /// First published.
    pub published: Timestamp,
    /// Last changed.
    pub updated: Timestamp,
    /// Categories: impact, areas, audiences.
    pub categories: Vec<&'a str>,
}

/// Which feed: its title and the URLs it lives at.
#[derive(Debug, Clone)]
pub struct Channel {
    /// Feed title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Absolute URL of the HTML page the feed mirrors.
    pub page_url: String,
    /// Absolute URL of the folder the feed files are in (ends with `/`).
    pub feed_base: String,
    /// Language tag.
    pub language: String,
    /// Author name (the site title).
    pub author: String,
}

/// Whether XML 1.0 allows `c` in a document.
fn is_xml_char(c: char) -> bool {
    (c as u32 >= 0x20 || matches!(c, '\t' | '\n' | '\r')) && c != '\u{FFFE}' && c != '\u{FFFF}'
}

/// Escapes text for XML and drops characters XML 1.0 does not allow.
/// Runs of ordinary text are copied whole (feeds escape a lot of HTML).
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            c if is_xml_char(c) => continue,
            _ => "",
        };
        out.push_str(&s[start..i]);
        out.push_str(replacement);
        start = i + c.len_utf8();
    }
    out.push_str(&s[start..]);
    out
}

/// Drops characters that XML and feed readers reject (control characters).
pub fn clean(s: &str) -> String {
    s.chars().filter(|&c| is_xml_char(c)).collect()
}

fn rfc822(t: Timestamp) -> String {
    jiff::fmt::rfc2822::DateTimePrinter::new().timestamp_to_rfc9110_string(&t).unwrap_or_default()
}

fn rfc3339(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn updated(items: &[Item<'_>], fallback: Timestamp) -> Timestamp {
    items.iter().map(|i| i.updated).max().unwrap_or(fallback)
}

/// RSS 2.0.
pub fn rss(ch: &Channel, items: &[Item<'_>], fallback: Timestamp) -> String {
    let mut x = String::with_capacity(4096 + items.len() * 4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
    let _ = writeln!(x, "<title>{}</title>", xml_escape(&ch.title));
    let _ = writeln!(x, "<link>{}</link>", xml_escape(&ch.page_url));
    let _ = writeln!(x, "<description>{}</description>", xml_escape(&ch.description));
    let _ = writeln!(x, "<language>{}</language>", xml_escape(&ch.language));
    let _ = writeln!(x, "<generator>forewarn</generator>");
    let _ = writeln!(x, "<lastBuildDate>{}</lastBuildDate>", rfc822(updated(items, fallback)));
    let _ = writeln!(
        x,
        "<atom:link href=\"{}feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>",
        xml_escape(&ch.feed_base)
    );
    for i in items {
        x.push_str("<item>\n");
        let _ = writeln!(x, "<title>{}</title>", xml_escape(&i.title));
        let _ = writeln!(x, "<link>{}</link>", xml_escape(&i.url));
        let _ = writeln!(x, "<guid isPermaLink=\"true\">{}</guid>", xml_escape(&i.id));
        let _ = writeln!(x, "<pubDate>{}</pubDate>", rfc822(i.published));
        let _ = writeln!(x, "<dc:creator>{}</dc:creator>", xml_escape(&ch.author));
        for c in &i.categories {
            let _ = writeln!(x, "<category>{}</category>", xml_escape(c));
        }
        let _ = writeln!(x, "<description>{}</description>", xml_escape(i.summary));
        let _ = writeln!(x, "<content:encoded>{}</content:encoded>", i.content_xml);
        x.push_str("</item>\n");
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

/// Atom 1.0 (RFC 4287).
pub fn atom(ch: &Channel, items: &[Item<'_>], fallback: Timestamp) -> String {
    let mut x = String::with_capacity(4096 + items.len() * 4096);
    let _ = writeln!(
        x,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml_escape(&ch.language)
    );
    let _ = writeln!(x, "<title>{}</title>", xml_escape(&ch.title));
    let _ = writeln!(x, "<subtitle>{}</subtitle>", xml_escape(&ch.description));
    let _ = writeln!(x, "<id>{}atom.xml</id>", xml_escape(&ch.feed_base));
    let _ = writeln!(
        x,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}atom.xml\"/>",
        xml_escape(&ch.feed_base)
    );
    let _ = writeln!(x, "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", xml_escape(&ch.page_url));
    let _ = writeln!(x, "<updated>{}</updated>", rfc3339(updated(items, fallback)));
    let _ = writeln!(x, "<author><name>{}</name></author>", xml_escape(&ch.author));
    let _ = writeln!(x, "<generator>forewarn</generator>");
    for i in items {
        x.push_str("<entry>\n");
        let _ = writeln!(x, "<title>{}</title>", xml_escape(&i.title));
        let _ = writeln!(x, "<id>{}</id>", xml_escape(&i.id));
        let _ = writeln!(x, "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", xml_escape(&i.url));
        let _ = writeln!(x, "<published>{}</published>", rfc3339(i.published));
        let _ = writeln!(x, "<updated>{}</updated>", rfc3339(i.updated));
        for c in &i.categories {
            let _ = writeln!(x, "<category term=\"{}\"/>", xml_escape(c));
        }
        let _ = writeln!(x, "<summary type=\"text\">{}</summary>", xml_escape(i.summary));
        let _ = writeln!(x, "<content type=\"html\">{}</content>", i.content_xml);
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: String,
    home_page_url: &'a str,
    feed_url: String,
    description: String,
    language: &'a str,
    authors: [JsonAuthor<'a>; 1],
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: String,
    content_html: String,
    summary: String,
    date_published: String,
    date_modified: String,
    tags: Vec<String>,
}

/// JSON Feed 1.1.
pub fn json(ch: &Channel, items: &[Item<'_>]) -> String {
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: clean(&ch.title),
        home_page_url: &ch.page_url,
        feed_url: format!("{}feed.json", ch.feed_base),
        description: clean(&ch.description),
        language: &ch.language,
        authors: [JsonAuthor { name: &ch.author }],
        items: items
            .iter()
            .map(|i| JsonItem {
                id: &i.id,
                url: &i.url,
                title: clean(&i.title),
                content_html: clean(i.content_html),
                summary: clean(i.summary),
                date_published: rfc3339(i.published),
                date_modified: rfc3339(i.updated),
                tags: i.categories.iter().map(|c| clean(c)).collect(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&feed).unwrap_or_default();
    s.push('\n');
    s
}

/// Makes root-relative `href`/`src` attributes absolute (feed readers and
/// mail clients have no base URL).
pub fn absolutize(html: &str, origin: &str) -> String {
    html.replace("href=\"/", &format!("href=\"{origin}/")).replace("src=\"/", &format!("src=\"{origin}/"))
}

/// The scheme and host of the site (`https://changes.example.com`).
pub fn origin(site: &Site) -> String {
    crate::url::split_base(&site.config.base_url).0.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_drops_forbidden_characters() {
        assert_eq!(
            xml_escape("a & <b> \"c\" 'd' ]]> \u{1}\u{7}e\u{202E}"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos; ]]&gt; e\u{202E}"
        );
    }

    #[test]
    fn absolute_links() {
        assert_eq!(
            absolutize(r#"<a href="/x/">x</a><img src="/y.png">"#, "https://e.example"),
            r#"<a href="https://e.example/x/">x</a><img src="https://e.example/y.png">"#
        );
    }
}
