//! The list pane: its order (`=`, remembered), undated articles by their
//! files' day, the folder column and picker (`F`), the split, the measure
//! and the zoom (`z`), the columns that fit each width, and `B`'s picker of
//! translations.

use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use kiosk::library::SortOrder;
use kiosk::tui::action::{Action, Effect};
use kiosk::tui::app::{App, Popup};
use kiosk::Library;
use ratatui::style::Modifier;

use crate::common::{screen, seeds, SEEDS_MODIFIED};

fn run(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for a in actions {
        effects.extend(app.update(a.clone()));
        app.finish_search();
    }
    effects
}

fn ids(app: &App) -> Vec<String> {
    app.list
        .visible
        .iter()
        .map(|&i| app.library.articles()[i].id.to_string())
        .collect()
}

/// Seconds since the epoch at noon UTC of a day given as `YYYY-MM-DD`:
/// that day in every time zone within 11 hours.
fn noon(day: &str) -> u64 {
    let d = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    d.and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp() as u64
}

fn set_mtime(path: &Path, day: &str) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(UNIX_EPOCH + Duration::from_secs(noon(day))).unwrap();
}

/// A site of `../shared/realworld`, beside the crate or beside a folder
/// above it (a git worktree of the crate).
fn realworld(site: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .skip(1)
        .map(|up| up.join("shared/realworld"))
        .find(|p| p.is_dir())
        .expect("shared/realworld beside the crate or above")
        .join(site)
}

/// The library of `dir` with every file's modification day pinned to
/// `day`: screens do not depend on when the files were copied.
fn pinned(dir: &Path, day: &str) -> Library {
    let lib = Library::load(dir).unwrap();
    let ns = i128::from(noon(day)) * 1_000_000_000;
    let articles = lib
        .articles()
        .iter()
        .map(|a| {
            let mut a = (**a).clone();
            a.stamp.mtime_ns = ns;
            a
        })
        .collect();
    Library::from_articles(dir, articles, lib.diagnostics().to_vec())
}

fn congo(size: (u16, u16)) -> App {
    App::new(
        pinned(&realworld("congo/exampleSite/content"), "2024-01-01"),
        size,
        false,
    )
}

/// The style of the cell at (x, y) of the app's screen.
fn style_at(app: &App, x: u16, y: u16) -> ratatui::style::Style {
    let (w, h) = app.size;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let theme = kiosk::tui::theme::Theme::new(kiosk::tui::theme::ThemeName::Dark);
    terminal.draw(|f| kiosk::tui::view::draw(f, app, &theme)).unwrap();
    terminal.backend().buffer()[(x, y)].style()
}

const DATE_ORDER: [&str; 5] = [
    "003_99cfcbda6ab29d43",
    "000_f9bd4a49aeb422e6",
    "001_8fa43bf7fe4e0427",
    "004_afe6046d54508ad7",
    "002_febce40671cb284b",
];

#[test]
fn the_order_key_cycles_every_order_and_the_choice_is_remembered() {
    let state_dir = tempfile::tempdir().unwrap();
    let (state, _) = kiosk::state::State::open(state_dir.path());
    let mut a = App::new(seeds(), (120, 35), false).with_state(state);
    assert_eq!(ids(&a), DATE_ORDER);
    // 000 read: it goes after the unread ones in the unread order.
    run(&mut a, &[Action::Down, Action::MarkRead, Action::Top]);
    let by = |a: &mut App, order: &str, want: &[&str]| {
        assert_eq!(run(a, &[Action::Sort]), [Effect::SaveState], "{order}");
        assert_eq!(a.sort.name(), order);
        assert_eq!(ids(a), want, "{order}");
    };
    by(
        &mut a,
        "title",
        &[
            "001_8fa43bf7fe4e0427",
            "004_afe6046d54508ad7",
            "002_febce40671cb284b",
            "003_99cfcbda6ab29d43",
            "000_f9bd4a49aeb422e6",
        ],
    );
    assert_eq!(a.message.as_deref(), Some("order: by title"));
    assert!(screen(&a).lines().last().unwrap().contains("sort:title"));
    by(
        &mut a,
        "unread",
        &[
            "003_99cfcbda6ab29d43",
            "001_8fa43bf7fe4e0427",
            "004_afe6046d54508ad7",
            "002_febce40671cb284b",
            "000_f9bd4a49aeb422e6",
        ],
    );
    by(
        &mut a,
        "length",
        &[
            "001_8fa43bf7fe4e0427",
            "004_afe6046d54508ad7",
            "000_f9bd4a49aeb422e6",
            "003_99cfcbda6ab29d43",
            "002_febce40671cb284b",
        ],
    );
    let minutes: Vec<usize> = a
        .list
        .visible
        .iter()
        .map(|&i| a.library.articles()[i].reading_minutes())
        .collect();
    assert!(minutes.windows(2).all(|w| w[0] <= w[1]), "{minutes:?}");
    // One folder: by folder is by date.
    by(&mut a, "section", &DATE_ORDER);
    by(&mut a, "date", &DATE_ORDER);
    // The order survives a restart.
    run(&mut a, &[Action::Sort]);
    a.state.save().unwrap();
    let (state, message) = kiosk::state::State::open(state_dir.path());
    assert_eq!(message, None);
    let b = App::new(seeds(), (120, 35), false).with_state(state);
    assert_eq!(b.sort, SortOrder::Title);
    assert_eq!(ids(&b)[0], "001_8fa43bf7fe4e0427");
}

