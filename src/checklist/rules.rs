//! The rules of the no-surprises checklist. Each rule is one entry in
//! [`RULES`]: its id, default level, what it checks, why, and the check.
//! Adding a rule means adding one entry here.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::{Finding, NoticeCx};
use crate::content::model::Improvement;
use crate::diagnostic::plural;
use crate::words::{ChangeKind, Disposition, Impact, Level, RuleId};

use super::blank;
use super::improvements::{improvement_feedback, stale_eta};
use super::links::links;
use super::reading::{actionable_workaround, impact_understated, placeholder, price_stated};
use super::timing::{
    ahead_text, business_day, change_cluster, earliest_effective, emergency_gap, exempt, lead_days, suggest,
};
use super::translations::{late_translations, translation_mismatch, translation_missing};
use crate::site::Site;

/// What a rule looks at.
pub enum Check {
    /// One notice at a time.
    Notice(fn(&NoticeCx<'_>) -> Vec<Finding>),
    /// One improvement entry at a time, as of "now" in the site's zone.
    Improvement(fn(&Improvement, Timestamp, &TimeZone) -> Vec<Finding>),
    /// Needs the previously published `notices.json` (`--against`); run by
    /// the checklist runner itself.
    Against,
    /// Looks at drafts, which are not published; run by the checklist
    /// runner itself.
    Drafts,
    /// Looks at all notices together; answers indexes into `Site::notices`.
    Site(fn(&Site) -> Vec<(usize, Finding)>),
}

/// A checklist rule.
pub struct Rule {
    /// Stable id, used in config and output.
    pub id: RuleId,
    /// The default level, in words (some depend on the impact).
    pub default: &'static str,
    /// When it fires.
    pub fires_when: &'static str,
    /// Why it matters to customers.
    pub rationale: &'static str,
    /// How to satisfy it.
    pub fix: &'static str,
    /// The check.
    pub check: Check,
}

fn by_impact(impact: Impact, levels: [Level; 4]) -> Level {
    levels[impact as usize]
}

/// Every rule, in the order `forewarn explain` lists them.
pub const RULES: &[Rule] = &[
    Rule {
        id: RuleId::AdvanceNotice,
        default: "deny",
        fires_when: "`effective - published` is shorter than the lead time for the impact ([checklist.lead_time]: low 7 days, medium 30, high 90, breaking 180) and no `emergency` reason is given; a translation published later than its original is measured from its own `published`",
        rationale: "Customers need time to plan, test and tell their own users. A change announced too late is a surprise however well it is explained. The bigger the impact, the more time they need.",
        fix: "Move `effective` later, publish earlier, or — if the change truly could not wait (a security fix, a legal order) — give an `emergency` reason, which is shown prominently on the notice.",
        check: Check::Notice(advance_notice),
    },
    Rule {
        id: RuleId::Retroactive,
        default: "deny",
        fires_when: "`published` is after `effective` and no `emergency` reason is given",
        rationale: "A notice published after the change took effect is not a notice: customers learn about it from a broken integration.",
        fix: "Correct the dates, or give an `emergency` reason explaining why the change could not be announced first.",
        check: Check::Notice(retroactive),
    },
    Rule {
        id: RuleId::Audience,
        default: "deny",
        fires_when: "the notice has no `audience`",
        rationale: "Readers decide in seconds whether a notice concerns them. Saying who is affected (plans, roles, regions, API users) spares everyone else and alerts the right people.",
        fix: "Add `audience = [\"…\"]` naming the plans, roles, regions or integrations affected.",
        check: Check::Notice(audience),
    },
    Rule {
        id: RuleId::ImpactExplained,
        default: "deny",
        fires_when: "the body has no text explaining the impact, or fewer words than its impact needs ([checklist] min_words, default low 8, medium 12, high 25, breaking 40)",
        rationale: "A title and a date do not tell customers what will be different for them. The body explains what changes and what it means for their work.",
        fix: "Write the body: what is changing, who is affected and how, what they need to do.",
        check: Check::Notice(impact_explained),
    },
    Rule {
        id: RuleId::Benefits,
        default: "deny for high and breaking, warn for medium",
        fires_when: "the notice has no `benefits`",
        rationale: "Customers accept work more readily when they know why the change is worth it. A change without a stated benefit reads as a cost imposed on them.",
        fix: "Add `benefits = \"…\"`: what customers gain (speed, security, lower cost, a new capability).",
        check: Check::Notice(benefits),
    },
    Rule {
        id: RuleId::Workaround,
        default: "deny for medium, high and breaking",
        fires_when: "the notice has no `workaround`",
        rationale: "Every change that costs customers effort should come with the least painful way through it: a migration path, a setting, an alternative.",
        fix: "Add `workaround = \"…\"`: how to minimise or avoid the impact.",
        check: Check::Notice(workaround),
    },
    Rule {
        id: RuleId::DataDisposition,
        default: "deny",
        fires_when: "no `data.disposition` while the impact is high or breaking, the kind is `removal`, or a sentence of the notice names customer data with a word for deleting, purging, hiding, archiving, moving or migrating it (not when the sentence denies it); write `unaffected` when the data is untouched",
        rationale: "The first question after a big change is \"what happens to my data?\". Saying it explicitly — even that it is untouched — prevents alarm and support tickets.",
        fix: "Add a `[data]` table with `disposition` = unaffected, retained, migrated, archived, unavailable or deleted (write `unaffected` when the data is untouched).",
        check: Check::Notice(data_disposition),
    },
    Rule {
        id: RuleId::DataAccess,
        default: "deny",
        fires_when: "the disposition is `unavailable`, `archived` or `migrated` and `data.access` or `data.available_again` is missing",
        rationale: "When data moves or goes offline, customers need to know how to reach it and when it is usable again.",
        fix: "Add `access` (how customers reach the data) and `available_again` (when) to `[data]`.",
        check: Check::Notice(data_access),
    },
    Rule {
        id: RuleId::DataExport,
        default: "deny",
        fires_when: "disposition is `deleted`, or `unavailable` for longer than `[checklist] unavailable_hours` (default 24) after `effective` or with no `available_again`, and no `export`",
        rationale: "Before data is deleted or goes offline, customers must be able to keep a copy.",
        fix: "Add `export` to `[data]`: a URL or the steps to download a copy.",
        check: Check::Notice(data_export),
    },
    Rule {
        id: RuleId::FeedbackChannel,
        default: "deny",
        fires_when: "the notice has no `feedback` and the site config has none",
        rationale: "Customers must be able to respond at every stage: questions, objections and edge cases the team did not foresee.",
        fix: "Add `feedback = \"https://…\"` or `mailto:` to the notice, or a default `feedback` to forewarn.toml.",
        check: Check::Notice(feedback_channel),
    },
    Rule {
        id: RuleId::SupportPrep,
        default: "warn (deny for breaking)",
        fires_when: "the notice has no `support` talking points",
        rationale: "Customers will ask support first. Support that has not been briefed gives vague or wrong answers, which turns a well-announced change into a surprise. Talking points appear only in `forewarn brief`, never on the public site.",
        fix: "Add `support = \"…\"`: what support should say, where to route questions, known edge cases.",
        check: Check::Notice(support_prep),
    },
    Rule {
        id: RuleId::QuietPeriod,
        default: "warn",
        fires_when: "`effective` falls inside a configured freeze window ([[checklist.freeze]], boundaries included, in the site's time zone)",
        rationale: "Changes should land in low-activity periods, not during customers' busiest or most thinly staffed times (quarter end, holidays).",
        fix: "Move `effective` outside the freeze window.",
        check: Check::Notice(quiet_period),
    },
    Rule {
        id: RuleId::SilentReschedule,
        default: "deny",
        fires_when: "compared with the previously published notices.json (the output folder's own, or `--against PATH`), `effective` or `ends` moved, the impact rose, the data disposition changed, or `audience` or `areas` gained entries, and no `updates` entry dated after that publication lists the fact in its `changes` (a note naming the new effective date counts for `effective`)",
        rationale: "Subscribers plan around the dates and facts they were given. Changing them silently breaks that trust; an update entry tells them what moved and why (and calendars follow via SEQUENCE).",
        fix: "Add an `[[updates]]` entry dated today with `changes = [\"effective\"]` (each fact that changed) and a note saying what changed and why.",
        check: Check::Against,
    },
    Rule {
        id: RuleId::WithdrawnSilently,
        default: "warn",
        fires_when: "a notice in the previously published notices.json (the output folder's own, or `--against PATH`) is no longer in the site",
        rationale: "A notice that vanishes leaves customers wondering whether the change is still coming. Its page should stay and say it was withdrawn.",
        fix: "Keep the notice and add a `[withdrawn]` table with `date` and `reason`: it stays on the site, marked withdrawn, and its calendar event is cancelled.",
        check: Check::Against,
    },
    Rule {
        id: RuleId::ImprovementFeedback,
        default: "warn (deny for planned without eta, declined without reason)",
        fires_when: "an improvement entry names no `feedback` source (warn); `planned` without an `eta`, an `eta` that is not a date, a month or a quarter, `declined` without a `reason` or with one that says nothing (a stock phrase, a word or two), or `exists` without a `reason` saying where (deny)",
        rationale: "Reporting improvements back to the customers who asked closes the loop. A planned item needs an approximate date and a declined one an honest reason, or the answer is no answer.",
        fix: "Add `[feedback] source = \"…\"`; give planned entries `eta` and declined ones `reason`.",
        check: Check::Improvement(improvement_feedback),
    },
    Rule {
        id: RuleId::StaleEta,
        default: "warn",
        fires_when: "a `planned` improvement whose `eta` (a date, a month or a quarter) has passed",
        rationale: "A date promised to the customers who asked and then silently missed is a small surprise of its own. Say it shipped, say when it will, or say it will not.",
        fix: "Mark the entry shipped, give a new `eta` and say why it moved, or decline it with a reason.",
        check: Check::Improvement(stale_eta),
    },
    Rule {
        id: RuleId::Backdated,
        default: "deny",
        fires_when: "compared with the previous record, a notice that was not in it has a `published` moment before the record was published",
        rationale: "A notice dated before the publication that did not carry it claims a head start customers never had: its lead time would count days in which nobody could read it.",
        fix: "Set `published` to when customers can first read the notice (the day of this publication or later), then check that `effective` still gives full notice.",
        check: Check::Against,
    },
    Rule {
        id: RuleId::DraftOverdue,
        default: "deny",
        fires_when: "a draft (`draft = true`) whose `published` moment has passed; `check` reads drafts, `build` leaves them out",
        rationale: "A draft past its publication date is a notice customers were meant to have and do not: its lead time is running out unseen.",
        fix: "Publish it (remove `draft = true`), or move `published` to when it will be published and check that `effective` still gives full notice.",
        check: Check::Drafts,
    },
    Rule {
        id: RuleId::FollowUp,
        default: "warn",
        fires_when: "a high, breaking or maintenance notice whose effective moment (or `ends`) passed more than `[checklist] follow_up_days` (default 14) ago, with no update dated after it",
        rationale: "Customers who planned around a change want to hear how it went: whether it went as announced, overran, or what they should do now. Without that the notice ends in silence.",
        fix: "Add an `[[updates]]` entry dated after the change took effect (or its window ended) saying how it went and what customers should do now.",
        check: Check::Notice(follow_up),
    },
    Rule {
        id: RuleId::ImpactUnderstated,
        default: "deny",
        fires_when: "impact below high while the data disposition is `deleted`, or while a sentence of the notice names customer data and a word for deleting it (deleted, purged, erased, removed, wiped); a word list, so it catches what is written, not what is meant",
        rationale: "Losing data is the change customers least forgive being surprised by. A low or medium label tells them they can skim; a deletion must not be skimmed.",
        fix: "Raise `impact` to \"high\" (or \"breaking\"), or, if no customer data is lost, say so plainly and set `[data] disposition` to what really happens.",
        check: Check::Notice(impact_understated),
    },
    Rule {
        id: RuleId::Placeholder,
        default: "deny",
        fires_when: "a public field or the body holds TBD, TODO, TBA, n/a, lorem ipsum, ???, a lone dash, or \"see the documentation\" without a link (code blocks are not read)",
        rationale: "A placeholder is an unanswered question published as an answer: the customer who reads it knows less than the writer meant to tell them.",
        fix: "Write the real text, or leave the key out until it is known (the rule that needs it then says so).",
        check: Check::Notice(placeholder),
    },
    Rule {
        id: RuleId::PriceStated,
        default: "deny",
        fires_when: "a `kind = \"pricing\"` notice without `[price]` `before` and `after`",
        rationale: "A price change that never states the new price is the surprise customers find on their invoice. What they pay now and after belongs on the notice itself.",
        fix: "Add `[price]` with `before = \"…\"` (what customers pay now) and `after = \"…\"` (what they pay from `effective`).",
        check: Check::Notice(price_stated),
    },
    Rule {
        id: RuleId::ActionableWorkaround,
        default: "deny",
        fires_when: "a high or breaking notice's `workaround` (a window with `ends` aside: its workaround is to avoid the stated hours) has neither a link nor steps (a list, numbered steps, a menu path such as Settings → Export, a command or setting in code, or \"then\")",
        rationale: "A customer facing a big change needs to know what to do, not that something could be done. \"Use the new API\" leaves them searching; a link or the steps let them act.",
        fix: "Link to the guide (`[Migration guide](https://…)`) or write the steps: a list, or a menu path like **Settings → Billing → Export**.",
        check: Check::Notice(actionable_workaround),
    },
    Rule {
        id: RuleId::Links,
        default: "deny",
        fires_when: "a link in a public field or the body is malformed (a typo'd scheme such as `htp://`, `https:/x`, no host, `www.` without `https://`, a `mailto:` without an address, a scheme the site does not show), or leads into the site to a notice, page, area, audience or improvement that does not exist (or is a draft, or a `.md` file); links to other sites are judged by shape only, with no network access",
        rationale: "A broken link in a change notice fails the customer at the moment they try to act on it, and it travels unchanged into feeds and email.",
        fix: "Correct the address; link into the site with the page's path (`/notices/<slug>/`) or a relative link (`../<slug>/`).",
        check: Check::Notice(links),
    },
    Rule {
        id: RuleId::BusinessDay,
        default: "warn",
        fires_when: "a high or breaking change still ahead (not maintenance, not withdrawn, not an emergency) takes effect on a weekend day or a holiday of `[checklist.calendar]`, in the site's time zone",
        rationale: "A big change on a day when customers' teams and their own support are away lands on whoever is on call. Maintenance is exempt: its quiet hours are often chosen on purpose.",
        fix: "Move `effective` to a business day (the help line suggests one outside weekends, holidays and freeze windows).",
        check: Check::Notice(business_day),
    },
    Rule {
        id: RuleId::ChangeCluster,
        default: "warn",
        fires_when: "more than `[checklist] cluster_max` (default 3) high or breaking notices still ahead and sharing an audience take effect within 7 days; each is named",
        rationale: "Every big change asks customers for work. Several in one week for the same people is more than they can absorb, however well each is announced.",
        fix: "Spread the changes out: move the least urgent a week or more from the others.",
        check: Check::Site(change_cluster),
    },
    Rule {
        id: RuleId::TranslationMissing,
        default: "deny for high and breaking, warn for medium",
        fires_when: "a language of `[languages.<code>]` has no translation of a notice (`name.<code>.md` beside `name.md`), only a draft of one, or one that leaves out a text the original has (title, body, scope, benefits, workaround, the data answer's details, access and export, an update's note, the reason of a withdrawal or an emergency); withdrawn notices and drafts are not asked for translations",
        rationale: "No language hears less. Customers who read the site in another language plan around the same changes; a notice only some of them can read is a surprise for the others.",
        fix: "Add the translation: `forewarn new notice --lang CODE TITLE` writes `name.<code>.md` beside the original, with the original's text to translate and without the facts. Translate every text the original has.",
        check: Check::Notice(translation_missing),
    },
    Rule {
        id: RuleId::TranslationMismatch,
        default: "deny",
        fires_when: "a translation writes a fact with another value than its original (`effective`, `ends`, `impact`, `kind`, `audience`, `areas`, `[data] disposition` or `available_again`, `[withdrawn] date`, `[emergency] kind`, `[price]`, `slug`, `aliases`), or its `[[updates]]` are not the original's (the same dates, the same `changes`)",
        rationale: "Translations carry text, not facts. Customers in another language must not get another date, another impact or another answer about their data.",
        fix: "Remove the fact from the translation: it comes from the original, the same in every language (correct the original if it is the one that is wrong). Give the translation one `[[updates]]` per update of the original, with its date and the note translated.",
        check: Check::Notice(translation_mismatch),
    },
];

/// The ids of every rule.
pub fn rule_ids() -> Vec<&'static str> {
    RULES.iter().map(|r| r.id.as_str()).collect()
}

/// Looks up a rule by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id.as_str() == id)
}

