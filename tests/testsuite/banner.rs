//! `banner.json` and `banner.js`, the in-app banner: which notices it may
//! show, their absolute URLs and facets, and the script with the data in it.
//! The browser side (shadow root, CSP, dismissal, axe) is in
//! `tests/e2e/browser.cjs`.

use serde_json::Value;

use crate::support::{GOOD_NOTICE, TestSite};

/// GOOD_NOTICE (medium, effective 2027-01-20, for administrators) with
/// its `title`, `effective` and `impact` replaced and `more` front matter
/// added: keys (an `audience` replaces the one it has), then tables.
fn notice(title: &str, effective: &str, impact: &str, more: &str) -> String {
    let mut text = GOOD_NOTICE
        .replace("title = \"Invoices get a new layout\"", &format!("title = \"{title}\""))
        .replace("effective = 2027-01-20T09:00:00Z", &format!("effective = {effective}"))
        .replace("impact = \"medium\"", &format!("impact = \"{impact}\""));
    if more.contains("audience = ") {
        text = text.replace("audience = [\"Administrators\"]\n", "");
    }
    text.replacen("\n+++\n\n", &format!("\n{more}\n+++\n\n"), 1)
}

/// A site at 2026-11-23T00:00Z (the tests' "now") with one notice of each
/// case the banner tells apart.
fn site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "forewarn.toml",
        "title = \"Acme changes\"\nbase_url = \"https://changes.example.com/status/\"\ntimezone = \"Europe/Amsterdam\"\n\
         [checklist.levels]\nadvance-notice = \"allow\"\ndata-disposition = \"allow\"\n",
    );
    let cases = [
        ("soon-high", notice("Exports move", "2026-11-30T09:00:00Z", "high", "")),
        ("later-breaking", notice("API v1 retires", "2027-03-01T09:00:00Z", "breaking", "")),
        ("dated-high", notice("Date-only change", "2026-12-01", "high", "")),
        (
            "window-now",
            notice(
                "Ledger maintenance",
                "2026-11-22T22:00:00Z",
                "low",
                "kind = \"maintenance\"\nends = 2026-11-23T04:00:00Z\naudience = [\"API users\"]",
            ),
        ),
        (
            "window-later",
            notice(
                "Reports paused",
                "2026-12-05T01:00:00Z",
                "medium",
                "kind = \"maintenance\"\nends = 2026-12-05T03:00:00Z",
            ),
        ),
        (
            "window-over",
            notice("Old window", "2026-11-01T01:00:00Z", "high", "kind = \"maintenance\"\nends = 2026-11-01T03:00:00Z"),
        ),
        ("low-soon", notice("Button colour", "2026-11-25T09:00:00Z", "low", "")),
        ("medium-soon", notice("New layout", "2026-11-26T09:00:00Z", "medium", "")),
        ("high-in-effect", notice("Already done", "2026-11-10T09:00:00Z", "high", "")),
        (
            "withdrawn-high",
            notice(
                "Will not happen",
                "2026-12-10T09:00:00Z",
                "high",
                "[withdrawn]\ndate = 2026-11-20\nreason = \"Customers asked us not to.\"\n[[updates]]\ndate = 2026-11-20\nnote = \"Withdrawn.\"\nchanges = [\"withdrawn\"]\n",
            ),
        ),
    ];
    for (slug, text) in cases {
        site.write(&format!("content/notices/{slug}.md"), &text);
    }
    site
}

fn built() -> TestSite {
    let site = site();
    site.build().expect(0);
    site
}

fn slugs(json: &Value) -> Vec<&str> {
    json["notices"].as_array().unwrap().iter().map(|n| n["slug"].as_str().unwrap()).collect()
}

