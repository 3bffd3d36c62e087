//! Splitting a content file into front matter and body, parsing the front
//! matter (TOML between `+++` lines, YAML between `---` lines) into a [`Raw`]
//! tree, and locating keys in the source so problems point at a line and
//! column.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::raw::Raw;
use crate::diagnostic::Span;

/// The front-matter language, chosen by the fence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `+++` fences (Zola style).
    Toml,
    /// `---` fences (Hugo/Jekyll style).
    Yaml,
}

impl Format {
    fn fence(self) -> &'static str {
        match self {
            Format::Toml => "+++",
            Format::Yaml => "---",
        }
    }
}

/// A file split at its fences.
#[derive(Debug)]
pub struct Split<'a> {
    /// The language of the front matter.
    pub format: Format,
    /// The text between the fences.
    pub front_matter: &'a str,
    /// 1-based line number of the first front-matter line.
    pub front_matter_line: usize,
    /// The text after the closing fence.
    pub body: &'a str,
    /// 1-based line number of the first body line.
    pub body_line: usize,
}

/// A problem found while splitting or parsing: where, what, what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the file.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
}

impl Problem {
    fn new(span: Span, message: impl Into<String>, help: impl Into<String>) -> Problem {
        Problem { span, message: message.into(), help: Some(help.into()) }
    }
}

/// Splits `text` (BOM already removed) into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, Problem> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_end].trim_end();
    let format = match first {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ if text.trim().is_empty() => {
            return Err(Problem::new(
                Span::new(1, 1, 1),
                "the file is empty",
                "a notice starts with front matter between `+++` lines (TOML) or `---` lines (YAML); `forewarn new notice \"Title\"` writes one",
            ));
        }
        _ => {
            return Err(Problem::new(
                Span::new(1, 1, first.chars().count()),
                "the file does not start with front matter",
                "put the front matter first, between two `+++` lines (TOML) or two `---` lines (YAML)",
            ));
        }
    };
    let fence = format.fence();
    let other = match format {
        Format::Toml => "---",
        Format::Yaml => "+++",
    };
    let mut offset = first_end;
    let mut line_no = 2;
    let mut mismatched = None;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i + 1);
        let line = text[offset..end].trim_end();
        if line == fence {
            return Ok(Split {
                format,
                front_matter: &text[first_end..offset],
                front_matter_line: 2,
                body: &text[end..],
                body_line: line_no + 1,
            });
        }
        if line == other && mismatched.is_none() {
            mismatched = Some(line_no);
        }
        offset = end;
        line_no += 1;
    }
    Err(match mismatched {
        Some(line) => Problem::new(
            Span::new(line, 1, 3),
            format!("the front matter opens with `{fence}` but closes with `{other}`"),
            format!("close it with `{fence}` like it opens (`+++` for TOML, `---` for YAML)"),
        ),
        None => Problem::new(
            Span::new(1, 1, 3),
            "the front matter is never closed",
            format!("add a line `{fence}` after the last front-matter key"),
        ),
    })
}

/// A second front-matter block right after the first (a file converted
/// from YAML to TOML with the old block left in, say) would be published as
/// body text: it is an error.
pub fn second_block(split: &Split<'_>) -> Option<Problem> {
    let mut lines = split.body.lines().enumerate().skip_while(|(_, l)| l.trim().is_empty());
    let (start, first) = lines.next()?;
    let fence = first.trim_end();
    if fence != "+++" && fence != "---" {
        return None;
    }
    let mut keys = 0;
    for (_, line) in lines {
        if line.trim_end() == fence {
            return (keys > 0).then(|| {
                Problem::new(
                    Span::new(split.body_line + start, 1, 3),
                    "a second front-matter block follows the first; it would be published as text",
                    "move its keys into the first block and delete it",
                )
            });
        }
        let key: String = line.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect();
        let rest = line[key.len()..].trim_start();
        if !key.is_empty() && (rest.starts_with('=') || rest.starts_with(':')) {
            keys += 1;
        }
    }
    None
}

