//! Rendering the site model into files: HTML pages through Tera templates,
//! `notices.json`, the sitemap, static files and notice assets. Templates
//! are compiled once; pages render in parallel, each from a small view.

pub mod brief;
pub mod calendar;
pub mod feeds;
pub mod newsletter;
pub mod record;
pub mod subscribe;
pub mod theme;
pub mod view;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Span};
use crate::site::{AliasTarget, FacetKind, Site, State};
use crate::words::Impact;
use subscribe::{FeedBodies, Scope};
use theme::{Origin, Theme};
use view::{ImprovementView, NoticeView, PageView, SiteView};

/// Where rendered files go: the build's staging folder (see `output`), or
/// whatever a caller collects them in.
pub trait Sink: Sync {
    /// Writes `bytes` as the file at `rel` (relative to the output).
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Diagnostic>;
    /// Copies the file at `from` to `rel`.
    fn copy(&self, from: &Path, rel: &Path) -> Result<(), Diagnostic>;
}

/// Compiled templates and the files of the theme.
pub struct Renderer {
    root: PathBuf,
    tera: Tera,
    origins: HashMap<String, PathBuf>,
    theme: Theme,
}

/// A file the build writes, and what it shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Job {
    /// `index.html`.
    Index,
    /// `notices/index.html`: every notice.
    Archive,
    /// `notices/<slug>/index.html`.
    Notice(usize),
    /// `improvements/index.html`.
    Improvements,
    /// `areas/index.html` or `audiences/index.html`.
    FacetIndex(FacetKind),
    /// `areas/<a>/index.html`, `audiences/<a>/index.html`.
    Facet(FacetKind, usize),
    /// `impact/<level>/index.html`.
    Impact(Impact),
    /// `pages/<slug>/index.html`.
    Page(usize),
    /// `404.html`.
    NotFound,
    /// An old URL (a copy of its document with a canonical link).
    Alias(usize),
    /// `sitemap.xml`.
    Sitemap,
    /// `notices.json`.
    Record,
    /// A feed of a scope in one format.
    Feed(Scope, FeedFormat),
    /// The calendar of a scope.
    Calendar(Scope),
    /// `notices/<slug>/event.ics`: one notice's event ("add to calendar"),
    /// while it is ahead or under way.
    Event(usize),
    /// `newsletter/latest.html` (true) or `.txt` (false).
    Newsletter(bool),
}

/// The three feed formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeedFormat {
    /// `feed.xml`, RSS 2.0.
    Rss,
    /// `atom.xml`, Atom 1.0.
    Atom,
    /// `feed.json`, JSON Feed 1.1.
    Json,
}

impl FeedFormat {
    const ALL: [(FeedFormat, &'static str); 3] =
        [(FeedFormat::Rss, "feed.xml"), (FeedFormat::Atom, "atom.xml"), (FeedFormat::Json, "feed.json")];
}

/// The label of a kind of facet, for page headings.
fn facet_label(kind: FacetKind) -> &'static str {
    match kind {
        FacetKind::Area => "Area",
        FacetKind::Audience => "Audience",
    }
}

/// Options for one rendering.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// HTML to insert before `</body>` (the live-reload script of `serve`).
    pub inject: Option<String>,
}

/// Counts of what a build wrote.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// Files written.
    pub files: usize,
}

fn template_diag(err: &tera::Error, origins: &HashMap<String, PathBuf>, theme: &Theme) -> Diagnostic {
    use std::error::Error as _;
    match err.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let name = r.filename();
            let file = origins.get(name).cloned().unwrap_or_else(|| PathBuf::from(name));
            let span = r.span();
            let source = theme.templates.get(name).map(|(t, _)| t.as_str()).unwrap_or("");
            let width = if span.start_line == span.end_line { span.end_col.saturating_sub(span.start_col) } else { 1 };
            let mut message = r.message().to_string();
            if let Some(src) = err.source() {
                message.push_str(&format!(": {src}"));
            }
            Diagnostic::error("template", file, format!("template error: {message}"))
                .at(Span::new(span.start_line, span.start_col + 1, width), source)
                .help("fix the template; `forewarn build` shows the first error of each template")
        }
        _ => {
            // Errors found while loading (an unknown filter, a missing
            // include) come as rustc-style text: take the place from it.
            let text = err.to_string();
            let message = text.lines().next().unwrap_or("").trim_start_matches("error: ").to_string();
            let place = text.lines().find_map(|l| l.trim_start().strip_prefix("--> ")).and_then(|p| {
                let mut it = p.rsplitn(3, ':');
                let col: usize = it.next()?.trim().parse().ok()?;
                let line: usize = it.next()?.trim().parse().ok()?;
                Some((it.next()?.to_string(), line, col))
            });
            match place {
                Some((name, line, col)) => {
                    let file = origins.get(&name).cloned().unwrap_or_else(|| PathBuf::from(&name));
                    let source = theme.templates.get(&name).map(|(t, _)| t.as_str()).unwrap_or("");
                    Diagnostic::error("template", file, format!("template error: {message}"))
                        .at(Span::new(line, col, 1), source)
                        .help("check the filter, function, test or template names it uses")
                }
                None => Diagnostic::error("template", "templates", format!("template error: {text}"))
                    .help("check the template names used in extends and include"),
            }
        }
    }
}

