//! Pairing articles that are the same story in other languages.
//!
//! Three signals, any of which links two articles both ways when their
//! languages differ: the same `translationKey`; the same path with a language
//! suffix (`x.de.md` and `x.en.md`); or the same date and mostly the same
//! cited sources (scraped translations rarely declare anything, but they cite
//! the same documents).

use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt};

use crate::article::{Article, ArticleId};

/// Share of cited URLs two articles must have in common (of the smaller set).
const SHARED_SOURCES: f64 = 0.5;
/// Fewest shared URLs that count as "the same sources".
const MIN_SHARED: usize = 2;

/// What two articles have in common that can make them translations.
#[derive(Clone, Copy, Default)]
struct Common {
    /// The same `translationKey`.
    key: bool,
    /// The same id but for a language suffix.
    stem: bool,
    /// The same date, and how many cited URLs they share.
    date: bool,
    shared_sources: usize,
}

/// The rule, written once: `a` and `b` are translations of each other when
/// their languages differ (or one is not known) and they have the same key,
/// the same stem, or the same date and mostly the same cited sources.
fn is_translation(a: &Article, b: &Article, common: Common) -> bool {
    if a.lang_code().is_some() && a.lang_code() == b.lang_code() {
        return false;
    }
    let smaller = a.source_hashes.len().min(b.source_hashes.len());
    let n = common.shared_sources;
    let same_sources = common.date && n >= MIN_SHARED && n as f64 >= SHARED_SOURCES * smaller as f64;
    common.key || common.stem || same_sources
}

/// The translations of every article, in order.
pub fn find(articles: &[Box<Article>]) -> Vec<Vec<ArticleId>> {
    let mut pairs: Vec<(usize, usize, Common)> = Vec::new();
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_stem: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_date: HashMap<crate::article::Date, Vec<usize>> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        if let Some(key) = a.translation_key.as_deref().filter(|k| !k.is_empty()) {
            by_key.entry(key).or_default().push(i);
        }
        if let Some(stem) = language_stem(&a.id) {
            by_stem.entry(stem).or_default().push(i);
        }
        if let Some(date) = a.date {
            by_date.entry(date).or_default().push(i);
        }
    }
    let key = Common {
        key: true,
        ..Common::default()
    };
    let stem = Common {
        stem: true,
        ..Common::default()
    };
    for (group, common) in by_key
        .values()
        .map(|g| (g, key))
        .chain(by_stem.values().map(|g| (g, stem)))
    {
        for (x, &i) in group.iter().enumerate() {
            for &j in &group[x + 1..] {
                pairs.push((i, j, common));
            }
        }
    }
    // Same date and mostly the same sources: only articles that share a cited
    // URL are compared (sorted URL hashes; no links decoded), date by date.
    let groups: Vec<&Vec<usize>> = by_date.values().filter(|g| g.len() > 1).collect();
    let shared: Vec<(usize, usize, Common)> = groups
        .iter()
        .flat_map(|group| {
            let mut by_url: HashMap<u64, Vec<usize>> = HashMap::new();
            for &i in group.iter() {
                for &h in &articles[i].source_hashes {
                    by_url.entry(h).or_default().push(i);
                }
            }
            let mut counts: HashMap<(usize, usize), usize> = HashMap::new();
            for citing in by_url.values().filter(|c| c.len() > 1) {
                for (x, &i) in citing.iter().enumerate() {
                    for &j in &citing[x + 1..] {
                        *counts.entry((i.min(j), i.max(j))).or_default() += 1;
                    }
                }
            }
            counts.into_iter().filter_map(|((i, j), n)| {
                let common = Common {
                    date: true,
                    shared_sources: n,
                    ..Common::default()
                };
                // Judged here too: most pairs that share a URL are not translations.
                is_translation(&articles[i], &articles[j], common).then_some((i, j, common))
            })
        })
        .collect();
    pairs.extend(shared);
    let mut found: Vec<BTreeSet<ArticleId>> = vec![BTreeSet::new(); articles.len()];
    for (i, j, common) in pairs {
        let (a, b) = (&articles[i], &articles[j]);
        if !is_translation(a, b, common) {
            continue;
        }
        found[i].insert(b.id.clone());
        found[j].insert(a.id.clone());
    }
    found.into_iter().map(|ids| ids.into_iter().collect()).collect()
}

/// The translations of one article: what [`find`] gives for it, found by
/// comparing it with every other article (no grouping of the whole library),
/// for a screen that needs one before [`find`] has run.
pub fn of(articles: &[Box<Article>], index: usize) -> Vec<ArticleId> {
    let a = &articles[index];
    let key = a.translation_key.as_deref().filter(|k| !k.is_empty());
    let stem = language_stem(&a.id);
    let mut found: BTreeSet<&ArticleId> = BTreeSet::new();
    for (j, b) in articles.iter().enumerate() {
        if j == index {
            continue;
        }
        let date = a.date.is_some() && a.date == b.date;
        let common = Common {
            key: key.is_some() && b.translation_key.as_deref() == key,
            stem: stem.is_some() && language_stem(&b.id) == stem,
            date,
            shared_sources: if date {
                shared_count(&a.source_hashes, &b.source_hashes)
            } else {
                0
            },
        };
        if is_translation(a, b, common) {
            found.insert(&b.id);
        }
    }
    found.into_iter().cloned().collect()
}

/// How many values two sorted lists without repeats have in common.
fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// `x.de` → `x`: the id without a language suffix, if it has one.
fn language_stem(id: &ArticleId) -> Option<&str> {
    let (stem, suffix) = id.as_str().rsplit_once('.')?;
    let is_lang = (2..=3).contains(&suffix.len()) && suffix.bytes().all(|b| b.is_ascii_lowercase());
    (is_lang && !stem.is_empty()).then_some(stem)
}
