//! The no-surprises checklist (SPEC §3): every rule fires on a
//! fixture and stays quiet on its fixed twin, at the right line and column;
//! impact-dependent levels, `[checklist]` config, lead times across time
//! zones and DST, freeze windows, `--against`, the output formats, and the
//! commands around the checklist (`build`, `explain`, `new`, `brief`). The
//! examples in docs/checklist.md are run too.
//!
//! Tests marked `#[ignore = "BUG: …"]` describe the correct behaviour of
//! something src/ gets wrong today (see /tmp/notes/bugs-checklist.md).

mod against;
mod brief;
mod calendar;
mod config;
mod docs;
mod explain;
mod good_notices;
mod impact_levels;
mod lead_time;
mod links;
mod new;
mod output;
mod quiet_period;
mod rules;
mod translations;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support::{GOOD_NOTICE, NOW_EPOCH, Run, TestSite, files, line_col};
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
    let (line, col) = line_col(text, needle);
    (line as u64, col as u64)
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
    TestSite::with_file("content/notices/n.md", notice)
}

/// A site holding one notice and a `forewarn.toml`.
fn site_with_config(notice: &str, config: &str) -> TestSite {
    let site = site_with(notice);
    site.write("forewarn.toml", config);
    site
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
