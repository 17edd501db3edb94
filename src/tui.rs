//! The full-screen reader: terminal set-up and restore, the event loop, and
//! the effects `update` asks for.
//!
//! The terminal is restored on every way out: normal quit, error, panic,
//! SIGTERM/SIGHUP/SIGINT, and around Ctrl-Z.

pub mod action;
pub mod app;
pub mod debounce;
pub mod keymap;
pub mod opener;
pub mod panes;
pub mod sources_view;
pub mod theme;
pub mod view;

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use base64::Engine;
use crossterm::event::{self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::library::Library;
use crate::state::State;
use action::{Action, Effect};
use app::App;
use theme::{Theme, ThemeName};

/// Options of the reader.
#[derive(Clone, Debug)]
pub struct Options {
    /// Capture the mouse (wheel scrolls, click selects).
    pub mouse: bool,
    /// Show drafts.
    pub drafts: bool,
    /// Where read marks and stars are kept (`None`: not kept).
    pub state_dir: Option<PathBuf>,
    /// Where the index cache lives (`None`: no cache).
    pub cache_dir: Option<PathBuf>,
    /// Watch the folder and reload on changes.
    pub watch: bool,
    /// The colour theme (monochrome under `NO_COLOR`).
    pub theme: ThemeName,
    /// The browser command; `None`: `$BROWSER`, else the system opener.
    pub browser: Option<String>,
    /// Make link markers clickable (OSC 8).
    pub hyperlinks: bool,
    /// The keys.
    pub keymap: keymap::Keymap,
}

/// Puts the terminal into the reader's modes.
fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide, EnableBracketedPaste)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Restores every mode the reader may have set. Safe to call more than once.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Runs the reader until the user quits.
pub fn run(library: Library, options: Options) -> io::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    // A terminating signal restores the terminal and exits from its own
    // thread: the input thread may be blocked (or spinning on a hung-up tty)
    // and would never see a flag.
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ])?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore();
            std::process::exit(128 + signal);
        }
    });
    enter(options.mouse)?;
    let result = event_loop(library, options);
    restore();
    handle.close();
    result
}

/// Watches `root` recursively; events arrive on the returned channel.
fn watch(
    root: &Path,
) -> Option<(
    notify::RecommendedWatcher,
    mpsc::Receiver<notify::Result<notify::Event>>,
)> {
    use notify::Watcher;
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).ok()?;
    watcher.watch(root, notify::RecursiveMode::Recursive).ok()?;
    Some((watcher, rx))
}

/// True for a change that can alter the library (not a mere read).
fn relevant(event: &notify::Event) -> bool {
    !matches!(event.kind, notify::EventKind::Access(_))
        && event.paths.iter().any(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| crate::load::EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
                || p.extension().is_none()
        })
}

/// Loads the folder again off the input thread, translations and indexes included.
fn spawn_reload(root: PathBuf, cache: Option<PathBuf>, done: mpsc::Sender<Result<Library, String>>) {
    std::thread::spawn(move || {
        let result = Library::load_with(&root, cache.as_deref()).map_err(|e| format!("cannot reload: {e}"));
        if let Ok(library) = &result {
            library.prepare();
        }
        let _ = done.send(result);
    });
}

/// Off the input thread: makes what `prepare` gives (translations, search
/// texts, indexes), then reads and folds every article's text for search.
/// One after the other: a keystroke that needs the first must not wait for
/// the second, which takes seconds at 100,000 articles.
fn spawn_indexer(prepare: impl FnOnce() + Send + 'static, job: crate::library::BodyJob) {
    std::thread::spawn(move || {
        prepare();
        job.run();
    });
}

/// The search thread: runs the newest request only; a request is cancelled
/// as soon as `latest` names a newer generation. Answers go to `done`.
fn spawn_searcher(done: mpsc::Sender<(u64, Vec<usize>)>) -> (mpsc::Sender<app::SearchRequest>, Arc<AtomicU64>) {
    let (tx, rx) = mpsc::channel::<app::SearchRequest>();
    let latest = Arc::new(AtomicU64::new(0));
    let current = Arc::clone(&latest);
    std::thread::spawn(move || {
        while let Ok(mut request) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                request = newer;
            }
            let cancelled = || current.load(Ordering::Relaxed) != request.generation;
            // Right after start the text may still be being read.
            while !request.index.has_bodies() && !cancelled() {
                std::thread::sleep(Duration::from_millis(5));
            }
            if let Some(matches) = request.run(&cancelled) {
                if done.send((request.generation, matches)).is_err() {
                    return;
                }
            }
        }
    });
    (tx, latest)
}

