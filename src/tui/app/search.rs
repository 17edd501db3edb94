//! Search as you type: titles, summaries and tags are matched at once, on
//! the input thread; article text is matched by the search thread, and its
//! answer replaces the list when it comes (a newer keystroke cancels it).

use crate::library::{search_words, Query, Scope, SearchIndex};

use super::App;

/// A full-text search for the search thread: which articles of `candidates`
/// contain every one of `words` in their metadata or text.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    /// Tells this search's answer from older ones.
    pub generation: u64,
    /// What to search.
    pub index: SearchIndex,
    /// The articles to look at, in list order.
    pub candidates: Vec<usize>,
    /// The folded words.
    pub words: Vec<String>,
}

impl SearchRequest {
    /// Runs the search; `None` when `cancelled` said so before the end.
    pub fn run(&self, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Vec<usize>> {
        self.index
            .matches(&self.candidates, &self.words, Scope::Everything, cancelled)
    }
}

/// The last search, to narrow the next one when the text grows.
#[derive(Clone, Debug, Default)]
pub(super) struct LastSearch {
    /// The query it answered.
    query: Query,
    /// Its metadata matches.
    metadata: Vec<usize>,
    /// What its full matches are among: all of them are in here.
    bound: Vec<usize>,
    /// Its full matches, once known.
    full: Option<Vec<usize>>,
}

impl LastSearch {
    /// True when every match of `query` must be among this search's
    /// matches: same filters, and the text only grew at its end.
    fn narrows_to(&self, query: &Query) -> bool {
        self.query.lang == query.lang
            && self.query.tags == query.tags
            && self.query.drafts == query.drafts
            && !self.query.text.trim().is_empty()
            && query.text.starts_with(&self.query.text)
    }
}

impl App {
    /// The articles the query selects: filters and metadata matches now, and
    /// a request to the search thread for the article text.
    pub(super) fn compute_visible(&mut self) {
        let words = search_words(&self.query.text);
        self.search_generation += 1;
        if words.is_empty() {
            self.search_request = None;
            self.last_search = None;
            self.list.visible = self.library.filter(&self.query);
            return;
        }
        let last = self.last_search.take().filter(|l| l.narrows_to(&self.query));
        let index = self.library.search_index();
        let (meta_candidates, full_candidates) = match last {
            // A longer text: its matches are among the last one's (or, while
            // those are not known, among what they were sought in).
            Some(last) => (last.metadata, last.full.unwrap_or(last.bound)),
            None => {
                let all = self.library.filter(&self.query);
                (all.clone(), all)
            }
        };
        let metadata = index
            .matches(&meta_candidates, &words, Scope::Metadata, &|| false)
            .unwrap_or_default();
        self.list.visible = metadata.clone();
        self.last_search = Some(LastSearch {
            query: self.query.clone(),
            metadata,
            bound: full_candidates.clone(),
            full: None,
        });
        self.search_request = Some(SearchRequest {
            generation: self.search_generation,
            index,
            candidates: full_candidates,
            words,
        });
    }

    /// Counts queries (see [`App::take_search_request`]).
    pub fn search_generation(&self) -> u64 {
        self.search_generation
    }

    /// True while the article text is being searched.
    pub fn searching_text(&self) -> bool {
        self.search_request.is_some() || self.search_running == Some(self.search_generation)
    }

    /// The search request for the search thread, if a new one is due.
    pub fn take_search_request(&mut self) -> Option<SearchRequest> {
        let request = self.search_request.take()?;
        self.search_running = Some(request.generation);
        Some(request)
    }

    /// The search thread's answer: replaces the list when it answers the
    /// current query, keeping the selection.
    pub(super) fn search_done(&mut self, generation: u64, matches: Vec<usize>) {
        if generation != self.search_generation {
            return;
        }
        self.search_running = None;
        if let Some(last) = &mut self.last_search {
            last.full = Some(matches.clone());
        }
        let keep = self.selected_article();
        self.list.visible = matches;
        self.apply_state_filters();
        self.arrange();
        self.keep_selected(keep, 0);
        if self.searching() || self.reading.shown.is_none() {
            self.follow_selection();
        }
    }

    /// Runs a pending text search here and now (what the search thread
    /// does; for tests and for a library whose bodies are indexed).
    pub fn finish_search(&mut self) {
        if let Some(request) = self.take_search_request() {
            self.library.index_bodies();
            let matches = request.run(&|| false).unwrap_or_default();
            self.search_done(request.generation, matches);
            self.prepare();
        }
    }
}
