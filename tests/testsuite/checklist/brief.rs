//! `forewarn brief`: support talking points, never public.

use super::*;

const CONFIG: &str = "title = \"Acme change notices\"\nfeedback = \"mailto:product@example.com\"\n";

/// (file, title, effective, talking point)
const NOTICES: [(&str, &str, &str, &str); 4] = [
    ("later", "Invoices get a new layout", "2027-01-20T09:00:00Z", "Talking point lima: the amounts never change."),
    ("soon", "Sign-in page moves", "2026-11-26T09:00:00Z", "Talking point sierra: bookmarks keep working."),
    (
        "recent",
        "Receipts show the VAT number",
        "2026-11-18T09:00:00Z",
        "Talking point romeo: old receipts are unchanged.",
    ),
    ("old", "Exports are zipped", "2026-10-01T09:00:00Z", "Talking point oscar: unzip with any tool."),
];

/// The text of `NOTICES[i]`: a low-impact notice.
fn notice_text(i: usize) -> String {
    let (_, title, effective, support) = NOTICES[i];
    let text = set(GOOD_NOTICE, "title", &format!("title = \"{title}\""));
    let text = set(&text, "impact", "impact = \"low\"");
    let text = set(&text, "published", "published = 2026-09-01");
    let text = set(&text, "effective", &format!("effective = {effective}"));
    set(&text, "support", &format!("support = \"{support}\""))
}

fn site() -> TestSite {
    let site = TestSite::new();
    site.write("forewarn.toml", CONFIG);
    for (i, (file, ..)) in NOTICES.iter().enumerate() {
        site.write(&format!("content/notices/{file}.md"), &notice_text(i));
    }
    site
}

/// Byte offset of `needle` in `text`.
#[track_caller]
fn at(text: &str, needle: &str) -> usize {
    text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in\n{text}"))
}

#[test]
fn brief_lists_upcoming_and_recent_notices_soonest_first_with_talking_points() {
    let site = site();
    let run = site.run(&["brief"]);
    run.expect(0);
    let out = &run.stdout;
    // recent (5 days ago), soon (in 3 days), later (in 58 days); not old (53 days ago).
    let order = [NOTICES[2], NOTICES[1], NOTICES[0]];
    let mut last = 0;
    for (_, title, _, support) in order {
        let t = at(out, title);
        assert!(t > last, "`{title}` comes after the previous notice\n{out}");
        let s = at(out, support);
        assert!(s > t, "its talking point follows it\n{out}");
        last = s;
    }
    assert!(!out.contains(NOTICES[3].1), "a notice in effect for 53 days is not in the brief\n{out}");
    assert!(!out.contains(NOTICES[3].3), "{out}");
    assert!(
        out.contains("Keep the classic layout until March: **Settings → Invoices → Classic layout**."),
        "workaround: {out}"
    );
    assert!(out.contains("mailto:billing@example.com"), "feedback link: {out}");
}

#[test]
fn brief_out_writes_html_and_text() {
    let site = site();
    let run = site.run(&["brief", "--out", "support"]);
    run.expect(0);
    let text = std::fs::read_to_string(site.path().join("support/brief.txt")).unwrap();
    let html = std::fs::read_to_string(site.path().join("support/brief.html")).unwrap();
    let printed = site.run(&["brief"]).stdout;
    assert_eq!(text.trim_end(), printed.trim_end(), "brief.txt is what `brief` prints");
    let doc = scraper::Html::parse_document(&html);
    let h2 = scraper::Selector::parse("section h2").unwrap();
    let titles: Vec<String> = doc.select(&h2).map(|e| e.text().collect()).collect();
    assert_eq!(titles, [NOTICES[2].1, NOTICES[1].1, NOTICES[0].1]);
    for (_, _, _, support) in &NOTICES[..3] {
        assert!(html.contains(support), "{support} in brief.html");
    }
    assert!(!site.path().join("public").exists(), "brief writes nothing public");
}

#[test]
fn a_notice_without_talking_points_says_so() {
    let site = site();
    site.write("content/notices/soon.md", &set(&notice_text(1), "support", ""));
    let out = site.run(&["brief"]).stdout;
    let t = at(&out, NOTICES[1].1);
    assert!(out[t..].contains("Talking points: NONE"), "{out}");
}

#[test]

fn a_recently_ended_window_is_in_the_brief() {
    let site = site();
    let text = set(&notice_text(1), "effective", "effective = 2026-11-21T01:00:00Z");
    let text = add(&set(&text, "title", "title = \"Maintenance window\""), "ends = 2026-11-21T05:00:00Z");
    site.write("content/notices/window.md", &text);
    let out = site.run(&["brief"]).stdout;
    assert!(out.contains("Maintenance window"), "{out}");
}

