//! Subscriptions as users bring them: OPML (what feed readers export) and
//! newsboat's `urls` file (a URL per line, then tags; `~Name` names the
//! feed). Either converts to the other. A feed is fetched through the
//! extractor when it sets `full_text` (OPML attribute `full_text="true"`,
//! or the word `full_text` among a `urls` line's tags).

use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// One subscribed feed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subscription {
    /// The feed's URL.
    pub url: String,
    /// The name the user gave it.
    pub title: Option<String>,
    /// Tags for its articles (OPML: `category`, and enclosing folders).
    pub tags: Vec<String>,
    /// Fetch each item's page through the extractor instead of taking the
    /// feed's text.
    pub full_text: bool,
}

/// The default subscriptions file: `feeds.opml`, else `urls`, in kiosk's
/// configuration folder (`$XDG_CONFIG_HOME/kiosk`, else `~/.config/kiosk`).
pub fn default_file() -> Option<PathBuf> {
    let config = crate::config::default_path()?;
    let dir = config.parent()?;
    let opml = dir.join("feeds.opml");
    let urls = dir.join("urls");
    Some(if !opml.exists() && urls.exists() { urls } else { opml })
}

/// Reads a subscriptions file of either format.
pub fn read(path: &Path) -> Result<Vec<Subscription>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses subscriptions: OPML when the text starts with `<`, else `urls`.
pub fn parse(text: &str) -> Result<Vec<Subscription>, String> {
    if text.trim_start_matches('\u{feff}').trim_start().starts_with('<') {
        parse_opml(text)
    } else {
        Ok(parse_urls(text))
    }
}

/// Parses newsboat's `urls` format. Lines that are not http(s) feeds
/// (comments, `query:`, `exec:`, `filter:`) are skipped.
pub fn parse_urls(text: &str) -> Vec<Subscription> {
    let mut subscriptions = Vec::new();
    for line in text.lines() {
        let mut words = tokens(line).into_iter();
        let Some(url) = words.next() else { continue };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            continue;
        }
        let mut sub = Subscription {
            url,
            ..Subscription::default()
        };
        for word in words {
            if let Some(name) = word.strip_prefix('~') {
                sub.title = Some(name.to_string()).filter(|n| !n.is_empty());
            } else if word == "full_text" {
                sub.full_text = true;
            } else if !word.starts_with('!') && !word.is_empty() {
                sub.tags.push(word);
            }
        }
        subscriptions.push(sub);
    }
    subscriptions
}

/// The words of a `urls` line: blank-separated, `"quoted words"` as one,
/// nothing after an unquoted `#`.
fn tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '#' {
            break;
        } else if c == '"' {
            chars.next();
            let mut word = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => word.extend(chars.next()),
                    c => word.push(c),
                }
            }
            out.push(word);
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                word.push(c);
                chars.next();
            }
            out.push(word);
        }
    }
    out
}

