//! Reading aids: contents, translations, side by side, the sources view.

use std::rc::Rc;

use super::{check_url, App, Overlay, PairView, Popup, Screen, SIDE_BY_SIDE_MIN};
use crate::tui::action::{Action, Effect};
use crate::tui::sources_view::{Outcome, SourcesView};

impl App {
    /// `c`: the contents popup, on the current section.
    pub(super) fn open_contents(&mut self) {
        match self.layout() {
            Some(layout) if !layout.headings.is_empty() => {
                let current = layout.section_at(self.scroll).map(|h| h.line);
                let selected = layout
                    .headings
                    .iter()
                    .position(|h| Some(h.line) == current)
                    .unwrap_or(0);
                self.open(Overlay::Popup(Popup::Contents { selected }));
            }
            Some(_) => self.message = Some("this article has no headings".into()),
            None => {}
        }
    }

    /// `O`: the sources of the visible articles.
    pub(super) fn open_sources(&mut self) {
        let view = SourcesView::new(&self.library, &self.visible);
        if view.domains.is_empty() {
            self.message = Some("the articles shown cite no links".into());
        } else {
            self.open(Overlay::Sources(view));
        }
    }

    /// `B`: both languages side by side, or back to one column.
    pub(super) fn toggle_side_by_side(&mut self) {
        if self.side_by_side() {
            self.leave_side_by_side();
        } else if self.shown.and_then(|i| self.translation_of(i)).is_none() {
            self.message = Some("this article has no translation".into());
        } else if self.size.0 < SIDE_BY_SIDE_MIN {
            self.message = Some(format!("side by side needs {SIDE_BY_SIDE_MIN} columns"));
        } else {
            self.enter_side_by_side();
        }
    }

    /// Width of each column side by side.
    pub fn column_width(&self) -> usize {
        (usize::from(self.size.0).saturating_sub(5) / 2).clamp(1, 100)
    }

    /// The shown article's translation, if it has one in the library.
    pub(super) fn translation_of(&self, index: usize) -> Option<usize> {
        self.library
            .translations(index)
            .first()
            .and_then(|id| self.library.index_of(id))
    }

    /// Side by side: both layouts at the column width and their aligned
    /// rows, made now if they are not yet.
    pub fn pair(&mut self) -> Option<PairView> {
        if !self.side_by_side() {
            return None;
        }
        let left = self.shown?;
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
        if Some(left) != self.shown || *width != self.column_width() {
            return None;
        }
        let l = self.layouts.get(&(left, *width))?;
        let r = self.layouts.get(&(right, *width))?;
        Some((Rc::clone(l), Rc::clone(r), Rc::clone(rows)))
    }

    /// Back to one column, at the line of the shown article that was at the
    /// top of the side-by-side view.
    pub(super) fn leave_side_by_side(&mut self) {
        let scroll = self.scroll;
        let line = match self.pair() {
            Some((left, _, rows)) => {
                let row_line = rows[scroll.min(rows.len().saturating_sub(1))..]
                    .iter()
                    .find_map(|r| r.0);
                let anchor = row_line.map(|l| left.anchor(l));
                match (anchor, self.layout()) {
                    (Some(a), Some(single)) => single.line_of(a),
                    _ => 0,
                }
            }
            None => scroll,
        };
        self.set_screen(Screen::Reading);
        self.scroll_to(line);
    }

    pub(super) fn enter_side_by_side(&mut self) {
        let anchor = self.layout().map(|l| l.anchor(self.scroll));
        self.set_screen(Screen::SideBySide);
        if let (Some(anchor), Some((left, _, rows))) = (anchor, self.pair()) {
            let line = left.line_of(anchor);
            let row = rows.iter().position(|r| r.0.is_some_and(|l| l >= line)).unwrap_or(0);
            self.scroll_to(row);
        }
    }

    pub(super) fn sources_update(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::Sources(view)) = &mut self.mode.overlay else {
            return None;
        };
        match view.update(action, &self.library) {
            Outcome::Stay => None,
            Outcome::Close => {
                self.close_overlay();
                None
            }
            Outcome::OpenUrl(url) => match check_url(&url) {
                Ok(()) => {
                    self.message = Some(format!("opening {url}"));
                    Some(Effect::OpenUrl(url))
                }
                Err(e) => {
                    self.message = Some(e.to_string());
                    None
                }
            },
            Outcome::OpenArticle { article, n } => {
                self.close_overlay();
                self.shown = Some(article);
                if let Some(pos) = self.visible.iter().position(|&i| i == article) {
                    self.selected = pos;
                    self.keep_selection_visible();
                }
                self.set_screen(Screen::Reading);
                let line = self
                    .layout()
                    .and_then(|l| l.link_lines.get(n - 1).copied().flatten())
                    .unwrap_or(0);
                // A little context above the citation.
                self.scroll_to(line.saturating_sub(2));
                self.message = Some(format!("citation [{n}]"));
                None
            }
        }
    }

    pub(super) fn switch_translation(&mut self) {
        if self.side_by_side() {
            self.leave_side_by_side();
        }
        let Some(current) = self.shown else { return };
        let Some(target) = self.translation_of(current) else {
            self.message = Some("this article has no translation".into());
            return;
        };
        // Keep the place: the same section, the same share of it.
        let from = self.layout_of(current);
        let to = self.layout_of(target);
        let line = match from
            .section_at(self.scroll)
            .map(|h| from.headings.iter().position(|x| x == h))
        {
            Some(Some(k)) if k < to.headings.len() => {
                let (start, end) = from.section_lines(k).unwrap_or((0, 1));
                let share = (self.scroll - start) as f64 / (end - start) as f64;
                let (t_start, t_end) = to.section_lines(k).unwrap_or((0, 1));
                t_start + ((t_end - t_start) as f64 * share) as usize
            }
            _ => (self.scroll as f64 / from.lines.len().max(1) as f64 * to.lines.len() as f64) as usize,
        };
        self.shown = Some(target);
        if let Some(pos) = self.visible.iter().position(|&i| i == target) {
            self.selected = pos;
            self.keep_selection_visible();
        }
        self.set_screen(Screen::Reading);
        self.scroll_to(line);
        let lang = self.library.articles()[target].lang_code().unwrap_or("?").to_string();
        self.message = Some(format!("translation: {lang}"));
    }
}
