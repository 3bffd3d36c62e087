//! Calendar channels: `[calendar] remind_days` as VALARMs, withdrawn
//! notices as cancelled events of a higher SEQUENCE, the latest update note
//! in the event description, `webcal://` subscription links beside the
//! `.ics` downloads, and every calendar the sample site writes read back by
//! a strict reading of RFC 5545 written here (§3.1 content lines and
//! folding, §3.4–§3.6 component nesting and required properties, §3.3.6
//! durations).

use std::collections::HashSet;

use crate::support::{GOOD_NOTICE, TestSite, page, sel};

// ---------------------------------------------------------------------------
// A strict reader of RFC 5545

/// One content line (unfolded): `NAME;PARAM=V:VALUE`.
#[derive(Debug, Clone)]
struct Prop {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

/// A component: `BEGIN:NAME` … `END:NAME`.
#[derive(Debug, Default)]
struct Component {
    name: String,
    props: Vec<Prop>,
    children: Vec<Component>,
}

impl Component {
    fn all(&self, name: &str) -> Vec<&Prop> {
        self.props.iter().filter(|p| p.name == name).collect()
    }

    fn get(&self, name: &str) -> &str {
        let found = self.all(name);
        assert_eq!(found.len(), 1, "{name} in {}: {found:?}", self.name);
        &found[0].value
    }

    fn param(&self, prop: &str, param: &str) -> Option<&str> {
        self.all(prop).first()?.params.iter().find(|(k, _)| k == param).map(|(_, v)| v.as_str())
    }

    fn events(&self) -> Vec<&Component> {
        self.children.iter().filter(|c| c.name == "VEVENT").collect()
    }

    fn alarms(&self) -> Vec<&Component> {
        self.children.iter().filter(|c| c.name == "VALARM").collect()
    }
}

/// Content lines, unfolded, of `bytes`, after checking the physical lines:
/// CRLF ends only, at most 75 octets each, continuation lines start with a
/// space or tab, no multi-octet character split by a fold.
fn unfold(bytes: &[u8], what: &str) -> Vec<String> {
    assert!(bytes.ends_with(b"\r\n"), "{what}: the last line does not end with CRLF");
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let mut lines: Vec<String> = Vec::new();
    let physical: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    for (n, line) in physical.iter().enumerate() {
        assert!(!line.contains(['\r', '\n']), "{what}:{}: a bare CR or LF", n + 1);
        assert!(line.len() <= 75, "{what}:{}: {} octets: {line:?}", n + 1, line.len());
        assert!(!line.is_empty(), "{what}:{}: an empty line", n + 1);
        if let Some(rest) = line.strip_prefix([' ', '\t']) {
            let last = lines.last_mut().unwrap_or_else(|| panic!("{what}: begins with a continuation line"));
            last.push_str(rest);
        } else {
            lines.push((*line).to_string());
        }
    }
    lines
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Splits one content line into name, parameters and value (§3.1).
fn content_line(line: &str, what: &str) -> Prop {
    let end = line.find([';', ':']).unwrap_or_else(|| panic!("{what}: no `:` in {line:?}"));
    let name = &line[..end];
    assert!(is_name(name), "{what}: bad property name {name:?} in {line:?}");
    let mut rest = &line[end..];
    let mut params = Vec::new();
    while let Some(r) = rest.strip_prefix(';') {
        let eq = r.find('=').unwrap_or_else(|| panic!("{what}: parameter without `=` in {line:?}"));
        let pname = &r[..eq];
        assert!(is_name(pname), "{what}: bad parameter name {pname:?} in {line:?}");
        let r = &r[eq + 1..];
        let (value, after) = if let Some(q) = r.strip_prefix('"') {
            let close = q.find('"').unwrap_or_else(|| panic!("{what}: unterminated quote in {line:?}"));
            (&q[..close], &q[close + 1..])
        } else {
            let stop = r.find([';', ':']).unwrap_or_else(|| panic!("{what}: no `:` in {line:?}"));
            assert!(!r[..stop].contains(['"', ',']), "{what}: unquoted parameter value in {line:?}");
            (&r[..stop], &r[stop..])
        };
        params.push((pname.to_ascii_uppercase(), value.to_string()));
        rest = after;
    }
    let value = rest.strip_prefix(':').unwrap_or_else(|| panic!("{what}: no `:` after the parameters of {line:?}"));
    assert!(!value.chars().any(|c| c.is_control() && c != '\t'), "{what}: a control character in {line:?}");
    Prop { name: name.to_ascii_uppercase(), params, value: value.to_string() }
}

/// A TEXT value (§3.3.11): `;` and `,` escaped, a backslash only before
/// `\`, `;`, `,`, `n` or `N`. Returns the text it stands for.
fn text(value: &str, what: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(e @ ('\\' | ';' | ',')) => out.push(e),
                other => panic!("{what}: bad escape \\{other:?} in {value:?}"),
            },
            ';' | ',' => panic!("{what}: unescaped {c:?} in TEXT {value:?}"),
            c => out.push(c),
        }
    }
    out
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `dur-value` (§3.3.6): `[+/-]P` then weeks (`1W`), or days and an
/// optional time (`1DT2H`), or a time alone (`T` then hours, minutes,
/// seconds in that order, without a gap: `H`, `HM`, `HMS`, `M`, `MS`, `S`).
fn is_duration(s: &str) -> bool {
    /// The units of `s`, each after at least one digit, or `None`.
    fn units(s: &str) -> Option<String> {
        let mut out = String::new();
        let mut number = false;
        for c in s.chars() {
            match c {
                '0'..='9' => number = true,
                u if number => {
                    out.push(u);
                    number = false;
                }
                _ => return None,
            }
        }
        (!number).then_some(out)
    }
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let Some(s) = s.strip_prefix('P') else { return false };
    let (date, time) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let (Some(date), time) = (units(date), time.map(units)) else { return false };
    let time_ok = match &time {
        None => true,
        Some(Some(t)) => matches!(t.as_str(), "H" | "HM" | "HMS" | "M" | "MS" | "S"),
        Some(None) => false,
    };
    match (date.as_str(), time.is_some()) {
        ("W", false) | ("D", _) => time_ok,
        ("", true) => time_ok,
        _ => false,
    }
}