#[test]
fn the_order_key_keeps_the_selected_article() {
    let mut a = App::new(seeds(), (120, 35), false);
    run(&mut a, &[Action::Down, Action::Down]);
    let chosen = a.selected_article();
    run(&mut a, &[Action::Sort]);
    assert_eq!(a.selected_article(), chosen);
    assert_eq!(a.list.selected, 0, "Die chinesische... is first by title");
}

#[test]
fn undated_articles_are_listed_by_their_files_day_dimmed() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str, day: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        set_mtime(&path, day);
    };
    file(
        "dated.md",
        "---\ntitle: Dated\ndate: 2024-05-01\n---\nText.\n",
        "2024-06-01",
    );
    file(
        "old.md",
        "---\ntitle: Old\ndate: 2019-01-01\n---\nText.\n",
        "2024-06-01",
    );
    file("undated.txt", "Undated\n\nA plain text without a date.\n", "2022-03-04");
    let a = App::new(Library::load(dir.path()).unwrap(), (120, 35), false);
    assert_eq!(ids(&a), ["dated", "undated", "old"]);
    let text = screen(&a);
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[1].starts_with("\"●  2022-03-04 -- Undated"), "{}", rows[1]);
    // The file's day is dimmed (and slanted); an article's own date is not.
    let (own, files) = (style_at(&a, 3, 0), style_at(&a, 3, 1));
    assert!(files.add_modifier.contains(Modifier::ITALIC), "{files:?}");
    assert_ne!(own.fg, files.fg, "{own:?} {files:?}");
    assert!(!own.add_modifier.contains(Modifier::ITALIC));
    // `kiosk list` and the JSON keep the article's own date: none.
    assert_eq!(a.library.articles()[a.list.visible[1]].date, None);
    // `kiosk list` gives the reader's order (the undated one by its day).
    let out = crate::common::kiosk(&["list", dir.path().to_str().unwrap(), "--no-cache"]);
    let out = crate::common::stdout(&out);
    let listed: Vec<&str> = out.lines().filter_map(|l| l.rsplit("  ").next()).collect();
    assert_eq!(listed, ["dated", "undated", "old"], "{out}");
}

#[test]
fn the_seeds_files_day_is_pinned_for_the_tests() {
    let a = App::new(seeds(), (120, 35), false);
    let text = screen(&a);
    assert!(text.lines().nth(2).unwrap().contains(SEEDS_MODIFIED), "{text}");
}

#[test]
fn the_folder_picker_filters_by_folder_with_counts() {
    let mut a = congo((120, 35));
    run(&mut a, &[Action::FolderPicker]);
    let Some(Popup::Folders { items, selected: 0 }) = a.popup().cloned() else {
        panic!("no folder picker: {:?}", a.popup());
    };
    assert_eq!(items[0], (None, a.list.visible.len()));
    let docs = items.iter().position(|(s, _)| s.as_deref() == Some("docs")).unwrap();
    let all: Vec<usize> = (0..a.library.articles().len()).collect();
    let in_docs = a.library.filter_section(&all, "docs").len();
    assert_eq!(items[docs].1, in_docs);
    assert!(in_docs > 30 && in_docs < a.list.visible.len(), "{in_docs}");
    insta::assert_snapshot!("folder_picker_120x35", screen(&a));
    for _ in 0..docs {
        run(&mut a, &[Action::Down]);
    }
    run(&mut a, &[Action::Confirm]);
    assert_eq!(a.section.as_deref(), Some("docs"));
    assert_eq!(a.list.visible.len(), in_docs);
    assert!(ids(&a).iter().all(|id| id.starts_with("docs/")));
    assert_eq!(a.message.as_deref(), Some("folder: docs"));
    assert!(a.filter_summary().contains(&"folder docs".to_string()));
    run(&mut a, &[Action::Down]);
    assert!(screen(&a).lines().last().unwrap().contains("section:docs"));
    run(&mut a, &[Action::ClearFilters]);
    assert_eq!(a.section, None);
    assert_eq!(a.list.visible.len(), items[0].1);
    // The seeds are all in one folder.
    let mut s = App::new(seeds(), (120, 35), false);
    run(&mut s, &[Action::FolderPicker]);
    assert_eq!(s.popup(), None);
    assert_eq!(s.message.as_deref(), Some("the articles are all in one folder"));
}

