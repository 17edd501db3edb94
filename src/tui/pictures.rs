//! Pictures in the reading pane: which local file a picture's link names,
//! how many rows it takes (from the file's header, read when the layout is
//! made), its decoding and encoding for the terminal's graphics protocol (on
//! a worker thread, see [`encode`]), and the encoded results, kept for
//! drawing.
//!
//! Only files beside the article are shown (a relative path; never a URL,
//! never an absolute path), of at most [`MAX_FILE_BYTES`] and
//! [`MAX_PIXELS`]; anything else keeps its text line alone.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use image::ImageReader;
use ratatui::layout::Size;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::sliced::SlicedProtocol;
use ratatui_image::{FontSize, Resize};

use super::theme::Theme;

/// The largest picture file read.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The most pixels a picture may have (its header says how many before
/// anything is decoded): 40 megapixels, a large camera's photo.
pub const MAX_PIXELS: u64 = 40_000_000;

/// The longest side a picture may have.
const MAX_SIDE: u32 = 16_384;

/// The most memory the decoder may take for one picture.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// At most this many encoded pictures are kept.
const KEEP: usize = 24;

/// The name of the worker thread (the panic hook leaves the terminal alone
/// when a decoder panics there: the reader goes on).
pub const WORKER: &str = "kiosk-pictures";

/// One picture at one size in cells: what is asked of the worker and what
/// its results are kept by.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// The file.
    pub path: PathBuf,
    /// Columns.
    pub cols: u16,
    /// Rows.
    pub rows: u16,
}

/// A picture for the worker to decode and encode.
#[derive(Clone, Debug)]
pub struct Request {
    /// Which picture, at which size.
    pub key: Key,
    /// The terminal's protocol and cell size.
    pub picker: Picker,
}

/// The worker's answer: the picture encoded for the terminal, or why not.
pub type Done = (Key, Result<SlicedProtocol, String>);

/// The pictures of the reader: off, or the protocol to draw them with and
/// everything known about them so far.
#[derive(Default)]
pub struct Pictures {
    picker: Option<Picker>,
    /// The pixel size of each file, from its header; `None`: not a picture
    /// that can be shown (missing, too large, another format).
    sizes: HashMap<PathBuf, Option<(u32, u32)>>,
    ready: HashMap<Key, SlicedProtocol>,
    /// Files whose header was read but whose data could not be made into a
    /// picture, and why: they get one row, for the reason.
    failed: HashMap<PathBuf, String>,
    asked: HashSet<Key>,
    requests: Vec<Request>,
}

impl Pictures {
    /// Pictures drawn with `picker`'s protocol.
    pub fn new(picker: Picker) -> Pictures {
        Pictures {
            picker: Some(picker),
            ..Pictures::default()
        }
    }

    /// True when pictures are shown at all.
    pub fn enabled(&self) -> bool {
        self.picker.is_some()
    }

    /// The rows a picture at `path` takes at `cols` columns when at most
    /// `max_rows` are free: its size scaled down (never up) to fit, in
    /// cells; 0 when it cannot be shown (its text line stands alone).
    pub fn rows(&mut self, path: &Path, cols: usize, max_rows: usize) -> usize {
        let Some(picker) = &self.picker else { return 0 };
        let font = picker.font_size();
        let size = *self
            .sizes
            .entry(path.to_path_buf())
            .or_insert_with(|| header_size(path));
        if self.failed.contains_key(path) {
            return size.map_or(0, |_| 1);
        }
        size.map_or(0, |px| cells(px, font, cols, max_rows).1)
    }

    /// The cell size of a picture whose rows [`Pictures::rows`] gave.
    pub fn key(&self, path: &Path, cols: usize, rows: usize) -> Option<Key> {
        let font = self.picker.as_ref()?.font_size();
        let px = (*self.sizes.get(path)?)?;
        let (c, r) = cells(px, font, cols, rows);
        Some(Key {
            path: path.to_path_buf(),
            cols: c as u16,
            rows: r as u16,
        })
    }

    /// Asks for a picture unless it is ready, failed or already asked for.
    pub fn want(&mut self, key: Key) {
        let Some(picker) = &self.picker else { return };
        if self.asked.contains(&key) || self.failed.contains_key(&key.path) {
            return;
        }
        self.asked.insert(key.clone());
        self.requests.push(Request {
            key,
            picker: picker.clone(),
        });
    }

    /// The pictures asked for since the last call, for the worker.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }

    /// Keeps what the worker made; true when it could not make it (the
    /// picture's rows shrink to one, for the reason).
    pub fn done(&mut self, (key, result): Done) -> bool {
        if self.ready.len() >= KEEP {
            // Forgotten pictures are made again when they are next shown.
            self.ready.clear();
            self.asked.retain(|k| self.failed.contains_key(&k.path));
        }
        match result {
            Ok(picture) => {
                self.ready.insert(key, picture);
            }
            Err(why) => {
                self.failed.insert(key.path, why);
                return true;
            }
        }
        false
    }

    /// The encoded picture, when it is ready.
    pub fn get(&self, key: &Key) -> Option<&SlicedProtocol> {
        self.ready.get(key)
    }