fn days(d: SignedDuration) -> i64 {
    d.as_secs().div_euclid(86_400)
}

fn advance_notice_of_original(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    // An emergency that does not say what forced it is denied whether or
    // not the dates need it: it is shown to customers as the reason.
    let gap = n.emergency.as_ref().and_then(emergency_gap);
    if exempt(n) || n.withdrawn.is_some() || n.published > n.effective {
        return gap.into_iter().collect();
    }
    // Customers heard of the current date when it was announced: for a date
    // moved earlier since the last publication, that is the update that
    // moved it (or the last publication), not the first `published`.
    let (announced, moved) = match cx.history.announced(n, &cx.config.timezone) {
        Some(at) if at > n.published.ts => (at, true),
        _ => (n.published.ts, false),
    };
    let lead = lead_days(cx);
    let ahead = n.effective.ts.duration_since(announced);
    if ahead >= SignedDuration::from_hours(24 * lead) {
        return gap.into_iter().collect();
    }
    let earliest =
        earliest_effective(announced, lead, &cx.config.checklist, &cx.config.timezone, n.effective.date_only);
    let ahead_text = ahead_text(ahead);
    let what = if moved { "moved its date earlier" } else { "announced" };
    let mut found: Vec<Finding> = gap.into_iter().collect();
    found.push(Finding::new(
        Level::Deny,
        &["effective"],
        format!("{}-impact change {what} {ahead_text}; needs {lead}", n.impact),
        match earliest {
            Some(date) => format!("move `effective` to {date} or later, or give an `emergency` reason"),
            None => "move `effective` later, or give an `emergency` reason".to_string(),
        },
    ));
    found
}

