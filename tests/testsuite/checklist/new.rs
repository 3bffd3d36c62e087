//! `forewarn new notice|improvement TITLE`

use super::*;

const CONFIG: &str = "title = \"Acme change notices\"\nfeedback = \"mailto:product@example.com\"\n";

fn site() -> TestSite {
    let site = TestSite::new();
    site.write("forewarn.toml", CONFIG);
    site
}

fn read(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.path().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// The writer's work: every placeholder filled, and a body.
fn fill_notice(text: &str) -> String {
    let text = text
        .replace("audience = []", "audience = [\"Administrators\"]")
        .replace("areas = []", "areas = [\"billing\"]")
        .replace("benefits = \"\"", "benefits = \"Clearer totals.\"")
        .replace("workaround = \"\"", "workaround = \"Keep the classic layout from Settings until March.\"")
        .replace("support = \"\"", "support = \"Point customers to the Settings toggle.\"");
    format!(
        "{text}\nInvoices will use a new layout with the totals at the top and a clearer tax breakdown. Nothing changes in the amounts, numbering or delivery of your invoices.\n"
    )
}

#[test]
fn new_notice_writes_every_field_dated_today() {
    let site = site();
    let run = site.run(&["new", "notice", "Title"]);
    run.expect(0);
    assert!(run.stdout.contains("Created") && run.stdout.contains("content/notices/title.md"), "{}", run.all());
    let text = read(&site, "content/notices/title.md");
    assert!(text.starts_with("+++\ntitle = \"Title\"\n"), "{text}");
    assert!(text.contains("\npublished = 2026-11-23\n"), "dated today: {text}");
    assert!(text.contains("\neffective = 2026-12-23\n"), "30 days for medium impact: {text}");
    assert!(text.contains("\nimpact = \"medium\"\n"), "{text}");
    for key in [
        "audience = []",
        "areas = []",
        "benefits = \"\"",
        "workaround = \"\"",
        "support = \"\"",
        "# feedback = ",
        "# emergency = { kind = ",
        "# ends = ",
        "# [data]",
        "# disposition = ",
        "# access = ",
        "# available_again = ",
        "# export = ",
        "# [[updates]]",
    ] {
        assert!(text.contains(key), "has `{key}`:\n{text}");
    }
    // Every field is commented with what it is for.
    for (i, line) in text.lines().enumerate().filter(|(_, l)| l.contains(" = ") && !l.starts_with('#')) {
        if line.starts_with("title = ") {
            continue;
        }
        let above = text.lines().nth(i - 1).unwrap();
        assert!(above.starts_with('#'), "`{line}` has a comment above it:\n{text}");
    }
}

#[test]
fn new_notice_fails_check_with_clear_messages_until_filled() {
    let site = site();
    site.run(&["new", "notice", "Title"]).expect(0);
    let text = read(&site, "content/notices/title.md");
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    let at = |needle: &str| loc(&text, needle);
    let (l, c) = at("[]");
    one(&diags, "audience", "deny", l, c);
    one(&diags, "impact-explained", "deny", 1, 1);
    let (l, _) = at("benefits = ");
    one(&diags, "benefits", "warn", l, 12);
    let (l, _) = at("workaround = ");
    one(&diags, "workaround", "deny", l, 14);
    let (l, _) = at("support = ");
    one(&diags, "support-prep", "warn", l, 11);
    assert_eq!(diags.len(), 5, "{diags:#?}");
    let impact = of(&diags, "impact-explained")[0];
    assert_eq!(impact.message, "the body does not explain the impact: it is empty");
    let run = site.check();
    run.expect(1);
    for title in [
        "deny[audience]: the notice does not say who is affected",
        "deny[workaround]: medium-impact change offers no workaround",
        "warning[benefits]: medium-impact change does not say why it is worth it",
        "warning[support-prep]: support has no talking points for this change",
        "deny[impact-explained]: the body does not explain the impact: it is empty",
    ] {
        assert!(run.stderr.contains(title), "`{title}`\n{}", run.all());
    }
    // Filled in: clean.
    site.write("content/notices/title.md", &fill_notice(&text));
    assert_eq!(check(&site, &[]), (0, vec![]));
}

#[test]
fn new_notice_without_a_site_feedback_asks_for_one() {
    let site = TestSite::new();
    site.run(&["new", "notice", "Title"]).expect(0);
    let text = read(&site, "content/notices/title.md");
    site.write("content/notices/title.md", &fill_notice(&text));
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    assert_eq!(rules(&diags), [("feedback-channel", "deny")]);
    // Uncommenting the feedback line is enough.
    let filled = fill_notice(&text).replace("# feedback = ", "feedback = ");
    site.write("content/notices/title.md", &filled);
    assert_eq!(check(&site, &[]), (0, vec![]));
}

#[test]
fn new_notice_uses_the_configured_lead_time_and_the_site_zone() {
    let site = TestSite::new();
    site.write(
        "forewarn.toml",
        &format!("{CONFIG}timezone = \"America/Los_Angeles\"\n\n[checklist.lead_time]\nmedium = 45\n"),
    );
    site.run(&["new", "notice", "Later"]).expect(0);
    let text = read(&site, "content/notices/later.md");
    // 2026-11-23T00:00Z is still 22 November in Los Angeles.
    assert!(text.contains("\npublished = 2026-11-22\n"), "{text}");
    assert!(text.contains("\neffective = 2027-01-06\n"), "{text}");
    assert!(text.contains("need 45 days"), "{text}");
    site.write("content/notices/later.md", &fill_notice(&text));
    assert_eq!(check(&site, &[]), (0, vec![]));
}

#[test]

fn new_notice_passes_when_filled_across_dst() {
    let site = TestSite::new();
    site.write("forewarn.toml", &format!("{CONFIG}timezone = \"Europe/Amsterdam\"\n"));
    let now = epoch("2027-03-01T12:00:00Z");
    site.run_env(&["new", "notice", "Spring change"], &[("SOURCE_DATE_EPOCH", &now)]).expect(0);
    let text = read(&site, "content/notices/spring-change.md");
    assert!(text.contains("\npublished = 2027-03-01\n"), "{text}");
    site.write("content/notices/spring-change.md", &fill_notice(&text));
    let (code, diags) = check_env(&site, &[], &[("SOURCE_DATE_EPOCH", &now)]);
    assert_eq!((code, diags), (0, vec![]), "{text}");
}

#[test]
fn new_improvement_warns_until_filled() {
    let site = site();
    let run = site.run(&["new", "improvement", "Title"]);
    run.expect(0);
    assert!(run.stdout.contains("content/improvements/title.md"), "{}", run.all());
    let text = read(&site, "content/improvements/title.md");
    assert!(text.contains("\ndate = 2026-11-23\n"), "{text}");
    assert!(text.contains("\nstatus = \"shipped\"\n"), "{text}");
    for key in ["# eta = ", "# reason = ", "# notice = ", "[feedback]", "source = \"\"", "# requests = ", "# quote = "]
    {
        assert!(text.contains(key), "has `{key}`:\n{text}");
    }
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 0, "a missing feedback source is a warning (SPEC §3)");
    assert_eq!(rules(&diags), [("improvement-feedback", "warn")]);
    assert_eq!(diags[0].message, "the entry does not name the feedback it answers");
    assert_eq!(diags[0].file, "content/improvements/title.md");
    let filled = text.replace("source = \"\"", "source = \"Support tickets\"");
    site.write("content/improvements/title.md", &filled);
    assert_eq!(check(&site, &[]), (0, vec![]));
    // Switching to planned without filling `eta` is denied.
    site.write("content/improvements/title.md", &filled.replace("status = \"shipped\"", "status = \"planned\""));
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    assert_eq!(diags[0].message, "a planned improvement needs an `eta`");
    site.write(
        "content/improvements/title.md",
        &filled.replace("status = \"shipped\"", "status = \"planned\"").replace("# eta = ", "eta = "),
    );
    assert_eq!(check(&site, &[]), (0, vec![]));
}

