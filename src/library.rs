//! The library: all articles of a folder, their indexes, and queries over them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::article::{Article, ArticleId, Diagnostic};
use crate::bitset::BitSet;
use crate::load::{self, LoadError};

mod counts;
mod matcher;
mod needles;
pub(crate) mod order;
mod query;
mod reading;
mod search;
mod sections;
mod select;
mod sort;
mod targets;

pub use matcher::{fold_mapped, Folded, Matcher};
pub use needles::TextNeedles;
pub use query::{Day, Flag, Kind, QueryError, Search, Term};
pub use search::{fold, search_words, BodyJob, Scope, SearchIndex};
use search::{metadata_texts, BodySource};
pub use select::{domain, Marks, NoMarks};
pub use sort::{local_day, SortOrder};
pub use targets::{source_key, Target, Targets};

/// What to show: every field narrows the selection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Only articles in this language.
    pub lang: Option<String>,
    /// Only articles carrying every one of these tags (case-insensitive).
    pub tags: Vec<String>,
    /// A query in the query language (see [`Search`]): words and phrases
    /// in the title, summary, tags or body (case- and accent-insensitive),
    /// `-word`, `tag:`, `lang:`, `section:`, `site:`, `is:`, `before:`,
    /// `after:`.
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

/// Why [`Library::find`] found no one article.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    /// No article has this id, path or id prefix.
    #[error("no article {key:?} in {}", root.display())]
    NotFound {
        /// What was looked for.
        key: String,
        /// The library's folder.
        root: PathBuf,
    },
    /// Several articles' ids begin with it.
    #[error("{key:?} matches {count} articles: {}", candidates.iter().map(ArticleId::as_str).collect::<Vec<_>>().join(", "))]
    Ambiguous {
        /// What was looked for.
        key: String,
        /// How many articles match.
        count: usize,
        /// The first few of them.
        candidates: Vec<ArticleId>,
    },
}

/// An article folder in memory.
pub struct Library {
    root: PathBuf,
    articles: Arc<Vec<Box<Article>>>,
    diagnostics: Vec<Diagnostic>,
    /// The non-drafts: what the first screen shows.
    published: BitSet,
    /// The translations of every article, in order: made with the rest of
    /// the derived data, or alone (see [`Library::prepare_translations`]).
    translations: Arc<OnceLock<Vec<Vec<ArticleId>>>>,
    /// Search texts and indexes (and the translations): made on first use,
    /// or on another thread (see [`Library::preparation`]) so that the
    /// reader's first frame does not wait for them.
    derived: Arc<OnceLock<Derived>>,
    /// Some article was made from the start of its file only.
    preliminary: bool,
    /// The folded bodies for search, once read (see [`Library::body_job`]).
    bodies: Arc<OnceLock<Arc<[Arc<str>]>>>,
    /// Documents of long articles made while loading (see [`Library::document`]).
    documents: reading::Kept,
    from_index: usize,
}

/// The result of a scoped thread; its panic goes on in the caller.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// What the library derives from its articles beyond their order.
struct Derived {
    /// Folded title, summary and tags of every article.
    meta: Arc<[Box<str>]>,
    by_id: HashMap<ArticleId, usize>,
    /// Articles by language code and by lower-case tag: filters intersect
    /// bitsets instead of comparing strings.
    by_lang: HashMap<String, BitSet>,
    by_tag: HashMap<String, BitSet>,
}

impl Derived {
    /// Translations, search texts and indexes are independent: made on both
    /// cores, by threads of their own rather than the shared pool, which may
    /// be busy for seconds reading text while a keystroke waits for these.
    /// The translations go into their own cell (where they may be already).
    fn of(articles: &[Box<Article>], translations: &OnceLock<Vec<Vec<ArticleId>>>) -> Derived {
        let half = articles.len() / 2;
        let (mut meta, rest, (by_id, (by_lang, by_tag))) = std::thread::scope(|s| {
            let translations = s.spawn(|| {
                translations.get_or_init(|| crate::translations::find(articles));
            });
            let meta = s.spawn(|| metadata_texts(&articles[..half]));
            let rest = s.spawn(|| metadata_texts(&articles[half..]));
            let indexes = (ids(articles), facets(articles));
            join(translations);
            (join(meta), join(rest), indexes)
        });
        meta.extend(rest);
        Derived {
            meta: meta.into(),
            by_id,
            by_lang,
            by_tag,
        }
    }
}

impl Library {
    /// Loads every article below `dir` (see the crate docs for the rules).
    pub fn load(dir: impl AsRef<Path>) -> Result<Library, LoadError> {
        Library::load_with(dir, None)
    }

