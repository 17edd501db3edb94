//! The one keymap: it resolves keys to actions and draws the help screen.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use super::action::Action;
pub use super::key::Key;
use crate::config::{Config, ConfigError};

/// Where a key is pressed: the main screen, a popup, or the search line
/// (see [`crate::tui::mode::Mode::context`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// The list and the reading pane.
    Main,
    /// The link list, the tag picker, the contents, the sources view or the help screen.
    Popup,
    /// The search line: typed characters are text.
    Search,
    /// A popup's filter: typed characters are text, other keys the popup's.
    Filter,
}

/// One row of the keymap.
#[derive(Clone, Debug)]
pub struct Binding {
    /// Where the keys apply.
    pub context: Context,
    /// The keys.
    pub keys: Vec<Key>,
    /// The action (for [`Key::Digit`], the digit is filled in).
    pub action: Action,
    /// What the help screen says.
    pub help: &'static str,
}

mod table;
pub use table::{action_name, bindings};
use Key::Ctrl;

/// Keys no remapping can take: whatever the configuration says, Ctrl-C
/// quits and Ctrl-Z suspends, so there is always a way out.
pub const RESERVED: [Key; 2] = [Ctrl('c'), Ctrl('z')];

/// The keymap in use: the default table, with the user's remapping applied.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap { bindings: bindings() }
    }
}

impl Keymap {
    /// The default keymap with some actions on other keys: `(action name,
    /// keys)` pairs, as the configuration's `[keys]` table gives them. A key
    /// taken from another action is removed there.
    pub fn remapped(remap: &[(String, Vec<Key>)]) -> Result<Keymap, String> {
        let mut bindings = bindings();
        for (name, keys) in remap {
            let Some(index) = bindings
                .iter()
                .position(|b| b.context == Context::Main && action_name(&b.action) == Some(name.as_str()))
            else {
                return Err(format!("{name:?} is not an action that can be remapped"));
            };
            if let Some(k) = keys.iter().find(|k| RESERVED.contains(k)) {
                return Err(format!(
                    "{name:?} cannot have {}: Ctrl-C always quits and Ctrl-Z always suspends",
                    k.label()
                ));
            }
            for b in bindings.iter_mut().filter(|b| b.context == Context::Main) {
                b.keys.retain(|k| !keys.contains(k));
            }
            bindings[index].keys = keys.clone();
        }
        Ok(Keymap { bindings })
    }

