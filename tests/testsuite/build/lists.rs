//! The index, facet and improvements pages: notices grouped and sorted as of "now".

use super::*;

#[test]
fn index_groups_upcoming_notices_by_month_in_effective_order() {
    let site = full();
    let doc = page(&site, "index.html");
    let upcoming = section(&doc, "Coming up").expect("a Coming up section");
    assert_eq!(
        month_groups(upcoming),
        [
            ("January 2027".to_string(), vec!["invoice-layout".to_string(), "dark-mode".to_string()]),
            ("February 2027".to_string(), vec!["eu-region".to_string()]),
            ("March 2027".to_string(), vec!["api-v1-retirement".to_string()]),
        ]
    );
}

#[test]
fn index_sorts_notices_into_upcoming_in_effect_and_ended_as_of_now() {
    let site = full();
    let doc = page(&site, "index.html");
    let (upcoming, in_effect, ended) = states(&doc);
    assert_eq!(upcoming, ["invoice-layout", "dark-mode", "eu-region", "api-v1-retirement"]);
    let mut in_effect_sorted = in_effect.clone();
    in_effect_sorted.sort();
    assert_eq!(in_effect_sorted, ["reports-migration", "tls-ciphers"], "{in_effect:?}");
    assert_eq!(ended, ["ledger-maintenance"]);
    assert!(!site.output("index.html").contains("secret-plan"), "a draft is listed");
    // The archive lists them the same way.
    let all = page(&site, "notices/index.html");
    let (u, i, e) = states(&all);
    assert_eq!(u.len() + i.len() + e.len(), 7);
    assert_eq!(e, ["ledger-maintenance"]);
}

#[test]
fn as_of_renders_the_site_at_another_moment() {
    let site = TestSite::fixture("build-full");
    // A bare date is midnight in the site zone (Amsterdam, CEST): inside the
    // ledger window (22:00–02:00). Read as UTC it would be 02:00 CEST, the
    // end of the window.
    site.run(&["build", "--as-of", "2026-09-11"]).expect(0);
    let doc = page(&site, "index.html");
    let (upcoming, in_effect, ended) = states(&doc);
    assert_eq!(in_effect, ["ledger-maintenance"]);
    assert!(ended.is_empty(), "{ended:?}");
    assert_eq!(section(&doc, "Ended").map(|_| ()), None, "an empty Ended section is shown");
    assert_eq!(
        upcoming,
        ["reports-migration", "tls-ciphers", "invoice-layout", "dark-mode", "eu-region", "api-v1-retirement"]
    );
    let json = notices_json(&site);
    assert_eq!(json["generated"], "2026-09-11T00:00:00+02:00");
    assert_eq!(record(&json, "ledger-maintenance")["state"], "in-effect");
    assert_eq!(record(&json, "reports-migration")["state"], "upcoming");
    let doc = page(&site, "notices/reports-migration/index.html");
    assert_eq!(text(&doc, "article.notice .countdown"), "in 20 days");
}

#[test]
fn states_change_exactly_at_the_effective_and_end_moments() {
    let site = TestSite::fixture("build-full");
    site.run(&["build", "--as-of", "2027-03-01T09:00:00+01:00"]).expect(0);
    let json = notices_json(&site);
    assert_eq!(record(&json, "api-v1-retirement")["state"], "in-effect");
    let (upcoming, _, _) = states(&page(&site, "index.html"));
    assert!(upcoming.is_empty(), "{upcoming:?}");
    assert!(site.output("index.html").contains("No changes are scheduled."));

    site.run(&["build", "--as-of", "2027-03-01T08:59:59+01:00"]).expect(0);
    assert_eq!(record(&notices_json(&site), "api-v1-retirement")["state"], "upcoming");

    site.run(&["build", "--as-of", "2026-09-11T01:59:59+02:00"]).expect(0);
    assert_eq!(record(&notices_json(&site), "ledger-maintenance")["state"], "in-effect");
    site.run(&["build", "--as-of", "2026-09-11T02:00:00+02:00"]).expect(0);
    assert_eq!(record(&notices_json(&site), "ledger-maintenance")["state"], "ended");
    // A window that ends is "ended"; a change without `ends` stays in effect.
    site.run(&["build", "--as-of", "2030-01-01"]).expect(0);
    let json = notices_json(&site);
    for slug in FULL_ORDER {
        let want = if slug == "ledger-maintenance" { "ended" } else { "in-effect" };
        assert_eq!(record(&json, slug)["state"], want, "{slug}");
    }
}

