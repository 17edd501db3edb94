//! Markdown and plain text laid out at every width from the first byte: no
//! line wider than the width, no control character.
#![no_main]

use kiosk::document::{parse_markdown, parse_plain};
use kiosk::layout::layout;
use kiosk::sanitize::{is_forbidden, sanitize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&w, rest)) = data.split_first() else { return };
    let width = usize::from(w % 200) + 1;
    let text = String::from_utf8_lossy(rest);
    let text = sanitize(&text);
    for doc in [parse_markdown(&text), parse_plain(&text)] {
        for line in layout(&doc, width).lines {
            assert!(line.width() <= width);
            assert!(!line.text().chars().any(is_forbidden));
        }
    }
});
