//! Everything that can happen to a running reader, on one channel.

use crate::library::Library;

/// One thing that happened: input, a background result, or a change on disk.
/// Every source of the reader sends these into one channel (see
/// [`super::runtime::Runtime`]); the loop blocks on it.
pub enum Event {
    /// A key, a mouse event, a paste or a resize from the terminal.
    Terminal(crossterm::event::Event),
    /// The terminal no longer gives input (it went away): the reader leaves.
    InputClosed(String),
    /// The search thread's answer: the generation of the query it answers and
    /// the matching articles, in list order.
    SearchDone(u64, Vec<usize>),
    /// A reload of the folder finished (or failed, with a message).
    Reloaded(Result<Library, String>),
    /// Something changed in the folder (the watcher saw it).
    FolderChanged,
    /// The folder itself went away (deleted or renamed): its watch is lost.
    FolderGone,
    /// A folder is at the path again after [`Event::FolderGone`].
    FolderBack,
    /// The background indexing of the article text finished.
    Indexed,
    /// A report for the status bar (a browser that failed to start).
    Report(String),
    /// The process was stopped from outside and continued: the terminal was
    /// taken again and every cell must be drawn again.
    Resumed,
    /// A piped command finished: the pager's title and the output.
    Piped(String, String),
    /// The body of this article was read (off the loop's thread).
    BodyRead(usize),
    /// The picture worker made a picture (or found it cannot).
    Picture(super::pictures::Done),
    /// A step or the end of a background save or fetch.
    Ingest(super::ingest::Report),
}
