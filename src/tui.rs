//! The full-screen reader: terminal set-up and restore, the event loop, and
//! the effects `update` asks for.
//!
//! The terminal is restored on every way out: normal quit, error, panic,
//! SIGTERM/SIGHUP/SIGINT, and around Ctrl-Z.

pub mod action;
pub mod app;
pub mod keymap;
pub mod opener;
pub mod panes;
pub mod sources_view;
pub mod theme;
pub mod view;

use std::io::{self, Stdout, Write};
use std::sync::mpsc;
use std::time::Duration;

use base64::Engine;
use crossterm::event::{self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::library::Library;
use action::{Action, Effect};
use app::App;
use theme::Theme;

/// Options of the reader.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Capture the mouse (wheel scrolls, click selects).
    pub mouse: bool,
    /// Show drafts.
    pub drafts: bool,
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

fn event_loop(library: Library, options: Options) -> io::Result<()> {
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut app = App::new(library, (size.width, size.height), options.drafts);
    let theme = Theme::from_env();
    let (report, reports) = mpsc::channel::<String>();
    let browser = std::env::var("BROWSER").ok();
    loop {
        terminal.draw(|frame| view::draw(frame, &mut app, &theme))?;
        let mut actions = Vec::new();
        if event::poll(Duration::from_millis(250))? {
            let ev = event::read()?;
            if let event::Event::Paste(text) = &ev {
                if app.searching {
                    actions.extend(crate::sanitize::sanitize_line(text).chars().map(Action::Input));
                }
            }
            actions.extend(keymap::translate(
                &ev,
                app.searching,
                app.popup.is_some() || app.sources.is_some(),
            ));
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
            }
        }
    }
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
