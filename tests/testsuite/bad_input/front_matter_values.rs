//! Front matter that parses but holds the wrong thing: types, dates, unknown keys, values outside the allowed set.

use super::*;

// ----------------------------------------------------------- wrong types

#[test]
fn wrong_type_for_every_notice_key() {
    // (the key's line as written, the type named in the message)
    let cases: &[(&str, &str)] = &[
        ("title = 42", "`title` must be a string, found an integer"),
        ("published = true", "`published` must be a date or datetime, found a boolean"),
        ("effective = [2027]", "`effective` must be a date or datetime, found a list"),
        ("ends = 3", "`ends` must be a date or datetime, found an integer"),
        ("impact = 1", "`impact` must be one of `low`, `medium`, `high`, `breaking`, found an integer"),
        ("audience = 5", "`audience` must be a list of strings, found an integer"),
        ("audience = [1, 2]", "`audience` must be a list of strings, found an integer"),
        ("areas = { billing = true }", "`areas` must be a list of strings, found a table"),
        ("scope = []", "`scope` must be a string, found a list"),
        ("summary = 1.5", "`summary` must be a string, found a number"),
        ("benefits = true", "`benefits` must be a string, found a boolean"),
        ("workaround = 3", "`workaround` must be a string, found an integer"),
        ("feedback = 1", "`feedback` must be a string, found an integer"),
        ("support = [\"a\"]", "`support` must be a string, found a list"),
        ("data = \"deleted\"", "`data` must be a table, found a string"),
        ("updates = \"moved\"", "`updates` must be a list of tables, found a string"),
        ("updates = [1]", "`updates` must be a list of tables, found an integer"),
        ("emergency = 2", "`emergency` must be a string, found an integer"),
        ("draft = \"yes\"", "`draft` must be `true` or `false`, found a string"),
        ("slug = 1", "`slug` must be a string, found an integer"),
        ("aliases = \"/old/\"", ""), // a single string is a list of one: fine
        ("aliases = 1", "`aliases` must be a list of strings, found an integer"),
        ("aliases = [1]", "`aliases` must be a list of strings, found an integer"),
    ];
    let mut t = Table::default();
    for (line, message) in cases {
        let text = notice(&[line]);
        let run = notice_site(&text).check();
        if message.is_empty() {
            if run.code != 0 {
                t.0.push(format!("── {line}: should be accepted\n{}", run.all()));
            }
            continue;
        }
        let key = line.split(" = ").next().unwrap();
        t.case(line, &run, 2, &after(BAD, &text, &format!("{key} = ")), &[message]);
    }
    t.finish();
}

#[test]
fn wrong_type_for_every_data_and_update_key() {
    let cases: &[(&str, &str, &str)] = &[
        ("[data]\ndisposition = 1", "disposition = ", "`data.disposition` must be one of"),
        ("[data]\ndetails = 1", "details = ", "`data.details` must be a string, found an integer"),
        ("[data]\naccess = []", "access = ", "`data.access` must be a string, found a list"),
        ("[data]\navailable_again = true", "available_again = ", "`data.available_again` must be a date or datetime"),
        ("[data]\nexport = { url = \"x\" }", "export = ", "`data.export` must be a string, found a table"),
        ("[[updates]]\ndate = \"soon\"\nnote = \"x\"", "date = ", "`updates.0.date`: `soon` is not a valid date"),
        ("[[updates]]\ndate = 2026-11-01\nnote = 5", "note = ", "`updates.0.note` must be a string, found an integer"),
        ("[[updates]]\nnote = \"x\"", "", "the required key `updates.0.date` is missing"),
    ];
    let mut t = Table::default();
    for (tables, needle, message) in cases {
        let text = doc(GOOD_NOTICE, &[], tables);
        let run = notice_site(&text).check();
        let loc = if needle.is_empty() { format!("{BAD}:") } else { after(BAD, &text, needle) };
        t.case(tables, &run, 2, &loc, &[message]);
    }
    t.finish();
}

