//! The rules for a site in more than one language (`[languages.<code>]`):
//! no language hears less (`translation-missing`: every configured language
//! has the notice, all of its text), and every language hears the same
//! facts (`translation-mismatch`: a translation that states a fact states
//! the original's). A translation published later than its original gives
//! its readers less notice: `advance-notice` measures it from its own
//! `published`.

use jiff::SignedDuration;
use jiff::tz::TimeZone;

use super::timing::{ahead_text, earliest_effective, exempt, lead_days};
use super::{Finding, NoticeCx, blank};
use crate::content::model::{Markdown, Notice};
use crate::content::translation::{Translation, translation_path};
use crate::moment::Moment;
use crate::words::{Impact, Level};

/// `translation-missing`'s level for an impact: deny for high and
/// breaking, warn for medium, allow for low.
fn missing_level(impact: Impact) -> Level {
    [Level::Allow, Level::Warn, Level::Deny, Level::Deny][impact as usize]
}

fn md(m: Option<&Markdown>) -> Option<&str> {
    m.map(|m| m.source.as_str())
}

/// The texts of the original that `t` leaves out or leaves empty, each as
/// the key it belongs under and its name in a message. `support` is for
/// the support team and `summary` defaults to the body's first paragraph:
/// neither is asked for.
fn untranslated(n: &Notice, t: &Translation) -> Vec<(&'static [&'static str], &'static str)> {
    let mut out: Vec<(&'static [&'static str], &'static str)> = Vec::new();
    let mut pair = |key: &'static [&'static str], name: &'static str, original: Option<&str>, here: Option<&str>| {
        if !blank(original) && blank(here) {
            out.push((key, name));
        }
    };
    pair(&["title"], "`title`", Some(&n.title), Some(&t.title));
    pair(&["scope"], "`scope`", n.scope.as_deref(), t.scope.as_deref());
    pair(&["benefits"], "`benefits`", md(n.benefits.as_ref()), md(t.benefits.as_ref()));
    pair(&["workaround"], "`workaround`", md(n.workaround.as_ref()), md(t.workaround.as_ref()));
    let (nd, td) = (n.data.as_ref(), t.data.as_ref());
    pair(
        &["data", "details"],
        "`data.details`",
        nd.and_then(|d| md(d.details.as_ref())),
        td.and_then(|d| md(d.details.as_ref())),
    );
    pair(
        &["data", "access"],
        "`data.access`",
        nd.and_then(|d| md(d.access.as_ref())),
        td.and_then(|d| md(d.access.as_ref())),
    );
    pair(
        &["data", "export"],
        "`data.export`",
        nd.and_then(|d| md(d.export.as_ref())),
        td.and_then(|d| md(d.export.as_ref())),
    );
    pair(
        &["withdrawn", "reason"],
        "`withdrawn.reason`",
        n.withdrawn.as_ref().map(|w| w.reason.source.as_str()),
        t.withdrawn_reason.as_ref().map(|r| r.source.as_str()),
    );
    pair(
        &["emergency"],
        "the `emergency` reason",
        n.emergency.as_ref().map(|e| e.reason.as_str()),
        t.emergency_reason.as_deref(),
    );
    // Notes of updates the translation has (a missing update is a
    // mismatch of the history, not missing text).
    if t.updates.iter().any(|u| u.note.is_blank()) {
        out.push((&["updates"], "an update's `note`"));
    }
    if n.body_words > 0 && !t.has_body {
        out.push((&[], "the body"));
    }
    out
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub(super) fn translation_missing(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    if n.withdrawn.is_some() || n.draft || cx.config.languages.is_empty() {
        return Vec::new();
    }
    let level = missing_level(n.impact);
    let mut out = Vec::new();
    for lang in &cx.config.languages {
        let code = lang.code.as_str();
        let path = translation_path(&n.source.path, code);
        let found = cx.translations.iter().enumerate().find(|(_, t)| t.lang == code);
        match found {
            None => out.push(Finding::new(
                level,
                &["title"],
                format!("no `{code}` translation: customers reading `{code}` would not hear of this {}-impact change", n.impact),
                format!(
                    "add {} with the notice's text in `{code}` (`forewarn new notice --lang {code} {}` writes it, with the text to translate)",
                    path.display(),
                    n.slug
                ),
            )),
            Some((i, t)) if t.draft && !cx.site.drafts_shown => out.push(
                Finding::new(
                    level,
                    &["draft"],
                    format!(
                        "the `{code}` translation is a draft: customers reading `{code}` would not hear of this {}-impact change",
                        n.impact
                    ),
                    "publish it with its original: remove `draft = true`",
                )
                .in_translation(i),
            ),
            Some((i, t)) => {
                let gaps = untranslated(n, t);
                let Some(&(key, _)) = gaps.first() else { continue };
                let names: Vec<&str> = gaps.iter().map(|(_, name)| *name).collect();
                out.push(
                    Finding::new(
                        level,
                        key,
                        format!(
                            "the `{code}` translation leaves out {}, which the original has: customers reading `{code}` would hear less",
                            and_list(&names)
                        ),
                        format!("translate {} from {}", and_list(&names), n.source.path.display()),
                    )
                    .in_translation(i),
                );
            }
        }
    }
    out
}