#[test]
fn banner_json_holds_upcoming_high_and_breaking_changes_and_maintenance_windows() {
    let site = built();
    let json: Value = serde_json::from_str(&site.output("banner.json")).expect("banner.json is JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["generated"], "2026-11-23T01:00:00+01:00");
    assert_eq!(json["site"]["title"], "Acme changes");
    assert_eq!(json["site"]["url"], "https://changes.example.com/status/");
    assert_eq!(json["site"]["timezone"], "Europe/Amsterdam");
    // Soonest first; every upcoming one, whatever its distance: the script
    // picks by `data-days` at the reader's time.
    assert_eq!(slugs(&json), ["window-now", "soon-high", "dated-high", "window-later", "later-breaking"]);

    let n = |slug: &str| json["notices"].as_array().unwrap().iter().find(|n| n["slug"] == slug).unwrap().clone();
    let high = n("soon-high");
    assert_eq!(high["url"], "https://changes.example.com/status/notices/soon-high/");
    assert_eq!(high["title"], "Exports move");
    assert_eq!(high["impact"], "high");
    assert_eq!(high["kind"], "change");
    assert_eq!(high["effective"], "2026-11-30T10:00:00+01:00");
    assert_eq!(high["ends"], Value::Null);
    assert_eq!(high["date_only"], false);
    assert_eq!(high["audience"], serde_json::json!([{"slug": "administrators", "name": "Administrators"}]));
    assert_eq!(high["areas"], serde_json::json!([{"slug": "billing", "name": "billing"}]));
    assert_eq!(n("dated-high")["date_only"], true);
    assert_eq!(n("dated-high")["effective"], "2026-12-01T00:00:00+01:00");

    // A window under way, of any impact.
    let window = n("window-now");
    assert_eq!(window["kind"], "maintenance");
    assert_eq!(window["impact"], "low");
    assert_eq!(window["ends"], "2026-11-23T05:00:00+01:00");
    assert_eq!(window["audience"], serde_json::json!([{"slug": "api-users", "name": "API users"}]));

    for n in json["notices"].as_array().unwrap() {
        let url = n["url"].as_str().unwrap();
        assert!(url.starts_with("https://changes.example.com/status/notices/"), "{url}");
        let page = url.trim_start_matches("https://changes.example.com/status/");
        assert!(site.has_output(&format!("{page}index.html")), "{url} is no page of the site");
    }
}

#[test]
fn banner_js_is_the_themes_script_with_the_data_in_it() {
    let site = built();
    let theme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/banner.js")).unwrap();
    let script = site.output("banner.js");
    let (head, tail) = theme.split_once("null /* forewarn: banner data */").expect("the theme's script has the mark");
    assert!(script.starts_with(head) && script.ends_with(tail), "banner.js is the theme's script");
    let data = &script[head.len()..script.len() - tail.len()];
    let inline: Value = serde_json::from_str(data).expect("the data in banner.js is JSON");
    let file: Value = serde_json::from_str(&site.output("banner.json")).unwrap();
    assert_eq!(inline, file, "banner.js carries what banner.json says");
    // No request, no cookie, no inline style: what a strict CSP allows.
    for word in ["fetch(", "XMLHttpRequest", "document.cookie", ".style.", "eval(", "new Function"] {
        assert!(!theme.contains(word), "banner.js uses {word}");
    }
}

#[test]
fn a_site_with_nothing_to_show_still_writes_the_banner() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", &notice("Small", "2027-01-20T09:00:00Z", "low", ""));
    site.build().expect(0);
    let json: Value = serde_json::from_str(&site.output("banner.json")).unwrap();
    assert_eq!(json["notices"], serde_json::json!([]));
    assert!(site.output("banner.js").contains("\"notices\":[]"));
}

#[test]
fn hostile_titles_stay_data_in_the_script() {
    let site = site();
    let title = "</script><img src=x onerror=alert(1)> \\\" \u{2028}\u{2029} line";
    site.write(
        "content/notices/hostile.md",
        &notice(&title.replace('\\', "\\\\").replace('"', "\\\""), "2026-12-02T09:00:00Z", "breaking", ""),
    );
    site.build().expect(0);
    let script = site.output("banner.js");
    assert!(script.is_ascii(), "banner.js reads the same in any charset");
    let theme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/banner.js")).unwrap();
    let (head, tail) = theme.split_once("null /* forewarn: banner data */").unwrap();
    let data: Value = serde_json::from_str(&script[head.len()..script.len() - tail.len()]).unwrap();
    let hostile = data["notices"].as_array().unwrap().iter().find(|n| n["slug"] == "hostile").unwrap();
    assert_eq!(hostile["title"], title);
    // The script never parses data as HTML.
    for word in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"] {
        assert!(!theme.contains(word), "banner.js uses {word}");
    }
}

#[test]
fn a_static_file_may_not_take_the_banners_place() {
    let site = site();
    site.write("static/banner.js", "alert(1)");
    let run = site.build();
    run.expect(2);
    assert!(run.stderr.contains("banner.js"), "{}", run.all());
}
