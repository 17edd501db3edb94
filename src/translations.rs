//! Pairing articles that are the same story in other languages.
//!
//! Three signals, any of which links two articles both ways when their
//! languages differ: the same `translationKey`; the same path with a language
//! suffix (`x.de.md` and `x.en.md`); or the same date and mostly the same
//! cited sources (scraped translations rarely declare anything, but they cite
//! the same documents).

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use crate::article::{Article, ArticleId};

/// Share of cited URLs two articles must have in common (of the smaller set).
const SHARED_SOURCES: f64 = 0.5;
/// Fewest shared URLs that count as "the same sources".
const MIN_SHARED: usize = 2;

/// The translations of every article, in order.
pub fn find(articles: &[Article]) -> Vec<Vec<ArticleId>> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
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
    for group in by_key.values().chain(by_stem.values()) {
        for (x, &i) in group.iter().enumerate() {
            for &j in &group[x + 1..] {
                pairs.push((i, j));
            }
        }
    }
    // Same date and mostly the same sources: only articles that share a cited
    // URL are compared (sorted URL hashes; no links decoded), date by date on
    // both cores.
    let groups: Vec<&Vec<usize>> = by_date.values().filter(|g| g.len() > 1).collect();
    let shared: Vec<(usize, usize)> = groups
        .par_iter()
        .flat_map_iter(|group| {
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
                let smaller = articles[i].source_hashes.len().min(articles[j].source_hashes.len());
                (n >= MIN_SHARED && n as f64 >= SHARED_SOURCES * smaller as f64).then_some((i, j))
            })
        })
        .collect();
    pairs.extend(shared);
    let mut found: Vec<BTreeSet<ArticleId>> = vec![BTreeSet::new(); articles.len()];
    for (i, j) in pairs {
        let (a, b) = (&articles[i], &articles[j]);
        if a.lang_code().is_some() && a.lang_code() == b.lang_code() {
            continue;
        }
        found[i].insert(b.id.clone());
        found[j].insert(a.id.clone());
    }
    found.into_iter().map(|ids| ids.into_iter().collect()).collect()
}

/// `x.de` → `x`: the id without a language suffix, if it has one.
fn language_stem(id: &ArticleId) -> Option<&str> {
    let (stem, suffix) = id.as_str().rsplit_once('.')?;
    let is_lang = (2..=3).contains(&suffix.len()) && suffix.bytes().all(|b| b.is_ascii_lowercase());
    (is_lang && !stem.is_empty()).then_some(stem)
}
