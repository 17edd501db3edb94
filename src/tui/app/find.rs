//! Find in the article: `/` in the reading pane finds as you type, every
//! match is highlighted, `n`/`N` go from one to the next with the match kept
//! away from the edge of the pane. An article opened from a list search
//! arrives at its first match, with the list's words highlighted.

use std::ops::Range;

use crate::library::Matcher;
use crate::tui::action::Action;

use super::{App, Overlay, Screen};

/// One match: a line of the shown article's layout and the bytes of the
/// line's text (its spans' texts one after the other) that matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The layout line.
    pub line: usize,
    /// The bytes of the line's text.
    pub range: Range<usize>,
}

/// What is being found in the shown article, and where.
#[derive(Clone, Debug, Default)]
pub struct Find {
    /// What was typed after `/`, or the list's search text.
    pub text: String,
    /// True when the words are the list search's.
    pub from_list: bool,
    matcher: Matcher,
    /// The article and width the hits were made for.
    made_for: Option<(usize, usize)>,
    /// Every match, in reading order.
    pub hits: Vec<Hit>,
    /// The current match (index into `hits`).
    pub current: Option<usize>,
    /// Where the pane was when typing began (Esc goes back there).
    origin: usize,
}

impl Find {
    /// The matches on layout line `line`, with whether each is the current one.
    pub fn on_line(&self, line: usize) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
        let first = self.hits.partition_point(|h| h.line < line);
        self.hits[first..]
            .iter()
            .enumerate()
            .take_while(move |(_, h)| h.line == line)
            .map(move |(k, h)| (h.range.clone(), self.current == Some(first + k)))
    }

    /// The status bar's count: `3/17`, or `no match`.
    pub fn status(&self) -> Option<String> {
        if self.matcher.is_empty() || (self.from_list && self.hits.is_empty()) {
            return None;
        }
        Some(match self.current {
            Some(k) => format!("{}/{}", k + 1, self.hits.len()),
            None if self.hits.is_empty() => "no match".to_string(),
            None => format!("{} matches", self.hits.len()),
        })
    }
}

/// The words of a list search that an article opened from it highlights:
/// the query's wanted words and phrases, not its filters (`tag:x`) or
/// excluded words; nothing while the query does not parse.
pub fn list_terms(text: &str) -> Matcher {
    match crate::library::Search::parse(text) {
        Ok(search) => Matcher::words(&search.wanted_text().join(" ")),
        Err(_) => Matcher::words(""),
    }
}

impl App {
    /// The find in the article, if one is active.
    pub fn find(&self) -> Option<&Find> {
        self.find.as_ref()
    }

    /// True while `/` in the reading pane takes typed characters.
    pub fn finding(&self) -> bool {
        self.mode.overlay == Some(Overlay::Find)
    }

    /// True when a find shows (Esc ends it before leaving the article).
    pub(super) fn find_shown(&self) -> bool {
        self.find.as_ref().is_some_and(|f| !(f.from_list && f.hits.is_empty()))
    }

    /// True when `n`/`N` go to matches (else they go to unread articles).
    pub(super) fn find_active(&self) -> bool {
        self.mode.screen == Screen::Reading && self.find.as_ref().is_some_and(|f| !f.hits.is_empty())
    }

    /// `/` in the reading pane: find as you type.
    pub(super) fn start_find(&mut self) {
        self.find = Some(Find {
            origin: self.reading.scroll,
            ..Find::default()
        });
        self.open(Overlay::Find);
    }

    /// Keys while typing what to find.
    pub(super) fn find_update(&mut self, action: Action) {
        let Some(find) = &mut self.find else {
            self.close_overlay();
            return;
        };
        match action {
            Action::Input(c) => find.text.push(c),
            Action::Backspace => {
                find.text.pop();
            }
            Action::Confirm => {
                if find.text.trim().is_empty() {
                    self.find = None;
                }
                self.close_overlay();
                return;
            }
            Action::Back => {
                let origin = find.origin;
                self.close_overlay();
                self.find = None;
                self.scroll_to(origin);
                return;
            }
            _ => return,
        }
        find.matcher = Matcher::phrase(&find.text);
        find.made_for = None;
        let origin = find.origin;
        self.match_find();
        // As you type, the first match from where the find began.
        match self.first_hit_from(origin) {
            Some(k) => self.go_to_hit(k),
            None => self.scroll_to(origin),
        }
    }

