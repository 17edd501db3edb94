//! Finding bare URLs in running text.

/// Finds the first bare URL (`http://`, `https://`, `www.`) in `text` and
/// returns its byte range. Trailing punctuation and an unbalanced closing
/// bracket belong to the sentence, not to the URL.
pub fn find_url(text: &str) -> Option<(usize, usize)> {
    let mut search = 0;
    while search < text.len() {
        let rest = &text[search..];
        let found = find_prefix(rest)?;
        let start = search + found.0;
        // A URL starts at a word boundary.
        let boundary = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '/' && c != '.' && c != '@');
        let end = start
            + text[start..]
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '„' | '«' | '»'))
                .unwrap_or(text.len() - start);
        let end = trim_end(text, start, end);
        if boundary && end > start + found.1 + 1 {
            return Some((start, end));
        }
        search = start + found.1;
    }
    None
}

/// The first `http://`, `https://` or `www.` in `text` (any case), with its length.
fn find_prefix(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while from < bytes.len() {
        let i = from
            + bytes[from..]
                .iter()
                .position(|b| matches!(b, b'h' | b'H' | b'w' | b'W'))?;
        for p in ["https://", "http://", "www."] {
            if bytes.len() - i >= p.len() && bytes[i..i + p.len()].eq_ignore_ascii_case(p.as_bytes()) {
                return Some((i, p.len()));
            }
        }
        from = i + 1;
    }
    None
}

fn trim_end(text: &str, start: usize, mut end: usize) -> usize {
    loop {
        let url = &text[start..end];
        let Some(last) = url.chars().next_back() else {
            return end;
        };
        let drop = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' => true,
            ')' => url.matches('(').count() < url.matches(')').count(),
            ']' => url.matches('[').count() < url.matches(']').count(),
            _ => false,
        };
        if !drop {
            return end;
        }
        end -= last.len_utf8();
    }
}

#[cfg(test)]
mod tests {
    use super::find_url;

    fn url(text: &str) -> Option<&str> {
        find_url(text).map(|(s, e)| &text[s..e])
    }

    #[test]
    fn finds_urls_in_sentences() {
        assert_eq!(url("see https://a.org/x."), Some("https://a.org/x"));
        assert_eq!(
            url("(siehe https://de.wikipedia.org/wiki/A_(B))."),
            Some("https://de.wikipedia.org/wiki/A_(B)")
        );
        assert_eq!(url("go to www.krone.at, now"), Some("www.krone.at"));
        assert_eq!(url("no url here"), None);
        assert_eq!(url("http:// alone"), None);
        assert_eq!(url("mailto:x@www.example"), None);
    }
}
