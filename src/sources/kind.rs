//! What a cited link is: a web page (grouped by its domain), a mail address,
//! another article of the folder, or something that is not on the web at all
//! (`file:`, `javascript:`, a relative link to no article).

use std::collections::HashMap;
use std::path::Path;

use crate::article::Article;

/// The kind of a cited link; every kind but [`Kind::Web`] is one group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An `http`/`https` page, grouped by its domain.
    Web,
    /// A relative link to an article of the folder.
    ThisFolder,
    /// A `mailto:` address.
    Mail,
    /// Anything else: listed, never opened.
    NotWeb,
}

impl Kind {
    /// The group's name (web pages are grouped by domain instead).
    pub fn group(self) -> &'static str {
        match self {
            Kind::Web => "web",
            Kind::ThisFolder => "this folder",
            Kind::Mail => "mail",
            Kind::NotWeb => "not web",
        }
    }
}

/// The scheme of a URL, lower-cased, if it has one (`C:` drive letters and
/// relative paths have none).
fn scheme(url: &str) -> Option<String> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && scheme.len() > 1;
    valid.then(|| scheme.to_ascii_lowercase())
}

/// The articles of a folder by every name a relative link may give them:
/// the path, the id (no extension), and for `index`/`_index` pages their
/// folder; each as lower-case path components.
pub struct Articles {
    /// By last component: (components, article).
    by_last: HashMap<String, Vec<(Vec<String>, usize)>>,
}

/// Lower-case components of a path or a link's path, `_` prefixes dropped
/// (Jekyll's `_docs` collection is `/docs/` on the site), `.` and `..`
/// and empty ones left out.
fn components(path: &str) -> Vec<String> {
    path.split(['/', '\\'])
        .filter(|c| !c.is_empty() && *c != "." && *c != "..")
        .map(|c| c.trim_start_matches('_').to_lowercase())
        .collect()
}

impl Articles {
    /// The names of `articles` (paths relative to the folder).
    pub fn new(articles: &[Box<Article>]) -> Articles {
        let mut by_last: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
        for (i, a) in articles.iter().enumerate() {
            let path = a.path.to_string_lossy().into_owned();
            let id = a.id.as_str().to_string();
            for name in [Some(path), folder_of_index(&id), Some(id)].into_iter().flatten() {
                let parts = components(&name);
                if let Some(last) = parts.last() {
                    by_last.entry(last.clone()).or_default().push((parts, i));
                }
            }
        }
        Articles { by_last }
    }

    /// The article a relative `url` in the article at `from` (a path in the
    /// folder) leads to. Sites link by their own addresses (`/docs/x/`,
    /// `../x.html`, Zola's `@/x.md`), not by file paths: the article whose
    /// path ends with the link's path is taken, the one nearest to `from`
    /// when several do.
    pub fn resolve(&self, from: &Path, url: &str) -> Option<usize> {
        let from = components(&from.to_string_lossy());
        let path = url.split(['#', '?']).next().unwrap_or("");
        let path = percent_decode(path);
        let path = path.strip_prefix("@/").unwrap_or(&path);
        let path = path
            .strip_suffix(".html")
            .or_else(|| path.strip_suffix(".htm"))
            .unwrap_or(path);
        let wanted = if path.is_empty() {
            // `#section`: a place in the article itself.
            from.clone()
        } else {
            components(path)
        };
        let last = wanted.last()?;
        self.by_last
            .get(last)?
            .iter()
            .filter(|(parts, _)| parts.ends_with(&wanted))
            .max_by_key(|(parts, i)| {
                let shared = parts.iter().zip(&from).take_while(|(a, b)| a == b).count();
                (shared, std::cmp::Reverse(parts.len()), std::cmp::Reverse(*i))
            })
            .map(|(_, i)| *i)
    }
}

/// `%20` and the like decoded (invalid sequences kept as they are).
fn percent_decode(path: &str) -> String {
    url::form_urlencoded::parse(format!("p={}", path.replace('+', "%2B").replace('&', "%26")).as_bytes())
        .next()
        .map_or_else(|| path.to_string(), |(_, v)| v.into_owned())
}

/// `sub/index` and `sub/_index` are the pages of `sub` (the top's: "").
fn folder_of_index(id: &str) -> Option<String> {
    let (dir, name) = id.rsplit_once('/').unwrap_or(("", id));
    matches!(name, "index" | "_index").then(|| dir.to_string())
}

/// What a link of the article at `from` is, and for a link to another
/// article of the folder, which one.
pub fn classify(articles: &Articles, from: &Path, url: &str) -> (Kind, Option<usize>) {
    match scheme(url).as_deref() {
        Some("http" | "https") if !super::domain(url).is_empty() => (Kind::Web, None),
        Some("mailto") => (Kind::Mail, None),
        Some(_) => (Kind::NotWeb, None),
        // Protocol-relative: a web page on the reader's scheme.
        None if url.starts_with("//") && !super::domain(url).is_empty() => (Kind::Web, None),
        None => match articles.resolve(from, url) {
            Some(i) => (Kind::ThisFolder, Some(i)),
            None => (Kind::NotWeb, None),
        },
    }
}
