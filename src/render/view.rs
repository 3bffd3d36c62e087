//! What templates see: small serializable views of the model, with dates,
//! URLs and labels computed once in Rust (templates stay logic-free, and no
//! page is handed the whole site).

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::content::model::{Data, Emergency, Improvement, Notice, Page, State};
use crate::locale::Locale;
use crate::moment::Moment;
use crate::schema::Raw;
use crate::site::{Facet, FacetKind, Site};
use crate::words::{Disposition, EmergencyKind, Impact, Status};

/// Links and names every page needs.
#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    /// Site title.
    pub title: &'a str,
    /// Description.
    pub description: &'a str,
    /// Absolute base URL (no trailing slash).
    pub base_url: &'a str,
    /// Path prefix of the base URL ("" at a domain root).
    pub base_path: String,
    /// The base URL for calendar subscriptions: `webcal://` + host + base
    /// path (no trailing slash), whatever the base URL's scheme.
    pub webcal: String,
    /// `lang` of the pages.
    pub language: &'a str,
    /// `dir` of the pages: `ltr` or `rtl`.
    pub dir: &'static str,
    /// The languages the site is published in, the default first (empty
    /// for a site in one language).
    pub languages: Vec<super::languages::LanguageLink>,
    /// IANA name of the site zone.
    pub timezone: &'a str,
    /// The default feedback link.
    pub feedback: Option<&'a str>,
    /// When the site was rendered (RFC 3339).
    pub generated: String,
    /// Areas with counts.
    pub areas: Vec<FacetLink>,
    /// Audiences with counts.
    pub audiences: Vec<FacetLink>,
    /// Impact levels with counts.
    pub impacts: Vec<FacetLink>,
    /// Plain pages.
    pub pages: Vec<Link>,
    /// Free data from forewarn.toml.
    pub extra: Option<RawView<'a>>,
}

/// A link with a label.
#[derive(Serialize, Clone)]
pub(super) struct Link {
    /// The label.
    pub name: String,
    /// Site-relative URL.
    pub url: String,
}

/// A facet with the number of notices in it.
#[derive(Serialize, Clone)]
pub(super) struct FacetLink {
    /// The name readers see.
    pub name: String,
    /// What it covers (configured areas and audiences).
    pub description: Option<String>,
    /// URL name.
    pub slug: String,
    /// Site-relative URL.
    pub url: String,
    /// Notices in it.
    pub count: usize,
}

/// A moment, ready to print.
#[derive(Serialize, Clone)]
pub(super) struct TimeView {
    /// RFC 3339 in the site zone (for `<time datetime>`).
    pub iso: String,
    /// "Monday 1 March 2027, 09:00 CET"; a bare date "Monday 1 March 2027
    /// (CET)": always in the site zone, with the zone named.
    pub display: String,
    /// "1 March 2027".
    pub date: String,
    /// True when only a date was given.
    pub date_only: bool,
}

impl TimeView {
    /// Formats `m` in the site's zone and language.
    pub(super) fn new(m: Moment, site: &Site) -> TimeView {
        let loc = &site.locale;
        let z = m.in_zone(&site.config.timezone);
        let zone = z.strftime("%Z").to_string();
        TimeView {
            iso: z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            display: if m.date_only {
                loc.fill("time_date_zone", &[("date", &loc.weekday_date(&z)), ("zone", &zone)])
            } else {
                loc.fill("time_date_time_zone", &[("datetime", &loc.date_time(&z)), ("zone", &zone)])
            },
            date: loc.date(&z),
            date_only: m.date_only,
        }
    }
}

/// A window from `start` to `end` in the site's zone and language, in one
/// phrase: "Sunday, January 24, 2027 at 1:00 AM–5:00 AM CET" within a day,
/// else both moments in full.
pub(super) fn window(start: Moment, end: Moment, site: &Site) -> String {
    let loc = &site.locale;
    let tz = &site.config.timezone;
    let (a, b) = (start.in_zone(tz), end.in_zone(tz));
    if !start.date_only && !end.date_only && a.date() == b.date() && a.offset() == b.offset() {
        let zone = b.strftime("%Z").to_string();
        return loc.fill("window_same_day", &[("start", &loc.date_time(&a)), ("end", &loc.time(&b)), ("zone", &zone)]);
    }
    let (a, b) = (TimeView::new(start, site).display, TimeView::new(end, site).display);
    loc.fill("window_days", &[("start", &a), ("end", &b)])
}

