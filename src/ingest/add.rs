//! `kiosk add`: save web pages as Markdown articles (read-it-later).

use std::path::PathBuf;

use super::article_file::{language, now, ArticleFile, FrontMatter};
use super::charset;
use super::extract::extract;
use super::http::{host_of, Client};
use super::pool::{self, Parallelism};
use super::progress::{Outcome, Progress, Summary};
use super::store::{known_in, Store, StoreError};

/// What `add` does besides fetching.
#[derive(Clone, Debug, Default)]
pub struct AddOptions {
    /// The article folder the pages are saved into.
    pub dir: PathBuf,
    /// Tags for every saved page.
    pub tags: Vec<String>,
    /// Fetch and write again pages already saved (never over a file the
    /// user edited).
    pub force: bool,
    /// Threads and per-host limit.
    pub parallelism: Parallelism,
    /// The article citing the pages (its id), written as `via:`.
    pub via: Option<String>,
}

/// Saves each of `urls` into `options.dir`, reporting each step to
/// `progress`. A page already saved (same `source`) is left alone unless
/// `force`. Never fails as a whole: each page's outcome says how it went.
pub fn add(
    client: &Client,
    store: &Store,
    urls: &[String],
    options: &AddOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Summary {
    progress(Progress::Planned { total: urls.len() });
    let known = known_in(&options.dir);
    let hosts: Vec<String> = urls.iter().map(|u| host_of(u)).collect();
    let outcomes = pool::run(&hosts, options.parallelism, |i| {
        let url = &urls[i];
        progress(Progress::Started { url: url.clone() });
        let mut outcome = Outcome {
            url: url.clone(),
            name: url.clone(),
            ..Outcome::default()
        };
        let existing = known.get(url.as_str());
        match (existing, options.force) {
            (Some(path), false) => outcome.notes.push(format!("already saved as {}", path.display())),
            _ => match save(client, store, url, existing, options) {
                Ok((title, path)) => {
                    outcome.name = title;
                    progress(Progress::Saved {
                        url: url.clone(),
                        path: path.clone(),
                    });
                    outcome.written.push(path);
                }
                Err(e) => outcome.error = Some(e),
            },
        }
        progress(Progress::Finished(outcome.clone()));
        outcome
    });
    Summary { outcomes }
}

/// Fetches, extracts and writes one page; its title and path.
fn save(
    client: &Client,
    store: &Store,
    url: &str,
    existing: Option<&PathBuf>,
    options: &AddOptions,
) -> Result<(String, PathBuf), String> {
    let page = client.get(url).map_err(|e| e.to_string())?;
    let html = charset::decode(&page.bytes, page.content_type.as_deref());
    let found = extract(&html, &page.url).map_err(|e| e.to_string())?;
    let (today, fetched) = now();
    let title = if found.title.is_empty() {
        host_of(&page.url)
    } else {
        found.title
    };
    let file = ArticleFile {
        front: FrontMatter {
            title: title.clone(),
            date: found.published.unwrap_or(today).to_string(),
            author: found.author,
            source: url.to_string(),
            via: options.via.clone(),
            site: found
                .site
                .or_else(|| Some(host_of(&page.url)).filter(|h| !h.is_empty())),
            lang: language(found.lang.as_deref(), &found.markdown),
            summary: found.summary,
            tags: options.tags.clone(),
            fetched,
            feed: None,
            guid: None,
        },
        body: found.markdown,
    };
    let path = match existing {
        Some(path) => {
            store.rewrite(path, &file).map_err(|e| match e {
                StoreError::Edited(p) => format!("{} was edited since kiosk saved it; left as it is", p.display()),
                other => other.to_string(),
            })?;
            path.clone()
        }
        None => store.write_new(&options.dir, &file).map_err(|e| e.to_string())?,
    };
    Ok((title, path))
}