/// Parses the front matter into a table.
pub fn parse(split: &Split<'_>) -> Result<Raw, Problem> {
    let text = split.front_matter;
    let raw = match split.format {
        Format::Toml => super::toml_subset::parse(text).map(Ok).unwrap_or_else(|| toml::from_str::<Raw>(text)).map_err(|e| {
            let start = e.span().map_or(0, |r| r.start);
            let span = e.span().map_or(Span::new(split.front_matter_line, 1, 1), |r| {
                Span::from_byte_range(text, r.start, r.end, split.front_matter_line)
            });
            toml_problem(text, start, span, e.message().trim_end())
        })?,
        Format::Yaml => yaml(text).map_err(|(line, column, message)| {
            let line = split.front_matter_line + line.saturating_sub(1);
            Problem::new(
                Span::new(line, column.max(1), 1),
                format!("invalid YAML front matter: {message}"),
                "YAML needs `key: value`, indentation with spaces (not tabs), and quotes around values containing `: ` or starting with a special character",
            )
        })?,
    };
    match raw {
        Raw::Table(_) => Ok(raw),
        Raw::Null => Ok(Raw::Table(Vec::new())),
        other => Err(Problem::new(
            Span::new(split.front_matter_line, 1, 1),
            format!("the front matter is {}, not a set of keys", other.type_name()),
            "write one `key = value` (TOML) or `key: value` (YAML) per line",
        )),
    }
}

/// A TOML syntax error, naming the key of the line it is on (the toml crate
/// rejects impossible dates such as `2026-02-30` while parsing, before the
/// schema reader could name the key).
fn toml_problem(text: &str, offset: usize, span: Span, message: &str) -> Problem {
    let line_start = text[..offset.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("");
    let key = line
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"'))
        .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')));
    let about_time =
        ["date", "time", "day", "month", "hour", "minute", "second", "offset"].iter().any(|w| message.contains(w));
    match key {
        Some(key) if about_time => Problem::new(
            span,
            format!("`{key}`: {message}"),
            "write a real date like `2027-03-01` or a datetime like `2027-03-01T09:00:00+01:00`",
        ),
        Some(key) => Problem::new(
            span,
            format!("invalid TOML front matter at `{key}`: {message}"),
            "TOML needs `key = value`, strings in double quotes, lists in `[ ]`, tables as `[name]`",
        ),
        None => Problem::new(
            span,
            format!("invalid TOML front matter: {message}"),
            "TOML needs `key = value`, strings in double quotes, lists in `[ ]`, tables as `[name]`",
        ),
    }
}

fn yaml(text: &str) -> Result<Raw, (usize, usize, String)> {
    if let Some((i, line)) =
        text.lines().enumerate().find(|(_, l)| l.starts_with('\t') || l.trim_start_matches(' ').starts_with('\t'))
    {
        let col = line.find('\t').unwrap_or(0) + 1;
        return Err((i + 1, col, "a tab is used for indentation".to_string()));
    }
    use serde_saphyr::MessageFormatter;
    // Strict booleans: `no` stays a string (the "Norway problem"); budgets
    // bound what a hostile file can make the parser do.
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! { max_depth: 32, max_nodes: 100_000 },
        strict_booleans: true,
    };
    serde_saphyr::from_str_with_options::<Raw>(text, options).map_err(|e| {
        let (line, col) = e.location().map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        let message = serde_saphyr::DefaultMessageFormatter.format_message(e.without_snippet()).to_string();
        (line, col, message)
    })
}

/// Finds keys in the front-matter source, so a problem with a value can point
/// at its line. A light scan of the text, not a parser: it understands table
/// headers, dotted keys, YAML indentation and lists, which covers front
/// matter as people write it; anything it cannot place falls back to the
/// nearest enclosing key, and finally to the opening fence.
///
/// The index is built on first use: most files never need a position.
pub struct Locator {
    text: String,
    format: Format,
    first_line: usize,
    fence: &'static str,
    index: OnceLock<Index>,
}

