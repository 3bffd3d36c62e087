//! The no-surprises checklist: rules that catch what would surprise
//! customers, run over the site model. See [`rules::RULES`].

mod improvements;
mod links;
mod reading;
pub mod rules;
mod timing;
mod translations;

use std::collections::HashMap;
use std::path::Path;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use rayon::prelude::*;
use serde::Deserialize;

use crate::config::Config;
use crate::content::model::{Notice, Source, Update};
use crate::content::translation::Translation;
use crate::diagnostic::{Diagnostic, Severity, plural};
use crate::site::Site;
use crate::words::{Change, Disposition, Impact, Level, RuleId};
pub use rules::{RULES, Rule, rule, rule_ids};
pub use timing::earliest_effective;

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
    /// The translation it is about, if not the notice itself: an index
    /// into [`NoticeCx::translations`] (reported in that file).
    pub translation: Option<usize>,
}

impl Finding {
    /// A finding at `key` (a path of front-matter keys).
    pub fn new(
        level: Level,
        key: &'static [&'static str],
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Finding {
        Finding { level, key, message: message.into(), help: help.into(), translation: None }
    }

    /// The same finding, about translation `i` of the notice (reported in
    /// its file, `key` a key of its front matter).
    pub fn in_translation(mut self, i: usize) -> Finding {
        self.translation = Some(i);
        self
    }
}

/// What a notice rule sees.
pub struct NoticeCx<'a> {
    /// The notice.
    pub notice: &'a Notice,
    /// The site configuration.
    pub config: &'a Config,
    /// The moment the site is checked for.
    pub now: Timestamp,
    /// The notice as last published, if there is a previous record.
    pub history: History<'a>,
    /// The whole site, for rules that look beyond the notice (links).
    pub site: &'a Site,
    /// The notice's translations, drafts included (see
    /// [`NoticeCx::published_translations`]).
    pub translations: &'a [std::sync::Arc<Translation>],
}

impl<'a> NoticeCx<'a> {
    /// The translations that are published (drafts only when the site
    /// shows drafts), each with its index in `translations`.
    pub fn published_translations(&self) -> impl Iterator<Item = (usize, &'a Translation)> + use<'a> {
        let shown = self.site.drafts_shown;
        self.translations.iter().map(|t| &**t).enumerate().filter(move |(_, t)| shown || !t.draft)
    }
}

/// Whether an optional text is missing or only white space.
pub(crate) fn blank(s: Option<&str>) -> bool {
    s.is_none_or(|s| s.trim().is_empty())
}

/// What the checklist knows of a notice's past: the previous record's time
/// and the notice as it was published then.
#[derive(Clone, Copy, Debug, Default)]
pub struct History<'a> {
    /// When the previous record was published.
    pub generated: Option<Timestamp>,
    /// The notice in it (`None`: new since, or no record).
    pub before: Option<&'a PreviousNotice>,
}

impl History<'_> {
    /// When customers heard of `n`'s current effective date, if its date
    /// moved earlier since the last publication: the update after that
    /// publication that says so, else the publication itself. `None` when
    /// the date did not move earlier (a later date never shortens notice).
    pub fn announced(&self, n: &Notice, tz: &TimeZone) -> Option<Timestamp> {
        let (generated, before) = (self.generated?, self.before?);
        if n.effective.ts >= before.effective {
            return None;
        }
        let told = n.updates.iter().find(|u| u.date.ts > generated && says(u, Change::Effective, n, tz));
        Some(told.map_or(generated, |u| u.date.ts))
    }
}

