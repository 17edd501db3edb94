//! The reader's mode: the one answer to "what has the keyboard and what is
//! drawn on top". `update`, the keymap's context and the view all ask it,
//! so no two of them can disagree.

use super::keymap::Context;
use super::pipe::PipePrompt;
use super::sources_view::SourcesView;
use std::collections::BTreeSet;

/// The main screen under any overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The list has the keys (the reading pane beside it follows the selection).
    List,
    /// The reading pane has the keys.
    Reading,
    /// The article and its translation in two columns, scrolled together.
    SideBySide,
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
    /// The saved views, to show one.
    Views {
        /// Every view with its counts.
        items: Vec<ViewRow>,
        /// Index of the highlighted view.
        selected: usize,
    },
    /// What a piped command printed, to page through.
    Output {
        /// The command and how it ended.
        title: String,
        /// Its output, cleaned, a line each.
        lines: Vec<String>,
        /// First line shown.
        scroll: usize,
    },
    /// Folders to filter by: each with its article count (folders below
    /// it included); `None` is every folder.
    Folders {
        /// The folders, in tree order.
        items: Vec<(Option<String>, usize)>,
        /// Index of the highlighted folder.
        selected: usize,
    },
    /// The translations of the shown article, to show one.
    Translations {
        /// The translations (library indexes), in the order of their ids.
        items: Vec<usize>,
        /// Index of the highlighted translation.
        selected: usize,
    },
}

/// A saved view in the views popup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewRow {
    /// Its name in the configuration.
    pub name: String,
    /// Its query, as written.
    pub query: String,
    /// Unread and all articles it shows; `None` while the article text it
    /// searches is not indexed yet, or for a query with a mistake.
    pub counts: Option<(usize, usize)>,
}

/// The filter of a popup's list: what is typed, and whether typing goes to
/// it. Reset whenever an overlay opens or closes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// The text typed (fuzzy matched: see [`crate::tui::fuzzy`]).
    pub text: String,
    /// Typed characters go to the filter.
    pub typing: bool,
}

/// What is drawn over the screen and takes the keys while it is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// The search line (over the list) takes typed characters.
    Search,
    /// Find in the article: the status bar takes typed characters.
    Find,
    /// A popup: help, links, contents or tags.
    Popup(Popup),
    /// The sources view, over the whole body of the screen.
    Sources(SourcesView),
    /// The prompt of `|` (in the status bar) takes typed characters.
    Pipe(PipePrompt),
}

/// The screen, and the overlay on it if one is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mode {
    /// The main screen.
    pub screen: Screen,
    /// What is drawn over it and has the keys.
    pub overlay: Option<Overlay>,
    /// The filter of the open popup's list.
    pub filter: Filter,
}

impl Default for Mode {
    fn default() -> Mode {
        Mode {
            screen: Screen::List,
            overlay: None,
            filter: Filter::default(),
        }
    }
}

impl Mode {
    /// Which keymap context resolves the next key.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Search | Overlay::Find | Overlay::Pipe(_)) => Context::Search,
            Some(Overlay::Popup(_) | Overlay::Sources(_)) if self.filter.typing => Context::Filter,
            Some(Overlay::Popup(_) | Overlay::Sources(_)) => Context::Popup,
            None => Context::Main,
        }
    }

    /// True when the reading pane (one column or two) has the keys under any overlay.
    pub fn reading(&self) -> bool {
        self.screen != Screen::List
    }

    /// The open popup.
    pub fn popup(&self) -> Option<&Popup> {
        match &self.overlay {
            Some(Overlay::Popup(p)) => Some(p),
            _ => None,
        }
    }

    /// The open sources view.
    pub fn sources(&self) -> Option<&SourcesView> {
        match &self.overlay {
            Some(Overlay::Sources(s)) => Some(s),
            _ => None,
        }
    }
}
