//! Pairing articles that are the same page in other languages.
//!
//! Four signals link two articles of different languages both ways: the
//! same `translationKey`; the same path under sibling language folders
//! (Hugo's `content/en/x.md` and `content/de/x.md`); the same path but for
//! a language suffix (`x.md`, `x.de.md`, `x.zh-hans.md`); or the same date
//! and mostly the same cited sources (scraped translations rarely declare
//! anything, but they cite the same documents).
//!
//! An article has at most one translation per language (and one of unknown
//! language), so never more than the folder has languages. Candidates are
//! taken in order of strength (key, path, then the most shared sources) and
//! a pair is kept when neither article has one in the other's language yet.
//! Every step is near-linear in the folder: groups are hashed; in a group
//! of one key or path only the first article of each language is paired;
//! sources are counted within one date, only between different languages,
//! and a URL that more articles of a date cite than could be one page's
//! translations (a footer link, a scraper's own) is not counted.

use std::borrow::Cow;
use std::collections::VecDeque;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::article::{Article, ArticleId, Date};

/// Share of cited URLs two articles must have in common (of the smaller set).
const SHARED_SOURCES: f64 = 0.5;
/// Fewest shared URLs that count as "the same sources".
const MIN_SHARED: usize = 2;
/// A URL cited by more articles of one date than this (or than twice the
/// languages among them) is too common to tell translations.
const MAX_CITERS: usize = 16;

/// The translations of every article, in order (each list sorted by id).
pub fn find(articles: &[Box<Article>]) -> Vec<Vec<ArticleId>> {
    let members: Vec<usize> = (0..articles.len()).collect();
    let mut found: Vec<Vec<&ArticleId>> = vec![Vec::new(); articles.len()];
    for (i, j) in pairs(articles, &members) {
        found[i].push(&articles[j].id);
        found[j].push(&articles[i].id);
    }
    found
        .into_iter()
        .map(|mut ids| {
            ids.sort_unstable();
            ids.into_iter().cloned().collect()
        })
        .collect()
}

/// The translations of one article: what [`find`] gives for it, found from
/// the articles it could be paired with, directly or through others (the
/// same key, path or date, and theirs), for a screen that needs one before
/// [`find`] has run.
pub fn of(articles: &[Box<Article>], index: usize) -> Vec<ArticleId> {
    let groups = Groups::of(articles, &(0..articles.len()).collect::<Vec<_>>());
    let mut seen: HashSet<usize> = HashSet::new();
    let mut queue = VecDeque::from([index]);
    seen.insert(index);
    while let Some(i) = queue.pop_front() {
        for group in groups.of_article(articles, i) {
            for &j in group {
                if seen.insert(j) {
                    queue.push_back(j);
                }
            }
        }
    }
    let mut members: Vec<usize> = seen.into_iter().collect();
    members.sort_unstable();
    let mut ids: Vec<&ArticleId> = pairs(articles, &members)
        .into_iter()
        .filter_map(|(i, j)| match (i == index, j == index) {
            (true, _) => Some(&articles[j].id),
            (_, true) => Some(&articles[i].id),
            _ => None,
        })
        .collect();
    ids.sort_unstable();
    ids.into_iter().cloned().collect()
}

/// The page an article's path names, the same for its translations by path:
/// its id without its language folder and language suffix.
fn page(article: &Article) -> Cow<'_, str> {
    let key = article.path_key;
    let id = article.id.as_str();
    if key.folder.is_none() && !key.suffix {
        return Cow::Borrowed(id);
    }
    let mut out = String::with_capacity(id.len());
    for (k, part) in id.split('/').enumerate() {
        if k > 0 {
            out.push('/');
        }
        if key.folder == Some(k as u16) {
            out.push('\u{0}');
        } else {
            out.push_str(part);
        }
    }
    if key.suffix {
        if let Some(dot) = out.rfind('.').filter(|&d| !out[d..].contains('/')) {
            out.truncate(dot);
        }
    }
    Cow::Owned(out)
}

/// The articles of a set by key, by page and by date.
struct Groups<'a> {
    by_key: HashMap<&'a str, Vec<usize>>,
    by_page: HashMap<Cow<'a, str>, Vec<usize>>,
    by_date: HashMap<Date, Vec<usize>>,
}

