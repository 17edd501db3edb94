//! The configuration file: `$XDG_CONFIG_HOME/kiosk/config.toml` (else
//! `~/.config/kiosk/config.toml`), or the file given with `--config`.
//!
//! Every key is optional; an unknown key or a bad value is an error that
//! names the file and the line. `assets/config.toml` documents every key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::tui::keymap::{Key, Keymap};
use crate::tui::theme::ThemeName;

/// One key or several, as `[keys]` writes them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum KeySpec {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    articles: Option<PathBuf>,
    theme: Option<ThemeName>,
    browser: Option<String>,
    mouse: Option<bool>,
    hyperlinks: Option<bool>,
    drafts: Option<bool>,
    #[serde(default)]
    keys: BTreeMap<String, toml::Spanned<KeySpec>>,
}

/// The settings, after the file (command-line flags are applied by `main`).
#[derive(Clone, Debug)]
pub struct Config {
    /// The article folder (`~` is expanded).
    pub articles: Option<PathBuf>,
    /// The colour theme.
    pub theme: ThemeName,
    /// The browser command (else `$BROWSER`, else the system opener).
    pub browser: Option<String>,
    /// Capture the mouse.
    pub mouse: bool,
    /// Make link markers clickable with OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// Show drafts.
    pub drafts: bool,
    /// The keymap, with `[keys]` applied.
    pub keymap: Keymap,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            articles: None,
            theme: ThemeName::Dark,
            browser: None,
            mouse: true,
            hyperlinks: false,
            drafts: false,
            keymap: Keymap::default(),
        }
    }
}

/// The default configuration file.
/// A relative `XDG_CONFIG_HOME` is ignored (see [`crate::xdg::base_dir`]).
pub fn default_path() -> Option<PathBuf> {
    crate::xdg::base_dir("XDG_CONFIG_HOME", ".config").map(|d| d.join("kiosk/config.toml"))
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn expand_home(path: PathBuf) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path,
    }
}

impl Config {
    /// Parses configuration text; `name` is used in messages.
    pub fn parse(text: &str, name: &str) -> Result<Config, String> {
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map_or(String::new(), |s| format!("line {}: ", line_of(text, s.start)));
            format!("{name}: {line}{}", e.message().trim())
        })?;
        let mut remap = Vec::new();
        for (action, spec) in &raw.keys {
            let line = line_of(text, spec.span().start);
            let names = match spec.get_ref() {
                KeySpec::One(k) => vec![k.clone()],
                KeySpec::Many(ks) => ks.clone(),
            };
            let keys = names
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("{name}: line {line}: keys.{action}: {e}"))?;
            remap.push((action.clone(), keys));
        }
        let keymap = Keymap::remapped(&remap).map_err(|e| {
            let line = raw
                .keys
                .iter()
                .find(|(a, _)| e.contains(&format!("{a:?}")))
                .map_or(0, |(_, s)| line_of(text, s.span().start));
            format!("{name}: line {line}: keys: {e}")
        })?;
        let defaults = Config::default();
        Ok(Config {
            articles: raw.articles.map(expand_home),
            theme: raw.theme.unwrap_or(defaults.theme),
            browser: raw.browser.filter(|b| !b.trim().is_empty()),
            mouse: raw.mouse.unwrap_or(defaults.mouse),
            hyperlinks: raw.hyperlinks.unwrap_or(defaults.hyperlinks),
            drafts: raw.drafts.unwrap_or(defaults.drafts),
            keymap,
        })
    }

    /// Loads the configuration: `explicit` must exist; the default file may not.
    pub fn load(explicit: Option<&Path>) -> Result<Config, String> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match default_path() {
                Some(p) if p.exists() => p,
                _ => return Ok(Config::default()),
            },
        };
        let text = read(&path).map_err(|e| format!("cannot read config {}: {e}", path.display()))?;
        Config::parse(&text, &path.display().to_string())
    }
}

/// The most a configuration file may hold: a real one is a few KiB.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads a configuration file without blocking and at most
/// [`MAX_CONFIG_BYTES`] of it. A regular file or a character device
/// (`--config /dev/null` gives the defaults); a FIFO, socket or folder is
/// refused, since reading one could wait for good.
fn read(path: &Path) -> std::io::Result<String> {
    use std::os::unix::fs::FileTypeExt;
    let file = crate::safe_open::open_nonblocking(path)?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() && !kind.is_char_device() {
        return Err(crate::safe_open::not_regular(kind));
    }
    let bytes = crate::safe_open::read_capped(file, MAX_CONFIG_BYTES)?;
    String::from_utf8(bytes).map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keymap::Context;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn every_option_changes_what_it_says() {
        let c = Config::parse(
            "articles = \"/srv/news\"\ntheme = \"light\"\nbrowser = \"firefox --new-tab %s\"\nmouse = false\nhyperlinks = true\ndrafts = true\n[keys]\nquit = \"x\"\nsearch = [\"f\", \"ctrl-f\"]\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(c.articles.as_deref(), Some(Path::new("/srv/news")));
        assert_eq!(c.theme, ThemeName::Light);
        assert_eq!(c.browser.as_deref(), Some("firefox --new-tab %s"));
        assert!(!c.mouse && c.hyperlinks && c.drafts);
        let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(c.keymap.resolve(Context::Main, &key('x')), Some(Action::Quit));
        assert_eq!(c.keymap.resolve(Context::Main, &key('f')), Some(Action::Search));
        let ctrl_f = KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL);
        assert_eq!(c.keymap.resolve(Context::Main, &ctrl_f), Some(Action::Search));
    }

    #[test]
    fn empty_config_is_the_defaults() {
        let c = Config::parse("", "c.toml").unwrap();
        assert_eq!(c.theme, ThemeName::Dark);
        assert!(c.mouse && !c.hyperlinks && !c.drafts);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let cases = [
            (
                "theme = \"dark\"\ncolour = true\n",
                "c.toml: line 2: unknown field `colour`",
            ),
            (
                "mouse = \"yes\"\n",
                "c.toml: line 1: invalid type: string \"yes\", expected a boolean",
            ),
            ("theme = \"neon\"\n", "c.toml: line 1: unknown variant `neon`"),
            (
                "[keys]\nquit = \"hyper-q\"\n",
                "c.toml: line 2: keys.quit: \"hyper-q\" is not a key",
            ),
            (
                "[keys]\n\nfly = \"f\"\n",
                "c.toml: line 3: keys: \"fly\" is not an action",
            ),
            ("theme = \n", "c.toml: line 1: "),
        ];
        for (text, want) in cases {
            let err = Config::parse(text, "c.toml").unwrap_err();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }

    #[test]
    fn the_documented_example_parses_to_the_defaults() {
        let text = include_str!("../assets/config.toml");
        let c = Config::parse(text, "assets/config.toml").unwrap();
        assert_eq!(c.theme, ThemeName::Dark);
        assert!(c.mouse && !c.hyperlinks && !c.drafts);
        assert_eq!(c.keymap.help_rows(), Keymap::default().help_rows());
    }
}
