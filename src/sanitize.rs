//! Cleaning text from files before it can reach a terminal.
//!
//! Every string kiosk shows comes from untrusted files. Cleaning happens once,
//! at load, so that no later stage has to remember it: escape sequences are
//! removed whole (with their payload, so an OSC 52 clipboard write leaves no
//! base64 behind), other control characters are dropped, tabs are expanded,
//! and invisible format characters that can reorder or hide text (bidi
//! overrides and isolates, zero-width spaces, tag characters) are removed.
//! Joiners that emoji and some scripts need (ZWJ, ZWNJ) are kept.

use std::borrow::Cow;

/// Columns between tab stops when tabs are expanded.
pub const TAB_WIDTH: usize = 4;

/// At most this many combining marks follow one another; the rest of a run
/// is dropped. Real text stacks two or three (Vietnamese, Hebrew points,
/// Tibetan); "Zalgo" text stacks hundreds, and ten megabytes of it made
/// every screen of the reader megabytes to write.
pub const MAX_MARKS: usize = 8;

use unicode_normalization::char::is_combining_mark;

mod marks;
pub use marks::dropped_marks;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
const ST_C1: char = '\u{9c}';

/// True for characters that are removed because they are invisible: every
/// format character (Unicode category Cf: bidi controls, zero-width spaces,
/// tag characters, ...) but the joiners ZWJ and ZWNJ that emoji and several
/// scripts need, and the Hangul fillers that render as nothing.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                  // soft hyphen
        | '\u{0600}'..='\u{0605}'   // Arabic number signs
        | '\u{061C}'                // Arabic letter mark
        | '\u{06DD}' | '\u{070F}'   // Arabic end of ayah, Syriac abbreviation mark
        | '\u{0890}' | '\u{0891}' | '\u{08E2}'
        | '\u{115F}' | '\u{1160}'   // Hangul fillers
        | '\u{180E}'                // Mongolian vowel separator
        | '\u{200B}'                // zero-width space
        | '\u{200E}' | '\u{200F}'   // LRM, RLM
        | '\u{202A}'..='\u{202E}'   // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'   // word joiner, invisible operators
        | '\u{2066}'..='\u{206F}'   // bidi isolates, deprecated format chars
        | '\u{3164}'                // Hangul filler
        | '\u{FEFF}'                // zero-width no-break space / BOM
        | '\u{FFA0}'                // halfwidth Hangul filler
        | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotations
        | '\u{110BD}' | '\u{110CD}' // Kaithi number signs
        | '\u{13430}'..='\u{1343F}' // Egyptian hieroglyph format controls
        | '\u{1BCA0}'..='\u{1BCA3}' // shorthand format controls
        | '\u{1D173}'..='\u{1D17A}' // musical format controls
        | '\u{E0000}'..='\u{E007F}' // tag characters
    )
}

/// True for any character `sanitize` never lets through.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || is_invisible_format(c) || c == '\u{2028}' || c == '\u{2029}'
}

/// Cleans multi-line text: newlines are kept, carriage returns are dropped
/// (so CRLF becomes LF), tabs become spaces.
///
/// ```
/// use kiosk::sanitize::sanitize;
/// // A terminal-title change and a colour are removed with their payload.
/// assert_eq!(sanitize("a\x1b]0;pwned\x07b \x1b[31mred\r\n"), "ab red\n");
/// ```
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if is_clean(text, true) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(clean(text, true))
}

/// Cleans text that must stay on one line (titles, tags, file names): like
/// [`sanitize`], and newlines become spaces.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    if is_clean(text, false) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(clean(text, false))
}

