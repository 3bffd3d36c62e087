//! The `links` rule beyond its fixture pair: links between notices, to
//! drafts, markdown files, area and audience pages, improvements, the site's
//! own absolute address (at a domain root and below a path), malformed
//! addresses in the body and in front-matter fields, code, and the absolute
//! URLs the feeds carry.

use super::*;

/// The notice every link below points at: content/notices/invoice-layout.md.
const LAYOUT: &str = GOOD_NOTICE;

/// A second notice, content/notices/invoice-emails.md, whose body holds
/// `link` (markdown).
fn emails_linking(link: &str) -> String {
    let text = set(GOOD_NOTICE, "title", "title = \"Invoice emails come from a new address\"");
    with_body(
        &text,
        &format!(
            "Invoice emails will come from billing@example.com instead of the old mailer address, on the day {link} arrives. Update mail filters that match the old sender.\n"
        ),
    )
}

/// A site of the two notices, the second linking with `link`, and a config
/// when `config` is not empty.
fn site_linking(link: &str, config: &str) -> TestSite {
    let site = TestSite::with_file("content/notices/invoice-layout.md", LAYOUT);
    site.write("content/notices/invoice-emails.md", &emails_linking(link));
    if !config.is_empty() {
        site.write("forewarn.toml", config);
    }
    site
}

/// `check` on `site`: clean.
#[track_caller]
fn clean_site(site: &TestSite, what: &str) {
    let (code, diags) = check(site, &[]);
    assert_eq!((code, diags), (0, vec![]), "{what}");
}

/// `check` on `site`: exit 1 and only one `links` deny, on the body of
/// invoice-emails.md (at its opening fence); its message and help.
#[track_caller]
fn body_deny(site: &TestSite) -> (String, String) {
    let (code, diags) = check(site, &[]);
    assert_eq!(code, 1, "{diags:#?}");
    assert_eq!(rules(&diags), [("links", "deny")], "{diags:#?}");
    let d = one(&diags, "links", "deny", 1, 1);
    assert_eq!(d.file, "content/notices/invoice-emails.md");
    (d.message.clone(), d.help.clone().unwrap_or_default())
}

fn did_you_mean(path: &str) -> String {
    format!("did you mean `{path}`? links into the site must name a published document")
}

const NO_GUESS: &str = "check the address: links into the site must name a published document";

// ---------------------------------------------------------------------------
// Links between notices

#[test]
fn a_relative_link_to_a_sibling_notice_that_exists_is_clean() {
    for target in [
        "../invoice-layout/",
        "../invoice-layout",
        "./../invoice-layout/",
        "../invoice-layout/#workaround",
        "../invoice-layout/?from=email",
        "/notices/invoice-layout/",
        "/notices/invoice-layout/calendar.ics",
        "../../areas/billing/",
        "#main",
    ] {
        clean_site(&site_linking(&format!("[the new layout]({target})"), ""), target);
    }
}

#[test]
fn a_typo_in_a_link_to_a_sibling_notice_is_denied_with_did_you_mean() {
    let (message, help) = body_deny(&site_linking("[the new layout](../invoice-layot/)", ""));
    assert_eq!(message, "the body links to `../invoice-layot/`: there is no notice `invoice-layot`");
    assert_eq!(help, did_you_mean("/notices/invoice-layout/"));
    let (message, help) = body_deny(&site_linking("[the new layout](/notices/invoice-layuot/)", ""));
    assert_eq!(message, "the body links to `/notices/invoice-layuot/`: there is no notice `invoice-layuot`");
    assert_eq!(help, did_you_mean("/notices/invoice-layout/"));
    // Nothing close: no guess.
    let (message, help) = body_deny(&site_linking("[the new layout](../payment-reminders/)", ""));
    assert_eq!(message, "the body links to `../payment-reminders/`: there is no notice `payment-reminders`");
    assert_eq!(help, NO_GUESS);
}

#[test]
fn a_link_in_a_front_matter_field_points_at_the_field() {
    let text = set(
        &emails_linking("the new layout"),
        "workaround",
        "workaround = \"Add billing@example.com to your allow list; see [the layout](../invoice-layot/).\"",
    );
    let site = TestSite::with_file("content/notices/invoice-layout.md", LAYOUT);
    site.write("content/notices/invoice-emails.md", &text);
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1);
    let (line, col) = loc(&text, "\"Add billing");
    let d = one(&diags, "links", "deny", line, col);
    assert_eq!(d.message, "`workaround` links to `../invoice-layot/`: there is no notice `invoice-layot`");
}

