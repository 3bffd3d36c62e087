//! Rendering one job: a page, a feed, a calendar or the newsletter.

use serde::Serialize;
use tera::{Context, Tera};

use super::lists::{FacetCx, HOME_LIMIT, Listing};
use super::plan::{FeedFormat, Job, Letter};
use super::subscribe::Scope;
use super::view::{self, ImprovementView, PageView};
use super::{
    RenderOptions, Renderer, Shared, calendar, facet_label, feeds, languages, newsletter, notice_value, record, search,
    subscribe,
};
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::site::{AliasTarget, Site};

impl Renderer {
    /// The page of notice `i` (at an old address: `moved_from`).
    fn notice_cx(
        site: &Site,
        shared: &Shared,
        i: usize,
        moved_from: Option<&str>,
        mut c: Context,
    ) -> Result<Context, Vec<Diagnostic>> {
        let n = &site.notices[i];
        let related: Vec<ImprovementView<'_>> = shared
            .related
            .get(&n.slug)
            .map(|v| v.iter().map(|&i| ImprovementView::new(site, &site.improvements[i])).collect())
            .unwrap_or_default();
        c.insert_value("notice", notice_value(site, i, &n.body_html));
        c.insert("improvements", &related);
        c.insert("moved_from", &moved_from);
        Ok(c)
    }

    fn page_cx(site: &Site, i: usize, moved_from: Option<&str>, mut c: Context) -> Context {
        c.insert("page", &PageView::new(site, &site.pages[i]));
        c.insert("moved_from", &moved_from);
        c
    }

