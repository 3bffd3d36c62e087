//! What a build writes: every output path of a site and the job that
//! renders it, and the check that no two sources claim one path.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Renderer;
use super::newsletter::{self, Edition, IssueKey};
use super::subscribe::Scope;
use super::theme::Origin;
use crate::diagnostic::Diagnostic;
use crate::site::{AliasTarget, FacetKind, Site};
use crate::words::Impact;

/// A file the build writes, and what it shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Job {
    /// `index.html`.
    Index,
    /// `notices/index.html`: every notice.
    Archive,
    /// `notices/<slug>/index.html`.
    Notice(usize),
    /// `improvements/index.html`.
    Improvements,
    /// `areas/index.html` or `audiences/index.html`.
    FacetIndex(FacetKind),
    /// `areas/<a>/index.html`, `audiences/<a>/index.html`.
    Facet(FacetKind, usize),
    /// `impact/<level>/index.html`.
    Impact(Impact),
    /// `pages/<slug>/index.html`.
    Page(usize),
    /// `404.html`.
    NotFound,
    /// An old URL (a copy of its document with a canonical link).
    Alias(usize),
    /// `sitemap.xml`.
    Sitemap,
    /// `notices.json`.
    Record,
    /// A feed of a scope in one format.
    Feed(Scope, FeedFormat),
    /// The calendar of a scope.
    Calendar(Scope),
    /// `notices/<slug>/event.ics`: one notice's event ("add to calendar"),
    /// while it is ahead or under way.
    Event(usize),
    /// One part of a newsletter issue.
    Newsletter(IssueKey, Letter),
    /// `newsletter/index.html`: every month's issue.
    NewsletterArchive,
    /// `search.json`: the static search index.
    SearchIndex,
    /// `search/index.html`: results for `?q=` (the search box's page).
    SearchPage,
    /// `banner.js` (true) or `banner.json` (false): the in-app banner.
    Banner(bool),
}

/// The three files of a newsletter issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Letter {
    /// The web page and HTML part (`.html`).
    Html,
    /// The plain-text part (`.txt`).
    Text,
    /// The message, ready to send (`.eml`).
    Eml,
}

