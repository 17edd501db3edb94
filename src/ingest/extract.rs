//! Finding the article in a web page, the way reader modes do (dom_smoothie,
//! a port of Mozilla's Readability), with its metadata: title, author,
//! publication date, language, site and excerpt.

use chrono::NaiveDate;

use super::markdown::to_markdown;

/// What was found in a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extracted {
    /// The article's title.
    pub title: String,
    /// Its author (the byline without a leading "By").
    pub author: Option<String>,
    /// The day it was published, as the page says.
    pub published: Option<NaiveDate>,
    /// The page's language (`<html lang>` or its metadata), as written.
    pub lang: Option<String>,
    /// The site's name.
    pub site: Option<String>,
    /// The excerpt (the page's description, else its first paragraph).
    pub summary: Option<String>,
    /// The article as Markdown.
    pub markdown: String,
}

/// Why no article came out of a page.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// Readability found no readable content.
    #[error("no article found in the page ({0})")]
    NoArticle(String),
}

/// The article of the page `html`, fetched from `url`.
pub fn extract(html: &str, url: &str) -> Result<Extracted, ExtractError> {
    let config = dom_smoothie::Config {
        // Pages are capped in bytes already; this bounds the scoring work on
        // pages made of millions of empty elements.
        max_elements_to_parse: 200_000,
        ..Default::default()
    };
    let base = url::Url::parse(url).ok().map(|_| url);
    // Cleaned first, so that an escape sequence goes whole rather than
    // leave its parameters behind once the Markdown escapes its `[`.
    let html = crate::sanitize::sanitize(html);
    let mut readability = dom_smoothie::Readability::new(html.as_ref(), base, Some(config))
        .map_err(|e| ExtractError::NoArticle(e.to_string()))?;
    let article = readability
        .parse()
        .map_err(|e| ExtractError::NoArticle(e.to_string()))?;
    let markdown = to_markdown(&article.content, base);
    if markdown.trim().is_empty() {
        return Err(ExtractError::NoArticle("the page has no text".into()));
    }
    Ok(Extracted {
        title: one_line(&article.title).unwrap_or_default(),
        author: article.byline.as_deref().and_then(byline),
        published: article.published_time.as_deref().and_then(parse_date),
        lang: article.lang.as_deref().and_then(one_line),
        site: article.site_name.as_deref().and_then(one_line),
        summary: article.excerpt.as_deref().and_then(one_line),
        markdown,
    })
}

/// Text on one line, spaces collapsed; `None` when nothing is left.
pub fn one_line(text: &str) -> Option<String> {
    let clean = crate::sanitize::sanitize_line(text);
    let joined = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}

/// The author's name out of a byline: `By Jane Doe` is `Jane Doe`.
fn byline(text: &str) -> Option<String> {
    let line = format!("{} ", one_line(text)?);
    let name = ["By ", "by ", "BY ", "Von ", "von ", "Par ", "par "]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .unwrap_or(&line)
        .trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The day of a date as pages and feeds write it: RFC 3339 / ISO 8601 (the
/// day as written, in the writer's time zone), RFC 2822, or a bare
/// `YYYY-MM-DD` at the start.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(t.date_naive());
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc2822(text) {
        return Some(t.date_naive());
    }
    text.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_the_day_as_written() {
        let day = |s| parse_date(s).map(|d| d.to_string());
        assert_eq!(day("2024-03-05T23:30:00-05:00").as_deref(), Some("2024-03-05"));
        assert_eq!(day("Tue, 05 Mar 2024 10:00:00 GMT").as_deref(), Some("2024-03-05"));
        assert_eq!(day("2024-03-05").as_deref(), Some("2024-03-05"));
        assert_eq!(day("2024-03-05 10:00").as_deref(), Some("2024-03-05"));
        assert_eq!(day("last tuesday"), None);
        assert_eq!(day("2024-13-45"), None);
    }

    #[test]
    fn bylines_lose_their_by() {
        assert_eq!(byline("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(byline("  Jane\n Doe ").as_deref(), Some("Jane Doe"));
        assert_eq!(byline("By "), None);
    }
}
