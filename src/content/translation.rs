//! Translations: `name.<code>.md` beside `name.md` (or `index.<code>.md`
//! in a folder notice) carries the notice's text in another configured
//! language. Translations carry text, not facts: dates, impact, kind,
//! audience, areas, the data disposition and a withdrawal come from the
//! original. A fact key a translation writes anyway is kept, so the
//! checklist can hold it to the original's value (`translation-mismatch`).

use std::path::{Path, PathBuf};

use super::markdown;
use super::model::{Markdown, Parts, Source, body_summary, markdown_field, url_field};
use crate::moment::Moment;
use crate::schema::{Fields, Raw};
use crate::words::{Change, ChangeKind, Disposition, EmergencyKind, Impact};

/// The facts a translation wrote (each `None` when it left the key out, as
/// it should): the checklist compares them with the original's.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// `effective`.
    pub effective: Option<Moment>,
    /// `ends`.
    pub ends: Option<Moment>,
    /// `impact`.
    pub impact: Option<Impact>,
    /// `kind`.
    pub kind: Option<ChangeKind>,
    /// `audience`.
    pub audience: Option<Vec<String>>,
    /// `areas`.
    pub areas: Option<Vec<String>>,
    /// `[data] disposition`.
    pub disposition: Option<Disposition>,
    /// `[data] available_again`.
    pub available_again: Option<Moment>,
    /// `[withdrawn] date`.
    pub withdrawn: Option<Moment>,
    /// `[emergency] kind`.
    pub emergency_kind: Option<EmergencyKind>,
    /// `[price] before`.
    pub price_before: Option<String>,
    /// `[price] after`.
    pub price_after: Option<String>,
    /// `slug`: the address comes from the original.
    pub slug: Option<String>,
    /// `aliases`.
    pub aliases: Option<Vec<String>>,
}

/// The translated text of a notice's data answer (`[data]`).
#[derive(Clone, Debug, Default)]
pub struct TranslatedData {
    /// What happens to the data.
    pub details: Option<Markdown>,
    /// How customers reach it.
    pub access: Option<Markdown>,
    /// Where or how to download a copy.
    pub export: Option<Markdown>,
}

/// One translated entry of the update history: its date must be one of the
/// original's, in the same order.
#[derive(Clone, Debug)]
pub struct TranslatedUpdate {
    /// The date (a fact: it must equal the original entry's).
    pub date: Moment,
    /// The note, translated.
    pub note: Markdown,
    /// `changes`, when written (a fact: it must equal the original's).
    pub changes: Option<Vec<Change>>,
}

/// A notice in another language.
#[derive(Debug)]
pub struct Translation {
    /// Where it came from.
    pub source: Source,
    /// Its language code (`de`), from the file name.
    pub lang: String,
    /// The original's file, relative to the site root
    /// (`content/notices/name.md`).
    pub original: PathBuf,
    /// The title, translated.
    pub title: String,
    /// When this translation was (or will be) published; `None`: with the
    /// original. A later one gives its readers less notice.
    pub published: Option<Moment>,
    /// Shown by `serve`, left out of `build`.
    pub draft: bool,
    /// How many customers are affected, in words.
    pub scope: Option<String>,
    /// The body as HTML.
    pub body_html: String,
    /// The summary as HTML (the `summary` key or the body's first paragraph).
    pub summary_html: String,
    /// The summary as plain text.
    pub summary_text: String,
    /// Whether the body holds any prose.
    pub has_body: bool,
    /// Why the change is worth it.
    pub benefits: Option<Markdown>,
    /// How to avoid or minimise the impact.
    pub workaround: Option<Markdown>,
    /// Talking points for support in this language.
    pub support: Option<Markdown>,
    /// Where readers of this language respond, if not where the original says.
    pub feedback: Option<String>,
    /// The data answer's text.
    pub data: Option<TranslatedData>,
    /// The update history's notes.
    pub updates: Vec<TranslatedUpdate>,
    /// Why the change was withdrawn.
    pub withdrawn_reason: Option<Markdown>,
    /// Why it could not be announced in advance.
    pub emergency_reason: Option<String>,
    /// The facts it wrote (it should write none).
    pub facts: Facts,
    /// Free data for templates.
    pub extra: Option<Raw>,
}

/// The language of a notice file name's stem (`name.de`, from `name.de.md`
/// or a folder's `index.de.md`) and the name before it, when its suffix
/// looks like a language code. Which codes make translations is up to the
/// config.
pub fn language_suffix(stem: &str) -> Option<(&str, &str)> {
    let (name, code) = stem.rsplit_once('.')?;
    (!name.is_empty() && crate::config::is_language_code(code)).then_some((name, code))
}

/// The original of the translation at `path` (`name.de.md` → `name.md`,
/// `dir/index.de.md` → `dir/index.md`).
pub fn original_path(path: &Path, code: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let original = name.strip_suffix(&format!(".{code}.md")).map_or(name.clone(), |stem| format!("{stem}.md"));
    path.with_file_name(original)
}