impl Letter {
    const ALL: [(Letter, &'static str); 3] = [(Letter::Html, "html"), (Letter::Text, "txt"), (Letter::Eml, "eml")];
}

/// Every newsletter issue a build writes: the latest, one per month with
/// news, and the latest of every area and audience.
pub(super) fn letters(site: &Site) -> Vec<IssueKey> {
    let mut keys = vec![IssueKey::Latest(Edition::All)];
    keys.extend(newsletter::months(site).into_iter().map(IssueKey::Month));
    for kind in [FacetKind::Area, FacetKind::Audience] {
        keys.extend((0..site.facets(kind).len()).map(|i| IssueKey::Latest(Edition::Facet(kind, i))));
    }
    keys
}

/// The three feed formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeedFormat {
    /// `feed.xml`, RSS 2.0.
    Rss,
    /// `atom.xml`, Atom 1.0.
    Atom,
    /// `feed.json`, JSON Feed 1.1.
    Json,
}

impl FeedFormat {
    pub(super) const ALL: [(FeedFormat, &'static str); 3] =
        [(FeedFormat::Rss, "feed.xml"), (FeedFormat::Atom, "atom.xml"), (FeedFormat::Json, "feed.json")];
}

impl Renderer {
    /// Every file a full build writes.
    pub fn plan(site: &Site) -> Vec<(PathBuf, Job)> {
        let mut jobs = vec![
            (PathBuf::from("index.html"), Job::Index),
            (PathBuf::from("notices/index.html"), Job::Archive),
            (PathBuf::from("improvements/index.html"), Job::Improvements),
            (PathBuf::from("404.html"), Job::NotFound),
            (PathBuf::from("sitemap.xml"), Job::Sitemap),
            (PathBuf::from("notices.json"), Job::Record),
            (PathBuf::from("calendar.ics"), Job::Calendar(Scope::Site)),
            (PathBuf::from("newsletter/index.html"), Job::NewsletterArchive),
            (PathBuf::from("search.json"), Job::SearchIndex),
            (PathBuf::from("search/index.html"), Job::SearchPage),
            (PathBuf::from("banner.js"), Job::Banner(true)),
            (PathBuf::from("banner.json"), Job::Banner(false)),
        ];
        for (format, name) in FeedFormat::ALL {
            jobs.push((PathBuf::from(name), Job::Feed(Scope::Site, format)));
        }
        for key in letters(site) {
            let page = key.page(site);
            for (part, ext) in Letter::ALL {
                let path = match (key, part) {
                    (IssueKey::Month(_), Letter::Html) => crate::url::file(&page),
                    (IssueKey::Month(_), _) => crate::url::file(&format!("{page}index.{ext}")),
                    (IssueKey::Latest(_), _) => crate::url::file(&format!("{}latest.{ext}", key.folder(site))),
                };
                jobs.push((path, Job::Newsletter(key, part)));
            }
        }
        for (i, n) in site.notices.iter().enumerate() {
            jobs.push((crate::url::file(&crate::url::notice(&n.slug)), Job::Notice(i)));
            if n.ahead(site.now) {
                jobs.push((crate::url::file(&format!("{}event.ics", crate::url::notice(&n.slug))), Job::Event(i)));
            }
        }
        for kind in [FacetKind::Area, FacetKind::Audience] {
            let facets = site.facets(kind);
            if !facets.is_empty() {
                jobs.push((PathBuf::from(format!("{}/index.html", kind.folder())), Job::FacetIndex(kind)));
            }
            for (i, f) in facets.iter().enumerate() {
                let dir = format!("{}/{}", kind.folder(), f.slug);
                jobs.push((PathBuf::from(format!("{dir}/index.html")), Job::Facet(kind, i)));
                let scope = Scope::Facet(kind, i);
                jobs.push((PathBuf::from(format!("{dir}/calendar.ics")), Job::Calendar(scope)));
                for (format, name) in FeedFormat::ALL {
                    jobs.push((PathBuf::from(format!("{dir}/{name}")), Job::Feed(scope, format)));
                }
            }
        }
        for (word, impact) in Impact::ALL {
            if site.notices.iter().any(|n| n.impact == *impact) {
                jobs.push((PathBuf::from(format!("impact/{word}/index.html")), Job::Impact(*impact)));
            }
        }
        for (i, p) in site.pages.iter().enumerate() {
            jobs.push((crate::url::file(&crate::url::page(&p.slug)), Job::Page(i)));
        }
        for (i, alias) in site.aliases.iter().enumerate() {
            jobs.push((alias.path.clone(), Job::Alias(i)));
        }
        jobs
    }

    /// Every output path of `site` mapped to what renders it (for `serve`,
    /// which renders a page only when it is asked for).
    pub fn job_map(site: &Site) -> HashMap<PathBuf, Job> {
        Self::plan(site).into_iter().collect()
    }

    /// Two outputs at one path would silently replace each other, and an
    /// output below another file (`feed.xml/x`) cannot be written at all: a
    /// file in `static/`, a folder notice's asset or an alias colliding with
    /// anything else is an error naming its source.
    pub(super) fn check_collisions(&self, site: &Site, jobs: &[(PathBuf, Job)]) -> Result<(), Vec<Diagnostic>> {
        enum Owner<'a> {
            Generated,
            Alias(usize),
            File(&'a Path, &'static str),
        }
        let describe = |owner: &Owner<'_>, path: &Path| match owner {
            Owner::Generated => format!("the generated {}", path.display()),
            Owner::Alias(i) => format!("the alias `{}`", site.aliases[*i].from),
            Owner::File(file, what) => format!("{what} {}", file.display()),
        };
        // Who to report a clash on: the source the user can most easily
        // change (an alias, then their own file, then the built-in theme).
        let rank = |owner: &Owner<'_>| match owner {
            Owner::Alias(_) => 3,
            Owner::File(file, _) if !file.starts_with("(built-in theme)") => 2,
            Owner::File(..) => 1,
            Owner::Generated => 0,
        };
        let report = |owner: &Owner<'_>, message: String, diags: &mut Vec<Diagnostic>| {
            let help = "give each output path one source: rename or move the file, or choose another alias";
            diags.push(match owner {
                Owner::Alias(i) => {
                    let source = match site.aliases[*i].target {
                        AliasTarget::Notice(n) => &site.notices[n].source,
                        AliasTarget::Page(p) => &site.pages[p].source,
                    };
                    source.diagnostic(crate::diagnostic::Severity::Error, "alias", &["aliases"], message).help(help)
                }
                Owner::File(file, _) => Diagnostic::error("output", file, message).help(help),
                Owner::Generated => Diagnostic::error("output", ".", message).help(help),
            });
        };
        let shown_static: Vec<(PathBuf, PathBuf)> = self
            .theme
            .statics
            .iter()
            .map(|(rel, origin)| {
                let file = match origin {
                    Origin::Disk(p) => p.strip_prefix(&self.root).unwrap_or(p).to_path_buf(),
                    Origin::Embedded(_) => Path::new("(built-in theme)/static").join(rel),
                };
                (rel.clone(), file)
            })
            .collect();
        let assets: Vec<(PathBuf, &Path)> = site
            .notices
            .iter()
            .flat_map(|n| {
                n.assets.iter().map(move |(src, rel)| (Path::new("notices").join(&n.slug).join(rel), src.as_path()))
            })
            .collect();
        let mut owners: HashMap<&Path, Owner<'_>> = HashMap::with_capacity(jobs.len() + shown_static.len());
        let mut diags = Vec::new();
        let entries = jobs
            .iter()
            .map(|(p, job)| (p.as_path(), if let Job::Alias(i) = job { Owner::Alias(*i) } else { Owner::Generated }))
            .chain(shown_static.iter().map(|(rel, file)| (rel.as_path(), Owner::File(file, "the static file"))))
            .chain(assets.iter().map(|(out, src)| (out.as_path(), Owner::File(src, "the asset"))));
        for (path, owner) in entries {
            match owners.get(path) {
                Some(first) => {
                    // Report it on the source the user can change.
                    let (culprit, other) = if rank(&owner) >= rank(first) { (&owner, first) } else { (first, &owner) };
                    let message = format!("{} would overwrite {}", describe(culprit, path), describe(other, path));
                    report(culprit, message, &mut diags);
                }
                None => {
                    owners.insert(path, owner);
                }
            }
        }
        for (path, owner) in &owners {
            for above in path.ancestors().skip(1).filter(|a| !a.as_os_str().is_empty()) {
                if let Some(file) = owners.get(above) {
                    let (culprit, other, at) =
                        if rank(owner) >= rank(file) { (owner, file, *path) } else { (file, owner, above) };
                    let message = format!(
                        "{} needs `{}` to be a folder, but {} is a file there",
                        describe(culprit, at),
                        above.display(),
                        describe(other, above)
                    );
                    report(culprit, message, &mut diags);
                }
            }
        }
        diags.sort_by(|a, b| a.message.cmp(&b.message));
        diags.dedup();
        if diags.is_empty() { Ok(()) } else { Err(diags) }
    }
}
