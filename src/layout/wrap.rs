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
    // Printable ASCII is one column a byte: the common case, without tables.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return text.len();
    }
    UnicodeWidthStr::width(text)
}

/// A run of text in one style to be wrapped: a [`Span`], or borrowed text.
pub trait Atom {
    /// The text.
    fn text(&self) -> &str;
    /// Its style.
    fn style(&self) -> Style;
}

impl Atom for Span {
    fn text(&self) -> &str {
        &self.text
    }
    fn style(&self) -> Style {
        self.style
    }
}

impl Atom for (std::borrow::Cow<'_, str>, Style) {
    fn text(&self) -> &str {
        &self.0
    }
    fn style(&self) -> Style {
        self.1
    }
}

/// A piece of a word: a byte range of one atom (so one style).
#[derive(Debug, Clone, Copy)]
struct Piece {
    atom: u32,
    start: u32,
    end: u32,
}

/// A word: a run of pieces with no break inside, and the space after it.
/// Words index into one shared piece list, so splitting a paragraph into
/// words allocates nothing per word.
#[derive(Debug, Clone, Copy)]
struct Word {
    first: u32,
    count: u32,
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

/// The words of styled text, and the pieces they are made of.
struct Words<'a, A> {
    atoms: &'a [A],
    pieces: Vec<Piece>,
    words: Vec<Word>,
}

impl<'a, A: Atom> Words<'a, A> {
    fn text(&self, p: Piece) -> &'a str {
        &self.atoms[p.atom as usize].text()[p.start as usize..p.end as usize]
    }

    fn style(&self, p: Piece) -> Style {
        self.atoms[p.atom as usize].style()
    }

    fn pieces_of(&self, w: &Word) -> &[Piece] {
        &self.pieces[w.first as usize..(w.first + w.count) as usize]
    }
}

/// True for characters of Chinese and Japanese text, which is written
/// without spaces: a line may break before or after any of them (see
/// [`cjk_break`]).
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' // CJK symbols and punctuation
        | '\u{3040}'..='\u{30FF}' // hiragana, katakana
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}' // ideographs
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}' // full-width forms
        | '\u{20000}'..='\u{3134F}')
}

/// True where a line may break between `prev` and `c` in CJK text: beside a
/// CJK character, except before closing punctuation, small kana and marks
/// that join the character before (`。` never starts a line) and after
/// opening punctuation (`「` never ends one).
pub(super) fn cjk_break(prev: char, c: char) -> bool {
    const NO_BREAK_BEFORE: &str =
        "、。，．：；？！）］｝」』】〕〉》〙〗〟ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ・…‥〜";
    const NO_BREAK_AFTER: &str = "（［｛「『【〔〈《〘〖〝";
    (is_cjk(prev) || is_cjk(c))
        && !NO_BREAK_BEFORE.contains(c)
        && !NO_BREAK_AFTER.contains(prev)
        && unicode_width::UnicodeWidthChar::width(c).is_some_and(|w| w > 0)
        && !matches!(c, '\u{3099}' | '\u{309A}' | '\u{FE00}'..='\u{FE0F}')
        && !c.is_ascii_punctuation()
}

