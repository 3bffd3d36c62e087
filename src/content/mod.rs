//! Content: finding the markdown files of a site, and reading each into a
//! typed document (in parallel). Every problem of every file is collected.

pub mod front_matter;
pub mod markdown;
pub mod model;
mod reading;
mod toml_subset;
pub mod translation;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Span};
use model::{Bodies, Improvement, Notice, Page, Parts, Source};
use translation::Translation;

/// What kind of document a file is, by its folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `content/notices/`.
    Notice,
    /// `content/improvements/`.
    Improvement,
    /// `content/pages/`.
    Page,
}

impl Kind {
    /// Every kind with its folder name.
    pub const ALL: [(Kind, &'static str); 3] =
        [(Kind::Notice, "notices"), (Kind::Improvement, "improvements"), (Kind::Page, "pages")];
}

/// A content file found on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The kind, from the folder.
    pub kind: Kind,
    /// Absolute (or root-joined) path of the markdown file.
    pub path: PathBuf,
    /// Path relative to the site root, for messages.
    pub rel: PathBuf,
    /// The slug the file name gives (a notice's translation keeps its
    /// language: `name.de`, from `name.de.md` or `name/index.de.md`).
    pub file_slug: String,
    /// For a folder document: the other files in the folder, each with its
    /// path relative to the folder.
    pub assets: Vec<(PathBuf, PathBuf)>,
}

/// A read document (shared: `serve` keeps documents between rebuilds).
#[derive(Debug, Clone)]
pub enum Document {
    /// A change notice.
    Notice(Arc<Notice>),
    /// An improvement-log entry.
    Improvement(Arc<Improvement>),
    /// A plain page.
    Page(Arc<Page>),
    /// A notice's translation (`name.<code>.md`).
    Translation(Arc<Translation>),
}

/// The code of a diagnostic about a FIFO, socket or device among the
/// content (`serve` warns about these itself and previews the rest).
pub const SPECIAL_FILE: &str = "special-file";

/// Whether a file name is hidden or an editor's backup/lock/swap file.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || [".swp", ".swo", ".swx", ".bak", ".tmp", ".orig", ".rej"].iter().any(|s| name.ends_with(s))
}