    /// The keymap a configuration asks for: the default one with its `[keys]`
    /// applied. A key that is not one, or an action that cannot be remapped,
    /// is an error naming the file and the line.
    pub fn from_config(config: &Config) -> Result<Keymap, ConfigError> {
        let invalid = |line, message| ConfigError::Invalid {
            file: config.file.clone(),
            line: Some(line),
            message,
        };
        let mut remap = Vec::new();
        for spec in &config.keys {
            let keys = spec
                .keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| invalid(spec.line, format!("keys.{}: {e}", spec.action)))?;
            remap.push((spec.action.clone(), keys));
        }
        Keymap::remapped(&remap).map_err(|e| {
            let line = config
                .keys
                .iter()
                .find(|s| e.contains(&format!("{:?}", s.action)))
                .map_or(0, |s| s.line);
            invalid(line, format!("keys: {e}"))
        })
    }

    /// The bindings, in help-screen order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action of a key in a context. Ctrl-C and Ctrl-Z work everywhere.
    pub fn resolve(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let global = |b: &&Binding| matches!(b.action, Action::ForceQuit | Action::Suspend);
        self.bindings
            .iter()
            .filter(|b| b.context == context || global(b))
            .find_map(|b| {
                b.keys.iter().find_map(|k| k.matches(event)).map(|digit| match digit {
                    Some(d) => Action::Digit(d),
                    None => b.action.clone(),
                })
            })
    }

    /// The action of a terminal event in a context: the search line takes
    /// typed characters, a popup its own keys, the main screen the main keymap.
    pub fn translate(&self, event: &Event, context: Context) -> Option<Action> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                if context == Context::Search && !ctrl {
                    return match key.code {
                        KeyCode::Char(c) => Some(Action::Input(c)),
                        KeyCode::Backspace => Some(Action::Backspace),
                        KeyCode::Enter => Some(Action::Confirm),
                        KeyCode::Esc => Some(Action::Back),
                        // The pipe prompt: what to pipe.
                        KeyCode::Tab => Some(Action::SwitchPane),
                        _ => None,
                    };
                }
                // A popup's filter takes text; moving keys stay the popup's.
                if context == Context::Filter && !ctrl {
                    match key.code {
                        KeyCode::Char(c) => return Some(Action::Input(c)),
                        KeyCode::Backspace => return Some(Action::Backspace),
                        KeyCode::Enter => return Some(Action::Confirm),
                        KeyCode::Esc => return Some(Action::Back),
                        _ => {}
                    }
                }
                let context = match context {
                    Context::Search => Context::Main,
                    Context::Filter => Context::Popup,
                    other => other,
                };
                self.resolve(context, key)
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

    /// The first key of an action on the main screen, as the help writes it.
    /// Quitting always has a key: Ctrl-C when the configuration took the others.
    pub fn key_for(&self, action: &Action) -> Option<String> {
        let key = self
            .bindings
            .iter()
            .find(|b| b.context == Context::Main && &b.action == action)
            .and_then(|b| b.keys.first())
            .map(|k| k.label());
        match action {
            Action::Quit if key.is_none() => self.key_for(&Action::ForceQuit),
            _ => key,
        }
    }

    /// What the reader says at start about a remapping that took every key
    /// of `quit` (the way out that is left).
    pub fn warning(&self) -> Option<String> {
        let quits = self
            .bindings
            .iter()
            .any(|b| b.context == Context::Main && b.action == Action::Quit && !b.keys.is_empty());
        (!quits).then(|| "the configuration left quit without a key: Ctrl-C quits".to_string())
    }

    /// Lines the help screen draws: its rows, and a heading for each context
    /// with a blank line between contexts.
    pub fn help_lines(&self) -> usize {
        let rows = self.help_rows();
        let mut contexts: Vec<Context> = rows.iter().map(|r| r.2).collect();
        contexts.dedup();
        rows.len() + contexts.len() * 2 - usize::from(!contexts.is_empty())
    }

    /// Rows of the help screen: (keys, what they do, context heading).
    pub fn help_rows(&self) -> Vec<(String, &'static str, Context)> {
        self.bindings
            .iter()
            .filter(|b| !b.keys.is_empty())
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
                (keys.join(" "), b.help, b.context)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Context::{Main, Popup};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn resolves_by_context() {
        assert_eq!(
            Keymap::default().resolve(Main, &key(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(
            Keymap::default().resolve(Main, &key(KeyCode::Char('7'))),
            Some(Action::Digit(7))
        );
        assert_eq!(
            Keymap::default().resolve(Main, &key(KeyCode::Char(' '))),
            Some(Action::PageDown)
        );
        assert_eq!(
            Keymap::default().resolve(Popup, &key(KeyCode::Char(' '))),
            Some(Action::Toggle)
        );
        assert_eq!(
            Keymap::default().resolve(Popup, &key(KeyCode::Char('q'))),
            Some(Action::Back)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(Keymap::default().resolve(Popup, &ctrl_c), Some(Action::ForceQuit));
        assert_eq!(Keymap::default().resolve(Main, &key(KeyCode::F(5))), None);
    }

    #[test]
    fn remapping_moves_keys_and_the_help_follows() {
        let map = Keymap::remapped(&[
            ("quit".into(), vec![Key::parse("x").unwrap()]),
            ("search".into(), vec![Key::parse("f3").unwrap()]),
        ])
        .unwrap();
        assert_eq!(map.resolve(Main, &key(KeyCode::Char('x'))), Some(Action::Quit));
        assert_eq!(map.resolve(Main, &key(KeyCode::Char('q'))), None);
        assert_eq!(map.resolve(Main, &key(KeyCode::F(3))), Some(Action::Search));
        let rows = map.help_rows();
        assert!(rows.iter().any(|(k, h, _)| k == "x" && h.starts_with("quit")));
        assert!(
            !rows.iter().any(|(_, h, _)| h.starts_with("clear all filters")),
            "x was taken from clear-filters"
        );
        assert!(Keymap::remapped(&[("fly".into(), vec![Key::Char('f')])])
            .unwrap_err()
            .contains("\"fly\""));
        assert!(Key::parse("1").is_err());
        assert!(Key::parse("hyper-x").is_err());
        assert_eq!(Key::parse("ctrl-R"), Ok(Key::Ctrl('r')));
    }

    #[test]
    fn the_configured_keys_are_resolved_with_their_lines() {
        let config = |text: &str| Config::parse(text, "c.toml").unwrap();
        let map = Keymap::from_config(&config("[keys]\nquit = \"x\"\nsearch = [\"f\", \"ctrl-f\"]\n")).unwrap();
        assert_eq!(map.resolve(Main, &key(KeyCode::Char('x'))), Some(Action::Quit));
        assert_eq!(map.resolve(Main, &key(KeyCode::Char('f'))), Some(Action::Search));
        let ctrl_f = KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL);
        assert_eq!(map.resolve(Main, &ctrl_f), Some(Action::Search));
        let cases = [
            (
                "[keys]\nquit = \"hyper-q\"\n",
                "c.toml: line 2: keys.quit: \"hyper-q\" is not a key",
            ),
            (
                "[keys]\n\nfly = \"f\"\n",
                "c.toml: line 3: keys: \"fly\" is not an action",
            ),
        ];
        for (text, want) in cases {
            let err = Keymap::from_config(&config(text)).unwrap_err().to_string();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }

    #[test]
    fn the_documented_example_is_the_default_keymap() {
        let text = include_str!("../../assets/config.toml");
        let c = Config::parse(text, "assets/config.toml").unwrap();
        assert_eq!(
            Keymap::from_config(&c).unwrap().help_rows(),
            Keymap::default().help_rows()
        );
    }

    #[test]
    fn every_binding_is_on_the_help_screen() {
        let rows = Keymap::default().help_rows();
        assert_eq!(rows.len(), bindings().len());
        assert!(rows.iter().any(|(k, _, _)| k == "Space PgDn"));
        assert!(rows.iter().any(|(k, _, _)| k == "Ctrl-C"));
    }
}
