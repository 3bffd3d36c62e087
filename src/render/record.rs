//! `notices.json`: the machine-readable record of every published notice.
//! It is also the input of `forewarn check --against` on the next deploy, so
//! its shape is stable (documented in the README). Never holds `support`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::view::{EmergencyView, permalink};
use crate::content::model::{Markdown, Notice};
use crate::site::Site;

#[derive(Serialize)]
struct Record<'a> {
    version: u32,
    generated: String,
    site: SiteRecord<'a>,
    notices: Vec<NoticeRecord<'a>>,
}

#[derive(Serialize)]
struct SiteRecord<'a> {
    title: &'a str,
    base_url: &'a str,
    timezone: &'a str,
}

#[derive(Serialize)]
struct DataRecord<'a> {
    disposition: Option<&'static str>,
    details: Option<&'a str>,
    access: Option<&'a str>,
    available_again: Option<String>,
    export: Option<&'a str>,
}

#[derive(Serialize)]
struct UpdateRecord<'a> {
    date: String,
    note: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    changes: Vec<&'static str>,
}

#[derive(Serialize)]
struct WithdrawnRecord<'a> {
    date: String,
    reason: &'a str,
}

/// A published translation, by its language code.
#[derive(Serialize)]
struct TranslationRecord<'a> {
    title: &'a str,
    summary: &'a str,
    published: String,
}

/// What customers pay now and after (pricing changes).
#[derive(Serialize)]
struct PriceRecord<'a> {
    before: Option<&'a str>,
    after: Option<&'a str>,
}

#[derive(Serialize)]
struct NoticeRecord<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    published: String,
    effective: String,
    ends: Option<String>,
    impact: &'static str,
    kind: &'static str,
    price: Option<PriceRecord<'a>>,
    state: &'static str,
    audience: &'a [String],
    areas: &'a [String],
    scope: Option<&'a str>,
    summary: &'a str,
    benefits: Option<&'a str>,
    workaround: Option<&'a str>,
    feedback: Option<&'a str>,
    data: Option<DataRecord<'a>>,
    updates: Vec<UpdateRecord<'a>>,
    withdrawn: Option<WithdrawnRecord<'a>>,
    emergency: Option<EmergencyView<'a>>,
    aliases: &'a [String],
    /// Left out when the notice has none, as in a site of one language.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    translations: BTreeMap<&'a str, TranslationRecord<'a>>,
}

fn md(m: &Option<Markdown>) -> Option<&str> {
    m.as_ref().map(|m| m.source.as_str())
}

fn record<'a>(site: &'a Site, n: &'a Notice) -> NoticeRecord<'a> {
    let tz = &site.config.timezone;
    let iso = |m: crate::moment::Moment| m.in_zone(tz).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    NoticeRecord {
        slug: &n.slug,
        url: permalink(site, &crate::url::notice(&n.slug)),
        title: &n.title,
        published: iso(n.published),
        effective: iso(n.effective),
        ends: n.ends.map(iso),
        impact: n.impact.as_str(),
        kind: n.kind.as_str(),
        price: n.price.as_ref().map(|p| PriceRecord { before: p.before.as_deref(), after: p.after.as_deref() }),
        state: n.state(site.now).as_str(),
        audience: &n.audience,
        areas: &n.areas,
        scope: n.scope.as_deref(),
        summary: &n.summary_text,
        benefits: md(&n.benefits),
        workaround: md(&n.workaround),
        feedback: n.feedback.as_deref().or(site.config.feedback.as_deref()),
        data: n.data.as_ref().map(|d| DataRecord {
            disposition: d.disposition.map(|d| d.as_str()),
            details: md(&d.details),
            access: md(&d.access),
            available_again: d.available_again.map(iso),
            export: md(&d.export),
        }),
        updates: n
            .updates
            .iter()
            .map(|u| UpdateRecord {
                date: iso(u.date),
                note: &u.note.source,
                changes: u.changes.iter().map(|c| c.as_str()).collect(),
            })
            .collect(),
        withdrawn: n.withdrawn.as_ref().map(|w| WithdrawnRecord { date: iso(w.date), reason: &w.reason.source }),
        emergency: n.emergency.as_ref().map(|e| EmergencyView::of(e, &site.locale)),
        aliases: &n.aliases,
        translations: site
            .published_translations(&n.slug)
            .map(|t| {
                let published = iso(t.published.unwrap_or(n.published));
                (t.lang.as_str(), TranslationRecord { title: &t.title, summary: &t.summary_text, published })
            })
            .collect(),
    }
}

/// The JSON text of `notices.json`.
pub(super) fn notices_json(site: &Site) -> Vec<u8> {
    let rec = Record {
        version: 1,
        generated: site.now.to_zoned(site.config.timezone.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        site: SiteRecord {
            title: &site.config.title,
            base_url: &site.config.base_url,
            timezone: &site.config.timezone_name,
        },
        notices: site.notices.iter().map(|n| record(site, n)).collect(),
    };
    // About 1.3 KB a notice: sized once rather than grown (and copied)
    // twenty times on the way to a hundred megabytes.
    let mut out = Vec::with_capacity(4096 + rec.notices.len() * 1536);
    if serde_json::to_writer_pretty(&mut out, &rec).is_err() {
        out.clear();
    }
    out.push(b'\n');
    out
}
