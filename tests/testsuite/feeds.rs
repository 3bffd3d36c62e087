//! Feeds, calendars and the newsletter, read back with independent parsers:
//! quick-xml for RSS and Atom, serde_json for JSON Feed, and a strict reading
//! of RFC 5545 for the calendars.

use std::collections::HashSet;

use crate::support::xml::{El, parse_xml};
use crate::support::{GOOD_NOTICE, TestSite, sel};

/// An XML element: name, attributes, text, children.
const HOSTILE_TITLE: &str = r#"Tabs & "quotes" <b>bold</b> ]]> 'apostrophes'"#;

/// A small site: two notices (one with a hostile title and an update), an
/// improvement, two areas.
fn site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "forewarn.toml",
        "title = \"Acme notices\"\nbase_url = \"https://changes.example.com\"\nfeedback = \"mailto:p@example.com\"\n",
    );
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.write(
        "content/notices/hostile.md",
        &GOOD_NOTICE
            .replace("title = \"Invoices get a new layout\"", &format!("title = '''{HOSTILE_TITLE}'''"))
            .replace("areas = [\"billing\"]", "areas = [\"api\"]")
            .replace("effective = 2027-01-20T09:00:00Z", "effective = 2027-02-10T09:00:00Z"),
    );
    site.write(
        "content/improvements/export.md",
        "+++\ntitle = \"Export progress\"\ndate = 2026-11-10\nareas = [\"billing\"]\nstatus = \"shipped\"\n[feedback]\nsource = \"Support tickets\"\nrequests = 12\n+++\n\nYou asked to see progress; now you can.\n",
    );
    site
}

fn add_update(site: &TestSite) {
    let text = std::fs::read_to_string(site.path().join("content/notices/layout.md")).unwrap();
    let text = text.replace(
        "+++\n\nInvoices",
        "[[updates]]\ndate = 2026-11-20\nnote = \"Moved the effective date by a week.\"\n+++\n\nInvoices",
    );
    site.write("content/notices/layout.md", &text.replace("2027-01-20T09:00:00Z", "2027-01-27T09:00:00Z"));
}

#[test]
fn rss_parses_with_ids_dates_titles_and_escaping() {
    let site = site();
    site.build().expect(0);
    let rss = parse_xml(&site.output("feed.xml"));
    assert_eq!(rss.name, "rss");
    assert_eq!(rss.attr("version"), Some("2.0"));
    let ch = rss.one("channel");
    assert_eq!(ch.one("title").text, "Acme notices");
    assert_eq!(ch.one("link").text, "https://changes.example.com/");
    let me = ch.one("atom:link");
    assert_eq!(me.attr("rel"), Some("self"));
    assert_eq!(me.attr("href"), Some("https://changes.example.com/feed.xml"));
    let items = ch.all("item");
    assert_eq!(items.len(), 3);
    let mut guids = HashSet::new();
    for item in &items {
        let guid = &item.one("guid").text;
        assert!(guids.insert(guid.clone()), "duplicate guid");
        assert_eq!(guid, &item.one("link").text);
        assert!(guid.starts_with("https://changes.example.com/"));
        let date = &item.one("pubDate").text;
        jiff::fmt::rfc2822::parse(date).unwrap_or_else(|e| panic!("pubDate {date}: {e}"));
        assert!(!item.one("content:encoded").text.is_empty());
    }
    let hostile = items.iter().find(|i| i.one("link").text.ends_with("/notices/hostile/")).unwrap();
    assert_eq!(hostile.one("title").text, format!("{HOSTILE_TITLE} (Medium impact, takes effect February 10, 2027)"));
    let cats: Vec<&str> = hostile.all("category").iter().map(|c| c.text.as_str()).collect();
    assert_eq!(cats, ["medium", "api", "Administrators"]);
    // Content links are absolute: readers have no base URL.
    assert!(!hostile.one("content:encoded").text.contains("href=\"/"));
}

