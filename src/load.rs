//! Loading an article folder: walking, reading, and turning files into articles.
//!
//! Every problem becomes a [`Diagnostic`]; one bad file never stops the others.

mod format;
pub mod front_matter;
pub mod lang;
mod mdx;
mod parse;
mod place;
pub mod plain;
mod preview;
pub mod prose;
pub mod site;
mod walk;

use parse::{article_from, decode, parse_article_keeping, split_body, title_and_lang, Decoded};
pub use parse::{article_id, parse_article};
pub use place::PathKey;
use place::{PathLang, Place};
pub use preview::{load_preview, parse_head, HEAD_BYTES};
pub use walk::{follow_links_outside, MAX_DEPTH, MAX_ENTRIES};
use walk::{walk, Found};

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::article::{Article, Diagnostic, DiagnosticKind, LangSource, Level, Stamp};
use crate::document::Document;
use crate::load_cache::{self, Entry};
// Never a blocking open: a file may have become a FIFO since the walk.
use crate::safe_open::open_regular;
use crate::sanitize::sanitize_line;

/// Files larger than this are truncated (with a diagnostic).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Bodies at least this long keep the document made while loading (see
/// [`Loaded::documents`]).
pub const KEEP_PARSED_BYTES: usize = 256 * 1024;

/// How many such documents are kept (the last ones loaded).
const KEPT_DOCUMENTS: usize = 4;

/// File extensions read as articles.
pub const EXTENSIONS: [&str; 6] = ["md", "markdown", "mdown", "mkd", "mdx", "txt"];

/// Why a folder could not be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The folder does not exist.
    #[error("no such folder: {0}")]
    Missing(PathBuf),
    /// The path exists but is not a folder.
    #[error("not a folder: {0}")]
    NotAFolder(PathBuf),
}

/// What loading a folder yields: the articles (unsorted) and the problems.
pub struct Loaded {
    /// Every article that could be read (boxed: sorting moves pointers).
    pub articles: Vec<Box<Article>>,
    /// Every problem, sorted by path.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were taken from the index cache instead of being read.
    pub from_index: usize,
    /// The order of `articles` the index cache keeps, when every file is
    /// unchanged since it was written (see [`load_cache::KeptOrder`]).
    pub order: Option<Vec<u32>>,
    /// The code of whoever made `order` (see [`load_cache::KeptOrder`]).
    pub order_code: u64,
    /// The documents of the last few long articles, made while loading, by
    /// the file they were read from: showing one right after (`kiosk show`,
    /// opening it in the reader) does not parse it again.
    pub documents: Vec<(PathBuf, Arc<Document>)>,
    /// The entries to write to the index cache once their order is known
    /// ([`crate::Library::load_with`] does); none when it is up to date.
    pub cache: Option<load_cache::Pending>,
}

/// Loads every article below `dir`, in parallel.
pub fn load_dir(dir: &Path) -> Result<Loaded, LoadError> {
    load_dir_with(dir, None)
}

/// Loads every article below `dir`, in parallel, taking unchanged files from
/// the index cache in `cache_dir` (see [`crate::load_cache`]); what the cache
/// should hold now is in [`Loaded::cache`]. A cache that cannot be read or
/// written only costs time.
pub fn load_dir_with(dir: &Path, cache_dir: Option<&Path>) -> Result<Loaded, LoadError> {
    check_folder(dir)?;
    let index_file = cache_dir.map(|c| load_cache::file_for(c, dir));
    // Before any file is read: a file modified since may be cached only
    // once it is old enough (see `cacheable`).
    let now = load_cache::now_ns();
    if !index_file.as_deref().is_some_and(Path::exists) {
        let (entries, diagnostics) = walk::walk_with(dir, &|entry, path, meta, place| {
            let lang = place.file(&entry.file_name().to_string_lossy());
            Ok(load_entry(dir, path, meta.map(|m| Stamp::of(&m)), &lang))
        });
        let cache = index_file.map(|file| pending(file, dir, &entries, now));
        return Ok(Loaded {
            cache,
            ..gather(entries.into_iter(), diagnostics, 0)
        });
    }
    let mut found = find(dir, index_file)?;
    let work = std::mem::take(&mut found.work);
    let entries = resolve(work, now, |path, stamp, lang| load_entry(dir, path, Some(stamp), lang));
    let mut cache = None;
    if let Some(file) = found.index_file.clone() {
        let read_again = entries.iter().any(|(_, reused)| !reused);
        if found.removed || read_again || !found.had_index {
            let entries: Vec<&Entry> = entries.iter().map(|(e, _)| e).collect();
            cache = Some(pending(file, dir, &entries, now));
        }
    }
    Ok(Loaded {
        cache,
        ..found.into_loaded(entries)
    })
}

