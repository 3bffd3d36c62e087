//! Notices in more than one language (`[languages.<code>]`, `name.<code>.md`
//! beside `name.md`): translations carry text, not facts
//! (`translation-mismatch`), no language hears less (`translation-missing`,
//! levels by impact), a translation published later is measured from its
//! own `published` (`advance-notice`), the input errors of a translation
//! without its original or in a language the site does not have, what
//! `build` writes, and `forewarn new notice --lang`.

use super::*;

/// A site publishing in German besides English.
const CONFIG: &str = "title = \"Acme change notices\"\n\n[languages.de]\ntitle = \"Acme Änderungshinweise\"\n";

/// The German translation of [`GOOD_NOTICE`]: every text, no facts.
const DE: &str = r#"+++
title = "Rechnungen erhalten ein neues Layout"
benefits = "Übersichtlichere Summen."
workaround = "Behalten Sie das klassische Layout bis März: **Einstellungen → Rechnungen → Klassisches Layout**."
+++

Rechnungen erhalten ein neues Layout mit den Summen oben und einer übersichtlicheren Aufschlüsselung der Steuern. Beträge, Nummerierung und Zustellung Ihrer Rechnungen ändern sich nicht.
"#;

/// A site with `notice` as content/notices/n.md, the German config and,
/// if given, `de` as content/notices/n.de.md.
fn with_de(notice: &str, de: Option<&str>) -> TestSite {
    let site = site_with_config(notice, CONFIG);
    if let Some(de) = de {
        site.write("content/notices/n.de.md", de);
    }
    site
}

/// `forewarn check --format json` on a site whose input cannot be read:
/// exit status 2 and the human message.
fn input_error(site: &TestSite) -> Run {
    let run = site.check();
    run.expect(2);
    run
}

#[test]
fn a_complete_translation_is_clean() {
    for impact in ["low", "medium", "high", "breaking"] {
        let site = with_de(&full_notice(impact), Some(DE));
        assert_eq!(check(&site, &[]), (0, vec![]), "{impact}");
    }
}

#[test]
fn a_missing_translation_is_denied_for_high_and_breaking_warned_for_medium_allowed_for_low() {
    for (impact, level) in [("breaking", Some("deny")), ("high", Some("deny")), ("medium", Some("warn")), ("low", None)]
    {
        let notice = full_notice(impact);
        let site = with_de(&notice, None);
        let (code, diags) = check(&site, &[]);
        match level {
            None => assert_eq!((code, diags), (0, vec![]), "{impact}"),
            Some(level) => {
                assert_eq!(code, i32::from(level == "deny"), "{impact}: {diags:#?}");
                let (l, c) = loc(&notice, "\"Invoices get a new layout\"");
                let d = one(&diags, "translation-missing", level, l, c);
                assert_eq!(diags.len(), 1, "{diags:#?}");
                assert_eq!(d.file, "content/notices/n.md");
                assert_eq!(
                    d.message,
                    format!(
                        "no `de` translation: customers reading `de` would not hear of this {impact}-impact change"
                    )
                );
                let help = d.help.as_deref().unwrap();
                assert!(help.contains("add content/notices/n.de.md"), "{help}");
                assert!(help.contains("forewarn new notice --lang de n"), "{help}");
            }
        }
    }
}

#[test]
fn every_configured_language_is_asked_for() {
    let config = format!("{CONFIG}\n[languages.fr]\ntitle = \"Acme changements\"\n\n[languages.pt-br]\n");
    let site = site_with_config(&full_notice("high"), &config);
    site.write("content/notices/n.de.md", DE);
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    let messages: Vec<&str> = of(&diags, "translation-missing").iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "no `fr` translation: customers reading `fr` would not hear of this high-impact change",
            "no `pt-br` translation: customers reading `pt-br` would not hear of this high-impact change",
        ],
        "{diags:#?}"
    );
}

#[test]
fn a_configured_level_applies_to_every_impact() {
    let site = with_de(&full_notice("low"), None);
    site.write("forewarn.toml", &format!("{CONFIG}\n[checklist.levels]\ntranslation-missing = \"deny\"\n"));
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    assert_eq!(rules(&diags), [("translation-missing", "deny")]);
    let site = site_with_config(
        &full_notice("breaking"),
        &format!("{CONFIG}\n[checklist.levels]\ntranslation-missing = \"allow\"\n"),
    );
    assert_eq!(check(&site, &[]), (0, vec![]));
    let site = site_with_config(
        &full_notice("high"),
        &format!("{CONFIG}\n[checklist.levels]\ntranslation-missing = \"warn\"\n"),
    );
    let (code, diags) = check(&site, &[]);
    assert_eq!((code, rules(&diags)), (0, vec![("translation-missing", "warn")]));
}

