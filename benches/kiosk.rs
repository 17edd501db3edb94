//! Criterion benchmarks of the hot paths: loading one article, laying out a
//! 1 MiB article (against pulldown-cmark's bare parse), filtering and
//! searching a large library, and repainting the reading pane while scrolling.
//!
//! `cargo bench` runs them; `bench/run.sh` times whole commands.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use kiosk::document::parse_markdown;
use kiosk::layout::layout;
use kiosk::load::parse_article;
use kiosk::tui::action::Action;
use kiosk::tui::app::App;
use kiosk::tui::theme::{Theme, ThemeName};
use kiosk::{Library, Query};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// A Markdown article of about `bytes` bytes: headings, titled links, lists,
/// quotes, umlauts, CJK and emoji.
fn big_article(bytes: usize) -> String {
    let mut text = String::from("---\ntitle: Big\nlang: de\ntags: [a, b]\n---\n\n");
    let mut i = 0;
    while text.len() < bytes {
        i += 1;
        text.push_str(&format!(
            "## Abschnitt {i}\n\nDie Überwachung der Daten 数据 🙂 wird [hier {i}](https://example.org/{i} \"Titel {i}\") beschrieben, \
             und zwar ausführlich und mit **Nachdruck** sowie *Betonung*. Weitere Sätze folgen hier.\n\n\
             - Punkt eins mit `code`\n- Punkt zwei\n\n> Ein Zitat, das länger ist als eine Zeile im Terminal.\n\n"
        ));
    }
    text
}

fn library_dir(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let lang = if i % 3 == 0 { "en" } else { "de" };
        let body = format!(
            "---\ntitle: Article {i} über Daten\nlang: {lang}\ntags: [t{}, x{}]\ndate: 2020-01-{:02}\n---\nText {i} mit Inhalt und einem [Link](https://example.org/{i}).\n",
            i % 20,
            i % 3,
            i % 28 + 1
        );
        std::fs::write(dir.path().join(format!("a{i}.md")), body).unwrap();
    }
    dir
}

fn loading(c: &mut Criterion) {
    let seed = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("articles/000_f9bd4a49aeb422e6.txt")).unwrap();
    c.bench_function("parse_article seed 000 (12 KB)", |b| {
        b.iter(|| parse_article(Path::new("000.txt"), black_box(&seed)))
    });
}

fn long_article(c: &mut Criterion) {
    let text = big_article(1 << 20);
    let body = text.split_once("---\n\n").unwrap().1.to_string();
    let mut group = c.benchmark_group("1 MiB article");
    group.sample_size(20);
    group.bench_function("pulldown-cmark parse only", |b| {
        b.iter(|| pulldown_cmark::Parser::new_ext(black_box(&body), pulldown_cmark::Options::ENABLE_TABLES).count())
    });
    group.bench_function("kiosk parse + layout at 80", |b| {
        b.iter(|| layout(&parse_markdown(black_box(&body)), 80))
    });
    group.finish();
}

fn filtering(c: &mut Criterion) {
    let dir = library_dir(10_000);
    let lib = Library::load(dir.path()).unwrap();
    let mut group = c.benchmark_group("10k articles");
    group.bench_function("language filter", |b| {
        let q = Query {
            lang: Some("en".into()),
            ..Query::default()
        };
        b.iter(|| lib.select(black_box(&q)).len())
    });
    group.bench_function("tag filter", |b| {
        let q = Query {
            tags: vec!["t7".into()],
            ..Query::default()
        };
        b.iter(|| lib.select(black_box(&q)).len())
    });
    group.bench_function("search (title, summary, tags, body)", |b| {
        let q = Query {
            text: "inhalt 999".into(),
            ..Query::default()
        };
        b.iter(|| lib.select(black_box(&q)).len())
    });
    group.finish();
}

fn scrolling(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.md"), big_article(1 << 20)).unwrap();
    let mut app = App::new(Library::load(dir.path()).unwrap(), (120, 35), false);
    app.update(Action::Confirm);
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    let theme = Theme::new(ThemeName::Dark);
    terminal.draw(|f| kiosk::tui::view::draw(f, &mut app, &theme)).unwrap();
    c.bench_function("scroll one line and repaint (1 MiB article, 120x35)", |b| {
        b.iter(|| {
            app.update(Action::Down);
            terminal.draw(|f| kiosk::tui::view::draw(f, &mut app, &theme)).unwrap();
        })
    });
}

criterion_group!(benches, loading, long_article, filtering, scrolling);
criterion_main!(benches);
