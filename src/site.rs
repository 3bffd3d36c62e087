//! The site model: the documents of a build, sorted and grouped, with every
//! cross-document check (duplicate slugs, colliding aliases, dangling
//! references) done once. Renderers read it; they never re-sort or re-scan.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;

use crate::config::Config;
use crate::content::Document;
use crate::content::model::{Improvement, Notice, Page};
use crate::content::translation::Translation;
use crate::diagnostic::{Diagnostic, Severity};
use crate::locale::Locale;

/// A group of notices and improvements sharing an area or an audience.
#[derive(Clone, Debug)]
pub struct Facet {
    /// URL name.
    pub slug: String,
    /// The name readers see: `[areas.<slug>] name` (or audiences) when
    /// configured, else the name as first written.
    pub name: String,
    /// What it covers, from the config.
    pub description: Option<String>,
    /// Indexes into `Site::notices`.
    pub notices: Vec<usize>,
    /// Indexes into `Site::improvements`.
    pub improvements: Vec<usize>,
}

/// Everything a build renders.
#[derive(Debug)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// The moment the site is rendered for.
    pub now: Timestamp,
    /// Notices, soonest effective first.
    pub notices: Vec<Arc<Notice>>,
    /// Improvements, newest first.
    pub improvements: Vec<Arc<Improvement>>,
    /// Plain pages, by slug.
    pub pages: Vec<Arc<Page>>,
    /// Draft notices left out of the site (the checklist still reads them).
    pub drafts: Vec<Arc<Notice>>,
    /// Whether drafts are part of the site (`serve`, `--drafts`): then
    /// draft translations count as published too.
    pub drafts_shown: bool,
    /// Translations by the slug of their original (drafts included, see
    /// [`Site::translations_of`]), each list by language code. Kept apart
    /// from `notices`, so nothing renders a translation as a notice.
    translations: HashMap<String, Vec<Arc<Translation>>>,
    /// Areas, by slug.
    pub areas: Vec<Facet>,
    /// Audiences, by slug.
    pub audiences: Vec<Facet>,
    /// Old URLs that show a document under its new address.
    pub aliases: Vec<Alias>,
    /// The language the site is rendered in: its labels and formats.
    pub locale: Arc<Locale>,
    /// The base URL of the site in its default language (the config's
    /// `base_url` holds that of the language rendered).
    pub root_url: String,
    /// Notices shown in their original language on a site in another
    /// one (no published translation), by slug.
    pub untranslated: HashSet<String>,
    /// Index of `notices` by slug.
    by_slug: HashMap<String, usize>,
    /// Index of `areas` and of `audiences` by every name written.
    facet_names: [HashMap<String, usize>; 2],
}

/// What an alias shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AliasTarget {
    /// `Site::notices[i]`.
    Notice(usize),
    /// `Site::pages[i]`.
    Page(usize),
}

/// An old URL of a notice or page. Its output is a copy of the document with
/// a canonical link to the real address and a note that it moved: it works
/// without a server-side redirect or an automatic refresh.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Alias {
    /// The file written, e.g. `2026/api-v1/index.html`.
    pub path: PathBuf,
    /// The old URL as written.
    pub from: String,
    /// The document shown.
    pub target: AliasTarget,
}

/// Areas or audiences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FacetKind {
    /// `areas/`.
    Area,
    /// `audiences/`.
    Audience,
}

impl FacetKind {
    /// The output folder of this kind's pages.
    pub fn folder(self) -> &'static str {
        match self {
            FacetKind::Area => "areas",
            FacetKind::Audience => "audiences",
        }
    }
}

/// Names equal but for case, spacing and punctuation (`API users`,
/// `api-users`) are one facet; this is what they share.
fn facet_key(name: &str) -> String {
    let key: String = name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    // A name of punctuation alone is its own key.
    if key.is_empty() { name.to_string() } else { key }
}

