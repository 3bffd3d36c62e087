//! What a reader sees beyond one page: display names of areas and
//! audiences from the config, the static search index and its page, and
//! one clear format for moments and windows.

use serde_json::Value;

use crate::support::{GOOD_NOTICE, TestSite};

const NAMES: &str = r#"base_url = "https://changes.example.com"
timezone = "Europe/Amsterdam"

[areas.billing]
name = "Billing & invoices"
description = "Plans, prices and how we invoice you"

[audiences.administrators]
name = "Workspace administrators"
"#;

const WINDOW: &str = r#"+++
title = "The dashboard is offline for a database upgrade"
published = 2026-11-01
effective = 2027-01-24T01:00:00+01:00
ends = 2027-01-24T05:00:00+01:00
kind = "maintenance"
impact = "high"
audience = ["Administrators"]
areas = ["billing"]
benefits = "Dashboards load twice as fast after the upgrade."
workaround = "Schedule exports outside the window."
support = "Scheduled reports that fall in the window run when it ends."
feedback = "mailto:ops@example.com"

[data]
disposition = "unaffected"
+++

The dashboard and the API are offline for four hours while the database moves to faster storage. Scheduled reports and exports run when the window ends. Nothing else changes for you.
"#;

fn site() -> TestSite {
    let site = TestSite::new();
    site.write("forewarn.toml", NAMES);
    site.write("content/notices/invoice-layout.md", GOOD_NOTICE);
    site.write("content/notices/db-upgrade.md", WINDOW);
    site.build().expect(0);
    site
}

#[test]
fn configured_names_replace_slugs_where_readers_look() {
    let site = site();
    let area = site.output("areas/billing/index.html");
    assert!(area.contains("<h1>Billing &amp; invoices</h1>"), "{area}");
    assert!(area.contains("Plans, prices and how we invoice you"), "{area}");
    let notice = site.output("notices/invoice-layout/index.html");
    assert!(notice.contains(">Billing &amp; invoices</a>"), "badge: {notice}");
    assert!(notice.contains(">Workspace administrators</a>"), "audience: {notice}");
    assert!(notice.contains("href=\"/areas/billing/\""), "the slug stays in the URL");
    let feed = site.output("feed.xml");
    assert!(feed.contains("<category>Billing &amp; invoices</category>"), "{feed}");
    let letter = site.output("newsletter/latest.txt");
    assert!(letter.contains("Affects: Workspace administrators"), "{letter}");
    // A name the config does not know is shown as written.
    let facets = site.output("areas/index.html");
    assert!(facets.contains("Billing &amp; invoices"), "{facets}");
}

#[test]
fn the_search_index_holds_every_notice_and_improvement() {
    let site = site();
    site.write(
        "content/improvements/export-progress.md",
        "+++\ntitle = \"Export progress you can see\"\ndate = 2026-11-10\nstatus = \"shipped\"\nareas = [\"billing\"]\n[feedback]\nsource = \"support tickets\"\n+++\n\nExports now show a progress bar.\n",
    );
    site.build().expect(0);
    let index: Value = serde_json::from_str(&site.output("search.json")).unwrap();
    let entries = index.as_array().unwrap();
    assert_eq!(entries.len(), 3, "{index:#}");
    let find = |title: &str| entries.iter().find(|e| e["t"] == title).unwrap_or_else(|| panic!("{title}: {index:#}"));
    let invoice = find("Invoices get a new layout");
    assert_eq!(invoice["u"], "/notices/invoice-layout/");
    assert_eq!(invoice["k"], "Medium impact");
    assert_eq!(invoice["f"], "Billing & invoices · Workspace administrators");
    assert!(invoice["s"].as_str().unwrap().starts_with("Invoices will use a new layout"));
    let shipped = find("Export progress you can see");
    assert_eq!(shipped["u"], "/improvements/#export-progress");
    assert_eq!(shipped["k"], "Shipped");
    // Every page has the search box; the search page answers without it.
    let page = site.output("index.html");
    assert!(page.contains("type=\"search\""), "{page}");
    assert!(site.output("search/index.html").contains("id=\"search-page-results\""));
}

#[test]
fn a_window_reads_as_one_phrase_in_the_site_zone() {
    let site = site();
    let json: Value = serde_json::from_str(&site.output("notices.json")).unwrap();
    assert!(json["notices"].as_array().unwrap().iter().any(|n| n["slug"] == "db-upgrade"));
    let letter = site.output("newsletter/latest.txt");
    // The plain text wraps at 78 columns: read it with line breaks collapsed.
    let flat = letter.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Window: Sunday, January 24, 2027 at 1:00 AM–5:00 AM CET"), "{letter}");
    // A wrap never parts a time from its AM/PM (CLDR joins them with a
    // no-break space).
    for (line, next) in letter.lines().zip(letter.lines().skip(1)) {
        let next = next.trim_start();
        assert!(
            !(line.ends_with(|c: char| c.is_ascii_digit()) && (next.starts_with("AM") || next.starts_with("PM"))),
            "a time split from its AM/PM:\n{line}\n{next}\n\n{letter}"
        );
    }
    let page = site.output("notices/db-upgrade/index.html");
    // The page gives its start and its end, each in the site zone.
    assert!(page.contains(">Sunday, January 24, 2027 at 1:00\u{202f}AM CET</time>"), "{page}");
    assert!(page.contains(">Sunday, January 24, 2027 at 5:00\u{202f}AM CET</time>"), "{page}");
    // A bare date names the zone too.
    let bare = GOOD_NOTICE.replace("effective = 2027-01-20T09:00:00Z", "effective = 2027-01-20");
    site.write("content/notices/invoice-layout.md", &bare);
    site.build().expect(0);
    let card = site.output("index.html");
    assert!(card.contains("Wednesday, January 20, 2027 (CET)"), "{card}");
}
