//! Article bodies read off the loop's thread.
//!
//! In the running reader ([`App::background_bodies`]) the loop never reads
//! an article's file: an article whose body is not in memory is drawn as its
//! header and a note, its body is asked for ([`App::take_body_request`]),
//! and the runtime reads it on another thread and says when it is in. So a
//! huge file, or one on a slow disk, never holds up the keys. (Tests that
//! drive `update` alone read bodies in place.)

use super::App;

impl App {
    /// True when the body of article `index` can be laid out now without
    /// reading a file on this thread.
    pub fn body_ready(&self, index: usize) -> bool {
        !self.background_bodies || self.library.body_is_read(index)
    }

    /// Notes that the body of `index` is wanted (it is not in memory).
    pub(super) fn want_body(&mut self, index: usize) {
        if self.body_asked != Some(index) {
            self.body_wanted = Some(index);
        }
    }

    /// The body the runtime should read next, once; the runtime answers
    /// with [`crate::tui::action::Action::BodyRead`].
    pub fn take_body_request(&mut self) -> Option<usize> {
        let index = self.body_wanted.take()?;
        if self.library.body_is_read(index) {
            return None;
        }
        self.body_asked = Some(index);
        Some(index)
    }

    /// A body is in: the layouts made while it was missing are dropped.
    pub(super) fn body_read(&mut self, index: usize) {
        if self.body_asked == Some(index) {
            self.body_asked = None;
        }
        self.drop_layouts_of(index);
        // The place kept while waiting is the top of the article.
        if self.reading.shown == Some(index) {
            let scroll = self.reading.scroll;
            self.scroll_to(scroll);
        }
    }
}
