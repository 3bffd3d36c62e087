//! Writing files for people to edit: `forewarn init` (a new site) and
//! `forewarn new` (a notice or improvement with every field to fill in).
//! Also `forewarn brief`, the support team's briefing.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::build::{self, Failure, Options};
use crate::config::Config;
use crate::content::model::{Bodies, Markdown, Notice};
use crate::content::{self, Document, Kind};
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::words::Impact;

fn fail(path: &Path, message: String, help: &str) -> Failure {
    Failure::Input(vec![Diagnostic::error("input", path, message).help(help)])
}

fn write_new(path: &Path, text: &str) -> Result<(), Failure> {
    if path.exists() {
        return Err(fail(
            path,
            format!("{} already exists", path.display()),
            "choose another title, or edit the existing file",
        ));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| fail(parent, format!("cannot create the folder: {e}"), "check the permissions"))?;
    }
    std::fs::write(path, text).map_err(|e| fail(path, format!("cannot write the file: {e}"), "check the permissions"))
}

fn today(opts: &Options, tz: &jiff::tz::TimeZone) -> Date {
    let now = match &opts.now {
        build::Now::Fixed(t) => *t,
        _ => jiff::Timestamp::now(),
    };
    now.to_zoned(tz.clone()).date()
}

/// `forewarn init DIR`: a config, one notice, one improvement; it builds.
pub(crate) fn init(dir: &Path) -> Result<String, Failure> {
    for existing in ["forewarn.toml", "content"] {
        if dir.join(existing).exists() {
            return Err(fail(
                &dir.join(existing),
                format!("{} already exists: this folder already holds a site", dir.join(existing).display()),
                "run `forewarn init` in a new or empty folder",
            ));
        }
    }
    let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
    let effective = today.checked_add(jiff::Span::new().days(45)).unwrap_or(today);
    write_new(&dir.join("forewarn.toml"), INIT_CONFIG)?;
    write_new(
        &dir.join("content/notices/new-export-format.md"),
        &INIT_NOTICE.replace("{published}", &today.to_string()).replace("{effective}", &effective.to_string()),
    )?;
    write_new(
        &dir.join("content/improvements/export-progress.md"),
        &INIT_IMPROVEMENT.replace("{date}", &today.to_string()),
    )?;
    Ok(format!(
        "Created a new site in {}.\n\nNext:\n  forewarn check                  # run the no-surprises checklist\n  forewarn build                  # write the site to public/\n  forewarn new notice \"Title\"     # start a new notice",
        dir.display()
    ))
}

const INIT_CONFIG: &str = r#"# forewarn site configuration. Every key is optional.
title = "Example change notices"
base_url = "https://changes.example.com"
timezone = "UTC"                        # IANA name, e.g. Europe/Amsterdam
feedback = "mailto:product@example.com" # default feedback channel for notices

[checklist.lead_time]                   # days of notice per impact
low = 7
medium = 30
high = 90
breaking = 180

# [[checklist.freeze]]                  # periods changes should not land in
# name = "Year-end freeze"
# start = 2026-12-15
# end = 2027-01-05
"#;

const INIT_NOTICE: &str = r#"+++
title = "CSV exports switch to UTF-8 with a header row"
published = {published}
effective = {effective}
impact = "medium"
audience = ["Administrators", "Finance teams"]
areas = ["exports"]
benefits = "Names with accents and non-Latin scripts export correctly, and spreadsheets recognise the columns without manual setup."
workaround = "If a script reads the old format, set *Export format* to **Legacy** in Settings until you have updated it."
support = "Point customers to the Legacy setting first. Scripts that skip the first line need to skip one more."

[data]
disposition = "unaffected"
+++

CSV exports will be written as UTF-8 and start with a header row naming each column.

## What is changing

Until now, exports used the Windows-1252 encoding and had no header row. From the effective date, every CSV export is UTF-8 and its first line names the columns.

## What you need to do

If you open exports in a spreadsheet, nothing. If a script reads them, make sure it reads UTF-8 and skips the header row.
"#;

const INIT_IMPROVEMENT: &str = r#"+++
title = "Export progress is shown while large exports run"
date = {date}
areas = ["exports"]
status = "shipped"

[feedback]
source = "Support tickets"
requests = 12
quote = "I never know whether the export is still running."
+++

