//! Getting an article out: `|` pipes it (its source, its text as shown, or
//! a link's URL) to a command typed in a prompt, whose output the pager
//! popup shows; `e` hands the file to the editor.

use super::popups::list_move;
use super::{App, Overlay, Popup};
use crate::tui::action::{Action, Effect};
use crate::tui::pipe::{PipeInput, PipePrompt, PipeRequest, PipeWhat};

/// The most lines the pager keeps (the output is also cut in bytes).
pub const MAX_OUTPUT_LINES: usize = 20_000;

impl App {
    /// The open pipe prompt.
    pub fn pipe_prompt(&self) -> Option<&PipePrompt> {
        match &self.mode.overlay {
            Some(Overlay::Pipe(p)) => Some(p),
            _ => None,
        }
    }

    /// `|`: opens the prompt on the shown article; from the link list, on
    /// the selected link's URL.
    pub(super) fn open_pipe(&mut self, link: Option<usize>) {
        let Some(index) = self.reading.shown.or(self.selected_article()) else {
            self.message = Some("no article to pipe".into());
            return;
        };
        let url = link.and_then(|n| self.library.links(index).get(n).map(|l| (l.n, l.url.clone())));
        let what = match &url {
            Some((n, u)) => PipeWhat::Url(*n, u.clone()),
            None => PipeWhat::Source,
        };
        self.reading.shown = Some(index);
        self.open(Overlay::Pipe(PipePrompt {
            what,
            command: String::new(),
            url,
        }));
    }

    /// Keys in the pipe prompt: typing, `Tab` for what to pipe, `Enter` runs.
    pub(super) fn pipe_update(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::Pipe(prompt)) = &mut self.mode.overlay else {
            return None;
        };
        match action {
            Action::Input(c) => prompt.command.push(c),
            Action::Backspace => {
                prompt.command.pop();
            }
            Action::SwitchPane => prompt.cycle(),
            Action::Back => self.close_overlay(),
            Action::Confirm if prompt.command.trim().is_empty() => {
                self.message = Some("type a command to pipe to (Esc cancels)".into());
            }
            Action::Confirm => {
                let prompt = prompt.clone();
                let input = self.pipe_input(&prompt.what)?;
                self.close_overlay();
                self.message = Some(format!("running {}…", crate::sanitize::sanitize_line(&prompt.command)));
                return Some(Effect::Pipe(PipeRequest {
                    command: prompt.command,
                    input,
                }));
            }
            _ => {}
        }
        None
    }

    /// What goes to the command; `None` (with a message) while the article
    /// is still being read.
    fn pipe_input(&mut self, what: &PipeWhat) -> Option<PipeInput> {
        let index = self.reading.shown?;
        match what {
            PipeWhat::Url(_, url) => Some(PipeInput::Text(format!("{url}\n"))),
            PipeWhat::Source => Some(PipeInput::Source(self.library.articles()[index].source.clone())),
            PipeWhat::Text if !self.body_ready(index) => {
                self.message = Some("the article is still being read; try again".into());
                None
            }
            PipeWhat::Text => {
                let layout = self.layout_of(index);
                Some(PipeInput::Text(crate::render::render(&layout, false)))
            }
        }
    }

    /// A command's output arrived: the pager shows it, over whatever was open.
    pub(super) fn show_output(&mut self, title: String, text: String) {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        if lines.len() > MAX_OUTPUT_LINES {
            let more = lines.len() - MAX_OUTPUT_LINES;
            lines.truncate(MAX_OUTPUT_LINES);
            lines.push(format!("⋯ {more} more lines not shown"));
        }
        if lines.is_empty() {
            lines.push("(no output)".into());
        }
        self.message = None;
        self.open(Overlay::Popup(Popup::Output {
            title,
            lines,
            scroll: 0,
        }));
    }

    /// Keys in the pager: it scrolls like the help screen; `Enter` or `Esc` closes.
    pub(super) fn output_update(&mut self, action: Action) {
        let rows = self.popup_rows();
        let Some(Popup::Output { lines, scroll, .. }) = self.popup_mut() else {
            return;
        };
        match action {
            Action::Back | Action::Confirm => self.close_overlay(),
            action => {
                let max = lines.len().saturating_sub(rows);
                list_move(scroll, max + 1, rows, &action);
            }
        }
    }

    /// `e`: the editor on the shown (else the selected) article's file.
    pub(super) fn edit(&mut self) -> Option<Effect> {
        let index = self.reading.shown.or(self.selected_article())?;
        Some(Effect::Edit(self.library.articles()[index].source.clone()))
    }
}
