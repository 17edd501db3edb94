//! The counts at the right of the status bar: the find's place among its
//! matches, the folder's name with unread/shown/total articles.

use crate::tui::app::App;

/// `3/17` for a find (while one is active), then `folder 2/5/12`: unread
/// articles among those shown, shown (`+…` while the text is still being
/// searched), and all.
pub(super) fn counts(app: &App, shown: usize, more: &str, total: usize) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(status) = app
        .find()
        .and_then(|f| f.status())
        .filter(|_| app.panes().reader.is_some())
    {
        out.push(status);
    }
    let folder = app
        .library
        .root()
        .file_name()
        .map(|n| crate::sanitize::sanitize_line(&n.to_string_lossy()).into_owned())
        .unwrap_or_default();
    let folder = super::fit(&folder, 24);
    let unread = app.unread_shown();
    out.push(if folder.is_empty() {
        format!("{unread}/{shown}{more}/{total}")
    } else {
        format!("{folder} {unread}/{shown}{more}/{total}")
    });
    out
}