/// Whether update `u` says that `fact` of `n` changed: it lists it in
/// `changes`, or (for `effective`) its note names the new date as the site
/// shows it (`2027-03-01`, `1 March 2027`, `1 March`, `March 1, 2027`,
/// `March 1`).
pub(crate) fn says(u: &Update, fact: Change, n: &Notice, tz: &TimeZone) -> bool {
    if u.changes.contains(&fact) {
        return true;
    }
    fact == Change::Effective && {
        let day = n.effective.in_zone(tz);
        ["%Y-%m-%d", "%-d %B", "%B %-d"]
            .iter()
            .any(|form| u.note.source.contains(day.strftime(form).to_string().as_str()))
    }
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

    /// `3 notices checked: 1 denied, 1 with warnings only; 2 denies, 1
    /// warning` (with "and N improvements" when there are some): the files
    /// with a deny, the files with warnings and no deny, then how many of
    /// each were found.
    pub fn summary(&self) -> String {
        let files = |sev: Severity| -> Vec<&Path> {
            let mut f: Vec<&Path> =
                self.diagnostics.iter().filter(|d| d.severity == sev).map(|d| d.file.as_path()).collect();
            f.sort();
            f.dedup();
            f
        };
        let denied = files(Severity::Deny);
        let warned = files(Severity::Warn).into_iter().filter(|f| !denied.contains(f)).count();
        let mut checked = plural(self.notices, "notice");
        if self.improvements > 0 {
            checked = format!("{checked} and {}", plural(self.improvements, "improvement"));
        }
        format!(
            "{checked} checked: {} denied, {warned} with warnings only; {}, {}",
            denied.len(),
            plural(self.denies(), "deny").replace("denys", "denies"),
            plural(self.warnings(), "warning")
        )
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
    let before: HashMap<&str, &PreviousNotice> =
        against.map(|p| p.notices.iter().map(|n| (n.slug.as_str(), n)).collect()).unwrap_or_default();
    let generated = against.map(|p| p.generated);
    let mut diags: Vec<Diagnostic> = site
        .notices
        .par_iter()
        .flat_map_iter(|notice| {
            let history = History { generated, before: before.get(notice.slug.as_str()).copied() };
            let translations = site.translations_of(&notice.slug);
            let cx = NoticeCx { notice, config, now: site.now, history, site, translations };
            RULES.iter().flat_map(move |rule| {
                let found = match rule.check {
                    rules::Check::Notice(check) => check(&cx),
                    _ => Vec::new(),
                };
                found.into_iter().filter_map(move |f| {
                    let source = f.translation.and_then(|i| translations.get(i)).map_or(&notice.source, |t| &t.source);
                    severity(level_of(rule.id, f.level)).map(|sev| diagnostic(source, rule.id.as_str(), f, sev))
                })
            })
        })
        .collect();
    for rule in RULES {
        if let rules::Check::Site(check) = rule.check {
            for (i, f) in check(site) {
                if let Some(sev) = severity(level_of(rule.id, f.level)) {
                    diags.push(diagnostic(&site.notices[i].source, rule.id.as_str(), f, sev));
                }
            }
        }
        if let rules::Check::Improvement(check) = rule.check {
            for imp in &site.improvements {
                for f in check(imp, site.now, &config.timezone) {
                    if let Some(sev) = severity(level_of(rule.id, f.level)) {
                        diags.push(diagnostic(&imp.source, rule.id.as_str(), f, sev));
                    }
                }
            }
        }
    }
    if let Some(sev) = severity(level_of(RuleId::DraftOverdue, Level::Deny)) {
        diags.extend(site.drafts.iter().filter_map(|n| draft_overdue(site, n, sev)));
    }
    if let Some(prev) = against {
        compare(site, prev, &before, &level_of, &mut diags);
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
    /// When its window ended.
    #[serde(default)]
    pub ends: Option<Timestamp>,
    /// Who was affected.
    #[serde(default)]
    pub audience: Vec<String>,
    /// Its product areas.
    #[serde(default)]
    pub areas: Vec<String>,
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

/// A draft whose `published` moment has passed: customers were meant to
/// hear of it by now and did not.
fn draft_overdue(site: &Site, n: &Notice, sev: Severity) -> Option<Diagnostic> {
    if n.published.ts > site.now {
        return None;
    }
    let tz = &site.config.timezone;
    Some(
        n.source
            .diagnostic(
                sev,
                RuleId::DraftOverdue.as_str(),
                &["draft"],
                format!(
                    "this draft was to be published on {} and still is not",
                    n.published.in_zone(tz).strftime("%Y-%m-%d %H:%M %Z")
                ),
            )
            .help("publish it (remove `draft = true`) or move `published` to when it will be; check `effective` still gives full notice"),
    )
}

/// A fact of a notice that changed since the last publication.
struct Changed {
    fact: Change,
    key: &'static [&'static str],
    what: String,
}

/// What changed in `now` since it was published as `old`: a moved date or
/// window end, a higher impact, another disposition, newly affected
/// audiences or areas.
fn changes(old: &PreviousNotice, now: &Notice, tz: &TimeZone) -> Vec<Changed> {
    let at = |t: Timestamp| t.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M %Z").to_string();
    let mut out = Vec::new();
    if now.effective.ts != old.effective {
        let what = format!("`effective` moved from {} to {}", at(old.effective), at(now.effective.ts));
        out.push(Changed { fact: Change::Effective, key: &["effective"], what });
    }
    if now.ends.map(|e| e.ts) != old.ends {
        let show = |e: Option<Timestamp>| e.map_or("none".to_string(), at);
        let what = format!("`ends` moved from {} to {}", show(old.ends), show(now.ends.map(|e| e.ts)));
        out.push(Changed { fact: Change::Ends, key: &["ends"], what });
    }
    if now.impact > old.impact {
        let what = format!("the impact rose from {} to {}", old.impact, now.impact);
        out.push(Changed { fact: Change::Impact, key: &["impact"], what });
    }
    let old_disp = old.data.as_ref().and_then(|d| d.disposition);
    if now.disposition() != old_disp {
        let name = |d: Option<Disposition>| d.map_or("not stated".to_string(), |d| d.to_string());
        let what = format!("the data disposition changed from {} to {}", name(old_disp), name(now.disposition()));
        out.push(Changed { fact: Change::Disposition, key: &["data", "disposition"], what });
    }
    const AUDIENCE: &[&str] = &["audience"];
    const AREAS: &[&str] = &["areas"];
    for (fact, key, was, is) in
        [(Change::Audience, AUDIENCE, &old.audience, &now.audience), (Change::Areas, AREAS, &old.areas, &now.areas)]
    {
        let added: Vec<String> = is.iter().filter(|a| !was.contains(a)).map(|a| format!("`{a}`")).collect();
        if !added.is_empty() {
            let what = format!("`{fact}` now also names {}", added.join(", "));
            out.push(Changed { fact, key, what });
        }
    }
    out
}

fn compare(
    site: &Site,
    prev: &Previous,
    listed: &HashMap<&str, &PreviousNotice>,
    level_of: &dyn Fn(RuleId, Level) -> Level,
    diags: &mut Vec<Diagnostic>,
) {
    let tz = &site.config.timezone;
    let since = prev.generated.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M %Z").to_string();
    for old in &prev.notices {
        if site.notice(&old.slug).is_some() || site.drafts.iter().any(|d| d.slug == old.slug) {
            continue;
        }
        if let Some(sev) = severity(level_of(RuleId::WithdrawnSilently, Level::Warn)) {
            diags.push(
                Diagnostic::new(sev, RuleId::WithdrawnSilently.as_str(), &prev.path, format!("the notice `{}` ({}) was published but is no longer in the site", old.slug, old.title))
                    .help(format!("keep content/notices/{}.md and add a `[withdrawn]` table with `date` and `reason`: the notice stays on the site, marked withdrawn", old.slug)),
            );
        }
    }
    for now in &site.notices {
        let Some(old) = listed.get(now.slug.as_str()) else {
            if let Some(sev) = severity(level_of(RuleId::Backdated, Level::Deny)) {
                diags.extend(backdated(now, prev, tz, sev));
            }
            continue;
        };
        let Some(sev) = severity(level_of(RuleId::SilentReschedule, Level::Deny)) else {
            continue;
        };
        for c in changes(old, now, tz) {
            let told = now.updates.iter().any(|u| u.date.ts > prev.generated && says(u, c.fact, now, tz));
            if told {
                continue;
            }
            diags.push(
                now.source
                    .diagnostic(sev, RuleId::SilentReschedule.as_str(), c.key, format!("{} since the last publication, and no update says so", c.what))
                    .help(format!(
                        "add an `[[updates]]` entry dated after {since} with `changes = [\"{}\"]` and a note saying what changed and why",
                        c.fact
                    )),
            );
        }
    }
}

/// A notice absent from the previous record that claims to have been
/// published before it: customers could not have read it then.
fn backdated(n: &Notice, prev: &Previous, tz: &TimeZone, sev: Severity) -> Option<Diagnostic> {
    // A bare date is the whole day: a notice dated today is not backdated by
    // a build earlier today.
    let before = if n.published.date_only {
        n.published.in_zone(tz).date() < prev.generated.to_zoned(tz.clone()).date()
    } else {
        n.published.ts < prev.generated
    };
    if !before {
        return None;
    }
    let since = prev.generated.to_zoned(tz.clone());
    Some(
        n.source
            .diagnostic(
                sev,
                RuleId::Backdated.as_str(),
                &["published"],
                format!(
                    "`published` is before the last publication ({}), which did not have this notice",
                    since.strftime("%Y-%m-%d %H:%M %Z")
                ),
            )
            .help(format!(
                "set `published` to when customers can first read it, {} or later, and check `effective` still gives full notice",
                since.strftime("%Y-%m-%d")
            )),
    )
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
