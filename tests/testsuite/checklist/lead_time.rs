//! Lead times in real time: time zones, DST, boundaries, emergencies.

use super::*;

const AMSTERDAM: &str = "timezone = \"Europe/Amsterdam\"\n";

/// GOOD_NOTICE (medium: 30 days) with these dates (a datetime with a
/// bracketed zone is written as a string, as TOML requires).
fn dated(published: &str, effective: &str) -> String {
    let value = |v: &str| if v.contains('[') { format!("\"{v}\"") } else { v.to_string() };
    let text = set(GOOD_NOTICE, "published", &format!("published = {}", value(published)));
    set(&text, "effective", &format!("effective = {}", value(effective)))
}

fn advance(diags: &[Diag]) -> Option<&Diag> {
    of(diags, "advance-notice").first().copied()
}

#[test]
fn exactly_the_lead_time_passes_one_minute_short_fails() {
    let site = site_with(&dated("2026-12-01T09:00:00Z", "2026-12-31T09:00:00Z"));
    assert_eq!(check(&site, &[]), (0, vec![]));
    let site = site_with(&dated("2026-12-01T09:00:00Z", "2026-12-31T08:59:00Z"));
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    let d = one(&diags, "advance-notice", "deny", 4, 13);
    assert_eq!(d.message, "medium-impact change announced 29 days ahead; needs 30");
    assert_eq!(d.help.as_deref(), Some("move `effective` to 2026-12-31T09:00 or later, or give an `emergency` reason"));
}

#[test]
fn bare_dates_are_midnight_in_the_site_zone() {
    let site = site_with(&dated("2026-12-01", "2026-12-31"));
    assert_eq!(check(&site, &[]), (0, vec![]));
    let site = site_with(&dated("2026-12-01", "2026-12-30"));
    let (_, diags) = check(&site, &[]);
    let d = one(&diags, "advance-notice", "deny", 4, 13);
    assert_eq!(d.message, "medium-impact change announced 29 days ahead; needs 30");
    // For a bare `effective`, the help suggests a date, not a time.
    assert_eq!(d.help.as_deref(), Some("move `effective` to 2026-12-31 or later, or give an `emergency` reason"));
}

#[test]
fn dst_spring_forward_counts_real_hours() {
    // Europe/Amsterdam moves from +01:00 to +02:00 on 2027-03-28.
    // published 2027-03-01 = 2027-02-28T23:00Z; 30×24 h later is
    // 2027-03-30T23:00Z = 2027-03-31T01:00+02:00.
    for effective in [
        "2027-03-31T01:00:00+02:00",
        "2027-03-31T01:00:00[Europe/Amsterdam]",
        "2027-03-31T01:00:00",
        "2027-03-30T23:00:00Z",
    ] {
        let site = site_with_config(&dated("2027-03-01", effective), AMSTERDAM);
        assert_eq!(check(&site, &[]), (0, vec![]), "effective = {effective} is exactly 720 hours later");
    }
    // Midnight of 31 March in Amsterdam is only 719 hours later.
    for effective in ["2027-03-31", "2027-03-31T00:59:00+02:00", "2027-03-31T00:59:00"] {
        let site = site_with_config(&dated("2027-03-01", effective), AMSTERDAM);
        let (code, diags) = check(&site, &[]);
        assert_eq!(code, 1, "effective = {effective}: {diags:#?}");
        assert_eq!(
            one(&diags, "advance-notice", "deny", 4, 13).message,
            "medium-impact change announced 29 days ahead; needs 30",
            "effective = {effective}"
        );
    }
    let site = site_with_config(&dated("2027-03-01", "2027-03-31T00:59:00+02:00"), AMSTERDAM);
    let (_, diags) = check(&site, &[]);
    assert_eq!(
        advance(&diags).unwrap().help.as_deref(),
        Some("move `effective` to 2027-03-31T01:00 or later, or give an `emergency` reason"),
        "the earliest allowed moment, in the site zone"
    );
}

#[test]
fn dst_fall_back_counts_real_hours() {
    // Europe/Amsterdam moves from +02:00 to +01:00 on 2026-10-25.
    // published 2026-10-01 = 2026-09-30T22:00Z; 720 h later is
    // 2026-10-30T22:00Z = 2026-10-30T23:00+01:00.
    let site = site_with_config(&dated("2026-10-01", "2026-10-30T23:00:00+01:00"), AMSTERDAM);
    assert_eq!(check(&site, &[]), (0, vec![]));
    let site = site_with_config(&dated("2026-10-01", "2026-10-30T22:59:00+01:00"), AMSTERDAM);
    assert_eq!(check(&site, &[]).0, 1);
    // The bare date 2026-10-31 is 30 days and an hour later: fine.
    let site = site_with_config(&dated("2026-10-01", "2026-10-31"), AMSTERDAM);
    assert_eq!(check(&site, &[]), (0, vec![]));
}

