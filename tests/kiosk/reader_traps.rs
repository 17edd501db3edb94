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
        Some(Popup::Help { scroll } | Popup::Output { scroll, .. }) => *scroll,
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

fn tag_items(a: &App) -> Vec<(String, usize)> {
    match a.popup() {
        Some(Popup::Tags { items, .. }) => items.clone(),
        other => panic!("no tag picker: {other:?}"),
    }
}

#[test]
fn item_12_tag_counts_follow_the_filters_and_tags_with_none_are_dimmed() {
    let mut a = app(120, 35);
    run(&mut a, &[Action::TagPicker]);
    let pairs = |v: &[(&str, usize)]| v.iter().map(|(t, n)| (t.to_string(), *n)).collect::<Vec<_>>();
    assert_eq!(tag_items(&a), pairs(&[("Staat", 1), ("State", 1)]));
    run(&mut a, &[Action::Back]);
    for _ in 0..5 {
        if a.query.lang.as_deref() == Some("en") {
            break;
        }
        run(&mut a, &[Action::CycleLanguage]);
    }
    assert_eq!(a.query.lang.as_deref(), Some("en"));
    run(&mut a, &[Action::TagPicker]);
    assert_eq!(tag_items(&a), pairs(&[("Staat", 0), ("State", 1)]));
    run(&mut a, &[Action::Down]);
    // Drawn: the tag no article shown carries is dimmed, the other is not.
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 35)).unwrap();
    let theme = kiosk::tui::theme::Theme::new(kiosk::tui::theme::ThemeName::Dark);
    terminal.draw(|f| kiosk::tui::view::draw(f, &a, &theme)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let style_of = |text: &str| {
        let screen = terminal.backend().to_string();
        let (y, line) = screen.lines().enumerate().find(|(_, l)| l.contains(text)).unwrap();
        let x = line.trim_start_matches('"')[..line.trim_start_matches('"').find(text).unwrap()]
            .chars()
            .count();
        buffer[(x as u16, y as u16)].fg
    };
    assert_eq!(style_of("Staat (0)"), theme.dim().fg.unwrap());
    assert_ne!(style_of("State (1)"), theme.dim().fg.unwrap());
    // With the unread filter on and everything read, every count is 0.
    run(
        &mut a,
        &[
            Action::Back,
            Action::ClearFilters,
            Action::StarredOnly,
            Action::TagPicker,
        ],
    );
    assert_eq!(tag_items(&a), pairs(&[("Staat", 0), ("State", 0)]));
}

