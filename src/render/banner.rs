//! `banner.json` and `banner.js`: the in-app banner a vendor embeds with one
//! script tag. The data holds every notice the banner may show (upcoming
//! high and breaking changes, maintenance windows ahead or under way, none
//! withdrawn); the script picks, in the reader's browser and at the reader's
//! time, those of its audience and area due within its `data-days`, so a
//! built file stays right between builds.
//!
//! `banner.js` is the theme's script with the same data in place of its
//! closing `null`: it needs no request of its own, so a page embeds it
//! with nothing but `script-src` of the site's origin in its
//! Content-Security-Policy, and the site needs no CORS header.

use serde::Serialize;

use super::view::permalink;
use crate::content::model::{Notice, State};
use crate::moment::Moment;
use crate::site::{FacetKind, Site};
use crate::words::{ChangeKind, Impact};

/// The banner script as the theme has it; its data is `null` until built.
const SCRIPT: &str = include_str!("../../themes/default/banner.js");

/// What the built `banner.js` has in place of this.
const DATA_MARK: &str = "null /* forewarn: banner data */";

#[derive(Serialize)]
struct Banner<'a> {
    version: u32,
    generated: String,
    site: SiteInfo<'a>,
    notices: Vec<Item<'a>>,
    /// The script's words in the site's language (`banner_*` labels).
    labels: serde_json::Value,
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    url: String,
    language: &'a str,
    dir: &'static str,
    timezone: &'a str,
}

#[derive(Serialize)]
struct Facet<'a> {
    slug: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    impact: &'static str,
    kind: &'static str,
    effective: String,
    ends: Option<String>,
    /// Only a date was written: the script shows no time of day.
    date_only: bool,
    audience: Vec<Facet<'a>>,
    areas: Vec<Facet<'a>>,
    /// The language of its title when it is shown untranslated.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
}

/// Whether the banner may show `n` from `now` on: an upcoming high or
/// breaking change, or a maintenance window ahead or under way.
fn shown(n: &Notice, now: jiff::Timestamp) -> bool {
    let window = n.kind == ChangeKind::Maintenance;
    match n.state(now) {
        State::Upcoming => window || n.impact >= Impact::High,
        State::InEffect => window && n.ends.is_some(),
        State::Ended | State::Withdrawn => false,
    }
}

fn facets<'a>(site: &'a Site, kind: FacetKind, names: &'a [String]) -> Vec<Facet<'a>> {
    names.iter().map(|name| Facet { slug: site.facet_slug(kind, name), name }).collect()
}

fn data(site: &Site) -> Banner<'_> {
    let tz = &site.config.timezone;
    let iso = |m: Moment| m.in_zone(tz).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    Banner {
        version: 1,
        generated: site.now.to_zoned(tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        site: SiteInfo {
            title: &site.config.title,
            url: permalink(site, "/"),
            language: site.locale.code(),
            dir: site.locale.dir(),
            timezone: &site.config.timezone_name,
        },
        notices: site
            .notices
            .iter()
            .filter(|n| shown(n, site.now))
            .map(|n| Item {
                slug: &n.slug,
                title: &n.title,
                url: permalink(site, &crate::url::notice(&n.slug)),
                impact: n.impact.as_str(),
                kind: n.kind.as_str(),
                effective: iso(n.effective),
                ends: n.ends.map(iso),
                date_only: n.effective.date_only,
                audience: facets(site, FacetKind::Audience, &n.audience),
                areas: facets(site, FacetKind::Area, &n.areas),
                lang: site.untranslated_language(&n.slug),
            })
            .collect(),
        labels: site.locale.labels().json_with_prefix("banner_"),
    }
}

/// `script` with the JSON `json` in place of its `mark`.
pub(super) fn with_data(script: &str, mark: &str, json: &str) -> String {
    script.replacen(mark, &ascii(json), 1)
}

/// `json` with every character beyond ASCII as a `\uXXXX` escape (all
/// of them inside strings): the script reads right whatever charset a
/// server sends it with or a host page has, and U+2028 and U+2029 cannot
/// end a line in an engine older than ES2019.
fn ascii(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// `banner.js` (`script`) or `banner.json`.
pub(super) fn file(site: &Site, script: bool) -> Vec<u8> {
    let banner = data(site);
    if script {
        let json = serde_json::to_string(&banner).unwrap_or_else(|_| "null".into());
        return with_data(SCRIPT, DATA_MARK, &json).into_bytes();
    }
    let mut out = serde_json::to_vec_pretty(&banner).unwrap_or_default();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn data_in_the_script_is_ascii() {
        let json = "{\"t\":\"Caf\u{e9} \u{2028} \u{1f600} \\\\u00e9\"}";
        let out = super::ascii(json);
        assert!(out.is_ascii(), "{out}");
        assert_eq!(out, "{\"t\":\"Caf\\u00e9 \\u2028 \\ud83d\\ude00 \\\\u00e9\"}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["t"], "Caf\u{e9} \u{2028} \u{1f600} \\u00e9");
    }

    #[test]
    fn the_script_has_one_place_for_the_data() {
        assert_eq!(super::SCRIPT.matches(super::DATA_MARK).count(), 1);
    }
}