#[test]
fn source_date_epoch_fixes_now_and_as_of_wins_over_it() {
    let site = TestSite::fixture("build-full");
    // 2026-09-10T21:00:00Z = 23:00 CEST, inside the ledger window.
    site.run_env(&["build"], &[("SOURCE_DATE_EPOCH", "1789074000")]).expect(0);
    let json = notices_json(&site);
    assert_eq!(json["generated"], "2026-09-10T23:00:00+02:00");
    assert_eq!(record(&json, "ledger-maintenance")["state"], "in-effect");
    // 2027-03-02T00:00:00Z: everything has taken effect.
    site.run_env(&["build"], &[("SOURCE_DATE_EPOCH", "1803945600")]).expect(0);
    let (upcoming, in_effect, ended) = states(&page(&site, "index.html"));
    assert!(upcoming.is_empty(), "{upcoming:?}");
    assert_eq!(in_effect.len(), 6, "{in_effect:?}");
    assert_eq!(ended, ["ledger-maintenance"]);
    // --as-of beats SOURCE_DATE_EPOCH.
    site.run_env(&["build", "--as-of", "2026-01-01"], &[("SOURCE_DATE_EPOCH", "1803945600")]).expect(0);
    let json = notices_json(&site);
    assert_eq!(json["generated"], "2026-01-01T00:00:00+01:00");
    assert!(json["notices"].as_array().unwrap().iter().all(|n| n["state"] == "upcoming"));
}

#[test]
fn index_shows_recent_improvements_and_links_to_facet_pages() {
    let site = full();
    let doc = page(&site, "index.html");
    let asked = section(&doc, "You asked, we did").expect("recent improvements on the index");
    let titles: Vec<String> = asked.select(&sel("article h3")).map(squash).collect();
    assert_eq!(
        titles,
        ["Replay failed webhooks in bulk", "A rate-limit usage dashboard", "Keep SHA-1 webhook signatures"]
    );
    // Filtering works without JavaScript: plain links to per-facet pages.
    let links: Vec<String> = doc.select(&sel("a")).filter_map(|a| a.value().attr("href").map(str::to_string)).collect();
    for href in ["/areas/billing/", "/audiences/api-users/", "/impact/breaking/", "/impact/low/"] {
        assert!(links.iter().any(|l| l == href), "index does not link {href}");
        let rel = format!("{}index.html", href.trim_start_matches('/'));
        assert!(site.has_output(&rel), "{rel} is linked but missing");
    }
}

#[test]
fn facet_pages_list_the_right_notices() {
    let site = full();
    let slugs_of = |rel: &str| {
        let doc = page(&site, rel);
        let (u, i, e) = states(&doc);
        let mut all: Vec<String> = u.into_iter().chain(i).chain(e).collect();
        all.sort();
        all
    };
    assert_eq!(slugs_of("areas/billing/index.html"), ["invoice-layout", "ledger-maintenance"]);
    assert_eq!(slugs_of("areas/api/index.html"), ["api-v1-retirement", "tls-ciphers"]);
    assert_eq!(slugs_of("audiences/api-users/index.html"), ["api-v1-retirement", "tls-ciphers"]);
    assert_eq!(slugs_of("audiences/finance-teams/index.html"), ["ledger-maintenance", "reports-migration"]);
    assert_eq!(
        slugs_of("audiences/workspaces-in-the-eu-region/index.html"),
        ["eu-region"],
        "audience names become slugs"
    );
    assert_eq!(slugs_of("impact/high/index.html"), ["ledger-maintenance", "reports-migration", "tls-ciphers"]);
    assert_eq!(slugs_of("impact/breaking/index.html"), ["api-v1-retirement"]);
    assert_eq!(slugs_of("impact/low/index.html"), ["dark-mode"]);
    assert_eq!(slugs_of("impact/medium/index.html"), ["eu-region", "invoice-layout"]);
    // States on a facet page, too.
    let (u, _, e) = states(&page(&site, "areas/billing/index.html"));
    assert_eq!((u, e), (vec!["invoice-layout".to_string()], vec!["ledger-maintenance".to_string()]));
    // An area page also lists the improvements in that area.
    let api = site.output("areas/api/index.html");
    assert!(api.contains("Replay failed webhooks in bulk") && api.contains("A rate-limit usage dashboard"));
    assert!(!api.contains("Keep SHA-1 webhook signatures"));
    // Facet indexes list every facet.
    let areas = page(&site, "areas/index.html");
    let names = texts(&areas, "main li a");
    assert_eq!(names, ["api", "billing", "dashboard", "regions", "reports", "security"]);
    let audiences = page(&site, "audiences/index.html");
    assert_eq!(texts(&audiences, "main li a").len(), 6);
}

