//! The layout of a whole article as the reading pane and `kiosk show` draw
//! it: header, body, and the `Links` section; and the fast first screen of a
//! long one.

use super::{body, clamp_prefix, index_links, section_heading, wrap, Layout, Line, Role, Span, Style};
use crate::article::Article;
use crate::document::Document;

/// Lays out a whole article as the reading pane shows it: header (title;
/// date · language · tags · reading time · `translations`, the language
/// codes of its translations), summary, body (`doc`, the article's parsed
/// body) and the `Links` section (its links).
pub fn article_layout(article: &Article, doc: &Document, translations: &[String], width: usize) -> Layout {
    let mut out = header_layout(article, translations, width);
    body(doc, &mut out);
    links_section(&doc.links, &mut out);
    index_links(&mut out, doc.links.len());
    out
}

/// Bodies longer than this get a first-screen layout before the full one.
pub const FIRST_SCREEN_BYTES: usize = 32 * 1024;

/// The start of a long article, laid out fast so that the first screen
/// appears at once while the full layout is made: the header and the body
/// (its text, `text`, with `links` links) up to a paragraph break near
/// [`FIRST_SCREEN_BYTES`]. Its lines are the first lines of the full layout.
/// `None` when the body is short, or when it defines reference links or
/// footnotes after the cut (the start alone would show them differently).
///
/// ```
/// use kiosk::layout::{article_layout, first_screen_layout};
/// let dir = tempfile::tempdir().unwrap();
/// let body = "A paragraph of [text](https://example.org).\n\n".repeat(4000);
/// std::fs::write(dir.path().join("long.md"), format!("---\ntitle: Long\n---\n{body}")).unwrap();
/// let library = kiosk::Library::load(dir.path()).unwrap();
/// let (article, names) = (&library.articles()[0], library.translation_names(0));
/// let first = first_screen_layout(article, library.body(0), library.links(0).len(), &names, 60).unwrap();
/// let full = article_layout(article, &library.document(0), &names, 60);
/// assert!(first.partial && first.lines.len() < full.lines.len());
/// assert_eq!(first.lines[..], full.lines[..first.lines.len()]);
/// ```
pub fn first_screen_layout(
    article: &Article,
    text: &str,
    links: usize,
    translations: &[String],
    width: usize,
) -> Option<Layout> {
    if text.len() <= FIRST_SCREEN_BYTES {
        return None;
    }
    let mut cut = FIRST_SCREEN_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = article.format.last_break(&text[..cut])?;
    if memchr::memmem::find(&text.as_bytes()[cut..], b"]:").is_some() {
        return None;
    }
    let doc = article.format.parse(&text[..cut]);
    let mut out = header_layout(article, translations, width);
    body(&doc, &mut out);
    // The last block may continue after the cut: leave it out.
    if let Some(&start) = out.block_starts.last() {
        out.block_starts.pop();
        out.lines.truncate(start);
        out.headings.retain(|h| h.line < start);
    }
    while out.lines.last().is_some_and(|l| l.spans.is_empty()) {
        out.lines.pop();
    }
    index_links(&mut out, links);
    out.partial = true;
    Some(out)
}

/// What the reading pane shows while an article's file is being read (off
/// the reader's loop, so a huge or slow file never holds up the keys): its
/// header and a note. Partial, like a first screen.
pub fn waiting_layout(article: &Article, translations: &[String], width: usize) -> Layout {
    let mut out = header_layout(article, translations, width);
    out.lines.push(Line::default());
    let note = [Span {
        text: "reading the article…".to_string(),
        style: Style::role(Role::Note),
    }];
    wrap(&note, &[], &[], out.width, Style::role(Role::Note), &mut out.lines);
    out.partial = true;
    out
}

/// The header of an article's layout, with `body_start` set after it.
fn header_layout(article: &Article, translations: &[String], width: usize) -> Layout {
    let mut out = Layout {
        width: width.max(1),
        ..Layout::default()
    };
    header(article, translations, &mut out);
    out.body_start = out.lines.len();
    out
}