/// Free `extra` data as plain serde values.
pub(super) struct RawView<'a>(pub &'a Raw);

impl Serialize for RawView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self.0 {
            Raw::Null => s.serialize_none(),
            Raw::Bool(b) => s.serialize_bool(*b),
            Raw::Int(i) => s.serialize_i64(*i),
            Raw::Float(f) => s.serialize_f64(*f),
            Raw::Str(v) | Raw::Datetime(v) => s.serialize_str(v),
            Raw::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    seq.serialize_element(&RawView(i))?;
                }
                seq.end()
            }
            Raw::Table(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, &RawView(v))?;
                }
                map.end()
            }
        }
    }
}

/// Words for an impact level ("Breaking change").
pub(super) fn impact_label(loc: &Locale, i: Impact) -> &str {
    loc.text(match i {
        Impact::Low => "impact_low",
        Impact::Medium => "impact_medium",
        Impact::High => "impact_high",
        Impact::Breaking => "impact_breaking",
    })
}

/// One sentence explaining a disposition to customers.
pub(super) fn disposition_text(loc: &Locale, d: Disposition) -> &str {
    loc.text(match d {
        Disposition::Unaffected => "disposition_unaffected",
        Disposition::Retained => "disposition_retained",
        Disposition::Migrated => "disposition_migrated",
        Disposition::Archived => "disposition_archived",
        Disposition::Unavailable => "disposition_unavailable",
        Disposition::Deleted => "disposition_deleted",
    })
}

/// A notice's state as readers read it ("In effect").
pub(super) fn state_label(loc: &Locale, s: State) -> &str {
    loc.text(match s {
        State::Upcoming => "state_upcoming",
        State::InEffect => "state_in_effect",
        State::Ended => "state_ended",
        State::Withdrawn => "state_withdrawn",
    })
}

/// An improvement's status as readers read it ("Shipped").
pub(super) fn status_label(loc: &Locale, s: Status) -> &str {
    loc.text(match s {
        Status::Shipped => "status_shipped",
        Status::Planned => "status_planned",
        Status::Declined => "status_declined",
        Status::Exists => "status_exists",
    })
}

/// "in 3 days", "2 hours ago", "within the hour", in the site's language.
pub(super) fn relative(loc: &Locale, target: Timestamp, now: Timestamp) -> String {
    let d = target.duration_since(now);
    let secs = d.as_secs();
    let future = secs >= 0;
    let (amount, unit) = if secs.abs() >= 86_400 {
        (secs.unsigned_abs() / 86_400, "days")
    } else if secs.abs() >= 3_600 {
        (secs.unsigned_abs() / 3_600, "hours")
    } else {
        return loc
            .text(if d >= SignedDuration::ZERO { "relative_within_hour" } else { "relative_under_hour_ago" })
            .into();
    };
    let key = if future { format!("relative_in_{unit}") } else { format!("relative_{unit}_ago") };
    loc.count(&key, amount, &[])
}

/// The data box of a notice.
#[derive(Serialize)]
pub(super) struct DataView<'a> {
    /// The disposition word.
    pub disposition: Option<&'static str>,
    /// A sentence for customers.
    pub disposition_text: Option<&'a str>,
    /// What happens to it (HTML).
    pub details_html: Option<&'a str>,
    /// How to reach it (HTML).
    pub access_html: Option<&'a str>,
    /// When it is usable again.
    pub available_again: Option<TimeView>,
    /// How to export a copy (HTML).
    pub export_html: Option<&'a str>,
}

impl<'a> DataView<'a> {
    fn new(d: &'a Data, site: &'a Site) -> DataView<'a> {
        DataView {
            disposition: d.disposition.map(Disposition::as_str),
            disposition_text: d.disposition.map(|x| disposition_text(&site.locale, x)),
            details_html: d.details.as_ref().map(|m| m.html.as_str()),
            access_html: d.access.as_ref().map(|m| m.html.as_str()),
            available_again: d.available_again.map(|m| TimeView::new(m, site)),
            export_html: d.export.as_ref().map(|m| m.html.as_str()),
        }
    }
}