/// A moment as a message shows it: a date when only a date was written.
fn show_moment(m: &Moment, tz: &TimeZone) -> String {
    let z = m.in_zone(tz);
    if m.date_only { z.strftime("%Y-%m-%d").to_string() } else { z.strftime("%Y-%m-%d %H:%M %Z").to_string() }
}

fn show_words(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

/// One fact a translation states differently from its original.
struct Mismatch {
    key: &'static [&'static str],
    here: String,
    there: String,
}

/// Adds a mismatch when the translation wrote `here` and it is not the
/// original's `there`.
fn compare<T: PartialEq>(
    out: &mut Vec<Mismatch>,
    key: &'static [&'static str],
    here: Option<&T>,
    there: Option<&T>,
    show: impl Fn(&T) -> String,
) {
    let Some(h) = here else { return };
    if there == Some(h) {
        return;
    }
    out.push(Mismatch { key, here: show(h), there: there.map_or_else(|| "none".to_string(), &show) });
}

/// The facts `t` states differently from `n`.
fn mismatches(n: &Notice, t: &Translation, tz: &TimeZone) -> Vec<Mismatch> {
    let f = &t.facts;
    let moment = |m: &Moment| show_moment(m, tz);
    let text = |s: &String| format!("\"{s}\"");
    let mut out = Vec::new();
    compare(&mut out, &["slug"], f.slug.as_ref(), Some(&n.slug), text);
    compare(&mut out, &["effective"], f.effective.as_ref(), Some(&n.effective), moment);
    compare(&mut out, &["ends"], f.ends.as_ref(), n.ends.as_ref(), moment);
    compare(&mut out, &["impact"], f.impact.as_ref(), Some(&n.impact), |i| format!("\"{i}\""));
    compare(&mut out, &["kind"], f.kind.as_ref(), Some(&n.kind), |k| format!("\"{k}\""));
    compare(&mut out, &["audience"], f.audience.as_ref(), Some(&n.audience), |w| show_words(w));
    compare(&mut out, &["areas"], f.areas.as_ref(), Some(&n.areas), |w| show_words(w));
    let data = n.data.as_ref();
    compare(
        &mut out,
        &["data", "disposition"],
        f.disposition.as_ref(),
        data.and_then(|d| d.disposition.as_ref()),
        |d| format!("\"{d}\""),
    );
    compare(
        &mut out,
        &["data", "available_again"],
        f.available_again.as_ref(),
        data.and_then(|d| d.available_again.as_ref()),
        moment,
    );
    compare(&mut out, &["withdrawn", "date"], f.withdrawn.as_ref(), n.withdrawn.as_ref().map(|w| &w.date), moment);
    compare(
        &mut out,
        &["emergency", "kind"],
        f.emergency_kind.as_ref(),
        n.emergency.as_ref().and_then(|e| e.kind.as_ref()),
        |k| format!("\"{k}\""),
    );
    let price = n.price.as_ref();
    compare(&mut out, &["price", "before"], f.price_before.as_ref(), price.and_then(|p| p.before.as_ref()), text);
    compare(&mut out, &["price", "after"], f.price_after.as_ref(), price.and_then(|p| p.after.as_ref()), text);
    compare(&mut out, &["aliases"], f.aliases.as_ref(), Some(&n.aliases), |w| show_words(w));
    out
}

