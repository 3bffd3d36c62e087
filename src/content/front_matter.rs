//! Splitting a content file into front matter and body, parsing the front
//! matter (TOML between `+++` lines, YAML between `---` lines) into a [`Raw`]
//! tree, and locating keys in the source so problems point at a line and
//! column.

use crate::diagnostic::Span;
use crate::schema::{Format, Locator, Problem, Raw};

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

impl Split<'_> {
    /// Where the keys of this front matter are.
    pub fn locator(&self) -> Locator {
        Locator::new(self.front_matter, self.format, self.front_matter_line)
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
        Format::Toml => super::toml_subset::parse(text).map(Ok).unwrap_or_else(|| Raw::from_toml(text)).map_err(|e| {
            let start = e.span.as_ref().map_or(0, |r| r.start);
            let span = e.span.map_or(Span::new(split.front_matter_line, 1, 1), |r| {
                Span::from_byte_range(text, r.start, r.end, split.front_matter_line)
            });
            toml_problem(text, start, span, &e.message)
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

#[cfg(test)]
mod tests {
    use super::*;

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