#[test]
fn dates_in_different_zones_are_compared_as_instants() {
    // 09:00 in New York (UTC-5) and 15:00 in Amsterdam (UTC+1) 30 days
    // later are exactly 30×24 hours apart.
    let site = site_with(&dated("2026-12-01T09:00:00-05:00", "2026-12-31T15:00:00+01:00"));
    assert_eq!(check(&site, &[]), (0, vec![]));
    let site = site_with(&dated("2026-12-01T09:00:00[America/New_York]", "2026-12-31T14:59:00[Europe/Amsterdam]"));
    let (_, diags) = check(&site, &[]);
    let d = one(&diags, "advance-notice", "deny", 4, 13);
    assert_eq!(d.help.as_deref(), Some("move `effective` to 2026-12-31T14:00 or later, or give an `emergency` reason"));
    // The same moments, shown in the site zone.
    let site = site_with_config(
        &dated("2026-12-01T09:00:00-05:00", "2026-12-31T14:59:00+01:00"),
        "timezone = \"Asia/Tokyo\"\n",
    );
    let (_, diags) = check(&site, &[]);
    assert_eq!(
        advance(&diags).unwrap().help.as_deref(),
        Some("move `effective` to 2026-12-31T23:00 or later, or give an `emergency` reason")
    );
}

#[test]
fn less_than_a_day_is_said_in_hours() {
    let site = site_with(&dated("2026-12-01T09:00:00Z", "2026-12-01T14:00:00Z"));
    let (_, diags) = check(&site, &[]);
    assert_eq!(advance(&diags).unwrap().message, "medium-impact change announced 5 hours ahead; needs 30");
    let site = site_with(&dated("2026-12-01T09:00:00Z", "2026-12-02T10:00:00Z"));
    let (_, diags) = check(&site, &[]);
    assert_eq!(advance(&diags).unwrap().message, "medium-impact change announced 1 day ahead; needs 30");
}

#[test]
fn emergency_exempts_advance_notice_and_retroactive() {
    let emergency =
        "emergency = { kind = \"security\", reason = \"A vulnerability in the PDF renderer is being exploited.\" }";
    let late = dated("2026-12-01T09:00:00Z", "2026-12-01T14:00:00Z");
    assert_eq!(check(&site_with(&add(&late, emergency)), &[]), (0, vec![]));
    let after = dated("2026-12-03T09:00:00Z", "2026-12-01T14:00:00Z");
    let (_, diags) = check(&site_with(&after), &[]);
    assert_eq!(rules(&diags), [("retroactive", "deny")]);
    assert_eq!(check(&site_with(&add(&after, emergency)), &[]), (0, vec![]));
    // The reason is shown on the public page.
    let site = site_with(&add(&late, emergency));
    site.build().expect(0);
    let page = site.output("notices/n/index.html");
    assert!(page.contains("A vulnerability in the PDF renderer is being exploited."), "{page}");
    assert!(page.contains("<strong>Security.</strong>"), "the kind is shown: {page}");
}

#[test]
fn an_emergency_needs_a_kind_and_a_reason_of_a_sentence() {
    let late = dated("2026-12-01T09:00:00Z", "2026-12-01T14:00:00Z");
    for (emergency, message, line) in [
        (
            "emergency = \"A vulnerability in the PDF renderer is being exploited.\"",
            "the `emergency` exemption needs a `kind`",
            12,
        ),
        (
            "emergency = { kind = \"security\", reason = \"Security\" }",
            "the `emergency` reason is 1 word: it must say why the change could not wait",
            12,
        ),
        ("emergency = { kind = \"legal\" }", "the `emergency` exemption needs a `reason`", 12),
    ] {
        let (code, diags) = check(&site_with(&add(&late, emergency)), &[]);
        assert_eq!(code, 1, "{emergency}");
        assert_eq!(rules(&diags), [("advance-notice", "deny"), ("advance-notice", "deny")], "{emergency}");
        let gap = diags.iter().find(|d| d.message.contains("`emergency`")).unwrap();
        assert_eq!((gap.message.as_str(), gap.line), (message, Some(line)), "{emergency}");
        assert!(gap.help.as_deref().unwrap().contains("kind = \"security\""), "{emergency}");
    }
    // A well-announced notice with a one-word emergency is still denied:
    // the reason is shown to customers.
    let early = dated("2026-06-01T09:00:00Z", "2026-12-01T14:00:00Z");
    let (_, diags) = check(&site_with(&add(&early, "emergency = { kind = \"incident\", reason = \"Outage\" }")), &[]);
    assert_eq!(rules(&diags), [("advance-notice", "deny")]);
}

