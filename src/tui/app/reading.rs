//! The reading pane's layouts (cached per article and width, with a fast
//! first screen for a long article) and how far it scrolls.

use std::rc::Rc;

use super::{App, Popup, Screen};
use crate::layout::{article_layout, first_screen_layout, waiting_layout, Layout};

/// A reading place that survives a new width, a reload, and going between
/// one column and two: the block of the shown article at the top of the
/// pane and how far into it (see [`Layout::anchor`]).
pub type Place = (usize, f64);

impl App {
    /// The reading place at the top of the pane, one column or two.
    pub(super) fn place(&mut self) -> Option<Place> {
        let scroll = self.reading.scroll;
        match self.pair() {
            Some((left, _, rows)) => {
                let line = rows[scroll.min(rows.len().saturating_sub(1))..]
                    .iter()
                    .find_map(|r| r.0)?;
                Some(left.anchor(line))
            }
            None => self.layout().map(|l| l.anchor(scroll)),
        }
    }

    /// Scrolls the shown article, one column or two, to a place (clamped).
    pub(super) fn go_to(&mut self, place: Option<Place>) {
        let Some(place) = place else {
            return self.scroll_to(self.reading.scroll);
        };
        let row = match self.pair() {
            Some((left, _, rows)) => {
                let line = left.line_of(place);
                rows.iter().position(|r| r.0.is_some_and(|l| l >= line)).unwrap_or(0)
            }
            None => match self.layout() {
                Some(layout) => layout.line_of(place),
                None => 0,
            },
        };
        self.scroll_to(row);
    }

    /// Makes every layout the screen needs now, so that drawing only reads:
    /// the shown article (or its first screen), the side-by-side pair and
    /// its aligned rows, the full layout under the contents popup.
    pub fn prepare(&mut self) {
        // Room for what this screen needs without evicting part of it.
        if self.layouts.len() > 12 {
            self.layouts.clear();
        }
        if self.side_by_side() {
            self.pair();
        } else {
            self.view_layout();
        }
        if matches!(self.popup(), Some(Popup::Contents { .. })) {
            self.layout();
        }
        self.sync_find();
        self.count_unread();
        self.want_pictures();
    }

    /// What the reading pane draws, as [`App::prepare`] made it: the full
    /// layout of the shown article, else its first screen.
    pub fn prepared_layout(&self) -> Option<Rc<Layout>> {
        let key = (self.reading.shown?, self.text_width());
        if let Some(layout) = self.layouts.get(&key) {
            return Some(self.prepared_pictured(key, Rc::clone(layout)));
        }
        [&self.first_screen, &self.bodies.waiting]
            .into_iter()
            .flatten()
            .find(|(k, _)| *k == key)
            .map(|(_, layout)| Rc::clone(layout))
    }

    /// Rows the reading pane scrolls over, as prepared: the article's lines,
    /// or the aligned rows side by side.
    pub fn prepared_total(&self) -> usize {
        match self.prepared_pair() {
            Some((_, _, rows)) => rows.len(),
            None => self.prepared_layout().map_or(0, |l| l.lines.len()),
        }
    }

    /// The layout of an article at the current width (cached per width).
    pub fn layout_of(&mut self, index: usize) -> Rc<Layout> {
        let width = self.text_width();
        let plain = self.layout_at(index, width);
        self.pictured(index, width, plain)
    }

    /// The layout of the shown article.
    pub fn layout(&mut self) -> Option<Rc<Layout>> {
        self.reading.shown.map(|i| self.layout_of(i))
    }

    /// What the reading pane draws: the full layout of the shown article
    /// when it is made, else (for a long article just opened) its first
    /// screen, and the full layout becomes due (see [`App::complete_layout`]).
    pub fn view_layout(&mut self) -> Option<Rc<Layout>> {
        let index = self.reading.shown?;
        let key = (index, self.text_width());
        if self.layouts.contains_key(&key) {
            return Some(self.layout_of(index));
        }
        if let Some((k, layout)) = &self.first_screen {
            if *k == key {
                return Some(Rc::clone(layout));
            }
        }
        if !self.body_ready(index) {
            return Some(self.layout_at(index, key.1));
        }
        let (lib, names) = (&self.library, self.library.translation_names(index));
        match first_screen_layout(
            &lib.articles()[index],
            lib.body(index),
            lib.links(index).len(),
            &names,
            key.1,
        ) {
            Some(layout) => {
                let layout = Rc::new(layout);
                self.first_screen = Some((key, Rc::clone(&layout)));
                Some(layout)
            }
            None => self.layout(),
        }
    }

    /// Makes the full layout a first screen stands for; true when there was
    /// one to make (the run loop then draws again).
    pub fn complete_layout(&mut self) -> bool {
        // The list's selection only glances at an article: a long one is
        // laid out whole when it is opened, so moving through the list never
        // waits for one (the body is bounded by the loader's cap).
        if self.bodies.background && !self.mode.reading() {
            return false;
        }
        match self.first_screen.take() {
            Some(((index, width), _)) => {
                self.layout_at(index, width);
                true
            }
            None => false,
        }
    }

    /// The highest scroll position of the shown article (or aligned pair).
    fn max_scroll(&mut self) -> usize {
        let height = self.page_height();
        let end = self.scroll_total().saturating_sub(height);
        // A heading near the end can still be brought to the top (contents).
        let last_heading = if self.side_by_side() {
            0
        } else {
            self.layout()
                .and_then(|l| l.headings.last().map(|h| h.line))
                .unwrap_or(0)
        };
        end.max(last_heading)
    }

    /// Rows the reading pane scrolls over: the article's lines, or the
    /// aligned rows side by side.
    pub fn scroll_total(&mut self) -> usize {
        match self.pair() {
            Some((_, _, rows)) => rows.len(),
            None => self.layout().map_or(0, |l| l.lines.len()),
        }
    }

    pub(super) fn layout_at(&mut self, index: usize, width: usize) -> Rc<Layout> {
        if !self.body_ready(index) {
            self.want_body(index);
            if let Some((key, layout)) = &self.bodies.waiting {
                if *key == (index, width) {
                    return Rc::clone(layout);
                }
            }
            let (lib, names) = (&self.library, self.library.translation_names(index));
            let layout = Rc::new(waiting_layout(&lib.articles()[index], &names, width));
            self.bodies.waiting = Some(((index, width), Rc::clone(&layout)));
            return layout;
        }
        if self.layouts.len() > 16 {
            self.layouts.clear();
        }
        self.layouts
            .entry((index, width))
            .or_insert_with(|| {
                let (lib, names) = (&self.library, self.library.translation_names(index));
                Rc::new(article_layout(
                    &lib.articles()[index],
                    &lib.document(index),
                    &names,
                    width,
                ))
            })
            .clone()
    }

    /// Forgets the layouts made of article `index` (its body came in).
    pub(super) fn drop_layouts_of(&mut self, index: usize) {
        self.layouts.retain(|key, _| key.0 != index);
        if self.bodies.waiting.as_ref().is_some_and(|(key, _)| key.0 == index) {
            self.bodies.waiting = None;
        }
        self.aligned = None;
    }

    /// Side by side needs a translation and the room for it; without either
    /// it falls back to one column.
    pub(super) fn fit_screen(&mut self) {
        if self.side_by_side() && (self.size.0 < super::SIDE_BY_SIDE_MIN || self.pair().is_none()) {
            self.set_screen(Screen::Reading);
        }
    }

    pub(super) fn scroll_to(&mut self, line: usize) {
        self.reading.scroll = line.min(self.max_scroll());
    }
}
