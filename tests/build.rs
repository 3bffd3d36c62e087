//! `forewarn build`: the whole notice site from markdown (issue 2).
//!
//! Most tests build the fixture `tests/fixtures/build-full`, a small site in
//! Europe/Amsterdam whose notices cover every impact, every data
//! disposition, a maintenance window, an emergency, update history, a YAML
//! notice, a folder notice with an asset, a draft, three improvements (one
//! per status) and a page with an alias. "Now" is 2026-11-23T00:00:00Z
//! (`NOW_EPOCH`) unless a test says otherwise. As of then:
//!
//! | notice | effective (Amsterdam) | state |
//! |---|---|---|
//! | ledger-maintenance | 2026-09-10 22:00 → 2026-09-11 02:00 | ended |
//! | reports-migration | 2026-10-01 (bare date) | in effect |
//! | tls-ciphers | 2026-11-21 13:00 (emergency) | in effect |
//! | invoice-layout (YAML) | 2027-01-20 09:00 | upcoming |
//! | dark-mode | 2027-01-25 (bare date) | upcoming |
//! | eu-region (folder) | 2027-02-15 15:00 (written in New York time) | upcoming |
//! | api-v1-retirement | 2027-03-01 09:00 | upcoming |
//! | secret-plan | draft | – |
//!
//! Every `support` value in the fixture contains `SUPPORT-ONLY-TALKING-POINT`.

#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub, missing_docs)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use common::{GOOD_NOTICE, NOW_EPOCH, Run, TestSite};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

/// The marker every `support` value of the fixtures carries.
const SUPPORT_MARK: &str = "SUPPORT-ONLY-TALKING-POINT";

/// Notices of `build-full` that are not drafts, soonest effective first.
const FULL_ORDER: [&str; 7] = [
    "ledger-maintenance",
    "reports-migration",
    "tls-ciphers",
    "invoice-layout",
    "dark-mode",
    "eu-region",
    "api-v1-retirement",
];

// ---------------------------------------------------------------- helpers

/// The `build-full` fixture, built as of `NOW_EPOCH`, for tests that only
/// read its output. Tests running at the same time share one build; the
/// folder is removed when the last of them is done.
fn full() -> Arc<TestSite> {
    static SHARED: Mutex<Weak<TestSite>> = Mutex::new(Weak::new());
    let mut slot = SHARED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(site) = slot.upgrade() {
        return site;
    }
    let site = Arc::new(TestSite::fixture("build-full"));
    site.build().expect(0);
    *slot = Arc::downgrade(&site);
    site
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

fn page(site: &TestSite, rel: &str) -> Html {
    Html::parse_document(&site.output(rel))
}

/// Text of an element with whitespace collapsed.
fn squash(el: ElementRef<'_>) -> String {
    el.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collapsed text of every element matching `css`.
fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css)).map(squash).collect()
}

/// Collapsed text of the first element matching `css` (panics if none).
fn text(doc: &Html, css: &str) -> String {
    doc.select(&sel(css)).next().map(squash).unwrap_or_else(|| panic!("nothing matches `{css}`\n{}", doc.html()))
}

fn count(doc: &Html, css: &str) -> usize {
    doc.select(&sel(css)).count()
}

fn attr(doc: &Html, css: &str, name: &str) -> String {
    doc.select(&sel(css))
        .next()
        .and_then(|e| e.value().attr(name).map(str::to_string))
        .unwrap_or_else(|| panic!("no `{css}` with attribute {name}"))
}

/// The `<section>` whose `<h2>` reads `heading`.
fn section<'a>(doc: &'a Html, heading: &str) -> Option<ElementRef<'a>> {
    doc.select(&sel("section")).find(|s| s.select(&sel("h2")).next().is_some_and(|h| squash(h) == heading))
}

/// The notice slugs linked from the cards of `el`, in order.
fn card_slugs(el: ElementRef<'_>) -> Vec<String> {
    el.select(&sel("article h3 a"))
        .filter_map(|a| a.value().attr("href"))
        .filter_map(|h| h.strip_prefix("/notices/").map(|s| s.trim_end_matches('/').to_string()))
        .collect()
}

/// The slugs under each heading of a section's cards: `(label, slugs)` for
/// every `h3.month` group.
fn month_groups(el: ElementRef<'_>) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for e in el.select(&sel("h3.month, article h3 a")) {
        if e.value().name() == "h3" {
            out.push((squash(e), Vec::new()));
        } else if let (Some(last), Some(href)) = (out.last_mut(), e.value().attr("href")) {
            last.1.push(href.trim_start_matches("/notices/").trim_end_matches('/').to_string());
        }
    }
    out
}

/// Slugs in the "Coming up", "In effect" and "Ended" sections of a list page.
fn states(doc: &Html) -> (Vec<String>, Vec<String>, Vec<String>) {
    let get = |h: &str| section(doc, h).map(card_slugs).unwrap_or_default();
    (get("Coming up"), get("In effect"), get("Ended"))
}

fn notices_json(site: &TestSite) -> Value {
    serde_json::from_str(&site.output("notices.json")).expect("notices.json is JSON")
}

fn record<'a>(json: &'a Value, slug: &str) -> &'a Value {
    json["notices"]
        .as_array()
        .expect("notices array")
        .iter()
        .find(|n| n["slug"] == slug)
        .unwrap_or_else(|| panic!("no notice {slug} in notices.json"))
}

fn json_slugs(json: &Value) -> Vec<String> {
    json["notices"].as_array().expect("notices").iter().map(|n| n["slug"].as_str().unwrap().to_string()).collect()
}

