//! The subcommands: each loads the library and prints to stdout.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::CommandFactory;
use kiosk::json::{ArticleRecord, DomainRecord};
use kiosk::layout::article_layout;
use kiosk::render::render;
use kiosk::sanitize::sanitize_line;
use kiosk::sources::{collect, count_widths, counts, Kind, SortBy};
use kiosk::{Level, Library, Query};

use kiosk::config::Config;
use kiosk::tui::theme::ThemeName;
use rayon::prelude::*;

use crate::cli::{Cli, Command, ListArgs, ShowArgs, ThemeArg};

/// Runs the command line; `Ok` carries the exit code of a completed run.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let config = Config::load(cli.config.as_deref())?;
    // Every command checks the whole file, keys included.
    let keymap = kiosk::tui::keymap::Keymap::from_config(&config)?;
    crate::list_query::check_views(&config)?;
    kiosk::load::follow_links_outside(cli.follow_links || config.follow_links);
    let configured = config.articles.clone();
    let folder = |dir: Option<&Path>| folder(dir.or(configured.as_deref()));
    let loader = &Loader {
        cache: (!cli.no_cache).then(kiosk::load_cache::default_dir).flatten(),
    };
    match cli.command {
        Some(Command::List(args)) => {
            let dir = folder(args.dir.as_deref())?;
            list(args, dir, loader, &config)
        }
        Some(Command::Show(args)) => show(args, &folder, loader, config.layout.measure),
        Some(Command::Check(args)) => check(folder(args.dir.as_deref())?, loader),
        Some(Command::Sources(args)) => sources(args.by_name, args.json, folder(args.dir.as_deref())?, loader),
        Some(Command::Add(args)) => crate::ingest_cli::add(args, configured.as_deref()),
        Some(Command::Fetch(args)) => crate::ingest_cli::fetch(args, configured.as_deref()),
        Some(Command::Feeds { action }) => crate::ingest_cli::feeds(action),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "kiosk", &mut out);
            emit(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            emit(&crate::man::page(&keymap)?)?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let dir = folder(cli.reader.dir.as_deref())?;
            if !std::io::stdout().is_terminal() {
                bail!("the reader needs a terminal; use `kiosk list` or `kiosk show` in scripts");
            }
            let library = loader.load_preview(&dir)?;
            let theme = match cli.reader.theme {
                Some(ThemeArg::Dark) => ThemeName::Dark,
                Some(ThemeArg::Light) => ThemeName::Light,
                Some(ThemeArg::Mono) => ThemeName::Mono,
                None => config.theme,
            };
            kiosk::tui::run(
                library,
                kiosk::tui::Options {
                    mouse: config.mouse && !cli.reader.no_mouse,
                    drafts: config.drafts || cli.reader.drafts,
                    state_dir: kiosk::state::default_dir(),
                    cache_dir: loader.cache.clone(),
                    watch: true,
                    theme,
                    browser: config.browser,
                    hyperlinks: config.hyperlinks || cli.reader.hyperlinks,
                    keymap,
                    views: config.views.iter().map(|v| (v.name.clone(), v.query.clone())).collect(),
                    images: config.images,
                    layout: config.layout.clone(),
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The folder to read: the one given (or configured), else `./articles`,
/// else the samples inside the binary, written once into the data folder.
fn folder(dir: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = dir {
        return Ok(dir.to_path_buf());
    }
    let local = PathBuf::from("articles");
    if local.is_dir() {
        return Ok(local);
    }
    let Some(data) = kiosk::xdg::base_dir("XDG_DATA_HOME", ".local/share") else {
        bail!("no ./articles folder here and no $HOME for the samples; name the folder to read")
    };
    kiosk::bundled::materialise(&data).with_context(|| {
        format!(
            "cannot write the sample articles into {}",
            kiosk::bundled::folder(&data).display()
        )
    })
}

/// Loads folders, through the index cache unless `--no-cache`.
struct Loader {
    cache: Option<PathBuf>,
}

impl Loader {
    /// The library of `dir`, kept until the process exits: a command reads one
    /// library, and freeing tens of thousands of articles just before exit
    /// would only cost time.
    fn load(&self, dir: &Path) -> Result<&'static Library> {
        Ok(Box::leak(Box::new(self.load_owned(dir)?)))
    }

    /// For the reader: unchanged articles from the index, the others from
    /// the start of their files (the full load follows once it is drawn).
    fn load_preview(&self, dir: &Path) -> Result<Library> {
        Library::load_preview(dir, self.cache.as_deref()).with_context(|| format!("cannot load {}", dir.display()))
    }

    fn load_owned(&self, dir: &Path) -> Result<Library> {
        Library::load_with(dir, self.cache.as_deref()).with_context(|| format!("cannot load {}", dir.display()))
    }
}

/// Colour only for a terminal, and never under NO_COLOR.
fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes to stdout; a closed pipe (`kiosk list | head`) ends quietly.
fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to stdout"),
    }
}