#[test]
fn atom_and_json_feed_parse_and_agree() {
    let site = site();
    site.build().expect(0);
    let atom = parse_xml(&site.output("atom.xml"));
    assert_eq!(atom.name, "feed");
    assert_eq!(atom.attr("xmlns"), Some("http://www.w3.org/2005/Atom"));
    atom.one("updated").text.parse::<jiff::Timestamp>().expect("RFC 3339 updated");
    let entries = atom.all("entry");
    assert_eq!(entries.len(), 3);
    let ids: HashSet<&str> = entries.iter().map(|e| e.one("id").text.as_str()).collect();
    assert_eq!(ids.len(), 3);
    for e in &entries {
        e.one("updated").text.parse::<jiff::Timestamp>().expect("RFC 3339 updated");
        assert_eq!(e.one("content").attr("type"), Some("html"));
    }
    let json: serde_json::Value = serde_json::from_str(&site.output("feed.json")).expect("JSON Feed is JSON");
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["feed_url"], "https://changes.example.com/feed.json");
    let items = json["items"].as_array().unwrap();
    let json_ids: HashSet<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(json_ids, ids, "the same entries with the same ids");
    let hostile = items.iter().find(|i| i["url"].as_str().unwrap().ends_with("/hostile/")).unwrap();
    assert!(hostile["title"].as_str().unwrap().starts_with(HOSTILE_TITLE));
}

#[test]
fn ids_are_stable_when_the_text_changes_and_feeds_are_bounded() {
    let site = site();
    site.build().expect(0);
    let before = parse_xml(&site.output("atom.xml"));
    site.write("content/notices/layout.md", &GOOD_NOTICE.replace("Clearer totals.", "Much clearer totals."));
    site.build().expect(0);
    let after = parse_xml(&site.output("atom.xml"));
    let ids = |f: &El| f.all("entry").iter().map(|e| e.one("id").text.clone()).collect::<HashSet<_>>();
    assert_eq!(ids(&before), ids(&after));
    site.write("forewarn.toml", "title = \"Acme\"\nfeedback = \"mailto:p@example.com\"\n[feeds]\nlimit = 1\n");
    site.build().expect(0);
    assert_eq!(parse_xml(&site.output("feed.xml")).one("channel").all("item").len(), 1);
}

#[test]
fn every_area_and_audience_has_its_own_feeds() {
    let site = site();
    site.build().expect(0);
    let api = parse_xml(&site.output("areas/api/feed.xml"));
    let links: Vec<String> = api.one("channel").all("item").iter().map(|i| i.one("link").text.clone()).collect();
    assert_eq!(links, ["https://changes.example.com/notices/hostile/"]);
    let billing = parse_xml(&site.output("areas/billing/atom.xml"));
    assert_eq!(billing.all("entry").len(), 2, "the billing notice and the billing improvement");
    parse_xml(&site.output("audiences/administrators/feed.xml"));
    serde_json::from_str::<serde_json::Value>(&site.output("audiences/administrators/feed.json")).unwrap();
    assert!(site.output("areas/api/index.html").contains("href=\"/areas/api/feed.xml\""));
}

/// Unfolds an iCalendar file after checking CRLF and the 75-octet limit.
fn ics_lines(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "bare LF or CR");
        assert!(line.len() <= 75, "line of {} octets: {line}", line.len());
    }
    text.replace("\r\n ", "").split("\r\n").filter(|l| !l.is_empty()).map(str::to_string).collect()
}

fn events(lines: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut cur: Option<Vec<String>> = None;
    for l in lines {
        match l.as_str() {
            "BEGIN:VEVENT" => cur = Some(Vec::new()),
            "END:VEVENT" => out.push(cur.take().expect("END without BEGIN")),
            _ => {
                if let Some(c) = cur.as_mut() {
                    c.push(l.clone());
                }
            }
        }
    }
    out
}

fn prop<'a>(event: &'a [String], name: &str) -> &'a str {
    event.iter().find_map(|l| l.strip_prefix(&format!("{name}:"))).unwrap_or_else(|| panic!("no {name} in {event:?}"))
}

#[test]
fn calendar_is_strict_rfc5545_and_follows_reschedules() {
    let site = site();
    site.build().expect(0);
    let lines = ics_lines(&site.output("calendar.ics"));
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert!(lines.contains(&"VERSION:2.0".to_string()));
    let evs = events(&lines);
    assert_eq!(evs.len(), 2);
    let layout = evs.iter().find(|e| prop(e, "UID").starts_with("notice-layout@")).unwrap();
    assert_eq!(prop(layout, "SEQUENCE"), "0");
    assert_eq!(prop(layout, "DTSTART"), "20270120T090000Z");
    assert_eq!(prop(layout, "DTEND"), "20270120T093000Z");
    let hostile = evs.iter().find(|e| prop(e, "UID").starts_with("notice-hostile@")).unwrap();
    // TEXT values escape , ; \\ and newlines.
    let summary = prop(hostile, "SUMMARY");
    assert!(summary.contains("Tabs & \"quotes\" <b>bold</b> ]]> 'apostrophes'"), "{summary}");
    assert!(prop(hostile, "DESCRIPTION").contains("\\n\\nAffects: Administrators"));
    let uid = prop(layout, "UID").to_string();
    let stamp = prop(layout, "DTSTAMP").to_string();

    // A reschedule with an update: same UID, SEQUENCE 1, new DTSTART.
    add_update(&site);
    site.build().expect(0);
    let evs = events(&ics_lines(&site.output("calendar.ics")));
    let layout = evs.iter().find(|e| prop(e, "UID") == uid).expect("the UID is stable");
    assert_eq!(prop(layout, "SEQUENCE"), "1");
    assert_eq!(prop(layout, "DTSTART"), "20270127T090000Z");
    assert_ne!(prop(layout, "DTSTAMP"), stamp, "DTSTAMP is the last change");

    // The single-event file behind "Add to calendar".
    let one = events(&ics_lines(&site.output("notices/layout/event.ics")));
    assert_eq!(one.len(), 1);
    assert_eq!(prop(&one[0], "UID"), uid);
    assert!(site.output("notices/layout/index.html").contains("href=\"/notices/layout/event.ics\""));
}