/// Groups the facet names of a site. Each facet's slug is its name
/// transliterated to `[a-z0-9-]`; two facets whose slugs would be the same
/// (`北京` and `背景` share a transliteration, not a name) get `-2`, `-3` in the order of their keys, so no two
/// facets ever share a page.
fn group<'a>(names: impl Iterator<Item = (usize, bool, &'a str)>) -> (Vec<Facet>, HashMap<String, usize>) {
    // Thousands of notices share a few dozen names: one hash lookup per
    // name written, a key made once per distinct name.
    let mut facets: Vec<Facet> = Vec::new();
    let mut by_name: HashMap<&'a str, usize> = HashMap::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (index, is_notice, name) in names {
        let at = *by_name.entry(name).or_insert_with(|| {
            *by_key.entry(facet_key(name)).or_insert_with(|| {
                facets.push(Facet {
                    slug: String::new(),
                    name: name.to_string(),
                    description: None,
                    notices: Vec::new(),
                    improvements: Vec::new(),
                });
                facets.len() - 1
            })
        });
        let facet = &mut facets[at];
        let list = if is_notice { &mut facet.notices } else { &mut facet.improvements };
        if list.last() != Some(&index) {
            list.push(index);
        }
    }
    let mut keyed: Vec<(String, usize)> = by_key.into_iter().collect();
    keyed.sort_unstable();
    let mut taken: HashMap<String, usize> = HashMap::new();
    for (_, at) in keyed {
        let mut base = crate::slug::slugify(&facets[at].name);
        if base.is_empty() {
            base = "x".to_string();
        }
        let n = taken.entry(base.clone()).or_insert(0);
        *n += 1;
        facets[at].slug = if *n == 1 { base } else { format!("{base}-{n}") };
    }
    // Every name written points at its facet's final place.
    let mut order: Vec<usize> = (0..facets.len()).collect();
    order.sort_unstable_by(|&a, &b| facets[a].slug.cmp(&facets[b].slug));
    let mut place = vec![0; facets.len()];
    for (new, &old) in order.iter().enumerate() {
        place[old] = new;
    }
    let names = by_name.into_iter().map(|(name, at)| (name.to_string(), place[at])).collect();
    let mut slots: Vec<Option<Facet>> = facets.into_iter().map(Some).collect();
    let facets = order.iter().filter_map(|&old| slots[old].take()).collect();
    (facets, names)
}