#[test]
fn a_link_to_a_draft_is_denied() {
    let draft = set(GOOD_NOTICE, "title", "title = \"Dark invoices\"");
    let draft = set(&draft, "published", "published = 2026-12-01\ndraft = true");
    let site = site_linking("[dark invoices](../dark-invoices/)", "");
    site.write("content/notices/dark-invoices.md", &draft);
    let (message, help) = body_deny(&site);
    assert_eq!(message, "the body links to `../dark-invoices/`: the notice `dark-invoices` is a draft, not published");
    assert_eq!(help, "publish it first, or leave the link out until it is");
    // Published: the link leads somewhere.
    site.write("content/notices/dark-invoices.md", &set(&draft, "draft", ""));
    clean_site(&site, "published");
}

#[test]
fn a_link_to_a_markdown_file_is_denied() {
    for target in ["../invoice-layout.md", "invoice-layout.md", "/content/notices/invoice-layout.md"] {
        let (message, help) = body_deny(&site_linking(&format!("[the new layout]({target})"), ""));
        assert_eq!(message, format!("the body links to `{target}`: a link to a markdown file, which is not published"));
        assert_eq!(help, "link to its page instead, e.g. `/notices/invoice-layout/`", "{target}");
    }
}

// ---------------------------------------------------------------------------
// Area, audience, page and improvement pages

#[test]
fn area_and_audience_pages_must_exist() {
    for target in ["/areas/billing/", "/audiences/administrators/", "../../audiences/administrators/"] {
        clean_site(&site_linking(&format!("[more]({target})"), ""), target);
    }
    let (message, help) = body_deny(&site_linking("[billing changes](/areas/biling/)", ""));
    assert_eq!(message, "the body links to `/areas/biling/`: no notice names the area `biling`");
    assert_eq!(help, did_you_mean("/areas/billing/"));
    let (message, help) = body_deny(&site_linking("[for finance](/audiences/finance-teams/)", ""));
    assert_eq!(message, "the body links to `/audiences/finance-teams/`: no notice names the audience `finance-teams`");
    assert_eq!(help, NO_GUESS);
}

#[test]
fn pages_must_exist() {
    let site = site_linking("[our notice policy](/pages/notice-policy/)", "");
    site.write(
        "content/pages/notice-policy.md",
        "+++\ntitle = \"Notice policy\"\n+++\n\nHow far ahead we announce changes.\n",
    );
    clean_site(&site, "page exists");
    let site = site_linking("[our notice policy](/pages/notice-polcy/)", "");
    site.write(
        "content/pages/notice-policy.md",
        "+++\ntitle = \"Notice policy\"\n+++\n\nHow far ahead we announce changes.\n",
    );
    let (message, help) = body_deny(&site);
    assert_eq!(message, "the body links to `/pages/notice-polcy/`: there is no page `notice-polcy`");
    assert_eq!(help, did_you_mean("/pages/notice-policy/"));
}

const DARK_MODE: &str = r#"+++
title = "Dark mode for the dashboard"
date = 2026-11-02
areas = ["dashboard"]
status = "planned"
eta = "2027-Q1"

[feedback]
source = "Feature requests board"
requests = 48
+++

You asked for a dark theme for late-evening invoicing. We are building it.
"#;

#[test]
fn improvement_links_name_an_entry_of_the_log() {
    let with_log = |link: &str| {
        let site = site_linking(link, "");
        site.write("content/improvements/dark-mode.md", DARK_MODE);
        site
    };
    for target in ["/improvements/#dark-mode", "../../improvements/#dark-mode", "/improvements/"] {
        clean_site(&with_log(&format!("[dark mode]({target})")), target);
    }
    let (message, help) = body_deny(&with_log("[dark mode](/improvements/#dark-mod)"));
    assert_eq!(message, "the body links to `/improvements/#dark-mod`: there is no improvement `dark-mod`");
    assert_eq!(help, did_you_mean("/improvements/#dark-mode"));
    let (message, help) = body_deny(&with_log("[webhooks](/improvements/#webhook-replay)"));
    assert_eq!(message, "the body links to `/improvements/#webhook-replay`: there is no improvement `webhook-replay`");
    assert_eq!(help, NO_GUESS);
}

