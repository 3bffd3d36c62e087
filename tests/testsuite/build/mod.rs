//! `forewarn build`: the whole notice site from markdown.
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

mod aliases_and_slugs;
mod cli;
mod content_files;
mod errors;
mod json_and_sitemap;
mod lists;
mod notice_page;
mod output_folder;
mod reproducibility;
mod sample_site;
mod themes;

use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use crate::support::{GOOD_NOTICE, Run, TestSite, files, page, sel, shared};
use scraper::{ElementRef, Html};
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
    shared(&SHARED, || TestSite::fixture("build-full"))
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
    let mut child = site.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn forewarn");
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