/// Finds every content file under `root/content`. Errors (a missing
/// folder, a symlink loop, a link out of the site) are returned beside the
/// files found.
pub fn discover(root: &Path) -> (Vec<Found>, Vec<Diagnostic>) {
    let content = root.join("content");
    let mut found = Vec::new();
    let mut diags = Vec::new();
    if !content.is_dir() {
        diags.push(Diagnostic::error("input", "content", format!("no content folder at {}", content.display())).help(
            "notices go in content/notices/*.md; run `forewarn init` to start a site, or pass --root to point at one",
        ));
        return (found, diags);
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for (kind, folder) in Kind::ALL {
        let dir = content.join(folder);
        if !dir.is_dir() {
            continue;
        }
        walk_kind(root, &canonical_root, &dir, kind, &mut found, &mut diags);
    }
    (found, diags)
}

fn rel_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn walk_kind(
    root: &Path,
    canonical_root: &Path,
    dir: &Path,
    kind: Kind,
    found: &mut Vec<Found>,
    diags: &mut Vec<Diagnostic>,
) {
    // Not `sort_by_file_name`: it takes each name apart again for every
    // comparison (a tenth of `check` at 10,000 files). Sorted below.
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    let mut files: Vec<PathBuf> = Vec::new();
    let mut linked_dirs: Vec<PathBuf> = Vec::new();
    let mut bundles: HashSet<PathBuf> = HashSet::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| rel_to(root, p)).unwrap_or_else(|| rel_to(root, dir));
                let (message, help) = if e.loop_ancestor().is_some() {
                    (
                        "a symbolic link loops back to a folder above it".to_string(),
                        "remove the link or point it elsewhere",
                    )
                } else {
                    (
                        format!("cannot read: {}", e.io_error().map_or(e.to_string(), ToString::to_string)),
                        "check that the file or folder exists and is readable",
                    )
                };
                diags.push(Diagnostic::error("input", path, message).help(help));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            if entry.path_is_symlink() {
                linked_dirs.push(entry.path().to_path_buf());
            }
            continue;
        }
        if !entry.file_type().is_file() {
            // A FIFO would block the read; skipping it silently would drop a
            // notice without a word.
            diags.push(
                Diagnostic::error(
                    SPECIAL_FILE,
                    rel_to(root, entry.path()),
                    "not a regular file (a FIFO, socket or device); forewarn reads only ordinary files",
                )
                .help("remove it, or replace it with an ordinary file"),
            );
            continue;
        }
        let path = entry.path().to_path_buf();
        // Only files reached through a link can lead out of the site.
        let via_link = entry.path_is_symlink() || linked_dirs.iter().any(|d| path.starts_with(d));
        if via_link {
            let inside = path.canonicalize().map(|c| c.starts_with(canonical_root)).unwrap_or(false);
            if !inside {
                diags.push(
                    Diagnostic::error("input", rel_to(root, &path), "a symbolic link points outside the site")
                        .help("copy the file into the site instead of linking to it"),
                );
                continue;
            }
        }
        if entry.depth() > 1
            && entry.file_name() == "index.md"
            && let Some(parent) = path.parent()
        {
            bundles.insert(parent.to_path_buf());
        }
        files.push(path);
    }
    files.sort_unstable_by(|a, b| a.as_os_str().as_encoded_bytes().cmp(b.as_os_str().as_encoded_bytes()));
    // A folder with an index.md is one document; its other files are assets.
    let bundle_of = |path: &Path| -> Option<PathBuf> {
        if bundles.is_empty() {
            return None;
        }
        path.ancestors().skip(1).take_while(|a| *a != dir).find(|a| bundles.contains(*a)).map(Path::to_path_buf)
    };
    let mut assets: HashMap<PathBuf, Vec<(PathBuf, PathBuf)>> = HashMap::new();
    let mut docs: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    for path in files {
        match bundle_of(&path) {
            Some(bundle) if path.parent() == Some(bundle.as_path()) && is_index(kind, &path) => {
                docs.push((path, Some(bundle)));
            }
            Some(bundle) => {
                let inside = path.strip_prefix(&bundle).unwrap_or(&path).to_path_buf();
                assets.entry(bundle).or_default().push((path, inside));
            }
            None if path.extension().is_some_and(|e| e == "md") => docs.push((path, None)),
            None => {}
        }
    }
    for (path, bundle) in docs {
        let rel = rel_to(root, &path);
        match bundle {
            Some(bundle) => {
                let mut file_slug = bundle.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                // `index.de.md`: the folder's notice in German.
                let stem = path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let assets = match translation::language_suffix(&stem) {
                    Some((_, code)) => {
                        file_slug = format!("{file_slug}.{code}");
                        Vec::new()
                    }
                    None => assets.remove(&bundle).unwrap_or_default(),
                };
                found.push(Found { kind, path, rel, file_slug, assets });
            }
            None => {
                let file_slug = path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                found.push(Found { kind, path, rel, file_slug, assets: Vec::new() });
            }
        }
    }
}

/// Whether `path` is the document of its folder: `index.md`, or for a
/// notice `index.<code>.md`, its translation.
fn is_index(kind: Kind, path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    name == "index.md"
        || (kind == Kind::Notice
            && name.strip_suffix(".md").and_then(translation::language_suffix).is_some_and(|(n, _)| n == "index"))
}

/// Reads every found file in parallel. Returns the documents that could be
/// read and a diagnostic for every problem.
/// `bodies` says what becomes of markdown.
pub fn load_all(found: &[Found], config: &Config, bodies: Bodies) -> (Vec<Document>, Vec<Diagnostic>) {
    let results: Vec<Result<Document, Vec<Diagnostic>>> =
        found.par_iter().map(|f| load_with(f, config, bodies)).collect();
    let mut docs = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(d) => docs.push(d),
            Err(mut d) => diags.append(&mut d),
        }
    }
    (docs, diags)
}

/// Reads one file into a document.
pub fn load(found: &Found, config: &Config) -> Result<Document, Vec<Diagnostic>> {
    load_with(found, config, Bodies::Render)
}

/// Reads one file; `bodies` says what becomes of its markdown.
pub fn load_with(found: &Found, config: &Config, bodies: Bodies) -> Result<Document, Vec<Diagnostic>> {
    let rel = &found.rel;
    let err = |message: String, help: &str| vec![Diagnostic::error("input", rel, message).help(help)];
    let bytes = read_limited(&found.path, config.max_file_bytes).map_err(|e| match e {
        TooBig(len) => err(
            format!("the file is {}, over the {} limit", size(len), size(config.max_file_bytes)),
            "split it into smaller notices, move large data into a linked file, or raise `max_file_size` (bytes) in forewarn.toml",
        ),
        Io(e) => err(format!("cannot read the file: {e}"), "check that it exists and is readable"),
    })?;
    let text = decode(&bytes)
        .map_err(|(span, message, help)| vec![Diagnostic::error("input", rel, message).at(span, "").help(help)])?;
    parse_text(found, text, config, bodies)
}