impl Site {
    /// Builds the model from read documents. Drafts are kept only when
    /// `drafts` is set. Cross-document problems are errors.
    pub fn new(config: Config, docs: Vec<Document>, now: Timestamp, drafts: bool) -> Result<Site, Vec<Diagnostic>> {
        let mut notices = Vec::new();
        let mut improvements = Vec::new();
        let mut pages = Vec::new();
        let mut translated = Vec::new();
        for doc in docs {
            match doc {
                Document::Notice(n) => notices.push(n),
                Document::Improvement(i) => improvements.push(i),
                Document::Page(p) => pages.push(p),
                Document::Translation(t) => translated.push(t),
            }
        }
        // Drafts count for duplicates: publishing one must not break the site.
        let mut diags = Vec::new();
        let translations = attach(&notices, translated, &config, &mut diags);
        duplicates(notices.iter().map(|n| (&n.slug, &n.source)), "notice", &mut diags);
        duplicates(improvements.iter().map(|n| (&n.slug, &n.source)), "improvement", &mut diags);
        duplicates(pages.iter().map(|n| (&n.slug, &n.source)), "page", &mut diags);
        unknown_notices(&notices, &improvements, &mut diags);
        let (notices, left_out): (Vec<_>, Vec<_>) = notices.into_iter().partition(|n| drafts || !n.draft);
        let mut notices = notices;
        improvements.retain(|i| drafts || !i.draft);
        pages.retain(|p| drafts || !p.draft);
        notices.sort_by(|a, b| (a.effective, &a.slug).cmp(&(b.effective, &b.slug)));
        improvements.sort_by(|a, b| (b.date, &a.slug).cmp(&(a.date, &b.slug)));
        pages.sort_by(|a, b| a.slug.cmp(&b.slug));

        let aliases = collect_aliases(&notices, &pages, &mut diags);

        let (areas, area_names) = group(
            notices.iter().enumerate().flat_map(|(i, n)| n.areas.iter().map(move |a| (i, true, a.as_str()))).chain(
                improvements.iter().enumerate().flat_map(|(i, n)| n.areas.iter().map(move |a| (i, false, a.as_str()))),
            ),
        );
        let (audiences, audience_names) =
            group(notices.iter().enumerate().flat_map(|(i, n)| n.audience.iter().map(move |a| (i, true, a.as_str()))));
        if !diags.is_empty() {
            return Err(diags);
        }
        let (mut areas, mut audiences) = (areas, audiences);
        for (facets, infos) in [(&mut areas, &config.areas), (&mut audiences, &config.audiences)] {
            for f in facets.iter_mut() {
                if let Some(info) = infos.get(&f.slug) {
                    if let Some(name) = &info.name {
                        f.name.clone_from(name);
                    }
                    f.description.clone_from(&info.description);
                }
            }
        }
        let by_slug = notices.iter().enumerate().map(|(i, n)| (n.slug.clone(), i)).collect();
        let locale = Arc::new(Locale::new(&config.language, config.labels.get(&config.language)));
        Ok(Site {
            locale,
            root_url: config.base_url.clone(),
            untranslated: HashSet::new(),
            config,
            now,
            notices,
            improvements,
            pages,
            drafts: left_out,
            drafts_shown: drafts,
            translations,
            areas,
            audiences,
            aliases,
            by_slug,
            facet_names: [area_names, audience_names],
        })
    }

    /// The site in the configured language `code` (`None` if it is not
    /// one): each notice's text from its published translation into `code`
    /// (a notice without one keeps its original text and is listed in
    /// [`Site::untranslated`]); the title, description and base URL of
    /// that language (`<base_url>/<code>`); and its locale. Improvements
    /// and pages keep their text: they have no translations.
    pub fn localized(&self, code: &str) -> Option<Site> {
        let language = self.config.language(code)?;
        let mut config = self.config.clone();
        if let Some(title) = &language.title {
            config.title.clone_from(title);
        }
        if let Some(description) = &language.description {
            config.description.clone_from(description);
        }
        config.base_url = format!("{}/{code}", self.root_url);
        let mut untranslated = HashSet::new();
        let notices = self
            .notices
            .iter()
            .map(|n| match self.published_translations(&n.slug).find(|t| t.lang == code) {
                Some(t) => Arc::new(translated(n, t)),
                None => {
                    untranslated.insert(n.slug.clone());
                    Arc::clone(n)
                }
            })
            .collect();
        let locale = Arc::new(Locale::new(code, config.labels.get(code)));
        Some(Site {
            config,
            now: self.now,
            notices,
            improvements: self.improvements.clone(),
            pages: self.pages.clone(),
            drafts: Vec::new(),
            drafts_shown: self.drafts_shown,
            translations: self.translations.clone(),
            areas: self.areas.clone(),
            audiences: self.audiences.clone(),
            // Old addresses are those of the default language.
            aliases: Vec::new(),
            locale,
            root_url: self.root_url.clone(),
            untranslated,
            by_slug: self.by_slug.clone(),
            facet_names: self.facet_names.clone(),
        })
    }

    /// The default language's code when the site is rendered in another
    /// one: the language of the text of documents without a translation
    /// here (improvements, pages).
    pub fn original_language(&self) -> Option<&str> {
        (self.locale.code() != self.config.language).then_some(self.config.language.as_str())
    }

    /// The language of the notice `slug`'s text when it is not the
    /// site's: it has no published translation into it.
    pub fn untranslated_language(&self, slug: &str) -> Option<&str> {
        self.original_language().filter(|_| self.untranslated.contains(slug))
    }

