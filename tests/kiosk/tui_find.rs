//! Find in the article (issue 22, item 1): `/` in the reading pane, every
//! match highlighted, `n`/`N`, the count in the status bar, an article
//! opened from a list search arriving at its first match, and the search's
//! words highlighted in the list's titles.

use kiosk::library::fold;
use kiosk::tui::action::Action;
use kiosk::tui::app::{App, Focus};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui::Terminal;

use crate::common::{screen, seeds};

/// The German seed: 000, second in the list.
const DE: &str = "000_f9bd4a49aeb422e6";

fn run(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(a.clone());
        app.finish_search();
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Input).collect()
}

/// The German article open in the reading pane.
fn reading_de(w: u16, h: u16) -> App {
    let mut app = App::new(seeds(), (w, h), false);
    run(&mut app, &[Action::Down, Action::Confirm]);
    assert_eq!(app.library.articles()[app.reading.shown.unwrap()].id.as_str(), DE);
    app
}

fn find(app: &mut App, text: &str) {
    run(app, &[Action::Search]);
    run(app, &typed(text));
}

/// How often `word` occurs in the shown article's lines, counted here
/// from the layout's own text.
fn occurrences(app: &mut App, word: &str) -> usize {
    let layout = app.layout().unwrap();
    layout
        .lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.text.as_str()).collect();
            fold(&text).matches(&fold(word)).count()
        })
        .sum()
}

fn draw(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = kiosk::tui::theme::Theme::new(kiosk::tui::theme::ThemeName::Dark);
    terminal.draw(|f| kiosk::tui::view::draw(f, app, &theme)).unwrap();
    terminal.backend().buffer().clone()
}

/// Every run of highlighted cells on screen, as `row: text` (`*` marks the
/// current match).
fn highlighted(app: &App) -> Vec<String> {
    highlighted_in(app, 0, app.size.0)
}

/// The same, in columns `from..to` only.
fn highlighted_in(app: &App, from: u16, to: u16) -> Vec<String> {
    let buffer = draw(app);
    let mut out = Vec::new();
    for y in 0..buffer.area.height {
        let mut run = String::new();
        let mut current = false;
        for x in from..to {
            let cell = &buffer[(x, y)];
            match cell.bg {
                Color::Yellow | Color::LightRed => {
                    current |= cell.bg == Color::LightRed;
                    run.push_str(cell.symbol());
                }
                _ if !run.is_empty() => {
                    out.push(format!("{y}: {run}{}", if current { " *" } else { "" }));
                    run.clear();
                    current = false;
                }
                _ => {}
            }
        }
        if !run.is_empty() {
            out.push(format!("{y}: {run}{}", if current { " *" } else { "" }));
        }
    }
    out
}

fn status(app: &App) -> String {
    screen(app).lines().last().unwrap().trim_matches('"').to_string()
}

#[test]
fn slash_in_the_reading_pane_finds_as_you_type() {
    let mut a = reading_de(120, 35);
    run(&mut a, &[Action::Search]);
    assert!(a.finding(), "/ in the reading pane finds in the article");
    assert_eq!(a.focus(), Focus::Reader, "the list search is not opened");
    run(&mut a, &typed("tiktok"));
    let want = occurrences(&mut a, "tiktok");
    assert_eq!(want, 45);
    let find = a.find().unwrap();
    assert_eq!(find.hits.len(), want);
    assert_eq!(find.current, Some(0));
    assert_eq!(find.status().as_deref(), Some("1/45"));
    assert!(status(&a).contains(" find: tiktok▏"), "{}", status(&a));
    assert!(status(&a).contains(" 1/45 "), "{}", status(&a));
    // Enter keeps the find; n and N go from match to match.
    run(&mut a, &[Action::Confirm, Action::NextUnread, Action::NextUnread]);
    assert!(!a.finding());
    assert_eq!(a.find().unwrap().current, Some(2));
    run(&mut a, &[Action::PrevUnread]);
    assert_eq!(a.find().unwrap().current, Some(1));
    assert!(status(&a).contains(" 2/45 "), "{}", status(&a));
}

#[test]
fn case_and_accents_do_not_matter() {
    let mut a = reading_de(120, 35);
    // The title says "überwachen"; typed without the umlaut, upper case.
    find(&mut a, "UBERWACHEN");
    let find = a.find().unwrap();
    assert_eq!(find.hits.len(), occurrences(&mut a, "überwachen"));
    assert!(!a.find().unwrap().hits.is_empty());
    let hit = a.find().unwrap().hits[0].clone();
    let layout = a.layout().unwrap();
    let text: String = layout.lines[hit.line].spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(&text[hit.range], "überwachen");
}

#[test]
fn n_goes_round_the_end_with_a_message() {
    let mut a = reading_de(120, 35);
    find(&mut a, "tiktok");
    run(&mut a, &[Action::Confirm, Action::PrevUnread]);
    assert_eq!(a.find().unwrap().current, Some(44));
    assert_eq!(a.message.as_deref(), Some("find: on from the last match"));
    run(&mut a, &[Action::NextUnread]);
    assert_eq!(a.find().unwrap().current, Some(0));
    assert_eq!(a.message.as_deref(), Some("find: back at the first match"));
}

