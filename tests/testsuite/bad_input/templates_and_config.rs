//! Broken templates, broken config, bad `--as-of` and `--against` values.

use super::*;

// --------------------------------------------------------------- templates

#[test]
fn a_template_with_a_syntax_error() {
    let site = notice_site(GOOD_NOTICE);
    site.write(
        "templates/notice.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ notice.title }}</h1>\n{% if %}\n{% endblock content %}\n",
    );
    refused(&site.build(), 2, "templates/notice.html:4:", &["template error", "but expected"]);
    assert!(!site.has_output("index.html"));
}

#[test]
fn a_template_with_an_unknown_field() {
    let site = notice_site(GOOD_NOTICE);
    site.write(
        "templates/notice.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ notice.no_such_field.x }}\n{% endblock content %}\n",
    );
    refused(&site.build(), 2, "templates/notice.html:3:", &["template error", "no_such_field"]);
}

#[test]
fn a_template_with_an_unknown_filter() {
    let site = notice_site(GOOD_NOTICE);
    site.write(
        "templates/notice.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ notice.title | no_such_filter }}\n{% endblock content %}\n",
    );
    refused(&site.build(), 2, "templates/notice.html:3:", &["no_such_filter"]);
}

#[test]
fn a_template_that_is_not_utf8() {
    let site = notice_site(GOOD_NOTICE);
    site.write_bytes("templates/notice.html", b"{% extends \"base.html\" %}\xff\xfe");
    refused(&site.build(), 2, "templates/notice.html", &["UTF-8"]);
}

// ------------------------------------------------------------------ config

#[test]
fn config_that_is_not_toml() {
    let site = notice_site(GOOD_NOTICE);
    site.write("forewarn.toml", "title = \"Acme\nbase_url = \"https://x.example\"\n");
    refused(&site.check(), 2, "forewarn.toml:1:", &["invalid TOML"]);
}

#[test]
fn config_that_is_not_utf8() {
    let site = notice_site(GOOD_NOTICE);
    site.write_bytes("forewarn.toml", b"title = \"Caf\xe9\"\n");
    refused(&site.check(), 2, "forewarn.toml", &["not UTF-8"]);
}

#[test]
fn config_flag_naming_a_missing_file() {
    let site = notice_site(GOOD_NOTICE);
    refused(&site.run(&["check", "--config", "nope.toml"]), 2, "nope.toml", &["cannot read the config file"]);
}

#[test]
fn config_with_a_javascript_feedback_link() {
    let site = notice_site(&notice_without(&["feedback = "]));
    site.write("forewarn.toml", "feedback = \"javascript:alert(1)\"\n");
    refused(&site.check(), 2, "forewarn.toml:1:12", &["`feedback` must be an http(s) URL"]);
}

#[test]
fn as_of_that_is_not_a_date() {
    let site = notice_site(GOOD_NOTICE);
    refused(&site.run(&["build", "--as-of", "next tuesday"]), 2, "--as-of", &["not a valid"]);
}

// ---------------------------------------------------------------- --against

#[test]
fn a_bad_against_file_is_an_input_error_with_its_position() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut t = Table::default();
    for (name, json) in [
        ("not JSON", "not json"),
        ("an array", "[]"),
        ("deep nesting", deep.as_str()),
        ("a bad date", r#"{"version":1,"notices":[{"slug":"bad","effective":"garbage"}]}"#),
        (
            "an unknown impact",
            r#"{"version":1,"notices":[{"slug":"bad","effective":"2027-01-20T09:00:00Z","impact":"catastrophic"}]}"#,
        ),
        (
            "out of range",
            r#"{"version":1,"generated":"2026-01-01T00:00:00Z","notices":[{"slug":"x","effective":"9999-12-31T23:59:59+14:00"}]}"#,
        ),
    ] {
        let site = notice_site(GOOD_NOTICE);
        site.write("previous/notices.json", json);
        let run = site.run(&["check", "--against", "previous/notices.json"]);
        t.case(name, &run, 2, "previous/notices.json:1:", &["not a forewarn notices.json"]);
    }
    t.finish();
}

/// A broken config does not hide the content's problems: one run reports
/// every input problem of every file.
#[test]
fn config_and_content_problems_are_reported_in_one_run() {
    let site = TestSite::new();
    site.write("forewarn.toml", "title = 1\n");
    site.write("content/notices/a.md", "+++\ntitle = \"A\"\n+++\nbody\n");
    site.write("content/notices/b.md", "+++\ntitle = \n+++\n");
    let run = site.check();
    run.expect(2);
    for place in ["forewarn.toml:1:9", "content/notices/a.md:1:1", "content/notices/b.md:2:9"] {
        assert!(run.stderr.contains(place), "{place} missing:\n{}", run.all());
    }
    assert!(run.stderr.contains("stopped by 5 problems"), "{}", run.all());
}
