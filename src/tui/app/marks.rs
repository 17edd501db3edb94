//! Read marks and stars: marking, the unread and starred filters, and an
//! article becoming read after a few seconds in the reading pane.

use super::{App, READ_AFTER_MS};
use crate::state::{ReadState, State};
use crate::tui::action::Effect;

impl App {
    /// `m`: the article (shown, or selected in the list) read or unread again.
    pub(super) fn toggle_read(&mut self, reader: bool) -> Option<Effect> {
        let i = if reader {
            self.reading.shown
        } else {
            self.selected_article()
        }?;
        let read = self.read_state(i) != ReadState::Read;
        let (a, hash) = (&self.library.articles()[i], self.library.content_hash(i));
        self.state.set_read(a.id.as_str(), hash, read);
        self.reading.marked = Some(i);
        self.message = Some(if read { "marked read" } else { "marked unread" }.into());
        Some(Effect::SaveState)
    }

    /// `s`: star or unstar the article (shown, or selected in the list).
    pub(super) fn toggle_star(&mut self, reader: bool) -> Option<Effect> {
        let i = if reader {
            self.reading.shown
        } else {
            self.selected_article()
        }?;
        let star = !self.starred(i);
        self.state.set_starred(self.library.articles()[i].id.as_str(), star);
        self.message = Some(if star { "starred" } else { "unstarred" }.into());
        Some(Effect::SaveState)
    }

    /// The same app with a reading state (read marks and stars).
    pub fn with_state(mut self, state: State) -> App {
        self.state = state;
        self.remembered_sort();
        self.refresh();
        self.arrive();
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

    pub(super) fn apply_state_filters(&mut self) {
        // The query's `is:` terms too.
        let marked = self.parsed.search.asks_marks();
        if self.unread_only || self.starred_only || marked {
            let (unread, starred) = (self.unread_only, self.starred_only);
            let keep: Vec<usize> = self
                .list
                .visible
                .iter()
                .copied()
                .filter(|&i| (!unread || self.read_state(i) != ReadState::Read) && (!starred || self.starred(i)))
                .filter(|&i| !marked || self.parsed.search.keeps_marked(i, self))
                .collect();
            self.list.visible = keep;
        }
    }

    /// When (on the tick clock, ms) the app next needs a tick: the moment the
    /// article being read becomes read. `None`: no timer is pending.
    pub fn next_deadline(&self) -> Option<u64> {
        let (i, since) = self.reading.since?;
        (self.read_state(i) != ReadState::Read).then_some(since + READ_AFTER_MS)
    }

    /// An article in the reading pane (with the keyboard) for a few seconds
    /// becomes read.
    pub(super) fn tick(&mut self, now: u64) -> Option<Effect> {
        let reading = (self.mode.reading() && self.mode.overlay.is_none())
            .then_some(self.reading.shown)
            .flatten()
            .filter(|&i| self.reading.marked != Some(i));
        let Some(i) = reading else {
            self.reading.since = None;
            return None;
        };
        match self.reading.since {
            Some((j, since)) if j == i => {
                if now.saturating_sub(since) >= READ_AFTER_MS && self.read_state(i) != ReadState::Read {
                    let (a, hash) = (&self.library.articles()[i], self.library.content_hash(i));
                    self.state.set_read(a.id.as_str(), hash, true);
                    return Some(Effect::SaveState);
                }
            }
            _ => self.reading.since = Some((i, now)),
        }
        None
    }
}
