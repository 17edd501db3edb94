//! What each [`Format`] means for reading an article: which files are
//! which, where the title line is, how a body is parsed and measured, and
//! where its blocks end. (The enum is plain data in the model; its
//! behaviour needs the parsers, so it is written here, once.)

use std::path::Path;

use super::plain;
use crate::article::Format;
use crate::document::{markdown_facts, parse_markdown, parse_plain, plain_facts, Document, Facts};

impl Format {
    /// The format of a file: Markdown when it has front matter or a
    /// Markdown extension, else plain text.
    pub fn of(rel: &Path, has_front_matter: bool) -> Format {
        let extension = rel
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let markdown_ext = matches!(extension.as_str(), "md" | "markdown" | "mdown" | "mkd" | "mdx");
        if has_front_matter || markdown_ext {
            Format::Markdown
        } else {
            Format::Plain
        }
    }

    /// The title line of a body, if this format has one (plain text's
    /// first line when it looks like a title), and the body after it.
    pub fn split_title(self, body: &str) -> (Option<String>, &str) {
        match self {
            Format::Plain => match plain::split_title(body) {
                Some((title, rest)) => (Some(title), rest),
                None => (None, body),
            },
            Format::Markdown => (None, body),
        }
    }

    /// Parses a body into a document.
    pub fn parse(self, body: &str) -> Document {
        match self {
            Format::Markdown => parse_markdown(body),
            Format::Plain => parse_plain(body),
        }
    }

    /// The facts of a body (what [`Facts::of`] gives of its document),
    /// without building its blocks; a language sample of `sample_chars`.
    pub fn facts(self, body: &str, sample_chars: usize) -> Facts {
        match self {
            Format::Markdown => markdown_facts(body, sample_chars),
            Format::Plain => plain_facts(body, sample_chars),
        }
    }

    /// Where the last block break of `text` is (a blank line in Markdown, a
    /// line break in plain text): the text before it holds only whole blocks.
    pub fn last_break(self, text: &str) -> Option<usize> {
        match self {
            Format::Markdown => text.rfind("\n\n"),
            Format::Plain => text.rfind('\n'),
        }
    }
}
