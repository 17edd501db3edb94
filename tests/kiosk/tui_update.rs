//! `App::update` is pure: key sequences to state and effects.

use kiosk::tui::action::{Action, Effect};
use kiosk::tui::app::{check_url, App, Focus, Popup};

use crate::common::seeds;

const DE: &str = "000_f9bd4a49aeb422e6";
const EN: &str = "003_99cfcbda6ab29d43";

fn app(w: u16, h: u16) -> App {
    App::new(seeds(), (w, h), false)
}

fn shown_id(app: &App) -> String {
    app.library.articles()[app.reading.shown.unwrap()].id.0.clone()
}

fn run(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().filter_map(|a| app.update(a.clone())).collect()
}

#[test]
fn selection_moves_and_the_reader_follows() {
    let mut a = app(120, 35);
    assert_eq!(a.list.visible.len(), 5);
    assert_eq!(shown_id(&a), EN);
    run(&mut a, &[Action::Down]);
    assert_eq!(a.list.selected, 1);
    assert_eq!(shown_id(&a), DE);
    run(&mut a, &[Action::Bottom, Action::Down]);
    assert_eq!(a.list.selected, 4);
    run(&mut a, &[Action::Top, Action::Up]);
    assert_eq!(a.list.selected, 0);
}

#[test]
fn open_scroll_and_back() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::Down, Action::Confirm]);
    assert_eq!(a.focus(), Focus::Reader);
    run(&mut a, &[Action::Down, Action::Down]);
    assert_eq!(a.reading.scroll, 2);
    run(&mut a, &[Action::PageDown]);
    assert_eq!(a.reading.scroll, 2 + a.page_height() - 2);
    run(&mut a, &[Action::Bottom]);
    let len = a.layout().unwrap().lines.len();
    assert_eq!(a.reading.scroll, len - a.page_height());
    run(&mut a, &[Action::Down]);
    assert_eq!(a.reading.scroll, len - a.page_height(), "no scrolling past the end");
    run(&mut a, &[Action::Top]);
    assert_eq!(a.reading.scroll, 0);
    // Esc goes back and never quits; q from the reader goes back too.
    assert!(run(&mut a, &[Action::Back]).is_empty());
    assert_eq!(a.focus(), Focus::List);
    assert!(run(&mut a, &[Action::Back, Action::Back]).is_empty());
    run(&mut a, &[Action::Confirm]);
    assert!(run(&mut a, &[Action::Quit]).is_empty());
    assert_eq!(a.focus(), Focus::List);
    assert_eq!(run(&mut a, &[Action::Quit]), [Effect::Quit]);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::Help]);
    assert_eq!(run(&mut a, &[Action::ForceQuit]), [Effect::Quit]);
    let mut a = app(120, 35);
    run(&mut a, &[Action::Search, Action::Input('x')]);
    assert_eq!(run(&mut a, &[Action::ForceQuit]), [Effect::Quit]);
}

#[test]
fn digits_open_links_at_once_or_after_enter() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::Down, Action::Confirm]);
    // 13 links: "2" cannot start a longer number, so it opens at once.
    assert_eq!(
        run(&mut a, &[Action::Digit(2)]),
        [Effect::OpenUrl(
            "https://theintercept.com/collections/blueleaks/".into()
        )]
    );
    // "1" could be 1, 10..13: it waits.
    assert!(run(&mut a, &[Action::Digit(1)]).is_empty());
    assert_eq!(a.digits, "1");
    assert_eq!(
        run(&mut a, &[Action::Digit(3)]),
        [Effect::OpenUrl(
            "https://theintercept.com/2020/03/16/tiktok-app-moderators-users-discrimination/".into()
        )]
    );
    assert!(run(&mut a, &[Action::Digit(1)]).is_empty());
    assert_eq!(
        run(&mut a, &[Action::Confirm]),
        [Effect::OpenUrl(
            "https://theintercept.com/2020/08/10/blueleaks-tiktok-law-enforcement-privacy/".into()
        )]
    );
    // Another key drops the pending number.
    run(&mut a, &[Action::Digit(1), Action::Down]);
    assert!(a.digits.is_empty());
    // No such link.
    assert!(run(&mut a, &[Action::Digit(1), Action::Digit(9)]).is_empty());
    assert_eq!(a.message.as_deref(), Some("no link 19 (this article has 13)"));
}

