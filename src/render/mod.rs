//! Rendering the site model into files: HTML pages through Tera templates,
//! `notices.json`, the sitemap, static files and notice assets. Templates
//! are compiled once; pages render in parallel, each from a small view.

mod banner;
mod brief;
pub mod calendar;
pub mod feeds;
mod jobs;
mod languages;
mod lists;
pub(crate) mod newsletter;
mod plan;
mod record;
mod search;
mod subscribe;
mod theme;
mod view;

pub use plan::{FeedFormat, Job};

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Span};
use crate::locale::Locale;
use crate::site::{FacetKind, Site};
use subscribe::FeedBodies;
use theme::{Origin, Theme};
use view::{NoticeView, SiteView};

/// Where rendered files go: the build's staging folder (see `output`), or
/// whatever a caller collects them in.
pub trait Sink: Sync {
    /// Writes `bytes` as the file at `rel` (relative to the output).
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Box<Diagnostic>>;
    /// Copies the file at `from` to `rel`.
    fn copy(&self, from: &Path, rel: &Path) -> Result<(), Box<Diagnostic>>;
}

/// Compiled templates and the files of the theme.
pub struct Renderer {
    root: PathBuf,
    tera: Tera,
    origins: HashMap<String, PathBuf>,
    theme: Theme,
}

/// The label of a kind of facet, for page headings ("Area").
fn facet_label(loc: &Locale, kind: FacetKind) -> &str {
    loc.text(match kind {
        FacetKind::Area => "facet_area",
        FacetKind::Audience => "facet_audience",
    })
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

/// The template function `count(key="facet_count", n=3)`: the label's
/// form for 3 by the language's CLDR plural rules, `{count}` (or `{n}`)
/// the number in the language's digits.
fn register_count(tera: &mut Tera, locale: Arc<Locale>) {
    tera.register_function("count", move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
        let key: &str = kwargs.must_get("key")?;
        let n: i64 = kwargs.must_get("n")?;
        let n = u64::try_from(n).unwrap_or(0);
        Ok(locale.count(key, n, &[]))
    });
}

/// Where the default theme's `site.js` takes its words: replaced by the
/// `js_*` labels of the language rendered, as a JSON object. One copy per
/// language instead of one in every page (ten thousand pages would carry
/// 20 MB of the same labels).
const LABELS_MARK: &str = "null /* forewarn: labels */";

/// A static file of the built-in theme as written for `site`: `site.js`
/// with its labels in, anything else as it is.
fn embedded_static<'a>(site: &Site, rel: &Path, bytes: &'a [u8]) -> std::borrow::Cow<'a, [u8]> {
    match std::str::from_utf8(bytes) {
        Ok(script) if rel == Path::new("site.js") && script.contains(LABELS_MARK) => {
            let json = site.locale.labels().json_with_prefix("js_").to_string();
            std::borrow::Cow::Owned(banner::with_data(script, LABELS_MARK, &json).into_bytes())
        }
        _ => std::borrow::Cow::Borrowed(bytes),
    }
}

fn ctx<T: Serialize>(value: &T) -> Context {
    Context::from_serialize(value).unwrap_or_default()
}

/// Notice `i` as a template value, with the body `body_html` (empty for a
/// card, which does not show it). Made afresh where it is needed (once for
/// a card and its row, once for the page): keeping 10,000 of them would
/// take a quarter of a build's memory.
pub(crate) fn notice_value(site: &Site, i: usize, body_html: &str) -> tera::Value {
    tera::Value::from_serializable(&NoticeView { body_html, ..NoticeView::new(site, &site.notices[i]) })
}

/// One newsletter issue, rendered.
pub struct Letter {
    /// The web page, which is also the HTML part (CSS inlined).
    pub html: String,
    /// The plain-text part.
    pub text: String,
    /// The message (RFC 5322), ready to send.
    pub eml: String,
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
    /// Each newsletter issue: its three files come from one rendering.
    letters: HashMap<newsletter::IssueKey, OnceLock<Result<Letter, Vec<Diagnostic>>>>,
    /// The languages of the site, for each page's alternates.
    languages: Vec<languages::LanguageLink>,
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
            letters: plan::letters(site).into_iter().map(|k| (k, OnceLock::new())).collect(),
            languages: languages::languages(site),
        }
    }

    /// Newsletter issue `key`, rendered by `make` the first time.
    fn letter(
        &self,
        key: newsletter::IssueKey,
        make: impl FnOnce() -> Result<Letter, Vec<Diagnostic>>,
    ) -> Result<&Letter, Vec<Diagnostic>> {
        match self.letters.get(&key) {
            Some(slot) => slot.get_or_init(make).as_ref().map_err(Clone::clone),
            None => Err(vec![Diagnostic::error(
                "newsletter",
                PathBuf::from("newsletter"),
                "no such newsletter issue in this site",
            )]),
        }
    }
}