/// `advance-notice` for a notice whose dates are in order: its own lead
/// time, and that of every translation published later than it.
fn advance_notice(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let mut found = advance_notice_of_original(cx);
    found.extend(late_translations(cx));
    found
}

fn follow_up(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    if (n.impact < Impact::High && n.kind != ChangeKind::Maintenance) || n.withdrawn.is_some() {
        return Vec::new();
    }
    let done = n.ends.unwrap_or(n.effective).ts;
    let days = i64::try_from(cx.config.checklist.follow_up_days).unwrap_or(i64::MAX);
    let due = done.checked_add(SignedDuration::from_hours(24_i64.saturating_mul(days))).unwrap_or(Timestamp::MAX);
    if cx.now <= due || n.updates.iter().any(|u| u.date.ts > done) {
        return Vec::new();
    }
    let when = done.to_zoned(cx.config.timezone.clone()).strftime("%Y-%m-%d").to_string();
    let what = if n.ends.is_some() { "its window ended" } else { "it took effect" };
    vec![Finding::new(
        Level::Warn,
        &[],
        format!(
            "{what} on {when}, more than {} days ago, and no update since says how it went",
            cx.config.checklist.follow_up_days
        ),
        format!(
            "add an `[[updates]]` entry dated after {when}: did it go as announced, overrun, or what should customers do now?"
        ),
    )]
}

