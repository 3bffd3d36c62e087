//! The `links` rule: every link a notice gives must lead somewhere. A typo'd
//! scheme or a host-less address is caught by its shape; a link into the
//! site itself must name a notice, page, area or audience that exists. No
//! network access: links to other sites are judged by their shape only.

use super::{Finding, NoticeCx};
use crate::site::{FacetKind, Site};
use crate::words::Level;

/// What is wrong with one link, and what to write instead.
struct Broken {
    what: String,
    help: String,
}

pub(super) fn links(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    let page = crate::url::notice(&n.slug);
    n.said
        .links
        .iter()
        .filter_map(|(key, target)| {
            let broken = malformed(target).or_else(|| missing(cx.site, &page, target))?;
            let place = if key.is_empty() { "the body".to_string() } else { format!("`{}`", key.join(".")) };
            Some(Finding::new(Level::Deny, key, format!("{place} links to `{target}`: {}", broken.what), broken.help))
        })
        .collect()
}

/// The scheme of `target` (`https` in `https://…`), if it has one: letters
/// and `+-.` before a `:` that comes before any `/`, `?` or `#`.
fn scheme(target: &str) -> Option<&str> {
    let colon = target.find(':')?;
    let s = &target[..colon];
    let ok = !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then_some(s)
}

/// Why `target` cannot be followed, judged by its shape alone.
fn malformed(target: &str) -> Option<Broken> {
    let t = target.trim();
    if t.is_empty() {
        return Some(Broken {
            what: "a link with no address".into(),
            help: "write the address between the parentheses: `[text](https://…)`".into(),
        });
    }
    let Some(scheme) = scheme(t) else {
        let lower = t.to_ascii_lowercase();
        if let Some(rest) = ["https//", "http//"].iter().find_map(|p| lower.starts_with(p).then(|| &t[p.len()..])) {
            return Some(Broken {
                what: "the address lacks the `:` after its scheme".into(),
                help: format!("write `https://{rest}`"),
            });
        }
        return t.starts_with("www.").then(|| Broken {
            what: "an address without `https://`, which the site reads as a page of its own".into(),
            help: format!("write `https://{t}`"),
        });
    };
    let lower = scheme.to_ascii_lowercase();
    let rest = &t[scheme.len() + 1..];
    match lower.as_str() {
        "http" | "https" => {
            let Some(after) = rest.strip_prefix("//") else {
                return Some(Broken {
                    what: format!("`{lower}:` must be followed by `//`"),
                    help: format!("write `{lower}://{}`", rest.trim_start_matches('/')),
                });
            };
            let host = after.split(['/', '?', '#']).next().unwrap_or("");
            let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
            let name = host.rsplit_once(':').map_or(host, |(h, _)| h);
            let valid = !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'))
                && (name.contains('.') || name.starts_with('[') || name == "localhost");
            (!valid).then(|| Broken {
                what: if name.is_empty() {
                    "the address names no host".into()
                } else {
                    format!("`{name}` is not a host name customers can reach")
                },
                help: "write the full address, e.g. `https://docs.example.com/page`".into(),
            })
        }
        "mailto" => (!rest.contains('@')).then(|| Broken {
            what: "a mailto: link without an email address".into(),
            help: "write `mailto:name@example.com`".into(),
        }),
        "tel" => None,
        _ => {
            // A typo keeps the first letter or is one keystroke off: `ftp`
            // is a real scheme, not a typo of `http`.
            let near = crate::diagnostic::did_you_mean(&lower, &["https", "http", "mailto"])
                .filter(|fix| lower.starts_with(&fix[..1]) || strsim::levenshtein(&lower, fix) <= 1);
            Some(match near {
                Some(fix) => Broken {
                    what: format!("`{scheme}:` looks like a typo of `{fix}:`"),
                    help: format!("write `{fix}:{rest}`"),
                },
                None => Broken {
                    what: format!(
                        "`{scheme}:` links are not shown to customers (only http, https, mailto and tel are)"
                    ),
                    help: "link to an https:// page instead".into(),
                },
            })
        }
    }
}

