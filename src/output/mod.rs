//! Publishing the output safely: every file is written into a staging folder
//! beside the output, and the staging folder replaces the output only when
//! the whole build succeeded. A marker file says the folder is ours; a
//! non-empty folder without it is never replaced.

mod manifest;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::Diagnostic;
use manifest::{MANIFEST, hash, manifest, read_manifest};

/// The marker file forewarn writes into every output folder.
pub const MARKER: &str = ".forewarn-output";

const MARKER_TEXT: &str = "This folder is written by `forewarn build`. The whole folder is replaced on every build.\n";

/// Why the output could not be published.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output path exists and is a file.
    #[error("the output path {0} is a file, not a folder")]
    IsFile(PathBuf),
    /// The output path is a symbolic link (the swap would replace the link).
    #[error("the output path {0} is a symbolic link")]
    IsLink(PathBuf),
    /// The output folder holds files forewarn did not write.
    #[error("the output folder {0} is not empty and was not written by forewarn (it has no {MARKER} file)")]
    Foreign(PathBuf),
    /// The output folder would be inside the content or equal to the root.
    #[error("the output folder {0} is inside the site's sources")]
    InsideSources(PathBuf),
    /// Another build holds the lock of this output.
    #[error("another forewarn build is writing to {0}; wait for it to finish")]
    Busy(PathBuf),
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
    /// The error as a diagnostic about the output folder `out`.
    pub fn diagnostic(&self, out: &Path) -> Diagnostic {
        Diagnostic::error("output", out, self.to_string()).help(self.help())
    }

    /// What the user can do about it.
    pub fn help(&self) -> &'static str {
        match self {
            OutputError::IsFile(_) => "remove the file or choose another folder with --out",
            OutputError::IsLink(_) => {
                "give the folder the link points to with --out (the output is swapped as a whole, which would replace the link)"
            }
            OutputError::Foreign(_) => {
                "choose an empty or new folder with --out, or empty this one yourself; forewarn never deletes files it did not write"
            }
            OutputError::InsideSources(_) => {
                "write the output outside content/, templates/, static/ and themes/, e.g. to public/"
            }
            OutputError::Busy(_) => {
                "run the build again when the other one is done, or give this one another folder with --out"
            }
            OutputError::Io { .. } => "check the permissions and free space of the output's parent folder",
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io { path: path.to_path_buf(), source }
}

/// Whether `rel` is a relative path that stays inside the folder it is
/// joined to.
pub fn is_contained(rel: &Path) -> bool {
    !rel.as_os_str().is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_)))
}

/// A build in progress: files go into a staging folder until [`commit`].
///
/// The staging folder outlives the build: after the swap it holds the
/// previous generation of the site, and the next build updates it in place.
/// A file whose bytes did not change is not rewritten and a tree is never
/// deleted, which on real disks costs more than rendering (creating and
/// unlinking thousands of inodes).
///
/// The manifest is the record of what the folder holds. It is removed when
/// a build begins and written again by `commit`, so a build that stopped
/// half way leaves no manifest, and the next one looks at the disk itself.
///
/// [`commit`]: Staging::commit
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    previous: HashMap<PathBuf, (u64, u64)>,
    /// Whether `previous` lists every file in the folder (a manifest was
    /// read, or the folder is new): no need to look at the disk for files
    /// it does not list, nor to walk the folder for stale ones.
    known: bool,
    written: Mutex<HashMap<PathBuf, (u64, u64)>>,
    /// Folders (relative) this build has made or found: a file in a folder
    /// not seen yet gets its folder made first, instead of a failed open.
    folders: Mutex<HashSet<PathBuf>>,
    skipped: AtomicUsize,
    /// The lock of the staging folder, held until the build is committed
    /// or dropped: two builds sharing the folder would tear the site.
    _lock: Option<fs::File>,
}

/// The hidden folder beside the output that stages the next build and keeps
/// the previous one.
pub fn staging_dir(out: &Path) -> PathBuf {
    sibling(out, "forewarn-staging")
}

