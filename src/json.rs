//! The JSON Lines record of `kiosk list --json` (a stable contract).

use serde::Serialize;

use crate::article::{Article, ArticleId};
use crate::library::Library;
use crate::sources::Domain;

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
    /// The record of an article, with the ids of its translations.
    pub fn new(a: &'a Article, translations: &'a [ArticleId]) -> Self {
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
            translations: translations.iter().map(|t| t.as_str()).collect(),
        }
    }
}

/// One domain as `kiosk sources --json` prints it.
#[derive(Debug, Serialize)]
pub struct DomainRecord<'a> {
    /// The domain (`www.` dropped).
    pub domain: &'a str,
    /// Number of links to it (one per URL per citing article).
    pub links: usize,
    /// Number of distinct articles citing it.
    pub articles: usize,
    /// The URLs.
    pub urls: Vec<UrlRecord<'a>>,
}

/// One URL of a [`DomainRecord`].
#[derive(Debug, Serialize)]
pub struct UrlRecord<'a> {
    /// The URL.
    pub url: &'a str,
    /// Link texts it is cited with.
    pub texts: &'a [String],
    /// Link titles it carries.
    pub titles: &'a [String],
    /// Ids of the citing articles.
    pub articles: Vec<&'a str>,
}

impl<'a> DomainRecord<'a> {
    /// The record of a domain.
    pub fn new(library: &'a Library, d: &'a Domain) -> Self {
        DomainRecord {
            domain: &d.name,
            links: d.links,
            articles: d.articles.len(),
            urls: d
                .urls
                .iter()
                .map(|u| UrlRecord {
                    url: &u.url,
                    texts: &u.texts,
                    titles: &u.titles,
                    articles: u
                        .citations
                        .iter()
                        .map(|c| library.articles()[c.article].id.as_str())
                        .collect(),
                })
                .collect(),
        }
    }
}
