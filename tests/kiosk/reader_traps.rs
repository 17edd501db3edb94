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
        Some(Popup::Links { selected } | Popup::Contents { selected } | Popup::Tags { selected, .. }) => *selected,
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
