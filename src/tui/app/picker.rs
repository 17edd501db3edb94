//! Popups filter as you type: `/` in a list popup (links, contents, tags,
//! views, sources) starts a filter that narrows the list with each key,
//! best match first; `Enter` keeps it, `Esc` clears it. The highlighted
//! row always names an item, so a popup's own keys act on what is shown.

use super::{App, Overlay, Popup};
use crate::tui::action::{Action, Effect};
use crate::tui::fuzzy;

/// The highlighted item of a list popup (not of the help screen).
fn selected_mut(popup: &mut Popup) -> Option<&mut usize> {
    match popup {
        Popup::Links { selected }
        | Popup::Contents { selected }
        | Popup::Tags { selected, .. }
        | Popup::Views { selected, .. } => Some(selected),
        Popup::Help { .. } | Popup::Folders { .. } | Popup::Translations { .. } | Popup::Output { .. } => None,
    }
}

impl App {
    /// The text of each item of the open popup, as its filter matches it.
    fn popup_texts(&self) -> Vec<String> {
        match self.popup() {
            Some(Popup::Links { .. }) => self.reading.shown.map_or_else(Vec::new, |i| {
                self.library
                    .links(i)
                    .iter()
                    .map(|l| {
                        let title = l.title.as_deref().unwrap_or("");
                        format!("{} {} {title}", l.text, crate::library::domain(&l.url))
                    })
                    .collect()
            }),
            Some(Popup::Contents { .. }) => self
                .prepared_layout()
                .map_or_else(Vec::new, |l| l.headings.iter().map(|h| h.text.clone()).collect()),
            Some(Popup::Tags { items, .. }) => items.iter().map(|(t, _)| t.clone()).collect(),
            Some(Popup::Views { items, .. }) => items.iter().map(|v| format!("{} {}", v.name, v.query)).collect(),
            Some(Popup::Help { .. } | Popup::Folders { .. } | Popup::Translations { .. } | Popup::Output { .. })
            | None => Vec::new(),
        }
    }

    /// The items of the open popup its filter lets through, best match
    /// first (all, in order, without a filter).
    pub fn popup_shown(&self) -> Vec<usize> {
        fuzzy::filter(&self.mode.filter.text, &self.popup_texts())
    }

    /// The open popup's filter text.
    pub fn popup_filter(&self) -> &crate::tui::mode::Filter {
        &self.mode.filter
    }

    /// The filter's part of a key in a popup or the sources view: true
    /// when the filter took it.
    pub(super) fn filter_update(&mut self, action: &Action) -> bool {
        // The short pickers (help, folders, translations) have no filter.
        let filterable = matches!(
            self.popup(),
            Some(Popup::Links { .. } | Popup::Contents { .. } | Popup::Tags { .. } | Popup::Views { .. }) | None
        );
        let filter = &mut self.mode.filter;
        match action {
            Action::Input(c) if filter.typing => filter.text.push(*c),
            Action::Backspace if filter.typing => {
                if filter.text.pop().is_none() {
                    filter.typing = false;
                }
            }
            Action::Confirm if filter.typing => {
                filter.typing = false;
                return true;
            }
            Action::Back if filter.typing || !filter.text.is_empty() => {
                filter.typing = false;
                filter.text.clear();
            }
            Action::Search if filterable => {
                filter.typing = true;
                return true;
            }
            _ => return false,
        }
        self.filter_changed();
        true
    }

    /// After the filter changed: the best match is highlighted.
    fn filter_changed(&mut self) {
        let text = self.mode.filter.text.clone();
        if let Some(Overlay::Sources(view)) = &mut self.mode.overlay {
            view.filter = text;
            view.selected = 0;
            return;
        }
        let best = self.popup_shown().first().copied();
        if let (Some(best), Some(selected)) = (best, self.popup_mut().and_then(selected_mut)) {
            *selected = best;
        }
    }

    /// True when the highlighted item is shown (a filter may hide them all);
    /// else says so in the status bar.
    pub(super) fn picked(&mut self, selected: usize) -> bool {
        let shown = self.popup_shown().contains(&selected);
        if !shown {
            self.message = Some(format!("nothing matches \"{}\"", self.mode.filter.text));
        }
        shown
    }

    /// A digit in the link list: as on the main screen, a number that no
    /// longer one can start opens at once; else it is highlighted for Enter.
    pub(super) fn popup_digit(&mut self, d: u8) -> Option<Effect> {
        let links = self.link_count();
        self.digits.push(char::from(b'0' + d));
        let n: usize = self.digits.parse().unwrap_or(0);
        if n == 0 || n > links {
            self.message = Some(format!("no link {} (this article has {links})", self.digits));
            self.digits.clear();
        } else if n * 10 > links {
            self.digits.clear();
            self.close_overlay();
            return self.open_link(n);
        } else {
            self.mode.filter = Default::default();
            if let Some(Popup::Links { selected }) = self.popup_mut() {
                *selected = n - 1;
            }
            self.message = Some(format!("link {n}… (Enter opens)"));
        }
        None
    }
}
