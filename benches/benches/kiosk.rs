//! Criterion benchmarks of the hot paths: a 1 MiB article (layout against
//! pulldown-cmark's bare parse, first screen, scrolling, resizing), and the
//! keystrokes of a large library (filters, metadata search as you type,
//! full-text search).
//!
//! `cargo bench -p kiosk-bench` runs them on the generated corpus in
//! `target/bench-corpus/10000` (made when missing); `KIOSK_BENCH_DIR=DIR`
//! names another (`bench/run.sh` uses 100,000 articles). `bench/run.sh`
//! times whole commands.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use kiosk::document::parse_markdown;
use kiosk::layout::layout;
use kiosk::library::{search_words, Scope};
use kiosk::tui::action::Action;
use kiosk::tui::app::App;
use kiosk::tui::theme::{Theme, ThemeName};
use kiosk::{Library, Query};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

#[allow(dead_code)]
#[path = "../../examples/gen_corpus.rs"]
mod gen_corpus;

/// The reader's allocator, so that figures match the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn corpus() -> PathBuf {
    if let Some(dir) = std::env::var_os("KIOSK_BENCH_DIR") {
        return PathBuf::from(dir);
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-corpus/10000");
    if !dir.is_dir() {
        gen_corpus::write_corpus(&dir, 10_000).expect("write corpus");
    }
    dir
}

fn long_article(c: &mut Criterion) {
    let text = gen_corpus::long_article(1 << 20);
    let body = text.split_once("---\n\n").unwrap().1.to_string();
    let mut group = c.benchmark_group("1 MiB article");
    group.sample_size(20);
    group.bench_function("pulldown-cmark parse only", |b| {
        b.iter(|| pulldown_cmark::Parser::new_ext(black_box(&body), pulldown_cmark::Options::ENABLE_TABLES).count())
    });
    group.bench_function("kiosk parse + full layout at 80", |b| {
        b.iter(|| layout(&parse_markdown(black_box(&body)), 80))
    });
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.md"), &text).unwrap();
    let library = Library::load(dir.path()).unwrap();
    let theme = Theme::new(ThemeName::Dark);
    group.bench_function("open and paint the first screen (120x35)", |b| {
        b.iter_batched(
            || {
                let app = App::new(Library::load(dir.path()).unwrap(), (120, 35), false);
                app.library.body(0);
                (app, Terminal::new(TestBackend::new(120, 35)).unwrap())
            },
            |(mut app, mut terminal)| {
                app.update(Action::Confirm);
                terminal.draw(|f| kiosk::tui::view::draw(f, &app, &theme)).unwrap();
                (app, terminal)
            },
            criterion::BatchSize::LargeInput,
        )
    });
    let mut app = App::new(library, (120, 35), false);
    app.update(Action::Confirm);
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    terminal.draw(|f| kiosk::tui::view::draw(f, &app, &theme)).unwrap();
    app.complete_layout();
    group.bench_function("scroll one line and repaint (120x35)", |b| {
        b.iter(|| {
            app.update(Action::Down);
            terminal.draw(|f| kiosk::tui::view::draw(f, &app, &theme)).unwrap();
        })
    });
    // Both widths laid out once: a resize back and forth repaints from the cache.
    app.update(Action::Resize(100, 35));
    app.update(Action::Resize(120, 35));
    group.bench_function("resize to a cached width and repaint", |b| {
        let mut wide = false;
        b.iter(|| {
            wide = !wide;
            let w = if wide { 100 } else { 120 };
            app.update(Action::Resize(w, 35));
            terminal.resize(ratatui::layout::Rect::new(0, 0, w, 35)).unwrap();
            terminal.draw(|f| kiosk::tui::view::draw(f, &app, &theme)).unwrap();
        })
    });
    group.finish();
}

fn keystrokes(c: &mut Criterion) {
    let dir = corpus();
    let lib = Library::load(&dir).unwrap();
    let n = lib.articles().len();
    let mut group = c.benchmark_group(format!("{n} articles"));
    group.sample_size(20).measurement_time(Duration::from_secs(4));
    group.bench_function("language filter", |b| {
        let q = Query {
            lang: Some("en".into()),
            ..Query::default()
        };
        b.iter(|| lib.filter(black_box(&q)).len())
    });
    group.bench_function("tag filter", |b| {
        let q = Query {
            tags: vec!["Staat".into()],
            ..Query::default()
        };
        b.iter(|| lib.filter(black_box(&q)).len())
    });
    let index = lib.search_index();
    let all = lib.filter(&Query::default());
    group.bench_function("metadata search, one keystroke (\"regier\")", |b| {
        let words = search_words("regier");
        b.iter(|| {
            index
                .matches(&all, black_box(&words), Scope::Metadata, &|| false)
                .map(|m| m.len())
        })
    });
    let narrowed = index
        .matches(&all, &search_words("regier"), Scope::Metadata, &|| false)
        .unwrap();
    group.bench_function("metadata search, the text grows (\"regieru\" within \"regier\")", |b| {
        let words = search_words("regieru");
        b.iter(|| {
            index
                .matches(&narrowed, black_box(&words), Scope::Metadata, &|| false)
                .map(|m| m.len())
        })
    });
    let t = std::time::Instant::now();
    lib.index_bodies();
    eprintln!("indexing the text of {n} articles for search: {:?}", t.elapsed());
    for text in ["zugriff", "xylophon", "tokio 数据"] {
        group.bench_function(format!("full-text search (\"{text}\")"), |b| {
            let words = search_words(text);
            b.iter(|| {
                index
                    .matches(&all, black_box(&words), Scope::Everything, &|| false)
                    .map(|m| m.len())
            })
        });
    }
    // What the input thread does per keystroke while searching: filters,
    // metadata matches and the request for the search thread.
    let mut app = App::new(lib, (120, 35), false);
    app.update(Action::Search);
    group.bench_function("a keystroke in the search field (input thread)", |b| {
        b.iter(|| {
            app.update(Action::Input('r'));
            app.update(Action::Backspace);
            app.take_search_request()
        })
    });
    group.finish();
}

criterion_group!(benches, long_article, keystrokes);
criterion_main!(benches);