impl Renderer {
    /// Loads and compiles the theme of `config` for the site at `root`.
    pub fn new(root: &Path, config: &Config) -> Result<Renderer, Vec<Diagnostic>> {
        let theme = Theme::load(root, &config.theme)?;
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        // Templates are checked for the functions they call as they are
        // compiled; each site's rendering replaces this with its language's.
        register_count(&mut tera, Arc::new(Locale::new(&config.language, None)));
        let origins: HashMap<String, PathBuf> =
            theme.templates.iter().map(|(n, (_, o))| (n.clone(), o.shown(n, root))).collect();
        let sources: Vec<(&str, &str)> = theme.templates.iter().map(|(n, (t, _))| (n.as_str(), t.as_str())).collect();
        if let Err(e) = tera.add_raw_templates(sources) {
            return Err(vec![template_diag(&e, &origins, &theme)]);
        }
        Ok(Renderer { root: root.to_path_buf(), tera, origins, theme })
    }

    /// Renders the site in every language it is published in: the default
    /// language at the root of `sink`, each other one under `<code>/`.
    pub fn render_all(&self, site: &Site, sink: &dyn Sink, options: &RenderOptions) -> Result<Stats, Vec<Diagnostic>> {
        let mut stats = self.render_site(site, sink, options)?;
        if site.config.languages.is_empty() {
            return Ok(stats);
        }
        // A page or file of the default language in a language's folder
        // would be overwritten by that language's site.
        let taken: Vec<Diagnostic> = Self::plan(site)
            .iter()
            .filter_map(|(path, _)| {
                let first = path.components().next()?.as_os_str().to_string_lossy().into_owned();
                site.config.language(&first)?;
                Some(
                    Diagnostic::error("input", PathBuf::from(&first), format!("`{}` is in the folder of the language `{first}`", path.display()))
                        .help(format!("the site in `{first}` is published under /{first}/: rename the notice, page or alias that makes `{}`", path.display())),
                )
            })
            .collect();
        if !taken.is_empty() {
            return Err(taken);
        }
        for language in &site.config.languages {
            let Some(localized) = site.localized(&language.code) else { continue };
            let prefixed = languages::Prefixed { inner: sink, prefix: PathBuf::from(&language.code) };
            stats.files += self.render_site(&localized, &prefixed, options)?.files;
        }
        Ok(stats)
    }

    /// Renders the site in one language into `sink`.
    pub fn render_site(&self, site: &Site, sink: &dyn Sink, options: &RenderOptions) -> Result<Stats, Vec<Diagnostic>> {
        let mut timer = crate::profile::Timer::start();
        let tera = self.for_site(site, options.inject.is_some());
        let jobs = Self::plan(site);
        self.check_collisions(site, &jobs)?;
        let shared = Shared::new(site);
        timer.lap("plan");
        let write = |(path, job): &(PathBuf, Job)| {
            let bytes = self.render_job(&tera, site, &shared, path, job, options)?;
            sink.write(path, &bytes).map_err(|d| vec![*d])
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
                Origin::Embedded(bytes) => sink.write(rel, &embedded_static(site, rel, bytes)),
                Origin::Disk(p) => sink.copy(p, rel),
            };
            diags.extend(r.err().map(|d| *d));
            files += 1;
        }
        for n in &site.notices {
            for (src, rel) in &n.assets {
                diags.extend(sink.copy(src, &Path::new("notices").join(&n.slug).join(rel)).err().map(|d| *d));
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
        let globals = tera.global_context();
        globals.insert("site", &SiteView::new(site));
        globals.insert("serve", &serve);
        globals.insert("t", site.locale.labels());
        register_count(&mut tera, Arc::clone(&site.locale));
        tera
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
            return Some(self.render_job(tera, site, shared, rel, job, &RenderOptions::default()));
        }
        let read = |p: &Path| {
            std::fs::read(p).map_err(|e| {
                vec![Diagnostic::error("input", p, format!("cannot read: {e}")).help("check that the file exists")]
            })
        };
        if let Some(origin) = self.theme.statics.get(rel) {
            return Some(match origin {
                Origin::Embedded(bytes) => Ok(embedded_static(site, rel, bytes).into_owned()),
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

    /// Renders a template to a string (no live-reload injection).
    fn render_str(&self, tera: &Tera, name: &str, context: &Context) -> Result<String, Vec<Diagnostic>> {
        tera.render(name, context).map_err(|e| vec![template_diag(&e, &self.origins, &self.theme)])
    }

    /// The newsletter issue `key` for `period`: its web page and HTML part
    /// (CSS inlined), text part and message.
    pub fn newsletter(
        &self,
        site: &Site,
        key: newsletter::IssueKey,
        period: newsletter::Period,
    ) -> Result<Letter, Vec<Diagnostic>> {
        let tera = self.for_site(site, false);
        self.newsletter_with(&tera, site, key, period)
    }

    fn newsletter_with(
        &self,
        tera: &Tera,
        site: &Site,
        key: newsletter::IssueKey,
        period: newsletter::Period,
    ) -> Result<Letter, Vec<Diagnostic>> {
        let issue = newsletter::issue(site, key, period);
        let mut c = Context::new();
        c.insert("issue", &issue);
        let html = self.render_str(tera, "newsletter.html", &c)?;
        let file = self.origins.get("newsletter.html").cloned().unwrap_or_else(|| PathBuf::from("newsletter.html"));
        let html = newsletter::inline_css(&html).map_err(|e| {
            vec![Diagnostic::error("template", file, e).help("check the CSS in the <style> block of newsletter.html")]
        })?;
        let text = newsletter::text(&issue, &site.locale);
        let eml = newsletter::eml(site, &issue, &html, &text);
        Ok(Letter { html, text, eml })
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
}