/// Every file under `dir` with its bytes, keyed by relative path.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())).flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(p.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Names in the site's root folder (to see that nothing was left beside the
/// output).
fn root_entries(site: &TestSite) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Asserts that `run` failed with exit 2 and that stderr mentions every
/// needle.
#[track_caller]
fn expect_error(run: &Run, needles: &[&str]) {
    run.expect(2);
    for n in needles {
        assert!(run.stderr.contains(n), "stderr does not mention `{n}`\n{}", run.all());
    }
}

/// GOOD_NOTICE with `line` inserted after its first front-matter line.
fn notice_with(line: &str) -> String {
    GOOD_NOTICE.replacen("+++\n", &format!("+++\n{line}\n"), 1)
}

/// Runs `forewarn --root SITE ARGS…` and kills it after `limit` (a hang is
/// a failure, not a stuck test run).
fn run_with_timeout(site: &TestSite, args: &[&str], limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_forewarn"))
        .arg("--root")
        .arg(site.path())
        .args(args)
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", NOW_EPOCH)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn forewarn");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("forewarn {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().expect("output");
    Run::from(out)
}

// ------------------------------------------------------------ notice page

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
    assert_eq!(squash(when), "Monday 1 March 2027, 09:00 CET");
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
    assert!(updates[0].starts_with("2 October 2026") && updates[0].contains("Added the export"), "{updates:?}");
    assert!(updates[1].starts_with("15 September 2026") && updates[1].contains("Moved the effective date"));
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
    assert!(aside.contains("A downgrade attack against the legacy ciphers was published on 19 November."), "{aside}");
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
    assert_eq!(squash(ends), "Friday 11 September 2026, 02:00 CEST");
    let facts = text(&doc, "dl.facts");
    assert!(facts.contains("Ends"), "{facts}");
    let data = text(&doc, "section.data");
    assert!(data.contains("Unavailable."), "{data}");
    assert!(data.contains("The ledger is readable again when the window ends."), "{data}");
    assert!(data.contains("Export the ledger as CSV before the window."), "{data}");
    assert!(data.contains("Friday 11 September 2026, 02:00 CEST"), "available_again: {data}");
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
    assert_eq!(squash(t), "Monday 15 February 2027, 15:00 CET");
    // A bare date: the day, and the zone it is midnight in.
    let doc = page(&site, "notices/dark-mode/index.html");
    let t = doc
        .select(&sel("article.notice time"))
        .find(|t| t.value().attr("datetime") == Some("2027-01-25T00:00:00+01:00"))
        .expect("bare effective date at midnight in the site zone");
    let shown = squash(t);
    assert!(shown.contains("25 January 2027") && shown.contains("Europe/Amsterdam"), "{shown}");
    // Every page says which zone times are in.
    for rel in ["index.html", "notices/dark-mode/index.html", "improvements/index.html"] {
        assert!(site.output(rel).contains("Europe/Amsterdam"), "{rel} does not name the zone");
    }
}

// ------------------------------------------------------- index and lists

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

// ---------------------------------------------------------- content files

#[test]
fn yaml_and_toml_front_matter_both_build() {
    let site = full();
    // invoice-layout.md is YAML (with a nested mapping and a list of
    // mappings); the others are TOML.
    let doc = page(&site, "notices/invoice-layout/index.html");
    assert_eq!(text(&doc, "h1"), "Invoices get a new layout");
    assert!(text(&doc, "section.data").contains("Past invoices keep their original layout."));
    let updates = texts(&doc, "section.updates li");
    assert_eq!(updates.len(), 1);
    assert!(updates[0].contains("Added the option to keep the classic layout."), "{updates:?}");
    let json = notices_json(&site);
    let yaml = record(&json, "invoice-layout");
    assert_eq!(yaml["audience"], serde_json::json!(["Administrators"]));
    assert_eq!(yaml["updates"][0]["date"], "2026-10-15T00:00:00+02:00");
    assert_eq!(yaml["data"]["disposition"], "retained");
}

#[test]
fn files_with_a_bom_and_crlf_line_ends_build() {
    let site = TestSite::new();
    let mut toml = vec![0xEF, 0xBB, 0xBF];
    toml.extend_from_slice(
        GOOD_NOTICE.replace("Invoices get a new layout", "TOML with BOM").replace('\n', "\r\n").as_bytes(),
    );
    site.write_bytes("content/notices/bom-toml.md", &toml);
    let yaml = "\u{feff}---\r\ntitle: \"YAML with BOM\"\r\npublished: 2026-10-01\r\neffective: 2027-01-20T09:00:00Z\r\nimpact: low\r\naudience: [Everyone]\r\nsupport: \"Nothing to say.\"\r\nfeedback: \"mailto:a@example.com\"\r\n---\r\n\r\nThe dashboard gets a new colour scheme that follows your system setting, and nothing else about the way it works changes for you.\r\n";
    site.write("content/notices/bom-yaml.md", yaml);
    site.build().expect(0);
    assert_eq!(text(&page(&site, "notices/bom-toml/index.html"), "h1"), "TOML with BOM");
    assert_eq!(text(&page(&site, "notices/bom-yaml/index.html"), "h1"), "YAML with BOM");
    let json = notices_json(&site);
    let rec = record(&json, "bom-toml");
    assert_eq!(rec["effective"], "2027-01-20T09:00:00+00:00");
    assert!(!rec["summary"].as_str().unwrap().contains('\r'), "{rec}");
    assert!(!rec["workaround"].as_str().unwrap().contains('\r'), "{rec}");
}