fn retroactive(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    if exempt(n) || n.withdrawn.is_some() || n.published <= n.effective {
        return Vec::new();
    }
    let late = days(n.published.ts.duration_since(n.effective.ts));
    vec![Finding::new(
        Level::Deny,
        &["published"],
        format!(
            "published {} after the change took effect",
            if late == 0 { "hours".to_string() } else { plural(late.unsigned_abs() as usize, "day") }
        ),
        "correct `published` or `effective`, or give an `emergency` reason",
    )]
}

fn audience(cx: &NoticeCx<'_>) -> Vec<Finding> {
    if cx.notice.audience.iter().any(|a| !a.trim().is_empty()) {
        return Vec::new();
    }
    vec![Finding::new(
        Level::Deny,
        &["audience"],
        "the notice does not say who is affected",
        "add `audience = [\"…\"]`, e.g. [\"API users\", \"Administrators\"]",
    )]
}

fn impact_explained(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let words = cx.notice.body_words as u64;
    let min = cx.config.checklist.min_words[cx.notice.impact as usize];
    if words >= min {
        return filler(cx).into_iter().collect();
    }
    let message = if words == 0 {
        "the body does not explain the impact: it is empty".to_string()
    } else {
        format!("the body explains the impact in {words} words; at least {min} are needed")
    };
    vec![Finding::new(
        Level::Deny,
        &[],
        message,
        "below the front matter, write what is changing, who is affected and what they need to do",
    )]
}

