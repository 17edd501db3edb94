//! What a query selects: its facets (tags, language, section, cited
//! domain, dates) from what loading found, its `is:` terms from the reading
//! marks the caller holds, and its words and phrases from the folded texts.

use super::query::{Day, Flag, Kind, Search, Term};
use super::{Library, Query, Scope, TextNeedles};
use crate::article::Article;

/// The reading marks `is:` asks about, as the caller knows them (the
/// library holds no reading state).
pub trait Marks {
    /// Whether article `index` is read (and not changed since).
    fn read(&self, index: usize) -> bool;
    /// Whether article `index` is starred.
    fn starred(&self, index: usize) -> bool;
}

/// No marks at all: every article unread, none starred.
pub struct NoMarks;

impl Marks for NoMarks {
    fn read(&self, _: usize) -> bool {
        false
    }
    fn starred(&self, _: usize) -> bool {
        false
    }
}

impl Search {
    /// True when some term asks about reading marks (`is:`).
    pub fn asks_marks(&self) -> bool {
        self.terms.iter().any(|t| matches!(t.kind, Kind::Is(_)))
    }

    /// Whether article `index` passes the `is:` terms, by `marks`.
    pub fn keeps_marked(&self, index: usize, marks: &dyn Marks) -> bool {
        self.terms.iter().all(|t| match t.kind {
            Kind::Is(flag) => {
                let holds = match flag {
                    Flag::Unread => !marks.read(index),
                    Flag::Read => marks.read(index),
                    Flag::Starred => marks.starred(index),
                };
                holds != t.negated
            }
            _ => true,
        })
    }
}

/// The domain of a URL (`www.` dropped, lower case); a bare domain is its
/// own, so `site:https://www.X.org/a` is `site:x.org`.
///
/// ```
/// use kiosk::library::domain;
/// assert_eq!(domain("https://www.bbc.com/news"), "bbc.com");
/// assert_eq!(domain("mailto:forum@krone.at"), "krone.at");
/// assert_eq!(domain("TheIntercept.com"), "theintercept.com");
/// ```
pub fn domain(url: &str) -> String {
    let rest = match url.split_once("://") {
        Some((_, rest)) => rest,
        None => url.split_once(':').map_or(url, |(_, rest)| rest),
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    host.trim_start_matches("www.").to_ascii_lowercase()
}

impl Library {
    /// The articles `query`'s filters (language, tags, drafts) and the
    /// facets of `search` select, in list order: not its words, phrases or
    /// `is:` terms, which need the texts and the reading marks.
    pub fn filter_search(&self, query: &Query, search: &Search) -> Vec<usize> {
        let base = self.filter(query);
        let facets: Vec<Facet> = search.terms.iter().filter_map(Facet::of).collect();
        if facets.is_empty() {
            return base;
        }
        base.into_iter()
            .filter(|&i| facets.iter().all(|f| f.holds(self, i)))
            .collect()
    }

    /// Everything `query` and `search` select, in list order, with `marks`
    /// for `is:`: what `kiosk list --search` prints. The texts are read and
    /// indexed first when the query has words.
    pub fn select_search(&self, query: &Query, search: &Search, marks: &dyn Marks) -> Vec<usize> {
        let mut selected = self.filter_search(query, search);
        let needles = TextNeedles::of(search);
        if !needles.is_empty() {
            self.index_bodies();
            selected = self
                .search_index()
                .matches_text(&selected, &needles, Scope::Everything, &|| false)
                .unwrap_or_default();
        }
        if search.asks_marks() {
            selected.retain(|&i| search.keeps_marked(i, marks));
        }
        selected
    }
}

/// A term answered from what loading found, ready to test articles.
struct Facet {
    negated: bool,
    test: Test,
}

enum Test {
    Tag(String),
    Lang(Vec<String>),
    Section(String),
    Site(String),
    Before(Day),
    After(Day),
}

impl Facet {
    fn of(term: &Term) -> Option<Facet> {
        let test = match &term.kind {
            Kind::Tag(t) => Test::Tag(t.to_lowercase()),
            Kind::Lang(l) => {
                // As `--lang` takes it (`German`, `de-CH`), or as the folder names it.
                let mut codes = vec![l.to_ascii_lowercase()];
                codes.extend(crate::load::lang::normalise(l));
                Test::Lang(codes)
            }
            Kind::Section(s) => Test::Section(s.clone()),
            Kind::Site(s) => Test::Site(domain(s)),
            Kind::Before(d) => Test::Before(*d),
            Kind::After(d) => Test::After(*d),
            Kind::Word(_) | Kind::Phrase(_) | Kind::Is(_) => return None,
        };
        Some(Facet {
            negated: term.negated,
            test,
        })
    }

    fn holds(&self, library: &Library, i: usize) -> bool {
        let a: &Article = &library.articles()[i];
        let yes = match &self.test {
            Test::Tag(t) => a.tags.iter().any(|x| x.to_lowercase() == *t),
            Test::Lang(codes) => a.lang_code().is_some_and(|c| codes.iter().any(|x| x == c)),
            Test::Section(s) => super::sections::in_section(a, s),
            Test::Site(site) => library.with_link_refs(i, |links| {
                links.iter().any(|l| {
                    let d = domain(l.url);
                    d == *site || d.strip_suffix(site.as_str()).is_some_and(|rest| rest.ends_with('.'))
                })
            }),
            Test::Before(d) => a.date.is_some_and(|x| x < d.date),
            Test::After(d) => a.date.is_some_and(|x| x >= d.date),
        };
        yes != self.negated
    }
}
