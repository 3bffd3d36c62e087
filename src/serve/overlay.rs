//! What `serve` adds to every HTML page it sends (never to built files): a
//! few lines of script that reload the page when the site changes, and, when
//! the last change did not build, an overlay listing the problems over the
//! last good page.

use crate::diagnostic::Diagnostic;

/// A page to put the overlay on when nothing could be rendered.
pub(crate) const EMPTY_PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>forewarn: problems</title></head><body></body></html>";

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// The overlay HTML for `problems` (empty when there are none).
pub(crate) fn overlay(problems: &[Diagnostic]) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let mut items = String::new();
    for d in problems {
        items.push_str(&format!(
            "<li style=\"margin:0 0 .75rem\"><strong style=\"color:#ff9492\">{}[{}]</strong> <code style=\"color:#9ecbff\">{}</code><br>{}{}</li>",
            escape(d.severity.label()),
            escape(&d.code),
            escape(&d.location()),
            escape(&d.message),
            d.help.as_deref().map_or(String::new(), |h| format!("<br><span style=\"color:#b6e3b6\">help: {}</span>", escape(h))),
        ));
    }
    format!(
        "<div id=\"forewarn-overlay\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;background:#161b22;color:#e6edf3;border-top:4px solid #cf222e;padding:1rem 1.25rem;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;text-align:left\"><p style=\"margin:0 0 .75rem;font-weight:bold\">forewarn: the last change has {} — showing the last good version. Fix and save to update.</p><ul style=\"list-style:none;margin:0;padding:0\">{items}</ul></div>",
        if problems.len() == 1 { "1 problem".to_string() } else { format!("{} problems", problems.len()) }
    )
}

/// The live-reload script: reloads when the server's version changes.
pub(crate) fn script(version: u64) -> String {
    format!(
        "<script>(function(){{var v=\"{version}\";var es=new EventSource(\"{}\");es.onmessage=function(e){{if(e.data!==v){{location.reload();}}}};}})();</script>",
        super::EVENTS
    )
}

/// `page` with the overlay and the reload script before `</body>`.
pub(crate) fn inject(page: &str, problems: &[Diagnostic], version: u64) -> String {
    let extra = format!("{}{}", overlay(problems), script(version));
    match page.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &page[..i], &page[i..]),
        None => format!("{page}{extra}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Severity, Span};

    #[test]
    fn overlay_escapes_and_names_the_place() {
        let d = Diagnostic::new(Severity::Error, "front-matter", "content/notices/a.md", "bad <value>")
            .at(Span::new(3, 5, 1), "a\nb\nc")
            .help("fix it");
        let page = inject("<html><body><p>x</p></body></html>", &[d], 7);
        assert!(page.contains("content/notices/a.md:3:5"));
        assert!(page.contains("bad &lt;value&gt;"));
        assert!(page.contains("help: fix it"));
        assert!(page.contains("var v=\"7\""));
        assert!(page.find("forewarn-overlay").unwrap() < page.find("</body>").unwrap());
        assert!(!inject("<body></body>", &[], 1).contains("forewarn-overlay"));
    }
}
