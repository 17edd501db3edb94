//! Blocks to lines: each block wrapped under its quote bars and list
//! markers, with the blank lines between blocks; a long document in two
//! halves on two threads.

use std::borrow::Cow;

use super::code::code_lines;
use super::table::table_lines;
use super::wrap::{self, wrap};
use super::{inline_style, slug, HeadingLine, Layout, Line, Role, Span, Style};
use crate::document::{superscript, superscript_value, Block, BlockKind, Container, Document, Inline};

/// Documents with more blocks than this are laid out in two halves, on two
/// threads: a block's lines depend only on it, its neighbours and the width.
const PARALLEL_BLOCKS: usize = 1024;

pub(super) fn body(doc: &Document, out: &mut Layout) {
    body_split(doc, out, PARALLEL_BLOCKS);
}

/// [`body`], in two halves when the document has `parallel_from` blocks or more.
fn body_split(doc: &Document, out: &mut Layout, parallel_from: usize) {
    let n = doc.blocks.len();
    if n < parallel_from.max(2) {
        body_part(doc, 0..n, out);
        return;
    }
    // Halves of about the same amount of text.
    let size = |b: &Block| -> usize {
        b.inlines
            .iter()
            .map(|i| match i {
                Inline::Text(t, _) => t.len(),
                _ => 4,
            })
            .sum::<usize>()
            + 16
    };
    let total: usize = doc.blocks.iter().map(size).sum();
    let mut seen = 0;
    let half = doc
        .blocks
        .iter()
        .position(|b| {
            seen += size(b);
            seen >= total / 2
        })
        .map_or(n / 2, |i| (i + 1).clamp(1, n - 1));
    let mut later = Layout {
        width: out.width,
        ..Layout::default()
    };
    // A thread of its own, not a pool that may be busy reading the folder.
    std::thread::scope(|s| {
        let other = s.spawn(|| body_part(doc, half..n, &mut later));
        body_part(doc, 0..half, out);
        if let Err(panic) = other.join() {
            std::panic::resume_unwind(panic);
        }
    });
    let offset = out.lines.len();
    out.lines.append(&mut later.lines);
    out.block_starts.extend(later.block_starts.iter().map(|&l| l + offset));
    out.headings.extend(later.headings.into_iter().map(|h| HeadingLine {
        line: h.line + offset,
        ..h
    }));
    out.anchors
        .extend(later.anchors.into_iter().map(|(id, l)| (id, l + offset)));
    out.note_lines
        .extend(later.note_lines.into_iter().map(|(n, l)| (n, l + offset)));
}

/// The lines of the blocks in `part`, after what `out` holds.
fn body_part(doc: &Document, part: std::ops::Range<usize>, out: &mut Layout) {
    let mut prev: Option<&Block> = part.start.checked_sub(1).map(|p| &doc.blocks[p]);
    for i in part {
        let block = &doc.blocks[i];
        if Some(i) == doc.notes_start {
            notes_heading(doc, i, out);
            prev = None;
        }
        if block.gap_before || matches!(block.kind, BlockKind::Heading(_)) {
            if let Some(p) = prev {
                gap_line(p, block, out);
            }
        }
        let start = out.lines.len();
        out.block_starts.push(start);
        block_lines(block, out);
        if let BlockKind::Heading(_) = block.kind {
            let id = match doc.anchors.binary_search_by_key(&i, |(_, b)| *b) {
                Ok(k) => doc.anchors[k].0.clone(),
                Err(_) => slug(&block.plain_text()),
            };
            out.anchors.push((id, start));
        }
        if doc.notes_start.is_some_and(|n| i >= n) {
            if let Some(Container::Item { marker, first: true }) = block.containers.first() {
                if let Some(n) = superscript_value(marker) {
                    out.note_lines.push((n, start));
                }
            }
        }
        // Headings are set apart: a blank line follows them.
        if matches!(block.kind, BlockKind::Heading(_)) && doc.blocks.get(i + 1).is_some_and(|n| !n.gap_before) {
            out.lines.push(Line::default());
        }
        prev = Some(block);
    }
}

/// The `Notes` heading over the footnotes, at the level of the body's top
/// headings (as the `Links` section is).
fn notes_heading(doc: &Document, i: usize, out: &mut Layout) {
    let level = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading(l) => Some(l),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    if i > 0 {
        out.lines.push(Line::default());
    }
    section_heading("Notes", level, out);
    out.lines.push(Line::default());
}

/// A heading kiosk adds to the article (`Notes`, `Links`), wrapped as any
/// text is, so that it fits a pane of any width.
pub(super) fn section_heading(title: &str, level: u8, out: &mut Layout) {
    out.headings.push(HeadingLine {
        line: out.lines.len(),
        level,
        text: title.to_string(),
    });
    let style = Style {
        strong: true,
        ..Style::role(Role::Heading(level))
    };
    let atoms = [Span {
        text: title.to_string(),
        style,
    }];
    wrap(&atoms, &[], &[], out.width, style, &mut out.lines);
}

