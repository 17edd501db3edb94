//! The configuration file: `$XDG_CONFIG_HOME/kiosk/config.toml` (else
//! `~/.config/kiosk/config.toml`), or the file given with `--config`.
//!
//! Every key is optional; an unknown key or a bad value is an error that
//! names the file and the line. `assets/config.toml` documents every key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

mod layout;
pub use layout::{Column, Layout};

/// The themes kiosk ships.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Light text on a dark terminal.
    #[default]
    Dark,
    /// Dark text on a light terminal.
    Light,
    /// No colours: bold, italic, underline and reverse only (also under `NO_COLOR`).
    Mono,
}

/// One key or several, as `[keys]` writes them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum KeySpecText {
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
    follow_links: Option<bool>,
    images: Option<bool>,
    #[serde(default)]
    keys: BTreeMap<String, toml::Spanned<KeySpecText>>,
    #[serde(default)]
    views: BTreeMap<String, toml::Spanned<String>>,
    layout: Option<toml::Spanned<Layout>>,
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
    /// Follow symbolic links that lead out of the folder (`--follow-links`).
    pub follow_links: bool,
    /// Show local pictures inline in the reading pane.
    pub images: bool,
    /// The `[keys]` table: which keys the user gave each action, for the
    /// reader to resolve (see `tui::keymap::Keymap::from_config`).
    pub keys: Vec<KeySpec>,
    /// The `[views]` table: saved queries by name, in name order.
    pub views: Vec<ViewSpec>,
    /// The `[layout]` table: panes, measure, list columns.
    pub layout: Layout,
    /// The file's name, for messages about it.
    pub file: String,
}

/// The keys given to one action in `[keys]`, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeySpec {
    /// The action's name (`quit`, `search`, ...).
    pub action: String,
    /// The keys, as written (`q`, `ctrl-f`, `pgdn`).
    pub keys: Vec<String>,
    /// The line of the file that gives them.
    pub line: usize,
}

/// A saved view: a named query (`politics = "tag:Politik lang:de is:unread"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewSpec {
    /// Its name.
    pub name: String,
    /// The query, as written (read by `library::Search::parse`).
    pub query: String,
    /// The line of the file that gives it.
    pub line: usize,
}

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be read. The reason is the error's source, which
    /// `{:#}` prints after it (naming it here too printed it twice).
    #[error("cannot read config {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A setting is wrong.
    #[error("{file}: {}{message}", line.map_or(String::new(), |l| format!("line {l}: ")))]
    Invalid {
        /// The file's name.
        file: String,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
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
            follow_links: false,
            images: true,
            keys: Vec::new(),
            views: Vec::new(),
            layout: Layout::default(),
            file: String::new(),
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
    pub fn parse(text: &str, name: &str) -> Result<Config, ConfigError> {
        let raw: Raw = toml::from_str(text).map_err(|e| ConfigError::Invalid {
            file: name.to_string(),
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        let keys = raw
            .keys
            .iter()
            .map(|(action, spec)| KeySpec {
                action: action.clone(),
                keys: match spec.get_ref() {
                    KeySpecText::One(k) => vec![k.clone()],
                    KeySpecText::Many(ks) => ks.clone(),
                },
                line: line_of(text, spec.span().start),
            })
            .collect();
        let views = raw
            .views
            .iter()
            .map(|(name, query)| ViewSpec {
                name: name.clone(),
                query: query.get_ref().clone(),
                line: line_of(text, query.span().start),
            })
            .collect();
        let defaults = Config::default();
        if let Some(layout) = &raw.layout {
            layout
                .get_ref()
                .check()
                .map_err(|(key, message)| ConfigError::Invalid {
                    file: name.to_string(),
                    line: Some(layout::line_of_key(text, layout.span().start, key)),
                    message,
                })?;
        }
        Ok(Config {
            articles: raw.articles.map(expand_home),
            theme: raw.theme.unwrap_or(defaults.theme),
            browser: raw.browser.filter(|b| !b.trim().is_empty()),
            mouse: raw.mouse.unwrap_or(defaults.mouse),
            hyperlinks: raw.hyperlinks.unwrap_or(defaults.hyperlinks),
            drafts: raw.drafts.unwrap_or(defaults.drafts),
            follow_links: raw.follow_links.unwrap_or(defaults.follow_links),
            images: raw.images.unwrap_or(defaults.images),
            keys,
            views,
            layout: raw.layout.map(toml::Spanned::into_inner).unwrap_or_default(),
            file: name.to_string(),
        })
    }

    /// Loads the configuration: `explicit` must exist; the default file may not.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match default_path() {
                Some(p) if p.exists() => p,
                _ => return Ok(Config::default()),
            },
        };
        let text = read(&path).map_err(|source| ConfigError::Read {
            path: path.clone(),
            source,
        })?;
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

    #[test]
    fn every_option_changes_what_it_says() {
        let c = Config::parse(
            "articles = \"/srv/news\"\ntheme = \"light\"\nbrowser = \"firefox --new-tab %s\"\nmouse = false\nhyperlinks = true\ndrafts = true\nfollow_links = true\n[keys]\nquit = \"x\"\nsearch = [\"f\", \"ctrl-f\"]\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(c.articles.as_deref(), Some(Path::new("/srv/news")));
        assert_eq!(c.theme, ThemeName::Light);
        assert_eq!(c.browser.as_deref(), Some("firefox --new-tab %s"));
        assert!(!c.mouse && c.hyperlinks && c.drafts && c.follow_links);
        let spec = |action: &str, keys: &[&str], line| KeySpec {
            action: action.into(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            line,
        };
        assert_eq!(c.keys, [spec("quit", &["x"], 9), spec("search", &["f", "ctrl-f"], 10)]);
    }

    #[test]
    fn empty_config_is_the_defaults() {
        let c = Config::parse("", "c.toml").unwrap();
        assert_eq!(c.theme, ThemeName::Dark);
        assert!(c.mouse && !c.hyperlinks && !c.drafts && !c.follow_links);
        assert!(c.keys.is_empty());
    }

    #[test]
    fn the_documented_example_parses_to_the_defaults() {
        let text = include_str!("../assets/config.toml");
        let c = Config::parse(text, "assets/config.toml").unwrap();
        assert_eq!(c.theme, ThemeName::Dark);
        assert!(c.mouse && !c.hyperlinks && !c.drafts && !c.follow_links);
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
            ("theme = \n", "c.toml: line 1: "),
        ];
        for (text, want) in cases {
            let err = Config::parse(text, "c.toml").unwrap_err().to_string();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }
}
