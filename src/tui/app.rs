//! The reader's state and its pure `update`.
//!
//! `update` never touches the terminal, the clipboard or a browser: it
//! changes the state and returns an [`Effect`] for the run loop to perform.

use std::collections::HashMap;
use std::rc::Rc;

use crate::layout::Layout;
use crate::library::{Library, Query};
use crate::state::State;

use super::action::{Action, Effect};
use super::columns::ListFacts;
use super::keymap::Keymap;
pub use super::mode::{Mode, Overlay, Popup, Screen};
use super::panes::{Geometry, Panes};
use super::sources_view::SourcesView;
use crate::config::Column;
use crate::library::SortOrder;
pub use links::{check_url, Refusal, ALLOWED_SCHEMES, MAX_URL_BYTES};

mod arrange;
mod bodies;
mod bookkeeping;
mod copy;
mod find;
mod flow;
mod follow;
mod jobs;
mod links;
mod list;
mod main_screen;
mod marks;
mod mouse;
mod notes;
mod outward;
mod overlays;
mod picker;
mod pictures;
mod popups;
mod reading;
mod search;
mod tags;
mod trail;
mod translation_picker;
mod translations;
mod views;

pub use find::{Find, Hit};
pub use jobs::Jobs;
pub use pictures::Shown as PictureShown;
pub use search::SearchRequest;
pub use trail::{Jump, Stop};

/// A row side by side: a line of each layout, or `None` for a blank filler.
pub type AlignedRow = (Option<usize>, Option<usize>);

/// Side by side: the article's layout, its translation's, and their aligned rows.
pub type PairView = (Rc<Layout>, Rc<Layout>, Rc<Vec<AlignedRow>>);

/// Aligned rows made for (article, translation, column width).
type Aligned = ((usize, usize, usize), Rc<Vec<AlignedRow>>);

/// An article shown in the reading pane this long (ms) becomes read.
pub const READ_AFTER_MS: u64 = 3000;

/// Columns needed to show two languages side by side.
pub const SIDE_BY_SIDE_MIN: u16 = 140;

/// Which pane has the keyboard (derived from the [`Mode`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The article list.
    List,
    /// The reading pane.
    Reader,
}

/// The list pane's state.
#[derive(Clone, Debug, Default)]
pub struct ListPane {
    /// Indexes (into the library) of the articles the filters let through.
    pub visible: Vec<usize>,
    /// Position of the selection in `visible`.
    pub selected: usize,
    /// First list row on screen.
    pub offset: usize,
}

/// The reading pane's state.
#[derive(Clone, Debug, Default)]
pub struct ReadingPane {
    /// The article shown (follows the selection, or a translation).
    pub shown: Option<usize>,
    /// First line of the article on screen (side by side: first aligned row).
    pub scroll: usize,
    /// The article read in the pane and since when (ms on the tick clock).
    since: Option<(usize, u64)>,
    /// An article marked read or unread by hand: the read timer leaves it
    /// alone until another article is shown.
    marked: Option<usize>,
}

