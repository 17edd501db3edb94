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
/// 64 bytes at a time: white space is found as a bit mask, and word starts
/// are the bits of non-space after space. Only the lead bytes of the few
/// non-ASCII white-space characters (U+0085, U+00A0, U+1680, U+2000-U+205F,
/// U+3000) are looked at one by one.
///
/// ```
/// assert_eq!(kiosk::document::count_words(" Über\u{a0}die  Straße\u{3000}大 "), 4);
/// ```
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    // Whether the byte before the chunk is (part of) white space.
    let mut after_space = true;
    // The bytes of a white-space character that runs on into the next chunk.
    let mut carry = 0u64;
    for (at, chunk) in bytes.chunks(64).enumerate().map(|(n, c)| (n * 64, c)) {
        let (mut space, mut lead) = match <&[u8; 64]>::try_from(chunk) {
            Ok(chunk) => masks(chunk),
            Err(_) => {
                // The last chunk is padded with spaces, which start no word.
                let mut padded = [b' '; 64];
                padded[..chunk.len()].copy_from_slice(chunk);
                masks(&padded)
            }
        };
        space |= carry;
        carry = 0;
        while lead != 0 {
            let k = lead.trailing_zeros() as usize;
            lead &= lead - 1;
            let len = wide_space_len(&bytes[at + k..]);
            if len > 0 {
                let bits = ((1u128 << len) - 1) << k;
                space |= bits as u64;
                carry |= (bits >> 64) as u64;
            }
        }
        let starts = !space & ((space << 1) | u64::from(after_space));
        words += starts.count_ones() as usize;
        after_space = space >> 63 == 1;
    }
    words
}

/// Bit masks of a chunk: its ASCII white space, and the lead bytes of the
/// non-ASCII white-space characters (0xC2, 0xE1-0xE3; not all of them lead
/// white space). 16 bytes per compare (SSE2 on x86-64, through `wide`).
fn masks(chunk: &[u8; 64]) -> (u64, u64) {
    use wide::u8x16;
    let (mut space, mut lead) = (0u64, 0u64);
    for (k, part) in chunk.chunks_exact(16).enumerate() {
        let mut lanes = [0u8; 16];
        lanes.copy_from_slice(part);
        let x = u8x16::new(lanes);
        // Unsigned `lo <= x <= lo + span` as `min(x - lo, span) == x - lo`.
        let within = |lo: u8, span: u8| {
            let t = x - u8x16::splat(lo);
            t.min(u8x16::splat(span)).simd_eq(t)
        };
        let is = |b: u8| x.simd_eq(u8x16::splat(b));
        let s = is(b' ') | within(b'\t', 4);
        let l = is(0xC2) | within(0xE1, 2);
        space |= u64::from(s.to_bitmask()) << (16 * k);
        lead |= u64::from(l.to_bitmask()) << (16 * k);
    }
    (space, lead)
}

/// The length of the non-ASCII white-space character `bytes` starts with,
/// or 0.
fn wide_space_len(bytes: &[u8]) -> usize {
    match bytes {
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
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

/// Where a parser puts what it reads, block by block: a whole [`Document`]
/// ([`Builder`]) or only what loading needs of it ([`Gather`]). Both parsers
/// are written once against this, so the two cannot disagree.
pub(crate) trait Sink {
    /// Adds text as is to the open block, merged with its last text of the
    /// same style.
    fn raw(&mut self, text: &str, style: Emphasis);
    /// Adds an inline that is not text to the open block.
    fn push(&mut self, inline: Inline);
    /// How many inlines the open block has.
    fn mark(&self) -> usize;
    /// The text of the open block's inlines from inline `from` on.
    fn text_since(&self, from: usize) -> String;
    /// Closes the open block as a block of `kind`; a block with nothing to
    /// show (only white space) is dropped.
    fn end_block(&mut self, kind: BlockKind, gap_before: bool);
    /// Opens a quote or list item around the blocks that follow.
    fn push_container(&mut self, container: Container);
    /// Closes the innermost container.
    fn pop_container(&mut self);
    /// True while the innermost item has not shown its marker yet.
    fn item_is_fresh(&self) -> bool;
    /// The links numbered so far.
    fn links(&mut self) -> &mut LinkTable;

    /// Adds text to the open block; bare URLs become numbered links unless
    /// `in_link` (or the text is code).
    fn text(&mut self, text: &str, style: Emphasis, in_link: bool) {
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
            let n = self.links().number(&target, url, None);
            self.raw(url, Emphasis { link: true, ..style });
            self.push(Inline::LinkMarker(n));
            rest = &rest[end..];
        }
        self.raw(rest, style);
    }
}

/// Builds a [`Document`]: blocks under the container stack.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    blocks: Vec<Block>,
    links: LinkTable,
    stack: Vec<Container>,
    /// The inlines of the open block.
    open: Vec<Inline>,
}

