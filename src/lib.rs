//! kiosk: a terminal newsreader for a local folder of articles.
//!
//! The library loads a folder into a [`Library`] of [`Article`]s (Markdown with
//! YAML or TOML front matter, and plain text with none), parses bodies into a
//! [`Document`], and lays documents out into wrapped, styled lines
//! ([`layout::Layout`]) that the terminal reader and `kiosk show` both print.
//! Nothing here touches the terminal.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod article;
pub mod atomic;
pub mod bitset;
pub mod config;
pub mod document;
pub mod index;
pub mod json;
pub mod layout;
pub mod library;
pub mod load;
pub mod render;
pub mod safe_open;
pub mod sanitize;
pub mod sources;
pub mod state;
pub mod translations;
pub mod tui;
pub mod xdg;

pub use article::{Article, ArticleId, Date, Diagnostic, Format, Lang, Level, Link};
pub use document::Document;
pub use library::{Library, Query};
