//! Printing diagnostics for people (rustc style), for tools (JSON) and for
//! CI (GitHub workflow annotations).

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

/// One diagnostic, rustc style.
pub(crate) fn human(d: &Diagnostic, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Deny => Level::ERROR.with_name("deny"),
        Severity::Warn => Level::WARNING,
    };
    let path = d.file.to_string_lossy().into_owned();
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let mut group: Group<'_> = match (d.span, &d.source_line) {
        (Some(span), Some(line)) => {
            let start = line.char_indices().nth(span.column - 1).map_or(line.len(), |(i, _)| i);
            let end = line[start..].char_indices().nth(span.len).map_or(line.len(), |(i, _)| start + i);
            let mut ann = AnnotationKind::Primary.span(start..end.max(start));
            if let Some(label) = &d.label {
                ann = ann.label(label.as_str());
            }
            title.element(Snippet::source(line.as_str()).path(path.as_str()).line_start(span.line).annotation(ann))
        }
        _ => title.element(annotate_snippets::Origin::path(d.location())),
    };
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
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
    fn github_annotations_escape() {
        let d = Diagnostic::new(Severity::Warn, "quiet-period", "a,b.md", "x\ny").at(Span::new(2, 1, 1), "a\nb");
        assert_eq!(github(&d), "::warning file=a%2Cb.md,line=2,col=1,title=warning[quiet-period]::x%0Ay");
    }
}
