//! Sections: the folder of each article below the library folder, to show,
//! count, filter and order by.

use std::collections::BTreeMap;

use super::Library;
use crate::article::Article;

/// Whether `article` is in `section` or a folder below it (`""` or `/` is
/// the top folder alone).
pub(super) fn in_section(article: &Article, section: &str) -> bool {
    let section = section.trim_matches('/');
    match article.section() {
        None => section.is_empty(),
        Some(s) => {
            !section.is_empty()
                && s.strip_prefix(section)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        }
    }
}

impl Library {
    /// The sections present (drafts aside unless `drafts`), with article
    /// counts: each article counts in its own folder (`docs/guides`); the
    /// top folder is `""`.
    pub fn sections(&self, drafts: bool) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for a in self.articles().iter().filter(|a| drafts || !a.draft) {
            *out.entry(a.section().unwrap_or("").to_string()).or_insert(0) += 1;
        }
        out
    }

    /// The articles of `indices` in `section` or a folder below it (`""`
    /// for the top folder alone), in their order: what `kiosk list
    /// --section` shows.
    pub fn filter_section(&self, indices: &[usize], section: &str) -> Vec<usize> {
        indices
            .iter()
            .copied()
            .filter(|&i| self.articles().get(i).is_some_and(|a| in_section(a, section)))
            .collect()
    }

    /// Puts `indices` in order of section (the top folder first, then by
    /// folder name), keeping the library's order within each.
    pub fn order_by_section(&self, indices: &mut [usize]) {
        indices.sort_by(|&x, &y| {
            let (a, b) = (&self.articles()[x], &self.articles()[y]);
            a.section().unwrap_or("").cmp(b.section().unwrap_or(""))
        });
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn library(paths: &[&str]) -> Library {
        let articles = paths
            .iter()
            .map(|p| crate::load::parse_article(Path::new(p), b"# T\n\nText.\n").0.unwrap())
            .collect();
        Library::from_articles(Path::new("/nowhere"), articles, Vec::new())
    }

    #[test]
    fn sections_count_filter_and_order() {
        let lib = library(&["b/x.md", "top.md", "a/deep/y.md", "a/z.md", "ab/w.md"]);
        let counts: Vec<(String, usize)> = lib.sections(false).into_iter().collect();
        assert_eq!(
            counts,
            [
                ("".into(), 1),
                ("a".into(), 1),
                ("a/deep".into(), 1),
                ("ab".into(), 1),
                ("b".into(), 1)
            ]
        );
        let all: Vec<usize> = (0..5).collect();
        let ids = |v: Vec<usize>| -> Vec<String> { v.into_iter().map(|i| lib.articles()[i].id.to_string()).collect() };
        let mut a = ids(lib.filter_section(&all, "a"));
        a.sort();
        assert_eq!(a, ["a/deep/y", "a/z"]);
        assert_eq!(ids(lib.filter_section(&all, "/")), ["top"]);
        assert_eq!(ids(lib.filter_section(&all, "a/deep/")), ["a/deep/y"]);
        let mut ordered = all.clone();
        lib.order_by_section(&mut ordered);
        assert_eq!(ids(ordered), ["top", "a/z", "a/deep/y", "ab/w", "b/x"]);
    }
}
