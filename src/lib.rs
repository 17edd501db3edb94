//! kiosk: a terminal newsreader for a local folder of articles.
//!
//! The library loads a folder into a [`Library`] of [`Article`]s (Markdown with
//! YAML or TOML front matter, and plain text with none), parses bodies into a
//! [`Document`], and lays documents out into wrapped, styled lines
//! ([`layout::Layout`]) that the terminal reader and `kiosk show` both print.
//! Nothing here but [`tui`] touches the terminal.
//!
//! The modules form layers, each using only its own and those below
//! (`tests/kiosk/layers.rs` fails otherwise, and on any import circle):
//! leaves ([`hash`], [`sanitize`], [`bitset`], [`atomic`]) < the model
//! ([`article`]: plain data; [`document`]: parsed bodies; [`state`]: read
//! marks) < the loader ([`load`], and [`load_cache`], the index cache of
//! loaded articles) < the [`library`] (ordering, queries, [`translations`],
//! and reading bodies, links and documents on demand) < [`layout`] of one
//! article and [`render`] < [`json`] and [`sources`] < the reader ([`tui`],
//! [`config`]) < the binary's commands.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod article;
pub mod atomic;
pub mod bitset;
pub mod bundled;
pub mod config;
pub mod document;
pub mod hash;
#[cfg(feature = "cli")]
pub mod ingest;
pub mod json;
pub mod layout;
pub mod library;
pub mod load;
pub mod load_cache;
pub mod render;
pub mod safe_open;
pub mod sanitize;
pub mod sources;
pub mod state;
pub mod translations;
#[cfg(feature = "cli")]
pub mod tui;
pub mod xdg;

pub use article::{Article, ArticleId, Date, Diagnostic, DiagnosticKind, Format, Lang, Level, Link};
pub use document::Document;
pub use library::{Library, Query};
