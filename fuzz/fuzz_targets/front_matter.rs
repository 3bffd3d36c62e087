//! Front matter + markdown: arbitrary bytes through the path a content file
//! takes. See `shared/front_matter.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../shared/front_matter.rs"]
mod input;

fuzz_target!(|data: &[u8]| {
    input::run(data);
});
