//! The way you came: every jump (a link to another article or to a heading,
//! a footnote, a section of the contents) leaves the place it started from
//! on a trail, and `Backspace`/`Ctrl-o` walks back along it.

use super::reading::Place;
use super::{App, Screen};
use crate::article::ArticleId;

/// Places kept on the trail; older ones are forgotten.
pub const TRAIL_MAX: usize = 100;

/// Why a jump was made (a footnote jump is undone by the footnote key too).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jump {
    /// A link to another article, a saved page or a heading.
    Link,
    /// From a footnote reference to note `n`.
    Note(usize),
    /// From a note back to its reference `n` (no going back from there).
    Reference(usize),
    /// A section of the contents.
    Section,
}

/// A place left by a jump.
#[derive(Clone, Debug, PartialEq)]
pub struct Stop {
    /// The article (by id: the trail survives a reload).
    pub article: ArticleId,
    /// The reading place at the top of the pane, at any width.
    pub place: Option<Place>,
    /// The scroll position and the width it was at: exact when the width
    /// is the same (the header has no reading place).
    pub scroll: (usize, usize),
    /// What the jump was.
    pub jump: Jump,
    /// The article and scroll position the jump arrived at.
    pub arrived: (usize, usize),
}

/// The places to go back to, newest last.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trail {
    /// The stops.
    pub stops: Vec<Stop>,
    /// The footnote reference last gone back to, and where: the footnote key
    /// goes on to the next reference from there.
    pub(super) last_reference: Option<(usize, usize, usize)>,
}

impl App {
    /// The places a jump can be undone to, newest last.
    pub fn trail(&self) -> &[Stop] {
        &self.inside.trail.stops
    }

    /// Where the reading pane is now, to come back to after a jump.
    pub(super) fn here(&mut self, jump: Jump) -> Option<Stop> {
        let shown = self.reading.shown?;
        let place = self.place();
        Some(Stop {
            article: self.library.articles()[shown].id.clone(),
            place,
            scroll: (self.reading.scroll, self.text_width()),
            jump,
            arrived: (shown, 0),
        })
    }

    /// Records `stop` once the jump has landed (the pane shows where it went).
    pub(super) fn leave(&mut self, stop: Option<Stop>) {
        let (Some(mut stop), Some(shown)) = (stop, self.reading.shown) else {
            return;
        };
        stop.arrived = (shown, self.reading.scroll);
        if self.library.index_of(&stop.article) == Some(shown) && stop.scroll.0 == self.reading.scroll {
            return;
        }
        if self.inside.trail.stops.len() >= TRAIL_MAX {
            self.inside.trail.stops.remove(0);
        }
        self.inside.trail.stops.push(stop);
    }

    /// Shows article `index` in the reading pane (one column), selected in
    /// the list when the list shows it, at the top.
    pub(super) fn show_article(&mut self, index: usize) {
        if self.side_by_side() {
            self.leave_side_by_side();
        }
        if self.reading.shown != Some(index) {
            self.reading.shown = Some(index);
            self.reading.scroll = 0;
        }
        if let Some(pos) = self.list.visible.iter().position(|&i| i == index) {
            self.list.selected = pos;
            self.keep_selection_visible();
        }
        self.set_screen(Screen::Reading);
    }

    /// `Backspace`/`Ctrl-o`: back to the place the last jump left. A stop
    /// whose article is gone (deleted, renamed) is passed over.
    pub(super) fn go_back(&mut self) {
        while let Some(stop) = self.inside.trail.stops.pop() {
            let Some(index) = self.library.index_of(&stop.article) else {
                continue;
            };
            self.show_article(index);
            match stop.place {
                Some(place) if stop.scroll.1 != self.text_width() => self.go_to(Some(place)),
                _ => self.scroll_to(stop.scroll.0),
            }
            if let Jump::Note(n) = stop.jump {
                self.inside.trail.last_reference = Some((index, n, self.reading.scroll));
            }
            let left = self.inside.trail.stops.len();
            self.message = Some(match left {
                0 => "back where you started".to_string(),
                1 => "back (1 more place behind)".to_string(),
                n => format!("back ({n} more places behind)"),
            });
            return;
        }
        self.message = Some("no place to go back to (links, notes and contents leave one)".into());
    }
}
