//! The reader without its threads: terminal events in, effects out, frames
//! drawn on any ratatui backend. The run loop drives it on the real terminal;
//! tests drive the very same code on a `TestBackend`.

use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

use super::action::{Action, Effect};
use super::app::App;
use super::theme::Theme;
use super::view;

/// An app, the terminal it is drawn on, and the frame on that terminal.
pub struct Reader<B: Backend> {
    /// The state and its pure `update`.
    pub app: App,
    /// Where frames go.
    pub terminal: Terminal<B>,
    theme: Theme,
    /// The frame on the terminal; `None` after the terminal was cleared.
    shown: Option<Buffer>,
}

impl<B: Backend> Reader<B> {
    /// A reader of `app` drawn on `terminal` in `theme`.
    pub fn new(app: App, terminal: Terminal<B>, theme: Theme) -> Reader<B> {
        Reader {
            app,
            terminal,
            theme,
            shown: None,
        }
    }

    /// A terminal event: resolved to actions in the context the mode gives at
    /// the moment it is handled (a key typed right after `/` is search text),
    /// then applied. Returns the effects for the runtime to perform.
    pub fn handle(&mut self, event: &crossterm::event::Event) -> Vec<Effect> {
        let mut actions = Vec::new();
        if let crossterm::event::Event::Paste(text) = event {
            if self.app.searching() || self.app.finding() {
                actions.extend(crate::sanitize::sanitize_line(text).chars().map(Action::Input));
            }
        }
        actions.extend(self.app.keymap.translate(event, self.app.mode().context()));
        self.apply(actions)
    }

    /// Applies actions in order; returns the effects they ask for.
    pub fn apply(&mut self, actions: impl IntoIterator<Item = Action>) -> Vec<Effect> {
        let mut effects = Vec::new();
        for action in actions {
            // Debug builds only: lets the end-to-end tests prove that a panic
            // restores the terminal.
            #[cfg(debug_assertions)]
            if action == Action::Help && std::env::var_os("KIOSK_PANIC_ON_HELP").is_some() {
                panic!("panic requested by KIOSK_PANIC_ON_HELP");
            }
            effects.extend(self.app.update(action));
        }
        effects
    }

    /// The terminal was cleared: the next frame draws every cell.
    pub fn invalidate(&mut self) {
        self.shown = None;
    }

    /// Draws the app; true when the frame differed from the one on screen
    /// and was written. A frame equal to the one on screen writes nothing at
    /// all (not even the cursor or colour resets a full `Terminal::draw`
    /// sends), so an idle reader is silent. A long article's first screen is
    /// followed at once by its full layout.
    pub fn draw(&mut self) -> Result<bool, B::Error> {
        let mut written = self.frame()?;
        if self.app.complete_layout() {
            self.app.prepare();
            written |= self.frame()?;
        }
        Ok(written)
    }

    fn frame(&mut self) -> Result<bool, B::Error> {
        self.terminal.autoresize()?;
        view::draw(&mut self.terminal.get_frame(), &self.app, &self.theme);
        let frame = self.terminal.current_buffer_mut().clone();
        let changed = self.shown.as_ref() != Some(&frame);
        if changed {
            self.terminal.flush()?;
            self.terminal.backend_mut().flush()?;
            self.shown = Some(frame);
        }
        self.terminal.swap_buffers();
        Ok(changed)
    }

    /// The frame on screen, as text (rows joined by newlines).
    pub fn screen(&self) -> String {
        let Some(buffer) = &self.shown else {
            return String::new();
        };
        let width = usize::from(buffer.area.width.max(1));
        let mut out = String::new();
        // A wide character covers the cell after it.
        let mut covered = 0;
        for (i, cell) in buffer.content.iter().enumerate() {
            if i > 0 && i % width == 0 {
                out.push('\n');
                covered = 0;
            }
            if covered > 0 {
                covered -= 1;
                continue;
            }
            out.push_str(cell.symbol());
            covered = crate::layout::width(cell.symbol()).saturating_sub(1);
        }
        out
    }
}
