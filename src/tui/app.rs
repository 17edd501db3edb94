//! The reader's state and its pure `update`.
//!
//! `update` never touches the terminal, the clipboard or a browser: it
//! changes the state and returns an [`Effect`] for the run loop to perform.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use crate::layout::{article_layout, Layout};
use crate::library::{Library, Query};
use crate::state::{ReadState, State};

use super::action::{Action, Effect};
use super::keymap::Keymap;
use super::panes::Panes;
use super::sources_view::{Outcome, SourcesView};

/// A row side by side: a line of each layout, or `None` for a blank filler.
pub type AlignedRow = (Option<usize>, Option<usize>);

/// A link marker on screen and the URL it opens (for OSC 8 hyperlinks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkCell {
    /// Column of the marker's first cell.
    pub x: u16,
    /// Row.
    pub y: u16,
    /// The marker as drawn, e.g. `[3]`.
    pub text: String,
    /// The URL (already checked by [`check_url`]).
    pub url: String,
}

/// An article shown in the reading pane this long (ms) becomes read.
pub const READ_AFTER_MS: u64 = 3000;

/// Columns needed to show two languages side by side.
pub const SIDE_BY_SIDE_MIN: u16 = 140;

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The article list.
    List,
    /// The reading pane.
    Reader,
}

/// A popup over the main screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Popup {
    /// The keys.
    Help {
        /// First row shown.
        scroll: usize,
    },
    /// The links of the shown article.
    Links {
        /// Index of the highlighted link.
        selected: usize,
    },
    /// The article's headings, to jump to one.
    Contents {
        /// Index of the highlighted heading.
        selected: usize,
    },
    /// Tags to filter by.
    Tags {
        /// Every tag with its article count.
        items: Vec<(String, usize)>,
        /// Index of the highlighted tag.
        selected: usize,
        /// The tags ticked so far.
        chosen: BTreeSet<String>,
    },
}

/// The whole state of the reader.
pub struct App {
    /// The articles.
    pub library: Library,
    /// The active filters.
    pub query: Query,
    /// Indexes (into the library) of the articles the filters let through.
    pub visible: Vec<usize>,
    /// Position of the selection in `visible`.
    pub selected: usize,
    /// First list row on screen.
    pub list_offset: usize,
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// The article in the reading pane (follows the selection, or a translation).
    pub shown: Option<usize>,
    /// First line of the article on screen.
    pub scroll: usize,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Digits of a link number typed so far.
    pub digits: String,
    /// The open popup.
    pub popup: Option<Popup>,
    /// True while the search line takes the keyboard.
    pub searching: bool,
    /// A message for the status bar, until the next key.
    pub message: Option<String>,
    /// The sources view, when open.
    pub sources: Option<SourcesView>,
    /// True while the article and its translation are shown side by side
    /// (`scroll` then counts aligned rows).
    pub side_by_side: bool,
    /// Read marks and stars.
    pub state: State,
    /// The keys (remapped by the configuration); the help screen shows them.
    pub keymap: Keymap,
    /// Make link markers clickable (OSC 8).
    pub hyperlinks: bool,
    /// The link markers drawn in the last frame (with `hyperlinks`).
    pub link_cells: Vec<LinkCell>,
    /// Show unread (and changed) articles only.
    pub unread_only: bool,
    /// Show starred articles only.
    pub starred_only: bool,
    /// The article in the reading pane and since when (ms) it is read there.
    reading_since: Option<(usize, u64)>,
    layouts: HashMap<(usize, usize), Rc<Layout>>,
}

/// Only these schemes are handed to a browser.
pub const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Longest URL handed to a browser.
pub const MAX_URL_BYTES: usize = 2048;

