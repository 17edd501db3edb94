//! The sanitiser lets no control, bidi or invisible format character through.
#![no_main]

use kiosk::sanitize::{is_forbidden, sanitize, sanitize_line};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let out = sanitize(&text);
    assert!(!out.chars().any(|c| c != '\n' && is_forbidden(c)));
    assert!(!sanitize_line(&text).chars().any(is_forbidden));
});
