//! Finding folded words in text and saying where they are in the original:
//! what the reader's find-in-article and the list's title highlights use.
//! The folding is the list search's own ([`super::fold`]), so a word that
//! selects an article is the word highlighted in it.

use std::ops::Range;

use super::search::fold_char;

/// Text folded as [`super::fold`] folds it, with, for every byte of the
/// folded text, the byte offset in the original of the character it came
/// from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text (equal to `fold(original)`).
    pub text: String,
    /// For each byte of `text`, where its character starts in the original.
    pub origin: Vec<usize>,
}

/// Folds `text` and keeps where each folded byte came from.
///
/// ```
/// let f = kiosk::library::fold_mapped("Straße");
/// assert_eq!(f.text, "strasse");
/// assert_eq!(f.origin, [0, 1, 2, 3, 4, 4, 6]);
/// ```
pub fn fold_mapped(text: &str) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            out.text.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, &mut out.text);
        }
        out.origin.resize(out.text.len(), at);
    }
    out
}

/// Folded needles to look for: each is found on its own, case- and
/// accent-insensitively.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    needles: Vec<String>,
    /// A searcher per needle, made once: a find runs line by line.
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl Matcher {
    /// A matcher for these terms (folded here; empty ones are dropped).
    pub fn new<S: AsRef<str>>(terms: &[S]) -> Matcher {
        let mut needles: Vec<String> = terms
            .iter()
            .map(|t| super::fold(t.as_ref()))
            .filter(|t| !t.trim().is_empty())
            .collect();
        // Longer first: at one place the longer needle wins.
        needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
        needles.dedup();
        let finders = needles
            .iter()
            .map(|n| memchr::memmem::Finder::new(n.as_bytes()).into_owned())
            .collect();
        Matcher { needles, finders }
    }

    /// A matcher for a search text: its words, as the list search takes them.
    pub fn words(text: &str) -> Matcher {
        Matcher::new(&super::search_words(text))
    }

    /// A matcher for a typed phrase: the whole text, spaces included.
    pub fn phrase(text: &str) -> Matcher {
        Matcher::new(&[text])
    }

    /// True when there is nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    /// The folded needles, longest first.
    pub fn needles(&self) -> &[String] {
        &self.needles
    }

    /// Where the needles occur in `text`: byte ranges of the original,
    /// on character boundaries, in order and not overlapping.
    ///
    /// ```
    /// use kiosk::library::Matcher;
    /// let m = Matcher::words("uber STRASSE");
    /// assert_eq!(m.find("Über die Straße"), [0..5, 10..17]);
    /// ```
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        if self.needles.is_empty() || text.is_empty() {
            return Vec::new();
        }
        let folded = fold_mapped(text);
        let mut found: Vec<Range<usize>> = Vec::new();
        for finder in &self.finders {
            let len = finder.needle().len();
            for start in finder.find_iter(folded.text.as_bytes()) {
                found.push(start..start + len);
            }
        }
        found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut out: Vec<Range<usize>> = Vec::with_capacity(found.len());
        for r in found {
            let start = folded.origin[r.start];
            let last = folded.origin[r.end - 1];
            let end = last + text[last..].chars().next().map_or(0, char::len_utf8);
            match out.last() {
                Some(prev) if start < prev.end => {}
                _ => out.push(start..end),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Ranges as pairs (a one-range array reads as a mistake to clippy).
    fn pairs(ranges: Vec<Range<usize>>) -> Vec<(usize, usize)> {
        ranges.into_iter().map(|r| (r.start, r.end)).collect()
    }

    #[test]
    fn case_and_accents_fold_as_the_list_search_does() {
        let m = Matcher::phrase("zugriff auf ALLES");
        let text = "der „Zugriff auf alles“ habe";
        let hits = m.find(text);
        assert_eq!(pairs(hits.clone()), [(7, 24)]);
        assert_eq!(&text[hits[0].clone()], "Zugriff auf alles");
        let m = Matcher::words("oracle tiktok");
        let text = "TikTok and Oracle, tiktok";
        let hits: Vec<&str> = m.find(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(hits, ["TikTok", "Oracle", "tiktok"]);
        assert_eq!(pairs(Matcher::words("uberwachen").find("USA überwachen")), [(4, 15)]);
        assert!(Matcher::words("   ").is_empty());
        assert!(Matcher::words("x").find("").is_empty());
    }

    #[test]
    fn a_needle_inside_an_expanded_character_marks_the_whole_character() {
        // "ß" folds to "ss": one of its "s" still highlights the whole letter.
        let text = "Maß";
        assert_eq!(pairs(Matcher::words("as").find(text)), [(1, 4)]);
        assert_eq!(&text[1..4], "aß");
    }

    #[test]
    fn overlapping_matches_keep_the_first_and_longest() {
        let m = Matcher::new(&["ab", "abc", "bcd"]);
        assert_eq!(m.find("abcd abd"), [0..3, 5..7]);
    }

    proptest! {
        #[test]
        fn folding_with_a_map_folds_as_fold_does(text in "\\PC{0,40}") {
            let f = fold_mapped(&text);
            prop_assert_eq!(&f.text, &super::super::fold(&text));
            prop_assert_eq!(f.origin.len(), f.text.len());
            prop_assert!(f.origin.iter().all(|&o| text.is_char_boundary(o) && o < text.len().max(1)));
            prop_assert!(f.origin.windows(2).all(|w| w[0] <= w[1]));
        }

        #[test]
        fn matches_are_ordered_char_ranges_that_fold_to_a_needle(
            text in "[a-zA-ZäöüÄÖÜßéÉ ]{0,40}",
            word in "[a-zäöüß]{1,3}",
        ) {
            let m = Matcher::words(&word);
            let hits = m.find(&text);
            let mut end = 0;
            for r in &hits {
                prop_assert!(r.start >= end && r.start < r.end);
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                prop_assert!(super::super::fold(&text[r.clone()]).contains(&m.needles()[0]));
                end = r.end;
            }
            if super::super::fold(&text).contains(&m.needles()[0]) {
                prop_assert!(!hits.is_empty());
            }
        }
    }
}