/// Why a link into the site leads nowhere: a notice, page, area or
/// audience that does not exist, a draft, or a markdown source file.
/// `page` is the site path of the notice the link is on; links outside the
/// site, or to paths the site does not manage (static files), are not
/// judged.
fn missing(site: &Site, page: &str, target: &str) -> Option<Broken> {
    let path = site_path(site, page, target)?;
    let (path, fragment) = path.split_once('#').map_or((path.as_str(), ""), |(p, f)| (p, f));
    let path = path.split('?').next().unwrap_or(path);
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let gone = |what: String, help: String| Some(Broken { what, help });
    if path.ends_with(".md") {
        let slug = parts.last().map_or("", |p| p.trim_end_matches(".md"));
        return gone(
            "a link to a markdown file, which is not published".into(),
            format!("link to its page instead, e.g. `{}`", crate::url::notice(slug)),
        );
    }
    match parts.as_slice() {
        ["notices", slug, ..] => {
            if site.notice(slug).is_some() {
                return None;
            }
            if site.drafts.iter().any(|d| d.slug == *slug) {
                return gone(
                    format!("the notice `{slug}` is a draft, not published"),
                    "publish it first, or leave the link out until it is".into(),
                );
            }
            let near = nearest(slug, site.notices.iter().map(|n| n.slug.as_str()));
            gone(format!("there is no notice `{slug}`"), hint(site, near.map(|s| crate::url::notice(&s))))
        }
        ["pages", slug, ..] => {
            if site.pages.iter().any(|p| p.slug == *slug) {
                return None;
            }
            let near = nearest(slug, site.pages.iter().map(|p| p.slug.as_str()));
            gone(format!("there is no page `{slug}`"), hint(site, near.map(|s| crate::url::page(&s))))
        }
        [folder @ ("areas" | "audiences"), slug, ..] => {
            let kind = if *folder == "areas" { FacetKind::Area } else { FacetKind::Audience };
            let facets = site.facets(kind);
            if facets.iter().any(|f| f.slug == *slug) {
                return None;
            }
            let near = nearest(slug, facets.iter().map(|f| f.slug.as_str()));
            gone(
                format!("no notice names the {} `{slug}`", &folder[..folder.len() - 1]),
                hint(site, near.map(|s| crate::url::facet(folder, &s))),
            )
        }
        ["improvements"] if !fragment.is_empty() => {
            if site.improvements.iter().any(|i| i.slug == fragment) {
                return None;
            }
            let near = nearest(fragment, site.improvements.iter().map(|i| i.slug.as_str()));
            gone(format!("there is no improvement `{fragment}`"), hint(site, near.map(|s| crate::url::improvement(&s))))
        }
        _ => None,
    }
}

/// The site path (below `base_url`'s path, starting with `/`) a link on
/// `page` leads to, or `None` when it leads off the site.
fn site_path(site: &Site, page: &str, target: &str) -> Option<String> {
    let base_path = site.config.base_path();
    let target = target.trim();
    if target.starts_with(['#', '?']) {
        return None;
    }
    let rooted = if let Some(s) = scheme(target) {
        if !s.eq_ignore_ascii_case("http") && !s.eq_ignore_ascii_case("https") {
            return None;
        }
        let after = &target[s.len() + 3..];
        let (host, path) = after.split_at(after.find(['/', '?', '#']).unwrap_or(after.len()));
        if !host.eq_ignore_ascii_case(crate::url::host(&site.config.base_url)) {
            return None;
        }
        path.to_string()
    } else if target.starts_with("//") {
        return None;
    } else if target.starts_with('/') {
        target.to_string()
    } else {
        return Some(resolve(page, target));
    };
    if base_path.is_empty() {
        return Some(rooted);
    }
    let below = rooted.strip_prefix(&base_path)?;
    below.starts_with(['/', '#', '?']).then(|| below.to_string()).or_else(|| below.is_empty().then(|| "/".to_string()))
}

/// A relative link resolved against the site path `page` (ending in `/`).
fn resolve(page: &str, target: &str) -> String {
    let mut out: Vec<&str> = page.trim_matches('/').split('/').filter(|p| !p.is_empty()).collect();
    let parts: Vec<&str> = target.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        match *part {
            "." => {}
            ".." => {
                out.pop();
            }
            p if i + 1 == parts.len() => {
                return format!("/{}", out.iter().chain(std::iter::once(&p)).copied().collect::<Vec<_>>().join("/"));
            }
            p => out.push(p),
        }
    }
    format!("/{}/", out.join("/"))
}

fn nearest<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Option<String> {
    let names: Vec<&str> = names.collect();
    crate::diagnostic::did_you_mean(name, &names).map(str::to_string)
}

fn hint(site: &Site, near: Option<String>) -> String {
    match near {
        Some(path) => format!(
            "did you mean `{}{path}`? links into the site must name a published document",
            site.config.base_path()
        ),
        None => "check the address: links into the site must name a published document".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_that_cannot_be_followed() {
        assert!(malformed("ftp://files.example.com").is_some_and(|b| b.what.contains("not shown")));
        for bad in [
            "htp://example.com",
            "https//x",
            "https:/example.com/a",
            "http://",
            "http://intranet/",
            "mailto:support",
            "www.example.com",
            "javascript:alert(1)",
            "",
        ] {
            assert!(malformed(bad).is_some(), "{bad}");
        }
        for good in [
            "https://example.com/a?b#c",
            "http://localhost:1111/",
            "mailto:a@b.example",
            "tel:+3120",
            "../x/",
            "/notices/a/",
            "#top",
            "https://[::1]/",
        ] {
            assert!(malformed(good).is_none(), "{good}");
        }
        assert!(malformed("htps://example.com").is_some_and(|b| b.help == "write `https://example.com`"));
    }

    #[test]
    fn relative_links_resolve_like_a_browser() {
        assert_eq!(resolve("/notices/a/", "../b/"), "/notices/b/");
        assert_eq!(resolve("/notices/a/", "../../pages/p/"), "/pages/p/");
        assert_eq!(resolve("/notices/a/", "img.png"), "/notices/a/img.png");
        assert_eq!(resolve("/notices/a/", "./"), "/notices/a/");
    }
}
