//! The reader's traps found by a new user (issue 18), each pinned by a test
//! named after its item.

use kiosk::state::ReadState;
use kiosk::tui::action::{Action, Effect};
use kiosk::tui::app::{App, Focus, Popup, Screen};

use crate::common::seeds;

fn app(w: u16, h: u16) -> App {
    App::new(seeds(), (w, h), false)
}

fn run(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().filter_map(|a| app.update(a.clone())).collect()
}

#[test]
fn item_1_esc_h_and_q_leave_side_by_side_for_the_reading_pane() {
    for leave in [Action::Back, Action::Quit] {
        let mut a = app(160, 40);
        run(&mut a, &[Action::Down, Action::Confirm, Action::SideBySide]);
        let shown = a.reading.shown;
        assert!(a.side_by_side());
        assert!(
            run(&mut a, std::slice::from_ref(&leave)).is_empty(),
            "{leave:?} never quits from side by side"
        );
        assert_eq!(a.mode().screen, Screen::Reading, "{leave:?}");
        // j now scrolls the article; it does not change the article behind.
        run(&mut a, &[Action::Down]);
        assert_eq!(a.reading.shown, shown);
        assert_eq!(a.focus(), Focus::Reader);
    }
}

#[test]
fn item_2_m_in_the_reading_pane_marks_unread_and_the_timer_leaves_it() {
    let mut a = app(120, 35);
    run(
        &mut a,
        &[Action::Down, Action::Confirm, Action::Tick(0), Action::Tick(3_000)],
    );
    let i = a.reading.shown.unwrap();
    assert_eq!(a.read_state(i), ReadState::Read, "read after three seconds");
    assert_eq!(run(&mut a, &[Action::MarkRead]), [Effect::SaveState]);
    assert_eq!(a.read_state(i), ReadState::Unread);
    assert!(run(&mut a, &[Action::Tick(4_000), Action::Tick(60_000)]).is_empty());
    assert_eq!(
        a.read_state(i),
        ReadState::Unread,
        "an explicit mark wins while the article is shown"
    );
    assert_eq!(a.next_deadline(), None, "no timer is pending for it");
    // Left and opened again: reading it counts again.
    run(&mut a, &[Action::Back, Action::Down, Action::Up, Action::Confirm]);
    run(&mut a, &[Action::Tick(70_000), Action::Tick(73_000)]);
    assert_eq!(a.read_state(i), ReadState::Read);
}

fn popup_selected(a: &App) -> usize {
    match a.popup() {
        Some(
            Popup::Links { selected }
            | Popup::Contents { selected }
            | Popup::Tags { selected, .. }
            | Popup::Views { selected, .. }
            | Popup::Folders { selected, .. }
            | Popup::Translations { selected, .. },
        ) => *selected,
        Some(Popup::Help { scroll }) => *scroll,
        None => panic!("no popup"),
    }
}

#[test]
fn item_4_every_list_popup_takes_the_list_keys() {
    // The German seed has 13 links and several headings.
    for open in [Action::LinkList, Action::Contents, Action::Help] {
        let mut a = app(120, 20);
        run(&mut a, &[Action::Down, Action::Confirm, open.clone()]);
        run(&mut a, &[Action::Bottom]);
        let last = popup_selected(&a);
        assert!(last > 0, "{open:?}: End goes to the last row");
        run(&mut a, &[Action::Top]);
        assert_eq!(popup_selected(&a), 0, "{open:?}: Home");
        run(&mut a, &[Action::PageDown]);
        let page = popup_selected(&a);
        assert!(page > 1, "{open:?}: PgDn moves a page");
        run(&mut a, &[Action::PageUp]);
        assert_eq!(popup_selected(&a), 0, "{open:?}: PgUp");
        run(&mut a, &[Action::Toggle]);
        assert_eq!(
            popup_selected(&a),
            page,
            "{open:?}: Space pages down where it ticks nothing"
        );
        run(&mut a, &[Action::Bottom, Action::Down, Action::PageDown]);
        assert_eq!(popup_selected(&a), last, "{open:?}: never past the end");
    }
    let mut a = app(120, 20);
    run(&mut a, &[Action::TagPicker, Action::Bottom]);
    assert_eq!(popup_selected(&a), 1, "two tags");
}

#[test]
fn item_6_the_help_stops_scrolling_at_its_end() {
    let mut a = app(100, 20);
    run(&mut a, &[Action::Help]);
    for _ in 0..200 {
        run(&mut a, &[Action::Down]);
    }
    let end = popup_selected(&a);
    assert!(end > 0);
    run(&mut a, &[Action::Up]);
    assert_eq!(popup_selected(&a), end - 1, "k moves at once after the end");
}

#[test]
fn item_5_ci_fuzzes_into_a_scratch_corpus_and_only_reads_the_committed_one() {
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    let runs: Vec<&str> = ci.lines().filter(|l| l.contains("cargo fuzz run")).collect();
    assert!(!runs.is_empty());
    for line in runs {
        // libFuzzer writes new inputs into the first corpus folder it is given.
        let args = line.split("cargo fuzz run").nth(1).unwrap();
        let first_dir = args
            .split_whitespace()
            .find(|w| w.contains('/') || w.contains("corpus"))
            .unwrap_or("");
        assert!(
            first_dir.contains("$scratch"),
            "first corpus of {line:?} is {first_dir:?}"
        );
    }
}

fn status_line(a: &App) -> String {
    let (w, h) = a.size;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let theme = kiosk::tui::theme::Theme::new(kiosk::tui::theme::ThemeName::Dark);
    terminal.draw(|f| kiosk::tui::view::draw(f, a, &theme)).unwrap();
    let screen = terminal.backend().to_string();
    screen.lines().last().unwrap().trim_matches('"').to_string()
}

#[test]
fn item_7_a_long_filter_is_shortened_never_the_count_and_hints_drop_whole() {
    let mut a = app(60, 20);
    let query = "a very long query that would never fit into sixty columns at all";
    run(&mut a, &[Action::Search]);
    run(&mut a, &query.chars().map(Action::Input).collect::<Vec<_>>());
    run(&mut a, &[Action::Confirm]);
    a.finish_search();
    let status = status_line(&a);
    let count = format!("{}/5", a.list.visible.len());
    assert!(status.trim_end().ends_with(&count), "{status:?}");
    assert!(status.contains("/a very"), "the query is shown, shortened: {status:?}");
    // At 60 columns the list's hints do not all fit: whole ones are dropped.
    let mut a = app(60, 20);
    run(&mut a, &[Action::CycleLanguage, Action::Down]);
    let status = status_line(&a);
    let hints = ["? help", "/ search", "L language", "t tags", "Enter read", "q quit"];
    let left = status.split("  lang:").next().unwrap();
    for piece in left.split("  ").map(str::trim).filter(|p| !p.is_empty()) {
        assert!(hints.contains(&piece), "{piece:?} is a cut hint in {status:?}");
    }
}
