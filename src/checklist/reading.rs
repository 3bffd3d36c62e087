//! The rules that read what a notice says rather than which keys it has:
//! a deletion labelled low impact, a placeholder left in, a price change
//! without its prices.

use super::blank;
use super::{Finding, NoticeCx};
use crate::words::{ChangeKind, Disposition, Impact, Level};

pub(super) fn impact_understated(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    if n.impact >= Impact::High || n.withdrawn.is_some() {
        return Vec::new();
    }
    let why = if n.disposition() == Some(Disposition::Deleted) {
        "the data disposition is `deleted`".to_string()
    } else if let Some(sentence) = &cx.notice.said.data_lost {
        format!("the notice says data is lost (\"{sentence}\")")
    } else {
        return Vec::new();
    };
    vec![Finding::new(
        Level::Deny,
        &["impact"],
        format!("{}-impact, but {why}", n.impact),
        "raise `impact` to \"high\" (or \"breaking\"): customers must not skim a deletion",
    )]
}

pub(super) fn placeholder(cx: &NoticeCx<'_>) -> Vec<Finding> {
    cx.notice
        .said
        .placeholders
        .iter()
        .map(|&(key, found)| (key, found))
        .map(|(key, found)| {
            let place = if key.is_empty() { "the body".to_string() } else { format!("`{}`", key.join(".")) };
            Finding::new(
                Level::Deny,
                key,
                format!("{place} holds a placeholder: `{found}`"),
                "write the real text, or leave the key out until it is known",
            )
        })
        .collect()
}

pub(super) fn price_stated(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    if n.kind != ChangeKind::Pricing {
        return Vec::new();
    }
    let price = n.price.clone().unwrap_or_default();
    let missing: Vec<&str> = [("before", &price.before), ("after", &price.after)]
        .into_iter()
        .filter(|(_, v)| blank(v.as_deref()))
        .map(|(k, _)| k)
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let keys = missing.iter().map(|k| format!("`price.{k}`")).collect::<Vec<_>>().join(" and ");
    vec![Finding::new(
        Level::Deny,
        if n.price.is_some() { &["price"] } else { &["kind"] },
        format!("a pricing change without {keys}"),
        "add `[price]` with `before = \"…\"` (what customers pay now) and `after = \"…\"` (what they pay from `effective`)",
    )]
}
