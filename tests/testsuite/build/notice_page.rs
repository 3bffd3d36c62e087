//! The page of one notice: every field a customer needs, in the site's zone.

use super::*;

#[test]
fn notice_page_shows_every_field_a_customer_needs() {
    let site = full();
    let doc = page(&site, "notices/api-v1-retirement/index.html");
    assert_eq!(text(&doc, "h1"), "REST API v1 will be retired");
    assert_eq!(text(&doc, "article.notice .badge"), "Breaking change");
    assert_eq!(text(&doc, "article.notice .state"), "Upcoming");
    // Effective date: machine-readable in the site zone, shown with the zone.
    let when = doc
        .select(&sel("article.notice time"))
        .find(|t| t.value().attr("datetime") == Some("2027-03-01T09:00:00+01:00"))
        .expect("a <time> for the effective date in the site zone");
    assert_eq!(squash(when), "Monday, March 1, 2027 at 9:00 AM CET");
    assert_eq!(text(&doc, "article.notice .countdown"), "in 98 days");
    // Who is affected, with links to the audience pages.
    let audience: Vec<(String, String)> = doc
        .select(&sel("a[href^='/audiences/']"))
        .filter(|a| a.ancestors().any(|n| n.value().as_element().is_some_and(|e| e.name() == "article")))
        .map(|a| (squash(a), a.value().attr("href").unwrap().to_string()))
        .collect();
    assert_eq!(
        audience,
        [
            ("API users".to_string(), "/audiences/api-users/".to_string()),
            ("Developers".to_string(), "/audiences/developers/".to_string())
        ]
    );
    let body = site.output("notices/api-v1-retirement/index.html");
    assert!(body.contains("About 9% of workspaces"), "scope missing");
    // Body, with an id on its heading.
    assert!(text(&doc, ".body").starts_with("On 1 March 2027 the v1 REST API stops answering requests."));
    assert_eq!(text(&doc, ".body h2#what-stops-working"), "What stops working");
    // Benefits and workaround, rendered as markdown.
    assert_eq!(text(&doc, ".benefits strong"), "one API");
    assert_eq!(attr(&doc, ".workaround a", "href"), "https://docs.example.com/v2");
    // The data box.
    let data = text(&doc, "section.data");
    assert!(data.contains("Deleted."), "{data}");
    assert!(data.contains("Tokens issued for v1 are revoked"), "{data}");
    assert!(data.contains("Download your request logs from Settings → API → Logs."), "{data}");
    // Update history, newest first, and the "updated" date.
    let updates = texts(&doc, "section.updates li");
    assert_eq!(updates.len(), 2, "{updates:?}");
    assert!(updates[0].starts_with("October 2, 2026") && updates[0].contains("Added the export"), "{updates:?}");
    assert!(updates[1].starts_with("September 15, 2026") && updates[1].contains("Moved the effective date"));
    assert!(count(&doc, "time[datetime='2026-10-02T00:00:00+02:00']") >= 1);
    // No feedback on the notice: the site's default.
    assert_eq!(attr(&doc, "section.feedback a", "href"), "mailto:product@example.com");
    // Not an emergency.
    assert_eq!(count(&doc, ".emergency"), 0);
    assert!(!body.contains(SUPPORT_MARK));
    // The related improvement is linked back.
    assert!(text(&doc, "article.notice").contains("Replay failed webhooks in bulk"));
}

#[test]
fn notice_page_uses_its_own_feedback_link() {
    let site = full();
    let doc = page(&site, "notices/invoice-layout/index.html");
    assert_eq!(attr(&doc, "section.feedback a", "href"), "https://feedback.example.com/invoices");
    assert_eq!(text(&doc, "article.notice .badge"), "Medium impact");
}

#[test]
fn emergency_reason_is_shown_on_the_notice() {
    let site = full();
    let doc = page(&site, "notices/tls-ciphers/index.html");
    let aside = text(&doc, "article.notice .emergency");
    assert!(
        aside.contains("Security. A downgrade attack against the legacy ciphers was published on 19 November."),
        "{aside}"
    );
    assert_eq!(text(&doc, "article.notice .state"), "In effect");
    assert_eq!(text(&doc, "article.notice .countdown"), "took effect 1 day ago");
    for slug in FULL_ORDER.iter().filter(|s| **s != "tls-ciphers") {
        let doc = page(&site, &format!("notices/{slug}/index.html"));
        assert_eq!(count(&doc, ".emergency"), 0, "{slug} shows an emergency box");
    }
}

#[test]
fn maintenance_window_shows_its_end_and_when_data_is_back() {
    let site = full();
    let doc = page(&site, "notices/ledger-maintenance/index.html");
    assert_eq!(text(&doc, "article.notice .state"), "Ended");
    assert_eq!(text(&doc, "article.notice .countdown"), "ended 73 days ago");
    let ends = doc
        .select(&sel("article.notice time"))
        .find(|t| t.value().attr("datetime") == Some("2026-09-11T02:00:00+02:00"))
        .expect("a <time> for the end of the window");
    assert_eq!(squash(ends), "Friday, September 11, 2026 at 2:00 AM CEST");
    let facts = text(&doc, "dl.facts");
    assert!(facts.contains("Ends"), "{facts}");
    let data = text(&doc, "section.data");
    assert!(data.contains("Unavailable."), "{data}");
    assert!(data.contains("The ledger is readable again when the window ends."), "{data}");
    assert!(data.contains("Export the ledger as CSV before the window."), "{data}");
    assert!(data.contains("Friday, September 11, 2026 at 2:00 AM CEST"), "available_again: {data}");
}