    pub(super) fn render_job(
        &self,
        tera: &Tera,
        site: &Site,
        shared: &Shared,
        rel: &Path,
        job: &Job,
        options: &RenderOptions,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        // Only list pages need every index; made per job that uses it.
        let all = || (0..site.notices.len()).collect::<Vec<usize>>();
        // A page's context starts with its alternates in other languages.
        let cx = || {
            let mut c = Context::new();
            let alternates = languages::alternates(site, &shared.languages, rel);
            if alternates.len() > 1 {
                c.insert("alternates", &alternates);
            }
            c
        };
        match job {
            Job::Index => {
                let recent: Vec<usize> = (0..site.improvements.len().min(5)).collect();
                let listing = Listing { notices: &all(), improvements: &recent, facet: None, limit: Some(HOME_LIMIT) };
                self.list_page(tera, site, shared, "index.html", listing, cx(), options)
            }
            Job::Archive => {
                let listing = Listing { notices: &all(), improvements: &[], facet: None, limit: None };
                self.list_page(tera, site, shared, "notices.html", listing, cx(), options)
            }
            Job::Notice(i) => {
                self.render(tera, "notice.html", &Self::notice_cx(site, shared, *i, None, cx())?, options)
            }
            Job::Improvements => {
                #[derive(Serialize)]
                struct Month<'a> {
                    label: String,
                    items: Vec<ImprovementView<'a>>,
                }
                let mut months: Vec<Month<'_>> = Vec::new();
                for imp in &site.improvements {
                    let v = ImprovementView::new(site, imp);
                    match months.last_mut() {
                        Some(m) if m.label == v.month => m.items.push(v),
                        _ => months.push(Month { label: v.month.clone(), items: vec![v] }),
                    }
                }
                let mut c = cx();
                c.insert("months", &months);
                self.render(tera, "improvements.html", &c, options)
            }
            Job::FacetIndex(kind) => {
                let mut c = cx();
                c.insert("kind", kind.folder());
                c.insert("kind_label", facet_label(&site.locale, *kind));
                self.render(tera, "facets.html", &c, options)
            }
            Job::Facet(kind, i) => {
                let f = &site.facets(*kind)[*i];
                let facet = FacetCx {
                    kind: kind.folder(),
                    kind_label: facet_label(&site.locale, *kind).to_string(),
                    name: f.name.clone(),
                    slug: f.slug.clone(),
                    description: f.description.clone(),
                };
                let listing =
                    Listing { notices: &f.notices, improvements: &f.improvements, facet: Some(facet), limit: None };
                let mut more = cx();
                more.insert(
                    "facet_feeds",
                    &format!("{}/{}", site.config.base_path(), Scope::Facet(*kind, *i).folder(site)),
                );
                self.list_page(tera, site, shared, "facet.html", listing, more, options)
            }
            Job::Impact(impact) => {
                let notices: Vec<usize> = all().into_iter().filter(|&i| site.notices[i].impact == *impact).collect();
                let facet = FacetCx {
                    kind: "impact",
                    kind_label: site.locale.text("facet_impact").to_string(),
                    name: view::impact_label(&site.locale, *impact).to_string(),
                    slug: impact.as_str().to_string(),
                    description: None,
                };
                let listing = Listing { notices: &notices, improvements: &[], facet: Some(facet), limit: None };
                self.list_page(tera, site, shared, "facet.html", listing, cx(), options)
            }
            Job::Page(i) => self.render(tera, "page.html", &Self::page_cx(site, *i, None, cx()), options),
            Job::NotFound => self.render(tera, "404.html", &Context::new(), options),
            Job::Alias(i) => {
                let alias = &site.aliases[*i];
                match alias.target {
                    AliasTarget::Notice(n) => {
                        let c = Self::notice_cx(site, shared, n, Some(&alias.from), Context::new())?;
                        self.render(tera, "notice.html", &c, options)
                    }
                    AliasTarget::Page(p) => self.render(
                        tera,
                        "page.html",
                        &Self::page_cx(site, p, Some(&alias.from), Context::new()),
                        options,
                    ),
                }
            }
            Job::Sitemap => {
                #[derive(Serialize)]
                struct Entry {
                    loc: String,
                    lastmod: Option<String>,
                }
                let tz = &site.config.timezone;
                let day = |m: crate::moment::Moment| m.in_zone(tz).strftime("%Y-%m-%d").to_string();
                let mut entries: Vec<Entry> = Self::plan(site)
                    .into_iter()
                    .filter_map(|(path, job)| {
                        let lastmod = match &job {
                            Job::Notice(i) => {
                                let n = &site.notices[*i];
                                Some(day(n.updates.last().map_or(n.published, |u| u.date)))
                            }
                            Job::Index
                            | Job::Archive
                            | Job::Page(_)
                            | Job::Improvements
                            | Job::Facet(..)
                            | Job::FacetIndex(_)
                            | Job::Impact(_) => None,
                            _ => return None,
                        };
                        let p = path.to_string_lossy().replace('\\', "/");
                        let p = p.strip_suffix("index.html").unwrap_or(&p).to_string();
                        Some(Entry { loc: view::permalink(site, &format!("/{p}")), lastmod })
                    })
                    .collect();
                entries.sort_by(|a, b| a.loc.cmp(&b.loc));
                let mut c = Context::new();
                c.insert("entries", &entries);
                self.render(tera, "sitemap.xml", &c, &RenderOptions::default())
            }
            Job::Record => Ok(record::notices_json(site)),
            Job::Feed(scope, format) => {
                let items = self.feed_items(tera, site, shared, *scope)?;
                let ch = scope.channel(site);
                Ok(match format {
                    FeedFormat::Rss => feeds::rss(&ch, &items, site.now),
                    FeedFormat::Atom => feeds::atom(&ch, &items, site.now),
                    FeedFormat::Json => feeds::json(&ch, &items),
                }
                .into_bytes())
            }
            Job::Banner(script) => Ok(super::banner::file(site, *script)),
            Job::Calendar(scope) => Ok(subscribe::scope_calendar(site, &shared.bodies, *scope).into_bytes()),
            Job::Event(i) => {
                let event = shared.bodies.event(site, *i);
                Ok(calendar::calendar(&site.notices[*i].title, &site.config.title, [event]).into_bytes())
            }
            Job::Newsletter(key, part) => {
                let letter = shared.letter(*key, || self.newsletter_with(tera, site, *key, key.period(site)))?;
                Ok(match part {
                    Letter::Html => letter.html.clone(),
                    Letter::Text => letter.text.clone(),
                    Letter::Eml => letter.eml.clone(),
                }
                .into_bytes())
            }
            Job::SearchIndex => Ok(search::index(site)),
            Job::SearchPage => self.render(tera, "search.html", &cx(), options),
            Job::NewsletterArchive => {
                let mut c = cx();
                c.insert("issues", &newsletter::archive(site));
                c.insert("period_days", &site.config.newsletter_period_days);
                self.render(tera, "newsletter_archive.html", &c, options)
            }
        }
    }
}
