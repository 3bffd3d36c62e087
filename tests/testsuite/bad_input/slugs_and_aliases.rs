//! Slugs that are not slugs, duplicates, and aliases that clash or leave the site.

use super::*;

// ------------------------------------------------------------------- slugs

#[test]
fn slug_keys_outside_a_z_0_9_and_hyphens() {
    let mut t = Table::default();
    for (slug, hint) in [
        ("../../etc", "write `slug = \"etc\"`"),
        ("a/b", "write `slug = \"a-b\"`"),
        ("Upper-Case", "write `slug = \"upper-case\"`"),
        ("café-crème", "write `slug = \"cafe-creme\"`"),
        ("日本語", "slug"),
        ("", "slug"),
        ("a--b", "write `slug = \"a-b\"`"),
    ] {
        let text = notice(&[&format!("slug = \"{slug}\"")]);
        let run = notice_site(&text).check();
        t.case(
            slug,
            &run,
            2,
            &after(BAD, &text, "slug = "),
            &["`slug` must use only a-z, 0-9 and single hyphens", hint],
        );
    }
    t.finish();
}

#[test]
fn the_slug_hint_is_never_an_invalid_slug() {
    let mut t = Table::default();
    for slug in ["日本語", "", "---", "😀"] {
        let text = notice(&[&format!("slug = \"{slug}\"")]);
        let run = notice_site(&text).check();
        t.case(slug, &run, 2, &after(BAD, &text, "slug = "), &["slug"]);
        if run.stderr.contains("write `slug = \"\"`") {
            t.0.push(format!("── {slug:?}: the hint suggests an empty slug\n{}", run.all()));
        }
    }
    t.finish();
}

#[test]
fn file_names_that_are_not_slugs() {
    let mut t = Table::default();
    for (name, hint) in [
        ("Big Change.md", "rename it to `big-change`"),
        ("Über.md", "rename it to `uber`"),
        ("日本.md", "rename it to `ri-ben`"),
    ] {
        let rel = format!("content/notices/{name}");
        let run = site_with(&rel, GOOD_NOTICE).check();
        t.case(name, &run, 2, &rel, &["cannot be a URL slug", hint]);
    }
    // A `slug` key makes any file name fine.
    let run = site_with("content/notices/Big Change.md", &notice(&["slug = \"big-change\""])).check();
    if run.code != 0 {
        t.0.push(format!("── a slug key should rescue the file name\n{}", run.all()));
    }
    t.finish();
}

#[test]
fn duplicate_slugs_name_both_files() {
    let site = notice_site(GOOD_NOTICE);
    site.write("content/notices/other.md", &notice(&["slug = \"bad\""]));
    refused(
        &site.check(),
        2,
        "content/notices/other.md",
        &["two notices have the slug `bad`", "content/notices/bad.md", "help:"],
    );
    // A folder notice and a file notice with the same name collide too.
    let site = notice_site(GOOD_NOTICE);
    site.write("content/notices/bad/index.md", GOOD_NOTICE);
    refused(&site.check(), 2, "content/notices/", &["two notices have the slug `bad`"]);
}

#[test]
fn a_duplicate_slug_key_names_its_line() {
    let site = notice_site(GOOD_NOTICE);
    let text = notice(&["slug = \"bad\""]);
    site.write("content/notices/other.md", &text);
    refused(&site.check(), 2, &after("content/notices/other.md", &text, "slug = "), &["`bad`"]);
}

// ----------------------------------------------------------------- aliases

#[test]
fn two_aliases_claiming_one_path() {
    let site = notice_site(&notice(&["aliases = [\"/2026/old-layout/\"]"]));
    let text = notice(&["aliases = [\"/2026/old-layout\"]"]);
    site.write("content/notices/second.md", &text);
    refused(
        &site.check(),
        2,
        &after("content/notices/second.md", &text, "aliases = "),
        &["alias `/2026/old-layout` would overwrite the alias `/2026/old-layout/` of content/notices/bad.md"],
    );
}

#[test]
fn an_alias_equal_to_a_notice_path() {
    let mut t = Table::default();
    // Another notice's page.
    let site = notice_site(GOOD_NOTICE);
    let text = notice(&["aliases = [\"/notices/bad/\"]"]);
    site.write("content/notices/second.md", &text);
    t.case(
        "another notice",
        &site.check(),
        2,
        &after("content/notices/second.md", &text, "aliases = "),
        &["would overwrite the notice content/notices/bad.md"],
    );
    // Its own page.
    let text = notice(&["aliases = [\"/notices/bad/index.html\"]"]);
    t.case("itself", &notice_site(&text).check(), 2, &after(BAD, &text, "aliases = "), &["would overwrite the notice"]);
    // A page forewarn writes.
    let text = notice(&["aliases = [\"/feed.xml\"]"]);
    t.case("feed.xml", &notice_site(&text).check(), 2, &after(BAD, &text, "aliases = "), &["would overwrite"]);
    t.finish();
}

#[test]
fn aliases_that_would_leave_the_site() {
    let mut t = Table::default();
    for alias in ["/../../etc/passwd", "relative/path/", "/a/./../../b/", "/a\\\\b/", "/x?y", "/.git/config", "/"] {
        let text = notice(&[&format!("aliases = [\"{alias}\"]")]);
        let run = notice_site(&text).check();
        t.case(alias, &run, 2, &after(BAD, &text, "aliases = "), &["is not a safe site path"]);
    }
    t.finish();
}

#[test]
fn an_alias_onto_any_generated_file_is_an_error() {
    let mut t = Table::default();
    for alias in ["/notices/bad/event.ics", "/newsletter/latest.html", "/feed.xml/", "/index.html/x/", "/notices.json/"]
    {
        let text = notice(&[&format!("aliases = [\"{alias}\"]")]);
        let site = notice_site(&text);
        let run = site.build();
        t.case(alias, &run, 2, &after(BAD, &text, "aliases = "), &[&format!("alias `{alias}`")]);
        assert!(!site.has_output("index.html"), "{alias}: nothing is published");
    }
    t.finish();
}

#[test]
fn an_alias_too_long_for_the_file_system_is_a_content_error() {
    let text = notice(&[&format!("aliases = [\"/{}/\"]", "a".repeat(300))]);
    let run = notice_site(&text).check();
    refused(&run, 2, &after(BAD, &text, "aliases = "), &["alias"]);
}
