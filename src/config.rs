//! `forewarn.toml`: the site configuration. Every key is optional; unknown
//! keys are errors with a "did you mean" hint (a typo in a compliance setting
//! must not pass silently).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::diagnostic::{Diagnostic, Span};
use crate::locale::{Labels, Locale};
use crate::moment::{self, Moment};
use crate::schema::{Cx, Fields, Locator, Problem, Raw};
use crate::words::{Impact, Level, RuleId};

/// A low-activity period in which changes should not take effect.
#[derive(Clone, Debug)]
pub struct Freeze {
    /// Its name, shown in diagnostics.
    pub name: String,
    /// First moment of the window (a bare date is the start of that day).
    pub start: Moment,
    /// Last moment of the window (a bare date includes the whole day).
    pub end: Moment,
}

/// A display name and description for an area or audience
/// (`[areas.<slug>]`, `[audiences.<slug>]`).
#[derive(Clone, Debug, Default)]
pub struct FacetInfo {
    /// The name readers see (the slug stays in URLs).
    pub name: Option<String>,
    /// One line saying what it covers.
    pub description: Option<String>,
}

/// A language the site is published in besides its default one
/// (`[languages.<code>]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Language {
    /// Its code (`de`, `pt-br`): the suffix of translation files
    /// (`name.de.md`) and, later, the folder of its pages.
    pub code: String,
    /// The site title in this language.
    pub title: Option<String>,
    /// The site description in this language.
    pub description: Option<String>,
}

