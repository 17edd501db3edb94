//! The words and phrases of a query, folded, and finding them in the folded
//! texts of articles (see [`super::SearchIndex`]).

use memchr::memmem::Finder;

use super::query::{Kind, Search};
use crate::library::fold;

/// The text a query looks for: what an article must contain and what it
/// must not, each a folded word or phrase (a phrase as its words).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextNeedles {
    /// Each must be found (in metadata or text).
    pub include: Vec<Vec<String>>,
    /// None may be found.
    pub exclude: Vec<Vec<String>>,
}

impl TextNeedles {
    /// The words and phrases of `search`. A word or phrase that folds to
    /// nothing (only combining marks) asks for nothing.
    pub fn of(search: &Search) -> TextNeedles {
        let mut out = TextNeedles::default();
        for t in &search.terms {
            let (Kind::Word(text) | Kind::Phrase(text)) = &t.kind else {
                continue;
            };
            let words: Vec<String> = fold(text).split_whitespace().map(str::to_string).collect();
            if words.is_empty() {
                continue;
            }
            if t.negated {
                out.exclude.push(words);
            } else {
                out.include.push(words);
            }
        }
        out
    }

    /// Plain words, each to be found (what search took before phrases).
    pub fn words(words: &[String]) -> TextNeedles {
        TextNeedles {
            include: words.iter().map(|w| vec![w.clone()]).collect(),
            exclude: Vec::new(),
        }
    }

    /// True when the query looks for no text.
    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// True when every article that contains `self`'s text also contains
    /// `older`'s: `older`'s wanted words are each inside one of these,
    /// and both leave out the same. A longer word or phrase narrows.
    pub fn narrows(&self, older: &TextNeedles) -> bool {
        self.exclude == older.exclude
            && older.include.iter().all(|o| {
                let o = o.join(" ");
                self.include.iter().any(|n| n.join(" ").contains(&o))
            })
    }
}

/// [`TextNeedles`] ready to search with.
pub(super) struct Compiled<'a> {
    include: Vec<Phrase<'a>>,
    exclude: Vec<Phrase<'a>>,
}

/// A word, or the words of a phrase: the first found by a finder, the rest
/// checked after white space.
struct Phrase<'a> {
    first: Finder<'a>,
    words: &'a [String],
}

impl Phrase<'_> {
    fn in_text(&self, text: &str) -> bool {
        let Some((first, rest)) = self.words.split_first() else {
            return true;
        };
        if rest.is_empty() {
            return self.first.find(text.as_bytes()).is_some();
        }
        self.first.find_iter(text.as_bytes()).any(|at| {
            let mut at = at + first.len();
            rest.iter().all(|w| {
                let gap = text[at..].len() - text[at..].trim_start().len();
                if gap == 0 || !text[at + gap..].starts_with(w.as_str()) {
                    return false;
                }
                at += gap + w.len();
                true
            })
        })
    }
}

impl<'a> Compiled<'a> {
    pub(super) fn new(needles: &'a TextNeedles) -> Compiled<'a> {
        let phrases = |list: &'a [Vec<String>]| {
            list.iter()
                .map(|words| Phrase {
                    first: Finder::new(words.first().map_or("", String::as_str).as_bytes()),
                    words,
                })
                .collect()
        };
        Compiled {
            include: phrases(&needles.include),
            exclude: phrases(&needles.exclude),
        }
    }

    /// Whether an article with these folded texts matches: every wanted
    /// word or phrase in one of them, no excluded one in any.
    pub(super) fn hit(&self, meta: &str, body: Option<&str>) -> bool {
        let found = |p: &Phrase<'_>| p.in_text(meta) || body.is_some_and(|b| p.in_text(b));
        self.include.iter().all(found) && !self.exclude.iter().any(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needles(q: &str) -> TextNeedles {
        TextNeedles::of(&Search::parse(q).unwrap())
    }

    #[test]
    fn phrases_match_across_any_white_space_and_exclusions_exclude() {
        let n = needles("\"Daten  von\" tiktok -oracle");
        let c = Compiled::new(&n);
        assert!(c.hit("usa", Some("die daten\n  von tiktok")));
        assert!(!c.hit("usa", Some("die daten, von tiktok")));
        assert!(!c.hit("daten von tiktok", Some("oracle")));
        assert!(c.hit("daten von tiktok", None));
        assert!(!c.hit("datenvon tiktok", None));
    }

    #[test]
    fn a_longer_text_narrows_and_a_changed_exclusion_does_not() {
        assert!(needles("orac").narrows(&needles("ora")));
        assert!(needles("\"oracle cloud\" x").narrows(&needles("oracle")));
        assert!(!needles("ora").narrows(&needles("orac")));
        assert!(!needles("-orac").narrows(&needles("-ora")));
        assert!(needles("a -b").narrows(&needles("-b")));
    }
}