/// Cleans a URL decoded from a file: every character [`is_forbidden`] names
/// and every white-space character is percent-encoded, so that what a
/// status line shows is what a browser is handed (`exa%E2%80%8Bmple`, not an
/// invisible space in the middle of a host name).
///
/// ```
/// use kiosk::sanitize::clean_url;
/// assert_eq!(clean_url("https://exa\u{200b}mple.org/\u{1b}]"), "https://exa%E2%80%8Bmple.org/%1B]");
/// assert_eq!(clean_url("https://example.org/ü"), "https://example.org/ü");
/// ```
pub fn clean_url(url: &str) -> Cow<'_, str> {
    if url_is_clean(url) {
        return Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        if is_forbidden(c) || c.is_whitespace() {
            let mut bytes = [0u8; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// True when a URL may be shown and opened as it is: no character
/// [`is_forbidden`] names (controls, C1, bidi, zero-width and other format
/// characters) and no white space. The reader refuses to open any other.
pub fn url_is_clean(url: &str) -> bool {
    is_clean(url, false) && !url.chars().any(char::is_whitespace)
}

/// The output boundary: what every command writes to a terminal or a pipe
/// passes through here last, whatever it was made from (a parser, the index
/// cache, a file name). Text is already clean by then, so this borrows and
/// costs one scan; anything that slipped through is removed as
/// [`sanitize`] removes it. The reader calls it on what it draws too.
///
/// ```
/// use kiosk::sanitize::for_output;
/// assert_eq!(for_output("title\u{9b}2J \u{202e}x\n"), "title x\n");
/// ```
pub fn for_output(text: &str) -> Cow<'_, str> {
    sanitize(text)
}

/// True for a byte that may begin a character [`is_forbidden`] names (ASCII
/// controls aside): the UTF-8 lead bytes of every range it lists, and a few
/// neighbours. Umlauts (C3), CJK (E4-E9) and most emoji pass untouched.
const fn may_start_forbidden(b: u8) -> bool {
    // CC-D7 lead the combining marks of U+0300-U+05FF, whose runs are bounded.
    (b == 0x7f) | (b == 0xC2) | (b >= 0xCC && b <= 0xE3) | (b == 0xEF) | (b == 0xF0) | (b == 0xF3)
}

/// True when nothing in `text` needs cleaning. 64 bytes at a time (SIMD,
/// 16 lanes through `wide`), bytes that cannot begin a forbidden character
/// are passed; only the rest are looked at closely.
fn is_clean(text: &str, newlines_ok: bool) -> bool {
    if newlines_ok {
        is_clean_as::<true>(text)
    } else {
        is_clean_as::<false>(text)
    }
}

fn is_clean_as<const NEWLINES_OK: bool>(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let suspects = match <&[u8; 64]>::try_from(rest.get(..64).unwrap_or(rest)) {
            Ok(block) => suspects::<NEWLINES_OK>(block),
            Err(_) => {
                // The end, padded with spaces, which are never suspects.
                let mut padded = [b' '; 64];
                padded[..rest.len()].copy_from_slice(rest);
                suspects::<NEWLINES_OK>(&padded)
            }
        };
        if suspects == 0 {
            i += 64;
            continue;
        }
        // Straight to the first byte that needs a closer look.
        i += suspects.trailing_zeros() as usize;
        let b = bytes[i];
        if b.is_ascii() {
            let ok = (0x20..0x7f).contains(&b) || (b == b'\n' && NEWLINES_OK);
            if !ok {
                return false;
            }
            i += 1;
        } else if !may_start_forbidden(b) {
            // A lead byte of a harmless character the vector test takes in
            // (F1, F2).
            i += 1;
        } else if b == 0xE2 {
            // Typographic quotes and dashes lead with E2 too: the few
            // forbidden characters of U+2000-U+2FFF are told by their bytes.
            // (U+200B, U+200E-F, U+2028-2E, U+2060-64, U+2066-6F)
            if let [_, b1, b2, ..] = bytes[i..] {
                let forbidden = match b1 {
                    0x80 => matches!(b2, 0x8B | 0x8E | 0x8F | 0xA8..=0xAE),
                    0x81 => matches!(b2, 0xA0..=0xA4 | 0xA6..=0xAF),
                    _ => false,
                };
                if forbidden {
                    return false;
                }
                if b1 == 0x83 && b2 >= 0x90 {
                    // U+20D0-U+20FF, combining marks for symbols: runs are bounded.
                    let Some(len) = mark_run(&text[i..]) else {
                        return false;
                    };
                    i += len.max(3);
                    continue;
                }
            }
            i += 3;
        } else {
            // A lead byte: a character starts here.
            let c = text[i..].chars().next().unwrap_or(' ');
            if is_forbidden(c) {
                return false;
            }
            if is_combining_mark(c) {
                let Some(len) = mark_run(&text[i..]) else {
                    return false;
                };
                i += len;
                continue;
            }
            i += c.len_utf8();
        }
    }
    true
}

/// The bytes of a 64-byte block that [`is_clean`] must look at, as bits:
/// controls (but a newline where newlines are fine), and the lead bytes of
/// [`may_start_forbidden`] (with F1 and F2, which cost one test less).
fn suspects<const NEWLINES_OK: bool>(block: &[u8; 64]) -> u64 {
    use wide::u8x16;
    let mut mask = 0u64;
    for (k, part) in block.chunks_exact(16).enumerate() {
        let x = u8x16::new(<[u8; 16]>::try_from(part).unwrap_or_default());
        let is = |b: u8| x.simd_eq(u8x16::splat(b));
        // Unsigned `lo <= x <= lo + span`.
        let within = |lo: u8, span: u8| {
            let t = x - u8x16::splat(lo);
            t.min(u8x16::splat(span)).simd_eq(t)
        };
        let mut control = within(0, 0x1F);
        if NEWLINES_OK {
            control &= !is(b'\n');
        }
        // CC-D7 (combining marks), D8-DF and E0-E3 are one range; F0-F3 are
        // the bytes that or 3 makes F3.
        let f0_to_f3 = (x | u8x16::splat(3)).simd_eq(u8x16::splat(0xF3));
        let lead = is(0x7F) | is(0xC2) | within(0xCC, 0x17) | is(0xEF) | f0_to_f3;
        mask |= u64::from((control | lead).to_bitmask()) << (16 * k);
    }
    mask
}

/// What the scanner is inside of.
enum State {
    Text,
    /// After ESC: the next character decides.
    Escape,
    /// A CSI sequence: parameters until a final byte in `@`..=`~`.
    Csi,
    /// A string sequence (OSC, DCS, SOS, PM, APC) until ST or BEL.
    Str,
    /// ESC seen inside a string sequence: `\` ends it.
    StrEscape,
    /// An `nF` escape: intermediates (space to `/`) until a final byte.
    Intermediate,
}

fn clean(text: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut state = State::Text;
    let mut column = 0usize;
    let mut marks = 0usize;
    for c in text.chars() {
        if is_combining_mark(c) {
            marks += 1;
            if marks > MAX_MARKS {
                continue;
            }
        } else {
            marks = 0;
        }
        state = match state {
            State::Text => match c {
                ESC => State::Escape,
                '\u{9b}' => State::Csi,
                '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => State::Str,
                '\n' | '\u{2028}' | '\u{2029}' => {
                    if keep_newlines {
                        out.push('\n');
                        column = 0;
                    } else if !out.ends_with(' ') {
                        out.push(' ');
                        column += 1;
                    }
                    State::Text
                }
                '\t' => {
                    let spaces = TAB_WIDTH - column % TAB_WIDTH;
                    out.extend(std::iter::repeat_n(' ', spaces));
                    column += spaces;
                    State::Text
                }
                c if is_forbidden(c) => State::Text,
                c => {
                    out.push(c);
                    column += 1;
                    State::Text
                }
            },
            State::Escape => match c {
                '[' => State::Csi,
                ']' | 'P' | 'X' | '^' | '_' => State::Str,
                ' '..='/' => State::Intermediate,
                _ => State::Text, // a two-character escape: drop both
            },
            State::Csi => match c {
                '@'..='~' => State::Text,
                // A CSI that never ends must not swallow the article: stop at a newline.
                '\n' => {
                    if keep_newlines {
                        out.push('\n');
                        column = 0;
                    }
                    State::Text
                }
                _ => State::Csi,
            },
            State::Intermediate => match c {
                ' '..='/' => State::Intermediate,
                _ => State::Text,
            },
            State::Str => match c {
                BEL | ST_C1 => State::Text,
                // An unterminated string must not swallow the rest of the article.
                '\n' => {
                    if keep_newlines {
                        out.push('\n');
                        column = 0;
                    }
                    State::Text
                }
                ESC => State::StrEscape,
                _ => State::Str,
            },
            State::StrEscape => match c {
                '\\' => State::Text,
                ESC => State::StrEscape,
                _ => State::Str,
            },
        };
    }
    out
}

/// The bytes of the run of combining marks `text` starts with, or `None`
/// when the run is longer than [`MAX_MARKS`].
fn mark_run(text: &str) -> Option<usize> {
    let run = text.chars().take_while(|&m| is_combining_mark(m)).take(MAX_MARKS + 1);
    let (count, len) = run.fold((0, 0), |(n, l), m| (n + 1, l + m.len_utf8()));
    (count <= MAX_MARKS).then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The fast check agrees with classifying every character, whatever
        /// the mix (runs longer than a 32-byte chunk, chunks ending inside a
        /// character, every lead byte the check singles out).
        #[test]
        fn the_fast_check_agrees_with_the_definition(
            text in "([a-z ]{0,40}|[äöüß€“”–…„]{0,9}|[世界数据]{0,5}|[　、。「」ア（），￥]{0,5}|[👩‍💻🎉🙂]{0,3}|\\PC|\\p{Cc}|\\p{Cf}|[\u{80}-\u{9f}\u{ad}\u{600}-\u{70f}\u{890}-\u{8e2}\u{2028}\u{2029}\u{feff}\u{e0001}\u{1d173}\u{3164}\u{ffa0}\u{fff9}-\u{fffb}\u{110bd}\u{13430}\u{1bca0}]|[\u{2000}-\u{20ff}]|[\u{3160}-\u{3170}\u{fe00}-\u{ffff}\u{1f000}-\u{1f0ff}]|\n){0,60}",
            newlines_ok in proptest::bool::ANY,
        ) {
            let expected = text.chars().all(|c| !is_forbidden(c) && (newlines_ok || c != '\n')) && !too_many_marks(&text);
            proptest::prop_assert_eq!(is_clean(&text, newlines_ok), expected);
        }
    }

    /// True when more than [`MAX_MARKS`] combining marks follow one another.
    fn too_many_marks(text: &str) -> bool {
        let mut run = 0;
        text.chars().any(|c| {
            run = if is_combining_mark(c) { run + 1 } else { 0 };
            run > MAX_MARKS
        })
    }

    proptest::proptest! {
        /// Runs of combining marks of any block (Zalgo) are cut to
        /// [`MAX_MARKS`] and the fast check sees every longer run.
        #[test]
        fn mark_runs_are_bounded(
            text in "([a-zа-я ]|[\u{300}-\u{36f}]{0,12}|[\u{483}-\u{489}]{0,12}|[\u{591}-\u{5bd}]{0,12}|[\u{20d0}-\u{20f0}]{0,12}|[\u{1dc0}-\u{1dff}]{0,12}|[\u{fe20}-\u{fe2f}]{0,12}|[\u{93c}\u{941}]{0,12}){0,20}",
        ) {
            proptest::prop_assert_eq!(is_clean(&text, true), !too_many_marks(&text) && !text.chars().any(is_forbidden));
            proptest::prop_assert!(!too_many_marks(&sanitize(&text)));
        }
    }

    #[test]
    fn zalgo_is_cut_in_linear_time() {
        let zalgo = format!("a{}b", "\u{301}".repeat(5_000_000));
        let clean = sanitize(&zalgo);
        assert_eq!(clean, format!("a{}b", "\u{301}".repeat(MAX_MARKS)));
    }

    /// Every character of the lead bytes the check looks at most closely
    /// (E2, E3, EF, F0: punctuation, CJK, fullwidth forms, emoji and the
    /// invisible characters among them), at the start of a chunk and inside
    /// one.
    #[test]
    fn every_character_of_the_busiest_lead_bytes_is_told_right() {
        let ranges = [0x2000..=0x2FFF, 0x3000..=0x3FFF, 0xF000..=0xFFFF, 0x10000..=0x1FFFF];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            for before in [0, 5, 16] {
                let text = format!("{}{c}{}", "a".repeat(before), "b".repeat(20));
                assert_eq!(
                    is_clean(&text, true),
                    !is_forbidden(c),
                    "U+{:04X} after {before}",
                    c as u32
                );
            }
        }
    }

    /// Every ASCII character, at each place of a block and in the padded end.
    #[test]
    fn every_ascii_character_is_told_right_anywhere() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            for before in [0, 1, 15, 16, 63, 64, 70] {
                let text = format!("{}{c}{}", "a".repeat(before), "b".repeat(before % 7));
                for newlines_ok in [true, false] {
                    let expected = !is_forbidden(c) && (newlines_ok || c != '\n');
                    assert_eq!(is_clean(&text, newlines_ok), expected, "{b:#04x} after {before}");
                }
            }
        }
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(sanitize("Grüße, 世界 👩‍💻\nzwei"), Cow::Borrowed(_)));
    }

    #[test]
    fn sequences_are_removed_with_payload() {
        let cases = [
            ("a\x1b[31mred\x1b[0m b", "ared b"),
            ("t\x1b]0;pwned\x07x", "tx"),
            ("t\x1b]52;c;aGVsbG8=\x1b\\x", "tx"),
            ("t\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\x", "tlinkx"),
            ("t\x1bP+q544e\x1b\\x", "tx"),
            ("t\x1b_apc\x1b\\x", "tx"),
            ("t\x1b^pm\x1b\\x", "tx"),
            ("t\u{9b}2Jx", "tx"),
            ("t\u{9d}0;title\u{9c}x", "tx"),
            ("bell\x07 back\x08 cr\r!", "bell back cr!"),
            ("\u{202e}evil\u{2066}x\u{2069}", "evilx"),
            ("zero\u{200b}width\u{feff}", "zerowidth"),
            ("tag\u{e0041}\u{e007f}s", "tags"),
            ("a\x1b(Bb", "ab"),
            ("a\x1b7b\x1b8c", "abc"),
        ];
        for (input, want) in cases {
            assert_eq!(sanitize(input), want, "input {input:?}");
        }
    }

    #[test]
    fn graphemes_stay_intact() {
        let family = "👨\u{200d}👩\u{200d}👧 e\u{301}";
        assert_eq!(sanitize(family), family);
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(sanitize("a\tb\n\tc"), "a   b\n    c");
    }

    #[test]
    fn line_variant_joins_lines() {
        assert_eq!(sanitize_line("one\ntwo\r\nthree"), "one two three");
    }

    #[test]
    fn unterminated_csi_stops_at_newline() {
        assert_eq!(sanitize("a\x1b[12;\nnext"), "a\nnext");
    }
}
