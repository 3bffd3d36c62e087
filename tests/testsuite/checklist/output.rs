//! Output: rustc-style, JSON, GitHub annotations, summary, exit statuses.

use super::*;

/// A site with problems in several files: two notices and an improvement.
fn messy() -> TestSite {
    let site = TestSite::new();
    // b.md: audience missing (1:1), workaround blank (line 8), support missing (warn, 1:1).
    let b = set(&set(&set(GOOD_NOTICE, "audience", ""), "workaround", "workaround = \"\""), "support", "");
    site.write("content/notices/b.md", &b);
    // a.md: too late (4:13), benefits missing (warn).
    let a = set(&set(GOOD_NOTICE, "effective", "effective = 2026-10-15T09:00:00Z"), "benefits", "");
    site.write("content/notices/a.md", &a);
    // An improvement without a feedback source (warn, 1:1).
    site.write(
        "content/improvements/dark-mode.md",
        "+++\ntitle = \"Dark mode\"\ndate = 2026-11-02\nstatus = \"shipped\"\n+++\n\nYou asked for it.\n",
    );
    site
}

#[test]
fn human_output_looks_like_rustc() {
    let site = TestSite::fixture("check-advance-notice/fires");
    let run = site.check();
    run.expect(1);
    let expected = "deny[advance-notice]: high-impact change announced 14 days ahead; needs 90
 --> content/notices/late.md:4:13
  |
4 | effective = 2027-01-15T09:00:00Z
  |             ^^^^^^^^^^^^^^^^^^^^
  |
  = help: move `effective` to 2027-04-01T09:00 or later, or give an `emergency` reason
";
    assert!(run.stderr.contains(expected), "expected\n{expected}\nin\n{}", run.all());
    assert!(
        run.stderr.trim_end().ends_with("1 notice checked: 1 denied, 0 with warnings only; 1 deny, 0 warnings"),
        "{}",
        run.all()
    );
    assert_eq!(run.stdout, "", "diagnostics go to stderr");
}

#[test]
fn the_underline_sits_under_the_value() {
    let site = TestSite::fixture("check-workaround/fires");
    let run = site.check();
    run.expect(1);
    let lines: Vec<&str> = run.stderr.lines().collect();
    let src = lines.iter().position(|l| l.ends_with("workaround = \"\"")).expect("source line shown");
    let carets = lines[src + 1];
    let value_at = lines[src].find("\"\"").unwrap();
    assert_eq!(carets.find('^'), Some(value_at), "\n{}\n{}", lines[src], carets);
    assert_eq!(carets.trim_start_matches(|c| c != '^'), "^^");
    assert!(lines[src].starts_with("9 | "), "{}", lines[src]);
}

#[test]

fn the_underline_stops_at_a_trailing_comment() {
    let text = set(GOOD_NOTICE, "effective", "effective = 2026-10-20T09:00:00Z    # after the release");
    let run = site_with(&text).check();
    run.expect(1);
    let lines: Vec<&str> = run.stderr.lines().collect();
    let src = lines.iter().position(|l| l.ends_with("# after the release")).expect("source line shown");
    assert_eq!(
        lines[src + 1].trim_start_matches(|c| c != '^'),
        "^".repeat("2026-10-20T09:00:00Z".len()),
        "{}",
        run.stderr
    );
}

#[test]
fn all_problems_of_all_files_sorted_by_file_and_line() {
    let site = messy();
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    let got: Vec<(&str, &str, Option<u64>)> =
        diags.iter().map(|d| (d.file.as_str(), d.rule.as_str(), d.line)).collect();
    assert_eq!(
        got,
        [
            ("content/improvements/dark-mode.md", "improvement-feedback", Some(1)),
            ("content/notices/a.md", "benefits", Some(1)),
            ("content/notices/a.md", "advance-notice", Some(4)),
            ("content/notices/b.md", "audience", Some(1)),
            ("content/notices/b.md", "support-prep", Some(1)),
            ("content/notices/b.md", "workaround", Some(8)),
        ]
    );
    // The human output has the same problems in the same order.
    let run = site.check();
    run.expect(1);
    let arrows: Vec<String> = run
        .stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .map(|l| l.rsplit_once(':').unwrap().0.to_string())
        .collect();
    let expected: Vec<String> = diags.iter().map(|d| format!("{}:{}", d.file, d.line.unwrap())).collect();
    assert_eq!(arrows, expected);
}