#[test]
fn new_improvement_points_at_the_empty_source() {
    let site = site();
    site.run(&["new", "improvement", "Title"]).expect(0);
    let text = read(&site, "content/improvements/title.md");
    let (_, diags) = check(&site, &[]);
    let (line, column) = loc(&text, "source = \"\"");
    one(&diags, "improvement-feedback", "warn", line, column + "source = ".len() as u64);
}

#[test]
fn new_refuses_to_overwrite() {
    let site = site();
    site.write("content/notices/title.md", "mine\n");
    let run = site.run(&["new", "notice", "Title"]);
    run.expect(2);
    assert!(run.stderr.contains("already exists"), "{}", run.all());
    assert_eq!(read(&site, "content/notices/title.md"), "mine\n");
    site.write("content/improvements/title.md", "mine too\n");
    site.run(&["new", "improvement", "Title"]).expect(2);
    assert_eq!(read(&site, "content/improvements/title.md"), "mine too\n");
    // A second `new` of the same title is refused as well.
    site.run(&["new", "notice", "Another one"]).expect(0);
    let first = read(&site, "content/notices/another-one.md");
    site.run_env(&["new", "notice", "Another one"], &[("SOURCE_DATE_EPOCH", &epoch("2027-01-01T00:00:00Z"))]).expect(2);
    assert_eq!(read(&site, "content/notices/another-one.md"), first);
}

#[test]
fn new_notice_titles_in_any_script_give_readable_ascii_file_names_that_build() {
    let site = site();
    for (title, file) in [
        ("Обновление тарифов", "obnovlenie-tarifov"),
        ("Αλλαγή τιμολόγησης", "allage-timologeses"),
        ("价格调整通知", "jia-ge-diao-zheng-tong-zhi"),
        ("تحديث الأسعار", "thdyth-l-s-r"),
        ("עדכון מחירים", "dkvn-mkhyrym"),
    ] {
        let run = site.run(&["new", "notice", title]);
        run.expect(0);
        let rel = format!("content/notices/{file}.md");
        assert!(run.stdout.contains(&rel), "{title}: {}", run.all());
        let text = read(&site, &rel);
        assert!(text.contains(&format!("title = \"{title}\"")), "the title stays as written: {text}");
        site.write(&rel, &fill_notice(&text));
    }
    let names: Vec<String> = std::fs::read_dir(site.path().join("content/notices"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.iter().all(|n| n.is_ascii()), "{names:?}");
    site.build().expect(0);
    assert!(site.has_output("notices/obnovlenie-tarifov/index.html"));
    assert!(site.output("notices/dkvn-mkhyrym/index.html").contains("עדכון מחירים"));
}
