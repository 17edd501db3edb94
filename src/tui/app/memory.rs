//! What the reader remembers: read marks, stars, and a reloaded folder.

use super::{App, Screen, READ_AFTER_MS};
use crate::library::Library;
use crate::state::{ReadState, State};
use crate::tui::action::Effect;

impl App {
    /// `m`: the article (shown, or selected in the list) read or unread again.
    pub(super) fn toggle_read(&mut self, reader: bool) -> Option<Effect> {
        let i = if reader { self.shown } else { self.selected_article() }?;
        let read = self.read_state(i) != ReadState::Read;
        let a = &self.library.articles()[i];
        self.state.set_read(a.id.as_str(), a.content_hash(), read);
        self.message = Some(if read { "marked read" } else { "marked unread" }.into());
        Some(Effect::SaveState)
    }

    /// `s`: star or unstar the article (shown, or selected in the list).
    pub(super) fn toggle_star(&mut self, reader: bool) -> Option<Effect> {
        let i = if reader { self.shown } else { self.selected_article() }?;
        let star = !self.starred(i);
        self.state.set_starred(self.library.articles()[i].id.as_str(), star);
        self.message = Some(if star { "starred" } else { "unstarred" }.into());
        Some(Effect::SaveState)
    }

    /// `n` / `N`: the next or previous unread article in the list.
    pub(super) fn next_unread(&mut self, forward: bool) {
        let from = self.selected;
        let unread = |p: &usize| self.read_state(self.visible[*p]) != ReadState::Read;
        let found = if forward {
            (from + 1..self.visible.len()).find(unread)
        } else {
            (0..from).rev().find(unread)
        };
        match found {
            Some(p) => {
                self.selected = p;
                self.keep_selection_visible();
                self.shown = Some(self.visible[p]);
                self.scroll = 0;
            }
            None => self.message = Some("no more unread articles".into()),
        }
    }

    /// The same app with a reading state (read marks and stars).
    pub fn with_state(mut self, state: State) -> App {
        self.state = state;
        self.refresh();
        self.prepare();
        self
    }

    /// Whether an article is read, unread or changed since read.
    pub fn read_state(&self, index: usize) -> ReadState {
        let a = &self.library.articles()[index];
        if a.is_preliminary() {
            // Until the folder is read whole, a read mark counts as read.
            return self.state.read_state_unverified(a.id.as_str());
        }
        self.state.read_state(a.id.as_str(), a.hash)
    }

    /// Whether an article is starred.
    pub fn starred(&self, index: usize) -> bool {
        self.state.starred(self.library.articles()[index].id.as_str())
    }

    /// Puts a freshly loaded library in place, keeping the selection, the
    /// filters, the article shown and the reading place.
    pub fn replace_library(&mut self, library: Library) {
        let id_of = |app: &App, i: Option<usize>| i.map(|i| app.library.articles()[i].id.clone());
        let selected = id_of(self, self.selected_article());
        let shown = id_of(self, self.shown);
        let was_side_by_side = self.side_by_side();
        // The full load after a preview is no news to the user.
        let completes_preview = self.library.is_preliminary();
        if was_side_by_side {
            self.leave_side_by_side();
        }
        let anchor = self.layout().map(|l| l.anchor(self.scroll));
        self.library = library;
        self.layouts.clear();
        self.aligned = None;
        self.reading_since = None;
        self.shown = shown.as_ref().and_then(|id| self.library.index_of(id));
        self.last_search = None;
        self.compute_visible();
        self.apply_state_filters();
        let position = selected
            .and_then(|id| self.library.index_of(&id))
            .and_then(|i| self.visible.iter().position(|&v| v == i));
        self.selected = position
            .unwrap_or(self.selected)
            .min(self.visible.len().saturating_sub(1));
        if self.shown.is_none() {
            self.set_screen(Screen::List);
            self.scroll = 0;
            self.follow_selection();
        } else if let (Some(anchor), Some(layout)) = (anchor, self.layout()) {
            let line = layout.line_of(anchor);
            self.scroll_to(line);
            if was_side_by_side {
                self.enter_side_by_side();
            }
        }
        self.keep_selection_visible();
        if !completes_preview {
            self.message = Some(format!("reloaded: {} articles", self.library.articles().len()));
        }
        self.prepare();
    }

    pub(super) fn apply_state_filters(&mut self) {
        if self.unread_only || self.starred_only {
            let (unread, starred) = (self.unread_only, self.starred_only);
            let keep: Vec<usize> = self
                .visible
                .iter()
                .copied()
                .filter(|&i| (!unread || self.read_state(i) != ReadState::Read) && (!starred || self.starred(i)))
                .collect();
            self.visible = keep;
        }
    }

    /// When (on the tick clock, ms) the app next needs a tick: the moment the
    /// article being read becomes read. `None`: no timer is pending.
    pub fn next_deadline(&self) -> Option<u64> {
        let (i, since) = self.reading_since?;
        (self.read_state(i) != ReadState::Read).then_some(since + READ_AFTER_MS)
    }

    /// An article in the reading pane (with the keyboard) for a few seconds
    /// becomes read.
    pub(super) fn tick(&mut self, now: u64) -> Option<Effect> {
        let reading = (self.mode.reading() && self.mode.overlay.is_none())
            .then_some(self.shown)
            .flatten();
        let Some(i) = reading else {
            self.reading_since = None;
            return None;
        };
        match self.reading_since {
            Some((j, since)) if j == i => {
                if now.saturating_sub(since) >= READ_AFTER_MS && self.read_state(i) != ReadState::Read {
                    let a = &self.library.articles()[i];
                    self.state.set_read(a.id.as_str(), a.content_hash(), true);
                    return Some(Effect::SaveState);
                }
            }
            _ => self.reading_since = Some((i, now)),
        }
        None
    }
}
