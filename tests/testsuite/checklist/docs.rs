//! docs/checklist.md: every example is run.

use super::*;

/// The body of an example that shows none (the doc says so).
const BODY: &str = "This paragraph stands for the body of the notice: what is changing, who is affected and how, and what they need to do about it before the change takes effect.\n";

#[derive(Clone, Debug, PartialEq, Eq)]
enum Expect {
    /// Fires exactly this rule (at this level, if given).
    Fails { rule: String, level: Option<String> },
    /// Clean.
    Passes,
}

/// One example of the doc, with the context it runs in.
#[derive(Clone, Debug)]
struct Example {
    /// 1-based line of its marker.
    line: usize,
    /// The rule id of its section.
    section: String,
    expect: Expect,
    file: String,
    front: String,
    body: Option<String>,
    config: Option<String>,
    previous: Option<String>,
    /// The front matter of `content/notices/example.md` when the example
    /// is its translation (`<!-- original -->`).
    original: Option<String>,
    output: Option<String>,
}

/// A `[checklist.levels]` snippet.
struct Levels {
    line: usize,
    section: String,
    text: String,
}

#[derive(Default)]
struct Doc {
    examples: Vec<Example>,
    levels: Vec<Levels>,
    valid_configs: Vec<(usize, String)>,
    /// (section, its "**Default level:**" text)
    defaults: Vec<(String, String)>,
    /// Section ids, in order.
    sections: Vec<String>,
    /// Problems with the doc's own structure.
    errors: Vec<String>,
}

fn read_doc() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checklist.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Parses markers (`<!-- fails: RULE; level: L; file: F -->`,
/// `<!-- passes; file: F -->`, `<!-- body -->`, `<!-- output -->`,
/// `<!-- config -->`, `<!-- previous -->`, `<!-- original -->`, `<!-- levels -->`,
/// `<!-- valid-config -->`), each followed by a fenced block.
fn parse(text: &str) -> Doc {
    let mut doc = Doc::default();
    let mut section = String::new();
    let mut config: Option<String> = None;
    let mut previous: Option<String> = None;
    let mut original: Option<String> = None;
    let mut marker: Option<(usize, String)> = None;
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    while let Some((n, line)) = lines.next() {
        if let Some(h) = line.strip_prefix("## ") {
            section = h.trim().trim_matches('`').to_string();
            doc.sections.push(section.clone());
            config = None;
            previous = None;
            original = None;
            marker = None;
            continue;
        }
        if let Some(d) = line.strip_prefix("**Default level:** ") {
            doc.defaults.push((section.clone(), d.trim().to_string()));
            continue;
        }
        if let Some(m) = line.trim().strip_prefix("<!--").and_then(|m| m.strip_suffix("-->")) {
            if marker.is_some() {
                doc.errors.push(format!("line {n}: a marker follows a marker without a fenced block"));
            }
            marker = Some((n, m.trim().to_string()));
            continue;
        }
        if line.starts_with("```") {
            let mut block = String::new();
            for (_, l) in lines.by_ref() {
                if l.starts_with("```") {
                    break;
                }
                block.push_str(l);
                block.push('\n');
            }
            let Some((at, m)) = marker.take() else {
                doc.errors.push(format!("line {n}: a fenced block without a marker: every example must be checked"));
                continue;
            };
            let mut parts = m.split(';').map(str::trim);
            let head = parts.next().unwrap_or_default();
            let mut attrs = std::collections::BTreeMap::new();
            for p in parts {
                match p.split_once(':') {
                    Some((k, v)) => {
                        attrs.insert(k.trim().to_string(), v.trim().to_string());
                    }
                    None => doc.errors.push(format!("line {at}: bad attribute `{p}`")),
                }
            }
            let new_example = |expect: Expect| Example {
                line: at,
                section: section.clone(),
                expect,
                file: attrs.get("file").cloned().unwrap_or_else(|| "content/notices/example.md".into()),
                front: block.clone(),
                body: None,
                config: config.clone(),
                previous: previous.clone(),
                original: original.clone(),
                output: None,
            };
            match head {
                _ if head.starts_with("fails:") => {
                    let rule = head["fails:".len()..].trim().to_string();
                    doc.examples.push(new_example(Expect::Fails { rule, level: attrs.get("level").cloned() }));
                }
                "passes" => doc.examples.push(new_example(Expect::Passes)),
                "body" | "output" => match doc.examples.last_mut() {
                    Some(ex) if head == "body" => ex.body = Some(block),
                    Some(ex) => ex.output = Some(block),
                    None => doc.errors.push(format!("line {at}: `{head}` before any example")),
                },
                "config" => config = Some(block),
                "previous" => previous = Some(block),
                "original" => original = Some(block),
                "levels" => doc.levels.push(Levels { line: at, section: section.clone(), text: block }),
                "valid-config" => doc.valid_configs.push((at, block)),
                other => doc.errors.push(format!("line {at}: unknown marker `{other}`")),
            }
        }
    }
    doc
}

/// Runs an example: (exit status, JSON diagnostics, human stderr).
fn run(ex: &Example, extra_config: &str) -> (i32, Vec<Diag>, String) {
    let site = TestSite::new();
    let body = ex.body.as_deref().unwrap_or(BODY);
    if let Some(original) = &ex.original {
        assert_ne!(ex.file, "content/notices/example.md", "line {}: a translation names its own file", ex.line);
        site.write("content/notices/example.md", &format!("+++\n{original}+++\n\n{BODY}"));
    }
    site.write(&ex.file, &format!("+++\n{}+++\n\n{body}", ex.front));
    let config = format!("{}{extra_config}", ex.config.as_deref().unwrap_or_default());
    if !config.trim().is_empty() {
        site.write("forewarn.toml", &config);
    }
    let mut args: Vec<&str> = Vec::new();
    if let Some(prev) = &ex.previous {
        site.write("previous/notices.json", prev);
        args.extend(["--against", "previous/notices.json"]);
    }
    let (code, diags) = check(&site, &args);
    let mut human = vec!["check"];
    human.extend_from_slice(&args);
    let run = site.run(&human);
    assert_eq!(run.code, code, "json and human agree\n{}", run.all());
    (code, diags, run.stderr)
}

/// What is wrong with one example's result, if anything.
fn verdict(ex: &Example) -> Option<String> {
    let (code, diags, stderr) = run(ex, "");
    let wrong = |what: String| Some(format!("docs/checklist.md:{} ({}): {what}\n{diags:#?}", ex.line, ex.section));
    match &ex.expect {
        Expect::Passes => {
            if code != 0 || !diags.is_empty() {
                return wrong(format!("a fixed example must be clean, exit {code}"));
            }
        }
        Expect::Fails { rule, level } => {
            if diags.is_empty() {
                return wrong(format!("a failing example must fire `{rule}`; nothing fired"));
            }
            if let Some(d) = diags.iter().find(|d| &d.rule != rule) {
                return wrong(format!("a failing example must fire only `{rule}`, `{}` fired too", d.rule));
            }
            if let Some(level) = level
                && let Some(d) = diags.iter().find(|d| &d.level != level)
            {
                return wrong(format!("`{rule}` must be `{level}`, is `{}`", d.level));
            }
            let denied = diags.iter().any(|d| d.level == "deny");
            if code != i32::from(denied) {
                return wrong(format!("exit status {code}"));
            }
        }
    }
    if let Some(output) = &ex.output
        && !stderr.contains(output.as_str())
    {
        return wrong(format!(
            "the output shown is not what forewarn prints:\n--- shown\n{output}--- printed\n{stderr}"
        ));
    }
    None
}

#[test]
fn docs_are_well_formed_and_cover_every_rule() {
    let doc = parse(&read_doc());
    assert!(doc.errors.is_empty(), "{:#?}", doc.errors);
    let run = TestSite::new().run(&["explain"]);
    run.expect(0);
    for (id, default) in super::explain::listed(&run.stdout) {
        assert!(doc.sections.contains(&id), "docs/checklist.md has a section `## \\`{id}\\``");
        let documented: Vec<&String> = doc.defaults.iter().filter(|(s, _)| *s == id).map(|(_, d)| d).collect();
        assert_eq!(documented, [&default], "the default level documented for `{id}` is `forewarn explain`'s");
        let examples: Vec<&Example> = doc.examples.iter().filter(|e| e.section == id).collect();
        assert!(
            examples.iter().any(|e| matches!(&e.expect, Expect::Fails { rule, .. } if *rule == id)),
            "`{id}` has a failing example"
        );
        assert!(examples.iter().any(|e| e.expect == Expect::Passes), "`{id}` has a fixed example");
        assert!(examples.iter().any(|e| e.output.is_some()), "`{id}` shows the output of a failing example");
        assert!(doc.levels.iter().any(|l| l.section == id), "`{id}` says how to change its level");
    }
    for ex in &doc.examples {
        if let Expect::Fails { rule, .. } = &ex.expect {
            assert_eq!(rule, &ex.section, "line {}: a failing example fires its section's rule", ex.line);
        }
    }
    assert!(doc.examples.len() >= 40, "{} examples", doc.examples.len());
}

#[test]
fn docs_examples_fail_and_pass_as_they_say() {
    let doc = parse(&read_doc());
    // Run them in parallel: each starts the binary twice.
    let problems: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = doc.examples.iter().map(|ex| s.spawn(move || verdict(ex))).collect();
        handles.into_iter().filter_map(|h| h.join().expect("example thread")).collect()
    });
    assert!(problems.is_empty(), "{} example(s) wrong:\n\n{}", problems.len(), problems.join("\n\n"));
}

