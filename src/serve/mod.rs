//! `forewarn serve`: a live preview. The site is loaded into memory and each
//! page is rendered when the browser asks for it, so an edit costs reading
//! the changed file and rebuilding the model, not re-rendering every page.
//! Files are watched; after a change open pages reload, and problems show
//! as an overlay over the last good version. Nothing is written to disk.
//!
//! Parts: [`site`] (generations and the incremental loader), [`http`] (the
//! server and the reload stream), [`overlay`] (what is injected into pages).

pub mod http;
pub mod overlay;
pub mod site;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::build::{Failure, Options};
use crate::diagnostic::Diagnostic;
use http::Shown;
use site::{Changes, Loader};

/// Settings of `forewarn serve`.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The port; `None` means 1111, or the next free one.
    pub port: Option<u16>,
    /// The address to listen on.
    pub bind: String,
    /// Open the site in a browser.
    pub open: bool,
    /// The longest time file events are gathered into one rebuild.
    pub debounce: Duration,
}

/// How the command line prints: diagnostics and status lines.
pub trait Console: Sync {
    /// Prints diagnostics.
    fn diagnostics(&self, diags: &[Diagnostic]);
    /// Prints a status line (suppressed by `--quiet`).
    fn status(&self, line: &str);
}

/// The default port.
pub const DEFAULT_PORT: u16 = 1111;

fn bind(options: &ServeOptions) -> Result<(TcpListener, u16), Failure> {
    let explicit = options.port.is_some();
    let first = options.port.unwrap_or(DEFAULT_PORT);
    let tries = if explicit { 1 } else { 10 };
    let mut last_error = None;
    for port in (first..).take(tries) {
        match TcpListener::bind((options.bind.as_str(), port)) {
            Ok(l) => return Ok((l, port)),
            Err(e) => last_error = Some(e),
        }
    }
    let e = last_error.map_or_else(|| "unknown error".to_string(), |e| e.to_string());
    let help = if explicit {
        format!("port {first} is taken: stop the other server or choose another port with --port {}", first + 1)
    } else {
        format!("ports {first} to {} are taken: choose one with --port", first + 9)
    };
    Err(Failure::Input(vec![
        Diagnostic::error(
            "serve",
            format!("{}:{first}", options.bind),
            format!("cannot listen on {}:{first}: {e}", options.bind),
        )
        .help(help),
    ]))
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let _ = std::process::Command::new(program)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

/// What a changed path means for the next load, or `None` if it does not
/// matter (the output folder, editor files elsewhere).
fn classify(root: &Path, config: &Path, path: &Path) -> Option<Changes> {
    if path == config {
        return Some(Changes { config: true, ..Changes::default() });
    }
    let rel = path.strip_prefix(root).ok()?;
    match rel.components().next()?.as_os_str().to_str()? {
        "content" => Some(Changes { files: vec![path.to_path_buf()], ..Changes::default() }),
        "templates" | "themes" | "static" => Some(Changes { theme: true, ..Changes::default() }),
        _ => None,
    }
}

/// Runs the preview until the process is stopped.
pub fn serve(opts: Options, options: ServeOptions, console: &dyn Console) -> Result<(), Failure> {
    let (listener, port) = bind(&options)?;
    if options.port.is_none() && port != DEFAULT_PORT {
        console.status(&format!("Port {DEFAULT_PORT} is in use; using {port} instead."));
    }
    let host = match options.bind.as_str() {
        "0.0.0.0" | "::" | "[::]" => {
            console.status(&format!(
                "warning: --bind {} makes the preview reachable from other machines on the network",
                options.bind
            ));
            "localhost".to_string()
        }
        b if b.contains(':') => format!("[{b}]"),
        b => b.to_string(),
    };
    let url = format!("http://{host}:{port}");
    let root = std::path::absolute(&opts.root).unwrap_or_else(|_| opts.root.clone());
    let config_path =
        std::path::absolute(opts.config.clone().unwrap_or_else(|| root.join("forewarn.toml"))).unwrap_or_default();
    let mut loader = Loader::new(Options { root: root.clone(), ..opts }, url.clone());
    // Watch before the first load and before the first page is served, so
    // no change can fall between reading a file and watching it.
    let (mut watcher, rx) = watcher(&root)?;
    let mut watched = Vec::new();
    add_watches(&root, &config_path, &mut watcher, &mut watched);

    let start = Instant::now();
    let first = loader.load(Changes::default());
    let shown = Arc::new(match first {
        Ok(loaded) => {
            console.diagnostics(&loaded.warnings);
            let s = &loaded.generation.site;
            console.status(&format!(
                "Serving {} notices and {} improvements at {url} (loaded in {} ms). Press Ctrl-C to stop.",
                s.notices.len(),
                s.improvements.len(),
                start.elapsed().as_millis()
            ));
            Shown::new(Some(loaded.generation))
        }
        Err(problems) => {
            console.diagnostics(&problems);
            console.status(&format!(
                "Serving at {url}: the site has problems (shown in the browser). Press Ctrl-C to stop."
            ));
            let shown = Shown::new(None);
            shown.publish(None, problems);
            shown
        }
    });
    {
        let shown = Arc::clone(&shown);
        std::thread::spawn(move || http::run(listener, shown));
    }
    if options.open {
        open_browser(&url);
    }
    let mut session =
        Session { root: &root, config: &config_path, options: &options, loader: &mut loader, shown: &shown };
    session.run(&rx, &mut watcher, &mut watched, console);
    Ok(())
}

type Watcher = notify::RecommendedWatcher;

fn watcher(root: &Path) -> Result<(Watcher, mpsc::Receiver<PathBuf>), Failure> {
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        // Reading files and listing folders (as every load does) raises
        // access events; only changes matter, or loading would loop.
        if let Ok(event) = res
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            for p in event.paths {
                let _ = tx.send(p);
            }
        }
    })
    .map_err(|e| {
        Failure::Input(vec![
            Diagnostic::error("serve", root, format!("cannot watch files: {e}"))
                .help("on Linux, raise fs.inotify.max_user_watches"),
        ])
    })?;
    Ok((watcher, rx))
}

