//! Every rule: a fixture that fires it, and its fixed twin that is clean.

use super::*;

/// What a firing fixture must report: exactly this one diagnostic.
struct Want {
    rule: &'static str,
    level: &'static str,
    file: &'static str,
    at: Option<(u64, u64)>,
    message: &'static str,
    help: &'static str,
}

/// Runs `check` on `fixture` (json and human), asserting the exit status
/// and that `want` is the only problem reported.
#[track_caller]
fn fires(fixture: &str, args: &[&str], exit: i32, want: Want) {
    let site = TestSite::fixture(fixture);
    let (code, diags) = check(&site, args);
    assert_eq!(code, exit, "{diags:#?}");
    assert_eq!(diags.len(), 1, "only `{}` fires: {diags:#?}", want.rule);
    let d = &diags[0];
    assert_eq!((d.rule.as_str(), d.level.as_str(), d.file.as_str()), (want.rule, want.level, want.file), "{d:#?}");
    assert_eq!((d.line, d.column), want.at.map_or((None, None), |(l, c)| (Some(l), Some(c))), "{d:#?}");
    assert_eq!(d.message, want.message);
    let help = d.help.as_deref().unwrap_or_default();
    assert!(help.contains(want.help), "help `{help}` should contain `{}`", want.help);

    let mut human = vec!["check"];
    human.extend_from_slice(args);
    let run = site.run(&human);
    run.expect(exit);
    let label = if want.level == "deny" { "deny" } else { "warning" };
    let title = format!("{label}[{}]: {}", want.rule, want.message);
    assert!(run.stderr.contains(&title), "human output has `{title}`\n{}", run.all());
    let arrow = match want.at {
        Some((l, c)) => format!("--> {}:{l}:{c}", want.file),
        None => format!("--> {}", want.file),
    };
    assert!(run.stderr.contains(&arrow), "human output has `{arrow}`\n{}", run.all());
}

/// Runs `check` on `fixture`, asserting exit status 0 and no problem at all.
#[track_caller]
fn clean(fixture: &str, args: &[&str]) {
    let site = TestSite::fixture(fixture);
    let (code, diags) = check(&site, args);
    assert_eq!((code, diags), (0, vec![]));
    let mut human = vec!["check"];
    human.extend_from_slice(args);
    let run = site.run(&human);
    run.expect(0);
    assert!(run.stderr.contains("checked: 0 denied, 0 with warnings only; 0 denies, 0 warnings"), "{}", run.all());
}

#[test]
fn advance_notice_fires() {
    fires(
        "check-advance-notice/fires",
        &[],
        1,
        Want {
            rule: "advance-notice",
            level: "deny",
            file: "content/notices/late.md",
            at: Some((4, 13)),
            message: "high-impact change announced 14 days ahead; needs 90",
            help: "move `effective` to 2027-04-01T09:00 or later, or give an `emergency` reason",
        },
    );
}

#[test]
fn advance_notice_clean() {
    clean("check-advance-notice/clean", &[]);
}

#[test]
fn retroactive_fires() {
    fires(
        "check-retroactive/fires",
        &[],
        1,
        Want {
            rule: "retroactive",
            level: "deny",
            file: "content/notices/password-rules.md",
            at: Some((3, 13)),
            message: "published 4 days after the change took effect",
            help: "correct `published` or `effective`, or give an `emergency` reason",
        },
    );
}

#[test]
fn retroactive_clean() {
    clean("check-retroactive/clean", &[]);
}

#[test]
fn audience_fires() {
    fires(
        "check-audience/fires",
        &[],
        1,
        Want {
            rule: "audience",
            level: "deny",
            file: "content/notices/invoice-layout.md",
            at: Some((1, 1)),
            message: "the notice does not say who is affected",
            help: "add `audience = [\"…\"]`",
        },
    );
}

#[test]
fn audience_clean() {
    clean("check-audience/clean", &[]);
}

#[test]
fn impact_explained_fires() {
    fires(
        "check-impact-explained/fires",
        &[],
        1,
        Want {
            rule: "impact-explained",
            level: "deny",
            file: "content/notices/invoice-layout.md",
            at: Some((1, 1)),
            message: "the body explains the impact in 3 words; at least 12 are needed",
            help: "write what is changing, who is affected and what they need to do",
        },
    );
}

#[test]
fn impact_explained_clean() {
    clean("check-impact-explained/clean", &[]);
}

