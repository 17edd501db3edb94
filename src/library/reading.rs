//! What the library reads of an article on demand: its body, its links, its
//! parsed document and its content hash. Articles are plain data; reading
//! their files again is the library's (through the loader), and so is the
//! cache of documents parsed while loading.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::Library;
use crate::article::{Link, LinkRef};
use crate::document::Document;
use crate::load;

/// The documents of long articles made while loading, by source file (see
/// [`load::Loaded::documents`]).
pub(super) type Kept = Mutex<Vec<(PathBuf, Arc<Document>)>>;

impl Library {
    /// The body text of article `index`. A library loaded from a folder
    /// does not keep bodies in memory: the first call reads the file again
    /// (a file that can no longer be read gives a body that says so).
    pub fn body(&self, index: usize) -> &str {
        let a = &self.articles()[index];
        a.body_or(|| load::read_body(&a.source))
    }

    /// True when the body of article `index` is in memory: [`Library::body`]
    /// then reads nothing.
    pub fn body_is_read(&self, index: usize) -> bool {
        self.articles().get(index).is_none_or(|a| a.body.get().is_some())
    }

    /// Reads the body of article `index` into the library when called, on
    /// any thread: the reader reads bodies off its loop, so that a slow or
    /// huge file never holds up the keys.
    pub fn body_reader(&self, index: usize) -> impl FnOnce() + Send + 'static {
        let articles = Arc::clone(&self.articles);
        move || {
            if let Some(a) = articles.get(index) {
                a.body_or(|| load::read_body(&a.source));
            }
        }
    }

    /// The numbered links of article `index`: as kept, else parsed from its
    /// file again (a preliminary article, or links whose cached copy failed
    /// its checksum).
    pub fn links(&self, index: usize) -> &[Link] {
        let a = &self.articles()[index];
        a.links_or(|| load::read_links(&a.source))
    }

    /// Calls `f` with the links of article `index` borrowed where they are
    /// kept, decoding and keeping nothing: for writing them out (see
    /// [`LinkRef`]).
    pub fn with_link_refs<R>(&self, index: usize, f: impl FnOnce(&[LinkRef<'_>]) -> R) -> R {
        let a = &self.articles()[index];
        a.with_link_refs_or(|| load::read_links(&a.source), f)
    }

    /// Article `index` parsed into a document (Markdown or plain text).
    /// Bodies are kept as text and parsed when shown: a parsed document is
    /// several times larger than its text. A long article parsed while
    /// loading is not parsed again: its document is kept (the last few).
    pub fn document(&self, index: usize) -> Arc<Document> {
        let a = &self.articles()[index];
        let kept = self.documents.lock().ok().and_then(|kept| {
            kept.iter()
                .find(|(source, _)| *source == a.source)
                .map(|(_, doc)| Arc::clone(doc))
        });
        kept.unwrap_or_else(|| Arc::new(a.format.parse(self.body(index))))
    }

    /// The hash of the file's bytes of article `index`: as loaded, or for a
    /// preliminary article from the file read now (0 when it cannot be read).
    pub fn content_hash(&self, index: usize) -> u64 {
        let a = &self.articles()[index];
        if !a.is_preliminary() {
            return a.hash;
        }
        load::read_capped(&a.source).map_or(0, |(bytes, _, _)| crate::hash::content_hash(&bytes))
    }

    /// The language codes of the translations of article `index` (`?` for
    /// one without), as its header names them.
    pub fn translation_names(&self, index: usize) -> Vec<String> {
        self.translations(index)
            .iter()
            .filter_map(|id| self.get(id))
            .map(|t| t.lang_code().unwrap_or("?").to_string())
            .collect()
    }
}
