//! Blocks to lines: each block wrapped under its quote bars and list
//! markers, with the blank lines between blocks; a long document in two
//! halves on two threads.

use std::borrow::Cow;

use super::wrap::{self, wrap, wrap_code};
use super::{HeadingLine, Layout, Line, Role, Span, Style};
use crate::document::{Block, BlockKind, Container, Document, Emphasis, Inline};

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
}

/// The lines of the blocks in `part`, after what `out` holds.
fn body_part(doc: &Document, part: std::ops::Range<usize>, out: &mut Layout) {
    let mut prev: Option<&Block> = part.start.checked_sub(1).map(|p| &doc.blocks[p]);
    for i in part {
        let block = &doc.blocks[i];
        if block.gap_before || matches!(block.kind, BlockKind::Heading(_)) {
            if let Some(p) = prev {
                gap_line(p, block, out);
            }
        }
        out.block_starts.push(out.lines.len());
        block_lines(block, out);
        // Headings are set apart: a blank line follows them.
        if matches!(block.kind, BlockKind::Heading(_)) && doc.blocks.get(i + 1).is_some_and(|n| !n.gap_before) {
            out.lines.push(Line::default());
        }
        prev = Some(block);
    }
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
                (Container::Quote, Container::Quote) | (Container::Item { .. }, Container::Item { .. })
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

/// First-line and continuation prefixes for a block's containers, never
/// wider than half the width (deep nesting is cut, not drawn off-screen).
fn prefixes(containers: &[Container], width: usize) -> (Vec<Span>, Vec<Span>) {
    let mut first = Vec::new();
    let mut rest = Vec::new();
    for c in containers {
        match c {
            Container::Quote => {
                first.push(Span {
                    text: "│ ".into(),
                    style: Style::role(Role::QuoteBar),
                });
                rest.push(Span {
                    text: "│ ".into(),
                    style: Style::role(Role::QuoteBar),
                });
            }
            Container::Item {
                marker,
                first: is_first,
            } => {
                let pad = " ".repeat(wrap::width(marker));
                first.push(Span {
                    text: if *is_first { marker.clone() } else { pad.clone() },
                    style: Style::role(Role::ListMarker),
                });
                rest.push(Span {
                    text: pad,
                    style: Style::role(Role::Text),
                });
            }
        }
    }
    clamp_prefix(&first, &rest, width)
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

fn inline_style(e: &Emphasis, base: Role) -> Style {
    let role = if e.code {
        Role::Code
    } else if e.link {
        Role::Link
    } else {
        base
    };
    Style {
        role,
        strong: e.strong || matches!(base, Role::Heading(_)),
        emph: e.emph,
        strike: e.strike,
    }
}

fn block_lines(block: &Block, out: &mut Layout) {
    let w = out.width;
    let (first, rest) = prefixes(&block.containers, w);
    let base = match block.kind {
        BlockKind::Heading(level) => Role::Heading(level),
        BlockKind::Code => Role::Code,
        _ => Role::Text,
    };
    match &block.kind {
        BlockKind::Rule => {
            let used: usize = first.iter().map(|s| wrap::width(&s.text)).sum();
            let mut line = Line { spans: first };
            line.push(&"─".repeat(w.saturating_sub(used).min(72)), Style::role(Role::Rule));
            out.lines.push(line);
        }
        BlockKind::Code => {
            let text = block.plain_text();
            let code_first: Vec<Span> = first.clone();
            for (i, source_line) in text.trim_end_matches('\n').split('\n').enumerate() {
                let prefix = if i == 0 { &code_first } else { &rest };
                out.lines
                    .extend(wrap_code(source_line, prefix, w, Style::role(Role::Code)));
            }
        }
        kind => {
            let header = matches!(kind, BlockKind::TableRow { header: true });
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
                    Inline::Text(text, e) => {
                        let mut style = inline_style(e, base);
                        style.strong |= header;
                        atoms.push((Cow::Borrowed(text), style));
                    }
                    Inline::LinkMarker(n) => {
                        atoms.push((Cow::Owned(format!("[{n}]")), Style::role(Role::LinkMarker)));
                    }
                    Inline::FootnoteRef(label) => {
                        atoms.push((Cow::Owned(format!("[^{label}]")), Style::role(Role::Footnote)));
                    }
                    Inline::CellSeparator => atoms.push((Cow::Borrowed(" │ "), Style::role(Role::Rule))),
                    Inline::Break => emit(&mut atoms, out, &mut segment_first),
                }
            }
            emit(&mut atoms, out, &mut segment_first);
            if header {
                let row_width = out.lines.last().map_or(0, |l| l.width());
                let used: usize = rest.iter().map(|s| wrap::width(&s.text)).sum();
                let mut line = Line { spans: rest.clone() };
                line.push(
                    &"─".repeat(row_width.saturating_sub(used).max(1).min(w - used)),
                    Style::role(Role::Rule),
                );
                out.lines.push(line);
            }
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
                "(# Title|## Sub|- item|  - nested|1. one|> quote|> > deeper|```\ncode\n```|\\| a \\| b \\|\n\\|---\\|---\\||para [link](http://x.org) text|plain words here|\n)",
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
