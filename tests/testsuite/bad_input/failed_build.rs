//! A failed build, however it fails, leaves the published site byte-identical.

use super::*;

// ------------------------------------------ a failed build keeps the last site

/// Builds `site` once (the "published" site), returns the snapshot of
/// `public/`.
fn publish(site: &TestSite) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    site.build().expect(0);
    let snap = snapshot(&site.path().join("public"));
    assert!(snap.contains_key(Path::new("notices/bad/index.html")));
    snap
}

/// A change that alters every page (so every file would be rewritten).
fn change_content(site: &TestSite) {
    site.write(BAD, &notice(&["title = \"Invoices get a NEW layout\""]));
    site.write("content/notices/second.md", &notice(&["title = \"A second notice\""]));
}

#[test]
fn a_content_error_leaves_the_published_site_byte_identical() {
    let site = notice_site(GOOD_NOTICE);
    site.build().expect(0);
    change_content(&site);
    let before = publish(&site); // staging now holds the previous generation
    site.write(BAD, &notice(&["impact = \"critical\""]));
    refused(&site.build(), 2, BAD, &["`impact` cannot be `critical`"]);
    assert_eq!(snapshot(&site.path().join("public")), before);
    // And a checklist denial.
    site.write(BAD, &notice_without(&["audience = "]));
    site.build().expect(1);
    assert_eq!(snapshot(&site.path().join("public")), before);
}

#[test]
fn a_template_error_leaves_the_published_site_byte_identical() {
    let site = notice_site(GOOD_NOTICE);
    let before = publish(&site);
    change_content(&site);
    site.write("templates/card.html", "{{ notice.title | nope( }}\n");
    site.build().expect(2);
    assert_eq!(snapshot(&site.path().join("public")), before);
}

#[test]
fn a_write_failure_leaves_the_published_site_byte_identical() {
    // RLIMIT_FSIZE makes every write past 4 KiB fail with EFBIG, for root
    // too; with SIGXFSZ ignored the write returns an error instead of
    // killing the process. Pages are larger than 4 KiB, so the build fails
    // halfway through writing its staging folder.
    let site = notice_site(GOOD_NOTICE);
    site.build().expect(0);
    change_content(&site);
    let before = publish(&site);
    site.write(BAD, &notice(&["title = \"A third title\""]));
    let run = run_in_shell(&site, "trap '' XFSZ; ulimit -f 4", &["build"]);
    refused(&run, 2, "", &["cannot write", "File too large"]);
    assert_eq!(snapshot(&site.path().join("public")), before, "the published site changed");
    // The next build, with room to write, publishes the new content.
    site.build().expect(0);
    assert!(site.output("notices/bad/index.html").contains("A third title"));
}

#[test]
fn a_build_killed_while_writing_leaves_the_published_site_byte_identical() {
    // Without the trap, the first write past the limit kills the process
    // (SIGXFSZ): a crash in the middle of writing, like a power cut.
    let site = notice_site(GOOD_NOTICE);
    site.build().expect(0);
    change_content(&site);
    let before = publish(&site);
    site.write(BAD, &notice(&["title = \"A third title\""]));
    let run = run_in_shell(&site, "ulimit -f 4", &["build"]);
    assert_ne!(run.code, 0, "the build should not have succeeded\n{}", run.all());
    assert!(!run.stderr.contains("panicked"), "{}", run.all());
    assert_eq!(snapshot(&site.path().join("public")), before, "the published site changed");
    site.build().expect(0);
    assert!(site.output("notices/bad/index.html").contains("A third title"));
}

#[test]
fn a_read_only_staging_folder_leaves_the_published_site_byte_identical() {
    if !permissions_bite() {
        eprintln!("note: skipped: running with permissions that ignore a read-only folder (root?)");
        return;
    }
    let site = notice_site(GOOD_NOTICE);
    site.build().expect(0);
    change_content(&site);
    let before = publish(&site);
    let staging = site.path().join(".public.forewarn-staging");
    assert!(staging.is_dir(), "the staging folder keeps the previous generation");
    let dirs: Vec<PathBuf> = walk_dirs(&staging);
    for d in &dirs {
        chmod(d, 0o555);
    }
    site.write(BAD, &notice(&["title = \"A third title\""]));
    let run = site.build();
    for d in &dirs {
        chmod(d, 0o755);
    }
    refused(&run, 2, "", &["cannot write"]);
    assert_eq!(snapshot(&site.path().join("public")), before);
}

fn walk_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() && !e.path().is_symlink() {
            out.extend(walk_dirs(&e.path()));
        }
    }
    out
}

#[test]
fn a_file_where_the_staging_folder_needs_a_folder_is_coped_with() {
    // A stray file named like a staging subfolder, and a folder named like a
    // staging file: the build replaces them and publishes.
    let site = notice_site(GOOD_NOTICE);
    site.build().expect(0);
    change_content(&site);
    site.build().expect(0);
    let staging = site.path().join(".public.forewarn-staging");
    std::fs::remove_dir_all(staging.join("notices")).unwrap();
    std::fs::write(staging.join("notices"), "a file in the way").unwrap();
    std::fs::remove_file(staging.join("feed.xml")).unwrap();
    std::fs::create_dir_all(staging.join("feed.xml/inner")).unwrap();
    site.write(BAD, &notice(&["title = \"A third title\""]));
    site.build().expect(0);
    assert!(site.output("notices/bad/index.html").contains("A third title"));
    assert!(site.output("feed.xml").starts_with("<?xml"));
}