#[test]
fn benefits_fires() {
    fires(
        "check-benefits/fires",
        &[],
        0,
        Want {
            rule: "benefits",
            level: "warn",
            file: "content/notices/invoice-layout.md",
            at: Some((1, 1)),
            message: "medium-impact change does not say why it is worth it",
            help: "add `benefits = \"…\"`",
        },
    );
}

#[test]
fn benefits_clean() {
    clean("check-benefits/clean", &[]);
}

#[test]
fn workaround_fires() {
    fires(
        "check-workaround/fires",
        &[],
        1,
        Want {
            rule: "workaround",
            level: "deny",
            file: "content/notices/invoice-layout.md",
            at: Some((9, 14)),
            message: "medium-impact change offers no workaround",
            help: "add `workaround = \"…\"`",
        },
    );
}

#[test]
fn workaround_clean() {
    clean("check-workaround/clean", &[]);
}

#[test]
fn data_disposition_fires() {
    fires(
        "check-data-disposition/fires",
        &[],
        1,
        Want {
            rule: "data-disposition",
            level: "deny",
            file: "content/notices/report-archive.md",
            at: Some((1, 1)),
            message: "high-impact change does not say what happens to customers' data",
            help: "disposition = \"unaffected\"",
        },
    );
}

#[test]
fn data_disposition_clean() {
    clean("check-data-disposition/clean", &[]);
}

#[test]
fn data_access_fires() {
    // A key missing inside an existing table is reported at the table.
    fires(
        "check-data-access/fires",
        &[],
        1,
        Want {
            rule: "data-access",
            level: "deny",
            file: "content/notices/report-archive.md",
            at: Some((12, 1)),
            message: "data that is archived needs `data.available_again`",
            help: "add `available_again = ",
        },
    );
}

#[test]
fn data_access_clean() {
    clean("check-data-access/clean", &[]);
}

#[test]
fn data_export_fires() {
    fires(
        "check-data-export/fires",
        &[],
        1,
        Want {
            rule: "data-export",
            level: "deny",
            file: "content/notices/report-deletion.md",
            at: Some((15, 10)),
            message: "data that is deleted needs a way to export a copy",
            help: "add `export = \"…\"` to `[data]`",
        },
    );
}

#[test]
fn data_export_clean() {
    clean("check-data-export/clean", &[]);
}

#[test]
fn feedback_channel_fires() {
    fires(
        "check-feedback-channel/fires",
        &[],
        1,
        Want {
            rule: "feedback-channel",
            level: "deny",
            file: "content/notices/invoice-layout.md",
            at: Some((1, 1)),
            message: "customers have no way to respond to this notice",
            help: "or a default `feedback` in forewarn.toml",
        },
    );
}

#[test]
fn feedback_channel_clean_with_the_site_default() {
    clean("check-feedback-channel/clean", &[]);
}

#[test]
fn support_prep_fires() {
    fires(
        "check-support-prep/fires",
        &[],
        0,
        Want {
            rule: "support-prep",
            level: "warn",
            file: "content/notices/invoice-layout.md",
            at: Some((1, 1)),
            message: "support has no talking points for this change",
            help: "add `support = \"…\"`",
        },
    );
}

#[test]
fn support_prep_clean() {
    clean("check-support-prep/clean", &[]);
}

#[test]
fn quiet_period_fires() {
    fires(
        "check-quiet-period/fires",
        &[],
        0,
        Want {
            rule: "quiet-period",
            level: "warn",
            file: "content/notices/reminder-time.md",
            at: Some((4, 13)),
            message: "takes effect during \"Year-end freeze\" (2026-12-15 to 2027-01-05)",
            help: "move `effective` outside the freeze window",
        },
    );
}

#[test]
fn quiet_period_clean() {
    clean("check-quiet-period/clean", &[]);
}

#[test]
fn silent_reschedule_fires() {
    fires(
        "check-silent-reschedule/fires",
        &["--against", "previous/notices.json"],
        1,
        Want {
            rule: "silent-reschedule",
            level: "deny",
            file: "content/notices/invoice-layout.md",
            at: Some((4, 13)),
            message: "`effective` moved from 2027-01-20 09:00 UTC to 2027-02-03 09:00 UTC since the last publication, and no update says so",
            help: "add an `[[updates]]` entry dated after 2026-11-23 00:00 UTC",
        },
    );
}