#[test]
fn bare_dates_are_midnight_in_the_site_zone() {
    let site = full();
    let json = notices_json(&site);
    assert_eq!(json["site"]["timezone"], "Europe/Amsterdam");
    // Summer and winter: the offset follows the zone's rules.
    assert_eq!(record(&json, "reports-migration")["effective"], "2026-10-01T00:00:00+02:00");
    assert_eq!(record(&json, "dark-mode")["effective"], "2027-01-25T00:00:00+01:00");
    assert_eq!(record(&json, "api-v1-retirement")["published"], "2026-07-01T00:00:00+02:00");
    // An IANA zone in brackets, the site's or another.
    assert_eq!(record(&json, "invoice-layout")["effective"], "2027-01-20T09:00:00+01:00");
    assert_eq!(record(&json, "eu-region")["effective"], "2027-02-15T15:00:00+01:00");
    // An offset and Z, converted to the site zone.
    assert_eq!(record(&json, "api-v1-retirement")["effective"], "2027-03-01T09:00:00+01:00");
    assert_eq!(record(&json, "tls-ciphers")["effective"], "2026-11-21T13:00:00+01:00");

    // The same bare date in another site zone is another instant.
    let site = TestSite::new();
    site.write("forewarn.toml", "timezone = \"America/New_York\"\n");
    site.write(
        "content/notices/n.md",
        &GOOD_NOTICE.replace("effective = 2027-01-20T09:00:00Z", "effective = 2027-01-20"),
    );
    site.build().expect(0);
    let json = notices_json(&site);
    assert_eq!(record(&json, "n")["effective"], "2027-01-20T00:00:00-05:00");
    assert_eq!(record(&json, "n")["published"], "2026-10-01T00:00:00-04:00");
}

#[test]
fn markdown_body_gets_tables_footnotes_task_lists_heading_ids_and_smart_punctuation() {
    let site = TestSite::new();
    let body = "\n## Before and after\n\n| Old | New |\n|-----|-----|\n| top | bottom |\n\n~~Gone~~ and \"quoted\" -- with a note[^1].\n\n- [x] done\n- [ ] to do\n\n[^1]: The footnote.\n";
    site.write("content/notices/md.md", &format!("{GOOD_NOTICE}{body}"));
    site.build().expect(0);
    let doc = page(&site, "notices/md/index.html");
    assert_eq!(text(&doc, ".body h2#before-and-after"), "Before and after");
    assert_eq!(texts(&doc, ".body table td"), ["top", "bottom"]);
    assert_eq!(text(&doc, ".body del"), "Gone");
    assert_eq!(count(&doc, ".body input[type=checkbox]"), 2);
    assert_eq!(count(&doc, ".body input[type=checkbox][checked]"), 1);
    let prose = text(&doc, ".body");
    assert!(prose.contains("“quoted”"), "smart quotes: {prose}");
    assert!(prose.contains('–'), "smart dash: {prose}");
    assert!(prose.contains("The footnote."), "{prose}");
}

#[test]
fn summary_key_replaces_the_first_paragraph() {
    let site = TestSite::new();
    site.write("content/notices/s.md", &notice_with("summary = \"A *short* summary.\""));
    site.write("content/notices/t.md", GOOD_NOTICE);
    site.build().expect(0);
    let json = notices_json(&site);
    assert_eq!(record(&json, "s")["summary"], "A short summary.");
    assert!(record(&json, "t")["summary"].as_str().unwrap().starts_with("Invoices will use a new layout"));
    let index = page(&site, "index.html");
    assert!(texts(&index, "article.card").iter().any(|c| c.contains("A short summary.")));
    assert_eq!(count(&index, "article.card em"), 1, "the summary is rendered as markdown");
}

