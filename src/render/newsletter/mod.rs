//! The email newsletter. An issue covers a period and tells, in this order:
//! what was newly announced (whatever its date), what is coming up within
//! `horizon_days`, what took effect, what changed or was withdrawn, and
//! what was improved from feedback. Every notice carries its whole story:
//! impact, date, who, what to do, and its data answer in full. A section
//! longer than [`MAX_PER_SECTION`] ends with a link to the rest on the site.
//!
//! Issues: `newsletter/latest` (the last `period_days`), one per calendar
//! month with news (`newsletter/YYYY-MM/`, listed by `newsletter/index.html`),
//! and editions per area and audience. Each is HTML (the theme's
//! `newsletter.html`, CSS inlined for mail clients), plain text
//! ([`text`]) and a ready-to-send message ([`email`]).

mod email;
mod text;

use std::collections::BTreeSet;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

pub(crate) use email::eml;
pub(crate) use text::text;

use super::feeds::absolutize;
use super::view::{TimeView, disposition_text, impact_label, permalink, relative};
use crate::content::markdown;
use crate::content::model::{Improvement, Markdown, Notice, State};
use crate::locale::Locale;
use crate::site::{FacetKind, Site};
use crate::words::{ChangeKind, Status};

/// Items per section at most, so the email stays small (Gmail clips at
/// about 100 KB); the rest is a link away.
const MAX_PER_SECTION: usize = 10;

/// The period an issue covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    /// Start (inclusive).
    pub since: Timestamp,
    /// End (inclusive); "now" for the issue.
    pub until: Timestamp,
}

/// Whose issue: every reader's, or one area's or audience's edition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edition {
    /// Everything.
    All,
    /// Only what concerns one area or audience (an index into its facets).
    Facet(FacetKind, usize),
}

/// Which issue a file of the build shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IssueKey {
    /// `newsletter/latest.*` (or an edition's): the last `period_days`.
    Latest(Edition),
    /// `newsletter/YYYY-MM/`: one calendar month in the site's zone.
    Month(Date),
}

impl IssueKey {
    /// The site folder of this issue's files (`/newsletter/2026-11/`).
    pub fn folder(self, site: &Site) -> String {
        match self {
            IssueKey::Latest(Edition::All) => "/newsletter/".to_string(),
            IssueKey::Latest(Edition::Facet(kind, i)) => {
                format!("/{}/{}/newsletter/", kind.folder(), site.facets(kind)[i].slug)
            }
            IssueKey::Month(first) => format!("/newsletter/{}/", first.strftime("%Y-%m")),
        }
    }

    /// The site path of this issue's web page.
    pub fn page(self, site: &Site) -> String {
        match self {
            IssueKey::Latest(_) => format!("{}latest.html", self.folder(site)),
            IssueKey::Month(_) => self.folder(site),
        }
    }

    /// The edition it belongs to.
    fn edition(self) -> Edition {
        match self {
            IssueKey::Latest(e) => e,
            IssueKey::Month(_) => Edition::All,
        }
    }

    /// The period it covers as of `site.now`.
    pub fn period(self, site: &Site) -> Period {
        match self {
            IssueKey::Latest(_) => {
                let days = i64::try_from(site.config.newsletter_period_days).unwrap_or(i64::MAX / 86_400);
                let since = site.now.checked_sub(SignedDuration::from_hours(24 * days)).unwrap_or(site.now);
                Period { since, until: site.now }
            }
            IssueKey::Month(first) => {
                let tz = &site.config.timezone;
                let start = first.to_zoned(tz.clone()).map_or(site.now, |z| z.timestamp());
                let next = first
                    .checked_add(jiff::Span::new().months(1))
                    .ok()
                    .and_then(|d| d.to_zoned(tz.clone()).ok())
                    .map_or(site.now, |z| z.timestamp());
                let end = next.checked_sub(SignedDuration::from_nanos(1)).unwrap_or(next);
                Period { since: start, until: end.min(site.now) }
            }
        }
    }
}

/// A data answer in full.
#[derive(Serialize)]
struct DataItem {
    disposition: &'static str,
    disposition_text: String,
    details: Option<Field>,
    access: Option<Field>,
    available_again: Option<String>,
    export: Option<Field>,
}

/// A markdown field for email: HTML with absolute links, and plain text
/// with each link's address.
#[derive(Serialize)]
struct Field {
    html: String,
    text: String,
}

