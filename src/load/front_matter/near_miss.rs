//! Texts that look as if they meant to have front matter but have none
//! kiosk can take: named in `kiosk check` with their line.

use super::{first_line, is_delimiter, leading_blank_lines, line_of};

/// Why a text without front matter looks as if it meant to have some: a
/// delimiter that is indented or followed by text, or `key: value` lines
/// closed by `---` with no opening one. `None` for an ordinary text.
pub fn looks_like_front_matter(text: &str) -> Option<String> {
    let blank = leading_blank_lines(text);
    let first = first_line(&text[blank..]);
    let line = line_of(text, blank);
    let head = first.trim();
    for delim in ["---", "+++"] {
        if head.starts_with(delim) && !head.starts_with("----") && !head.starts_with("++++") && head != first.trim_end()
        {
            return Some(format!(
                "line {line}: `{delim}` is indented, so it does not open front matter; read as body"
            ));
        }
        if head.len() > 3 && head.starts_with(delim) && head[3..].starts_with(|c: char| c.is_alphanumeric()) {
            return Some(format!(
                "line {line}: `{head}` is not a front matter delimiter (`{delim}` alone on its line); read as body"
            ));
        }
    }
    // `key: value` lines up to a lone `---`: the opening one is missing.
    let mut keys = 0;
    for (n, l) in text[blank..].split('\n').enumerate().take(64) {
        if is_delimiter(l, "---") || is_delimiter(l, "+++") {
            return (keys >= 2 && keys == n).then(|| {
                format!(
                    "line {}: front matter closed here has no opening `{}` on line {line}; read as body",
                    line + n,
                    l.trim()
                )
            });
        }
        let key = l.split_once([':', '=']).map(|(k, _)| k.trim());
        if key.is_some_and(|k| {
            !k.is_empty()
                && !l.starts_with(' ')
                && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        }) {
            keys += 1;
        } else if !l.starts_with(' ') && !l.starts_with('-') {
            return None;
        } else {
            keys += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::split;
    use crate::article::Level;

    #[test]
    fn near_misses_are_named_with_their_line() {
        let cases = [
            ("\n ---\ntitle: a\n---\nbody", "line 2: `---` is indented"),
            (
                "---yaml\ntitle: a\n---\n",
                "line 1: `---yaml` is not a front matter delimiter",
            ),
            (
                "title: a\ndate: 2020-01-01\n---\nbody",
                "line 3: front matter closed here has no opening `---` on line 1",
            ),
        ];
        for (text, expected) in cases {
            let (s, p) = split(text);
            assert!(s.front.is_none());
            assert!(
                p.as_ref()
                    .is_some_and(|(l, p)| *l == Level::Warning && p.starts_with(expected)),
                "{text:?}: {p:?}"
            );
        }
        for fine in [
            "Just text.\n\n---\n\nMore.",
            "----\n",
            "# Title\n\nkey: value\n---\n",
            "a: b\n\ntext\n---\n",
        ] {
            assert_eq!(split(fine).1, None, "{fine:?}");
        }
    }
}