/// Splits styled text into words. Whitespace runs collapse to one space; a
/// hyphen between letters is a break opportunity (German compounds), and so
/// is the place between two characters of Chinese or Japanese text (see
/// [`cjk_break`]). Words wider than `max` are broken at grapheme boundaries.
fn words<A: Atom>(atoms: &[A], max: usize) -> Words<'_, A> {
    // Sized for words of about five bytes and a space: grown once, if ever.
    let guess = atoms.iter().map(|a| a.text().len()).sum::<usize>() / 6 + atoms.len();
    let mut w = Words {
        atoms,
        pieces: Vec::with_capacity(guess),
        words: Vec::with_capacity(guess),
    };
    // The word being built: its first piece, and the open piece.
    let mut first = 0u32;
    let mut open: Option<Piece> = None;
    let mut prev: Option<char> = None;
    let mut before_prev: Option<char> = None;
    let mut pending_space = false;
    // Whether the word being built is printable ASCII only, one column a
    // byte: most words, measured without a second look at their text.
    let mut ascii = true;
    let finish = |w: &mut Words<A>, open: &mut Option<Piece>, first: &mut u32, ascii: &mut bool, space: usize| {
        if let Some(p) = open.take() {
            w.pieces.push(p);
        }
        let count = w.pieces.len() as u32 - *first;
        if count > 0 {
            let pieces = &w.pieces[*first as usize..];
            let width = if *ascii {
                pieces.iter().map(|p| (p.end - p.start) as usize).sum()
            } else {
                pieces.iter().map(|&p| width(w.text(p))).sum()
            };
            w.words.push(Word {
                first: *first,
                count,
                width,
                space,
            });
        }
        *first = w.pieces.len() as u32;
        *ascii = true;
    };
    for (a, atom) in atoms.iter().enumerate() {
        if let Some(p) = open.take() {
            w.pieces.push(p);
        }
        let text = atom.text();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = match bytes[i] {
                b if b.is_ascii() => char::from(b),
                _ => text[i..].chars().next().unwrap_or_default(),
            };
            if c.is_whitespace() {
                pending_space = true;
                i += c.len_utf8();
                continue;
            }
            let hyphen_break = prev == Some('-') && before_prev.is_some_and(char::is_alphanumeric) && c.is_alphabetic();
            let cjk = !c.is_ascii() || prev.is_some_and(|p| !p.is_ascii());
            if pending_space || hyphen_break || (cjk && prev.is_some_and(|p| cjk_break(p, c))) {
                finish(&mut w, &mut open, &mut first, &mut ascii, usize::from(pending_space));
                pending_space = false;
            }
            ascii &= (' '..='~').contains(&c);
            before_prev = prev;
            prev = Some(c);
            let mut end = i + c.len_utf8();
            // After any character but a hyphen (or a CJK one, which a line
            // may break after), a run of printable ASCII without hyphens has
            // no break in it: taken whole.
            if c != '-' && !is_cjk(c) {
                let run = bytes[end..].iter().take_while(|&&b| plain_ascii(b)).count();
                if run > 0 {
                    end += run;
                    // (What came before it matters only after a hyphen.)
                    prev = Some(char::from(bytes[end - 1]));
                }
            }
            match &mut open {
                Some(p) if p.end == i as u32 => p.end = end as u32,
                _ => {
                    if let Some(p) = open.take() {
                        w.pieces.push(p);
                    }
                    open = Some(Piece {
                        atom: a as u32,
                        start: i as u32,
                        end: end as u32,
                    });
                }
            }
            i = end;
        }
    }
    finish(&mut w, &mut open, &mut first, &mut ascii, 0);
    if w.words.iter().any(|word| word.width > max) {
        break_long_words(&mut w, max);
    }
    w
}

/// Printable ASCII other than the hyphen: one column, and never a break.
fn plain_ascii(b: u8) -> bool {
    (b'!'..=b'~').contains(&b) && b != b'-'
}

/// Shown instead of a character wider than the whole line (a CJK character
/// at width 1): the line stays within its width and the place stays visible.
const TOO_WIDE: &str = "…";

/// Breaks words wider than `max` into chunks that fit, at grapheme
/// boundaries. Rare, so it may allocate.
fn break_long_words<A: Atom>(w: &mut Words<A>, max: usize) {
    let mut pieces = Vec::with_capacity(w.pieces.len());
    let mut words = Vec::with_capacity(w.words.len());
    for word in std::mem::take(&mut w.words) {
        let own: Vec<Piece> = w.pieces_of(&word).to_vec();
        if word.width <= max {
            words.push(Word {
                first: pieces.len() as u32,
                ..word
            });
            pieces.extend(own);
            continue;
        }
        let mut chunk_first = pieces.len() as u32;
        let mut chunk_width = 0;
        for p in own {
            let text = w.text(p);
            let mut offset = 0usize;
            for g in text.graphemes(true) {
                let gw = width(g);
                if chunk_width + gw.min(max) > max && pieces.len() as u32 > chunk_first {
                    words.push(Word {
                        first: chunk_first,
                        count: pieces.len() as u32 - chunk_first,
                        width: chunk_width,
                        space: 0,
                    });
                    chunk_first = pieces.len() as u32;
                    chunk_width = 0;
                }
                let (start, end) = (p.start + offset as u32, p.start + (offset + g.len()) as u32);
                offset += g.len();
                if gw > max {
                    // Marked with an empty range; drawn as TOO_WIDE.
                    pieces.push(Piece {
                        atom: p.atom,
                        start,
                        end: start,
                    });
                    chunk_width += 1;
                    continue;
                }
                let in_chunk = pieces.len() as u32 > chunk_first;
                match pieces.last_mut() {
                    Some(last) if in_chunk && last.atom == p.atom && last.end == start && last.start != last.end => {
                        last.end = end
                    }
                    _ => pieces.push(Piece {
                        atom: p.atom,
                        start,
                        end,
                    }),
                }
                chunk_width += gw;
            }
        }
        words.push(Word {
            first: chunk_first,
            count: pieces.len() as u32 - chunk_first,
            width: chunk_width,
            space: word.space,
        });
    }
    w.pieces = pieces;
    w.words = words;
}

