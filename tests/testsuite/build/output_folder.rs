//! The output folder: what is refused, what is replaced, and what a failed build leaves.

use super::*;

#[test]
fn a_foreign_output_folder_is_refused_and_left_untouched() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.write("public/my-notes.txt", "precious");
    site.write("public/sub/data.bin", "also precious");
    let before = files(&site.path().join("public"));
    let run = site.build();
    let shown = site.path().join("public").display().to_string();
    expect_error(&run, &[&shown, ".forewarn-output"]);
    assert_eq!(files(&site.path().join("public")), before);
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
    let before = files(&site.path().join("public"));
    let entries = root_entries(&site);
    // An input error.
    let path = site.path().join("content/notices/dark-mode.md");
    let good = std::fs::read_to_string(&path).unwrap();
    site.write("content/notices/dark-mode.md", &good.replacen("+++\n", "+++\nimpcat = \"low\"\n", 1));
    site.run(&["build", "--as-of", "2027-06-01"]).expect(2);
    assert_eq!(files(&site.path().join("public")), before, "an input error changed public/");
    assert_eq!(root_entries(&site), entries);
    // A checklist deny.
    site.write("content/notices/dark-mode.md", &good.replace("audience = [\"Everyone\"]\n", ""));
    let run = site.run(&["build", "--as-of", "2027-06-01"]);
    run.expect(1);
    assert!(run.stderr.contains("audience"), "{}", run.all());
    assert_eq!(files(&site.path().join("public")), before, "a denied build changed public/");
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
    assert_eq!(files(&site.path().join("content")).len(), 1);
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
