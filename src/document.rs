//! The document model: what an article body is, independent of its syntax.
//!
//! Markdown and plain text both become a flat list of [`Block`]s. Nesting
//! (quotes, list items, footnotes) is kept as a bounded list of
//! [`Container`]s on each block rather than as a tree, so that neither parsing
//! nor layout recurses per level: a document nested 100,000 levels deep costs
//! the same stack as a flat one.

mod linkify;
mod markdown;
mod plain;

use std::collections::HashMap;

use crate::article::Link;

pub use markdown::parse_markdown;
pub use plain::{is_heading_like, list_item, parse_plain};

/// At most this many containers are kept per block; deeper nesting is still
/// counted in [`Block::depth`] but not drawn.
pub const MAX_CONTAINERS: usize = 16;

/// Inline emphasis flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Emphasis {
    /// `**strong**`.
    pub strong: bool,
    /// `*emphasis*`.
    pub emph: bool,
    /// `~~strikethrough~~`.
    pub strike: bool,
    /// `` `code` ``.
    pub code: bool,
    /// Text of a link.
    pub link: bool,
}

/// A piece of inline content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Text with its emphasis.
    Text(String, Emphasis),
    /// The marker after a link's text: `[n]`.
    LinkMarker(usize),
    /// A footnote reference: `[^label]`.
    FootnoteRef(String),
    /// A hard line break.
    Break,
    /// The boundary between two table cells.
    CellSeparator,
}

/// What kind of block a block is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph of wrapped text.
    Paragraph,
    /// A heading of level 1 to 6.
    Heading(u8),
    /// Preformatted text: lines are kept, never re-flowed.
    Code,
    /// A thematic break.
    Rule,
    /// A table row; `header` for the head row.
    TableRow {
        /// True for the table's head row.
        header: bool,
    },
}

/// A quote or list level around a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Container {
    /// A block quote: drawn as a bar on every line.
    Quote,
    /// A list item or footnote definition: its marker is drawn on the first
    /// line of its first block, and its width is indented on all others.
    Item {
        /// The marker, e.g. `• `, `3. ` or `[^1] `.
        marker: String,
        /// True only for the item's first block.
        first: bool,
    },
}

/// One block of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Paragraph, heading, code, ...
    pub kind: BlockKind,
    /// Enclosing quotes and list items, outermost first (at most [`MAX_CONTAINERS`]).
    pub containers: Vec<Container>,
    /// The real nesting depth, which may exceed `containers.len()`.
    pub depth: usize,
    /// False when the block continues the previous one without a blank line
    /// (the items of a tight list, the rows of a table).
    pub gap_before: bool,
    /// The content. Code blocks hold one text inline with newlines.
    pub inlines: Vec<Inline>,
}

impl Block {
    /// The block's text without markup, for headings, search and counting.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for inline in &self.inlines {
            match inline {
                Inline::Text(t, _) => out.push_str(t),
                Inline::Break | Inline::CellSeparator => out.push(' '),
                Inline::LinkMarker(_) | Inline::FootnoteRef(_) => {}
            }
        }
        out
    }
}

/// The number of words of `text`, as `text.split_whitespace().count()`, but
/// byte by byte: only the lead bytes of the few non-ASCII white space
/// characters (U+0085, U+00A0, U+1680, U+2000-U+205F, U+3000) are decoded.
///
/// ```
/// assert_eq!(kiosk::document::count_words(" Über\u{a0}die  Straße\u{3000}大 "), 4);
/// ```
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    let ascii_space = |b: u8| b == b' ' || b.wrapping_sub(b'\t') < 5;
    while i < bytes.len() {
        // 32 bytes without a lead byte of non-ASCII white space: counted
        // branch-free (word starts are non-space bytes after a space).
        if let Some(chunk) = bytes.get(i..i + 32).and_then(|c| <&[u8; 32]>::try_from(c).ok()) {
            let is_special = |b: u8| (b == 0xC2) | (b.wrapping_sub(0xE1) < 3);
            let mut special = 0u8;
            for &b in chunk {
                special |= u8::from(is_special(b));
            }
            if special != 0 {
                // Count plainly up to the byte that needs decoding.
                let upto = chunk.iter().position(|&b| is_special(b)).unwrap_or(0);
                for &b in &chunk[..upto] {
                    let space = ascii_space(b);
                    words += usize::from(!space & !in_word);
                    in_word = !space;
                }
                i += upto;
            } else {
                // A word starts at a non-space byte after a space.
                let mut starts = u8::from(!in_word & !ascii_space(chunk[0]));
                for k in 1..32 {
                    starts += u8::from(ascii_space(chunk[k - 1]) & !ascii_space(chunk[k]));
                }
                words += usize::from(starts);
                in_word = !ascii_space(chunk[31]);
                i += 32;
                continue;
            }
        }
        let b = bytes[i];
        let (space, len) = match b {
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                let c = text[i..].chars().next().unwrap_or('x');
                (c.is_whitespace(), c.len_utf8())
            }
            _ => (ascii_space(b), 1),
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
        i += len;
    }
    words
}

/// A heading of the document, for contents and section tracking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// Index of the heading's block.
    pub block: usize,
    /// Level 1 to 6.
    pub level: u8,
    /// The heading text.
    pub text: String,
}

/// A parsed article body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// The numbered links in reading order.
    pub links: Vec<Link>,
}

