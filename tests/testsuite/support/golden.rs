//! Golden files: reviewed snapshots of whole outputs, in `tests/golden/`.
//!
//! When an output changes on purpose, `UPDATE_GOLDEN=1 cargo test --test
//! testsuite golden` rewrites the golden files; read `git diff tests/golden`
//! before committing them, as a reviewer would.

use std::path::Path;

/// How many lines of each side a mismatch shows.
const SHOWN: usize = 12;

/// Asserts that `actual` is the text of `tests/golden/NAME`, byte for byte;
/// with `UPDATE_GOLDEN=1` in the environment, writes it there instead.
#[track_caller]
pub fn assert_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, actual).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        return;
    }
    let how = "if the change is intended, run `UPDATE_GOLDEN=1 cargo test --test testsuite golden` and review `git diff tests/golden`";
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}\n{how}", path.display()));
    if expected == actual {
        return;
    }
    let (want, got): (Vec<&str>, Vec<&str>) = (expected.split('\n').collect(), actual.split('\n').collect());
    let same = want.iter().zip(&got).take_while(|(w, g)| w == g).count();
    let tail = want[same..].iter().rev().zip(got[same..].iter().rev()).take_while(|(w, g)| w == g).count();
    let mut diff = format!("tests/golden/{name} is not what the build wrote; from line {}:\n", same + 1);
    for (sign, lines) in [('-', &want[same..want.len() - tail]), ('+', &got[same..got.len() - tail])] {
        for line in lines.iter().take(SHOWN) {
            diff.push_str(&format!("{sign} {}\n", line.trim_end_matches('\r')));
        }
        if lines.len() > SHOWN {
            diff.push_str(&format!("{sign} … and {} more lines\n", lines.len() - SHOWN));
        }
    }
    if expected.replace("\r\n", "\n") == actual.replace("\r\n", "\n") {
        diff.push_str("(they differ only in line endings)\n");
    }
    panic!("{diff}(- golden file, + built file)\n{how}");
}
