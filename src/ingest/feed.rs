//! Reading a feed (RSS 0.9x, 1.0 and 2.0, Atom, JSON Feed, through feed-rs)
//! into the items kiosk writes. An item is known by its GUID, else its link,
//! else its title: the key a second fetch recognises it by.

use chrono::NaiveDate;
use feed_rs::model::{Link, Text};

use super::charset;
use super::extract::one_line;

/// A feed as kiosk uses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedDoc {
    /// The feed's title.
    pub title: Option<String>,
    /// The feed's language.
    pub lang: Option<String>,
    /// Its items, in the feed's order.
    pub items: Vec<Item>,
}

/// One item of a feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// GUID, else link, else title.
    pub key: String,
    /// The title.
    pub title: Option<String>,
    /// The item's page.
    pub link: Option<String>,
    /// When it was published (else updated).
    pub date: Option<NaiveDate>,
    /// The first author.
    pub author: Option<String>,
    /// The item's text as HTML: its full content, else its summary.
    pub html: Option<String>,
    /// Its summary as one line of plain text, when it also has full content.
    pub summary: Option<String>,
    /// Its categories.
    pub tags: Vec<String>,
    /// The item's language.
    pub lang: Option<String>,
}

/// Parses the feed `bytes` fetched from `url`.
pub fn parse(bytes: &[u8], content_type: Option<&str>, url: &str) -> Result<FeedDoc, String> {
    let text = charset::decode(bytes, content_type);
    let text = charset::drop_xml_encoding(&text);
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(url))
        .id_generator(key_of)
        .build();
    let feed = parser
        .parse(text.as_bytes())
        .map_err(|e| format!("not a valid feed: {e}"))?;
    let lang = feed.language.clone();
    let items = feed
        .entries
        .into_iter()
        .filter(|e| !e.id.is_empty())
        .map(|e| {
            let content = e
                .content
                .and_then(|c| {
                    let html = c.content_type.as_str().contains("html");
                    c.body.map(|b| if html { b } else { paragraphs(&b) })
                })
                .filter(|b| !b.trim().is_empty());
            let summary = e.summary.map(|s| html_of(&s)).filter(|s| !s.trim().is_empty());
            let link = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(e.links.first())
                .map(|l| l.href.clone());
            Item {
                key: e.id,
                title: e.title.as_ref().and_then(plain),
                link,
                date: e.published.or(e.updated).map(|d| d.date_naive()),
                author: e.authors.first().and_then(|a| one_line(&a.name)),
                summary: match (&content, &summary) {
                    (Some(_), Some(s)) => plain_html(s).map(|s| shorten(&s, 300)),
                    _ => None,
                },
                html: content.or(summary),
                tags: e
                    .categories
                    .iter()
                    .filter_map(|c| one_line(c.label.as_deref().unwrap_or(&c.term)))
                    .collect(),
                lang: e.language,
            }
        })
        .collect();
    Ok(FeedDoc {
        title: feed.title.as_ref().and_then(plain),
        lang,
        items,
    })
}

/// The key of an item without a GUID: its first link, else its title
/// (empty when it has neither: such an item cannot be recognised later and
/// is passed over).
fn key_of(links: &[Link], title: &Option<Text>, _base: Option<&str>) -> String {
    links
        .first()
        .map(|l| l.href.clone())
        .or_else(|| title.as_ref().map(|t| format!("title:{}", t.content.trim())))
        .unwrap_or_default()
}

/// A text construct as HTML (plain text is escaped, lines become paragraphs).
fn html_of(text: &Text) -> String {
    if text.content_type.as_str().contains("html") {
        return text.content.clone();
    }
    paragraphs(&text.content)
}

/// Plain text as HTML paragraphs (split at blank lines), escaped.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", quick_xml::escape::escape(p.trim())))
        .collect()
}

/// A text construct as one line of plain text.
fn plain(text: &Text) -> Option<String> {
    if text.content_type.as_str().contains("html") {
        plain_html(&text.content)
    } else {
        one_line(&text.content)
    }
}

/// The text of an HTML fragment on one line.
fn plain_html(html: &str) -> Option<String> {
    if !html.contains('<') && !html.contains('&') {
        return one_line(html);
    }
    let doc = dom_query::Document::fragment(html);
    one_line(&doc.root().text())
}

/// `text` cut at a word boundary to at most `max` bytes, with `…`.
fn shorten(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind(' ').unwrap_or(end);
    format!("{}…", text[..cut].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_without_guid_are_known_by_link_and_html_titles_are_plain() {
        let rss = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
            <rss version="2.0"><channel><title>Caf\xe9 news</title>
            <item><title>One &amp; <![CDATA[<b>two</b>]]></title><link>https://n.example/1</link>
              <description>Short &lt;b&gt;summary&lt;/b&gt;</description><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
            <item><guid>urn:x:2</guid><title>Second</title></item>
            <item><description>no link, no title</description></item>
            </channel></rss>"#;
        let rss = rss.replace("\\xe9", "\u{e9}");
        let (rss, _, _) = encoding_rs::WINDOWS_1252.encode(&rss);
        let feed = parse(&rss, None, "https://n.example/feed").unwrap();
        assert_eq!(feed.title.as_deref(), Some("Café news"));
        let keys: Vec<&str> = feed.items.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["https://n.example/1", "urn:x:2"]);
        assert_eq!(feed.items[0].title.as_deref(), Some("One & <b>two</b>"));
        assert_eq!(feed.items[0].date.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
        assert_eq!(feed.items[0].html.as_deref(), Some("Short <b>summary</b>"));
        assert!(parse(b"<rss><channel><item>", None, "https://n.example/").is_err());
        assert!(parse(b"{\"version\": 1", Some("application/json"), "https://n.example/").is_err());
    }

    #[test]
    fn long_summaries_are_shortened_at_a_word() {
        assert_eq!(shorten("aaa bbb ccc", 9), "aaa bbb…");
        assert_eq!(shorten("short", 9), "short");
    }
}
