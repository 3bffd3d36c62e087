//! Regression tests for defects found by adversarial testing: dates at the
//! end of jiff's range, concurrent builds, FIFOs among the notices, a
//! symlinked output folder, control characters in front matter and in file
//! names. Every run of the binary has a time limit, so a regression that
//! blocks fails instead of hanging CI.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::GOOD_NOTICE as NOTICE;

/// "Now" for every run: 2026-11-23T00:00:00Z.
const NOW_EPOCH: &str = "1795392000";

/// What a run printed and returned.
struct Run {
    code: i32,
    stderr: String,
    all: String,
}

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// A site with the notice `notice` at `content/notices/n.md`.
    fn new(notice: &str) -> Site {
        let site = Site { dir: tempfile::tempdir().expect("temp dir") };
        site.write("forewarn.toml", "title = \"Acme\"\nbase_url = \"https://changes.example.com\"\n");
        site.write("content/notices/n.md", notice);
        site
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    /// Runs `forewarn --root SITE ARGS…`, killed after a minute.
    fn run(&self, args: &[&str]) -> Run {
        run_at(self.path(), args)
    }

    /// Every file under `rel`, relative to it.
    fn files(&self, rel: &str) -> Vec<PathBuf> {
        let root = self.path().join(rel);
        walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| !e.file_type().is_dir())
            .map(|e| e.path().strip_prefix(&root).expect("inside").to_path_buf())
            .collect()
    }
}

/// Runs `forewarn --root ROOT ARGS…` in `root`, killed after a minute.
fn run_at(root: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_forewarn"))
        .arg("--root")
        .arg(root)
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", NOW_EPOCH)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run forewarn");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("forewarn {args:?} did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let all = format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{stderr}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!stderr.contains("panicked"), "forewarn {args:?} panicked\n{all}");
    Run { code: out.status.code().unwrap_or(-1), stderr, all }
}

/// `NOTICE` with `lines` added at the end of its front matter.
fn notice(lines: &str) -> String {
    NOTICE.replacen("+++\n\n", &format!("{lines}\n+++\n\n"), 1)
}

/// The 1-based line of `text` that starts with `prefix`.
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines().position(|l| l.starts_with(prefix)).expect("line") + 1
}

// ------------------------------------------------------------ dates

#[test]
fn dates_past_the_end_of_time_are_input_errors_in_check_and_build() {
    let cases = [
        ("effective = 9999-12-31", "effective = "),
        ("published = 9999-12-31", "published = "),
        ("ends = 9999-12-31T23:59:59Z", "ends = "),
        ("[data]\ndisposition = \"unavailable\"\naccess = \"x\"\navailable_again = 9999-12-31", "available_again"),
        ("[[updates]]\ndate = \"9999-12-31T12:00:00+01:00\"\nnote = \"x\"", "date = "),
    ];
    for (lines, key) in cases {
        // `published` and `effective` replace the notice's own.
        let text = match key {
            "effective = " => NOTICE.replace("effective = 2027-01-20T09:00:00Z", lines),
            "published = " => NOTICE.replace("published = 2026-10-01", lines),
            _ => notice(lines),
        };
        let site = Site::new(&text);
        let at = format!("content/notices/n.md:{}:", line_of(&text, key));
        for cmd in ["check", "build"] {
            let run = site.run(&[cmd]);
            assert_eq!(run.code, 2, "{lines} ({cmd})\n{}", run.all);
            assert!(run.stderr.contains(&at), "{lines} ({cmd}): no {at}\n{}", run.all);
            assert!(run.stderr.contains("out of range"), "{lines} ({cmd})\n{}", run.all);
        }
    }
    // A freeze window in forewarn.toml.
    let site = Site::new(NOTICE);
    site.write("forewarn.toml", "title = \"Acme\"\n\n[[checklist.freeze]]\nstart = 2027-01-01\nend = 9999-12-31\n");
    for cmd in ["check", "build"] {
        let run = site.run(&[cmd]);
        assert_eq!(run.code, 2, "{}", run.all);
        assert!(run.stderr.contains("forewarn.toml:5:"), "{}", run.all);
    }
}

