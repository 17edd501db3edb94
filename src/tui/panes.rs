//! Where each pane goes at a terminal size; used by both `update` and `view`.

use ratatui::layout::Rect;

/// Below this many columns, one pane is shown at a time.
pub const NARROW: u16 = 90;
/// The reading column's default measure: never wider than this (long
/// lines are hard to read).
pub const MAX_TEXT_WIDTH: u16 = 100;
/// The list is never narrower than this beside the article.
const MIN_LIST: u16 = 30;

/// How the screen is shared: the configured split and measure, and whether
/// the focused pane is zoomed to the whole screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Geometry {
    /// The list's share of the width in per cent, beside the article.
    pub split: u16,
    /// The longest line of text; a wider pane centres it.
    pub measure: u16,
    /// Only the focused pane is shown, over the whole width.
    pub zoom: bool,
}

impl Default for Geometry {
    fn default() -> Geometry {
        Geometry {
            split: 40,
            measure: MAX_TEXT_WIDTH,
            zoom: false,
        }
    }
}

/// The rectangles of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panes {
    /// The article list, if shown.
    pub list: Option<Rect>,
    /// The reading pane's text area, if shown.
    pub reader: Option<Rect>,
    /// The reading pane's separator column (wide layout only).
    pub separator: Option<Rect>,
    /// The status bar, if there is room.
    pub status: Option<Rect>,
}

impl Panes {
    /// Computes the panes for a terminal of `width` x `height`; in a narrow
    /// terminal only the focused pane is shown.
    pub fn new(width: u16, height: u16, reader_focused: bool, has_article: bool) -> Panes {
        Panes::arranged(width, height, reader_focused, has_article, Geometry::default())
    }

    /// Computes the panes as [`Panes::new`] does, with a split, a measure
    /// and a zoom: the list takes its share of the width, and more when the
    /// reading pane would be wider than its text; a zoomed or narrow screen
    /// shows the focused pane alone, its text centred.
    pub fn arranged(width: u16, height: u16, reader_focused: bool, has_article: bool, geometry: Geometry) -> Panes {
        let status = (height >= 2).then(|| Rect::new(0, height - 1, width, 1));
        let body_h = if status.is_some() { height - 1 } else { height };
        let body = Rect::new(0, 0, width, body_h);
        let measure = geometry.measure.max(1);
        if width < NARROW || !has_article || geometry.zoom {
            let show_reader = reader_focused && has_article;
            return Panes {
                list: (!show_reader).then_some(body),
                reader: show_reader.then(|| text_area(body, measure)),
                separator: None,
                status,
            };
        }
        // The reading pane needs its text, a column of padding on the left
        // and a gap and the scroll bar on the right; the list the rest.
        let share = (u32::from(width) * u32::from(geometry.split.clamp(1, 99)) / 100) as u16;
        let wanted = share.max(width.saturating_sub(measure.saturating_add(4)));
        let list_w = wanted.clamp(MIN_LIST, width - MIN_LIST);
        let list = Rect::new(0, 0, list_w, body_h);
        let separator = Rect::new(list_w, 0, 1, body_h);
        let rest = Rect::new(list_w + 1, 0, width - list_w - 1, body_h);
        Panes {
            list: Some(list),
            reader: Some(text_area(rest, measure)),
            separator: Some(separator),
            status,
        }
    }
}

/// The reading pane's text: a column of padding on the left, a gap and the
/// scroll bar on the right, at most `measure` wide and centred in the room.
fn text_area(area: Rect, measure: u16) -> Rect {
    let (left, right) = if area.width >= 20 { (1, 2) } else { (0, 0) };
    let room = area.width.saturating_sub(left + right);
    let width = room.clamp(1.min(area.width), measure);
    let centre = (room - width.min(room)) / 2;
    Rect::new(area.x + left + centre, area.y, width, area.height)
}

impl Panes {
    /// The column of the reading pane's scroll bar, if there is room for one.
    pub fn scrollbar(&self, screen_width: u16) -> Option<Rect> {
        let reader = self.reader?;
        let x = if self.separator.is_some() || reader.x > 0 {
            screen_width.checked_sub(1)?
        } else {
            return None;
        };
        (x >= reader.x + reader.width).then(|| Rect::new(x, reader.y, 1, reader.height))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_shows_both_narrow_one() {
        let p = Panes::new(120, 35, false, true);
        assert!(p.list.is_some() && p.reader.is_some());
        assert_eq!(p.list.unwrap().width, 48);
        assert_eq!(p.reader.unwrap().width, 120 - 48 - 1 - 3);
        let p = Panes::new(60, 20, false, true);
        assert!(p.list.is_some() && p.reader.is_none());
        let p = Panes::new(60, 20, true, true);
        assert!(p.list.is_none() && p.reader.is_some());
    }

    #[test]
    fn tiny_sizes_do_not_underflow() {
        for w in 0..4 {
            for h in 0..4 {
                let _ = Panes::new(w, h, true, true);
                let _ = Panes::new(w, h, false, false);
            }
        }
    }
}
