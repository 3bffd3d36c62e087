//! `business-day` and `change-cluster`: `[checklist.calendar]` weekends and
//! holidays, the site's time zone, the dates help lines suggest (which skip
//! weekends and holidays), the exemptions, `cluster_max`, and the config
//! errors of the calendar.

use super::*;

/// A high-impact notice that passes every rule, taking effect at
/// `effective` (a TOML value).
fn high_on(effective: &str) -> String {
    set(&full_notice("high"), "effective", &format!("effective = {effective}"))
}

/// The one `business-day` warning of `diags`, at `effective` (line 4).
#[track_caller]
fn business_day(diags: &[Diag]) -> &Diag {
    one(diags, "business-day", "warn", 4, 13)
}

/// `check` on a site of one notice (and a config when given), asserting
/// exit 0 and only a `business-day` warning; its message and help.
#[track_caller]
fn warned(notice: &str, config: Option<&str>) -> (String, String) {
    let site = match config {
        Some(c) => site_with_config(notice, c),
        None => site_with(notice),
    };
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 0, "{diags:#?}");
    assert_eq!(rules(&diags), [("business-day", "warn")], "{diags:#?}");
    let d = business_day(&diags);
    (d.message.clone(), d.help.clone().unwrap_or_default())
}

/// `check` on a site of one notice (and a config when given) is clean.
#[track_caller]
fn quiet(notice: &str, config: Option<&str>) {
    let site = match config {
        Some(c) => site_with_config(notice, c),
        None => site_with(notice),
    };
    assert_eq!(check(&site, &[]), (0, vec![]), "{notice}");
}

fn help_for(date: &str) -> String {
    format!("move `effective` to a business day, e.g. {date}, when customers and their support are at work")
}

// ---------------------------------------------------------------------------
// business-day

#[test]
fn saturday_and_sunday_are_the_default_weekend() {
    let (message, help) = warned(&high_on("2027-01-16T09:00:00Z"), None);
    assert_eq!(message, "takes effect on Saturday 2027-01-16 (a weekend day) in UTC");
    assert_eq!(help, help_for("2027-01-18T09:00"));
    let (message, help) = warned(&high_on("2027-01-17T09:00:00Z"), None);
    assert_eq!(message, "takes effect on Sunday 2027-01-17 (a weekend day) in UTC");
    assert_eq!(help, help_for("2027-01-18T09:00"));
    // A bare date is suggested as a bare date.
    let (_, help) = warned(&high_on("2027-01-16"), None);
    assert_eq!(help, help_for("2027-01-18"));
    for weekday in ["2027-01-15T09:00:00Z", "2027-01-18T09:00:00Z", "2027-01-18"] {
        quiet(&high_on(weekday), None);
    }
}

#[test]
fn a_date_that_passed_is_not_judged() {
    // Saturday 14 November 2026, before "now" (23 November): it cannot move.
    let past = add(
        &set(&high_on("2026-11-14T09:00:00Z"), "published", "published = 2026-06-01"),
        "\n[[updates]]\ndate = 2026-11-16\nnote = \"It went as announced.\"",
    );
    quiet(&past, None);
}

#[test]
fn only_high_and_breaking_changes_need_a_business_day() {
    for impact in ["low", "medium"] {
        let text = set(&full_notice(impact), "effective", "effective = 2027-01-16T09:00:00Z");
        quiet(&text, None);
    }
    let breaking = set(&full_notice("breaking"), "effective", "effective = 2027-01-16T09:00:00Z");
    let (message, _) = warned(&breaking, None);
    assert_eq!(message, "takes effect on Saturday 2027-01-16 (a weekend day) in UTC");
}

#[test]
fn holidays_come_from_the_config() {
    let config = "[checklist.calendar]\nholidays = [2026-12-25, 2026-12-28]\n";
    // Friday 25 December: a business day until the config says otherwise.
    quiet(&high_on("2026-12-25T09:00:00Z"), None);
    let (message, help) = warned(&high_on("2026-12-25T09:00:00Z"), Some(config));
    assert_eq!(message, "takes effect on Friday 2026-12-25 (a public holiday) in UTC");
    // Not Saturday or Sunday, not the Monday holiday either.
    assert_eq!(help, help_for("2026-12-29T09:00"));
    let (message, help) = warned(&high_on("2026-12-28"), Some(config));
    assert_eq!(message, "takes effect on Monday 2026-12-28 (a public holiday) in UTC");
    assert_eq!(help, help_for("2026-12-29"));
    // Holidays add to the weekend, they do not replace it.
    let (message, _) = warned(&high_on("2027-01-16T09:00:00Z"), Some(config));
    assert_eq!(message, "takes effect on Saturday 2027-01-16 (a weekend day) in UTC");
    quiet(&high_on("2026-12-29T09:00:00Z"), Some(config));
}

