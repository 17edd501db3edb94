//! What loading needs of a body, gathered by the same parsers that build
//! documents, without building one.

use super::{count_words, markdown, plain, BlockKind, Container, Document, Emphasis, Inline, LinkTable, Sink};
use crate::article::Link;

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
    /// The numbers of the footnotes being read.
    in_note: Vec<usize>,
    /// The shown blocks of footnotes, which the document sets after the
    /// body: their number, kind and text.
    notes: Vec<(usize, BlockKind, String)>,
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
        self.notes.sort_by_key(|(n, _, _)| *n);
        for (_, kind, text) in std::mem::take(&mut self.notes) {
            if self.wants(&kind) {
                self.take(&kind, text);
            }
        }
        self.facts.links = self.links.into_links();
        self.facts
    }

    /// True when the facts need the text of a shown block of `kind`.
    fn wants(&self, kind: &BlockKind) -> bool {
        (matches!(kind, BlockKind::Heading(level) if *level <= 2) && self.facts.heading.is_none())
            || (*kind == BlockKind::Paragraph && self.facts.first_paragraph.is_none())
            || self.facts.sample.len() < self.sample_chars
    }

    /// Takes what the facts need of a shown block of `kind` with `text`.
    fn take(&mut self, kind: &BlockKind, text: String) {
        let heading = matches!(kind, BlockKind::Heading(level) if *level <= 2) && self.facts.heading.is_none();
        let paragraph = *kind == BlockKind::Paragraph && self.facts.first_paragraph.is_none();
        if heading {
            self.facts.heading = Some(text.trim().to_string());
        }
        if self.facts.sample.len() < self.sample_chars {
            self.facts.sample.push_str(&text);
            self.facts.sample.push('\n');
        }
        if paragraph {
            self.facts.first_paragraph = Some(text);
        }
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
            Inline::Break | Inline::CellSeparator | Inline::RowEnd => Piece::Space,
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
        if !blank || kind.shown_blank() {
            match self.in_note.first() {
                Some(&n) => {
                    let text = self.plain_text();
                    self.notes.push((n, kind, text));
                }
                None => {
                    if self.wants(&kind) {
                        let text = self.plain_text();
                        self.take(&kind, text);
                    }
                }
            }
        }
        self.text.clear();
        self.inlines.clear();
    }

    fn begin_note(&mut self, n: usize) {
        self.in_note.push(n);
    }

    fn end_note(&mut self) {
        self.in_note.pop();
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