#[test]
fn hidden_files_and_editor_backups_are_ignored() {
    let site = TestSite::new();
    site.write("content/notices/real.md", GOOD_NOTICE);
    for junk in [".hidden.md", ".#real.md", "#real.md#", "real.md~", ".real.md.swp", "real.md.bak", ".git/x.md"] {
        site.write(&format!("content/notices/{junk}"), "this is not front matter at all");
    }
    site.build().expect(0);
    let json = notices_json(&site);
    assert_eq!(json_slugs(&json), ["real"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_does_not_hang() {
    let site = TestSite::new();
    site.write("content/notices/real.md", GOOD_NOTICE);
    std::fs::create_dir_all(site.path().join("content/notices/loop")).unwrap();
    std::os::unix::fs::symlink("..", site.path().join("content/notices/loop/up")).unwrap();
    let run = run_with_timeout(&site, &["build"], Duration::from_secs(20));
    assert!(run.code == 0 || run.code == 2, "{}", run.all());
    assert!(!run.stderr.contains("panicked"), "{}", run.all());
    if run.code == 2 {
        assert!(run.stderr.contains("content/notices/loop"), "the loop is named\n{}", run.all());
    }
}

// ----------------------------------------------------- folder notices

#[test]
fn folder_notice_assets_are_copied_beside_the_page() {
    let site = full();
    assert!(site.has_output("notices/eu-region/index.html"));
    let svg = std::fs::read(site.path().join("public/notices/eu-region/timeline.svg")).expect("asset copied");
    assert_eq!(svg, std::fs::read(site.path().join("content/notices/eu-region/timeline.svg")).unwrap());
    let doc = page(&site, "notices/eu-region/index.html");
    assert_eq!(attr(&doc, ".body img", "src"), "/notices/eu-region/timeline.svg");
    assert_eq!(attr(&doc, ".body img", "alt"), "Migration timeline");
    assert!(!site.has_output("notices/eu-region/index.md"), "the source is not published");
}

#[test]
fn folder_notice_with_a_slug_and_nested_assets() {
    let site = TestSite::new();
    let text = format!("{}\n![Map](img/map.png) and ![Chart](./chart.svg)\n", notice_with("slug = \"eu-move\""));
    site.write("content/notices/EU Region/index.md", &text);
    site.write_bytes("content/notices/EU Region/img/map.png", &[0x89, b'P', b'N', b'G', 0, 0xff]);
    site.write("content/notices/EU Region/chart.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.write("content/notices/EU Region/.notes.md~", "editor backup");
    site.build().expect(0);
    assert_eq!(
        std::fs::read(site.path().join("public/notices/eu-move/img/map.png")).unwrap(),
        [0x89, b'P', b'N', b'G', 0, 0xff]
    );
    assert!(site.has_output("notices/eu-move/chart.svg"));
    assert!(!site.has_output("notices/eu-move/.notes.md~"), "hidden files are not assets");
    let doc = page(&site, "notices/eu-move/index.html");
    let srcs: Vec<String> = doc.select(&sel(".body img")).map(|i| i.value().attr("src").unwrap().to_string()).collect();
    assert_eq!(srcs, ["/notices/eu-move/img/map.png", "/notices/eu-move/chart.svg"]);
}

#[test]

fn folder_asset_cannot_replace_the_notice_page() {
    let site = TestSite::new();
    site.write("content/notices/layout/index.md", GOOD_NOTICE);
    site.write("content/notices/layout/index.html", "<p>not the notice</p>");
    let run = site.build();
    if run.code == 0 {
        let doc = page(&site, "notices/layout/index.html");
        assert_eq!(text(&doc, "h1"), "Invoices get a new layout", "the notice page was overwritten by an asset");
    } else {
        expect_error(&run, &["content/notices/layout/index.html"]);
    }
}

#[test]

fn nested_asset_folder_named_like_the_notice_keeps_its_path() {
    let site = TestSite::new();
    site.write("content/notices/layout/index.md", GOOD_NOTICE);
    site.write("content/notices/layout/layout/shot.txt", "nested");
    site.build().expect(0);
    assert!(site.has_output("notices/layout/layout/shot.txt"), "{:?}", site.output_files());
}

// ----------------------------------------------------------------- themes

#[test]
fn site_template_overrides_the_theme_template() {
    let site = TestSite::fixture("build-overrides");
    site.build().expect(0);
    let doc = page(&site, "notices/invoice-layout/index.html");
    assert_eq!(text(&doc, "h1.override-title"), "Invoices get a new layout");
    assert_eq!(text(&doc, ".override-impact"), "Medium impact · Upcoming");
    assert_eq!(attr(&doc, ".override-effective time", "datetime"), "2027-01-20T09:00:00+00:00");
    assert_eq!(text(&doc, "title"), "Override: Invoices get a new layout");
    // The theme's notice layout is gone; its base layout is still used.
    assert_eq!(count(&doc, "article.notice"), 0);
    assert_eq!(count(&doc, "footer.site-footer"), 1);
    // Other pages still use the theme's templates.
    let index = page(&site, "index.html");
    assert_eq!(count(&index, "article.card"), 1);
    assert_eq!(count(&index, ".override-title"), 0);
}

#[test]
fn static_files_are_copied_as_is() {
    let site = TestSite::fixture("build-overrides");
    site.build().expect(0);
    let src = tree(&site.path().join("static"));
    assert_eq!(src.len(), 4);
    for (rel, bytes) in &src {
        let out =
            std::fs::read(site.path().join("public").join(rel)).unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
        assert_eq!(&out, bytes, "{} changed on the way", rel.display());
    }
    // The theme's other static file is still there.
    assert!(site.has_output("site.js"));
}

#[test]
fn a_theme_on_disk_is_used_and_the_site_overrides_it() {
    let site = TestSite::new();
    site.write("forewarn.toml", "theme = \"plain\"\nfeedback = \"mailto:a@example.com\"\n");
    site.write("content/notices/n.md", GOOD_NOTICE);
    site.write(
        "themes/plain/templates/card.html",
        "<article class=\"plain-card\"><h3><a href=\"{{ notice.url }}\">{{ notice.title }}</a></h3></article>\n",
    );
    site.write(
        "themes/plain/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"theme-404\">theme</p>{% endblock content %}\n",
    );
    site.write("themes/plain/static/plain.css", "body{}\n");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"site-404\">site</p>{% endblock content %}\n",
    );
    site.build().expect(0);
    assert_eq!(count(&page(&site, "index.html"), "article.plain-card"), 1);
    let nf = page(&site, "404.html");
    assert_eq!(count(&nf, ".site-404"), 1, "the site's template wins over the theme's");
    assert_eq!(count(&nf, ".theme-404"), 0);
    assert_eq!(site.output("plain.css"), "body{}\n");
}

#[test]
fn a_missing_theme_folder_is_an_error() {
    let site = TestSite::new();
    site.write("forewarn.toml", "theme = \"other\"\n");
    site.write("content/notices/n.md", GOOD_NOTICE);
    let run = site.build();
    expect_error(&run, &["other", "themes/other"]);
    assert!(!site.has_output("index.html"));
}

#[test]
fn a_template_error_names_the_template_and_publishes_nothing() {
    let site = TestSite::fixture("build-overrides");
    site.build().expect(0);
    let before = tree(&site.path().join("public"));
    site.write(
        "templates/notice.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ notice.no_such_field }}\n{% endblock content %}\n",
    );
    let run = site.build();
    expect_error(&run, &["templates/notice.html:3:", "no_such_field"]);
    assert_eq!(tree(&site.path().join("public")), before, "a failed build changed public/");
}

// ------------------------------------------------------ aliases and slugs

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

// ---------------------------------------------------------------- drafts

#[test]
fn drafts_are_left_out_of_build_unless_asked_for() {
    let site = TestSite::fixture("build-full");
    site.build().expect(0);
    assert!(!site.has_output("notices/secret-plan/index.html"));
    for rel in ["index.html", "notices/index.html", "notices.json", "sitemap.xml", "impact/low/index.html"] {
        assert!(!site.output(rel).contains("secret-plan"), "{rel} mentions the draft");
    }
    assert!(site.build().stdout.starts_with("Built 7 notices,"));

    let run = site.run(&["build", "--drafts"]);
    run.expect(0);
    assert!(run.stdout.starts_with("Built 8 notices,"), "{}", run.all());
    let doc = page(&site, "notices/secret-plan/index.html");
    assert_eq!(text(&doc, "h1"), "Secret draft plan");
    assert!(json_slugs(&notices_json(&site)).contains(&"secret-plan".to_string()));
}

// --------------------------------------------------------- reproducibility

#[test]
fn same_input_and_now_give_byte_identical_output() {
    let site = TestSite::fixture("build-full");
    site.run(&["build", "--out", "one"]).expect(0);
    site.run(&["build", "--out", "two"]).expect(0);
    let one = tree(&site.path().join("one"));
    let two = tree(&site.path().join("two"));
    assert!(one.len() > 30, "{:?}", one.keys());
    assert_eq!(one.keys().collect::<Vec<_>>(), two.keys().collect::<Vec<_>>());
    for (rel, bytes) in &one {
        assert!(bytes == &two[rel], "{} differs between two builds", rel.display());
    }
    // The same site in another folder gives the same bytes too.
    let elsewhere = TestSite::fixture("build-full");
    elsewhere.build().expect(0);
    let three = tree(&elsewhere.path().join("public"));
    assert_eq!(one, three, "output depends on where the site is");
    // Another "now" gives another site.
    site.run(&["build", "--out", "later", "--as-of", "2027-02-01"]).expect(0);
    let later = tree(&site.path().join("later"));
    assert_ne!(one[Path::new("index.html")], later[Path::new("index.html")]);
}

// ------------------------------------------------- notices.json, sitemap

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
        "A downgrade attack against the legacy ciphers was published on 19 November."
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

// ------------------------------------------------------------ output safety

#[test]
fn a_foreign_output_folder_is_refused_and_left_untouched() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.write("public/my-notes.txt", "precious");
    site.write("public/sub/data.bin", "also precious");
    let before = tree(&site.path().join("public"));
    let run = site.build();
    let shown = site.path().join("public").display().to_string();
    expect_error(&run, &[&shown, ".forewarn-output"]);
    assert_eq!(tree(&site.path().join("public")), before);
    assert_eq!(root_entries(&site), ["content", "public"], "something was left beside the output");
}

#[test]
fn an_empty_output_folder_is_used() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    std::fs::create_dir(site.path().join("public")).unwrap();
    site.build().expect(0);
    assert!(site.has_output(".forewarn-output") && site.has_output("notices/layout/index.html"));
}

#[test]
fn a_rebuild_replaces_its_own_output_completely() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.write("content/notices/old.md", &GOOD_NOTICE.replace("Invoices get a new layout", "Old"));
    site.build().expect(0);
    assert!(site.has_output("notices/old/index.html"));
    std::fs::remove_file(site.path().join("content/notices/old.md")).unwrap();
    site.build().expect(0);
    assert!(!site.has_output("notices/old/index.html"), "a page of a removed notice stayed");
    assert!(!site.output("notices.json").contains("\"old\""));
    // The hidden staging folder keeps the previous generation (it is the
    // base the next build updates in place); nothing else is left behind.
    assert_eq!(root_entries(&site), [".public.forewarn-staging", "content", "public"]);
    let previous = site.path().join(".public.forewarn-staging");
    assert!(previous.join(".forewarn-output").is_file());
    assert!(previous.join("notices/old/index.html").is_file(), "the previous generation is kept whole");
    site.build().expect(0);
    assert!(!previous.join("notices/old/index.html").exists(), "stale files leave the kept generation too");
    assert!(site.has_output("notices/layout/index.html") && !site.has_output("notices/old/index.html"));
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_identical() {
    let site = TestSite::fixture("build-full");
    site.build().expect(0);
    let before = tree(&site.path().join("public"));
    let entries = root_entries(&site);
    // An input error.
    let path = site.path().join("content/notices/dark-mode.md");
    let good = std::fs::read_to_string(&path).unwrap();
    site.write("content/notices/dark-mode.md", &good.replacen("+++\n", "+++\nimpcat = \"low\"\n", 1));
    site.run(&["build", "--as-of", "2027-06-01"]).expect(2);
    assert_eq!(tree(&site.path().join("public")), before, "an input error changed public/");
    assert_eq!(root_entries(&site), entries);
    // A checklist deny.
    site.write("content/notices/dark-mode.md", &good.replace("audience = [\"Everyone\"]\n", ""));
    let run = site.run(&["build", "--as-of", "2027-06-01"]);
    run.expect(1);
    assert!(run.stderr.contains("audience"), "{}", run.all());
    assert_eq!(tree(&site.path().join("public")), before, "a denied build changed public/");
    assert_eq!(root_entries(&site), entries);
}

#[test]
fn a_failed_first_build_creates_no_output() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", &GOOD_NOTICE.replace("title = \"Invoices get a new layout\"", "title = 5"));
    site.build().expect(2);
    assert_eq!(root_entries(&site), ["content"]);
}