/// Wraps styled text into lines of at most `width` columns, each starting
/// with `first` (the first line) or `rest` (the others) as prefix, and
/// appends them to `lines`. The two prefixes must have the same width.
pub fn wrap<A: Atom>(
    atoms: &[A],
    first: &[Span],
    rest: &[Span],
    width_total: usize,
    plain: Style,
    lines: &mut Vec<Line>,
) {
    let prefix_width: usize = rest.iter().map(|s| width(&s.text)).sum();
    let avail = width_total.saturating_sub(prefix_width).max(1);
    let w = words(atoms, avail);
    if w.words.is_empty() {
        lines.push(Line { spans: first.to_vec() });
        return;
    }
    // The pieces of one line, then made into spans of exactly their size.
    // A line holds at most its prefix, and a piece and a space per column.
    let most = first.len().max(rest.len()) + 2 * w.pieces.len().min(avail) + 1;
    let mut segments: Vec<(&str, Style)> = Vec::with_capacity(most);
    for (i, line_words) in textwrap::wrap_algorithms::wrap_first_fit(&w.words, &[avail as f64])
        .into_iter()
        .enumerate()
    {
        segments.clear();
        let prefix = if i == 0 { first } else { rest };
        segments.extend(prefix.iter().map(|s| (s.text.as_str(), s.style)));
        for (k, word) in line_words.iter().enumerate() {
            if k > 0 {
                let before = &line_words[k - 1];
                if before.space > 0 {
                    // A space inside a link keeps the link's style; elsewhere it is plain.
                    let left = w.pieces_of(before).last().map(|&p| w.style(p));
                    let right = w.pieces_of(word).first().map(|&p| w.style(p));
                    let style = if left == right { left.unwrap_or(plain) } else { plain };
                    segments.push((" ", style));
                }
            }
            for &piece in w.pieces_of(word) {
                let text = if piece.start == piece.end {
                    TOO_WIDE
                } else {
                    w.text(piece)
                };
                segments.push((text, w.style(piece)));
            }
        }
        lines.push(line_of(&segments, prefix.len()));
    }
}