#[test]
fn wrong_types_in_yaml() {
    let cases: &[(&str, &str)] = &[
        ("title: [a, b]", "`title` must be a string, found a list"),
        ("published: yes", "`published`: `yes` is not a valid date"),
        ("impact: 3", "`impact` must be one of"),
        ("audience: {a: 1}", "`audience` must be a list of strings, found a table"),
        ("draft: \"true\"", "`draft` must be `true` or `false`, found a string"),
        ("data: [retained]", "`data` must be a table, found a list"),
    ];
    let mut t = Table::default();
    for (line, message) in cases {
        let text = doc(GOOD_YAML, &[line], "");
        let key = line.split(": ").next().unwrap();
        let run = notice_site(&text).check();
        t.case(line, &run, 2, &after(BAD, &text, &format!("{key}: ")), &[message]);
    }
    t.finish();
}

#[test]
fn wrong_type_for_every_improvement_key() {
    const IMP: &str = "content/improvements/csv.md";
    let no_feedback = GOOD_IMPROVEMENT.split("\n[feedback]").next().unwrap().to_string() + "\n+++\n\nBody text.\n";
    let cases: &[(&str, &str, &str)] = &[
        ("title = []", "title = ", "`title` must be a string, found a list"),
        ("date = 20261015", "date = ", "`date` must be a date or datetime, found an integer"),
        ("areas = 7", "areas = ", "`areas` must be a list of strings, found an integer"),
        ("status = true", "status = ", "`status` must be one of `shipped`, `planned`, `declined`"),
        ("feedback = \"survey\"", "feedback = ", "`feedback` must be a table, found a string"),
        ("eta = true", "eta = ", "`eta` must be a date or a string"),
        ("reason = 1", "reason = ", "`reason` must be a string, found an integer"),
        ("notice = [\"bad\"]", "notice = ", "`notice` must be a string, found a list"),
        ("draft = 0", "draft = ", "`draft` must be `true` or `false`, found an integer"),
        ("slug = false", "slug = ", "`slug` must be a string, found a boolean"),
    ];
    let mut t = Table::default();
    for (line, needle, message) in cases {
        let text = doc(&no_feedback, &[line], "");
        let run = site_with(IMP, &text).check();
        t.case(line, &run, 2, &after(IMP, &text, needle), &[message]);
    }
    let inner: &[(&str, &str, &str)] = &[
        ("source = 1", "source = ", "`feedback.source` must be a string, found an integer"),
        ("requests = \"many\"", "requests = ", "`feedback.requests` must be a whole number, found a string"),
        ("requests = -3", "requests = ", "`feedback.requests` must not be negative"),
        ("quote = [\"a\"]", "quote = ", "`feedback.quote` must be a string, found a list"),
    ];
    for (line, needle, message) in inner {
        let key = line.split(" = ").next().unwrap();
        let text = GOOD_IMPROVEMENT
            .lines()
            .map(|l| if l.starts_with(&format!("{key} = ")) { line.to_string() } else { l.to_string() })
            .collect::<Vec<_>>()
            .join("\n");
        let run = site_with(IMP, &text).check();
        t.case(line, &run, 2, &after(IMP, &text, needle), &[message]);
    }
    t.finish();
}

// ------------------------------------------------------------------- dates

#[test]
fn impossible_dates() {
    let cases: &[(&str, &str)] = &[
        ("effective = 2027-02-30", "`effective`: invalid date"),
        ("effective = 2027-02-29T09:00:00Z", "`effective`: invalid date"),
        ("effective = \"2027-02-30\"", "`effective`: `2027-02-30` is not a valid date"),
        ("effective = 2027-13-01T00:00:00Z", "month"),
        ("effective = 2027-01-20T25:00:00Z", "hour"),
        ("published = \"2026-10-01T09:61:00Z\"", "`published`"),
        ("ends = \"tomorrow\"", "`ends`: `tomorrow` is not a valid"),
    ];
    let mut t = Table::default();
    for (line, message) in cases {
        let text = notice(&[line]);
        let key = line.split(" = ").next().unwrap();
        let run = notice_site(&text).check();
        t.case(line, &run, 2, &after(BAD, &text, &format!("{key} = ")), &[message, "help: write"]);
    }
    // YAML dates are strings to the parser; the schema reader checks them.
    let text = doc(GOOD_YAML, &["effective: 2027-02-30"], "");
    let run = notice_site(&text).check();
    t.case("yaml effective: 2027-02-30", &run, 2, &after(BAD, &text, "effective: "), &["is not a valid date"]);
    t.finish();
}

