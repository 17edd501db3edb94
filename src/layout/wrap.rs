//! Wrapping styled text to a width, with textwrap's first-fit algorithm.
//!
//! textwrap wraps plain strings; kiosk's text carries styles, so words are
//! built here as textwrap [`Fragment`]s made of styled pieces and handed to
//! `wrap_first_fit`. Widths are display columns (wide characters count 2).

use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::{Line, Span, Style};

/// Display width of a string in terminal columns.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// A word: styled pieces with no break inside, and the space after it.
#[derive(Debug, Clone)]
struct Word {
    pieces: Vec<Span>,
    width: usize,
    /// Width of the whitespace after the word (0 at a hyphen break).
    space: usize,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

impl Word {
    fn push(&mut self, c: char, style: Style) {
        match self.pieces.last_mut() {
            Some(last) if last.style == style => last.text.push(c),
            _ => self.pieces.push(Span {
                text: c.to_string(),
                style,
            }),
        }
    }

    fn finish(&mut self) {
        self.width = self.pieces.iter().map(|p| width(&p.text)).sum();
    }
}

/// Splits styled text into words. Whitespace runs collapse to one space; a
/// hyphen between letters is a break opportunity (German compounds).
fn words(atoms: &[Span]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current = Word {
        pieces: Vec::new(),
        width: 0,
        space: 0,
    };
    let mut prev: Option<char> = None;
    let mut before_prev: Option<char> = None;
    let mut pending_space = false;
    for atom in atoms {
        for c in atom.text.chars() {
            if c.is_whitespace() {
                pending_space = true;
                continue;
            }
            let hyphen_break = prev == Some('-') && before_prev.is_some_and(char::is_alphanumeric) && c.is_alphabetic();
            if pending_space || hyphen_break {
                if !current.pieces.is_empty() {
                    current.space = usize::from(pending_space);
                    current.finish();
                    out.push(std::mem::replace(
                        &mut current,
                        Word {
                            pieces: Vec::new(),
                            width: 0,
                            space: 0,
                        },
                    ));
                }
                pending_space = false;
            }
            current.push(c, atom.style);
            before_prev = prev;
            prev = Some(c);
        }
    }
    if !current.pieces.is_empty() {
        current.finish();
        out.push(current);
    }
    out
}

/// Shown instead of a character wider than the whole line (a CJK character
/// at width 1): the line stays within its width and the place stays visible.
const TOO_WIDE: &str = "…";

/// Breaks a word wider than `max` into chunks that fit, at grapheme boundaries.
fn break_word(word: Word, max: usize, into: &mut Vec<Word>) {
    if word.width <= max {
        into.push(word);
        return;
    }
    let mut chunk = Word {
        pieces: Vec::new(),
        width: 0,
        space: 0,
    };
    for piece in word.pieces {
        for g in piece.text.graphemes(true) {
            let (g, w) = match width(g) {
                w if w > max => (TOO_WIDE, 1),
                w => (g, w),
            };
            if chunk.width + w > max && !chunk.pieces.is_empty() {
                into.push(std::mem::replace(
                    &mut chunk,
                    Word {
                        pieces: Vec::new(),
                        width: 0,
                        space: 0,
                    },
                ));
            }
            match chunk.pieces.last_mut() {
                Some(last) if last.style == piece.style => last.text.push_str(g),
                _ => chunk.pieces.push(Span {
                    text: g.to_string(),
                    style: piece.style,
                }),
            }
            chunk.width += w;
        }
    }
    chunk.space = word.space;
    into.push(chunk);
}

/// Wraps styled text into lines of at most `width` columns, each starting
/// with `first` (the first line) or `rest` (the others) as prefix. The two
/// prefixes must have the same width.
pub fn wrap(atoms: &[Span], first: &[Span], rest: &[Span], width_total: usize, plain: Style) -> Vec<Line> {
    let prefix_width: usize = rest.iter().map(|s| width(&s.text)).sum();
    let avail = width_total.saturating_sub(prefix_width).max(1);
    let mut fitted = Vec::new();
    for word in words(atoms) {
        break_word(word, avail, &mut fitted);
    }
    let mut lines = Vec::new();
    if fitted.is_empty() {
        lines.push(Line { spans: first.to_vec() });
        return lines;
    }
    for (i, line_words) in textwrap::wrap_algorithms::wrap_first_fit(&fitted, &[avail as f64])
        .into_iter()
        .enumerate()
    {
        let mut line = Line {
            spans: if i == 0 { first.to_vec() } else { rest.to_vec() },
        };
        for (k, word) in line_words.iter().enumerate() {
            if k > 0 {
                let before = &line_words[k - 1];
                if before.space > 0 {
                    // A space inside a link keeps the link's style; elsewhere it is plain.
                    let left = before.pieces.last().map(|p| p.style);
                    let right = word.pieces.first().map(|p| p.style);
                    let style = if left == right { left.unwrap_or(plain) } else { plain };
                    line.push(" ", style);
                }
            }
            for piece in &word.pieces {
                line.push(&piece.text, piece.style);
            }
        }
        lines.push(line);
    }
    lines
}

/// Hard-wraps one line of preformatted text at `width` columns, keeping spaces.
pub fn wrap_code(text: &str, prefix: &[Span], width_total: usize, style: Style) -> Vec<Line> {
    let prefix_width: usize = prefix.iter().map(|s| width(&s.text)).sum();
    let avail = width_total.saturating_sub(prefix_width).max(1);
    let mut lines = Vec::new();
    let mut line = Line { spans: prefix.to_vec() };
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = width(g);
        if used + w > avail && used > 0 {
            lines.push(std::mem::replace(&mut line, Line { spans: prefix.to_vec() }));
            used = 0;
        }
        if w > avail {
            continue; // a grapheme wider than the whole line cannot be shown
        }
        line.push(g, style);
        used += w;
    }
    lines.push(line);
    lines
}
