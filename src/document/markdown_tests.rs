//! Tests of the Markdown reader.

use super::*;
use crate::document::CalloutKind;

#[test]
fn links_are_numbered_in_reading_order_and_deduplicated() {
    let doc = parse_markdown("[a](http://a \"A\") [b](http://b) [again](http://a) https://c.org.");
    let urls: Vec<_> = doc.links.iter().map(|l| (l.n, l.url.as_str())).collect();
    assert_eq!(urls, [(1, "http://a"), (2, "http://b"), (3, "https://c.org")]);
    assert_eq!(doc.links[0].title.as_deref(), Some("A"));
    assert_eq!(doc.links[0].text, "a");
    let markers: Vec<_> = doc.blocks[0]
        .inlines
        .iter()
        .filter_map(|i| match i {
            Inline::LinkMarker(n) => Some(*n),
            _ => None,
        })
        .collect();
    assert_eq!(markers, [1, 2, 1, 3]);
}

#[test]
fn tight_and_loose_lists() {
    let tight = parse_markdown("- a\n- b\n");
    assert_eq!(tight.blocks.len(), 2);
    assert!(tight.blocks[0].gap_before);
    assert!(!tight.blocks[1].gap_before);
    let loose = parse_markdown("- a\n\n- b\n");
    assert!(loose.blocks[1].gap_before);
}

#[test]
fn nested_containers_are_flat() {
    let doc = parse_markdown("> - one\n>   two\n");
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(doc.blocks[0].containers.len(), 2);
    assert_eq!(doc.blocks[0].containers[0], Container::Quote);
}

#[test]
fn deep_nesting_is_bounded() {
    let body = ">".repeat(50_000) + " deep";
    let doc = parse_markdown(&body);
    let block = doc.blocks.last().unwrap();
    assert!(block.containers.len() <= super::super::MAX_CONTAINERS);
    assert!(block.plain_text().contains("deep"));
}

#[test]
fn tables_footnotes_strikethrough() {
    let doc = parse_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |\n\nx~~y~~[^n]\n\n[^n]: note\n\nafter\n");
    assert_eq!(doc.blocks[0].kind, BlockKind::Table(vec![Align::Left, Align::Right]));
    assert_eq!(doc.blocks[0].plain_text(), "a b 1 2 ");
    assert!(doc.blocks[1].inlines.contains(&Inline::FootnoteRef(1)));
    // The note follows the body.
    assert_eq!(doc.notes_start, Some(3));
    assert_eq!(doc.blocks[2].plain_text(), "after");
    assert!(matches!(&doc.blocks[3].containers[0], Container::Item { marker, .. } if marker == "¹ "));
}

#[test]
fn entities_are_cleaned_where_they_leave_the_parser() {
    let doc = parse_markdown(
        "# T&#x1b;]0;pwned&#x7;itle\n\n`c&#x9b;2J` [l&#x202e;x](https://exa&#x200b;mple.org/ \"t&#27;\") ![a&#x85;](i&#x1b;.png)\n\n```\nx&#x1b;[31m\n```\n\nnote[^&#x1b;]\n\n[^&#x1b;]: n&#155;\n",
    );
    let forbidden = |s: &str| s.chars().any(|c| c != '\n' && crate::sanitize::is_forbidden(c));
    for block in &doc.blocks {
        for inline in &block.inlines {
            if let Inline::Text(t, _) = inline {
                assert!(!forbidden(t), "{t:?}");
            }
        }
    }
    for link in &doc.links {
        assert!(crate::sanitize::url_is_clean(&link.url), "{:?}", link.url);
        assert!(!forbidden(&link.text) && !link.title.as_deref().is_some_and(forbidden));
    }
    assert_eq!(doc.links[0].url, "https://exa%E2%80%8Bmple.org/");
}

#[test]
fn task_lists_definitions_alerts_and_heading_ids() {
    let doc = parse_markdown(
        "- [x] done\n- [ ] open\n\nTerm\n: Its meaning\n\n> [!WARNING]\n> Careful.\n\n## Install {#setup .big}\n",
    );
    assert_eq!(doc.blocks[0].plain_text(), "☑ done");
    assert_eq!(doc.blocks[1].plain_text(), "☐ open");
    assert_eq!(doc.blocks[2].plain_text(), "Term");
    assert_eq!(doc.blocks[3].plain_text(), "Its meaning");
    assert!(matches!(
        doc.blocks[4].containers[0],
        Container::Callout {
            kind: CalloutKind::Warning,
            ..
        }
    ));
    assert_eq!(doc.blocks[5].plain_text(), "Install");
    assert_eq!(doc.anchors, [("setup".to_string(), 5)]);
}

#[test]
fn images_are_lines_with_their_file_and_a_number() {
    let doc = parse_markdown("![A cat](img/cat.png?w=2 \"Title\")\n");
    assert_eq!(doc.blocks[0].plain_text(), "🖼 A cat (cat.png)");
    assert_eq!(doc.links[0].url, "img/cat.png?w=2");
    assert_eq!(doc.links[0].text, "A cat");
}

#[test]
fn huge_tables_are_cut_with_a_note() {
    let mut text = String::from("| a | b |\n|---|---|\n");
    for i in 0..(MAX_TABLE_CELLS / 2 + 10) {
        text.push_str(&format!("| {i} | x |\n"));
    }
    let doc = parse_markdown(&text);
    let cells = doc.blocks[0]
        .inlines
        .iter()
        .filter(|i| matches!(i, Inline::CellSeparator))
        .count();
    assert!(cells <= MAX_TABLE_CELLS / 2);
    assert_eq!(doc.blocks[1].plain_text(), "⋯ table truncated: 11 more rows not shown");
}

#[test]
fn a_huge_html_block_is_shown_as_source() {
    let html = format!("<div>\n{}</div>\n", "<p>x</p>".repeat(40_000));
    let doc = parse_markdown(&html);
    assert_eq!(doc.blocks[0].kind, BlockKind::Code(None));
    assert!(doc.blocks[1].plain_text().starts_with("⋯ an HTML block of 312 KiB"));
    let small = parse_markdown("<div>\n<p>One <em>two</em></p>\n</div>\n");
    assert_eq!(small.blocks[0].plain_text(), "One two");
}
