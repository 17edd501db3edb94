//! Pictures: where documents have them, the rows the reading pane makes for
//! them, and what it draws there (half blocks on a TestBackend).

use std::path::Path;

use kiosk::document::parse_markdown;
use kiosk::layout::{article_layout, layout, with_pictures};
use kiosk::tui::action::Action;
use kiosk::tui::app::App;
use kiosk::Library;
use ratatui_image::picker::Picker;

use crate::common::screen;

fn png(path: &Path, w: u32, h: u32) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 3) as u8, (y * 9) as u8, 200]))
        .save_with_format(path, image::ImageFormat::Png)
        .unwrap();
}

const ARTICLE: &str = "---\ntitle: Cats\n---\nBefore the picture.\n\n![A grey cat](img/cat.png)\n\n\
After the picture.\n\n![Remote](https://example.org/x.png)\n\n![Missing](gone.png)\n\nThe end.\n";

/// A folder with one article and its picture (200×100 pixels: 20 columns
/// and 5 rows in half blocks' 10×20 cells).
fn folder(article: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cats.md"), article).unwrap();
    png(&dir.path().join("img/cat.png"), 200, 100);
    dir
}

fn reader(dir: &Path, size: (u16, u16), pictures: bool) -> App {
    let mut app = App::new(Library::load(dir).unwrap(), size, false);
    if pictures {
        app = app.with_pictures(Picker::halfblocks());
    }
    app.update(Action::Confirm);
    app
}

/// The rows of the screen that show half blocks.
fn picture_rows(screen: &str) -> Vec<usize> {
    screen
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains('▀') || l.contains('▄'))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn documents_know_their_pictures() {
    let doc = parse_markdown(
        "Text ![a](a.png) more.\n\n<img src=\"b.png\" alt=\"b\">\n\n{{< figure src=\"c.png\" caption=\"C\" >}}\n\n\
         | x |\n|---|\n| ![t](t.png) |\n\nNote[^1].\n\n[^1]: ![n](n.png)\n",
    );
    let sources: Vec<(usize, &str)> = doc
        .images
        .iter()
        .map(|&(block, n)| (block, doc.links[n - 1].url.as_str()))
        .collect();
    // The footnote's picture is not in the body; the table's is.
    assert_eq!(sources, [(0, "a.png"), (1, "b.png"), (2, "c.png"), (3, "t.png")]);
}

#[test]
fn rows_for_pictures_move_every_line_index_after_them() {
    let text = "# One\n\n![A](a.png)\n\n## Two {#two}\n\nSee [x](https://x.org) and[^1].\n\n\
                | h |\n|---|\n| ![T](t.png) |\n\n[^1]: A note.\n";
    let doc = parse_markdown(text);
    let plain = layout(&doc, 40);
    let shown = with_pictures(&plain, &doc, |_| 4);
    assert_eq!(shown.pictures.len(), 1, "none in the table");
    let p = &shown.pictures[0];
    let marker = plain.text_lines().iter().position(|l| l.starts_with("🖼 A")).unwrap();
    assert_eq!((p.line, p.rows, p.link), (marker + 1, 4, 1));
    assert!(shown.lines[p.line..p.line + 4].iter().all(|l| l.spans.is_empty()));
    // Without the picture's rows the text is the same.
    let mut text_lines = shown.text_lines();
    text_lines.drain(p.line..p.line + 4);
    assert_eq!(text_lines, plain.text_lines());
    let moved = |l: usize| if l > marker { l + 4 } else { l };
    assert_eq!(
        shown.headings.iter().map(|h| h.line).collect::<Vec<_>>(),
        plain.headings.iter().map(|h| moved(h.line)).collect::<Vec<_>>()
    );
    assert_eq!(
        shown.anchors,
        plain
            .anchors
            .iter()
            .map(|(id, l)| (id.clone(), moved(*l)))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        shown.link_lines,
        plain.link_lines.iter().map(|l| l.map(moved)).collect::<Vec<_>>()
    );
    assert_eq!(
        shown.block_starts,
        plain.block_starts.iter().map(|&l| moved(l)).collect::<Vec<_>>()
    );
    assert!(!plain.footnote_lines.is_empty() && !plain.note_lines.is_empty());
    assert_eq!(
        shown.footnote_lines,
        plain
            .footnote_lines
            .iter()
            .map(|&(n, l)| (n, moved(l)))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        shown.note_lines,
        plain.note_lines.iter().map(|&(n, l)| (n, moved(l))).collect::<Vec<_>>()
    );
    // Nothing to show: the layout as it was.
    assert_eq!(with_pictures(&plain, &doc, |_| 0), plain);
}

#[test]
fn a_picture_in_a_paragraph_goes_under_its_own_line() {
    let doc = parse_markdown("Words before ![the cat](cat.png) and a few words after it.\n");
    let shown = with_pictures(&layout(&doc, 24), &doc, |_| 2);
    let lines = shown.text_lines();
    let at = shown.pictures[0].line;
    assert!(lines[at - 1].contains("[1]"), "{lines:?}");
    assert_eq!(&lines[at..at + 2], ["", ""]);
    assert!(lines[at + 2..].concat().contains("after"));
}

