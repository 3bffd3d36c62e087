//! The whole check (and, when the checklist lets it, the whole build) of a
//! small site generated from the input. See `shared/site.rs` for the input
//! format.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../shared/site.rs"]
mod site;

fuzz_target!(|data: &[u8]| {
    site::run(data);
});
