//! The one keymap: it resolves keys to actions and draws the help screen.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use super::action::Action;

/// Where a key is pressed: the main screen, a popup, or the search line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// The list and the reading pane.
    Main,
    /// The link list, the tag picker or the help screen.
    Popup,
}

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
    fn matches(self, event: &KeyEvent) -> Option<Option<u8>> {
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
                other => format!("{other:?}"),
            },
        }
    }
}

/// One row of the keymap.
#[derive(Clone, Debug)]
pub struct Binding {
    /// Where the keys apply.
    pub context: Context,
    /// The keys.
    pub keys: &'static [Key],
    /// The action (for [`Key::Digit`], the digit is filled in).
    pub action: Action,
    /// What the help screen says.
    pub help: &'static str,
}

use Context::{Main, Popup};
use Key::{Char, Code, Ctrl, Digit};

/// The keymap, in help-screen order.
pub fn bindings() -> Vec<Binding> {
    let b = |context, keys, action, help| Binding {
        context,
        keys,
        action,
        help,
    };
    vec![
        b(
            Main,
            &[Char('j'), Code(KeyCode::Down)],
            Action::Down,
            "move down / scroll down",
        ),
        b(Main, &[Char('k'), Code(KeyCode::Up)], Action::Up, "move up / scroll up"),
        b(
            Main,
            &[Code(KeyCode::Enter), Char('l'), Code(KeyCode::Right)],
            Action::Confirm,
            "open article (or typed link number)",
        ),
        b(
            Main,
            &[Code(KeyCode::Esc), Char('h'), Code(KeyCode::Left)],
            Action::Back,
            "back to the list",
        ),
        b(Main, &[Code(KeyCode::Tab)], Action::SwitchPane, "switch pane"),
        b(
            Main,
            &[Char(' '), Code(KeyCode::PageDown)],
            Action::PageDown,
            "page down",
        ),
        b(Main, &[Char('b'), Code(KeyCode::PageUp)], Action::PageUp, "page up"),
        b(Main, &[Char('g'), Code(KeyCode::Home)], Action::Top, "top"),
        b(Main, &[Char('G'), Code(KeyCode::End)], Action::Bottom, "bottom"),
        b(
            Main,
            &[Digit],
            Action::Digit(0),
            "open link n (several digits: then Enter)",
        ),
        b(Main, &[Char('o')], Action::LinkList, "link list: every cited source"),
        b(
            Main,
            &[Char('/')],
            Action::Search,
            "search as you type (Enter keeps, Esc clears)",
        ),
        b(Main, &[Char('L')], Action::CycleLanguage, "cycle the language filter"),
        b(Main, &[Char('t')], Action::TagPicker, "pick tags to filter by"),
        b(Main, &[Char('T')], Action::Translation, "switch to the translation"),
        b(Main, &[Char('x')], Action::ClearFilters, "clear all filters"),
        b(
            Main,
            &[Char('c')],
            Action::Contents,
            "table of contents: jump to a section",
        ),
        b(
            Main,
            &[Char('O')],
            Action::Sources,
            "sources view: every cited source by domain",
        ),
        b(
            Main,
            &[Char('B')],
            Action::SideBySide,
            "both languages side by side (140+ columns)",
        ),
        b(Main, &[Char('m')], Action::MarkRead, "mark read / unread"),
        b(Main, &[Char('n')], Action::NextUnread, "next unread article"),
        b(Main, &[Char('N')], Action::PrevUnread, "previous unread article"),
        b(Main, &[Char('u')], Action::UnreadOnly, "unread only (toggle)"),
        b(Main, &[Char('s')], Action::Star, "star / unstar"),
        b(Main, &[Char('S')], Action::StarredOnly, "starred only (toggle)"),
        b(Main, &[Char('r')], Action::Reload, "reload the folder"),
        b(Main, &[Char('?')], Action::Help, "this help"),
        b(Main, &[Char('q')], Action::Quit, "quit (or back)"),
        b(Main, &[Ctrl('c')], Action::ForceQuit, "quit now (everywhere)"),
        b(Main, &[Ctrl('z')], Action::Suspend, "suspend to the shell (fg resumes)"),
        b(Popup, &[Char('j'), Code(KeyCode::Down)], Action::Down, "next item"),
        b(Popup, &[Char('k'), Code(KeyCode::Up)], Action::Up, "previous item"),
        b(
            Popup,
            &[Code(KeyCode::Enter)],
            Action::Confirm,
            "open link, section or article / apply tags",
        ),
        b(Popup, &[Code(KeyCode::PageDown)], Action::PageDown, "page down"),
        b(Popup, &[Code(KeyCode::PageUp)], Action::PageUp, "page up"),
        b(Popup, &[Char('g'), Code(KeyCode::Home)], Action::Top, "first item"),
        b(Popup, &[Char('G'), Code(KeyCode::End)], Action::Bottom, "last item"),
        b(Popup, &[Char(' ')], Action::Toggle, "tick a tag / expand a domain"),
        b(Popup, &[Char('y')], Action::Copy, "copy the link's URL"),
        b(Popup, &[Char('s')], Action::Sort, "sources: sort by count or by name"),
        b(Popup, &[Code(KeyCode::Esc), Char('q')], Action::Back, "close"),
    ]
}