#[test]
fn sorting_by_folder_groups_the_folders() {
    let mut a = congo((120, 35));
    while a.sort != SortOrder::Section {
        run(&mut a, &[Action::Sort]);
    }
    let sections: Vec<String> = a
        .list
        .visible
        .iter()
        .map(|&i| a.library.articles()[i].section().unwrap_or("").to_string())
        .collect();
    let mut sorted = sections.clone();
    sorted.sort();
    assert_eq!(sections, sorted);
}

#[test]
fn the_list_at_every_width() {
    for (w, h) in [(60, 20), (80, 24), (120, 35), (200, 50)] {
        let a = congo((w, h));
        insta::assert_snapshot!(format!("congo_list_{w}x{h}"), screen(&a));
    }
    let zola = App::new(pinned(&realworld("zola/docs/content"), "2023-02-03"), (120, 35), false);
    insta::assert_snapshot!("zola_list_120x35", screen(&zola));
}

#[test]
fn every_column_configured_gives_way_in_order() {
    let layout = kiosk::config::Layout {
        columns: kiosk::config::Column::ALL.to_vec(),
        ..kiosk::config::Layout::default()
    };
    for (w, h) in [(60, 20), (80, 24), (120, 35), (200, 50)] {
        let mut a = congo((w, h));
        a.set_layout(&layout);
        insta::assert_snapshot!(format!("congo_all_columns_{w}x{h}"), screen(&a));
    }
}

#[test]
fn the_split_measure_and_zoom_share_the_width() {
    let mut a = App::new(seeds(), (200, 50), false);
    // The text keeps its measure; the list takes the rest.
    let p = a.panes();
    assert_eq!((p.list.unwrap().width, p.reader.unwrap().width), (96, 100));
    assert_eq!(a.text_width(), 100);
    // The list zoomed: it alone, over the whole width.
    run(&mut a, &[Action::Zoom]);
    let p = a.panes();
    assert_eq!((p.list.unwrap().width, p.reader), (200, None));
    assert_eq!(a.message.as_deref(), Some("zoomed: z shows both panes"));
    insta::assert_snapshot!("zoomed_list_200x50", screen(&a));
    // The article zoomed: alone, its measure centred.
    run(&mut a, &[Action::Down, Action::Confirm]);
    let r = a.panes().reader.unwrap();
    assert_eq!((r.x, r.width, a.panes().list), (49, 100, None));
    insta::assert_snapshot!("zoomed_reader_200x50", screen(&a));
    run(&mut a, &[Action::Zoom]);
    assert!(a.panes().list.is_some() && !a.geometry.zoom);
    // A configured split and measure.
    let layout = kiosk::config::Layout {
        split: 30,
        measure: 60,
        ..kiosk::config::Layout::default()
    };
    a.set_layout(&layout);
    let p = a.panes();
    assert_eq!((p.list.unwrap().width, p.reader.unwrap().width), (136, 60));
    assert_eq!(a.text_width(), 60);
    let lines = screen(&a);
    // Each row right of the list: a column of padding, at most 60 of text.
    let widest = lines
        .lines()
        .filter_map(|l| l.split('│').nth(1))
        .map(|r| r.trim_end_matches(['"', '┃', '│']).trim_end().chars().count())
        .max();
    assert_eq!(widest, Some(61), "{lines}");
    run(&mut a, &[Action::Resize(120, 35)]);
    let layout = kiosk::config::Layout {
        split: 50,
        ..kiosk::config::Layout::default()
    };
    a.set_layout(&layout);
    let p = a.panes();
    assert_eq!((p.list.unwrap().width, p.reader.unwrap().width), (60, 56));
}