/// Fewest marketing words in a body with no concrete detail that make it
/// filler rather than one enthusiastic word in a real explanation.
const FILLER_WORDS: usize = 2;

/// A body of marketing words with no concrete detail: it says how the
/// change should feel, not what it is.
fn filler(cx: &NoticeCx<'_>) -> Option<Finding> {
    let found = &cx.notice.said.filler;
    (found.len() >= FILLER_WORDS).then(|| {
        let words = found.iter().map(|w| format!("\"{w}…\"")).collect::<Vec<_>>().join(", ");
        Finding::new(
            Level::Warn,
            &[],
            format!("the body reads as marketing ({words}) and names no concrete detail: no number, date, code, link or list"),
            "say plainly what changes, for whom and when: the endpoint, setting or screen, the numbers, what customers must do",
        )
    })
}

fn benefits(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    if !blank(n.benefits.as_ref().map(|m| m.source.as_str())) {
        return Vec::new();
    }
    let level = by_impact(n.impact, [Level::Allow, Level::Warn, Level::Deny, Level::Deny]);
    vec![Finding::new(
        level,
        &["benefits"],
        format!("{}-impact change does not say why it is worth it", n.impact),
        "add `benefits = \"…\"`: what customers gain from the change",
    )]
}

fn workaround(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    if !blank(n.workaround.as_ref().map(|m| m.source.as_str())) {
        return Vec::new();
    }
    if n.kind == ChangeKind::Removal {
        return vec![Finding::new(
            Level::Deny,
            &["workaround"],
            "a removal offers no workaround: what should customers use instead?",
            "add `workaround = \"…\"`: the alternative, and how to move to it",
        )];
    }
    let level = by_impact(n.impact, [Level::Allow, Level::Deny, Level::Deny, Level::Deny]);
    vec![Finding::new(
        level,
        &["workaround"],
        format!("{}-impact change offers no workaround", n.impact),
        "add `workaround = \"…\"`: how customers can minimise or avoid the impact",
    )]
}

