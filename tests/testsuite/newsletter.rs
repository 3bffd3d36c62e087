//! The newsletter: sections, full answers, the monthly archive, editions
//! per area and audience, the ready-to-send `.eml`, its config and the
//! `newsletter` command; HTML read with scraper, messages with mail-parser
//! and Python's `email` package.
//!
//! The fixture `tests/fixtures/newsletter-issues` is a site in
//! Europe/Amsterdam, built as of 2026-11-23T00:00:00Z; `newsletter/latest`
//! covers 24 October to 23 November 2026 and looks 90 days ahead.
//!
//! | content | published | date (Amsterdam) | in the latest issue |
//! |---|---|---|---|
//! | audit-archive (Administrators, security; `[data]` archived, all fields) | 2026-11-05 | 2027-05-04 09:00 | newly announced |
//! | reports-api-v1 (Developers, api) | 2026-09-01 | 2027-01-12 09:00 | coming up |
//! | ledger-maintenance (Finance teams, billing; `[data]` unavailable) | 2026-09-01 | 2026-12-12 22:00 → 02:00, updated 2026-11-18 | coming up; changed |
//! | invoice-totals (Finance teams, billing) | 2026-09-15 | 2026-11-10 09:00 | now in effect |
//! | sso-redirect (Administrators, security) | 2026-09-20 | 2027-02-01, withdrawn 2026-11-15 | changed or withdrawn |
//! | export-progress (reports), shipped | 2026-11-10 | | you asked, we did |
//! | bulk-edit (billing), planned for 2027-Q1 | 2026-11-12 | | you asked, we did |
//! | dark-invoices (billing), declined | 2026-11-14 | | you asked, we did |
//! | csv-delimiter (reports), shipped | 2026-08-20 | | only in the August issue |
//!
//! Months with news: November, September and August 2026 (none in October).

use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex, Weak};

use mail_parser::{Message, MessageParser, MimeHeaders, PartType};
use scraper::Html;

use crate::support::{GOOD_NOTICE, NOW_EPOCH, TestSite, files, sel, shared};

/// The fixture, built as of `NOW_EPOCH` (shared by the tests running at
/// the same time).
fn built() -> Arc<TestSite> {
    static SHARED: Mutex<Weak<TestSite>> = Mutex::new(Weak::new());
    shared(&SHARED, || TestSite::fixture("newsletter-issues"))
}

const AUDIT: &str = "Audit logs older than two years move to the archive from 4 May 2027";
const REPORTS_API: &str = "Reports API v1 is retired";
const LEDGER: &str = "Ledger maintenance window";
const TOTALS: &str = "Invoice totals show tax per rate";
const SSO: &str = "Single sign-on moves to a new address";

/// The section ids of an issue, in order.
const SECTION_IDS: [&str; 5] = ["new", "coming-up", "in-effect", "changed", "asked"];

/// Each section of an HTML issue: its id and the titles of its items, in
/// order.
fn html_sections(html: &str) -> Vec<(String, Vec<String>)> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    for cell in doc.select(&sel("td.pad")) {
        let Some(h2) = cell.select(&sel("h2[id]")).next() else { continue };
        let titles = cell.select(&sel("h3 a")).map(|a| a.text().collect::<String>()).collect();
        out.push((h2.value().attr("id").unwrap().to_string(), titles));
    }
    out
}

/// The titles in section `id` of an HTML issue.
fn html_section(html: &str, id: &str) -> Vec<String> {
    html_sections(html).into_iter().find(|(i, _)| i == id).unwrap_or_else(|| panic!("no section #{id}")).1
}

/// The text of the section headed `heading` in a plain-text issue, up to
/// the next heading or the footer.
fn text_section<'a>(text: &'a str, heading: &str) -> &'a str {
    let needle = format!("\n{heading}\n{}\n", "-".repeat(heading.chars().count()));
    let start = text.find(&needle).unwrap_or_else(|| panic!("no section {heading:?} in\n{text}"));
    let rest = &text[start + needle.len()..];
    // The next heading is a line of dashes under a title; the footer
    // starts with "--".
    let ends: Vec<usize> = ["\n\n\n", "\n--\n"].iter().filter_map(|e| rest.find(e)).collect();
    &rest[..ends.into_iter().min().unwrap_or(rest.len())]
}

/// The headings of a plain-text issue, in order.
fn text_headings(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .filter(|w| !w[0].is_empty() && w[1].len() == w[0].chars().count() && w[1].chars().all(|c| c == '-'))
        .map(|w| w[0].to_string())
        .collect()
}

/// The headings an issue has, in order.
fn headings(horizon: u32) -> Vec<String> {
    [
        "Newly announced".to_string(),
        format!("Coming up in the next {horizon} days"),
        "Now in effect".to_string(),
        "Changed or withdrawn".to_string(),
        "You asked, we did".to_string(),
    ]
    .to_vec()
}

