//! Hostile content: markup, quotes, ampersands, `]]>`, control
//! characters, right-to-left overrides and very long strings in every
//! front-matter field, and raw HTML in the markdown. Whatever is written,
//! HTML pages get no injected elements or attributes, feeds stay well-formed
//! XML, `feed.json` and `notices.json` stay valid JSON that round-trips the
//! strings, the calendar escapes and folds correctly, and the newsletter
//! stays script-free.
//!
//! Cases marked `#[ignore = "BUG: …"]` describe the correct behaviour of a
//! bug that is not fixed yet.

mod html;
mod outputs;
mod xml;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, Weak};

use crate::support::{GOOD_NOTICE, TestSite, page, sel, shared};
use scraper::Html;
use serde_json::Value;

/// Markup, quotes, an ampersand and an entity, the end of a CDATA section
/// and a right-to-left override. (Control characters are refused when a
/// file is read: `defects::control_characters_in_front_matter_are_refused_with_the_key`.)
const H: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>'&amp;&]]>\u{202E}fdp.exe";

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
emergency = {{ kind = "security", reason = {s} }}
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
            // The checklist rightly denies the hostile links; these tests
            // are about what the pages make of them.
            "title = {}\ndescription = {}\nbase_url = \"https://changes.example.com\"\nfeedback = \"mailto:a@example.com\"\n\n[checklist.levels]\nlinks = \"allow\"\nactionable-workaround = \"allow\"\n",
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
        // An `eta` must be a date, a month or a quarter: no text gets in.
        &hostile_improvement(h, slug, "planned", "eta = \"2027-Q2\""),
    );
    site.write(
        "content/pages/about.md",
        &format!("+++\ntitle = {}\ndescription = {}\n+++\n\n{h}\n", toml_str(h), toml_str(h)),
    );
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
