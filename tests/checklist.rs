//! The no-surprises checklist (issue 3, SPEC §3): every rule fires on a
//! fixture and stays quiet on its fixed twin, at the right line and column;
//! impact-dependent levels, `[checklist]` config, lead times across time
//! zones and DST, freeze windows, `--against`, the output formats, and the
//! commands around the checklist (`build`, `explain`, `new`, `brief`). The
//! examples in docs/checklist.md are run too.
//!
//! Tests marked `#[ignore = "BUG: …"]` describe the correct behaviour of
//! something src/ gets wrong today (see /tmp/notes/bugs-checklist.md).

#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub, missing_docs)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{GOOD_NOTICE, NOW_EPOCH, Run, TestSite};
use serde_json::Value;

// ---------------------------------------------------------------------------
// Helpers

/// One entry of `check --format json`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Diag {
    rule: String,
    level: String,
    file: String,
    line: Option<u64>,
    column: Option<u64>,
    message: String,
    help: Option<String>,
}

/// Parses the JSON array a `--format json` run printed, checking that every
/// entry has exactly the documented keys.
fn parse_diags(run: &Run) -> Vec<Diag> {
    let value: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("--format json printed no JSON ({e})\n{}", run.all()));
    let items = value.as_array().unwrap_or_else(|| panic!("--format json printed no array\n{}", run.all()));
    items
        .iter()
        .map(|item| {
            let obj = item.as_object().unwrap_or_else(|| panic!("not an object: {item}"));
            let keys: BTreeSet<&str> = obj.keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                BTreeSet::from(["column", "file", "help", "level", "line", "message", "rule"]),
                "the JSON keys are the documented ones\n{}",
                run.all()
            );
            let text = |k: &str| {
                obj[k].as_str().unwrap_or_else(|| panic!("`{k}` is not a string in {item}\n{}", run.all())).to_string()
            };
            for k in ["line", "column"] {
                assert!(obj[k].is_null() || obj[k].is_u64(), "`{k}` is a number or null: {item}");
            }
            Diag {
                rule: text("rule"),
                level: text("level"),
                file: text("file"),
                line: obj["line"].as_u64(),
                column: obj["column"].as_u64(),
                message: text("message"),
                help: obj["help"].as_str().map(str::to_string),
            }
        })
        .collect()
}

/// `forewarn check --format json ARGS` at the fixed "now".
fn check(site: &TestSite, args: &[&str]) -> (i32, Vec<Diag>) {
    check_env(site, args, &[("SOURCE_DATE_EPOCH", NOW_EPOCH)])
}

/// Like [`check`] with other environment variables.
fn check_env(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> (i32, Vec<Diag>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = site.run_env(&all, env);
    assert!(!run.stderr.contains("panicked"), "the binary panicked\n{}", run.all());
    let diags = parse_diags(&run);
    let denied = diags.iter().any(|d| d.level == "deny");
    let errors = diags.iter().any(|d| d.level == "error");
    let expected = if errors {
        2
    } else if denied {
        1
    } else {
        0
    };
    assert_eq!(run.code, expected, "the exit status follows the levels reported\n{}", run.all());
    (run.code, diags)
}

/// The (rule, level) pairs reported, in order.
fn rules(diags: &[Diag]) -> Vec<(&str, &str)> {
    diags.iter().map(|d| (d.rule.as_str(), d.level.as_str())).collect()
}

/// The diagnostics of one rule.
fn of<'a>(diags: &'a [Diag], rule: &str) -> Vec<&'a Diag> {
    diags.iter().filter(|d| d.rule == rule).collect()
}

/// Asserts exactly one diagnostic of `rule`, at `level`, `line`:`column`.
#[track_caller]
fn one<'a>(diags: &'a [Diag], rule: &str, level: &str, line: u64, column: u64) -> &'a Diag {
    let found = of(diags, rule);
    assert_eq!(found.len(), 1, "expected one `{rule}`, got {diags:#?}");
    let d = found[0];
    assert_eq!(
        (d.level.as_str(), d.line, d.column),
        (level, Some(line), Some(column)),
        "level and position of `{rule}`: {d:#?}"
    );
    d
}

/// `text` with its front-matter line `key = …` replaced by `line`, or
/// removed when `line` is empty.
fn set(text: &str, key: &str, line: &str) -> String {
    let mut found = false;
    let mut out = String::new();
    for l in text.lines() {
        let is_key = l.split_once('=').is_some_and(|(k, _)| k.trim() == key);
        if is_key && !found {
            found = true;
            if !line.is_empty() {
                out.push_str(line);
                out.push('\n');
            }
            continue;
        }
        out.push_str(l);
        out.push('\n');
    }
    assert!(found, "no `{key} =` line in\n{text}");
    out
}

/// `text` with `lines` added at the end of its front matter.
fn add(text: &str, lines: &str) -> String {
    let mut fences = 0;
    let mut out = String::new();
    for l in text.lines() {
        if l == "+++" {
            fences += 1;
            if fences == 2 {
                out.push_str(lines.trim_end_matches('\n'));
                out.push('\n');
            }
        }
        out.push_str(l);
        out.push('\n');
    }
    assert_eq!(fences, 2, "two fences in\n{text}");
    out
}

/// `text` with its body replaced.
fn with_body(text: &str, body: &str) -> String {
    let start = text[3..].find("\n+++\n").expect("closing fence") + 3 + "\n+++\n".len();
    format!("{}\n{body}", &text[..start])
}

/// 1-based line and column (in characters) of the first `needle` in `text`.
#[track_caller]
fn loc(text: &str, needle: &str) -> (u64, u64) {
    for (i, l) in text.lines().enumerate() {
        if let Some(pos) = l.find(needle) {
            return (i as u64 + 1, l[..pos].chars().count() as u64 + 1);
        }
    }
    panic!("`{needle}` not in\n{text}");
}

/// A notice of `impact` that passes every rule: announced more than a year
/// ahead, with a data disposition.
fn full_notice(impact: &str) -> String {
    let text = set(GOOD_NOTICE, "impact", &format!("impact = \"{impact}\""));
    let text = set(&text, "published", "published = 2026-01-05");
    add(&text, "\n[data]\ndisposition = \"unaffected\"")
}

/// A site holding one notice, `content/notices/n.md`.
fn site_with(notice: &str) -> TestSite {
    let site = TestSite::new();
    site.write("content/notices/n.md", notice);
    site
}

/// A site holding one notice and a `forewarn.toml`.
fn site_with_config(notice: &str, config: &str) -> TestSite {
    let site = site_with(notice);
    site.write("forewarn.toml", config);
    site
}