/// Whether `code` looks like a language code: two or three lowercase
/// letters, optionally a hyphen and a region or script of two to eight
/// lowercase letters or digits (`de`, `pt-br`, `zh-hant`, `es-419`). File
/// names with such a suffix (`name.de.md`) are read as translations.
pub fn is_language_code(code: &str) -> bool {
    let (lang, rest) = code.split_once('-').map_or((code, None), |(l, r)| (l, Some(r)));
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && rest.is_none_or(|r| {
            (2..=8).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `[checklist]`.
#[derive(Clone, Debug)]
pub struct Checklist {
    /// Overridden rule levels, by rule id.
    pub levels: BTreeMap<RuleId, (Level, Span)>,
    /// Days of notice per impact.
    pub lead_time_days: [i64; 4],
    /// Freeze windows.
    pub freeze: Vec<Freeze>,
    /// Fewest words of body text per impact (`min_words`), low to breaking.
    pub min_words: [u64; 4],
    /// Days of notice for a maintenance window of at most 4 hours and of
    /// at most 24 hours (`[checklist.maintenance_lead_time]`); longer
    /// windows need the impact's lead time.
    pub maintenance_lead_days: [i64; 2],
    /// Hours data may be out of reach (`unavailable`) without an export.
    pub unavailable_hours: u64,
    /// How many days after taking effect a notice stays in the support brief.
    pub recent_days: u64,
    /// Days after a high, breaking or maintenance change took effect (or
    /// its window ended) by which an update should say how it went.
    pub follow_up_days: u64,
    /// Most high or breaking notices one audience should meet within 7
    /// days (`change-cluster`).
    pub cluster_max: u64,
    /// Days that are not business days (`[checklist.calendar] weekend`).
    pub weekend: Vec<Weekday>,
    /// Public holidays (`[checklist.calendar] holidays`), in the site zone.
    pub holidays: Vec<Date>,
}

impl Checklist {
    /// The lead time for an impact, in days.
    pub fn lead_time(&self, impact: Impact) -> i64 {
        self.lead_time_days[impact as usize]
    }

    /// Whether `date` is a business day: not a weekend day, not a holiday.
    pub fn is_business_day(&self, date: Date) -> bool {
        !self.weekend.contains(&date.weekday()) && !self.holidays.contains(&date)
    }

    /// The freeze window `at` falls in, if any.
    pub fn freeze_at(&self, at: Timestamp) -> Option<&Freeze> {
        self.freeze.iter().find(|f| f.start.ts <= at && at <= f.end.ts)
    }

    /// The first moment at or after `at` that is on a business day and
    /// outside every freeze window, at the same time of day in `tz`
    /// (`None` past a year of searching, or out of range): what help lines
    /// suggest as a date.
    pub fn next_good_moment(&self, at: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
        let mut at = at;
        for _ in 0..366 {
            let day = at.to_zoned(tz.clone()).date();
            if self.is_business_day(day) && self.freeze_at(at).is_none() {
                return Some(at);
            }
            at = at.checked_add(SignedDuration::from_hours(24)).ok()?;
        }
        None
    }
}

/// The site configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// The config file, if there was one.
    pub path: Option<PathBuf>,
    /// Site title.
    pub title: String,
    /// One-line description.
    pub description: String,
    /// Public URL of the site, without a trailing slash.
    pub base_url: String,
    /// Language of the pages (`lang`): the default language, the one of
    /// `name.md`.
    pub language: String,
    /// The other languages (`[languages.<code>]`), by code.
    pub languages: Vec<Language>,
    /// The IANA name of the site's time zone.
    pub timezone_name: String,
    /// The site's time zone.
    pub timezone: TimeZone,
    /// Default feedback channel.
    pub feedback: Option<String>,
    /// Theme name (`default` is embedded).
    pub theme: String,
    /// Output folder relative to the root.
    pub output_dir: PathBuf,
    /// The checklist's settings.
    pub checklist: Checklist,
    /// How far ahead the newsletter's "coming up" looks.
    pub newsletter_horizon_days: u64,
    /// How far back `newsletter/latest` looks for "now in effect" and
    /// improvements.
    pub newsletter_period_days: u64,
    /// The newsletter's sender (`[newsletter] from`), e.g. `Acme changes
    /// <changes@acme.example>`.
    pub newsletter_from: Option<String>,
    /// Where readers unsubscribe (`[newsletter] unsubscribe`): an https URL
    /// or a mailto: address.
    pub newsletter_unsubscribe: Option<String>,
    /// Display names of areas, by slug (`[areas.<slug>]`).
    pub areas: BTreeMap<String, FacetInfo>,
    /// Display names of audiences, by slug (`[audiences.<slug>]`).
    pub audiences: BTreeMap<String, FacetInfo>,
    /// Days before each event that calendars remind (`[calendar]
    /// remind_days`), as VALARMs.
    pub remind_days: Vec<u64>,
    /// Items per feed.
    pub feed_limit: u64,
    /// Largest content file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Free data for templates.
    pub extra: Option<Raw>,
    /// The site's own labels (`i18n/<code>.toml`), by language code: see
    /// [`Config::read_labels`].
    pub labels: BTreeMap<String, Labels>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            path: None,
            title: "Change notices".into(),
            description: "Upcoming changes, what they mean for you, and what we improved from your feedback.".into(),
            base_url: "http://127.0.0.1:1111".into(),
            language: "en".into(),
            languages: Vec::new(),
            timezone_name: "UTC".into(),
            timezone: TimeZone::UTC,
            feedback: None,
            theme: "default".into(),
            output_dir: PathBuf::from("public"),
            checklist: Checklist {
                levels: BTreeMap::new(),
                lead_time_days: [7, 30, 90, 180],
                freeze: Vec::new(),
                min_words: [8, 12, 25, 40],
                maintenance_lead_days: [7, 14],
                unavailable_hours: 24,
                recent_days: 14,
                follow_up_days: 14,
                cluster_max: 3,
                weekend: vec![Weekday::Saturday, Weekday::Sunday],
                holidays: Vec::new(),
            },
            newsletter_horizon_days: 90,
            newsletter_period_days: 30,
            newsletter_from: None,
            newsletter_unsubscribe: None,
            remind_days: Vec::new(),
            areas: BTreeMap::new(),
            audiences: BTreeMap::new(),
            feed_limit: 50,
            max_file_bytes: 5_000_000,
            extra: None,
            labels: BTreeMap::new(),
        }
    }
}

impl Config {
    /// The path part of `base_url` ("" at a domain root, "/changes" below one).
    pub fn base_path(&self) -> String {
        crate::url::split_base(&self.base_url).1.to_string()
    }

