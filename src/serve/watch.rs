//! Watching the site's sources: content, templates, themes and static
//! recursively, the root and the config's folder for folders that appear.
//! A watch ends with its folder; a folder that is removed and created again
//! (or renamed away and back) is watched again before the rebuild that reads
//! it, so no edit falls between reading and watching.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::build::Failure;
use crate::diagnostic::Diagnostic;

/// What the rebuild loop hears about.
#[derive(Debug)]
pub(crate) enum Note {
    /// A path changed.
    Changed(PathBuf),
    /// A line to print (a warning from the server).
    Say(String),
}

/// The watches of one `serve` run.
pub(crate) struct Watches {
    watcher: RecommendedWatcher,
    /// Folders to watch and how, whether or not they exist now.
    wanted: Vec<(PathBuf, RecursiveMode)>,
    /// Folders watched now.
    watched: Vec<PathBuf>,
    /// Folders that could not be watched (reported once each).
    failed: Vec<PathBuf>,
}

impl Watches {
    /// Starts watching the sources of the site at `root`, whose config is
    /// `config`; changes are sent to `tx`. Returns the warnings for folders
    /// that exist but could not be watched.
    pub(crate) fn new(root: &Path, config: &Path, tx: Sender<Note>) -> Result<(Watches, Vec<String>), Failure> {
        let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            // Reading files and listing folders (as every load does) raises
            // access events; only changes matter, or loading would loop.
            if let Ok(event) = res
                && !matches!(event.kind, notify::EventKind::Access(_))
            {
                for p in event.paths {
                    let _ = tx.send(Note::Changed(p));
                }
            }
        })
        .map_err(|e| {
            Failure::Input(vec![
                Diagnostic::error("serve", root, format!("cannot watch files: {e}"))
                    .help("on Linux, raise fs.inotify.max_user_watches"),
            ])
        })?;
        let mut wanted: Vec<(PathBuf, RecursiveMode)> = ["content", "templates", "themes", "static", "i18n"]
            .iter()
            .map(|d| (root.join(d), RecursiveMode::Recursive))
            .collect();
        for dir in [Some(root), config.parent()].into_iter().flatten() {
            if !wanted.iter().any(|(w, _)| w == dir) {
                wanted.push((dir.to_path_buf(), RecursiveMode::NonRecursive));
            }
        }
        let mut watches = Watches { watcher, wanted, watched: Vec::new(), failed: Vec::new() };
        let warnings = watches.refresh(&[]);
        Ok((watches, warnings))
    }

    /// Brings the watches up to date after `changed`: a watched folder that
    /// is gone is dropped; a source folder that was itself removed, renamed
    /// or created (its watch may be gone or follow the old folder) is
    /// watched afresh, and the rebuild that follows re-reads all of it; a
    /// wanted folder that now exists is watched. Returns warnings for
    /// folders that exist but cannot be watched.
    pub(crate) fn refresh(&mut self, changed: &[PathBuf]) -> Vec<String> {
        let wanted = &self.wanted;
        let recursive = |dir: &PathBuf| wanted.iter().any(|(w, m)| w == dir && *m == RecursiveMode::Recursive);
        let mut stale = Vec::new();
        self.watched.retain(|dir| {
            let keep = dir.is_dir() && !(changed.contains(dir) && recursive(dir));
            if !keep {
                stale.push(dir.clone());
            }
            keep
        });
        for dir in stale {
            // Already gone when the folder was removed; that error is expected.
            let _ = self.watcher.unwatch(&dir);
        }
        let mut warnings = Vec::new();
        for (dir, mode) in &self.wanted {
            if self.watched.contains(dir) || !dir.is_dir() {
                continue;
            }
            match self.watcher.watch(dir, *mode) {
                Ok(()) => {
                    self.watched.push(dir.clone());
                    self.failed.retain(|f| f != dir);
                }
                Err(e) if !self.failed.contains(dir) => {
                    warnings.push(format!(
                        "warning: cannot watch {}: {e}; edits there do not reach the preview \
                         (on Linux, raise fs.inotify.max_user_watches, then save a file again or restart serve)",
                        dir.display()
                    ));
                    self.failed.push(dir.clone());
                }
                Err(_) => {}
            }
        }
        warnings
    }
}
