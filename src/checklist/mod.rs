//! The no-surprises checklist: rules that catch what would surprise
//! customers, run over the site model. See [`rules::RULES`].

pub mod rules;

use std::path::Path;

use jiff::Timestamp;
use rayon::prelude::*;
use serde::Deserialize;

use crate::config::Config;
use crate::content::model::{Notice, Source};
use crate::diagnostic::{Diagnostic, Severity, plural};
use crate::site::Site;
use crate::words::{Disposition, Impact, Level, RuleId};
pub use rules::{RULES, Rule, rule, rule_ids};

/// One rule firing, before the configured level is applied.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule's default level for this case.
    pub level: Level,
    /// The key the problem is about (empty: the notice as a whole).
    pub key: &'static [&'static str],
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl Finding {
    /// A finding at `key` (a path of front-matter keys).
    pub fn new(
        level: Level,
        key: &'static [&'static str],
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Finding {
        Finding { level, key, message: message.into(), help: help.into() }
    }
}

/// What a notice rule sees.
pub struct NoticeCx<'a> {
    /// The notice.
    pub notice: &'a Notice,
    /// The site configuration.
    pub config: &'a Config,
}

/// The result of running the checklist.
#[derive(Debug, Default)]
pub struct Report {
    /// Every deny and warning, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// How many notices were checked.
    pub notices: usize,
    /// How many improvement entries were checked.
    pub improvements: usize,
}

impl Report {
    /// How many denies fired.
    pub fn denies(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Deny).count()
    }

    /// How many warnings fired.
    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warn).count()
    }

    /// `3 notices checked: 2 denied, 1 warning` (with "and N improvements"
    /// when there are some); "denied" counts files with a deny.
    pub fn summary(&self) -> String {
        let mut denied: Vec<&Path> =
            self.diagnostics.iter().filter(|d| d.severity == Severity::Deny).map(|d| d.file.as_path()).collect();
        denied.sort();
        denied.dedup();
        let mut checked = plural(self.notices, "notice");
        if self.improvements > 0 {
            checked = format!("{checked} and {}", plural(self.improvements, "improvement"));
        }
        format!("{checked} checked: {} denied, {}", denied.len(), plural(self.warnings(), "warning"))
    }
}

fn severity(level: Level) -> Option<Severity> {
    match level {
        Level::Allow => None,
        Level::Warn => Some(Severity::Warn),
        Level::Deny => Some(Severity::Deny),
    }
}

fn diagnostic(source: &Source, rule: &str, f: Finding, sev: Severity) -> Diagnostic {
    let d = if f.key.is_empty() {
        source.diagnostic_at(sev, rule, source.locator.fence(), f.message)
    } else {
        source.diagnostic(sev, rule, f.key, f.message)
    };
    d.help(f.help)
}

/// Runs every rule over the site. `against` is the previously published
/// record, for `silent-reschedule` and `withdrawn-silently`.
pub fn run(site: &Site, against: Option<&Previous>) -> Report {
    let config = &site.config;
    let level_of = |rule: RuleId, default: Level| config.checklist.levels.get(&rule).map_or(default, |(l, _)| *l);
    // Notice by notice in parallel (100,000 notices take a tenth of a
    // second on one core); the order is fixed by the sort below.
    let mut diags: Vec<Diagnostic> = site
        .notices
        .par_iter()
        .flat_map_iter(|notice| {
            RULES.iter().flat_map(move |rule| {
                let found = match rule.check {
                    rules::Check::Notice(check) => check(&NoticeCx { notice, config }),
                    _ => Vec::new(),
                };
                found.into_iter().filter_map(move |f| {
                    severity(level_of(rule.id, f.level)).map(|sev| diagnostic(&notice.source, rule.id.as_str(), f, sev))
                })
            })
        })
        .collect();
    for rule in RULES {
        if let rules::Check::Improvement(check) = rule.check {
            for imp in &site.improvements {
                for f in check(imp) {
                    if let Some(sev) = severity(level_of(rule.id, f.level)) {
                        diags.push(diagnostic(&imp.source, rule.id.as_str(), f, sev));
                    }
                }
            }
        }
    }
    if let Some(prev) = against {
        compare(site, prev, &level_of, &mut diags);
    }
    crate::diagnostic::sort(&mut diags);
    Report { diagnostics: diags, notices: site.notices.len(), improvements: site.improvements.len() }
}

