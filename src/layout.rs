//! Laying documents out into wrapped, styled lines at a width.
//!
//! The reading pane and `kiosk show` print the same [`Layout`]: styles here
//! are semantic roles, which the terminal reader maps to its theme and
//! `show` to ANSI codes or nothing. No line is ever wider than the width.

mod article;
mod blocks;
mod code;
mod highlight;
mod pictures;
mod table;
mod wrap;

use blocks::{body, clamp_prefix, section_heading};

use crate::document::{CalloutKind, Document, Emphasis};

pub use highlight::Highlight;
pub use pictures::{with_pictures, Picture};

pub use article::{article_layout, first_screen_layout, waiting_layout, FIRST_SCREEN_BYTES};
pub use wrap::width;
use wrap::wrap;

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
    /// A callout's bar and title, by kind (each kind its own colour).
    Callout(CalloutKind),
    /// Highlighted code, by what the piece of code is.
    Syntax(Highlight),
    /// What kiosk says about the text rather than the text: an unknown
    /// shortcode `⟨name⟩`, an image's file name, a truncation note.
    Note,
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
        let mut s = String::new();
        self.push_text(&mut s);
        s
    }

    /// Appends [`Line::text`] to `out`, without making it first.
    pub fn push_text(&self, out: &mut String) {
        let start = out.len();
        for span in &self.spans {
            out.push_str(&span.text);
        }
        out.truncate(start + out[start..].trim_end().len());
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
    /// Every heading's id and line: the id it was given (`{#install}`), else
    /// the one GitHub and Hugo make of its text (`## Get started` is
    /// `get-started`). The targets of `#id` links inside the article.
    pub anchors: Vec<(String, usize)>,
    /// For each footnote number, the line where its note starts.
    pub note_lines: Vec<(usize, usize)>,
    /// For each footnote number, the first line that refers to it.
    pub footnote_lines: Vec<(usize, usize)>,
    /// The pictures the reading pane draws on rows of their own (see
    /// [`with_pictures`]); none in a plain layout.
    pub pictures: Vec<Picture>,
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

/// The style of inline text of emphasis `e` in a block whose text is `base`.
fn inline_style(e: &Emphasis, base: Role) -> Style {
    let role = if e.code {
        Role::Code
    } else if e.dim {
        Role::Note
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

/// The id GitHub and Hugo give a heading: lower case, spaces to hyphens,
/// punctuation dropped (`Get started!` is `get-started`).
pub fn slug(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Records, for each link number, the first line where its marker is
/// drawn, and for each footnote its first reference.
fn index_links(out: &mut Layout, count: usize) {
    out.link_lines = vec![None; count];
    out.footnote_lines.clear();
    for (i, line) in out.lines.iter().enumerate() {
        for span in line.spans.iter().filter(|s| s.style.role == Role::Footnote) {
            if let Some(n) = crate::document::superscript_value(&span.text) {
                if !out.footnote_lines.iter().any(|&(m, _)| m == n) {
                    out.footnote_lines.push((n, i));
                }
            }
        }
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
