//! The library: all articles of a folder, their indexes, and queries over them.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use unicode_normalization::UnicodeNormalization;

use crate::article::{Article, ArticleId, Diagnostic};
use crate::bitset::BitSet;
use crate::load::{self, LoadError};

/// What to show: every field narrows the selection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Only articles in this language.
    pub lang: Option<String>,
    /// Only articles carrying every one of these tags (case-insensitive).
    pub tags: Vec<String>,
    /// Only articles whose title, summary, tags or body contain every word of
    /// this text (case- and accent-insensitive).
    pub text: String,
    /// Include drafts.
    pub drafts: bool,
}

impl Query {
    /// True when nothing narrows the selection (drafts aside).
    pub fn is_empty(&self) -> bool {
        self.lang.is_none() && self.tags.is_empty() && self.text.trim().is_empty()
    }
}

/// An article folder in memory.
pub struct Library {
    root: PathBuf,
    articles: Vec<Article>,
    diagnostics: Vec<Diagnostic>,
    /// What search matches: folded metadata always, folded bodies once built.
    search: SearchIndex,
    by_id: HashMap<ArticleId, usize>,
    /// Articles by language code, by lower-case tag, and the non-drafts:
    /// filters intersect bitsets instead of comparing strings.
    by_lang: HashMap<String, BitSet>,
    by_tag: HashMap<String, BitSet>,
    published: BitSet,
    from_index: usize,
}

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

