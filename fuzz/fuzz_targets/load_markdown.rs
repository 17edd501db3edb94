//! Any bytes as a `.md` file: front matter (YAML or TOML) and Markdown body.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::article(std::path::Path::new("f.md"), data);
});
