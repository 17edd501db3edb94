//! Translations: switching to one at the same section, and both languages
//! side by side, aligned at headings.

use std::rc::Rc;

use super::{App, PairView, Screen, SIDE_BY_SIDE_MIN};

impl App {
    /// `T` goes round the article and all its translations in the order of
    /// their ids: the next one after `index`.
    fn next_translation(&self, index: usize) -> Option<usize> {
        let mut group: Vec<usize> = self
            .library
            .translations(index)
            .iter()
            .filter_map(|id| self.library.index_of(id))
            .collect();
        if group.is_empty() {
            return None;
        }
        group.push(index);
        let articles = self.library.articles();
        group.sort_by(|&a, &b| articles[a].id.cmp(&articles[b].id));
        group.dedup();
        let at = group.iter().position(|&i| i == index)?;
        Some(group[(at + 1) % group.len()])
    }

    pub(super) fn switch_translation(&mut self) {
        if self.side_by_side() {
            self.leave_side_by_side();
        }
        let Some(current) = self.reading.shown else { return };
        let Some(target) = self.next_translation(current) else {
            self.message = Some("this article has no translation".into());
            return;
        };
        self.show_translation(target);
    }

    /// Shows `target`, a translation of the shown article, in one column at
    /// the same section.
    pub(super) fn show_translation(&mut self, target: usize) {
        let Some(current) = self.reading.shown else { return };
        // Keep the place: the same section, the same share of it.
        let from = self.layout_of(current);
        let to = self.layout_of(target);
        let line = match from
            .section_at(self.reading.scroll)
            .map(|h| from.headings.iter().position(|x| x == h))
        {
            Some(Some(k)) if k < to.headings.len() => {
                let (start, end) = from.section_lines(k).unwrap_or((0, 1));
                let share = (self.reading.scroll - start) as f64 / (end - start) as f64;
                let (t_start, t_end) = to.section_lines(k).unwrap_or((0, 1));
                t_start + ((t_end - t_start) as f64 * share) as usize
            }
            _ => (self.reading.scroll as f64 / from.lines.len().max(1) as f64 * to.lines.len() as f64) as usize,
        };
        self.reading.shown = Some(target);
        if let Some(pos) = self.list.visible.iter().position(|&i| i == target) {
            self.list.selected = pos;
            self.keep_selection_visible();
        }
        self.set_screen(Screen::Reading);
        self.scroll_to(line);
        let lang = self.library.articles()[target].lang_code().unwrap_or("?").to_string();
        self.message = Some(format!("translation: {lang}"));
    }

    /// The shown article's translation, if it has one in the library.
    pub(super) fn translation_of(&self, index: usize) -> Option<usize> {
        // The one `B` chose, while it is one.
        if let Some((_, chosen)) = self.partner.filter(|&(article, _)| article == index) {
            let id = &self.library.articles()[chosen].id;
            if self.library.translations(index).contains(id) {
                return Some(chosen);
            }
        }
        self.library
            .translations(index)
            .first()
            .and_then(|id| self.library.index_of(id))
    }

    /// `B`: both languages side by side, or back to one column.
    pub(super) fn toggle_side_by_side(&mut self) {
        if self.side_by_side() {
            self.leave_side_by_side();
        } else if self.reading.shown.and_then(|i| self.translation_of(i)).is_none() {
            self.message = Some("this article has no translation".into());
        } else if self.size.0 < SIDE_BY_SIDE_MIN {
            self.message = Some(format!("side by side needs {SIDE_BY_SIDE_MIN} columns"));
        } else {
            self.enter_side_by_side();
        }
    }

    /// Width of each column side by side.
    pub fn column_width(&self) -> usize {
        (usize::from(self.size.0).saturating_sub(5) / 2).clamp(1, usize::from(self.geometry.measure.max(1)))
    }

    /// Side by side: both layouts at the column width and their aligned
    /// rows, made now if they are not yet.
    pub fn pair(&mut self) -> Option<PairView> {
        if !self.side_by_side() {
            return None;
        }
        let left = self.reading.shown?;
        let right = self.translation_of(left)?;
        let width = self.column_width();
        let l = self.layout_at(left, width);
        let r = self.layout_at(right, width);
        let key = (left, right, width);
        let rows = match &self.aligned {
            Some((k, rows)) if *k == key => Rc::clone(rows),
            _ => {
                let rows = Rc::new(crate::layout::align(&l, &r));
                self.aligned = Some((key, Rc::clone(&rows)));
                rows
            }
        };
        Some((l, r, rows))
    }

    /// What the side-by-side view draws, as [`App::prepare`] made it.
    pub fn prepared_pair(&self) -> Option<PairView> {
        if !self.side_by_side() {
            return None;
        }
        let ((left, right, width), rows) = self.aligned.as_ref()?;
        let (left, right) = (*left, *right);
        if Some(left) != self.reading.shown || *width != self.column_width() {
            return None;
        }
        let l = self.layouts.get(&(left, *width))?;
        let r = self.layouts.get(&(right, *width))?;
        Some((Rc::clone(l), Rc::clone(r), Rc::clone(rows)))
    }

    /// Back to one column, at the place that was at the top of the two.
    pub(super) fn leave_side_by_side(&mut self) {
        let place = self.place();
        self.set_screen(Screen::Reading);
        self.go_to(place);
    }

    pub(super) fn enter_side_by_side(&mut self) {
        let place = self.place();
        self.set_screen(Screen::SideBySide);
        self.go_to(place);
    }
}
