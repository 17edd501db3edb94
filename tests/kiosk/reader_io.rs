//! The reader's dealings with files and programs, below the terminal:
//! bodies read off the loop, the pipe prompt and pager, the editor's
//! effect, the folder watcher, the state file's notice, cut marks.

use std::fs;
use std::sync::mpsc;
use std::time::Duration;

use kiosk::tui::action::{Action, Effect};
use kiosk::tui::app::{App, Popup};
use kiosk::tui::event::Event;
use kiosk::tui::pipe::{self, PipeInput, PipeRequest, PipeWhat};
use kiosk::Library;

use crate::common::{screen, seeds, seeds_dir};

fn run(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().filter_map(|a| app.update(a.clone())).collect()
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(c));
    }
}

#[test]
fn the_loop_reads_no_body_it_asks_for_it_and_draws_it_when_in() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.md"),
        "---\ntitle: First\ndate: 2024-01-02\n---\nThe body of the first.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("b.md"),
        "---\ntitle: Second\ndate: 2024-01-01\n---\nThe body of the second.\n",
    )
    .unwrap();
    let library = Library::load(dir.path()).unwrap();
    let mut app = App::reading_bodies(library, (100, 20), false, true);
    let first = app.selected_article().unwrap();
    assert!(!app.library.body_is_read(first), "the first frame read a body");
    assert!(screen(&app).contains("reading the article…"));
    assert_eq!(app.take_body_request(), Some(first));
    assert_eq!(app.take_body_request(), None, "asked once");
    // Keys go on while it is read: the selection moves, nothing is read.
    run(&mut app, &[Action::Down]);
    let second = app.selected_article().unwrap();
    assert!(!app.library.body_is_read(second));
    assert_eq!(app.take_body_request(), Some(second));
    (app.library.body_reader(second))();
    run(&mut app, &[Action::BodyRead(second)]);
    assert!(screen(&app).contains("The body of the second."), "{}", screen(&app));
    assert!(!app.library.body_is_read(first), "only what was asked for");
    // The first again: asked anew, since its read never came.
    run(&mut app, &[Action::Up]);
    assert!(screen(&app).contains("reading the article…"));
    (app.library.body_reader(first))();
    run(&mut app, &[Action::BodyRead(first)]);
    assert!(screen(&app).contains("The body of the first."));
    // Without background reading, as the update tests drive it, bodies are read in place.
    let app = App::new(Library::load(dir.path()).unwrap(), (100, 20), false);
    assert!(screen(&app).contains("The body of the first."));
}

