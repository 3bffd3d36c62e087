//! Content files and folder notices: TOML and YAML, BOM and CRLF, markdown, assets, drafts.

use super::*;

#[test]
fn yaml_and_toml_front_matter_both_build() {
    let site = full();
    // invoice-layout.md is YAML (with a nested mapping and a list of
    // mappings); the others are TOML.
    let doc = page(&site, "notices/invoice-layout/index.html");
    assert_eq!(text(&doc, "h1"), "Invoices get a new layout");
    assert!(text(&doc, "section.data").contains("Past invoices keep their original layout."));
    let updates = texts(&doc, "section.updates li");
    assert_eq!(updates.len(), 1);
    assert!(updates[0].contains("Added the option to keep the classic layout."), "{updates:?}");
    let json = notices_json(&site);
    let yaml = record(&json, "invoice-layout");
    assert_eq!(yaml["audience"], serde_json::json!(["Administrators"]));
    assert_eq!(yaml["updates"][0]["date"], "2026-10-15T00:00:00+02:00");
    assert_eq!(yaml["data"]["disposition"], "retained");
}

#[test]
fn files_with_a_bom_and_crlf_line_ends_build() {
    let site = TestSite::new();
    let mut toml = vec![0xEF, 0xBB, 0xBF];
    toml.extend_from_slice(
        GOOD_NOTICE.replace("Invoices get a new layout", "TOML with BOM").replace('\n', "\r\n").as_bytes(),
    );
    site.write_bytes("content/notices/bom-toml.md", &toml);
    let yaml = "\u{feff}---\r\ntitle: \"YAML with BOM\"\r\npublished: 2026-10-01\r\neffective: 2027-01-20T09:00:00Z\r\nimpact: low\r\naudience: [Everyone]\r\nsupport: \"Nothing to say.\"\r\nfeedback: \"mailto:a@example.com\"\r\n---\r\n\r\nThe dashboard gets a new colour scheme that follows your system setting, and nothing else about the way it works changes for you.\r\n";
    site.write("content/notices/bom-yaml.md", yaml);
    site.build().expect(0);
    assert_eq!(text(&page(&site, "notices/bom-toml/index.html"), "h1"), "TOML with BOM");
    assert_eq!(text(&page(&site, "notices/bom-yaml/index.html"), "h1"), "YAML with BOM");
    let json = notices_json(&site);
    let rec = record(&json, "bom-toml");
    assert_eq!(rec["effective"], "2027-01-20T09:00:00+00:00");
    assert!(!rec["summary"].as_str().unwrap().contains('\r'), "{rec}");
    assert!(!rec["workaround"].as_str().unwrap().contains('\r'), "{rec}");
}

#[test]
fn bare_dates_are_midnight_in_the_site_zone() {
    let site = full();
    let json = notices_json(&site);
    assert_eq!(json["site"]["timezone"], "Europe/Amsterdam");
    // Summer and winter: the offset follows the zone's rules.
    assert_eq!(record(&json, "reports-migration")["effective"], "2026-10-01T00:00:00+02:00");
    assert_eq!(record(&json, "dark-mode")["effective"], "2027-01-25T00:00:00+01:00");
    assert_eq!(record(&json, "api-v1-retirement")["published"], "2026-07-01T00:00:00+02:00");
    // An IANA zone in brackets, the site's or another.
    assert_eq!(record(&json, "invoice-layout")["effective"], "2027-01-20T09:00:00+01:00");
    assert_eq!(record(&json, "eu-region")["effective"], "2027-02-15T15:00:00+01:00");
    // An offset and Z, converted to the site zone.
    assert_eq!(record(&json, "api-v1-retirement")["effective"], "2027-03-01T09:00:00+01:00");
    assert_eq!(record(&json, "tls-ciphers")["effective"], "2026-11-21T13:00:00+01:00");

    // The same bare date in another site zone is another instant.
    let site = TestSite::new();
    site.write("forewarn.toml", "timezone = \"America/New_York\"\n");
    site.write(
        "content/notices/n.md",
        &GOOD_NOTICE.replace("effective = 2027-01-20T09:00:00Z", "effective = 2027-01-20"),
    );
    site.build().expect(0);
    let json = notices_json(&site);
    assert_eq!(record(&json, "n")["effective"], "2027-01-20T00:00:00-05:00");
    assert_eq!(record(&json, "n")["published"], "2026-10-01T00:00:00-04:00");
}

#[test]
fn markdown_body_gets_tables_footnotes_task_lists_heading_ids_and_smart_punctuation() {
    let site = TestSite::new();
    let body = "\n## Before and after\n\n| Old | New |\n|-----|-----|\n| top | bottom |\n\n~~Gone~~ and \"quoted\" -- with a note[^1].\n\n- [x] done\n- [ ] to do\n\n[^1]: The footnote.\n";
    site.write("content/notices/md.md", &format!("{GOOD_NOTICE}{body}"));
    site.build().expect(0);
    let doc = page(&site, "notices/md/index.html");
    assert_eq!(text(&doc, ".body h2#before-and-after"), "Before and after");
    assert_eq!(texts(&doc, ".body table td"), ["top", "bottom"]);
    assert_eq!(text(&doc, ".body del"), "Gone");
    assert_eq!(count(&doc, ".body input[type=checkbox]"), 2);
    assert_eq!(count(&doc, ".body input[type=checkbox][checked]"), 1);
    let prose = text(&doc, ".body");
    assert!(prose.contains("“quoted”"), "smart quotes: {prose}");
    assert!(prose.contains('–'), "smart dash: {prose}");
    assert!(prose.contains("The footnote."), "{prose}");
}

