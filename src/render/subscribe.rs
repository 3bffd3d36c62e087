//! What a subscriber gets for a scope (the whole site, one area, one
//! audience): the feed entries and the calendar events.

use std::sync::OnceLock;

use super::Renderer;
use super::calendar::{self, Event};
use super::feeds::{self, Channel, Item};
use super::view::{TimeView, impact_label, permalink, status_label};
use crate::content::markdown;
use crate::content::model::{Improvement, Notice};
use crate::diagnostic::Diagnostic;
use crate::site::{FacetKind, Site};

/// A feed's subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every notice and improvement.
    Site,
    /// One area or audience.
    Facet(FacetKind, usize),
}

impl Scope {
    /// The folder the scope's files go in ("" or "areas/billing/").
    pub fn folder(self, site: &Site) -> String {
        match self {
            Scope::Site => String::new(),
            Scope::Facet(kind, i) => format!("{}/{}/", kind.folder(), site.facets(kind)[i].slug),
        }
    }

    fn members(self, site: &Site) -> (Vec<usize>, Vec<usize>) {
        match self {
            Scope::Site => ((0..site.notices.len()).collect(), (0..site.improvements.len()).collect()),
            Scope::Facet(kind, i) => {
                let f = &site.facets(kind)[i];
                (f.notices.clone(), f.improvements.clone())
            }
        }
    }

    /// Feed title, description and URLs.
    pub fn channel(self, site: &Site) -> Channel {
        let folder = self.folder(site);
        let (title, description) = match self {
            Scope::Site => (site.config.title.clone(), site.config.description.clone()),
            Scope::Facet(kind, i) => {
                let name = &site.facets(kind)[i].name;
                let key = match kind {
                    FacetKind::Area => "feed_area_description",
                    FacetKind::Audience => "feed_audience_description",
                };
                (
                    site.locale.fill("feed_facet_title", &[("site", &site.config.title), ("name", name)]),
                    site.locale.fill(key, &[("name", name)]),
                )
            }
        };
        Channel {
            title,
            description,
            page_url: permalink(site, &format!("/{folder}")),
            feed_base: permalink(site, &format!("/{folder}")),
            language: site.locale.code().to_string(),
            author: site.config.title.clone(),
        }
    }
}

/// A feed item's content: its HTML and the HTML escaped for XML.
type Body = Result<(String, String), Vec<Diagnostic>>;

/// Feed contents rendered on first use, shared by every feed that shows
/// the same notice or improvement.
pub(super) struct FeedBodies {
    notices: Vec<OnceLock<Body>>,
    improvements: Vec<OnceLock<Body>>,
    events: Vec<OnceLock<String>>,
}