/// Parses an `.eml` and checks its shape: CRLF lines of at most 998
/// octets, multipart/alternative with text/plain then text/html. Returns
/// the message and its two parts' decoded text (with LF line ends).
fn parse_eml(bytes: &[u8]) -> (Message<'_>, String, String) {
    let raw = std::str::from_utf8(bytes).expect("an .eml is 7-bit text");
    assert!(raw.is_ascii(), "non-ASCII bytes in the message: headers and bodies are encoded");
    assert!(raw.ends_with("\r\n"));
    for line in raw.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "bare LF or CR in {line:?}");
        assert!(line.len() <= 998, "a line of {} octets", line.len());
    }
    let message = MessageParser::default().parse(bytes).expect("mail-parser reads the message");
    let root = message.root_part();
    let ct = root.content_type().expect("a Content-Type");
    assert_eq!((ct.ctype(), ct.subtype()), ("multipart", Some("alternative")));
    let PartType::Multipart(children) = &root.body else { panic!("the root is not multipart: {:?}", root.body) };
    assert_eq!(children.len(), 2, "exactly two alternatives");
    let mut bodies = Vec::new();
    for (&id, want) in children.iter().zip(["plain", "html"]) {
        let part = &message.parts[id as usize];
        let ct = part.content_type().expect("a part's Content-Type");
        assert_eq!((ct.ctype(), ct.subtype()), ("text", Some(want)));
        assert_eq!(ct.attribute("charset").map(str::to_ascii_lowercase).as_deref(), Some("utf-8"));
        // Lines end in CRLF on the wire; compare them with the files' LF.
        bodies.push(part.text_contents().expect("a text part").replace("\r\n", "\n"));
    }
    let html = bodies.pop().unwrap();
    let text = bodies.pop().unwrap();
    (message, text, html)
}

/// The raw value of header `name` of an `.eml` (unfolded), if present.
fn header(bytes: &[u8], name: &str) -> Option<String> {
    let raw = std::str::from_utf8(bytes).unwrap();
    let head = &raw[..raw.find("\r\n\r\n").expect("a header block")];
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded.split("\r\n").find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

/// Reads `.eml` at `path` with Python's `email` package under
/// `policy.strict` (which raises on any defect) and returns what it
/// printed: the content type, From, To and the parts' types.
fn python_reads(path: &Path) -> String {
    let script = r#"
import email, email.policy, sys
with open(sys.argv[1], "rb") as f:
    m = email.message_from_bytes(f.read(), policy=email.policy.strict)
assert not m.defects, m.defects
for part in m.walk():
    assert not part.defects, part.defects
print(m.get_content_type())
print(m["From"])
print(m["To"])
print(" ".join(p.get_content_type() for p in m.iter_parts()))
print(m.get_body(preferencelist=("plain",)).get_content().splitlines()[0])
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(path)
        .output()
        .expect("python3 runs (the newsletter tests read the .eml with Python's email package)");
    assert!(
        out.status.success(),
        "python3's email package (policy.strict) rejects {}:\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

// ------------------------------------------------------------- sections

#[test]
fn a_notice_announced_in_the_period_is_newly_announced_whatever_its_date() {
    let site = built();
    // HTML: the sections in order, each notice where it belongs.
    let html = site.output("newsletter/latest.html");
    let ids: Vec<String> = html_sections(&html).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, SECTION_IDS);
    // Effective in May 2027, far beyond the 90 days ahead: still news.
    assert_eq!(html_section(&html, "new"), [AUDIT]);
    assert_eq!(html_section(&html, "coming-up"), [LEDGER, REPORTS_API], "soonest first, not the new one again");
    assert_eq!(html_section(&html, "in-effect"), [TOTALS]);
    assert_eq!(html_section(&html, "changed"), [LEDGER, SSO]);
    let doc = Html::parse_document(&html);
    let notes: Vec<String> = doc.select(&sel("div.note")).map(|n| n.text().collect::<String>()).collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].starts_with("Update, November 18, 2026:"), "{notes:?}");
    assert!(notes[0].contains("Moved from 5 December to 12 December"));
    assert!(notes[1].starts_with("Withdrawn, November 15, 2026:"), "{notes:?}");
    assert!(notes[1].contains("keep the old sign-on address working"));

    // Text: the same sections and items.
    let text = site.output("newsletter/latest.txt");
    assert_eq!(text_headings(&text), headings(90));
    let new = text_section(&text, "Newly announced");
    assert!(new.contains(&format!("* {AUDIT}")), "{new}");
    assert!(new.contains("Takes effect: Tuesday, May 4, 2027 at 9:00\u{202f}AM CEST (in 162\n  days)"), "{new}");
    assert!(!new.contains(REPORTS_API));
    let coming = text_section(&text, "Coming up in the next 90 days");
    assert!(coming.contains(REPORTS_API) && coming.contains(LEDGER) && !coming.contains(AUDIT), "{coming}");
    assert!(text_section(&text, "Now in effect").contains(TOTALS));
    let changed = text_section(&text, "Changed or withdrawn");
    assert!(changed.contains("Withdrawn November 15, 2026: We found a way"), "{changed}");

    // The message: both alternatives carry it under "Newly announced".
    let bytes = std::fs::read(site.path().join("public/newsletter/latest.eml")).unwrap();
    let (_, eml_text, eml_html) = parse_eml(&bytes);
    assert_eq!(html_section(&eml_html, "new"), [AUDIT]);
    assert!(text_section(&eml_text, "Newly announced").contains(AUDIT), "{eml_text}");
    assert_eq!(eml_text, text, "the text part is the .txt");
    assert_eq!(eml_html, html, "the HTML part is the .html");
}

