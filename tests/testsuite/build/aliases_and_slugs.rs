//! Aliases (old paths) and slugs.

use super::*;

#[test]
fn aliases_give_a_page_at_the_old_path_with_a_canonical_link() {
    let site = full();
    let doc = page(&site, "2026/api-v1/index.html");
    assert_eq!(attr(&doc, "link[rel=canonical]", "href"), "https://changes.example.com/notices/api-v1-retirement/");
    assert_eq!(text(&doc, "h1"), "REST API v1 will be retired");
    assert!(
        doc.select(&sel("a"))
            .any(|a| a.value().attr("href") == Some("https://changes.example.com/notices/api-v1-retirement/"))
    );
    // A page's alias.
    let doc = page(&site, "about-us/index.html");
    assert_eq!(attr(&doc, "link[rel=canonical]", "href"), "https://changes.example.com/pages/about/");
    // The real pages have their own canonical address.
    let real = page(&site, "notices/api-v1-retirement/index.html");
    assert_eq!(attr(&real, "link[rel=canonical]", "href"), "https://changes.example.com/notices/api-v1-retirement/");
    assert_eq!(text(&page(&site, "pages/about/index.html"), "h1"), "About these notices");
}

/// A notice's body is rendered once and shown in three kinds of output.
#[test]
fn a_notice_body_is_on_its_page_its_alias_and_in_every_feed_that_lists_it() {
    let site = full();
    let phrase = "integrations that still use v1 stop working";
    for rel in ["notices/api-v1-retirement/index.html", "2026/api-v1/index.html"] {
        assert!(text(&page(&site, rel), "article .body").contains(phrase), "{rel} lacks the body");
    }
    for dir in ["", "areas/api/", "audiences/developers/"] {
        for feed in ["feed.xml", "atom.xml", "feed.json"] {
            let rel = format!("{dir}{feed}");
            assert!(site.output(&rel).contains(phrase), "{rel} lacks the body");
        }
    }
}

#[test]
fn an_alias_onto_a_notice_path_is_an_error_naming_the_file() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.write(
        "content/notices/other.md",
        &notice_with("aliases = [\"/notices/layout/\"]").replace("Invoices get a new layout", "Other"),
    );
    let run = site.build();
    expect_error(&run, &["content/notices/other.md:2:", "/notices/layout/", "content/notices/layout.md"]);
    assert!(!site.has_output("index.html"));
}

#[test]

fn an_alias_onto_a_static_file_is_an_error() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", &notice_with("aliases = [\"/style.css\"]"));
    let run = site.build();
    expect_error(&run, &["content/notices/layout.md", "/style.css"]);
}

#[test]
fn duplicate_slugs_are_an_error_naming_both_files() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.write("content/notices/second.md", &notice_with("slug = \"layout\""));
    let run = site.build();
    expect_error(&run, &["content/notices/layout.md", "content/notices/second.md", "`layout`"]);

    // A folder notice and a file notice with the same name.
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.write("content/notices/layout/index.md", GOOD_NOTICE);
    let run = site.build();
    expect_error(&run, &["content/notices/layout.md", "content/notices/layout/index.md"]);
}

#[test]
fn file_names_that_are_not_slugs_are_errors_with_a_rename_hint() {
    for (name, hint) in [("Layout.md", "layout"), ("Über Café.md", "uber-cafe"), ("api_v1.md", "api-v1")] {
        let site = TestSite::new();
        site.write(&format!("content/notices/{name}"), GOOD_NOTICE);
        let run = site.build();
        let stem = name.trim_end_matches(".md");
        expect_error(&run, &[&format!("content/notices/{name}"), &format!("rename it to `{hint}`")]);
        assert!(run.stderr.contains(stem), "{}", run.all());
    }
    // Setting `slug` is the other way out.
    let site = TestSite::new();
    site.write("content/notices/Layout.md", &notice_with("slug = \"layout\""));
    site.build().expect(0);
    assert!(site.has_output("notices/layout/index.html"));
}

#[test]
fn an_invalid_slug_key_is_an_error_with_a_hint() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", &notice_with("slug = \"../Escape Me\""));
    let run = site.build();
    expect_error(&run, &["content/notices/layout.md:2:8", "slug", "escape-me"]);
    assert!(!site.path().join("Escape Me").exists() && !site.path().join("public").exists());
}

#[test]
fn an_alias_cannot_leave_the_output_folder() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", &notice_with("aliases = [\"/../../escape/\"]"));
    let run = site.build();
    expect_error(&run, &["content/notices/layout.md:2:", "/../../escape/"]);
    assert!(!site.path().join("escape").exists());
    assert!(!site.path().parent().unwrap().join("escape").exists());
    assert_eq!(root_entries(&site), ["content"]);
}