/// A DATE (`20270120`) or a UTC DATE-TIME (`20270120T090000Z`) value of
/// `prop` in `c`, as comparable text, and whether it is a date.
fn moment(c: &Component, prop: &str, what: &str) -> (String, bool) {
    let v = c.get(prop);
    if c.param(prop, "VALUE") == Some("DATE") {
        assert!(v.len() == 8 && digits(v), "{what}: {prop} is not a DATE: {v}");
        (v.to_string(), true)
    } else {
        let ok = v.len() == 16 && digits(&v[..8]) && &v[8..9] == "T" && digits(&v[9..15]) && v.ends_with('Z');
        assert!(ok, "{what}: {prop} is not a UTC DATE-TIME: {v}");
        (v.to_string(), false)
    }
}

/// Properties a component may hold at most once (§3.6.1, §3.6.6, §3.7).
const ONCE: [(&str, &[&str]); 3] = [
    ("VCALENDAR", &["PRODID", "VERSION", "CALSCALE", "METHOD"]),
    (
        "VEVENT",
        &[
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "DURATION",
            "SEQUENCE",
            "SUMMARY",
            "DESCRIPTION",
            "URL",
            "STATUS",
            "TRANSP",
            "CLASS",
        ],
    ),
    ("VALARM", &["ACTION", "TRIGGER", "DESCRIPTION", "DURATION", "REPEAT"]),
];

/// Properties a component must hold.
const REQUIRED: [(&str, &[&str]); 3] = [
    ("VCALENDAR", &["PRODID", "VERSION"]),
    ("VEVENT", &["UID", "DTSTAMP", "DTSTART"]),
    ("VALARM", &["ACTION", "TRIGGER"]),
];

/// Which component may hold which (`None`: the top level).
fn may_nest(parent: Option<&str>, child: &str) -> bool {
    matches!((parent, child), (None, "VCALENDAR") | (Some("VCALENDAR"), "VEVENT") | (Some("VEVENT"), "VALARM"))
}

