//! The file an ingested article becomes: YAML front matter (`title`, `date`,
//! `author`, `source`, `site`, `lang`, `summary`, `tags`, `fetched`, and for
//! feed items `feed` and `guid`) and a Markdown body, every string through
//! the sanitiser that the loader also applies.

use chrono::NaiveDate;
use serde::Serialize;

use crate::sanitize::{sanitize, sanitize_line};

/// The front matter of an ingested article, in the order it is written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FrontMatter {
    /// The title.
    pub title: String,
    /// Publication day, else the day it was fetched (`YYYY-MM-DD`).
    pub date: String,
    /// The author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The page's URL.
    pub source: String,
    /// The article that cited the page, when it was saved from the reader's
    /// link list (its id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// The site's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Language code (the page's, else detected from the text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The excerpt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Tags given by the user or the feed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// When kiosk fetched it (RFC 3339, UTC).
    pub fetched: String,
    /// The feed it came from (its title).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feed: Option<String>,
    /// The feed item's id, by which a later fetch knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
}

/// A whole article file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleFile {
    /// The front matter.
    pub front: FrontMatter,
    /// The Markdown body.
    pub body: String,
}

/// Today's date and this moment, as the front matter writes them.
pub fn now() -> (NaiveDate, String) {
    let now = chrono::Utc::now();
    (now.date_naive(), now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

impl ArticleFile {
    /// The file's text: `---`, the YAML, `---`, a blank line, the body.
    pub fn render(&self) -> String {
        let line = |s: &str| sanitize_line(s).trim().to_string();
        let opt = |s: &Option<String>| s.as_deref().map(line).filter(|s| !s.is_empty());
        let front = FrontMatter {
            title: line(&self.front.title),
            date: line(&self.front.date),
            author: opt(&self.front.author),
            source: line(&self.front.source),
            via: opt(&self.front.via),
            site: opt(&self.front.site),
            lang: opt(&self.front.lang),
            summary: opt(&self.front.summary),
            tags: self
                .front
                .tags
                .iter()
                .map(|t| line(t))
                .filter(|t| !t.is_empty())
                .collect(),
            fetched: line(&self.front.fetched),
            feed: opt(&self.front.feed),
            guid: opt(&self.front.guid),
        };
        let yaml = serde_yaml::to_string(&front).expect("strings serialise");
        let body = sanitize(&self.body);
        format!("---\n{yaml}---\n\n{}\n", body.trim_end())
    }

    /// The file name without extension: `<date>-<slug of the title>`.
    pub fn stem(&self) -> String {
        format!("{}-{}", self.front.date, super::filename::slug(&self.front.title))
    }
}

/// The language code to write: the page's own, normalised (`en-US` is
/// `en`), else detected from the body.
pub fn language(declared: Option<&str>, body: &str) -> Option<String> {
    declared
        .and_then(crate::load::lang::normalise)
        .or_else(|| crate::load::lang::detect(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_yaml_the_loader_reads_back() {
        let file = ArticleFile {
            front: FrontMatter {
                title: "A \"quoted\": title\u{1b}[2J".into(),
                date: "2024-03-05".into(),
                author: Some("Jane Doe".into()),
                source: "https://example.org/a".into(),
                summary: Some("- not a list".into()),
                tags: vec!["news".into(), "".into()],
                fetched: "2024-03-06T10:00:00Z".into(),
                ..FrontMatter::default()
            },
            body: "Text \u{202e}here.\n\n".into(),
        };
        let text = file.render();
        assert_eq!(
            text,
            "---\ntitle: 'A \"quoted\": title'\ndate: 2024-03-05\nauthor: Jane Doe\nsource: https://example.org/a\n\
             summary: '- not a list'\ntags:\n- news\nfetched: 2024-03-06T10:00:00Z\n---\n\nText here.\n"
        );
        assert_eq!(file.stem(), "2024-03-05-a-quoted-title-2j");
    }
}
