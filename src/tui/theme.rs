//! Colours: one theme maps every role and UI element to a style.

use ratatui::style::{Color, Modifier, Style};

use crate::layout::{self, Role};

pub use crate::config::ThemeName;

/// The colours of one theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Palette {
    title: Color,
    heading: Color,
    link: Color,
    marker: Color,
    code: Color,
    accent: Color,
    dim: Color,
    star: Color,
    selected: (Color, Color),
    selected_unfocused: (Color, Color),
    status: (Color, Color),
}

const DARK: Palette = Palette {
    title: Color::Cyan,
    heading: Color::Yellow,
    link: Color::Blue,
    marker: Color::Magenta,
    code: Color::Green,
    accent: Color::Cyan,
    // Greys of the fixed 256-colour ramp: colour 8 is the background itself
    // on Solarized-like palettes.
    dim: Color::Indexed(245),
    star: Color::Yellow,
    selected: (Color::Blue, Color::White),
    selected_unfocused: (Color::Indexed(239), Color::White),
    status: (Color::Rgb(40, 40, 48), Color::Gray),
};

const LIGHT: Palette = Palette {
    title: Color::Blue,
    heading: Color::Magenta,
    link: Color::Blue,
    marker: Color::Red,
    code: Color::Rgb(0, 110, 40),
    accent: Color::Blue,
    dim: Color::Rgb(110, 110, 120),
    star: Color::Rgb(180, 120, 0),
    selected: (Color::Rgb(190, 215, 255), Color::Black),
    selected_unfocused: (Color::Rgb(225, 225, 230), Color::Black),
    status: (Color::Rgb(225, 225, 232), Color::Black),
};

/// The styles of the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    palette: Option<Palette>,
}

impl Theme {
    /// A theme by name.
    pub fn new(name: ThemeName) -> Theme {
        Theme {
            palette: match name {
                ThemeName::Dark => Some(DARK),
                ThemeName::Light => Some(LIGHT),
                ThemeName::Mono => None,
            },
        }
    }

    /// The theme `name`, or the monochrome one when `NO_COLOR` is set.
    pub fn from_env(name: ThemeName) -> Theme {
        match std::env::var_os("NO_COLOR").filter(|v| !v.is_empty()) {
            Some(_) => Theme::new(ThemeName::Mono),
            None => Theme::new(name),
        }
    }

    /// True for the theme without colours.
    pub fn is_mono(&self) -> bool {
        self.palette.is_none()
    }

    fn fg(&self, pick: impl Fn(&Palette) -> Color) -> Style {
        match &self.palette {
            Some(p) => Style::new().fg(pick(p)),
            None => Style::new(),
        }
    }

    /// The style of laid-out text.
    pub fn text(&self, style: layout::Style) -> Style {
        let mut s = match style.role {
            Role::Text => Style::new(),
            Role::Title => self.fg(|p| p.title).add_modifier(Modifier::BOLD),
            Role::Meta | Role::Rule | Role::LinkTitle | Role::Note => self.dim(),
            Role::Summary => Style::new().add_modifier(Modifier::ITALIC),
            Role::Heading(_) => self.fg(|p| p.heading).add_modifier(Modifier::BOLD),
            Role::Code => self.fg(|p| p.code),
            Role::Link => self.fg(|p| p.link).add_modifier(Modifier::UNDERLINED),
            Role::LinkMarker | Role::Footnote => self.fg(|p| p.marker).add_modifier(Modifier::BOLD),
            Role::QuoteBar | Role::ListMarker => self.fg(|p| p.accent),
            Role::Url => self.fg(|p| p.link),
            Role::Callout(kind) => self.callout(kind),
            Role::Syntax(h) => self.syntax(h),
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

    /// A callout's bar and title: each kind its colour (GitHub's).
    fn callout(&self, kind: crate::document::CalloutKind) -> Style {
        use crate::document::CalloutKind as K;
        let colour = match kind {
            K::Note => Color::Blue,
            K::Tip => Color::Green,
            K::Important => Color::Magenta,
            K::Warning => Color::Yellow,
            K::Caution => Color::Red,
            K::Section => return self.fg(|p| p.accent),
        };
        match &self.palette {
            Some(_) => Style::new().fg(colour),
            None => Style::new(),
        }
    }

    /// Highlighted code: the code colour for plain code, others by kind.
    fn syntax(&self, h: crate::layout::Highlight) -> Style {
        use crate::layout::Highlight as H;
        if self.palette.is_none() {
            return Style::new();
        }
        match h {
            H::Keyword => self.fg(|p| p.marker),
            H::String => self.fg(|p| p.code),
            H::Comment => self.dim(),
            H::Number | H::Constant => self.fg(|p| p.accent),
            H::Type => self.fg(|p| p.heading),
            H::Function => self.fg(|p| p.link),
            H::Tag => self.fg(|p| p.title),
        }
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        match &self.palette {
            Some(p) => Style::new().fg(p.dim),
            None => Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// The selected list row.
    pub fn selected(&self, focused: bool) -> Style {
        match (&self.palette, focused) {
            (Some(p), true) => Style::new()
                .bg(p.selected.0)
                .fg(p.selected.1)
                .add_modifier(Modifier::BOLD),
            (Some(p), false) => Style::new().bg(p.selected_unfocused.0).fg(p.selected_unfocused.1),
            (None, true) => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            (None, false) => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// A language badge or read mark in the list.
    pub fn badge(&self) -> Style {
        self.fg(|p| p.marker)
    }

    /// The star of a starred article.
    pub fn star(&self) -> Style {
        self.fg(|p| p.star)
    }

    /// The status bar.
    pub fn status(&self) -> Style {
        match &self.palette {
            Some(p) => Style::new().bg(p.status.0).fg(p.status.1),
            None => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// Highlighted parts of the status bar (filters, the search line).
    pub fn status_accent(&self) -> Style {
        self.status().add_modifier(Modifier::BOLD)
    }

    /// Popup borders and titles.
    pub fn border(&self) -> Style {
        self.fg(|p| p.accent)
    }

    /// A match of a find or search; the current one stands out more.
    pub fn found(&self, current: bool) -> Style {
        let light = self.palette == Some(LIGHT);
        match (&self.palette, current) {
            (None, false) => Style::new().add_modifier(Modifier::REVERSED),
            (None, true) => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            (Some(_), false) if light => Style::new().bg(Color::Rgb(255, 236, 140)).fg(Color::Black),
            (Some(_), true) if light => Style::new()
                .bg(Color::Rgb(255, 170, 60))
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            (Some(_), false) => Style::new().bg(Color::Yellow).fg(Color::Black),
            (Some(_), true) => Style::new()
                .bg(Color::LightRed)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
        }
    }
}