#[test]
fn docs_level_snippets_change_the_level() {
    let doc = parse(&read_doc());
    for levels in &doc.levels {
        let (rule, level) = levels
            .text
            .lines()
            .find_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
            .unwrap_or_else(|| panic!("line {}: a `rule = \"level\"` line", levels.line));
        assert_eq!(rule, levels.section, "line {}: the snippet sets its section's rule", levels.line);
        let ex = doc
            .examples
            .iter()
            .find(|e| e.section == levels.section && matches!(e.expect, Expect::Fails { .. }))
            .unwrap_or_else(|| panic!("line {}: a failing example in `{}`", levels.line, levels.section));
        let (code, diags, _) = run(ex, &format!("\n{}", levels.text));
        let found: Vec<&str> = of(&diags, &rule).iter().map(|d| d.level.as_str()).collect();
        assert!(!found.is_empty(), "line {}: `{rule}` still fires at level {level}: {diags:#?}", levels.line);
        assert!(found.iter().all(|l| *l == level), "line {}: `{rule}` is now {level}: {diags:#?}", levels.line);
        assert_eq!(code, i32::from(diags.iter().any(|d| d.level == "deny")), "line {}", levels.line);
    }
}

#[test]
fn docs_full_config_is_valid() {
    let doc = parse(&read_doc());
    assert!(!doc.valid_configs.is_empty());
    for (line, config) in &doc.valid_configs {
        let site = site_with_config(GOOD_NOTICE, config);
        assert_eq!(check(&site, &[]), (0, vec![]), "docs/checklist.md:{line}");
    }
}
