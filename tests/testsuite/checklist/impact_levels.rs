//! Levels that depend on the impact (SPEC §3 table).

use super::*;

const IMPACTS: [&str; 4] = ["low", "medium", "high", "breaking"];

/// For each impact, the level `rule` reports when `key` is removed from a
/// notice that is otherwise clean (None: silent).
fn levels_without(key: &str, rule: &str) -> Vec<(&'static str, Option<String>)> {
    IMPACTS
        .iter()
        .map(|impact| {
            let text = set(&full_notice(impact), key, "");
            let (_, diags) = check(&site_with(&text), &[]);
            let found = of(&diags, rule);
            assert!(found.len() <= 1, "{diags:#?}");
            assert!(
                diags.iter().all(|d| d.rule == rule),
                "only `{rule}` fires for a {impact} notice without `{key}`: {diags:#?}"
            );
            (*impact, found.first().map(|d| d.level.clone()))
        })
        .collect()
}

fn expect(levels: [Option<&str>; 4]) -> Vec<(&'static str, Option<String>)> {
    IMPACTS.iter().zip(levels).map(|(i, l)| (*i, l.map(str::to_string))).collect()
}

#[test]
fn the_base_notice_is_clean_at_every_impact() {
    for impact in IMPACTS {
        assert_eq!(check(&site_with(&full_notice(impact)), &[]), (0, vec![]), "{impact}");
    }
}

#[test]
fn benefits_deny_for_high_and_breaking_warn_for_medium_silent_for_low() {
    assert_eq!(levels_without("benefits", "benefits"), expect([None, Some("warn"), Some("deny"), Some("deny")]));
}

#[test]
fn workaround_deny_for_medium_and_up() {
    assert_eq!(levels_without("workaround", "workaround"), expect([None, Some("deny"), Some("deny"), Some("deny")]));
}

#[test]
fn support_prep_warn_and_deny_for_breaking() {
    assert_eq!(
        levels_without("support", "support-prep"),
        expect([Some("warn"), Some("warn"), Some("warn"), Some("deny")])
    );
}

#[test]
fn data_disposition_only_for_high_and_breaking() {
    assert_eq!(levels_without("disposition", "data-disposition"), expect([None, None, Some("deny"), Some("deny")]));
}

#[test]
fn data_disposition_in_an_empty_data_table_points_at_the_table() {
    let text = set(&full_notice("high"), "disposition", "details = \"Nothing moves.\"");
    let (code, diags) = check(&site_with(&text), &[]);
    assert_eq!(code, 1);
    let (line, _) = loc(&text, "[data]");
    one(&diags, "data-disposition", "deny", line, 1);
}

#[test]
fn messages_name_the_impact() {
    let text = set(&set(&full_notice("breaking"), "benefits", ""), "workaround", "");
    let (_, diags) = check(&site_with(&text), &[]);
    assert_eq!(of(&diags, "benefits")[0].message, "breaking-impact change does not say why it is worth it");
    assert_eq!(of(&diags, "workaround")[0].message, "breaking-impact change offers no workaround");
}

#[test]
fn blank_values_count_as_missing_and_point_at_the_value() {
    for (key, rule) in [("benefits", "benefits"), ("workaround", "workaround"), ("support", "support-prep")] {
        let text = set(&full_notice("breaking"), key, &format!("{key} = \"   \""));
        let (code, diags) = check(&site_with(&text), &[]);
        assert_eq!(code, 1, "{diags:#?}");
        let (line, column) = loc(&text, "\"   \"");
        one(&diags, rule, "deny", line, column);
    }
    let text = set(GOOD_NOTICE, "audience", "audience = [\"\", \" \"]");
    let (_, diags) = check(&site_with(&text), &[]);
    let (line, column) = loc(&text, "[\"\", \" \"]");
    one(&diags, "audience", "deny", line, column);
}

/// Data dispositions and the keys they need (none of which are given).
#[test]
fn data_access_and_export_by_disposition() {
    let cases: [(&str, &[&str]); 6] = [
        ("unaffected", &[]),
        ("retained", &[]),
        ("migrated", &["data-access", "data-access"]),
        ("archived", &["data-access", "data-access"]),
        ("unavailable", &["data-access", "data-access", "data-export"]),
        ("deleted", &["data-export"]),
    ];
    for (disposition, expected) in cases {
        let text = set(&full_notice("high"), "disposition", &format!("disposition = \"{disposition}\""));
        let (code, diags) = check(&site_with(&text), &[]);
        let got: Vec<&str> = diags.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(got, expected, "{disposition}: {diags:#?}");
        assert_eq!(code, if expected.is_empty() { 0 } else { 1 });
        let (table, _) = loc(&text, "[data]");
        for d in &diags {
            assert_eq!((d.line, d.column), (Some(table), Some(1)), "missing keys point at [data]: {d:#?}");
        }
        if disposition == "unavailable" {
            let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
            assert!(messages.contains(&"data that is unavailable needs `data.access`"), "{messages:?}");
            assert!(messages.contains(&"data that is unavailable needs `data.available_again`"), "{messages:?}");
            assert!(messages.contains(&"data that is unavailable needs a way to export a copy"), "{messages:?}");
        }
    }
    // Everything given: clean.
    let text = add(
        &set(&full_notice("high"), "disposition", "disposition = \"unavailable\""),
        "access = \"Read-only at archive.example.com.\"\navailable_again = 2027-01-21T09:00:00Z\nexport = \"Settings → Export.\"",
    );
    assert_eq!(check(&site_with(&text), &[]), (0, vec![]));
    // A blank `access` is missing, reported at its value.
    let text = add(
        &set(&full_notice("high"), "disposition", "disposition = \"migrated\""),
        "access = \"\"\navailable_again = 2027-01-21T09:00:00Z",
    );
    let (_, diags) = check(&site_with(&text), &[]);
    let (line, column) = loc(&text, "\"\"");
    one(&diags, "data-access", "deny", line, column);
}