    /// The configured language with `code` (not the default one).
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The codes of the languages the site is published in, the default
    /// first.
    pub fn language_codes(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.language.as_str()).chain(self.languages.iter().map(|l| l.code.as_str()))
    }

    /// Reads the site's label files, `i18n/<code>.toml` under `root`, of
    /// the default language and each configured one: they override the
    /// theme's labels. A key the theme does not have is an error.
    pub fn read_labels(&mut self, root: &Path) -> Result<(), Vec<Diagnostic>> {
        let english = Locale::english();
        let mut diags = Vec::new();
        let codes: Vec<String> = self.language_codes().map(str::to_string).collect();
        for code in &codes {
            let shown = Path::new("i18n").join(format!("{code}.toml"));
            let text = match std::fs::read_to_string(root.join(&shown)) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    diags.push(
                        Diagnostic::error("labels", &shown, format!("cannot read the label file: {e}"))
                            .help("save it as UTF-8 text, readable by you"),
                    );
                    continue;
                }
            };
            match Labels::parse(&text, Some(&english), &shown) {
                Ok(labels) => {
                    self.labels.insert(code.clone(), labels);
                }
                Err(d) => diags.push(*d),
            }
        }
        // A label file no language reads (a misspelt name, a language not
        // configured) would be ignored without a word.
        for entry in std::fs::read_dir(root.join("i18n")).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(code) = name.strip_suffix(".toml") else { continue };
            if !codes.iter().any(|k| k == code) {
                diags.push(
                    Diagnostic::error("labels", Path::new("i18n").join(&name), format!("`{code}` is not a language of this site"))
                        .help(format!(
                            "name label files after the site's languages ({}), or add `[languages.{code}]` to forewarn.toml",
                            codes.join(", ")
                        )),
                );
            }
        }
        if diags.is_empty() { Ok(()) } else { Err(diags) }
    }

    /// Reads the config at `path`; a missing file at the default location
    /// gives the defaults. Every problem is returned, not only the first.
    pub fn load(path: &Path, shown: &Path, must_exist: bool) -> Result<Config, Vec<Diagnostic>> {
        let text = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    return Err(vec![
                        Diagnostic::error("config", shown, "the config file is not UTF-8 text")
                            .help("save forewarn.toml as UTF-8"),
                    ]);
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
                return Ok(Config::default());
            }
            Err(e) => {
                return Err(vec![
                    Diagnostic::error("config", shown, format!("cannot read the config file: {e}"))
                        .help("check the path given to --config"),
                ]);
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        Config::parse(text, shown).map(|mut c| {
            c.path = Some(path.to_path_buf());
            c
        })
    }

    /// Parses config text; `shown` is the path used in diagnostics.
    pub fn parse(text: &str, shown: &Path) -> Result<Config, Vec<Diagnostic>> {
        let to_diag = |p: Problem| {
            let mut d = Diagnostic::error("config", shown, p.message).at(p.span, text);
            d.help = p.help;
            d
        };
        let raw = Raw::from_toml(text).map_err(|e| {
            let span = e.span.map_or(Span::new(1, 1, 1), |r| Span::from_byte_range(text, r.start, r.end, 1));
            vec![to_diag(Problem {
                span,
                message: format!("invalid TOML: {}", e.message),
                help: Some("TOML needs `key = value`, strings in double quotes, tables as `[name]`".into()),
            })]
        })?;
        let locator = Locator::for_toml_file(text);
        // Dates in the config (freeze windows) need the zone first.
        let tz_name = match raw.get("timezone") {
            Some(Raw::Str(s)) => s.clone(),
            _ => "UTC".to_string(),
        };
        let tz = moment::time_zone(&tz_name);
        let utc = TimeZone::UTC;
        let cx = Cx::new(&locator, tz.as_ref().unwrap_or(&utc));
        let mut config = Config::default();
        if let Ok(tz) = &tz {
            config.timezone = tz.clone();
        }
        read(&mut config, cx.root(&raw));
        let mut problems = cx.into_problems();
        match tz {
            Ok(tz) => {
                config.timezone = tz;
                config.timezone_name = tz_name;
            }
            Err(e) => problems.push(Problem {
                span: locator.value(&["timezone"]),
                message: e.0,
                help: Some("use an IANA zone name such as `UTC` or `Europe/Amsterdam`".into()),
            }),
        }
        if problems.is_empty() { Ok(config) } else { Err(problems.into_iter().map(to_diag).collect()) }
    }
}