/// Checks that a URL may be opened; the error names the refused scheme.
pub fn check_url(url: &str) -> Result<(), String> {
    if url.len() > MAX_URL_BYTES {
        return Err(format!("refused to open a link of {} bytes (at most 2 KiB)", url.len()));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("refused to open a link containing spaces or control characters".to_string());
    }
    let scheme = url.split_once(':').map(|(s, _)| s).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    match scheme {
        Some(s) if ALLOWED_SCHEMES.contains(&s.to_ascii_lowercase().as_str()) => Ok(()),
        Some(s) => Err(format!(
            "refused to open a {:?} link: only http, https and mailto are opened",
            s.to_ascii_lowercase()
        )),
        None => Err("refused to open a link without a scheme (relative link)".to_string()),
    }
}

impl App {
    /// A reader over `library`, at a terminal size.
    pub fn new(library: Library, size: (u16, u16), drafts: bool) -> App {
        let mut app = App {
            library,
            query: Query {
                drafts,
                ..Query::default()
            },
            visible: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            shown: None,
            scroll: 0,
            size,
            digits: String::new(),
            popup: None,
            searching: false,
            message: None,
            sources: None,
            side_by_side: false,
            state: State::in_memory(),
            keymap: Keymap::default(),
            hyperlinks: false,
            link_cells: Vec::new(),
            unread_only: false,
            starred_only: false,
            reading_since: None,
            layouts: HashMap::new(),
        };
        app.refresh();
        let problems = app.library.diagnostics().len();
        if problems > 0 {
            app.message = Some(format!(
                "{problems} problem{} while loading: `kiosk check` lists them",
                if problems == 1 { "" } else { "s" }
            ));
        }
        app
    }

    /// The same app with a reading state (read marks and stars).
    pub fn with_state(mut self, state: State) -> App {
        self.state = state;
        self.refresh();
        self
    }

    /// Whether an article is read, unread or changed since read.
    pub fn read_state(&self, index: usize) -> ReadState {
        let a = &self.library.articles()[index];
        self.state.read_state(a.id.as_str(), a.hash)
    }

    /// Whether an article is starred.
    pub fn starred(&self, index: usize) -> bool {
        self.state.starred(self.library.articles()[index].id.as_str())
    }

    /// Puts a freshly loaded library in place, keeping the selection, the
    /// filters, the article shown and the reading place.
    pub fn replace_library(&mut self, library: Library) {
        let id_of = |app: &App, i: Option<usize>| i.map(|i| app.library.articles()[i].id.clone());
        let selected = id_of(self, self.selected_article());
        let shown = id_of(self, self.shown);
        let was_side_by_side = self.side_by_side;
        if was_side_by_side {
            self.scroll = self.pair_line();
            self.side_by_side = false;
        }
        let anchor = self.layout().map(|l| l.anchor(self.scroll));
        self.library = library;
        self.layouts.clear();
        self.reading_since = None;
        self.shown = shown.as_ref().and_then(|id| self.library.index_of(id));
        self.visible = self.library.select(&self.query);
        self.apply_state_filters();
        let position = selected
            .and_then(|id| self.library.index_of(&id))
            .and_then(|i| self.visible.iter().position(|&v| v == i));
        self.selected = position
            .unwrap_or(self.selected)
            .min(self.visible.len().saturating_sub(1));
        if self.shown.is_none() {
            self.focus = Focus::List;
            self.scroll = 0;
            self.follow_selection();
        } else if let (Some(anchor), Some(layout)) = (anchor, self.layout()) {
            let line = layout.line_of(anchor);
            self.scroll_to(line);
            if was_side_by_side {
                self.enter_side_by_side();
            }
        }
        self.keep_selection_visible();
        self.message = Some(format!("reloaded: {} articles", self.library.articles().len()));
    }

    fn apply_state_filters(&mut self) {
        if self.unread_only || self.starred_only {
            let (unread, starred) = (self.unread_only, self.starred_only);
            let keep: Vec<usize> = self
                .visible
                .iter()
                .copied()
                .filter(|&i| (!unread || self.read_state(i) != ReadState::Read) && (!starred || self.starred(i)))
                .collect();
            self.visible = keep;
        }
    }

    /// The panes at the current size and focus.
    pub fn panes(&self) -> Panes {
        Panes::new(
            self.size.0,
            self.size.1,
            self.focus == Focus::Reader,
            self.shown.is_some(),
        )
    }