/// Where the translation of the notice in `original` into `code` goes
/// (`name.md` → `name.de.md`, `dir/index.md` → `dir/index.de.md`).
pub fn translation_path(original: &Path, code: &str) -> PathBuf {
    let stem = original.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    original.with_file_name(format!("{stem}.{code}.md"))
}

impl Translation {
    /// Reads a translation of the notice whose file slug is `parts.file_slug`
    /// (without the language) into `lang`. Text keys are its own; fact keys
    /// are read (and type-checked) only to be compared with the original.
    pub fn read(mut f: Fields<'_>, parts: Parts<'_>, lang: &str) -> Option<Translation> {
        let base = parts.render.then(|| format!("{}/{lang}{}", parts.base_path, crate::url::notice(&parts.file_slug)));
        let base = base.as_deref();
        let mut facts = Facts { slug: f.string("slug"), ..Facts::default() };
        let title = f.required_string("title");
        let published = f.moment("published");
        facts.effective = f.moment("effective");
        facts.ends = f.moment("ends");
        facts.impact = f.one_of("impact", Impact::ALL);
        facts.kind = f.one_of("kind", ChangeKind::ALL);
        facts.audience = f.has("audience").then(|| f.strings("audience"));
        facts.areas = f.has("areas").then(|| f.strings("areas"));
        if let Some(mut p) = f.table("price") {
            facts.price_before = p.string("before");
            facts.price_after = p.string("after");
            p.finish();
        }
        let scope = f.string("scope");
        let (body_html, summary_html, summary_text) = body_summary(&mut f, parts.body, base, "");
        let benefits = markdown_field(&mut f, "benefits", base);
        let workaround = markdown_field(&mut f, "workaround", base);
        let feedback = url_field(&mut f, "feedback");
        let support = markdown_field(&mut f, "support", base);
        let data = f.table("data").map(|mut d| {
            facts.disposition = d.one_of("disposition", Disposition::ALL);
            facts.available_again = d.moment("available_again");
            let data = TranslatedData {
                details: markdown_field(&mut d, "details", base),
                access: markdown_field(&mut d, "access", base),
                export: markdown_field(&mut d, "export", base),
            };
            d.finish();
            data
        });
        let mut updates = Vec::new();
        for mut u in f.tables("updates") {
            let date = u.required_moment("date");
            let note = u.required_string("note");
            let changes = u.has("changes").then(|| u.many_of("changes", Change::ALL));
            u.finish();
            if let (Some(date), Some(note)) = (date, note) {
                updates.push(TranslatedUpdate { date, note: Markdown::new(note, base), changes });
            }
        }
        updates.sort_by_key(|u| u.date);
        let withdrawn_reason = f.table("withdrawn").and_then(|mut w| {
            facts.withdrawn = w.moment("date");
            let reason = w.string("reason");
            w.finish();
            reason.map(|r| Markdown::new(r, base))
        });
        let emergency_reason = if f.holds_table("emergency") {
            f.table("emergency").and_then(|mut e| {
                facts.emergency_kind = e.one_of("kind", EmergencyKind::ALL);
                let reason = e.string("reason");
                e.finish();
                reason
            })
        } else {
            f.string("emergency")
        };
        facts.aliases = f.has("aliases").then(|| f.strings("aliases"));
        let draft = f.bool("draft").unwrap_or(false);
        let extra = f.any("extra").cloned();
        f.finish();
        Some(Translation {
            original: original_path(&parts.source.path, lang),
            source: parts.source,
            lang: lang.to_string(),
            title: title?,
            published,
            draft,
            scope,
            body_html,
            summary_html,
            summary_text,
            has_body: markdown::count_words_up_to(parts.body, 1) > 0,
            benefits,
            workaround,
            support,
            feedback,
            data,
            updates,
            withdrawn_reason,
            emergency_reason,
            facts,
            extra,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_suffixes_are_codes_only() {
        assert_eq!(language_suffix("api.de"), Some(("api", "de")));
        assert_eq!(language_suffix("api.pt-br"), Some(("api", "pt-br")));
        assert_eq!(language_suffix("index.zh-hant"), Some(("index", "zh-hant")));
        for not in ["api", "api.v2", "release.notes", "api.DE", ".de", "api.d", "api.deutsch"] {
            assert_eq!(language_suffix(not), None, "{not}");
        }
    }

    #[test]
    fn the_original_is_the_name_without_the_language() {
        assert_eq!(translation_path(Path::new("content/notices/api.md"), "de"), Path::new("content/notices/api.de.md"));
        assert_eq!(original_path(Path::new("content/notices/api.de.md"), "de"), Path::new("content/notices/api.md"));
        assert_eq!(
            original_path(Path::new("content/notices/api/index.pt-br.md"), "pt-br"),
            Path::new("content/notices/api/index.md")
        );
    }
}