fn read(c: &mut Config, mut f: Fields<'_>) {
    if let Some(v) = f.string("title") {
        c.title = v;
    }
    if let Some(v) = f.string("description") {
        c.description = v;
    }
    if let Some(v) = f.string("base_url") {
        if v.starts_with("http://") || v.starts_with("https://") {
            c.base_url = v.trim_end_matches('/').to_string();
        } else {
            f.problem(
                "base_url",
                format!("`base_url` must start with http:// or https://, found `{v}`"),
                "write the public address of the site, e.g. `https://changes.example.com`",
            );
        }
    }
    if let Some(v) = f.string("language") {
        c.language = v;
    }
    f.string("timezone"); // read before, here only marked as known
    if let Some(v) = f.string("feedback") {
        if crate::url::is_safe(&v) {
            c.feedback = Some(v);
        } else {
            f.problem(
                "feedback",
                format!("`feedback` must be an http(s) URL or a mailto: address, found `{v}`"),
                "write e.g. `feedback = \"mailto:product@example.com\"`",
            );
        }
    }
    if let Some(v) = f.string("theme") {
        if crate::slug::is_valid(&v) || v.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_') {
            c.theme = v;
        } else {
            f.problem(
                "theme",
                format!("`theme` must be a folder name under themes/, found `{v}`"),
                "write a plain name like `default`",
            );
        }
    }
    if let Some(v) = f.string("output_dir") {
        c.output_dir = PathBuf::from(v);
    }
    if let Some(v) = f.uint("max_file_size") {
        c.max_file_bytes = v;
    }
    c.extra = f.any("extra").cloned();
    if let Some(mut cl) = f.table("checklist") {
        if let Some(levels) = cl.table("levels") {
            read_levels(c, &cl, levels.free_entries());
        }
        if let Some(mut lt) = cl.table("lead_time") {
            for (i, key) in ["low", "medium", "high", "breaking"].into_iter().enumerate() {
                if let Some(days) = lt.days(key) {
                    c.checklist.lead_time_days[i] = days as i64;
                }
            }
            lt.finish();
        }
        for mut fr in cl.tables("freeze") {
            let name = fr.string("name").unwrap_or_else(|| "freeze".into());
            let start = fr.required_moment("start");
            let end = fr.required_moment("end");
            fr.finish();
            if let (Some(start), Some(end)) = (start, end) {
                // A bare end date includes that whole day, in the site zone.
                let end = if end.date_only { end.end_of_day(&c.timezone) } else { end };
                c.checklist.freeze.push(Freeze { name, start, end });
            }
        }
        // `min_body_words` sets one minimum for every impact.
        if let Some(v) = cl.uint("min_body_words") {
            c.checklist.min_words = [v; 4];
        }
        if let Some(mut mw) = cl.table("min_words") {
            for (i, key) in ["low", "medium", "high", "breaking"].into_iter().enumerate() {
                if let Some(words) = mw.uint(key) {
                    c.checklist.min_words[i] = words;
                }
            }
            mw.finish();
        }
        if let Some(mut ml) = cl.table("maintenance_lead_time") {
            for (i, key) in ["up_to_4_hours", "up_to_24_hours"].into_iter().enumerate() {
                if let Some(days) = ml.days(key) {
                    c.checklist.maintenance_lead_days[i] = days as i64;
                }
            }
            ml.finish();
        }
        if let Some(v) = cl.uint("unavailable_hours") {
            c.checklist.unavailable_hours = v;
        }
        if let Some(v) = cl.days("follow_up_days") {
            c.checklist.follow_up_days = v;
        }
        if let Some(v) = cl.days("recent_days") {
            c.checklist.recent_days = v;
        }
        if let Some(v) = cl.uint("cluster_max") {
            c.checklist.cluster_max = v;
        }
        if let Some(mut cal) = cl.table("calendar") {
            if cal.has("weekend") {
                c.checklist.weekend = cal.many_of("weekend", WEEKDAYS);
            }
            c.checklist.holidays = cal.dates("holidays");
            cal.finish();
        }
        cl.finish();
    }
    if let Some(mut nl) = f.table("newsletter") {
        if let Some(v) = nl.days("horizon_days") {
            c.newsletter_horizon_days = v;
        }
        if let Some(v) = nl.days("period_days") {
            c.newsletter_period_days = v;
        }
        if let Some(v) = nl.string("from") {
            if crate::url::is_mailbox(&v) {
                c.newsletter_from = Some(v);
            } else {
                nl.problem(
                    "from",
                    format!("`newsletter.from` must be an email address, found `{v}`"),
                    "write e.g. `from = \"Acme changes <changes@acme.example>\"`",
                );
            }
        }
        if let Some(v) = nl.string("unsubscribe") {
            let ok = (v.starts_with("https://") || v.starts_with("http://") || v.starts_with("mailto:"))
                && crate::url::is_safe(&v)
                && !v.contains(char::is_whitespace);
            if ok {
                c.newsletter_unsubscribe = Some(v);
            } else {
                nl.problem(
                    "unsubscribe",
                    format!("`newsletter.unsubscribe` must be an https URL or a mailto: address, found `{v}`"),
                    "write e.g. `unsubscribe = \"https://acme.example/unsubscribe\"` or `\"mailto:unsubscribe@acme.example\"`",
                );
            }
        }
        nl.finish();
    }
    for (key, map) in [("areas", &mut c.areas), ("audiences", &mut c.audiences)] {
        let Some(t) = f.table(key) else { continue };
        for (slug, mut one) in t.free_tables() {
            let info = FacetInfo { name: one.string("name"), description: one.string("description") };
            one.finish();
            map.insert(crate::slug::slugify(slug), info);
        }
    }
    if let Some(t) = f.table("languages") {
        read_languages(c, t);
    }
    if let Some(mut cal) = f.table("calendar") {
        if cal.has("remind_days") {
            c.remind_days = cal.uints("remind_days");
        }
        cal.finish();
    }
    if let Some(mut feeds) = f.table("feeds") {
        if let Some(v) = feeds.uint("limit") {
            c.feed_limit = v.max(1);
        }
        feeds.finish();
    }
    f.finish();
}

