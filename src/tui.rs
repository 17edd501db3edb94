//! The full-screen reader: terminal set-up and restore, the event loop, and
//! the effects `update` asks for.
//!
//! The terminal is restored on every way out: normal quit, error, panic,
//! every terminating signal that can be caught, and around a stop (Ctrl-Z or
//! `kill -TSTP`; see [`signals`]).

pub mod action;
pub mod app;
pub mod clipboard;
pub mod columns;
pub mod debounce;
pub mod editor;
pub mod event;
pub mod fuzzy;
pub mod ingest;
pub mod input;
pub mod key;
pub mod keymap;
pub mod mode;
pub mod opener;
pub mod panes;
pub mod pictures;
pub mod pipe;
pub mod reader;
pub mod runtime;
pub mod signals;
pub mod sources_view;
pub mod text;
pub mod theme;
pub mod view;
pub mod watch;

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::library::Library;
use crate::state::State;
use action::Action;
use app::App;
use event::Event;
use reader::Reader;
use runtime::{Flow, Runtime};
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
    /// Saved views: (name, query).
    pub views: Vec<(String, String)>,
    /// Show local pictures inline (when the terminal can draw them).
    pub images: bool,
    /// The split, the measure and the list's columns.
    pub layout: crate::config::Layout,
}

/// True while the reader holds the terminal (between [`enter`] and
/// [`restore`]): a second restore must write nothing, not even a clear, to
/// the shell's screen.
static ENTERED: AtomicBool = AtomicBool::new(false);

/// Puts the terminal into the reader's modes.
pub(crate) fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    ENTERED.store(true, Ordering::SeqCst);
    execute!(out, EnterAlternateScreen, cursor::Hide, EnableBracketedPaste)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Restores every mode the reader may have set. Safe to call more than once.
///
/// The alternate screen is cleared before it is left: a terminal that grew
/// while the reader ran (tmux 3.3 does this) brings back the shell's screen
/// only as tall as it was when the reader started, and the rows it grew by
/// would keep the reader's last frame above the prompt. vim does the same.
pub fn restore() {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        terminal::Clear(terminal::ClearType::All),
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
        // A decoder that panics on a hostile picture costs that picture
        // only (the worker catches it): the screen stays as it is.
        if std::thread::current().name() == Some(pictures::WORKER) {
            return;
        }
        restore();
        previous(info);
    }));
    let signals = signals::Guard::start(options.mouse)?;
    enter(options.mouse)?;
    let result = event_loop(library, options, &signals);
    restore();
    signals.close();
    result
}

fn event_loop(library: Library, options: Options, signals: &signals::Guard) -> io::Result<()> {
    let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let (mut state, state_message) = match &options.state_dir {
        Some(dir) => State::open(dir),
        None => (State::in_memory(), None),
    };
    state.upgrade_read_marks(|id| library.legacy_hashes(id));
    let theme = Theme::from_env(options.theme);
    // Asked before the input thread reads the terminal: its answers must
    // not reach the keymap.
    let picker = options.images.then(|| pictures::picker(&theme)).flatten();
    let browser = options.browser.clone().or_else(|| std::env::var("BROWSER").ok());
    let mut runtime = Runtime::start(library.root(), options.cache_dir.clone(), browser, options.mouse);
    signals.report_to(runtime.sender());
    let mut app = App::reading_bodies(library, (size.width, size.height), options.drafts, true).with_state(state);
    app.keymap = options.keymap.clone();
    app.views = options.views.clone();
    app.hyperlinks = options.hyperlinks;
    app.set_layout(&options.layout);
    if let Some(picker) = picker {
        app = app.with_pictures(picker);
    }
    let mut reader = Reader::new(app, terminal, theme);
    // A problem with the state file matters more than the keymap's warning.
    let mut actions: Vec<Action> = options.keymap.warning().map(Action::Message).into_iter().collect();
    actions.extend(state_message.map(Action::Message));
    actions.push(Action::Tick(runtime.now_ms()));
    reader.apply(actions);
    draw(&mut reader, &theme)?;
    runtime.send_pictures(&mut reader.app);
    runtime.after_first_frame(&reader.app.library, options.watch);
    loop {
        // Blocks until something happens or a timer of the app's is due.
        let first = runtime.next(reader.app.next_deadline());
        for event in first.into_iter().chain(runtime.pending()) {
            let effects = match event {
                Event::Terminal(ev) => reader.handle(&ev),
                Event::Resumed => {
                    runtime::retake(&mut reader.terminal)?;
                    reader.invalidate();
                    Vec::new()
                }
                other => {
                    let actions = runtime.absorb(other, &mut reader.app)?;
                    reader.apply(actions)
                }
            };
            for effect in effects {
                match runtime.perform(effect, &mut reader.terminal, &mut reader.app)? {
                    Flow::Quit => return Ok(()),
                    Flow::Redraw => reader.invalidate(),
                    Flow::Continue => {}
                }
            }
        }
        runtime.reload_if_due();
        for effect in reader.apply([Action::Tick(runtime.now_ms())]) {
            runtime.perform(effect, &mut reader.terminal, &mut reader.app)?;
        }
        runtime.send_search(&mut reader.app);
        runtime.read_body(&mut reader.app);
        draw(&mut reader, &theme)?;
        // After drawing: the full layout of a long article is made there.
        runtime.send_pictures(&mut reader.app);
    }
}

/// Draws a frame and, when it changed, makes its link markers clickable.
fn draw(reader: &mut Reader<CrosstermBackend<io::Stdout>>, theme: &Theme) -> io::Result<()> {
    if reader.draw()? && reader.app.hyperlinks {
        hyperlinks(&view::link_cells(&reader.app), theme)?;
    }
    Ok(())
}

/// Makes the link markers on screen clickable: each is written again, in its
/// own style, inside an OSC 8 hyperlink. The text and its width are unchanged,
/// so the layout is not disturbed, and terminals without OSC 8 ignore it.
fn hyperlinks(cells: &[view::LinkCell], theme: &Theme) -> io::Result<()> {
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