#[test]
fn an_unknown_emergency_kind_is_an_input_error() {
    let late = dated("2026-12-01T09:00:00Z", "2026-12-01T14:00:00Z");
    let site = site_with(&add(
        &late,
        "emergency = { kind = \"securty\", reason = \"A vulnerability is being exploited now.\" }",
    ));
    let out = site.check();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("`emergency.kind` cannot be `securty`"), "{}", out.stderr);
    assert!(out.stderr.contains("did you mean `security`?"), "{}", out.stderr);
}

#[test]
fn an_empty_emergency_does_not_exempt() {
    for blank in ["emergency = \"\"", "emergency = \"   \""] {
        let late = add(&dated("2026-12-01T09:00:00Z", "2026-12-01T14:00:00Z"), blank);
        let (code, diags) = check(&site_with(&late), &[]);
        assert_eq!(code, 1, "{blank}");
        assert_eq!(rules(&diags), [("advance-notice", "deny")], "{blank}");
        let after = add(&dated("2026-12-03T09:00:00Z", "2026-12-01T14:00:00Z"), blank);
        let (_, diags) = check(&site_with(&after), &[]);
        assert_eq!(rules(&diags), [("retroactive", "deny")], "{blank}");
    }
}

#[test]
fn retroactive_is_not_also_advance_notice() {
    let site = site_with(&dated("2026-12-03T09:00:00Z", "2026-12-01T14:00:00Z"));
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    let d = one(&diags, "retroactive", "deny", 3, 13);
    assert_eq!(d.message, "published 1 day after the change took effect");
    let site = site_with(&dated("2026-12-01T16:00:00Z", "2026-12-01T14:00:00Z"));
    let (_, diags) = check(&site, &[]);
    assert_eq!(one(&diags, "retroactive", "deny", 3, 13).message, "published hours after the change took effect");
}

#[test]
fn published_at_the_effective_instant_is_zero_hours_ahead() {
    let site = site_with(&dated("2026-12-01T09:00:00Z", "2026-12-01T10:00:00+01:00"));
    let (_, diags) = check(&site, &[]);
    assert_eq!(rules(&diags), [("advance-notice", "deny")]);
    assert_eq!(diags[0].message, "medium-impact change announced 0 hours ahead; needs 30");
}

#[test]

fn same_instant_as_date_and_datetime_is_not_retroactive() {
    // 2026-12-01 (bare, UTC) is the instant 2026-12-01T00:00:00Z: the
    // change is announced 0 hours ahead, not after it took effect.
    let site = site_with(&dated("2026-12-01", "2026-12-01T00:00:00Z"));
    let (_, diags) = check(&site, &[]);
    assert_eq!(rules(&diags), [("advance-notice", "deny")], "{diags:#?}");
}

/// Sets `effective` to what the advance-notice help suggests and checks
/// that the notice then passes.
fn follow_help(text: &str, config: &str) {
    let (_, diags) = check(&site_with_config(text, config), &[]);
    let help = advance(&diags).unwrap_or_else(|| panic!("advance-notice fires: {diags:#?}")).help.clone().unwrap();
    let suggested = help
        .strip_prefix("move `effective` to ")
        .and_then(|s| s.split_once(" or later"))
        .map(|(d, _)| d.to_string())
        .unwrap_or_else(|| panic!("help names a date: {help}"));
    let fixed = set(text, "effective", &format!("effective = {suggested}"));
    let (code, diags) = check(&site_with_config(&fixed, config), &[]);
    assert_eq!((code, diags), (0, vec![]), "following the help (`{help}`) must pass:\n{fixed}");
}

#[test]
fn following_the_help_passes() {
    follow_help(&dated("2026-12-01T09:00:00Z", "2026-12-10T09:00:00Z"), "");
    follow_help(&dated("2026-12-01", "2026-12-10"), "");
    follow_help(&dated("2027-03-01", "2027-03-20T12:00:00+01:00"), AMSTERDAM);
    follow_help(&dated("2026-12-01T09:00:00-05:00", "2026-12-10T09:00:00Z"), "timezone = \"America/New_York\"\n");
}

#[test]

fn following_the_help_passes_when_rounding_matters() {
    // Bare dates across the spring DST change: the earliest moment is
    // 2027-03-31T01:00+02:00, so the earliest bare date is 2027-04-01.
    let text = dated("2027-03-01", "2027-03-20");
    let (_, diags) = check(&site_with_config(&text, AMSTERDAM), &[]);
    assert_eq!(
        advance(&diags).unwrap().help.as_deref(),
        Some("move `effective` to 2027-04-01 or later, or give an `emergency` reason")
    );
    follow_help(&text, AMSTERDAM);
    // A timed `published` and a bare `effective`.
    follow_help(&dated("2026-11-01T15:00:00Z", "2026-11-20"), "");
    // Seconds in `published`: the help shows minutes.
    follow_help(&dated("2027-01-01T09:00:30Z", "2027-01-15T09:00:00Z"), "");
}