/// Takes the exclusive lock of `dir`, the staging folder of `out`. The
/// lock is on the folder itself: it follows the folder through the swap
/// and leaves no file behind. Fails at once when another build holds it.
#[cfg(unix)]
fn lock(dir: &Path, out: &Path) -> Result<Option<fs::File>, OutputError> {
    let folder = fs::File::open(dir).map_err(io_err(dir))?;
    match folder.try_lock() {
        Ok(()) => Ok(Some(folder)),
        Err(fs::TryLockError::WouldBlock) => Err(OutputError::Busy(out.to_path_buf())),
        Err(fs::TryLockError::Error(source)) => Err(OutputError::Io { path: dir.to_path_buf(), source }),
    }
}

/// Elsewhere a folder cannot be opened as a file to lock it: no lock.
#[cfg(not(unix))]
fn lock(_dir: &Path, _out: &Path) -> Result<Option<fs::File>, OutputError> {
    Ok(None)
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

impl Staging {
    /// Checks that `out` may be replaced and prepares the staging folder.
    /// `sources` are folders the output must not be inside of.
    pub fn begin(out: &Path, sources: &[PathBuf]) -> Result<Staging, OutputError> {
        // Resolved through symbolic links: a linked `--out` or `--root` must
        // not lead the output into the sources.
        let abs = resolved(out);
        for src in sources {
            let src = resolved(src);
            if abs.starts_with(&src) || src.starts_with(&abs) && src.exists() {
                return Err(OutputError::InsideSources(out.to_path_buf()));
            }
        }
        check_replaceable(out)?;
        let dir = staging_dir(out);
        let fresh = match fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => false,
            Ok(_) => {
                fs::remove_file(&dir).map_err(io_err(&dir))?;
                fs::create_dir_all(&dir).map_err(io_err(&dir))?;
                true
            }
            Err(_) => {
                fs::create_dir_all(&dir).map_err(io_err(&dir))?;
                true
            }
        };
        // Before the manifest is touched: another build may be using it.
        let lock = lock(&dir, out)?;
        let (previous, known) = match (fresh, read_manifest(&dir)) {
            (true, _) => (HashMap::new(), true),
            (false, Some(previous)) => {
                // From here until `commit` the folder is in flux.
                fs::remove_file(dir.join(MANIFEST)).map_err(io_err(&dir))?;
                (previous, true)
            }
            (false, None) => (HashMap::new(), false),
        };
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            previous,
            known,
            written: Mutex::new(HashMap::new()),
            folders: Mutex::new(HashSet::new()),
            skipped: AtomicUsize::new(0),
            _lock: lock,
        })
    }

    /// The staging folder (files written here are published by `commit`).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How many files were already up to date and not rewritten.
    pub fn unchanged(&self) -> usize {
        self.skipped.load(Ordering::Relaxed)
    }

    /// Writes `bytes` to `rel` inside the staging folder (unless the file
    /// there already holds exactly these bytes).
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.path_for(rel)?;
        let entry = (bytes.len() as u64, hash(bytes));
        if let Ok(mut w) = self.written.lock() {
            w.insert(rel.to_path_buf(), entry);
        }
        let unchanged = match self.previous.get(rel) {
            // The manifest says what the file holds; its length confirms
            // nobody replaced it since.
            Some(prev) if *prev == entry => fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() == entry.0),
            Some(_) => false,
            None => !self.known && same_content(&path, bytes),
        };
        if unchanged {
            self.skipped.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        self.make_folder(rel, &path);
        write_file(&path, bytes)
    }

    /// Makes the folder of `path` the first time a file goes into it. At
    /// 100,000 notices, opening first and making the folder on failure
    /// cost a failed lookup in a 100,000-entry folder per notice. Best
    /// effort: `write_file` still mends whatever this could not.
    fn make_folder(&self, rel: &Path, path: &Path) {
        let (Some(folder), Some(parent)) = (rel.parent(), path.parent()) else { return };
        if folder.as_os_str().is_empty() {
            return;
        }
        let first = self.folders.lock().map_or(true, |mut f| f.insert(folder.to_path_buf()));
        if first {
            let _ = fs::create_dir_all(parent);
        }
    }

    /// Copies the file `from` to `rel` inside the staging folder.
    pub fn copy(&self, from: &Path, rel: &Path) -> Result<(), OutputError> {
        let bytes = fs::read(from).map_err(io_err(from))?;
        self.write(rel, &bytes)
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

    /// Removes what the previous generation had and this one does not, then
    /// swaps the staging folder and the output.
    pub fn commit(self) -> Result<(), OutputError> {
        let written = self.written.into_inner().unwrap_or_default();
        if self.known {
            remove_listed(&self.dir, self.previous.keys().filter(|p| !written.contains_key(*p)))?;
        } else {
            remove_stale(&self.dir, &written)?;
        }
        write_file(&self.dir.join(MANIFEST), manifest(&written).as_bytes())?;
        // Freeing 100,000 paths takes tens of milliseconds nobody waits for.
        let marker = self.dir.join(MARKER);
        write_file(&marker, MARKER_TEXT.as_bytes())?;
        // Checked again: the folder may have changed while we rendered.
        check_replaceable(&self.out)?;
        if !self.out.exists() {
            return fs::rename(&self.dir, &self.out).map_err(io_err(&self.out));
        }
        swap(&self.dir, &self.out)
    }
}

