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
        .map(|&(key, found)| {
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

pub(super) fn actionable_workaround(cx: &NoticeCx<'_>) -> Vec<Finding> {
    let n = cx.notice;
    let Some(w) = n.workaround.as_ref().filter(|w| !w.is_blank()) else {
        return Vec::new();
    };
    // A window's workaround is to work around its hours, which the notice
    // states.
    if n.impact < Impact::High || n.ends.is_some() || n.withdrawn.is_some() || actionable(&w.source) {
        return Vec::new();
    }
    vec![Finding::new(
        Level::Deny,
        &["workaround"],
        format!("the workaround of a {}-impact change gives neither a link nor steps", n.impact),
        "link to the guide (`[Migration guide](https://…)`) or write the steps: a list, numbered steps, or a menu path like **Settings → Billing → Export**",
    )]
}

/// Whether a workaround gives a link or steps: a link or address, a list
/// item, numbered steps, a menu path (`→`, `›`, ` > `), code (a command or
/// setting), or a sequence with "then".
fn actionable(text: &str) -> bool {
    let lower = text.to_lowercase();
    let list = text.lines().any(|l| {
        let l = l.trim_start();
        matches!(l.get(..2), Some("- " | "* " | "+ "))
            || l.split_once(['.', ')']).is_some_and(|(n, rest)| {
                !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()) && rest.starts_with(' ')
            })
    });
    let inline_steps = ["1.", "1)"].iter().any(|a| lower.contains(a)) && ["2.", "2)"].iter().any(|b| lower.contains(b));
    list || inline_steps || ["](", "://", "mailto:", "`", "→", "›", " > ", " then "].iter().any(|m| lower.contains(m))
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

#[cfg(test)]
mod tests {
    use super::actionable;

    #[test]
    fn a_workaround_acts_with_a_link_or_steps() {
        for good in [
            "Follow the [migration guide](https://docs.example/v2).",
            "- Export your reports\n- Import them in v2",
            "1. Open Settings\n2. Choose Export",
            "Open **Settings → Billing** and choose Export.",
            "Send `Accept: v2` with each request.",
            "Export the report, then import it in the new workspace.",
            "Write to mailto:help@example.com for a copy.",
        ] {
            assert!(actionable(good), "{good}");
        }
        for bad in ["Use the new API.", "Contact support.", "Switch to the new dashboard before March 2027."] {
            assert!(!actionable(bad), "{bad}");
        }
    }
}
