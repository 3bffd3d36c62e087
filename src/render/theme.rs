//! Themes: the default theme is compiled into the binary; a theme folder on
//! disk (`themes/<name>/`) and the site's own `templates/` override its
//! templates by name, and the site's `static/` its static files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

macro_rules! embed {
    ($kind:literal: $($name:literal),+ $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/", $kind, "/", $name)) as &[u8])),+]
    };
}

/// The default theme's templates.
const TEMPLATES: &[(&str, &[u8])] = embed!("templates":
    "base.html", "card.html", "row.html", "index.html", "notice.html", "notices.html", "improvements.html",
    "improvement.html", "lists.html", "facet.html", "facets.html", "page.html", "moved.html", "404.html", "sitemap.xml", "newsletter.html", "newsletter_notice.html", "newsletter_archive.html", "search.html", "filters.html", "feed_notice.html", "feed_improvement.html", "brief.html", "brief.txt",
);

/// The default theme's static files.
const STATIC: &[(&str, &[u8])] = embed!("static": "style.css", "site.js");

/// Where a file of the theme comes from.
#[derive(Clone, Debug)]
pub(super) enum Origin {
    /// Compiled into the binary.
    Embedded(&'static [u8]),
    /// A file on disk.
    Disk(PathBuf),
}

impl Origin {
    /// The path shown in messages.
    pub(super) fn shown(&self, name: &str, root: &Path) -> PathBuf {
        match self {
            Origin::Embedded(_) => PathBuf::from(format!("(built-in theme)/templates/{name}")),
            Origin::Disk(p) => p.strip_prefix(root).unwrap_or(p).to_path_buf(),
        }
    }
}

/// The templates and static files of a build, after overrides.
pub(super) struct Theme {
    /// Template name → source text and origin.
    pub templates: BTreeMap<String, (String, Origin)>,
    /// Output path → origin, for static files.
    pub statics: BTreeMap<PathBuf, Origin>,
}

/// The files under `dir`; a link that leads out of the site (say
/// `static/env -> /proc/self/environ`) is an error, as in `content/`.
fn walk_files(dir: &Path, root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut linked: Vec<PathBuf> = Vec::new();
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !crate::content::is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker.filter_map(Result::ok) {
        let path = entry.path();
        let via_link = entry.path_is_symlink() || linked.iter().any(|l| path.starts_with(l));
        if via_link && !path.canonicalize().is_ok_and(|c| c.starts_with(&canonical_root)) {
            diags.push(
                Diagnostic::error(
                    "input",
                    path.strip_prefix(root).unwrap_or(path),
                    "a symbolic link points outside the site",
                )
                .help("copy the file into the site instead of linking to it"),
            );
            continue;
        }
        if entry.file_type().is_dir() {
            if entry.path_is_symlink() {
                linked.push(path.to_path_buf());
            }
        } else if entry.file_type().is_file() {
            files.push(path.to_path_buf());
        }
    }
    files
}

impl Theme {
    /// Loads the theme `name` for the site at `root`.
    pub(super) fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let mut templates = BTreeMap::new();
        let mut statics = BTreeMap::new();
        for (n, bytes) in TEMPLATES {
            let text = String::from_utf8_lossy(bytes).into_owned();
            templates.insert((*n).to_string(), (text, Origin::Embedded(bytes)));
        }
        for (n, bytes) in STATIC {
            statics.insert(PathBuf::from(n), Origin::Embedded(bytes));
        }
        let theme_dir = root.join("themes").join(name);
        if name != "default" && !theme_dir.is_dir() {
            return Err(vec![
                Diagnostic::error(
                    "config",
                    "forewarn.toml",
                    format!("the theme `{name}` has no folder themes/{name}/"),
                )
                .help("create the folder with templates/ and static/, or use `theme = \"default\"`"),
            ]);
        }
        let mut diags = Vec::new();
        for dir in [theme_dir.join("templates"), root.join("templates")] {
            for path in walk_files(&dir, root, &mut diags) {
                let rel = path.strip_prefix(&dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                match std::fs::read(&path).map(String::from_utf8) {
                    Ok(Ok(text)) => {
                        templates.insert(rel, (text, Origin::Disk(path)));
                    }
                    _ => diags.push(
                        Diagnostic::error(
                            "template",
                            path.strip_prefix(root).unwrap_or(&path),
                            "cannot read the template as UTF-8 text",
                        )
                        .help("save it as UTF-8"),
                    ),
                }
            }
        }
        for dir in [theme_dir.join("static"), root.join("static")] {
            for path in walk_files(&dir, root, &mut diags) {
                let rel = path.strip_prefix(&dir).unwrap_or(&path).to_path_buf();
                statics.insert(rel, Origin::Disk(path));
            }
        }
        if diags.is_empty() { Ok(Theme { templates, statics }) } else { Err(diags) }
    }
}