    /// The notice with `slug`.
    pub fn notice(&self, slug: &str) -> Option<&Notice> {
        self.by_slug.get(slug).map(|&i| &*self.notices[i])
    }

    /// Every translation of the notice with `slug`, by language code; a
    /// draft among them is published only when [`Site::drafts_shown`].
    pub fn translations_of(&self, slug: &str) -> &[Arc<Translation>] {
        self.translations.get(slug).map_or(&[], Vec::as_slice)
    }

    /// The translations of the notice with `slug` that are published
    /// (drafts only when drafts are shown).
    pub fn published_translations<'a>(&'a self, slug: &str) -> impl Iterator<Item = &'a Translation> + 'a {
        let shown = self.drafts_shown;
        self.translations_of(slug).iter().map(|t| &**t).filter(move |t| shown || !t.draft)
    }

    /// The areas or the audiences.
    pub fn facets(&self, kind: FacetKind) -> &[Facet] {
        match kind {
            FacetKind::Area => &self.areas,
            FacetKind::Audience => &self.audiences,
        }
    }

    /// The facet that an area or audience name, as written in a notice,
    /// belongs to.
    pub fn facet(&self, kind: FacetKind, name: &str) -> Option<&Facet> {
        self.facet_names[kind as usize].get(name).map(|&i| &self.facets(kind)[i])
    }

    /// The name readers see for an area or audience as written in a
    /// document (the configured display name, if any).
    pub fn display_name<'a>(&'a self, kind: FacetKind, written: &'a str) -> &'a str {
        self.facet(kind, written).map_or(written, |f| f.name.as_str())
    }

    /// The slug of the facet of `name` (empty for a name no document uses).
    pub fn facet_slug(&self, kind: FacetKind, name: &str) -> &str {
        self.facet(kind, name).map_or("", |f| f.slug.as_str())
    }
}

/// `theirs` over `mine`, when given.
fn keep<T: Clone>(mine: &mut Option<T>, theirs: &Option<T>) {
    if theirs.is_some() {
        mine.clone_from(theirs);
    }
}

/// `n` with the text of its translation `t`: the facts stay the
/// original's; text the translation leaves out stays the original's too
/// (the checklist reports it as `translation-missing`).
fn translated(n: &Notice, t: &Translation) -> Notice {
    let mut out = n.clone();
    out.title.clone_from(&t.title);
    // Its readers heard of the change when the translation came out (never
    // before the original).
    if let Some(published) = t.published.filter(|p| p.ts > n.published.ts) {
        out.published = published;
    }
    out.body_html.clone_from(&t.body_html);
    out.summary_html.clone_from(&t.summary_html);
    out.summary_text.clone_from(&t.summary_text);
    keep(&mut out.scope, &t.scope);
    keep(&mut out.benefits, &t.benefits);
    keep(&mut out.workaround, &t.workaround);
    keep(&mut out.support, &t.support);
    keep(&mut out.feedback, &t.feedback);
    keep(&mut out.extra, &t.extra);
    if let (Some(data), Some(text)) = (&mut out.data, &t.data) {
        keep(&mut data.details, &text.details);
        keep(&mut data.access, &text.access);
        keep(&mut data.export, &text.export);
    }
    for u in &mut out.updates {
        if let Some(tu) = t.updates.iter().find(|tu| tu.date == u.date) {
            u.note.clone_from(&tu.note);
        }
    }
    if let (Some(w), Some(reason)) = (&mut out.withdrawn, &t.withdrawn_reason) {
        w.reason.clone_from(reason);
    }
    if let (Some(e), Some(reason)) = (&mut out.emergency, &t.emergency_reason) {
        e.reason.clone_from(reason);
    }
    out
}