impl crate::render::Sink for Staging {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Box<Diagnostic>> {
        Staging::write(self, rel, bytes).map_err(|e| Box::new(e.diagnostic(&self.out)))
    }

    fn copy(&self, from: &Path, rel: &Path) -> Result<(), Box<Diagnostic>> {
        Staging::copy(self, from, rel).map_err(|e| Box::new(e.diagnostic(&self.out)))
    }
}

fn same_content(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => fs::read(path).is_ok_and(|old| old == bytes),
        _ => false,
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    match fs::write(path, bytes) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let parent = path.parent().unwrap_or(path);
            fs::create_dir_all(parent).map_err(io_err(parent))?;
            fs::write(path, bytes).map_err(io_err(path))
        }
        Err(e) if e.kind() == io::ErrorKind::IsADirectory => {
            // The previous generation had a folder where this one has a file.
            fs::remove_dir_all(path).map_err(io_err(path))?;
            fs::write(path, bytes).map_err(io_err(path))
        }
        Err(e) => {
            // A file where this generation needs a folder (or similar).
            if let Some(parent) = path.parent() {
                let mut p = parent.to_path_buf();
                while !p.as_os_str().is_empty() {
                    if p.is_file() {
                        fs::remove_file(&p).map_err(io_err(&p))?;
                        fs::create_dir_all(parent).map_err(io_err(parent))?;
                        return fs::write(path, bytes).map_err(io_err(path));
                    }
                    if !p.pop() {
                        break;
                    }
                }
            }
            Err(OutputError::Io { path: path.to_path_buf(), source: e })
        }
    }
}

/// Removes the files `stale` (relative to `dir`) and the folders they
/// leave empty.
fn remove_listed<'a>(dir: &Path, stale: impl Iterator<Item = &'a PathBuf>) -> Result<(), OutputError> {
    let mut parents = std::collections::BTreeSet::new();
    for rel in stale {
        if !is_contained(rel) {
            continue;
        }
        let path = dir.join(rel);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(OutputError::Io { path, source: e }),
        }
        parents.extend(rel.ancestors().skip(1).filter(|a| !a.as_os_str().is_empty()).map(Path::to_path_buf));
    }
    // Deepest first, so a folder emptied of folders goes too.
    let mut parents: Vec<PathBuf> = parents.into_iter().collect();
    parents.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in parents {
        let _ = fs::remove_dir(dir.join(d)); // fails, as it should, when not empty
    }
    Ok(())
}

/// Removes every file in `dir` that is not in `written` (when no manifest
/// says what the folder holds), and the folders left empty.
fn remove_stale(dir: &Path, written: &HashMap<PathBuf, (u64, u64)>) -> Result<(), OutputError> {
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            dirs.push(entry.path().to_path_buf());
        } else if rel != Path::new(MARKER) && rel != Path::new(MANIFEST) && !written.contains_key(rel) {
            fs::remove_file(entry.path()).map_err(io_err(entry.path()))?;
        }
    }
    // Deepest first, so a folder emptied of folders goes too.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        let _ = fs::remove_dir(&d); // fails, as it should, when not empty
    }
    Ok(())
}

/// Exchanges two folders. On Linux one atomic `renameat2(RENAME_EXCHANGE)`;
/// elsewhere (or where the file system refuses) three renames.
fn swap(staging: &Path, out: &Path) -> Result<(), OutputError> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        if let (Ok(a), Ok(b)) = (CString::new(staging.as_os_str().as_bytes()), CString::new(out.as_os_str().as_bytes()))
        {
            // SAFETY: both are valid NUL-terminated paths; the call only
            // reads them.
            let rc = unsafe {
                libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE)
            };
            if rc == 0 {
                return Ok(());
            }
        }
    }
    let old = sibling(out, "forewarn-old");
    if old.exists() {
        fs::remove_dir_all(&old).map_err(io_err(&old))?;
    }
    fs::rename(out, &old).map_err(io_err(out))?;
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        return Err(OutputError::Io { path: out.to_path_buf(), source: e });
    }
    fs::rename(&old, staging).map_err(io_err(&old))
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