impl Document {
    /// The headings, in order.
    pub fn headings(&self) -> Vec<Heading> {
        self.blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b.kind {
                BlockKind::Heading(level) => Some(Heading {
                    block: i,
                    level,
                    text: b.plain_text().trim().to_string(),
                }),
                _ => None,
            })
            .collect()
    }

    /// Number of words of text.
    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .flat_map(|b| &b.inlines)
            .map(|i| match i {
                Inline::Text(t, _) => count_words(t),
                _ => 0,
            })
            .sum()
    }

    /// All text of the document, blocks separated by newlines (for search).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            out.push_str(&block.plain_text());
            out.push('\n');
        }
        out
    }

    /// About the first `chars` characters of the text (whole blocks), for
    /// language detection.
    pub fn text_sample(&self, chars: usize) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            if out.len() >= chars {
                break;
            }
            out.push_str(&block.plain_text());
            out.push('\n');
        }
        out
    }

    /// The first block that is a paragraph, as text (used to infer titles).
    pub fn first_paragraph(&self) -> Option<String> {
        self.blocks
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph)
            .map(Block::plain_text)
    }
}

/// Numbers links in reading order; a repeated URL keeps its first number.
#[derive(Debug, Default)]
pub(crate) struct LinkTable {
    links: Vec<Link>,
    /// Link numbers by the XXH3 hash of their URL (the URL itself is
    /// compared too: a hash may be shared).
    by_url: HashMap<u64, Vec<usize>>,
}

impl LinkTable {
    /// Returns the number of `url`, registering it on first sight.
    pub(crate) fn number(&mut self, url: &str, text: &str, title: Option<&str>) -> usize {
        let numbers = self
            .by_url
            .entry(xxhash_rust::xxh3::xxh3_64(url.as_bytes()))
            .or_default();
        if let Some(&n) = numbers.iter().find(|&&n| self.links[n - 1].url == url) {
            return n;
        }
        let n = self.links.len() + 1;
        self.links.push(Link {
            n,
            text: text.trim().to_string(),
            url: url.to_string(),
            title: title.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string),
        });
        numbers.push(n);
        n
    }

    pub(crate) fn into_links(self) -> Vec<Link> {
        self.links
    }
}

/// Builds blocks while tracking the container stack; shared by both parsers.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    pub(crate) blocks: Vec<Block>,
    pub(crate) links: LinkTable,
    stack: Vec<Container>,
}

impl Builder {
    pub(crate) fn push_container(&mut self, container: Container) {
        self.stack.push(container);
    }

    pub(crate) fn pop_container(&mut self) {
        self.stack.pop();
    }

    /// True while the innermost item has not shown its marker yet.
    pub(crate) fn item_is_fresh(&self) -> bool {
        matches!(self.stack.last(), Some(Container::Item { first: true, .. }))
    }

    /// Adds a finished block under the current containers.
    pub(crate) fn push_block(&mut self, kind: BlockKind, inlines: Vec<Inline>, gap_before: bool) {
        let empty = inlines
            .iter()
            .all(|i| matches!(i, Inline::Text(t, _) if t.trim().is_empty()));
        if empty && !matches!(kind, BlockKind::Rule | BlockKind::TableRow { .. } | BlockKind::Code) {
            return;
        }
        let keep = self.stack.len().min(MAX_CONTAINERS);
        let containers = self.stack[..keep].to_vec();
        // Markers are drawn once: later blocks of the same items are indented.
        for c in &mut self.stack[..keep] {
            if let Container::Item { first, .. } = c {
                *first = false;
            }
        }
        if let Some(Container::Item { first, .. }) = self.stack.last_mut() {
            *first = false;
        }
        self.blocks.push(Block {
            kind,
            containers,
            depth: self.stack.len(),
            gap_before,
            inlines,
        });
    }

    pub(crate) fn finish(self) -> Document {
        Document {
            blocks: self.blocks,
            links: self.links.into_links(),
        }
    }
}

/// Collects inlines of one block, turning bare URLs in text into links.
#[derive(Debug, Default)]
pub(crate) struct InlineBuf {
    pub(crate) inlines: Vec<Inline>,
}

impl InlineBuf {
    /// Pushes text; bare URLs become numbered links unless `in_link`.
    pub(crate) fn text(&mut self, text: &str, style: Emphasis, in_link: bool, links: &mut LinkTable) {
        if in_link || style.code {
            self.raw(text, style);
            return;
        }
        let mut rest = text;
        while let Some((start, end)) = linkify::find_url(rest) {
            self.raw(&rest[..start], style);
            let url = &rest[start..end];
            let target = if url.starts_with("www.") {
                format!("https://{url}")
            } else {
                url.to_string()
            };
            let n = links.number(&target, url, None);
            self.raw(url, Emphasis { link: true, ..style });
            self.inlines.push(Inline::LinkMarker(n));
            rest = &rest[end..];
        }
        self.raw(rest, style);
    }

    /// Pushes text as is, merging with the previous text of the same style.
    pub(crate) fn raw(&mut self, text: &str, style: Emphasis) {
        if text.is_empty() {
            return;
        }
        if let Some(Inline::Text(prev, prev_style)) = self.inlines.last_mut() {
            if *prev_style == style {
                prev.push_str(text);
                return;
            }
        }
        self.inlines.push(Inline::Text(text.to_string(), style));
    }

    /// The text pushed since inline index `from` (a link's text).
    pub(crate) fn text_since(&self, from: usize) -> String {
        self.inlines[from.min(self.inlines.len())..]
            .iter()
            .filter_map(|i| match i {
                Inline::Text(t, _) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    pub(crate) fn take(&mut self) -> Vec<Inline> {
        std::mem::take(&mut self.inlines)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.inlines.is_empty()
    }
}
