//! Search as you type: the text is a query (see [`Search`]); its facets,
//! titles, summaries and tags are matched at once, on the input thread;
//! article text is matched by the search thread, and its answer replaces
//! the list when it comes (a newer keystroke cancels it). A text that is
//! not a query leaves the list on the last one that was.

use crate::library::{Kind, Query, QueryError, Scope, Search, SearchIndex, TextNeedles};

use super::App;
use crate::library::Marks;
use crate::state::ReadState;

/// The reader's marks answer the query's `is:` terms.
impl Marks for App {
    fn read(&self, index: usize) -> bool {
        self.read_state(index) == ReadState::Read
    }

    fn starred(&self, index: usize) -> bool {
        App::starred(self, index)
    }
}
use crate::tui::action::Action;

/// A full-text search for the search thread: which articles of `candidates`
/// contain the wanted words and phrases (and none of the excluded ones) in
/// their metadata or text.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    /// Tells this search's answer from older ones.
    pub generation: u64,
    /// What to search.
    pub index: SearchIndex,
    /// The articles to look at, in list order.
    pub candidates: Vec<usize>,
    /// The folded words and phrases.
    pub needles: TextNeedles,
}

impl SearchRequest {
    /// Runs the search; `None` when `cancelled` said so before the end.
    pub fn run(&self, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Vec<usize>> {
        self.index
            .matches_text(&self.candidates, &self.needles, Scope::Everything, cancelled)
    }
}

/// The list's query as last read.
#[derive(Clone, Debug, Default)]
pub(super) struct Parsed {
    /// The last text that was a query: what the list shows.
    pub(super) search: Search,
    /// What is wrong with the text typed since, if anything.
    pub(super) error: Option<QueryError>,
}

/// The last search, to narrow the next one when the text grows.
#[derive(Clone, Debug, Default)]
pub(super) struct LastSearch {
    /// The query it answered: filters, and the terms that are not text.
    query: Query,
    others: Vec<crate::library::Term>,
    needles: TextNeedles,
    /// Its metadata matches.
    metadata: Vec<usize>,
    /// What its full matches are among: all of them are in here.
    bound: Vec<usize>,
    /// Its full matches, once known.
    full: Option<Vec<usize>>,
}

/// The terms of a query that are not words or phrases.
fn others(search: &Search) -> Vec<crate::library::Term> {
    search
        .terms
        .iter()
        .filter(|t| !matches!(t.kind, Kind::Word(_) | Kind::Phrase(_)))
        .cloned()
        .collect()
}

impl LastSearch {
    /// True when every match of the new query must be among this search's
    /// matches: same filters and facets, and its words and phrases only
    /// grew (see [`TextNeedles::narrows`]).
    fn narrows_to(&self, query: &Query, search: &Search, needles: &TextNeedles) -> bool {
        self.query.lang == query.lang
            && self.query.tags == query.tags
            && self.query.drafts == query.drafts
            && self.others == others(search)
            && needles.narrows(&self.needles)
    }
}

impl App {
    /// Keys in the search line: typing narrows the list at once.
    pub(super) fn search_update(&mut self, action: Action) {
        match action {
            Action::Input(c) => {
                self.query.text.push(c);
                self.refresh();
            }
            Action::Backspace => {
                self.query.text.pop();
                self.refresh();
            }
            Action::Confirm => {
                self.close_overlay();
                if let Some(e) = self.query_error() {
                    self.message = Some(format!("the list shows the last query that was one: {e}"));
                }
            }
            Action::Back => {
                self.close_overlay();
                self.query.text.clear();
                self.refresh();
            }
            _ => {}
        }
    }

    /// The articles the query selects: filters, facets and metadata matches
    /// now, and a request to the search thread for the article text.
    pub(super) fn compute_visible(&mut self) {
        self.search_generation += 1;
        match Search::parse(&self.query.text) {
            Ok(search) => {
                self.parsed.search = search;
                self.parsed.error = None;
            }
            Err(e) => self.parsed.error = Some(e),
        }
        let search = self.parsed.search.clone();
        let needles = TextNeedles::of(&search);
        if needles.is_empty() {
            self.search_request = None;
            self.last_search = None;
            self.list.visible = self.library.filter_search(&self.query, &search);
            return;
        }
        let last = self
            .last_search
            .take()
            .filter(|l| l.narrows_to(&self.query, &search, &needles));
        let index = self.library.search_index();
        let (meta_candidates, full_candidates) = match last {
            // A longer text: its matches are among the last one's (or, while
            // those are not known, among what they were sought in).
            Some(last) => (last.metadata, last.full.unwrap_or(last.bound)),
            None => {
                let all = self.library.filter_search(&self.query, &search);
                (all.clone(), all)
            }
        };
        let metadata = index
            .matches_text(&meta_candidates, &needles, Scope::Metadata, &|| false)
            .unwrap_or_default();
        self.list.visible = metadata.clone();
        self.last_search = Some(LastSearch {
            query: self.query.clone(),
            others: others(&search),
            needles: needles.clone(),
            metadata,
            bound: full_candidates.clone(),
            full: None,
        });
        self.search_request = Some(SearchRequest {
            generation: self.search_generation,
            index,
            candidates: full_candidates,
            needles,
        });
    }

    /// The list's query as last read: the one the list shows.
    pub fn search(&self) -> &Search {
        &self.parsed.search
    }

    /// What is wrong with the query text, while it is not a query.
    pub fn query_error(&self) -> Option<&QueryError> {
        self.parsed.error.as_ref()
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