fn event_loop(library: Library, options: Options) -> io::Result<()> {
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let root = library.root().to_path_buf();
    let (mut state, state_message) = match &options.state_dir {
        Some(dir) => State::open(dir),
        None => (State::in_memory(), None),
    };
    state.upgrade_read_marks(|id| library.legacy_hashes(id));
    let (found_tx, found) = mpsc::channel();
    let (search_tx, latest_search) = spawn_searcher(found_tx);
    let mut app = App::new(library, (size.width, size.height), options.drafts).with_state(state);
    if let Some(m) = state_message {
        app.update(Action::Message(m));
    }
    let theme = Theme::from_env(options.theme);
    app.keymap = options.keymap.clone();
    app.hyperlinks = options.hyperlinks;
    let (report, reports) = mpsc::channel::<String>();
    let browser = options.browser.clone().or_else(|| std::env::var("BROWSER").ok());
    let started = Instant::now();
    // Indexing the text for search and watching the folder start after the
    // first frame: they would only delay it.
    let mut watcher = None;
    let mut first_frame = true;
    let (loaded_tx, loaded) = mpsc::channel::<Result<Library, String>>();
    let mut reloading = false;
    let mut changes = debounce::Debounce::default();
    loop {
        app.link_cells.clear();
        terminal.draw(|frame| view::draw(frame, &mut app, &theme))?;
        // A long article's first screen is up: make its full layout and draw again.
        if app.complete_layout() {
            terminal.draw(|frame| view::draw(frame, &mut app, &theme))?;
        }
        if app.hyperlinks && app.popup.is_none() && app.sources.is_none() {
            hyperlinks(&app.link_cells, &theme)?;
        }
        if first_frame {
            first_frame = false;
            if app.library.is_preliminary() {
                // Drawn from the start of the files: now read them whole (this
                // writes the index, and the text is indexed once it is back).
                reloading = true;
                spawn_reload(root.clone(), options.cache_dir.clone(), loaded_tx.clone());
                // Filters and search work on the preview meanwhile.
                std::thread::spawn(app.library.preparation());
            } else {
                spawn_indexer(app.library.preparation(), app.library.body_job());
            }
            if options.watch {
                watcher = watch(&root);
            }
        }
        let mut actions = Vec::new();
        // While the search thread works, look for its answer often.
        let wait = if app.searching_text() { 5 } else { 100 };
        if event::poll(Duration::from_millis(wait))? {
            let ev = event::read()?;
            if let event::Event::Paste(text) = &ev {
                if app.searching {
                    actions.extend(crate::sanitize::sanitize_line(text).chars().map(Action::Input));
                }
            }
            actions.extend(
                app.keymap
                    .translate(&ev, app.searching, app.popup.is_some() || app.sources.is_some()),
            );
        }
        actions.extend(
            reports
                .try_iter()
                .map(|m| Action::Message(crate::sanitize::sanitize_line(&m).into_owned())),
        );
        if actions.is_empty() {
            // Idle: a terminal that went away (closed without a hangup
            // signal) no longer answers for its size; leave instead of spinning.
            terminal::size()?;
        }
        actions.extend(
            found
                .try_iter()
                .map(|(generation, matches)| Action::SearchDone(generation, matches)),
        );
        actions.push(Action::Tick(started.elapsed().as_millis() as u64));
        // The live folder: coalesce a burst of changes into one reload.
        if let Some((_, events)) = &watcher {
            let now = Instant::now();
            for event in events.try_iter().flatten() {
                if relevant(&event) {
                    changes.changed(now);
                }
            }
        }
        if !reloading && changes.take_due(Instant::now()) {
            reloading = true;
            spawn_reload(root.clone(), options.cache_dir.clone(), loaded_tx.clone());
        }
        for result in loaded.try_iter() {
            reloading = false;
            match result {
                Ok(library) => {
                    // Unchanged articles keep their folded text: a change to
                    // one file does not read the whole folder again.
                    spawn_indexer(library.preparation(), library.body_job_after(&app.library));
                    app.replace_library(library);
                }
                Err(message) => actions.push(Action::Message(message)),
            }
        }
        for action in actions {
            // Debug builds only: lets the end-to-end tests prove that a panic
            // restores the terminal.
            #[cfg(debug_assertions)]
            if action == Action::Help && std::env::var_os("KIOSK_PANIC_ON_HELP").is_some() {
                panic!("panic requested by KIOSK_PANIC_ON_HELP");
            }
            match app.update(action) {
                None => {}
                Some(Effect::Quit) => return Ok(()),
                Some(Effect::OpenUrl(url)) => opener::open(&url, browser.clone(), report.clone()),
                Some(Effect::Copy(text)) => copy(&mut terminal, &text)?,
                Some(Effect::Suspend) => suspend(&mut terminal, options.mouse)?,
                Some(Effect::SaveState) => {
                    if let Err(err) = app.state.save() {
                        app.update(Action::Message(err.to_string()));
                    }
                }
                Some(Effect::Reload) if !reloading => {
                    reloading = true;
                    spawn_reload(root.clone(), options.cache_dir.clone(), loaded_tx.clone());
                }
                // A reload is already under way.
                Some(Effect::Reload) => {}
            }
        }
        latest_search.store(app.search_generation(), Ordering::Relaxed);
        if let Some(request) = app.take_search_request() {
            let _ = search_tx.send(request);
        }
    }
}

/// Makes the link markers on screen clickable: each is written again, in its
/// own style, inside an OSC 8 hyperlink. The text and its width are unchanged,
/// so the layout is not disturbed, and terminals without OSC 8 ignore it.
fn hyperlinks(cells: &[app::LinkCell], theme: &Theme) -> io::Result<()> {
    use ratatui::backend::IntoCrossterm;
    let style = theme.text(crate::layout::Style::role(crate::layout::Role::LinkMarker));
    let mut out = io::stdout().lock();
    for cell in cells {
        execute!(
            out,
            cursor::MoveTo(cell.x, cell.y),
            crossterm::style::SetStyle(style.into_crossterm()),
            crossterm::style::Print(format!("\x1b]8;;{}\x1b\\{}\x1b]8;;\x1b\\", cell.url, cell.text)),
            crossterm::style::SetAttribute(crossterm::style::Attribute::Reset),
        )?;
    }
    out.flush()
}

/// Copies text to the clipboard with OSC 52 (works over SSH and in tmux).
fn copy(terminal: &mut Terminal<CrosstermBackend<Stdout>>, text: &str) -> io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let out = terminal.backend_mut();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
fn suspend(terminal: &mut Terminal<CrosstermBackend<Stdout>>, mouse: bool) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter(mouse)?;
    // A fresh terminal redraws every cell. (Terminal::clear would ask the
    // terminal for the cursor position and wait for the answer.)
    execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))?;
    *terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok(())
}
