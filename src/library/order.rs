//! The library's order: newest first, then by title ignoring case, then by
//! id.

use rayon::prelude::*;

use crate::article::{Article, Date};

/// Identifies this code: an order kept in the index cache is used only if
/// this code made it (see [`crate::load_cache::KeptOrder`]).
pub(crate) const CODE: u64 = {
    let h = crate::hash::fnv1a(crate::hash::FNV_OFFSET, env!("CARGO_PKG_VERSION").as_bytes());
    crate::hash::fnv1a(h, include_bytes!("order.rs"))
};

/// The articles in the library's order: a total order, sorted as a
/// permutation of the boxes (pointers move, not 464-byte articles; the
/// library keeps them boxed). Most comparisons end at a prefix of the key
/// packed in a number.
#[allow(clippy::vec_box)]
pub(super) fn sorted(articles: Vec<Box<Article>>, known: Option<Vec<u32>>) -> Vec<Box<Article>> {
    let order: Vec<usize> = match known.filter(|k| is_permutation(k, articles.len())) {
        Some(known) => known.into_iter().map(|i| i as usize).collect(),
        None => display_order(&articles),
    };
    // The boxes move, not the articles.
    let mut slots: Vec<Option<Box<Article>>> = articles.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

/// True when `order` holds each of `0..n` once.
fn is_permutation(order: &[u32], n: usize) -> bool {
    let mut seen = vec![false; n];
    order.len() == n
        && order
            .iter()
            .all(|&i| seen.get_mut(i as usize).is_some_and(|s| !std::mem::replace(s, true)))
}

/// The positions of `articles` in the library's order: newest first, then
/// by title ignoring case, then by id. The index cache keeps it, so that an
/// unchanged folder is not sorted again.
pub(crate) fn display_order<A: std::ops::Deref<Target = Article> + Sync>(articles: &[A]) -> Vec<usize> {
    let mut order: Vec<(u128, usize)> = articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| (sort_prefix(a.date, &a.title), i))
        .collect();
    order.par_sort_unstable();
    // Articles of one day whose titles begin alike: the whole key (the runs
    // on both cores).
    order
        .par_chunk_by_mut(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
        .for_each(|run| {
            let mut keyed: Vec<(String, usize)> = run.iter().map(|&(_, i)| (lowered(&articles[i].title), i)).collect();
            keyed.sort_unstable_by(|(tx, x), (ty, y)| tx.cmp(ty).then_with(|| articles[*x].id.cmp(&articles[*y].id)));
            for (slot, (_, i)) in run.iter_mut().zip(keyed) {
                slot.1 = i;
            }
        });
    order.into_iter().map(|(_, i)| i).collect()
}

/// A title as the order of the library compares it (newest first, then by
/// title ignoring case, then by id): lower-cased.
fn lowered(title: &str) -> String {
    title.to_lowercase()
}

/// The start of the key of the library's order (see [`lowered`]) as a
/// number that orders the same way: the day counted down from the latest
/// possible, then the first twelve bytes of the lower-cased title (titles
/// often begin alike: "The", "Die"). Equal prefixes are told apart by the
/// whole key.
fn sort_prefix(date: Option<Date>, title: &str) -> u128 {
    // Undated articles come last; a later day gives a smaller number.
    let day = date.map_or(u64::from(u32::MAX), |d| {
        let days = (i64::from(d.year) + 1_000_000) * 372 + i64::from(d.month) * 31 + i64::from(d.day);
        u64::from(u32::MAX - 1) - u64::try_from(days).unwrap_or(0).min(u64::from(u32::MAX - 1))
    });
    let mut head = [0u8; 16];
    // An ASCII start is lower-cased in place; only a title with another
    // character among its first twelve bytes is lower-cased whole.
    let ascii = title.bytes().take(12).all(|b| b.is_ascii());
    let whole;
    let lower: &[u8] = if ascii {
        title.as_bytes()
    } else {
        whole = lowered(title);
        whole.as_bytes()
    };
    for (slot, b) in head[4..].iter_mut().zip(lower) {
        *slot = b.to_ascii_lowercase();
    }
    head[..4].copy_from_slice(&u32::try_from(day).unwrap_or(u32::MAX).to_be_bytes());
    u128::from_be_bytes(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> impl proptest::strategy::Strategy<Value = Option<Date>> {
        use proptest::prelude::*;
        proptest::option::of((1990i32..2030, 1u8..13, 1u8..29).prop_map(|(y, m, d)| Date::new(y, m, d).expect("valid")))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Sorting by the packed prefix first never contradicts the order:
        /// a smaller prefix means an earlier place.
        #[test]
        fn the_sort_prefix_agrees_with_the_order(
            a in (date(), "[aAbB ÄäßΣ世😀]{0,16}"),
            b in (date(), "[aAbB ÄäßΣ世😀]{0,16}"),
        ) {
            let key = |(d, t): &(Option<Date>, String)| (std::cmp::Reverse(*d), lowered(t));
            let (pa, pb) = (sort_prefix(a.0, &a.1), sort_prefix(b.0, &b.1));
            if pa != pb {
                proptest::prop_assert_eq!(pa.cmp(&pb), key(&a).cmp(&key(&b)));
            }
        }
    }

    /// Titles of one day that begin alike (the same packed prefix) are put
    /// in order by the whole key: lower-cased title, then id.
    #[test]
    fn runs_of_equal_prefixes_are_ordered_by_the_whole_key() {
        let titles = [
            "The same long start b",
            "The same long start a",
            "THE SAME LONG START C",
            "the same long start a",
            "Äpfel und Birnen x",
            "äpfel und birnen a",
        ];
        let mut articles = Vec::new();
        for (k, title) in titles.iter().enumerate() {
            for day in [1, 2] {
                let text = format!("---\ntitle: \"{title}\"\ndate: 2024-01-0{day}\n---\nbody\n");
                let rel = format!("d{day}/{k}.md");
                let (article, _) = crate::load::parse_article(std::path::Path::new(&rel), text.as_bytes());
                articles.push(Box::new(article.expect("article")));
            }
        }
        let mut keys: Vec<_> = articles
            .iter()
            .map(|a| (std::cmp::Reverse(a.date), lowered(&a.title), a.id.clone()))
            .collect();
        keys.sort();
        let expected: Vec<_> = keys.into_iter().map(|(_, _, id)| id).collect();
        let n = articles.len() as u32;
        let ids =
            |order: Option<Vec<u32>>| -> Vec<_> { sorted(articles.clone(), order).into_iter().map(|a| a.id).collect() };
        assert_eq!(ids(None), expected);
        // A kept order that is not a permutation of the articles is not used.
        for wrong in [vec![0; n as usize], (0..n - 1).collect(), (1..=n).collect()] {
            assert_eq!(ids(Some(wrong)), expected);
        }
        // One that is, is used as it is: no sorting.
        let reversed: Vec<u32> = (0..n).rev().collect();
        let by_position: Vec<_> = articles.iter().rev().map(|a| a.id.clone()).collect();
        assert_eq!(ids(Some(reversed)), by_position);
    }
}
