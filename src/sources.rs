//! The sources the library cites: every web link grouped by domain, then
//! the groups that are no domain: other articles of the folder, mail
//! addresses, and links that are not on the web.

use std::collections::BTreeMap;

use crate::library::Library;

mod kind;

pub use crate::library::domain;
pub use kind::{classify, Articles, Kind};

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
    /// For a link to another article of the folder, that article.
    pub target: Option<usize>,
}

/// All citations of one domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Domain {
    /// What its links are: web pages of this domain, or one of the groups.
    pub kind: Kind,
    /// The domain name, or the group's name ([`Kind::group`]).
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

/// Groups the links of the given articles by domain; the groups that are
/// no domain come last (this folder, mail, not web).
pub fn collect(library: &Library, articles: &[usize], sort: SortBy) -> Vec<Domain> {
    let names = Articles::new(library.articles());
    let mut by_domain: BTreeMap<(Kind, String), BTreeMap<String, CitedUrl>> = BTreeMap::new();
    for &i in articles {
        let from = &library.articles()[i].path;
        for link in library.links(i) {
            let (kind, target) = classify(&names, from, &link.url);
            let name = match kind {
                Kind::Web => domain(&link.url),
                group => group.group().to_string(),
            };
            let entry = by_domain
                .entry((kind, name))
                .or_default()
                .entry(link.url.clone())
                .or_insert_with(|| CitedUrl {
                    url: link.url.clone(),
                    texts: Vec::new(),
                    titles: Vec::new(),
                    citations: Vec::new(),
                    target,
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
        .map(|((kind, name), urls)| {
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
                kind,
                name,
                links,
                articles,
                urls,
            }
        })
        .collect();
    if sort == SortBy::Count {
        domains.sort_by(|a, b| {
            (a.kind != Kind::Web)
                .cmp(&(b.kind != Kind::Web))
                .then_with(|| a.kind.cmp(&b.kind))
                .then_with(|| b.links.cmp(&a.links))
                .then_with(|| b.articles.len().cmp(&a.articles.len()))
                .then_with(|| a.name.cmp(&b.name))
        });
    }
    domains
}

/// Columns wide enough for the largest link and article counts of `domains`
/// (at least 4 and 3), so that large counts keep the names aligned.
pub fn count_widths(domains: &[Domain]) -> (usize, usize) {
    let digits = |n: usize| n.to_string().len();
    let links = domains.iter().map(|d| d.links).max().unwrap_or(0);
    let articles = domains.iter().map(|d| d.articles.len()).max().unwrap_or(0);
    (digits(links).max(4), digits(articles).max(3))
}

/// A domain's counts as the sources view and `kiosk sources` print them:
/// `  12 links   3 articles` with the widths of [`count_widths`].
pub fn counts(domain: &Domain, widths: (usize, usize)) -> String {
    let (links, articles) = (domain.links, domain.articles.len());
    format!(
        "{links:>lw$} link{} {articles:>aw$} article{}",
        if links == 1 { " " } else { "s" },
        if articles == 1 { " " } else { "s" },
        lw = widths.0,
        aw = widths.1,
    )
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
