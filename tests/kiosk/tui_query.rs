//! The query language in the reader's `/`, saved views (`v`), and popups
//! that filter as you type: keys in, state and frames out.

use kiosk::state::State;
use kiosk::tui::action::Effect;
use kiosk::tui::app::{App, Popup};
use kiosk::tui::reader::Reader;
use kiosk::tui::theme::{Theme, ThemeName};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::common::{seeds, typed};

const DE: &str = "000_f9bd4a49aeb422e6";

fn reader_with(app: App) -> Reader<TestBackend> {
    let (w, h) = app.size;
    let mut r = Reader::new(
        app,
        Terminal::new(TestBackend::new(w, h)).unwrap(),
        Theme::new(ThemeName::Dark),
    );
    r.draw().unwrap();
    r
}

fn reader(w: u16, h: u16) -> Reader<TestBackend> {
    reader_with(App::new(seeds(), (w, h), false))
}

fn screen(r: &Reader<TestBackend>) -> String {
    r.terminal.backend().to_string()
}

fn status(r: &Reader<TestBackend>) -> String {
    screen(r).lines().last().unwrap().trim_matches('"').to_string()
}

fn ids(app: &App) -> Vec<String> {
    app.list
        .visible
        .iter()
        .map(|&i| app.library.articles()[i].id.0[..3].to_string())
        .collect()
}

fn finish(r: &mut Reader<TestBackend>) {
    r.app.finish_search();
    r.draw().unwrap();
}

#[test]
fn the_search_line_reads_the_query_language_and_echoes_it() {
    let mut r = reader(120, 30);
    typed(&mut r, "/lang:de tag:Staat");
    finish(&mut r);
    assert_eq!(ids(&r.app), ["000"]);
    let bar = status(&r);
    assert!(bar.starts_with(" /lang:de tag:Staat▏"), "{bar}");
    assert!(bar.contains("language de · tag Staat"), "{bar}");
    assert!(bar.contains(" 1/1/5 "), "{bar}");
    typed(&mut r, "\x1b/tiktok -oracle");
    finish(&mut r);
    assert_eq!(ids(&r.app), ["003", "000"]);
    assert!(status(&r).contains("\"tiktok\" · not \"oracle\""), "{}", status(&r));
    // A quote not closed yet: the list stays on the last query that was one.
    typed(&mut r, " \"daten v");
    finish(&mut r);
    assert_eq!(ids(&r.app), ["003", "000"]);
    let bar = status(&r);
    assert!(
        bar.contains("✗ \"daten v needs a closing quote (at character 16)"),
        "{bar}"
    );
    typed(&mut r, "on\"");
    finish(&mut r);
    assert_eq!(ids(&r.app), ["000"]);
    // Enter on a mistake says that the list shows the last query.
    typed(&mut r, "\x7f\r");
    assert!(
        status(&r).contains("the list shows the last query that was one"),
        "{}",
        status(&r)
    );
    // Cleared, the empty-list summary names the query in words.
    typed(&mut r, "/\x1b/section:nowhere\r");
    assert!(screen(&r).contains("search: section nowhere"), "{}", screen(&r));
}

#[test]
fn is_terms_follow_the_reading_marks() {
    let lib = seeds();
    let i = lib.find(DE).unwrap();
    let hash = lib.articles()[i].hash;
    let mut state = State::in_memory();
    state.set_read(DE, hash, true);
    state.set_starred("002_febce40671cb284b", true);
    let mut r = reader_with(App::new(lib, (120, 30), false).with_state(state));
    typed(&mut r, "/is:unread\r");
    assert_eq!(ids(&r.app), ["003", "001", "004", "002"]);
    typed(&mut r, "/\x1b/is:starred -is:read\r");
    assert_eq!(ids(&r.app), ["002"]);
    typed(&mut r, "/\x1b/is:read\r");
    assert_eq!(ids(&r.app), ["000"]);
}

fn with_views() -> Reader<TestBackend> {
    let app = App::new(seeds(), (120, 30), false).with_views(vec![
        ("politics".into(), "tag:Staat lang:de is:unread".into()),
        ("china".into(), "\"in China\" -oracle".into()),
        ("cloud".into(), "oracle".into()),
    ]);
    reader_with(app)
}

#[test]
fn saved_views_show_their_counts_and_replace_the_filters() {
    let mut r = reader(120, 30);
    typed(&mut r, "v");
    assert!(
        status(&r).contains("no saved views: add them under [views]"),
        "{}",
        status(&r)
    );
    let mut r = with_views();
    r.app.library.index_bodies();
    typed(&mut r, "L");
    typed(&mut r, "v");
    let shown = screen(&r);
    for row in [
        "politics     1 unread     1  tag:Staat lang:de is:unread",
        "china        2 unread     2  \"in China\" -oracle",
        "cloud        3 unread     3  oracle",
    ] {
        assert!(shown.contains(row), "{row:?} missing:\n{shown}");
    }
    typed(&mut r, "j\r");
    finish(&mut r);
    assert_eq!(r.app.query.lang, None, "a view replaces every filter");
    assert_eq!(r.app.query.text, "\"in China\" -oracle");
    assert_eq!(ids(&r.app), ["003", "000"]);
    assert!(
        status(&r).contains("view china: phrase \"in China\" · not \"oracle\""),
        "{}",
        status(&r)
    );
    // Filtered, then chosen: the third view.
    typed(&mut r, "v/clo\r\r");
    finish(&mut r);
    assert_eq!(r.app.query.text, "oracle");
    assert_eq!(ids(&r.app), ["001", "004", "002"]);
}

