//! The list pane: what the query selects, which article stays selected and
//! visible (also when a reloaded folder replaces the library), the filter
//! summary, and the language filter's cycle.

use super::{arrange, App, Screen};
use crate::library::Library;

impl App {
    /// Recomputes the visible articles after a filter change, keeping the
    /// selected article when it is still visible.
    pub fn refresh(&mut self) {
        let keep = self.selected_article();
        self.compute_visible();
        self.apply_state_filters();
        self.arrange();
        self.keep_selected(keep, 0);
        self.follow_selection();
    }

    /// After the list changed: selects `article` where it now is (else the
    /// row `fallback`) and keeps it on screen.
    pub(super) fn keep_selected(&mut self, article: Option<usize>, fallback: usize) {
        self.list.selected = article
            .and_then(|k| self.list.visible.iter().position(|&i| i == k))
            .unwrap_or(fallback)
            .min(self.list.visible.len().saturating_sub(1));
        self.keep_selection_visible();
    }

    /// Shows the selected article (when the list has the keyboard).
    pub(super) fn follow_selection(&mut self) {
        let next = self.selected_article();
        if (!self.mode.reading() || self.reading.shown.is_none()) && next != self.reading.shown {
            self.reading.shown = next;
            self.arrive();
        }
        if self.reading.shown.is_none() {
            self.set_screen(Screen::List);
        }
        self.keep_selection_visible();
    }

    pub(super) fn keep_selection_visible(&mut self) {
        let rows = self.list_height();
        if self.list.selected < self.list.offset {
            self.list.offset = self.list.selected;
        } else if self.list.selected >= self.list.offset + rows {
            self.list.offset = self.list.selected + 1 - rows;
        }
        self.list.offset = self.list.offset.min(self.list.visible.len().saturating_sub(rows));
    }

    pub(super) fn select(&mut self, position: usize) {
        self.list.selected = position.min(self.list.visible.len().saturating_sub(1));
        self.follow_selection();
    }

    /// A description of the active filters, for the status bar and an empty list.
    pub fn filter_summary(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(lang) = &self.query.lang {
            parts.push(format!("language {lang}"));
        }
        for tag in &self.query.tags {
            parts.push(format!("tag {tag}"));
        }
        if !self.search().is_empty() {
            parts.push(format!("search: {}", self.search().describe()));
        }
        if self.unread_only {
            parts.push("unread only".to_string());
        }
        if self.starred_only {
            parts.push("starred only".to_string());
        }
        if let Some(section) = &self.section {
            parts.push(format!("folder {}", arrange::folder_name(section)));
        }
        parts
    }

    pub(super) fn cycle_language(&mut self) {
        let langs: Vec<(String, usize)> = self.library.languages(self.query.drafts).into_iter().collect();
        if langs.is_empty() {
            self.message = Some("no article has a known language".into());
            return;
        }
        let next = match &self.query.lang {
            None => Some(0),
            Some(cur) => langs
                .iter()
                .position(|(l, _)| l == cur)
                .map(|p| p + 1)
                .filter(|&p| p < langs.len()),
        };
        self.query.lang = next.map(|p| langs[p].0.clone());
        self.refresh();
        self.message = Some(match next {
            Some(p) => format!(
                "language: {} ({})",
                langs[p].0,
                crate::tui::text::count(langs[p].1, "article")
            ),
            None => "language: all".to_string(),
        });
    }

    /// Puts a freshly loaded library in place, keeping the selection, the
    /// filters, the article shown and the reading place.
    pub fn replace_library(&mut self, library: Library) {
        let id_of = |app: &App, i: Option<usize>| i.map(|i| app.library.articles()[i].id.clone());
        let selected = id_of(self, self.selected_article());
        let shown = id_of(self, self.reading.shown);
        // The full load after a preview is no news to the user.
        let completes_preview = self.library.is_preliminary();
        let place = self.place();
        self.library = library;
        self.inside.targets = std::cell::OnceCell::new();
        self.layouts.clear();
        self.aligned = None;
        self.reading.since = None;
        self.reading.shown = shown.as_ref().and_then(|id| self.library.index_of(id));
        self.last_search = None;
        self.forget_arrangement();
        self.compute_visible();
        self.apply_state_filters();
        self.arrange();
        let selected = selected.and_then(|id| self.library.index_of(&id));
        // A selected article that is gone leaves the selection on its row.
        self.keep_selected(selected, self.list.selected);
        if self.reading.shown.is_none() {
            self.set_screen(Screen::List);
            self.reading.scroll = 0;
            self.follow_selection();
        } else {
            self.fit_screen();
            self.go_to(place);
        }
        if let Some(notice) = self.inside.jobs.notice.take() {
            self.message = Some(notice);
        } else if !completes_preview {
            self.message = Some(format!(
                "reloaded: {}",
                crate::tui::text::count(self.library.articles().len(), "article")
            ));
        }
        self.prepare();
    }
}