You asked to see how far a large export has come. The export page now shows its progress and an estimate of the time left.
"#;

/// What `forewarn new` creates.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(crate) enum NewKind {
    /// A change notice in content/notices/.
    Notice,
    /// An improvement-log entry in content/improvements/.
    Improvement,
}

/// `forewarn new notice|improvement TITLE`: a file with every field present
/// and commented; it fails the checklist until the placeholders are filled.
pub(crate) fn new_document(opts: &Options, kind: NewKind, title: &str) -> Result<PathBuf, Failure> {
    let config = build::load_config(opts)?;
    let slug = crate::slug::slugify(title);
    if slug.is_empty() {
        return Err(fail(
            Path::new("content"),
            format!("the title `{title}` gives no usable file name"),
            "use a title with some letters or digits a-z, 0-9",
        ));
    }
    let today = today(opts, &config.timezone);
    let title_toml = toml_string(title);
    let (path, text) = match kind {
        NewKind::Notice => {
            let impact = Impact::Medium;
            let lead = config.checklist.lead_time(impact);
            // The first date that gives the full lead time (in real hours:
            // across a DST change a calendar month can be an hour short).
            let published = today.to_zoned(config.timezone.clone()).map(|z| z.timestamp()).unwrap_or_default();
            let effective =
                crate::checklist::earliest_effective(published, lead, &config.checklist, &config.timezone, true)
                    .unwrap_or_else(|| today.to_string());
            (
                opts.root.join("content/notices").join(format!("{slug}.md")),
                NEW_NOTICE
                    .replace("{title}", &title_toml)
                    .replace("{published}", &today.to_string())
                    .replace("{effective}", &effective.to_string())
                    .replace("{lead}", &lead.to_string()),
            )
        }
        NewKind::Improvement => (
            opts.root.join("content/improvements").join(format!("{slug}.md")),
            NEW_IMPROVEMENT.replace("{title}", &title_toml).replace("{date}", &today.to_string()),
        ),
    };
    write_new(&path, &text)?;
    Ok(path)
}

/// `forewarn new notice --lang CODE TITLE`: the translation into `code` of
/// the notice whose slug or title is `title`, written beside it
/// (`name.<code>.md`): every text key of the original, empty, with the
/// original's text in a comment above it, and no facts (they come from the
/// original).
pub(crate) fn new_translation(opts: &Options, code: &str, title: &str) -> Result<PathBuf, Failure> {
    let config = build::load_config(opts)?;
    let config_file = Path::new("forewarn.toml");
    if config.language(code).is_none() {
        let (message, help) = if code == config.language {
            (
                format!("`{code}` is the default language: notices without a suffix are in it"),
                "translate into one of the site's other languages, `[languages.<code>]` in forewarn.toml".to_string(),
            )
        } else if !crate::config::is_language_code(code) {
            (
                format!("`{code}` is not a language code"),
                "give a code of two or three lowercase letters, optionally with a region: `de`, `pt-br`".to_string(),
            )
        } else {
            (
                format!("`{code}` is not a language of this site"),
                format!("add `[languages.{code}]` (with its `title`) to forewarn.toml, then run this again"),
            )
        };
        return Err(fail(config_file, message, &help));
    }
    let original = find_notice(opts, &config, title)?;
    let rel = content::translation::translation_path(&original.source.path, code);
    let path = opts.root.join(&rel);
    let body = std::fs::read_to_string(opts.root.join(&original.source.path))
        .ok()
        .and_then(|text| {
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            content::front_matter::split(&text).ok().map(|s| s.body.trim().to_string())
        })
        .unwrap_or_default();
    let today = today(opts, &config.timezone);
    let text = translation_text(&original, code, today, &config, &body);
    write_new(&path, &text)?;
    Ok(path)
}

