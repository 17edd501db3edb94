//! Keys in the popups: help, link list, contents, tag picker.

use super::{App, Focus, Popup};
use crate::tui::action::{Action, Effect};

impl App {
    pub(super) fn popup_update(&mut self, action: Action) -> Option<Effect> {
        let popup = self.popup.as_mut()?;
        match (popup, action) {
            (_, Action::Back) => self.popup = None,
            (Popup::Help { .. }, Action::Help | Action::Confirm) => self.popup = None,
            (Popup::Help { scroll }, Action::Down) => *scroll += 1,
            (Popup::Help { scroll }, Action::Up) => *scroll = scroll.saturating_sub(1),
            (Popup::Links { selected }, Action::Down) => *selected += 1,
            (Popup::Links { selected }, Action::Up) => *selected = selected.saturating_sub(1),
            (Popup::Links { selected }, Action::Confirm) => {
                let n = *selected + 1;
                self.popup = None;
                return self.open_link(n);
            }
            (Popup::Links { selected }, Action::Copy) => {
                let n = *selected + 1;
                let url = self
                    .shown
                    .and_then(|i| self.library.links(i).get(n - 1))
                    .map(|l| l.url.clone());
                if let Some(url) = url {
                    self.message = Some(format!("copied [{n}] {url}"));
                    return Some(Effect::Copy(url));
                }
            }
            (Popup::Contents { selected }, Action::Down) => *selected += 1,
            (Popup::Contents { selected }, Action::Up) => *selected = selected.saturating_sub(1),
            (Popup::Contents { selected }, Action::Top) => *selected = 0,
            (Popup::Contents { selected }, Action::Bottom) => *selected = usize::MAX,
            (Popup::Contents { selected }, Action::Confirm) => {
                let k = *selected;
                self.popup = None;
                if let Some(line) = self.layout().and_then(|l| l.headings.get(k).map(|h| h.line)) {
                    self.focus = Focus::Reader;
                    self.scroll_to(line);
                }
            }
            (Popup::Tags { items, selected, .. }, Action::Down) => *selected = (*selected + 1).min(items.len() - 1),
            (Popup::Tags { selected, .. }, Action::Up) => *selected = selected.saturating_sub(1),
            (
                Popup::Tags {
                    items,
                    selected,
                    chosen,
                },
                Action::Toggle,
            ) => {
                let tag = &items[*selected].0;
                if !chosen.remove(tag) {
                    chosen.insert(tag.clone());
                }
            }
            (Popup::Tags { chosen, .. }, Action::Confirm) => {
                self.query.tags = chosen.iter().cloned().collect();
                self.popup = None;
                self.refresh();
            }
            _ => {}
        }
        let last_link = self.link_count().saturating_sub(1);
        let last_heading = self.layout().map_or(0, |l| l.headings.len().saturating_sub(1));
        match &mut self.popup {
            Some(Popup::Links { selected }) => *selected = (*selected).min(last_link),
            Some(Popup::Contents { selected }) => *selected = (*selected).min(last_heading),
            _ => {}
        }
        None
    }
}