#[test]
fn summary_counts_denied_notices_and_warnings() {
    let run = messy().check();
    run.expect(1);
    // a.md and b.md have denies (3 in all); the improvement only a warning;
    // 3 warnings (benefits, support-prep, improvement-feedback).
    assert_eq!(
        run.stderr.lines().last(),
        Some("2 notices and 1 improvement checked: 2 denied, 1 with warnings only; 3 denies, 3 warnings")
    );
    let site = TestSite::fixture("check-benefits/fires");
    let run = site.check();
    run.expect(0);
    assert_eq!(
        run.stderr.lines().last(),
        Some("1 notice checked: 0 denied, 1 with warnings only; 0 denies, 1 warning")
    );
    // Many denies in one notice count it once.
    let site = site_with(&set(&set(&set(GOOD_NOTICE, "audience", ""), "workaround", ""), "feedback", ""));
    let run = site.check();
    run.expect(1);
    assert_eq!(
        run.stderr.lines().last(),
        Some("1 notice checked: 1 denied, 0 with warnings only; 3 denies, 0 warnings")
    );
    let site = TestSite::fixture("check-improvement-feedback/clean");
    let run = site.check();
    run.expect(0);
    assert_eq!(
        run.stderr.lines().last(),
        Some("0 notices and 1 improvement checked: 0 denied, 0 with warnings only; 0 denies, 0 warnings")
    );
}

#[test]
fn quiet_prints_the_summary_only_when_denied() {
    let run = TestSite::fixture("check-audience/clean").run(&["--quiet", "check"]);
    run.expect(0);
    assert_eq!(run.stderr, "", "{}", run.all());
    let run = TestSite::fixture("check-audience/fires").run(&["--quiet", "check"]);
    run.expect(1);
    assert!(run.stderr.contains("deny[audience]"), "{}", run.all());
    assert!(
        run.stderr.contains("1 notice checked: 1 denied, 0 with warnings only; 1 deny, 0 warnings"),
        "{}",
        run.all()
    );
}

#[test]
fn github_annotations() {
    let run = messy().run(&["check", "--format", "github"]);
    run.expect(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 6, "one line per problem\n{}", run.all());
    assert!(lines.iter().all(|l| l.starts_with("::error ") || l.starts_with("::warning ")), "{}", run.all());
    assert!(
            lines.contains(
                &"::error file=content/notices/a.md,line=4,col=13,title=deny[advance-notice]::medium-impact change announced 14 days ahead; needs 30%0Ahelp: move `effective` to 2026-11-02T00:00 or later, or give an `emergency` reason"
            ),
            "{}",
            run.all()
        );
    assert!(
            lines.iter().any(|l| l.starts_with(
                "::warning file=content/improvements/dark-mode.md,line=1,col=1,title=warning[improvement-feedback]::the entry does not name the feedback it answers"
            )),
            "{}",
            run.all()
        );
    // A warning-only site exits 0.
    let run = TestSite::fixture("check-quiet-period/fires").run(&["check", "--format", "github"]);
    run.expect(0);
    assert!(
        run.stdout
            .starts_with("::warning file=content/notices/reminder-time.md,line=4,col=13,title=warning[quiet-period]::"),
        "{}",
        run.all()
    );
    // Without a position (withdrawn-silently) there is no line.
    let run = TestSite::fixture("check-withdrawn-silently/fires").run(&[
        "check",
        "--format",
        "github",
        "--against",
        "previous/notices.json",
    ]);
    run.expect(0);
    assert!(
        run.stdout.starts_with("::warning file=previous/notices.json,title=warning[withdrawn-silently]::"),
        "{}",
        run.all()
    );
}

#[test]
fn json_of_a_clean_site_is_an_empty_array() {
    let run = TestSite::fixture("check-audience/clean").run(&["check", "--format", "json"]);
    run.expect(0);
    assert_eq!(serde_json::from_str::<Value>(&run.stdout).unwrap(), Value::Array(vec![]));
}