#[test]
fn huge_recent_days_is_a_config_error_not_a_panic() {
    let site = site();
    site.write("forewarn.toml", &format!("{CONFIG}\n[checklist]\nrecent_days = 100000000000000000\n"));
    let run = site.run(&["brief"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.all());
    run.expect(2);
}

/// Every file under public/ as text.
fn public_texts(site: &TestSite) -> Vec<(PathBuf, String)> {
    files(&site.path().join("public"))
        .into_iter()
        .map(|(p, bytes)| (p, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

#[test]
fn no_public_file_contains_a_talking_point() {
    let site = site();
    site.run(&["brief", "--out", "support"]).expect(0);
    site.build().expect(0);
    let files = public_texts(&site);
    assert!(files.len() > 5, "{files:?}");
    for (path, text) in &files {
        for (_, _, _, support) in NOTICES {
            assert!(!text.contains(support), "{} contains `{support}`", path.display());
        }
        assert!(!text.to_lowercase().contains("talking point"), "{} mentions talking points", path.display());
    }
    assert!(!files.iter().any(|(p, _)| p.to_string_lossy().contains("brief")), "no brief under public/");
}

/// Runs of at least 24 letters, digits and spaces: text that markdown,
/// HTML, XML and JSON escaping leave as it is.
fn plain_runs(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || c == ' '))
        .map(str::trim)
        .filter(|r| r.len() >= 24)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_sample_sites_talking_points_stay_out_of_public() {
    let site = TestSite::sample();
    // As of long before any of them, every notice is upcoming: the brief
    // then shows the talking points of every notice but the drafts.
    let run = site.run(&["brief", "--as-of", "2025-01-01"]);
    run.expect(0);
    let mut points = Vec::new();
    let mut in_points = false;
    for line in run.stdout.lines() {
        if line == "Talking points:" {
            in_points = true;
        } else if !line.starts_with("  ") {
            in_points = false;
        } else if in_points {
            points.extend(plain_runs(line));
        }
    }
    // `name.de.md` (`index.de.md` in a folder) is the German text of a
    // notice, not a notice of its own.
    let is_translation = |p: &Path| {
        let stem = p.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        stem.rsplit_once('.').is_some_and(|(_, code)| code == "de")
    };
    let is_draft =
        |text: &str| text.lines().any(|l| l.replace(' ', "") == "draft=true" || l.replace(' ', "") == "draft:true");
    let has_support = |text: &str| text.lines().any(|l| l.starts_with("support =") || l.starts_with("support:"));
    let with_support = std::fs::read_dir(site.path().join("content/notices"))
        .unwrap()
        .flatten()
        .filter(|e| {
            let p = if e.path().is_dir() { e.path().join("index.md") } else { e.path() };
            if is_translation(&p) {
                return false;
            }
            let text = std::fs::read_to_string(p).unwrap();
            !is_draft(&text) && has_support(&text)
        })
        .count();
    assert_eq!(run.stdout.matches("\nTalking points:\n").count(), with_support, "{}", run.stdout);
    assert!(points.len() >= with_support, "{points:?}");
    // The German translations have talking points of their own: the German
    // brief shows them, and they stay out of public/ (and public/de/) too.
    let german = site.run(&["brief", "--as-of", "2025-01-01", "--lang", "de"]);
    german.expect(0);
    // A phrase a talking point shares with a notice's public text (the
    // ledger's "Zahlungslinks nehmen weiterhin Kartenzahlungen an" is in the
    // EU migration's body too) is public anyway: every German file with its
    // talking points cut out.
    let support_block = |text: &str| -> Option<String> {
        text.split("support = \"\"\"").nth(1).and_then(|b| b.split("\"\"\"").next()).map(str::to_string)
    };
    let mut public_german = String::new();
    let mut translated = 0;
    let mut german_points = Vec::new();
    for e in std::fs::read_dir(site.path().join("content/notices")).unwrap().flatten() {
        let p = if e.path().is_dir() { e.path().join("index.de.md") } else { e.path() };
        if !p.exists() || !is_translation(&p) {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let block = support_block(&text).unwrap_or_default();
        public_german.push_str(&text.replace(&block, ""));
        if is_draft(&text) || !has_support(&text) {
            continue;
        }
        let runs: Vec<String> = block.lines().flat_map(plain_runs).collect();
        assert!(!runs.is_empty(), "{}: no talking points found", p.display());
        for r in &runs {
            assert!(german.stdout.contains(r.as_str()), "the German brief lacks `{r}` of {}", p.display());
        }
        german_points.extend(runs);
        translated += 1;
    }
    assert!(translated >= 1, "the sample site has German talking points");
    let before = german_points.len();
    german_points.retain(|r| !public_german.contains(r.as_str()));
    assert!(german_points.len() * 2 > before, "most German talking points are not public text: {german_points:?}");
    points.extend(german_points);
    site.build().expect(0);
    for (path, text) in public_texts(&site) {
        for p in &points {
            assert!(!text.contains(p.as_str()), "{} contains the talking point `{p}`", path.display());
        }
    }
}

#[test]
fn the_sample_site_passes_check_with_no_deny() {
    let site = TestSite::sample();
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 0, "{diags:#?}");
    assert!(diags.iter().all(|d| d.level != "deny"), "{diags:#?}");
    let run = site.check();
    run.expect(0);
    assert!(run.stderr.contains("checked: 0 denied"), "{}", run.all());
}
