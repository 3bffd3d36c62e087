//! HTML pages: hostile text stays text, no element or attribute is injected.

use super::*;

// ------------------------------------------------------------------- HTML

/// What is wrong with an HTML document: injected elements or attributes.
/// `scripts` says whether the theme's own `site.js` tag is allowed.
pub(super) fn html_problems(html: &str, scripts: bool) -> Vec<String> {
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
pub(super) fn tag_problems(html: &str, scripts: bool) -> Vec<String> {
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
            let scripts = !is_email(rel);
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
    let doc = page(&site, "notices/short/index.html");
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
        let doc = page(site, rel);
        assert_eq!(doc.select(&sel("main")).count(), 1, "{rel}");
        assert_eq!(doc.select(&sel("body > footer.site-footer")).count(), 1, "{rel}: the footer left <body>");
        assert_eq!(doc.select(&sel("main footer")).count(), 0, "{rel}: the footer moved into <main>");
        assert_eq!(doc.select(&sel("body > header.site-header")).count(), 1, "{rel}");
    }
    let doc = page(&site, "notices/short/index.html");
    assert_eq!(doc.select(&sel("main article.notice .body")).count(), 1);
    assert_eq!(doc.select(&sel("main article.notice section.feedback")).count(), 1, "the boxes stay in the article");
}

#[test]
fn javascript_links_in_markdown_fields_lose_their_target() {
    const LINKS: &str = "[a](javascript:alert(1)) [b](JavaScript:alert(1)) [c](&#106;avascript:alert(1)) <javascript:alert(2)> [d](vbscript:x) ![e](data:text/html,x) [ok](https://ok.example/)";
    let s = toml_str(LINKS);
    let site = TestSite::new();
    site.write("forewarn.toml", "[checklist.levels]\nlinks = \"allow\"\n");
    site.write(
        "content/notices/links.md",
        &format!(
            "+++\ntitle = \"Links\"\npublished = 2026-10-01\neffective = 2027-01-20T09:00:00Z\nimpact = \"low\"\naudience = [\"All\"]\nfeedback = \"mailto:a@example.com\"\nbenefits = {s}\nworkaround = {s}\n\n[data]\ndisposition = \"retained\"\ndetails = {s}\naccess = {s}\nexport = {s}\n\n[[updates]]\ndate = 2026-10-15\nnote = {s}\n+++\n\n{LINKS} and enough words to explain the impact of this change to every single reader of it.\n"
        ),
    );
    site.write(
        "content/improvements/no.md",
        &format!("+++\ntitle = \"No\"\ndate = 2026-10-15\nstatus = \"declined\"\nreason = {s}\n[feedback]\nsource = \"x\"\n+++\n\n{LINKS}\n"),
    );
    site.build().expect(0);
    let doc = page(&site, "notices/links/index.html");
    let export = doc.select(&sel("section.data dd")).next_back().expect("the export entry");
    assert_eq!(export.select(&sel("a")).count(), 6, "the links stay, without a target: {}", export.html());
    let mut bad = Vec::new();
    for rel in files(&site, ".html") {
        let html = site.output(&rel.to_string_lossy());
        for p in html_problems(&html, !is_email(&rel)) {
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
            && (run.stderr.contains("`feedback` must be an http(s) URL")
                || run.stderr.contains("`feedback` contains a control character"))
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
        "[data]\ndisposition = \"retained\"\nexport = \"javascript:alert(1)\"\n+++\n\n",
        1,
    );
    let site = TestSite::new();
    site.write("content/notices/bad.md", &text);
    site.build().expect(0);
    let doc = page(&site, "notices/bad/index.html");
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
        for p in html_problems(&html, !is_email(&rel)) {
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

/// Whether `rel` is a newsletter issue (an email: no script at all) rather
/// than a page of the site (the newsletter archive is one).
fn is_email(rel: &std::path::Path) -> bool {
    rel.components().any(|c| c.as_os_str() == "newsletter") && rel != std::path::Path::new("newsletter/index.html")
}
