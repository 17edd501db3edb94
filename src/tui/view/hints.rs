//! The status bar's hints while a popup or the sources view has the keys:
//! the popup's own keys (which are not remapped), never the main screen's.

use crate::tui::app::{App, Popup};

/// The hints for the overlay on screen, or `None` on the main screen.
pub(super) fn overlay_hints(app: &App) -> Option<Vec<String>> {
    let hints: &[&str] = if app.sources().is_some() {
        &["Space expand", "Enter open", "s sort", "/ filter", "Esc close"]
    } else {
        match app.popup()? {
            Popup::Links { .. } => &["Enter open", "y copy", "/ filter", "j/k move", "Esc close"],
            Popup::Tags { .. } => &["Space tick", "Enter apply", "/ filter", "j/k move", "Esc close"],
            Popup::Contents { .. } => &["Enter jump", "/ filter", "j/k move", "Esc close"],
            Popup::Views { .. } => &["Enter show", "/ filter", "j/k move", "Esc close"],
            Popup::Help { .. } | Popup::Output { .. } => &["j/k scroll", "Esc close"],
            Popup::Folders { .. } | Popup::Translations { .. } => &["Enter show", "j/k move", "Esc close"],
        }
    };
    Some(hints.iter().map(|h| h.to_string()).collect())
}
