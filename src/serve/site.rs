//! What `serve` shows: the current generation of the site (model, templates,
//! rendered-page cache) and the loader that makes the next one, re-reading
//! only the files that changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use tera::Tera;

use crate::build::{self, Failure, Options};
use crate::checklist;
use crate::config::Config;
use crate::content::{self, Document, Found, Stamp};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::render::{Job, Renderer, Shared};
use crate::site::Site;

/// One version of the site, rendered page by page as the browser asks.
pub(crate) struct Generation {
    /// The model.
    pub(crate) site: Site,
    renderer: Arc<Renderer>,
    tera: Tera,
    shared: Shared,
    jobs: OnceLock<HashMap<PathBuf, Job>>,
    cache: Mutex<HashMap<PathBuf, Arc<Vec<u8>>>>,
    /// The site in each other language, by code (served under `/<code>/`).
    languages: HashMap<String, Generation>,
}

impl Generation {
    fn new(site: Site, renderer: Arc<Renderer>) -> Generation {
        let languages = site
            .config
            .languages
            .iter()
            .filter_map(|l| Some((l.code.clone(), Generation::one(site.localized(&l.code)?, Arc::clone(&renderer)))))
            .collect();
        Generation { languages, ..Generation::one(site, renderer) }
    }

    fn one(site: Site, renderer: Arc<Renderer>) -> Generation {
        let tera = renderer.for_site(&site, true);
        let shared = Shared::new(&site);
        let cache = Mutex::new(HashMap::new());
        Generation { site, renderer, tera, shared, jobs: OnceLock::new(), cache, languages: HashMap::new() }
    }

    /// The file at `rel`, rendered on first request and then cached.
    pub(crate) fn get(&self, rel: &Path) -> Option<Result<Arc<Vec<u8>>, Vec<Diagnostic>>> {
        let mut parts = rel.components();
        if let Some(first) = parts.next()
            && let Some(language) = self.languages.get(&*first.as_os_str().to_string_lossy())
        {
            return language.get(parts.as_path());
        }
        if let Some(hit) = self.cache.lock().ok()?.get(rel) {
            return Some(Ok(Arc::clone(hit)));
        }
        let jobs = self.jobs.get_or_init(|| Renderer::job_map(&self.site));
        let bytes = match self.renderer.render_path(&self.tera, &self.site, &self.shared, jobs, rel)? {
            Ok(b) => Arc::new(b),
            Err(e) => return Some(Err(e)),
        };
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(rel.to_path_buf(), Arc::clone(&bytes));
        }
        Some(Ok(bytes))
    }
}

/// A content file as last read.
struct Cached {
    stamp: Stamp,
    result: Result<Document, Vec<Diagnostic>>,
}

/// Makes generations, keeping what it read for the next time.
pub(crate) struct Loader {
    opts: Options,
    base_url: String,
    config: Option<Config>,
    renderer: Option<Arc<Renderer>>,
    docs: HashMap<PathBuf, Cached>,
    discovery_problems: Vec<Diagnostic>,
}

/// What changed since the last load.
#[derive(Debug, Default, Clone)]
pub(crate) struct Changes {
    /// forewarn.toml: everything is re-read.
    pub(crate) config: bool,
    /// Templates, themes or static files: the renderer is rebuilt.
    pub(crate) theme: bool,
    /// Content files that changed, when the watcher knows them all.
    pub(crate) files: Vec<PathBuf>,
}

/// The result of a load: a new generation, plus warnings to print.
pub(crate) struct Loaded {
    /// The new generation.
    pub(crate) generation: Generation,
    /// Checklist warnings (they do not stop the preview).
    pub(crate) warnings: Vec<Diagnostic>,
    /// How many files were parsed again.
    pub(crate) parsed: usize,
}

impl Loader {
    /// A loader for the site of `opts`, whose pages link to `base_url`.
    pub(crate) fn new(opts: Options, base_url: String) -> Loader {
        Loader { opts, base_url, config: None, renderer: None, docs: HashMap::new(), discovery_problems: Vec::new() }
    }

    /// The changed files, when every one is a plain `content/<kind>/x.md`
    /// (the usual edit): they can be re-read without walking the content.
    fn plain_files(&self, changes: &Changes) -> Option<Vec<Found>> {
        if changes.config || changes.theme || changes.files.is_empty() {
            return None;
        }
        let content = self.opts.root.join("content");
        changes
            .files
            .iter()
            .map(|path| {
                let rel = path.strip_prefix(&content).ok()?;
                let mut parts = rel.components();
                let folder = parts.next()?.as_os_str().to_str()?;
                let name = parts.next()?.as_os_str().to_str()?;
                if parts.next().is_some() || content::is_ignored_name(name) || !name.ends_with(".md") {
                    return None;
                }
                let kind = content::Kind::ALL.iter().find(|(_, f)| *f == folder)?.0;
                // A regular file, or one that is gone; anything else (a folder,
                // a link, a FIFO) is left to the full walk, which skips what
                // it must not open.
                match std::fs::symlink_metadata(path) {
                    Ok(m) if !m.file_type().is_file() => return None,
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => return None,
                    _ => {}
                }
                Some(Found {
                    kind,
                    path: path.clone(),
                    rel: path.strip_prefix(&self.opts.root).unwrap_or(path).to_path_buf(),
                    file_slug: name.trim_end_matches(".md").to_string(),
                    assets: Vec::new(),
                })
            })
            .collect()
    }