/// The blank line between two blocks keeps the quote bars they share.
fn gap_line(prev: &Block, next: &Block, out: &mut Layout) {
    let shared = prev
        .containers
        .iter()
        .zip(&next.containers)
        .take_while(|(a, b)| {
            matches!(
                (a, b),
                (Container::Quote, Container::Quote)
                    | (Container::Item { .. }, Container::Item { .. })
                    | (Container::Callout { .. }, Container::Callout { .. })
            )
        })
        .count();
    let (_, rest) = prefixes(&next.containers[..shared], out.width);
    let mut line = Line { spans: rest };
    // Trailing spaces are dropped, bars kept.
    while line.spans.last().is_some_and(|s| s.text.trim().is_empty()) {
        line.spans.pop();
    }
    if let Some(last) = line.spans.last_mut() {
        last.text.truncate(last.text.trim_end().len());
    }
    out.lines.push(line);
}

/// The prefix part of each container: on the line where it first shows
/// (a list marker) and on the lines after (the marker's width in spaces).
fn parts(containers: &[Container]) -> Vec<(Span, Span)> {
    containers
        .iter()
        .map(|c| match c {
            Container::Quote => {
                let bar = Span {
                    text: "│ ".into(),
                    style: Style::role(Role::QuoteBar),
                };
                (bar.clone(), bar)
            }
            Container::Callout { kind, .. } => {
                let bar = Span {
                    text: "┃ ".into(),
                    style: Style::role(Role::Callout(*kind)),
                };
                (bar.clone(), bar)
            }
            Container::Item {
                marker,
                first: is_first,
            } => {
                let pad = " ".repeat(wrap::width(marker));
                let first = Span {
                    text: if *is_first { marker.clone() } else { pad.clone() },
                    style: Style::role(Role::ListMarker),
                };
                (
                    first,
                    Span {
                        text: pad,
                        style: Style::role(Role::Text),
                    },
                )
            }
        })
        .collect()
}

/// First-line and continuation prefixes for a block's containers, never
/// wider than half the width (deep nesting is cut, not drawn off-screen).
fn prefixes(containers: &[Container], width: usize) -> (Vec<Span>, Vec<Span>) {
    let (first, rest): (Vec<Span>, Vec<Span>) = parts(containers).into_iter().unzip();
    clamp_prefix(&first, &rest, width)
}

/// The title lines of the callouts that begin with this block, and the
/// prefix of the block's own first line (markers drawn on a title line are
/// not drawn again).
fn callout_titles(containers: &[Container], width: usize, out: &mut Vec<Line>) -> Option<Vec<Span>> {
    let fresh: Vec<usize> = containers
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, Container::Callout { first: true, .. }))
        .map(|(k, _)| k)
        .collect();
    if fresh.is_empty() {
        return None;
    }
    let parts = parts(containers);
    let rest: Vec<Span> = parts.iter().map(|p| p.1.clone()).collect();
    let mut drawn = 0;
    for k in fresh {
        let Container::Callout { kind, title, .. } = &containers[k] else {
            continue;
        };
        let first: Vec<Span> = parts[..=k]
            .iter()
            .enumerate()
            .map(|(j, p)| if j < drawn { p.1.clone() } else { p.0.clone() })
            .collect();
        drawn = k + 1;
        let (first, rest) = clamp_prefix(&first, &rest[..=k], width);
        let text = if title.is_empty() { kind.label() } else { title.as_str() };
        let style = Style {
            strong: true,
            ..Style::role(Role::Callout(*kind))
        };
        let atoms = [Span {
            text: text.to_string(),
            style,
        }];
        wrap(&atoms, &first, &rest, width, style, out);
    }
    let first: Vec<Span> = parts
        .iter()
        .enumerate()
        .map(|(j, p)| if j < drawn { p.1.clone() } else { p.0.clone() })
        .collect();
    Some(clamp_prefix(&first, &rest, width).0)
}

/// Drops inner prefix parts until the prefix leaves room for text.
pub(super) fn clamp_prefix(first: &[Span], rest: &[Span], width: usize) -> (Vec<Span>, Vec<Span>) {
    let max = width.saturating_sub(1) / 2;
    let mut used = 0;
    let mut keep = 0;
    for span in rest {
        let w = wrap::width(&span.text);
        if used + w > max {
            break;
        }
        used += w;
        keep += 1;
    }
    (first[..keep].to_vec(), rest[..keep].to_vec())
}

