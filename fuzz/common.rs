//! Checks shared by the loading targets.

use std::path::Path;

use kiosk::article::Format;
use kiosk::document::{markdown_facts, plain_facts, Facts};
use kiosk::layout::layout;
use kiosk::load::lang::SAMPLE_CHARS;
use kiosk::load::{parse_article, parse_head, HEAD_BYTES};
use kiosk::sanitize::is_forbidden;

/// Loads `data` as the file `path`: never panics, and whatever is recovered
/// is clean and lays out within its width.
pub fn article(path: &Path, data: &[u8]) {
    let (article, _diagnostics) = parse_article(path, data);
    // The reader's preview of the file's start: clean too, and for a file
    // that short, what the list shows is what the full load gives.
    let whole = data.len() <= HEAD_BYTES;
    let preview = parse_head(path, &data[..data.len().min(HEAD_BYTES)], whole);
    if let Some(p) = &preview {
        assert!(!p.title.chars().any(is_forbidden));
        assert!(!p.tags.iter().any(|t| t.chars().any(is_forbidden)));
    }
    if whole {
        let shown = |a: &kiosk::Article| {
            (
                a.title.clone(),
                a.date,
                a.lang.clone(),
                a.tags.clone(),
                a.summary.clone(),
                a.draft,
                a.format,
            )
        };
        assert_eq!(preview.as_ref().map(shown), article.as_ref().map(shown));
    }
    let Some(article) = article else { return };
    // A parsed article keeps its body and links: nothing is read.
    let body = article.body_or(|| unreachable!("a parsed article keeps its body"));
    let links = article.links_or(|| unreachable!("a parsed article keeps its links"));
    for text in [article.title.as_str(), body] {
        assert!(!text.chars().any(|c| c != '\n' && is_forbidden(c)));
    }
    for tag in &article.tags {
        assert!(!tag.chars().any(is_forbidden));
    }
    for link in links {
        assert!(!link.url.chars().any(is_forbidden));
        assert!(!link.text.chars().any(is_forbidden));
    }
    let doc = article.format.parse(body);
    for line in layout(&doc, 40).lines {
        assert!(line.width() <= 40);
    }
    // What loading gathers of the body is what its whole document gives.
    let facts = match article.format {
        Format::Markdown => markdown_facts(body, SAMPLE_CHARS),
        Format::Plain => plain_facts(body, SAMPLE_CHARS),
    };
    assert_eq!(facts, Facts::of(&doc, SAMPLE_CHARS));
}