/// The entries that may be cached (see [`cacheable`]; `now` is when loading
/// began), to be written to the index file.
fn pending<E: std::borrow::Borrow<Entry>>(file: PathBuf, dir: &Path, entries: &[E], now: i128) -> load_cache::Pending {
    let keep: Vec<Entry> = entries
        .iter()
        .map(E::borrow)
        .filter(|e| cacheable(e, now))
        .cloned()
        .collect();
    let whole = keep.len() == entries.len();
    load_cache::Pending::new(file, dir, keep, whole)
}

/// An error unless `dir` is a folder.
fn check_folder(dir: &Path) -> Result<(), LoadError> {
    let meta = std::fs::metadata(dir).map_err(|_| LoadError::Missing(dir.to_path_buf()))?;
    if meta.is_dir() {
        Ok(())
    } else {
        Err(LoadError::NotAFolder(dir.to_path_buf()))
    }
}

/// The files of a folder, each with its index entry if it has one.
struct Paired {
    work: Vec<(Found, Option<Entry>)>,
    diagnostics: Vec<Diagnostic>,
    index_file: Option<PathBuf>,
    had_index: bool,
    /// Some entry of the index has no file any more.
    removed: bool,
    /// The order the index keeps, with its code (see [`load_cache::Cached`]).
    order: Option<(u64, Vec<u32>)>,
}

impl Paired {
    /// What loading gives once every file's entry is made (and whether it
    /// came from the index): with the order the index keeps when all are
    /// from it, the same files, none changed, none added or removed.
    fn into_loaded(self, entries: Vec<(Entry, bool)>) -> Loaded {
        let from_index = entries.iter().filter(|(_, reused)| *reused).count();
        let unchanged = !self.removed && from_index == entries.len();
        let mut loaded = gather(entries.into_iter().map(|(e, _)| e), self.diagnostics, from_index);
        if let Some((code, order)) = self.order.filter(|_| unchanged) {
            (loaded.order, loaded.order_code) = (Some(order), code);
        }
        loaded
    }
}

/// Walks `dir` and, at the same time, reads its index; pairs them.
fn find(dir: &Path, index_file: Option<PathBuf>) -> Result<Paired, LoadError> {
    check_folder(dir)?;
    // Walking the folder and decoding the index overlap.
    let ((files, diagnostics), cached) = rayon::join(
        || walk(dir),
        || {
            index_file
                .as_deref()
                .map(|f| load_cache::read(f, dir))
                .unwrap_or_default()
        },
    );
    let had_index = !cached.entries.is_empty();
    // Both lists are in the walk's order (sorted by name, depth first, which
    // is the order of paths): one merge pairs each file with its entry.
    let order = cached.order;
    let mut cached = cached.entries.into_iter().peekable();
    let mut removed = false;
    let work: Vec<(Found, Option<Entry>)> = files
        .into_iter()
        .map(|found| {
            let rel = found.0.strip_prefix(dir).unwrap_or(&found.0);
            while cached.next_if(|e| path_order(&e.rel, rel).is_lt()).is_some() {
                removed = true;
            }
            let old = cached.next_if(|e| e.rel.as_os_str() == rel.as_os_str());
            (found, old)
        })
        .collect();
    removed |= cached.next().is_some();
    Ok(Paired {
        work,
        diagnostics,
        index_file,
        had_index,
        removed,
        order,
    })
}

/// Each file's entry, on both cores: its index entry when that still stands
/// for the file (paired with true), else what `fresh` makes of the file's
/// path, stamp and path language.
fn resolve(
    work: Vec<(Found, Option<Entry>)>,
    now: i128,
    fresh: impl Fn(&Path, Stamp, &PathLang) -> Entry + Sync,
) -> Vec<(Entry, bool)> {
    work.into_par_iter()
        .map(|((path, stamp, lang), old)| match old {
            Some(old) if reusable(&old, stamp, &lang, now) => (with_source(old, path), true),
            _ => (fresh(&path, stamp, &lang), false),
        })
        .collect()
}

/// Whether an index entry still stands for its file: same size and mtime,
/// not modified so recently that the stamp could hide a second change, and
/// its place in the folder says the same of its language as when it was
/// read (a language folder may have gained a sibling, a site config may
/// have changed).
fn reusable(old: &Entry, stamp: Stamp, lang: &PathLang, now: i128) -> bool {
    let same_place = old.article.as_ref().is_none_or(|a| {
        let by_path = match a.lang_source() {
            Some(LangSource::FrontMatter) => true,
            Some(LangSource::Path) => a.lang_code() == lang.code.as_deref(),
            _ => lang.code.is_none(),
        };
        by_path && a.path_key == lang.key
    });
    old.stamp == stamp && same_place && !load_cache::racy(stamp, now)
}