/// Gives each translation to its original (drafts included), by file: a
/// translation without an original is an error, and so is one whose
/// original is not a notice.
fn attach(
    notices: &[Arc<Notice>],
    translated: Vec<Arc<Translation>>,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> HashMap<String, Vec<Arc<Translation>>> {
    let mut out: HashMap<String, Vec<Arc<Translation>>> = HashMap::new();
    if translated.is_empty() {
        return out;
    }
    let by_file: HashMap<&std::path::Path, &str> =
        notices.iter().map(|n| (n.source.path.as_path(), n.slug.as_str())).collect();
    for t in translated {
        match by_file.get(t.original.as_path()) {
            Some(slug) => out.entry((*slug).to_string()).or_default().push(t),
            None => {
                let original = t.original.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                diags.push(
                    Diagnostic::error(
                        "input",
                        &t.source.path,
                        format!(
                            "a translation into `{}` of {}, which does not exist",
                            t.lang,
                            t.original.display()
                        ),
                    )
                    .help(format!(
                        "name the original `{original}` (the notice in the default language, `{}`) beside it, or remove the language suffix `.{}` to make this a notice of its own",
                        config.language, t.lang
                    )),
                );
            }
        }
    }
    for list in out.values_mut() {
        list.sort_by(|a, b| a.lang.cmp(&b.lang));
    }
    out
}

/// An improvement's `notice` must name a notice (drafts included).
fn unknown_notices(notices: &[Arc<Notice>], improvements: &[Arc<Improvement>], diags: &mut Vec<Diagnostic>) {
    let all_notice_slugs: HashSet<&str> = notices.iter().map(|n| n.slug.as_str()).collect();
    // Sorted once, and only when some improvement needs a suggestion.
    let mut known: Option<Vec<&str>> = None;
    for imp in improvements {
        if let Some(slug) = &imp.notice
            && !all_notice_slugs.contains(slug.as_str())
        {
            let known = known.get_or_insert_with(|| {
                let mut k: Vec<&str> = all_notice_slugs.iter().copied().collect();
                k.sort_unstable();
                k
            });
            let help = match crate::diagnostic::did_you_mean(slug, known) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`notice` takes the slug (file name without .md) of a notice in content/notices/".into(),
            };
            diags.push(
                imp.source
                    .diagnostic(
                        Severity::Error,
                        "front-matter",
                        &["notice"],
                        format!("no notice has the slug `{slug}`"),
                    )
                    .help(help),
            );
        }
    }
}

fn duplicates<'a>(
    items: impl Iterator<Item = (&'a String, &'a crate::content::model::Source)>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<&str, &crate::content::model::Source> = HashMap::with_capacity(items.size_hint().0);
    for (slug, source) in items {
        if let Some(first) = seen.get(slug.as_str()) {
            let message =
                format!("two {what}s have the slug `{slug}`: {} and {}", first.path.display(), source.path.display());
            // A slug from a `slug` key is reported at that key.
            let d = if source.locator.has(&["slug"]) {
                source.diagnostic(Severity::Error, "duplicate-slug", &["slug"], message)
            } else {
                Diagnostic::error("duplicate-slug", &source.path, message)
            };
            diags.push(d.help("rename one of the files, or set a different `slug` in its front matter"));
        } else {
            seen.insert(slug, source);
        }
    }
}