fn ctx<T: Serialize>(value: &T) -> Context {
    Context::from_serialize(value).unwrap_or_default()
}

/// What a list page shows: which notices and improvements, for which facet,
/// and how many in effect and ended at most.
struct Listing<'s> {
    notices: &'s [usize],
    improvements: &'s [usize],
    facet: Option<FacetCx>,
    limit: Option<usize>,
}

/// How many notices in effect and ended the home page shows (the most
/// recent; the archive at /notices/ has them all).
const HOME_LIMIT: usize = 20;

/// How many of the notices in effect (and of those ended) a page without a
/// limit shows as cards, the most recent; older ones are one-line rows. An
/// archive of thousands reads better as a list, and its page is a third of
/// the size.
const RECENT_CARDS: usize = 20;

/// Notice `i` as a template value, with the body `body_html` (empty for a
/// card, which does not show it). Made afresh where it is needed (once for
/// a card and its row, once for the page): keeping 10,000 of them would
/// take a quarter of a build's memory.
pub(crate) fn notice_value(site: &Site, i: usize, body_html: &str) -> tera::Value {
    tera::Value::from_serializable(&NoticeView { body_html, ..NoticeView::new(site, &site.notices[i]) })
}

/// What several jobs share, made at most once per site generation: each
/// notice's card, its feed body and calendar event, and the improvements
/// related to it. Slots fill on first use: `build` warms them in parallel, `serve` only
/// as pages are requested.
pub struct Shared {
    cards: Vec<OnceLock<Result<String, Vec<Diagnostic>>>>,
    rows: Vec<OnceLock<Result<String, Vec<Diagnostic>>>>,
    bodies: FeedBodies,
    related: HashMap<String, Vec<usize>>,
}

impl Shared {
    /// Empty slots for `site`.
    pub fn new(site: &Site) -> Shared {
        let mut related: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, imp) in site.improvements.iter().enumerate() {
            if let Some(slug) = &imp.notice {
                related.entry(slug.clone()).or_default().push(i);
            }
        }
        Shared {
            cards: (0..site.notices.len()).map(|_| OnceLock::new()).collect(),
            rows: (0..site.notices.len()).map(|_| OnceLock::new()).collect(),
            bodies: FeedBodies::new(site),
            related,
        }
    }
}

#[derive(Serialize)]
struct Group<'a> {
    label: String,
    cards: Vec<&'a str>,
}

#[derive(Serialize)]
struct ListCx<'a> {
    upcoming: Vec<Group<'a>>,
    in_effect: Vec<&'a str>,
    ended: Vec<&'a str>,
    /// Older notices in effect / ended, as one-line rows.
    in_effect_rows: Vec<&'a str>,
    ended_rows: Vec<&'a str>,
    /// Notices in effect / ended beyond the page's limit (in the archive).
    in_effect_more: usize,
    ended_more: usize,
    improvements: Vec<ImprovementView<'a>>,
    facet: Option<FacetCx>,
}

impl ListCx<'_> {
    /// About how long a page showing this list is: its cards and rows, a
    /// kilobyte per improvement and some for the page around them. Too
    /// much costs nothing (untouched memory is never mapped in); too
    /// little only means the buffer grows.
    fn page_size(&self) -> usize {
        let fragments = self.upcoming.iter().flat_map(|g| &g.cards).chain(&self.in_effect).chain(&self.ended);
        let fragments = fragments.chain(&self.in_effect_rows).chain(&self.ended_rows);
        let (count, bytes) = fragments.fold((0, 0), |(n, b), f| (n + 1, b + f.len()));
        bytes + count * 16 + self.improvements.len() * 1024 + 16 * 1024
    }
}

