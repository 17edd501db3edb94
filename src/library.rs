//! The library: all articles of a folder, their indexes, and queries over them.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

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
    /// Folded search text per article (title, summary, tags, body).
    haystacks: Vec<String>,
    by_id: HashMap<ArticleId, usize>,
    /// Articles by language code, by lower-case tag, and the non-drafts:
    /// filters intersect bitsets instead of comparing strings.
    by_lang: HashMap<String, BitSet>,
    by_tag: HashMap<String, BitSet>,
    published: BitSet,
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
        let dir = dir.as_ref();
        let loaded = load::load_dir(dir)?;
        Ok(Library::from_articles(dir, loaded.articles, loaded.diagnostics))
    }

    /// Builds a library from articles already loaded: sorts them newest first
    /// and pairs translations.
    pub fn from_articles(root: &Path, mut articles: Vec<Article>, diagnostics: Vec<Diagnostic>) -> Library {
        articles.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
                .then_with(|| a.id.cmp(&b.id))
        });
        crate::translations::pair(&mut articles);
        let haystacks = articles.iter_mut().map(|a| std::mem::take(&mut a.folded)).collect();
        let by_id = articles.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        let n = articles.len();
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
        Library {
            root: root.to_path_buf(),
            articles,
            diagnostics,
            haystacks,
            by_id,
            by_lang,
            by_tag,
            published,
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

    /// The indexes of the articles the query selects, newest first.
    pub fn select(&self, query: &Query) -> Vec<usize> {
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
        let words: Vec<String> = fold(&query.text).split_whitespace().map(str::to_string).collect();
        set.iter()
            .filter(|&i| words.iter().all(|w| self.haystacks[i].contains(w.as_str())))
            .collect()
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