#[test]
fn withdrawn_notices_and_sites_of_one_language_ask_for_no_translation() {
    let withdrawn = add(
        &full_notice("high"),
        "\n[withdrawn]\ndate = 2026-11-20\nreason = \"We keep the classic layout after all.\"",
    );
    assert_eq!(check(&with_de(&withdrawn, None), &[]), (0, vec![]));
    assert_eq!(check(&site_with(&full_notice("high")), &[]), (0, vec![]));
}

#[test]
fn a_translation_that_leaves_text_out_is_missing_text() {
    let de = set(DE, "workaround", "");
    let de = with_body(&de, "");
    let site = with_de(&full_notice("high"), Some(&de));
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    let d = one(&diags, "translation-missing", "deny", 1, 1);
    assert_eq!(d.file, "content/notices/n.de.md");
    assert_eq!(
        d.message,
        "the `de` translation leaves out `workaround` and the body, which the original has: customers reading `de` would hear less"
    );
    assert_eq!(d.help.as_deref(), Some("translate `workaround` and the body from content/notices/n.md"));
    // An empty value is left out too, and is pointed at.
    let de = set(DE, "benefits", "benefits = \"\"");
    let site = with_de(&full_notice("medium"), Some(&de));
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 0);
    let (l, c) = loc(&de, "\"\"");
    let d = one(&diags, "translation-missing", "warn", l, c);
    assert!(d.message.starts_with("the `de` translation leaves out `benefits`,"), "{d:#?}");
}

#[test]
fn a_draft_translation_is_missing_until_published() {
    let de = add(DE, "draft = true");
    let site = with_de(&full_notice("high"), Some(&de));
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    let (l, c) = loc(&de, "true");
    let d = one(&diags, "translation-missing", "deny", l, c);
    assert_eq!(d.file, "content/notices/n.de.md");
    assert_eq!(
        d.message,
        "the `de` translation is a draft: customers reading `de` would not hear of this high-impact change"
    );
    // With drafts, as `serve` shows them, it counts.
    assert_eq!(check(&site, &["--drafts"]), (0, vec![]));
}

#[test]
fn a_translation_stating_another_fact_is_a_mismatch_at_that_key() {
    let notice = add(
        &full_notice("high"),
        "\n[[updates]]\ndate = 2026-11-01\nnote = \"Added the preview.\"\nchanges = [\"audience\"]",
    );
    let notice = notice
        .replace("[data]\n", "[data]\navailable_again = 2027-02-01\n")
        .replace("\"unaffected\"", "\"unavailable\"\naccess = \"Ask support.\"\nexport = \"Settings → Export.\"");
    let de = add(
        DE,
        r#"effective = 2027-01-20
impact = "medium"
kind = "change"
audience = ["Administratoren"]
areas = ["billing"]

[data]
disposition = "unavailable"
available_again = 2027-02-02
access = "Fragen Sie den Support."
export = "Einstellungen → Export."

[[updates]]
date = 2026-11-01
note = "Vorschau ergänzt."
changes = ["audience"]"#,
    );
    let site = with_de(&notice, Some(&de));
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1, "{diags:#?}");
    let found = of(&diags, "translation-mismatch");
    let summary: Vec<(u64, &str)> = found.iter().map(|d| (d.line.unwrap(), d.message.as_str())).collect();
    let line = |needle: &str| loc(&de, needle).0;
    assert_eq!(
        summary,
        [
            (
                line("effective = "),
                "the `de` translation says `effective` is 2027-01-20, the original (content/notices/n.md) says 2027-01-20 09:00 UTC"
            ),
            (
                line("impact = "),
                "the `de` translation says `impact` is \"medium\", the original (content/notices/n.md) says \"high\""
            ),
            (
                line("audience = "),
                "the `de` translation says `audience` is [\"Administratoren\"], the original (content/notices/n.md) says [\"Administrators\"]"
            ),
            (
                line("available_again = "),
                "the `de` translation says `data.available_again` is 2027-02-02, the original (content/notices/n.md) says 2027-02-01"
            ),
        ],
        "{diags:#?}"
    );
    assert!(found.iter().all(|d| d.level == "deny" && d.file == "content/notices/n.de.md"));
    assert_eq!(
        found[0].help.as_deref(),
        Some(
            "remove `effective` from the translation: facts come from the original, the same in every language (if the original is wrong, correct it there)"
        )
    );
    // Equal facts (kind, areas, disposition, the update's `changes`) are allowed.
    assert_eq!(diags.len(), 4, "{diags:#?}");
}