#[test]
fn out_pointing_to_a_file_is_refused() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.write("site.txt", "not a folder");
    let run = site.run(&["build", "--out", "site.txt"]);
    expect_error(&run, &["site.txt"]);
    assert_eq!(std::fs::read_to_string(site.path().join("site.txt")).unwrap(), "not a folder");
}

#[test]
fn out_inside_the_sources_or_at_the_root_is_refused() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.write("static/robots.txt", "User-agent: *\n");
    for out in ["content/x", "content", "static/out", ".", "templates/out"] {
        let run = site.run(&["build", "--out", out]);
        expect_error(&run, &[out]);
    }
    assert!(!site.path().join("content/x").exists());
    assert!(!site.path().join("static/out").exists());
    assert!(!site.path().join("templates").exists());
    assert_eq!(tree(&site.path().join("content")).len(), 1);
}

#[test]
fn out_and_output_dir_choose_another_folder() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    let run = site.run(&["build", "--out", "elsewhere"]);
    run.expect(0);
    assert!(site.path().join("elsewhere/notices/layout/index.html").is_file());
    assert!(site.path().join("elsewhere/.forewarn-output").is_file());
    assert!(!site.path().join("public").exists());
    assert!(run.stdout.contains("elsewhere"), "{}", run.all());

    site.write("forewarn.toml", "output_dir = \"site\"\n");
    site.build().expect(0);
    assert!(site.path().join("site/notices/layout/index.html").is_file());
    assert!(!site.path().join("public").exists());
}

