//! What every feature module uses: a site in a temporary folder
//! ([`TestSite`]), the `forewarn` binary run on it with a fixed "now"
//! ([`Run`]), what it wrote read back as strings, bytes or parsed HTML, a
//! few readers shared by the features, and golden files ([`golden`]).

pub mod golden;
pub mod xml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, Weak};

use scraper::{Html, Selector};

/// The moment every test renders for, unless it says otherwise:
/// 2026-11-23T00:00:00Z.
pub const NOW_EPOCH: &str = "1795392000";

/// What a run of the binary printed and returned.
#[derive(Debug)]
pub struct Run {
    /// Exit status (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Both streams, for assertion messages.
    pub fn all(&self) -> String {
        format!("exit {}\n--- stdout\n{}\n--- stderr\n{}", self.code, self.stdout, self.stderr)
    }

    /// Asserts the exit status, printing everything on failure.
    #[track_caller]
    pub fn expect(&self, code: i32) -> &Run {
        assert_eq!(self.code, code, "unexpected exit status\n{}", self.all());
        assert!(!self.stderr.contains("panicked"), "the binary panicked\n{}", self.all());
        self
    }
}

/// A site in a temporary folder.
pub struct TestSite {
    dir: tempfile::TempDir,
    remembers: std::sync::atomic::AtomicBool,
}

impl TestSite {
    /// An empty site folder.
    pub fn new() -> TestSite {
        TestSite { dir: tempfile::tempdir().expect("temp dir"), remembers: std::sync::atomic::AtomicBool::new(false) }
    }

    /// A site holding one file, `rel`, with `text`.
    pub fn with_file(rel: &str, text: &str) -> TestSite {
        let site = TestSite::new();
        site.write(rel, text);
        site
    }

    /// A copy of `tests/fixtures/NAME`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::new();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        copy_dir(&src, site.path());
        site
    }

    /// A copy of the sample site at the top of the repository.
    pub fn sample() -> TestSite {
        let site = TestSite::new();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&root.join("content"), &site.path().join("content"));
        std::fs::copy(root.join("forewarn.toml"), site.path().join("forewarn.toml")).expect("copy config");
        site
    }

    /// The site's root folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `rel` (creating folders).
    /// From now on `build` and `check` compare with the output folder's
    /// own record, as they do for users.
    pub fn remembering(&self) -> &TestSite {
        self.remembers.store(true, std::sync::atomic::Ordering::Relaxed);
        self
    }

    /// Writes `rel` (folders made as needed).
    pub fn write(&self, rel: &str, text: &str) -> &TestSite {
        self.write_bytes(rel, text.as_bytes())
    }

    /// Writes raw bytes to `rel` (creating folders).
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &TestSite {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write");
        self
    }

    /// `forewarn --root SITE ARGS…` in the site folder, without colour and
    /// with "now" fixed at [`NOW_EPOCH`], ready to run.
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_via(Command::new(env!("CARGO_BIN_EXE_forewarn")), args)
    }

    /// `cmd` (a shell that execs forewarn, say) given `--root SITE ARGS…`
    /// and the folder and environment of [`command`](Self::command).
    ///
    /// `build` and `check` compare with nothing (`--against none`) unless
    /// the arguments name `--against` or [`remembering`](Self::remembering)
    /// asks for the output folder's record: most tests build one site again
    /// and again and are about something else than its history.
    pub fn command_via(&self, mut cmd: Command, args: &[&str]) -> Command {
        cmd.arg("--root").arg(self.path()).args(args).current_dir(self.path());
        let compares = matches!(args.first(), Some(&("build" | "check")));
        if compares && !args.contains(&"--against") && !self.remembers.load(std::sync::atomic::Ordering::Relaxed) {
            cmd.args(["--against", "none"]);
        }
        cmd.env("NO_COLOR", "1").env("SOURCE_DATE_EPOCH", NOW_EPOCH);
        cmd
    }

    /// Runs `forewarn --root SITE ARGS…` with "now" fixed at [`NOW_EPOCH`],
    /// no colour, in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[("SOURCE_DATE_EPOCH", NOW_EPOCH)])
    }

    /// Like [`run`](Self::run) with extra environment variables (and no
    /// `SOURCE_DATE_EPOCH` unless they set it).
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = self.command(args);
        cmd.env_remove("SOURCE_DATE_EPOCH");
        for (k, v) in env {
            cmd.env(k, v);
        }
        Run::from(cmd.output().expect("run forewarn"))
    }

    /// `forewarn build` (into `public/`).
    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// `forewarn check`.
    pub fn check(&self) -> Run {
        self.run(&["check"])
    }

    /// The text of `public/REL`.
    pub fn output(&self, rel: &str) -> String {
        let path = self.path().join("public").join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Whether `public/REL` exists.
    pub fn has_output(&self, rel: &str) -> bool {
        self.path().join("public").join(rel).exists()
    }

    /// Every file under `public/`, relative, sorted.
    pub fn output_files(&self) -> Vec<PathBuf> {
        snapshot(&self.path().join("public")).into_iter().filter_map(|(p, bytes)| bytes.map(|_| p)).collect()
    }
}

