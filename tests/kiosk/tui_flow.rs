//! The reading flow and unread bookkeeping (issue 22, items 2 and 3):
//! `J`/`K`, `Space` at the end, unread `n`/`N` round the list, each article
//! reopening where it was left (across runs), `A` with its undo, and the
//! status bar's folder and unread/shown/total.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kiosk::state::{ReadState, State};
use kiosk::tui::action::{Action, Effect};
use kiosk::tui::app::{App, Focus};
use kiosk::tui::keymap::{Context, Keymap};

use crate::common::{screen, seeds};

fn run(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().filter_map(|a| app.update(a.clone())).collect()
}

fn shown_id(app: &App) -> &str {
    app.library.articles()[app.reading.shown.unwrap()].id.as_str()
}

fn list_ids(app: &App) -> Vec<String> {
    app.list
        .visible
        .iter()
        .map(|&i| app.library.articles()[i].id.to_string())
        .collect()
}

/// The status bar, with the folder's name written as `FOLDER`.
fn status(app: &App) -> String {
    let folder = app.library.root().file_name().unwrap().to_string_lossy().into_owned();
    let line = screen(app).lines().last().unwrap().trim_matches('"').to_string();
    line.replace(&format!(" {folder} "), " FOLDER ")
}

fn mark_read(app: &mut App, position: usize) {
    let i = app.list.visible[position];
    let (id, hash) = (app.library.articles()[i].id.to_string(), app.library.content_hash(i));
    app.state.set_read(&id, hash, true);
}

#[test]
fn shift_j_and_k_open_the_next_and_previous_article() {
    let mut a = App::new(seeds(), (120, 35), false);
    let ids = list_ids(&a);
    run(&mut a, &[Action::Confirm, Action::NextArticle]);
    assert_eq!(a.focus(), Focus::Reader);
    assert_eq!(shown_id(&a), ids[1]);
    assert_eq!(a.list.selected, 1);
    run(&mut a, &[Action::NextArticle, Action::PrevArticle, Action::PrevArticle]);
    assert_eq!(shown_id(&a), ids[0]);
    run(&mut a, &[Action::PrevArticle]);
    assert_eq!(a.message.as_deref(), Some("this is the first article"));
    run(&mut a, &[Action::Bottom]);
    for _ in 0..4 {
        run(&mut a, &[Action::NextArticle]);
    }
    assert_eq!(shown_id(&a), ids[4]);
    run(&mut a, &[Action::NextArticle]);
    assert_eq!(a.message.as_deref(), Some("this is the last article"));
    // In the list they move the selection, as j/k do.
    run(&mut a, &[Action::Back, Action::PrevArticle]);
    assert_eq!(a.focus(), Focus::List);
    assert_eq!(a.list.selected, 3);
    // Ctrl-n and Ctrl-p are the same keys.
    let keys = Keymap::default();
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let plain = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);
    assert_eq!(keys.resolve(Context::Main, &ctrl('n')), Some(Action::NextArticle));
    assert_eq!(keys.resolve(Context::Main, &ctrl('p')), Some(Action::PrevArticle));
    assert_eq!(keys.resolve(Context::Main, &plain('J')), Some(Action::NextArticle));
    assert_eq!(keys.resolve(Context::Main, &plain('K')), Some(Action::PrevArticle));
    assert_eq!(keys.resolve(Context::Main, &plain('A')), Some(Action::MarkAllRead));
    assert_eq!(keys.resolve(Context::Main, &plain('U')), Some(Action::UndoMarkAll));
}

#[test]
fn space_at_the_end_reads_on_to_the_next_unread() {
    let mut a = App::new(seeds(), (120, 35), false);
    let ids = list_ids(&a);
    mark_read(&mut a, 1);
    run(&mut a, &[Action::Confirm]);
    // Space pages down until the end; there it marks the article read and
    // opens the next unread one (the second is read: the third).
    let mut effects = Vec::new();
    for _ in 0..40 {
        effects = run(&mut a, &[Action::PageDown]);
        if shown_id(&a) != ids[0] {
            break;
        }
    }
    assert_eq!(shown_id(&a), ids[2]);
    assert_eq!(a.reading.scroll, 0);
    assert_eq!(effects, [Effect::SaveState]);
    assert_eq!(a.read_state(a.list.visible[0]), ReadState::Read);
}

