//! Hostile content (issue 6): markup, quotes, ampersands, `]]>`, control
//! characters, right-to-left overrides and very long strings in every
//! front-matter field, and raw HTML in the markdown. Whatever is written,
//! HTML pages get no injected elements or attributes, feeds stay well-formed
//! XML, `feed.json` and `notices.json` stay valid JSON that round-trips the
//! strings, the calendar escapes and folds correctly, and the newsletter
//! stays script-free.
//!
//! Cases marked `#[ignore = "BUG: …"]` describe the correct behaviour of a
//! bug that is not fixed yet.

#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub, missing_docs)]

mod common;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, Weak};

use common::{GOOD_NOTICE, TestSite};
use scraper::{Html, Selector};
use serde_json::Value;

/// Markup, quotes, an ampersand and an entity, the end of a CDATA section,
/// control characters (SOH, BEL, ESC) and a right-to-left override.
const H: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>'&amp;&]]>\u{1}\u{7}\u{1b}\u{202E}fdp.exe";

/// A feedback URL that is valid but full of characters to escape.
const FEEDBACK: &str = "https://feedback.example.com/form?a=\"b\"&c=<d>&e='f'";

/// `s` repeated to about 100 KB.
fn long(s: &str) -> String {
    s.repeat(100_000 / s.len() + 1)
}

