//! A site in several languages: each configured language is the whole
//! site again under `/<code>/`, and every page links to itself in the
//! other languages (`hreflang` alternates and the language switcher).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Sink;
use crate::diagnostic::Diagnostic;
use crate::locale::language_name;
use crate::site::Site;

/// A sink that puts every file under one folder (`de/`).
pub(super) struct Prefixed<'a> {
    /// Where the files really go.
    pub(super) inner: &'a dyn Sink,
    /// The folder.
    pub(super) prefix: PathBuf,
}

impl Sink for Prefixed<'_> {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Box<Diagnostic>> {
        self.inner.write(&self.prefix.join(rel), bytes)
    }

    fn copy(&self, from: &Path, rel: &Path) -> Result<(), Box<Diagnostic>> {
        self.inner.copy(from, &self.prefix.join(rel))
    }
}

/// A language the site is published in.
#[derive(Clone, Debug, Serialize)]
pub(super) struct LanguageLink {
    /// Its code (`de`).
    pub(super) code: String,
    /// Its name in itself ("Deutsch").
    pub(super) name: String,
    /// The absolute URL of its home page.
    pub(super) url: String,
    /// Whether it is the language of the pages being rendered.
    pub(super) current: bool,
}

/// The languages of `site`, the default first (none for a site in one
/// language).
pub(super) fn languages(site: &Site) -> Vec<LanguageLink> {
    if site.config.languages.is_empty() {
        return Vec::new();
    }
    site.config
        .language_codes()
        .map(|code| LanguageLink {
            code: code.to_string(),
            name: language_name(code, site.config.labels.get(code)),
            url: format!("{}/", home(site, code)),
            current: code == site.locale.code(),
        })
        .collect()
}

/// The base URL of the site in `code` (no trailing slash).
fn home(site: &Site, code: &str) -> String {
    if code == site.config.language { site.root_url.clone() } else { format!("{}/{code}", site.root_url) }
}

/// The page at `rel` in each language that has it: every page of the
/// site exists in every language, but a notice counts only in the
/// languages it is translated into (its page elsewhere shows the
/// original). Empty for a file that is not a page.
pub(super) fn alternates(site: &Site, languages: &[LanguageLink], rel: &Path) -> Vec<LanguageLink> {
    if languages.is_empty() {
        return Vec::new();
    }
    let rel = rel.to_string_lossy().replace('\\', "/");
    let Some(folder) = rel.strip_suffix("index.html") else { return Vec::new() };
    if folder.starts_with("newsletter/") {
        return Vec::new();
    }
    let translated: Option<Vec<&str>> = folder
        .strip_prefix("notices/")
        .and_then(|s| s.strip_suffix('/'))
        .filter(|slug| !slug.is_empty() && !slug.contains('/'))
        .map(|slug| {
            std::iter::once(site.config.language.as_str())
                .chain(site.published_translations(slug).map(|t| t.lang.as_str()))
                .collect()
        });
    languages
        .iter()
        .filter(|l| translated.as_ref().is_none_or(|codes| codes.contains(&l.code.as_str())))
        .map(|l| LanguageLink { url: format!("{}/{folder}", home(site, &l.code)), ..l.clone() })
        .collect()
}
