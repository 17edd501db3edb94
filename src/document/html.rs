//! Raw HTML in Markdown turned into the Markdown events it means.
//!
//! An HTML block is parsed with html5ever (through `dom_query`, the stack the
//! web-page ingest uses) and walked into the pulldown-cmark events of the
//! same content: block tags make paragraphs, `<a href>` a link, `<img>` an
//! image, `<br>` a break, `<pre>` a code block, `<table>` a table,
//! `<summary>` a strong paragraph; comments, scripts and styles vanish and
//! entities are decoded. The Markdown reader then treats these events as its
//! own, so HTML and Markdown cannot render differently. Inline HTML (one tag
//! at a time, inside a paragraph) is classified by [`inline_tag`].

mod inline;

use dom_query::{Document, NodeRef};

use inline::tag_name_of;
pub(super) use inline::{inline_tag, InlineTag, StyleTag};
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

/// Elements whose content is never shown.
const HIDDEN: [&str; 8] = [
    "script", "style", "template", "head", "title", "noscript", "svg", "math",
];

/// Elements that start and end a block of their own.
const BLOCKS: [&str; 24] = [
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "figure",
    "figcaption",
    "center",
    "dl",
    "dt",
    "dd",
    "form",
    "fieldset",
    "address",
    "details",
    "ul",
    "ol",
    "body",
    "html",
    "picture",
    "video",
    "audio",
];

/// The events an HTML block means.
pub(super) fn block_events(html: &str) -> Vec<Event<'static>> {
    let doc = Document::fragment(html);
    let mut walk = Walk::default();
    // An explicit stack: deeply nested HTML costs heap, not stack.
    let mut stack: Vec<(NodeRef, bool)> = doc.root().children_it(true).map(|n| (n, false)).collect();
    while let Some((node, done)) = stack.pop() {
        if done {
            walk.leave(&node);
            continue;
        }
        if walk.enter(&node) {
            stack.push((node, true));
            stack.extend(node.children_it(true).map(|n| (n, false)));
        }
    }
    walk.close_paragraph();
    walk.events
}

fn owned(text: impl Into<String>) -> CowStr<'static> {
    CowStr::Boxed(text.into().into_boxed_str())
}

/// Turns the nodes of a tree into events, one node at a time.
#[derive(Default)]
struct Walk {
    events: Vec<Event<'static>>,
    /// The end of the open block that takes loose text (a paragraph or a
    /// heading), if one is open.
    paragraph: Option<TagEnd>,
    /// Inside a table: cells, not paragraphs.
    table: usize,
    /// Inside a table cell.
    cell: bool,
    /// Table rows started (the first is the head).
    rows: usize,
}

impl Walk {
    fn open_paragraph(&mut self) {
        if self.paragraph.is_none() && self.table == 0 {
            self.events.push(Event::Start(Tag::Paragraph));
            self.paragraph = Some(TagEnd::Paragraph);
        }
    }

    fn close_paragraph(&mut self) {
        if let Some(end) = self.paragraph.take() {
            self.events.push(Event::End(end));
        }
    }