#[test]
fn bad_toml_in_a_notice_is_exit_2() {
    let site = TestSite::fixture("check-audience/fires");
    site.write("content/notices/broken.md", "+++\ntitle = \"Broken\"\nimpact = high\n+++\n\nBody.\n");
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 2);
    assert_eq!(diags.len(), 1, "input problems stop the checklist: {diags:#?}");
    let d = &diags[0];
    assert_eq!(
        (d.rule.as_str(), d.level.as_str(), d.file.as_str()),
        ("front-matter", "error", "content/notices/broken.md")
    );
    assert_eq!(d.line, Some(3));
    let run = site.check();
    run.expect(2);
    assert!(run.stderr.contains("error[front-matter]: invalid TOML front matter"), "{}", run.all());
    assert!(run.stderr.contains("--> content/notices/broken.md:3:"), "{}", run.all());
    let run = site.run(&["check", "--format", "github"]);
    run.expect(2);
    assert!(run.stdout.starts_with("::error file=content/notices/broken.md,line=3,"), "{}", run.all());
}

#[test]
fn other_unreadable_input_is_exit_2() {
    // Bad TOML in the config.
    let site = TestSite::fixture("check-audience/clean");
    site.write("forewarn.toml", "[checklist.levels\naudience = \"warn\"\n");
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 2);
    assert_eq!((diags[0].rule.as_str(), diags[0].file.as_str(), diags[0].line), ("config", "forewarn.toml", Some(1)));
    // Not UTF-8.
    let site = TestSite::fixture("check-audience/clean");
    site.write_bytes("content/notices/latin1.md", b"+++\ntitle = \"Caf\xe9\"\n+++\n");
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 2);
    assert_eq!((diags[0].file.as_str(), diags[0].line), ("content/notices/latin1.md", Some(2)));
    // No content folder.
    let (code, _) = check(&TestSite::new(), &[]);
    assert_eq!(code, 2);
    // A required key missing (the schema, not the checklist).
    let site = site_with(&set(GOOD_NOTICE, "effective", ""));
    let run = site.check();
    run.expect(2);
    assert!(run.stderr.contains("effective"), "{}", run.all());
}

#[test]
fn build_refuses_to_publish_when_a_deny_fires() {
    let site = TestSite::fixture("check-audience/clean");
    site.build().expect(0);
    let before = files(&site.path().join("public"));
    assert!(!before.is_empty());
    site.write("content/notices/invoice-layout.md", &set(GOOD_NOTICE, "audience", ""));
    let run = site.build();
    run.expect(1);
    assert!(run.stderr.contains("deny[audience]: the notice does not say who is affected"), "{}", run.all());
    assert!(
        run.stderr.contains("1 notice checked: 1 denied, 0 with warnings only; 1 deny, 0 warnings"),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("nothing was published"), "{}", run.all());
    assert!(!run.stdout.contains("Built"), "{}", run.all());
    assert_eq!(files(&site.path().join("public")), before, "the old site is byte-identical");
    // Nothing is left beside it either (no staging folder).
    let entries: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut entries = entries;
    entries.sort();
    assert_eq!(entries, ["content", "public"]);
}

#[test]
fn build_refuses_on_a_first_build_too() {
    let site = TestSite::fixture("check-audience/fires");
    site.build().expect(1);
    assert!(!site.path().join("public").exists());
}

#[test]
fn build_publishes_with_warnings_and_shows_them() {
    let site = TestSite::fixture("check-quiet-period/fires");
    let run = site.build();
    run.expect(0);
    assert!(run.stderr.contains("warning[quiet-period]"), "{}", run.all());
    assert!(run.stdout.contains("Built 1 notice"), "{}", run.all());
    assert!(site.has_output("notices/reminder-time/index.html"));
}

#[test]
fn no_build_flag_skips_a_deny() {
    let site = TestSite::fixture("check-audience/fires");
    for flag in ["--force", "--no-check", "--allow-deny", "--skip-checks"] {
        let run = site.run(&["build", flag]);
        run.expect(2);
        assert!(!site.path().join("public").exists(), "{flag}");
    }
    // --drafts, --as-of and --out do not skip it either.
    for args in [&["build", "--drafts"][..], &["build", "--as-of", "2030-01-01"], &["build", "--out", "elsewhere"]] {
        site.run(args).expect(1);
    }
    assert!(!site.path().join("elsewhere").exists());
}

#[test]

fn the_readme_example_is_real() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start =
        readme.find("deny[advance-notice]: high-impact change announced 14 days ahead").expect("example in README");
    let block = &readme[start..];
    let block = &block[..block.find("```").unwrap()];
    let run = TestSite::fixture("check-advance-notice/fires").check();
    assert!(run.stderr.contains(block), "README example\n{block}\nnot in real output\n{}", run.stderr);
}
