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
/// length. Every URL of either kind has a `:` or `.` at a fixed place, which
/// one SIMD pass of memchr finds; only those places are looked at closely.
/// (The places come in the order of the starts: a start is 3 to 5 bytes
/// before its place, and two matches cannot overlap.)
fn find_prefix(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b':', b'.', bytes).find_map(|at| {
        if bytes[at] == b'.' {
            let start = at.checked_sub(3)?;
            return bytes[start..at].eq_ignore_ascii_case(b"www").then_some((start, 4));
        }
        if !bytes[at + 1..].starts_with(b"//") {
            return None;
        }
        ["https", "http"].iter().find_map(|p| {
            let start = at.checked_sub(p.len())?;
            bytes[start..at]
                .eq_ignore_ascii_case(p.as_bytes())
                .then_some((start, p.len() + 3))
        })
    })
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
    use super::{find_prefix, find_url};
    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The first prefix is found wherever it is, in any case, next to
        /// anything: as a plain scan of every position finds it.
        #[test]
        fn the_first_prefix_is_found(
            parts in proptest::collection::vec(proptest::prop_oneof![
                "[a-zA-Z.:/ ]{0,6}",
                proptest::sample::select(&["http://", "HTTPS://", "hTtp:/", "www.", "WWW.", "wWw", "ww.", "://", "ü.", "https:/x"][..])
                    .prop_map(str::to_string),
            ], 0..12),
        ) {
            let text = parts.concat();
            let plain = (0..text.len()).find_map(|start| {
                let rest = &text.as_bytes()[start..];
                let has = |p: &str| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes());
                ["https://", "http://", "www."].into_iter().find(|p| has(p)).map(|p| (start, p.len()))
            });
            proptest::prop_assert_eq!(find_prefix(&text), plain);
        }
    }

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