#[test]
fn refused_schemes_are_refused_with_their_name() {
    assert!(check_url("https://a.org").is_ok());
    assert!(check_url("HTTP://a.org").is_ok());
    assert!(check_url("mailto:x@y.z").is_ok());
    assert_eq!(
        check_url("javascript:alert(1)").unwrap_err().to_string(),
        "refused to open a \"javascript\" link: only http, https and mailto are opened"
    );
    assert!(check_url("file:///etc/passwd")
        .unwrap_err()
        .to_string()
        .contains("\"file\""));
    assert!(check_url("relative/path")
        .unwrap_err()
        .to_string()
        .contains("without a scheme"));
    assert!(check_url("-https://x")
        .unwrap_err()
        .to_string()
        .contains("without a scheme"));
    assert!(check_url(&format!("https://x.org/{}", "a".repeat(3000)))
        .unwrap_err()
        .to_string()
        .contains("at most 2 KiB"));
    assert!(check_url("https://x.org/a b")
        .unwrap_err()
        .to_string()
        .contains("spaces"));
    assert!(check_url("https://x.org/\n--flag")
        .unwrap_err()
        .to_string()
        .contains("control"));
    // Shell metacharacters are harmless: the URL is one argument, never a shell word.
    assert!(check_url("https://x.org/?a=1&b=$(id);'\"").is_ok());
}

#[test]
fn link_list_opens_and_copies() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::Down, Action::Confirm, Action::LinkList]);
    assert_eq!(a.popup(), Some(Popup::Links { selected: 0 }).as_ref());
    run(&mut a, &[Action::Down, Action::Down, Action::Up]);
    assert_eq!(a.popup(), Some(Popup::Links { selected: 1 }).as_ref());
    assert_eq!(
        run(&mut a, &[Action::Copy]),
        [Effect::Copy("https://theintercept.com/collections/blueleaks/".into())]
    );
    assert_eq!(
        run(&mut a, &[Action::Confirm]),
        [Effect::OpenUrl(
            "https://theintercept.com/collections/blueleaks/".into()
        )]
    );
    assert_eq!(a.popup(), None);
    // Plain-text articles have no links: a message, no popup.
    run(&mut a, &[Action::Back, Action::Bottom, Action::LinkList]);
    assert_eq!(a.popup(), None);
    assert_eq!(a.message.as_deref(), Some("this article cites no links"));
}

#[test]
fn search_narrows_as_you_type() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::Search]);
    for c in "oracle".chars() {
        run(&mut a, &[Action::Input(c)]);
    }
    // Titles, summaries and tags match at once; the text search is asked of
    // the search thread, whose answer completes the list.
    let at_once: Vec<String> = a
        .list
        .visible
        .iter()
        .map(|&i| a.library.articles()[i].id.to_string())
        .collect();
    assert!(at_once.is_empty(), "no title, summary or tag says oracle: {at_once:?}");
    assert!(a.searching_text());
    let request = a.take_search_request().expect("a text search");
    a.library.index_bodies();
    let matches = request.run(&|| false).expect("not cancelled");
    assert_eq!(matches.len(), 3);
    // An answer to an older query is dropped.
    run(&mut a, &[Action::SearchDone(request.generation - 1, vec![1])]);
    assert_eq!(a.list.visible.len(), 0);
    run(&mut a, &[Action::SearchDone(request.generation, matches)]);
    assert_eq!(a.list.visible.len(), 3);
    assert!(!a.searching_text());
    // A cancelled search answers nothing.
    assert_eq!(request.run(&|| true), None);
    for c in " cloud".chars() {
        run(&mut a, &[Action::Input(c)]);
    }
    // The longer text narrows the last answer: the search thread only looks
    // at the three articles found before.
    let request = a.take_search_request().expect("a text search");
    assert_eq!(request.candidates.len(), 3);
    run(
        &mut a,
        &[Action::SearchDone(request.generation, request.run(&|| false).unwrap())],
    );
    assert_eq!(a.list.visible.len(), 1);
    for _ in 0..6 {
        run(&mut a, &[Action::Backspace]);
    }
    a.finish_search();
    assert_eq!(a.list.visible.len(), 3);
    run(&mut a, &[Action::Confirm]);
    assert!(!a.searching());
    assert_eq!(a.query.text, "oracle");
    run(&mut a, &[Action::Search, Action::Back]);
    assert_eq!(a.query.text, "");
    assert_eq!(a.list.visible.len(), 5);
}