#[test]
fn data_answers_and_improvement_answers_appear_in_full() {
    let site = built();
    let html = site.output("newsletter/latest.html");
    let doc = Html::parse_document(&html);
    // The first item of "Newly announced" is the archived audit log.
    let new = doc.select(&sel("td.pad")).find(|c| c.select(&sel("h2#new")).next().is_some()).unwrap();
    let item = new.select(&sel("td.item-cell")).next().expect("an item");
    let item_text: String = item.text().collect();
    for want in [
        "High impact",
        "Takes effect: Tuesday, May 4, 2027 at 9:00\u{202f}AM CEST",
        "Affects: Administrators",
        "Audit log entries older than two years leave the audit log",
        // The workaround, both paragraphs.
        "Export the entries you need before 4 May",
        "Auditors who need older entries can request a copy",
        // The data answer: disposition, details, available again, access,
        // export.
        "Your data: Your data is moved to an archive.",
        "Entries older than two years leave the audit log and move to the audit archive, unchanged.",
        "Available again: Tuesday, May 4, 2027 at 12:00\u{202f}PM CEST",
        "How to reach it: Settings → Audit log → Archive lists every archived entry.",
        "Keep a copy: Download the archive as JSON Lines from the same page.",
    ] {
        assert!(item_text.contains(want), "{want:?} is not in the item:\n{item_text}");
    }
    let hrefs: Vec<&str> = item.select(&sel("a[href]")).map(|a| a.value().attr("href").unwrap()).collect();
    assert_eq!(hrefs, ["https://changes.example.com/notices/audit-archive/", "https://acme.example/audit-copy"]);

    let text = site.output("newsletter/latest.txt");
    let new = text_section(&text, "Newly announced");
    for want in [
        "Your data: Your data is moved to an archive.",
        "    Details: Entries older than two years leave the audit log and move to the\n    audit archive, unchanged.",
        "    Available again: Tuesday, May 4, 2027 at 12:00\u{202f}PM CEST",
        "    How to reach it: Settings → Audit log → Archive lists every archived\n    entry.",
        "    Keep a copy: Download the archive as JSON Lines from the same page.",
        "(https://acme.example/audit-copy)",
    ] {
        assert!(new.contains(want), "{want:?} is not in\n{new}");
    }
    // The maintenance window's answer in "coming up" too.
    let coming = text_section(&text, "Coming up in the next 90 days");
    assert!(coming.contains("Your data: Your data is temporarily out of reach."), "{coming}");
    assert!(coming.contains("Available again: Sunday, December 13, 2026 at 2:00\u{202f}AM CET"), "{coming}");

    // You asked, we did: newest first, each answer with what it owes.
    assert_eq!(
        html_section(&html, "asked"),
        ["Dark invoices", "Edit many invoices at once", "Export progress you can see"]
    );
    let asked = doc.select(&sel("td.pad")).find(|c| c.select(&sel("h2#asked")).next().is_some()).unwrap();
    let items: Vec<String> = asked.select(&sel("td.item-cell")).map(|c| c.text().collect()).collect();
    let [declined, planned, shipped] = items.as_slice() else { panic!("{items:?}") };
    assert!(declined.contains("Declined") && declined.contains("November 14, 2026"), "{declined}");
    assert!(declined.contains("Why not: Invoices are printed and archived as PDF"), "{declined}");
    assert!(declined.contains("“Please make invoices dark too”"), "{declined}");
    assert!(!declined.contains("Expected"), "{declined}");
    assert!(planned.contains("Planned") && planned.contains("Expected: 2027-Q1"), "{planned}");
    assert!(planned.contains("5 requests through the feedback portal"), "{planned}");
    assert!(!planned.contains("Why not"), "{planned}");
    assert!(shipped.contains("12 requests through Support tickets"), "{shipped}");
    assert!(shipped.contains("“Tell me how far my export has got”"), "{shipped}");
    assert!(!shipped.contains("Expected") && !shipped.contains("Why not"), "{shipped}");

    let asked = text_section(&text, "You asked, we did");
    for want in [
        "* Declined: Dark invoices",
        "Why not: Invoices are printed and archived as PDF",
        "* Planned: Edit many invoices at once",
        "Expected: 2027-Q1",
        "5 requests through the feedback portal",
        "12 requests through Support tickets",
        "“Tell me how far my export has got”",
        "https://changes.example.com/improvements/#export-progress",
    ] {
        assert!(asked.contains(want), "{want:?} is not in\n{asked}");
    }
    // The hidden preheader counts what the issue holds.
    let pre: String = doc.select(&sel("div.preheader")).next().expect("a preheader").text().collect();
    assert_eq!(pre, "1 newly announced, 2 coming up, 1 in effect, 2 changed or withdrawn, 3 answers to your feedback");
}

