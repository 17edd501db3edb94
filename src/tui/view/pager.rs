//! The pager popup: what a piped command printed.

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};
use ratatui::Frame;

use super::{body_area, fit};
use crate::layout::width;
use crate::tui::theme::Theme;

/// Draws `lines` from `scroll` in a bordered popup over the body of the
/// screen, as wide as the widest line allows; long lines are cut.
pub(super) fn draw_output(frame: &mut Frame, theme: &Theme, title: &str, lines: &[String], scroll: usize) {
    let area = body_area(frame.area());
    let h = (lines.len() as u16).saturating_add(2).min(area.height);
    let room = usize::from(h.saturating_sub(2)).max(1);
    let scroll = scroll.min(lines.len().saturating_sub(room));
    let place = if lines.len() > room {
        format!(
            " {}-{}/{} j/k scroll, Esc closes ",
            scroll + 1,
            (scroll + room).min(lines.len()),
            lines.len()
        )
    } else {
        " Esc closes ".to_string()
    };
    let title = format!(" {title} ·{place}");
    let widest = lines
        .iter()
        .map(|l| width(l) + 4)
        .max()
        .unwrap_or(0)
        .max(width(&title) + 2);
    let w = (widest as u16).min(area.width);
    let popup = Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h);
    let inner_w = usize::from(w.saturating_sub(4)).max(1);
    let title = fit(&title, usize::from(w.saturating_sub(2)));
    let shown: Vec<Line> = lines[scroll..]
        .iter()
        .take(room)
        .map(|l| Line::from(fit(l, inner_w)))
        .collect();
    let block = Block::bordered()
        .title(Span::styled(title, theme.border().add_modifier(Modifier::BOLD)))
        .border_style(theme.border())
        .padding(Padding::horizontal(1));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(shown).block(block), popup);
}