// ------------------------------------------------------------------ errors

#[test]
fn a_type_error_names_file_line_and_column() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", &GOOD_NOTICE.replace("impact = \"medium\"", "impact = 3"));
    let run = site.build();
    expect_error(&run, &["content/notices/layout.md:5:10", "impact"]);
    // YAML, too.
    let site = TestSite::new();
    site.write(
        "content/notices/layout.md",
        "---\ntitle: 5\npublished: 2026-10-01\neffective: 2027-01-20T09:00:00Z\nimpact: low\n---\nBody.\n",
    );
    let run = site.build();
    expect_error(&run, &["content/notices/layout.md:2:8", "`title`", "a string"]);
}

#[test]
fn an_unknown_key_is_an_error_with_a_did_you_mean_hint() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", &notice_with("efective = 2027-01-20"));
    let run = site.build();
    expect_error(&run, &["content/notices/layout.md:2:1", "efective", "did you mean `effective`?"]);
    // Inside a table.
    let site = TestSite::new();
    site.write(
        "content/notices/layout.md",
        &GOOD_NOTICE.replace("+++\n\n", "\n[data]\ndisposition = \"unaffected\"\ndetials = \"x\"\n+++\n\n"),
    );
    let run = site.build();
    expect_error(&run, &["content/notices/layout.md:15:1", "detials", "did you mean `details`?"]);
    // Free data under `extra` is fine.
    let site = TestSite::new();
    site.write("content/notices/layout.md", &GOOD_NOTICE.replace("+++\n\n", "\n[extra]\nanything = 1\n+++\n\n"));
    site.build().expect(0);
}

#[test]
fn an_impossible_date_names_file_line_and_column() {
    let site = TestSite::new();
    site.write(
        "content/notices/layout.md",
        &GOOD_NOTICE.replace("effective = 2027-01-20T09:00:00Z", "effective = \"2027-02-29T09:00:00Z\""),
    );
    let run = site.build();
    expect_error(&run, &["content/notices/layout.md:4:13", "`effective`", "2027-02-29"]);
    let site = TestSite::new();
    site.write(
        "content/notices/layout.md",
        "---\ntitle: A\npublished: 2026-02-30\neffective: 2027-01-20T09:00:00Z\nimpact: low\n---\nBody.\n",
    );
    let run = site.build();
    expect_error(&run, &["content/notices/layout.md:3:12", "`published`", "2026-02-30"]);
    // An unknown IANA zone.
    let site = TestSite::new();
    site.write(
        "content/notices/layout.md",
        &GOOD_NOTICE.replace("effective = 2027-01-20T09:00:00Z", "effective = \"2027-01-20T09:00:00[Mars/Olympus]\""),
    );
    expect_error(&site.build(), &["content/notices/layout.md:4:13", "Mars/Olympus"]);
}

#[test]

fn an_impossible_unquoted_toml_date_names_the_key() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", &GOOD_NOTICE.replace("published = 2026-10-01", "published = 2026-02-30"));
    let run = site.build();
    expect_error(&run, &["content/notices/layout.md:3:13", "published"]);
    // The message itself (not just the quoted source line) names the key.
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(first.contains("published"), "{first}");
}

#[test]
fn every_problem_in_every_file_is_reported_in_one_run() {
    let site = TestSite::new();
    site.write("content/notices/good.md", GOOD_NOTICE);
    site.write("content/notices/a.md", &GOOD_NOTICE.replace("impact = \"medium\"", "impact = \"huge\""));
    site.write(
        "content/notices/b.md",
        &notice_with("titel = \"x\"").replace("audience = [\"Administrators\"]", "audience = 5"),
    );
    site.write("content/improvements/c.md", "---\ntitle: Done\ndate: 2026-13-01\nstatus: shiped\n---\nBody.\n");
    site.write("content/pages/d.md", "+++\ntitle = \"Unclosed\"\n");
    let run = site.build();
    expect_error(
        &run,
        &[
            "content/notices/a.md:5:10",
            "did you mean `high`?",
            "content/notices/b.md:2:1",
            "titel",
            "content/notices/b.md:7:12",
            "content/improvements/c.md:3:7",
            "content/improvements/c.md:4:9",
            "did you mean `shipped`?",
            "content/pages/d.md",
        ],
    );
    assert!(run.stderr.contains("stopped by 6 problems"), "{}", run.all());
    assert!(!site.has_output("index.html"));
}

#[test]
fn a_missing_required_key_points_at_the_front_matter() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", &GOOD_NOTICE.replace("impact = \"medium\"\n", ""));
    expect_error(&site.build(), &["content/notices/layout.md:1:1", "`impact`", "missing"]);
}

#[test]
fn a_missing_content_folder_is_an_error_with_a_hint() {
    let site = TestSite::new();
    site.write("forewarn.toml", "title = \"Empty\"\n");
    let run = site.build();
    expect_error(&run, &["content", "forewarn init"]);
    assert_eq!(root_entries(&site), ["forewarn.toml"]);
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_with_its_position() {
    let site = TestSite::new();
    site.write_bytes("content/notices/layout.md", b"+++\ntitle = \"A\"\n+++\nbody \xff here\n");
    expect_error(&site.build(), &["content/notices/layout.md:4:6", "UTF-8"]);
}

#[test]
fn config_errors_are_reported_with_hints() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.write("forewarn.toml", "titel = \"x\"\ntimezone = \"Mars/Olympus\"\n");
    let run = site.build();
    expect_error(&run, &["forewarn.toml:1:1", "did you mean `title`?", "forewarn.toml:2:", "Mars/Olympus"]);
    let run = site.run(&["--config", "missing.toml", "build"]);
    expect_error(&run, &["missing.toml"]);
}

