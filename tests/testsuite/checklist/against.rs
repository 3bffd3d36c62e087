//! `check --against`: the previously published notices.json.

use super::*;

const PREV: &str = "previous/notices.json";

/// A site published at the fixed "now" (2026-11-23T00:00Z) with `notice`
/// as content/notices/invoice-layout.md (plus a second, untouched
/// notice); its notices.json is kept in previous/.
fn published(notice: &str) -> TestSite {
    let site = TestSite::new();
    site.write("content/notices/invoice-layout.md", notice);
    site.write(
        "content/notices/other.md",
        &set(&set(GOOD_NOTICE, "title", "title = \"Other\""), "effective", "effective = 2027-02-01T09:00:00Z"),
    );
    site.build().expect(0);
    let record = site.output("notices.json");
    let json: Value = serde_json::from_str(&record).unwrap();
    assert_eq!(json["generated"], "2026-11-23T00:00:00+00:00");
    site.write(PREV, &record);
    site
}

fn base() -> String {
    add(GOOD_NOTICE, "\n[data]\ndisposition = \"unaffected\"")
}

/// The notice as edited after publication.
fn edit(site: &TestSite, notice: &str) {
    site.write("content/notices/invoice-layout.md", notice);
}

/// Checks against the previous record, a week after it was published.
fn recheck(site: &TestSite) -> (i32, Vec<Diag>) {
    check_env(site, &["--against", PREV], &[("SOURCE_DATE_EPOCH", &epoch("2026-11-30T12:00:00Z"))])
}

const UPDATE: &str = "\n[[updates]]\ndate = 2026-11-30\nnote = \"Moved to 3 February: the new layout needs another round of testing.\"\nchanges = [\"impact\", \"disposition\"]";

#[test]
fn unchanged_is_clean() {
    let site = published(&base());
    assert_eq!(recheck(&site), (0, vec![]));
}

#[test]
fn moved_effective_without_an_update_is_denied_at_effective() {
    let site = published(&base());
    edit(&site, &set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"));
    let (code, diags) = recheck(&site);
    assert_eq!(code, 1);
    assert_eq!(rules(&diags), [("silent-reschedule", "deny")]);
    let d = one(&diags, "silent-reschedule", "deny", 4, 13);
    assert_eq!(d.file, "content/notices/invoice-layout.md");
    assert_eq!(
        d.message,
        "`effective` moved from 2027-01-20 09:00 UTC to 2027-02-03 09:00 UTC since the last publication, and no update says so"
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            "add an `[[updates]]` entry dated after 2026-11-23 00:00 UTC with `changes = [\"effective\"]` and a note saying what changed and why"
        )
    );
    // Earlier is a move too.
    edit(&site, &set(&base(), "effective", "effective = 2027-01-20T08:59:00Z"));
    assert_eq!(rules(&recheck(&site).1), [("silent-reschedule", "deny")]);
}