fn fold_char(c: char, out: &mut String) {
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

impl Library {
    /// Loads every article below `dir` (see the crate docs for the rules).
    pub fn load(dir: impl AsRef<Path>) -> Result<Library, LoadError> {
        Library::load_with(dir, None)
    }

    /// Loads every article below `dir`, taking unchanged files from the index
    /// cache in `cache_dir` when given (see [`crate::index`]).
    pub fn load_with(dir: impl AsRef<Path>, cache_dir: Option<&Path>) -> Result<Library, LoadError> {
        let dir = dir.as_ref();
        let loaded = load::load_dir_with(dir, cache_dir)?;
        let mut library = Library::from_articles(dir, loaded.articles, loaded.diagnostics);
        library.from_index = loaded.from_index;
        Ok(library)
    }

    /// The content hashes of the article with this id: as kiosk 0.1 made it,
    /// from its file read now, and as loaded (see
    /// [`crate::state::State::upgrade_read_marks`]).
    pub fn legacy_hashes(&self, id: &str) -> Option<(u64, u64)> {
        let article = self.get(&ArticleId(id.to_string()))?;
        let (bytes, _, _) = load::read_capped(&article.source).ok()?;
        Some((crate::state::legacy_content_hash(&bytes), article.hash))
    }

    /// How many articles came from the index cache rather than their files.
    pub fn from_index(&self) -> usize {
        self.from_index
    }

    /// Builds a library from articles already loaded: sorts them newest first
    /// and pairs translations.
    pub fn from_articles(root: &Path, articles: Vec<Article>, diagnostics: Vec<Diagnostic>) -> Library {
        // Newest first, then by title (ignoring case), then by id: a total
        // order, sorted as a permutation so that articles move once.
        let keys: Vec<(std::cmp::Reverse<Option<crate::article::Date>>, String)> = articles
            .par_iter()
            .map(|a| (std::cmp::Reverse(a.date), a.title.to_lowercase()))
            .collect();
        let mut order: Vec<usize> = (0..articles.len()).collect();
        order.par_sort_unstable_by(|&x, &y| keys[x].cmp(&keys[y]).then_with(|| articles[x].id.cmp(&articles[y].id)));
        let mut slots: Vec<Option<Article>> = articles.into_iter().map(Some).collect();
        let mut articles: Vec<Article> = order.iter().filter_map(|&i| slots[i].take()).collect();
        // Translations, search texts and indexes are independent: both cores.
        let (translations, (meta, indexes)) = rayon::join(
            || crate::translations::find(&articles),
            || rayon::join(|| metadata_texts(&articles), || Indexes::of(&articles)),
        );
        for (a, t) in articles.iter_mut().zip(translations) {
            a.translations = t;
        }
        let search = SearchIndex {
            meta: meta.into(),
            bodies: Arc::new(OnceLock::new()),
        };
        let Indexes {
            by_id,
            by_lang,
            by_tag,
            published,
        } = indexes;
        Library {
            root: root.to_path_buf(),
            articles,
            diagnostics,
            search,
            by_id,
            by_lang,
            by_tag,
            published,
            from_index: 0,
        }
    }

    /// The folder the library was loaded from.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// All articles, newest first (drafts included).
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// The problems found while loading.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The index of the article with this id.
    pub fn index_of(&self, id: &ArticleId) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The article with this id.
    pub fn get(&self, id: &ArticleId) -> Option<&Article> {
        self.index_of(id).map(|i| &self.articles[i])
    }

    /// Finds an article by id, by path (relative to the folder or absolute),
    /// or by a unique id prefix. Errors name the candidates.
    pub fn find(&self, key: &str) -> Result<usize, String> {
        if let Some(i) = self.index_of(&ArticleId(key.trim_end_matches('/').to_string())) {
            return Ok(i);
        }
        let as_path = Path::new(key);
        let canonical = as_path.canonicalize().ok();
        let root = self.root.canonicalize().ok();
        for (i, a) in self.articles.iter().enumerate() {
            if a.path == as_path {
                return Ok(i);
            }
            if let (Some(c), Some(r)) = (&canonical, &root) {
                if r.join(&a.path).canonicalize().ok().as_ref() == Some(c) {
                    return Ok(i);
                }
            }
        }
        let matches: Vec<usize> = (0..self.articles.len())
            .filter(|&i| self.articles[i].id.as_str().starts_with(key))
            .collect();
        match matches.as_slice() {
            [one] => Ok(*one),
            [] => Err(format!("no article {key:?} in {}", self.root.display())),
            many => Err(format!(
                "{key:?} matches {} articles: {}",
                many.len(),
                many.iter()
                    .take(5)
                    .map(|&i| self.articles[i].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// The indexes of the articles the query selects, newest first. A text
    /// query reads and indexes every body first (once; see [`Library::index_bodies`]).
    pub fn select(&self, query: &Query) -> Vec<usize> {
        let candidates = self.filter(query);
        let words = search_words(&query.text);
        if words.is_empty() {
            return candidates;
        }
        self.index_bodies();
        self.search
            .matches(&candidates, &words, Scope::Everything, &|| false)
            .unwrap_or_default()
    }

    /// The articles the query's language, tag and draft settings select,
    /// newest first, whatever its text.
    pub fn filter(&self, query: &Query) -> Vec<usize> {
        let n = self.articles.len();
        let empty = BitSet::empty(n);
        let mut set = if query.drafts {
            BitSet::full(n)
        } else {
            self.published.clone()
        };
        if let Some(lang) = &query.lang {
            set.intersect(self.by_lang.get(&lang.to_ascii_lowercase()).unwrap_or(&empty));
        }
        for tag in &query.tags {
            set.intersect(self.by_tag.get(&tag.to_lowercase()).unwrap_or(&empty));
        }
        set.iter().collect()
    }

    /// What search matches, to share with a search thread.
    pub fn search_index(&self) -> SearchIndex {
        self.search.clone()
    }

    /// Reads and folds every body for full-text search, in parallel, unless
    /// done already. Bodies the library holds are used as they are; the others
    /// are read from their files and not kept.
    pub fn index_bodies(&self) {
        if !self.bodies_indexed() {
            self.body_job().run();
        }
    }

    /// True once the bodies are indexed.
    pub fn bodies_indexed(&self) -> bool {
        self.search.has_bodies()
    }

    /// The work of [`Library::index_bodies`], to run on another thread: its
    /// result reaches this library's [`SearchIndex`] and every clone of it.
    pub fn body_job(&self) -> BodyJob {
        BodyJob {
            sources: self
                .articles
                .iter()
                .map(|a| match a.body.get() {
                    Some(body) => BodySource::Held(body.clone()),
                    None => BodySource::File(a.source.clone()),
                })
                .collect(),
            bodies: Arc::clone(&self.search.bodies),
        }
    }

    /// Like [`Library::body_job`], for a library loaded again: the folded
    /// text of every article unchanged since `previous` (same id and content
    /// hash) is taken from it instead of being read and folded again.
    pub fn body_job_after(&self, previous: &Library) -> BodyJob {
        let mut job = self.body_job();
        if let Some(old) = previous.search.bodies.get() {
            for (a, source) in self.articles.iter().zip(&mut job.sources) {
                let same = previous
                    .index_of(&a.id)
                    .filter(|&j| previous.articles[j].hash == a.hash);
                if let Some(text) = same.and_then(|j| old.get(j)) {
                    *source = BodySource::Folded(Arc::clone(text));
                }
            }
        }
        job
    }

    /// Languages present (drafts aside unless `drafts`), with article counts.
    pub fn languages(&self, drafts: bool) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for a in self.articles.iter().filter(|a| drafts || !a.draft) {
            if let Some(code) = a.lang_code() {
                *out.entry(code.to_string()).or_insert(0) += 1;
            }
        }
        out
    }

    /// Tags present (drafts aside unless `drafts`), with article counts.
    pub fn tags(&self, drafts: bool) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for a in self.articles.iter().filter(|a| drafts || !a.draft) {
            for t in &a.tags {
                *out.entry(t.clone()).or_insert(0) += 1;
            }
        }
        out
    }
}

/// Reading and folding every body for search (see [`Library::body_job`]).
pub struct BodyJob {
    sources: Vec<BodySource>,
    bodies: Arc<OnceLock<Arc<[Arc<str>]>>>,
}

/// Where one article's folded text comes from.
enum BodySource {
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
fn metadata_texts(articles: &[Article]) -> Vec<Box<str>> {
    articles
        .par_iter()
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

/// Articles by id, language and tag, and the non-drafts.
struct Indexes {
    by_id: HashMap<ArticleId, usize>,
    by_lang: HashMap<String, BitSet>,
    by_tag: HashMap<String, BitSet>,
    published: BitSet,
}

impl Indexes {
    fn of(articles: &[Article]) -> Indexes {
        let n = articles.len();
        let by_id = articles.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        let mut by_lang: HashMap<String, BitSet> = HashMap::new();
        let mut by_tag: HashMap<String, BitSet> = HashMap::new();
        let mut published = BitSet::empty(n);
        for (i, a) in articles.iter().enumerate() {
            if let Some(code) = a.lang_code() {
                by_lang
                    .entry(code.to_string())
                    .or_insert_with(|| BitSet::empty(n))
                    .insert(i);
            }
            for t in &a.tags {
                by_tag
                    .entry(t.to_lowercase())
                    .or_insert_with(|| BitSet::empty(n))
                    .insert(i);
            }
            if !a.draft {
                published.insert(i);
            }
        }
        Indexes {
            by_id,
            by_lang,
            by_tag,
            published,
        }
    }
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
    meta: Arc<[Box<str>]>,
    bodies: Arc<OnceLock<Arc<[Arc<str>]>>>,
}

impl SearchIndex {
    /// True when the bodies are indexed.
    pub fn has_bodies(&self) -> bool {
        self.bodies.get().is_some()
    }

    /// The candidates (in their order) whose texts contain every word, or
    /// `None` when `cancelled` said so first. Article text is searched on
    /// both cores (the flag is asked between chunks of a few hundred
    /// articles); metadata alone on the calling thread.
    pub fn matches(
        &self,
        candidates: &[usize],
        words: &[String],
        scope: Scope,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<usize>> {
        let bodies = match scope {
            Scope::Everything => self.bodies.get().map(|b| &b[..]),
            Scope::Metadata => None,
        };
        let finders: Vec<memchr::memmem::Finder<'_>> = words
            .iter()
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
            .collect();
        let hit = |i: usize| {
            finders.iter().all(|f| {
                f.find(self.meta[i].as_bytes()).is_some()
                    || bodies.is_some_and(|b| b.get(i).is_some_and(|t| f.find(t.as_bytes()).is_some()))
            })
        };
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