fn check_component(c: &Component, what: &str) {
    let list = |table: &[(&str, &'static [&'static str])]| -> &'static [&'static str] {
        table.iter().find(|(n, _)| *n == c.name).map_or(&[], |(_, l)| *l)
    };
    for name in list(&ONCE) {
        assert!(c.all(name).len() <= 1, "{what}: {name} more than once in {}", c.name);
    }
    for name in list(&REQUIRED) {
        assert_eq!(c.all(name).len(), 1, "{what}: {} without {name}", c.name);
    }
    for p in &c.props {
        if matches!(p.name.as_str(), "SUMMARY" | "DESCRIPTION" | "X-WR-CALNAME" | "X-WR-CALDESC") {
            text(&p.value, what);
        }
    }
    match c.name.as_str() {
        "VCALENDAR" => {
            assert_eq!(c.get("VERSION"), "2.0", "{what}");
            let uids: Vec<&str> = c.events().iter().map(|e| e.get("UID")).collect();
            assert_eq!(uids.iter().collect::<HashSet<_>>().len(), uids.len(), "{what}: a UID twice: {uids:?}");
        }
        "VEVENT" => {
            let uid = c.get("UID");
            let what = &format!("{what} {uid}");
            let stamp = c.get("DTSTAMP");
            assert!(stamp.len() == 16 && stamp.ends_with('Z'), "{what}: DTSTAMP {stamp}");
            assert!(c.all("DTEND").is_empty() || c.all("DURATION").is_empty(), "{what}: DTEND and DURATION");
            let (start, start_is_date) = moment(c, "DTSTART", what);
            if !c.all("DTEND").is_empty() {
                let (end, end_is_date) = moment(c, "DTEND", what);
                assert_eq!(start_is_date, end_is_date, "{what}: DTSTART and DTEND of different types");
                assert!(end > start, "{what}: DTEND {end} not after DTSTART {start}");
            }
            assert!(digits(c.get("SEQUENCE")), "{what}: SEQUENCE {}", c.get("SEQUENCE"));
            assert!(matches!(c.get("STATUS"), "TENTATIVE" | "CONFIRMED" | "CANCELLED"), "{what}");
        }
        "VALARM" => {
            let trigger = c.get("TRIGGER");
            assert!(is_duration(trigger), "{what}: TRIGGER {trigger} is not a dur-value");
            if c.get("ACTION") == "DISPLAY" {
                assert_eq!(c.all("DESCRIPTION").len(), 1, "{what}: a DISPLAY alarm without DESCRIPTION");
            }
            // DURATION and REPEAT come together or not at all.
            assert_eq!(c.all("DURATION").len(), c.all("REPEAT").len(), "{what}");
        }
        _ => {}
    }
    for child in &c.children {
        check_component(child, what);
    }
}

/// Reads `bytes` strictly: the one VCALENDAR they hold, every rule above
/// checked.
fn parse_ics(bytes: &[u8], what: &str) -> Component {
    let mut stack: Vec<Component> = Vec::new();
    let mut done: Vec<Component> = Vec::new();
    for line in unfold(bytes, what) {
        let p = content_line(&line, what);
        match p.name.as_str() {
            "BEGIN" => {
                assert!(p.params.is_empty(), "{what}: {line}");
                assert!(
                    may_nest(stack.last().map(|c| c.name.as_str()), &p.value),
                    "{what}: {} inside {:?}",
                    p.value,
                    stack.last().map(|c| &c.name)
                );
                stack.push(Component { name: p.value, ..Component::default() });
            }
            "END" => {
                let c = stack.pop().unwrap_or_else(|| panic!("{what}: {line} without BEGIN"));
                assert_eq!(c.name, p.value, "{what}: BEGIN:{} closed by {line}", c.name);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(c),
                    None => done.push(c),
                }
            }
            _ => stack.last_mut().unwrap_or_else(|| panic!("{what}: {line} outside a component")).props.push(p),
        }
    }
    assert!(stack.is_empty(), "{what}: BEGIN:{} never ends", stack[0].name);
    assert_eq!(done.len(), 1, "{what}: one VCALENDAR expected");
    let cal = done.pop().unwrap();
    check_component(&cal, what);
    cal
}

fn calendar(site: &TestSite, rel: &str) -> Component {
    let bytes = std::fs::read(site.path().join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    parse_ics(&bytes, rel)
}

fn event<'a>(cal: &'a Component, slug: &str) -> &'a Component {
    let uid = format!("notice-{slug}@");
    cal.events().into_iter().find(|e| e.get("UID").starts_with(&uid)).unwrap_or_else(|| panic!("no event {uid}"))
}

// ---------------------------------------------------------------------------
// A site with reminders