#[test]
fn dates_out_of_range() {
    // Years 1970 to 9999 are accepted: anything else is a typo (`0202`) or
    // would overflow date arithmetic.
    let cases: &[(&str, &str)] = &[
        ("effective = 10000-01-01", "`effective`: invalid date"),
        ("effective = \"10000-01-01\"", "`effective`: `10000-01-01` is out of range"),
        ("effective = \"+10000-01-01T00:00:00Z\"", "`effective`"),
        ("effective = 9999-12-31T23:59:59-23:59", "`effective`"),
        ("effective = 0000-01-01", "`effective`: `0000-01-01` is out of range: years 1970 to 9999"),
        ("published = 0202-03-01", "`published`: `0202-03-01` is out of range"),
        ("published = 1969-12-31T23:59:59Z", "`published`"),
        ("ends = \"-0001-01-01\"", "`ends`"),
    ];
    let mut t = Table::default();
    for (line, message) in cases {
        let text = notice(&[line]);
        let key = line.split(" = ").next().unwrap();
        let run = notice_site(&text).check();
        t.case(line, &run, 2, &after(BAD, &text, &format!("{key} = ")), &[message, "help: write"]);
    }
    let text = doc(GOOD_NOTICE, &[], "[data]\ndisposition = \"retained\"\navailable_again = \"10000-01-01\"");
    let run = notice_site(&text).check();
    t.case("data.available_again in year 10000", &run, 2, &after(BAD, &text, "available_again = "), &["10000"]);
    let text = doc(GOOD_NOTICE, &[], "[[updates]]\ndate = 1900-01-01\nnote = \"x\"");
    let run = notice_site(&text).check();
    t.case("updates.date in 1900", &run, 2, &after(BAD, &text, "date = "), &["out of range"]);
    t.finish();
}

#[test]
fn a_datetime_just_past_the_range_says_out_of_range() {
    let text = notice(&["ends = \"9999-12-31T23:59:59Z\""]);
    let run = notice_site(&text).check();
    refused(&run, 2, &after(BAD, &text, "ends = "), &["out of range"]);
    assert!(!run.stderr.contains("jiff::Timestamp"), "{}", run.all());
}

#[test]
fn extreme_but_valid_dates_build() {
    // The edges of the accepted range must not overflow date arithmetic in
    // the checklist, the countdown, the calendar or the feeds, even in the
    // zone furthest ahead of UTC.
    let mut t = Table::default();
    for set in [
        &[
            "published = \"9999-12-30T00:00:00Z\"",
            "effective = \"9999-12-30T21:00:00Z\"",
            "emergency = { kind = \"incident\", reason = \"At the edge of the calendar.\" }",
        ][..],
        &[
            "published = 1970-01-02",
            "effective = \"1970-01-02T05:00:00Z\"",
            "emergency = { kind = \"incident\", reason = \"At the edge of the calendar.\" }",
        ][..],
        &["effective = 9999-12-29", "ends = \"9999-12-30T21:59:59Z\""][..],
    ] {
        let site = notice_site(&notice(set));
        site.write("forewarn.toml", "timezone = \"Pacific/Kiritimati\"\n");
        let run = site.build();
        if run.code != 0 || run.stderr.contains("panicked") {
            t.0.push(format!("── {set:?}\n{}", run.all()));
        }
    }
    t.finish();
}

#[test]
fn unknown_time_zone_in_a_notice() {
    let text = notice(&["effective = \"2027-01-20T09:00:00[Mars/Olympus]\""]);
    notice_error(&text, "effective = ", &["Mars/Olympus", "help: write"]);
}

#[test]
fn unknown_time_zone_in_the_config() {
    let site = notice_site(GOOD_NOTICE);
    site.write("forewarn.toml", "title = \"Acme\"\ntimezone = \"Europe/Amsterdm\"\n");
    refused(&site.check(), 2, "forewarn.toml:2:12", &["`Europe/Amsterdm` is not a known IANA time zone", "help:"]);
}

// ------------------------------------------------------------ unknown keys

