//! Titles for articles that do not declare one.

use crate::document::is_heading_like;

/// Longest title made from text that is kept whole (a headline's length);
/// longer ones are shortened at a word boundary.
pub const MAX_TITLE_CHARS: usize = 80;
/// Longest first line taken as a title line as it stands.
const MAX_TITLE_LINE_CHARS: usize = 120;

/// Splits a plain-text article into its title and body: the first line when
/// it looks like a title (short, no final full stop); else the first
/// sentence when it is short enough to be a title whole, which the body then
/// does not repeat. A longer first sentence stays in the body, and the title
/// made from it (see [`title_from_text`]) is shortened.
pub fn split_title(text: &str) -> Option<(String, &str)> {
    let trimmed = text.trim_start();
    let end = trimmed.find('\n');
    let first = trimmed[..end.unwrap_or(trimmed.len())].trim();
    if first.starts_with("- ") || first.is_empty() {
        return None;
    }
    if is_heading_like(first, MAX_TITLE_LINE_CHARS, 20) {
        return Some((first.to_string(), &trimmed[end.unwrap_or(trimmed.len())..]));
    }
    let sentence = first_sentence(first);
    // Only a sentence known to be whole: one ended by its mark, or a line
    // ended by a line break (a preview may hold only a line's start).
    let ended = sentence.len() < first.len() || end.is_some();
    let title = sentence.trim_end_matches(['.', ' ']);
    // `first` starts where `trimmed` does, and so does its first sentence.
    let rest = &trimmed[sentence.len()..];
    let whole = ended && !title.is_empty() && title.chars().nth(MAX_TITLE_CHARS).is_none();
    // An article of one sentence keeps it as its body too.
    (whole && !rest.trim().is_empty()).then(|| (title.to_string(), rest.trim_start_matches([' ', '\t'])))
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

/// Words a shortened title does not end on: articles, prepositions,
/// conjunctions and pronouns of the languages kiosk detects most, which leave
/// a phrase hanging ("… wiederholt gegen…").
const DANGLING: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into",
    "about", "as", "than", "is", "are", "was", "were", "be", "that", "which", "who", "its", "their", "his", "her",
    "our", "your", "my", "this", "these", "der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem",
    "einen", "eines", "und", "oder", "aber", "im", "an", "am", "auf", "aus", "bei", "mit", "nach", "von", "vom", "vor",
    "zu", "zum", "zur", "über", "unter", "gegen", "für", "durch", "um", "ohne", "seit", "sich", "dass", "als", "wie",
    "ist", "sind", "war", "sein", "seine", "ihre", "ihr", "le", "la", "les", "un", "une", "du", "de", "et", "ou", "à",
    "au", "aux", "en", "pour", "par", "sur", "avec", "dans", "que", "qui", "el", "los", "las", "una", "y", "o", "del",
    "al", "con", "por", "para", "il", "lo", "gli", "e", "di", "da", "per", "het", "een", "van", "op", "te", "met",
    "voor", "os", "um", "uma", "do", "dos", "em", "no", "na", "com",
];

/// Shortens `text` to at most `max` characters (with `…`) where a reader
/// expects a break: after a clause (`,`, `;`, `:`, a dash) in its second
/// half, else at the last word boundary that leaves no dangling word.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let limit = text.char_indices().nth(max - 1).map_or(text.len(), |(i, _)| i);
    let head = &text[..limit];
    let half = text.char_indices().nth(max / 2).map_or(0, |(i, _)| i);
    let clause = [", ", "; ", ": ", " – ", " — ", " - "]
        .iter()
        .filter_map(|sep| head.rfind(sep))
        .filter(|&at| at >= half)
        .max();
    let cut = clause.unwrap_or_else(|| {
        let mut cut = head.rfind(' ').filter(|&i| i > 0).unwrap_or(limit);
        // Drop hanging words, but never down to less than half the length.
        while let Some(space) = text[..cut].trim_end().rfind(' ').filter(|&s| s >= half) {
            let word = text[space + 1..cut].trim().to_lowercase();
            if !DANGLING.contains(&word.as_str()) {
                break;
            }
            cut = space;
        }
        cut
    });
    format!("{}…", text[..cut].trim_end_matches([' ', ',', ';', ':', '-', '–', '—']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_line_is_split_off() {
        let (title, body) = split_title("Short Title\nBody line.").unwrap();
        assert_eq!(title, "Short Title");
        assert_eq!(body.trim(), "Body line.");
        // A short first sentence is the title whole, and leaves the body.
        let (title, body) = split_title("A sentence that ends. Then more.\nBody").unwrap();
        assert_eq!((title.as_str(), body), ("A sentence that ends", "Then more.\nBody"));
        // A long one stays in the body; so does an article's only sentence.
        let long = format!("{} end. More.\nBody", "word ".repeat(30));
        assert!(split_title(&long).is_none());
        assert!(split_title("Only this sentence.").is_none());
        // A preview's first line may stop mid-sentence: not known whole.
        assert!(split_title("A first line cut off where it said,").is_none());
        assert!(split_title("A first line that says,\nBody").is_some());
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
