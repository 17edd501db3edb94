//! Where a link leads inside the folder: another article, found by the path
//! it names (relative to the citing file or page, root-relative, Zola's
//! `@/`, a Hugo `ref` name, a permalink), or the article a page was saved as
//! (`kiosk add`: its `source` URL). The reader opens such links inside kiosk.

use std::collections::HashMap;

use percent_encoding::percent_decode_str;

use super::Library;
use crate::article::Article;

/// A link's target inside the folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Library index of the article.
    pub article: usize,
    /// The part after `#`, decoded (a heading's id), if any.
    pub fragment: Option<String>,
}

/// The keys every article can be found by, made once per library.
#[derive(Clone, Debug, Default)]
pub struct Targets {
    /// Lower-case keys: the id, the page (no language suffix, no `index`),
    /// and the `permalink`, `url`, `slug`-less `aliases` of the front matter.
    exact: HashMap<String, Vec<u32>>,
    /// The same keys without their language folder (`en/x` is also `x`).
    unprefixed: HashMap<String, Vec<u32>>,
    /// The last segment of each key: Hugo's `ref "name"` finds a page by it.
    names: HashMap<String, Vec<u32>>,
    /// Saved pages by their `source` URL (see [`source_key`]).
    sources: HashMap<String, u32>,
    /// Each article's page key, for links relative to it.
    pages: Vec<String>,
    /// Each article's keys, for matching the end of a path.
    keys: Vec<Vec<String>>,
}

/// Files a link may name that are never articles.
const ASSETS: [&str; 24] = [
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "pdf", "zip", "gz", "toml", "yaml", "yml", "json",
    "css", "scss", "js", "xml", "csv", "mp4", "mp3", "webm", "woff2",
];

impl Targets {
    /// The keys of every article of `library`.
    pub fn of(library: &Library) -> Targets {
        let mut t = Targets::default();
        for (i, a) in library.articles().iter().enumerate() {
            let i = i as u32;
            let id = a.id.as_str().to_lowercase();
            let page = page_key(a, &id);
            let mut keys = vec![id.clone(), page.clone()];
            keys.extend(dated(&page));
            for field in ["permalink", "url", "aliases"] {
                if let Some(value) = a.extra.get(field) {
                    keys.extend(list(value).into_iter().map(|p| clean(&p)));
                }
            }
            keys.sort();
            keys.dedup();
            for key in &keys {
                t.exact.entry(key.clone()).or_default().push(i);
                let name = key.rsplit('/').next().unwrap_or(key);
                if !name.is_empty() {
                    t.names.entry(name.to_string()).or_default().push(i);
                }
            }
            if let Some(k) = a.path_key.folder {
                for key in [&id, &page] {
                    let rest: Vec<&str> = key
                        .split('/')
                        .enumerate()
                        .filter(|&(n, _)| n != usize::from(k))
                        .map(|(_, s)| s)
                        .collect();
                    t.unprefixed.entry(rest.join("/")).or_default().push(i);
                }
            }
            if let Some(source) = a.extra.get("source").filter(|s| s.starts_with("http")) {
                t.sources.entry(source_key(source)).or_insert(i);
            }
            t.pages.push(page);
            t.keys.push(keys);
        }
        for list in t.unprefixed.values_mut() {
            list.dedup();
        }
        t
    }

    /// The article saved from `url` (`kiosk add`, or `a` in the link list).
    pub fn saved(&self, url: &str) -> Option<usize> {
        self.sources.get(&source_key(url)).map(|&i| i as usize)
    }