#[test]
fn a_translation_names_the_original_update_dates() {
    let notice = add(
        &full_notice("high"),
        "\n[[updates]]\ndate = 2026-11-01\nnote = \"Added the preview.\"\n\n[[updates]]\ndate = 2026-11-10\nnote = \"The classic layout stays until March.\"",
    );
    let update = |date: &str| format!("\n[[updates]]\ndate = {date}\nnote = \"Vorschau ergänzt.\"");
    let cases = [
        (
            String::new(),
            "the `de` translation has no updates, the original (content/notices/n.md) has 2: 2026-11-01 and 2026-11-10",
        ),
        (
            update("2026-11-01"),
            "the `de` translation's updates are dated 2026-11-01, the original's (content/notices/n.md) 2026-11-01 and 2026-11-10",
        ),
        (
            format!("{}{}", update("2026-11-01"), update("2026-11-11")),
            "the `de` translation's updates are dated 2026-11-01 and 2026-11-11, the original's (content/notices/n.md) 2026-11-01 and 2026-11-10",
        ),
        (
            format!("{}{}\nchanges = [\"effective\"]", update("2026-11-01"), update("2026-11-10")),
            "the `de` translation's update of 2026-11-10 says `changes = [\"effective\"]`, the original (content/notices/n.md) says []",
        ),
    ];
    for (updates, message) in cases {
        let de = if updates.is_empty() { DE.to_string() } else { add(DE, &updates) };
        let (code, diags) = check(&with_de(&notice, Some(&de)), &[]);
        assert_eq!(code, 1, "{diags:#?}");
        assert_eq!(rules(&diags), [("translation-mismatch", "deny")], "{diags:#?}");
        assert_eq!(diags[0].message, message);
        let at = if updates.is_empty() { (1, 1) } else { loc(&de, "[[updates]]") };
        assert_eq!((diags[0].line, diags[0].column), (Some(at.0), Some(at.1)), "{de}");
    }
    let de = add(DE, &format!("{}{}", update("2026-11-01"), update("2026-11-10")));
    assert_eq!(check(&with_de(&notice, Some(&de)), &[]), (0, vec![]));
    // A translation with updates of a notice without any.
    let de = add(DE, &update("2026-11-01"));
    let (_, diags) = check(&with_de(&full_notice("high"), Some(&de)), &[]);
    assert_eq!(
        diags[0].message,
        "the `de` translation has updates dated 2026-11-01, the original (content/notices/n.md) has none"
    );
}

#[test]
fn a_later_translation_is_measured_from_its_own_published() {
    // The original gives 98 days of notice, its translation 81.
    let notice = set(&full_notice("high"), "published", "published = 2026-11-23");
    let notice = set(&notice, "effective", "effective = 2027-03-01T09:00:00Z");
    let late = add(DE, "published = 2026-12-10");
    let (code, diags) = check(&with_de(&notice, Some(&late)), &[]);
    assert_eq!(code, 1);
    let (l, c) = loc(&late, "2026-12-10");
    let d = one(&diags, "advance-notice", "deny", l, c);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(d.file, "content/notices/n.de.md");
    assert_eq!(d.message, "high-impact change announced in `de` 81 days ahead; needs 90");
    assert_eq!(
        d.help.as_deref(),
        Some(
            "publish the translation by 2026-12-01, or move `effective` in content/notices/n.md to 2027-03-10T00:00 or later"
        )
    );
    // Published with the original, early enough, or before it: clean.
    for published in ["published = 2026-11-23", "published = 2026-12-01", "published = 2026-10-01"] {
        assert_eq!(check(&with_de(&notice, Some(&add(DE, published))), &[]), (0, vec![]), "{published}");
    }
    // Too late to publish in time: the help moves the date only.
    let notice = set(&full_notice("high"), "published", "published = 2026-10-01");
    let later = add(DE, "published = 2026-11-23");
    let (_, diags) = check(&with_de(&notice, Some(&later)), &[]);
    let (l, c) = loc(&later, "2026-11-23");
    let d = one(&diags, "advance-notice", "deny", l, c);
    assert_eq!(d.message, "high-impact change announced in `de` 58 days ahead; needs 90");
    assert_eq!(
        d.help.as_deref(),
        Some("move `effective` in content/notices/n.md to 2027-02-22T00:00 or later, or give an `emergency` reason")
    );
    // An emergency exempts every language.
    let urgent =
        add(&notice, "\n[emergency]\nkind = \"legal\"\nreason = \"A court order requires the new tax breakdown.\"");
    let later =
        add(&later, "\n[emergency]\nreason = \"Ein Gerichtsbeschluss verlangt die neue Aufschlüsselung der Steuern.\"");
    assert_eq!(check(&with_de(&urgent, Some(&later)), &[]), (0, vec![]));
}