    /// True when the walk should go into the node's children.
    fn enter(&mut self, node: &NodeRef) -> bool {
        if node.is_text() {
            let text = node.text();
            if self.table > 0 && !self.cell {
                return false;
            }
            if text.trim().is_empty() && self.paragraph.is_none() {
                return false;
            }
            self.open_paragraph();
            self.events.push(Event::Text(owned(collapse(&text))));
            return false;
        }
        if !node.is_element() {
            return false; // comments, doctypes
        }
        let name = tag_name_of(node);
        let name = name.as_str();
        if HIDDEN.contains(&name) {
            return false;
        }
        if self.table > 0 {
            return self.enter_table_part(node, name);
        }
        match name {
            "p" | "blockquote" | "summary" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.close_paragraph();
                let tag = match name {
                    "p" => Tag::Paragraph,
                    "blockquote" => Tag::BlockQuote(callout_of(node)),
                    "summary" => Tag::Paragraph,
                    "li" => Tag::Item,
                    _ => Tag::Heading {
                        level: heading_level(name),
                        id: node.attr("id").map(|v| owned(v.to_string())),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    },
                };
                let end = matches!(tag, Tag::Paragraph | Tag::Heading { .. }).then(|| tag.to_end());
                self.events.push(Event::Start(tag));
                if name == "summary" {
                    self.events.push(Event::Text(owned("▸ ")));
                    self.events.push(Event::Start(Tag::Strong));
                }
                self.paragraph = end;
                true
            }
            "ul" | "ol" => {
                self.close_paragraph();
                let start = (name == "ol").then(|| node.attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1));
                self.events.push(Event::Start(Tag::List(start)));
                true
            }
            "pre" => {
                self.close_paragraph();
                let lang = node
                    .descendants_it()
                    .find_map(|n| n.attr("class"))
                    .and_then(|c| {
                        c.split_whitespace()
                            .find_map(|k| k.strip_prefix("language-").map(str::to_string))
                    })
                    .unwrap_or_default();
                self.events
                    .push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(owned(lang)))));
                let mut text = node.text().to_string();
                if !text.ends_with('\n') {
                    text.push('\n');
                }
                self.events.push(Event::Text(owned(text)));
                self.events.push(Event::End(TagEnd::CodeBlock));
                false
            }
            "hr" => {
                self.close_paragraph();
                self.events.push(Event::Rule);
                false
            }
            "br" => {
                if self.paragraph.is_some() {
                    self.events.push(Event::HardBreak);
                }
                false
            }
            "table" => {
                self.close_paragraph();
                let columns = node
                    .descendants_it()
                    .filter(|n| tag_name_of(n) == "tr")
                    .map(|tr| tr.element_children().iter().filter(|c| is_cell(c)).count())
                    .max()
                    .unwrap_or(0);
                if columns == 0 {
                    return false;
                }
                self.events
                    .push(Event::Start(Tag::Table(vec![pulldown_cmark::Alignment::None; columns])));
                self.table += 1;
                self.rows = 0;
                true
            }
            "img" => {
                self.open_paragraph();
                let attr = |k: &str| node.attr(k).map(|v| v.to_string()).unwrap_or_default();
                self.image(attr("src"), attr("alt"), attr("title"));
                false
            }
            "iframe" | "embed" => {
                let src = node.attr("src").map(|v| v.to_string()).unwrap_or_default();
                if !src.is_empty() {
                    self.open_paragraph();
                    let title = node
                        .attr("title")
                        .map(|v| v.to_string())
                        .unwrap_or_else(|| "embedded".into());
                    self.link(src, title);
                }
                false
            }
            "code" | "kbd" | "samp" | "tt" => {
                self.open_paragraph();
                self.events.push(Event::Code(owned(collapse(&node.text()))));
                false
            }
            _ => {
                if BLOCKS.contains(&name) {
                    self.close_paragraph();
                    return true;
                }
                if let Some(tag) = inline_start(node, name) {
                    self.open_paragraph();
                    self.events.push(Event::Start(tag));
                }
                true
            }
        }
    }

    fn leave(&mut self, node: &NodeRef) {
        let name = tag_name_of(node);
        let name = name.as_str();
        if self.table > 0 {
            self.leave_table_part(name);
            return;
        }
        match name {
            "p" | "summary" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if name == "summary" && self.paragraph.is_some() {
                    self.events.push(Event::End(TagEnd::Strong));
                }
                self.close_paragraph();
            }
            "blockquote" => {
                self.close_paragraph();
                self.events.push(Event::End(TagEnd::BlockQuote(callout_of(node))));
            }
            "li" => {
                self.close_paragraph();
                self.events.push(Event::End(TagEnd::Item));
            }
            "ul" | "ol" => {
                self.close_paragraph();
                self.events.push(Event::End(TagEnd::List(name == "ol")));
            }
            _ => {
                if BLOCKS.contains(&name) {
                    self.close_paragraph();
                } else if let Some(tag) = inline_start(node, name) {
                    self.events.push(Event::End(tag.to_end()));
                }
            }
        }
    }

    fn enter_table_part(&mut self, node: &NodeRef, name: &str) -> bool {
        match name {
            "tr" => {
                self.rows += 1;
                self.events.push(Event::Start(if self.rows == 1 {
                    Tag::TableHead
                } else {
                    Tag::TableRow
                }));
                true
            }
            "td" | "th" => {
                self.cell = true;
                self.events.push(Event::Start(Tag::TableCell));
                true
            }
            "table" => false, // a table in a table: its text is lost in a cell's width anyway
            "img" if self.cell => {
                let attr = |k: &str| node.attr(k).map(|v| v.to_string()).unwrap_or_default();
                self.image(attr("src"), attr("alt"), attr("title"));
                false
            }
            "br" => false,
            _ if self.cell => {
                if let Some(tag) = inline_start(node, name) {
                    self.events.push(Event::Start(tag));
                }
                true
            }
            _ => true,
        }
    }

    fn leave_table_part(&mut self, name: &str) {
        match name {
            "tr" => self.events.push(Event::End(if self.rows == 1 {
                TagEnd::TableHead
            } else {
                TagEnd::TableRow
            })),
            "td" | "th" => {
                self.cell = false;
                self.events.push(Event::End(TagEnd::TableCell));
            }
            "table" => {
                self.table -= 1;
                self.events.push(Event::End(TagEnd::Table));
            }
            _ if self.cell => {
                if let Some(tag) = inline_start_by_name(name, String::new()) {
                    self.events.push(Event::End(tag.to_end()));
                }
            }
            _ => {}
        }
    }

    fn image(&mut self, src: String, alt: String, title: String) {
        self.events.push(Event::Start(Tag::Image {
            link_type: LinkType::Inline,
            dest_url: owned(src),
            title: owned(title),
            id: owned(""),
        }));
        if !alt.is_empty() {
            self.events.push(Event::Text(owned(alt)));
        }
        self.events.push(Event::End(TagEnd::Image));
    }

    fn link(&mut self, href: String, text: String) {
        self.events.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: owned(href),
            title: owned(""),
            id: owned(""),
        }));
        self.events.push(Event::Text(owned(text)));
        self.events.push(Event::End(TagEnd::Link));
    }
}

