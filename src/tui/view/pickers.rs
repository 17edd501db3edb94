//! The folder picker (`F`) and the translation picker (`B`).

use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::popups::draw_picker;
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// Every folder with its article count, indented under its parent.
pub(super) fn draw_folders(frame: &mut Frame, theme: &Theme, items: &[(Option<String>, usize)], selected: usize) {
    let rows: Vec<Line> = items
        .iter()
        .map(|(section, count)| {
            let (indent, name) = match section.as_deref() {
                None => (0, "every folder".to_string()),
                Some("/") => (1, "/ (top)".to_string()),
                Some(s) => {
                    let depth = s.matches('/').count() + 1;
                    (depth, s.rsplit('/').next().unwrap_or(s).to_string())
                }
            };
            Line::from(vec![
                Span::raw(format!("{}{name} ", "  ".repeat(indent))),
                Span::styled(format!("({count})"), theme.dim()),
            ])
        })
        .collect();
    draw_picker(frame, theme, " Folders: Enter shows, Esc closes ", rows, selected, 1);
}

/// The shown article's translations: language and title.
pub(super) fn draw_translations(frame: &mut Frame, app: &App, theme: &Theme, items: &[usize], selected: usize) {
    let max = usize::from(frame.area().width.saturating_sub(12)).max(10);
    let articles = app.library.articles();
    let lang_w = items
        .iter()
        .filter_map(|&i| articles[i].lang_code())
        .map(crate::layout::width)
        .max()
        .unwrap_or(2);
    let rows: Vec<Line> = items
        .iter()
        .map(|&i| {
            let a = &articles[i];
            let lang = format!("{:<lang_w$}", a.lang_code().unwrap_or("?"));
            Line::from(vec![
                Span::styled(lang, theme.badge()),
                Span::raw(" "),
                Span::raw(super::fit(&a.title, max.saturating_sub(lang_w + 1))),
            ])
        })
        .collect();
    draw_picker(
        frame,
        theme,
        " Translations: Enter shows, Esc closes ",
        rows,
        selected,
        1,
    );
}
