//! The document model: what an article body is, independent of its syntax.
//!
//! Markdown and plain text both become a flat list of [`Block`]s. Nesting
//! (quotes, list items, footnotes) is kept as a bounded list of
//! [`Container`]s on each block rather than as a tree, so that neither parsing
//! nor layout recurses per level: a document nested 100,000 levels deep costs
//! the same stack as a flat one.

mod elements;
mod emoji;
mod facts;
mod html;
mod linkify;
mod markdown;
mod plain;
mod pulldown;
mod sitegen;
mod words;

use foldhash::HashMap;

use crate::article::Link;

pub use elements::{superscript, superscript_value, Align, CalloutKind, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS};
pub use emoji::replace as replace_emoji;
pub use facts::{markdown_facts, plain_facts, Facts};
pub use markdown::parse_markdown;
pub use plain::{is_heading_like, list_item, parse_plain};
pub use words::count_words;

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
    /// Secondary text: what kiosk says about the article rather than the
    /// article itself (an unknown shortcode `⟨name⟩`, an image's file name).
    pub dim: bool,
}

/// A piece of inline content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Text with its emphasis.
    Text(String, Emphasis),
    /// The marker after a link's text: `[n]`.
    LinkMarker(usize),
    /// A footnote reference, by the note's number (notes are numbered in
    /// the order they are first referred to).
    FootnoteRef(usize),
    /// A hard line break.
    Break,
    /// The boundary between two table cells.
    CellSeparator,
    /// The end of a table row.
    RowEnd,
}

/// What kind of block a block is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph of wrapped text.
    Paragraph,
    /// A heading of level 1 to 6.
    Heading(u8),
    /// Preformatted text: lines are kept, never re-flowed; with the
    /// language of its info string (`rust` of ```` ```rust ````), if any.
    Code(Option<String>),
    /// A thematic break.
    Rule,
    /// A whole table: the head row and the body rows, their cells separated
    /// by [`Inline::CellSeparator`] and each row ended by [`Inline::RowEnd`];
    /// one alignment per column.
    Table(Vec<Align>),
}

impl BlockKind {
    /// True for kinds that are shown even without any text (a rule, an
    /// empty code block or table).
    pub fn shown_blank(&self) -> bool {
        matches!(self, BlockKind::Rule | BlockKind::Table(_) | BlockKind::Code(_))
    }
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
    /// A callout (an alert, notice, aside, details section): a coloured bar,
    /// and a title line above its first block.
    Callout {
        /// What kind of callout it is (its colour and icon).
        kind: CalloutKind,
        /// Its own title, if it has one (else the kind's label).
        title: String,
        /// True only for the callout's first block.
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
                Inline::Break | Inline::CellSeparator | Inline::RowEnd => out.push(' '),
                Inline::LinkMarker(_) | Inline::FootnoteRef(_) => {}
            }
        }
        out
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
    /// The ids of headings that carry one (`## Install {#install}`), with
    /// the heading's block: the targets of `#id` links inside the article.
    pub anchors: Vec<(String, usize)>,
    /// The first block of the footnotes, which follow the body in the order
    /// of their numbers; `None` without footnotes.
    pub notes_start: Option<usize>,
    /// The pictures of the body (`![alt](src)`, `<img>`, image shortcodes):
    /// the block that shows each and its link number (the link's URL is
    /// the picture's source), in reading order.
    pub images: Vec<(usize, usize)>,
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
    /// The number of the first link with each XXH3 hash of a URL (the URL
    /// itself is compared too: a hash may be shared).
    by_url: HashMap<u64, usize>,
}

impl LinkTable {
    /// Returns the number of `url`, registering it on first sight.
    /// The URL, text and title are cleaned here, where every link of every
    /// parser passes: pulldown-cmark decodes character references (`&#x1b;`)
    /// after the file was cleaned at load.
    pub(crate) fn number(&mut self, url: &str, text: &str, title: Option<&str>) -> usize {
        let url = &*crate::sanitize::clean_url(url);
        let text = &*crate::sanitize::sanitize_line(text);
        let title = title.map(crate::sanitize::sanitize_line);
        let title = title.as_deref();
        let hash = xxhash_rust::xxh3::xxh3_64(url.as_bytes());
        let known = match self.by_url.get(&hash) {
            Some(&n) if self.links[n - 1].url == url => Some(n),
            // Another URL has the same hash: this one may still be known.
            Some(_) => self.links.iter().find(|l| l.url == url).map(|l| l.n),
            None => None,
        };
        if let Some(n) = known {
            return n;
        }
        let n = self.links.len() + 1;
        self.links.push(Link {
            n,
            text: text.trim().to_string(),
            url: url.to_string(),
            title: title.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string),
        });
        self.by_url.entry(hash).or_insert(n);
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
    /// The blocks that follow, up to [`Sink::end_note`], are footnote `n`:
    /// they are set after the body, in the order of the notes' numbers.
    fn begin_note(&mut self, n: usize);
    /// Ends the footnote that [`Sink::begin_note`] began.
    fn end_note(&mut self);
    /// The next block closed is a heading with this id.
    fn anchor(&mut self, _id: &str) {}
    /// The open block shows the picture of link `n`.
    fn image(&mut self, _n: usize) {}

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
    /// The blocks of footnotes, with their numbers, in source order.
    notes: Vec<(usize, Block)>,
    /// The numbers of the footnotes being read (a note inside a note is part
    /// of the outer one).
    in_note: Vec<usize>,
    /// The id of the heading being read.
    anchor: Option<String>,
    anchors: Vec<(String, usize)>,
    /// The link numbers of the pictures in the open block.
    open_images: Vec<usize>,
    images: Vec<(usize, usize)>,
}

impl Builder {
    pub(crate) fn finish(mut self) -> Document {
        let notes_start = (!self.notes.is_empty()).then_some(self.blocks.len());
        // A stable sort: a note's blocks keep their order.
        self.notes.sort_by_key(|(n, _)| *n);
        self.blocks.extend(self.notes.into_iter().map(|(_, b)| b));
        Document {
            blocks: self.blocks,
            links: self.links.into_links(),
            anchors: self.anchors,
            notes_start,
            images: self.images,
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
        let anchor = self.anchor.take();
        let images = std::mem::take(&mut self.open_images);
        if is_blank(&inlines) && !kind.shown_blank() {
            return;
        }
        let keep = self.stack.len().min(MAX_CONTAINERS);
        let containers = self.stack[..keep].to_vec();
        // Markers are drawn once: later blocks of the same items are indented.
        for c in &mut self.stack[..keep] {
            if let Container::Item { first, .. } | Container::Callout { first, .. } = c {
                *first = false;
            }
        }
        if let Some(Container::Item { first, .. } | Container::Callout { first, .. }) = self.stack.last_mut() {
            *first = false;
        }
        let block = Block {
            kind,
            containers,
            depth: self.stack.len(),
            gap_before,
            inlines,
        };
        match self.in_note.first() {
            Some(&n) => self.notes.push((n, block)),
            None => {
                if let (Some(id), BlockKind::Heading(_)) = (anchor, &block.kind) {
                    self.anchors.push((id, self.blocks.len()));
                }
                let at = self.blocks.len();
                self.images.extend(images.into_iter().map(|n| (at, n)));
                self.blocks.push(block);
            }
        }
    }

    fn begin_note(&mut self, n: usize) {
        self.in_note.push(n);
    }

    fn end_note(&mut self) {
        self.in_note.pop();
    }

    fn anchor(&mut self, id: &str) {
        self.anchor = Some(id.to_string());
    }

    fn image(&mut self, n: usize) {
        self.open_images.push(n);
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