#[test]
fn silent_reschedule_clean() {
    clean("check-silent-reschedule/clean", &["--against", "previous/notices.json"]);
}

#[test]
fn withdrawn_silently_fires() {
    // Nothing in the site to point at: the previous record is named.
    fires(
        "check-withdrawn-silently/fires",
        &["--against", "previous/notices.json"],
        0,
        Want {
            rule: "withdrawn-silently",
            level: "warn",
            file: "previous/notices.json",
            at: None,
            message: "the notice `csv-utf8` (CSV exports switch to UTF-8) was published but is no longer in the site",
            help: "keep content/notices/csv-utf8.md and add a `[withdrawn]` table",
        },
    );
}

#[test]
fn withdrawn_silently_clean() {
    clean("check-withdrawn-silently/clean", &["--against", "previous/notices.json"]);
}

#[test]
fn improvement_feedback_fires() {
    fires(
        "check-improvement-feedback/fires",
        &[],
        1,
        Want {
            rule: "improvement-feedback",
            level: "deny",
            file: "content/improvements/dark-mode.md",
            at: Some((5, 10)),
            message: "a planned improvement needs an `eta`",
            help: "add `eta = \"2027-Q1\"`",
        },
    );
}

#[test]
fn improvement_feedback_clean() {
    clean("check-improvement-feedback/clean", &[]);
}

#[test]
fn improvement_feedback_eta_must_be_a_date_a_month_or_a_quarter() {
    fires(
        "check-improvement-feedback/fires-eta",
        &[],
        1,
        Want {
            rule: "improvement-feedback",
            level: "deny",
            file: "content/improvements/dark-mode.md",
            at: Some((6, 7)),
            message: "`eta` must be a date, a month or a quarter, found `soon`",
            help: "write `eta = \"2027-Q1\"`, `eta = \"2027-03\"` or `eta = 2027-03-15`",
        },
    );
}

#[test]
fn improvement_feedback_declined_reason_must_say_something() {
    fires(
        "check-improvement-feedback/fires-reason",
        &[],
        1,
        Want {
            rule: "improvement-feedback",
            level: "deny",
            file: "content/improvements/sha1-signatures.md",
            at: Some((6, 10)),
            message: "the `reason` says nothing the customers who asked can use",
            help: "say why in a sentence",
        },
    );
}

#[test]
fn improvement_feedback_exists_needs_a_reason() {
    fires(
        "check-improvement-feedback/fires-exists",
        &[],
        1,
        Want {
            rule: "improvement-feedback",
            level: "deny",
            file: "content/improvements/bulk-archive.md",
            at: Some((5, 10)),
            message: "an `exists` answer needs a `reason` that says where to find it",
            help: "add `reason = \"…\"`: where the feature is and how to use it",
        },
    );
}

#[test]
fn improvement_feedback_exists_with_a_reason_is_clean() {
    clean("check-improvement-feedback/clean-exists", &[]);
}

#[test]
fn stale_eta_fires() {
    fires(
        "check-stale-eta/fires",
        &[],
        0,
        Want {
            rule: "stale-eta",
            level: "warn",
            file: "content/improvements/dark-mode.md",
            at: Some((6, 7)),
            message: "the `eta` 2026-Q3 has passed and the entry still says planned",
            help: "mark it shipped (with its date), give a new `eta` and say why it moved, or decline it with a reason",
        },
    );
}

#[test]
fn stale_eta_clean() {
    // A month counts until its last day: "2026-11" has not passed on 2026-11-23.
    clean("check-stale-eta/clean", &[]);
}

#[test]
fn backdated_fires() {
    // A notice new since the previous record, dated before it.
    fires(
        "check-backdated/fires",
        &["--against", "previous/notices.json"],
        1,
        Want {
            rule: "backdated",
            level: "deny",
            file: "content/notices/invoice-layout.md",
            at: Some((3, 13)),
            message: "`published` is before the last publication (2026-11-23 00:00 UTC), which did not have this notice",
            help: "set `published` to when customers can first read it, 2026-11-23 or later",
        },
    );
}

#[test]
fn backdated_clean() {
    // Dated the record's own day: a bare date is the whole day.
    clean("check-backdated/clean", &["--against", "previous/notices.json"]);
}

