//! The whole reader loop without a terminal: key events in, frames out, on
//! the same `Reader` the binary drives (translation in the mode's context,
//! `update`, `prepare`, `draw`).

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use kiosk::tui::action::Effect;
use kiosk::tui::app::{App, Screen};
use kiosk::tui::reader::Reader;
use kiosk::tui::theme::{Theme, ThemeName};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::common::{seeds, typed};

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn reader(w: u16, h: u16) -> Reader<TestBackend> {
    let app = App::new(seeds(), (w, h), false);
    let mut r = Reader::new(
        app,
        Terminal::new(TestBackend::new(w, h)).unwrap(),
        Theme::new(ThemeName::Dark),
    );
    r.draw().unwrap();
    r
}

/// The screen as the terminal shows it (the backend's cells, not the app's idea).
fn on_screen(r: &Reader<TestBackend>) -> String {
    r.terminal.backend().to_string()
}

/// Each overlay's key and the words its frame shows.
const OVERLAYS: [(char, &str); 6] = [
    ('?', " Keys ("),
    ('|', " pipe the article's Markdown source"),
    ('o', " Links: Enter opens"),
    ('c', " Contents: Enter jumps, Esc closes "),
    ('t', " Tags: Space toggles"),
    ('O', " Sources: "),
];

#[test]
fn every_overlay_is_drawn_over_every_screen_and_esc_returns_to_it() {
    // The German seed (second in the list) has links, headings, tags and a translation.
    let screens = [
        ("", Screen::List),
        ("j\r", Screen::Reading),
        ("j\rB", Screen::SideBySide),
    ];
    for (to_screen, screen) in screens {
        for (open, title) in OVERLAYS {
            let mut r = reader(160, 40);
            typed(&mut r, to_screen);
            assert_eq!(r.app.mode().screen, screen, "{to_screen:?}");
            let before = on_screen(&r);
            typed(&mut r, &open.to_string());
            let shown = on_screen(&r);
            assert!(shown.contains(title), "{open:?} over {screen:?} is not drawn:\n{shown}");
            assert_eq!(
                r.screen(),
                shown
                    .lines()
                    .map(|l| l.trim_matches('"'))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
            typed(&mut r, "\x1b");
            assert_eq!(r.app.mode().screen, screen, "Esc from {open:?} keeps {screen:?}");
            assert!(r.app.mode().overlay.is_none());
            assert_eq!(
                on_screen(&r),
                before,
                "Esc from {open:?} over {screen:?} restores the frame"
            );
        }
    }
}

#[test]
fn side_by_side_then_help_shows_the_help_and_esc_closes_it() {
    let mut r = reader(160, 40);
    typed(&mut r, "j\rB");
    assert!(on_screen(&r).contains("USA überwachen"), "{}", on_screen(&r));
    typed(&mut r, "?");
    assert!(on_screen(&r).contains("Keys ("));
    // The help has the keys: j scrolls it, and it does not move the article behind.
    let selected = r.app.list.selected;
    typed(&mut r, "jjj\x1b");
    assert_eq!(r.app.list.selected, selected);
    assert!(!on_screen(&r).contains("Keys ("));
    assert!(r.app.side_by_side());
    // Esc leaves side by side for the one-column reading pane, q then goes to the list.
    typed(&mut r, "\x1b");
    assert_eq!(r.app.mode().screen, Screen::Reading);
    assert!(typed(&mut r, "q").is_empty());
    assert_eq!(r.app.mode().screen, Screen::List);
    assert_eq!(typed(&mut r, "q"), [Effect::Quit]);
}

#[test]
fn keys_after_slash_are_search_text_in_the_same_burst() {
    let mut r = reader(120, 35);
    // One burst of events, handled one by one: "q" after "/" is text, not quit.
    let mut effects = Vec::new();
    for c in "/quit".chars() {
        effects.extend(r.handle(&key(KeyCode::Char(c))));
    }
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(r.app.query.text, "quit");
}

#[test]
fn an_unchanged_frame_writes_nothing() {
    let mut r = reader(100, 30);
    assert!(!r.draw().unwrap(), "drawing the same state again is not a write");
    typed(&mut r, "j");
    r.handle(&key(KeyCode::Char('k')));
    assert!(r.draw().unwrap(), "a moved selection is drawn");
    assert!(!r.draw().unwrap());
}