/// How the update history of `t` differs from the original's, as a
/// message: other dates, more or fewer entries, or other `changes`.
fn history_mismatch(n: &Notice, t: &Translation, tz: &TimeZone) -> Option<String> {
    let original = n.source.path.display();
    let code = &t.lang;
    let dates = |list: &mut dyn Iterator<Item = &Moment>| -> String {
        let shown: Vec<String> = list.map(|m| show_moment(m, tz)).collect();
        and_list(&shown.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let here = dates(&mut t.updates.iter().map(|u| &u.date));
    let there = dates(&mut n.updates.iter().map(|u| &u.date));
    let same_dates =
        t.updates.len() == n.updates.len() && t.updates.iter().zip(&n.updates).all(|(a, b)| a.date == b.date);
    if !same_dates {
        return Some(match (t.updates.is_empty(), n.updates.is_empty()) {
            (true, _) => format!(
                "the `{code}` translation has no updates, the original ({original}) has {}: {there}",
                n.updates.len()
            ),
            (false, true) => {
                format!("the `{code}` translation has updates dated {here}, the original ({original}) has none")
            }
            (false, false) => {
                format!("the `{code}` translation's updates are dated {here}, the original's ({original}) {there}")
            }
        });
    }
    t.updates.iter().zip(&n.updates).find_map(|(a, b)| {
        let changes = a.changes.as_ref().filter(|c| **c != b.changes)?;
        let words = |c: &[crate::words::Change]| show_words(&c.iter().map(ToString::to_string).collect::<Vec<_>>());
        Some(format!(
            "the `{code}` translation's update of {} says `changes = {}`, the original ({original}) says {}",
            show_moment(&a.date, tz),
            words(changes),
            words(&b.changes),
        ))
    })
}

pub(super) fn translation_mismatch(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    let tz = &cx.config.timezone;
    let original = n.source.path.display();
    let mut out = Vec::new();
    for (i, t) in cx.published_translations() {
        for m in mismatches(n, t, tz) {
            let key = m.key.join(".");
            out.push(
                Finding::new(
                    Level::Deny,
                    m.key,
                    format!(
                        "the `{}` translation says `{key}` is {}, the original ({original}) says {}",
                        t.lang, m.here, m.there
                    ),
                    format!(
                        "remove `{key}` from the translation: facts come from the original, the same in every language (if the original is wrong, correct it there)"
                    ),
                )
                .in_translation(i),
            );
        }
        if let Some(message) = history_mismatch(n, t, tz) {
            out.push(
                Finding::new(
                    Level::Deny,
                    &["updates"],
                    message,
                    "give the translation one `[[updates]]` per update of the original, with the same `date` (and `changes`, if any) and the `note` translated",
                )
                .in_translation(i),
            );
        }
    }
    out
}

/// `advance-notice` for translations published later than their original:
/// their readers heard of the change only then, so the lead time counts
/// from their own `published`.
pub(super) fn late_translations(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    if exempt(n) || n.withdrawn.is_some() {
        return Vec::new();
    }
    let tz = &cx.config.timezone;
    // When the original's readers heard of the current date: a translation
    // published no later gives its readers as much notice.
    let announced = match cx.history.announced(n, tz) {
        Some(at) if at > n.published.ts => at,
        _ => n.published.ts,
    };
    let lead = lead_days(cx);
    let needed = SignedDuration::from_hours(24 * lead);
    let mut out = Vec::new();
    for (i, t) in cx.published_translations() {
        let Some(published) = t.published.filter(|p| p.ts > announced) else { continue };
        let ahead = n.effective.ts.duration_since(published.ts);
        if ahead >= needed {
            continue;
        }
        // The last moment the translation could still be published, if it
        // is still ahead.
        let latest = n.effective.ts.checked_sub(needed).ok().filter(|at| *at >= cx.now).map(|at| {
            let z = at.to_zoned(tz.clone());
            if published.date_only {
                z.strftime("%Y-%m-%d").to_string()
            } else {
                z.strftime("%Y-%m-%dT%H:%M").to_string()
            }
        });
        let earliest = earliest_effective(published.ts, lead, &cx.config.checklist, tz, n.effective.date_only);
        let original = n.source.path.display();
        let moved = match earliest {
            Some(date) => format!("move `effective` in {original} to {date} or later"),
            None => format!("move `effective` in {original} later"),
        };
        let help = match latest {
            Some(date) => format!("publish the translation by {date}, or {moved}"),
            None => format!("{moved}, or give an `emergency` reason"),
        };
        out.push(
            Finding::new(
                Level::Deny,
                &["published"],
                format!("{}-impact change announced in `{}` {}; needs {lead}", n.impact, t.lang, ahead_text(ahead)),
                help,
            )
            .in_translation(i),
        );
    }
    out
}