/// An index entry's article learns where its file is.
fn with_source(mut entry: Entry, path: PathBuf) -> Entry {
    if let Some(a) = &mut entry.article {
        a.source = path;
    }
    entry
}

/// The articles and diagnostics of entries.
fn gather(entries: impl Iterator<Item = Entry>, mut diagnostics: Vec<Diagnostic>, from_index: usize) -> Loaded {
    let mut articles = Vec::with_capacity(entries.size_hint().0);
    let mut documents = Vec::new();
    for entry in entries {
        if let (Some(a), Some(doc)) = (&entry.article, entry.document) {
            if documents.len() == KEPT_DOCUMENTS {
                documents.remove(0);
            }
            documents.push((a.source.clone(), doc));
        }
        articles.extend(entry.article);
        diagnostics.extend(entry.diagnostics);
    }
    diagnostics.sort_by(|a, b| a.path.cmp(&b.path));
    Loaded {
        articles,
        diagnostics,
        from_index,
        order: None,
        order_code: 0,
        documents,
        cache: None,
    }
}

/// Whether an entry may go into the index: read without an I/O error, and
/// not modified so recently that its stamp could hide a second change.
fn cacheable(entry: &Entry, now: i128) -> bool {
    let read_failed = entry.article.is_none() && entry.diagnostics.iter().any(|d| d.kind == DiagnosticKind::Io);
    !read_failed && entry.stamp != Stamp::default() && !load_cache::racy(entry.stamp, now)
}

/// The order of [`Path`]s (component by component, as the walk lists them),
/// found by comparing bytes with the separator as the lowest: the same for
/// the relative paths the walk and the index hold (no `.`, `..` or `//`).
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (x, y) = (a.as_os_str().as_encoded_bytes(), b.as_os_str().as_encoded_bytes());
    let low = |c: u8| if c == b'/' { 0 } else { c };
    match x.iter().zip(y).position(|(p, q)| p != q) {
        Some(i) => low(x[i]).cmp(&low(y[i])),
        None => x.len().cmp(&y.len()),
    }
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn has_article_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

fn io_message(err: Option<&std::io::Error>) -> String {
    err.map_or_else(
        || "unknown error".to_string(),
        |e| sanitize_line(&e.to_string()).into_owned(),
    )
}

/// Reads at most [`MAX_FILE_BYTES`] of a file in one read, sized from its
/// metadata. True when the file was longer and got truncated.
pub(crate) fn read_capped(path: &Path) -> std::io::Result<(Vec<u8>, Stamp, bool)> {
    let file = open_regular(path)?;
    let stamp = file.metadata().map(|m| Stamp::of(&m)).unwrap_or_default();
    let mut bytes = Vec::new();
    let (filled, truncated) = read_sized(file, stamp, &mut bytes)?;
    bytes.truncate(filled);
    Ok((bytes, stamp, truncated))
}

