//! Tables: columns padded and aligned with `│` between them and a rule
//! under the head row; cells wrapped within their columns when the table is
//! wider than the width (the room shared out by content); and when even that
//! cannot fit, each row as a small record of `Header: value` lines.

use std::borrow::Cow;

use super::wrap::{width, wrap};
use super::{inline_style, Line, Role, Span, Style};
use crate::document::{superscript, Align, Block, Inline};

/// Between two columns.
const SEPARATOR: &str = " │ ";

/// A column is never narrowed below the longer of its longest word and
/// this, nor kept wider than this when room is short (longer words break).
const MIN_COLUMN: usize = 6;
const MAX_FLOOR: usize = 16;

type Cell<'a> = Vec<(Cow<'a, str>, Style)>;

/// The rows of a table block, each a list of cells.
fn rows(block: &Block) -> Vec<Vec<Cell<'_>>> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = vec![Vec::new()];
    for inline in &block.inlines {
        let header = rows.is_empty();
        let atom = match inline {
            Inline::Text(text, e) => {
                let mut style = inline_style(e, Role::Text);
                style.strong |= header;
                (Cow::Borrowed(text.as_str()), style)
            }
            Inline::LinkMarker(n) => (Cow::Owned(format!("[{n}]")), Style::role(Role::LinkMarker)),
            Inline::FootnoteRef(n) => (Cow::Owned(superscript(*n)), Style::role(Role::Footnote)),
            Inline::Break => (Cow::Borrowed(" "), Style::role(Role::Text)),
            Inline::CellSeparator => {
                row.push(Vec::new());
                continue;
            }
            Inline::RowEnd => {
                rows.push(std::mem::replace(&mut row, vec![Vec::new()]));
                continue;
            }
        };
        if let Some(cell) = row.last_mut() {
            cell.push(atom);
        }
    }
    if row.iter().any(|c| !c.is_empty()) {
        rows.push(row);
    }
    rows
}

/// Width of a cell's text on one line, and of its longest word.
fn measure(cell: &Cell) -> (usize, usize) {
    let text: String = cell.iter().map(|(t, _)| t.as_ref()).collect();
    let natural = width(text.split_whitespace().collect::<Vec<_>>().join(" ").as_str());
    let word = text.split_whitespace().map(width).max().unwrap_or(0);
    (natural, word)
}

/// Lays out a table block under the prefixes `first` (its first line) and
/// `rest`.
pub(super) fn table_lines(
    block: &Block,
    aligns: &[Align],
    first: &[Span],
    rest: &[Span],
    total: usize,
    out: &mut Vec<Line>,
) {
    let rows = rows(block);
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(aligns.len());
    if rows.is_empty() || columns == 0 {
        return;
    }
    let prefix_width: usize = rest.iter().map(|s| width(&s.text)).sum();
    let avail = total.saturating_sub(prefix_width).max(1);
    let mut natural = vec![0usize; columns];
    let mut floor = vec![0usize; columns];
    for row in &rows {
        for (j, cell) in row.iter().enumerate() {
            let (n, w) = measure(cell);
            natural[j] = natural[j].max(n);
            floor[j] = floor[j].max(w);
        }
    }
    for j in 0..columns {
        natural[j] = natural[j].max(1);
        floor[j] = floor[j].clamp(MIN_COLUMN, MAX_FLOOR).min(natural[j]);
    }
    let seps = width(SEPARATOR) * (columns - 1);
    let wanted: usize = natural.iter().sum::<usize>() + seps;
    let widths = if wanted <= avail {
        natural
    } else if floor.iter().sum::<usize>() + seps <= avail {
        share(&natural, &floor, avail - seps)
    } else {
        return records(&rows, first, rest, total, out);
    };
    let mut at_first = true;
    for (r, row) in rows.iter().enumerate() {
        let cells: Vec<Vec<Line>> = (0..columns)
            .map(|j| {
                let mut lines = Vec::new();
                if let Some(cell) = row.get(j).filter(|c| !c.is_empty()) {
                    wrap(cell, &[], &[], widths[j], Style::role(Role::Text), &mut lines);
                }
                lines
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..height {
            let mut line = Line {
                spans: if at_first { first.to_vec() } else { rest.to_vec() },
            };
            at_first = false;
            for (j, cell) in cells.iter().enumerate() {
                if j > 0 {
                    line.push(SEPARATOR, Style::role(Role::Rule));
                }
                let content = cell.get(k);
                let used = content.map_or(0, Line::width);
                let pad = widths[j].saturating_sub(used);
                let (before, after) = match aligns.get(j).copied().unwrap_or_default() {
                    Align::Right => (pad, 0),
                    Align::Center => (pad / 2, pad - pad / 2),
                    Align::Left | Align::None => (0, pad),
                };
                line.push(&" ".repeat(before), Style::role(Role::Text));
                if let Some(content) = content {
                    for span in &content.spans {
                        line.push(&span.text, span.style);
                    }
                }
                line.push(&" ".repeat(after), Style::role(Role::Text));
            }
            out.push(line);
        }
        if r == 0 && rows.len() > 1 {
            let mut rule = Line { spans: rest.to_vec() };
            let parts: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
            rule.push(&parts.join("─┼─"), Style::role(Role::Rule));
            out.push(rule);
        }
    }
}

/// Column widths within `room`: each column its floor, then what is left
/// handed out in equal shares to the columns that want more, so that short
/// columns get their whole text and long ones share the rest.
fn share(natural: &[usize], floor: &[usize], room: usize) -> Vec<usize> {
    let mut widths = floor.to_vec();
    let mut left = room.saturating_sub(floor.iter().sum());
    loop {
        let hungry = widths.iter().zip(natural).filter(|(w, n)| w < n).count();
        if hungry == 0 || left == 0 {
            return widths;
        }
        let share = (left / hungry).max(1);
        for (w, &n) in widths.iter_mut().zip(natural) {
            let add = (n - (*w).min(n)).min(share).min(left);
            *w += add;
            left -= add;
        }
    }
}

/// Each body row as a record: `Header: value`, one line (wrapped) per cell.
fn records(rows: &[Vec<Cell>], first: &[Span], rest: &[Span], total: usize, out: &mut Vec<Line>) {
    let labels: Vec<String> = rows[0]
        .iter()
        .map(|c| c.iter().map(|(t, _)| t.as_ref()).collect::<String>().trim().to_string())
        .collect();
    let body = if rows.len() > 1 { &rows[1..] } else { rows };
    let label_style = Style {
        strong: true,
        ..Style::role(Role::Text)
    };
    let mut at_first = true;
    for (r, row) in body.iter().enumerate() {
        if r > 0 {
            let mut gap = Line { spans: rest.to_vec() };
            while gap.spans.last().is_some_and(|s| s.text.trim().is_empty()) {
                gap.spans.pop();
            }
            out.push(gap);
        }
        for (j, cell) in row.iter().enumerate() {
            let mut atoms: Cell = Vec::with_capacity(cell.len() + 1);
            let label = labels.get(j).filter(|l| !l.is_empty() && rows.len() > 1);
            if let Some(label) = label {
                atoms.push((Cow::Owned(format!("{label}: ")), label_style));
            }
            atoms.extend(cell.iter().map(|(t, s)| (Cow::Borrowed(t.as_ref()), *s)));
            let p = if at_first { first } else { rest };
            at_first = false;
            wrap(&atoms, p, rest, total, Style::role(Role::Text), out);
        }
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
