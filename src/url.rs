//! Site paths and URLs, in one place: where each document lives on the
//! site, which file a site path is written to, how the base URL splits into
//! origin and path, and which link targets are safe to emit.

use std::path::PathBuf;

/// The index of all notices.
pub const NOTICES: &str = "/notices/";

/// The improvement log.
pub const IMPROVEMENTS: &str = "/improvements/";

/// The site path of a notice's page.
pub fn notice(slug: &str) -> String {
    format!("/notices/{slug}/")
}

/// The site path of an improvement: its entry on the improvement log.
pub fn improvement(slug: &str) -> String {
    format!("/improvements/#{slug}")
}

/// The site path of a plain page.
pub fn page(slug: &str) -> String {
    format!("/pages/{slug}/")
}

/// The site path of an area's or audience's page (`folder` is `areas` or
/// `audiences`).
pub fn facet(folder: &str, slug: &str) -> String {
    format!("/{folder}/{slug}/")
}

/// The host (and port) of a base URL: `changes.example.com`.
pub fn host(base_url: &str) -> &str {
    let origin = split_base(base_url).0;
    origin.split_once("://").map_or(origin, |(_, host)| host)
}

/// The output file of a site path: `/notices/a/` is `notices/a/index.html`.
pub fn file(site_path: &str) -> PathBuf {
    let rel = site_path.trim_start_matches('/');
    let mut path = PathBuf::from(rel);
    if rel.is_empty() || rel.ends_with('/') {
        path.push("index.html");
    }
    path
}

/// A base URL split into origin (`https://example.com`) and path (`""` at
/// a domain root, `/changes` below one; never a trailing slash).
pub fn split_base(base_url: &str) -> (&str, &str) {
    let origin_end = base_url.split_once("://").map_or(0, |(s, r)| s.len() + 3 + r.find('/').unwrap_or(r.len()));
    let (origin, path) = base_url.split_at(origin_end);
    (origin, path.trim_end_matches('/'))
}

/// Turns an alias (an old URL path such as `/2026/api-v1/`) into the file
/// path of its redirect page, or `None` when it is not a safe path.
pub fn alias_path(alias: &str) -> Option<PathBuf> {
    let trimmed = alias.trim();
    if !trimmed.starts_with('/') || trimmed.contains(['\\', '?', '#', '\0']) || trimmed.chars().any(char::is_control) {
        return None;
    }
    let rel = trimmed.trim_start_matches('/');
    let mut path = PathBuf::new();
    if rel.len() > 1024 {
        return None;
    }
    for part in rel.split('/').filter(|p| !p.is_empty()) {
        // 255 bytes is the longest file name most file systems take.
        if part == "." || part == ".." || part.starts_with('.') || part.len() > 255 {
            return None;
        }
        path.push(part);
    }
    if path.as_os_str().is_empty() {
        return None;
    }
    if rel.ends_with('/') || path.extension().is_none() {
        path.push("index.html");
    }
    Some(path)
}

/// Whether `s` is one email address, bare (`a@b.example`) or with a
/// display name (`Acme <a@b.example>`): what a `From:` header takes.
pub fn is_mailbox(s: &str) -> bool {
    let addr = match (s.rfind('<'), s.strip_suffix('>')) {
        (Some(open), Some(inner)) => &inner[open + 1..],
        (None, None) => s.trim(),
        _ => return false,
    };
    let Some((local, domain)) = addr.split_once('@') else { return false };
    let plain =
        |p: &str| !p.is_empty() && !p.contains(|c: char| c.is_whitespace() || c.is_control() || "<>@,;\"".contains(c));
    plain(local) && plain(domain) && domain.contains('.') && !s.contains(['\r', '\n'])
}

/// Whether a link or image target is safe to emit.
pub fn is_safe(url: &str) -> bool {
    let lower: String =
        url.trim().chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &lower[..colon];
            // A colon after a `/`, `?` or `#` is part of a relative path.
            if scheme.contains(['/', '?', '#']) {
                return true;
            }
            matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailboxes_are_one_address() {
        assert!(is_mailbox("changes@acme.example"));
        assert!(is_mailbox("Acme changes <changes@acme.example>"));
        for bad in [
            "acme",
            "a@b",
            "<a@b.example",
            "a@b.example, c@d.example",
            "x <a b@c.example>",
            "a@b.example\r\nBcc: x@y.z",
        ] {
            assert!(!is_mailbox(bad), "{bad}");
        }
    }

    #[test]
    fn alias_paths_stay_inside() {
        assert_eq!(alias_path("/2026/api-v1/"), Some(PathBuf::from("2026/api-v1/index.html")));
        assert_eq!(alias_path("/old.html"), Some(PathBuf::from("old.html")));
        assert_eq!(alias_path("/old"), Some(PathBuf::from("old/index.html")));
        for bad in ["old", "/../x", "/a/../../x", "/", "/a\\b", "/.hidden/", "/a?b"] {
            assert_eq!(alias_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn base_urls_split_into_origin_and_path() {
        assert_eq!(split_base("https://example.com"), ("https://example.com", ""));
        assert_eq!(split_base("https://example.com/"), ("https://example.com", ""));
        assert_eq!(split_base("https://example.com/changes/"), ("https://example.com", "/changes"));
        assert_eq!(split_base("http://127.0.0.1:1111/a/b"), ("http://127.0.0.1:1111", "/a/b"));
        assert_eq!(host("https://example.com/changes"), "example.com");
    }

    #[test]
    fn site_paths_name_their_files() {
        assert_eq!(file(&notice("a")), PathBuf::from("notices/a/index.html"));
        assert_eq!(file(&page("p")), PathBuf::from("pages/p/index.html"));
        assert_eq!(file("/"), PathBuf::from("index.html"));
        assert_eq!(file("/notices/a/event.ics"), PathBuf::from("notices/a/event.ics"));
    }
}
