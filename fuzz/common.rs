//! Checks shared by the loading targets.

use std::path::Path;

use kiosk::layout::layout;
use kiosk::load::parse_article;
use kiosk::sanitize::is_forbidden;

/// Loads `data` as the file `path`: never panics, and whatever is recovered
/// is clean and lays out within its width.
pub fn article(path: &Path, data: &[u8]) {
    let (article, _diagnostics) = parse_article(path, data);
    let Some(article) = article else { return };
    for text in [article.title.as_str(), article.body()] {
        assert!(!text.chars().any(|c| c != '\n' && is_forbidden(c)));
    }
    for tag in &article.tags {
        assert!(!tag.chars().any(is_forbidden));
    }
    for link in article.links() {
        assert!(!link.url.chars().any(is_forbidden));
        assert!(!link.text.chars().any(is_forbidden));
    }
    for line in layout(&article.parse(), 40).lines {
        assert!(line.width() <= 40);
    }
}
