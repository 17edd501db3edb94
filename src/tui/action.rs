//! Everything the reader can be asked to do, and the effects it asks for.

/// An action: what a key, a mouse event or the terminal asks of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move the selection down, or scroll the article down one line.
    Down,
    /// Move the selection up, or scroll the article up one line.
    Up,
    /// Page down.
    PageDown,
    /// Page up.
    PageUp,
    /// Go to the top.
    Top,
    /// Go to the bottom.
    Bottom,
    /// Open the selected article; in a popup, take the chosen item; with a
    /// link number typed, open that link.
    Confirm,
    /// Close a popup, cancel input, or go back to the list. Never quits.
    Back,
    /// Switch focus between the list and the reading pane.
    SwitchPane,
    /// A digit of a link number.
    Digit(u8),
    /// Show every link of the article, to pick one.
    LinkList,
    /// Search as you type.
    Search,
    /// Cycle the language filter: all, then each language present.
    CycleLanguage,
    /// Pick tags to filter by.
    TagPicker,
    /// Switch to the translation of this article, keeping the place.
    Translation,
    /// Clear all filters.
    ClearFilters,
    /// Show the keys.
    Help,
    /// Table of contents of the article: jump to a section.
    Contents,
    /// The sources view: every cited source, grouped by domain.
    Sources,
    /// Show the article and its translation side by side.
    SideBySide,
    /// Cycle the list's order (date, title, unread first, length, folder);
    /// in the sources view, switch between sorting by count and by name.
    Sort,
    /// Mark the article read, or unread again.
    MarkRead,
    /// Go to the next unread article.
    NextUnread,
    /// Go to the previous unread article.
    PrevUnread,
    /// Show unread articles only (toggle).
    UnreadOnly,
    /// Open the next article of the list from the reading pane.
    NextArticle,
    /// Open the previous article of the list from the reading pane.
    PrevArticle,
    /// Mark every article shown as read.
    MarkAllRead,
    /// Take back the last "mark all read".
    UndoMarkAll,
    /// Star the article, or unstar it.
    Star,
    /// Show starred articles only (toggle).
    StarredOnly,
    /// Reload the folder.
    Reload,
    /// The saved views, to show one.
    Views,
    /// Time passes: milliseconds on a monotonic clock (an article shown for a
    /// few seconds becomes read).
    Tick(u64),
    /// Quit from the list; elsewhere, go back.
    Quit,
    /// Quit at once.
    ForceQuit,
    /// Suspend to the shell (Ctrl-Z); `fg` resumes.
    Suspend,
    /// In a popup: toggle the item (tag picker).
    Toggle,
    /// In the link list: copy the URL.
    Copy,
    /// Copy the article's file path (`Y`).
    CopyPath,
    /// A character typed into the search.
    Input(char),
    /// Delete the last character of the search.
    Backspace,
    /// The terminal has a new size (columns, rows).
    Resize(u16, u16),
    /// A mouse click at (column, row).
    Click(u16, u16),
    /// The mouse wheel at (column, row); `true` scrolls down.
    Wheel(bool, u16, u16),
    /// A message to show in the status bar (e.g. a browser that failed).
    Message(String),
    /// The search thread's answer: the generation of the query it answers
    /// and the matching articles, in list order.
    SearchDone(u64, Vec<usize>),
    /// Pipe the article (or, from the link list, the selected URL) to a
    /// command typed in a prompt.
    Pipe,
    /// Open the article's file in `$VISUAL` / `$EDITOR`.
    Edit,
    /// A piped command finished: a title and its output, for the pager.
    PipeOutput(String, String),
    /// The body of this article was read off the loop's thread.
    BodyRead(usize),
    /// Back to the place the last jump (a link inside the folder, a
    /// footnote, a section) left.
    GoBack,
    /// From a footnote reference to its note, and back.
    Footnote,
    /// In the link list: save the page as an article, in the background.
    SaveLink,
    /// In the link list or the sources view: open in the browser, even a
    /// page that was saved.
    OpenInBrowser,
    /// Fetch the subscribed feeds, in the background.
    FetchFeeds,
    /// A step or the end of a background save or fetch.
    Ingest(super::ingest::Report),
    /// Show the focused pane alone over the whole width, or both again.
    Zoom,
    /// Pick a folder to filter by.
    FolderPicker,
}

/// A side effect `update` asks the run loop to perform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Open this URL (already checked to be http, https or mailto) in the browser.
    OpenUrl(String),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Suspend the process (Ctrl-Z).
    Suspend,
    /// Write the reading state (read marks, stars).
    SaveState,
    /// Load the folder again.
    Reload,
    /// Save a page or fetch the feeds, in the background.
    Ingest(super::ingest::Job),
    /// Leave the reader.
    Quit,
    /// Run a command with the article or a URL on its input, off the loop's
    /// thread; its output comes back as [`Action::PipeOutput`].
    Pipe(super::pipe::PipeRequest),
    /// Give the terminal to the editor on this file, then read it again.
    Edit(std::path::PathBuf),
}