// ---------------------------------------------------------------------------
// The site's own address

#[test]
fn an_absolute_link_on_the_site_host_is_checked_like_a_path() {
    let config = "base_url = \"https://changes.example.com\"\n";
    for target in [
        "https://changes.example.com/notices/invoice-layout/",
        "http://changes.example.com/notices/invoice-layout/",
        "https://changes.example.com/",
        // Another host is judged by its shape only.
        "https://docs.example.com/notices/anything/",
    ] {
        clean_site(&site_linking(&format!("[the new layout]({target})"), config), target);
    }
    for target in
        ["https://changes.example.com/notices/invoice-layot/", "https://Changes.Example.com/notices/invoice-layot/"]
    {
        let (message, help) = body_deny(&site_linking(&format!("[the new layout]({target})"), config));
        assert_eq!(message, format!("the body links to `{target}`: there is no notice `invoice-layot`"));
        assert_eq!(help, did_you_mean("/notices/invoice-layout/"));
    }
    // A bare address in the text counts as a link.
    let (message, _) =
        body_deny(&site_linking("https://changes.example.com/notices/invoice-layot/ (the new layout)", config));
    assert_eq!(
        message,
        "the body links to `https://changes.example.com/notices/invoice-layot/`: there is no notice `invoice-layot`"
    );
}

#[test]
fn a_site_below_a_path_checks_links_under_that_path() {
    let config = "base_url = \"https://example.com/changes\"\n";
    for target in [
        "https://example.com/changes/notices/invoice-layout/",
        "/changes/notices/invoice-layout/",
        "../invoice-layout/",
        "/changes/areas/billing/",
        "https://example.com/changes",
        // Elsewhere on the same host: not the site's to judge.
        "https://example.com/blog/notices/anything/",
        "https://example.com/changelog/notices/anything/",
    ] {
        clean_site(&site_linking(&format!("[the new layout]({target})"), config), target);
    }
    for target in ["https://example.com/changes/notices/invoice-layot/", "/changes/notices/invoice-layot/"] {
        let (message, help) = body_deny(&site_linking(&format!("[the new layout]({target})"), config));
        assert_eq!(message, format!("the body links to `{target}`: there is no notice `invoice-layot`"));
        assert!(help.starts_with("did you mean `"), "{help}");
        assert!(help.contains("/notices/invoice-layout/`?"), "{help}");
    }
    let (message, _) = body_deny(&site_linking("[billing](/changes/areas/biling/)", config));
    assert_eq!(message, "the body links to `/changes/areas/biling/`: no notice names the area `biling`");
}

#[test]
fn a_site_below_a_path_suggests_paths_under_it() {
    let config = "base_url = \"https://example.com/changes\"\n";
    let (_, help) = body_deny(&site_linking("[the new layout](/changes/notices/invoice-layot/)", config));
    assert_eq!(help, did_you_mean("/changes/notices/invoice-layout/"));
}

// ---------------------------------------------------------------------------
// Malformed addresses

#[test]
fn a_malformed_external_link_in_the_body_is_denied() {
    for (target, what, fix) in [
        ("htps://status.example.com", "`htps:` looks like a typo of `https:`", "write `https://status.example.com`"),
        ("htp://status.example.com", "`htp:` looks like a typo of `http:`", "write `http://status.example.com`"),
        ("https:/status.example.com", "`https:` must be followed by `//`", "write `https://status.example.com`"),
        (
            "https//status.example.com",
            "the address lacks the `:` after its scheme",
            "write `https://status.example.com`",
        ),
        ("https://", "the address names no host", "write the full address, e.g. `https://docs.example.com/page`"),
        (
            "https://status/",
            "`status` is not a host name customers can reach",
            "write the full address, e.g. `https://docs.example.com/page`",
        ),
        (
            "www.status.example.com",
            "an address without `https://`, which the site reads as a page of its own",
            "write `https://www.status.example.com`",
        ),
        ("mailto:billing", "a mailto: link without an email address", "write `mailto:name@example.com`"),
        (
            "ftp://files.example.com/invoices.zip",
            "`ftp:` links are not shown to customers (only http, https, mailto and tel are)",
            "link to an https:// page instead",
        ),
        (
            "javascript:alert(1)",
            "`javascript:` links are not shown to customers (only http, https, mailto and tel are)",
            "link to an https:// page instead",
        ),
    ] {
        let (message, help) = body_deny(&site_linking(&format!("[the status page]({target})"), ""));
        assert_eq!(message, format!("the body links to `{target}`: {what}"));
        assert_eq!(help, fix, "{target}");
    }
    for target in [
        "https://status.example.com/incidents?id=3#latest",
        "http://localhost:1111/",
        "mailto:billing@example.com",
        "tel:+31201234567",
        "https://[2001:db8::1]/",
    ] {
        clean_site(&site_linking(&format!("[the status page]({target})"), ""), target);
    }
}