#[test]
fn the_current_match_is_kept_away_from_the_edges() {
    for (w, h) in [(120, 35), (60, 20), (80, 24)] {
        let mut a = reading_de(w, h);
        find(&mut a, "tiktok");
        run(&mut a, &[Action::Confirm]);
        for _ in 0..45 {
            run(&mut a, &[Action::NextUnread]);
            let f = a.find().unwrap();
            let line = f.hits[f.current.unwrap()].line;
            let (top, height) = (a.reading.scroll, a.page_height());
            let total = a.layout().unwrap().lines.len();
            assert!(
                line >= top && line < top + height,
                "{w}x{h}: line {line} off screen at {top}"
            );
            // Away from the edge, unless the article's own start or end is there.
            assert!(line > top || top == 0, "{w}x{h}: line {line} on the first row");
            assert!(
                line + 1 < top + height || top + height >= total,
                "{w}x{h}: line {line} on the last row"
            );
        }
    }
}

#[test]
fn esc_while_typing_goes_back_and_esc_after_ends_the_find() {
    let mut a = reading_de(120, 35);
    run(&mut a, &[Action::Down, Action::Down]);
    find(&mut a, "theintercept.com");
    assert!(a.reading.scroll > 2, "the pane went to the match");
    run(&mut a, &[Action::Back]);
    assert!(a.find().is_none());
    assert_eq!(a.reading.scroll, 2, "Esc while typing returns to where the find began");
    // Kept with Enter, a find is ended by Esc, and the next Esc leaves the article.
    find(&mut a, "theintercept.com");
    run(&mut a, &[Action::Confirm, Action::Back]);
    assert!(a.find().is_none());
    assert_eq!(a.focus(), Focus::Reader);
    run(&mut a, &[Action::Back]);
    assert_eq!(a.focus(), Focus::List);
    // Without a find, n is the next unread article again.
    let mut a = reading_de(120, 35);
    run(&mut a, &[Action::NextUnread]);
    assert_eq!(a.list.selected, 2);
    // A find that matches nothing says so; Backspace to empty ends it.
    let mut a = reading_de(120, 35);
    find(&mut a, "zzzq");
    assert_eq!(a.find().unwrap().status().as_deref(), Some("no match"));
    assert!(status(&a).contains("no match"), "{}", status(&a));
    run(
        &mut a,
        &[
            Action::Backspace,
            Action::Backspace,
            Action::Backspace,
            Action::Backspace,
        ],
    );
    assert_eq!(a.find().unwrap().status(), None);
    run(&mut a, &[Action::Confirm]);
    assert!(a.find().is_none(), "an empty find is no find");
}

#[test]
fn every_match_on_screen_is_highlighted_and_the_current_one_stands_out() {
    let mut a = reading_de(120, 35);
    find(&mut a, "tiktok");
    run(&mut a, &[Action::Confirm, Action::NextUnread]);
    insta::assert_snapshot!("find_highlights_120x35", highlighted(&a).join("\n"));
    insta::assert_snapshot!("find_screen_120x35", screen(&a));
    let mut a = reading_de(60, 20);
    find(&mut a, "kommunistische fuhrung");
    insta::assert_snapshot!("find_typing_60x20", screen(&a));
    assert_eq!(highlighted(&a).iter().filter(|r| r.ends_with('*')).count(), 1);
}

#[test]
fn an_article_opened_from_a_list_search_arrives_at_its_first_match() {
    let mut a = App::new(seeds(), (120, 35), false);
    run(&mut a, &[Action::Search]);
    run(&mut a, &typed("oracle"));
    run(&mut a, &[Action::Confirm, Action::Confirm]);
    assert_eq!(a.focus(), Focus::Reader);
    let f = a.find().expect("the list's words are found in the article");
    assert!(f.from_list);
    assert_eq!(f.current, Some(0));
    let line = f.hits[0].line;
    assert!(line > a.page_height(), "the first mention is below the first screen");
    assert!(line >= a.reading.scroll && line < a.reading.scroll + a.page_height());
    let marks = highlighted(&a);
    assert!(marks.iter().any(|m| m.ends_with("Oracle *")), "{marks:?}");
    // Esc ends the highlighting; the list keeps its search.
    run(&mut a, &[Action::Back]);
    assert!(a.find().is_none());
    assert_eq!(a.query.text, "oracle");
}

#[test]
fn the_list_search_words_are_highlighted_in_titles() {
    let mut a = App::new(seeds(), (120, 35), false);
    run(&mut a, &[Action::Search]);
    run(&mut a, &typed("tiktok daten"));
    run(&mut a, &[Action::Confirm]);
    let list = a.panes().list.unwrap();
    let marks = highlighted_in(&a, list.x, list.x + list.width);
    insta::assert_snapshot!("find_titles_120x35", marks.join("\n"));
    assert!(marks.iter().any(|m| m.contains("TikTok")));
}
