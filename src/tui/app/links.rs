//! Link numbers typed as digits, and which URLs may be opened.

use super::App;
use crate::tui::action::Effect;

/// Only these schemes are handed to a browser.
pub const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Longest URL handed to a browser.
pub const MAX_URL_BYTES: usize = 2048;

/// Why a URL is not handed to a browser.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Longer than [`MAX_URL_BYTES`].
    #[error("refused to open a link of {0} bytes (at most 2 KiB)")]
    TooLong(usize),
    /// Spaces or control characters would split or hide it.
    #[error("refused to open a link containing spaces or control characters")]
    Spaces,
    /// A scheme other than [`ALLOWED_SCHEMES`] (lower-cased).
    #[error("refused to open a {0:?} link: only http, https and mailto are opened")]
    Scheme(String),
    /// No scheme: a relative link.
    #[error("refused to open a link without a scheme (relative link)")]
    NoScheme,
}

/// Checks that a URL may be opened; the error names the refused scheme.
pub fn check_url(url: &str) -> Result<(), Refusal> {
    if url.len() > MAX_URL_BYTES {
        return Err(Refusal::TooLong(url.len()));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Refusal::Spaces);
    }
    let scheme = url.split_once(':').map(|(s, _)| s).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    match scheme {
        Some(s) if ALLOWED_SCHEMES.contains(&s.to_ascii_lowercase().as_str()) => Ok(()),
        Some(s) => Err(Refusal::Scheme(s.to_ascii_lowercase())),
        None => Err(Refusal::NoScheme),
    }
}

impl App {
    pub(super) fn link_count(&self) -> usize {
        self.reading.shown.map_or(0, |i| self.library.links(i).len())
    }

    /// Collects a digit; opens at once when no longer link number can start
    /// with the digits typed.
    pub(super) fn digit(&mut self, d: u8) -> Option<Effect> {
        let count = self.link_count();
        if count == 0 {
            self.message = Some("this article cites no links".into());
            return None;
        }
        self.digits.push(char::from(b'0' + d));
        let n: usize = self.digits.parse().unwrap_or(0);
        if n == 0 || n > count {
            self.message = Some(format!("no link {} (this article has {count})", self.digits));
            self.digits.clear();
            return None;
        }
        if n * 10 > count {
            self.digits.clear();
            return self.open_link(n);
        }
        self.message = Some(format!("link {n}… (Enter opens)"));
        None
    }

    pub(super) fn open_link(&mut self, n: usize) -> Option<Effect> {
        let url = self
            .reading
            .shown
            .and_then(|i| self.library.links(i).get(n.wrapping_sub(1)))
            .map(|l| l.url.clone());
        let Some(url) = url else {
            self.message = Some(format!("no link {n}"));
            return None;
        };
        if self.follow_inside(n, &url) {
            return None;
        }
        self.hand_to_browser(n, url)
    }

    /// Hands link `n` to the browser, if its URL may be opened.
    pub(super) fn hand_to_browser(&mut self, n: usize, url: String) -> Option<Effect> {
        match check_url(&url) {
            Ok(()) => {
                self.message = Some(format!("opening [{n}] {url}"));
                Some(Effect::OpenUrl(url))
            }
            Err(e) => {
                self.message = Some(e.to_string());
                None
            }
        }
    }
}
