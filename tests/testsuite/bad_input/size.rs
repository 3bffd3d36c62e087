//! Files over the size limit, and sites with very many notices.

use super::*;

// -------------------------------------------------------------------- size

/// GOOD_NOTICE padded with paragraphs to at least `bytes`.
fn big_notice(bytes: usize) -> String {
    let para = "Every word of this paragraph is here to make the file large, nothing more and nothing less.\n\n";
    let mut text = String::with_capacity(bytes + para.len());
    text.push_str(GOOD_NOTICE);
    while text.len() < bytes {
        text.push_str(para);
    }
    text
}

#[test]
fn a_20_mb_notice_is_refused_quickly_with_the_size_limit() {
    let site = notice_site(&big_notice(20 * 1000 * 1000));
    let start = Instant::now();
    let run = site.build();
    refused(&run, 2, BAD, &["MB, over the", "limit", "`max_file_size`"]);
    assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
    assert!(!site.has_output("index.html"));
}

#[test]
fn max_file_size_in_the_config_moves_the_limit() {
    let text = big_notice(3000);
    let site = notice_site(&text);
    site.write("forewarn.toml", "max_file_size = 2000\n");
    refused(&site.check(), 2, BAD, &["limit", "`max_file_size`"]);
    site.write("forewarn.toml", "max_file_size = 4000\n");
    site.check().expect(0);
    // The default (5 MiB) accepts a 4 MB notice.
    let site = notice_site(&big_notice(4 * 1000 * 1000));
    site.check().expect(0);
}

#[test]
fn the_size_message_shows_readable_sizes() {
    let site = notice_site(&big_notice(3000));
    site.write("forewarn.toml", "max_file_size = 2000\n");
    let run = site.check();
    refused(&run, 2, BAD, &["limit"]);
    assert!(!run.stderr.contains("0.0 MB"), "{}", run.all());
}

#[test]
fn a_bad_max_file_size_is_a_config_error() {
    let site = notice_site(GOOD_NOTICE);
    site.write("forewarn.toml", "max_file_size = \"5 MB\"\n");
    refused(&site.check(), 2, "forewarn.toml:1:17", &["`max_file_size` must be a whole number"]);
}

/// The 50,000-notice site: tiny low-impact notices that pass the checklist.
fn many_notices(n: usize) -> TestSite {
    let site = TestSite::new();
    site.write("forewarn.toml", "feedback = \"mailto:a@example.com\"\n[checklist.levels]\nsupport-prep = \"allow\"\n");
    let dir = site.path().join("content/notices");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        std::fs::write(
            dir.join(format!("n{i}.md")),
            format!(
                "+++\ntitle = \"Notice {i}\"\npublished = 2026-10-01\neffective = 2027-01-20\nimpact = \"low\"\naudience = [\"Everyone\"]\n+++\n\nWe change a small thing number {i} in the product and it affects nobody in any way that you would notice at all.\n"
            ),
        )
        .unwrap();
    }
    site
}

#[test]
#[ignore = "slow: 50,000 notices take minutes in a debug build; run `cargo test --release --test testsuite -- --ignored fifty`"]
fn fifty_thousand_tiny_notices_build() {
    // Peak memory is measured outside the test (see docs/robustness.md):
    // `/usr/bin/time -v forewarn build` on the same site.
    let site = many_notices(50_000);
    let start = Instant::now();
    let run = site.run(&["build", "--quiet"]);
    run.expect(0);
    eprintln!("50,000 notices built in {:?}", start.elapsed());
    assert!(site.has_output("notices/n49999/index.html"));
    let json: serde_json::Value = serde_json::from_str(&site.output("notices.json")).unwrap();
    assert_eq!(json["notices"].as_array().unwrap().len(), 50_000);
}

#[test]
fn a_thousand_tiny_notices_build() {
    // The fast stand-in for the 50,000-notice case.
    let site = many_notices(1_000);
    site.run(&["build", "--quiet"]).expect(0);
    assert!(site.has_output("notices/n999/index.html"));
}
