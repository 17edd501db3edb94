//! Laying documents out into wrapped, styled lines at a width.
//!
//! The reading pane and `kiosk show` print the same [`Layout`]: styles here
//! are semantic roles, which the terminal reader maps to its theme and
//! `show` to ANSI codes or nothing. No line is ever wider than the width.

mod article;
mod wrap;

use std::borrow::Cow;

use crate::document::{Block, BlockKind, Container, Document, Emphasis, Inline};

pub use article::{article_layout, first_screen_layout, FIRST_SCREEN_BYTES};
pub use wrap::width;
use wrap::{wrap, wrap_code};

/// What a piece of text is, for styling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Body text.
    Text,
    /// The article title.
    Title,
    /// The date · language · tags line.
    Meta,
    /// The summary under the header.
    Summary,
    /// A heading of level 1 to 6.
    Heading(u8),
    /// Code, inline or in blocks.
    Code,
    /// Link text.
    Link,
    /// A link number marker: `[n]`.
    LinkMarker,
    /// A footnote reference.
    Footnote,
    /// The bar in front of quoted lines.
    QuoteBar,
    /// A list bullet or number.
    ListMarker,
    /// Thematic breaks, table rules and cell separators.
    Rule,
    /// A URL in the links section.
    Url,
    /// A link title in the links section.
    LinkTitle,
}

/// The style of a span: its role and emphasis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Style {
    /// What the text is.
    pub role: Role,
    /// Strong emphasis.
    pub strong: bool,
    /// Emphasis.
    pub emph: bool,
    /// Struck through.
    pub strike: bool,
}

impl Style {
    /// A style with a role and no emphasis.
    pub const fn role(role: Role) -> Style {
        Style {
            role,
            strong: false,
            emph: false,
            strike: false,
        }
    }
}

/// A run of text in one style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// The text (never contains control characters or newlines).
    pub text: String,
    /// Its style.
    pub style: Style,
}

/// One laid-out line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// The spans, left to right.
    pub spans: Vec<Span>,
}

impl Line {
    /// Appends text, merging with the last span when the style is the same.
    pub fn push(&mut self, text: &str, style: Style) {
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.text.push_str(text),
            _ => self.spans.push(Span {
                text: text.to_string(),
                style,
            }),
        }
    }

    /// The line's text without styles, trailing spaces removed.
    pub fn text(&self) -> String {
        let mut s: String = self.spans.iter().map(|s| s.text.as_str()).collect();
        s.truncate(s.trim_end().len());
        s
    }

    /// The display width in columns.
    pub fn width(&self) -> usize {
        self.spans.iter().map(|s| width(&s.text)).sum()
    }
}

/// A heading's place in a layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadingLine {
    /// Index of the heading's first line.
    pub line: usize,
    /// Level 1 to 6.
    pub level: u8,
    /// The heading text.
    pub text: String,
}

/// A document laid out at a width.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// The width the layout was made for.
    pub width: usize,
    /// The lines.
    pub lines: Vec<Line>,
    /// Where each heading starts.
    pub headings: Vec<HeadingLine>,
    /// For each link number (index n-1), the first line showing its marker.
    pub link_lines: Vec<Option<usize>>,
    /// Index of the first body line (after the article header).
    pub body_start: usize,
    /// For each body block, the index of its first line (to keep a reading
    /// place across widths).
    pub block_starts: Vec<usize>,
    /// True for a first-screen layout (see [`first_screen_layout`]): only the
    /// start of the body, no `Links` section.
    pub partial: bool,
}

impl Layout {
    /// The lines as plain strings.
    pub fn text_lines(&self) -> Vec<String> {
        self.lines.iter().map(Line::text).collect()
    }

    /// A width-independent reading place for `line`: the block it belongs to
    /// and how far into that block (0.0 to 1.0).
    pub fn anchor(&self, line: usize) -> (usize, f64) {
        let block = self.block_starts.partition_point(|&start| start <= line);
        match self.block_lines(block) {
            Some((start, end)) => (block, (line - start) as f64 / (end - start) as f64),
            None => (0, 0.0),
        }
    }

    /// The lines of body block `block` (1-based, as anchors count): start and
    /// end, never empty.
    fn block_lines(&self, block: usize) -> Option<(usize, usize)> {
        let start = *self.block_starts.get(block.checked_sub(1)?)?;
        let end = self.block_starts.get(block).copied().unwrap_or(self.lines.len());
        Some((start, end.max(start + 1)))
    }

