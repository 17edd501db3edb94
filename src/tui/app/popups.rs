//! Keys in the popups: help, link list, contents, tag picker. Every popup
//! that lists things moves through them the same way ([`list_move`]).

use super::{App, Jump, Popup, Screen};
use crate::tui::action::{Action, Effect};

/// Moves a highlighted row among `len` rows, `page` at a time for the page
/// keys; false when the action is not a move. The row stays in range.
pub(super) fn list_move(selected: &mut usize, len: usize, page: usize, action: &Action) -> bool {
    let last = len.saturating_sub(1);
    let page = page.max(1);
    *selected = match action {
        Action::Down => *selected + 1,
        Action::Up => selected.saturating_sub(1),
        // Space pages down where it has nothing to tick, as in the main list.
        Action::PageDown | Action::Toggle => *selected + page,
        Action::PageUp => selected.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return false,
    }
    .min(last);
    true
}

/// Moves the highlighted item among the items `shown` (in their order):
/// as [`list_move`] does among rows. False when the action is not a move.
pub(super) fn move_among(shown: &[usize], selected: &mut usize, page: usize, action: &Action) -> bool {
    let mut at = shown.iter().position(|&i| i == *selected).unwrap_or(0);
    if !list_move(&mut at, shown.len(), page, action) {
        return false;
    }
    if let Some(&item) = shown.get(at) {
        *selected = item;
    }
    true
}

impl App {
    /// Rows a popup shows at once (its border and the status bar take three).
    pub(super) fn popup_rows(&self) -> usize {
        usize::from(self.size.1).saturating_sub(3).max(1)
    }

    /// How far the help screen scrolls: its lines less the rows it shows.
    fn help_scroll_max(&self) -> usize {
        self.keymap.help_lines().saturating_sub(self.popup_rows())
    }

    pub(super) fn popup_update(&mut self, action: Action) -> Option<Effect> {
        if self.filter_update(&action) {
            return None;
        }
        if let (Some(Popup::Links { .. }), Action::Digit(d)) = (self.popup(), &action) {
            return self.popup_digit(*d);
        }
        let rows = self.popup_rows();
        let help_max = self.help_scroll_max();
        let shown = self.popup_shown();
        let popup = self.popup_mut()?;
        if matches!(popup, Popup::Output { .. }) {
            self.output_update(action);
            return None;
        }
        match (popup, action) {
            (_, Action::Back) => self.close_overlay(),
            (Popup::Help { .. }, Action::Help | Action::Confirm) => self.close_overlay(),
            (Popup::Help { scroll }, action) => {
                list_move(scroll, help_max + 1, rows, &action);
            }
            (Popup::Links { selected }, Action::Confirm) => {
                let n = *selected + 1;
                if self.picked(n - 1) {
                    self.close_overlay();
                    return self.open_link(n);
                }
            }
            (Popup::Links { selected }, Action::SaveLink) => {
                let n = *selected + 1;
                return self.save_link(n);
            }
            (Popup::Links { selected }, Action::OpenInBrowser) => {
                let n = *selected + 1;
                self.close_overlay();
                return self.browse(n);
            }
            (Popup::Links { selected }, Action::Copy) => {
                let n = *selected + 1;
                let url = self
                    .reading
                    .shown
                    .and_then(|i| self.library.links(i).get(n - 1))
                    .map(|l| l.url.clone());
                if let Some(url) = url.filter(|_| self.picked(n - 1)) {
                    self.message = Some(format!("copied [{n}] {url}"));
                    return Some(Effect::Copy(url));
                }
            }
            (Popup::Links { selected }, Action::Pipe) => {
                let k = *selected;
                self.open_pipe(Some(k));
            }
            (Popup::Links { selected }, action) => {
                // Two rows a link.
                move_among(&shown, selected, rows / 2, &action);
            }
            (Popup::Contents { selected }, Action::Confirm) => {
                let k = *selected;
                if !self.picked(k) {
                    return None;
                }
                self.close_overlay();
                if let Some(line) = self.layout().and_then(|l| l.headings.get(k).map(|h| h.line)) {
                    let stop = self.here(Jump::Section);
                    if !self.mode.reading() {
                        self.set_screen(Screen::Reading);
                    }
                    self.scroll_to(line);
                    self.leave(stop);
                }
            }
            (Popup::Contents { selected }, action) => {
                move_among(&shown, selected, rows, &action);
            }
            (
                Popup::Tags {
                    items,
                    selected,
                    chosen,
                },
                Action::Toggle,
            ) => {
                if shown.contains(selected) {
                    let tag = &items[*selected].0;
                    if !chosen.remove(tag) {
                        chosen.insert(tag.clone());
                    }
                }
            }
            (Popup::Tags { chosen, .. }, Action::Confirm) => {
                self.query.tags = chosen.iter().cloned().collect();
                self.close_overlay();
                self.refresh();
            }
            (Popup::Tags { selected, .. }, action) => {
                move_among(&shown, selected, rows, &action);
            }
            (Popup::Views { selected, .. }, Action::Confirm) => {
                let k = *selected;
                if self.picked(k) {
                    self.apply_view(k);
                }
            }
            (Popup::Views { selected, .. }, action) => {
                move_among(&shown, selected, rows, &action);
            }
            (Popup::Folders { items, selected }, Action::Confirm) => {
                let section = items[*selected].0.clone();
                self.close_overlay();
                self.set_section(section);
            }
            (Popup::Folders { items, selected }, action) => {
                list_move(selected, items.len(), rows, &action);
            }
            (Popup::Translations { items, selected }, Action::Confirm) => {
                let target = items[*selected];
                self.close_overlay();
                self.show_chosen_translation(target);
            }
            (Popup::Translations { items, selected }, action) => {
                list_move(selected, items.len(), rows, &action);
            }
            // Handled above.
            (Popup::Output { .. }, _) => {}
        }
        None
    }
}
