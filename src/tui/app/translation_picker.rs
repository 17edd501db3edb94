//! `B` with several translations: a picker of them, and the one chosen
//! shown beside the article (or, without room for two columns, instead of it).

use super::{App, Overlay, Popup, SIDE_BY_SIDE_MIN};

impl App {
    /// The translations of `index` in the library, in the order of their ids.
    pub fn translations_of(&self, index: usize) -> Vec<usize> {
        let mut items: Vec<usize> = self
            .library
            .translations(index)
            .iter()
            .filter_map(|id| self.library.index_of(id))
            .filter(|&i| i != index)
            .collect();
        let articles = self.library.articles();
        items.sort_by(|&a, &b| articles[a].id.cmp(&articles[b].id));
        items.dedup();
        items
    }

    /// `B`: side by side leaves; one translation goes side by side; several
    /// open the picker, on the one chosen last.
    pub(super) fn choose_translation(&mut self) {
        let Some(shown) = self.reading.shown.filter(|_| !self.side_by_side()) else {
            return self.toggle_side_by_side();
        };
        let items = self.translations_of(shown);
        if items.len() < 2 {
            return self.toggle_side_by_side();
        }
        let chosen = self.translation_of(shown);
        let selected = items.iter().position(|&i| Some(i) == chosen).unwrap_or(0);
        self.open(Overlay::Popup(Popup::Translations { items, selected }));
    }

    /// The picker's choice: beside the article when there is room for two
    /// columns, else in its place at the same section.
    pub(super) fn show_chosen_translation(&mut self, target: usize) {
        let Some(shown) = self.reading.shown else { return };
        self.partner = Some((shown, target));
        let lang = self.library.articles()[target].lang_code().unwrap_or("?").to_string();
        if self.size.0 >= SIDE_BY_SIDE_MIN {
            self.enter_side_by_side();
            self.message = Some(format!("side by side with {lang}"));
        } else {
            self.show_translation(target);
            self.message = Some(format!(
                "translation: {lang} (side by side needs {SIDE_BY_SIDE_MIN} columns)"
            ));
        }
    }
}