#[test]
fn a_translation_without_its_original_cannot_be_read() {
    let site = site_with_config(&full_notice("high"), CONFIG);
    site.write("content/notices/n.de.md", DE);
    site.write("content/notices/old-api.de.md", DE);
    let run = input_error(&site);
    assert!(
        run.stderr.contains(
            "error[input]: a translation into `de` of content/notices/old-api.md, which does not exist\n--> content/notices/old-api.de.md"
        ),
        "{}",
        run.all()
    );
    assert!(
        run.stderr.contains(
            "help: name the original `old-api.md` (the notice in the default language, `en`) beside it, or remove the language suffix `.de` to make this a notice of its own"
        ),
        "{}",
        run.all()
    );
    site.build().expect(2);
}

#[test]
fn a_language_the_site_does_not_have_cannot_be_read() {
    let site = with_de(&full_notice("high"), Some(DE));
    site.write("content/notices/n.fr.md", DE);
    let run = input_error(&site);
    assert!(
        run.stderr.contains(
            "error[input]: `n.fr.md` is a translation into `fr`, which is not a language of this site (the site's other languages are `de`)"
        ),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("help: add `[languages.fr]` to forewarn.toml to publish it"), "{}", run.all());
    // Without any language configured, too.
    let site = site_with(&full_notice("high"));
    site.write("content/notices/n.de.md", DE);
    let run = input_error(&site);
    assert!(run.stderr.contains("(the site has no other languages)"), "{}", run.all());
    // The default language has no suffix.
    let site = with_de(&full_notice("high"), Some(DE));
    site.write("content/notices/n.en.md", DE);
    let run = input_error(&site);
    assert!(
        run.stderr.contains("`n.en.md` names the default language, `en`: a notice in it has no language suffix"),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("help: rename it to `n.md`"), "{}", run.all());
}

#[test]
fn a_suffix_that_is_no_language_code_is_part_of_the_name_as_before() {
    let site = with_de(&full_notice("high"), Some(DE));
    let title = "title = \"Invoices get a new layout\"";
    site.write("content/notices/v1.2.md", &set(&full_notice("low"), "title", &format!("{title}\nslug = \"v1-2\"")));
    assert_eq!(check(&site, &[]), (0, vec![]));
}

#[test]
fn a_folder_notice_has_its_translation_in_the_folder() {
    let site = TestSite::new();
    site.write("forewarn.toml", CONFIG);
    site.write("content/notices/layout/index.md", &full_notice("high"));
    site.write("content/notices/layout/preview.png", "png");
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    let d = &of(&diags, "translation-missing")[0];
    assert_eq!(d.file, "content/notices/layout/index.md");
    assert!(d.help.as_deref().unwrap().contains("add content/notices/layout/index.de.md"), "{d:#?}");
    site.write("content/notices/layout/index.de.md", DE);
    assert_eq!(check(&site, &[]), (0, vec![]));
    site.build().expect(0);
    assert!(site.has_output("notices/layout/preview.png"), "the asset stays the original's");
    assert!(!site.has_output("notices/layout/index.de.md"), "the translation is no asset");
}