#[test]
fn unread_n_goes_round_the_list_with_a_message() {
    let mut a = App::new(seeds(), (120, 35), false);
    mark_read(&mut a, 1);
    mark_read(&mut a, 2);
    mark_read(&mut a, 4);
    run(&mut a, &[Action::Bottom, Action::NextUnread]);
    assert_eq!(a.list.selected, 0);
    assert_eq!(a.message.as_deref(), Some("no unread article below: on from the top"));
    run(&mut a, &[Action::NextUnread]);
    assert_eq!(a.list.selected, 3);
    assert_eq!(a.message, None);
    run(&mut a, &[Action::Top, Action::PrevUnread]);
    assert_eq!(a.list.selected, 3);
    assert_eq!(
        a.message.as_deref(),
        Some("no unread article above: on from the bottom")
    );
    // From the reading pane, n opens the article there.
    run(&mut a, &[Action::Confirm, Action::NextUnread]);
    assert_eq!(a.focus(), Focus::Reader);
    assert_eq!(a.list.selected, 0);
    mark_read(&mut a, 0);
    mark_read(&mut a, 3);
    run(&mut a, &[Action::NextUnread]);
    assert_eq!(a.message.as_deref(), Some("no other unread article"));
}

#[test]
fn an_article_reopens_where_it_was_left() {
    let mut a = App::new(seeds(), (120, 35), false);
    run(&mut a, &[Action::Down, Action::Confirm]);
    for _ in 0..9 {
        run(&mut a, &[Action::Down]);
    }
    assert_eq!(a.reading.scroll, 9);
    // Away and back: the same line.
    assert_eq!(run(&mut a, &[Action::NextArticle]), [Effect::SaveState]);
    assert_eq!(a.reading.scroll, 0);
    run(&mut a, &[Action::PrevArticle]);
    assert_eq!(a.reading.scroll, 9);
    // Back to the list and in again, and with the selection in the list.
    run(&mut a, &[Action::Back, Action::Up, Action::Down]);
    assert_eq!(a.reading.scroll, 9);
    // A finished article opens at the top.
    run(
        &mut a,
        &[Action::Confirm, Action::Bottom, Action::Back, Action::Up, Action::Down],
    );
    assert_eq!(a.reading.scroll, 0);
}

#[test]
fn the_place_is_remembered_across_runs_and_widths() {
    let dir = tempfile::tempdir().unwrap();
    let open = |size| {
        let (state, message) = State::open(dir.path());
        assert_eq!(message, None);
        App::new(seeds(), size, false).with_state(state)
    };
    let mut a = open((120, 35));
    run(&mut a, &[Action::Down, Action::Confirm]);
    for _ in 0..20 {
        run(&mut a, &[Action::Down]);
    }
    let top = a.layout().unwrap().lines[20].text();
    // Leaving the article (q goes back to the list) remembers the place.
    assert_eq!(run(&mut a, &[Action::Quit]), [Effect::SaveState]);
    assert_eq!(run(&mut a, &[Action::Quit]), [Effect::Quit]);
    a.state.save().unwrap();
    let mut b = open((120, 35));
    run(&mut b, &[Action::Down, Action::Confirm]);
    assert_eq!(b.reading.scroll, 20);
    assert_eq!(b.layout().unwrap().lines[b.reading.scroll].text(), top);
    // At another width, the same paragraph is at the top.
    let mut c = open((70, 24));
    run(&mut c, &[Action::Down, Action::Confirm]);
    let line = c.layout().unwrap().lines[c.reading.scroll].text();
    let first_word = top.split_whitespace().next().unwrap();
    let paragraph = c.layout().unwrap().lines[c.reading.scroll.saturating_sub(3)..=c.reading.scroll]
        .iter()
        .map(|l| l.text())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        paragraph.contains(first_word),
        "{first_word:?} near the top at 70 columns: {line:?}"
    );
    let text = std::fs::read_to_string(dir.path().join("state.json")).unwrap();
    assert!(text.contains("\"place\""), "{text}");
    // Ctrl-C in the article remembers the place too (the runtime saves on quit).
    run(&mut b, &[Action::Down, Action::Down]);
    assert_eq!(run(&mut b, &[Action::ForceQuit]), [Effect::Quit]);
    b.state.save().unwrap();
    let mut d = open((120, 35));
    run(&mut d, &[Action::Down, Action::Confirm]);
    assert_eq!(d.reading.scroll, 22);
}

