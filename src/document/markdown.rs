//! Markdown bodies, parsed with pulldown-cmark into the flat document model.
//!
//! Every string that leaves the parser is cleaned here: pulldown-cmark
//! decodes character references (`&#x1b;`, `&#x202e;`) after the file was
//! cleaned at load, so text, code, URLs, titles and labels are cleaned again
//! as they come out of it (a borrowed scan when they are clean).

use std::collections::VecDeque;

use foldhash::HashMap;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::html::{self, InlineTag, StyleTag};
use super::pulldown::{align, bullet, callout_kind, heading_level, language};
use super::{
    emoji, sitegen, superscript, Align, BlockKind, Builder, Container, Document, Emphasis, Inline, Sink,
    MAX_TABLE_CELLS, MAX_TABLE_COLUMNS,
};
use crate::sanitize::{sanitize, sanitize_line};

/// The extensions kiosk reads. Never `Options::all()`: smart punctuation would
/// change quotes the author wrote, and math and metadata blocks are not what
/// articles mean by `$` and `---`.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// HTML blocks larger than this are not parsed into a tree.
const MAX_HTML_BLOCK: usize = 256 * 1024;

/// An open list: its next number (for ordered lists) and nesting.
struct List {
    next: Option<u64>,
    items: usize,
}

/// An open link: where its text starts, and its target.
struct OpenLink {
    from: usize,
    url: String,
    title: String,
    image: bool,
}

/// The table being read: cells kept, and rows left out past the limit.
#[derive(Default)]
struct Table {
    cells: usize,
    cell_in_row: usize,
    columns: usize,
    /// Skipping a cell past [`MAX_TABLE_COLUMNS`].
    skip_cell: bool,
    /// Rows left out past [`MAX_TABLE_CELLS`] (skipping while > 0).
    dropped_rows: usize,
    /// Columns left out past [`MAX_TABLE_COLUMNS`].
    dropped_columns: usize,
}

/// Parses a Markdown body. Iterative: nesting depth costs heap, not stack.
pub fn parse_markdown(body: &str) -> Document {
    let mut builder = Builder::default();
    read(body, &mut builder);
    builder.finish()
}