/// The whole state of the reader.
pub struct App {
    /// The articles.
    pub library: Library,
    /// The active filters.
    pub query: Query,
    /// The list pane: what the filters let through and the selection.
    pub list: ListPane,
    /// What has the keyboard and what is drawn on top.
    mode: Mode,
    /// The reading pane: the article shown and the place in it.
    pub reading: ReadingPane,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Digits of a link number typed so far.
    pub digits: String,
    /// A message for the status bar, until the next key.
    pub message: Option<String>,
    /// Read marks and stars.
    pub state: State,
    /// The keys (remapped by the configuration); the help screen shows them.
    pub keymap: Keymap,
    /// Make link markers clickable (OSC 8).
    pub hyperlinks: bool,
    /// Show unread (and changed) articles only.
    pub unread_only: bool,
    /// Show starred articles only.
    pub starred_only: bool,
    /// Saved views: (name, query), as the configuration gives them.
    pub views: Vec<(String, String)>,
    layouts: HashMap<(usize, usize), Rc<Layout>>,
    /// A first-screen layout drawn while the full one is due: (article,
    /// width) and the layout.
    first_screen: Option<((usize, usize), Rc<Layout>)>,
    /// Side by side: (article, translation, column width) and their aligned rows.
    aligned: Option<Aligned>,
    /// Counts queries: tells the current search's answer from older ones.
    search_generation: u64,
    /// A text search waiting for the search thread.
    search_request: Option<SearchRequest>,
    /// The generation the search thread is working on.
    search_running: Option<u64>,
    /// The last search, to narrow the next.
    last_search: Option<search::LastSearch>,
    /// The list's query as last read.
    parsed: search::Parsed,
    /// Find in the article: what is sought and where it is.
    find: Option<Find>,
    /// Read marks as they were before `A`, for `U`.
    undo: Option<bookkeeping::Undo>,
    /// Unread articles among those shown, and what the count was made from.
    unread_count: Option<(bookkeeping::CountKey, usize)>,
    /// Bodies read off the loop's thread (see `bodies.rs`).
    bodies: bodies::Bodies,
    /// Pictures in the reading pane: off, or what is known of them.
    pub pictures: super::pictures::Pictures,
    /// The reading pane's layouts with rows for pictures.
    pictured: pictures::Pictured,
    /// Links inside kiosk: the trail of places, the link targets, the jobs.
    pub inside: follow::Inside,
    /// The split, the measure and whether the focused pane is zoomed.
    pub geometry: Geometry,
    /// The list's columns, as configured.
    pub columns: Vec<Column>,
    /// The list's order.
    pub sort: SortOrder,
    /// Only articles in this folder or below it.
    pub section: Option<String>,
    /// The ranks of the list's order, made for the library in place.
    ranks: arrange::Ranks,
    /// What the list's columns need to know of the library, made when first drawn.
    facts: std::cell::OnceCell<ListFacts>,
    /// The translation `B` chose to show beside the article: (article, translation).
    partner: Option<(usize, usize)>,
}

impl App {
    /// A reader over `library`, at a terminal size.
    pub fn new(library: Library, size: (u16, u16), drafts: bool) -> App {
        App::reading_bodies(library, size, drafts, false)
    }

    /// A reader that reads bodies off its loop if `background` (see
    /// [`App::take_body_request`]): its first frame reads no article's file.
    pub fn reading_bodies(library: Library, size: (u16, u16), drafts: bool, background: bool) -> App {
        let mut app = App {
            library,
            query: Query {
                drafts,
                ..Query::default()
            },
            list: ListPane::default(),
            mode: Mode::default(),
            reading: ReadingPane::default(),
            size,
            digits: String::new(),
            message: None,
            state: State::in_memory(),
            keymap: Keymap::default(),
            hyperlinks: false,
            unread_only: false,
            starred_only: false,
            views: Vec::new(),
            layouts: HashMap::new(),
            first_screen: None,
            aligned: None,
            search_generation: 0,
            search_request: None,
            search_running: None,
            last_search: None,
            parsed: search::Parsed::default(),
            find: None,
            undo: None,
            unread_count: None,
            bodies: bodies::Bodies::new(background),
            pictures: super::pictures::Pictures::default(),
            pictured: pictures::Pictured::default(),
            inside: follow::Inside::default(),
            geometry: Geometry::default(),
            columns: crate::config::Layout::default().columns,
            sort: SortOrder::default(),
            section: None,
            ranks: arrange::Ranks::default(),
            facts: std::cell::OnceCell::new(),
            partner: None,
        };
        app.refresh();
        app.prepare();
        let problems = app.library.diagnostics().len();
        if problems > 0 {
            app.message = Some(format!(
                "{problems} problem{} while loading: `kiosk check` lists them",
                if problems == 1 { "" } else { "s" }
            ));
        }
        app
    }

    /// What has the keyboard and what is drawn on top.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// Which pane has the keyboard.
    pub fn focus(&self) -> Focus {
        if self.mode.reading() {
            Focus::Reader
        } else {
            Focus::List
        }
    }

    /// The open popup.
    pub fn popup(&self) -> Option<&Popup> {
        self.mode.popup()
    }

