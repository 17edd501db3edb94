//! The pictures of the reading pane, drawn on the rows the layout made for
//! them: what the picture worker made, else a line saying why not (yet).
//! Nothing is decoded or encoded here.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use ratatui_image::sliced::{SignedPosition, SlicedImage};

use super::super::app::{App, PictureShown};
use super::super::text::fit;
use super::super::theme::Theme;
use crate::layout::{Layout, Role, Style};

/// Draws the pictures of `layout` that are on screen in the reading pane
/// `area`. Not under an overlay: a graphics protocol would draw over it.
pub(super) fn draw(frame: &mut Frame, app: &App, theme: &Theme, layout: &Layout, area: Rect) {
    if layout.pictures.is_empty() || app.mode().overlay.is_some() || app.side_by_side() {
        return;
    }
    let scroll = app.reading.scroll;
    // The sticky section heading covers the first row.
    let sticky = layout
        .section_at(scroll)
        .is_some_and(|h| h.line < scroll && area.height > 2);
    let top = u16::from(sticky);
    let area = Rect::new(area.x, area.y + top, area.width, area.height.saturating_sub(top));
    let first = scroll + usize::from(top);
    let height = usize::from(area.height);
    for picture in &layout.pictures {
        if picture.line + picture.rows <= first || picture.line >= first + height {
            continue;
        }
        // Within (-rows, height): the picture overlaps the pane.
        let y = (picture.line as i64 - first as i64) as i16;
        match app.picture(picture) {
            PictureShown::Ready(made) => {
                frame.render_widget(SlicedImage::new(made, SignedPosition { x: 0, y }), area);
            }
            PictureShown::Failed(why) => note(frame, theme, area, y, &format!("⚠ picture not shown: {why}")),
            PictureShown::Pending => note(frame, theme, area, y, "⋯ picture loading"),
        }
    }
}

/// A dim line on row `y` of `area`, when that row is in it.
fn note(frame: &mut Frame, theme: &Theme, area: Rect, y: i16, text: &str) {
    let Ok(y) = u16::try_from(y) else { return };
    if y >= area.height {
        return;
    }
    let text = fit(&crate::sanitize::sanitize_line(text), usize::from(area.width));
    let line = Line::from(Span::styled(text, theme.text(Style::role(Role::Note))));
    frame.render_widget(Paragraph::new(line), Rect::new(area.x, area.y + y, area.width, 1));
}
