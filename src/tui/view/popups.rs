//! The popups: pickers (contents, tags, links) and the help screen.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};
use ratatui::Frame;

use super::{body_area, fit};
use crate::layout::width;
use crate::sanitize::sanitize_line;
use crate::tui::app::App;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

/// A rectangle of at most `w` x `h` centred in `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
}

/// A bordered popup listing `rows`, keeping `selected` (of `per_item` rows each) visible.
pub(super) fn draw_picker(
    frame: &mut Frame,
    theme: &Theme,
    title: &str,
    rows: Vec<Line>,
    selected: usize,
    per_item: usize,
) {
    draw_picker_with(frame, theme, (title, None), rows, selected, per_item);
}

/// [`draw_picker`] with a line on the bottom border (a filter).
pub(super) fn draw_picker_with(
    frame: &mut Frame,
    theme: &Theme,
    (title, footer): (&str, Option<String>),
    rows: Vec<Line>,
    selected: usize,
    per_item: usize,
) {
    let area = body_area(frame.area());
    let footer_w = footer.as_deref().map_or(0, width);
    let widest = rows
        .iter()
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .max(width(title))
        .max(footer_w);
    let popup = centered(
        area,
        (widest as u16).saturating_add(4).max(24),
        (rows.len() as u16).saturating_add(2),
    );
    let inner_h = usize::from(popup.height.saturating_sub(2)).max(1);
    let first_row = (selected * per_item + per_item).saturating_sub(inner_h);
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i / per_item == selected {
                // The row's own colours would fight the highlight (grey on blue).
                let plain: Vec<Span> = l.spans.into_iter().map(|s| Span::raw(s.content)).collect();
                Line::from(plain).style(theme.selected(true))
            } else {
                l
            }
        })
        .skip(first_row)
        .collect();
    // A narrow screen cuts the title with an ellipsis, never mid-word bare.
    let mut block = Block::bordered()
        .title(Span::styled(
            fit(title, usize::from(popup.width.saturating_sub(2))),
            theme.border().add_modifier(Modifier::BOLD),
        ))
        .border_style(theme.border())
        .padding(Padding::horizontal(1));
    if let Some(footer) = footer {
        block = block.title_bottom(Span::styled(footer, theme.status_accent()));
    }
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

pub(super) fn draw_links(frame: &mut Frame, app: &App, theme: &Theme, selected: usize) {
    let Some(i) = app.reading.shown else { return };
    let links = app.library.links(i).to_vec();
    let max = usize::from(frame.area().width.saturating_sub(6)).max(10);
    let marker_w = format!("[{}] ", links.len()).len();
    let mut rows = Vec::new();
    for link in &links {
        let marker = format!("{:<marker_w$}", format!("[{}]", link.n));
        let text = fit(&link.text, max.saturating_sub(marker_w));
        rows.push(Line::from(vec![
            Span::styled(
                marker,
                theme.text(crate::layout::Style::role(crate::layout::Role::LinkMarker)),
            ),
            Span::raw(text),
        ]));
        let mut detail = match &link.title {
            Some(t) => format!("{} · {}", crate::sources::domain(&link.url), t),
            None => crate::sources::domain(&link.url),
        };
        if let Some(t) = app.targets().resolve(&app.library, i, &link.url) {
            let title = &app.library.articles()[t.article].title;
            detail = match (&t.fragment, t.article == i) {
                (Some(f), true) => format!("↪ #{f} in this article"),
                (Some(f), false) => format!("↪ {title} #{f}"),
                (None, _) => format!("↪ {title}"),
            };
        } else if app.saved_as(&link.url).is_some() {
            detail = format!("✓ saved · {detail}");
        } else if app.inside.jobs.saving.iter().any(|(u, _)| *u == link.url) {
            detail = format!("saving… · {detail}");
        }
        rows.push(Line::from(vec![
            Span::raw(" ".repeat(marker_w)),
            Span::styled(fit(&detail, max.saturating_sub(marker_w)), theme.dim()),
        ]));
    }
    draw_filtered(
        frame,
        app,
        theme,
        " Links: Enter opens, a saves, o browser, y copies, Esc closes ",
        rows,
        selected,
        2,
    );
}

pub(super) fn draw_help(frame: &mut Frame, keymap: &Keymap, theme: &Theme, scroll: usize) {
    let rows = keymap.help_rows();
    let key_w = rows.iter().map(|(k, _, _)| width(k)).max().unwrap_or(0);
    let mut lines = Vec::new();
    let mut context = None;
    // What a description has beside its keys: a narrow screen cuts it with
    // an ellipsis.
    let room = usize::from(body_area(frame.area()).width).saturating_sub(key_w + 8);
    for (keys, help, ctx) in rows {
        if context != Some(ctx) {
            if context.is_some() {
                lines.push(Line::from(""));
            }
            let heading = match ctx {
                Context::Main => "Reading",
                Context::Popup | Context::Search | Context::Filter => {
                    "In lists (links, tags, contents, views, sources)"
                }
            };
            lines.push(Line::from(Span::styled(
                heading,
                theme.border().add_modifier(Modifier::BOLD),
            )));
            context = Some(ctx);
        }
        let pad = key_w - width(&keys);
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {keys}{}  ", " ".repeat(pad)),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw(fit(help, room.max(1))),
        ]));
    }
    let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    let popup = centered(
        body_area(frame.area()),
        widest.saturating_add(4),
        (lines.len() as u16).saturating_add(2),
    );
    let room = usize::from(popup.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(room));
    let title = if lines.len() > room {
        " Keys (j/k scroll, Esc closes) "
    } else {
        " Keys (Esc closes) "
    };
    let title = fit(title, usize::from(popup.width.saturating_sub(2)));
    let block = Block::bordered()
        .title(Span::styled(title, theme.border().add_modifier(Modifier::BOLD)))
        .border_style(theme.border())
        .padding(Padding::horizontal(1));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll as u16, 0)), popup);
}

/// Draws a list popup of `rows` (`per_item` rows an item) through the
/// popup's filter (see `app/picker.rs`): only the items it lets through,
/// best match first, with the filter on the bottom border; `selected` is
/// an item.
pub(super) fn draw_filtered(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    title: &str,
    rows: Vec<Line<'static>>,
    selected: usize,
    per_item: usize,
) {
    let filter = app.popup_filter();
    if filter.text.is_empty() && !filter.typing {
        draw_picker(frame, theme, title, rows, selected, per_item);
        return;
    }
    let per_item = per_item.max(1);
    let total = rows.len() / per_item;
    let shown = app.popup_shown();
    let at = shown.iter().position(|&i| i == selected).unwrap_or(0);
    let mut kept: Vec<Line> = Vec::new();
    for &i in &shown {
        kept.extend(rows.iter().skip(i * per_item).take(per_item).cloned());
    }
    let (kept, per_item) = if kept.is_empty() {
        (vec![Line::from(Span::styled("nothing matches", theme.dim()))], 1)
    } else {
        (kept, per_item)
    };
    let cursor = if filter.typing { "▏" } else { "" };
    let footer = format!(" /{}{cursor} {} of {total} ", sanitize_line(&filter.text), shown.len());
    draw_picker_with(frame, theme, (title, Some(footer)), kept, at, per_item);
}
