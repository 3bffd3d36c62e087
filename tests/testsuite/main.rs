//! forewarn's tests: one test binary with a module per feature, over the
//! small sites in `tests/fixtures/`. `support` builds a site in a temporary
//! folder, runs the binary on it with a fixed "now" and reads back what it
//! wrote; `golden` compares whole outputs with the reviewed files in
//! `tests/golden/`.
//!
//! Run one feature with `cargo test --test testsuite checklist::`, one test
//! by any part of its path (`cargo test --test testsuite lead_time`).
//!
//! | module | what it covers |
//! |---|---|
//! | `build` | `forewarn build`: pages, lists, themes, aliases, JSON, output folder, errors, `init` |
//! | `checklist` | the no-surprises checklist: every rule, levels, config, lead times, `check`'s output, `explain`, `new`, `brief` |
//! | `feeds` | RSS, Atom, JSON Feed, calendars and the newsletter read back with independent parsers |
//! | `bad_input` | whatever a site holds: a clear message, no panic, the published site kept |
//! | `defects` | regressions of defects found by adversarial testing: dates at the end of time, concurrent builds, FIFOs, symlinked outputs, control characters |
//! | `languages` | a site in several languages: a whole site per language under `<code>/`, `lang` and `dir`, hreflang alternates and the switcher, untranslated notices, CLDR dates and labels in pages, feeds, calendars and the newsletter, `i18n/<code>.toml`, `--lang` |
//! | `hostile` | markup, quotes, control characters and huge strings in every field stay text |
//! | `properties` | property tests of slugs, dates, front matter, markdown and escaping |
//! | `reader` | display names, the search index and page, one format for moments and windows |
//! | `golden` | a notice page, the feeds, the calendar and the newsletter against reviewed golden files |
//! | `fuzz_replay` | the fuzz seeds and the replay corpus through the fuzz targets' code |
//! | `serve` | `forewarn serve`: pages, live reload, the error overlay |
//! | `serve_limits` | the preview server under abuse: request limits, foreign hosts, exhausted descriptors |
//! | `smoke` | the harness itself |

#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub, missing_docs)]

mod support;

mod bad_input;
mod banner;
mod build;
mod calendar;
mod checklist;
mod defects;
mod feeds;
mod fuzz_replay;
mod golden;
mod hostile;
mod languages;
mod newsletter;
mod properties;
mod reader;
mod serve;
mod serve_limits;
mod smoke;
