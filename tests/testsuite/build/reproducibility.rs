//! Same input and same "now" give the same bytes, however bodies are held.

use super::*;

#[test]
fn same_input_and_now_give_byte_identical_output() {
    let site = TestSite::fixture("build-full");
    site.run(&["build", "--out", "one"]).expect(0);
    site.run(&["build", "--out", "two"]).expect(0);
    let one = files(&site.path().join("one"));
    let two = files(&site.path().join("two"));
    assert!(one.len() > 30, "{:?}", one.keys());
    assert_eq!(one.keys().collect::<Vec<_>>(), two.keys().collect::<Vec<_>>());
    for (rel, bytes) in &one {
        assert!(bytes == &two[rel], "{} differs between two builds", rel.display());
    }
    // The same site in another folder gives the same bytes too.
    let elsewhere = TestSite::fixture("build-full");
    elsewhere.build().expect(0);
    let three = files(&elsewhere.path().join("public"));
    assert_eq!(one, three, "output depends on where the site is");
    // Another "now" gives another site.
    site.run(&["build", "--out", "later", "--as-of", "2027-02-01"]).expect(0);
    let later = files(&site.path().join("later"));
    assert_ne!(one[Path::new("index.html")], later[Path::new("index.html")]);
}

/// A large site's build leaves notice bodies in their files until it writes
/// each page (`Bodies::Defer`), or those past its budget (`Bodies::Hold`):
/// what it writes must not change by a byte.
#[test]
fn deferred_bodies_build_the_same_site() {
    use forewarn::build::{Now, Options, build};
    use forewarn::content::model::Bodies;
    let site = TestSite::fixture("build-full");
    let built = |bodies: Bodies| {
        let opts = Options {
            root: site.path().to_path_buf(),
            now: Now::AsOf("2026-11-23T00:00:00Z".into()),
            bodies: Some(bodies),
            ..Default::default()
        };
        let out = site.path().join(format!("out-{bodies:?}"));
        build(&opts, Some(&out)).unwrap_or_else(|e| panic!("{bodies:?}: {e:?}"));
        files(&out)
    };
    let (eager, deferred) = (built(Bodies::Render), built(Bodies::Defer));
    let page = String::from_utf8_lossy(&deferred[Path::new("notices/api-v1-retirement/index.html")]).into_owned();
    assert!(page.contains("stops answering requests"), "the body is on the page");
    let cards = String::from_utf8_lossy(&deferred[Path::new("notices/index.html")]).into_owned();
    assert!(cards.contains("stops answering requests"), "the summary is on the cards");
    // Hold(2000): room for less than half of the notice files (4.8 kB in
    // all), so the first read are held and the rest deferred.
    for (other, how) in [(deferred, "deferred"), (built(Bodies::Hold(2000)), "with some bodies held")] {
        assert_eq!(eager.keys().collect::<Vec<_>>(), other.keys().collect::<Vec<_>>(), "{how}");
        for (path, bytes) in &eager {
            assert!(other[path] == *bytes, "{} differs {how}", path.display());
        }
    }
}
