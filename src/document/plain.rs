//! Plain-text bodies: one line is one paragraph.
//!
//! Scraped articles have no markup, so structure is inferred from the shape
//! of lines: `- ` lines are list items, and a short line without final
//! punctuation standing between paragraphs is a subheading.

use super::{BlockKind, Builder, Container, Document, Emphasis, Sink};

/// Longest line (in characters) that can be a subheading.
const MAX_HEADING_CHARS: usize = 70;
/// Most words a subheading can have.
const MAX_HEADING_WORDS: usize = 10;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Item,
    Short,
    Text,
}

/// Strips a list marker (`- `, `* `, `• `, `– `) from a line.
pub fn list_item(line: &str) -> Option<&str> {
    ["- ", "* ", "• ", "– "]
        .iter()
        .find_map(|m| line.strip_prefix(m))
        .map(str::trim_start)
}

/// True for a line that reads like a heading or title: short, and not ending
/// like a sentence.
pub fn is_heading_like(line: &str, max_chars: usize, max_words: usize) -> bool {
    let line = line.trim();
    // Counted only as far as the limits: a paragraph can be long.
    if line.is_empty() || line.chars().nth(max_chars).is_some() || line.split_whitespace().nth(max_words).is_some() {
        return false;
    }
    let core = line.trim_end_matches(['"', '\'', '“', '”', '»', '«', ')', '’']);
    !core.ends_with(['.', ',', ';', ':', '!', '?', '…'])
}

fn shape(line: &str) -> Shape {
    if list_item(line).is_some() {
        Shape::Item
    } else if is_heading_like(line, MAX_HEADING_CHARS, MAX_HEADING_WORDS) {
        Shape::Short
    } else {
        Shape::Text
    }
}

/// Parses a plain-text body (without its title line).
pub fn parse_plain(body: &str) -> Document {
    let mut builder = Builder::default();
    read(body, &mut builder);
    builder.finish()
}

/// Reads a plain-text body (without its title line) into `b`.
pub(super) fn read(body: &str, b: &mut impl Sink) {
    let lines: Vec<&str> = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let shapes: Vec<Shape> = lines.iter().map(|l| shape(l)).collect();
    for (i, line) in lines.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| shapes[p]);
        let next = shapes.get(i + 1).copied();
        match shapes[i] {
            Shape::Item => {
                let text = list_item(line).unwrap_or(line);
                b.text(text, Emphasis::default(), false);
                b.push_container(Container::Item {
                    marker: "• ".to_string(),
                    first: true,
                });
                b.end_block(BlockKind::Paragraph, prev != Some(Shape::Item));
                b.pop_container();
            }
            // A subheading stands alone between paragraphs: a run of short
            // lines (a poem, a byline) stays text, and so does the last line.
            Shape::Short if prev != Some(Shape::Short) && next.is_some_and(|n| n != Shape::Short) => {
                b.text(line, Emphasis::default(), false);
                b.end_block(BlockKind::Heading(3), true);
            }
            _ => {
                b.text(line, Emphasis::default(), false);
                b.end_block(BlockKind::Paragraph, true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_paragraphs_headings_and_items() {
        let doc = parse_plain("First paragraph is long enough to be text.\nWas ist\nBody text here.\n- one\n- two https://x.org\nLast line");
        let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind.clone()).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Heading(3),
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
        assert!(!doc.blocks[4].gap_before);
        assert_eq!(doc.links[0].url, "https://x.org");
    }

    #[test]
    fn runs_of_short_lines_stay_text() {
        let doc = parse_plain("Intro sentence here.\nDein Pulli\nIs' mir egal\nMore text follows.");
        assert!(doc.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    }
}
