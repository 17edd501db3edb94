//! Fuzzy matching for the popups' filters (nucleo's matcher, as in the
//! helix editor): `ocl` finds "Oracle Cloud", accents and case aside
//! (a capital in the pattern asks for one).

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The items that match `pattern`, best first (equals in their order);
/// every item, in order, for an empty pattern. Words of the pattern must
/// all match.
pub fn filter<S: AsRef<str>>(pattern: &str, items: &[S]) -> Vec<usize> {
    if pattern.trim().is_empty() {
        return (0..items.len()).collect();
    }
    let pattern = Pattern::new(pattern, CaseMatching::Smart, Normalization::Smart, AtomKind::Fuzzy);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let score = pattern.score(Utf32Str::new(item.as_ref(), &mut buf), &mut matcher)?;
            Some((score, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_best_first_accents_and_case_aside() {
        let items = ["Überwachung", "Oracle Cloud", "TikTok", "oracle", "Politik"];
        assert_eq!(filter("", &items), [0, 1, 2, 3, 4]);
        assert_eq!(filter("ocl", &items), [1, 3]);
        assert_eq!(filter("uber", &items), [0]);
        // Equal scores keep their order.
        assert_eq!(filter("oracle", &items), [1, 3]);
        assert_eq!(filter("tik", &items), [2, 4]);
        assert_eq!(filter("Tik", &items), [2]);
        assert_eq!(filter("tik pol", &items), [4]);
        assert!(filter("zzz", &items).is_empty());
    }
}