#[test]
fn unknown_keys_get_near_miss_hints() {
    const IMP: &str = "content/improvements/csv.md";
    let mut t = Table::default();
    let text = notice(&["efective = 2027-01-20T09:00:00Z"]);
    t.case("efective", &notice_site(&text).check(), 2, &at(BAD, &text, "efective"), &["did you mean `effective`?"]);
    let text = doc(GOOD_NOTICE, &[], "[data]\ndispostion = \"retained\"");
    t.case(
        "data.dispostion",
        &notice_site(&text).check(),
        2,
        &at(BAD, &text, "dispostion"),
        &["unknown key `data.dispostion`", "did you mean `disposition`?"],
    );
    let text = doc(GOOD_NOTICE, &[], "[[updates]]\ndate = 2026-11-01\nnotes = \"x\"");
    t.case(
        "updates.notes",
        &notice_site(&text).check(),
        2,
        &at(BAD, &text, "notes"),
        &["unknown key `updates.0.notes`", "did you mean `note`?"],
    );
    let text = doc(GOOD_YAML, &["audiance: [Admins]"], "");
    t.case("yaml audiance", &notice_site(&text).check(), 2, &at(BAD, &text, "audiance"), &["did you mean `audience`?"]);
    let text = GOOD_IMPROVEMENT.replacen("status = ", "staus = ", 1);
    t.case(
        "improvement staus",
        &site_with(IMP, &text).check(),
        2,
        &at(IMP, &text, "staus"),
        &["did you mean `status`?"],
    );
    let site = notice_site(GOOD_NOTICE);
    site.write("forewarn.toml", "title = \"Acme\"\ntimzone = \"UTC\"\n");
    t.case("config timzone", &site.check(), 2, "forewarn.toml:2:1", &["did you mean `timezone`?"]);
    let site = notice_site(GOOD_NOTICE);
    site.write("forewarn.toml", "[checklist.levels]\nadvance-notise = \"warn\"\n");
    t.case("config rule", &site.check(), 2, "forewarn.toml:2:", &["did you mean `advance-notice`?"]);
    t.finish();
}

#[test]
fn unknown_key_without_a_near_miss_lists_the_known_keys() {
    let text = notice(&["colour = \"red\""]);
    let run = notice_site(&text).check();
    refused(
        &run,
        2,
        &at(BAD, &text, "colour"),
        &["unknown key `colour`", "known keys here:", "`effective`", "[extra]"],
    );
}

#[test]
fn custom_data_under_extra_is_accepted() {
    let text = doc(GOOD_NOTICE, &[], "[extra]\ncolour = \"red\"\nnested = { a = [1, 2.5, true] }");
    notice_site(&text).check().expect(0);
}

// ------------------------------------------------------------- enum values

#[test]
fn values_outside_the_allowed_set_list_the_allowed_values() {
    const IMP: &str = "content/improvements/csv.md";
    let mut t = Table::default();
    let text = notice(&["impact = \"critical\""]);
    t.case(
        "impact",
        &notice_site(&text).check(),
        2,
        &after(BAD, &text, "impact = "),
        &["`impact` cannot be `critical`", "`low`, `medium`, `high`, `breaking`"],
    );
    let text = notice(&["impact = \"Hihg\""]);
    t.case("impact typo", &notice_site(&text).check(), 2, &after(BAD, &text, "impact = "), &["did you mean `high`?"]);
    let text = doc(GOOD_NOTICE, &[], "[data]\ndisposition = \"gone\"");
    t.case(
        "disposition",
        &notice_site(&text).check(),
        2,
        &after(BAD, &text, "disposition = "),
        &[
            "`data.disposition` cannot be `gone`",
            "`unaffected`, `retained`, `migrated`, `archived`, `unavailable`, `deleted`",
        ],
    );
    let text = GOOD_IMPROVEMENT.replacen("status = \"shipped\"", "status = \"done\"", 1);
    t.case(
        "status",
        &site_with(IMP, &text).check(),
        2,
        &after(IMP, &text, "status = "),
        &["`status` cannot be `done`", "`shipped`, `planned`, `declined`"],
    );
    let site = notice_site(GOOD_NOTICE);
    site.write("forewarn.toml", "[checklist.levels]\nadvance-notice = \"error\"\n");
    t.case("level", &site.check(), 2, "forewarn.toml:2:", &["cannot be `error`", "`deny`, `warn`, `allow`"]);
    t.finish();
}