struct Index {
    entries: HashMap<String, (usize, usize, usize)>,
    lines: Vec<String>,
}

impl Locator {
    /// A locator over `split`'s front matter.
    pub fn new(split: &Split<'_>) -> Locator {
        Locator {
            text: split.front_matter.to_string(),
            format: split.format,
            first_line: split.front_matter_line,
            fence: split.format.fence(),
            index: OnceLock::new(),
        }
    }

    /// A locator for a whole TOML file without fences (`forewarn.toml`).
    pub fn for_toml_file(text: &str) -> Locator {
        Locator { text: text.to_string(), format: Format::Toml, first_line: 1, fence: "", index: OnceLock::new() }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let lines: Vec<String> = self.text.lines().map(|l| l.trim_end_matches('\r').to_string()).collect();
            let entries = match self.format {
                Format::Toml => scan_toml(&lines),
                Format::Yaml => scan_yaml(&lines),
            };
            Index { entries, lines }
        })
    }

    /// The text of line `line` (1-based, counted in the whole file), if it
    /// is the opening fence or a front-matter line.
    pub fn line_text(&self, line: usize) -> Option<String> {
        if line + 1 == self.first_line {
            return Some(self.fence.to_string());
        }
        self.index().lines.get(line.checked_sub(self.first_line)?).cloned()
    }

    /// Whether the front matter has the key at `path`.
    pub fn has(&self, path: &[&str]) -> bool {
        self.index().entries.contains_key(&path.join("\0"))
    }

    /// The span of the opening fence (where missing keys are reported).
    pub fn fence(&self) -> Span {
        Span::new(self.first_line.saturating_sub(1).max(1), 1, self.fence.len().max(1))
    }

    /// The span of the value at `path` (keys and list indexes).
    pub fn value(&self, path: &[&str]) -> Span {
        self.find(path, true)
    }

    /// The span of the key at `path` itself.
    pub fn key(&self, path: &[&str]) -> Span {
        self.find(path, false)
    }

    fn find(&self, path: &[&str], value: bool) -> Span {
        let index = self.index();
        for n in (1..=path.len()).rev() {
            let Some(&(idx, key_col, value_col)) = index.entries.get(&path[..n].join("\0")) else {
                continue;
            };
            let line = &index.lines[idx];
            let chars: Vec<char> = line.chars().collect();
            if n < path.len() {
                // A deeper key inside an inline table or flow mapping on this line.
                let needle = path[path.len() - 1];
                if let Some(pos) = line.find(needle) {
                    let col = line[..pos].chars().count();
                    return Span::new(self.first_line + idx, col + 1, needle.chars().count());
                }
                return Span::new(self.first_line + idx, key_col + 1, 1);
            }
            if value && value_col < chars.len() {
                let text: String = chars[value_col..].iter().collect();
                return Span::new(self.first_line + idx, value_col + 1, value_len(&text));
            }
            let key_len = chars[key_col..].iter().take_while(|c| !matches!(c, '=' | ':' | ' ' | '\t')).count();
            return Span::new(self.first_line + idx, key_col + 1, key_len);
        }
        self.fence()
    }
}

/// How many characters of `text` (the rest of a line from a value's start)
/// are the value: a quoted string up to its closing quote, anything else up
/// to a ` #` comment.
fn value_len(text: &str) -> usize {
    let mut chars = text.char_indices();
    let end = match chars.next() {
        Some((_, q @ ('"' | '\''))) => {
            let mut escaped = false;
            let mut end = text.len();
            for (i, c) in chars {
                if c == q && !escaped {
                    end = i + 1;
                    break;
                }
                escaped = q == '"' && c == '\\' && !escaped;
            }
            end
        }
        _ => text.find(" #").unwrap_or(text.len()),
    };
    text[..end].trim_end().chars().count()
}