#[test]
fn draft_overdue_fires() {
    fires(
        "check-draft-overdue/fires",
        &[],
        1,
        Want {
            rule: "draft-overdue",
            level: "deny",
            file: "content/notices/invoice-layout.md",
            at: Some((3, 9)),
            message: "this draft was to be published on 2026-11-16 00:00 UTC and still is not",
            help: "publish it (remove `draft = true`) or move `published` to when it will be",
        },
    );
}

#[test]
fn draft_overdue_clean() {
    // A draft whose `published` is still ahead.
    clean("check-draft-overdue/clean", &[]);
}

#[test]
fn follow_up_fires() {
    fires(
        "check-follow-up/fires",
        &[],
        0,
        Want {
            rule: "follow-up",
            level: "warn",
            file: "content/notices/storage-move.md",
            at: Some((1, 1)),
            message: "it took effect on 2026-10-01, more than 14 days ago, and no update since says how it went",
            help: "add an `[[updates]]` entry dated after 2026-10-01",
        },
    );
}

#[test]
fn follow_up_clean() {
    clean("check-follow-up/clean", &[]);
}

#[test]
fn impact_understated_fires() {
    // Medium impact, and the data is deleted: customers must not skim it.
    fires(
        "check-impact-understated/fires",
        &[],
        1,
        Want {
            rule: "impact-understated",
            level: "deny",
            file: "content/notices/activity-logs.md",
            at: Some((5, 10)),
            message: "medium-impact, but the data disposition is `deleted`",
            help: "raise `impact` to \"high\" (or \"breaking\")",
        },
    );
}

#[test]
fn impact_understated_clean() {
    clean("check-impact-understated/clean", &[]);
}

#[test]
fn placeholder_fires() {
    // The `TODO` in the body's code block is not read; the workaround is.
    fires(
        "check-placeholder/fires",
        &[],
        1,
        Want {
            rule: "placeholder",
            level: "deny",
            file: "content/notices/webhook-signatures.md",
            at: Some((9, 14)),
            message: "`workaround` holds a placeholder: `TBD`",
            help: "write the real text, or leave the key out until it is known",
        },
    );
}

#[test]
fn placeholder_clean() {
    clean("check-placeholder/clean", &[]);
}

#[test]
fn price_stated_fires() {
    // No `[price]` at all: the problem points at `kind`.
    fires(
        "check-price-stated/fires",
        &[],
        1,
        Want {
            rule: "price-stated",
            level: "deny",
            file: "content/notices/team-plan-price.md",
            at: Some((5, 8)),
            message: "a pricing change without `price.before` and `price.after`",
            help: "add `[price]` with `before = \"…\"`",
        },
    );
}

#[test]
fn price_stated_clean() {
    clean("check-price-stated/clean", &[]);
}

#[test]
fn actionable_workaround_fires() {
    // High impact, and the workaround names a destination but no way there.
    fires(
        "check-actionable-workaround/fires",
        &[],
        1,
        Want {
            rule: "actionable-workaround",
            level: "deny",
            file: "content/notices/reports-api-v1.md",
            at: Some((9, 14)),
            message: "the workaround of a high-impact change gives neither a link nor steps",
            help: "link to the guide (`[Migration guide](https://…)`) or write the steps",
        },
    );
}

#[test]
fn actionable_workaround_clean() {
    // The same notice with a link to the guide and the steps.
    clean("check-actionable-workaround/clean", &[]);
}

#[test]
fn links_fires() {
    // A relative link to a sibling notice, one letter off.
    fires(
        "check-links/fires",
        &[],
        1,
        Want {
            rule: "links",
            level: "deny",
            file: "content/notices/invoice-emails.md",
            at: Some((9, 14)),
            message: "`workaround` links to `../invoice-layot/`: there is no notice `invoice-layot`",
            help: "did you mean `/notices/invoice-layout/`?",
        },
    );
}

#[test]
fn links_clean() {
    clean("check-links/clean", &[]);
}

#[test]
fn business_day_fires() {
    // 2027-01-16 is a Saturday; the help suggests the Monday, same time.
    fires(
        "check-business-day/fires",
        &[],
        0,
        Want {
            rule: "business-day",
            level: "warn",
            file: "content/notices/sso-enforced.md",
            at: Some((4, 13)),
            message: "takes effect on Saturday 2027-01-16 (a weekend day) in UTC",
            help: "move `effective` to a business day, e.g. 2027-01-18T09:00, when customers and their support are at work",
        },
    );
}

#[test]
fn business_day_clean() {
    clean("check-business-day/clean", &[]);
}