const CONFIG: &str = "title = \"Acme notices\"\nbase_url = \"https://changes.example.com\"\nfeedback = \"mailto:p@example.com\"\n\n[calendar]\nremind_days = [7, 1]\n";

/// `notice` with `extra` added at the end of its front matter.
fn with_front(notice: &str, extra: &str) -> String {
    let close = notice[3..].find("+++").unwrap() + 3;
    format!("{}{extra}\n{}", &notice[..close], &notice[close..])
}

/// The notice of `GOOD_NOTICE` (medium, 2027-01-20 09:00 UTC) with two
/// updates, the later one moving it.
fn layout() -> String {
    with_front(
        GOOD_NOTICE,
        "\n[data]\ndisposition = \"unaffected\"\n\n[[updates]]\ndate = 2026-10-15\nnote = \"The preview opens on 1 December.\"\n\n[[updates]]\ndate = 2026-11-02\nnote = \"Moved from 13 January to 20 January; the *preview* stays open.\"\nchanges = [\"effective\"]",
    )
}

/// A low-impact notice on the API, no updates.
const WEBHOOKS: &str = r#"+++
title = "Webhook retries back off longer"
published = 2026-11-01
effective = 2026-12-10T09:00:00Z
impact = "low"
audience = ["API users"]
areas = ["api"]
feedback = "mailto:api@example.com"
+++

Failed webhook deliveries are retried over 24 hours instead of 6, with longer pauses between attempts, so a short outage on your side loses no events.
"#;

/// A notice that will not happen, withdrawn on 20 November.
fn withdrawn() -> String {
    with_front(&layout(), "\n[withdrawn]\ndate = 2026-11-20\nreason = \"Customers asked us to keep it.\"")
        .replace("Invoices get a new layout", "Invoices lose the logo")
        .replacen("+++\n", "+++\nslug = \"logo\"\n", 1)
}

fn site() -> TestSite {
    let site = TestSite::with_file("forewarn.toml", CONFIG);
    site.write("content/notices/invoice-layout.md", &layout());
    site.write("content/notices/webhooks.md", WEBHOOKS);
    site
}

#[test]
fn the_test_notices_read_as_intended() {
    // The helpers above splice front matter: make sure of what they give.
    let l = layout();
    assert_eq!(l.matches("+++").count(), 2, "{l}");
    assert!(l.contains("changes = [\"effective\"]\n+++\n\nInvoices will use"), "{l}");
    let w = withdrawn();
    assert!(w.starts_with("+++\nslug = \"logo\"\ntitle = \"Invoices lose the logo\"\n"), "{w}");
    assert!(w.contains("reason = \"Customers asked us to keep it.\"\n+++\n"), "{w}");
}

#[test]
fn reminders_are_alarms_in_every_event_that_goes_ahead() {
    let site = site();
    site.write("content/notices/logo.md", &withdrawn());
    site.build().expect(0);
    let cal = calendar(&site, "calendar.ics");
    assert_eq!(cal.events().len(), 3);
    for slug in ["invoice-layout", "webhooks"] {
        let e = event(&cal, slug);
        assert_eq!(e.get("STATUS"), "CONFIRMED");
        let alarms = e.alarms();
        let triggers: Vec<&str> = alarms.iter().map(|a| a.get("TRIGGER")).collect();
        assert_eq!(triggers, ["-P7D", "-P1D"], "{slug}");
        for a in alarms {
            assert_eq!(a.get("ACTION"), "DISPLAY");
            let says = text(a.get("DESCRIPTION"), slug);
            assert!(says.ends_with(&text(e.get("SUMMARY"), slug)), "{says}");
        }
    }
    assert!(event(&cal, "invoice-layout").alarms()[0].get("DESCRIPTION").starts_with("In 7 days: "));
    assert!(event(&cal, "invoice-layout").alarms()[1].get("DESCRIPTION").starts_with("Tomorrow: "));
    // A change that will not happen reminds nobody.
    let logo = event(&cal, "logo");
    assert_eq!(logo.get("STATUS"), "CANCELLED");
    assert!(logo.alarms().is_empty());
    // The area and audience calendars and "Add to calendar" carry the same.
    for rel in ["areas/api/calendar.ics", "audiences/api-users/calendar.ics", "notices/webhooks/event.ics"] {
        let cal = calendar(&site, rel);
        assert_eq!(cal.events().len(), 1, "{rel}");
        assert_eq!(event(&cal, "webhooks").alarms().len(), 2, "{rel}");
    }
}