#[test]
fn languages_are_language_codes_other_than_the_default() {
    for (table, message) in [
        ("[languages.German]", "`German` is not a language code"),
        ("[languages.en]", "`en` is the default language (`language`): it needs no `[languages.en]`"),
    ] {
        let site = site_with_config(&full_notice("high"), &format!("{table}\ntitle = \"x\"\n"));
        let run = input_error(&site);
        assert!(run.stderr.contains(message), "{}", run.all());
        assert!(run.stderr.contains("--> forewarn.toml:1:"), "{}", run.all());
    }
    let site = site_with_config(&full_notice("low"), "[languages.de]\nname = \"Deutsch\"\n");
    let run = input_error(&site);
    assert!(run.stderr.contains("unknown key `languages.de.name`"), "{}", run.all());
    let site = site_with_config(&full_notice("low"), "language = \"de\"\n\n[languages.en]\n[languages.zh-hant]\n");
    assert_eq!(check(&site, &[]), (0, vec![]));
}

#[test]
fn notices_json_lists_each_notices_translations() {
    let site = with_de(&full_notice("high"), Some(&add(DE, "published = 2026-02-01")));
    site.build().expect(0);
    let record: Value = serde_json::from_str(&site.output("notices.json")).unwrap();
    let translations = &record["notices"][0]["translations"];
    assert_eq!(
        translations,
        &serde_json::json!({
            "de": {
                "title": "Rechnungen erhalten ein neues Layout",
                "summary": "Rechnungen erhalten ein neues Layout mit den Summen oben und einer übersichtlicheren Aufschlüsselung der Steuern. Beträge, Nummerierung und Zustellung Ihrer Rechnungen ändern sich nicht.",
                "published": "2026-02-01T00:00:00+00:00"
            }
        })
    );
    // Published with the original when it says nothing.
    let site = site_with_config(&full_notice("high"), CONFIG);
    site.write("content/notices/n.de.md", DE);
    site.build().expect(0);
    let record: Value = serde_json::from_str(&site.output("notices.json")).unwrap();
    assert_eq!(record["notices"][0]["translations"]["de"]["published"], "2026-01-05T00:00:00+00:00");
    // A site of one language has no `translations`.
    let site = site_with(&full_notice("high"));
    site.build().expect(0);
    let record: Value = serde_json::from_str(&site.output("notices.json")).unwrap();
    assert!(record["notices"][0].get("translations").is_none(), "{record}");
}