#[test]
fn language_filter_cycles_with_counts() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::CycleLanguage]);
    assert_eq!(a.query.lang.as_deref(), Some("de"));
    assert_eq!(a.list.visible.len(), 4);
    assert_eq!(a.message.as_deref(), Some("language: de (4 articles)"));
    run(&mut a, &[Action::CycleLanguage]);
    assert_eq!(a.query.lang.as_deref(), Some("en"));
    assert_eq!(a.list.visible.len(), 1);
    run(&mut a, &[Action::CycleLanguage]);
    assert_eq!(a.query.lang, None);
    assert_eq!(a.list.visible.len(), 5);
}

#[test]
fn tag_picker_filters_combine_and_clear() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::TagPicker]);
    match a.popup() {
        Some(Popup::Tags { items, .. }) => {
            assert_eq!(items, &[("Staat".to_string(), 1), ("State".to_string(), 1)])
        }
        other => panic!("{other:?}"),
    }
    run(&mut a, &[Action::Toggle, Action::Confirm]);
    assert_eq!(a.query.tags, ["Staat"]);
    assert_eq!(a.list.visible.len(), 1);
    assert_eq!(shown_id(&a), DE);
    // Combined with the language filter: en + Staat is empty.
    run(&mut a, &[Action::CycleLanguage, Action::CycleLanguage]);
    assert!(a.list.visible.is_empty());
    assert_eq!(a.reading.shown, None);
    assert_eq!(a.filter_summary(), ["language en", "tag Staat"]);
    run(&mut a, &[Action::ClearFilters]);
    assert_eq!(a.list.visible.len(), 5);
    assert!(a.query.tags.is_empty() && a.query.lang.is_none());
}

#[test]
fn translation_switch_keeps_the_section() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::Down, Action::Confirm]);
    let de = a.layout().unwrap();
    // Scroll to the third section of the German article.
    let target = de.headings[2].line;
    for _ in 0..target {
        run(&mut a, &[Action::Down]);
    }
    run(&mut a, &[Action::Translation]);
    assert_eq!(shown_id(&a), EN);
    let en = a.layout().unwrap();
    assert_eq!(en.section_at(a.reading.scroll).unwrap().text, en.headings[2].text);
    assert_eq!(a.focus(), Focus::Reader);
    run(&mut a, &[Action::Translation]);
    assert_eq!(shown_id(&a), DE);
    // A plain-text article has none.
    run(&mut a, &[Action::Back, Action::Bottom, Action::Translation]);
    assert_eq!(a.message.as_deref(), Some("this article has no translation"));
}

#[test]
fn resize_keeps_the_reading_place() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::Down, Action::Confirm]);
    let heading = a.layout().unwrap().headings[3].clone();
    for _ in 0..heading.line {
        run(&mut a, &[Action::Down]);
    }
    run(&mut a, &[Action::Resize(100, 30)]);
    let narrow = a.layout().unwrap();
    assert_eq!(narrow.width, a.text_width());
    assert_eq!(narrow.section_at(a.reading.scroll).unwrap().text, heading.text);
    assert_eq!(narrow.lines[a.reading.scroll].text(), heading.text);
    run(&mut a, &[Action::Resize(1, 1), Action::Resize(120, 35)]);
    assert_eq!(
        a.layout().unwrap().section_at(a.reading.scroll).unwrap().text,
        heading.text
    );
}

#[test]
fn narrow_terminals_show_one_pane() {
    let mut a = app(60, 20);
    assert!(a.panes().list.is_some() && a.panes().reader.is_none());
    run(&mut a, &[Action::Confirm]);
    assert!(a.panes().list.is_none() && a.panes().reader.is_some());
    run(&mut a, &[Action::Back]);
    assert!(a.panes().list.is_some());
}

#[test]
fn mouse_clicks_select_and_wheel_scrolls() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::Click(5, 3)]);
    assert_eq!(a.list.selected, 3);
    run(&mut a, &[Action::Click(80, 3)]);
    assert_eq!(a.focus(), Focus::Reader);
    run(&mut a, &[Action::Wheel(true, 80, 10)]);
    assert_eq!(a.reading.scroll, 3);
    run(&mut a, &[Action::Wheel(true, 5, 10)]);
    assert_eq!(a.list.selected, 4);
}

