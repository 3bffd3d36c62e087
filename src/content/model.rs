//! The typed documents of a site: change notices, improvement-log entries
//! and plain pages, as read from front matter and markdown.

use std::path::PathBuf;

use jiff::Timestamp;
use serde::Serialize;

use super::markdown;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::moment::Moment;
use crate::schema::{Fields, Locator, Raw};
use crate::words::{Change, ChangeKind, Disposition, EmergencyKind, Impact, Status};

/// Where a document came from, for diagnostics that come after loading
/// (the checklist): the file and the positions of its keys.
#[derive(Clone)]
pub struct Source {
    /// Path relative to the site root (as shown to the user).
    pub path: PathBuf,
    /// Positions of the front-matter keys.
    pub locator: std::sync::Arc<Locator>,
}

impl Source {
    /// A diagnostic pointing at the value of the key at `path` (or at the
    /// nearest enclosing key, or at the fence when the key is missing).
    pub fn diagnostic(
        &self,
        severity: Severity,
        code: &str,
        key_path: &[&str],
        message: impl Into<String>,
    ) -> Diagnostic {
        let span = self.locator.value(key_path);
        self.diagnostic_at(severity, code, span, message)
    }

    /// A diagnostic at an explicit span.
    pub fn diagnostic_at(&self, severity: Severity, code: &str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(severity, code, &self.path, message).at_line(span, self.locator.line_text(span.line))
    }
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source").field("path", &self.path).finish()
    }
}

/// A markdown field: the source as written and its HTML.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Markdown {
    /// As written.
    pub source: String,
    /// Rendered.
    pub html: String,
}

impl Markdown {
    /// Renders `source` (relative links are relative to the site path
    /// `base`); with no base (for `check`) only the source is kept.
    pub fn new(source: String, base: Option<&str>) -> Markdown {
        let html = base.map(|b| markdown::render_at(&source, Some(b)).html).unwrap_or_default();
        Markdown { source, html }
    }

    /// Whether there is any text at all.
    pub fn is_blank(&self) -> bool {
        self.source.trim().is_empty()
    }
}

/// What happens to the customer's data (`[data]`).
#[derive(Clone, Debug, Default)]
pub struct Data {
    /// The disposition.
    pub disposition: Option<Disposition>,
    /// What happens to it.
    pub details: Option<Markdown>,
    /// How customers reach it.
    pub access: Option<Markdown>,
    /// When it is usable again.
    pub available_again: Option<Moment>,
    /// Where or how to download a copy.
    pub export: Option<Markdown>,
}

/// Where a notice stands relative to "now".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Not yet in effect.
    Upcoming,
    /// In effect (and, for a window, not yet over).
    InEffect,
    /// A window or temporary change that is over.
    Ended,
    /// The change will not happen (`[withdrawn]`).
    Withdrawn,
}

impl State {
    /// The kebab-case name used in HTML classes and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Upcoming => "upcoming",
            State::InEffect => "in-effect",
            State::Ended => "ended",
            State::Withdrawn => "withdrawn",
        }
    }
}

/// One entry of a notice's update history.
#[derive(Clone, Debug)]
pub struct Update {
    /// When the notice was updated.
    pub date: Moment,
    /// What changed, in words.
    pub note: Markdown,
    /// Which facts it changed (`changes = [...]`).
    pub changes: Vec<Change>,
}

/// What customers pay now and after a pricing change (`[price]`).
#[derive(Clone, Debug, Default)]
pub struct Price {
    /// What customers pay now.
    pub before: Option<String>,
    /// What they pay after the change.
    pub after: Option<String>,
}

/// A notice whose change will not happen (`[withdrawn]`): it stays on the
/// site, marked withdrawn, so customers who planned for it hear why.
#[derive(Clone, Debug)]
pub struct Withdrawn {
    /// When it was withdrawn.
    pub date: Moment,
    /// Why.
    pub reason: Markdown,
}

/// Why a notice could not give the usual notice (`[emergency]`): the
/// exemption from lead times needs both a kind and a reason.
#[derive(Clone, Debug)]
pub struct Emergency {
    /// What forced it (`None`: the plain-string form, which names none).
    pub kind: Option<EmergencyKind>,
    /// Why, in the writer's words (may be empty).
    pub reason: String,
}