#[test]
fn no_reminders_without_remind_days() {
    let site = site();
    site.write("forewarn.toml", &CONFIG.replace("remind_days = [7, 1]", "remind_days = []"));
    site.build().expect(0);
    assert!(!site.output("calendar.ics").contains("VALARM"));
    site.write("forewarn.toml", &CONFIG.replace("\n[calendar]\nremind_days = [7, 1]\n", ""));
    site.build().expect(0);
    assert!(!site.output("calendar.ics").contains("VALARM"));
    // 0 reminds at the start: PT0S, a valid dur-value.
    site.write("forewarn.toml", &CONFIG.replace("[7, 1]", "[0]"));
    site.build().expect(0);
    let cal = calendar(&site, "calendar.ics");
    assert_eq!(event(&cal, "webhooks").alarms()[0].get("TRIGGER"), "PT0S");
}

#[test]
fn a_withdrawn_notice_is_cancelled_with_a_higher_sequence() {
    let site = site();
    site.build().expect(0);
    let before = calendar(&site, "calendar.ics");
    let published = event(&before, "invoice-layout");
    let (uid, sequence) = (published.get("UID").to_string(), published.get("SEQUENCE").parse::<u64>().unwrap());
    assert_eq!(sequence, 2, "two updates");
    assert_eq!(published.get("DTSTAMP"), "20261102T000000Z", "the last update");

    let notice = with_front(
        &layout(),
        "\n[withdrawn]\ndate = 2026-11-20T10:00:00Z\nreason = \"Customers asked us to keep the classic layout.\"",
    );
    site.write("content/notices/invoice-layout.md", &notice);
    site.build().expect(0);
    let bytes = site.output("calendar.ics");
    let after = calendar(&site, "calendar.ics");
    let cancelled = event(&after, "invoice-layout");
    assert_eq!(cancelled.get("UID"), uid, "the same event");
    assert_eq!(cancelled.get("STATUS"), "CANCELLED");
    assert!(cancelled.get("SEQUENCE").parse::<u64>().unwrap() > sequence, "{}", cancelled.get("SEQUENCE"));
    assert_eq!(cancelled.get("DTSTAMP"), "20261120T100000Z", "the withdrawal is the last change");
    assert!(text(cancelled.get("DESCRIPTION"), "").starts_with("Withdrawn: this change will not happen."));

    // DTSTAMP and the rest follow the input, not the build time.
    site.run_env(&["build", "--as-of", "2027-03-01T00:00:00Z"], &[]).expect(0);
    assert_eq!(site.output("calendar.ics"), bytes);
}

#[test]
fn the_description_carries_the_latest_update_note() {
    let site = site();
    site.build().expect(0);
    let cal = calendar(&site, "calendar.ics");
    let description = text(event(&cal, "invoice-layout").get("DESCRIPTION"), "invoice-layout");
    assert!(
        description.contains(
            "\n\nLatest update (November 2, 2026): Moved from 13 January to 20 January; the preview stays open.\n\n"
        ),
        "{description}"
    );
    assert!(!description.contains("The preview opens on 1 December"), "only the latest: {description}");
    let description = text(event(&cal, "webhooks").get("DESCRIPTION"), "webhooks");
    assert!(!description.contains("Latest update"), "{description}");
}

/// The `webcal://` links of `rel`, each checked: on `origin`, to a
/// `calendar.ics`, with a download link to the same path on the page.
fn webcal_links(site: &TestSite, rel: &str, origin: &str) -> Vec<String> {
    let html = page(site, rel);
    let hrefs: Vec<String> =
        html.select(&sel("a[href]")).filter_map(|a| a.value().attr("href")).map(str::to_string).collect();
    let webcal: Vec<String> = hrefs.iter().filter(|h| h.starts_with("webcal://")).cloned().collect();
    for w in &webcal {
        let rest = w.strip_prefix("webcal://").unwrap();
        let path = &rest[rest.find('/').unwrap()..];
        assert!(rest.starts_with(origin), "{rel}: {w} is not on {origin}");
        assert!(path.ends_with("/calendar.ics"), "{rel}: {w}");
        assert!(hrefs.iter().any(|h| h == path), "{rel}: no download link beside {w}: {hrefs:?}");
    }
    webcal
}