fn list(args: ListArgs, dir: PathBuf, loader: &Loader, config: &Config) -> Result<ExitCode> {
    let search = crate::list_query::search(args.search.as_deref(), args.view.as_deref(), config)?;
    let library = loader.load(&dir)?;
    let query = Query {
        lang: args.lang.map(|l| kiosk::load::lang::normalise(&l).unwrap_or(l)),
        tags: args.tags,
        text: String::new(),
        drafts: args.drafts,
    };
    let marks = crate::list_query::StateMarks::open(library, search.asks_marks());
    let mut selected = library.select_search(&query, &search, &marks);
    if let Some(section) = &args.section {
        selected = library.filter_section(&selected, section);
    }
    // The reader's read marks and stars, read and never written.
    let (state, warning) = match kiosk::state::default_dir() {
        Some(dir) if args.json || args.unread || args.starred => kiosk::state::State::read_only(&dir),
        _ => (kiosk::state::State::in_memory(), None),
    };
    if let Some(warning) = warning {
        eprintln!("warning: {}", sanitize_line(&warning));
    }
    let read = |i: usize| {
        let a = &library.articles()[i];
        state.read_state(a.id.as_str(), a.hash) == kiosk::state::ReadState::Read
    };
    let starred = |i: usize| state.starred(library.articles()[i].id.as_str());
    if args.unread {
        selected.retain(|&i| !read(i));
    }
    if args.starred {
        selected.retain(|&i| starred(i));
    }
    // The reader's order, undated articles by their file's day, unless
    // another is asked for.
    let order = args.sort.as_deref().and_then(kiosk::library::SortOrder::parse);
    sort(library, &mut selected, order.unwrap_or_default());
    // Columns: the widest language code; the folder when there are several.
    let lang_width = selected
        .iter()
        .filter_map(|&i| library.articles()[i].lang_code())
        .map(str::len)
        .max()
        .unwrap_or(2)
        .max(2);
    let folders = library.sections(true).len() > 1;
    // Appends the record of article `i` to `out`.
    let record = |i: usize, out: &mut Vec<u8>| {
        let a = &library.articles()[i];
        if args.json {
            let translations = library.translations(i);
            library.with_link_refs(i, |links| {
                ArticleRecord::new(a, links, &translations)
                    .with_marks(read(i), starred(i))
                    .write_line(out)
            });
            return;
        }
        let date = a.date.map_or_else(|| " ".repeat(10), |d| d.to_string());
        let lang = a.lang_code().unwrap_or(kiosk::article::UNKNOWN_LANG);
        let tags = if a.tags.is_empty() {
            String::new()
        } else {
            format!("  [{}]", a.tags.join(", "))
        };
        let draft = if a.draft { "  (draft)" } else { "" };
        let section = match a.section() {
            Some(s) if folders => format!("{s}/  "),
            _ if folders => "./  ".to_string(),
            _ => String::new(),
        };
        // The output boundary: whatever the index cache held, one clean line.
        let line = format!(
            "{date}  {lang:<lang_width$}  {section}{}{tags}{draft}  {}",
            a.title, a.id
        );
        out.extend_from_slice(sanitize_line(&line).as_bytes());
        out.push(b'\n');
    };
    // Records are made on both cores, a batch at a time (one buffer for a
    // run of records, not one per record), and written in order as they are
    // ready: the output is never held whole.
    if args.json {
        // Translations are in every record: made once for all.
        library.prepare_translations();
    }
    let mut out = std::io::stdout().lock();
    for batch in selected.chunks(2048) {
        let parts: Vec<Vec<u8>> = batch
            .par_chunks(128)
            .map(|run| {
                let mut part = Vec::with_capacity(run.len() * 2048);
                for &i in run {
                    record(i, &mut part);
                }
                part
            })
            .collect();
        for part in parts {
            if let Err(e) = out.write_all(&part) {
                return quiet_pipe(e);
            }
        }
    }
    match out.flush() {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => quiet_pipe(e),
    }
}

