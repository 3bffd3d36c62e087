//! Feeds, JSON, calendars, the newsletter and the support brief under hostile content.

use super::html::{html_problems, tag_problems};
use super::*;

#[test]
fn feeds_and_sitemap_are_well_formed_xml() {
    let mut bad = Vec::new();
    for (site, check) in [(built(), html_problems as fn(&str, bool) -> Vec<String>), (built_long(), tag_problems)] {
        let xmls = files(&site, ".xml");
        assert!(xmls.iter().any(|p| p.starts_with("areas")), "facet feeds exist: {xmls:?}");
        for rel in &xmls {
            match xml::parse(&site.output(&rel.to_string_lossy())) {
                Err(e) => bad.push(format!("{}: {e}", rel.display())),
                Ok(doc) => {
                    let expected = if rel.ends_with("sitemap.xml") {
                        "urlset"
                    } else if rel.ends_with("atom.xml") {
                        "feed"
                    } else {
                        "rss"
                    };
                    if doc.root != expected {
                        bad.push(format!("{}: root <{}>", rel.display(), doc.root));
                    }
                    // The HTML inside the feed is safe too, once a reader
                    // unescapes it.
                    for (name, text) in &doc.texts {
                        if name == "content:encoded" || name == "content" {
                            for p in check(text, false) {
                                bad.push(format!("{} <{name}>: {p}", rel.display()));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn feed_titles_keep_the_text() {
    let site = built();
    let doc = xml::parse(&site.output("feed.xml")).unwrap();
    let titles: Vec<&str> = doc.texts.iter().filter(|(n, _)| n == "title").map(|(_, t)| t.as_str()).collect();
    let want = no_controls(&format!("{H} title"));
    assert!(titles.iter().any(|t| t.contains(&want)), "{want:?} not in {titles:?}");
}

// ------------------------------------------------------------------- JSON

/// Whether `got` is `want`, or `want` without its control characters.
fn same_text(got: &Value, want: &str) -> bool {
    got.as_str().is_some_and(|g| g == want || g == no_controls(want))
}

#[test]
fn notices_json_is_valid_and_round_trips_the_strings() {
    let hl = long(H);
    for (site, slug, h) in [(built(), "short", H), (built_long(), "long", hl.as_str())] {
        let json: Value = serde_json::from_str(&site.output("notices.json")).expect("notices.json is JSON");
        assert!(same_text(&json["site"]["title"], &format!("{H} site")));
        let n = json["notices"].as_array().unwrap().iter().find(|n| n["slug"] == slug).expect(slug);
        let mut bad = Vec::new();
        let mut want = |field: &str, got: &Value, expected: &str| {
            if !same_text(got, expected) {
                bad.push(format!("{field}: {:.200}", got.to_string()));
            }
        };
        want("title", &n["title"], &format!("{h} title"));
        want("audience[0]", &n["audience"][0], h);
        want("audience[1]", &n["audience"][1], "Admins & <Owners>");
        want("areas[0]", &n["areas"][0], h);
        want("scope", &n["scope"], h);
        want("benefits", &n["benefits"], h);
        want("workaround", &n["workaround"], h);
        want("feedback", &n["feedback"], FEEDBACK);
        want("emergency.reason", &n["emergency"]["reason"], h);
        want("data.details", &n["data"]["details"], h);
        want("data.access", &n["data"]["access"], h);
        want("updates[0].note", &n["updates"][0]["note"], h);
        assert!(bad.is_empty(), "{slug}: {}", bad.join("\n"));
        assert!(n.get("support").is_none(), "support is never published");
        assert!(n["summary"].is_string());
    }
}

#[test]
fn feed_json_is_valid_json_with_the_text() {
    for (site, check) in [(built(), html_problems as fn(&str, bool) -> Vec<String>), (built_long(), tag_problems)] {
        for rel in files(&site, "feed.json") {
            let json: Value = serde_json::from_str(&site.output(&rel.to_string_lossy()))
                .unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
            assert_eq!(json["version"], "https://jsonfeed.org/version/1.1", "{}", rel.display());
            for item in json["items"].as_array().unwrap() {
                for key in ["id", "url", "title", "content_html", "date_published"] {
                    assert!(item[key].is_string(), "{}: item without {key}", rel.display());
                }
                assert!(check(item["content_html"].as_str().unwrap(), false).is_empty(), "{}", rel.display());
            }
        }
    }
    let site = built();
    let json: Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    let want = no_controls(&format!("{H} title"));
    assert!(
        json["items"].as_array().unwrap().iter().any(|i| i["title"].as_str().unwrap().contains(&want)),
        "no item title holds the hostile title"
    );
}

// --------------------------------------------------------------- calendar

/// Checks an iCalendar file: CRLF line ends, lines of at most 75 octets,
/// TEXT values escaped. Returns the unfolded SUMMARY values.
fn check_ics(text: &str, what: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"), "{what}: not CRLF-terminated");
    let body = &text[..text.len() - 2];
    let mut unfolded: Vec<String> = Vec::new();
    for line in body.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{what}: a bare line break in {line:?}");
        assert!(line.len() <= 75, "{what}: {} octets: {line:.80}", line.len());
        assert!(!line.chars().any(|c| c.is_control()), "{what}: a control character in {line:.80}");
        match line.strip_prefix(' ') {
            Some(cont) => unfolded.last_mut().expect("a continuation first").push_str(cont),
            None => unfolded.push(line.to_string()),
        }
    }
    let mut summaries = Vec::new();
    for line in &unfolded {
        let (name, value) = line.split_once(':').unwrap_or_else(|| panic!("{what}: no `:` in {line:.80}"));
        let name = name.split(';').next().unwrap();
        if !matches!(name, "SUMMARY" | "DESCRIPTION" | "CATEGORIES" | "X-WR-CALNAME" | "X-WR-CALDESC" | "LOCATION") {
            continue;
        }
        // TEXT: `\` escapes `\ ; , n N`; `;` and `,` never appear bare
        // (CATEGORIES separates its values with bare commas).
        let mut decoded = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('n' | 'N') => decoded.push('\n'),
                    Some(e @ ('\\' | ';' | ',')) => decoded.push(e),
                    other => panic!("{what}: bad escape \\{other:?} in {name}"),
                },
                ';' => panic!("{what}: a bare `;` in {name}: {value:.80}"),
                ',' if name != "CATEGORIES" => panic!("{what}: a bare `,` in {name}: {value:.80}"),
                c => decoded.push(c),
            }
        }
        if name == "SUMMARY" {
            summaries.push(decoded);
        }
    }
    summaries
}

#[test]
fn calendars_escape_and_fold() {
    let hl = long(H);
    for (site, h) in [(built(), H), (built_long(), hl.as_str())] {
        let cals = files(&site, ".ics");
        assert!(cals.len() >= 4, "{cals:?}");
        for rel in &cals {
            check_ics(&site.output(&rel.to_string_lossy()), &rel.display().to_string());
        }
        let summaries = check_ics(&site.output("calendar.ics"), "calendar.ics");
        // A 100 KB title is folded, not cut.
        let want = no_controls(&format!("{h} title"));
        assert!(summaries.iter().any(|s| s.contains(&want)), "{:.200} not in {:.400?}", want, summaries);
    }
}

// ------------------------------------------------------------- newsletter

#[test]
fn the_newsletter_has_no_script_and_no_injected_elements() {
    let long_html = built_long().output("newsletter/latest.html");
    let problems = tag_problems(&long_html, false);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(!long_html.to_ascii_lowercase().contains("<script"), "no script at all");
    let site = built();
    let html = site.output("newsletter/latest.html");
    let problems = html_problems(&html, false);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(!html.to_ascii_lowercase().contains("<script"), "no script at all");
    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&sel("body")).count(), 1);
    let text = site.output("newsletter/latest.txt");
    assert!(text.contains("<script>alert(1)</script>"), "the text twin shows the text as written");
}

#[test]
fn support_talking_points_stay_private_even_when_hostile() {
    for site in [built(), built_long()] {
        for rel in site.output_files() {
            let bytes = std::fs::read(site.path().join("public").join(&rel)).unwrap();
            assert!(!String::from_utf8_lossy(&bytes).contains("SUPPORT-ONLY"), "{}", rel.display());
        }
    }
}

#[test]
fn every_output_path_stays_inside_public() {
    for site in [built(), built_long()] {
        for rel in site.output_files() {
            assert!(rel.components().all(|c| matches!(c, std::path::Component::Normal(_))), "{}", rel.display());
        }
        // Nothing but the site's own files and forewarn's folders beside them.
        for e in std::fs::read_dir(site.path()).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(
                ["content", "forewarn.toml", "public"].contains(&name.as_str())
                    || name.starts_with(".public.forewarn-"),
                "{name}"
            );
        }
    }
}

// ------------------------------------------------------------------ brief

#[test]
fn the_support_brief_escapes_everything_too() {
    // `support` is only ever shown here, to the support team.
    let site = hostile_site(H, "short");
    site.run(&["brief", "--out", "brief"]).expect(0);
    let html = std::fs::read_to_string(site.path().join("brief/brief.html")).expect("brief.html");
    let problems = html_problems(&html, false);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let text: String = Html::parse_document(&html).root_element().text().collect();
    assert!(text.contains("SUPPORT-ONLY"), "the talking points are in the brief");
    assert!(text.contains("<script>alert(1)</script>"), "shown as text");
}
