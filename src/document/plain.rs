//! Plain-text bodies: one line is one paragraph.
//!
//! Scraped articles have no markup, so structure is inferred from the shape
//! of lines: `- ` lines are list items, a short line without final
//! punctuation standing between paragraphs is a subheading, and such a line
//! right after a quotation is the quotation's attribution.

use super::{BlockKind, Builder, Container, Document, Emphasis, Sink};

/// Longest line (in characters) that can be a subheading.
const MAX_HEADING_CHARS: usize = 70;
/// Most words a subheading can have.
const MAX_HEADING_WORDS: usize = 10;
/// Longest paragraph (in bytes) looked for quoted elsewhere in the article
/// (a pull quote), and how many are looked for: each look reads every line.
const MAX_PULL_QUOTE_BYTES: usize = 400;
const MAX_PULL_QUOTE_LOOKS: usize = 16;
/// Opening and closing quotation marks of the languages scraped articles
/// come in.
const OPENING_MARKS: [char; 8] = ['"', '„', '“', '”', '«', '»', '‚', '‘'];
const CLOSING_MARKS: [char; 7] = ['"', '“', '”', '«', '»', '‘', '’'];

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

/// The attribution of a quotation: a line that reads like a heading, bare
/// or after a dash (`— Name`), without the dash.
fn attribution(line: &str) -> Option<&str> {
    let name = ["— ", "– "]
        .iter()
        .find_map(|d| line.strip_prefix(d))
        .unwrap_or(line)
        .trim();
    is_heading_like(name, MAX_HEADING_CHARS, MAX_HEADING_WORDS).then_some(name)
}

/// True for a paragraph that is a quotation: in quotation marks, or a pull
/// quote (a sentence the article also quotes in another line). `looks`
/// counts the searches for pull quotes, which are bounded.
fn is_quotation(line: &str, lines: &[&str], looks: &mut usize) -> bool {
    let core = line.trim_end_matches(['.', ',', '!', '?', '…']);
    if line.starts_with(OPENING_MARKS) && core.ends_with(CLOSING_MARKS) {
        return true;
    }
    let sentence = line.trim_end_matches(['.', '!', '?', '…']);
    if sentence.len() < 20 || sentence.len() > MAX_PULL_QUOTE_BYTES || *looks >= MAX_PULL_QUOTE_LOOKS {
        return false;
    }
    *looks += 1;
    lines.iter().any(|other| {
        *other != line
            && other
                .match_indices(sentence)
                .any(|(at, _)| other[..at].ends_with(OPENING_MARKS))
    })
}

/// What each line is: its shape, and whether it is a quotation (`Some(false)`)
/// or the attribution after one (`Some(true)`).
fn roles(lines: &[&str]) -> (Vec<Shape>, Vec<Option<bool>>) {
    let shapes: Vec<Shape> = lines.iter().map(|l| shape(l)).collect();
    let mut quoted = vec![None; lines.len()];
    let mut looks = 0;
    for i in 1..lines.len() {
        let Some(name) = attribution(lines[i]) else { continue };
        let after_text = shapes[i - 1] != Shape::Item && quoted[i - 1].is_none();
        // A bare short line in a run of them (a poem, a list of names) is no
        // attribution; one after a dash is, whatever follows.
        let dashed = name.len() < lines[i].len();
        let alone = dashed || !matches!(shapes.get(i + 1), Some(Shape::Short | Shape::Item));
        if after_text && alone && is_quotation(lines[i - 1], lines, &mut looks) {
            quoted[i - 1] = Some(false);
            quoted[i] = Some(true);
        }
    }
    (shapes, quoted)
}

/// Reads a plain-text body (without its title line) into `b`.
pub(super) fn read(body: &str, b: &mut impl Sink) {
    let lines: Vec<&str> = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let (shapes, quoted) = roles(&lines);
    for (i, line) in lines.iter().enumerate() {
        // A quotation and its attribution are text to what follows them.
        let prev = i
            .checked_sub(1)
            .map(|p| if quoted[p].is_some() { Shape::Text } else { shapes[p] });
        let next = shapes.get(i + 1).copied();
        if let Some(attributed) = quoted[i] {
            // A quotation and its attribution are one quote block, the
            // attribution set off by a dash drawn as a list marker would be.
            b.push_container(Container::Quote);
            let text = if attributed {
                attribution(line).unwrap_or(line)
            } else {
                line
            };
            let style = Emphasis {
                emph: attributed,
                ..Emphasis::default()
            };
            b.text(text, style, false);
            if attributed {
                b.push_container(Container::Item {
                    marker: "— ".to_string(),
                    first: true,
                });
            }
            b.end_block(BlockKind::Paragraph, !attributed);
            if attributed {
                b.pop_container();
            }
            b.pop_container();
            continue;
        }
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
