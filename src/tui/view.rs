//! Drawing the app: list pane, reading pane, status bar and popups.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;

use crate::layout::width;

use super::action::Action;
use super::app::{App, Focus, Popup};
pub use super::text::fit;
use super::theme::Theme;

mod counts;
mod filtered;
mod found;
mod hints;
mod list_row;
mod pager;
mod pickers;
mod pictures;
mod popups;
mod query_echo;

use filtered::draw_views;
use popups::{draw_filtered, draw_help, draw_links};

/// A link marker on screen and the URL it opens (for OSC 8 hyperlinks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkCell {
    /// Column of the marker's first cell.
    pub x: u16,
    /// Row.
    pub y: u16,
    /// The marker as drawn, e.g. `[3]`.
    pub text: String,
    /// The URL (already checked by [`super::app::check_url`]).
    pub url: String,
}

/// Draws the whole screen: the main screen the mode names, the status bar,
/// then whatever overlay the mode has on top. Only reads: the layouts were
/// made by [`App::prepare`].
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let panes = app.panes();
    if app.side_by_side() {
        draw_side_by_side(frame, app, theme, body_area(area));
    } else {
        if let Some(list) = panes.list {
            draw_list(frame, app, theme, list);
        }
        if let Some(sep) = panes.separator {
            let bar = Block::new().borders(Borders::LEFT).border_style(theme.dim());
            frame.render_widget(bar, sep);
        }
        if let Some(reader) = panes.reader {
            draw_reader(frame, app, theme, reader);
        }
    }
    if let Some(status) = panes.status {
        draw_status(frame, app, theme, status);
    }
    if let Some(sources) = app.sources() {
        sources.draw(frame, &app.library, theme, body_area(area));
        filtered::draw_sources_filter(frame, app, theme, body_area(area));
    }
    match app.popup() {
        Some(Popup::Help { scroll }) => draw_help(frame, &app.keymap, theme, *scroll),
        Some(Popup::Links { selected }) => draw_links(frame, app, theme, *selected),
        Some(Popup::Contents { selected }) => {
            if let Some(layout) = app.prepared_layout() {
                let top = layout.headings.iter().map(|h| h.level).min().unwrap_or(1);
                let rows: Vec<Line> = layout
                    .headings
                    .iter()
                    .map(|h| Line::from(format!("{}{}", "  ".repeat(usize::from(h.level - top)), h.text)))
                    .collect();
                draw_filtered(
                    frame,
                    app,
                    theme,
                    " Contents: Enter jumps, Esc closes ",
                    rows,
                    *selected,
                    1,
                );
            }
        }
        Some(Popup::Folders { items, selected }) => pickers::draw_folders(frame, theme, items, *selected),
        Some(Popup::Translations { items, selected }) => {
            pickers::draw_translations(frame, app, theme, items, *selected)
        }
        Some(Popup::Tags {
            items,
            selected,
            chosen,
        }) => {
            let rows: Vec<Line> = items
                .iter()
                .map(|(tag, count)| {
                    let mark = if chosen.contains(tag) { "[x]" } else { "[ ]" };
                    let line = Line::from(format!("{mark} {tag} ({count})"));
                    // None of the articles shown carries it.
                    if *count == 0 {
                        line.style(theme.dim())
                    } else {
                        line
                    }
                })
                .collect();
            draw_filtered(
                frame,
                app,
                theme,
                " Tags: Space toggles, Enter applies, Esc closes ",
                rows,
                *selected,
                1,
            );
        }
        Some(Popup::Views { items, selected }) => draw_views(frame, app, theme, items, *selected),
        Some(Popup::Output { title, lines, scroll }) => pager::draw_output(frame, theme, title, lines, *scroll),
        None => {}
    }
}

fn draw_list(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    if app.list.visible.is_empty() {
        let mut lines = vec![Line::from(Span::styled(
            if app.library.articles().is_empty() {
                "No articles in this folder."
            } else {
                "No articles match"
            },
            Style::new().add_modifier(Modifier::BOLD),
        ))];
        let filters = app.filter_summary();
        if !filters.is_empty() {
            lines.push(Line::from(filters.join(" · ")));
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled("x clears the filters", theme.dim())));
        }
        let lines: Vec<Line> = lines.into_iter().map(|l| l.centered()).collect();
        let top = area.height.saturating_sub(lines.len() as u16) / 2;
        let inner = Rect::new(area.x, area.y + top, area.width, area.height - top);
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let w = usize::from(area.width);
    let shown = crate::tui::columns::fitting(&app.columns, app.list_facts(), w);
    let focused = app.focus() == Focus::List;
    let rows: Vec<Line> = app
        .list
        .visible
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(usize::from(area.height))
        .map(|(pos, &i)| {
            let spans = list_row::row(app, theme, i, w, &shown);
            if pos == app.list.selected {
                // The selection's colours replace the row's own (a dim date
                // on a grey bar would vanish).
                let plain: Vec<Span> = spans
                    .into_iter()
                    .map(|s| {
                        if s.style == theme.found(false) {
                            s
                        } else {
                            Span::raw(s.content)
                        }
                    })
                    .collect();
                Line::from(plain).style(theme.selected(focused))
            } else {
                Line::from(spans)
            }
        })
        .collect();
    let rows: Vec<Line> = rows
        .into_iter()
        .map(|l| {
            let pad = w.saturating_sub(l.width());
            let style = l.style;
            let mut l = l;
            l.spans.push(Span::raw(" ".repeat(pad)));
            l.style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), area);
}