#[test]
fn the_link_list_filters_as_you_type_and_opens_by_digits() {
    let mut r = reader(120, 30);
    typed(&mut r, "j\ro");
    assert!(matches!(r.app.popup(), Some(Popup::Links { selected: 0 })));
    // `/` starts the filter; letters are text now, not keys.
    typed(&mut r, "/blueleaks");
    let shown = screen(&r);
    assert!(shown.contains(" /blueleaks▏ 1 of 13 "), "{shown}");
    assert!(shown.contains("[2]"), "{shown}");
    assert!(!shown.contains("[1]"), "{shown}");
    assert!(matches!(r.app.popup(), Some(Popup::Links { selected: 1 })));
    // Enter keeps the filter, Enter again opens the link it shows.
    assert!(typed(&mut r, "\r").is_empty());
    assert!(screen(&r).contains(" /blueleaks 1 of 13 "));
    assert_eq!(
        typed(&mut r, "\r"),
        [Effect::OpenUrl(
            "https://theintercept.com/collections/blueleaks/".into()
        )]
    );
    // Nothing matches: nothing opens, and the popup says so.
    typed(&mut r, "o/zzzz");
    assert!(screen(&r).contains("nothing matches"));
    assert!(typed(&mut r, "\r\r").is_empty());
    assert!(status(&r).contains("nothing matches \"zzzz\""), "{}", status(&r));
    // Esc clears the filter, a second Esc closes.
    typed(&mut r, "\x1b");
    assert!(r.app.popup().is_some() && r.app.popup_filter().text.is_empty());
    typed(&mut r, "\x1b");
    assert!(r.app.popup().is_none());
    // Digits open a link at once when no longer number can follow: of
    // 13 links, 3 at once; 1 waits for a second digit or Enter.
    assert_eq!(
        typed(&mut r, "o3"),
        [Effect::OpenUrl(
            "https://www.tiktok.com/safety/resources/transparency-report?lang=en".into()
        )]
    );
    assert!(r.app.popup().is_none());
    assert!(typed(&mut r, "o1").is_empty());
    assert!(matches!(r.app.popup(), Some(Popup::Links { selected: 0 })));
    assert!(status(&r).contains("link 1… (Enter opens)"), "{}", status(&r));
    assert_eq!(
        typed(&mut r, "3"),
        [Effect::OpenUrl(
            "https://theintercept.com/2020/03/16/tiktok-app-moderators-users-discrimination/".into()
        )]
    );
    assert!(typed(&mut r, "o1\r").len() == 1, "1 then Enter opens link 1");
    assert!(typed(&mut r, "o0").is_empty());
    assert!(status(&r).contains("no link 0 (this article has 13)"), "{}", status(&r));
}

#[test]
fn tags_contents_and_sources_filter_too() {
    let mut r = reader(160, 40);
    // Tags: filter, keep, tick, apply.
    typed(&mut r, "t/sta\r \r");
    assert_eq!(r.app.query.tags, ["Staat"]);
    typed(&mut r, "x");
    // Contents of the German seed: Ctrl-N moves while typing.
    typed(&mut r, "\rc/usa");
    let Some(Popup::Contents { selected }) = r.app.popup() else {
        panic!("no contents")
    };
    assert_eq!(*selected, 1, "{}", screen(&r));
    assert!(screen(&r).contains(" /usa▏ 3 of 8 "), "{}", screen(&r));
    typed(&mut r, "\x1b\x1b");
    // Sources: only the domains that match, in the view's order.
    typed(&mut r, "O/bc");
    let shown = screen(&r);
    assert!(shown.contains(" /bc▏ "), "{shown}");
    let domains: Vec<&str> = shown
        .lines()
        .filter_map(|l| l.split("article").nth(1))
        .map(|rest| rest.trim_start_matches('s').trim().trim_end_matches(['│', '"']).trim())
        .collect();
    assert_eq!(
        domains,
        ["bbc.com", "businessinsider.com", "transparency.facebook.com"],
        "{shown}"
    );
    // Enter keeps the filter; Space then expands the highlighted domain.
    typed(&mut r, "\r ");
    assert!(
        screen(&r).contains("https://www.bbc.com/news/technology-52717333"),
        "{}",
        screen(&r)
    );
    typed(&mut r, "/\x7f\x7f\x7f");
    assert!(screen(&r).contains("theintercept.com"));
}

#[test]
fn snapshots_of_the_views_popup_and_a_filtered_link_list() {
    for (w, h) in [(80, 24), (120, 35)] {
        let app = App::new(seeds(), (w, h), false).with_views(vec![
            ("politics".into(), "tag:Staat lang:de is:unread".into()),
            ("china".into(), "\"in China\" -oracle".into()),
            ("broken".into(), "tag:".into()),
        ]);
        let mut r = reader_with(app);
        r.app.library.index_bodies();
        typed(&mut r, "v");
        insta::assert_snapshot!(format!("views_{w}x{h}"), screen(&r));
        typed(&mut r, "\x1bj\ro/doc");
        insta::assert_snapshot!(format!("links_filtered_{w}x{h}"), screen(&r));
    }
}
