//! The sample site at the top of the repository builds.

use super::*;

/// `slug` and `draft` of a sample notice, read from its front matter lines
/// (TOML `key = value` or YAML `key: value`).
fn sample_notice(path: &Path, file_slug: &str) -> (String, bool) {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let fence = if text.starts_with("---") { "---" } else { "+++" };
    let fm = text.split(fence).nth(1).unwrap_or("");
    let mut slug = file_slug.to_string();
    let mut draft = false;
    for line in fm.lines() {
        let Some((key, value)) = line.split_once(['=', ':']) else { continue };
        let value = value.split(" #").next().unwrap_or("").trim().trim_matches(['"', '\'']);
        match key.trim() {
            "slug" if !line.starts_with(' ') => slug = value.to_string(),
            "draft" if !line.starts_with(' ') => draft = value == "true",
            _ => {}
        }
    }
    (slug, draft)
}

#[test]
fn the_sample_site_builds_and_every_notice_has_a_page() {
    let site = TestSite::sample();
    let run = site.run(&["build", "--as-of", "2026-11-23"]);
    run.expect(0);
    let mut published = 0;
    for e in std::fs::read_dir(site.path().join("content/notices")).unwrap().flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let (file, stem) = if p.is_dir() {
            (p.join("index.md"), name)
        } else if let Some(stem) = name.strip_suffix(".md") {
            // `name.de.md` is the German text of `name.md`, not a notice of its own.
            if stem.rsplit_once('.').is_some_and(|(_, code)| code == "de") {
                continue;
            }
            (p.clone(), stem.to_string())
        } else {
            continue;
        };
        let (slug, draft) = sample_notice(&file, &stem);
        let rel = format!("notices/{slug}/index.html");
        if draft {
            assert!(!site.has_output(&rel), "draft {slug} was published");
        } else {
            published += 1;
            assert!(site.has_output(&rel), "{rel} missing");
            let doc = page(&site, &rel);
            assert!(!text(&doc, "h1").is_empty());
            // The sample site has a German side: every notice has a page there too.
            let de = format!("de/{rel}");
            assert!(site.has_output(&de), "{de} missing");
        }
    }
    assert!(published >= 8, "{published}");
    assert!(run.stdout.starts_with(&format!("Built {published} notices, ")), "{}", run.all());
    assert_eq!(json_slugs(&notices_json(&site)).len(), published);
    // The folder notice's asset is beside its page.
    assert!(site.has_output("notices/eu-region-migration/timeline.svg"));
    // Nothing of the support brief leaks into the public site.
    let json = notices_json(&site);
    assert!(json["notices"].as_array().unwrap().iter().all(|n| n.get("support").is_none()));
}