/// Reads a Markdown body into `b`, block by block.
pub(super) fn read(body: &str, b: &mut impl Sink) {
    let body = sitegen::rewrite(body);
    let mut kind: Option<BlockKind> = None;
    let mut gap = true;
    let mut lists: Vec<List> = Vec::new();
    let mut links: Vec<OpenLink> = Vec::new();
    let (mut strong, mut emph, mut strike, mut code, mut dim) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut html_links = 0usize;
    let mut table: Option<Table> = None;
    let mut notes: HashMap<String, usize> = HashMap::default();
    let mut html_block: Option<String> = None;
    // Events that raw HTML stands for, read before the parser's next.
    let mut pending: VecDeque<Event<'static>> = VecDeque::new();
    let mut parser = Parser::new_ext(&body, options());

    // Ends the open block (if any) and adds it. Text outside any block (the
    // items of a tight list) becomes a paragraph.
    macro_rules! flush {
        () => {{
            let k = kind.take();
            if k.is_some() || b.mark() > 0 {
                b.end_block(k.unwrap_or(BlockKind::Paragraph), gap);
                #[allow(unused_assignments)]
                {
                    gap = true;
                }
            }
        }};
    }

    // The number of a footnote label, given on first sight.
    let mut note_number = |label: &str| -> usize {
        let next = notes.len() + 1;
        *notes.entry(sanitize_line(label).into_owned()).or_insert(next)
    };

    while let Some(event) = pending.pop_front().or_else(|| parser.next()) {
        if let Some(t) = &mut table {
            // Past the limits: rows are counted, cells beyond the columns skipped.
            if t.dropped_rows > 0 {
                match event {
                    Event::Start(Tag::TableRow) => {
                        t.dropped_rows += 1;
                        continue;
                    }
                    Event::End(TagEnd::Table) => {}
                    _ => continue,
                }
            } else if t.skip_cell && event != Event::End(TagEnd::TableCell) {
                continue;
            }
        }
        if html_block.is_some() {
            match event {
                Event::Html(text) | Event::Text(text) => {
                    html_block.get_or_insert_default().push_str(&text);
                    continue;
                }
                Event::End(TagEnd::HtmlBlock) => {
                    let text = html_block.take().unwrap_or_default();
                    if text.len() <= MAX_HTML_BLOCK {
                        pending.extend(html::block_events(&text));
                    } else {
                        // A tree of megabytes of markup costs many times its size:
                        // shown as its source, with a note.
                        flush!();
                        b.raw(
                            &sanitize(&text),
                            Emphasis {
                                code: true,
                                ..Emphasis::default()
                            },
                        );
                        b.end_block(BlockKind::Code(None), true);
                        let note = format!("⋯ an HTML block of {} KiB is shown as its source", text.len() / 1024);
                        b.raw(
                            &note,
                            Emphasis {
                                dim: true,
                                ..Emphasis::default()
                            },
                        );
                        b.end_block(BlockKind::Paragraph, false);
                    }
                    continue;
                }
                _ => {}
            }
        }
        let style = Emphasis {
            strong: strong > 0,
            emph: emph > 0,
            strike: strike > 0,
            code: code > 0,
            link: !links.is_empty(),
            dim: dim > 0,
        };
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    flush!();
                    kind = Some(BlockKind::Paragraph);
                }
                Tag::Heading { level, id, .. } => {
                    flush!();
                    kind = Some(BlockKind::Heading(heading_level(level)));
                    if let Some(id) = id {
                        b.anchor(&sanitize_line(&id));
                    }
                }
                Tag::CodeBlock(info) => {
                    flush!();
                    let lang = match info {
                        CodeBlockKind::Fenced(info) => language(&info),
                        CodeBlockKind::Indented => None,
                    };
                    kind = Some(BlockKind::Code(lang));
                }
                Tag::HtmlBlock => {
                    flush!();
                    html_block = Some(String::new());
                }
                Tag::BlockQuote(quote) => {
                    flush!();
                    b.push_container(match quote {
                        Some(k) => Container::Callout {
                            kind: callout_kind(k),
                            title: String::new(),
                            first: true,
                        },
                        None => Container::Quote,
                    });
                }
                Tag::List(start) => {
                    flush!();
                    lists.push(List { next: start, items: 0 });
                }
                Tag::Item => {
                    flush!();
                    let depth = lists.len();
                    let list = lists.last_mut();
                    let (marker, later) = match list {
                        Some(list) => {
                            list.items += 1;
                            let marker = match &mut list.next {
                                Some(n) => {
                                    let m = format!("{n}. ");
                                    *n = n.saturating_add(1);
                                    m
                                }
                                None => bullet(depth).to_string(),
                            };
                            (marker, list.items > 1)
                        }
                        None => (bullet(1).to_string(), false),
                    };
                    b.push_container(Container::Item { marker, first: true });
                    // Items of a tight list follow each other without a blank line;
                    // a loose list's paragraphs reset this when they start.
                    gap = !later;
                }
                Tag::FootnoteDefinition(label) => {
                    flush!();
                    let n = note_number(&label);
                    b.begin_note(n);
                    b.push_container(Container::Item {
                        marker: format!("{} ", superscript(n)),
                        first: true,
                    });
                }
                Tag::DefinitionList => flush!(),
                Tag::DefinitionListTitle => {
                    flush!();
                    kind = Some(BlockKind::Paragraph);
                    strong += 1;
                }
                Tag::DefinitionListDefinition => {
                    flush!();
                    b.push_container(Container::Item {
                        marker: "  ".to_string(),
                        first: true,
                    });
                    gap = false;
                }
                Tag::Table(aligns) => {
                    flush!();
                    let dropped_columns = aligns.len().saturating_sub(MAX_TABLE_COLUMNS);
                    let aligns: Vec<Align> = aligns.iter().take(MAX_TABLE_COLUMNS).map(|&a| align(a)).collect();
                    table = Some(Table {
                        columns: aligns.len(),
                        dropped_columns,
                        ..Table::default()
                    });
                    kind = Some(BlockKind::Table(aligns));
                }
                Tag::TableHead | Tag::TableRow => {
                    if let Some(t) = &mut table {
                        t.cell_in_row = 0;
                        if t.cells >= MAX_TABLE_CELLS {
                            t.dropped_rows = 1;
                        }
                    }
                }
                Tag::TableCell => {
                    if let Some(t) = &mut table {
                        if t.cell_in_row >= t.columns.max(1) {
                            t.skip_cell = true;
                        } else if t.cell_in_row > 0 {
                            b.push(Inline::CellSeparator);
                        }
                        t.cell_in_row += 1;
                        t.cells += 1;
                    }
                }
                Tag::Emphasis => emph += 1,
                Tag::Strong => strong += 1,
                Tag::Strikethrough => strike += 1,
                Tag::Link { dest_url, title, .. } => links.push(OpenLink {
                    from: b.mark(),
                    url: dest_url.into_string(),
                    title: title.into_string(),
                    image: false,
                }),
                Tag::Image { dest_url, title, .. } => {
                    b.raw("🖼 ", Emphasis { dim: true, ..style });
                    links.push(OpenLink {
                        from: b.mark(),
                        url: dest_url.into_string(),
                        title: title.into_string(),
                        image: true,
                    });
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                    if tag == TagEnd::Paragraph && b.item_is_fresh() {
                        // A loose list: keep the blank line that separates its items.
                        gap = true;
                    }
                    flush!();
                }
                TagEnd::DefinitionListTitle => {
                    strong = strong.saturating_sub(1);
                    flush!();
                }
                TagEnd::TableHead | TagEnd::TableRow if table.as_ref().is_some_and(|t| t.dropped_rows == 0) => {
                    b.push(Inline::RowEnd);
                }
                TagEnd::TableCell => {
                    if let Some(t) = &mut table {
                        t.skip_cell = false;
                    }
                }
                TagEnd::Table => {
                    flush!();
                    if let Some(t) = table.take() {
                        truncated(b, t.dropped_rows, t.dropped_columns);
                    }
                }
                TagEnd::BlockQuote(_) | TagEnd::Item | TagEnd::DefinitionListDefinition => {
                    flush!();
                    b.pop_container();
                }
                TagEnd::FootnoteDefinition => {
                    flush!();
                    b.pop_container();
                    b.end_note();
                }
                TagEnd::List(_) => {
                    flush!();
                    lists.pop();
                }
                TagEnd::Emphasis => emph = emph.saturating_sub(1),
                TagEnd::Strong => strong = strong.saturating_sub(1),
                TagEnd::Strikethrough => strike = strike.saturating_sub(1),
                TagEnd::Link | TagEnd::Image => {
                    if let Some(link) = links.pop() {
                        end_link(b, link, style);
                    }
                }
                _ => {}
            },
            Event::Text(text) => {
                if matches!(kind, Some(BlockKind::Code(_))) {
                    b.raw(
                        &sanitize(&text),
                        Emphasis {
                            code: true,
                            ..Emphasis::default()
                        },
                    );
                } else {
                    let text = sanitize_line(&text);
                    let text = if style.code { text } else { emoji::replace(text) };
                    b.text(&text, style, !links.is_empty());
                }
            }
            Event::Code(text) => b.raw(&sanitize_line(&text), Emphasis { code: true, ..style }),
            Event::Html(text) => {
                // Outside an HTML block (pulldown-cmark gives none such): as text.
                b.text(&sanitize_line(&text), style, false);
            }
            Event::InlineHtml(tag) => match html::inline_tag(&tag) {
                InlineTag::Break => b.push(Inline::Break),
                InlineTag::OpenLink(url) => {
                    html_links += 1;
                    links.push(OpenLink {
                        from: b.mark(),
                        url,
                        title: String::new(),
                        image: false,
                    });
                }
                InlineTag::CloseLink => {
                    if html_links > 0 {
                        html_links -= 1;
                        if let Some(link) = links.pop() {
                            end_link(b, link, style);
                        }
                    }
                }
                InlineTag::Image(src, alt, title) => {
                    b.raw("🖼 ", Emphasis { dim: true, ..style });
                    let from = b.mark();
                    b.raw(&sanitize_line(&alt), Emphasis { link: true, ..style });
                    let link = OpenLink {
                        from,
                        url: src,
                        title,
                        image: true,
                    };
                    end_link(b, link, style);
                }
                InlineTag::Style(which, open) => {
                    let counter = match which {
                        StyleTag::Strong => &mut strong,
                        StyleTag::Emph => &mut emph,
                        StyleTag::Strike => &mut strike,
                        StyleTag::Code => &mut code,
                        StyleTag::Dim => &mut dim,
                    };
                    *counter = if open { *counter + 1 } else { counter.saturating_sub(1) };
                }
                InlineTag::Other => {}
            },
            Event::SoftBreak => b.raw(" ", style),
            Event::HardBreak => b.push(Inline::Break),
            Event::Rule => {
                flush!();
                b.end_block(BlockKind::Rule, true);
            }
            Event::FootnoteReference(label) => b.push(Inline::FootnoteRef(note_number(&label))),
            Event::TaskListMarker(done) => b.raw(if done { "☑ " } else { "☐ " }, style),
            Event::InlineMath(text) | Event::DisplayMath(text) => {
                b.raw(&sanitize_line(&text), Emphasis { code: true, ..style })
            }
        }
    }
    flush!();
}