#[derive(Serialize)]
struct FacetCx {
    kind: &'static str,
    kind_label: &'static str,
    name: String,
    slug: String,
}

impl Renderer {
    /// Loads and compiles the theme of `config` for the site at `root`.
    pub fn new(root: &Path, config: &Config) -> Result<Renderer, Vec<Diagnostic>> {
        let theme = Theme::load(root, &config.theme)?;
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let origins: HashMap<String, PathBuf> =
            theme.templates.iter().map(|(n, (_, o))| (n.clone(), o.shown(n, root))).collect();
        let sources: Vec<(&str, &str)> = theme.templates.iter().map(|(n, (t, _))| (n.as_str(), t.as_str())).collect();
        if let Err(e) = tera.add_raw_templates(sources) {
            return Err(vec![template_diag(&e, &origins, &theme)]);
        }
        Ok(Renderer { root: root.to_path_buf(), tera, origins, theme })
    }

    /// Every file a full build writes.
    pub fn plan(site: &Site) -> Vec<(PathBuf, Job)> {
        let mut jobs = vec![
            (PathBuf::from("index.html"), Job::Index),
            (PathBuf::from("notices/index.html"), Job::Archive),
            (PathBuf::from("improvements/index.html"), Job::Improvements),
            (PathBuf::from("404.html"), Job::NotFound),
            (PathBuf::from("sitemap.xml"), Job::Sitemap),
            (PathBuf::from("notices.json"), Job::Record),
            (PathBuf::from("calendar.ics"), Job::Calendar(Scope::Site)),
            (PathBuf::from("newsletter/latest.html"), Job::Newsletter(true)),
            (PathBuf::from("newsletter/latest.txt"), Job::Newsletter(false)),
        ];
        for (format, name) in FeedFormat::ALL {
            jobs.push((PathBuf::from(name), Job::Feed(Scope::Site, format)));
        }
        for (i, n) in site.notices.iter().enumerate() {
            jobs.push((crate::url::file(&crate::url::notice(&n.slug)), Job::Notice(i)));
            if n.ahead(site.now) {
                jobs.push((crate::url::file(&format!("{}event.ics", crate::url::notice(&n.slug))), Job::Event(i)));
            }
        }
        for kind in [FacetKind::Area, FacetKind::Audience] {
            let facets = site.facets(kind);
            if !facets.is_empty() {
                jobs.push((PathBuf::from(format!("{}/index.html", kind.folder())), Job::FacetIndex(kind)));
            }
            for (i, f) in facets.iter().enumerate() {
                let dir = format!("{}/{}", kind.folder(), f.slug);
                jobs.push((PathBuf::from(format!("{dir}/index.html")), Job::Facet(kind, i)));
                let scope = Scope::Facet(kind, i);
                jobs.push((PathBuf::from(format!("{dir}/calendar.ics")), Job::Calendar(scope)));
                for (format, name) in FeedFormat::ALL {
                    jobs.push((PathBuf::from(format!("{dir}/{name}")), Job::Feed(scope, format)));
                }
            }
        }
        for (word, impact) in Impact::ALL {
            if site.notices.iter().any(|n| n.impact == *impact) {
                jobs.push((PathBuf::from(format!("impact/{word}/index.html")), Job::Impact(*impact)));
            }
        }
        for (i, p) in site.pages.iter().enumerate() {
            jobs.push((crate::url::file(&crate::url::page(&p.slug)), Job::Page(i)));
        }
        for (i, alias) in site.aliases.iter().enumerate() {
            jobs.push((alias.path.clone(), Job::Alias(i)));
        }
        jobs
    }

