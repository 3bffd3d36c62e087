//! Property tests of the library's parsers: slugs, dates, front
//! matter, markdown, and the escaping of output formats. Each property holds
//! for every input proptest generates, arbitrary strings included; a panic
//! anywhere is a failure.
//!
//! Cases marked `#[ignore = "BUG: …"]` describe the correct behaviour of a
//! bug that is not fixed yet.

#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub, missing_docs)]

use forewarn::content::{front_matter, markdown};
use forewarn::moment::{Moment, time_zone};
use forewarn::slug::{is_valid, slugify};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use proptest::prelude::*;

/// Site zones worth testing: UTC, one with DST, the extremes of the offset
/// range, a half-hour zone, and one whose DST change happens at midnight.
const ZONES: &[&str] =
    &["UTC", "Europe/Amsterdam", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns", "America/Santiago"];

fn zone() -> impl Strategy<Value = TimeZone> {
    proptest::sample::select(ZONES).prop_map(|z| time_zone(z).expect("known zone"))
}

/// Text made of pieces that matter to the parser under test, with some
/// arbitrary characters between them.
fn pieces(parts: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![4 => proptest::sample::select(parts).prop_map(str::to_string), 1 => any::<char>().prop_map(String::from), 1 => "[a-z ]{0,6}"],
        0..max,
    )
    .prop_map(|v| v.concat())
}

// ------------------------------------------------------------------- slugs

const SLUG_PIECES: &[&str] = &[
    "a", "Z", "0", "9", "-", "--", " ", "_", ".", "..", "/", "\\", "é", "Ü", "ß", "ø", "日本", "\u{202E}", "\u{0}",
    "\t", "\n", "😀", "İ", "ﬁ", "Å",
];

proptest! {
    #[test]
    fn slugify_gives_a_valid_slug_or_nothing(s in prop_oneof![any::<String>(), pieces(SLUG_PIECES, 40)]) {
        let slug = slugify(&s);
        prop_assert!(slug.is_empty() || is_valid(&slug), "{s:?} → {slug:?}");
        prop_assert!(slug.len() <= 200);
    }

    #[test]
    fn slugify_is_idempotent(s in prop_oneof![any::<String>(), pieces(SLUG_PIECES, 40)]) {
        let once = slugify(&s);
        prop_assert_eq!(slugify(&once), once);
    }

    #[test]
    fn valid_slugs_are_their_own_slug(s in "[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,5}") {
        prop_assert!(is_valid(&s));
        prop_assert_eq!(slugify(&s), s);
    }

    #[test]
    fn long_text_gives_a_slug_of_at_most_200_bytes(s in "[A-Za-z0-9 ,.-]{150,600}") {
        let slug = slugify(&s);
        prop_assert!(slug.is_empty() || is_valid(&slug), "{slug:?}");
    }

    #[test]
    fn is_valid_never_accepts_path_characters(s in any::<String>()) {
        if is_valid(&s) {
            prop_assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            prop_assert!(!s.contains(".."));
        }
    }
}

// ------------------------------------------------------------------- dates

const DATE_PIECES: &[&str] = &[
    "2027",
    "-",
    "03",
    "01",
    "T",
    "09",
    ":",
    "00",
    "Z",
    "+01:00",
    "-23:59",
    "[",
    "]",
    "Europe/Amsterdam",
    "Mars/Olympus",
    "9999",
    "10000",
    "0000",
    "-009999",
    "+",
    ".",
    "123456789",
    " ",
    "30",
    "31",
    "29",
    "02",
    "24",
    "60",
    "u-ca=iso8601",
    "!",
    "[!Europe/Paris]",
];

/// Timestamps in the accepted years (1970–9999), a day from either end so
/// that the year is in range in every zone, with nanoseconds.
fn timestamp() -> impl Strategy<Value = Timestamp> {
    (86_400..=Timestamp::MAX.as_second() - 86_400, 0..1_000_000_000i32)
        .prop_map(|(s, n)| Timestamp::new(s, n).expect("in range"))
}