/// The notice whose slug, or title, is `wanted`.
fn find_notice(opts: &Options, config: &Config, wanted: &str) -> Result<std::sync::Arc<Notice>, Failure> {
    let (found, _) = content::discover(&opts.root);
    let notices: Vec<content::Found> = found
        .into_iter()
        .filter(|f| f.kind == Kind::Notice && content::translation::language_suffix(&f.file_slug).is_none())
        .collect();
    // Other files' problems are `check`'s business: only the notices matter.
    let (docs, _) = content::load_all(&notices, config, Bodies::Skip);
    let notices: Vec<std::sync::Arc<Notice>> = docs
        .into_iter()
        .filter_map(|d| match d {
            Document::Notice(n) => Some(n),
            _ => None,
        })
        .collect();
    let wanted_slug = crate::slug::slugify(wanted);
    let wanted_title = wanted.trim().to_lowercase();
    let hit = notices
        .iter()
        .find(|n| n.slug == wanted.trim())
        .or_else(|| notices.iter().find(|n| n.title.trim().to_lowercase() == wanted_title))
        .or_else(|| notices.iter().find(|n| !wanted_slug.is_empty() && n.slug == wanted_slug));
    if let Some(n) = hit {
        return Ok(std::sync::Arc::clone(n));
    }
    let mut slugs: Vec<&str> = notices.iter().map(|n| n.slug.as_str()).collect();
    slugs.sort_unstable();
    let help = match crate::diagnostic::did_you_mean(&wanted_slug, &slugs) {
        Some(s) => {
            format!("did you mean `{s}`? give the slug (file name without .md) or the title of the notice to translate")
        }
        None => "give the slug (file name without .md) or the title of a notice in content/notices/".to_string(),
    };
    Err(fail(Path::new("content/notices"), format!("no notice has the slug or title `{wanted}`"), &help))
}

/// `text` as TOML comment lines, each starting with `# `.
fn commented(text: &str) -> String {
    text.trim().lines().map(|l| if l.trim().is_empty() { "#\n".to_string() } else { format!("# {l}\n") }).collect()
}

