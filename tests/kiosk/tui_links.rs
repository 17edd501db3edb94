//! Links inside kiosk: relative links, `#id` links and footnotes jump in the
//! reader, `Backspace` walks back; `a` in the link list saves a page (against
//! a server on 127.0.0.1) and from then on Enter opens the saved copy; `R`
//! fetches feeds with progress in the status bar.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use kiosk::tui::action::{Action, Effect};
use kiosk::tui::app::{App, Jump, Screen};
use kiosk::tui::ingest::{run, Job, Report, Setup};
use kiosk::tui::reader::Reader;
use kiosk::tui::theme::{Theme, ThemeName};
use kiosk::Library;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use super::ingest::{client, fixtures_server};
use crate::common::{screen, typed};

fn links_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/links")
}

fn app(dir: &Path, w: u16, h: u16) -> App {
    App::new(Library::load(dir).unwrap(), (w, h), false)
}

fn shown(app: &App) -> &str {
    app.library.articles()[app.reading.shown.unwrap()].id.as_str()
}

fn run_actions(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().filter_map(|a| app.update(a.clone())).collect()
}

/// The line of the heading with this id in the shown article.
fn anchor(app: &mut App, id: &str) -> usize {
    let layout = app.layout().unwrap();
    layout.anchors.iter().find(|(a, _)| a == id).unwrap().1
}

/// Opens "Start here" (the newest article, first in the list).
fn at_start(w: u16, h: u16) -> App {
    let mut a = app(&links_dir(), w, h);
    run_actions(&mut a, &[Action::Confirm]);
    assert_eq!(shown(&a), "start");
    a
}

#[test]
fn relative_links_open_the_article_inside_kiosk_and_backspace_walks_back() {
    let mut a = at_start(100, 30);
    run_actions(&mut a, &[Action::Down, Action::Down]);
    // [1] guide/setup/: relative to the file, a folder's index page.
    // Inside kiosk: no browser; leaving the article may save its place.
    assert!(run_actions(&mut a, &[Action::Digit(1)])
        .iter()
        .all(|e| matches!(e, Effect::SaveState)));
    assert_eq!(shown(&a), "guide/setup/index");
    assert_eq!(a.mode().screen, Screen::Reading);
    assert_eq!(a.reading.scroll, 0);
    assert_eq!(a.message.as_deref(), Some("[1] Setup guide"));
    // [2] /other/ from there: root-relative.
    run_actions(&mut a, &[Action::Digit(2)]);
    assert_eq!(shown(&a), "other");
    assert_eq!(a.trail().len(), 2);
    run_actions(&mut a, &[Action::GoBack]);
    assert_eq!(shown(&a), "guide/setup/index");
    assert_eq!(a.message.as_deref(), Some("back (1 more place behind)"));
    run_actions(&mut a, &[Action::GoBack]);
    assert_eq!(shown(&a), "start");
    assert_eq!(a.reading.scroll, 2, "the place it was left at");
    assert_eq!(a.message.as_deref(), Some("back where you started"));
    run_actions(&mut a, &[Action::GoBack]);
    assert_eq!(
        a.message.as_deref(),
        Some("no place to go back to (links, notes and contents leave one)")
    );
    // [2] other.md (by file name) and [5] /elsewhere/ (its permalink).
    run_actions(&mut a, &[Action::Digit(2)]);
    assert_eq!(shown(&a), "other");
    run_actions(&mut a, &[Action::GoBack, Action::Digit(5)]);
    assert_eq!(shown(&a), "other");
}

#[test]
fn a_hugo_ref_name_with_an_id_opens_the_article_at_that_heading() {
    let mut a = at_start(100, 30);
    // [4] setup#configure: a page found by its name, then the heading.
    run_actions(&mut a, &[Action::Digit(4)]);
    assert_eq!(shown(&a), "guide/setup/index");
    // The last heading can always be brought to the top.
    let line = anchor(&mut a, "configure");
    assert_eq!(a.reading.scroll, line);
    assert_eq!(a.message.as_deref(), Some("[4] Setup guide"));
    run_actions(&mut a, &[Action::GoBack]);
    assert_eq!((shown(&a), a.reading.scroll), ("start", 0));
}