/// `p` made absolute with its symbolic links resolved: the longest part
/// that exists is canonicalized, the rest (not made yet) is appended.
fn resolved(p: &Path) -> PathBuf {
    let abs = absolute(p);
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            return rest.iter().rev().fold(canonical, |path, name| path.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return abs,
        }
    }
}

fn check_replaceable(out: &Path) -> Result<(), OutputError> {
    match fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OutputError::Io { path: out.to_path_buf(), source: e }),
        Ok(m) if m.file_type().is_symlink() => Err(OutputError::IsLink(out.to_path_buf())),
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

    /// Sorted and formatted in chunks on several threads: the text must
    /// not depend on where the chunks split, and must read back whole.
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
        assert!(s_write_escape_fails(&out));
    }

    #[test]
    fn rebuilds_reuse_unchanged_files_and_drop_stale_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let build = |files: &[(&str, &str)]| {
            let s = Staging::begin(&out, &[]).unwrap();
            for (rel, text) in files {
                s.write(Path::new(rel), text.as_bytes()).unwrap();
            }
            let unchanged = s.unchanged();
            s.commit().unwrap();
            unchanged
        };
        build(&[("a/index.html", "A"), ("b/index.html", "B")]);
        build(&[("a/index.html", "A"), ("b/index.html", "B2")]);
        // The staging folder now holds generation 1; generation 3 equals 2
        // for a/ (unchanged there since 1), b/ differs from generation 1.
        let unchanged = build(&[("a/index.html", "A"), ("b/index.html", "B2"), ("c.txt", "C")]);
        assert_eq!(unchanged, 1);
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "B2");
        build(&[("c.txt", "C")]);
        assert!(!out.join("a").exists(), "stale files and emptied folders are removed");
        assert!(out.join(MARKER).exists());
        assert_eq!(fs::read_to_string(out.join("c.txt")).unwrap(), "C");
    }

    #[test]
    fn files_of_a_build_that_stopped_half_way_are_not_published_later() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        for files in [&["a.html"][..], &["b.html"]] {
            let s = Staging::begin(&out, &[]).unwrap();
            for f in files {
                s.write(Path::new(f), b"x").unwrap();
            }
            s.commit().unwrap();
        }
        // The staging folder holds generation 1 (a.html). A build writes
        // x.html into it and stops without committing.
        let s = Staging::begin(&out, &[]).unwrap();
        s.write(Path::new("x/index.html"), b"half").unwrap();
        drop(s);
        let s = Staging::begin(&out, &[]).unwrap();
        s.write(Path::new("c.html"), b"c").unwrap();
        s.commit().unwrap();
        assert!(out.join("c.html").exists());
        for gone in ["x/index.html", "x", "a.html", "b.html"] {
            assert!(!out.join(gone).exists(), "{gone} was published");
        }
    }

    #[test]
    fn one_build_at_a_time_per_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let first = Staging::begin(&out, &[]).unwrap();
        assert!(matches!(Staging::begin(&out, &[]), Err(OutputError::Busy(_))));
        first.commit().unwrap();
        Staging::begin(&out, &[]).unwrap().commit().unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn an_output_reached_through_a_link_is_compared_where_it_leads() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        fs::create_dir(&content).unwrap();
        std::os::unix::fs::symlink(&content, tmp.path().join("link")).unwrap();
        let out = tmp.path().join("link/public");
        assert!(matches!(Staging::begin(&out, std::slice::from_ref(&content)), Err(OutputError::InsideSources(_))));
        assert_eq!(fs::read_dir(&content).unwrap().count(), 0, "nothing is written into the sources");
        assert_eq!(resolved(&out), content.canonicalize().unwrap().join("public"));
    }

    fn s_write_escape_fails(out: &Path) -> bool {
        let s = Staging::begin(out, &[]).unwrap();
        s.write(Path::new("../evil"), b"x").is_err() && s.write(Path::new("/abs"), b"x").is_err()
    }
}