    /// `n`/`N` with a find active: the next or previous match, round the
    /// article's end.
    pub(super) fn find_step(&mut self, forward: bool) {
        self.match_find();
        let Some((current, count)) = self.find.as_ref().map(|f| (f.current, f.hits.len())) else {
            return;
        };
        if count == 0 {
            return;
        }
        let next = match (current, forward) {
            (Some(k), true) if k + 1 < count => k + 1,
            (Some(_), true) => {
                self.message = Some("find: back at the first match".into());
                0
            }
            (Some(0), false) => {
                self.message = Some("find: on from the last match".into());
                count - 1
            }
            (Some(k), false) => k - 1,
            (None, _) => self.first_hit_from(self.reading.scroll).unwrap_or(0),
        };
        self.go_to_hit(next);
    }

    /// Ends the find (Esc in the reading pane while one is active).
    pub(super) fn clear_find(&mut self) {
        self.find = None;
    }

    /// An article was opened from a list search: find its words in it and
    /// go to the first. False when the list has no search or the article
    /// does not show its words (then it opens as it would otherwise; the
    /// find is kept, empty, so that it follows the list's search).
    pub(super) fn arrive_from_search(&mut self) -> bool {
        let matcher = list_terms(&self.query.text);
        if matcher.is_empty() || self.reading.shown.is_none() {
            if self.find.as_ref().is_some_and(|f| f.from_list) {
                self.find = None;
            }
            return false;
        }
        self.find = Some(Find {
            text: self.query.text.clone(),
            from_list: true,
            matcher,
            ..Find::default()
        });
        self.match_find();
        let found = self.find.as_ref().is_some_and(|f| !f.hits.is_empty());
        if found {
            self.go_to_hit(0);
        }
        found
    }

    /// Before drawing: the hits follow the article and the width, and a
    /// find from the list follows the list's search while it is typed.
    pub(super) fn sync_find(&mut self) {
        let stale = match &self.find {
            Some(f) => f.from_list && f.text != self.query.text,
            None => !self.query.text.trim().is_empty(),
        };
        if stale && self.mode.screen == Screen::List && self.reading.shown.is_some() {
            self.reading.scroll = 0;
            self.arrive_from_search();
        }
        self.match_find();
    }

    /// Makes the hits for the shown article at the current width, unless
    /// they are made already.
    pub(super) fn match_find(&mut self) {
        let Some(shown) = self.reading.shown else {
            self.find = None;
            return;
        };
        let key = (shown, self.text_width());
        if self.find.as_ref().is_none_or(|f| f.made_for == Some(key)) {
            return;
        }
        let Some(layout) = self.layout() else { return };
        let Some(find) = &mut self.find else { return };
        // The current match stays the one nearest the top of the pane.
        let keep = find.current.is_some();
        find.hits.clear();
        let mut text = String::new();
        for (line, l) in layout.lines.iter().enumerate() {
            text.clear();
            for span in &l.spans {
                text.push_str(&span.text);
            }
            find.hits
                .extend(find.matcher.find(&text).into_iter().map(|range| Hit { line, range }));
        }
        find.made_for = Some(key);
        find.current = None;
        if keep {
            let current = self.first_hit_from(self.reading.scroll);
            if let Some(find) = &mut self.find {
                find.current = current;
            }
        }
    }

    /// The first hit at or below line `top`, else the first of all.
    fn first_hit_from(&self, top: usize) -> Option<usize> {
        let hits = &self.find.as_ref()?.hits;
        if hits.is_empty() {
            return None;
        }
        Some(hits.iter().position(|h| h.line >= top).unwrap_or(0))
    }

    /// Makes hit `k` the current one and brings it on screen away from the
    /// pane's edges (a third of the way down when it has to move).
    fn go_to_hit(&mut self, k: usize) {
        let Some(line) = self.find.as_mut().and_then(|f| {
            f.current = Some(k);
            f.hits.get(k).map(|h| h.line)
        }) else {
            return;
        };
        let height = self.page_height();
        let margin = (height / 4).clamp(1, 5).min(height.saturating_sub(1) / 2);
        let top = self.reading.scroll;
        if line < top + margin || line + margin >= top + height {
            self.scroll_to(line.saturating_sub(height / 3));
        }
    }
}
