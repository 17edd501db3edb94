//! How the list is arranged: its order (`=` cycles it, and it is
//! remembered), the folder filter and its picker (`F`), the zoom (`z`) and
//! the configured split, measure and columns.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::{App, Overlay, Popup};
use crate::config::Layout;
use crate::library::SortOrder;
use crate::state::ReadState;
use crate::tui::action::Effect;
use crate::tui::columns::ListFacts;
use crate::tui::panes::Panes;

/// The ranks of the list's order, kept for the library in place: which
/// order they are of, and the ranks (`None`: the library's own order).
#[derive(Clone, Debug, Default)]
pub(super) struct Ranks(Option<(SortOrder, Option<Rc<[u32]>>)>);

impl App {
    /// Takes the configured split, measure and columns.
    pub fn set_layout(&mut self, layout: &Layout) {
        self.geometry.split = layout.split;
        self.geometry.measure = layout.measure;
        self.columns = layout.columns.clone();
        self.prepare();
    }

    /// The panes at the current size, split, measure and zoom, with the
    /// reading pane focused or not, with an article or not.
    pub(super) fn panes_for(&self, reader_focused: bool, has_article: bool) -> Panes {
        Panes::arranged(self.size.0, self.size.1, reader_focused, has_article, self.geometry)
    }

    /// What the list's columns need to know of the library (made once per
    /// library, when first asked).
    pub fn list_facts(&self) -> &ListFacts {
        self.facts
            .get_or_init(|| ListFacts::of(&self.library, self.query.drafts))
    }

    /// Forgets what was made for the library in place (a new one came).
    pub(super) fn forget_arrangement(&mut self) {
        self.ranks = Ranks::default();
        self.facts = std::cell::OnceCell::new();
        self.partner = None;
    }

    /// Narrows the visible articles to the chosen folder and puts them in
    /// the list's order. Unread first is decided now, not as articles
    /// become read: the list does not move under the reader.
    pub(super) fn arrange(&mut self) {
        if let Some(section) = &self.section {
            self.list.visible = self.library.filter_section(&self.list.visible, section);
        }
        let ranks = self.ranks();
        let mut visible = std::mem::take(&mut self.list.visible);
        let unread = |i: usize| self.read_state(i) != ReadState::Read;
        self.library.arrange(&mut visible, self.sort, ranks.as_deref(), unread);
        self.list.visible = visible;
    }

    /// The ranks of the list's order for the library in place.
    fn ranks(&mut self) -> Option<Rc<[u32]>> {
        // Unread first is the date order, then split.
        let key = match self.sort {
            SortOrder::Unread => SortOrder::Date,
            other => other,
        };
        match &self.ranks.0 {
            Some((order, ranks)) if *order == key => ranks.clone(),
            _ => {
                let ranks: Option<Rc<[u32]>> = self.library.sort_ranks(key).map(Into::into);
                self.ranks = Ranks(Some((key, ranks.clone())));
                ranks
            }
        }
    }

    /// `=`: the next order of the list; remembered with the reading state.
    pub(super) fn cycle_sort(&mut self) -> Option<Effect> {
        self.set_sort(self.sort.next());
        self.message = Some(format!("order: {}", describe(self.sort)));
        self.state.set_sort(self.sort.name());
        Some(Effect::SaveState)
    }

    /// Puts the list in `order`, keeping the selected article.
    pub fn set_sort(&mut self, order: SortOrder) {
        self.sort = order;
        self.refresh();
    }

    /// Takes the order the reading state remembers, if it names one.
    pub(super) fn remembered_sort(&mut self) {
        if let Some(order) = self.state.prefs().sort.as_deref().and_then(SortOrder::parse) {
            self.sort = order;
        }
    }

    /// `z`: the focused pane alone over the whole width, or both again,
    /// keeping the reading place.
    pub(super) fn toggle_zoom(&mut self) {
        let place = self.place();
        self.geometry.zoom = !self.geometry.zoom;
        self.fit_screen();
        self.go_to(place);
        self.keep_selection_visible();
        self.message = Some(
            if self.geometry.zoom {
                "zoomed: z shows both panes"
            } else {
                "both panes"
            }
            .into(),
        );
    }

    /// `F`: the folder picker, on the folder chosen now.
    pub(super) fn open_folders(&mut self) {
        let sections = self.library.sections(self.query.drafts);
        if sections.len() <= 1 {
            self.message = Some("the articles are all in one folder".into());
            return;
        }
        let items = folder_items(&sections);
        let selected = items.iter().position(|(s, _)| *s == self.section).unwrap_or(0);
        self.open(Overlay::Popup(Popup::Folders { items, selected }));
    }

    /// Shows the articles of `section` and the folders below it (`None`:
    /// every folder).
    pub(super) fn set_section(&mut self, section: Option<String>) {
        self.message = Some(match &section {
            Some(s) => format!("folder: {}", folder_name(s)),
            None => "every folder".into(),
        });
        self.section = section;
        self.refresh();
    }
}

/// How the status bar names an order.
pub fn describe(order: SortOrder) -> &'static str {
    match order {
        SortOrder::Date => "newest first",
        SortOrder::Title => "by title",
        SortOrder::Unread => "unread first",
        SortOrder::Length => "shortest first",
        SortOrder::Section => "by folder",
    }
}

/// A folder as the picker and the status bar name it (`/` is the top).
pub fn folder_name(section: &str) -> &str {
    if section == "/" {
        "/ (top)"
    } else {
        section
    }
}

/// The picker's rows: every folder first, then each folder in tree order
/// with the articles in it and below it. The top folder is `/`.
fn folder_items(sections: &BTreeMap<String, usize>) -> Vec<(Option<String>, usize)> {
    let mut counts: BTreeMap<Vec<&str>, usize> = BTreeMap::new();
    for (section, &n) in sections {
        if section.is_empty() {
            *counts.entry(Vec::new()).or_insert(0) += n;
            continue;
        }
        let parts: Vec<&str> = section.split('/').collect();
        for depth in 1..=parts.len() {
            *counts.entry(parts[..depth].to_vec()).or_insert(0) += n;
        }
    }
    let total = sections.values().sum();
    let mut items = vec![(None, total)];
    items.extend(counts.into_iter().map(|(parts, n)| {
        let name = if parts.is_empty() {
            "/".to_string()
        } else {
            parts.join("/")
        };
        (Some(name), n)
    }));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_count_what_is_below_them_in_tree_order() {
        let sections: BTreeMap<String, usize> = [("", 2), ("a", 1), ("a/b", 3), ("a-c", 4), ("z/y", 5)]
            .into_iter()
            .map(|(s, n)| (s.to_string(), n))
            .collect();
        let items = folder_items(&sections);
        let shown: Vec<(Option<&str>, usize)> = items.iter().map(|(s, n)| (s.as_deref(), *n)).collect();
        assert_eq!(
            shown,
            [
                (None, 15),
                (Some("/"), 2),
                (Some("a"), 4),
                (Some("a/b"), 3),
                (Some("a-c"), 4),
                (Some("z"), 5),
                (Some("z/y"), 5)
            ]
        );
    }
}
