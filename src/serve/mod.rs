//! `forewarn serve`: a live preview. The site is loaded into memory and each
//! page is rendered when the browser asks for it, so an edit costs reading
//! the changed file and rebuilding the model, not re-rendering every page.
//! Files are watched; after a change open pages reload, and problems show
//! as an overlay over the last good version. Nothing is written to disk.
//!
//! Parts, by concern: `listen` (opening the socket), `http` and `request`
//! (the server, the reload stream, reading requests within limits), `watch`
//! (file watches that survive folders being removed and restored),
//! `rebuild` (which changes re-read what, and the rebuild loop), `site`
//! (generations and the incremental loader), `overlay` (what is injected
//! into pages).

mod http;
mod listen;
mod overlay;
mod rebuild;
mod request;
mod site;
mod watch;

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::build::{Failure, Options};
use crate::diagnostic::Diagnostic;
use http::{Server, Shown};
use request::Limits;
use site::{Changes, Loader};
use watch::{Note, Watches};

/// The path of the reload event stream: answered by the server, listened
/// to by the script injected into every page.
const EVENTS: &str = "/__forewarn/events";

/// Settings of `forewarn serve`.
#[derive(Clone, Debug)]
pub(crate) struct ServeOptions {
    /// The port; `None` means 1111, or the next free one.
    pub port: Option<u16>,
    /// The address to listen on. On a loopback address (the default) only
    /// requests for loopback names are answered; another address opens the
    /// preview to the network on purpose, and any name is answered.
    pub bind: String,
    /// Open the site in a browser.
    pub open: bool,
    /// The longest time file events are gathered into one rebuild.
    pub debounce: Duration,
}

/// How the command line prints: diagnostics and status lines.
pub(crate) trait Console: Sync {
    /// Prints diagnostics.
    fn diagnostics(&self, diags: &[Diagnostic]);
    /// Prints a status line (suppressed by `--quiet`).
    fn status(&self, line: &str);
}

/// The default port.
pub(crate) const DEFAULT_PORT: u16 = 1111;

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let _ = std::process::Command::new(program)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

/// Runs the preview until the process is stopped.
pub(crate) fn serve(opts: Options, options: ServeOptions, console: &dyn Console) -> Result<(), Failure> {
    let listen::Listening { listener, port, url, hosts, public } = listen::open(&options)?;
    if options.port.is_none() && port != DEFAULT_PORT {
        console.status(&format!("Port {DEFAULT_PORT} is in use; using {port} instead."));
    }
    if public {
        console.status(&format!(
            "warning: --bind {} makes the preview reachable from other machines on the network",
            options.bind
        ));
    }
    let root = std::path::absolute(&opts.root).unwrap_or_else(|_| opts.root.clone());
    let config_path =
        std::path::absolute(opts.config.clone().unwrap_or_else(|| root.join("forewarn.toml"))).unwrap_or_default();
    let mut loader = Loader::new(Options { root: root.clone(), ..opts }, url.clone());
    // Watch before the first load and before the first page is served, so
    // no change can fall between reading a file and watching it.
    let (tx, rx) = mpsc::channel::<Note>();
    let (mut watches, warnings) = Watches::new(&root, &config_path, tx.clone())?;
    for line in warnings {
        console.status(&line);
    }

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
    // The server's warnings reach the console through the rebuild loop,
    // which owns it.
    let server = Arc::new(Server {
        shown: Arc::clone(&shown),
        hosts,
        limits: Limits::DEFAULT,
        warn: Box::new(move |line| {
            let _ = tx.send(Note::Say(line));
        }),
    });
    std::thread::Builder::new()
        .name("forewarn-accept".to_string())
        .spawn(move || http::run(listener, server, http::spawn_thread))
        .map_err(|e| {
            Failure::Input(vec![
                Diagnostic::error("serve", &url, format!("cannot start the server thread: {e}"))
                    .help("the system is out of threads or memory: close other programs and try again"),
            ])
        })?;
    if options.open {
        open_browser(&url);
    }
    let mut session = rebuild::Session {
        root: &root,
        config: &config_path,
        debounce: options.debounce,
        loader: &mut loader,
        shown: &shown,
    };
    session.run(&rx, &mut watches, console);
    Ok(())
}
