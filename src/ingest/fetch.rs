//! `kiosk fetch`: the new items of subscribed feeds become articles in
//! `DIR/<feed-slug>/`. Feeds run in parallel with a per-host limit; each is
//! fetched with a conditional GET; an item already seen (by GUID, else
//! link) is never written again; a broken feed is reported while the others
//! go on.

use std::path::{Path, PathBuf};

use super::article_file::{language, now, ArticleFile, FrontMatter};
use super::charset;
use super::extract::extract;
use super::feed::{self, FeedDoc, Item};
use super::filename::slug;
use super::http::{host_of, Client, Fetched};
use super::markdown::to_markdown;
use super::pool::{self, Parallelism};
use super::progress::{Outcome, Progress, Summary};
use super::store::{known_in, Store};
use super::subscriptions::Subscription;

/// What `fetch` does besides fetching.
#[derive(Clone, Debug, Default)]
pub struct FetchOptions {
    /// The article folder; each feed writes into a folder of its own in it.
    pub dir: PathBuf,
    /// Threads and per-host limit.
    pub parallelism: Parallelism,
}

/// Fetches every feed of `subscriptions` and writes its new items,
/// reporting each step to `progress`. Never fails as a whole: each feed's
/// outcome says how it went. The ledger is not saved here (see
/// [`Store::save`]).
pub fn fetch(
    client: &Client,
    store: &Store,
    subscriptions: &[Subscription],
    options: &FetchOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Summary {
    progress(Progress::Planned {
        total: subscriptions.len(),
    });
    let hosts: Vec<String> = subscriptions.iter().map(|s| host_of(&s.url)).collect();
    let outcomes = pool::run(&hosts, options.parallelism, |i| {
        let sub = &subscriptions[i];
        progress(Progress::Started { url: sub.url.clone() });
        let mut outcome = Outcome {
            url: sub.url.clone(),
            name: sub.title.clone().unwrap_or_else(|| sub.url.clone()),
            ..Outcome::default()
        };
        if let Err(e) = fetch_feed(client, store, sub, options, &mut outcome, progress) {
            outcome.error = Some(e);
        }
        progress(Progress::Finished(outcome.clone()));
        outcome
    });
    Summary { outcomes }
}

fn fetch_feed(
    client: &Client,
    store: &Store,
    sub: &Subscription,
    options: &FetchOptions,
    outcome: &mut Outcome,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<(), String> {
    let mut state = store.feed(&sub.url);
    let page = match client
        .get_if_changed(&sub.url, &state.validators)
        .map_err(|e| e.to_string())?
    {
        Fetched::NotModified => {
            outcome.not_modified = true;
            return Ok(());
        }
        Fetched::Page(page) => page,
    };
    let doc = feed::parse(&page.bytes, page.content_type.as_deref(), &page.url)?;
    let name = sub
        .title
        .clone()
        .or_else(|| doc.title.clone())
        .unwrap_or_else(|| host_of(&sub.url));
    outcome.name = name.clone();
    let folder = state.folder.clone().unwrap_or_else(|| slug(&name));
    let dir = options.dir.join(&folder);
    let on_disk = known_in(&dir);
    for item in &doc.items {
        let known = state.seen.contains(&item.key)
            || on_disk.contains_key(&item.key)
            || item.link.as_ref().is_some_and(|l| on_disk.contains_key(l));
        if known {
            continue;
        }
        let file = article(client, sub, &doc, &name, item, outcome);
        let path = store.write_new(&dir, &file).map_err(|e| e.to_string())?;
        state.seen.insert(item.key.clone());
        progress(Progress::Saved {
            url: sub.url.clone(),
            path: path.clone(),
        });
        outcome.written.push(path);
    }
    // Only once every item is written: a run cut short fetches the feed
    // whole again rather than missing what it did not write.
    state.validators = page.validators;
    state.folder = Some(folder);
    store.set_feed(&sub.url, state);
    Ok(())
}

/// The article of one item: from its page through the extractor when the
/// subscription asks for full text (falling back on the feed's text if the
/// page fails), else from the feed's text.
fn article(
    client: &Client,
    sub: &Subscription,
    doc: &FeedDoc,
    feed: &str,
    item: &Item,
    outcome: &mut Outcome,
) -> ArticleFile {
    let (today, fetched) = now();
    let page = match (&item.link, sub.full_text) {
        (Some(link), true) => match client.get(link).map_err(|e| e.to_string()).and_then(|p| {
            extract(&charset::decode(&p.bytes, p.content_type.as_deref()), &p.url).map_err(|e| e.to_string())
        }) {
            Ok(found) => Some(found),
            Err(e) => {
                outcome.notes.push(format!("{link}: {e}; the feed's text is kept"));
                None
            }
        },
        _ => None,
    };
    let body = match &page {
        Some(found) => found.markdown.clone(),
        None => item
            .html
            .as_deref()
            .map(|h| to_markdown(h, item.link.as_deref().or(Some(&sub.url))))
            .unwrap_or_default(),
    };
    let mut tags = sub.tags.clone();
    for tag in &item.tags {
        if !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
    let title = item
        .title
        .clone()
        .or_else(|| page.as_ref().map(|p| p.title.clone()).filter(|t| !t.is_empty()))
        .unwrap_or_else(|| first_words(&body));
    let declared = item
        .lang
        .as_deref()
        .or(doc.lang.as_deref())
        .or(page.as_ref().and_then(|p| p.lang.as_deref()));
    ArticleFile {
        front: FrontMatter {
            title,
            date: item
                .date
                .or(page.as_ref().and_then(|p| p.published))
                .unwrap_or(today)
                .to_string(),
            author: item.author.clone().or(page.as_ref().and_then(|p| p.author.clone())),
            source: item.link.clone().unwrap_or_else(|| sub.url.clone()),
            via: None,
            site: Some(host_of(item.link.as_deref().unwrap_or(&sub.url))).filter(|h| !h.is_empty()),
            lang: language(declared, &body),
            summary: item.summary.clone().or(page.as_ref().and_then(|p| p.summary.clone())),
            tags,
            fetched,
            feed: Some(feed.to_string()),
            guid: Some(item.key.clone()),
        },
        body,
    }
}

/// A title for an item that has none: the start of its text.
fn first_words(body: &str) -> String {
    let words: Vec<&str> = body.split_whitespace().take(8).collect();
    if words.is_empty() {
        "Untitled".to_string()
    } else {
        words.join(" ")
    }
}

/// The folder a subscription's articles go to (for the reader's sources
/// view): the remembered one, else the slug of its name.
pub fn folder_of(store: &Store, sub: &Subscription, dir: &Path) -> Option<PathBuf> {
    store.feed(&sub.url).folder.map(|f| dir.join(f))
}