#[test]
fn summary_key_replaces_the_first_paragraph() {
    let site = TestSite::new();
    site.write("content/notices/s.md", &notice_with("summary = \"A *short* summary.\""));
    site.write("content/notices/t.md", GOOD_NOTICE);
    site.build().expect(0);
    let json = notices_json(&site);
    assert_eq!(record(&json, "s")["summary"], "A short summary.");
    assert!(record(&json, "t")["summary"].as_str().unwrap().starts_with("Invoices will use a new layout"));
    let index = page(&site, "index.html");
    assert!(texts(&index, "article.card").iter().any(|c| c.contains("A short summary.")));
    assert_eq!(count(&index, "article.card em"), 1, "the summary is rendered as markdown");
}

#[test]
fn hidden_files_and_editor_backups_are_ignored() {
    let site = TestSite::new();
    site.write("content/notices/real.md", GOOD_NOTICE);
    for junk in [".hidden.md", ".#real.md", "#real.md#", "real.md~", ".real.md.swp", "real.md.bak", ".git/x.md"] {
        site.write(&format!("content/notices/{junk}"), "this is not front matter at all");
    }
    site.build().expect(0);
    let json = notices_json(&site);
    assert_eq!(json_slugs(&json), ["real"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_does_not_hang() {
    let site = TestSite::new();
    site.write("content/notices/real.md", GOOD_NOTICE);
    std::fs::create_dir_all(site.path().join("content/notices/loop")).unwrap();
    std::os::unix::fs::symlink("..", site.path().join("content/notices/loop/up")).unwrap();
    let run = run_with_timeout(&site, &["build"], Duration::from_secs(20));
    assert!(run.code == 0 || run.code == 2, "{}", run.all());
    assert!(!run.stderr.contains("panicked"), "{}", run.all());
    if run.code == 2 {
        assert!(run.stderr.contains("content/notices/loop"), "the loop is named\n{}", run.all());
    }
}

// ----------------------------------------------------- folder notices

#[test]
fn folder_notice_assets_are_copied_beside_the_page() {
    let site = full();
    assert!(site.has_output("notices/eu-region/index.html"));
    let svg = std::fs::read(site.path().join("public/notices/eu-region/timeline.svg")).expect("asset copied");
    assert_eq!(svg, std::fs::read(site.path().join("content/notices/eu-region/timeline.svg")).unwrap());
    let doc = page(&site, "notices/eu-region/index.html");
    assert_eq!(attr(&doc, ".body img", "src"), "/notices/eu-region/timeline.svg");
    assert_eq!(attr(&doc, ".body img", "alt"), "Migration timeline");
    assert!(!site.has_output("notices/eu-region/index.md"), "the source is not published");
}

#[test]
fn folder_notice_with_a_slug_and_nested_assets() {
    let site = TestSite::new();
    let text = format!("{}\n![Map](img/map.png) and ![Chart](./chart.svg)\n", notice_with("slug = \"eu-move\""));
    site.write("content/notices/EU Region/index.md", &text);
    site.write_bytes("content/notices/EU Region/img/map.png", &[0x89, b'P', b'N', b'G', 0, 0xff]);
    site.write("content/notices/EU Region/chart.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.write("content/notices/EU Region/.notes.md~", "editor backup");
    site.build().expect(0);
    assert_eq!(
        std::fs::read(site.path().join("public/notices/eu-move/img/map.png")).unwrap(),
        [0x89, b'P', b'N', b'G', 0, 0xff]
    );
    assert!(site.has_output("notices/eu-move/chart.svg"));
    assert!(!site.has_output("notices/eu-move/.notes.md~"), "hidden files are not assets");
    let doc = page(&site, "notices/eu-move/index.html");
    let srcs: Vec<String> = doc.select(&sel(".body img")).map(|i| i.value().attr("src").unwrap().to_string()).collect();
    assert_eq!(srcs, ["/notices/eu-move/img/map.png", "/notices/eu-move/chart.svg"]);
}

#[test]

fn folder_asset_cannot_replace_the_notice_page() {
    let site = TestSite::new();
    site.write("content/notices/layout/index.md", GOOD_NOTICE);
    site.write("content/notices/layout/index.html", "<p>not the notice</p>");
    let run = site.build();
    if run.code == 0 {
        let doc = page(&site, "notices/layout/index.html");
        assert_eq!(text(&doc, "h1"), "Invoices get a new layout", "the notice page was overwritten by an asset");
    } else {
        expect_error(&run, &["content/notices/layout/index.html"]);
    }
}

#[test]

fn nested_asset_folder_named_like_the_notice_keeps_its_path() {
    let site = TestSite::new();
    site.write("content/notices/layout/index.md", GOOD_NOTICE);
    site.write("content/notices/layout/layout/shot.txt", "nested");
    site.build().expect(0);
    assert!(site.has_output("notices/layout/layout/shot.txt"), "{:?}", site.output_files());
}

// ---------------------------------------------------------------- drafts

#[test]
fn drafts_are_left_out_of_build_unless_asked_for() {
    let site = TestSite::fixture("build-full");
    site.build().expect(0);
    assert!(!site.has_output("notices/secret-plan/index.html"));
    for rel in ["index.html", "notices/index.html", "notices.json", "sitemap.xml", "impact/low/index.html"] {
        assert!(!site.output(rel).contains("secret-plan"), "{rel} mentions the draft");
    }
    assert!(site.build().stdout.starts_with("Built 7 notices,"));

    let run = site.run(&["build", "--drafts"]);
    run.expect(0);
    assert!(run.stdout.starts_with("Built 8 notices,"), "{}", run.all());
    let doc = page(&site, "notices/secret-plan/index.html");
    assert_eq!(text(&doc, "h1"), "Secret draft plan");
    assert!(json_slugs(&notices_json(&site)).contains(&"secret-plan".to_string()));
}