fn value_start(chars: &[char], after: usize) -> usize {
    let mut i = after;
    while i < chars.len() && (chars[i] == ' ' || chars[i] == '\t') {
        i += 1;
    }
    i
}

fn scan_toml(lines: &[String]) -> HashMap<String, (usize, usize, usize)> {
    let mut out = HashMap::new();
    let mut prefix: Vec<String> = Vec::new();
    let mut counters: HashMap<String, usize> = HashMap::new();
    let mut in_multiline = false;
    for (idx, line) in lines.iter().enumerate() {
        let quotes = line.matches("\"\"\"").count() + line.matches("'''").count();
        if in_multiline {
            in_multiline = quotes % 2 == 0;
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let indent = chars.iter().take_while(|c| c.is_whitespace()).count();
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(name) = trimmed.strip_prefix("[[") {
            let name = name.split("]]").next().unwrap_or("").trim().to_string();
            let n = counters.entry(name.clone()).or_insert(0);
            prefix = split_dotted(&name);
            prefix.push(n.to_string());
            *n += 1;
            out.insert(prefix.join("\0"), (idx, indent, indent));
            continue;
        }
        if let Some(name) = trimmed.strip_prefix('[') {
            let name = name.split(']').next().unwrap_or("").trim();
            prefix = split_dotted(name);
            out.insert(prefix.join("\0"), (idx, indent, indent));
            continue;
        }
        if let Some(eq) = chars.iter().position(|&c| c == '=') {
            let key: String = chars[indent..eq].iter().collect();
            let mut path = prefix.clone();
            path.extend(split_dotted(key.trim()));
            out.entry(path.join("\0")).or_insert((idx, indent, value_start(&chars, eq + 1)));
        }
        if quotes % 2 == 1 {
            in_multiline = true;
        }
    }
    out
}

fn split_dotted(key: &str) -> Vec<String> {
    key.split('.').map(|k| k.trim().trim_matches('"').trim_matches('\'').to_string()).collect()
}

fn scan_yaml(lines: &[String]) -> HashMap<String, (usize, usize, usize)> {
    // Stack of (indent, path segment, is a list item).
    let mut stack: Vec<(usize, String, bool)> = Vec::new();
    let mut counters: HashMap<String, usize> = HashMap::new();
    let mut out = HashMap::new();
    for (idx, line) in lines.iter().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut col = chars.iter().take_while(|&&c| c == ' ').count();
        let rest: String = chars[col..].iter().collect();
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if rest == "-" || rest.starts_with("- ") {
            while stack.last().is_some_and(|(i, _, item)| *i > col || (*i == col && *item)) {
                stack.pop();
            }
            let parent: Vec<&str> = stack.iter().map(|(_, s, _)| s.as_str()).collect();
            let n = counters.entry(parent.join("\0")).or_insert(0);
            stack.push((col, n.to_string(), true));
            *n += 1;
            let path: Vec<&str> = stack.iter().map(|(_, s, _)| s.as_str()).collect();
            out.insert(path.join("\0"), (idx, col, value_start(&chars, col + 1)));
            col = value_start(&chars, col + 1);
        }
        let rest: String = chars[col.min(chars.len())..].iter().collect();
        let Some(colon) = find_yaml_colon(&rest) else {
            continue;
        };
        let key = rest[..colon].trim().trim_matches('"').trim_matches('\'').to_string();
        while stack.last().is_some_and(|(i, _, _)| *i >= col) {
            stack.pop();
        }
        let mut path: Vec<&str> = stack.iter().map(|(_, s, _)| s.as_str()).collect();
        path.push(&key);
        let key_chars = rest[..colon].chars().count();
        let value_col = value_start(&chars, col + key_chars + 1);
        out.entry(path.join("\0")).or_insert((idx, col, value_col));
        stack.push((col, key, false));
    }
    out
}

