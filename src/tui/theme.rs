//! Colours: one theme maps every role and UI element to a style.

use ratatui::style::{Color, Modifier, Style};

use crate::layout::{self, Role};

/// The styles of the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// False for the monochrome theme (`NO_COLOR`): only bold, italic,
    /// underline and reverse.
    pub colour: bool,
}

impl Theme {
    /// The theme for this environment: monochrome when `NO_COLOR` is set.
    pub fn from_env() -> Theme {
        Theme {
            colour: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(&self, colour: Color) -> Style {
        if self.colour {
            Style::new().fg(colour)
        } else {
            Style::new()
        }
    }

    /// The style of laid-out text.
    pub fn text(&self, style: layout::Style) -> Style {
        let mut s = match style.role {
            Role::Text => Style::new(),
            Role::Title => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Role::Meta | Role::Rule | Role::LinkTitle => self.dim(),
            Role::Summary => Style::new().add_modifier(Modifier::ITALIC),
            Role::Heading(_) => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Role::Code => self.fg(Color::Green),
            Role::Link => self.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            Role::LinkMarker | Role::Footnote => self.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            Role::QuoteBar | Role::ListMarker => self.fg(Color::Cyan),
            Role::Url => self.fg(Color::Blue),
        };
        if style.strong {
            s = s.add_modifier(Modifier::BOLD);
        }
        if style.emph {
            s = s.add_modifier(Modifier::ITALIC);
        }
        if style.strike {
            s = s.add_modifier(Modifier::CROSSED_OUT);
        }
        s
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        if self.colour {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// The selected list row.
    pub fn selected(&self, focused: bool) -> Style {
        match (self.colour, focused) {
            (true, true) => Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            (true, false) => Style::new().bg(Color::DarkGray).fg(Color::White),
            (false, true) => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            (false, false) => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// A language badge in the list.
    pub fn badge(&self) -> Style {
        self.fg(Color::Magenta)
    }

    /// The star of a starred article.
    pub fn star(&self) -> Style {
        self.fg(Color::Yellow)
    }

    /// The status bar.
    pub fn status(&self) -> Style {
        if self.colour {
            Style::new().bg(Color::Rgb(40, 40, 48)).fg(Color::Gray)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Highlighted parts of the status bar (filters, the search line).
    pub fn status_accent(&self) -> Style {
        self.status().add_modifier(Modifier::BOLD)
    }

    /// Popup borders and titles.
    pub fn border(&self) -> Style {
        self.fg(Color::Cyan)
    }
}