/// What customers pay now and after a pricing change, in a sentence:
/// "€10 a month now; €12 a month from March 1, 2027".
pub(super) fn price_text(n: &Notice, site: &Site) -> Option<String> {
    let price = n.price.as_ref()?;
    let from = TimeView::new(n.effective, site).date;
    let loc = &site.locale;
    match (&price.before, &price.after) {
        (Some(before), Some(after)) => {
            Some(loc.fill("price_now_then", &[("before", before), ("after", after), ("date", &from)]))
        }
        (None, Some(after)) => Some(loc.fill("price_from", &[("after", after), ("date", &from)])),
        (Some(before), None) => Some(loc.fill("price_now", &[("before", before)])),
        (None, None) => None,
    }
}

/// Why a notice was withdrawn, and when.
#[derive(Serialize)]
pub(crate) struct WithdrawnView<'a> {
    /// When.
    pub(crate) date: TimeView,
    /// Why (HTML).
    pub(crate) reason_html: &'a str,
}

/// Why a notice comes at short notice: what forced it and why.
#[derive(Serialize)]
pub(super) struct EmergencyView<'a> {
    /// The kind's word (`security`, `third-party`), if given.
    pub kind: Option<&'static str>,
    /// The kind as a reader reads it ("Security", "Third party").
    pub label: Option<&'a str>,
    /// Why.
    pub reason: &'a str,
}

impl<'a> EmergencyView<'a> {
    pub(super) fn of(e: &'a Emergency, loc: &'a Locale) -> EmergencyView<'a> {
        let label = e.kind.map(|k| {
            loc.text(match k {
                EmergencyKind::Security => "emergency_security",
                EmergencyKind::Legal => "emergency_legal",
                EmergencyKind::Incident => "emergency_incident",
                EmergencyKind::ThirdParty => "emergency_third_party",
            })
        });
        EmergencyView { kind: e.kind.map(EmergencyKind::as_str), label, reason: &e.reason }
    }
}

/// An update entry.
#[derive(Serialize)]
pub(super) struct UpdateView<'a> {
    /// When.
    pub date: TimeView,
    /// What changed (HTML).
    pub note_html: &'a str,
}

/// Everything a notice page shows (never the support talking points).
#[derive(Serialize)]
pub(super) struct NoticeView<'a> {
    /// URL name.
    pub slug: &'a str,
    /// Site-relative URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Title.
    pub title: &'a str,
    /// Impact word.
    pub impact: &'static str,
    /// "Breaking change".
    pub impact_label: &'a str,
    /// upcoming / in-effect / ended.
    pub state: &'static str,
    /// "Upcoming".
    pub state_label: &'a str,
    /// First published.
    pub published: TimeView,
    /// Takes effect.
    pub effective: TimeView,
    /// Ends.
    pub ends: Option<TimeView>,
    /// The whole window in one phrase, when it has an end: "Sunday 24
    /// January 2027, 01:00–05:00 CET".
    pub window: Option<String>,
    /// Whether the page offers "Add to calendar" (`event.ics`).
    pub add_to_calendar: bool,
    /// Set when the change will not happen.
    pub withdrawn: Option<WithdrawnView<'a>>,
    /// The kind of change (`maintenance`, `pricing`, …).
    pub kind: &'static str,
    /// What customers pay now and after (pricing changes).
    pub price: Option<String>,
    /// "in 98 days".
    pub countdown: String,
    /// Who is affected.
    pub audience: Vec<Link>,
    /// Product areas.
    pub areas: Vec<Link>,
    /// How many are affected.
    pub scope: Option<&'a str>,
    /// The summary (HTML).
    pub summary_html: &'a str,
    /// The summary (text).
    pub summary_text: &'a str,
    /// The body (HTML).
    pub body_html: &'a str,
    /// Benefits (HTML).
    pub benefits_html: Option<&'a str>,
    /// Workaround (HTML).
    pub workaround_html: Option<&'a str>,
    /// Feedback link (the notice's or the site's).
    pub feedback: Option<&'a str>,
    /// Whether the feedback link is an email address.
    pub feedback_is_email: bool,
    /// The data box.
    pub data: Option<DataView<'a>>,
    /// Update history, oldest first.
    pub updates: Vec<UpdateView<'a>>,
    /// Why it could not be announced in advance.
    pub emergency: Option<EmergencyView<'a>>,
    /// A draft (shown by `serve` only).
    pub draft: bool,
    /// Space-separated area slugs (for filtering).
    pub area_slugs: String,
    /// Space-separated audience slugs (for filtering).
    pub audience_slugs: String,
    /// Month of the effective date ("March 2027"), for timelines.
    pub month: String,
    /// The language of its text when that is not the page's: a notice
    /// without a translation, shown in the original on a site in another
    /// language.
    pub lang: Option<&'a str>,
    /// Free data.
    pub extra: Option<RawView<'a>>,
}