#[test]
fn a_friday_and_saturday_weekend() {
    let config = "[checklist.calendar]\nweekend = [\"fri\", \"sat\"]\n";
    let (message, help) = warned(&high_on("2027-01-15T09:00:00Z"), Some(config));
    assert_eq!(message, "takes effect on Friday 2027-01-15 (a weekend day) in UTC");
    assert_eq!(help, help_for("2027-01-17T09:00"), "Sunday is a business day");
    let (message, help) = warned(&high_on("2027-01-16T09:00:00Z"), Some(config));
    assert_eq!(message, "takes effect on Saturday 2027-01-16 (a weekend day) in UTC");
    assert_eq!(help, help_for("2027-01-17T09:00"));
    quiet(&high_on("2027-01-17T09:00:00Z"), Some(config));
    quiet(&high_on("2027-01-14T09:00:00Z"), Some(config));
}

#[test]
fn the_day_is_the_day_in_the_site_zone() {
    let config = "timezone = \"Europe/Amsterdam\"\n";
    // Friday 23:30 UTC is Saturday 00:30 in Amsterdam.
    quiet(&high_on("2027-01-15T23:30:00Z"), None);
    let (message, help) = warned(&high_on("2027-01-15T23:30:00Z"), Some(config));
    assert_eq!(message, "takes effect on Saturday 2027-01-16 (a weekend day) in Europe/Amsterdam");
    assert_eq!(help, help_for("2027-01-18T00:30"), "the same time of day, in the site zone");
    // Sunday 23:30 UTC is Monday there.
    quiet(&high_on("2027-01-17T23:30:00Z"), Some(config));
}

#[test]
fn maintenance_windows_are_exempt() {
    // Two hours on a Saturday night, on purpose: the quietest hours.
    let window = set(
        &high_on("2027-01-16T01:00:00Z"),
        "impact",
        "impact = \"high\"\nkind = \"maintenance\"\nends = 2027-01-16T03:00:00Z",
    );
    quiet(&window, None);
    // The same hours as a plain change are on a weekend day.
    let (message, _) = warned(&high_on("2027-01-16T01:00:00Z"), None);
    assert_eq!(message, "takes effect on Saturday 2027-01-16 (a weekend day) in UTC");
}

#[test]
fn withdrawn_changes_are_exempt() {
    let text = add(
        &high_on("2027-01-16T09:00:00Z"),
        "\n[withdrawn]\ndate = 2026-11-20\nreason = \"We keep the classic invoice layout after feedback from accountants.\"",
    );
    let site = site_with(&text);
    let (_, diags) = check(&site, &[]);
    assert!(of(&diags, "business-day").is_empty(), "{diags:#?}");
}

/// GOOD_NOTICE made high impact and urgent: published 2026-11-20 for
/// Saturday 2026-11-28, with `emergency` (a TOML table body).
fn urgent(emergency: &str) -> String {
    let text = set(&full_notice("high"), "published", "published = 2026-11-20");
    let text = set(&text, "effective", "effective = 2026-11-28T09:00:00Z");
    add(&text, &format!("\n[emergency]\n{emergency}"))
}

#[test]
fn a_valid_emergency_is_exempt() {
    let valid = urgent(
        "kind = \"security\"\nreason = \"An actively exploited flaw in the classic invoice renderer leaks other customers' addresses.\"",
    );
    quiet(&valid, None);
}