#[test]
fn item_15_smaller_wording_unknown_language_and_popup_hints() {
    use kiosk::tui::text::count;
    assert_eq!(count(1, "article"), "1 article");
    assert_eq!(count(0, "article"), "0 articles");
    assert_eq!(count(2, "article"), "2 articles");
    let mut a = app(120, 35);
    run(&mut a, &[Action::StarredOnly, Action::StarredOnly]);
    assert_eq!(a.message.as_deref(), Some("starred only: off, all articles shown"));
    run(&mut a, &[Action::UnreadOnly, Action::UnreadOnly]);
    assert_eq!(a.message.as_deref(), Some("unread only: off, all articles shown"));
    // One sign for an unknown language, in the reader and on the command line.
    assert_eq!(kiosk::article::UNKNOWN_LANG, "--");
    // Popups: their own keys in the status bar, and each says Esc closes.
    let open_article = [Action::Down, Action::Confirm];
    for (open, title) in [
        (
            Action::LinkList,
            "Links: Enter opens, a saves, o browser, y copies, Esc closes",
        ),
        (Action::Contents, "Contents: Enter jumps, Esc closes"),
        (Action::TagPicker, "Tags: Space toggles, Enter applies, Esc closes"),
        (Action::Help, "Keys (j/k scroll, Esc closes)"),
        (Action::Sources, "Esc closes"),
    ] {
        let mut a = app(120, 35);
        run(&mut a, &open_article);
        run(&mut a, std::slice::from_ref(&open));
        let screen = crate::common::screen(&a);
        assert!(screen.contains(title), "{open:?}: {screen}");
        let status = status_line(&a);
        assert!(status.contains("Esc close"), "{open:?}: {status:?}");
        assert!(
            !status.contains("open link") && !status.contains("T translation"),
            "{status:?}"
        );
    }
    // The selected link's detail line is not grey on blue.
    let mut a = app(120, 35);
    run(&mut a, &open_article);
    run(&mut a, &[Action::LinkList]);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 35)).unwrap();
    let theme = kiosk::tui::theme::Theme::new(kiosk::tui::theme::ThemeName::Dark);
    terminal.draw(|f| kiosk::tui::view::draw(f, &a, &theme)).unwrap();
    let selected_bg = theme.selected(true).bg;
    let dim_fg = theme.dim().fg;
    for cell in terminal
        .backend()
        .buffer()
        .content
        .iter()
        .filter(|c| c.bg == selected_bg.unwrap())
    {
        assert_ne!(Some(cell.fg), dim_fg, "grey on the selection");
    }
    // Meta text is not colour 8 (the background on Solarized-like palettes).
    assert_ne!(dim_fg, Some(ratatui::style::Color::DarkGray));
    assert_ne!(theme.selected(false).bg, Some(ratatui::style::Color::DarkGray));
}

#[test]
fn item_15_a_recovered_title_keeps_no_stray_quote() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("x.md"),
        "---\ntitle: \"Broken\ndate: 2024-01-01\n---\nBody.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("y.md"), "---\ntitle: 'Also broken \n---\nBody.\n").unwrap();
    std::fs::write(dir.path().join("z.md"), "---\ntitle: \"Whole\"\ntags: [a\n---\nBody.\n").unwrap();
    let lib = kiosk::Library::load(dir.path()).unwrap();
    let mut titles: Vec<&str> = lib.articles().iter().map(|a| a.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, ["Also broken", "Broken", "Whole"]);
}

#[test]
fn item_15_the_readme_says_when_an_article_becomes_read() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        !readme.contains("reading pane for three seconds (or"),
        "the old wording"
    );
    assert!(
        readme.contains("with the keyboard in the reading pane"),
        "the new wording"
    );
}

#[test]
fn item_16_the_samples_are_inside_the_binary_and_no_message_names_the_build_machine() {
    // Every bundled article is embedded, byte for byte.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let embedded: Vec<&str> = kiosk::bundled::ARTICLES.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, embedded);
    for (name, text) in kiosk::bundled::ARTICLES {
        assert_eq!(std::fs::read_to_string(dir.join(name)).unwrap(), *text, "{name}");
    }
    // Run somewhere else, with no ./articles: the samples open from the data folder.
    let cwd = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kiosk"))
            .args(args)
            .current_dir(cwd.path())
            .env("XDG_DATA_HOME", data.path())
            .env("XDG_CONFIG_HOME", "/nonexistent/kiosk-tests")
            .env("XDG_CACHE_HOME", "/nonexistent/kiosk-tests")
            .output()
            .unwrap()
    };
    let out = run(&["list"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);
    assert!(data.path().join("kiosk/articles/003_99cfcbda6ab29d43.txt").is_file());
    let out = run(&["show", "nonexistent"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&data.path().display().to_string()), "{err}");
    assert!(!err.contains(env!("CARGO_MANIFEST_DIR")), "{err}");
    // An edited sample is the reader's copy: it is not written over.
    let edited = data.path().join("kiosk/articles/000_f9bd4a49aeb422e6.txt");
    std::fs::write(&edited, "Edited title\n\nMy own text.\n").unwrap();
    assert!(run(&["list"]).status.success());
    assert_eq!(
        std::fs::read_to_string(&edited).unwrap(),
        "Edited title\n\nMy own text.\n"
    );
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let toml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let version = toml
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .unwrap()
        .trim_matches('"');
    assert!(
        readme.contains(&format!("Rust {version}")),
        "README names Rust {version}"
    );
    assert!(readme.contains("cargo install --path ."));
}

