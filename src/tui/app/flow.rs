//! The reading flow: from one article to the next without going back to the
//! list (`J`/`K`, `Space` at the end, unread `n`/`N` round the list), and
//! each article reopening where reading of it stopped, across runs.

use super::{App, Screen};
use crate::article::ArticleId;
use crate::state::{Place, ReadState};
use crate::tui::action::Effect;

/// The article in the reading pane before an action, and where reading of
/// it stands (`None`: at the top, or finished).
pub(super) struct Leaving {
    id: ArticleId,
    place: Option<Place>,
}

impl App {
    /// Where reading stands, taken before an action (see [`App::remember`]).
    /// Only the reading pane with the keys counts: an article the list
    /// shows beside it is not being read.
    pub(super) fn leaving(&self) -> Option<Leaving> {
        if self.mode.screen != Screen::Reading {
            return None;
        }
        let i = self.reading.shown?;
        let layout = self.prepared_layout()?;
        let scroll = self.reading.scroll;
        // The last screen seen is the end: a finished article opens at the top.
        let finished = !layout.partial && scroll + self.page_height() >= layout.lines.len();
        let place = (scroll > 0 && !finished).then(|| Place::from_anchor(layout.anchor(scroll)));
        Some(Leaving {
            id: self.library.articles().get(i)?.id.clone(),
            place,
        })
    }

    /// After an action: when it left the article it was reading (for
    /// another, for the list, or quitting), remembers where reading of it
    /// stopped. True when the state changed.
    pub(super) fn remember(&mut self, before: Option<Leaving>, quitting: bool) -> bool {
        let Some(before) = before else { return false };
        let now = self.reading.shown.and_then(|i| self.library.articles().get(i));
        let still = self.mode.screen == Screen::Reading && now.is_some_and(|a| a.id == before.id);
        if still && !quitting {
            return false;
        }
        self.state.set_place(before.id.as_str(), before.place)
    }

    /// An article newly shown: at the first match of a list search, else
    /// where reading of it stopped, else at the top.
    pub(super) fn arrive(&mut self) {
        self.find = None;
        self.reading.scroll = 0;
        let Some(i) = self.reading.shown else { return };
        if self.side_by_side() || self.arrive_from_search() {
            return;
        }
        if let Some(place) = self.state.place(self.library.articles()[i].id.as_str()) {
            let line = self.layout_of(i).line_of(place.anchor());
            self.scroll_to(line);
        }
    }

    /// Shows the article at list position `position` in the reading pane.
    fn open_at(&mut self, position: usize) {
        if self.side_by_side() {
            self.leave_side_by_side();
        }
        self.list.selected = position;
        self.keep_selection_visible();
        let article = self.list.visible.get(position).copied();
        if article.is_some() && self.reading.shown != article {
            self.reading.shown = article;
            self.arrive();
        }
        self.set_screen(Screen::Reading);
    }

    /// `J`/`K`: the next or previous article of the list (in the list, the
    /// selection moves as with `j`/`k`).
    pub(super) fn step_article(&mut self, forward: bool) {
        let len = self.list.visible.len();
        let from = self.list.selected;
        let to = if forward { from + 1 } else { from.wrapping_sub(1) };
        if to >= len {
            self.message = Some(
                if forward {
                    "this is the last article"
                } else {
                    "this is the first article"
                }
                .into(),
            );
        } else if self.mode.reading() {
            self.open_at(to);
        } else {
            self.select(to);
        }
    }

    /// `n` / `N`: the next or previous unread article of the list, going
    /// round its end (with a message saying so).
    pub(super) fn next_unread(&mut self, forward: bool) {
        let len = self.list.visible.len();
        let from = self.list.selected.min(len.saturating_sub(1));
        let found = (1..len)
            .map(|k| {
                if forward {
                    (from + k) % len
                } else {
                    (from + len - k) % len
                }
            })
            .find(|&p| self.read_state(self.list.visible[p]) != ReadState::Read);
        let Some(p) = found else {
            self.message = Some("no other unread article".into());
            return;
        };
        if forward && p < from {
            self.message = Some("no unread article below: on from the top".into());
        } else if !forward && p > from {
            self.message = Some("no unread article above: on from the bottom".into());
        }
        if self.mode.reading() {
            self.open_at(p);
        } else {
            self.select(p);
        }
    }

    /// True when the last line of the article is on screen.
    pub(super) fn at_end(&mut self) -> bool {
        !self.side_by_side() && self.reading.scroll + self.page_height() >= self.scroll_total()
    }

    /// `Space` at the end of an article: it is read, and the next unread
    /// article opens.
    pub(super) fn read_on(&mut self) -> Option<Effect> {
        let effect = self.reading.shown.and_then(|i| {
            let unread = self.read_state(i) != ReadState::Read && self.reading.marked != Some(i);
            unread.then(|| {
                let (a, hash) = (&self.library.articles()[i], self.library.content_hash(i));
                self.state.set_read(a.id.as_str(), hash, true);
                Effect::SaveState
            })
        });
        self.next_unread(true);
        effect
    }
}
