//! One key as the keymap and the configuration name it: matching a
//! terminal key event, the label the help shows, and parsing `[keys]` text.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key, or a class of keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A character without Ctrl/Alt.
    Char(char),
    /// Ctrl and a character.
    Ctrl(char),
    /// A non-character key.
    Code(KeyCode),
    /// Any digit `0`..`9` (becomes [`Action::Digit`]).
    Digit,
}

impl Key {
    pub(super) fn matches(self, event: &KeyEvent) -> Option<Option<u8>> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        match (self, event.code) {
            (Key::Char(c), KeyCode::Char(e)) if !ctrl && !alt && c == e => Some(None),
            (Key::Ctrl(c), KeyCode::Char(e)) if ctrl && c == e.to_ascii_lowercase() => Some(None),
            (Key::Code(code), e) if !ctrl && code == e => Some(None),
            (Key::Digit, KeyCode::Char(e)) if !ctrl && !alt && e.is_ascii_digit() => Some(Some(e as u8 - b'0')),
            _ => None,
        }
    }

    /// How the key is written on the help screen.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Digit => "1-9".into(),
            Key::Code(code) => match code {
                KeyCode::Down => "↓".into(),
                KeyCode::Up => "↑".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Backspace => "Backspace".into(),
                KeyCode::F(n) => format!("F{n}"),
                other => format!("{other:?}"),
            },
        }
    }
}

impl Key {
    /// Reads a key as the configuration writes it: `q`, `G`, `ctrl-x`,
    /// `enter`, `esc`, `tab`, `space`, `up`, `down`, `left`, `right`,
    /// `pgup`, `pgdn`, `home`, `end`, `backspace`, `f1`..`f12`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let lower = text.to_ascii_lowercase();
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return if c.is_ascii_digit() {
                Err("digits open links and cannot be remapped".into())
            } else if c.is_control() {
                Err(format!("{text:?} is not a key"))
            } else {
                Ok(Key::Char(c))
            };
        }
        if let Some(c) = lower.strip_prefix("ctrl-").filter(|c| c.len() == 1) {
            return Ok(Key::Ctrl(c.chars().next().unwrap_or('c')));
        }
        let code = match lower.as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "space" => return Ok(Key::Char(' ')),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            f if f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => return Err(format!("{text:?} is not a key (try q, ctrl-x, enter, space, pgdn, f5)")),
        };
        Ok(Key::Code(code))
    }
}