#[test]
fn improvements_page_is_grouped_by_month_with_the_feedback_answered() {
    let site = full();
    let doc = page(&site, "improvements/index.html");
    let groups: Vec<(String, Vec<String>)> = doc
        .select(&sel("main section"))
        .map(|s| {
            let month = s.select(&sel("h2")).next().map(squash).unwrap_or_default();
            (month, s.select(&sel("article")).filter_map(|a| a.value().attr("id").map(str::to_string)).collect())
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("November 2026".to_string(), vec!["bulk-replay".to_string()]),
            ("October 2026".to_string(), vec!["usage-dashboard".to_string(), "keep-sha1".to_string()]),
        ]
    );
    let shipped = text(&doc, "article#bulk-replay");
    assert!(shipped.contains("Shipped"), "{shipped}");
    assert!(shipped.contains("Support tickets"), "feedback source: {shipped}");
    assert!(shipped.contains("42 requests"), "{shipped}");
    assert_eq!(text(&doc, "article#bulk-replay q"), "Let us replay every failed webhook at once");
    assert_eq!(attr(&doc, "article#bulk-replay a[href^='/notices/']", "href"), "/notices/api-v1-retirement/");
    let planned = text(&doc, "article#usage-dashboard");
    assert!(planned.contains("Planned") && planned.contains("2027-Q1"), "eta: {planned}");
    assert!(planned.contains("Customer advisory board"), "{planned}");
    let declined = text(&doc, "article#keep-sha1");
    assert!(declined.contains("Declined"), "{declined}");
    assert!(declined.contains("SHA-1 is broken; keeping it would put every customer at risk."), "reason: {declined}");
}

#[test]
fn long_lists_show_recent_cards_then_one_line_rows() {
    let site = TestSite::new();
    site.write("forewarn.toml", "title = \"Acme\"\nbase_url = \"https://changes.example.com\"\n");
    // 25 notices in effect (no end), one a day in January 2027.
    for day in 1..=25 {
        let text = GOOD_NOTICE.replace("2027-01-20T09:00:00Z", &format!("2027-01-{day:02}T09:00:00Z"));
        site.write(&format!("content/notices/n{day:02}.md"), &text);
    }
    site.run(&["build", "--as-of", "2027-03-01"]).expect(0);
    let doc = page(&site, "notices/index.html");
    let in_effect = section(&doc, "In effect").expect("an In effect section");
    let cards = card_slugs(in_effect);
    let rows: Vec<String> = in_effect
        .select(&sel("li.row a"))
        .filter_map(|a| a.value().attr("href"))
        .map(|h| h.trim_start_matches("/notices/").trim_end_matches('/').to_string())
        .collect();
    // The 20 most recent as cards, newest first; the 5 oldest as rows.
    let expected: Vec<String> = (1..=25).rev().map(|d| format!("n{d:02}")).collect();
    assert_eq!(cards, expected[..20]);
    assert_eq!(rows, expected[20..]);
    assert_eq!(text(&doc, "li.row time"), "January 5, 2027");
    // The same on an area's page; the home page keeps its limit and links to the archive.
    let area = page(&site, "areas/billing/index.html");
    assert_eq!(count(&area, "li.row"), 5);
    let home = page(&site, "index.html");
    assert_eq!(count(&home, "li.row"), 0);
    assert!(squash(section(&home, "In effect").unwrap()).contains("5 more in effect in the archive"));
}