#[test]
fn an_emergency_without_a_real_reason_is_not() {
    let (code, diags) = check(&site_with(&urgent("kind = \"security\"\nreason = \"Security fix.\"")), &[]);
    assert_eq!(code, 1, "{diags:#?}");
    assert_eq!(
        business_day(&diags).message,
        "takes effect on Saturday 2026-11-28 (a weekend day) in UTC",
        "{diags:#?}"
    );
    let gap = of(&diags, "advance-notice");
    assert!(
        gap.iter().any(|d| d.message == "the `emergency` reason is 2 words: it must say why the change could not wait"),
        "{diags:#?}"
    );
    // No kind at all: not exempt either.
    let (_, diags) =
        check(&site_with(&urgent("reason = \"An actively exploited flaw in the classic invoice renderer.\"")), &[]);
    business_day(&diags);
}

// ---------------------------------------------------------------------------
// Help lines of other rules suggest business days too

/// GOOD_NOTICE (medium: 30 days of notice) published on Thursday
/// 2026-12-03 and taking effect too soon: 30 days later is a Saturday.
fn too_soon(date_only: bool) -> String {
    if date_only {
        let text = set(GOOD_NOTICE, "published", "published = 2026-12-03");
        set(&text, "effective", "effective = 2026-12-20")
    } else {
        let text = set(GOOD_NOTICE, "published", "published = 2026-12-03T09:00:00Z");
        set(&text, "effective", "effective = 2026-12-20T09:00:00Z")
    }
}

#[track_caller]
fn advance_help(notice: &str, config: Option<&str>) -> String {
    let site = match config {
        Some(c) => site_with_config(notice, c),
        None => site_with(notice),
    };
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1, "{diags:#?}");
    assert_eq!(rules(&diags), [("advance-notice", "deny")], "{diags:#?}");
    let d = one(&diags, "advance-notice", "deny", 4, 13);
    assert_eq!(d.message, "medium-impact change announced 17 days ahead; needs 30");
    d.help.clone().unwrap_or_default()
}

fn move_to(date: &str) -> String {
    format!("move `effective` to {date} or later, or give an `emergency` reason")
}

#[test]
fn advance_notice_suggests_the_monday_for_a_saturday() {
    // 2027-01-02 is a Saturday: the earliest date suggested is Monday.
    assert_eq!(advance_help(&too_soon(false), None), move_to("2027-01-04T09:00"));
    assert_eq!(advance_help(&too_soon(true), None), move_to("2027-01-04"));
}

#[test]
fn advance_notice_skips_holidays_and_the_configured_weekend() {
    let holiday = "[checklist.calendar]\nholidays = [2027-01-04]\n";
    assert_eq!(advance_help(&too_soon(false), Some(holiday)), move_to("2027-01-05T09:00"));
    assert_eq!(advance_help(&too_soon(true), Some(holiday)), move_to("2027-01-05"));
    let fri_sat = "[checklist.calendar]\nweekend = [\"fri\", \"sat\"]\n";
    assert_eq!(advance_help(&too_soon(false), Some(fri_sat)), move_to("2027-01-03T09:00"));
    // The suggested date passes.
    let text = set(&too_soon(false), "effective", "effective = 2027-01-05T09:00:00Z");
    quiet(&text, Some(holiday));
}

// ---------------------------------------------------------------------------
// Config errors

/// `check` on a clean site with `config`: exit 2 and one config error.
#[track_caller]
fn config_error(config: &str) -> Diag {
    let site = site_with_config(&full_notice("high"), config);
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 2, "{diags:#?}");
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = diags[0].clone();
    assert_eq!((d.rule.as_str(), d.level.as_str(), d.file.as_str()), ("config", "error", "forewarn.toml"), "{d:#?}");
    let run = site.check();
    run.expect(2);
    assert!(run.stderr.contains(&format!("error[config]: {}", d.message)), "{}", run.all());
    assert!(
        run.stderr.contains(&format!("--> forewarn.toml:{}:{}", d.line.unwrap(), d.column.unwrap())),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.all());
    d
}

#[test]
fn a_weekend_day_must_be_a_short_day_name() {
    let d = config_error("title = \"Acme\"\n\n[checklist.calendar]\nweekend = [\"sat\", \"sunday\"]\n");
    assert_eq!(d.line, Some(4), "{d:#?}");
    assert_eq!(d.message, "`checklist.calendar.weekend` cannot hold `sunday`");
    let help = d.help.unwrap();
    assert!(help.contains("did you mean `sun`?"), "{help}");
    assert!(help.contains("`mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun`"), "{help}");
}

