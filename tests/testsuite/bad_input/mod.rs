//! Bad input: whatever a site holds, forewarn answers with a clear
//! message and never panics or loses a published site.
//!
//! Every case asserts the exit status (2 when the input cannot be read, 1
//! when a checklist rule is the right answer), that the message names the
//! file and, for problems inside a file, the line and column
//! (`file:line:col`), that it carries a `help:` line, and that nothing
//! panicked (no "panicked" on stderr, no exit status 101). Problems with a
//! whole file or folder (a file name that is not a slug, a file over the size
//! limit, a symbolic link, a missing folder, the output folder) name the path
//! without a line. `docs/robustness.md` lists what each bad input does.
//!
//! Cases marked `#[ignore = "BUG: …"]` describe the correct behaviour of a
//! bug that is not fixed yet; run them with `cargo test --test testsuite
//! bad_input:: -- --ignored`.

mod failed_build;
mod files_and_folders;
mod front_matter_values;
mod size;
mod slugs_and_aliases;
mod syntax_and_encoding;
mod templates_and_config;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{GOOD_NOTICE, Run, TestSite, line_col, snapshot};

/// Where the notice under test lives.
const BAD: &str = "content/notices/bad.md";

/// A valid improvement entry (shipped, with the feedback it answers).
const GOOD_IMPROVEMENT: &str = r#"+++
title = "Reports export to CSV"
date = 2026-10-15
areas = ["reports"]
status = "shipped"

[feedback]
source = "the customer survey"
requests = 12
quote = "Let us export reports."
+++

You asked for a CSV export of every report; it is there now, in the Export menu of each report.
"#;

/// GOOD_NOTICE in YAML.
const GOOD_YAML: &str = r#"---
title: Invoices get a new layout
published: 2026-10-01
effective: 2027-01-20T09:00:00Z
impact: medium
audience: [Administrators]
areas: [billing]
benefits: Clearer totals.
workaround: Keep the classic layout from Settings until March.
support: Point customers to the Settings toggle.
feedback: "mailto:billing@example.com"
---

Invoices will use a new layout with the totals at the top and a clearer tax breakdown. Nothing changes in the amounts, numbering or delivery of your invoices.
"#;

// ---------------------------------------------------------------- helpers

/// A site whose only content file is `rel` with `text`.
fn site_with(rel: &str, text: &str) -> TestSite {
    TestSite::with_file(rel, text)
}

/// A site whose only notice is `content/notices/bad.md` with `text`.
fn notice_site(text: &str) -> TestSite {
    site_with(BAD, text)
}

/// `base` (a TOML document) with top-level keys set: each `key = value`
/// replaces the line of that key, or is added right after the opening fence.
/// `tables` (TOML tables such as `[data]\n…`) go before the closing fence.
fn doc(base: &str, set: &[&str], tables: &str) -> String {
    let mut lines: Vec<String> = base.lines().map(str::to_string).collect();
    for line in set {
        let key = line.split(['=', ':']).next().unwrap_or("").trim();
        let prefix_toml = format!("{key} =");
        let prefix_yaml = format!("{key}:");
        let fm_end = lines.iter().skip(1).position(|l| l == "+++" || l == "---").map_or(lines.len(), |i| i + 1);
        match lines[..fm_end].iter().position(|l| l.starts_with(&prefix_toml) || l.starts_with(&prefix_yaml)) {
            Some(i) => lines[i] = line.to_string(),
            None => lines.insert(1, line.to_string()),
        }
    }
    if !tables.is_empty() {
        let close = lines.iter().skip(1).position(|l| l == "+++").map(|i| i + 1).expect("closing fence");
        lines.insert(close, tables.trim_end().to_string());
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// GOOD_NOTICE with keys set (see [`doc`]).
fn notice(set: &[&str]) -> String {
    doc(GOOD_NOTICE, set, "")
}

/// GOOD_NOTICE without the lines starting with any of `keys`.
fn notice_without(keys: &[&str]) -> String {
    let mut out: String =
        GOOD_NOTICE.lines().filter(|l| !keys.iter().any(|k| l.starts_with(k))).collect::<Vec<_>>().join("\n");
    out.push('\n');
    out
}

/// `file:line:col` of the text right after `needle`, the first time a line
/// of `text` contains it (the value of `key = ` or `key: `).
#[track_caller]
fn after(file: &str, text: &str, needle: &str) -> String {
    let (line, col) = line_col(text, needle);
    format!("{file}:{line}:{}", col + needle.chars().count())
}

/// `file:line:col` of `needle` itself.
#[track_caller]
fn at(file: &str, text: &str, needle: &str) -> String {
    let (line, col) = line_col(text, needle);
    format!("{file}:{line}:{col}")
}

/// What every refusal must show; returns a description of what is missing
/// (empty when all is well), so table-driven tests can report every case.
fn problems(run: &Run, code: i32, location: &str, needles: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    if run.code == 101 || run.stderr.contains("panicked") {
        out.push("it panicked".to_string());
    }
    if run.code != code {
        out.push(format!("exit status {} instead of {code}", run.code));
    }
    if !location.is_empty() && !run.stderr.contains(location) {
        out.push(format!("no `{location}` in the message"));
    }
    if !run.stderr.contains("help:") {
        out.push("no `help:` line".to_string());
    }
    for n in needles {
        if !run.stderr.contains(n) {
            out.push(format!("no `{n}` in the message"));
        }
    }
    out
}

/// Asserts that `run` refused with `code`, naming `location`, with a hint
/// and every needle.
#[track_caller]
fn refused(run: &Run, code: i32, location: &str, needles: &[&str]) {
    let p = problems(run, code, location, needles);
    assert!(p.is_empty(), "{}\n{}", p.join("; "), run.all());
}

/// Runs `check` on a site with one notice, expecting an input error at the
/// value after `needle`.
#[track_caller]
fn notice_error(text: &str, needle: &str, needles: &[&str]) {
    let run = notice_site(text).check();
    refused(&run, 2, &after(BAD, text, needle), needles);
}

/// Collects the failures of a table of cases and reports them all at once.
#[derive(Default)]
struct Table(Vec<String>);

impl Table {
    fn case(&mut self, name: &str, run: &Run, code: i32, location: &str, needles: &[&str]) {
        let p = problems(run, code, location, needles);
        if !p.is_empty() {
            self.0.push(format!("── {name}: {}\n{}", p.join("; "), run.all()));
        }
    }

    #[track_caller]
    fn finish(self) {
        assert!(self.0.is_empty(), "{} case(s) failed:\n{}", self.0.len(), self.0.join("\n"));
    }
}

/// Whether file permissions keep this process out (they do not for root or
/// a process with CAP_DAC_OVERRIDE).
fn permissions_bite() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("temp dir");
    let p = tmp.path().join("probe");
    std::fs::write(&p, "x").expect("write");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let bites = std::fs::read(&p).is_err();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    bites
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Runs `forewarn --root SITE ARGS…` through `sh` with `shell` run first
/// (for `ulimit` and `trap`).
fn run_in_shell(site: &TestSite, shell: &str, args: &[&str]) -> Run {
    let mut sh = Command::new("sh");
    sh.arg("-c").arg(format!("{shell}; exec \"$0\" \"$@\"")).arg(env!("CARGO_BIN_EXE_forewarn"));
    Run::from(site.command_via(sh, args).output().expect("run sh"))
}
