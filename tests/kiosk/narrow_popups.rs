//! Popups on a narrow screen: what does not fit is cut with an ellipsis,
//! never mid-word with nothing to say so.

use kiosk::tui::action::Action;
use kiosk::tui::app::App;

use crate::common::{screen, seeds};

/// The text of each screen row inside the popup's borders.
fn inside(shown: &str) -> Vec<String> {
    shown
        .lines()
        .filter_map(|row| {
            let row = row.trim_matches('"');
            let (start, end) = (row.find(['│', '┌', '└'])?, row.rfind(['│', '┐', '┘'])?);
            (end > start).then(|| row[start..end].to_string())
        })
        .collect()
}

#[test]
fn help_and_link_titles_are_cut_with_an_ellipsis_at_60_columns() {
    let mut app = App::new(seeds(), (60, 20), false);
    app.update(Action::Help);
    let shown = screen(&app);
    let rows = inside(&shown);
    let page_down = rows
        .iter()
        .find(|r| r.contains("page down (at the article"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(page_down.trim_end_matches([' ', '│']).ends_with('…'), "{shown}");

    // The first article (003) cites links: their popup's title is cut too.
    let mut app = App::new(seeds(), (60, 20), false);
    app.update(Action::Confirm);
    app.update(Action::LinkList);
    let shown = screen(&app);
    let title = shown
        .lines()
        .find(|l| l.contains("┌ Links"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(title.contains("…┐"), "{shown}");
}
