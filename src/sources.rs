//! The sources the library cites: every link, grouped by domain.

use std::collections::BTreeMap;

use crate::library::Library;

pub use crate::library::domain;

/// One article citing a URL, and the link number it has there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// Index of the article in the library.
    pub article: usize,
    /// The link's number in that article.
    pub n: usize,
}

/// One cited URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitedUrl {
    /// The URL.
    pub url: String,
    /// The link texts it is cited with (distinct, in order of appearance).
    pub texts: Vec<String>,
    /// The link titles it carries (distinct).
    pub titles: Vec<String>,
    /// Every article citing it.
    pub citations: Vec<Citation>,
}

/// All citations of one domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Domain {
    /// The domain name.
    pub name: String,
    /// Number of links (one per URL per citing article).
    pub links: usize,
    /// Indexes of the distinct articles citing it.
    pub articles: Vec<usize>,
    /// The URLs, most cited first.
    pub urls: Vec<CitedUrl>,
}

/// How domains are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    /// Most links first (then by name).
    Count,
    /// Alphabetically.
    Name,
}

/// Groups the links of the given articles by domain.
pub fn collect(library: &Library, articles: &[usize], sort: SortBy) -> Vec<Domain> {
    let mut by_domain: BTreeMap<String, BTreeMap<String, CitedUrl>> = BTreeMap::new();
    for &i in articles {
        for link in library.links(i) {
            let entry = by_domain
                .entry(domain(&link.url))
                .or_default()
                .entry(link.url.clone())
                .or_insert_with(|| CitedUrl {
                    url: link.url.clone(),
                    texts: Vec::new(),
                    titles: Vec::new(),
                    citations: Vec::new(),
                });
            if !link.text.is_empty() && !entry.texts.contains(&link.text) {
                entry.texts.push(link.text.clone());
            }
            if let Some(t) = &link.title {
                if !entry.titles.contains(t) {
                    entry.titles.push(t.clone());
                }
            }
            entry.citations.push(Citation { article: i, n: link.n });
        }
    }
    let mut domains: Vec<Domain> = by_domain
        .into_iter()
        .map(|(name, urls)| {
            let mut urls: Vec<CitedUrl> = urls.into_values().collect();
            urls.sort_by(|a, b| {
                b.citations
                    .len()
                    .cmp(&a.citations.len())
                    .then_with(|| a.url.cmp(&b.url))
            });
            let links = urls.iter().map(|u| u.citations.len()).sum();
            let mut articles: Vec<usize> = urls
                .iter()
                .flat_map(|u| u.citations.iter().map(|c| c.article))
                .collect();
            articles.sort_unstable();
            articles.dedup();
            Domain {
                name,
                links,
                articles,
                urls,
            }
        })
        .collect();
    if sort == SortBy::Count {
        domains.sort_by(|a, b| {
            b.links
                .cmp(&a.links)
                .then_with(|| b.articles.len().cmp(&a.articles.len()))
                .then_with(|| a.name.cmp(&b.name))
        });
    }
    domains
}

#[cfg(test)]
mod tests {
    use super::domain;

    #[test]
    fn domains_of_urls() {
        assert_eq!(domain("https://www.bbc.com/news/x"), "bbc.com");
        assert_eq!(domain("http://User@Example.org:8080/p?q"), "example.org");
        assert_eq!(domain("mailto:forum@krone.at"), "krone.at");
        assert_eq!(domain("relative/path"), "relative");
    }
}
