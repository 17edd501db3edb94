//! `Y`: the article's file path to the clipboard, for a shell or an editor.

use super::App;
use crate::tui::action::Effect;

impl App {
    /// The path of the article (shown, or selected in the list), absolute
    /// when the folder's path can be made so.
    pub(super) fn copy_path(&mut self, reader: bool) -> Option<Effect> {
        let i = if reader {
            self.reading.shown
        } else {
            self.selected_article()
        }?;
        let root = self.library.root();
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let path = root.join(&self.library.articles()[i].path);
        let path = crate::sanitize::sanitize_line(&path.to_string_lossy()).into_owned();
        self.message = Some(format!("copied {path}"));
        Some(Effect::Copy(path))
    }
}
