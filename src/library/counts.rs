//! What the folder holds, counted: its languages and its tags, for the
//! pickers.

use std::collections::{BTreeMap, HashMap};

use super::Library;

impl Library {
    /// Languages present (drafts aside unless `drafts`), with article counts.
    pub fn languages(&self, drafts: bool) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for a in self.articles.iter().filter(|a| drafts || !a.draft) {
            if let Some(code) = a.lang_code() {
                *out.entry(code.to_string()).or_insert(0) += 1;
            }
        }
        out
    }

    /// Tags present (drafts aside unless `drafts`), with article counts.
    pub fn tags(&self, drafts: bool) -> BTreeMap<String, usize> {
        // Tags match without regard to case (`Concept` is `concept`), so they
        // are counted so too, under the spelling most articles use (of equal
        // ones, the first in sort order).
        let mut by_folded: HashMap<String, HashMap<&str, usize>> = HashMap::new();
        for a in self.articles.iter().filter(|a| drafts || !a.draft) {
            let mut seen: Vec<String> = Vec::with_capacity(a.tags.len());
            for t in &a.tags {
                let folded = t.to_lowercase();
                // An article is counted once under each tag, however spelt.
                if !seen.contains(&folded) {
                    *by_folded.entry(folded.clone()).or_default().entry(t).or_insert(0) += 1;
                    seen.push(folded);
                }
            }
        }
        by_folded
            .into_values()
            .map(|spellings| {
                let total = spellings.values().sum();
                let shown = spellings
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(s, _)| s.to_string())
                    .unwrap_or_default();
                (shown, total)
            })
            .collect()
    }
}