    /// Loads every article below `dir`, taking unchanged files from the index
    /// cache in `cache_dir` when given (see [`crate::load_cache`]).
    pub fn load_with(dir: impl AsRef<Path>, cache_dir: Option<&Path>) -> Result<Library, LoadError> {
        let dir = dir.as_ref();
        Ok(Library::from_loaded(dir, load::load_dir_with(dir, cache_dir)?))
    }

    /// The library of what was loaded; writes the index cache, if loading
    /// left it to write, with the library's order.
    fn from_loaded(dir: &Path, mut loaded: load::Loaded) -> Library {
        let known = loaded.order.take().filter(|_| loaded.order_code == order::CODE);
        let order = match loaded.cache.take() {
            Some(pending) => {
                let order = known.unwrap_or_else(|| {
                    let order = order::display_order(&loaded.articles);
                    order.into_iter().map(|i| i as u32).collect()
                });
                let kept = crate::load_cache::KeptOrder {
                    code: order::CODE,
                    positions: &order,
                };
                pending.write(Some(kept), &load::read_links);
                Some(order)
            }
            None => known,
        };
        let mut library = Library::from_boxed(dir, loaded.articles, loaded.diagnostics, order);
        library.from_index = loaded.from_index;
        library.documents = loaded.documents.into();
        library
    }

    /// The content hashes of the article with this id: as kiosk 0.1 made it,
    /// and as kiosk makes it now, from its file read now (see
    /// [`crate::state::State::upgrade_read_marks`]).
    pub fn legacy_hashes(&self, id: &str) -> Option<(u64, u64)> {
        let article = self.get(&ArticleId(id.to_string()))?;
        let (bytes, _, _) = load::read_capped(&article.source).ok()?;
        Some((
            crate::hash::legacy_content_hash(&bytes),
            crate::hash::content_hash(&bytes),
        ))
    }

    /// Loads `dir` for the reader's first screen (see [`load::load_preview`]):
    /// unchanged articles from the index cache, the others preliminary, from
    /// the start of their files. [`Library::load_with`] gives the whole.
    pub fn load_preview(dir: impl AsRef<Path>, cache_dir: Option<&Path>) -> Result<Library, LoadError> {
        let dir = dir.as_ref();
        Ok(Library::from_loaded(dir, load::load_preview(dir, cache_dir)?))
    }

    /// True when some article is preliminary (see [`Library::load_preview`]).
    pub fn is_preliminary(&self) -> bool {
        self.preliminary
    }

    /// How many articles came from the index cache rather than their files.
    pub fn from_index(&self) -> usize {
        self.from_index
    }

    /// Builds a library from articles already loaded: sorts them newest first
    /// and pairs translations.
    pub fn from_articles(root: &Path, articles: Vec<Article>, diagnostics: Vec<Diagnostic>) -> Library {
        Library::from_boxed(root, articles.into_iter().map(Box::new).collect(), diagnostics, None)
    }

    /// A library of `articles` in its order: `order` when it is one (kept by
    /// the index cache for exactly these articles), else sorted.
    // Boxed on purpose: sorting moves pointers, not 464-byte articles.
    #[allow(clippy::vec_box)]
    fn from_boxed(
        root: &Path,
        articles: Vec<Box<Article>>,
        diagnostics: Vec<Diagnostic>,
        order: Option<Vec<u32>>,
    ) -> Library {
        let articles = order::sorted(articles, order);
        let preliminary = articles.iter().any(|a| a.is_preliminary());
        let mut published = BitSet::empty(articles.len());
        for (i, a) in articles.iter().enumerate() {
            if !a.draft {
                published.insert(i);
            }
        }
        Library {
            root: root.to_path_buf(),
            articles: Arc::new(articles),
            diagnostics,
            published,
            translations: Arc::new(OnceLock::new()),
            derived: Arc::new(OnceLock::new()),
            preliminary,
            bodies: Arc::new(OnceLock::new()),
            documents: reading::Kept::default(),
            from_index: 0,
        }
    }

    fn derived(&self) -> &Derived {
        self.derived
            .get_or_init(|| Derived::of(&self.articles, &self.translations))
    }

    /// Makes the translations, search texts and indexes now (they are
    /// otherwise made when first needed).
    pub fn prepare(&self) {
        self.derived();
    }

