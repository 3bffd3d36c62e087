//! Writes a tree of folders and files of given sizes, and nothing else: what
//! writing a build's output costs on this machine without the rendering.
//! `scripts/bench.sh` (with `FLOOR=1`) compiles it with
//! `rustc -O --edition 2021` into its work folder and times it on the list
//! of a real build's output, so that the machine's share of the build's
//! scaling can be told from forewarn's. Standard library only.
//!
//! Usage: `write_tree LIST DEST`. LIST has one entry per line: `d PATH` (a
//! folder) or `f SIZE PATH` (a file of SIZE bytes), paths relative to DEST.
//! DEST must not exist. The folders are made first, in list order; then as
//! many threads as `forewarn build` uses (one per core) share the files.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::exit;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, list, dest] = args.as_slice() else {
        eprintln!("usage: write_tree LIST DEST");
        exit(2);
    };
    let dest = Path::new(dest);
    let text = fs::read_to_string(list).unwrap_or_else(|e| fail(&format!("cannot read {list}: {e}")));
    let mut folders = Vec::new();
    let mut files: Vec<(PathBuf, usize)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let bad = || -> ! { fail(&format!("{list}:{}: expected `d PATH` or `f SIZE PATH`, found `{line}`", i + 1)) };
        match line.split_once(' ') {
            Some(("d", path)) => folders.push(dest.join(path)),
            Some(("f", rest)) => {
                let (size, path) = rest.split_once(' ').unwrap_or_else(|| bad());
                files.push((dest.join(path), size.parse::<usize>().unwrap_or_else(|_| bad())));
            }
            _ if line.is_empty() => {}
            _ => {
                bad();
            }
        }
    }
    if let Err(e) = fs::create_dir(dest) {
        fail(&format!("cannot make {}: {e}", dest.display()));
    }
    for folder in &folders {
        if let Err(e) = fs::create_dir_all(folder) {
            fail(&format!("cannot make {}: {e}", folder.display()));
        }
    }
    let largest = files.iter().map(|(_, size)| *size).max().unwrap_or(0);
    let bytes = vec![b'x'; largest];
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|s| {
        for t in 0..threads {
            let (files, bytes) = (&files, &bytes);
            s.spawn(move || {
                for (path, size) in files.iter().skip(t).step_by(threads) {
                    let written = fs::File::create(path).and_then(|mut f| f.write_all(&bytes[..*size]));
                    if let Err(e) = written {
                        fail(&format!("cannot write {}: {e}", path.display()));
                    }
                }
            });
        }
    });
}

fn fail(message: &str) -> ! {
    eprintln!("write_tree: {message}");
    exit(2);
}
