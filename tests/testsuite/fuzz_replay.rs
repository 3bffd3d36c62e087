//! The fuzz corpus as a test (issue 6): every input the fuzzers kept in
//! `fuzz/corpus/` goes through the same code as its fuzz target, so what the
//! fuzzers once explored stays crash-free without nightly Rust or
//! cargo-fuzz. `fuzz/README.md` says how to run the fuzzers themselves.

use std::path::{Path, PathBuf};

#[path = "../../fuzz/shared/front_matter.rs"]
mod front_matter_input;

#[path = "../../fuzz/shared/site.rs"]
#[allow(dead_code)]
mod site;

/// Every file of `fuzz/<dir>/`, sorted.
fn inputs(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
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
    let mut files = inputs("corpus/front_matter");
    assert!(files.len() >= 50, "the corpus is kept in git: {} files", files.len());
    files.extend(inputs("seeds/front_matter"));
    replay(&files, front_matter_input::run);
}

#[test]
fn check_site_corpus_replays_without_a_panic() {
    let mut files = inputs("corpus/check_site");
    assert!(files.len() >= 20, "the corpus is kept in git: {} files", files.len());
    files.extend(inputs("seeds/check_site"));
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
    let seeds = inputs("seeds/check_site");
    assert!(!seeds.is_empty());
    let ok = seeds.iter().filter(|p| site::run(&std::fs::read(p).unwrap()) != 2).count();
    assert!(ok * 2 >= seeds.len(), "only {ok} of {} seed sites could be read", seeds.len());
}
