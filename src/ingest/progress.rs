//! What a run of `add` or `fetch` reports while it goes, and its summary.
//! Values, not terminal output: the command line draws a bar or prints
//! lines from them, the reader can forward them to its event channel.

use std::fmt;
use std::path::PathBuf;

/// One step of a run, in the order they happen for each source (sources run
/// in parallel, so steps of different sources interleave).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    /// The run starts with this many sources (pages or feeds).
    Planned {
        /// Number of sources.
        total: usize,
    },
    /// A source is being fetched.
    Started {
        /// The page or feed URL.
        url: String,
    },
    /// An article file was written.
    Saved {
        /// The page or feed it came from.
        url: String,
        /// The file written.
        path: PathBuf,
    },
    /// A source is done.
    Finished(Outcome),
}

/// How one source (a page or a feed) went.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The page or feed URL.
    pub url: String,
    /// A name for messages: the feed's or page's title, else the URL.
    pub name: String,
    /// Files written (new articles, or rewritten with `--force`).
    pub written: Vec<PathBuf>,
    /// Things passed over, with why (already saved, edited by the user,
    /// an item whose page could not be fetched).
    pub notes: Vec<String>,
    /// Why the source failed as a whole, if it did.
    pub error: Option<String>,
    /// The server said nothing changed since the last fetch.
    pub not_modified: bool,
}

/// The outcomes of a whole run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// One per source, in the order given.
    pub outcomes: Vec<Outcome>,
}

impl Summary {
    /// Articles written in the whole run.
    pub fn new_articles(&self) -> usize {
        self.outcomes.iter().map(|o| o.written.len()).sum()
    }

    /// Sources that failed.
    pub fn failed(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| o.error.is_some())
    }

    /// The summary line, counting sources as `noun` (`feed`, `page`):
    /// `12 feeds, 48 new, 1 failed: name (HTTP 404 Not Found)`.
    pub fn line(&self, noun: &str) -> String {
        let n = self.outcomes.len();
        let mut line = format!(
            "{n} {noun}{}, {} new",
            if n == 1 { "" } else { "s" },
            self.new_articles()
        );
        let failed: Vec<&Outcome> = self.failed().collect();
        if !failed.is_empty() {
            let names: Vec<String> = failed
                .iter()
                .map(|o| format!("{} ({})", o.name, o.error.as_deref().unwrap_or("")))
                .collect();
            line.push_str(&format!(", {} failed: {}", failed.len(), names.join("; ")));
        }
        line
    }
}

impl fmt::Display for Outcome {
    /// One line: `name: 3 new`, `name: unchanged`, `name: failed: why`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.error {
            Some(e) => write!(f, "{}: failed: {e}", self.name),
            None if self.not_modified => write!(f, "{}: not modified", self.name),
            None => write!(f, "{}: {} new", self.name, self.written.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_line_names_each_failure() {
        let ok = Outcome {
            name: "A".into(),
            written: vec![PathBuf::from("a.md"), PathBuf::from("b.md")],
            ..Outcome::default()
        };
        let bad = Outcome {
            name: "B".into(),
            error: Some("HTTP 404 Not Found".into()),
            ..Outcome::default()
        };
        let summary = Summary {
            outcomes: vec![ok.clone(), bad.clone(), ok],
        };
        assert_eq!(summary.line("feed"), "3 feeds, 4 new, 1 failed: B (HTTP 404 Not Found)");
        assert_eq!(bad.to_string(), "B: failed: HTTP 404 Not Found");
        let one = Summary {
            outcomes: vec![Outcome::default()],
        };
        assert_eq!(one.line("page"), "1 page, 0 new");
    }
}