    /// Renders the whole site into `sink`.
    pub fn render_site(&self, site: &Site, sink: &dyn Sink, options: &RenderOptions) -> Result<Stats, Vec<Diagnostic>> {
        let mut timer = crate::profile::Timer::start();
        let tera = self.for_site(site, options.inject.is_some());
        let jobs = Self::plan(site);
        self.check_collisions(site, &jobs)?;
        let shared = Shared::new(site);
        timer.lap("plan");
        let write = |(path, job): &(PathBuf, Job)| {
            let bytes = self.render_job(&tera, site, &shared, job, options)?;
            sink.write(path, &bytes).map_err(|d| vec![d])
        };
        // Cards first: list pages, feeds and calendars show them.
        let card = |i: usize| self.warm(&tera, site, &shared, i).err();
        let mut diags: Vec<Diagnostic> = (0..site.notices.len()).into_par_iter().filter_map(card).flatten().collect();
        if !diags.is_empty() {
            crate::diagnostic::sort(&mut diags);
            return Err(diags);
        }
        timer.lap("cards");
        diags.par_extend(jobs.par_iter().filter_map(|j| write(j).err()).flatten());
        timer.lap("jobs");
        let mut files = jobs.len();
        for (rel, origin) in &self.theme.statics {
            let r = match origin {
                Origin::Embedded(bytes) => sink.write(rel, bytes),
                Origin::Disk(p) => sink.copy(p, rel),
            };
            diags.extend(r.err());
            files += 1;
        }
        for n in &site.notices {
            for (src, rel) in &n.assets {
                diags.extend(sink.copy(src, &Path::new("notices").join(&n.slug).join(rel)).err());
                files += 1;
            }
        }
        crate::diagnostic::sort(&mut diags);
        if diags.is_empty() { Ok(Stats { files }) } else { Err(diags) }
    }

    /// The templates with the site's globals (`site`, `serve`), for rendering
    /// pages of one generation of `site`.
    pub fn for_site(&self, site: &Site, serve: bool) -> Tera {
        let mut tera = self.tera.clone();
        tera.global_context().insert("site", &SiteView::new(site));
        tera.global_context().insert("serve", &serve);
        tera
    }

    /// Every output path of `site` mapped to what renders it (for `serve`,
    /// which renders a page only when it is asked for).
    pub fn job_map(site: &Site) -> HashMap<PathBuf, Job> {
        Self::plan(site).into_iter().collect()
    }

    /// The bytes of the file at `rel` (a page, feed, static file or asset),
    /// or `None` when the site has no such file.
    pub fn render_path(
        &self,
        tera: &Tera,
        site: &Site,
        shared: &Shared,
        jobs: &HashMap<PathBuf, Job>,
        rel: &Path,
    ) -> Option<Result<Vec<u8>, Vec<Diagnostic>>> {
        if let Some(job) = jobs.get(rel) {
            return Some(self.render_job(tera, site, shared, job, &RenderOptions::default()));
        }
        let read = |p: &Path| {
            std::fs::read(p).map_err(|e| {
                vec![Diagnostic::error("input", p, format!("cannot read: {e}")).help("check that the file exists")]
            })
        };
        if let Some(origin) = self.theme.statics.get(rel) {
            return Some(match origin {
                Origin::Embedded(bytes) => Ok(bytes.to_vec()),
                Origin::Disk(p) => read(p),
            });
        }
        let mut parts = rel.components();
        if parts.next().is_some_and(|c| c.as_os_str() == "notices")
            && let Some(slug) = parts.next()
            && let Some(n) = site.notice(&slug.as_os_str().to_string_lossy())
        {
            let inside = parts.as_path();
            return n.assets.iter().find(|(_, r)| r == inside).map(|(src, _)| read(src));
        }
        None
    }