fn block_lines(block: &Block, out: &mut Layout) {
    let w = out.width;
    let (mut first, rest) = prefixes(&block.containers, w);
    if let Some(own) = callout_titles(&block.containers, w, &mut out.lines) {
        first = own;
    }
    let base = match block.kind {
        BlockKind::Heading(level) => Role::Heading(level),
        BlockKind::Code(_) => Role::Code,
        _ => Role::Text,
    };
    match &block.kind {
        BlockKind::Rule => {
            let used: usize = first.iter().map(|s| wrap::width(&s.text)).sum();
            let mut line = Line { spans: first };
            line.push(&"─".repeat(w.saturating_sub(used).min(72)), Style::role(Role::Rule));
            out.lines.push(line);
        }
        BlockKind::Code(lang) => {
            code_lines(&block.plain_text(), lang.as_deref(), &first, &rest, w, &mut out.lines);
        }
        BlockKind::Table(aligns) => table_lines(block, aligns, &first, &rest, w, &mut out.lines),
        kind => {
            if let BlockKind::Heading(level) = kind {
                out.headings.push(HeadingLine {
                    line: out.lines.len(),
                    level: *level,
                    text: block.plain_text().trim().to_string(),
                });
            }
            // Hard breaks split the block into segments wrapped one by one.
            let mut atoms: Vec<(Cow<str>, Style)> = Vec::with_capacity(block.inlines.len());
            let mut segment_first = true;
            let emit = |atoms: &mut Vec<(Cow<str>, Style)>, out: &mut Layout, segment_first: &mut bool| {
                let p = if *segment_first { &first } else { &rest };
                wrap(atoms, p, &rest, w, Style::role(base), &mut out.lines);
                atoms.clear();
                *segment_first = false;
            };
            for inline in &block.inlines {
                match inline {
                    Inline::Text(text, e) => atoms.push((Cow::Borrowed(text), inline_style(e, base))),
                    Inline::LinkMarker(n) => {
                        atoms.push((Cow::Owned(format!("[{n}]")), Style::role(Role::LinkMarker)));
                    }
                    Inline::FootnoteRef(n) => atoms.push((Cow::Owned(superscript(*n)), Style::role(Role::Footnote))),
                    Inline::CellSeparator => atoms.push((Cow::Borrowed(" │ "), Style::role(Role::Rule))),
                    Inline::Break | Inline::RowEnd => emit(&mut atoms, out, &mut segment_first),
                }
            }
            emit(&mut atoms, out, &mut segment_first);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_markdown;
    use crate::layout::{index_links, layout};

    fn split_at_half(doc: &Document, width: usize) -> Layout {
        let mut out = Layout {
            width,
            ..Layout::default()
        };
        body_split(doc, &mut out, 2);
        out
    }

    fn whole(doc: &Document, width: usize) -> Layout {
        let mut out = Layout {
            width,
            ..Layout::default()
        };
        body_split(doc, &mut out, usize::MAX);
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(800))]
        /// Laid out in two halves or in one go, the lines, block starts and
        /// headings are the same wherever the halves meet.
        #[test]
        fn halves_join_into_the_whole(
            blocks in proptest::collection::vec(
                "(# Title|## Sub|- item|  - nested|1. one|> quote|> > deeper|> \\[!NOTE\\]|```\ncode\n```|```rust\nfn x\\(\\) \\{\\}\n```|\\| a \\| b \\|\n\\|---\\|---\\||para [link](http://x.org) text\\[\\^1\\]|\\[\\^1\\]: note|plain words here|<div>html <b>x</b></div>|\\{\\{< alert >\\}\\}|\n)",
                2..14,
            ),
            width in 6usize..40,
        ) {
            let doc = parse_markdown(&blocks.join("\n"));
            let (split, whole) = (split_at_half(&doc, width), whole(&doc, width));
            proptest::prop_assert_eq!(split, whole);
        }
    }

    #[test]
    fn a_long_article_is_laid_out_in_halves_the_same() {
        let text: String = (0..3000)
            .map(|i| match i % 6 {
                0 => format!("## Section {i}\n\n"),
                1 => format!("- item {i}\n- [link](https://example.org/{i}) more\n\n"),
                2 => format!("> quoted {i} with several words to wrap around the width\n\n"),
                3 => "```\nlet x = 1;\n```\n\n".to_string(),
                _ => format!("Paragraph {i}: words words words words words words words words words.\n\n"),
            })
            .collect();
        let doc = parse_markdown(&text);
        assert!(doc.blocks.len() >= PARALLEL_BLOCKS);
        let parallel = layout(&doc, 60);
        assert_eq!(parallel, whole(&doc, 60).tap_links(doc.links.len()));
    }

    impl Layout {
        fn tap_links(mut self, count: usize) -> Layout {
            index_links(&mut self, count);
            self
        }
    }
}