#[test]
fn change_cluster_fires() {
    // Four high-impact changes for "Administrators" from Monday to
    // Thursday: one warning per notice (so not the one-diagnostic `fires`),
    // each naming the three others in date order.
    let site = TestSite::fixture("check-change-cluster/fires");
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 0, "{diags:#?}");
    assert_eq!(rules(&diags), [("change-cluster", "warn"); 4], "{diags:#?}");
    let notices = [
        ("sso-mandatory", "Single sign-on becomes mandatory", "2027-03-01"),
        ("audit-log-retention", "Audit logs are kept for one year", "2027-03-02"),
        ("roles-split", "The Admin role is split into Owner and Admin", "2027-03-03"),
        ("ip-allow-list", "IP allow lists apply to the API too", "2027-03-04"),
    ];
    let run = site.check();
    run.expect(0);
    for (slug, _, _) in notices {
        let file = format!("content/notices/{slug}.md");
        let found: Vec<&Diag> = diags.iter().filter(|d| d.file == file).collect();
        assert_eq!(found.len(), 1, "one warning for {file}: {diags:#?}");
        let d = found[0];
        assert_eq!((d.line, d.column), (Some(4), Some(13)), "at `effective`: {d:#?}");
        let others: Vec<String> = notices
            .iter()
            .filter(|(s, _, _)| *s != slug)
            .map(|(_, title, date)| format!("\"{title}\" ({date})"))
            .collect();
        let message = format!(
            "4 high or breaking changes for \"Administrators\" take effect within 7 days, more than `cluster_max` (3): this one, {}",
            others.join(", ")
        );
        assert_eq!(d.message, message);
        assert_eq!(
            d.help.as_deref(),
            Some(
                "spread them out: move the least urgent a week or more from the others (`[checklist] cluster_max` is the most one audience should meet in 7 days)"
            )
        );
        let title = format!("warning[change-cluster]: {message}");
        assert!(run.stderr.contains(&title), "human output has `{title}`\n{}", run.all());
        assert!(run.stderr.contains(&format!("--> {file}:4:13")), "{}", run.all());
    }
    assert!(
        run.stderr.contains("4 notices checked: 0 denied, 4 with warnings only; 0 denies, 4 warnings"),
        "{}",
        run.all()
    );
}

#[test]
fn change_cluster_clean() {
    // The fourth change moved to the next Tuesday: at most three in any 7 days.
    clean("check-change-cluster/clean", &[]);
}

#[test]
fn translation_missing_fires() {
    // `[languages.de]`: the invoice notice has its German translation, the
    // high-impact single sign-on notice has none.
    fires(
        "check-translation-missing/fires",
        &[],
        1,
        Want {
            rule: "translation-missing",
            level: "deny",
            file: "content/notices/sso-mandatory.md",
            at: Some((2, 9)),
            message: "no `de` translation: customers reading `de` would not hear of this high-impact change",
            help: "add content/notices/sso-mandatory.de.md with the notice's text in `de` (`forewarn new notice --lang de sso-mandatory` writes it, with the text to translate)",
        },
    );
}

#[test]
fn translation_missing_clean() {
    // sso-mandatory.de.md added beside its original.
    clean("check-translation-missing/clean", &[]);
}

#[test]
fn translation_mismatch_fires() {
    // The German translation still has the date of an earlier draft.
    fires(
        "check-translation-mismatch/fires",
        &[],
        1,
        Want {
            rule: "translation-mismatch",
            level: "deny",
            file: "content/notices/reports-api-v1.de.md",
            at: Some((3, 13)),
            message: "the `de` translation says `effective` is 2027-01-19 09:00 UTC, the original (content/notices/reports-api-v1.md) says 2027-01-12 09:00 UTC",
            help: "remove `effective` from the translation: facts come from the original, the same in every language",
        },
    );
}

#[test]
fn translation_mismatch_clean() {
    // `effective` left out; the disposition it states is the original's.
    clean("check-translation-mismatch/clean", &[]);
}

#[test]
fn every_rule_has_a_fixture_pair() {
    let run = TestSite::new().run(&["explain"]);
    run.expect(0);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for id in super::explain::listed_ids(&run.stdout) {
        for variant in ["fires", "clean"] {
            let dir = root.join(format!("check-{id}/{variant}"));
            assert!(dir.is_dir(), "missing fixture {}", dir.display());
        }
    }
}
