//! The orders a list of articles can be put in (the reader's `=` cycles
//! them), and the day an undated article is listed under: its file's
//! modification day.

use std::cmp::Reverse;

use super::Library;
use crate::article::{Article, Date};

/// An order of the article list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortOrder {
    /// Newest first; an undated article by its file's modification day.
    #[default]
    Date,
    /// By title, ignoring case.
    Title,
    /// Unread (and changed) articles first, each part newest first.
    Unread,
    /// Shortest reading time first.
    Length,
    /// By folder (the top folder first), newest first in each.
    Section,
}

impl SortOrder {
    /// Every order, in the order the reader cycles through them.
    pub const ALL: [SortOrder; 5] = [
        SortOrder::Date,
        SortOrder::Title,
        SortOrder::Unread,
        SortOrder::Length,
        SortOrder::Section,
    ];

    /// The order's name, as the status bar and the state file write it.
    pub fn name(self) -> &'static str {
        match self {
            SortOrder::Date => "date",
            SortOrder::Title => "title",
            SortOrder::Unread => "unread",
            SortOrder::Length => "length",
            SortOrder::Section => "section",
        }
    }

    /// The order of a name (see [`SortOrder::name`]); `folder` is `section`.
    pub fn parse(name: &str) -> Option<SortOrder> {
        let name = name.trim().to_ascii_lowercase();
        if name == "folder" {
            return Some(SortOrder::Section);
        }
        SortOrder::ALL.into_iter().find(|o| o.name() == name)
    }

    /// The next order of the cycle.
    pub fn next(self) -> SortOrder {
        let at = SortOrder::ALL.iter().position(|&o| o == self).unwrap_or(0);
        SortOrder::ALL[(at + 1) % SortOrder::ALL.len()]
    }
}

/// The day `mtime_ns` (nanoseconds since the epoch) falls on in the local
/// time zone; `None` when unknown (0) or out of range.
pub fn local_day(mtime_ns: i128) -> Option<Date> {
    use chrono::Datelike;
    if mtime_ns == 0 {
        return None;
    }
    let secs = i64::try_from(mtime_ns.div_euclid(1_000_000_000)).ok()?;
    let utc = chrono::DateTime::from_timestamp(secs, 0)?;
    let day = utc.with_timezone(&chrono::Local).date_naive();
    Date::new(
        day.year(),
        u8::try_from(day.month()).ok()?,
        u8::try_from(day.day()).ok()?,
    )
}

impl Article {
    /// The day the list shows: the article's date, else its file's
    /// modification day (`true`: taken from the file). `None` when neither
    /// is known.
    pub fn listed_day(&self) -> Option<(Date, bool)> {
        match self.date {
            Some(d) => Some((d, false)),
            None => local_day(self.stamp.mtime_ns).map(|d| (d, true)),
        }
    }
}

impl Library {
    /// The rank of every article in `order` (`ranks[i]` is article `i`'s
    /// place), or `None` when that is the library's own order (dated
    /// articles only, by date). [`SortOrder::Unread`] ranks as
    /// [`SortOrder::Date`]: which articles are unread is the reader's to say
    /// (see [`Library::arrange`]).
    pub fn sort_ranks(&self, order: SortOrder) -> Option<Vec<u32>> {
        let articles = self.articles();
        let mut positions: Vec<usize> = (0..articles.len()).collect();
        match order {
            SortOrder::Date | SortOrder::Unread => {
                if articles.iter().all(|a| a.date.is_some()) {
                    return None;
                }
                // Stable: the library's order (title, id) within a day.
                let days: Vec<Option<Date>> = articles.iter().map(|a| a.listed_day().map(|d| d.0)).collect();
                positions.sort_by_key(|&i| (days[i].is_none(), Reverse(days[i])));
            }
            SortOrder::Title => {
                let titles: Vec<String> = articles.iter().map(|a| a.title.to_lowercase()).collect();
                positions.sort_by(|&x, &y| titles[x].cmp(&titles[y]));
            }
            SortOrder::Length => {
                positions.sort_by_key(|&i| (articles[i].reading_minutes(), articles[i].words + articles[i].cjk_chars));
            }
            SortOrder::Section => self.order_by_section(&mut positions),
        }
        let mut ranks = vec![0u32; articles.len()];
        for (rank, &i) in positions.iter().enumerate() {
            ranks[i] = rank as u32;
        }
        Some(ranks)
    }