/// A dated note (an update, a withdrawal).
#[derive(Serialize)]
struct Note {
    label: String,
    date: String,
    body: Field,
}

#[derive(Serialize)]
pub(crate) struct NoticeItem {
    title: String,
    url: String,
    impact: &'static str,
    impact_label: String,
    /// "Maintenance", "Removal", "Pricing", "Security" (nothing for a plain change).
    kind_label: Option<String>,
    /// "Takes effect", "Took effect", "Window", "Was to take effect".
    when_label: String,
    when: String,
    countdown: String,
    audience: String,
    summary: String,
    workaround: Option<Field>,
    price: Option<String>,
    data: Option<DataItem>,
    /// The update or withdrawal that brings it into "changed or withdrawn".
    note: Option<Note>,
    /// The language of its text when it is shown untranslated.
    lang: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ImprovementItem {
    title: String,
    url: String,
    status: &'static str,
    status_label: String,
    date: String,
    summary: String,
    /// Planned: roughly when.
    eta: Option<String>,
    /// Declined: why not.
    reason: Option<Field>,
    /// "12 requests through the feedback portal".
    asked: Option<String>,
    /// A customer's words.
    quote: Option<String>,
}

/// One section of notices.
#[derive(Serialize)]
pub(crate) struct Section {
    id: &'static str,
    title: String,
    /// Said when the section is empty.
    empty: String,
    items: Vec<NoticeItem>,
    /// How many more are on the site.
    more: usize,
    more_url: String,
}

/// One issue's content.
#[derive(Serialize)]
pub(crate) struct Issue {
    title: String,
    /// One line for the inbox list, shown before the body.
    preheader: String,
    period: String,
    /// The area or audience of an edition.
    edition: Option<String>,
    sections: Vec<Section>,
    improvements: Vec<ImprovementItem>,
    improvements_more: usize,
    links: Links,
    #[serde(skip)]
    date: Timestamp,
    #[serde(skip)]
    message_id: String,
}

#[derive(Serialize)]
struct Links {
    /// This issue on the web.
    web: String,
    site: String,
    notices: String,
    improvements: String,
    archive: String,
    rss: String,
    calendar: String,
    unsubscribe: Option<String>,
}

/// A markdown field for email, relative links resolved against `base`.
fn field(site: &Site, m: Option<&Markdown>, base: &str) -> Option<Field> {
    let m = m.filter(|m| !m.is_blank())?;
    let origin = super::feeds::origin(site);
    let base = format!("{}{base}", site.config.base_path());
    let html = if m.html.is_empty() { markdown::render_at(&m.source, Some(&base)).html } else { m.html.clone() };
    Some(Field { html: absolutize(&html, &origin), text: markdown::to_text_linked(&m.source, &base, &origin) })
}

fn kind_label(loc: &Locale, kind: ChangeKind) -> Option<String> {
    let key = match kind {
        ChangeKind::Change => return None,
        ChangeKind::Maintenance => "kind_maintenance",
        ChangeKind::Removal => "kind_removal",
        ChangeKind::Pricing => "kind_pricing",
        ChangeKind::Security => "kind_security",
    };
    Some(loc.text(key).to_string())
}

fn notice_item(site: &Site, n: &Notice, now: Timestamp, note: Option<Note>) -> NoticeItem {
    let loc = &*site.locale;
    let path = crate::url::notice(&n.slug);
    let effective = TimeView::new(n.effective, site).display;
    let (when_label, when) = match (n.state(now), n.ends) {
        (State::Withdrawn, _) => ("newsletter_was_to_take_effect", effective),
        (_, Some(ends)) => ("newsletter_window", super::view::window(n.effective, ends, site)),
        (State::Upcoming, None) => ("newsletter_takes_effect", effective),
        _ => ("newsletter_took_effect", effective),
    };
    NoticeItem {
        title: n.title.clone(),
        url: permalink(site, &path),
        impact: n.impact.as_str(),
        impact_label: impact_label(loc, n.impact).to_string(),
        kind_label: kind_label(loc, n.kind),
        when_label: loc.text(when_label).to_string(),
        when,
        countdown: if n.state(now) == State::Withdrawn {
            loc.text("newsletter_withdrawn").to_string()
        } else {
            relative(loc, n.effective.ts, now)
        },
        audience: super::subscribe::audience_names(site, n),
        summary: n.summary_text.clone(),
        workaround: field(site, n.workaround.as_ref(), &path),
        price: super::view::price_text(n, site),
        data: n.data.as_ref().and_then(|d| {
            let disposition = d.disposition?;
            Some(DataItem {
                disposition: disposition.as_str(),
                disposition_text: disposition_text(loc, disposition).to_string(),
                details: field(site, d.details.as_ref(), &path),
                access: field(site, d.access.as_ref(), &path),
                available_again: d.available_again.map(|m| TimeView::new(m, site).display),
                export: field(site, d.export.as_ref(), &path),
            })
        }),
        note,
        lang: site.untranslated_language(&n.slug).map(str::to_string),
    }
}

/// What brings `n` into "changed or withdrawn" in `period`: its withdrawal,
/// else its latest update dated in the period.
fn change_note(site: &Site, n: &Notice, period: Period) -> Option<Note> {
    let loc = &site.locale;
    let path = crate::url::notice(&n.slug);
    let within = |t: Timestamp| period.since <= t && t <= period.until;
    if let Some(w) = n.withdrawn.as_ref().filter(|w| within(w.date.ts)) {
        let body = field(site, Some(&w.reason), &path)?;
        let label = loc.text("newsletter_note_withdrawn").to_string();
        return Some(Note { label, date: TimeView::new(w.date, site).date, body });
    }
    let u = n.updates.iter().rev().find(|u| within(u.date.ts))?;
    let body = field(site, Some(&u.note), &path)?;
    Some(Note { label: loc.text("newsletter_note_update").to_string(), date: TimeView::new(u.date, site).date, body })
}

fn improvement_item(site: &Site, i: &Improvement) -> ImprovementItem {
    let loc = &site.locale;
    let fb = i.feedback.as_ref();
    let asked = fb.and_then(|f| {
        let count = f.requests.filter(|&r| r > 1);
        match (count, f.source.as_deref()) {
            (Some(c), Some(s)) => Some(loc.count("newsletter_requests_through", c, &[("source", s)])),
            (Some(c), None) => Some(loc.count("newsletter_requests", c, &[])),
            (None, Some(s)) => Some(loc.fill("newsletter_asked_through", &[("source", s)])),
            (None, None) => None,
        }
    });
    ImprovementItem {
        title: i.title.clone(),
        url: permalink(site, &crate::url::improvement(&i.slug)),
        status: i.status.as_str(),
        status_label: super::view::status_label(loc, i.status).to_string(),
        date: TimeView::new(i.date, site).date,
        summary: i.summary_text.clone(),
        eta: i.eta.clone().filter(|_| i.status == Status::Planned),
        reason: field(site, i.reason.as_ref(), crate::url::IMPROVEMENTS).filter(|_| i.status == Status::Declined),
        asked,
        quote: fb.and_then(|f| f.quote.clone()),
    }
}

/// Which notices and improvements an edition holds.
struct Filter {
    notices: Option<BTreeSet<usize>>,
    improvements: Option<BTreeSet<usize>>,
}

impl Filter {
    fn new(site: &Site, edition: Edition) -> Filter {
        match edition {
            Edition::All => Filter { notices: None, improvements: None },
            Edition::Facet(kind, i) => {
                let f = &site.facets(kind)[i];
                Filter {
                    notices: Some(f.notices.iter().copied().collect()),
                    improvements: Some(f.improvements.iter().copied().collect()),
                }
            }
        }
    }

