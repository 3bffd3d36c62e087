//! Golden files (reviewed snapshots): the fixture `tests/fixtures/golden`
//! built as of 2026-11-23T00:00:00Z, compared byte for byte with the files
//! in `tests/golden/`, which hold the same paths as the output folder.
//!
//! The fixture is a site in Europe/Amsterdam with three notices and an
//! improvement. As of "now":
//!
//! | content | date (Amsterdam) | state |
//! |---|---|---|
//! | reports-migration | 2026-11-16 (bare date) | in effect |
//! | ledger-maintenance | 2026-12-12 22:00 → 2026-12-13 02:00 | upcoming, in the newsletter |
//! | invoice-layout | 2027-01-20 09:00, one update | upcoming, in the newsletter; the golden notice page |
//! | export-progress (improvement) | shipped 2026-11-10 | in "You asked, we did" |
//!
//! `support::golden` says how to update the golden files after an
//! intended change.

use std::sync::{Arc, Mutex, Weak};

use crate::support::golden::assert_golden;
use crate::support::{TestSite, files, shared};

/// Every output that has a golden file.
const GOLDEN: [&str; 6] = [
    "notices/invoice-layout/index.html",
    "feed.xml",
    "atom.xml",
    "calendar.ics",
    "newsletter/latest.html",
    "newsletter/latest.txt",
];

/// The golden fixture, built as of `NOW_EPOCH` (shared by the tests
/// running at the same time).
fn built() -> Arc<TestSite> {
    static SHARED: Mutex<Weak<TestSite>> = Mutex::new(Weak::new());
    shared(&SHARED, || TestSite::fixture("golden"))
}

#[test]
fn the_notice_page_matches_its_golden_file() {
    let site = built();
    assert_golden("notices/invoice-layout/index.html", &site.output("notices/invoice-layout/index.html"));
}

#[test]
fn the_feeds_match_their_golden_files() {
    let site = built();
    assert_golden("feed.xml", &site.output("feed.xml"));
    assert_golden("atom.xml", &site.output("atom.xml"));
}

#[test]
fn the_calendar_matches_its_golden_file() {
    let site = built();
    assert_golden("calendar.ics", &site.output("calendar.ics"));
}

#[test]
fn the_newsletter_matches_its_golden_files() {
    let site = built();
    assert_golden("newsletter/latest.html", &site.output("newsletter/latest.html"));
    assert_golden("newsletter/latest.txt", &site.output("newsletter/latest.txt"));
}

#[test]
fn the_output_depends_on_the_input_and_now_alone() {
    // "Now" given as --as-of instead of SOURCE_DATE_EPOCH, another machine
    // zone and locale, another output folder: the same bytes, every file.
    let site = built();
    let other = TestSite::fixture("golden");
    let env = [("TZ", "America/New_York"), ("LC_ALL", "de_DE.UTF-8")];
    other.run_env(&["build", "--as-of", "2026-11-23T00:00:00Z", "--out", "elsewhere"], &env).expect(0);
    let (one, two) = (files(&site.path().join("public")), files(&other.path().join("elsewhere")));
    assert_eq!(one.keys().collect::<Vec<_>>(), two.keys().collect::<Vec<_>>());
    for (path, bytes) in &one {
        assert!(two[path] == *bytes, "{} differs", path.display());
    }
    for rel in GOLDEN {
        assert!(one.contains_key(std::path::Path::new(rel)), "no {rel}");
    }
}