impl FeedBodies {
    /// Empty slots for `site`.
    pub(super) fn new(site: &Site) -> FeedBodies {
        FeedBodies {
            notices: (0..site.notices.len()).map(|_| OnceLock::new()).collect(),
            improvements: (0..site.improvements.len()).map(|_| OnceLock::new()).collect(),
            events: (0..site.notices.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The VEVENT block of notice `i`, rendered on first use.
    pub(super) fn event(&self, site: &Site, i: usize) -> &str {
        self.events[i].get_or_init(|| calendar::vevent(&event(site, &site.notices[i]), &site.config.timezone))
    }
}

/// Feed content with its XML-escaped twin.
fn with_xml(html: String) -> (String, String) {
    let xml = feeds::xml_escape(&html);
    (html, xml)
}

fn last_change(n: &Notice) -> jiff::Timestamp {
    let updated = n.updates.last().map_or(n.published.ts, |u| u.date.ts).max(n.published.ts);
    n.withdrawn.as_ref().map_or(updated, |w| updated.max(w.date.ts))
}

fn notice_title(site: &Site, n: &Notice) -> String {
    let loc = &site.locale;
    if n.withdrawn.is_some() {
        return loc.fill("feed_title_withdrawn", &[("title", &n.title)]);
    }
    // A title that names its date already ("… from 4 May 2027") does not
    // get it a second time.
    let day = n.effective.in_zone(&site.config.timezone);
    let forms = ["%-d %B %Y", "%-d %B", "%B %-d", "%Y-%m-%d"].map(|form| day.strftime(form).to_string());
    let dated = forms.iter().chain([&loc.date(&day)]).any(|date| {
        // "4 May" inside "14 May" is another day.
        n.title.match_indices(date.as_str()).any(|(at, _)| {
            let before = n.title[..at].chars().next_back();
            let after = n.title[at + date.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
        })
    });
    let impact = impact_label(loc, n.impact);
    if dated {
        return loc.fill("feed_title_dated", &[("title", &n.title), ("impact", impact)]);
    }
    let date = TimeView::new(n.effective, site).date;
    loc.fill("feed_title", &[("title", &n.title), ("impact", impact), ("date", &date)])
}

fn improvement_title(site: &Site, i: &Improvement) -> String {
    site.locale.fill("feed_improvement_title", &[("status", status_label(&site.locale, i.status)), ("title", &i.title)])
}

impl Renderer {
    /// The newest entries of `scope`, at most `feed_limit`.
    pub(super) fn feed_items<'a>(
        &self,
        tera: &tera::Tera,
        site: &'a Site,
        shared: &'a super::Shared,
        scope: Scope,
    ) -> Result<Vec<Item<'a>>, Vec<Diagnostic>> {
        let (notices, improvements) = scope.members(site);
        // (updated, is notice, index): newest first, ties by kind and index.
        let mut order: Vec<(jiff::Timestamp, bool, usize)> = notices
            .iter()
            .map(|&i| (last_change(&site.notices[i]), true, i))
            .chain(improvements.iter().map(|&i| (site.improvements[i].date.ts, false, i)))
            .collect();
        order.sort_by(|a, b| b.cmp(a));
        order.truncate(site.config.feed_limit as usize);
        let origin = feeds::origin(site);
        let mut items = Vec::with_capacity(order.len());
        for (updated, is_notice, i) in order {
            if is_notice {
                let n = &site.notices[i];
                let body = shared.bodies.notices[i].get_or_init(|| {
                    let mut c = tera::Context::new();
                    c.insert_value("notice", super::notice_value(site, i, &n.body_html));
                    self.render_str(tera, "feed_notice.html", &c).map(|h| with_xml(feeds::absolutize(&h, &origin)))
                });
                let url = permalink(site, &crate::url::notice(&n.slug));
                let mut categories = vec![n.impact.as_str()];
                categories.extend(n.areas.iter().map(|a| site.display_name(FacetKind::Area, a)));
                categories.extend(n.audience.iter().map(|a| site.display_name(FacetKind::Audience, a)));
                items.push(Item {
                    id: url.clone(),
                    url,
                    title: notice_title(site, n),
                    summary: &n.summary_text,
                    content_html: &body.as_ref().map_err(Clone::clone)?.0,
                    content_xml: &body.as_ref().map_err(Clone::clone)?.1,
                    published: n.published.ts,
                    updated,
                    categories,
                });
            } else {
                let imp = &site.improvements[i];
                let body = shared.bodies.improvements[i].get_or_init(|| {
                    let mut c = tera::Context::new();
                    c.insert("item", &super::view::ImprovementView::new(site, imp));
                    self.render_str(tera, "feed_improvement.html", &c).map(|h| with_xml(feeds::absolutize(&h, &origin)))
                });
                let url = permalink(site, &crate::url::improvement(&imp.slug));
                let mut categories = vec![imp.status.as_str()];
                categories.extend(imp.areas.iter().map(|a| site.display_name(FacetKind::Area, a)));
                items.push(Item {
                    id: url.clone(),
                    url,
                    title: improvement_title(site, imp),
                    summary: &imp.summary_text,
                    content_html: &body.as_ref().map_err(Clone::clone)?.0,
                    content_xml: &body.as_ref().map_err(Clone::clone)?.1,
                    published: imp.date.ts,
                    updated,
                    categories,
                });
            }
        }
        Ok(items)
    }
}

/// The calendar event of a notice.
pub(super) fn event(site: &Site, n: &Notice) -> Event {
    let loc = &site.locale;
    let url = permalink(site, &crate::url::notice(&n.slug));
    let mut description = match &n.withdrawn {
        Some(w) => {
            let reason = markdown::to_text(&w.reason.source);
            format!("{}\n\n", loc.fill("calendar_withdrawn", &[("reason", &reason)]))
        }
        None => String::new(),
    };
    let impact = impact_label(loc, n.impact);
    description.push_str(&loc.fill("calendar_summary", &[("impact", impact), ("summary", &n.summary_text)]));
    // What a subscriber most needs after a reschedule: what the last
    // update said.
    let mut add = |key: &str, args: &[(&str, &str)]| {
        description.push_str("\n\n");
        description.push_str(&loc.fill(key, args));
    };
    if let Some(u) = n.updates.last() {
        let day = TimeView::new(u.date, site).date;
        add("calendar_latest_update", &[("date", &day), ("note", &markdown::to_text(&u.note.source))]);
    }
    if !n.audience.is_empty() {
        add("calendar_affects", &[("audience", &audience_names(site, n))]);
    }
    if let Some(w) = n.workaround.as_ref().filter(|w| !w.is_blank()) {
        add("calendar_what_to_do", &[("text", &markdown::to_text(&w.source))]);
    }
    if let Some(d) = n.disposition() {
        add("calendar_your_data", &[("text", super::view::disposition_text(loc, d))]);
    }
    description.push_str(&format!("\n\n{url}"));
    let host = crate::url::host(&site.config.base_url);
    let summary = match n.withdrawn {
        Some(_) => loc.fill("calendar_event_withdrawn", &[("title", &n.title)]),
        None => loc.fill("calendar_event", &[("impact", impact), ("title", &n.title)]),
    };
    let mut categories = vec![n.impact.as_str().to_string()];
    categories.extend(n.areas.iter().map(|a| site.display_name(FacetKind::Area, a).to_string()));
    Event {
        uid: format!("notice-{}@{host}", n.slug),
        // Withdrawing is one more revision of the event.
        sequence: n.updates.len() + usize::from(n.withdrawn.is_some()),
        stamp: last_change(n),
        start: n.effective,
        end: n.ends,
        reminders: site
            .config
            .remind_days
            .iter()
            .map(|&days| {
                let text = match days {
                    0 => loc.fill("calendar_reminder_now", &[("summary", &summary)]),
                    1 => loc.fill("calendar_reminder_tomorrow", &[("summary", &summary)]),
                    n => loc.count("calendar_reminder_days", n, &[("summary", &summary)]),
                };
                (days, text)
            })
            .collect(),
        summary,
        description,
        url,
        categories,
        cancelled: n.withdrawn.is_some(),
    }
}

/// The calendar of a scope: every notice in it.
pub(super) fn scope_calendar(site: &Site, bodies: &FeedBodies, scope: Scope) -> String {
    let (notices, _) = scope.members(site);
    let ch = scope.channel(site);
    let description = site.locale.fill("calendar_description", &[("description", &ch.description)]);
    calendar::calendar(&ch.title, &description, notices.iter().map(|&i| bodies.event(site, i)))
}

/// Who a notice affects, by the names readers see.
pub(super) fn audience_names(site: &Site, n: &Notice) -> String {
    n.audience
        .iter()
        .map(|a| site.display_name(FacetKind::Audience, a))
        .collect::<Vec<_>>()
        .join(site.locale.text("list_separator"))
}
