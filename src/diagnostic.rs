//! Diagnostics: one problem in one file, located by line and column, with a
//! hint. Every stage (config, content, checklist, render) reports through this
//! type so the CLI can print them all at once, sorted, in one format.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input could not be read at all (exit status 2).
    Error,
    /// A checklist rule at level `deny` fired (exit status 1).
    Deny,
    /// A checklist rule at level `warn` fired (reported, exit status 0).
    Warn,
}

impl Severity {
    /// The word printed before the bracketed code.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Deny => "deny",
            Severity::Warn => "warning",
        }
    }
}

/// A 1-based position and the number of characters to underline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    /// 1-based line number in the file.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// How many characters the underline covers (at least 1).
    pub len: usize,
}

impl Span {
    /// A span at `line:column` covering `len` characters.
    pub fn new(line: usize, column: usize, len: usize) -> Span {
        Span { line, column, len: len.max(1) }
    }

    /// The span covering the byte range `start..end` of `text` (which begins
    /// at line `first_line` of its file).
    pub fn from_byte_range(text: &str, start: usize, end: usize, first_line: usize) -> Span {
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = floor_char_boundary(text, end.clamp(start, text.len()));
        let before = &text[..start];
        let line = first_line + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..start].chars().count() + 1;
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let len = text[start..end.min(line_end)].chars().count();
        Span::new(line, column, len)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem, where it is, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error, deny or warning.
    #[serde(rename = "level")]
    pub severity: Severity,
    /// A stable code: a checklist rule id (`advance-notice`) or an input
    /// problem class (`front-matter`, `config`, `template`, `output`).
    #[serde(rename = "rule")]
    pub code: String,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// Where in the file; `None` for problems with a whole file or folder.
    #[serde(flatten, serialize_with = "serialize_span")]
    pub span: Option<Span>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// A label under the underlined text.
    #[serde(skip)]
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// The text of the line the span points at, for the snippet.
    #[serde(skip)]
    pub source_line: Option<String>,
}

fn serialize_span<S: serde::Serializer>(span: &Option<Span>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(2))?;
    map.serialize_entry("line", &span.map(|s| s.line))?;
    map.serialize_entry("column", &span.map(|s| s.column))?;
    map.end()
}

impl Diagnostic {
    /// A diagnostic without position.
    pub fn new(
        severity: Severity,
        code: impl Into<String>,
        file: impl AsRef<Path>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code: code.into(),
            file: file.as_ref().to_path_buf(),
            span: None,
            message: message.into(),
            label: None,
            help: None,
            source_line: None,
        }
    }

    /// An input error (exit status 2).
    pub fn error(code: impl Into<String>, file: impl AsRef<Path>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, file, message)
    }

    /// Points the diagnostic at `span` of `source` (the whole file text), so
    /// the snippet can show the line.
    pub fn at(self, span: Span, source: &str) -> Diagnostic {
        let line = source.lines().nth(span.line.saturating_sub(1)).map(|l| l.trim_end_matches('\r').to_string());
        self.at_line(span, line)
    }

    /// Points the diagnostic at `span`, whose line reads `line`.
    pub fn at_line(mut self, span: Span, line: Option<String>) -> Diagnostic {
        self.source_line = line;
        self.span = Some(span);
        self
    }

    /// Adds a `help:` line.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a label under the underlined text.
    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Sort key: file, then line, then column.
    pub fn sort_key(&self) -> (PathBuf, usize, usize, Severity) {
        let (l, c) = self.span.map_or((0, 0), |s| (s.line, s.column));
        (self.file.clone(), l, c, self.severity)
    }

    /// `file:line:col` (or just the file).
    pub fn location(&self) -> String {
        match self.span {
            Some(s) => format!("{}:{}:{}", self.file.display(), s.line, s.column),
            None => self.file.display().to_string(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// A one-line form: `content/x.md:3:1: error[front-matter]: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}[{}]: {}", self.location(), self.severity.label(), self.code, self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file, line and column, and drops exact duplicates.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by_key(Diagnostic::sort_key);
    diags.dedup();
}

/// "1 notice", "3 notices": a count with its noun, for messages.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// The closest candidate to `word` by edit distance, if close enough to be a
/// plausible typo ("did you mean").
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let max = (word.chars().count() / 3).max(1) + 1;
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(d, _)| *d <= max)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_from_byte_range_counts_lines_and_chars() {
        let text = "a = 1\nbé = \"x\"\n";
        let start = text.find('"').unwrap();
        let span = Span::from_byte_range(text, start, start + 3, 2);
        assert_eq!(span, Span::new(3, 6, 3));
    }

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["effective", "published", "impact"];
        assert_eq!(did_you_mean("efective", &keys), Some("effective"));
        assert_eq!(did_you_mean("impcat", &keys), Some("impact"));
        assert_eq!(did_you_mean("colour", &keys), None);
    }
}