#[test]
fn an_id_link_jumps_to_the_heading_of_the_article() {
    let mut a = at_start(80, 16);
    run_actions(&mut a, &[Action::Digit(3)]);
    assert_eq!(shown(&a), "start");
    let line = anchor(&mut a, "install-it");
    assert!(line > 10);
    assert_eq!(a.reading.scroll, line);
    assert_eq!(a.message.as_deref(), Some("[3] #install-it"));
    assert!(screen(&a).contains("Install it"));
    // Ctrl-o and Backspace are the same key.
    let keys = a.keymap.clone();
    for code in [KeyCode::Backspace, KeyCode::Char('o')] {
        let mods = if code == KeyCode::Backspace {
            KeyModifiers::NONE
        } else {
            KeyModifiers::CONTROL
        };
        let event = Event::Key(KeyEvent::new(code, mods));
        assert_eq!(keys.translate(&event, a.mode().context()), Some(Action::GoBack));
    }
    run_actions(&mut a, &[Action::GoBack]);
    assert_eq!(a.reading.scroll, 0);
}

#[test]
fn links_out_of_the_folder_still_go_to_the_browser_and_files_are_refused() {
    let mut a = at_start(100, 30);
    assert_eq!(
        run_actions(&mut a, &[Action::Digit(6)]),
        [Effect::OpenUrl("https://example.org/story".into())]
    );
    // Inside kiosk: no browser; leaving the article may save its place.
    assert!(run_actions(&mut a, &[Action::Digit(7)])
        .iter()
        .all(|e| matches!(e, Effect::SaveState)));
    assert_eq!(
        a.message.as_deref(),
        Some("[7] pic.png: no article of this folder is there")
    );
    assert_eq!(shown(&a), "start");
    assert!(a.trail().is_empty());
}

#[test]
fn the_footnote_key_goes_to_each_note_and_back() {
    let mut a = at_start(70, 14);
    let layout = a.layout().unwrap();
    let note = |n: usize| layout.note_lines.iter().find(|&&(m, _)| m == n).unwrap().1;
    run_actions(&mut a, &[Action::Down]);
    run_actions(&mut a, &[Action::Footnote]);
    let on_screen = |a: &App, line: usize| (a.reading.scroll..a.reading.scroll + a.page_height()).contains(&line);
    assert!(on_screen(&a, note(1)) && a.reading.scroll > 1);
    assert_eq!(a.message.as_deref(), Some("note 1 · f goes back"));
    assert_eq!(a.trail().last().unwrap().jump, Jump::Note(1));
    assert!(screen(&a).contains("The first note, with its evidence."));
    run_actions(&mut a, &[Action::Footnote]);
    assert_eq!(a.reading.scroll, 1, "back at the reference");
    // Again from there: the next reference.
    run_actions(&mut a, &[Action::Footnote]);
    assert_eq!(a.message.as_deref(), Some("note 2 · f goes back"));
    assert!(screen(&a).contains("The second note."));
    // Backspace goes back as well.
    run_actions(&mut a, &[Action::GoBack]);
    assert_eq!(a.reading.scroll, 1);
    // After the last reference, round to the first.
    run_actions(&mut a, &[Action::Footnote]);
    assert_eq!(a.message.as_deref(), Some("note 1 · f goes back"));
    // Scrolled to the notes by hand, no reference below: from the first
    // note on screen to where it is cited.
    run_actions(&mut a, &[Action::GoBack]);
    for _ in 0..100 {
        if a.reading.scroll + 1 >= note(2) {
            break;
        }
        run_actions(&mut a, &[Action::Down]);
    }
    assert_eq!(
        a.reading.scroll + 1,
        note(2),
        "note 2 on the first row under the header"
    );
    run_actions(&mut a, &[Action::Footnote]);
    let cited = layout.footnote_lines.iter().find(|&&(m, _)| m == 2).unwrap().1;
    assert_eq!(a.reading.scroll, cited - 1);
    assert_eq!(a.message.as_deref(), Some("reference 2"));
    // An article without footnotes says so.
    run_actions(&mut a, &[Action::Digit(2), Action::Footnote]);
    assert_eq!(a.message.as_deref(), Some("this article has no footnotes"));
}

#[test]
fn a_contents_jump_leaves_a_place_to_go_back_to() {
    let mut a = at_start(80, 16);
    run_actions(&mut a, &[Action::Contents, Action::Down, Action::Confirm]);
    let line = anchor(&mut a, "install-it");
    assert_eq!(a.reading.scroll, line);
    run_actions(&mut a, &[Action::GoBack]);
    assert_eq!(a.reading.scroll, 0);
}

