//! What pulldown-cmark's values mean in the document model: heading levels,
//! alignments, alert kinds, fence languages, and list bullets.

use pulldown_cmark::{Alignment, BlockQuoteKind, HeadingLevel};

use super::{Align, CalloutKind};
use crate::sanitize::sanitize_line;

/// The language of a fence's info string: ```` ```rust,ignore ````,
/// ```` ```{.python} ````, ```` ```js title="x" ````.
pub(super) fn language(info: &str) -> Option<String> {
    let word = info.trim().trim_start_matches('{').trim_start_matches('.');
    let word = word
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '{' | '}' | '='))
        .next()?;
    let word = sanitize_line(word).to_ascii_lowercase();
    (!word.is_empty() && word.len() <= 32).then_some(word)
}

pub(super) fn callout_kind(kind: BlockQuoteKind) -> CalloutKind {
    match kind {
        BlockQuoteKind::Note => CalloutKind::Note,
        BlockQuoteKind::Tip => CalloutKind::Tip,
        BlockQuoteKind::Important => CalloutKind::Important,
        BlockQuoteKind::Warning => CalloutKind::Warning,
        BlockQuoteKind::Caution => CalloutKind::Caution,
    }
}

pub(super) fn align(a: Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

pub(super) fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

pub(super) fn bullet(depth: usize) -> &'static str {
    match depth % 3 {
        1 => "• ",
        2 => "◦ ",
        _ => "▪ ",
    }
}