#[test]
fn the_last_representable_moments_build_like_they_check() {
    for lines in [
        "effective = 9999-12-30T22:00:00Z",
        "effective = 9999-12-30T21:45:00Z",
        "effective = 9999-12-30T21:59:59Z\nends = 9999-12-30T22:00:00Z",
        "effective = 9999-12-30",
    ] {
        let text = NOTICE.replace("effective = 2027-01-20T09:00:00Z", lines);
        let site = Site::new(&text);
        site.write("forewarn.toml", "title = \"Acme\"\ntimezone = \"Pacific/Kiritimati\"\n\n[[checklist.freeze]]\nstart = 9999-12-29\nend = 9999-12-29\n");
        let check = site.run(&["check"]);
        let build = site.run(&["build"]);
        assert_eq!(check.code, build.code, "{lines}: check and build disagree\n{}\n{}", check.all, build.all);
        if build.code == 0 {
            let ics = std::fs::read_to_string(site.path().join("public/calendar.ics")).expect("calendar");
            assert!(ics.contains("DTSTART"), "{ics}");
        }
    }
}

// ------------------------------------------------------------ symlinked output

#[cfg(unix)]
#[test]
fn an_output_through_a_symbolic_link_into_the_content_is_refused() {
    use std::os::unix::fs::symlink;
    let site = Site::new(NOTICE);
    let before = site.files("content");
    // The output is a link to a folder of the content.
    symlink(site.path().join("content/notices"), site.path().join("out-link")).expect("symlink");
    // The output is in a folder that is a link to the content.
    symlink(site.path().join("content"), site.path().join("dir-link")).expect("symlink");
    for out in ["out-link", "dir-link/public"] {
        let run = site.run(&["build", "--out", out]);
        assert_eq!(run.code, 2, "{out}\n{}", run.all);
        assert!(run.stderr.contains("inside the site's sources"), "{out}\n{}", run.all);
        assert_eq!(site.files("content"), before, "{out}: something was written into content/");
        let hidden: Vec<_> = std::fs::read_dir(site.path().join("content"))
            .expect("ls")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.file_name())
            .collect();
        assert!(hidden.is_empty(), "{out}: {hidden:?} in content/");
    }
    // A root given through a link, the output inside the real content.
    let real = site.path().canonicalize().expect("canonical");
    let linked_root = tempfile::tempdir().expect("temp dir");
    symlink(&real, linked_root.path().join("site")).expect("symlink");
    let out = real.join("content/public");
    let run = run_at(&linked_root.path().join("site"), &["build", "--out", &out.to_string_lossy()]);
    assert_eq!(run.code, 2, "{}", run.all);
    assert!(run.stderr.contains("inside the site's sources"), "{}", run.all);
    assert_eq!(site.files("content"), before, "something was written into content/");
}

// ------------------------------------------------------------ builds at once

#[test]
fn a_second_build_into_the_same_output_is_refused_and_the_site_is_kept() {
    let site = Site::new(NOTICE);
    // The second build leaves a staging folder (the first renames it).
    assert_eq!(site.run(&["build"]).code, 0);
    assert_eq!(site.run(&["build"]).code, 0);
    let before = std::fs::read_to_string(site.path().join("public/index.html")).expect("index");
    // Another build holds the lock of the staging folder.
    let lock = std::fs::File::open(site.path().join(".public.forewarn-staging")).expect("staging folder");
    lock.try_lock().expect("take the lock");
    site.write("content/notices/n.md", &NOTICE.replace("get a new layout", "change colour"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.all);
    assert!(run.stderr.contains("another forewarn build is writing to"), "{}", run.all);
    assert!(run.stderr.contains("public"), "{}", run.all);
    assert_eq!(std::fs::read_to_string(site.path().join("public/index.html")).expect("index"), before);
    // Once the other build is done, building works again.
    drop(lock);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.all);
    assert!(std::fs::read_to_string(site.path().join("public/index.html")).expect("index").contains("change colour"));
}

// ------------------------------------------------------------ special files

fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo").arg(path).status().is_ok_and(|s| s.success())
}

