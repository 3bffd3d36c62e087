//! The harness itself works: a minimal site builds.

use crate::support::{GOOD_NOTICE, TestSite};

#[test]
fn minimal_site_builds() {
    let site = TestSite::new();
    site.write("content/notices/invoice-layout.md", GOOD_NOTICE);
    let run = site.build();
    run.expect(0);
    assert!(run.stdout.contains("Built 1 notice,"), "{}", run.all());
    let page = site.output("notices/invoice-layout/index.html");
    assert!(page.contains("Invoices get a new layout"));
    assert!(page.contains("Clearer totals."));
}
