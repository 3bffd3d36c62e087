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