proptest! {
    #[test]
    fn moment_parse_never_panics(s in prop_oneof![any::<String>(), pieces(DATE_PIECES, 16)], tz in zone()) {
        let _ = Moment::parse(&s, &tz);
    }

    #[test]
    fn timestamps_round_trip(ts in timestamp(), tz in zone()) {
        // As UTC (`…Z`), with the zone's offset, and with the zone's name.
        let zoned = ts.to_zoned(tz.clone());
        let with_offset = zoned.strftime("%Y-%m-%dT%H:%M:%S%.f%:z").to_string();
        for text in [ts.to_string(), zoned.to_string()] {
            let m = Moment::parse(&text, &TimeZone::UTC).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
            prop_assert_eq!(m.ts, ts, "{}", text);
            prop_assert!(!m.date_only);
        }
        {
            let m = Moment::parse(&with_offset, &TimeZone::UTC)
                .map_err(|e| TestCaseError::fail(format!("{with_offset}: {e}")))?;
            prop_assert_eq!(m.ts, ts, "{}", with_offset);
        }
    }

    #[test]
    fn what_notices_json_writes_reads_back(secs in 86_400i64..=253_402_207_200 - 86_400, tz in zone()) {
        // notices.json writes times as `%Y-%m-%dT%H:%M:%S%:z` in the site
        // zone; `check --against` reads them back with the same parser.
        let ts = Timestamp::from_second(secs).unwrap();
        let text = ts.to_zoned(tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
        let m = Moment::parse(&text, &tz).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(m.ts, ts, "{}", text);
    }

    #[test]
    fn bare_dates_are_midnight_in_the_site_zone(y in 1971i16..=9998, m in 1i8..=12, d in 1i8..=28, tz in zone()) {
        let date = Date::new(y, m, d).unwrap();
        let text = date.to_string();
        let parsed = Moment::parse(&text, &tz).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert!(parsed.date_only);
        prop_assert_eq!(parsed.ts, date.to_zoned(tz.clone()).unwrap().timestamp());
        prop_assert_eq!(parsed.in_zone(&tz).date(), date, "a bare date stays on its day");
    }

    #[test]
    fn later_dates_are_later_moments(a in 0i32..2_900_000, b in 0i32..2_900_000, tz in zone()) {
        let day = |n: i32| Date::new(1971, 1, 1).unwrap().checked_add(jiff::Span::new().days(n)).unwrap();
        let (da, db) = (day(a), day(b));
        let ma = Moment::parse(&da.to_string(), &tz).unwrap();
        let mb = Moment::parse(&db.to_string(), &tz).unwrap();
        prop_assert_eq!(da.cmp(&db), ma.cmp(&mb));
    }

    #[test]
    fn end_of_day_is_on_the_same_day(y in 1971i16..=9998, m in 1i8..=12, d in 1i8..=28, tz in zone()) {
        let date = Date::new(y, m, d).unwrap();
        let start = Moment::parse(&date.to_string(), &tz).unwrap();
        let end = start.end_of_day(&tz);
        prop_assert!(end.ts > start.ts);
        prop_assert_eq!(end.in_zone(&tz).date(), date);
    }

    #[test]
    fn years_outside_1970_to_9999_are_errors(y in 0i32..=1969, m in 1i8..=12, d in 1i8..=28, tz in zone(), time in proptest::option::of("T[01][0-9]:[0-5][0-9]:00(Z|\\+01:00)?")) {
        let text = format!("{y:04}-{m:02}-{d:02}{}", time.unwrap_or_default());
        prop_assert!(Moment::parse(&text, &tz).is_err(), "{}", text);
    }

    #[test]
    fn impossible_calendar_dates_are_errors(y in 1971i16..=9998, m in 1i8..=12, d in 29i8..=40, tz in zone()) {
        let text = format!("{y:04}-{m:02}-{d:02}");
        let real = Date::new(y, m, d).is_ok();
        prop_assert_eq!(Moment::parse(&text, &tz).is_ok(), real, "{}", text);
    }
}

// ------------------------------------------------------------ front matter

const FM_PIECES: &[&str] = &[
    "+++\n",
    "---\n",
    "+++",
    "---",
    "\r\n",
    "\n",
    "title = ",
    "title: ",
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ":",
    "- ",
    "  ",
    "\t",
    "#",
    ",",
    "2027-03-01",
    "T09:00:00Z",
    "[data]\n",
    "[[updates]]\n",
    "data:\n",
    "updates:\n",
    "&a ",
    "*a",
    "!!str ",
    "? ",
    "|\n",
    ">\n",
    "~",
    "null",
    "true",
    "no",
    "1e400",
    "0x",
    "é",
    "\u{feff}",
    "\\u",
    "\\",
    ".",
    "a.b = 1\n",
    "extra",
    "...\n",
];

proptest! {
    #[test]
    fn split_and_parse_never_panic(s in prop_oneof![any::<String>(), pieces(FM_PIECES, 40)]) {
        if let Ok(split) = front_matter::split(&s) {
            prop_assert!(s.ends_with(split.body), "the body is the rest of the file");
            prop_assert!(s.contains(split.front_matter));
            prop_assert!(split.body_line >= 3);
            let _ = front_matter::parse(&split);
            let locator = split.locator();
            let lines = s.lines().count().max(1);
            for path in [&["title"][..], &["data", "disposition"], &["updates", "0", "date"], &["a", "b"], &[""]] {
                for span in [locator.value(path), locator.key(path)] {
                    prop_assert!(span.line >= 1 && span.line <= lines + 1, "{path:?} → {span:?} of {lines} lines");
                    prop_assert!(span.column >= 1 && span.len >= 1);
                }
            }
        }
    }

    #[test]
    fn a_problem_points_inside_the_file(s in pieces(FM_PIECES, 40)) {
        let text = format!("+++\n{s}\n+++\n\nBody.\n");
        let lines = text.lines().count();
        let problem = match front_matter::split(&text) {
            Err(p) => Some(p),
            Ok(split) => front_matter::parse(&split).err(),
        };
        if let Some(p) = problem {
            prop_assert!(p.span.line >= 1 && p.span.line <= lines + 1, "{:?} of {} lines", p.span, lines);
            prop_assert!(p.help.is_some(), "every problem has a hint: {:?}", p);
        }
    }
}

// ---------------------------------------------------------------- markdown

const MD_PIECES: &[&str] = &[
    "<script>",
    "</script>",
    "<SCRIPT",
    "<ScRiPt src=x>",
    "<scr",
    "ipt>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=x>",
    "<a href=\"javascript:alert(1)\">",
    "javascript:",
    "JAVASCRIPT:",
    "java\tscript:",
    "&#106;avascript:",
    "&colon;",
    "[",
    "]",
    "(",
    ")",
    "](",
    "![",
    "<",
    ">",
    "<!--",
    "-->",
    "`",
    "```",
    "```js\n",
    "~~~",
    "\n",
    "\n\n",
    "    ",
    "> ",
    "- ",
    "1. ",
    "* ",
    "_",
    "**",
    "# ",
    "## ",
    "|",
    "|---|",
    "[^1]",
    "[^1]: ",
    "\\",
    "&",
    "&amp;",
    "&lt;",
    "\"",
    "'",
    "=",
    "{",
    "}",
    "#x",
    ".c",
    "- [ ] ",
    "- [x] ",
    "https://a.example/",
    "mailto:a@b.c",
    "data:text/html,",
    "<http://x>",
    "<javascript:x>",
    "\u{0}",
    "\u{202E}",
    "é",
    "\r",
];

/// Lines of markdown, some of them headings ending with an attribute block
/// (`{#id .class key=value}`).
fn heading_lines() -> impl Strategy<Value = String> {
    let attrs = proptest::collection::vec(
        proptest::sample::select(
            &["onclick=alert(1)", "onmouseover=x", "#id", ".c", "style=x", "data-x=1", "title=t"][..],
        ),
        0..4,
    );
    let line = (proptest::sample::select(&["# ", "## ", "### ", "", "Text\n---\n"][..]), "[a-z ]{0,8}", attrs)
        .prop_map(|(h, text, attrs)| format!("{h}{text} {{{}}}", attrs.join(" ")));
    proptest::collection::vec(line, 1..6).prop_map(|lines| lines.join("\n\n"))
}

fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn markdown_never_panics_and_never_emits_a_script(s in prop_oneof![any::<String>(), pieces(MD_PIECES, 60)]) {
        let r = markdown::render(&s);
        prop_assert!(!lower(&r.html).contains("<script"), "{s:?}\n→ {}", r.html);
        prop_assert!(!lower(&r.summary_html).contains("<script"));
        let r = markdown::render_at(&s, Some("/notices/x/"));
        prop_assert!(!lower(&r.html).contains("<script"), "{s:?}\n→ {}", r.html);
        let _ = markdown::to_text(&s);
    }

    #[test]
    fn markdown_links_never_get_a_script_target(s in pieces(MD_PIECES, 60)) {
        let html = markdown::render(&s).html;
        let doc = scraper::Html::parse_fragment(&html);
        for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
            for (name, value) in el.value().attrs() {
                if matches!(name, "href" | "src") {
                    let v: String = value.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect();
                    prop_assert!(!lower(&v).starts_with("javascript:"), "{s:?}\n→ {html}");
                    prop_assert!(!lower(&v).starts_with("data:"), "{s:?}\n→ {html}");
                }
            }
            prop_assert!(
                !matches!(el.value().name(), "script" | "iframe" | "svg" | "object" | "embed" | "style"),
                "{s:?}\n→ {html}"
            );
        }
    }

    #[test]
    fn unsafe_schemes_are_never_safe(scheme in "(?i)(javascript|vbscript|data|file)", rest in ".{0,20}", pad in "[ \t\u{1}]{0,3}") {
        let url = format!("{pad}{scheme}:{rest}");
        prop_assert!(!forewarn::url::is_safe(&url), "{url:?}");
    }

    #[test]
    fn alias_paths_stay_inside_the_output(s in prop_oneof![any::<String>(), pieces(&["/", "..", ".", "a", "\\", "?", "#", "%2e", "index.html", "\u{0}", "-"], 20)]) {
        if let Some(p) = forewarn::url::alias_path(&s) {
            prop_assert!(forewarn::output::is_contained(&p), "{s:?} → {p:?}");
            prop_assert!(p.components().all(|c| !c.as_os_str().to_string_lossy().starts_with('.')), "{s:?} → {p:?}");
        }
    }

    #[test]
    fn xml_escape_leaves_no_markup(s in prop_oneof![any::<String>(), pieces(MD_PIECES, 30)]) {
        let e = forewarn::render::feeds::xml_escape(&s);
        prop_assert!(!e.contains('<') && !e.contains('>') && !e.contains('"'));
        prop_assert!(!e.chars().any(|c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')));
        for (i, _) in e.match_indices('&') {
            let rest = &e[i..];
            prop_assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].iter().any(|r| rest.starts_with(r)), "{e:?}");
        }
    }

    #[test]
    fn ics_text_escaping_leaves_nothing_bare(s in prop_oneof![any::<String>(), pieces(&[",", ";", "\\", "\n", "\r\n", "a", "\u{7}"], 30)]) {
        let e = forewarn::render::calendar::escape_text(&s);
        prop_assert!(!e.chars().any(char::is_control), "{e:?}");
        let mut chars = e.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => prop_assert!(matches!(chars.next(), Some('\\' | ';' | ',' | 'n')), "{e:?}"),
                ';' | ',' => prop_assert!(false, "a bare {c:?} in {e:?}"),
                _ => {}
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn markdown_never_emits_an_event_handler(s in heading_lines()) {
        let html = markdown::render(&s).html;
        let doc = scraper::Html::parse_fragment(&html);
        for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
            for (name, _) in el.value().attrs() {
                prop_assert!(!lower(name).starts_with("on") && name != "style", "{s:?}\n→ {html}");
            }
        }
    }
}