impl Builder {
    pub(crate) fn finish(self) -> Document {
        Document {
            blocks: self.blocks,
            links: self.links.into_links(),
        }
    }
}

impl Sink for Builder {
    fn raw(&mut self, text: &str, style: Emphasis) {
        if text.is_empty() {
            return;
        }
        if let Some(Inline::Text(prev, prev_style)) = self.open.last_mut() {
            if *prev_style == style {
                prev.push_str(text);
                return;
            }
        }
        self.open.push(Inline::Text(text.to_string(), style));
    }

    fn push(&mut self, inline: Inline) {
        self.open.push(inline);
    }

    fn mark(&self) -> usize {
        self.open.len()
    }

    fn text_since(&self, from: usize) -> String {
        self.open[from.min(self.open.len())..]
            .iter()
            .filter_map(|i| match i {
                Inline::Text(t, _) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    fn end_block(&mut self, kind: BlockKind, gap_before: bool) {
        let inlines = std::mem::take(&mut self.open);
        if is_blank(&inlines) && !matches!(kind, BlockKind::Rule | BlockKind::TableRow { .. } | BlockKind::Code) {
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

    fn push_container(&mut self, container: Container) {
        self.stack.push(container);
    }

    fn pop_container(&mut self) {
        self.stack.pop();
    }

    fn item_is_fresh(&self) -> bool {
        matches!(self.stack.last(), Some(Container::Item { first: true, .. }))
    }

    fn links(&mut self) -> &mut LinkTable {
        &mut self.links
    }
}

/// True when the inlines show nothing: only white-space text.
fn is_blank(inlines: &[Inline]) -> bool {
    inlines
        .iter()
        .all(|i| matches!(i, Inline::Text(t, _) if t.trim().is_empty()))
}

/// What loading needs of a body: its links, word count, and what a title and
/// language are found from when the front matter does not say. Equal to what
/// [`Facts::of`] finds in the whole document, but gathered without building
/// it ([`markdown_facts`], [`plain_facts`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The numbered links in reading order.
    pub links: Vec<Link>,
    /// [`Document::word_count`].
    pub words: usize,
    /// The text of the first heading of level 1 or 2.
    pub heading: Option<String>,
    /// [`Document::first_paragraph`].
    pub first_paragraph: Option<String>,
    /// [`Document::text_sample`] of the `sample_chars` asked for.
    pub sample: String,
}

impl Facts {
    /// The facts of a whole document.
    pub fn of(doc: &Document, sample_chars: usize) -> Facts {
        Facts {
            links: doc.links.clone(),
            words: doc.word_count(),
            heading: doc.headings().into_iter().find(|h| h.level <= 2).map(|h| h.text),
            first_paragraph: doc.first_paragraph(),
            sample: doc.text_sample(sample_chars),
        }
    }
}

/// The facts of a Markdown body, without building its document.
pub fn markdown_facts(body: &str, sample_chars: usize) -> Facts {
    let mut gather = Gather::new(sample_chars);
    markdown::read(body, &mut gather);
    gather.finish()
}

/// The facts of a plain-text body, without building its document.
pub fn plain_facts(body: &str, sample_chars: usize) -> Facts {
    let mut gather = Gather::new(sample_chars);
    plain::read(body, &mut gather);
    gather.finish()
}

/// Gathers [`Facts`]: keeps only the open block's text (one buffer, reused),
/// and of earlier blocks only what the facts need.
#[derive(Debug, Default)]
struct Gather {
    facts: Facts,
    sample_chars: usize,
    links: LinkTable,
    /// The open block's text: the texts of its inlines, one after another.
    text: String,
    /// The open block's inlines, each with where its text starts in `text`.
    inlines: Vec<(usize, Piece)>,
}

/// An inline of [`Gather`]'s open block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    /// Text of a style.
    Text(Emphasis),
    /// A break or cell boundary: a space in the block's plain text.
    Space,
    /// A link marker or footnote reference: nothing in the plain text.
    Mark,
}

impl Gather {
    fn new(sample_chars: usize) -> Gather {
        Gather {
            sample_chars,
            ..Gather::default()
        }
    }

    fn finish(mut self) -> Facts {
        self.facts.links = self.links.into_links();
        self.facts
    }

    /// The open block as [`Block::plain_text`] gives it.
    fn plain_text(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for (k, &(start, piece)) in self.inlines.iter().enumerate() {
            match piece {
                Piece::Text(_) => out.push_str(&self.text[start..self.end_of(k)]),
                Piece::Space => out.push(' '),
                Piece::Mark => {}
            }
        }
        out
    }

    /// Where the text of inline `k` ends.
    fn end_of(&self, k: usize) -> usize {
        self.inlines.get(k + 1).map_or(self.text.len(), |&(start, _)| start)
    }
}

impl Sink for Gather {
    fn raw(&mut self, text: &str, style: Emphasis) {
        if text.is_empty() {
            return;
        }
        if self.inlines.last().map(|&(_, p)| p) != Some(Piece::Text(style)) {
            self.inlines.push((self.text.len(), Piece::Text(style)));
        }
        self.text.push_str(text);
    }

    fn push(&mut self, inline: Inline) {
        let piece = match inline {
            Inline::Text(t, style) => return self.raw(&t, style),
            Inline::Break | Inline::CellSeparator => Piece::Space,
            Inline::LinkMarker(_) | Inline::FootnoteRef(_) => Piece::Mark,
        };
        self.inlines.push((self.text.len(), piece));
    }

    fn mark(&self) -> usize {
        self.inlines.len()
    }

    fn text_since(&self, from: usize) -> String {
        let start = self.inlines.get(from).map_or(self.text.len(), |&(start, _)| start);
        self.text[start..].to_string()
    }

    fn end_block(&mut self, kind: BlockKind, _gap_before: bool) {
        // Words are counted in each text inline (as `Document::word_count`
        // does): in the whole text at once, plus one for each inline that
        // starts inside a word (what it splits counts twice there).
        self.facts.words += count_words(&self.text);
        for &(start, piece) in &self.inlines {
            if start > 0 && matches!(piece, Piece::Text(_)) {
                let before = self.text[..start].chars().next_back();
                let after = self.text[start..].chars().next();
                if before.is_some_and(|c| !c.is_whitespace()) && after.is_some_and(|c| !c.is_whitespace()) {
                    self.facts.words += 1;
                }
            }
        }
        let blank = self.inlines.iter().all(|&(_, p)| matches!(p, Piece::Text(_))) && self.text.trim().is_empty();
        let shown = !blank || matches!(kind, BlockKind::Rule | BlockKind::TableRow { .. } | BlockKind::Code);
        if shown {
            let heading = matches!(kind, BlockKind::Heading(level) if level <= 2) && self.facts.heading.is_none();
            let paragraph = kind == BlockKind::Paragraph && self.facts.first_paragraph.is_none();
            let sample = self.facts.sample.len() < self.sample_chars;
            if heading || paragraph || sample {
                let text = self.plain_text();
                if heading {
                    self.facts.heading = Some(text.trim().to_string());
                }
                if sample {
                    self.facts.sample.push_str(&text);
                    self.facts.sample.push('\n');
                }
                if paragraph {
                    self.facts.first_paragraph = Some(text);
                }
            }
        }
        self.text.clear();
        self.inlines.clear();
    }

    fn push_container(&mut self, _container: Container) {}

    fn pop_container(&mut self) {}

    fn item_is_fresh(&self) -> bool {
        // Only decides blank lines between blocks, which facts do not have.
        false
    }

    fn links(&mut self) -> &mut LinkTable {
        &mut self.links
    }
}