#[test]
fn the_pipe_prompt_picks_what_to_pipe_and_the_pager_shows_the_output() {
    let mut app = App::new(seeds(), (100, 30), false);
    run(&mut app, &[Action::Down, Action::Confirm, Action::Pipe]);
    let shown = app.reading.shown.unwrap();
    assert_eq!(app.pipe_prompt().unwrap().what, PipeWhat::Source);
    assert!(screen(&app).contains("pipe the article's Markdown source (Tab: other) to: ▏"));
    // Enter without a command asks for one.
    assert_eq!(run(&mut app, &[Action::Confirm]), []);
    assert!(app.pipe_prompt().is_some());
    typed(&mut app, "wc -w");
    let effects = run(&mut app, &[Action::Confirm]);
    assert_eq!(
        effects,
        [Effect::Pipe(PipeRequest {
            command: "wc -w".into(),
            input: PipeInput::Source(app.library.articles()[shown].source.clone()),
        })]
    );
    assert!(app.pipe_prompt().is_none());
    // Tab: the text as shown, then back to the source (no URL here).
    run(&mut app, &[Action::Pipe, Action::SwitchPane]);
    assert_eq!(app.pipe_prompt().unwrap().what, PipeWhat::Text);
    typed(&mut app, "cat");
    let Some(Effect::Pipe(request)) = app.update(Action::Confirm) else {
        panic!("no pipe")
    };
    let PipeInput::Text(text) = request.input else {
        panic!("not text")
    };
    assert!(text.starts_with("USA überwachen mit Daten von TikTok\n"), "{text}");
    run(&mut app, &[Action::Pipe, Action::SwitchPane, Action::SwitchPane]);
    assert_eq!(app.pipe_prompt().unwrap().what, PipeWhat::Source);
    run(&mut app, &[Action::Back]);
    // From the link list: the selected URL, and Tab goes round all three.
    run(&mut app, &[Action::LinkList, Action::Down, Action::Pipe]);
    let url = app.library.links(shown)[1].url.clone();
    assert_eq!(app.pipe_prompt().unwrap().what, PipeWhat::Url(2, url.clone()));
    run(&mut app, &[Action::SwitchPane, Action::SwitchPane, Action::SwitchPane]);
    assert_eq!(app.pipe_prompt().unwrap().what, PipeWhat::Url(2, url.clone()));
    typed(&mut app, "cat");
    assert_eq!(
        app.update(Action::Confirm),
        Some(Effect::Pipe(PipeRequest {
            command: "cat".into(),
            input: PipeInput::Text(format!("{url}\n")),
        }))
    );
    // The output: a popup that scrolls and closes.
    let output: String = (1..=100).map(|i| format!("line {i}\n")).collect();
    run(&mut app, &[Action::PipeOutput("| cat".into(), output)]);
    assert!(matches!(app.popup(), Some(Popup::Output { lines, .. }) if lines.len() == 100));
    let drawn = screen(&app);
    assert!(drawn.contains("| cat · 1-27/100 j/k scroll, Esc closes"), "{drawn}");
    assert!(drawn.contains("line 27") && !drawn.contains("line 28 "), "{drawn}");
    run(&mut app, &[Action::Down, Action::Bottom]);
    assert!(screen(&app).contains("line 100"));
    assert!(matches!(app.popup(), Some(Popup::Output { scroll: 73, .. })));
    run(&mut app, &[Action::Back]);
    assert!(app.popup().is_none());
    // The prompt's line keeps the end of a long command in view.
    run(&mut app, &[Action::Pipe]);
    typed(&mut app, &"x".repeat(200));
    typed(&mut app, " END");
    let line = app.pipe_prompt().unwrap().line(40);
    assert!(line.starts_with(" | source: …") && line.ends_with(" END▏"), "{line}");
    assert!(kiosk::layout::width(&line) <= 40, "{line}");
}

#[test]
fn e_asks_for_the_editor_on_the_shown_or_selected_file() {
    let mut app = App::new(seeds(), (100, 30), false);
    run(&mut app, &[Action::Down]);
    let selected = app.selected_article().unwrap();
    let source = app.library.articles()[selected].source.clone();
    assert_eq!(run(&mut app, &[Action::Edit]), [Effect::Edit(source)]);
}

#[test]
fn piped_commands_are_bounded_and_their_output_cleaned() {
    let text = |s: &str| PipeInput::Text(s.into());
    let request = |command: &str, input| PipeRequest {
        command: command.into(),
        input,
    };
    let limit = Duration::from_secs(20);
    let (title, out) = pipe::run(&request("tr a-z A-Z", text("some text\n")), limit);
    assert_eq!((title.as_str(), out.as_str()), ("| tr a-z A-Z", "SOME TEXT\n"));
    // Escape sequences and C1 controls never reach the pager (a C1 CSI
    // takes its final byte with it).
    let (_, out) = pipe::run(
        &request("printf 'a\\033]52;c;eA==\\007b\\302\\2331mc\\n'", text("")),
        limit,
    );
    assert_eq!(out, "abc\n");
    // Standard error follows the output; the exit status is in the title.
    let (title, out) = pipe::run(&request("echo out; echo err >&2; exit 3", text("")), limit);
    assert_eq!(title, "| echo out; echo err >&2; exit 3 (exit status: 3)");
    assert_eq!(out, "out\nerr\n");
    // A command that never ends is stopped, with its whole pipeline.
    let (title, _) = pipe::run(&request("sleep 30 | cat", text("")), Duration::from_millis(300));
    assert_eq!(title, "| sleep 30 | cat (stopped after 0 s)");
    // Output is cut, not gathered without bound.
    let (_, out) = pipe::run(&request("yes | head -c 3000000", text("")), limit);
    assert!(out.ends_with("⋯ output cut at 1024 KiB"), "{}", &out[out.len() - 40..]);
    assert!(out.len() < pipe::MAX_OUTPUT_BYTES + 100);
    // A command that reads nothing of a large input does not block.
    let big = "x".repeat(8 << 20);
    let (title, out) = pipe::run(&request("echo ignored", text(&big)), limit);
    assert_eq!((title.as_str(), out.as_str()), ("| echo ignored", "ignored\n"));
    // The source is the file as written, front matter included.
    let source = seeds_dir().join("000_f9bd4a49aeb422e6.txt");
    let (_, out) = pipe::run(&request("head -n 2", PipeInput::Source(source)), limit);
    assert_eq!(out, "---\ntitle: \"USA überwachen mit Daten von TikTok\"\n");
    let missing = PipeInput::Source("/nonexistent/kiosk/a.md".into());
    let (_, out) = pipe::run(&request("cat", missing), limit);
    assert!(out.starts_with("cannot read /nonexistent/kiosk/a.md: "), "{out}");
}