// -------------------------------------------------------------- archive

#[test]
fn the_archive_lists_each_month_with_news_newest_first() {
    let site = built();
    let archive = site.output("newsletter/index.html");
    let doc = Html::parse_document(&archive);
    assert!(doc.select(&sel("main h1")).next().is_some(), "the archive is a page of the site");
    let months: Vec<(String, String)> = doc
        .select(&sel("main a[href]"))
        .filter(|a| a.value().attr("href").unwrap().starts_with("/newsletter/20"))
        .map(|a| (a.value().attr("href").unwrap().to_string(), a.text().collect()))
        .collect();
    assert_eq!(
        months,
        [
            ("/newsletter/2026-11/".to_string(), "November 2026".to_string()),
            ("/newsletter/2026-09/".to_string(), "September 2026".to_string()),
            ("/newsletter/2026-08/".to_string(), "August 2026".to_string()),
        ]
    );
    assert!(doc.select(&sel("main a[href='/newsletter/latest.html']")).next().is_some(), "links the latest issue");

    // Each month is a folder of three files, and nothing else.
    let mut folders: Vec<String> =
        files(&site.path().join("public/newsletter")).into_keys().map(|p| p.to_string_lossy().into_owned()).collect();
    folders.sort();
    assert_eq!(
        folders,
        [
            "2026-08/index.eml",
            "2026-08/index.html",
            "2026-08/index.txt",
            "2026-09/index.eml",
            "2026-09/index.html",
            "2026-09/index.txt",
            "2026-11/index.eml",
            "2026-11/index.html",
            "2026-11/index.txt",
            "index.html",
            "latest.eml",
            "latest.html",
            "latest.txt",
        ]
    );

    // A month's issue covers that month and links to its own page.
    let sept = site.output("newsletter/2026-09/index.html");
    let doc = Html::parse_document(&sept);
    let web = doc.select(&sel("a")).find(|a| a.text().collect::<String>() == "Read on the web").expect("a web link");
    assert_eq!(web.value().attr("href"), Some("https://changes.example.com/newsletter/2026-09/"));
    assert_eq!(
        doc.select(&sel("h1")).next().unwrap().text().collect::<String>(),
        "Acme change notices: September 2026"
    );
    assert!(sept.contains("September 1, 2026 to September 30, 2026"), "{sept}");
    assert_eq!(html_section(&sept, "new"), [TOTALS, LEDGER, REPORTS_API, SSO], "published in September, soonest first");
    assert!(html_section(&sept, "asked").is_empty());
    let text = site.output("newsletter/2026-09/index.txt");
    assert!(text.contains("On the web: https://changes.example.com/newsletter/2026-09/\n"), "{text}");
    let eml = std::fs::read(site.path().join("public/newsletter/2026-09/index.eml")).unwrap();
    let (message, _, _) = parse_eml(&eml);
    assert_eq!(message.message_id(), Some("newsletter.2026-09@changes.example.com"));
    assert_eq!(message.subject(), Some("Acme change notices: September 2026"));
    // Dated at the end of the month it covers (Amsterdam).
    assert_eq!(message.date().unwrap().to_timestamp(), 1_790_805_599, "{:?}", message.date());

    // August holds only the improvement logged then.
    let aug = site.output("newsletter/2026-08/index.html");
    assert_eq!(html_section(&aug, "asked"), ["Choose the CSV delimiter"]);
    assert!(["new", "coming-up", "in-effect", "changed"].iter().all(|s| html_section(&aug, s).is_empty()));

    // The latest issue links to its own page.
    let latest = Html::parse_document(&site.output("newsletter/latest.html"));
    let web = latest.select(&sel("a")).find(|a| a.text().collect::<String>() == "Read on the web").unwrap();
    assert_eq!(web.value().attr("href"), Some("https://changes.example.com/newsletter/latest.html"));
}

#[test]
fn a_month_issue_tells_what_was_news_that_month() {
    // sso-redirect was announced on 20 September and withdrawn on 15
    // November: September's issue announced it, to take effect.
    let site = built();
    let sept = site.output("newsletter/2026-09/index.html");
    assert_eq!(html_section(&sept, "new"), [TOTALS, LEDGER, REPORTS_API, SSO]);
    let text = site.output("newsletter/2026-09/index.txt");
    let new = text_section(&text, "Newly announced");
    assert!(
        new.contains(&format!(
            "* {SSO}\n  Medium impact · Takes effect: Monday, February 1, 2027 at 9:00\u{202f}AM CET"
        )),
        "{new}"
    );
    // November's issue has the withdrawal.
    let nov = site.output("newsletter/2026-11/index.html");
    assert!(html_section(&nov, "changed").contains(&SSO.to_string()));
}