    /// Two outputs at one path would silently replace each other, and an
    /// output below another file (`feed.xml/x`) cannot be written at all: a
    /// file in `static/`, a folder notice's asset or an alias colliding with
    /// anything else is an error naming its source.
    fn check_collisions(&self, site: &Site, jobs: &[(PathBuf, Job)]) -> Result<(), Vec<Diagnostic>> {
        enum Owner<'a> {
            Generated,
            Alias(usize),
            File(&'a Path, &'static str),
        }
        let describe = |owner: &Owner<'_>, path: &Path| match owner {
            Owner::Generated => format!("the generated {}", path.display()),
            Owner::Alias(i) => format!("the alias `{}`", site.aliases[*i].from),
            Owner::File(file, what) => format!("{what} {}", file.display()),
        };
        // Who to report a clash on: the source the user can most easily
        // change (an alias, then their own file, then the built-in theme).
        let rank = |owner: &Owner<'_>| match owner {
            Owner::Alias(_) => 3,
            Owner::File(file, _) if !file.starts_with("(built-in theme)") => 2,
            Owner::File(..) => 1,
            Owner::Generated => 0,
        };
        let report = |owner: &Owner<'_>, message: String, diags: &mut Vec<Diagnostic>| {
            let help = "give each output path one source: rename or move the file, or choose another alias";
            diags.push(match owner {
                Owner::Alias(i) => {
                    let source = match site.aliases[*i].target {
                        AliasTarget::Notice(n) => &site.notices[n].source,
                        AliasTarget::Page(p) => &site.pages[p].source,
                    };
                    source.diagnostic(crate::diagnostic::Severity::Error, "alias", &["aliases"], message).help(help)
                }
                Owner::File(file, _) => Diagnostic::error("output", file, message).help(help),
                Owner::Generated => Diagnostic::error("output", ".", message).help(help),
            });
        };
        let shown_static: Vec<(PathBuf, PathBuf)> = self
            .theme
            .statics
            .iter()
            .map(|(rel, origin)| {
                let file = match origin {
                    Origin::Disk(p) => p.strip_prefix(&self.root).unwrap_or(p).to_path_buf(),
                    Origin::Embedded(_) => Path::new("(built-in theme)/static").join(rel),
                };
                (rel.clone(), file)
            })
            .collect();
        let assets: Vec<(PathBuf, &Path)> = site
            .notices
            .iter()
            .flat_map(|n| {
                n.assets.iter().map(move |(src, rel)| (Path::new("notices").join(&n.slug).join(rel), src.as_path()))
            })
            .collect();
        let mut owners: HashMap<&Path, Owner<'_>> = HashMap::with_capacity(jobs.len() + shown_static.len());
        let mut diags = Vec::new();
        let entries = jobs
            .iter()
            .map(|(p, job)| (p.as_path(), if let Job::Alias(i) = job { Owner::Alias(*i) } else { Owner::Generated }))
            .chain(shown_static.iter().map(|(rel, file)| (rel.as_path(), Owner::File(file, "the static file"))))
            .chain(assets.iter().map(|(out, src)| (out.as_path(), Owner::File(src, "the asset"))));
        for (path, owner) in entries {
            match owners.get(path) {
                Some(first) => {
                    // Report it on the source the user can change.
                    let (culprit, other) = if rank(&owner) >= rank(first) { (&owner, first) } else { (first, &owner) };
                    let message = format!("{} would overwrite {}", describe(culprit, path), describe(other, path));
                    report(culprit, message, &mut diags);
                }
                None => {
                    owners.insert(path, owner);
                }
            }
        }
        for (path, owner) in &owners {
            for above in path.ancestors().skip(1).filter(|a| !a.as_os_str().is_empty()) {
                if let Some(file) = owners.get(above) {
                    let (culprit, other, at) =
                        if rank(owner) >= rank(file) { (owner, file, *path) } else { (file, owner, above) };
                    let message = format!(
                        "{} needs `{}` to be a folder, but {} is a file there",
                        describe(culprit, at),
                        above.display(),
                        describe(other, above)
                    );
                    report(culprit, message, &mut diags);
                }
            }
        }
        diags.sort_by(|a, b| a.message.cmp(&b.message));
        diags.dedup();
        if diags.is_empty() { Ok(()) } else { Err(diags) }
    }

    /// Renders a template to a string (no live-reload injection).
    fn render_str(&self, tera: &Tera, name: &str, context: &Context) -> Result<String, Vec<Diagnostic>> {
        tera.render(name, context).map_err(|e| vec![template_diag(&e, &self.origins, &self.theme)])
    }

    /// The newsletter issue for `period`: HTML (CSS inlined) and text.
    pub fn newsletter(&self, site: &Site, period: newsletter::Period) -> Result<(String, String), Vec<Diagnostic>> {
        let mut tera = self.tera.clone();
        tera.global_context().insert("site", &SiteView::new(site));
        tera.global_context().insert("serve", &false);
        self.newsletter_with(&tera, site, period)
    }

    fn newsletter_with(
        &self,
        tera: &Tera,
        site: &Site,
        period: newsletter::Period,
    ) -> Result<(String, String), Vec<Diagnostic>> {
        let issue = newsletter::issue(site, period);
        let mut c = Context::new();
        c.insert("issue", &issue);
        let html = self.render_str(tera, "newsletter.html", &c)?;
        let file = self.origins.get("newsletter.html").cloned().unwrap_or_else(|| PathBuf::from("newsletter.html"));
        let html = newsletter::inline_css(&html).map_err(|e| {
            vec![Diagnostic::error("template", file, e).help("check the CSS in the <style> block of newsletter.html")]
        })?;
        Ok((html, newsletter::text(&issue)))
    }

    fn render(
        &self,
        tera: &Tera,
        name: &str,
        context: &Context,
        options: &RenderOptions,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        self.render_sized(tera, name, context, options, 0)
    }

    /// [`Self::render`] into a buffer of `size` bytes (0: Tera's guess from
    /// the template). A list page of 100,000 notices is tens of megabytes:
    /// grown from Tera's guess, it would be copied into new memory about
    /// twenty times on the way.
    fn render_sized(
        &self,
        tera: &Tera,
        name: &str,
        context: &Context,
        options: &RenderOptions,
        size: usize,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let diag = |e: tera::Error| vec![template_diag(&e, &self.origins, &self.theme)];
        let mut out = if size == 0 {
            tera.render(name, context).map_err(diag)?.into_bytes()
        } else {
            let mut out = Vec::with_capacity(size);
            tera.render_to(name, context, &mut out).map_err(diag)?;
            out
        };
        if let Some(inject) = &options.inject
            && name.ends_with(".html")
        {
            let at = memchr::memmem::rfind(&out, b"</body>").unwrap_or(out.len());
            out.splice(at..at, inject.bytes());
        }
        Ok(out)
    }
    /// Notice `i`'s card, rendered once per site generation.
    fn card<'s>(&self, tera: &Tera, site: &Site, shared: &'s Shared, i: usize) -> Result<&'s str, Vec<Diagnostic>> {
        self.fragment(tera, &shared.cards[i], "card.html", || notice_value(site, i, ""))
    }

    /// Notice `i`'s one-line row (for older notices in long lists).
    fn row<'s>(&self, tera: &Tera, site: &Site, shared: &'s Shared, i: usize) -> Result<&'s str, Vec<Diagnostic>> {
        self.fragment(tera, &shared.rows[i], "row.html", || notice_value(site, i, ""))
    }

    /// Renders notice `i`'s card and, when it is already in effect or over
    /// (the archive lists it as a row), its row, from one template value:
    /// making the value costs about as much as rendering either.
    fn warm(&self, tera: &Tera, site: &Site, shared: &Shared, i: usize) -> Result<(), Vec<Diagnostic>> {
        let value = notice_value(site, i, "");
        self.fragment(tera, &shared.cards[i], "card.html", || value.clone())?;
        if site.notices[i].state(site.now) != State::Upcoming {
            self.fragment(tera, &shared.rows[i], "row.html", || value)?;
        }
        Ok(())
    }

    /// `template` rendered with `notice` into `slot` on first use.
    fn fragment<'s>(
        &self,
        tera: &Tera,
        slot: &'s OnceLock<Result<String, Vec<Diagnostic>>>,
        template: &str,
        notice: impl FnOnce() -> tera::Value,
    ) -> Result<&'s str, Vec<Diagnostic>> {
        let html = slot.get_or_init(|| {
            let mut c = Context::new();
            c.insert_value("notice", notice());
            self.render_str(tera, template, &c).map(|mut html| {
                html.shrink_to_fit();
                html
            })
        });
        html.as_deref().map_err(Clone::clone)
    }

    fn list<'a>(
        &self,
        tera: &Tera,
        site: &'a Site,
        shared: &'a Shared,
        listing: Listing<'_>,
    ) -> Result<ListCx<'a>, Vec<Diagnostic>> {
        let Listing { notices, improvements, facet, limit } = listing;
        let mut upcoming: Vec<Group<'a>> = Vec::new();
        let mut in_effect = Vec::new();
        let mut ended = Vec::new();
        let tz = &site.config.timezone;
        for &i in notices {
            let n = &site.notices[i];
            match n.state(site.now) {
                State::Upcoming => {
                    let label = n.effective.in_zone(tz).strftime("%B %Y").to_string();
                    match upcoming.last_mut() {
                        Some(g) if g.label == label => g.cards.push(self.card(tera, site, shared, i)?),
                        _ => upcoming.push(Group { label, cards: vec![self.card(tera, site, shared, i)?] }),
                    }
                }
                State::InEffect => in_effect.push(i),
                State::Ended => ended.push(i),
            }
        }
        // Most recent first for what is already in effect or over. A page
        // with a limit shows the most recent and links to the archive; one
        // without shows the most recent as cards and the rest as rows.
        type Shown<'a> = (Vec<&'a str>, Vec<&'a str>, usize);
        let show = |mut list: Vec<usize>| -> Result<Shown<'a>, Vec<Diagnostic>> {
            list.reverse();
            let more = limit.map_or(0, |l| list.len().saturating_sub(l));
            list.truncate(list.len() - more);
            let older = if limit.is_none() { list.split_off(list.len().min(RECENT_CARDS)) } else { Vec::new() };
            let cards = list.into_iter().map(|i| self.card(tera, site, shared, i)).collect::<Result<_, _>>()?;
            let rows = older.into_iter().map(|i| self.row(tera, site, shared, i)).collect::<Result<_, _>>()?;
            Ok((cards, rows, more))
        };
        let (in_effect, in_effect_rows, in_effect_more) = show(in_effect)?;
        let (ended, ended_rows, ended_more) = show(ended)?;
        Ok(ListCx {
            upcoming,
            in_effect,
            ended,
            in_effect_rows,
            ended_rows,
            in_effect_more,
            ended_more,
            improvements: improvements.iter().map(|&i| ImprovementView::new(site, &site.improvements[i])).collect(),
            facet,
        })
    }

    /// A page of `template` showing `listing`, with the values of `more`.
    #[allow(clippy::too_many_arguments)]
    fn list_page(
        &self,
        tera: &Tera,
        site: &Site,
        shared: &Shared,
        template: &str,
        listing: Listing<'_>,
        more: Context,
        options: &RenderOptions,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let list = self.list(tera, site, shared, listing)?;
        let size = list.page_size();
        let mut c = ctx(&list);
        c.extend(more);
        self.render_sized(tera, template, &c, options, size)
    }

    /// The page of notice `i` (at an old address: `moved_from`).
    fn notice_cx(site: &Site, shared: &Shared, i: usize, moved_from: Option<&str>) -> Result<Context, Vec<Diagnostic>> {
        let n = &site.notices[i];
        let related: Vec<ImprovementView<'_>> = shared
            .related
            .get(&n.slug)
            .map(|v| v.iter().map(|&i| ImprovementView::new(site, &site.improvements[i])).collect())
            .unwrap_or_default();
        let mut c = Context::new();
        c.insert_value("notice", notice_value(site, i, &n.body_html));
        c.insert("improvements", &related);
        c.insert("moved_from", &moved_from);
        Ok(c)
    }

    fn page_cx(site: &Site, i: usize, moved_from: Option<&str>) -> Context {
        let mut c = Context::new();
        c.insert("page", &PageView::new(&site.pages[i]));
        c.insert("moved_from", &moved_from);
        c
    }

    fn render_job(
        &self,
        tera: &Tera,
        site: &Site,
        shared: &Shared,
        job: &Job,
        options: &RenderOptions,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        // Only list pages need every index; made per job that uses it.
        let all = || (0..site.notices.len()).collect::<Vec<usize>>();
        match job {
            Job::Index => {
                let recent: Vec<usize> = (0..site.improvements.len().min(5)).collect();
                let listing = Listing { notices: &all(), improvements: &recent, facet: None, limit: Some(HOME_LIMIT) };
                self.list_page(tera, site, shared, "index.html", listing, Context::new(), options)
            }
            Job::Archive => {
                let listing = Listing { notices: &all(), improvements: &[], facet: None, limit: None };
                self.list_page(tera, site, shared, "notices.html", listing, Context::new(), options)
            }
            Job::Notice(i) => self.render(tera, "notice.html", &Self::notice_cx(site, shared, *i, None)?, options),
            Job::Improvements => {
                #[derive(Serialize)]
                struct Month<'a> {
                    label: String,
                    items: Vec<ImprovementView<'a>>,
                }
                let mut months: Vec<Month<'_>> = Vec::new();
                for imp in &site.improvements {
                    let v = ImprovementView::new(site, imp);
                    match months.last_mut() {
                        Some(m) if m.label == v.month => m.items.push(v),
                        _ => months.push(Month { label: v.month.clone(), items: vec![v] }),
                    }
                }
                let mut c = Context::new();
                c.insert("months", &months);
                self.render(tera, "improvements.html", &c, options)
            }
            Job::FacetIndex(kind) => {
                let mut c = Context::new();
                c.insert("kind", kind.folder());
                c.insert("kind_label", facet_label(*kind));
                self.render(tera, "facets.html", &c, options)
            }
            Job::Facet(kind, i) => {
                let f = &site.facets(*kind)[*i];
                let facet = FacetCx {
                    kind: kind.folder(),
                    kind_label: facet_label(*kind),
                    name: f.name.clone(),
                    slug: f.slug.clone(),
                };
                let listing =
                    Listing { notices: &f.notices, improvements: &f.improvements, facet: Some(facet), limit: None };
                let mut more = Context::new();
                more.insert(
                    "facet_feeds",
                    &format!("{}/{}", site.config.base_path(), Scope::Facet(*kind, *i).folder(site)),
                );
                self.list_page(tera, site, shared, "facet.html", listing, more, options)
            }
            Job::Impact(impact) => {
                let notices: Vec<usize> = all().into_iter().filter(|&i| site.notices[i].impact == *impact).collect();
                let facet = FacetCx {
                    kind: "impact",
                    kind_label: "Impact",
                    name: view::impact_label(*impact).to_string(),
                    slug: impact.as_str().to_string(),
                };
                let listing = Listing { notices: &notices, improvements: &[], facet: Some(facet), limit: None };
                self.list_page(tera, site, shared, "facet.html", listing, Context::new(), options)
            }
            Job::Page(i) => self.render(tera, "page.html", &Self::page_cx(site, *i, None), options),
            Job::NotFound => self.render(tera, "404.html", &Context::new(), options),
            Job::Alias(i) => {
                let alias = &site.aliases[*i];
                match alias.target {
                    AliasTarget::Notice(n) => {
                        self.render(tera, "notice.html", &Self::notice_cx(site, shared, n, Some(&alias.from))?, options)
                    }
                    AliasTarget::Page(p) => {
                        self.render(tera, "page.html", &Self::page_cx(site, p, Some(&alias.from)), options)
                    }
                }
            }
            Job::Sitemap => {
                #[derive(Serialize)]
                struct Entry {
                    loc: String,
                    lastmod: Option<String>,
                }
                let tz = &site.config.timezone;
                let day = |m: crate::moment::Moment| m.in_zone(tz).strftime("%Y-%m-%d").to_string();
                let mut entries: Vec<Entry> = Self::plan(site)
                    .into_iter()
                    .filter_map(|(path, job)| {
                        let lastmod = match &job {
                            Job::Notice(i) => {
                                let n = &site.notices[*i];
                                Some(day(n.updates.last().map_or(n.published, |u| u.date)))
                            }
                            Job::Index
                            | Job::Archive
                            | Job::Page(_)
                            | Job::Improvements
                            | Job::Facet(..)
                            | Job::FacetIndex(_)
                            | Job::Impact(_) => None,
                            _ => return None,
                        };
                        let p = path.to_string_lossy().replace('\\', "/");
                        let p = p.strip_suffix("index.html").unwrap_or(&p).to_string();
                        Some(Entry { loc: view::permalink(site, &format!("/{p}")), lastmod })
                    })
                    .collect();
                entries.sort_by(|a, b| a.loc.cmp(&b.loc));
                let mut c = Context::new();
                c.insert("entries", &entries);
                self.render(tera, "sitemap.xml", &c, &RenderOptions::default())
            }
            Job::Record => Ok(record::notices_json(site)),
            Job::Feed(scope, format) => {
                let items = self.feed_items(tera, site, shared, *scope)?;
                let ch = scope.channel(site);
                Ok(match format {
                    FeedFormat::Rss => feeds::rss(&ch, &items, site.now),
                    FeedFormat::Atom => feeds::atom(&ch, &items, site.now),
                    FeedFormat::Json => feeds::json(&ch, &items),
                }
                .into_bytes())
            }
            Job::Calendar(scope) => Ok(subscribe::scope_calendar(site, &shared.bodies, *scope).into_bytes()),
            Job::Event(i) => {
                let event = shared.bodies.event(site, *i);
                Ok(calendar::calendar(&site.notices[*i].title, &site.config.title, [event]).into_bytes())
            }
            Job::Newsletter(html) => {
                let days = site.config.newsletter_period_days as i64;
                let since = site.now.checked_sub(jiff::SignedDuration::from_hours(24 * days)).unwrap_or(site.now);
                let (h, t) = self.newsletter_with(tera, site, newsletter::Period { since, until: site.now })?;
                Ok(if *html { h } else { t }.into_bytes())
            }
        }
    }
}
