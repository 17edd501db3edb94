//! Any bytes as a `.txt` file: plain text (or front matter).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::article(std::path::Path::new("f.txt"), data);
});
