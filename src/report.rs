//! Printing diagnostics for people (rustc style), for tools (JSON) and for
//! CI (GitHub workflow annotations).

use std::borrow::Cow;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Severity};

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// rustc-style messages with the source line.
    Human,
    /// A JSON array of {rule, level, file, line, column, message, help}.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

/// `s` with its control characters written as escapes (`\u{1b}`): file
/// names and text from the input must not drive the reader's terminal.
pub(crate) fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect())
}

/// A source line for a snippet: control characters other than tabs become
/// U+FFFD, one character for one, so the underline stays in its column.
fn printable_line(line: &str) -> String {
    line.chars().map(|c| if c.is_control() && c != '\t' { '\u{FFFD}' } else { c }).collect()
}

/// One diagnostic, rustc style. Control characters in it are escaped.
pub(crate) fn human(d: &Diagnostic, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Deny => Level::ERROR.with_name("deny"),
        Severity::Warn => Level::WARNING,
    };
    let path = printable(&d.file.to_string_lossy()).into_owned();
    let message = printable(&d.message);
    let title = level.primary_title(message.as_ref()).id(d.code.as_str());
    let label = d.label.as_deref().map(printable);
    let help = d.help.as_deref().map(printable);
    let location = printable(&d.location()).into_owned();
    let source_line = d.source_line.as_deref().map(printable_line);
    let mut group: Group<'_> = match (d.span, &source_line) {
        (Some(span), Some(line)) => {
            let start = line.char_indices().nth(span.column - 1).map_or(line.len(), |(i, _)| i);
            let end = line[start..].char_indices().nth(span.len).map_or(line.len(), |(i, _)| start + i);
            let mut ann = AnnotationKind::Primary.span(start..end.max(start));
            if let Some(label) = &label {
                ann = ann.label(label.as_ref());
            }
            title.element(Snippet::source(line.as_str()).path(path.as_str()).line_start(span.line).annotation(ann))
        }
        _ => title.element(annotate_snippets::Origin::path(location.as_str())),
    };
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(help.as_ref()));
    }
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    renderer.render(&[group])
}

/// All diagnostics as a JSON array (stable: rule, level, file, line,
/// column, message, help).
pub(crate) fn json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diags).unwrap_or_else(|_| "[]".into())
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One diagnostic as a GitHub workflow annotation.
pub(crate) fn github(d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error | Severity::Deny => "error",
        Severity::Warn => "warning",
    };
    let mut props = format!("file={}", escape_property(&d.file.to_string_lossy()));
    if let Some(s) = d.span {
        props.push_str(&format!(",line={},col={}", s.line, s.column));
    }
    props.push_str(&format!(",title={}", escape_property(&format!("{}[{}]", d.severity.label(), d.code))));
    let mut msg = d.message.clone();
    if let Some(h) = &d.help {
        msg.push_str(&format!("\nhelp: {h}"));
    }
    format!("::{kind} {props}::{}", escape_data(&msg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    #[test]
    fn human_output_underlines_the_value() {
        let d = Diagnostic::new(
            Severity::Deny,
            "advance-notice",
            "content/notices/a.md",
            "high-impact change announced 14 days ahead; needs 90",
        )
        .at(Span::new(3, 13, 20), "+++\ntitle = \"A\"\neffective = 2027-01-15T09:00:00Z\n")
        .help("move `effective` to 2027-04-04 or later");
        let out = human(&d, false);
        assert!(out.starts_with("deny[advance-notice]: high-impact change"), "{out}");
        assert!(out.contains("--> content/notices/a.md:3:13"), "{out}");
        assert!(out.contains("^^^^^^^^^^^^^^^^^^^^"), "{out}");
        assert!(out.contains("help: move `effective`"), "{out}");
    }

    #[test]
    fn human_output_escapes_control_characters() {
        let d = Diagnostic::new(Severity::Error, "input", "content/notices/a\u{1b}[2J.md", "the name `a\u{1b}[2J` …")
            .at(Span::new(1, 3, 1), "x\u{7}y = 1\n")
            .label("bell \u{7}")
            .help("rename \u{9b}it");
        let out = human(&d, false);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("a\\u{1b}[2J.md:1:3"), "{out}");
        let whole = Diagnostic::new(Severity::Error, "input", "b\u{1b}.md", "m");
        assert!(human(&whole, false).contains("b\\u{1b}.md"));
        assert!(json(&[whole]).contains("b\\u001b.md"), "JSON keeps the exact name");
    }

    #[test]
    fn github_annotations_escape() {
        let d = Diagnostic::new(Severity::Warn, "quiet-period", "a,b.md", "x\ny").at(Span::new(2, 1, 1), "a\nb");
        assert_eq!(github(&d), "::warning file=a%2Cb.md,line=2,col=1,title=warning[quiet-period]::x%0Ay");
    }
}