/// A site-relative URL.
pub(super) fn url(site: &Site, path: &str) -> String {
    format!("{}{path}", crate::url::split_base(&site.config.base_url).1)
}

/// An absolute URL.
pub(super) fn permalink(site: &Site, path: &str) -> String {
    format!("{}{path}", site.config.base_url.trim_end_matches('/'))
}

fn facet_links(site: &Site, kind: FacetKind, names: &[String]) -> Vec<Link> {
    names
        .iter()
        .map(|n| Link {
            name: site.display_name(kind, n).to_string(),
            url: url(site, &crate::url::facet(kind.folder(), site.facet_slug(kind, n))),
        })
        .collect()
}

impl<'a> NoticeView<'a> {
    /// The view of `n`.
    pub(super) fn new(site: &'a Site, n: &'a Notice) -> NoticeView<'a> {
        let tz = &site.config.timezone;
        let loc = &*site.locale;
        let state = n.state(site.now);
        let path = crate::url::notice(&n.slug);
        let feedback = n.feedback.as_deref().or(site.config.feedback.as_deref());
        NoticeView {
            slug: &n.slug,
            url: url(site, &path),
            permalink: permalink(site, &path),
            title: &n.title,
            impact: n.impact.as_str(),
            impact_label: impact_label(loc, n.impact),
            state: state.as_str(),
            state_label: state_label(loc, state),
            published: TimeView::new(n.published, site),
            effective: TimeView::new(n.effective, site),
            ends: n.ends.map(|m| TimeView::new(m, site)),
            window: n.ends.map(|e| window(n.effective, e, site)),
            add_to_calendar: n.ahead(site.now) && n.withdrawn.is_none(),
            kind: n.kind.as_str(),
            price: price_text(n, site),
            withdrawn: n
                .withdrawn
                .as_ref()
                .map(|w| WithdrawnView { date: TimeView::new(w.date, site), reason_html: &w.reason.html }),
            countdown: countdown(site, n, state),
            audience: facet_links(site, FacetKind::Audience, &n.audience),
            areas: facet_links(site, FacetKind::Area, &n.areas),
            scope: n.scope.as_deref(),
            summary_html: &n.summary_html,
            summary_text: &n.summary_text,
            // The caller adds the body when it shows one (see `notice_value`).
            body_html: "",
            benefits_html: n.benefits.as_ref().filter(|m| !m.is_blank()).map(|m| m.html.as_str()),
            workaround_html: n.workaround.as_ref().filter(|m| !m.is_blank()).map(|m| m.html.as_str()),
            feedback,
            feedback_is_email: feedback.is_some_and(|f| f.starts_with("mailto:")),
            data: n.data.as_ref().map(|d| DataView::new(d, site)),
            updates: n
                .updates
                .iter()
                .map(|u| UpdateView { date: TimeView::new(u.date, site), note_html: &u.note.html })
                .collect(),
            emergency: n.emergency.as_ref().map(|e| EmergencyView::of(e, loc)),
            draft: n.draft,
            area_slugs: n.areas.iter().map(|a| site.facet_slug(FacetKind::Area, a)).collect::<Vec<_>>().join(" "),
            audience_slugs: n
                .audience
                .iter()
                .map(|a| site.facet_slug(FacetKind::Audience, a))
                .collect::<Vec<_>>()
                .join(" "),
            month: loc.month(&n.effective.in_zone(tz)),
            lang: site.untranslated_language(&n.slug),
            extra: n.extra.as_ref().map(RawView),
        }
    }
}