#[test]
fn contents_jumps_to_a_section() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::Down, Action::Confirm, Action::Contents]);
    assert_eq!(a.popup(), Some(Popup::Contents { selected: 0 }).as_ref());
    run(&mut a, &[Action::Bottom, Action::Up, Action::Confirm]);
    let layout = a.layout().unwrap();
    assert_eq!(layout.lines[a.reading.scroll].text(), "Kritik an TikTok ist angebracht");
    assert_eq!(a.popup(), None);
    // The last entry is the Links section; it is brought to the top too.
    run(&mut a, &[Action::Contents, Action::Bottom, Action::Confirm]);
    assert_eq!(a.layout().unwrap().lines[a.reading.scroll].text(), "Links");
    // The popup opens on the current section.
    run(&mut a, &[Action::Up, Action::Contents]);
    assert_eq!(a.popup(), Some(Popup::Contents { selected: 6 }).as_ref());
}

#[test]
fn sources_view_expands_sorts_and_opens_at_the_citation() {
    let mut a = app(160, 40);
    run(&mut a, &[Action::Sources]);
    let view = a.sources().unwrap();
    assert_eq!(view.domains[1].name, "theintercept.com");
    // Expand theintercept.com: URL rows and citing articles appear.
    run(&mut a, &[Action::Down, Action::Toggle]);
    assert_eq!(a.sources().unwrap().rows().len(), 9 + 3 + 6);
    // The first URL, then its first citing article.
    assert_eq!(
        run(&mut a, &[Action::Down, Action::Confirm]),
        [Effect::OpenUrl(
            "https://theintercept.com/2020/03/16/tiktok-app-moderators-users-discrimination/".into()
        )]
    );
    run(&mut a, &[Action::Down, Action::Down, Action::Confirm]);
    assert!(a.sources().is_none());
    assert_eq!(shown_id(&a), DE);
    assert_eq!(a.focus(), Focus::Reader);
    let layout = a.layout().unwrap();
    let marker = layout.link_lines[12].unwrap();
    assert!(a.reading.scroll <= marker && marker < a.reading.scroll + a.page_height());
    assert!(layout.lines[marker].text().contains("[13]"));
    // Sorting keeps the highlighted domain.
    run(&mut a, &[Action::Sources, Action::Down, Action::Sort]);
    let view = a.sources().unwrap();
    let rows = view.rows();
    match rows[view.selected] {
        kiosk::tui::sources_view::Row::Domain(d) => assert_eq!(view.domains[d].name, "theintercept.com"),
        ref other => panic!("{other:?}"),
    }
    assert_eq!(view.domains[0].name, "bbc.com");
    run(&mut a, &[Action::Back]);
    assert!(a.sources().is_none());
}

#[test]
fn side_by_side_needs_a_translation_and_room() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::Down, Action::Confirm, Action::SideBySide]);
    assert!(!a.side_by_side());
    assert_eq!(a.message.as_deref(), Some("side by side needs 140 columns"));
    let mut a = app(160, 40);
    run(&mut a, &[Action::Down, Action::Confirm]);
    let heading = a.layout().unwrap().headings[2].clone();
    for _ in 0..heading.line {
        run(&mut a, &[Action::Down]);
    }
    run(&mut a, &[Action::SideBySide]);
    assert!(a.side_by_side());
    let (left, right, rows) = a.pair().unwrap();
    // The same section is at the top of both columns.
    assert_eq!(rows[a.reading.scroll].0, Some(left.headings[2].line));
    assert_eq!(
        right.lines[rows[a.reading.scroll].1.unwrap()].text(),
        right.headings[2].text
    );
    assert_eq!(left.width, a.column_width());
    run(&mut a, &[Action::Down]);
    // Back to one column at the same place; a narrow terminal does the same.
    run(&mut a, &[Action::SideBySide]);
    assert!(!a.side_by_side());
    assert_eq!(
        a.layout().unwrap().section_at(a.reading.scroll).unwrap().text,
        heading.text
    );
    run(&mut a, &[Action::SideBySide, Action::Resize(100, 30)]);
    assert!(!a.side_by_side());
    assert_eq!(
        a.layout().unwrap().section_at(a.reading.scroll).unwrap().text,
        heading.text
    );
    // Plain-text articles have no translation.
    let mut a = app(160, 40);
    run(&mut a, &[Action::Bottom, Action::Confirm, Action::SideBySide]);
    assert_eq!(a.message.as_deref(), Some("this article has no translation"));
}

