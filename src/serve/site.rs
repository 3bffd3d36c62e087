//! What `serve` shows: the current generation of the site (model, templates,
//! rendered-page cache) and the loader that makes the next one, re-reading
//! only the files that changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use tera::Tera;

use crate::build::{self, Failure, Options};
use crate::checklist;
use crate::config::Config;
use crate::content::{self, Document, Found};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::render::{Job, Renderer, Shared};
use crate::site::Site;

/// One version of the site, rendered page by page as the browser asks.
pub struct Generation {
    /// The model.
    pub site: Site,
    renderer: Arc<Renderer>,
    tera: Tera,
    shared: Shared,
    jobs: HashMap<PathBuf, Job>,
    cache: Mutex<HashMap<PathBuf, Arc<Vec<u8>>>>,
}

impl Generation {
    fn new(site: Site, renderer: Arc<Renderer>) -> Generation {
        let tera = renderer.for_site(&site, true);
        let shared = Shared::new(&site);
        let jobs = Renderer::job_map(&site);
        Generation { site, renderer, tera, shared, jobs, cache: Mutex::new(HashMap::new()) }
    }

    /// The file at `rel`, rendered on first request and then cached.
    pub fn get(&self, rel: &Path) -> Option<Result<Arc<Vec<u8>>, Vec<Diagnostic>>> {
        if let Some(hit) = self.cache.lock().ok()?.get(rel) {
            return Some(Ok(Arc::clone(hit)));
        }
        let bytes = match self.renderer.render_path(&self.tera, &self.site, &self.shared, &self.jobs, rel)? {
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
    stamp: (SystemTime, u64),
    result: Result<Document, Vec<Diagnostic>>,
}

/// Makes generations, keeping what it read for the next time.
pub struct Loader {
    opts: Options,
    base_url: String,
    config: Option<Config>,
    renderer: Option<Arc<Renderer>>,
    docs: HashMap<PathBuf, Cached>,
}

/// What changed since the last load.
#[derive(Debug, Default, Clone, Copy)]
pub struct Changes {
    /// forewarn.toml: everything is re-read.
    pub config: bool,
    /// Templates, themes or static files: the renderer is rebuilt.
    pub theme: bool,
}

/// The result of a load: a new generation, plus warnings to print.
pub struct Loaded {
    /// The new generation.
    pub generation: Generation,
    /// Checklist warnings (they do not stop the preview).
    pub warnings: Vec<Diagnostic>,
    /// How many files were parsed again.
    pub parsed: usize,
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

impl Loader {
    /// A loader for the site of `opts`, whose pages link to `base_url`.
    pub fn new(opts: Options, base_url: String) -> Loader {
        Loader { opts, base_url, config: None, renderer: None, docs: HashMap::new() }
    }

    /// Reads what changed and makes the next generation; on any problem
    /// returns every diagnostic (the caller keeps showing the last good one).
    pub fn load(&mut self, changes: Changes) -> Result<Loaded, Vec<Diagnostic>> {
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

        let (found, mut diags) = content::discover(&self.opts.root);
        let mut parsed = 0;
        let mut keep: HashMap<PathBuf, Cached> = HashMap::with_capacity(found.len());
        let stale: Vec<&Found> = found
            .iter()
            .filter(|f| {
                let now_stamp = stamp(&f.path);
                match (self.docs.remove(&f.path), now_stamp) {
                    (Some(c), Some(s)) if c.stamp == s => {
                        keep.insert(f.path.clone(), c);
                        false
                    }
                    _ => true,
                }
            })
            .collect();
        {
            use rayon::prelude::*;
            let fresh: Vec<(PathBuf, Cached)> = stale
                .par_iter()
                .map(|f| {
                    let stamp = stamp(&f.path).unwrap_or((SystemTime::UNIX_EPOCH, 0));
                    (f.path.clone(), Cached { stamp, result: content::load(f, &config) })
                })
                .collect();
            parsed = fresh.len().max(parsed);
            keep.extend(fresh);
        }
        self.docs = keep;
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
        let site = Site::new(config, docs, now, true)?;
        let report = checklist::run(&site, None);
        let (denies, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
            report.diagnostics.into_iter().partition(|d| d.severity == Severity::Deny);
        if !denies.is_empty() {
            return Err(denies);
        }
        Ok(Loaded { generation: Generation::new(site, renderer), warnings, parsed })
    }
}