/// A file's length and modification time: how `serve` tells a file that
/// changed from one that did not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp { len: meta.len(), modified: meta.modified().ok() }
    }

    /// The stamp of the file at `path`; `None` when there is no such file.
    pub fn of_path(path: &Path) -> Option<Stamp> {
        std::fs::metadata(path).ok().map(|m| Stamp::of(&m))
    }
}

enum ReadError {
    TooBig(u64),
    Io(std::io::Error),
}
use ReadError::{Io, TooBig};

/// Reads a file of at most `limit` bytes: one open, one `fstat`, one read
/// into a buffer of the right size (`std::fs::read` after a separate
/// `metadata` call would look the path up twice; at 10,000 files it shows).
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Opening a FIFO for reading waits for a writer; without waiting, the
    // type check below refuses it.
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(Io)?;
    let meta = file.metadata().map_err(Io)?;
    if !meta.is_file() {
        return Err(Io(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file")));
    }
    let len = meta.len();
    if len > limit {
        return Err(TooBig(len));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    // `take`: a file growing while it is read still stops at the limit.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(Io)?;
    match bytes.len() as u64 {
        n if n > limit => Err(TooBig(n)),
        _ => Ok(bytes),
    }
}

/// A byte count for people: "3.0 KB", "20.0 MB" (decimal units).
fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1000 => format!("{b} bytes"),
        b if b < 1_000_000 => format!("{:.1} KB", b as f64 / 1e3),
        b => format!("{:.1} MB", b as f64 / 1e6),
    }
}

/// Decodes file bytes as UTF-8 (a BOM is dropped); otherwise says where the
/// first bad byte is.
pub fn decode(bytes: &[u8]) -> Result<&str, (Span, String, &'static str)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((
            Span::new(1, 1, 1),
            "the file is UTF-16, not UTF-8".into(),
            "save it as UTF-8 (most editors offer this in “Save as” or the status bar)",
        ));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = String::from_utf8_lossy(&good[good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)..])
            .chars()
            .count()
            + 1;
        (Span::new(line, col, 1), "the file is not valid UTF-8 text".into(), "save it as UTF-8")
    })
}

fn problem_diag(rel: &Path, text: &str, p: crate::schema::Problem) -> Diagnostic {
    let mut d = Diagnostic::error("front-matter", rel, p.message).at(p.span, text);
    d.help = p.help;
    d
}

/// Parses a document's text (already decoded); dates without a zone are in
/// the site's time zone.
pub fn parse_document(found: &Found, text: &str, config: &Config) -> Result<Document, Vec<Diagnostic>> {
    parse_text(found, text, config, Bodies::Render)
}

fn parse_text(found: &Found, text: &str, config: &Config, bodies: Bodies) -> Result<Document, Vec<Diagnostic>> {
    let rel = &found.rel;
    let split = front_matter::split(text).map_err(|p| vec![problem_diag(rel, text, p)])?;
    let raw = front_matter::parse(&split).map_err(|p| vec![problem_diag(rel, text, p)])?;
    if let Some(p) = front_matter::second_block(&split) {
        return Err(vec![problem_diag(rel, text, p)]);
    }
    let locator = Arc::new(split.locator());
    let cx = crate::schema::Cx::new(&locator, &config.timezone);
    let fields = cx.root(&raw);
    let mut diags = Vec::new();
    let lang = match found.kind {
        Kind::Notice => language(found, config)?,
        _ => None,
    };
    // A translation's address is its original's, which is checked there.
    let file_slug = lang.map_or(found.file_slug.as_str(), |(name, _)| name);
    if lang.is_none() && !crate::slug::is_valid(file_slug) && !fields.has("slug") {
        let suggestion = crate::slug::slugify(&found.file_slug);
        let help = if suggestion.is_empty() {
            "rename the file using a-z, 0-9 and hyphens, or set `slug` in the front matter".to_string()
        } else {
            format!("rename it to `{suggestion}` or set `slug = \"{suggestion}\"` in the front matter")
        };
        diags.push(
            Diagnostic::error(
                "input",
                rel,
                format!("the name `{}` cannot be a URL slug: only a-z, 0-9 and single hyphens", found.file_slug),
            )
            .help(help),
        );
    }
    let parts = Parts {
        source: Source { path: rel.clone(), locator: Arc::clone(&locator) },
        file_slug: file_slug.to_string(),
        body: split.body,
        assets: found.assets.clone(),
        base_path: config.base_path(),
        render: bodies == Bodies::Render,
        words_needed: usize::try_from(config.checklist.min_words.iter().copied().max().unwrap_or(0))
            .unwrap_or(usize::MAX),
    };
    let doc = match (found.kind, lang) {
        (Kind::Notice, Some((_, code))) => {
            Translation::read(fields, parts, code).map(|t| Document::Translation(Arc::new(t)))
        }
        (Kind::Notice, None) => Notice::read(fields, parts).map(|n| Document::Notice(Arc::new(n))),
        (Kind::Improvement, _) => Improvement::read(fields, parts).map(|i| Document::Improvement(Arc::new(i))),
        (Kind::Page, _) => Page::read(fields, parts).map(|p| Document::Page(Arc::new(p))),
    };
    let mut problems: Vec<Diagnostic> = cx.into_problems().into_iter().map(|p| problem_diag(rel, text, p)).collect();
    problems.append(&mut diags);
    match doc {
        Some(doc) if problems.is_empty() => Ok(doc),
        _ => Err(problems),
    }
}

