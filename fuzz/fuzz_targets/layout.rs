//! Markdown and plain text laid out at every width from the first byte: no
//! line wider than the width, no control character; and the facts gathered
//! without a document are the whole document's.
#![no_main]

use kiosk::document::{markdown_facts, parse_markdown, parse_plain, plain_facts, Facts};
use kiosk::layout::layout;
use kiosk::sanitize::{is_forbidden, sanitize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&w, rest)) = data.split_first() else { return };
    let width = usize::from(w % 200) + 1;
    let text = String::from_utf8_lossy(rest);
    let text = sanitize(&text);
    let (markdown, plain) = (parse_markdown(&text), parse_plain(&text));
    let sample = usize::from(w) * 8;
    assert_eq!(markdown_facts(&text, sample), Facts::of(&markdown, sample));
    assert_eq!(plain_facts(&text, sample), Facts::of(&plain, sample));
    for doc in [markdown, plain] {
        for line in layout(&doc, width).lines {
            assert!(line.width() <= width);
            assert!(!line.text().chars().any(is_forbidden));
        }
    }
});