/// A change notice.
#[derive(Clone, Debug)]
pub struct Notice {
    /// Where it came from.
    pub source: Source,
    /// The URL name.
    pub slug: String,
    /// The title.
    pub title: String,
    /// When it was (or will be) first published.
    pub published: Moment,
    /// When the change takes effect.
    pub effective: Moment,
    /// When a window or temporary change ends.
    pub ends: Option<Moment>,
    /// How much it affects customers.
    pub impact: Impact,
    /// What sort of change it is.
    pub kind: ChangeKind,
    /// What customers pay now and after (pricing changes).
    pub price: Option<Price>,
    /// Who is affected.
    pub audience: Vec<String>,
    /// Product areas.
    pub areas: Vec<String>,
    /// How many customers are affected.
    pub scope: Option<String>,
    /// The body as HTML.
    pub body_html: String,
    /// The summary as HTML (one paragraph, no `<p>`): the `summary` key or
    /// the body's first paragraph.
    pub summary_html: String,
    /// The summary as plain text.
    pub summary_text: String,
    /// Words of prose in the body, counted up to `[checklist]
    /// min_body_words` (all the checklist needs to know).
    pub body_words: usize,
    /// What its text says that the checklist judges, read at load.
    pub said: super::reading::Said,
    /// Why the change is worth it.
    pub benefits: Option<Markdown>,
    /// How to avoid or minimise the impact.
    pub workaround: Option<Markdown>,
    /// Where to respond (the notice's own; the site default applies later).
    pub feedback: Option<String>,
    /// Talking points for support: never on the public site.
    pub support: Option<Markdown>,
    /// The data's disposition.
    pub data: Option<Data>,
    /// History of changes to the notice.
    pub updates: Vec<Update>,
    /// Set when the change will not happen.
    pub withdrawn: Option<Withdrawn>,
    /// Why it could not be announced in advance.
    pub emergency: Option<Emergency>,
    /// Shown by `serve`, left out of `build`.
    pub draft: bool,
    /// Old URL paths that redirect here.
    pub aliases: Vec<String>,
    /// Files beside a folder notice's `index.md` (source, path inside the
    /// folder), copied beside its page.
    pub assets: Vec<(PathBuf, PathBuf)>,
    /// Free data for templates.
    pub extra: Option<Raw>,
}

/// What loading does with markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bodies {
    /// Keep the text only: all `check` needs.
    Skip,
    /// Render every markdown field and body to HTML.
    Render,
}

/// The feedback an improvement answers.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FeedbackSource {
    /// Where the request came from.
    pub source: Option<String>,
    /// How many customers asked.
    pub requests: Option<u64>,
    /// A customer's words.
    pub quote: Option<String>,
}

/// An improvement-log entry ("you asked, we did").
#[derive(Debug)]
pub struct Improvement {
    /// Where it came from.
    pub source: Source,
    /// The URL name.
    pub slug: String,
    /// The title.
    pub title: String,
    /// When it was shipped, planned or declined.
    pub date: Moment,
    /// Product areas.
    pub areas: Vec<String>,
    /// Shipped, planned or declined.
    pub status: Status,
    /// The feedback it answers.
    pub feedback: Option<FeedbackSource>,
    /// For planned entries: roughly when.
    pub eta: Option<String>,
    /// For declined entries: why not.
    pub reason: Option<Markdown>,
    /// Slug of a related change notice.
    pub notice: Option<String>,
    /// The body as HTML.
    pub body_html: String,
    /// The first paragraph as HTML.
    pub summary_html: String,
    /// The first paragraph as text.
    pub summary_text: String,
    /// Shown by `serve`, left out of `build`.
    pub draft: bool,
    /// Free data for templates.
    pub extra: Option<Raw>,
}

/// A plain page (about, policy).
#[derive(Debug)]
pub struct Page {
    /// Where it came from.
    pub source: Source,
    /// The URL name.
    pub slug: String,
    /// The title.
    pub title: String,
    /// A one-line description for `<meta>`.
    pub description: Option<String>,
    /// The body as HTML.
    pub body_html: String,
    /// Shown by `serve`, left out of `build`.
    pub draft: bool,
    /// Old URL paths that redirect here.
    pub aliases: Vec<String>,
    /// Free data for templates.
    pub extra: Option<Raw>,
}

