//! `notices.json`, URLs under a base path, the sitemap, and escaping in HTML and JSON.

use super::*;

#[test]
fn notices_json_holds_every_public_field() {
    let site = full();
    let json = notices_json(&site);
    assert_eq!(json["version"], 1);
    assert_eq!(json["generated"], "2026-11-23T01:00:00+01:00");
    assert_eq!(json["site"]["title"], "Acme change notices");
    assert_eq!(json["site"]["base_url"], "https://changes.example.com");
    // Sorted by effective date; no draft.
    assert_eq!(json_slugs(&json), FULL_ORDER);

    let api = record(&json, "api-v1-retirement");
    assert_eq!(api["url"], "https://changes.example.com/notices/api-v1-retirement/");
    assert_eq!(api["title"], "REST API v1 will be retired");
    assert_eq!(api["published"], "2026-07-01T00:00:00+02:00");
    assert_eq!(api["effective"], "2027-03-01T09:00:00+01:00");
    assert_eq!(api["ends"], Value::Null);
    assert_eq!(api["impact"], "breaking");
    assert_eq!(api["state"], "upcoming");
    assert_eq!(api["audience"], serde_json::json!(["API users", "Developers"]));
    assert_eq!(api["areas"], serde_json::json!(["api"]));
    assert_eq!(api["scope"], "About 9% of workspaces");
    assert!(api["summary"].as_str().unwrap().starts_with("On 1 March 2027 the v1 REST API stops answering requests."));
    assert_eq!(api["benefits"], "Faster responses and **one API** to learn.", "markdown as written");
    assert_eq!(api["workaround"], "Move to v2; the [migration guide](https://docs.example.com/v2) maps every call.");
    assert_eq!(api["feedback"], "mailto:product@example.com", "the site default applies");
    assert_eq!(api["data"]["disposition"], "deleted");
    assert_eq!(api["data"]["details"], "Tokens issued for v1 are revoked and their request logs deleted.");
    assert_eq!(api["data"]["export"], "Download your request logs from Settings → API → Logs.");
    assert_eq!(api["data"]["access"], Value::Null);
    assert_eq!(
        api["updates"],
        serde_json::json!([
            {"date": "2026-09-15T00:00:00+02:00", "note": "Moved the effective date from 12 January to 1 March 2027."},
            {"date": "2026-10-02T00:00:00+02:00", "note": "Added the export of request logs."},
        ])
    );
    assert_eq!(api["emergency"], Value::Null);
    assert_eq!(api["aliases"], serde_json::json!(["/2026/api-v1/"]));
    assert!(api.get("support").is_none() && api.get("draft").is_none());

    let ledger = record(&json, "ledger-maintenance");
    assert_eq!(ledger["ends"], "2026-09-11T02:00:00+02:00");
    assert_eq!(ledger["state"], "ended");
    assert_eq!(ledger["data"]["available_again"], "2026-09-11T02:00:00+02:00");
    assert_eq!(ledger["data"]["disposition"], "unavailable");
    assert_eq!(record(&json, "tls-ciphers")["state"], "in-effect");
    assert_eq!(
        record(&json, "tls-ciphers")["emergency"],
        serde_json::json!({"kind": "security", "label": "Security", "reason": "A downgrade attack against the legacy ciphers was published on 19 November."})
    );
    assert_eq!(record(&json, "invoice-layout")["feedback"], "https://feedback.example.com/invoices");
    // Every time is RFC 3339 with an offset.
    for n in json["notices"].as_array().unwrap() {
        for key in ["published", "effective"] {
            let t = n[key].as_str().unwrap();
            assert!(
                t.len() == 25 && t.as_bytes()[10] == b'T' && (t.as_bytes()[19] == b'+' || t.as_bytes()[19] == b'-'),
                "{key} of {}: {t}",
                n["slug"]
            );
        }
        assert!(n.get("support").is_none());
    }
}