fn next(events: &mpsc::Receiver<Event>, what: &str, want: fn(&Event) -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match events.recv_timeout(left) {
            Ok(event) if want(&event) => return,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    panic!("no {what} within 10 s");
}

#[test]
fn the_watch_is_armed_again_when_the_folder_comes_back() {
    use kiosk::tui::watch;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    fs::create_dir(&root).unwrap();
    let (tx, rx) = mpsc::channel();
    let gone = |e: &Event| matches!(e, Event::FolderGone);
    let back = |e: &Event| matches!(e, Event::FolderBack);
    let changed = |e: &Event| matches!(e, Event::FolderChanged);
    let mut live = watch::watch(&root, tx.clone()).expect("watched");
    fs::write(root.join("a.md"), "# A\n").unwrap();
    next(&rx, "change", changed);
    for (how, away) in [("renamed", true), ("deleted", false)] {
        if away {
            fs::rename(&root, dir.path().join("away")).unwrap();
        } else {
            fs::remove_dir_all(&root).unwrap();
        }
        next(&rx, how, gone);
        watch::wait_for_return(root.clone(), tx.clone());
        if away {
            fs::rename(dir.path().join("away"), &root).unwrap();
        } else {
            fs::create_dir(&root).unwrap();
        }
        next(&rx, "return", back);
        live = watch::watch(&root, tx.clone()).expect("watched again");
        fs::write(root.join(format!("{how}.md")), "# B\n").unwrap();
        next(&rx, "change after the return", changed);
    }
    drop(live);
}

#[test]
fn a_damaged_state_file_is_moved_aside_and_the_status_bar_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (state, message) = kiosk::state::State::open(dir.path());
    assert_eq!(message, None);
    let mut app = App::new(seeds(), (100, 30), false).with_state(state);
    run(&mut app, &[Action::Star]);
    app.message = None;
    kiosk::tui::runtime::save_state(&mut app);
    assert_eq!(app.message, None, "a save that went well says nothing");
    fs::write(dir.path().join("state.json"), b"{ not json").unwrap();
    run(&mut app, &[Action::Down, Action::Star]);
    kiosk::tui::runtime::save_state(&mut app);
    let message = app.message.clone().expect("a notice");
    assert!(message.starts_with("state file was unreadable"), "{message}");
    assert!(screen(&app).contains("state file was unreadable"), "{}", screen(&app));
}

#[test]
fn cut_combining_marks_are_noted_in_show_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let zalgo = format!("Z{}algo and more.\n", "\u{301}\u{316}".repeat(50));
    fs::write(
        dir.path().join("z.md"),
        format!("---\ntitle: Zalgo\ndate: 2024-01-01\n---\n{zalgo}"),
    )
    .unwrap();
    fs::write(
        dir.path().join("ok.md"),
        "---\ntitle: Fine\ndate: 2020-01-01\n---\nTiếng Việt.\n",
    )
    .unwrap();
    let note = "⋯ 92 combining marks cut (more than 8 on one character)";
    let out = crate::common::kiosk(&["show", dir.path().join("z.md").to_str().unwrap()]);
    let text = crate::common::stdout(&out);
    assert!(text.lines().nth(2).is_some_and(|l| l == note), "{text}");
    let out = crate::common::kiosk(&["show", dir.path().join("ok.md").to_str().unwrap()]);
    assert!(!crate::common::stdout(&out).contains("combining"));
    let out = crate::common::kiosk(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(
        crate::common::stdout(&out),
        "z.md: warning: 92 combining marks cut (more than 8 on one character)\n"
    );
    // The reading pane shows the note too.
    let app = App::new(Library::load(dir.path()).unwrap(), (100, 20), false);
    let shown = app.reading.shown.unwrap();
    assert_eq!(app.library.articles()[shown].title, "Zalgo");
    assert!(screen(&app).contains(&note[..30]), "{}", screen(&app));
}