/// Where a notice stands in time, in words: "in 3 days", "took effect 2
/// days ago".
pub(super) fn countdown(site: &Site, n: &Notice, state: State) -> String {
    let loc = &site.locale;
    let when = |t: Timestamp| relative(loc, t, site.now);
    match state {
        State::Upcoming => when(n.effective.ts),
        State::InEffect => loc.fill("countdown_took_effect", &[("when", &when(n.effective.ts))]),
        State::Ended => loc.fill("countdown_ended", &[("when", &when(n.ends.map_or(n.effective.ts, |e| e.ts)))]),
        State::Withdrawn => n
            .withdrawn
            .as_ref()
            .map_or(String::new(), |w| loc.fill("countdown_withdrawn", &[("when", &when(w.date.ts))])),
    }
}

/// An improvement entry as shown.
#[derive(Serialize)]
pub(super) struct ImprovementView<'a> {
    /// URL name (the anchor on the improvements page).
    pub slug: &'a str,
    /// Site-relative URL of its anchor.
    pub url: String,
    /// Title.
    pub title: &'a str,
    /// Date.
    pub date: TimeView,
    /// shipped / planned / declined.
    pub status: &'static str,
    /// "Shipped".
    pub status_label: &'a str,
    /// Areas.
    pub areas: Vec<Link>,
    /// Where the request came from.
    pub feedback_source: Option<&'a str>,
    /// How many asked.
    pub feedback_requests: Option<u64>,
    /// A customer's words.
    pub feedback_quote: Option<&'a str>,
    /// For planned: when.
    pub eta: Option<&'a str>,
    /// For declined: why (HTML).
    pub reason_html: Option<&'a str>,
    /// The related notice.
    pub notice: Option<Link>,
    /// Body (HTML).
    pub body_html: &'a str,
    /// Summary (HTML).
    pub summary_html: &'a str,
    /// Month label ("October 2026").
    pub month: String,
    /// A draft.
    pub draft: bool,
    /// The language of its text when that is not the page's (improvements
    /// have no translations).
    pub lang: Option<&'a str>,
    /// Free data.
    pub extra: Option<RawView<'a>>,
}

impl<'a> ImprovementView<'a> {
    /// The view of `i`.
    pub(super) fn new(site: &'a Site, i: &'a Improvement) -> ImprovementView<'a> {
        let tz = &site.config.timezone;
        let fb = i.feedback.as_ref();
        ImprovementView {
            slug: &i.slug,
            url: url(site, &crate::url::improvement(&i.slug)),
            title: &i.title,
            date: TimeView::new(i.date, site),
            status: i.status.as_str(),
            status_label: status_label(&site.locale, i.status),
            areas: facet_links(site, FacetKind::Area, &i.areas),
            feedback_source: fb.and_then(|f| f.source.as_deref()),
            feedback_requests: fb.and_then(|f| f.requests),
            feedback_quote: fb.and_then(|f| f.quote.as_deref()),
            eta: i.eta.as_deref(),
            reason_html: i.reason.as_ref().map(|m| m.html.as_str()),
            notice: i
                .notice
                .as_ref()
                .and_then(|slug| site.notice(slug))
                .map(|n| Link { name: n.title.clone(), url: url(site, &crate::url::notice(&n.slug)) }),
            body_html: &i.body_html,
            summary_html: &i.summary_html,
            month: site.locale.month(&i.date.in_zone(tz)),
            draft: i.draft,
            lang: site.original_language(),
            extra: i.extra.as_ref().map(RawView),
        }
    }
}

/// A plain page as shown.
#[derive(Serialize)]
pub(super) struct PageView<'a> {
    /// URL name.
    pub slug: &'a str,
    /// Title.
    pub title: &'a str,
    /// Description.
    pub description: Option<&'a str>,
    /// Body (HTML).
    pub body_html: &'a str,
    /// A draft.
    pub draft: bool,
    /// The language of its text when that is not the page's (pages have
    /// no translations).
    pub lang: Option<&'a str>,
    /// Free data.
    pub extra: Option<RawView<'a>>,
}