/// Shares one built site between the tests running at the same time: the
/// first caller makes and builds it (`forewarn build` must succeed), the
/// others get the same one, and the folder goes when the last of them is
/// done. `slot` is a `static` of the caller.
pub fn shared(slot: &Mutex<Weak<TestSite>>, make: fn() -> TestSite) -> Arc<TestSite> {
    let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(site) = slot.upgrade() {
        return site;
    }
    let site = Arc::new(make());
    site.build().expect(0);
    *slot = Arc::downgrade(&site);
    site
}

/// Every file and folder under `dir`, keyed by relative path: the bytes of
/// each file, `None` for a folder (so an empty folder left behind shows).
/// Nothing when `dir` does not exist.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().to_path_buf();
            if p.is_dir() {
                out.insert(rel, None);
                walk(root, &p, out);
            } else {
                out.insert(rel, Some(std::fs::read(&p).unwrap_or_default()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Every file under `dir` with its bytes, keyed by relative path (folders
/// left out); `dir` must exist.
#[track_caller]
pub fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    assert!(dir.is_dir(), "{} is not a folder", dir.display());
    snapshot(dir).into_iter().filter_map(|(p, bytes)| Some((p, bytes?))).collect()
}

/// Copies a folder tree.
pub fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).expect("mkdir");
    for e in std::fs::read_dir(src).unwrap_or_else(|e| panic!("read {}: {e}", src.display())).flatten() {
        let to = dst.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), &to).expect("copy");
        }
    }
}

/// A CSS selector (panics on a bad one).
pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// `public/REL` of `site`, parsed as an HTML document.
pub fn page(site: &TestSite, rel: &str) -> Html {
    Html::parse_document(&site.output(rel))
}

/// 1-based line and column (in characters) of the first `needle` in `text`.
#[track_caller]
pub fn line_col(text: &str, needle: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        if let Some(pos) = line.find(needle) {
            return (i + 1, line[..pos].chars().count() + 1);
        }
    }
    panic!("`{needle}` is not in\n{text}");
}

/// A minimal valid notice (TOML) that passes the whole checklist: medium
/// impact, published 2026-10-01, effective 2027-01-20 09:00 UTC. Replace
/// lines to make variants.
pub const GOOD_NOTICE: &str = r#"+++
title = "Invoices get a new layout"
published = 2026-10-01
effective = 2027-01-20T09:00:00Z
impact = "medium"
audience = ["Administrators"]
areas = ["billing"]
benefits = "Clearer totals."
workaround = "Keep the classic layout until March: **Settings → Invoices → Classic layout**."
support = "Point customers to the Settings toggle."
feedback = "mailto:billing@example.com"
+++

Invoices will use a new layout with the totals at the top and a clearer tax breakdown. Nothing changes in the amounts, numbering or delivery of your invoices. Administrators can preview the new layout today under Settings and switch back to the classic one until March.
"#;
