//! The sources view's filter line, and the saved views popup.

use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::popups::draw_filtered;
use crate::sanitize::sanitize_line;
use crate::tui::app::App;
use crate::tui::mode::ViewRow;
use crate::tui::theme::Theme;

/// The sources view's filter, on its bottom border (the view draws the rest).
pub(super) fn draw_sources_filter(frame: &mut Frame, app: &App, theme: &Theme, area: ratatui::layout::Rect) {
    let filter = app.popup_filter();
    if (filter.text.is_empty() && !filter.typing) || area.height < 2 || area.width < 8 {
        return;
    }
    let cursor = if filter.typing { "▏" } else { "" };
    let text = format!(" /{}{cursor} ", sanitize_line(&filter.text));
    let text = crate::tui::text::fit(&text, usize::from(area.width - 4));
    let w = crate::layout::width(&text) as u16;
    let at = ratatui::layout::Rect::new(area.x + 2, area.y + area.height - 1, w, 1);
    frame.render_widget(
        ratatui::widgets::Paragraph::new(Span::styled(text, theme.status_accent())),
        at,
    );
}

/// The saved views: name, unread and all articles, query.
pub(super) fn draw_views(frame: &mut Frame, app: &App, theme: &Theme, items: &[ViewRow], selected: usize) {
    let name_w = items.iter().map(|v| crate::layout::width(&v.name)).max().unwrap_or(0);
    let rows: Vec<Line> = items
        .iter()
        .map(|v| {
            let counts = match v.counts {
                Some((unread, all)) => format!("{unread:>4} unread {all:>5}"),
                None => format!("{:>4} unread {:>5}", "…", "…"),
            };
            let pad = name_w - crate::layout::width(&v.name);
            Line::from(vec![
                Span::raw(format!("{}{}  ", sanitize_line(&v.name), " ".repeat(pad))),
                Span::styled(counts, theme.dim()),
                Span::raw("  "),
                Span::raw(sanitize_line(&v.query).into_owned()),
            ])
        })
        .collect();
    draw_filtered(frame, app, theme, " Views: Enter shows ", rows, selected, 1);
}
