//! `kiosk list --search Q --view NAME`: the query the command line asks for
//! (a malformed one is a usage error), and the reading marks its `is:`
//! terms ask about.

use anyhow::Result;
use clap::CommandFactory;
use kiosk::config::{Config, ConfigError};
use kiosk::library::{Marks, Search};
use kiosk::state::{ReadState, State};
use kiosk::Library;

use crate::cli::Cli;

/// The query of `--search` and `--view` together (both must hold). A
/// malformed `--search` or an unknown view ends the process as a usage error
/// (exit 2); a malformed view is an error of the configuration.
pub fn search(text: Option<&str>, view: Option<&str>, config: &Config) -> Result<Search> {
    let mut search = match text.map(Search::parse).transpose() {
        Ok(search) => search.unwrap_or_default(),
        Err(e) => usage(&format!("--search: {e}")),
    };
    if let Some(name) = view {
        let Some(spec) = config.views.iter().find(|v| v.name == name) else {
            let known: Vec<&str> = config.views.iter().map(|v| v.name.as_str()).collect();
            let known = if known.is_empty() {
                "none is configured: add them under [views] in the config".to_string()
            } else {
                format!("the views are {}", known.join(", "))
            };
            usage(&format!("--view: no view {name:?}; {known}"));
        };
        let saved = Search::parse(&spec.query).map_err(|e| view_error(config, spec, &e))?;
        search.terms.extend(saved.terms);
    }
    Ok(search)
}

/// Every saved view must be a query: a mistake names the file and line
/// (checked by every command, as the keys are).
pub fn check_views(config: &Config) -> Result<(), ConfigError> {
    for spec in &config.views {
        Search::parse(&spec.query).map_err(|e| view_error(config, spec, &e))?;
    }
    Ok(())
}

fn view_error(config: &Config, spec: &kiosk::config::ViewSpec, e: &kiosk::library::QueryError) -> ConfigError {
    ConfigError::Invalid {
        file: config.file.clone(),
        line: Some(spec.line),
        message: format!("views.{}: {e}", spec.name),
    }
}

/// Ends the process as clap ends a usage error: the message, a hint, exit 2.
fn usage(message: &str) -> ! {
    let message = kiosk::sanitize::sanitize_line(message);
    let mut cli = Cli::command();
    // Built, the subcommand knows its full name for the usage line.
    cli.build();
    let mut list = cli.find_subcommand_mut("list").cloned().unwrap_or(cli);
    list.error(clap::error::ErrorKind::ValueValidation, message).exit()
}

/// The read marks and stars of the reading state, for `is:`.
pub struct StateMarks<'a> {
    library: &'a Library,
    state: State,
}

impl<'a> StateMarks<'a> {
    /// The reading state kiosk keeps, read only when the query asks about
    /// it (a problem with it is said on stderr; the query then sees none).
    pub fn open(library: &'a Library, wanted: bool) -> StateMarks<'a> {
        let state = match kiosk::state::default_dir().filter(|_| wanted) {
            Some(dir) => {
                let (state, notice) = State::open(&dir);
                if let Some(notice) = notice {
                    eprintln!("warning: {}", kiosk::sanitize::sanitize_line(&notice));
                }
                state
            }
            None => State::in_memory(),
        };
        StateMarks { library, state }
    }
}

impl Marks for StateMarks<'_> {
    fn read(&self, index: usize) -> bool {
        let a = &self.library.articles()[index];
        self.state.read_state(a.id.as_str(), a.hash) == ReadState::Read
    }

    fn starred(&self, index: usize) -> bool {
        self.state.starred(self.library.articles()[index].id.as_str())
    }
}
