//! The manifest: the record of what a staging folder holds (each file's
//! path, length and hash), so the next build rewrites only what changed and
//! finds stale files without walking the folder.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The list of files of a generation with their length and hash, so the
/// next build can tell an unchanged file without reading it.
pub(super) const MANIFEST: &str = ".forewarn-manifest";

/// A fast 64-bit hash of a file's bytes (8 bytes at a time, multiply and
/// rotate; not cryptographic: it only tells whether our own output changed).
pub(super) fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = bytes.len() as u64 ^ K;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ v).wrapping_mul(K).rotate_left(31);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(31);
    }
    h ^ (h >> 29)
}

pub(super) fn read_manifest(dir: &Path) -> Option<HashMap<PathBuf, (u64, u64)>> {
    let text = fs::read_to_string(dir.join(MANIFEST)).ok()?;
    text.lines()
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let len = parts.next()?.parse().ok()?;
            Some((PathBuf::from(parts.next()?), (len, hash)))
        })
        .collect()
}

/// The manifest's text: one line per file, sorted by path so that the same
/// build writes the same bytes. At 100,000 notices (134,000 files) sorting
/// and formatting on one core took a fifth of a second, 20 times the
/// figure at 10,000: both run on all cores. Paths compare as bytes:
/// comparing them component by component took a quarter of a second.
pub(super) fn manifest(written: &HashMap<PathBuf, (u64, u64)>) -> String {
    use rayon::prelude::*;
    fn bytes(p: &Path) -> &[u8] {
        p.as_os_str().as_encoded_bytes()
    }
    let mut entries: Vec<(&PathBuf, &(u64, u64))> = written.iter().collect();
    entries.par_sort_unstable_by(|a, b| bytes(a.0).cmp(bytes(b.0)));
    let chunks: Vec<String> = entries
        .par_chunks(4096)
        .map(|chunk| {
            let mut text = String::with_capacity(chunk.len() * 80);
            for (path, (len, hash)) in chunk {
                use std::fmt::Write as _;
                let _ = writeln!(text, "{hash:016x} {len} {}", path.display());
            }
            text
        })
        .collect();
    chunks.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_lists_every_file_once_in_path_order_and_reads_back() {
        let n = 10_000u64; // several chunks
        let written: HashMap<PathBuf, (u64, u64)> = (0..n)
            .map(|i| (PathBuf::from(format!("notices/{:05}/index.html", (i * 7919) % n)), (i, u64::MAX - i)))
            .collect();
        let text = manifest(&written);
        let paths: Vec<&str> = text.lines().map(|l| l.splitn(3, ' ').nth(2).unwrap()).collect();
        assert_eq!(paths.len(), n as usize);
        assert!(paths.windows(2).all(|w| w[0] < w[1]), "not sorted by path");
        assert_eq!(text.lines().next(), Some("ffffffffffffffff 0 notices/00000/index.html"));
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join(MANIFEST), &text).unwrap();
        assert_eq!(read_manifest(tmp.path()), Some(written));
    }
}
