//! What the `front_matter` fuzz target does with one input. Shared by the
//! target and the corpus replay test (`tests/testsuite/fuzz_replay.rs` includes this
//! file), so the corpus replays through exactly the same code.
//!
//! The bytes go the way a content file goes: decoded (UTF-8, BOM dropped,
//! UTF-16 refused), split at the fences, parsed, and read as a typed document
//! of each kind (notice, improvement, page), which renders every markdown
//! field. The body is also rendered on its own, and the same text is read as
//! a `forewarn.toml`. Errors are expected; a panic is a bug.

use std::path::{Path, PathBuf};

use forewarn::config::Config;
use forewarn::content::{Found, Kind, decode, front_matter, markdown, parse_document};

/// Runs one input.
pub fn run(data: &[u8]) {
    let Ok(text) = decode(data) else {
        return;
    };
    if let Ok(split) = front_matter::split(text) {
        let _ = front_matter::parse(&split);
        let _ = markdown::render(split.body);
    }
    let config = Config::default();
    for (kind, folder) in Kind::ALL {
        let rel = PathBuf::from(format!("content/{folder}/fuzz.md"));
        let found = Found { kind, path: rel.clone(), rel, file_slug: "fuzz".into(), assets: Vec::new() };
        let _ = parse_document(&found, text, &config);
    }
    let _ = Config::parse(text, Path::new("forewarn.toml"));
}