/// The parts every document has before its kind is known.
pub struct Parts<'a> {
    /// Where it came from.
    pub source: Source,
    /// The slug from the file name (may be overridden by `slug`).
    pub file_slug: String,
    /// The markdown body.
    pub body: &'a str,
    /// Assets (folder documents only): source and path inside the folder.
    pub assets: Vec<(PathBuf, PathBuf)>,
    /// The path part of the site's base URL ("" at a domain root).
    pub base_path: String,
    /// Render markdown to HTML (`check` needs only the text).
    pub render: bool,
    /// Words of body enough for the checklist (counting stops there).
    pub words_needed: usize,
}

pub(super) fn markdown_field(f: &mut Fields<'_>, key: &'static str, base: Option<&str>) -> Option<Markdown> {
    f.string(key).map(|s| Markdown::new(s, base))
}

pub(super) fn url_field(f: &mut Fields<'_>, key: &'static str) -> Option<String> {
    let value = f.string(key)?;
    if !crate::url::is_safe(&value) || value.trim().is_empty() {
        f.problem(
            key,
            format!("`{key}` must be an http(s) URL, a mailto: address or a site path, found `{value}`"),
            "write a link such as `https://feedback.example.com/x` or `mailto:team@example.com`",
        );
        return None;
    }
    Some(value)
}

fn slug_field(f: &mut Fields<'_>, file_slug: &str) -> String {
    match f.string("slug") {
        Some(s) if crate::slug::is_valid(&s) => s,
        Some(s) => {
            // Text in other scripts (or only punctuation) has no slug of its
            // own: suggest a transliteration by hand rather than `""`.
            let help = match crate::slug::slugify(&s) {
                suggestion if suggestion.is_empty() => {
                    "write the slug in a-z, 0-9 and hyphens, e.g. a transliteration (`nihongo-update`), or remove `slug` to use the file name".to_string()
                }
                suggestion => format!("write `slug = \"{suggestion}\"`"),
            };
            f.problem("slug", format!("`slug` must use only a-z, 0-9 and single hyphens, found `{s}`"), help);
            file_slug.to_string()
        }
        None => file_slug.to_string(),
    }
}

/// `[emergency]` with `kind` and `reason`, or the older plain string (a
/// reason with no kind; the checklist asks for the kind).
fn emergency_field(f: &mut Fields<'_>) -> Option<Emergency> {
    if f.holds_table("emergency") {
        let mut e = f.table("emergency")?;
        let kind = e.one_of("kind", EmergencyKind::ALL);
        let reason = e.string("reason").unwrap_or_default();
        e.finish();
        return Some(Emergency { kind, reason });
    }
    let reason = f.string("emergency").filter(|s| !s.trim().is_empty())?;
    Some(Emergency { kind: None, reason })
}

fn aliases_field(f: &mut Fields<'_>) -> Vec<String> {
    let aliases = f.strings("aliases");
    let mut ok = Vec::new();
    for a in aliases {
        match crate::url::alias_path(&a) {
            Some(_) => ok.push(a),
            None => f.problem(
                "aliases",
                format!("alias `{a}` is not a safe site path"),
                "write an absolute path inside the site such as `/2026/old-name/`, without `..`, `\\`, `?` or `#`",
            ),
        }
    }
    ok
}

/// The body as HTML and the summary as HTML and text (the `summary` key,
/// else the body's first paragraph); heading ids start with `id_prefix`.
/// All empty when markdown is not rendered (`base` is `None`).
pub(super) fn body_summary(
    f: &mut Fields<'_>,
    body: &str,
    base: Option<&str>,
    id_prefix: &str,
) -> (String, String, String) {
    let key = f.string("summary");
    let Some(base) = base else {
        return Default::default();
    };
    let mut rendered = markdown::render_scoped(body, Some(base), id_prefix);
    if let Some(summary) = key {
        let r = markdown::render_at(&summary, Some(base));
        (rendered.summary_html, rendered.summary_text) = (r.summary_html, r.summary_text);
    }
    (rendered.html, rendered.summary_html, rendered.summary_text)
}