// ------------------------------------------------------------- editions

#[test]
fn editions_hold_only_their_area_or_audience() {
    let site = built();
    let all_titles = |html: &str| -> Vec<String> { html_sections(html).into_iter().flat_map(|(_, t)| t).collect() };

    let devs = site.output("audiences/developers/newsletter/latest.html");
    assert_eq!(all_titles(&devs), [REPORTS_API]);
    let doc = Html::parse_document(&devs);
    assert_eq!(
        doc.select(&sel("h1")).next().unwrap().text().collect::<String>(),
        "Acme change notices for Developers: November 23, 2026"
    );
    let web = doc.select(&sel("a")).find(|a| a.text().collect::<String>() == "Read on the web").unwrap();
    assert_eq!(
        web.value().attr("href"),
        Some("https://changes.example.com/audiences/developers/newsletter/latest.html")
    );
    let text = site.output("audiences/developers/newsletter/latest.txt");
    assert!(text.contains(REPORTS_API) && !text.contains("Audit logs") && !text.contains(LEDGER), "{text}");

    let admins = site.output("audiences/administrators/newsletter/latest.html");
    assert_eq!(html_section(&admins, "new"), [AUDIT]);
    assert_eq!(html_section(&admins, "changed"), [SSO]);
    assert!(!admins.contains(REPORTS_API) && !admins.contains(LEDGER) && !admins.contains(TOTALS));

    let billing = site.output("areas/billing/newsletter/latest.html");
    assert_eq!(html_section(&billing, "new"), Vec::<String>::new());
    assert_eq!(html_section(&billing, "coming-up"), [LEDGER]);
    assert_eq!(html_section(&billing, "in-effect"), [TOTALS]);
    assert_eq!(html_section(&billing, "asked"), ["Dark invoices", "Edit many invoices at once"]);
    assert!(!billing.contains("Audit logs") && !billing.contains(REPORTS_API) && !billing.contains("Export progress"));

    let eml = std::fs::read(site.path().join("public/areas/billing/newsletter/latest.eml")).unwrap();
    let (message, text, _) = parse_eml(&eml);
    assert_eq!(message.message_id(), Some("newsletter.areas.billing.2026-10-24.2026-11-23@changes.example.com"));
    assert_eq!(message.subject(), Some("Acme change notices for billing: November 23, 2026"));
    assert!(!text.contains(REPORTS_API) && text.contains(LEDGER));
    let eml = std::fs::read(site.path().join("public/audiences/developers/newsletter/latest.eml")).unwrap();
    let (message, _, _) = parse_eml(&eml);
    assert_eq!(message.message_id(), Some("newsletter.audiences.developers.2026-10-24.2026-11-23@changes.example.com"));
}

#[test]
fn the_newsletter_command_writes_an_edition_for_a_period() {
    let site = TestSite::fixture("newsletter-issues");
    let out = site.path().join("issues");
    let out_s = out.to_str().unwrap();
    let run = site.run(&["newsletter", "--since", "2026-11-01", "--audience", "Developers", "--out", out_s]);
    run.expect(0);
    let names: Vec<String> = files(&out).into_keys().map(|p| p.to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        [
            "newsletter-2026-11-23-audience-developers.eml",
            "newsletter-2026-11-23-audience-developers.html",
            "newsletter-2026-11-23-audience-developers.txt",
        ]
    );
    assert!(run.stdout.contains("newsletter-2026-11-23-audience-developers.eml"), "{}", run.all());
    let html = std::fs::read_to_string(out.join("newsletter-2026-11-23-audience-developers.html")).unwrap();
    assert!(html.contains("November 1, 2026 to November 23, 2026"), "{html}");
    assert_eq!(html_section(&html, "coming-up"), [REPORTS_API]);
    assert!(!html.contains("Audit logs") && !html.contains(LEDGER));
    let eml = std::fs::read(out.join("newsletter-2026-11-23-audience-developers.eml")).unwrap();
    let (_, text, _) = parse_eml(&eml);
    assert!(text.contains(REPORTS_API) && !text.contains("Audit logs"));

    // A bare --until date is that whole day: a change at 09:00 on it took
    // effect within the period.
    site.run(&["newsletter", "--since", "2026-11-01", "--until", "2026-11-10", "--out", out_s]).expect(0);
    let day = std::fs::read_to_string(out.join("newsletter-2026-11-10.html")).unwrap();
    assert_eq!(html_section(&day, "in-effect"), [TOTALS], "{day}");
    assert!(!html_section(&day, "coming-up").contains(&TOTALS.to_string()));

    // An area by its slug, the whole site without a flag.
    site.run(&["newsletter", "--since", "2026-11-01", "--until", "2026-11-20", "--area", "billing", "--out", out_s])
        .expect(0);
    assert!(out.join("newsletter-2026-11-20-area-billing.eml").exists());
    site.run(&["newsletter", "--since", "2026-11-01", "--out", out_s]).expect(0);
    let all = std::fs::read_to_string(out.join("newsletter-2026-11-23.html")).unwrap();
    assert_eq!(html_section(&all, "new"), [AUDIT]);

    // Unknown names: exit 2 with a hint, nothing written.
    let before = files(&out).len();
    let typo = site.run(&["newsletter", "--since", "2026-11-01", "--audience", "Developer", "--out", out_s]);
    typo.expect(2);
    assert!(typo.stderr.contains("no notice names `Developer`"), "{}", typo.all());
    assert!(typo.stderr.contains("did you mean `Developers`?"), "{}", typo.all());
    let unknown = site.run(&["newsletter", "--since", "2026-11-01", "--audience", "Nobody", "--out", out_s]);
    unknown.expect(2);
    assert!(
        unknown.stderr.contains("the site has: `Administrators`, `Developers`, `Finance teams`"),
        "{}",
        unknown.all()
    );
    let area = site.run(&["newsletter", "--since", "2026-11-01", "--area", "bilin", "--out", out_s]);
    area.expect(2);
    assert!(area.stderr.contains("--area") && area.stderr.contains("did you mean `billing`?"), "{}", area.all());
    assert_eq!(files(&out).len(), before, "nothing written");

    // --audience and --area are one or the other.
    let both = site.run(&["newsletter", "--since", "2026-11-01", "--audience", "Developers", "--area", "api"]);
    both.expect(2);
    assert!(both.stderr.contains("cannot be used with"), "{}", both.all());
}

