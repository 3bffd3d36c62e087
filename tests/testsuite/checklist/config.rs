//! `[checklist.levels]` and `[checklist.lead_time]`

use super::*;

fn fixture_with_config(fixture: &str, config: &str) -> TestSite {
    let site = TestSite::fixture(fixture);
    site.write("forewarn.toml", config);
    site
}

#[test]
fn deny_to_warn_changes_exit_1_to_0() {
    let site = fixture_with_config("check-advance-notice/fires", "[checklist.levels]\nadvance-notice = \"warn\"\n");
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 0);
    one(&diags, "advance-notice", "warn", 4, 13);
    let run = site.check();
    run.expect(0);
    assert!(
        run.stderr.contains("warning[advance-notice]: high-impact change announced 14 days ahead"),
        "{}",
        run.all()
    );
}

#[test]
fn allow_silences_a_rule() {
    let site = fixture_with_config("check-audience/fires", "[checklist.levels]\naudience = \"allow\"\n");
    assert_eq!(check(&site, &[]), (0, vec![]));
}

#[test]
fn warn_to_deny_changes_exit_0_to_1() {
    let site = TestSite::fixture("check-quiet-period/fires");
    let config = std::fs::read_to_string(site.path().join("forewarn.toml")).unwrap();
    site.write("forewarn.toml", &format!("{config}\n[checklist.levels]\nquiet-period = \"deny\"\n"));
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    one(&diags, "quiet-period", "deny", 4, 13);
}

#[test]
fn a_configured_level_applies_at_every_impact() {
    // benefits is silent for low impact by default; a configured level
    // replaces the impact-dependent default.
    let low = set(&full_notice("low"), "benefits", "");
    assert_eq!(check(&site_with(&low), &[]), (0, vec![]));
    let (code, diags) = check(&site_with_config(&low, "[checklist.levels]\nbenefits = \"deny\"\n"), &[]);
    assert_eq!(code, 1);
    one(&diags, "benefits", "deny", 1, 1);
    let high = set(&full_notice("high"), "benefits", "");
    assert_eq!(check(&site_with_config(&high, "[checklist.levels]\nbenefits = \"allow\"\n"), &[]), (0, vec![]));
    let (code, diags) = check(&site_with_config(&high, "[checklist.levels]\nbenefits = \"warn\"\n"), &[]);
    assert_eq!(code, 0);
    one(&diags, "benefits", "warn", 1, 1);
}

#[test]
fn improvement_feedback_denies_can_be_lowered() {
    let site = fixture_with_config(
        "check-improvement-feedback/fires",
        "[checklist.levels]\nimprovement-feedback = \"warn\"\n",
    );
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 0);
    one(&diags, "improvement-feedback", "warn", 5, 10);
}

#[test]
fn against_rules_have_levels_too() {
    let site =
        fixture_with_config("check-silent-reschedule/fires", "[checklist.levels]\nsilent-reschedule = \"warn\"\n");
    let (code, diags) = check(&site, &["--against", "previous/notices.json"]);
    assert_eq!(code, 0);
    one(&diags, "silent-reschedule", "warn", 4, 13);
    let site =
        fixture_with_config("check-withdrawn-silently/fires", "[checklist.levels]\nwithdrawn-silently = \"deny\"\n");
    let (code, diags) = check(&site, &["--against", "previous/notices.json"]);
    assert_eq!(code, 1);
    assert_eq!(rules(&diags), [("withdrawn-silently", "deny")]);
    let site =
        fixture_with_config("check-withdrawn-silently/fires", "[checklist.levels]\nwithdrawn-silently = \"allow\"\n");
    assert_eq!(check(&site, &["--against", "previous/notices.json"]), (0, vec![]));
}

#[test]
fn unknown_rule_in_config_is_exit_2_with_did_you_mean() {
    let site = fixture_with_config(
        "check-audience/clean",
        "title = \"Acme\"\n\n[checklist.levels]\nadvance-notise = \"warn\"\n",
    );
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 2);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!((d.rule.as_str(), d.level.as_str(), d.file.as_str()), ("config", "error", "forewarn.toml"));
    assert_eq!((d.line, d.column), (Some(4), Some(18)));
    assert_eq!(d.message, "unknown checklist rule `advance-notise`");
    assert!(d.help.as_deref().unwrap().contains("did you mean `advance-notice`?"), "{d:#?}");
    let run = site.check();
    run.expect(2);
    assert!(run.stderr.contains("error[config]: unknown checklist rule `advance-notise`"), "{}", run.all());
    assert!(run.stderr.contains("--> forewarn.toml:4:18"), "{}", run.all());
    assert!(run.stderr.contains("did you mean `advance-notice`?"), "{}", run.all());
    // Far from every rule: no guess, but a pointer to the list.
    let site = fixture_with_config("check-audience/clean", "[checklist.levels]\nspelling = \"deny\"\n");
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 2);
    let help = diags[0].help.as_deref().unwrap();
    assert!(!help.contains("did you mean"), "{help}");
    assert!(help.contains("`forewarn explain` lists every rule"), "{help}");
}