/// Every file under `dir`, with its bytes, sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("read {}: {e}", d.display())).flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).expect("read file");
                out.push((p.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    out.sort();
    out
}

/// Epoch seconds of an RFC 3339 instant, for `SOURCE_DATE_EPOCH`.
fn epoch(instant: &str) -> String {
    instant.parse::<jiff::Timestamp>().unwrap_or_else(|e| panic!("{instant}: {e}")).as_second().to_string()
}

#[test]
fn epoch_helper_matches_the_harness_now() {
    assert_eq!(epoch("2026-11-23T00:00:00Z"), NOW_EPOCH);
    assert_eq!(epoch("1970-01-01T00:00:00Z"), "0");
}

// ---------------------------------------------------------------------------
// Every rule: a fixture that fires it, and its fixed twin that is clean.

mod rules {
    use super::*;

    /// What a firing fixture must report: exactly this one diagnostic.
    struct Want {
        rule: &'static str,
        level: &'static str,
        file: &'static str,
        at: Option<(u64, u64)>,
        message: &'static str,
        help: &'static str,
    }

    /// Runs `check` on `fixture` (json and human), asserting the exit status
    /// and that `want` is the only problem reported.
    #[track_caller]
    fn fires(fixture: &str, args: &[&str], exit: i32, want: Want) {
        let site = TestSite::fixture(fixture);
        let (code, diags) = check(&site, args);
        assert_eq!(code, exit, "{diags:#?}");
        assert_eq!(diags.len(), 1, "only `{}` fires: {diags:#?}", want.rule);
        let d = &diags[0];
        assert_eq!((d.rule.as_str(), d.level.as_str(), d.file.as_str()), (want.rule, want.level, want.file), "{d:#?}");
        assert_eq!((d.line, d.column), want.at.map_or((None, None), |(l, c)| (Some(l), Some(c))), "{d:#?}");
        assert_eq!(d.message, want.message);
        let help = d.help.as_deref().unwrap_or_default();
        assert!(help.contains(want.help), "help `{help}` should contain `{}`", want.help);

        let mut human = vec!["check"];
        human.extend_from_slice(args);
        let run = site.run(&human);
        run.expect(exit);
        let label = if want.level == "deny" { "deny" } else { "warning" };
        let title = format!("{label}[{}]: {}", want.rule, want.message);
        assert!(run.stderr.contains(&title), "human output has `{title}`\n{}", run.all());
        let arrow = match want.at {
            Some((l, c)) => format!("--> {}:{l}:{c}", want.file),
            None => format!("--> {}", want.file),
        };
        assert!(run.stderr.contains(&arrow), "human output has `{arrow}`\n{}", run.all());
    }

    /// Runs `check` on `fixture`, asserting exit status 0 and no problem at all.
    #[track_caller]
    fn clean(fixture: &str, args: &[&str]) {
        let site = TestSite::fixture(fixture);
        let (code, diags) = check(&site, args);
        assert_eq!((code, diags), (0, vec![]));
        let mut human = vec!["check"];
        human.extend_from_slice(args);
        let run = site.run(&human);
        run.expect(0);
        assert!(run.stderr.contains("checked: 0 denied, 0 warnings"), "{}", run.all());
    }

    #[test]
    fn advance_notice_fires() {
        fires(
            "check-advance-notice/fires",
            &[],
            1,
            Want {
                rule: "advance-notice",
                level: "deny",
                file: "content/notices/late.md",
                at: Some((4, 13)),
                message: "high-impact change announced 14 days ahead; needs 90",
                help: "move `effective` to 2027-04-01T09:00 or later, or give an `emergency` reason",
            },
        );
    }

    #[test]
    fn advance_notice_clean() {
        clean("check-advance-notice/clean", &[]);
    }

    #[test]
    fn retroactive_fires() {
        fires(
            "check-retroactive/fires",
            &[],
            1,
            Want {
                rule: "retroactive",
                level: "deny",
                file: "content/notices/password-rules.md",
                at: Some((3, 13)),
                message: "published 4 days after the change took effect",
                help: "correct `published` or `effective`, or give an `emergency` reason",
            },
        );
    }

    #[test]
    fn retroactive_clean() {
        clean("check-retroactive/clean", &[]);
    }

    #[test]
    fn audience_fires() {
        fires(
            "check-audience/fires",
            &[],
            1,
            Want {
                rule: "audience",
                level: "deny",
                file: "content/notices/invoice-layout.md",
                at: Some((1, 1)),
                message: "the notice does not say who is affected",
                help: "add `audience = [\"…\"]`",
            },
        );
    }

    #[test]
    fn audience_clean() {
        clean("check-audience/clean", &[]);
    }

    #[test]
    fn impact_explained_fires() {
        fires(
            "check-impact-explained/fires",
            &[],
            1,
            Want {
                rule: "impact-explained",
                level: "deny",
                file: "content/notices/invoice-layout.md",
                at: Some((1, 1)),
                message: "the body explains the impact in 3 words; at least 20 are needed",
                help: "write what is changing, who is affected and what they need to do",
            },
        );
    }

    #[test]
    fn impact_explained_clean() {
        clean("check-impact-explained/clean", &[]);
    }

    #[test]
    fn benefits_fires() {
        fires(
            "check-benefits/fires",
            &[],
            0,
            Want {
                rule: "benefits",
                level: "warn",
                file: "content/notices/invoice-layout.md",
                at: Some((1, 1)),
                message: "medium-impact change does not say why it is worth it",
                help: "add `benefits = \"…\"`",
            },
        );
    }

    #[test]
    fn benefits_clean() {
        clean("check-benefits/clean", &[]);
    }

    #[test]
    fn workaround_fires() {
        fires(
            "check-workaround/fires",
            &[],
            1,
            Want {
                rule: "workaround",
                level: "deny",
                file: "content/notices/invoice-layout.md",
                at: Some((9, 14)),
                message: "medium-impact change offers no workaround",
                help: "add `workaround = \"…\"`",
            },
        );
    }

    #[test]
    fn workaround_clean() {
        clean("check-workaround/clean", &[]);
    }

    #[test]
    fn data_disposition_fires() {
        fires(
            "check-data-disposition/fires",
            &[],
            1,
            Want {
                rule: "data-disposition",
                level: "deny",
                file: "content/notices/report-archive.md",
                at: Some((1, 1)),
                message: "high-impact change does not say what happens to customers' data",
                help: "disposition = \"unaffected\"",
            },
        );
    }

    #[test]
    fn data_disposition_clean() {
        clean("check-data-disposition/clean", &[]);
    }

    #[test]
    fn data_access_fires() {
        // A key missing inside an existing table is reported at the table.
        fires(
            "check-data-access/fires",
            &[],
            1,
            Want {
                rule: "data-access",
                level: "deny",
                file: "content/notices/report-archive.md",
                at: Some((12, 1)),
                message: "data that is archived needs `data.available_again`",
                help: "add `available_again = ",
            },
        );
    }

    #[test]
    fn data_access_clean() {
        clean("check-data-access/clean", &[]);
    }

    #[test]
    fn data_export_fires() {
        fires(
            "check-data-export/fires",
            &[],
            1,
            Want {
                rule: "data-export",
                level: "deny",
                file: "content/notices/report-deletion.md",
                at: Some((15, 10)),
                message: "data that is deleted needs a way to export a copy",
                help: "add `export = \"…\"` to `[data]`",
            },
        );
    }

    #[test]
    fn data_export_clean() {
        clean("check-data-export/clean", &[]);
    }

    #[test]
    fn feedback_channel_fires() {
        fires(
            "check-feedback-channel/fires",
            &[],
            1,
            Want {
                rule: "feedback-channel",
                level: "deny",
                file: "content/notices/invoice-layout.md",
                at: Some((1, 1)),
                message: "customers have no way to respond to this notice",
                help: "or a default `feedback` in forewarn.toml",
            },
        );
    }

    #[test]
    fn feedback_channel_clean_with_the_site_default() {
        clean("check-feedback-channel/clean", &[]);
    }

    #[test]
    fn support_prep_fires() {
        fires(
            "check-support-prep/fires",
            &[],
            0,
            Want {
                rule: "support-prep",
                level: "warn",
                file: "content/notices/invoice-layout.md",
                at: Some((1, 1)),
                message: "support has no talking points for this change",
                help: "add `support = \"…\"`",
            },
        );
    }

    #[test]
    fn support_prep_clean() {
        clean("check-support-prep/clean", &[]);
    }

    #[test]
    fn quiet_period_fires() {
        fires(
            "check-quiet-period/fires",
            &[],
            0,
            Want {
                rule: "quiet-period",
                level: "warn",
                file: "content/notices/reminder-time.md",
                at: Some((4, 13)),
                message: "takes effect during \"Year-end freeze\" (2026-12-15 to 2027-01-05)",
                help: "move `effective` outside the freeze window",
            },
        );
    }

    #[test]
    fn quiet_period_clean() {
        clean("check-quiet-period/clean", &[]);
    }

    #[test]
    fn silent_reschedule_fires() {
        fires(
            "check-silent-reschedule/fires",
            &["--against", "previous/notices.json"],
            1,
            Want {
                rule: "silent-reschedule",
                level: "deny",
                file: "content/notices/invoice-layout.md",
                at: Some((4, 13)),
                message: "`effective` moved from 2027-01-20 09:00 UTC to 2027-02-03 09:00 UTC since the last publication, and no update says so",
                help: "add an `[[updates]]` entry dated after 2026-11-23 00:00 UTC",
            },
        );
    }

    #[test]
    fn silent_reschedule_clean() {
        clean("check-silent-reschedule/clean", &["--against", "previous/notices.json"]);
    }

    #[test]
    fn withdrawn_silently_fires() {
        // Nothing in the site to point at: the previous record is named.
        fires(
            "check-withdrawn-silently/fires",
            &["--against", "previous/notices.json"],
            0,
            Want {
                rule: "withdrawn-silently",
                level: "warn",
                file: "previous/notices.json",
                at: None,
                message: "the notice `csv-utf8` (CSV exports switch to UTF-8) was published but is no longer in the site",
                help: "keep content/notices/csv-utf8.md and add an `[[updates]]` entry",
            },
        );
    }

    #[test]
    fn withdrawn_silently_clean() {
        clean("check-withdrawn-silently/clean", &["--against", "previous/notices.json"]);
    }

    #[test]
    fn improvement_feedback_fires() {
        fires(
            "check-improvement-feedback/fires",
            &[],
            1,
            Want {
                rule: "improvement-feedback",
                level: "deny",
                file: "content/improvements/dark-mode.md",
                at: Some((5, 10)),
                message: "a planned improvement needs an `eta`",
                help: "add `eta = \"2027-Q1\"`",
            },
        );
    }

    #[test]
    fn improvement_feedback_clean() {
        clean("check-improvement-feedback/clean", &[]);
    }

    #[test]
    fn every_rule_has_a_fixture_pair() {
        let run = TestSite::new().run(&["explain"]);
        run.expect(0);
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for id in super::explain::listed_ids(&run.stdout) {
            for variant in ["fires", "clean"] {
                let dir = root.join(format!("check-{id}/{variant}"));
                assert!(dir.is_dir(), "missing fixture {}", dir.display());
            }
        }
    }
}

// ---------------------------------------------------------------------------
// `forewarn explain`

mod explain {
    use super::*;

    /// Every rule id, in the order the checklist defines them.
    pub const IDS: [&str; 15] = [
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
}

// ---------------------------------------------------------------------------
// Levels that depend on the impact (SPEC §3 table).

mod impact_levels {
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
        assert_eq!(
            levels_without("workaround", "workaround"),
            expect([None, Some("deny"), Some("deny"), Some("deny")])
        );
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
            "the body explains the impact in 10 words; at least 20 are needed"
        );
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
        let (_, diags) =
            check(&site(&planned.replace("status = \"planned\"", "status = \"planned\"\neta = \" \"")), &[]);
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
        let reasoned = declined
            .replace("status = \"declined\"", "status = \"declined\"\nreason = \"It would slow every page down.\"");
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
}

// ---------------------------------------------------------------------------
// `[checklist.levels]` and `[checklist.lead_time]`

mod config {
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
        let site = fixture_with_config(
            "check-withdrawn-silently/fires",
            "[checklist.levels]\nwithdrawn-silently = \"deny\"\n",
        );
        let (code, diags) = check(&site, &["--against", "previous/notices.json"]);
        assert_eq!(code, 1);
        assert_eq!(rules(&diags), [("withdrawn-silently", "deny")]);
        let site = fixture_with_config(
            "check-withdrawn-silently/fires",
            "[checklist.levels]\nwithdrawn-silently = \"allow\"\n",
        );
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
            assert_eq!(check(&site_with(&ok), &[]), (0, vec![]), "{impact}: {ok}");
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
}

// ---------------------------------------------------------------------------
// Lead times in real time: time zones, DST, boundaries, emergencies.

mod lead_time {
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
        assert_eq!(
            d.help.as_deref(),
            Some("move `effective` to 2026-12-31T09:00 or later, or give an `emergency` reason")
        );
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
        assert_eq!(
            d.help.as_deref(),
            Some("move `effective` to 2026-12-31T14:00 or later, or give an `emergency` reason")
        );
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
        let emergency = "emergency = \"A vulnerability in the PDF renderer is being exploited.\"";
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
}

// ---------------------------------------------------------------------------
// Freeze windows: inclusive, a bare end date includes that day, site zone.

mod quiet_period {
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
        let two =
            format!("{CONFIG}\n[[checklist.freeze]]\nname = \"Christmas\"\nstart = 2026-12-24\nend = 2026-12-26\n");
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
}

// ---------------------------------------------------------------------------
// `check --against`: the previously published notices.json.

mod against {
    use super::*;

    const PREV: &str = "previous/notices.json";

    /// A site published at the fixed "now" (2026-11-23T00:00Z) with `notice`
    /// as content/notices/invoice-layout.md (plus a second, untouched
    /// notice); its notices.json is kept in previous/.
    fn published(notice: &str) -> TestSite {
        let site = TestSite::new();
        site.write("content/notices/invoice-layout.md", notice);
        site.write(
            "content/notices/other.md",
            &set(&set(GOOD_NOTICE, "title", "title = \"Other\""), "effective", "effective = 2027-02-01T09:00:00Z"),
        );
        site.build().expect(0);
        let record = site.output("notices.json");
        let json: Value = serde_json::from_str(&record).unwrap();
        assert_eq!(json["generated"], "2026-11-23T00:00:00+00:00");
        site.write(PREV, &record);
        site
    }

    fn base() -> String {
        add(GOOD_NOTICE, "\n[data]\ndisposition = \"unaffected\"")
    }

    /// The notice as edited after publication.
    fn edit(site: &TestSite, notice: &str) {
        site.write("content/notices/invoice-layout.md", notice);
    }

    /// Checks against the previous record, a week after it was published.
    fn recheck(site: &TestSite) -> (i32, Vec<Diag>) {
        check_env(site, &["--against", PREV], &[("SOURCE_DATE_EPOCH", &epoch("2026-11-30T12:00:00Z"))])
    }

    const UPDATE: &str = "\n[[updates]]\ndate = 2026-11-30\nnote = \"Moved to 3 February: the new layout needs another round of testing.\"";

    #[test]
    fn unchanged_is_clean() {
        let site = published(&base());
        assert_eq!(recheck(&site), (0, vec![]));
    }

    #[test]
    fn moved_effective_without_an_update_is_denied_at_effective() {
        let site = published(&base());
        edit(&site, &set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"));
        let (code, diags) = recheck(&site);
        assert_eq!(code, 1);
        assert_eq!(rules(&diags), [("silent-reschedule", "deny")]);
        let d = one(&diags, "silent-reschedule", "deny", 4, 13);
        assert_eq!(d.file, "content/notices/invoice-layout.md");
        assert_eq!(
            d.message,
            "`effective` moved from 2027-01-20 09:00 UTC to 2027-02-03 09:00 UTC since the last publication, and no update says so"
        );
        assert_eq!(
            d.help.as_deref(),
            Some("add an `[[updates]]` entry dated after 2026-11-23 00:00 UTC that says what changed and why")
        );
        // Earlier is a move too.
        edit(&site, &set(&base(), "effective", "effective = 2027-01-20T08:59:00Z"));
        assert_eq!(rules(&recheck(&site).1), [("silent-reschedule", "deny")]);
    }

    #[test]
    fn moved_with_a_new_update_is_clean() {
        let site = published(&base());
        edit(&site, &add(&set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"), UPDATE));
        assert_eq!(recheck(&site), (0, vec![]));
    }

    #[test]
    fn an_update_from_before_the_last_publication_does_not_count() {
        let old_update = UPDATE.replace("2026-11-30", "2026-11-01");
        let site = published(&add(&base(), &old_update));
        edit(&site, &add(&set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"), &old_update));
        let (code, diags) = recheck(&site);
        assert_eq!(code, 1);
        one(&diags, "silent-reschedule", "deny", 4, 13);
        // Dated exactly at the publication is not after it.
        let at = UPDATE.replace("2026-11-30", "2026-11-23T00:00:00Z");
        edit(&site, &add(&set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"), &at));
        assert_eq!(recheck(&site).0, 1);
        let after = UPDATE.replace("2026-11-30", "2026-11-23T00:01:00Z");
        edit(&site, &add(&set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"), &after));
        assert_eq!(recheck(&site), (0, vec![]));
    }

    #[test]
    fn the_same_instant_written_differently_has_not_moved() {
        let site = published(&base());
        edit(&site, &set(&base(), "effective", "effective = 2027-01-20T10:00:00+01:00"));
        assert_eq!(recheck(&site), (0, vec![]));
        edit(&site, &set(&base(), "effective", "effective = \"2027-01-20T10:00:00[Europe/Amsterdam]\""));
        assert_eq!(recheck(&site), (0, vec![]));
    }

    #[test]
    fn impact_rose_is_denied_at_impact() {
        let site = published(&base());
        edit(&site, &set(&base(), "impact", "impact = \"high\""));
        let (code, diags) = recheck(&site);
        assert_eq!(code, 1);
        let d = one(&diags, "silent-reschedule", "deny", 5, 10);
        assert_eq!(d.message, "the impact rose from medium to high since the last publication, and no update says so");
        assert_eq!(diags.len(), 1, "{diags:#?}");
        edit(&site, &add(&set(&base(), "impact", "impact = \"high\""), UPDATE));
        assert_eq!(recheck(&site), (0, vec![]));
    }

    #[test]
    fn impact_lowered_is_fine() {
        let high = set(&base(), "impact", "impact = \"high\"");
        let high = set(&high, "published", "published = 2026-09-01");
        let site = published(&high);
        edit(&site, &set(&high, "impact", "impact = \"medium\""));
        assert_eq!(recheck(&site), (0, vec![]));
    }

    #[test]
    fn disposition_changed_is_denied_at_disposition() {
        let site = published(&base());
        let retained = set(&base(), "disposition", "disposition = \"retained\"");
        edit(&site, &retained);
        let (code, diags) = recheck(&site);
        assert_eq!(code, 1);
        let (line, column) = loc(&retained, "\"retained\"");
        let d = one(&diags, "silent-reschedule", "deny", line, column);
        assert_eq!(
            d.message,
            "the data disposition changed from unaffected to retained since the last publication, and no update says so"
        );
        edit(&site, &add(&retained, UPDATE));
        assert_eq!(recheck(&site), (0, vec![]));
    }

    #[test]
    fn every_change_is_reported_in_line_order() {
        let site = published(&base());
        let changed =
            set(&set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"), "impact", "impact = \"high\"");
        let changed = set(&changed, "disposition", "disposition = \"migrated\"");
        let changed = add(&changed, "access = \"Same place.\"\navailable_again = 2027-02-03T10:00:00Z");
        edit(&site, &changed);
        let (_, diags) = recheck(&site);
        let got: Vec<(&str, Option<u64>)> = diags.iter().map(|d| (d.rule.as_str(), d.line)).collect();
        let (disp_line, _) = loc(&changed, "\"migrated\"");
        assert_eq!(
            got,
            [("silent-reschedule", Some(4)), ("silent-reschedule", Some(5)), ("silent-reschedule", Some(disp_line))]
        );
    }

    #[test]
    fn a_removed_notice_is_withdrawn_silently() {
        let site = published(&base());
        std::fs::remove_file(site.path().join("content/notices/invoice-layout.md")).unwrap();
        let (code, diags) = recheck(&site);
        assert_eq!(code, 0);
        assert_eq!(diags.len(), 1, "{diags:#?}");
        let d = &diags[0];
        assert_eq!((d.rule.as_str(), d.level.as_str(), d.file.as_str()), ("withdrawn-silently", "warn", PREV));
        assert_eq!((d.line, d.column), (None, None));
        assert_eq!(
            d.message,
            "the notice `invoice-layout` (Invoices get a new layout) was published but is no longer in the site"
        );
        let run = site.run_env(&["check", "--against", PREV], &[("SOURCE_DATE_EPOCH", NOW_EPOCH)]);
        run.expect(0);
        assert!(run.stderr.contains("warning[withdrawn-silently]: the notice `invoice-layout`"), "{}", run.all());
        assert!(run.stderr.contains("1 notice checked: 0 denied, 1 warning"), "{}", run.all());
    }

    #[test]
    fn a_renamed_slug_is_a_withdrawal_of_the_old_one() {
        let site = published(&base());
        std::fs::remove_file(site.path().join("content/notices/invoice-layout.md")).unwrap();
        site.write("content/notices/new-invoice-layout.md", &base());
        let (code, diags) = recheck(&site);
        assert_eq!(code, 0);
        assert_eq!(rules(&diags), [("withdrawn-silently", "warn")]);
        assert!(diags[0].message.contains("`invoice-layout`"), "{diags:#?}");
    }

    #[test]
    fn a_notice_turned_draft_is_gone_unless_drafts_are_checked() {
        let site = published(&base());
        edit(&site, &set(&base(), "feedback", "feedback = \"mailto:billing@example.com\"\ndraft = true"));
        let (code, diags) = recheck(&site);
        assert_eq!(code, 0);
        assert_eq!(rules(&diags), [("withdrawn-silently", "warn")]);
        assert_eq!(check(&site, &["--against", PREV, "--drafts"]), (0, vec![]));
    }

    #[test]
    fn a_bad_against_file_is_exit_2() {
        let site = published(&base());
        for (name, text) in [
            ("missing.json", None),
            ("not-json.json", Some("<html>not json</html>")),
            ("wrong-shape.json", Some("{\n  \"version\": 1,\n  \"notices\": 3\n}\n")),
            ("bad-date.json", Some("{\"generated\": \"yesterday\", \"notices\": []}")),
        ] {
            if let Some(text) = text {
                site.write(name, text);
            }
            let (code, diags) = check(&site, &["--against", name]);
            assert_eq!(code, 2, "{name}");
            assert_eq!(diags.len(), 1, "{name}: {diags:#?}");
            assert_eq!(
                (diags[0].rule.as_str(), diags[0].level.as_str(), diags[0].file.as_str()),
                ("against", "error", name)
            );
            let run = site.run(&["check", "--against", name]);
            run.expect(2);
            assert!(run.stderr.contains("error[against]"), "{}", run.all());
            assert!(run.stderr.contains(name), "{}", run.all());
        }
    }

    #[test]
    fn build_against_refuses_a_silent_reschedule() {
        let site = published(&base());
        let before = snapshot(&site.path().join("public"));
        edit(&site, &set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"));
        let run = site.run(&["build", "--against", PREV]);
        run.expect(1);
        assert!(run.stderr.contains("deny[silent-reschedule]"), "{}", run.all());
        assert_eq!(snapshot(&site.path().join("public")), before, "public/ is untouched");
    }
}

// ---------------------------------------------------------------------------
// Output: rustc-style, JSON, GitHub annotations, summary, exit statuses.

mod output {
    use super::*;

    /// A site with problems in several files: two notices and an improvement.
    fn messy() -> TestSite {
        let site = TestSite::new();
        // b.md: audience missing (1:1), workaround blank (line 8), support missing (warn, 1:1).
        let b = set(&set(&set(GOOD_NOTICE, "audience", ""), "workaround", "workaround = \"\""), "support", "");
        site.write("content/notices/b.md", &b);
        // a.md: too late (4:13), benefits missing (warn).
        let a = set(&set(GOOD_NOTICE, "effective", "effective = 2026-10-15T09:00:00Z"), "benefits", "");
        site.write("content/notices/a.md", &a);
        // An improvement without a feedback source (warn, 1:1).
        site.write(
            "content/improvements/dark-mode.md",
            "+++\ntitle = \"Dark mode\"\ndate = 2026-11-02\nstatus = \"shipped\"\n+++\n\nYou asked for it.\n",
        );
        site
    }

    #[test]
    fn human_output_looks_like_rustc() {
        let site = TestSite::fixture("check-advance-notice/fires");
        let run = site.check();
        run.expect(1);
        let expected = "deny[advance-notice]: high-impact change announced 14 days ahead; needs 90
 --> content/notices/late.md:4:13
  |
4 | effective = 2027-01-15T09:00:00Z
  |             ^^^^^^^^^^^^^^^^^^^^
  |
  = help: move `effective` to 2027-04-01T09:00 or later, or give an `emergency` reason
";
        assert!(run.stderr.contains(expected), "expected\n{expected}\nin\n{}", run.all());
        assert!(run.stderr.trim_end().ends_with("1 notice checked: 1 denied, 0 warnings"), "{}", run.all());
        assert_eq!(run.stdout, "", "diagnostics go to stderr");
    }

    #[test]
    fn the_underline_sits_under_the_value() {
        let site = TestSite::fixture("check-workaround/fires");
        let run = site.check();
        run.expect(1);
        let lines: Vec<&str> = run.stderr.lines().collect();
        let src = lines.iter().position(|l| l.ends_with("workaround = \"\"")).expect("source line shown");
        let carets = lines[src + 1];
        let value_at = lines[src].find("\"\"").unwrap();
        assert_eq!(carets.find('^'), Some(value_at), "\n{}\n{}", lines[src], carets);
        assert_eq!(carets.trim_start_matches(|c| c != '^'), "^^");
        assert!(lines[src].starts_with("9 | "), "{}", lines[src]);
    }

    #[test]

    fn the_underline_stops_at_a_trailing_comment() {
        let text = set(GOOD_NOTICE, "effective", "effective = 2026-10-20T09:00:00Z    # after the release");
        let run = site_with(&text).check();
        run.expect(1);
        let lines: Vec<&str> = run.stderr.lines().collect();
        let src = lines.iter().position(|l| l.ends_with("# after the release")).expect("source line shown");
        assert_eq!(
            lines[src + 1].trim_start_matches(|c| c != '^'),
            "^".repeat("2026-10-20T09:00:00Z".len()),
            "{}",
            run.stderr
        );
    }

    #[test]
    fn all_problems_of_all_files_sorted_by_file_and_line() {
        let site = messy();
        let (code, diags) = check(&site, &[]);
        assert_eq!(code, 1);
        let got: Vec<(&str, &str, Option<u64>)> =
            diags.iter().map(|d| (d.file.as_str(), d.rule.as_str(), d.line)).collect();
        assert_eq!(
            got,
            [
                ("content/improvements/dark-mode.md", "improvement-feedback", Some(1)),
                ("content/notices/a.md", "benefits", Some(1)),
                ("content/notices/a.md", "advance-notice", Some(4)),
                ("content/notices/b.md", "audience", Some(1)),
                ("content/notices/b.md", "support-prep", Some(1)),
                ("content/notices/b.md", "workaround", Some(8)),
            ]
        );
        // The human output has the same problems in the same order.
        let run = site.check();
        run.expect(1);
        let arrows: Vec<String> = run
            .stderr
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("--> "))
            .map(|l| l.rsplit_once(':').unwrap().0.to_string())
            .collect();
        let expected: Vec<String> = diags.iter().map(|d| format!("{}:{}", d.file, d.line.unwrap())).collect();
        assert_eq!(arrows, expected);
    }

    #[test]
    fn summary_counts_denied_notices_and_warnings() {
        let run = messy().check();
        run.expect(1);
        // a.md and b.md have denies; 3 warnings (benefits, support-prep, improvement-feedback).
        assert_eq!(run.stderr.lines().last(), Some("2 notices and 1 improvement checked: 2 denied, 3 warnings"));
        let site = TestSite::fixture("check-benefits/fires");
        let run = site.check();
        run.expect(0);
        assert_eq!(run.stderr.lines().last(), Some("1 notice checked: 0 denied, 1 warning"));
        // Many denies in one notice count it once.
        let site = site_with(&set(&set(&set(GOOD_NOTICE, "audience", ""), "workaround", ""), "feedback", ""));
        let run = site.check();
        run.expect(1);
        assert_eq!(run.stderr.lines().last(), Some("1 notice checked: 1 denied, 0 warnings"));
        let site = TestSite::fixture("check-improvement-feedback/clean");
        let run = site.check();
        run.expect(0);
        assert_eq!(run.stderr.lines().last(), Some("0 notices and 1 improvement checked: 0 denied, 0 warnings"));
    }

    #[test]
    fn quiet_prints_the_summary_only_when_denied() {
        let run = TestSite::fixture("check-audience/clean").run(&["--quiet", "check"]);
        run.expect(0);
        assert_eq!(run.stderr, "", "{}", run.all());
        let run = TestSite::fixture("check-audience/fires").run(&["--quiet", "check"]);
        run.expect(1);
        assert!(run.stderr.contains("deny[audience]"), "{}", run.all());
        assert!(run.stderr.contains("1 notice checked: 1 denied, 0 warnings"), "{}", run.all());
    }

    #[test]
    fn github_annotations() {
        let run = messy().run(&["check", "--format", "github"]);
        run.expect(1);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines.len(), 6, "one line per problem\n{}", run.all());
        assert!(lines.iter().all(|l| l.starts_with("::error ") || l.starts_with("::warning ")), "{}", run.all());
        assert!(
            lines.contains(
                &"::error file=content/notices/a.md,line=4,col=13,title=deny[advance-notice]::medium-impact change announced 14 days ahead; needs 30%0Ahelp: move `effective` to 2026-10-31T00:00 or later, or give an `emergency` reason"
            ),
            "{}",
            run.all()
        );
        assert!(
            lines.iter().any(|l| l.starts_with(
                "::warning file=content/improvements/dark-mode.md,line=1,col=1,title=warning[improvement-feedback]::the entry does not name the feedback it answers"
            )),
            "{}",
            run.all()
        );
        // A warning-only site exits 0.
        let run = TestSite::fixture("check-quiet-period/fires").run(&["check", "--format", "github"]);
        run.expect(0);
        assert!(
            run.stdout.starts_with(
                "::warning file=content/notices/reminder-time.md,line=4,col=13,title=warning[quiet-period]::"
            ),
            "{}",
            run.all()
        );
        // Without a position (withdrawn-silently) there is no line.
        let run = TestSite::fixture("check-withdrawn-silently/fires").run(&[
            "check",
            "--format",
            "github",
            "--against",
            "previous/notices.json",
        ]);
        run.expect(0);
        assert!(
            run.stdout.starts_with("::warning file=previous/notices.json,title=warning[withdrawn-silently]::"),
            "{}",
            run.all()
        );
    }

    #[test]
    fn json_of_a_clean_site_is_an_empty_array() {
        let run = TestSite::fixture("check-audience/clean").run(&["check", "--format", "json"]);
        run.expect(0);
        assert_eq!(serde_json::from_str::<Value>(&run.stdout).unwrap(), Value::Array(vec![]));
    }

    #[test]
    fn bad_toml_in_a_notice_is_exit_2() {
        let site = TestSite::fixture("check-audience/fires");
        site.write("content/notices/broken.md", "+++\ntitle = \"Broken\"\nimpact = high\n+++\n\nBody.\n");
        let (code, diags) = check(&site, &[]);
        assert_eq!(code, 2);
        assert_eq!(diags.len(), 1, "input problems stop the checklist: {diags:#?}");
        let d = &diags[0];
        assert_eq!(
            (d.rule.as_str(), d.level.as_str(), d.file.as_str()),
            ("front-matter", "error", "content/notices/broken.md")
        );
        assert_eq!(d.line, Some(3));
        let run = site.check();
        run.expect(2);
        assert!(run.stderr.contains("error[front-matter]: invalid TOML front matter"), "{}", run.all());
        assert!(run.stderr.contains("--> content/notices/broken.md:3:"), "{}", run.all());
        let run = site.run(&["check", "--format", "github"]);
        run.expect(2);
        assert!(run.stdout.starts_with("::error file=content/notices/broken.md,line=3,"), "{}", run.all());
    }

    #[test]
    fn other_unreadable_input_is_exit_2() {
        // Bad TOML in the config.
        let site = TestSite::fixture("check-audience/clean");
        site.write("forewarn.toml", "[checklist.levels\naudience = \"warn\"\n");
        let (code, diags) = check(&site, &[]);
        assert_eq!(code, 2);
        assert_eq!(
            (diags[0].rule.as_str(), diags[0].file.as_str(), diags[0].line),
            ("config", "forewarn.toml", Some(1))
        );
        // Not UTF-8.
        let site = TestSite::fixture("check-audience/clean");
        site.write_bytes("content/notices/latin1.md", b"+++\ntitle = \"Caf\xe9\"\n+++\n");
        let (code, diags) = check(&site, &[]);
        assert_eq!(code, 2);
        assert_eq!((diags[0].file.as_str(), diags[0].line), ("content/notices/latin1.md", Some(2)));
        // No content folder.
        let (code, _) = check(&TestSite::new(), &[]);
        assert_eq!(code, 2);
        // A required key missing (the schema, not the checklist).
        let site = site_with(&set(GOOD_NOTICE, "effective", ""));
        let run = site.check();
        run.expect(2);
        assert!(run.stderr.contains("effective"), "{}", run.all());
    }

    #[test]
    fn build_refuses_to_publish_when_a_deny_fires() {
        let site = TestSite::fixture("check-audience/clean");
        site.build().expect(0);
        let before = snapshot(&site.path().join("public"));
        assert!(!before.is_empty());
        site.write("content/notices/invoice-layout.md", &set(GOOD_NOTICE, "audience", ""));
        let run = site.build();
        run.expect(1);
        assert!(run.stderr.contains("deny[audience]: the notice does not say who is affected"), "{}", run.all());
        assert!(run.stderr.contains("1 notice checked: 1 denied, 0 warnings"), "{}", run.all());
        assert!(run.stderr.contains("nothing was published"), "{}", run.all());
        assert!(!run.stdout.contains("Built"), "{}", run.all());
        assert_eq!(snapshot(&site.path().join("public")), before, "the old site is byte-identical");
        // Nothing is left beside it either (no staging folder).
        let entries: Vec<String> = std::fs::read_dir(site.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let mut entries = entries;
        entries.sort();
        assert_eq!(entries, ["content", "public"]);
    }

    #[test]
    fn build_refuses_on_a_first_build_too() {
        let site = TestSite::fixture("check-audience/fires");
        site.build().expect(1);
        assert!(!site.path().join("public").exists());
    }

    #[test]
    fn build_publishes_with_warnings_and_shows_them() {
        let site = TestSite::fixture("check-quiet-period/fires");
        let run = site.build();
        run.expect(0);
        assert!(run.stderr.contains("warning[quiet-period]"), "{}", run.all());
        assert!(run.stdout.contains("Built 1 notice"), "{}", run.all());
        assert!(site.has_output("notices/reminder-time/index.html"));
    }

    #[test]
    fn no_build_flag_skips_a_deny() {
        let site = TestSite::fixture("check-audience/fires");
        for flag in ["--force", "--no-check", "--allow-deny", "--skip-checks"] {
            let run = site.run(&["build", flag]);
            run.expect(2);
            assert!(!site.path().join("public").exists(), "{flag}");
        }
        // --drafts, --as-of and --out do not skip it either.
        for args in [&["build", "--drafts"][..], &["build", "--as-of", "2030-01-01"], &["build", "--out", "elsewhere"]]
        {
            site.run(args).expect(1);
        }
        assert!(!site.path().join("elsewhere").exists());
    }

    #[test]

    fn the_readme_example_is_real() {
        let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
        let start =
            readme.find("deny[advance-notice]: high-impact change announced 14 days ahead").expect("example in README");
        let block = &readme[start..];
        let block = &block[..block.find("```").unwrap()];
        let run = TestSite::fixture("check-advance-notice/fires").check();
        assert!(run.stderr.contains(block), "README example\n{block}\nnot in real output\n{}", run.stderr);
    }
}

// ---------------------------------------------------------------------------
// `forewarn new notice|improvement TITLE`

mod new {
    use super::*;

    const CONFIG: &str = "title = \"Acme change notices\"\nfeedback = \"mailto:product@example.com\"\n";

    fn site() -> TestSite {
        let site = TestSite::new();
        site.write("forewarn.toml", CONFIG);
        site
    }

    fn read(site: &TestSite, rel: &str) -> String {
        std::fs::read_to_string(site.path().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// The writer's work: every placeholder filled, and a body.
    fn fill_notice(text: &str) -> String {
        let text = text
            .replace("audience = []", "audience = [\"Administrators\"]")
            .replace("areas = []", "areas = [\"billing\"]")
            .replace("benefits = \"\"", "benefits = \"Clearer totals.\"")
            .replace("workaround = \"\"", "workaround = \"Keep the classic layout from Settings until March.\"")
            .replace("support = \"\"", "support = \"Point customers to the Settings toggle.\"");
        format!(
            "{text}\nInvoices will use a new layout with the totals at the top and a clearer tax breakdown. Nothing changes in the amounts, numbering or delivery of your invoices.\n"
        )
    }

    #[test]
    fn new_notice_writes_every_field_dated_today() {
        let site = site();
        let run = site.run(&["new", "notice", "Title"]);
        run.expect(0);
        assert!(run.stdout.contains("Created") && run.stdout.contains("content/notices/title.md"), "{}", run.all());
        let text = read(&site, "content/notices/title.md");
        assert!(text.starts_with("+++\ntitle = \"Title\"\n"), "{text}");
        assert!(text.contains("\npublished = 2026-11-23\n"), "dated today: {text}");
        assert!(text.contains("\neffective = 2026-12-23\n"), "30 days for medium impact: {text}");
        assert!(text.contains("\nimpact = \"medium\"\n"), "{text}");
        for key in [
            "audience = []",
            "areas = []",
            "benefits = \"\"",
            "workaround = \"\"",
            "support = \"\"",
            "# feedback = ",
            "# emergency = ",
            "# ends = ",
            "# [data]",
            "# disposition = ",
            "# access = ",
            "# available_again = ",
            "# export = ",
            "# [[updates]]",
        ] {
            assert!(text.contains(key), "has `{key}`:\n{text}");
        }
        // Every field is commented with what it is for.
        for (i, line) in text.lines().enumerate().filter(|(_, l)| l.contains(" = ") && !l.starts_with('#')) {
            if line.starts_with("title = ") {
                continue;
            }
            let above = text.lines().nth(i - 1).unwrap();
            assert!(above.starts_with('#'), "`{line}` has a comment above it:\n{text}");
        }
    }

    #[test]
    fn new_notice_fails_check_with_clear_messages_until_filled() {
        let site = site();
        site.run(&["new", "notice", "Title"]).expect(0);
        let text = read(&site, "content/notices/title.md");
        let (code, diags) = check(&site, &[]);
        assert_eq!(code, 1);
        let at = |needle: &str| loc(&text, needle);
        let (l, c) = at("[]");
        one(&diags, "audience", "deny", l, c);
        one(&diags, "impact-explained", "deny", 1, 1);
        let (l, _) = at("benefits = ");
        one(&diags, "benefits", "warn", l, 12);
        let (l, _) = at("workaround = ");
        one(&diags, "workaround", "deny", l, 14);
        let (l, _) = at("support = ");
        one(&diags, "support-prep", "warn", l, 11);
        assert_eq!(diags.len(), 5, "{diags:#?}");
        let impact = of(&diags, "impact-explained")[0];
        assert_eq!(impact.message, "the body does not explain the impact: it is empty");
        let run = site.check();
        run.expect(1);
        for title in [
            "deny[audience]: the notice does not say who is affected",
            "deny[workaround]: medium-impact change offers no workaround",
            "warning[benefits]: medium-impact change does not say why it is worth it",
            "warning[support-prep]: support has no talking points for this change",
            "deny[impact-explained]: the body does not explain the impact: it is empty",
        ] {
            assert!(run.stderr.contains(title), "`{title}`\n{}", run.all());
        }
        // Filled in: clean.
        site.write("content/notices/title.md", &fill_notice(&text));
        assert_eq!(check(&site, &[]), (0, vec![]));
    }

    #[test]
    fn new_notice_without_a_site_feedback_asks_for_one() {
        let site = TestSite::new();
        site.run(&["new", "notice", "Title"]).expect(0);
        let text = read(&site, "content/notices/title.md");
        site.write("content/notices/title.md", &fill_notice(&text));
        let (code, diags) = check(&site, &[]);
        assert_eq!(code, 1);
        assert_eq!(rules(&diags), [("feedback-channel", "deny")]);
        // Uncommenting the feedback line is enough.
        let filled = fill_notice(&text).replace("# feedback = ", "feedback = ");
        site.write("content/notices/title.md", &filled);
        assert_eq!(check(&site, &[]), (0, vec![]));
    }

    #[test]
    fn new_notice_uses_the_configured_lead_time_and_the_site_zone() {
        let site = TestSite::new();
        site.write(
            "forewarn.toml",
            &format!("{CONFIG}timezone = \"America/Los_Angeles\"\n\n[checklist.lead_time]\nmedium = 45\n"),
        );
        site.run(&["new", "notice", "Later"]).expect(0);
        let text = read(&site, "content/notices/later.md");
        // 2026-11-23T00:00Z is still 22 November in Los Angeles.
        assert!(text.contains("\npublished = 2026-11-22\n"), "{text}");
        assert!(text.contains("\neffective = 2027-01-06\n"), "{text}");
        assert!(text.contains("need 45 days"), "{text}");
        site.write("content/notices/later.md", &fill_notice(&text));
        assert_eq!(check(&site, &[]), (0, vec![]));
    }

    #[test]

    fn new_notice_passes_when_filled_across_dst() {
        let site = TestSite::new();
        site.write("forewarn.toml", &format!("{CONFIG}timezone = \"Europe/Amsterdam\"\n"));
        let now = epoch("2027-03-01T12:00:00Z");
        site.run_env(&["new", "notice", "Spring change"], &[("SOURCE_DATE_EPOCH", &now)]).expect(0);
        let text = read(&site, "content/notices/spring-change.md");
        assert!(text.contains("\npublished = 2027-03-01\n"), "{text}");
        site.write("content/notices/spring-change.md", &fill_notice(&text));
        let (code, diags) = check_env(&site, &[], &[("SOURCE_DATE_EPOCH", &now)]);
        assert_eq!((code, diags), (0, vec![]), "{text}");
    }

    #[test]
    fn new_improvement_warns_until_filled() {
        let site = site();
        let run = site.run(&["new", "improvement", "Title"]);
        run.expect(0);
        assert!(run.stdout.contains("content/improvements/title.md"), "{}", run.all());
        let text = read(&site, "content/improvements/title.md");
        assert!(text.contains("\ndate = 2026-11-23\n"), "{text}");
        assert!(text.contains("\nstatus = \"shipped\"\n"), "{text}");
        for key in
            ["# eta = ", "# reason = ", "# notice = ", "[feedback]", "source = \"\"", "# requests = ", "# quote = "]
        {
            assert!(text.contains(key), "has `{key}`:\n{text}");
        }
        let (code, diags) = check(&site, &[]);
        assert_eq!(code, 0, "a missing feedback source is a warning (SPEC §3)");
        assert_eq!(rules(&diags), [("improvement-feedback", "warn")]);
        assert_eq!(diags[0].message, "the entry does not name the feedback it answers");
        assert_eq!(diags[0].file, "content/improvements/title.md");
        let filled = text.replace("source = \"\"", "source = \"Support tickets\"");
        site.write("content/improvements/title.md", &filled);
        assert_eq!(check(&site, &[]), (0, vec![]));
        // Switching to planned without filling `eta` is denied.
        site.write("content/improvements/title.md", &filled.replace("status = \"shipped\"", "status = \"planned\""));
        let (code, diags) = check(&site, &[]);
        assert_eq!(code, 1);
        assert_eq!(diags[0].message, "a planned improvement needs an `eta`");
        site.write(
            "content/improvements/title.md",
            &filled.replace("status = \"shipped\"", "status = \"planned\"").replace("# eta = ", "eta = "),
        );
        assert_eq!(check(&site, &[]), (0, vec![]));
    }

    #[test]
    fn new_improvement_points_at_the_empty_source() {
        let site = site();
        site.run(&["new", "improvement", "Title"]).expect(0);
        let text = read(&site, "content/improvements/title.md");
        let (_, diags) = check(&site, &[]);
        let (line, column) = loc(&text, "source = \"\"");
        one(&diags, "improvement-feedback", "warn", line, column + "source = ".len() as u64);
    }

    #[test]
    fn new_refuses_to_overwrite() {
        let site = site();
        site.write("content/notices/title.md", "mine\n");
        let run = site.run(&["new", "notice", "Title"]);
        run.expect(2);
        assert!(run.stderr.contains("already exists"), "{}", run.all());
        assert_eq!(read(&site, "content/notices/title.md"), "mine\n");
        site.write("content/improvements/title.md", "mine too\n");
        site.run(&["new", "improvement", "Title"]).expect(2);
        assert_eq!(read(&site, "content/improvements/title.md"), "mine too\n");
        // A second `new` of the same title is refused as well.
        site.run(&["new", "notice", "Another one"]).expect(0);
        let first = read(&site, "content/notices/another-one.md");
        site.run_env(&["new", "notice", "Another one"], &[("SOURCE_DATE_EPOCH", &epoch("2027-01-01T00:00:00Z"))])
            .expect(2);
        assert_eq!(read(&site, "content/notices/another-one.md"), first);
    }
}

// ---------------------------------------------------------------------------
// `forewarn brief`: support talking points, never public.

mod brief {
    use super::*;

    const CONFIG: &str = "title = \"Acme change notices\"\nfeedback = \"mailto:product@example.com\"\n";

    /// (file, title, effective, talking point)
    const NOTICES: [(&str, &str, &str, &str); 4] = [
        ("later", "Invoices get a new layout", "2027-01-20T09:00:00Z", "Talking point lima: the amounts never change."),
        ("soon", "Sign-in page moves", "2026-11-26T09:00:00Z", "Talking point sierra: bookmarks keep working."),
        (
            "recent",
            "Receipts show the VAT number",
            "2026-11-18T09:00:00Z",
            "Talking point romeo: old receipts are unchanged.",
        ),
        ("old", "Exports are zipped", "2026-10-01T09:00:00Z", "Talking point oscar: unzip with any tool."),
    ];

    /// The text of `NOTICES[i]`: a low-impact notice.
    fn notice_text(i: usize) -> String {
        let (_, title, effective, support) = NOTICES[i];
        let text = set(GOOD_NOTICE, "title", &format!("title = \"{title}\""));
        let text = set(&text, "impact", "impact = \"low\"");
        let text = set(&text, "published", "published = 2026-09-01");
        let text = set(&text, "effective", &format!("effective = {effective}"));
        set(&text, "support", &format!("support = \"{support}\""))
    }

    fn site() -> TestSite {
        let site = TestSite::new();
        site.write("forewarn.toml", CONFIG);
        for (i, (file, ..)) in NOTICES.iter().enumerate() {
            site.write(&format!("content/notices/{file}.md"), &notice_text(i));
        }
        site
    }

    /// Byte offset of `needle` in `text`.
    #[track_caller]
    fn at(text: &str, needle: &str) -> usize {
        text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in\n{text}"))
    }

    #[test]
    fn brief_lists_upcoming_and_recent_notices_soonest_first_with_talking_points() {
        let site = site();
        let run = site.run(&["brief"]);
        run.expect(0);
        let out = &run.stdout;
        // recent (5 days ago), soon (in 3 days), later (in 58 days); not old (53 days ago).
        let order = [NOTICES[2], NOTICES[1], NOTICES[0]];
        let mut last = 0;
        for (_, title, _, support) in order {
            let t = at(out, title);
            assert!(t > last, "`{title}` comes after the previous notice\n{out}");
            let s = at(out, support);
            assert!(s > t, "its talking point follows it\n{out}");
            last = s;
        }
        assert!(!out.contains(NOTICES[3].1), "a notice in effect for 53 days is not in the brief\n{out}");
        assert!(!out.contains(NOTICES[3].3), "{out}");
        assert!(out.contains("Keep the classic layout from Settings until March."), "workaround: {out}");
        assert!(out.contains("mailto:billing@example.com"), "feedback link: {out}");
    }

    #[test]
    fn brief_out_writes_html_and_text() {
        let site = site();
        let run = site.run(&["brief", "--out", "support"]);
        run.expect(0);
        let text = std::fs::read_to_string(site.path().join("support/brief.txt")).unwrap();
        let html = std::fs::read_to_string(site.path().join("support/brief.html")).unwrap();
        let printed = site.run(&["brief"]).stdout;
        assert_eq!(text.trim_end(), printed.trim_end(), "brief.txt is what `brief` prints");
        let doc = scraper::Html::parse_document(&html);
        let h2 = scraper::Selector::parse("section h2").unwrap();
        let titles: Vec<String> = doc.select(&h2).map(|e| e.text().collect()).collect();
        assert_eq!(titles, [NOTICES[2].1, NOTICES[1].1, NOTICES[0].1]);
        for (_, _, _, support) in &NOTICES[..3] {
            assert!(html.contains(support), "{support} in brief.html");
        }
        assert!(!site.path().join("public").exists(), "brief writes nothing public");
    }

    #[test]
    fn a_notice_without_talking_points_says_so() {
        let site = site();
        site.write("content/notices/soon.md", &set(&notice_text(1), "support", ""));
        let out = site.run(&["brief"]).stdout;
        let t = at(&out, NOTICES[1].1);
        assert!(out[t..].contains("Talking points: NONE"), "{out}");
    }

    #[test]

    fn a_recently_ended_window_is_in_the_brief() {
        let site = site();
        let text = set(&notice_text(1), "effective", "effective = 2026-11-21T01:00:00Z");
        let text = add(&set(&text, "title", "title = \"Maintenance window\""), "ends = 2026-11-21T05:00:00Z");
        site.write("content/notices/window.md", &text);
        let out = site.run(&["brief"]).stdout;
        assert!(out.contains("Maintenance window"), "{out}");
    }

    #[test]
    fn huge_recent_days_is_a_config_error_not_a_panic() {
        let site = site();
        site.write("forewarn.toml", &format!("{CONFIG}\n[checklist]\nrecent_days = 100000000000000000\n"));
        let run = site.run(&["brief"]);
        assert!(!run.stderr.contains("panicked"), "{}", run.all());
        run.expect(2);
    }

    /// Every file under public/ as text.
    fn public_texts(site: &TestSite) -> Vec<(PathBuf, String)> {
        snapshot(&site.path().join("public"))
            .into_iter()
            .map(|(p, bytes)| (p, String::from_utf8_lossy(&bytes).into_owned()))
            .collect()
    }

    #[test]
    fn no_public_file_contains_a_talking_point() {
        let site = site();
        site.run(&["brief", "--out", "support"]).expect(0);
        site.build().expect(0);
        let files = public_texts(&site);
        assert!(files.len() > 5, "{files:?}");
        for (path, text) in &files {
            for (_, _, _, support) in NOTICES {
                assert!(!text.contains(support), "{} contains `{support}`", path.display());
            }
            assert!(!text.to_lowercase().contains("talking point"), "{} mentions talking points", path.display());
        }
        assert!(!files.iter().any(|(p, _)| p.to_string_lossy().contains("brief")), "no brief under public/");
    }

    /// Runs of at least 24 letters, digits and spaces: text that markdown,
    /// HTML, XML and JSON escaping leave as it is.
    fn plain_runs(s: &str) -> Vec<String> {
        s.split(|c: char| !(c.is_ascii_alphanumeric() || c == ' '))
            .map(str::trim)
            .filter(|r| r.len() >= 24)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_sample_sites_talking_points_stay_out_of_public() {
        let site = TestSite::sample();
        // As of long before any of them, every notice is upcoming: the brief
        // then shows the talking points of every notice but the drafts.
        let run = site.run(&["brief", "--as-of", "2025-01-01"]);
        run.expect(0);
        let mut points = Vec::new();
        let mut in_points = false;
        for line in run.stdout.lines() {
            if line == "Talking points:" {
                in_points = true;
            } else if !line.starts_with("  ") {
                in_points = false;
            } else if in_points {
                points.extend(plain_runs(line));
            }
        }
        let with_support = std::fs::read_dir(site.path().join("content/notices"))
            .unwrap()
            .flatten()
            .filter(|e| {
                let p = if e.path().is_dir() { e.path().join("index.md") } else { e.path() };
                let text = std::fs::read_to_string(p).unwrap();
                let draft =
                    text.lines().any(|l| l.replace(' ', "") == "draft=true" || l.replace(' ', "") == "draft:true");
                !draft && text.lines().any(|l| l.starts_with("support =") || l.starts_with("support:"))
            })
            .count();
        assert_eq!(run.stdout.matches("\nTalking points:\n").count(), with_support, "{}", run.stdout);
        assert!(points.len() >= with_support, "{points:?}");
        site.build().expect(0);
        for (path, text) in public_texts(&site) {
            for p in &points {
                assert!(!text.contains(p.as_str()), "{} contains the talking point `{p}`", path.display());
            }
        }
    }

    #[test]
    fn the_sample_site_passes_check_with_no_deny() {
        let site = TestSite::sample();
        let (code, diags) = check(&site, &[]);
        assert_eq!(code, 0, "{diags:#?}");
        assert!(diags.iter().all(|d| d.level != "deny"), "{diags:#?}");
        let run = site.check();
        run.expect(0);
        assert!(run.stderr.contains("checked: 0 denied"), "{}", run.all());
    }
}

// ---------------------------------------------------------------------------
// docs/checklist.md: every example is run.

mod docs {
    use super::*;

    /// The body of an example that shows none (the doc says so).
    const BODY: &str = "This paragraph stands for the body of the notice: what is changing, who is affected and how, and what they need to do about it before the change takes effect.\n";

    #[derive(Clone, Debug, PartialEq, Eq)]
    enum Expect {
        /// Fires exactly this rule (at this level, if given).
        Fails { rule: String, level: Option<String> },
        /// Clean.
        Passes,
    }

    /// One example of the doc, with the context it runs in.
    #[derive(Clone, Debug)]
    struct Example {
        /// 1-based line of its marker.
        line: usize,
        /// The rule id of its section.
        section: String,
        expect: Expect,
        file: String,
        front: String,
        body: Option<String>,
        config: Option<String>,
        previous: Option<String>,
        output: Option<String>,
    }

    /// A `[checklist.levels]` snippet.
    struct Levels {
        line: usize,
        section: String,
        text: String,
    }

    #[derive(Default)]
    struct Doc {
        examples: Vec<Example>,
        levels: Vec<Levels>,
        valid_configs: Vec<(usize, String)>,
        /// (section, its "**Default level:**" text)
        defaults: Vec<(String, String)>,
        /// Section ids, in order.
        sections: Vec<String>,
        /// Problems with the doc's own structure.
        errors: Vec<String>,
    }

    fn read_doc() -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checklist.md");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Parses markers (`<!-- fails: RULE; level: L; file: F -->`,
    /// `<!-- passes; file: F -->`, `<!-- body -->`, `<!-- output -->`,
    /// `<!-- config -->`, `<!-- previous -->`, `<!-- levels -->`,
    /// `<!-- valid-config -->`), each followed by a fenced block.
    fn parse(text: &str) -> Doc {
        let mut doc = Doc::default();
        let mut section = String::new();
        let mut config: Option<String> = None;
        let mut previous: Option<String> = None;
        let mut marker: Option<(usize, String)> = None;
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
        while let Some((n, line)) = lines.next() {
            if let Some(h) = line.strip_prefix("## ") {
                section = h.trim().trim_matches('`').to_string();
                doc.sections.push(section.clone());
                config = None;
                previous = None;
                marker = None;
                continue;
            }
            if let Some(d) = line.strip_prefix("**Default level:** ") {
                doc.defaults.push((section.clone(), d.trim().to_string()));
                continue;
            }
            if let Some(m) = line.trim().strip_prefix("<!--").and_then(|m| m.strip_suffix("-->")) {
                if marker.is_some() {
                    doc.errors.push(format!("line {n}: a marker follows a marker without a fenced block"));
                }
                marker = Some((n, m.trim().to_string()));
                continue;
            }
            if line.starts_with("```") {
                let mut block = String::new();
                for (_, l) in lines.by_ref() {
                    if l.starts_with("```") {
                        break;
                    }
                    block.push_str(l);
                    block.push('\n');
                }
                let Some((at, m)) = marker.take() else {
                    doc.errors
                        .push(format!("line {n}: a fenced block without a marker: every example must be checked"));
                    continue;
                };
                let mut parts = m.split(';').map(str::trim);
                let head = parts.next().unwrap_or_default();
                let mut attrs = std::collections::BTreeMap::new();
                for p in parts {
                    match p.split_once(':') {
                        Some((k, v)) => {
                            attrs.insert(k.trim().to_string(), v.trim().to_string());
                        }
                        None => doc.errors.push(format!("line {at}: bad attribute `{p}`")),
                    }
                }
                let new_example = |expect: Expect| Example {
                    line: at,
                    section: section.clone(),
                    expect,
                    file: attrs.get("file").cloned().unwrap_or_else(|| "content/notices/example.md".into()),
                    front: block.clone(),
                    body: None,
                    config: config.clone(),
                    previous: previous.clone(),
                    output: None,
                };
                match head {
                    _ if head.starts_with("fails:") => {
                        let rule = head["fails:".len()..].trim().to_string();
                        doc.examples.push(new_example(Expect::Fails { rule, level: attrs.get("level").cloned() }));
                    }
                    "passes" => doc.examples.push(new_example(Expect::Passes)),
                    "body" | "output" => match doc.examples.last_mut() {
                        Some(ex) if head == "body" => ex.body = Some(block),
                        Some(ex) => ex.output = Some(block),
                        None => doc.errors.push(format!("line {at}: `{head}` before any example")),
                    },
                    "config" => config = Some(block),
                    "previous" => previous = Some(block),
                    "levels" => doc.levels.push(Levels { line: at, section: section.clone(), text: block }),
                    "valid-config" => doc.valid_configs.push((at, block)),
                    other => doc.errors.push(format!("line {at}: unknown marker `{other}`")),
                }
            }
        }
        doc
    }

    /// Runs an example: (exit status, JSON diagnostics, human stderr).
    fn run(ex: &Example, extra_config: &str) -> (i32, Vec<Diag>, String) {
        let site = TestSite::new();
        let body = ex.body.as_deref().unwrap_or(BODY);
        site.write(&ex.file, &format!("+++\n{}+++\n\n{body}", ex.front));
        let config = format!("{}{extra_config}", ex.config.as_deref().unwrap_or_default());
        if !config.trim().is_empty() {
            site.write("forewarn.toml", &config);
        }
        let mut args: Vec<&str> = Vec::new();
        if let Some(prev) = &ex.previous {
            site.write("previous/notices.json", prev);
            args.extend(["--against", "previous/notices.json"]);
        }
        let (code, diags) = check(&site, &args);
        let mut human = vec!["check"];
        human.extend_from_slice(&args);
        let run = site.run(&human);
        assert_eq!(run.code, code, "json and human agree\n{}", run.all());
        (code, diags, run.stderr)
    }

    /// What is wrong with one example's result, if anything.
    fn verdict(ex: &Example) -> Option<String> {
        let (code, diags, stderr) = run(ex, "");
        let wrong = |what: String| Some(format!("docs/checklist.md:{} ({}): {what}\n{diags:#?}", ex.line, ex.section));
        match &ex.expect {
            Expect::Passes => {
                if code != 0 || !diags.is_empty() {
                    return wrong(format!("a fixed example must be clean, exit {code}"));
                }
            }
            Expect::Fails { rule, level } => {
                if diags.is_empty() {
                    return wrong(format!("a failing example must fire `{rule}`; nothing fired"));
                }
                if let Some(d) = diags.iter().find(|d| &d.rule != rule) {
                    return wrong(format!("a failing example must fire only `{rule}`, `{}` fired too", d.rule));
                }
                if let Some(level) = level
                    && let Some(d) = diags.iter().find(|d| &d.level != level)
                {
                    return wrong(format!("`{rule}` must be `{level}`, is `{}`", d.level));
                }
                let denied = diags.iter().any(|d| d.level == "deny");
                if code != i32::from(denied) {
                    return wrong(format!("exit status {code}"));
                }
            }
        }
        if let Some(output) = &ex.output
            && !stderr.contains(output.as_str())
        {
            return wrong(format!(
                "the output shown is not what forewarn prints:\n--- shown\n{output}--- printed\n{stderr}"
            ));
        }
        None
    }

    #[test]
    fn docs_are_well_formed_and_cover_every_rule() {
        let doc = parse(&read_doc());
        assert!(doc.errors.is_empty(), "{:#?}", doc.errors);
        let run = TestSite::new().run(&["explain"]);
        run.expect(0);
        for (id, default) in super::explain::listed(&run.stdout) {
            assert!(doc.sections.contains(&id), "docs/checklist.md has a section `## \\`{id}\\``");
            let documented: Vec<&String> = doc.defaults.iter().filter(|(s, _)| *s == id).map(|(_, d)| d).collect();
            assert_eq!(documented, [&default], "the default level documented for `{id}` is `forewarn explain`'s");
            let examples: Vec<&Example> = doc.examples.iter().filter(|e| e.section == id).collect();
            assert!(
                examples.iter().any(|e| matches!(&e.expect, Expect::Fails { rule, .. } if *rule == id)),
                "`{id}` has a failing example"
            );
            assert!(examples.iter().any(|e| e.expect == Expect::Passes), "`{id}` has a fixed example");
            assert!(examples.iter().any(|e| e.output.is_some()), "`{id}` shows the output of a failing example");
            assert!(doc.levels.iter().any(|l| l.section == id), "`{id}` says how to change its level");
        }
        for ex in &doc.examples {
            if let Expect::Fails { rule, .. } = &ex.expect {
                assert_eq!(rule, &ex.section, "line {}: a failing example fires its section's rule", ex.line);
            }
        }
        assert!(doc.examples.len() >= 40, "{} examples", doc.examples.len());
    }

    #[test]
    fn docs_examples_fail_and_pass_as_they_say() {
        let doc = parse(&read_doc());
        // Run them in parallel: each starts the binary twice.
        let problems: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = doc.examples.iter().map(|ex| s.spawn(move || verdict(ex))).collect();
            handles.into_iter().filter_map(|h| h.join().expect("example thread")).collect()
        });
        assert!(problems.is_empty(), "{} example(s) wrong:\n\n{}", problems.len(), problems.join("\n\n"));
    }

    #[test]
    fn docs_level_snippets_change_the_level() {
        let doc = parse(&read_doc());
        for levels in &doc.levels {
            let (rule, level) = levels
                .text
                .lines()
                .find_map(|l| l.split_once('='))
                .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
                .unwrap_or_else(|| panic!("line {}: a `rule = \"level\"` line", levels.line));
            assert_eq!(rule, levels.section, "line {}: the snippet sets its section's rule", levels.line);
            let ex = doc
                .examples
                .iter()
                .find(|e| e.section == levels.section && matches!(e.expect, Expect::Fails { .. }))
                .unwrap_or_else(|| panic!("line {}: a failing example in `{}`", levels.line, levels.section));
            let (code, diags, _) = run(ex, &format!("\n{}", levels.text));
            let found: Vec<&str> = of(&diags, &rule).iter().map(|d| d.level.as_str()).collect();
            assert!(!found.is_empty(), "line {}: `{rule}` still fires at level {level}: {diags:#?}", levels.line);
            assert!(found.iter().all(|l| *l == level), "line {}: `{rule}` is now {level}: {diags:#?}", levels.line);
            assert_eq!(code, i32::from(diags.iter().any(|d| d.level == "deny")), "line {}", levels.line);
        }
    }

    #[test]
    fn docs_full_config_is_valid() {
        let doc = parse(&read_doc());
        assert!(!doc.valid_configs.is_empty());
        for (line, config) in &doc.valid_configs {
            let site = site_with_config(GOOD_NOTICE, config);
            assert_eq!(check(&site, &[]), (0, vec![]), "docs/checklist.md:{line}");
        }
    }
}