impl Notice {
    /// Reads a notice from its front matter; `None` when a required key is
    /// missing or invalid (the problem is recorded in `f`).
    pub fn read(mut f: Fields<'_>, parts: Parts<'_>) -> Option<Notice> {
        let slug = slug_field(&mut f, &parts.file_slug);
        let base = parts.render.then(|| format!("{}{}", parts.base_path, crate::url::notice(&slug)));
        let base = base.as_deref();
        let title = f.required_string("title");
        let published = f.required_moment("published");
        let effective = f.required_moment("effective");
        let ends = f.moment("ends");
        let impact = f.one_of("impact", Impact::ALL);
        if impact.is_none() && !f.has("impact") {
            f.missing("impact");
        }
        let kind = f.one_of("kind", ChangeKind::ALL).unwrap_or(ChangeKind::Change);
        let price = f.table("price").map(|mut p| {
            let price = Price { before: p.string("before"), after: p.string("after") };
            p.finish();
            price
        });
        let audience = f.strings("audience");
        let areas = f.strings("areas");
        let scope = f.string("scope");
        let (body_html, summary_html, summary_text) = body_summary(&mut f, parts.body, base, "");
        let benefits = markdown_field(&mut f, "benefits", base);
        let workaround = markdown_field(&mut f, "workaround", base);
        let feedback = url_field(&mut f, "feedback");
        let support = markdown_field(&mut f, "support", base);
        let data = f.table("data").map(|mut d| {
            let data = Data {
                disposition: d.one_of("disposition", Disposition::ALL),
                details: markdown_field(&mut d, "details", base),
                access: markdown_field(&mut d, "access", base),
                available_again: d.moment("available_again"),
                export: markdown_field(&mut d, "export", base),
            };
            d.finish();
            data
        });
        let mut updates = Vec::new();
        for mut u in f.tables("updates") {
            let date = u.required_moment("date");
            let note = u.required_string("note");
            let changes = u.many_of("changes", Change::ALL);
            u.finish();
            if let (Some(date), Some(note)) = (date, note) {
                updates.push(Update { date, note: Markdown::new(note, base), changes });
            }
        }
        updates.sort_by_key(|u| u.date);
        let withdrawn = f.table("withdrawn").and_then(|mut w| {
            let date = w.required_moment("date");
            let reason = w.required_string("reason");
            w.finish();
            Some(Withdrawn { date: date?, reason: Markdown::new(reason?, base) })
        });
        let emergency = emergency_field(&mut f);
        let draft = f.bool("draft").unwrap_or(false);
        let aliases = aliases_field(&mut f);
        let extra = f.any("extra").cloned();
        if let (Some(ends), Some(effective)) = (ends, effective)
            && ends <= effective
        {
            f.problem("ends", "`ends` must be after `effective`", "a window ends after it starts; check both dates");
        }
        if kind == ChangeKind::Maintenance && ends.is_none() && f.has("effective") {
            f.problem(
                "kind",
                "a maintenance notice needs `ends`: when the window closes",
                "add `ends = …` (a datetime after `effective`), or choose another `kind`",
            );
        }
        if let (Some(back), Some(effective)) = (data.as_ref().and_then(|d| d.available_again), effective)
            && back < effective
        {
            f.problem_at(
                &["data", "available_again"],
                "`data.available_again` is before `effective`: data cannot come back before it goes away",
                "set `available_again` to when the data is usable again, at or after `effective` (or `ends`)",
            );
        }
        f.finish();
        let body = parts.body;
        let mut notice = Notice {
            source: parts.source,
            slug,
            title: title?,
            published: published?,
            effective: effective?,
            ends,
            impact: impact?,
            kind,
            price,
            audience,
            areas,
            scope,
            body_html,
            summary_html,
            summary_text,
            body_words: markdown::count_words_up_to(parts.body, parts.words_needed),
            said: super::reading::Said::default(),
            benefits,
            workaround,
            feedback,
            support,
            data,
            updates,
            withdrawn,
            emergency,
            draft,
            aliases,
            assets: parts.assets,
            extra,
        };
        notice.said = super::reading::read(public_text(&notice, body));
        Some(notice)
    }

    /// The data disposition, if given.
    pub fn disposition(&self) -> Option<Disposition> {
        self.data.as_ref().and_then(|d| d.disposition)
    }

    /// The notice's state as of `now`.
    pub fn state(&self, now: Timestamp) -> State {
        if self.withdrawn.as_ref().is_some_and(|w| w.date.ts <= now) {
            State::Withdrawn
        } else if now < self.effective.ts {
            State::Upcoming
        } else if self.ends.is_some_and(|e| now >= e.ts) {
            State::Ended
        } else {
            State::InEffect
        }
    }

    /// Whether the notice's date, or its window, is still to come or under
    /// way as of `now`: only such a notice offers "Add to calendar" (an
    /// event file for a day long past is of no use to anyone).
    pub fn ahead(&self, now: Timestamp) -> bool {
        now < self.effective.ts || self.ends.is_some_and(|e| now < e.ts)
    }
}