/// The action of a key in a context. Ctrl-C and Ctrl-Z work everywhere.
pub fn resolve(context: Context, event: &KeyEvent) -> Option<Action> {
    let table = bindings();
    let global = |b: &&Binding| matches!(b.action, Action::ForceQuit | Action::Suspend);
    table
        .iter()
        .filter(|b| b.context == context || global(b))
        .find_map(|b| {
            b.keys.iter().find_map(|k| k.matches(event)).map(|digit| match digit {
                Some(d) => Action::Digit(d),
                None => b.action.clone(),
            })
        })
}

/// The action of a terminal event, given what has the keyboard: the search
/// line takes typed characters, a popup its own keys, otherwise the main keymap.
pub fn translate(event: &Event, searching: bool, popup: bool) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
            if searching && !ctrl {
                return match key.code {
                    KeyCode::Char(c) => Some(Action::Input(c)),
                    KeyCode::Backspace => Some(Action::Backspace),
                    KeyCode::Enter => Some(Action::Confirm),
                    KeyCode::Esc => Some(Action::Back),
                    _ => None,
                };
            }
            resolve(if popup { Context::Popup } else { Context::Main }, key)
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel(true, m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(false, m.column, m.row)),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Rows of the help screen: (keys, what they do, context heading).
pub fn help_rows() -> Vec<(String, &'static str, Context)> {
    bindings()
        .iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            (keys.join(" "), b.help, b.context)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn resolves_by_context() {
        assert_eq!(resolve(Main, &key(KeyCode::Char('j'))), Some(Action::Down));
        assert_eq!(resolve(Main, &key(KeyCode::Char('7'))), Some(Action::Digit(7)));
        assert_eq!(resolve(Main, &key(KeyCode::Char(' '))), Some(Action::PageDown));
        assert_eq!(resolve(Popup, &key(KeyCode::Char(' '))), Some(Action::Toggle));
        assert_eq!(resolve(Popup, &key(KeyCode::Char('q'))), Some(Action::Back));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(resolve(Popup, &ctrl_c), Some(Action::ForceQuit));
        assert_eq!(resolve(Main, &key(KeyCode::F(5))), None);
    }

    #[test]
    fn every_binding_is_on_the_help_screen() {
        let rows = help_rows();
        assert_eq!(rows.len(), bindings().len());
        assert!(rows.iter().any(|(k, _, _)| k == "Space PgDn"));
        assert!(rows.iter().any(|(k, _, _)| k == "Ctrl-C"));
    }
}