    /// Puts `indices` in `order`, given the ranks [`Library::sort_ranks`]
    /// made for it; for [`SortOrder::Unread`], `unread` says which articles
    /// go first (the rest keep their order after them).
    pub fn arrange(
        &self,
        indices: &mut Vec<usize>,
        order: SortOrder,
        ranks: Option<&[u32]>,
        unread: impl Fn(usize) -> bool,
    ) {
        if let Some(ranks) = ranks {
            indices.sort_unstable_by_key(|&i| ranks.get(i).copied().unwrap_or(u32::MAX));
        }
        if order == SortOrder::Unread {
            let (mut first, rest): (Vec<usize>, Vec<usize>) = indices.iter().partition(|&&i| unread(i));
            first.extend(rest);
            *indices = first;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn library(files: &[(&str, &str, i128)]) -> Library {
        let articles = files
            .iter()
            .map(|(path, text, mtime)| {
                let mut a = crate::load::parse_article(Path::new(path), text.as_bytes()).0.unwrap();
                a.stamp.mtime_ns = *mtime;
                a
            })
            .collect();
        Library::from_articles(Path::new("/nowhere"), articles, Vec::new())
    }

    /// Noon UTC of a day: the same day in every time zone within 11 hours.
    fn noon(y: i32, m: u32, d: u32) -> i128 {
        let t = chrono::NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        i128::from(t.and_utc().timestamp()) * 1_000_000_000
    }

    fn ids(lib: &Library, order: SortOrder, unread: &[&str]) -> Vec<String> {
        let mut all: Vec<usize> = (0..lib.articles().len()).collect();
        let ranks = lib.sort_ranks(order);
        let is_unread = |i: usize| unread.contains(&lib.articles()[i].id.as_str());
        lib.arrange(&mut all, order, ranks.as_deref(), is_unread);
        all.into_iter().map(|i| lib.articles()[i].id.to_string()).collect()
    }

    #[test]
    fn every_order_puts_the_articles_where_it_says() {
        let long = format!("---\ntitle: apple\ndate: 2021-03-01\n---\n{}\n", "word ".repeat(900));
        let lib = library(&[
            (
                "news/b.md",
                "---\ntitle: Banana\ndate: 2021-05-01\n---\nshort\n",
                noon(2024, 1, 1),
            ),
            ("a.md", &long, noon(2024, 1, 1)),
            (
                "news/undated.md",
                "# Cherry\n\nsome more words here\n",
                noon(2021, 4, 1),
            ),
            ("old/never.md", "# date unknown\n\nx\n", 0),
        ]);
        assert_eq!(
            ids(&lib, SortOrder::Date, &[]),
            ["news/b", "news/undated", "a", "old/never"]
        );
        assert_eq!(
            ids(&lib, SortOrder::Title, &[]),
            ["a", "news/b", "news/undated", "old/never"]
        );
        assert_eq!(
            ids(&lib, SortOrder::Unread, &["a", "old/never"]),
            ["a", "old/never", "news/b", "news/undated"]
        );
        assert_eq!(
            ids(&lib, SortOrder::Length, &[]),
            ["news/b", "old/never", "news/undated", "a"]
        );
        assert_eq!(
            ids(&lib, SortOrder::Section, &[]),
            ["a", "news/b", "news/undated", "old/never"]
        );
        let undated = &lib.articles()[lib.index_of(&crate::ArticleId("news/undated".into())).unwrap()];
        assert_eq!(undated.listed_day(), Some((Date::new(2021, 4, 1).unwrap(), true)));
    }

    #[test]
    fn a_library_of_dated_articles_keeps_its_own_order_by_date() {
        let lib = library(&[
            ("x.md", "---\ntitle: X\ndate: 2020-01-01\n---\n", 5),
            ("y.md", "---\ntitle: Y\ndate: 2022-01-01\n---\n", 5),
        ]);
        assert_eq!(lib.sort_ranks(SortOrder::Date), None);
        assert_eq!(ids(&lib, SortOrder::Date, &[]), ["y", "x"]);
    }

    #[test]
    fn names_round_trip_and_the_cycle_visits_every_order() {
        let mut order = SortOrder::default();
        let mut seen = Vec::new();
        for _ in 0..SortOrder::ALL.len() {
            assert_eq!(SortOrder::parse(order.name()), Some(order));
            seen.push(order);
            order = order.next();
        }
        assert_eq!(order, SortOrder::Date);
        assert_eq!(seen, SortOrder::ALL);
        assert_eq!(SortOrder::parse("Folder"), Some(SortOrder::Section));
        assert_eq!(SortOrder::parse("size"), None);
        assert_eq!(local_day(0), None);
    }
}