/// Parses OPML: every `outline` with an `xmlUrl` is a feed; the titles of
/// the outlines around it are its tags.
pub fn parse_opml(text: &str) -> Result<Vec<Subscription>, String> {
    let mut reader = Reader::from_str(text);
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut subscriptions = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("not valid OPML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) if e.local_name().as_ref() == b"outline" => {
                let (sub, title) = outline(&e, reader.decoder())?;
                match sub {
                    Some(sub) => {
                        subscriptions.push(with_folders(sub, &folders));
                        folders.push(None);
                    }
                    None => folders.push(title),
                }
            }
            Event::Empty(e) if e.local_name().as_ref() == b"outline" => {
                if let (Some(sub), _) = outline(&e, reader.decoder())? {
                    subscriptions.push(with_folders(sub, &folders));
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"outline" => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(subscriptions)
}

fn with_folders(mut sub: Subscription, folders: &[Option<String>]) -> Subscription {
    for folder in folders.iter().flatten() {
        if !sub.tags.contains(folder) {
            sub.tags.push(folder.clone());
        }
    }
    sub
}

/// The feed an outline names, if any, and its title.
fn outline(
    e: &BytesStart<'_>,
    decoder: quick_xml::encoding::Decoder,
) -> Result<(Option<Subscription>, Option<String>), String> {
    let mut url = None;
    let mut title = None;
    let mut text = None;
    let mut tags = Vec::new();
    let mut full_text = false;
    for attr in e.attributes() {
        let attr = attr.map_err(|e| format!("not valid OPML: {e}"))?;
        let value = attr
            .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, decoder)
            .map_err(|e| format!("not valid OPML: {e}"))?
            .trim()
            .to_string();
        match attr.key.local_name().as_ref() {
            b"xmlUrl" | b"xmlurl" => url = Some(value),
            b"title" => title = Some(value),
            b"text" => text = Some(value),
            b"category" => tags.extend(
                value
                    .split([',', '/'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string),
            ),
            b"full_text" | b"fullText" => full_text = value == "true" || value == "1",
            _ => {}
        }
    }
    // Exporters without a name for a feed put its URL in `text`.
    let title = title.or(text).filter(|t| !t.is_empty() && Some(t) != url.as_ref());
    let sub = url
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .map(|url| Subscription {
            url,
            title: title.clone(),
            tags,
            full_text,
        });
    Ok((sub, title))
}

/// The subscriptions as OPML 2.0.
pub fn to_opml(subscriptions: &[Subscription]) -> String {
    let esc = |s: &str| quick_xml::escape::escape(s).into_owned();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    \
         <title>kiosk subscriptions</title>\n  </head>\n  <body>\n",
    );
    for sub in subscriptions {
        // OPML requires `text`; without a name it is the URL.
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{}\"",
            esc(sub.title.as_deref().unwrap_or(&sub.url))
        ));
        if let Some(title) = &sub.title {
            out.push_str(&format!(" title=\"{}\"", esc(title)));
        }
        out.push_str(&format!(" xmlUrl=\"{}\"", esc(&sub.url)));
        if !sub.tags.is_empty() {
            out.push_str(&format!(" category=\"{}\"", esc(&sub.tags.join(","))));
        }
        if sub.full_text {
            out.push_str(" full_text=\"true\"");
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// The subscriptions in newsboat's `urls` format.
pub fn to_urls(subscriptions: &[Subscription]) -> String {
    let quote = |s: &str| {
        if s.is_empty() || s.contains(|c: char| c.is_whitespace() || c == '"' || c == '#' || c == '\\') {
            format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    for sub in subscriptions {
        out.push_str(&sub.url);
        for tag in &sub.tags {
            out.push(' ');
            out.push_str(&quote(tag));
        }
        if let Some(title) = &sub.title {
            out.push(' ');
            out.push_str(&quote(&format!("~{title}")));
        }
        if sub.full_text {
            out.push_str(" full_text");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn urls_lines_give_url_tags_name_and_full_text() {
        let text = "# my feeds\n\nhttps://a.example/feed.xml news \"long tag\" \"~A Site\" full_text\n\
                    query:unread:\"unread = \\\"yes\\\"\"\nhttp://b.example/rss !hidden # comment\n";
        assert_eq!(
            parse(text).unwrap(),
            vec![
                Subscription {
                    url: "https://a.example/feed.xml".into(),
                    title: Some("A Site".into()),
                    tags: vec!["news".into(), "long tag".into()],
                    full_text: true,
                },
                Subscription {
                    url: "http://b.example/rss".into(),
                    ..Subscription::default()
                },
            ]
        );
    }

    #[test]
    fn opml_folders_become_tags() {
        let text = r#"<?xml version="1.0"?><opml version="2.0"><head/><body>
            <outline text="Tech"><outline text="A &amp; B" xmlUrl="https://a.example/f" category="x,y"/>
              <outline text="Deep"><outline title="C" xmlUrl="https://c.example/f" full_text="true"></outline></outline>
            </outline><outline text="Bad" xmlUrl="file:///etc/passwd"/></body></opml>"#;
        let subs = parse(text).unwrap();
        assert_eq!(subs.len(), 2);
        assert_eq!(subs[0].title.as_deref(), Some("A & B"));
        assert_eq!(subs[0].tags, vec!["x", "y", "Tech"]);
        assert_eq!(subs[1].tags, vec!["Tech", "Deep"]);
        assert!(subs[1].full_text);
        assert!(parse("<opml><body><outline xmlUrl=\"x").is_err());
    }

    fn subscription() -> impl Strategy<Value = Subscription> {
        (
            "https://[a-z]{1,8}\\.example/[a-z0-9/]{0,12}",
            proptest::option::of("[^\u{0}-\u{1f}~!\u{7f}][^\u{0}-\u{1f}\u{7f}]{0,20}"),
            proptest::collection::vec("[^\u{0}-\u{1f}~!,/\u{7f}\\s][^\u{0}-\u{1f},/\u{7f}]{0,10}", 0..3),
            any::<bool>(),
        )
            .prop_map(|(url, title, tags, full_text)| Subscription {
                url,
                title: title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
                tags: tags
                    .into_iter()
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty() && t != "full_text")
                    .collect(),
                full_text,
            })
    }

    proptest! {
        #[test]
        fn both_formats_round_trip(subs in proptest::collection::vec(subscription(), 0..5)) {
            prop_assert_eq!(&parse(&to_urls(&subs)).unwrap(), &subs);
            prop_assert_eq!(parse(&to_opml(&subs)).unwrap(), subs);
        }
    }
}