#[test]
fn reading_for_a_few_seconds_marks_read_and_saves() {
    let mut a = app(120, 35);
    assert_eq!(a.read_state(a.list.visible[1]), kiosk::state::ReadState::Unread);
    run(&mut a, &[Action::Down, Action::Confirm]);
    assert!(run(&mut a, &[Action::Tick(1_000), Action::Tick(3_999)]).is_empty());
    assert_eq!(run(&mut a, &[Action::Tick(4_000)]), [Effect::SaveState]);
    assert_eq!(a.read_state(a.list.visible[1]), kiosk::state::ReadState::Read);
    assert!(run(&mut a, &[Action::Tick(9_000)]).is_empty(), "saved once");
    // Only with the keyboard in the reading pane: previews in the list do not count.
    run(&mut a, &[Action::Back, Action::Down]);
    assert!(run(&mut a, &[Action::Tick(10_000), Action::Tick(20_000)]).is_empty());
}

#[test]
fn mark_star_unread_and_starred_filters() {
    let mut a = app(120, 35);
    assert_eq!(run(&mut a, &[Action::MarkRead]), [Effect::SaveState]);
    assert_eq!(a.message.as_deref(), Some("marked read"));
    run(&mut a, &[Action::UnreadOnly]);
    assert_eq!(a.list.visible.len(), 4);
    assert_eq!(a.filter_summary(), ["unread only"]);
    run(&mut a, &[Action::UnreadOnly, Action::Down, Action::Down]);
    assert_eq!(run(&mut a, &[Action::Star]), [Effect::SaveState]);
    run(&mut a, &[Action::StarredOnly]);
    assert_eq!(a.list.visible.len(), 1);
    assert!(a.starred(a.list.visible[0]));
    run(&mut a, &[Action::ClearFilters]);
    assert_eq!(a.list.visible.len(), 5);
    // n / N skip read articles.
    run(&mut a, &[Action::Top, Action::NextUnread]);
    assert_eq!(a.list.selected, 1);
    // Going round the list's start says so.
    run(&mut a, &[Action::PrevUnread]);
    assert_eq!(
        a.message.as_deref(),
        Some("no unread article above: on from the bottom")
    );
    assert_eq!(a.list.selected, 4);
    // m again: unread.
    run(&mut a, &[Action::Top, Action::MarkRead]);
    assert_eq!(a.message.as_deref(), Some("marked unread"));
}

#[test]
fn a_changed_article_is_told_apart() {
    let mut lib = seeds();
    let mut state = kiosk::state::State::in_memory();
    let first = lib.articles()[0].clone();
    state.set_read(first.id.as_str(), first.hash, true);
    assert_eq!(
        state.read_state(first.id.as_str(), first.hash),
        kiosk::state::ReadState::Read
    );
    assert_eq!(
        state.read_state(first.id.as_str(), first.hash ^ 1),
        kiosk::state::ReadState::Changed
    );
    lib = kiosk::Library::load(crate::common::seeds_dir()).unwrap();
    let a = App::new(lib, (120, 35), false).with_state(state);
    assert_eq!(a.read_state(0), kiosk::state::ReadState::Read);
}