    fn notice(&self, i: usize) -> bool {
        self.notices.as_ref().is_none_or(|s| s.contains(&i))
    }

    fn improvement(&self, i: usize) -> bool {
        self.improvements.as_ref().is_none_or(|s| s.contains(&i))
    }
}

/// A section of at most [`MAX_PER_SECTION`] items, the rest counted.
fn section(id: &'static str, title: String, empty: String, items: Vec<NoticeItem>, more_url: String) -> Section {
    let mut items = items;
    let more = items.len().saturating_sub(MAX_PER_SECTION);
    items.truncate(MAX_PER_SECTION);
    Section { id, title, empty, items, more, more_url }
}

/// The notices of `site` in `period` by section, as indexes: newly
/// announced, coming up, now in effect, changed or withdrawn.
fn chosen(site: &Site, period: Period, filter: &Filter) -> [Vec<usize>; 4] {
    let now = period.until;
    let within = |t: Timestamp| period.since <= t && t <= now;
    let horizon =
        now.checked_add(SignedDuration::from_hours(24 * site.config.newsletter_horizon_days as i64)).unwrap_or(now);
    let mut out: [Vec<usize>; 4] = Default::default();
    for (i, n) in site.notices.iter().enumerate() {
        if !filter.notice(i) || n.published.ts > now {
            continue;
        }
        // Withdrawn as of the end of the period: a month issue tells what
        // was news that month.
        let withdrawn = n.state(now) == State::Withdrawn;
        let new = within(n.published.ts);
        if new && !withdrawn {
            out[0].push(i);
        } else if n.state(now) == State::Upcoming && n.effective.ts <= horizon {
            out[1].push(i);
        }
        if within(n.effective.ts) && !withdrawn {
            out[2].push(i);
        }
        let changed =
            n.withdrawn.as_ref().is_some_and(|w| within(w.date.ts)) || n.updates.iter().any(|u| within(u.date.ts));
        if changed {
            out[3].push(i);
        }
    }
    // The site's notices are in effective order: each section is soonest
    // first.
    out
}

/// The calendar months up to `site.now` with news for everyone: a notice
/// published, taking effect, updated or withdrawn, or an improvement
/// logged. Newest first.
pub(crate) fn months(site: &Site) -> Vec<Date> {
    let tz = &site.config.timezone;
    let mut months = BTreeSet::new();
    let mut add = |t: Timestamp| {
        if t <= site.now {
            let d = t.to_zoned(tz.clone()).date();
            if let Ok(first) = Date::new(d.year(), d.month(), 1) {
                months.insert(first);
            }
        }
    };
    for n in &site.notices {
        add(n.published.ts);
        add(n.effective.ts);
        n.updates.iter().for_each(|u| add(u.date.ts));
        if let Some(w) = &n.withdrawn {
            add(w.date.ts);
        }
    }
    site.improvements.iter().for_each(|i| add(i.date.ts));
    months.into_iter().rev().collect()
}

/// Chooses what goes into an issue.
pub(crate) fn issue(site: &Site, key: IssueKey, period: Period) -> Issue {
    let tz = &site.config.timezone;
    let loc = &*site.locale;
    let now = period.until;
    let edition = key.edition();
    let filter = Filter::new(site, edition);
    let [new, coming, in_effect, changed] = chosen(site, period, &filter);
    let item = |i: usize| notice_item(site, &site.notices[i], now, None);
    let notices_url = match edition {
        Edition::All => permalink(site, crate::url::NOTICES),
        Edition::Facet(kind, i) => permalink(site, &crate::url::facet(kind.folder(), &site.facets(kind)[i].slug)),
    };
    let counts = [new.len(), coming.len(), in_effect.len(), changed.len()];
    let sections = vec![
        section(
            "new",
            loc.text("newsletter_section_new").into(),
            loc.text("newsletter_section_new_empty").into(),
            new.into_iter().map(item).collect(),
            notices_url.clone(),
        ),
        section(
            "coming-up",
            loc.count("newsletter_section_coming_up", site.config.newsletter_horizon_days, &[]),
            loc.text("newsletter_section_coming_up_empty").into(),
            coming.into_iter().map(item).collect(),
            notices_url.clone(),
        ),
        section(
            "in-effect",
            loc.text("newsletter_section_in_effect").into(),
            loc.text("newsletter_section_in_effect_empty").into(),
            in_effect.into_iter().map(item).collect(),
            notices_url.clone(),
        ),
        section(
            "changed",
            loc.text("newsletter_section_changed").into(),
            loc.text("newsletter_section_changed_empty").into(),
            changed
                .into_iter()
                .map(|i| {
                    let n = &site.notices[i];
                    notice_item(site, n, now, change_note(site, n, period))
                })
                .collect(),
            notices_url,
        ),
    ];
    let mut improvements: Vec<ImprovementItem> = site
        .improvements
        .iter()
        .enumerate()
        .filter(|(i, imp)| filter.improvement(*i) && period.since <= imp.date.ts && imp.date.ts <= now)
        .map(|(_, imp)| improvement_item(site, imp))
        .collect();
    let answered = improvements.len();
    let improvements_more = improvements.len().saturating_sub(MAX_PER_SECTION);
    improvements.truncate(MAX_PER_SECTION);

    let day = |t: Timestamp| loc.date(&t.to_zoned(tz.clone()));
    let edition_name = match edition {
        Edition::All => None,
        Edition::Facet(kind, i) => Some(site.facets(kind)[i].name.clone()),
    };
    let when = match key {
        IssueKey::Month(first) => month_name(site, first),
        IssueKey::Latest(_) => day(now),
    };
    let title = match &edition_name {
        Some(name) => {
            loc.fill("newsletter_title_edition", &[("site", &site.config.title), ("edition", name), ("when", &when)])
        }
        None => loc.fill("newsletter_title", &[("site", &site.config.title), ("when", &when)]),
    };
    let host = crate::url::host(&site.config.base_url);
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    let ymd = |t: Timestamp| t.to_zoned(tz.clone()).strftime("%Y-%m-%d").to_string();
    let id_part = match key {
        IssueKey::Latest(edition) => {
            // The period names the issue: another period is another message.
            let span = format!("{}.{}", ymd(period.since), ymd(now));
            match edition {
                Edition::All => format!("latest.{span}"),
                Edition::Facet(kind, i) => format!("{}.{}.{span}", kind.folder(), site.facets(kind)[i].slug),
            }
        }
        IssueKey::Month(first) => first.strftime("%Y-%m").to_string(),
    };
    Issue {
        preheader: preheader(loc, counts, answered),
        title,
        period: loc.fill("newsletter_period", &[("start", &day(period.since)), ("end", &day(now))]),
        edition: edition_name,
        sections,
        improvements,
        improvements_more,
        links: Links {
            web: permalink(site, &key.page(site)),
            site: permalink(site, "/"),
            notices: permalink(site, crate::url::NOTICES),
            improvements: permalink(site, crate::url::IMPROVEMENTS),
            archive: permalink(site, "/newsletter/"),
            rss: permalink(site, "/feed.xml"),
            calendar: permalink(site, "/calendar.ics"),
            unsubscribe: site.config.newsletter_unsubscribe.clone(),
        },
        date: now,
        // Each language's issue is a message of its own.
        message_id: if site.locale.code() == site.config.language {
            format!("newsletter.{id_part}@{host}")
        } else {
            format!("newsletter.{}.{id_part}@{host}", site.locale.code())
        },
    }
}

/// "2 newly announced, 3 coming up, 1 in effect, 1 changed; 4 answers to
/// your feedback": what the issue holds, for the inbox preview.
fn preheader(loc: &Locale, counts: [usize; 4], answered: usize) -> String {
    let keys = [
        "newsletter_count_new",
        "newsletter_count_coming_up",
        "newsletter_count_in_effect",
        "newsletter_count_changed",
    ];
    let mut parts: Vec<String> =
        counts.iter().zip(keys).filter(|(c, _)| **c > 0).map(|(c, key)| loc.count(key, *c as u64, &[])).collect();
    if answered > 0 {
        parts.push(loc.count("newsletter_count_answers", answered as u64, &[]));
    }
    if parts.is_empty() { loc.text("newsletter_no_news").to_string() } else { parts.join(loc.text("list_separator")) }
}

/// "March 2027" for the month starting on `first`, in the site's language.
fn month_name(site: &Site, first: Date) -> String {
    first
        .to_zoned(site.config.timezone.clone())
        .map_or_else(|_| first.strftime("%Y-%m").to_string(), |z| site.locale.month(&z))
}

/// Inlines every CSS rule of `html` into `style` attributes; `@media` rules
/// stay in a `<style>` block.
pub(crate) fn inline_css(html: &str) -> Result<String, String> {
    let inliner = css_inline::CSSInliner::options().keep_at_rules(true).load_remote_stylesheets(false).build();
    inliner.inline(html).map_err(|e| format!("cannot inline the newsletter's CSS: {e}"))
}

/// The archive page's list: every month issue, newest first.
#[derive(Serialize)]
pub(crate) struct ArchiveEntry {
    title: String,
    url: String,
}

/// The entries of `newsletter/index.html`.
pub(crate) fn archive(site: &Site) -> Vec<ArchiveEntry> {
    months(site)
        .into_iter()
        .map(|first| ArchiveEntry {
            title: month_name(site, first),
            url: format!("{}{}", site.config.base_path(), IssueKey::Month(first).page(site)),
        })
        .collect()
}
