//! A small site generated from fuzz input, checked and built. Shared by the
//! `check_site` fuzz target and the corpus replay test
//! (`tests/testsuite/fuzz_replay.rs` includes this file).
//!
//! Input format: the first byte holds flags, the rest is split at lines
//! reading `%%` into up to five parts:
//!
//! | part | file |
//! |---|---|
//! | 0 | `forewarn.toml` (not written when empty) |
//! | 1 | `content/notices/first.md` |
//! | 2 | `content/improvements/asked.md` |
//! | 3 | `content/notices/second/index.md` (a folder notice) |
//! | 4 | `content/pages/about.md` |
//!
//! Flags: bit 0 appends a `[checklist.levels]` table setting every rule to
//! `allow` to the config (so the build goes on to render whatever parses);
//! bit 1 includes drafts; bit 2 adds an asset beside the folder notice.
//! "Now" is fixed at 2026-11-23T00:00:00Z.

use std::path::Path;

/// Where each part goes.
pub const FILES: [&str; 5] = [
    "forewarn.toml",
    "content/notices/first.md",
    "content/improvements/asked.md",
    "content/notices/second/index.md",
    "content/pages/about.md",
];

/// The part separator (a line of its own).
pub const SEPARATOR: &str = "\n%%\n";

/// Splits the input (after the flags byte) into its parts.
pub fn parts(rest: &[u8]) -> Vec<&[u8]> {
    let sep = SEPARATOR.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + sep.len() <= rest.len() && out.len() < FILES.len() - 1 {
        if &rest[i..i + sep.len()] == sep {
            out.push(&rest[start..i]);
            start = i + sep.len();
            i = start;
        } else {
            i += 1;
        }
    }
    out.push(&rest[start..]);
    out
}

/// Writes the site for `data` under `root`; returns the build options.
pub fn write(root: &Path, data: &[u8]) -> forewarn::build::Options {
    let (flags, rest) = data.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
    for (i, part) in parts(rest).into_iter().enumerate() {
        let mut bytes = part.to_vec();
        if i == 0 {
            if flags & 1 != 0 {
                bytes.extend_from_slice(b"\n[checklist.levels]\n");
                for id in forewarn::checklist::rule_ids() {
                    bytes.extend_from_slice(format!("{id} = \"allow\"\n").as_bytes());
                }
            }
            if bytes.is_empty() {
                continue;
            }
        }
        let path = root.join(FILES[i]);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, &bytes).expect("write");
    }
    std::fs::create_dir_all(root.join("content/notices")).expect("mkdir");
    if flags & 4 != 0 {
        let dir = root.join("content/notices/second");
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("diagram.svg"), b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>").expect("write");
    }
    forewarn::build::Options {
        root: root.to_path_buf(),
        now: forewarn::build::Now::AsOf(NOW.to_string()),
        drafts: flags & 2 != 0,
        ..Default::default()
    }
}

/// The moment every generated site is checked and built for.
pub const NOW: &str = "2026-11-23T00:00:00Z";

/// Generates the site for `data` in a temporary folder, checks it, and
/// builds it when the checklist lets it. Returns the exit status the command
/// line would give (0, 1 or 2). Panics only where forewarn does.
pub fn run(data: &[u8]) -> i32 {
    let tmp = tempfile::tempdir().expect("temp dir");
    let opts = write(tmp.path(), data);
    match forewarn::build::check(&opts) {
        Err(f) => f.exit_code(),
        Ok(checked) if checked.report.denies() > 0 => 1,
        Ok(_) => match forewarn::build::build(&opts, Some(&tmp.path().join("public"))) {
            Ok(_) => 0,
            Err(f) => f.exit_code(),
        },
    }
}