#[test]
fn a_reload_keeps_selection_filters_and_place() {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(crate::common::seeds_dir()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let mut a = App::new(kiosk::Library::load(dir.path()).unwrap(), (120, 35), false);
    run(&mut a, &[Action::CycleLanguage, Action::Confirm]);
    for _ in 0..30 {
        run(&mut a, &[Action::Down]);
    }
    let (shown, scroll) = (shown_id(&a), a.reading.scroll);
    // An article is added, another removed, the shown one edited above the place.
    std::fs::write(
        dir.path().join("new.md"),
        "---\ntitle: Brand new\nlang: de\ndate: 2030-01-01\n---\nNeu.\n",
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("004_afe6046d54508ad7.txt")).unwrap();
    assert_eq!(run(&mut a, &[Action::Reload]), [Effect::Reload]);
    a.replace_library(kiosk::Library::load(dir.path()).unwrap());
    assert_eq!(shown_id(&a), shown);
    assert_eq!(a.reading.scroll, scroll);
    assert_eq!(a.query.lang.as_deref(), Some("de"));
    assert_eq!(a.list.visible.len(), 4);
    assert_eq!(a.library.articles()[a.list.visible[0]].title, "Brand new");
    assert_eq!(a.library.articles()[a.selected_article().unwrap()].id.as_str(), shown);
    assert_eq!(a.message.as_deref(), Some("reloaded: 5 articles"));
}

#[test]
fn stars_and_read_marks_survive_moving_the_folder() {
    let root = tempfile::tempdir().unwrap();
    let (a_dir, b_dir) = (root.path().join("news"), root.path().join("archive/news"));
    std::fs::create_dir_all(&a_dir).unwrap();
    for f in std::fs::read_dir(crate::common::seeds_dir()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, a_dir.join(f.file_name().unwrap())).unwrap();
    }
    let state_dir = root.path().join("state");
    let (state, _) = kiosk::state::State::open(&state_dir);
    let mut a = App::new(kiosk::Library::load(&a_dir).unwrap(), (120, 35), false).with_state(state);
    assert_eq!(run(&mut a, &[Action::Down, Action::Star]), [Effect::SaveState]);
    run(&mut a, &[Action::MarkRead]);
    a.state.save().unwrap();
    std::fs::create_dir_all(b_dir.parent().unwrap()).unwrap();
    std::fs::rename(&a_dir, &b_dir).unwrap();
    let (state, message) = kiosk::state::State::open(&state_dir);
    assert!(message.is_none());
    let b = App::new(kiosk::Library::load(&b_dir).unwrap(), (120, 35), false).with_state(state);
    assert!(b.starred(b.list.visible[1]));
    assert_eq!(b.read_state(b.list.visible[1]), kiosk::state::ReadState::Read);
    assert!(!b.starred(b.list.visible[0]));
}

#[test]
fn titles_match_before_the_text_search_answers() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::Search]);
    for c in "tiktok".chars() {
        run(&mut a, &[Action::Input(c)]);
    }
    // Every title says TikTok: all five at once, before any text is searched.
    assert_eq!(a.list.visible.len(), 5);
    assert!(a.searching_text());
    a.finish_search();
    assert_eq!(a.list.visible.len(), 5);
    for c in " leaked".chars() {
        run(&mut a, &[Action::Input(c)]);
    }
    // "Leaked" is in one summary: that one at once; the text search adds the
    // articles that say it in their text.
    let ids: Vec<&str> = a
        .list
        .visible
        .iter()
        .map(|&i| a.library.articles()[i].id.as_str())
        .collect();
    assert_eq!(ids, ["003_99cfcbda6ab29d43"]);
    a.finish_search();
    let ids: Vec<&str> = a
        .list
        .visible
        .iter()
        .map(|&i| a.library.articles()[i].id.as_str())
        .collect();
    assert_eq!(ids, ["003_99cfcbda6ab29d43", "000_f9bd4a49aeb422e6"]);
}

#[test]
fn a_long_article_shows_its_first_screen_before_its_full_layout() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = String::from("---\ntitle: Long\n---\n");
    for i in 0..3000 {
        body.push_str(&format!(
            "## Part {i}\n\nText of part {i} with a [link](https://example.org/{i}).\n\n"
        ));
    }
    std::fs::write(dir.path().join("long.md"), body).unwrap();
    let mut a = App::new(kiosk::Library::load(dir.path()).unwrap(), (100, 30), false);
    run(&mut a, &[Action::Confirm]);
    let first = a.view_layout().unwrap();
    assert!(first.partial);
    assert!(first.lines.len() > 30, "at least a screen: {}", first.lines.len());
    assert!(a.complete_layout(), "the full layout was due");
    assert!(!a.complete_layout(), "and only once");
    let full = a.view_layout().unwrap();
    assert!(!full.partial);
    assert_eq!(full.lines[..first.lines.len()], first.lines[..]);
    assert_eq!(full.headings.len(), 3000 + 1, "every part and the Links section");
    // Going to the end uses the full layout even before it is drawn.
    let mut b = App::new(kiosk::Library::load(dir.path()).unwrap(), (100, 30), false);
    run(&mut b, &[Action::Confirm, Action::Bottom]);
    assert!(b.reading.scroll > first.lines.len());
}

