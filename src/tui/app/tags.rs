//! The tag picker's counts: how many of the articles the other filters let
//! through carry each tag (with the tags already chosen, how many would be
//! left with this one added).

use std::collections::HashMap;

use super::App;

impl App {
    /// Every tag of the library with its count among the articles shown.
    pub(super) fn tag_items(&self) -> Vec<(String, usize)> {
        let mut shown: HashMap<String, usize> = HashMap::new();
        for &i in &self.list.visible {
            for tag in &self.library.articles()[i].tags {
                *shown.entry(tag.to_lowercase()).or_default() += 1;
            }
        }
        self.library
            .tags(self.query.drafts)
            .into_keys()
            .map(|tag| {
                let n = shown.get(&tag.to_lowercase()).copied().unwrap_or(0);
                (tag, n)
            })
            .collect()
    }
}
