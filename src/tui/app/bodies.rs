//! Article bodies read off the loop's thread.
//!
//! In the running reader (made by [`App::reading_bodies`]) the loop never reads
//! an article's file: an article whose body is not in memory is drawn as its
//! header and a note, its body is asked for ([`App::take_body_request`]),
//! and the runtime reads it on another thread and says when it is in. So a
//! huge file, or one on a slow disk, never holds up the keys. (Tests that
//! drive `update` alone read bodies in place.)

use std::rc::Rc;

use super::App;
use crate::layout::Layout;

/// What the app knows of bodies being read.
#[derive(Default)]
pub(super) struct Bodies {
    /// Read bodies off the loop's thread (the running reader).
    pub(super) background: bool,
    /// An article whose body is wanted, for the runtime to read.
    wanted: Option<usize>,
    /// The article whose body the runtime is reading.
    asked: Option<usize>,
    /// What the reading pane shows while a body is read: (article, width)
    /// and the layout.
    pub(super) waiting: Option<((usize, usize), Rc<Layout>)>,
}

impl Bodies {
    pub(super) fn new(background: bool) -> Bodies {
        Bodies {
            background,
            ..Bodies::default()
        }
    }
}

impl App {
    /// True when the body of article `index` can be laid out now without
    /// reading a file on this thread.
    pub fn body_ready(&self, index: usize) -> bool {
        !self.bodies.background || self.library.body_is_read(index)
    }

    /// Notes that the body of `index` is wanted (it is not in memory).
    pub(super) fn want_body(&mut self, index: usize) {
        if self.bodies.asked != Some(index) {
            self.bodies.wanted = Some(index);
        }
    }

    /// The body the runtime should read next, once; the runtime answers
    /// with [`crate::tui::action::Action::BodyRead`].
    pub fn take_body_request(&mut self) -> Option<usize> {
        let index = self.bodies.wanted.take()?;
        if self.library.body_is_read(index) {
            return None;
        }
        self.bodies.asked = Some(index);
        Some(index)
    }

    /// What background work brought back: a body read, a command's output.
    pub(super) fn arrived(&mut self, action: crate::tui::action::Action) -> Option<crate::tui::action::Effect> {
        use crate::tui::action::Action;
        match action {
            Action::BodyRead(index) => self.body_read(index),
            Action::PipeOutput(title, text) => self.show_output(title, text),
            _ => {}
        }
        None
    }

    /// A body is in: the layouts made while it was missing are dropped.
    pub(super) fn body_read(&mut self, index: usize) {
        if self.bodies.asked == Some(index) {
            self.bodies.asked = None;
        }
        self.drop_layouts_of(index);
        // Not moved while it waited: it arrives now, at a list search's first
        // match or where it was left, which needed its text.
        if self.reading.shown == Some(index) {
            let scroll = self.reading.scroll;
            if scroll == 0 {
                self.arrive();
            } else {
                self.scroll_to(scroll);
            }
        }
    }
}