// ------------------------------------------------------------ the .eml

#[test]
fn the_eml_is_a_multipart_alternative_message_with_stable_headers() {
    let site = built();
    let path = site.path().join("public/newsletter/latest.eml");
    let bytes = std::fs::read(&path).unwrap();
    let (message, text, html) = parse_eml(&bytes);
    let from = message.from().and_then(|a| a.first()).expect("From");
    assert_eq!((from.name(), from.address()), (Some("Acme changes"), Some("changes@acme.example")));
    let to = message.to().and_then(|a| a.first()).expect("To");
    assert_eq!((to.name(), to.address()), (Some("Acme changes"), Some("changes@acme.example")));
    assert_eq!(message.subject(), Some("Acme change notices: November 23, 2026"));
    assert_eq!(message.date().expect("Date").to_timestamp().to_string(), NOW_EPOCH, "dated at the end of the period");
    assert_eq!(message.message_id(), Some("newsletter.latest.2026-10-24.2026-11-23@changes.example.com"));
    assert_eq!(header(&bytes, "List-Unsubscribe").as_deref(), Some("<https://acme.example/unsubscribe>"));
    assert_eq!(header(&bytes, "MIME-Version").as_deref(), Some("1.0"));
    // The unsubscribe link is visible too.
    let doc = Html::parse_document(&html);
    let unsub = doc.select(&sel("a")).find(|a| a.text().collect::<String>() == "Unsubscribe").expect("a link");
    assert_eq!(unsub.value().attr("href"), Some("https://acme.example/unsubscribe"));
    assert!(text.contains("\nUnsubscribe: https://acme.example/unsubscribe\n"), "{text}");

    // Python's email package, strictly.
    let py = python_reads(&path);
    let lines: Vec<&str> = py.lines().collect();
    assert_eq!(
        lines,
        [
            "multipart/alternative",
            "Acme changes <changes@acme.example>",
            "Acme changes <changes@acme.example>",
            "text/plain text/html",
            "Acme change notices: November 23, 2026",
        ]
    );
    for rel in ["newsletter/2026-09/index.eml", "audiences/finance-teams/newsletter/latest.eml"] {
        assert!(python_reads(&site.path().join("public").join(rel)).starts_with("multipart/alternative\n"));
    }

    // Another build, elsewhere, in another machine zone: the same bytes
    // (Message-ID, Date and boundary included) for every message.
    let other = TestSite::fixture("newsletter-issues");
    other.run_env(&["build", "--out", "again"], &[("SOURCE_DATE_EPOCH", NOW_EPOCH), ("TZ", "Asia/Tokyo")]).expect(0);
    let emls = |root: &Path| {
        files(root).into_iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "eml")).collect::<Vec<_>>()
    };
    let (one, two) = (emls(&site.path().join("public")), emls(&other.path().join("again")));
    assert_eq!(one.len(), 11, "latest, three months, four areas, three audiences");
    assert_eq!(one.iter().map(|(p, _)| p).collect::<Vec<_>>(), two.iter().map(|(p, _)| p).collect::<Vec<_>>());
    for ((path, a), (_, b)) in one.iter().zip(&two) {
        assert!(a == b, "{} differs between two builds", path.display());
    }
    // Distinct issues, distinct Message-IDs.
    let mut ids: Vec<String> = one.iter().map(|(_, b)| header(b, "Message-ID").unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), one.len(), "{ids:?}");
}