#[test]
fn a_translation_changes_nothing_else_the_build_writes() {
    let with = with_de(&full_notice("high"), Some(DE));
    with.build().expect(0);
    let without = site_with_config(&full_notice("high"), CONFIG);
    without.write("forewarn.toml", &format!("{CONFIG}\n[checklist.levels]\ntranslation-missing = \"allow\"\n"));
    without.build().expect(0);
    let (a, b) = (files(&with.path().join("public")), files(&without.path().join("public")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    // Outside the language's folder `de/`, nothing changes but the record
    // (which lists the notice's translations) and the notice's own page,
    // which now links its translation (`hreflang` alternates and the
    // language switch) and is otherwise the same.
    let english = Path::new("notices/n/index.html");
    for (path, bytes) in &a {
        let name = path.to_string_lossy();
        if path.starts_with("de") || name == "notices.json" || name == ".forewarn-manifest" || path == english {
            continue;
        }
        assert!(bytes == &b[path], "{name} differs");
    }
    let (with_en, without_en) = (String::from_utf8_lossy(&a[english]), String::from_utf8_lossy(&b[english]));
    assert!(with_en.contains("hreflang=\"de\"") && with_en.contains("/de/notices/n/\""), "{with_en}");
    assert!(!without_en.contains("hreflang"), "{without_en}");
    let switch = with_en.find("<nav class=\"lang-switch\"").expect("a language switch");
    let switch_end = switch + with_en[switch..].find("</nav>\n").unwrap() + "</nav>\n".len();
    let rest = [&with_en[..switch], &with_en[switch_end..]].concat();
    let stripped: Vec<&str> = rest.lines().filter(|l| !l.starts_with("<link rel=\"alternate\" hreflang=")).collect();
    assert_eq!(stripped, without_en.lines().collect::<Vec<_>>(), "notices/n/index.html differs beyond the links");
    // Inside it, the notice's page carries the translated text.
    let page = Path::new("de/notices/n/index.html");
    let (with_page, without_page) = (String::from_utf8_lossy(&a[page]), String::from_utf8_lossy(&b[page]));
    for german in ["Rechnungen erhalten ein neues Layout", "Übersichtlichere Summen.", "Klassisches Layout"] {
        assert!(with_page.contains(german), "de/notices/n/index.html lacks `{german}`:\n{with_page}");
        assert!(!without_page.contains(german), "without a translation: `{german}`");
    }
    assert!(!with_page.contains("Invoices get a new layout"), "the English title is left:\n{with_page}");
}

#[test]
fn a_draft_translation_is_left_out_of_the_record() {
    let site = with_de(&full_notice("low"), Some(&add(DE, "draft = true")));
    site.build().expect(0);
    let record: Value = serde_json::from_str(&site.output("notices.json")).unwrap();
    assert!(record["notices"][0].get("translations").is_none(), "{record}");
}

#[test]
fn new_notice_lang_writes_the_text_to_translate_beside_the_original() {
    let notice = add(
        &set(&full_notice("high"), "effective", "effective = 2027-03-01T09:00:00Z"),
        "\n[[updates]]\ndate = 2026-11-01\nnote = \"Added the preview.\"\nchanges = [\"audience\"]",
    );
    let site = with_de(&notice, None);
    let run = site.run(&["new", "notice", "--lang", "de", "Invoices get a new layout"]);
    run.expect(0);
    assert!(run.stdout.contains("content/notices/n.de.md"), "{}", run.all());
    let text = std::fs::read_to_string(site.path().join("content/notices/n.de.md")).unwrap();
    for line in [
        "# Invoices get a new layout\ntitle = \"\"\n",
        "# Clearer totals.\nbenefits = \"\"\n",
        "# Point customers to the Settings toggle.\nsupport = \"\"\n",
        "[[updates]]\ndate = 2026-11-01",
        "# Added the preview.\nnote = \"\"\n",
        "\npublished = 2026-11-23\n",
        "<!-- Translate the original's body below",
        "Invoices will use a new layout with the totals at the top",
    ] {
        assert!(text.contains(line), "has `{line}`:\n{text}");
    }
    for fact in ["effective", "impact", "audience", "areas", "disposition", "changes", "feedback"] {
        assert!(!text.lines().any(|l| l.starts_with(&format!("{fact} ="))), "no `{fact}`:\n{text}");
    }
    // Until translated, it says what is left to do.
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    assert_eq!(rules(&diags), [("translation-missing", "deny")], "{diags:#?}");
    assert_eq!(
        diags[0].message,
        "the `de` translation leaves out `title`, `benefits`, `workaround`, an update's `note` and the body, which the original has: customers reading `de` would hear less"
    );
    // Translated: clean (published today still gives 90 days).
    let filled = text
        .replace("title = \"\"", "title = \"Rechnungen erhalten ein neues Layout\"")
        .replace("benefits = \"\"", "benefits = \"Übersichtlichere Summen.\"")
        .replace("workaround = \"\"", "workaround = \"Einstellungen → Rechnungen → Klassisches Layout.\"")
        .replace("note = \"\"", "note = \"Vorschau ergänzt.\"");
    let filled = format!("{}\nRechnungen erhalten ein neues Layout.\n", &filled[..filled.find("<!--").unwrap()]);
    site.write("content/notices/n.de.md", &filled);
    assert_eq!(check(&site, &[]), (0, vec![]), "{filled}");
    // By slug too; an existing translation is not overwritten.
    let run = site.run(&["new", "notice", "--lang", "de", "n"]);
    run.expect(2);
    assert!(run.stderr.contains("already exists"), "{}", run.all());
}

#[test]
fn new_notice_lang_refuses_unknown_languages_and_notices() {
    let site = with_de(&full_notice("high"), None);
    let run = site.run(&["new", "notice", "--lang", "fr", "n"]);
    run.expect(2);
    assert!(run.stderr.contains("`fr` is not a language of this site"), "{}", run.all());
    assert!(run.stderr.contains("add `[languages.fr]` (with its `title`) to forewarn.toml"), "{}", run.all());
    let run = site.run(&["new", "notice", "--lang", "en", "n"]);
    run.expect(2);
    assert!(run.stderr.contains("`en` is the default language"), "{}", run.all());
    let run = site.run(&["new", "notice", "--lang", "de", "Invoices get a new layot"]);
    run.expect(2);
    assert!(run.stderr.contains("no notice has the slug or title `Invoices get a new layot`"), "{}", run.all());
    let run = site.run(&["new", "improvement", "--lang", "de", "n"]);
    run.expect(2);
    assert!(run.stderr.contains("only notices have translations"), "{}", run.all());
    assert!(!site.path().join("content/notices/n.de.md").exists());
}