    /// Re-reads `files` (a deleted one leaves the site).
    fn reload_files(&mut self, files: &[Found], config: &Config) -> usize {
        for f in files {
            // `metadata`, not `File::open`: opening a FIFO blocks.
            let regular = std::fs::metadata(&f.path).is_ok_and(|m| m.is_file());
            match Stamp::of_path(&f.path).filter(|_| regular) {
                Some(stamp) => {
                    let unchanged = self.docs.get(&f.path).is_some_and(|c| c.stamp == stamp);
                    if !unchanged {
                        self.docs.insert(f.path.clone(), Cached { stamp, result: content::load(f, config) });
                    }
                }
                None => {
                    self.docs.remove(&f.path);
                }
            }
        }
        files.len()
    }

    /// Walks the content and re-reads every file whose length or time
    /// changed.
    fn reload_all(&mut self, config: &Config) -> usize {
        use rayon::prelude::*;
        let (found, mut diags) = content::discover(&self.opts.root);
        // The session warns about FIFOs and devices itself; the preview
        // goes on without them.
        diags.retain(|d| d.code != content::SPECIAL_FILE);
        self.discovery_problems = diags;
        let mut keep: HashMap<PathBuf, Cached> = HashMap::with_capacity(found.len());
        let mut stale: Vec<&Found> = Vec::new();
        for f in &found {
            match (self.docs.remove(&f.path), Stamp::of_path(&f.path)) {
                (Some(c), Some(s)) if c.stamp == s => {
                    keep.insert(f.path.clone(), c);
                }
                _ => stale.push(f),
            }
        }
        let fresh: Vec<(PathBuf, Cached)> = stale
            .par_iter()
            // The walk listed regular files only, but one can have been
            // replaced since by a FIFO, whose opening would block.
            .filter(|f| std::fs::metadata(&f.path).is_ok_and(|m| m.is_file()))
            .map(|f| {
                let stamp = Stamp::of_path(&f.path).unwrap_or_default();
                (f.path.clone(), Cached { stamp, result: content::load(f, config) })
            })
            .collect();
        let parsed = fresh.len();
        keep.extend(fresh);
        self.docs = keep;
        parsed
    }

    /// Reads what changed and makes the next generation; on any problem
    /// returns every diagnostic (the caller keeps showing the last good one).
    pub(crate) fn load(&mut self, changes: Changes) -> Result<Loaded, Vec<Diagnostic>> {
        let as_failure = |f: Failure| match f {
            Failure::Input(d) => d,
            Failure::Denied(r) => r.diagnostics,
        };
        if changes.config || self.config.is_none() {
            let mut config = build::load_config(&self.opts).map_err(as_failure)?;
            config.base_url.clone_from(&self.base_url);
            self.config = Some(config);
            self.docs.clear();
            self.renderer = None;
        }
        let config = self.config.clone().unwrap_or_default();
        if changes.theme || self.renderer.is_none() {
            self.renderer = Some(Arc::new(Renderer::new(&self.opts.root, &config)?));
        }
        let renderer = self.renderer.clone().ok_or_else(Vec::new)?;
        let now = self.opts.now.resolve(&config).map_err(|d| vec![*d])?;

        let mut timer = crate::profile::Timer::start();
        let parsed = match self.plain_files(&changes) {
            Some(files) if !self.docs.is_empty() => self.reload_files(&files, &config),
            _ => self.reload_all(&config),
        };
        timer.lap("stat+parse");
        let mut diags = self.discovery_problems.clone();
        let mut docs = Vec::with_capacity(self.docs.len());
        for c in self.docs.values() {
            match &c.result {
                Ok(d) => docs.push(d.clone()),
                Err(d) => diags.extend(d.iter().cloned()),
            }
        }
        if !diags.is_empty() {
            diagnostic::sort(&mut diags);
            return Err(diags);
        }
        // Drafts are part of the preview (with their DRAFT banner).
        timer.lap("collect");
        let site = Site::new(config, docs, now, true)?;
        timer.lap("model");
        let report = checklist::run(&site, None);
        timer.lap("checklist");
        let (denies, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
            report.diagnostics.into_iter().partition(|d| d.severity == Severity::Deny);
        if !denies.is_empty() {
            return Err(denies);
        }
        let generation = Generation::new(site, renderer);
        timer.lap("generation");
        Ok(Loaded { generation, warnings, parsed })
    }
}
