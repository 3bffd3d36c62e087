//! `forewarn init` and the summary line of `build`.

use super::*;

#[test]
fn init_creates_a_site_that_builds_and_passes_the_checklist() {
    let site = TestSite::new();
    let run = site.run(&["init", "."]);
    run.expect(0);
    assert!(site.path().join("forewarn.toml").is_file());
    let notices = files(&site.path().join("content/notices"));
    let improvements = files(&site.path().join("content/improvements"));
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
    assert_eq!(files(&site.path().join("content")).len(), 1);
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
