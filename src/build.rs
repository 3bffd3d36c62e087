//! The build pipeline: config → content → site model → checklist → render
//! → atomic publish. `check`, `build`, `brief` and `serve` all start here.

use std::path::{Path, PathBuf};
use std::time::Instant;

use jiff::Timestamp;

use crate::checklist::{self, Previous, Report};
use crate::config::Config;
use crate::content;
use crate::content::model::Bodies;
use crate::diagnostic::{self, Diagnostic};
use crate::moment::Moment;
use crate::output::Staging;
use crate::profile::Timer;
use crate::render::newsletter::{Edition, IssueKey};
use crate::render::{RenderOptions, Renderer, Stats};
use crate::site::{FacetKind, Site};

/// Which moment the site is rendered for.
#[derive(Clone, Debug, Default)]
pub enum Now {
    /// `--as-of`: a date or datetime as front matter writes them.
    AsOf(String),
    /// `newsletter --until`: like `AsOf`, but a bare date is its whole day.
    Until(String),
    /// A fixed instant (`SOURCE_DATE_EPOCH`).
    Fixed(Timestamp),
    /// The clock.
    #[default]
    Clock,
}

impl Now {
    /// From `--as-of`, else `SOURCE_DATE_EPOCH`, else the clock.
    pub fn from_env(as_of: Option<String>) -> Result<Now, Box<Diagnostic>> {
        if let Some(s) = as_of {
            return Ok(Now::AsOf(s));
        }
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(v) => {
                v.trim().parse::<i64>().ok().and_then(|s| Timestamp::from_second(s).ok()).map(Now::Fixed).ok_or_else(
                    || {
                        Box::new(
                            Diagnostic::error(
                                "input",
                                "SOURCE_DATE_EPOCH",
                                format!("SOURCE_DATE_EPOCH must be whole seconds since 1970, found `{v}`"),
                            )
                            .help("unset it, or set it to e.g. `date +%s`"),
                        )
                    },
                )
            }
            Err(_) => Ok(Now::Clock),
        }
    }

    /// The instant this stands for, in the zone of `config`.
    pub fn resolve(&self, config: &Config) -> Result<Timestamp, Box<Diagnostic>> {
        match self {
            Now::AsOf(s) => Moment::parse(s, &config.timezone).map(|m| m.ts).map_err(|e| {
                Box::new(
                    Diagnostic::error("input", "--as-of", format!("--as-of: {e}"))
                        .help("write a date like `2027-03-01` or a datetime like `2027-03-01T09:00:00+01:00`"),
                )
            }),
            Now::Until(s) => Moment::parse(s, &config.timezone)
                .map(|m| if m.date_only { m.end_of_day(&config.timezone).ts } else { m.ts })
                .map_err(|e| {
                    Box::new(
                        Diagnostic::error("input", "--until", format!("--until: {e}"))
                            .help("write a date like `2027-03-01` (its whole day) or a datetime"),
                    )
                }),
            Now::Fixed(t) => Ok(*t),
            Now::Clock => Ok(Timestamp::now()),
        }
    }
}

/// What to build and how.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The site root.
    pub root: PathBuf,
    /// The config file (default `ROOT/forewarn.toml`).
    pub config: Option<PathBuf>,
    /// The moment to render for.
    pub now: Now,
    /// Include drafts.
    pub drafts: bool,
    /// The previously published record to compare with.
    pub against: Against,
}

/// Which previously published `notices.json` the checklist compares with
/// (`--against`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Against {
    /// The output folder's own, when it has one: what this build replaces.
    #[default]
    Output,
    /// This file (a deploy's record).
    Path(PathBuf),
    /// None (`--against none`).
    Off,
}

impl Against {
    /// From `--against`: a path, `none`, or nothing (the output's own).
    pub fn from_arg(arg: Option<&str>) -> Against {
        match arg {
            None => Against::Output,
            Some("none") => Against::Off,
            Some(path) => Against::Path(PathBuf::from(path)),
        }
    }
}

/// Why a build stopped.
#[derive(Debug)]
pub enum Failure {
    /// The input could not be read (exit status 2).
    Input(Vec<Diagnostic>),
    /// A checklist rule at level deny fired (exit status 1).
    Denied(Report),
}

impl Failure {
    /// The process exit status for this failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Input(_) => 2,
            Failure::Denied(_) => 1,
        }
    }
}

/// A loaded and checked site.
pub struct Checked {
    /// The model.
    pub site: Site,
    /// The checklist's findings (warnings only when the build may go on).
    pub report: Report,
    /// The record compared with: `Ok(path)`, or `Err(path)` when the output
    /// folder has none yet (nothing to compare with); `None` when off.
    pub compared_with: Option<Result<PathBuf, PathBuf>>,
}

fn sorted(mut d: Vec<Diagnostic>) -> Failure {
    diagnostic::sort(&mut d);
    Failure::Input(d)
}

/// Reads the config at its default place or the given one.
pub fn load_config(opts: &Options) -> Result<Config, Failure> {
    let mut config = read_config(opts)?;
    config.read_labels(&opts.root).map_err(sorted)?;
    Ok(config)
}