#[test]
fn data_box_shows_every_disposition() {
    let site = full();
    for (slug, word) in [
        ("dark-mode", "Unaffected"),
        ("invoice-layout", "Retained"),
        ("reports-migration", "Migrated"),
        ("tls-ciphers", "Archived"),
        ("ledger-maintenance", "Unavailable"),
        ("api-v1-retirement", "Deleted"),
    ] {
        let doc = page(&site, &format!("notices/{slug}/index.html"));
        let disposition = text(&doc, "section.data .disposition");
        assert!(disposition.starts_with(&format!("{word}.")), "{slug}: {disposition}");
        assert_eq!(count(&doc, &format!("section.data-{}", word.to_lowercase())), 1, "{slug}");
    }
}

#[test]
fn support_talking_points_are_never_published() {
    for args in [&["build"][..], &["build", "--drafts"][..]] {
        let site = TestSite::fixture("build-full");
        site.run(args).expect(0);
        let files = site.output_files();
        assert!(files.len() > 20, "{files:?}");
        for rel in &files {
            let bytes = std::fs::read(site.path().join("public").join(rel)).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains(SUPPORT_MARK), "{} contains the support talking points", rel.display());
            assert!(!text.contains("route v1 questions"), "{}", rel.display());
        }
        let json = notices_json(&site);
        for n in json["notices"].as_array().unwrap() {
            assert!(n.get("support").is_none(), "notices.json has `support`: {n}");
        }
    }
}

#[test]
fn times_are_shown_in_the_site_zone_with_the_zone_named() {
    let site = full();
    // Written in New York time, shown in Amsterdam time.
    let doc = page(&site, "notices/eu-region/index.html");
    let t = doc
        .select(&sel("article.notice time"))
        .find(|t| t.value().attr("datetime") == Some("2027-02-15T15:00:00+01:00"))
        .expect("effective date converted to the site zone");
    assert_eq!(squash(t), "Monday, February 15, 2027 at 3:00 PM CET");
    // A bare date: the day, and the zone it is midnight in.
    let doc = page(&site, "notices/dark-mode/index.html");
    let t = doc
        .select(&sel("article.notice time"))
        .find(|t| t.value().attr("datetime") == Some("2027-01-25T00:00:00+01:00"))
        .expect("bare effective date at midnight in the site zone");
    let shown = squash(t);
    assert_eq!(shown, "Monday, January 25, 2027 (CET)");
    // Every page says which zone times are in.
    for rel in ["index.html", "notices/dark-mode/index.html", "improvements/index.html"] {
        assert!(site.output(rel).contains("Europe/Amsterdam"), "{rel} does not name the zone");
    }
}

/// Every id on every HTML page of `site`'s output, with the pages where one
/// appears more than once.
fn duplicate_ids(site: &TestSite) -> Vec<String> {
    let any = sel("[id]");
    let mut found = Vec::new();
    for file in site.output_files() {
        if file.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let rel = file.to_string_lossy().into_owned();
        let doc = page(site, &rel);
        let mut seen = std::collections::HashSet::new();
        for el in doc.select(&any) {
            let id = el.value().attr("id").unwrap_or_default();
            if !seen.insert(id.to_string()) {
                found.push(format!("{rel}: {id}"));
            }
        }
    }
    found
}

#[test]
fn body_headings_never_share_an_id_with_the_page_around_them() {
    let site = TestSite::new();
    site.write("forewarn.toml", "title = \"Acme\"\nbase_url = \"https://changes.example.com\"\n");
    // A body heading named like the theme's workaround box.
    let notice = GOOD_NOTICE.replace("+++\n\nInvoices", "+++\n\n## Workaround\n\nUse the old layout.\n\nInvoices");
    site.write("content/notices/layout.md", &notice);
    // Two improvements with the same heading, shown on the same pages.
    for slug in ["one", "two"] {
        site.write(
            &format!("content/improvements/{slug}.md"),
            &format!("+++\ntitle = \"{slug}\"\ndate = 2026-11-05\nstatus = \"shipped\"\nareas = [\"billing\"]\n+++\n\n## Details\n\nMore.\n"),
        );
    }
    site.build().expect(0);
    assert_eq!(duplicate_ids(&site), Vec::<String>::new());
    let doc = page(&site, "notices/layout/index.html");
    assert_eq!(text(&doc, "#workaround-1"), "Workaround", "the body heading keeps a link target");
    assert_eq!(count(&page(&site, "improvements/index.html"), "#one-details, #two-details"), 2);
}
