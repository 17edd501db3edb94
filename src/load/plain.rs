//! Titles for articles that do not declare one.

use crate::document::is_heading_like;

/// Longest title kept whole; longer ones are shortened at a word boundary.
pub const MAX_TITLE_CHARS: usize = 100;

/// Splits a plain-text article into its title line and body, when the first
/// line looks like a title (short, no final full stop).
pub fn split_title(text: &str) -> Option<(String, &str)> {
    let trimmed = text.trim_start();
    let end = trimmed.find('\n').unwrap_or(trimmed.len());
    let first = trimmed[..end].trim();
    if is_heading_like(first, MAX_TITLE_CHARS + 20, 20) && !first.starts_with("- ") {
        Some((first.to_string(), &trimmed[end..]))
    } else {
        None
    }
}

/// Makes a title from the first sentence of `text`, shortened at a word
/// boundary to at most [`MAX_TITLE_CHARS`] characters (with `…`).
pub fn title_from_text(text: &str) -> Option<String> {
    let text = text.trim();
    let first_line = text.lines().next()?.trim();
    let sentence = first_sentence(first_line).trim_end_matches(['.', ' ']);
    if sentence.is_empty() {
        return None;
    }
    Some(shorten(sentence, MAX_TITLE_CHARS))
}

fn first_sentence(line: &str) -> &str {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if matches!(c, '.' | '!' | '?') {
            let next = chars.get(k + 1).map(|&(_, n)| n);
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            // "z.B." or "2.5" are not sentence ends; a space after the mark is.
            let ends = next.is_none_or(char::is_whitespace)
                && prev.is_some_and(|p| p.is_alphanumeric() || p == '"' || p == '“' || p == ')');
            let abbreviation = line[..i]
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.chars().count() <= 2 && w.contains('.'));
            if ends && !abbreviation {
                return &line[..i + c.len_utf8()];
            }
        }
    }
    line
}

/// Shortens `text` to at most `max` characters at a word boundary, adding `…`.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let limit = text.char_indices().nth(max - 1).map_or(text.len(), |(i, _)| i);
    let cut = text[..limit].rfind(' ').filter(|&i| i > 0).unwrap_or(limit);
    format!("{}…", text[..cut].trim_end_matches([' ', ',', ';', ':', '-', '–']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_line_is_split_off() {
        let (title, body) = split_title("Short Title\nBody line.").unwrap();
        assert_eq!(title, "Short Title");
        assert_eq!(body.trim(), "Body line.");
        assert!(split_title("A sentence that ends.\nBody").is_none());
    }

    #[test]
    fn sentence_titles_are_shortened_at_words() {
        let t = title_from_text("Dies ist ein Satz. Und noch einer.").unwrap();
        assert_eq!(t, "Dies ist ein Satz");
        let long = "word ".repeat(40);
        let t = title_from_text(&long).unwrap();
        assert!(t.chars().count() <= MAX_TITLE_CHARS, "{t}");
        assert!(t.ends_with("word…"), "{t}");
    }
}