impl<'a> PageView<'a> {
    /// The view of `p` in `site`.
    pub(super) fn new(site: &'a Site, p: &'a Page) -> PageView<'a> {
        PageView {
            lang: site.original_language(),
            slug: &p.slug,
            title: &p.title,
            description: p.description.as_deref(),
            body_html: &p.body_html,
            draft: p.draft,
            extra: p.extra.as_ref().map(RawView),
        }
    }
}

impl<'a> SiteView<'a> {
    /// The view of the whole site's navigation.
    pub(super) fn new(site: &'a Site) -> SiteView<'a> {
        let facet = |kind: &str, f: &Facet| FacetLink {
            name: f.name.clone(),
            description: f.description.clone(),
            slug: f.slug.clone(),
            url: url(site, &format!("/{kind}/{}/", f.slug)),
            count: f.notices.len(),
        };
        SiteView {
            title: &site.config.title,
            description: &site.config.description,
            base_url: &site.config.base_url,
            base_path: site.config.base_path(),
            webcal: format!("webcal://{}{}", crate::url::host(&site.config.base_url), site.config.base_path()),
            language: site.locale.code(),
            dir: site.locale.dir(),
            languages: super::languages::languages(site),
            timezone: &site.config.timezone_name,
            feedback: site.config.feedback.as_deref(),
            generated: site.now.to_zoned(site.config.timezone.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            areas: site.areas.iter().filter(|f| !f.notices.is_empty()).map(|f| facet("areas", f)).collect(),
            audiences: site.audiences.iter().map(|f| facet("audiences", f)).collect(),
            impacts: Impact::ALL
                .iter()
                .map(|(word, i)| FacetLink {
                    name: impact_label(&site.locale, *i).to_string(),
                    description: None,
                    slug: (*word).to_string(),
                    url: url(site, &format!("/impact/{word}/")),
                    count: site.notices.iter().filter(|n| n.impact == *i).count(),
                })
                .filter(|f| f.count > 0)
                .collect(),
            pages: site
                .pages
                .iter()
                .map(|p| Link { name: p.title.clone(), url: url(site, &crate::url::page(&p.slug)) })
                .collect(),
            extra: site.config.extra.as_ref().map(RawView),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use jiff::tz::TimeZone;

    fn site_in(language: &str) -> Site {
        let config = Config {
            timezone: TimeZone::get("Europe/Amsterdam").unwrap(),
            language: language.into(),
            ..Config::default()
        };
        Site::new(config, Vec::new(), Timestamp::UNIX_EPOCH, false).unwrap()
    }

    #[test]
    fn a_window_reads_as_one_phrase() {
        let site = site_in("en");
        let tz = &site.config.timezone;
        let m = |s: &str| Moment::parse(s, tz).unwrap();
        assert_eq!(
            window(m("2027-01-24T01:00:00+01:00"), m("2027-01-24T05:00:00+01:00"), &site),
            "Sunday, January 24, 2027 at 1:00\u{202f}AM–5:00\u{202f}AM CET"
        );
        assert_eq!(
            window(m("2027-01-24T22:00:00+01:00"), m("2027-01-25T02:00:00+01:00"), &site),
            "Sunday, January 24, 2027 at 10:00\u{202f}PM CET – Monday, January 25, 2027 at 2:00\u{202f}AM CET"
        );
        assert_eq!(TimeView::new(m("2027-03-01"), &site).display, "Monday, March 1, 2027 (CET)");
        let de = site_in("de");
        let shown = window(m("2027-01-24T01:00:00+01:00"), m("2027-01-24T05:00:00+01:00"), &de);
        assert!(shown.starts_with("Sonntag, 24. Januar 2027 um 01:00") && shown.contains("05:00"), "{shown}");
        assert_eq!(TimeView::new(m("2027-03-01"), &de).date, "1. März 2027");
    }

    #[test]
    fn relative_times_read_naturally() {
        let loc = Locale::new("en", None);
        let now: Timestamp = "2026-11-23T12:00:00Z".parse().unwrap();
        assert_eq!(relative(&loc, "2026-11-26T12:00:00Z".parse().unwrap(), now), "in 3 days");
        assert_eq!(relative(&loc, "2026-11-24T11:00:00Z".parse().unwrap(), now), "in 23 hours");
        assert_eq!(relative(&loc, "2026-11-22T12:00:00Z".parse().unwrap(), now), "1 day ago");
    }
}