#[test]
fn a_malformed_link_in_data_export_is_denied_at_the_key() {
    let text = add(
        &full_notice("medium"),
        "export = \"Download a copy from [the export page](htps://exports.example.com/invoices).\"",
    );
    assert!(text.contains("[data]\ndisposition = \"unaffected\"\nexport = "), "{text}");
    let site = site_with(&text);
    let (code, diags) = check(&site, &[]);
    assert_eq!(code, 1, "{diags:#?}");
    assert_eq!(rules(&diags), [("links", "deny")], "{diags:#?}");
    let (line, col) = loc(&text, "\"Download a copy");
    let d = one(&diags, "links", "deny", line, col);
    assert_eq!(
        d.message,
        "`data.export` links to `htps://exports.example.com/invoices`: `htps:` looks like a typo of `https:`"
    );
    assert_eq!(d.help.as_deref(), Some("write `https://exports.example.com/invoices`"));
    let run = site.check();
    run.expect(1);
    assert!(run.stderr.contains(&format!("--> content/notices/n.md:{line}:{col}")), "{}", run.all());
}

#[test]
fn links_in_inline_code_are_not_links() {
    let site = site_linking("the new layout (run `curl htp://localhost/invoices` or open `www.example`)", "");
    clean_site(&site, "inline code");
}

#[test]
fn links_in_code_blocks_are_not_links() {
    let text = with_body(
        &emails_linking("x"),
        "Invoice emails will come from billing@example.com instead of the old mailer address from 20 January. Update mail filters that match the old sender, for example:\n\n```sh\ncurl htp://localhost:8080/filters -d from=billing@example.com\n# see www.example.internal\n```\n\n    sieve: address :is \"from\" \"billing@example.com\" # htps://wiki\n",
    );
    let site = TestSite::with_file("content/notices/invoice-layout.md", LAYOUT);
    site.write("content/notices/invoice-emails.md", &text);
    clean_site(&site, "code blocks");
}

// ---------------------------------------------------------------------------
// What readers receive

#[test]
fn feeds_carry_absolute_urls_for_relative_links() {
    let config = "base_url = \"https://example.com/changes\"\n";
    let emails = set(
        &emails_linking("the new layout"),
        "workaround",
        "workaround = \"Add billing@example.com to your allow list, then read [what changes on the invoice](../invoice-layout/).\"",
    );
    let site = TestSite::with_file("content/notices/invoice-layout.md", LAYOUT);
    site.write("content/notices/invoice-emails.md", &emails);
    site.write("forewarn.toml", config);
    clean_site(&site, "relative link in the workaround");
    site.build().expect(0);
    let absolute = "https://example.com/changes/notices/invoice-layout/";
    for feed in ["feed.xml", "atom.xml"] {
        let xml = site.output(feed);
        assert!(xml.contains(&format!("href=&quot;{absolute}&quot;")), "{feed} links to {absolute}:\n{xml}");
        assert!(!xml.contains("href=&quot;../"), "{feed} has no relative link:\n{xml}");
        assert!(!xml.contains("href=&quot;/"), "{feed} has no root-relative link:\n{xml}");
    }
    let json = site.output("feed.json");
    assert!(json.contains(&format!("href=\\\"{absolute}\\\"")), "feed.json links to {absolute}:\n{json}");
    // The page itself may keep a site path, but under the base path.
    let page = site.output("notices/invoice-emails/index.html");
    assert!(page.contains("href=\"/changes/notices/invoice-layout/\"") || page.contains(absolute), "{page}");
}