fn collect_aliases(notices: &[Arc<Notice>], pages: &[Arc<Page>], diags: &mut Vec<Diagnostic>) -> Vec<Alias> {
    // Most sites have no aliases: then there is nothing to index.
    if notices.iter().all(|n| n.aliases.is_empty()) && pages.iter().all(|p| p.aliases.is_empty()) {
        return Vec::new();
    }
    let mut taken: HashMap<PathBuf, String> = HashMap::new();
    for n in notices {
        taken.insert(crate::url::file(&crate::url::notice(&n.slug)), format!("the notice {}", n.source.path.display()));
    }
    for p in pages {
        taken.insert(crate::url::file(&crate::url::page(&p.slug)), format!("the page {}", p.source.path.display()));
    }
    for fixed in [
        "index.html",
        "404.html",
        "improvements/index.html",
        "notices/index.html",
        "sitemap.xml",
        "notices.json",
        "feed.xml",
        "atom.xml",
        "feed.json",
        "calendar.ics",
        "banner.js",
        "banner.json",
        "search.json",
        "search/index.html",
        "newsletter/index.html",
        "newsletter/latest.html",
    ] {
        taken.insert(PathBuf::from(fixed), "a page forewarn writes".into());
    }
    let mut out = Vec::new();
    let targets = notices
        .iter()
        .enumerate()
        .map(|(i, n)| (&n.aliases, AliasTarget::Notice(i), &n.source))
        .chain(pages.iter().enumerate().map(|(i, p)| (&p.aliases, AliasTarget::Page(i), &p.source)));
    for (aliases, target, source) in targets {
        for alias in aliases {
            let Some(path) = crate::url::alias_path(alias) else {
                continue;
            };
            let top =
                path.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
            let claimed = taken.get(&path).cloned().or_else(|| {
                ["areas", "audiences", "impact", "improvements", "static"]
                    .contains(&top.as_str())
                    .then(|| format!("the `/{top}/` section forewarn writes"))
            });
            if let Some(owner) = claimed {
                diags.push(
                    source
                        .diagnostic(
                            Severity::Error,
                            "alias",
                            &["aliases"],
                            format!("alias `{alias}` would overwrite {owner}"),
                        )
                        .help("choose an old URL that no page of the site uses"),
                );
                continue;
            }
            taken.insert(path.clone(), format!("the alias `{alias}` of {}", source.path.display()));
            out.push(Alias { path, from: alias.clone(), target });
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::group;

    #[test]
    fn names_with_one_slug_share_a_facet_and_facets_sort_by_slug() {
        let (facets, _) = group(
            [(0, true, "Billing"), (0, true, "API"), (1, true, "billing"), (1, true, "Billing"), (2, false, "API")]
                .into_iter(),
        );
        let summary: Vec<(&str, &str, &[usize], &[usize])> = facets
            .iter()
            .map(|f| (f.slug.as_str(), f.name.as_str(), f.notices.as_slice(), f.improvements.as_slice()))
            .collect();
        assert_eq!(summary, [("api", "API", &[0][..], &[2][..]), ("billing", "Billing", &[0, 1][..], &[][..])]);
    }

    #[test]
    fn facets_of_other_scripts_get_readable_slugs_that_never_collide() {
        // `笀濟榇` and `厎濷拮` share a 32-bit FNV-1a hash, which once made
        // them one facet.
        let names = [
            "Обновление тарифов",
            "北京",
            "背景",
            "Café",
            "cafe",
            "Billing team",
            "billing-team!",
            "!!",
            "¿?",
            "笀濟榇",
            "厎濷拮",
        ];
        let (facets, by_name) = group(names.iter().enumerate().map(|(i, n)| (i, true, *n)));
        let slug = |name: &str| facets[by_name[name]].slug.as_str();
        assert_eq!(slug("Обновление тарифов"), "obnovlenie-tarifov");
        // Equal but for case and punctuation: one facet.
        assert_eq!(slug("Billing team"), slug("billing-team!"));
        // Other letters whose transliterations meet get pages of their own.
        assert_ne!(slug("北京"), slug("背景"));
        assert_ne!(slug("Café"), slug("cafe"));
        assert_ne!(slug("!!"), slug("¿?"));
        assert_ne!(slug("笀濟榇"), slug("厎濷拮"));
        let mut slugs: Vec<&str> = facets.iter().map(|f| f.slug.as_str()).collect();
        let count = slugs.len();
        slugs.dedup();
        assert_eq!(slugs.len(), count, "{slugs:?}");
        assert!(slugs.iter().all(|s| crate::slug::is_valid(s)), "{slugs:?}");
    }
}
