//! Inline HTML: one tag at a time, as pulldown-cmark gives it inside a
//! paragraph (`<kbd>`, `</a>`, `<br>`, `<img src alt>`).

use dom_query::{Document, NodeRef};

/// Whether an HTML element is open or closed by an inline tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum InlineTag {
    /// `<br>`.
    Break,
    /// `<a href>` (the target).
    OpenLink(String),
    /// `</a>`.
    CloseLink,
    /// `<img>`: source, alt text and title.
    Image(String, String, String),
    /// A style opened (`true`) or closed, by kind.
    Style(StyleTag, bool),
    /// Anything else: a comment, a `<span>`, an unknown element. Its text,
    /// if any, follows as text.
    Other,
}

/// The inline tags that change how text looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StyleTag {
    /// `<b>`, `<strong>`.
    Strong,
    /// `<i>`, `<em>`, `<cite>`.
    Emph,
    /// `<s>`, `<del>`, `<strike>`.
    Strike,
    /// `<code>`, `<kbd>`, `<samp>`, `<tt>`.
    Code,
    /// kiosk's own `<kiosk-dim>`: what site syntax became that is not text.
    Dim,
}

/// The name of a tag (`a` of `<a href=..>`, `a` of `</a>`), lower case, and
/// whether it closes.
fn tag_name(tag: &str) -> (String, bool) {
    let rest = tag.trim_start().strip_prefix('<').unwrap_or(tag);
    let (rest, closing) = match rest.strip_prefix('/') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
        .collect();
    (name.to_ascii_lowercase(), closing)
}

/// What one inline HTML tag means.
pub(crate) fn inline_tag(tag: &str) -> InlineTag {
    let (name, closing) = tag_name(tag);
    let style = match name.as_str() {
        "b" | "strong" => Some(StyleTag::Strong),
        "i" | "em" | "cite" | "var" | "dfn" => Some(StyleTag::Emph),
        "s" | "del" | "strike" => Some(StyleTag::Strike),
        "code" | "kbd" | "samp" | "tt" => Some(StyleTag::Code),
        "kiosk-dim" => Some(StyleTag::Dim),
        _ => None,
    };
    if let Some(style) = style {
        return InlineTag::Style(style, !closing);
    }
    match (name.as_str(), closing) {
        ("br", _) => InlineTag::Break,
        ("a", true) => InlineTag::CloseLink,
        ("a" | "img", false) => {
            let doc = Document::fragment(tag);
            let Some(node) = doc
                .root()
                .descendants_it()
                .find(|n| n.is_element() && tag_name_of(n) == name)
            else {
                return InlineTag::Other;
            };
            let attr = |k: &str| node.attr(k).map(|v| v.to_string()).unwrap_or_default();
            if name == "a" {
                InlineTag::OpenLink(attr("href"))
            } else {
                InlineTag::Image(attr("src"), attr("alt"), attr("title"))
            }
        }
        _ => InlineTag::Other,
    }
}

/// An element's name, lower case (empty for other nodes).
pub(crate) fn tag_name_of(node: &NodeRef) -> String {
    node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tags() {
        assert_eq!(inline_tag("<br/>"), InlineTag::Break);
        assert_eq!(
            inline_tag("<a href=\"https://x.org/?a=1&amp;b=2\">"),
            InlineTag::OpenLink("https://x.org/?a=1&b=2".into())
        );
        assert_eq!(inline_tag("</a>"), InlineTag::CloseLink);
        assert_eq!(inline_tag("<KBD>"), InlineTag::Style(StyleTag::Code, true));
        assert_eq!(
            inline_tag("<img src=a.png alt='A cat'>"),
            InlineTag::Image("a.png".into(), "A cat".into(), String::new())
        );
        assert_eq!(inline_tag("<!-- note -->"), InlineTag::Other);
    }
}