/// A line from its segments: the prefix's spans as they are, then each run
/// of one style as one span, allocated once at its size.
fn line_of(segments: &[(&str, Style)], prefix: usize) -> Line {
    // One span per prefix part and per change of style after it, at most.
    let runs = 1 + segments[prefix..].windows(2).filter(|p| p[0].1 != p[1].1).count();
    let mut spans: Vec<Span> = Vec::with_capacity(prefix + runs);
    spans.extend(segments[..prefix].iter().map(|&(text, style)| Span {
        text: text.to_string(),
        style,
    }));
    let mut rest = &segments[prefix..];
    while let Some(&(_, style)) = rest.first() {
        let run = rest.iter().take_while(|s| s.1 == style).count();
        let len = rest[..run].iter().map(|s| s.0.len()).sum();
        let mut text = String::with_capacity(len);
        for s in &rest[..run] {
            text.push_str(s.0);
        }
        match spans.last_mut() {
            // Text in the style of the prefix's end continues it (as Line::push would).
            Some(last) if last.style == style => last.text.push_str(&text),
            _ => spans.push(Span { text, style }),
        }
        rest = &rest[run..];
    }
    Line { spans }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Role;

    /// Pieces as (atom, start, end); words as (first, count, width, space).
    type Split = (Vec<(u32, u32, u32)>, Vec<(u32, u32, usize, usize)>);

    /// The words of styled text as first written: one character at a time,
    /// every word measured with [`width`]. The oracle for [`words`].
    fn words_by_char(atoms: &[(std::borrow::Cow<'_, str>, Style)]) -> Split {
        let (mut pieces, mut words) = (Vec::new(), Vec::new());
        let (mut first, mut open) = (0, None::<(u32, u32, u32)>);
        let (mut prev, mut before_prev, mut pending_space) = (None::<char>, None::<char>, false);
        let text = |p: (u32, u32, u32)| &atoms[p.0 as usize].0[p.1 as usize..p.2 as usize];
        let mut finish = |pieces: &mut Vec<(u32, u32, u32)>, open: &mut Option<_>, first: &mut usize, space| {
            pieces.extend(open.take());
            if pieces.len() > *first {
                let w = pieces[*first..].iter().map(|&p| width(text(p))).sum();
                words.push((*first as u32, (pieces.len() - *first) as u32, w, space));
            }
            *first = pieces.len();
        };
        for (a, (t, _)) in atoms.iter().enumerate() {
            pieces.extend(open.take());
            for (i, c) in t.char_indices() {
                if c.is_whitespace() {
                    pending_space = true;
                    continue;
                }
                let hyphen_break =
                    prev == Some('-') && before_prev.is_some_and(char::is_alphanumeric) && c.is_alphabetic();
                let cjk = prev.is_some_and(|p| cjk_break(p, c));
                if pending_space || hyphen_break || cjk {
                    finish(&mut pieces, &mut open, &mut first, usize::from(pending_space));
                    pending_space = false;
                }
                let end = (i + c.len_utf8()) as u32;
                match &mut open {
                    Some(p) if p.2 == i as u32 => p.2 = end,
                    _ => {
                        pieces.extend(open.take());
                        open = Some((a as u32, i as u32, end));
                    }
                }
                before_prev = prev;
                prev = Some(c);
            }
        }
        finish(&mut pieces, &mut open, &mut first, 0);
        (pieces, words)
    }

    #[test]
    fn japanese_fills_its_lines_and_no_line_starts_with_a_closing_mark() {
        let text = "Congo 2.0には多くの変更点が含まれていますが、最新リリースへのアップグレードに必要な\
                    労力を最小限に抑えるように設計されています。とはいえ、Version 1.xで構築された「既存の\
                    サイト」には、いくつかの変更が必要です。";
        let doc = crate::document::parse_markdown(text);
        for width in [20, 33, 40, 41, 60] {
            let lines = crate::layout::layout(&doc, width).text_lines();
            assert!(lines[0].starts_with("Congo 2.0には"), "{width}: {lines:?}");
            for (i, line) in lines.iter().enumerate() {
                assert!(crate::layout::width(line) <= width, "{width}: {lines:?}");
                assert!(!line.starts_with(['、', '。', '」']), "{width}: {lines:?}");
                assert!(!line.ends_with('「'), "{width}: {lines:?}");
                // Every line but the last is full, give or take the mark
                // kept with the character before it, or a Latin word.
                if i + 1 < lines.len() && !line.contains("Version") {
                    assert!(crate::layout::width(line) + 4 >= width, "{width}: {lines:?}");
                }
            }
            // Nothing lost or added but the breaks.
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Taking runs of ASCII whole and measuring ASCII words by their
        /// length give the words and widths of the character-by-character
        /// split, for text of every kind: hyphens, Unicode spaces, wide and
        /// combining characters, emoji sequences, control characters.
        #[test]
        fn words_match_the_character_by_character_split(
            texts in proptest::collection::vec(
                "([a-z]{1,6}|[A-Z0-9.,;:!?()/]{1,3}|-|--| |  |\t|\n|\u{a0}|\u{2003}|\u{85}|ä|Größe|数据|🇩🇪|👩‍💻|e\u{301}|\u{1}|\u{7f}|x-y|[a-z]-[0-9]|日本語|。|「|」|か\u{3099}|ー|Ｘ|、){0,12}",
                1..5,
            ),
        ) {
            let atoms: Vec<(std::borrow::Cow<str>, Style)> = texts
                .into_iter()
                .enumerate()
                .map(|(i, t)| (t.into(), Style::role(if i % 2 == 0 { Role::Text } else { Role::Link })))
                .collect();
            let w = words(&atoms, usize::MAX);
            let pieces: Vec<_> = w.pieces.iter().map(|p| (p.atom, p.start, p.end)).collect();
            let split: Vec<_> = w.words.iter().map(|x| (x.first, x.count, x.width, x.space)).collect();
            proptest::prop_assert_eq!((pieces, split), words_by_char(&atoms));
        }
    }
}