fn draw_reader(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let Some(layout) = app.prepared_layout() else { return };
    let height = usize::from(area.height);
    let find = app.find();
    let lines: Vec<Line> = layout
        .lines
        .iter()
        .enumerate()
        .skip(app.reading.scroll)
        .take(height)
        .map(|(k, l)| match find {
            Some(f) => found::mark_line(styled(l, theme), f.on_line(k), |c| theme.found(c)),
            None => styled(l, theme),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    pictures::draw(frame, app, theme, &layout, area);
    // Scrolled into a section: its heading stays on the first row.
    if let Some(h) = layout
        .section_at(app.reading.scroll)
        .filter(|h| h.line < app.reading.scroll && area.height > 2)
    {
        let text = fit(&format!("§ {}", h.text), usize::from(area.width));
        let pad = usize::from(area.width).saturating_sub(width(&text));
        let style = theme.text(crate::layout::Style::role(crate::layout::Role::Heading(h.level)));
        let sticky = Line::from(vec![Span::styled(text, style), Span::raw(" ".repeat(pad))]).style(theme.status());
        frame.render_widget(Paragraph::new(sticky), Rect::new(area.x, area.y, area.width, 1));
    }
    let total = layout.lines.len();
    let bar = app.panes().scrollbar(frame.area().width).filter(|_| !layout.partial);
    if let (true, Some(bar_area)) = (total > height, bar) {
        let mut state = ScrollbarState::new(total.saturating_sub(height)).position(app.reading.scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .track_style(theme.dim())
            .thumb_symbol("┃");
        frame.render_stateful_widget(bar, bar_area, &mut state);
    }
}

/// Where the link markers of the reading pane are on screen, with the URLs
/// they open (only URLs that may be opened: a refused scheme never becomes a
/// hyperlink). Empty while anything covers the reading pane.
pub fn link_cells(app: &App) -> Vec<LinkCell> {
    let (Some(area), Some(layout), None) = (app.panes().reader, app.prepared_layout(), &app.mode().overlay) else {
        return Vec::new();
    };
    if app.side_by_side() {
        return Vec::new();
    }
    let Some(links) = app.reading.shown.map(|i| app.library.links(i)) else {
        return Vec::new();
    };
    let mut cells = Vec::new();
    for (row, line) in layout
        .lines
        .iter()
        .skip(app.reading.scroll)
        .take(usize::from(area.height))
        .enumerate()
    {
        let mut x = 0usize;
        for span in &line.spans {
            if span.style.role == crate::layout::Role::LinkMarker {
                let n: Option<usize> = span
                    .text
                    .trim()
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .parse()
                    .ok();
                let url = n.and_then(|n| links.get(n.wrapping_sub(1))).map(|l| &l.url);
                if let Some(url) = url.filter(|u| super::app::check_url(u).is_ok()) {
                    cells.push(LinkCell {
                        x: area.x + x as u16,
                        y: area.y + row as u16,
                        text: span.text.trim_end().to_string(),
                        url: url.clone(),
                    });
                }
            }
            x += width(&span.text);
        }
    }
    // The sticky section header covers the first row.
    if layout
        .section_at(app.reading.scroll)
        .is_some_and(|h| h.line < app.reading.scroll && area.height > 2)
    {
        cells.retain(|c| c.y != area.y);
    }
    cells
}

fn styled(line: &crate::layout::Line, theme: &Theme) -> Line<'static> {
    Line::from(
        line.spans
            .iter()
            .map(|s| Span::styled(s.text.clone(), theme.text(s.style)))
            .collect::<Vec<_>>(),
    )
}

/// The article and its translation in two columns, aligned at headings.
fn draw_side_by_side(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let Some((left, right, rows)) = app.prepared_pair() else {
        return;
    };
    let cw = app.column_width() as u16;
    let height = usize::from(area.height);
    let mut l_lines = Vec::with_capacity(height);
    let mut r_lines = Vec::with_capacity(height);
    for (l, r) in rows.iter().skip(app.reading.scroll).take(height) {
        l_lines.push(l.map_or_else(Line::default, |i| styled(&left.lines[i], theme)));
        r_lines.push(r.map_or_else(Line::default, |i| styled(&right.lines[i], theme)));
    }
    let x = area.x + 1;
    frame.render_widget(
        Paragraph::new(l_lines),
        Rect::new(x, area.y, cw.min(area.width), area.height),
    );
    let sep_x = x + cw + 1;
    if sep_x < area.x + area.width {
        let bar = Block::new().borders(Borders::LEFT).border_style(theme.dim());
        frame.render_widget(bar, Rect::new(sep_x, area.y, 1, area.height));
    }
    let rx = sep_x + 2;
    if rx < area.x + area.width {
        let rw = cw.min(area.x + area.width - rx);
        frame.render_widget(Paragraph::new(r_lines), Rect::new(rx, area.y, rw, area.height));
    }
}

fn draw_status(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let mut right: Vec<String> = app.activity().into_iter().collect();
    if let Some(lang) = &app.query.lang {
        right.push(format!("lang:{lang}"));
    }
    for tag in &app.query.tags {
        right.push(format!("#{tag}"));
    }
    if app.unread_only {
        right.push("unread".to_string());
    }
    if app.starred_only {
        right.push("★".to_string());
    }
    if let Some(section) = &app.section {
        right.push(format!("section:{section}"));
    }
    if app.sort != crate::library::SortOrder::Date {
        right.push(format!("sort:{}", app.sort.name()));
    }
    if !app.query.text.is_empty() && !app.searching() {
        right.push(format!("/{}", app.query.text));
    }
    if app.searching() {
        right.extend(query_echo::echo(app));
    }
    let shown = app.list.visible.len();
    let total = app
        .library
        .articles()
        .iter()
        .filter(|a| app.query.drafts || !a.draft)
        .count();
    // Titles match at once; the count grows when the article text has been searched.
    let more = if app.searching_text() { "+…" } else { "" };
    if app.library.is_preliminary() {
        // Drawn from the start of the files; the rest is being read.
        right.push("reading…".to_string());
    }
    // What the filters are may be shortened; how many articles they let through never is.
    let mut counts = counts::counts(app, shown, more, total);
    let in_reader = app.panes().reader.is_some();
    // A first screen does not know the article's length yet.
    let partial = app.prepared_layout().is_some_and(|l| l.partial);
    if in_reader && app.reading.shown.is_some() && !partial {
        let max = app.prepared_total().saturating_sub(app.page_height());
        let pct = (app.reading.scroll * 100).checked_div(max).unwrap_or(100).min(100);
        counts.push(format!("{pct:>3}%"));
    }
    let counts = format!(" {} ", counts.join("  "));
    let w = usize::from(area.width);
    let right = if right.is_empty() {
        counts
    } else {
        let filters = fit(&format!(" {}", right.join("  ")), w.saturating_sub(width(&counts) + 1));
        format!("{filters} {counts}")
    };
    let (left, left_style) = if app.searching() {
        (format!(" /{}▏", app.query.text), theme.status_accent())
    } else if let Some(f) = app.find().filter(|_| app.finding()) {
        (format!(" find: {}▏", f.text), theme.status_accent())
    } else if let Some(prompt) = app.pipe_prompt() {
        let room = w.saturating_sub(width(&right) + 1);
        (prompt.line(room), theme.status_accent())
    } else if let Some(m) = &app.message {
        (format!(" {m}"), theme.status_accent())
    } else {
        // The hints come from the keymap, so remapped keys show here too.
        let hints: &[(Action, &str)] = match app.focus() {
            Focus::List => &[
                (Action::Help, "help"),
                (Action::Search, "search"),
                (Action::CycleLanguage, "language"),
                (Action::TagPicker, "tags"),
                (Action::Confirm, "read"),
                (Action::Quit, "quit"),
            ],
            Focus::Reader => &[
                (Action::Help, "help"),
                (Action::Digit(1), "open link"),
                (Action::LinkList, "links"),
                (Action::Translation, "translation"),
                (Action::Back, "back"),
            ],
        };
        // Keys that would only answer "none" for the article shown are left out.
        let shown = app.reading.shown;
        let cites = shown.is_some_and(|i| !app.library.links(i).is_empty());
        let translated = shown.is_some_and(|i| !app.library.translations(i).is_empty());
        let hint: Vec<String> = hints
            .iter()
            .filter(|(action, _)| match action {
                Action::Digit(_) | Action::LinkList => cites,
                Action::Translation => translated,
                _ => true,
            })
            .filter_map(|(action, what)| match action {
                Action::Digit(_) => Some(format!("1-9 {what}")),
                _ => app.keymap.key_for(action).map(|k| format!("{k} {what}")),
            })
            .collect();
        let mut hint = hints::overlay_hints(app).unwrap_or(hint);
        // Whole hints are dropped from the end rather than one cut mid-word.
        let room = w.saturating_sub(width(&right) + 1);
        while hint.len() > 1 && width(&format!(" {}", hint.join("  "))) > room {
            hint.pop();
        }
        (format!(" {}", hint.join("  ")), theme.status())
    };
    let right = fit(&right, w);
    let left = fit(&left, w.saturating_sub(width(&right)));
    let pad = w.saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::styled(left, left_style),
        Span::styled(" ".repeat(pad), theme.status()),
        Span::styled(right, theme.status_accent()),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.status()), area);
}

/// The screen without its status bar, where popups go.
fn body_area(area: Rect) -> Rect {
    if area.height >= 2 {
        Rect::new(area.x, area.y, area.width, area.height - 1)
    } else {
        area
    }
}
