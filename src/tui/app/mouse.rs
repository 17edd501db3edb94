//! The mouse: a click selects or focuses, the wheel scrolls the pane under it.

use super::{App, Screen};

impl App {
    pub(super) fn click(&mut self, col: u16, row: u16) {
        let panes = self.panes();
        let inside = |r: Option<ratatui::layout::Rect>| {
            r.is_some_and(|r| col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height)
        };
        if inside(panes.list) {
            let position = self.list.offset + usize::from(row - panes.list.map_or(0, |r| r.y));
            if position < self.list.visible.len() {
                if self.side_by_side() {
                    self.leave_side_by_side();
                }
                self.set_screen(Screen::List);
                self.select(position);
            }
        } else if (inside(panes.reader) || inside(panes.separator))
            && self.reading.shown.is_some()
            && !self.mode.reading()
        {
            self.set_screen(Screen::Reading);
        }
    }

    pub(super) fn wheel(&mut self, down: bool, col: u16, row: u16) {
        let panes = self.panes();
        let in_list = panes
            .list
            .is_some_and(|r| col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height);
        if in_list {
            let screen = self.mode.screen;
            self.set_screen(Screen::List);
            self.select(if down {
                self.list.selected + 1
            } else {
                self.list.selected.saturating_sub(1)
            });
            self.set_screen(screen);
        } else if down {
            self.scroll_to(self.reading.scroll + 3);
        } else {
            self.reading.scroll = self.reading.scroll.saturating_sub(3);
        }
    }
}