fn is_cell(node: &NodeRef) -> bool {
    matches!(tag_name_of(node).as_str(), "td" | "th")
}

/// The Markdown tag an inline element means, if any.
fn inline_start(node: &NodeRef, name: &str) -> Option<Tag<'static>> {
    let href = if name == "a" {
        node.attr("href").map(|v| v.to_string()).unwrap_or_default()
    } else {
        String::new()
    };
    inline_start_by_name(name, href)
}

fn inline_start_by_name(name: &str, href: String) -> Option<Tag<'static>> {
    Some(match name {
        "b" | "strong" => Tag::Strong,
        "i" | "em" | "cite" => Tag::Emphasis,
        "s" | "del" | "strike" => Tag::Strikethrough,
        "a" => Tag::Link {
            link_type: LinkType::Inline,
            dest_url: owned(href),
            title: owned(""),
            id: owned(""),
        },
        _ => return None,
    })
}

/// A `<blockquote>` or `<aside class="warning">` as a callout, by its class.
fn callout_of(node: &NodeRef) -> Option<BlockQuoteKind> {
    let class = node.attr("class")?.to_ascii_lowercase();
    class.split_whitespace().find_map(|c| match c {
        "note" | "info" => Some(BlockQuoteKind::Note),
        "tip" => Some(BlockQuoteKind::Tip),
        "important" => Some(BlockQuoteKind::Important),
        "warning" => Some(BlockQuoteKind::Warning),
        "caution" | "danger" => Some(BlockQuoteKind::Caution),
        _ => None,
    })
}

fn heading_level(name: &str) -> HeadingLevel {
    match name {
        "h1" => HeadingLevel::H1,
        "h2" => HeadingLevel::H2,
        "h3" => HeadingLevel::H3,
        "h4" => HeadingLevel::H4,
        "h5" => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// HTML's white space: runs of it are one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_comments_vanish() {
        let events = block_events("<div class=\"x\"><p>One &amp; <b>two</b></p><!-- no --><p>three</p></div>\n");
        let text: String = events
            .iter()
            .map(|e| match e {
                Event::Text(t) => t.to_string(),
                Event::Start(Tag::Paragraph) => "<".into(),
                Event::End(TagEnd::Paragraph) => ">".into(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(text, "<One & two><three>");
    }
}
