//! The prose of a body, for language detection: the sentences a reader
//! reads, without what would mislead a detector (code, URLs, markup, HTML
//! and JSX tags, MDX `import`/`export` lines, Hugo shortcodes and Liquid
//! tags). Bounded: it stops at the number of characters asked for.

use crate::article::Format;

/// At most `chars` characters of the prose of `body`, with one space
/// between lines.
pub fn sample(body: &str, format: Format, chars: usize) -> String {
    let mut out = String::with_capacity(chars.min(body.len()) + 16);
    let mut taken = 0;
    let mut fence: Option<(u8, usize)> = None;
    for line in body.split('\n') {
        if taken >= chars {
            break;
        }
        let trimmed = line.trim_start();
        if format == Format::Markdown {
            if let Some(open) = fence {
                if closes_fence(trimmed, open) {
                    fence = None;
                }
                continue;
            }
            if let Some(open) = opens_fence(trimmed) {
                fence = Some(open);
                continue;
            }
            // Indented code, tables' rules, MDX module lines, HTML comments.
            let indent = line.len() - trimmed.len();
            if indent >= 4
                && !trimmed.starts_with(['-', '*', '+'])
                && !trimmed.starts_with(|c: char| c.is_ascii_digit())
                || trimmed.starts_with("import ")
                || trimmed.starts_with("export ")
                || trimmed.starts_with("<!--")
            {
                continue;
            }
        }
        let before = out.len();
        clean_line(trimmed, format, &mut out);
        if out.len() > before {
            taken += out[before..].chars().count();
            out.push(' ');
            taken += 1;
        }
    }
    match out.char_indices().nth(chars) {
        Some((i, _)) => out.truncate(i),
        None => {
            let end = out.trim_end().len();
            out.truncate(end);
        }
    }
    out
}

/// A line that opens a fenced code block: its fence character and length.
fn opens_fence(line: &str) -> Option<(u8, usize)> {
    let c = *line.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = line.bytes().take_while(|&b| b == c).count();
    (n >= 3).then_some((c, n))
}

fn closes_fence(line: &str, (c, n): (u8, usize)) -> bool {
    let run = line.bytes().take_while(|&b| b == c).count();
    run >= n && line[run..].trim().is_empty()
}

/// Appends the prose of one line: words kept, everything else dropped.
fn clean_line(line: &str, format: Format, out: &mut String) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let skip = match bytes[i] {
            // Inline code.
            b'`' if format == Format::Markdown => {
                let n = rest.bytes().take_while(|&b| b == b'`').count();
                let close = "`".repeat(n);
                rest[n..].find(&close).map(|e| n + e + n).unwrap_or(rest.len())
            }
            // Shortcodes and Liquid: `{{< x >}}`, `{{% x %}}`, `{{ x }}`, `{% x %}`.
            b'{' if rest.starts_with("{{") || rest.starts_with("{%") => {
                let close = if rest.starts_with("{%") { "%}" } else { "}}" };
                rest[2..].find(close).map(|e| 2 + e + close.len()).unwrap_or(rest.len())
            }
            // Heading ids and attribute lists: `{#id}`, `{.class}`.
            b'{' if rest[1..].starts_with(['#', '.']) => rest.find('}').map_or(1, |e| e + 1),
            // HTML and JSX tags (their text stays).
            b'<' if format == Format::Markdown
                && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') =>
            {
                rest.find('>').map_or(1, |e| e + 1)
            }
            // A link's target: `](url)`.
            b']' if rest[1..].starts_with('(') => rest.find(')').map_or(1, |e| e + 1),
            // Alerts: `[!NOTE]`.
            b'[' if rest[1..].starts_with('!') => rest.find(']').map_or(1, |e| e + 1),
            _ if starts_url(rest) => rest.find(char::is_whitespace).unwrap_or(rest.len()),
            // Markup characters.
            b'#' | b'*' | b'_' | b'|' | b'>' | b'[' | b']' | b'\\' | b'=' | b'~' => 1,
            _ => 0,
        };
        if skip > 0 {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            i += skip;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if !(c.is_whitespace() && (out.is_empty() || out.ends_with(' '))) {
            out.push(c);
        }
        i += c.len_utf8();
    }
    let end = out.trim_end().len();
    out.truncate(end);
}

fn starts_url(text: &str) -> bool {
    let lower = |p: &str| text.len() >= p.len() && text.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    lower("http://") || lower("https://") || lower("www.") || lower("mailto:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_urls_markup_and_tags_are_not_prose() {
        let body = "import Tabs from '@theme/Tabs';\n\n# Title {#title}\n\n> [!NOTE]\n> Some *words* and \
                    `code` here, see https://example.org/x and [a link](https://e.org).\n\n```rust\nfn main() {}\n```\n\n\
                    {{< figure src=\"x.png\" >}}\n<Tabs>\n  <TabItem value=\"a\">Inside</TabItem>\n</Tabs>\n{% raw %}Liquid{% endraw %}";
        assert_eq!(
            sample(body, Format::Markdown, 1000),
            "Title Some words and here, see and a link . Inside Liquid"
        );
    }

    proptest::proptest! {
        /// Any text, Markdown or plain: no panic, at most the characters
        /// asked for, no run of spaces.
        #[test]
        fn any_text_gives_a_bounded_sample(text in "(\\PC|[`{}<>\\[\\]()#*_ \n%!/:.]){0,300}", chars in 0usize..200) {
            for format in [Format::Markdown, Format::Plain] {
                let out = sample(&text, format, chars);
                proptest::prop_assert!(out.chars().count() <= chars);
                proptest::prop_assert!(!out.contains("  "), "{:?}", out);
            }
        }
    }

    #[test]
    fn the_sample_is_bounded() {
        let body = "Lorem ipsum dolor sit amet. ".repeat(1000);
        assert_eq!(sample(&body, Format::Markdown, 100).chars().count(), 100);
        assert_eq!(sample("", Format::Plain, 100), "");
    }
}