#[test]
fn without_newsletter_config_the_site_sends_to_itself_and_offers_no_unsubscribe() {
    let site = TestSite::new();
    site.write(
        "forewarn.toml",
        "title = \"Acme notices\"\nbase_url = \"https://changes.example.com:8443/updates\"\nfeedback = \"mailto:p@example.com\"\n",
    );
    site.write("content/notices/layout.md", &GOOD_NOTICE.replace("published = 2026-10-01", "published = 2026-11-02"));
    site.build().expect(0);
    let bytes = std::fs::read(site.path().join("public/newsletter/latest.eml")).unwrap();
    let (message, text, html) = parse_eml(&bytes);
    let from = message.from().and_then(|a| a.first()).unwrap();
    assert_eq!((from.name(), from.address()), (Some("Acme notices"), Some("newsletter@changes.example.com")));
    let to = message.to().and_then(|a| a.first()).unwrap();
    assert_eq!(to.address(), Some("newsletter@changes.example.com"));
    assert_eq!(message.message_id(), Some("newsletter.latest.2026-10-24.2026-11-23@changes.example.com"));
    assert_eq!(header(&bytes, "List-Unsubscribe"), None);
    assert!(!html.contains("Unsubscribe") && !text.contains("Unsubscribe"));
    // Links keep base_url's path.
    assert!(text.contains("On the web: https://changes.example.com:8443/updates/newsletter/latest.html"), "{text}");
    assert_eq!(html_section(&html, "new"), ["Invoices get a new layout"]);
    let py = python_reads(&site.path().join("public/newsletter/latest.eml"));
    assert!(py.starts_with("multipart/alternative\nAcme notices <newsletter@changes.example.com>\n"), "{py}");

    // A mailto: unsubscribe goes into the header as it is.
    site.write(
        "forewarn.toml",
        "title = \"Acme notices\"\nbase_url = \"https://changes.example.com\"\nfeedback = \"mailto:p@example.com\"\n\n[newsletter]\nfrom = \"changes@acme.example\"\nunsubscribe = \"mailto:leave@acme.example\"\n",
    );
    site.build().expect(0);
    let bytes = std::fs::read(site.path().join("public/newsletter/latest.eml")).unwrap();
    let (message, text, _) = parse_eml(&bytes);
    assert_eq!(message.from().and_then(|a| a.first()).and_then(|a| a.address()), Some("changes@acme.example"));
    assert_eq!(header(&bytes, "List-Unsubscribe").as_deref(), Some("<mailto:leave@acme.example>"));
    assert!(text.contains("Unsubscribe: write to leave@acme.example"), "{text}");
}

// --------------------------------------------------------------- config

#[test]
fn a_bad_sender_or_unsubscribe_address_is_a_config_error_at_its_line() {
    let site = TestSite::fixture("newsletter-issues");
    let config = std::fs::read_to_string(site.path().join("forewarn.toml")).unwrap();
    let bad = config
        .replace("from = \"Acme changes <changes@acme.example>\"", "from = \"not an address\"")
        .replace("unsubscribe = \"https://acme.example/unsubscribe\"", "unsubscribe = \"javascript:x\"");
    assert_ne!(bad, config);
    site.write("forewarn.toml", &bad);
    let from_line = bad.lines().position(|l| l.starts_with("from =")).unwrap() + 1;
    let unsub_line = bad.lines().position(|l| l.starts_with("unsubscribe =")).unwrap() + 1;
    for args in [&["build"][..], &["newsletter", "--since", "2026-11-01"][..]] {
        let run = site.run(args);
        run.expect(2);
        assert!(
            run.stderr.contains("`newsletter.from` must be an email address, found `not an address`"),
            "{}",
            run.all()
        );
        assert!(run.stderr.contains(&format!("--> forewarn.toml:{from_line}:8")), "{}", run.all());
        assert!(
            run.stderr.contains("`newsletter.unsubscribe` must be an https URL or a mailto: address"),
            "{}",
            run.all()
        );
        assert!(run.stderr.contains(&format!("--> forewarn.toml:{unsub_line}:15")), "{}", run.all());
    }
    assert!(!site.has_output("index.html"), "nothing was written");

    // More that is not one mailbox.
    for from in ["a@b.example, c@d.example", "Acme <changes@acme.example", "changes", "Acme <changes@localhost>"] {
        site.write("forewarn.toml", &config.replace("Acme changes <changes@acme.example>", from));
        let run = site.run(&["check"]);
        run.expect(2);
        assert!(run.stderr.contains("`newsletter.from` must be an email address"), "{from}: {}", run.all());
    }
    for unsub in ["ftp://acme.example/unsubscribe", "/unsubscribe", "https://acme.example/a b"] {
        site.write("forewarn.toml", &config.replace("https://acme.example/unsubscribe", unsub));
        let run = site.run(&["check"]);
        run.expect(2);
        assert!(run.stderr.contains("`newsletter.unsubscribe` must be"), "{unsub}: {}", run.all());
    }
    // http: and mailto: are accepted.
    for unsub in ["http://acme.example/unsubscribe", "mailto:leave@acme.example"] {
        site.write("forewarn.toml", &config.replace("https://acme.example/unsubscribe", unsub));
        site.run(&["check"]).expect(0);
    }
}