/// Watches the source folders that exist (content, templates, themes,
/// static recursively; the root and the config's folder for new ones).
fn add_watches(root: &Path, config: &Path, watcher: &mut Watcher, watched: &mut Vec<PathBuf>) {
    use notify::{RecursiveMode, Watcher as _};
    for dir in ["content", "templates", "themes", "static"] {
        let dir = root.join(dir);
        if dir.is_dir() && !watched.contains(&dir) && watcher.watch(&dir, RecursiveMode::Recursive).is_ok() {
            watched.push(dir);
        }
    }
    for dir in [root.to_path_buf(), config.parent().map(Path::to_path_buf).unwrap_or_default()] {
        if dir.is_dir() && !watched.contains(&dir) && watcher.watch(&dir, RecursiveMode::NonRecursive).is_ok() {
            watched.push(dir);
        }
    }
}

/// The rebuild loop of one `serve` run.
struct Session<'a> {
    root: &'a Path,
    config: &'a Path,
    options: &'a ServeOptions,
    loader: &'a mut Loader,
    shown: &'a Shown,
}

impl Session<'_> {
    fn run(
        &mut self,
        rx: &mpsc::Receiver<PathBuf>,
        watcher: &mut Watcher,
        watched: &mut Vec<PathBuf>,
        console: &dyn Console,
    ) {
        let (root, config, options) = (self.root, self.config, self.options);
        // A batch closes after this long without events (an editor's save is a
        // burst of events within a few milliseconds), or at the debounce limit.
        let quiet = Duration::from_millis(10).min(options.debounce);
        loop {
            let Ok(first) = rx.recv() else { return };
            let started = Instant::now();
            let mut paths = vec![first];
            let deadline = started + options.debounce;
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                match rx.recv_timeout(quiet.min(left)) {
                    Ok(p) => paths.push(p),
                    Err(_) => break,
                }
            }
            let mut changes: Option<Changes> = None;
            for p in &paths {
                if let Some(c) = classify(root, config, p) {
                    let acc = changes.get_or_insert_with(Changes::default);
                    acc.config |= c.config;
                    acc.theme |= c.theme;
                    for f in c.files {
                        if !acc.files.contains(&f) {
                            acc.files.push(f);
                        }
                    }
                }
            }
            let Some(changes) = changes else { continue };
            // New source folders (a first template, say) get watched too.
            add_watches(root, config, watcher, watched);
            match self.loader.load(changes) {
                Ok(loaded) => {
                    let parsed = loaded.parsed;
                    let warnings = loaded.warnings;
                    self.shown.publish(Some(loaded.generation), Vec::new());
                    console.diagnostics(&warnings);
                    console.status(&format!(
                        "Rebuilt in {} ms ({} re-read); pages reload.",
                        started.elapsed().as_millis(),
                        if parsed == 1 { "1 file".to_string() } else { format!("{parsed} files") }
                    ));
                }
                Err(problems) => {
                    console.diagnostics(&problems);
                    console.status(&format!(
                        "The change has {} problem(s); the preview keeps the last good version.",
                        problems.len()
                    ));
                    self.shown.publish(None, problems);
                }
            }
        }
    }
}
