//! `forewarn explain`

use super::*;

/// Every rule id, in the order the checklist defines them.
pub const IDS: [&str; 28] = [
    "advance-notice",
    "retroactive",
    "audience",
    "impact-explained",
    "benefits",
    "workaround",
    "data-disposition",
    "data-access",
    "data-export",
    "feedback-channel",
    "support-prep",
    "quiet-period",
    "silent-reschedule",
    "withdrawn-silently",
    "improvement-feedback",
    "stale-eta",
    "backdated",
    "draft-overdue",
    "follow-up",
    "impact-understated",
    "placeholder",
    "price-stated",
    "actionable-workaround",
    "links",
    "business-day",
    "change-cluster",
    "translation-missing",
    "translation-mismatch",
];

/// The rule ids `forewarn explain` lists (its indented lines).
pub fn listed_ids(stdout: &str) -> Vec<String> {
    listed(stdout).into_iter().map(|(id, _)| id).collect()
}

/// (id, default level) as `forewarn explain` lists them.
pub fn listed(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .filter(|l| l.starts_with("  "))
        .map(|l| {
            let l = l.trim();
            let (id, default) = l.split_once(' ').unwrap_or((l, ""));
            (id.to_string(), default.trim().to_string())
        })
        .collect()
}

#[test]
fn explain_lists_every_rule_with_its_default() {
    let run = TestSite::new().run(&["explain"]);
    run.expect(0);
    assert_eq!(listed_ids(&run.stdout), IDS, "{}", run.all());
    let defaults = listed(&run.stdout);
    let default_of = |id: &str| defaults.iter().find(|(i, _)| i == id).map(|(_, d)| d.as_str()).unwrap();
    assert_eq!(default_of("advance-notice"), "deny");
    assert_eq!(default_of("benefits"), "deny for high and breaking, warn for medium");
    assert_eq!(default_of("workaround"), "deny for medium, high and breaking");
    assert_eq!(default_of("support-prep"), "warn (deny for breaking)");
    assert_eq!(default_of("quiet-period"), "warn");
    assert_eq!(default_of("withdrawn-silently"), "warn");
    assert_eq!(default_of("actionable-workaround"), "deny");
    assert_eq!(default_of("links"), "deny");
    assert_eq!(default_of("business-day"), "warn");
    assert_eq!(default_of("change-cluster"), "warn");
    assert_eq!(default_of("translation-missing"), "deny for high and breaking, warn for medium");
    assert_eq!(default_of("translation-mismatch"), "deny");
    assert!(run.stdout.contains("forewarn explain RULE"), "{}", run.all());
}

#[test]
fn explain_advance_notice_gives_rationale_trigger_default_and_config() {
    let run = TestSite::new().run(&["explain", "advance-notice"]);
    run.expect(0);
    let out = &run.stdout;
    assert!(out.starts_with("advance-notice\n"), "{out}");
    assert!(out.contains("Customers need time to plan, test and tell their own users."), "rationale: {out}");
    assert!(out.contains("Fires when: `effective - published` is shorter than the lead time"), "trigger: {out}");
    assert!(out.contains("Default level: deny"), "{out}");
    assert!(out.contains("[checklist.lead_time]"), "names the lead-time table: {out}");
    assert!(out.contains("emergency"), "says how to satisfy it: {out}");
    assert!(out.contains("[checklist.levels]\n    advance-notice = \"warn\""), "how to configure: {out}");
}

#[test]
fn explain_works_for_every_rule() {
    for id in IDS {
        let run = TestSite::new().run(&["explain", id]);
        run.expect(0);
        let out = &run.stdout;
        assert!(out.starts_with(&format!("{id}\n")), "{out}");
        for part in ["Default level: ", "Fires when: ", "Why: ", "How to fix: ", "[checklist.levels]"] {
            assert!(out.contains(part), "`explain {id}` has `{part}`:\n{out}");
        }
        assert!(out.contains(&format!("    {id} = \"")), "`explain {id}` shows its config line:\n{out}");
    }
}

#[test]
fn explain_unknown_rule_is_exit_2_with_a_hint() {
    let run = TestSite::new().run(&["explain", "nope"]);
    run.expect(2);
    assert!(run.stderr.contains("no checklist rule `nope`"), "{}", run.all());
    assert!(run.stderr.contains("Run `forewarn explain` to list them"), "{}", run.all());
    let run = TestSite::new().run(&["explain", "advance-notise"]);
    run.expect(2);
    assert!(run.stderr.contains("Did you mean `advance-notice`?"), "{}", run.all());
}