#[test]
fn jumps_are_drawn() {
    let mut a = at_start(80, 16);
    run_actions(&mut a, &[Action::Digit(3)]);
    insta::assert_snapshot!("links_id_jump_80x16", screen(&a));
    let mut a = at_start(60, 12);
    run_actions(&mut a, &[Action::Footnote]);
    insta::assert_snapshot!("links_footnote_60x12", screen(&a));
}

/// Runs a job as the runtime's thread would and hands every report to the
/// reader; the reports, in order.
fn perform(r: &mut Reader<TestBackend>, job: &Job, setup: &Setup) -> Vec<Report> {
    let reports = Mutex::new(Vec::new());
    run(job, setup, &client(), &|rep| reports.lock().unwrap().push(rep));
    let reports = reports.into_inner().unwrap();
    r.apply(reports.iter().cloned().map(Action::Ingest));
    r.draw().unwrap();
    reports
}

#[test]
fn a_in_the_link_list_saves_the_page_then_enter_opens_the_saved_copy() {
    let server = fixtures_server();
    let url = server.url("/news.html");
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("citing.md"),
        format!(
            "---\ntitle: Citing\ndate: 2024-01-01\n---\n\nThe [bridge story]({url}) and [more]({}).\n",
            server.url("/more.html")
        ),
    )
    .unwrap();
    let setup = Setup {
        dir: dir.path().to_path_buf(),
        state_dir: Some(state.path().to_path_buf()),
        feeds: None,
    };
    let mut r = Reader::new(
        app(dir.path(), 100, 30),
        Terminal::new(TestBackend::new(100, 30)).unwrap(),
        Theme::new(ThemeName::Dark),
    );
    r.draw().unwrap();
    let effects = typed(&mut r, "\roa");
    let job = Job::Save {
        url: url.clone(),
        via: "citing".into(),
        n: 1,
    };
    assert_eq!(effects, [Effect::Ingest(job.clone())]);
    let text = r.screen();
    assert!(text.contains("saving [1]…"), "{text}");
    assert!(text.contains("saving… · 127.0.0.1"), "{text}");
    // Again while it runs: nothing new.
    assert!(typed(&mut r, "a").is_empty());
    assert_eq!(r.app.message.as_deref(), Some("[1] is being saved"));

    let reports = perform(&mut r, &job, &setup);
    assert!(matches!(reports.last(), Some(Report::Done(_, Ok(_)))));
    assert_eq!(
        r.app.message.as_deref(),
        Some("[1] saved: Harbour bridge reopens after repairs (Enter opens it here)")
    );
    assert!(r.app.activity().is_none());
    let name = "2024-03-05-harbour-bridge-reopens-after-repairs.md";
    let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert!(
        text.contains(&format!("\nsource: {url}\nvia: citing\nsite: ")),
        "{text}"
    );

    // The reload the runtime does next.
    r.app.replace_library(Library::load(dir.path()).unwrap());
    r.draw().unwrap();
    assert_eq!(r.app.library.articles().len(), 2);
    assert_eq!(
        r.app.message.as_deref(),
        Some("[1] saved: Harbour bridge reopens after repairs (Enter opens it here)"),
        "the reload says it again"
    );
    assert!(r.screen().contains("✓ saved · 127.0.0.1"), "{}", r.screen());
    // Enter opens the saved copy inside kiosk; Backspace comes back.
    assert!(typed(&mut r, "\r").is_empty());
    assert_eq!(shown(&r.app), name.trim_end_matches(".md"));
    assert_eq!(
        r.app.message.as_deref(),
        Some("[1] saved copy · the web page: o then o")
    );
    assert!(r.screen().contains("Harbour bridge reopens after repairs"));
    typed(&mut r, "\x7f");
    assert_eq!(shown(&r.app), "citing");
    // The browser is one key away in the link list; a saved page is not saved twice.
    assert_eq!(typed(&mut r, "oo"), [Effect::OpenUrl(url.clone())]);
    assert!(typed(&mut r, "oa").is_empty());
    assert_eq!(
        r.app.message.as_deref(),
        Some("[1] is saved already: Harbour bridge reopens after repairs (Enter opens it)")
    );
    // The digit opens the saved copy too, and the sources view marks it.
    typed(&mut r, "q1\x7fO");
    assert_eq!(shown(&r.app), "citing");
    typed(&mut r, " j");
    let sources = r.screen();
    assert!(sources.contains(&format!("✓ {url}")), "{sources}");
}