#[test]
fn impact_explained_counts_words_against_min_body_words() {
    let nine = with_body(GOOD_NOTICE, "Invoices get a new layout with totals at the top.\n");
    let (code, diags) = check(&site_with(&nine), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        one(&diags, "impact-explained", "deny", 1, 1).message,
        "the body explains the impact in 10 words; at least 12 are needed"
    );
    // Each impact has its own minimum; a low-impact change may be short.
    assert_eq!(check(&site_with(&set(&nine, "impact", "impact = \"low\"")), &[]).0, 0);
    let site = site_with_config(&nine, "[checklist]\nmin_words = { medium = 10 }\n");
    assert_eq!(check(&site, &[]), (0, vec![]));
    let site = site_with_config(&nine, "[checklist]\nmin_body_words = 10\n");
    assert_eq!(check(&site, &[]), (0, vec![]));
    let site = site_with_config(&nine, "[checklist]\nmin_body_words = 11\n");
    let (_, diags) = check(&site, &[]);
    assert_eq!(
        one(&diags, "impact-explained", "deny", 1, 1).message,
        "the body explains the impact in 10 words; at least 11 are needed"
    );
    let empty = with_body(GOOD_NOTICE, "");
    let (_, diags) = check(&site_with(&empty), &[]);
    assert_eq!(
        one(&diags, "impact-explained", "deny", 1, 1).message,
        "the body does not explain the impact: it is empty"
    );
}

#[test]
fn feedback_on_the_notice_or_in_the_config() {
    let text = set(GOOD_NOTICE, "feedback", "");
    let (_, diags) = check(&site_with(&text), &[]);
    one(&diags, "feedback-channel", "deny", 1, 1);
    let site = site_with_config(&text, "feedback = \"https://feedback.example.com\"\n");
    assert_eq!(check(&site, &[]), (0, vec![]));
}

#[test]
fn improvement_feedback_levels() {
    let base = "+++\ntitle = \"Dark mode\"\ndate = 2026-11-02\nstatus = \"shipped\"\n\n[feedback]\nsource = \"Feature requests board\"\n+++\n\nYou asked for a dark theme.\n";
    let site = |text: &str| {
        let site = TestSite::new();
        site.write("content/improvements/dark-mode.md", text);
        site
    };
    assert_eq!(check(&site(base), &[]), (0, vec![]));
    // No feedback source at all: a warning at the fence.
    let no_source = base.replace("\n[feedback]\nsource = \"Feature requests board\"\n", "");
    let (code, diags) = check(&site(&no_source), &[]);
    assert_eq!(code, 0);
    let d = one(&diags, "improvement-feedback", "warn", 1, 1);
    assert_eq!(d.message, "the entry does not name the feedback it answers");
    // Planned: needs an eta (deny at `status`), a blank one too.
    let planned = base.replace("\"shipped\"", "\"planned\"");
    let (line, column) = loc(&planned, "\"planned\"");
    let (code, diags) = check(&site(&planned), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        one(&diags, "improvement-feedback", "deny", line, column).message,
        "a planned improvement needs an `eta`"
    );
    let (_, diags) = check(&site(&planned.replace("status = \"planned\"", "status = \"planned\"\neta = \" \"")), &[]);
    one(&diags, "improvement-feedback", "deny", line, column);
    assert_eq!(
        check(&site(&planned.replace("status = \"planned\"", "status = \"planned\"\neta = 2027-03-01")), &[]),
        (0, vec![])
    );
    // Declined: needs a reason.
    let declined = base.replace("\"shipped\"", "\"declined\"");
    let (line, column) = loc(&declined, "\"declined\"");
    let (code, diags) = check(&site(&declined), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        one(&diags, "improvement-feedback", "deny", line, column).message,
        "a declined request needs a `reason`"
    );
    let reasoned =
        declined.replace("status = \"declined\"", "status = \"declined\"\nreason = \"It would slow every page down.\"");
    assert_eq!(check(&site(&reasoned), &[]), (0, vec![]));
    // Both problems at once: the deny and the warning.
    let both = no_source.replace("\"shipped\"", "\"planned\"");
    let (code, diags) = check(&site(&both), &[]);
    assert_eq!(code, 1);
    assert_eq!(rules(&diags), [("improvement-feedback", "warn"), ("improvement-feedback", "deny")]);
}

#[test]
fn yaml_front_matter_is_located_too() {
    let text = "---\ntitle: \"Invoices get a new layout\"\npublished: 2026-12-01\neffective: 2026-12-20T09:00:00Z\nimpact: medium\nworkaround: \"Keep the classic layout.\"\nsupport: \"Point to Settings.\"\nbenefits: \"Clearer totals.\"\nfeedback: \"mailto:billing@example.com\"\n---\n\nInvoices will use a new layout with the totals at the top and a clearer tax breakdown. Nothing changes in the amounts, numbering or delivery of your invoices.\n";
    let (code, diags) = check(&site_with(text), &[]);
    assert_eq!(code, 1);
    assert_eq!(rules(&diags), [("audience", "deny"), ("advance-notice", "deny")]);
    one(&diags, "audience", "deny", 1, 1);
    one(&diags, "advance-notice", "deny", 4, 12);
    let run = site_with(text).check();
    assert!(run.stderr.contains(" --> content/notices/n.md:1:1\n  |\n1 | ---\n  | ^^^\n"), "{}", run.all());
}
