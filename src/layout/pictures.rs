//! Room for pictures in a laid-out article. The reading pane shows a local
//! picture under the line that names it (`🖼 alt (file.png)[n]`), on blank
//! rows made here; `kiosk show` prints the layout without them, so that the
//! text of both stays the same.

use super::{Layout, Line, Role};
use crate::document::{BlockKind, Document};

/// A picture's place in a layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// The first of its rows.
    pub line: usize,
    /// How many rows it has (at least 1).
    pub rows: usize,
    /// Its link number (the link's URL is the picture's source).
    pub link: usize,
}

/// `layout` (of `doc`, whose body blocks start at `layout.block_starts`)
/// with `rows(link)` blank rows under the line that shows the marker of
/// each picture that gets any. Pictures in tables get none (they would
/// split a row). Every line index of the layout (headings, anchors, links,
/// notes, blocks) is moved to match.
///
/// ```
/// use kiosk::document::parse_markdown;
/// use kiosk::layout::{layout, with_pictures};
/// let doc = parse_markdown("![A cat](cat.png)\n\nAfter.\n");
/// let shown = with_pictures(&layout(&doc, 40), &doc, |_| 3);
/// assert_eq!(shown.text_lines(), ["🖼 A cat (cat.png)[1]", "", "", "", "", "After."]);
/// assert_eq!((shown.pictures[0].line, shown.pictures[0].rows), (1, 3));
/// ```
pub fn with_pictures(layout: &Layout, doc: &Document, mut rows: impl FnMut(usize) -> usize) -> Layout {
    // (line to put the picture under, rows, link), in line order.
    let mut inserts: Vec<(usize, usize, usize)> = Vec::new();
    for &(block, link) in &doc.images {
        if matches!(doc.blocks.get(block).map(|b| &b.kind), Some(BlockKind::Table(_)) | None) {
            continue;
        }
        let Some(&start) = layout.block_starts.get(block) else {
            continue;
        };
        let end = layout
            .block_starts
            .get(block + 1)
            .copied()
            .unwrap_or(layout.lines.len())
            .min(layout.lines.len());
        let Some(line) = (start..end).rev().find(|&l| shows_marker(&layout.lines[l], link)) else {
            continue;
        };
        let n = rows(link);
        if n > 0 {
            inserts.push((line, n, link));
        }
    }
    if inserts.is_empty() {
        return layout.clone();
    }
    inserts.sort_by_key(|&(line, _, _)| line);
    // The new index of old line `old`: moved down by the rows put above it.
    let shift = |old: usize| -> usize {
        old + inserts
            .iter()
            .take_while(|&&(line, _, _)| line < old)
            .map(|&(_, n, _)| n)
            .sum::<usize>()
    };
    let mut out = Layout {
        lines: Vec::with_capacity(layout.lines.len() + inserts.iter().map(|i| i.1).sum::<usize>()),
        ..layout.clone()
    };
    let mut next = inserts.iter().peekable();
    for (i, line) in layout.lines.iter().enumerate() {
        out.lines.push(line.clone());
        while let Some(&&(at, n, link)) = next.peek() {
            if at != i {
                break;
            }
            out.pictures.push(super::Picture {
                line: out.lines.len(),
                rows: n,
                link,
            });
            out.lines.extend(std::iter::repeat_n(Line::default(), n));
            next.next();
        }
    }
    out.body_start = shift(layout.body_start);
    for h in &mut out.headings {
        h.line = shift(h.line);
    }
    for l in out.link_lines.iter_mut().flatten() {
        *l = shift(*l);
    }
    for l in &mut out.block_starts {
        *l = shift(*l);
    }
    for (_, l) in &mut out.anchors {
        *l = shift(*l);
    }
    for (_, l) in out.note_lines.iter_mut().chain(out.footnote_lines.iter_mut()) {
        *l = shift(*l);
    }
    out
}

/// True when `line` shows the marker `[link]`.
fn shows_marker(line: &Line, link: usize) -> bool {
    line.spans.iter().any(|s| {
        s.style.role == Role::LinkMarker
            && s.text.trim().trim_start_matches('[').trim_end_matches(']').parse() == Ok(link)
    })
}
