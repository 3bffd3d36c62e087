//! Publishing the output safely: every file is written into a staging folder
//! beside the output, and the staging folder replaces the output only when
//! the whole build succeeded. A marker file says the folder is ours; a
//! non-empty folder without it is never replaced.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The marker file forewarn writes into every output folder.
pub const MARKER: &str = ".forewarn-output";

const MARKER_TEXT: &str = "This folder is written by `forewarn build`. The whole folder is replaced on every build.\n";

/// Why the output could not be published.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output path exists and is a file.
    #[error("the output path {0} is a file, not a folder")]
    IsFile(PathBuf),
    /// The output folder holds files forewarn did not write.
    #[error("the output folder {0} is not empty and was not written by forewarn (it has no {MARKER} file)")]
    Foreign(PathBuf),
    /// The output folder would be inside the content or equal to the root.
    #[error("the output folder {0} is inside the site's sources")]
    InsideSources(PathBuf),
    /// A file system operation failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The error.
        #[source]
        source: io::Error,
    },
}

impl OutputError {
    /// What the user can do about it.
    pub fn help(&self) -> &'static str {
        match self {
            OutputError::IsFile(_) => "remove the file or choose another folder with --out",
            OutputError::Foreign(_) => {
                "choose an empty or new folder with --out, or empty this one yourself; forewarn never deletes files it did not write"
            }
            OutputError::InsideSources(_) => {
                "write the output outside content/, templates/, static/ and themes/, e.g. to public/"
            }
            OutputError::Io { .. } => "check the permissions and free space of the output's parent folder",
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io { path: path.to_path_buf(), source }
}

/// Turns an alias (an old URL path such as `/2026/api-v1/`) into the file
/// path of its redirect page, or `None` when it is not a safe path.
pub fn alias_path(alias: &str) -> Option<PathBuf> {
    let trimmed = alias.trim();
    if !trimmed.starts_with('/') || trimmed.contains(['\\', '?', '#', '\0']) || trimmed.chars().any(char::is_control) {
        return None;
    }
    let rel = trimmed.trim_start_matches('/');
    let mut path = PathBuf::new();
    for part in rel.split('/').filter(|p| !p.is_empty()) {
        if part == "." || part == ".." || part.starts_with('.') {
            return None;
        }
        path.push(part);
    }
    if path.as_os_str().is_empty() {
        return None;
    }
    if rel.ends_with('/') || path.extension().is_none() {
        path.push("index.html");
    }
    Some(path)
}

/// Whether `rel` is a relative path that stays inside the folder it is
/// joined to.
pub fn is_contained(rel: &Path) -> bool {
    !rel.as_os_str().is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_)))
}

/// A build in progress: files go into a staging folder until [`commit`].
///
/// [`commit`]: Staging::commit
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    committed: bool,
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

impl Staging {
    /// Checks that `out` may be replaced and creates the staging folder.
    /// `sources` are folders the output must not be inside of.
    pub fn begin(out: &Path, sources: &[PathBuf]) -> Result<Staging, OutputError> {
        let abs = absolute(out);
        for src in sources {
            let src = absolute(src);
            if abs.starts_with(&src) || src.starts_with(&abs) && src.exists() {
                return Err(OutputError::InsideSources(out.to_path_buf()));
            }
        }
        check_replaceable(out)?;
        let dir = sibling(out, "forewarn-staging");
        if dir.exists() {
            // A staging folder left by a build that was killed: ours to remove.
            fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
        }
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        Ok(Staging { out: out.to_path_buf(), dir, committed: false })
    }

    /// The staging folder (files written here are published by `commit`).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` to `rel` inside the staging folder.
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.path_for(rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::write(&path, bytes).map_err(io_err(&path))
    }

    /// Copies the file `from` to `rel` inside the staging folder.
    pub fn copy(&self, from: &Path, rel: &Path) -> Result<(), OutputError> {
        let path = self.path_for(rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::copy(from, &path).map(|_| ()).map_err(io_err(from))
    }

    fn path_for(&self, rel: &Path) -> Result<PathBuf, OutputError> {
        if !is_contained(rel) {
            return Err(OutputError::Io {
                path: rel.to_path_buf(),
                source: io::Error::new(io::ErrorKind::InvalidInput, "path would leave the output folder"),
            });
        }
        Ok(self.dir.join(rel))
    }

    /// Publishes the staging folder as the output, replacing the old one.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let marker = self.dir.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(io_err(&marker))?;
        // Checked again: the folder may have changed while we rendered.
        check_replaceable(&self.out)?;
        let old = sibling(&self.out, "forewarn-old");
        if old.exists() {
            fs::remove_dir_all(&old).map_err(io_err(&old))?;
        }
        let had_old = self.out.exists();
        if had_old {
            fs::rename(&self.out, &old).map_err(io_err(&self.out))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            if had_old {
                let _ = fs::rename(&old, &self.out);
            }
            return Err(OutputError::Io { path: self.out.clone(), source: e });
        }
        self.committed = true;
        if had_old {
            // The new site is in place; failing to delete the old one only
            // leaves a hidden folder behind, which the next build removes.
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // Normalise `.` and `..` lexically (the path may not exist yet).
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn check_replaceable(out: &Path) -> Result<(), OutputError> {
    match fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OutputError::Io { path: out.to_path_buf(), source: e }),
        Ok(m) if !m.is_dir() => Err(OutputError::IsFile(out.to_path_buf())),
        Ok(_) => {
            if out.join(MARKER).is_file() {
                return Ok(());
            }
            let mut entries = fs::read_dir(out).map_err(io_err(out))?;
            if entries.next().is_none() { Ok(()) } else { Err(OutputError::Foreign(out.to_path_buf())) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_paths_stay_inside() {
        assert_eq!(alias_path("/2026/api-v1/"), Some(PathBuf::from("2026/api-v1/index.html")));
        assert_eq!(alias_path("/old.html"), Some(PathBuf::from("old.html")));
        assert_eq!(alias_path("/old"), Some(PathBuf::from("old/index.html")));
        for bad in ["old", "/../x", "/a/../../x", "/", "/a\\b", "/.hidden/", "/a?b"] {
            assert_eq!(alias_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn refuses_foreign_folders_and_keeps_them() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("mine.txt"), "keep").unwrap();
        assert!(matches!(Staging::begin(&out, &[]), Err(OutputError::Foreign(_))));
        assert_eq!(fs::read_to_string(out.join("mine.txt")).unwrap(), "keep");
    }

    #[test]
    fn commit_replaces_only_on_success() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::begin(&out, &[]).unwrap();
        s.write(Path::new("a/index.html"), b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
        // A build that is dropped without commit leaves the old site.
        let s = Staging::begin(&out, &[]).unwrap();
        s.write(Path::new("a/index.html"), b"two").unwrap();
        drop(s);
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
        assert!(!sibling(&out, "forewarn-staging").exists());
        assert!(s_write_escape_fails(&out));
    }

    fn s_write_escape_fails(out: &Path) -> bool {
        let s = Staging::begin(out, &[]).unwrap();
        s.write(Path::new("../evil"), b"x").is_err() && s.write(Path::new("/abs"), b"x").is_err()
    }
}
