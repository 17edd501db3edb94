//! Emoji shortcodes (`:warning:`, `:+1:`) as GitHub, Hugo (`enableEmoji`)
//! and Jekyll (jemoji) render them, from the gemoji names of the `emojis`
//! crate. A `:word:` that is no emoji's name stays as written (`12:30:45`).

use std::borrow::Cow;

/// The longest shortcode looked up (gemoji's longest name is shorter).
const LONGEST: usize = 64;

/// `text` with every known `:name:` replaced by its emoji.
///
/// ```
/// # use kiosk::document::replace_emoji as replace;
/// assert_eq!(replace("Done :white_check_mark: at 12:30:45".into()), "Done ✅ at 12:30:45");
/// ```
pub fn replace(text: Cow<'_, str>) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b':', text.as_bytes()) else {
        return text;
    };
    let mut out = String::new();
    let mut done = 0;
    let mut at = first;
    let bytes = text.as_bytes();
    while at < bytes.len() {
        let name_len = bytes[at + 1..]
            .iter()
            .take(LONGEST + 1)
            .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-'))
            .count();
        let end = at + 1 + name_len;
        if name_len > 0 && name_len <= LONGEST && bytes.get(end) == Some(&b':') {
            if let Some(emoji) = emojis::get_by_shortcode(&text[at + 1..end]) {
                out.push_str(&text[done..at]);
                out.push_str(emoji.as_str());
                done = end + 1;
                at = done;
                continue;
            }
        }
        at = match memchr::memchr(b':', &bytes[at + 1..]) {
            Some(k) => at + 1 + k,
            None => break,
        };
    }
    if done == 0 {
        return text;
    }
    out.push_str(&text[done..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_become_emoji() {
        assert_eq!(replace(":bow: :warning:: :+1:".into()), "🙇 ⚠️: 👍");
        assert_eq!(replace("12:30:45 :nope: ::".into()), "12:30:45 :nope: ::");
        assert!(matches!(replace("no colon".into()), Cow::Borrowed(_)));
    }
}
