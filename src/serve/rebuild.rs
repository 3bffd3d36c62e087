//! The rebuild loop: file events are gathered into batches, each batch is
//! turned into [`Changes`] (what to re-read), the next generation is loaded
//! and published, and open pages reload.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use super::Console;
use super::http::Shown;
use super::site::{Changes, Loader};
use super::watch::{Note, Watches};

/// What a changed path means for the next load, or `None` if it does not
/// matter (the output folder, editor files elsewhere).
fn classify(root: &Path, config: &Path, path: &Path) -> Option<Changes> {
    if path == config {
        return Some(Changes { config: true, ..Changes::default() });
    }
    let rel = path.strip_prefix(root).ok()?;
    match rel.components().next()?.as_os_str().to_str()? {
        "content" => Some(Changes { files: vec![path.to_path_buf()], ..Changes::default() }),
        // Label files are read with the config.
        "i18n" => Some(Changes { config: true, ..Changes::default() }),
        "templates" | "themes" | "static" => Some(Changes { theme: true, ..Changes::default() }),
        _ => None,
    }
}

/// A warning when `path`, in the content, is a FIFO, socket or device:
/// opening one can block, so the loader never reads it.
fn refusal(root: &Path, path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() || meta.is_dir() {
        return None;
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    Some(format!(
        "warning: {} is not a regular file (a FIFO, socket or device); serve does not read it. \
         Replace it with an ordinary file.",
        rel.display()
    ))
}

/// The rebuild loop of one `serve` run.
pub(crate) struct Session<'a> {
    /// The site's root.
    pub(crate) root: &'a Path,
    /// The config file.
    pub(crate) config: &'a Path,
    /// The longest time file events are gathered into one rebuild.
    pub(crate) debounce: Duration,
    /// Makes the generations.
    pub(crate) loader: &'a mut Loader,
    /// What the server shows.
    pub(crate) shown: &'a Shown,
}

impl Session<'_> {
    /// Rebuilds after every batch of changes, until `rx` closes.
    pub(crate) fn run(&mut self, rx: &Receiver<Note>, watches: &mut Watches, console: &dyn Console) {
        // A batch closes after this long without events (an editor's save is a
        // burst of events within a few milliseconds), or at the debounce limit.
        let quiet = Duration::from_millis(10).min(self.debounce);
        loop {
            let first = match rx.recv() {
                Ok(Note::Changed(p)) => p,
                Ok(Note::Say(line)) => {
                    console.status(&line);
                    continue;
                }
                Err(_) => return,
            };
            let started = Instant::now();
            let mut paths = vec![first];
            let deadline = started + self.debounce;
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                match rx.recv_timeout(quiet.min(left)) {
                    Ok(Note::Changed(p)) => paths.push(p),
                    Ok(Note::Say(line)) => console.status(&line),
                    Err(_) => break,
                }
            }
            // Before loading, so that what the load reads is watched.
            for line in watches.refresh(&paths) {
                console.status(&line);
            }
            if let Some(changes) = self.changes(&paths, console) {
                self.load(changes, started, console);
            }
        }
    }

    /// The changes of a batch of paths, if any matters.
    fn changes(&self, paths: &[PathBuf], console: &dyn Console) -> Option<Changes> {
        let mut changes: Option<Changes> = None;
        let mut refused = Vec::new();
        for p in paths {
            let Some(c) = classify(self.root, self.config, p) else { continue };
            // Still a change: a file replaced by a FIFO leaves the site.
            if !c.files.is_empty()
                && let Some(line) = refusal(self.root, p)
                && !refused.contains(&line)
            {
                refused.push(line);
            }
            let acc = changes.get_or_insert_with(Changes::default);
            acc.config |= c.config;
            acc.theme |= c.theme;
            for f in c.files {
                if !acc.files.contains(&f) {
                    acc.files.push(f);
                }
            }
        }
        for line in refused {
            console.status(&line);
        }
        changes
    }

    /// Loads the next generation and publishes it, or its problems.
    fn load(&mut self, changes: Changes, started: Instant, console: &dyn Console) {
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