/// The note under a table cut at the limits: what was left out.
fn truncated(b: &mut impl Sink, rows: usize, columns: usize) {
    let plural = |n: usize, what: &str| format!("{n} more {what}{}", if n == 1 { "" } else { "s" });
    let parts: Vec<String> = [(rows, "row"), (columns, "column")]
        .into_iter()
        .filter(|&(n, _)| n > 0)
        .map(|(n, what)| plural(n, what))
        .collect();
    if parts.is_empty() {
        return;
    }
    let dim = Emphasis {
        dim: true,
        ..Emphasis::default()
    };
    b.raw(&format!("⋯ table truncated: {} not shown", parts.join(" and ")), dim);
    b.end_block(BlockKind::Paragraph, false);
}

/// Closes a link or image: its text (the URL when it has none), its number,
/// and for an image the file it shows.
fn end_link(b: &mut impl Sink, link: OpenLink, style: Emphasis) {
    let mut text = b.text_since(link.from);
    if link.image {
        let file = file_name(&link.url);
        if !file.is_empty() {
            let file = sanitize_line(file);
            b.raw(&format!(" ({file})"), Emphasis { dim: true, ..style });
        }
        if text.trim().is_empty() {
            text = if file.is_empty() {
                link.url.clone()
            } else {
                file.to_string()
            };
        }
    } else if text.trim().is_empty() {
        text = link.url.clone();
        b.raw(&crate::sanitize::clean_url(&link.url), Emphasis { link: true, ..style });
    }
    let title = (!link.title.is_empty()).then_some(link.title.as_str());
    let n = b.links().number(&link.url, &text, title);
    b.push(Inline::LinkMarker(n));
    if link.image {
        b.image(n);
    }
}

/// The file an image URL names: its last path segment, without a query.
fn file_name(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or("");
    path.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
