//! The status bar's echo of the list query while it is typed: what the
//! query was read as, or what is wrong with it.

use crate::sanitize::sanitize_line;
use crate::tui::app::App;

/// The query in words (`tag Staat · not "oracle"`), or its mistake
/// (`✗ "exact needs a closing quote (at character 1)`); `None` for no query.
pub(super) fn echo(app: &App) -> Option<String> {
    let text = match app.query_error() {
        Some(e) => format!("✗ {e}"),
        None if app.search().is_empty() => return None,
        None => app.search().describe(),
    };
    Some(sanitize_line(&text).into_owned())
}
