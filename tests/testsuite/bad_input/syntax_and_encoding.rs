//! Front matter that does not parse: TOML and YAML syntax, fences, encodings.

use super::*;

// ------------------------------------------------------ TOML and YAML syntax

#[test]
fn toml_unclosed_string() {
    let text = notice(&[r#"title = "Invoices get a new layout"#]);
    let run = notice_site(&text).check();
    refused(&run, 2, &format!("{BAD}:2:"), &["invalid TOML front matter at `title`", "TOML needs"]);
}

#[test]
fn toml_value_without_quotes() {
    let text = notice(&["impact = medium"]);
    let run = notice_site(&text).check();
    refused(&run, 2, &after(BAD, &text, "impact = "), &["`impact`", "strings in double quotes"]);
}

#[test]
fn toml_key_given_twice() {
    let text = doc(GOOD_NOTICE, &[], "").replacen("impact = \"medium\"", "impact = \"medium\"\nimpact = \"low\"", 1);
    let run = notice_site(&text).check();
    refused(&run, 2, &format!("{BAD}:6:"), &["duplicate", "TOML needs"]);
}

#[test]
fn toml_table_header_never_closed() {
    let text = doc(GOOD_NOTICE, &[], "[data\ndisposition = \"unaffected\"");
    let run = notice_site(&text).check();
    refused(&run, 2, &format!("{BAD}:12:"), &["invalid TOML front matter"]);
}

#[test]
fn yaml_unclosed_string() {
    let text = GOOD_YAML
        .replacen("title: Invoices get a new layout", "title: \"Invoices get a new layout", 1)
        .replacen("feedback: \"mailto:billing@example.com\"", "feedback: mailto:billing@example.com", 1);
    let run = notice_site(&text).check();
    refused(&run, 2, &after(BAD, &text, "title: "), &["invalid YAML front matter", "unclosed quote"]);
}

#[test]
#[ignore = "BUG: a YAML string left open is reported at the next quote further down (here line 11), not where it opens"]
fn yaml_unclosed_string_is_reported_where_it_opens() {
    // YAML strings may span lines, so the parser reads on to the next `"`;
    // the message should still point at the line that opened the string.
    let text = GOOD_YAML.replacen("title: Invoices get a new layout", "title: \"Invoices get a new layout", 1);
    let run = notice_site(&text).check();
    refused(&run, 2, &format!("{BAD}:2:"), &["invalid YAML front matter"]);
}

#[test]
fn yaml_bad_indentation() {
    let text = GOOD_YAML.replacen("published: 2026-10-01", "  published: 2026-10-01", 1);
    let run = notice_site(&text).check();
    refused(&run, 2, &format!("{BAD}:3:"), &["invalid YAML front matter", "indentation"]);
}

#[test]
fn yaml_tab_indentation() {
    let text = GOOD_YAML.replacen("published: 2026-10-01", "\tpublished: 2026-10-01", 1);
    let run = notice_site(&text).check();
    refused(&run, 2, &format!("{BAD}:3:1"), &["a tab is used for indentation", "not tabs"]);
}

#[test]
fn yaml_list_instead_of_keys() {
    let text = "---\n- title\n- published\n---\n\nBody.\n";
    let run = notice_site(text).check();
    refused(&run, 2, &format!("{BAD}:2:1"), &["the front matter is a list, not a set of keys"]);
}

#[test]
fn deeply_nested_and_exploding_front_matter_is_refused_quickly() {
    let n = 100_000;
    let toml = format!("+++\nextra = {}{}\n+++\n\nBody.\n", "[".repeat(n), "]".repeat(n));
    let yaml = format!("---\nextra: {}{}\n---\n\nBody.\n", "[".repeat(n), "]".repeat(n));
    // "Billion laughs": nine aliases of nine aliases of … of nine strings.
    let mut laughs = String::from("---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut prev = 'a';
    for c in 'b'..='i' {
        laughs.push_str(&format!("{c}: &{c} [{}]\n", vec![format!("*{prev}"); 9].join(", ")));
        prev = c;
    }
    laughs.push_str("---\n\nBody.\n");
    let mut t = Table::default();
    for (name, text, line) in [("TOML arrays", toml, 2), ("YAML flow lists", yaml, 2), ("YAML aliases", laughs, 7)] {
        let start = Instant::now();
        let run = notice_site(&text).check();
        // The alias bomb is reported where it blows up, on its last line.
        t.case(name, &run, 2, &format!("{BAD}:{line}:"), &["front matter"]);
        assert!(start.elapsed() < Duration::from_secs(20), "{name} took {:?}", start.elapsed());
    }
    t.finish();
}

// ------------------------------------------------------------------ fences

#[test]
fn toml_fence_never_closed() {
    let text = GOOD_NOTICE.replacen("\n+++\n", "\n\n", 1);
    let run = notice_site(&text).check();
    refused(&run, 2, &format!("{BAD}:1:1"), &["the front matter is never closed", "add a line `+++`"]);
}

#[test]
fn yaml_fence_never_closed() {
    let text = GOOD_YAML.replacen("\n---\n", "\n\n", 1);
    let run = notice_site(&text).check();
    refused(&run, 2, &format!("{BAD}:1:1"), &["never closed", "add a line `---`"]);
}

#[test]
fn mismatched_fences() {
    let text = GOOD_NOTICE.replacen("\n+++\n", "\n---\n", 1);
    let run = notice_site(&text).check();
    refused(&run, 2, &format!("{BAD}:12:1"), &["opens with `+++` but closes with `---`", "close it with `+++`"]);
}

#[test]
fn no_opening_fence() {
    let text = GOOD_NOTICE.trim_start_matches("+++\n");
    let run = notice_site(text).check();
    refused(&run, 2, &format!("{BAD}:1:1"), &["does not start with front matter"]);
}

#[test]
fn yaml_block_inside_toml_fences() {
    // Someone pasted a YAML front matter into a TOML one.
    let text = GOOD_NOTICE.replacen("+++\n", "+++\n---\ntitle: Old title\n---\n", 1);
    let run = notice_site(&text).check();
    refused(&run, 2, &format!("{BAD}:2:"), &["invalid TOML front matter"]);
}

#[test]
fn two_front_matter_blocks() {
    // A notice converted from YAML to TOML with the old block left below:
    // the YAML keys would end up on the public page as a heading.
    let yaml_block = "---\ntitle: Old title\nimpact: low\n---\n";
    let text = GOOD_NOTICE.replacen("+++\n\n", &format!("+++\n{yaml_block}\n"), 1);
    let run = notice_site(&text).check();
    refused(&run, 2, &format!("{BAD}:13:1"), &["a second front-matter block"]);
}

#[test]
fn empty_file() {
    let run = notice_site("").check();
    refused(&run, 2, &format!("{BAD}:1:1"), &["the file is empty", "forewarn new notice"]);
}

#[test]
fn whitespace_only_file() {
    let run = notice_site("\n  \n\t\n").check();
    refused(&run, 2, &format!("{BAD}:1:1"), &["the file is empty"]);
}

#[test]
fn empty_front_matter_names_every_missing_key() {
    let run = notice_site("+++\n+++\n\nBody.\n").check();
    refused(&run, 2, &format!("{BAD}:1:1"), &["`title` is missing", "`published`", "`effective`", "`impact`"]);
}

#[test]
fn front_matter_only_is_a_checklist_denial() {
    // Readable, but nothing explains the impact: the checklist says so.
    let text = GOOD_NOTICE.split_inclusive('\n').take(12).collect::<String>();
    let run = notice_site(&text).check();
    refused(&run, 1, &format!("{BAD}:1:1"), &["impact-explained"]);
}

// ---------------------------------------------------------------- encodings

#[test]
fn not_utf8() {
    let mut bytes = GOOD_NOTICE.as_bytes().to_vec();
    // "Invoices" → "Inv\xF6ices" (Latin-1 ö) on line 2.
    let pos = GOOD_NOTICE.find("Invoices").unwrap() + 3;
    bytes[pos] = 0xF6;
    let site = TestSite::new();
    site.write_bytes(BAD, &bytes);
    refused(&site.check(), 2, &format!("{BAD}:2:13"), &["not valid UTF-8", "save it as UTF-8"]);
}

#[test]
fn utf16_with_bom() {
    for (name, bom, unit) in [
        ("little-endian", [0xFF, 0xFE], u16::to_le_bytes as fn(u16) -> [u8; 2]),
        ("big-endian", [0xFE, 0xFF], u16::to_be_bytes as fn(u16) -> [u8; 2]),
    ] {
        let mut bytes = bom.to_vec();
        bytes.extend(GOOD_NOTICE.encode_utf16().flat_map(unit));
        let site = TestSite::new();
        site.write_bytes(BAD, &bytes);
        let run = site.check();
        let p = problems(&run, 2, &format!("{BAD}:1:1"), &["UTF-16", "save it as UTF-8"]);
        assert!(p.is_empty(), "{name}: {}\n{}", p.join("; "), run.all());
    }
}

#[test]
fn bom_and_crlf_build() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(GOOD_NOTICE.replace('\n', "\r\n").into_bytes());
    let site = TestSite::new();
    site.write_bytes(BAD, &bytes);
    site.write_bytes("content/improvements/csv.md", &{
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend(GOOD_IMPROVEMENT.replace('\n', "\r\n").into_bytes());
        b
    });
    site.build().expect(0);
    let json: serde_json::Value = serde_json::from_str(&site.output("notices.json")).unwrap();
    assert_eq!(json["notices"][0]["title"], "Invoices get a new layout");
    assert!(!site.output("notices/bad/index.html").contains('\u{feff}'));
    assert!(!site.output("notices.json").contains("\\r"), "a CR leaked into notices.json");
}