#[test]
fn a_page_that_cannot_be_saved_says_why() {
    let server = fixtures_server();
    let dir = tempfile::tempdir().unwrap();
    let missing = server.url("/gone.html");
    std::fs::write(
        dir.path().join("citing.md"),
        format!("---\ntitle: Citing\n---\n\n[Gone]({missing}), [mail](mailto:a@b.org).\n"),
    )
    .unwrap();
    let mut a = app(dir.path(), 100, 30);
    run_actions(
        &mut a,
        &[Action::Confirm, Action::LinkList, Action::Down, Action::SaveLink],
    );
    assert_eq!(
        a.message.as_deref(),
        Some("[2] only web pages (http, https) can be saved")
    );
    let effects = run_actions(&mut a, &[Action::Up, Action::SaveLink]);
    let [Effect::Ingest(job)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let setup = Setup {
        dir: dir.path().to_path_buf(),
        state_dir: None,
        feeds: None,
    };
    let reports = Mutex::new(Vec::new());
    run(job, &setup, &client(), &|rep| reports.lock().unwrap().push(rep));
    for rep in reports.into_inner().unwrap() {
        a.update(Action::Ingest(rep));
    }
    let message = a.message.clone().unwrap();
    assert!(
        message.starts_with("[1] not saved: ") && message.contains("404"),
        "{message}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing written");
}

#[test]
fn capital_r_fetches_the_feeds_with_progress_in_the_status_bar() {
    let server = fixtures_server();
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let feeds = state.path().join("urls");
    std::fs::write(
        &feeds,
        format!("{}\n{}\n", server.url("/rss2-full.xml"), server.url("/atom.xml")),
    )
    .unwrap();
    std::fs::write(dir.path().join("old.md"), "---\ntitle: Old\n---\n\nText.\n").unwrap();
    let setup = Setup {
        dir: dir.path().to_path_buf(),
        state_dir: Some(state.path().to_path_buf()),
        feeds: Some(feeds),
    };
    let mut r = Reader::new(
        app(dir.path(), 100, 30),
        Terminal::new(TestBackend::new(100, 30)).unwrap(),
        Theme::new(ThemeName::Dark),
    );
    assert_eq!(typed(&mut r, "R"), [Effect::Ingest(Job::Fetch)]);
    assert!(typed(&mut r, "R").is_empty());
    assert_eq!(r.app.message.as_deref(), Some("the feeds are being fetched"));
    let reports = Mutex::new(Vec::new());
    run(&Job::Fetch, &setup, &client(), &|rep| reports.lock().unwrap().push(rep));
    let reports = reports.into_inner().unwrap();
    // Halfway: one feed done of two.
    let first_done = reports
        .iter()
        .position(|rep| matches!(rep, Report::Progress(_, kiosk::ingest::Progress::Finished(_))))
        .unwrap();
    r.apply(reports[..=first_done].iter().cloned().map(Action::Ingest));
    r.draw().unwrap();
    let status = r.screen().lines().last().unwrap().to_string();
    assert!(status.contains("feeds 1/2, "), "{status}");
    r.apply(reports[first_done + 1..].iter().cloned().map(Action::Ingest));
    r.draw().unwrap();
    let message = r.app.message.clone().unwrap();
    assert!(message.starts_with("fetched: 2 feeds, "), "{message}");
    assert!(r.app.activity().is_none());
    r.app.replace_library(Library::load(dir.path()).unwrap());
    assert!(r.app.library.articles().len() >= 3);
    // Without a subscriptions file: what to do.
    let empty = Setup {
        feeds: Some(state.path().join("none.opml")),
        ..setup
    };
    assert_eq!(typed(&mut r, "R"), [Effect::Ingest(Job::Fetch)]);
    perform(&mut r, &Job::Fetch, &empty);
    let message = r.app.message.clone().unwrap();
    assert!(
        message.starts_with("cannot fetch: no subscriptions in ")
            && message.ends_with("`kiosk feeds import FILE` adds them"),
        "{message}"
    );
}