#[test]
fn add_to_calendar_is_offered_until_the_date_or_window_is_over() {
    let site = site();
    let offers = |as_of: &str| {
        site.run(&["build", "--as-of", as_of]).expect(0);
        let file = site.has_output("notices/layout/event.ics");
        assert_eq!(file, site.output("notices/layout/index.html").contains("Add to calendar"), "{as_of}");
        // The site calendar keeps every notice.
        let evs = events(&ics_lines(&site.output("calendar.ics")));
        assert!(evs.iter().any(|e| prop(e, "UID").starts_with("notice-layout@")), "{as_of}");
        file
    };
    // Takes effect 2027-01-20 09:00 UTC.
    assert!(offers("2027-01-20T08:59:00Z"));
    assert!(!offers("2027-01-20T09:00:00Z"));
    // With a window until 12:00, it is offered while the window is open.
    let text = std::fs::read_to_string(site.path().join("content/notices/layout.md")).unwrap();
    site.write("content/notices/layout.md", &text.replace("impact = ", "ends = 2027-01-20T12:00:00Z\nimpact = "));
    assert!(offers("2027-01-20T11:59:00Z"));
    assert!(!offers("2027-01-20T12:00:00Z"));
}

#[test]
fn calendars_are_deterministic() {
    let site = site();
    site.build().expect(0);
    let first = site.output("calendar.ics");
    site.build().expect(0);
    assert_eq!(first, site.output("calendar.ics"), "DTSTAMP does not depend on the build time");
}

#[test]
fn newsletter_is_email_safe_with_a_text_twin() {
    let site = site();
    site.run(&["build", "--as-of", "2026-11-23"]).expect(0);
    let html = site.output("newsletter/latest.html");
    assert!(html.len() < 100_000);
    assert!(!html.contains("<script"));
    assert!(!html.contains("<link"));
    let doc = scraper::Html::parse_document(&html);
    for a in doc.select(&sel("a[href]")) {
        let href = a.value().attr("href").unwrap();
        assert!(href.starts_with("https://") || href.starts_with("mailto:"), "relative link in email: {href}");
    }
    // CSS is inlined: the layout table carries its style.
    let table = doc.select(&sel("table.container")).next().expect("layout table");
    assert!(table.value().attr("style").unwrap_or("").contains("max-width: 600px"), "{:?}", table.value());
    assert!(html.contains("prefers-color-scheme: dark"), "the dark-mode block is kept");
    assert!(html.contains("Invoices get a new layout"), "coming up within the horizon");
    assert!(html.contains("Export progress"), "you asked, we did");
    let text = site.output("newsletter/latest.txt");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert!(text.contains("Coming up in the next 90 days"));
    assert!(text.contains("https://changes.example.com/notices/layout/"));
}

#[test]
fn newsletter_command_writes_an_issue_for_a_period() {
    let site = site();
    let out = site.path().join("issues");
    let run =
        site.run(&["newsletter", "--since", "2026-11-01", "--until", "2026-11-30", "--out", out.to_str().unwrap()]);
    run.expect(0);
    let html = std::fs::read_to_string(out.join("newsletter-2026-11-30.html")).unwrap();
    assert!(html.contains("November 1, 2026 to November 30, 2026"), "{html}");
    assert!(out.join("newsletter-2026-11-30.txt").exists());
    let bad = site.run(&["newsletter", "--since", "2026-12-31", "--until", "2026-11-30"]);
    bad.expect(2);
    assert!(bad.stderr.contains("--since"));
}