#[test]
fn a_holiday_must_be_a_date() {
    let d = config_error(
        "title = \"Acme\"\n\n[checklist.calendar]\nweekend = [\"sat\", \"sun\"]\nholidays = [\"tomorrow\"]\n",
    );
    assert_eq!((d.line, d.column), (Some(5), Some(12)), "{d:#?}");
    assert!(d.message.contains("`checklist.calendar.holidays`"), "{d:#?}");
    assert!(d.message.contains("`tomorrow`"), "{d:#?}");
    assert!(d.help.unwrap().contains("[2026-12-25, 2027-01-01]"));
}

#[test]
fn an_unknown_calendar_key_is_an_error() {
    let d = config_error("[checklist.calendar]\nholiday = [2026-12-25]\n");
    assert_eq!(d.line, Some(2), "{d:#?}");
    assert!(d.help.unwrap().contains("did you mean `holidays`?"));
}

// ---------------------------------------------------------------------------
// change-cluster

/// A high-impact notice titled `title`, for `audience` (a TOML array),
/// taking effect at `effective`.
fn big(title: &str, audience: &str, effective: &str) -> String {
    let text = set(&high_on(effective), "title", &format!("title = \"{title}\""));
    set(&text, "audience", &format!("audience = {audience}"))
}

/// A site of `notices` (slug, text) and a config.
fn site_of(notices: &[(&str, String)], config: &str) -> TestSite {
    let site = TestSite::new();
    for (slug, text) in notices {
        site.write(&format!("content/notices/{slug}.md"), text);
    }
    if !config.is_empty() {
        site.write("forewarn.toml", config);
    }
    site
}

/// The `change-cluster` warning of `slug`'s file.
#[track_caller]
fn cluster_of<'a>(diags: &'a [Diag], slug: &str) -> &'a Diag {
    let file = format!("content/notices/{slug}.md");
    let found: Vec<&Diag> = diags.iter().filter(|d| d.rule == "change-cluster" && d.file == file).collect();
    assert_eq!(found.len(), 1, "one `change-cluster` for {file}: {diags:#?}");
    assert_eq!((found[0].level.as_str(), found[0].line, found[0].column), ("warn", Some(4), Some(13)));
    found[0]
}

#[test]
fn cluster_max_one_warns_for_two_in_a_week() {
    let notices = [
        ("a", big("Change A", "[\"Administrators\"]", "2027-03-01T09:00:00Z")),
        ("b", big("Change B", "[\"Administrators\"]", "2027-03-04T09:00:00Z")),
    ];
    // The default allows three.
    assert_eq!(check(&site_of(&notices, ""), &[]), (0, vec![]));
    let config = "[checklist]\ncluster_max = 1\n";
    let (code, diags) = check(&site_of(&notices, config), &[]);
    assert_eq!(code, 0);
    assert_eq!(rules(&diags), [("change-cluster", "warn"); 2], "{diags:#?}");
    assert_eq!(
        cluster_of(&diags, "a").message,
        "2 high or breaking changes for \"Administrators\" take effect within 7 days, more than `cluster_max` (1): this one, \"Change B\" (2027-03-04)"
    );
    assert_eq!(
        cluster_of(&diags, "b").message,
        "2 high or breaking changes for \"Administrators\" take effect within 7 days, more than `cluster_max` (1): this one, \"Change A\" (2027-03-01)"
    );
    assert_eq!(
        cluster_of(&diags, "a").help.as_deref(),
        Some(
            "spread them out: move the least urgent a week or more from the others (`[checklist] cluster_max` is the most one audience should meet in 7 days)"
        )
    );

    // Seven days apart to the minute is a week apart: no cluster.
    let apart = [
        ("a", big("Change A", "[\"Administrators\"]", "2027-03-01T09:00:00Z")),
        ("b", big("Change B", "[\"Administrators\"]", "2027-03-08T09:00:00Z")),
    ];
    assert_eq!(check(&site_of(&apart, config), &[]), (0, vec![]));
    let close = [
        ("a", big("Change A", "[\"Administrators\"]", "2027-03-01T09:00:00Z")),
        ("b", big("Change B", "[\"Administrators\"]", "2027-03-08T08:59:00Z")),
    ];
    let (_, diags) = check(&site_of(&close, config), &[]);
    assert_eq!(rules(&diags), [("change-cluster", "warn"); 2], "{diags:#?}");
    // Different audiences do not add up.
    let apart = [
        ("a", big("Change A", "[\"Administrators\"]", "2027-03-01T09:00:00Z")),
        ("b", big("Change B", "[\"API users\"]", "2027-03-02T09:00:00Z")),
    ];
    assert_eq!(check(&site_of(&apart, config), &[]), (0, vec![]));
}