/// Every public text of `n` with the key it is written under: title, scope,
/// benefits, workaround, the data answer, update notes, the reason for a
/// withdrawal, and the body (the empty key).
fn public_text<'a>(n: &'a Notice, body: &'a str) -> impl Iterator<Item = (&'static [&'static str], &'a str)> {
    fn md(m: &Option<Markdown>) -> Option<&str> {
        m.as_ref().map(|m| m.source.as_str())
    }
    let data = n.data.as_ref();
    [
        (&["title"][..], Some(n.title.as_str())),
        (&["scope"][..], n.scope.as_deref()),
        (&["benefits"][..], md(&n.benefits)),
        (&["workaround"][..], md(&n.workaround)),
        (&["data", "details"][..], data.and_then(|d| md(&d.details))),
        (&["data", "access"][..], data.and_then(|d| md(&d.access))),
        (&["data", "export"][..], data.and_then(|d| md(&d.export))),
        (&["withdrawn", "reason"][..], n.withdrawn.as_ref().map(|w| w.reason.source.as_str())),
        (&["emergency"][..], n.emergency.as_ref().map(|e| e.reason.as_str())),
        (&["price", "before"][..], n.price.as_ref().and_then(|p| p.before.as_deref())),
        (&["price", "after"][..], n.price.as_ref().and_then(|p| p.after.as_deref())),
    ]
    .into_iter()
    .filter_map(|(key, text)| text.map(|t| (key, t)))
    .chain(n.updates.iter().map(|u| (&["updates"][..], u.note.source.as_str())))
    .chain(std::iter::once((&[][..], body)))
}

impl Improvement {
    /// Reads an improvement entry from its front matter.
    pub fn read(mut f: Fields<'_>, parts: Parts<'_>) -> Option<Improvement> {
        let slug = slug_field(&mut f, &parts.file_slug);
        let base = parts.render.then(|| format!("{}{}", parts.base_path, crate::url::IMPROVEMENTS));
        let base = base.as_deref();
        let title = f.required_string("title");
        let date = f.required_moment("date");
        let areas = f.strings("areas");
        let status = f.one_of("status", Status::ALL);
        if status.is_none() && !f.has("status") {
            f.missing("status");
        }
        let feedback = f.table("feedback").map(|mut t| {
            let fb =
                FeedbackSource { source: t.string("source"), requests: t.uint("requests"), quote: t.string("quote") };
            t.finish();
            fb
        });
        let eta = match f.any("eta") {
            Some(Raw::Str(s) | Raw::Datetime(s)) => Some(s.clone()),
            Some(other) => {
                f.problem(
                    "eta",
                    format!("`eta` must be a date or a string like \"2027-Q1\", found {}", other.type_name()),
                    "write `eta = \"2027-Q1\"` or `eta = 2027-03-01`",
                );
                None
            }
            None => None,
        };
        let reason = markdown_field(&mut f, "reason", base);
        let notice = f.string("notice");
        // Entries are shown many to a page, each as an element with its slug as id.
        let (body_html, summary_html, summary_text) = body_summary(&mut f, parts.body, base, &format!("{slug}-"));
        let draft = f.bool("draft").unwrap_or(false);
        let extra = f.any("extra").cloned();
        f.finish();
        Some(Improvement {
            source: parts.source,
            slug,
            title: title?,
            date: date?,
            areas,
            status: status?,
            feedback,
            eta,
            reason,
            notice,
            body_html,
            summary_html,
            summary_text,
            draft,
            extra,
        })
    }
}

impl Page {
    /// Reads a plain page from its front matter.
    pub fn read(mut f: Fields<'_>, parts: Parts<'_>) -> Option<Page> {
        let slug = slug_field(&mut f, &parts.file_slug);
        let base = parts.render.then(|| format!("{}{}", parts.base_path, crate::url::page(&slug)));
        let base = base.as_deref();
        let title = f.required_string("title");
        let description = f.string("description");
        let draft = f.bool("draft").unwrap_or(false);
        let aliases = aliases_field(&mut f);
        let extra = f.any("extra").cloned();
        f.finish();
        Some(Page {
            source: parts.source,
            slug,
            title: title?,
            description,
            body_html: base.map(|b| markdown::render_at(parts.body, Some(b)).html).unwrap_or_default(),
            draft,
            aliases,
            extra,
        })
    }
}