    /// Where `url`, cited by article `from`, leads inside the folder: `None`
    /// for a URL with a scheme, a file that is not an article, or a path no
    /// article has. `#id` alone leads to `from` itself.
    pub fn resolve(&self, library: &Library, from: usize, url: &str) -> Option<Target> {
        let url = url.trim();
        if has_scheme(url) || url.starts_with("//") {
            return None;
        }
        let (rest, fragment) = match url.split_once('#') {
            Some((rest, f)) => (rest, Some(decode(f)).filter(|f| !f.is_empty())),
            None => (url, None),
        };
        let path = decode(rest.split('?').next().unwrap_or(""));
        if path.is_empty() {
            return Some(Target {
                article: from,
                fragment,
            });
        }
        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        if last
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ASSETS.contains(&ext.to_ascii_lowercase().as_str()))
        {
            return None;
        }
        let (rooted, path) = match path.strip_prefix("@/").or_else(|| path.strip_prefix('/')) {
            Some(p) => (true, p),
            None => (false, path.as_str()),
        };
        let page = self.pages.get(from).map_or("", String::as_str);
        let mut tries = Vec::new();
        if !rooted {
            let id = library.articles()[from].id.as_str().to_lowercase();
            let file_dir = id.rsplit_once('/').map_or("", |(d, _)| d).to_string();
            tries.push(clean(&format!("{file_dir}/{path}")));
            tries.push(clean(&format!("{page}/{path}")));
        }
        tries.push(clean(path));
        let lang = library.articles()[from].lang_code();
        // The citing article's language, else the site's default one (a
        // path without a language), else the first.
        let pick = |found: &[u32]| -> Option<usize> {
            let article = |i: &&u32| &library.articles()[**i as usize];
            let same = found.iter().find(|i| article(i).lang_code() == lang);
            let plain = || {
                found.iter().find(|i| {
                    let key = article(i).path_key;
                    key.folder.is_none() && !key.suffix
                })
            };
            same.or_else(plain).or(found.first()).map(|&i| i as usize)
        };
        let hit = tries
            .iter()
            .find_map(|k| self.exact.get(k).and_then(|f| pick(f)))
            .or_else(|| tries.iter().find_map(|k| self.unprefixed.get(k).and_then(|f| pick(f))))
            .or_else(|| {
                // A name, or a path below a folder the library does not start at.
                let key = tries.last()?;
                let name = key.rsplit('/').next()?;
                let tail = format!("/{key}");
                // Either may be the longer: a Hugo `ref` names the end of a
                // page's path; a site's URL may add folders before a key.
                let found: Vec<u32> = self
                    .names
                    .get(name)?
                    .iter()
                    .copied()
                    .filter(|&i| {
                        self.keys[i as usize].iter().any(|k| {
                            k == key || k.ends_with(&tail) || (k.contains('/') && key.ends_with(&format!("/{k}")))
                        })
                    })
                    .collect();
                pick(&found)
            })?;
        Some(Target { article: hit, fragment })
    }
}

/// The page an article is: its id without language suffix and without a
/// final `index` or `_index` (a Hugo bundle or section is its folder).
fn page_key(a: &Article, id: &str) -> String {
    let mut page = id.to_string();
    if a.path_key.suffix {
        if let Some(dot) = page.rfind('.').filter(|&d| !page[d..].contains('/')) {
            page.truncate(dot);
        }
    }
    clean(&page)
}

/// A Jekyll post (`_posts/2016-04-19-name`) is also found by its name and
/// by `2016/04/19/name`, the end of the URLs Jekyll makes of it.
fn dated(page: &str) -> Vec<String> {
    let name = page.rsplit('/').next().unwrap_or(page);
    let b = name.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if b.len() > 11 && digits(0..4) && digits(5..7) && digits(8..10) && b[4] == b'-' && b[7] == b'-' && b[10] == b'-' {
        let rest = &name[11..];
        vec![
            rest.to_string(),
            format!("{}/{}/{}/{rest}", &name[..4], &name[5..7], &name[8..10]),
        ]
    } else {
        Vec::new()
    }
}

/// A path as a key: `.` and `..` resolved, no empty segments, no article or
/// page extension, no final `index`, lower case.
fn clean(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    if let Some(last) = parts.last_mut() {
        if let Some((stem, ext)) = last.rsplit_once('.') {
            let ext = ext.to_ascii_lowercase();
            if crate::load::EXTENSIONS.contains(&ext.as_str()) || ext == "html" || ext == "htm" {
                *last = stem;
            }
        }
    }
    if parts.last().is_some_and(|l| *l == "index" || *l == "_index") {
        parts.pop();
    }
    parts.join("/").to_lowercase()
}

/// A front-matter value as a list of paths: a JSON list (as the loader
/// keeps lists) or one string.
fn list(value: &str) -> Vec<String> {
    match serde_json::from_str::<Vec<String>>(value) {
        Ok(items) => items,
        Err(_) => vec![value.to_string()],
    }
    .into_iter()
    .filter(|p| !has_scheme(p))
    .collect()
}

/// True for `scheme:...` (a URL kiosk hands to the browser, or refuses).
fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(s, _)| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The form in which saved sources are compared: parsed (host in lower
/// case, default port dropped), without fragment or final slash.
pub fn source_key(url: &str) -> String {
    let url = url.trim();
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            parsed.set_fragment(None);
            parsed.as_str().trim_end_matches('/').to_string()
        }
        Err(_) => url.split('#').next().unwrap_or("").trim_end_matches('/').to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_keys() {
        assert_eq!(clean("docs/./a/../b/index.md"), "docs/b");
        assert_eq!(clean("/Scalability/"), "scalability");
        assert_eq!(clean("_index.md"), "");
        assert_eq!(clean("x/page.html"), "x/page");
        assert_eq!(clean("jekyll-3.4.0"), "jekyll-3.4.0");
        assert_eq!(source_key("HTTPS://Example.org:443/a/#top"), "https://example.org/a");
        assert_eq!(list("[\"/a/\",\"b\"]"), ["/a/", "b"]);
        assert!(has_scheme("mailto:x@y") && !has_scheme("docs/a:b") && !has_scheme("#x"));
    }
}
