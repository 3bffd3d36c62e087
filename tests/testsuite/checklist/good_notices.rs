//! A corpus of good notices (tests/fixtures/good-notices): the checklist
//! must let well-written notices through without a deny or a warning, and
//! the site builds. A rule that fires here is too eager.

use super::*;
use crate::support::{page, sel};

const FIXTURE: &str = "good-notices";

/// Every notice of the corpus, by file name.
const NOTICES: [&str; 7] = [
    "dashboard-date-format",
    "invoices-api-v3",
    "ledger-upgrade-night",
    "password-reset-links",
    "quotes-module-removal",
    "storage-migration-window",
    "team-plan-price",
];

#[test]
fn the_corpus_is_what_it_says() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(FIXTURE);
    let text = |slug: &str| {
        std::fs::read_to_string(root.join(format!("content/notices/{slug}.md")))
            .unwrap_or_else(|e| panic!("{slug}: {e}"))
    };
    let listed: BTreeSet<String> = std::fs::read_dir(root.join("content/notices"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().trim_end_matches(".md").to_string())
        .collect();
    assert_eq!(listed, NOTICES.iter().map(|s| s.to_string()).collect(), "NOTICES lists the corpus");
    // The cases the corpus stands for, so an edit cannot quietly drop one.
    let night = text("ledger-upgrade-night");
    assert!(night.contains("kind = \"maintenance\"") && night.contains("ends = "), "a night maintenance window");
    assert!(
        night.contains("published = 2026-11-20") && night.contains("effective = 2026-12-06T01:00"),
        "two weeks ahead"
    );
    let outage = text("storage-migration-window");
    assert!(outage.contains("ends = 2027-01-17T06:00") && outage.contains("workaround = "), "a four-hour window");
    assert!(text("dashboard-date-format").contains("impact = \"low\""));
    let price = text("team-plan-price");
    assert!(price.contains("kind = \"pricing\"") && price.contains("[price]"));
    let removal = text("quotes-module-removal");
    assert!(removal.contains("kind = \"removal\"") && removal.contains("[data]") && removal.contains("workaround = "));
    let security = text("password-reset-links");
    assert!(security.contains("[emergency]\nkind = \"security\"\nreason = "), "a valid emergency");
    let api = text("invoices-api-v3");
    assert!(api.contains("impact = \"breaking\"") && api.contains("[v3 migration guide](https://"));
}

#[test]
fn good_notices_pass_the_checklist_without_a_warning() {
    let site = TestSite::fixture(FIXTURE);
    let (code, diags) = check(&site, &[]);
    assert_eq!((code, diags), (0, vec![]));
    let run = site.check();
    run.expect(0);
    assert!(
        run.stderr
            .contains("7 notices and 1 improvement checked: 0 denied, 0 with warnings only; 0 denies, 0 warnings"),
        "{}",
        run.all()
    );
}

#[test]
fn good_notices_pass_on_every_day_they_are_live() {
    // From the day the last of them is published to the day before the
    // first follow-up is due, nothing fires.
    let site = TestSite::fixture(FIXTURE);
    for now in ["2026-11-20T13:00:00Z", "2026-11-24T08:00:00Z", "2026-12-06T02:00:00Z", "2026-12-07T00:00:00Z"] {
        let (code, diags) = check_env(&site, &[], &[("SOURCE_DATE_EPOCH", &epoch(now))]);
        assert_eq!((code, diags), (0, vec![]), "as of {now}");
    }
}

#[test]
fn good_notices_build_and_the_pricing_page_shows_both_prices() {
    let site = TestSite::fixture(FIXTURE);
    site.build().expect(0);
    for slug in NOTICES {
        assert!(site.has_output(&format!("notices/{slug}/index.html")), "{slug} has a page");
    }
    let doc = page(&site, "notices/team-plan-price/index.html");
    let facts: Vec<String> = doc.select(&sel("dl.facts div")).map(|d| d.text().collect::<String>()).collect();
    let price = facts.iter().find(|f| f.starts_with("Price")).unwrap_or_else(|| panic!("a Price fact: {facts:#?}"));
    assert!(price.contains("€10 per user a month"), "the price before: {price}");
    assert!(price.contains("€12 per user a month"), "the price after: {price}");
    // notices.json carries the kind and both prices.
    let json: serde_json::Value = serde_json::from_str(&site.output("notices.json")).unwrap();
    let record = json["notices"].as_array().unwrap().iter().find(|n| n["slug"] == "team-plan-price").unwrap();
    assert_eq!(record["kind"], "pricing");
    assert_eq!(record["price"], serde_json::json!({"before": "€10 per user a month", "after": "€12 per user a month"}));
    // The feeds and the newsletter state both prices too.
    assert!(site.output("feed.xml").contains("€10 per user a month now; €12 per user a month from"));
    assert!(site.output("newsletter/latest.txt").contains("Price: €10 per user a month now; €12 per user a month"));
    // The emergency is shown with its kind and reason.
    let doc = page(&site, "notices/password-reset-links/index.html");
    let aside: String = doc.select(&sel("aside.emergency")).flat_map(|a| a.text()).collect();
    assert!(aside.contains("Security."), "{aside}");
    assert!(aside.contains("a forwarded email could be used to take over an account"), "{aside}");
    // Internal links lead to pages that were built.
    let doc = page(&site, "notices/invoices-api-v3/index.html");
    let hrefs: Vec<&str> = doc.select(&sel("main a[href^='/']")).filter_map(|a| a.value().attr("href")).collect();
    for href in ["/notices/quotes-module-removal/", "/improvements/#cursor-pagination"] {
        assert!(hrefs.contains(&href), "{href} in {hrefs:?}");
    }
    assert!(site.has_output("notices/quotes-module-removal/index.html"));
    assert!(site.output("improvements/index.html").contains("id=\"cursor-pagination\""));
}
