//! The reading pane's pictures: its layouts with rows for them, and which
//! of them the worker should make (see [`crate::tui::pictures`]). Drawing
//! only looks up what was made.

use std::collections::HashMap;
use std::rc::Rc;

use ratatui_image::picker::Picker;
use ratatui_image::sliced::SlicedProtocol;

use super::App;
use crate::layout::{with_pictures, Layout, Picture};
use crate::tui::pictures::{local_file, Done, Key, Pictures};

/// Layouts with pictures, by (article, width): the plain layout each was
/// made from, the page height it was made for, and the layout.
pub(super) type Pictured = HashMap<(usize, usize), (Rc<Layout>, usize, Rc<Layout>)>;

/// What the reading pane shows of a picture.
pub enum Shown<'a> {
    /// The picture, encoded for the terminal.
    Ready(&'a SlicedProtocol),
    /// Why it cannot be shown.
    Failed(&'a str),
    /// It is being made.
    Pending,
}

impl App {
    /// Shows local pictures inline, drawn with `picker`'s protocol.
    pub fn with_pictures(mut self, picker: Picker) -> App {
        self.pictures = Pictures::new(picker);
        self.pictured.clear();
        self.prepare();
        self
    }

    /// The rows a picture may take: the reading pane less two lines, so that
    /// a picture is seen whole with its caption line.
    fn picture_rows(&self) -> usize {
        self.page_height().saturating_sub(2).max(1)
    }

    /// `plain`, the layout of article `index` at `width`, with rows for its
    /// pictures (made once per page height).
    pub(super) fn pictured(&mut self, index: usize, width: usize, plain: Rc<Layout>) -> Rc<Layout> {
        // Not before the body is read (off the loop): the document would be
        // read here otherwise.
        if !self.pictures.enabled() || !self.body_ready(index) {
            return plain;
        }
        let height = self.picture_rows();
        if let Some((from, h, layout)) = self.pictured.get(&(index, width)) {
            if Rc::ptr_eq(from, &plain) && *h == height {
                return Rc::clone(layout);
            }
        }
        let doc = self.library.document(index);
        let layout = if doc.images.is_empty() {
            Rc::clone(&plain)
        } else {
            let source = &self.library.articles()[index].source;
            let pictures = &mut self.pictures;
            Rc::new(with_pictures(&plain, &doc, |n| {
                doc.links
                    .get(n.wrapping_sub(1))
                    .and_then(|l| local_file(source, &l.url))
                    .map_or(0, |path| pictures.rows(&path, width, height))
            }))
        };
        if self.pictured.len() > 16 {
            self.pictured.clear();
        }
        self.pictured
            .insert((index, width), (plain, height, Rc::clone(&layout)));
        layout
    }

    /// [`App::pictured`] as already made, else `plain` (drawing only reads).
    pub(super) fn prepared_pictured(&self, key: (usize, usize), plain: Rc<Layout>) -> Rc<Layout> {
        match self.pictured.get(&key) {
            Some((from, h, layout)) if Rc::ptr_eq(from, &plain) && *h == self.picture_rows() => Rc::clone(layout),
            _ => plain,
        }
    }

    /// Asks the worker for the pictures on screen and a page either side.
    pub(super) fn want_pictures(&mut self) {
        if !self.pictures.enabled() || self.side_by_side() {
            return;
        }
        let Some(layout) = self.prepared_layout() else { return };
        let page = self.page_height();
        let (from, to) = (self.reading.scroll.saturating_sub(page), self.reading.scroll + 2 * page);
        let keys: Vec<Key> = layout
            .pictures
            .iter()
            .filter(|p| p.line + p.rows > from && p.line < to)
            .filter_map(|p| self.picture_key(p))
            .collect();
        for key in keys {
            self.pictures.want(key);
        }
    }

    /// Which file a picture of the shown article shows, at which size.
    fn picture_key(&self, picture: &Picture) -> Option<Key> {
        let index = self.reading.shown?;
        let link = self.library.links(index).get(picture.link.checked_sub(1)?)?;
        let path = local_file(&self.library.articles()[index].source, &link.url)?;
        self.pictures.key(&path, self.text_width(), picture.rows)
    }

    /// What the reading pane shows of a picture of the shown article.
    pub fn picture(&self, picture: &Picture) -> Shown<'_> {
        let Some(key) = self.picture_key(picture) else {
            return Shown::Pending;
        };
        match (self.pictures.get(&key), self.pictures.failure(&key)) {
            (Some(ready), _) => Shown::Ready(ready),
            (None, Some(why)) => Shown::Failed(why),
            (None, None) => Shown::Pending,
        }
    }

    /// Keeps a picture the worker made. One that could not be made keeps a
    /// single row, for the reason: the layouts are made again.
    pub fn picture_done(&mut self, done: Done) {
        if self.pictures.done(done) {
            self.pictured.clear();
            self.prepare();
        }
    }

    /// Makes the pictures asked for here and now (what the worker does; for
    /// tests).
    pub fn finish_pictures(&mut self) {
        for request in self.pictures.take_requests() {
            let made = crate::tui::pictures::encode(&request);
            self.picture_done((request.key, made));
        }
    }
}