    /// The line of a reading place made by [`Layout::anchor`] (at any width).
    pub fn line_of(&self, anchor: (usize, f64)) -> usize {
        let (block, fraction) = anchor;
        match self.block_lines(block) {
            Some((start, end)) => start + ((end - start) as f64 * fraction).floor() as usize,
            None if block == 0 => 0,
            None => self.lines.len().saturating_sub(1),
        }
    }

    /// The lines of section `k` (its heading to the next one): start and end,
    /// never empty.
    pub fn section_lines(&self, k: usize) -> Option<(usize, usize)> {
        let start = self.headings.get(k)?.line;
        let end = self.headings.get(k + 1).map_or(self.lines.len(), |h| h.line);
        Some((start, end.max(start + 1)))
    }

    /// The heading whose section contains `line` (the last one starting at or before it).
    pub fn section_at(&self, line: usize) -> Option<&HeadingLine> {
        self.headings.iter().take_while(|h| h.line <= line).last()
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.spans.is_empty()) {
            self.lines.push(Line::default());
        }
    }
}

/// Lays out a document's body at `width` columns (at least 1).
///
/// ```
/// use kiosk::document::parse_markdown;
/// use kiosk::layout::layout;
/// let doc = parse_markdown("See [the source](https://example.org \"Title\") for more.");
/// assert_eq!(layout(&doc, 16).text_lines(), ["See the", "source[1] for", "more."]);
/// ```
pub fn layout(doc: &Document, width: usize) -> Layout {
    let mut out = Layout {
        width: width.max(1),
        ..Layout::default()
    };
    body(doc, &mut out);
    index_links(&mut out, doc.links.len());
    out
}

/// Records, for each link number, the first line where its marker is drawn.
fn index_links(out: &mut Layout, count: usize) {
    out.link_lines = vec![None; count];
    for (i, line) in out.lines.iter().enumerate() {
        for span in line.spans.iter().filter(|s| s.style.role == Role::LinkMarker) {
            let digits = span.text.trim().trim_start_matches('[').trim_end_matches(']');
            if let Ok(n) = digits.parse::<usize>() {
                if let Some(slot) = out.link_lines.get_mut(n.wrapping_sub(1)) {
                    slot.get_or_insert(i);
                }
            }
        }
    }
}

/// Documents with more blocks than this are laid out in two halves, on two
/// threads: a block's lines depend only on it, its neighbours and the width.
const PARALLEL_BLOCKS: usize = 1024;

fn body(doc: &Document, out: &mut Layout) {
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
fn clamp_prefix(first: &[Span], rest: &[Span], width: usize) -> (Vec<Span>, Vec<Span>) {
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
            let mut atoms: Vec<(Cow<str>, Style)> = Vec::new();
            let mut segment_first = true;
            let emit = |atoms: &mut Vec<(Cow<str>, Style)>, out: &mut Layout, segment_first: &mut bool| {
                let p = if *segment_first { &first } else { &rest };
                out.lines.extend(wrap(atoms, p, &rest, w, Style::role(base)));
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

/// Pairs the lines of two layouts row by row for reading them side by side,
/// aligned at headings: the body and section k of one start on the same row
/// as the body and section k of the other. `None` is a blank filler row.
pub fn align(left: &Layout, right: &Layout) -> Vec<(Option<usize>, Option<usize>)> {
    let anchors = |l: &Layout| -> Vec<usize> {
        let mut a = vec![0, l.body_start];
        a.extend(l.headings.iter().map(|h| h.line));
        a.dedup();
        a
    };
    let (la, ra) = (anchors(left), anchors(right));
    let shared = la.len().min(ra.len());
    let mut rows = Vec::with_capacity(left.lines.len().max(right.lines.len()));
    for k in 0..shared {
        let (l0, r0) = (la[k], ra[k]);
        let (l1, r1) = if k + 1 < shared {
            (la[k + 1], ra[k + 1])
        } else {
            (left.lines.len(), right.lines.len())
        };
        let (ln, rn) = (l1.saturating_sub(l0), r1.saturating_sub(r0));
        for i in 0..ln.max(rn) {
            rows.push(((i < ln).then_some(l0 + i), (i < rn).then_some(r0 + i)));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_markdown;

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
