//! MDX bodies as text: `import`/`export` statements and JSX component tags
//! are code, not words; the text between a component's tags is.

use std::borrow::Cow;

/// `body` without its MDX statements and component tags (outside code
/// fences), for counting words and finding titles and language.
pub(super) fn text_of(body: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<(char, usize)> = None;
    // Open braces, brackets and parentheses of a statement that goes on.
    let mut open_statement = 0i64;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if open_statement > 0 {
            open_statement += balance(line);
            continue;
        }
        if let Some((c, n)) = fence {
            if trimmed.chars().take_while(|&x| x == c).count() >= n && trimmed.trim_start_matches(c).trim().is_empty() {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        let first = trimmed.chars().next();
        if let Some(c @ ('`' | '~')) = first {
            let n = trimmed.chars().take_while(|&x| x == c).count();
            if n >= 3 {
                fence = Some((c, n));
                out.push_str(line);
                continue;
            }
        }
        if line.starts_with("import ") || line.starts_with("export ") {
            open_statement = balance(line).max(0);
            continue;
        }
        strip_components(line, &mut out);
    }
    if out == body {
        Cow::Borrowed(body)
    } else {
        Cow::Owned(out)
    }
}

/// Openers minus closers of `{[(` in a line.
fn balance(line: &str) -> i64 {
    line.bytes().fold(0, |n, b| match b {
        b'{' | b'[' | b'(' => n + 1,
        b'}' | b']' | b')' => n - 1,
        _ => n,
    })
}

/// Appends `line` without its component tags (`<Tabs>`, `</Tabs>`,
/// `<Badge text="x" />`: a tag whose name starts with a capital letter);
/// a line that held only tags is left out.
fn strip_components(line: &str, out: &mut String) {
    let start = out.len();
    let mut rest = line;
    let mut removed = false;
    while let Some(at) = rest.find('<') {
        let after = &rest[at + 1..];
        let name = after.strip_prefix('/').unwrap_or(after);
        let is_component = name.starts_with(|c: char| c.is_ascii_uppercase());
        match (is_component, after.find('>')) {
            (true, Some(end)) => {
                out.push_str(&rest[..at]);
                rest = &after[end + 1..];
                removed = true;
            }
            _ => {
                out.push_str(&rest[..at + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    if removed && out[start..].trim().is_empty() {
        out.truncate(start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Any text: no panic, never longer, and a text without `<`,
        /// `import` or `export` comes back as it was.
        #[test]
        fn any_text_is_stripped_safely(text in "(\\PC|[<>/{}()\\[\\]`~ \n]|import |export |<Tabs>|</Tabs>){0,200}") {
            let out = text_of(&text);
            proptest::prop_assert!(out.len() <= text.len());
            if !text.contains('<') && !text.contains("import ") && !text.contains("export ") {
                proptest::prop_assert_eq!(out.as_ref(), text.as_str());
            }
        }
    }

    #[test]
    fn statements_and_tags_go_and_children_stay() {
        let body = "import Tabs from '@theme/Tabs';\nexport const meta = {\n  a: 1,\n};\n\n# Title\n\n<Tabs>\n  \
                    <TabItem value=\"a\">Inside text</TabItem>\n</Tabs>\n\nA <Badge text=\"x\" /> word and <b>bold</b>.\n\n\
                    ```js\nimport x from 'y';\n<Tabs>\n```\n";
        assert_eq!(
            text_of(body),
            "\n# Title\n\n  Inside text\n\nA  word and <b>bold</b>.\n\n```js\nimport x from 'y';\n<Tabs>\n```\n"
        );
        assert!(matches!(text_of("plain *text*\n"), Cow::Borrowed(_)));
    }
}