#[test]
fn urls_follow_a_base_url_with_a_path() {
    let site = TestSite::fixture("build-full");
    site.write(
        "forewarn.toml",
        "title = \"Acme\"\nbase_url = \"https://example.com/changes/\"\ntimezone = \"Europe/Amsterdam\"\nfeedback = \"mailto:product@example.com\"\n",
    );
    site.build().expect(0);
    let json = notices_json(&site);
    assert_eq!(record(&json, "dark-mode")["url"], "https://example.com/changes/notices/dark-mode/");
    let doc = page(&site, "notices/eu-region/index.html");
    assert_eq!(attr(&doc, ".body img", "src"), "/changes/notices/eu-region/timeline.svg");
    assert_eq!(attr(&doc, "link[rel=stylesheet]", "href"), "/changes/style.css");
    assert_eq!(attr(&doc, "link[rel=canonical]", "href"), "https://example.com/changes/notices/eu-region/");
    let index = page(&site, "index.html");
    assert!(index.select(&sel("a")).any(|a| a.value().attr("href") == Some("/changes/notices/dark-mode/")));
    assert!(site.output("sitemap.xml").contains("<loc>https://example.com/changes/notices/dark-mode/</loc>"));
}

#[test]
fn sitemap_lists_every_notice_url() {
    let site = full();
    let xml = site.output("sitemap.xml");
    assert!(xml.starts_with("<?xml"), "{xml}");
    let locs: Vec<&str> = xml.split("<loc>").skip(1).filter_map(|s| s.split("</loc>").next()).collect();
    for slug in FULL_ORDER {
        let url = format!("https://changes.example.com/notices/{slug}/");
        assert!(locs.contains(&url.as_str()), "{url} missing from {locs:?}");
    }
    for url in [
        "https://changes.example.com/",
        "https://changes.example.com/improvements/",
        "https://changes.example.com/pages/about/",
    ] {
        assert!(locs.contains(&url), "{url} missing");
    }
    assert!(locs.iter().all(|l| l.starts_with("https://changes.example.com/")), "{locs:?}");
    assert!(!xml.contains("secret-plan"));
}

#[test]
fn a_folder_with_only_content_builds_with_the_default_theme() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.write("content/pages/about.md", "+++\ntitle = \"About\"\n+++\n\nWho we are.\n");
    site.build().expect(0);
    for rel in [
        ".forewarn-output",
        "index.html",
        "notices/index.html",
        "notices/layout/index.html",
        "improvements/index.html",
        "pages/about/index.html",
        "404.html",
        "sitemap.xml",
        "notices.json",
        "style.css",
        "site.js",
    ] {
        assert!(site.has_output(rel), "{rel} missing: {:?}", site.output_files());
    }
    let doc = page(&site, "index.html");
    assert_eq!(attr(&doc, "html", "lang"), "en");
    assert_eq!(text(&doc, "h1"), "Change notices");
    assert_eq!(record(&notices_json(&site), "layout")["url"], "http://127.0.0.1:1111/notices/layout/");
    assert_eq!(text(&page(&site, "pages/about/index.html"), "main h1"), "About");
    assert!(text(&page(&site, "404.html"), "main").contains("not"));
}

#[test]
fn front_matter_text_is_escaped_in_html_and_json() {
    let site = TestSite::new();
    let n = GOOD_NOTICE
        .replace("Invoices get a new layout", "<script>alert(1)</script> & \\\"co\\\"")
        .replace("audience = [\"Administrators\"]", "audience = [\"<b>Admins</b>\"]\nscope = \"<i>all</i>\"");
    site.write("content/notices/xss.md", &n);
    site.build().expect(0);
    for rel in site.output_files() {
        let text = std::fs::read_to_string(site.path().join("public").join(&rel)).unwrap_or_default();
        if rel.extension().is_some_and(|e| e == "html" || e == "xml") {
            for raw in ["<script>alert", "<b>Admins", "<i>all"] {
                assert!(!text.contains(raw), "{} has unescaped `{raw}`", rel.display());
            }
        }
    }
    let doc = page(&site, "notices/xss/index.html");
    assert_eq!(text(&doc, "h1"), "<script>alert(1)</script> & \"co\"");
    assert_eq!(record(&notices_json(&site), "xss")["title"], "<script>alert(1)</script> & \"co\"");
}

#[test]
fn a_notice_without_data_or_updates_has_empty_records() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.build().expect(0);
    let json = notices_json(&site);
    let n = record(&json, "layout");
    assert_eq!(n["data"], Value::Null);
    assert_eq!(n["updates"], serde_json::json!([]));
    assert_eq!(n["aliases"], serde_json::json!([]));
    assert_eq!(n["ends"], Value::Null);
    assert_eq!(n["feedback"], "mailto:billing@example.com");
    let doc = page(&site, "notices/layout/index.html");
    assert_eq!(count(&doc, "section.data"), 0, "a data box without data");
    assert_eq!(count(&doc, "section.updates"), 0, "an empty update history");
}
