//! Layout properties: no line wider than the width, no word lost.

use kiosk::document::{parse_markdown, parse_plain};
use kiosk::layout::{layout, width};
use proptest::prelude::*;

fn words_of(text: &str) -> String {
    text.split_whitespace().filter(|w| *w != "•").collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Plain paragraphs: every line fits and the non-space characters survive
    /// in order.
    #[test]
    fn plain_text_fits_and_keeps_every_word(
        text in "[a-zA-Zäöü0-9 .,\\-]{0,300}( [a-z]{30,60})?[ a-z.]{0,40}",
        w in 1usize..200,
    ) {
        let doc = parse_plain(&text);
        let out = layout(&doc, w);
        for line in &out.lines {
            prop_assert!(line.width() <= w, "{:?} wider than {}", line.text(), w);
        }
        let laid: String = out.text_lines().join(" ");
        prop_assert_eq!(words_of(&laid), words_of(&doc.plain_text()));
    }

    /// Wide characters count two columns.
    #[test]
    fn wide_text_fits(text in "[世界漢字😀ab ]{0,200}", w in 2usize..120) {
        let out = layout(&parse_plain(&text), w);
        for line in &out.lines {
            prop_assert!(width(&line.text()) <= w);
        }
        prop_assert_eq!(words_of(&out.text_lines().join(" ")), words_of(&parse_plain(&text).plain_text()));
    }

    /// Any Markdown, however nested, lays out within the width: with
    /// character references, raw HTML, tables, footnotes, callouts and site
    /// syntax in the alphabet.
    #[test]
    fn markdown_fits(text in "([>\\-*#|`~\\[\\]()!0-9. a-z\n:{}%<>/^]|https://x\\.y/z|&#|&#x|&#x1b;|&#x202e;|&amp;|&nbsp;|\\| a \\| b \\|\n\\|:-\\|-:\\||\\[\\^1\\]|> \\[!NOTE\\]|<div>|<br>|<a href=x>|</a>|\\{\\{< x >\\}\\}|\\{% raw %\\}|\\{#i\\}|- \\[x\\] |```rust\n|世界|e\u{301}){0,300}", w in 1usize..120) {
        let out = layout(&parse_markdown(&text), w);
        for line in &out.lines {
            prop_assert!(line.width() <= w, "{:?} wider than {}", line.text(), w);
        }
    }
}

#[test]
fn deep_nesting_lays_out_without_recursion() {
    for body in [
        ">".repeat(40_000) + " deep",
        "- ".repeat(20_000) + "deep",
        "[".repeat(40_000) + "deep",
    ] {
        let doc = parse_markdown(&body);
        let out = layout(&doc, 40);
        assert!(out.lines.iter().all(|l| l.width() <= 40));
        assert!(out.text_lines().join("").contains("deep"));
    }
}

#[test]
fn lists_quotes_and_code_are_indented() {
    let doc = parse_markdown(
        "> quoted text that wraps around\n\n- item that wraps around the width\n\n```\ncode line\n```\n",
    );
    let lines = layout(&doc, 20).text_lines();
    assert_eq!(
        lines,
        [
            "│ quoted text that",
            "│ wraps around",
            "",
            "• item that wraps",
            "  around the width",
            "",
            "code line",
        ]
    );
}

proptest! {
    #[test]
    fn counting_words_byte_wise_is_split_whitespace(chars in proptest::collection::vec(
        prop_oneof![
            any::<char>(),
            Just(' '), Just('\n'), Just('\u{85}'), Just('\u{a0}'), Just('\u{1680}'), Just('\u{2000}'),
            Just('\u{200a}'), Just('\u{2028}'), Just('\u{202f}'), Just('\u{205f}'), Just('\u{3000}'),
            Just('\u{c2a0}'), Just('ä'), Just('€'), Just('大'),
            // Near misses: the same lead bytes, or next to the ASCII range.
            Just('\u{200b}'), Just('\u{2030}'), Just('\u{3001}'), Just('\u{1681}'), Just('\u{a1}'),
            Just('\u{8}'), Just('\u{e}'), Just('\t'), Just('a'), Just('a'), Just('a'),
        ],
        0..300,
    )) {
        let text: String = chars.into_iter().collect();
        prop_assert_eq!(kiosk::document::count_words(&text), text.split_whitespace().count());
    }
}

/// Words are counted 64 bytes at a time: a white-space character split by a
/// chunk boundary still separates words, wherever the boundary falls.
#[test]
fn white_space_across_chunk_boundaries() {
    for space in ['\u{3000}', '\u{a0}', '\u{2029}', ' '] {
        for at in 56..72 {
            let text = format!("{}{space}{}", "a".repeat(at), "b".repeat(70));
            assert_eq!(kiosk::document::count_words(&text), 2, "{space:?} at {at}");
            let text = format!("{}{space}", "a".repeat(at));
            assert_eq!(kiosk::document::count_words(&text), 1, "{space:?} at {at}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Whatever references and markup a body holds, no string that leaves
    /// the Markdown parser carries a control, C1, bidi or zero-width
    /// character, and no URL holds one unencoded.
    #[test]
    fn no_forbidden_character_leaves_the_parser(
        text in "([a-z \n\\[\\]()!<>#`|*^:-]|&#|&#x|1b;|9b;|202e;|200b;|85;|7;|27;|155;|&#x1b;|&#x9b;|&#x202e;|&#x200b;|&#155;|&#x85;|&amp;|&lrm;|&rlm;|&zwj;|&shy;|\\[l\\]\\(h|\\[\\^|\\]: |<a href=\"|<img alt=\"|\\| |```\n){0,120}",
    ) {
        use kiosk::sanitize::{is_forbidden, url_is_clean};
        let doc = parse_markdown(&text);
        for block in &doc.blocks {
            for inline in &block.inlines {
                if let kiosk::document::Inline::Text(t, _) = inline {
                    prop_assert!(!t.chars().any(|c| c != '\n' && is_forbidden(c)), "{:?}", t);
                }
            }
        }
        for link in &doc.links {
            prop_assert!(url_is_clean(&link.url), "{:?}", link.url);
            prop_assert!(!link.text.chars().any(is_forbidden));
            prop_assert!(!link.title.as_deref().unwrap_or("").chars().any(is_forbidden));
        }
        for (id, _) in &doc.anchors {
            prop_assert!(!id.chars().any(is_forbidden));
        }
        let out = layout(&doc, 40);
        for line in &out.lines {
            prop_assert!(!line.text().chars().any(is_forbidden));
        }
    }
}
