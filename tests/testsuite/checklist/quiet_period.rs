//! Freeze windows: inclusive, a bare end date includes that day, site zone.

use super::*;

const CONFIG: &str = "timezone = \"Europe/Amsterdam\"\n\n[[checklist.freeze]]\nname = \"Year-end freeze\"\nstart = 2026-12-15\nend = 2027-01-05\n";

/// The quiet-period diagnostics for a notice effective at `effective`.
fn quiet(effective: &str, config: &str) -> Vec<Diag> {
    let text = set(GOOD_NOTICE, "effective", &format!("effective = {effective}"));
    let (code, diags) = check(&site_with_config(&text, config), &[]);
    assert_eq!(code, 0, "quiet-period is a warning: {diags:#?}");
    assert!(diags.iter().all(|d| d.rule == "quiet-period"), "{diags:#?}");
    diags
}

#[track_caller]
fn fires(effective: &str, config: &str) {
    let diags = quiet(effective, config);
    assert_eq!(diags.len(), 1, "effective = {effective} is in the window: {diags:#?}");
    one(&diags, "quiet-period", "warn", 4, 13);
}

#[track_caller]
fn quiet_ok(effective: &str, config: &str) {
    assert_eq!(quiet(effective, config), vec![], "effective = {effective} is outside the window");
}

#[test]
fn first_day_of_the_window_fires() {
    fires("2026-12-15", CONFIG);
    fires("2026-12-15T00:01:00+01:00", CONFIG);
    fires("2026-12-15T09:00:00", CONFIG);
}

#[test]

fn the_first_instant_of_the_window_fires() {
    fires("2026-12-15T00:00:00+01:00", CONFIG);
    fires("2026-12-14T23:00:00Z", CONFIG);
}

#[test]
fn one_minute_before_the_window_is_quiet() {
    quiet_ok("2026-12-14T23:59:00+01:00", CONFIG);
    quiet_ok("2026-12-14", CONFIG);
}

#[test]
fn the_whole_last_day_is_inside() {
    fires("2027-01-05", CONFIG);
    fires("2027-01-05T23:59:00+01:00", CONFIG);
    fires("2027-01-05T23:59:59+01:00", CONFIG);
}

#[test]
fn the_day_after_the_window_is_quiet() {
    quiet_ok("2027-01-06T00:00:00+01:00", CONFIG);
    quiet_ok("2027-01-06T00:01:00+01:00", CONFIG);
    quiet_ok("2027-01-06", CONFIG);
}

#[test]
fn the_window_is_in_the_site_zone() {
    // 23:30 UTC on 5 January is 00:30 on 6 January in Amsterdam.
    quiet_ok("2027-01-05T23:30:00Z", CONFIG);
    let utc = CONFIG.replace("Europe/Amsterdam", "UTC");
    fires("2027-01-05T23:30:00Z", &utc);
    // 23:30 UTC on 14 December is 00:30 on 15 December in Amsterdam.
    fires("2026-12-14T23:30:00Z", CONFIG);
    quiet_ok("2026-12-14T23:30:00Z", &utc);
}

#[test]
fn a_timed_end_is_inclusive_to_the_instant() {
    let config = CONFIG.replace("end = 2027-01-05", "end = 2027-01-05T12:00:00+01:00");
    fires("2027-01-05T12:00:00+01:00", &config);
    quiet_ok("2027-01-05T12:01:00+01:00", &config);
}

#[test]

fn a_bare_end_date_on_a_dst_day_is_exactly_that_day() {
    // Europe/Amsterdam: 2027-03-28 has 23 hours, 2027-10-31 has 25.
    let spring = CONFIG.replace("start = 2026-12-15\nend = 2027-01-05", "start = 2027-03-20\nend = 2027-03-28");
    fires("2027-03-28T23:30:00+02:00", &spring);
    quiet_ok("2027-03-29T00:30:00+02:00", &spring);
    let autumn = CONFIG.replace("start = 2026-12-15\nend = 2027-01-05", "start = 2027-10-20\nend = 2027-10-31");
    fires("2027-10-31T23:30:00+01:00", &autumn);
    quiet_ok("2027-11-01T00:00:00+01:00", &autumn);
}

#[test]
fn the_message_names_the_window_and_its_dates() {
    let diags = quiet("2026-12-24T09:00:00+01:00", CONFIG);
    assert_eq!(diags[0].message, "takes effect during \"Year-end freeze\" (2026-12-15 to 2027-01-05)");
    let two = format!("{CONFIG}\n[[checklist.freeze]]\nname = \"Christmas\"\nstart = 2026-12-24\nend = 2026-12-26\n");
    let diags = quiet("2026-12-24T09:00:00+01:00", &two);
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "takes effect during \"Year-end freeze\" (2026-12-15 to 2027-01-05)",
            "takes effect during \"Christmas\" (2026-12-24 to 2026-12-26)"
        ]
    );
}