#[test]
fn the_reading_pane_draws_local_pictures_under_their_line() {
    let dir = folder(ARTICLE);
    let mut app = reader(dir.path(), (80, 24), true);
    // Asked for, not made yet.
    assert!(screen(&app).contains("⋯ picture loading"));
    app.finish_pictures();
    let shown = screen(&app);
    let lines: Vec<&str> = shown.lines().collect();
    let caption = lines
        .iter()
        .position(|l| l.contains("🖼 A grey cat (cat.png)[1]"))
        .unwrap();
    assert_eq!(
        picture_rows(&shown),
        (caption + 1..caption + 6).collect::<Vec<_>>(),
        "{shown}"
    );
    assert!(lines[caption + 7].contains("After the picture."), "{shown}");
    // A remote picture and a missing file keep their line alone.
    let remote = lines.iter().position(|l| l.contains("🖼 Remote (x.png)[2]")).unwrap();
    assert!(picture_rows(lines[remote + 1]).is_empty() && lines[remote + 2].contains("🖼 Missing"));
    assert!(!shown.contains("loading"));
    // The status bar names the folder, a temporary one here.
    let name = dir.path().file_name().unwrap().to_string_lossy().to_string();
    let shown = shown.replace(&name, &"_".repeat(name.len()));
    insta::assert_snapshot!("picture_80x24", shown);
}

#[test]
fn off_the_pane_shows_what_kiosk_show_prints() {
    let dir = folder(ARTICLE);
    let app = reader(dir.path(), (80, 24), false);
    let shown = app.prepared_layout().unwrap();
    assert!(shown.pictures.is_empty());
    let lib = &app.library;
    let plain = article_layout(&lib.articles()[0], &lib.document(0), &[], app.text_width());
    assert_eq!(shown.text_lines(), plain.text_lines());
    assert!(picture_rows(&screen(&app)).is_empty());
}

#[test]
fn a_picture_scrolled_half_away_shows_its_lower_half() {
    let dir = folder(&format!("{ARTICLE}{}", "More text.\n\n".repeat(30)));
    let mut app = reader(dir.path(), (80, 24), true);
    app.finish_pictures();
    let top = app.prepared_layout().unwrap().pictures[0].line;
    for _ in 0..top + 2 {
        app.update(Action::Down);
    }
    app.finish_pictures();
    let shown = screen(&app);
    assert_eq!(picture_rows(&shown), [0, 1, 2], "{shown}");
}

#[test]
fn pictures_fit_the_pane_and_keep_their_place_across_sizes() {
    let dir = folder(ARTICLE);
    png(&dir.path().join("img/cat.png"), 2000, 1000);
    for (w, h) in [(60, 20), (80, 24), (120, 35), (200, 50)] {
        let mut app = reader(dir.path(), (w, h), true);
        app.finish_pictures();
        let layout = app.prepared_layout().unwrap();
        let p = &layout.pictures[0];
        assert!(p.rows <= app.page_height() - 2, "{w}x{h}");
        let shown = screen(&app);
        let rows = picture_rows(&shown);
        // What fits under the caption on the first screen.
        let visible = p.rows.min(app.page_height() - p.line);
        assert_eq!(rows.len(), visible, "{w}x{h}:\n{shown}");
        // Half blocks of a 2:1 picture: about four times as wide as high.
        let cells = shown
            .lines()
            .nth(rows[0])
            .unwrap()
            .chars()
            .filter(|c| matches!(c, '▀' | '▄'))
            .count();
        assert!(
            cells <= app.text_width() && cells >= 3 * p.rows,
            "{w}x{h}: {cells} × {}",
            p.rows
        );
    }
}

#[test]
fn a_broken_picture_says_why_and_nothing_panics() {
    let dir = folder(ARTICLE);
    let whole = std::fs::read(dir.path().join("img/cat.png")).unwrap();
    std::fs::write(dir.path().join("img/cat.png"), &whole[..whole.len() / 3]).unwrap();
    let mut app = reader(dir.path(), (80, 24), true);
    app.finish_pictures();
    let shown = screen(&app);
    assert!(shown.contains("⚠ picture not shown:"), "{shown}");
    assert!(picture_rows(&shown).is_empty());
    // The rows kept for it shrink to the one that says why: the text after
    // the picture follows at once, and no blank rows stay behind.
    let lines: Vec<&str> = shown.lines().collect();
    let at = lines.iter().position(|l| l.contains("⚠ picture not shown:")).unwrap();
    assert!(lines[at + 1].trim_matches([' ', '"', '│', '┃']).is_empty(), "{shown}");
    assert!(lines[at + 2].contains("After the picture."), "{shown}");
}

#[test]
fn overlays_cover_pictures_and_side_by_side_has_none() {
    let dir = folder(ARTICLE);
    let mut app = reader(dir.path(), (80, 24), true);
    app.finish_pictures();
    app.update(Action::Help);
    assert!(picture_rows(&screen(&app)).is_empty());
    app.update(Action::Back);
    assert!(!picture_rows(&screen(&app)).is_empty());
}

#[test]
fn hostile_picture_files_never_reach_the_screen() {
    let dir =
        folder("---\ntitle: Odd\n---\n![a](a.png)\n\n![b](b.png)\n\n![c](c.png)\n\n![d](../../../../dev/zero.png)\n");
    std::fs::write(dir.path().join("a.png"), "\x1b[31mnot a picture\x1b]0;title\x07").unwrap();
    // A header claiming 100,000 × 100,000 pixels.
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bomb.extend_from_slice(&100_000u32.to_be_bytes());
    bomb.extend_from_slice(&100_000u32.to_be_bytes());
    bomb.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    std::fs::write(dir.path().join("b.png"), bomb).unwrap();
    std::fs::create_dir(dir.path().join("c.png")).unwrap();
    let mut app = reader(dir.path(), (80, 24), true);
    app.finish_pictures();
    let layout = app.prepared_layout().unwrap();
    assert!(layout.pictures.is_empty());
    let shown = screen(&app);
    assert!(!shown.contains('\x1b'));
    for alt in ["🖼 a (a.png)", "🖼 b (b.png)", "🖼 c (c.png)", "🖼 d (zero.png)"] {
        assert!(shown.contains(alt), "{alt}:\n{shown}");
    }
}