/// The byte index of a `key:` colon (followed by a space or the line end),
/// outside quotes and flow collections.
fn find_yaml_colon(s: &str) -> Option<usize> {
    if s.starts_with(['{', '[', '"', '\'', '|', '>']) && !s.starts_with('"') && !s.starts_with('\'') {
        return None;
    }
    let bytes = s.as_bytes();
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if (b == b'"' || b == b'\'') && i == 0 => quote = Some(b),
            None if b == b':' && (i + 1 == bytes.len() || bytes[i + 1] == b' ') => {
                return Some(i);
            }
            None if b == b'#' && i > 0 && bytes[i - 1] == b' ' => return None,
            None => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locate(text: &str, path: &[&str]) -> Span {
        let split = split(text).unwrap();
        Locator::new(&split).value(path)
    }

    #[test]
    fn splits_toml_and_yaml_with_crlf() {
        let s = split("+++\r\ntitle = \"a\"\r\n+++\r\nbody\r\n").unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.body, "body\r\n");
        assert_eq!(s.body_line, 4);
        let s = split("---\ntitle: a\n---\n").unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.front_matter, "title: a\n");
    }

    #[test]
    fn unclosed_and_mismatched_fences_are_reported() {
        assert!(split("+++\ntitle = 1\n").unwrap_err().message.contains("never closed"));
        let p = split("+++\ntitle = 1\n---\n").unwrap_err();
        assert_eq!(p.span.line, 3);
        assert!(p.message.contains("closes with `---`"));
        assert!(split("title = 1").unwrap_err().message.contains("does not start"));
        assert!(split("  \n").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn locates_toml_keys_tables_and_arrays() {
        let text = "+++\ntitle = \"A\"\nimpact = \"high\"\n\n[data]\ndisposition = \"gone\"\n\n[[updates]]\ndate = 2026-01-01\n[[updates]]\ndate = 2026-02-01\n+++\n";
        assert_eq!(locate(text, &["impact"]), Span::new(3, 10, 6));
        assert_eq!(locate(text, &["data", "disposition"]), Span::new(6, 15, 6));
        assert_eq!(locate(text, &["updates", "1", "date"]), Span::new(11, 8, 10));
        // Missing keys fall back to the parent, then to the fence.
        assert_eq!(locate(text, &["data", "access"]).line, 5);
        assert_eq!(locate(text, &["audience"]), Span::new(1, 1, 3));
    }

    #[test]
    fn value_spans_stop_before_comments() {
        let text = "+++\nimpact = \"high\"   # why\neffective = 2027-01-01 # note\ntitle = \"a # b\"\n+++\n";
        assert_eq!(locate(text, &["impact"]), Span::new(2, 10, 6));
        assert_eq!(locate(text, &["effective"]), Span::new(3, 13, 10));
        assert_eq!(locate(text, &["title"]), Span::new(4, 9, 7));
    }

    #[test]
    fn locates_yaml_keys_and_list_items() {
        let text = "---\ntitle: A\ndata:\n  disposition: gone\nupdates:\n- date: 2026-01-01\n  note: x\n- date: 2026-02-01\n---\n";
        assert_eq!(locate(text, &["title"]), Span::new(2, 8, 1));
        assert_eq!(locate(text, &["data", "disposition"]), Span::new(4, 16, 4));
        assert_eq!(locate(text, &["updates", "1", "date"]).line, 8);
        assert_eq!(locate(text, &["updates", "0", "note"]).line, 7);
    }

    #[test]
    fn parse_errors_point_into_the_file() {
        let text = "+++\ntitle = \"A\"\nimpact = high\n+++\n";
        let p = parse(&split(text).unwrap()).unwrap_err();
        assert_eq!(p.span.line, 3);
        let text = "---\ntitle: A\n\timpact: high\n---\n";
        let p = parse(&split(text).unwrap()).unwrap_err();
        assert_eq!(p.span.line, 3);
        assert!(p.message.contains("tab"));
    }
}