#[test]
fn mark_all_read_and_undo() {
    let mut a = App::new(seeds(), (120, 35), false);
    mark_read(&mut a, 2);
    run(&mut a, &[Action::Down]);
    assert!(status(&a).contains(" FOLDER 4/5/5 "), "{}", status(&a));
    assert_eq!(run(&mut a, &[Action::MarkAllRead]), [Effect::SaveState]);
    assert_eq!(a.message.as_deref(), Some("marked 4 read (U undoes)"));
    assert_eq!(a.unread_shown(), 0);
    assert!(status(&a).contains(" FOLDER 0/5/5 "), "{}", status(&a));
    assert_eq!(run(&mut a, &[Action::UndoMarkAll]), [Effect::SaveState]);
    assert_eq!(a.message.as_deref(), Some("4 unread again"));
    assert_eq!(a.unread_shown(), 4);
    assert_eq!(
        a.read_state(a.list.visible[2]),
        ReadState::Read,
        "a read mark from before stays"
    );
    assert!(run(&mut a, &[Action::UndoMarkAll]).is_empty());
    assert_eq!(a.message.as_deref(), Some("nothing to undo"));
    // Only what is shown: with a language filter, the others stay unread.
    let read_before = a.list.visible[2];
    run(&mut a, &[Action::CycleLanguage]);
    let filtered = a.list.visible.clone();
    assert!(filtered.len() < 5);
    run(&mut a, &[Action::MarkAllRead]);
    assert_eq!(a.unread_shown(), 0);
    run(&mut a, &[Action::ClearFilters]);
    let read = |i: &usize| filtered.contains(i) || *i == read_before;
    for i in a.list.visible.clone() {
        assert_eq!(a.read_state(i) == ReadState::Read, read(&i), "article {i}");
    }
    let unread = a.list.visible.iter().filter(|i| !read(i)).count();
    assert!(unread > 0);
    assert_eq!(a.unread_shown(), unread);
    // Under "unread only" the list empties, and the undo brings it back.
    let mut a = App::new(seeds(), (120, 35), false);
    run(&mut a, &[Action::UnreadOnly, Action::MarkAllRead]);
    assert!(a.list.visible.is_empty());
    run(&mut a, &[Action::UndoMarkAll]);
    assert_eq!(a.list.visible.len(), 5);
    run(&mut a, &[Action::MarkAllRead, Action::MarkAllRead]);
    assert_eq!(a.message.as_deref(), Some("every article shown is read"));
}

#[test]
fn the_status_bar_shows_the_folder_and_unread_shown_total() {
    let mut a = App::new(seeds(), (80, 24), false);
    assert!(status(&a).ends_with(" FOLDER 5/5/5 "), "{:?}", status(&a));
    run(&mut a, &[Action::CycleLanguage]);
    assert!(status(&a).ends_with(" lang:de  FOLDER 4/4/5 "), "{:?}", status(&a));
    run(&mut a, &[Action::Down, Action::MarkRead]);
    assert!(status(&a).ends_with(" FOLDER 3/4/5 "), "{:?}", status(&a));
}
