//! The JSON Lines record of `kiosk list --json` (a stable contract).

use serde::Serialize;

use crate::article::Article;

/// One article as `kiosk list --json` prints it. Field order is the contract's.
#[derive(Debug, Serialize)]
pub struct ArticleRecord<'a> {
    /// Path relative to the folder, without extension.
    pub id: &'a str,
    /// Path relative to the folder.
    pub path: String,
    /// Title.
    pub title: &'a str,
    /// `YYYY-MM-DD` or null.
    pub date: Option<String>,
    /// Language code or null.
    pub lang: Option<&'a str>,
    /// Whether the language was detected.
    pub lang_detected: bool,
    /// Tags.
    pub tags: &'a [String],
    /// Draft flag.
    pub draft: bool,
    /// Summary or null.
    pub summary: Option<&'a str>,
    /// `markdown` or `plain`.
    pub format: &'static str,
    /// Word count.
    pub words: usize,
    /// Numbered links.
    pub links: Vec<LinkRecord<'a>>,
    /// Ids of translations.
    pub translations: Vec<&'a str>,
}

/// One link of an [`ArticleRecord`].
#[derive(Debug, Serialize)]
pub struct LinkRecord<'a> {
    /// Link number.
    pub n: usize,
    /// Link text.
    pub text: &'a str,
    /// URL.
    pub url: &'a str,
    /// Title or null.
    pub title: Option<&'a str>,
}

impl<'a> ArticleRecord<'a> {
    /// The record of an article.
    pub fn new(a: &'a Article) -> Self {
        ArticleRecord {
            id: a.id.as_str(),
            path: a.path.to_string_lossy().replace('\\', "/"),
            title: &a.title,
            date: a.date.map(|d| d.to_string()),
            lang: a.lang_code(),
            lang_detected: a.lang.as_ref().is_some_and(|l| l.detected),
            tags: &a.tags,
            draft: a.draft,
            summary: a.summary.as_deref(),
            format: a.format.name(),
            words: a.words,
            links: a
                .links()
                .iter()
                .map(|l| LinkRecord {
                    n: l.n,
                    text: &l.text,
                    url: &l.url,
                    title: l.title.as_deref(),
                })
                .collect(),
            translations: a.translations.iter().map(|t| t.as_str()).collect(),
        }
    }
}