#[test]
fn moved_with_a_new_update_is_clean() {
    let site = published(&base());
    edit(&site, &add(&set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"), UPDATE));
    assert_eq!(recheck(&site), (0, vec![]));
}

#[test]
fn an_update_from_before_the_last_publication_does_not_count() {
    let old_update = UPDATE.replace("2026-11-30", "2026-11-01");
    let site = published(&add(&base(), &old_update));
    edit(&site, &add(&set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"), &old_update));
    let (code, diags) = recheck(&site);
    assert_eq!(code, 1);
    one(&diags, "silent-reschedule", "deny", 4, 13);
    // Dated exactly at the publication is not after it.
    let at = UPDATE.replace("2026-11-30", "2026-11-23T00:00:00Z");
    edit(&site, &add(&set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"), &at));
    assert_eq!(recheck(&site).0, 1);
    let after = UPDATE.replace("2026-11-30", "2026-11-23T00:01:00Z");
    edit(&site, &add(&set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"), &after));
    assert_eq!(recheck(&site), (0, vec![]));
}

#[test]
fn the_same_instant_written_differently_has_not_moved() {
    let site = published(&base());
    edit(&site, &set(&base(), "effective", "effective = 2027-01-20T10:00:00+01:00"));
    assert_eq!(recheck(&site), (0, vec![]));
    edit(&site, &set(&base(), "effective", "effective = \"2027-01-20T10:00:00[Europe/Amsterdam]\""));
    assert_eq!(recheck(&site), (0, vec![]));
}

#[test]
fn impact_rose_is_denied_at_impact() {
    let site = published(&base());
    edit(&site, &set(&base(), "impact", "impact = \"high\""));
    let (code, diags) = recheck(&site);
    assert_eq!(code, 1);
    let d = one(&diags, "silent-reschedule", "deny", 5, 10);
    assert_eq!(d.message, "the impact rose from medium to high since the last publication, and no update says so");
    assert_eq!(diags.len(), 1, "{diags:#?}");
    edit(&site, &add(&set(&base(), "impact", "impact = \"high\""), UPDATE));
    assert_eq!(recheck(&site), (0, vec![]));
}

#[test]
fn impact_lowered_is_fine() {
    let high = set(&base(), "impact", "impact = \"high\"");
    let high = set(&high, "published", "published = 2026-09-01");
    let site = published(&high);
    edit(&site, &set(&high, "impact", "impact = \"medium\""));
    assert_eq!(recheck(&site), (0, vec![]));
}

#[test]
fn disposition_changed_is_denied_at_disposition() {
    let site = published(&base());
    let retained = set(&base(), "disposition", "disposition = \"retained\"");
    edit(&site, &retained);
    let (code, diags) = recheck(&site);
    assert_eq!(code, 1);
    let (line, column) = loc(&retained, "\"retained\"");
    let d = one(&diags, "silent-reschedule", "deny", line, column);
    assert_eq!(
        d.message,
        "the data disposition changed from unaffected to retained since the last publication, and no update says so"
    );
    edit(&site, &add(&retained, UPDATE));
    assert_eq!(recheck(&site), (0, vec![]));
}

#[test]
fn every_change_is_reported_in_line_order() {
    let site = published(&base());
    let changed = set(&set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"), "impact", "impact = \"high\"");
    let changed = set(&changed, "disposition", "disposition = \"migrated\"");
    let changed = add(&changed, "access = \"Same place.\"\navailable_again = 2027-02-03T10:00:00Z");
    edit(&site, &changed);
    let (_, diags) = recheck(&site);
    let got: Vec<(&str, Option<u64>)> = diags.iter().map(|d| (d.rule.as_str(), d.line)).collect();
    let (disp_line, _) = loc(&changed, "\"migrated\"");
    assert_eq!(
        got,
        [("silent-reschedule", Some(4)), ("silent-reschedule", Some(5)), ("silent-reschedule", Some(disp_line))]
    );
}

#[test]
fn a_removed_notice_is_withdrawn_silently() {
    let site = published(&base());
    std::fs::remove_file(site.path().join("content/notices/invoice-layout.md")).unwrap();
    let (code, diags) = recheck(&site);
    assert_eq!(code, 0);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!((d.rule.as_str(), d.level.as_str(), d.file.as_str()), ("withdrawn-silently", "warn", PREV));
    assert_eq!((d.line, d.column), (None, None));
    assert_eq!(
        d.message,
        "the notice `invoice-layout` (Invoices get a new layout) was published but is no longer in the site"
    );
    let run = site.run_env(&["check", "--against", PREV], &[("SOURCE_DATE_EPOCH", NOW_EPOCH)]);
    run.expect(0);
    assert!(run.stderr.contains("warning[withdrawn-silently]: the notice `invoice-layout`"), "{}", run.all());
    assert!(
        run.stderr.contains("1 notice checked: 0 denied, 1 with warnings only; 0 denies, 1 warning"),
        "{}",
        run.all()
    );
}

#[test]
fn a_renamed_slug_is_a_withdrawal_of_the_old_one() {
    let site = published(&base());
    std::fs::remove_file(site.path().join("content/notices/invoice-layout.md")).unwrap();
    site.write("content/notices/new-invoice-layout.md", &base());
    let (code, diags) = recheck(&site);
    // The new slug is new to the record, yet claims an old `published`.
    assert_eq!(code, 1);
    assert_eq!(rules(&diags), [("backdated", "deny"), ("withdrawn-silently", "warn")]);
    assert!(diags[1].message.contains("`invoice-layout`"), "{diags:#?}");
}

#[test]
fn a_notice_turned_draft_is_gone_unless_drafts_are_checked() {
    let site = published(&base());
    edit(&site, &set(&base(), "feedback", "feedback = \"mailto:billing@example.com\"\ndraft = true"));
    // A draft is not gone from the site, but overdue: it was published.
    let (code, diags) = recheck(&site);
    assert_eq!(code, 1);
    assert_eq!(rules(&diags), [("draft-overdue", "deny")]);
    assert_eq!(check(&site, &["--against", PREV, "--drafts"]), (0, vec![]));
}

#[test]
fn a_bad_against_file_is_exit_2() {
    let site = published(&base());
    for (name, text) in [
        ("missing.json", None),
        ("not-json.json", Some("<html>not json</html>")),
        ("wrong-shape.json", Some("{\n  \"version\": 1,\n  \"notices\": 3\n}\n")),
        ("bad-date.json", Some("{\"generated\": \"yesterday\", \"notices\": []}")),
    ] {
        if let Some(text) = text {
            site.write(name, text);
        }
        let (code, diags) = check(&site, &["--against", name]);
        assert_eq!(code, 2, "{name}");
        assert_eq!(diags.len(), 1, "{name}: {diags:#?}");
        assert_eq!(
            (diags[0].rule.as_str(), diags[0].level.as_str(), diags[0].file.as_str()),
            ("against", "error", name)
        );
        let run = site.run(&["check", "--against", name]);
        run.expect(2);
        assert!(run.stderr.contains("error[against]"), "{}", run.all());
        assert!(run.stderr.contains(name), "{}", run.all());
    }
}

#[test]
fn build_against_refuses_a_silent_reschedule() {
    let site = published(&base());
    let before = files(&site.path().join("public"));
    edit(&site, &set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"));
    let run = site.run(&["build", "--against", PREV]);
    run.expect(1);
    assert!(run.stderr.contains("deny[silent-reschedule]"), "{}", run.all());
    assert_eq!(files(&site.path().join("public")), before, "public/ is untouched");
}

/// The same site built again into its own output: the build compares with
/// the output's `notices.json` without being told.
#[test]
fn a_build_over_its_own_output_catches_a_silent_reschedule() {
    let site = TestSite::new();
    site.remembering();
    site.write("content/notices/invoice-layout.md", &base());
    let first = site.build();
    first.expect(0);
    assert_eq!(first.stderr.matches("nothing to compare with").count(), 1, "{}", first.all());
    edit(&site, &set(&base(), "effective", "effective = 2027-02-03T09:00:00Z"));
    let again = site.build();
    again.expect(1);
    assert!(again.stderr.contains("deny[silent-reschedule]: `effective` moved"), "{}", again.all());
    assert!(!again.stderr.contains("nothing to compare with"), "{}", again.all());
    // The published site is the first build's, untouched.
    assert!(site.output("notices.json").contains("2027-01-20T09:00:00+00:00"));
    // `--against none` compares with nothing.
    site.run(&["build", "--against", "none"]).expect(0);
}

#[test]
fn an_earlier_date_counts_lead_time_from_the_update_that_moved_it() {
    let site = published(&base());
    // 20 January moved to 6 January, told on 30 November: 37 days of notice
    // for a medium change that needs 30 passes; told on 10 December it
    // would be 27 days and fail.
    let earlier = set(&base(), "effective", "effective = 2027-01-06T09:00:00Z");
    let told = |date: &str| {
        add(&earlier, &format!("\n[[updates]]\ndate = {date}\nnote = \"Brought forward.\"\nchanges = [\"effective\"]"))
    };
    edit(&site, &told("2026-11-30"));
    assert_eq!(recheck(&site), (0, vec![]));
    edit(&site, &told("2026-12-10"));
    let (code, diags) =
        check_env(&site, &["--against", PREV], &[("SOURCE_DATE_EPOCH", &epoch("2026-12-10T12:00:00Z"))]);
    assert_eq!(code, 1);
    let d = one(&diags, "advance-notice", "deny", 4, 13);
    assert_eq!(d.message, "medium-impact change moved its date earlier 27 days ahead; needs 30");
    assert_eq!(d.help.as_deref(), Some("move `effective` to 2027-01-11T00:00 or later, or give an `emergency` reason"));
    // Without an update the date counts from the last publication: 44 days.
    edit(&site, &earlier);
    let (_, diags) = recheck(&site);
    assert_eq!(rules(&diags), [("silent-reschedule", "deny")]);
}

#[test]
fn a_later_date_with_an_unrelated_update_is_still_a_silent_reschedule() {
    let site = published(&base());
    let later = set(&base(), "effective", "effective = 2027-03-03T09:00:00Z");
    edit(&site, &add(&later, "\n[[updates]]\ndate = 2026-11-30\nnote = \"Minor edits to the wording.\""));
    let (code, diags) = recheck(&site);
    assert_eq!(code, 1);
    one(&diags, "silent-reschedule", "deny", 4, 13);
    edit(&site, &add(&later, "\n[[updates]]\ndate = 2026-11-30\nnote = \"Postponed.\"\nchanges = [\"effective\"]"));
    assert_eq!(recheck(&site), (0, vec![]));
}

#[test]
fn a_widened_audience_needs_an_update() {
    let site = published(&base());
    let wider = set(&base(), "audience", "audience = [\"Administrators\", \"Accountants\"]");
    edit(&site, &wider);
    let (code, diags) = recheck(&site);
    assert_eq!(code, 1);
    let (line, column) = loc(&wider, "[\"Administrators\", \"Accountants\"]");
    let d = one(&diags, "silent-reschedule", "deny", line, column);
    assert_eq!(d.message, "`audience` now also names `Accountants` since the last publication, and no update says so");
    edit(
        &site,
        &add(
            &wider,
            "\n[[updates]]\ndate = 2026-11-30\nnote = \"Accountants are affected too.\"\nchanges = [\"audience\"]",
        ),
    );
    assert_eq!(recheck(&site), (0, vec![]));
}

#[test]
fn a_withdrawn_notice_stays_marked_withdrawn_everywhere() {
    let withdrawn = add(
        &base(),
        "\n[withdrawn]\ndate = 2026-11-20\nreason = \"Our accounting partners cannot read the new layout yet.\"\n\n[[updates]]\ndate = 2026-11-20\nnote = \"Withdrawn.\"\nchanges = [\"withdrawn\"]",
    );
    let site = TestSite::with_file("content/notices/invoice-layout.md", &withdrawn);
    site.build().expect(0);
    let page = site.output("notices/invoice-layout/index.html");
    assert!(page.contains("This change will not happen"), "{page}");
    assert!(page.contains("Our accounting partners cannot read the new layout yet."));
    assert!(!page.contains("Add to calendar"), "a withdrawn change offers no event to add");
    let json: Value = serde_json::from_str(&site.output("notices.json")).unwrap();
    let n = &json["notices"][0];
    assert_eq!(n["state"], "withdrawn");
    assert_eq!(n["withdrawn"]["reason"], "Our accounting partners cannot read the new layout yet.");
    assert_eq!(n["updates"][0]["changes"][0], "withdrawn");
    let ics = site.output("calendar.ics");
    assert!(ics.contains("STATUS:CANCELLED\r\n"), "{ics}");
    assert!(ics.contains("UID:notice-invoice-layout@"), "{ics}");
    // One update and the withdrawal: the event's third version.
    assert!(ics.contains("SEQUENCE:2\r\n"), "{ics}");
    let feed = site.output("feed.xml");
    assert!(feed.contains("<title>Withdrawn: Invoices get a new layout (will not happen)</title>"), "{feed}");
    // Atom carries the withdrawal as the item's update.
    let atom = site.output("atom.xml");
    assert!(atom.contains("<updated>2026-11-20T00:00:00Z</updated>"), "{atom}");
}

#[test]
fn a_withdrawal_needs_a_date_and_a_reason() {
    let site =
        TestSite::with_file("content/notices/invoice-layout.md", &add(&base(), "\n[withdrawn]\ndate = 2026-11-20"));
    let run = site.check();
    run.expect(2);
    assert!(run.stderr.contains("the required key `withdrawn.reason` is missing"), "{}", run.all());
}

#[test]
fn an_overdue_draft_is_denied_by_check_and_left_out_by_build() {
    let draft = set(&base(), "feedback", "feedback = \"mailto:billing@example.com\"\ndraft = true");
    let site = TestSite::with_file("content/notices/invoice-layout.md", &draft);
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    let (line, column) = loc(&draft, "true");
    let d = one(&diags, "draft-overdue", "deny", line, column);
    assert_eq!(d.message, "this draft was to be published on 2026-10-01 00:00 UTC and still is not");
    // Due later: nothing to say.
    let later =
        set(&set(&draft, "published", "published = 2026-12-01"), "effective", "effective = 2027-02-20T09:00:00Z");
    site.write("content/notices/invoice-layout.md", &later);
    assert_eq!(check(&site, &[]), (0, vec![]));
    site.build().expect(0);
    assert!(!site.has_output("notices/invoice-layout/index.html"));
}
