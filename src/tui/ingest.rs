//! Ingest from the reader: saving a cited page (`a` in the link list) and
//! fetching the subscribed feeds (`R`), each on a thread of its own. Their
//! progress comes back as [`Report`]s on the reader's one event channel;
//! what they write reaches the list through a reload, like any change to
//! the folder.

use std::path::{Path, PathBuf};

use crate::ingest::add::{add, AddOptions};
use crate::ingest::fetch::{fetch, FetchOptions};
use crate::ingest::http::Client;
use crate::ingest::store::Store;
use crate::ingest::{subscriptions, Progress, Summary};

/// Work the reader hands to ingest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Job {
    /// Save the page at `url`, link `n` of the article `via` (its id).
    Save {
        /// The page.
        url: String,
        /// The citing article's id, written as `via:`.
        via: String,
        /// The link's number in that article.
        n: usize,
    },
    /// Fetch every subscribed feed.
    Fetch,
}

/// What a running job tells the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Report {
    /// A step of the job.
    Progress(Job, Progress),
    /// The job ended: its summary, or why it could not run at all.
    Done(Job, Result<Summary, String>),
}

impl Report {
    /// True when the folder holds new articles: a page or feed written,
    /// or a job ended that wrote some (the list then reloads).
    pub fn wrote(&self) -> bool {
        match self {
            Report::Progress(_, Progress::Finished(outcome)) => !outcome.written.is_empty(),
            Report::Progress(..) => false,
            Report::Done(_, result) => result.as_ref().is_ok_and(|s| s.new_articles() > 0),
        }
    }
}

/// Where jobs write and what they read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setup {
    /// The article folder (the one the reader shows).
    pub dir: PathBuf,
    /// Where ingest keeps its ledger (`None`: in memory).
    pub state_dir: Option<PathBuf>,
    /// The subscriptions file (`None`: no home folder).
    pub feeds: Option<PathBuf>,
}

impl Setup {
    /// Ingest into `dir` as `kiosk add` and `kiosk fetch` do: the ledger in
    /// the state folder, the subscriptions in the configuration folder.
    pub fn for_folder(dir: &Path) -> Setup {
        Setup {
            dir: dir.to_path_buf(),
            state_dir: crate::state::default_dir(),
            feeds: subscriptions::default_file(),
        }
    }
}

/// Runs `job` here and now with `client`, reporting each step and then the
/// end to `report`.
pub fn run(job: &Job, setup: &Setup, client: &Client, report: &(dyn Fn(Report) + Sync)) {
    let progress = |p: Progress| report(Report::Progress(job.clone(), p));
    let store = Store::open(setup.state_dir.clone());
    let result = match job {
        Job::Save { url, via, .. } => {
            let options = AddOptions {
                dir: setup.dir.clone(),
                via: Some(via.clone()),
                ..AddOptions::default()
            };
            Ok(add(client, &store, std::slice::from_ref(url), &options, &progress))
        }
        Job::Fetch => read_feeds(setup).map(|subs| {
            let options = FetchOptions {
                dir: setup.dir.clone(),
                ..FetchOptions::default()
            };
            fetch(client, &store, &subs, &options, &progress)
        }),
    };
    let result = result.and_then(|summary| {
        store.save().map_err(|e| format!("cannot save ingest state: {e}"))?;
        Ok(summary)
    });
    report(Report::Done(job.clone(), result));
}

/// Runs `job` on a thread of its own with the environment's client (its
/// proxies), sending its reports to `send`.
pub fn spawn(job: Job, setup: Setup, send: impl Fn(Report) + Send + Sync + 'static) {
    std::thread::spawn(move || match Client::from_env() {
        Ok(client) => run(&job, &setup, &client, &send),
        Err(e) => send(Report::Done(job, Err(e.to_string()))),
    });
}

fn read_feeds(setup: &Setup) -> Result<Vec<subscriptions::Subscription>, String> {
    let Some(file) = &setup.feeds else {
        return Err("no subscriptions: no home folder to find them in".into());
    };
    if !file.exists() {
        return Err(format!(
            "no subscriptions in {}: `kiosk feeds import FILE` adds them",
            file.display()
        ));
    }
    let subs = subscriptions::read(file)?;
    if subs.is_empty() {
        return Err(format!("{} lists no feeds", file.display()));
    }
    Ok(subs)
}