/// `[languages.<code>]`: each table adds a language. Read after `language`
/// (the default one, which cannot be added again).
fn read_languages(c: &mut Config, t: Fields<'_>) {
    for (code, mut one) in t.free_tables() {
        let language =
            Language { code: code.to_string(), title: one.string("title"), description: one.string("description") };
        let wrong = if !is_language_code(code) {
            Some((
                format!("`{code}` is not a language code"),
                "name the table by a language code: two or three lowercase letters, optionally a hyphen and a region or script, as in `[languages.de]`, `[languages.pt-br]`, `[languages.zh-hant]`".to_string(),
            ))
        } else if code == c.language {
            Some((
                format!("`{code}` is the default language (`language`): it needs no `[languages.{code}]`"),
                format!("remove `[languages.{code}]`, or set `language` to the language of the files without a suffix"),
            ))
        } else {
            None
        };
        match wrong {
            Some((message, help)) => one.problem_at(&[], message, help),
            None => c.languages.push(language),
        }
        one.finish();
    }
}

/// The words `[checklist.calendar] weekend` takes.
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("mon", Weekday::Monday),
    ("tue", Weekday::Tuesday),
    ("wed", Weekday::Wednesday),
    ("thu", Weekday::Thursday),
    ("fri", Weekday::Friday),
    ("sat", Weekday::Saturday),
    ("sun", Weekday::Sunday),
];

fn read_levels(c: &mut Config, cl: &Fields<'_>, entries: &[(String, Raw)]) {
    let ids: Vec<&str> = RuleId::ALL.iter().map(|(id, _)| *id).collect();
    for (rule, value) in entries {
        let at = |msg: String, help: String| {
            cl.problem_at(&["levels", rule], msg, help);
        };
        let Some(&(_, id)) = RuleId::ALL.iter().find(|(w, _)| w == rule) else {
            let help = match crate::diagnostic::did_you_mean(rule, &ids) {
                Some(r) => format!("did you mean `{r}`? `forewarn explain` lists every rule"),
                None => "`forewarn explain` lists every rule".to_string(),
            };
            at(format!("unknown checklist rule `{rule}`"), help);
            continue;
        };
        match value {
            Raw::Str(s) => match Level::ALL.iter().find(|(w, _)| w == s) {
                Some((_, level)) => {
                    let span = cl.span_of(&["levels", rule]);
                    c.checklist.levels.insert(id, (*level, span));
                }
                None => at(
                    format!("`checklist.levels.{rule}` cannot be `{s}`"),
                    "a level is one of `deny`, `warn`, `allow`".into(),
                ),
            },
            other => at(
                format!("`checklist.levels.{rule}` must be a string, found {}", other.type_name()),
                "write `\"deny\"`, `\"warn\"` or `\"allow\"`".into(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_are_two_or_three_letters_with_an_optional_region() {
        for code in ["de", "fr", "fil", "pt-br", "zh-hant", "es-419"] {
            assert!(is_language_code(code), "{code}");
        }
        for code in ["", "d", "deutsch", "DE", "pt_BR", "pt-", "-br", "pt-b", "pt-br-x", "de-verylongsub", "v2", "é"] {
            assert!(!is_language_code(code), "{code}");
        }
    }

    #[test]
    fn languages_are_read_by_code_with_their_titles() {
        let text = "[languages.fr]\ntitle = \"Changements\"\n\n[languages.de]\ntitle = \"Änderungen\"\ndescription = \"Was sich ändert\"\n";
        let c = Config::parse(text, Path::new("forewarn.toml")).unwrap();
        let codes: Vec<&str> = c.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["de", "fr"]);
        assert_eq!(c.language("de").and_then(|l| l.description.as_deref()), Some("Was sich ändert"));
        assert!(c.language("en").is_none());
    }
}