    /// Why a picture cannot be shown, when it cannot.
    pub fn failure(&self, key: &Key) -> Option<&str> {
        self.failed.get(&key.path).map(String::as_str)
    }
}

/// The protocol to draw pictures with, asked of the terminal: Kitty,
/// iTerm2 or Sixel graphics, else coloured half blocks; `None` when it can
/// draw none (half blocks are nothing but colours, and `theme` has none).
/// The terminal's answers are read from standard input: ask before anything
/// else reads it.
pub fn picker(theme: &Theme) -> Option<Picker> {
    let picker = Picker::from_query_stdio().ok()?;
    (picker.protocol_type() != ProtocolType::Halfblocks || !theme.is_mono()).then_some(picker)
}

/// Starts the worker thread: it makes each picture asked for on the
/// returned channel and hands it to `send` (the runtime sends it on as an
/// event), until `send` says no one listens.
pub fn spawn_worker(send: impl Fn(Done) -> bool + Send + 'static) -> mpsc::Sender<Request> {
    let (tx, rx) = mpsc::channel::<Request>();
    let worker = move || {
        for request in rx {
            let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| encode(&request)));
            let result = made.unwrap_or_else(|_| Err("the decoder failed on it".to_string()));
            if !send((request.key, result)) {
                return;
            }
        }
    };
    // Without the thread, pictures stay "loading": the reader goes on.
    let _ = std::thread::Builder::new().name(WORKER.to_string()).spawn(worker);
    tx
}

/// The file a picture's link names: a relative path (its `%20`s decoded, a
/// `?query` or `#part` dropped) beside the article at `article`; `None` for
/// a URL, an absolute path or anything not named like a picture file.
pub fn local_file(article: &Path, src: &str) -> Option<PathBuf> {
    let src = src.trim();
    if src.is_empty() || src.starts_with('/') || src.starts_with('\\') || src.contains(':') {
        return None;
    }
    let base = url::Url::from_file_path(std::path::absolute(article).ok()?).ok()?;
    let url = base.join(src).ok()?;
    if url.scheme() != "file" {
        return None;
    }
    let path = url.to_file_path().ok()?;
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    ["png", "jpg", "jpeg", "gif", "webp"]
        .contains(&ext.as_str())
        .then_some(path)
}

/// The pixel size in a picture file's header, if it is a picture kiosk can
/// show: a regular file of at most [`MAX_FILE_BYTES`] in a known format, of
/// at most [`MAX_PIXELS`]. Reads only as far as the header.
fn header_size(path: &Path) -> Option<(u32, u32)> {
    let file = crate::safe_open::open_regular(path).ok()?;
    if file.metadata().ok()?.len() > MAX_FILE_BYTES {
        return None;
    }
    let reader = ImageReader::new(BufReader::new(file.take(MAX_FILE_BYTES)))
        .with_guessed_format()
        .ok()?;
    let (w, h) = reader.into_dimensions().ok()?;
    fits(w, h).then_some((w, h))
}

fn fits(w: u32, h: u32) -> bool {
    w > 0 && h > 0 && w <= MAX_SIDE && h <= MAX_SIDE && u64::from(w) * u64::from(h) <= MAX_PIXELS
}

/// The cells a picture of `px` pixels takes at most `cols` wide and
/// `max_rows` high: its own size, or less keeping its shape.
fn cells((w, h): (u32, u32), font: FontSize, cols: usize, max_rows: usize) -> (usize, usize) {
    let (fw, fh) = (f64::from(font.width.max(1)), f64::from(font.height.max(1)));
    let (w, h) = (f64::from(w), f64::from(h));
    let scale = (cols as f64 * fw / w).min(max_rows as f64 * fh / h).min(1.0);
    let c = ((w * scale / fw).ceil() as usize).clamp(1, cols.max(1));
    let r = ((h * scale / fh).ceil() as usize).clamp(1, max_rows.max(1));
    (c, r)
}

/// Decodes a picture and encodes it for the terminal at its size in cells
/// (the worker's job, off the input thread). A file that changed into
/// something that is not a picture, a truncated or hostile one, gives the
/// reason instead.
pub fn encode(request: &Request) -> Result<SlicedProtocol, String> {
    let key = &request.key;
    let bytes = crate::safe_open::read_regular(&key.path, MAX_FILE_BYTES).map_err(|e| e.to_string())?;
    let reader = || -> Result<ImageReader<Cursor<&[u8]>>, String> {
        let mut reader = ImageReader::new(Cursor::new(&bytes[..]))
            .with_guessed_format()
            .map_err(|e| e.to_string())?;
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        limits.max_alloc = Some(MAX_ALLOC);
        reader.limits(limits);
        Ok(reader)
    };
    let (w, h) = reader()?.into_dimensions().map_err(|e| e.to_string())?;
    if !fits(w, h) {
        return Err(format!("{w}×{h} pixels is too large"));
    }
    let picture = reader()?.decode().map_err(|e| e.to_string())?;
    let size = Size::new(key.cols, key.rows);
    let fit = Resize::Fit(Some(image::imageops::FilterType::Triangle));
    SlicedProtocol::new_with_resize(&request.picker, picture, size, fit).map_err(|e| e.to_string())
}

#[cfg(test)]
#[path = "pictures_tests.rs"]
mod tests;
