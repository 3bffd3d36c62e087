//! `forewarn serve`: pages are served, edits reload open pages, problems show
//! as an overlay over the last good version, and the preview recovers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::support::{GOOD_NOTICE, TestSite};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start(site: &TestSite) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_forewarn"))
        .arg("--root")
        .arg(site.path())
        .args(["serve", "--port", &port.to_string()])
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let server = Server { child, port };
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "serve did not start listening");
        std::thread::sleep(Duration::from_millis(20));
    }
    server
}

/// GET `path`: (status code, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// The versions announced on the reload stream, as they arrive.
pub(crate) fn events(port: u16) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET /__forewarn/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { return };
            if let Some(v) = line.strip_prefix("data: ")
                && tx.send(v.to_string()).is_err()
            {
                return;
            }
        }
    });
    rx
}

#[track_caller]
pub(crate) fn next_event(rx: &Receiver<String>) -> String {
    rx.recv_timeout(Duration::from_secs(10)).expect("a reload event within 10 s")
}

/// Waits until `path` satisfies `pred` (the rebuild runs after the event).
#[track_caller]
fn eventually(port: u16, path: &str, pred: impl Fn(u16, &str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (status, body) = get(port, path);
        if pred(status, &body) {
            return body;
        }
        assert!(Instant::now() < deadline, "{path} never matched; last: {status}\n{body}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn notice(title: &str) -> String {
    GOOD_NOTICE.replace("Invoices get a new layout", title)
}

#[test]
fn edits_new_files_deletions_and_broken_files_reach_the_browser() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", &notice("Invoices get a new layout"));
    let server = start(&site);
    let port = server.port;

    let (status, page) = get(port, "/notices/layout/");
    assert_eq!(status, 200);
    assert!(page.contains("Invoices get a new layout"));
    assert!(page.contains("/__forewarn/events"), "the reload script is injected");
    let rx = events(port);
    let first = next_event(&rx);

    // An edit: a reload event, then the new text.
    site.write("content/notices/layout.md", &notice("Invoices get a brand new layout"));
    assert_ne!(next_event(&rx), first);
    eventually(port, "/notices/layout/", |s, b| s == 200 && b.contains("brand new layout"));

    // A new file appears on the index and gets its page.
    site.write("content/notices/second.md", &notice("A second change"));
    next_event(&rx);
    eventually(port, "/notices/second/", |s, b| s == 200 && b.contains("A second change"));
    assert!(get(port, "/").1.contains("A second change"));

    // A deleted file's page is gone.
    std::fs::remove_file(site.path().join("content/notices/second.md")).unwrap();
    next_event(&rx);
    eventually(port, "/notices/second/", |s, _| s == 404);

    // A broken file: the overlay names file, line and problem over the last
    // good page.
    site.write("content/notices/layout.md", &notice("Broken").replace("impact = \"medium\"", "impact = \"huge\""));
    next_event(&rx);
    let page = eventually(port, "/notices/layout/", |_, b| b.contains("forewarn-overlay"));
    assert!(page.contains("content/notices/layout.md:5:10"), "{page}");
    assert!(page.contains("did you mean"), "{page}");
    assert!(page.contains("brand new layout"), "the last good version stays served");

    // The fix clears the overlay.
    site.write("content/notices/layout.md", &notice("Fixed layout"));
    next_event(&rx);
    let page = eventually(port, "/notices/layout/", |_, b| b.contains("Fixed layout"));
    assert!(!page.contains("forewarn-overlay"));

    // A checklist deny is shown the same way.
    site.write(
        "content/notices/layout.md",
        &notice("Late").replace("effective = 2027-01-20T09:00:00Z", "effective = 2026-10-05T09:00:00Z"),
    );
    next_event(&rx);
    let page = eventually(port, "/notices/layout/", |_, b| b.contains("forewarn-overlay"));
    assert!(page.contains("advance-notice"), "{page}");
}

#[test]
fn serve_writes_nothing_and_serves_feeds_and_drafts() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site.write(
        "content/notices/draft.md",
        &notice("Still a draft").replace("+++\n\nInvoices", "draft = true\n+++\n\nInvoices"),
    );
    let server = start(&site);
    let (status, feed) = get(server.port, "/feed.xml");
    assert_eq!(status, 200);
    assert!(feed.contains("<rss"));
    let (_, draft) = get(server.port, "/notices/draft/");
    assert!(draft.contains("Still a draft") && draft.contains("draft-banner"), "drafts show with a banner");
    assert!(!site.path().join("public").exists(), "serve never writes the public output");
    let (status, _) = get(server.port, "/../../etc/passwd");
    assert_ne!(status, 200);
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = site.run(&["serve", "--port", &port]);
    run.expect(2);
    assert!(run.stderr.contains("--port"), "{}", run.all());
}

/// Each language is served under its folder, and an edit of a site label
/// file reaches the browser like any other.
#[test]
fn languages_are_served_in_their_folders_and_label_edits_reload() {
    let site = TestSite::fixture("languages-two");
    let server = start(&site);
    let (status, home) = get(server.port, "/de/");
    assert_eq!(status, 200);
    assert!(home.contains(r#"<html lang="de" dir="ltr">"#), "{home}");
    let (status, page) = get(server.port, "/de/notices/reports-api-v1/");
    assert_eq!(status, 200);
    assert!(page.contains("Die Reports-API v1 wird abgeschaltet"), "the German text");
    let (status, _) = get(server.port, "/de/feed.xml");
    assert_eq!(status, 200);
    let (status, _) = get(server.port, "/fr/");
    assert_eq!(status, 404, "a language the site is not in is no folder");
    site.write("i18n/de.toml", "nav_all_notices = \"Jede Mitteilung\"\n");
    eventually(server.port, "/de/", |status, body| status == 200 && body.contains("Jede Mitteilung"));
}
