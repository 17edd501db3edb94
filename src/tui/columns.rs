//! The list's columns: what the library says about them once (how many
//! folders, how wide a language code or a site gets) and the text of each
//! cell. The app keeps the facts; the view lays a row out with them.

use std::collections::BTreeSet;

use crate::article::Article;
use crate::config::Column;
use crate::layout::width;
use crate::library::Library;

/// The widest a folder cell gets.
pub const MAX_FOLDER: usize = 20;
/// The widest a site cell gets.
pub const MAX_SITE: usize = 18;
/// The widest a language cell gets (`zh-hans`).
pub const MAX_LANG: usize = 7;
/// A reading-time cell: `999m`.
pub const TIME: usize = 4;
/// A date cell: `2024-01-31`.
pub const DATE: usize = 10;

/// What the list's columns need to know of the whole library.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListFacts {
    /// The folders articles are in (the top one counts as one).
    pub sections: usize,
    /// The folders every folder shown lies in (`content/`), left out of
    /// the folder cells; empty when there is none.
    pub prefix: String,
    /// The widest folder cell, at most [`MAX_FOLDER`].
    pub folder_width: usize,
    /// The widest language code, 2 to [`MAX_LANG`].
    pub lang_width: usize,
    /// The widest site, at most [`MAX_SITE`]; 0 when no article has one.
    pub site_width: usize,
}

impl ListFacts {
    /// The facts of `library` (drafts counted when `drafts`).
    pub fn of(library: &Library, drafts: bool) -> ListFacts {
        let sections: Vec<String> = library.sections(drafts).into_keys().collect();
        let prefix = common_folder(&sections);
        let folder_width = sections
            .iter()
            .map(|s| width(&folder_label(s, &prefix)))
            .max()
            .unwrap_or(0)
            .min(MAX_FOLDER);
        let mut lang_width = 2;
        let mut site_width = 0;
        let mut sites = BTreeSet::new();
        for a in library.articles().iter().filter(|a| drafts || !a.draft) {
            if let Some(code) = a.lang_code() {
                lang_width = lang_width.max(width(code));
            }
            if let Some(s) = site(a) {
                if sites.len() < 10_000 && sites.insert(s.clone()) {
                    site_width = site_width.max(width(&s));
                }
            }
        }
        ListFacts {
            sections: sections.len(),
            prefix,
            folder_width,
            lang_width: lang_width.min(MAX_LANG),
            site_width: site_width.min(MAX_SITE),
        }
    }

    /// True when the library gives `column` something to show: a folder
    /// column needs two folders, a site column one site.
    pub fn has(&self, column: Column) -> bool {
        match column {
            Column::Folder => self.sections > 1,
            Column::Site => self.site_width > 0,
            _ => true,
        }
    }

    /// The width of a column's cell (tags take what the title leaves: 0).
    pub fn width(&self, column: Column) -> usize {
        match column {
            Column::Date => DATE,
            Column::Lang => self.lang_width,
            Column::Time => TIME,
            Column::Site => self.site_width,
            Column::Folder => self.folder_width,
            Column::Tags => 0,
        }
    }
}

