//! Input errors a build reports: file, line, column and a hint; colour only when asked.

use super::*;

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
fn a_window_that_ends_before_it_starts_is_an_error() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", &notice_with("ends = 2027-01-20T08:00:00Z"));
    expect_error(&site.build(), &["content/notices/layout.md:2:8", "`ends`"]);
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