/// The config file alone, without the site's label files.
fn read_config(opts: &Options) -> Result<Config, Failure> {
    let (path, must_exist) = match &opts.config {
        Some(p) => (p.clone(), true),
        None => (opts.root.join("forewarn.toml"), false),
    };
    let shown = path.strip_prefix(&opts.root).unwrap_or(&path).to_path_buf();
    Config::load(&path, &shown, must_exist).map_err(sorted)
}

/// Loads the site (markdown rendered) and runs the checklist. Input
/// problems stop here; denies are in the report (the caller decides).
pub fn load(opts: &Options) -> Result<Checked, Failure> {
    load_site(opts, Bodies::Render, None)
}

/// Like [`load`] without rendering markdown: all `forewarn check` needs.
pub fn check(opts: &Options) -> Result<Checked, Failure> {
    load_site(opts, Bodies::Skip, None)
}

/// The record to compare with, per `opts.against`; the output folder's own
/// counts only when the folder is forewarn's (it has the marker file).
fn previous(opts: &Options, config: &Config, out: Option<&Path>) -> Option<Result<PathBuf, PathBuf>> {
    match &opts.against {
        Against::Off => None,
        Against::Path(p) => Some(Ok(p.clone())),
        Against::Output => {
            let dir = output_dir(opts, config, out);
            let record = dir.join("notices.json");
            Some(if dir.join(crate::output::MARKER).is_file() && record.is_file() { Ok(record) } else { Err(record) })
        }
    }
}

fn load_site(opts: &Options, bodies: Bodies, out: Option<&Path>) -> Result<Checked, Failure> {
    let config = match load_config(opts) {
        Ok(config) => config,
        // Every input problem in one run: the content is read with the
        // config file (when only a label file failed) or the defaults, so
        // its problems are reported beside the config's.
        Err(Failure::Input(mut diags)) => {
            let base = read_config(opts).unwrap_or_default();
            let (found, mut more) = content::discover(&opts.root);
            let (_, mut load_diags) = content::load_all(&found, &base, Bodies::Skip);
            diags.append(&mut more);
            diags.append(&mut load_diags);
            return Err(sorted(diags));
        }
        Err(other) => return Err(other),
    };
    let now = opts.now.resolve(&config).map_err(|d| Failure::Input(vec![*d]))?;
    let compared_with = previous(opts, &config, out);
    let previous = match &compared_with {
        Some(Ok(p)) => Some(Previous::load(p).map_err(|d| Failure::Input(vec![*d]))?),
        _ => None,
    };
    let mut timer = Timer::start();
    let (found, mut diags) = content::discover(&opts.root);
    timer.lap("discover");
    let (docs, mut load_diags) = content::load_all(&found, &config, bodies);
    timer.lap("load");
    diags.append(&mut load_diags);
    if !diags.is_empty() {
        return Err(sorted(diags));
    }
    let site = Site::new(config, docs, now, opts.drafts).map_err(sorted)?;
    timer.lap("model");
    let report = checklist::run(&site, previous.as_ref());
    timer.lap("checklist");
    Ok(Checked { site, report, compared_with })
}

/// What a successful build did.
pub struct Built {
    /// The checklist's warnings.
    pub report: Report,
    /// The record compared with (see [`Checked::compared_with`]).
    pub compared_with: Option<Result<PathBuf, PathBuf>>,
    /// Files written.
    pub stats: Stats,
    /// Notices published.
    pub notices: usize,
    /// Improvements published.
    pub improvements: usize,
    /// Wall time of the whole build.
    pub elapsed: std::time::Duration,
    /// Where it was published.
    pub out: PathBuf,
}

/// The output folder: `--out`, else the config's, relative to the root.
pub fn output_dir(opts: &Options, config: &Config, out: Option<&Path>) -> PathBuf {
    match out {
        Some(o) => o.to_path_buf(),
        None => opts.root.join(&config.output_dir),
    }
}

/// Builds and publishes the site. Nothing is replaced unless everything
/// succeeded.
pub fn build(opts: &Options, out: Option<&Path>) -> Result<Built, Failure> {
    let start = Instant::now();
    let checked = load_site(opts, Bodies::Render, out)?;
    if checked.report.denies() > 0 {
        return Err(Failure::Denied(checked.report));
    }
    let site = checked.site;
    let out = output_dir(opts, &site.config, out);
    let mut timer = Timer::start();
    let renderer = Renderer::new(&opts.root, &site.config).map_err(Failure::Input)?;
    timer.lap("templates");
    let sources: Vec<PathBuf> =
        ["content", "templates", "static", "themes"].iter().map(|d| opts.root.join(d)).collect();
    let staging = Staging::begin(&out, &sources).map_err(|e| Failure::Input(vec![e.diagnostic(&out)]))?;
    timer.lap("staging");
    let stats = renderer.render_all(&site, &staging, &RenderOptions::default()).map_err(sorted)?;
    timer.lap("render");
    staging.commit().map_err(|e| Failure::Input(vec![e.diagnostic(&out)]))?;
    timer.lap("publish");
    let built = Built {
        report: checked.report,
        compared_with: checked.compared_with,
        stats,
        notices: site.notices.len(),
        improvements: site.improvements.len(),
        elapsed: start.elapsed(),
        out,
    };
    Ok(built)
}

