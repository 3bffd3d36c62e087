//! The fuzz inputs as a test: the hand-made seeds in
//! `fuzz/seeds/<target>/` and the minimised replay corpus in
//! `fuzz/replay/<target>/` go through the same code as their fuzz target,
//! so what the fuzzers once explored stays crash-free without nightly Rust
//! or cargo-fuzz. A target with no `fuzz/replay/<target>/` folder replays
//! its seeds alone. `fuzz/README.md` says how to run the fuzzers themselves.

#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub, missing_docs)]

use std::path::{Path, PathBuf};

#[path = "../../fuzz/shared/front_matter.rs"]
mod front_matter_input;

#[path = "../../fuzz/shared/site.rs"]
#[allow(dead_code)]
mod site;

/// Every file of `fuzz/<dir>/`, sorted; nothing when the folder does not
/// exist and `may_be_missing`.
fn files_of(dir: &str, may_be_missing: bool) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(dir);
    let entries = match std::fs::read_dir(&dir) {
        Err(e) if may_be_missing && e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        result => result.unwrap_or_else(|e| panic!("read {}: {e}", dir.display())),
    };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

/// The seeds of `target` (the folder must exist), then its replay corpus
/// (a missing folder counts as empty).
fn inputs(target: &str) -> Vec<PathBuf> {
    let mut files = files_of(&format!("seeds/{target}"), false);
    files.extend(files_of(&format!("replay/{target}"), true));
    files
}

/// Runs `f` on every input, spread over the machine's cores; a panic names
/// the input that caused it.
fn replay(files: &[PathBuf], f: fn(&[u8])) {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(8);
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        for part in files.chunks(chunk) {
            s.spawn(move || {
                for path in part {
                    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
                    let result = std::panic::catch_unwind(|| f(&bytes));
                    if result.is_err() {
                        panic!("{} panicked; replay it with `cargo fuzz run` (see fuzz/README.md)", path.display());
                    }
                }
            });
        }
    });
}

#[test]
fn front_matter_corpus_replays_without_a_panic() {
    let files = inputs("front_matter");
    assert!(files.len() >= 50, "the seeds and the replay corpus are kept in git: {} files", files.len());
    replay(&files, front_matter_input::run);
}

#[test]
fn check_site_corpus_replays_without_a_panic() {
    let files = inputs("check_site");
    assert!(files.len() >= 20, "the seeds and the replay corpus are kept in git: {} files", files.len());
    replay(&files, |bytes| {
        let code = site::run(bytes);
        assert!((0..=2).contains(&code), "exit status {code}");
    });
}

#[test]
fn the_seed_sites_pass() {
    // The hand-written seeds built from tests/fixtures are real sites: the
    // generator must turn them into sites that check (clean or with denies),
    // or the fuzzer starts from nothing but errors.
    let seeds = files_of("seeds/check_site", false);
    assert!(!seeds.is_empty());
    let ok = seeds.iter().filter(|p| site::run(&std::fs::read(p).unwrap()) != 2).count();
    assert!(ok * 2 >= seeds.len(), "only {ok} of {} seed sites could be read", seeds.len());
}