#[test]
fn a_fifo_among_the_notices_is_refused_without_blocking() {
    let site = Site::new(NOTICE);
    if !mkfifo(&site.path().join("content/notices/pipe.md")) {
        eprintln!("skipped: no mkfifo on this system");
        return;
    }
    for cmd in ["check", "build"] {
        let run = site.run(&[cmd]);
        assert_eq!(run.code, 2, "{cmd}\n{}", run.all);
        assert!(run.stderr.contains("content/notices/pipe.md"), "{cmd}\n{}", run.all);
        assert!(run.stderr.contains("not a regular file"), "{cmd}\n{}", run.all);
    }
    assert!(!site.path().join("public").exists());
    // In a folder notice, where it would be copied as an asset.
    std::fs::remove_file(site.path().join("content/notices/pipe.md")).expect("rm");
    site.write("content/notices/bundle/index.md", NOTICE);
    assert!(mkfifo(&site.path().join("content/notices/bundle/data.csv")));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.all);
    assert!(run.stderr.contains("content/notices/bundle/data.csv"), "{}", run.all);
}

// ------------------------------------------------------------ control characters

#[test]
fn control_characters_in_front_matter_are_refused_with_the_key() {
    let text = NOTICE.replace("title = \"Invoices get a new layout\"", "title = \"a\\u001b[31mred\"");
    let site = Site::new(&text);
    for cmd in ["check", "build"] {
        let run = site.run(&[cmd]);
        assert_eq!(run.code, 2, "{}", run.all);
        assert!(run.stderr.contains("content/notices/n.md:2:"), "{}", run.all);
        assert!(run.stderr.contains("`title` contains a control character (U+001B)"), "{}", run.all);
        assert!(!run.stderr.contains('\u{1b}'), "{}", run.all);
    }
    // A NUL in a list and a YAML escape.
    let text = NOTICE.replace("[\"Administrators\"]", "[\"Admins\", \"x\\u0000y\"]");
    let run = Site::new(&text).run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.all);
    assert!(run.stderr.contains("`audience` contains a control character (U+0000)"), "{}", run.all);
    let yaml = "---\ntitle: \"Bell \\a here\"\npublished: 2026-10-01\neffective: 2027-01-20T09:00:00Z\nimpact: low\n---\n\nBody text.\n";
    let run = Site::new(yaml).run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.all);
    assert!(run.stderr.contains("`title` contains a control character (U+0007)"), "{}", run.all);
    // Tabs and line breaks in markdown fields stay legitimate.
    let text = NOTICE.replace("benefits = \"Clearer totals.\"", "benefits = \"Clearer\\ttotals.\\r\\n\\nAnd more.\"");
    let run = Site::new(&text).run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.all);
}

#[test]
fn control_characters_in_the_config_are_refused_with_the_key() {
    let site = Site::new(NOTICE);
    site.write("forewarn.toml", "description = \"ok\"\ntitle = \"Acme\\u009b2J\"\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.all);
    assert!(run.stderr.contains("forewarn.toml:2:"), "{}", run.all);
    assert!(run.stderr.contains("`title` contains a control character (U+009B)"), "{}", run.all);
}

// ------------------------------------------------------------ file names

#[test]
fn file_names_with_terminal_escapes_are_printed_escaped() {
    let site = Site::new(NOTICE);
    site.write("content/notices/evil\u{1b}[2Jname.md", "+++\ntitle = 3\n+++\n");
    for args in [&["check"][..], &["build"]] {
        let run = site.run(args);
        assert_eq!(run.code, 2, "{}", run.all);
        assert!(!run.stderr.contains('\u{1b}'), "a raw ESC on stderr\n{}", run.all.escape_debug());
        assert!(run.stderr.contains("evil\\u{1b}[2Jname.md"), "{}", run.all.escape_debug());
    }
    // JSON keeps the name exact.
    let out = String::from_utf8_lossy(
        &Command::new(env!("CARGO_BIN_EXE_forewarn"))
            .arg("--root")
            .arg(site.path())
            .args(["check", "--format", "json"])
            .env("SOURCE_DATE_EPOCH", NOW_EPOCH)
            .output()
            .expect("run")
            .stdout,
    )
    .into_owned();
    let json: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    let files: Vec<&str> = json.as_array().expect("array").iter().filter_map(|d| d["file"].as_str()).collect();
    assert!(files.contains(&"content/notices/evil\u{1b}[2Jname.md"), "{files:?}");
}
