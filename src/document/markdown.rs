//! Markdown bodies, parsed with pulldown-cmark into the flat document model.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{BlockKind, Builder, Container, Document, Emphasis, Inline, Sink};

/// The extensions kiosk reads. Never `Options::all()`: smart punctuation would
/// change quotes the author wrote, and the rest are not article syntax.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// An open list: its next number (for ordered lists) and nesting.
struct List {
    next: Option<u64>,
    items: usize,
}

/// An open link: where its text starts, and its target.
struct OpenLink {
    from: usize,
    url: String,
    title: String,
    image: bool,
}

/// Parses a Markdown body. Iterative: nesting depth costs heap, not stack.
pub fn parse_markdown(body: &str) -> Document {
    let mut builder = Builder::default();
    read(body, &mut builder);
    builder.finish()
}

/// Reads a Markdown body into `b`, block by block.
pub(super) fn read(body: &str, b: &mut impl Sink) {
    let mut kind: Option<BlockKind> = None;
    let mut gap = true;
    let mut lists: Vec<List> = Vec::new();
    let mut links: Vec<OpenLink> = Vec::new();
    let (mut strong, mut emph, mut strike) = (0usize, 0usize, 0usize);
    let mut table_rows = 0usize;

    // Ends the open block (if any) and adds it. Text outside any block (the
    // items of a tight list) becomes a paragraph.
    macro_rules! flush {
        () => {{
            let k = kind.take();
            if k.is_some() || b.mark() > 0 {
                b.end_block(k.unwrap_or(BlockKind::Paragraph), gap);
                #[allow(unused_assignments)]
                {
                    gap = true;
                }
            }
        }};
    }

    for event in Parser::new_ext(body, options()) {
        let style = Emphasis {
            strong: strong > 0,
            emph: emph > 0,
            strike: strike > 0,
            code: false,
            link: !links.is_empty(),
        };
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    flush!();
                    kind = Some(BlockKind::Paragraph);
                }
                Tag::Heading { level, .. } => {
                    flush!();
                    kind = Some(BlockKind::Heading(heading_level(level)));
                }
                Tag::CodeBlock(_) | Tag::HtmlBlock => {
                    flush!();
                    kind = Some(BlockKind::Code);
                }
                Tag::BlockQuote(_) => {
                    flush!();
                    b.push_container(Container::Quote);
                }
                Tag::List(start) => {
                    flush!();
                    lists.push(List { next: start, items: 0 });
                }
                Tag::Item => {
                    flush!();
                    let depth = lists.len();
                    let list = lists.last_mut();
                    let (marker, later) = match list {
                        Some(list) => {
                            list.items += 1;
                            let marker = match &mut list.next {
                                Some(n) => {
                                    let m = format!("{n}. ");
                                    *n += 1;
                                    m
                                }
                                None => bullet(depth).to_string(),
                            };
                            (marker, list.items > 1)
                        }
                        None => (bullet(1).to_string(), false),
                    };
                    b.push_container(Container::Item { marker, first: true });
                    // Items of a tight list follow each other without a blank line;
                    // a loose list's paragraphs reset this when they start.
                    gap = !later;
                }
                Tag::FootnoteDefinition(label) => {
                    flush!();
                    b.push_container(Container::Item {
                        marker: format!("[^{label}] "),
                        first: true,
                    });
                }
                Tag::Table(_) => {
                    flush!();
                    table_rows = 0;
                }
                Tag::TableHead | Tag::TableRow => {
                    flush!();
                    kind = Some(BlockKind::TableRow {
                        header: matches!(tag, Tag::TableHead),
                    });
                    gap = table_rows == 0;
                    table_rows += 1;
                }
                Tag::TableCell if b.mark() > 0 => b.push(Inline::CellSeparator),
                Tag::Emphasis => emph += 1,
                Tag::Strong => strong += 1,
                Tag::Strikethrough => strike += 1,
                Tag::Link { dest_url, title, .. } => links.push(OpenLink {
                    from: b.mark(),
                    url: dest_url.into_string(),
                    title: title.into_string(),
                    image: false,
                }),
                Tag::Image { dest_url, title, .. } => {
                    b.raw("image: ", Emphasis { link: true, ..style });
                    links.push(OpenLink {
                        from: b.mark(),
                        url: dest_url.into_string(),
                        title: title.into_string(),
                        image: true,
                    });
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                    if tag == TagEnd::Paragraph && b.item_is_fresh() {
                        // A loose list: keep the blank line that separates its items.
                        gap = true;
                    }
                    flush!();
                }
                TagEnd::TableHead | TagEnd::TableRow => flush!(),
                TagEnd::BlockQuote(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                    flush!();
                    b.pop_container();
                }
                TagEnd::List(_) => {
                    flush!();
                    lists.pop();
                }
                TagEnd::Emphasis => emph = emph.saturating_sub(1),
                TagEnd::Strong => strong = strong.saturating_sub(1),
                TagEnd::Strikethrough => strike = strike.saturating_sub(1),
                TagEnd::Link | TagEnd::Image => {
                    if let Some(link) = links.pop() {
                        let mut text = b.text_since(link.from);
                        if text.trim().is_empty() {
                            text = link.url.clone();
                            if !link.image {
                                b.raw(&link.url, Emphasis { link: true, ..style });
                            }
                        }
                        let title = (!link.title.is_empty()).then_some(link.title.as_str());
                        let n = b.links().number(&link.url, &text, title);
                        b.push(Inline::LinkMarker(n));
                    }
                }
                _ => {}
            },
            Event::Text(text) => {
                if kind == Some(BlockKind::Code) {
                    b.raw(
                        &text,
                        Emphasis {
                            code: true,
                            ..Emphasis::default()
                        },
                    );
                } else {
                    b.text(&text, style, !links.is_empty());
                }
            }
            Event::Code(text) => b.raw(&text, Emphasis { code: true, ..style }),
            Event::Html(text) => b.raw(
                &text,
                Emphasis {
                    code: true,
                    ..Emphasis::default()
                },
            ),
            Event::InlineHtml(text) => {
                let tag = text.trim().to_ascii_lowercase();
                if tag.starts_with("<br") {
                    b.push(Inline::Break);
                }
            }
            Event::SoftBreak => b.raw(" ", style),
            Event::HardBreak => b.push(Inline::Break),
            Event::Rule => {
                flush!();
                b.end_block(BlockKind::Rule, true);
            }
            Event::FootnoteReference(label) => b.push(Inline::FootnoteRef(label.into_string())),
            Event::TaskListMarker(done) => b.raw(if done { "[x] " } else { "[ ] " }, style),
            Event::InlineMath(text) | Event::DisplayMath(text) => b.raw(&text, Emphasis { code: true, ..style }),
        }
    }
    flush!();
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn bullet(depth: usize) -> &'static str {
    match depth % 3 {
        1 => "• ",
        2 => "◦ ",
        _ => "▪ ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let doc = parse_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\nx~~y~~[^1]\n\n[^1]: note\n");
        assert_eq!(doc.blocks[0].kind, BlockKind::TableRow { header: true });
        assert_eq!(doc.blocks[1].kind, BlockKind::TableRow { header: false });
        assert!(!doc.blocks[1].gap_before);
        assert!(doc.blocks[2].inlines.contains(&Inline::FootnoteRef("1".into())));
        assert!(matches!(&doc.blocks[3].containers[0], Container::Item { marker, .. } if marker == "[^1] "));
    }
}