/// Whose newsletter `forewarn newsletter` renders.
#[derive(Clone, Debug, Default)]
pub struct EditionArg {
    /// `--audience NAME`.
    pub audience: Option<String>,
    /// `--area NAME`.
    pub area: Option<String>,
    /// `--lang CODE`: in this language instead of the default one.
    pub lang: Option<String>,
}

/// `site` in the language `lang` (`--lang`): the default language, or one
/// of `[languages.<code>]`; anything else is an error listing them.
pub fn in_language(site: Site, lang: Option<&str>) -> Result<Site, Failure> {
    let Some(code) = lang.filter(|c| *c != site.config.language) else { return Ok(site) };
    if let Some(localized) = site.localized(code) {
        return Ok(localized);
    }
    let codes: Vec<&str> = site.config.language_codes().collect();
    Err(Failure::Input(vec![
        Diagnostic::error("input", "--lang", format!("the site is not published in `{code}`")).help(format!(
            "give one of its languages: {} (add others as `[languages.<code>]` in forewarn.toml)",
            codes.join(", ")
        )),
    ]))
}

/// The edition `arg` names in `site`, or an error listing the names there are.
fn edition(site: &Site, arg: &EditionArg) -> Result<Edition, Failure> {
    let (kind, name, flag) = match (&arg.audience, &arg.area) {
        (Some(a), _) => (FacetKind::Audience, a, "--audience"),
        (None, Some(a)) => (FacetKind::Area, a, "--area"),
        (None, None) => return Ok(Edition::All),
    };
    let facets = site.facets(kind);
    let wanted = crate::slug::slugify(name);
    if let Some(i) = facets.iter().position(|f| f.slug == wanted || f.name.eq_ignore_ascii_case(name.trim())) {
        return Ok(Edition::Facet(kind, i));
    }
    let names: Vec<&str> = facets.iter().map(|f| f.name.as_str()).collect();
    let help = match crate::diagnostic::did_you_mean(name, &names) {
        Some(n) => format!("did you mean `{n}`?"),
        None if names.is_empty() => format!("no notice names any {}", kind.folder()),
        None => format!("the site has: {}", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
    };
    Err(Failure::Input(vec![Diagnostic::error("input", flag, format!("{flag}: no notice names `{name}`")).help(help)]))
}

/// `forewarn newsletter`: one issue for the period `since..until` (until
/// defaults to now), for everyone or one audience's or area's edition,
/// written as `newsletter-YYYY-MM-DD[-audience-SLUG].html`, `.txt` and
/// `.eml` into `out`. Refuses when a deny fires, like `build`.
pub fn newsletter(
    opts: &Options,
    since: &str,
    until: Option<&str>,
    who: &EditionArg,
    out: &Path,
) -> Result<Vec<PathBuf>, Failure> {
    let mut opts = opts.clone();
    if let Some(until) = until {
        opts.now = Now::Until(until.to_string());
    }
    let checked = load(&opts)?;
    if checked.report.denies() > 0 {
        return Err(Failure::Denied(checked.report));
    }
    let site = in_language(checked.site, who.lang.as_deref())?;
    let since = Moment::parse(since, &site.config.timezone).map_err(|e| {
        Failure::Input(vec![
            Diagnostic::error("input", "--since", format!("--since: {e}")).help("write a date like `2026-11-01`"),
        ])
    })?;
    if since.ts > site.now {
        return Err(Failure::Input(vec![
            Diagnostic::error("input", "--since", "--since is after the end of the period")
                .help("give a --since before --until (or before now)"),
        ]));
    }
    let edition = edition(&site, who)?;
    let renderer = Renderer::new(&opts.root, &site.config).map_err(Failure::Input)?;
    let period = crate::render::newsletter::Period { since: since.ts, until: site.now };
    let letter = renderer.newsletter(&site, IssueKey::Latest(edition), period).map_err(Failure::Input)?;
    let mut name = format!("newsletter-{}", site.now.to_zoned(site.config.timezone.clone()).strftime("%Y-%m-%d"));
    if let Edition::Facet(kind, i) = edition {
        let word = if kind == FacetKind::Area { "area" } else { "audience" };
        name = format!("{name}-{word}-{}", site.facets(kind)[i].slug);
    }
    if let Some(code) = who.lang.as_deref().filter(|c| *c != site.config.language) {
        name = format!("{name}.{code}");
    }
    let io = |path: &Path, e: std::io::Error| {
        Failure::Input(vec![
            Diagnostic::error("output", path, format!("cannot write: {e}")).help("check the folder given to --out"),
        ])
    };
    std::fs::create_dir_all(out).map_err(|e| io(out, e))?;
    let mut written = Vec::new();
    for (ext, body) in [("html", letter.html), ("txt", letter.text), ("eml", letter.eml)] {
        let path = out.join(format!("{name}.{ext}"));
        std::fs::write(&path, body).map_err(|e| io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}
