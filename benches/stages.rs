//! Benchmarks of forewarn's hot stages, with divan (`cargo bench`).
//!
//! ```sh
//! cargo bench --bench stages                 # everything
//! cargo bench --bench stages -- markdown     # only names containing "markdown"
//! ```
//!
//! * `notice::*` work on one typical generated notice (`benches/data/notice.md`,
//!   660 words, from `gen_corpus.py --flavor native --count 1000`).
//! * `site_1000::*` work on a generated 1,000-notice site (1,250 pages with the
//!   improvement entries). It is generated once per run into a temp folder
//!   with `../shared/bench/gen_corpus.py` (set `FOREWARN_GEN_CORPUS` to use
//!   another copy of the generator); those benchmarks are skipped with a
//!   message when the generator is missing.
//!
//! Whole-process figures (hyperfine, peak memory, 10,000 and 100,000
//! notices) come from `scripts/bench.sh`; see `docs/benchmarks.md`.

#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use divan::{Bencher, black_box};
use forewarn::build::{self, Now, Options};
use forewarn::config::Config;
use forewarn::content::{self, Found, Kind, front_matter, markdown};

fn main() {
    divan::main();
}

/// A typical notice: TOML front matter with a `[data]` table and a 660-word
/// body with headings, lists, a table, a code block and links.
const NOTICE: &str = include_str!("data/notice.md");

/// The moment every site benchmark renders for, so runs are comparable.
const AS_OF: &str = "2026-11-23T00:00:00Z";

mod notice {
    use super::*;

    /// Split at the `+++` fences and parse the TOML into the raw tree.
    #[divan::bench]
    fn front_matter_split_parse() -> forewarn::schema::Format {
        let split = front_matter::split(black_box(NOTICE)).expect("the notice has front matter");
        let raw = front_matter::parse(&split).expect("the front matter parses");
        black_box(raw);
        split.format
    }

    /// The body (everything after the front matter) to HTML.
    #[divan::bench]
    fn markdown_render(bencher: Bencher) {
        let body = front_matter::split(NOTICE).expect("the notice has front matter").body;
        bencher.counter(divan::counter::BytesCount::of_str(body)).bench(|| markdown::render(black_box(body)));
    }

    /// The whole read of one file's text into a typed notice: split, parse,
    /// schema, and markdown of the body and of the markdown fields.
    #[divan::bench]
    fn parse_document(bencher: Bencher) {
        let config = Config::default();
        let found = Found {
            kind: Kind::Notice,
            path: PathBuf::from("content/notices/notice.md"),
            rel: PathBuf::from("content/notices/notice.md"),
            file_slug: "notice".into(),
            assets: Vec::new(),
        };
        bencher.bench(|| content::parse_document(&found, black_box(NOTICE), &config).expect("the notice is valid"));
    }
}

/// A generated site, made once per process.
struct Corpus {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

fn generator() -> PathBuf {
    std::env::var_os("FOREWARN_GEN_CORPUS").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join("bench").join("gen_corpus.py")
    })
}

fn generate(count: usize) -> Option<Corpus> {
    let gen_py = generator();
    if !gen_py.is_file() {
        eprintln!("skipped: no corpus generator at {} (set FOREWARN_GEN_CORPUS)", gen_py.display());
        return None;
    }
    let dir = tempfile::Builder::new().prefix("forewarn-bench-").tempdir().expect("a temp folder");
    let root = dir.path().join("site");
    let status = Command::new("python3")
        .arg(&gen_py)
        .args(["--flavor", "native", "--quiet", "--count", &count.to_string(), "--out"])
        .arg(&root)
        .status()
        .expect("python3 runs");
    assert!(status.success(), "gen_corpus.py failed: {status}");
    Some(Corpus { _dir: dir, root })
}

fn site_1000() -> Option<&'static Corpus> {
    static CORPUS: OnceLock<Option<Corpus>> = OnceLock::new();
    CORPUS.get_or_init(|| generate(1000)).as_ref()
}

fn options(root: &Path) -> Options {
    Options { root: root.to_path_buf(), now: Now::AsOf(AS_OF.into()), ..Options::default() }
}

mod site_1000 {
    use super::*;

    /// `forewarn check`: discover, read and parse every file (without
    /// rendering markdown), build the model, run the checklist.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn check(bencher: Bencher) {
        let Some(corpus) = site_1000() else { return };
        let opts = options(&corpus.root);
        bencher.bench(|| {
            let checked = build::check(&opts).expect("the corpus loads");
            assert_eq!(checked.report.denies(), 0);
            checked
        });
    }

    /// What `build` does before rendering: the same as `check`, with every
    /// markdown body and field rendered to HTML.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn load(bencher: Bencher) {
        let Some(corpus) = site_1000() else { return };
        let opts = options(&corpus.root);
        bencher.bench(|| build::load(&opts).expect("the corpus loads"));
    }

    /// `forewarn build` into an output folder that does not exist yet (no
    /// staging folder either): every file is created. Each sample gets a
    /// new temp folder; its deletion is not timed.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn build_into_empty(bencher: Bencher) {
        let Some(corpus) = site_1000() else { return };
        let opts = options(&corpus.root);
        bencher.with_inputs(|| tempfile::tempdir().expect("a temp folder")).bench_values(|out| {
            build::build(&opts, Some(&out.path().join("public"))).expect("the build succeeds");
            out // dropped (deleted) after the sample, untimed
        });
    }

    /// `forewarn build` over the output of the previous build, the usual
    /// case: the staging folder holds the generation before, unchanged
    /// files are compared and kept, then the folders are swapped.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn rebuild_over_existing(bencher: Bencher) {
        let Some(corpus) = site_1000() else { return };
        let opts = options(&corpus.root);
        let out = tempfile::tempdir().expect("a temp folder");
        let public = out.path().join("public");
        // Two builds first, so both the output and the staging folder exist.
        for _ in 0..2 {
            build::build(&opts, Some(&public)).expect("the build succeeds");
        }
        bencher.bench(|| build::build(&opts, Some(&public)).expect("the build succeeds"));
    }
}

mod site_1 {
    use super::*;

    /// The fixed cost of a build: a site of one notice (theme compile,
    /// index, feeds, calendars, newsletter, the notice's page).
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn build_into_empty(bencher: Bencher) {
        static CORPUS: OnceLock<Option<Corpus>> = OnceLock::new();
        let Some(corpus) = CORPUS.get_or_init(|| generate(1)).as_ref() else { return };
        let opts = options(&corpus.root);
        bencher.with_inputs(|| tempfile::tempdir().expect("a temp folder")).bench_values(|out| {
            build::build(&opts, Some(&out.path().join("public"))).expect("the build succeeds");
            out
        });
    }
}