    /// The work of [`Library::prepare`], to run on another thread (the reader
    /// runs it after its first frame); whatever needs the result meanwhile
    /// waits for it instead of starting over.
    pub fn preparation(&self) -> impl FnOnce() + Send + 'static {
        let (articles, derived) = (Arc::clone(&self.articles), Arc::clone(&self.derived));
        let translations = Arc::clone(&self.translations);
        move || {
            derived.get_or_init(|| Derived::of(&articles, &translations));
        }
    }

    /// Makes the translations of every article now, and nothing else of
    /// [`Library::prepare`]'s work (what `kiosk list --json` needs).
    pub fn prepare_translations(&self) {
        self.translations
            .get_or_init(|| crate::translations::find(&self.articles));
    }

    /// The ids of the same story in other languages. Before the library is
    /// prepared (see [`Library::preparation`]) one article's are found alone,
    /// so that the reader's first frame does not wait for all of them.
    pub fn translations(&self, index: usize) -> std::borrow::Cow<'_, [ArticleId]> {
        match self.translations.get() {
            Some(all) => all.get(index).map_or(&[][..], Vec::as_slice).into(),
            None if index < self.articles.len() => crate::translations::of(&self.articles, index).into(),
            None => (&[][..]).into(),
        }
    }

    /// The folder the library was loaded from.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// All articles, newest first (drafts included). Each is boxed where it
    /// was loaded: putting a large library in order moves pointers, not
    /// articles.
    pub fn articles(&self) -> &[Box<Article>] {
        &self.articles
    }

    /// The problems found while loading.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The index of the article with this id.
    pub fn index_of(&self, id: &ArticleId) -> Option<usize> {
        self.derived().by_id.get(id).copied()
    }

    /// The article with this id.
    pub fn get(&self, id: &ArticleId) -> Option<&Article> {
        self.index_of(id).map(|i| &*self.articles[i])
    }

    /// Finds an article by id, by path (relative to the folder or absolute),
    /// or by a unique id prefix. Errors name the candidates.
    pub fn find(&self, key: &str) -> Result<usize, FindError> {
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
            [] => Err(FindError::NotFound {
                key: key.to_string(),
                root: self.root.clone(),
            }),
            many => Err(FindError::Ambiguous {
                key: key.to_string(),
                count: many.len(),
                candidates: many.iter().take(5).map(|&i| self.articles[i].id.clone()).collect(),
            }),
        }
    }

    /// The indexes of the articles the query selects, newest first, as
    /// for a reader without reading marks (every article unread, none
    /// starred); a text that is not a query (see [`Search::parse`]) selects
    /// none. A text query reads and indexes every body first (once; see
    /// [`Library::index_bodies`]).
    pub fn select(&self, query: &Query) -> Vec<usize> {
        match Search::parse(&query.text) {
            Ok(search) => self.select_search(query, &search, &NoMarks),
            Err(_) => Vec::new(),
        }
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
            set.intersect(self.derived().by_lang.get(&lang.to_ascii_lowercase()).unwrap_or(&empty));
        }
        for tag in &query.tags {
            set.intersect(self.derived().by_tag.get(&tag.to_lowercase()).unwrap_or(&empty));
        }
        set.iter().collect()
    }

    /// What search matches, to share with a search thread.
    pub fn search_index(&self) -> SearchIndex {
        SearchIndex {
            meta: Arc::clone(&self.derived().meta),
            bodies: Arc::clone(&self.bodies),
        }
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
        self.bodies.get().is_some()
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
            bodies: Arc::clone(&self.bodies),
        }
    }

    /// Like [`Library::body_job`], for a library loaded again: the folded
    /// text of every article unchanged since `previous` (same id and content
    /// hash) is taken from it instead of being read and folded again.
    pub fn body_job_after(&self, previous: &Library) -> BodyJob {
        let mut job = self.body_job();
        if let Some(old) = previous.bodies.get() {
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
}

/// Articles by id.
fn ids(articles: &[Box<Article>]) -> HashMap<ArticleId, usize> {
    let mut by_id = HashMap::with_capacity(articles.len());
    by_id.extend(articles.iter().enumerate().map(|(i, a)| (a.id.clone(), i)));
    by_id
}

/// Articles by language code and by lower-case tag.
fn facets(articles: &[Box<Article>]) -> (HashMap<String, BitSet>, HashMap<String, BitSet>) {
    let n = articles.len();
    let mut by_lang: HashMap<String, BitSet> = HashMap::new();
    let mut by_tag: HashMap<String, BitSet> = HashMap::new();
    let add = |map: &mut HashMap<String, BitSet>, key: &str, i: usize| match map.get_mut(key) {
        Some(set) => set.insert(i),
        None => {
            let mut set = BitSet::empty(n);
            set.insert(i);
            map.insert(key.to_string(), set);
        }
    };
    for (i, a) in articles.iter().enumerate() {
        if let Some(code) = a.lang_code() {
            add(&mut by_lang, code, i);
        }
        for t in &a.tags {
            if t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                add(&mut by_tag, t, i);
            } else {
                add(&mut by_tag, &t.to_lowercase(), i);
            }
        }
    }
    (by_lang, by_tag)
}