#[test]
fn a_level_must_be_deny_warn_or_allow() {
    let site = fixture_with_config("check-audience/clean", "[checklist.levels]\naudience = \"loud\"\n");
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 2);
    assert_eq!(diags[0].message, "`checklist.levels.audience` cannot be `loud`");
    assert_eq!((diags[0].line, diags[0].column), (Some(2), Some(12)));
    let site = fixture_with_config("check-audience/clean", "[checklist.levels]\naudience = false\n");
    assert_eq!(check(&site, &[]).0, 2);
}

#[test]
fn lead_time_changes_thresholds() {
    // GOOD_NOTICE: published 2026-10-01, effective 2027-01-20 09:00 UTC:
    // 111 days and 9 hours ahead.
    let site = site_with_config(GOOD_NOTICE, "[checklist.lead_time]\nmedium = 111\n");
    assert_eq!(check(&site, &[]), (0, vec![]));
    let site = site_with_config(GOOD_NOTICE, "[checklist.lead_time]\nmedium = 112\n");
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    let d = one(&diags, "advance-notice", "deny", 4, 13);
    assert_eq!(d.message, "medium-impact change announced 111 days ahead; needs 112");
    assert!(d.help.as_deref().unwrap().contains("move `effective` to 2027-01-21T00:00 or later"), "{d:#?}");
    // The other impacts keep their defaults.
    let low = set(GOOD_NOTICE, "impact", "impact = \"low\"");
    let low = set(&low, "effective", "effective = 2026-10-07T09:00:00Z");
    let (_, diags) = check(&site_with_config(&low, "[checklist.lead_time]\nmedium = 112\n"), &[]);
    assert_eq!(
        one(&diags, "advance-notice", "deny", 4, 13).message,
        "low-impact change announced 6 days ahead; needs 7"
    );
    let (code, _) = check(&site_with_config(&low, "[checklist.lead_time]\nlow = 6\n"), &[]);
    assert_eq!(code, 0);
}

#[test]
fn default_lead_times_per_impact() {
    for (impact, days) in [("low", 7), ("medium", 30), ("high", 90), ("breaking", 180)] {
        let text = set(&full_notice(impact), "published", "published = 2026-12-01T09:00:00Z");
        // Exactly the lead time: clean.
        let ok = set(&text, "effective", &format!("effective = {}", after_days("2026-12-01", days)));
        // 180 days on is a Sunday: business days are another rule.
        let no_weekend = "[checklist.calendar]\nweekend = []\n";
        assert_eq!(check(&site_with_config(&ok, no_weekend), &[]), (0, vec![]), "{impact}: {ok}");
        // A day less: denied.
        let short = set(&text, "effective", &format!("effective = {}", after_days("2026-12-01", days - 1)));
        let (_, diags) = check(&site_with(&short), &[]);
        assert_eq!(
            one(&diags, "advance-notice", "deny", 4, 13).message,
            format!("{impact}-impact change announced {} days ahead; needs {days}", days - 1)
        );
    }
}

/// `DATE + days` at 09:00 UTC, as `YYYY-MM-DDT09:00:00Z`.
fn after_days(date: &str, days: i64) -> String {
    let date: jiff::civil::Date = date.parse().unwrap();
    format!("{}T09:00:00Z", date.checked_add(jiff::Span::new().days(days)).unwrap())
}

#[test]
fn after_days_helper() {
    assert_eq!(after_days("2026-12-01", 90), "2027-03-01T09:00:00Z");
    assert_eq!(after_days("2026-12-01", 180), "2027-05-30T09:00:00Z");
}

#[test]
fn huge_lead_time_is_a_config_error_not_a_panic() {
    let site = site_with_config(GOOD_NOTICE, "[checklist.lead_time]\nmedium = 100000000000000000\n");
    let run = site.run(&["check"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.all());
    run.expect(2);
    assert!(run.stderr.contains("forewarn.toml"), "{}", run.all());
}