/// The leading folders all of `sections` share, each of them below it
/// (`content/` for `content/en` and `content/de`; nothing when one of them
/// is the top or that folder itself), with a final `/`.
fn common_folder(sections: &[String]) -> String {
    let mut parts: Option<Vec<&str>> = None;
    for s in sections {
        if s.is_empty() {
            return String::new();
        }
        let these: Vec<&str> = s.split('/').collect();
        parts = Some(match parts {
            None => these,
            Some(p) => p
                .iter()
                .zip(&these)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    let mut common = parts.unwrap_or_default();
    // Every folder keeps a name of its own.
    let shortest = sections.iter().map(|s| s.split('/').count()).min().unwrap_or(0);
    common.truncate(shortest.saturating_sub(1));
    common.iter().map(|p| format!("{p}/")).collect()
}

/// A folder as its cell shows it: without the common `prefix`; the top
/// folder is `.`.
pub fn folder_label(section: &str, prefix: &str) -> String {
    if section.is_empty() {
        return ".".to_string();
    }
    section.strip_prefix(prefix).unwrap_or(section).to_string()
}

/// `text` in at most `room` columns keeping its end (`…/en/guides`), cut
/// between folders where it can: the end of a path tells folders apart.
pub fn fit_tail(text: &str, room: usize) -> String {
    if width(text) <= room {
        return text.to_string();
    }
    if room == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    let mut tail: String = kept.into_iter().rev().collect();
    // Cut inside a folder's name: from the next folder on.
    let whole = text.len() > tail.len() && text.as_bytes()[text.len() - tail.len() - 1] == b'/';
    if !whole {
        if let Some(slash) = tail.find('/') {
            tail.drain(..slash);
        }
    }
    format!("…{tail}")
}

/// The site an article was saved from: its `site` field, else the domain
/// of its `source` URL.
pub fn site(article: &Article) -> Option<String> {
    if let Some(site) = article.extra.get("site").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        return Some(site.to_string());
    }
    let source = article.extra.get("source")?;
    let domain = crate::sources::domain(source.trim());
    (!domain.is_empty() && source.contains("://")).then_some(domain)
}

/// The narrowest a folder cell gets before the column gives way.
pub const MIN_FOLDER: usize = 8;

/// The columns a row of `room` columns shows, with their widths: those
/// configured that the library has; while the title has less than
/// [`crate::config::Layout::MIN_TITLE`] columns, the folder narrows (to
/// [`MIN_FOLDER`], before the date gives way) and columns give way in
/// [`Column::DROP_ORDER`].
pub fn fitting(configured: &[Column], facts: &ListFacts, room: usize) -> Vec<(Column, usize)> {
    let mut shown: Vec<(Column, usize)> = Column::ALL
        .into_iter()
        .filter(|c| configured.contains(c) && facts.has(*c))
        .map(|c| (c, facts.width(c)))
        .collect();
    // The marks take three columns; each cell one more for the gap.
    let taken = |shown: &[(Column, usize)]| {
        3 + shown
            .iter()
            .map(|&(c, w)| w + usize::from(c != Column::Tags))
            .sum::<usize>()
    };
    let want = |shown: &[(Column, usize)]| (taken(shown) + crate::config::Layout::MIN_TITLE).saturating_sub(room);
    let full = facts.width(Column::Folder);
    // The folder at its full width, or as narrow as the title needs.
    let settle = |shown: &mut Vec<(Column, usize)>, narrow: bool| {
        if let Some(at) = shown.iter().position(|(c, _)| *c == Column::Folder) {
            shown[at].1 = full;
            if narrow {
                let deficit = want(shown);
                shown[at].1 = full.saturating_sub(deficit).max(MIN_FOLDER.min(full));
            }
        }
    };
    let mut narrow = false;
    for gone in Column::DROP_ORDER {
        settle(&mut shown, narrow);
        if want(&shown) == 0 {
            break;
        }
        // The folder narrows before the date or itself gives way.
        if !narrow && matches!(gone, Column::Date | Column::Folder) {
            narrow = true;
            settle(&mut shown, narrow);
            if want(&shown) == 0 {
                break;
            }
        }
        shown.retain(|&(c, _)| c != gone);
    }
    settle(&mut shown, narrow);
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_folder_leaves_every_folder_a_name() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(common_folder(&s(&["content/en/docs", "content/de/docs"])), "content/");
        assert_eq!(common_folder(&s(&["content/en", "content/en/docs"])), "content/");
        assert_eq!(common_folder(&s(&["a", "b"])), "");
        assert_eq!(common_folder(&s(&["", "b"])), "");
        assert_eq!(common_folder(&s(&["x/y/z"])), "x/y/");
        assert_eq!(folder_label("content/de/docs", "content/"), "de/docs");
        assert_eq!(folder_label("", "content/"), ".");
    }

    #[test]
    fn a_long_folder_keeps_its_end() {
        assert_eq!(fit_tail("docs/guides/install", 12), "…/install");
        assert_eq!(fit_tail("docs/guides/install", 15), "…guides/install");
        assert_eq!(fit_tail("a/verylongname", 6), "…gname");
        assert_eq!(fit_tail("ja/計装", 5), "…計装");
        assert_eq!(fit_tail("short", 12), "short");
        assert_eq!(fit_tail("abc", 0), "");
    }

    #[test]
    fn columns_give_way_in_the_set_order() {
        let facts = ListFacts {
            sections: 3,
            prefix: String::new(),
            folder_width: 12,
            lang_width: 2,
            site_width: 15,
        };
        let all = Column::ALL.to_vec();
        let widths = |gone: &[Column], folder: usize| {
            all.iter()
                .filter(|c| !gone.contains(c))
                .map(|&c| (c, if c == Column::Folder { folder } else { facts.width(c) }))
                .collect::<Vec<_>>()
        };
        // 3 + 11 + 3 + 5 + 16 + 13 = 51, and 24 for the title.
        assert_eq!(fitting(&all, &facts, 75), widths(&[], 12));
        assert_eq!(fitting(&all, &facts, 74), widths(&[Column::Site], 12));
        assert_eq!(fitting(&all, &facts, 54), widths(&[Column::Site, Column::Time], 12));
        // The folder narrows, then the date goes, then the folder.
        assert_eq!(fitting(&all, &facts, 51), widths(&[Column::Site, Column::Time], 9));
        let no_date = [Column::Site, Column::Time, Column::Date];
        assert_eq!(fitting(&all, &facts, 49), widths(&no_date, 12));
        assert_eq!(fitting(&all, &facts, 39), widths(&no_date, 8));
        let lang_only = [Column::Site, Column::Time, Column::Date, Column::Folder];
        assert_eq!(fitting(&all, &facts, 38), widths(&lang_only, 0));
        // Tags only ever take the room the title leaves.
        assert_eq!(fitting(&all, &facts, 20), [(Column::Tags, 0)]);
        let none = ListFacts { sections: 1, ..facts };
        assert_eq!(
            fitting(&[Column::Folder, Column::Date], &none, 200),
            [(Column::Date, 10)]
        );
    }
}