    /// The open sources view.
    pub fn sources(&self) -> Option<&SourcesView> {
        self.mode.sources()
    }

    /// True while the search line takes the keyboard.
    pub fn searching(&self) -> bool {
        self.mode.overlay == Some(Overlay::Search)
    }

    /// True while the article and its translation are shown side by side
    /// (`scroll` then counts aligned rows).
    pub fn side_by_side(&self) -> bool {
        self.mode.screen == Screen::SideBySide
    }

    /// The panes at the current size and focus.
    pub fn panes(&self) -> Panes {
        self.panes_for(self.mode.reading(), self.reading.shown.is_some())
    }

    /// The width the shown article is laid out at.
    pub fn text_width(&self) -> usize {
        let panes = self.panes_for(true, true);
        panes.reader.map_or(1, |r| usize::from(r.width.max(1)))
    }

    /// Rows of the reading pane.
    pub fn page_height(&self) -> usize {
        let panes = self.panes_for(true, true);
        panes.reader.map_or(1, |r| usize::from(r.height.max(1)))
    }

    /// Rows of the list pane.
    fn list_height(&self) -> usize {
        let panes = self.panes_for(false, self.reading.shown.is_some());
        panes.list.map_or(1, |r| usize::from(r.height.max(1)))
    }

    /// The article under the selection.
    pub fn selected_article(&self) -> Option<usize> {
        self.list.visible.get(self.list.selected).copied()
    }

    /// Applies an action; returns the effect the run loop must perform.
    /// Afterwards the layouts the screen needs are made, so that drawing
    /// only reads (see [`App::prepare`]).
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let leaving = self.leaving();
        let effect = self.apply(action);
        // A mark by hand holds until another article is shown.
        if self.reading.marked != self.reading.shown {
            self.reading.marked = None;
        }
        let moved = self.remember(leaving, effect == Some(Effect::Quit));
        self.prepare();
        effect.or(moved.then_some(Effect::SaveState))
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        // A message lasts until the next key; a pending link number until a
        // key that is not part of it.
        match action {
            Action::Tick(now) => return self.tick(now),
            Action::SearchDone(generation, matches) => {
                self.search_done(generation, matches);
                return None;
            }
            Action::BodyRead(_) | Action::PipeOutput(..) => return self.arrived(action),
            Action::Ingest(report) => return self.ingest_report(report),
            _ => {}
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
            action => match self.mode.overlay {
                Some(Overlay::Sources(_)) => return self.sources_update(action),
                Some(Overlay::Popup(_)) => return self.popup_update(action),
                Some(Overlay::Search) => self.search_update(action),
                Some(Overlay::Find) => self.find_update(action),
                Some(Overlay::Pipe(_)) => return self.pipe_update(action),
                None => return self.main_update(action),
            },
        }
        None
    }

    /// Sets the main screen, keeping any overlay.
    pub(super) fn set_screen(&mut self, screen: Screen) {
        self.mode.screen = screen;
    }

    /// Opens an overlay over the current screen.
    pub(super) fn open(&mut self, overlay: Overlay) {
        self.mode.overlay = Some(overlay);
        self.mode.filter = Default::default();
    }

    /// Closes the overlay.
    pub(super) fn close_overlay(&mut self) {
        self.mode.overlay = None;
        self.mode.filter = Default::default();
    }

    /// The open popup, to change it.
    pub(super) fn popup_mut(&mut self) -> Option<&mut Popup> {
        match &mut self.mode.overlay {
            Some(Overlay::Popup(p)) => Some(p),
            _ => None,
        }
    }

    /// Back to the list from the reading pane (one column or two).
    pub(super) fn back_to_list(&mut self) {
        if self.side_by_side() {
            self.leave_side_by_side();
        }
        self.set_screen(Screen::List);
        self.follow_selection();
    }

    fn resize(&mut self, w: u16, h: u16) {
        // Keep the reading place: the same block, the same share of it.
        let place = self.place();
        self.size = (w, h);
        self.fit_screen();
        self.go_to(place);
        self.keep_selection_visible();
    }
}
