//! A newsletter issue as a ready-to-send message (RFC 5322):
//! multipart/alternative with the plain-text and HTML parts, a stable
//! Message-ID, and `List-Unsubscribe` when `[newsletter] unsubscribe` is
//! set. Built with mail-builder, which encodes headers and bodies.

use std::hash::{Hash, Hasher};

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::url::URL;
use mail_builder::mime::MimePart;

use super::Issue;
use crate::site::Site;

/// The sender: `[newsletter] from` (a display name and address, or an
/// address alone), else the site's title at `newsletter@` the site's host.
fn sender(site: &Site) -> (Option<String>, String) {
    if let Some(from) = &site.config.newsletter_from {
        return match (from.rfind('<'), from.strip_suffix('>')) {
            (Some(open), Some(inner)) => {
                let name = from[..open].trim();
                let name = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')).unwrap_or(name);
                (Some(name.to_string()).filter(|n| !n.is_empty()), inner[open + 1..].trim().to_string())
            }
            _ => (None, from.trim().to_string()),
        };
    }
    let host = crate::url::host(&site.config.base_url);
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    (Some(site.config.title.clone()), format!("newsletter@{host}"))
}

/// A MIME boundary made from the content, so the same issue gives the
/// same bytes. `=_` cannot occur in quoted-printable or base64 text, so
/// the boundary cannot occur in a part.
fn boundary(html: &str, text: &str) -> String {
    // SipHash with fixed keys: the same on every run.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (html, text).hash(&mut h);
    format!("=_forewarn_{:016x}", h.finish())
}

/// The `.eml` text of an issue whose parts are `html` and `text`.
pub(crate) fn eml(site: &Site, issue: &Issue, html: &str, text: &str) -> String {
    let (name, address) = sender(site);
    let mut message = MessageBuilder::new()
        .from(Address::new_address(name.clone(), address.clone()))
        // Sent to the list's own address; subscribers get it as Bcc or
        // through the mail provider's list.
        .to(Address::new_address(name, address))
        .subject(issue.title.as_str())
        .date(issue.date.as_second())
        .message_id(issue.message_id.as_str())
        .body(MimePart::new(
            ContentType::new("multipart/alternative").attribute("boundary", boundary(html, text)),
            vec![MimePart::new("text/plain", text), MimePart::new("text/html", html)],
        ));
    if let Some(u) = &issue.links.unsubscribe {
        message = message.header("List-Unsubscribe", URL::new(u.as_str()));
    }
    message.write_to_string().unwrap_or_default()
}
