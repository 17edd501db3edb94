//! The full-screen reader (being built: see issue 3).

use crate::library::Library;

/// Options of the reader.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Capture the mouse.
    pub mouse: bool,
    /// Show drafts.
    pub drafts: bool,
}

/// Runs the reader until the user quits.
pub fn run(_library: Library, _options: Options) -> std::io::Result<()> {
    Err(std::io::Error::other(
        "the full-screen reader is not built yet; use `kiosk list` and `kiosk show`",
    ))
}