impl<'a> Groups<'a> {
    fn of(articles: &'a [Box<Article>], members: &[usize]) -> Groups<'a> {
        let mut groups = Groups {
            by_key: HashMap::new(),
            by_page: HashMap::new(),
            by_date: HashMap::new(),
        };
        // Pages named with a language first; an article without one joins
        // only a page that one of those names (`x.md` beside `x.de.md`).
        for &i in members {
            let a = &articles[i];
            if let Some(key) = a.translation_key.as_deref().filter(|k| !k.is_empty()) {
                groups.by_key.entry(key).or_default().push(i);
            }
            if let Some(date) = a.date {
                groups.by_date.entry(date).or_default().push(i);
            }
            if a.path_key.folder.is_some() || a.path_key.suffix {
                groups.by_page.entry(page(a)).or_default().push(i);
            }
        }
        for &i in members {
            let a = &articles[i];
            if a.path_key.folder.is_none() && !a.path_key.suffix {
                if let Some(group) = groups.by_page.get_mut(a.id.as_str()) {
                    group.push(i);
                }
            }
        }
        for group in groups.by_page.values_mut() {
            group.sort_unstable();
        }
        groups
    }

    /// The groups article `i` is in.
    fn of_article(&self, articles: &'a [Box<Article>], i: usize) -> impl Iterator<Item = &Vec<usize>> {
        let a = &articles[i];
        let key = a.translation_key.as_deref().filter(|k| !k.is_empty());
        key.and_then(|k| self.by_key.get(k))
            .into_iter()
            .chain(self.by_page.get(&page(a)))
            .chain(a.date.and_then(|d| self.by_date.get(&d)))
    }
}

/// The language slot of an article: its code, or "" when unknown.
fn slot(a: &Article) -> &str {
    a.lang_code().unwrap_or("")
}

/// The translation pairs among `members` (sorted indexes into `articles`):
/// each once, as (smaller, larger).
fn pairs(articles: &[Box<Article>], members: &[usize]) -> Vec<(usize, usize)> {
    pairs_weighed(articles, members).0
}

/// [`pairs`], and how many pairs of articles were weighed on the way (what
/// the time and memory of pairing grow with).
fn pairs_weighed(articles: &[Box<Article>], members: &[usize]) -> (Vec<(usize, usize)>, usize) {
    let groups = Groups::of(articles, members);
    let mut weighed = 0;
    // Candidates, strongest first: (strength, -shared, i, j).
    let mut candidates: Vec<(u8, i64, usize, usize)> = Vec::new();
    for (strength, group) in groups
        .by_key
        .values()
        .map(|g| (0u8, g))
        .chain(groups.by_page.values().map(|g| (1u8, g)))
    {
        // The first article of each language stands for it.
        let mut firsts: Vec<usize> = Vec::new();
        for &i in group {
            if !firsts.iter().any(|&f| slot(&articles[f]) == slot(&articles[i])) {
                firsts.push(i);
            }
        }
        for (x, &i) in firsts.iter().enumerate() {
            for &j in &firsts[x + 1..] {
                candidates.push((strength, 0, i.min(j), i.max(j)));
            }
        }
    }
    weighed += candidates.len();
    for group in groups.by_date.values().filter(|g| g.len() > 1) {
        weighed += shared_sources(articles, group, &mut candidates);
    }
    candidates.sort_unstable();
    candidates.dedup_by_key(|c| (c.2, c.3));
    // Kept when neither has a translation in the other's language yet.
    let mut taken: HashSet<(usize, &str)> = HashSet::new();
    let mut kept = Vec::new();
    for (_, _, i, j) in candidates {
        let (a, b) = (&articles[i], &articles[j]);
        let (sa, sb) = (slot(a), slot(b));
        if sa == sb || taken.contains(&(i, sb)) || taken.contains(&(j, sa)) {
            continue;
        }
        taken.insert((i, sb));
        taken.insert((j, sa));
        kept.push((i, j));
    }
    (kept, weighed)
}

/// The pairs of one date's articles that cite mostly the same sources, as
/// candidates of strength 2 ordered by how many they share; says how many
/// pairs it counted sources of.
fn shared_sources(articles: &[Box<Article>], group: &[usize], out: &mut Vec<(u8, i64, usize, usize)>) -> usize {
    let languages: HashSet<&str> = group.iter().map(|&i| slot(&articles[i])).collect();
    if languages.len() < 2 {
        return 0;
    }
    let mut by_url: HashMap<u64, Vec<usize>> = HashMap::new();
    for &i in group {
        for &h in &articles[i].source_hashes {
            by_url.entry(h).or_default().push(i);
        }
    }
    let cap = MAX_CITERS.max(2 * languages.len());
    let common =
        |citing: &Vec<usize>| citing.len() > cap || (citing.len() * 2 > group.len() && citing.len() > languages.len());
    // Each article's distinctive sources, and what each pair shares of them.
    let mut own: HashMap<usize, usize> = HashMap::new();
    let mut counts: HashMap<(usize, usize), usize> = HashMap::new();
    for citing in by_url.values().filter(|c| !common(c)) {
        for &i in citing {
            *own.entry(i).or_default() += 1;
        }
        for (x, &i) in citing.iter().enumerate() {
            for &j in &citing[x + 1..] {
                if slot(&articles[i]) != slot(&articles[j]) {
                    *counts.entry((i.min(j), i.max(j))).or_default() += 1;
                }
            }
        }
    }
    let weighed = counts.len();
    for ((i, j), n) in counts {
        let smaller = own[&i].min(own[&j]);
        if n >= MIN_SHARED && n as f64 >= SHARED_SOURCES * smaller as f64 {
            out.push((2, -(n as i64), i, j));
        }
    }
    weighed
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// An article of `lang` dated 2024-05-01 citing `links` (and its own
    /// page), with a translation key when given.
    fn article(n: usize, lang: &str, key: Option<&str>, links: &[String]) -> Box<Article> {
        let key = key.map_or(String::new(), |k| format!("translationKey: {k}\n"));
        let body: String = links.iter().map(|l| format!("See [this]({l}).\n\n")).collect();
        let text = format!("---\ntitle: A{n}\ndate: 2024-05-01\nlang: {lang}\n{key}---\n{body}");
        let rel = format!("a{n:06}.md");
        Box::new(crate::load::parse_article(Path::new(&rel), text.as_bytes()).0.unwrap())
    }

    fn footer() -> Vec<String> {
        vec![
            "https://scraper.example/about".into(),
            "https://scraper.example/feed".into(),
        ]
    }

    #[test]
    fn a_scraper_stamping_one_date_and_footer_is_near_linear() {
        // 6,000 articles of one date sharing two footer links, in three
        // languages, each story told in all three with two links of its own.
        let langs = ["de", "en", "fr"];
        let articles: Vec<Box<Article>> = (0..6000)
            .map(|n| {
                let story = n / 3;
                let mut links = footer();
                links.push(format!("https://news.example/{story}/a"));
                links.push(format!("https://news.example/{story}/b"));
                article(n, langs[n % 3], None, &links)
            })
            .collect();
        let members: Vec<usize> = (0..articles.len()).collect();
        let (pairs, weighed) = pairs_weighed(&articles, &members);
        // Only the links of each story are counted: three pairs a story.
        assert_eq!(weighed, 3 * 2000);
        assert_eq!(pairs.len(), 3 * 2000);
        for (i, j) in pairs {
            assert_eq!(i / 3, j / 3, "{i} and {j} are one story");
        }
    }

    #[test]
    fn one_key_shared_by_thousands_pairs_one_article_per_language() {
        let articles: Vec<Box<Article>> = (0..5000)
            .map(|n| article(n, if n % 2 == 0 { "de" } else { "en" }, Some("same"), &footer()))
            .collect();
        let members: Vec<usize> = (0..articles.len()).collect();
        let (pairs, weighed) = pairs_weighed(&articles, &members);
        assert_eq!(pairs, [(0, 1)]);
        assert!(weighed <= 2, "{weighed}");
        let all = find(&articles);
        // Never more translations than the folder has languages.
        assert!(all.iter().all(|t| t.len() <= 2));
        assert_eq!(all.iter().filter(|t| !t.is_empty()).count(), 2);
    }

    #[test]
    fn one_language_weighs_nothing() {
        let articles: Vec<Box<Article>> = (0..3000).map(|n| article(n, "en", None, &footer())).collect();
        let members: Vec<usize> = (0..articles.len()).collect();
        assert_eq!(pairs_weighed(&articles, &members), (Vec::new(), 0));
    }

    #[test]
    fn pages_pair_by_folder_and_by_suffix() {
        let mut a = *article(0, "en", None, &[]);
        a.id = ArticleId("content/en/x".into());
        a.path_key = crate::load::PathKey {
            folder: Some(1),
            suffix: false,
        };
        assert_eq!(page(&a), "content/\u{0}/x");
        a.id = ArticleId("docs/index.zh-hans".into());
        a.path_key = crate::load::PathKey {
            folder: None,
            suffix: true,
        };
        assert_eq!(page(&a), "docs/index");
    }
}