/// Puts `selected` in `order`, as the reader's list does; unread first
/// reads the reading state (read-only).
fn sort(library: &Library, selected: &mut Vec<usize>, order: kiosk::library::SortOrder) {
    let state = match (order, kiosk::state::default_dir()) {
        (kiosk::library::SortOrder::Unread, Some(dir)) => kiosk::state::State::open(&dir).0,
        _ => kiosk::state::State::in_memory(),
    };
    let unread = |i: usize| {
        let a = &library.articles()[i];
        state.read_state(a.id.as_str(), a.hash) != kiosk::state::ReadState::Read
    };
    let ranks = library.sort_ranks(order);
    library.arrange(selected, order, ranks.as_deref(), unread);
}

/// A closed pipe (`kiosk list | head`) ends quietly; other write errors do not.
fn quiet_pipe(e: std::io::Error) -> Result<ExitCode> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(anyhow::Error::new(e).context("cannot write to stdout"))
    }
}

fn show(
    args: ShowArgs,
    folder: &dyn Fn(Option<&Path>) -> Result<PathBuf>,
    loader: &Loader,
    measure: u16,
) -> Result<ExitCode> {
    let as_path = Path::new(&args.article);
    // A path (anything there but a folder) is that file alone: its folder
    // is not read (it may be `/tmp`, or `/` for `/proc/self/environ`).
    let is_path = args.dir.is_none() && std::fs::metadata(as_path).is_ok_and(|m| !m.is_dir());
    let (library, index) = if is_path {
        (one_file(as_path)?, 0)
    } else {
        let dir = match &args.dir {
            Some(dir) => dir.clone(),
            None => folder(None)?,
        };
        let library = loader.load(&dir)?;
        (library, library.find(&args.article)?)
    };
    // The reading pane's measure (`[layout] measure`) caps the terminal's
    // width, as in the reader; `--width` is exact.
    let measure = usize::from(measure);
    let width = match args.width {
        Some(w) => usize::from(w),
        None if std::io::stdout().is_terminal() => crossterm::terminal::size()
            .map_or(80, |(w, _)| usize::from(w))
            .min(measure),
        None => measure.min(80),
    };
    let article = &library.articles()[index];
    let layout = article_layout(
        article,
        &library.document(index),
        &library.translation_names(index),
        width,
    );
    emit(&render(&layout, colour()))?;
    // Like the library, kept until exit: freeing a long layout only costs time.
    std::mem::forget(layout);
    Ok(ExitCode::SUCCESS)
}

/// A library of the one article in the file `path`; an error says why
/// there is none.
fn one_file(path: &Path) -> Result<&'static Library> {
    let root = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (article, diagnostics) = kiosk::load::load_file(root, path);
    let Some(article) = article else {
        let why = diagnostics
            .first()
            .map_or("not an article".to_string(), |d| d.message.clone());
        bail!("{}: {why}", path.display());
    };
    Ok(Box::leak(Box::new(Library::from_articles(
        root,
        vec![article],
        diagnostics,
    ))))
}

fn sources(by_name: bool, json: bool, dir: PathBuf, loader: &Loader) -> Result<ExitCode> {
    let library = loader.load(&dir)?;
    let visible = library.select(&Query::default());
    let sort = if by_name { SortBy::Name } else { SortBy::Count };
    let mut out = String::new();
    let domains = collect(library, &visible, sort);
    let widths = count_widths(&domains);
    for domain in domains {
        if json {
            let record = serde_json::to_string(&DomainRecord::new(library, &domain))?;
            out.push_str(&kiosk::json::escape_forbidden(&record));
            out.push('\n');
        } else {
            let name = match domain.kind {
                Kind::Web => sanitize_line(&domain.name).into_owned(),
                group => format!("({})", group.group()),
            };
            out.push_str(&format!("{}  {name}\n", counts(&domain, widths)));
            for url in &domain.urls {
                out.push_str(&format!("      {}\n", sanitize_line(&url.url)));
            }
        }
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn check(dir: PathBuf, loader: &Loader) -> Result<ExitCode> {
    let library = loader.load(&dir)?;
    let mut out = String::new();
    for d in library.diagnostics() {
        out.push_str(&sanitize_line(&d.to_string()));
        out.push('\n');
    }
    emit(&out)?;
    let errors = library.diagnostics().iter().filter(|d| d.level == Level::Error).count();
    let warnings = library.diagnostics().len() - errors;
    eprintln!(
        "{}, {errors} error{}, {warnings} warning{}",
        kiosk::tui::text::count(library.articles().len(), "article"),
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    );
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