#[test]
fn pages_offer_webcal_subscriptions_beside_the_ics_files() {
    // An http base URL below a path (as `serve` has): still webcal://.
    let site = site();
    site.write("forewarn.toml", &CONFIG.replace("https://changes.example.com", "http://127.0.0.1:1111/changes"));
    site.build().expect(0);
    let origin = "127.0.0.1:1111/changes/";
    let home = webcal_links(&site, "index.html", origin);
    assert!(home.contains(&"webcal://127.0.0.1:1111/changes/calendar.ics".to_string()), "{home:?}");
    let body = site.output("index.html");
    assert!(body.contains(">subscribe in your calendar app</a>"), "the subscribe box");
    assert!(body.contains(">download .ics</a>"));
    for (rel, own) in [("areas/api/index.html", "areas/api"), ("audiences/api-users/index.html", "audiences/api-users")]
    {
        let links = webcal_links(&site, rel, origin);
        let url = format!("webcal://127.0.0.1:1111/changes/{own}/calendar.ics");
        assert!(links.contains(&url), "{rel}: {links:?}");
        // The subscription is the facet's own, and the file is there.
        assert!(site.has_output(&format!("{own}/calendar.ics")));
        let line = page(&site, rel).select(&sel(".subscribe-line")).next().map(|p| p.inner_html()).unwrap();
        assert!(line.contains(&format!("href=\"{url}\">Subscribe in your calendar app</a>")), "{line}");
        assert!(line.contains(&format!("href=\"/changes/{own}/calendar.ics\">download .ics</a>")), "{line}");
    }
    // Every page's footer has the site's subscription.
    let notice = webcal_links(&site, "notices/invoice-layout/index.html", origin);
    assert_eq!(notice, ["webcal://127.0.0.1:1111/changes/calendar.ics"]);
}

#[test]
fn every_calendar_of_the_sample_site_is_strict_rfc5545() {
    let site = TestSite::sample();
    assert!(std::fs::read_to_string(site.path().join("forewarn.toml")).unwrap().contains("remind_days = [7, 1]"));
    site.build().expect(0);
    let files: Vec<_> = site.output_files().into_iter().filter(|p| p.extension().is_some_and(|e| e == "ics")).collect();
    assert!(files.len() > 10, "{files:?}");
    let mut alarms = 0;
    for rel in &files {
        let cal = calendar(&site, &rel.to_string_lossy());
        assert!(!cal.events().is_empty(), "{}", rel.display());
        for e in cal.events() {
            let n = e.alarms().len();
            assert_eq!(n, if e.get("STATUS") == "CANCELLED" { 0 } else { 2 }, "{} {}", rel.display(), e.get("UID"));
            alarms += n;
        }
    }
    assert!(alarms > 0);
}

#[test]
fn the_strict_reader_catches_what_it_should() {
    let good = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270101T000000Z\r\nSEQUENCE:0\r\nSTATUS:CONFIRMED\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:x\r\nTRIGGER:-P1D\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    parse_ics(good.as_bytes(), "good");
    let bad = [
        good.replace("\r\n", "\n"),
        good.replace("TRIGGER:-P1D", "TRIGGER:-1D"),
        good.replace("UID:a\r\n", ""),
        good.replace("BEGIN:VALARM", "BEGIN:VALARM\r\nBEGIN:VEVENT").replace("END:VALARM", "END:VEVENT\r\nEND:VALARM"),
        good.replace("END:VALARM\r\n", ""),
        good.replace("PRODID:x", &format!("PRODID:{}", "x".repeat(80))),
        good.replace("DESCRIPTION:x", "DESCRIPTION:a,b"),
    ];
    for (i, b) in bad.iter().enumerate() {
        let caught = std::panic::catch_unwind(|| parse_ics(b.as_bytes(), "bad"));
        assert!(caught.is_err(), "bad #{i} passed");
    }
    for d in ["P7D", "-P7D", "PT0S", "-PT15M", "P1W", "P1DT2H", "PT1H30M", "+P0D"] {
        assert!(is_duration(d), "{d}");
    }
    for d in ["P", "PT", "-7D", "P1H", "PT1D", "P1W2D", "PTS", "P1DT"] {
        assert!(!is_duration(d), "{d}");
    }
}
