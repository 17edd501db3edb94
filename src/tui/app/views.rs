//! Saved views (`v`): the queries named under `[views]` in the
//! configuration, listed with how many unread and how many articles each
//! shows; choosing one makes it the list's query.

use super::{App, Overlay, Popup};
use crate::library::{Marks, Query, Scope, Search, TextNeedles};
use crate::tui::mode::ViewRow;

impl App {
    /// The same app with saved views: `(name, query)` pairs.
    pub fn with_views(mut self, views: Vec<(String, String)>) -> App {
        self.views = views;
        self
    }

    /// `v`: the views popup, or a message when none is configured.
    pub(super) fn open_views(&mut self) {
        if self.views.is_empty() {
            self.message = Some("no saved views: add them under [views] in the config".into());
            return;
        }
        let items = self
            .views
            .iter()
            .map(|(name, query)| ViewRow {
                name: name.clone(),
                query: query.clone(),
                counts: self.view_counts(query),
            })
            .collect();
        self.open(Overlay::Popup(Popup::Views { items, selected: 0 }));
    }

    /// Unread and all articles a view's query shows; `None` for a query
    /// with a mistake, or words to find while the text is not indexed.
    fn view_counts(&self, text: &str) -> Option<(usize, usize)> {
        let search = Search::parse(text).ok()?;
        let query = Query {
            drafts: self.query.drafts,
            ..Query::default()
        };
        let mut shown = self.library.filter_search(&query, &search);
        let needles = TextNeedles::of(&search);
        if !needles.is_empty() {
            let index = self.library.search_index();
            if !index.has_bodies() {
                return None;
            }
            shown = index.matches_text(&shown, &needles, Scope::Everything, &|| false)?;
        }
        shown.retain(|&i| search.keeps_marked(i, self));
        let unread = shown.iter().filter(|&&i| !Marks::read(self, i)).count();
        Some((unread, shown.len()))
    }

    /// Shows view `k`: its query replaces every filter.
    pub(super) fn apply_view(&mut self, k: usize) {
        let Some((name, text)) = self.views.get(k).cloned() else {
            return;
        };
        self.close_overlay();
        if let Err(e) = Search::parse(&text) {
            self.message = Some(format!("view {name}: {e}"));
            return;
        }
        self.unread_only = false;
        self.starred_only = false;
        self.query = Query {
            drafts: self.query.drafts,
            text,
            ..Query::default()
        };
        self.refresh();
        self.message = Some(format!("view {name}: {}", self.search().describe()));
    }
}
