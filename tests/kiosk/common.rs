//! Helpers shared by the test modules.

use std::path::PathBuf;
use std::process::{Command, Output};

use kiosk::{Article, Library};

/// The corpus generator of `examples/gen_corpus.rs`.
#[allow(dead_code)]
#[path = "../../examples/gen_corpus.rs"]
pub mod gen_corpus;

/// The bundled seed articles.
pub fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("articles")
}

/// The committed odd-shaped fixtures.
pub fn odd_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/odd")
}

/// The day the files of [`pinned_seeds_dir`] were last modified: before
/// every dated seed, so that the reader lists the undated ones (by their
/// files' day) after them, as the library orders them.
pub const SEEDS_MODIFIED: &str = "2020-08-01";

/// A copy of the bundled seeds whose files were all last modified at noon
/// (UTC) of [`SEEDS_MODIFIED`]: what the reader shows of the undated seeds
/// does not depend on when the project was checked out.
pub fn pinned_seeds_dir() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pinned-seeds");
        std::fs::create_dir_all(&dir).expect("make the pinned seeds folder");
        // Noon UTC of SEEDS_MODIFIED: that day in every time zone within 11 hours.
        let noon = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_596_283_200);
        for entry in std::fs::read_dir(seeds_dir()).expect("read the seeds") {
            let from = entry.expect("a seed").path();
            let to = dir.join(from.file_name().expect("a file name"));
            let bytes = std::fs::read(&from).expect("read a seed");
            if std::fs::read(&to).ok().as_deref() != Some(&bytes[..]) {
                std::fs::write(&to, &bytes).expect("copy a seed");
            }
            let file = std::fs::File::options().write(true).open(&to).expect("open the copy");
            file.set_modified(noon).expect("set its modification time");
        }
        dir
    })
    .clone()
}

/// The seed library (from [`pinned_seeds_dir`]), loaded once per call.
pub fn seeds() -> Library {
    Library::load(pinned_seeds_dir()).expect("seeds load")
}

/// The article with this id.
pub fn article<'a>(lib: &'a Library, id: &str) -> &'a Article {
    lib.articles()
        .iter()
        .find(|a| a.id.as_str() == id)
        .unwrap_or_else(|| panic!("no article {id}"))
}

/// What a library reads of one of its articles, asked by the article (the
/// library's own methods take its position).
pub trait ReadsArticles {
    /// The position of `a`, which must be one of the library's articles.
    fn position(&self, a: &Article) -> usize;
    /// [`Library::body`] of `a`.
    fn body_of(&self, a: &Article) -> &str;
    /// [`Library::links`] of `a`.
    fn links_of(&self, a: &Article) -> &[kiosk::Link];
    /// [`Library::document`] of `a`.
    fn document_of(&self, a: &Article) -> std::sync::Arc<kiosk::Document>;
}

impl ReadsArticles for Library {
    fn position(&self, a: &Article) -> usize {
        self.articles()
            .iter()
            .position(|b| std::ptr::eq(&**b, a))
            .expect("an article of this library")
    }
    fn body_of(&self, a: &Article) -> &str {
        self.body(self.position(a))
    }
    fn links_of(&self, a: &Article) -> &[kiosk::Link] {
        self.links(self.position(a))
    }
    fn document_of(&self, a: &Article) -> std::sync::Arc<kiosk::Document> {
        self.document(self.position(a))
    }
}

/// Runs the kiosk binary with arguments, in the crate folder, without colour.
pub fn kiosk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kiosk"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", "/nonexistent/kiosk-tests")
        .env("XDG_CACHE_HOME", "/nonexistent/kiosk-tests")
        .env("XDG_STATE_HOME", "/nonexistent/kiosk-tests")
        .output()
        .expect("run kiosk")
}

/// Stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

/// The reader's screen as text, drawn on a test backend of the app's size.
pub fn screen(app: &kiosk::tui::app::App) -> String {
    let (w, h) = app.size;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let theme = kiosk::tui::theme::Theme::new(kiosk::tui::theme::ThemeName::Dark);
    terminal.draw(|f| kiosk::tui::view::draw(f, app, &theme)).unwrap();
    terminal.backend().to_string()
}

/// Types `keys` (`\x1b` Esc, `\r` Enter, `\x7f` Backspace, `\x0e` Ctrl-N,
/// `↓` Down) and draws after each; the effects.
pub fn typed(
    r: &mut kiosk::tui::reader::Reader<ratatui::backend::TestBackend>,
    keys: &str,
) -> Vec<kiosk::tui::action::Effect> {
    let mut effects = Vec::new();
    for c in keys.chars() {
        let (code, mods) = match c {
            '\x1b' => (crossterm::event::KeyCode::Esc, crossterm::event::KeyModifiers::NONE),
            '\r' => (crossterm::event::KeyCode::Enter, crossterm::event::KeyModifiers::NONE),
            '\x7f' => (
                crossterm::event::KeyCode::Backspace,
                crossterm::event::KeyModifiers::NONE,
            ),
            '\x0e' => (
                crossterm::event::KeyCode::Char('n'),
                crossterm::event::KeyModifiers::CONTROL,
            ),
            '↓' => (crossterm::event::KeyCode::Down, crossterm::event::KeyModifiers::NONE),
            c => (crossterm::event::KeyCode::Char(c), crossterm::event::KeyModifiers::NONE),
        };
        effects.extend(r.handle(&crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
            code, mods,
        ))));
        r.draw().unwrap();
    }
    effects
}