fn data_disposition(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    if n.disposition().is_some() {
        return Vec::new();
    }
    let why = if n.impact >= Impact::High {
        format!("{}-impact change", n.impact)
    } else if n.kind == ChangeKind::Removal {
        "a removal".to_string()
    } else if let Some(phrase) = &n.said.touches_data {
        format!("a notice that speaks of data (\"{phrase}\")")
    } else {
        return Vec::new();
    };
    vec![Finding::new(
        Level::Deny,
        &["data", "disposition"],
        format!("{why} does not say what happens to customers' data"),
        "add `[data]` with `disposition = \"unaffected\"` (or retained, migrated, archived, unavailable, deleted)",
    )]
}

fn data_access(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    let Some(d) = &n.data else { return Vec::new() };
    let Some(disp) = d.disposition else {
        return Vec::new();
    };
    if !matches!(disp, Disposition::Unavailable | Disposition::Archived | Disposition::Migrated) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if blank(d.access.as_ref().map(|m| m.source.as_str())) {
        out.push(Finding::new(
            Level::Deny,
            &["data", "access"],
            format!("data that is {disp} needs `data.access`"),
            "add `access = \"…\"` to `[data]`: how customers reach their data",
        ));
    }
    if d.available_again.is_none() {
        out.push(Finding::new(
            Level::Deny,
            &["data", "available_again"],
            format!("data that is {disp} needs `data.available_again`"),
            "add `available_again = 2027-03-02T09:00:00Z` to `[data]`: when the data is usable again",
        ));
    }
    out
}

