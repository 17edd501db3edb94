//! Article HTML to Markdown, on the same parser stack as the extractor
//! (dom_query's Markdown serialiser): what may not reach the Markdown is
//! removed first (scripts, styles, forms, frames, tracking pixels and
//! tracking parameters, links of other schemes than http, https and mailto),
//! links and images are made absolute against the page's URL, and the
//! result goes through the sanitiser.

use dom_query::Document;
use url::Url;

/// Elements dropped with everything inside them: code, forms and embedded
/// documents that have no place in a text article.
const DROPPED: &str = "script, style, noscript, template, form, input, button, select, textarea, \
                       iframe, frame, frameset, object, embed, applet, canvas, svg, link, meta, dialog, [hidden]";

/// Query parameters that only track the reader.
const TRACKING: &[&str] = &[
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok",
];

/// The Markdown of `html`, whose relative links are relative to `base`.
pub fn to_markdown(html: &str, base: Option<&str>) -> String {
    let base = base.and_then(|b| Url::parse(b).ok());
    // Cleaned first, so that an escape sequence goes whole rather than
    // leave its parameters behind once the Markdown escapes its `[`.
    let doc = Document::from(crate::sanitize::sanitize(html).as_ref());
    doc.select(DROPPED).remove();
    // A caption is a paragraph of its own, not glued to its image.
    doc.select("figcaption").rename("p");
    for img in doc.select("img").nodes() {
        let pixel = ["width", "height"].iter().any(|a| {
            img.attr(a)
                .is_some_and(|v| matches!(v.trim(), "0" | "1" | "0px" | "1px"))
        });
        match img
            .attr("src")
            .and_then(|src| absolute(&src, base.as_ref(), &["http", "https"]))
        {
            Some(src) if !pixel => {
                img.set_attr("src", &src);
                if let Some(alt) = img.attr("alt") {
                    img.set_attr("alt", &alt.replace(['[', ']'], "").replace(['\n', '\r'], " "));
                }
                quote_title(img);
            }
            _ => img.remove_from_parent(),
        }
    }
    for a in doc.select("a").nodes() {
        match a
            .attr("href")
            .and_then(|href| absolute(&href, base.as_ref(), &["http", "https", "mailto"]))
        {
            Some(href) => {
                a.set_attr("href", &href);
                quote_title(a);
            }
            None => a.remove_attr("href"),
        }
    }
    let markdown = doc.md(None);
    tidy(&crate::sanitize::sanitize(&markdown))
}

/// A link title is written between double quotes: it may hold none.
fn quote_title(node: &dom_query::NodeRef<'_>) {
    if let Some(title) = node.attr("title") {
        let clean = title.replace('"', "'").replace(['\n', '\r'], " ");
        if clean.trim().is_empty() {
            node.remove_attr("title");
        } else {
            node.set_attr("title", clean.trim());
        }
    }
}

/// `link` made absolute against `base`, without tracking parameters, when
/// its scheme is one of `schemes`; written so that it cannot end a Markdown
/// link early (no spaces, parentheses or angle brackets).
pub fn absolute(link: &str, base: Option<&Url>, schemes: &[&str]) -> Option<String> {
    let link = link.trim();
    let mut url = match base {
        Some(base) => base.join(link).ok()?,
        None => Url::parse(link).ok()?,
    };
    if !schemes.contains(&url.scheme()) {
        return None;
    }
    if url.query().is_some() {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !k.starts_with("utm_") && !TRACKING.contains(&k.as_ref()))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    Some(
        url.as_str()
            .replace('(', "%28")
            .replace(')', "%29")
            .replace(' ', "%20")
            .replace('<', "%3C")
            .replace('>', "%3E"),
    )
}

/// Trailing spaces off every line, at most one blank line in a row, one
/// final newline, and no backslash where nothing needs one.
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut blank = 0;
    for line in markdown.lines() {
        let line = unescape_inline(line.trim_end());
        let line = line.as_str();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `line` without the backslashes the serialiser puts before `.`, `!`,
/// `"`, `#`, `+`, `-`, parentheses, braces and `>` in the middle of a line,
/// where they mean nothing to Markdown (`[` and `]` stay escaped, so no
/// parenthesis can make a link): files stay readable as text. At the start of a line (after
/// blanks, a list number or a quote marker) they may start a block and are
/// kept, as is `\!` before `[` (an image).
fn unescape_inline(line: &str) -> String {
    let start = line
        .char_indices()
        .find(|&(_, c)| !(c.is_whitespace() || c.is_ascii_digit() || c == '>'))
        .map_or(line.len(), |(i, _)| i);
    let mut out = String::with_capacity(line.len());
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' && i > start {
            if let Some(&(_, next)) = chars.peek() {
                let before_image = next == '!' && line[i + 2..].starts_with('[');
                if matches!(next, '.' | '!' | '"' | '#' | '+' | '-' | '(' | ')' | '{' | '}' | '>') && !before_image {
                    continue;
                }
                if next == '\\' {
                    out.push(c);
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_images_become_absolute_and_keep_their_titles() {
        let html = r#"<p>See <a href="/a/b?utm_source=x&amp;id=3" title="The &quot;B&quot; page">this page</a>
            and <a href="javascript:alert(1)">that</a>.</p>
            <p><img src="img/cat.png" alt="A [cat]" title="Cat"><img src="/pixel.gif" width="1" height="1"></p>"#;
        let md = to_markdown(html, Some("https://example.org/news/story.html"));
        assert_eq!(
            md,
            "See [this page](https://example.org/a/b?id=3 \"The 'B' page\") and that.\n\n\
             ![A cat](https://example.org/news/img/cat.png \"Cat\")\n"
        );
    }

    #[test]
    fn needless_backslashes_go_and_needed_ones_stay() {
        assert_eq!(
            unescape_inline("a\\. b\\! \\\"q\\\" \\#1 \\*x\\* \\(y\\)"),
            "a. b! \"q\" #1 \\*x\\* (y)"
        );
        assert_eq!(unescape_inline("1\\. not a list"), "1\\. not a list");
        assert_eq!(unescape_inline("\\# not a heading"), "\\# not a heading");
        assert_eq!(unescape_inline("see \\![x](y)"), "see \\![x](y)");
        assert_eq!(unescape_inline("path \\\\. end"), "path \\\\. end");
    }

    #[test]
    fn scripts_styles_forms_and_frames_never_reach_the_markdown() {
        let html = "<p>Text</p><script>alert('x')</script><style>p{}</style>\
            <form><input name=q><button>Go</button></form><iframe src=\"https://ads.example/\"></iframe>\
            <noscript><img src=\"https://t.example/p.gif\"></noscript><p>More \u{1b}[31mtext</p>";
        assert_eq!(to_markdown(html, None), "Text\n\nMore text\n");
    }
}
