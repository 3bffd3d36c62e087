//! Links, permissions, missing folders and output paths that cannot be used.

use super::*;

// ---------------------------------------------------- links and permissions

#[test]
fn a_symlink_loop_is_reported_and_does_not_hang() {
    let site = notice_site(GOOD_NOTICE);
    std::os::unix::fs::symlink("..", site.path().join("content/notices/loop")).unwrap();
    let start = Instant::now();
    let run = site.check();
    refused(&run, 2, "content/notices/loop", &["loops back", "remove the link"]);
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_symlink_pointing_outside_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), GOOD_NOTICE).unwrap();
    let site = notice_site(GOOD_NOTICE);
    std::os::unix::fs::symlink(outside.path().join("secret.md"), site.path().join("content/notices/linked.md"))
        .unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path().join("content/notices/linked-dir")).unwrap();
    let run = site.check();
    refused(&run, 2, "content/notices/linked.md", &["points outside the site", "copy the file"]);
    refused(&run, 2, "content/notices/linked-dir/secret.md", &["points outside the site"]);
}

#[test]
fn a_symlink_in_static_pointing_outside_the_site_is_refused() {
    // content/ refuses such links; static/ must too, or a pull request adding
    // `static/env.txt -> /proc/self/environ` publishes the CI's secrets.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOKEN=hunter2").unwrap();
    let site = notice_site(GOOD_NOTICE);
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), site.path().join("static/leak.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path().join("static/dir")).unwrap();
    let run = site.build();
    assert!(!site.has_output("leak.txt") && !site.has_output("dir/secret.txt"), "the secret was published");
    refused(&run, 2, "static/leak.txt", &["points outside the site"]);
}

#[test]
fn a_symlink_inside_the_site_is_followed() {
    let site = TestSite::new();
    site.write("drafts/shared.md", GOOD_NOTICE);
    std::fs::create_dir_all(site.path().join("content/notices")).unwrap();
    std::os::unix::fs::symlink(site.path().join("drafts/shared.md"), site.path().join("content/notices/shared.md"))
        .unwrap();
    site.check().expect(0);
}

#[test]
fn a_dangling_symlink_is_reported() {
    let site = notice_site(GOOD_NOTICE);
    std::os::unix::fs::symlink("nowhere.md", site.path().join("content/notices/gone.md")).unwrap();
    refused(&site.check(), 2, "content/notices/gone.md", &["cannot read"]);
}

#[test]
fn an_unreadable_file_is_reported() {
    if !permissions_bite() {
        eprintln!("note: skipped: running with permissions that ignore chmod 000 (root?)");
        return;
    }
    let site = notice_site(GOOD_NOTICE);
    site.write("content/notices/locked.md", GOOD_NOTICE);
    let locked = site.path().join("content/notices/locked.md");
    chmod(&locked, 0o000);
    let run = site.check();
    chmod(&locked, 0o644);
    refused(&run, 2, "content/notices/locked.md", &["cannot read", "permission"]);
}

#[test]
fn an_unreadable_folder_is_reported() {
    if !permissions_bite() {
        eprintln!("note: skipped: running with permissions that ignore chmod 000 (root?)");
        return;
    }
    let site = notice_site(GOOD_NOTICE);
    site.write("content/notices/locked/index.md", GOOD_NOTICE);
    let locked = site.path().join("content/notices/locked");
    chmod(&locked, 0o000);
    let run = site.check();
    chmod(&locked, 0o755);
    refused(&run, 2, "content/notices/locked", &["cannot read"]);
}

// ---------------------------------------------------------------- folders

#[test]
fn a_missing_content_folder() {
    let site = TestSite::new();
    site.write("forewarn.toml", "title = \"Acme\"\n");
    refused(&site.build(), 2, "content", &["no content folder", "forewarn init"]);
    assert!(!site.path().join("public").exists());
}

#[test]
fn content_that_is_a_file() {
    let site = TestSite::new();
    site.write("content", "not a folder");
    refused(&site.check(), 2, "content", &["no content folder"]);
}

#[test]
fn an_output_path_that_is_a_file() {
    let site = notice_site(GOOD_NOTICE);
    site.write("public", "keep me");
    refused(&site.build(), 2, "public", &["is a file, not a folder", "--out"]);
    assert_eq!(std::fs::read_to_string(site.path().join("public")).unwrap(), "keep me");
}

#[test]
fn an_output_path_inside_content() {
    let site = notice_site(GOOD_NOTICE);
    let before = snapshot(&site.path().join("content"));
    let mut t = Table::default();
    for out in ["content/public", "content", "content/notices/x", "."] {
        t.case(out, &site.run(&["build", "--out", out]), 2, "", &["inside the site's sources", "outside content/"]);
    }
    site.write("forewarn.toml", "output_dir = \"content/site\"\n");
    t.case("output_dir", &site.build(), 2, "content/site", &["inside the site's sources"]);
    t.finish();
    assert_eq!(snapshot(&site.path().join("content")), before, "content/ changed");
}

#[test]
fn an_output_path_that_is_a_symlink_says_so() {
    let site = notice_site(GOOD_NOTICE);
    std::fs::create_dir_all(site.path().join("deploy")).unwrap();
    std::os::unix::fs::symlink("deploy", site.path().join("public")).unwrap();
    let run = site.build();
    // Refusing is fine (a swap would replace the link, not its target); the
    // message must say what the path is.
    refused(&run, 2, "public", &["symbolic link"]);
    assert!(!run.stderr.contains("is a file"), "{}", run.all());
}

#[test]
fn an_output_folder_with_foreign_files_is_refused_and_left_intact() {
    let site = notice_site(GOOD_NOTICE);
    site.write("public/index.html", "<p>the vendor's hand-made page</p>");
    site.write("public/assets/logo.svg", "<svg/>");
    let before = snapshot(&site.path().join("public"));
    refused(&site.build(), 2, "public", &["not written by forewarn", "never deletes files it did not write"]);
    assert_eq!(snapshot(&site.path().join("public")), before);
    assert!(!site.path().join("public/.forewarn-output").exists());
}