#[test]
fn item_14_the_man_page_has_keys_files_environment_exit_status_and_examples() {
    let out = crate::common::kiosk(&["man"]);
    assert!(out.status.success());
    let page = crate::common::stdout(&out);
    let sections: Vec<&str> = page.lines().filter_map(|l| l.strip_prefix(".SH ")).collect();
    for want in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "KEYS",
        "KEYS IN LISTS AND POPUPS",
        "FILES",
        "ENVIRONMENT",
        "\"EXIT STATUS\"",
        "EXAMPLES",
    ] {
        assert!(
            sections.iter().any(|s| s.trim_matches('"') == want.trim_matches('"')),
            "{want} in {sections:?}"
        );
    }
    // Every key of the keymap, with its help, from the one table.
    for (keys, help, _) in kiosk::tui::keymap::Keymap::default().help_rows() {
        let keys = keys.replace('-', "\\-");
        assert!(page.contains(&format!("\\fB{keys}\\fR")), "{keys}");
        assert!(page.contains(&help.replace('-', "\\-")), "{help}");
    }
    for name in [
        "config.toml",
        "state.json",
        "$XDG_CACHE_HOME/kiosk/",
        "BROWSER",
        "NO_COLOR",
        "XDG_CONFIG_HOME",
        "VISUAL, EDITOR",
    ] {
        assert!(page.contains(name), "{name}");
    }
    // Only this page is made: it names no other.
    assert!(!page.contains("(1)"), "a reference to another page");
    assert!(!page.contains("kiosk\\-list"), "kiosk-list(1) is never made");
    // Every line is roff: no stray control characters.
    assert!(
        page.lines().all(|l| !l.starts_with('\'')),
        "a line would be a roff request"
    );
}

#[test]
fn tags_that_differ_only_in_case_are_one_tag_in_the_picker() {
    // As on a real glossary: `Concept` on some pages, `concept` on others.
    let dir = tempfile::tempdir().unwrap();
    for (name, tags) in [
        ("a", "[Concept]"),
        ("b", "[Concept, Tool]"),
        ("c", "[concept, Concept]"),
    ] {
        let text = format!("---\ntitle: {name}\ntags: {tags}\n---\nText.\n");
        std::fs::write(dir.path().join(format!("{name}.md")), text).unwrap();
    }
    let mut a = App::new(kiosk::Library::load(dir.path()).unwrap(), (100, 30), false);
    run(&mut a, &[Action::TagPicker]);
    let items = tag_items(&a);
    assert_eq!(items, [("Concept".to_string(), 3), ("Tool".to_string(), 1)]);
}

#[test]
fn the_status_bar_offers_no_link_or_translation_keys_an_article_lacks() {
    let status = |a: &App| crate::common::screen(a).lines().last().unwrap().to_string();
    // 003 cites links and has its German translation.
    let mut a = app(120, 35);
    run(&mut a, &[Action::Confirm]);
    let bar = status(&a);
    assert!(bar.contains("1-9 open link") && bar.contains("translation"), "{bar}");
    // 001 (plain text, third in the list) has neither.
    let mut a = app(120, 35);
    run(&mut a, &[Action::Down, Action::Down, Action::Confirm]);
    assert_eq!(
        a.reading
            .shown
            .map(|i| a.library.articles()[i].id.to_string())
            .as_deref(),
        Some("001_8fa43bf7fe4e0427")
    );
    let bar = status(&a);
    assert!(
        !bar.contains("open link") && !bar.contains("links") && !bar.contains("translation"),
        "{bar}"
    );
    assert!(bar.contains("help") && bar.contains("back"), "{bar}");
}
