//! Where keys are: a light scan of a TOML or YAML source that maps each key
//! path to its line and column, so a problem with a value can point at it.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Format;
use crate::diagnostic::Span;

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
    /// A locator over front matter `text` in `format`, whose first line is
    /// line `first_line` of its file (the fence is the line before).
    pub fn new(text: &str, format: Format, first_line: usize) -> Locator {
        Locator { text: text.to_string(), format, first_line, fence: format.fence(), index: OnceLock::new() }
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
