//! The command line, as clap definitions. `main` runs what they describe.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A terminal newsreader for a local folder of Markdown and plain-text articles.
///
/// Without a subcommand, opens the reader on DIR (default: ./articles, else the
/// bundled sample articles).
#[derive(Debug, Parser)]
#[command(name = "kiosk", version)]
pub struct Cli {
    /// What to do; the reader when absent.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of the reader.
    #[command(flatten)]
    pub reader: ReaderArgs,
    /// Read settings from FILE instead of ~/.config/kiosk/config.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read every file instead of taking unchanged ones from the index
    /// cache in ~/.cache/kiosk (the cache is left as it is).
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Follow symbolic links that lead out of the article folder (by
    /// default they are skipped, and `kiosk check` lists them).
    #[arg(long, global = true)]
    pub follow_links: bool,
}

/// Options of the full-screen reader.
#[derive(Debug, Args)]
pub struct ReaderArgs {
    /// The article folder.
    pub dir: Option<PathBuf>,
    /// Do not capture the mouse (keeps the terminal's own text selection).
    #[arg(long)]
    pub no_mouse: bool,
    /// Show drafts too.
    #[arg(long)]
    pub drafts: bool,
    /// Colour theme.
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeArg>,
    /// Make link markers clickable (OSC 8 hyperlinks).
    #[arg(long)]
    pub hyperlinks: bool,
}

/// The themes, on the command line.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ThemeArg {
    /// Light text on a dark terminal.
    Dark,
    /// Dark text on a light terminal.
    Light,
    /// No colours.
    Mono,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List articles, newest first.
    List(ListArgs),
    /// Print an article as the reading pane shows it.
    Show(ShowArgs),
    /// Report problems in the article folder (path: level: message).
    Check(CheckArgs),
    /// List cited sources by domain, with link and article counts.
    Sources(SourcesArgs),
    /// Save web pages as Markdown articles (read-it-later).
    Add(AddArgs),
    /// Write the new items of subscribed feeds as articles.
    Fetch(FetchArgs),
    /// Convert subscriptions (OPML, newsboat `urls`).
    Feeds {
        /// What to do.
        #[command(subcommand)]
        action: FeedsAction,
    },
    /// Print a shell completion script (e.g. `kiosk completions bash > ~/.local/share/bash-completion/completions/kiosk`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `kiosk man | man -l -`.
    Man,
}

/// `kiosk list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// The article folder (default: ./articles).
    pub dir: Option<PathBuf>,
    /// Only articles in this language (e.g. de, en).
    #[arg(long, value_name = "L")]
    pub lang: Option<String>,
    /// Only articles with this tag; repeat to require several.
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Only articles matching the query Q: words (in title, summary, tags
    /// or body; case- and accent-insensitive), "exact phrase", -word,
    /// tag:X, lang:de, section:docs, site:example.org (cites it),
    /// is:unread, is:read, is:starred, before:2021-01-01, after:2020-08.
    #[arg(long, value_name = "Q", allow_hyphen_values = true)]
    pub search: Option<String>,
    /// Only articles matching the saved view NAME (`[views]` in the config).
    #[arg(long, value_name = "NAME")]
    pub view: Option<String>,
    /// Only articles in folder S (below DIR) or a folder below it; `/` is
    /// the top folder alone.
    #[arg(long, value_name = "S")]
    pub section: Option<String>,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Only articles not read in the reader (or changed since).
    #[arg(long)]
    pub unread: bool,
    /// Only starred articles.
    #[arg(long)]
    pub starred: bool,
    /// Print one JSON object per line (JSON Lines).
    #[arg(long)]
    pub json: bool,
    /// The order, as the reader's `=` cycles it: date (undated articles by
    /// their file's day), title, unread (first), length (shortest first),
    /// section (by folder). Default: date, the reader's first order.
    #[arg(long, value_name = "ORDER", value_parser = ["date", "title", "unread", "length", "section", "folder"])]
    pub sort: Option<String>,
}

/// `kiosk show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article: an id (`sub/name`), a unique id prefix, or a path.
    pub article: String,
    /// The article folder (default: ./articles, or the folder of a path).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Width in columns (default: the terminal's, at most the configured
    /// measure, 100; else 80).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
}

/// `kiosk sources`.
#[derive(Debug, Args)]
pub struct SourcesArgs {
    /// The article folder (default: ./articles).
    pub dir: Option<PathBuf>,
    /// Sort domains by name instead of by number of links.
    #[arg(long)]
    pub by_name: bool,
    /// Print one JSON object per domain (JSON Lines).
    #[arg(long)]
    pub json: bool,
}

/// `kiosk check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The article folder (default: ./articles).
    pub dir: Option<PathBuf>,
}

/// `kiosk add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The pages (http or https).
    #[arg(required = true, value_name = "URL")]
    pub urls: Vec<String>,
    /// The article folder (default: the configured one, else ./articles).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// A tag for the saved articles; repeat for several.
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Fetch and write again pages already saved (never over a file you
    /// edited since).
    #[arg(long)]
    pub force: bool,
}

/// `kiosk fetch`.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// The article folder (default: the configured one, else ./articles);
    /// each feed writes into a folder of its own in it.
    pub dir: Option<PathBuf>,
    /// The subscriptions, OPML or newsboat `urls` (default: feeds.opml,
    /// else urls, in ~/.config/kiosk).
    #[arg(long, value_name = "FILE")]
    pub feeds: Option<PathBuf>,
    /// Feeds fetched at once.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
    /// Requests at once to one host.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=16))]
    pub per_host: u16,
}

/// `kiosk feeds`.
#[derive(Debug, Subcommand)]
pub enum FeedsAction {
    /// Add the feeds of FILE (OPML or `urls`) to your subscriptions.
    Import {
        /// The file to read.
        file: PathBuf,
        /// The subscriptions file to add to (default: feeds.opml, else
        /// urls, in ~/.config/kiosk).
        #[arg(long, value_name = "FILE")]
        feeds: Option<PathBuf>,
    },
    /// Write your subscriptions to FILE: OPML when it ends in .opml or
    /// .xml, else newsboat's `urls` format; `-` prints OPML.
    Export {
        /// The file to write.
        file: PathBuf,
        /// The subscriptions file to read (default: feeds.opml, else urls,
        /// in ~/.config/kiosk).
        #[arg(long, value_name = "FILE")]
        feeds: Option<PathBuf>,
    },
}