/// The language of a notice file named `name.<code>.md` (or a folder's
/// `index.<code>.md`): `Some((name, code))` when `code` is a configured
/// language, `None` when the name has no language suffix (a suffix that is
/// no language code, as in `v1.2.md`, is part of the name as before). A
/// language code the site does not publish in is an error: the file would
/// otherwise be published as a notice of its own, in the wrong language.
fn language<'a>(found: &'a Found, config: &Config) -> Result<Option<(&'a str, &'a str)>, Vec<Diagnostic>> {
    let Some((name, code)) = translation::language_suffix(&found.file_slug) else {
        return Ok(None);
    };
    if config.language(code).is_some() {
        return Ok(Some((name, code)));
    }
    let file = found.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let plain = file.replace(&format!(".{code}.md"), ".md");
    let (message, help) = if code == config.language {
        (
            format!("`{file}` names the default language, `{code}`: a notice in it has no language suffix"),
            format!("rename it to `{plain}`"),
        )
    } else {
        let configured = if config.languages.is_empty() {
            "the site has no other languages".to_string()
        } else {
            let codes: Vec<String> = config.languages.iter().map(|l| format!("`{}`", l.code)).collect();
            format!("the site's other languages are {}", codes.join(", "))
        };
        (
            format!("`{file}` is a translation into `{code}`, which is not a language of this site ({configured})"),
            format!(
                "add `[languages.{code}]` to forewarn.toml to publish it, or rename the file without `.{code}` if it is a notice of its own"
            ),
        )
    };
    Err(vec![Diagnostic::error("input", &found.rel, message).help(help)])
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTICE: &str = "\u{feff}+++\ntitle = \"T\"\npublished = 2026-01-01\neffective = 2026-06-01\nimpact = \"low\"\n+++\n\nSee [the guide](guide/) first.\n\n## Details\n\nMore *words*.\n";

    fn notice(text: &str, bodies: Bodies) -> Arc<Notice> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.md");
        std::fs::write(&path, text).unwrap();
        let found = Found {
            kind: Kind::Notice,
            path,
            rel: "content/notices/n.md".into(),
            file_slug: "n".into(),
            assets: vec![],
        };
        match load_with(&found, &Config::default(), bodies) {
            Ok(Document::Notice(n)) => n,
            other => panic!("not a notice: {other:?}"),
        }
    }

    #[test]
    fn a_body_renders_with_links_relative_to_its_page() {
        let n = notice(NOTICE, Bodies::Render);
        assert!(n.body_html.contains("<h2 id=\"details\">Details</h2>"), "{}", n.body_html);
        assert_eq!(n.summary_html, "See <a href=\"/notices/n/guide/\">the guide</a> first.");
        assert_eq!(n.summary_text, "See the guide first.");
        // `check` keeps the text only.
        assert_eq!(notice(NOTICE, Bodies::Skip).body_html, "");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn special_files_are_refused_and_never_opened_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let notices = dir.path().join("content/notices");
        std::fs::create_dir_all(&notices).unwrap();
        let fifo = notices.join("pipe.md");
        let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let (found, diags) = discover(dir.path());
        assert!(found.is_empty());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].file, Path::new("content/notices/pipe.md"));
        assert!(diags[0].message.contains("not a regular file"));
        // Read directly (as after the file was swapped since the walk).
        assert!(matches!(read_limited(&fifo, 1000), Err(Io(_))));
    }

    #[test]
    fn a_summary_key_wins_over_the_first_paragraph() {
        let n = notice(&NOTICE.replace("+++\n\n", "summary = \"**Short**\"\n+++\n\n"), Bodies::Render);
        assert!(n.body_html.contains("More <em>words</em>"));
        assert_eq!((n.summary_html.as_str(), n.summary_text.as_str()), ("<strong>Short</strong>", "Short"));
    }
}