    /// The width the shown article is laid out at.
    pub fn text_width(&self) -> usize {
        let panes = Panes::new(self.size.0, self.size.1, true, true);
        panes.reader.map_or(1, |r| usize::from(r.width.max(1)))
    }

    /// Rows of the reading pane.
    pub fn page_height(&self) -> usize {
        let panes = Panes::new(self.size.0, self.size.1, true, true);
        panes.reader.map_or(1, |r| usize::from(r.height.max(1)))
    }

    /// Rows of the list pane.
    fn list_height(&self) -> usize {
        let panes = Panes::new(self.size.0, self.size.1, false, self.shown.is_some());
        panes.list.map_or(1, |r| usize::from(r.height.max(1)))
    }

    /// The layout of an article at the current width (cached per width).
    pub fn layout_of(&mut self, index: usize) -> Rc<Layout> {
        let width = self.text_width();
        self.layout_at(index, width)
    }

    /// The layout of the shown article.
    pub fn layout(&mut self) -> Option<Rc<Layout>> {
        self.shown.map(|i| self.layout_of(i))
    }

    /// The highest scroll position of the shown article (or aligned pair).
    fn max_scroll(&mut self) -> usize {
        let height = self.page_height();
        let end = self.scroll_total().saturating_sub(height);
        // A heading near the end can still be brought to the top (contents).
        let last_heading = if self.side_by_side {
            0
        } else {
            self.layout()
                .and_then(|l| l.headings.last().map(|h| h.line))
                .unwrap_or(0)
        };
        end.max(last_heading)
    }

    /// Rows the reading pane scrolls over: the article's lines, or the
    /// aligned rows side by side.
    pub fn scroll_total(&mut self) -> usize {
        match self.pair() {
            Some((_, _, rows)) => rows.len(),
            None => self.layout().map_or(0, |l| l.lines.len()),
        }
    }

    /// Width of each column side by side.
    pub fn column_width(&self) -> usize {
        (usize::from(self.size.0).saturating_sub(5) / 2).clamp(1, 100)
    }

    /// The shown article's translation, if it has one in the library.
    fn translation_of(&self, index: usize) -> Option<usize> {
        let article = &self.library.articles()[index];
        article.translations.first().and_then(|id| self.library.index_of(id))
    }

    /// Side by side: both layouts at the column width and their aligned rows.
    pub fn pair(&mut self) -> Option<(Rc<Layout>, Rc<Layout>, Vec<AlignedRow>)> {
        if !self.side_by_side {
            return None;
        }
        let left = self.shown?;
        let right = self.translation_of(left)?;
        let width = self.column_width();
        let l = self.layout_at(left, width);
        let r = self.layout_at(right, width);
        let rows = crate::layout::align(&l, &r);
        Some((l, r, rows))
    }

    fn layout_at(&mut self, index: usize, width: usize) -> Rc<Layout> {
        if self.layouts.len() > 16 {
            self.layouts.clear();
        }
        self.layouts
            .entry((index, width))
            .or_insert_with(|| Rc::new(article_layout(&self.library, index, width)))
            .clone()
    }

    fn scroll_to(&mut self, line: usize) {
        self.scroll = line.min(self.max_scroll());
    }