#[test]
fn config_flag_reads_another_file() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.write("forewarn.toml", "title = \"Default file\"\n");
    site.write("other.toml", "title = \"Other file\"\ntimezone = \"Asia/Tokyo\"\n");
    site.run(&["--config", "other.toml", "build"]).expect(0);
    assert_eq!(text(&page(&site, "index.html"), "title"), "Other file");
    assert_eq!(record(&notices_json(&site), "layout")["effective"], "2027-01-20T18:00:00+09:00");
}

#[test]
fn a_bad_now_is_an_input_error() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    expect_error(&site.run(&["build", "--as-of", "next tuesday"]), &["--as-of", "next tuesday"]);
    expect_error(&site.run_env(&["build"], &[("SOURCE_DATE_EPOCH", "soon")]), &["SOURCE_DATE_EPOCH", "soon"]);
    assert!(!site.path().join("public").exists());
}

#[test]
fn color_is_used_only_when_asked_for() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", &notice_with("titel = \"x\""));
    let always = site.run(&["--color", "always", "build"]);
    always.expect(2);
    assert!(always.stderr.contains("\u{1b}["), "no colour with --color always\n{}", always.all());
    for args in [&["--color", "never", "build"][..], &["build"][..]] {
        let run = site.run(args);
        run.expect(2);
        assert!(!run.stderr.contains('\u{1b}'), "colour with {args:?} (NO_COLOR is set)\n{}", run.all());
        assert!(run.stderr.contains("content/notices/layout.md:2:1"));
    }
}

// --------------------------------------------------- init and the CLI

#[test]
fn init_creates_a_site_that_builds_and_passes_the_checklist() {
    let site = TestSite::new();
    let run = site.run(&["init", "."]);
    run.expect(0);
    assert!(site.path().join("forewarn.toml").is_file());
    let notices = tree(&site.path().join("content/notices"));
    let improvements = tree(&site.path().join("content/improvements"));
    assert_eq!((notices.len(), improvements.len()), (1, 1), "{:?} {:?}", notices.keys(), improvements.keys());
    let check = site.check();
    check.expect(0);
    let build = site.build();
    build.expect(0);
    assert!(build.stdout.starts_with("Built 1 notice, 1 improvement, "), "{}", build.all());
    assert!(!build.stderr.contains("deny"), "{}", build.all());
    let json = notices_json(&site);
    assert_eq!(json["notices"].as_array().unwrap().len(), 1);
}

#[test]
fn init_into_a_new_subfolder() {
    let site = TestSite::new();
    site.run(&["init", "my-notices"]).expect(0);
    assert!(site.path().join("my-notices/forewarn.toml").is_file());
    assert!(site.path().join("my-notices/content/notices").is_dir());
}

#[test]
fn init_refuses_an_existing_site() {
    let site = TestSite::new();
    site.write("forewarn.toml", "title = \"Mine\"\n");
    let run = site.run(&["init", "."]);
    expect_error(&run, &["forewarn.toml", "already"]);
    assert_eq!(std::fs::read_to_string(site.path().join("forewarn.toml")).unwrap(), "title = \"Mine\"\n");
    assert!(!site.path().join("content").exists());

    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    expect_error(&site.run(&["init", "."]), &["content", "already"]);
    assert!(!site.path().join("forewarn.toml").exists());
    assert_eq!(tree(&site.path().join("content")).len(), 1);
}

#[test]
fn build_prints_one_summary_line_and_quiet_silences_it() {
    let site = TestSite::fixture("build-full");
    let run = site.build();
    run.expect(0);
    let line = run.stdout.trim_end();
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.all());
    let rest = line.strip_prefix("Built 7 notices, 3 improvements, ").unwrap_or_else(|| panic!("{line}"));
    let (files, rest) = rest.split_once(" files in ").unwrap_or_else(|| panic!("{line}"));
    let (ms, out) = rest.split_once(" ms → ").unwrap_or_else(|| panic!("{line}"));
    let files: usize = files.parse().unwrap_or_else(|_| panic!("{line}"));
    ms.parse::<u64>().unwrap_or_else(|_| panic!("{line}"));
    assert!(out.ends_with("public"), "{line}");
    let written = site.output_files().len();
    // Besides the site: the marker and the manifest of the generation.
    assert_eq!(files + 2, written, "{files} files reported, {written} written");
    assert!(!run.stderr.contains("Built"), "the summary goes to stdout\n{}", run.all());

    for flag in ["--quiet", "-q"] {
        let run = site.run(&[flag, "build"]);
        run.expect(0);
        assert_eq!(run.stdout, "", "{flag}");
        assert!(!run.stderr.contains("Built"), "{flag}\n{}", run.all());
    }
    // --quiet keeps the problems.
    site.write("content/notices/dark-mode.md", "+++\ntitle = 1\n+++\n");
    let run = site.run(&["--quiet", "build"]);
    expect_error(&run, &["content/notices/dark-mode.md:2:9"]);
}

#[test]
fn singular_and_plural_in_the_summary_line() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    let run = site.build();
    run.expect(0);
    assert!(run.stdout.starts_with("Built 1 notice, 0 improvements, "), "{}", run.all());
}

// ------------------------------------------------------------ sample site