#[test]
fn typing_a_search_never_waits_for_the_busy_thread_pool() {
    // Enough articles for work to be split (and so handed to the pool).
    let dir = tempfile::tempdir().unwrap();
    crate::common::gen_corpus::write_corpus(dir.path(), 1200).unwrap();
    let library = kiosk::Library::load(dir.path()).unwrap();
    let total = library.filter(&kiosk::Query::default()).len();
    // Both pool threads blocked, as while the text is indexed after start.
    let (release, blocked) = std::sync::mpsc::channel::<()>();
    let blocked = std::sync::Arc::new(std::sync::Mutex::new(blocked));
    let (started, ready) = std::sync::mpsc::channel();
    for _ in 0..rayon::current_num_threads() {
        let (blocked, started) = (blocked.clone(), started.clone());
        rayon::spawn(move || {
            started.send(()).unwrap();
            let _ = blocked.lock().unwrap().recv();
        });
    }
    for _ in 0..rayon::current_num_threads() {
        ready.recv().unwrap();
    }
    let (done, answer) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut a = App::new(library, (120, 35), false);
        run(&mut a, &[Action::Search, Action::Input('e')]);
        done.send(a.list.visible.len()).unwrap();
    });
    let typed = answer.recv_timeout(std::time::Duration::from_secs(20));
    for _ in 0..rayon::current_num_threads() {
        let _ = release.send(());
    }
    let found = typed.expect("the keystroke was handled while the pool was busy");
    assert!(found > total / 2, "titles with an e: {found} of {total}");
}

#[test]
fn read_marks_hold_across_the_preview_and_the_full_load() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::gen_corpus::write_corpus(dir.path(), 40).unwrap();
    let full = kiosk::Library::load(dir.path()).unwrap();
    let preview = kiosk::Library::load_preview(dir.path(), None).unwrap();
    assert!(preview.is_preliminary());
    let first = full.articles()[0].clone();
    let mut state = kiosk::state::State::in_memory();
    state.set_read(first.id.as_str(), first.hash, true);
    let mut app = App::new(preview, (100, 30), false).with_state(state);
    let read = |app: &App, id: &kiosk::ArticleId| app.read_state(app.library.index_of(id).unwrap());
    // While the folder is read whole, a read mark counts.
    assert_eq!(read(&app, &first.id), kiosk::state::ReadState::Read);
    // Marking another article read meanwhile stores its real content hash.
    run(&mut app, &[Action::Down, Action::MarkRead]);
    let second = app.library.articles()[app.list.visible[1]].id.clone();
    assert_eq!(read(&app, &second), kiosk::state::ReadState::Read);
    app.replace_library(full);
    assert!(!app.library.is_preliminary());
    assert_eq!(read(&app, &first.id), kiosk::state::ReadState::Read);
    assert_eq!(read(&app, &second), kiosk::state::ReadState::Read);
    assert_eq!(
        app.library.articles()[app.list.visible[app.list.selected]].id,
        second,
        "the selection is kept"
    );
}

#[test]
fn the_full_load_after_the_preview_is_no_news_but_a_reload_is() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::gen_corpus::write_corpus(dir.path(), 20).unwrap();
    let mut app = App::new(
        kiosk::Library::load_preview(dir.path(), None).unwrap(),
        (100, 30),
        false,
    );
    app.replace_library(kiosk::Library::load(dir.path()).unwrap());
    assert_eq!(app.message, None);
    app.replace_library(kiosk::Library::load(dir.path()).unwrap());
    assert_eq!(app.message.as_deref(), Some("reloaded: 20 articles"));
}

#[test]
fn leaving_side_by_side_at_the_bottom_stays_within_the_article() {
    let mut a = app(160, 40);
    run(
        &mut a,
        &[Action::Down, Action::Confirm, Action::SideBySide, Action::Bottom],
    );
    assert!(a.side_by_side());
    run(&mut a, &[Action::Back]);
    assert!(!a.side_by_side());
    assert_eq!(a.focus(), Focus::Reader, "Esc leaves side by side for one column");
    // The bottom: the last page, or the last heading brought to the top.
    let layout = a.layout().unwrap();
    let last_heading = layout.headings.last().map_or(0, |h| h.line);
    let bottom = layout.lines.len().saturating_sub(a.page_height()).max(last_heading);
    assert!(
        a.reading.scroll <= bottom,
        "scrolled past the end: {} > {bottom}",
        a.reading.scroll
    );
    // A terminal too narrow for two columns falls back to one, at the same place.
    run(&mut a, &[Action::SideBySide, Action::Resize(100, 40)]);
    assert!(!a.side_by_side());
    assert_eq!(a.focus(), Focus::Reader);
}