fn data_export(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    let Some(d) = &n.data else { return Vec::new() };
    match d.disposition {
        Some(disp @ (Disposition::Deleted | Disposition::Unavailable))
            if blank(d.export.as_ref().map(|m| m.source.as_str()))
                && (disp == Disposition::Deleted || out_of_reach_long(cx, d.available_again)) =>
        {
            vec![Finding::new(
                Level::Deny,
                &["data", "export"],
                format!("data that is {disp} needs a way to export a copy"),
                "add `export = \"…\"` to `[data]`: a URL or the steps to download a copy",
            )]
        }
        _ => Vec::new(),
    }
}

/// Whether data `unavailable` from the effective moment until `back` is out
/// of reach longer than `[checklist] unavailable_hours` (or for good).
fn out_of_reach_long(cx: &NoticeCx<'_>, back: Option<crate::moment::Moment>) -> bool {
    let hours = i64::try_from(cx.config.checklist.unavailable_hours).unwrap_or(i64::MAX);
    back.is_none_or(|back| back.ts.duration_since(cx.notice.effective.ts) > SignedDuration::from_hours(hours))
}

fn feedback_channel(cx: &NoticeCx<'_>) -> Vec<Finding> {
    if cx.notice.feedback.is_some() || cx.config.feedback.is_some() {
        return Vec::new();
    }
    vec![Finding::new(
        Level::Deny,
        &["feedback"],
        "customers have no way to respond to this notice",
        "add `feedback = \"https://…\"` to the notice, or a default `feedback` in forewarn.toml",
    )]
}

fn support_prep(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    if !blank(n.support.as_ref().map(|m| m.source.as_str())) {
        return Vec::new();
    }
    let level = if n.impact == Impact::Breaking { Level::Deny } else { Level::Warn };
    vec![Finding::new(
        level,
        &["support"],
        "support has no talking points for this change",
        "add `support = \"…\"`: what support should tell customers (shown only in `forewarn brief`)",
    )]
}

/// The first moment after `end` at the same time of day in `tz` as
/// `effective`: a change planned for 09:00 is suggested at 09:00.
fn after_freeze(effective: Timestamp, end: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
    let time = effective.to_zoned(tz.clone()).time();
    let mut day = end.to_zoned(tz.clone()).date();
    for _ in 0..2 {
        let at = day.to_datetime(time).to_zoned(tz.clone()).ok()?.timestamp();
        if at > end {
            return Some(at);
        }
        day = day.tomorrow().ok()?;
    }
    None
}

fn quiet_period(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    if n.withdrawn.is_some() {
        return Vec::new();
    }
    cx.config
        .checklist
        .freeze
        .iter()
        .filter(|f| f.start <= n.effective && n.effective.ts <= f.end.ts)
        .map(|f| {
            let tz = &cx.config.timezone;
            Finding::new(
                Level::Warn,
                &["effective"],
                format!(
                    "takes effect during \"{}\" ({} to {})",
                    f.name,
                    f.start.in_zone(tz).strftime("%Y-%m-%d"),
                    f.end.in_zone(tz).strftime("%Y-%m-%d")
                ),
                match after_freeze(n.effective.ts, f.end.ts, tz)
                    .and_then(|at| suggest(at, &cx.config.checklist, tz, n.effective.date_only))
                {
                    Some(date) => format!("move `effective` outside the freeze window, e.g. to {date}"),
                    None => "move `effective` outside the freeze window, to a low-activity period".to_string(),
                },
            )
        })
        .collect()
}
