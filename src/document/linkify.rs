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

/// The first `http://`, `https://` or `www.` in `text` (any case), with its
/// length. Every URL of either kind contains `://` or `ww.`, which memchr's
/// SIMD search finds fast; only those spots are looked at closely.
fn find_prefix(text: &str) -> Option<(usize, usize)> {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    // Built once: building a searcher costs more than most texts take to search.
    static SCHEME: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"://"));
    static WWW: LazyLock<[Finder<'static>; 3]> =
        LazyLock::new(|| [Finder::new(b"www."), Finder::new(b"WWW."), Finder::new(b"Www.")]);
    let bytes = text.as_bytes();
    let scheme = SCHEME.find_iter(bytes).find_map(|colon| {
        ["https", "http"].iter().find_map(|p| {
            let start = colon.checked_sub(p.len())?;
            bytes[start..colon]
                .eq_ignore_ascii_case(p.as_bytes())
                .then_some((start, p.len() + 3))
        })
    });
    let www = WWW.iter().filter_map(|f| f.find(bytes)).min().map(|start| (start, 4));
    match (scheme, www) {
        (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
        (a, b) => a.or(b),
    }
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