/// The previously published record (`notices.json` of the last deploy).
#[derive(Debug, Deserialize)]
pub struct Previous {
    /// Where it was read from.
    #[serde(skip)]
    pub path: std::path::PathBuf,
    /// When it was published.
    pub generated: Timestamp,
    /// Its notices.
    pub notices: Vec<PreviousNotice>,
}

/// One notice as previously published.
#[derive(Debug, Deserialize)]
pub struct PreviousNotice {
    /// Its slug.
    pub slug: String,
    /// Its title.
    #[serde(default)]
    pub title: String,
    /// When it took effect.
    pub effective: Timestamp,
    /// Its impact.
    pub impact: Impact,
    /// Its data disposition.
    #[serde(default)]
    pub data: Option<PreviousData>,
}

/// The data part of a previously published notice.
#[derive(Debug, Deserialize)]
pub struct PreviousData {
    /// The disposition.
    pub disposition: Option<Disposition>,
}

impl Previous {
    /// Reads a published `notices.json`.
    pub fn load(path: &Path) -> Result<Previous, Box<Diagnostic>> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostic::error("against", path, format!("cannot read the previous record: {e}"))
                .help("pass the notices.json of the last published site, e.g. --against public/notices.json")
        })?;
        let mut prev: Previous = serde_json::from_str(&text).map_err(|e| {
            let span = crate::diagnostic::Span::new(e.line().max(1), e.column().max(1), 1);
            Diagnostic::error("against", path, format!("not a forewarn notices.json: {e}"))
                .at(span, &text)
                .help("pass the notices.json written by `forewarn build`")
        })?;
        prev.path = path.to_path_buf();
        Ok(prev)
    }
}

fn compare(site: &Site, prev: &Previous, level_of: &dyn Fn(RuleId, Level) -> Level, diags: &mut Vec<Diagnostic>) {
    let tz = &site.config.timezone;
    for old in &prev.notices {
        let Some(now) = site.notice(&old.slug) else {
            if let Some(sev) = severity(level_of(RuleId::WithdrawnSilently, Level::Warn)) {
                diags.push(
                    Diagnostic::new(sev, "withdrawn-silently", &prev.path, format!("the notice `{}` ({}) was published but is no longer in the site", old.slug, old.title))
                        .help(format!("keep content/notices/{}.md and add an `[[updates]]` entry saying the change was withdrawn and why", old.slug)),
                );
            }
            continue;
        };
        let explained = now.updates.iter().any(|u| u.date.ts > prev.generated);
        if explained {
            continue;
        }
        let Some(sev) = severity(level_of(RuleId::SilentReschedule, Level::Deny)) else {
            continue;
        };
        let old_disp = old.data.as_ref().and_then(|d| d.disposition);
        let mut changes: Vec<(&'static [&'static str], String)> = Vec::new();
        if now.effective.ts != old.effective {
            changes.push((
                &["effective"],
                format!(
                    "`effective` moved from {} to {}",
                    old.effective.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M %Z"),
                    now.effective.in_zone(tz).strftime("%Y-%m-%d %H:%M %Z")
                ),
            ));
        }
        if now.impact > old.impact {
            changes.push((&["impact"], format!("the impact rose from {} to {}", old.impact, now.impact)));
        }
        if now.disposition() != old_disp {
            let name = |d: Option<Disposition>| d.map_or("not stated".to_string(), |d| d.to_string());
            changes.push((
                &["data", "disposition"],
                format!("the data disposition changed from {} to {}", name(old_disp), name(now.disposition())),
            ));
        }
        for (key, what) in changes {
            diags.push(
                now.source
                    .diagnostic(
                        sev,
                        "silent-reschedule",
                        key,
                        format!("{what} since the last publication, and no update says so"),
                    )
                    .help(format!(
                        "add an `[[updates]]` entry dated after {} that says what changed and why",
                        prev.generated.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M %Z")
                    )),
            );
        }
    }
}

/// The text `forewarn explain RULE` prints.
pub fn explain(rule: &Rule) -> String {
    format!(
        "{id}\n{underline}\n\nDefault level: {default}\n\nFires when: {fires}\n\nWhy: {why}\n\nHow to fix: {fix}\n\nConfigure it in forewarn.toml:\n\n    [checklist.levels]\n    {id} = \"warn\"    # or \"deny\", \"allow\"\n",
        id = rule.id.as_str(),
        underline = "=".repeat(rule.id.as_str().len()),
        default = rule.default,
        fires = rule.fires_when,
        why = rule.rationale,
        fix = rule.fix,
    )
}