fn header(article: &Article, translations: &[String], out: &mut Layout) {
    let w = out.width;
    let title = [Span {
        text: article.title.clone(),
        style: Style {
            strong: true,
            ..Style::role(Role::Title)
        },
    }];
    wrap(&title, &[], &[], w, Style::role(Role::Title), &mut out.lines);
    let mut meta: Vec<String> = Vec::new();
    if let Some(d) = article.date {
        meta.push(d.to_string());
    }
    if let Some(lang) = &article.lang {
        meta.push(if lang.detected {
            format!("{} (detected)", lang.code)
        } else {
            lang.code.clone()
        });
    }
    if !article.tags.is_empty() {
        meta.push(article.tags.join(", "));
    }
    // Not known yet while the folder is being read whole.
    if !article.is_preliminary() {
        meta.push(format!("{} min read", article.reading_minutes()));
    }
    if !translations.is_empty() {
        meta.push(format!("also in {}", translations.join(", ")));
    }
    if article.draft {
        meta.push("draft".to_string());
    }
    let line = [Span {
        text: meta.join(" · "),
        style: Style::role(Role::Meta),
    }];
    wrap(&line, &[], &[], w, Style::role(Role::Meta), &mut out.lines);
    if let Some(cover) = article.cover.as_deref().filter(|c| is_local_image(c)) {
        let line = [Span {
            text: format!("🖼 cover: {cover}"),
            style: Style::role(Role::Note),
        }];
        wrap(&line, &[], &[], w, Style::role(Role::Note), &mut out.lines);
    }
    // Text was shortened at load: say so where it is read.
    if article.marks_cut > 0 {
        let line = [Span {
            text: format!("⋯ {}", crate::article::marks_note(article.marks_cut)),
            style: Style::role(Role::Note),
        }];
        wrap(&line, &[], &[], w, Style::role(Role::Note), &mut out.lines);
    }
    if let Some(summary) = &article.summary {
        out.blank();
        let s = [Span {
            text: summary.clone(),
            style: Style {
                emph: true,
                ..Style::role(Role::Summary)
            },
        }];
        wrap(&s, &[], &[], w, Style::role(Role::Summary), &mut out.lines);
    }
    out.blank();
}

/// True for a `cover:` that names an image file beside the article (not a
/// URL, not a theme's keyword such as `repression`).
fn is_local_image(cover: &str) -> bool {
    let path = cover.split(['?', '#']).next().unwrap_or("").to_ascii_lowercase();
    !path.contains("://")
        && [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp"]
            .iter()
            .any(|ext| path.ends_with(ext))
}

fn links_section(links: &[crate::article::Link], out: &mut Layout) {
    if links.is_empty() {
        return;
    }
    out.blank();
    // The Links section sits at the level of the body's top headings.
    let level = out.headings.iter().map(|h| h.level).min().unwrap_or(2);
    section_heading("Links", level, out);
    let marker_width = format!("[{}] ", links.len()).len();
    for link in links {
        let marker = format!("{:<marker_width$}", format!("[{}]", link.n));
        let first = [Span {
            text: marker,
            style: Style::role(Role::LinkMarker),
        }];
        let rest = [Span {
            text: " ".repeat(marker_width),
            style: Style::role(Role::Text),
        }];
        let (first, rest) = clamp_prefix(&first, &rest, out.width);
        let mut atoms = vec![Span {
            text: link.url.clone(),
            style: Style::role(Role::Url),
        }];
        if let Some(title) = &link.title {
            atoms.push(Span {
                text: format!(" \"{title}\""),
                style: Style::role(Role::LinkTitle),
            });
        }
        wrap(
            &atoms,
            &first,
            &rest,
            out.width,
            Style::role(Role::Text),
            &mut out.lines,
        );
    }
}