/// `slug` and `draft` of a sample notice, read from its front matter lines
/// (TOML `key = value` or YAML `key: value`).
fn sample_notice(path: &Path, file_slug: &str) -> (String, bool) {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let fence = if text.starts_with("---") { "---" } else { "+++" };
    let fm = text.split(fence).nth(1).unwrap_or("");
    let mut slug = file_slug.to_string();
    let mut draft = false;
    for line in fm.lines() {
        let Some((key, value)) = line.split_once(['=', ':']) else { continue };
        let value = value.split(" #").next().unwrap_or("").trim().trim_matches(['"', '\'']);
        match key.trim() {
            "slug" if !line.starts_with(' ') => slug = value.to_string(),
            "draft" if !line.starts_with(' ') => draft = value == "true",
            _ => {}
        }
    }
    (slug, draft)
}

#[test]
fn the_sample_site_builds_and_every_notice_has_a_page() {
    let site = TestSite::sample();
    let run = site.run(&["build", "--as-of", "2026-11-23"]);
    run.expect(0);
    let mut published = 0;
    for e in std::fs::read_dir(site.path().join("content/notices")).unwrap().flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let (file, stem) = if p.is_dir() {
            (p.join("index.md"), name)
        } else if let Some(stem) = name.strip_suffix(".md") {
            (p.clone(), stem.to_string())
        } else {
            continue;
        };
        let (slug, draft) = sample_notice(&file, &stem);
        let rel = format!("notices/{slug}/index.html");
        if draft {
            assert!(!site.has_output(&rel), "draft {slug} was published");
        } else {
            published += 1;
            assert!(site.has_output(&rel), "{rel} missing");
            let doc = page(&site, &rel);
            assert!(!text(&doc, "h1").is_empty());
        }
    }
    assert!(published >= 8, "{published}");
    assert!(run.stdout.starts_with(&format!("Built {published} notices, ")), "{}", run.all());
    assert_eq!(json_slugs(&notices_json(&site)).len(), published);
    // The folder notice's asset is beside its page.
    assert!(site.has_output("notices/eu-region-migration/timeline.svg"));
    // Nothing of the support brief leaks into the public site.
    let json = notices_json(&site);
    assert!(json["notices"].as_array().unwrap().iter().all(|n| n.get("support").is_none()));
}

// ------------------------------------------------------- more input checks

#[test]
fn an_improvement_naming_an_unknown_notice_is_an_error() {
    let site = TestSite::new();
    site.write("content/notices/invoice-layout.md", GOOD_NOTICE);
    site.write(
        "content/improvements/totals.md",
        "+++\ntitle = \"Totals first\"\ndate = 2026-11-01\nstatus = \"shipped\"\nnotice = \"invoice-layuot\"\n\n[feedback]\nsource = \"Survey\"\n+++\n\nTotals now come first.\n",
    );
    let run = site.build();
    expect_error(&run, &["content/improvements/totals.md:5:10", "invoice-layuot", "did you mean `invoice-layout`?"]);
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

#[test]
fn a_window_that_ends_before_it_starts_is_an_error() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", &notice_with("ends = 2027-01-20T08:00:00Z"));
    expect_error(&site.build(), &["content/notices/layout.md:2:8", "`ends`"]);
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
    assert_eq!(text(&doc, "li.row time"), "5 January 2027");
    // The same on an area's page; the home page keeps its limit and links to the archive.
    let area = page(&site, "areas/billing/index.html");
    assert_eq!(count(&area, "li.row"), 5);
    let home = page(&site, "index.html");
    assert_eq!(count(&home, "li.row"), 0);
    assert!(squash(section(&home, "In effect").unwrap()).contains("5 more in effect in the archive"));
}

#[test]
fn an_improvement_naming_a_missing_notice_gets_the_nearest_slug() {
    let site = TestSite::new();
    site.write("content/notices/invoice-layout.md", GOOD_NOTICE);
    site.write("content/notices/other-change.md", GOOD_NOTICE);
    let improvement =
        |notice: &str| format!("---\ntitle: Done\ndate: 2026-10-01\nstatus: shipped\nnotice: {notice}\n---\nBody.\n");
    site.write("content/improvements/a.md", &improvement("invoice-layuot"));
    site.write("content/improvements/b.md", &improvement("other-chnage"));
    let run = site.build();
    expect_error(
        &run,
        &[
            "content/improvements/a.md:5:",
            "no notice has the slug `invoice-layuot`",
            "did you mean `invoice-layout`?",
            "content/improvements/b.md:5:",
            "did you mean `other-change`?",
        ],
    );
}

/// `RenderOptions::inject` (for embedders of the library) lands once, just
/// before `</body>`, on list pages (rendered into a buffer sized from their
/// cards) and on notice pages alike, and never in feeds.
#[test]
fn injected_html_goes_just_before_the_closing_body_tag() {
    use forewarn::build::{Now, Options, load};
    use forewarn::output::Staging;
    use forewarn::render::{RenderOptions, Renderer};
    let site = TestSite::fixture("build-full");
    let opts = Options {
        root: site.path().to_path_buf(),
        now: Now::AsOf("2026-11-23T00:00:00Z".into()),
        ..Default::default()
    };
    let Ok(checked) = load(&opts) else { panic!("the fixture loads") };
    let renderer = Renderer::new(&opts.root, &checked.site.config).expect("the theme compiles");
    let out = site.path().join("public");
    let staging = Staging::begin(&out, &[]).expect("a staging folder");
    let options = RenderOptions { inject: Some("<!--INJECTED-->".into()) };
    renderer.render_site(&checked.site, &staging, &options).expect("the site renders");
    staging.commit().expect("the site is published");
    for page in ["index.html", "notices/index.html", "areas/api/index.html", "notices/dark-mode/index.html"] {
        let html = std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert_eq!(html.matches("<!--INJECTED-->").count(), 1, "{page}");
        assert!(html.contains("<!--INJECTED--></body>"), "{page}");
    }
    let feed = std::fs::read_to_string(out.join("feed.xml")).expect("feed.xml");
    assert!(!feed.contains("INJECTED"));
}