// ------------------------------------------------------------ long lists

/// A site of 31 notices published in the latest issue's period, taking
/// effect on the 31 days of March 2027: all newly announced. Built.
fn crowded() -> Arc<TestSite> {
    static SHARED: Mutex<Weak<TestSite>> = Mutex::new(Weak::new());
    shared(&SHARED, || {
        let site = TestSite::new();
        site.write(
            "forewarn.toml",
            "title = \"Acme notices\"\nbase_url = \"https://changes.example.com\"\nfeedback = \"mailto:p@example.com\"\n",
        );
        for day in 1..=31 {
            site.write(
                &format!("content/notices/change-{day:02}.md"),
                &GOOD_NOTICE
                    .replace("title = \"Invoices get a new layout\"", &format!("title = \"Change number {day:02}\""))
                    .replace("published = 2026-10-01", "published = 2026-11-02")
                    .replace("effective = 2027-01-20T09:00:00Z", &format!("effective = 2027-03-{day:02}T09:00:00Z")),
            );
        }
        site
    })
}

#[test]
fn a_long_section_ends_with_and_n_more_and_a_link_to_the_rest() {
    let site = crowded();
    let html = site.output("newsletter/latest.html");
    let shown = html_section(&html, "new");
    assert!((1..=25).contains(&shown.len()), "{shown:?}");
    let names: Vec<String> = (1..=shown.len()).map(|d| format!("Change number {d:02}")).collect();
    assert_eq!(shown, names, "the soonest first");
    let rest = 31 - shown.len();
    let doc = Html::parse_document(&html);
    let new = doc.select(&sel("td.pad")).find(|c| c.select(&sel("h2#new")).next().is_some()).unwrap();
    let more = new.select(&sel("p")).find(|p| p.text().collect::<String>().starts_with("…and ")).expect("a more line");
    assert_eq!(more.text().collect::<String>(), format!("…and {rest} more: see them on the site."));
    let link = more.select(&sel("a")).next().unwrap();
    assert_eq!(link.value().attr("href"), Some("https://changes.example.com/notices/"));
    // Short sections have no such line.
    assert_eq!(html.matches("…and ").count(), 1);
    let text = site.output("newsletter/latest.txt");
    assert!(text.contains(&format!("…and {rest} more on the site: https://changes.example.com/notices/")), "{text}");
    assert_eq!(text.matches("\n* Change number").count(), shown.len());
    // Still under Gmail's clipping size.
    assert!(html.len() < 102_000, "{} bytes", html.len());
}

#[test]
fn a_section_shows_10_items_before_the_link() {
    let site = crowded();
    assert_eq!(html_section(&site.output("newsletter/latest.html"), "new").len(), 10);
    assert!(site.output("newsletter/latest.txt").contains("…and 21 more on the site:"));
}

// ---------------------------------------------------------------- feeds

#[test]
fn a_feed_title_names_the_effective_date_once() {
    let site = built();
    let rss = site.output("feed.xml");
    let titles: Vec<&str> = rss
        .split("<item>")
        .skip(1)
        .map(|item| {
            let start = item.find("<title>").unwrap() + "<title>".len();
            &item[start..item.find("</title>").unwrap()]
        })
        .collect();
    // The title says "from 4 May 2027" already.
    assert!(titles.contains(&format!("{AUDIT} (High impact)").as_str()), "{titles:?}");
    // One that names no date gets it.
    assert!(titles.contains(&"Reports API v1 is retired (High impact, takes effect January 12, 2027)"), "{titles:?}");
    assert!(
        titles.iter().all(|t| t.matches("4 May 2027").count() + t.matches("May 4, 2027").count() <= 1),
        "{titles:?}"
    );
    let json: serde_json::Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    let json_titles: Vec<&str> =
        json["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert!(json_titles.contains(&format!("{AUDIT} (High impact)").as_str()), "{json_titles:?}");
}

#[test]
fn a_title_naming_another_day_keeps_the_effective_date() {
    let site = TestSite::fixture("newsletter-issues");
    let path = site.path().join("content/notices/audit-archive.md");
    let text = std::fs::read_to_string(&path).unwrap();
    site.write(
        "content/notices/audit-archive.md",
        &text.replace(&format!("title = \"{AUDIT}\""), "title = \"Audit logs move on 14 May 2027\""),
    );
    site.build().expect(0);
    let rss = site.output("feed.xml");
    assert!(
        rss.contains("<title>Audit logs move on 14 May 2027 (High impact, takes effect May 4, 2027)</title>"),
        "{rss}"
    );
}