/// `s` as a TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` without control characters (what JSON and feeds may drop).
fn no_controls(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// A high-impact notice with `h` in every string field.
fn hostile_notice(h: &str, slug: &str) -> String {
    let s = toml_str(h);
    let export = toml_str(&format!("{h} [download](javascript:alert(1)) <javascript:alert(2)>"));
    format!(
        r#"+++
title = {title}
published = 2026-10-01
effective = 2027-01-20T09:00:00Z
impact = "high"
audience = [{s}, "Admins & <Owners>"]
areas = [{s}]
scope = {s}
summary = {s}
benefits = {s}
workaround = {s}
feedback = {feedback}
support = {support}
emergency = {s}
aliases = ["/2026/{slug}-old/"]

[data]
disposition = "deleted"
details = {s}
access = {s}
export = {export}

[[updates]]
date = 2026-10-15
note = {s}
+++

{body}

Raw HTML is shown as text: <div class="x" onclick="alert(1)">a div</div> </main></body> <iframe src="https://evil.example/"></iframe>
<!-- a comment that must not be published -->

<script>alert("block")</script>

Links: [a javascript link](javascript:alert(1)) [an entity one](&#106;avascript:alert(1)) <javascript:alert(3)> [quoted](https://a.example/" onclick="alert(1)) ![an image" onerror="alert(1)](https://a.example/i.png "t\" onclick=\"x")

Enough plain words follow here so that the body explains the impact of this change to every reader of the notice page.
"#,
        title = toml_str(&format!("{h} title")),
        feedback = toml_str(FEEDBACK),
        support = toml_str(&format!("{h} SUPPORT-ONLY")),
        body = h.replace(['\n', '\r'], " "),
    )
}

fn hostile_improvement(h: &str, notice: &str, status: &str, extra: &str) -> String {
    let s = toml_str(h);
    format!(
        r#"+++
title = {s}
date = 2026-10-15
areas = [{s}]
status = "{status}"
notice = "{notice}"
{extra}

[feedback]
source = {s}
requests = 3
quote = {s}
+++

{body} You asked, we answered.
"#,
        body = h,
    )
}

/// A site with `h` in every field: a high-impact notice (`slug`), two
/// improvements, a page, the site's title and description, and a plain
/// notice beside them.
fn hostile_site(h: &str, slug: &str) -> TestSite {
    let site = TestSite::new();
    site.write(
        "forewarn.toml",
        &format!(
            "title = {}\ndescription = {}\nbase_url = \"https://changes.example.com\"\nfeedback = \"mailto:a@example.com\"\n",
            toml_str(&format!("{H} site")),
            toml_str(h)
        ),
    );
    site.write(&format!("content/notices/{slug}.md"), &hostile_notice(h, slug));
    site.write("content/notices/plain.md", GOOD_NOTICE);
    site.write(
        "content/improvements/declined.md",
        &hostile_improvement(h, slug, "declined", &format!("reason = {}", toml_str(h))),
    );
    site.write(
        "content/improvements/planned.md",
        &hostile_improvement(h, slug, "planned", &format!("eta = {}", toml_str(h))),
    );
    site.write(
        "content/pages/about.md",
        &format!("+++\ntitle = {}\ndescription = {}\n+++\n\n{h}\n", toml_str(h), toml_str(h)),
    );
    site
}

/// Shares one built site between the tests running at the same time; the
/// folder goes when the last of them is done.
fn shared(slot: &Mutex<Weak<TestSite>>, make: fn() -> TestSite) -> Arc<TestSite> {
    let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(site) = slot.upgrade() {
        return site;
    }
    let site = Arc::new(make());
    site.build().expect(0);
    *slot = Arc::downgrade(&site);
    site
}

/// The hostile site with short strings (notice `short`).
fn built() -> Arc<TestSite> {
    static SHARED: Mutex<Weak<TestSite>> = Mutex::new(Weak::new());
    shared(&SHARED, || hostile_site(H, "short"))
}

/// The hostile site with 100 KB strings (notice `long`).
fn built_long() -> Arc<TestSite> {
    static SHARED: Mutex<Weak<TestSite>> = Mutex::new(Weak::new());
    shared(&SHARED, || hostile_site(&long(H), "long"))
}

/// Every output file whose name ends with `ext`, relative to `public/`.
fn files(site: &TestSite, ext: &str) -> Vec<PathBuf> {
    site.output_files().into_iter().filter(|p| p.to_string_lossy().ends_with(ext)).collect()
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

// ------------------------------------------------------------------- HTML

/// What is wrong with an HTML document: injected elements or attributes.
/// `scripts` says whether the theme's own `site.js` tag is allowed.
fn html_problems(html: &str, scripts: bool) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    for el in doc.select(&sel("*")) {
        let e = el.value();
        let name = e.name();
        if name == "script" {
            let src = e.attr("src").unwrap_or("");
            let text: String = el.text().collect();
            if !scripts || !src.ends_with("/site.js") || !text.trim().is_empty() {
                out.push(format!("a <script src={src:?}> with {} bytes of text", text.len()));
            }
        }
        if matches!(name, "iframe" | "object" | "embed" | "frame" | "base") {
            out.push(format!("an injected <{name}>"));
        }
        if name == "img" && e.attr("src").is_some_and(|s| s == "x") {
            out.push("an injected <img src=x>".into());
        }
        for (attr, value) in e.attrs() {
            if attr.to_ascii_lowercase().starts_with("on") {
                out.push(format!("<{name} {attr}={value:?}>"));
            }
            if matches!(attr, "href" | "src" | "action" | "formaction") {
                let v: String = value.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect();
                let v = v.to_ascii_lowercase();
                if v.starts_with("javascript:") || v.starts_with("vbscript:") || v.starts_with("data:text") {
                    out.push(format!("<{name} {attr}={value:?}>"));
                }
            }
        }
    }
    out
}

/// The same checks as [`html_problems`] by a scan of the tags, without
/// building a DOM: for the megabyte pages of the 100 KB site, which a full
/// HTML parse in a debug build would take long over. Every `<` of text is
/// escaped, so each `<name` is markup.
fn tag_problems(html: &str, scripts: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off + 1;
        let rest = &html[start..];
        if rest.starts_with("!--") {
            i = start + rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        i = start;
        if name.is_empty() {
            continue;
        }
        // Attributes up to the closing `>`, minding quotes.
        let mut attrs: Vec<(String, String)> = Vec::new();
        let mut chars = rest[name_len..].char_indices().peekable();
        let mut end = rest.len();
        while let Some((j, c)) = chars.next() {
            match c {
                '>' => {
                    end = name_len + j + 1;
                    break;
                }
                c if c.is_whitespace() || c == '/' => {}
                _ => {
                    let mut attr = String::from(c);
                    while let Some(&(_, c)) = chars.peek() {
                        if c.is_whitespace() || c == '=' || c == '>' || c == '/' {
                            break;
                        }
                        attr.push(c);
                        chars.next();
                    }
                    let mut value = String::new();
                    if chars.peek().is_some_and(|&(_, c)| c == '=') {
                        chars.next();
                        match chars.peek().map(|&(_, c)| c) {
                            Some(q @ ('"' | '\'')) => {
                                chars.next();
                                for (_, c) in chars.by_ref() {
                                    if c == q {
                                        break;
                                    }
                                    value.push(c);
                                }
                            }
                            _ => {
                                while let Some(&(_, c)) = chars.peek() {
                                    if c.is_whitespace() || c == '>' {
                                        break;
                                    }
                                    value.push(c);
                                    chars.next();
                                }
                            }
                        }
                    }
                    attrs.push((attr.to_ascii_lowercase(), value));
                }
            }
        }
        i = start + end;
        let attr = |n: &str| attrs.iter().find(|(a, _)| a == n).map(|(_, v)| v.as_str());
        if name == "script" {
            let src = attr("src").unwrap_or("");
            let text_len = html[i..].find("</script").unwrap_or(0);
            if !scripts || !src.ends_with("/site.js") || !html[i..i + text_len].trim().is_empty() {
                out.push(format!("a <script src={src:?}>"));
            }
        }
        if matches!(name.as_str(), "iframe" | "object" | "embed" | "frame" | "base") {
            out.push(format!("an injected <{name}>"));
        }
        if name == "img" && attr("src") == Some("x") {
            out.push("an injected <img src=x>".into());
        }
        for (a, v) in &attrs {
            if a.starts_with("on") {
                out.push(format!("<{name} {a}={v:?}>"));
            }
            let v = v.to_ascii_lowercase();
            if matches!(a.as_str(), "href" | "src") && (v.contains("javascript:") || v.starts_with("data:text")) {
                out.push(format!("<{name} {a}={v:?}>"));
            }
        }
    }
    out
}

#[test]
fn the_tag_scan_sees_what_the_parser_sees() {
    for (html, bad) in [
        ("<p class=\"a\">x &lt;script&gt;</p><script src=\"/site.js\" defer></script>", false),
        ("<p>x</p><script>alert(1)</script>", true),
        ("<img src=x onerror=alert(1)>", true),
        ("<a title='>' onclick=\"x\">", true),
        ("<h2 id=\"a\" style=\"x\">", false),
        ("<a href=\"javascript:alert(1)\">", true),
        ("<!-- <script> --><p>", false),
    ] {
        assert_eq!(!tag_problems(html, true).is_empty(), bad, "{html}");
        assert_eq!(!html_problems(html, true).is_empty(), bad, "{html}");
    }
}

#[test]
fn html_pages_have_no_injected_elements_or_attributes() {
    let mut bad = Vec::new();
    for (site, check) in [(built(), html_problems as fn(&str, bool) -> Vec<String>), (built_long(), tag_problems)] {
        let pages = files(&site, ".html");
        assert!(pages.len() > 10, "{pages:?}");
        for rel in &pages {
            let scripts = !rel.starts_with("newsletter");
            for p in check(&site.output(&rel.to_string_lossy()), scripts) {
                bad.push(format!("{}: {p}", rel.display()));
            }
        }
    }
    assert!(bad.is_empty(), "{} problem(s):\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn hostile_text_is_shown_as_text() {
    let site = built();
    let doc = Html::parse_document(&site.output("notices/short/index.html"));
    let h1: String = doc.select(&sel("h1")).next().expect("h1").text().collect();
    assert!(h1.contains("<script>alert(1)</script>\"><img src=x onerror=alert(1)>'&amp;&]]>"), "{h1:?}");
    assert!(h1.contains('\u{202E}'), "the right-to-left override is text too");
    let body: String = doc.select(&sel(".body")).next().expect(".body").text().collect();
    assert!(body.contains("<div class=\"x\" onclick=\"alert(1)\">a div</div>"), "raw HTML is shown as text: {body}");
    assert!(body.contains("<iframe"), "{body}");
    assert!(!site.output("notices/short/index.html").contains("a comment that must not be published"));
    // The feedback link keeps its query, escaped in the attribute.
    let hrefs: Vec<&str> = doc.select(&sel("a.button")).filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(hrefs, [FEEDBACK]);
}

#[test]
fn raw_html_in_the_body_does_not_break_the_layout() {
    let site = built();
    let long_site = built_long();
    for (site, rel) in [
        (&site, "notices/short/index.html"),
        (&site, "pages/about/index.html"),
        (&site, "index.html"),
        (&long_site, "notices/long/index.html"),
    ] {
        let doc = Html::parse_document(&site.output(rel));
        assert_eq!(doc.select(&sel("main")).count(), 1, "{rel}");
        assert_eq!(doc.select(&sel("body > footer.site-footer")).count(), 1, "{rel}: the footer left <body>");
        assert_eq!(doc.select(&sel("main footer")).count(), 0, "{rel}: the footer moved into <main>");
        assert_eq!(doc.select(&sel("body > header.site-header")).count(), 1, "{rel}");
    }
    let doc = Html::parse_document(&site.output("notices/short/index.html"));
    assert_eq!(doc.select(&sel("main article.notice .body")).count(), 1);
    assert_eq!(doc.select(&sel("main article.notice section.feedback")).count(), 1, "the boxes stay in the article");
}

#[test]
fn javascript_links_in_markdown_fields_lose_their_target() {
    const LINKS: &str = "[a](javascript:alert(1)) [b](JavaScript:alert(1)) [c](&#106;avascript:alert(1)) <javascript:alert(2)> [d](vbscript:x) ![e](data:text/html,x) [ok](https://ok.example/)";
    let s = toml_str(LINKS);
    let site = TestSite::new();
    site.write(
        "content/notices/links.md",
        &format!(
            "+++\ntitle = \"Links\"\npublished = 2026-10-01\neffective = 2027-01-20T09:00:00Z\nimpact = \"low\"\naudience = [\"All\"]\nfeedback = \"mailto:a@example.com\"\nbenefits = {s}\nworkaround = {s}\n\n[data]\ndisposition = \"deleted\"\ndetails = {s}\naccess = {s}\nexport = {s}\n\n[[updates]]\ndate = 2026-10-15\nnote = {s}\n+++\n\n{LINKS} and enough words to explain the impact of this change to every single reader of it.\n"
        ),
    );
    site.write(
        "content/improvements/no.md",
        &format!("+++\ntitle = \"No\"\ndate = 2026-10-15\nstatus = \"declined\"\nreason = {s}\n[feedback]\nsource = \"x\"\n+++\n\n{LINKS}\n"),
    );
    site.build().expect(0);
    let doc = Html::parse_document(&site.output("notices/links/index.html"));
    let export = doc.select(&sel("section.data dd")).next_back().expect("the export entry");
    assert_eq!(export.select(&sel("a")).count(), 6, "the links stay, without a target: {}", export.html());
    let mut bad = Vec::new();
    for rel in files(&site, ".html") {
        let html = site.output(&rel.to_string_lossy());
        for p in html_problems(&html, !rel.starts_with("newsletter")) {
            bad.push(format!("{}: {p}", rel.display()));
        }
        // Only the one good link of each field keeps a target.
        let doc = Html::parse_document(&html);
        for a in doc.select(&sel("a, img")) {
            let target = a.value().attr("href").or(a.value().attr("src")).unwrap_or("");
            if target.to_ascii_lowercase().contains("script") || target.starts_with("data:") {
                bad.push(format!("{}: {}", rel.display(), a.html()));
            }
        }
    }
    for rel in files(&site, ".xml") {
        let text = site.output(&rel.to_string_lossy());
        let doc = xml::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
        for (name, t) in doc.texts {
            if name == "content:encoded" || name == "content" {
                for p in html_problems(&t, false) {
                    bad.push(format!("{} <{name}>: {p}", rel.display()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn feedback_with_a_script_url_is_an_error_naming_the_key() {
    let mut bad = Vec::new();
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "\u{1}javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "",
    ] {
        let text = GOOD_NOTICE.replacen(
            "feedback = \"mailto:billing@example.com\"",
            &format!("feedback = {}", toml_str(url)),
            1,
        );
        let site = TestSite::new();
        site.write("content/notices/bad.md", &text);
        let run = site.check();
        let ok = run.code == 2
            && !run.stderr.contains("panicked")
            && run.stderr.contains("content/notices/bad.md:11:12")
            && run.stderr.contains("`feedback` must be an http(s) URL")
            && run.stderr.contains("help:");
        if !ok {
            bad.push(format!("{url:?}\n{}", run.all()));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_bare_script_url_as_export_is_text_not_a_link() {
    let text = GOOD_NOTICE.replacen(
        "+++\n\n",
        "[data]\ndisposition = \"deleted\"\nexport = \"javascript:alert(1)\"\n+++\n\n",
        1,
    );
    let site = TestSite::new();
    site.write("content/notices/bad.md", &text);
    site.build().expect(0);
    let doc = Html::parse_document(&site.output("notices/bad/index.html"));
    let dd = doc.select(&sel("section.data dd")).next_back().expect("the export entry");
    assert_eq!(dd.select(&sel("a")).count(), 0, "{}", dd.html());
    assert!(dd.text().collect::<String>().contains("javascript:alert(1)"));
}

#[test]
fn heading_attributes_cannot_inject_event_handlers() {
    let text = format!(
        "{GOOD_NOTICE}\n## Click here {{onclick=alert(1) style=\"position:fixed;inset:0\"}}\n\n### Hover {{#main onmouseover=alert(2)}}\n"
    );
    let site = TestSite::new();
    site.write("content/notices/bad.md", &text);
    site.write(
        "content/notices/fields.md",
        &GOOD_NOTICE.replacen("benefits = \"Clearer totals.\"", "benefits = \"# Why {onclick=alert(3)}\"", 1),
    );
    site.build().expect(0);
    let mut bad = Vec::new();
    for rel in files(&site, ".html") {
        let html = site.output(&rel.to_string_lossy());
        for p in html_problems(&html, !rel.starts_with("newsletter")) {
            bad.push(format!("{}: {p}", rel.display()));
        }
        if Html::parse_document(&html).select(&sel("main [style]")).next().is_some() {
            bad.push(format!("{}: a style attribute from markdown", rel.display()));
        }
    }
    for rel in files(&site, ".xml") {
        for (name, text) in xml::parse(&site.output(&rel.to_string_lossy())).expect("well-formed").texts {
            if name == "content:encoded" || name == "content" {
                for p in html_problems(&text, false) {
                    bad.push(format!("{} <{name}>: {p}", rel.display()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

// -------------------------------------------------------------------- XML

/// A small XML 1.0 well-formedness checker: enough for feeds and sitemaps
/// (prolog, elements, attributes, text, character and entity references,
/// comments, CDATA). It is strict where it matters here: every `<` and `&`
/// in text and attribute values must be markup or a valid reference, tags
/// must nest, attribute names must not repeat, and only characters XML 1.0
/// allows may appear.
mod xml {
    /// The decoded text of each element (element name, text), in document
    /// order.
    pub struct Doc {
        pub texts: Vec<(String, String)>,
        pub root: String,
    }

    fn is_xml_char(c: char) -> bool {
        matches!(c, '\t' | '\n' | '\r') || (c >= '\u{20}' && c != '\u{FFFE}' && c != '\u{FFFF}')
    }

    fn is_name_start(c: char) -> bool {
        c.is_alphabetic() || c == '_' || c == ':'
    }

    fn is_name_char(c: char) -> bool {
        is_name_start(c) || c.is_ascii_digit() || matches!(c, '-' | '.') || c.is_alphanumeric()
    }

    /// Decodes the references in text or an attribute value.
    fn decode(s: &str, at: usize) -> Result<String, String> {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            let end = rest[i..].find(';').ok_or_else(|| format!("a bare `&` near byte {at}"))?;
            let name = &rest[i + 1..i + end];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| format!("bad reference &{n}; near byte {at}"))?,
                n if n.starts_with('#') => n[1..]
                    .parse::<u32>()
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| format!("bad reference &{n}; near byte {at}"))?,
                n => return Err(format!("unknown entity &{n}; near byte {at}")),
            };
            if !is_xml_char(c) {
                return Err(format!("a reference to a character XML forbids (U+{:04X}) near byte {at}", c as u32));
            }
            out.push(c);
            rest = &rest[i + end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// Checks `text`; returns the decoded texts or the first problem.
    pub fn parse(text: &str) -> Result<Doc, String> {
        if let Some((i, c)) = text.char_indices().find(|&(_, c)| !is_xml_char(c)) {
            return Err(format!("character U+{:04X} at byte {i} is not allowed in XML", c as u32));
        }
        let mut rest = text;
        let mut pos = 0;
        let mut stack: Vec<(String, String)> = Vec::new();
        let mut texts = Vec::new();
        let mut root: Option<String> = None;
        let advance = |rest: &mut &str, pos: &mut usize, n: usize| {
            *rest = &rest[n..];
            *pos += n;
        };
        if rest.starts_with("<?xml") {
            let end = rest.find("?>").ok_or("unclosed XML declaration")?;
            advance(&mut rest, &mut pos, end + 2);
        }
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix("<!--") {
                let end = r.find("-->").ok_or_else(|| format!("unclosed comment at byte {pos}"))?;
                if r[..end].contains("--") {
                    return Err(format!("`--` inside a comment at byte {pos}"));
                }
                advance(&mut rest, &mut pos, 4 + end + 3);
            } else if let Some(r) = rest.strip_prefix("<![CDATA[") {
                let end = r.find("]]>").ok_or_else(|| format!("unclosed CDATA at byte {pos}"))?;
                let (_, t) = stack.last_mut().ok_or_else(|| format!("CDATA outside the root at byte {pos}"))?;
                t.push_str(&r[..end]);
                advance(&mut rest, &mut pos, 9 + end + 3);
            } else if let Some(r) = rest.strip_prefix("</") {
                let end = r.find('>').ok_or_else(|| format!("unclosed end tag at byte {pos}"))?;
                let name = r[..end].trim_end();
                let (open, t) = stack.pop().ok_or_else(|| format!("`</{name}>` closes nothing at byte {pos}"))?;
                if open != name {
                    return Err(format!("`</{name}>` closes `<{open}>` at byte {pos}"));
                }
                texts.push((open, t));
                advance(&mut rest, &mut pos, 2 + end + 1);
            } else if let Some(r) = rest.strip_prefix('<') {
                if root.is_some() && stack.is_empty() {
                    return Err(format!("a second root element at byte {pos}"));
                }
                let name_len = r.find(|c: char| !is_name_char(c)).unwrap_or(r.len());
                let name = &r[..name_len];
                if name.is_empty() || !name.starts_with(is_name_start) {
                    return Err(format!("a `<` that starts no tag at byte {pos}"));
                }
                let mut i = name_len;
                let mut attrs: Vec<&str> = Vec::new();
                let empty;
                loop {
                    let ws = r[i..].len() - r[i..].trim_start().len();
                    i += ws;
                    let t = &r[i..];
                    if t.starts_with("/>") {
                        empty = true;
                        i += 2;
                        break;
                    }
                    if t.starts_with('>') {
                        empty = false;
                        i += 1;
                        break;
                    }
                    if ws == 0 {
                        return Err(format!("no space before an attribute of <{name}> at byte {pos}"));
                    }
                    let an = t.find(|c: char| !is_name_char(c)).unwrap_or(t.len());
                    let aname = &t[..an];
                    if aname.is_empty() {
                        return Err(format!("a bad attribute in <{name}> at byte {pos}"));
                    }
                    if attrs.contains(&aname) {
                        return Err(format!("attribute {aname} twice in <{name}> at byte {pos}"));
                    }
                    attrs.push(aname);
                    let t2 = t[an..].trim_start();
                    let t2 = t2.strip_prefix('=').ok_or_else(|| format!("no `=` after {aname} at byte {pos}"))?;
                    let t3 = t2.trim_start();
                    let q = t3.chars().next().filter(|c| *c == '"' || *c == '\'');
                    let q = q.ok_or_else(|| format!("unquoted value of {aname} at byte {pos}"))?;
                    let vend = t3[1..].find(q).ok_or_else(|| format!("unclosed value of {aname} at byte {pos}"))?;
                    let value = &t3[1..1 + vend];
                    if value.contains('<') {
                        return Err(format!("a `<` in the value of {aname} at byte {pos}"));
                    }
                    decode(value, pos)?;
                    i += (t.len() - t3.len()) + 1 + vend + 1;
                }
                if root.is_none() {
                    root = Some(name.to_string());
                }
                if empty {
                    texts.push((name.to_string(), String::new()));
                } else {
                    stack.push((name.to_string(), String::new()));
                }
                advance(&mut rest, &mut pos, 1 + i);
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                let raw = &rest[..end];
                if raw.contains("]]>") {
                    return Err(format!("`]]>` in text at byte {pos}"));
                }
                let decoded = decode(raw, pos)?;
                match stack.last_mut() {
                    Some((_, t)) => t.push_str(&decoded),
                    None if raw.trim().is_empty() => {}
                    None => return Err(format!("text outside the root element at byte {pos}")),
                }
                advance(&mut rest, &mut pos, end);
            }
        }
        if let Some((open, _)) = stack.last() {
            return Err(format!("<{open}> is never closed"));
        }
        Ok(Doc { texts, root: root.ok_or("no root element")? })
    }

    #[test]
    fn the_checker_catches_what_it_should() {
        assert!(parse("<?xml version=\"1.0\"?>\n<a x=\"1\"><b>t &amp; &#x41;</b><c/></a>\n").is_ok());
        for bad in [
            "<a>&</a>",
            "<a>&nbsp;</a>",
            "<a><b></a></b>",
            "<a>]]></a>",
            "<a x=\"<\"></a>",
            "<a x=\"1\" x=\"2\"></a>",
            "<a>\u{1}</a>",
            "<a>&#1;</a>",
            "<a></a><b></b>",
            "<a>< b</a>",
            "<a>",
            "<a x=1></a>",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} passed");
        }
    }
}

#[test]
fn feeds_and_sitemap_are_well_formed_xml() {
    let mut bad = Vec::new();
    for (site, check) in [(built(), html_problems as fn(&str, bool) -> Vec<String>), (built_long(), tag_problems)] {
        let xmls = files(&site, ".xml");
        assert!(xmls.iter().any(|p| p.starts_with("areas")), "facet feeds exist: {xmls:?}");
        for rel in &xmls {
            match xml::parse(&site.output(&rel.to_string_lossy())) {
                Err(e) => bad.push(format!("{}: {e}", rel.display())),
                Ok(doc) => {
                    let expected = if rel.ends_with("sitemap.xml") {
                        "urlset"
                    } else if rel.ends_with("atom.xml") {
                        "feed"
                    } else {
                        "rss"
                    };
                    if doc.root != expected {
                        bad.push(format!("{}: root <{}>", rel.display(), doc.root));
                    }
                    // The HTML inside the feed is safe too, once a reader
                    // unescapes it.
                    for (name, text) in &doc.texts {
                        if name == "content:encoded" || name == "content" {
                            for p in check(text, false) {
                                bad.push(format!("{} <{name}>: {p}", rel.display()));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn feed_titles_keep_the_text() {
    let site = built();
    let doc = xml::parse(&site.output("feed.xml")).unwrap();
    let titles: Vec<&str> = doc.texts.iter().filter(|(n, _)| n == "title").map(|(_, t)| t.as_str()).collect();
    let want = no_controls(&format!("{H} title"));
    assert!(titles.iter().any(|t| t.contains(&want)), "{want:?} not in {titles:?}");
}

// ------------------------------------------------------------------- JSON

/// Whether `got` is `want`, or `want` without its control characters.
fn same_text(got: &Value, want: &str) -> bool {
    got.as_str().is_some_and(|g| g == want || g == no_controls(want))
}

#[test]
fn notices_json_is_valid_and_round_trips_the_strings() {
    let hl = long(H);
    for (site, slug, h) in [(built(), "short", H), (built_long(), "long", hl.as_str())] {
        let json: Value = serde_json::from_str(&site.output("notices.json")).expect("notices.json is JSON");
        assert!(same_text(&json["site"]["title"], &format!("{H} site")));
        let n = json["notices"].as_array().unwrap().iter().find(|n| n["slug"] == slug).expect(slug);
        let mut bad = Vec::new();
        let mut want = |field: &str, got: &Value, expected: &str| {
            if !same_text(got, expected) {
                bad.push(format!("{field}: {:.200}", got.to_string()));
            }
        };
        want("title", &n["title"], &format!("{h} title"));
        want("audience[0]", &n["audience"][0], h);
        want("audience[1]", &n["audience"][1], "Admins & <Owners>");
        want("areas[0]", &n["areas"][0], h);
        want("scope", &n["scope"], h);
        want("benefits", &n["benefits"], h);
        want("workaround", &n["workaround"], h);
        want("feedback", &n["feedback"], FEEDBACK);
        want("emergency", &n["emergency"], h);
        want("data.details", &n["data"]["details"], h);
        want("data.access", &n["data"]["access"], h);
        want("updates[0].note", &n["updates"][0]["note"], h);
        assert!(bad.is_empty(), "{slug}: {}", bad.join("\n"));
        assert!(n.get("support").is_none(), "support is never published");
        assert!(n["summary"].is_string());
    }
}

#[test]
fn feed_json_is_valid_json_with_the_text() {
    for (site, check) in [(built(), html_problems as fn(&str, bool) -> Vec<String>), (built_long(), tag_problems)] {
        for rel in files(&site, "feed.json") {
            let json: Value = serde_json::from_str(&site.output(&rel.to_string_lossy()))
                .unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
            assert_eq!(json["version"], "https://jsonfeed.org/version/1.1", "{}", rel.display());
            for item in json["items"].as_array().unwrap() {
                for key in ["id", "url", "title", "content_html", "date_published"] {
                    assert!(item[key].is_string(), "{}: item without {key}", rel.display());
                }
                assert!(check(item["content_html"].as_str().unwrap(), false).is_empty(), "{}", rel.display());
            }
        }
    }
    let site = built();
    let json: Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    let want = no_controls(&format!("{H} title"));
    assert!(
        json["items"].as_array().unwrap().iter().any(|i| i["title"].as_str().unwrap().contains(&want)),
        "no item title holds the hostile title"
    );
}

// --------------------------------------------------------------- calendar

/// Checks an iCalendar file: CRLF line ends, lines of at most 75 octets,
/// TEXT values escaped. Returns the unfolded SUMMARY values.
fn check_ics(text: &str, what: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"), "{what}: not CRLF-terminated");
    let body = &text[..text.len() - 2];
    let mut unfolded: Vec<String> = Vec::new();
    for line in body.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{what}: a bare line break in {line:?}");
        assert!(line.len() <= 75, "{what}: {} octets: {line:.80}", line.len());
        assert!(!line.chars().any(|c| c.is_control()), "{what}: a control character in {line:.80}");
        match line.strip_prefix(' ') {
            Some(cont) => unfolded.last_mut().expect("a continuation first").push_str(cont),
            None => unfolded.push(line.to_string()),
        }
    }
    let mut summaries = Vec::new();
    for line in &unfolded {
        let (name, value) = line.split_once(':').unwrap_or_else(|| panic!("{what}: no `:` in {line:.80}"));
        let name = name.split(';').next().unwrap();
        if !matches!(name, "SUMMARY" | "DESCRIPTION" | "CATEGORIES" | "X-WR-CALNAME" | "X-WR-CALDESC" | "LOCATION") {
            continue;
        }
        // TEXT: `\` escapes `\ ; , n N`; `;` and `,` never appear bare
        // (CATEGORIES separates its values with bare commas).
        let mut decoded = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('n' | 'N') => decoded.push('\n'),
                    Some(e @ ('\\' | ';' | ',')) => decoded.push(e),
                    other => panic!("{what}: bad escape \\{other:?} in {name}"),
                },
                ';' => panic!("{what}: a bare `;` in {name}: {value:.80}"),
                ',' if name != "CATEGORIES" => panic!("{what}: a bare `,` in {name}: {value:.80}"),
                c => decoded.push(c),
            }
        }
        if name == "SUMMARY" {
            summaries.push(decoded);
        }
    }
    summaries
}

#[test]
fn calendars_escape_and_fold() {
    let hl = long(H);
    for (site, h) in [(built(), H), (built_long(), hl.as_str())] {
        let cals = files(&site, ".ics");
        assert!(cals.len() >= 4, "{cals:?}");
        for rel in &cals {
            check_ics(&site.output(&rel.to_string_lossy()), &rel.display().to_string());
        }
        let summaries = check_ics(&site.output("calendar.ics"), "calendar.ics");
        // A 100 KB title is folded, not cut.
        let want = no_controls(&format!("{h} title"));
        assert!(summaries.iter().any(|s| s.contains(&want)), "{:.200} not in {:.400?}", want, summaries);
    }
}

// ------------------------------------------------------------- newsletter

#[test]
fn the_newsletter_has_no_script_and_no_injected_elements() {
    let long_html = built_long().output("newsletter/latest.html");
    let problems = tag_problems(&long_html, false);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(!long_html.to_ascii_lowercase().contains("<script"), "no script at all");
    let site = built();
    let html = site.output("newsletter/latest.html");
    let problems = html_problems(&html, false);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(!html.to_ascii_lowercase().contains("<script"), "no script at all");
    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&sel("body")).count(), 1);
    let text = site.output("newsletter/latest.txt");
    assert!(text.contains("<script>alert(1)</script>"), "the text twin shows the text as written");
}

#[test]
fn support_talking_points_stay_private_even_when_hostile() {
    for site in [built(), built_long()] {
        for rel in site.output_files() {
            let bytes = std::fs::read(site.path().join("public").join(&rel)).unwrap();
            assert!(!String::from_utf8_lossy(&bytes).contains("SUPPORT-ONLY"), "{}", rel.display());
        }
    }
}

#[test]
fn every_output_path_stays_inside_public() {
    for site in [built(), built_long()] {
        for rel in site.output_files() {
            assert!(rel.components().all(|c| matches!(c, std::path::Component::Normal(_))), "{}", rel.display());
        }
        // Nothing but the site's own files and forewarn's folders beside them.
        for e in std::fs::read_dir(site.path()).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(
                ["content", "forewarn.toml", "public"].contains(&name.as_str())
                    || name.starts_with(".public.forewarn-"),
                "{name}"
            );
        }
    }
}

// ------------------------------------------------------------------ brief

#[test]
fn the_support_brief_escapes_everything_too() {
    // `support` is only ever shown here, to the support team.
    let site = hostile_site(H, "short");
    site.run(&["brief", "--out", "brief"]).expect(0);
    let html = std::fs::read_to_string(site.path().join("brief/brief.html")).expect("brief.html");
    let problems = html_problems(&html, false);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let text: String = Html::parse_document(&html).root_element().text().collect();
    assert!(text.contains("SUPPORT-ONLY"), "the talking points are in the brief");
    assert!(text.contains("<script>alert(1)</script>"), "shown as text");
}