    /// The article under the selection.
    pub fn selected_article(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Recomputes the visible articles after a filter change, keeping the
    /// selected article when it is still visible.
    pub fn refresh(&mut self) {
        let keep = self.selected_article();
        self.visible = self.library.select(&self.query);
        self.apply_state_filters();
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|&i| i == k))
            .unwrap_or(0)
            .min(self.visible.len().saturating_sub(1));
        self.follow_selection();
    }

    /// Shows the selected article (when the list has the keyboard).
    fn follow_selection(&mut self) {
        let next = self.selected_article();
        if self.focus == Focus::List || self.shown.is_none() {
            if next != self.shown {
                self.scroll = 0;
            }
            self.shown = next;
        }
        if self.shown.is_none() {
            self.focus = Focus::List;
        }
        self.keep_selection_visible();
    }

    fn keep_selection_visible(&mut self) {
        let rows = self.list_height();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        self.list_offset = self.list_offset.min(self.visible.len().saturating_sub(rows));
    }

    fn select(&mut self, position: usize) {
        self.selected = position.min(self.visible.len().saturating_sub(1));
        self.follow_selection();
    }

    /// A description of the active filters, for the status bar and an empty list.
    pub fn filter_summary(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(lang) = &self.query.lang {
            parts.push(format!("language {lang}"));
        }
        for tag in &self.query.tags {
            parts.push(format!("tag {tag}"));
        }
        if !self.query.text.is_empty() {
            parts.push(format!("search \"{}\"", self.query.text));
        }
        if self.unread_only {
            parts.push("unread only".to_string());
        }
        if self.starred_only {
            parts.push("starred only".to_string());
        }
        parts
    }

    /// Applies an action; returns the effect the run loop must perform.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        // A message lasts until the next key; a pending link number until a
        // key that is not part of it.
        if let Action::Tick(now) = action {
            return self.tick(now);
        }
        if !matches!(action, Action::Resize(..) | Action::Message(_)) {
            self.message = None;
        }
        if !matches!(
            action,
            Action::Digit(_) | Action::Confirm | Action::Resize(..) | Action::Message(_)
        ) {
            self.digits.clear();
        }
        match action {
            Action::ForceQuit => return Some(Effect::Quit),
            Action::Suspend => return Some(Effect::Suspend),
            Action::Resize(w, h) => self.resize(w, h),
            Action::Message(m) => self.message = Some(m),
            _ if self.sources.is_some() => return self.sources_update(action),
            _ if self.popup.is_some() => return self.popup_update(action),
            _ if self.searching => self.search_update(action),
            action => return self.main_update(action),
        }
        None
    }

    fn resize(&mut self, w: u16, h: u16) {
        // Side by side: go through one column at the same place, and come
        // back if the new size still has room.
        let was_side_by_side = self.side_by_side;
        if was_side_by_side {
            self.scroll = self.pair_line();
            self.side_by_side = false;
        }
        // Keep the reading place: the same block, the same share of it.
        let anchor = self.layout().map(|l| l.anchor(self.scroll));
        self.size = (w, h);
        if let (Some(anchor), Some(layout)) = (anchor, self.layout()) {
            let line = layout.line_of(anchor);
            self.scroll_to(line);
        }
        if was_side_by_side && w >= SIDE_BY_SIDE_MIN {
            self.enter_side_by_side();
        }
        self.keep_selection_visible();
    }

    fn search_update(&mut self, action: Action) {
        match action {
            Action::Input(c) => {
                self.query.text.push(c);
                self.refresh();
            }
            Action::Backspace => {
                self.query.text.pop();
                self.refresh();
            }
            Action::Confirm => self.searching = false,
            Action::Back => {
                self.searching = false;
                self.query.text.clear();
                self.refresh();
            }
            _ => {}
        }
    }

    fn main_update(&mut self, action: Action) -> Option<Effect> {
        let reader = self.focus == Focus::Reader;
        let page = self.page_height().saturating_sub(2).max(1);
        match action {
            Action::Down if reader => self.scroll_to(self.scroll + 1),
            Action::Up if reader => self.scroll = self.scroll.saturating_sub(1),
            Action::PageDown if reader => self.scroll_to(self.scroll + page),
            Action::PageUp if reader => self.scroll = self.scroll.saturating_sub(page),
            Action::Top if reader => self.scroll = 0,
            Action::Bottom if reader => {
                let end = self.scroll_total().saturating_sub(self.page_height());
                self.scroll_to(end);
            }
            Action::Down => self.select(self.selected + 1),
            Action::Up => self.select(self.selected.saturating_sub(1)),
            Action::PageDown => self.select(self.selected + self.list_height().max(2) - 1),
            Action::PageUp => self.select(self.selected.saturating_sub(self.list_height().max(2) - 1)),
            Action::Top => self.select(0),
            Action::Bottom => self.select(usize::MAX),
            Action::Confirm if !self.digits.is_empty() => {
                let n = self.digits.parse().unwrap_or(0);
                self.digits.clear();
                return self.open_link(n);
            }
            Action::Confirm if self.selected_article().is_some() && !reader => {
                self.shown = self.selected_article();
                self.focus = Focus::Reader;
            }
            Action::Back if reader => {
                self.focus = Focus::List;
                self.follow_selection();
            }
            Action::SwitchPane => {
                if reader {
                    self.focus = Focus::List;
                    self.follow_selection();
                } else if self.shown.is_some() {
                    self.focus = Focus::Reader;
                }
            }
            Action::Quit => {
                if reader {
                    self.focus = Focus::List;
                    self.follow_selection();
                } else {
                    return Some(Effect::Quit);
                }
            }
            Action::Digit(d) => return self.digit(d),
            Action::LinkList => match self.shown {
                Some(i) if !self.library.articles()[i].links().is_empty() => {
                    self.popup = Some(Popup::Links { selected: 0 })
                }
                Some(_) => self.message = Some("this article cites no links".into()),
                None => {}
            },
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::Search => {
                self.searching = true;
                self.focus = Focus::List;
                self.follow_selection();
            }
            Action::CycleLanguage => self.cycle_language(),
            Action::TagPicker => {
                let items: Vec<(String, usize)> = self.library.tags(self.query.drafts).into_iter().collect();
                if items.is_empty() {
                    self.message = Some("no article has tags".into());
                } else {
                    let chosen = self.query.tags.iter().cloned().collect();
                    self.popup = Some(Popup::Tags {
                        items,
                        selected: 0,
                        chosen,
                    });
                }
            }
            Action::Translation => self.switch_translation(),
            Action::Contents => match self.layout() {
                Some(layout) if !layout.headings.is_empty() => {
                    let current = layout.section_at(self.scroll).map(|h| h.line);
                    let selected = layout
                        .headings
                        .iter()
                        .position(|h| Some(h.line) == current)
                        .unwrap_or(0);
                    self.popup = Some(Popup::Contents { selected });
                }
                Some(_) => self.message = Some("this article has no headings".into()),
                None => {}
            },
            Action::Sources => {
                let view = SourcesView::new(&self.library, &self.visible);
                if view.domains.is_empty() {
                    self.message = Some("the articles shown cite no links".into());
                } else {
                    self.sources = Some(view);
                }
            }
            Action::SideBySide => {
                if self.side_by_side {
                    self.scroll = self.pair_line();
                    self.side_by_side = false;
                } else if self.shown.and_then(|i| self.translation_of(i)).is_none() {
                    self.message = Some("this article has no translation".into());
                } else if self.size.0 < SIDE_BY_SIDE_MIN {
                    self.message = Some(format!("side by side needs {SIDE_BY_SIDE_MIN} columns"));
                } else {
                    self.enter_side_by_side();
                }
            }
            Action::MarkRead => {
                let target = if reader { self.shown } else { self.selected_article() };
                if let Some(i) = target {
                    let read = self.read_state(i) != ReadState::Read;
                    let a = &self.library.articles()[i];
                    self.state.set_read(a.id.as_str(), a.hash, read);
                    self.message = Some(if read { "marked read" } else { "marked unread" }.into());
                    return Some(Effect::SaveState);
                }
            }
            Action::NextUnread | Action::PrevUnread => {
                let forward = action == Action::NextUnread;
                let from = self.selected;
                let found = if forward {
                    (from + 1..self.visible.len()).find(|&p| self.read_state(self.visible[p]) != ReadState::Read)
                } else {
                    (0..from)
                        .rev()
                        .find(|&p| self.read_state(self.visible[p]) != ReadState::Read)
                };
                match found {
                    Some(p) => {
                        self.selected = p;
                        self.keep_selection_visible();
                        self.shown = Some(self.visible[p]);
                        self.scroll = 0;
                    }
                    None => self.message = Some("no more unread articles".into()),
                }
            }
            Action::UnreadOnly => {
                self.unread_only = !self.unread_only;
                self.refresh();
                self.message = Some(
                    if self.unread_only {
                        "unread only"
                    } else {
                        "read and unread"
                    }
                    .into(),
                );
            }
            Action::StarredOnly => {
                self.starred_only = !self.starred_only;
                self.refresh();
                self.message = Some(
                    if self.starred_only {
                        "starred only"
                    } else {
                        "starred or not"
                    }
                    .into(),
                );
            }
            Action::Star => {
                let target = if reader { self.shown } else { self.selected_article() };
                if let Some(i) = target {
                    let star = !self.starred(i);
                    self.state.set_starred(self.library.articles()[i].id.as_str(), star);
                    self.message = Some(if star { "starred" } else { "unstarred" }.into());
                    return Some(Effect::SaveState);
                }
            }
            Action::Reload => {
                self.message = Some("reloading…".into());
                return Some(Effect::Reload);
            }
            Action::ClearFilters => {
                self.unread_only = false;
                self.starred_only = false;
                self.query = Query {
                    drafts: self.query.drafts,
                    ..Query::default()
                };
                self.refresh();
                self.message = Some("filters cleared".into());
            }
            Action::Click(col, row) => self.click(col, row),
            Action::Wheel(down, col, row) => self.wheel(down, col, row),
            _ => {}
        }
        None
    }

    fn link_count(&self) -> usize {
        self.shown.map_or(0, |i| self.library.articles()[i].links().len())
    }

    /// An article in the reading pane (with the keyboard) for a few seconds
    /// becomes read.
    fn tick(&mut self, now: u64) -> Option<Effect> {
        let reading = (self.focus == Focus::Reader && self.popup.is_none() && self.sources.is_none())
            .then_some(self.shown)
            .flatten();
        let Some(i) = reading else {
            self.reading_since = None;
            return None;
        };
        match self.reading_since {
            Some((j, since)) if j == i => {
                if now.saturating_sub(since) >= READ_AFTER_MS && self.read_state(i) != ReadState::Read {
                    let a = &self.library.articles()[i];
                    self.state.set_read(a.id.as_str(), a.hash, true);
                    return Some(Effect::SaveState);
                }
            }
            _ => self.reading_since = Some((i, now)),
        }
        None
    }

    /// Collects a digit; opens at once when no longer link number can start
    /// with the digits typed.
    fn digit(&mut self, d: u8) -> Option<Effect> {
        let count = self.link_count();
        if count == 0 {
            self.message = Some("this article cites no links".into());
            return None;
        }
        self.digits.push(char::from(b'0' + d));
        let n: usize = self.digits.parse().unwrap_or(0);
        if n == 0 || n > count {
            self.message = Some(format!("no link {} (this article has {count})", self.digits));
            self.digits.clear();
            return None;
        }
        if n * 10 > count {
            self.digits.clear();
            return self.open_link(n);
        }
        self.message = Some(format!("link {n}… (Enter opens)"));
        None
    }

    fn open_link(&mut self, n: usize) -> Option<Effect> {
        let url = self
            .shown
            .and_then(|i| self.library.articles()[i].links().get(n.wrapping_sub(1)))
            .map(|l| l.url.clone());
        let Some(url) = url else {
            self.message = Some(format!("no link {n}"));
            return None;
        };
        match check_url(&url) {
            Ok(()) => {
                self.message = Some(format!("opening [{n}] {url}"));
                Some(Effect::OpenUrl(url))
            }
            Err(e) => {
                self.message = Some(e);
                None
            }
        }
    }

    /// The line of the shown article at the top of the side-by-side view.
    fn pair_line(&mut self) -> usize {
        let scroll = self.scroll;
        let Some((left, _, rows)) = self.pair() else {
            return scroll;
        };
        let row_line = rows[scroll.min(rows.len().saturating_sub(1))..]
            .iter()
            .find_map(|r| r.0);
        let anchor = row_line.map(|l| left.anchor(l));
        self.side_by_side = false;
        let line = match (anchor, self.layout()) {
            (Some(a), Some(single)) => single.line_of(a),
            _ => 0,
        };
        self.side_by_side = true;
        line
    }

    fn enter_side_by_side(&mut self) {
        let anchor = self.layout().map(|l| l.anchor(self.scroll));
        self.side_by_side = true;
        self.focus = Focus::Reader;
        if let (Some(anchor), Some((left, _, rows))) = (anchor, self.pair()) {
            let line = left.line_of(anchor);
            let row = rows.iter().position(|r| r.0.is_some_and(|l| l >= line)).unwrap_or(0);
            self.scroll_to(row);
        }
    }

    fn sources_update(&mut self, action: Action) -> Option<Effect> {
        let view = self.sources.as_mut()?;
        match view.update(action, &self.library) {
            Outcome::Stay => None,
            Outcome::Close => {
                self.sources = None;
                None
            }
            Outcome::OpenUrl(url) => match check_url(&url) {
                Ok(()) => {
                    self.message = Some(format!("opening {url}"));
                    Some(Effect::OpenUrl(url))
                }
                Err(e) => {
                    self.message = Some(e);
                    None
                }
            },
            Outcome::OpenArticle { article, n } => {
                self.sources = None;
                self.side_by_side = false;
                self.shown = Some(article);
                if let Some(pos) = self.visible.iter().position(|&i| i == article) {
                    self.selected = pos;
                    self.keep_selection_visible();
                }
                self.focus = Focus::Reader;
                let line = self
                    .layout()
                    .and_then(|l| l.link_lines.get(n - 1).copied().flatten())
                    .unwrap_or(0);
                // A little context above the citation.
                self.scroll_to(line.saturating_sub(2));
                self.message = Some(format!("citation [{n}]"));
                None
            }
        }
    }

    fn cycle_language(&mut self) {
        let langs: Vec<(String, usize)> = self.library.languages(self.query.drafts).into_iter().collect();
        if langs.is_empty() {
            self.message = Some("no article has a known language".into());
            return;
        }
        let next = match &self.query.lang {
            None => Some(0),
            Some(cur) => langs
                .iter()
                .position(|(l, _)| l == cur)
                .map(|p| p + 1)
                .filter(|&p| p < langs.len()),
        };
        self.query.lang = next.map(|p| langs[p].0.clone());
        self.refresh();
        self.message = Some(match next {
            Some(p) => format!("language: {} ({} articles)", langs[p].0, langs[p].1),
            None => "language: all".to_string(),
        });
    }

    fn switch_translation(&mut self) {
        if self.side_by_side {
            self.scroll = self.pair_line();
            self.side_by_side = false;
        }
        let Some(current) = self.shown else { return };
        let article = &self.library.articles()[current];
        let Some(target) = article.translations.first().and_then(|id| self.library.index_of(id)) else {
            self.message = Some("this article has no translation".into());
            return;
        };
        // Keep the place: the same section, the same share of it.
        let from = self.layout_of(current);
        let to = self.layout_of(target);
        let line = match from
            .section_at(self.scroll)
            .map(|h| from.headings.iter().position(|x| x == h))
        {
            Some(Some(k)) if k < to.headings.len() => {
                let start = from.headings[k].line;
                let end = from
                    .headings
                    .get(k + 1)
                    .map_or(from.lines.len(), |h| h.line)
                    .max(start + 1);
                let share = (self.scroll - start) as f64 / (end - start) as f64;
                let t_start = to.headings[k].line;
                let t_end = to
                    .headings
                    .get(k + 1)
                    .map_or(to.lines.len(), |h| h.line)
                    .max(t_start + 1);
                t_start + ((t_end - t_start) as f64 * share) as usize
            }
            _ => (self.scroll as f64 / from.lines.len().max(1) as f64 * to.lines.len() as f64) as usize,
        };
        self.shown = Some(target);
        if let Some(pos) = self.visible.iter().position(|&i| i == target) {
            self.selected = pos;
            self.keep_selection_visible();
        }
        self.focus = Focus::Reader;
        self.scroll_to(line);
        let lang = self.library.articles()[target].lang_code().unwrap_or("?").to_string();
        self.message = Some(format!("translation: {lang}"));
    }

    fn click(&mut self, col: u16, row: u16) {
        let panes = self.panes();
        let inside = |r: Option<ratatui::layout::Rect>| {
            r.is_some_and(|r| col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height)
        };
        if inside(panes.list) {
            let position = self.list_offset + usize::from(row - panes.list.map_or(0, |r| r.y));
            if position < self.visible.len() {
                self.focus = Focus::List;
                self.select(position);
            }
        } else if (inside(panes.reader) || inside(panes.separator)) && self.shown.is_some() {
            self.focus = Focus::Reader;
        }
    }

    fn wheel(&mut self, down: bool, col: u16, row: u16) {
        let panes = self.panes();
        let in_list = panes
            .list
            .is_some_and(|r| col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height);
        if in_list {
            let focus = self.focus;
            self.focus = Focus::List;
            self.select(if down {
                self.selected + 1
            } else {
                self.selected.saturating_sub(1)
            });
            self.focus = focus;
        } else if down {
            self.scroll_to(self.scroll + 3);
        } else {
            self.scroll = self.scroll.saturating_sub(3);
        }
    }

    fn popup_update(&mut self, action: Action) -> Option<Effect> {
        let popup = self.popup.as_mut()?;
        match (popup, action) {
            (_, Action::Back) => self.popup = None,
            (Popup::Help { .. }, Action::Help | Action::Confirm) => self.popup = None,
            (Popup::Help { scroll }, Action::Down) => *scroll += 1,
            (Popup::Help { scroll }, Action::Up) => *scroll = scroll.saturating_sub(1),
            (Popup::Links { selected }, Action::Down) => *selected += 1,
            (Popup::Links { selected }, Action::Up) => *selected = selected.saturating_sub(1),
            (Popup::Links { selected }, Action::Confirm) => {
                let n = *selected + 1;
                self.popup = None;
                return self.open_link(n);
            }
            (Popup::Links { selected }, Action::Copy) => {
                let n = *selected + 1;
                let url = self
                    .shown
                    .and_then(|i| self.library.articles()[i].links().get(n - 1))
                    .map(|l| l.url.clone());
                if let Some(url) = url {
                    self.message = Some(format!("copied [{n}] {url}"));
                    return Some(Effect::Copy(url));
                }
            }
            (Popup::Contents { selected }, Action::Down) => *selected += 1,
            (Popup::Contents { selected }, Action::Up) => *selected = selected.saturating_sub(1),
            (Popup::Contents { selected }, Action::Top) => *selected = 0,
            (Popup::Contents { selected }, Action::Bottom) => *selected = usize::MAX,
            (Popup::Contents { selected }, Action::Confirm) => {
                let k = *selected;
                self.popup = None;
                if let Some(line) = self.layout().and_then(|l| l.headings.get(k).map(|h| h.line)) {
                    self.focus = Focus::Reader;
                    self.scroll_to(line);
                }
            }
            (Popup::Tags { items, selected, .. }, Action::Down) => *selected = (*selected + 1).min(items.len() - 1),
            (Popup::Tags { selected, .. }, Action::Up) => *selected = selected.saturating_sub(1),
            (
                Popup::Tags {
                    items,
                    selected,
                    chosen,
                },
                Action::Toggle,
            ) => {
                let tag = &items[*selected].0;
                if !chosen.remove(tag) {
                    chosen.insert(tag.clone());
                }
            }
            (Popup::Tags { chosen, .. }, Action::Confirm) => {
                self.query.tags = chosen.iter().cloned().collect();
                self.popup = None;
                self.refresh();
            }
            _ => {}
        }
        let last_link = self.link_count().saturating_sub(1);
        let last_heading = self.layout().map_or(0, |l| l.headings.len().saturating_sub(1));
        match &mut self.popup {
            Some(Popup::Links { selected }) => *selected = (*selected).min(last_link),
            Some(Popup::Contents { selected }) => *selected = (*selected).min(last_heading),
            _ => {}
        }
        None
    }
}
