//! One row of the article list: the marks, the configured columns that fit
//! (see [`crate::tui::columns::fitting`]), the title, and the tags in the
//! room the title leaves.

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use super::fit;
use crate::config::Column;
use crate::layout::width;
use crate::state::ReadState;
use crate::tui::app::App;
use crate::tui::columns::{self, ListFacts};
use crate::tui::theme::Theme;

/// The spans of article `i`'s row in a list `w` columns wide, showing
/// `shown` (see [`columns::fitting`]).
pub(super) fn row(app: &App, theme: &Theme, i: usize, w: usize, shown: &[(Column, usize)]) -> Vec<Span<'static>> {
    let facts: &ListFacts = app.list_facts();
    let a = &app.library.articles()[i];
    // Unread ●, changed since read ◐, starred ★.
    let mark = match app.read_state(i) {
        ReadState::Unread => "●",
        ReadState::Changed => "◐",
        ReadState::Read => " ",
    };
    let star = if app.starred(i) { "★" } else { " " };
    let mut spans = vec![
        Span::styled(mark, theme.badge()),
        Span::styled(star, theme.star()),
        Span::raw(" "),
    ];
    let mut cell = |text: String, style| {
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    };
    for &(column, cw) in shown {
        match column {
            Column::Date => match a.listed_day() {
                Some((day, false)) => cell(day.to_string(), Style::new()),
                // The file's day, not the article's: dimmed.
                Some((day, true)) => cell(day.to_string(), theme.dim().add_modifier(Modifier::ITALIC)),
                None => cell(" ".repeat(cw), Style::new()),
            },
            Column::Lang => {
                let code = fit(a.lang_code().unwrap_or(crate::article::UNKNOWN_LANG), cw);
                let pad = cw.saturating_sub(width(&code));
                cell(format!("{code}{}", " ".repeat(pad)), theme.badge());
            }
            Column::Time => cell(format!("{:>3}m", a.reading_minutes().min(999)), theme.dim()),
            Column::Site => {
                let site = columns::site(a).map(|s| fit(&s, cw)).unwrap_or_default();
                let pad = cw.saturating_sub(width(&site));
                cell(format!("{site}{}", " ".repeat(pad)), theme.dim());
            }
            Column::Folder => {
                let label = columns::folder_label(a.section().unwrap_or(""), &facts.prefix);
                let label = columns::fit_tail(&label, cw);
                let pad = cw.saturating_sub(width(&label));
                cell(format!("{label}{}", " ".repeat(pad)), theme.dim());
            }
            Column::Tags => {}
        }
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let room = w.saturating_sub(used);
    let title = fit(&a.title, room);
    let after = room.saturating_sub(width(&title));
    // The list search's words stand out in the title.
    let words = crate::library::Matcher::words(&app.query.text);
    spans.extend(super::found::title_spans(title, &words, theme));
    let tags = if a.tags.is_empty() || !shown.iter().any(|(c, _)| *c == Column::Tags) {
        String::new()
    } else {
        format!(" #{}", a.tags.join(" #"))
    };
    let draft = if a.draft { " (draft)" } else { "" };
    spans.push(Span::styled(fit(&format!("{draft}{tags}"), after), theme.dim()));
    spans
}