/// The text of a new translation of `n` into `code` (see
/// [`new_translation`]).
fn translation_text(n: &Notice, code: &str, today: Date, config: &Config, body: &str) -> String {
    let mut out = format!(
        "+++\n# The `{code}` translation of {}.\n# Translate each text; the original's is in the comment above it.\n# The facts (dates, impact, kind, audience, areas, the data\n# disposition, a withdrawal) come from the original: leave them out.\n\n",
        n.source.path.display()
    );
    // A key the original has, empty, below the original's text.
    let key = |out: &mut String, name: &str, original: Option<&str>| {
        if let Some(text) = original {
            out.push_str(&commented(text));
            out.push_str(&format!("{name} = \"\"\n"));
        }
    };
    let some = |t: Option<String>| t.filter(|t| !t.trim().is_empty());
    key(&mut out, "title", Some(&n.title));
    let published = n.published.in_zone(&config.timezone).date();
    if today > published {
        out.push_str(&format!(
            "# When this translation is published: its readers' notice counts from here\n# (the original was published on {published}).\npublished = {today}\n"
        ));
    } else {
        out.push_str(&format!(
            "# When this translation is published, if later than the original ({published}):\n# its readers' notice counts from there.\n# published = {published}\n"
        ));
    }
    let md = |m: &Option<Markdown>| some(m.as_ref().map(|m| m.source.clone()));
    key(&mut out, "scope", some(n.scope.clone()).as_deref());
    key(&mut out, "benefits", md(&n.benefits).as_deref());
    key(&mut out, "workaround", md(&n.workaround).as_deref());
    key(&mut out, "support", md(&n.support).as_deref());
    if let Some(reason) = n.emergency.as_ref().map(|e| e.reason.as_str()).filter(|r| !r.trim().is_empty()) {
        out.push_str("\n[emergency]\n");
        key(&mut out, "reason", Some(reason));
    }
    if let Some(d) = &n.data {
        let texts = [("details", md(&d.details)), ("access", md(&d.access)), ("export", md(&d.export))];
        if texts.iter().any(|(_, t)| t.is_some()) {
            out.push_str("\n[data]\n");
            for (name, text) in &texts {
                key(&mut out, name, text.as_deref());
            }
        }
    }
    for u in &n.updates {
        let date = if u.date.date_only {
            u.date.in_zone(&config.timezone).date().to_string()
        } else {
            u.date.in_zone(&config.timezone).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
        };
        out.push_str(&format!("\n[[updates]]\ndate = {date}  # the original's: keep it\n"));
        key(&mut out, "note", Some(&u.note.source));
    }
    if let Some(w) = &n.withdrawn {
        out.push_str("\n[withdrawn]\n");
        key(&mut out, "reason", Some(&w.reason.source));
    }
    out.push_str("+++\n\n<!-- Translate the original's body below, then remove this comment:\n\n");
    out.push_str(&body.replace("-->", "-- >"));
    out.push_str("\n-->\n");
    out
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

const NEW_NOTICE: &str = r#"+++
title = {title}
# When customers first see this notice; lead time counts from here.
published = {published}
# When the change takes effect. Medium-impact changes need {lead} days' notice
# ([checklist.lead_time]). With a time: 2027-03-01T09:00:00+01:00
effective = {effective}
# Maintenance windows and temporary changes only: when it ends.
# ends = 2027-03-01T11:00:00+01:00
# low | medium | high | breaking
impact = "medium"
# change | maintenance (needs `ends`) | removal | pricing (needs [price]) | security
# kind = "change"
# Who is affected: plans, roles, regions, integrations, e.g. ["API users"].
audience = []
# Product areas, for the per-area pages and feeds, e.g. ["billing"].
areas = []
# How many customers are affected, e.g. "About 12% of workspaces".
# scope = ""
# Why the change is worth it for customers (markdown).
benefits = ""
# How customers can minimise or avoid the impact (markdown).
workaround = ""
# Talking points for support: shown only by `forewarn brief`, never public.
support = ""
# Where customers respond; the site's default applies when this is absent.
# feedback = "mailto:product@example.com"
# Only if the change could not be announced in time: why.
# emergency = { kind = "security", reason = "" }  # security, legal, incident or third-party

# What happens to customers' data (required for high and breaking impact).
# [data]
# disposition = "unaffected"  # unaffected | retained | migrated | archived | unavailable | deleted
# details = ""                # what happens to it
# access = ""                 # how customers reach it (migrated, archived, unavailable)
# available_again = 2027-03-02T09:00:00Z
# export = ""                 # how to download a copy (deleted, unavailable)

# Pricing changes: what customers pay now and from `effective`.
# [price]
# before = ""
# after = ""

# When you change the notice after publishing it, say what changed:
# [[updates]]
# date = 2027-01-10
# note = "Moved the effective date from … to … because …"
# changes = ["effective"]     # effective ends impact audience areas disposition withdrawn

# If the change will not happen: keep the notice and say so.
# [withdrawn]
# date = 2027-01-10
# reason = ""
+++

<!-- Explain the change below: what is changing, who is affected and how,
     and what they need to do. Its first paragraph is the summary. -->
"#;

const NEW_IMPROVEMENT: &str = r#"+++
title = {title}
date = {date}
# Product areas, e.g. ["billing"].
areas = []
# shipped | planned | declined | exists
status = "shipped"
# Planned entries: roughly when: a date, a month ("2027-03") or a quarter ("2027-Q1").
# eta = "2027-Q1"
# Declined entries: an honest reason. Exists entries: where to find it.
# reason = ""
# The slug of the change notice this relates to, if any.
# notice = ""

[feedback]
# Where the request came from, e.g. "Support tickets".
source = ""
# How many customers asked.
# requests = 0
# A customer's words.
# quote = ""
+++

<!-- What customers asked for, and what you did about it. -->
"#;

/// `forewarn brief`: every upcoming and recently effective notice with its
/// talking points, soonest first. Returns the text when not writing files.
pub(crate) fn brief(opts: &Options, out: Option<&Path>, lang: Option<&str>) -> Result<Option<String>, Failure> {
    let checked = build::load(opts)?;
    let site = &build::in_language(checked.site, lang)?;
    let renderer = Renderer::new(&opts.root, &site.config).map_err(Failure::Input)?;
    let brief = renderer.brief(site).map_err(Failure::Input)?;
    let Some(dir) = out else {
        return Ok(Some(brief.text));
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| fail(dir, format!("cannot create the folder: {e}"), "check the path given to --out"))?;
    for (name, body) in [("brief.html", &brief.html), ("brief.txt", &brief.text)] {
        let path = dir.join(name);
        std::fs::write(&path, body).map_err(|e| fail(&path, format!("cannot write: {e}"), "check the permissions"))?;
    }
    Ok(Some(format!("Wrote the support brief ({} notices) to {}", brief.count, dir.display())))
}
