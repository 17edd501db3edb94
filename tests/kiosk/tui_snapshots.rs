//! Screens drawn on a TestBackend and compared with insta snapshots.

use kiosk::tui::action::Action;
use kiosk::tui::app::App;

use crate::common::seeds;

const SIZES: [(u16, u16); 2] = [(120, 35), (60, 20)];

use crate::common::screen;

fn app_after(size: (u16, u16), actions: &[Action]) -> App {
    let mut app = App::new(seeds(), size, false);
    for a in actions {
        app.update(a.clone());
        // What the search thread would answer before the next frame.
        app.finish_search();
    }
    app
}

fn snap(name: &str, actions: &[Action]) {
    for (w, h) in SIZES {
        let app = app_after((w, h), actions);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app));
    }
}

#[test]
fn list() {
    snap("list", &[]);
}

#[test]
fn reader_german() {
    snap("reader_de", &[Action::Down, Action::Confirm]);
}

#[test]
fn reader_german_scrolled_to_links() {
    snap("reader_de_links", &[Action::Down, Action::Confirm, Action::Bottom]);
}

#[test]
fn link_list() {
    snap(
        "links",
        &[Action::Down, Action::Confirm, Action::LinkList, Action::Down],
    );
}

#[test]
fn tag_picker() {
    snap("tags", &[Action::TagPicker, Action::Toggle, Action::Down]);
}

#[test]
fn help() {
    snap("help", &[Action::Help]);
}

#[test]
fn empty_filter_result() {
    snap(
        "empty",
        &[
            Action::CycleLanguage,
            Action::CycleLanguage,
            Action::TagPicker,
            Action::Toggle,
            Action::Confirm,
        ],
    );
}

#[test]
fn searching() {
    snap(
        "search",
        &[
            Action::Search,
            Action::Input('o'),
            Action::Input('r'),
            Action::Input('a'),
        ],
    );
}

#[test]
fn every_small_size_draws_without_panic() {
    let screens: [&[Action]; 5] = [
        &[],
        &[Action::Down, Action::Confirm, Action::PageDown],
        &[Action::Down, Action::Confirm, Action::LinkList],
        &[Action::Help],
        &[Action::TagPicker],
    ];
    for actions in screens {
        let mut app = app_after((120, 35), actions);
        for w in 1..=40 {
            for h in 1..=12 {
                app.update(Action::Resize(w, h));
                screen(&app);
            }
        }
        app.update(Action::Resize(1, 1));
        screen(&app);
    }
}

fn snap_wide(name: &str, actions: &[Action]) {
    let app = app_after((160, 40), actions);
    insta::assert_snapshot!(format!("{name}_160x40"), screen(&app));
}

#[test]
fn contents_popup() {
    snap_wide(
        "contents",
        &[
            Action::Down,
            Action::Confirm,
            Action::Contents,
            Action::Down,
            Action::Down,
        ],
    );
}

#[test]
fn sources_view() {
    snap_wide(
        "sources",
        &[Action::Sources, Action::Down, Action::Toggle, Action::Down],
    );
}

#[test]
fn side_by_side() {
    snap_wide("side_by_side", &[Action::Down, Action::Confirm, Action::SideBySide]);
}

#[test]
fn sticky_section_header() {
    let mut actions = vec![Action::Down, Action::Confirm];
    actions.extend(std::iter::repeat_n(Action::Down, 40));
    snap_wide("sticky_section", &actions);
}

#[test]
fn the_preview_looks_like_the_full_library_but_says_it_is_reading() {
    let dir = crate::common::pinned_seeds_dir();
    let preview = App::new(kiosk::Library::load_preview(&dir, None).unwrap(), (120, 35), false);
    let full = App::new(kiosk::Library::load(&dir).unwrap(), (120, 35), false);
    let (p, f) = (screen(&preview), screen(&full));
    let lines = |s: &str| s.lines().map(str::to_string).collect::<Vec<_>>();
    let (p, f) = (lines(&p), lines(&f));
    // The list is the same; the reading pane's header lacks the reading time.
    let list = |l: &[String]| {
        l.iter()
            .map(|l| l.chars().take(44).collect::<String>())
            .collect::<Vec<_>>()
    };
    assert_eq!(list(&p[..p.len() - 1]), list(&f[..f.len() - 1]));
    assert!(
        f[1].contains("min read") && !p[1].contains("min read"),
        "{}\n{}",
        p[1],
        f[1]
    );
    assert!(p.last().unwrap().contains("reading…") && !f.last().unwrap().contains("reading…"));
}
