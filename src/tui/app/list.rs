//! The list pane: what the query selects, which article stays selected and
//! visible, the filter summary, and the language filter's cycle.

use super::{App, Screen};

impl App {
    /// Recomputes the visible articles after a filter change, keeping the
    /// selected article when it is still visible.
    pub fn refresh(&mut self) {
        let keep = self.selected_article();
        self.compute_visible();
        self.apply_state_filters();
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|&i| i == k))
            .unwrap_or(0)
            .min(self.visible.len().saturating_sub(1));
        self.follow_selection();
    }

    /// Shows the selected article (when the list has the keyboard).
    pub(super) fn follow_selection(&mut self) {
        let next = self.selected_article();
        if !self.mode.reading() || self.shown.is_none() {
            if next != self.shown {
                self.scroll = 0;
            }
            self.shown = next;
        }
        if self.shown.is_none() {
            self.set_screen(Screen::List);
        }
        self.keep_selection_visible();
    }

    pub(super) fn keep_selection_visible(&mut self) {
        let rows = self.list_height();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        self.list_offset = self.list_offset.min(self.visible.len().saturating_sub(rows));
    }

    pub(super) fn select(&mut self, position: usize) {
        self.selected = position.min(self.visible.len().saturating_sub(1));
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
        if !self.query.text.is_empty() {
            parts.push(format!("search \"{}\"", self.query.text));
        }
        if self.unread_only {
            parts.push("unread only".to_string());
        }
        if self.starred_only {
            parts.push("starred only".to_string());
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
            Some(p) => format!("language: {} ({} articles)", langs[p].0, langs[p].1),
            None => "language: all".to_string(),
        });
    }
}
