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
            let mut tags: Vec<String> = self.library.articles()[i]
                .tags
                .iter()
                .map(|t| t.to_lowercase())
                .collect();
            // An article counts once under each tag, however spelt.
            tags.sort_unstable();
            tags.dedup();
            for tag in tags {
                *shown.entry(tag).or_default() += 1;
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