/// Reads as many bytes as `stamp` says the file has (at most
/// [`MAX_FILE_BYTES`]; true when that truncates it) into the start of
/// `buffer`, and says how many it got: one system call for a file that has
/// not changed since. Bytes it gained after its stamp was taken are left for
/// the next load, which sees a new stamp and reads it again, as it does for
/// any change. `buffer` only grows, so one reused for many files is zeroed
/// once, not once per file.
fn read_sized(mut file: File, stamp: Stamp, buffer: &mut Vec<u8>) -> std::io::Result<(usize, bool)> {
    // Into a buffer of the full size: `read_to_end` would read 8 KiB at a
    // time at first.
    let size = stamp.size.min(MAX_FILE_BYTES) as usize;
    if buffer.len() < size {
        buffer.resize(size, 0);
    }
    let mut filled = 0;
    while filled < size {
        match file.read(&mut buffer[filled..size]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok((filled, stamp.size > MAX_FILE_BYTES))
}

/// Files are read into one buffer per thread, kept between files unless a
/// file made it larger than this.
const REUSED_BUFFER_BYTES: usize = 1024 * 1024;

std::thread_local! {
    static READ_BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Reads one file (at most [`MAX_FILE_BYTES`]) and parses it; its
/// language folder and site config are found by looking at the folders
/// from `root` to it.
pub fn load_file(root: &Path, path: &Path) -> (Option<Article>, Vec<Diagnostic>) {
    let rel = relative(root, path);
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let lang = Place::of_file(root, &rel).file(&name);
    let entry = load_entry(root, path, None, &lang);
    (entry.article.map(|a| *a), entry.diagnostics)
}

/// Reads one file and parses it into an index entry; the article's body is
/// not kept (see [`crate::Library::body`]). `stamp` is the file's as the walk saw
/// it (taken before its bytes are read, so a later change shows); without
/// one, the open file is asked. `lang` is what its place says of its
/// language.
fn load_entry(root: &Path, path: &Path, stamp: Option<Stamp>, lang: &PathLang) -> Entry {
    // Taken out and put back, so nothing can find it borrowed.
    let mut buffer = READ_BUFFER.take();
    let read = open_regular(path).and_then(|file| {
        let stamp = match stamp {
            Some(stamp) => stamp,
            None => Stamp::of(&file.metadata()?),
        };
        let (filled, truncated) = read_sized(file, stamp, &mut buffer)?;
        Ok((filled, stamp, truncated))
    });
    let entry = match read {
        Ok((filled, stamp, truncated)) => entry_of(root, path, &buffer[..filled], stamp, truncated, lang),
        Err(err) => unreadable(root, path, &err),
    };
    if buffer.len() <= REUSED_BUFFER_BYTES {
        READ_BUFFER.set(buffer);
    }
    entry
}

/// The entry of a file that could not be read: no article, and why.
fn unreadable(root: &Path, path: &Path, err: &std::io::Error) -> Entry {
    Entry {
        rel: relative(root, path),
        stamp: Stamp::default(),
        article: None,
        document: None,
        diagnostics: vec![Diagnostic {
            path: relative(root, path),
            level: Level::Error,
            kind: DiagnosticKind::Io,
            message: format!("cannot read: {}", io_message(Some(err))),
        }],
    }
}

/// The index entry of a file's bytes (see [`load_entry`]).
fn entry_of(root: &Path, path: &Path, bytes: &[u8], stamp: Stamp, truncated: bool, lang: &PathLang) -> Entry {
    let rel = relative(root, path);
    let mut diagnostics = Vec::new();
    if truncated {
        diagnostics.push(Diagnostic {
            path: rel.clone(),
            level: Level::Warning,
            kind: DiagnosticKind::File,
            message: format!("larger than {} MiB; truncated", MAX_FILE_BYTES / (1024 * 1024)),
        });
    }
    // The body is read again when asked for: most are never shown.
    let (mut article, mut more, document) = parse_article_keeping(&rel, bytes, false, lang);
    if let Some(a) = &mut article {
        a.source = path.to_path_buf();
        a.stamp = stamp;
    }
    diagnostics.append(&mut more);
    Entry {
        rel,
        stamp,
        article: article.map(Box::new),
        document,
        diagnostics,
    }
}

/// The body of the article in a file, read again on demand (see
/// [`crate::Library::body`]); a file that cannot be read gives a body that says why.
pub fn read_body(path: &Path) -> String {
    match read_capped(path) {
        Ok((bytes, _, _)) => match decode(&bytes) {
            Decoded::Text(text, _) => {
                let (format, split, _) = split_body(path, &text);
                // Plain text keeps its paragraphs but loses its title line.
                let (_, body) = format.split_title(split.body);
                body.trim_matches('\n').to_string()
            }
            Decoded::Binary | Decoded::Empty => String::new(),
        },
        Err(err) => format!("(kiosk cannot read this file any more: {})", io_message(Some(&err))),
    }
}

/// The links of the article in a file, parsed again (when the index cache
/// cannot give them); none when the file cannot be read.
pub fn read_links(path: &Path) -> Vec<crate::article::Link> {
    let Ok((bytes, _, _)) = read_capped(path) else {
        return Vec::new();
    };
    let (article, _) = parse_article(path, &bytes);
    // A parsed article holds its links: nothing to read.
    article.map(|a| a.links_or(Vec::new).to_vec()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte order with `/` lowest is the component order of paths,
        /// which is the order the walk lists them in.
        #[test]
        fn path_order_is_the_order_of_components(
            a in proptest::collection::vec("[a-c.\\-_ ü]{1,3}", 1..4),
            b in proptest::collection::vec("[a-c.\\-_ ü]{1,3}", 1..4),
        ) {
            // `.` and `..` are not names the walk yields.
            proptest::prop_assume!(!a.iter().chain(&b).any(|c| c == "." || c == ".."));
            let (a, b) = (PathBuf::from(a.join("/")), PathBuf::from(b.join("/")));
            proptest::prop_assert_eq!(path_order(&a, &b), a.cmp(&b));
        }
    }
}