#[test]
fn b_picks_one_of_several_translations() {
    let mut a = congo((160, 40));
    let en = a
        .list
        .visible
        .iter()
        .position(|&i| a.library.articles()[i].id.as_str() == "docs/version-2/upgrade/index")
        .unwrap();
    for _ in 0..en {
        run(&mut a, &[Action::Down]);
    }
    run(&mut a, &[Action::Confirm, Action::SideBySide]);
    let Some(Popup::Translations { items, selected: 0 }) = a.popup().cloned() else {
        panic!("no translation picker: {:?}", a.popup());
    };
    let names: Vec<&str> = items.iter().map(|&i| a.library.articles()[i].id.as_str()).collect();
    assert_eq!(
        names,
        [
            "docs/version-2/upgrade/index.ja",
            "docs/version-2/upgrade/index.zh-Hans"
        ]
    );
    insta::assert_snapshot!("translation_picker_160x40", screen(&a));
    run(&mut a, &[Action::Down, Action::Confirm]);
    assert!(a.side_by_side());
    assert_eq!(a.message.as_deref(), Some("side by side with zh-hans"));
    let (_, right, _) = a.prepared_pair().unwrap();
    let title: String = right.lines[0].spans.iter().map(|s| s.text.as_str()).collect();
    assert!(title.contains("从Congo 1.x升级"), "{title}");
    // B leaves; B again opens the picker on the one chosen.
    run(&mut a, &[Action::SideBySide]);
    assert!(!a.side_by_side());
    run(&mut a, &[Action::SideBySide]);
    assert!(matches!(a.popup(), Some(Popup::Translations { selected: 1, .. })));
    run(&mut a, &[Action::Back]);
    // Without room for two columns, the one chosen is shown instead.
    run(&mut a, &[Action::Resize(100, 30), Action::SideBySide, Action::Confirm]);
    let shown = a.library.articles()[a.reading.shown.unwrap()].id.to_string();
    assert_eq!(shown, "docs/version-2/upgrade/index.zh-Hans");
    assert_eq!(
        a.message.as_deref(),
        Some("translation: zh-hans (side by side needs 140 columns)")
    );
}

#[test]
fn kiosk_show_takes_the_measure_and_width_stays_exact() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[layout]\nmeasure = 60\n").unwrap();
    let config = config.to_str().unwrap();
    let width = |args: &[&str]| {
        let out = crate::common::kiosk(args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = crate::common::stdout(&out);
        text.lines().map(kiosk::layout::width).max().unwrap()
    };
    let measured = width(&["show", "000", "--dir", "articles", "--config", config]);
    assert!((55..=60).contains(&measured), "{measured}");
    let exact = width(&["show", "000", "--dir", "articles", "--config", config, "--width", "90"]);
    assert!((80..=90).contains(&exact), "{exact}");
    // A measure out of range names its line.
    std::fs::write(
        dir.path().join("bad.toml"),
        "theme = \"dark\"\n[layout]\nsplit = 40\nmeasure = 9\n",
    )
    .unwrap();
    let out = crate::common::kiosk(&["list", "--config", dir.path().join("bad.toml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 4: layout.measure: 9 is not between 30 and 400"),
        "{err}"
    );
}

#[test]
fn kiosk_list_sorts_as_the_reader_does() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("news")).unwrap();
    let file = |name: &str, text: &str, day: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        set_mtime(&path, day);
    };
    file(
        "b.md",
        "---\ntitle: Beta\ndate: 2024-05-01\n---\nOne two three four five.\n",
        "2024-06-01",
    );
    file("a.md", "---\ntitle: alpha\ndate: 2019-01-01\n---\nOne.\n", "2024-06-01");
    file(
        "news/c.txt",
        "Gamma\n\nA plain text without a date, longer than the others are.\n",
        "2022-03-04",
    );
    let state = tempfile::tempdir().unwrap();
    let lib = Library::load(dir.path()).unwrap();
    let beta = lib.get(&kiosk::ArticleId("b".into())).unwrap();
    std::fs::create_dir_all(state.path().join("kiosk")).unwrap();
    std::fs::write(
        state.path().join("kiosk/state.json"),
        format!(
            "{{\"version\": 1, \"articles\": {{\"b\": {{\"read\": \"xxh3:{:016x}\", \"updated\": 1}}}}}}",
            beta.hash
        ),
    )
    .unwrap();
    let listed = |sort: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_kiosk"));
        cmd.arg("list").arg(dir.path()).arg("--no-cache");
        if let Some(sort) = sort {
            cmd.args(["--sort", sort]);
        }
        let out = cmd
            .env("XDG_CONFIG_HOME", "/nonexistent/kiosk-tests")
            .env("XDG_STATE_HOME", state.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines()
            .map(|l| l.rsplit("  ").next().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    // Without --sort: by date, as the reader opens (undated by their day).
    assert_eq!(listed(None), ["b", "news/c", "a"]);
    assert_eq!(listed(Some("date")), ["b", "news/c", "a"]);
    assert_eq!(listed(Some("title")), ["a", "b", "news/c"]);
    assert_eq!(listed(Some("unread")), ["news/c", "a", "b"]);
    assert_eq!(listed(Some("length")), ["a", "b", "news/c"]);
    assert_eq!(listed(Some("folder")), ["b", "a", "news/c"]);
    let out = crate::common::kiosk(&["list", "--sort", "size"]);
    assert_eq!(out.status.code(), Some(2));
}
