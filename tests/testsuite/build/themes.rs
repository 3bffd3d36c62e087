//! Themes, site templates, static files and HTML injected by embedders.

use super::*;

#[test]
fn site_template_overrides_the_theme_template() {
    let site = TestSite::fixture("build-overrides");
    site.build().expect(0);
    let doc = page(&site, "notices/invoice-layout/index.html");
    assert_eq!(text(&doc, "h1.override-title"), "Invoices get a new layout");
    assert_eq!(text(&doc, ".override-impact"), "Medium impact · Upcoming");
    assert_eq!(attr(&doc, ".override-effective time", "datetime"), "2027-01-20T09:00:00+00:00");
    assert_eq!(text(&doc, "title"), "Override: Invoices get a new layout");
    // The theme's notice layout is gone; its base layout is still used.
    assert_eq!(count(&doc, "article.notice"), 0);
    assert_eq!(count(&doc, "footer.site-footer"), 1);
    // Other pages still use the theme's templates.
    let index = page(&site, "index.html");
    assert_eq!(count(&index, "article.card"), 1);
    assert_eq!(count(&index, ".override-title"), 0);
}

#[test]
fn static_files_are_copied_as_is() {
    let site = TestSite::fixture("build-overrides");
    site.build().expect(0);
    let src = files(&site.path().join("static"));
    assert_eq!(src.len(), 4);
    for (rel, bytes) in &src {
        let out =
            std::fs::read(site.path().join("public").join(rel)).unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
        assert_eq!(&out, bytes, "{} changed on the way", rel.display());
    }
    // The theme's other static file is still there.
    assert!(site.has_output("site.js"));
}

#[test]
fn a_theme_on_disk_is_used_and_the_site_overrides_it() {
    let site = TestSite::new();
    site.write("forewarn.toml", "theme = \"plain\"\nfeedback = \"mailto:a@example.com\"\n");
    site.write("content/notices/n.md", GOOD_NOTICE);
    site.write(
        "themes/plain/templates/card.html",
        "<article class=\"plain-card\"><h3><a href=\"{{ notice.url }}\">{{ notice.title }}</a></h3></article>\n",
    );
    site.write(
        "themes/plain/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"theme-404\">theme</p>{% endblock content %}\n",
    );
    site.write("themes/plain/static/plain.css", "body{}\n");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"site-404\">site</p>{% endblock content %}\n",
    );
    site.build().expect(0);
    assert_eq!(count(&page(&site, "index.html"), "article.plain-card"), 1);
    let nf = page(&site, "404.html");
    assert_eq!(count(&nf, ".site-404"), 1, "the site's template wins over the theme's");
    assert_eq!(count(&nf, ".theme-404"), 0);
    assert_eq!(site.output("plain.css"), "body{}\n");
}

#[test]
fn a_missing_theme_folder_is_an_error() {
    let site = TestSite::new();
    site.write("forewarn.toml", "theme = \"other\"\n");
    site.write("content/notices/n.md", GOOD_NOTICE);
    let run = site.build();
    expect_error(&run, &["other", "themes/other"]);
    assert!(!site.has_output("index.html"));
}

#[test]
fn a_template_error_names_the_template_and_publishes_nothing() {
    let site = TestSite::fixture("build-overrides");
    site.build().expect(0);
    let before = files(&site.path().join("public"));
    site.write(
        "templates/notice.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ notice.no_such_field }}\n{% endblock content %}\n",
    );
    let run = site.build();
    expect_error(&run, &["templates/notice.html:3:", "no_such_field"]);
    assert_eq!(files(&site.path().join("public")), before, "a failed build changed public/");
}

/// `RenderOptions::inject` (for embedders of the library) lands once, just
/// before `</body>`, on list pages (rendered into a buffer sized from their
/// cards) and on notice pages alike, and never in feeds.
#[test]
fn injected_html_goes_just_before_the_closing_body_tag() {
    use forewarn::build::{Now, Options, load};
    use forewarn::output::Staging;
    use forewarn::render::{RenderOptions, Renderer};
    let site = TestSite::fixture("build-full");
    let opts = Options {
        root: site.path().to_path_buf(),
        now: Now::AsOf("2026-11-23T00:00:00Z".into()),
        ..Default::default()
    };
    let Ok(checked) = load(&opts) else { panic!("the fixture loads") };
    let renderer = Renderer::new(&opts.root, &checked.site.config).expect("the theme compiles");
    let out = site.path().join("public");
    let staging = Staging::begin(&out, &[]).expect("a staging folder");
    let options = RenderOptions { inject: Some("<!--INJECTED-->".into()) };
    renderer.render_site(&checked.site, &staging, &options).expect("the site renders");
    staging.commit().expect("the site is published");
    for page in ["index.html", "notices/index.html", "areas/api/index.html", "notices/dark-mode/index.html"] {
        let html = std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert_eq!(html.matches("<!--INJECTED-->").count(), 1, "{page}");
        assert!(html.contains("<!--INJECTED--></body>"), "{page}");
    }
    let feed = std::fs::read_to_string(out.join("feed.xml")).expect("feed.xml");
    assert!(!feed.contains("INJECTED"));
}
