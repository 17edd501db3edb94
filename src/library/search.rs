//! Search: folding text for matching, the folded texts of a library, and
//! reading and folding every body in the background.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::needles::{Compiled, TextNeedles};
use crate::article::Article;
use crate::load;

/// Folds text for matching: lower case, accents removed, `ß` as `ss`.
///
/// ```
/// assert_eq!(kiosk::library::fold("Überwachung STRASSE Straße"), "uberwachung strasse strasse");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Most text is ASCII: fold it byte-wise and decompose only the rest.
    for chunk in text.split_inclusive(|c: char| !c.is_ascii()) {
        let (ascii, rest) = match chunk.char_indices().next_back() {
            Some((i, c)) if !c.is_ascii() => (&chunk[..i], Some(c)),
            _ => (chunk, None),
        };
        out.extend(ascii.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        if let Some(c) = rest {
            fold_char(c, &mut out);
        }
    }
    out
}

/// Appends the folded form of one character (see [`fold`]).
pub(super) fn fold_char(c: char, out: &mut String) {
    for d in std::iter::once(c).nfd() {
        if unicode_normalization::char::is_combining_mark(d) {
            continue;
        }
        for lower in d.to_lowercase() {
            match lower {
                'ß' => out.push_str("ss"),
                other => out.push(other),
            }
        }
    }
}

/// Reading and folding every body for search (see [`super::Library::body_job`]).
pub struct BodyJob {
    pub(super) sources: Vec<BodySource>,
    pub(super) bodies: Arc<OnceLock<Arc<[Arc<str>]>>>,
}

/// Where one article's folded text comes from.
pub(super) enum BodySource {
    /// The body the library holds.
    Held(String),
    /// The article's file, read again.
    File(PathBuf),
    /// Folded already (an unchanged article of the previous library).
    Folded(Arc<str>),
}

impl BodyJob {
    /// Reads and folds the bodies on both cores, then hands them to search.
    pub fn run(self) {
        if self.bodies.get().is_some() {
            return;
        }
        let folded: Vec<Arc<str>> = self
            .sources
            .par_iter()
            .map(|source| match source {
                BodySource::Held(body) => Arc::from(fold(body)),
                BodySource::File(path) => Arc::from(fold(&load::read_body(path))),
                BodySource::Folded(text) => Arc::clone(text),
            })
            .collect();
        let _ = self.bodies.set(folded.into());
    }

    /// How many bodies this job takes from a previous library.
    pub fn reused(&self) -> usize {
        self.sources
            .iter()
            .filter(|s| matches!(s, BodySource::Folded(_)))
            .count()
    }
}

/// Folded title, summary and tags of every article, for search.
pub(super) fn metadata_texts(articles: &[Box<Article>]) -> Vec<Box<str>> {
    articles
        .iter()
        .map(|a| {
            let text = format!(
                "{}\n{}\n{}",
                a.title,
                a.summary.as_deref().unwrap_or(""),
                a.tags.join("\n")
            );
            fold(&text).into_boxed_str()
        })
        .collect()
}

/// The folded words of a search text.
pub fn search_words(text: &str) -> Vec<String> {
    fold(text).split_whitespace().map(str::to_string).collect()
}

/// Which texts a search looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Title, summary and tags only: always at hand, fast.
    Metadata,
    /// Metadata and bodies (bodies not indexed yet count as empty).
    Everything,
}

/// The folded texts search matches against, cheap to clone and to send to a
/// search thread.
#[derive(Clone, Debug)]
pub struct SearchIndex {
    pub(super) meta: Arc<[Box<str>]>,
    pub(super) bodies: Arc<OnceLock<Arc<[Arc<str>]>>>,
}

impl SearchIndex {
    /// True when the bodies are indexed.
    pub fn has_bodies(&self) -> bool {
        self.bodies.get().is_some()
    }

    /// The candidates (in their order) whose texts contain every word, or
    /// `None` when `cancelled` said so first (see [`SearchIndex::matches_text`]).
    pub fn matches(
        &self,
        candidates: &[usize],
        words: &[String],
        scope: Scope,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<usize>> {
        self.matches_text(candidates, &TextNeedles::words(words), scope, cancelled)
    }

    /// The candidates (in their order) whose texts contain every wanted
    /// word and phrase and none of the excluded ones, or `None` when
    /// `cancelled` said so first. Article text is searched on both cores
    /// (the flag is asked between chunks of a few hundred articles);
    /// metadata alone on the calling thread.
    pub fn matches_text(
        &self,
        candidates: &[usize],
        needles: &TextNeedles,
        scope: Scope,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<usize>> {
        let bodies = match scope {
            Scope::Everything => self.bodies.get().map(|b| &b[..]),
            Scope::Metadata => None,
        };
        let compiled = Compiled::new(needles);
        let hit = |i: usize| compiled.hit(&self.meta[i], bodies.and_then(|b| b.get(i)).map(|t| &**t));
        // Metadata is searched on the input thread: never through the thread
        // pool, which may be busy for seconds (indexing the text).
        if bodies.is_none() {
            return Some(candidates.iter().copied().filter(|&i| hit(i)).collect());
        }
        let chunks: Vec<Option<Vec<usize>>> = candidates
            .par_chunks(256)
            .map(|chunk| (!cancelled()).then(|| chunk.iter().copied().filter(|&i| hit(i)).collect()))
            .collect();
        let mut out = Vec::new();
        for chunk in chunks {
            out.extend(chunk?);
        }
        Some(out)
    }
}