#[test]
fn audiences_differing_only_in_case_are_one_audience() {
    let notices = [
        ("a", big("Change A", "[\"Administrators\"]", "2027-03-01T09:00:00Z")),
        ("b", big("Change B", "[\"administrators\"]", "2027-03-02T09:00:00Z")),
        ("c", big("Change C", "[\"ADMINISTRATORS\"]", "2027-03-03T09:00:00Z")),
        ("d", big("Change D", "[\" Administrators \"]", "2027-03-04T09:00:00Z")),
    ];
    let (code, diags) = check(&site_of(&notices, ""), &[]);
    assert_eq!(code, 0);
    assert_eq!(rules(&diags), [("change-cluster", "warn"); 4], "{diags:#?}");
    for (slug, others) in [
        ("a", "\"Change B\" (2027-03-02), \"Change C\" (2027-03-03), \"Change D\" (2027-03-04)"),
        ("d", "\"Change A\" (2027-03-01), \"Change B\" (2027-03-02), \"Change C\" (2027-03-03)"),
    ] {
        let message = &cluster_of(&diags, slug).message;
        let (head, tail) = message.split_once(", more than `cluster_max` (3): this one, ").expect(message);
        assert_eq!(tail, others, "{message}");
        let audience = head
            .strip_prefix("4 high or breaking changes for \"")
            .and_then(|s| s.strip_suffix("\" take effect within 7 days"))
            .unwrap_or_else(|| panic!("{message}"));
        assert!(audience.eq_ignore_ascii_case("administrators"), "named as written in one notice: {message}");
    }
}

#[test]
fn only_high_and_breaking_changes_that_will_happen_count() {
    let medium = set(&full_notice("medium"), "effective", "effective = 2027-03-03T09:00:00Z");
    let withdrawn = add(
        &big("Change D", "[\"Administrators\"]", "2027-03-04T09:00:00Z"),
        "\n[withdrawn]\ndate = 2026-11-20\nreason = \"Postponed to the summer after feedback from accountants.\"",
    );
    let notices = [
        ("a", big("Change A", "[\"Administrators\"]", "2027-03-01T09:00:00Z")),
        ("b", big("Change B", "[\"Administrators\"]", "2027-03-02T09:00:00Z")),
        ("c", big("Change C", "[\"Administrators\"]", "2027-03-02T10:00:00Z")),
        ("m", medium),
        ("w", withdrawn),
    ];
    let (_, diags) = check(&site_of(&notices, ""), &[]);
    assert!(of(&diags, "change-cluster").is_empty(), "{diags:#?}");
    // A breaking change counts like a high one.
    let breaking =
        set(&big("Change E", "[\"Administrators\"]", "2027-03-05T09:00:00Z"), "impact", "impact = \"breaking\"");
    let mut more = notices.to_vec();
    more.push(("e", breaking));
    let (_, diags) = check(&site_of(&more, ""), &[]);
    assert_eq!(of(&diags, "change-cluster").len(), 4, "{diags:#?}");
    assert!(cluster_of(&diags, "e").message.starts_with("4 high or breaking changes"), "{diags:#?}");
}

#[test]
fn one_notice_naming_an_audience_twice_counts_once() {
    let notices = [
        ("a", big("Change A", "[\"Administrators\", \"administrators\"]", "2027-03-01T09:00:00Z")),
        ("b", big("Change B", "[\"Administrators\"]", "2027-03-02T09:00:00Z")),
        ("c", big("Change C", "[\"Administrators\"]", "2027-03-03T09:00:00Z")),
    ];
    // Three notices, and three are allowed.
    let (_, diags) = check(&site_of(&notices, ""), &[]);
    assert!(of(&diags, "change-cluster").is_empty(), "{diags:#?}");
}
